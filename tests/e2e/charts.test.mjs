// End-to-end specs of what the report draws: the fleet overview's charts,
// a store's timeline (opened from the table, the overview or the address),
// and a week in which the clocks change. Figures are checked against the
// store-uptime command on the same files.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, test } from "node:test";

import {
  HOURS,
  STATUS,
  ZONES,
  browser,
  chooseFiles,
  cli,
  generate,
  parseCsv,
  screenshot,
  suiteFixture,
  tableRows,
  waitForReport,
  waitForSlots,
  unnamedControls,
  withAppPage,
} from "./helpers.mjs";

const fixture = suiteFixture("charts");
let lines;

before(async () => {
  lines = parseCsv(await cli(["--status", STATUS, "--hours", HOURS, "--timezones", ZONES])).slice(1);
});

const withPage = (body, url = fixture.server.url) => withAppPage(fixture.chromium.context, url, body);

/** Loads the three generated files and makes a report; resolves to its id. */
async function report(page) {
  await chooseFiles(page, [STATUS, HOURS, ZONES]);
  await waitForSlots(page, 3);
  const id = await generate(page);
  assert.match(await waitForReport(page, id), /Complete/);
  return id;
}

/**
 * Since when each store has been down at its latest poll (the report's
 * now): a sortable text of the first poll of its last run of inactive
 * polls, or null when its status at now is active. Polls at one instant
 * keep the file's order.
 */
function downSince(statusText) {
  const polls = new Map();
  for (const line of statusText.trimEnd().split("\n").slice(1)) {
    const [store, status, timestamp] = line.split(",");
    const [date, time] = timestamp.replace(" UTC", "").split(" ");
    const [whole, fraction = ""] = time.split(".");
    const at = `${date} ${whole}.${fraction.padEnd(9, "0")}`;
    if (!polls.has(store)) polls.set(store, []);
    polls.get(store).push([at, status === "active"]);
  }
  const since = new Map();
  for (const [store, list] of polls) {
    list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let down = list[0][1] ? null : list[0][0];
    for (const [at, active] of list) down = active ? null : (down ?? at);
    since.set(store, down);
  }
  return since;
}

const timeline = (store) => `[data-testid=store-timeline][data-store-id="${store}"]`;
const drawn = (page, store) => page.waitForSelector(`${timeline(store)}[data-state=drawn] svg.timeline`);

/** The six figures of a store's timeline, as [business, uptime, downtime] per window. */
const arithmetic = (page, store) =>
  page.$$eval(`${timeline(store)} [data-testid=store-arithmetic] tbody tr`, (rows) =>
    rows.map((row) => ["business", "uptime", "downtime"].map((f) => row.querySelector(`[data-figure=${f}]`).textContent)),
  );

