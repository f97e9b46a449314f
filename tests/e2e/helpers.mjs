// Shared by the end-to-end specs: a static server (scripts/serve-dist.py,
// which sends the headers of web/_headers as a static host would), Chromium
// through playwright-core, and the store-uptime command to compare the
// app's results with.
import assert from "node:assert/strict";
import { spawn, execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

const run = promisify(execFile);

export const ROOT = new URL("../../", import.meta.url).pathname;
export const DATA = process.env.E2E_DATA ?? join(ROOT, "target/e2e-data");
export const CLI = process.env.STORE_UPTIME_CLI ?? join(ROOT, "target/release/store-uptime");
export const DIST = process.env.E2E_DIST ?? join(ROOT, "dist");
// The generated data set most specs use.
export const STATUS = join(DATA, "status.csv");
export const HOURS = join(DATA, "menu_hours.csv");
export const ZONES = join(DATA, "timezones.csv");

const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/**
 * Serves `folder` on a free port of 127.0.0.1 with the HTTP headers of the
 * build's `_headers` (or of `headers`, a path; `null` for none, as a host
 * that cannot set headers); resolves to { url, stop }.
 */
export function serve(folder, { headers = join(DIST, "_headers") } = {}) {
  const options = headers === null ? ["--no-headers"] : ["--headers", headers];
  return new Promise((resolve, reject) => {
    const server = spawn("python3", ["-u", join(ROOT, "scripts/serve-dist.py"), "--port", "0", ...options, folder], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let seen = "";
    const onData = (chunk) => {
      seen += chunk;
      const match = /Serving http:\/\/127\.0\.0\.1:(\d+)\//.exec(seen);
      if (match) {
        server.stdout.off("data", onData);
        resolve({
          url: `http://127.0.0.1:${match[1]}/`,
          stop: () => new Promise((done) => {
            server.once("exit", done);
            server.kill();
          }),
        });
      }
    };
    server.stdout.on("data", onData);
    server.stderr.on("data", (chunk) => {
      seen += chunk;
    });
    server.once("error", reject);
    server.once("exit", (code) => reject(new Error(`serve-dist.py exited with ${code}: ${seen}`)));
  });
}

/** A fresh Chromium profile; resolves to { context, close }. */
export async function browser() {
  const profile = await mkdtemp(join(tmpdir(), "store-uptime-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_FLAGS,
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens the app and waits until both workers have said they are ready (the
 * timezone list arrives from one; the other is idle), what the browser
 * kept is back, and the offline cache is installed, so that whatever
 * follows is the user's doing. Console errors, warnings of deprecated use
 * and page errors are collected in `page.problems`.
 *
 * A fresh visit (the default) starts with nothing kept from earlier specs
 * in the same browser: the page's database and settings are deleted before
 * its first load (the app's own open request waits behind the delete), but
 * not on reloads of the same tab.
 */
export async function openApp(context, url, { fresh = true } = {}) {
  const page = await context.newPage();
  page.problems = [];
  // Errors, and warnings of deprecated use (the workers' included).
  page.on("console", (message) => {
    const deprecated = message.type() === "warning" && /deprecated/i.test(message.text());
    if (message.type() === "error" || deprecated) page.problems.push(message.text());
  });
  page.on("pageerror", (error) => page.problems.push(String(error)));
  if (fresh) {
    await page.addInitScript(() => {
      if (!sessionStorage.getItem("e2e-visited")) {
        sessionStorage.setItem("e2e-visited", "1");
        localStorage.clear();
        indexedDB.deleteDatabase("store-uptime");
      }
    });
  }
  await page.goto(url);
  await appReady(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  return page;
}

/** Waits until the workers (the part workers too) are ready and the kept files and reports are back. */
export async function appReady(page) {
  await page.waitForFunction(
    () =>
      document.querySelectorAll("[data-testid=setting-timezone] option").length > 100 &&
      document.querySelector("#main")?.dataset.workers === "ready" &&
      document.querySelector("[data-testid=storage]")?.dataset.state !== "restoring",
  );
}

/** Waits until everything the page is writing to the browser's storage is written. */
export async function storageSettled(page) {
  await page.waitForFunction(() => document.querySelector("[data-testid=storage]")?.dataset.saving === "0");
  return page.$eval("[data-testid=storage]", (element) => ({
    files: Number(element.dataset.files),
    reports: Number(element.dataset.reports),
    line: element.querySelector("[data-testid=storage-line]").textContent,
  }));
}

export async function chooseFiles(page, paths) {
  await page.setInputFiles("[data-testid=file-input]", paths);
}

/** Waits until no file is being read and `count` files sit in slots. */
export async function waitForSlots(page, count, timeout = 30_000) {
  await page.waitForFunction(
    (count) =>
      document.querySelectorAll("[data-testid=reading-file]").length === 0 &&
      document.querySelectorAll("[data-testid=file-card]").length === count,
    count,
    { timeout },
  );
}

/** Clicks Generate and resolves to the id of the report it made. */
export async function generate(page) {
  const before = await page.$$eval("[data-testid=report]", (reports) => reports.map((r) => Number(r.dataset.reportId)));
  await page.click("[data-testid=generate]");
  const handle = await page.waitForFunction((before) => {
    const ids = [...document.querySelectorAll("[data-testid=report]")].map((r) => Number(r.dataset.reportId));
    return ids.find((id) => !before.includes(id));
  }, before);
  return handle.jsonValue();
}

/**
 * Unfolds the files and settings, which fold into one line while a report
 * is on screen; nothing if they are not folded.
 */
export async function unfoldInputs(page) {
  if (await page.isVisible("[data-testid=unfold-inputs]")) {
    await page.click("[data-testid=unfold-inputs]");
    await page.waitForSelector("[data-testid=drop-zone]", { state: "visible" });
  }
}

/**
 * Clicks "Try with sample data", which loads the three files and runs their
 * report; resolves to the id of that report (the first new one).
 */
export async function sampleReport(page) {
  const before = await page.$$eval("[data-testid=report]", (reports) => reports.map((r) => Number(r.dataset.reportId)));
  await unfoldInputs(page);
  await page.click("[data-testid=sample-data]");
  const handle = await page.waitForFunction((before) => {
    const ids = [...document.querySelectorAll("[data-testid=report]")].map((r) => Number(r.dataset.reportId));
    return ids.find((id) => !before.includes(id));
  }, before);
  return handle.jsonValue();
}

/** Waits for a report to finish; resolves to its state text. */
export async function waitForReport(page, id, timeout = 60_000) {
  const selector = `[data-testid=report-state][data-report-id="${id}"]`;
  await page.waitForFunction(
    (selector) => /Complete|Failed|Cancelled/.test(document.querySelector(selector)?.textContent ?? ""),
    selector,
    { timeout },
  );
  return page.textContent(selector);
}

/** Clicks a download link; resolves to the file's bytes and name. */
export async function download(page, selector) {
  const [event] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  const path = await event.path();
  const { readFile } = await import("node:fs/promises");
  return { bytes: await readFile(path), name: event.suggestedFilename() };
}

/** Runs the store-uptime command; resolves to its CSV output. */
export async function cli(args) {
  const { stdout } = await run(CLI, [...args, "--quiet"], { maxBuffer: 1 << 30, encoding: "buffer" });
  return stdout;
}

/**
 * The rows of a report table's body, as arrays of cell texts; figures
 * without the thousands separators the page groups them with, so that they
 * compare with the CSV's.
 */
export async function tableRows(page, id) {
  return page.$$eval(`[data-testid=report-table][data-report-id="${id}"] tbody tr.store-row`, (rows) =>
    rows.map((row) =>
      [...row.querySelectorAll("th, td")].map((cell) => {
        const text = cell.textContent.trim();
        return cell.classList.contains("number") ? text.replaceAll(",", "") : text;
      }),
    ),
  );
}

/** Parses the report CSV (no quoted fields in generated data). */
export function parseCsv(bytes) {
  return bytes
    .toString("utf8")
    .trimEnd()
    .split("\n")
    .map((line) => line.split(","));
}

/** Splits CSV text into records of fields (RFC 4180 quoting; one line per record). */
export function parseQuotedCsv(text) {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => {
      const fields = [];
      let field = "";
      let quoted = false;
      for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (quoted) {
          if (c === '"' && line[i + 1] === '"') {
            field += '"';
            i++;
          } else if (c === '"') {
            quoted = false;
          } else {
            field += c;
          }
        } else if (c === '"') {
          quoted = true;
        } else if (c === ",") {
          fields.push(field);
          field = "";
        } else {
          field += c;
        }
      }
      fields.push(field);
      return fields;
    });
}

/**
 * Saves a screenshot to SCREENSHOT_DIR, if set: the whole page, or the
 * window's view with `selector` scrolled to its top.
 */
export async function screenshot(page, name, selector) {
  const folder = process.env.SCREENSHOT_DIR;
  if (!folder) return;
  if (selector) {
    await page.$eval(selector, (element) => element.scrollIntoView({ block: "start" }));
  }
  await page.screenshot({ path: join(folder, `${name}.png`), fullPage: !selector });
}

/**
 * What every spec file needs, made before its tests and removed after them:
 * dist/ served on 127.0.0.1, one Chromium, and a scratch folder for files.
 * The fields are filled in by the `before` hook, so read them inside tests.
 */
export function suiteFixture(name) {
  const fixture = { server: null, chromium: null, scratch: null };
  before(async () => {
    fixture.server = await serve(DIST);
    fixture.chromium = await browser();
    fixture.scratch = await mkdtemp(join(tmpdir(), `store-uptime-e2e-${name}-`));
  });
  after(async () => {
    await fixture.chromium?.close();
    await fixture.server?.stop();
    if (fixture.scratch) await rm(fixture.scratch, { recursive: true, force: true });
  });
  return fixture;
}

/** Opens a fresh page of the app, runs `body`, and checks that the page logged no error. */
export async function withAppPage(context, url, body) {
  const page = await openApp(context, url);
  try {
    await body(page);
    assert.deepEqual(page.problems, [], "the page logged errors");
  } finally {
    await page.close();
  }
}

/** The page's controls that have no accessible name: their HTML, for a failure message. */
export function unnamedControls(page) {
  return page.$$eval("input:not([type=file]), select, button, a[href]", (controls) =>
    controls
      .filter((control) => {
        const labelled = control.labels?.length > 0 || control.getAttribute("aria-label") || control.getAttribute("aria-labelledby");
        return !labelled && !control.textContent.trim();
      })
      .map((control) => control.outerHTML),
  );
}

/**
 * Runs axe-core (from node_modules, evaluated through the driver, so the
 * page's content security policy does not apply to it) on the page as it
 * is; resolves to its violations as "rule: target (summary)" lines, for a
 * failure message. WCAG 2.x A and AA rules and axe's best practices.
 * `within`, a selector, checks only that part of the page.
 */
export async function axeViolations(page, within = null) {
  const { readFile } = await import("node:fs/promises");
  const source = await readFile(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
  await page.evaluate(source);
  const violations = await page.evaluate(async (within) => {
    const context = within ? document.querySelector(within) : document;
    const result = await globalThis.axe.run(context, { resultTypes: ["violations"] });
    return result.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(" ")} (${node.failureSummary.replaceAll("\n", " ")})`),
    );
  }, within);
  return violations;
}

/**
 * Checks the page as it is in light and dark, at 1280 and at 390 px wide:
 * no axe-core violation and nothing scrolling the page sideways (wide
 * tables scroll in their own box). With `within` (an open dialog, a new
 * part), that part on its own too, inside the width, so that what is over
 * the page is checked whatever axe makes of the inert page under it; with
 * `whole: false`, that part only.
 */
export async function noViolations(page, screen, within = null, { whole = true } = {}) {
  try {
    for (const colorScheme of ["light", "dark"]) {
      await page.emulateMedia({ colorScheme });
      for (const width of [1280, 390]) {
        await page.setViewportSize({ width, height: 900 });
        if (whole) {
          const found = await axeViolations(page);
          assert.deepEqual(found, [], `${screen}, ${colorScheme}, ${width} px wide:\n${found.join("\n")}`);
        }
        if (within) {
          const inside = await axeViolations(page, within);
          assert.deepEqual(inside, [], `${screen}, ${within}, ${colorScheme}, ${width} px wide:\n${inside.join("\n")}`);
          if (whole) {
            const box = await page.$eval(within, (element) => element.getBoundingClientRect().toJSON());
            assert.ok(box.left >= 0 && box.right <= width, `${screen}, ${width} px wide: ${within} is at ${box.left}–${box.right} px`);
          }
        }
        const pageWidth = await page.evaluate(() => document.scrollingElement.scrollWidth);
        assert.ok(pageWidth <= width, `${screen}, ${width} px wide: the page is ${pageWidth} px wide`);
      }
    }
  } finally {
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1280, height: 900 });
  }
}
