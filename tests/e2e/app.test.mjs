// End-to-end specs of the browser app, driven as a user would: files go in
// through the page's file input, results are read from the page and from
// its downloads, and compared with the store-uptime command on the same
// files and settings. Run through scripts/test-e2e.sh, which builds the app
// and the command and generates the data.
import assert from "node:assert/strict";
import { mkdtemp, mkdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import {
  DATA,
  DIST,
  HOURS,
  STATUS,
  ZONES,
  browser,
  chooseFiles,
  cli,
  download,
  generate,
  parseCsv,
  parseQuotedCsv,
  sampleReport,
  screenshot,
  serve,
  suiteFixture,
  tableRows,
  waitForReport,
  waitForSlots,
  unnamedControls,
  withAppPage,
} from "./helpers.mjs";

const LARGE_STATUS = join(DATA, "large", "status.csv");
const SAMPLE = join(DATA, "sample");

const fixture = suiteFixture("app");

/** Opens a fresh page of the app; checks at the end that it logged no error. */
const withPage = (body, url = fixture.server.url, context = fixture.chromium.context) => withAppPage(context, url, body);

const state = (page, id) => page.textContent(`[data-testid=report-state][data-report-id="${id}"]`);
const cardsIn = (page, slot) => page.$$eval(`[data-testid=slot-${slot}] [data-testid=file-card]`, (cards) => cards.map((c) => c.dataset.fileName));

describe("the page before any file", () => {
  test("explains the report, says the data stays in the browser, and can be driven by keyboard", async () => {
    await withPage(async (page) => {
      const text = await page.textContent("body");
      assert.match(text, /uptime/i);
      assert.match(text, /last hour/);
      assert.match(text, /last day/);
      assert.match(text, /last week/);
      assert.match(text, /never leaves this browser/);
      assert.match(text, /open 24 hours a day, 7 days a week/);
      assert.match(text, /default timezone, America\/Chicago/);
      assert.equal(await page.inputValue("[data-testid=setting-timezone]"), "America/Chicago");
      assert.equal(await page.inputValue("[data-testid=setting-units]"), "minutes");
      assert.equal(await page.isDisabled("[data-testid=generate]"), true);
      assert.match(await page.textContent("#generate-help"), /status polls file/);
      await screenshot(page, "empty-page");

      // The drop zone is a button: Enter opens the file chooser.
      const chosen = page.waitForEvent("filechooser");
      await page.focus("[data-testid=drop-zone]");
      await page.keyboard.press("Enter");
      const chooser = await chosen;
      assert.equal(chooser.isMultiple(), true);
      await chooser.setFiles([STATUS]);
      await waitForSlots(page, 1);
      assert.deepEqual(await cardsIn(page, "status"), ["status.csv"]);
    });
  });

  test("every control has a name, and files can be dropped on the drop zone", async () => {
    await withPage(async (page) => {
      const unnamed = await unnamedControls(page);
      assert.deepEqual(unnamed, []);

      // A drop, as the browser delivers it: a DataTransfer holding files.
      const text = await readFile(HOURS, "utf8");
      const transfer = await page.evaluateHandle((text) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([text], "dropped-hours.csv", { type: "text/csv" }));
        return transfer;
      }, text);
      await page.dispatchEvent("[data-testid=drop-zone]", "dragover", { dataTransfer: transfer });
      assert.match(await page.getAttribute("[data-testid=drop-zone]", "class"), /dragging/);
      await page.dispatchEvent("[data-testid=drop-zone]", "drop", { dataTransfer: transfer });
      await waitForSlots(page, 1);
      assert.deepEqual(await cardsIn(page, "hours"), ["dropped-hours.csv"]);
    });
  });

  test("an unreadable report time is explained and blocks Generate", async () => {
    await withPage(async (page) => {
      await chooseFiles(page, [STATUS]);
      await waitForSlots(page, 1);
      assert.equal(await page.isDisabled("[data-testid=generate]"), false);
      await page.fill("[data-testid=setting-now]", "yesterday at noon");
      assert.equal(await page.isDisabled("[data-testid=generate]"), true);
      assert.match(await page.textContent("#setting-now-help"), /cannot be read/);
      await page.fill("[data-testid=setting-now]", "2023-01-24T12:00:00+05:30");
      assert.equal(await page.isDisabled("[data-testid=generate]"), false);
      // A time before every poll is said before Generate: nothing would be observed.
      await page.waitForFunction(() => !/being read/.test(document.querySelector("#setting-now-help").textContent));
      await page.fill("[data-testid=setting-now]", "2020-01-01 00:00:00 UTC");
      const earliest = (await readFile(STATUS, "utf8"))
        .trimEnd()
        .split("\n")
        .slice(1)
        .map((line) => line.split(",")[2])
        .sort()[0];
      // The earliest poll, to the minute (the page writes its fraction as the engine does).
      assert.match(await page.textContent("#setting-now-help"), new RegExp(`before every poll \\(the earliest is ${earliest.slice(0, 16)}`));
    });
  });
});

