"""A corpus run: read, skip what is stored, extract, store in per-batch transactions, group incidents.

Guarantees:
- every batch of documents is committed in one transaction, so an interrupted
  run (Ctrl-C, ``kill -9``, a power cut) keeps every earlier batch and nothing
  half-written; re-running the same command skips what is stored (same id and
  text hash) and finishes the rest;
- a record that cannot be read, extracted or stored is reported (with its
  position, e.g. ``corpus.jsonl:12``) and skipped; the run goes on;
- a second record with an id already seen in the same run is reported and
  skipped (two files ``a/x.txt`` and ``b/x.txt`` would otherwise overwrite
  each other); across runs, a changed text under a known id replaces the old rows;
- the ``runs`` table records each run (version, settings, inputs, counts that
  move with every batch, status), and at the end the incidents of the changed
  dates are recomputed (:mod:`eventcoder.incidents`).

Engines: ``local`` runs in this process or, with ``workers`` > 1 and enough
documents, in a pool of worker processes; ``dask-local`` on a LocalCluster;
``dask`` on the cluster at ``scheduler``.  With ``out_dir`` the documents go
to a directory of Parquet parts instead of a DuckDB file
(:mod:`eventcoder.io.parquet`).
"""

from __future__ import annotations

import contextlib
import os
import socket
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import TYPE_CHECKING, Any

from . import __version__
from .document import Document, sha256_text
from .records import Failure, Record

if TYPE_CHECKING:
    from .pipeline import Pipeline, PipelineConfig
    from .store.duckdb_store import RunProgress

WRITE_BATCH = 64
# Below this many documents to extract, a worker pool costs more (a model load per
# worker) than it saves: run in this process.
PARALLEL_MIN = 48
ENGINES = ("local", "dask-local", "dask")
DASK_CHUNK = 8  # records per Dask task when documents come back to the store
SKIP_SAME = "already stored, same text"


@dataclass
class RunReport:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    engine: str = "serial"
    run_id: str = ""
    incidents: Any = None  # an incidents.UpdateReport when incidents were recomputed

    @property
    def seen(self) -> int:
        return self.stored + self.skipped + self.failed

    def line(self) -> str:
        rate = self.stored / self.seconds if self.seconds > 0 else 0.0
        out = (
            f"stored {self.stored}, skipped {self.skipped} ({SKIP_SAME}), "
            f"failed {self.failed} in {self.seconds:.1f}s ({rate:.1f} docs/s)"
        )
        if self.reasons:
            top = "; ".join(f"{n}x {r}" for r, n in self.reasons.most_common(5))
            more = len(self.reasons) - 5
            out += f"; failures: {top}" + (f"; and {more} other reasons" if more > 0 else "")
        return out


