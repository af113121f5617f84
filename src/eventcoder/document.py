"""The document model and its JSON contract (``eventcoder.document/2``).

Everything a stage finds is stored here as plain dataclasses whose offsets are
Python ``str`` indices into ``Document.text`` (end exclusive).  This module
imports nothing else of the package, so every layer can depend on it.
"""

from __future__ import annotations

import bisect
import hashlib
from dataclasses import dataclass, field
from typing import Any

SCHEMA = "eventcoder.document/2"
SCHEMA_FILE = "document-2.json"
# Older contracts this version still reads (and upgrades on load).
READABLE_SCHEMAS = ("eventcoder.document/1", SCHEMA)

ACTOR_TYPES = ("person", "organization", "country", "group")
QUOTE_KINDS = ("direct", "indirect", "mixed")
MODALITIES = ("asserted", "future", "hypothetical", "historical")
PRECISIONS = ("day", "month", "year", "range")
EVENT_TYPES = (
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
)


@dataclass
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Span | None:
        if d is None:
            return None
        return cls(int(d["start"]), int(d["end"]), d["text"])

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """A span of ``text`` with its characters copied from it."""
        return cls(start, end, text[start:end])

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


def _span(d: dict[str, Any]) -> Span:
    span = Span.from_dict(d)
    assert span is not None
    return span


def _opt(d: Span | None) -> dict[str, Any] | None:
    return None if d is None else d.to_dict()


@dataclass
class Dateline:
    place: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "start": self.start, "end": self.end}


@dataclass
class Meta:
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    dateline: Dateline | None = None
    license: str | None = None
    language: str = "en"
    sha256: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "source": self.source,
            "url": self.url,
            "published": self.published,
            "dateline": None if self.dateline is None else self.dateline.to_dict(),
            "license": self.license,
            "language": self.language,
            "sha256": self.sha256,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Meta:
        dl = d.get("dateline")
        return cls(
            title=d.get("title"),
            source=d.get("source"),
            url=d.get("url"),
            published=d.get("published"),
            dateline=None if dl is None else Dateline(dl["place"], dl["start"], dl["end"]),
            license=d.get("license"),
            language=d.get("language", "en"),
            sha256=d.get("sha256", ""),
        )


@dataclass
class Actor:
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    title: str | None = None
    wikidata: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "sector": self.sector,
            "title": self.title,
            "wikidata": self.wikidata,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Actor:
        return cls(
            id=d["id"],
            name=d["name"],
            type=d["type"],
            country=d.get("country"),
            sector=d.get("sector"),
            title=d.get("title"),
            wikidata=d.get("wikidata"),
            mentions=[_span(m) for m in d.get("mentions", [])],
        )


@dataclass
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: str
    speaker: str | None = None
    speaker_mention: Span | None = None
    cue: Span | None = None
    confidence: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "speaker": self.speaker,
            "speaker_mention": _opt(self.speaker_mention),
            "cue": _opt(self.cue),
            "confidence": round(float(self.confidence), 4),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(
            id=d["id"],
            text=d["text"],
            start=d["start"],
            end=d["end"],
            kind=d["kind"],
            speaker=d.get("speaker"),
            speaker_mention=Span.from_dict(d.get("speaker_mention")),
            cue=Span.from_dict(d.get("cue")),
            confidence=d.get("confidence", 0.0),
        )


@dataclass
class Event:
    id: str
    type: str
    trigger: Span
    evidence: Span
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    date: str | None = None
    location: str | None = None
    negated: bool = False
    modality: str = "asserted"
    quote: str | None = None
    cameo: str | None = None
    confidence: float = 0.0
    quad_class: int | None = None
    intensity: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "context": list(self.context),
            "actor": list(self.actor),
            "recipient": list(self.recipient),
            "date": self.date,
            "location": self.location,
            "negated": self.negated,
            "modality": self.modality,
            "quote": self.quote,
            "trigger": self.trigger.to_dict(),
            "evidence": self.evidence.to_dict(),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "intensity": self.intensity,
            "confidence": round(float(self.confidence), 4),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=d["id"],
            type=d["type"],
            trigger=_span(d["trigger"]),
            evidence=_span(d["evidence"]),
            mode=d.get("mode"),
            context=list(d.get("context", [])),
            actor=list(d.get("actor", [])),
            recipient=list(d.get("recipient", [])),
            date=d.get("date"),
            location=d.get("location"),
            negated=bool(d.get("negated", False)),
            modality=d.get("modality", "asserted"),
            quote=d.get("quote"),
            cameo=d.get("cameo"),
            confidence=d.get("confidence", 0.0),
            quad_class=d.get("quad_class"),
            intensity=d.get("intensity"),
        )


