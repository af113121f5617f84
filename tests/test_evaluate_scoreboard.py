"""bench/scoreboard.py on a few items of the evaluation data: the markdown it writes."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT, SHARED

DATA = SHARED / "data"
pytestmark = pytest.mark.skipif(
    not (DATA / "tempeval3").exists(), reason="the evaluation data is not next to this checkout"
)


def load_scoreboard():
    spec = importlib.util.spec_from_file_location("scoreboard", ROOT / "bench" / "scoreboard.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_quick_scoreboard(tmp_path):
    sb = load_scoreboard()
    out = tmp_path / "scoreboard.md"
    assert sb.main(["--tasks", "dates,quotes", "--limit", "2", "--data", str(DATA), "--out", str(out)]) == 0
    md = out.read_text("utf-8")
    assert md.startswith("# Scoreboard")
    assert "- commit: `" in md and "--tasks dates,quotes --limit 2" in md
    assert "only the first 2 items" in md
    assert "### dates on tempeval3 (2 items)" in md
    assert "### quotes on polnear (2 items)" in md
    assert "| extractor | quotes | gold |" in md
    assert "## Events" not in md  # not asked for
    # a peer line, or the note that it is not installed
    assert "textacy direct_quotations" in md


def test_hand_written_issue_sections_survive_a_rerun():
    import importlib.util

    spec = importlib.util.spec_from_file_location("scoreboard", ROOT / "bench" / "scoreboard.py")
    sb = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sb)
    old = "# Scoreboard\n\n## Quotes\n\n| x |\n\n## Actors (issue 5)\n\nbefore 0.3, after 0.7\n\n## Quotes (issue 3 follow-up)\n\nnotes\n"
    kept = sb.kept_notes(old)
    assert kept.startswith("\n## Actors (issue 5)") and "notes" in kept and "| x |" not in kept
    assert sb.kept_notes("# Scoreboard\n\n## Quotes\n") == ""