class _Progress:
    """A tqdm bar (documents/s, and an ETA once the total is known) shown for more than one document."""

    def __init__(self, enabled: bool, total: int | None):
        self.enabled = enabled
        self.total = total
        self.bar: Any = None
        self.n = 0
        self._new_total: int | None = None
        if enabled and total is not None and total > 1:
            self._open()

    def _open(self) -> None:
        from tqdm import tqdm

        self.bar = tqdm(
            total=self.total, unit="doc", dynamic_ncols=True, file=sys.stderr, initial=self.n, smoothing=0.05
        )

    def set_total(self, total: int | None) -> None:
        """Called from the counting thread; applied on the next update, in the run's thread."""
        self._new_total = total

    def update(self, n: int = 1) -> None:
        self.n += n
        if self._new_total is not None:
            self.total, self._new_total = self._new_total, None
            if self.bar is not None:
                self.bar.total = self.total
        if self.bar is not None:
            self.bar.update(n)
        elif self.enabled and self.n > 1:
            self._open()

    def quiet(self) -> Any:
        """A context in which other output does not tear the bar (it is cleared, then redrawn)."""
        if self.bar is None:
            return contextlib.nullcontext()
        return self.bar.external_write_mode(file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            if self._new_total is not None:
                self.bar.total = self._new_total
                self.bar.refresh()
            self.bar.close()


class _StoreSink:
    """Documents into a DuckDB store, one transaction per batch, with the run's row kept current."""

    def __init__(self, db: str):
        from .store import Store

        self.store = Store(db)
        self.progress: RunProgress | None = None

    def known(self, ids: list[str]) -> dict[str, str]:
        return self.store.known(ids)

    def write(self, docs: list[Document]) -> None:
        self.store.write(docs, version=__version__, run=self.progress)

    def start(self, run_id: str, info: dict[str, Any]) -> None:
        from .store.duckdb_store import RunProgress

        self.store.start_run(run_id, **info)
        self.progress = RunProgress(run_id)

    def finish(self, run_id: str, info: dict[str, Any]) -> None:
        self.store.finish_run(run_id, **info)

    def incidents(self) -> Any:
        return group_incidents(self.store)

    def close(self) -> None:
        self.store.close()


def group_incidents(store: Any) -> Any:
    """Group the events of the documents stored since the last grouping into incidents (what
    a run does at its end; the server after storing a document): an ``incidents.UpdateReport``."""
    import duckdb

    from .incidents import update_incidents
    from .store import StoreError

    try:
        return update_incidents(store)
    except duckdb.Error as exc:
        raise StoreError(
            f"{store.path}: the documents are stored, but grouping incidents failed "
            f"({str(exc).splitlines()[0]}); run again, or 'eventcoder incidents --rebuild'"
        ) from None


class _DirSink:
    """Documents into a directory of Parquet parts (``--out DIR``)."""

    def __init__(self, out_dir: str):
        from .io import parquet

        self.dir = out_dir
        os.makedirs(out_dir, exist_ok=True)
        parquet.clean(out_dir)  # parts a killed writer left without their documents part
        self.index = parquet.KnownIndex(out_dir)
        self.progress: RunProgress | None = None
        self.info: dict[str, Any] = {}

    def known(self, ids: list[str]) -> dict[str, str]:
        return self.index.known(ids)

    def write(self, docs: list[Document]) -> None:
        from .io.parquet import write_parts

        write_parts(docs, self.dir, version=__version__)

    def start(self, run_id: str, info: dict[str, Any]) -> None:
        from .io.parquet import write_run

        self.info = {"run_id": run_id, "status": "running", "started_at": _iso_now(), **info}
        write_run(self.dir, run_id, self.info)

    def finish(self, run_id: str, info: dict[str, Any]) -> None:
        from .io.parquet import write_run

        self.info.update(info, finished_at=_iso_now())
        write_run(self.dir, run_id, self.info)

    def incidents(self) -> Any:
        return None  # grouped when the directory is loaded into a store (run --from-parquet)

    def close(self) -> None:
        self.index.close()


def _iso_now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


def run_corpus(
    records: Iterable[Record | Failure],
    db: str | None = None,
    workers: int = 1,
    force: bool = False,
    config: PipelineConfig | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_stored: Callable[[Document], None] | None = None,
    progress: bool | None = None,
    total: int | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int = WRITE_BATCH,
    engine: str = "local",
    scheduler: str | None = None,
    out_dir: str | None = None,
    run_info: dict[str, Any] | None = None,
    incidents: bool = True,
    count_total: Callable[[], int | None] | None = None,
    client: Any = None,
) -> RunReport:
    """Extract and store a stream of records; every document is stored exactly once.

    ``pipeline`` reuses a loaded pipeline (in this process); otherwise one is
    built from ``config``, in this process or, with ``workers`` > 1 and enough
    documents, once per worker process (or per Dask worker).  ``count_total``,
    when given, is called in a background thread and gives the progress bar
    its total (and so an ETA) without delaying the start.  ``client`` runs a
    dask engine on an existing ``distributed.Client`` (left open afterwards).
    """
    from .engines.local import check_model, shared_pipeline
    from .pipeline import PipelineConfig

    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if (db is None) == (out_dir is None):
        raise ValueError("give exactly one of db (a DuckDB file) and out_dir (a Parquet directory)")
    config = config or (pipeline.config if pipeline is not None else PipelineConfig())
    # Fail on a missing model before the store file is created or any input read.
    if engine == "local" and pipeline is None and workers <= 1:
        pipeline = shared_pipeline(config)
    elif pipeline is None and engine != "dask":  # a remote cluster may have models this machine lacks
        check_model(config.model)
    report = RunReport(run_id=_run_id())
    t0 = time.perf_counter()
    bar = _Progress(sys.stderr.isatty() if progress is None else progress, total)
    if count_total is not None and bar.enabled and total is None:

        def count() -> None:
            with contextlib.suppress(Exception):  # no total is only no ETA
                bar.set_total(count_total())

        threading.Thread(target=count, daemon=True).start()

    def failed(f: Failure) -> None:
        report.failed += 1
        report.reasons[f.problem] += 1
        if on_failure:
            with bar.quiet():
                on_failure(str(f))

    def stored(doc: Document) -> None:
        if on_stored:
            with bar.quiet():
                on_stored(doc)

    sink: _StoreSink | _DirSink = _StoreSink(db) if db is not None else _DirSink(out_dir)  # type: ignore[arg-type]
    own_client = client is None
    cluster = None
    status = "failed"
    try:
        info = {
            "eventcoder_version": __version__,
            "engine": engine,
            "workers": workers,
            "host": socket.gethostname(),
            "pid": os.getpid(),
            **(run_info or {}),
        }
        model, max_chars = _resolved(config, pipeline)
        info["settings"] = {
            "model": model,
            "lexicons": list(config.lexicons),
            "gazetteers": list(config.gazetteers),
            "max_chars": max_chars,
            "force": force,
            "batch_size": batch_size,
            "scheduler": scheduler,
            "out_dir": out_dir,
            **(info.get("settings") or {}),
        }
        sink.start(report.run_id, info)
        if engine in ("dask", "dask-local"):
            from .engines.dask import load_on_workers, start_client

            if client is None:
                client, cluster = start_client(engine, scheduler, workers)
            load_on_workers(client, config)
        origins: dict[str, str] = {}  # id -> position of the records in flight, for messages
        todo = _todo(records, sink, force, batch_size, report, bar, failed, origins)
        stream = _extract(todo, workers, pipeline, config, report, engine, client, out_dir, batch_size)
        pending: list[Document] = []
        for item in stream:
            bar.update()
            if isinstance(item, Failure):
                if item.id is not None:
                    origins.pop(item.id, None)
                failed(item)
                continue
            if not isinstance(item, Document):  # a receipt: a Dask worker wrote it to out_dir
                origins.pop(item.id, None)
                report.stored += 1
                continue
            pending.append(item)
            if len(pending) >= batch_size:
                _flush(sink, pending, report, failed, stored if on_stored else None, origins)
                pending = []
        _flush(sink, pending, report, failed, stored if on_stored else None, origins)
        if incidents:
            report.incidents = sink.incidents()
        status = "finished"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        bar.close()
        report.seconds = time.perf_counter() - t0
        if client is not None and own_client:
            with contextlib.suppress(Exception):
                client.close()
        if cluster is not None:
            with contextlib.suppress(Exception):
                cluster.close()
        with contextlib.suppress(Exception):
            sink.finish(
                report.run_id,
                {
                    "status": status,
                    "n_stored": report.stored,
                    "n_skipped": report.skipped,
                    "n_failed": report.failed,
                    "failures": dict(report.reasons),
                    "n_incidents": report.incidents.total if report.incidents is not None else None,
                    "seconds": round(report.seconds, 3),
                    "engine": report.engine,
                    # a small corpus runs in this process whatever --workers asked for
                    "workers": 1 if report.engine == "serial" else workers,
                },
            )
        sink.close()
    return report


def _resolved(config: PipelineConfig, pipeline: Pipeline | None) -> tuple[str | None, int | None]:
    """The model name and the text-size limit the run really uses (the config says None for
    'the default'; the runs table must say which default that was)."""
    from . import nlp

    model = config.model
    # A dask cluster may have a model this machine lacks: then keep what was asked for.
    with contextlib.suppress(nlp.ModelNotFound):
        model = nlp.model_name(config.model)
    if pipeline is not None:
        return model, pipeline.max_chars
    if config.max_chars:
        return model, config.max_chars
    # Workers build Pipeline(config), whose limit is then spaCy's max_length for a document.
    import inspect

    from spacy.language import Language

    default = inspect.signature(Language.__init__).parameters["max_length"].default
    return model, default if isinstance(default, int) else None


def _run_id() -> str:
    return time.strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:8]


