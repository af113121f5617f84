"""Extraction on one machine: in this process, or in a pool of worker processes.

``pipe_serial`` runs a :class:`~eventcoder.pipeline.Pipeline` over a stream in
batches; ``pipe_parallel`` spreads the stream over ``n_process`` spawned
workers, each of which loads the model once.  Both yield one item per input
record, in input order: a Document, or a Failure standing in for a record that
could not be extracted.  A record that makes spaCy or a stage raise fails
alone: its batch is redone one record at a time.

The parallel engine keeps at most ``in_flight`` chunks of ``batch_size``
records submitted, so memory stays flat however long the stream, and it uses
``concurrent.futures`` so that a worker that dies (killed, out of memory)
stops the run with an error instead of hanging it.
"""

from __future__ import annotations

import importlib.util
import multiprocessing as mp
import os
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..document import Document
from ..errors import EventcoderError
from ..records import Failure, Record

if TYPE_CHECKING:
    from ..pipeline import Pipeline, PipelineConfig

DEFAULT_BATCH = 16


class EngineError(EventcoderError):
    """The engine itself failed (a worker died), not one record."""


_PIPELINES: dict[PipelineConfig, Pipeline] = {}


def shared_pipeline(config: PipelineConfig | None = None) -> Pipeline:
    """One pipeline per settings per process: stages load their tables once, not per command."""
    from ..pipeline import PipelineConfig

    config = config or PipelineConfig()
    pipe = _PIPELINES.get(config)
    if pipe is None:
        pipe = _PIPELINES[config] = config.build()
    return pipe


def chunked(items: Iterable[Any], n: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, n)):
        yield chunk


def _one(pipe: Pipeline, record: Record | Failure) -> Document | Failure:
    try:
        return next(iter(pipe.pipe([record], batch_size=1)))
    except Exception as exc:
        origin = getattr(record, "origin", "<input>")
        return Failure(
            origin,
            getattr(record, "id", None),
            f"{origin}: extraction failed ({exc.__class__.__name__}: {exc})",
        )


def extract_batch(pipe: Pipeline, batch: list[Record | Failure], batch_size: int) -> list[Document | Failure]:
    """Extract one batch; if anything in it raises, redo it record by record."""
    try:
        out = list(pipe.pipe(batch, batch_size=batch_size))
        if len(out) == len(batch):
            return out
    except Exception:
        pass
    return [_one(pipe, r) for r in batch]


def pipe_serial(
    pipe: Pipeline, records: Iterable[Record | Failure], batch_size: int = DEFAULT_BATCH
) -> Iterator[Document | Failure]:
    """Extract a stream in this process, in order."""
    for batch in chunked(records, batch_size):
        yield from extract_batch(pipe, batch, batch_size)


# -- worker side ----------------------------------------------------------------
_WORKER: dict[str, Any] = {}


# One worker per core: a worker whose BLAS also starts a thread per core fights the other
# workers for the cores (measured here: 2 workers took 18 s for what 1 thread each does in 4.5 s).
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "BLIS_NUM_THREADS")


def _one_thread_per_worker() -> None:
    for var in THREAD_VARS:
        os.environ.setdefault(var, "1")  # read when numpy/BLAS load, i.e. with the model below
    if "numpy" in sys.modules:  # already loaded (e.g. by the parent's __main__): limit it in place
        try:
            from threadpoolctl import threadpool_limits

            threadpool_limits(int(os.environ["OPENBLAS_NUM_THREADS"]))
        except ImportError:
            pass


def _init(config: PipelineConfig) -> None:
    # An exception here would only say "a process in the initializer failed"; keep it
    # and raise it from the first task, where the parent sees its message.
    _one_thread_per_worker()
    try:
        _WORKER["pipe"] = shared_pipeline(config)
    except Exception as exc:
        _WORKER["error"] = exc


def _work(chunk: list[Record | Failure], batch_size: int) -> list[Document | Failure]:
    if "error" in _WORKER:
        raise _WORKER["error"]
    return extract_batch(_WORKER["pipe"], chunk, batch_size)


# -- parent side ----------------------------------------------------------------
def check_model(model: str | None) -> None:
    """Fail fast, without loading spaCy, when the model named is not installed."""
    from ..nlp import ENV_VAR, ModelNotFound, install_hint, model_name

    name = model_name(model)  # raises ModelNotFound when no default model is installed
    if Path(name).exists():
        return
    try:
        found = importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        found = False
    if not found:
        raise ModelNotFound(
            f"spaCy model {name!r} is not installed; {install_hint(name)}; or pass --model / {ENV_VAR}"
        )


def pipe_parallel(
    records: Iterable[Record | Failure],
    n_process: int,
    config: PipelineConfig | None = None,
    batch_size: int = DEFAULT_BATCH,
    in_flight: int | None = None,
) -> Iterator[Document | Failure]:
    """Extract records in ``n_process`` worker processes; yields in input order."""
    from ..pipeline import PipelineConfig

    config = config or PipelineConfig()
    check_model(config.model)
    limit = max(1, in_flight or 2 * n_process)
    chunks = chunked(records, batch_size)
    pool = ProcessPoolExecutor(
        max_workers=n_process,
        mp_context=mp.get_context("spawn"),
        initializer=_init,
        initargs=(config,),
    )
    window: deque[Future[list[Document | Failure]]] = deque()
    try:
        while True:
            while len(window) < limit and (chunk := next(chunks, None)) is not None:
                window.append(pool.submit(_work, chunk, batch_size))
            if not window:
                break
            try:
                results = window.popleft().result()
            except BrokenProcessPool:
                raise EngineError(
                    "a worker process died (out of memory, killed, or, from a Python script, "
                    "started outside `if __name__ == '__main__':`); re-run the same command "
                    "to finish: stored documents are kept"
                ) from None
            yield from results
    finally:
        for f in window:
            f.cancel()
        pool.shutdown(wait=True, cancel_futures=True)
