"""Cheap integrity checks a document must pass before it is stored.

The JSON Schema check (jsonschema) costs milliseconds per document; these
checks cost microseconds and catch what would corrupt the store or mislead a
reader: ids that repeat (they are primary keys), spans that do not point at
their own text, references to actors, places or quotes that do not exist.
"""

from __future__ import annotations

from ..document import Document, Span
from ..records import Failure

MAX_PROBLEMS = 3


def invalid(doc: Document, where: str) -> Failure | None:
    """The failure to report for a document that must not be stored, else None."""
    bad = problems(doc)
    if not bad:
        return None
    return Failure(where, doc.id, f"{where}: extraction produced an invalid document ({'; '.join(bad)})")


def problems(doc: Document) -> list[str]:
    """What is wrong with ``doc`` (at most a few items); empty when it may be stored."""
    out: list[str] = []
    text = doc.text
    n = len(text)

    def span(where: str, s: Span | None) -> None:
        if s is not None and not (0 <= s.start <= s.end <= n and text[s.start : s.end] == s.text):
            out.append(f"{where} span {s.start}-{s.end} does not match the text")

    if not isinstance(doc.id, str) or not doc.id:
        out.append("empty document id")
    actor_ids = _unique("actor", [a.id for a in doc.actors], out)
    place_ids = _unique("place", [p.id for p in doc.places], out)
    quote_ids = _unique("quote", [q.id for q in doc.quotes], out)
    _unique("event", [e.id for e in doc.events], out)
    for a in doc.actors:
        for m in a.mentions:
            span(f"actor {a.id}", m)
    for p in doc.places:
        for m in p.mentions:
            span(f"place {p.id}", m)
    for q in doc.quotes:
        span(f"quote {q.id}", Span(q.start, q.end, q.text))
        span(f"quote {q.id} speaker", q.speaker_mention)
        span(f"quote {q.id} cue", q.cue)
        if q.speaker is not None and q.speaker not in actor_ids:
            out.append(f"quote {q.id} names unknown speaker {q.speaker!r}")
    for e in doc.events:
        span(f"event {e.id} trigger", e.trigger)
        span(f"event {e.id} evidence", e.evidence)
        unknown = [a for a in (*e.actor, *e.recipient) if a not in actor_ids]
        if unknown:
            out.append(f"event {e.id} names unknown actor(s) {', '.join(unknown)}")
        if e.location is not None and e.location not in place_ids:
            out.append(f"event {e.id} names unknown place {e.location!r}")
        if e.quote is not None and e.quote not in quote_ids:
            out.append(f"event {e.id} names unknown quote {e.quote!r}")
    for i, d in enumerate(doc.dates):
        span(f"date {i}", Span(d.start, d.end, d.text))
    return out[:MAX_PROBLEMS]


def _unique(kind: str, ids: list[str], out: list[str]) -> set[str]:
    seen = set(ids)
    if len(seen) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        out.append(f"{kind} id(s) {', '.join(dup)} used twice")
    return seen
