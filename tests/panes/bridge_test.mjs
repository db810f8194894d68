// Protocol tests for panes/static/panes/bridge.js and api.js, run by test_bridge_js.py in Node.
import assert from "node:assert/strict";
import { createAppBridge } from "../../panes/static/panes/bridge.js";
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
  const pending = createAppBridge({ window: win, origins: [HOST], callTimeoutMs: 200 });
  win.post(HOST, { type: "HANDSHAKE" }, [h.channel.port2]);
  return { bridge: await pending, ...h };
}

const tests = {
  async "a top-level page shows the hint at once"() {
    const win = fakeWindow(); win.top = win;
    const reasons = [];
    createAppBridge({ window: win, origins: [HOST], onWaiting: (r) => reasons.push(r) });
    assert.deepEqual(reasons, ["top-level"]);
  },
  async "a foreign handshake is ignored; the hint shows, and a late valid handshake still connects"() {
    const win = fakeWindow();
    const evil = host({ completeHandshake: () => true });
    const reasons = [];
    const pending = createAppBridge({ window: win, origins: [HOST], hintAfterMs: 30, onWaiting: (r) => reasons.push(r) });
    win.post("https://evil.example", { type: "HANDSHAKE" }, [evil.channel.port2]);
    await new Promise((r) => setTimeout(r, 80));
    assert.deepEqual(reasons, ["no-handshake"]);
    assert.equal(evil.seen.length, 0);
    const h = host({ completeHandshake: () => true });
    win.post(HOST, { type: "HANDSHAKE" }, [h.channel.port2]);
    await pending;
    assert.equal(h.seen[0].body.methodName, "completeHandshake");
    evil.port.close(); h.port.close();
  },
  async "a handshake that arrived before the page's script ran is not lost"() {
    const win = fakeWindow();
    const h = host({ completeHandshake: () => true });
    // early.js's inbox, filled before bridge.js ran
    win.__jtlHandshakes = [h.channel.port2];
    await createAppBridge({ window: win, origins: [HOST] });
    assert.equal(h.seen[0].body.methodName, "completeHandshake");
    h.port.close();
  },
  async "a 2025 host without getAppToken: the session token is used after a short wait"() {
    const { bridge, port } = await embedded({ getSessionToken: () => "legacy.session.token" });
    const sent = [];
    const apiFetch = createApiFetch(bridge, { appTokenWaitMs: 50, fetch: async (path, init) => { sent.push(init.headers.get("Authorization")); return new Response("{}"); } });
    await apiFetch("/api/a");
    await apiFetch("/api/b");
    assert.deepEqual(sent, ["Bearer legacy.session.token", "Bearer legacy.session.token"]);
    port.close();
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
  async "events are confirmed at once, before a slow listener finishes"() {
    const { bridge, seen, port } = await embedded();
    bridge.event.subscribe("CustomerChanged", () => new Promise(() => {}));
    port.postMessage({ id: "e0", type: "EVENT_TRIGGER", body: { topic: "CustomerChanged", payload: {} } });
    assert.equal((await next(seen, "EVENT_TRIGGER_CONFIRMATION")).id, "e0");
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
