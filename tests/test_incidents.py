"""Incidents: events of different reports grouped into one record per real-world event."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.document import Actor, Document, Event, Meta, Place
from eventcoder.incidents import (
    MAYBE,
    NO,
    STRONG,
    WEAK,
    Member,
    Party,
    Where,
    group,
    outlet_of,
    party_match,
    place_match,
    same_person,
    update_incidents,
)
from eventcoder.records import Record
from eventcoder.runner import run_corpus
from eventcoder.store import Store

TEHRAN = Where("Tehran", "IRN", 35.69, 51.42, 112931)
ISFAHAN = Where("Isfahan", "IRN", 32.65, 51.67, 418863)  # 340 km from Tehran
KARAJ = Where("Karaj", "IRN", 35.84, 50.94, 128747)  # 45 km from Tehran
IRAN = Where("Iran", "IRN", 35.69, 51.42, 130758)  # the country
RAISI = Party("Ebrahim Raisi", "person", "IRN", "GOV")
PUTIN = Party("Vladimir Putin", "person", "RUS", "GOV")


def day_of(s: str) -> date:
    return date.fromisoformat(s)


def member(doc: str, day: str | None, actors=(), recipients=(), place=None, type_="CONSULT", **kw) -> Member:
    lo = hi = day_of(day) if day and len(day) == 10 else None
    if day and len(day) == 7:
        lo, hi = day_of(day + "-01"), day_of(day + "-28")
    return Member(doc, "e1", type_, lo, hi, tuple(actors), tuple(recipients), place, **kw)


def groups(members: list[Member]) -> list[list[str]]:
    return sorted(sorted(m.doc_id for m in inc.members) for inc in group(members))


# -- compatibility ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (RAISI, Party("Raisi", "person", "IRN", "GOV"), STRONG),  # surname, same country
        (RAISI, Party("Ebrahim Raisi", "person"), STRONG),  # same name, country unknown on one side
        (Party("X", "person", wikidata="Q1"), Party("Y", "person", wikidata="Q1"), STRONG),
        (Party("A B", "person", wikidata="Q1"), Party("A B", "person", wikidata="Q2"), NO),
        (RAISI, Party("Iran", "country", "IRN"), WEAK),  # a country acting as itself
        (RAISI, Party("Iranian foreign ministry", "organization", "IRN", "GOV"), WEAK),  # country + sector
        (RAISI, Party("Iranian army", "organization", "IRN", "MIL"), NO),  # another sector
        (RAISI, PUTIN, NO),  # another country
        (Party("protesters", "group"), Party("demonstrators", "group"), MAYBE),
        (Party("Ana Lima", "person"), Party("Bo Chen", "person"), NO),  # two names, nothing in common
        (Party("Iranian officials", "group", "IRN"), Party("Tehran residents", "group", "IRN"), MAYBE),
    ],
)
def test_party_match(a, b, expected):
    assert party_match(a, b) == expected
    assert party_match(b, a) == expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Warren Jeffs", "Jeffs", True),
        ("Warren Jeffs", "Warren Steed Jeffs", True),
        ("Alexandros Petrou", "Alexis Petrou", True),
        ("J. Smith", "John Smith", True),
        ("Mary Smith", "John Smith", False),
        ("Ana Lima", "Ana Costa", False),
    ],
)
def test_same_person(a, b, same):
    assert same_person(a, b) is same


def test_place_match():
    assert place_match(TEHRAN, Where("Tehran", "IRN")) >= WEAK  # the same name
    assert place_match(TEHRAN, KARAJ) == MAYBE  # near, same country
    assert place_match(TEHRAN, ISFAHAN) == NO  # far apart
    assert place_match(TEHRAN, IRAN) == MAYBE  # inside the country
    assert place_match(TEHRAN, Where("Baghdad", "IRQ", 33.3, 44.4)) == NO
    filed_in = Where("Tokyo", "JPN", 35.69, 139.69, 1850147, soft=True)  # only the dateline
    assert place_match(filed_in, Where("Manila", "PHL", 14.6, 120.98)) == MAYBE


def test_outlets():
    assert outlet_of("Example News", "https://www.example.org/a") == "Example News"
    assert outlet_of(None, "https://www.example.org/a") == "example.org"
    assert outlet_of(" ", None) is None


# -- grouping ------------------------------------------------------------------------------------


def test_reports_of_one_meeting_group_and_others_do_not():
    ms = [
        member("a", "2024-05-06", [RAISI], [PUTIN], TEHRAN),
        member(
            "b", "2024-05-07", [Party("Raisi", "person", "IRN", "GOV")], [Party("Russia", "country", "RUS")]
        ),
        member("c", "2024-05-06", [RAISI], [], KARAJ),  # a day off, a near place, no recipient: still it
        member("d", "2024-05-20", [RAISI], [PUTIN], TEHRAN),  # two weeks later: another meeting
        member("e", "2024-05-06", [RAISI], [PUTIN], ISFAHAN),  # another city
        member("f", "2024-05-06", [RAISI], [PUTIN], TEHRAN, type_="ACCUSE"),  # another type
        member("g", "2024-05-06", [Party("officials", "group")], [], None),  # no anchor at all
    ]
    assert groups(ms) == [["a", "b", "c"], ["d"], ["e"], ["f"], ["g"]]


def test_the_core_date_does_not_drift():
    # Reports a day apart each: the first two group, the third is two days from the core.
    ms = [
        member(x, d, [RAISI], [PUTIN])
        for x, d in (("a", "2024-05-06"), ("b", "2024-05-07"), ("c", "2024-05-08"))
    ]
    assert groups(ms) == [["a", "b"], ["c"]]


def test_a_coarse_date_goes_with_a_precise_one_inside_it():
    ms = [member("a", "2024-05", [RAISI], [PUTIN]), member("b", "2024-05-16", [RAISI], [PUTIN])]
    assert groups(ms) == [["a", "b"]]
    assert groups(
        [member("a", "2024-04", [RAISI], [PUTIN]), member("b", "2024-05-16", [RAISI], [PUTIN])]
    ) == [
        ["a"],
        ["b"],
    ]


def test_undated_events_group_only_with_each_other_and_need_more_evidence():
    jeffs = Party("Warren Jeffs", "person")
    ms = [
        member("a", None, [], [jeffs], type_="COERCE"),
        member("b", None, [Party("police", "group")], [Party("Jeffs", "person")], type_="COERCE"),
        member("c", "2024-01-03", [], [jeffs], type_="COERCE"),
        member("d", None, [Party("Utah", "country", "USA")], [], type_="COERCE"),  # one weak point only
        member("e", None, [Party("US police", "group", "USA", "COP")], [], type_="COERCE"),
    ]
    assert groups(ms) == [["a", "b"], ["c"], ["d"], ["e"]]


def test_grouping_is_deterministic_whatever_the_input_order():
    ms = [
        member("a", "2024-05-06", [RAISI], [PUTIN], TEHRAN),
        member("b", "2024-05-06", [RAISI], [], None),
        member("c", "2024-05-07", [], [PUTIN], TEHRAN),
        member("d", "2024-05-06", [PUTIN], [RAISI], None),
    ]
    first = [(i.id, sorted(m.doc_id for m in i.members)) for i in group(ms)]
    again = [(i.id, sorted(m.doc_id for m in i.members)) for i in group(list(reversed(ms)))]
    assert sorted(first) == sorted(again)


# -- in the store ---------------------------------------------------------------------------------


def doc(doc_id: str, published: str, source: str, actor: Actor | None, place: Place | None, type_="CONSULT",
        date_: str | None = None, **event) -> Document:  # fmt: skip
    text = f"Report {doc_id}: something happened."
    d = Document(id=doc_id, text=text, meta=Meta(published=published, source=source))
    d.meta.sha256 = doc_id + published + type_
    span = d.span(0, 6)
    if actor is not None:
        actor.mentions = [span]
        d.actors = [actor]
    if place is not None:
        place.mentions = [span]
        d.places = [place]
    d.events = [
        Event("e1", type_, trigger=span, evidence=d.span(0, len(text)), actor=[actor.id] if actor else [],
              date=date_ or published, location=place.id if place else None, **event)
    ]  # fmt: skip
    return d


def lima() -> Place:
    return Place("p1", "Lima", "PER", -12.04, -77.03, 3936456)


def minister() -> Actor:
    return Actor("a1", "Peruvian foreign minister", "person", "PER", "GOV")


def incidents_of(store: Store) -> list[tuple[str, ...]]:
    _, rows = store.query(
        "SELECT list(doc_id ORDER BY doc_id) FROM incident_events GROUP BY incident_id ORDER BY 1"
    )
    return [tuple(r[0]) for r in rows]


def test_store_groups_counts_outlets_and_keeps_every_report(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.write([
            doc("a", "2024-05-06", "Andes Wire", minister(), lima()),
            doc("b", "2024-05-07", "Pacific Daily", minister(), None, date_="2024-05-06"),
            doc("c", "2024-05-06", "Andes Wire", None, lima()),
            doc("x", "2024-05-06", "Andes Wire", minister(), lima(), negated=True),  # did not happen
            doc("y", "2024-05-06", "Andes Wire", minister(), lima(), modality="future"),
        ])  # fmt: skip
        report = update_incidents(s)
        assert (report.total, report.multi) == (1, 1)
        assert incidents_of(s) == [("a", "b", "c")]
        _, rows = s.query(
            "SELECT type, date, n_documents, n_sources, n_events, sources, CAST(first_seen AS VARCHAR), "
            "CAST(last_seen AS VARCHAR), location_name, actor_names FROM incidents"
        )
        assert rows == [
            ("CONSULT", "2024-05-06", 3, 2, 3, ["Andes Wire", "Pacific Daily"], "2024-05-06", "2024-05-07",
             "Lima", ["Peruvian foreign minister"]),
        ]  # fmt: skip
        # every report's evidence stays reachable through the link table
        _, ev = s.query(
            "SELECT l.doc_id, e.evidence_text FROM incident_events l JOIN events e USING (doc_id, event_id) "
            "ORDER BY 1"
        )
        assert [d for d, _ in ev] == ["a", "b", "c"] and all(t.startswith("Report") for _, t in ev)


def test_incremental_updates_match_a_rebuild_and_replaced_documents_leave_nothing_stale(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.write(
            [doc("a", "2024-05-06", "W", minister(), lima()), doc("b", "2024-05-20", "W", minister(), lima())]
        )
        update_incidents(s)
        assert incidents_of(s) == [("a",), ("b",)]
        # a later run brings a second report of the first meeting: only its dates are regrouped
        s.write([doc("c", "2024-05-07", "D", minister(), lima(), date_="2024-05-06")])
        assert update_incidents(s).events == 2
        assert incidents_of(s) == [("a", "c"), ("b",)]
        assert update_incidents(s).events == 0  # nothing pending: nothing redone
        # "c" is corrected: it was about the later meeting; its old incident must lose it
        s.write([doc("c", "2024-05-21", "D", minister(), lima(), date_="2024-05-20")])
        update_incidents(s)
        incremental = incidents_of(s)
        assert incremental == [("a",), ("b", "c")]
        _, ids = s.query("SELECT incident_id FROM incidents ORDER BY 1")
        update_incidents(s, rebuild=True)
        assert incidents_of(s) == incremental
        assert s.query("SELECT incident_id FROM incidents ORDER BY 1")[1] == ids  # ids are stable
        _, dangling = s.query(
            "SELECT count(*) FROM incident_events l ANTI JOIN events e USING (doc_id, event_id)"
        )
        assert dangling == [(0,)]


def test_a_document_whose_event_changes_type_moves(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        s.write(
            [doc("a", "2024-05-06", "W", minister(), lima()), doc("b", "2024-05-06", "D", minister(), lima())]
        )
        update_incidents(s)
        s.write([doc("b", "2024-05-06", "D", minister(), lima(), type_="ACCUSE")])
        update_incidents(s)
        _, rows = s.query("SELECT type, doc_ids FROM incidents ORDER BY type")
        assert rows == [("ACCUSE", ["b"]), ("CONSULT", ["a"])]


# -- end to end, through the extractor ------------------------------------------------------------

REPORTS = [
    ("wire", "Andes Wire", "2024-05-06",
     "LIMA, May 6 (Andes Wire) - Peru's foreign minister met his Chilean counterpart in Lima on Monday to "
     "discuss migration."),
    ("radio", "Radio Sur", "2024-05-06",
     "After a meeting with the Chilean foreign minister in Lima on Monday, Peru's foreign minister said both "
     "governments wanted an orderly border."),
    ("quito", "Andes Wire", "2024-05-06",
     "QUITO, May 6 (Andes Wire) - Ecuador's foreign minister met the Colombian ambassador in Quito on Monday."),
]  # fmt: skip


def test_a_corpus_run_groups_reports_of_one_event(pipeline, tmp_path):
    db = tmp_path / "c.duckdb"
    records = [Record(text=t, id=i, source=s, published=p, origin=i) for i, s, p, t in REPORTS]
    report = run_corpus(records, db=str(db), pipeline=pipeline)
    assert report.incidents is not None and report.incidents.multi >= 1
    with Store(db, read_only=True) as s:
        _, rows = s.query(
            "SELECT l.incident_id, list(DISTINCT l.doc_id ORDER BY l.doc_id) FROM incident_events l "
            "JOIN events e USING (doc_id, event_id) WHERE e.type = 'CONSULT' GROUP BY 1"
        )
        by_doc = {d: inc for inc, docs in rows for d in docs}
        assert by_doc["wire"] == by_doc["radio"] != by_doc["quito"]
    again = run_corpus(records, db=str(db), pipeline=pipeline)
    assert (again.stored, again.skipped, again.incidents.events) == (0, 3, 0)


def test_the_web_server_serves_the_incidents_as_stored(tmp_path):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from eventcoder.server import create_app
    from eventcoder.server.settings import ServerSettings

    path = tmp_path / "s.duckdb"
    with Store(path) as s:
        s.write(
            [
                doc("a", "2024-05-06", "Andes Wire", minister(), lima()),
                doc("b", "2024-05-07", "Radio", minister(), lima()),
            ]
        )
        update_incidents(s)
    client = TestClient(create_app(ServerSettings(db=str(path))), base_url="http://127.0.0.1")
    (row,) = client.get("/incidents").json()["items"]
    assert (row["type"], row["n_documents"], row["n_sources"], row["first_seen"], row["last_seen"]) == (
        "CONSULT", 2, 2, "2024-05-06", "2024-05-07",
    )  # fmt: skip
    events = client.get("/events", params={"incident": row["id"]}).json()
    assert {e["doc_id"] for e in events["items"]} == {"a", "b"}


def test_reading_in_small_slices_groups_the_same(tmp_path, monkeypatch):
    import eventcoder.incidents as incidents

    with Store(tmp_path / "s.duckdb") as s:
        s.write([
            doc("a", "2024-05-06", "W", minister(), lima()), doc("b", "2024-05-07", "D", minister(), lima()),
            doc("c", "2024-06-01", "W", minister(), lima(), date_="2024-05"),  # a month: groups with a and b
            doc("d", "2024-05-06", "W", minister(), lima(), type_="ACCUSE"), doc("e", "2024-07-02", "W", None, lima()),
        ])  # fmt: skip
        update_incidents(s)
        whole = incidents_of(s)
        monkeypatch.setattr(incidents, "SLICE_EVENTS", 1)
        monkeypatch.setattr(incidents, "INSERT_EVERY", 1)
        update_incidents(s, rebuild=True)
        assert incidents_of(s) == whole == [("a", "b", "c"), ("d",), ("e",)]
