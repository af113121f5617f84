"""The HTTP API on a real DuckDB file: endpoints, filters, extraction, limits and write protection."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from conftest import assert_valid
from eventcoder.document import Document
from eventcoder.server import ServerSettings, create_app
from eventcoder.server.settings import is_loopback
from eventcoder.store import Store
from test_server_corpus import corpus

LOCAL = "http://127.0.0.1:8000"  # a loopback server answers only to its own names
STATIC = Path(__file__).resolve().parents[1] / "src" / "eventcoder" / "server" / "static"
ENGLISH = (
    "Officials in the capital said on Monday that the two governments had agreed to hold new talks "
    "about the border, and that the ministers would meet again next month."
)


@pytest.fixture(scope="module")
def docs() -> list[Document]:
    return corpus()


@pytest.fixture(scope="module")
def db(tmp_path_factory, docs) -> str:
    path = str(tmp_path_factory.mktemp("api") / "api.duckdb")
    with Store(path) as store:
        store.write(docs)
    return path


@pytest.fixture(scope="module")
def client(db, pipeline):
    app = create_app(ServerSettings(db=db), pipeline=pipeline)
    with TestClient(app, base_url=LOCAL) as c:
        yield c
    app.state.eventcoder.close()


def make_client(tmp_path, pipeline=None, docs=None, **settings) -> TestClient:
    path = str(tmp_path / "x.duckdb")
    with Store(path) as store:
        store.write(docs or [])
    return TestClient(create_app(ServerSettings(db=path, **settings), pipeline=pipeline), base_url=LOCAL)


# -- documents ---------------------------------------------------------------------


def test_documents_list_and_pages(client, docs):
    r = client.get("/documents")
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == len(docs)
    assert {d["id"] for d in body["items"]} == {d.id for d in docs}
    row = next(d for d in body["items"] if d["id"] == "talks-2024-04-10")
    assert row["n_events"] == 3 and row["n_quotes"] == 1 and row["published"] == "2024-04-10"
    # newest first, and pages do not overlap
    dates = [d["published"] for d in body["items"]]
    assert dates == sorted(dates, reverse=True)
    p1 = client.get("/documents", params={"limit": 2}).json()["items"]
    p2 = client.get("/documents", params={"limit": 2, "offset": 2}).json()["items"]
    assert len(p1) == len(p2) == 2 and not {d["id"] for d in p1} & {d["id"] for d in p2}
    found = client.get("/documents", params={"q": "sanctions"}).json()
    assert [d["id"] for d in found["items"]] == ["drones-2024-05-20"]


def test_document_roundtrip_follows_the_schema(client, docs):
    for doc in docs:
        r = client.get(f"/documents/{doc.id}")
        assert r.status_code == 200
        assert r.json() == doc.to_dict()
        assert_valid(r.json())
    r = client.get("/documents/no-such-doc")
    assert r.status_code == 404 and "no-such-doc" in r.json()["detail"]


# -- events: every filter against the same filter computed on the documents ----------


def _expected(docs: list[Document], keep) -> set[tuple[str, str]]:
    out = set()
    for d in docs:
        for e in d.events:
            actors = [d.actor(a) for a in e.actor]
            recipients = [d.actor(a) for a in e.recipient]
            place = d.place(e.location)
            if keep(d, e, actors, recipients, place):
                out.add((d.id, e.id))
    return out


def _who(actors, value: str, country: str | None = None) -> bool:
    """The CLI's --actor: any part of the name in any case, a Wikidata id, a country, country+sector."""
    return any(
        value.casefold() in (x.name or "").casefold()
        or x.wikidata == value
        or (x.country is not None and x.country in (country, value.upper()))
        or (x.country or "") + (x.sector or "") == value.upper()
        for x in actors
    )


