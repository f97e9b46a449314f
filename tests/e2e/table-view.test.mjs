// End-to-end specs of the report table's view: its filter, conditions,
// order and rows per page kept in the address (shared by a link, back
// after a reload), every row in one scrolling list of which only the rows
// in sight are drawn, and the download of the view (the extended CSV's
// lines of the rows shown, in the table's order).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  HOURS,
  STATUS,
  ZONES,
  appReady,
  chooseFiles,
  cli,
  download,
  generate,
  suiteFixture,
  tableRows,
  waitForReport,
  waitForSlots,
  withAppPage,
} from "./helpers.mjs";

const fixture = suiteFixture("table-view");
const withPage = (body) => withAppPage(fixture.chromium.context, fixture.server.url, body);

async function fullReport(page) {
  await chooseFiles(page, [STATUS, HOURS, ZONES]);
  await waitForSlots(page, 3);
  const id = await generate(page);
  assert.match(await waitForReport(page, id), /Complete/);
  return id;
}

/** The address's part after `#`, as name → value. */
async function addressPairs(page) {
  return Object.fromEntries(new URLSearchParams((await page.evaluate(() => location.hash)).slice(1)));
}

/** The store ids of the rows drawn, in order. */
function drawnIds(page, table) {
  return page.$$eval(`${table} tbody tr.store-row`, (rows) => rows.map((row) => row.dataset.storeId));
}

