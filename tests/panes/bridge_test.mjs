// Protocol tests for panes/static/panes/bridge.js and api.js, run by test_bridge_js.py in Node.
import assert from "node:assert/strict";
import { createAppBridge, NotEmbeddedError } from "../../panes/static/panes/bridge.js";
import { createApiFetch, RETRY_HEADER } from "../../panes/static/panes/api.js";

const HOST = "http://localhost:8001";

function fakeWindow() {
  const target = new EventTarget();
  return { top: {}, addEventListener: target.addEventListener.bind(target),
    removeEventListener: target.removeEventListener.bind(target),
    post(origin, data, ports) { target.dispatchEvent(Object.assign(new Event("message"), { origin, data, ports })); } };
}

// A host: answers method calls from `methods`, records every message it receives.
function host(methods) {
  const channel = new MessageChannel();
  const seen = [];
  channel.port1.onmessage = async ({ data }) => {
    seen.push(data);
    if (data.type !== "METHOD_CALL") return;
    const fn = methods[data.body.methodName];
    if (!fn) return;
    try { channel.port1.postMessage({ id: data.id, type: "METHOD_CALL_RETURN", body: await fn(...data.body.args) }); }
    catch (e) { channel.port1.postMessage({ id: data.id, type: "METHOD_CALL_ERROR", body: { message: e.message } }); }
  };
  return { channel, seen, port: channel.port1 };
}
const next = (seen, type) => new Promise((resolve) => {
  const poll = () => { const found = seen.find((m) => m.type === type); found ? resolve(found) : setTimeout(poll, 5); };
  poll();
});

async function embedded(methods = {}) {
  const win = fakeWindow();
  const h = host({ completeHandshake: () => true, ...methods });
  const pending = createAppBridge({ window: win, origins: [HOST], handshakeTimeoutMs: 500, callTimeoutMs: 200 });
  win.post(HOST, { type: "HANDSHAKE" }, [h.channel.port2]);
  return { bridge: await pending, ...h };
}

const tests = {
  async "a top-level page is not embedded"() {
    const win = fakeWindow(); win.top = win;
    await assert.rejects(createAppBridge({ window: win, origins: [HOST] }), (e) => e instanceof NotEmbeddedError && e.reason === "top-level");
  },
  async "a handshake from a foreign origin is ignored, then the page gives up"() {
    const win = fakeWindow();
    const h = host({ completeHandshake: () => true });
    const pending = createAppBridge({ window: win, origins: [HOST], handshakeTimeoutMs: 100 });
    win.post("https://evil.example", { type: "HANDSHAKE" }, [h.channel.port2]);
    await assert.rejects(pending, (e) => e instanceof NotEmbeddedError && e.reason === "no-handshake");
    assert.equal(h.seen.length, 0);
    h.port.close();
  },
  async "the handshake calls completeHandshake and then host methods work"() {
    const { bridge, seen, port } = await embedded({ getCurrentCustomerId: () => "c-1" });
    assert.equal(seen[0].type, "METHOD_CALL");
    assert.equal(seen[0].body.methodName, "completeHandshake");
    assert.match(seen[0].id, /^[0-9a-f-]{36}$/);
    assert.equal(await bridge.method.call("getCurrentCustomerId"), "c-1");
    port.close();
  },
  async "host errors and silence reject the call"() {
    const { bridge, port } = await embedded({ broken: () => { throw new Error("nope"); } });
    await assert.rejects(bridge.method.call("broken"), /nope/);
    await assert.rejects(bridge.method.call("unknownMethod"), /Plugin timeout/);
    port.close();
  },
  async "events reach subscribers and are confirmed; unsubscribe stops them"() {
    const { bridge, seen, port } = await embedded();
    const got = [];
    const stop = bridge.event.subscribe("CustomerChanged", (p) => got.push(p.customerId));
    port.postMessage({ id: "e1", type: "EVENT_TRIGGER", body: { topic: "CustomerChanged", payload: { customerId: "a" } } });
    assert.equal((await next(seen, "EVENT_TRIGGER_CONFIRMATION")).id, "e1");
    stop();
    port.postMessage({ id: "e2", type: "EVENT_TRIGGER", body: { topic: "CustomerChanged", payload: { customerId: "b" } } });
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(got, ["a"]);
    port.close();
  },
  async "exposed methods answer the host"() {
    const { bridge, seen, port } = await embedded();
    bridge.method.expose("ping", (x) => `pong ${x}`);
    bridge.method.expose("fail", () => { throw new Error("bad"); });
    port.postMessage({ id: "m1", type: "METHOD_CALL", body: { methodName: "ping", args: [1] } });
    assert.equal((await next(seen, "METHOD_CALL_RETURN")).body, "pong 1");
    port.postMessage({ id: "m2", type: "METHOD_CALL", body: { methodName: "fail", args: [] } });
    assert.deepEqual((await next(seen, "METHOD_CALL_ERROR")).body, { message: "bad" });
    port.close();
  },
  async "apiFetch caches the token and retries a refused one once"() {
    const jwt = (exp) => `h.${Buffer.from(JSON.stringify({ exp })).toString("base64url")}.s`;
    let issued = 0;
    const bridge = { method: { call: async () => ({ accessToken: jwt(2000 + issued++) }) } };
    const sent = [];
    const answers = [401, 200, 200];
    const fetch = async (path, init) => {
      sent.push(init.headers.get("Authorization"));
      const status = answers.shift();
      return new Response("{}", { status, headers: status === 401 ? { [RETRY_HEADER]: "1" } : {} });
    };
    const apiFetch = createApiFetch(bridge, { fetch, now: () => 1000 });
    assert.equal((await apiFetch("/api/x")).status, 200);
    assert.equal((await apiFetch("/api/y")).status, 200);
    assert.equal(issued, 2);
    assert.notEqual(sent[0], sent[1]);
    assert.equal(sent[1], sent[2]);
  },
  async "apiFetch fetches a new token shortly before expiry"() {
    let issued = 0;
    const token = () => `h.${Buffer.from(JSON.stringify({ exp: 1010 })).toString("base64url")}.s`;
    const bridge = { method: { call: async () => { issued++; return { accessToken: token() }; } } };
    const apiFetch = createApiFetch(bridge, { fetch: async () => new Response("{}"), now: () => 1000 });
    await apiFetch("/a"); await apiFetch("/b");
    assert.equal(issued, 2);
  },
};

let failed = 0;
for (const [name, test] of Object.entries(tests)) {
  try { await test(); console.log(`ok - ${name}`); }
  catch (error) { failed++; console.log(`not ok - ${name}\n${error.stack}`); }
}
process.exit(failed ? 1 : 0);
