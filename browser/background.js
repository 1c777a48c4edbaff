// Save to Annals: the extension's background (a service worker in
// Chromium, an event page in Firefox; the same file). It serialises the
// page the reader sees and hands it to the Annals app on this computer,
// through its loopback endpoint (data/bridge in the app). Nothing goes to
// any server.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
const t = (key, ...subs) => api.i18n.getMessage(key, subs.map(String)) || key;

const DEFAULT_PORTS = [47615, 47616, 47617, 47618, 47619, 47620, 47621, 47622, 47623, 47624];
const QUEUE_LIMIT = 50 * 1024 * 1024; // what may wait in storage while Annals is closed
const HEADERS = { "Content-Type": "application/json", "X-Annals-Request": "1" };

// ---------------------------------------------------------------- the app

async function settings() {
  return await api.storage.local.get({ port: 0, token: "", queue: [] });
}

// findApp returns the port Annals answers on: the one set in the options,
// else the first of the usual ports that says it is Annals (preferring one
// that knows this browser's token).
async function findApp() {
  const { port, token } = await settings();
  const ports = port ? [port] : DEFAULT_PORTS;
  let first = 0;
  for (const p of ports) {
    try {
      const r = await fetch(`http://127.0.0.1:${p}/ping`, {
        method: "POST", headers: { ...HEADERS, ...(token ? { Authorization: `Bearer ${token}` } : {}) }, body: "{}",
        signal: AbortSignal.timeout(1500),
      });
      if (!r.ok) continue;
      const j = await r.json();
      if (j.app !== "annals") continue;
      if (j.paired) return { port: p, paired: true };
      if (!first) first = p;
    } catch (_) { /* not this port */ }
  }
  return first ? { port: first, paired: false } : null;
}

async function post(port, path, body, token) {
  const headers = { ...HEADERS };
  if (token) headers.Authorization = `Bearer ${token}`;
  const r = await fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  let j = {};
  try { j = await r.json(); } catch (_) { /* an empty answer */ }
  return { status: r.status, body: j };
}

// pair asks Annals to pair this browser; onCode is shown the code Annals
// shows too. It resolves to "allowed", "denied" or "expired".
async function pair(onCode) {
  const app = await findApp();
  if (!app) throw new Error(t("errNoApp"));
  const name = navigator.userAgent.includes("Firefox/") ? "Firefox"
    : navigator.userAgent.includes("Edg/") ? "Edge" : (navigator.userAgentData?.brands?.find(b => !/Not|Chromium/.test(b.brand))?.brand || "Chromium");
  const asked = await post(app.port, "/pair", { browser: name });
  if (asked.status !== 202) throw new Error(asked.body.error || `HTTP ${asked.status}`);
  onCode(asked.body.code);
  for (let i = 0; i < 300; i++) {
    await new Promise(res => setTimeout(res, 1000));
    const st = await post(app.port, "/pair/status", { pairing: asked.body.pairing });
    if (st.status !== 200) return "expired";
    if (st.body.state === "waiting") continue;
    if (st.body.state === "allowed") {
      await api.storage.local.set({ token: st.body.token });
      flushQueue();
    }
    return st.body.state;
  }
  return "expired";
}

// ------------------------------------------------------------ the page

// serialise runs inside the page: the live DOM after its scripts ran, as
// HTML, with a <base> so relative links and images resolve, and the
// document declared UTF-8 (the text travels as JSON, already Unicode).
function serialise() {
  const root = document.documentElement.cloneNode(true);
  let head = root.querySelector("head");
  if (!head) {
    head = document.createElement("head");
    root.insertBefore(head, root.firstChild);
  }
  for (const s of root.querySelectorAll("script, meta[charset], meta[http-equiv]")) {
    if (s.tagName !== "META" || s.hasAttribute("charset") || /content-type/i.test(s.getAttribute("http-equiv") || "")) s.remove();
  }
  let base = head.querySelector("base");
  if (!base) {
    base = document.createElement("base");
    head.insertBefore(base, head.firstChild);
  }
  base.setAttribute("href", document.baseURI);
  const meta = document.createElement("meta");
  meta.setAttribute("charset", "utf-8");
  head.insertBefore(meta, head.firstChild);
  return {
    url: location.href,
    title: document.title,
    html: "<!DOCTYPE html>\n" + root.outerHTML,
    selection: String(window.getSelection ? window.getSelection() : "").trim(),
  };
}

