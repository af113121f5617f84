"""Shared helpers of the stage tests: plain functions, no fixtures (the model comes from the
session ``nlp`` fixture of conftest.py, so it loads once).

* ``run`` / ``run_valid``: a text through the metadata stage and the stages under test, the
  way the pipeline does it (Document, MetadataStage, Context with the report's body);
* ``actor_with`` / ``texts`` / ``place_with`` / ``place_of``: find what a stage made;
* ``make_doc`` / ``code`` / ``code_more``: the events stage alone, on a document whose actors
  (and places, dates, quotes) are made by hand from surface forms (``ACTORS``, ``MORE_ACTORS``);
  ``first_event`` / ``main_event`` / ``event_types`` / ``actor_names`` read its events.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from conftest import assert_valid
from eventcoder.document import Actor, DateExpr, Document, Meta, Place, Quote, Span
from eventcoder.stages.base import Context
from eventcoder.stages.metadata import MetadataStage

# -- a text through real stages ------------------------------------------------------------------


def run(
    nlp,
    stages,
    text: str,
    published: str | None = "2023-06-21",
    *,
    title: str | None = None,
    actors: Sequence[Actor] = (),
) -> tuple[Document, Context]:
    """Run the metadata stage, parse, then ``stages`` (one stage or a list) in order.

    ``actors`` pre-fills ``doc.actors`` for a stage that reads them (places, quotes).
    """
    doc = Document(id="t", text=text, meta=Meta(published=published, title=title), actors=list(actors))
    meta = MetadataStage()
    meta(doc)
    ctx = Context(sp=nlp(text), body=meta.body(doc))
    for stage in stages if isinstance(stages, Sequence) else [stages]:
        stage(doc, ctx)
    return doc, ctx


def run_valid(nlp, stages, text: str, published: str | None = "2023-06-21", **kw) -> Document:
    """``run``, then the schema and span checks of ``conftest.assert_valid``; the document."""
    doc, _ = run(nlp, stages, text, published, **kw)
    assert_valid(doc.to_dict())
    return doc


# -- what the actors and places stages made -------------------------------------------------------


def actor_with(doc: Document, mention: str):
    """The actor one of whose mentions is exactly ``mention`` (first match), else None."""
    for a in doc.actors:
        if any(m.text == mention for m in a.mentions):
            return a
    return None


def texts(actor) -> list[str]:
    """The texts of an actor's mentions, in order."""
    return [m.text for m in actor.mentions]


def assert_mentions_exact_and_disjoint(doc: Document) -> None:
    """Every actor mention copies the text, and no character belongs to two mentions."""
    seen: set[int] = set()
    for a in doc.actors:
        for m in a.mentions:
            assert doc.text[m.start : m.end] == m.text
            chars = set(range(m.start, m.end))
            assert not chars & seen
            seen |= chars


def place_with(doc: Document, mention: str):
    """The place one of whose mentions is exactly ``mention`` (first match), else None."""
    return next((p for p in doc.places if any(m.text == mention for m in p.mentions)), None)


def place_of(doc: Document, mention: str):
    """``place_with``, failing the test (with the places found) when there is none."""
    place = place_with(doc, mention)
    if place is None:
        raise AssertionError(f"no place with the mention {mention!r}: {[p.name for p in doc.places]}")
    return place


# -- the events stage on hand-made documents ------------------------------------------------------

# name, type, country, sector, surface forms (longest first wins)
ACTORS: list[tuple[str, str, str | None, str | None, list[str]]] = [
    ("Iran", "country", "IRN", "GOV", ["Iran", "Tehran"]),
    ("Turkey", "country", "TUR", "GOV", ["Turkey", "Ankara"]),
    ("Russia", "country", "RUS", "GOV", ["Russian troops", "Russia", "Moscow", "Russian"]),
    ("Israel", "country", "ISR", "GOV", ["Israeli forces", "Israeli", "Israel"]),
    ("Ukraine", "country", "UKR", "GOV", ["Ukrainian forces", "Ukraine"]),
    ("Egypt", "country", "EGY", "GOV", ["Egypt"]),
    ("France", "country", "FRA", "GOV", ["France"]),
    ("Syria", "country", "SYR", "GOV", ["Syria"]),
    ("United States", "country", "USA", "GOV", ["The United States", "the United States"]),
    ("North Korea", "country", "PRK", "GOV", ["North Korea"]),
    ("Hamas", "organization", "PSE", "REB", ["Hamas"]),
    ("United Nations", "organization", "IGO", None, ["The UN", "the UN"]),
    ("Vladimir Putin", "person", "RUS", "GOV", ["Putin"]),
    ("Joe Biden", "person", "USA", "GOV", ["Biden"]),
    ("the minister", "person", None, "GOV", ["The minister", "the minister"]),
    ("police", "group", None, "COP", ["Police", "police"]),
    ("protesters", "group", None, None, ["protesters", "Protesters"]),
    ("workers", "group", None, "LAB", ["Workers", "workers"]),
    ("students", "group", None, None, ["Students", "students"]),
    ("union", "organization", None, "LAB", ["The union", "the union"]),
    ("gunmen", "group", None, "REB", ["Gunmen", "gunmen"]),
    ("journalists", "group", None, "MED", ["two journalists"]),
    ("opposition leaders", "group", None, "OPP", ["three opposition leaders"]),
    ("embassy", "organization", None, "GOV", ["The embassy", "the embassy"]),
    ("villagers", "group", None, None, ["20 villagers"]),
    ("government", "group", None, "GOV", ["the government"]),
]

