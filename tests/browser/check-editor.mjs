// Browser checks of the editor in `helder serve` (issue 18, spec §9).
//
//   node check-editor.mjs URL ROOT
//
// URL is a running `helder serve` of a copy of the demo school at ROOT
// (this script changes files there). In Debian's Chromium (playwright-core)
// at a school laptop's 1366x768 and a tablet's 768x1024, as a coordinator:
//   - the forms pass axe-core (WCAG 2.2 AA), nothing scrolls sideways, the
//     toolbar and "Opslaan" are reached with the keyboard;
//   - a class post is made at /_helder/nieuw: the file name is suggested
//     from the title and the class, the agreed parts are filled in, a
//     passive sentence is flagged while typing (and how long that took);
//   - a cap page is edited and saved, keeping the keys the form hides;
//   - a screenshot is added to the manual with an alt text;
//   - a save over a file changed on disk is refused with both versions.
// Prints a summary and one JSON line; exit code 0 when clean, 1 on any
// failure, 2 when it could not run.

import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import axe from "axe-core";
import { chromium } from "playwright-core";

const CHROMIUM = process.env.HELDER_CHROMIUM || "/usr/bin/chromium";
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const [base, root] = process.argv.slice(2);
if (!base || !root || !fs.existsSync(path.join(root, "content"))) {
  console.error("usage: node check-editor.mjs URL ROOT (a running helder serve of ROOT)");
  process.exit(2);
}
const url = (p) => new URL(p, base).href;
const content = (p) => path.join(root, "content", p);
const failures = [];
const fail = (what) => failures.push(what);
const check = (ok, what) => { if (!ok) fail(what); };
const timings = {};

const profile = fs.mkdtempSync(path.join(os.tmpdir(), "helder-editor-"));
let browser;
try {
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
    env: { ...process.env, HOME: profile, XDG_CONFIG_HOME: path.join(profile, "config"), XDG_CACHE_HOME: path.join(profile, "cache") },
  });
} catch (e) {
  console.error(`check-editor: could not start Chromium at ${CHROMIUM}: ${e.message}`);
  process.exit(2);
}

async function axeClean(page, what) {
  await page.addScriptTag({ content: axe.source });
  const result = await page.evaluate(async (tags) => {
    // The preview frame shows the page itself: the site checks cover it.
    const r = await window.axe.run({ exclude: [["#voorbeeld"]] }, { runOnly: { type: "tag", values: tags } });
    return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  }, AXE_TAGS);
  for (const v of result) fail(`${what}: axe ${v}`);
}

async function noSideways(page, what) {
  const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  check(wide <= 1, `${what}: scrolls sideways by ${wide}px`);
}

// Waits until the findings list changed after the last keystroke.
async function previewAfterTyping(page, text) {
  const before = await page.evaluate(() => document.getElementById("voorbeeld-stand").textContent);
  await page.evaluate(() => { document.getElementById("voorbeeld-stand").textContent = ""; });
  await page.locator("#tekst").pressSequentially(text, { delay: 20 });
  const typed = Date.now();
  await page.waitForFunction(
    (done) => document.getElementById("voorbeeld-stand").textContent === done,
    before, { timeout: 10000 });
  return Date.now() - typed;
}

async function save(page) {
  await page.locator("#opslaan").click();
  await page.waitForFunction(() => {
    const m = document.getElementById("melding").textContent;
    return m && !m.endsWith("...");
  }, null, { timeout: 10000 });
  return page.evaluate(() => document.getElementById("melding").textContent);
}

