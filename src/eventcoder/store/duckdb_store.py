"""The embedded store: one DuckDB file with a table per part of the document model.

A batch of documents is written in one transaction together with all their
rows, so a crash (even ``kill -9``) leaves either the whole batch or none of
it, and never touches what earlier batches stored.  A document is keyed by its
id: storing it again replaces every old row (the runner skips a document whose
id and text hash are already stored, unless forced).  The full JSON of each
document is kept too, so the exact output contract can always be read back.

Besides the tables of the documents (``DOC_TABLES``) the store keeps:

- ``runs``: one row per ``eventcoder run`` (when, which version, settings,
  inputs, counts, status); its counts move in the same transaction as each
  batch, so they are right even for a run that was killed;
- ``incidents`` and ``incident_events``: events of different reports grouped
  into one record per real-world event (written by :mod:`eventcoder.incidents`,
  which creates both tables the first time it groups);
- ``incident_pending``: the (type, date range) pairs whose incidents must be
  recomputed because documents were stored or replaced there (a NULL range:
  the type's undated events); written in the
  batch's transaction, consumed when incidents are recomputed, so a run killed
  before that step leaves the work for the next run.

Rows go in column-wise through an Arrow table and ``INSERT ... BY NAME
SELECT``: DuckDB's ``executemany`` costs about 0.3 ms a row, which for a
report's few hundred rows would cost as much as parsing it.

Tables and their columns are declared once in ``TABLES``; a later version
adds tables or columns there and a step in ``_migrate``.
"""

from __future__ import annotations

import contextlib
import functools
import json
from calendar import monthrange
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import EventcoderError

STORE_VERSION = 2

