// The reader: one report with every actor, quote, event, date and place
// drawn on its own text, and a side panel that explains each of them.
import {
  actorClass, api, clear, clip, drawMap, h, loadWorld, nav, readJson, SECTORS,
} from "./common.js";

const $ = (id) => document.getElementById(id);

const state = {
  doc: null,
  segs: new Map(), // span key -> elements showing (part of) that span
  actorIndex: new Map(), // actor id -> position in doc.actors (its colour)
  tab: "events",
  actor: null, // selected actor id
  world: null,
};

// -- spans on the text ----------------------------------------------------------

function collectSpans(doc) {
  const out = [];
  const add = (start, end, kind, key, extra = {}) => {
    if (Number.isInteger(start) && Number.isInteger(end) && end > start) out.push({ start, end, kind, key, ...extra });
  };
  doc.actors.forEach((a, i) =>
    a.mentions.forEach((m, j) => add(m.start, m.end, "actor", a.id, { idx: i, mkey: `${a.id}#${j}`, actor: a }))
  );
  doc.places.forEach((p) => p.mentions.forEach((m) => add(m.start, m.end, "place", p.id, { place: p })));
  doc.quotes.forEach((q) => {
    add(q.start, q.end, "quote", q.id, { quote: q });
    if (q.speaker_mention) add(q.speaker_mention.start, q.speaker_mention.end, "speaker", `${q.id}:s`, { quote: q });
    if (q.cue) add(q.cue.start, q.cue.end, "cue", `${q.id}:c`, { quote: q });
  });
  doc.events.forEach((e) => {
    add(e.trigger.start, e.trigger.end, "trigger", `${e.id}:t`, { event: e });
    add(e.evidence.start, e.evidence.end, "evidence", `${e.id}:v`, { event: e });
  });
  doc.dates.forEach((d, i) => add(d.start, d.end, "date", `d${i}`, { date: d }));
  const dl = doc.meta.dateline;
  if (dl) add(dl.start, dl.end, "dateline", "dateline", {});
  return out;
}

const KIND_CLASS = {
  actor: "act", place: "plc", quote: "quo", speaker: "spk", cue: "cue",
  trigger: "trg", date: "dat", dateline: "dtl", evidence: null,
};

function register(key, el) {
  if (!state.segs.has(key)) state.segs.set(key, []);
  state.segs.get(key).push(el);
}

function segmentTitle(cover) {
  const lines = [];
  for (const sp of cover) {
    if (sp.kind === "actor") {
      const a = sp.actor;
      const code = [a.country, a.sector].filter(Boolean).join(" ");
      lines.push(`${a.name} (${a.type}${code ? ", " + code : ""})`);
    } else if (sp.kind === "trigger") lines.push(`${sp.event.type} event ${sp.event.id}`);
    else if (sp.kind === "date") lines.push(`date: ${sp.date.value || "?"} (${sp.date.precision})`);
    else if (sp.kind === "place") lines.push(`place: ${sp.place.name}${sp.place.country ? ", " + sp.place.country : ""}`);
    else if (sp.kind === "cue") lines.push(`speech verb of ${sp.quote.id}`);
    else if (sp.kind === "speaker") lines.push(`speaker of ${sp.quote.id}`);
  }
  return lines.join("\n");
}

function speakerName(doc, q) {
  const a = doc.actors.find((x) => x.id === q.speaker);
  return a ? a.name : null;
}

