// Sales-order pane: follows the selected order (SalesOrderChanged, getCurrentSalesOrderId).
import { boot, day, follower, getJson, label, money, number, percent, rows, setState, t, text } from "./ui.js";

function render(data) {
  const o = data.order;
  const cur = (value) => money(value, o.currency);
  text("number", o.number);
  text("date", day(o.date));
  text("customer", [o.customerNumber, o.customerName].filter(Boolean).join(" · "));
  text("payment", o.isCancelled ? label("CANCELLED") : label(o.paymentStatus));
  text("delivery", o.isPending ? label("PENDING") : label(o.deliveryStatus));
  text("open", cur(o.stillToPay));
  rows("line-rows", data.lineItems, (l) => [
    l.sku, l.name, [number(l.quantity), "num"], [cur(l.totalNet), "num"], [cur(l.purchaseNet), "num"],
    [l.marginNet == null ? "–" : `${cur(l.marginNet)} (${percent(l.marginPercent)})`, "num"],
    [l.stockAvailable == null ? "–" : `${number(l.stockAvailable)} (${t(l.isAvailable ? "yes" : "no")})`, "num"],
  ]);
  text("sales", cur(data.totals.salesNet));
  text("purchase", cur(data.totals.purchaseNet));
  text("margin", `${cur(data.totals.marginNet)} (${percent(data.totals.marginPercent)})`);
}

boot(async ({ bridge, apiFetch }) => {
  const show = follower(async (orderId, isCurrent) => {
    if (!orderId) {
      setState("ready", t("noOrder"));
      return false;
    }
    const data = await getJson(apiFetch, `/api/insights/sales-orders/${encodeURIComponent(orderId)}`);
    if (isCurrent()) render(data);
  });
  bridge.event.subscribe("SalesOrderChanged", (payload) => show(payload && payload.salesOrderId));
  await show(await bridge.method.call("getCurrentSalesOrderId"));
});
