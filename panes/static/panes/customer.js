// Customer pane: follows the ERP's selected customer (CustomerChanged, getCurrentCustomerId).
import { boot, day, follower, getJson, label, money, number, rows, setState, t, text } from "./ui.js";

function render(data) {
  const c = data.customer;
  const cur = (value) => money(value, data.currency);
  text("name", c.company && c.company !== c.name ? `${c.name} (${c.company})` : c.name);
  text("number", c.number);
  text("group", c.group);
  text("location", [c.city, c.countryIso].filter(Boolean).join(", "));
  text("since", day(c.since));
  text("revenue", cur(data.lifetimeRevenue));
  text("count", number(data.orderCount));
  text("open", cur(data.openAmount));
  rows("order-rows", data.lastOrders, (o) => [
    o.number, day(o.date), o.isCancelled ? label("CANCELLED") : label(o.paymentStatus),
    label(o.deliveryStatus), [cur(o.totalGross), "num"], [cur(o.stillToPay), "num"],
  ]);
}

boot(async ({ bridge, apiFetch }) => {
  const show = follower(async (customerId, isCurrent) => {
    if (!customerId) {
      setState("ready", t("noCustomer"));
      return false;
    }
    const data = await getJson(apiFetch, `/api/insights/customers/${encodeURIComponent(customerId)}`);
    if (isCurrent()) render(data);
  });
  bridge.event.subscribe("CustomerChanged", (payload) => show(payload && payload.customerId));
  await show(await bridge.method.call("getCurrentCustomerId"));
});