FILTERS = [
    ({"type": "REJECT"}, lambda d, e, a, r, p: e.type == "REJECT"),
    # several types, any case, like the CLI's repeated --type
    ({"type": ["reject", "ASSAULT"]}, lambda d, e, a, r, p: e.type in ("REJECT", "ASSAULT")),
    ({"actor": "Sudanese army"}, lambda d, e, a, r, p: _who(a, "Sudanese army")),
    # any part of the name, any case, like the CLI's --actor
    ({"actor": "sudanese"}, lambda d, e, a, r, p: _who(a, "sudanese")),
    ({"recipient": "Kenya"}, lambda d, e, a, r, p: _who(r, "Kenya", "KEN")),
    ({"actor": "SDNMIL"}, lambda d, e, a, r, p: _who(a, "SDNMIL")),
    ({"country": "SDN"}, lambda d, e, a, r, p: any(x.country == "SDN" for x in a + r)),
    ({"actor_country": "EGY"}, lambda d, e, a, r, p: any(x.country == "EGY" for x in a)),
    ({"recipient_country": "SDN"}, lambda d, e, a, r, p: any(x.country == "SDN" for x in r)),
    ({"sector": "GOV"}, lambda d, e, a, r, p: any(x.sector == "GOV" for x in a + r)),
    ({"date_from": "2024-04-11"}, lambda d, e, a, r, p: e.date >= "2024-04-11"),
    ({"date_to": "2024-04"}, lambda d, e, a, r, p: e.date[:7] <= "2024-04"),
    ({"date_from": "2024-04", "date_to": "2024-04"}, lambda d, e, a, r, p: e.date.startswith("2024-04")),
    # the CLI's names; an event may have happened in the range when its date overlaps it
    ({"since": "2024-04-11"}, lambda d, e, a, r, p: e.date >= "2024-04-11"),
    ({"since": "2024-04", "until": "2024-04"}, lambda d, e, a, r, p: e.date.startswith("2024-04")),
    ({"since": "2024-04", "date_from": "2024-04"}, lambda d, e, a, r, p: e.date >= "2024-04"),
    ({"source": "Daily Example"}, lambda d, e, a, r, p: d.meta.source == "Daily Example"),
    ({"place": "Almaty"}, lambda d, e, a, r, p: p is not None and p.name == "Almaty"),
    ({"doc": "aid-2024-05-02"}, lambda d, e, a, r, p: d.id == "aid-2024-05-02"),
    ({"q": "civilians"}, lambda d, e, a, r, p: "civilians" in e.evidence.text),
    (
        {"type": "REJECT", "actor": "militia"},
        lambda d, e, a, r, p: e.type == "REJECT" and _who(a, "militia"),
    ),
]


@pytest.mark.parametrize(("params", "keep"), FILTERS, ids=[json.dumps(p) for p, _ in FILTERS])
def test_event_filters(client, docs, params, keep):
    want = _expected(docs, keep)
    assert want, "a filter test must match something"
    r = client.get("/events", params={**params, "limit": 500})
    assert r.status_code == 200, r.text
    body = r.json()
    got = {(e["doc_id"], e["event_id"]) for e in body["items"]}
    assert got == want
    assert body["total"] == len(want)


def test_event_rows_carry_their_evidence(client, docs):
    body = client.get("/events", params={"limit": 500}).json()
    assert body["total"] == sum(len(d.events) for d in docs)
    by_id = {d.id: d for d in docs}
    for row in body["items"]:
        doc = by_id[row["doc_id"]]
        e = next(x for x in doc.events if x.id == row["event_id"])
        assert row["trigger"] == e.trigger.to_dict() and row["evidence"] == e.evidence.to_dict()
        assert row["actor_names"] == [doc.actor(a).name for a in e.actor]
        assert row["title"] == doc.meta.title
    dates = [row["date"] for row in body["items"]]
    assert dates == sorted(dates, reverse=True)
    page = client.get("/events", params={"limit": 3, "offset": 3}).json()
    assert [x["event_id"] for x in page["items"]] == [x["event_id"] for x in body["items"][3:6]]