describe("reports match the command line byte for byte", () => {
  test("three files, default settings: slots, table and CSV", async () => {
    await withPage(async (page) => {
      // Any order: each file is recognised by its header.
      await chooseFiles(page, [ZONES, STATUS, HOURS]);
      await waitForSlots(page, 3);
      assert.deepEqual(await cardsIn(page, "status"), ["status.csv"]);
      assert.deepEqual(await cardsIn(page, "hours"), ["menu_hours.csv"]);
      assert.deepEqual(await cardsIn(page, "timezones"), ["timezones.csv"]);
      const statusRows = (await readFile(STATUS, "utf8")).trimEnd().split("\n").length - 1;
      const card = await page.textContent("[data-testid=slot-status] [data-testid=file-card]");
      assert.match(card, new RegExp(`${statusRows.toLocaleString("en-US")} rows`));
      assert.match(card, /store_id/);
      // The default report time is the latest poll, found once the file is read.
      await page.waitForFunction(() => /latest poll, \d{4}-/.test(document.querySelector("#setting-now-help").textContent));
      const latest = /latest poll, (.*)\.$/.exec(await page.textContent("#setting-now-help"))[1];
      await screenshot(page, "files-loaded");

      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete in/);
      const expected = await cli(["--status", STATUS, "--hours", HOURS, "--timezones", ZONES]);
      const csv = await download(page, `[data-testid=download-csv][data-report-id="${id}"]`);
      assert.ok(csv.name.includes(`report-${id}`), csv.name);
      assert.ok(csv.bytes.equals(expected), "the downloaded CSV differs from the command's");
      assert.equal(await page.textContent(`[data-testid=report-view][data-report-id="${id}"] [data-testid=report-now]`), latest);

      // The table shows every store, a page at a time, with the CSV's figures.
      const lines = parseCsv(expected).slice(1);
      assert.equal(await page.textContent("[data-testid=store-count]"), lines.length.toLocaleString("en-US"));
      const rows = await tableRows(page, id);
      assert.equal(rows.length, Math.min(100, lines.length));
      rows.forEach((cells, i) => {
        const [store, upH, downH, , upD, downD, , upW, downW] = cells;
        assert.deepEqual([store, upH, downH, upD, downD, upW, downW], lines[i]);
        // Uptime as a share of business time (from the CSV's rounded
        // figures, so only to within a tenth of a percent).
        const business = Number(upW) + Number(downW);
        if (business > 0) {
          const percent = Number(cells[9].replace(/[<>%]/g, ""));
          assert.ok(Math.abs(percent - (Number(upW) / business) * 100) <= 0.11, `${cells[9]} for ${upW}/${business}`);
        } else {
          assert.equal(cells[9], "—");
        }
      });
      // Store ids stay text: 19-digit ids would be corrupted by a JS number.
      assert.ok(lines.some(([store]) => store.length >= 18));
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      await screenshot(page, "report-complete", view);
      await screenshot(page, "report-table", `${view} .table-controls`);
      await page.emulateMedia({ colorScheme: "dark" });
      await screenshot(page, "report-complete-dark", view);
      await page.emulateMedia({ colorScheme: "light" });
    });
  });

  const variants = [
    {
      name: "hours units, another default timezone, an explicit now, no timezones file",
      files: [STATUS, HOURS],
      now: "2023-01-24 06:30:00 UTC",
      zone: "Asia/Tokyo",
      units: "hours",
      args: ["--status", STATUS, "--hours", HOURS, "--now", "2023-01-24 06:30:00 UTC", "--default-timezone", "Asia/Tokyo", "--units", "hours"],
    },
    {
      name: "status file alone, ISO now with an offset, minutes",
      files: [STATUS],
      now: "2023-01-25T10:00:00.5+05:30",
      zone: "Europe/Berlin",
      units: "minutes",
      args: ["--status", STATUS, "--now", "2023-01-25T10:00:00.5+05:30", "--default-timezone", "Europe/Berlin"],
    },
  ];
  for (const variant of variants) {
    test(variant.name, async () => {
      await withPage(async (page) => {
        await chooseFiles(page, variant.files);
        await waitForSlots(page, variant.files.length);
        await page.fill("[data-testid=setting-now]", variant.now);
        await page.selectOption("[data-testid=setting-timezone]", variant.zone);
        await page.selectOption("[data-testid=setting-units]", variant.units);
        const id = await generate(page);
        assert.match(await waitForReport(page, id), /Complete/);
        const expected = await cli(variant.args);
        const csv = await download(page, `[data-testid=download-csv][data-report-id="${id}"]`);
        assert.ok(csv.bytes.equals(expected), "the downloaded CSV differs from the command's");
        const summary = await page.textContent(`[data-testid=report-view][data-report-id="${id}"]`);
        assert.match(summary, new RegExp(variant.zone.replace("/", "\\/")));
        assert.match(summary, /as set; the latest poll is 2023-/);
        assert.match(await page.textContent(`[data-testid=report-view][data-report-id="${id}"] [data-testid=notices]`), /No timezones file/);
      });
    });
  }

  test("a large file is read in parts by several workers, exactly as the command reads it whole", async () => {
    // Bad rows spread through the file, so that every part has some: their
    // line numbers must be the file's own after the parts are merged.
    const lines = (await readFile(LARGE_STATUS, "utf8")).trimEnd().split("\n");
    for (const at of [1000, Math.floor(lines.length / 2), lines.length - 1000]) lines.splice(at, 0, "bad,row,here");
    const messy = join(fixture.scratch, "large-with-errors.csv");
    await writeFile(messy, lines.join("\n") + "\n");
    const badLines = lines.flatMap((line, i) => (line === "bad,row,here" ? [String(i + 1)] : []));
    const [hours, zones] = ["menu_hours.csv", "timezones.csv"].map((name) => join(DATA, "large", name));
    await withPage(async (page) => {
      await chooseFiles(page, [messy, hours, zones]);
      // Generate at once: the report waits in the worker for the files.
      const id = await generate(page);
      assert.match(await waitForReport(page, id, 120_000), /Complete/);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      const csv = await download(page, `${view} [data-testid=download-csv]`);
      assert.ok(csv.bytes.equals(await cli(["--status", messy, "--hours", hours, "--timezones", zones])));
      await page.click(`${view} [data-testid=show-rejected]`);
      const list = parseQuotedCsv((await download(page, `${view} [data-testid=download-rejected]`)).bytes.toString("utf8"));
      assert.deepEqual(list.slice(1).map((row) => row.slice(0, 2)), badLines.map((line) => ["large-with-errors.csv", line]));
      // The file's card counts every row, and the latest poll comes from the same reading.
      const rows = (lines.length - 1).toLocaleString("en-US");
      assert.match(await page.textContent("[data-testid=slot-status] [data-testid=file-card]"), new RegExp(`${rows} rows`));
      assert.match(await page.textContent("#setting-now-help"), /latest poll, 2023-01-25/);
    });
  });

  test("a status file split in two parts is combined", async () => {
    const lines = (await readFile(STATUS, "utf8")).trimEnd().split("\n");
    const half = Math.floor(lines.length / 2);
    const first = join(fixture.scratch, "status-part1.csv");
    const second = join(fixture.scratch, "status-part2.csv");
    await writeFile(first, lines.slice(0, half).join("\n") + "\n");
    await writeFile(second, [lines[0], ...lines.slice(half)].join("\n") + "\n");
    await withPage(async (page) => {
      await chooseFiles(page, [first, HOURS, second]);
      await waitForSlots(page, 3);
      assert.deepEqual(await cardsIn(page, "status"), ["status-part1.csv", "status-part2.csv"]);
      assert.match(await page.textContent("[data-testid=slot-status] [data-testid=combined-note]"), /2 files are combined/);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      const expected = await cli(["--status", STATUS, "--hours", HOURS]);
      const csv = await download(page, `[data-testid=download-csv][data-report-id="${id}"]`);
      assert.ok(csv.bytes.equals(expected), "the combined parts differ from the whole file");
      assert.match(
        await page.textContent(`[data-testid=report-view][data-report-id="${id}"] [data-testid=notices]`),
        /2 status polls files were combined, in this order: status-part1\.csv, status-part2\.csv/,
      );
    });
  });
});

