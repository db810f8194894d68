/**
 * Host side of JTL's AppBridge wire protocol for the sandbox ERP shell (jtl/platform.md §6.2).
 *
 * For every app iframe the shell loads, this module offers a fresh MessageChannel port in a
 * {type: "HANDSHAKE"} message every 100 ms until the page calls `completeHandshake` on one of
 * them; from then on method calls and events travel as {id, type, body} on that port. The shell
 * sets each iframe's src itself, after listening for `load`, so it can tell a reload (which
 * needs a new handshake) from the first load.
 *
 * Browser tests drive it through `window.jtlHost`.
 */

const HANDSHAKE_INTERVAL_MS = 100;
const CALL_TIMEOUT_MS = 30_000;
const OPEN_ATTEMPTS = 50;
const T = Object.freeze({
  HANDSHAKE: "HANDSHAKE",
  EVENT_TRIGGER: "EVENT_TRIGGER",
  EVENT_TRIGGER_CONFIRMATION: "EVENT_TRIGGER_CONFIRMATION",
  METHOD_CALL: "METHOD_CALL",
  METHOD_CALL_RETURN: "METHOD_CALL_RETURN",
  METHOD_CALL_ERROR: "METHOD_CALL_ERROR",
});
const KINDS = Object.freeze({
  customer: { topic: "CustomerChanged", key: "customerId", context: "customers", path: "customers", param: "customer" },
  salesorder: { topic: "SalesOrderChanged", key: "salesOrderId", context: "salesorders", path: "sales-orders", param: "order" },
});

const page = document.body.dataset;
/**
 * "jtl" (the default) behaves as JTL's documented host does (platform.md §6.2): one
 * MessageChannel per frame, its port re-sent every 100 ms with target "*" (later sends throw,
 * the port being transferred already), the handshake starting on the iframe's `load`, and
 * silence on unknown methods. "jtl-2025" is that host of the predecessor SDK: it also exposes
 * only getSessionToken (plus completeHandshake). "sandbox" is the lenient older shell: a fresh
 * port per tick to the frame's origin, from the moment the src is set, errors on unknown methods.
 * Pick one with ?bridge=... on any shell page.
 */
const MODE = new URLSearchParams(location.search).get("bridge") || page.bridgeMode || "jtl";
const DOCUMENTED = MODE === "jtl" || MODE === "jtl-2025";
/** ?handshakeDelayMs=4000 holds the first handshake back, as a slow ERP host would. */
const HANDSHAKE_DELAY_MS = Number(new URLSearchParams(location.search).get("handshakeDelayMs")) || 0;
const log = [];
const bridges = [];
const selection = { customerId: page.customerId || null, salesOrderId: page.salesOrderId || null };
let counter = 0;

function nextId() {
  counter += 1;
  return globalThis.crypto?.randomUUID?.() ?? `host-${Date.now()}-${counter}`;
}

const SECRET_KEYS = new Set(["accessToken", "sessionToken"]);

/** The debug log keeps message shapes, never token values (a token is a credential). */
function redacted(value) {
  if (typeof value === "string" && /^ey[\w-]+\.[\w-]+\./.test(value)) return "[token]";
  if (Array.isArray(value)) return value.map(redacted);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, SECRET_KEYS.has(key) ? "[token]" : redacted(item)]),
    );
  }
  return value;
}

function record(direction, frameId, message) {
  log.push({ at: Date.now(), direction, frameId, message: redacted(message) });
}

