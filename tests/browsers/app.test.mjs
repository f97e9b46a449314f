// The app in other browsers than Chromium: Firefox ESR and WebKitGTK,
// Safari's engine, over WebDriver (the session: ./session.mjs). Run through
// scripts/test-browsers.sh, which names the browser (BROWSER=firefox|webkit)
// and provides dist/, the command and the generated data.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { after, before, describe, test } from "node:test";
import { By } from "selenium-webdriver";

import { DATA, ROOT, cli } from "../e2e/helpers.mjs";
import { BROWSER, closeSession, openSession, pageOf } from "./session.mjs";
const REAL = join(ROOT, "tests/data/real/loop-2023");
const REAL_FILES = ["store_status_sample.csv", "menu_hours.csv", "timezones.csv"].map((name) => join(REAL, name));
const SAMPLE = join(DATA, "sample");

const state = { server: null, driver: null, browser: null, profile: null };

before(async () => {
  await openSession(state, "app");
  const caps = await state.browser.getCapabilities();
  console.log(`# ${caps.get("browserName")} ${caps.get("browserVersion")}`);
});

after(() => closeSession(state));

const { run, click, waitFor, appReady } = pageOf(state);

/** Reloads the page as a user would (not WebDriver's Refresh, which Firefox sends past the service worker). */
async function reload() {
  await run("window.beforeReload = true; location.reload();");
  await waitFor("the reloaded page", `return !window.beforeReload && document.readyState === "complete";`);
  await appReady();
}

async function storageSettled() {
  await waitFor("the storage writes", `return document.querySelector("[data-testid=storage]")?.dataset.saving === "0";`);
}

async function waitForSlots(count) {
  await waitFor(
    `${count} files in slots`,
    `return document.querySelectorAll("[data-testid=reading-file]").length === 0 &&
       document.querySelectorAll("[data-testid=file-card]").length === arguments[0];`,
    count,
  );
}

/** Clicks Generate; resolves to the new report's id once it is finished, and its state. */
async function generate() {
  const ids = () => run(`return [...document.querySelectorAll("[data-testid=report]")].map((r) => Number(r.dataset.reportId));`);
  const before = await ids();
  await click("[data-testid=generate]");
  const id = await waitFor("a new report", `return [...document.querySelectorAll("[data-testid=report]")].map((r) => Number(r.dataset.reportId)).find((id) => !arguments[0].includes(id));`, before);
  const text = await waitFor(
    `report ${id} to finish`,
    `const text = document.querySelector('[data-testid=report-state][data-report-id="' + arguments[0] + '"]')?.textContent ?? "";
     return /Complete|Failed|Cancelled/.test(text) && text;`,
    id,
  );
  return { id, text };
}

/** The files and settings, folded into one line under a report, unfolded. */
async function unfoldInputs() {
  if (await run(`return document.querySelector("[data-testid=folded-inputs]")?.hidden === false;`)) {
    await click("[data-testid=unfold-inputs]");
  }
}

/** "Try with sample data", which runs its report: its id and state once finished. */
async function sampleReport() {
  const ids = () => run(`return [...document.querySelectorAll("[data-testid=report]")].map((r) => Number(r.dataset.reportId));`);
  const before = await ids();
  await unfoldInputs();
  await click("[data-testid=sample-data]");
  const id = await waitFor("the sample's report", `return [...document.querySelectorAll("[data-testid=report]")].map((r) => Number(r.dataset.reportId)).find((id) => !arguments[0].includes(id));`, before);
  const text = await waitFor(
    `report ${id} to finish`,
    `const text = document.querySelector('[data-testid=report-state][data-report-id="' + arguments[0] + '"]')?.textContent ?? "";
     return /Complete|Failed|Cancelled/.test(text) && text;`,
    id,
  );
  return { id, text };
}

/**
 * Checks a report against the command's CSV. In Firefox: the file that its
 * download link saves, byte for byte. In WebKit, whose MiniBrowser saves no
 * downloads for WebDriver and whose page may not fetch the link's `blob:`
 * URL (the policy's connect-src): the table's rows, figure for figure.
 */
async function checkReport(id, expected, what) {
  if (BROWSER === "firefox") {
    assert.ok((await downloadCsv(id)).equals(expected), `${what}: the downloaded CSV differs from the command's`);
    return;
  }
  // Every row shown (the first page), every figure: the cells' texts less
  // the thousands separators; the percentage columns (3, 6, 9) are the
  // page's own and are not in the CSV.
  const rows = await run(
    `return [...document.querySelectorAll('[data-testid=report-table][data-report-id="' + arguments[0] + '"] tbody tr.store-row')]
       .map((row) => [...row.querySelectorAll("th, td")].map((cell) => {
         const text = cell.textContent.trim();
         return cell.classList.contains("number") ? text.replaceAll(",", "") : text;
       }));`,
    id,
  );
  const lines = expected.toString("utf8").trimEnd().split("\n").slice(1).map((line) => line.split(","));
  assert.equal(rows.length, Math.min(100, lines.length), `${what}: the rows of the first page`);
  rows.forEach((cells, i) => {
    const [store, upH, downH, , upD, downD, , upW, downW] = cells;
    assert.deepEqual([store, upH, downH, upD, downD, upW, downW], lines[i], `${what}: row ${i + 1}`);
  });
}

