// Sales-order pane: follows the selected order (SalesOrderChanged, getCurrentSalesOrderId).
import { badge, boot, day, follower, getJson, list, main, money, number, percent, setState, slot, t, text } from "./ui.js";

function render(data) {
  const o = data.order;
  const cur = (value) => money(value, o.currency);
  text("number", o.number);
  text("date", day(o.date));
  text("customer", [o.customerName, o.customerNumber].filter(Boolean).join(" · "));
  slot("payment").replaceChildren(badge(o.isCancelled ? "CANCELLED" : o.paymentStatus) || "");
  slot("delivery").replaceChildren((o.isCancelled ? null : badge(o.isPending ? "PENDING" : o.deliveryStatus)) || "");
  text("open", cur(o.stillToPay));
  list("line-rows", data.lineItems, (l) => {
    const stock = l.stockAvailable == null ? null
      : badge(l.isAvailable ? "PAID" : "LOW", l.isAvailable ? t("stock.ok", { n: number(l.stockAvailable) }) : t("stock.short", { n: number(l.stockAvailable) }));
    const margin = l.marginNet == null ? null : t("line.margin", { amount: cur(l.marginNet), percent: percent(l.marginPercent) });
    return {
      title: l.name || l.sku || "–",
      badges: [stock],
      meta: [l.sku, t("line.quantity", { n: number(l.quantity) })].filter(Boolean).join(" · "),
      amount: cur(l.totalNet),
      sub: margin,
    };
  }, "order.noLines");
  text("sales", cur(data.totals.itemsNet));
  for (const el of main.querySelectorAll("[data-purchase]")) el.hidden = !data.showPurchase;
  text("purchase", cur(data.totals.purchaseNet));
  text("margin", data.totals.marginNet == null ? "–" : `${cur(data.totals.marginNet)} (${percent(data.totals.marginPercent)})`);
}

boot(async ({ bridge, apiFetch }) => {
  const show = follower(async (orderId, isCurrent) => {
    if (!orderId) {
      setState("empty", { title: t("noOrder.title"), text: t("noOrder.text") });
      return false;
    }
    setState("loading", { label: t("loading.order") });
    const data = await getJson(apiFetch, `/api/insights/sales-orders/${encodeURIComponent(orderId)}`);
    if (isCurrent()) render(data);
  });
  bridge.event.subscribe("SalesOrderChanged", (payload) => show(payload && payload.salesOrderId));
  await show(await bridge.method.call("getCurrentSalesOrderId"));
});
