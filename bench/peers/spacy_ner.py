"""Bare spaCy NER as an entity tagger: PERSON -> person, ORG -> organization, GPE/LOC/FAC -> place.

NORP (nationalities, "Iranian") has no GUM/UNER counterpart among names of
persons, organisations and places, so it is left out.  Every entity is its own
actor or place: spaCy does no coreference.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventcoder.document import Actor, Document, Meta, Place, Span
from eventcoder.evaluate.gold import GoldItem
from eventcoder.records import Failure

NAME = "spaCy NER"
ACTOR_LABELS = {"PERSON": "person", "ORG": "organization"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


def _doc(item: GoldItem, sp: Any) -> Document:
    doc = Document(id=item.id, text=item.text, meta=Meta(published=item.published))
    for ent in sp.ents:
        span = Span.of(item.text, ent.start_char, ent.end_char)
        if ent.label_ in ACTOR_LABELS:
            doc.actors.append(
                Actor(
                    id=f"a{len(doc.actors) + 1}",
                    name=span.text,
                    type=ACTOR_LABELS[ent.label_],
                    mentions=[span],
                )
            )
        elif ent.label_ in PLACE_LABELS:
            doc.places.append(Place(id=f"p{len(doc.places) + 1}", name=span.text, mentions=[span]))
    return doc


def producer(nlp: Any):
    def produce(items: list[GoldItem]) -> Iterator[Document | Failure]:
        for item, sp in zip(items, nlp.pipe(i.text for i in items), strict=True):
            yield _doc(item, sp)

    return produce
