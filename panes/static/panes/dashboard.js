// ERP menu page: last 30 days' revenue, top items, unpaid orders, items below minimum stock.
import { revenueChart } from "./chart.js";
import { boot, day, getJson, label, money, number, rows, setState, slot, t, text } from "./ui.js";

boot(async ({ apiFetch }) => {
  const data = await getJson(apiFetch, "/api/insights/dashboard");
  const cur = (value) => money(value, data.currency);
  text("revenue", cur(data.revenueTotal));
  text("orders", number(data.orderCount));
  const chart = slot("chart");
  const desc = t("chartDesc", {
    from: day(data.from), to: day(data.to), total: cur(data.revenueTotal), count: data.orderCount,
  });
  chart.replaceChildren(revenueChart(data.revenueByDay, { title: chart.dataset.title, desc, money: cur, day }));
  rows("revenue-rows", data.revenueByDay, (d) => [day(d.date), number(d.orders), [cur(d.grossAmount), "num"]]);
  rows("top-rows", data.topItems, (i) => [i.sku, i.name, [number(i.quantity), "num"], [cur(i.netRevenue), "num"]]);
  text("unpaid-summary", `${number(data.unpaidOrders.count)} · ${cur(data.unpaidOrders.stillToPay)}`);
  rows("unpaid-rows", data.unpaidOrders.orders, (o) => [
    o.number, day(o.date), o.customerName, label(o.paymentStatus), [cur(o.stillToPay), "num"],
  ]);
  rows("stock-rows", data.lowStockItems, (i) => [
    i.sku, i.name, [number(i.stockAvailable), "num"], [number(i.minimumStock), "num"],
  ]);
  setState("ready");
});
