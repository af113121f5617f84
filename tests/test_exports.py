"""Exports (parquet, csv, jsonl, PLOVER, CAMEO/GDELT, GeoJSON) and the read-only commands events and query."""

from __future__ import annotations

import copy
import csv
import io
import json

import duckdb
import pytest
from click.testing import CliRunner

from eventcoder.cli import main
from eventcoder.document import Actor, Document, Event, Meta, Place
from eventcoder.incidents import update_incidents
from eventcoder.io.exports import CAMEO_COLUMNS, cameo_rows, plover_record
from eventcoder.store import Store
from eventcoder.store.filters import EventQuery

TEXT = (
    "TEHRAN, June 21 (MNA) - Iran's foreign minister met the Iraqi ambassador in Tehran on Wednesday. "
    "Police detained two protesters in Baghdad."
)


def make_doc(doc_id: str = "d1", source: str = "Mehr", published: str = "2023-06-21") -> Document:
    d = Document(id=doc_id, text=TEXT, meta=Meta(published=published, source=source, title="Talks",
                                                  url=f"https://example.org/{doc_id}", license="CC BY 4.0"))  # fmt: skip
    d.meta.sha256 = doc_id
    iran = Actor("a1", "Hossein Amir-Abdollahian", "person", "IRN", "GOV", "foreign minister", "Q5906153",
                 [d.span(31, 47)])  # fmt: skip
    iraq = Actor("a2", "Iraqi ambassador", "person", "IRQ", "GOV", mentions=[d.span(56, 72)])
    police = Actor("a3", "Police", "organization", None, "COP", mentions=[d.span(97, 103)])
    protesters = Actor("a4", "protesters", "group", "IRQ", "CVL", mentions=[d.span(117, 127)])
    d.actors = [iran, iraq, police, protesters]
    d.places = [Place("p1", "Tehran", "IRN", 35.69, 51.42, 112931, [d.span(76, 82)]),
                Place("p2", "Baghdad", "IRQ", 33.34, 44.4, 98182, [d.span(131, 138)])]  # fmt: skip
    d.events = [
        Event("e1", "CONSULT", trigger=d.span(48, 51), evidence=d.span(24, 96), actor=["a1"], recipient=["a2"],
              date="2023-06-21", location="p1", context=["diplomatic"], cameo="042", quad_class=1, intensity=4.0,
              mode="visit", confidence=0.9),
        Event("e2", "COERCE", trigger=d.span(104, 112), evidence=d.span(97, 139), actor=["a3"],
              recipient=["a4"], date="2023-06", location="p2", mode="arrest"),  # no cameo/quad: from the table
        Event("e3", "ASSAULT", trigger=d.span(104, 112), evidence=d.span(97, 139), actor=["a3"], negated=True),
    ]  # fmt: skip
    return d


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "x.duckdb"
    with Store(path) as s:
        s.write([make_doc("d1"), make_doc("d2", source="IRNA", published="2023-06-22")], version="9.9")
        update_incidents(s)
    return path


def cli(*args):
    return CliRunner().invoke(main, [str(a) for a in args], prog_name="eventcoder")


def test_plover_record_follows_the_manuals_data_fields():
    doc = make_doc()
    rec = plover_record(doc, doc.events[0])
    assert rec["id"] == "d1-e1" and rec["date"] == "2023-06-21" and "enddate" not in rec
    assert rec["event"] == ["CONSULT"] and rec["mode"] == ["visit"] and rec["context"] == ["diplomatic"]
    assert rec["actor"] == [{"code": "IRN", "sector": "GOV", "entity_text": "foreign minister",
                             "identifier_id": "Q5906153", "identifier_text": "Hossein Amir-Abdollahian",
                             "office": "foreign minister", "entity_type": "person"}]  # fmt: skip
    assert rec["recipient"][0]["code"] == "IRQ" and rec["recipient"][0]["entity_text"] == "Iraqi ambassador"
    assert rec["event_text"] == [doc.events[0].evidence.text]
    assert (rec["quad_code"], rec["event_scale"], rec["cameo"]) == (1, 4.0, "042")
    assert rec["event_loc"] == {"extracted_place": "Tehran", "resolved_place": "Tehran", "geonameid": 112931,
                                "lat": 35.69, "lon": 51.42, "country_code": "IRN"}  # fmt: skip
    assert rec["cite_info"]["publication"] == "Mehr" and rec["cite_info"]["codebook"] == "PLOVER 2.0"
    assert rec["text_info"] == {"start": 24, "end": 96}
    month = plover_record(doc, doc.events[1])
    assert (month["date"], month["enddate"]) == ("2023-06-01", "2023-06-30")  # a month is a range
    # no cameo, quad class or intensity stored (a contract /1 document): the PLOVER table's
    assert (month["quad_code"], month["event_scale"], month["cameo"]) == (4, -7, "170")


