// Times the browser app on a full-size data set in headless Chromium:
// Generate → Complete as the page measures it (performance.now(), shown in
// the report's data-duration-ms), and the page's longest gap between two
// animation frames during the run. Run through scripts/bench-web.sh.
import { join } from "node:path";
import { browser, chooseFiles, generate, openApp, serve, waitForReport, waitForSlots } from "../tests/e2e/helpers.mjs";

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
  const results = [];
  for (let run = 1; run <= Number(runs); run++) {
    await page.evaluate(() => {
      // Records the longest gap between animation frames until stopped.
      window.__frames = { longest: 0, last: performance.now(), running: true };
      const tick = (now) => {
        const frames = window.__frames;
        frames.longest = Math.max(frames.longest, now - frames.last);
        frames.last = now;
        if (frames.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const id = await generate(page);
    const state = await waitForReport(page, id, 120_000);
    if (!state.includes("Complete")) throw new Error(`report ${id}: ${state}`);
    const duration = Number(
      await page.getAttribute(`[data-testid=report-state][data-report-id="${id}"]`, "data-duration-ms"),
    );
    const longestFrame = await page.evaluate(() => {
      window.__frames.running = false;
      return window.__frames.longest;
    });
    const stores = await page.textContent(`[data-testid=report-view][data-report-id="${id}"] [data-testid=store-count]`);
    const timing = await page.textContent(`[data-testid=report-view][data-report-id="${id}"] [data-testid=worker-timing]`);
    results.push(duration);
    console.log(
      `run ${run}: Generate → Complete ${duration.toFixed(0)} ms, longest frame gap ${longestFrame.toFixed(0)} ms, ${stores} stores (worker: ${timing})`,
    );
  }
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
  results.sort((a, b) => a - b);
  console.log(`median Generate → Complete: ${results[Math.floor(results.length / 2)].toFixed(0)} ms`);
  if (page.problems.length) console.log("page errors:", page.problems);
} finally {
  await chromium.close();
  await server.stop();
}
