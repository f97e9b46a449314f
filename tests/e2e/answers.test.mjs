// End-to-end specs of the report's answers at a glance: nothing invented
// (a horizon longer than the data draws no day before the first poll as
// observed and counts no assumed outage in the list's heading), the fleet
// headline and "Down now" (the command's state_now count, filtering the
// table), least available with its floor (on the large set: no store open
// less than the floor), each checked by axe-core in light and dark at
// 1280 and 390 px.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";

import {
  DATA,
  HOURS,
  STATUS,
  ZONES,
  noViolations,
  chooseFiles,
  cli,
  generate,
  parseCsv,
  screenshot,
  suiteFixture,
  waitForReport,
  waitForSlots,
  withAppPage,
} from "./helpers.mjs";

const fixture = suiteFixture("answers");
const withPage = (body) => withAppPage(fixture.chromium.context, fixture.server.url, body);
const count = (n) => n.toLocaleString("en-US");

/** Generates a report of `files` over `days` days; resolves to its view's selector. */
async function report(page, files, days = 7) {
  await chooseFiles(page, files);
  await waitForSlots(page, files.length);
  await page.fill("[data-testid=setting-horizon]", String(days));
  await page.press("[data-testid=setting-horizon]", "Tab");
  const id = await generate(page);
  assert.match(await waitForReport(page, id, 180_000), /Complete/);
  return { id, view: `[data-testid=report-view][data-report-id="${id}"]` };
}

/** How many stores the table says it shows. */
async function shownCount(page, view) {
  const text = await page.textContent(`${view} [data-testid=row-count]`);
  if (/^No store/.test(text)) return 0;
  return Number(text.match(/of ([\d,]+) (matching )?stores/)[1].replaceAll(",", ""));
}

describe("nothing invented", () => {
  test("a 90-day horizon on 9 days of data draws no day before the first poll and counts no assumed outage", async () => {
    await withPage(async (page) => {
      const { view } = await report(page, [STATUS, HOURS, ZONES], 90);
      const outagesFile = join(fixture.scratch, "outages-90.csv");
      await cli(["--status", STATUS, "--hours", HOURS, "--timezones", ZONES, "--days", "90", "--outages", outagesFile]);
      const outages = parseCsv(await readFile(outagesFile)).slice(1);
      const assumed = outages.filter((row) => row[7] === "true");
      const observed = outages.filter((row) => row[7] === "false");
      assert.ok(assumed.length > 0 && observed.length > 0, `${assumed.length} assumed, ${observed.length} observed: both cases checked`);

      // The fleet's first poll, from the status file itself.
      const status = parseCsv(await readFile(STATUS)).slice(1);
      const firstPoll = status.map((row) => Date.parse(row[2].replace(" UTC", "Z").replace(" ", "T"))).reduce((a, b) => Math.min(a, b));
      // A local date ending before the first poll in every zone (UTC+14 at most) is before it.
      const cells = await page.$$eval(`${view} [data-testid=fleet-strip] [role=gridcell]`, (cells) =>
        cells.map((cell) => ({ date: cell.dataset.date, noData: cell.dataset.noData === "true", tip: cell.dataset.tip })),
      );
      assert.equal(cells.length >= 90, true, `${cells.length} dates`);
      const before = cells.filter((cell) => Date.parse(`${cell.date}T00:00:00Z`) + 86_400_000 + 14 * 3_600_000 <= firstPoll);
      assert.ok(before.length >= 75, `${before.length} dates wholly before the first poll`);
      for (const cell of before) {
        assert.ok(cell.noData, `${cell.date} is drawn as data: ${cell.tip}`);
        assert.match(cell.tip, /no data/);
      }
      // Every date with a poll is drawn from what was observed.
      const observedCells = cells.filter((cell) => !cell.noData);
      assert.ok(observedCells.length >= 9 && observedCells.length <= 12, `${observedCells.length} observed dates`);
      assert.equal(await page.$$eval(`${view} [data-testid=fleet-strip-dates] span`, (spans) => spans.length), 2);

      // The outage list's heading counts the observed outages, the assumed apart.
      const heading = await page.textContent(`${view} [data-testid=fleet-outages] summary`);
      assert.ok(heading.startsWith(`Outages over the last 90 days: ${count(observed.length)} (`), heading);
      assert.ok(heading.includes(`; ${count(assumed.length)} assumed outage`), heading);
      await page.click(`${view} [data-testid=fleet-outages] summary`);
      const position = `${view} [data-testid=outage-position]`;
      await page.waitForFunction(
        ([selector, text]) => document.querySelector(selector)?.textContent.includes(text),
        [position, `of ${count(observed.length)}`],
      );
      // Asked for, the assumed ones are listed too.
      await page.check(`${view} [data-testid=outage-assumed]`);
      await page.waitForFunction(
        ([selector, text]) => document.querySelector(selector)?.textContent.includes(text),
        [position, `of ${count(outages.length)}`],
      );
      // Ongoing only: the rows of the CSV with ongoing = true.
      await page.uncheck(`${view} [data-testid=outage-assumed]`);
      await page.check(`${view} [data-testid=outage-ongoing-only]`);
      const ongoing = observed.filter((row) => row[6] === "true").length;
      await page.waitForFunction(
        ([view, text]) => {
          const list = document.querySelector(`${view} [data-testid=outage-list]`);
          const shown = document.querySelector(`${view} [data-testid=outage-position]`)?.textContent ?? "";
          return list?.dataset.state === "listed" && list.dataset.ongoingOnly === "true" && shown.includes(text);
        },
        [view, ongoing === 0 ? "No outage" : `of ${count(ongoing)}`],
      );
      // Times on the store's clock, the RFC 3339 form in the tooltip.
      if (ongoing > 0) {
        const first = await page.$eval(`${view} [data-testid=fleet-outage] td`, (cell) => [cell.textContent.trim(), cell.title]);
        assert.match(first[0], /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2} \d\d:\d\d( \S+)?$/, first[0]);
        assert.match(first[1], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/, first[1]);
      }
      const notices = await page.textContent(`${view} [data-testid=assumed-notices]`);
      assert.match(notices, /The last 90 days begin before the fleet's first poll/);
      await noViolations(page, "a 90-day report's strip and outage list", `${view} [data-testid=fleet-outages]`, { whole: false });
      await noViolations(page, "the fleet strip", `${view} [data-testid=fleet-strip]`, { whole: false });
    });
  });
});

