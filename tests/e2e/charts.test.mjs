// End-to-end specs of what the report draws: the fleet overview's charts,
// a store's timeline (opened from the table, the overview or the address),
// and a week in which the clocks change. Figures are checked against the
// store-uptime command on the same files.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { before, describe, test } from "node:test";

import {
  HOURS,
  STATUS,
  ZONES,
  browser,
  chooseFiles,
  cli,
  generate,
  parseCsv,
  screenshot,
  suiteFixture,
  tableRows,
  waitForReport,
  waitForSlots,
  unnamedControls,
  withAppPage,
} from "./helpers.mjs";

const fixture = suiteFixture("charts");
let lines;

before(async () => {
  lines = parseCsv(await cli(["--status", STATUS, "--hours", HOURS, "--timezones", ZONES])).slice(1);
});

const withPage = (body, url = fixture.server.url) => withAppPage(fixture.chromium.context, url, body);

/** Loads the three generated files and makes a report; resolves to its id. */
async function report(page) {
  await chooseFiles(page, [STATUS, HOURS, ZONES]);
  await waitForSlots(page, 3);
  const id = await generate(page);
  assert.match(await waitForReport(page, id), /Complete/);
  return id;
}

/**
 * Since when each store has been down at its latest poll (the report's
 * now): a sortable text of the first poll of its last run of inactive
 * polls, or null when its status at now is active. Polls at one instant
 * keep the file's order.
 */
function downSince(statusText) {
  const polls = new Map();
  for (const line of statusText.trimEnd().split("\n").slice(1)) {
    const [store, status, timestamp] = line.split(",");
    const [date, time] = timestamp.replace(" UTC", "").split(" ");
    const [whole, fraction = ""] = time.split(".");
    const at = `${date} ${whole}.${fraction.padEnd(9, "0")}`;
    if (!polls.has(store)) polls.set(store, []);
    polls.get(store).push([at, status === "active"]);
  }
  const since = new Map();
  for (const [store, list] of polls) {
    list.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    let down = list[0][1] ? null : list[0][0];
    for (const [at, active] of list) down = active ? null : (down ?? at);
    since.set(store, down);
  }
  return since;
}

const timeline = (store) => `[data-testid=store-timeline][data-store-id="${store}"]`;
const drawn = (page, store) => page.waitForSelector(`${timeline(store)}[data-state=drawn] svg.timeline`);

/** Whether the store's week is open as a modal dialog (the rest of the page inert). */
const modal = (page) => page.evaluate(() => Boolean(document.querySelector("dialog[data-testid=store-dialog]:modal")));

/**
 * Closes the week with Escape; resolves once the dialog has closed and the
 * address names no store (whatever else it may hold).
 */
async function escape(page) {
  await page.keyboard.press("Escape");
  await page.waitForFunction(() => !document.querySelector("dialog[data-testid=store-dialog][open]") && !location.hash.includes("store="));
}

/** The focused element: its tag, test id, store id (its row's, for a row's button). */
const focused = (page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return {
      tag: element?.tagName.toLowerCase(),
      id: element?.id,
      testid: element?.dataset?.testid,
      store: element?.dataset?.storeId ?? element?.closest("tr")?.dataset.storeId,
    };
  });

/** How many stores the table says it shows: "… of 12 matching stores", "… of 400 stores", or none. */
async function shownCount(page, view) {
  const text = await page.textContent(`${view} [data-testid=row-count]`);
  if (/^No store/.test(text)) return 0;
  return Number(text.match(/of ([\d,]+) (matching )?stores/)[1].replaceAll(",", ""));
}

/** The six figures of a store's timeline, as [business, uptime, downtime] per window. */
const arithmetic = (page, store) =>
  page.$$eval(`${timeline(store)} [data-testid=store-arithmetic] tbody tr`, (rows) =>
    rows.map((row) => ["business", "uptime", "downtime"].map((f) => row.querySelector(`[data-figure=${f}]`).textContent.replaceAll(",", ""))),
  );

