"""Exports of a store in the formats researchers use (``eventcoder export``).

Table formats (``--out`` is a directory, one file per table):

- ``parquet`` and ``csv``: every table of the store (documents, events,
  actors, mentions, quotes, places, dates, incidents, incident_events, runs)
  with the store's columns, written by DuckDB's ``COPY`` (streamed);
  ``documents`` without its ``doc_json`` column (the JSON export has it);
- ``jsonl``: ``documents.jsonl`` holds the documents in the JSON contract
  (``eventcoder.document/2``), one a line; the other tables are rows as JSON lines.

Event formats (``--out`` is a file, or ``-`` for stdout), one record per event
that happened (not negated, asserted or historical; ``everything=True`` keeps
all), selected by an :class:`~eventcoder.store.filters.EventQuery`:

- ``plover``: PLOVER JSON lines following the manual's "Data Fields" chapter:
  ``id``, ``date`` (and ``enddate`` when the date is a month or a year),
  ``actor``/``recipient`` entity objects (``code`` country, ``sector``,
  ``entity_text`` as written in the evidence, ``identifier_id`` Wikidata,
  ``identifier_text``, ``office``), ``event``, ``mode``, ``context``,
  ``event_text``, ``quad_code``, ``event_scale``, ``event_loc`` (location
  object: ``extracted_place``, ``resolved_place``, ``geonameid``, ``lat``,
  ``lon``, ``country_code``, ``resolution``), ``link`` (the incident: the same
  for every report of one real-world event), ``text_info`` (evidence
  offsets), ``cite_info`` (url, title, publication, license, language, coder,
  codebook), ``coder``, ``coded_date``, ``coded_time``; plus eventcoder's own
  fields (``doc_id``, ``event_id``, ``cameo``, ``negated``, ``modality``,
  ``quote``, ``confidence``, ``trigger``);
- ``cameo``: tab-separated GDELT-style rows, one per actor x recipient pair
  (PLOVER's rule for several actors; a reciprocal CONSULT/AGREE/COOPERATE,
  whose parties PLOVER lists all as actors with no recipient, gives one row per
  pair of its actors, the first listed as Actor1): GDELT 2.0 column names for the shared
  fields (``SQLDATE``, ``Actor1Code`` = country + sector such as ``IRNGOV``,
  ``EventCode`` = CAMEO, ``QuadClass``, ``GoldsteinScale`` = the PLOVER
  conflict-cooperation score, ``NumArticles``/``NumSources``/``NumMentions``
  of the event's incident (at least 1: its own report), ``ActionGeo_*``, ``SOURCEURL``), then eventcoder's
  columns (``PloverType``, ``PloverMode``, ``DocId``, ``EventId``,
  ``IncidentId``, ``DatePrecision``, ``EvidenceText``);
- ``geojson``: a FeatureCollection of the events that have coordinates, a
  Point per event with its parties, place, evidence and source as properties.

An event stored without ``cameo``, ``quad_class`` or ``intensity`` (a document
of contract /1) gets them from the PLOVER table of its type and mode
(``data/events/types.jsonl``).
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..document import Actor, Document, Event, Place
    from ..stages.event_lexicon import Lexicon
    from ..store import Store
    from ..store.filters import EventQuery

TABLE_FORMATS = ("parquet", "csv", "jsonl")
EVENT_FORMATS = ("plover", "cameo", "geojson")
FORMATS = TABLE_FORMATS + EVENT_FORMATS
EXPORT_TABLES = (
    "documents", "events", "actors", "mentions", "quotes", "places", "dates", "incidents", "incident_events",
    "runs",
)  # fmt: skip
HAPPENED = "NOT e.negated AND e.modality IN ('asserted', 'historical')"
CODEBOOK = "PLOVER 2.0"

CAMEO_COLUMNS = [
    "GLOBALEVENTID", "SQLDATE", "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1Type1Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2Type1Code", "EventCode", "EventBaseCode",
    "EventRootCode", "QuadClass", "GoldsteinScale", "NumMentions", "NumSources", "NumArticles",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_Lat", "ActionGeo_Long",
    "ActionGeo_FeatureID", "DATEADDED", "SOURCEURL",
    "PloverType", "PloverMode", "DocId", "EventId", "IncidentId", "DatePrecision", "EvidenceText",
]  # fmt: skip


class ExportError(ValueError):
    pass


@dataclass
class ExportReport:
    files: list[str]
    rows: int

    def line(self) -> str:
        return f"wrote {self.rows} rows to {', '.join(self.files)}"


# -- the PLOVER tables of types and modes ---------------------------------------------------------


def _lexicon() -> Lexicon:
    """The event lexicon (cached by its loader): the PLOVER types' quad class, score and CAMEO
    code for documents stored without them."""
    from ..stages.event_lexicon import load_lexicon

    return load_lexicon()


def cameo_of(e: Event) -> str | None:
    return e.cameo or _lexicon().cameo_for(e.type, None)  # the type's base code


def quad_of(e: Event) -> int | None:
    return e.quad_class if e.quad_class is not None else _lexicon().quad(e.type)


def intensity_of(e: Event) -> float | None:
    return e.intensity if e.intensity is not None else _lexicon().intensity(e.type, e.mode)


# -- table formats ------------------------------------------------------------------------------


def export_tables(store: Store, fmt: str, out_dir: str | Path, tables: tuple[str, ...] = ()) -> ExportReport:
    """Each table as one file in ``out_dir`` (created)."""
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: --out must be a directory for --format {fmt}")
    present = store.tables()
    wanted = tables or tuple(t for t in EXPORT_TABLES if t in present)
    unknown = [t for t in wanted if t not in present]
    if unknown:
        raise ExportError(
            f"no table {', '.join(unknown)} in {store.path}; tables: {', '.join(sorted(present))}"
        )
    out.mkdir(parents=True, exist_ok=True)
    files, rows = [], 0
    for table in wanted:
        path = out / f"{table}.{fmt}"
        if fmt == "jsonl" and table == "documents":
            n = _documents_jsonl(store, path)
        else:
            cols = "* EXCLUDE (doc_json)" if table == "documents" else "*"
            order = {"documents": "id", "runs": "started_at"}.get(table, "ALL")
            options = {"parquet": "FORMAT parquet, COMPRESSION zstd", "csv": "FORMAT csv, HEADER true",
                       "jsonl": "FORMAT json"}[fmt]  # fmt: skip
            store.con.execute(
                f"COPY (SELECT {cols} FROM {table} ORDER BY {order}) TO '{_sql_path(path)}' ({options})"
            )
            n = store.count(table)
        files.append(str(path))
        rows += n
    return ExportReport(files, rows)


def _sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


def _documents_jsonl(store: Store, path: Path) -> int:
    n = 0
    with path.open("w", encoding="utf-8") as fh:
        cur = store.con.execute("SELECT doc_json FROM documents ORDER BY id")
        while rows := cur.fetchmany(512):
            for (raw,) in rows:
                fh.write(raw if raw.endswith("\n") else raw + "\n")
                n += 1
    return n


# -- event formats ------------------------------------------------------------------------------


@dataclass
class _Ctx:
    """What an event record needs besides its document."""

    extracted_at: Any
    version: str | None
    incident: dict[str, Any] | None  # incident_id, n_documents, n_sources, n_events
    actors: dict[str, Actor] | None = None  # the document's actors by id, built once per document


def _actors_by_id(doc: Document, ctx: _Ctx) -> dict[str, Actor]:
    return ctx.actors if ctx.actors is not None else {a.id: a for a in doc.actors}


def selected_events(
    store: Store, query: EventQuery | None = None, everything: bool = False, chunk: int = 200
) -> Iterator[tuple[Document, Event, _Ctx]]:
    """The events the query selects, with their documents, a chunk of documents at a time."""
    from ..document import Document

    tables = store.tables()
    where, params = query.where(tables) if query is not None else ("TRUE", [])
    if not everything:
        where = f"({where}) AND {HAPPENED}"
    has_incidents = "incident_events" in tables
    ids = store.con.execute(
        f"""SELECT e.doc_id, list(e.event_id) FROM events e JOIN documents d ON d.id = e.doc_id
            WHERE {where} GROUP BY e.doc_id ORDER BY e.doc_id""",
        params,
    ).fetchall()  # ids only: small next to the documents, which are read a chunk at a time
    for i in range(0, len(ids), chunk):
        part = dict(ids[i : i + chunk])
        docs = store.con.execute(
            "SELECT id, doc_json, extracted_at, eventcoder_version FROM documents WHERE id IN (SELECT unnest(?)) "
            "ORDER BY id",
            [list(part)],
        ).fetchall()
        links: dict[tuple[str, str], dict[str, Any]] = {}
        if has_incidents:
            for doc_id, event_id, inc, nd, ns, ne in store.con.execute(
                """SELECT l.doc_id, l.event_id, i.incident_id, i.n_documents, i.n_sources, i.n_events
                   FROM incident_events l JOIN incidents i USING (incident_id)
                   WHERE l.doc_id IN (SELECT unnest(?))""",
                [list(part)],
            ).fetchall():
                links[(doc_id, event_id)] = {
                    "incident_id": inc,
                    "n_documents": nd,
                    "n_sources": ns,
                    "n_events": ne,
                }
        for doc_id, raw, extracted_at, version in docs:
            doc = Document.from_dict(json.loads(raw))
            wanted = set(part[doc_id])
            actors = {a.id: a for a in doc.actors}
            for e in doc.events:
                if e.id in wanted:
                    yield doc, e, _Ctx(extracted_at, version, links.get((doc_id, e.id)), actors)


def _mention_in(a: Actor | Place, e: Event) -> str:
    """The words the evidence uses for a party or place (the longest: a name over "he"), else its name."""
    inside = [m.text for m in a.mentions if e.evidence.start <= m.start and m.end <= e.evidence.end]
    return max(inside, key=len) if inside else a.name


def _date_fields(value: str | None) -> dict[str, Any]:
    from ..store.duckdb_store import date_range

    r = date_range(value)
    if r is None:
        return {"date": None}
    lo, hi = r
    out: dict[str, Any] = {"date": lo.isoformat()}
    if hi != lo:
        out["enddate"] = hi.isoformat()
    return out


def _compact(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None and v != [] and v != {}}


def _entity(a: Actor, e: Event) -> dict[str, Any]:
    return _compact(
        {
            "code": a.country,
            "sector": a.sector,
            "entity_text": _mention_in(a, e),
            "identifier_id": a.wikidata,
            "identifier_text": a.name,
            "office": a.title,
            "entity_type": a.type,
        }
    )


def _is_country_place(p: Place) -> bool:
    from ..incidents import Where

    return Where(p.name, p.country, p.lat, p.lon, p.geonameid).is_country


def plover_record(doc: Document, e: Event, ctx: _Ctx | None = None) -> dict[str, Any]:
    """One event as a PLOVER record (manual, chapter "Data Fields")."""
    ctx = ctx or _Ctx(None, None, None)
    actors = _actors_by_id(doc, ctx)
    place = next((p for p in doc.places if p.id == e.location), None) if e.location else None
    m = doc.meta
    coded = ctx.extracted_at
    rec: dict[str, Any] = {
        "id": f"{doc.id}-{e.id}",
        "has_event": True,
        **_date_fields(e.date or m.published),
        "actor": [_entity(actors[a], e) for a in e.actor if a in actors],
        "recipient": [_entity(actors[a], e) for a in e.recipient if a in actors],
        "event": [e.type],
        "mode": [e.mode] if e.mode else [],
        "context": list(e.context),
        "event_text": [e.evidence.text],
        "quad_code": quad_of(e),
        "event_scale": intensity_of(e),
        "event_loc": None
        if place is None
        else _compact(
            {
                "extracted_place": _mention_in(place, e),
                "resolved_place": place.name,
                "geonameid": place.geonameid,
                "lat": place.lat,
                "lon": place.lon,
                "country_code": place.country,
                "resolution": 1 if _is_country_place(place) else None,
            }
        ),
        "link": ctx.incident["incident_id"] if ctx.incident else None,
        "text_info": {"start": e.evidence.start, "end": e.evidence.end},
        "cite_info": _compact(
            {
                "citation": doc.id,
                "url": m.url,
                "title": m.title,
                "publication": m.source,
                "license": m.license,
                "language": m.language,
                "coder": f"eventcoder {ctx.version}" if ctx.version else "eventcoder",
                "codebook": CODEBOOK,
            }
        ),
        "coder": "eventcoder",
        "coded_date": coded.date().isoformat() if coded else None,
        "coded_time": coded.time().isoformat(timespec="seconds") if coded else None,
        # eventcoder's own fields
        "doc_id": doc.id,
        "event_id": e.id,
        "published": m.published,
        "date_text": e.date,
        "cameo": cameo_of(e),
        "negated": e.negated,
        "modality": e.modality,
        "quote": e.quote,
        "confidence": e.confidence,
        "trigger": e.trigger.to_dict(),
    }
    return {k: v for k, v in rec.items() if v is not None}


def _code(a: Actor | None) -> str:
    if a is None:
        return ""
    return (a.country or "") + (a.sector or "")


# PLOVER lists all the parties of a reciprocal event (a meeting, an agreement, joint work) as
# actors and no recipient (manual, "Compound and Reciprocal Actors"); a dyadic row pairs them.
RECIPROCAL_TYPES = frozenset({"CONSULT", "AGREE", "COOPERATE"})


def _dyads(e: Event, who: list[Any], whom: list[Any]) -> list[tuple[Any, Any]]:
    """The (Actor1, Actor2) pairs of an event's rows.

    Every actor with every recipient; but a reciprocal event (its type in
    RECIPROCAL_TYPES, two or more actors, no recipient) pairs its actors with
    each other instead, each pair once in the order PLOVER lists them:
    "A met B" -> (A, B); "A, B and C met" -> (A, B), (A, C), (B, C).
    """
    if e.type in RECIPROCAL_TYPES and whom == [None] and len(who) >= 2:
        return [(a, b) for i, a in enumerate(who) for b in who[i + 1 :] if a.id != b.id]
    return [(a, b) for a in who for b in whom if a is None or b is None or a.id != b.id]


def cameo_rows(doc: Document, e: Event, ctx: _Ctx | None = None) -> list[list[Any]]:
    """GDELT-style rows of one event: one per actor x recipient pair (reciprocal events: see _dyads)."""
    from ..store.duckdb_store import date_range

    ctx = ctx or _Ctx(None, None, None)
    actors = _actors_by_id(doc, ctx)
    place = next((p for p in doc.places if p.id == e.location), None) if e.location else None
    who = [actors[a] for a in e.actor if a in actors] or [None]
    whom = [actors[a] for a in e.recipient if a in actors] or [None]
    value = e.date or doc.meta.published
    r = date_range(value)
    precision = {10: "day", 7: "month", 4: "year"}.get(len(value or ""))
    code = cameo_of(e) or ""
    inc = ctx.incident or {}
    added = ctx.extracted_at.strftime("%Y%m%d%H%M%S") if ctx.extracted_at else ""
    rows = []
    pairs = _dyads(e, who, whom)
    # One document is one source even when its outlet is unknown (an incident counts 0 outlets then).
    n_sources = max(inc.get("n_sources") or 0, 1)
    for n, (a, b) in enumerate(pairs or [(None, None)], start=1):
        rows.append([
            f"{doc.id}:{e.id}" + (f":{n}" if len(pairs) > 1 else ""),
            r[0].strftime("%Y%m%d") if r else "",
            _code(a), a.name if a else "", (a.country or "") if a else "", (a.sector or "") if a else "",
            _code(b), b.name if b else "", (b.country or "") if b else "", (b.sector or "") if b else "",
            code, code[:3], code[:2], quad_of(e), intensity_of(e),
            inc.get("n_events", 1), n_sources, inc.get("n_documents", 1),
            (1 if _is_country_place(place) else 4) if place else 0,
            place.name if place else "", (place.country or "") if place else "",
            place.lat if place else "", place.lon if place else "", (place.geonameid or "") if place else "",
            added, doc.meta.url or "",
            e.type, e.mode or "", doc.id, e.id, inc.get("incident_id", ""), precision or "",
            " ".join(e.evidence.text.split()),
        ])  # fmt: skip
    return rows


def geojson_feature(doc: Document, e: Event, ctx: _Ctx | None = None) -> dict[str, Any] | None:
    ctx = ctx or _Ctx(None, None, None)
    place = next((p for p in doc.places if p.id == e.location), None) if e.location else None
    if place is None or place.lat is None or place.lon is None:
        return None
    actors = _actors_by_id(doc, ctx)
    m = doc.meta
    return {
        "type": "Feature",
        "id": f"{doc.id}-{e.id}",
        "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
        "properties": {
            "doc_id": doc.id,
            "event_id": e.id,
            "type": e.type,
            "mode": e.mode,
            "date": e.date or m.published,
            "actors": [actors[a].name for a in e.actor if a in actors],
            "actor_codes": [_code(actors[a]) for a in e.actor if a in actors],
            "recipients": [actors[a].name for a in e.recipient if a in actors],
            "recipient_codes": [_code(actors[a]) for a in e.recipient if a in actors],
            "place": place.name,
            "country": place.country,
            "geonameid": place.geonameid,
            "quad_class": quad_of(e),
            "intensity": intensity_of(e),
            "cameo": cameo_of(e),
            "evidence": e.evidence.text,
            "title": m.title,
            "source": m.source,
            "url": m.url,
            "published": m.published,
            "incident": ctx.incident["incident_id"] if ctx.incident else None,
        },
    }


@contextmanager
def _open_out(out: str) -> Iterator[IO[str]]:
    if out == "-":
        yield sys.stdout
        sys.stdout.flush()
        return
    path = Path(out)
    if path.is_dir():
        raise ExportError(f"{out}: is a directory; give a file name for this format")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        yield fh


def export_events(
    store: Store, fmt: str, out: str, query: EventQuery | None = None, everything: bool = False
) -> ExportReport:
    """PLOVER JSONL, CAMEO/GDELT TSV or GeoJSON of the selected events, streamed to ``out``."""
    rows = 0
    with _open_out(out) as fh:
        events = selected_events(store, query, everything)
        if fmt == "plover":
            for doc, e, ctx in events:
                fh.write(json.dumps(plover_record(doc, e, ctx), ensure_ascii=False) + "\n")
                rows += 1
        elif fmt == "cameo":
            w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
            w.writerow(CAMEO_COLUMNS)
            for doc, e, ctx in events:
                for row in cameo_rows(doc, e, ctx):
                    w.writerow(row)
                    rows += 1
        elif fmt == "geojson":
            fh.write('{"type": "FeatureCollection", "features": [')
            for doc, e, ctx in events:
                f = geojson_feature(doc, e, ctx)
                if f is None:
                    continue
                fh.write(("\n" if not rows else ",\n") + json.dumps(f, ensure_ascii=False))
                rows += 1
            fh.write("\n]}\n")
        else:
            raise ExportError(f"unknown event format {fmt!r}")
    return ExportReport(["<stdout>" if out == "-" else out], rows)


def export(
    store: Store,
    fmt: str,
    out: str,
    query: EventQuery | None = None,
    everything: bool = False,
    tables: tuple[str, ...] = (),
) -> ExportReport:
    if fmt in TABLE_FORMATS:
        if out == "-":
            raise ExportError(f"--format {fmt} writes one file per table: give a directory as --out")
        if query is not None and query.active():
            raise ExportError(
                f"event filters apply to the event formats ({', '.join(EVENT_FORMATS)}), not to {fmt}"
            )
        return export_tables(store, fmt, out, tables)
    if fmt in EVENT_FORMATS:
        if tables:
            raise ExportError(f"--table applies to the table formats ({', '.join(TABLE_FORMATS)})")
        return export_events(store, fmt, out, query, everything)
    raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