describe("the fleet headline and down now", () => {
  test("the headline's figures are the command's pooled figures, and Down now is its state_now count and filters the table", async () => {
    await withPage(async (page) => {
      const { view } = await report(page, [STATUS, HOURS, ZONES]);
      const extended = parseCsv(await cli(["--status", STATUS, "--hours", HOURS, "--timezones", ZONES, "--format", "extended"]));
      const header = extended[0];
      const rows = extended.slice(1);
      const column = (name) => header.indexOf(name);
      const down = rows.filter((row) => row[column("state_now")] === "down");
      const up = rows.filter((row) => row[column("state_now")] === "up");
      assert.ok(down.length > 0 && up.length > 0, `${down.length} down, ${up.length} up: both cases checked`);

      const headline = `${view} [data-testid=fleet-headline]`;
      await page.waitForSelector(headline);
      assert.equal(await page.getAttribute(`${headline} [data-testid=down-now]`, "data-count"), String(down.length));
      assert.equal((await page.textContent(`${headline} [data-testid=down-now]`)).trim(), `Down now: ${count(down.length)}`);
      assert.match(await page.textContent(`${headline} [data-testid=headline-states]`), new RegExp(`Up now: ${count(up.length)} `));

      // The day's figure pooled from the command's figures: every store of
      // these data is polled from before the day (the first polls are a week
      // before now), so nothing of it is assumed (else the headline would
      // say so, and differ). The week starts seconds before the first polls:
      // the headline says what it leaves out there.
      const notices = await page.textContent(`${headline} [data-testid=assumed-notices]`);
      assert.doesNotMatch(notices, /last day|last hour/);
      assert.match(notices, /Over the last week, [\d,]+ stores had their first poll after it began/);
      const sum = (name) => rows.reduce((total, row) => total + Number(row[column(name)]), 0);
      const pooled = sum("uptime_last_day_minutes") / (sum("uptime_last_day_minutes") + sum("downtime_last_day_minutes"));
      const thousandths = Number(await page.getAttribute(`${headline} [data-testid=headline-day]`, "data-thousandths"));
      // The CSV's minutes are rounded to hundredths: the pooled share agrees within that.
      assert.ok(Math.abs(thousandths / 1000 - 100 * pooled) < 0.002, `${thousandths} vs ${100 * pooled}`);
      assert.match(await page.textContent(`${headline} [data-testid=headline-day]`), new RegExp(`${(100 * pooled).toFixed(1)}%`));
      await screenshot(page, "fleet-headline", headline);
      await noViolations(page, "the fleet headline", headline, { whole: false });

      // Down now filters the table to those stores, down the longest first.
      await page.click(`${headline} [data-testid=down-now]`);
      await page.waitForFunction(
        ([view, n]) => {
          const text = document.querySelector(`${view} [data-testid=row-count]`)?.textContent ?? "";
          return text.includes(`of ${n} matching stores`);
        },
        [view, count(down.length)],
      );
      assert.equal(await shownCount(page, view), down.length);
      assert.ok(await page.isChecked(`${view} [data-testid=down-now-only]`));
      const states = await page.$$eval(`${view} [data-testid=report-table] tbody tr.store-row td.state-now`, (cells) =>
        cells.map((cell) => cell.dataset.state),
      );
      assert.ok(states.length > 0 && states.every((state) => state === "down"), states.join());
      const firstId = await page.$eval(`${view} [data-testid=report-table] tbody tr.store-row th`, (th) => th.textContent.trim());
      const longest = down.reduce((a, b) => (Date.parse(b[column("down_since")]) < Date.parse(a[column("down_since")]) ? b : a));
      const since = (id) => down.find((row) => row[0] === id)[column("down_since")];
      assert.equal(since(firstId), longest[column("down_since")]);
      assert.ok(new URL(page.url()).hash.includes("down-now"), page.url());
      await screenshot(page, "down-now", `${view} [data-testid=report-table]`);
      await noViolations(page, "the table of the stores down now", `${view} [data-testid=table-conditions]`, { whole: false });
    });
  });
});

