// Measurements made inside the page (performance.now()), shared by the
// timing scripts.
import { generate } from "../tests/e2e/helpers.mjs";

/** Starts recording the longest gap between animation frames. */
export function startFrameWatch(page) {
  return page.evaluate(() => {
    window.__frames = { longest: 0, count: 0, last: performance.now(), running: true };
    const tick = (now) => {
      const frames = window.__frames;
      frames.longest = Math.max(frames.longest, now - frames.last);
      frames.count++;
      frames.last = now;
      if (frames.running) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

export function stopFrameWatch(page) {
  return page.evaluate(() => {
    window.__frames.running = false;
    return { longest: window.__frames.longest, count: window.__frames.count };
  });
}

/**
 * Clicks `count` rows of the report table in turn and measures, for each,
 * the click to its timeline's SVG in the DOM; resolves to the times in ms.
 */
export async function timelineLatency(page, count) {
  const times = [];
  for (let i = 0; i < count; i++) {
    times.push(
      await page.evaluate(async (i) => {
        const row = document.querySelectorAll("[data-testid=report-table] tbody tr.store-row")[i * 7];
        const store = row.dataset.storeId;
        const drawn = () => document.querySelector(`[data-testid=store-timeline][data-store-id="${CSS.escape(store)}"] svg.timeline`);
        const started = performance.now();
        row.click();
        await new Promise((done) => {
          if (drawn()) return done();
          const observer = new MutationObserver(() => {
            if (drawn()) {
              observer.disconnect();
              done();
            }
          });
          observer.observe(document.body, { childList: true, subtree: true });
        });
        const ms = performance.now() - started;
        // The week opens in a modal dialog: closed again, so that the next
        // row (and the page's other controls) can be clicked.
        document.querySelector("[data-testid=close-timeline]")?.click();
        while (document.querySelector("dialog[data-testid=store-dialog][open]")) {
          await new Promise((done) => requestAnimationFrame(done));
        }
        return ms;
      }, i),
    );
  }
  return times;
}

/**
 * Opens the fleet's outage list of the report on screen and measures, in
 * the page, each change to its page drawn with the worker's answer: the
 * whole list by earliest start, its next page, by latest start, filtered
 * by a store id part. Resolves to the times in ms and the outage count.
 */
export function outageListLatency(page, filter) {
  return page.evaluate(async (filter) => {
    const frame = () => new Promise((done) => requestAnimationFrame(done));
    const details = document.querySelector("[data-testid=report-view] [data-testid=fleet-outages]");
    if (!details.open) details.querySelector("summary").click();
    while (!details.querySelector("[data-testid=outage-list]")) await frame();
    const list = details.querySelector("[data-testid=outage-list]");
    const listed = (order, offset, filter) => () =>
      list.dataset.state === "listed" && list.dataset.order === order && list.dataset.offset === String(offset) && list.dataset.filter === filter;
    const timed = async (act, done) => {
      const started = performance.now();
      act();
      while (!done()) await frame();
      return performance.now() - started;
    };
    const select = details.querySelector("[data-testid=outage-order]");
    const order = (value) => () => {
      select.value = value;
      select.dispatchEvent(new Event("change", { bubbles: true }));
    };
    const input = details.querySelector("[data-testid=outage-filter]");
    const times = {
      earliest: await timed(order("earliest"), listed("earliest", 0, "")),
      next: await timed(() => details.querySelector("[data-testid=outage-next]").click(), listed("earliest", 200, "")),
      latest: await timed(order("latest"), listed("latest", 0, "")),
      filtered: await timed(() => {
        input.value = filter;
        input.dispatchEvent(new Event("input", { bubbles: true }));
      }, listed("latest", 0, filter)),
    };
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    order("longest")();
    details.open = false;
    return { times, outages: details.querySelector("summary").textContent };
  }, filter);
}

/**
 * Generates a report, waits until its state matches `when`, clicks Cancel
 * and measures the click to "Cancelled" on the page.
 */
export async function cancelLatency(page, when) {
  const id = await generate(page);
  const selector = `[data-testid=report-state][data-report-id="${id}"]`;
  await page.waitForFunction(
    ([selector, source]) => new RegExp(`${source}|Complete|Failed|Cancelled`).test(document.querySelector(selector)?.textContent ?? ""),
    [selector, when.source],
    { timeout: 600_000, polling: "raf" },
  );
  return page.evaluate(async (id) => {
    const state = document.querySelector(`[data-testid=report-state][data-report-id="${id}"]`);
    const was = state.textContent;
    if (/Complete|Failed|Cancelled/.test(was)) return { state: `${was} (too quick to catch)`, ms: NaN };
    const started = performance.now();
    document.querySelector(`[data-testid=cancel][data-report-id="${id}"]`).click();
    while (!/Cancelled/.test(state.textContent)) await new Promise((done) => requestAnimationFrame(done));
    return { state: was, ms: performance.now() - started };
  }, id);
}

/**
 * Clicks Generate and waits, in the page, until the new report is finished;
 * resolves to its state text and the time from the click.
 */
export function generateUntilFinished(page) {
  return page.evaluate(async () => {
    const ids = () => [...document.querySelectorAll("[data-testid=report]")].map((report) => report.dataset.reportId);
    const before = ids();
    const started = performance.now();
    document.querySelector("[data-testid=generate]").click();
    let state;
    for (;;) {
      await new Promise((done) => requestAnimationFrame(done));
      const id = ids().find((id) => !before.includes(id));
      state = id && document.querySelector(`[data-testid=report-state][data-report-id="${id}"]`)?.textContent;
      if (/Complete|Failed|Cancelled/.test(state ?? "")) break;
    }
    return { state, ms: performance.now() - started };
  });
}

/**
 * Scrolls the page through the report table (its rows and their day
 * strips), `steps` steps of `pixels`, one a frame; resolves to the longest
 * gap between two frames meanwhile, in ms.
 */
export function tableScrollFrames(page, rows, steps = 40, pixels = 150) {
  return page.evaluate(
    async ({ rows, steps, pixels }) => {
      const filter = document.querySelector("[data-testid=report-view] [data-testid=filter]");
      if (filter.value !== "") {
        filter.value = "";
        filter.dispatchEvent(new Event("input", { bubbles: true }));
      }
      const size = document.querySelector("[data-testid=report-view] [data-testid=page-size]");
      if (size.value !== String(rows)) {
        size.value = String(rows);
        size.dispatchEvent(new Event("change", { bubbles: true }));
      }
      while (document.querySelectorAll("[data-testid=report-table] tbody tr").length < rows) {
        await new Promise((done) => requestAnimationFrame(done));
      }
      document.querySelector("[data-testid=report-table]").scrollIntoView();
      // The table laid out and painted before the watch starts.
      for (let i = 0; i < 3; i++) await new Promise((done) => requestAnimationFrame(done));
      let last = performance.now();
      let longest = 0;
      for (let i = 0; i < steps; i++) {
        window.scrollBy(0, pixels);
        const now = await new Promise((done) => requestAnimationFrame(done));
        longest = Math.max(longest, now - last);
        last = now;
      }
      return longest;
    },
    { rows, steps, pixels },
  );
}

/**
 * Every row in one scrolling list ("All (scroll)"): scrolls its box
 * `steps` steps of `pixels`, one a frame, then jumps to the end and back
 * to the top; resolves to the longest and median gap between two frames
 * while scrolling and how many gaps were over 50 ms, the jumps' frames,
 * and the rows drawn (of all).
 */
export function everyRowScrollFrames(page, steps = 120, pixels = 400) {
  return page.evaluate(
    async ({ steps, pixels }) => {
      const frame = () => new Promise((done) => requestAnimationFrame(done));
      const size = document.querySelector("[data-testid=report-view] [data-testid=page-size]");
      size.value = "all";
      size.dispatchEvent(new Event("change", { bubbles: true }));
      const table = document.querySelector("[data-testid=report-table]");
      while (table.dataset.everyRow !== "true") await frame();
      const box = table.closest("[data-testid=report-scroll]");
      box.scrollIntoView();
      for (let i = 0; i < 3; i++) await frame();
      let last = performance.now();
      const gaps = [];
      for (let i = 0; i < steps; i++) {
        box.scrollBy(0, pixels);
        const now = await frame();
        gaps.push(now - last);
        last = now;
      }
      gaps.sort((a, b) => a - b);
      const longest = gaps[gaps.length - 1];
      const median = gaps[Math.floor(gaps.length / 2)];
      const over50 = gaps.filter((gap) => gap > 50).length;
      const jump = async (top) => {
        const started = performance.now();
        box.scrollTo(0, top);
        await frame();
        return (await frame()) - started;
      };
      const toEnd = await jump(box.scrollHeight);
      const toTop = await jump(0);
      return {
        longest,
        median,
        over50,
        toEnd,
        toTop,
        drawn: table.querySelectorAll("tbody tr.store-row").length,
        rows: Number(table.getAttribute("aria-rowcount")) - 2,
      };
    },
    { steps, pixels },
  );
}

/**
 * Starts watching, in the page, for the next report (one whose id is not on
 * the page yet): at each animation frame it looks whether the report's
 * first table row is in the DOM (so painted in that frame) and whether its
 * state reads Complete, and notes the time since the watch started.
 * `reportTimes` resolves to them.
 */
export function watchNextReport(page) {
  return page.evaluate(() => {
    const ids = () => [...document.querySelectorAll("[data-testid=report]")].map((report) => report.dataset.reportId);
    const before = ids();
    const watch = (window.__nextReport = { started: performance.now(), rows: null, complete: null, state: null });
    const tick = () => {
      const id = ids().find((id) => !before.includes(id));
      if (id !== undefined) {
        const now = performance.now() - watch.started;
        if (watch.rows === null && document.querySelector(`[data-testid=report-table][data-report-id="${id}"] tbody tr.store-row`)) {
          watch.rows = now;
        }
        const state = document.querySelector(`[data-testid=report-state][data-report-id="${id}"]`)?.textContent ?? "";
        if (/Complete|Failed|Cancelled/.test(state)) {
          watch.state = state;
          watch.complete = now;
          return;
        }
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** The times `watchNextReport` noted, once the report is finished. */
export async function reportTimes(page, timeout = 120_000) {
  await page.waitForFunction(() => window.__nextReport?.complete !== null, null, { timeout, polling: 50 });
  const times = await page.evaluate(() => window.__nextReport);
  if (!times.state.includes("Complete")) throw new Error(`the report: ${times.state}`);
  return times;
}

/** The median of numbers. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