/** The file that a report's download link saves (Firefox). */
async function downloadCsv(id) {
  if (BROWSER === "firefox") {
    const folder = join(state.profile, "downloads");
    const name = await run(`return document.querySelector('[data-testid=download-csv][data-report-id="' + arguments[0] + '"]').getAttribute("download");`, id);
    await rm(join(folder, name), { force: true });
    await click(`[data-testid=download-csv][data-report-id="${id}"]`);
    const deadline = Date.now() + 30_000;
    for (;;) {
      const names = existsSync(folder) ? readdirSync(folder) : [];
      if (names.includes(name) && !names.some((file) => file.endsWith(".part"))) break;
      if (Date.now() > deadline) throw new Error(`no download of ${name}: ${names}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    return readFile(join(folder, name));
  }
  throw new Error(`no download in ${BROWSER}`);
}

describe(`the app in ${BROWSER}`, () => {
  test("sample data, the real 2023 files, a store's week, a reload, and the offline service worker", async () => {
    await state.browser.get(state.server.url);
    await appReady();

    const sample = await sampleReport();
    await waitForSlots(3);
    assert.match(sample.text, /^Complete/);
    const sampleFiles = ["status.csv", "menu_hours.csv", "timezones.csv"].map((name) => join(SAMPLE, name));
    const sampleExpected = await cli(["--status", sampleFiles[0], "--hours", sampleFiles[1], "--timezones", sampleFiles[2]]);
    await checkReport(sample.id, sampleExpected, "the sample");

    // The real files, through the file input, in place of the sample.
    await unfoldInputs();
    while ((await run(`return document.querySelectorAll("[data-testid=remove-file]").length;`)) > 0) {
      await click("[data-testid=remove-file]");
    }
    await waitForSlots(0);
    await state.browser.findElement(By.css("[data-testid=file-input]")).sendKeys(REAL_FILES.join("\n"));
    await waitForSlots(3);
    const real = await generate();
    assert.match(real.text, /^Complete/);
    const expected = await cli(["--status", REAL_FILES[0], "--hours", REAL_FILES[1], "--timezones", REAL_FILES[2]]);
    await checkReport(real.id, expected, "the real files");

    // A store's week.
    const store = expected.toString("utf8").split("\n")[4].split(",")[0];
    await click(`[data-testid=report-table][data-report-id="${real.id}"] tbody tr:nth-child(4) button`);
    await waitFor("the store's timeline", `return document.querySelector('[data-testid=store-timeline][data-store-id="' + arguments[0] + '"][data-state=drawn] svg.timeline') !== null;`, store);
    assert.equal(await run(`return document.querySelector("dialog[data-testid=store-dialog]").matches(":modal");`), true);
    await click("[data-testid=close-timeline]");
    // Closed, the focus is back on the row's button.
    await waitFor("the focus back on the row", `return document.activeElement?.closest("tr")?.dataset.storeId === arguments[0] && !document.querySelector("dialog[open]");`, store);

    // A reload brings the report back: the browser must keep it (a browser
    // that refuses says why in the page, and the test shows that text).
    await storageSettled();
    const problem = await run(`return document.querySelector("[data-testid=storage-problem]")?.textContent ?? null;`);
    assert.equal(problem, null, `the browser would not keep the data: ${problem}`);
    await reload();
    const kept = await run(`return document.querySelector('[data-testid=report][data-report-id="' + arguments[0] + '"]')?.textContent ?? "";`, real.id);
    assert.match(kept, /Kept from an earlier visit/);
    await checkReport(real.id, expected, "the kept report");

    // The service worker controls the page after a reload, with the app's cache.
    await reload();
    const controlled = await state.browser.executeAsyncScript(
      `const done = arguments[arguments.length - 1];
       navigator.serviceWorker.ready.then(async () => done({
         controller: navigator.serviceWorker.controller?.scriptURL ?? null,
         cached: (await caches.keys()).filter((name) => name.startsWith("store-uptime-")).length,
       }), (error) => done({ error: String(error) }));`,
    );
    assert.equal(controlled.controller, `${state.server.url}sw.js`, JSON.stringify(controlled));
    assert.equal(controlled.cached, 1);
  });

  test("the real 2023 files zipped (stored and deflated) and gzipped (one member and several) give their report", async () => {
    // Packed by Python's zipfile and gzip (tests/support/pack.py), as in the Chromium specs.
    const packed = join(state.profile, "packed");
    await promisify(execFile)("python3", [join(ROOT, "tests/support/pack.py"), "variants", REAL, packed]);
    const expected = await cli(["--status", REAL_FILES[0], "--hours", REAL_FILES[1], "--timezones", REAL_FILES[2]]);
    await state.browser.get(state.server.url);
    await appReady();
    for (const variant of ["zip-stored", "zip-deflated", "gzip", "gzip-members"]) {
      await unfoldInputs();
      while ((await run(`return document.querySelectorAll("[data-testid=remove-file]").length;`)) > 0) {
        await click("[data-testid=remove-file]");
      }
      await waitForSlots(0);
      const files = readdirSync(join(packed, variant)).sort().map((name) => join(packed, variant, name));
      await state.browser.findElement(By.css("[data-testid=file-input]")).sendKeys(files.join("\n"));
      await waitForSlots(3);
      const report = await generate();
      assert.match(report.text, /^Complete/, variant);
      await checkReport(report.id, expected, variant);
    }
  });
});
