// End-to-end specs of targets, groups and the period before: a groups file
// (with its own targets, some that do not read) goes to its slot and names
// its dimensions; the target setting is checked as it is typed; the
// scorecard and roll-up downloads are byte for byte the command's
// `--scorecard` and `--rollup`, over a week (no polls before it: said in
// words, no arrows) and over one day (changes against the day before);
// the table's columns and filters and the overview's roll-up agree with
// the CSVs; a reload brings it all back; axe-core finds nothing on the new
// views, light and dark, at 1280 and 390 px.
import assert from "node:assert/strict";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, test } from "node:test";

import {
  HOURS,
  STATUS,
  ZONES,
  appReady,
  axeViolations,
  chooseFiles,
  cli,
  download,
  generate,
  parseQuotedCsv,
  screenshot,
  storageSettled,
  suiteFixture,
  unfoldInputs,
  waitForReport,
  waitForSlots,
  withAppPage,
} from "./helpers.mjs";

const fixture = suiteFixture("scorecard");
const withPage = (body) => withAppPage(fixture.chromium.context, fixture.server.url, body);

const TARGET = "99";

/**
 * A groups file for the status file's stores: a region (one with a comma
 * and letters beyond ASCII, so quoted), a brand (empty for some: "(none)"),
 * and a target for some (two that do not read, rejected rows whose groups
 * still count); a tenth of the stores have no row, one row names a store
 * without polls, one has no store id.
 */
async function groupsFile() {
  const lines = (await readFile(STATUS, "utf8")).trimEnd().split("\n").slice(1);
  const ids = [...new Set(lines.map((line) => line.split(",")[0]))];
  const rows = ["store_id,Region,brand,target"];
  ids.forEach((id, i) => {
    if (i % 10 === 9) return;
    const region = ["North", "South", '"Île-de-France, Paris"'][i % 3];
    const brand = i % 7 === 0 ? "" : ["Alpha", "Beta"][i % 2];
    const target = i === 4 ? "100" : i === 8 ? "high" : i % 5 === 0 ? "98.5" : i % 6 === 0 ? "99.95" : "";
    rows.push([id, region, brand, target].join(","));
  });
  rows.push("no-such-store,North,Alpha,97", ",South,Beta,99");
  const path = join(fixture.scratch, "groups.csv");
  await writeFile(path, rows.join("\n") + "\n");
  return path;
}

/** The command's scorecard and roll-up of the three files and `groups` over `days` days. */
async function expected(groups, days) {
  const scorecard = join(fixture.scratch, `scorecard-${days}.csv`);
  const rollup = join(fixture.scratch, `rollup-${days}.csv`);
  await cli([
    "--status", STATUS, "--hours", HOURS, "--timezones", ZONES, "--groups", groups,
    "--target", TARGET, "--days", String(days), "--scorecard", scorecard, "--rollup", rollup,
  ]);
  return { scorecard: await readFile(scorecard), rollup: await readFile(rollup) };
}

