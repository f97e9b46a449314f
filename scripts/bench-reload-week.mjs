// Times a store's week on the first click after a reload, full size, in
// headless Chromium: the report comes back from the browser's storage and
// the worker reads its files again as the page starts (Request::Prepare),
// so that the click finds the data held. Two clicks are timed: one as
// soon as the table's rows are on screen (the read may still be going
// on), and, after another reload, one a second later, as a user who looks
// at the report first would click. Run through scripts/bench-web.sh.
import { join } from "node:path";
import { appReady, browser, chooseFiles, generate, openApp, serve, storageSettled, waitForReport } from "../tests/e2e/helpers.mjs";
import { timelineLatency } from "./bench-page.mjs";

const [dist, data] = process.argv.slice(2);
const files = ["status.csv", "menu_hours.csv", "timezones.csv"].map((name) => join(data, name));
const server = await serve(dist);
const chromium = await browser();
try {
  const page = await openApp(chromium.context, server.url);
  await chooseFiles(page, files);
  const id = await generate(page);
  const state = await waitForReport(page, id, 120_000);
  if (!state.includes("Complete")) throw new Error(`report ${id}: ${state}`);
  await storageSettled(page);
  const reloaded = async () => {
    await page.reload();
    await appReady(page);
    await page.waitForSelector("[data-testid=report-table] tbody tr.store-row");
  };
  await reloaded();
  const atOnce = await timelineLatency(page, 2);
  await reloaded();
  await page.waitForTimeout(1000);
  const later = await timelineLatency(page, 2);
  console.log(
    `store week after a reload, click → SVG in the DOM: clicked as soon as the rows show ${atOnce[0].toFixed(0)} ms ` +
      `(then ${atOnce[1].toFixed(0)} ms); clicked 1 s later ${later[0].toFixed(0)} ms (then ${later[1].toFixed(0)} ms)`,
  );
} finally {
  await chromium.close();
  await server.stop();
}