def test_event_filters_reject_bad_values(client):
    assert client.get("/events", params={"type": "DANCE"}).status_code == 422
    assert client.get("/events", params={"date_from": "last week"}).status_code == 422
    # dates that look right but are not on the calendar
    for name in ("since", "until", "date_from", "date_to"):
        for value in ("2024-03-40", "2023-02-29", "2024-13", "0000"):
            r = client.get("/events", params={name: value})
            assert r.status_code == 422, (name, value)
            assert (
                f"{name} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD"
                in r.json()["detail"][0]["msg"]
            )
    assert client.get("/events", params={"since": "2024-02-29"}).status_code == 200  # a leap day
    # given the old and the new name of a bound, both apply
    both = client.get("/events", params={"since": "2024-04", "date_from": "2024-05", "limit": 500}).json()
    later = client.get("/events", params={"since": "2024-05", "limit": 500}).json()
    assert both["items"] == later["items"] and later["total"] > 0
    both = client.get("/events", params={"until": "2024-04", "date_to": "2024-03", "limit": 500}).json()
    earlier = client.get("/events", params={"until": "2024-03", "limit": 500}).json()
    assert both["items"] == earlier["items"] and earlier["total"] > 0
    assert client.get("/events", params={"limit": 0}).status_code == 422
    assert client.get("/events", params={"limit": 100000}).status_code == 422
    # a value that looks like SQL is only ever a bound parameter
    r = client.get("/events", params={"actor": "x' OR '1'='1"})
    assert r.status_code == 200 and r.json()["total"] == 0


def test_unknown_query_parameters_are_refused(client):
    # a misspelt filter must not silently return everything
    for path, params in (
        ("/events", {"date_fro": "2030"}),
        ("/events", {"sinse": "2030"}),
        ("/stats", {"actr": "Kenya"}),
        ("/documents", {"limt": 2}),
        ("/actors", {"name": "Kenya"}),
        ("/quotes", {"who": "x"}),
        ("/incidents", {"page": 2}),
    ):
        r = client.get(path, params=params)
        assert r.status_code == 422, (path, r.text)
        name = next(iter(params))
        message = r.json()["detail"][0]["msg"]
        assert f"unknown query parameter {name!r}" in message and "this endpoint takes: " in message
    assert client.get("/events", params={"since": "2030"}).json()["total"] == 0
    assert client.get("/documents/talks-2024-04-10", params={"x": 1}).status_code == 422
    # a misspelt ?store=true must not extract without storing
    r = client.post("/extract", params={"stor": "true"}, json={"text": ENGLISH})
    assert r.status_code == 422 and "'stor'" in r.text


def test_api_and_cli_share_one_event_filter(client):
    """The API answers with exactly the rows of the CLI's filter (store.filters.EventQuery)."""
    from eventcoder.store.filters import EventQuery

    cases = [
        ({"actor": "army"}, EventQuery(actor="army")),
        ({"recipient": "sdn"}, EventQuery(recipient="sdn")),
        ({"since": "2024-04", "type": "ASSAULT"}, EventQuery(since="2024-04", type=("ASSAULT",))),
        ({"country": "Sudan"}, EventQuery(country="Sudan")),
    ]
    store = client.app.state.eventcoder.store  # the app's own connection (DuckDB allows one config)
    for params, query in cases:
        where, values = query.where()
        _, rows = store.query(
            f"SELECT e.doc_id, e.event_id FROM events e JOIN documents d ON d.id = e.doc_id WHERE {where}",
            values,
        )
        want = set(rows)
        assert want, params
        got = client.get("/events", params={**params, "limit": 500}).json()["items"]
        assert {(x["doc_id"], x["event_id"]) for x in got} == want, params


# -- actors, quotes, incidents, stats ------------------------------------------------------


def test_actors_are_grouped_by_identity(client, docs):
    body = client.get("/actors", params={"limit": 500}).json()
    rows = {(a["name"], a["country"]): a for a in body["items"]}
    army = rows[("Sudanese army", "SDN")]
    assert army["n_documents"] == 2
    mentions = sum(len(a.mentions) for d in docs for a in d.actors if a.name == "Sudanese army")
    as_actor = sum(
        1 for d in docs for e in d.events if any(d.actor(x).name == "Sudanese army" for x in e.actor)
    )
    as_recipient = sum(
        1 for d in docs for e in d.events if any(d.actor(x).name == "Sudanese army" for x in e.recipient)
    )
    assert (army["n_mentions"], army["n_as_actor"], army["n_as_recipient"]) == (
        mentions,
        as_actor,
        as_recipient,
    )
    gov = client.get("/actors", params={"sector": "GOV"}).json()
    assert {a["name"] for a in gov["items"]} == {a.name for d in docs for a in d.actors if a.sector == "GOV"}
    one = client.get("/actors", params={"doc": "fuel-2024-03-06"}).json()
    assert one["total"] == 4