def test_cameo_rows_are_dyads_with_actor_codes():
    doc = make_doc()
    (row,) = cameo_rows(doc, doc.events[0])
    r = dict(zip(CAMEO_COLUMNS, row, strict=True))
    assert (r["SQLDATE"], r["Actor1Code"], r["Actor2Code"], r["EventCode"], r["EventBaseCode"]) == (
        "20230621", "IRNGOV", "IRQGOV", "042", "042",
    )  # fmt: skip
    assert (r["EventRootCode"], r["QuadClass"], r["GoldsteinScale"], r["ActionGeo_Type"]) == ("04", 1, 4.0, 4)
    assert (r["ActionGeo_FullName"], r["ActionGeo_FeatureID"], r["SOURCEURL"]) == (
        "Tehran", 112931, "https://example.org/d1",
    )  # fmt: skip
    two = copy.deepcopy(doc)
    two.events[0].recipient = ["a2", "a4"]
    assert [x[6] for x in cameo_rows(two, two.events[0])] == ["IRQGOV", "IRQCVL"]
    assert [x[0] for x in cameo_rows(two, two.events[0])] == ["d1:e1:1", "d1:e1:2"]


def _dyad(row):
    r = dict(zip(CAMEO_COLUMNS, row, strict=True))
    return r["Actor1Name"], r["Actor2Name"]


def test_cameo_reciprocal_events_pair_their_actors():
    # PLOVER: "A met B" lists both as actors, no recipient; one dyad A -> B, not A -> '' and B -> ''
    doc = make_doc()
    met = copy.deepcopy(doc)
    met.events[0].actor, met.events[0].recipient = ["a1", "a2"], []
    rows = cameo_rows(met, met.events[0])
    assert [_dyad(r) for r in rows] == [("Hossein Amir-Abdollahian", "Iraqi ambassador")]
    assert rows[0][0] == "d1:e1"
    r = dict(zip(CAMEO_COLUMNS, rows[0], strict=True))
    assert (r["Actor1Code"], r["Actor2Code"]) == ("IRNGOV", "IRQGOV")
    # three parties: each pair once, in PLOVER's order
    met.events[0].actor = ["a1", "a2", "a4"]
    assert [_dyad(r) for r in cameo_rows(met, met.events[0])] == [
        ("Hossein Amir-Abdollahian", "Iraqi ambassador"),
        ("Hossein Amir-Abdollahian", "protesters"),
        ("Iraqi ambassador", "protesters"),
    ]
    # co-actors of a one-sided event stay two sources with no target
    hit = copy.deepcopy(doc)
    hit.events[2].actor = ["a3", "a4"]
    assert [_dyad(r) for r in cameo_rows(hit, hit.events[2])] == [("Police", ""), ("protesters", "")]


def test_cameo_counts_at_least_the_report_itself_as_a_source():
    doc = make_doc(source=None)
    doc.meta.url = None
    r = dict(zip(CAMEO_COLUMNS, cameo_rows(doc, doc.events[0])[0], strict=True))
    assert (r["NumSources"], r["NumArticles"], r["NumMentions"]) == (1, 1, 1)
    # an incident of reports whose outlet is unknown counts no outlets: still at least one source
    from eventcoder.io.exports import _Ctx

    inc = {"incident_id": "i1", "n_documents": 2, "n_sources": 0, "n_events": 2}
    r = dict(zip(CAMEO_COLUMNS, cameo_rows(doc, doc.events[0], _Ctx(None, None, inc))[0], strict=True))
    assert (r["NumSources"], r["NumArticles"]) == (1, 2)


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_table_exports_hold_every_table(db, tmp_path, fmt):
    out = tmp_path / "out"
    result = cli("export", "--db", db, "--format", fmt, "--out", out)
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{t}.{fmt}" for t in
                           ("documents", "events", "actors", "mentions", "quotes", "places", "dates", "incidents",
                            "incident_events", "runs"))  # fmt: skip
    con = duckdb.connect()
    reader = {"parquet": "read_parquet", "csv": "read_csv_auto", "jsonl": "read_json_auto"}[fmt]
    n = con.execute(f"SELECT count(*) FROM {reader}(?)", [str(out / f"events.{fmt}")]).fetchall()[0][0]
    assert n == 6
    if fmt == "jsonl":
        docs = [json.loads(x) for x in (out / "documents.jsonl").read_text("utf-8").splitlines()]
        assert [d["id"] for d in docs] == ["d1", "d2"] and docs[0]["schema"] == "eventcoder.document/2"
        assert Document.from_dict(docs[0]).to_dict() == make_doc("d1").to_dict()