try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => fail(`script error: ${e.message}`));

  // 1. A class post.
  await page.goto(url("/_helder/nieuw"));
  await page.waitForFunction(() => document.getElementById("voorbeeld-stand").textContent !== "");
  await axeClean(page, "nieuw");
  await noSideways(page, "nieuw at 1366x768");
  await page.getByLabel("Type").selectOption("news");
  await page.getByLabel("Titel").fill("Kanjerles in december");
  await page.getByLabel("Groep 6/7").check();
  await page.getByLabel("Titel").press("Tab"); // the title's change event
  check(await page.getByLabel("Bestandsnaam").inputValue() === "groep-6-7/kanjerles-in-december.md",
    `suggested file name: ${await page.getByLabel("Bestandsnaam").inputValue()}`);
  check((await page.locator("#tekst").inputValue()).includes("## Wat deden we?"), "the class post's agreed parts");
  check(await page.getByLabel("Datum").isVisible(), "a news post shows Datum");
  check(!(await page.getByLabel("Plaats").isVisible()), "a news post hides Plaats");
  await page.getByLabel("Datum").fill("2026-12-17");
  await page.locator("#tekst").fill("## Wat deden we?\n\nWe speelden een spel over de petten.\n\n");
  await page.locator("#tekst").press("End");
  timings.previewAfterTypingMs = await previewAfterTyping(page, "De brief wordt door de juf geschreven.");
  check(await page.locator('#bevindingen li[data-id="passive"]').count() === 1, "the passive sentence is flagged while typing");
  check(timings.previewAfterTypingMs < 1500, `preview took ${timings.previewAfterTypingMs} ms after typing stopped`);
  const marked = await page.frameLocator("#voorbeeld").locator("mark").count();
  check(marked >= 1, "the passive sentence is marked in the preview");
  await Promise.all([
    page.waitForURL("**/_helder/bewerk/groep-6-7/kanjerles-in-december.md", { timeout: 10000 }).catch(async () =>
      fail(`a new page opens as its edit form after saving (${await page.locator("#melding").textContent()})`)),
    page.locator("#opslaan").click(),
  ]);
  const post = fs.existsSync(content("groep-6-7/kanjerles-in-december.md"))
    ? fs.readFileSync(content("groep-6-7/kanjerles-in-december.md"), "utf8") : "";
  check(post.startsWith("---\ntitle: Kanjerles in december\ntype: news\nclasses: [groep-6-7]\ndate: 2026-12-17\n"),
    `the class post on disk: ${post.slice(0, 200)}`);

  // 2. A cap page, at a tablet's size, with the keyboard.
  await page.setViewportSize({ width: 768, height: 1024 });
  const capFile = content("kanjer/gele-pet.md");
  await page.goto(url("/_helder/bewerk/kanjer/gele-pet.md"));
  await page.waitForFunction(() => document.getElementById("voorbeeld-stand").textContent !== "");
  await axeClean(page, "bewerk kanjer/gele-pet.md");
  await noSideways(page, "cap form at 768x1024");
  check(await page.getByLabel("Kleur van de pet").inputValue() === "geel", "the cap's color is shown");
  let reached = new Set();
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press("Tab");
    reached.add(await page.evaluate(() => document.activeElement.dataset.doe || document.activeElement.id));
  }
  for (const id of ["title", "kop", "afbeelding", "tekst", "opslaan"]) check(reached.has(id), `Tab reaches ${id}`);
  await page.getByLabel("Samenvatting").fill("De gele pet hoort bij het konijn. Het konijn is lief.");
  check((await save(page)).startsWith("Opgeslagen"), "the cap page is saved");
  const cap = fs.readFileSync(capFile, "utf8");
  check(cap.includes("summary: De gele pet hoort bij het konijn. Het konijn is lief.\n") &&
    cap.includes("weight: 4\n") && cap.includes("color: geel\n"), `the cap page on disk: ${cap.slice(0, 300)}`);

  // 3. A conflict: someone else saves while the form is open.
  const other = cap.replace("## De sterke kant", "## De sterke kant (door een collega)");
  fs.writeFileSync(capFile, other);
  await page.locator("#tekst").fill("Mijn eigen tekst.");
  const refused = await save(page);
  check(await page.locator("#conflict").isVisible(), `a conflict is shown (${refused})`);
  check((await page.locator("#conflict-mijn").textContent()).includes("Mijn eigen tekst."), "my version is shown");
  check((await page.locator("#conflict-schijf").textContent()).includes("(door een collega)"), "the version on disk is shown");
  check(fs.readFileSync(capFile, "utf8") === other, "the colleague's save is not overwritten");
  check(await page.evaluate(() => document.activeElement.id) === "conflict-kop", "focus moves to the conflict");
  await axeClean(page, "conflict");

  // 4. A screenshot in the manual.
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(url("/_helder/bewerk/ouderportaal/index.md"));
  await page.waitForFunction(() => document.getElementById("voorbeeld-stand").textContent !== "");
  page.once("dialog", (d) => d.accept("Het inlogscherm van het ouderportaal"));
  // A 1x1 PNG, as a screenshot tool would save it.
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==", "base64");
  await page.locator("#tekst").press("Control+End");
  await page.locator("#bestand").setInputFiles({ name: "Schermafbeelding 2026-12-02.png", mimeType: "image/png", buffer: png });
  // (The manual has pictures already: wait for this one.)
  await page.waitForFunction(() => document.getElementById("tekst").value.includes("](schermafbeelding-2026-12-02.png)"), null, { timeout: 10000 })
    .catch(async () => fail(`no image inserted: ${await page.locator("#melding").textContent()}`));
  const text = await page.locator("#tekst").inputValue();
  check(text.includes("![Het inlogscherm van het ouderportaal](schermafbeelding-2026-12-02.png)"), `the image is inserted: ${text.slice(-200)}`);
  check(fs.existsSync(content("ouderportaal/schermafbeelding-2026-12-02.png")), "the screenshot is saved beside the page");
  check((await save(page)).startsWith("Opgeslagen"), "the manual is saved");

  // 5. A page in the preview has a Bewerk link to its form.
  await page.goto(url("/"));
  const bewerk = page.getByRole("link", { name: "Bewerk" });
  check(await bewerk.getAttribute("href") === "/_helder/bewerk/index.md", "the home has a Bewerk link");
  await context.close();
} catch (e) {
  fail(`could not finish: ${e.stack || e.message}`);
} finally {
  await browser.close();
  fs.rmSync(profile, { recursive: true, force: true });
}

for (const f of failures) console.log(`FAIL ${f}`);
console.log(`check-editor: ${failures.length} failures; preview after typing ${timings.previewAfterTypingMs} ms`);
console.log(JSON.stringify({ failures, timings }));
process.exit(failures.length ? 1 : 0);
