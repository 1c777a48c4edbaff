// End to end: Debian's chromium, headless, with the unpacked extension
// loaded, saves three pages served on 127.0.0.1 into a running
// `annals serve`, through the extension's own code (pairing on its options
// page, saveTab as the toolbar button calls it), and checks that the
// stored text holds what the browser showed:
//   (a) article text inserted by JavaScript after load,
//   (b) an article shown only with a session cookie set by a login step,
//   (c) an Arabic page in windows-1256.
// Then: saving (a) again says "already saved"; with Annals stopped the page
// waits in the extension's queue and is sent when Annals is back.
//
//   ANNALS_BIN=/path/to/annals node browser/e2e/e2e.mjs   (or: make e2e)
// KEEP=1 keeps the library and the browser profile in the temp folder.
import { spawn, execFileSync } from "node:child_process";
import http from "node:http";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import puppeteer from "puppeteer-core";

const started = Date.now();
const here = path.dirname(fileURLToPath(import.meta.url));
const extPath = path.resolve(here, "..");
const bin = process.env.ANNALS_BIN || path.resolve(here, "../../annals");
const chromium = process.env.CHROMIUM || "/usr/bin/chromium";
const work = fs.mkdtempSync(path.join(os.tmpdir(), "annals-e2e-"));
const db = path.join(work, "annals.db");
let failures = 0;
const check = (ok, what) => {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures++;
};

// ------------------------------------------------------------ the pages

const para = s => `<p>${s}</p>`;
const filler = n => Array.from({ length: n }, (_, i) =>
  para(`Paragraph ${i + 1}: the harbour authority published its yearly report, with the tonnage, the new cranes and the works planned for the coming seasons on the northern quay.`)).join("");

// Arabic letters in windows-1256, for (c): Node encodes only UTF-8, so the
// table comes from decoding every high byte once.
const cp1256 = new Map();
{
  const dec = new TextDecoder("windows-1256");
  for (let b = 0x80; b <= 0xff; b++) cp1256.set(dec.decode(Uint8Array.of(b)), b);
}
const encode1256 = s => Buffer.from([...s].map(ch => ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : (cp1256.get(ch) ?? 0x3f)));

const JS_SENTENCE = "The lighthouse keeper counted 4812 ships passing the cape during the winter storms.";
const MEMBER_SENTENCE = "Members read that the cooperative doubled its olive harvest after the new press arrived.";
const AR_SENTENCE = "افتتحت المكتبة الوطنية قاعة جديدة للمخطوطات النادرة في الثالث من آذار";
const arFiller = Array.from({ length: 6 }, (_, i) =>
  para(`الفقرة ${i + 1}: قال مدير المكتبة إن القاعة تضم أكثر من ألفي مخطوطة، وإن الباحثين يستطيعون زيارتها كل يوم من الصباح حتى المساء بعد حجز موعد.`)).join("");

function pages(req, res) {
  const cookie = req.headers.cookie || "";
  if (req.url === "/js" || req.url === "/js?from=link") {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!DOCTYPE html><html lang="en"><head><title>Lighthouse</title></head><body>
<main><article id="story"><h1>Lighthouse winter</h1><p id="loading">Loading…</p></article></main>
<script>
window.addEventListener("load", () => setTimeout(() => {
  document.getElementById("loading").remove();
  const a = document.getElementById("story");
  a.insertAdjacentHTML("beforeend", ${JSON.stringify(para(JS_SENTENCE) + filler(6))});
  a.dataset.ready = "yes";
}, 400));
</script></body></html>`);
    return;
  }
  if (req.url === "/links") {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!DOCTYPE html><html><head><title>Links</title></head><body><a href="/js?from=link">Lighthouse</a></body></html>`);
    return;
  }
  if (req.url === "/login" && req.method === "POST") {
    res.writeHead(303, { "Set-Cookie": "session=member-42; Path=/; HttpOnly", Location: "/members" });
    res.end();
    return;
  }
  if (req.url === "/login") {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(`<!DOCTYPE html><html><head><title>Log in</title></head><body><form method="post" action="/login"><button id="go">Log in</button></form></body></html>`);
    return;
  }
  if (req.url === "/members") {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(cookie.includes("session=member-42")
      ? `<!DOCTYPE html><html><head><title>Olive harvest</title></head><body><article><h1>Olive harvest</h1>${para(MEMBER_SENTENCE)}${filler(6)}</article></body></html>`
      : `<!DOCTYPE html><html><head><title>Members only</title></head><body><p>Please log in to read this article.</p></body></html>`);
    return;
  }
  if (req.url === "/ar") {
    res.writeHead(200, { "Content-Type": "text/html; charset=windows-1256" });
    res.end(encode1256(`<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="windows-1256"><title>قاعة المخطوطات</title></head><body><article><h1>قاعة المخطوطات</h1>${para(AR_SENTENCE)}${arFiller}</article></body></html>`));
    return;
  }
  res.writeHead(404);
  res.end();
}