# The larger cast of the per-type tables: ACTORS and a few more.
MORE_ACTORS = [
    *ACTORS,
    ("Japan", "country", "JPN", "GOV", ["Japan"]),
    ("Oman", "country", "OMN", "GOV", ["Oman"]),
    ("Venezuela", "country", "VEN", "GOV", ["Venezuela"]),
    ("army", "organization", None, "MIL", ["The army", "the army"]),
    ("court", "organization", None, "JUD", ["The court", "the court"]),
    ("newspaper", "organization", None, "MED", ["the newspaper"]),
    ("Congress", "organization", "USA", "LEG", ["Congress"]),
    ("volunteers", "group", None, None, ["the volunteers"]),
    ("activists", "group", None, "CVL", ["activists"]),
    ("the candidate", "person", None, None, ["The candidate"]),
]


@dataclass
class Extra:
    """What a hand-made document has besides actors: places (name, surface forms), dates
    (surface, value), quotes (surface) and the publication date."""

    places: list[tuple[str, list[str]]] = field(default_factory=list)
    dates: list[tuple[str, str]] = field(default_factory=list)
    quotes: list[str] = field(default_factory=list)
    published: str = "2024-03-15"


def _find_all(text: str, surface: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"(?<!\w)" + re.escape(surface) + r"(?!\w)", text)]


def make_doc(nlp, text: str, extra: Extra | None = None, actors=ACTORS) -> tuple[Document, Context]:
    """A document with hand-made actors (each surface form, as a whole word, where no earlier
    actor's mention already lies), places, dates and quotes, and its parse; body = all."""
    extra = extra or Extra()
    doc = Document(id="t", text=text, meta=Meta(published=extra.published))
    taken: list[tuple[int, int]] = []
    for i, (name, typ, country, sector, surfaces) in enumerate(actors, 1):
        mentions = []
        for s in surfaces:
            for a, b in _find_all(text, s):
                if not any(x < b and a < y for x, y in taken):
                    taken.append((a, b))
                    mentions.append(Span.of(text, a, b))
        if mentions:
            doc.actors.append(
                Actor(f"a{i}", name, typ, country, sector, mentions=sorted(mentions, key=lambda m: m.start))
            )
    for i, (name, surfaces) in enumerate(extra.places, 1):
        ms = [Span.of(text, a, b) for s in surfaces for a, b in _find_all(text, s)]
        doc.places.append(Place(f"p{i}", name, mentions=ms))
    for surface, value in extra.dates:
        a = text.index(surface)
        doc.dates.append(DateExpr(surface, a, a + len(surface), value, "day" if len(value) == 10 else "year"))
    for i, inner in enumerate(extra.quotes, 1):
        a = text.index(inner)
        doc.quotes.append(Quote(f"q{i}", inner, a, a + len(inner), "direct"))
    ctx = Context(sp=nlp(text), body=(0, len(text)))
    return doc, ctx


def code(nlp, stage, text: str, extra: Extra | None = None, actors=ACTORS) -> Document:
    """The events stage alone on a hand-made document, checked against the schema."""
    doc, ctx = make_doc(nlp, text, extra, actors)
    stage(doc, ctx)
    assert_valid(doc.to_dict())
    return doc


def code_more(nlp, stage, text: str, extra: Extra | None = None) -> Document:
    """``code`` with ``MORE_ACTORS``."""
    return code(nlp, stage, text, extra, actors=MORE_ACTORS)


def actor_names(doc: Document, ids: list[str]) -> list[str]:
    """The names of the actors with these ids, in order."""
    by_id = {a.id: a.name for a in doc.actors}
    return [by_id[i] for i in ids]


def first_event(doc: Document, type_: str):
    """The first event of ``type_``; fails the test when there is none."""
    found = [e for e in doc.events if e.type == type_]
    assert found, f"no {type_} event in {[(e.type, e.trigger.text) for e in doc.events]}"
    return found[0]


def main_event(doc: Document):
    """The asserted, non-negated event with the highest confidence (as the evaluation picks)."""
    cands = [e for e in doc.events if not e.negated]
    assert cands, f"no event in {[(e.type, e.trigger.text) for e in doc.events]}"
    return max(cands, key=lambda e: (e.modality == "asserted", e.confidence, -e.trigger.start))


def event_types(doc: Document) -> list[str]:
    return [e.type for e in doc.events]