describe("reading the report", () => {
  test("the table sorts by any column and filters by store id", async () => {
    await withPage(async (page) => {
      await chooseFiles(page, [STATUS, HOURS, ZONES]);
      await waitForSlots(page, 3);
      const id = await generate(page);
      await waitForReport(page, id);
      const lines = parseCsv(await cli(["--status", STATUS, "--hours", HOURS, "--timezones", ZONES])).slice(1);
      const table = `[data-testid=report-table][data-report-id="${id}"]`;

      // Largest downtime in the week first, then smallest.
      await page.click(`${table} [data-testid=sort-downtime_last_week]`);
      let rows = await tableRows(page, id);
      const weekDown = lines.map((line) => Number(line[6]));
      assert.equal(Number(rows[0][8]), Math.max(...weekDown));
      const shown = rows.map((row) => Number(row[8]));
      assert.deepEqual(shown, [...shown].sort((a, b) => b - a));
      assert.equal(await page.getAttribute(`${table} th:has([data-testid=sort-downtime_last_week])`, "aria-sort"), "descending");
      await page.click(`${table} [data-testid=sort-downtime_last_week]`);
      rows = await tableRows(page, id);
      assert.equal(Number(rows[0][8]), Math.min(...weekDown));

      // Store ids in reverse: the report's order is numeric for integer ids.
      await page.click(`${table} [data-testid=sort-store_id]`);
      await page.click(`${table} [data-testid=sort-store_id]`);
      rows = await tableRows(page, id);
      assert.equal(rows[0][0], lines.at(-1)[0]);

      // Filter by a part of the id.
      const part = lines[7][0].slice(3, 6);
      const matching = lines.filter(([store]) => store.includes(part));
      await page.fill(`[data-testid=report-view][data-report-id="${id}"] [data-testid=filter]`, part);
      await page.waitForFunction(
        ([table, count]) => document.querySelectorAll(`${table} tbody tr`).length === Math.min(100, count),
        [table, matching.length],
      );
      rows = await tableRows(page, id);
      assert.ok(rows.every(([store]) => store.includes(part)));
      assert.match(await page.textContent("[data-testid=row-count]"), new RegExp(`${matching.length} matching stores`));

      // The overview's "show these stores in the table" shows those down in
      // the last hour, sorted by that downtime; the id filter goes.
      await page.click(`[data-testid=report-view][data-report-id="${id}"] [data-testid=show-down]`);
      await page.waitForFunction(
        (table) => document.querySelector(`${table} th:has([data-testid=sort-downtime_last_hour])`)?.getAttribute("aria-sort") === "descending",
        table,
      );
      assert.equal(await page.inputValue(`[data-testid=report-view][data-report-id="${id}"] [data-testid=filter]`), "");
      rows = await tableRows(page, id);
      const hourDown = lines.map((line) => Number(line[2])).filter((down) => down > 0).sort((a, b) => b - a);
      assert.deepEqual(rows.map((row) => Number(row[2])), hourDown.slice(0, 100));

      // Paging shows the rest, once the condition is cleared.
      await page.click(`[data-testid=report-view][data-report-id="${id}"] [data-testid=clear-conditions]`);
      await page.click(`${table} [data-testid=sort-store_id]`);
      await page.click(`[data-testid=page-next]`);
      rows = await tableRows(page, id);
      assert.equal(rows[0][0], lines[100][0]);
      assert.equal(await page.textContent("[data-testid=page-number]"), `Page 2 of ${Math.ceil(lines.length / 100)}`);
    });
  });

  test("rows that cannot be read are listed with file, line and reason", async () => {
    const good = (await readFile(STATUS, "utf8")).trimEnd().split("\n");
    const bad = join(fixture.scratch, "status-with-errors.csv");
    await writeFile(
      bad,
      [
        good[0],
        good[1],
        ",active,2023-01-25 10:00:00 UTC",
        "123,maybe,2023-01-25 10:00:00 UTC",
        "123,active,2023-02-30 10:00:00 UTC",
        "123,active",
        ...good.slice(2),
      ].join("\n") + "\n",
    );
    await withPage(async (page) => {
      await chooseFiles(page, [bad, HOURS]);
      await waitForSlots(page, 2);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      assert.match(await page.textContent(`${view} [data-testid=files-used]`), /status-with-errors\.csv.*status polls.*4/s);
      await page.click(`${view} [data-testid=show-rejected]`);
      await page.waitForSelector(`${view} [data-testid=rejected-rows] tbody tr`);
      const listed = await page.$$eval(`${view} [data-testid=rejected-rows] tbody tr`, (rows) =>
        rows.map((row) => [...row.cells].map((cell) => cell.textContent)),
      );
      assert.equal(listed.length, 4);
      const expected = [
        [3, /store_id is empty/],
        [4, /"maybe" is neither active nor inactive/],
        [5, /"2023-02-30 10:00:00 UTC".*no such date/],
        [6, /2 fields where the header has 3/],
      ];
      expected.forEach(([line, reason], i) => {
        assert.equal(listed[i][0], "status-with-errors.csv");
        assert.equal(listed[i][1], String(line));
        assert.match(listed[i][2], reason);
      });
      const list = parseQuotedCsv((await download(page, `${view} [data-testid=download-rejected]`)).bytes.toString("utf8"));
      assert.deepEqual(list[0], ["file", "line", "reason"]);
      assert.equal(list.length, 5);
      expected.forEach(([line, reason], i) => {
        assert.deepEqual(list[i + 1].slice(0, 2), ["status-with-errors.csv", String(line)]);
        assert.equal(list[i + 1][2], listed[i][2]);
        assert.match(list[i + 1][2], reason);
      });
      // The rest of the data is used, exactly as by the command.
      const csv = await download(page, `${view} [data-testid=download-csv]`);
      assert.ok(csv.bytes.equals(await cli(["--status", bad, "--hours", HOURS])));
    });
  });
});

