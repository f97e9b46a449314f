// End-to-end specs of outages and days: the horizon setting, the outage
// list and per-day table downloads (byte for byte the command's --outages
// and --daily), the table's outage columns and day strips, the fleet's
// strip and every outage of the fleet a page at a time (of an older report
// too), a store's outages under its timeline over a 90-day horizon, and the
// strips' day cells by keyboard.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";

import {
  HOURS,
  STATUS,
  ZONES,
  appReady,
  chooseFiles,
  cli,
  download,
  generate,
  parseCsv,
  screenshot,
  storageSettled,
  suiteFixture,
  tableRows,
  unfoldInputs,
  waitForReport,
  waitForSlots,
  withAppPage,
} from "./helpers.mjs";

const fixture = suiteFixture("outages");
const withPage = (body) => withAppPage(fixture.chromium.context, fixture.server.url, body);

/** The command's outage list and per-day table for `args` over `days` days. */
async function expected(args, days, name) {
  const outages = join(fixture.scratch, `${name}-outages.csv`);
  const daily = join(fixture.scratch, `${name}-daily.csv`);
  const report = await cli([...args, "--days", String(days), "--outages", outages, "--daily", daily]);
  return { report, outages: await readFile(outages), daily: await readFile(daily) };
}

/**
 * Waits for the list to show the answer to `query` (the worker answers
 * after the filter, order or page changed), at `position` ("Outages 1–200
 * of 1,014"), and gives its rows as [store, start, end].
 */
async function listedAt(page, view, position, { order = "longest", filter = "", offset = 0 } = {}) {
  await page.waitForFunction(
    ([view, position, order, filter, offset]) => {
      const list = document.querySelector(`${view} [data-testid=outage-list]`);
      return (
        list?.dataset.state === "listed" &&
        list.dataset.order === order &&
        list.dataset.filter === filter &&
        list.dataset.offset === String(offset) &&
        document.querySelector(`${view} [data-testid=outage-position]`)?.textContent.trim() === position
      );
    },
    [view, position, order, filter, offset],
  );
  return page.$$eval(`${view} [data-testid=fleet-outage]`, (rows) =>
    // Times as the CSV writes them: the cells' RFC 3339 form (they read on the store's clock).
    rows.map((row) => [row.querySelector("th").textContent.trim(), ...[...row.querySelectorAll("td")].slice(0, 2).map((cell) => cell.dataset.iso)]),
  );
}

/**
 * Every outage of the download can be listed, not only the 200 longest:
 * a store none of whose outages is among them, the whole list by start, a
 * page at a time. `outageRows` has more than 200 outages.
 */
