"""The command line through click's CliRunner, and the real console script where it matters."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import assert_valid
from eventcoder.cli import main
from eventcoder.engines import local
from eventcoder.pipeline import PipelineConfig
from eventcoder.store import Store

REPORT = (
    "LIMA, May 6 (Reuters) - Peru's foreign minister met the Chilean ambassador in Lima on Monday. "
    '"We agreed to reopen the border crossing," the minister told reporters after the meeting. '
    "Protesters marched outside the ministry, and police said two people were detained."
)
OTHER = "The government accused the opposition of blocking the budget vote on Tuesday, officials said."
SCRIPT = Path(sys.executable).with_name("eventcoder")


@pytest.fixture(autouse=True)
def _one_pipeline(pipeline, monkeypatch):
    # The CLI caches a pipeline per settings; give it the session's, so no test reloads the stages.
    monkeypatch.setitem(local._PIPELINES, PipelineConfig(), pipeline)
    monkeypatch.delenv("EVENTCODER_MODEL", raising=False)


@pytest.fixture
def files(tmp_path: Path) -> Path:
    (tmp_path / "lima-border.txt").write_text(REPORT, "utf-8")
    (tmp_path / "budget-row.txt").write_text(OTHER, "utf-8")
    return tmp_path


def cli(*args: str, input: str | None = None):
    return CliRunner().invoke(
        main, [str(a) for a in args], input=input, catch_exceptions=False, prog_name="eventcoder"
    )


@pytest.mark.parametrize(
    "command", [[], ["extract"], ["run"], ["show"], ["events"], ["query"], ["export"], ["incidents"]]
)
def test_every_command_explains_itself_with_examples(command):
    result = cli(*command, "--help")
    assert result.exit_code == 0
    assert "Usage: eventcoder" in result.output and "Examples:" in result.output
    for cmd in command:
        assert f"eventcoder {cmd} " in result.output.split("Examples:")[1]


def test_version():
    assert cli("--version").output.startswith("eventcoder, version ")


def test_extract_one_file_as_json(files):
    result = cli(
        "extract", files / "lima-border.txt", "--published", "2024-05-06", "--source", "Example News"
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert_valid(doc)
    assert doc["id"] == "lima-border" and doc["text"] == REPORT
    assert doc["meta"]["published"] == "2024-05-06" and doc["meta"]["source"] == "Example News"
    assert doc["meta"]["dateline"]["place"] == "Lima"


def test_extract_id_and_out_file(files, tmp_path):
    out = tmp_path / "out" / "doc.json"
    out.parent.mkdir()
    result = cli("extract", files / "lima-border.txt", "--id", "peru-1", "--out", out)
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text("utf-8"))["id"] == "peru-1"


def test_extract_several_as_json_list_jsonl_and_table(files):
    as_list = json.loads(cli("extract", files).stdout)
    assert [d["id"] for d in as_list] == ["budget-row", "lima-border"]
    lines = cli("extract", files, "--format", "jsonl").stdout.splitlines()
    assert [json.loads(x)["id"] for x in lines] == ["budget-row", "lima-border"]
    for line in lines:
        assert_valid(json.loads(line))
    table = cli("extract", files / "lima-border.txt", "--format", "table", "--published", "2024-05-06").stdout
    assert table.startswith("== lima-border\n   published 2024-05-06; dateline Lima;")
    for part in ("-- actors (", "-- quotes (", "-- events ("):
        assert part in table


def test_extract_jsonl_records_keep_their_metadata(tmp_path):
    p = tmp_path / "c.jsonl"
    p.write_text(json.dumps({"id": "x7", "text": OTHER, "published": "2024-02-03", "title": "Row", "url": "https://example.org/x7"}) + "\n", "utf-8")  # fmt: skip
    doc = json.loads(cli("extract", p, "--published", "2020-01-01", "--source", "Wire").stdout)
    meta = doc["meta"]
    # The record's own fields win over the command line's defaults, which fill the gaps.
    assert (doc["id"], meta["published"], meta["title"], meta["url"], meta["source"]) == (
        "x7", "2024-02-03", "Row", "https://example.org/x7", "Wire",
    )  # fmt: skip


def test_run_store_rerun_and_show(files, tmp_path):
    db = tmp_path / "e.duckdb"
    first = cli("run", files, "--db", db, "--published", "2024-05-06")
    assert first.exit_code == 0, first.stderr
    assert "stored 2, skipped 0" in first.stderr
    again = cli("run", files, "--db", db)
    assert "stored 0, skipped 2" in again.stderr
    shown = cli("show", "--db", db)
    assert shown.exit_code == 0
    assert shown.stdout.startswith(f"{db}: 2 documents, ")
    assert "== budget-row" in shown.stdout and "== lima-border" in shown.stdout
    one = cli("show", "--db", db, "--id", "lima-border", "--json")
    assert json.loads(one.stdout)["text"] == REPORT
    totals = cli("show", "--db", db, "--limit", "0").stdout
    assert "==" not in totals


def test_run_summary_prints_each_stored_document(files, tmp_path):
    result = cli("run", files / "lima-border.txt", "--db", tmp_path / "e.duckdb", "--summary")
    assert result.stdout.startswith("== lima-border")


def test_show_unknown_id_and_missing_store(tmp_path, files):
    missing = cli("show", "--db", tmp_path / "none.duckdb")
    assert missing.exit_code == 2
    assert (
        missing.stderr
        == f"eventcoder: error: {tmp_path / 'none.duckdb'}: no such store; create it with 'eventcoder run ... --db {tmp_path / 'none.duckdb'}'\n"
    )
    db = tmp_path / "e.duckdb"
    cli("run", files / "budget-row.txt", "--db", db)
    unknown = cli("show", "--db", db, "--id", "nope")
    assert unknown.exit_code == 2 and "no document with id 'nope'" in unknown.stderr


@pytest.mark.parametrize("how", ["option", "env"])
def test_a_missing_model_says_how_to_install_it(files, tmp_path, how, monkeypatch):
    args = ["extract", files / "lima-border.txt"]
    if how == "option":
        args += ["--model", "no_such_model_xyz"]
    else:
        monkeypatch.setenv("EVENTCODER_MODEL", "no_such_model_xyz")
    for command in (args, ["run", files, "--db", tmp_path / "m.duckdb", *args[2:]]):
        result = CliRunner().invoke(main, [str(a) for a in command])
        assert result.exit_code == 2
        (line,) = result.stderr.splitlines()
        assert line.startswith("eventcoder: error: ") and "'no_such_model_xyz'" in line
        assert "pip install" in line
    assert not (tmp_path / "m.duckdb").exists()


def test_bad_published_date_is_a_usage_error(files):
    result = CliRunner().invoke(main, ["extract", str(files), "--published", "06/21/23"])
    assert result.exit_code == 2 and "is not a date; use YYYY-MM-DD" in result.stderr


@pytest.mark.slow
def test_console_script_reads_stdin(tmp_path):
    env = {**os.environ, "EVENTCODER_MODEL": ""}
    proc = subprocess.run(
        [str(SCRIPT), "extract", "-", "--published", "2024-05-06", "--format", "jsonl"],
        input=REPORT.encode(), capture_output=True, timeout=300, env=env, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr.decode()
    doc = json.loads(proc.stdout)
    assert_valid(doc)
    assert (doc["id"], doc["text"], doc["meta"]["published"]) == ("stdin", REPORT, "2024-05-06")


def test_summary_says_who_did_what_to_whom_when_where():
    from eventcoder.summary import summarize, totals_line
    from test_store import make_doc

    text = summarize(make_doc())
    assert text.splitlines()[:2] == [
        "== d1: Talks",
        "   published 2024-01-08; source Example News; 13 words",
    ]
    assert '  a1 Ana Lima (person, PRT GOV); 2 mentions: "Ana Lima", "she"' in text
    assert '  q1 Ana Lima (as "she") [direct, cue "said"]:\n        «We agree»' in text
    assert '  e1 CONSULT: Ana Lima [PRT GOV] --"met"--> Bo Chen; when 2024-01-08; where Lisbon [PRT]' in text
    assert "        evidence: «Ana Lima met Bo Chen in Lisbon on Monday.»" in text
    assert "  p1 Lisbon [PRT] 38.72,-9.13, geonames 2267057; 1 mention" in text
    assert "'Monday' -> 2024-01-08 (day)" in text
    counts = {"documents": 1, "actors": 2, "mentions": 4, "quotes": 1, "events": 1, "places": 1, "dates": 0}
    assert totals_line("x.duckdb", counts) == (
        "x.duckdb: 1 document, 2 actors (4 mentions), 1 quote, 1 event, 1 place, 0 dates"
    )


def test_run_with_metadata_columns_then_show_incidents_and_the_last_run(tmp_path):
    feed = tmp_path / "feed.csv"
    rows = [("g1", REPORT, "2024-05-06", "Andes Wire"), ("g2", OTHER, "2024-05-07", "Pacific Daily")]
    feed.write_text("guid,body,pubdate,outlet\n" + "".join(
        f'{g},"{t.replace(chr(34), chr(34) * 2)}",{d},{o}\n' for g, t, d, o in rows), "utf-8")  # fmt: skip
    db = tmp_path / "e.duckdb"
    result = cli("run", feed, "--db", db, "--text-column", "body", "--id-column", "guid", "--date-column",
                 "pubdate", "--source-column", "outlet", "--batch-size", "1")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert f"{db}: incidents: " in result.stderr
    with Store(db, read_only=True) as s:
        _, docs = s.query("SELECT id, CAST(published AS VARCHAR), source FROM documents ORDER BY id")
        assert docs == [("g1", "2024-05-06", "Andes Wire"), ("g2", "2024-05-07", "Pacific Daily")]
        _, runs = s.query("SELECT status, n_stored, settings->>'batch_size' FROM runs")
        assert runs == [("finished", 2, "1")]
    shown = cli("show", "--db", db, "--limit", "0").stdout.splitlines()
    assert shown[1].startswith("last run ") or " incidents (" in shown[1]
    assert "(finished; stored 2, skipped 0, failed 0; eventcoder " in shown[1]


def test_run_to_parquet_then_load_from_parquet(files, tmp_path):
    parts, db = tmp_path / "parts", tmp_path / "e.duckdb"
    inputs = (files / "lima-border.txt", files / "budget-row.txt")
    out = cli("run", *inputs, "--out", parts)
    assert out.exit_code == 0, out.stderr
    assert f"{parts}: stored 2, skipped 0" in out.stderr and "incidents" not in out.stderr
    loaded = cli("run", "--from-parquet", parts, "--db", db)
    assert loaded.exit_code == 0 and f"{db}: stored 2, skipped 0" in loaded.stderr
    assert cli("run", *inputs, "--from-parquet", parts, "--db", db).exit_code == 2
    assert cli("run", *inputs, "--out", parts, "--summary").exit_code == 2
    assert "needs --scheduler" in cli("run", *inputs, "--engine", "dask").stderr
    inside = cli("run", files, "--out", parts)
    assert inside.exit_code == 2 and "is inside the input directory" in inside.stderr
