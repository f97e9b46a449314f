// Times targets, groups and the period before in the page, full size, in
// headless Chromium: Generate → Complete on files already read, without a
// target and groups file and then with both (the worker computes the
// scorecard, the roll-up and their CSVs too), alternated, `runs` each; then
// the roll-up table and its chart redrawn for the 500-region dimension
// (switched to from another), from the select's change to both in the DOM
// and the next frame drawn. Not a test: it prints figures.
//
//   node scripts/bench-scorecard-web.mjs DIST DATA [RUNS] [TARGET]
//
// DATA holds status.csv, menu_hours.csv, timezones.csv and groups.csv
// (`store-uptime sample --stores 14000 --seed 1 --groups 500 --out DATA`).
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { browser, chooseFiles, generate, openApp, serve, unfoldInputs, waitForReport, waitForSlots } from "../tests/e2e/helpers.mjs";

const [dist, data, runs = "3", target = "99.5"] = process.argv.slice(2);
const plain = ["status.csv", "menu_hours.csv", "timezones.csv"].map((name) => join(data, name));
const groups = join(data, "groups.csv");
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => loadavg().map((figure) => figure.toFixed(1)).join(" ");

const server = await serve(dist);
const chromium = await browser();
try {
  const page = await openApp(chromium.context, server.url);
  await chooseFiles(page, plain);
  await waitForSlots(page, 3);
  await page.waitForFunction(() => /latest poll, \d{4}-/.test(document.querySelector("#setting-now-help").textContent));

  const timed = async () => {
    const id = await generate(page);
    const state = await waitForReport(page, id, 180_000);
    if (!state.includes("Complete")) throw new Error(`report ${id}: ${state}`);
    const ms = Number(await page.getAttribute(`[data-testid=report-state][data-report-id="${id}"]`, "data-duration-ms"));
    const timing = await page.textContent(`[data-testid=report-view][data-report-id="${id}"] [data-testid=worker-timing]`);
    return { id, ms, timing };
  };
  // The groups file is given once and removed again between runs, so that
  // both cases run on files already read; the target is set and cleared.
  const groupsCard = "[data-testid=slot-groups] [data-testid=file-card]";
  const withGroups = async (on) => {
    await unfoldInputs(page);
    if (on) {
      await page.fill("[data-testid=setting-target]", target);
      if (!(await page.$(groupsCard))) {
        await chooseFiles(page, [groups]);
        await waitForSlots(page, 4);
      }
    } else {
      await page.fill("[data-testid=setting-target]", "");
    }
  };
  const without = [];
  const withBoth = [];
  let lastWith;
  // A warm-up of each, not counted.
  await timed();
  await withGroups(true);
  await timed();
  for (let run = 1; run <= Number(runs); run++) {
    // Without a target, the groups file's card is still there: its stores
    // would make a scorecard (own targets, groups). Both cases are against
    // the report the page made before issue 22: no target, no groups file.
    await unfoldInputs(page);
    await page.click(`${groupsCard} [data-testid=remove-file]`);
    await page.waitForFunction((card) => !document.querySelector(card), groupsCard);
    await withGroups(false);
    const plainRun = await timed();
    without.push(plainRun.ms);
    console.log(`run ${run}, load ${load()}: no target, no groups file: Generate → Complete ${plainRun.ms.toFixed(0)} ms (worker: ${plainRun.timing})`);
    await withGroups(true);
    lastWith = await timed();
    withBoth.push(lastWith.ms);
    console.log(`run ${run}, load ${load()}: target ${target} and groups file: Generate → Complete ${lastWith.ms.toFixed(0)} ms (worker: ${lastWith.timing})`);
  }
  const [a, b] = [median(without), median(withBoth)];
  console.log(`median of ${runs}: without ${a.toFixed(0)} ms, with ${b.toFixed(0)} ms: ${(((b - a) / a) * 100).toFixed(0)} %`);

  // The roll-up of the 500 regions, redrawn from another dimension.
  const view = `[data-testid=report-view][data-report-id="${lastWith.id}"]`;
  const names = await page.$$eval(`${view} [data-testid=rollup-dimension] option`, (options) => options.map((o) => o.textContent));
  const header = readFileSync(groups, "utf8").split("\n")[0];
  console.log(`groups file header: ${header}; dimensions: ${names.join(", ")}`);
  const draws = [];
  for (let run = 1; run <= Number(runs); run++) {
    await page.selectOption(`${view} [data-testid=rollup-dimension]`, "1");
    await page.waitForFunction((view) => document.querySelector(`${view} [data-testid=rollup-table]`).dataset.dimension === "1", view);
    const drawn = await page.evaluate(async (view) => {
      const select = document.querySelector(`${view} [data-testid=rollup-dimension]`);
      const started = performance.now();
      select.value = "0";
      select.dispatchEvent(new Event("change", { bubbles: true }));
      // The page redraws soon after the event (not within it): the table
      // and the chart are watched until both show the chosen dimension,
      // then the next frame is laid out and painted.
      const table = document.querySelector(`${view} [data-testid=rollup-table]`);
      const chart = () => document.querySelector(`${view} [data-testid=rollup-chart] title`)?.textContent ?? "";
      const redrawn = () => table.dataset.dimension === "0" && chart().includes(` ${select.options[0].textContent} `);
      await new Promise((done) => {
        if (redrawn()) return done();
        const observer = new MutationObserver(() => {
          if (redrawn()) {
            observer.disconnect();
            done();
          }
        });
        observer.observe(document.querySelector(`${view} [data-testid=rollup]`), { childList: true, subtree: true, attributes: true, characterData: true });
      });
      const inDom = performance.now() - started;
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      const rows = document.querySelectorAll(`${view} [data-testid=rollup-row]`).length;
      const bars = document.querySelectorAll(`${view} [data-testid=rollup-bar]`).length;
      return { ms: performance.now() - started, inDom, rows, bars };
    }, view);
    draws.push(drawn.ms);
    console.log(`run ${run}, load ${load()}: roll-up by ${names[0]}: ${drawn.rows} rows, ${drawn.bars} bars in the DOM in ${drawn.inDom.toFixed(1)} ms, drawn (next frame painted) in ${drawn.ms.toFixed(1)} ms`);
  }
  console.log(`roll-up table and chart, median of ${runs}: ${median(draws).toFixed(1)} ms`);
} finally {
  await chromium.close();
  await server.stop();
}
