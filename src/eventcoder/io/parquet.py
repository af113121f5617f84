"""A directory of partitioned Parquet: the output of cluster-sized runs (``eventcoder run --out DIR``).

Layout: one folder per table of the store (``documents``, ``actors``,
``mentions``, ``quotes``, ``events``, ``places``, ``dates``), each holding
``part-<batch>.parquet`` files with exactly the store's columns, plus
``runs/<run id>.json``.  DuckDB reads it directly::

    SELECT type, count(*) FROM read_parquet('DIR/events/*.parquet') GROUP BY type;

and ``eventcoder run --from-parquet DIR --db FILE`` loads it into a store
(which then groups incidents).

A batch is committed when its ``documents`` part exists: the other tables'
parts are written first, each to a temporary name and renamed into place, so
a writer killed at any moment leaves at worst parts without a ``documents``
part, which :func:`clean` removes (a re-run does it first) and readers of
:func:`known` never count.  A document extracted again (its text changed, or
``--force``) appears in a later part too; loading into a store keeps the last
one (latest ``extracted_at``).
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..records import Failure

if TYPE_CHECKING:
    from ..document import Document
    from ..engines.dask import Written

PART = "part-{}.parquet"


def _tables() -> tuple[str, ...]:
    from ..store.duckdb_store import DOC_TABLES

    return DOC_TABLES


def write_parts(docs: list[Document], out_dir: str | Path, version: str = "") -> str:
    """Write one batch of documents as one part per table; the documents part last. Returns the batch id."""
    import pyarrow.parquet as pq

    from ..store.duckdb_store import document_tables

    out = Path(out_dir)
    batch = uuid.uuid4().hex
    tables = document_tables(docs, version)
    for name in (*_tables()[1:], "documents"):
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        final = folder / PART.format(batch)
        tmp = folder / f".{final.name}.tmp"
        pq.write_table(tables[name], tmp, compression="zstd")
        os.replace(tmp, final)
    return batch


def write_checked(
    items: list[Document | Failure],
    out_dir: str | Path,
    version: str = "",
    origins: dict[str, str] | None = None,
) -> list[Failure | Written]:
    """Check each document, write the good ones as one batch; receipts and failures in their place."""
    from ..document import Document
    from ..engines.dask import Written
    from ..store.checks import invalid

    good: list[Document] = []
    out: list[Failure | Written] = []
    for item in items:
        if not isinstance(item, Document):
            out.append(item)
            continue
        where = (origins or {}).get(item.id, item.id)
        failure = invalid(item, where)
        if failure is not None:
            out.append(failure)
        else:
            good.append(item)
            out.append(Written(item.id, where))
    if good:
        write_parts(good, out_dir, version)
    return out


def committed(out_dir: str | Path) -> set[str]:
    """The batch ids whose documents part exists."""
    folder = Path(out_dir) / "documents"
    if not folder.is_dir():
        return set()
    return {p.name[5:-8] for p in folder.glob("part-*.parquet")}


def clean(out_dir: str | Path) -> int:
    """Remove parts of batches that were never committed, and temporary files; returns how many."""
    out = Path(out_dir)
    done = committed(out)
    removed = 0
    for name in _tables():
        folder = out / name
        if not folder.is_dir():
            continue
        for p in folder.iterdir():
            stale = p.name.endswith(".tmp") or (
                p.name.startswith("part-") and p.name.endswith(".parquet") and p.name[5:-8] not in done
            )
            if stale:
                p.unlink(missing_ok=True)
                removed += 1
    return removed


def _glob(out_dir: str | Path, table: str) -> str:
    return str(Path(out_dir) / table / "part-*.parquet")


class KnownIndex:
    """id -> sha256 of the documents already in a Parquet directory (for skipping them)."""

    def __init__(self, out_dir: str | Path):
        import duckdb

        self.con = duckdb.connect()  # in memory; DuckDB spills to disk rather than grow without bound
        self.con.execute("CREATE TABLE known (id VARCHAR, sha256 VARCHAR)")
        if committed(out_dir):
            self.con.execute(
                "INSERT INTO known SELECT id, sha256 FROM read_parquet(?)", [_glob(out_dir, "documents")]
            )

    def known(self, ids: Iterable[str]) -> dict[str, str]:
        ids = list(ids)
        if not ids:
            return {}
        rows = self.con.execute(
            "SELECT id, sha256 FROM known WHERE id IN (SELECT unnest(?))", [ids]
        ).fetchall()
        return dict(rows)

    def close(self) -> None:
        self.con.close()


def write_run(out_dir: str | Path, run_id: str, info: dict[str, Any]) -> None:
    folder = Path(out_dir) / "runs"
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{run_id}.json.tmp"
    tmp.write_text(json.dumps(info, indent=2, default=str, sort_keys=True) + "\n", "utf-8")
    os.replace(tmp, folder / f"{run_id}.json")


def read_documents(out_dir: str | Path, chunk: int = 256) -> Iterator[tuple[str, str, str]]:
    """(id, sha256, doc_json) of every document in the directory, the latest copy of each, by id."""
    import duckdb

    if not committed(out_dir):
        return
    con = duckdb.connect()
    try:
        cur = con.execute(
            """SELECT id, sha256, doc_json FROM read_parquet(?)
               QUALIFY row_number() OVER (PARTITION BY id ORDER BY extracted_at DESC) = 1
               ORDER BY id""",
            [_glob(out_dir, "documents")],
        )
        while rows := cur.fetchmany(chunk):
            yield from rows
    finally:
        con.close()