def _todo(
    records: Iterable[Record | Failure],
    sink: _StoreSink | _DirSink,
    force: bool,
    batch_size: int,
    report: RunReport,
    bar: _Progress,
    failed: Callable[[Failure], None],
    origins: dict[str, str],
) -> Iterator[Record | Failure]:
    """The records still to extract: one store query per batch for what is already there."""
    seen: set[int] = set()  # hashes of ids met in this run: flat memory for millions of ids
    position = 0
    it = iter(records)
    while chunk := list(islice(it, batch_size)):
        fresh: list[Record | Failure] = []
        for r in chunk:
            position += 1
            if isinstance(r, Failure):
                fresh.append(r)
                continue
            if not r.id:
                r.id = f"record-{position}"
            key = hash(r.id)
            if key in seen:
                bar.update()
                failed(
                    Failure(
                        r.origin,
                        r.id,
                        f"{r.origin}: duplicate id ({r.id!r} was already read in this run); "
                        "skipped: give records unique ids",
                    )
                )
                continue
            seen.add(key)
            origins[r.id] = r.origin
            fresh.append(r)
        known = {} if force else sink.known([r.id for r in fresh if isinstance(r, Record) and r.id])
        for r in fresh:
            if isinstance(r, Record) and r.id in known and known[r.id] == sha256_text(r.text):
                report.skipped += 1
                if sink.progress is not None:
                    sink.progress.skipped = report.skipped
                origins.pop(r.id, None)
                bar.update()
                continue
            yield r


