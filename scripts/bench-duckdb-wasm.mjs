// Times DuckDB-wasm running the report as SQL (`store-uptime sql --dialect
// duckdb`) in headless Chromium: the project's yardstick for the browser
// app's speed. Serves scripts/bench-duckdb-wasm.html beside the files of
// the npm package @duckdb/duckdb-wasm (nothing from a CDN), gives the page
// the three CSV files through its file input, as a user would, and reads
// the page's performance.now() timings: loading the files into text tables,
// then the script. Each run is a fresh page with a fresh database. Checks
// that every run's report has the command's stores, in the command's
// order, with its figures within 0.01. Run through
// scripts/bench-duckdb-wasm.sh.
//
//   node scripts/bench-duckdb-wasm.mjs DATA REPORT.sql EXPECTED.csv [RUNS]
import { mkdtemp, readFile, rm, symlink, copyFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT, browser, parseCsv, serve } from "../tests/e2e/helpers.mjs";

const [data, sqlPath, expectedPath, runs = "3"] = process.argv.slice(2);
const files = ["status.csv", "menu_hours.csv", "timezones.csv"].map((name) => join(data, name));

/** The script's statements, as tests/sql/check_engines.py splits them: preamble lines ending in `;`, then the query. */
function statements(sql) {
  const out = [];
  const query = [];
  for (const line of sql.split("\n")) {
    if (!query.length && line.startsWith("--")) continue;
    if (!query.length && line.trimEnd().endsWith(";")) out.push(line.trimEnd().replace(/;$/, ""));
    else query.push(line);
  }
  out.push(query.join("\n"));
  return out;
}

/** Where the report differs from the command's CSV (same stores, same order, figures within 0.01); null when it does not. */
function compare(expected, got) {
  if (got.length !== expected.length) return `${got.length} rows, expected ${expected.length}`;
  for (let i = 0; i < expected.length; i++) {
    const [id, ...figures] = expected[i];
    if (String(got[i][0]) !== id) return `row ${i}: store ${got[i][0]}, expected ${id}`;
    for (let j = 0; j < figures.length; j++) {
      const value = got[i][j + 1];
      if (typeof value !== "number" || Math.abs(value - Number(figures[j])) > 0.01 + 1e-9) {
        return `store ${id}, column ${j + 1}: ${value} vs the command's ${figures[j]}`;
      }
    }
  }
  return null;
}

const sql = statements(await readFile(sqlPath, "utf8"));
const [header, ...expected] = parseCsv(await readFile(expectedPath));
const stores = new Set(expected.map((row) => row[0])).size;

// The served folder: the page, DuckDB-wasm's bundles and Apache Arrow (with
// the two packages it imports), from node_modules.
const site = await mkdtemp(join(tmpdir(), "store-uptime-duckdb-wasm-"));
await copyFile(join(ROOT, "scripts/bench-duckdb-wasm.html"), join(site, "index.html"));
for (const [name, target] of [
  ["duckdb", "node_modules/@duckdb/duckdb-wasm/dist"],
  ["apache-arrow", "node_modules/apache-arrow"],
  ["flatbuffers", "node_modules/flatbuffers"],
  ["tslib", "node_modules/tslib"],
]) {
  await symlink(join(ROOT, target), join(site, name));
}

const server = await serve(site, { headers: null });
const chromium = await browser();
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const { version: packageVersion } = JSON.parse(
  await readFile(join(ROOT, "node_modules/@duckdb/duckdb-wasm/package.json"), "utf8"),
);
try {
  const results = [];
  let problems = 0;
  for (let run = 1; run <= Number(runs); run++) {
    const page = await chromium.context.newPage();
    const errors = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
    await page.goto(server.url);
    const started = await (
      await page.waitForFunction(() => window.bench?.started ?? window.bench?.error, null, { timeout: 120_000 })
    ).jsonValue();
    if (typeof started === "string") throw new Error(`DuckDB-wasm did not start: ${started}`);
    if (run === 1) {
      console.log(
        `@duckdb/duckdb-wasm ${packageVersion}, DuckDB ${started.version} (${started.bundle}, one thread), started in ${started.ms.toFixed(0)} ms; ` +
          `${expected.length} stores expected, header ${header.join(",")}`,
      );
    }
    await page.evaluate((sql) => (window.bench.sql = sql), sql);
    await page.setInputFiles("#files", files);
    await page.waitForFunction(() => window.bench.result || window.bench.error, null, { timeout: 1_800_000, polling: 500 });
    const { result, error } = await page.evaluate(() => window.bench);
    if (error) throw new Error(`run ${run}: ${error}`);
    const problem = compare(expected, result.rows);
    const ids = new Set(result.rows.map((row) => String(row[0]))).size;
    if (problem || ids !== stores) problems++;
    results.push(result);
    console.log(
      `run ${run}: load ${(result.loadMs / 1000).toFixed(2)} s, query ${(result.queryMs / 1000).toFixed(2)} s, ` +
        `total ${(result.totalMs / 1000).toFixed(2)} s; ${result.rows.length} rows, ${ids} stores; ` +
        (problem ? `DIFFERENT from the command: ${problem}` : "same figures as the command (within 0.01)"),
    );
    if (run === 1) {
      console.log(`  columns: ${result.columns.join(", ")}`);
      for (const i of [0, Math.floor(expected.length / 2), expected.length - 1]) {
        console.log(`  row ${i}: DuckDB-wasm ${result.rows[i]?.join(",")} | command ${expected[i].join(",")}`);
      }
    }
    if (errors.length) console.log(`  page errors: ${errors.join(" | ")}`);
    await page.close();
  }
  console.log(
    `median of ${results.length}: load ${(median(results.map((r) => r.loadMs)) / 1000).toFixed(2)} s, ` +
      `query ${(median(results.map((r) => r.queryMs)) / 1000).toFixed(2)} s, ` +
      `total ${(median(results.map((r) => r.totalMs)) / 1000).toFixed(2)} s`,
  );
  if (problems) {
    console.log(`${problems} run(s) gave a report unlike the command's`);
    process.exitCode = 1;
  }
} finally {
  await chromium.close();
  await server.stop();
  await rm(site, { recursive: true, force: true });
}