function renderText(doc) {
  const box = clear($("text"));
  state.segs = new Map();
  const text = doc.text;
  const spans = collectSpans(doc);
  const cuts = new Set([0, text.length]);
  for (const sp of spans) {
    cuts.add(Math.max(0, Math.min(sp.start, text.length)));
    cuts.add(Math.max(0, Math.min(sp.end, text.length)));
  }
  const bounds = [...cuts].sort((a, b) => a - b);
  const byStart = [...spans].sort((a, b) => a.start - b.start);
  const quoteStarts = new Map(doc.quotes.map((q) => [q.start, q]));
  const triggerEnds = new Map();
  for (const e of doc.events) {
    if (!triggerEnds.has(e.trigger.end)) triggerEnds.set(e.trigger.end, []);
    triggerEnds.get(e.trigger.end).push(e);
  }
  let active = [];
  let next = 0;
  const frag = document.createDocumentFragment();
  for (let i = 0; i < bounds.length - 1; i++) {
    const [a, b] = [bounds[i], bounds[i + 1]];
    if (quoteStarts.has(a)) {
      const q = quoteStarts.get(a);
      const name = speakerName(doc, q);
      const idx = state.actorIndex.get(q.speaker);
      // A speaker found in the text but not resolved to an actor is shown as written, marked as such.
      const named = name || (q.speaker_mention ? q.speaker_mention.text : null);
      const badge = h(
        "span",
        {
          class: `qbadge ${idx !== undefined ? actorClass(idx) : "nobody"}`,
          title: `${q.id}: ${q.kind} quote${name ? " by " + name : named ? ` by "${named}" (not resolved to an actor)` : ", speaker unknown"}`,
          onclick: () => focusQuote(q.id),
        },
        "❝ ",
        named || "speaker unknown"
      );
      register(`${q.id}:badge`, badge);
      frag.append(badge);
    }
    active = active.filter((sp) => sp.end > a);
    while (next < byStart.length && byStart[next].start <= a) {
      if (byStart[next].end > a) active.push(byStart[next]);
      next++;
    }
    const cover = active.filter((sp) => sp.start <= a && sp.end >= b);
    const el = document.createElement("span");
    el.textContent = text.slice(a, b);
    if (cover.length) {
      const classes = new Set(["seg"]);
      for (const sp of cover) {
        if (KIND_CLASS[sp.kind]) classes.add(KIND_CLASS[sp.kind]);
        if (sp.kind === "actor") classes.add(actorClass(sp.idx));
        register(sp.key, el);
        if (sp.mkey) register(sp.mkey, el);
      }
      el.className = [...classes].join(" ");
      const title = segmentTitle(cover);
      if (title) el.title = title;
      el.addEventListener("click", (ev) => onSegmentClick(ev, cover));
    }
    frag.append(el);
    for (const e of triggerEnds.get(b) || []) {
      const tag = h("sup", { class: `etag t-${e.type}`, title: `${e.id}: ${e.type}`, onclick: () => focusEvent(e.id) }, e.type);
      tag.addEventListener("mouseenter", () => lightEvent(e));
      tag.addEventListener("mouseleave", unlightAll);
      register(`${e.id}:tag`, tag);
      frag.append(tag);
    }
  }
  box.append(frag);
}

function onSegmentClick(ev, cover) {
  const actor = cover.find((sp) => sp.kind === "actor");
  const trig = cover.find((sp) => sp.kind === "trigger");
  const quote = cover.find((sp) => sp.kind === "speaker" || sp.kind === "cue");
  if (actor) selectActor(actor.key, false);
  else if (trig) focusEvent(trig.event.id);
  else if (quote) focusQuote(quote.quote.id);
  ev.stopPropagation();
}

// -- lighting ----------------------------------------------------------------------

function light(key, cls) {
  for (const el of state.segs.get(key) || []) el.classList.add(cls);
}

function unlight(cls) {
  for (const el of document.querySelectorAll("." + cls)) el.classList.remove(cls);
}

function unlightAll() {
  for (const cls of ["lit-t", "lit-v", "lit-a", "lit-r", "lit-q", "lit-p", "lit-m"]) unlight(cls);
  for (const el of document.querySelectorAll(".card.hover")) el.classList.remove("hover");
}

function inside(m, span) {
  return m.start >= span.start && m.end <= span.end;
}

// An event lights its trigger, its evidence sentence, and the mentions of its
// actors and recipients inside that sentence.
function lightEvent(e) {
  unlightAll();
  light(`${e.id}:t`, "lit-t");
  light(`${e.id}:tag`, "lit-t");
  light(`${e.id}:v`, "lit-v");
  for (const [ids, cls] of [[e.actor, "lit-a"], [e.recipient, "lit-r"]]) {
    for (const id of ids) {
      const a = state.doc.actors.find((x) => x.id === id);
      if (!a) continue;
      a.mentions.forEach((m, j) => {
        if (inside(m, e.evidence)) light(`${a.id}#${j}`, cls);
      });
    }
  }
  const card = document.querySelector(`.card[data-event="${CSS.escape(e.id)}"]`);
  if (card) card.classList.add("hover");
}

function scrollToKey(key) {
  const els = state.segs.get(key) || [];
  if (els.length) els[0].scrollIntoView({ block: "center", behavior: "instant" });
  return els;
}