async function everyOutageListed(page, view, outageRows) {
  const count = (n) => n.toLocaleString("en-US");
  const filter = `${view} [data-testid=outage-filter]`;
  assert.ok(outageRows.length > 200, `${outageRows.length} outages`);
  await page.fill(filter, "");
  assert.equal((await listedAt(page, view, `Outages 1–200 of ${count(outageRows.length)}`)).length, 200);

  // A store whose every outage is shorter than the 200th longest.
  const byLength = [...outageRows].sort((a, b) => Number(b[5]) - Number(a[5]));
  const cut = Number(byLength[199][5]);
  const stores = [...new Set(outageRows.map((row) => row[0]))];
  const outside = stores.find((store) => outageRows.filter((row) => row[0] === store).every((row) => Number(row[5]) < cut));
  assert.ok(outside, "a store outside the 200 longest");
  const theirs = outageRows.filter((row) => row[0] === outside);
  await page.fill(filter, outside);
  const listed = await listedAt(page, view, `Outages 1–${theirs.length} of ${count(theirs.length)}`, { filter: outside });
  const key = (row) => row.join(" ");
  assert.deepEqual(listed.map(key).sort(), theirs.map((row) => key([row[0], row[3], row[4]])).sort());

  // The whole list, earliest start first, page by page.
  await page.fill(filter, "");
  await page.selectOption(`${view} [data-testid=outage-order]`, "earliest");
  const starts = outageRows.map((row) => Date.parse(row[1])).sort((a, b) => a - b);
  const startsOf = (rows) => rows.map((row) => Date.parse(row[1]));
  const first = await listedAt(page, view, `Outages 1–200 of ${count(outageRows.length)}`, { order: "earliest" });
  await screenshot(page, "fleet-outages", `${view} [data-testid=fleet-outages]`);
  assert.deepEqual(startsOf(first), starts.slice(0, 200));
  await page.click(`${view} [data-testid=outage-next]`);
  const second = await listedAt(page, view, `Outages 201–400 of ${count(outageRows.length)}`, { order: "earliest", offset: 200 });
  assert.deepEqual(startsOf(second), starts.slice(200, 400));
  assert.equal(await page.isDisabled(`${view} [data-testid=outage-prev]`), false);
  await page.click(`${view} [data-testid=outage-prev]`);
  await listedAt(page, view, `Outages 1–200 of ${count(outageRows.length)}`, { order: "earliest" });
  await page.selectOption(`${view} [data-testid=outage-order]`, "latest");
  const latest = await listedAt(page, view, `Outages 1–200 of ${count(outageRows.length)}`, { order: "latest" });
  assert.deepEqual(startsOf(latest), [...starts].reverse().slice(0, 200));
  await page.selectOption(`${view} [data-testid=outage-order]`, "longest");
  await listedAt(page, view, `Outages 1–200 of ${count(outageRows.length)}`);
}

