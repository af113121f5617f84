"""Corpus runs: idempotent by id + text hash, per-batch transactions, bad records skipped."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import eventcoder
from eventcoder.document import Actor, Span
from eventcoder.io.readers import read_inputs
from eventcoder.nlp import ModelNotFound
from eventcoder.pipeline import Pipeline, PipelineConfig
from eventcoder.records import Record
from eventcoder.runner import RunReport, run_corpus
from eventcoder.store import Store

REPORTS = {
    "santiago-talks": "The Chilean foreign minister met the Peruvian ambassador in Santiago on Monday.",
    "lima-protest": "Police said two protesters were detained outside the parliament in Lima.",
    "budget-row": "The government accused the opposition of blocking the budget vote on Tuesday.",
}


def _corpus(tmp_path: Path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for name, text in REPORTS.items():
        (d / f"{name}.txt").write_text(text, "utf-8")
    return d


def _run(pipeline, paths, db, **kw) -> RunReport:
    messages: list[str] = kw.pop("messages", [])
    return run_corpus(
        read_inputs([str(p) for p in paths]), db=str(db), pipeline=pipeline, on_failure=messages.append,
        progress=False, **kw,
    )  # fmt: skip


def test_rerun_skips_change_replaces_force_reextracts(pipeline, tmp_path):
    corpus, db = _corpus(tmp_path), tmp_path / "c.duckdb"
    r1 = _run(pipeline, [corpus], db)
    assert (r1.stored, r1.skipped, r1.failed) == (3, 0, 0)
    r2 = _run(pipeline, [corpus], db)
    assert (r2.stored, r2.skipped, r2.failed) == (0, 3, 0)
    (corpus / "lima-protest.txt").write_text(
        REPORTS["lima-protest"] + " The protest ended peacefully.", "utf-8"
    )
    r3 = _run(pipeline, [corpus], db)
    assert (r3.stored, r3.skipped) == (1, 2)
    r4 = _run(pipeline, [corpus], db, force=True)
    assert (r4.stored, r4.skipped) == (3, 0)
    with Store(db, read_only=True) as s:
        assert s.count() == 3
        assert s.document("lima-protest").text.endswith("ended peacefully.")
        assert s.count("dates") == sum(len(d.dates) for d in s.documents())


def test_bad_records_are_reported_with_position_and_old_documents_stay(pipeline, tmp_path):
    db = tmp_path / "c.duckdb"
    _run(pipeline, [_corpus(tmp_path)], db)
    with Store(db, read_only=True) as s:
        before = {d.id: d.to_dict() for d in s.documents()}
    jl = tmp_path / "more.jsonl"
    jl.write_text(
        "\n".join(
            [
                json.dumps({"id": "n1", "text": "Rebels attacked an army post near the border, officials said."}),
                '{"id": "n2", "text": "unterminated',
                json.dumps({"id": "n3", "text": "   "}),
                json.dumps({"id": "n4", "text": "Der Minister traf am Dienstag seinen Amtskollegen in Berlin und "
                            "sprach über die Lage in der Region und die Zusammenarbeit der Länder."}),
                json.dumps({"id": "santiago-talks", "text": "Farmers blocked the main highway to protest fuel prices."}),
                json.dumps({"id": "n6", "text": "The two countries agreed to reopen the border crossing."}),
            ]
        )
        + "\n",
        "utf-8",
    )  # fmt: skip
    messages: list[str] = []
    report = _run(pipeline, [jl], db, messages=messages)
    assert (report.stored, report.failed) == (3, 3)
    assert messages[0].startswith(f"{jl}:2: malformed JSON")
    assert messages[1].startswith(f"{jl}:3: empty text")
    assert messages[2].startswith(f"{jl}:4: does not look like English")
    assert report.reasons == {"malformed JSON": 1, "empty text": 1, "does not look like English": 1}
    with Store(db, read_only=True) as s:
        assert s.ids() == ["budget-row", "lima-protest", "n1", "n6", "santiago-talks"]
        after = {d.id: d.to_dict() for d in s.documents()}
    for doc_id in ("budget-row", "lima-protest"):
        assert after[doc_id] == before[doc_id]
    assert after["santiago-talks"]["text"].startswith("Farmers")  # a record with a known id replaces it


def test_a_second_record_with_the_same_id_in_one_run_is_skipped(pipeline, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "report.txt").write_text(REPORTS["budget-row"], "utf-8")
    (tmp_path / "b" / "report.txt").write_text(REPORTS["lima-protest"], "utf-8")
    messages: list[str] = []
    report = _run(pipeline, [tmp_path / "a", tmp_path / "b"], tmp_path / "c.duckdb", messages=messages)
    assert (report.stored, report.failed) == (1, 1)
    assert "duplicate id ('report' was already read in this run)" in messages[0] and messages[0].startswith(
        str(tmp_path / "b" / "report.txt")
    )
    with Store(tmp_path / "c.duckdb", read_only=True) as s:
        assert s.document("report").text == REPORTS["budget-row"]


class _BadSpans:
    """A stage with a bug: on reports about farmers it writes a span that is not the text's."""

    name = "bad-spans"

    def __call__(self, doc, ctx):
        if "Farmers" in doc.text:
            doc.actors.append(Actor("a99", "Farmers", "group", mentions=[Span(0, 7, "Growers")]))


