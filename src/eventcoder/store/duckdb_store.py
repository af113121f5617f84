"""The embedded store: one DuckDB file with a table per part of the document model.

A batch of documents is written in one transaction together with all their
rows, so a crash leaves either the whole batch or none of it, and never
touches what earlier batches stored.  A document is keyed by its id: storing
it again replaces every old row (the runner skips a document whose id and
text hash are already stored, unless forced).  The full JSON of each document
is kept too, so the exact output contract can always be read back.

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
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import EventcoderError

STORE_VERSION = 1

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
        ("confidence", "DOUBLE"),
    ],
    "places": [
        ("doc_id", "VARCHAR"), ("place_id", "VARCHAR"), ("name", "VARCHAR"), ("country", "VARCHAR"),
        ("lat", "DOUBLE"), ("lon", "DOUBLE"), ("geonameid", "BIGINT"), ("n_mentions", "INTEGER"),
    ],
    "dates": [
        ("doc_id", "VARCHAR"), ("idx", "INTEGER"), ("text", "VARCHAR"), ("start_char", "INTEGER"),
        ("end_char", "INTEGER"), ("value", "VARCHAR"), ("precision", "VARCHAR"),
    ],
}  # fmt: skip
PRIMARY_KEYS = {"documents": 1, "actors": 2, "quotes": 2, "events": 2, "places": 2, "dates": 2}
NOT_NULL = {"id", "sha256", "text", "doc_json", "doc_id"}
CHILD_TABLES = ("actors", "mentions", "quotes", "events", "places", "dates")


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
            raise StoreError(f"{self.path}: cannot open the store ({_first_line(exc)})") from None
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
            con.execute(_ddl(table))
        con.execute("INSERT OR REPLACE INTO store_info VALUES ('store_version', ?)", [str(STORE_VERSION)])
        con.execute("COMMIT")

    def _migrate(self, version: int) -> None:  # pragma: no cover - no older version exists yet
        raise StoreError(f"{self.path}: store version {version} cannot be upgraded to {STORE_VERSION}")

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

    def write(self, docs: list[Document], version: str = "") -> int:
        """Store documents in one transaction, replacing older versions; returns how many.

        When one id occurs twice in ``docs`` the later document wins.
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
                for table in CHILD_TABLES:
                    con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])
                con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?))", [ids])
            for table, arrow in tables.items():
                if arrow.num_rows:
                    con.register("_eventcoder_rows", arrow)
                    con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _eventcoder_rows")
                    con.unregister("_eventcoder_rows")
            con.execute("COMMIT")
        except BaseException:
            # If the connection itself failed, DuckDB has already dropped the transaction.
            with contextlib.suppress(Exception):
                con.execute("ROLLBACK")
            raise
        return len(docs)

    # -- reading ----------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        row = self.con.execute("SELECT doc_json FROM documents WHERE id = ?", [doc_id]).fetchone()
        return None if row is None else Document.from_dict(json.loads(row[0]))

    def documents(self, limit: int | None = None) -> Iterator[Document]:
        sql = "SELECT doc_json FROM documents ORDER BY id"
        cur = self.con.execute(sql + (f" LIMIT {int(limit)}" if limit is not None else ""))
        while chunk := cur.fetchmany(256):
            for (raw,) in chunk:
                yield Document.from_dict(json.loads(raw))

    def ids(self) -> list[str]:
        return [r[0] for r in self.con.execute("SELECT id FROM documents ORDER BY id").fetchall()]

    def count(self, table: str = "documents") -> int:
        if table not in TABLES:
            raise StoreError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def counts(self) -> dict[str, int]:
        """Rows per table, in one query."""
        sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in TABLES)
        return {t: int(n) for t, n in self.con.execute(sql).fetchall()}

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in (cur.description or [])]
        return cols, cur.fetchall()


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__


def _tables(docs: list[Document], version: str) -> dict[str, Any]:
    """The rows of every table for ``docs``, as Arrow tables (columns in TABLES order)."""
    import pyarrow as pa

    rows: dict[str, list[tuple[Any, ...]]] = {t: [] for t in TABLES}
    documents, actors_rows, mentions, quotes = (
        rows["documents"],
        rows["actors"],
        rows["mentions"],
        rows["quotes"],
    )
    events, places_rows, dates = rows["events"], rows["places"], rows["dates"]
    now = datetime.now(UTC).replace(tzinfo=None)
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
            events.append((
                i, e.id, e.type, e.mode, list(e.context), list(e.actor), list(e.recipient),
                [a.name for a in who], [a.name for a in whom],
                [a.country for a in who if a.country], [a.country for a in whom if a.country],
                e.date, e.location, loc.name if loc else None, loc.lat if loc else None,
                loc.lon if loc else None, bool(e.negated), e.modality, e.quote,
                e.trigger.start, e.trigger.end, e.trigger.text,
                e.evidence.start, e.evidence.end, e.evidence.text, e.cameo, float(e.confidence),
            ))  # fmt: skip
        dates.extend((i, n, x.text, x.start, x.end, x.value, x.precision) for n, x in enumerate(d.dates))
    out = {}
    for table, spec in TABLES.items():
        # Transpose rows to columns in C (zip), then one Arrow array per column.
        columns = list(zip(*rows[table], strict=True)) if rows[table] else [() for _ in spec]
        out[table] = pa.table(
            {
                name: pa.array(col, type=_arrow_type(typ))
                for (name, typ), col in zip(spec, columns, strict=True)
            }
        )
    return out
