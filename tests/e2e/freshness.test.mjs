// End-to-end specs of stale data: each store's latest poll and polls per
// window in the table (sortable), stale stores marked, counted and
// filtered against a hand-computed expectation, the freshness limit and
// the hours format settings, and the extended CSV byte for byte the
// command's `--format extended`.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
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
  suiteFixture,
  tableRows,
  unfoldInputs,
  waitForReport,
  waitForSlots,
  withAppPage,
} from "./helpers.mjs";

const fixture = suiteFixture("freshness");
const withPage = (body) => withAppPage(fixture.chromium.context, fixture.server.url, body);

// Now is the latest poll, 2023-01-25 12:00:00 (store 103's). Every store is
// open 24x7 in the default timezone (no hours or timezones file).
//   101: latest poll 3 h before now (two polls)    → stale at 2 h, fresh at 3 h
//   102: one poll 1 h before now                  → fresh, a single poll
//   103: polls 30 min before now and at now        → fresh (a poll at now is in no window)
//   104: one poll on 20 January                   → stale, a single poll, none in the last day
//   105: polls at 10:15 and 11:02:42               → fresh; down 167 h 2 min 42 s of the week
const POLLS = [
  "store_id,status,timestamp_utc",
  "101,inactive,2023-01-24 20:00:00 UTC",
  "101,active,2023-01-25 09:00:00 UTC",
  "102,active,2023-01-25 11:00:00 UTC",
  "103,inactive,2023-01-25 11:30:00 UTC",
  "103,active,2023-01-25 12:00:00 UTC",
  "104,active,2023-01-20 08:00:00 UTC",
  "105,inactive,2023-01-25 10:15:00 UTC",
  "105,active,2023-01-25 11:02:42 UTC",
].join("\n");

async function pollsFile() {
  const path = join(fixture.scratch, "freshness-status.csv");
  await writeFile(path, POLLS + "\n");
  return path;
}

/** Each row's store id and data-stale flag, in the table's order. */
async function staleFlags(page, id) {
  return page.$$eval(`[data-testid=report-table][data-report-id="${id}"] tbody tr`, (rows) =>
    rows.map((row) => [row.dataset.storeId, row.dataset.stale]),
  );
}