def test_quotes_by_speaker(client, docs):
    body = client.get("/quotes").json()
    assert body["total"] == sum(len(d.quotes) for d in docs)
    r = client.get("/quotes", params={"speaker": "Egyptian foreign minister"}).json()
    assert [q["text"] for q in r["items"]] == ["We call on both sides to stop the fighting,"]
    assert r["items"][0]["doc_id"] == "talks-2024-04-10" and r["items"][0]["cue"] == "told"
    assert client.get("/quotes", params={"speaker": "nobody"}).json()["items"] == []


def test_incidents_empty_without_a_table(client):
    r = client.get("/incidents")
    assert r.status_code == 200 and r.json() == {"total": 0, "limit": 50, "offset": 0, "items": []}
    # and an incident filter then matches no event rather than failing
    assert client.get("/events", params={"incident": "i1"}).json()["total"] == 0


def test_incidents_when_the_store_has_them(tmp_path, docs):
    c = make_client(tmp_path, docs=docs)
    con = c.app.state.eventcoder.store.con
    con.execute(
        "CREATE TABLE incidents (incident_id VARCHAR, type VARCHAR, n_documents INTEGER, n_sources INTEGER, "
        "first_seen TIMESTAMP, last_seen TIMESTAMP, summary VARCHAR)"
    )
    con.execute(
        "INSERT INTO incidents VALUES ('i1', 'REJECT', 2, 1, '2024-04-10 08:00', '2024-04-12 09:00', 'denials')"
    )
    con.execute("CREATE TABLE incident_events (incident_id VARCHAR, doc_id VARCHAR, event_id VARCHAR)")
    con.execute(
        "INSERT INTO incident_events VALUES ('i1', 'talks-2024-04-10', 'e3'), ('i1', 'market-2024-04-12', 'e2')"
    )
    con.execute(
        "INSERT INTO incidents VALUES ('i2', 'ASSAULT', 1, 1, '2024-04-11 08:00', '2024-04-11 08:00', NULL), "
        "('i3', 'AGREE', 1, 1, '2024-03-04 08:00', '2024-03-04 08:00', NULL)"
    )
    page = c.get("/incidents", params={"limit": 1}).json()
    assert (page["total"], page["limit"], page["offset"]) == (3, 1, 0)
    rows = page["items"]
    assert rows == [
        {
            "id": "i1",
            "type": "REJECT",
            "n_documents": 2,
            "n_sources": 1,
            "first_seen": "2024-04-10T08:00:00",
            "last_seen": "2024-04-12T09:00:00",
            "summary": "denials",
        }
    ]
    # later pages: the rest, by most documents, then id; none twice
    rest = c.get("/incidents", params={"limit": 5, "offset": 1}).json()
    assert [r["id"] for r in rest["items"]] == ["i2", "i3"] and rest["total"] == 3
    events = c.get("/events", params={"incident": "i1"}).json()
    assert {(e["doc_id"], e["event_id"]) for e in events["items"]} == {
        ("talks-2024-04-10", "e3"),
        ("market-2024-04-12", "e2"),
    }
    assert c.get("/stats").json()["totals"]["incidents"] == 3


