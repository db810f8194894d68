// Setup page: connect the caller's tenant, explain the result, then tell JTL setup is done.
import { boot, getJson, setState, slot, t, text } from "./ui.js";

boot(async ({ bridge, apiFetch }) => {
  setState("loading", t("setup.working"));
  const result = await getJson(apiFetch, "/api/tenant/setup", { method: "POST" });
  text("state", t(`state.${result.state}`));
  text("granted", result.grantedScopes.join(", "));
  text("missing", result.missingScopes.join(", "));
  const problems = slot("problems");
  problems.textContent = result.missingScopes.length
    ? t("setup.missing", { scopes: result.missingScopes.join(", ") })
    : t("setup.allGranted");
  if (result.state !== "active") return setState("error", t(`state.${result.state}`));
  await bridge.method.call("setupCompleted");
  setState("ready", t("setup.done"));
});