def test_an_invalid_document_is_reported_not_stored(nlp, tmp_path):
    pipe = Pipeline(nlp=nlp, stages=[_BadSpans()])
    records = [
        Record(text="Farmers blocked the main highway to protest fuel prices.", id="bad", origin="x.jsonl:1"),
        Record(text=REPORTS["budget-row"], id="good", origin="x.jsonl:2"),
    ]
    messages: list[str] = []
    report = run_corpus(records, db=str(tmp_path / "c.duckdb"), pipeline=pipe, on_failure=messages.append)
    assert (report.stored, report.failed) == (1, 1)
    assert messages == [
        "x.jsonl:1: extraction produced an invalid document (actor a99 span 0-7 does not match the text)"
    ]


def test_on_stored_sees_every_stored_document_once(pipeline, tmp_path):
    seen: list[str] = []
    _run(
        pipeline,
        [_corpus(tmp_path)],
        tmp_path / "c.duckdb",
        on_stored=lambda d: seen.append(d.id),
        batch_size=2,
    )
    assert sorted(seen) == sorted(REPORTS)


def test_progress_bar_only_for_more_than_one_document(pipeline, tmp_path, capsys):
    corpus = _corpus(tmp_path)
    run_corpus(read_inputs([str(corpus / "budget-row.txt")]), db=str(tmp_path / "a.duckdb"), pipeline=pipeline,
               progress=True)  # fmt: skip
    assert "doc" not in capsys.readouterr().err
    run_corpus(
        read_inputs([str(corpus)]), db=str(tmp_path / "b.duckdb"), pipeline=pipeline, progress=True, total=3
    )
    err = capsys.readouterr().err
    assert "3/3" in err and "doc/s" in err


def test_small_runs_stay_in_process_even_with_workers(pipeline, tmp_path, monkeypatch):
    from eventcoder.engines import local

    monkeypatch.setitem(local._PIPELINES, PipelineConfig(), pipeline)
    report = run_corpus(read_inputs([str(_corpus(tmp_path))]), db=str(tmp_path / "c.duckdb"), workers=2)
    assert report.engine == "serial" and report.stored == 3


def test_missing_model_fails_before_the_store_is_created(tmp_path):
    db = tmp_path / "c.duckdb"
    for workers in (1, 2):
        with pytest.raises(ModelNotFound, match="no_such_model_xyz"):
            run_corpus(
                [Record(text="x")],
                db=str(db),
                workers=workers,
                config=PipelineConfig(model="no_such_model_xyz"),
            )
    assert not db.exists()


def test_report_line():
    r = RunReport(stored=3, skipped=1, failed=2, seconds=2.0)
    r.reasons.update({"empty text": 2})
    assert r.line() == (
        "stored 3, skipped 1 (already stored, same text), failed 2 in 2.0s (1.5 docs/s); failures: 2x empty text"
    )


def test_a_run_is_recorded_in_the_runs_table(pipeline, tmp_path):
    db = tmp_path / "c.duckdb"
    info = {"command": "eventcoder run corpus/", "inputs": ["corpus/"]}
    report = run_corpus(read_inputs([str(_corpus(tmp_path))]), db=str(db), pipeline=pipeline, run_info=info)
    with Store(db, read_only=True) as s:
        _, rows = s.query(
            "SELECT run_id, status, command, inputs, n_stored, n_skipped, n_failed, eventcoder_version, "
            "settings->>'force', finished_at >= started_at, n_incidents FROM runs"
        )
    assert rows == [(report.run_id, "finished", "eventcoder run corpus/", ["corpus/"], 3, 0, 0, eventcoder.__version__,
                     "false", True, report.incidents.total)]  # fmt: skip


