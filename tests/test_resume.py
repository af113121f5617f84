"""Resuming after kill -9: a real ``eventcoder run`` is killed mid-corpus (twice), then finished.

Whatever moment the kill hits, the store must open, hold only whole
documents (every table's rows for a stored document exactly as a clean run
writes them), and the same command must finish the corpus: every document
stored exactly once, every table with the row counts of a clean run, and the
incidents of a clean run.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from itertools import product
from pathlib import Path

import pytest

from eventcoder.io.readers import read_inputs
from eventcoder.runner import run_corpus
from eventcoder.store import Store
from eventcoder.store.duckdb_store import DOC_TABLES

SCRIPT = Path(sys.executable).with_name("eventcoder")
PEOPLE = ["Peruvian", "Chilean", "Kenyan", "Japanese", "Brazilian", "Turkish"]
CITIES = ["Lima", "Nairobi", "Ankara", "Brasilia", "Tokyo", "Santiago"]
DAYS = ["Monday", "Tuesday", "Wednesday"]


def _corpus(path: Path) -> int:
    rows = []
    for n, (who, city, day) in enumerate(product(PEOPLE, CITIES, DAYS)):
        if n % 3 == 1:
            continue
        text = (
            f"The {who} foreign minister met the visiting trade delegation in {city} on {day}. "
            f"Officials said both sides agreed to reopen talks on tariffs next month. "
            f"Protesters gathered outside the ministry in {city}, and police detained two people."
        )
        rows.append(
            json.dumps(
                {"id": f"r{n:03d}", "text": text, "published": "2024-05-06", "source": f"Wire {n % 4}"}
            )
        )
    rows.insert(7, '{"id": "broken", "text": ')  # a bad record mid-corpus: reported and skipped every time
    path.write_text("\n".join(rows) + "\n", "utf-8")
    return len(rows) - 1


def _per_document(db: Path) -> dict[str, tuple[int, ...]]:
    """For each stored document, its row count in every document table."""
    with Store(db, read_only=True) as s:
        out: dict[str, list[int]] = {i: [] for i in s.ids()}
        for table in DOC_TABLES[1:]:
            _, rows = s.query(f"SELECT doc_id, count(*) FROM {table} GROUP BY doc_id")
            got = dict(rows)
            for i in out:
                out[i].append(int(got.get(i, 0)))
    return {i: tuple(v) for i, v in out.items()}


def _run_and_kill(cmd: list[str], after_docs: int, env: dict[str, str]) -> int:
    """Start the run, SIGKILL it once ``after_docs`` summaries (committed documents) were printed."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, text=True)
    seen = 0
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if line.startswith("== "):
                seen += 1
                if seen >= after_docs:
                    time.sleep(0.05 * (after_docs % 3))  # land anywhere: between or inside batches
                    os.kill(proc.pid, signal.SIGKILL)
                    break
    finally:
        proc.wait(timeout=120)
    return proc.returncode


@pytest.mark.slow
def test_a_killed_run_resumes_to_exactly_a_clean_run(pipeline, tmp_path):
    corpus = tmp_path / "corpus.jsonl"
    n_docs = _corpus(corpus)
    clean = tmp_path / "clean.duckdb"
    report = run_corpus(read_inputs([str(corpus)]), db=str(clean), pipeline=pipeline, batch_size=4)
    assert (report.stored, report.failed) == (n_docs, 1)
    expected = _per_document(clean)
    with Store(clean, read_only=True) as s:
        clean_counts = s.counts()
        clean_incidents = s.query("SELECT incident_id, n_documents FROM incidents ORDER BY 1")[1]

    db = tmp_path / "killed.duckdb"
    env = {k: v for k, v in os.environ.items() if k != "EVENTCODER_MODEL"}
    cmd = [str(SCRIPT), "run", str(corpus), "--db", str(db), "--workers", "1", "--batch-size", "4",
           "--summary", "--no-progress"]  # fmt: skip
    stored_before = 0
    for after in (5, 7):  # killed once, resumed and killed again
        assert _run_and_kill(cmd, after, env) == -signal.SIGKILL
        now = _per_document(db)
        # nothing half-written: each stored document has exactly a clean run's rows
        assert now == {i: expected[i] for i in now}
        assert stored_before < len(now) < n_docs
        stored_before = len(now)

    done = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 1, done.stderr  # 1: the broken record was skipped again
    assert (
        f"stored {n_docs - stored_before}, skipped {stored_before} (already stored, same text), failed 1"
        in (done.stderr)
    )
    assert f"{corpus}:8: malformed JSON" in done.stderr
    assert _per_document(db) == expected
    with Store(db, read_only=True) as s:
        assert s.counts() == clean_counts
        assert s.query("SELECT incident_id, n_documents FROM incidents ORDER BY 1")[1] == clean_incidents
        assert s.count("incident_pending") == 0
        _, runs = s.query("SELECT status, n_stored FROM runs ORDER BY started_at")
    assert [r[0] for r in runs] == ["interrupted", "interrupted", "finished"]
    assert sum(r[1] for r in runs) == n_docs  # each document stored by exactly one run
