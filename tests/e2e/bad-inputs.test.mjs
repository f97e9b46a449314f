// End-to-end specs of broken and hostile files given to the page: each is
// refused with its reason, or its bad rows are rejected, counted and listed
// while the rest is used, exactly as the store-uptime command does.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import { describe, test } from "node:test";

import {
  CLI,
  HOURS,
  STATUS,
  chooseFiles,
  cli,
  download,
  generate,
  parseQuotedCsv,
  suiteFixture,
  waitForReport,
  waitForSlots,
  withAppPage,
} from "./helpers.mjs";

const POLLS_HEADER = "store_id,status,timestamp_utc";

const fixture = suiteFixture("bad");

const withPage = (body) => withAppPage(fixture.chromium.context, fixture.server.url, body);

/** Writes a file into the scratch folder; resolves to its path. */
async function file(name, content) {
  const path = join(fixture.scratch, name);
  await writeFile(path, content);
  return path;
}

/** The command's account of each file: { name: [rows, used, rejected] }. */
async function cliCounts(args) {
  const { stderr } = await promisify(execFile)(CLI, args, { maxBuffer: 1 << 28 });
  const counts = {};
  for (const [, name, rows, used, rejected] of stderr.matchAll(/^read (.+) \([a-z ]+\): ([\d,]+) rows?, ([\d,]+) used, ([\d,]+) rejected$/gm)) {
    counts[basename(name)] = [rows, used, rejected].map((n) => n.replaceAll(",", ""));
  }
  return counts;
}

/** The page's "What was read" table: { name: [rows, used, rejected] }. */
async function pageCounts(page, id) {
  const rows = await page.$$eval(`[data-testid=report-view][data-report-id="${id}"] [data-testid=files-used] tbody tr`, (rows) =>
    rows.map((row) => [...row.cells].map((cell) => cell.textContent.replaceAll(",", ""))),
  );
  return Object.fromEntries(rows.map(([name, , , rows, used, rejected]) => [name, [rows, used, rejected]]));
}

/** Opens a report's rejected rows; resolves to them as [file, line, reason]. */
async function rejectedRows(page, id) {
  const view = `[data-testid=report-view][data-report-id="${id}"]`;
  await page.click(`${view} [data-testid=show-rejected]`);
  await page.waitForSelector(`${view} [data-testid=rejected-rows] tbody tr`);
  return page.$$eval(`${view} [data-testid=rejected-rows] tbody tr`, (rows) => rows.map((row) => [...row.cells].map((cell) => cell.textContent)));
}

const notices = (page, id) => page.textContent(`[data-testid=report-view][data-report-id="${id}"] [data-testid=notices]`);

describe("files that cannot be used at all", () => {
  test("an empty file, an image renamed .csv and a file of NUL bytes are refused with the reason", async () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]);
    const files = [
      await file("empty.csv", ""),
      await file("photo.csv", png),
      await file("nul-bytes.csv", Buffer.from("\0\0\0\0store_id\0status\0\n\0\0", "latin1")),
    ];
    await withPage(async (page) => {
      await chooseFiles(page, files);
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=refused-file]").length === 3);
      const refused = await page.$$eval("[data-testid=refused-file]", (items) => items.map((item) => item.textContent));
      assert.match(refused[0], /empty\.csv.*Not used: the file is empty; expected a header row with the columns of one of: status polls \(store_id, status, timestamp_utc\)/);
      assert.match(refused[1], /photo\.csv.*Not used: this is not a CSV text file; expected a header row/);
      assert.match(refused[2], /nul-bytes\.csv.*Not used: this is not a CSV text file/);
      // No file reached a slot, so there is nothing to report on.
      assert.equal(await page.$$eval("[data-testid=file-card]", (cards) => cards.length), 0);
      assert.equal(await page.isDisabled("[data-testid=generate]"), true);
    });
  });

  test("a status file with only its header: no usable poll, so no report without a report time", async () => {
    const headerOnly = await file("header-only.csv", `${POLLS_HEADER}\r\n`);
    await withPage(async (page) => {
      await chooseFiles(page, [headerOnly]);
      await waitForSlots(page, 1);
      assert.match(await page.textContent("[data-testid=slot-status] [data-testid=file-card]"), /0 rows/);
      assert.match(await page.textContent("#setting-now-help"), /no usable poll/);
      const failed = await generate(page);
      assert.match(await waitForReport(page, failed), /^Failed: no usable poll in the status file/);
      // With a report time, the report is empty, as the command's, and the
      // page says so before Generate.
      await page.fill("[data-testid=setting-now]", "2023-01-25 12:00:00 UTC");
      assert.match(await page.textContent("#setting-now-help"), /no usable poll .*would have no store, whatever its time/);
      const empty = await generate(page);
      assert.match(await waitForReport(page, empty), /Complete/);
      assert.equal(await page.textContent(`[data-testid=report-view][data-report-id="${empty}"] [data-testid=store-count]`), "0");
      const csv = await download(page, `[data-testid=download-csv][data-report-id="${empty}"]`);
      assert.ok(csv.bytes.equals(await cli(["--status", headerOnly, "--now", "2023-01-25 12:00:00 UTC"])));
    });
  });
});

