// End-to-end specs of what the page keeps in the browser: the files and
// the complete reports come back after a reload or a closed tab, one click
// forgets them, and a full storage is told without stopping the page.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { after, describe, test } from "node:test";

import {
  DATA,
  HOURS,
  STATUS,
  ZONES,
  appReady,
  browser,
  chooseFiles,
  cli,
  download,
  generate,
  openApp,
  parseCsv,
  storageSettled,
  suiteFixture,
  tableRows,
  unfoldInputs,
  waitForReport,
  waitForSlots,
} from "./helpers.mjs";

const fixture = suiteFixture("storage");

const cardsIn = (page, slot) => page.$$eval(`[data-testid=slot-${slot}] [data-testid=file-card]`, (cards) => cards.map((c) => c.dataset.fileName));

describe("kept in the browser", () => {
  test("files and reports come back after a reload and a closed tab; one click forgets them", async () => {
    // The status file with two rows that cannot be read, so that there is
    // a list of rejected rows to keep too.
    const good = (await readFile(STATUS, "utf8")).trimEnd().split("\n");
    const status = join(fixture.scratch, "status.csv");
    await writeFile(status, [good[0], "1,maybe,2023-01-25 10:00:00 UTC", ...good.slice(1), ",active,2023-01-25 10:00:00 UTC"].join("\n") + "\n");
    const expected = await cli(["--status", status, "--hours", HOURS, "--timezones", ZONES]);
    const lines = parseCsv(expected).slice(1);
    let page = await openApp(fixture.chromium.context, fixture.server.url);
    try {
      assert.match((await storageSettled(page)).line, /Nothing is kept yet/);
      await chooseFiles(page, [ZONES, status, HOURS]);
      await waitForSlots(page, 3);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      await page.click(`[data-testid=report-view][data-report-id="${id}"] [data-testid=show-rejected]`);
      const rejectedBefore = (await download(page, `[data-testid=report-view][data-report-id="${id}"] [data-testid=download-rejected]`)).bytes.toString("utf8");
      assert.equal(rejectedBefore.trimEnd().split("\n").length, 3);
      const kept = await storageSettled(page);
      assert.deepEqual([kept.files, kept.reports], [3, 1]);
      // The files' bytes and the report's: more than the status file alone.
      const [, size, unit] = /^3 files, 1 report, ([\d.]+) (MB|KB) stored in this browser/.exec(kept.line) ?? [];
      assert.ok(unit === "MB" && Number(size) > 3.1, kept.line);

      const check = async (page) => {
        assert.deepEqual(await cardsIn(page, "status"), ["status.csv"]);
        assert.deepEqual(await cardsIn(page, "hours"), ["menu_hours.csv"]);
        assert.deepEqual(await cardsIn(page, "timezones"), ["timezones.csv"]);
        assert.match(await page.textContent("#setting-now-help"), /latest poll, 2023-/);
        const state = `[data-testid=report-state][data-report-id="${id}"]`;
        assert.match(await page.textContent(state), /^Complete in/);
        assert.match(await page.textContent(`[data-testid=report][data-report-id="${id}"]`), /Kept from an earlier visit/);
        const rows = await tableRows(page, id);
        assert.equal(rows.length, 100);
        assert.deepEqual(rows[5].slice(0, 3), lines[5].slice(0, 3));
        const csv = await download(page, `[data-testid=download-csv][data-report-id="${id}"]`);
        assert.ok(csv.bytes.equals(expected), "the kept CSV differs from the command's");
        await page.click(`[data-testid=report-view][data-report-id="${id}"] [data-testid=show-rejected]`);
        const rejected = await download(page, `[data-testid=report-view][data-report-id="${id}"] [data-testid=download-rejected]`);
        assert.equal(rejected.bytes.toString("utf8"), rejectedBefore);
        assert.equal(await page.$$eval(`[data-testid=report-view][data-report-id="${id}"] [data-testid=rejected-rows] tbody tr`, (rows) => rows.length), 2);
        // The report's files are back too, so a store's week can be drawn.
        await page.click(`[data-testid=report-table][data-report-id="${id}"] tbody tr:nth-child(4)`);
        await page.waitForSelector(`[data-testid=store-timeline][data-store-id="${lines[3][0]}"][data-state=drawn] svg.timeline`);
        await page.click("[data-testid=close-timeline]");
        // A new report can be made from the files that came back.
        const again = await generate(page);
        assert.match(await waitForReport(page, again), /Complete/);
        const csvAgain = await download(page, `[data-testid=download-csv][data-report-id="${again}"]`);
        assert.ok(csvAgain.bytes.equals(expected));
        return again;
      };

      await page.reload();
      await appReady(page);
      const second = await check(page);
      assert.deepEqual(await storageSettled(page).then(({ files, reports }) => [files, reports]), [3, 2]);
      // Removing a report forgets it in the storage too.
      await page.click(`[data-testid=report][data-report-id="${second}"] button[aria-label="Remove report ${second}"]`);
      assert.deepEqual(await storageSettled(page).then(({ files, reports }) => [files, reports]), [3, 1]);

      // A closed tab, then the app opened again, at an address naming a
      // store: its timeline is drawn from the kept report and its files.
      await page.close();
      page = await openApp(fixture.chromium.context, `${fixture.server.url}#store=${lines[3][0]}`, { fresh: false });
      await page.waitForSelector(`[data-testid=store-timeline][data-store-id="${lines[3][0]}"][data-state=drawn] svg.timeline`);
      await page.click("[data-testid=close-timeline]");
      await check(page);
      assert.deepEqual(page.problems, []);

      // Forgetting asks first, naming what would go; "Keep them" (which has
      // the focus) and Escape keep everything and give the focus back.
      await page.click("[data-testid=forget-stored]");
      assert.match(
        await page.textContent("#forget-question"),
        /^Forget 3 files and 2 reports \([\d.]+ [KMG]B\) from this browser and this page\? This cannot be undone\.$/,
      );
      assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), "forget-cancel");
      await page.keyboard.press("Enter");
      assert.equal(await page.$$eval("[data-testid=forget-confirmation]", (found) => found.length), 0);
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "forget-stored");
      await page.keyboard.press("Enter");
      await page.waitForSelector("[data-testid=forget-confirmation]");
      await page.keyboard.press("Escape");
      await page.waitForFunction(() => document.activeElement?.dataset.testid === "forget-stored");
      assert.deepEqual(await storageSettled(page).then(({ files, reports }) => [files, reports]), [3, 2]);
      assert.equal(await page.$$eval("[data-testid=report]", (reports) => reports.length), 2);

      // Confirmed, it forgets it all, here and after another reload.
      await page.click("[data-testid=forget-stored]");
      await page.click("[data-testid=forget-confirm]");
      assert.match((await storageSettled(page)).line, /Nothing is kept yet/);
      assert.equal(await page.$$eval("[data-testid=file-card]", (cards) => cards.length), 0);
      assert.equal(await page.$$eval("[data-testid=report]", (reports) => reports.length), 0);
      await page.reload();
      await appReady(page);
      assert.match((await storageSettled(page)).line, /Nothing is kept yet/);
      assert.equal(await page.$$eval("[data-testid=file-card]", (cards) => cards.length), 0);
      assert.equal(await page.$$eval("[data-testid=report]", (reports) => reports.length), 0);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("a removed file is forgotten unless a kept report read it", async () => {
    const page = await openApp(fixture.chromium.context, fixture.server.url);
    try {
      await chooseFiles(page, [STATUS, HOURS]);
      await waitForSlots(page, 2);
      const id = await generate(page);
      await waitForReport(page, id);
      await unfoldInputs(page);
      await page.click("[data-testid=slot-hours] [data-testid=remove-file]");
      await chooseFiles(page, [ZONES]);
      await waitForSlots(page, 2);
      // The hours file stays: report 1 read it. The timezones file is new.
      assert.equal((await storageSettled(page)).files, 3);
      await page.click(`button[aria-label="Remove report ${id}"]`);
      assert.equal((await storageSettled(page)).files, 2);
      await page.reload();
      await appReady(page);
      assert.deepEqual(await cardsIn(page, "status"), ["status.csv"]);
      assert.deepEqual(await cardsIn(page, "hours"), []);
      assert.deepEqual(await cardsIn(page, "timezones"), ["timezones.csv"]);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("a reload during a run says which reports it stopped, and runs them again with their own files and settings", async () => {
    const large = join(DATA, "large", "status.csv");
    const page = await openApp(fixture.chromium.context, fixture.server.url);
    try {
      await chooseFiles(page, [large, HOURS]);
      await waitForSlots(page, 2);
      await storageSettled(page);
      const running = await generate(page);
      await page.selectOption("[data-testid=setting-units]", "hours");
      const queued = await generate(page);
      await page.waitForFunction(
        (id) => document.querySelector(`[data-testid=report][data-report-id="${id}"]`)?.dataset.state === "running",
        running,
      );
      await page.reload();
      await appReady(page);
      const notice = await page.textContent("[data-testid=stopped-reports]");
      assert.match(
        notice,
        new RegExp(
          `^The page was reloaded or closed while report ${running} \\(running\\) and report ${queued} \\(queued\\) were in the queue, ` +
            "so they did not finish\\. Their files are kept: they can run again with the same files and settings\\.",
        ),
      );
      assert.equal(await page.$$eval("[data-testid=report]", (reports) => reports.length), 0);
      await page.click("[data-testid=rerun-stopped]");
      assert.equal(await page.$$eval("[data-testid=stopped-reports]", (found) => found.length), 0);
      // The list shows the newest first: again[0] is the first stopped one, run first.
      const again = (await page.$$eval("[data-testid=report]", (reports) => reports.map((report) => report.dataset.reportId))).reverse();
      assert.equal(again.length, 2);
      for (const id of again) assert.match(await waitForReport(page, id, 120_000), /Complete/);
      // Each with the settings it was asked with, not the page's current ones (hours).
      await page.click(`[data-testid=show-report][data-report-id="${again[0]}"]`);
      const minutes = await download(page, `[data-testid=download-csv][data-report-id="${again[0]}"]`);
      assert.ok(minutes.bytes.equals(await cli(["--status", large, "--hours", HOURS])));
      await page.click(`[data-testid=show-report][data-report-id="${again[1]}"]`);
      const hours = await download(page, `[data-testid=download-csv][data-report-id="${again[1]}"]`);
      assert.ok(hours.bytes.equals(await cli(["--status", large, "--hours", HOURS, "--units", "hours"])));
      // Answered, the question is not asked again.
      await storageSettled(page);
      await page.reload();
      await appReady(page);
      assert.equal(await page.$$eval("[data-testid=stopped-reports]", (found) => found.length), 0);
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("the settings come back too", async () => {
    const page = await openApp(fixture.chromium.context, fixture.server.url);
    try {
      await page.fill("[data-testid=setting-now]", "2023-01-24 06:30:00 UTC");
      await page.selectOption("[data-testid=setting-timezone]", "Asia/Tokyo");
      await page.selectOption("[data-testid=setting-units]", "hours");
      await page.reload();
      await appReady(page);
      assert.equal(await page.inputValue("[data-testid=setting-now]"), "2023-01-24 06:30:00 UTC");
      assert.equal(await page.inputValue("[data-testid=setting-timezone]"), "Asia/Tokyo");
      assert.equal(await page.inputValue("[data-testid=setting-units]"), "hours");
      assert.deepEqual(page.problems, []);
    } finally {
      await page.close();
    }
  });

  test("a full storage is told, and the page keeps working", async () => {
    // A browser of its own: in a used profile, space freed by earlier
    // specs is counted late, and the limit below would not bite.
    const own = await browser();
    const page = await openApp(own.context, fixture.server.url);
    try {
      // The browser's own limit, lowered for this origin: room for the
      // small files (beside the app's offline cache), not for the 3 MB status file.
      const cdp = await own.context.newCDPSession(page);
      const { usage } = await page.evaluate(() => navigator.storage.estimate());
      await cdp.send("Storage.overrideQuotaForOrigin", { origin: new URL(fixture.server.url).origin, quotaSize: usage + 1_000_000 });
      await chooseFiles(page, [HOURS, STATUS]);
      await waitForSlots(page, 2);
      await storageSettled(page);
      const problem = await page.textContent("[data-testid=storage-problem]");
      assert.match(problem, /^This browser would not keep (.*, )?status\.csv \(3\.\d MB\)(, .*)?: the storage it gives this page is full/);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      await storageSettled(page);
      // Only what fitted comes back.
      await page.reload();
      await appReady(page);
      assert.deepEqual(await cardsIn(page, "hours"), ["menu_hours.csv"]);
      assert.deepEqual(await cardsIn(page, "status"), []);
      await cdp.send("Storage.overrideQuotaForOrigin", { origin: new URL(fixture.server.url).origin });
      // The page's only console errors may be the browser's own report of the refused write.
      assert.deepEqual(page.problems.filter((problem) => !/QuotaExceeded|quota/i.test(problem)), []);
    } finally {
      await page.close();
      await own.close();
    }
  });
});
