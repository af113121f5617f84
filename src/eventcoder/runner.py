"""A corpus run: read, skip what is stored, extract, store in per-batch transactions.

Guarantees:
- every batch of documents is committed in one transaction, so an interrupted
  run keeps every earlier batch and nothing half-written; re-running the same
  command skips what is stored (same id and text hash) and finishes the rest;
- a record that cannot be read, extracted or stored is reported (with its
  position, e.g. ``corpus.jsonl:12``) and skipped; the run goes on;
- a second record with an id already seen in the same run is reported and
  skipped (two files ``a/x.txt`` and ``b/x.txt`` would otherwise overwrite
  each other); across runs, a changed text under a known id replaces the old rows.
"""

from __future__ import annotations

import contextlib
import sys
import time
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
    from .store import Store

WRITE_BATCH = 64
# Below this many documents to extract, a worker pool costs more (a model load per
# worker) than it saves: run in this process.
PARALLEL_MIN = 48


@dataclass
class RunReport:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    engine: str = "serial"

    @property
    def seen(self) -> int:
        return self.stored + self.skipped + self.failed

    def line(self) -> str:
        rate = self.stored / self.seconds if self.seconds > 0 else 0.0
        out = (
            f"stored {self.stored}, skipped {self.skipped} (already stored, same text), "
            f"failed {self.failed} in {self.seconds:.1f}s ({rate:.1f} docs/s)"
        )
        if self.reasons:
            top = "; ".join(f"{n}x {r}" for r, n in self.reasons.most_common(5))
            out += f"; failures: {top}"
        return out


class _Progress:
    """A tqdm bar that appears only once there is more than one document."""

    def __init__(self, enabled: bool, total: int | None):
        self.enabled = enabled
        self.total = total
        self.bar: Any = None
        self.n = 0
        if enabled and total is not None and total > 1:
            self._open()

    def _open(self) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=self.total, unit="doc", dynamic_ncols=True, file=sys.stderr, initial=self.n)

    def update(self, n: int = 1) -> None:
        self.n += n
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
            self.bar.close()


def run_corpus(
    records: Iterable[Record | Failure],
    db: str,
    workers: int = 1,
    force: bool = False,
    config: PipelineConfig | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_stored: Callable[[Document], None] | None = None,
    progress: bool | None = None,
    total: int | None = None,
    pipeline: Pipeline | None = None,
    batch_size: int = WRITE_BATCH,
) -> RunReport:
    """Extract and store a stream of records; every document is stored exactly once.

    ``pipeline`` reuses a loaded pipeline (in this process); otherwise one is
    built from ``config``, in this process or, with ``workers`` > 1 and enough
    documents, once per worker process.
    """
    from .engines.local import check_model, shared_pipeline
    from .pipeline import PipelineConfig
    from .store import Store

    config = config or (pipeline.config if pipeline is not None else PipelineConfig())
    # Fail on a missing model before the store file is created or any input read.
    if pipeline is None and workers <= 1:
        pipeline = shared_pipeline(config)
    elif pipeline is None:
        check_model(config.model)
    report = RunReport()
    t0 = time.perf_counter()
    bar = _Progress(sys.stderr.isatty() if progress is None else progress, total)

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

    try:
        with Store(db) as store:
            origins: dict[str, str] = {}  # id -> position of the records in flight, for messages
            todo = _todo(records, store, force, batch_size, report, bar, failed, origins)
            stream = _extract(todo, workers, pipeline, config, report)
            pending: list[Document] = []
            for item in stream:
                bar.update()
                if isinstance(item, Failure):
                    if item.id is not None:
                        origins.pop(item.id, None)
                    failed(item)
                    continue
                pending.append(item)
                if len(pending) >= batch_size:
                    _flush(store, pending, report, failed, stored if on_stored else None, origins)
                    pending = []
            _flush(store, pending, report, failed, stored if on_stored else None, origins)
    finally:
        bar.close()
        report.seconds = time.perf_counter() - t0
    return report


def _todo(
    records: Iterable[Record | Failure],
    store: Store,
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
        known = {} if force else store.known([r.id for r in fresh if isinstance(r, Record) and r.id])
        for r in fresh:
            if isinstance(r, Record) and r.id in known and known[r.id] == sha256_text(r.text):
                report.skipped += 1
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
) -> Iterator[Document | Failure]:
    from .engines.local import pipe_parallel, pipe_serial, shared_pipeline

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
    store: Store,
    docs: list[Document],
    report: RunReport,
    failed: Callable[[Failure], None],
    on_stored: Callable[[Document], None] | None,
    origins: dict[str, str],
) -> None:
    from .store.checks import problems

    good = []
    for d in docs:
        where = origins.pop(d.id, d.id)
        bad = problems(d)
        if bad:
            failed(
                Failure(where, d.id, f"{where}: extraction produced an invalid document ({'; '.join(bad)})")
            )
        else:
            good.append((d, where))
    if not good:
        return
    stored = _write(store, good, failed)
    report.stored += len(stored)
    if on_stored:
        for d in stored:
            on_stored(d)


def _write(
    store: Store, docs: list[tuple[Document, str]], failed: Callable[[Failure], None]
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
        store.write([d for d, _ in docs], version=__version__)
        return [d for d, _ in docs]
    except refused:
        pass
    ok = []
    for d, where in docs:
        try:
            store.write([d], version=__version__)
            ok.append(d)
        except refused as exc:
            failed(Failure(where, d.id, f"{where}: could not be stored ({str(exc).splitlines()[0]})"))
    return ok
