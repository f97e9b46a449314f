// Times, in headless Chromium, files given → first report Complete on the
// full-size data set with the status file as plain CSV, as .csv.gz and
// inside a .zip (deflated), each on a fresh page, alternating, RUNS times;
// then the browser's own DecompressionStream on the same .csv.gz, and on
// one of several members (which Chromium stops at), for comparison with
// the inflater the worker uses. Not a test: it prints figures.
//
//   node scripts/bench-packed.mjs DIST DATA [RUNS]
//
// DATA holds status.csv, menu_hours.csv, timezones.csv and packed/ with
// status.csv.gz, status.zip and status-members.csv.gz (see
// scripts/bench-packed.sh).
import { join } from "node:path";
import { browser, chooseFiles, generate, openApp, serve, waitForReport } from "../tests/e2e/helpers.mjs";

const [dist, data, runs = "3"] = process.argv.slice(2);
const others = ["menu_hours.csv", "timezones.csv"].map((name) => join(data, name));
const variants = {
  "plain CSV": join(data, "status.csv"),
  ".csv.gz": join(data, "packed/status.csv.gz"),
  ".zip (deflated)": join(data, "packed/status.zip"),
};

const server = await serve(dist);
const chromium = await browser();
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
try {
  const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
  for (let run = 1; run <= Number(runs); run++) {
    for (const [name, status] of Object.entries(variants)) {
      const page = await openApp(chromium.context, server.url);
      const started = performance.now();
      await chooseFiles(page, [status, ...others]);
      const id = await generate(page);
      const state = await waitForReport(page, id, 180_000);
      if (!state.includes("Complete")) throw new Error(`${name}: report ${id}: ${state}`);
      const ms = performance.now() - started;
      times[name].push(ms);
      console.log(`run ${run}, status file as ${name}: files given → Complete ${ms.toFixed(0)} ms`);
      if (page.problems.length) console.log("page errors:", page.problems);
      await page.close();
    }
  }
  const plain = median(times["plain CSV"]);
  for (const [name, values] of Object.entries(times)) {
    const ratio = ((median(values) / plain - 1) * 100).toFixed(0);
    console.log(`median, status file as ${name}: ${median(values).toFixed(0)} ms (${name === "plain CSV" ? "the reference" : `${ratio >= 0 ? "+" : ""}${ratio} %`})`);
  }
  // The browser's inflater, in the page, on the same bytes: a file input
  // made for it, the stream piped through DecompressionStream and counted.
  const page = await openApp(chromium.context, server.url);
  await page.evaluate(() => {
    const input = document.createElement("input");
    input.type = "file";
    input.id = "bench-gzip";
    document.body.append(input);
  });
  for (const file of ["status.csv.gz", "status-members.csv.gz"]) {
    await page.setInputFiles("#bench-gzip", join(data, "packed", file));
    const result = await page.evaluate(async () => {
      const file = document.querySelector("#bench-gzip").files[0];
      const started = performance.now();
      let bytes = 0;
      try {
        const reader = file.stream().pipeThrough(new DecompressionStream("gzip")).getReader();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          bytes += value.length;
        }
        return { bytes, ms: performance.now() - started };
      } catch (error) {
        return { bytes, ms: performance.now() - started, error: String(error) };
      }
    });
    const rate = (result.bytes / 1e6 / (result.ms / 1000)).toFixed(0);
    console.log(
      `DecompressionStream("gzip") on ${file}: ${(result.bytes / 1e6).toFixed(1)} MB out in ${result.ms.toFixed(0)} ms (${rate} MB/s)` +
        (result.error ? `, then: ${result.error}` : ""),
    );
  }
  await page.close();
} finally {
  await chromium.close();
  await server.stop();
}