async function capture(tabId) {
  let results;
  try {
    results = await api.scripting.executeScript({ target: { tabId }, func: serialise });
  } catch (e) {
    throw new Error(t("errCannotRead"));
  }
  const page = results && results[0] && results[0].result;
  if (!page || !page.html) throw new Error(t("errCannotRead"));
  return page;
}

// --------------------------------------------------------- saving, queue

// send hands one page to Annals: "saved", "already_saved", or throws; an
// error with .queue set means the page should wait and be sent later.
async function send(page) {
  const app = await findApp();
  if (!app) throw Object.assign(new Error(t("errNoApp")), { queue: true });
  const { token } = await settings();
  if (!token || !app.paired) throw Object.assign(new Error(t("errNotPaired")), { queue: true, pair: true });
  let r;
  try {
    r = await post(app.port, "/save", page, token);
  } catch (e) {
    throw Object.assign(new Error(t("errNoApp")), { queue: true });
  }
  if (r.status === 401) throw Object.assign(new Error(t("errNotPaired")), { queue: true, pair: true });
  if (r.status !== 200) throw new Error(r.body.error || `HTTP ${r.status}`);
  return r.body;
}

async function enqueue(page) {
  const { queue } = await settings();
  const size = queue.reduce((n, p) => n + p.html.length, 0);
  if (size + page.html.length > QUEUE_LIMIT) throw new Error(t("errQueueFull"));
  queue.push({ ...page, queued: Date.now() });
  await api.storage.local.set({ queue });
  return queue.length;
}

let flushing = null;

// flushQueue sends the waiting pages, oldest first, and stops at the first
// that cannot be sent for a reason that would stop the others too.
function flushQueue() {
  if (!flushing) {
    flushing = (async () => {
      try {
        for (;;) {
          const { queue } = await settings();
          if (!queue.length) break;
          try {
            await send(queue[0]);
          } catch (e) {
            if (e.queue) break;
            // Annals refused this page for good (no article in it): drop it.
          }
          const now = (await settings()).queue;
          now.shift();
          await api.storage.local.set({ queue: now });
        }
      } finally {
        flushing = null;
        await showWaiting();
      }
    })();
  }
  return flushing;
}

async function showWaiting(tabId) {
  const { queue } = await settings();
  if (!queue.length) return false;
  await badge(tabId, String(queue.length), "#b45309", t("badgeWaiting", queue.length));
  return true;
}

async function badge(tabId, text, colour, title) {
  const where = tabId ? { tabId } : {};
  await api.action.setBadgeText({ ...where, text });
  await api.action.setBadgeBackgroundColor({ ...where, color: colour });
  await api.action.setTitle({ ...where, title });
}

// saveTab is what the toolbar button, the menu and the shortcut do. It
// returns what the badge shows, for the end-to-end test.
async function saveTab(tabId) {
  await badge(tabId, "…", "#2563eb", t("actionTitle"));
  let page;
  try {
    page = await capture(tabId);
  } catch (e) {
    await badge(tabId, "!", "#b91c1c", t("badgeFailed", e.message));
    return { status: "failed", error: e.message };
  }
  return await savePage(page, tabId);
}