// -- selection -------------------------------------------------------------------

function selectActor(id, scroll = true) {
  state.actor = id;
  unlight("sel");
  for (const el of state.segs.get(id) || []) el.classList.add("sel");
  setTab("actors");
  if (scroll) scrollToKey(id);
}

function focusEvent(id) {
  setTab("events");
  const e = state.doc.events.find((x) => x.id === id);
  if (!e) return;
  const card = document.querySelector(`.card[data-event="${CSS.escape(id)}"]`);
  if (card) card.scrollIntoView({ block: "nearest" });
  scrollToKey(`${id}:t`);
  lightEvent(e);
}

function focusQuote(id) {
  setTab("quotes");
  unlightAll();
  light(id, "lit-q");
  const card = document.querySelector(`.card[data-quote="${CSS.escape(id)}"]`);
  if (card) {
    card.classList.add("hover");
    card.scrollIntoView({ block: "nearest" });
  }
  scrollToKey(id);
}

// -- side panel ------------------------------------------------------------------

const TABS = [
  ["events", "Events", (d) => d.events.length],
  ["quotes", "Quotes", (d) => d.quotes.length],
  ["actors", "Actors", (d) => d.actors.length],
  ["where", "Where & when", (d) => d.places.length + d.dates.length],
];

function renderTabs() {
  const bar = clear($("tabs"));
  for (const [key, label, count] of TABS) {
    bar.append(
      h(
        "button",
        { type: "button", role: "tab", class: state.tab === key ? "tab on" : "tab", "aria-selected": state.tab === key, dataset: { tab: key }, onclick: () => setTab(key) },
        label,
        " ",
        h("span", { class: "count" }, state.doc ? count(state.doc) : 0)
      )
    );
  }
}

function setTab(key) {
  state.tab = key;
  renderTabs();
  renderPanel();
}

function actorChip(id) {
  const a = state.doc.actors.find((x) => x.id === id);
  if (!a) return h("span", { class: "chip nobody" }, id);
  const code = a.country ? ` · ${a.country}` : "";
  return h(
    "button",
    { type: "button", class: `chip ${actorClass(state.actorIndex.get(id))}`, title: `${a.type}${code}`, onclick: () => selectActor(id) },
    a.name
  );
}

function chips(ids) {
  if (!ids.length) return h("span", { class: "muted" }, "—");
  return ids.map(actorChip);
}

function placeName(id) {
  const p = state.doc.places.find((x) => x.id === id);
  return p ? `${p.name}${p.country ? " (" + p.country + ")" : ""}` : null;
}

// The evidence sentence with its trigger marked, built from text slices.
function evidenceBlock(e) {
  const ev = e.evidence;
  const t = e.trigger;
  const block = h("blockquote", { class: "evidence" });
  if (t.start >= ev.start && t.end <= ev.end) {
    block.append(ev.text.slice(0, t.start - ev.start), h("mark", { class: `t-${e.type}` }, t.text), ev.text.slice(t.end - ev.start));
  } else block.append(ev.text);
  return block;
}

function eventCard(e) {
  const flags = [];
  if (e.negated) flags.push("negated");
  if (e.modality && e.modality !== "asserted") flags.push(e.modality);
  if (e.quote) flags.push(`said in ${e.quote}`);
  const row = (label, ...value) => h("div", { class: "row" }, h("span", { class: "lbl" }, label), h("span", { class: "val" }, ...value));
  const card = h(
    "div",
    { class: "card event", dataset: { event: e.id }, tabindex: 0 },
    h(
      "div",
      { class: "card-head" },
      h("span", { class: `type t-${e.type}` }, e.type),
      e.mode ? h("span", { class: "mode" }, e.mode) : null,
      flags.length ? h("span", { class: "flags" }, flags.join(" · ")) : null,
      h("span", { class: "eid" }, e.id)
    ),
    row("who", chips(e.actor)),
    row("did what", h("q", {}, e.trigger.text), ` ${e.type.toLowerCase()}${e.cameo ? " (CAMEO " + e.cameo + ")" : ""}`),
    row("to whom", chips(e.recipient)),
    row("when", e.date || h("span", { class: "muted" }, "—")),
    row("where", placeName(e.location) || h("span", { class: "muted" }, "—")),
    e.context && e.context.length ? row("context", e.context.join(", ")) : null,
    evidenceBlock(e)
  );
  card.addEventListener("mouseenter", () => lightEvent(e));
  card.addEventListener("mouseleave", unlightAll);
  card.addEventListener("focus", () => lightEvent(e));
  card.addEventListener("click", (ev) => {
    if (ev.target.closest("button")) return;
    scrollToKey(`${e.id}:t`);
    lightEvent(e);
  });
  return card;
}