describe("failures", () => {
  test("a report without a usable poll fails with the reason, and the next one runs", async () => {
    const broken = join(fixture.scratch, "no-usable-poll.csv");
    await writeFile(broken, "store_id,status,timestamp_utc\n1,maybe,2023-01-25 10:00:00 UTC\n2,active,yesterday\n");
    await withPage(async (page) => {
      await chooseFiles(page, [broken]);
      await waitForSlots(page, 1);
      await page.waitForFunction(() => /no usable poll/.test(document.querySelector("#setting-now-help").textContent));
      const failed = await generate(page);
      const text = await waitForReport(page, failed);
      assert.match(text, /^Failed: no usable poll in the status file/);
      assert.equal(await page.getAttribute(`[data-testid=report][data-report-id="${failed}"]`, "data-state"), "failed");
      // The worker goes on: a good file gives a report.
      await page.click("[data-testid=slot-status] [data-testid=remove-file]");
      await chooseFiles(page, [STATUS]);
      await waitForSlots(page, 1);
      const next = await generate(page);
      assert.match(await waitForReport(page, next), /Complete/);
    });
  });
});

describe("files", () => {
  test("a file of none of the three kinds is refused, naming the expected columns", async () => {
    const orders = join(fixture.scratch, "orders.csv");
    await writeFile(orders, "order_id,amount\n1,9.99\n");
    await withPage(async (page) => {
      await chooseFiles(page, [orders, STATUS]);
      await page.waitForSelector("[data-testid=refused-file]");
      const message = await page.textContent("[data-testid=refused-file]");
      assert.match(message, /orders\.csv/);
      assert.match(message, /store_id, status, timestamp_utc/);
      assert.match(message, /timezone_str/);
      assert.match(message, /start_time_local/);
      // The refused file takes no part in the report.
      await waitForSlots(page, 1);
      assert.equal(await page.isDisabled("[data-testid=generate]"), false);
      await page.click("[data-testid=refused-file] [data-testid=remove-file]");
      assert.equal(await page.$("[data-testid=refused-file]"), null);
    });
  });

  test("a file is removed or replaced in one click, and the same file can be chosen again", async () => {
    await withPage(async (page) => {
      await chooseFiles(page, [STATUS, HOURS]);
      await waitForSlots(page, 2);
      await page.click("[data-testid=slot-hours] [data-testid=remove-file]");
      await waitForSlots(page, 1);
      assert.deepEqual(await cardsIn(page, "hours"), []);
      // The input was cleared after reading, so choosing the same file fires again.
      await chooseFiles(page, [HOURS]);
      await waitForSlots(page, 2);
      assert.deepEqual(await cardsIn(page, "hours"), ["menu_hours.csv"]);
      // Replace: the chosen file takes the place of the old one.
      const [chooser] = await Promise.all([
        page.waitForEvent("filechooser"),
        page.click("[data-testid=slot-hours] button:has-text('Replace')"),
      ]);
      await chooser.setFiles([ZONES]);
      await waitForSlots(page, 2);
      assert.deepEqual(await cardsIn(page, "hours"), []);
      assert.deepEqual(await cardsIn(page, "timezones"), ["timezones.csv"]);
    });
  });

  test("the sample data button loads three files and makes the command's report", async () => {
    await withPage(async (page) => {
      const id = await sampleReport(page);
      await waitForSlots(page, 3);
      assert.match(await waitForReport(page, id), /Complete/);
      assert.equal(await page.textContent("[data-testid=store-count]"), "300");
      // The same generator and seed as `store-uptime sample --stores 300 --seed 2023`.
      const expected = await cli([
        "--status", join(SAMPLE, "status.csv"),
        "--hours", join(SAMPLE, "menu_hours.csv"),
        "--timezones", join(SAMPLE, "timezones.csv"),
      ]);
      const csv = await download(page, `[data-testid=download-csv][data-report-id="${id}"]`);
      assert.ok(csv.bytes.equals(expected));
    });
  });
});