def _extract(
    todo: Iterator[Record | Failure],
    workers: int,
    pipeline: Pipeline | None,
    config: PipelineConfig,
    report: RunReport,
    engine: str,
    client: Any,
    out_dir: str | None,
    batch_size: int,
) -> Iterator[Any]:
    from .engines.local import pipe_parallel, pipe_serial, shared_pipeline

    if engine in ("dask", "dask-local"):
        from .engines.dask import pipe_dask

        report.engine = (
            f"{engine} x{workers}" if engine == "dask-local" else f"dask ({client.scheduler.address})"
        )
        # For a directory, workers write their chunk as one Parquet part each (so a chunk is a write
        # batch); for a store, documents come back in small chunks, which balance the load better.
        chunk = batch_size if out_dir else min(batch_size, DASK_CHUNK)
        return pipe_dask(todo, client, config, batch_size=chunk, out_dir=out_dir, version=__version__)
    if pipeline is None and workers > 1:
        head = list(islice(todo, PARALLEL_MIN))
        if len(head) == PARALLEL_MIN:
            report.engine = f"local x{workers}"
            return pipe_parallel(chain(head, todo), n_process=workers, config=config)
        todo = iter(head)
    if pipeline is None:
        pipeline = shared_pipeline(config)
    return pipe_serial(pipeline, todo)


