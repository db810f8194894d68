// What every embedded page shares: the page state, translated strings, formatting, lists.
import { createAppBridge } from "./bridge.js";
import { createApiFetch } from "./api.js";

export const main = document.querySelector("main");
const stringsTag = document.getElementById("pane-strings");
const strings = stringsTag ? JSON.parse(stringsTag.textContent) : {};
const LOCALES = { de: "de-DE", en: "en-GB" };
export const locale = LOCALES[document.documentElement.lang] || "en-GB";

export const t = (key, values = {}) =>
  (strings[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
export const slot = (name) => main.querySelector(`[data-slot="${name}"]`);

export class ApiError extends Error {
  constructor(status, body, requestId) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code;
    this.extra = (body && body.extra) || {};
    this.requestId = requestId;
  }
}

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) if (value != null && value !== false) el.setAttribute(key, value);
  el.append(...children.flat().filter((c) => c != null).map((c) => (c instanceof Node ? c : String(c))));
  return el;
}

export const money = (value, currency = "EUR") =>
  value == null ? "–" : new Intl.NumberFormat(locale, { style: "currency", currency }).format(value);
export const number = (value) => (value == null ? "–" : new Intl.NumberFormat(locale).format(value));
export const percent = (value) =>
  value == null ? "–" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value / 100);
const DAY = { day: "2-digit", month: "2-digit", year: "numeric" };
export const day = (iso) => (iso ? new Intl.DateTimeFormat(locale, DAY).format(new Date(iso.length === 10 ? `${iso}T12:00:00` : iso)) : "–");
export const time = (iso) =>
  iso ? new Intl.DateTimeFormat(locale, { ...DAY, hour: "2-digit", minute: "2-digit" }).format(new Date(iso)) : "–";

const TONES = {
  PAID: "good", COMPLETELY_SHIPPED: "good", COMPLETELY_ON_DELIVERY_NOTE: "good", COMPLETED_WITHOUT_SHIPMENT: "good",
  PARTIALLY_PAID: "warn", PARTIALLY_SHIPPED: "warn", PARTIALLY_ON_DELIVERY_NOTE: "warn", PENDING: "warn",
  UNPAID: "bad", CANCELLED: "muted", CREDITED: "muted", OPEN: "info", LOCKED: "bad", LOW: "bad",
};
export function badge(status, text) {
  if (!status) return null;
  return h("span", { class: `badge ${TONES[status] || "info"}`, "data-status": status }, text ?? t(`status.${status}`));
}

export function text(name, value) {
  const el = slot(name);
  if (el) el.textContent = value == null || value === "" ? "–" : String(value);
}

// A list of records as cards: {title, badges, meta, amount, sub}; empty shows its own text.
export function list(name, items, view, emptyKey = "none") {
  const ul = slot(name);
  const entries = items.map((item) => {
    const v = view(item);
    return h("li", { class: "row" },
      h("div", { class: "row-head" }, h("span", { class: "row-title" }, v.title ?? "–"), ...(v.badges || [])),
      v.meta ? h("div", { class: "row-meta" }, v.meta) : null,
      v.amount != null ? h("div", { class: "row-amount" }, v.amount, v.sub ? h("span", { class: "row-sub" }, v.sub) : null) : null);
  });
  ul.replaceChildren(...(entries.length ? entries : [h("li", { class: "row empty-row" }, t(emptyKey))]));
}

// -- states ------------------------------------------------------------------------------
const panel = () => main.querySelector("[data-state-panel]");
let retry = null;

export function setState(state, detail = {}) {
  // "first data paint", as make bench measures it: the first time data is on screen.
  if (state === "ready" && !performance.getEntriesByName("jtl:data-ready").length) {
    performance.mark("jtl:data-ready");
  }
  main.dataset.state = state;
  main.setAttribute("aria-busy", String(state === "loading"));
  main.querySelector("[data-content]").hidden = state !== "ready" && state !== "loading";
  const box = panel();
  box.className = `state-panel state-${state}`;
  box.replaceChildren(...stateContent(state, detail));
  if (state === "error") box.querySelector("button")?.focus({ preventScroll: true });
}

function stateContent(state, detail) {
  if (state === "loading") return [h("p", { class: "loading-label" }, h("span", { class: "spinner", "aria-hidden": "true" }), detail.label || t("loading"))];
  if (state === "ready") return detail.note ? [h("p", {}, detail.note)] : [];
  if (state === "empty") return [h("h2", {}, detail.title), h("p", {}, detail.text)];
  if (state === "not-embedded") return [h("h2", {}, t("notEmbedded.title")), h("p", {}, t("notEmbedded.text"))];
  if (state === "permission") {
    return [h("h2", {}, t("permission.title")), h("p", {}, t("permission.text", { permission: detail.permission })),
      h("p", {}, t("permission.who"))];
  }
  const parts = [h("h2", {}, detail.title || t("error.title")), h("p", {}, detail.text)];
  if (retry) parts.push(h("p", {}, h("button", { type: "button", "data-testid": "retry" }, t("retry"))));
  if (detail.requestId) parts.push(h("p", { class: "request-id" }, t("requestId"), " ", h("code", { "data-testid": "request-id" }, detail.requestId)));
  return parts;
}

export async function getJson(apiFetch, path, init) {
  const response = await apiFetch(path, init);
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body, response.headers.get("X-Request-ID"));
  return body;
}

const SCOPE_WORDS = (scope) => t(`scope.${scope}`) === `scope.${scope}` ? t("scope.unknown") : t(`scope.${scope}`);

export function showError(error) {
  const code = error && error.code;
  const requestId = error && error.requestId;
  if (code === "erp_forbidden" || code === "scope_not_declared" || error?.status === 403 && code !== "tenant_not_active") {
    const scope = error.extra?.scope || error.extra?.missingScope;
    return setState("permission", { permission: scope ? SCOPE_WORDS(scope) : t("scope.unknown") });
  }
  let key = "error.generic";
  if (code === "tenant_not_active") key = "error.tenant_not_active";
  else if (code === "not_found") key = "error.not_found";
  else if (error?.status === 429 || code === "erp_rate_limited") key = "error.busy";
  else if (error?.status === 504 || code === "erp_timeout") key = "error.timeout";
  else if (error?.status >= 500 || (typeof code === "string" && code.startsWith("erp_"))) key = "error.unavailable";
  setState("error", { text: t(key), requestId });
}

// Connect to the host (whenever its handshake comes), then run the page; errors offer a retry.
export async function boot(run) {
  setState("loading");
  const bridge = await createAppBridge({ onWaiting: () => setState("not-embedded") });
  const apiFetch = createApiFetch(bridge);
  const attempt = async () => {
    setState("loading");
    try {
      await run({ bridge, apiFetch });
    } catch (error) {
      showError(error);
    }
  };
  retry = attempt;
  main.addEventListener("click", (event) => {
    if (event.target.closest?.("[data-testid=retry]") && retry) retry();
  });
  await attempt();
}

// Follow a host selection: only the answer for the newest selection is shown.
export function follower(render) {
  let latest = 0;
  let lastId = null;
  const show = async (id) => {
    const mine = ++latest;
    lastId = id;
    retry = () => show(lastId);
    setState("loading");
    try {
      const done = await render(id, () => mine === latest);
      if (mine === latest && done !== false) setState("ready");
    } catch (error) {
      if (mine === latest) showError(error);
    }
  };
  return show;
}