/** The CSV's records as objects by header name. */
function records(bytes) {
  const [header, ...rows] = parseQuotedCsv(bytes.toString("utf8"));
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

async function downloads(page, id) {
  const view = `[data-testid=report-view][data-report-id="${id}"]`;
  return {
    scorecard: (await download(page, `${view} [data-testid=download-scorecard]`)).bytes,
    rollup: (await download(page, `${view} [data-testid=download-rollup]`)).bytes,
  };
}

async function setHorizon(page, days) {
  await unfoldInputs(page);
  await page.fill("[data-testid=setting-horizon]", String(days));
  await page.press("[data-testid=setting-horizon]", "Tab");
}

/**
 * Checks the roll-up chart of `dimension` against the roll-up CSV: a bar
 * per group with business time whose figure is the CSV's `uptime_percent`
 * and whose length is its place on the drawn axis, and the target line at
 * the target's place.
 */
async function checkRollupChart(page, view, rollup, dimension, target) {
  await page.waitForFunction(
    ({ view, dimension }) => document.querySelector(`${view} [data-testid=rollup-chart] title`)?.textContent.includes(` ${dimension} `),
    { view, dimension },
  );
  const chart = await page.$eval(`${view} [data-testid=rollup-chart]`, (svg) => ({
    floor: Number(svg.dataset.floor),
    plotX: Number(svg.dataset.plotX),
    plotWidth: Number(svg.dataset.plotWidth),
    bars: [...svg.querySelectorAll("[data-testid=rollup-bar]")].map((bar) => ({
      group: bar.dataset.group,
      uptime: Number(bar.dataset.uptime),
      x: Number(bar.getAttribute("x")),
      width: Number(bar.getAttribute("width")),
    })),
    line: [...svg.querySelectorAll("[data-testid=rollup-target-line]")].map((line) => ({
      target: line.dataset.target,
      x: Number(line.getAttribute("x1")),
    })),
  }));
  const place = (percent) => chart.plotX + ((percent - chart.floor) / (100 - chart.floor)) * chart.plotWidth;
  const groups = records(rollup).filter((row) => row.dimension === dimension && row.uptime_percent !== "");
  assert.ok(groups.length > 0);
  assert.deepEqual(chart.bars.map((bar) => bar.group).sort(), groups.map((row) => row.group).sort());
  for (const row of groups) {
    const bar = chart.bars.find((bar) => bar.group === row.group);
    // The CSV writes the percent to 3 decimals.
    assert.ok(Math.abs(bar.uptime - Number(row.uptime_percent)) <= 0.0005, `${row.group}: ${bar.uptime} against ${row.uptime_percent}`);
    assert.ok(Math.abs(bar.x + bar.width - place(bar.uptime)) < 1e-6, `${row.group}'s bar ends off its place`);
  }
  assert.equal(chart.line.length, 1);
  assert.equal(Number(chart.line[0].target), Number(target));
  assert.ok(Math.abs(chart.line[0].x - place(Number(target))) < 1e-6, "the target line is off the target");
}

/** The row count line under the table's controls, once it reads `pattern`. */
async function rowCount(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.querySelector("[data-testid=row-count]")?.textContent ?? ""), pattern.source);
  return page.textContent("[data-testid=row-count]");
}

