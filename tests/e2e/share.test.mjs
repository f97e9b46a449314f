// End-to-end specs of sharing a report and of its answer in view: after
// Generate the report's heading has the focus at the top of the window and
// the first row is a few Tabs away; the inputs fold into one line; "Try with
// sample data" runs the report; a link to the view names the files, and a
// page opened from it with no data says what it holds and which files to
// give; the HTML snapshot opens offline with JavaScript off, shows the
// view's rows, keeps hostile store ids as text and runs no script, and is
// the same file for the same view; axe-core finds nothing on the new parts.
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, test } from "node:test";

import { chromium } from "playwright-core";

import {
  HOURS,
  STATUS,
  ZONES,
  noViolations,
  chooseFiles,
  download,
  generate,
  openApp,
  screenshot,
  suiteFixture,
  tableRows,
  waitForReport,
  waitForSlots,
  withAppPage,
} from "./helpers.mjs";

const fixture = suiteFixture("share");

const withPage = (body) => withAppPage(fixture.chromium.context, fixture.server.url, body);

/** Store ids that are markup, as a file could hold them. */
const HOSTILE = [
  "<img src=x onerror=alert(1)>",
  "</style><script>alert(2)</script>",
  "<svg onload=alert(3)>",
  "plain-4",
];

/** A status file of the hostile ids, a poll an hour for a day (open 24x7, UTC). */
async function hostileStatus() {
  const lines = ["store_id,status,timestamp_utc"];
  HOSTILE.forEach((id, i) => {
    for (let hour = 0; hour < 24; hour++) {
      const status = (hour + i) % 5 === 0 ? "inactive" : "active";
      lines.push(`${id},${status},2023-01-25 ${String(hour).padStart(2, "0")}:10:00 UTC`);
    }
  });
  const path = join(fixture.scratch, "hostile-status.csv");
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}

const focused = (page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return element?.dataset?.testid || element?.id || element?.tagName;
  });

/** Runs a report with the keyboard: Enter on Generate. Resolves to its id. */
async function generateByKeyboard(page) {
  const before = await page.$$eval("[data-testid=report]", (reports) => reports.map((r) => Number(r.dataset.reportId)));
  await page.focus("[data-testid=generate]");
  await page.keyboard.press("Enter");
  const handle = await page.waitForFunction((before) => {
    const ids = [...document.querySelectorAll("[data-testid=report]")].map((r) => Number(r.dataset.reportId));
    return ids.find((id) => !before.includes(id));
  }, before);
  return handle.jsonValue();
}