@dataclass
class Place:
    id: str
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    mentions: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
            "mentions": [m.to_dict() for m in self.mentions],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Place:
        return cls(
            id=d["id"],
            name=d["name"],
            country=d.get("country"),
            lat=d.get("lat"),
            lon=d.get("lon"),
            geonameid=d.get("geonameid"),
            mentions=[_span(m) for m in d.get("mentions", [])],
        )


@dataclass
class DateExpr:
    text: str
    start: int
    end: int
    value: str | None = None
    precision: str = "day"

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": self.value,
            "precision": self.precision,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DateExpr:
        return cls(d["text"], d["start"], d["end"], d.get("value"), d.get("precision", "day"))


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class Document:
    id: str
    text: str
    meta: Meta = field(default_factory=Meta)
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    dates: list[DateExpr] = field(default_factory=list)
    schema: str = SCHEMA

    def __post_init__(self) -> None:
        if not self.meta.sha256:
            self.meta.sha256 = sha256_text(self.text)

    # -- JSON contract -------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": self.schema,
            "id": self.id,
            "text": self.text,
            "meta": self.meta.to_dict(),
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "places": [p.to_dict() for p in self.places],
            "dates": [d.to_dict() for d in self.dates],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        if d.get("schema") not in READABLE_SCHEMAS:
            raise ValueError(f"unsupported schema {d.get('schema')!r}; expected {SCHEMA!r}")
        return cls(
            id=d["id"],
            text=d["text"],
            meta=Meta.from_dict(d.get("meta", {})),
            actors=[Actor.from_dict(a) for a in d.get("actors", [])],
            quotes=[Quote.from_dict(q) for q in d.get("quotes", [])],
            events=[Event.from_dict(e) for e in d.get("events", [])],
            places=[Place.from_dict(p) for p in d.get("places", [])],
            dates=[DateExpr.from_dict(x) for x in d.get("dates", [])],
            # Reading an older contract upgrades it: the new fields start empty.
            schema=SCHEMA,
        )

    # -- lookups shared by stages and interfaces ------------------------------
    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)

    def actor(self, actor_id: str | None) -> Actor | None:
        if actor_id is None:
            return None
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def place(self, place_id: str | None) -> Place | None:
        if place_id is None:
            return None
        for p in self.places:
            if p.id == place_id:
                return p
        return None

    def quote(self, quote_id: str | None) -> Quote | None:
        if quote_id is None:
            return None
        for q in self.quotes:
            if q.id == quote_id:
                return q
        return None


class MentionIndex:
    """Find which actor (or place) mention covers a character range.

    Built once per stage from a list of ``(span, owner_id)``; lookups are
    O(log n).  Where mentions nest, the tightest one that overlaps wins.
    """

    def __init__(self, items: list[tuple[Span, str]]):
        self._items = sorted(items, key=lambda it: (it[0].start, it[0].end))
        self._starts = [s.start for s, _ in self._items]

    @classmethod
    def of_actors(cls, actors: list[Actor]) -> MentionIndex:
        return cls([(m, a.id) for a in actors for m in a.mentions])

    @classmethod
    def of_places(cls, places: list[Place]) -> MentionIndex:
        return cls([(m, p.id) for p in places for m in p.mentions])

    def overlapping(self, start: int, end: int) -> list[tuple[Span, str]]:
        hi = bisect.bisect_left(self._starts, end)
        return [(s, i) for s, i in self._items[:hi] if s.end > start]

    def best(self, start: int, end: int) -> tuple[Span, str] | None:
        """The mention overlapping [start, end) most, shortest first on ties."""
        hits = self.overlapping(start, end)
        if not hits:
            return None

        def score(it: tuple[Span, str]) -> tuple[int, int]:
            s = it[0]
            return (min(s.end, end) - max(s.start, start), -(s.end - s.start))

        return max(hits, key=score)

    def owner(self, start: int, end: int) -> str | None:
        hit = self.best(start, end)
        return None if hit is None else hit[1]
