// Trunk post-build hook: finishes the build in Trunk's staging folder.
//
// 1. Adds the hash of each inline script of index.html (Trunk's loader of
//    the app) to the Content-Security-Policy, so that the policy can refuse
//    every other inline script without 'unsafe-inline'.
// 2. Writes into sw.js the list of the build's files and a version made of
//    their content, so that each build gets its own offline cache.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join, relative, sep } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("finish-dist: TRUNK_STAGING_DIR is not set (run through Trunk)");
  process.exit(1);
}

const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
const hashes = [];
for (const [, attributes, body] of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g)) {
  if (/\ssrc=/.test(attributes ?? "")) continue;
  hashes.push(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
}
const scriptSrc = "script-src 'self' 'wasm-unsafe-eval'";
if (!html.includes(scriptSrc)) {
  console.error(`finish-dist: index.html has no "${scriptSrc}" in its Content-Security-Policy`);
  process.exit(1);
}
html = html.replace(scriptSrc, [scriptSrc, ...hashes].join(" "));
writeFileSync(indexPath, html);

function walk(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}
const files = walk(dir)
  .map((path) => relative(dir, path).split(sep).join("/"))
  .filter((path) => path !== "sw.js")
  .sort();
const version = createHash("sha256");
for (const file of files) {
  version.update(file).update("\0").update(readFileSync(join(dir, file))).update("\0");
}
const swPath = join(dir, "sw.js");
const sw = readFileSync(swPath, "utf8");
if (!sw.includes("__BUILD_VERSION__") || !sw.includes('["__BUILD_FILES__"]')) {
  console.error("finish-dist: sw.js lacks its placeholders");
  process.exit(1);
}
const urls = ["./", ...files.map((file) => `./${file}`)];
writeFileSync(
  swPath,
  sw
    .replace("__BUILD_VERSION__", version.digest("hex").slice(0, 16))
    .replace('["__BUILD_FILES__"]', JSON.stringify(urls)),
);
console.log(`finish-dist: ${hashes.length} inline script(s) allowed by hash, ${urls.length} files cached offline`);
