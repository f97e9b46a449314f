// End-to-end specs of files as users receive them: the test data set zipped
// (stored and deflated, with a folder, macOS metadata and a README inside),
// gzipped (one member and several), as UTF-16 with tabs and with
// semicolons, each giving the report the plain files give; and the hostile
// archives of tests/support/pack.py, each refused with its reason while the
// other files are used. The packings are written by Python's zipfile, gzip
// and codecs, independently of the readers.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, test } from "node:test";

import {
  DATA,
  HOURS,
  ROOT,
  STATUS,
  ZONES,
  axeViolations,
  chooseFiles,
  cli,
  download,
  generate,
  suiteFixture,
  waitForReport,
  waitForSlots,
  withAppPage,
} from "./helpers.mjs";

const run = promisify(execFile);
const fixture = suiteFixture("packed");
const withPage = (body) => withAppPage(fixture.chromium.context, fixture.server.url, body);

const PACK = join(ROOT, "tests/support/pack.py");
// Written once, on first use, into the suite's scratch folder (which its
// own hook makes).
let packed;
function prepared() {
  packed ??= (async () => {
    const variants = join(fixture.scratch, "variants");
    const hostile = join(fixture.scratch, "hostile");
    await run("python3", [PACK, "variants", DATA, variants]);
    await run("python3", [PACK, "hostile", hostile]);
    return { variants, hostile, plainReport: await cli([STATUS, HOURS, ZONES]) };
  })();
  return packed;
}

/** The files of one packing, in name order. */
async function variantFiles(variant) {
  const folder = join((await prepared()).variants, variant);
  return (await readdir(folder)).sort().map((name) => join(folder, name));
}

/** The files listed outside the slots with this test id, as "name | message". */
const itemTexts = (page, testid) =>
  page.$$eval(`[data-testid=${testid}]`, (items) =>
    items.map((item) => `${item.querySelector(".file-name").textContent} | ${item.querySelector(".file-message").textContent}`),
  );

/** Generates a report of the files in the slots; resolves to its CSV download. */
async function reportOf(page) {
  const id = await generate(page);
  assert.match(await waitForReport(page, id), /Complete/);
  return (await download(page, `[data-testid=download-csv][data-report-id="${id}"]`)).bytes;
}

describe("files as users receive them", () => {
  for (const variant of ["zip-stored", "zip-deflated"]) {
    test(`the data set in a zip (${variant}) gives the plain files' report; the rest of the zip is listed as skipped`, async () => {
      await withPage(async (page) => {
        await chooseFiles(page, await variantFiles(variant));
        await waitForSlots(page, 3);
        const inSlots = await page.$$eval("[data-testid=file-card]", (cards) => cards.map((card) => card.dataset.fileName).sort());
        assert.deepEqual(inSlots, [
          "store-monitoring-data.zip/store-monitoring-data/menu_hours.csv",
          "store-monitoring-data.zip/store-monitoring-data/status.csv",
          "store-monitoring-data.zip/store-monitoring-data/timezones.csv",
        ]);
        const skipped = await itemTexts(page, "skipped-file");
        assert.equal(skipped.length, 6, skipped.join("\n"));
        for (const [name, what] of [
          ["store-monitoring-data.zip/store-monitoring-data/ |", "a folder"],
          ["__MACOSX/store-monitoring-data/._status.csv", "macOS metadata"],
          [".DS_Store", "a hidden file"],
          ["store-monitoring-data/README.md", "its first line is the header of none of the files"],
        ]) {
          assert.ok(skipped.some((text) => text.includes(name) && text.includes(`Skipped: ${what}.`)), `${name}: ${skipped.join("\n")}`);
        }
        assert.deepEqual(await itemTexts(page, "refused-file"), []);
        assert.deepEqual(await axeViolations(page), []);
        assert.ok((await reportOf(page)).equals((await prepared()).plainReport), "the report differs from the plain files'");
      });
    });
  }

  for (const variant of ["gzip", "gzip-members", "utf16", "semicolons"]) {
    test(`the data set ${variant === "utf16" ? "in UTF-16 with tabs" : `as ${variant}`} gives the plain files' report`, async () => {
      await withPage(async (page) => {
        await chooseFiles(page, await variantFiles(variant));
        await waitForSlots(page, 3);
        assert.ok((await reportOf(page)).equals((await prepared()).plainReport), "the report differs from the plain files'");
      });
    });
  }
});

describe("hostile archives", () => {
  test("each is refused with its reason, and the other files (inside the same zips too) are used", async () => {
    const { hostile } = await prepared();
    const names = (await readdir(hostile)).sort();
    await withPage(async (page) => {
      await chooseFiles(page, [...names.map((name) => join(hostile, name)), HOURS, ZONES]);
      // Three status files from zips, the truncated gzip's rows, hours and timezones.
      await waitForSlots(page, 6, 60_000);
      const refused = await itemTexts(page, "refused-file");
      const expected = [
        ["bomb.csv.gz", /Not used: .*decompression bomb/],
        ["bomb.zip/zeros.csv", /Not used: .*decompression bomb/],
        ["encrypted.zip/secret.csv", /Not used: it is encrypted \(password-protected\): unpack it and give the file\./],
        ["nested.zip/inner.zip", /Not used: this is a zip archive inside a zip archive/],
        ["no-directory.zip", /Not used: the zip archive cannot be opened: this zip has no central directory at its end/],
        ["not-gzip.csv.gz", /Not used: this is not a CSV text file/],
        ["overlapping.zip", /Not used: the zip archive cannot be opened: the zip's entries a\.csv and b\.csv share their bytes/],
        ["truncated.zip", /Not used: the zip archive cannot be opened: this zip is damaged/],
      ];
      assert.equal(refused.length, expected.length, refused.join("\n"));
      for (const [name, message] of expected) {
        const item = refused.find((text) => text.startsWith(`${name} |`));
        assert.ok(item, `${name} is not listed: ${refused.join("\n")}`);
        assert.match(item, message);
      }
      assert.deepEqual(await axeViolations(page), []);
      const usable = ["bomb.zip", "encrypted.zip", "nested.zip", "truncated.csv.gz"].map((name) => join(hostile, name));
      const report = await reportOf(page);
      assert.ok(report.equals(await cli([...usable, HOURS, ZONES])), "the report differs from the command's");
    });
  });
});
