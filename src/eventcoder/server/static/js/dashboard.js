// The corpus dashboard: every chart is drawn from /stats with the current
// filters, and a click on any mark adds a filter, which redraws the charts and
// the event list.  Event rows and quotes link to the reader.
import { api, clear, clip, drawMap, h, loadWorld, nav, s, TYPE_COLOURS, typeColour } from "./common.js";

const $ = (id) => document.getElementById(id);
const TYPES = Object.keys(TYPE_COLOURS);
const FILTER_LABELS = {
  type: "type", actor: "actor", recipient: "recipient", country: "country", actor_country: "actor country",
  recipient_country: "recipient country", sector: "sector", since: "from", until: "to",
  incident: "incident", doc: "document", place: "place", q: "words",
};
const PAGE = 25;

const state = { filters: {}, offset: 0, network: "actors", world: null, stats: null };

function readUrl() {
  const p = new URLSearchParams(location.search);
  state.filters = {};
  for (const k of Object.keys(FILTER_LABELS)) if (p.get(k)) state.filters[k] = p.get(k);
  state.network = p.get("network") === "countries" ? "countries" : "actors";
}

function writeUrl() {
  const p = new URLSearchParams(state.filters);
  if (state.network !== "actors") p.set("network", state.network);
  history.replaceState(null, "", `${location.pathname}${p.toString() ? "?" + p : ""}`);
}

function setFilter(changes) {
  for (const [k, v] of Object.entries(changes)) {
    if (v === null || v === undefined || v === "") delete state.filters[k];
    else state.filters[k] = String(v);
  }
  state.offset = 0;
  writeUrl();
  refresh();
}

// -- filter bar -------------------------------------------------------------------

function renderFilters() {
  const bar = clear($("filters"));
  const active = Object.entries(state.filters);
  for (const [k, v] of active) {
    bar.append(
      h("button", { type: "button", class: "fchip", title: "remove this filter", dataset: { filter: k }, onclick: () => setFilter({ [k]: null }) },
        h("b", {}, FILTER_LABELS[k] + ":"), v, h("span", { class: "x" }, "×"))
    );
  }
  if (active.length > 1) bar.append(h("button", { type: "button", class: "fchip", onclick: () => { state.filters = {}; setFilter({}); } }, "clear all"));
  if (!active.length) bar.append(h("span", { class: "hint" }, "Click any bar, node, edge, place or speaker to filter the events."));
  const from = h("input", { type: "text", size: 15, placeholder: "from YYYY-MM-DD", value: state.filters.since || "", "aria-label": "from date" });
  const to = h("input", { type: "text", size: 15, placeholder: "to YYYY-MM-DD", value: state.filters.until || "", "aria-label": "to date" });
  const q = h("input", { type: "search", size: 18, placeholder: "words in the evidence", value: state.filters.q || "", "aria-label": "search evidence" });
  const go = () => {
    const ok = (v) => !v || /^\d{4}(-\d{2}(-\d{2})?)?$/.test(v);
    if (ok(from.value) && ok(to.value)) setFilter({ since: from.value, until: to.value, q: q.value });
  };
  for (const el of [from, to, q]) el.addEventListener("keydown", (ev) => { if (ev.key === "Enter") go(); });
  bar.append(h("span", { class: "spacer" }), from, to, q, h("button", { type: "button", class: "fchip", onclick: go }, "apply"));
}

function renderTotals(st) {
  const t = st.totals;
  const box = clear($("totals"));
  const card = (n, k, id) => h("div", { class: "total", id }, h("div", { class: "n" }, n.toLocaleString()), h("div", { class: "k" }, k));
  const filtered = Object.keys(state.filters).length;
  box.append(
    card(t.documents, "documents"),
    card(filtered ? st.matching_events : t.events, filtered ? `events (of ${t.events.toLocaleString()})` : "events", "total-events"),
    card(t.actors, "actor records"),
    card(t.quotes, "quotes"),
    card(t.places, "places"),
    card(t.incidents, "incidents")
  );
}

// -- charts ------------------------------------------------------------------------

function periodsBetween(lo, hi, gran) {
  const out = [];
  if (gran === "day") {
    const d = new Date(lo + "T00:00:00Z");
    const end = new Date(hi + "T00:00:00Z");
    while (d <= end && out.length < 400) {
      out.push(d.toISOString().slice(0, 10));
      d.setUTCDate(d.getUTCDate() + 1);
    }
  } else {
    let [y, m] = lo.split("-").map(Number);
    const [y1, m1] = hi.split("-").map(Number);
    while ((y < y1 || (y === y1 && m <= m1)) && out.length < 400) {
      out.push(`${y}-${String(m).padStart(2, "0")}`);
      m += 1;
      if (m > 12) { m = 1; y += 1; }
    }
  }
  return out;
}