def test_event_exports_from_the_command_line(db, tmp_path):
    out = tmp_path / "e.plover.jsonl"
    assert cli("export", "--db", db, "--format", "plover", "--out", out).exit_code == 0
    recs = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    assert [r["id"] for r in recs] == ["d1-e1", "d1-e2", "d2-e1", "d2-e2"]  # the negated event left out
    # the incident links the two outlets' reports of one meeting
    assert recs[0]["link"] == recs[2]["link"] and recs[0]["link"] != recs[1]["link"]
    every = cli("export", "--db", db, "--format", "plover", "--out", "-", "--all-events").stdout
    assert len(every.splitlines()) == 6
    tsv = cli("export", "--db", db, "--format", "cameo", "--out", "-", "--type", "CONSULT").stdout
    rows = list(csv.DictReader(io.StringIO(tsv), delimiter="\t"))
    assert [r["GLOBALEVENTID"] for r in rows] == ["d1:e1", "d2:e1"]
    assert rows[0]["NumArticles"] == "2" and rows[0]["NumSources"] == "2"
    geo = tmp_path / "e.geojson"
    assert cli("export", "--db", db, "--format", "geojson", "--out", geo, "--country", "IRQ").exit_code == 0
    fc = json.loads(geo.read_text("utf-8"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 4
    f = fc["features"][1]
    assert f["geometry"] == {"type": "Point", "coordinates": [44.4, 33.34]}
    assert f["properties"]["type"] == "COERCE" and f["properties"]["recipient_codes"] == ["IRQCVL"]


def test_export_refusals(db, tmp_path):
    r = cli("export", "--db", db, "--format", "csv", "--out", "-")
    assert r.exit_code == 2 and "give a directory as --out" in r.stderr
    r = cli("export", "--db", db, "--format", "csv", "--out", tmp_path / "o", "--type", "CONSULT")
    assert r.exit_code == 2 and "event filters apply to the event formats" in r.stderr
    r = cli("export", "--db", db, "--format", "parquet", "--out", tmp_path / "o", "--table", "nope")
    assert r.exit_code == 2 and "no table nope" in r.stderr
    r = cli("export", "--db", tmp_path / "missing.duckdb", "--format", "plover", "--out", "-")
    assert r.exit_code == 2 and "no such store" in r.stderr
    r = cli("export", "--db", db, "--format", "plover", "--out", "-", "--since", "June")
    assert r.exit_code == 2 and "is not a date" in r.stderr


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        (EventQuery(actor="abdollahian"), {("d1", "e1"), ("d2", "e1")}),  # any part of the name, any case
        (EventQuery(actor="IRNGOV"), {("d1", "e1"), ("d2", "e1")}),  # country + sector code
        (EventQuery(recipient="irq"), {("d1", "e1"), ("d2", "e1"), ("d1", "e2"), ("d2", "e2")}),
        (EventQuery(actor="Q5906153", recipient="ambassador"), {("d1", "e1"), ("d2", "e1")}),
        (EventQuery(type=("coerce", "ASSAULT")), {("d1", "e2"), ("d2", "e2"), ("d1", "e3"), ("d2", "e3")}),
        (EventQuery(country="IRN"), {("d1", "e1"), ("d2", "e1")}),
        (EventQuery(since="2023-06-22"), {("d1", "e2"), ("d2", "e2"), ("d2", "e3")}),  # e3: published
        (EventQuery(until="2023-06-21", type=("ASSAULT",)), {("d1", "e3")}),
        (EventQuery(since="2023-07"), set()),
        (EventQuery(source="IRNA", type=("CONSULT",)), {("d2", "e1")}),
    ],
)
def test_event_filters(db, query, expected):
    where, params = query.where()
    with Store(db, read_only=True) as s:
        _, rows = s.query(f"SELECT e.doc_id, e.event_id FROM events e JOIN documents d ON d.id = e.doc_id WHERE {where}",
                          params)  # fmt: skip
    assert set(rows) == expected