function quoteCard(q) {
  const card = h(
    "div",
    { class: "card quote", dataset: { quote: q.id }, tabindex: 0 },
    h(
      "div",
      { class: "card-head" },
      q.speaker
        ? actorChip(q.speaker)
        : h("span", { class: "chip nobody" }, q.speaker_mention ? q.speaker_mention.text : "speaker unknown"),
      h("span", { class: "mode" }, q.kind),
      q.cue ? h("span", { class: "flags" }, `“${q.cue.text}”`) : null,
      h("span", { class: "eid" }, q.id)
    ),
    h("blockquote", { class: "qtext" }, clip(q.text, 420)),
    q.speaker_mention ? h("div", { class: "muted small" }, `named as “${q.speaker_mention.text}”`) : null
  );
  card.addEventListener("mouseenter", () => {
    unlightAll();
    light(q.id, "lit-q");
  });
  card.addEventListener("mouseleave", unlightAll);
  card.addEventListener("click", (ev) => {
    if (ev.target.closest("button")) return;
    scrollToKey(q.id);
  });
  return card;
}

function context(text, m, n = 50) {
  const pre = text.slice(Math.max(0, m.start - n), m.start);
  const post = text.slice(m.end, m.end + n);
  return [(m.start > n ? "…" : "") + pre.replace(/\s+/g, " "), h("mark", {}, m.text), post.replace(/\s+/g, " ") + "…"];
}

function actorDetail(a) {
  const idx = state.actorIndex.get(a.id);
  const country = a.country ? `${a.country}${state.world && state.world.names[a.country] ? " · " + state.world.names[a.country] : ""}` : "—";
  const sector = a.sector ? `${a.sector}${SECTORS[a.sector] ? " · " + SECTORS[a.sector] : ""}` : "—";
  const kv = (k, v) => [h("dt", {}, k), h("dd", {}, v)];
  const wikidata = a.wikidata && /^Q[0-9]+$/.test(a.wikidata)
    ? h("a", { href: `https://www.wikidata.org/wiki/${a.wikidata}`, rel: "noreferrer noopener", target: "_blank" }, a.wikidata)
    : "—";
  const list = h("ol", { class: "mentions" });
  a.mentions.forEach((m, j) => {
    const li = h("li", { tabindex: 0 }, ...context(state.doc.text, m));
    li.addEventListener("click", () => {
      const els = scrollToKey(`${a.id}#${j}`);
      unlight("lit-m");
      for (const el of els) el.classList.add("lit-m");
    });
    list.append(li);
  });
  return h(
    "div",
    { class: "card actor-detail", id: "actor-detail", dataset: { actor: a.id } },
    h("div", { class: "card-head" }, h("span", { class: `chip big ${actorClass(idx)}` }, a.name), h("span", { class: "eid" }, a.id)),
    h("dl", { class: "kv" }, kv("type", a.type), kv("country", country), kv("sector", sector), kv("title", a.title || "—"), kv("wikidata", wikidata)),
    h("h3", {}, `${a.mentions.length} mention${a.mentions.length === 1 ? "" : "s"}`),
    list
  );
}

function renderPanel() {
  const panel = clear($("panel"));
  const doc = state.doc;
  if (!doc) return;
  if (state.tab === "events") {
    if (!doc.events.length) panel.append(h("p", { class: "empty" }, "No events found in this report."));
    for (const e of doc.events) panel.append(eventCard(e));
  } else if (state.tab === "quotes") {
    if (!doc.quotes.length) panel.append(h("p", { class: "empty" }, "No quotes found in this report."));
    for (const q of doc.quotes) panel.append(quoteCard(q));
  } else if (state.tab === "actors") {
    const sel = doc.actors.find((a) => a.id === state.actor);
    if (sel) panel.append(actorDetail(sel));
    const list = h("ul", { class: "actor-list" });
    doc.actors.forEach((a, i) => {
      list.append(
        h(
          "li",
          { class: a.id === state.actor ? "on" : null },
          h("button", { type: "button", class: `chip ${actorClass(i)}`, onclick: () => selectActor(a.id) }, a.name),
          h("span", { class: "muted small" }, [a.type, a.country, a.sector].filter(Boolean).join(" · ")),
          h("span", { class: "count" }, `×${a.mentions.length}`)
        )
      );
    });
    if (!doc.actors.length) panel.append(h("p", { class: "empty" }, "No actors found in this report."));
    else panel.append(list);
  } else {
    renderWhere(panel, doc);
  }
}