def test_a_small_serial_run_records_one_worker(pipeline, tmp_path):
    db = tmp_path / "w.duckdb"
    run_corpus(read_inputs([str(_corpus(tmp_path))]), db=str(db), pipeline=pipeline, workers=4)
    with Store(db, read_only=True) as s:
        _, rows = s.query("SELECT engine, workers FROM runs")
    assert rows == [("serial", 1)]


def test_runs_record_the_model_and_text_limit_actually_used(pipeline, tmp_path):
    """Settings left at their defaults are recorded resolved, not as null."""
    from eventcoder.nlp import model_name

    db = tmp_path / "c.duckdb"
    run_corpus(read_inputs([str(_corpus(tmp_path))]), db=str(db), pipeline=pipeline, progress=False)
    config = PipelineConfig(max_chars=5000)
    run_corpus([Record(text=REPORTS["lima-protest"], id="x")], db=str(db), config=config, progress=False)
    with Store(db, read_only=True) as s:
        _, rows = s.query(
            "SELECT settings->>'model', CAST(settings->>'max_chars' AS INTEGER) FROM runs ORDER BY started_at"
        )
    assert rows[0] == (model_name(pipeline.model), pipeline.max_chars)
    assert rows[0][0] and rows[0][1] and rows[0][1] > 0
    assert rows[1] == (model_name(None), 5000)


def test_a_parquet_directory_instead_of_a_store_then_loaded(pipeline, tmp_path):
    from eventcoder.io.parquet import committed
    from eventcoder.runner import ingest_parquet

    corpus, parts = _corpus(tmp_path), tmp_path / "parts"
    report = run_corpus(read_inputs([str(corpus)]), out_dir=str(parts), pipeline=pipeline, batch_size=2)
    assert report.stored == 3 and report.incidents is None
    assert len(committed(parts)) == 2  # one part per batch of 2
    # a writer killed between its parts leaves a batch without documents: cleaned, never counted
    (parts / "events" / "part-deadbeef.parquet").write_bytes(b"half-written")
    again = run_corpus(read_inputs([str(corpus)]), out_dir=str(parts), pipeline=pipeline)
    assert (again.stored, again.skipped) == (0, 3) and not (
        parts / "events" / "part-deadbeef.parquet"
    ).exists()
    (corpus / "lima-protest.txt").write_text(
        REPORTS["lima-protest"] + " The protest ended peacefully.", "utf-8"
    )
    changed = run_corpus(read_inputs([str(corpus)]), out_dir=str(parts), pipeline=pipeline)
    assert (changed.stored, changed.skipped) == (1, 2)
    runs = sorted((parts / "runs").glob("*.json"))
    assert [json.loads(p.read_text("utf-8"))["status"] for p in runs] == ["finished"] * 3
    db = tmp_path / "c.duckdb"
    loaded = ingest_parquet(str(parts), str(db))
    assert (loaded.stored, loaded.failed) == (3, 0)
    with Store(db, read_only=True) as s:
        assert s.document("lima-protest").text.endswith("ended peacefully.")  # the latest copy wins
        assert s.count("incident_pending") == 0


def test_exactly_one_target(pipeline, tmp_path):
    with pytest.raises(ValueError, match="exactly one of db"):
        run_corpus([], db=str(tmp_path / "a.duckdb"), out_dir=str(tmp_path / "p"), pipeline=pipeline)
    with pytest.raises(ValueError, match="unknown engine"):
        run_corpus([], db=str(tmp_path / "a.duckdb"), engine="spark", pipeline=pipeline)


def test_the_progress_bar_learns_its_total_in_the_background(pipeline, tmp_path, capsys):
    import threading

    counted = threading.Event()

    def count() -> int:
        counted.set()
        return 3

    run_corpus(read_inputs([str(_corpus(tmp_path))]), db=str(tmp_path / "c.duckdb"), pipeline=pipeline,
               progress=True, count_total=count, batch_size=1)  # fmt: skip
    err = capsys.readouterr().err
    assert counted.is_set() and "3/3" in err and "doc/s" in err