describe("the fleet overview", () => {
  test("draws its three charts above the table, from the report's figures", async () => {
    await withPage(async (page) => {
      const id = await report(page);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      const overview = `${view} [data-testid=fleet-overview]`;
      // Above the table, and there as soon as the table is.
      const above = await page.$eval(overview, (overview) => {
        const table = document.querySelector("[data-testid=report-table]");
        return Boolean(overview.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      assert.ok(above, "the overview comes before the table");

      // The histogram: bins of weekly uptime finer near 100 % (0, 50, 80, 90,
      // 95, 98, 99, 99.9 % and exactly 100 %), and the stores closed all week.
      const floors = [0, 500, 800, 900, 950, 980, 990, 999, 1000];
      const bins = await page.$$eval(`${overview} svg.histogram g.bin`, (bins) => bins.map((bin) => Number(bin.dataset.count)));
      assert.equal(bins.length, floors.length);
      const expected = new Array(floors.length).fill(0);
      let closed = 0;
      for (const line of lines) {
        const [up, down] = [Number(line[5]), Number(line[6])];
        if (up + down === 0) closed++;
        else expected[floors.findLastIndex((floor) => up * 1000 >= floor * (up + down))]++;
      }
      assert.deepEqual(bins, expected);
      assert.equal(await page.$$eval(`${overview} svg.histogram rect.bar`, (bars) => bars.length), floors.length);
      const closedText = await page.textContent(`${overview} [data-testid=no-business-time]`);
      assert.match(closedText, closed === 0 ? /Every store had business hours/ : new RegExp(`^${closed} stores? had no business hours`));
      // A group of buttons (its bars), described by every bin.
      assert.equal(await page.getAttribute(`${overview} svg.histogram`, "role"), "group");
      assert.equal(await page.getAttribute(`${overview} svg.histogram`, "aria-describedby"), "overview-histogram-desc");
      assert.match(await page.textContent(`${overview} svg.histogram desc`), /^100 %: \d+ stores?; 99\.9–100 %: \d+ stores?; 99–99\.9 %/);

      // Down in the last hour: the count, and the ten down longest, longest first.
      const downInHour = lines.filter((line) => Number(line[2]) > 0);
      assert.match(await page.textContent(`${overview} [data-testid=overview-down] h3`), new RegExp(`Down in the last hour: ${downInHour.length} of`));
      const downBars = await page.$$eval(`${overview} [data-testid=overview-down] svg a`, (links) =>
        links.map((link) => [link.dataset.storeId, link.querySelector(".bar-figure").textContent]),
      );
      assert.equal(downBars.length, Math.min(10, downInHour.length));
      const longest = Math.max(...downInHour.map((line) => Number(line[2])));
      assert.equal(downBars[0][1], `${longest} min`);
      for (const [store, figure] of downBars) {
        assert.equal(`${lines.find((line) => line[0] === store)[2]} min`, figure);
      }
      // Among equal minutes, the stores still down at now come first, down
      // the longest first: since the first poll of their last run of
      // inactive polls (before its first poll, a store has that poll's
      // status), computed here from the status file itself.
      const since = downSince(await readFile(STATUS, "utf8"));
      const key = (store) => (since.has(store) && since.get(store) !== null ? `0 ${since.get(store)}` : "1");
      let ties = 0;
      for (let i = 1; i < downBars.length; i++) {
        if (downBars[i - 1][1] !== downBars[i][1]) continue;
        ties++;
        assert.ok(key(downBars[i - 1][0]) <= key(downBars[i][0]), `${downBars[i - 1][0]} before ${downBars[i][0]}`);
      }
      // Every store of the test data down all the last hour ties at 60 min:
      // the order among equals was checked.
      assert.ok(ties > 0, `no two bars with the same minutes: ${JSON.stringify(downBars)}`);
      assert.ok(downBars.some(([store]) => since.get(store)), "some store in the chart is still down");

      // The ten least available of the stores open 8 hours or more in the
      // week (the chart's floor), lowest weekly uptime first.
      const least = await page.$$eval(`${overview} [data-testid=overview-least] svg a`, (links) => links.map((link) => link.dataset.storeId));
      assert.equal(least.length, 10);
      const share = (store) => {
        const line = lines.find((line) => line[0] === store);
        return Number(line[5]) / (Number(line[5]) + Number(line[6]));
      };
      const lowest = Math.min(...lines.filter((line) => Number(line[5]) + Number(line[6]) >= 480).map((line) => share(line[0])));
      assert.ok(Math.abs(share(least[0]) - lowest) < 1e-3);
      for (let i = 1; i < least.length; i++) assert.ok(share(least[i - 1]) <= share(least[i]) + 1e-3);
      await screenshot(page, "fleet-overview", overview);

      // Every control of a report, charts included, has a name.
      const unnamed = await unnamedControls(page);
      assert.deepEqual(unnamed, []);

      // A store in a chart is a link to its week, in a dialog; closed,
      // the focus is back on the link.
      await page.click(`${overview} [data-testid=overview-least] svg a >> nth=0`);
      await drawn(page, least[0]);
      assert.ok(page.url().endsWith(`#store=${least[0]}`), page.url());
      assert.ok(await modal(page), "the week is a modal dialog");
      await escape(page);
      assert.deepEqual(await focused(page), { tag: "a", id: "", testid: undefined, store: least[0] });

      // Keyboard: Tab reaches the links, Enter opens the store, Close returns to the link.
      await page.focus(`${overview} [data-testid=overview-down] svg a >> nth=1`);
      await page.keyboard.press("Enter");
      await drawn(page, downBars[1][0]);
      await page.waitForFunction(() => document.activeElement?.id === "store-timeline-heading");
      await page.click("[data-testid=close-timeline]");
      await page.waitForFunction(() => !document.querySelector("dialog[data-testid=store-dialog][open]"));
      assert.equal((await focused(page)).store, downBars[1][0]);
      assert.equal((await focused(page)).tag, "a");
    });
  });

  test("each chart shows its stores in the table: a histogram bar, the stores down, the least available", async () => {
    await withPage(async (page) => {
      const id = await report(page);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      const overview = `${view} [data-testid=fleet-overview]`;
      const table = `[data-testid=report-table][data-report-id="${id}"]`;
      const bins = await page.$$eval(`${overview} svg.histogram g.bin`, (bins) =>
        bins.map((bin) => ({ bin: bin.dataset.bin, count: Number(bin.dataset.count), button: bin.getAttribute("role") === "button", name: bin.getAttribute("aria-label") })),
      );
      assert.ok(bins.filter((bin) => bin.count > 0).length >= 3, JSON.stringify(bins));
      // A filter by id is cleared by the chart: it would hide some of the stores.
      await page.fill(`${view} [data-testid=filter]`, "1");
      for (const { bin, count, button, name } of bins) {
        assert.equal(button, count > 0, `bin ${bin}: a button when it has stores`);
        if (count === 0) continue;
        assert.match(name, new RegExp(`^[\\d.–]+ %: ${count} stores?, show them in the table$`));
        await page.click(`${overview} svg.histogram g.bin[data-bin="${bin}"]`);
        await page.waitForFunction(([view, count]) => {
          const text = document.querySelector(`${view} [data-testid=row-count]`).textContent;
          return text.includes(`of ${count} matching`) || text.includes(`of ${count} stores`);
        }, [view, count.toLocaleString("en")]);
        // The table's count is the bar's, the condition says so and can be removed.
        assert.equal(await shownCount(page, view), count, `bin ${bin}`);
        assert.equal(await page.inputValue(`${view} [data-testid=filter]`), "");
        assert.match(await page.textContent(`${view} [data-testid=uptime-bin-condition]`), /^Week uptime [\d.–]+ % \(a bar of the overview's histogram\)/);
        assert.equal(await page.locator(`${table} tbody tr`).count(), Math.min(100, count));
        await page.waitForFunction(() => document.activeElement?.id === "report-table");
      }
      // By keyboard: Enter on a bar.
      const [first] = bins.filter((bin) => bin.count > 0);
      await page.focus(`${overview} svg.histogram g.bin[data-bin="${first.bin}"]`);
      await page.keyboard.press("Enter");
      await page.waitForFunction(([view, count]) => document.querySelector(`${view} [data-testid=row-count]`).textContent.includes(`of ${count} `), [view, first.count]);
      await page.waitForFunction(() => document.activeElement?.id === "report-table");
      await page.click(`${view} [data-testid=remove-uptime-bin]`);
      assert.equal(await shownCount(page, view), lines.length);
      assert.equal(await page.$(`${view} [data-testid=uptime-bin-condition]`), null);

      // Down in the last hour: every store with downtime in it, the longest first.
      const down = lines.filter((line) => Number(line[2]) > 0).map((line) => Number(line[2])).sort((a, b) => b - a);
      await page.click(`${overview} [data-testid=show-down]`);
      assert.match(await page.textContent(`${overview} [data-testid=show-down]`), new RegExp(`^Show these ${down.length} stores in the table$`));
      await page.waitForFunction(([view, count]) => document.querySelector(`${view} [data-testid=row-count]`).textContent.includes(`of ${count} matching`), [view, down.length]);
      const hourDown = (await tableRows(page, id)).map((row) => Number(row[2]));
      assert.deepEqual(hourDown, down.slice(0, 100));
      // The condition shows in the threshold's controls.
      assert.equal(await page.inputValue(`${view} [data-testid=threshold-column]`), "downtime_last_hour");
      assert.equal(await page.inputValue(`${view} [data-testid=threshold-direction]`), "above");
      assert.equal(await page.inputValue(`${view} [data-testid=threshold-value]`), "0");
      await page.waitForFunction(() => document.activeElement?.id === "report-table");

      // Least available: the whole table, lowest weekly uptime first, no condition.
      await page.check(`${view} [data-testid=stale-only]`);
      await page.click(`${overview} [data-testid=show-least]`);
      await page.waitForFunction(
        (table) => document.querySelector(`${table} th:has([data-testid=sort-uptime_percent_last_week])`)?.getAttribute("aria-sort") === "ascending",
        table,
      );
      assert.equal(await shownCount(page, view), lines.length);
      assert.equal(await page.isChecked(`${view} [data-testid=stale-only]`), false);
      assert.equal(await page.inputValue(`${view} [data-testid=threshold-value]`), "");
      const least = await page.$$eval(`${overview} [data-testid=overview-least] svg a`, (links) => links.map((link) => link.dataset.storeId));
      assert.deepEqual((await tableRows(page, id)).slice(0, least.length).map((row) => row[0]), least);
      await page.waitForFunction(() => document.activeElement?.id === "report-table");
      // The table's controls are at the top of the window.
      const top = await page.$eval(`${view} .table-controls`, (controls) => controls.getBoundingClientRect().top);
      assert.ok(Math.abs(top) < 2, `the controls are ${top} px from the top`);

      // Clear the conditions: all stores again.
      await page.click(`${overview} svg.histogram g.bin[data-bin="${first.bin}"]`);
      await page.click(`${view} [data-testid=clear-conditions]`);
      assert.equal(await shownCount(page, view), lines.length);
    });
  });

  test("stores with long ids (UUIDs): each id on its own line above its bar, whole and clear of it", async () => {
    // Six stores with UUID ids, each down a different share of a week
    // polled hourly, open 24x7.
    const ids = ["0f8fad5b-d9cb-469f-a165-70867728950e", "7c9e6679-7425-40de-944b-e07fc1f90ae7", "16fd2706-8baf-433b-82eb-8c7fada847da", "886313e1-3b8a-5372-9b90-0c9aee199e5d", "a8098c1a-f86e-11da-bd1a-00112444be1e", "6ba7b810-9dad-11d1-80b4-00c04fd430c8"];
    const polls = ["store_id,status,timestamp_utc"];
    ids.forEach((store, i) => {
      for (let hour = 0; hour < 7 * 24; hour++) {
        const when = new Date(Date.UTC(2023, 0, 18, 12) + hour * 3_600_000).toISOString().replace("T", " ").replace(".000Z", " UTC");
        polls.push(`${store},${hour % 12 < i + 1 ? "inactive" : "active"},${when}`);
      }
    });
    const status = join(fixture.scratch, "uuid-status.csv");
    await writeFile(status, polls.join("\n") + "\n");
    await withPage(async (page) => {
      await chooseFiles(page, [status]);
      await waitForSlots(page, 1);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      const chart = `[data-testid=report-view][data-report-id="${id}"] [data-testid=overview-least] svg`;
      await page.waitForSelector(`${chart} a`);
      const rows = await page.$$eval(`${chart} a`, (links) =>
        links.map((link) => {
          const id = link.querySelector(".bar-id");
          const idBox = id.getBoundingClientRect();
          const track = link.querySelector(".track").getBoundingClientRect();
          const figure = link.querySelector(".bar-figure").getBoundingClientRect();
          const svg = link.ownerSVGElement.getBoundingClientRect();
          return {
            store: link.dataset.storeId,
            drawn: id.textContent,
            name: link.querySelector("title").textContent,
            clear: idBox.bottom <= track.top + 0.5 && idBox.right <= svg.right + 0.5,
            figureClear: figure.left >= track.right - 0.5,
          };
        }),
      );
      assert.equal(rows.length, ids.length);
      // Lowest weekly uptime first: the store down 6 hours in 12.
      assert.equal(rows[0].store, ids[5]);
      for (const row of rows) {
        assert.equal(row.drawn, row.store, "the id is drawn whole");
        assert.ok(row.clear, `${row.store}: the id runs into its bar`);
        assert.ok(row.figureClear, `${row.store}: the figure runs into its bar`);
        // The link's name begins with the text drawn.
        assert.ok(row.name.startsWith(`${row.drawn} `), row.name);
      }
      await screenshot(page, "least-available-uuids", `[data-testid=report-view][data-report-id="${id}"] [data-testid=overview-least]`);
      // At a phone's width too, and the link opens the store.
      await page.setViewportSize({ width: 390, height: 844 });
      assert.ok(await page.evaluate(() => document.scrollingElement.scrollWidth <= 390));
      await page.click(`${chart} a >> nth=0`);
      await drawn(page, ids[5]);
      await escape(page);
      assert.equal((await focused(page)).store, ids[5]);
      await page.setViewportSize({ width: 1280, height: 900 });
    });
  });
});

describe("a store's timeline", () => {
  test("opens on a click on its row, names the store in the address, and adds up", async () => {
    await withPage(async (page) => {
      const first = await report(page);
      const table = `[data-testid=report-table][data-report-id="${first}"]`;
      await page.click(`${table} [data-testid=sort-downtime_last_week]`);
      const store = (await tableRows(page, first))[0][0];
      // Anywhere on the row: here, a figure's cell.
      const clicked = await page.evaluate(() => performance.now());
      await page.click(`${table} tbody tr:first-child td:nth-of-type(5)`);
      await drawn(page, store);
      const ms = await page.evaluate((clicked) => performance.now() - clicked, clicked);
      assert.ok(ms < 2000, `${ms} ms`);
      // The store beside the table's order, which the address keeps too.
      const address = new URLSearchParams(new URL(page.url()).hash.slice(1));
      assert.equal(address.get("store"), store, page.url());
      assert.equal(address.get("sort"), "-downtime_last_week");
      await page.waitForFunction(() => document.activeElement?.id === "store-timeline-heading");
      // Over the table, in a modal dialog that fits the window and scrolls inside itself.
      assert.ok(await modal(page), "the week is a modal dialog");
      const fits = (page) =>
        page.$eval("dialog[data-testid=store-dialog]", (dialog) => {
          const box = dialog.getBoundingClientRect();
          return {
            inside: box.left >= 0 && box.top >= 0 && box.right <= innerWidth && box.bottom <= innerHeight,
            scrolls: getComputedStyle(dialog).overflowY === "auto" && dialog.scrollHeight > dialog.clientHeight,
            pageWidth: document.scrollingElement.scrollWidth,
          };
        });
      const wide = await fits(page);
      assert.ok(wide.inside && wide.scrolls && wide.pageWidth <= 1280, JSON.stringify(wide));
      const scrolled = await page.evaluate(() => scrollY);

      // The last week and the last day, each with its days, bands, status and polls.
      const svgs = await page.$$eval(`${timeline(store)} svg.timeline`, (svgs) =>
        svgs.map((svg) => ({
          days: svg.querySelectorAll("rect[data-day]").length,
          bands: svg.querySelectorAll("[data-band]").length,
          up: svg.querySelectorAll("rect.up:not(.poll)").length,
          down: svg.querySelectorAll("rect.down:not(.poll)").length,
          polls: svg.querySelectorAll("rect.poll").length,
          pollTitle: svg.querySelector("rect.poll title")?.textContent,
          windows: [...svg.querySelectorAll("[data-window]")].map((line) => line.dataset.window),
          label: svg.getAttribute("aria-labelledby").split(" ").map((id) => document.getElementById(id)?.textContent).join(" "),
        })),
      );
      assert.equal(svgs.length, 2);
      const [week, day] = svgs;
      assert.ok(week.days >= 7 && week.days <= 8, `${week.days} days`);
      assert.ok(week.polls > 24, `${week.polls} polls`);
      assert.ok(week.down > 0, "the store with the most downtime is down at times");
      assert.match(week.pollTitle, /^Poll: (in)?active \w{3} \d+ \w{3} \d\d:\d\d:\d\d \S+, 2023-01-\d\d \d\d:\d\d:\d\d(\.\d+)? UTC$/);
      assert.deepEqual(week.windows, ["hour", "day"]);
      assert.deepEqual(day.windows, ["hour"]);
      assert.match(week.label, new RegExp(`Store ${store}, timezone [\\w/]+: open .* up .* down .*\\d+ polls`));

      // Business time in each window = uptime + downtime, the CSV's figures.
      const csv = lines.find(([id]) => id === store);
      const figures = await arithmetic(page, store);
      figures.forEach(([business, up, down], window) => {
        assert.deepEqual([up, down], [csv[1 + 2 * window], csv[2 + 2 * window]]);
        assert.ok(Math.abs(Number(business) - Number(up) - Number(down)) <= 0.011, `${business} = ${up} + ${down}`);
      });
      await screenshot(page, "store-timeline", timeline(store));

      // Escape closes it, forgets the store in the address, and the focus is
      // back on the row's button; the page has not moved.
      await escape(page);
      assert.deepEqual(await focused(page), { tag: "button", id: "", testid: "explain-store", store });
      assert.equal(await page.evaluate(() => scrollY), scrolled);

      // At a phone's width, the dialog fits and the page does not scroll sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.click(`${table} tbody tr:nth-child(2) [data-testid=explain-store]`);
      await drawn(page, (await tableRows(page, first))[1][0]);
      const narrow = await fits(page);
      assert.ok(narrow.inside && narrow.scrolls && narrow.pageWidth <= 390, JSON.stringify(narrow));
      await screenshot(page, "store-timeline-phone", "dialog[data-testid=store-dialog]");
      await escape(page);
      await page.setViewportSize({ width: 1280, height: 900 });

      // Keyboard: arrows move between rows, Enter opens the store.
      await page.focus(`${table} tbody tr:first-child [data-testid=explain-store]`);
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowDown");
      const third = (await tableRows(page, first))[2][0];
      assert.equal(await page.evaluate(() => document.activeElement.textContent), third);
      await page.keyboard.press("Enter");
      await drawn(page, third);

      // Close forgets the store, in the address too; the focus is back on the row.
      await page.click("[data-testid=close-timeline]");
      assert.equal(await page.$("[data-testid=store-timeline]"), null);
      assert.ok(!page.url().includes("store="), page.url());
      assert.equal(new URLSearchParams(new URL(page.url()).hash.slice(1)).get("sort"), "-downtime_last_week");
      assert.equal((await focused(page)).store, third);

      // An older report's data is read again to explain its stores.
      const second = await generate(page);
      await waitForReport(page, second);
      await page.click(`[data-testid=show-report][data-report-id="${first}"]`);
      await page.fill(`[data-testid=report-view][data-report-id="${first}"] [data-testid=filter]`, store);
      await page.click(`${table} tr[data-store-id="${store}"] [data-testid=explain-store]`);
      await drawn(page, store);
      assert.deepEqual(await arithmetic(page, store), figures);
    });
  });

  test("an address naming a store shows its week once the report is there; Back returns", async () => {
    const [a, b] = [lines[3][0], lines[9][0]];
    await withPage(async (page) => {
      await report(page);
      await drawn(page, a);
      assert.deepEqual((await arithmetic(page, a)).map((row) => row.slice(1)), [
        [lines[3][1], lines[3][2]],
        [lines[3][3], lines[3][4]],
        [lines[3][5], lines[3][6]],
      ]);
      await page.evaluate((b) => {
        location.hash = `#store=${b}`;
      }, b);
      await drawn(page, b);
      await page.goBack();
      await drawn(page, a);
      // An id that is not in the report says so.
      await page.evaluate(() => {
        location.hash = "#store=no%20such%20store";
      });
      await page.waitForSelector(`${timeline("no such store")}[data-state=unavailable]`);
      assert.match(await page.textContent(timeline("no such store")), /No such store in this report/);
      // Opened from the address, nothing on the page opened it: closed,
      // the focus goes to the table.
      await escape(page);
      await page.waitForFunction(() => document.activeElement?.id === "report-table");
      // Back past the store opened from a row closes its dialog, and the
      // focus is back on the row.
      const row = await page.getAttribute("[data-testid=report-table] tbody tr:nth-child(2)", "data-store-id");
      await page.click("[data-testid=report-table] tbody tr:nth-child(2) [data-testid=explain-store]");
      await drawn(page, row);
      await page.goBack();
      await page.waitForFunction(() => !document.querySelector("dialog[data-testid=store-dialog][open]") && !location.hash.includes("store="));
      assert.equal(await page.$("[data-testid=store-timeline]"), null);
      await page.waitForFunction((row) => document.activeElement?.closest("tr")?.dataset.storeId === row, row);
    }, `${fixture.server.url}#store=${a}`);
  });

  test("a week in which the clocks change has a 23-hour day, drawn narrower", async () => {
    // One Chicago store open every day 09:00–17:00, polled hourly for the
    // week to 2023-03-15 12:00 UTC; clocks went forward on Sunday 12 March.
    // Down at 10:00 and 11:00 local on that Sunday (15:00 and 16:00 UTC).
    const polls = ["store_id,status,timestamp_utc"];
    for (let t = Date.UTC(2023, 2, 8, 12); t <= Date.UTC(2023, 2, 15, 12); t += 3_600_000) {
      const when = new Date(t).toISOString().replace("T", " ").replace(".000Z", " UTC");
      const down = t === Date.UTC(2023, 2, 12, 15) || t === Date.UTC(2023, 2, 12, 16);
      polls.push(`dst-1,${down ? "inactive" : "active"},${when}`);
    }
    const status = join(fixture.scratch, "dst-status.csv");
    const hours = join(fixture.scratch, "dst-hours.csv");
    const zones = join(fixture.scratch, "dst-timezones.csv");
    await writeFile(status, polls.join("\n") + "\n");
    await writeFile(hours, ["store_id,day,start_time_local,end_time_local", ...[0, 1, 2, 3, 4, 5, 6].map((d) => `dst-1,${d},09:00,17:00`)].join("\n") + "\n");
    await writeFile(zones, "store_id,timezone_str\ndst-1,America/Chicago\n");
    await withPage(async (page) => {
      await chooseFiles(page, [status, hours, zones]);
      await waitForSlots(page, 3);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      await page.click(`[data-testid=report-table][data-report-id="${id}"] tbody tr:first-child`);
      await drawn(page, "dst-1");
      const week = await page.$eval(`${timeline("dst-1")} svg.timeline`, (svg) => ({
        bands: svg.querySelectorAll("[data-band]").length,
        days: [...svg.querySelectorAll("rect[data-day]")].map((day) => [day.dataset.day, Number(day.dataset.hours), Number(day.getAttribute("width"))]),
        labels: [...svg.querySelectorAll(".day-label")].map((label) => label.textContent),
      }));
      // The engine's spring-forward test: seven bands, local days Wed 8th to Wed 15th.
      assert.equal(week.bands, 7);
      assert.deepEqual(week.days.map(([date]) => date), ["2023-03-08", "2023-03-09", "2023-03-10", "2023-03-11", "2023-03-12", "2023-03-13", "2023-03-14", "2023-03-15"]);
      assert.deepEqual(week.days.map(([, hours]) => hours), [24, 24, 24, 24, 23, 24, 24, 24]);
      const [, , saturday] = week.days[3];
      const [, , sunday] = week.days[4];
      assert.ok(Math.abs(sunday / saturday - 23 / 24) < 0.002, `${sunday} / ${saturday}`);
      assert.ok(week.labels.includes("Sun 12 Mar · 23 h"), week.labels.join(" | "));
      assert.match(await page.textContent(timeline("dst-1")), /Sun 12 Mar has 23 hours/);
      // 7 days of 8 hours, less the two down hours on the Sunday: as the command says.
      const csv = parseCsv(await cli(["--status", status, "--hours", hours, "--timezones", zones])).slice(1);
      assert.deepEqual(csv[0].slice(5), ["3240", "120"]);
      const figures = await arithmetic(page, "dst-1");
      assert.deepEqual(figures[2], ["3360", "3240", "120"]);
      await screenshot(page, "store-timeline-dst", timeline("dst-1"));
    });
  });
});

describe("how it is computed", () => {
  test("the worked example's figures are the command's for the same files", async () => {
    await withPage(async (page) => {
      await page.click("[data-testid=how-computed] summary");
      await page.waitForSelector("[data-testid=how-computed] svg.timeline");
      const text = await page.textContent("[data-testid=how-computed]");
      assert.match(text, /uptime \+ downtime = its business time/);
      assert.match(text, /Before its first poll, a store has the status of that first poll/);
      const pieces = await page.$$eval("[data-testid=example-pieces] li", (items) => items.map((item) => item.textContent));
      assert.deepEqual(pieces, [
        "Tue 24 Jan 12:00–15:30: up (active), 3 h 30 min",
        "Tue 24 Jan 15:30–17:00: down (inactive), 1 h 30 min",
        "Wed 25 Jan 09:00–10:20: down (inactive), 1 h 20 min",
        "Wed 25 Jan 10:20–12:00: up (active), 1 h 40 min",
      ]);
      assert.match(await page.textContent("[data-testid=example-sum]"), /^Uptime = 210 \+ 100 = 310 minutes; downtime = 90 \+ 80 = 170 minutes; together 480 minutes/);

      // The files shown, given to the command, give the figures shown.
      const files = await page.$$eval("[data-testid=how-computed] .example-file", (figures) =>
        figures.map((figure) => [figure.querySelector("figcaption").textContent, figure.querySelector("pre").textContent]),
      );
      const paths = [];
      for (const [name, content] of files) {
        const path = join(fixture.scratch, `example-${name}`);
        await writeFile(path, content);
        paths.push(path);
      }
      const [row] = parseCsv(await cli(paths)).slice(1);
      const shown = await page.$$eval("[data-testid=how-computed] [data-testid=store-arithmetic] tbody tr", (rows) =>
        rows.map((row) => ["business", "uptime", "downtime"].map((f) => row.querySelector(`[data-figure=${f}]`).textContent.replaceAll(",", ""))),
      );
      assert.deepEqual(shown, [
        ["60", row[1], row[2]],
        ["480", row[3], row[4]],
        ["960", row[5], row[6]],
      ]);
      assert.deepEqual(row.slice(1), ["60", "0", "310", "170", "790", "170"]);
      await screenshot(page, "how-computed", "[data-testid=how-computed]");
    });
  });
});

describe("themes and printing", () => {
  test("the theme switch is kept in the browser, and printing shows the report without controls", async () => {
    await withPage(async (page) => {
      const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const light = await background();
      await page.selectOption("[data-testid=theme]", "dark");
      assert.equal(await page.getAttribute("html", "data-theme"), "dark");
      const dark = await background();
      assert.notEqual(dark, light);
      await page.reload();
      await page.waitForFunction(() => document.documentElement.dataset.theme === "dark");
      assert.equal(await page.inputValue("[data-testid=theme]"), "dark");
      assert.equal(await background(), dark);
      // Light wins over a dark system setting, and "as the system" follows it.
      await page.emulateMedia({ colorScheme: "dark" });
      await page.selectOption("[data-testid=theme]", "light");
      assert.equal(await background(), light);
      await page.selectOption("[data-testid=theme]", "system");
      assert.equal(await page.getAttribute("html", "data-theme"), null);
      assert.equal(await background(), dark);
      await page.selectOption("[data-testid=theme]", "dark");

      const id = await report(page);
      await page.emulateMedia({ media: "print" });
      for (const hidden of ["[data-testid=drop-zone]", "[data-testid=generate]", "[data-testid=filter]", "[data-testid=page-next]", "[data-testid=download-csv]", "[data-testid=show-least]", "[data-testid=theme]"]) {
        assert.equal(await page.isVisible(hidden), false, `${hidden} is printed`);
      }
      for (const shown of ["[data-testid=report-table]", "[data-testid=fleet-overview] svg.histogram", "[data-testid=report-summary]"]) {
        assert.equal(await page.isVisible(shown), true, `${shown} is not printed`);
      }
      // Printed in the light theme, whatever the screen's.
      assert.equal(await background(), "rgb(255, 255, 255)");
      await screenshot(page, "print", `[data-testid=report-view][data-report-id="${id}"]`);
      // With a store's week open, the week is printed, not what it covers.
      await page.emulateMedia({ media: "screen" });
      await page.click(`[data-testid=report-table][data-report-id="${id}"] tbody tr:first-child`);
      await page.waitForSelector("[data-testid=store-timeline][data-state=drawn] svg.timeline");
      await page.emulateMedia({ media: "print" });
      assert.equal(await page.isVisible("[data-testid=store-timeline] svg.timeline"), true, "the week is not printed");
      for (const hidden of ["[data-testid=close-timeline]", "[data-testid=report-table]", "[data-testid=fleet-overview]"]) {
        assert.equal(await page.isVisible(hidden), false, `${hidden} is printed with the week`);
      }
      const top = await page.$eval("dialog[data-testid=store-dialog]", (dialog) => dialog.getBoundingClientRect().top + scrollY);
      assert.ok(Math.abs(top) < 1, `the week is printed ${top} px from the top`);
      await page.emulateMedia({ media: "screen", colorScheme: "light" });
      await page.keyboard.press("Escape");
      await page.selectOption("[data-testid=theme]", "system");
    });
  });
});
