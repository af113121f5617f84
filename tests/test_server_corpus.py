"""A small corpus for the server tests: short reports written for these tests, annotated by hand.

The server shows whatever the store holds, so its tests build documents whose
every span is known (found in the text by string search, never typed as an
offset) and check that the API and the pages show exactly those.  The seed
report goes through the real pipeline in the tests that need it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventcoder.document import Actor, DateExpr, Dateline, Document, Event, Meta, Place, Quote, Span


@dataclass
class Spec:
    id: str
    published: str
    source: str
    title: str
    text: str
    # name, type, country, sector, surfaces: every free whole-word occurrence of a surface is a mention
    actors: list[tuple[str, str, str | None, str | None, list[str]]]
    places: list[tuple[str, str, float, float, list[str]]] = field(default_factory=list)
    # quoted text, speaker name, speaker surface, cue word
    quotes: list[tuple[str, str, str, str]] = field(default_factory=list)
    # type, trigger, evidence sentence, actor names, recipient names, place name, date
    events: list[tuple[str, str, str, list[str], list[str], str | None, str | None]] = field(
        default_factory=list
    )
    dates: list[tuple[str, str, str]] = field(default_factory=list)


SPECS = [
    Spec(
        id="water-2024-03-04",
        published="2024-03-04",
        source="Example Wire",
        title="Norway and Kenya sign a water agreement",
        text=(
            "GENEVA- Norway and Kenya signed a water agreement on Monday. The Norwegian minister said the deal "
            'would help farmers. "This agreement protects the river for everyone," she said. Kenya praised '
            "Norway for its support."
        ),
        actors=[
            ("Norway", "country", "NOR", None, ["Norway"]),
            ("Kenya", "country", "KEN", None, ["Kenya"]),
            ("Norwegian minister", "person", "NOR", "GOV", ["The Norwegian minister", "she"]),
        ],
        places=[("Geneva", "CHE", 46.2, 6.15, ["GENEVA"])],
        quotes=[("This agreement protects the river for everyone,", "Norwegian minister", "she", "said")],
        events=[
            ("AGREE", "signed", "Norway and Kenya signed a water agreement on Monday.", ["Norway"], ["Kenya"],
             "Geneva", "2024-03-04"),
            ("SUPPORT", "praised", "Kenya praised Norway for its support.", ["Kenya"], ["Norway"], "Geneva",
             "2024-03-04"),
        ],
        dates=[("Monday", "2024-03-04", "day")],
    ),
    Spec(
        id="fuel-2024-03-06",
        published="2024-03-06",
        source="Example Wire",
        title="Arrests after fuel price march",
        text=(
            "ALMATY- Police in Almaty arrested twelve protesters on Wednesday, witnesses said. The protesters had "
            "marched against new fuel prices. The interior ministry accused the organisers of blocking roads."
        ),
        actors=[
            ("Police", "organization", "KAZ", "COP", ["Police"]),
            ("protesters", "group", "KAZ", "CVL", ["twelve protesters", "The protesters"]),
            ("interior ministry", "organization", "KAZ", "GOV", ["The interior ministry"]),
            ("organisers", "group", "KAZ", "CVL", ["the organisers"]),
        ],
        places=[("Almaty", "KAZ", 43.25, 76.95, ["ALMATY", "Almaty"])],
        events=[
            ("COERCE", "arrested", "Police in Almaty arrested twelve protesters on Wednesday, witnesses said.",
             ["Police"], ["protesters"], "Almaty", "2024-03-06"),
            ("PROTEST", "marched", "The protesters had marched against new fuel prices.", ["protesters"], [],
             "Almaty", "2024-03-06"),
            ("ACCUSE", "accused", "The interior ministry accused the organisers of blocking roads.",
             ["interior ministry"], ["organisers"], "Almaty", "2024-03-06"),
        ],
        dates=[("Wednesday", "2024-03-06", "day")],
    ),
    Spec(
        id="talks-2024-04-10",
        published="2024-04-10",
        source="Daily Example",
        title="Talks in Cairo",
        text=(
            "CAIRO- Egypt hosted talks between the Sudanese army and a rival militia on Tuesday. "
            '"We call on both sides to stop the fighting," the Egyptian foreign minister told reporters. '
            "The militia rejected the proposal hours later."
        ),
        actors=[
            ("Egypt", "country", "EGY", None, ["Egypt"]),
            ("Sudanese army", "organization", "SDN", "MIL", ["the Sudanese army"]),
            ("militia", "group", "SDN", "REB", ["a rival militia", "The militia"]),
            ("Egyptian foreign minister", "person", "EGY", "GOV", ["the Egyptian foreign minister"]),
        ],
        places=[("Cairo", "EGY", 30.04, 31.24, ["CAIRO"])],
        quotes=[
            ("We call on both sides to stop the fighting,", "Egyptian foreign minister",
             "the Egyptian foreign minister", "told"),
        ],
        events=[
            ("CONSULT", "hosted", "Egypt hosted talks between the Sudanese army and a rival militia on Tuesday.",
             ["Egypt"], ["Sudanese army", "militia"], "Cairo", "2024-04-09"),
            ("REQUEST", "call", "\"We call on both sides to stop the fighting,\" the Egyptian foreign minister told "
             "reporters.", ["Egyptian foreign minister"], ["Sudanese army", "militia"], "Cairo", "2024-04-10"),
            ("REJECT", "rejected", "The militia rejected the proposal hours later.", ["militia"], ["Egypt"], None,
             "2024-04-10"),
        ],
        dates=[("Tuesday", "2024-04-09", "day")],
    ),
    Spec(
        id="market-2024-04-12",
        published="2024-04-12",
        source="Daily Example",
        title="Air strike on a market",
        text=(
            "KHARTOUM- Fighter jets struck a market in Khartoum on Thursday, killing nine civilians, local officials "
            "said. The army denied that its aircraft had attacked civilians."
        ),
        actors=[
            ("Sudanese army", "organization", "SDN", "MIL", ["Fighter jets", "The army", "its"]),
            ("civilians", "group", "SDN", "CVL", ["nine civilians", "civilians"]),
            ("local officials", "group", "SDN", "GOV", ["local officials"]),
        ],
        places=[("Khartoum", "SDN", 15.5, 32.56, ["KHARTOUM", "Khartoum"])],
        events=[
            ("ASSAULT", "struck", "Fighter jets struck a market in Khartoum on Thursday, killing nine civilians, "
             "local officials said.", ["Sudanese army"], ["civilians"], "Khartoum", "2024-04-11"),
            ("REJECT", "denied", "The army denied that its aircraft had attacked civilians.", ["Sudanese army"],
             ["local officials"], "Khartoum", "2024-04-12"),
        ],
        dates=[("Thursday", "2024-04-11", "day")],
    ),
    Spec(
        id="aid-2024-05-02",
        published="2024-05-02",
        source="Example Wire",
        title="Food aid for refugees",
        text=(
            "NAIROBI- The World Food Programme delivered food aid to refugees in northern Kenya on May 2, the agency "
            "said. Kenya thanked the agency and asked donors for more funding."
        ),
        actors=[
            ("World Food Programme", "organization", None, "SOC", ["The World Food Programme", "the agency"]),
            ("refugees", "group", "KEN", "REF", ["refugees"]),
            ("Kenya", "country", "KEN", None, ["Kenya"]),
            ("donors", "group", None, None, ["donors"]),
        ],
        places=[("Nairobi", "KEN", -1.29, 36.82, ["NAIROBI"])],
        events=[
            ("AID", "delivered", "The World Food Programme delivered food aid to refugees in northern Kenya on "
             "May 2, the agency said.", ["World Food Programme"], ["refugees"], "Nairobi", "2024-05-02"),
            ("REQUEST", "asked", "Kenya thanked the agency and asked donors for more funding.", ["Kenya"],
             ["donors"], "Nairobi", "2024-05-02"),
        ],
        dates=[("May 2", "2024-05-02", "day")],
    ),
    Spec(
        id="drones-2024-05-20",
        published="2024-05-20",
        source="Brussels Example",
        title="New sanctions over drone exports",
        text=(
            "BRUSSELS- The European Union imposed new sanctions on Iran on Monday over its drone exports. "
            "Iran's foreign ministry said the measures were illegal and threatened to respond."
        ),
        actors=[
            ("European Union", "organization", None, "GOV", ["The European Union"]),
            ("Iran", "country", "IRN", None, ["Iran", "its"]),
            ("Iranian foreign ministry", "organization", "IRN", "GOV", ["Iran's foreign ministry"]),
        ],
        places=[("Brussels", "BEL", 50.85, 4.35, ["BRUSSELS"])],
        events=[
            ("SANCTION", "imposed", "The European Union imposed new sanctions on Iran on Monday over its drone "
             "exports.", ["European Union"], ["Iran"], "Brussels", "2024-05-20"),
            ("THREATEN", "threatened", "Iran's foreign ministry said the measures were illegal and threatened to "
             "respond.", ["Iranian foreign ministry"], ["European Union"], "Brussels", "2024-05-20"),
        ],
        dates=[("Monday", "2024-05-20", "day")],
    ),
]  # fmt: skip


def _find(text: str, needle: str, start: int = 0) -> int:
    i = text.find(needle, start)
    if i < 0:
        raise ValueError(f"{needle!r} not in the text")
    return i


def _claim(text: str, surfaces: list[tuple[str, str]]) -> dict[str, list[Span]]:
    """Mentions per owner: longer surfaces claim their characters first; a character has one owner."""
    taken = [False] * len(text)
    out: dict[str, list[Span]] = {}
    for owner, surface in sorted(surfaces, key=lambda x: -len(x[1])):
        for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text):
            if not any(taken[m.start() : m.end()]):
                taken[m.start() : m.end()] = [True] * (m.end() - m.start())
                out.setdefault(owner, []).append(Span(m.start(), m.end(), m.group()))
    for spans in out.values():
        spans.sort(key=lambda s: s.start)
    return out


def build(spec: Spec) -> Document:
    text = spec.text
    dash = text.find("- ")
    dateline = Dateline(text[:dash].title(), 0, dash + 2) if dash > 0 else None
    doc = Document(
        id=spec.id,
        text=text,
        meta=Meta(title=spec.title, source=spec.source, published=spec.published, dateline=dateline),
    )
    mentions = _claim(text, [(a[0], s) for a in spec.actors for s in a[4]])
    ids: dict[str, str] = {}
    for name, type_, country, sector, _ in spec.actors:
        if name in mentions:
            ids[name] = f"a{len(ids) + 1}"
            doc.actors.append(Actor(ids[name], name, type_, country, sector, mentions=mentions[name]))
    place_mentions = _claim(text, [(p[0], s) for p in spec.places for s in p[4]])
    pids: dict[str, str] = {}
    for name, country, lat, lon, _ in spec.places:
        pids[name] = f"p{len(pids) + 1}"
        doc.places.append(Place(pids[name], name, country, lat, lon, None, place_mentions[name]))
    for i, (qtext, speaker, surface, cue) in enumerate(spec.quotes, 1):
        start = _find(text, qtext)
        sm = _find(text, surface, start + len(qtext))
        cs = _find(text, cue, start + len(qtext))
        doc.quotes.append(
            Quote(f"q{i}", qtext, start, start + len(qtext), "direct", ids[speaker],
                  doc.span(sm, sm + len(surface)), doc.span(cs, cs + len(cue)), 0.9)
        )  # fmt: skip
    for i, (type_, trigger, evidence, actors, recipients, place, date) in enumerate(spec.events, 1):
        es = _find(text, evidence)
        ts = _find(text, trigger, es)
        quote = next((q.id for q in doc.quotes if q.start <= ts < q.end), None)
        doc.events.append(
            Event(f"e{i}", type_, doc.span(ts, ts + len(trigger)), doc.span(es, es + len(evidence)),
                  actor=[ids[a] for a in actors], recipient=[ids[r] for r in recipients],
                  date=date, location=pids.get(place) if place else None, quote=quote, confidence=0.8)
        )  # fmt: skip
    for dtext, value, precision in spec.dates:
        start = _find(text, dtext, dash + 2 if dash > 0 else 0)
        doc.dates.append(DateExpr(dtext, start, start + len(dtext), value, precision))
    return doc


def corpus() -> list[Document]:
    return [build(s) for s in SPECS]


def test_hand_built_documents_are_valid():
    from conftest import assert_valid

    docs = corpus()
    assert len(docs) == len(SPECS)
    for doc in docs:
        assert_valid(doc.to_dict())
        assert doc.events and doc.actors and doc.places
        # each event's actors are named inside its evidence sentence
        for e in doc.events:
            for aid in e.actor:
                actor = doc.actor(aid)
                assert actor is not None
                assert any(e.evidence.start <= m.start < e.evidence.end for m in actor.mentions), (
                    doc.id,
                    e.id,
                )
