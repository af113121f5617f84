"""The DuckDB store: exact read-back, one row set per document, transactions, refusals."""

from __future__ import annotations

import copy

import duckdb
import pytest

from eventcoder.document import Actor, DateExpr, Document, Event, Meta, Place, Quote, Span
from eventcoder.store import Store, StoreError
from eventcoder.store.checks import problems
from eventcoder.store.duckdb_store import STORE_VERSION, TABLES


def make_doc(doc_id: str = "d1", text: str | None = None) -> Document:
    text = text or 'Ana Lima met Bo Chen in Lisbon on Monday. "We agree," she said.'
    doc = Document(
        id=doc_id, text=text, meta=Meta(published="2024-01-08", source="Example News", title="Talks")
    )
    ana = Actor("a1", "Ana Lima", "person", "PRT", "GOV", mentions=[doc.span(0, 8), doc.span(54, 57)])
    bo = Actor("a2", "Bo Chen", "person", mentions=[doc.span(13, 20)])
    doc.actors = [ana, bo]
    doc.places = [Place("p1", "Lisbon", "PRT", 38.72, -9.13, 2267057, [doc.span(24, 30)])]
    doc.quotes = [Quote("q1", "We agree", 43, 51, "direct", "a1", doc.span(54, 57), doc.span(58, 62), 0.9)]
    doc.events = [
        Event(
            "e1", "CONSULT", trigger=doc.span(9, 12), evidence=doc.span(0, 41), actor=["a1"], recipient=["a2"],
            date="2024-01-08", location="p1", context=["diplomatic"], confidence=0.8,
        )
    ]  # fmt: skip
    doc.dates = [DateExpr("Monday", 34, 40, "2024-01-08", "day")]
    return doc


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "t.duckdb")


def test_round_trip_is_exact(db):
    doc = make_doc()
    with Store(db) as s:
        assert s.write([doc], version="9.9") == 1
    with Store(db, read_only=True) as s:
        back = s.document("d1")
        assert back is not None and back.to_dict() == doc.to_dict()
        assert [d.id for d in s.documents()] == ["d1"]
        assert s.document("nope") is None


def test_every_table_gets_its_rows(db):
    with Store(db) as s:
        s.write([make_doc()], version="9.9")
        assert s.counts() == {
            "documents": 1, "actors": 2, "mentions": 4, "quotes": 1, "events": 1, "places": 1, "dates": 1,
        }  # fmt: skip
        _, rows = s.query(
            "SELECT actor_names, recipient_names, actor_countries, location_name, lat, trigger_text, context "
            "FROM events"
        )
        assert rows == [(["Ana Lima"], ["Bo Chen"], ["PRT"], "Lisbon", 38.72, "met", ["diplomatic"])]
        _, rows = s.query("SELECT speaker, speaker_name, speaker_text, cue FROM quotes")
        assert rows == [("a1", "Ana Lima", "she", "said")]
        _, rows = s.query(
            "SELECT published, typeof(published), source, n_events, eventcoder_version FROM documents"
        )
        assert str(rows[0][0]) == "2024-01-08" and rows[0][1:] == ("DATE", "Example News", 1, "9.9")
        _, rows = s.query("SELECT owner, owner_id, text FROM mentions ORDER BY start_char")
        assert rows == [
            ("actor", "a1", "Ana Lima"),
            ("actor", "a2", "Bo Chen"),
            ("place", "p1", "Lisbon"),
            ("actor", "a1", "she"),
        ]


def test_writing_again_replaces_never_duplicates(db):
    with Store(db) as s:
        s.write([make_doc("d1"), make_doc("d2")])
        changed = make_doc("d1")
        changed.actors[1].name = "Bo Chen Jr"
        changed.events = []
        s.write([changed])
        counts = s.counts()
        assert counts["documents"] == 2 and counts["actors"] == 4 and counts["events"] == 1
        assert s.document("d1").actors[1].name == "Bo Chen Jr"
        assert s.document("d2").actors[1].name == "Bo Chen"


def test_known_gives_the_stored_hashes(db):
    doc = make_doc()
    with Store(db) as s:
        s.write([doc])
        assert s.known(["d1", "zz"]) == {"d1": doc.meta.sha256}
        assert s.known([]) == {}


def test_a_refused_batch_changes_nothing(db):
    with Store(db) as s:
        s.write([make_doc("old")])
        bad = make_doc("new")
        bad.actors.append(copy.deepcopy(bad.actors[0]))  # the same actor id twice breaks the key
        with pytest.raises(duckdb.ConstraintException):
            s.write([make_doc("fine"), bad])
        assert s.ids() == ["old"]
        assert s.counts()["actors"] == 2
        s.write([make_doc("fine")])  # the connection is usable after the rollback
        assert s.ids() == ["fine", "old"]


def test_later_duplicate_in_one_batch_wins(db):
    with Store(db) as s:
        a, b = make_doc("x"), make_doc("x")
        b.meta.title = "second"
        assert s.write([a, b]) == 1
        assert s.document("x").meta.title == "second"


def test_store_refusals(tmp_path):
    with pytest.raises(StoreError, match="no such store; create it with 'eventcoder run"):
        Store(tmp_path / "missing.duckdb", read_only=True)
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open the store"):
        Store(junk)
    other = tmp_path / "other.duckdb"
    duckdb.connect(str(other)).execute("CREATE TABLE t (x INT)").close()
    with pytest.raises(StoreError, match="not an eventcoder store"):
        Store(other, read_only=True)
    newer = tmp_path / "newer.duckdb"
    Store(newer).close()
    con = duckdb.connect(str(newer))
    con.execute("UPDATE store_info SET value = ? WHERE key = 'store_version'", [str(STORE_VERSION + 1)])
    con.close()
    with pytest.raises(StoreError, match="made by a newer eventcoder"):
        Store(newer)


def test_store_error_messages_are_one_line(tmp_path):
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "no" / "such" / "dir" / "x.duckdb")
    assert "\n" not in str(info.value) and str(info.value).startswith(str(tmp_path / "no"))


def test_tables_are_declared_once():
    # The store's columns are the source of the DDL and of the Arrow schema alike.
    assert set(TABLES) == {"documents", "actors", "mentions", "quotes", "events", "places", "dates"}


def test_checks_accept_a_good_document():
    assert problems(make_doc()) == []


@pytest.mark.parametrize(
    ("break_it", "message"),
    [
        (lambda d: d.actors.append(copy.deepcopy(d.actors[0])), "actor id(s) a1 used twice"),
        (
            lambda d: setattr(d.actors[0], "mentions", [Span(0, 8, "Ana Limo")]),
            "actor a1 span 0-8 does not match",
        ),
        (lambda d: setattr(d.events[0], "evidence", Span(0, 999, "x")), "event e1 evidence span"),
        (lambda d: setattr(d.events[0], "recipient", ["a9"]), "event e1 names unknown actor(s) a9"),
        (lambda d: setattr(d.events[0], "location", "p7"), "unknown place 'p7'"),
        (lambda d: setattr(d.events[0], "quote", "q3"), "unknown quote 'q3'"),
        (lambda d: setattr(d.quotes[0], "speaker", "a5"), "unknown speaker 'a5'"),
        (lambda d: setattr(d.dates[0], "end", 41), "date 0 span"),
        (lambda d: setattr(d, "id", ""), "empty document id"),
    ],
)
def test_checks_find_what_would_mislead(break_it, message):
    doc = make_doc()
    break_it(doc)
    found = problems(doc)
    assert any(message in p for p in found), found