def test_stats(client, docs):
    st = client.get("/stats").json()
    events = [e for d in docs for e in d.events]
    assert st["totals"]["documents"] == len(docs) and st["totals"]["events"] == len(events)
    assert st["matching_events"] == len(events)
    by_type = {r["key"]: r["n"] for r in st["by_type"]}
    assert by_type == {t: sum(1 for e in events if e.type == t) for t in {e.type for e in events}}
    assert st["granularity"] == "day"  # the corpus spans less than three months
    assert sum(c["n"] for c in st["timeline"]) == len(events)
    edges = {(x["source"], x["target"]): x["n"] for x in st["network_actors"]}
    assert edges[("Sudanese army", "civilians")] == 1
    assert edges[("Kenya", "Norway")] == 1
    countries = {(x["source"], x["target"]): x["n"] for x in st["network_countries"]}
    assert countries[("EGY", "SDN")] == 2  # Egypt hosted the talks, the minister called on both sides
    places = {p["name"]: p for p in st["places"]}
    assert places["Almaty"]["n"] == 3 and places["Almaty"]["country"] == "KAZ"
    assert {s["name"] for s in st["speakers"]} == {"Egyptian foreign minister", "Norwegian minister"}
    assert st["speakers"][0]["examples"][0]["quote_id"] == "q1"
    # filtered: only the assault
    st = client.get("/stats", params={"type": "ASSAULT"}).json()
    assert st["matching_events"] == 1 and st["by_type"] == [{"key": "ASSAULT", "n": 1}]
    assert [p["name"] for p in st["places"]] == ["Khartoum"]
    assert st["totals"]["events"] == len(events)  # totals stay corpus-wide


# -- extraction ----------------------------------------------------------------------------


def test_extract_json_returns_a_valid_document_and_stores_only_when_asked(client):
    payload = {"text": ENGLISH, "published": "2024-06-03", "title": "Border talks", "source": "Test Wire"}
    r = client.post("/extract", json=payload)
    assert r.status_code == 200, r.text
    doc = r.json()
    assert_valid(doc)
    assert doc["text"] == ENGLISH and doc["meta"]["published"] == "2024-06-03"
    assert doc["meta"]["title"] == "Border talks" and doc["meta"]["source"] == "Test Wire"
    assert doc["id"].startswith("text-")
    assert client.get(f"/documents/{doc['id']}").status_code == 404
    r = client.post("/extract", params={"store": "true"}, json={**payload, "id": "border-talks"})
    assert r.status_code == 200
    stored = client.get("/documents/border-talks")
    assert stored.status_code == 200 and stored.json() == r.json()


def test_documents_stored_by_extract_are_grouped_into_incidents(tmp_path, pipeline):
    """As at the end of a run: storing a report groups its events at once, none left pending."""
    c = make_client(tmp_path, pipeline)
    assert c.get("/incidents").json()["total"] == 0
    text = "Police arrested three protesters in Lima on Monday. Officials said the two governments agreed to talks."
    for i, source in enumerate(("Test Wire", "Other Daily")):
        payload = {"text": text, "published": "2024-05-06", "source": source, "id": f"lima-{i}"}
        r = c.post("/extract", params={"store": "true"}, json=payload)
        assert r.status_code == 200, r.text
    store = c.app.state.eventcoder.store
    assert store.count("incident_pending") == 0
    page = c.get("/incidents").json()
    assert page["total"] >= 1
    # every event of the reports that can make an incident is in one
    _, eligible = store.query(
        "SELECT doc_id, event_id FROM events WHERE NOT negated AND modality = 'asserted'"
    )
    assert eligible
    grouped = set()
    for inc in c.get("/incidents", params={"limit": 500}).json()["items"]:
        rows = c.get("/events", params={"incident": inc["id"], "limit": 500}).json()["items"]
        grouped |= {(e["doc_id"], e["event_id"]) for e in rows}
    assert set(eligible) <= grouped
    # the same report from two outlets is one incident per event, with both documents
    assert any(inc["n_documents"] == 2 for inc in page["items"])
    c.app.state.eventcoder.close()


