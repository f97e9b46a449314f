// End-to-end specs of hosting the app for real: the HTTP headers that a
// static host sends with every file (web/_headers, served here by
// scripts/serve-dist.py as Netlify or Cloudflare Pages would), the text of
// the nginx and Caddy snippets in docs/hosting/ (read, not run: neither
// server is started here), the worker bound by the
// Content-Security-Policy of those headers, and the page installable as an
// app that opens offline.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";

import { DIST, ROOT, browser, openApp, sampleReport, serve, suiteFixture, waitForReport, waitForSlots, withAppPage } from "./helpers.mjs";

const fixture = suiteFixture("hosting");

/** The headers that web/_headers gives every file, as [name, value] pairs. */
async function shippedHeaders() {
  const text = await readFile(join(ROOT, "web/_headers"), "utf8");
  const lines = text.split("\n").filter((line) => line.trim() && !line.trim().startsWith("#"));
  assert.equal(lines[0], "/*", "web/_headers gives its headers to every file");
  return lines.slice(1).map((line) => {
    const colon = line.indexOf(":");
    return [line.slice(0, colon).trim(), line.slice(colon + 1).trim()];
  });
}

/** A server on another port of 127.0.0.1 that counts the requests it gets. */
function otherOrigin() {
  return new Promise((resolve) => {
    const seen = [];
    const server = createServer((request, response) => {
      seen.push(request.url);
      response.end("reached");
    });
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${server.address().port}/`, seen, stop: () => new Promise((done) => server.close(done)) }),
    );
  });
}

/** Asks the page's data worker to fetch `url`; resolves to what happened. */
async function workerFetch(page, url) {
  const deadline = Date.now() + 10_000;
  while (page.workers().length === 0 && Date.now() < deadline) await new Promise((done) => setTimeout(done, 50));
  const [worker] = page.workers();
  assert.ok(worker, "the page runs no worker");
  assert.match(worker.url(), /worker_loader\.js$/);
  return worker.evaluate(
    (url) =>
      new Promise((done) => {
        let violation = null;
        self.addEventListener("securitypolicyviolation", (event) => (violation = event.violatedDirective), { once: true });
        fetch(url, { mode: "no-cors" }).then(
          () => done({ fetched: true, violation }),
          // The violation event is queued as a task: let it arrive.
          (error) => setTimeout(() => done({ fetched: false, error: String(error), violation }), 100),
        );
      }),
    url,
  );
}

describe("headers", () => {
  test("every file is served with the shipped headers, and nginx's and Caddy's snippets name the same headers", async () => {
    const headers = await shippedHeaders();
    assert.ok(headers.some(([name]) => name === "Content-Security-Policy"));
    const manifest = JSON.parse(await readFile(join(DIST, "manifest.json"), "utf8"));
    const paths = ["", "index.html", "worker_loader.js", "worker.js", "worker_bg.wasm", "sw.js", "manifest.json", manifest.icons[0].src];
    for (const path of paths) {
      const response = await fetch(fixture.server.url + path);
      assert.equal(response.status, 200, path);
      for (const [name, value] of headers) assert.equal(response.headers.get(name), value, `${name} of /${path}`);
    }
    assert.equal((await fetch(`${fixture.server.url}_headers`)).status, 404, "the host's rules are not served");

    const nginx = await readFile(join(ROOT, "docs/hosting/nginx.conf"), "utf8");
    const caddy = await readFile(join(ROOT, "docs/hosting/Caddyfile"), "utf8");
    for (const [name, value] of headers) {
      assert.ok(nginx.includes(`add_header ${name} "${value}" always;`), `nginx.conf lacks ${name}: ${value}`);
      assert.ok(caddy.includes(`${name} "${value}"`), `Caddyfile lacks ${name}: ${value}`);
    }
    // The page's <meta> policy is the same, less frame-ancestors.
    const policy = new Map(headers).get("Content-Security-Policy");
    const html = await (await fetch(fixture.server.url)).text();
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/.exec(html)?.[1];
    assert.equal(`${meta}; frame-ancestors 'none'`, policy);
  });

  test("the worker's request to another origin is blocked by the headers' policy; without them it goes through", async () => {
    const target = await otherOrigin();
    const bare = await serve(DIST, { headers: null });
    try {
      await withAppPage(fixture.chromium.context, fixture.server.url, async (page) => {
        const outcome = await workerFetch(page, `${target.url}from-worker`);
        assert.equal(outcome.fetched, false, JSON.stringify(outcome));
        assert.equal(outcome.violation, "connect-src");
        assert.deepEqual(target.seen, []);
        // The refusal is the browser's console error: expected here.
        page.problems = page.problems.filter((problem) => !/Content Security Policy|connect-src/.test(problem));
      });
      // A host that sends no headers (GitHub Pages): the page's <meta> tag
      // does not bind its workers.
      await withAppPage(fixture.chromium.context, bare.url, async (page) => {
        const outcome = await workerFetch(page, `${target.url}from-worker`);
        assert.equal(outcome.fetched, true, JSON.stringify(outcome));
        assert.deepEqual(target.seen, ["/from-worker"]);
      });
    } finally {
      await bare.stop();
      await target.stop();
    }
  });
});

describe("installable", () => {
  test("the manifest is served and valid, with its icons, and the installed app opens offline", async () => {
    const own = await browser();
    try {
      const page = await openApp(own.context, fixture.server.url);
      const manifestUrl = new URL(await page.getAttribute("link[rel=manifest]", "href"), fixture.server.url).href;
      const response = await fetch(manifestUrl);
      assert.equal(response.status, 200);
      assert.match(response.headers.get("content-type"), /^application\/(manifest\+)?json/);
      const manifest = await response.json();
      assert.equal(manifest.name, "Store Uptime");
      assert.equal(manifest.display, "standalone");
      assert.equal(new URL(manifest.start_url, manifestUrl).href, fixture.server.url);
      for (const size of [192, 512]) {
        const icon = manifest.icons.find((icon) => icon.sizes === `${size}x${size}` && icon.type === "image/png" && icon.purpose !== "maskable");
        assert.ok(icon, `no ${size}×${size} PNG icon`);
        const png = Buffer.from(await (await fetch(new URL(icon.src, manifestUrl))).arrayBuffer());
        assert.equal(png.subarray(1, 4).toString(), "PNG");
        assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [size, size], icon.src);
      }
      // Chromium's own verdict: the manifest parses without errors and the
      // page can be installed (manifest, icons, a service worker with a
      // fetch handler controlling the page).
      const cdp = await own.context.newCDPSession(page);
      const parsed = await cdp.send("Page.getAppManifest");
      assert.deepEqual(parsed.errors, []);
      assert.equal(parsed.url, manifestUrl);
      await page.reload();
      await page.evaluate(() => navigator.serviceWorker.ready);
      const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
      assert.deepEqual(installabilityErrors, []);
      // The offline cache holds the manifest and its icons.
      const cached = await page.evaluate(
        (urls) => Promise.all(urls.map(async (url) => Boolean(await caches.match(url)))),
        [manifestUrl, ...manifest.icons.map((icon) => new URL(icon.src, manifestUrl).href)],
      );
      assert.deepEqual(cached, cached.map(() => true));
      await page.close();

      // Opened from the dock with no network: the start URL works.
      await own.context.setOffline(true);
      await withAppPage(own.context, new URL(manifest.start_url, manifestUrl).href, async (offline) => {
        const id = await sampleReport(offline);
        await waitForSlots(offline, 3);
        assert.match(await waitForReport(offline, id), /Complete/);
      });
    } finally {
      await own.context.setOffline(false);
      await own.close();
    }
  });
});
