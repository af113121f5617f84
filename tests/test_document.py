from __future__ import annotations

import json

import pytest

from conftest import ROOT, assert_valid
from eventcoder.document import (
    SCHEMA,
    SCHEMA_FILE,
    Actor,
    DateExpr,
    Document,
    Event,
    MentionIndex,
    Meta,
    Place,
    Quote,
    Span,
)


def _sample() -> Document:
    text = 'Ana Lima met Bo Chen in Lisbon on Monday. "We agree," she said.'
    doc = Document(id="d1", text=text, meta=Meta(published="2024-01-08"))
    ana = Actor("a1", "Ana Lima", "person", "PRT", "GOV", mentions=[doc.span(0, 8), doc.span(53, 56)])
    bo = Actor("a2", "Bo Chen", "person", mentions=[doc.span(13, 20)])
    doc.actors = [ana, bo]
    doc.places = [Place("p1", "Lisbon", "PRT", 38.72, -9.13, 2267057, [doc.span(24, 30)])]
    doc.quotes = [Quote("q1", "We agree", 43, 51, "direct", "a1", doc.span(53, 56), doc.span(57, 61), 0.9)]
    doc.events = [
        Event(
            "e1", "CONSULT", trigger=doc.span(9, 12), evidence=doc.span(0, 41), actor=["a1", "a2"],
            date="2024-01-08", location="p1", confidence=0.8,
        )
    ]  # fmt: skip
    doc.dates = [DateExpr("Monday", 34, 40, "2024-01-08", "day")]
    return doc


def test_round_trip_is_exact():
    doc = _sample()
    d = doc.to_dict()
    assert Document.from_dict(json.loads(json.dumps(d))).to_dict() == d
    assert d["schema"] == SCHEMA
    assert_valid(d)


def test_sha256_is_of_the_text():
    import hashlib

    doc = _sample()
    assert doc.meta.sha256 == hashlib.sha256(doc.text.encode()).hexdigest()


def test_wrong_schema_is_refused():
    d = _sample().to_dict()
    d["schema"] = "eventcoder.document/0"
    with pytest.raises(ValueError, match="unsupported schema"):
        Document.from_dict(d)


def test_schema_rejects_a_bad_event_type():
    d = _sample().to_dict()
    d["events"][0]["type"] = "MEET"
    with pytest.raises(AssertionError):
        assert_valid(d)


def test_mention_index_prefers_the_tightest_overlap():
    idx = MentionIndex([(Span(0, 20, "x" * 20), "a1"), (Span(5, 9, "abcd"), "a2")])
    assert idx.owner(5, 9) == "a2"
    assert idx.owner(12, 18) == "a1"
    assert idx.owner(30, 40) is None


def test_package_schema_copy_matches_docs():
    a = (ROOT / "docs" / "schema" / SCHEMA_FILE).read_text()
    b = (ROOT / "src" / "eventcoder" / "data" / "schema" / SCHEMA_FILE).read_text()
    assert json.loads(a) == json.loads(b)


def test_version_1_documents_are_read_and_upgraded():
    d = _sample().to_dict()
    d["schema"] = "eventcoder.document/1"
    for e in d["events"]:
        del e["quad_class"], e["intensity"]
    up = Document.from_dict(d).to_dict()
    assert up["schema"] == SCHEMA
    assert up["events"][0]["quad_class"] is None and up["events"][0]["intensity"] is None
    assert_valid(up)


def test_schema_bounds_quad_class_and_intensity():
    d = _sample().to_dict()
    d["events"][0]["quad_class"] = 5
    with pytest.raises(AssertionError):
        assert_valid(d)
    d["events"][0]["quad_class"] = 1
    d["events"][0]["intensity"] = 2.5
    assert_valid(d)
