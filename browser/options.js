// The options page: whether Annals answers, pairing (the code shown here
// and in Annals), the pages waiting, the port.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
const t = (key, ...subs) => api.i18n.getMessage(key, subs.map(String)) || key;
const $ = id => document.getElementById(id);

document.documentElement.lang = api.i18n.getUILanguage();
// The direction comes with the messages, so it always matches the
// language the page is shown in.
document.documentElement.dir = t("dir") === "rtl" ? "rtl" : "ltr";
for (const el of document.querySelectorAll("[data-i18n]")) el.textContent = t(el.dataset.i18n);

async function refresh() {
  const s = await api.runtime.sendMessage({ type: "status" });
  if (!s || s.error) return;
  $("app").textContent = s.app ? t("optAppRunning", s.app.port) : t("optAppAbsent");
  const paired = s.hasToken && s.app && s.app.paired;
  $("paired").textContent = paired ? t("optPaired") : t("optUnpaired");
  $("paired").dataset.paired = paired ? "yes" : "no";
  $("pair").disabled = !s.app;
  const mb = (s.queued.reduce((a, b) => a + b, 0) / 1048576).toFixed(1);
  $("queue").textContent = t("optQueueCount", s.queued.length, mb);
  if (s.port && document.activeElement !== $("port")) $("port").value = s.port;
}

$("pair").addEventListener("click", () => {
  $("pair").disabled = true;
  $("pair-result").textContent = "";
  const port = api.runtime.connect({ name: "pair" });
  port.onMessage.addListener(m => {
    if (m.code) {
      $("code").textContent = m.code;
      $("pairing").hidden = false;
      return;
    }
    $("pairing").hidden = true;
    $("pair-result").textContent = m.error ? m.error
      : m.state === "allowed" ? t("optPairDone") : m.state === "denied" ? t("optPairRefused") : t("optPairExpired");
    $("pair-result").dataset.state = m.state || "error";
    port.disconnect();
    refresh();
  });
});
$("flush").addEventListener("click", () => api.runtime.sendMessage({ type: "flush" }).then(refresh));
$("clear").addEventListener("click", () => api.runtime.sendMessage({ type: "clear" }).then(refresh));
$("save-port").addEventListener("click", () => api.runtime.sendMessage({ type: "setPort", port: $("port").value }).then(refresh));

refresh();
setInterval(refresh, 3000);
