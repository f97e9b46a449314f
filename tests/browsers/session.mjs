// One browser session over WebDriver for the specs of this folder: Firefox
// ESR (through geckodriver, headless) or WebKitGTK, Safari's engine
// (through WebKitWebDriver and its MiniBrowser, under a virtual X display),
// driven with selenium-webdriver. The drivers are the machine's own and
// started here: nothing is downloaded. scripts/test-browsers.sh names the
// browser (BROWSER=firefox|webkit) and provides dist/, the command and the
// generated data. Not a spec itself (the runner takes *.test.mjs).
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Builder, By } from "selenium-webdriver";
import firefox from "selenium-webdriver/firefox.js";

import { DIST, serve } from "../e2e/helpers.mjs";

export const BROWSER = process.env.BROWSER ?? "firefox";

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Starts the browser's WebDriver server; resolves to { url, stop }. */
async function startDriver(profile) {
  const port = await freePort();
  const [command, args] =
    BROWSER === "firefox"
      ? ["geckodriver", ["--host", "127.0.0.1", "--port", String(port)]]
      : // MiniBrowser has no headless mode: a virtual display of its own.
        ["xvfb-run", ["-a", "-s", "-screen 0 1280x1024x24", "WebKitWebDriver", "--host=127.0.0.1", `--port=${port}`]];
  const driver = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"], detached: true, env: { ...process.env, TMPDIR: profile } });
  let output = "";
  driver.stdout.on("data", (chunk) => (output += chunk));
  driver.stderr.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (driver.exitCode !== null) throw new Error(`${command} exited with ${driver.exitCode}: ${output}`);
    try {
      const status = await (await fetch(`${url}/status`)).json();
      if (status.value?.ready !== false) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${command} did not start: ${output}`);
    await new Promise((done) => setTimeout(done, 200));
  }
  return {
    url,
    stop: () =>
      new Promise((done) => {
        if (driver.exitCode !== null) return done();
        driver.once("exit", done);
        // The driver and what it started (Xvfb, the browser) form one group.
        process.kill(-driver.pid, "SIGTERM");
      }),
  };
}

function capabilities(profile) {
  if (BROWSER === "firefox") {
    const options = new firefox.Options().setBinary("/usr/bin/firefox-esr").addArguments("-headless");
    // Downloads go to a folder of the session's, without asking.
    options.setPreference("browser.download.folderList", 2);
    options.setPreference("browser.download.dir", join(profile, "downloads"));
    options.setPreference("browser.download.useDownloadDir", true);
    options.setPreference("browser.download.always_ask_before_handling_new_types", false);
    options.setPreference("browser.helperApps.neverAsk.saveToDisk", "text/csv");
    // Firefox's own background requests (new-tab content, connectivity checks) off: the test reaches 127.0.0.1 only.
    for (const pref of [
      "browser.newtabpage.enabled",
      "browser.newtabpage.activity-stream.feeds.topsites",
      "browser.newtabpage.activity-stream.feeds.system.topstories",
      "browser.newtabpage.activity-stream.showSponsoredTopSites",
      "network.connectivity-service.enabled",
      "network.captive-portal-service.enabled",
      "browser.safebrowsing.update.enabled",
    ]) {
      options.setPreference(pref, false);
    }
    return new Builder().forBrowser("firefox").setFirefoxOptions(options);
  }
  const binary = readdirSync("/usr/lib", { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => ["webkit2gtk-4.1", "webkit2gtk-4.0"].map((api) => join("/usr/lib", entry.name, api, "MiniBrowser")))
    .find((path) => existsSync(path));
  assert.ok(binary, "MiniBrowser is not installed (Debian's libwebkit2gtk)");
  return new Builder().withCapabilities({
    browserName: "MiniBrowser",
    "webkitgtk:browserOptions": { binary, args: ["--automation"] },
  });
}

/**
 * Opens a session: dist/ served, the driver started, the browser open.
 * Fills `state` ({ server, driver, browser, profile }) in place, so that a
 * spec can hand the same object to its `before` and `after` hooks.
 */
export async function openSession(state, name) {
  state.profile = await mkdtemp(join(tmpdir(), `store-uptime-${name}-${BROWSER}-`));
  state.server = await serve(DIST);
  state.driver = await startDriver(state.profile);
  state.browser = await capabilities(state.profile).usingServer(state.driver.url).build();
  await state.browser.manage().setTimeouts({ script: 60_000, pageLoad: 60_000, implicit: 0 });
}

/** Ends what `openSession` started. */
export async function closeSession(state) {
  await state.browser?.quit().catch(() => {});
  await state.driver?.stop();
  await state.server?.stop();
  if (state.profile) await rm(state.profile, { recursive: true, force: true });
}

/** The page's scripts, clicks and waits of a session. */
export function pageOf(state) {
  const run = (script, ...args) => state.browser.executeScript(script, ...args);
  const click = async (selector) => state.browser.findElement(By.css(selector)).click();
  /** Polls `script` in the page until it returns a truthy value. */
  async function waitFor(what, script, ...args) {
    const deadline = Date.now() + 60_000;
    for (;;) {
      // A page being reloaded may refuse a script: try again.
      const value = await run(script, ...args).catch((error) => {
        if (Date.now() > deadline) throw error;
        return null;
      });
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((done) => setTimeout(done, 100));
    }
  }
  /** The workers started and the kept data restored. */
  async function appReady() {
    await waitFor(
      "the workers and the kept data",
      `return document.querySelectorAll("[data-testid=setting-timezone] option").length > 100 &&
         document.querySelector("[data-testid=storage]")?.dataset.state !== "restoring";`,
    );
  }
  return { run, click, waitFor, appReady };
}