describe("outages and days match the command line byte for byte", () => {
  const variants = [
    {
      name: "three files, nine days",
      files: [STATUS, HOURS, ZONES],
      days: 9,
      args: ["--status", STATUS, "--hours", HOURS, "--timezones", ZONES],
    },
    {
      name: "an explicit now, another default timezone, hours units, two days",
      files: [STATUS, HOURS],
      days: 2,
      now: "2023-01-24T06:30:00.25Z",
      zone: "Asia/Tokyo",
      units: "hours",
      args: ["--status", STATUS, "--hours", HOURS, "--now", "2023-01-24T06:30:00.25Z", "--default-timezone", "Asia/Tokyo", "--units", "hours"],
    },
  ];
  for (const variant of variants) {
    test(variant.name, async () => {
      await withPage(async (page) => {
        await chooseFiles(page, variant.files);
        await waitForSlots(page, variant.files.length);
        if (variant.now) await page.fill("[data-testid=setting-now]", variant.now);
        if (variant.zone) await page.selectOption("[data-testid=setting-timezone]", variant.zone);
        if (variant.units) await page.selectOption("[data-testid=setting-units]", variant.units);
        await page.fill("[data-testid=setting-horizon]", String(variant.days));
        await page.press("[data-testid=setting-horizon]", "Tab");
        const id = await generate(page);
        assert.match(await waitForReport(page, id), /Complete/);
        const want = await expected(variant.args, variant.days, `v${id}`);
        const view = `[data-testid=report-view][data-report-id="${id}"]`;

        // The report is the same with or without a horizon.
        const report = await download(page, `${view} [data-testid=download-csv]`);
        assert.ok(report.bytes.equals(want.report), "the report differs from the command's");
        const outages = await download(page, `${view} [data-testid=download-outages]`);
        assert.ok(outages.name.endsWith(`report-${id}-outages.csv`), outages.name);
        assert.ok(outages.bytes.equals(want.outages), "the outage list differs from the command's");
        const daily = await download(page, `${view} [data-testid=download-daily]`);
        assert.ok(daily.bytes.equals(want.daily), "the per-day table differs from the command's");

        // The table's outage columns and strips agree with the downloads.
        const outageRows = parseCsv(want.outages).slice(1);
        const dayRows = parseCsv(want.daily).slice(1);
        const rows = await tableRows(page, id);
        let withOutages = 0;
        for (const cells of rows.slice(0, 20)) {
          const store = cells[0];
          // The table counts observed outages: not those before the first poll.
          const mine = outageRows.filter((row) => row[0] === store && row[7] === "false");
          assert.equal(cells[10], String(mine.length), `outage count of ${store}`);
          if (mine.length > 0) {
            withOutages++;
            const longest = Math.max(...mine.map((row) => Number(row[5])));
            assert.ok(Math.abs(Number(cells[11]) - longest) <= 0.01, `longest outage of ${store}: ${cells[11]} vs ${longest}`);
          } else {
            assert.equal(cells[11], "—");
          }
        }
        assert.ok(withOutages > 0 && withOutages < 20, `${withOutages} of the first 20 stores have outages: both cases checked`);
        // A store with an assumed outage (before its first poll): the table
        // counts only the others.
        const assumedRow = outageRows.find((row) => row[7] === "true");
        if (variant.days > 7) assert.ok(assumedRow, "a horizon longer than the data has assumed outages");
        if (assumedRow) {
          const store = assumedRow[0];
          await page.fill(`${view} [data-testid=filter]`, store);
          await page.waitForFunction(
            ([table, id]) => [...document.querySelectorAll(`${table} tbody tr.store-row th`)].some((th) => th.textContent.trim() === id),
            [`[data-testid=report-table][data-report-id="${id}"]`, store],
          );
          const row = (await tableRows(page, id)).find((cells) => cells[0] === store);
          const observed = outageRows.filter((r) => r[0] === store && r[7] === "false").length;
          const all = outageRows.filter((r) => r[0] === store).length;
          assert.ok(all > observed, `${store} has an assumed outage`);
          assert.equal(row[10], String(observed), `observed outage count of ${store}`);
          await page.fill(`${view} [data-testid=filter]`, "");
        }
        const firstStore = rows[0][0];
        const strip = await page.$$eval(
          `[data-testid=report-table][data-report-id="${id}"] tbody tr:first-child .day-strip .day-cell`,
          (cells) => cells.map((cell) => cell.dataset.tip),
        );
        const firstDays = dayRows.filter((row) => row[0] === firstStore);
        assert.equal(strip.length, firstDays.length, "one cell per date of the per-day table");
        const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
        firstDays.forEach(([, date, business, , down, polls], i) => {
          const [year, month, day] = date.split("-").map(Number);
          assert.ok(strip[i].includes(`${day} ${MONTHS[month - 1]} ${year}:`), `${strip[i]} for ${date}`);
          // A day with time before the store's first poll shows its observed part, or no data.
          if (/no data|from its first poll on/.test(strip[i])) return;
          const grouped = Number(down).toLocaleString("en-US", { maximumFractionDigits: 2 });
          if (Number(business) === 0) assert.match(strip[i], /closed/);
          else assert.ok(strip[i].includes(`down ${grouped} min`), `${strip[i]} for ${down}`);
          if (Number(polls) === 0) assert.match(strip[i], /no poll/);
        });
        const fleetCells = await page.$$eval(`${view} [data-testid=fleet-strip] [role=gridcell]`, (cells) => cells.map((c) => c.dataset.date));
        const dates = [...new Set(dayRows.map((row) => row[1]))].sort();
        assert.deepEqual(fleetCells, dates, "the fleet strip has every date of the per-day table");

        // The fleet's longest outage is the download's longest of those
        // observed: outages before a store's first poll are listed only when asked for.
        await page.click(`${view} [data-testid=fleet-outages] summary`);
        const observedRows = outageRows.filter((row) => row[7] === "false");
        const longest = observedRows.reduce((a, b) => (Number(b[5]) > Number(a[5]) ? b : a), observedRows[0]);
        const firstListed = await page.textContent(`${view} [data-testid=fleet-outage]:first-child`);
        const firstIso = await page.$eval(`${view} [data-testid=fleet-outage]:first-child td`, (cell) => cell.dataset.iso);
        assert.ok(firstIso === longest[3] || observedRows.filter((r) => r[5] === longest[5]).some((r) => firstIso === r[3]), `${firstListed} vs ${longest}`);
        if (variant.days === 9) await everyOutageListed(page, view, observedRows);
        await page.fill(`${view} [data-testid=outage-filter]`, longest[0]);
        const matching = observedRows.filter((row) => row[0].includes(longest[0])).length;
        const filtered = await listedAt(page, view, `Outages 1–${Math.min(matching, 200)} of ${matching.toLocaleString("en-US")}`, { filter: longest[0] });
        assert.ok(filtered.length > 0 && filtered.every(([store]) => store.includes(longest[0])), filtered.join());

        // A store's timeline lists its outages, on its own clock.
        await page.click(`${view} [data-testid=fleet-outage]:first-child button`);
        await page.waitForSelector(`${view} [data-testid=store-timeline][data-state=drawn]`);
        const listed = await page.$$eval(`${view} [data-testid=store-outage]`, (rows) =>
          // The times' RFC 3339 form is their tooltip (they read on the store's clock).
          rows.map((row) => [...row.querySelectorAll("td")].slice(0, 3).map((cell, i) => (i < 2 ? cell.title : cell.textContent.trim().replaceAll(",", "")))),
        );
        const theirs = outageRows.filter((row) => row[0] === longest[0]).map((row) => [row[3], row[4], row[5]]);
        assert.deepEqual(listed, theirs);
        // Pointing at an outage inside the drawn week picks it out.
        const now = Date.parse((await page.textContent(`${view} [data-testid=report-now]`)).replace(" UTC", "Z").replace(" ", "T"));
        const inWeek = theirs.findIndex(([, end]) => Date.parse(end) > now - 7 * 86_400_000);
        assert.equal(await page.$$eval(`${view} [data-testid=outage-highlight]`, (marks) => marks.length), 0);
        // The data are made so that the longest outage's store has one in
        // the drawn week: the check below must run.
        assert.ok(inWeek >= 0, `no outage of ${longest[0]} ends in the week before now`);
        await page.hover(`${view} [data-testid=store-outage]:nth-child(${inWeek + 1})`);
        await page.waitForSelector(`${view} [data-testid=outage-highlight]`);
        await page.mouse.move(0, 0);
        await page.waitForFunction((selector) => !document.querySelector(selector), `${view} [data-testid=outage-highlight]`);
        if (variant.days === 9) {
          await page.hover(`${view} [data-testid=store-outage]:last-child`);
          await screenshot(page, "store-outages", `${view} [data-testid=store-outages]`);
        }
        // Closed, the focus is back on the store's button in the fleet's list.
        await page.keyboard.press("Escape");
        await page.waitForFunction(() => !document.querySelector("dialog[data-testid=store-dialog][open]"));
        await page.waitForFunction((store) => document.activeElement?.textContent === store, longest[0]);
        if (variant.days === 9) {
          await page.click(`${view} [data-testid=fleet-outages] summary`);
          await screenshot(page, "day-strips", `${view} [data-testid=fleet-strip]`);
        }
      });
    });
  }

  test("an older report's outages are listed again from its files, after a reload too", async () => {
    await withPage(async (page) => {
      const horizon = async (days) => {
        await unfoldInputs(page);
        await page.fill("[data-testid=setting-horizon]", String(days));
        await page.press("[data-testid=setting-horizon]", "Tab");
      };
      await chooseFiles(page, [STATUS, HOURS, ZONES]);
      await waitForSlots(page, 3);
      await horizon(9);
      const older = await generate(page);
      assert.match(await waitForReport(page, older), /Complete/);
      // A newer report: the worker keeps its list, not the older one's.
      await horizon(2);
      const newer = await generate(page);
      assert.match(await waitForReport(page, newer), /Complete/);
      const want = await expected(["--status", STATUS, "--hours", HOURS, "--timezones", ZONES], 9, "older");
      // Those observed: the list leaves out the outages before a store's first poll.
      const outageRows = parseCsv(want.outages).slice(1).filter((row) => row[7] === "false");
      const starts = outageRows.map((row) => Date.parse(row[1])).sort((a, b) => a - b);
      const earliestOfOlder = async () => {
        await page.click(`[data-testid=show-report][data-report-id="${older}"]`);
        const view = `[data-testid=report-view][data-report-id="${older}"]`;
        await page.click(`${view} [data-testid=fleet-outages] summary`);
        await page.selectOption(`${view} [data-testid=outage-order]`, "earliest");
        const position = `Outages 1–200 of ${outageRows.length.toLocaleString("en-US")}`;
        const rows = await listedAt(page, view, position, { order: "earliest" });
        assert.deepEqual(rows.map((row) => Date.parse(row[1])), starts.slice(0, 200));
      };
      await earliestOfOlder();
      // After a reload, from the files the browser kept.
      await storageSettled(page);
      await page.reload();
      await appReady(page);
      await earliestOfOlder();
    });
  });

  test("the horizon is kept with the other settings", async () => {
    await withPage(async (page) => {
      assert.equal(await page.inputValue("[data-testid=setting-horizon]"), "7");
      await page.fill("[data-testid=setting-horizon]", "500");
      await page.press("[data-testid=setting-horizon]", "Tab");
      assert.equal(await page.inputValue("[data-testid=setting-horizon]"), "366");
      await page.fill("[data-testid=setting-horizon]", "30");
      await page.press("[data-testid=setting-horizon]", "Tab");
      await page.reload();
      await page.waitForSelector("[data-testid=setting-horizon]");
      await page.waitForFunction(() => document.querySelector("[data-testid=setting-horizon]").value === "30");
    });
  });
});

