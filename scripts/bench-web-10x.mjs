// The browser app on the 10x data set; run through scripts/bench-web-10x.sh.
// Every time is measured in the page with performance.now().
import { join } from "node:path";
import { browser, chooseFiles, generate, openApp, serve, storageSettled, waitForReport, waitForSlots } from "../tests/e2e/helpers.mjs";
import { cancelLatency, everyRowScrollFrames, generateUntilFinished, startFrameWatch, stopFrameWatch, timelineLatency } from "./bench-page.mjs";

const [dist, data] = process.argv.slice(2);
const files = ["status.csv", "menu_hours.csv", "timezones.csv"].map((name) => join(data, name));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
const gb = (bytes) => `${(bytes / 1e9).toFixed(2)} GB`;

const server = await serve(dist);
const chromium = await browser();
try {
  const page = await openApp(chromium.context, server.url);
  let started = performance.now();
  await chooseFiles(page, files);
  await waitForSlots(page, 3, 600_000);
  console.log(`files read for their slots in ${seconds(performance.now() - started)} (the data worker parses all 1.1 GB, in parts, and keeps it)`);
  const kept = await storageSettled(page);
  console.log(`kept in the browser ${seconds(performance.now() - started)} after they were given: ${kept.line}`);

  // Generate → Complete (or the failure), with the page's frames watched.
  await startFrameWatch(page);
  const id = await generate(page);
  const state = await waitForReport(page, id, 600_000);
  const frames = await stopFrameWatch(page);
  const report = `[data-testid=report-state][data-report-id="${id}"]`;
  if (state.includes("Complete")) {
    const duration = Number(await page.getAttribute(report, "data-duration-ms"));
    const view = `[data-testid=report-view][data-report-id="${id}"]`;
    const memory = Number(await page.getAttribute(`${view} [data-testid=worker-timing]`, "data-memory-bytes"));
    const stores = await page.textContent(`${view} [data-testid=store-count]`);
    const polls = Number((await page.$$eval(`${view} [data-testid=files-used] tbody tr`, (rows) => rows.map((row) => row.cells[4].textContent)))[0].replaceAll(",", ""));
    console.log(`Generate → Complete: ${seconds(duration)}, ${stores} stores (worker: ${await page.textContent(`${view} [data-testid=worker-timing]`)})`);
    console.log(`worker memory (wasm memory.buffer.byteLength at the end, its peak): ${gb(memory)}, ${(memory / polls).toFixed(1)} bytes a poll for ${polls.toLocaleString("en-US")} polls`);
  } else {
    console.log(`Generate → ${state}`);
  }
  console.log(`page's longest frame gap during the report: ${frames.longest.toFixed(0)} ms (${frames.count} frames)`);

  const timeline = await timelineLatency(page, 5);
  console.log(`store timeline, click → SVG in the DOM: ${timeline.map((ms) => ms.toFixed(0)).join(", ")} ms`);

  const list = await everyRowScrollFrames(page);
  console.log(
    `every row in one scrolling list (${list.drawn} of ${list.rows} rows drawn), scrolling 120 × 400 px: frame gaps median ${list.median.toFixed(0)} ms, ` +
      `longest ${list.longest.toFixed(0)} ms, ${list.over50} over 50 ms; ` +
      `jump to the end ${list.toEnd.toFixed(0)} ms, back to the top ${list.toTop.toFixed(0)} ms (two frames)`,
  );

  // Cancel at several moments of a report: click → "Cancelled" on the page.
  for (const when of [/Running: (starting|reading files, 0%)/, /Running: reading files, [1-9]\d?%/, /Running: reading files, [5-9]\d%/, /Running: calculating/]) {
    const latency = await cancelLatency(page, when);
    console.log(`cancel while ${latency.state}: ${latency.ms.toFixed(0)} ms to Cancelled`);
  }

  // Beyond what a tab can hold: the 10x status file five times over, as
  // the parts of a split export (5.4 GB, about 93 million polls).
  await page.click("[data-testid=forget-stored]");
  // Forget asks first.
  await page.click("[data-testid=forget-confirm]");
  await page.waitForFunction(() => document.querySelector("[data-testid=storage]")?.dataset.files === "0");
  await storageSettled(page);
  started = performance.now();
  await chooseFiles(page, Array(5).fill(files[0]));
  await waitForSlots(page, 5, 1_800_000);
  console.log(`five parts read for their slots in ${seconds(performance.now() - started)} (those that do not fit beside the others are previewed, not kept)`);
  await startFrameWatch(page);
  const huge = await generateUntilFinished(page);
  const hugeFrames = await stopFrameWatch(page);
  console.log(`5 × the 10x status file: ${seconds(huge.ms)} from Generate to "${huge.state}"`);
  console.log(`  longest frame gap meanwhile: ${hugeFrames.longest.toFixed(0)} ms`);
  if (page.problems.length) console.log("page errors:", page.problems);
} finally {
  await chromium.close();
  await server.stop();
}
