"""The SQL behind the API, over the tables of ``store/duckdb_store.py``.

Every value from a request goes in as a bound parameter; only fixed
fragments written here are pasted into SQL text.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from ..store import Store
from ..store.filters import EventQuery, escape_like

# An event's date, or its document's publication date when the text gave none.
EVENT_DATE = "coalesce(e.date, CAST(d.published AS VARCHAR))"

EVENT_COLUMNS = """
    e.doc_id, e.event_id, e.type, e.mode, e.context, e.actor, e.recipient, e.actor_names,
    e.recipient_names, e.actor_countries, e.recipient_countries, e.date, e.location, e.location_name,
    e.lat, e.lon, e.negated, e.modality, e.quote, e.trigger_start, e.trigger_end, e.trigger_text,
    e.evidence_start, e.evidence_end, e.evidence_text, e.cameo, e.confidence,
    d.title, d.source, CAST(d.published AS VARCHAR) AS published
"""


def _columns(store: Store, table: str) -> list[str]:
    _, rows = store.query(
        "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' AND table_name = ? "
        "ORDER BY ordinal_position",
        [table],
    )
    return [r[0] for r in rows]


def event_where(store: Store, f: EventQuery) -> tuple[str, list[Any]]:
    """The shared event filter (:mod:`eventcoder.store.filters`, also the CLI's) over this store."""
    return f.where(store.tables())


def _json_safe(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.isoformat(timespec="seconds")
    if isinstance(v, date):
        return v.isoformat()
    return v


def _dicts(cols: list[str], rows: list[tuple[Any, ...]]) -> list[dict[str, Any]]:
    return [{c: _json_safe(v) for c, v in zip(cols, r, strict=True)} for r in rows]


def _count(store: Store, sql: str, params: list[Any]) -> int:
    _, rows = store.query(sql, params)
    return int(rows[0][0]) if rows else 0


# -- documents -----------------------------------------------------------------


def documents(store: Store, q: str | None, source: str | None, limit: int, offset: int) -> dict[str, Any]:
    clauses, params = [], []
    if q:
        clauses.append("(id ILIKE ? OR title ILIKE ?)")
        pat = "%" + escape_like(q) + "%"
        params += [pat, pat]
    if source:
        clauses.append("source = ?")
        params.append(source)
    where = " AND ".join(clauses) or "TRUE"
    total = _count(store, f"SELECT count(*) FROM documents WHERE {where}", params)
    cols, rows = store.query(
        f"""SELECT id, title, source, url, CAST(published AS VARCHAR) AS published, dateline, license,
                   coalesce(n_actors, 0) AS n_actors, coalesce(n_quotes, 0) AS n_quotes,
                   coalesce(n_events, 0) AS n_events, extracted_at
            FROM documents WHERE {where}
            ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    return {"total": total, "limit": limit, "offset": offset, "items": _dicts(cols, rows)}


# -- events --------------------------------------------------------------------


def _event_item(row: dict[str, Any]) -> dict[str, Any]:
    out = {k: v for k, v in row.items() if not k.startswith(("trigger_", "evidence_"))}
    for key in ("trigger", "evidence"):
        out[key] = {"start": row[f"{key}_start"], "end": row[f"{key}_end"], "text": row[f"{key}_text"]}
    for key in ("context", "actor", "recipient", "actor_names", "recipient_names", "actor_countries",
                "recipient_countries"):  # fmt: skip
        out[key] = list(out[key] or [])
    out["negated"] = bool(out["negated"])
    return out


def events(store: Store, f: EventQuery, limit: int, offset: int) -> dict[str, Any]:
    where, params = event_where(store, f)
    base = f"FROM events e JOIN documents d ON d.id = e.doc_id WHERE {where}"
    total = _count(store, f"SELECT count(*) {base}", params)
    cols, rows = store.query(
        f"SELECT {EVENT_COLUMNS} {base} ORDER BY {EVENT_DATE} DESC NULLS LAST, e.doc_id, e.trigger_start "
        "LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    return {
        "total": total,
        "limit": limit,
        "offset": offset,
        "items": [_event_item(r) for r in _dicts(cols, rows)],
    }


# -- actors --------------------------------------------------------------------


def actors(
    store: Store,
    q: str | None,
    country: str | None,
    sector: str | None,
    type_: str | None,
    doc: str | None,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    clauses, params = [], []
    if q:
        clauses.append("a.name ILIKE ?")
        params.append("%" + escape_like(q) + "%")
    for col, val in (("country", country), ("sector", sector), ("type", type_), ("doc_id", doc)):
        if val:
            clauses.append(f"a.{col} = ?")
            params.append(val)
    where = " AND ".join(clauses) or "TRUE"
    # Events are counted per (document, actor id) and then summed over the actor's identity.
    grouped = f"""
        WITH roles AS (
            SELECT doc_id, unnest(actor) AS actor_id, 'actor' AS role FROM events
            UNION ALL
            SELECT doc_id, unnest(recipient) AS actor_id, 'recipient' AS role FROM events
        ),
        per_actor AS (
            SELECT a.doc_id, a.actor_id, a.name, a.type, a.country, a.sector, coalesce(a.n_mentions, 0) AS n_mentions,
                   count(*) FILTER (WHERE r.role = 'actor') AS n_as_actor,
                   count(*) FILTER (WHERE r.role = 'recipient') AS n_as_recipient
            FROM actors a LEFT JOIN roles r ON r.doc_id = a.doc_id AND r.actor_id = a.actor_id
            WHERE {where}
            GROUP BY ALL
        )
        SELECT name, type, country, sector, count(DISTINCT doc_id) AS n_documents,
               sum(n_mentions)::INTEGER AS n_mentions, sum(n_as_actor)::INTEGER AS n_as_actor,
               sum(n_as_recipient)::INTEGER AS n_as_recipient, min(doc_id) AS example_doc
        FROM per_actor GROUP BY name, type, country, sector
    """
    # The total rides along as a window column, so the grouping runs once.
    cols, rows = store.query(
        f"SELECT *, count(*) OVER () AS total FROM ({grouped}) "
        "ORDER BY n_mentions DESC, n_documents DESC, name LIMIT ? OFFSET ?",
        [*params, limit, offset],
    )
    items = _dicts(cols, rows)
    if items:
        total = items[0]["total"]
    else:
        total = _count(store, f"SELECT count(*) FROM ({grouped})", params) if offset else 0
    for item in items:
        del item["total"]
    return {"total": total, "limit": limit, "offset": offset, "items": items}


# -- quotes --------------------------------------------------------------------


def quotes(
    store: Store, speaker: str | None, doc: str | None, q: str | None, limit: int, offset: int
) -> dict[str, Any]:
    clauses, params = [], []
    if speaker:
        clauses.append("qu.speaker_name = ?")
        params.append(speaker)
    if doc:
        clauses.append("qu.doc_id = ?")
        params.append(doc)
    if q:
        clauses.append("qu.text ILIKE ?")
        params.append("%" + escape_like(q) + "%")
    where = " AND ".join(clauses) or "TRUE"
    base = f"FROM quotes qu JOIN documents d ON d.id = qu.doc_id WHERE {where}"
    total = _count(store, f"SELECT count(*) {base}", params)
    cols, rows = store.query(
        f"""SELECT qu.doc_id, qu.quote_id, qu.text, qu.start_char AS start, qu.end_char AS "end", qu.kind,
                   qu.speaker, qu.speaker_name, qu.speaker_text, qu.cue, qu.confidence, d.title,
                   CAST(d.published AS VARCHAR) AS published
            {base} ORDER BY d.published DESC NULLS LAST, qu.doc_id, qu.start_char LIMIT ? OFFSET ?""",
        [*params, limit, offset],
    )
    return {"total": total, "limit": limit, "offset": offset, "items": _dicts(cols, rows)}


# -- incidents -----------------------------------------------------------------

_INCIDENT_ALIASES = {
    "id": ("incident_id", "id"),
    "type": ("type", "event_type"),
    "n_documents": ("n_documents", "n_docs", "documents"),
    "n_sources": ("n_sources", "n_outlets", "sources"),
    "first_seen": ("first_seen", "first_report", "first_published"),
    "last_seen": ("last_seen", "last_report", "last_published"),
}


def incidents(store: Store, limit: int, offset: int) -> dict[str, Any]:
    """A page of the ``incidents`` table (written by the corpus runner); no rows when there is none."""
    page: dict[str, Any] = {"total": incident_count(store), "limit": limit, "offset": offset, "items": []}
    if not page["total"]:
        return page
    cols = _columns(store, "incidents")
    # Pages need a total order: the id breaks ties.
    keys = [f'"{c}" DESC NULLS LAST' for c in ("n_documents", "n_docs", "n_sources") if c in cols][:1]
    keys += [f'"{c}"' for c in ("incident_id", "id") if c in cols][:1]
    order_sql = f"ORDER BY {', '.join(keys)}" if keys else ""
    names, rows = store.query(f"SELECT * FROM incidents {order_sql} LIMIT ? OFFSET ?", [limit, offset])
    for row in _dicts(names, rows):
        item: dict[str, Any] = {}
        used = set()
        for key, aliases in _INCIDENT_ALIASES.items():
            for a in aliases:
                if a in row:
                    item[key] = row[a]
                    used.add(a)
                    break
        if item.get("id") is None:
            continue
        item["id"] = str(item["id"])
        for key in ("first_seen", "last_seen", "type"):
            if item.get(key) is not None:
                item[key] = str(item[key])
        item.update({k: v for k, v in row.items() if k not in used and k not in item})
        page["items"].append(item)
    return page


def incident_count(store: Store) -> int:
    if "incidents" not in store.tables():
        return 0
    return _count(store, "SELECT count(*) FROM incidents", [])


# -- statistics ----------------------------------------------------------------


def stats(store: Store, f: EventQuery, top: int = 40) -> dict[str, Any]:
    where, params = event_where(store, f)
    matching = (
        f"SELECT e.*, {EVENT_DATE} AS edate FROM events e JOIN documents d ON d.id = e.doc_id WHERE {where}"
    )

    def rows(sql: str, extra: list[Any] | None = None) -> list[dict[str, Any]]:
        cols, data = store.query(sql, [*params, *(extra or [])])
        return _dicts(cols, data)

    totals = {
        "documents": store.count("documents"),
        "events": store.count("events"),
        "actors": store.count("actors"),
        "quotes": store.count("quotes"),
        "places": store.count("places"),
        "incidents": incident_count(store),
    }
    span = rows(f"SELECT count(*) AS n, min(edate) AS lo, max(edate) AS hi FROM ({matching}) m")[0]
    granularity = "month"
    if span["lo"] and span["hi"] and len(span["lo"]) >= 10 and len(span["hi"]) >= 10:
        days = (date.fromisoformat(span["hi"][:10]) - date.fromisoformat(span["lo"][:10])).days
        granularity = "day" if days <= 92 else "month"
    width = 10 if granularity == "day" else 7
    by_type = rows(
        f"SELECT type AS key, count(*) AS n FROM ({matching}) m GROUP BY type ORDER BY n DESC, key"
    )
    timeline = rows(
        f"""SELECT left(edate, {width}) AS period, type, count(*) AS n FROM ({matching}) m
            WHERE length(edate) >= {width} GROUP BY ALL ORDER BY period, type"""
    )
    # Pairs by unnesting one side, then the other (much faster than two lateral joins).
    network_actors = rows(
        f"""SELECT s AS source, t AS target, count(*) AS n FROM (
                SELECT s, unnest(recipient_names) AS t FROM (
                    SELECT unnest(actor_names) AS s, recipient_names FROM ({matching}) m))
            WHERE s <> t GROUP BY ALL ORDER BY n DESC, source, target LIMIT ?""",
        [top],
    )
    network_countries = rows(
        f"""SELECT s AS source, t AS target, count(*) AS n FROM (
                SELECT s, unnest(rc) AS t FROM (
                    SELECT unnest(list_distinct(actor_countries)) AS s, list_distinct(recipient_countries) AS rc
                    FROM ({matching}) m))
            GROUP BY ALL ORDER BY n DESC, source, target LIMIT ?""",
        [top],
    )
    places = rows(
        f"""SELECT location_name AS name, any_value(p.country) AS country, avg(m.lat) AS lat,
                   avg(m.lon) AS lon, count(*) AS n
            FROM ({matching}) m LEFT JOIN places p ON p.doc_id = m.doc_id AND p.place_id = m.location
            WHERE m.lat IS NOT NULL AND m.lon IS NOT NULL AND location_name IS NOT NULL
            GROUP BY location_name ORDER BY n DESC, name LIMIT 200"""
    )
    # Speakers are people quoted in the documents that have a matching event.
    cols, data = store.query(
        f"""WITH docs AS (SELECT DISTINCT doc_id FROM ({matching}) m)
            SELECT speaker_name AS name, count(*) AS n_quotes, count(DISTINCT doc_id) AS n_documents,
                   list({{'doc_id': doc_id, 'quote_id': quote_id, 'text': text}} ORDER BY doc_id, start_char)[1:3]
                       AS examples
            FROM quotes WHERE speaker_name IS NOT NULL
              AND (doc_id IN (SELECT doc_id FROM docs) OR ? = 0)
            GROUP BY speaker_name ORDER BY n_quotes DESC, name LIMIT 15""",
        [*params, 1 if f.active() else 0],
    )
    speakers = _dicts(cols, data)
    sources = rows(
        f"""SELECT coalesce(d.source, '(unknown)') AS key, count(*) AS n FROM documents d
            WHERE d.id IN (SELECT doc_id FROM ({matching}) m) OR ? = 0
            GROUP BY key ORDER BY n DESC, key LIMIT 20""",
        [1 if f.active() else 0],
    )
    return {
        "totals": totals,
        "matching_events": int(span["n"]),
        "granularity": granularity,
        "by_type": by_type,
        "timeline": timeline,
        "network_actors": network_actors,
        "network_countries": network_countries,
        "speakers": speakers,
        "places": places,
        "sources": sources,
    }