def test_extract_upload_text_and_html(client):
    r = client.post(
        "/extract",
        files={"file": ("report.txt", ENGLISH.encode(), "text/plain")},
        data={"published": "2024-06-04"},
    )
    assert r.status_code == 200, r.text
    assert r.json()["id"] == "report" and r.json()["meta"]["published"] == "2024-06-04"
    html = f"<html><head><title>Talks</title></head><body><article><p>{ENGLISH}</p></article></body></html>"
    r = client.post("/extract", files={"file": ("page.html", html.encode(), "text/html")})
    assert r.status_code == 200, r.text
    assert "governments had agreed" in r.json()["text"] and "<p>" not in r.json()["text"]
    # A page in the charset it declares, not UTF-8.
    latin = f'<html><head><meta charset="iso-8859-1"></head><body><article><p>Café. {ENGLISH}</p></article></body></html>'
    r = client.post("/extract", files={"file": ("latin.html", latin.encode("latin-1"), "text/html")})
    assert r.status_code == 200, r.text
    assert r.json()["text"].startswith("Café.")
    # The page's own date and site name, as `eventcoder run` reads them; a form field wins.
    dated = (
        "<html><head><title>Talks</title>"
        '<meta property="article:published_time" content="2024-06-03T08:00:00Z">'
        "<meta property='og:site_name' content='Example News'></head>"
        f"<body><article><p>{ENGLISH}</p></article></body></html>"
    )
    r = client.post("/extract", files={"file": ("dated.html", dated.encode(), "text/html")})
    assert r.status_code == 200, r.text
    meta = r.json()["meta"]
    assert (meta["published"], meta["source"], meta["title"]) == ("2024-06-03", "Example News", "Talks")
    r = client.post(
        "/extract",
        files={"file": ("dated.html", dated.encode(), "text/html")},
        data={"published": "2024-06-05"},
    )
    assert r.json()["meta"]["published"] == "2024-06-05"
    # A page with nothing but a menu: the CLI's message, not a schema complaint.
    menu = b"<html><body><nav>Home | World | Sports</nav></body></html>"
    r = client.post("/extract", files={"file": ("menu.html", menu, "text/html")})
    assert r.status_code == 422 and "no article text found in the HTML" in r.json()["detail"]


def test_extract_never_opens_a_client_path(client):
    # A file name is only a label: the id is its cleaned stem and the text is the uploaded bytes.
    r = client.post("/extract", files={"file": ("../../../etc/hostname.txt", ENGLISH.encode(), "text/plain")})
    assert r.status_code == 200
    assert r.json()["id"] == "hostname" and r.json()["text"] == ENGLISH
    # There is no field naming a path, and unknown fields are refused.
    r = client.post("/extract", json={"text": ENGLISH, "path": "/etc/passwd"})
    assert r.status_code == 422 and "path" in r.json()["detail"]
    r = client.post("/extract", json={"file": "/etc/passwd"})
    assert r.status_code == 422


@pytest.mark.parametrize(
    ("kwargs", "status", "words"),
    [
        ({"json": {"text": ""}}, 422, "text"),
        ({"json": {"text": "   \n  "}}, 422, "empty"),
        ({"json": {"text": ENGLISH, "published": "yesterday"}}, 422, "published"),
        ({"json": ["not", "an", "object"]}, 422, "object"),
        ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "JSON"),
        ({"content": ENGLISH.encode(), "headers": {"content-type": "text/plain"}}, 415, "multipart"),
        ({"files": {"file": ("scan.pdf", b"%PDF-1.4", "application/pdf")}}, 415, ".pdf"),
        ({"files": {"file": ("bin.txt", b"\x00\x01\x02binary", "text/plain")}}, 422, "binary"),
        ({"data": {"title": "no file"}, "files": {"other": ("x.txt", b"x", "text/plain")}}, 422, "file"),
    ],
)
def test_extract_refuses_bad_input_clearly(client, kwargs, status, words):
    r = client.post("/extract", **kwargs)
    assert r.status_code == status, r.text
    assert words.lower() in r.json()["detail"].lower()


# -- security ----------------------------------------------------------------------------------


def test_binds_loopback_by_default():
    from eventcoder.server.command import serve

    host = next(p for p in serve.params if p.name == "host")
    assert host.default == "127.0.0.1" == ServerSettings().host
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1")
    assert is_loopback("127.0.0.2")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.4") and not is_loopback("example.org")


