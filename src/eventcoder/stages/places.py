"""Places: GPE, LOC and FAC mentions geocoded offline.

Every candidate a name can denote comes from the gazetteer
(:mod:`.place_gazetteer`: curated aliases, countries, first-level regions,
GeoNames cities of 15,000 people or more).  The stage picks one by score:

=========================  ==============================================
curated alias              130 (the alias table is the intended reading)
country                    120
region                     95 (dropped when a city of the same name lies
                           in the same country: "Tehran" the province is
                           named after the city, and the city is meant)
city                       40 + 10 x log10(population), so 15,000 -> 82,
                           1 million -> 100, 10 million -> 110
matched only by one of a   -8, and only considered when no candidate
city's alternate names     has the name as its own ("Bethlehem" is also
                           an old name of Belem, Brazil)
country already named      +25 for a country, +30 for a region ("Georgia"
elsewhere in the document  in an article on US politics is the state), +8
                           for a city, when the candidate's country is the
                           country of another place mention
qualified ("Irving,        +60 when the candidate lies in the country or
Texas", "KYIV, Ukraine")   US state that follows the name after a comma
=========================  ==============================================

Ties go to the kind listed first, then to the larger population.  So a bare
name is a country or region before it is a town ("Palestine" is the
territory, never the town in Texas), and among towns the largest wins unless
the article is about another country ("Paris" is France's; in an article
about Texas the bonus may still not outweigh Paris, France's population).

Several mentions of one place are one Place.  A name the gazetteer does not
know but that contains a known place ("Volgograd Arena", "Municipality of
Livorno") is that facility, with the country and coordinates of the place it
names.  A name the gazetteer does not know followed by a known country or
state ("Clairton, Pennsylvania") is a place in that country, without
coordinates.  Other unknown names are kept, without country or coordinates,
when they are locations or facilities (LOC, FAC), or GPEs after a locative
preposition ("in Kutama"), and when no person, organisation or group actor
claims the same words (spaCy calls many surnames GPE).  The dateline place (``doc.meta.dateline``) becomes a place whose
mention is the dateline's place name ("TEHRAN" in "TEHRAN- ..."), so events
can find it by the dateline's offsets.

Places named inside organisation and facility names are mentions of their own
("University of [Helsinki]", "[Irving] Police Department"; see ``_nested``),
except in news organisations' names.  A place name that is the surname of a
person actor whose mention covers it ("Paris" of Valeska Paris) is no place.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from itertools import pairwise

from ..document import Document, MentionIndex, Place, Span
from .base import Context
from .place_gazetteer import Candidate, Gazetteer, name_key, shared

_LABELS = frozenset({"GPE", "LOC", "FAC"})
_KIND_RANK = {
    "alias": 0,
    "country": 1,
    "territory": 2,
    "region": 3,
    "continent": 4,
    "area": 5,
    "city": 6,
    "landmark": 7,
}
_DIRECTIONS = re.compile(
    r"^(?:north|south|east|west|central|northern|southern|eastern|western|northeastern|northwestern|southeastern|southwestern|north-eastern|north-western|south-eastern|south-western|occupied|mainland|greater|downtown|rural|upstate)\s+",
    re.I,
)
_DEMONYM = re.compile(r"(?:ian|ians|ean|eans|ese|ish|ic|i|is|ans)$")
_LOCATIVE = frozenset(
    {
        "in",
        "at",
        "near",
        "outside",
        "from",
        "to",
        "into",
        "across",
        "around",
        "inside",
        "throughout",
        "towards",
        "toward",
        "via",
    }
)
_COMMA = re.compile(r"\s*,\s*")
# "to Jackson", "from Lincoln": often people.  Both cases spelled out: faster than (?i:...).
_PREPS = "|".join(w for p in sorted(_LOCATIVE - {"to", "from"}) for w in (p, p.capitalize()))
_AFTER_LOCATIVE = re.compile(rf"\b(?:{_PREPS})\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*)")
# Names of organisations and facilities that name a place inside them ("University of Helsinki",
# "Irving Police Department"): the place is a mention of its own.  Cities need this many people
# (a town called Johnson or Sandia is more likely a person or a word).
_NESTED_CITY_MIN = 100_000
_NESTED_LABELS = frozenset({"ORG", "FAC"})
# Sectors of organisations whose names' places are no locations of what they report.
_NO_NESTED_SECTORS = frozenset({"JRN"})


def gazetteer() -> Gazetteer:
    """One gazetteer per process (shared with the actors stage): it is read-only once loaded."""
    return shared()


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    label: str
    cands: list[Candidate] = field(default_factory=list)
    qualifier: list[Candidate] = field(default_factory=list)
    choice: Candidate | None = None
    within: Candidate | None = None  # a known place inside an unknown name
    locative: bool = False  # after "in", "at", "near" ...
    actor: bool = False  # the words of a person, organisation or group actor
    ignored: bool = False  # a generic word ("the West") that names no one place
    nested: bool = False  # a place named inside an organisation's or facility's name


class PlaceStage:
    name = "places"

    def __init__(self, gaz: Gazetteer | None = None):
        self.gaz = gaz or gazetteer()
        nouns = "|".join(sorted(self.gaz.area_nouns)) or "(?!)"
        self._area = re.compile(rf"\b(?:{nouns})\b")
        self._cache: dict[str, list[Candidate]] = {}

    def __call__(self, doc: Document, ctx: Context) -> None:
        mentions = self._mentions(doc, ctx)
        for m in mentions:
            m.cands = m.cands or self._lookup(m.text)
            m.ignored = self.gaz.ignored(m.text)
        for m, nxt in pairwise(mentions):
            # "Irving, Texas", "Mindanao, Philippines": the second names where the first is.
            if _COMMA.fullmatch(doc.text[m.end : nxt.start]):
                m.qualifier = [c for c in nxt.cands if c.kind in ("country", "region", "territory")]
        for m in mentions:
            if not m.cands:
                m.within = self._within(m.text)
        # Countries the document names, each with the mention texts that name it.
        named: dict[str, set[str]] = {}
        for m in mentions:
            if m.nested:
                continue
            best = _best(m.cands, set(), m.qualifier)
            if (
                best is not None
                and best.country
                and (best.kind != "city" or len({c.country for c in m.cands}) == 1)
            ):
                named.setdefault(best.country, set()).add(name_key(m.text))
        for m in mentions:
            key = name_key(m.text)
            context = {cc for cc, texts in named.items() if texts - {key}}
            m.choice = _best(m.cands, context, m.qualifier)
            if m.nested and not self._nested_ok(m, context):
                m.choice = None
        doc.places = _group(doc, [m for m in mentions if m.choice is not None or not m.nested])

    def _lookup(self, text: str) -> list[Candidate]:
        got = self._cache.get(text)
        if got is None:
            got = self.gaz.lookup(text)
            if not got:
                bare = _DIRECTIONS.sub("", text)
                if bare != text:
                    got = self.gaz.lookup(bare)
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[text] = got
        return got

    def _within(self, text: str) -> Candidate | None:
        """A known place named inside an unknown name, longest first."""
        words = text.split()
        if len(words) < 2:
            return None
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                part = " ".join(words[i : i + n])
                if not part[:1].isupper():
                    continue
                best = _best([c for c in self._lookup(part) if c.kind != "area"], set(), [])
                if best is not None:
                    return best
        return None

    def _mentions(self, doc: Document, ctx: Context) -> list[_Mention]:
        out: list[_Mention] = []
        dl = doc.meta.dateline
        if dl is not None:
            end = dl.start + len(dl.place)
            if doc.text[dl.start : end].lower() == dl.place.lower():
                out.append(_Mention(dl.start, end, dl.place, "DATELINE"))
        body_end = ctx.body[1]
        actors = MentionIndex.of_actors(doc.actors) if doc.actors else None
        kinds = {a.id: a.type for a in doc.actors}
        teams: set[tuple[int, int]] = ctx.notes.get("actors.teams") or set()
        person_spans = {(m.start, m.end) for a in doc.actors if a.type == "person" for m in a.mentions}
        # The surnames of person actors: a place name that is one, where that person's mention
        # covers it, is the person.
        surnames = {
            a.id: {name_key(a.name.split()[-1])} for a in doc.actors if a.type == "person" and " " in a.name
        }
        for ent in ctx.sp.ents:
            if ent.start_char >= body_end:
                continue
            if ent.label_ == "PERSON":
                # spaCy sometimes calls a town a person ("raided Jenin"): a curated
                # place name, or a known place after "in", is a place all the same.
                prev = ctx.sp[ent.start - 1].lower_ if ent.start > 0 else ""
                cands = self._lookup(ent.text)
                if not any(c.source == "alias" and c.kind != "landmark" for c in cands) and not (
                    prev in ("in", "near", "outside", "inside") and cands
                ):
                    continue
            elif ent.label_ in ("ORG", "NORP"):
                # "from Herat" tagged ORG, "between Sochi and ..." tagged NORP: a one-word name
                # whose country is clear, after a locative preposition, with no actor on it.
                prev = ctx.sp[ent.start - 1].lower_ if ent.start > 0 else ""
                text = ent.text
                # "in the Odesa region" with 'Odesa' tagged NORP: the name of an area.
                area = ent.root.dep_ == "compound" and ent.root.head.lower_ in self.gaz.area_nouns
                if (
                    len(ent) != 1
                    or (prev not in _LOCATIVE | {"between"} and not area)
                    or text.isupper()
                    or self.gaz.country_of(text) is None
                    or (actors is not None and actors.best(ent.start_char, ent.end_char) is not None)
                ):
                    continue
            elif ent.label_ not in _LABELS:
                continue
            toks = list(ent)
            while toks and (toks[0].lower_ in ("the", "a") or toks[0].is_punct):
                toks = toks[1:]
            while toks and (toks[-1].lower_ in ("'s", "’s", "'") or toks[-1].is_punct):
                toks = toks[:-1]
            if not toks:
                continue
            start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
            if any(m.start < end and start < m.end for m in out):
                continue  # the dateline's place, again
            if (start, end) in teams:
                continue  # "Belgium" beat "Panama": national teams in a sports report, no places
            prev = ctx.sp[toks[0].i - 1].lower_ if toks[0].i > 0 else ""
            hit = actors.best(start, end) if actors is not None else None
            if hit is not None and name_key(doc.text[start:end]) in surnames.get(hit[1], ()):
                continue  # "Paris" said, of Valeska Paris: the person's name, no place
            if (
                hit is not None
                and kinds.get(hit[1]) == "person"
                and (start, end) in person_spans
                and prev not in _LOCATIVE
            ):
                continue  # "their child, Gloria" (tagged a place): the whole of a person's mention
            out.append(
                _Mention(
                    start,
                    end,
                    doc.text[start:end],
                    ent.label_,
                    locative=prev in _LOCATIVE,
                    actor=hit is not None and kinds.get(hit[1]) in ("person", "organization", "group"),
                )
            )
        out.extend(self._nested(doc, ctx, out, actors))
        out.extend(self._untagged(doc.text, ctx, out, actors))  # not sp.text: rebuilt per call
        out.sort(key=lambda m: m.start)
        return out

    def _untagged(
        self, full: str, ctx: Context, found: list[_Mention], actors: MentionIndex | None
    ) -> list[_Mention]:
        """A proper name the tagger left out, right after "in", "near", "outside" ..., that is
        a large city or a curated place of one clear country ("killed in Odesa")."""
        out: list[_Mention] = []
        sp = ctx.sp
        hits = [h.span(1) for h in _AFTER_LOCATIVE.finditer(full, 0, ctx.body[1])]
        # "shelled the Donetsk region": the proper-noun compounds of an area noun (area nouns
        # are rare, so find them first and read their modifiers from the parse)
        for a in self._area.finditer(full, 0, ctx.body[1]):
            noun = sp.char_span(a.start(), a.end())
            if noun is None:
                continue
            names = [t for t in noun.root.lefts if t.dep_ == "compound" and t.pos_ == "PROPN"]
            if names and names[-1].i == noun.root.i - 1:
                hits.append((names[0].idx, names[-1].idx + len(names[-1].text)))
        for start, end in dict.fromkeys(hits):  # "in Donetsk region" is found both ways
            text = full[start:end]
            # Cheapest tests first: most capitalised words after "in" are tagged names already.
            if text.isupper() or any(m.start < end and start < m.end for m in found):
                continue
            if self.gaz.country_of(text) is None:
                continue
            span = sp.char_span(start, end)
            if span is None or any(t.ent_type_ or t.pos_ != "PROPN" for t in span):
                continue
            if actors is not None and actors.best(start, end) is not None:
                continue
            out.append(_Mention(start, end, text, "GPE", locative=True))
        return out

    def _nested_ok(self, m: _Mention, context: set[str]) -> bool:
        """A place inside an organisation's name is taken when the name is clear: a country or
        curated name, a region or a name of two or more words whose country is clear, or a city
        of one word whose country the report names elsewhere or that has half a million people
        ("Metro" of "Metro Toronto Convention Centre" is a town in Indonesia, the "George" of
        "George Floyd Justice Act" one in South Africa)."""
        c = m.choice
        if c is None:
            return False
        if c.kind == "country" or c.source == "alias":
            return True
        if self.gaz.country_of(m.text) is None:
            return False
        return " " in m.text or c.kind != "city" or c.country in context or c.population >= 500_000

    def _nested(
        self, doc: Document, ctx: Context, found: list[_Mention], actors: MentionIndex | None
    ) -> list[_Mention]:
        """Places named inside organisation and facility names: "University of [Helsinki]",
        "[Irving] Police Department", "University of [Texas] [Arlington]".  A run of capitalised
        words, longest first, that is a country, a curated place, a region or a city of
        _NESTED_CITY_MIN people by its own name; not in the names of news organisations (a
        report "in the New York Times" did not happen in New York)."""
        out: list[_Mention] = []
        sectors = {a.id: a.sector for a in doc.actors}
        body_end = ctx.body[1]
        for ent in ctx.sp.ents:
            if ent.label_ not in _NESTED_LABELS or ent.start_char >= body_end or len(ent) < 2:
                continue
            hit = actors.best(ent.start_char, ent.end_char) if actors is not None else None
            if hit is not None and sectors.get(hit[1]) in _NO_NESTED_SECTORS:
                continue
            toks = [t for t in ent if not t.is_punct]
            i = 0
            while i < len(toks):
                done = 0
                for n in range(min(3, len(toks) - i), 0, -1):
                    part = toks[i : i + n]
                    if len(part) == len(toks) or not all(_name_word(t.text) for t in part):
                        continue
                    if any(b.i - a.i != 1 for a, b in pairwise(part)):
                        continue
                    start, end = part[0].idx, part[-1].idx + len(part[-1].text)
                    if any(m.start == start and m.end == end for m in found):
                        continue
                    cands = [c for c in self._lookup(doc.text[start:end]) if _nestable(c)]
                    if cands and not self.gaz.ignored(doc.text[start:end]):
                        out.append(
                            _Mention(start, end, doc.text[start:end], "NESTED", cands=cands, nested=True)
                        )
                        done = n
                        break
                i += max(done, 1)
        return out


def _name_word(w: str) -> bool:
    """A capitalised word of letters, periods allowed ("U.S.")."""
    return w[:1].isupper() and w.replace(".", "").isalpha()


def _nestable(c: Candidate) -> bool:
    if c.source == "alternate":
        return False
    if c.source == "alias" or c.kind in ("country", "region", "territory"):
        return c.kind not in ("landmark", "area", "continent")
    return c.kind == "city" and c.population >= _NESTED_CITY_MIN


def _score(c: Candidate, context: set[str], qualifier: list[Candidate]) -> float:
    if c.source == "alias":
        s = 130.0
    elif c.kind == "country":
        s = 120.0
    elif c.kind == "city":
        s = 40 + 10 * math.log10(max(c.population, 1000))
    else:
        s = 95.0
    if c.source == "alternate":
        s -= 8
    if c.country and c.country in context:
        # Among towns, size still counts: London, Ontario needs more than a
        # mention of Canada to beat London, England.
        s += {"city": 8, "country": 25}.get(c.kind, 30)
    if qualifier and c.country:
        for q in qualifier:
            if q.country == c.country and (q.kind == "country" or not q.admin1 or q.admin1 == c.admin1):
                s += 60
                break
    return s


def _best(cands: list[Candidate], context: set[str], qualifier: list[Candidate]) -> Candidate | None:
    if not cands:
        return None
    # A name that is some place's own name never means a place that merely
    # lists it among its alternate names ("Bethlehem" is also a name of Belem).
    if any(c.source != "alternate" for c in cands):
        cands = [c for c in cands if c.source != "alternate"]
    cities = {(c.country, name_key(c.name)) for c in cands if c.kind == "city"}
    pool = [
        c
        for c in cands
        if not (c.kind == "region" and c.source != "alias" and (c.country, name_key(c.name)) in cities)
    ]
    return max(
        pool,
        key=lambda c: (
            _score(c, context, qualifier),
            -_KIND_RANK.get("alias" if c.source == "alias" else c.kind, 9),
            c.population,
        ),
    )


def _keep_unresolved(m: _Mention) -> bool:
    if not m.text[:1].isupper() or m.actor or m.ignored:
        return False
    if m.label in ("LOC", "FAC", "DATELINE") or m.qualifier:
        return True
    words = m.text.split()
    return m.locative and not (len(words) == 1 and _DEMONYM.search(m.text.lower()))


def _group(doc: Document, mentions: list[_Mention]) -> list[Place]:
    places: list[Place] = []
    by_key: dict[str, Place] = {}
    for m in mentions:
        c = m.choice
        if c is None:
            if not _keep_unresolved(m):
                continue
            key = "text:" + name_key(m.text)
            if m.within is not None:  # "Volgograd Arena": the arena, where Volgograd is
                w = m.within
                c = Candidate(uid=key, name=m.text, kind="landmark", country=w.country, lat=w.lat, lon=w.lon)
            elif m.qualifier:  # "Clairton, Pennsylvania": a town we do not know, in a state we do
                c = Candidate(uid=key, name=m.text, kind="city", country=m.qualifier[0].country)
        else:
            key = c.uid
        place = by_key.get(key)
        if place is None:
            if c is None:
                place = Place(id="", name=m.text)
            else:
                place = Place(
                    id="",
                    name=c.name,
                    country=c.country,
                    lat=None if c.lat is None else round(c.lat, 5),
                    lon=None if c.lon is None else round(c.lon, 5),
                    geonameid=c.geonameid,
                )
            by_key[key] = place
            places.append(place)
        place.mentions.append(Span.of(doc.text, m.start, m.end))
    for i, p in enumerate(places, 1):
        p.id = f"p{i}"
    return places