function renderTimeline(st) {
  const svg = clear($("timeline"));
  const cells = st.timeline;
  $("timeline-sub").textContent = cells.length ? `by ${st.granularity}, stacked by type` : "";
  const W = 1000, H = 210, L = 34, B = 26, T = 8;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!cells.length) {
    svg.append(s("text", { x: W / 2, y: H / 2, "text-anchor": "middle" }, "No dated events match."));
    return;
  }
  const present = [...new Set(cells.map((c) => c.period))].sort();
  let periods = periodsBetween(present[0], present[present.length - 1], st.granularity);
  if (periods.length >= 400 || !periods.length) periods = present;
  const stacks = new Map(periods.map((p) => [p, []]));
  for (const c of cells) if (stacks.has(c.period)) stacks.get(c.period).push(c);
  const max = Math.max(1, ...[...stacks.values()].map((cs) => cs.reduce((a, c) => a + c.n, 0)));
  const bw = (W - L - 6) / periods.length;
  const y = (v) => T + (H - T - B) * (1 - v / max);
  svg.append(s("line", { x1: L, x2: W, y1: H - B, y2: H - B, class: "axis" }));
  for (const v of [...new Set([0, Math.round(max / 2), max])]) {
    svg.append(s("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end" }, v));
    svg.append(s("line", { x1: L, x2: W, y1: y(v), y2: y(v), class: "axis", "stroke-dasharray": "2 4" }));
  }
  const every = Math.ceil(periods.length / 10);
  periods.forEach((p, i) => {
    const x = L + i * bw;
    let acc = 0;
    const cs = stacks.get(p).sort((a, b) => TYPES.indexOf(a.type) - TYPES.indexOf(b.type));
    for (const c of cs) {
        const w = Math.max(1, Math.min(bw * 0.76, 40));
      const rect = s("rect", {
        x: (x + (bw - w) / 2).toFixed(1), width: w.toFixed(1),
        y: y(acc + c.n).toFixed(1), height: (y(acc) - y(acc + c.n)).toFixed(1),
        fill: typeColour(c.type), class: "bar", "data-period": p, "data-type": c.type,
      }, s("title", {}, `${p} · ${c.type}: ${c.n}`));
      rect.addEventListener("click", () => setFilter({ type: c.type, since: p, until: p }));
      svg.append(rect);
      acc += c.n;
    }
    if (i % every === 0) svg.append(s("text", { x: x + bw / 2, y: H - 8, "text-anchor": "middle" }, p));
  });
  const legend = clear($("type-legend"));
  const seen = new Set(cells.map((c) => c.type));
  for (const t of TYPES.filter((x) => seen.has(x))) {
    legend.append(h("button", { type: "button", class: `t-${t}`, onclick: () => setFilter({ type: t }) }, t));
  }
}

function renderTypes(st) {
  const box = clear($("types"));
  if (!st.by_type.length) {
    box.append(h("p", { class: "empty" }, "No events match."));
    return;
  }
  const max = Math.max(...st.by_type.map((r) => r.n));
  for (const r of st.by_type) {
    const fill = h("div", { class: `fill t-${r.key}` });
    fill.style.width = `${(100 * r.n) / max}%`;
    const track = h("div", { class: "track", title: `${r.key}: ${r.n}`, dataset: { type: r.key }, onclick: () => setFilter({ type: r.key }) }, fill);
    box.append(h("div", { class: "lab" }, r.key), track, h("div", { class: "num" }, r.n));
  }
}

function renderNetworkSwitch() {
  const sw = clear($("network-switch"));
  for (const [key, label] of [["actors", "by actor"], ["countries", "by country"]]) {
    sw.append(h("button", { type: "button", class: state.network === key ? "on" : null, onclick: () => { state.network = key; writeUrl(); renderNetworkSwitch(); renderNetwork(state.stats); } }, label));
  }
}

