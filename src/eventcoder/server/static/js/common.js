// Shared helpers of the reader and the dashboard.
//
// Every piece of text that comes from a document goes into the page through
// textContent (via h() and text nodes), never as HTML: a report that contains
// markup is shown as the characters it is and cannot run anything.

export const SVG_NS = "http://www.w3.org/2000/svg";

// h("div", {class: "x", onclick: f}, "text", child, ...): an element whose string children are text nodes.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "text") el.textContent = String(v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export async function api(path, params) {
  const url = new URL(path, location.origin);
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== null && v !== undefined && v !== "") url.searchParams.set(k, v);
  }
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  return readJson(r);
}

export async function readJson(r) {
  let body = null;
  try {
    body = await r.json();
  } catch {
    body = null;
  }
  if (!r.ok) {
    let msg = body && body.detail ? body.detail : r.statusText;
    if (Array.isArray(msg)) msg = msg.map((d) => `${(d.loc || []).join(".")}: ${d.msg}`).join("; ");
    throw new Error(`${r.status}: ${msg}`);
  }
  return body;
}

export function clip(text, n) {
  const t = String(text || "").replace(/\s+/g, " ").trim();
  return t.length <= n ? t : t.slice(0, n - 1) + "…";
}

// One colour per actor (by its position in the document), 12 well-separated hues.
export const ACTOR_COLOURS = 12;
export const actorClass = (index) => `c${index % ACTOR_COLOURS}`;

// PLOVER types grouped as in the manual: cooperation (blues/greens), verbal
// conflict (ambers) and material conflict (reds).
export const TYPE_COLOURS = {
  AGREE: "#2b8cbe", CONSULT: "#74a9cf", SUPPORT: "#41ae76", CONCEDE: "#99d8c9",
  COOPERATE: "#238b45", AID: "#66c2a4", RETREAT: "#a6bddb",
  REQUEST: "#fdd49e", ACCUSE: "#fdae6b", REJECT: "#f16913", THREATEN: "#d94801", PROTEST: "#fd8d3c",
  SANCTION: "#bc80bd", MOBILIZE: "#8c6bb1", COERCE: "#cb181d", ASSAULT: "#67000d",
};
export const typeColour = (t) => TYPE_COLOURS[t] || "#888";

// -- the world map ------------------------------------------------------------

let mapPromise = null;

// The bundled world-atlas TopoJSON (Natural Earth 1:110m), decoded once into
// rings of [lon, lat] per country.
export function loadWorld() {
  if (!mapPromise) {
    mapPromise = fetch("/map/countries.json")
      .then((r) => r.json())
      .then(decodeTopo);
  }
  return mapPromise;
}

function decodeTopo(topo) {
  const [sx, sy] = topo.transform.scale;
  const [tx, ty] = topo.transform.translate;
  // Arcs are delta-encoded integer positions: accumulate, then scale.
  const arcs = topo.arcs.map((arc) => {
    let x = 0;
    let y = 0;
    return arc.map(([dx, dy]) => {
      x += dx;
      y += dy;
      return [x * sx + tx, y * sy + ty];
    });
  });
  const ring = (indexes) => {
    const pts = [];
    for (const i of indexes) {
      const a = i < 0 ? arcs[~i].slice().reverse() : arcs[i];
      pts.push(...(pts.length ? a.slice(1) : a));
    }
    return pts;
  };
  const countries = topo.objects.countries.geometries.map((g) => {
    const polys = g.type === "Polygon" ? [g.arcs] : g.type === "MultiPolygon" ? g.arcs : [];
    return {
      name: (g.properties || {}).name || "",
      a3: (g.properties || {}).a3 || null,
      rings: polys.flatMap((poly) => poly.map(ring)),
    };
  });
  const names = {};
  for (const c of countries) if (c.a3) names[c.a3] = c.name;
  return { countries, names };
}

