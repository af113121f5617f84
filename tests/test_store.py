"""The DuckDB store: exact read-back, one row set per document, transactions, refusals."""

from __future__ import annotations

import copy

import duckdb
import pytest

from eventcoder.document import Actor, DateExpr, Document, Event, Meta, Place, Quote, Span
from eventcoder.store import Store, StoreError
from eventcoder.store.checks import problems
from eventcoder.store.duckdb_store import DOC_TABLES, STORE_VERSION, TABLES, RunProgress, date_range


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
            "incidents": 0, "incident_events": 0,
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
    assert set(TABLES) == {
        "documents", "actors", "mentions", "quotes", "events", "places", "dates", "runs", "incidents",
        "incident_events", "incident_pending",
    }  # fmt: skip
    assert set(DOC_TABLES) < set(TABLES)


@pytest.mark.parametrize(
    ("value", "lo", "hi"),
    [
        ("2024-02-10", "2024-02-10", "2024-02-10"),
        ("2024-02", "2024-02-01", "2024-02-29"),
        ("2023", "2023-01-01", "2023-12-31"),
    ],
)
def test_date_ranges(value, lo, hi):
    r = date_range(value)
    assert r is not None and (r[0].isoformat(), r[1].isoformat()) == (lo, hi)


@pytest.mark.parametrize("value", [None, "", "2024-13", "2024-02-30", "soon"])
def test_no_date_range(value):
    assert date_range(value) is None


def test_events_carry_contract_2_fields_and_date_ranges(db):
    doc = make_doc()
    doc.events[0].quad_class, doc.events[0].intensity = 1, 2.5
    doc.events.append(copy.deepcopy(doc.events[0]))
    doc.events[1].id, doc.events[1].date = "e2", "2024-01"
    doc.events.append(copy.deepcopy(doc.events[0]))
    doc.events[2].id, doc.events[2].date = "e3", None  # falls back on the publication date
    with Store(db) as s:
        s.write([doc])
        _, rows = s.query(
            "SELECT event_id, quad_class, intensity, CAST(date_lo AS VARCHAR), CAST(date_hi AS VARCHAR) "
            "FROM events ORDER BY event_id"
        )
        assert rows == [
            ("e1", 1, 2.5, "2024-01-08", "2024-01-08"),
            ("e2", 1, 2.5, "2024-01-01", "2024-01-31"),
            ("e3", 1, 2.5, "2024-01-08", "2024-01-08"),
        ]
        # every (type, date range) written is marked for the incidents, in the same transaction
        _, pending = s.query("SELECT DISTINCT type, CAST(date_lo AS VARCHAR), CAST(date_hi AS VARCHAR) "
                             "FROM incident_pending ORDER BY 2, 3")  # fmt: skip
        assert pending == [("CONSULT", "2024-01-01", "2024-01-31"), ("CONSULT", "2024-01-08", "2024-01-08")]


def test_replacing_a_document_marks_its_old_dates_too(db):
    with Store(db) as s:
        s.write([make_doc()])
        s.con.execute("DELETE FROM incident_pending")
        moved = make_doc()
        moved.events[0].date = "2024-03-01"
        s.write([moved])
        _, pending = s.query("SELECT CAST(date_lo AS VARCHAR) FROM incident_pending ORDER BY 1")
        assert [p for (p,) in pending] == ["2024-01-08", "2024-03-01"]


def test_runs_are_recorded_and_counted_with_each_batch(db):
    with Store(db) as s:
        s.start_run("r1", command="eventcoder run x", inputs=["x"], settings={"force": False}, workers=2)
        s.write(
            [make_doc("a"), make_doc("b")],
            run=RunProgress("r1", skipped=3, failed=1, failures={"empty text": 1}),
        )
        _, rows = s.query(
            "SELECT status, n_stored, n_skipped, n_failed, failures, settings, inputs FROM runs"
        )
        assert rows == [("running", 2, 3, 1, '{"empty text": 1}', '{"force": false}', ["x"])]
        s.finish_run("r1", status="finished", seconds=1.5)
        s.start_run("r2")
        s.start_run("r3")  # r2 never finished: its process died (one writer at a time)
        _, rows = s.query("SELECT run_id, status FROM runs ORDER BY run_id")
        assert rows == [("r1", "finished"), ("r2", "interrupted"), ("r3", "running")]


def test_a_version_1_store_is_upgraded_in_place(tmp_path):
    import json

    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE store_info (key VARCHAR PRIMARY KEY, value VARCHAR)")
    con.execute("INSERT INTO store_info VALUES ('store_version', '1')")
    v1 = {t: [c for c in cols if t != "events" or c[0] not in ("quad_class", "intensity", "date_lo", "date_hi")]
          for t, cols in TABLES.items() if t in DOC_TABLES}  # fmt: skip
    for t, cols in v1.items():
        con.execute(f"CREATE TABLE {t} ({', '.join(f'{n} {ty}' for n, ty in cols)})")
    doc = make_doc()
    con.execute(
        "INSERT INTO documents (id, sha256, text, doc_json, published) VALUES (?, ?, ?, ?, ?)",
        ["d1", doc.meta.sha256, doc.text, json.dumps(doc.to_dict()), "2024-01-08"],
    )
    con.execute("INSERT INTO events (doc_id, event_id, type, date) VALUES ('d1', 'e1', 'CONSULT', '2024-01')")
    con.execute("INSERT INTO events (doc_id, event_id, type, date) VALUES ('d1', 'e2', 'ASSAULT', NULL)")
    con.close()
    with Store(path, read_only=True) as s:  # read-only: read as it is, not upgraded
        assert s.count("incidents") == 0 and s.count() == 1
    with Store(path) as s:
        _, rows = s.query(
            "SELECT event_id, CAST(date_lo AS VARCHAR), CAST(date_hi AS VARCHAR) FROM events ORDER BY 1"
        )
        assert rows == [("e1", "2024-01-01", "2024-01-31"), ("e2", "2024-01-08", "2024-01-08")]
        assert s.count("incident_pending") == 2 and s.count("runs") == 0
        _, v = s.query("SELECT value FROM store_info")
        assert v == [(str(STORE_VERSION),)]


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
