// Browser checks of installable, offline parent sites (spec §7).
//
//   node check-app.mjs --site SITE --post PATH [--json PATH] BUILD NEXT_BUILD
//
// BUILD and NEXT_BUILD are two builds of one school (the second after a
// page changed). BUILD is served on 127.0.0.1 and SITE (a parent site's
// folder, e.g. groep-6-7) opened in Debian's Chromium as a parent would:
//   1. install criteria: the DevTools protocol's Page.getInstallabilityErrors
//      gives none, Page.getAppManifest no errors, and the service worker
//      controls the page;
//   2. offline: after the home and PATH (a post) were opened, the network is
//      cut; both open again from the worker's cache, and a page never opened
//      gives the worker's offline page (in the site's language, status 503);
//   3. "Nieuw": the first visit marks nothing; a visit after PATH appeared
//      marks exactly PATH's entries on the home;
//   4. a new build: the server then serves NEXT_BUILD; online, the changed
//      page shows the new text at once, and after the worker updates, the
//      old build's cache of the site is gone and the new one is there;
//   5. from disk (file://): no script errors, no console errors, no worker.
// The cache's size for the site is measured (bytes of the kept responses).
// Exit code 0 when clean, 1 on any failure, 2 when it could not run.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import axe from "axe-core";
import { chromium } from "playwright-core";
import { serveFolder } from "./static-server.mjs";