/**
 * Two stores polled hourly for 90 days to 2023-04-01 12:00 UTC, open 24
 * hours (no business hours file), in UTC: "old" is down from 2023-01-20
 * 10:00 to 13:00 UTC (70 days before now), "new" on 2023-03-31 from 08:00
 * to 09:00.
 */
async function ninetyDays() {
  const now = Date.UTC(2023, 3, 1, 12);
  const polls = ["store_id,status,timestamp_utc"];
  for (let t = now - 90 * 86_400_000; t <= now; t += 3_600_000) {
    const when = new Date(t).toISOString().replace("T", " ").replace(".000Z", " UTC");
    const oldDown = t >= Date.UTC(2023, 0, 20, 10) && t < Date.UTC(2023, 0, 20, 13);
    const newDown = t === Date.UTC(2023, 2, 31, 8);
    polls.push(`old,${oldDown ? "inactive" : "active"},${when}`, `new,${newDown ? "inactive" : "active"},${when}`);
  }
  const status = join(fixture.scratch, "ninety-status.csv");
  const zones = join(fixture.scratch, "ninety-timezones.csv");
  await writeFile(status, polls.join("\n") + "\n");
  await writeFile(zones, "store_id,timezone_str\nold,UTC\nnew,UTC\n");
  return [status, zones];
}

