// Times the browser app on a full-size data set in headless Chromium:
// Generate → Complete as the page measures it (performance.now(), shown in
// the report's data-duration-ms), the page's longest gap between two
// animation frames during the run, sorting and filtering the table, a
// store's timeline from the click to its SVG in the DOM, and Cancel. Run
// through scripts/bench-web.sh.
import { join } from "node:path";
import { browser, chooseFiles, generate, openApp, serve, storageSettled, waitForReport, waitForSlots } from "../tests/e2e/helpers.mjs";
import { cancelLatency, startFrameWatch, stopFrameWatch, timelineLatency } from "./bench-page.mjs";

const [dist, data, runs = "3"] = process.argv.slice(2);
const files = ["status.csv", "menu_hours.csv", "timezones.csv"].map((name) => join(data, name));

const server = await serve(dist);
const chromium = await browser();
try {
  const page = await openApp(chromium.context, server.url);
  let started = performance.now();
  await chooseFiles(page, files);
  await waitForSlots(page, 3);
  console.log(`files read for their slots in ${(performance.now() - started).toFixed(0)} ms (three previews)`);
  // The helper worker then finds the latest poll; let it finish first, as
  // the time to read the settings would.
  await page.waitForFunction(() => /latest poll, \d{4}-/.test(document.querySelector("#setting-now-help").textContent));
  console.log(`latest poll found ${(performance.now() - started).toFixed(0)} ms after the files were given`);
  console.log(`kept in the browser: ${(await storageSettled(page)).line}`);
  const results = [];
  for (let run = 1; run <= Number(runs); run++) {
    await startFrameWatch(page);
    const id = await generate(page);
    const state = await waitForReport(page, id, 120_000);
    if (!state.includes("Complete")) throw new Error(`report ${id}: ${state}`);
    const duration = Number(
      await page.getAttribute(`[data-testid=report-state][data-report-id="${id}"]`, "data-duration-ms"),
    );
    const longestFrame = (await stopFrameWatch(page)).longest;
    const stores = await page.textContent(`[data-testid=report-view][data-report-id="${id}"] [data-testid=store-count]`);
    const timing = await page.textContent(`[data-testid=report-view][data-report-id="${id}"] [data-testid=worker-timing]`);
    results.push(duration);
    console.log(
      `run ${run}: Generate → Complete ${duration.toFixed(0)} ms, longest frame gap ${longestFrame.toFixed(0)} ms, ${stores} stores (worker: ${timing})`,
    );
  }
  console.log(`kept in the browser after ${runs} reports: ${(await storageSettled(page)).line}`);
  // A store's timeline: the worker holds the latest report's data.
  const timeline = (await timelineLatency(page, 10)).sort((a, b) => a - b);
  console.log(
    `store timeline, click → SVG in the DOM (10 stores): median ${timeline[5].toFixed(0)} ms, slowest ${timeline[9].toFixed(0)} ms`,
  );
  // The table with every store: sorting and filtering, click to screen.
  const id = await page.getAttribute("[data-testid=report-view]", "data-report-id");
  const table = `[data-testid=report-table][data-report-id="${id}"]`;
  const timed = (action) =>
    page.evaluate(async (action) => {
      const first = () => document.querySelector(`${action.table} tbody tr`)?.dataset.storeId;
      const before = first();
      const started = performance.now();
      if (action.sort) document.querySelector(`${action.table} [data-testid=${action.sort}]`).click();
      if (action.filter !== undefined) {
        const input = document.querySelector("[data-testid=report-view] [data-testid=filter]");
        input.value = action.filter;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }
      while (first() === before) await new Promise((done) => requestAnimationFrame(done));
      return performance.now() - started;
    }, { table, ...action });
  console.log(
    `table of all stores: sort ${(await timed({ sort: "sort-downtime_last_week" })).toFixed(0)} ms, ` +
      `sort again ${(await timed({ sort: "sort-downtime_last_week" })).toFixed(0)} ms, ` +
      `filter ${(await timed({ filter: "42" })).toFixed(0)} ms (click to the first changed frame)`,
  );
  for (const when of [/Running: reading files, [1-9]\d?%/, /Running: calculating/]) {
    const latency = await cancelLatency(page, when);
    console.log(`cancel while ${latency.state}: ${latency.ms.toFixed(0)} ms from the click to Cancelled`);
  }
  results.sort((a, b) => a - b);
  console.log(`median Generate → Complete: ${results[Math.floor(results.length / 2)].toFixed(0)} ms`);
  if (page.problems.length) console.log("page errors:", page.problems);
} finally {
  await chromium.close();
  await server.stop();
}
