"""Bad input through the real CLI: one line naming the input and the problem, the right exit code.

A single bad input is fatal (exit 2).  In a multi-document run each bad record
is reported with its position and skipped, the rest are stored (exit 1), and
what was stored before is never lost or changed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.engines import local
from eventcoder.pipeline import PipelineConfig
from eventcoder.store import Store

GOOD = "Police said two protesters were detained outside the parliament in Lima on Monday."
GOOD2 = "The government accused the opposition of blocking the budget vote on Tuesday, officials said."
GERMAN = (
    "Der Außenminister traf am Dienstag seinen französischen Amtskollegen in Berlin. Die beiden "
    "Politiker sprachen über die Lage in der Ukraine und die Zusammenarbeit ihrer Länder."
)
SCRIPT = Path(sys.executable).with_name("eventcoder")


@pytest.fixture(autouse=True)
def _one_pipeline(pipeline, monkeypatch):
    monkeypatch.setitem(local._PIPELINES, PipelineConfig(), pipeline)
    monkeypatch.delenv("EVENTCODER_MODEL", raising=False)


def cli(*args, input: bytes | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, prog_name="eventcoder")


def _one_line_error(result, exit_code: int = 2) -> str:
    assert result.exit_code == exit_code, (result.exit_code, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("eventcoder: error: ")
    return lines[0]


def _bad_files(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    d = tmp_path / "bad"
    d.mkdir()
    cases = {
        "empty": (b"", "empty text"),
        "blank": (b"  \n\n\t \n", "empty text"),
        "binary": (bytes(range(256)) * 8, "looks binary (contains NUL bytes)"),
        "latin1": ("Caf\xe9 owners in Lyon protested against the new tax on Monday.".encode("latin-1"),
                   "is not valid UTF-8 (bad byte 0xe9 at offset 3)"),
        "german": (GERMAN.encode(), "does not look like English (looks like 'de')"),
        "arabic": ("التقى وزير الخارجية يوم الثلاثاء بنظيره الفرنسي في القاهرة وناقشا الوضع في المنطقة".encode(),
                   "does not look like English (mostly Arabic script)"),
        "controls": (("Police said \x01\x02\x03\x04\x05 it \x06\x07\x08 was calm." * 3).encode(), "looks binary"),
    }  # fmt: skip
    out = {}
    for name, (raw, problem) in cases.items():
        p = d / f"{name}.txt"
        p.write_bytes(raw)
        out[name] = (p, problem)
    return out


@pytest.mark.parametrize("name", ["empty", "blank", "binary", "latin1", "german", "arabic", "controls"])
@pytest.mark.parametrize("command", ["extract", "run"])
def test_a_single_bad_file_is_fatal_with_one_line(tmp_path, name, command):
    path, problem = _bad_files(tmp_path)[name]
    extra = ["--db", tmp_path / "x.duckdb"] if command == "run" else []
    result = cli(command, path, *extra)
    if command == "extract":
        line = _one_line_error(result)
        assert line.startswith(f"eventcoder: error: {path}: {problem}")
    else:
        # run reports the skipped record, then its summary line; nothing was stored: exit 2
        assert result.exit_code == 2
        assert result.stderr.splitlines()[0].startswith(f"eventcoder: skipped: {path}: {problem}")
        assert "stored 0" in result.stderr


def test_a_50_mb_file_is_refused_without_reading_it_all(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("w", encoding="utf-8") as fh:
        for _ in range(50 * 1024):
            fh.write((GOOD + " ") * 12 + "\n")
    assert big.stat().st_size > 50_000_000
    line = _one_line_error(cli("extract", big))
    assert line == (
        f"eventcoder: error: {big}: is larger than 20,000,000 bytes (one file is one article: split the "
        "corpus into files or JSONL records, or raise --max-bytes)"
    )


def test_missing_path(tmp_path):
    line = _one_line_error(cli("run", tmp_path / "nope.txt", "--db", tmp_path / "x.duckdb"))
    assert line == f"eventcoder: error: {tmp_path / 'nope.txt'}: no such file or directory"
    assert not (tmp_path / "x.duckdb").exists()
    assert _one_line_error(cli("extract")).startswith("eventcoder: error: no input given")


def test_empty_stdin():
    line = _one_line_error(cli("extract", "-", input=b""))
    assert line.startswith("eventcoder: error: <stdin>: empty text")


def test_too_long_text_for_max_chars(tmp_path, pipeline, monkeypatch):
    monkeypatch.setitem(
        local._PIPELINES,
        PipelineConfig(max_chars=50),
        pipeline.__class__(nlp=pipeline.nlp, stages=[], max_chars=50),
    )
    p = tmp_path / "long.txt"
    p.write_text(GOOD, "utf-8")
    line = _one_line_error(cli("extract", p, "--max-chars", "50"))
    assert f"{p}: too large ({len(GOOD)} characters; the limit is 50)" in line


def test_corpus_with_bad_records_stores_the_rest_and_keeps_old_documents(tmp_path):
    db = tmp_path / "c.duckdb"
    old = tmp_path / "old"
    old.mkdir()
    (old / "first.txt").write_text(GOOD, "utf-8")
    (old / "second.txt").write_text(GOOD2, "utf-8")
    assert cli("run", old, "--db", db).exit_code == 0
    with Store(db, read_only=True) as s:
        before = [d.to_dict() for d in s.documents()]

    corpus = tmp_path / "corpus.jsonl"
    corpus.write_bytes(
        b"\n".join(
            [
                json.dumps({"id": "ok-1", "text": GOOD2}).encode(),
                b'{"id": "cut", "text": "Police sai',
                json.dumps({"id": "de", "text": GERMAN}).encode(),
                b'{"id": "latin", "text": "caf\xe9"}',
                json.dumps({"id": "nul", "text": "Police\u0000 said it was calm."}).encode(),
                json.dumps({"id": "empty", "text": ""}).encode(),
                json.dumps(["not", "an", "object"]).encode(),
                json.dumps({"id": "ok-2", "text": GOOD}).encode(),
            ]
        )
        + b"\n"
    )
    result = cli("run", corpus, "--db", db)
    assert result.exit_code == 1, result.stderr
    skipped = [x for x in result.stderr.splitlines() if x.startswith("eventcoder: skipped: ")]
    where = [x.split(": ")[2] for x in skipped]
    assert where == [f"{corpus}:{n}" for n in (2, 3, 4, 5, 6, 7)]
    assert "malformed JSON" in skipped[0] and "looks like 'de'" in skipped[1]
    assert "not valid UTF-8" in skipped[2] and "looks binary" in skipped[3]
    assert "empty text" in skipped[4] and "expected a JSON object" in skipped[5]
    assert "stored 2, skipped 0 (already stored, same text), failed 6" in result.stderr
    with Store(db, read_only=True) as s:
        assert s.ids() == ["first", "ok-1", "ok-2", "second"]
        after = {d.id: d.to_dict() for d in s.documents()}
    assert [after[d["id"]] for d in before] == before


@pytest.mark.parametrize("command", ["extract", "run"])
def test_an_input_without_records_is_fatal(tmp_path, command):
    empty = tmp_path / "none.jsonl"
    empty.write_text("\n\n", "utf-8")
    result = cli(command, empty, *(["--db", tmp_path / "x.duckdb"] if command == "run" else []))
    assert result.exit_code == 2
    assert (
        result.stderr.splitlines()[-1] == f"eventcoder: error: {empty}: no records to extract (empty input)"
    )


def test_every_record_bad_is_fatal(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": 1\n{"text": ""}\n', "utf-8")
    result = cli("run", corpus, "--db", tmp_path / "c.duckdb")
    assert result.exit_code == 2
    result = cli("extract", corpus)
    assert (
        result.exit_code == 2
        and result.stderr.splitlines()[-1] == "eventcoder: error: all 2 inputs failed; nothing written"
    )


def test_extract_skips_a_bad_file_among_several_and_still_writes_valid_json(tmp_path):
    (tmp_path / "a-good.txt").write_text(GOOD, "utf-8")
    (tmp_path / "b-empty.txt").write_text("", "utf-8")
    (tmp_path / "c-good.txt").write_text(GOOD2, "utf-8")
    out = tmp_path / "out.json"
    result = cli(
        "extract", tmp_path / "a-good.txt", tmp_path / "b-empty.txt", tmp_path / "c-good.txt", "--out", out
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"eventcoder: skipped: {tmp_path / 'b-empty.txt'}: empty text")
    assert [d["id"] for d in json.loads(out.read_text("utf-8"))] == ["a-good", "c-good"]
    with_id = cli("extract", tmp_path / "a-good.txt", tmp_path / "c-good.txt", "--id", "x")
    assert with_id.exit_code == 2 and "--id names one document" in with_id.stderr


def test_a_csv_row_with_a_bad_byte_is_skipped_and_the_other_rows_stored(tmp_path):
    corpus = tmp_path / "rows.csv"
    corpus.write_bytes(
        b"id,text,published\n"
        + f"r1,{GOOD},Jan 5 2024\n".encode()
        + b"r2,Caf\xe9 owners protested on Monday.,\n"
        + f'r3,"{GOOD2}",05/01/2024\n'.encode()
    )
    db = tmp_path / "c.duckdb"
    result = cli("run", corpus, "--db", db)
    assert result.exit_code == 1, result.stderr
    lines = result.stderr.splitlines()
    assert any(
        x.startswith(f"eventcoder: skipped: {corpus}:3: is not valid UTF-8 (bad byte 0xe9)") for x in lines
    )
    assert any(
        x.startswith(f"eventcoder: warning: {corpus}:4: publication date '05/01/2024' is ambiguous")
        and "use YYYY-MM-DD" in x
        for x in lines
    )
    assert "stored 2," in result.stderr and "failed 1" in result.stderr
    with Store(db, read_only=True) as s:
        assert s.ids() == ["r1", "r3"]
        published = {d.id: d.meta.published for d in s.documents()}
    assert published == {"r1": "2024-01-05", "r3": None}


def test_gzipped_text_on_stdin(tmp_path):
    import gzip

    result = cli("extract", "-", input=gzip.compress(GOOD.encode()))
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)  # one input: one document object
    assert doc["id"] == "stdin" and doc["text"] == GOOD


@pytest.mark.slow
def test_exit_codes_of_the_real_console_script(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "EVENTCODER_MODEL"}
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Caf\xe9 owners protested.".encode("latin-1"))
    good = tmp_path / "good.txt"
    good.write_text(GOOD, "utf-8")
    fatal = subprocess.run([str(SCRIPT), "extract", str(bad)], capture_output=True, timeout=300, env=env)
    assert fatal.returncode == 2 and fatal.stdout == b""
    assert fatal.stderr.decode().splitlines() == [
        f"eventcoder: error: {bad}: is not valid UTF-8 (bad byte 0xe9 at offset 3) "
        "(convert it first, e.g. iconv -f latin1 -t utf-8)"
    ]
    db = tmp_path / "c.duckdb"
    partial = subprocess.run(
        [str(SCRIPT), "run", str(good), str(bad), "--db", str(db)], capture_output=True, timeout=300, env=env
    )
    assert partial.returncode == 1, partial.stderr.decode()
    with Store(db, read_only=True) as s:
        assert s.ids() == ["good"]