async function postJson(path, body) {
  const response = await fetch(`${page.hostBase}api/${path}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tenantId: page.tenantId, userId: page.userId, ...body }),
  });
  const data = await response.json();
  if (!response.ok) throw new Error(data.error || `HTTP ${response.status}`);
  return data;
}

async function install() {
  const result = await postJson("install", {});
  const status = document.getElementById("install-status");
  if (status) {
    const call = result.call;
    const answer = call.status ? `the app answered ${call.status}.` : call.error;
    status.textContent = call.url ? `Installed. POST ${call.url}: ${answer}` : `Installed; ${answer}.`;
    status.dataset.installed = "true";
  }
  return result;
}

function hostMethods(bridge) {
  if (MODE === "jtl-2025") {
    return {
      completeHandshake: () => true,
      getSessionToken: async () => (await postJson("session-token", {})).sessionToken,
      setupCompleted: async () => {
        if (bridge.role === "setup") await install();
        return true;
      },
      getCurrentCustomerId: () => selection.customerId,
      getCurrentSalesOrderId: () => selection.salesOrderId,
    };
  }
  return {
    completeHandshake: () => true,
    getAppToken: async () => ({ accessToken: (await postJson("app-token", {})).accessToken }),
    getSessionToken: async () => (await postJson("session-token", {})).sessionToken,
    setupCompleted: async () => {
      if (bridge.role === "setup") await install();
      return true;
    },
    getCurrentCustomerId: () => selection.customerId,
    getCurrentSalesOrderId: () => selection.salesOrderId,
  };
}

class HostBridge {
  constructor(iframe) {
    this.iframe = iframe;
    this.id = iframe.dataset.frameId;
    this.role = iframe.dataset.role;
    this.context = iframe.dataset.context || null;
    this.src = new URL(iframe.dataset.src, location.href).href;
    this.origin = new URL(this.src).origin;
    this.methods = hostMethods(this);
    this.port = null;
    this.attempts = [];
    this.timer = null;
    this.pending = new Map();
    this.loads = 0;
  }

  start() {
    this.iframe.addEventListener("load", () => {
      this.loads += 1;
      if (DOCUMENTED || this.loads > 1) this.handshake();
    });
    this.iframe.src = this.src;
    if (!DOCUMENTED) this.handshake();
  }

  handshake() {
    if (HANDSHAKE_DELAY_MS && !this.delayed) {
      this.delayed = true;
      setTimeout(() => this.handshake(), HANDSHAKE_DELAY_MS);
      return;
    }
    this.stop(new Error("The app page reloaded"));
    record("out", this.id, { type: T.HANDSHAKE });
    this.timer = setInterval(() => this.offer(), HANDSHAKE_INTERVAL_MS);
    this.offer();
  }

  stop(reason) {
    clearInterval(this.timer);
    for (const { reject } of this.pending.values()) reject(reason);
    this.pending.clear();
    for (const port of this.attempts) port.close();
    this.port?.close();
    this.port = null;
    this.attempts = [];
    this.channel = null;
  }

  offer() {
    if (DOCUMENTED) return this.offerDocumented();
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => this.receive(channel.port1, event.data);
    this.attempts.push(channel.port1);
    if (this.attempts.length > OPEN_ATTEMPTS) this.attempts.shift().close();
    // Posting to a frame still showing about:blank is dropped by the browser; the next tick retries.
    this.iframe.contentWindow?.postMessage({ type: T.HANDSHAKE }, this.origin, [channel.port2]);
  }

  /** JTL's host: one channel, the same port2 posted again each tick with target "*". */
  offerDocumented() {
    if (!this.channel) {
      this.channel = new MessageChannel();
      const port = this.channel.port1;
      port.onmessage = (event) => this.receive(port, event.data);
      this.attempts.push(port);
    }
    try {
      this.iframe.contentWindow?.postMessage({ type: T.HANDSHAKE }, "*", [this.channel.port2]);
    } catch {
      // DataCloneError: the port was transferred by an earlier tick, as in JTL's host.
    }
  }

  connect(port) {
    clearInterval(this.timer);
    for (const attempt of this.attempts) if (attempt !== port) attempt.close();
    this.attempts = [];
    this.port = port;
  }

  send(port, message) {
    record("out", this.id, message);
    port.postMessage(message);
  }

  receive(port, message) {
    record("in", this.id, message);
    if (!message || typeof message !== "object") return;
    if (message.type === T.METHOD_CALL) {
      this.answer(port, message);
    } else if (message.type === T.EVENT_TRIGGER) {
      this.send(port, { id: message.id, type: T.EVENT_TRIGGER_CONFIRMATION });
      const detail = { frameId: this.id, ...message.body };
      window.dispatchEvent(new CustomEvent("jtl-host:app-event", { detail }));
    } else {
      this.settle(message);
    }
  }

  async answer(port, { id, body }) {
    const name = body?.methodName;
    const args = Array.isArray(body?.args) ? body.args : [];
    if (!Object.hasOwn(this.methods, name)) {
      if (DOCUMENTED) {
        record("silent", this.id, { methodName: name, note: `Method ${name} is not exposed` });
        return;
      }
      this.send(port, { id, type: T.METHOD_CALL_ERROR, body: { message: `Method ${name} is not exposed` } });
      return;
    }
    if (name === "completeHandshake") this.connect(port);
    try {
      const result = await this.methods[name](...args);
      this.send(port, { id, type: T.METHOD_CALL_RETURN, body: result });
    } catch (error) {
      this.send(port, { id, type: T.METHOD_CALL_ERROR, body: { message: String(error?.message ?? error) } });
    }
  }

  settle({ id, type, body }) {
    const waiting = this.pending.get(id);
    if (!waiting) return;
    this.pending.delete(id);
    clearTimeout(waiting.timeout);
    if (type === T.METHOD_CALL_ERROR) waiting.reject(new Error(body?.message ?? "App method failed"));
    else waiting.resolve(type === T.METHOD_CALL_RETURN ? body : true);
  }

  request(type, body) {
    if (!this.port) return Promise.reject(new Error(`Frame ${this.id} has not completed the handshake`));
    const id = nextId();
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`Frame ${this.id} did not answer ${type} within ${CALL_TIMEOUT_MS} ms`));
      }, CALL_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timeout });
      this.send(this.port, { id, type, body });
    });
  }

  callApp(methodName, ...args) {
    return this.request(T.METHOD_CALL, { methodName, args });
  }

  trigger(topic, payload) {
    return this.request(T.EVENT_TRIGGER, { topic, payload });
  }
}

function markSelected(id) {
  for (const row of document.querySelectorAll("tr[data-record-id]")) {
    row.classList.toggle("selected", row.dataset.recordId === id);
  }
}

/** Show another record without touching the pane iframes, then tell the panes about it. */
async function selectRecord(kind, id) {
  const spec = KINDS[kind];
  const response = await fetch(`${page.hostBase}${spec.path}/${encodeURIComponent(id)}/detail`, {
    credentials: "same-origin",
  });
  const detail = document.getElementById("record-detail");
  if (detail) detail.innerHTML = await response.text();
  if (!response.ok) throw new Error(`No ${kind} ${id} (HTTP ${response.status})`);
  selection[spec.key] = id;
  markSelected(id);
  const url = new URL(location.href);
  url.searchParams.set(spec.param, id);
  history.replaceState(null, "", url);
  const listeners = bridges.filter((b) => b.context === spec.context && b.port);
  return Promise.allSettled(listeners.map((b) => b.trigger(spec.topic, { [spec.key]: id })));
}

function onClick(event) {
  const link = event.target.closest?.("a[data-select]");
  if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
  event.preventDefault();
  selectRecord(link.dataset.select, link.dataset.recordId).catch((error) => record("error", null, String(error)));
}

for (const iframe of document.querySelectorAll("iframe[data-src][data-frame-id]")) {
  const bridge = new HostBridge(iframe);
  bridges.push(bridge);
  bridge.start();
}
document.addEventListener("click", onClick);

window.jtlHost = Object.freeze({
  mode: MODE,
  log,
  bridges,
  selection,
  bridge: (frameId) => bridges.find((b) => b.id === frameId) ?? null,
  callApp: (methodName, ...args) => {
    const bridge = bridges.find((b) => b.port);
    return bridge ? bridge.callApp(methodName, ...args) : Promise.reject(new Error("No app frame is connected"));
  },
  selectCustomer: (customerId) => selectRecord("customer", customerId),
  selectSalesOrder: (salesOrderId) => selectRecord("salesorder", salesOrderId),
});
