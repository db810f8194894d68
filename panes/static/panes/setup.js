// Setup page: connect the caller's tenant, say what the app may see, offer the settings,
// then tell JTL the setup is done.
import { ApiError, badge, boot, getJson, h, setState, slot, t, text } from "./ui.js";

const scopeWords = (scope) => (t(`scope.${scope}`) === `scope.${scope}` ? t("scope.unknown") : t(`scope.${scope}`));

function renderConnection(result) {
  slot("state").replaceChildren(badge(result.state === "active" ? "PAID" : "PARTIALLY_PAID", t(`state.${result.state}`)));
  text("connection-text", result.state === "active" ? t("setup.connected") : t(`state.${result.state}`));
  slot("granted").replaceChildren(...result.grantedScopes.map((s) => h("li", {}, scopeWords(s))));
  slot("missing").replaceChildren(...result.missingScopes.map((s) => h("li", {}, scopeWords(s))));
  slot("missing-box").hidden = !result.missingScopes.length;
  text("problems", result.missingScopes.length ? t("setup.missing") : "");
}

function fieldControl(field) {
  const id = `setting-${field.key.replace(/\W/g, "-")}`;
  const help = field.help ? h("p", { class: "help", id: `${id}-help` }, field.help) : null;
  const error = h("p", { class: "field-error", id: `${id}-error`, "data-error-for": field.key, hidden: "" });
  const described = [help && `${id}-help`, `${id}-error`].filter(Boolean).join(" ");
  let control;
  if (field.kind === "bool") {
    control = h("input", { type: "checkbox", id, name: field.key, "aria-describedby": described });
    control.checked = Boolean(field.value);
    return h("div", { class: "field check" }, control, h("label", { for: id }, field.label), help, error);
  }
  if (field.kind === "choice") {
    control = h("select", { id, name: field.key, "aria-describedby": described },
      ...field.choices.map((c) => h("option", { value: String(c.value), selected: c.value === field.value ? "" : null }, c.label)));
  } else if (field.secret) {
    control = h("input", { type: "password", id, name: field.key, autocomplete: "off", placeholder: field.present ? t("settings.secretKept") : "", "aria-describedby": described });
  } else {
    control = h("input", { type: field.kind === "int" ? "number" : "text", id, name: field.key, value: field.value ?? "", min: field.minimum, max: field.maximum, "aria-describedby": described });
  }
  return h("div", { class: "field" }, h("label", { for: id }, field.label), control, help, error);
}

function formValues(form, fields) {
  const values = {};
  for (const field of fields) {
    const el = form.elements.namedItem(field.key);
    if (field.kind === "bool") values[field.key] = el.checked;
    else if (field.secret) { if (el.value) values[field.key] = el.value; }
    else values[field.key] = el.value;
  }
  return values;
}

function renderSettings(apiFetch, fields) {
  const form = slot("settings-form");
  slot("settings-fields").replaceChildren(...fields.map(fieldControl));
  form.onsubmit = async (event) => {
    event.preventDefault();
    const status = slot("settings-status");
    for (const el of form.querySelectorAll("[data-error-for]")) el.hidden = true;
    status.textContent = t("settings.saving");
    try {
      const body = JSON.stringify({ values: formValues(form, fields) });
      const answer = await getJson(apiFetch, "/api/tenant/settings", { method: "PUT", body, headers: { "Content-Type": "application/json" } });
      renderSettings(apiFetch, answer.fields);
      slot("settings-status").textContent = t("settings.saved");
    } catch (error) {
      const problems = (error instanceof ApiError && error.extra.fields) || {};
      for (const [key, message] of Object.entries(problems)) {
        const el = form.querySelector(`[data-error-for="${key}"]`);
        if (el) { el.textContent = message; el.hidden = false; }
      }
      status.textContent = Object.keys(problems).length ? t("settings.invalid") : t("error.generic");
    }
  };
}

boot(async ({ bridge, apiFetch }) => {
  setState("loading", { label: t("setup.working") });
  const result = await getJson(apiFetch, "/api/tenant/setup", { method: "POST" });
  renderConnection(result);
  if (result.state !== "active") return setState("error", { text: t(`state.${result.state}`) });
  const settings = await getJson(apiFetch, "/api/tenant/settings");
  renderSettings(apiFetch, settings.fields);
  await bridge.method.call("setupCompleted");
  setState("ready", { note: t("setup.done") });
});
