// How fast headless Chromium hands a dropped file's bytes to Web Workers
// when nothing is done with them: the floor under "files given → Complete",
// which no parser can go below. The file is given through an
// <input type=file>, as the app's is, then read by 1, 2 and 4 workers, each
// its share of the file as 4 MiB slices with two asked ahead
// (`Blob.arrayBuffer()`), as the app's parsing workers read (without the
// parsing). Not a test: it prints figures.
//
//   node scripts/bench-read-floor.mjs FILE [RUNS]
//
// A page of its own, since the app's Content-Security-Policy (rightly)
// allows no worker made from a blob.
import { createServer } from "node:http";
import { stat } from "node:fs/promises";
import { browser } from "../tests/e2e/helpers.mjs";

const [file, runs = "2"] = process.argv.slice(2);

const page = `<!doctype html><meta charset=utf-8><title>read floor</title><input type=file id=file>
<script>
const reader = \`onmessage = async (event) => {
  const { file, start, end } = event.data;
  const slice = 4 << 20, ahead = 2, asked = [];
  let next = start, touched = 0;
  while (next < end || asked.length) {
    while (asked.length < ahead && next < end) {
      const to = Math.min(end, next + slice);
      asked.push(file.slice(next, to).arrayBuffer());
      next = to;
    }
    const bytes = new Uint8Array(await asked.shift());
    // One byte a page, so that the bytes are surely there.
    for (let i = 0; i < bytes.length; i += 4096) touched += bytes[i];
  }
  postMessage(touched);
};\`;
window.readInWorkers = async (workers) => {
  const file = document.getElementById("file").files[0];
  const url = URL.createObjectURL(new Blob([reader], { type: "text/javascript" }));
  const share = Math.ceil(file.size / workers);
  const started = performance.now();
  await Promise.all(Array.from({ length: workers }, (_, i) => new Promise((done) => {
    const worker = new Worker(url);
    worker.onmessage = () => { worker.terminate(); done(); };
    worker.postMessage({ file, start: i * share, end: Math.min(file.size, (i + 1) * share) });
  })));
  return performance.now() - started;
};
</script>`;

const server = createServer((_, response) => {
  response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  response.end(page);
}).listen(0, "127.0.0.1");
await new Promise((listening) => server.once("listening", listening));
const chromium = await browser();
try {
  const tab = await chromium.context.newPage();
  await tab.goto(`http://127.0.0.1:${server.address().port}/`);
  await tab.setInputFiles("#file", file);
  const megabytes = (await stat(file)).size / 1e6;
  for (const workers of [1, 2, 4]) {
    const times = [];
    for (let run = 0; run < Number(runs); run++) times.push(await tab.evaluate((n) => readInWorkers(n), workers));
    const best = Math.min(...times);
    console.log(
      `the browser only reading the ${megabytes.toFixed(0)} MB file in ${workers} worker(s), no parsing: ` +
        `${times.map((ms) => ms.toFixed(0)).join(", ")} ms (${(megabytes / (best / 1000)).toFixed(0)} MB/s at best)`,
    );
  }
} finally {
  await chromium.close();
  server.close();
}
