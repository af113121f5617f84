"""The Dask engines on a real LocalCluster (worker processes): same documents as serial, streamed, idempotent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.document import Document
from eventcoder.engines.dask import pipe_dask, start_client
from eventcoder.engines.local import EngineError, pipe_serial
from eventcoder.pipeline import PipelineConfig
from eventcoder.records import Failure, Record
from eventcoder.runner import ingest_parquet, run_corpus
from eventcoder.store import Store

pytestmark = pytest.mark.slow
SCRIPT = Path(sys.executable).with_name("eventcoder")

TEXTS = [
    "The Chilean foreign minister met the Peruvian ambassador in Santiago on Monday.",
    "Police said two protesters were detained outside the parliament in Lima.",
    "",  # refused by the text check: a Failure in its place
    "The government accused the opposition of blocking the budget vote.",
    "Farmers blocked the main highway to protest against fuel prices, officials said.",
    "The two countries agreed to reopen the border crossing next week.",
    "Rebels attacked an army post near the border, the defence ministry said.",
]


def _records() -> list[Record]:
    return [
        Record(text=t, id=f"r{i}", published="2024-05-06", origin=f"mem:{i}") for i, t in enumerate(TEXTS)
    ]


@pytest.fixture(scope="module")
def cluster():
    client, cluster = start_client("dask-local", None, 2)
    yield client
    client.close()
    cluster.close()


def _stored(db: Path) -> dict[str, dict]:
    with Store(db, read_only=True) as s:
        return {d.id: d.to_dict() for d in s.documents()}


def test_run_on_the_cluster_stores_what_a_serial_run_does(cluster, pipeline, tmp_path):
    messages: list[str] = []
    report = run_corpus(_records(), db=str(tmp_path / "d.duckdb"), engine="dask-local", workers=2,
                        client=cluster, on_failure=messages.append, batch_size=2)  # fmt: skip
    assert (report.stored, report.failed) == (6, 1) and report.engine == "dask-local x2"
    assert messages == ["mem:2: empty text (nothing to extract)"] or messages[0].startswith(
        "mem:2: empty text"
    )
    serial = {d.id: d.to_dict() for d in pipe_serial(pipeline, _records()) if isinstance(d, Document)}
    assert _stored(tmp_path / "d.duckdb") == serial
    again = run_corpus(
        _records(), db=str(tmp_path / "d.duckdb"), engine="dask-local", workers=2, client=cluster
    )
    assert (again.stored, again.skipped) == (0, 6)
    with Store(tmp_path / "d.duckdb", read_only=True) as s:
        _, runs = s.query("SELECT engine, status, n_stored FROM runs ORDER BY started_at")
    assert runs == [("dask-local x2", "finished", 6), ("dask-local x2", "finished", 0)]


def test_results_stream_with_a_bounded_window(cluster):
    pulled = 0

    def stream():
        nonlocal pulled
        for r in _records() * 3:
            pulled += 1
            yield r

    first_at = None
    out = []
    for item in pipe_dask(stream(), cluster, PipelineConfig(), batch_size=1, in_flight=2):
        if first_at is None:
            first_at = pulled
        out.append(item)
    # two chunks in flight, and the next one submitted as the first returns
    assert first_at is not None and first_at <= 3 < len(out) == 21
    assert sum(isinstance(x, Failure) for x in out) == 3


def test_workers_write_parquet_that_a_store_loads(cluster, pipeline, tmp_path):
    parts = tmp_path / "parts"
    report = run_corpus(_records(), out_dir=str(parts), engine="dask-local", workers=2, client=cluster,
                        batch_size=2)  # fmt: skip
    assert (report.stored, report.failed) == (6, 1)
    assert len(list((parts / "documents").glob("part-*.parquet"))) >= 3  # written by the workers, per chunk
    import duckdb

    n = (
        duckdb.connect()
        .execute("SELECT count(*) FROM read_parquet(?)", [f"{parts}/events/*.parquet"])
        .fetchall()[0][0]
    )
    assert n == sum(len(d["events"]) for d in _stored_serial(pipeline).values())
    again = run_corpus(_records(), out_dir=str(parts), engine="dask-local", workers=2, client=cluster)
    assert (again.stored, again.skipped) == (0, 6)  # known from the directory itself
    db = tmp_path / "loaded.duckdb"
    loaded = ingest_parquet(str(parts), str(db))
    assert (loaded.stored, loaded.skipped) == (6, 0) and loaded.incidents is not None
    assert _stored(db) == _stored_serial(pipeline)
    assert ingest_parquet(str(parts), str(db)).skipped == 6


def _stored_serial(pipeline) -> dict[str, dict]:
    return {d.id: d.to_dict() for d in pipe_serial(pipeline, _records()) if isinstance(d, Document)}


def test_workers_that_cannot_load_the_model_say_why(cluster, tmp_path):
    with pytest.raises(
        EngineError, match=r"the Dask workers could not load the pipeline .*could not be loaded"
    ):
        run_corpus(_records(), db=str(tmp_path / "x.duckdb"), engine="dask", client=cluster,
                   config=PipelineConfig(model=str(tmp_path)))  # fmt: skip


def test_command_line_on_a_running_scheduler(cluster, tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        "\n".join(json.dumps({"id": f"r{i}", "text": t}) for i, t in enumerate(TEXTS) if t), "utf-8"
    )
    env = {k: v for k, v in os.environ.items() if k != "EVENTCODER_MODEL"}
    address = cluster.scheduler.address
    db = tmp_path / "cli.duckdb"
    proc = subprocess.run(
        [str(SCRIPT), "run", str(corpus), "--db", str(db), "--engine", "dask", "--scheduler", address],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert f"{db}: stored 6, skipped 0" in proc.stderr
    with Store(db, read_only=True) as s:
        _, rows = s.query("SELECT engine, settings->>'scheduler' FROM runs")
    assert rows == [(f"dask ({address})", address)]
    bad = subprocess.run([str(SCRIPT), "run", str(corpus), "--db", str(db), "--engine", "dask"],
                         capture_output=True, text=True, env=env, timeout=300)  # fmt: skip
    assert bad.returncode == 2 and "--engine dask needs --scheduler" in bad.stderr