def _flush(
    sink: _StoreSink | _DirSink,
    docs: list[Document],
    report: RunReport,
    failed: Callable[[Failure], None],
    on_stored: Callable[[Document], None] | None,
    origins: dict[str, str],
) -> None:
    from .store.checks import invalid

    good = []
    for d in docs:
        where = origins.pop(d.id, d.id)
        failure = invalid(d, where)
        if failure is not None:
            failed(failure)
        else:
            good.append((d, where))
    if not good:
        return
    if sink.progress is not None:
        sink.progress.failed = report.failed
        sink.progress.failures = dict(report.reasons)
    stored = _write(sink, good, failed)
    report.stored += len(stored)
    if on_stored:
        for d in stored:
            on_stored(d)


def _write(
    sink: _StoreSink | _DirSink, docs: list[tuple[Document, str]], failed: Callable[[Failure], None]
) -> list[Document]:
    """Write a batch in one transaction; if the data is refused, find the culprit document."""
    import duckdb

    # Data the store refuses (a broken key, a value Arrow or DuckDB cannot convert), as opposed
    # to a store that fails (disk full, lock lost): the first fails one document, the second the run.
    refused = (
        duckdb.ConstraintException,
        duckdb.ConversionException,
        duckdb.InvalidInputException,
        ValueError,
        TypeError,
    )
    try:
        sink.write([d for d, _ in docs])
        return [d for d, _ in docs]
    except refused:
        pass
    ok = []
    for d, where in docs:
        try:
            sink.write([d])
            ok.append(d)
        except refused as exc:
            failed(Failure(where, d.id, f"{where}: could not be stored ({str(exc).splitlines()[0]})"))
    return ok


def ingest_parquet(
    out_dir: str,
    db: str,
    force: bool = False,
    batch_size: int = WRITE_BATCH,
    progress: bool | None = None,
    on_failure: Callable[[str], None] | None = None,
    run_info: dict[str, Any] | None = None,
) -> RunReport:
    """Load a Parquet directory written by ``run --out DIR`` into a store, then group incidents.

    Idempotent like a run: a document whose id and text hash are stored is
    skipped; one whose text changed replaces the stored one.
    """
    import json

    from .io.parquet import read_documents

    report = RunReport(run_id=_run_id(), engine="parquet")
    t0 = time.perf_counter()
    bar = _Progress(sys.stderr.isatty() if progress is None else progress, None)
    sink = _StoreSink(db)
    status = "failed"
    try:
        sink.start(
            report.run_id,
            {"eventcoder_version": __version__, "engine": "parquet", "inputs": [out_dir], **(run_info or {})},
        )
        it = iter(read_documents(out_dir))
        while rows := list(islice(it, batch_size)):
            known = {} if force else sink.known([r[0] for r in rows])
            docs = []
            for doc_id, sha, raw in rows:
                bar.update()
                if known.get(doc_id) == sha:
                    report.skipped += 1
                    continue
                try:
                    docs.append(Document.from_dict(json.loads(raw)))
                except (ValueError, KeyError, TypeError) as exc:
                    f = Failure(
                        f"{out_dir}#{doc_id}", doc_id, f"{out_dir}#{doc_id}: unreadable document ({exc})"
                    )
                    report.failed += 1
                    report.reasons[f.problem] += 1
                    if on_failure:
                        with bar.quiet():
                            on_failure(str(f))
            if docs:
                assert sink.progress is not None
                sink.progress.skipped, sink.progress.failed = report.skipped, report.failed
                sink.write(docs)
                report.stored += len(docs)
        report.incidents = sink.incidents()
        status = "finished"
    except KeyboardInterrupt:
        status = "interrupted"
        raise
    finally:
        bar.close()
        report.seconds = time.perf_counter() - t0
        with contextlib.suppress(Exception):
            sink.finish(
                report.run_id,
                {
                    "status": status,
                    "n_stored": report.stored,
                    "n_skipped": report.skipped,
                    "n_failed": report.failed,
                    "n_incidents": report.incidents.total if report.incidents is not None else None,
                    "seconds": round(report.seconds, 3),
                },
            )
        sink.close()
    return report