describe("rows that cannot be used", () => {
  test("a Latin-1 row and rows with NUL bytes are rejected with the reason; each file's rows are counted", async () => {
    const latin1 = await file(
      "latin1.csv",
      Buffer.from(`${POLLS_HEADER}\n1,active,2023-01-25 10:00:00 UTC\ncaf\u00e9,active,2023-01-25 10:00:00 UTC\n`, "latin1"),
    );
    const nul = await file(
      "nul-rows.csv",
      Buffer.from(`${POLLS_HEADER}\n2,inactive,2023-01-25 09:30:00 UTC\n2\0,active,2023-01-25 10:00:00 UTC\n3,act\0ive,2023-01-25 10:00:00 UTC\n`, "latin1"),
    );
    await withPage(async (page) => {
      await chooseFiles(page, [latin1, nul]);
      await waitForSlots(page, 2);
      // Two status files: the page says they are combined.
      assert.match(await page.textContent("[data-testid=slot-status] [data-testid=combined-note]"), /These 2 files are combined into one, in the order shown/);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      const rejected = await rejectedRows(page, id);
      assert.deepEqual(rejected.map(([name, line]) => [name, line]), [["latin1.csv", "3"], ["nul-rows.csv", "3"], ["nul-rows.csv", "4"]]);
      assert.match(rejected[0][2], /not UTF-8 text \(the file may be Latin-1 or Windows-1252: save it as UTF-8\)/);
      assert.match(rejected[1][2], /store_id .* contains control characters/);
      assert.match(rejected[2][2], /neither active nor inactive/);
      // Rows, used and rejected, file by file, as the command counts them.
      const args = ["--status", latin1, "--status", nul];
      assert.deepEqual(await pageCounts(page, id), await cliCounts(args));
      assert.deepEqual(await pageCounts(page, id), { "latin1.csv": ["2", "1", "1"], "nul-rows.csv": ["3", "1", "2"] });
      const csv = await download(page, `[data-testid=download-csv][data-report-id="${id}"]`);
      assert.ok(csv.bytes.equals(await cli(args)));
    });
  });

  test("the same status file given twice is flagged, not taken for a split export; a report reads it twice and says so", async () => {
    await withPage(async (page) => {
      await chooseFiles(page, [STATUS, STATUS]);
      await waitForSlots(page, 2);
      assert.match(
        await page.textContent("[data-testid=slot-status] [data-testid=repeated-note]"),
        /^status\.csv is given twice \(the same name, size and date\): not parts of a split export, but the same file\..*Remove one of them\.$/,
      );
      assert.equal(await page.$$eval("[data-testid=slot-status] [data-testid=combined-note]", (found) => found.length), 0);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      assert.match(await notices(page, id), /2 status polls files were combined, in this order: status\.csv, status\.csv/);
      const args = ["--status", STATUS, "--status", STATUS];
      const csv = await download(page, `[data-testid=download-csv][data-report-id="${id}"]`);
      assert.ok(csv.bytes.equals(await cli(args)));
      // Both parts are listed, each with all its rows used.
      const counts = await page.$$eval(`[data-testid=report-view][data-report-id="${id}"] [data-testid=files-used] tbody tr`, (rows) => rows.length);
      assert.equal(counts, 2);
    });
  });

  test("an hours file that shares no store with the polls is said to be unused", async () => {
    const hours = await file("other-hours.csv", "store_id,day,start_time_local,end_time_local\nnot-a-polled-store,0,09:00,17:00\nanother,1,10:00,18:00\n");
    await withPage(async (page) => {
      await chooseFiles(page, [STATUS, hours]);
      await waitForSlots(page, 2);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      assert.match(
        await notices(page, id),
        /other-hours\.csv \(business hours\) names no store that has polls, so none of it is used; is it from another data set\?/,
      );
      // The command counts its rows as read and used; the page says that
      // none of it is used, as its notice does.
      const want = await cliCounts(["--status", STATUS, "--hours", hours]);
      want["other-hours.csv"][1] = "none (no store with polls)";
      assert.deepEqual(await pageCounts(page, id), want);
    });
  });

  test("thousands of bad rows: the page lists the first 2,000, the download lists them all", async () => {
    const good = (await readFile(STATUS, "utf8")).trimEnd().split("\n").slice(1, 501);
    const bad = Array.from({ length: 5000 }, (_, i) => `store-${i},sleeping,2023-01-25 10:00:00 UTC`);
    // Bad rows among good ones: line numbers must stay exact.
    const lines = [POLLS_HEADER];
    for (let i = 0; i < bad.length; i++) {
      lines.push(bad[i]);
      if (i % 10 === 0 && good[i / 10]) lines.push(good[i / 10]);
    }
    const many = await file("many-bad-rows.csv", lines.join("\n") + "\n");
    await withPage(async (page) => {
      await chooseFiles(page, [many, HOURS]);
      await waitForSlots(page, 2);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      assert.match(await page.textContent(`${view} [data-testid=show-rejected]`), /^5,000 rows could not be used$/);
      const listed = await rejectedRows(page, id);
      assert.equal(listed.length, 2000);
      assert.match(await page.textContent(`${view} [data-testid=rejected-rows]`), /The first 2,000 are listed here; the download lists them all\./);
      const all = parseQuotedCsv((await download(page, `${view} [data-testid=download-rejected]`)).bytes.toString("utf8"));
      assert.deepEqual(all[0], ["file", "line", "reason"]);
      assert.equal(all.length, 5001);
      // Line numbers are the file's own: every bad row, none of the good ones.
      const expectedLines = lines.map((line, i) => [line, i + 1]).filter(([line]) => line.includes(",sleeping,")).map(([, n]) => String(n));
      assert.deepEqual(all.slice(1).map(([, line]) => line), expectedLines);
      assert.deepEqual(listed.map(([, line]) => line), expectedLines.slice(0, 2000));
      assert.match(all[5000][2], /"sleeping" is neither active nor inactive/);
      assert.deepEqual(await pageCounts(page, id), await cliCounts(["--status", many, "--hours", HOURS]));
    });
  });

  test("past the list's cap of a million: every bad row counted, the first million listed, as the command does", async () => {
    // 1,000,025 bad rows with good ones among them: about 40 MB, so the page
    // reads it in parts, and the cap applies to the parts' lists put together.
    const good = (await readFile(STATUS, "utf8")).trimEnd().split("\n").slice(1, 1001);
    const badCount = 1_000_025;
    const lines = [POLLS_HEADER];
    for (let i = 0; i < badCount; i++) {
      lines.push(`store-${i},sleeping,2023-01-25 10:00:00 UTC`);
      if (i % 1000 === 0 && good[i / 1000]) lines.push(good[i / 1000]);
    }
    const name = "over-a-million-bad-rows.csv";
    const path = await file(name, lines.join("\n") + "\n");
    // The command's list, given the file by its bare name as the page names it.
    const { stdout, stderr } = await promisify(execFile)(CLI, ["--status", name, "--hours", HOURS], {
      cwd: fixture.scratch,
      maxBuffer: 1 << 30,
    });
    const commandListed = stderr.split("\n").filter((line) => line.startsWith(`${name}:`));
    assert.equal(commandListed.length, 1_000_000);
    assert.match(stderr, /\.\.\. and 25 more rejected rows, counted but not listed/);
    await withPage(async (page) => {
      await chooseFiles(page, [path, HOURS]);
      await waitForSlots(page, 2, 120_000);
      const id = await generate(page);
      assert.match(await waitForReport(page, id, 180_000), /Complete/);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      assert.match(await page.textContent(`${view} [data-testid=show-rejected]`), /^1,000,025 rows could not be used$/);
      assert.equal((await rejectedRows(page, id)).length, 2000);
      assert.match(
        await page.textContent(`${view} [data-testid=rejected-rows]`),
        /The first 2,000 are listed here; the download lists the first 1,000,000 \(the other 25 were counted, not listed\)\./,
      );
      const all = parseQuotedCsv((await download(page, `${view} [data-testid=download-rejected]`)).bytes.toString("utf8"));
      assert.deepEqual(all[0], ["file", "line", "reason"]);
      // The same million rows, in the same order, as the command lists.
      assert.deepEqual(
        all.slice(1).map(([file, line, reason]) => `${file}:${line}: ${reason}`),
        commandListed,
      );
      // Rows, used and rejected as the command counts them; the report is the command's.
      assert.deepEqual(await pageCounts(page, id), await cliCounts(["--status", path, "--hours", HOURS]));
      const report = await download(page, `[data-testid=download-csv][data-report-id="${id}"]`);
      assert.equal(report.bytes.toString("utf8"), stdout);
    });
  });
});