async function savePage(page, tabId) {
  try {
    await flushQueue();
    const r = await send(page);
    const already = r.status === "already_saved";
    await badge(tabId, already ? "=" : "✓", already ? "#2563eb" : "#15803d", t(already ? "badgeAlready" : "badgeSaved", r.title || page.title));
    return r;
  } catch (e) {
    if (e.queue) {
      try {
        const n = await enqueue(page);
        await badge(tabId, String(n), "#b45309", e.message + " " + t("badgeWaiting", n));
        if (e.pair) api.runtime.openOptionsPage();
        return { status: "queued", waiting: n, error: e.message };
      } catch (full) {
        e = full;
      }
    }
    await badge(tabId, "!", "#b91c1c", t("badgeFailed", e.message));
    return { status: "failed", error: e.message };
  }
}

// saveLink opens a linked page in a background tab, as the reader would
// see it (their cookies, its scripts), saves it and closes the tab.
async function saveLink(url, fromTab) {
  const origins = [new URL(url).origin + "/*"];
  // Ask only when the browser has not granted the site yet: the request
  // must come straight from the click, and a granted one needs no prompt.
  let granted = await api.permissions.contains({ origins });
  if (!granted) {
    try {
      granted = await api.permissions.request({ origins });
    } catch (_) { /* not in a user gesture */ }
  }
  if (!granted) {
    await badge(fromTab, "!", "#b91c1c", t("badgeFailed", t("errNoPermission")));
    return { status: "failed", error: t("errNoPermission") };
  }
  const tab = await api.tabs.create({ url, active: false });
  try {
    await new Promise(resolve => {
      const done = (id, info) => {
        if (id === tab.id && info.status === "complete") {
          api.tabs.onUpdated.removeListener(done);
          resolve();
        }
      };
      api.tabs.onUpdated.addListener(done);
      setTimeout(resolve, 30000);
    });
    await new Promise(res => setTimeout(res, 1500)); // let its scripts draw the article
    const page = await capture(tab.id);
    return await savePage(page, fromTab);
  } finally {
    api.tabs.remove(tab.id);
  }
}

// ------------------------------------------------------------- wiring

api.runtime.onInstalled.addListener(() => {
  api.contextMenus.create({ id: "save-page", title: t("menuSavePage"), contexts: ["page", "selection"] });
  api.contextMenus.create({ id: "save-link", title: t("menuSaveLink"), contexts: ["link"] });
  api.alarms.create("flush", { periodInMinutes: 1 });
});
api.runtime.onStartup?.addListener(() => flushQueue());
api.alarms.onAlarm.addListener(a => { if (a.name === "flush") flushQueue(); });
api.action.onClicked.addListener(tab => saveTab(tab.id));
api.commands.onCommand.addListener(async (cmd, tab) => {
  if (cmd !== "save-page") return;
  if (!tab) [tab] = await api.tabs.query({ active: true, currentWindow: true });
  if (tab) saveTab(tab.id);
});
api.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId === "save-link" && info.linkUrl) saveLink(info.linkUrl, tab && tab.id);
  else if (tab) saveTab(tab.id);
});
api.runtime.onMessage.addListener((msg, _sender, reply) => {
  // The options page asks through messages so pairing and the queue live
  // in one place.
  const run = {
    status: async () => {
      const s = await settings();
      return { app: await findApp(), hasToken: !!s.token, port: s.port, queued: s.queue.map(p => p.html.length) };
    },
    setPort: () => api.storage.local.set({ port: Number(msg.port) || 0 }),
    flush: () => flushQueue(),
    clear: () => api.storage.local.set({ queue: [] }).then(() => badge(undefined, "", "#000", t("actionTitle"))),
  }[msg.type];
  if (!run) return false;
  run().then(reply, e => reply({ error: e.message }));
  return true;
});
// Pairing talks over a port: the code first, then Annals' answer.
api.runtime.onConnect.addListener(port => {
  if (port.name !== "pair") return;
  pair(code => port.postMessage({ code }))
    .then(state => port.postMessage({ state }), e => port.postMessage({ error: e.message }));
});