describe("the answer in view", () => {
  test("after Generate the report's heading has the focus at the top, and the first row is at most 5 Tabs away", async () => {
    await withPage(async (page) => {
      await chooseFiles(page, [STATUS, HOURS, ZONES]);
      await waitForSlots(page, 3);
      const id = await generateByKeyboard(page);
      assert.match(await waitForReport(page, id), /Complete/);
      const heading = `report-${id}-heading`;
      await page.waitForFunction((heading) => document.activeElement?.id === heading, heading);
      // At the top of the window (under nothing but the page's own margin).
      const top = await page.$eval(`#${heading}`, (element) => element.getBoundingClientRect().top);
      assert.ok(top >= 0 && top < 120, `the heading is ${top} px from the window's top`);

      // Tab until the skip link, Enter, then the first row's button has the focus.
      let tabs = 0;
      while ((await focused(page)) !== "skip-to-table" && tabs < 10) {
        await page.keyboard.press("Tab");
        tabs++;
      }
      await page.keyboard.press("Enter");
      const first = await page.evaluate((id) => {
        const row = document.querySelector(`[data-testid=report-table][data-report-id="${id}"] tbody tr.store-row`);
        return row?.contains(document.activeElement) ? row.querySelector("[data-testid=explain-store]").textContent : null;
      }, id);
      assert.ok(tabs <= 5 && first, `${tabs} Tabs, then Enter; the focus on ${await focused(page)}`);

      // The navigation brings each part to the top, under itself.
      await page.click("[data-testid=report-nav] >> text=Overview");
      await page.waitForFunction(() => document.activeElement?.id === "report-overview");
      const navBottom = await page.$eval("[data-testid=report-nav]", (nav) => nav.getBoundingClientRect().bottom);
      const overviewTop = await page.$eval("#report-overview", (part) => part.getBoundingClientRect().top);
      assert.ok(overviewTop >= navBottom - 1, `the overview at ${overviewTop} px, under the navigation's ${navBottom}`);
      assert.ok(navBottom < 80, "the navigation stays at the top of the window");
    });
  });

  test("with a report on screen the files and settings are one line, which unfolds", async () => {
    await withPage(async (page) => {
      await chooseFiles(page, [STATUS, HOURS, ZONES]);
      await waitForSlots(page, 3);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      await page.waitForSelector("[data-testid=folded-inputs]:not([hidden])");
      assert.equal(await page.isVisible("[data-testid=drop-zone]"), false);
      assert.equal(await page.isVisible("[data-testid=setting-timezone]"), false);
      assert.equal(await page.textContent("[data-testid=folded-files]"), "status.csv, menu_hours.csv, timezones.csv");
      await page.setViewportSize({ width: 390, height: 800 });
      try {
        const height = await page.$eval("[data-testid=folded-inputs]", (line) => line.getBoundingClientRect().height);
        assert.ok(height < 200, `the folded inputs take ${height} px on a phone`);
      } finally {
        await page.setViewportSize({ width: 1280, height: 900 });
      }
      await page.click("[data-testid=unfold-inputs]");
      await page.waitForSelector("[data-testid=setting-timezone]", { state: "visible" });
      assert.equal(await page.isVisible("[data-testid=folded-inputs]"), false);
    });
  });

  test("Try with sample data runs the report too", async () => {
    await withPage(async (page) => {
      await page.click("[data-testid=sample-data]");
      await page.waitForSelector("[data-testid=report]");
      const id = await page.$eval("[data-testid=report]", (report) => Number(report.dataset.reportId));
      assert.match(await waitForReport(page, id), /Complete/);
      await page.waitForSelector(`[data-testid=report-view][data-report-id="${id}"]`);
      assert.equal(await page.textContent("[data-testid=store-count]"), "300");
      await page.waitForFunction((id) => document.activeElement?.id === `report-${id}-heading`, id);
    });
  });
});

describe("a link to the view", () => {
  test("names the files; opened with no data it says what it holds and which files, and the view applies", async () => {
    let link;
    await withPage(async (page) => {
      await chooseFiles(page, [STATUS, HOURS, ZONES]);
      await waitForSlots(page, 3);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      const table = `[data-testid=report-table][data-report-id="${id}"]`;
      await page.click(`${table} [data-testid=sort-downtime_last_week]`);
      await page.waitForFunction(() => location.hash.includes("sort=-downtime_last_week"));
      await page.click("[data-testid=copy-link]");
      await page.waitForSelector("[data-testid=view-link]");
      link = await page.inputValue("[data-testid=view-link]");
      assert.match(await page.textContent("[data-testid=copy-link-help]"), /needs the same files/);
      assert.ok(link.startsWith(fixture.server.url), link);
      const pairs = new URLSearchParams(new URL(link).hash.slice(1));
      assert.equal(pairs.get("sort"), "-downtime_last_week");
      assert.deepEqual(pairs.getAll("file"), ["status.csv", "menu_hours.csv", "timezones.csv"]);
    });

    // A colleague's browser: nothing kept (a fresh visit deletes what specs kept).
    await withAppPage(fixture.chromium.context, link, async (page) => {
      const notice = "[data-testid=shared-link]";
      await page.waitForSelector(`${notice}:not([hidden])`);
      const text = await page.textContent(notice);
      assert.match(text, /ordered by downtime_last_week, largest first/);
      assert.match(text, /It holds no data/);
      assert.deepEqual(await page.$$eval("[data-testid=shared-files] li", (items) => items.map((item) => item.textContent)), [
        "status.csv",
        "menu_hours.csv",
        "timezones.csv",
      ]);
      await noViolations(page, "a shared link opened with no data");
      await chooseFiles(page, [STATUS, HOURS, ZONES]);
      await waitForSlots(page, 3);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      await page.waitForSelector(notice, { state: "hidden" });
      const table = `[data-testid=report-table][data-report-id="${id}"]`;
      assert.equal(await page.getAttribute(`${table} th:has([data-testid=sort-downtime_last_week])`, "aria-sort"), "descending");
    });
  });
});

