"""Actors: who the report talks about, each with country, sector, title and identity.

The stage finds mentions (``actor_mentions``), joins them into actors (``actor_coref``), and
then reads each actor's attributes off its mentions, its affiliations and the gazetteer
(``actor_gazetteer``), in this order of trust: the gazetteer's role on the report's date,
what the text says (titles, demonyms, appositions), the gazetteer's standing facts, and an
affiliated organisation.  It leaves for later stages:

* ``ctx.notes["actors.token"]``: ``{token index: actor id}`` for every token of a mention;
* ``ctx.notes["actors.resolve"]``: ``resolve(token) -> actor id | None``, which also follows
  a relative pronoun to its noun, an apposition to its head, and a title or agent noun that
  is not a mention to the actor in its possessor or compound ("Iran's envoy" -> Iran);
* ``ctx.notes["actors.affiliation"]``: ``{person id: organisation or country id}`` where the
  text ties a person to one ("X, head of the political bureau of Hamas"); the speakers stage
  reads it to decide who a speaker's "we" is;
* ``ctx.notes["actors.things"]``: token indices of "it"/"they" the stage found to mean a thing
  ("the samples are small and they ..."), which the speakers stage leaves alone too;
* ``ctx.notes["actors.gender"]``: ``{person id: "m" | "f"}`` where titles, honorifics, given
  names or the gazetteer tell (the speakers stage matches quoted "he"/"she" with it).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from ..document import Actor, Document, Span
from .actor_coref import Cluster, Coref
from .actor_gazetteer import load_gazetteer
from .actor_mentions import MentionFinder, Parse
from .actor_quotes import quote_regions
from .actor_tables import Tables, data_path, key, load_tables
from .base import Context
from .place_gazetteer import shared as place_gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .actor_mentions import Mention


# Sectors of the state apparatus: an actor in one of them belongs to some state.
STATE_SECTORS = frozenset({"GOV", "LEG", "JUD", "COP", "MIL", "SPY"})
# Sectors of the state that act at home only (a judge, a police chief, a legislator).
HOME_SECTORS = frozenset({"LEG", "JUD", "COP"})
# Non-state sectors whose bodies are of the country they contend in: rebels, parties, the opposition.
DOMESTIC_SECTORS = frozenset({"REB", "PTY", "OPP"})


def _day(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


class ActorStage:
    """Loads the tables and gazetteer once; every call works on a fresh per-document object
    (``_Run``, ``MentionFinder``, ``Coref``), so one stage may serve several threads."""

    name = "actors"

    def __init__(self, extra_gazetteers: list[str] | None = None):
        self.tables: Tables = load_tables()
        self.gazetteer = load_gazetteer(
            [data_path("gazetteer.jsonl"), *(extra_gazetteers or [])], self.tables
        )
        # Cities and regions stand for their state in an actor's position ("a curfew in
        # Abidjan", "Darfur rebels"): the places stage's gazetteer knows where they are.
        self.place_country = place_gazetteer().country_of
        self._sector_words = frozenset(self.tables.modifiers)
        self._person_nouns = frozenset(
            t for t, a in self.tables.agents.items() if a.kind == "person" and " " not in t
        )

    def __call__(self, doc: Document, ctx: Context) -> None:
        sp = ctx.sp
        day = _day(doc.meta.published)
        parse = Parse.read(sp, doc.text)
        sent_starts = [parse.idx[i] for i in parse.sent_start_tok]
        parse.mark_quotes(quote_regions(doc.text, ctx.body, sent_starts))
        mentions = MentionFinder(self.tables, self.gazetteer, self.place_country).find(parse, ctx.body, day)
        coref = Coref(self.gazetteer, self.tables.inverses, self._sector_words)
        clusters = coref.cluster(mentions, parse, day)
        run = _Run(self.tables, doc, parse, mentions, day)
        run.doc_body = ctx.body
        actors, token_map = run.actors(clusters)
        doc.actors = actors
        ctx.notes["actors.token"] = token_map
        ctx.notes["actors.affiliation"] = run.affiliation
        ctx.notes["actors.gender"] = run.gender
        # People known only by a title ("Mr. President"): the speakers stage may find who they are.
        ctx.notes["actors.unnamed"] = run.unnamed
        ctx.notes["actors.person_nouns"] = self._person_nouns  # "citizen", "teacher": words for people
        ctx.notes["actors.resolve"] = _resolver(self.tables, token_map)
        ctx.notes["actors.things"] = coref.declined
        # Country names that stand for national teams in a sports report: the places stage
        # keeps no place for them.
        ctx.notes["actors.teams"] = {(m.cstart, m.cend) for m in mentions if m.team}


class _Run:
    """One document's actors being built from its mentions and clusters."""

    def __init__(
        self, tables: Tables, doc: Document, parse: Parse, mentions: list[Mention], day: date | None
    ):
        self.tables = tables
        self.doc = doc
        self._parse = parse
        self._text = doc.text
        self._mentions = mentions
        self.day = day
        self.affiliation: dict[str, str] = {}  # person id -> organisation id the text ties them to
        self.unnamed: set[str] = set()  # ids of people the report names by no name, only titles
        self.gender: dict[str, str] = {}  # person id -> m | f, where known
        self.doc_body: tuple[int, int] = (0, len(doc.text))
        # How the home country was found: "" (it dominates the report), "named" (a one-sentence
        # report names it), "signal" (a one-sentence report has it from a demonym only).
        self._home_weak = ""

    # -- building the output ----------------------------------------------------------------
    def actors(self, clusters: list[Cluster]) -> tuple[list[Actor], dict[int, str]]:
        doc, ms, day = self.doc, self._mentions, self.day
        of: dict[int, int] = {}
        for ci, c in enumerate(clusters):
            c.mentions.sort(key=lambda k: ms[k].cstart)
            for k in c.mentions:
                of[k] = ci
        # A cluster made only of pronouns or only of a contextual epithet has no referent.
        keep = [c for c in clusters if any(ms[k].kind != "pronoun" for k in c.mentions)]
        keep.sort(key=lambda c: ms[c.mentions[0]].cstart)
        token_of: dict[int, int] = {}  # token -> index in `kept`
        kept: list[tuple[Cluster, list[Span]]] = []
        for c in keep:
            spans: list[Span] = []
            for k in c.mentions:
                m = ms[k]
                toks = range(m.start, m.end)
                if any(t in token_of for t in toks):
                    continue  # a character never belongs to two actors' mentions
                spans.append(doc.span(m.cstart, m.cend))
                for t in toks:
                    token_of[t] = len(kept)
            if spans:
                kept.append((c, spans))
        # Ids in order of first mention, without gaps.
        order = sorted(range(len(kept)), key=lambda n: kept[n][1][0].start)
        rank = {n: r for r, n in enumerate(order)}
        ids = {id(kept[n][0]): f"a{rank[n] + 1}" for n in range(len(kept))}
        token_map = {t: f"a{rank[n] + 1}" for t, n in sorted(token_of.items())}
        actors: list[Actor] = []
        self.affiliation = {}
        for n in order:
            c, spans = kept[n]
            aid = ids[id(c)]
            actors.append(self._actor(aid, c, ms, clusters, of, spans, day))
            affil = self._affiliation(c, ms, clusters, of)
            if affil is not None and id(affil) in ids and affil.type in ("organization", "country"):
                self.affiliation[aid] = ids[id(affil)]
            if c.type == "person" and c.gender:
                self.gender[aid] = c.gender
            if c.type == "person" and not any(ms[k].kind in ("name", "pronoun") for k in c.mentions):
                self.unnamed.add(aid)
        home = self._home_country(ms, keep)
        if home is not None:
            plural_states = {
                ids[id(c)]
                for c in keep
                if id(c) in ids and all(ms[k].agent_kind == "state" and ms[k].plural for k in c.mentions)
            }
            named_people = {
                ids[id(c)] for c in keep if id(c) in ids and any(ms[k].kind == "name" for k in c.mentions)
            }
            for a in actors:
                if a.country is not None or a.type == "country" or a.id in plural_states:
                    continue  # "some governments" are not the home state
                official = a.sector in STATE_SECTORS
                # Rebels, parties and the opposition with no country of their own are the home
                # country's ("the rebel Forces for X", "the Umma party" in a report on Algeria).
                domestic = a.sector in DOMESTIC_SECTORS and a.type in ("organization", "group")
                # In a one-sentence report naming one state, a group of no nationality is of it
                # ("Islamic fundamentalists demanded the resignation of Algerian President X").
                group = a.type == "group" and a.sector not in STATE_SECTORS
                if self._home_weak == "signal":
                    # one sentence naming its state by a demonym only: home offices only
                    ok = (a.type == "person" and a.id in named_people and a.sector in HOME_SECTORS) or group
                elif self._home_weak == "named":
                    # a one-sentence report: a named official ("President X") or a domestic body
                    ok = (
                        (official and a.type == "person" and a.id in named_people)
                        or (domestic and a.type == "organization")
                        or group
                    )
                else:
                    ok = official or domestic
                if ok:
                    a.country = home
        return actors, token_map

    def _home_country(self, ms: list[Mention], clusters: list[Cluster]) -> str | None:
        """The country a report is about, when one clearly dominates its country signals.

        An official with a state sector and no stated country ("Interior Minister X" in a
        report about Poland) is taken to be of that country.
        """
        # Country signals counted once per sentence: names, demonyms, epithets, known actors.
        seen: set[tuple[str, int]] = set()
        for c in clusters:
            for k in c.mentions:
                m = ms[k]
                code = m.state or m.country
                if code and code in self.tables.countries:
                    seen.add((code, m.sent))
            if c.gaz is not None and c.gaz.country in self.tables.countries and c.mentions:
                seen.add((c.gaz.country, ms[c.mentions[0]].sent))
        counts: dict[str, int] = {}
        for code, _sent in seen:
            counts[code] = counts.get(code, 0) + 1
        if not counts:
            return None
        code, top = max(sorted(counts.items()), key=lambda kv: kv[1])
        if sum(1 for v in counts.values() if v == top) > 1:
            return None  # two countries as prominent: neither is the home (and no set order picks one)
        # In at least two sentences and at least half of all country signals: a country in one
        # sentence ("met President X at a lunch hosted by Morocco's ambassador") says nothing of X.
        if top >= 2 and top * 2 >= sum(counts.values()):
            return code
        # A report of one sentence (a brief, a wire summary) that names one state, by its name,
        # capital or a city of it and by nothing else, is about it ("President X imposed a
        # curfew in Algiers"); its people ("met Moroccan diplomats") may be the official's hosts.
        states = {c.state for c in clusters if c.type == "country" and c.state}
        named = any(
            ms[k].named_state and (ms[k].state or ms[k].country) == code for c in clusters for k in c.mentions
        )
        if len(counts) == 1 and states <= {code} and self._sentences() == 1:
            if named:
                self._home_weak = "named"
                return code
            # Named only by a demonym ("28 Chilean government officials"): it is still the home
            # of a judge, a police chief or a legislator, whose offices act at home only.
            self._home_weak = "signal"
            return code
        return None

    def _sentences(self) -> int:
        """How many sentences the report proper has (its words' sentences)."""
        p = self._parse
        lo, hi = self.doc_body
        return len(
            {
                p.sent[i]
                for i in range(len(p.idx))
                if lo <= p.idx[i] < hi and p.pos[i] not in ("PUNCT", "SPACE")
            }
        )

    def _affiliation(
        self, c: Cluster, ms: list[Mention], clusters: list[Cluster], of: dict[int, int]
    ) -> Cluster | None:
        for k in c.mentions:
            a = ms[k].affil
            if a is not None and a in of and clusters[of[a]] is not c:
                return clusters[of[a]]
        return None

    def _actor(
        self,
        aid: str,
        c: Cluster,
        ms: list[Mention],
        clusters: list[Cluster],
        of: dict[int, int],
        spans: list[Span],
        day: date | None,
    ) -> Actor:
        t = self.tables
        mentions = [ms[k] for k in c.mentions]
        gaz = c.gaz
        role = gaz.role_at(day) if gaz is not None else None
        affil = self._affiliation(c, ms, clusters, of)
        affil_country = None
        affil_sector = None
        if affil is not None:
            affil_country = affil.state or (affil.gaz.country if affil.gaz else None) or affil.country
            if affil.type in ("organization", "country"):
                # "supporters of President X" share X's country, not his office
                affil_sector = (affil.gaz.sector if affil.gaz else None) or affil.sector
        if c.type == "country":
            code = c.state
            # A state that acts (subject, possessor) or is named as a government is GOV;
            # one named by government and military descriptions alike gets no single sector.
            sectors = {m.sector for m in mentions if m.sector and m.kind != "pronoun"}
            acts = any(m.subject or self._possessor(m) for m in mentions)
            sector = next(iter(sectors)) if len(sectors) == 1 else ("GOV" if not sectors and acts else None)
            return Actor(aid, t.country_name(code) or code or "", "country", code, sector, None, None, spans)
        text_country = next((m.country for m in mentions if m.country), None)
        text_sector = next((m.sector for m in mentions if m.sector and m.kind != "pronoun"), None)
        country = (
            (role.country if role else None)
            or text_country
            or (gaz.country if gaz else None)
            or affil_country
        )
        sector = (
            (role.sector if role else None)
            or text_sector
            or (gaz.sector if gaz else None)
            or affil_sector
            or next((m.honorific_sector for m in mentions if m.honorific_sector), None)
        )
        country = t.folds.get(country, country) if country else None
        name = self._name(c, mentions)
        title = None
        if c.type == "person":
            title = self._title(mentions, affil, role.title if role else None)
        return Actor(aid, name, c.type, country, sector, title, gaz.wikidata if gaz else None, spans)

    def _possessor(self, m: Mention) -> bool:
        return self._parse is not None and self._parse.dep[m.head] == "poss"

    def _name(self, c: Cluster, mentions: list[Mention]) -> str:
        if c.gaz is not None:
            return c.gaz.name
        names = [m for m in mentions if m.kind == "name" and m.name_text]
        if names:
            best = max(names, key=lambda m: (len(m.name_words) or len(m.name_text.split()), -m.cstart))
            return best.name_text
        for m in mentions:
            if m.kind == "title" and m.title_text and not m.loose:
                return m.title_text
            if m.kind == "group" and m.name_text and not m.loose:
                return m.name_text
        return mentions[0].name_text or mentions[0].title_text or ""

    def _title(self, mentions: list[Mention], affil: Cluster | None, role_title: str | None) -> str | None:
        """What the text calls the person, preferring an apposition, then a title before the
        name, then the gazetteer's office on the report's date, then any title mention."""
        for m in mentions:
            if m.kind == "title" and m.title_text and not m.loose and (m.apposed or m.affil is not None):
                return self._with_affil(m.title_text, m, affil)
        for m in mentions:
            if m.pre_title:
                return m.pre_title
        if role_title:
            return role_title
        for m in mentions:
            if m.kind == "title" and m.title_text and m.office and not m.loose:
                return self._with_affil(m.title_text, m, affil)
        for m in mentions:
            # "his son" says whose son, not what he is
            if m.kind == "title" and m.title_text and not m.loose and m.poss_tok is None:
                return self._with_affil(m.title_text, m, affil)
        return None

    def _with_affil(self, text: str, m: Mention, affil: Cluster | None) -> str:
        """The title with its organisation: "head of the political bureau of Hamas"."""
        if m.affil is None or affil is None:
            return text
        name = affil.gaz.name if affil.gaz else None
        if name is None and affil.state and affil.type == "country":
            name = self.tables.country_name(affil.state)
        if name is not None:
            return f"{text} of {name}"
        # No canonical name: keep the text's own words up to the end of the organisation's name.
        org = self._mentions[m.affil]
        start = self._text.find(text, m.cstart)
        return self._text[start : org.cend] if 0 <= start < org.cend else text


# -- token resolution -----------------------------------------------------------------------
def _resolver(tables: Tables, token_map: dict[int, str]) -> Callable[[Token], str | None]:
    agents = tables.agents

    def resolve(token: Token) -> str | None:
        aid = token_map.get(token.i)
        if aid is not None:
            return aid
        # "who/which/that" heading a relative clause stands for the noun it modifies.
        if token.tag_ in ("WP", "WDT") and token.head.dep_ == "relcl":
            return token_map.get(token.head.head.i)
        if token.dep_ == "appos":
            return token_map.get(token.head.i)
        # An agent noun that is not itself a mention: its possessor or compound modifier.
        if key(token.lemma_) in agents or key(token.text) in agents:
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i in token_map:
                    return token_map[child.i]
        return None

    return resolve
