// Times the engine compiled to WebAssembly (engine/wasm-bench) in Node's
// V8, the JavaScript engine of Chromium, on a status file held in memory:
// no browser, no file reading, one thread. Each run is a new instance, as
// each of the page's workers is, so the first run includes V8's compiling.
// Not a test: it prints figures. Run through scripts/bench-wasm-engine.sh.
import { readFileSync } from "node:fs";

const [wasmPath, statusPath, runs = "3", days = "7"] = process.argv.slice(2);
const bytes = readFileSync(statusPath);
const module = new WebAssembly.Module(readFileSync(wasmPath));
const stages = { "read whole": [], "read in 2 parts, one after the other": [], "group by store": [], [`report, outages and days (${days} days)`]: [] };
const timed = (list, call) => {
  const started = performance.now();
  const result = call();
  list.push(performance.now() - started);
  return result;
};
for (let run = 0; run < Number(runs); run++) {
  const { exports } = new WebAssembly.Instance(module, {});
  const at = exports.reserve_input(bytes.length);
  new Uint8Array(exports.memory.buffer, at, bytes.length).set(bytes);
  const lists = Object.values(stages);
  const rows = timed(lists[0], () => exports.read_whole(at, bytes.length));
  const partRows = timed(lists[1], () => exports.read_in_parts(at, bytes.length, 2));
  if (rows !== partRows || rows === 0) throw new Error(`rows read: ${rows} whole, ${partRows} in parts`);
  const stores = timed(lists[2], () => exports.group());
  const reportRows = timed(lists[3], () => exports.calculate(Number(days)));
  if (run === 0) console.log(`${rows} rows, ${stores} stores, ${reportRows} report rows`);
}
const megabytes = bytes.length / 1e6;
for (const [stage, times] of Object.entries(stages)) {
  const rate = stage.startsWith("read") ? ` (${(megabytes / (Math.min(...times) / 1000)).toFixed(0)} MB/s at best)` : "";
  console.log(`${stage}: ${times.map((ms) => ms.toFixed(0)).join(", ")} ms${rate}`);
}