describe("the queue", () => {
  test("reports queue, a running one is cancelled at once, and the next one runs", async () => {
    await withPage(async (page) => {
      // The full-size status file three times, as a split export: about two
      // seconds of work, ample time to cancel.
      await chooseFiles(page, [LARGE_STATUS, LARGE_STATUS, LARGE_STATUS]);
      await waitForSlots(page, 3);
      const first = await generate(page);
      // The same files and settings again would only repeat it: Generate
      // says so instead of queueing a duplicate.
      await page.waitForFunction(() => document.querySelector("[data-testid=generate]").disabled);
      assert.match(
        await page.textContent("#generate-help"),
        new RegExp(`^Report ${first} of these files with these settings is already (queued|running)\\.$`),
      );
      // Another setting makes another report.
      await page.selectOption("[data-testid=setting-units]", "hours");
      const second = await generate(page);
      assert.match(await state(page, second), /Queued/);
      await page.waitForFunction(
        (id) => /Running: (reading|calculating)/.test(document.querySelector(`[data-testid=report-state][data-report-id="${id}"]`).textContent),
        first,
      );
      // The page answers while the worker is busy.
      const answered = await page.evaluate(() => new Promise((done) => {
        const asked = performance.now();
        requestAnimationFrame(() => done(performance.now() - asked));
      }));
      assert.ok(answered < 250, `a frame took ${answered} ms`);
      const clicked = Date.now();
      await page.click(`[data-testid=cancel][data-report-id="${first}"]`);
      assert.match(await waitForReport(page, first, 2000), /Cancelled/);
      assert.ok(Date.now() - clicked < 2000);
      await page.click(`[data-testid=cancel][data-report-id="${second}"]`);
      assert.match(await waitForReport(page, second, 2000), /Cancelled/);

      // A fresh worker takes the next request.
      await page.click("[data-testid=slot-status] [data-testid=remove-file]");
      await page.click("[data-testid=slot-status] [data-testid=remove-file]");
      await waitForSlots(page, 1);
      const third = await generate(page);
      assert.match(await waitForReport(page, third, 60_000), /Complete/);
    });
  });
});

