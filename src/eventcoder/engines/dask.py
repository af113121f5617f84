"""Extraction on a Dask cluster (``dask.distributed``): a LocalCluster, or any scheduler.

- ``--engine dask-local`` starts a LocalCluster of worker *processes* (one
  thread each) on this machine; ``--engine dask --scheduler tcp://HOST:PORT``
  uses a running cluster (e.g. one started by dask-jobqueue on SLURM or PBS,
  see docs/corpus.md).  Workers need eventcoder and its model installed.
- Every worker loads the pipeline once: a worker plugin builds it when the
  worker starts (``shared_pipeline(config)``, cached per process), so tasks
  only parse.
- The driver reads the corpus and submits chunks of records, keeping at most
  ``in_flight`` chunks on the cluster (``as_completed`` with a window), so
  memory stays flat however long the corpus.  Results come back in completion
  order; the runner stores each batch in one transaction, so the run stays
  idempotent and resumable.
- With ``out_dir`` (``--out DIR``) workers write their documents' rows as
  Parquet files into DIR themselves (a shared file system) and send back only
  receipts: the driver never holds the documents.
- A chunk whose task fails (a worker killed twice, out of memory) comes back
  as one Failure per record with the reason, and the run goes on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from ..records import Failure, Record
from .local import THREAD_VARS, EngineError, chunked, extract_batch, shared_pipeline

if TYPE_CHECKING:
    from ..document import Document
    from ..pipeline import PipelineConfig

DEFAULT_BATCH = 8


@dataclass
class Written:
    """A receipt: a worker stored this document in the Parquet directory."""

    id: str
    origin: str


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError:
        raise EngineError(
            "the dask engines need dask.distributed; install it with: pip install 'eventcoder[dask]'"
        ) from None
    return distributed


class PipelinePlugin:
    """A worker plugin that loads the pipeline once, when a worker starts (or joins later)."""

    name = "eventcoder-pipeline"
    idempotent = True

    def __init__(self, config: PipelineConfig):
        self.config = config

    def setup(self, worker: Any = None) -> None:
        import gc

        from .local import _one_thread_per_worker

        _one_thread_per_worker()
        shared_pipeline(self.config)
        # The model, our tables and distributed's own objects live as long as the worker: keep the
        # cyclic collector from walking them again and again (measured: ~4% of a worker's time).
        gc.collect()
        gc.freeze()

    def teardown(self, worker: Any = None) -> None:
        pass


def _plugin(config: PipelineConfig) -> Any:
    distributed = _import_distributed()

    # A real WorkerPlugin subclass, made here so that importing this module needs no dask.
    class _Plugin(PipelinePlugin, distributed.WorkerPlugin):
        pass

    return _Plugin(config)


def extract_chunk(
    chunk: list[Record | Failure],
    config: PipelineConfig,
    batch_size: int,
    out_dir: str | None = None,
    version: str = "",
) -> list[Document | Failure | Written]:
    """The task a worker runs: extract a chunk; with ``out_dir`` write it there and return receipts."""
    pipe = shared_pipeline(config)  # loaded by the plugin; cached per worker process
    out = extract_batch(pipe, chunk, batch_size)
    if out_dir is None:
        return out
    from ..io.parquet import write_checked

    origins = {r.id: r.origin for r in chunk if isinstance(r, Record) and r.id}
    return write_checked(out, out_dir, version=version, origins=origins)


def start_client(engine: str, scheduler: str | None, workers: int) -> tuple[Any, Any]:
    """(client, cluster or None) for ``--engine dask`` or ``dask-local``."""
    distributed = _import_distributed()
    if engine == "dask":
        if not scheduler:
            raise EngineError("--engine dask needs --scheduler tcp://HOST:PORT (or use --engine dask-local)")
        try:
            return distributed.Client(scheduler, timeout="30s"), None
        except OSError as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {scheduler} ({exc})") from None
    import dask

    # One single-threaded worker process per core: spaCy releases the GIL too rarely for threads.
    env = {var: "1" for var in THREAD_VARS}
    # The workers' statistical profiler samples the task's stack every 10 ms: a few per cent of
    # a worker's time on our deep call stacks, for a dashboard nobody looks at here.
    with dask.config.set({"distributed.worker.profile.enabled": False}):
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            env=env,
            silence_logs=50,  # logging.CRITICAL: worker chatter would tear the progress bar; errors reach us
        )
    return distributed.Client(cluster), cluster


def load_on_workers(client: Any, config: PipelineConfig) -> None:
    """Register the plugin (every worker loads the pipeline now); fail with the workers' reason."""
    digest = hashlib.sha1(repr(config).encode()).hexdigest()[:12]
    try:
        # Named per settings: a cluster that serves runs with other settings loads each once.
        client.register_plugin(_plugin(config), name=f"eventcoder-pipeline-{digest}")
    except Exception as exc:
        raise EngineError(
            f"the Dask workers could not load the pipeline ({exc.__class__.__name__}: {exc})"
        ) from None


def _slots(client: Any) -> int:
    try:
        return max(1, sum(client.nthreads().values()))
    except Exception:
        return 1


def pipe_dask(
    records: Iterable[Record | Failure],
    client: Any,
    config: PipelineConfig,
    batch_size: int = DEFAULT_BATCH,
    in_flight: int | None = None,
    out_dir: str | None = None,
    version: str = "",
) -> Iterator[Document | Failure | Written]:
    """Extract records on the cluster behind ``client``; yields results as chunks complete."""
    distributed = _import_distributed()
    limit = max(1, in_flight or 2 * _slots(client))
    chunks = chunked(records, batch_size)
    pending: dict[Any, list[Record | Failure]] = {}

    def submit(chunk: list[Record | Failure]) -> Any:
        fut = client.submit(extract_chunk, chunk, config, batch_size, out_dir, version, pure=False)
        pending[fut.key] = chunk
        return fut

    first = [submit(c) for c in islice(chunks, limit)]
    if not first:
        return
    done = distributed.as_completed(first)
    try:
        for fut in done:
            chunk = pending.pop(fut.key)
            try:
                results = fut.result()
            except Exception as exc:  # the task failed on the cluster: its records fail, the run goes on
                reason = f"{exc.__class__.__name__}: {exc}".splitlines()[0]
                results = [
                    Failure(
                        r.origin,
                        r.id,
                        f"{r.origin}: extraction failed on the Dask cluster ({reason})",
                    )
                    for r in chunk
                ]
            fut.release()
            nxt = next(chunks, None)
            if nxt is not None:
                done.add(submit(nxt))
            yield from results
    finally:
        for key in list(pending):
            pending.pop(key)
        done.clear()