// ------------------------------------------------------------ annals serve

function startServe() {
  const p = spawn(bin, ["--db", db, "serve"], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  const waiters = [];
  p.stdout.on("data", d => {
    out += d;
    for (const w of [...waiters]) {
      const m = out.match(w.re);
      if (m) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
    }
  });
  const waitFor = (re, ms = 60000) => new Promise((resolve, reject) => {
    const m = out.match(re);
    if (m) return resolve(m);
    waiters.push({ re, resolve });
    setTimeout(() => reject(new Error(`annals serve never printed ${re}; it printed:\n${out}`)), ms);
  });
  return { p, waitFor, output: () => out };
}

function show(id) {
  return JSON.parse(execFileSync(bin, ["--db", db, "show", String(id), "--json"], { encoding: "utf8" }));
}

// ------------------------------------------------------------ the run

const site = http.createServer(pages);
await new Promise(r => site.listen(0, "127.0.0.1", r));
const origin = `http://127.0.0.1:${site.address().port}`;

let serve = startServe();
const appPort = Number((await serve.waitFor(/127\.0\.0\.1:(\d+)/))[1]);

const userData = fs.mkdtempSync(path.join(os.tmpdir(), "annals-e2e-profile-"));
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  pipe: true,
  enableExtensions: [extPath],
  userDataDir: userData,
  args: ["--no-sandbox", "--no-first-run", "--lang=en-US"],
});
try {
  const swTarget = await browser.waitForTarget(t => t.type() === "service_worker" && t.url().endsWith("/background.js"), { timeout: 60000 });
  const extId = new URL(swTarget.url()).host;
  const worker = await swTarget.worker();
  check(!!extId, `the extension is loaded (${extId})`);

  // Pairing, as a reader does it: the options page shows a code, Annals
  // (here the terminal of `annals serve`) shows the same, the reader allows.
  const opts = await browser.newPage();
  await opts.goto(`chrome-extension://${extId}/options.html`);
  await opts.$eval("#port", (el, p) => { el.value = String(p); }, appPort);
  await opts.click("#save-port");
  await opts.waitForFunction(() => !document.getElementById("pair").disabled, { timeout: 60000 });
  await opts.click("#pair");
  await opts.waitForFunction(() => document.getElementById("code").textContent.trim() !== "", { timeout: 60000 });
  const extCode = await opts.$eval("#code", el => el.textContent.trim());
  const appCode = (await serve.waitFor(/Code: (\d{3} \d{3})/))[1];
  check(extCode === appCode, `the extension and Annals show the same code (${extCode} / ${appCode})`);
  serve.p.stdin.write(appCode + "\n");
  await opts.waitForFunction(() => document.getElementById("pair-result").dataset.state === "allowed", { timeout: 60000 });
  check(true, "paired");

  // saveTab is what the toolbar button, the menu item and the shortcut
  // run; headless chromium has no toolbar to click.
  const saveThrough = async url => worker.evaluate(async u => {
    const [tab] = await chrome.tabs.query({ url: u });
    const result = await saveTab(tab.id);
    return { result, badge: await chrome.action.getBadgeText({ tabId: tab.id }), title: await chrome.action.getTitle({ tabId: tab.id }) };
  }, url);

  // (a) text inserted by a script after load
  const a = await browser.newPage();
  await a.goto(`${origin}/js`);
  await a.waitForSelector("#story[data-ready=yes]");
  const aShown = await a.$eval("#story", el => el.innerText);
  let r = await saveThrough(`${origin}/js`);
  check(r.result.status === "saved" && r.badge === "✓", `(a) scripted page saved: ${JSON.stringify(r)}`);
  let stored = show(r.result.id);
  check(aShown.includes(JS_SENTENCE) && stored.text.includes(JS_SENTENCE), "(a) the stored text holds the sentence the script inserted");
  check(!stored.text.includes("Loading…"), "(a) the placeholder the script removed is not kept");

  // saving it again updates the same article
  r = await saveThrough(`${origin}/js`);
  check(r.result.status === "already_saved" && r.badge === "=", `(a) saved again says already saved: ${JSON.stringify(r)}`);

  // (b) behind a login
  const b = await browser.newPage();
  await b.goto(`${origin}/login`);
  await Promise.all([b.waitForNavigation(), b.click("#go")]);
  const bShown = await b.evaluate(() => document.body.innerText);
  r = await saveThrough(`${origin}/members`);
  check(r.result.status === "saved", `(b) members' page saved: ${JSON.stringify(r)}`);
  stored = show(r.result.id);
  check(bShown.includes(MEMBER_SENTENCE) && stored.text.includes(MEMBER_SENTENCE), "(b) the stored text is the members' article the browser showed");
  check(!stored.text.includes("Please log in"), "(b) not the login wall (the app did not fetch the URL again)");

  // (c) Arabic in windows-1256
  const c = await browser.newPage();
  await c.goto(`${origin}/ar`);
  const cShown = await c.evaluate(() => document.body.innerText);
  r = await saveThrough(`${origin}/ar`);
  check(r.result.status === "saved", `(c) Arabic page saved: ${JSON.stringify(r)}`);
  stored = show(r.result.id);
  check(cShown.includes(AR_SENTENCE) && stored.text.includes(AR_SENTENCE), "(c) the stored text holds the Arabic sentence, correctly decoded");
  check(stored.title === "قاعة المخطوطات", `(c) the Arabic title: ${stored.title}`);

  // (d) the link menu: the linked page is opened in a background tab as
  // the reader would see it (its script runs), saved, and the tab closed.
  const links = await browser.newPage();
  await links.goto(`${origin}/links`);
  r = await worker.evaluate(async (u, href) => {
    const [tab] = await chrome.tabs.query({ url: u });
    const result = await saveLink(href, tab.id);
    return { result, tabs: (await chrome.tabs.query({ url: href })).length };
  }, `${origin}/links`, `${origin}/js?from=link`);
  check(r.result.status === "saved" && r.tabs === 0, `(d) a linked page saved from the link menu, its tab closed: ${JSON.stringify(r)}`);
  stored = show(r.result.id);
  check(stored.text.includes(JS_SENTENCE), "(d) the linked page's text is what its script drew");

  // Annals closed: the page waits in the extension and goes when it is back.
  serve.p.kill("SIGTERM");
  await new Promise(res => serve.p.on("exit", res));
  const d = await browser.newPage();
  await d.goto(`${origin}/members`);
  r = await saveThrough(`${origin}/members`);
  check(r.result.status === "queued" && r.badge === "1", `with Annals closed the page waits: ${JSON.stringify(r)}`);
  serve = startServe();
  const again = Number((await serve.waitFor(/127\.0\.0\.1:(\d+)/))[1]);
  if (again !== appPort) await worker.evaluate(p => chrome.storage.local.set({ port: p }), again);
  await worker.evaluate(() => flushQueue());
  const left = await worker.evaluate(async () => (await chrome.storage.local.get({ queue: [] })).queue.length);
  check(left === 0, `the waiting page was sent when Annals came back (${left} left)`);
  const count = JSON.parse(execFileSync(bin, ["--db", db, "list", "--json"], { encoding: "utf8" })).length;
  check(count === 4, `the library holds 4 articles (${count}): the re-sent page updated (b)`);
} finally {
  await browser.close();
  serve.p.kill("SIGTERM");
  site.close();
  if (!process.env.KEEP) for (const d of [work, userData]) fs.rmSync(d, { recursive: true, force: true });
}
// Firefox: the .xpi `make browser-ext` built installs (temporarily, as an
// unsigned add-on) in Debian's firefox-esr through WebDriver BiDi; Firefox
// refuses a manifest with only a service worker, so this checks the
// Firefox package's own manifest. Driving a save needs the toolbar, which
// BiDi cannot reach (nor may it open moz-extension:// pages), so saving
// itself is checked in chromium only. Skipped without firefox-esr.
const firefox = process.env.FIREFOX || "/usr/bin/firefox-esr";
const dist = path.resolve(here, "../../dist");
const xpis = fs.existsSync(dist) ? fs.readdirSync(dist).filter(f => /^annals-browser-.*\.xpi$/.test(f)).map(f => path.join(dist, f)) : [];
xpis.sort((x, y) => fs.statSync(y).mtimeMs - fs.statSync(x).mtimeMs);
if (!fs.existsSync(firefox) || !xpis.length) {
  console.log(`skip Firefox: ${fs.existsSync(firefox) ? "no dist/annals-browser-*.xpi (make browser-ext)" : firefox + " not installed"}`);
} else {
  const ff = await puppeteer.launch({ browser: "firefox", executablePath: firefox, headless: true });
  try {
    const id = await ff.installExtension(xpis[0]);
    check(id === "{6f1c3b2e-8d4a-4e0b-9c57-2a1d9e7f4b63}", `Firefox installs ${path.basename(xpis[0])} (${id})`);
  } catch (e) {
    check(false, `Firefox installs ${path.basename(xpis[0])}: ${e.message.split("\n")[0]}`);
  } finally {
    await ff.close();
  }
}

console.log(`${failures ? "FAILED" : "passed"}: ${failures} failure(s) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
process.exit(failures ? 1 : 0);
