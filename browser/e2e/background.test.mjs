// The extension's queue, without a browser: background.js runs against a
// stand-in for the chrome.* API and fetch, so the 50 MB bound and the
// sending order can be checked exactly. (make e2e runs it: node --test.)
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const store = {};
const badges = [];
const sent = [];
let app = "down"; // "down": nothing listens; "up": Annals saves; "revoked": 401
const L = { addListener() {}, removeListener() {} };
globalThis.chrome = {
  i18n: { getMessage: (k, subs) => k + (subs && subs.length ? ":" + subs.join(",") : "") },
  storage: {
    local: {
      get: async defs => Object.fromEntries(Object.entries(defs).map(([k, d]) => [k, k in store ? structuredClone(store[k]) : d])),
      set: async o => { Object.assign(store, structuredClone(o)); },
    },
  },
  action: { onClicked: L, setBadgeText: async o => badges.push(o.text), setBadgeBackgroundColor: async () => {}, setTitle: async () => {} },
  runtime: { onInstalled: L, onStartup: L, onMessage: L, onConnect: L, openOptionsPage() {} },
  alarms: { onAlarm: L, create() {} },
  contextMenus: { onClicked: L, create() {} },
  commands: { onCommand: L },
  tabs: { onUpdated: L },
};
globalThis.fetch = async (url, init) => {
  if (app === "down") throw new TypeError("Failed to fetch");
  const p = new URL(url).pathname;
  const reply = (status, body) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  if (p === "/ping") return reply(200, { app: "annals", paired: app === "up" });
  if (p === "/save") {
    if (app === "revoked") return reply(401, { error: "not paired" });
    const page = JSON.parse(init.body);
    if (page.html === "no article") return reply(422, { error: "No article on this page." });
    sent.push(page.url);
    return reply(200, { id: sent.length, status: "saved", title: page.title });
  }
  return reply(404, {});
};
vm.runInThisContext(fs.readFileSync(path.join(here, "../background.js"), "utf8"), { filename: "background.js" });
const { savePage, flushQueue } = globalThis;
const MB = 1024 * 1024;
const page = (n, mb) => ({ url: `https://example.org/${n}`, title: `Page ${n}`, html: "x".repeat(Math.round(mb * MB)), selection: "" });
const queued = () => (store.queue || []).map(p => p.url);

test("pages wait while Annals is closed, up to 50 MB, and the badge counts them", async () => {
  store.token = "t0k3n";
  let r = await savePage(page(1, 30), 7);
  assert.equal(r.status, "queued");
  assert.equal(badges.at(-1), "1");
  r = await savePage(page(2, 19), 7);
  assert.equal(r.status, "queued");
  assert.equal(badges.at(-1), "2");
  r = await savePage(page(3, 2), 7); // 30 + 19 + 2 > 50
  assert.equal(r.status, "failed");
  assert.match(r.error, /errQueueFull/);
  assert.equal(badges.at(-1), "!");
  assert.deepEqual(queued(), ["https://example.org/1", "https://example.org/2"]);
});

test("a revoked token keeps the page waiting and asks to pair again", async () => {
  app = "revoked";
  const r = await savePage(page(4, 0.001), 7);
  assert.equal(r.status, "queued");
  assert.match(r.error, /errNotPaired/);
  assert.equal(queued().length, 3);
});

test("when Annals answers, the waiting pages go oldest first; one it refuses is dropped", async () => {
  store.queue.splice(1, 0, { ...page(9, 0.001), html: "no article" });
  app = "up";
  await flushQueue();
  assert.deepEqual(queued(), []);
  assert.deepEqual(sent, ["https://example.org/1", "https://example.org/2", "https://example.org/4"]);
  const r = await savePage(page(5, 0.001), 7);
  assert.equal(r.status, "saved");
  assert.equal(badges.at(-1), "✓");
});