function renderWhere(panel, doc) {
  panel.append(h("h3", {}, "Places"));
  const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
  svg.setAttribute("class", "map small");
  svg.setAttribute("role", "img");
  svg.setAttribute("aria-label", "map of the places in this report");
  panel.append(svg);
  const markers = doc.places
    .filter((p) => p.lat !== null && p.lon !== null)
    .map((p) => ({ name: p.name, lat: p.lat, lon: p.lon, n: p.mentions.length, label: `${p.name}: ${p.mentions.length} mention(s)`, onclick: () => scrollToKey(p.id) }));
  const draw = () => drawMap(svg, state.world, markers, { highlight: doc.places.map((p) => p.country).filter(Boolean), minSpan: 30 });
  if (state.world) draw();
  else loadWorld().then((w) => { state.world = w; draw(); });
  const places = h("ul", { class: "place-list" });
  for (const p of doc.places) {
    const li = h(
      "li",
      { tabindex: 0 },
      h("strong", {}, p.name),
      " ",
      h("span", { class: "muted small" }, [p.country, p.lat !== null && p.lon !== null ? `${p.lat.toFixed(2)}, ${p.lon.toFixed(2)}` : "not located"].filter(Boolean).join(" · ")),
      h("span", { class: "count" }, `×${p.mentions.length}`)
    );
    li.addEventListener("mouseenter", () => { unlightAll(); light(p.id, "lit-p"); });
    li.addEventListener("mouseleave", unlightAll);
    li.addEventListener("click", () => scrollToKey(p.id));
    places.append(li);
  }
  if (!doc.places.length) panel.append(h("p", { class: "empty" }, "No places found in this report."));
  else panel.append(places);
  panel.append(h("h3", {}, "Dates"));
  if (!doc.dates.length) panel.append(h("p", { class: "empty" }, "No dates found in this report."));
  const table = h("table", { class: "dates" }, h("tr", {}, h("th", {}, "in the text"), h("th", {}, "normalised"), h("th", {}, "precision")));
  doc.dates.forEach((d, i) => {
    const tr = h("tr", { tabindex: 0 }, h("td", {}, h("q", {}, d.text)), h("td", { class: "mono" }, d.value || "?"), h("td", { class: "muted" }, d.precision));
    tr.addEventListener("mouseenter", () => { unlightAll(); light(`d${i}`, "lit-p"); });
    tr.addEventListener("mouseleave", unlightAll);
    tr.addEventListener("click", () => scrollToKey(`d${i}`));
    table.append(tr);
  });
  if (doc.dates.length) panel.append(table);
}

// -- the document ------------------------------------------------------------------

function renderHead(doc) {
  const m = doc.meta;
  const head = clear($("doc-head"));
  head.append(h("h1", {}, m.title || doc.id));
  const bits = [m.source, m.published ? `published ${m.published}` : null, m.dateline ? `dateline ${m.dateline.place}` : null, m.license ? `licence ${m.license}` : null].filter(Boolean);
  const line = h("p", { class: "meta" }, bits.join(" · "));
  if (m.url && /^https?:\/\//i.test(m.url)) {
    line.append(" · ", h("a", { href: m.url, rel: "noreferrer noopener", target: "_blank" }, "original"));
  }
  head.append(line);
  head.append(
    h("p", { class: "counts" },
      [[doc.actors, "actor"], [doc.quotes, "quote"], [doc.events, "event"], [doc.places, "place"], [doc.dates, "date"]]
        .map(([xs, word]) => `${xs.length} ${word}${xs.length === 1 ? "" : "s"}`)
        .join(" · "),
      h("a", { href: `/documents/${encodeURIComponent(doc.id)}`, class: "json", target: "_blank" }, "JSON"))
  );
}