def test_writes_need_the_token_when_exposed(tmp_path, pipeline):
    payload = {"text": ENGLISH, "id": "w1"}
    for sub in "abc":
        (tmp_path / sub).mkdir()
    exposed = make_client(tmp_path / "a", pipeline, host="0.0.0.0")
    r = exposed.post("/extract", params={"store": "true"}, json=payload)
    assert r.status_code == 403 and "--token" in r.json()["detail"]
    assert exposed.post("/extract", json=payload).status_code == 200  # reading is not writing
    assert exposed.get("/documents/w1").status_code == 404

    guarded = make_client(tmp_path / "b", pipeline, host="0.0.0.0", token="s3cret-token")
    assert guarded.post("/extract", params={"store": "true"}, json=payload).status_code == 401
    bad = {"Authorization": "Bearer wrong"}
    assert guarded.post("/extract", params={"store": "true"}, json=payload, headers=bad).status_code == 401
    good = {"Authorization": "Bearer s3cret-token"}
    r = guarded.post("/extract", params={"store": "true"}, json=payload, headers=good)
    assert r.status_code == 200
    assert guarded.get("/documents/w1").status_code == 200

    local_with_token = make_client(tmp_path / "c", pipeline, token="t")
    assert local_with_token.post("/extract", params={"store": "true"}, json=payload).status_code == 401


def test_read_only_store_refuses_writes(tmp_path, pipeline, docs):
    path = str(tmp_path / "ro.duckdb")
    with Store(path) as store:
        store.write(docs[:1])
    c = TestClient(create_app(ServerSettings(db=path, read_only=True), pipeline=pipeline), base_url=LOCAL)
    assert c.get("/documents").json()["total"] == 1
    r = c.post("/extract", params={"store": "true"}, json={"text": ENGLISH})
    assert r.status_code == 403 and "read-only" in r.json()["detail"]