describe("targets, groups and the period before", () => {
  test("downloads are the command's; the table, filters and roll-up agree with them; a reload brings them back", async () => {
    const groups = await groupsFile();
    const week = await expected(groups, 7);
    const day = await expected(groups, 1);
    await withPage(async (page) => {
      // The target is checked with the engine's reading, as it is typed.
      await page.fill("[data-testid=setting-target]", "100");
      await page.waitForFunction(() => /cannot be read/.test(document.querySelector("#setting-target-help").textContent));
      assert.equal(await page.getAttribute("[data-testid=setting-target]", "aria-invalid"), "true");
      await page.fill("[data-testid=setting-target]", TARGET);
      await page.waitForFunction(() => !/cannot be read/.test(document.querySelector("#setting-target-help").textContent));
      // The target is in the view's address, as the table's filters are.
      await page.waitForFunction((target) => new URLSearchParams(location.hash.slice(1)).get("target") === target, TARGET);

      await chooseFiles(page, [STATUS, HOURS, ZONES, groups]);
      await waitForSlots(page, 4);
      assert.match(
        await page.textContent("[data-testid=slot-groups] [data-testid=file-dimensions]"),
        /^Dimensions: Region, brand; a target column gives stores their own target\.$/,
      );
      // What the groups file covers, counted from the file itself: the row without a store id is rejected.
      const groupRows = records(await readFile(groups)).filter((row) => row.store_id !== "");
      const withBrand = groupRows.filter((row) => row.brand !== "").length;
      assert.equal(
        await page.textContent("[data-testid=slot-groups] [data-testid=groups-summary]"),
        `Rows for ${groupRows.length} stores. Region: 3 groups, ${groupRows.length} stores with a value; ` +
          `brand: 2 groups, ${withBrand} stores with a value (the others in (none)).`,
      );

      // Over the week: no store has a poll in the week before.
      const first = await generate(page);
      assert.match(await waitForReport(page, first), /Complete/);
      const got = await downloads(page, first);
      assert.ok(got.scorecard.equals(week.scorecard), "the week's scorecard differs from the command's");
      assert.ok(got.rollup.equals(week.rollup), "the week's roll-up differs from the command's");
      const weekCard = records(week.scorecard);
      const none = weekCard.filter((store) => store.previous_polls === "0").length;
      assert.ok(none > 0);
      const view = `[data-testid=report-view][data-report-id="${first}"]`;
      assert.equal(await page.getAttribute(`${view} [data-testid=without-previous]`, "data-stores"), String(none));
      assert.match(await page.textContent(`${view} [data-testid=without-previous]`), new RegExp(`^No polls in the 7 days before: nothing to compare for ${none.toLocaleString("en-US")} stores\\.`));
      // The bad targets are rejected rows of the groups file, like any other.
      await page.click(`${view} [data-testid=show-rejected]`);
      const rejected = (await download(page, `${view} [data-testid=download-rejected]`)).bytes.toString("utf8");
      assert.equal(rejected.split("\n").filter((line) => line.startsWith("groups.csv,")).length, 3, rejected);

      // Over one day: changes against the day before.
      await setHorizon(page, 1);
      const second = await generate(page);
      assert.match(await waitForReport(page, second), /Complete/);
      const gotDay = await downloads(page, second);
      assert.ok(gotDay.scorecard.equals(day.scorecard), "the day's scorecard differs from the command's");
      assert.ok(gotDay.rollup.equals(day.rollup), "the day's roll-up differs from the command's");
      const dayCard = records(day.scorecard);
      const dayView = `[data-testid=report-view][data-report-id="${second}"]`;
      const fleet = records(day.rollup)[0];
      assert.equal(fleet.dimension, "fleet");
      assert.equal(await page.getAttribute(`${dayView} [data-testid=stores-meeting]`, "data-missing"), fleet.stores_missing_target);
      await screenshot(page, "scorecard-overview", `${dayView} [data-testid=overview-target]`);
      // The stores whose downtime changed most, with business time in both days.
      const compared = dayCard.filter((store) => store.change_uptime_percent !== "" && Number(store.change_downtime) !== 0);
      const byChange = (sign) =>
        compared
          .filter((store) => Math.sign(Number(store.change_downtime)) === sign)
          .map((store, place) => ({ id: store.store_id, change: Number(store.change_downtime), place }))
          .sort((a, b) => sign * (b.change - a.change) || a.place - b.place)
          .slice(0, 5)
          .map((store) => store.id);
      const listed = (id) => page.$$eval(`${dayView} [data-testid=${id}] a.store-bar`, (links) => links.map((link) => link.dataset.storeId));
      assert.deepEqual(await listed("most-improved"), byChange(-1));
      assert.deepEqual(await listed("most-declined"), byChange(1));
      assert.ok(byChange(-1).length > 0 && byChange(1).length > 0);
      // How many of the report's stores the groups file has no row for.
      const withoutRow = dayCard.filter((store) => !groupRows.some((row) => row.store_id === store.store_id)).length;
      assert.ok(withoutRow > 0);
      assert.equal(
        await page.textContent(`${dayView} [data-testid=without-row]`),
        `The groups file has no row for ${withoutRow} of the report's ${dayCard.length} stores.`,
      );
      // How many stores each dimension puts in a group, from the scorecard's own column.
      const coverage = await page.$$eval(`${dayView} [data-testid=group-coverage]`, (lines) => lines.map((line) => line.textContent));
      assert.deepEqual(
        coverage,
        ["Region", "brand"].map((name) => {
          const none = dayCard.filter((store) => store[name] === "(none)").length;
          const rest = none > 0 ? `; ${none} in (none) (no row in the groups file, or an empty value)` : "";
          return `${name}: ${dayCard.length - none} of ${dayCard.length} stores in a group${rest}.`;
        }),
      );
      // Every store on one page, to read its cells against the CSV.
      await page.selectOption(`${dayView} [data-testid=page-size]`, "1000");
      await page.selectOption(`${dayView} [data-testid=columns]`, "targets");
      await rowCount(page, new RegExp(`^Showing 1–${dayCard.length} of ${dayCard.length} stores$`));
      const cells = await page.$$eval(`${dayView} [data-testid=report-table] tbody tr.store-row`, (rows) =>
        rows.map((row) => ({
          id: row.dataset.storeId,
          meets: row.querySelector("td.meets").dataset.meets ?? "",
          change: row.querySelector("td.change").dataset.change ?? "",
          groups: [...row.querySelectorAll("td.group")].map((cell) => cell.textContent.trim()),
        })),
      );
      assert.equal(cells.length, dayCard.length);
      const byId = new Map(dayCard.map((store) => [store.store_id, store]));
      let arrows = 0;
      for (const cell of cells) {
        const store = byId.get(cell.id);
        assert.equal(cell.meets, store.meets_target, cell.id);
        // No arrow where there is nothing to compare with.
        assert.equal(cell.change === "", store.change_uptime_percent === "", cell.id);
        if (cell.change) {
          arrows++;
          const points = Number(store.change_uptime_percent);
          assert.equal(cell.change, points > 0 ? "better" : points < 0 ? "worse" : "same", cell.id);
        }
        assert.deepEqual(cell.groups, [store.Region, store.brand], cell.id);
      }
      assert.ok(arrows > 0, "no store has a change against the day before");

      // "Misses its target" shows the stores the engine says miss it.
      const missing = dayCard.filter((store) => store.meets_target === "false").length;
      await page.check(`${dayView} [data-testid=misses-target-only]`);
      await rowCount(page, new RegExp(`^Showing 1–${missing} of ${missing} matching stores`));
      assert.match(page.url(), /only=misses-target/);
      await page.uncheck(`${dayView} [data-testid=misses-target-only]`);

      // "Worse than the period before by more than 0.5 points": the change below -0.5, strictly, in the address.
      const worse = dayCard.filter((store) => store.change_uptime_percent !== "" && Number(store.change_uptime_percent) < -0.5).length;
      assert.ok(worse > 0);
      await page.fill(`${dayView} [data-testid=worse-than]`, "0.5");
      await rowCount(page, new RegExp(`^Showing 1–${worse} of ${worse} matching stores`));
      assert.match(page.url(), /where=change_uptime_percent%3Abelow%3A-0\.5/);
      assert.equal(await page.inputValue(`${dayView} [data-testid=threshold-value]`), "-0.5");
      await page.click(`${dayView} [data-testid=clear-conditions]`);
      assert.equal(await page.inputValue(`${dayView} [data-testid=worse-than]`), "");

      // The roll-up's chart: each group's bar is its pooled uptime, the line the target; it follows the dimension.
      await checkRollupChart(page, dayView, day.rollup, "Region", TARGET);
      // A group of the roll-up, by brand, shows its stores in the table.
      await page.selectOption(`${dayView} [data-testid=rollup-dimension]`, "1");
      await checkRollupChart(page, dayView, day.rollup, "brand", TARGET);
      const alpha = records(day.rollup).find((row) => row.dimension === "brand" && row.group === "Alpha");
      await page.click(`${dayView} [data-testid=rollup-row][data-group="Alpha"] [data-testid=rollup-group]`);
      await rowCount(page, new RegExp(`^Showing 1–${alpha.stores} of ${alpha.stores} matching stores`));
      assert.equal(await page.textContent(`${dayView} [data-testid=group-condition] span`), "brand is Alpha");
      assert.match(page.url(), /group=1\.0/);
      // Sorting the roll-up by uptime puts the lowest pooled uptime first.
      await page.click(`${dayView} [data-testid=rollup-sort-uptime]`);
      await page.click(`${dayView} [data-testid=rollup-sort-uptime]`);
      const brands = records(day.rollup).filter((row) => row.dimension === "brand" && row.uptime_percent !== "");
      brands.sort((a, b) => Number(a.uptime_percent) - Number(b.uptime_percent));
      const shown = await page.$$eval(`${dayView} [data-testid=rollup-row]`, (rows) => rows.map((row) => row.dataset.group));
      assert.equal(shown[0], brands[0].group);

      // A reload brings back the files, the setting and both reports' downloads.
      await storageSettled(page);
      await page.reload();
      await appReady(page);
      assert.equal(await page.inputValue("[data-testid=setting-target]"), TARGET);
      assert.deepEqual(
        await page.$$eval("[data-testid=slot-groups] [data-testid=file-card]", (cards) => cards.map((card) => card.dataset.fileName)),
        ["groups.csv"],
      );
      await page.waitForSelector(`[data-testid=report-view][data-report-id="${second}"] [data-testid=download-scorecard]`);
      const kept = await downloads(page, second);
      assert.ok(kept.scorecard.equals(day.scorecard) && kept.rollup.equals(day.rollup), "the kept downloads differ");
      assert.equal(await page.textContent(`${dayView} [data-testid=group-condition] span`), "brand is Alpha");
    });
  });

  test("a shared link carries the target, and opening it sets it", async () => {
    let link;
    await withPage(async (page) => {
      await page.fill("[data-testid=setting-target]", "98.25");
      await page.waitForFunction(() => new URLSearchParams(location.hash.slice(1)).get("target") === "98.25");
      link = page.url();
      // While what is typed does not read, the address keeps no target.
      await page.fill("[data-testid=setting-target]", "98.");
      await page.waitForFunction(() => !new URLSearchParams(location.hash.slice(1)).has("target"));
    });
    // A new tab starts with nothing kept: the target comes from the link alone.
    await withAppPage(fixture.chromium.context, link, async (page) => {
      assert.equal(await page.inputValue("[data-testid=setting-target]"), "98.25");
      assert.equal(new URL(page.url()).hash, "#target=98.25");
    });
    await withAppPage(fixture.chromium.context, `${fixture.server.url}#q=1&target=not-a-target`, async (page) => {
      assert.equal(await page.inputValue("[data-testid=setting-target]"), "");
      const kept = new URLSearchParams(new URL(page.url()).hash.slice(1));
      assert.ok(!kept.has("target") && kept.get("q") === "1", page.url());
    });
  });

  test("axe-core finds nothing on the overview's target, the roll-up and the table's target columns", async () => {
    const groups = await groupsFile();
    await withPage(async (page) => {
      await page.fill("[data-testid=setting-target]", TARGET);
      await setHorizon(page, 1);
      await chooseFiles(page, [STATUS, HOURS, ZONES, groups]);
      await waitForSlots(page, 4);
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      await page.selectOption(`${view} [data-testid=columns]`, "targets");
      await page.click(`${view} [data-testid=rollup-row] [data-testid=rollup-group] >> nth=0`);
      await page.waitForSelector(`${view} [data-testid=group-condition]`);
      try {
        for (const colorScheme of ["light", "dark"]) {
          await page.emulateMedia({ colorScheme });
          for (const width of [1280, 390]) {
            await page.setViewportSize({ width, height: 900 });
            for (const part of ["[data-testid=slot-groups]", `${view} [data-testid=overview-target]`, `${view} [data-testid=report-table]`, `${view} [data-testid=table-conditions]`]) {
              const found = await axeViolations(page, part);
              assert.deepEqual(found, [], `${part}, ${colorScheme}, ${width} px wide:\n${found.join("\n")}`);
            }
            const pageWidth = await page.evaluate(() => document.scrollingElement.scrollWidth);
            const wide = await page.evaluate((width) => [...document.querySelectorAll("body *")].filter((e) => e.getBoundingClientRect().right > width + 1 && !e.closest(".table-scroll")).slice(0, 5).map((e) => e.outerHTML.slice(0, 200)), width);
            assert.ok(pageWidth <= width, `${colorScheme}, ${width} px wide: the page is ${pageWidth} px wide:\n${wide.join("\n")}`);
          }
        }
      } finally {
        await page.emulateMedia({ colorScheme: "light" });
        await page.setViewportSize({ width: 1280, height: 900 });
      }
    });
  });
});
