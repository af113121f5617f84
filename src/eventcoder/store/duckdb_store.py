"""The embedded store: one DuckDB file with a table per part of the document model.

Each document is written in one transaction together with its rows, so a
crash leaves either all of a document or none of it.  A document is keyed by
its id; storing it again with the same text is a no-op, with a changed text it
replaces every old row.  The full JSON of each document is kept too, so the
exact output contract can always be read back.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..document import Document
from ..errors import EventcoderError

STORE_VERSION = 1

DDL = [
    """CREATE TABLE IF NOT EXISTS store_info (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS documents (
        id VARCHAR PRIMARY KEY, sha256 VARCHAR NOT NULL, title VARCHAR, source VARCHAR, url VARCHAR,
        published DATE, dateline VARCHAR, license VARCHAR, language VARCHAR, text VARCHAR NOT NULL,
        n_actors INTEGER, n_quotes INTEGER, n_events INTEGER, doc_json JSON NOT NULL,
        extracted_at TIMESTAMP, eventcoder_version VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS actors (
        doc_id VARCHAR NOT NULL, actor_id VARCHAR NOT NULL, name VARCHAR, type VARCHAR, country VARCHAR,
        sector VARCHAR, title VARCHAR, wikidata VARCHAR, n_mentions INTEGER, PRIMARY KEY (doc_id, actor_id))""",
    """CREATE TABLE IF NOT EXISTS mentions (
        doc_id VARCHAR NOT NULL, owner VARCHAR NOT NULL, owner_id VARCHAR NOT NULL,
        start_char INTEGER, end_char INTEGER, text VARCHAR)""",
    """CREATE TABLE IF NOT EXISTS quotes (
        doc_id VARCHAR NOT NULL, quote_id VARCHAR NOT NULL, text VARCHAR, start_char INTEGER,
        end_char INTEGER, kind VARCHAR, speaker VARCHAR, speaker_name VARCHAR, speaker_text VARCHAR,
        cue VARCHAR, confidence DOUBLE, PRIMARY KEY (doc_id, quote_id))""",
    """CREATE TABLE IF NOT EXISTS events (
        doc_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL, type VARCHAR, mode VARCHAR, context VARCHAR[],
        actor VARCHAR[], recipient VARCHAR[], actor_names VARCHAR[], recipient_names VARCHAR[],
        actor_countries VARCHAR[], recipient_countries VARCHAR[], date VARCHAR, location VARCHAR,
        location_name VARCHAR, lat DOUBLE, lon DOUBLE, negated BOOLEAN, modality VARCHAR, quote VARCHAR,
        trigger_start INTEGER, trigger_end INTEGER, trigger_text VARCHAR, evidence_start INTEGER,
        evidence_end INTEGER, evidence_text VARCHAR, cameo VARCHAR, confidence DOUBLE,
        PRIMARY KEY (doc_id, event_id))""",
    """CREATE TABLE IF NOT EXISTS places (
        doc_id VARCHAR NOT NULL, place_id VARCHAR NOT NULL, name VARCHAR, country VARCHAR, lat DOUBLE,
        lon DOUBLE, geonameid BIGINT, n_mentions INTEGER, PRIMARY KEY (doc_id, place_id))""",
    """CREATE TABLE IF NOT EXISTS dates (
        doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL, text VARCHAR, start_char INTEGER, end_char INTEGER,
        value VARCHAR, precision VARCHAR, PRIMARY KEY (doc_id, idx))""",
]
CHILD_TABLES = ("actors", "mentions", "quotes", "events", "places", "dates")


class StoreError(EventcoderError):
    pass


class Store:
    """A DuckDB file holding extracted documents."""

    def __init__(self, path: str | Path, read_only: bool = False):
        import duckdb

        self.path = str(path)
        if read_only and not Path(self.path).exists():
            raise StoreError(
                f"{self.path}: no such store; create it with 'eventcoder run ... --db {self.path}'"
            )
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            first = str(exc).splitlines()[0]
            raise StoreError(f"{self.path}: cannot open the store ({first})") from None
        if not read_only:
            for stmt in DDL:
                self.con.execute(stmt)
            self.con.execute(
                "INSERT OR IGNORE INTO store_info VALUES ('store_version', ?)", [str(STORE_VERSION)]
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ----------------------------------------------------------------
    def known(self, ids: Iterable[str]) -> dict[str, str]:
        """id -> sha256 of the given ids already stored."""
        ids = list(ids)
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, sha256 FROM documents WHERE id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return dict(rows)

    def write(self, docs: list[Document], version: str = "") -> int:
        """Store documents in one transaction, replacing older versions; returns how many."""
        if not docs:
            return 0
        con = self.con
        con.execute("BEGIN TRANSACTION")
        try:
            ids = [d.id for d in docs]
            for table in CHILD_TABLES:
                con.execute(f"DELETE FROM {table} WHERE doc_id IN (SELECT unnest(?))", [ids])
            con.execute("DELETE FROM documents WHERE id IN (SELECT unnest(?))", [ids])
            rows = _rows(docs, version)
            for table, values in rows.items():
                if values:
                    marks = ", ".join("?" * len(values[0]))
                    con.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        return len(docs)

    # -- reading ----------------------------------------------------------------
    def document(self, doc_id: str) -> Document | None:
        row = self.con.execute("SELECT doc_json FROM documents WHERE id = ?", [doc_id]).fetchone()
        return None if row is None else Document.from_dict(json.loads(row[0]))

    def documents(self) -> Iterator[Document]:
        cur = self.con.execute("SELECT doc_json FROM documents ORDER BY id")
        while True:
            chunk = cur.fetchmany(256)
            if not chunk:
                return
            for (raw,) in chunk:
                yield Document.from_dict(json.loads(raw))

    def count(self, table: str = "documents") -> int:
        if table not in ("documents", *CHILD_TABLES):
            raise StoreError(f"unknown table {table!r}")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0

    def query(self, sql: str, params: list[Any] | None = None) -> tuple[list[str], list[tuple[Any, ...]]]:
        cur = self.con.execute(sql, params or [])
        cols = [d[0] for d in (cur.description or [])]
        return cols, cur.fetchall()


def _rows(docs: list[Document], version: str) -> dict[str, list[tuple[Any, ...]]]:
    now = datetime.now(UTC).replace(tzinfo=None)
    out: dict[str, list[tuple[Any, ...]]] = {t: [] for t in ("documents", *CHILD_TABLES)}
    for d in docs:
        m = d.meta
        out["documents"].append(
            (
                d.id, m.sha256, m.title, m.source, m.url, m.published,
                m.dateline.place if m.dateline else None, m.license, m.language, d.text,
                len(d.actors), len(d.quotes), len(d.events), json.dumps(d.to_dict(), ensure_ascii=False),
                now, version,
            )
        )  # fmt: skip
        names = {a.id: a for a in d.actors}
        places = {p.id: p for p in d.places}
        for a in d.actors:
            out["actors"].append(
                (d.id, a.id, a.name, a.type, a.country, a.sector, a.title, a.wikidata, len(a.mentions))
            )
            for s in a.mentions:
                out["mentions"].append((d.id, "actor", a.id, s.start, s.end, s.text))
        for p in d.places:
            out["places"].append((d.id, p.id, p.name, p.country, p.lat, p.lon, p.geonameid, len(p.mentions)))
            for s in p.mentions:
                out["mentions"].append((d.id, "place", p.id, s.start, s.end, s.text))
        for q in d.quotes:
            spk = names.get(q.speaker) if q.speaker else None
            out["quotes"].append(
                (
                    d.id, q.id, q.text, q.start, q.end, q.kind, q.speaker, spk.name if spk else None,
                    q.speaker_mention.text if q.speaker_mention else None, q.cue.text if q.cue else None,
                    q.confidence,
                )
            )  # fmt: skip
        for e in d.events:
            loc = places.get(e.location) if e.location else None
            out["events"].append(
                (
                    d.id, e.id, e.type, e.mode, e.context, e.actor, e.recipient,
                    [names[a].name for a in e.actor if a in names],
                    [names[a].name for a in e.recipient if a in names],
                    [names[a].country for a in e.actor if a in names and names[a].country],
                    [names[a].country for a in e.recipient if a in names and names[a].country],
                    e.date, e.location, loc.name if loc else None, loc.lat if loc else None,
                    loc.lon if loc else None, e.negated, e.modality, e.quote,
                    e.trigger.start, e.trigger.end, e.trigger.text,
                    e.evidence.start, e.evidence.end, e.evidence.text, e.cameo, e.confidence,
                )
            )  # fmt: skip
        for i, x in enumerate(d.dates):
            out["dates"].append((d.id, i, x.text, x.start, x.end, x.value, x.precision))
    return out
