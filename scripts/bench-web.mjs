// Times the browser app on a full-size data set in headless Chromium: from
// the files given to the first report (Generate pressed at once), then
// Generate → Complete on the files already read, as the page measures it
// (performance.now(), shown in the report's data-duration-ms), the same
// after a change of units, default timezone and "now", the page's longest gap between two
// animation frames during the run, sorting, filtering and scrolling the table, a
// store's timeline from the click to its SVG in the DOM, and Cancel; with
// a horizon other than 7 days (its fourth argument), the horizon is set
// before the files are given. Run through scripts/bench-web.sh.
import { join } from "node:path";
import {
  appReady,
  browser,
  chooseFiles,
  generate,
  openApp,
  serve,
  storageSettled,
  unfoldInputs,
  waitForReport,
  waitForSlots,
} from "../tests/e2e/helpers.mjs";
import {
  cancelLatency,
  median,
  reportTimes,
  watchNextReport,
  everyRowScrollFrames,
  outageListLatency,
  startFrameWatch,
  stopFrameWatch,
  tableScrollFrames,
  timelineLatency,
} from "./bench-page.mjs";

const [dist, data, runs = "3", horizon = "7", pollCount = "0", only = ""] = process.argv.slice(2);
// "figures": only issue 24's figures (the first reports, the units changed).
const figuresOnly = only === "figures";
const polls = Number(pollCount);
const files = ["status.csv", "menu_hours.csv", "timezones.csv"].map((name) => join(data, name));

