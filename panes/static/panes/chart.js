// Revenue per day as an inline SVG bar chart with <title>/<desc>; the page keeps a table too.
const NS = "http://www.w3.org/2000/svg";
const PAD = { top: 18, right: 4, bottom: 22, left: 4 };

function node(tag, attrs = {}, content) {
  const el = document.createElementNS(NS, tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, String(value));
  if (content != null) el.textContent = content;
  return el;
}

// days: [{date, grossAmount, orders}]; fmt: {money(v), day(iso)}; title/desc: accessible text.
// Drawn at the container's own pixel width, so its labels keep their size in a narrow pane.
export function revenueChart(days, { title, desc, money, day, width: boxWidth = 600 }) {
  const W = Math.max(240, Math.round(boxWidth));
  const H = W < 480 ? 150 : 200;
  const svg = node("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": "chart-t chart-d", class: "bars" });
  svg.append(node("title", { id: "chart-t" }, title), node("desc", { id: "chart-d" }, desc));
  const max = Math.max(1, ...days.map((d) => d.grossAmount));
  const width = (W - PAD.left - PAD.right) / Math.max(days.length, 1);
  const height = H - PAD.top - PAD.bottom;
  days.forEach((d, i) => {
    const h = (d.grossAmount / max) * height;
    const bar = node("rect", {
      x: (PAD.left + i * width + 1).toFixed(1),
      y: (PAD.top + height - h).toFixed(1),
      width: Math.max(width - 2, 1).toFixed(1),
      height: h.toFixed(1),
    });
    bar.append(node("title", {}, `${day(d.date)}: ${money(d.grossAmount)}`));
    svg.append(bar);
  });
  const baseline = PAD.top + height;
  svg.append(node("line", { x1: PAD.left, x2: W - PAD.right, y1: baseline, y2: baseline, class: "axis" }));
  if (days.length) {
    svg.append(node("text", { x: PAD.left, y: H - 6 }, day(days[0].date)));
    svg.append(node("text", { x: W - PAD.right, y: H - 6, "text-anchor": "end" }, day(days[days.length - 1].date)));
    svg.append(node("text", { x: PAD.left, y: PAD.top - 5, class: "max" }, money(max)));
  }
  return svg;
}
