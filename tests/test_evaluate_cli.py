"""``eventcoder evaluate`` end to end on the seed gold, through the command line."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import SEED_GOLD
from eventcoder.cli import main

pytestmark = pytest.mark.skipif(not SEED_GOLD.exists(), reason="the seed gold is not next to this checkout")


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("eval")
    report = out / "quotes.json"
    saved = out / "docs"
    result = CliRunner().invoke(
        main,
        ["evaluate", "--task", "quotes", "--gold", str(SEED_GOLD), "--report", str(report),
         "--save-system", str(saved), "--errors", "3"],
    )  # fmt: skip
    return result, report, saved


def test_quotes_on_the_seed_prints_a_table_and_a_summary(seed_run):
    result, _, _ = seed_run
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("quotes") and "speaker acc" in line for line in lines)  # the table header
    assert any(line.startswith("direct ") for line in lines)
    summary = [line for line in lines if line.startswith("quotes on seed [eventcoder, 1 items]:")]
    assert len(summary) == 1 and "direct F1" in summary[0]


def test_the_report_holds_every_figure_and_the_errors(seed_run):
    _, report, _ = seed_run
    data = json.loads(report.read_text("utf-8"))
    assert data["command"].startswith("eventcoder evaluate")
    res = data["results"][0]
    assert res["task"] == "quotes" and res["dataset"] == "seed"
    gold = json.loads(SEED_GOLD.read_text("utf-8"))
    assert res["figures"]["all"]["detection"]["gold"] == len(gold["quotes"])
    n_direct = sum(1 for q in gold["quotes"] if q["kind"] == "direct")
    assert res["figures"]["direct"]["detection"]["gold"] == n_direct
    for e in res["errors"]:
        assert e["item"] == gold["id"] and e["kind"] in {"missed quote", "false quote", "wrong speaker"}
    # every figure is consistent with its counts
    d = res["figures"]["all"]["detection"]
    assert d["recall"] == pytest.approx(d["tp"] / d["gold"], abs=1e-4)


def test_stored_documents_score_the_same(seed_run, tmp_path):
    _, report, saved = seed_run
    assert len(list(saved.glob("*.json"))) == 1
    again = tmp_path / "again.json"
    result = CliRunner().invoke(
        main,
        [
            "evaluate",
            "--task",
            "quotes",
            "--gold",
            str(SEED_GOLD),
            "--system",
            str(saved),
            "--report",
            str(again),
        ],
    )
    assert result.exit_code == 0, result.output
    first = json.loads(report.read_text("utf-8"))["results"][0]["figures"]
    second = json.loads(again.read_text("utf-8"))["results"][0]["figures"]
    assert first == second


def test_a_task_the_gold_cannot_score_is_refused():
    result = CliRunner().invoke(main, ["evaluate", "--task", "events", "--gold", str(SEED_GOLD)])
    assert result.exit_code == 2
    assert "no events annotation" in result.output


def test_stored_documents_of_another_text_are_refused(tmp_path):
    doc = {
        "schema": "eventcoder.document/1",
        "id": json.loads(SEED_GOLD.read_text("utf-8"))["id"],
        "text": "Other.",
    }
    (tmp_path / "x.json").write_text(json.dumps(doc), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["evaluate", "--task", "quotes", "--gold", str(SEED_GOLD), "--system", str(tmp_path)]
    )
    assert result.exit_code == 0
    assert "another text than the gold" in result.output
    assert "all F1 0.000" in result.output
