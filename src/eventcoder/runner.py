"""A corpus run: read, skip what is stored, extract, store in per-batch transactions."""

from __future__ import annotations

import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from . import __version__
from .document import Document, sha256_text
from .records import Failure, Record

WRITE_BATCH = 64


@dataclass
class RunReport:
    stored: int = 0
    skipped: int = 0
    failed: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def line(self) -> str:
        rate = self.stored / self.seconds if self.seconds > 0 else 0.0
        out = (
            f"stored {self.stored}, skipped {self.skipped} (already stored, same text), failed {self.failed}"
            f" in {self.seconds:.1f}s ({rate:.1f} docs/s)"
        )
        if self.reasons:
            top = "; ".join(f"{n}x {r}" for r, n in self.reasons.most_common(5))
            out += f"; failures: {top}"
        return out


def _chunks(it: Iterable[Record | Failure], n: int) -> Iterator[list[Record | Failure]]:
    it = iter(it)
    while chunk := list(islice(it, n)):
        yield chunk


def _reason(f: Failure) -> str:
    text = str(f)
    # "path:12: malformed JSON record (...)" -> "malformed JSON record"
    parts = text.split(": ", 1)
    return parts[-1].split(" (")[0]


def run_corpus(
    records: Iterable[Record | Failure],
    db: str,
    workers: int = 1,
    force: bool = False,
    model: str | None = None,
    lexicon: list[str] | None = None,
    max_chars: int | None = None,
    on_failure: Callable[[str], None] | None = None,
    on_stored: Callable[[Document], None] | None = None,
    progress: bool | None = None,
) -> RunReport:
    """Extract and store a stream of records; every document is stored exactly once."""
    from tqdm import tqdm

    from .pipeline import Pipeline
    from .store import Store

    report = RunReport()
    t0 = time.perf_counter()
    show = sys.stderr.isatty() if progress is None else progress
    bar = tqdm(unit="doc", disable=not show, dynamic_ncols=True, file=sys.stderr)
    pipe = Pipeline(model=model, lexicon=lexicon, max_chars=max_chars) if workers <= 1 else None
    with Store(db) as store:

        def todo() -> Iterator[Record | Failure]:
            for chunk in _chunks(records, WRITE_BATCH):
                ids = [r.id for r in chunk if isinstance(r, Record) and r.id]
                known = {} if force else store.known(ids)
                for r in chunk:
                    if isinstance(r, Record) and r.id and known.get(r.id) == sha256_text(r.text):
                        report.skipped += 1
                        bar.update(1)
                        continue
                    yield r

        if pipe is not None:
            stream = pipe.pipe(todo())
        else:
            from .engines.local import pipe_parallel

            stream = pipe_parallel(
                todo(), n_process=workers, model=model, lexicon=lexicon, max_chars=max_chars
            )
        pending: list[Document] = []
        for item in stream:
            bar.update(1)
            if isinstance(item, Failure):
                report.failed += 1
                report.reasons[_reason(item)] += 1
                if on_failure:
                    on_failure(str(item))
                continue
            pending.append(item)
            if len(pending) >= WRITE_BATCH:
                report.stored += _flush(store, pending, on_stored)
                pending = []
        if pending:
            report.stored += _flush(store, pending, on_stored)
    bar.close()
    report.seconds = time.perf_counter() - t0
    return report


def _flush(store: object, docs: list[Document], on_stored: Callable[[Document], None] | None) -> int:
    # One document id may appear twice in one batch (a corpus with duplicate ids):
    # the later one wins, as it would across batches.
    by_id = {d.id: d for d in docs}
    n = store.write(list(by_id.values()), version=__version__)  # type: ignore[attr-defined]
    if on_stored:
        for d in by_id.values():
            on_stored(d)
    return n