# table -> [(column, DuckDB type)]; the first PRIMARY_KEYS[table] columns are the key.
TABLES: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("id", "VARCHAR"), ("sha256", "VARCHAR"), ("title", "VARCHAR"), ("source", "VARCHAR"),
        ("url", "VARCHAR"), ("published", "DATE"), ("dateline", "VARCHAR"), ("license", "VARCHAR"),
        ("language", "VARCHAR"), ("text", "VARCHAR"), ("n_actors", "INTEGER"), ("n_quotes", "INTEGER"),
        ("n_events", "INTEGER"), ("n_places", "INTEGER"), ("n_dates", "INTEGER"), ("doc_json", "JSON"),
        ("extracted_at", "TIMESTAMP"), ("eventcoder_version", "VARCHAR"),
    ],
    "actors": [
        ("doc_id", "VARCHAR"), ("actor_id", "VARCHAR"), ("name", "VARCHAR"), ("type", "VARCHAR"),
        ("country", "VARCHAR"), ("sector", "VARCHAR"), ("title", "VARCHAR"), ("wikidata", "VARCHAR"),
        ("n_mentions", "INTEGER"),
    ],
    "mentions": [
        ("doc_id", "VARCHAR"), ("owner", "VARCHAR"), ("owner_id", "VARCHAR"), ("start_char", "INTEGER"),
        ("end_char", "INTEGER"), ("text", "VARCHAR"),
    ],
    "quotes": [
        ("doc_id", "VARCHAR"), ("quote_id", "VARCHAR"), ("text", "VARCHAR"), ("start_char", "INTEGER"),
        ("end_char", "INTEGER"), ("kind", "VARCHAR"), ("speaker", "VARCHAR"), ("speaker_name", "VARCHAR"),
        ("speaker_text", "VARCHAR"), ("cue", "VARCHAR"), ("confidence", "DOUBLE"),
    ],
    "events": [
        ("doc_id", "VARCHAR"), ("event_id", "VARCHAR"), ("type", "VARCHAR"), ("mode", "VARCHAR"),
        ("context", "VARCHAR[]"), ("actor", "VARCHAR[]"), ("recipient", "VARCHAR[]"),
        ("actor_names", "VARCHAR[]"), ("recipient_names", "VARCHAR[]"), ("actor_countries", "VARCHAR[]"),
        ("recipient_countries", "VARCHAR[]"), ("date", "VARCHAR"), ("location", "VARCHAR"),
        ("location_name", "VARCHAR"), ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("negated", "BOOLEAN"),
        ("modality", "VARCHAR"), ("quote", "VARCHAR"), ("trigger_start", "INTEGER"),
        ("trigger_end", "INTEGER"), ("trigger_text", "VARCHAR"), ("evidence_start", "INTEGER"),
        ("evidence_end", "INTEGER"), ("evidence_text", "VARCHAR"), ("cameo", "VARCHAR"),
        ("confidence", "DOUBLE"), ("quad_class", "INTEGER"), ("intensity", "DOUBLE"),
        # The calendar days the event may have happened on: its own date, else its report's
        # publication date, at that date's precision ("2023-06" -> June 1 to June 30).
        ("date_lo", "DATE"), ("date_hi", "DATE"),
    ],
    "places": [
        ("doc_id", "VARCHAR"), ("place_id", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"),
        ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geonameid", "BIGINT"), ("n_mentions", "INTEGER"),
    ],
    "dates": [
        ("doc_id", "VARCHAR"), ("idx", "INTEGER"), ("text", "VARCHAR"), ("start_char", "INTEGER"),
        ("end_char", "INTEGER"), ("value", "VARCHAR"), ("precision", "VARCHAR"),
    ],
    "runs": [
        ("run_id", "VARCHAR"), ("started_at", "TIMESTAMP"), ("finished_at", "TIMESTAMP"),
        ("status", "VARCHAR"), ("eventcoder_version", "VARCHAR"), ("command", "VARCHAR"),
        ("inputs", "VARCHAR[]"), ("settings", "JSON"), ("engine", "VARCHAR"), ("workers", "INTEGER"),
        ("n_stored", "INTEGER"), ("n_skipped", "INTEGER"), ("n_failed", "INTEGER"), ("failures", "JSON"),
        ("n_incidents", "INTEGER"), ("seconds", "DOUBLE"), ("host", "VARCHAR"), ("pid", "INTEGER"),
    ],
    "incidents": [
        ("incident_id", "VARCHAR"), ("type", "VARCHAR"), ("mode", "VARCHAR"), ("date", "VARCHAR"),
        ("date_lo", "DATE"), ("date_hi", "DATE"), ("first_seen", "DATE"), ("last_seen", "DATE"),
        ("n_documents", "INTEGER"), ("n_sources", "INTEGER"), ("n_events", "INTEGER"),
        ("sources", "VARCHAR[]"), ("doc_ids", "VARCHAR[]"), ("actor_names", "VARCHAR[]"),
        ("actor_countries", "VARCHAR[]"), ("recipient_names", "VARCHAR[]"),
        ("recipient_countries", "VARCHAR[]"), ("location_name", "VARCHAR"), ("country", "VARCHAR"),
        ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("cameo", "VARCHAR"), ("quad_class", "INTEGER"),
        ("intensity", "DOUBLE"), ("evidence_text", "VARCHAR"),
        # The union of the members' date ranges: what a recomputation must reload.
        ("span_lo", "DATE"), ("span_hi", "DATE"),
    ],
    "incident_events": [
        ("incident_id", "VARCHAR"), ("doc_id", "VARCHAR"), ("event_id", "VARCHAR"), ("source", "VARCHAR"),
        ("published", "DATE"),
    ],
    "incident_pending": [("type", "VARCHAR"), ("date_lo", "DATE"), ("date_hi", "DATE")],
}  # fmt: skip
PRIMARY_KEYS = {
    "documents": 1, "actors": 2, "quotes": 2, "events": 2, "places": 2, "dates": 2, "runs": 1,
    "incidents": 1, "incident_events": 3,
}  # fmt: skip
NOT_NULL = {"id", "sha256", "text", "doc_json", "doc_id", "run_id", "incident_id"}
# Created by the first grouping of incidents, not with the store: until then a store has no
# incidents at all (readers such as the server tell "not grouped yet" by the table's absence).
LAZY_TABLES = ("incidents", "incident_events")
# The tables derived from documents (written by ``write``), parents first.
DOC_TABLES = ("documents", "actors", "mentions", "quotes", "events", "places", "dates")
CHILD_TABLES = DOC_TABLES[1:]
# v1 -> v2: events gained these columns; the other tables are new.
_V2_EVENT_COLUMNS = ("quad_class", "intensity", "date_lo", "date_hi")


class StoreError(EventcoderError):
    pass


def _ddl(table: str) -> str:
    cols = [f"{name} {typ}{' NOT NULL' if name in NOT_NULL else ''}" for name, typ in TABLES[table]]
    k = PRIMARY_KEYS.get(table)
    if k:
        cols.append(f"PRIMARY KEY ({', '.join(name for name, _ in TABLES[table][:k])})")
    return f"CREATE TABLE IF NOT EXISTS {table} ({', '.join(cols)})"


@functools.cache
def _arrow_type(duck: str) -> Any:
    import pyarrow as pa

    if duck.endswith("[]"):
        return pa.list_(_arrow_type(duck[:-2]))
    return {
        "VARCHAR": pa.string(),
        "JSON": pa.string(),
        "DATE": pa.string(),  # ISO text; DuckDB casts it on insert
        "INTEGER": pa.int32(),
        "BIGINT": pa.int64(),
        "DOUBLE": pa.float64(),
        "BOOLEAN": pa.bool_(),
        "TIMESTAMP": pa.timestamp("us"),
    }[duck]


