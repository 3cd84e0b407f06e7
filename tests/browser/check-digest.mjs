// Browser checks of the HTML part of helder's e-mail digests (spec §7).
//
//   node check-digest.mjs DIR
//
// DIR holds the HTML parts as tests/browser/parse-eml.py --html-dir wrote
// them (one NAME.html per e-mail). Each is opened in Debian's Chromium
// (playwright-core) the way a mail program shows a message: set into an
// empty page, with every request refused (images off, nothing loads from
// the web), at 600 px (a desktop mail program's reading pane) and 360 px
// (a phone), in light and dark mode. Checked:
//   - nothing scrolls sideways: the document is no wider than the window;
//   - the message is at most 600 px wide, and on the phone it fills the
//     width instead of being cut off;
//   - every image has an alt text, and every title link is readable with
//     images off;
//   - axe-core (WCAG 2.2 AA, as check-site.mjs) finds nothing, colour
//     contrast included, in light and in dark mode;
//   - no <style> or <script>, no class attributes (mail programs drop or
//     rename them): every style is inline.
// Prints a summary; exit code 0 when clean, 1 on any failure, 2 when it
// could not run.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import axe from "axe-core";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.HELDER_CHROMIUM || "/usr/bin/chromium";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const WIDTHS = [600, 360];
const MAX_WIDTH = 600;

const dir = process.argv[2];
if (!dir || !fs.existsSync(dir)) {
  console.error("usage: node check-digest.mjs DIR (the HTML parts of the e-mails)");
  process.exit(2);
}
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".html")).sort();
if (files.length === 0) {
  console.error(`check-digest: no .html files in ${dir}`);
  process.exit(2);
}

const failures = [];
const fail = (file, what) => failures.push(`${file}: ${what}`);

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "helder-digest-"));
let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: path.join(profile, "config"), XDG_CACHE_HOME: path.join(profile, "cache") },
  });
} catch (e) {
  console.error(`check-digest: could not start Chromium at ${CHROMIUM}: ${e.message}`);
  process.exit(2);
}

let views = 0;
try {
  for (const file of files) {
    const html = fs.readFileSync(path.join(dir, file), "utf8");
    if (/<style[\s>]/i.test(html)) fail(file, "has a <style> element (mail programs drop it)");
    if (/<script[\s>]/i.test(html)) fail(file, "has a <script> element");
    if (/\sclass=/i.test(html)) fail(file, "has class attributes (styles must be inline)");
    for (const width of WIDTHS) {
      for (const scheme of ["light", "dark"]) {
        await checkView(file, html, width, scheme);
        views += 1;
      }
    }
  }
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

console.log(`check-digest: ${files.length} e-mails, ${views} views (600 and 360 px, light and dark), ${failures.length} failures`);
for (const f of failures) console.log(`  FAIL ${f}`);
process.exit(failures.length ? 1 : 0);

async function checkView(file, html, width, scheme) {
  const label = `${width} px ${scheme}`;
  const context = await browser.newContext({ viewport: { width, height: 800 }, colorScheme: scheme });
  const page = await context.newPage();
  const requests = [];
  // Images off, and nothing from the web: a mail program's default.
  await page.route("**/*", (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.setContent(html, { waitUntil: "load" });
  const m = await page.evaluate(() => {
    const doc = document.documentElement;
    const tables = [...document.querySelectorAll("table")];
    const widest = Math.max(...tables.map((t) => t.getBoundingClientRect().width));
    const inner = tables[1] ? tables[1].getBoundingClientRect() : null;
    const links = [...document.querySelectorAll("h2 a")].map((a) => {
      const r = a.getBoundingClientRect();
      return { text: a.innerText.trim(), width: r.width, right: r.right, href: a.getAttribute("href") };
    });
    const overflowing = [...document.querySelectorAll("body *")]
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)
      .map((e) => e.outerHTML.slice(0, 120));
    return {
      scrollWidth: doc.scrollWidth,
      innerWidth: window.innerWidth,
      widest,
      inner: inner && { width: inner.width, left: inner.left, right: inner.right },
      links,
      imagesWithoutAlt: [...document.images].filter((i) => !(i.getAttribute("alt") || "").trim()).length,
      overflowing: overflowing.slice(0, 3),
      title: document.title,
    };
  });
  if (m.scrollWidth > m.innerWidth) fail(file, `${label}: scrolls sideways (${m.scrollWidth} px in a ${m.innerWidth} px window): ${m.overflowing.join(" | ")}`);
  if (!m.inner) fail(file, `${label}: no message table`);
  else {
    if (m.inner.width > MAX_WIDTH) fail(file, `${label}: the message is ${m.inner.width} px wide (at most ${MAX_WIDTH})`);
    if (width < MAX_WIDTH && m.inner.width < width - 40) fail(file, `${label}: the message does not fill the phone (${m.inner.width} px)`);
  }
  if (m.links.length === 0) fail(file, `${label}: no page titles linked`);
  for (const l of m.links) {
    if (!l.text) fail(file, `${label}: a title link without text`);
    if (!/^https:\/\//.test(l.href || "")) fail(file, `${label}: a title link is not absolute: ${l.href}`);
    if (l.right > width + 1) fail(file, `${label}: the title "${l.text}" runs off the screen`);
  }
  if (m.imagesWithoutAlt) fail(file, `${label}: ${m.imagesWithoutAlt} images without alt text`);
  if (!m.title) fail(file, `${label}: no <title>`);
  if (errors.length) fail(file, `${label}: script errors: ${errors.join("; ")}`);
  await page.addScriptTag({ content: axe.source });
  const violations = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0].html.slice(0, 120)} ${(v.nodes[0].failureSummary || "").split("\n").slice(0, 2).join(" ")}`);
  }, AXE_TAGS);
  for (const v of violations) fail(file, `${label}: axe ${v}`);
  await context.close();
}
