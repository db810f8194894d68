// ERP menu page: revenue of the chosen period, best sellers, unpaid orders, low stock.
import { revenueChart } from "./chart.js";
import { badge, boot, day, getJson, h, list, money, number, setState, slot, t, text, time } from "./ui.js";

const PREPARING_POLL_MS = 3000;

function render(data) {
  const cur = (value) => money(value, data.currency);
  text("period", t("dashboard.period", { days: data.days }));
  text("updated", t("dashboard.updated", { time: time(data.updatedAt) }));
  text("revenue", cur(data.revenueTotal));
  text("orders", number(data.orderCount));
  text("unpaid-total", cur(data.unpaidOrders.stillToPay));
  text("low-count", number(data.lowStockItems.length));
  const chart = slot("chart");
  const desc = t("chartDesc", { from: day(data.from), to: day(data.to), total: cur(data.revenueTotal), count: data.orderCount });
  let drawnAt = 0;
  const draw = () => {
    if (Math.abs(chart.clientWidth - drawnAt) < 8) return;
    drawnAt = chart.clientWidth;
    chart.replaceChildren(revenueChart(data.revenueByDay, { title: chart.dataset.title, desc, money: cur, day, width: drawnAt }));
  };
  draw();
  new ResizeObserver(draw).observe(chart);
  slot("revenue-rows").replaceChildren(...data.revenueByDay.map((d) =>
    h("tr", {}, h("td", {}, day(d.date)), h("td", { class: "num" }, number(d.orders)), h("td", { class: "num" }, cur(d.grossAmount)))));
  list("top-rows", data.topItems, (i) => ({
    title: i.name || i.sku, meta: [i.sku, t("line.quantity", { n: number(i.quantity) })].join(" · "), amount: cur(i.netRevenue),
  }), "dashboard.noSales");
  text("unpaid-summary", t("dashboard.unpaid", { count: number(data.unpaidOrders.count), amount: cur(data.unpaidOrders.stillToPay) }));
  list("unpaid-rows", data.unpaidOrders.orders, (o) => ({
    title: t("order.title", { number: o.number }), badges: [badge(o.paymentStatus)],
    meta: [day(o.date), o.customerName].filter(Boolean).join(" · "), amount: money(o.stillToPay, o.currency),
  }), "dashboard.allPaid");
  list("stock-rows", data.lowStockItems, (i) => ({
    title: i.name || i.sku, badges: [badge("LOW", t("stock.below"))],
    meta: t("stock.levels", { sku: i.sku, available: number(i.stockAvailable), minimum: number(i.minimumStock) }),
  }), "dashboard.stockOk");
}

boot(async ({ apiFetch }) => {
  let data = await getJson(apiFetch, "/api/insights/dashboard");
  while (data.preparing) {
    setState("loading", { label: t("dashboard.preparing") });
    await new Promise((resolve) => setTimeout(resolve, PREPARING_POLL_MS));
    data = await getJson(apiFetch, "/api/insights/dashboard");
  }
  render(data);
  if (!data.orderCount && !data.unpaidOrders.count && !data.lowStockItems.length) {
    return setState("empty", { title: t("dashboard.empty.title"), text: t("dashboard.empty.text") });
  }
  setState("ready");
});