def date_range(value: str | None) -> tuple[date, date] | None:
    """The first and last calendar day a date of the contract covers ("2023", "2023-06", "2023-06-21")."""
    if not value:
        return None
    try:
        parts = [int(x) for x in value[:10].split("-")]
        if len(parts) == 3:
            d = date(*parts)
            return d, d
        if len(parts) == 2:
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], monthrange(*parts)[1])
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


@dataclass
class RunProgress:
    """Counters of a run, written with each batch so the ``runs`` row is right after a crash."""

    run_id: str
    skipped: int = 0
    failed: int = 0
    failures: dict[str, int] | None = None


class Store:
    """A DuckDB file holding extracted documents.  Use it as a context manager."""

    def __init__(self, path: str | Path, read_only: bool = False):
        import duckdb

        self.path = str(path)
        self.read_only = read_only
        if read_only and not Path(self.path).exists():
            raise StoreError(
                f"{self.path}: no such store; create it with 'eventcoder run ... --db {self.path}'"
            )
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            msg = _first_line(exc)
            if "lock" in msg.lower():
                msg = "it is in use by another process (a run writing to it?); wait for it to finish"
            raise StoreError(f"{self.path}: cannot open the store ({msg})") from None
        try:
            self._prepare()
        except Exception:
            self.con.close()
            raise

    def _prepare(self) -> None:
        import duckdb

        try:
            row = self.con.execute("SELECT value FROM store_info WHERE key = 'store_version'").fetchone()
        except duckdb.CatalogException:
            row = None
        if row is None:
            if self.read_only:
                raise StoreError(f"{self.path}: not an eventcoder store (no store_info table)")
            self._create()
            return
        version = int(row[0])
        self.version = version
        if version > STORE_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer eventcoder (store version {version}, "
                f"this one reads up to {STORE_VERSION}); upgrade eventcoder"
            )
        if version < STORE_VERSION and not self.read_only:
            self._migrate(version)

    def _create(self) -> None:
        con = self.con
        con.execute("BEGIN TRANSACTION")
        con.execute("CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR)")
        for table in TABLES:
            if table not in LAZY_TABLES:
                con.execute(_ddl(table))
        con.execute("INSERT OR REPLACE INTO store_info VALUES ('store_version', ?)", [str(STORE_VERSION)])
        con.execute("COMMIT")
        self.version = STORE_VERSION

    def _migrate(self, version: int) -> None:
        if version != 1:  # pragma: no cover - no other older version exists
            raise StoreError(f"{self.path}: store version {version} cannot be upgraded to {STORE_VERSION}")
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            types = dict(TABLES["events"])
            for col in _V2_EVENT_COLUMNS:
                con.execute(f"ALTER TABLE events ADD COLUMN IF NOT EXISTS {col} {types[col]}")
            # The date range of every stored event, as write() computes it for new ones.
            con.execute(f"""
                UPDATE events SET date_lo = r.lo, date_hi = r.hi FROM (
                    SELECT e.doc_id, e.event_id, {_SQL_RANGE_LO} AS lo, {_SQL_RANGE_HI} AS hi
                    FROM (SELECT e.doc_id, e.event_id,
                                 coalesce(e.date, CAST(d.published AS VARCHAR)) AS v
                          FROM events e JOIN documents d ON d.id = e.doc_id) e
                ) r WHERE events.doc_id = r.doc_id AND events.event_id = r.event_id""")
            for table in TABLES:
                if table not in LAZY_TABLES:
                    con.execute(_ddl(table))
            # Every stored event still needs its incident.
            con.execute("INSERT INTO incident_pending SELECT DISTINCT type, date_lo, date_hi FROM events")
            con.execute("UPDATE store_info SET value = ? WHERE key = 'store_version'", [str(STORE_VERSION)])
            con.execute("COMMIT")
        except BaseException:
            with contextlib.suppress(Exception):
                con.execute("ROLLBACK")
            raise
        self.version = STORE_VERSION

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------
    def known(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> sha256 of those of ``ids`` already stored."""
        ids = list(ids)
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, sha256 FROM documents WHERE id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return dict(rows)

    def write(self, docs: list[Document], version: str = "", run: RunProgress | None = None) -> int:
        """Store documents in one transaction, replacing older versions; returns how many.

        When one id occurs twice in ``docs`` the later document wins.  The date
        ranges of the events removed and added are marked for the incidents'
        recomputation, and ``run``'s counters move, in the same transaction.
        """
        if not docs:
            return 0
        docs = list({d.id: d for d in docs}.values())
        tables = _tables(docs, version)
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            # Child rows exist only for stored documents (both are written in one transaction),
            # so a batch of new documents, the common case, needs no DELETE at all.
            ids = list(self.known(d.id for d in docs))
            if ids:
                con.execute(
                    "INSERT INTO incident_pending SELECT DISTINCT type, date_lo, date_hi FROM events "
                    "WHERE doc_id IN (SELECT unnest(?))",
                    [ids],
                )
                for table in CHILD_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])
                con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?))", [ids])
            for table, arrow in tables.items():
                if arrow.num_rows:
                    con.register("_eventcoder_rows", arrow)
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _eventcoder_rows")
                    if table == "events":
                        con.execute(
                            "INSERT INTO incident_pending SELECT DISTINCT type, CAST(date_lo AS DATE), "
                            "CAST(date_hi AS DATE) FROM _eventcoder_rows"
                        )
                    con.unregister("_eventcoder_rows")
            if run is not None:
                con.execute(
                    "UPDATE runs SET n_stored = n_stored + ?, n_skipped = ?, n_failed = ?, failures = ? "
                    "WHERE run_id = ?",
                    [len(docs), run.skipped, run.failed, json.dumps(run.failures or {}), run.run_id],
                )
            con.execute("COMMIT")
        except BaseException:
            # If the connection itself failed, DuckDB has already dropped the transaction.
            with contextlib.suppress(Exception):
                con.execute("ROLLBACK")
            raise
        return len(docs)

    def ensure(self, table: str) -> None:
        """Create a table of ``LAZY_TABLES`` if it does not exist yet."""
        self.con.execute(_ddl(table))

    # -- runs -------------------------------------------------------------------
    def start_run(self, run_id: str, **fields: Any) -> None:
        """Record a run that starts now; runs left 'running' by a process that died become 'interrupted'.

        (DuckDB lets one process at a time write a file, so a run still marked
        'running' when another starts cannot be alive.)
        """
        self.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
        row = {
            "run_id": run_id,
            "started_at": _now(),
            "status": "running",
            "n_stored": 0,
            "n_skipped": 0,
            "n_failed": 0,
            **fields,
        }
        if isinstance(row.get("settings"), dict):
            row["settings"] = json.dumps(row["settings"], sort_keys=True)
        cols = ", ".join(row)
        self.con.execute(
            f"INSERT INTO runs ({cols}) VALUES ({', '.join('?' for _ in row)})", list(row.values())
        )

    def finish_run(self, run_id: str, **fields: Any) -> None:
        fields = {"finished_at": _now(), **fields}
        if isinstance(fields.get("failures"), dict):
            fields["failures"] = json.dumps(fields["failures"])
        sets = ", ".join(f"{k} = ?" for k in fields)
        self.con.execute(f"UPDATE runs SET {sets} WHERE run_id = ?", [*fields.values(), run_id])

    # -- reading ----------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        row = self.con.execute("SELECT doc_json FROM documents WHERE id = ?", [doc_id]).fetchone()
        return None if row is None else Document.from_dict(json.loads(row[0]))

    def documents(self, limit: int | None = None, ids: Iterable[str] | None = None) -> Iterator[Document]:
        """Stored documents in id order (only ``ids`` when given), read a chunk at a time."""
        sql = "SELECT doc_json FROM documents"
        params: list[Any] = []
        if ids is not None:
            sql += " WHERE id IN (SELECT unnest(?))"
            params.append(list(ids))
        sql += " ORDER BY id" + (f" LIMIT {int(limit)}" if limit is not None else "")
        cur = self.con.execute(sql, params)
        while chunk := cur.fetchmany(256):
            for (raw,) in chunk:
                yield Document.from_dict(json.loads(raw))

    def ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM documents ORDER BY id").fetchall()]

    def tables(self) -> set[str]:
        rows = self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
        ).fetchall()
        return {r[0] for r in rows}

    def count(self, table: str = "documents") -> int:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}")
        if table not in self.tables():  # a version-1 store opened read-only
            return 0
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def counts(self, tables: Iterable[str] = (*DOC_TABLES, "incidents", "incident_events")) -> dict[str, int]:
        """Rows per table, in one query (0 for a table an older store lacks)."""
        present = self.tables()
        wanted = list(tables)
        have = [t for t in wanted if t in present]
        out = dict.fromkeys(wanted, 0)
        if have:
            sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in have)
            out.update({t: int(n) for t, n in self.con.execute(sql).fetchall()})
        return out

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in (cur.description or [])]
        return cols, cur.fetchall()


# The same ranges as date_range(), in SQL, over a VARCHAR column ``v`` (used by the migration).
_SQL_RANGE_LO = (
    "CASE length(v) WHEN 10 THEN TRY_CAST(v AS DATE) WHEN 7 THEN TRY_CAST(v || '-01' AS DATE) "
    "WHEN 4 THEN TRY_CAST(v || '-01-01' AS DATE) END"
)
_SQL_RANGE_HI = (
    "CASE length(v) WHEN 10 THEN TRY_CAST(v AS DATE) WHEN 7 THEN last_day(TRY_CAST(v || '-01' AS DATE)) "
    "WHEN 4 THEN TRY_CAST(v || '-12-31' AS DATE) END"
)


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def _tables(docs: list[Document], version: str) -> dict[str, Any]:
    """The rows of every document table for ``docs``, as Arrow tables (columns in TABLES order)."""
    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in DOC_TABLES}
    documents, actors_rows, mentions, quotes = (
        rows["documents"],
        rows["actors"],
        rows["mentions"],
        rows["quotes"],
    )
    events, places_rows, dates = rows["events"], rows["places"], rows["dates"]
    now = _now()
    for d in docs:
        m = d.meta
        i = d.id
        documents.append((
            i, m.sha256, m.title, m.source, m.url, m.published,
            m.dateline.place if m.dateline else None, m.license, m.language, d.text,
            len(d.actors), len(d.quotes), len(d.events), len(d.places), len(d.dates),
            json.dumps(d.to_dict(), ensure_ascii=False, separators=(",", ":")), now, version,
        ))  # fmt: skip
        actors = {a.id: a for a in d.actors}
        places = {p.id: p for p in d.places}
        for a in d.actors:
            actors_rows.append(
                (i, a.id, a.name, a.type, a.country, a.sector, a.title, a.wikidata, len(a.mentions))
            )
            mentions.extend((i, "actor", a.id, s.start, s.end, s.text) for s in a.mentions)
        for p in d.places:
            places_rows.append((i, p.id, p.name, p.country, p.lat, p.lon, p.geonameid, len(p.mentions)))
            mentions.extend((i, "place", p.id, s.start, s.end, s.text) for s in p.mentions)
        for q in d.quotes:
            spk = actors.get(q.speaker) if q.speaker else None
            quotes.append((
                i, q.id, q.text, q.start, q.end, q.kind, q.speaker, spk.name if spk else None,
                q.speaker_mention.text if q.speaker_mention else None, q.cue.text if q.cue else None,
                float(q.confidence),
            ))  # fmt: skip
        for e in d.events:
            loc = places.get(e.location) if e.location else None
            who = [actors[a] for a in e.actor if a in actors]
            whom = [actors[a] for a in e.recipient if a in actors]
            span = date_range(e.date or m.published)
            events.append((
                i, e.id, e.type, e.mode, list(e.context), list(e.actor), list(e.recipient),
                [a.name for a in who], [a.name for a in whom],
                [a.country for a in who if a.country], [a.country for a in whom if a.country],
                e.date, e.location, loc.name if loc else None, loc.lat if loc else None,
                loc.lon if loc else None, bool(e.negated), e.modality, e.quote,
                e.trigger.start, e.trigger.end, e.trigger.text,
                e.evidence.start, e.evidence.end, e.evidence.text, e.cameo, float(e.confidence),
                e.quad_class, None if e.intensity is None else float(e.intensity),
                span[0].isoformat() if span else None, span[1].isoformat() if span else None,
            ))  # fmt: skip
        dates.extend((i, n, x.text, x.start, x.end, x.value, x.precision) for n, x in enumerate(d.dates))
    return {table: arrow_table(table, rows[table]) for table in DOC_TABLES}


def arrow_table(table: str, rows: list[tuple[Any, ...]]) -> Any:
    """Rows of ``table`` (tuples in TABLES order) as an Arrow table of the declared types."""
    import pyarrow as pa

    spec = TABLES[table]
    # Transpose rows to columns in C (zip), then one Arrow array per column.
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in spec]
    return pa.table(
        {name: pa.array(col, type=_arrow_type(typ)) for (name, typ), col in zip(spec, columns, strict=True)}
    )


def document_tables(docs: list[Document], version: str = "") -> dict[str, Any]:
    """The Arrow tables ``write`` would insert for ``docs`` (also what ``--out DIR`` writes as Parquet)."""
    return _tables(docs, version)
