// Sharing a report in Firefox ESR and WebKitGTK, through WebDriver as
// tests/browsers/app.test.mjs drives them (scripts/test-browsers.sh names
// the browser): a link to a view opened with no data says what it holds
// and which files to give, and the report made from them opens in that
// view; the HTML snapshot, made from store ids that are markup, opens from
// a file with every id as text, no script run and nothing fetched.
import assert from "node:assert/strict";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { after, before, describe, test } from "node:test";
import { By } from "selenium-webdriver";

import { DATA } from "../e2e/helpers.mjs";
import { BROWSER, closeSession, openSession, pageOf } from "./session.mjs";

const SAMPLE = ["status.csv", "menu_hours.csv", "timezones.csv"].map((name) => join(DATA, "sample", name));
const HOSTILE = ["<img src=x onerror=alert(1)>", "</style><script>alert(2)</script>", "<svg onload=alert(3)>"];

const state = { server: null, driver: null, browser: null, profile: null };
before(() => openSession(state, "share"));
after(() => closeSession(state));
const { run, click, waitFor, appReady } = pageOf(state);

/** Gives files through the file input (unfolded first, under a report) and waits for their cards. */
async function giveFiles(paths) {
  if (await run(`return document.querySelector("[data-testid=folded-inputs]")?.hidden === false;`)) {
    await click("[data-testid=unfold-inputs]");
  }
  while ((await run(`return document.querySelectorAll("[data-testid=remove-file]").length;`)) > 0) {
    await click("[data-testid=remove-file]");
  }
  await state.browser.findElement(By.css("[data-testid=file-input]")).sendKeys(paths.join("\n"));
  await waitFor(
    `${paths.length} files in slots`,
    `return document.querySelectorAll("[data-testid=reading-file]").length === 0 &&
       document.querySelectorAll("[data-testid=file-card]").length === arguments[0];`,
    paths.length,
  );
}

/** Clicks Generate; resolves to the new report's id once it is complete. */
async function generate() {
  const ids = `return [...document.querySelectorAll("[data-testid=report]")].map((r) => Number(r.dataset.reportId));`;
  const before = await run(ids);
  await click("[data-testid=generate]");
  const id = await waitFor("a new report", `${ids.replace("return ", "const ids = ")}; return ids.find((id) => !arguments[0].includes(id));`, before);
  const text = await waitFor(
    `report ${id} to finish`,
    `const text = document.querySelector('[data-testid=report-state][data-report-id="' + arguments[0] + '"]')?.textContent ?? "";
     return /Complete|Failed|Cancelled/.test(text) && text;`,
    id,
  );
  assert.match(text, /^Complete/);
  await waitFor("the report on screen", `return document.querySelector('[data-testid=report-view][data-report-id="' + arguments[0] + '"]');`, id);
  return id;
}

describe(`sharing in ${BROWSER}`, () => {
  test("a link to a view opened with no data names the view and the files; the report made from them opens in it", async () => {
    const link = `${state.server.url}#sort=-downtime_last_week&file=status.csv&file=menu_hours.csv&file=timezones.csv`;
    await state.browser.get(link);
    await appReady();
    const notice = await waitFor(
      "the shared link's notice",
      `const notice = document.querySelector("[data-testid=shared-link]"); return notice && !notice.hidden && notice.textContent;`,
    );
    assert.match(notice, /ordered by downtime_last_week, largest first/);
    assert.match(notice, /It holds no data/);
    assert.deepEqual(await run(`return [...document.querySelectorAll("[data-testid=shared-files] li")].map((item) => item.textContent);`), [
      "status.csv",
      "menu_hours.csv",
      "timezones.csv",
    ]);
    await giveFiles(SAMPLE);
    const id = await generate();
    assert.equal(await run(`return document.querySelector("[data-testid=shared-link]").hidden;`), true);
    const sort = await run(
      `return document.querySelector('[data-testid=report-table][data-report-id="' + arguments[0] + '"] th:has([data-testid=sort-downtime_last_week])').getAttribute("aria-sort");`,
      id,
    );
    assert.equal(sort, "descending");
    // "Copy link to this view" shows the link, with the files' names.
    await click("[data-testid=copy-link]");
    const copied = await waitFor("the view's link", `return document.querySelector("[data-testid=view-link]")?.value;`);
    const pairs = new URLSearchParams(new URL(copied).hash.slice(1));
    assert.equal(pairs.get("sort"), "-downtime_last_week");
    assert.deepEqual(pairs.getAll("file"), ["status.csv", "menu_hours.csv", "timezones.csv"]);
  });

  test("the snapshot of hostile store ids opens from a file, every id as text, no script run", async () => {
    const lines = ["store_id,status,timestamp_utc"];
    HOSTILE.forEach((id, i) => {
      for (let hour = 0; hour < 24; hour++) {
        lines.push(`${id},${(hour + i) % 5 === 0 ? "inactive" : "active"},2023-01-25 ${String(hour).padStart(2, "0")}:10:00 UTC`);
      }
    });
    const status = join(state.profile, "hostile-status.csv");
    await writeFile(status, `${lines.join("\n")}\n`);
    await state.browser.get(state.server.url);
    await appReady();
    await giveFiles([status]);
    const id = await generate();
    // The file the button saves, taken as the page makes it (WebKit's
    // MiniBrowser saves no downloads for WebDriver).
    await run(`const make = URL.createObjectURL; URL.createObjectURL = (blob) => { window.snapshotBlob = blob; return make.call(URL, blob); };`);
    await click("[data-testid=download-snapshot]");
    const html = await state.browser.executeAsyncScript(`const done = arguments[arguments.length - 1]; window.snapshotBlob.text().then(done);`);
    assert.ok(!/<script/i.test(html));
    const path = join(state.profile, `store-uptime-report-${id}-snapshot.html`);
    await writeFile(path, html);

    await state.browser.get(pathToFileURL(path).href);
    const ids = await waitFor("the snapshot's rows", `const rows = [...document.querySelectorAll("#table tbody th")]; return rows.length && rows.map((cell) => cell.textContent);`);
    assert.deepEqual([...ids].sort(), [...HOSTILE].sort());
    // An alert would be open now and fail this script; no element of an id ran.
    assert.equal(await run(`return document.querySelectorAll("img, script, svg[onload], [onerror]").length;`), 0);
    assert.match(await run(`return document.querySelector('meta[http-equiv="Content-Security-Policy"]').content;`), /^default-src 'none'/);
  });
});