function renderNetwork(st) {
  const svg = clear($("network"));
  const W = 720, H = 430, cx = W / 2, cy = H / 2, R = 150;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  const byCountry = state.network === "countries";
  const edges = byCountry ? st.network_countries : st.network_actors;
  if (!edges.length) {
    svg.append(s("text", { x: cx, y: cy, "text-anchor": "middle" }, "No events with both an actor and a recipient match."));
    return;
  }
  const weight = new Map();
  for (const e of edges) {
    weight.set(e.source, (weight.get(e.source) || 0) + e.n);
    weight.set(e.target, (weight.get(e.target) || 0) + e.n);
  }
  const nodes = [...weight.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 24).map(([name]) => name);
  const pos = new Map();
  nodes.forEach((name, i) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / nodes.length;
    pos.set(name, { x: cx + R * Math.cos(a), y: cy + R * Math.sin(a), a });
  });
  const maxW = Math.max(...weight.values());
  const radius = (name) => 5 + 9 * Math.sqrt(weight.get(name) / maxW);
  const maxN = Math.max(...edges.map((e) => e.n));
  svg.append(s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" }, s("path", { d: "M0,0 L10,5 L0,10 z", fill: "#7d8db0" }))));
  const label = (name) => (byCountry && state.world && state.world.names[name] ? `${name} · ${state.world.names[name]}` : name);
  for (const e of edges) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    if (!a || !b) continue;
    // A slight bend keeps A->B and B->A apart; the end stops at the target's rim.
    const mx = (a.x + b.x) / 2 + (b.y - a.y) * 0.12;
    const my = (a.y + b.y) / 2 - (b.x - a.x) * 0.12;
    const dx = b.x - mx, dy = b.y - my, len = Math.hypot(dx, dy) || 1;
    const rr = radius(e.target) + 3;
    const ex = b.x - (dx / len) * rr, ey = b.y - (dy / len) * rr;
    const path = s("path", {
      d: `M${a.x.toFixed(1)},${a.y.toFixed(1)} Q${mx.toFixed(1)},${my.toFixed(1)} ${ex.toFixed(1)},${ey.toFixed(1)}`,
      class: "edge", "stroke-width": (1.2 + 4 * (e.n / maxN)).toFixed(1), "marker-end": "url(#arrow)",
      "data-source": e.source, "data-target": e.target,
    }, s("title", {}, `${label(e.source)} → ${label(e.target)}: ${e.n} event${e.n === 1 ? "" : "s"}`));
    path.addEventListener("click", () =>
      setFilter(byCountry ? { actor_country: e.source, recipient_country: e.target } : { actor: e.source, recipient: e.target })
    );
    svg.append(path);
  }
  for (const name of nodes) {
    const p = pos.get(name);
    const cos = Math.cos(p.a);
    const lx = p.x + (radius(name) + 8) * cos;
    const ly = p.y + (radius(name) + 8) * Math.sin(p.a) + 4;
    const g = s("g", { class: "node", "data-name": name },
      s("circle", { cx: p.x.toFixed(1), cy: p.y.toFixed(1), r: radius(name).toFixed(1) }),
      s("text", { x: lx.toFixed(1), y: ly.toFixed(1), "text-anchor": cos > 0.2 ? "start" : cos < -0.2 ? "end" : "middle" }, clip(label(name), 34)),
      s("title", {}, `${label(name)}: ${weight.get(name)} event role${weight.get(name) === 1 ? "" : "s"}`));
    g.addEventListener("click", () => setFilter(byCountry ? { country: name } : { actor: name }));
    svg.append(g);
  }
}

function renderMap(st) {
  const svg = $("map");
  const markers = st.places.map((p) => ({
    name: p.name, lat: p.lat, lon: p.lon, n: p.n, label: `${p.name}${p.country ? " (" + p.country + ")" : ""}: ${p.n} event${p.n === 1 ? "" : "s"}`,
    selected: state.filters.place === p.name, onclick: () => setFilter({ place: p.name }),
  }));
  const draw = () => drawMap(svg, state.world, markers, { minSpan: 60, radius: 8, whole: !markers.length, aspect: 0.62 });
  if (state.world) draw();
  else loadWorld().then((w) => { state.world = w; draw(); });
}

function renderSpeakers(st) {
  const list = clear($("speakers"));
  if (!st.speakers.length) {
    list.append(h("li", { class: "empty" }, "No quotes with a known speaker."));
    return;
  }
  for (const sp of st.speakers) {
    const said = h("ul", { class: "said" });
    for (const q of sp.examples) {
      said.append(h("li", {}, h("a", { href: `/reader?doc=${encodeURIComponent(q.doc_id)}&quote=${encodeURIComponent(q.quote_id)}` }, `“${clip(q.text, 150)}”`)));
    }
    list.append(
      h("li", {},
        h("div", { class: "who" },
          h("button", { type: "button", title: "show this actor's events", onclick: () => setFilter({ actor: sp.name }) }, sp.name),
          h("span", { class: "muted small" }, `${sp.n_quotes} quote${sp.n_quotes === 1 ? "" : "s"} in ${sp.n_documents} document${sp.n_documents === 1 ? "" : "s"}`)),
        said)
    );
  }
}

