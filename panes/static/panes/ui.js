// What every embedded page shares: state on <main>, translated strings, DOM and number helpers.
import { createAppBridge, NotEmbeddedError } from "./bridge.js";
import { createApiFetch } from "./api.js";

export const main = document.querySelector("main");
const stringsTag = document.getElementById("pane-strings");
const strings = stringsTag ? JSON.parse(stringsTag.textContent) : {};
const lang = document.documentElement.lang || "en";

export const t = (key, values = {}) =>
  (strings[key] ?? key).replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? ""));
export const label = (status) => (status ? t(`status.${status}`) : "–");
export const slot = (name) => main.querySelector(`[data-slot="${name}"]`);

export class ApiError extends Error {
  constructor(status, body) {
    super((body && body.message) || `HTTP ${status}`);
    this.status = status;
    this.code = body && body.code;
  }
}

export function setState(state, message) {
  // "first data paint", as make bench measures it: the first time data is on screen.
  if (state === "ready" && !performance.getEntriesByName("jtl:data-ready").length) {
    performance.mark("jtl:data-ready");
  }
  main.dataset.state = state;
  main.setAttribute("aria-busy", String(state === "loading"));
  const status = main.querySelector(".status");
  if (status) status.textContent = message ?? t(state);
  main.querySelector("[data-content]").hidden = state === "not-embedded";
}

export function text(name, value) {
  const el = slot(name);
  if (el) el.textContent = value == null || value === "" ? "–" : String(value);
}

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) if (value != null) el.setAttribute(key, value);
  el.append(...children.map((c) => (c instanceof Node ? c : String(c ?? "–"))));
  return el;
}

// Rows of <td>; a cell is a value or [value, className]. An empty list shows one "none" row.
export function rows(name, items, cells) {
  const body = slot(name);
  const columns = body.closest("table").querySelectorAll("thead th").length;
  const list = items.map((item) =>
    h("tr", {}, ...cells(item).map((c) => (Array.isArray(c) ? h("td", { class: c[1] }, c[0]) : h("td", {}, c)))),
  );
  body.replaceChildren(...(list.length ? list : [h("tr", {}, h("td", { colspan: columns }, t("none")))]));
}

export const money = (value, currency = "EUR") =>
  value == null ? "–" : new Intl.NumberFormat(lang, { style: "currency", currency }).format(value);
export const number = (value) => (value == null ? "–" : new Intl.NumberFormat(lang).format(value));
export const percent = (value) => (value == null ? "–" : `${number(value)} %`);
export const day = (iso) => (iso ? new Intl.DateTimeFormat(lang).format(new Date(iso)) : "–");

export async function getJson(apiFetch, path, init) {
  const response = await apiFetch(path, init);
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

export function showError(error) {
  const code = error && error.code;
  let key = "error";
  if (code === "tenant_not_active" || code === "not_found") key = `error.${code}`;
  else if (code === "erp_forbidden") key = "error.forbidden";
  else if (typeof code === "string" && code.startsWith("erp_")) key = "error.erp";
  setState("error", t(key));
}

// Connect to the host, then run the page; a top-level or unanswered page says so instead.
export async function boot(run) {
  setState("loading");
  let bridge;
  try {
    bridge = await createAppBridge();
  } catch (error) {
    if (!(error instanceof NotEmbeddedError)) return showError(error);
    main.querySelector(".not-embedded").hidden = false;
    return setState("not-embedded", "");
  }
  try {
    await run({ bridge, apiFetch: createApiFetch(bridge) });
  } catch (error) {
    showError(error);
  }
}

// Follow a host selection: only the answer for the newest selection is shown.
export function follower(render) {
  let latest = 0;
  return async (id) => {
    const mine = ++latest;
    setState("loading");
    try {
      const done = await render(id, () => mine === latest);
      if (mine === latest && done !== false) setState("ready");
    } catch (error) {
      if (mine === latest) showError(error);
    }
  };
}
