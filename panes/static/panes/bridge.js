// AppBridge client: JTL's host <-> app wire protocol (platform.md §6.2), no dependencies.
// The host posts {type: "HANDSHAKE"} with a MessagePort to window; we accept it only from an
// origin listed in <meta name="jtl-host-origins">, and all later traffic uses that port.

export const HANDSHAKE_TIMEOUT_MS = 3000;
export const CALL_TIMEOUT_MS = 30000;

export class NotEmbeddedError extends Error {
  constructor(reason) {
    super(`Not embedded in JTL: ${reason}`);
    this.name = "NotEmbeddedError";
    this.reason = reason;
  }
}

export function hostOrigins(doc = document) {
  const meta = doc.querySelector('meta[name="jtl-host-origins"]');
  return (meta ? meta.content : "").split(/\s+/).filter(Boolean);
}

function uuid(cryptoImpl = globalThis.crypto) {
  if (cryptoImpl.randomUUID) return cryptoImpl.randomUUID();
  const b = cryptoImpl.getRandomValues(new Uint8Array(16));
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, "0")).join("");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Resolves with a bridge once the host's handshake arrived and completeHandshake returned;
// rejects with NotEmbeddedError when the page is top-level or no handshake comes in time.
export function createAppBridge(options = {}) {
  const win = options.window || window;
  const origins = options.origins || hostOrigins(win.document);
  const handshakeMs = options.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS;
  const callMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS;
  if (win.top === win) return Promise.reject(new NotEmbeddedError("top-level"));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      win.removeEventListener("message", onMessage);
      reject(new NotEmbeddedError("no-handshake"));
    }, handshakeMs);
    function onMessage(event) {
      const port = event.ports && event.ports[0];
      if (!origins.includes(event.origin) || !port) return;
      if (!event.data || event.data.type !== "HANDSHAKE") return;
      win.removeEventListener("message", onMessage);
      clearTimeout(timer);
      const bridge = connect(port, callMs);
      bridge.method.call("completeHandshake").then(() => resolve(bridge), reject);
    }
    win.addEventListener("message", onMessage);
  });
}

export function connect(port, callMs = CALL_TIMEOUT_MS) {
  const pending = new Map();
  const exposed = new Map();
  const listeners = new Map();
  const send = (message) => port.postMessage(message);

  function request(type, body, label) {
    const id = uuid();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`Plugin timeout: ${label}`));
      }, callMs);
      pending.set(id, { resolve, reject, timer });
      send({ id, type, body });
    });
  }
  function settle(id, ok, value) {
    const entry = pending.get(id);
    if (!entry) return;
    pending.delete(id);
    clearTimeout(entry.timer);
    if (ok) entry.resolve(value);
    else entry.reject(new Error((value && value.message) || String(value || "Host method failed")));
  }
  function runExposed(id, body) {
    const name = body && body.methodName;
    const fn = exposed.get(name);
    if (!fn) {
      console.warn(`Method ${name} is not exposed`);
      return;
    }
    Promise.resolve()
      .then(() => fn(...((body && body.args) || [])))
      .then(
        (result) => send({ id, type: "METHOD_CALL_RETURN", body: result }),
        (error) => send({ id, type: "METHOD_CALL_ERROR", body: { message: String((error && error.message) || error) } }),
      );
  }
  async function trigger(id, body) {
    const fns = [...(listeners.get(body && body.topic) || [])];
    await Promise.allSettled(fns.map((fn) => Promise.resolve().then(() => fn(body.payload))));
    send({ id, type: "EVENT_TRIGGER_CONFIRMATION" });
  }

  port.onmessage = (event) => {
    const message = event.data;
    if (!message || typeof message !== "object") return;
    const { id, type, body } = message;
    if (type === "METHOD_CALL_RETURN") settle(id, true, body);
    else if (type === "METHOD_CALL_ERROR") settle(id, false, body);
    else if (type === "EVENT_TRIGGER_CONFIRMATION") settle(id, true, undefined);
    else if (type === "METHOD_CALL") runExposed(id, body);
    else if (type === "EVENT_TRIGGER") trigger(id, body);
  };

  return {
    method: {
      call: (name, ...args) => request("METHOD_CALL", { methodName: name, args }, name),
      expose: (name, fn) => void exposed.set(name, fn),
    },
    event: {
      subscribe(topic, fn) {
        if (!listeners.has(topic)) listeners.set(topic, new Set());
        listeners.get(topic).add(fn);
        return () => listeners.get(topic).delete(fn);
      },
      publish: (topic, payload) => request("EVENT_TRIGGER", { topic, payload }, topic),
    },
  };
}
