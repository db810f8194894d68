// apiFetch: our API with the AppBridge app token. The token lives in this closure only (never
// in storage or URLs); it is reused until shortly before its exp, and a 401 that asks for a
// fresh token (X-JTL-Retry-With-Fresh-Token: 1) is retried exactly once with a new one.

export const RETRY_HEADER = "X-JTL-Retry-With-Fresh-Token";
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

export function createApiFetch(bridge, options = {}) {
  const fetchImpl = options.fetch || globalThis.fetch.bind(globalThis);
  const now = options.now || (() => Date.now() / 1000);
  let cached = null;

  async function token(fresh) {
    if (!fresh && cached && cached.exp - MARGIN_S > now()) return cached.value;
    cached = null;
    const answer = await bridge.method.call("getAppToken");
    const value = answer && answer.accessToken;
    if (typeof value !== "string" || !value) throw new Error("AppBridge returned no app token");
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