async function renderIncidents() {
  const box = clear($("incidents"));
  let rows = [];
  let total = 0;
  try {
    const page = await api("/incidents", { limit: 20 });
    rows = page.items;
    total = page.total;
  } catch (err) {
    box.append(h("p", { class: "error" }, err.message));
    return;
  }
  if (!rows.length) {
    box.append(h("p", { class: "empty" }, "No incidents yet: a corpus run groups the events that several reports describe into incidents."));
    return;
  }
  const table = h("table", { class: "list" }, h("tr", {}, ...["incident", "type", "documents", "sources", "first report", "last report"].map((x) => h("th", {}, x))));
  for (const r of rows) {
    const tr = h("tr", { class: "clickable", onclick: () => setFilter({ incident: r.id }) },
      h("td", { class: "mono" }, r.id), h("td", {}, r.type ? h("span", { class: `type t-${r.type}` }, r.type) : "—"),
      h("td", {}, r.n_documents ?? "—"), h("td", {}, r.n_sources ?? "—"), h("td", {}, r.first_seen || "—"), h("td", {}, r.last_seen || "—"));
    table.append(tr);
  }
  box.append(table);
  if (total > rows.length) box.append(h("p", { class: "muted small" }, `the ${rows.length} reported by most documents, of ${total.toLocaleString()} incidents`));
}

function evidenceCell(e) {
  const td = h("td", { class: "ev" });
  const ev = e.evidence, t = e.trigger;
  if (t.start >= ev.start && t.end <= ev.end) {
    const pre = ev.text.slice(0, t.start - ev.start);
    const post = ev.text.slice(t.end - ev.start);
    td.append(pre.length > 140 ? "…" + pre.slice(-130) : pre, h("mark", { class: `t-${e.type}` }, t.text), post.length > 150 ? post.slice(0, 150) + "…" : post);
  } else td.append(clip(ev.text, 280));
  return td;
}

async function renderEvents() {
  const box = clear($("events"));
  let page;
  try {
    page = await api("/events", { ...state.filters, limit: PAGE, offset: state.offset });
  } catch (err) {
    box.append(h("p", { class: "error" }, err.message));
    return;
  }
  $("events-sub").textContent = `${page.total.toLocaleString()} matching`;
  box.dataset.total = page.total;
  if (!page.items.length) {
    box.append(h("p", { class: "empty" }, "No events match these filters."));
    return;
  }
  const names = (xs) => (xs.length ? xs.join(", ") : "—");
  const table = h("table", { class: "list", id: "event-table" },
    h("tr", {}, ...["date", "type", "who → whom", "where", "evidence", "report"].map((x) => h("th", {}, x))));
  for (const e of page.items) {
    const href = `/reader?doc=${encodeURIComponent(e.doc_id)}&event=${encodeURIComponent(e.event_id)}`;
    const tr = h("tr", { class: "clickable event-row", dataset: { type: e.type, doc: e.doc_id, event: e.event_id } },
      h("td", { class: "mono" }, e.date || e.published || "—"),
      h("td", {}, h("span", { class: `type t-${e.type}` }, e.type), e.negated ? h("div", { class: "muted small" }, "negated") : null),
      h("td", {}, names(e.actor_names), h("span", { class: "arrow" }, "→"), names(e.recipient_names)),
      h("td", {}, e.location_name || "—"),
      evidenceCell(e),
      h("td", {}, h("a", { href, title: "open in the reader" }, clip(e.title || e.doc_id, 40)), h("div", { class: "muted small" }, e.source || ""))
    );
    tr.addEventListener("click", (ev) => { if (!ev.target.closest("a")) location.href = href; });
    table.append(tr);
  }
  box.append(table);
  const pager = h("div", { class: "pager" },
    h("button", { type: "button", disabled: state.offset === 0, onclick: () => { state.offset = Math.max(0, state.offset - PAGE); renderEvents(); } }, "‹ newer"),
    `${state.offset + 1}–${state.offset + page.items.length} of ${page.total.toLocaleString()}`,
    h("button", { type: "button", disabled: state.offset + PAGE >= page.total, onclick: () => { state.offset += PAGE; renderEvents(); } }, "older ›"));
  box.append(pager);
}

async function refresh() {
  document.body.dataset.ready = "";
  renderFilters();
  try {
    const st = await api("/stats", state.filters);
    state.stats = st;
    renderTotals(st);
    renderTimeline(st);
    renderTypes(st);
    renderNetworkSwitch();
    renderNetwork(st);
    renderMap(st);
    renderSpeakers(st);
  } catch (err) {
    clear($("totals")).append(h("p", { class: "error" }, err.message));
  }
  await renderEvents();
  document.body.dataset.ready = "1";
}

async function main() {
  $("nav").replaceWith(nav("/dashboard"));
  readUrl();
  try {
    state.world = await loadWorld();
  } catch {
    state.world = null;
  }
  renderIncidents();
  await refresh();
}

main();
