"""Shared fixtures: one pipeline per test session (the model loads once)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from eventcoder.document import SCHEMA_FILE

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED_TEXT = ROOT / "examples" / "mehr-2023-06-21-leader-haniyeh.txt"
# The project's gold for its example ships beside it; the shared copy, when this
# checkout sits next to it, is the reference (test_examples checks they agree).
SHARED_SEED_GOLD = SHARED / "seed" / "mehr-2023-06-21-leader-haniyeh.gold.json"
SEED_GOLD = SHARED_SEED_GOLD if SHARED_SEED_GOLD.exists() else ROOT / "examples" / SHARED_SEED_GOLD.name


@lru_cache(maxsize=1)
def _pipeline():
    from eventcoder.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def pipeline():
    return _pipeline()


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    schema = json.loads((ROOT / "docs" / "schema" / SCHEMA_FILE).read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def assert_valid(doc_dict: dict) -> None:
    """Validate against the shipped JSON Schema and check every span's text."""
    errors = sorted(_validator().iter_errors(doc_dict), key=lambda e: list(e.path))
    assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    text = doc_dict["text"]

    def check(span: dict) -> None:
        assert 0 <= span["start"] <= span["end"] <= len(text), span
        assert text[span["start"] : span["end"]] == span["text"], span

    for a in doc_dict["actors"]:
        for m in a["mentions"]:
            check(m)
    for p in doc_dict["places"]:
        for m in p["mentions"]:
            check(m)
    for q in doc_dict["quotes"]:
        check({"start": q["start"], "end": q["end"], "text": q["text"]})
        for key in ("speaker_mention", "cue"):
            if q[key]:
                check(q[key])
    for e in doc_dict["events"]:
        check(e["trigger"])
        check(e["evidence"])
    for d in doc_dict["dates"]:
        check(d)
    ids = {a["id"] for a in doc_dict["actors"]}
    pids = {p["id"] for p in doc_dict["places"]}
    qids = {q["id"] for q in doc_dict["quotes"]}
    for q in doc_dict["quotes"]:
        assert q["speaker"] is None or q["speaker"] in ids
    for e in doc_dict["events"]:
        assert set(e["actor"]) <= ids and set(e["recipient"]) <= ids
        assert e["location"] is None or e["location"] in pids
        assert e["quote"] is None or e["quote"] in qids


@pytest.fixture(scope="session")
def seed_doc(pipeline):
    from eventcoder.records import Record

    text = SEED_TEXT.read_text("utf-8")
    return pipeline(
        Record(
            text=text,
            id=SEED_TEXT.stem,
            published="2023-06-21",
            source="Mehr News Agency",
            origin=str(SEED_TEXT),
        )
    )


@pytest.fixture(scope="session")
def seed_gold():
    return json.loads(SEED_GOLD.read_text("utf-8"))
