// End-to-end specs of outages and days: the horizon setting, the outage
// list and per-day table downloads (byte for byte the command's --outages
// and --daily), the table's outage columns and day strips, the fleet's
// strip and longest outages, and a store's outages under its timeline.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";

import {
  HOURS,
  STATUS,
  ZONES,
  chooseFiles,
  cli,
  download,
  generate,
  parseCsv,
  screenshot,
  suiteFixture,
  tableRows,
  waitForReport,
  waitForSlots,
  withAppPage,
} from "./helpers.mjs";

const fixture = suiteFixture("outages");
const withPage = (body) => withAppPage(fixture.chromium.context, fixture.server.url, body);

/** The command's outage list and per-day table for `args` over `days` days. */
async function expected(args, days, name) {
  const outages = join(fixture.scratch, `${name}-outages.csv`);
  const daily = join(fixture.scratch, `${name}-daily.csv`);
  const report = await cli([...args, "--days", String(days), "--outages", outages, "--daily", daily]);
  return { report, outages: await readFile(outages), daily: await readFile(daily) };
}

describe("outages and days match the command line byte for byte", () => {
  const variants = [
    {
      name: "three files, nine days",
      files: [STATUS, HOURS, ZONES],
      days: 9,
      args: ["--status", STATUS, "--hours", HOURS, "--timezones", ZONES],
    },
    {
      name: "an explicit now, another default timezone, hours units, two days",
      files: [STATUS, HOURS],
      days: 2,
      now: "2023-01-24T06:30:00.25Z",
      zone: "Asia/Tokyo",
      units: "hours",
      args: ["--status", STATUS, "--hours", HOURS, "--now", "2023-01-24T06:30:00.25Z", "--default-timezone", "Asia/Tokyo", "--units", "hours"],
    },
  ];
  for (const variant of variants) {
    test(variant.name, async () => {
      await withPage(async (page) => {
        await chooseFiles(page, variant.files);
        await waitForSlots(page, variant.files.length);
        if (variant.now) await page.fill("[data-testid=setting-now]", variant.now);
        if (variant.zone) await page.selectOption("[data-testid=setting-timezone]", variant.zone);
        if (variant.units) await page.selectOption("[data-testid=setting-units]", variant.units);
        await page.fill("[data-testid=setting-horizon]", String(variant.days));
        await page.press("[data-testid=setting-horizon]", "Tab");
        const id = await generate(page);
        assert.match(await waitForReport(page, id), /Complete/);
        const want = await expected(variant.args, variant.days, `v${id}`);
        const view = `[data-testid=report-view][data-report-id="${id}"]`;

        // The report is the same with or without a horizon.
        const report = await download(page, `${view} [data-testid=download-csv]`);
        assert.ok(report.bytes.equals(want.report), "the report differs from the command's");
        const outages = await download(page, `${view} [data-testid=download-outages]`);
        assert.ok(outages.name.endsWith(`report-${id}-outages.csv`), outages.name);
        assert.ok(outages.bytes.equals(want.outages), "the outage list differs from the command's");
        const daily = await download(page, `${view} [data-testid=download-daily]`);
        assert.ok(daily.bytes.equals(want.daily), "the per-day table differs from the command's");

        // The table's outage columns and strips agree with the downloads.
        const outageRows = parseCsv(want.outages).slice(1);
        const dayRows = parseCsv(want.daily).slice(1);
        const rows = await tableRows(page, id);
        for (const cells of rows.slice(0, 20)) {
          const store = cells[0];
          const mine = outageRows.filter((row) => row[0] === store);
          assert.equal(cells[10], String(mine.length), `outage count of ${store}`);
          if (mine.length > 0) {
            const longest = Math.max(...mine.map((row) => Number(row[5])));
            assert.ok(Math.abs(Number(cells[11]) - longest) <= 0.01, `longest outage of ${store}: ${cells[11]} vs ${longest}`);
          } else {
            assert.equal(cells[11], "—");
          }
        }
        const firstStore = rows[0][0];
        const strip = await page.$$eval(
          `[data-testid=report-table][data-report-id="${id}"] tbody tr:first-child .day-strip .day-cell`,
          (cells) => cells.map((cell) => cell.title),
        );
        const firstDays = dayRows.filter((row) => row[0] === firstStore);
        assert.equal(strip.length, firstDays.length, "one cell per date of the per-day table");
        const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        firstDays.forEach(([, date, business, , down, polls], i) => {
          const [year, month, day] = date.split("-").map(Number);
          assert.ok(strip[i].includes(`${day} ${MONTHS[month - 1]} ${year}:`), `${strip[i]} for ${date}`);
          if (Number(business) === 0) assert.match(strip[i], /closed/);
          else assert.ok(strip[i].includes(`down ${down} min`), `${strip[i]} for ${down}`);
          if (Number(polls) === 0) assert.match(strip[i], /no poll/);
        });
        const fleetCells = await page.$$eval(`${view} [data-testid=fleet-strip] li`, (cells) => cells.map((c) => c.dataset.date));
        const dates = [...new Set(dayRows.map((row) => row[1]))].sort();
        assert.deepEqual(fleetCells, dates, "the fleet strip has every date of the per-day table");

        // The fleet's longest outage is the download's longest.
        await page.click(`${view} [data-testid=fleet-outages] summary`);
        const longest = outageRows.reduce((a, b) => (Number(b[5]) > Number(a[5]) ? b : a), outageRows[0]);
        const firstListed = await page.textContent(`${view} [data-testid=fleet-outage]:first-child`);
        assert.ok(firstListed.includes(longest[3]) || outageRows.filter((r) => r[5] === longest[5]).some((r) => firstListed.includes(r[3])), `${firstListed} vs ${longest}`);
        await page.fill(`${view} [data-testid=outage-filter]`, longest[0]);
        const filtered = await page.$$eval(`${view} [data-testid=fleet-outage] th`, (cells) => cells.map((c) => c.textContent.trim()));
        assert.ok(filtered.length > 0 && filtered.every((store) => store.includes(longest[0])), filtered.join());

        // A store's timeline lists its outages, on its own clock.
        await page.click(`${view} [data-testid=fleet-outage]:first-child button`);
        await page.waitForSelector(`${view} [data-testid=store-timeline][data-state=drawn]`);
        const listed = await page.$$eval(`${view} [data-testid=store-outage]`, (rows) =>
          rows.map((row) => [...row.querySelectorAll("td")].slice(0, 3).map((cell) => cell.textContent.trim())),
        );
        const theirs = outageRows.filter((row) => row[0] === longest[0]).map((row) => [row[3], row[4], row[5]]);
        assert.deepEqual(listed, theirs);
        // Pointing at an outage inside the drawn week picks it out.
        const now = Date.parse((await page.textContent(`${view} [data-testid=report-now]`)).replace(" UTC", "Z").replace(" ", "T"));
        const inWeek = theirs.findIndex(([, end]) => Date.parse(end) > now - 7 * 86_400_000);
        assert.equal(await page.$$eval(`${view} [data-testid=outage-highlight]`, (marks) => marks.length), 0);
        if (inWeek >= 0) {
          await page.hover(`${view} [data-testid=store-outage]:nth-child(${inWeek + 1})`);
          await page.waitForSelector(`${view} [data-testid=outage-highlight]`);
          await page.mouse.move(0, 0);
          await page.waitForFunction((selector) => !document.querySelector(selector), `${view} [data-testid=outage-highlight]`);
        }
        if (variant.days === 9) {
          await page.hover(`${view} [data-testid=store-outage]:last-child`);
          await screenshot(page, "store-outages", `${view} [data-testid=store-outages]`);
          await page.click(`${view} [data-testid=fleet-outages] summary`);
          await screenshot(page, "day-strips", `${view} [data-testid=fleet-strip]`);
        }
      });
    });
  }

  test("the horizon is kept with the other settings", async () => {
    await withPage(async (page) => {
      assert.equal(await page.inputValue("[data-testid=setting-horizon]"), "7");
      await page.fill("[data-testid=setting-horizon]", "500");
      await page.press("[data-testid=setting-horizon]", "Tab");
      assert.equal(await page.inputValue("[data-testid=setting-horizon]"), "366");
      await page.fill("[data-testid=setting-horizon]", "30");
      await page.press("[data-testid=setting-horizon]", "Tab");
      await page.reload();
      await page.waitForSelector("[data-testid=setting-horizon]");
      await page.waitForFunction(() => document.querySelector("[data-testid=setting-horizon]").value === "30");
    });
  });
});