/** Generates a report of `files` over `days` days; resolves to its id. */
async function reportOver(page, files, days) {
  await chooseFiles(page, files);
  await waitForSlots(page, files.length);
  await unfoldInputs(page);
  await page.fill("[data-testid=setting-horizon]", String(days));
  await page.press("[data-testid=setting-horizon]", "Tab");
  const id = await generate(page);
  assert.match(await waitForReport(page, id), /Complete/);
  return id;
}

describe("timelines over the horizon and strips by keyboard", () => {
  test("a 90-day timeline draws and picks out an outage 70 days old, stays readable at 390 px, and prints a week at a time", async () => {
    const files = await ninetyDays();
    await withPage(async (page) => {
      const id = await reportOver(page, files, 90);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      await page.click(`[data-testid=report-table][data-report-id="${id}"] tr[data-store-id="old"] [data-testid=explain-store]`);
      const timeline = `${view} [data-testid=store-timeline][data-store-id="old"][data-state=drawn]`;
      await page.waitForSelector(`${timeline} svg.timeline`);
      const long = `${timeline} svg.timeline.per-day`;
      const axis = await page.$eval(long, (svg) => ({
        seconds: Number(svg.dataset.to) - Number(svg.dataset.from),
        width: Number(svg.getAttribute("width")),
        shown: svg.getBoundingClientRect().width,
        days: [...svg.querySelectorAll("rect[data-day]")].map((day) => day.dataset.day),
        labelSize: Math.min(...[...svg.querySelectorAll("text")].map((text) => parseFloat(getComputedStyle(text).fontSize))),
      }));
      assert.equal(axis.seconds, 90 * 86_400);
      assert.equal(axis.shown, axis.width, "the long drawing is at its own size, not scaled down");
      assert.ok(axis.labelSize >= 11, `text of ${axis.labelSize} px`);
      // Only the days around what the box shows are in the DOM: now's end.
      assert.ok(axis.days.length < 40, `${axis.days.length} days drawn`);
      assert.equal(axis.days.at(-1), "2023-04-01");
      assert.ok(!axis.days.includes("2023-01-20"), "the old outage's day is not drawn until scrolled to");

      // The list has both outages... of this store, one: the old one.
      const listed = await page.$$eval(`${view} [data-testid=store-outage]`, (rows) =>
        rows.map((row) => [row.querySelector("td").textContent, row.querySelector("td").title]),
      );
      // On the store's clock as people write it; the RFC 3339 form in the tooltip.
      assert.deepEqual(listed, [["Fri 20 Jan 10:00 UTC", "2023-01-20T10:00:00+00:00"]]);
      assert.doesNotMatch(await page.textContent(`${view} [data-testid=store-outages]`), /not drawn|before it/);
      // Focusing it scrolls the drawing to it and picks it out.
      await page.focus(`${view} [data-testid=store-outage]`);
      await page.waitForSelector(`${long} [data-testid=outage-highlight]`);
      await page.waitForFunction((long) => [...document.querySelectorAll(`${long} rect[data-day]`)].some((day) => day.dataset.day === "2023-01-20"), long);
      const seen = await page.$eval(long, (svg) => {
        const box = svg.parentElement.getBoundingClientRect();
        const mark = svg.querySelector("[data-testid=outage-highlight]").getBoundingClientRect();
        return { inside: mark.left >= box.left && mark.right <= box.right, width: mark.width };
      });
      assert.ok(seen.inside, "the picked-out outage is in the box's view");
      // Three hours at 130 px a day.
      assert.ok(Math.abs(seen.width - (3 / 24) * 130) < 1, `${seen.width} px`);
      await screenshot(page, "store-timeline-90-days", timeline);
      await page.focus(`${view} [data-testid=close-timeline]`);
      await page.waitForFunction((long) => !document.querySelector(`${long} [data-testid=outage-highlight]`), long);

      // The box scrolls by a day with the arrows.
      const scroller = `${timeline} .drawing-scroll >> nth=0`;
      const before = await page.$eval(long, (svg) => svg.parentElement.scrollLeft);
      await page.focus(scroller);
      await page.keyboard.press("ArrowRight");
      await page.waitForFunction(([long, before]) => document.querySelector(long).parentElement.scrollLeft !== before, [long, before]);
      assert.equal(await page.$eval(long, (svg) => svg.parentElement.scrollLeft), before + 130);

      // Scrolled to the middle of a day, that day's name is drawn whole at
      // the box's left edge, and its own label, cut at the day's start, is hidden.
      // A day drawn left of the view (the days around it are drawn).
      const dayStart = await page.$eval(long, (svg) => Math.round(Number(svg.querySelector("rect[data-day]").getAttribute("x"))));
      await page.$eval(
        long,
        (svg, left) => {
          svg.parentElement.scrollLeft = left;
        },
        dayStart + 60,
      );
      await page.waitForFunction((long) => {
        const svg = document.querySelector(long);
        const kept = svg.querySelector("text.day-label.kept");
        return kept && Math.abs(kept.getBoundingClientRect().left - svg.parentElement.getBoundingClientRect().left - 3) < 1;
      }, long);
      const edge = await page.$eval(long, (svg) => {
        const box = svg.parentElement.getBoundingClientRect();
        const day = [...svg.querySelectorAll("rect[data-day]")].find((rect) => {
          const { left, right } = rect.getBoundingClientRect();
          return left < box.left && right > box.left;
        });
        const cut = [...svg.querySelectorAll("text.day-label.cut")];
        return {
          kept: svg.querySelector("text.day-label.kept").textContent.trim(),
          cut: cut.map((text) => ({
            text: text.textContent.trim(),
            hidden: getComputedStyle(text).visibility === "hidden",
            atDay: Math.abs(Number(text.getAttribute("x")) - 3 - Number(day.getAttribute("x"))) < 0.01,
          })),
        };
      });
      assert.equal(edge.cut.length, 1, JSON.stringify(edge));
      assert.deepEqual(edge.cut[0], { text: edge.kept, hidden: true, atDay: true });
      // Scrolled to a day's start, no name is moved.
      await page.$eval(
        long,
        (svg, left) => {
          svg.parentElement.scrollLeft = left;
        },
        dayStart,
      );
      await page.waitForFunction((long) => !document.querySelector(`${long} text.day-label.kept`), long);
      assert.equal(await page.$$eval(`${long} text.day-label.cut`, (texts) => texts.length), 0);

      // At 390 px wide, nothing scrolls the page sideways and the text keeps its size.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.waitForFunction(() => document.documentElement.scrollWidth <= 390);
      const narrow = await page.$$eval(`${timeline} svg.timeline`, (svgs) =>
        svgs.map((svg) => {
          const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
          const fonts = [...svg.querySelectorAll("text")].map((text) => parseFloat(getComputedStyle(text).fontSize));
          return Math.min(...fonts) * scale;
        }),
      );
      assert.ok(narrow.every((size) => size >= 11), `text of ${narrow.join(", ")} px`);

      // Printed (A4's width at 96 px an inch, less margins), the long
      // drawing, which scrolls, is drawn a week at a time, each fitting the paper.
      await page.setViewportSize({ width: 718, height: 1000 });
      await page.evaluate(() => window.dispatchEvent(new Event("beforeprint")));
      await page.emulateMedia({ media: "print" });
      const weeks = `${timeline} [data-testid=printed-weeks] svg.timeline`;
      await page.waitForSelector(weeks);
      const printed = await page.$$eval(weeks, (svgs) =>
        svgs.map((svg) => ({
          caption: svg.closest("figure").querySelector("figcaption").textContent,
          right: svg.getBoundingClientRect().right,
          days: [...svg.querySelectorAll("rect[data-day]")].map((day) => day.dataset.day),
        })),
      );
      assert.equal(printed.length, 13, "90 days in 13 weeks, the oldest of 6 days");
      assert.equal(printed[0].caption, "Sun 1 Jan to Sat 7 Jan, on the store's clock");
      assert.equal(printed[12].caption, "Sat 25 Mar to Sat 1 Apr, on the store's clock");
      assert.ok(printed.every(({ right }) => right <= 718), `drawn to ${printed.map(({ right }) => right).join(", ")} px`);
      assert.ok(printed[2].days.includes("2023-01-20"), "the old outage's day is printed in the third week");
      assert.equal(await page.isVisible(long), false, "the scrolling drawing is printed");
      await page.evaluate(() => window.dispatchEvent(new Event("afterprint")));
      await page.emulateMedia({ media: "screen" });
      await page.waitForFunction((timeline) => !document.querySelector(`${timeline} [data-testid=printed-weeks]`), timeline);
      assert.equal(await page.isVisible(long), true);
      // The browser's own printing (to PDF) draws the weeks too.
      await page.evaluate(() => {
        window.printedWeeks = 0;
        new MutationObserver(() => {
          const drawn = document.querySelectorAll("[data-testid=printed-weeks] svg.timeline").length;
          window.printedWeeks = Math.max(window.printedWeeks, drawn);
        }).observe(document.body, { childList: true, subtree: true });
      });
      await page.pdf({ path: join(fixture.scratch, "timeline.pdf"), format: "A4" });
      assert.equal(await page.evaluate(() => window.printedWeeks), 13);
      await page.waitForFunction((timeline) => !document.querySelector(`${timeline} [data-testid=printed-weeks]`), timeline);
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });

  test("strip cells are reached one by one by keyboard, each with its name and a visible tooltip, and fit a laptop's width", async () => {
    const files = await ninetyDays();
    await withPage(async (page) => {
      const id = await reportOver(page, files, 90);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      const strip = `[data-testid=report-table][data-report-id="${id}"] tr[data-store-id="old"] [role=grid]`;
      const cells = await page.$$eval(`${strip} [role=gridcell]`, (cells) => cells.map((cell) => [cell.tabIndex, cell.getAttribute("aria-label")]));
      assert.equal(cells.length, 91, "one cell per UTC date touched by 90 days that start at noon");
      assert.equal(cells.filter(([tab]) => tab === 0).length, 1, "one tab stop");
      assert.equal(cells.at(-1)[0], 0, "the latest day is the tab stop");
      assert.match(cells[0][1], /^Sun 1 Jan 2023: open 720 min, up 720 min, down 0 min/);

      // At 1280 px the strip is on screen without scrolling sideways.
      const layout = await page.$eval(strip, (grid) => {
        const box = grid.closest(".table-scroll").getBoundingClientRect();
        const { left, right } = grid.getBoundingClientRect();
        return { left, right, boxLeft: box.left, boxRight: box.right, scrolled: grid.closest(".table-scroll").scrollLeft };
      });
      assert.ok(layout.scrolled === 0 && layout.left >= layout.boxLeft && layout.right <= Math.min(layout.boxRight, 1280), JSON.stringify(layout));

      const active = () =>
        page.evaluate(() => ({
          name: document.activeElement.getAttribute("aria-label"),
          role: document.activeElement.getAttribute("role"),
          tip: getComputedStyle(document.activeElement, "::after").content,
          shown: getComputedStyle(document.activeElement, "::after").display !== "none",
        }));
      await page.focus(`${strip} [role=gridcell][tabindex="0"]`);
      await page.keyboard.press("Home");
      let now = await active();
      assert.equal(now.role, "gridcell");
      assert.match(now.name, /^Sun 1 Jan 2023:/);
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      now = await active();
      assert.match(now.name, /^Tue 3 Jan 2023:/);
      assert.ok(now.shown && now.tip.includes("Tue 3 Jan 2023"), `tooltip ${now.tip}`);
      // The old outage's day: three hours down.
      for (let i = 0; i < 17; i++) await page.keyboard.press("ArrowRight");
      now = await active();
      assert.match(now.name, /^Fri 20 Jan 2023: open 1,440 min, up 1,260 min, down 180 min/);
      await screenshot(page, "day-strip-focused", `[data-testid=report-table][data-report-id="${id}"] tr[data-store-id="old"]`);
      await page.keyboard.press("End");
      assert.match((await active()).name, /^Sat 1 Apr 2023: open 720 min/);
      // The tab stop moved with the focus: one stop still, and Tab leaves the strip.
      assert.equal(await page.$$eval(`${strip} [role=gridcell][tabindex="0"]`, (cells) => cells.length), 1);
      await page.keyboard.press("Tab");
      assert.notEqual((await active()).role, "gridcell");

      // The fleet's strip the same way.
      const fleet = `${view} [data-testid=fleet-strip] [role=grid]`;
      assert.match(await page.getAttribute(fleet, "aria-label"), /The fleet, day by day over the last 90 days/);
      await page.focus(`${fleet} [role=gridcell][tabindex="0"]`);
      assert.match((await active()).name, /^Sat 1 Apr 2023: /);
      await page.keyboard.press("ArrowLeft");
      now = await active();
      assert.match(now.name, /^Fri 31 Mar 2023: .* 1 of 2 open stores had downtime/);
      assert.ok(now.shown && now.tip.startsWith('"Fri 31 Mar 2023'), `tooltip ${now.tip}`);
      await page.keyboard.press("Home");
      // The fleet's first poll is on the 1st: its first day is observed from it.
      assert.match((await active()).name, /^Sun 1 Jan 2023: /);
    });
  });
});