def test_body_and_upload_limits_answer_413(tmp_path):
    c = make_client(tmp_path, max_body=2_000, max_upload=5_000)
    r = c.post("/extract", json={"text": "word " * 1000})
    assert r.status_code == 413
    assert r.json()["detail"] == "request body too large: the limit is 2,000 bytes"

    def chunks():  # no Content-Length: the limit holds for streamed bodies too
        for _ in range(10):
            yield b"x" * 500

    r = c.post("/extract", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413
    big = io.BytesIO(b"news " * 2_000)
    r = c.post("/extract", files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413 and "upload too large" in r.json()["detail"]
    assert "5,000" in r.json()["detail"]


def test_loopback_server_answers_only_to_its_own_names(tmp_path):
    # A page that rebinds its DNS name to 127.0.0.1 sends its own name as Host: refused.
    c = make_client(tmp_path)
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000", "localhost"):
        assert c.get("/documents", headers={"host": host}).status_code == 200, host
    r = c.get("/documents", headers={"host": "attacker.example:8000"})
    assert r.status_code == 400 and "unknown host" in r.json()["detail"]
    (tmp_path / "p").mkdir()
    proxied = make_client(tmp_path / "p", allowed_hosts=["eventcoder.internal"])
    assert proxied.get("/documents", headers={"host": "eventcoder.internal"}).status_code == 200
    # bound to the network, any name may reach it (writes then need the token)
    (tmp_path / "n").mkdir()
    exposed = make_client(tmp_path / "n", host="0.0.0.0")
    assert exposed.get("/documents", headers={"host": "example.org"}).status_code == 200


def test_cross_origin_posts_are_refused(tmp_path, pipeline):
    # A page elsewhere could make the browser POST a form here (no CORS preflight for forms).
    c = make_client(tmp_path, pipeline)
    form = {"file": ("a.txt", ENGLISH.encode(), "text/plain")}
    r = c.post("/extract", params={"store": "true"}, files=form, headers={"Origin": "https://evil.example"})
    assert r.status_code == 403 and "cross-origin" in r.json()["detail"]
    assert c.get("/documents/a").status_code == 404
    same = c.post("/extract", files=form, headers={"Origin": "http://127.0.0.1:8000"})
    assert same.status_code == 200  # the reader's own requests
    assert c.post("/extract", files=form).status_code == 200  # curl sends no Origin
    (tmp_path / "o").mkdir()
    allowed = make_client(tmp_path / "o", pipeline, cors_origins=["https://lab.example"])
    assert allowed.post("/extract", files=form, headers={"Origin": "https://lab.example"}).status_code == 200


def test_cors_is_off_unless_configured(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    off = make_client(tmp_path / "a")
    r = off.get("/documents", headers={"Origin": "https://elsewhere.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers
    pre = off.options(
        "/extract",
        headers={"Origin": "https://elsewhere.example", "Access-Control-Request-Method": "POST"},
    )
    assert "access-control-allow-origin" not in pre.headers
    on = make_client(tmp_path / "b", cors_origins=["https://lab.example"])
    r = on.get("/documents", headers={"Origin": "https://lab.example"})
    assert r.headers["access-control-allow-origin"] == "https://lab.example"
    r = on.get("/documents", headers={"Origin": "https://elsewhere.example"})
    assert "access-control-allow-origin" not in r.headers


def test_pages_are_served_with_a_strict_policy(client):
    for path in ("/reader", "/dashboard", "/docs"):
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "object-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        # every asset comes from the package: no script, style or image from elsewhere
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", r.text)
    assert client.get("/", follow_redirects=False).headers["location"] == "/dashboard"


def test_static_files_stay_inside_the_package(client):
    assert client.get("/static/js/reader.js").status_code == 200
    for path in (
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2fapp.py",
    ):
        assert client.get(path).status_code == 404


def test_scripts_never_write_html():
    # Article text must reach the page as text: the scripts build the DOM with
    # textContent and createElement only.
    for js in (STATIC / "js").glob("*.js"):
        code = js.read_text("utf-8")
        for sink in (
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
        ):
            assert sink not in code, f"{js.name} uses {sink}"


def test_world_map_is_bundled_with_codes(client):
    r = client.get("/map/countries.json")
    assert r.status_code == 200
    geoms = r.json()["objects"]["countries"]["geometries"]
    codes = {g["properties"].get("a3") for g in geoms}
    assert {"IRN", "FRA", "BRA", "KOS"} <= codes
    assert (STATIC / "map" / "LICENSE-world-atlas.txt").exists()


def test_openapi_uses_the_shipped_document_schema(client):
    spec = client.get("/openapi.json").json()
    schemas = spec["components"]["schemas"]
    shipped = json.loads(
        (Path(__file__).resolve().parents[1] / "docs" / "schema" / "document-2.json").read_text("utf-8")
    )
    assert set(schemas["Document"]["properties"]) == set(shipped["properties"])
    assert schemas["Document"]["required"] == shipped["required"]
    assert {f"Document_{k}" for k in shipped["$defs"]} <= set(schemas)
    for path, method in (("/extract", "post"), ("/documents/{doc_id}", "get")):
        content = spec["paths"][path][method]["responses"]["200"]["content"]["application/json"]
        assert content["schema"] == {"$ref": "#/components/schemas/Document"}
    body = spec["paths"]["/extract"]["post"]["requestBody"]["content"]
    assert {"application/json", "multipart/form-data"} <= set(body)
    assert {"/documents", "/events", "/actors", "/quotes", "/incidents", "/stats"} <= set(spec["paths"])


# -- the command ----------------------------------------------------------------------------------


def test_serve_command_serves_a_store(tmp_path, docs):
    """`serve` as a real process: it binds the loopback port it is given and answers."""
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    path = tmp_path / "cli.duckdb"
    with Store(path) as store:
        store.write(docs[:2])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-c", "from eventcoder.server.command import serve; serve()"]
    proc = subprocess.Popen(
        [*cmd, "--db", str(path), "--port", str(port), "--read-only"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/documents", timeout=2) as r:
                    body = json.loads(r.read())
                break
            except OSError:
                assert proc.poll() is None, proc.stderr.read()
                assert time.monotonic() < deadline, "the server did not answer"
                time.sleep(0.2)
        assert body["total"] == 2
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=10)
    assert f"serving {path} on http://127.0.0.1:{port}/" in err


def test_serve_command_reports_a_missing_store(tmp_path):
    from click.testing import CliRunner

    from eventcoder.server.command import serve

    result = CliRunner().invoke(serve, ["--db", str(tmp_path / "nope.duckdb"), "--read-only"])
    assert result.exit_code == 2
    assert "no such store" in result.output