const server = await serve(dist);
const chromium = await browser();
try {
  // A user who drops the files and presses Generate at once: from the
  // files given to the report's first rows on screen and to Complete, on a
  // fresh page each time (the median of `runs`).
  const firstRuns = [];
  let page;
  for (let run = 1; run <= Number(runs); run++) {
    if (page) await page.close();
    page = await openApp(chromium.context, server.url);
    if (horizon !== "7") {
      await page.fill("[data-testid=setting-horizon]", horizon);
      await page.press("[data-testid=setting-horizon]", "Tab");
      if (run === 1) console.log(`horizon: ${horizon} days`);
    }
    await watchNextReport(page);
    await chooseFiles(page, files);
    await generate(page);
    const times = await reportTimes(page);
    firstRuns.push(times);
    console.log(
      `first report ${run}: files given → rows on screen ${times.rows.toFixed(0)} ms, → Complete ${times.complete.toFixed(0)} ms`,
    );
  }
  const firstRows = median(firstRuns.map((times) => times.rows));
  const firstComplete = median(firstRuns.map((times) => times.complete));
  await waitForSlots(page, 3);
  await page.waitForFunction(() => /latest poll, \d{4}-/.test(document.querySelector("#setting-now-help").textContent));
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
  // A change of settings, then Generate: the files are not read again.
  const timedReport = async (label, change) => {
    await unfoldInputs(page);
    await change();
    const id = await generate(page);
    const state = await waitForReport(page, id, 120_000);
    if (!state.includes("Complete")) throw new Error(`report ${id}: ${state}`);
    const ms = Number(await page.getAttribute(`[data-testid=report-state][data-report-id="${id}"]`, "data-duration-ms"));
    console.log(`${label}, then Generate → Complete: ${ms.toFixed(0)} ms`);
  };
  // Generate → Complete on parsed files with the units changed each time
  // (hours, minutes, hours…), timed in the page from the click.
  const unitRuns = [];
  for (let run = 1; run <= Number(runs); run++) {
    await unfoldInputs(page);
    await page.selectOption("[data-testid=setting-units]", run % 2 ? "hours" : "minutes");
    await watchNextReport(page);
    await page.click("[data-testid=generate]");
    unitRuns.push(await reportTimes(page));
  }
  const unitsComplete = median(unitRuns.map((times) => times.complete));
  const unitsRows = median(unitRuns.map((times) => times.rows));
  console.log(
    `units changed, Generate → rows on screen / Complete: ${unitRuns
      .map((times) => `${times.rows.toFixed(0)} / ${times.complete.toFixed(0)}`)
      .join(", ")} ms`,
  );
  const memory = Number(await page.getAttribute("[data-testid=report-view] [data-testid=worker-timing]", "data-memory-bytes"));
  const printFigures = () => {
    const perPoll = polls > 0 ? `${(memory / polls).toFixed(1)} B (${(memory / 1e6).toFixed(1)} MB, ${polls} polls)` : "unknown";
    console.log(`figures (median of ${runs}):`);
    console.log(`  files given → report Complete, Generate pressed at once: ${firstComplete.toFixed(0)} ms`);
    console.log(`  files given → the report's rows on screen: ${firstRows.toFixed(0)} ms`);
    console.log(
      `  Generate → Complete on parsed files, units changed: ${unitsComplete.toFixed(0)} ms (rows on screen ${unitsRows.toFixed(0)} ms)`,
    );
    console.log(`  worker memory a poll: ${perPoll}`);
  };
  // With "figures", the rest is left out.
  if (!figuresOnly) {
    await unfoldInputs(page);
    await page.selectOption("[data-testid=setting-units]", "minutes");
    await timedReport("units set to hours", () => page.selectOption("[data-testid=setting-units]", "hours"));
    await timedReport("default timezone set to Asia/Tokyo", () => page.selectOption("[data-testid=setting-timezone]", "Asia/Tokyo"));
    await timedReport("now set to 2023-01-24 12:00:00", () => page.fill("[data-testid=setting-now]", "2023-01-24 12:00:00"));
    await unfoldInputs(page);
    await page.fill("[data-testid=setting-now]", "");
    // A store's timeline: the worker holds the latest report's data.
    const timeline = (await timelineLatency(page, 10)).sort((a, b) => a - b);
    console.log(
      `store timeline, click → SVG in the DOM (10 stores): median ${timeline[5].toFixed(0)} ms, slowest ${timeline[9].toFixed(0)} ms`,
    );
    // The fleet's outage list, which the worker pages.
    const outageList = await outageListLatency(page, "42");
    console.log(
      `outage list (${outageList.outages}), change → page drawn: earliest first ${outageList.times.earliest.toFixed(0)} ms, ` +
        `next page ${outageList.times.next.toFixed(0)} ms, latest first ${outageList.times.latest.toFixed(0)} ms, ` +
        `filtered by "42" ${outageList.times.filtered.toFixed(0)} ms`,
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
    // Scrolling the table with its day strips (the filter cleared).
    for (const rows of [100, 1000]) {
      console.log(`scrolling the table of ${rows} rows and their day strips: longest frame gap ${(await tableScrollFrames(page, rows)).toFixed(0)} ms`);
    }
    const list = await everyRowScrollFrames(page);
    console.log(
      `every row in one scrolling list (${list.drawn} of ${list.rows} rows drawn), scrolling 120 × 400 px: frame gaps median ${list.median.toFixed(0)} ms, ` +
        `longest ${list.longest.toFixed(0)} ms, ${list.over50} over 50 ms; ` +
        `jump to the end ${list.toEnd.toFixed(0)} ms, back to the top ${list.toTop.toFixed(0)} ms (two frames)`,
    );
    for (const when of [/Running: reading files, [1-9]\d?%/, /Running: calculating/]) {
      const latency = await cancelLatency(page, when);
      console.log(`cancel while ${latency.state}: ${latency.ms.toFixed(0)} ms from the click to Cancelled`);
    }
    // After a reload the report comes back from the browser's storage and
    // the worker holds no data: the first store's week reads the files again.
    await storageSettled(page);
    await page.reload();
    await appReady(page);
    await page.waitForSelector("[data-testid=report-table] tbody tr.store-row");
    const afterReload = await timelineLatency(page, 3);
    console.log(
      `store timeline after a reload, click → SVG in the DOM: first ${afterReload[0].toFixed(0)} ms, then ${afterReload
        .slice(1)
        .map((ms) => ms.toFixed(0))
        .join(", ")} ms`,
    );
    results.sort((a, b) => a - b);
    console.log(`median Generate → Complete: ${results[Math.floor(results.length / 2)].toFixed(0)} ms`);
  }
  // The figures of issue 24's table, medians of `runs`.
  printFigures();
  if (page.problems.length) console.log("page errors:", page.problems);
} finally {
  await chromium.close();
  await server.stop();
}