def test_events_command(db):
    r = cli("events", "--db", db, "--actor", "Iran", "--type", "CONSULT")
    assert r.exit_code == 0, r.stderr
    lines = r.stdout.splitlines()
    assert (
        lines[0].startswith("2023-06-21 CONSULT/visit")
        and "Hossein Amir-Abdollahian -> Iraqi ambassador @ Tehran" in lines[0]
    )
    assert "(d1:e1)" in lines[0] or "(d2:e1)" in lines[0]
    assert r.stderr.strip() == "(2 events)"
    rows = [
        json.loads(x)
        for x in cli("events", "--db", db, "--format", "jsonl", "--limit", "0").stdout.splitlines()
    ]
    assert len(rows) == 6 and {"doc_id", "event_id", "type", "evidence_text", "published", "source"} <= set(
        rows[0]
    )
    negated = [x for x in cli("events", "--db", db, "--doc", "d1").stdout.splitlines() if "ASSAULT" in x]
    assert negated and "[negated]" in negated[0]


def test_events_command_refuses_what_the_api_refuses(db):
    # an unknown PLOVER type or an impossible date is a typo, not an empty answer
    for args, words in (
        (("--type", "FOO"), "unknown PLOVER event type 'FOO'"),
        (("--type", "consult,dance"), "unknown PLOVER event type 'DANCE'"),
        (("--since", "2024-03-40"), "--since '2024-03-40' is not a date"),
        (("--until", "2023-02-29"), "--until '2023-02-29' is not a date"),
    ):
        r = cli("events", "--db", db, *args)
        assert r.exit_code == 2, (args, r.stdout)
        assert r.stderr.count("\n") == 1 and r.stderr.startswith("eventcoder: error: ") and words in r.stderr
    assert cli("events", "--db", db, "--type", "consult").exit_code == 0  # any case


def test_events_by_incident_before_any_grouping(tmp_path):
    path = tmp_path / "fresh.duckdb"
    with Store(path) as s:
        s.write([make_doc("d1")])  # no grouping yet: no incident tables
    r = cli("events", "--db", path, "--incident", "inc-1")
    assert r.exit_code == 0 and r.stderr.strip() == "(0 events)"
    r = cli("export", "--db", path, "--format", "cameo", "--out", "-", "--incident", "inc-1")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == ["\t".join(CAMEO_COLUMNS)]


def test_extract_out_creates_its_directories_like_export_out(tmp_path, pipeline):
    report = tmp_path / "report.txt"
    report.write_text("Police arrested three protesters in Lima on Monday.", "utf-8")
    out = tmp_path / "a" / "b" / "c.json"
    r = cli("extract", report, "--published", "2024-05-06", "--out", out)
    assert r.exit_code == 0, r.stderr
    assert json.loads(out.read_text("utf-8"))["id"] == "report"
    # a parent that is a file: one line saying so, exit 2
    blocked = tmp_path / "report.txt" / "c.json"
    r = cli("extract", report, "--out", blocked)
    assert r.exit_code == 2 and r.stderr.startswith(f"eventcoder: error: {blocked}: cannot write")
    assert r.stderr.count("\n") == 1


def test_query_command_is_read_only(db):
    r = cli("query", "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type", "--db", db)
    assert r.exit_code == 0
    assert r.stdout.splitlines() == ["type     n", "-------  -", "ASSAULT  2", "COERCE   2", "CONSULT  2"]
    csv_out = cli(
        "query", "SELECT id, published FROM documents ORDER BY id", "--db", db, "--format", "csv"
    ).stdout
    assert csv_out.splitlines() == ["id,published", "d1,2023-06-21", "d2,2023-06-22"]
    bad = cli("query", "DELETE FROM events", "--db", db)
    assert bad.exit_code == 2 and "read-only" in bad.stderr
    with Store(db, read_only=True) as s:
        assert s.count("events") == 6
    err = cli("query", "SELECT nope FROM events", "--db", db)
    assert err.exit_code == 2 and len(err.stderr.splitlines()) == 1


def test_incidents_command(db):
    r = cli("incidents", "--db", db)
    assert r.exit_code == 0, r.stderr
    assert "CONSULT: Hossein Amir-Abdollahian -> Iraqi ambassador @ Tehran" in r.stdout
    assert "2 documents, 2 sources (IRNA, Mehr)" in r.stdout
    inc = r.stdout.split()[0]
    one = cli("incidents", "--db", db, "--id", inc)
    assert one.stdout.count("  - 2023-06-2") == 2 and "«Iran's foreign minister met" in one.stdout
    assert cli("incidents", "--db", db, "--id", "nope").exit_code == 2
    rebuilt = cli("incidents", "--db", db, "--rebuild")
    assert rebuilt.exit_code == 0 and "regrouped 4 events" in rebuilt.stderr
    assert cli("incidents", "--db", db).stdout == r.stdout