describe("stale data", () => {
  test("stale stores are marked, counted and filtered; polls and latest polls sort; the extended CSV is the command's", async () => {
    const status = await pollsFile();
    await withPage(async (page) => {
      await chooseFiles(page, [status]);
      await waitForSlots(page, 1);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      const table = `[data-testid=report-table][data-report-id="${id}"]`;

      // Marked: 101 (3 h) and 104 (5 days) are stale at 2 h; 102 (1 h) is not.
      assert.deepEqual(await staleFlags(page, id), [
        ["101", "true"],
        ["102", "false"],
        ["103", "false"],
        ["104", "true"],
        ["105", "false"],
      ]);
      const latest = await page.$$eval(`${table} [data-testid=latest-poll]`, (cells) => cells.map((c) => c.textContent));
      assert.match(latest[0], /^stale 3 h 00 min2023-01-25T03:00:00-06:00$/);
      assert.match(latest[1], /^1 h 00 min2023-01-25T05:00:00-06:00$/);
      assert.match(latest[2], /^<1 min/);
      assert.match(latest[3], /^stale 5 d 4 h/);
      assert.equal(await page.getAttribute(`${table} tr[data-store-id="101"] [data-testid=latest-poll]`, "title"), "On the store's clock 2023-01-25T03:00:00-06:00; in UTC 2023-01-25T09:00:00Z");
      // A stale store's carried-forward figures are set apart; a fresh one's are not.
      assert.equal(await page.$$eval(`${table} tr[data-store-id="101"] td.carried`, (c) => c.length), 12);
      assert.equal(await page.$$eval(`${table} tr[data-store-id="102"] td.carried`, (c) => c.length), 0);
      // And a legend above the table says what the tag and the italics mean.
      assert.match(
        await page.textContent(`${view} [data-testid=carried-legend]`),
        /^stale a store whose latest poll is older than the limit; its figures in italics, dotted are carried forward from that poll$/,
      );

      // Polls per window: [now − length, now).
      const rows = await tableRows(page, id);
      // (after the outages, the state now and the latest poll)
      assert.deepEqual(rows.map((row) => [row[0], ...row.slice(15, 18)]), [
        ["101", "0", "2", "2"],
        ["102", "1", "1", "1"],
        ["103", "1", "1", "1"],
        ["104", "0", "0", "1"],
        ["105", "1", "2", "2"],
      ]);
      // Thousands grouped as everywhere on the page: 104 is up all week.
      const grouped = await page.$$eval(`${table} tr[data-store-id="104"] td`, (cells) => cells.map((c) => c.textContent));
      assert.equal(grouped[6], "10,080");

      // The summary and the overview count them.
      assert.equal(
        await page.textContent(`${view} [data-testid=freshness-summary]`),
        "2 stores with a single poll; 1 store with none in the last day; 2 stores stale (latest poll more than 2 h before now).",
      );
      assert.match(await page.textContent(`${view} [data-testid=overview-stale] h3`), /Stale data: 2 of 5 stores/);

      // Sorting: the oldest latest poll first; most polls in the week first (ties in the report's order).
      await page.click(`${table} [data-testid=sort-latest_poll_age]`);
      assert.deepEqual((await staleFlags(page, id)).map(([store]) => store), ["104", "101", "102", "105", "103"]);
      await page.click(`${table} [data-testid=sort-latest_poll_age]`);
      assert.deepEqual((await staleFlags(page, id)).map(([store]) => store), ["103", "105", "102", "101", "104"]);
      await page.click(`${table} [data-testid=sort-polls_last_week]`);
      assert.deepEqual((await staleFlags(page, id)).map(([store]) => store), ["101", "105", "102", "103", "104"]);

      // The overview's button shows only the stale stores.
      await page.click(`${view} [data-testid=show-stale]`);
      await page.waitForFunction((table) => document.querySelectorAll(`${table} tbody tr`).length === 2, table);
      assert.deepEqual(await staleFlags(page, id), [["104", "true"], ["101", "true"]]);
      assert.equal(await page.isChecked(`${view} [data-testid=stale-only]`), true);
      assert.match(await page.textContent(`${view} [data-testid=row-count]`), /2 matching stores \(of 5\)/);
      await page.uncheck(`${view} [data-testid=stale-only]`);
      await page.waitForFunction((table) => document.querySelectorAll(`${table} tbody tr`).length === 5, table);

      // A figure's threshold: more than one poll in the week.
      await page.selectOption(`${view} [data-testid=threshold-column]`, "polls_last_week");
      await page.selectOption(`${view} [data-testid=threshold-direction]`, "above");
      await page.fill(`${view} [data-testid=threshold-value]`, "1");
      await page.waitForFunction((table) => document.querySelectorAll(`${table} tbody tr`).length === 2, table);
      assert.deepEqual((await staleFlags(page, id)).map(([store]) => store), ["101", "105"]);
      await page.fill(`${view} [data-testid=threshold-value]`, "");
      await page.waitForFunction((table) => document.querySelectorAll(`${table} tbody tr`).length === 5, table);

      // The downloads: the report unchanged, the extended report the command's.
      const report = await download(page, `${view} [data-testid=download-csv]`);
      assert.ok(report.bytes.equals(await cli(["--status", status])), "the report differs from the command's");
      const extended = await download(page, `${view} [data-testid=download-extended]`);
      assert.equal(extended.name, "store-uptime-extended-2023-01-25T120000Z.csv");
      const want = await cli(["--status", status, "--format", "extended"]);
      assert.ok(extended.bytes.equals(want), `the extended CSV differs from the command's:\n${extended.bytes}\n${want}`);
      assert.match(await page.textContent(`${view} [data-testid=spreadsheet-ids]`), /Text/);
    });
  });

  test("a freshness limit of 3 h keeps a poll exactly 3 h old fresh; durations read as h:mm or in words on demand", async () => {
    const status = await pollsFile();
    await withPage(async (page) => {
      await chooseFiles(page, [status]);
      await waitForSlots(page, 1);
      await page.selectOption("[data-testid=setting-stale-after]", "180");
      await page.selectOption("[data-testid=setting-units]", "hours");
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      const table = `[data-testid=report-table][data-report-id="${id}"]`;
      assert.deepEqual((await staleFlags(page, id)).filter(([, stale]) => stale === "true"), [["104", "true"]]);

      const extended = await download(page, `${view} [data-testid=download-extended]`);
      const want = await cli(["--status", status, "--format", "extended", "--stale-after", "3h", "--units", "hours"]);
      assert.ok(extended.bytes.equals(want), `the extended CSV differs from the command's:\n${extended.bytes}\n${want}`);

      // Decimal hours are the CSV's; h:mm is display only (105: up 57 min
      // 18 s, down 167 h 2 min 42 s of the week).
      const lines = parseCsv(await cli(["--status", status, "--units", "hours"])).slice(1);
      const row105 = async () => (await tableRows(page, id)).find(([store]) => store === "105");
      const decimal = await row105();
      assert.deepEqual([decimal[7], decimal[8]], [lines[4][5], lines[4][6]]);
      await unfoldInputs(page);
      await page.selectOption("[data-testid=setting-hours-format]", "h:mm");
      await page.waitForFunction((view) => /:/.test(document.querySelector(`${view} tr[data-store-id="105"] td:nth-of-type(8)`).textContent), view);
      const hm = await row105();
      // The last hour's minutes too: the display does not follow the units.
      const minutes = Math.round(Number(lines[4][1]));
      const clock = `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, "0")}`;
      assert.deepEqual([hm[1], hm[4], hm[5], hm[7], hm[8]], [clock, "0:57", "23:03", "0:57", "167:03"]);
      assert.equal(await page.textContent(`${table} thead th[data-group=week]`), "Last week (h:mm)");
      // In words.
      await page.selectOption("[data-testid=setting-hours-format]", "words");
      await page.waitForFunction((view) => / min$/.test(document.querySelector(`${view} tr[data-store-id="105"] td:nth-of-type(8)`).textContent), view);
      const words = await row105();
      assert.deepEqual([words[4], words[5], words[7], words[8]], ["57 min", "23 h 3 min", "57 min", "167 h 3 min"]);
      assert.equal(await page.textContent(`${table} thead th[data-group=week]`), "Last week (h min)");
      // The download is unchanged.
      const again = await download(page, `${view} [data-testid=download-csv]`);
      assert.ok(again.bytes.equals(await cli(["--status", status, "--units", "hours"])));
    });
  });

  test("the extended CSV of the real files is the command's", async () => {
    await withPage(async (page) => {
      await chooseFiles(page, [STATUS, HOURS, ZONES]);
      await waitForSlots(page, 3);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      const extended = await download(page, `${view} [data-testid=download-extended]`);
      const want = await cli(["--status", STATUS, "--hours", HOURS, "--timezones", ZONES, "--format", "extended"]);
      assert.ok(extended.bytes.equals(want), "the extended CSV differs from the command's");
      // The stale count in the overview is the CSV's.
      const lines = parseCsv(want).slice(1);
      const stale = lines.filter((line) => line[14] === "true").length;
      assert.equal(Number(await page.getAttribute(`${view} [data-testid=overview-stale] h3`, "data-stale-count")), stale);
      // The conditions on sources count the CSV's rows.
      const shows = (n) =>
        page.waitForFunction(
          ([view, text]) => document.querySelector(`${view} [data-testid=row-count]`).textContent.includes(text),
          [view, n === 0 ? "No store meets" : `of ${n.toLocaleString("en-US")} matching stores`],
        );
      await page.check(`${view} [data-testid=open-all-week-only]`);
      await shows(lines.filter((line) => line[15] === "24x7").length);
      await page.uncheck(`${view} [data-testid=open-all-week-only]`);
      await page.check(`${view} [data-testid=default-zone-only]`);
      await shows(lines.filter((line) => line[16] !== "file").length);
    });
  });
});