describe("the table's view", () => {
  test("filter, conditions, order and rows per page are kept in the address and come back after a reload", async () => {
    await withPage(async (page) => {
      const id = await fullReport(page);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      const table = `[data-testid=report-table][data-report-id="${id}"]`;
      await page.fill(`${view} [data-testid=filter]`, "1");
      await page.selectOption(`${view} [data-testid=threshold-column]`, "downtime_last_week");
      await page.selectOption(`${view} [data-testid=threshold-direction]`, "above");
      await page.fill(`${view} [data-testid=threshold-value]`, "2");
      await page.click(`${table} [data-testid=sort-uptime_percent_last_day]`);
      await page.click(`${table} [data-testid=sort-uptime_percent_last_day]`);
      await page.selectOption(`${view} [data-testid=page-size]`, "50");
      const rowCount = await page.textContent(`${view} [data-testid=row-count]`);
      const many = Number(rowCount.match(/of ([\d,]+) matching/)[1].replace(",", ""));
      if (many > 50) await page.click(`${view} [data-testid=page-next]`);
      const before = await tableRows(page, id);
      assert.ok(before.length > 0, "the view shows some rows");
      // Store ids contain "1", each down more than 2 hours in the week (the report's units are hours).
      for (const row of before) {
        assert.match(row[0], /1/);
        assert.ok(Number(row[8]) > 2, `${row[0]} is down ${row[8]} h`);
      }
      const pairs = await addressPairs(page);
      assert.deepEqual(pairs, {
        q: "1",
        where: "downtime_last_week:above:2",
        sort: "uptime_percent_last_day",
        rows: "50",
        ...(many > 50 ? { page: "2" } : {}),
      });

      // A store opened beside the view keeps the view in the address.
      await page.click(`${table} tbody tr.store-row [data-testid=explain-store]`);
      await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).has("store"));
      const withStore = await addressPairs(page);
      assert.equal(withStore.q, "1");
      assert.equal(withStore.where, "downtime_last_week:above:2");

      // A store opened from a chart keeps the view in the address too.
      await page.keyboard.press("Escape");
      await page.waitForSelector("dialog[data-testid=store-dialog][open]", { state: "detached" });
      await page.click(`${view} [data-testid=overview-least] a.store-bar`);
      await page.waitForSelector("dialog[data-testid=store-dialog][open]");
      const fromChart = await addressPairs(page);
      assert.equal(fromChart.store, await page.getAttribute(`${view} [data-testid=overview-least] a.store-bar`, "data-store-id"));
      assert.equal(fromChart.where, "downtime_last_week:above:2");

      // After a reload the report comes back from the browser's storage, in the same view.
      await page.reload();
      await appReady(page);
      await page.waitForSelector(table);
      await page.waitForFunction((table) => document.querySelectorAll(`${table} tbody tr.store-row`).length > 0, table);
      assert.deepEqual(await tableRows(page, id), before);
      assert.equal(await page.inputValue(`${view} [data-testid=filter]`), "1");
      assert.equal(await page.inputValue(`${view} [data-testid=threshold-column]`), "downtime_last_week");
      assert.equal(await page.inputValue(`${view} [data-testid=threshold-direction]`), "above");
      assert.equal(await page.inputValue(`${view} [data-testid=threshold-value]`), "2");
      assert.equal(await page.inputValue(`${view} [data-testid=page-size]`), "50");
      assert.equal(await page.getAttribute(`${table} th:has([data-testid=sort-uptime_percent_last_day])`, "aria-sort"), "ascending");

      // The store's week came back too, in its dialog over the table: closed first.
      await page.waitForSelector("dialog[data-testid=store-dialog][open] [data-testid=store-timeline][data-state=drawn]");
      await page.keyboard.press("Escape");
      await page.waitForSelector("dialog[data-testid=store-dialog][open]", { state: "detached" });

      // Back to the default view: nothing of it is left in the address.
      await page.fill(`${view} [data-testid=filter]`, "");
      await page.fill(`${view} [data-testid=threshold-value]`, "");
      await page.click(`${table} [data-testid=sort-store_id]`);
      await page.selectOption(`${view} [data-testid=page-size]`, "100");
      const left = await addressPairs(page);
      delete left.store;
      assert.deepEqual(left, {});

      // A bar of the histogram is a condition of the view, kept in the address by its floors (tenths of a percent).
      await page.click(`${view} [data-testid=overview-histogram] g.bin.action`);
      const bin = await page.getAttribute(`${view} [data-testid=overview-histogram] g.bin.action`, "data-bin");
      const floors = ["0", "500", "800", "900", "950", "980", "990", "999", "1000"];
      const expected = floors[Number(bin) + 1] ? `${floors[bin]}-${floors[Number(bin) + 1]}` : floors[bin];
      await page.waitForFunction((expected) => new URLSearchParams(location.hash.slice(1)).get("bin") === expected, expected);
    });
  });

  test("every row in one scrolling list: only the rows in sight are drawn, the keyboard walks past them, the view downloads as the command's lines", async () => {
    await withPage(async (page) => {
      await page.setViewportSize({ width: 1280, height: 720 });
      const id = await fullReport(page);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      const table = `[data-testid=report-table][data-report-id="${id}"]`;
      const scroller = `${view} [data-testid=report-scroll]`;
      const report = (await cli(["--status", STATUS, "--hours", HOURS, "--timezones", ZONES])).toString();
      const ids = report.trim().split("\n").slice(1).map((line) => line.split(",")[0]);
      assert.equal(ids.length, 400);

      await page.selectOption(`${view} [data-testid=page-size]`, "all");
      await page.waitForFunction((table) => document.querySelector(table).dataset.everyRow === "true", table);
      assert.equal(await page.textContent(`${view} [data-testid=row-count]`), "All 400 stores, in one scrolling list");
      assert.equal(await page.isHidden(`${view} nav.pager`), true);
      assert.equal((await addressPairs(page)).rows, "all");
      const first = await drawnIds(page, table);
      assert.ok(first.length >= 10 && first.length < 100, `${first.length} rows drawn of 400`);
      assert.deepEqual(first, ids.slice(0, first.length));
      assert.equal(await page.getAttribute(table, "aria-rowcount"), "402");

      // The list is as tall as all its rows: scrolled to the end, the last rows are drawn.
      await page.$eval(scroller, (box) => box.scrollTo(0, box.scrollHeight));
      await page.waitForFunction((table) => document.querySelector(`${table} tbody tr.store-row:last-child`)?.dataset.storeId !== undefined
        && document.querySelector(`${table} tbody tr.store-row:last-child`).dataset.place === "399", table);
      const last = await drawnIds(page, table);
      assert.ok(last.length < 100);
      assert.deepEqual(last, ids.slice(400 - last.length));
      const box = await page.$eval(scroller, (box) => ({ top: box.scrollTop, height: box.clientHeight, full: box.scrollHeight }));
      assert.ok(Math.abs(box.top + box.height - box.full) <= 2, `scrolled to the end: ${JSON.stringify(box)}`);
      const lastRow = await page.$eval(`${table} tbody tr.store-row:last-child`, (row) => {
        const box = row.closest("[data-testid=report-scroll]").getBoundingClientRect();
        return { bottom: row.getBoundingClientRect().bottom, boxBottom: box.bottom };
      });
      assert.ok(lastRow.bottom <= lastRow.boxBottom + 1, "the last row is in sight");

      // Back at the top, ↓ walks the focus from row to row past the rows first drawn.
      await page.$eval(scroller, (box) => box.scrollTo(0, 0));
      await page.waitForFunction((table) => document.querySelector(`${table} tbody tr.store-row`)?.dataset.place === "0", table);
      await page.focus(`${table} tbody tr.store-row [data-testid=explain-store]`);
      const steps = first.length + 5;
      for (let step = 0; step < steps; step++) {
        await page.keyboard.press("ArrowDown");
        await page.waitForFunction(
          (place) => document.activeElement?.closest("tr")?.dataset.place === String(place),
          step + 1,
        );
      }
      assert.equal(await page.evaluate(() => document.activeElement.closest("tr").dataset.storeId), ids[steps]);
      await page.keyboard.press("ArrowUp");
      await page.waitForFunction((place) => document.activeElement?.closest("tr")?.dataset.place === String(place), steps - 1);

      // The view's download: the extended CSV's lines of the rows shown, in the table's order.
      await page.fill(`${view} [data-testid=filter]`, "7");
      await page.click(`${table} [data-testid=sort-downtime_last_week]`);
      await page.waitForFunction((view) => /matching/.test(document.querySelector(`${view} [data-testid=row-count]`).textContent), view);
      const extended = (await cli(["--status", STATUS, "--hours", HOURS, "--timezones", ZONES, "--format", "extended"])).toString();
      const [header, ...lines] = extended.trimEnd().split("\n");
      const lineOf = new Map(lines.map((line) => [line.split(",")[0], line]));
      const shownIds = await page.evaluate(async (table) => {
        // Every row of the list, drawn or not: scroll through it.
        const box = document.querySelector(table).closest("[data-testid=report-scroll]");
        const seen = new Map();
        for (let top = 0; top <= box.scrollHeight; top += box.clientHeight / 2) {
          box.scrollTo(0, top);
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
          for (const row of document.querySelectorAll(`${table} tbody tr.store-row`)) seen.set(Number(row.dataset.place), row.dataset.storeId);
        }
        return [...seen.entries()].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
      }, table);
      const matching = ids.filter((store) => store.includes("7"));
      assert.equal(shownIds.length, matching.length);
      assert.deepEqual([...shownIds].sort(), [...matching].sort());
      const file = await download(page, `${view} [data-testid=download-view]`);
      assert.match(file.name, /^store-uptime-extended-.*-view\.csv$/);
      const want = [header, ...shownIds.map((store) => lineOf.get(store))].join("\n") + "\n";
      assert.equal(file.bytes.toString(), want);
    });
  });

  test("on a phone's width the table shows the store id and the week's figures; Columns chooses another group, kept in the address", async () => {
    await withPage(async (page) => {
      await page.setViewportSize({ width: 390, height: 844 });
      const id = await fullReport(page);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      const table = `[data-testid=report-table][data-report-id="${id}"]`;
      /** The texts of the header cells and of the first row's cells that are shown. */
      const shown = () =>
        page.$eval(table, (table) => {
          const visible = (cells) => [...cells].filter((cell) => cell.getClientRects().length > 0).map((cell) => cell.textContent.trim());
          return {
            headers: visible(table.querySelectorAll("thead tr:last-child th")),
            cells: visible(table.querySelectorAll("tbody tr.store-row:first-child > *")).length,
          };
        });
      assert.equal(await page.inputValue(`${view} [data-testid=columns]`), "week");
      assert.deepEqual(await shown(), { headers: ["Uptime↕", "Downtime↕", "Uptime %↕"], cells: 4 });
      assert.equal((await addressPairs(page)).cols, "week");
      await page.waitForFunction(() => document.documentElement.scrollWidth <= 390);
      const box = await page.$eval(`${view} [data-testid=report-scroll]`, (box) => ({ scroll: box.scrollWidth, client: box.clientWidth }));
      assert.ok(box.scroll <= box.client + 1, `the week's columns fit the phone: ${JSON.stringify(box)}`);

      await page.selectOption(`${view} [data-testid=columns]`, "outages");
      assert.deepEqual(await shown(), { headers: ["Count↕", "Longest↕", "Mean↕"], cells: 4 });
      assert.equal((await addressPairs(page)).cols, "outages");
      // Against the target (no groups file: no group columns).
      await page.selectOption(`${view} [data-testid=columns]`, "targets");
      assert.deepEqual(await shown(), {
        headers: ["Uptime %↕", "Target↕", "Budget left (minutes)↕", "Meets target↕", "Change vs the period before↕"],
        cells: 6,
      });
      assert.equal((await addressPairs(page)).cols, "targets");
      await page.selectOption(`${view} [data-testid=columns]`, "all");
      assert.equal((await shown()).cells, 23);
      assert.equal((await addressPairs(page)).cols, undefined);
    });
  });
});