describe("the fleet overview", () => {
  test("draws its three charts above the table, from the report's figures", async () => {
    await withPage(async (page) => {
      const id = await report(page);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      const overview = `${view} [data-testid=fleet-overview]`;
      // Above the table, and there as soon as the table is.
      const above = await page.$eval(overview, (overview) => {
        const table = document.querySelector("[data-testid=report-table]");
        return Boolean(overview.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      assert.ok(above, "the overview comes before the table");

      // The histogram: bins of weekly uptime finer near 100 % (0, 50, 80, 90,
      // 95, 98, 99, 99.9 % and exactly 100 %), and the stores closed all week.
      const floors = [0, 500, 800, 900, 950, 980, 990, 999, 1000];
      const bins = await page.$$eval(`${overview} svg.histogram g.bin`, (bins) => bins.map((bin) => Number(bin.dataset.count)));
      assert.equal(bins.length, floors.length);
      const expected = new Array(floors.length).fill(0);
      let closed = 0;
      for (const line of lines) {
        const [up, down] = [Number(line[5]), Number(line[6])];
        if (up + down === 0) closed++;
        else expected[floors.findLastIndex((floor) => up * 1000 >= floor * (up + down))]++;
      }
      assert.deepEqual(bins, expected);
      assert.equal(await page.$$eval(`${overview} svg.histogram rect.bar`, (bars) => bars.length), floors.length);
      const closedText = await page.textContent(`${overview} [data-testid=no-business-time]`);
      assert.match(closedText, closed === 0 ? /Every store had business hours/ : new RegExp(`^${closed} stores? had no business hours`));
      assert.match(await page.getAttribute(`${overview} svg.histogram`, "role"), /img/);
      assert.match(await page.textContent(`${overview} svg.histogram desc`), /^100 %: \d+ stores?; 99\.9–100 %: \d+ stores?; 99–99\.9 %/);

      // Down in the last hour: the count, and the ten down longest, longest first.
      const downInHour = lines.filter((line) => Number(line[2]) > 0);
      assert.match(await page.textContent(`${overview} [data-testid=overview-down] h3`), new RegExp(`Down in the last hour: ${downInHour.length} of`));
      const downBars = await page.$$eval(`${overview} [data-testid=overview-down] svg a`, (links) =>
        links.map((link) => [link.dataset.storeId, link.querySelector(".bar-figure").textContent]),
      );
      assert.equal(downBars.length, Math.min(10, downInHour.length));
      const longest = Math.max(...downInHour.map((line) => Number(line[2])));
      assert.equal(downBars[0][1], `${longest} min`);
      for (const [store, figure] of downBars) {
        assert.equal(`${lines.find((line) => line[0] === store)[2]} min`, figure);
      }
      // Among equal minutes, the stores still down at now come first, down
      // the longest first: since the first poll of their last run of
      // inactive polls (before its first poll, a store has that poll's
      // status), computed here from the status file itself.
      const since = downSince(await readFile(STATUS, "utf8"));
      const key = (store) => (since.has(store) && since.get(store) !== null ? `0 ${since.get(store)}` : "1");
      for (let i = 1; i < downBars.length; i++) {
        if (downBars[i - 1][1] !== downBars[i][1]) continue;
        assert.ok(key(downBars[i - 1][0]) <= key(downBars[i][0]), `${downBars[i - 1][0]} before ${downBars[i][0]}`);
      }
      assert.ok(downBars.some(([store]) => since.get(store)), "some store in the chart is still down");

      // The ten least available, lowest weekly uptime first.
      const least = await page.$$eval(`${overview} [data-testid=overview-least] svg a`, (links) => links.map((link) => link.dataset.storeId));
      assert.equal(least.length, 10);
      const share = (store) => {
        const line = lines.find((line) => line[0] === store);
        return Number(line[5]) / (Number(line[5]) + Number(line[6]));
      };
      const lowest = Math.min(...lines.filter((line) => Number(line[5]) + Number(line[6]) > 0).map((line) => share(line[0])));
      assert.ok(Math.abs(share(least[0]) - lowest) < 1e-3);
      for (let i = 1; i < least.length; i++) assert.ok(share(least[i - 1]) <= share(least[i]) + 1e-3);
      await screenshot(page, "fleet-overview", overview);

      // A store in a chart is a link to its week.
      await page.click(`${overview} [data-testid=overview-least] svg a >> nth=0`);
      await drawn(page, least[0]);
      assert.ok(page.url().endsWith(`#store=${least[0]}`), page.url());

      // Every control of a report, charts included, has a name.
      const unnamed = await unnamedControls(page);
      assert.deepEqual(unnamed, []);

      // Keyboard: Tab reaches the links, Enter opens the store.
      await page.focus(`${overview} [data-testid=overview-down] svg a >> nth=1`);
      await page.keyboard.press("Enter");
      await drawn(page, downBars[1][0]);
      await page.waitForFunction(() => document.activeElement?.id === "store-timeline-heading");
    });
  });
});

describe("a store's timeline", () => {
  test("opens on a click on its row, names the store in the address, and adds up", async () => {
    await withPage(async (page) => {
      const first = await report(page);
      const table = `[data-testid=report-table][data-report-id="${first}"]`;
      await page.click(`${table} [data-testid=sort-downtime_last_week]`);
      const store = (await tableRows(page, first))[0][0];
      // Anywhere on the row: here, a figure's cell.
      const clicked = await page.evaluate(() => performance.now());
      await page.click(`${table} tbody tr:first-child td:nth-of-type(5)`);
      await drawn(page, store);
      const ms = await page.evaluate((clicked) => performance.now() - clicked, clicked);
      assert.ok(ms < 2000, `${ms} ms`);
      // The store beside the table's order, which the address keeps too.
      const address = new URLSearchParams(new URL(page.url()).hash.slice(1));
      assert.equal(address.get("store"), store, page.url());
      assert.equal(address.get("sort"), "-downtime_last_week");
      await page.waitForFunction(() => document.activeElement?.id === "store-timeline-heading");

      // The last week and the last day, each with its days, bands, status and polls.
      const svgs = await page.$$eval(`${timeline(store)} svg.timeline`, (svgs) =>
        svgs.map((svg) => ({
          days: svg.querySelectorAll("rect[data-day]").length,
          bands: svg.querySelectorAll("[data-band]").length,
          up: svg.querySelectorAll("rect.up:not(.poll)").length,
          down: svg.querySelectorAll("rect.down:not(.poll)").length,
          polls: svg.querySelectorAll("rect.poll").length,
          pollTitle: svg.querySelector("rect.poll title")?.textContent,
          windows: [...svg.querySelectorAll("[data-window]")].map((line) => line.dataset.window),
          label: svg.getAttribute("aria-labelledby").split(" ").map((id) => document.getElementById(id)?.textContent).join(" "),
        })),
      );
      assert.equal(svgs.length, 2);
      const [week, day] = svgs;
      assert.ok(week.days >= 7 && week.days <= 8, `${week.days} days`);
      assert.ok(week.polls > 24, `${week.polls} polls`);
      assert.ok(week.down > 0, "the store with the most downtime is down at times");
      assert.match(week.pollTitle, /^Poll: (in)?active \w{3} \d+ \w{3} \d\d:\d\d:\d\d \S+, 2023-01-\d\d \d\d:\d\d:\d\d(\.\d+)? UTC$/);
      assert.deepEqual(week.windows, ["hour", "day"]);
      assert.deepEqual(day.windows, ["hour"]);
      assert.match(week.label, new RegExp(`Store ${store}, timezone [\\w/]+: open .* up .* down .*\\d+ polls`));

      // Business time in each window = uptime + downtime, the CSV's figures.
      const csv = lines.find(([id]) => id === store);
      const figures = await arithmetic(page, store);
      figures.forEach(([business, up, down], window) => {
        assert.deepEqual([up, down], [csv[1 + 2 * window], csv[2 + 2 * window]]);
        assert.ok(Math.abs(Number(business) - Number(up) - Number(down)) <= 0.011, `${business} = ${up} + ${down}`);
      });
      await screenshot(page, "store-timeline", timeline(store));

      // Keyboard: arrows move between rows, Enter opens the store.
      await page.focus(`${table} tbody tr:first-child [data-testid=explain-store]`);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      const third = (await tableRows(page, first))[2][0];
      assert.equal(await page.evaluate(() => document.activeElement.textContent), third);
      await page.keyboard.press("Enter");
      await drawn(page, third);

      // Close forgets the store, in the address too.
      await page.click("[data-testid=close-timeline]");
      assert.equal(await page.$("[data-testid=store-timeline]"), null);
      assert.ok(!page.url().includes("store="), page.url());
      assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get("sort"), "-downtime_last_week");

      // An older report's data is read again to explain its stores.
      const second = await generate(page);
      await waitForReport(page, second);
      await page.click(`[data-testid=show-report][data-report-id="${first}"]`);
      await page.fill(`[data-testid=report-view][data-report-id="${first}"] [data-testid=filter]`, store);
      await page.click(`${table} tr[data-store-id="${store}"] [data-testid=explain-store]`);
      await drawn(page, store);
      assert.deepEqual(await arithmetic(page, store), figures);
    });
  });

  test("an address naming a store shows its week once the report is there; Back returns", async () => {
    const [a, b] = [lines[3][0], lines[9][0]];
    await withPage(async (page) => {
      await report(page);
      await drawn(page, a);
      assert.deepEqual((await arithmetic(page, a)).map((row) => row.slice(1)), [
        [lines[3][1], lines[3][2]],
        [lines[3][3], lines[3][4]],
        [lines[3][5], lines[3][6]],
      ]);
      await page.evaluate((b) => {
        location.hash = `#store=${b}`;
      }, b);
      await drawn(page, b);
      await page.goBack();
      await drawn(page, a);
      // An id that is not in the report says so.
      await page.evaluate(() => {
        location.hash = "#store=no%20such%20store";
      });
      await page.waitForSelector(`${timeline("no such store")}[data-state=unavailable]`);
      assert.match(await page.textContent(timeline("no such store")), /No such store in this report/);
    }, `${fixture.server.url}#store=${a}`);
  });

  test("a week in which the clocks change has a 23-hour day, drawn narrower", async () => {
    // One Chicago store open every day 09:00–17:00, polled hourly for the
    // week to 2023-03-15 12:00 UTC; clocks went forward on Sunday 12 March.
    // Down at 10:00 and 11:00 local on that Sunday (15:00 and 16:00 UTC).
    const polls = ["store_id,status,timestamp_utc"];
    for (let t = Date.UTC(2023, 2, 8, 12); t <= Date.UTC(2023, 2, 15, 12); t += 3_600_000) {
      const when = new Date(t).toISOString().replace("T", " ").replace(".000Z", " UTC");
      const down = t === Date.UTC(2023, 2, 12, 15) || t === Date.UTC(2023, 2, 12, 16);
      polls.push(`dst-1,${down ? "inactive" : "active"},${when}`);
    }
    const status = join(fixture.scratch, "dst-status.csv");
    const hours = join(fixture.scratch, "dst-hours.csv");
    const zones = join(fixture.scratch, "dst-timezones.csv");
    await writeFile(status, polls.join("\n") + "\n");
    await writeFile(hours, ["store_id,day,start_time_local,end_time_local", ...[0, 1, 2, 3, 4, 5, 6].map((d) => `dst-1,${d},09:00,17:00`)].join("\n") + "\n");
    await writeFile(zones, "store_id,timezone_str\ndst-1,America/Chicago\n");
    await withPage(async (page) => {
      await chooseFiles(page, [status, hours, zones]);
      await waitForSlots(page, 3);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      await page.click(`[data-testid=report-table][data-report-id="${id}"] tbody tr:first-child`);
      await drawn(page, "dst-1");
      const week = await page.$eval(`${timeline("dst-1")} svg.timeline`, (svg) => ({
        bands: svg.querySelectorAll("[data-band]").length,
        days: [...svg.querySelectorAll("rect[data-day]")].map((day) => [day.dataset.day, Number(day.dataset.hours), Number(day.getAttribute("width"))]),
        labels: [...svg.querySelectorAll(".day-label")].map((label) => label.textContent),
      }));
      // The engine's spring-forward test: seven bands, local days Wed 8th to Wed 15th.
      assert.equal(week.bands, 7);
      assert.deepEqual(week.days.map(([date]) => date), ["2023-03-08", "2023-03-09", "2023-03-10", "2023-03-11", "2023-03-12", "2023-03-13", "2023-03-14", "2023-03-15"]);
      assert.deepEqual(week.days.map(([, hours]) => hours), [24, 24, 24, 24, 23, 24, 24, 24]);
      const [, , saturday] = week.days[3];
      const [, , sunday] = week.days[4];
      assert.ok(Math.abs(sunday / saturday - 23 / 24) < 0.002, `${sunday} / ${saturday}`);
      assert.ok(week.labels.includes("Sun 12 Mar · 23 h"), week.labels.join(" | "));
      assert.match(await page.textContent(timeline("dst-1")), /Sun 12 Mar has 23 hours/);
      // 7 days of 8 hours, less the two down hours on the Sunday: as the command says.
      const csv = parseCsv(await cli(["--status", status, "--hours", hours, "--timezones", zones])).slice(1);
      assert.deepEqual(csv[0].slice(5), ["3240", "120"]);
      const figures = await arithmetic(page, "dst-1");
      assert.deepEqual(figures[2], ["3360", "3240", "120"]);
      await screenshot(page, "store-timeline-dst", timeline("dst-1"));
    });
  });
});

describe("how it is computed", () => {
  test("the worked example's figures are the command's for the same files", async () => {
    await withPage(async (page) => {
      await page.click("[data-testid=how-computed] summary");
      await page.waitForSelector("[data-testid=how-computed] svg.timeline");
      const text = await page.textContent("[data-testid=how-computed]");
      assert.match(text, /uptime \+ downtime = its business time/);
      assert.match(text, /Before its first poll, a store has the status of that first poll/);
      const pieces = await page.$$eval("[data-testid=example-pieces] li", (items) => items.map((item) => item.textContent));
      assert.deepEqual(pieces, [
        "Tue 24 Jan 12:00–15:30: up (active), 3 h 30 min",
        "Tue 24 Jan 15:30–17:00: down (inactive), 1 h 30 min",
        "Wed 25 Jan 09:00–10:20: down (inactive), 1 h 20 min",
        "Wed 25 Jan 10:20–12:00: up (active), 1 h 40 min",
      ]);
      assert.match(await page.textContent("[data-testid=example-sum]"), /^Uptime = 210 \+ 100 = 310 minutes; downtime = 90 \+ 80 = 170 minutes; together 480 minutes/);

      // The files shown, given to the command, give the figures shown.
      const files = await page.$$eval("[data-testid=how-computed] .example-file", (figures) =>
        figures.map((figure) => [figure.querySelector("figcaption").textContent, figure.querySelector("pre").textContent]),
      );
      const paths = [];
      for (const [name, content] of files) {
        const path = join(fixture.scratch, `example-${name}`);
        await writeFile(path, content);
        paths.push(path);
      }
      const [row] = parseCsv(await cli(paths)).slice(1);
      const shown = await page.$$eval("[data-testid=how-computed] [data-testid=store-arithmetic] tbody tr", (rows) =>
        rows.map((row) => ["business", "uptime", "downtime"].map((f) => row.querySelector(`[data-figure=${f}]`).textContent)),
      );
      assert.deepEqual(shown, [
        ["60", row[1], row[2]],
        ["480", row[3], row[4]],
        ["960", row[5], row[6]],
      ]);
      assert.deepEqual(row.slice(1), ["60", "0", "310", "170", "790", "170"]);
      await screenshot(page, "how-computed", "[data-testid=how-computed]");
    });
  });
});

describe("themes and printing", () => {
  test("the theme switch is kept in the browser, and printing shows the report without controls", async () => {
    await withPage(async (page) => {
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await background();
      await page.selectOption("[data-testid=theme]", "dark");
      assert.equal(await page.getAttribute("html", "data-theme"), "dark");
      const dark = await background();
      assert.notEqual(dark, light);
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
      assert.equal(await page.inputValue("[data-testid=theme]"), "dark");
      assert.equal(await background(), dark);
      // Light wins over a dark system setting, and "as the system" follows it.
      await page.emulateMedia({ colorScheme: "dark" });
      await page.selectOption("[data-testid=theme]", "light");
      assert.equal(await background(), light);
      await page.selectOption("[data-testid=theme]", "system");
      assert.equal(await page.getAttribute("html", "data-theme"), null);
      assert.equal(await background(), dark);
      await page.selectOption("[data-testid=theme]", "dark");

      const id = await report(page);
      await page.click(`[data-testid=report-table][data-report-id="${id}"] tbody tr:first-child`);
      await page.waitForSelector("[data-testid=store-timeline][data-state=drawn] svg.timeline");
      await page.emulateMedia({ media: "print" });
      for (const hidden of ["[data-testid=drop-zone]", "[data-testid=generate]", "[data-testid=filter]", "[data-testid=page-next]", "[data-testid=download-csv]", "[data-testid=close-timeline]", "[data-testid=theme]"]) {
        assert.equal(await page.isVisible(hidden), false, `${hidden} is printed`);
      }
      for (const shown of ["[data-testid=report-table]", "[data-testid=fleet-overview] svg.histogram", "[data-testid=store-timeline] svg.timeline", "[data-testid=report-summary]"]) {
        assert.equal(await page.isVisible(shown), true, `${shown} is not printed`);
      }
      // Printed in the light theme, whatever the screen's.
      assert.equal(await background(), "rgb(255, 255, 255)");
      await screenshot(page, "print", `[data-testid=report-view][data-report-id="${id}"]`);
      await page.emulateMedia({ media: "screen", colorScheme: "light" });
      await page.selectOption("[data-testid=theme]", "system");
    });
  });
});