// Equirectangular projection scaled by cos(mid-latitude), which keeps the
// shapes of a regional view close to right without any library.  A regional
// view is widened to the box's aspect ratio (opts.aspect = height / width).
export function drawMap(svg, world, markers, opts = {}) {
  clear(svg);
  const pts = markers.filter((m) => Number.isFinite(m.lat) && Number.isFinite(m.lon));
  let [lon0, lon1, lat0, lat1] = [-170, 190, -58, 84];
  let k = 1;
  const W = 1000;
  let H = Math.round((W * (lat1 - lat0)) / (lon1 - lon0));
  if (pts.length && !opts.whole) {
    lon0 = Math.min(...pts.map((p) => p.lon));
    lon1 = Math.max(...pts.map((p) => p.lon));
    lat0 = Math.min(...pts.map((p) => p.lat));
    lat1 = Math.max(...pts.map((p) => p.lat));
    const minSpan = opts.minSpan || 40;
    const padLon = Math.max(minSpan - (lon1 - lon0), 0) / 2 + (lon1 - lon0) * 0.12 + 3;
    lon0 -= padLon;
    lon1 += padLon;
    const padLat = (lat1 - lat0) * 0.12 + 3;
    lat0 -= padLat;
    lat1 += padLat;
    k = Math.max(Math.cos((((lat0 + lat1) / 2) * Math.PI) / 180), 0.35);
    const aspect = opts.aspect || 0.6;
    const wantLat = (lon1 - lon0) * k * aspect;
    if (wantLat > lat1 - lat0) {
      const grow = (wantLat - (lat1 - lat0)) / 2;
      lat0 -= grow;
      lat1 += grow;
    } else {
      const grow = ((lat1 - lat0) / (k * aspect) - (lon1 - lon0)) / 2;
      lon0 -= grow;
      lon1 += grow;
    }
    H = Math.round(W * aspect);
  }
  const sx = W / (lon1 - lon0);
  const sy = H / (lat1 - lat0);
  const X = (lon) => (lon - lon0) * sx;
  const Y = (lat) => (lat1 - lat) * sy;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  svg.setAttribute("preserveAspectRatio", "xMidYMid meet");
  svg.append(s("rect", { x: 0, y: 0, width: W, height: H, class: "sea" }));
  const highlight = new Set(opts.highlight || []);
  const land = s("g", { class: "land" });
  for (const c of world.countries) {
    const d = c.rings
      .map((r) => "M" + r.map(([lon, lat]) => `${X(lon).toFixed(1)},${Y(lat).toFixed(1)}`).join("L") + "Z")
      .join("");
    if (!d) continue;
    const path = s("path", { d, class: highlight.has(c.a3) ? "country hl" : "country" });
    path.append(s("title", {}, c.name));
    land.append(path);
  }
  svg.append(land);
  const maxN = Math.max(1, ...pts.map((p) => p.n || 1));
  const px = W / 700; // marker sizes are in pixels of a map drawn about 700 px wide
  const marks = s("g", { class: "markers" });
  for (const p of pts) {
    const r = (opts.radius || 7) * (0.6 + 0.9 * Math.sqrt((p.n || 1) / maxN));
    const g = s("g", { class: "marker" + (p.selected ? " selected" : ""), tabindex: 0, "data-name": p.name });
    g.append(s("circle", { cx: X(p.lon).toFixed(1), cy: Y(p.lat).toFixed(1), r: (r * px).toFixed(1) }));
    g.append(s("title", {}, p.label || p.name));
    if (opts.labels !== false) {
      g.append(
        s("text", { x: (X(p.lon) + r * px + 4).toFixed(1), y: (Y(p.lat) + 5).toFixed(1), class: "mlabel" }, p.name)
      );
    }
    if (p.onclick) g.addEventListener("click", p.onclick);
    marks.append(g);
  }
  svg.append(marks);
}

export function nav(active) {
  const link = (href, label) => h("a", { href, class: href === active ? "active" : null }, label);
  return h(
    "nav",
    { class: "top" },
    h("span", { class: "brand" }, "eventcoder"),
    link("/reader", "Reader"),
    link("/dashboard", "Dashboard"),
    link("/docs", "API")
  );
}

// PLOVER sector codes (PLOVER manual, "Sectors"), for labels only.
export const SECTORS = {
  COP: "police", GOV: "government", JUD: "judiciary", LEG: "legislature", MIL: "military",
  PRM: "paramilitary", PTY: "political party", REB: "rebels", SPY: "intelligence",
  UAF: "unidentified armed forces", UNK: "unidentified", AGR: "agriculture", BUS: "business",
  CRM: "criminals", CVL: "civilians", EDU: "education", ELI: "former officials", JRN: "media",
  LAB: "labour", MED: "health", REF: "refugees", OPP: "opposition", PRE: "partially recognised entity",
  REL: "religion", SOC: "civil society",
};