const CHROMIUM = process.env.HELDER_CHROMIUM || "/usr/bin/chromium";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** axe-core's WCAG 2.2 AA violations on the page as it is now. */
async function axeViolations(page) {
  await page.addScriptTag({ content: axe.source });
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].html.slice(0, 120)}`);
  }, AXE_TAGS);
}

function args(argv) {
  const out = { dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--site") out.site = argv[++i];
    else if (a === "--post") out.post = argv[++i];
    else if (a === "--json") out.json = argv[++i];
    else out.dirs.push(a);
  }
  return out;
}

const opts = args(process.argv.slice(2));
if (!opts.site || !opts.post || opts.dirs.length !== 2) {
  console.error("usage: node check-app.mjs --site SITE --post PATH [--json PATH] BUILD NEXT_BUILD");
  process.exit(2);
}
const [build, nextBuild] = opts.dirs.map((d) => path.resolve(d));
const failures = [];
const report = {};
const fail = (step, what) => failures.push(`${step}: ${what}`);

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "helder-app-"));
let browser;
try {
  // A profile on disk: Chromium does not install apps from incognito
  // windows, and a plain Playwright context is one.
  browser = await chromium.launchPersistentContext(path.join(profile, "user-data"), {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 360, height: 740 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: path.join(profile, "config"), XDG_CACHE_HOME: path.join(profile, "cache") },
  });
} catch (e) {
  console.error(`check-app: could not start Chromium at ${CHROMIUM}: ${e.message}`);
  process.exit(2);
}

const { server, base, served } = await serveFolder(build);
const home = new URL(`${opts.site}/`, base).href;
const post = new URL(opts.post, base).href;

/** The site's caches: name -> total bytes of the kept responses. */
async function cacheSizes(page, prefix) {
  return page.evaluate(async (prefix) => {
    const sizes = {};
    for (const name of await caches.keys()) {
      if (name.indexOf(prefix) !== 0) continue;
      const cache = await caches.open(name);
      let total = 0;
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        total += (await response.arrayBuffer()).byteLength;
      }
      sizes[name] = { bytes: total, entries: (await cache.keys()).length };
    }
    return sizes;
  }, prefix);
}

try {
  const context = browser;
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e.message || e).split("\n")[0]));
  const prefix = `helder:${opts.site}/:`;

  // 1. Install criteria.
  await page.goto(home, { waitUntil: "load" });
  const siteLang = await page.evaluate(() => document.documentElement.lang);
  const controlled = await page
    .waitForFunction(() => !!navigator.serviceWorker.controller, null, { timeout: 30000 })
    .then(() => true, () => false);
  if (!controlled) fail("service worker", "it does not control the home page after 30 s");
  const cdp = await context.newCDPSession(page);
  const installability = await cdp.send("Page.getInstallabilityErrors");
  report.installabilityErrors = installability.installabilityErrors;
  if (installability.installabilityErrors.length) {
    fail("install", JSON.stringify(installability.installabilityErrors));
  }
  const manifest = await cdp.send("Page.getAppManifest");
  report.manifestUrl = manifest.url;
  if (!manifest.url || manifest.errors.length) {
    fail("manifest", `${manifest.url || "no manifest"} ${JSON.stringify(manifest.errors)}`);
  }

  // 3a. First visit: nothing is new.
  const firstMarks = await page.locator(".new-mark").count();
  if (firstMarks) fail("Nieuw", `the first visit marks ${firstMarks} posts`);

  // 2. Offline.
  await page.goto(post, { waitUntil: "load" });
  const postTitle = await page.title();
  await page.goto(home, { waitUntil: "load" });
  const homeTitle = await page.title();
  const sizes = await cacheSizes(page, prefix);
  report.cache = sizes;
  await context.setOffline(true);
  for (const [url, title] of [[home, homeTitle], [post, postTitle]]) {
    const response = await page.goto(url, { waitUntil: "load" }).catch((e) => e);
    const now = await page.title().catch(() => "");
    if (response instanceof Error || now !== title) {
      fail("offline", `${url} did not open from the cache (title "${now}", expected "${title}")`);
    }
  }
  const neverOpened = new URL("agenda/", home).href;
  const offlineResponse = await page.goto(neverOpened, { waitUntil: "load" }).catch((e) => e);
  const offlineText = await page.locator("h1").first().textContent().catch(() => "");
  report.offlinePage = { status: offlineResponse && offlineResponse.status ? offlineResponse.status() : null, heading: offlineText };
  if (!(offlineResponse && offlineResponse.status && offlineResponse.status() === 503)) {
    fail("offline", `a page never opened does not give the offline page (${offlineResponse})`);
  }
  const offlineLang = await page.evaluate(() => document.documentElement.lang);
  for (const v of await axeViolations(page)) fail("offline page", `axe ${v}`);
  if (process.env.HELDER_APP_SHOTS) {
    await page.screenshot({ path: path.join(process.env.HELDER_APP_SHOTS, `${opts.site}-offline.png`) });
  }
  if (offlineLang !== siteLang || !offlineText) fail("offline", `offline page lang "${offlineLang}", heading "${offlineText}"`);
  await context.setOffline(false);

  // 3b. "Nieuw": the last visit (over an hour ago) saw every post but PATH.
  const postKey = post.replace(/\/index\.html$/, "/");
  await page.goto(home, { waitUntil: "load" });
  await page.evaluate(({ site, postKey }) => {
    const key = "helder-bezoek:" + site;
    const visit = JSON.parse(localStorage.getItem(key));
    visit.now = visit.now.filter((p) => p !== postKey);
    visit.at = Date.now() - 2 * 3600 * 1000;
    localStorage.setItem(key, JSON.stringify(visit));
  }, { site: home, postKey });
  await page.reload({ waitUntil: "load" });
  const marked = await page.evaluate(() =>
    [...document.querySelectorAll(".new-mark")].map((m) => {
      const post = m.closest("[data-post]");
      return post ? new URL(post.getAttribute("data-post"), location.href).href.replace(/\/index\.html$/, "/") : "";
    })
  );
  report.newMarks = marked;
  if (!marked.length || marked.some((m) => m !== postKey)) {
    fail("Nieuw", `marked ${JSON.stringify(marked)}, expected only ${postKey}`);
  }
  // The marks keep the page accessible, in light and in dark mode.
  for (const scheme of ["light", "dark"]) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const v of await axeViolations(page)) fail(`Nieuw, ${scheme}`, `axe ${v}`);
  }
  await page.emulateMedia({ colorScheme: "light" });
  if (process.env.HELDER_APP_SHOTS) {
    await page.locator(".new-mark").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: path.join(process.env.HELDER_APP_SHOTS, `${opts.site}-nieuw.png`) });
  }
  // Within the same sitting the marks stay.
  await page.reload({ waitUntil: "load" });
  const again = await page.locator(".new-mark").count();
  if (again !== marked.length) fail("Nieuw", `a reload in the same visit shows ${again} marks, not ${marked.length}`);

  // 4. A new build.
  served.root = nextBuild;
  const oldCaches = Object.keys(sizes);
  await page.goto(post, { waitUntil: "load" });
  const postFile = opts.post.endsWith("/") ? `${opts.post}index.html` : opts.post;
  const nextPost = fs.readFileSync(path.join(nextBuild, postFile), "utf8");
  const shown = await page.content();
  const newTitle = (nextPost.match(/<title>([^<]*)<\/title>/) || [])[1];
  if (!newTitle || !shown.includes(`<title>${newTitle}</title>`)) fail("new build", "the changed page does not show the new build's text online");
  const updated = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration.update();
    return true;
  }).catch((e) => String(e));
  if (updated !== true) fail("new build", `the worker could not update: ${updated}`);
  // (page.evaluate awaits the promise; waitForFunction would take it as true.)
  let swapped = false;
  for (let waited = 0; waited < 30000 && !swapped; waited += 250) {
    const names = Object.keys(await cacheSizes(page, prefix));
    swapped = names.length === 1 && !oldCaches.includes(names[0]);
    if (!swapped) await page.waitForTimeout(250);
  }
  report.cacheAfterNewBuild = await cacheSizes(page, prefix);
  report.workers = await page.evaluate(async () => {
    const r = await navigator.serviceWorker.getRegistration();
    const state = (w) => (w ? `${w.state} ${w.scriptURL}` : null);
    return { active: state(r.active), waiting: state(r.waiting), installing: state(r.installing) };
  });
  if (!swapped) fail("new build", `the old cache is still there: ${JSON.stringify(report.cacheAfterNewBuild)} ${JSON.stringify(report.workers)}`);
  if (errors.length) fail("script errors", errors.join("; "));
  await page.close();

  // 5. From disk.
  const diskPage = await browser.newPage();
  const diskErrors = [];
  diskPage.on("pageerror", (e) => diskErrors.push(String(e.message || e).split("\n")[0]));
  diskPage.on("console", (m) => { if (m.type() === "error") diskErrors.push(m.text()); });
  await diskPage.goto(pathToFileURL(path.join(build, opts.site, "index.html")).href, { waitUntil: "load" });
  await diskPage.waitForTimeout(500);
  const diskWorker = await diskPage.evaluate(() => !!(navigator.serviceWorker && navigator.serviceWorker.controller));
  report.fromDisk = { errors: diskErrors, worker: diskWorker };
  if (diskErrors.length) fail("file://", diskErrors.join("; "));
  if (diskWorker) fail("file://", "a service worker controls a page opened from disk");
  await diskPage.close();
} catch (e) {
  fail("run", e.stack || String(e));
} finally {
  await browser.close();
  await new Promise((r) => server.close(r));
  fs.rmSync(profile, { recursive: true, force: true });
}

const cacheLine = Object.entries(report.cache || {}).map(([n, s]) => `${n}: ${s.entries} files, ${(s.bytes / 1024).toFixed(1)} KB`).join("; ");
console.log(`check-app ${opts.site}: install errors ${JSON.stringify(report.installabilityErrors)}; manifest ${report.manifestUrl}; cache after home + one post: ${cacheLine}; offline page: ${JSON.stringify(report.offlinePage)}; Nieuw marks ${JSON.stringify(report.newMarks)}; after a new build: ${JSON.stringify(report.cacheAfterNewBuild)}; from disk: ${JSON.stringify(report.fromDisk)}`);
if (opts.json) fs.writeFileSync(opts.json, JSON.stringify({ report, failures }, null, 2));
if (failures.length) {
  console.log(`FAILED (${failures.length}):\n  ${failures.join("\n  ")}`);
  process.exit(1);
}
console.log("check-app: clean");
