// Trunk post-build hook: finishes the build in Trunk's staging folder.
//
// 1. Moves each inline script of index.html (Trunk's loader of the app)
//    into a file of its own, named by its content, so that one fixed
//    Content-Security-Policy (`script-src 'self'`, no hash that changes with
//    each build) serves in the page's <meta> tag and in the HTTP headers of
//    web/_headers and docs/hosting/; and checks that the two policies agree.
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
let moved = 0;
html = html.replace(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/g, (script, attributes = "", body) => {
  if (/\ssrc=/.test(attributes) || !body.trim()) return script;
  const name = `start-${createHash("sha256").update(body, "utf8").digest("hex").slice(0, 16)}.js`;
  writeFileSync(join(dir, name), `${body.trim()}\n`);
  moved += 1;
  return `<script${attributes} src="./${name}"></script>`;
});
writeFileSync(indexPath, html);

// The page's policy is the headers' one, less frame-ancestors (which a
// <meta> tag cannot carry).
const metaPolicy = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
const headerPolicy = /^\s+Content-Security-Policy:\s*(.*)$/m.exec(readFileSync(join(dir, "_headers"), "utf8"))?.[1];
const withoutFrames = (policy) => policy?.split(";").map((part) => part.trim()).filter((part) => part && !part.startsWith("frame-ancestors")).join("; ");
if (!metaPolicy || withoutFrames(metaPolicy) !== withoutFrames(headerPolicy)) {
  console.error(`finish-dist: the Content-Security-Policy of index.html and of web/_headers differ:\n  ${metaPolicy}\n  ${headerPolicy}`);
  process.exit(1);
}

function walk(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? walk(path) : [path];
  });
}
const files = walk(dir)
  .map((path) => relative(dir, path).split(sep).join("/"))
  // Not the service worker itself, nor the host's header rules (not served).
  .filter((path) => path !== "sw.js" && path !== "_headers")
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
console.log(`finish-dist: ${moved} inline script(s) moved into files, ${urls.length} files cached offline`);
