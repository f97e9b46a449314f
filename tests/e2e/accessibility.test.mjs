// End-to-end specs of the page for keyboard and screen reader users: axe-core
// finds no violation on the screens a user goes through (empty, files given,
// a complete report with a store's timeline open in its dialog, checked on
// its own too, and the fleet's outage list), in light and dark, at
// laptop and phone width, where nothing scrolls the page sideways; and the focus lands somewhere useful after each
// step (skip link, sample data, Generate).
import assert from "node:assert/strict";
import { describe, test } from "node:test";

import {
  HOURS,
  STATUS,
  ZONES,
  noViolations,
  chooseFiles,
  generate,
  sampleReport,
  suiteFixture,
  waitForReport,
  waitForSlots,
  withAppPage,
} from "./helpers.mjs";

const fixture = suiteFixture("accessibility");

const withPage = (body) => withAppPage(fixture.chromium.context, fixture.server.url, body);

describe("axe-core", () => {
  test("no violation on the empty page, with files given, and on a complete report with a timeline open", async () => {
    await withPage(async (page) => {
      await noViolations(page, "the empty page");
      await chooseFiles(page, [STATUS, HOURS, ZONES]);
      await waitForSlots(page, 3);
      await noViolations(page, "three files given");
      const id = await generate(page);
      assert.match(await waitForReport(page, id), /Complete/);
      await page.click(`[data-testid=report-table][data-report-id="${id}"] tbody tr:nth-child(4)`);
      await page.waitForSelector("[data-testid=store-timeline][data-state=drawn] svg.timeline");
      const dialog = "dialog[data-testid=store-dialog][open]";
      assert.ok(await page.$eval(dialog, (dialog) => dialog.matches(":modal")));
      await noViolations(page, "a report with a store's timeline open", dialog);
      await page.keyboard.press("Escape");
      await page.waitForSelector(dialog, { state: "detached" });
      await page.click("[data-testid=fleet-overview] svg.histogram g.bin[role=button] >> nth=0");
      await page.waitForSelector("[data-testid=uptime-bin-condition]");
      await noViolations(page, "a report's table filtered by a histogram bar");
      // The fleet's outage list, open on its second page.
      const view = `[data-testid=report-view][data-report-id="${id}"]`;
      await page.click(`${view} [data-testid=fleet-outages] summary`);
      await page.click(`${view} [data-testid=outage-next]`);
      await page.waitForFunction((view) => {
        const list = document.querySelector(`${view} [data-testid=outage-list]`);
        return list?.dataset.state === "listed" && list.dataset.offset === "200";
      }, view);
      await noViolations(page, "a report's outage list, on its second page");
    });
  });
});

describe("the focus", () => {
  const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset.testid || document.activeElement?.tagName);

  test("the first Tab reaches a skip link to the report; Generate moves the focus to the new report's card, then to its heading", async () => {
    await withPage(async (page) => {
      await page.keyboard.press("Tab");
      assert.equal(await focused(page), "skip-to-report");
      assert.equal(await page.getAttribute("[data-testid=skip-to-report]", "href"), "#report-heading");
      await chooseFiles(page, [STATUS, HOURS]);
      await waitForSlots(page, 2);
      const id = await generate(page);
      // The report's card (its progress and Cancel) while it runs; a short
      // report may already be complete, with the focus on its heading.
      await page.waitForFunction(
        (id) => [`report-card-${id}`, `report-${id}-heading`].includes(document.activeElement?.id),
        id,
      );
      assert.match(await waitForReport(page, id), /Complete/);
      await page.waitForFunction((id) => document.activeElement?.id === `report-${id}-heading`, id);
      // With a report on screen, the skip link leads to it.
      assert.equal(await page.getAttribute("[data-testid=skip-to-report]", "href"), "#shown-report");
      await page.focus("[data-testid=skip-to-report]");
      await page.keyboard.press("Enter");
      await page.waitForFunction(() => document.activeElement?.id === "shown-report");
    });
  });

  test("the sample data runs its report, and the focus is then on the report's heading", async () => {
    await withPage(async (page) => {
      const id = await sampleReport(page);
      await waitForSlots(page, 3);
      assert.match(await waitForReport(page, id), /Complete/);
      await page.waitForFunction((id) => document.activeElement?.id === `report-${id}-heading`, id);
    });
  });
});
