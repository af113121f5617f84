"""Parallel extraction on one machine: a process pool, the model loaded once per worker.

Records go out in small chunks with a bounded number in flight, so memory stays
flat however long the input stream is, and results come back in input order.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from ..document import Document
from ..records import Failure, Record

_WORKER: dict[str, Any] = {}


def _init(model: str | None, lexicon: list[str] | None, max_chars: int | None) -> None:
    from ..pipeline import Pipeline

    _WORKER["pipe"] = Pipeline(model=model, lexicon=lexicon, max_chars=max_chars)


def _work(chunk: list[Record | Failure], batch_size: int) -> list[dict[str, Any] | Failure]:
    pipe = _WORKER["pipe"]
    out: list[dict[str, Any] | Failure] = []
    for item in pipe.pipe(chunk, batch_size=batch_size):
        out.append(item if isinstance(item, Failure) else item.to_dict())
    return out


def pipe_parallel(
    records: Iterable[Record | Failure],
    n_process: int,
    batch_size: int = 16,
    model: str | None = None,
    lexicon: list[str] | None = None,
    max_chars: int | None = None,
    in_flight: int | None = None,
) -> Iterator[Document | Failure]:
    """Extract records in ``n_process`` worker processes; yields in input order."""
    ctx = mp.get_context("spawn")
    limit = in_flight or 2 * n_process
    it = iter(records)
    with ctx.Pool(n_process, initializer=_init, initargs=(model, lexicon, max_chars)) as pool:
        window: deque[Any] = deque()
        while True:
            while len(window) < limit:
                chunk = list(islice(it, batch_size))
                if not chunk:
                    break
                window.append(pool.apply_async(_work, (chunk, batch_size)))
            if not window:
                break
            for item in window.popleft().get():
                yield item if isinstance(item, Failure) else Document.from_dict(item)