describe("hosting", () => {
  test("no request leaves the page after load, and a second visit works offline", async () => {
    const offline = await browser();
    try {
      const requests = [];
      offline.context.on("request", (request) => requests.push(request.url()));
      await withPage(async (page) => {
        const origin = new URL(fixture.server.url).origin;
        assert.ok(requests.length > 0);
        for (const url of requests) assert.ok(url.startsWith(origin) || url.startsWith("data:"), url);
        requests.length = 0;
        await chooseFiles(page, [STATUS, HOURS, ZONES]);
        await waitForSlots(page, 3);
        const id = await generate(page);
        await waitForReport(page, id);
        await download(page, `[data-testid=download-csv][data-report-id="${id}"]`);
        const network = requests.filter((url) => !url.startsWith("blob:") && !url.startsWith("data:"));
        assert.deepEqual(network, []);

        await offline.context.setOffline(true);
        await page.reload();
        await page.waitForFunction(() => document.querySelectorAll("[data-testid=setting-timezone] option").length > 100);
        const again = await sampleReport(page);
        await waitForSlots(page, 3);
        assert.match(await waitForReport(page, again), /Complete/);
      }, fixture.server.url, offline.context);
    } finally {
      await offline.context.setOffline(false);
      await offline.close();
    }
  });

  test("works from a sub-path", async () => {
    const site = await mkdtemp(join(tmpdir(), "store-uptime-site-"));
    await mkdir(join(site, "tools"));
    await symlink(DIST, join(site, "tools", "uptime"));
    const subServer = await serve(site);
    try {
      await withPage(async (page) => {
        const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
        assert.ok(scope.endsWith("/tools/uptime/"), scope);
        await chooseFiles(page, [STATUS, HOURS, ZONES]);
        await waitForSlots(page, 3);
        const id = await generate(page);
        assert.match(await waitForReport(page, id), /Complete/);
        const csv = await download(page, `[data-testid=download-csv][data-report-id="${id}"]`);
        assert.ok(csv.bytes.equals(await cli(["--status", STATUS, "--hours", HOURS, "--timezones", ZONES])));
      }, `${subServer.url}tools/uptime/`);
    } finally {
      await subServer.stop();
      await rm(site, { recursive: true, force: true });
    }
  });
});
