// Customer pane: follows the ERP's selected customer (CustomerChanged, getCurrentCustomerId).
import { badge, boot, day, follower, getJson, list, money, number, setState, slot, t, text } from "./ui.js";

function render(data) {
  const c = data.customer;
  const cur = (value) => money(value, data.currency);
  text("name", c.company && c.company !== c.name ? `${c.name} (${c.company})` : c.name);
  slot("badges").replaceChildren(...[c.isLocked ? badge("LOCKED", t("customer.locked")) : null].filter(Boolean));
  text("number", c.number);
  text("group", c.group);
  text("location", [c.city, c.countryIso].filter(Boolean).join(", "));
  text("since", day(c.since));
  text("revenue", cur(data.lifetimeRevenue));
  text("count", number(data.orderCount));
  text("open", cur(data.openAmount));
  list("order-rows", data.lastOrders, (o) => ({
    title: t("order.title", { number: o.number }),
    badges: [o.isCancelled ? badge("CANCELLED") : badge(o.paymentStatus), o.isCancelled ? null : badge(o.deliveryStatus)],
    meta: day(o.date),
    amount: cur(o.totalGross),
    sub: o.stillToPay && !o.isCancelled ? t("stillToPay", { amount: cur(o.stillToPay) }) : null,
  }), "customer.noOrders");
}

boot(async ({ bridge, apiFetch }) => {
  const show = follower(async (customerId, isCurrent) => {
    if (!customerId) {
      setState("empty", { title: t("noCustomer.title"), text: t("noCustomer.text") });
      return false;
    }
    setState("loading", { label: t("loading.customer") });
    const data = await getJson(apiFetch, `/api/insights/customers/${encodeURIComponent(customerId)}`);
    if (isCurrent()) render(data);
  });
  bridge.event.subscribe("CustomerChanged", (payload) => show(payload && payload.customerId));
  await show(await bridge.method.call("getCurrentCustomerId"));
});