describe("the snapshot", () => {
  test("opens offline with JavaScript off, shows the view's rows, keeps hostile ids as text, runs no script, and is the same file twice", async () => {
    const folder = await mkdtemp(join(tmpdir(), "store-uptime-snapshot-"));
    try {
      let snapshotPath;
      let viewIds;
      let downNow;
      await withPage(async (page) => {
        await chooseFiles(page, [await hostileStatus()]);
        await waitForSlots(page, 1);
        const id = await generate(page);
        assert.match(await waitForReport(page, id), /Complete/);
        const table = `[data-testid=report-table][data-report-id="${id}"]`;
        // A view: the ids with a "<", highest weekly uptime first.
        await page.fill("[data-testid=filter]", "<");
        await page.click(`${table} [data-testid=sort-uptime_percent_last_week]`);
        await page.waitForFunction(() => location.hash.includes("sort=-uptime_percent_last_week"));
        viewIds = (await tableRows(page, id)).map((row) => row[0]);
        downNow = await page.getAttribute("[data-testid=down-now]", "data-count");
        assert.equal(viewIds.length, 3);
        const first = await download(page, "[data-testid=download-snapshot]");
        const second = await download(page, "[data-testid=download-snapshot]");
        assert.equal(first.name, `store-uptime-report-${id}-snapshot.html`);
        assert.ok(first.bytes.equals(second.bytes), "the same report and view give the same file");
        snapshotPath = join(folder, first.name);
        await writeFile(snapshotPath, first.bytes);
        assert.deepEqual(page.problems, []);
      });

      const html = await readFile(snapshotPath, "utf8");
      assert.ok(!/<script/i.test(html), "no script element");
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#x27;none&#x27;/);

      // Offline, JavaScript off: the rows are the view's, the ids text.
      for (const javaScriptEnabled of [false, true]) {
        const profile = await mkdtemp(join(tmpdir(), "store-uptime-snapshot-profile-"));
        const context = await chromium.launchPersistentContext(profile, {
          executablePath: "/usr/bin/chromium",
          headless: true,
          args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
          javaScriptEnabled,
          offline: true,
        });
        try {
          const page = await context.newPage();
          const dialogs = [];
          const requests = [];
          page.on("dialog", async (dialog) => {
            dialogs.push(dialog.message());
            await dialog.dismiss();
          });
          page.on("request", (request) => {
            if (!request.url().startsWith("file:")) requests.push(request.url());
          });
          await page.goto(pathToFileURL(snapshotPath).href);
          const rows = await page.$$eval("#table tbody tr", (rows) => rows.map((row) => row.querySelector("th").textContent));
          assert.deepEqual(rows, viewIds, `JavaScript ${javaScriptEnabled ? "on" : "off"}`);
          for (const id of HOSTILE.slice(0, 3)) assert.ok(rows.includes(id), id);
          assert.equal(await page.$$eval("img, script, iframe, object, embed", (found) => found.length), 0);
          assert.match(await page.textContent("#rows-note"), /All 3 stores in this view \(3 stores of the report's 4\)/);
          assert.equal(await page.$$eval("#overview svg", (charts) => charts.length) >= 2, true);
          // The fleet's headline, as the report's: its figures and "down now".
          const headline = await page.$$eval("#headline li", (items) => items.map((item) => item.textContent));
          assert.ok(headline.includes(`${downNow}down now`), JSON.stringify(headline));
          if (javaScriptEnabled) {
            // Give a handler the time it would need, then check none ran.
            await page.waitForTimeout(300);
            assert.deepEqual(dialogs, []);
            assert.equal(await page.evaluate(() => document.querySelectorAll("svg[onload], [onerror]").length), 0);
            await screenshot(page, "report-snapshot");
          }
          assert.deepEqual(requests, []);
        } finally {
          await context.close();
          await rm(profile, { recursive: true, force: true });
        }
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test("axe-core finds nothing on the report's navigation, share buttons and folded inputs, nor in the snapshot", async () => {
    const page = await openApp(fixture.chromium.context, fixture.server.url);
    try {
      await chooseFiles(page, [STATUS, HOURS, ZONES]);
      await waitForSlots(page, 3);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      await page.click("[data-testid=copy-link]");
      await page.waitForSelector("[data-testid=view-link]");
      await noViolations(page, "a report with its navigation, share buttons and folded inputs");
      const snapshot = await download(page, "[data-testid=download-snapshot]");
      const path = join(fixture.scratch, snapshot.name);
      await writeFile(path, snapshot.bytes);
      await page.goto(pathToFileURL(path).href);
      await noViolations(page, "the snapshot");
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });
});