describe("least available", () => {
  test("on the large set, lists no store open less than the floor, by share or by downtime", async () => {
    const large = ["status.csv", "menu_hours.csv", "timezones.csv"].map((name) => join(DATA, "large", name));
    await withPage(async (page) => {
      const { view } = await report(page, large);
      const extended = parseCsv(await cli(["--status", large[0], "--hours", large[1], "--timezones", large[2], "--format", "extended"]));
      const header = extended[0];
      const week = new Map(
        extended.slice(1).map((row) => [
          row[0],
          {
            up: Number(row[header.indexOf("uptime_last_week_minutes")]),
            down: Number(row[header.indexOf("downtime_last_week_minutes")]),
          },
        ]),
      );
      const chart = `${view} [data-testid=overview-least]`;
      const listed = () => page.$$eval(`${chart} a.store-bar`, (bars) => bars.map((bar) => bar.dataset.storeId));
      const open = (id) => week.get(id).up + week.get(id).down;
      assert.equal(await page.inputValue(`${chart} [data-testid=least-floor]`), "8");
      const byShare = await listed();
      assert.equal(byShare.length, 10);
      for (const id of byShare) assert.ok(open(id) >= 480, `${id} open ${open(id)} minutes`);
      // Lowest share first, as the command's figures say.
      const share = (id) => week.get(id).up / open(id);
      for (let i = 1; i < byShare.length; i++) assert.ok(share(byShare[i - 1]) <= share(byShare[i]) + 1e-4, byShare.join());
      // Every store above the floor and below the tenth's share is listed.
      const tenth = share(byShare[9]);
      const lower = [...week.keys()].filter((id) => open(id) >= 480 && share(id) < tenth - 1e-4);
      assert.ok(lower.every((id) => byShare.includes(id)), lower.join());

      // By downtime: the ten most down minutes above the floor.
      await page.selectOption(`${chart} [data-testid=least-order]`, "downtime");
      await page.waitForFunction((chart) => /Downtime in business hours/.test(document.querySelector(chart).textContent), chart);
      const byDowntime = await listed();
      const most = [...week.keys()].filter((id) => open(id) >= 480).sort((a, b) => week.get(b).down - week.get(a).down);
      assert.deepEqual(byDowntime.map((id) => week.get(id).down), most.slice(0, 10).map((id) => week.get(id).down));
      // A floor of a whole week's 168 hours keeps only stores open all week.
      await page.fill(`${chart} [data-testid=least-floor]`, "168");
      await page.press(`${chart} [data-testid=least-floor]`, "Tab");
      await page.waitForSelector(`${chart}[data-floor-hours="168"]`);
      for (const id of await listed()) assert.ok(open(id) >= 10_080, `${id} open ${open(id)} minutes`);
      // No green bar for a store mostly down.
      const severities = await page.$$eval(`${chart} rect.bar`, (bars) => bars.map((bar) => bar.getAttribute("class")));
      assert.ok(severities.every((c) => /severity-\d/.test(c)), severities.join());
      await noViolations(page, "least available", chart, { whole: false });

      // "Show in the table" lists the stores the chart ranks: its floor is
      // the table's condition, shown and removable.
      await page.click(`${chart} [data-testid=show-least]`);
      await page.waitForSelector(`${view} [data-testid=open-floor-condition]`);
      assert.match(await page.textContent(`${view} [data-testid=open-floor-condition] span`), /^Open at least 168 h this week/);
      // Open all week: 10,080 business minutes (the sum of two figures
      // rounded to 0.01 is within 0.01 of it; no store is open a second less).
      const allWeek = [...week.keys()].filter((id) => open(id) >= 10_079.98).length;
      assert.ok(allWeek > 0 && allWeek < week.size, `${allWeek} of ${week.size} stores open all week: the floor hides some`);
      await page.waitForFunction(
        ([view, count]) => document.querySelector(`${view} [data-testid=row-count]`).textContent.includes(`of ${count} matching`),
        [view, allWeek.toLocaleString("en")],
      );
      assert.equal(await shownCount(page, view), allWeek);
      await page.click(`${view} [data-testid=remove-open-floor]`);
      await page.waitForFunction(
        ([view, count]) => !document.querySelector(`${view} [data-testid=row-count]`).textContent.includes(`of ${count} matching`),
        [view, allWeek.toLocaleString("en")],
      );
      assert.equal(await shownCount(page, view), week.size);
    });
  });
});
