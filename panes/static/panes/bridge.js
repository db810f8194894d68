// AppBridge client: JTL's host <-> app wire protocol (platform.md §6.2), no dependencies.
// The host posts {type: "HANDSHAKE"} with a MessagePort to window; early.js (inline in <head>)
// collects those from origins in <meta name="jtl-host-origins"> from the first moment on and
// never stops, so a handshake is never lost and may arrive at any time. JTL's host gives up
// nothing either: there is no deadline, only a hint for pages opened outside JTL.

export const HINT_AFTER_MS = 3000;
export const CALL_TIMEOUT_MS = 30000;

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

// The handshake inbox early.js made; a page without it (tests, other embeddings) gets one now.
export function handshakeInbox(win = window, origins = hostOrigins(win.document)) {
  if (win.__jtlHandshakes) return win.__jtlHandshakes;
  const inbox = [];
  win.__jtlHandshakes = inbox;
  win.addEventListener("message", (event) => {
    const port = event.ports && event.ports[0];
    if (!port || !event.data || event.data.type !== "HANDSHAKE" || !origins.includes(event.origin)) return;
    inbox.push(port);
    if (inbox.notify) inbox.notify();
  });
  return inbox;
}

// Resolves with a bridge once a host's handshake arrived and completeHandshake returned.
// Never rejects for lack of a handshake: `onWaiting` runs when a top-level page starts, or
// after `hintAfterMs` without a handshake, and `onConnected` when one arrives after all.
export function createAppBridge(options = {}) {
  const win = options.window || window;
  const inbox = handshakeInbox(win, options.origins || hostOrigins(win.document));
  const callMs = options.callTimeoutMs ?? CALL_TIMEOUT_MS;
  const onWaiting = options.onWaiting || (() => {});
  return new Promise((resolve) => {
    let hint = null;
    let busy = false;
    const tryNext = () => {
      if (busy || !inbox.length) return;
      busy = true;
      const bridge = connect(inbox.shift(), callMs);
      bridge.method.call("completeHandshake").then(
        () => {
          inbox.notify = null;
          clearTimeout(hint);
          resolve(bridge);
        },
        () => {
          busy = false;
          tryNext();
        },
      );
    };
    inbox.notify = tryNext;
    if (win.top === win) onWaiting("top-level");
    else hint = setTimeout(() => onWaiting("no-handshake"), options.hintAfterMs ?? HINT_AFTER_MS);
    tryNext();
  });
}

export function connect(port, callMs = CALL_TIMEOUT_MS) {
  const pending = new Map();
  const exposed = new Map();
  const listeners = new Map();
  const send = (message) => port.postMessage(message);

  function request(type, body, label, ms = callMs) {
    const id = uuid();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`Plugin timeout: ${label}`));
      }, ms);
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
  function trigger(id, body) {
    // Confirmed at once, as JTL's own code does; listeners run afterwards.
    send({ id, type: "EVENT_TRIGGER_CONFIRMATION" });
    for (const fn of [...(listeners.get(body && body.topic) || [])]) {
      Promise.resolve().then(() => fn(body.payload)).catch((error) => console.error(error));
    }
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
      callWithin: (ms, name, ...args) => request("METHOD_CALL", { methodName: name, args }, name, ms),
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