function renderLegend() {
  const legend = clear($("legend"));
  const item = (cls, label) => h("span", { class: "li" }, h("span", { class: `seg ${cls}` }, label));
  legend.append(item("act c0", "actor"), item("quo", "quote"), item("spk", "speaker"), item("cue", "speech verb"), item("trg", "event trigger"), item("dat", "date"), item("plc", "place"));
}

function show(doc) {
  state.doc = doc;
  state.actor = null;
  state.actorIndex = new Map(doc.actors.map((a, i) => [a.id, i]));
  renderHead(doc);
  renderLegend();
  renderText(doc);
  renderTabs();
  renderPanel();
  document.body.dataset.loaded = doc.id;
}

function status(msg, error = false) {
  const el = $("status");
  el.textContent = msg || "";
  el.className = error ? "error" : "";
}

async function openStored(id, focus) {
  status("loading…");
  try {
    const doc = await api(`/documents/${encodeURIComponent(id)}`);
    show(doc);
    status("");
    $("doc-select").value = id;
    const url = new URL(location.href);
    url.searchParams.set("doc", id);
    for (const k of ["event", "actor", "quote"]) if (!focus || !focus[k]) url.searchParams.delete(k);
    history.replaceState(null, "", url);
    if (focus && focus.event) focusEvent(focus.event);
    if (focus && focus.actor) selectActor(focus.actor);
    if (focus && focus.quote) focusQuote(focus.quote);
  } catch (err) {
    status(`cannot open ${id}: ${err.message}`, true);
  }
}

async function fillSelect() {
  const sel = $("doc-select");
  try {
    const page = await api("/documents", { limit: 500 });
    clear(sel).append(h("option", { value: "" }, page.total ? `— ${page.total} stored —` : "— none stored —"));
    for (const d of page.items) {
      sel.append(h("option", { value: d.id }, `${d.published || "????-??-??"} · ${clip(d.title || d.id, 70)}`));
    }
  } catch (err) {
    status(err.message, true);
  }
}

async function extract() {
  const file = $("input-file").files[0];
  const text = $("input-text").value;
  const store = $("input-store").checked;
  const token = $("input-token").value;
  const meta = { published: $("input-published").value, title: $("input-title").value, source: $("input-source").value };
  let body;
  const headers = { Accept: "application/json" };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (file) {
    body = new FormData();
    body.append("file", file);
    for (const [k, v] of Object.entries(meta)) if (v) body.append(k, v);
  } else {
    if (!text.trim()) {
      status("paste a report or choose a file first", true);
      return;
    }
    const payload = { text };
    for (const [k, v] of Object.entries(meta)) if (v) payload[k] = v;
    body = JSON.stringify(payload);
    headers["Content-Type"] = "application/json";
  }
  status("extracting…");
  $("extract").disabled = true;
  try {
    const r = await fetch(`/extract${store ? "?store=true" : ""}`, { method: "POST", headers, body });
    const doc = await readJson(r);
    show(doc);
    status(store ? `stored as ${doc.id}` : "extracted (not stored)");
    if (store) {
      await fillSelect();
      $("doc-select").value = doc.id;
      const url = new URL(location.href);
      url.searchParams.set("doc", doc.id);
      history.replaceState(null, "", url);
    }
  } catch (err) {
    status(err.message, true);
  } finally {
    $("extract").disabled = false;
  }
}

async function main() {
  $("nav").replaceWith(nav("/reader"));
  renderTabs();
  $("toggle-input").addEventListener("click", () => {
    $("input-panel").hidden = !$("input-panel").hidden;
  });
  $("input-panel").addEventListener("submit", (ev) => {
    ev.preventDefault();
    extract();
  });
  $("doc-select").addEventListener("change", (ev) => {
    if (ev.target.value) openStored(ev.target.value);
  });
  document.addEventListener("keydown", (ev) => {
    if (ev.key === "Escape") {
      unlightAll();
      unlight("sel");
    }
  });
  loadWorld().then((w) => { state.world = w; }).catch(() => {});
  await fillSelect();
  const params = new URLSearchParams(location.search);
  const id = params.get("doc");
  if (id) await openStored(id, { event: params.get("event"), actor: params.get("actor"), quote: params.get("quote") });
  else $("input-panel").hidden = false;
  document.body.dataset.ready = "1";
}

main();
