// apiFetch: our API with the token the host hands out. The token lives in this closure only
// (never in storage or URLs); it is reused until shortly before its exp, and a 401 that asks
// for a fresh token (X-JTL-Retry-With-Fresh-Token: 1) is retried exactly once with a new one.
// Hosts of either generation: the current one answers getAppToken; JTL's 2025 host knows only
// getSessionToken and stays silent on anything else, so after a short wait we ask for that.

export const RETRY_HEADER = "X-JTL-Retry-With-Fresh-Token";
export const APP_TOKEN_WAIT_MS = 2000;
const MARGIN_S = 30;

export function tokenExpiry(token) {
  try {
    const part = token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/");
    const exp = JSON.parse(atob(part)).exp;
    return typeof exp === "number" ? exp : 0;
  } catch {
    return 0;
  }
}

export function createTokenSource(bridge, options = {}) {
  const waitMs = options.appTokenWaitMs ?? APP_TOKEN_WAIT_MS;
  let method = null; // "app" or "session", once a host answered
  const call = (ms, name) =>
    bridge.method.callWithin ? bridge.method.callWithin(ms, name) : bridge.method.call(name);
  async function appToken(ms) {
    const answer = await call(ms, "getAppToken");
    const value = answer && answer.accessToken;
    if (typeof value !== "string" || !value) throw new Error("AppBridge returned no app token");
    return value;
  }
  async function sessionToken() {
    const answer = await bridge.method.call("getSessionToken");
    const value = typeof answer === "string" ? answer : answer && (answer.sessionToken || answer.accessToken);
    if (typeof value !== "string" || !value) throw new Error("AppBridge returned no session token");
    return value;
  }
  return async function fetchToken() {
    if (method === "app") return appToken(undefined);
    if (method === "session") return sessionToken();
    try {
      const value = await appToken(waitMs);
      method = "app";
      return value;
    } catch {
      const value = await sessionToken();
      method = "session";
      return value;
    }
  };
}

export function createApiFetch(bridge, options = {}) {
  const fetchImpl = options.fetch || globalThis.fetch.bind(globalThis);
  const now = options.now || (() => Date.now() / 1000);
  const source = createTokenSource(bridge, options);
  let cached = null;

  async function token(fresh) {
    if (!fresh && cached && cached.exp - MARGIN_S > now()) return cached.value;
    cached = null;
    const value = await source();
    cached = { value, exp: tokenExpiry(value) };
    return value;
  }

  return async function apiFetch(path, init = {}) {
    const send = async (fresh) => {
      const headers = new Headers(init.headers || {});
      headers.set("Authorization", `Bearer ${await token(fresh)}`);
      headers.set("Accept", "application/json");
      return fetchImpl(path, { ...init, headers, credentials: "omit", cache: "no-store" });
    };
    const first = await send(false);
    if (first.status === 401 && first.headers.get(RETRY_HEADER) === "1") return send(true);
    return first;
  };
}
