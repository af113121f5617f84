"""Find actor mentions in a parsed report: names, titles, descriptions, groups, pronouns.

Passes, in order: acronyms spelled out as things (``_spelled_out_things``), entities (with the
tagger's errors corrected: label votes, titles, places, demonyms, names an apposition calls a
person, coordinations, line breaks; cities and regions of the place gazetteer stand for their
state in an actor's position), organisations after "X of"/"from" (``_affiliations``), names
the tagger missed (``_propagate``: names the report already used, the core of an organisation's
name without its generic words ("Zorbology" of "the Church of Zorbology"), gazetteer names,
known given names, acronyms in brackets), metonyms and epithets, descriptions (titles, agent nouns, groups,
with their countries from demonyms, possessives, coordinated modifiers, "of"/"in"/"from"
phrases, cities and regions, and leaders' names), names found under titles, demonyms before
event nouns, pronouns (a subject "it" in a sentence that says I/we/you is the matter at hand,
no mention), appositions (not a time, "Mr. Chairman, this morning, ...", nor a word in
brackets, "Ana Silva (tennis)") and predicates with any noun (``_loose_descriptions``), then
the links between appositions and predicates.  Every lookup is a dict hit on
the key of a span's text (``actor_tables.key``).  Span conventions (documented in
data/actors/README.md): a proper name never includes a leading "the" ("Islamic Republic",
"West Bank"); a description headed by a common noun keeps its article or demonstrative ("the
Zionist regime", "The Leader"), but never a possessive or a quantifier ("his delegation" ->
"delegation", "all Muslims" -> "Muslims"): a possessive pronoun is a mention of its own.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .actor_gazetteer import Entry, Gazetteer
from .actor_tables import COLLECTIVE_KINDS, Agent, Tables, fold, key

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PRONOUNS = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
    "they": "pl", "them": "pl", "their": "pl", "theirs": "pl", "themselves": "pl",
    "it": "n", "its": "n", "itself": "n",
}  # fmt: skip
# Words an organisation's name may add to its short form: "Church of Zorbology" is
# "Zorbology", "Pro-Market NPB" is "NPB"; "Democratic Party" is not "Democratic Movement".
GENERIC_ORG_WORDS = frozenset(
    [
        "the",
        "of",
        "and",
        "church",
        "movement",
        "organization",
        "organisation",
        "group",
        "party",
        "association",
        "society",
    ]
)
# First- and second-person pronouns: a sentence with one speaks to or as someone.
_PERSONAL = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
ARTICLES = {"the", "this", "that", "these", "those", "a", "an"}
DEFINITE = {"the", "this", "that", "these", "those"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# Prepositions after which a country name is where something happens, not who acts.
LOCATIVE_PREPS = {
    "in", "at", "inside", "outside", "near", "across", "throughout", "within", "around", "into",
    "through", "via", "from", "beyond", "along", "off", "onto", "of", "over", "under", "out", "like", "as", "than", "about",
}  # fmt: skip
# A group "in"/"of"/"throughout" a country is of that country.
GROUP_PLACE_PREPS = {"in", "of", "throughout", "across", "inside", "from"}
# After these a capital city acts for its government ("talks with Tehran").
CAPITAL_PREPS = {"by", "with", "against", "between", "toward", "towards", "among"}
# Dependents that end a description's left edge.
STOP_DEPS = {"prep", "relcl", "acl", "cc", "conj", "appos", "predet", "quantmod", "preconj", "mark"}
QUANTIFIERS = {
    "all",
    "some",
    "any",
    "each",
    "every",
    "many",
    "several",
    "both",
    "no",
    "most",
    "few",
    "other",
    "only",
}
# Nouns for a place, whose "of" phrase names it: "a curfew in the border town of Siverek".
PLACE_NOUNS = {
    "town", "city", "village", "capital", "province", "region", "district", "port", "county",
    "governorate", "suburb", "enclave", "camp",
}  # fmt: skip
# A city an organisation is named after gives it its country only if it is this big: smaller
# namesakes are too often words of other languages ("Moro" of a front named after the Moro people).
ORG_CITY_MIN = 500_000
# Prefixes that make a country name a stance, not an affiliation: "an anti-Syria journalist".
STANCE_PREFIXES = {"anti", "pro", "non"}
# Endings of abstract nouns, which name no one: "militarism", "darkness", "moment", "notion".
# Contractions with a curly apostrophe, which the model leaves unlemmatised.
CURLY_CONTRACTIONS = frozenset({"\u2019re", "\u2019m", "\u2019s", "\u2019ve", "\u2019ll", "\u2019d"})


def contraction_lemma(lower: str, next_tag: str) -> str:
    """The lemma of a curly-apostrophe contraction: "’s" is "have" before a past participle
    ("he’s been right"), else "be"; "’d" is "have" before one, else "would"."""
    if lower in ("\u2019s", "\u2019d") and next_tag == "VBN":
        return "have"
    return _CONTRACTION_LEMMAS[lower]


_CONTRACTION_LEMMAS = {
    "\u2019re": "be", "\u2019m": "be", "\u2019s": "be", "\u2019ve": "have", "\u2019ll": "will", "\u2019d": "would",
}  # fmt: skip
# Tags that end a description on its left: a possessive or a mark ("his wife", "X, a writer").
PHRASE_STOP_TAGS = frozenset({"PRP$", "POS", ",", "-LRB-", "``", "''"})


def token_lemma(t: Token) -> str:
    """A token's lemma, a curly-apostrophe contraction's included (see ``Parse.read``)."""
    if t.lower_ in CURLY_CONTRACTIONS:
        return contraction_lemma(t.lower_, t.nbor(1).tag_ if t.i + 1 < len(t.doc) else "")
    return t.lemma_


def negated(verb: Token) -> bool:
    """Is the verb negated ("she is not a judge")?  "Not only", "not just" affirm."""
    doc = verb.doc
    return any(
        c.dep_ == "neg" and (c.i + 1 == len(doc) or doc[c.i + 1].lower_ not in ("only", "just"))
        for c in verb.children
    )


def object_verb(t: Token) -> Token | None:
    """The verb whose object ``t`` is ("met him", "spoke with him"), else None."""
    if t.dep_ in ("dobj", "iobj", "dative"):
        return t.head
    if t.dep_ == "pobj":
        return t.head.head
    return None


def as_role_nouns(verb: Token) -> list[Token]:
    """Nouns of the "as" phrases that give the subject of ``verb`` a role ("she went there as
    a teenager", "As chair of the council, she opened the talks", "not as a senator but as a
    voter"); after an object the role is the object's ("they elected him as chair"), and "such
    as", "as well as" list things."""
    doc = verb.doc
    kids = list(verb.children)
    obj = min((c.i for c in kids if c.dep_ in ("dobj", "dative")), default=len(doc))
    out: list[Token] = []
    for c in kids:
        if c.lower_ != "as" or c.dep_ != "prep" or c.i > obj:
            continue
        if c.i > 0 and doc[c.i - 1].lower_ in ("such", "well"):
            continue
        for a in (c, *(g for g in c.children if g.dep_ == "conj" and g.lower_ == "as")):
            out += [g for g in a.children if g.dep_ == "pobj"]
    return out


def reciprocal_subject(t: Token) -> Token | None:
    """For the last word of "each other" or "one another", the subject whose members it
    relates: "we will race against each other" -> we, "the farmers argued with each other" ->
    farmers, "you two, always trying to outdo each other" -> two."""
    if t.i == 0 or (t.lower_, t.nbor(-1).lower_) not in (("other", "each"), ("another", "one")):
        return None
    h = t.nbor(-1) if t.lower_ == "another" else t
    for _ in range(5):
        h = h.head
        subj = next((c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if h.dep_ == "acl":
            return h.head
        if h.dep_ not in ("prep", "pobj", "conj", "xcomp", "advcl") or h.head.i == h.i:
            return None
    return None


ABSTRACT_SUFFIXES = ("ism", "ness", "tion", "sion", "ment")
# Two or more capitals run into a one- or two-digit number: a product and its release ("IE6").
VERSIONED = re.compile(r"([A-Z]{2,})([0-9]{1,2})")
# A report with this many distinct lemmas of sports.tsv is a sports report: a country named as a
# competitor there is its national team ("Belgium beat Panama 3-0").
SPORTS_MIN_CUES = 5
# Prepositions after which a country in a sports report is a competitor ("lost to England",
# "a penalty for Sweden"); after others ("the World Cup in Russia") it stays the country.
TEAM_PREPS = {"to", "against", "for", "with", "over", "by", "versus", "vs", "vs.", "past", "between", "beat"}
# Lower-case words that may stand before "the" inside a name ("Order of the Silver Lamp").
NAME_LINKS = {
    "of",
    "for",
    "and",
    "&",
    "in",
    "on",
    "at",
    "to",
    "by",
    "from",
    "with",
    "against",
    "under",
    "over",
}
# Nouns that denote many people without a plural tag.
PLURAL_NOUNS = {"police", "troops", "forces", "people", "youth", "military", "public", "media", "press"}


@dataclass
class Mention:
    start: int  # first token
    end: int  # one past the last token
    cstart: int
    cend: int
    kind: str  # name | title | group | state | contextual | pronoun
    type: str  # person | organization | country | group
    head: int
    sent: int
    subject: bool
    in_quote: bool
    country: str | None = None
    sector: str | None = None
    office: str | None = None
    title_head: str | None = None
    gender: str | None = None
    name_gender: str | None = None  # a one-word name's given-name gender, for the actor only
    gaz: Entry | None = None
    name_words: tuple[str, ...] = ()
    name_text: str = ""
    org_key: str | None = None
    state: str | None = None  # joins the actor of this country code
    partisan: bool = False
    plural: bool = False
    definite: bool = False
    pron: str | None = None
    partner: int | None = None
    affil: int | None = None
    title_text: str | None = None
    pre_title: str | None = None
    honorific_sector: str | None = None
    group_key: tuple[str, str | None] | None = None
    anaphor: bool = False
    back: bool = False  # a definite generic person noun that may refer back ("the boy")
    needs_antecedent: bool = False  # "the company": a mention only if it refers back
    poss_tok: int | None = None  # the possessor's token ("his father", "Smith's wife")
    apposed: bool = False  # stands in an apposition with a name ("X, head of Y")
    loose: bool = False  # an apposition or predicate whose noun agents.tsv lacks ("a legend")
    named_state: bool = False  # a country's name, its capital or a city of it ("Algiers")
    agent_kind: str | None = None
    team: bool = False  # a country's name for its national team, in a sports report


@dataclass
class Parse:
    """Per-token facts read once from the spaCy Doc."""

    sp: Doc
    text: str
    words: list[str]
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    head: list[int]
    idx: list[int]
    end: list[int]
    ent: list[str]
    ents: list[tuple[int, int, str]]
    sent: list[int]
    sent_start_tok: list[int]
    in_quote: list[bool]
    taken: list[int] = field(default_factory=list)  # token -> mention index, -1 when free

    @classmethod
    def read(cls, sp: Doc, text: str | None = None) -> Parse:
        """Read the parse; pass the text it was made from when at hand (``Doc.text`` is rebuilt
        token by token, which costs more than the rest of this method)."""
        from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, LOWER, POS, SENT_START, TAG

        text = sp.text if text is None else text
        n = len(sp)
        strings = sp.vocab.strings
        arr = sp.to_array([LOWER, LEMMA, POS, TAG, DEP, HEAD, IDX, LENGTH, SENT_START, ENT_TYPE, ENT_IOB])
        cols = arr.T.tolist()

        def strs(col: list[int]) -> list[str]:
            table = {h: (strings[h] if h else "") for h in set(col)}
            return [table[h] for h in col]

        lower = strs(cols[0])
        lemma = [w.lower() for w in strs(cols[1])]
        pos = strs(cols[2])
        tag = strs(cols[3])
        for i, w in enumerate(lower):
            if w in CURLY_CONTRACTIONS:  # the model lemmatises "’re" as itself, "'re" as "be"
                lemma[i] = contraction_lemma(w, tag[i + 1] if i + 1 < n else "")
        dep = strs(cols[4])
        # HEAD is stored relative to the token; to_array returns it as an unsigned number.
        head = [i + (h if h < 2**63 else h - 2**64) for i, h in enumerate(cols[5])]
        idx = cols[6]
        end = [a + b for a, b in zip(cols[6], cols[7], strict=True)]
        ent = strs(cols[9])
        # Entity spans from the IOB column (3 = begin, 1 = inside), without building Spans.
        ents: list[tuple[int, int, str]] = []
        for i, iob in enumerate(cols[10]):
            if iob == 3:
                ents.append((i, i + 1, ent[i]))
            elif iob == 1 and ents and ents[-1][1] == i:
                ents[-1] = (ents[-1][0], i + 1, ents[-1][2])
        words = [text[a:b] for a, b in zip(idx, end, strict=True)]
        sent = [0] * n
        starts: list[int] = []
        si = -1
        for i, ss in enumerate(cols[8]):
            if ss == 1 or i == 0:
                si += 1
                starts.append(i)
            sent[i] = si
        in_quote = [False] * n
        return cls(
            sp,
            text,
            words,
            lower,
            lemma,
            pos,
            tag,
            dep,
            head,
            idx,
            end,
            ent,
            ents,
            sent,
            starts,
            in_quote,
            [-1] * n,
        )

    def mark_quotes(self, quotes: list[tuple[int, int]]) -> None:
        """Flag the tokens inside the given character ranges (sorted, disjoint)."""
        q = 0
        for i, pos_i in enumerate(self.idx):
            while q < len(quotes) and quotes[q][1] <= pos_i:
                q += 1
            if q == len(quotes):
                break
            self.in_quote[i] = quotes[q][0] <= pos_i

    def span_text(self, i: int, j: int) -> str:
        return self.text[self.idx[i] : self.end[j - 1]]

    def is_cap(self, i: int) -> bool:
        return self.words[i][:1].isupper()


class MentionFinder:
    """Finds one document's mentions: make one per document (``find`` keeps its state here)."""

    def __init__(
        self, tables: Tables, gaz: Gazetteer, place_country: Callable[..., str | None] | None = None
    ):
        self.t = tables
        self.g = gaz
        # The country of a city, region or territory name the place gazetteer knows, if clear.
        self.place_country = place_country or (lambda _text, _city_min=None: None)
        self._lowered: set[str] | None = None

    # -- entry point ------------------------------------------------------------------------
    def find(self, p: Parse, body: tuple[int, int], day: date | None) -> list[Mention]:
        self.p = p
        self.body = body
        self.day = day
        self.out: list[Mention] = []
        self._by_old: list[Mention] = []
        k = 0
        while k < len(p.idx) and p.idx[k] < body[0]:
            k += 1
        self.body_tok0 = k  # the first token of the report proper
        # The place-name entity (GPE/LOC) each token belongs to, as (first, end) tokens.
        self._place_ent: dict[int, tuple[int, int]] = {
            x: (a, b) for a, b, label in p.ents if label in ("GPE", "LOC") for x in range(a, b)
        }
        self._things = self._spelled_out_things() | self._named_things()
        self._entities()
        self._demonym_acronyms()
        self._the_names()
        self._affiliations()
        self._propagate()
        self._metonyms()
        self._descriptions()
        self._propagate()  # again: names found under a title ("Foreign Minister Ivo Kral")
        self._demonym_modifiers()
        self._pronouns()
        self._loose_descriptions()
        self._reciprocals()
        self._known_as()
        self._appositions()
        self._relations_before_names()
        self._teams()
        self.out.sort(key=lambda m: m.cstart)
        # Indices change with the sort: re-point partner/affiliation links.
        order = {id(m): k for k, m in enumerate(self.out)}
        for m in self.out:
            if m.partner is not None:
                m.partner = order[id(self._by_old[m.partner])]
            if m.affil is not None:
                m.affil = order[id(self._by_old[m.affil])]
        return self.out

    # -- helpers ----------------------------------------------------------------------------
    def _in_body(self, i: int, j: int) -> bool:
        p = self.p
        return self.body[0] <= p.idx[i] and p.end[j - 1] <= self.body[1]

    def _add(self, m: Mention) -> int:
        k = len(self.out)
        self.out.append(m)
        self._by_old.append(m)
        for i in range(m.start, m.end):
            self.p.taken[i] = k
        return k

    def _free(self, i: int, j: int) -> bool:
        return all(self.p.taken[x] < 0 for x in range(i, j))

    def _mention(self, i: int, j: int, kind: str, type_: str, head: int | None = None) -> Mention:
        p = self.p
        h = self._root(i, j) if head is None else head
        return Mention(
            start=i,
            end=j,
            cstart=p.idx[i],
            cend=p.end[j - 1],
            kind=kind,
            type=type_,
            head=h,
            sent=p.sent[h],
            subject=self._subject(h),
            in_quote=p.in_quote[h],
        )

    def _root(self, i: int, j: int) -> int:
        """The token of [i, j) whose head lies outside the span (the last one if several)."""
        h = j - 1
        for x in range(i, j):
            if not (i <= self.p.head[x] < j) or self.p.head[x] == x:
                h = x
        return h

    def _subject(self, h: int) -> bool:
        p = self.p
        while p.dep[h] in ("conj", "appos") and p.head[h] != h:
            h = p.head[h]
        return p.dep[h] in SUBJECT_DEPS

    def _role_head(self, h: int) -> int:
        p = self.p
        while p.dep[h] == "conj" and p.head[h] != h:
            h = p.head[h]
        return h

    def _acts(self, h: int, strong: bool) -> bool:
        """Is the name at token h used as an actor (not a place, not a modifier)?"""
        p = self.p
        h = self._role_head(h)
        d = p.dep[h]
        if (
            strong
            and d == "pobj"
            and p.lower[p.head[h]] == "of"
            and p.lemma[p.head[p.head[h]]] in PLACE_NOUNS
        ):
            # "a curfew in the border town of Siverek": the town's position decides
            h = self._role_head(p.head[p.head[h]])
            d = p.dep[h]
        if d in SUBJECT_DEPS or d in ("poss", "agent"):
            return True
        if d == "pobj":
            prep = p.lower[p.head[h]]
            if strong:
                # "talks with Tehran"; "an embassy in Tehran", "a curfew in Algiers"
                return prep in CAPITAL_PREPS or (
                    prep in ("in", "to", "from") and self._state_cue(p.head[p.head[h]])
                )
            # A state named in any phrase takes part: "sanctions on Iran", "troops in Lebanon",
            # "aid to Haiti", "refugees from Syria" (a city after "in" stays a place).
            return True
        if strong:
            # "besieged Aleppo", "blockaded Paris": the target of a verb of ``object`` use
            return d == "dobj" and p.lemma[p.head[h]] in self.t.object_cues
        if d == "compound":
            # "U.S. sanctions": the actor of the sanctioning; "US Predator attacks" too
            t = p.head[h]
            for _ in range(3):
                if p.dep[t] != "compound" or p.pos[t] != "PROPN" or p.head[t] == t:
                    break
                t = p.head[t]
            return p.pos[t] == "NOUN"
        return d in ("dobj", "iobj", "dative", "appos", "attr", "nsubj")

    def _state_cue(self, t: int) -> bool:
        """Does the word a place phrase hangs on (or, for a verb, its object) tie the place to
        its state ("a curfew in Algiers", "imposed a curfew in Algiers")?"""
        p = self.p
        if p.lemma[t] in self.t.state_cues:
            return True
        if p.pos[t] in ("VERB", "AUX"):
            return any(p.dep[c.i] == "dobj" and p.lemma[c.i] in self.t.state_cues for c in p.sp[t].children)
        return False

    def _agent(self, i: int) -> Agent | None:
        p = self.p
        a = self.t.agents.get(fold(p.lower[i]))
        if a is None:
            a = self.t.agents.get(fold(p.lemma[i]))
        return a

    def _strip_det(self, i: int, j: int) -> int:
        p = self.p
        while i < j - 1 and (p.lower[i] in ARTICLES or p.tag[i] == "DT"):
            i += 1
        return i

    def _misread_person(self, i: int, j: int, surnames_alone: set[str]) -> bool:
        """Is an entity tagged a work, product or event a person's name: two or three
        capitalised proper nouns whose last word the report tags alone as a person elsewhere
        ("interviews Mara Dunne on ..." in a headline, "Dunne said" below)?"""
        p = self.p
        return (
            2 <= j - i <= 3
            and all(p.is_cap(x) and p.pos[x] == "PROPN" for x in range(i, j))
            and fold(p.words[j - 1]) in surnames_alone
            # "Google Chrome", where "Chrome" is once tagged a person: a product of a firm
            and not any(e.type == "organization" for e in self.g.lookup(p.words[i]))
        )

    def _strip_tail(self, i: int, j: int) -> int:
        p = self.p
        while j > i + 1 and (
            p.tag[j - 1] in ("POS", ",", ".", "HYPH", ":", "NFP")
            or p.lower[j - 1] in ("'s", "'", "-", "\u2013", "\u2014")
            or (p.tag[j - 1] == "CD" and p.lower[j - 2] in ("-", "\u2013", "\u2014", ":"))
            # "Sweden 1" of "Sweden 1 - 0 Korea": a score, not part of the name
            or (
                p.tag[j - 1] == "CD"
                and j < len(p.lower)
                and p.lower[j] in ("-", "\u2013", "\u2014", ":")
                and p.words[j - 1].isdigit()
            )
        ):
            j -= 1
        return j

    # -- named entities ---------------------------------------------------------------------
    def _entities(self) -> None:
        p = self.p
        # One name, one kind of referent per report: a name the tagger labels PERSON in one
        # place and ORG in more places is an organisation everywhere (and the reverse).
        votes: dict[str, dict[str, int]] = {}
        for e_start, e_end, label in p.ents:
            if label in ("PERSON", "ORG"):
                k = key(p.span_text(e_start, e_end))
                votes.setdefault(k, {}).setdefault(label, 0)
                votes[k][label] += 1
        coordinated: list[tuple[int, int, str]] = []
        # Surnames of people the tagger found: "Paris" is Odile Paris in a report about her.
        surnames = {
            fold(p.words[e_end - 1])
            for e_start, e_end, label in p.ents
            if label == "PERSON" and e_end - e_start >= 2 and p.is_cap(e_end - 1)
        }
        # Country names the report uses: an ambiguous short form ("Korea") is the one it names.
        used_names = {
            k: self.t.names[k]
            for a, b, label in p.ents
            if label == "GPE" and (k := key(p.span_text(a, b))) in self.t.names
        }
        # Full names the tagger found on their own: "Ellen Marsh" inside "Ellen Marsh Equality".
        person_names = {key(p.span_text(a, b)) for a, b, label in p.ents if label == "PERSON" and b - a >= 2}
        surnames_alone = {fold(p.words[a]) for a, b, label in p.ents if label == "PERSON" and b - a == 1}
        for i, j in self._apposed_names():
            self._person(i, j)  # "Odile Paris, a French nurse" tagged two places
            surnames.add(fold(p.words[j - 1]))
        ents = self._joined_orgs()
        owners = {
            key(p.span_text(a, b))
            for a, b, label in ents
            if label == "PERSON" and b - a <= 2 and self._owner_before_title(a, b)
        }
        for e_start, e_end, label in ents:
            if label in ("WORK_OF_ART", "PRODUCT", "EVENT") and self._misread_person(
                e_start, e_end, surnames_alone
            ):
                label = "PERSON"  # "interviews Mara Dunne on ..." tagged a work; "Dunne said" later
            if label not in ("PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"):
                continue
            # A name never runs across a line break ("2021 / MAIDEN SPEECH / Mr. President").
            for x in range(e_end - 1, e_start - 1, -1):
                if "\n" in p.words[x] or p.tag[x] == "_SP":
                    e_start = x + 1
                    break
            if e_start >= e_end:
                continue
            # "Movement for Renewal (MFR": a bracket ends the name (the acronym is its own mention).
            e_end = next((x for x in range(e_start + 1, e_end) if p.words[x] in ("(", "[")), e_end)
            # "According to Harlow the Unification Church property ...": a lower-case "the" inside a
            # name that no "of"/"for"/"and" announces ends it ("Order of the Silver Lamp" does not).
            if label == "ORG":  # (a person's epithet keeps it: "Pieter Bruegel the Elder")
                e_end = next(
                    (
                        x
                        for x in range(e_start + 1, e_end - 1)
                        if p.words[x] == "the" and p.lower[x - 1] not in NAME_LINKS and p.is_cap(x - 1)
                    ),
                    e_end,
                )
            i = self._strip_det(e_start, e_end)
            j = self._strip_tail(i, e_end)
            if (
                label in ("PERSON", "ORG")
                and j - i >= 3
                and key(p.span_text(i, j - 1)) in person_names
                and fold(p.words[j - 1]) not in self.t.given_names
            ):
                j -= 1  # "the Ellen Marsh Equality in Housing Act": the person the report names
            if label == "PERSON" and j - i >= 2 and key(p.words[j - 1]) in self._things:
                j -= 1  # "Warhol Polaroid prints" where "100 Polaroids" are things: the person
            if not self._in_body(i, j) or not self._free(i, j):
                continue
            text = p.span_text(i, j)
            k = key(text)
            if (
                not k
                or fold(text) in self.t.not_actor_names
                or k in self.t.not_actor_names
                or k in self._things
            ):
                continue
            if label in ("PERSON", "ORG", "FAC") and not self._plausible_name(i, j, k):
                continue
            if (
                label in ("PERSON", "ORG")
                and j - i == 1
                and self._positional_capital(i)
                and fold(p.words[i]) not in surnames
                and fold(p.words[i]) not in self.t.given_names
            ):
                continue  # "Iodine deficiency is ...", where "iodine" is a word of the report
            if label in ("PERSON", "ORG") and any(p.lower[x] in ("and", "&") for x in range(i + 1, j - 1)):
                coordinated.append((i, j, label))  # "Kelly and Baroni": decided once all names are known
                continue
            if (
                label in ("GPE", "LOC", "ORG")
                and j - i >= 3
                and p.words[i] in ("State", "Province", "Commonwealth")
                and p.lower[i + 1] == "of"
                and k not in self.t.names
                and (code := self.place_country(p.span_text(i + 2, j))) is not None
            ):
                self._country(i, j, k, code)  # "the State of Ohio": a state of the country
                continue
            if (
                label in ("GPE", "LOC")
                and (votes.get(k, {}).get("ORG") or fold(p.words[j - 1]) in self.t.org_heads)
                and k not in self.t.names
                and k not in self.t.capitals
                and not self.place_country(text)
            ):
                label = "ORG"  # "within Zorbology" tagged LOC where the report tags it ORG too
            if label in ("PERSON", "ORG") and k in self.t.demonyms and k not in self.t.names:
                label = "NORP"  # "Ugandan" tagged PERSON: a people's name, not a person's
            elif label in ("PERSON", "ORG") and not self.g.lookup(k) and self._tagged_place(i, j, label):
                label = "GPE"  # "in the town of Siverek" tagged PERSON, "in Lyon" tagged ORG
            titled = label == "ORG" and i > self.body_tok0 and self._title_ends_at(i) and j - i <= 3
            if titled:
                label = "PERSON"  # "Vice-President Tom Okello" tagged ORG
            v = votes.get(k, {})
            if titled:
                pass
            elif label == "PERSON" and v.get("ORG", 0) > v.get("PERSON", 0):
                label = "ORG"
            elif label == "ORG" and v.get("PERSON", 0) > v.get("ORG", 0) and j - i <= 3:
                label = "PERSON"
            if label == "PERSON" and k in owners:
                label = "ORG"  # "Zapworks founder Lena Brandt": the name before the title is her firm
            if (
                j - i == 1
                and (k in self.t.capitals or label in ("GPE", "LOC"))
                and k not in self.t.names
                and k in surnames
                and not (i > 0 and p.lower[i - 1] in LOCATIVE_PREPS)
            ):
                self._person(i, j)  # "Ferrand said", tagged a place, of Luc Ferrand
            elif k in self.t.metonyms:
                self._metonym(i, j, k)
            elif k in self.t.names or k in self.t.capitals:
                if label in ("GPE", "LOC", "ORG", "PERSON", "FAC"):
                    self._country(i, j, k)
            elif label == "NORP":
                self._norp(i, j, k)
            elif label in ("GPE", "LOC"):
                code = self.place_country(text)
                if code is not None:
                    self._country(i, j, k, code)  # "a curfew in Abidjan": a city for its state
                elif len(shorts := {c for name, c in used_names.items() if name.endswith(" " + k)}) == 1:
                    self._country(i, j, k, shorts.pop())  # "Korea" in a report that names South Korea
            elif label == "PERSON" and {e.type for e in self.g.lookup(k)} == {"organization"}:
                self._org(i, j, k)  # "Twitter" tagged PERSON
            elif label == "PERSON":
                self._person(i, j)
            elif label == "FAC" and (code := self.place_country(text)) is not None:
                self._country(i, j, k, code)  # "shelled Kharkiv", tagged a building: a city for its state
            elif label in ("ORG", "FAC"):
                self._org(i, j, k)
        for i, j, label in coordinated:
            self._coordinated(i, j, label)

    def _positional_capital(self, i: int) -> bool:
        """Is the word at ``i`` capitalised only where a sentence or line starts, and written in
        lower case elsewhere in the report ("Iodine deficiency is ..." and "... add iodine")?
        Then it is a common noun, whatever the tagger says of it there."""
        p = self.p
        low, cap = p.lower[i], p.words[i]
        if i != p.sent_start_tok[p.sent[i]] and (i == 0 or "\n" not in p.words[i - 1]):
            return False  # capitalised mid-sentence: a name (the cheap test first)
        if low == cap or low not in p.words:
            return False
        starts = p.sent_start_tok
        x = -1
        while True:  # every capitalised occurrence (list.index runs at C speed)
            try:
                x = p.words.index(cap, x + 1)
            except ValueError:
                return True
            if x != starts[p.sent[x]] and x > 0 and "\n" not in p.words[x - 1]:
                return False

    def _joined_orgs(self) -> list[tuple[int, int, str]]:
        """The entities, with an organisation's name that the tagger cut at "for"/"of" joined
        again: "the Ada Lovelace Foundation" + "for the" + "Visual Arts" is one name when the
        first part ends in an organisation word."""
        p = self.p
        ents = list(p.ents)
        out: list[tuple[int, int, str]] = []
        k = 0
        while k < len(ents):
            a, b, label = ents[k]
            if label == "ORG" and k + 1 < len(ents) and fold(p.words[b - 1]) in self.t.org_heads:
                a2, b2, label2 = ents[k + 1]
                gap = [p.lower[x] for x in range(b, a2)]
                if label2 == "ORG" and gap in (["for"], ["of"], ["for", "the"], ["of", "the"]):
                    out.append((a, b2, "ORG"))
                    k += 2
                    continue
            out.append((a, b, label))
            k += 1
        return out

    def _spelled_out_things(self) -> set[str]:
        """Acronyms the report spells out as something other than an organisation, with their
        spelled-out names: "Digital Learning Technology (DLT)", "NPS [Nitric
        Protein Salts ...]".  An organisation's spelled-out name has an ``org-head`` word of
        not_actors.tsv or a body noun of agents.tsv ("World Health Organisation (WHO)",
        "Movement for Renewal (MFR)")."""
        p = self.p
        n = len(p.lower)
        out: set[str] = set()
        for x in range(self.body_tok0, n):
            w = p.words[x]
            if len(w) < 2 or w.islower() or w[1:].islower() or sum(ch.isupper() for ch in w) < 2:
                continue  # (the cheap tests first: most words have at most one capital)
            if not w.replace(".", "").isalnum():
                continue
            letters = w.replace(".", "").lower()
            spans: list[tuple[int, int]] = []
            if x >= 2 and p.words[x - 1] in ("(", "["):
                spans += [(a, x - 1) for a in range(max(self.body_tok0, x - 2 - 2 * len(letters)), x - 1)]
            if x + 2 < n and p.words[x + 1] in ("(", "["):
                end = next(
                    (
                        y
                        for y in range(x + 2, min(n, x + 3 + 2 * len(letters)))
                        if p.words[y] in (")", "]", ",")
                    ),
                    None,
                )
                if end is not None:
                    spans.append((x + 2, end))
            for a, b in spans:
                words = p.words[a:b]
                if (
                    not words
                    or not words[0][:1].isupper()
                    or not all(
                        v[:1].isupper() or v.lower() in ("and", "of", "the", "for", "&", "in", "on")
                        for v in words
                    )
                ):
                    continue
                full = "".join(v[0] for v in words).lower()
                core = "".join(
                    v[0] for v in words if v.lower() not in ("and", "of", "the", "for", "&", "in", "on")
                ).lower()
                if letters not in (full, core):
                    continue
                spelled = p.span_text(a, b)
                if key(spelled) in self.t.names or key(w) in self.t.names or self.place_country(spelled):
                    break  # "the Central African Republic (CAR)"
                # Any organisation word will do: "Movement for Renewal", "Committee to Protect ..."
                if any(self._org_word(fold(v)) for v in words):
                    break
                out.add(key(w))
                out.add(key(p.span_text(a, b)))
                break
        return out

    def _named_things(self) -> set[str]:
        """Names (tagged ORG or PRODUCT) of products and things, by the words around them: a
        version number after the name ("Netscape Navigator 4", "Windows 10"), a thing noun it
        modifies (not_actors.tsv ``thing-of``: "the AntyScience blog", "Heinz Ketchup bottles") or
        that stands right before it (``thing-kind``: "the cruise ship Freewinds").  The name is
        no actor anywhere in the report ("Explorer's market share")."""
        p = self.p
        n = len(p.lower)
        out: set[str] = set()
        for e_start, e_end, label in p.ents:
            if label not in ("ORG", "PRODUCT", "PERSON", "FAC") or e_start < self.body_tok0:
                continue
            i = self._strip_det(e_start, e_end)
            j = self._strip_tail(i, e_end)
            w = p.words[j - 1]
            if j - i >= 3 and w.isdigit() and len(w) <= 2 and self._country_at(i, j - 1)[1] is None:
                out.add(key(p.span_text(i, j)))  # "Quanta Browser 4" tagged as one name
                out.add(key(p.span_text(i, j - 1)))
                out.add(key(p.words[j - 2]))
                continue
            root = self._root(i, j)
            last = p.words[j - 1]
            if (
                label != "PERSON"
                and j - i >= 2
                and (
                    (last[:1].isupper() and p.lemma[j - 1].lower() in self.t.thing_heads)
                    or (len(last) == 4 and last.isdigit() and last[:2] in ("19", "20"))
                )
            ):
                # "the Hubble Space Telescope", "Vision 2030" (and "Vision"), "Expo 2025": a
                # thing's, a plan's or an event's name, not an organisation's
                out.add(key(p.span_text(i, j)))
                if last.isdigit() and self._country_at(i, j - 1)[1] is None:
                    out.add(key(p.span_text(i, j - 1)))  # not "Qatar" of "Qatar 2022"
                continue
            if label == "PERSON":
                # a person's name stays a person's ("the Santorum drink" is named after him),
                # unless the report says the name is a thing's ("X is a space capsule")
                if (j >= n or p.words[j] in (",", "is", "was", "are", "were")) and self._described_as_thing(
                    root
                ):
                    out.add(key(p.span_text(i, j)))
                continue
            thing = False
            if j < n and p.tag[j] == "CD" and len(p.words[j]) <= 4 and p.words[j][:1].isdigit():
                nxt = p.lower[j + 1] if j + 1 < n else ""
                # "Netscape Navigator 4" (not "Sweden 1 - 0", "Group 7 said")
                thing = "." in p.words[j] or (
                    p.words[j].isdigit() and len(p.words[j]) <= 2 and nxt not in ("-", "\u2013", ":")
                )
                thing = (
                    thing
                    and fold(p.words[j - 1]) not in self.t.org_heads
                    and self._country_at(i, j)[1] is None
                )
            if not thing and j < n and p.head[root] == j and not p.is_cap(j) and p.pos[j] == "NOUN":
                thing = p.lemma[j] in self.t.thing_heads or p.lower[j] in self.t.thing_heads
            if not thing and (j >= n or p.words[j] in (",", "is", "was", "are", "were")):
                thing = self._described_as_thing(root)
            if not thing:
                for x in range(max(self.body_tok0, i - 3), i):
                    if p.pos[x] != "NOUN" or p.is_cap(x) or p.lemma[x] not in self.t.thing_kinds:
                        continue
                    if p.head[x] == root or p.head[root] == x:
                        thing = True  # "the cruise ship Freewinds", "the cruise ship, Freewinds"
            if thing:
                out.add(key(p.span_text(i, j)))
        # One pass over the words for what the words alone show:
        # * "IE6", "XP2": capitals run into a version number name a product's release; its
        #   letters alone then name the product ("users of IE6 ... a newer IE");
        # * "100 Polaroids", "several Fiats": a name counted like a common noun is a brand's or a
        #   product's (people and bodies are not counted by their names), so the name alone is;
        # * "Cyclone Kelani" ... "Kelani hit the coast": the storm's name alone is the storm;
        # * "Netscape Navigator 4" untagged: a run of two or more capitalised proper nouns before
        #   a version number is a product, and so is its last word ("Explorer"); a one-word name
        #   may be its maker's ("Boeing 747").
        words, lower, tag = p.words, p.lower, p.tag
        storms = self.t.storm_words
        for x in range(self.body_tok0, n):
            w = words[x]
            c = w[:1]
            if c.isupper():
                if x + 1 < n and fold(w) in storms and words[x + 1][:1].isupper():
                    out.add(key(words[x + 1]))
                if w[-1].isdigit():
                    if (m := VERSIONED.fullmatch(w)) is not None:
                        out.add(key(m.group(1)))
                        out.add(key(w))
                elif (
                    w[-1] == "s"
                    and len(w) > 3
                    and x > self.body_tok0
                    and not w.isupper()
                    and (tag[x - 1] == "CD" or lower[x - 1] in QUANTIFIERS)
                    and key(w[:-1]) not in self.t.names
                    and key(w[:-1]) not in self.t.demonyms
                ):
                    out.add(key(w[:-1]))
                continue
            if (
                not c.isdigit()
                or len(w) > 2
                or x < self.body_tok0 + 2
                or tag[x] != "CD"
                or not w.isdigit()
                or p.ent[x] not in ("", "CARDINAL", "PRODUCT")
            ):
                continue
            if x + 1 < n and lower[x + 1] in ("-", "\u2013", ":"):
                continue  # a score
            lo = x
            while (
                lo - 1 >= self.body_tok0
                and p.pos[lo - 1] == "PROPN"
                and words[lo - 1][:1].isupper()
                and "\n" not in words[lo - 1]
            ):
                lo -= 1
            if x - lo < 2 or self._country_at(lo, x)[1] is not None or fold(words[x - 1]) in self.t.org_heads:
                continue
            out.add(key(p.span_text(lo, x)))
            out.add(key(words[x - 1]))
        return out

    def _described_as_thing(self, root: int) -> bool:
        """Does an apposition or the predicate of "is" call the name a thing ("X is a NASA
        space capsule", "X, a web browser")?  Only the thing nouns of not_actors.tsv count."""
        p = self.p
        n = len(p.lower)
        if p.dep[root] in ("nsubj", "nsubjpass") and p.lemma[p.head[root]] == "be":
            owner, dep = p.head[root], "attr"
        else:
            owner, dep = root, "appos"
        # the parse arrays, not spaCy tokens: this runs for every tagged name
        heads, kinds = self.t.thing_heads, self.t.thing_kinds
        return any(
            p.head[x] == owner
            and p.dep[x] == dep
            and p.pos[x] == "NOUN"
            and (p.lemma[x] in heads or p.lemma[x] in kinds or p.lower[x] in heads or p.lower[x] in kinds)
            for x in range(owner + 1, min(n, owner + 12))
        )

    def _tagged_place(self, i: int, j: int, label: str) -> bool:
        """Is a PERSON or ORG entity a place the gazetteer knows, in a place's position: an ORG
        that is a city's or region's whole name after a locative preposition ("in Lyon"), a
        one-word PERSON there or after "the town of" ("in the town of Siverek")?  Acronyms are
        never taken for places."""
        p = self.p
        text = p.span_text(i, j)
        if text.replace(".", "").isupper() or not self.place_country(text):
            return False  # "USI" is a university's acronym, whatever town shares its letters
        if label == "ORG":
            return i > 0 and p.lower[i - 1] in LOCATIVE_PREPS - {"of", "like", "as", "than", "about"}
        if i >= 1 and j - i >= 2 and p.lower[i - 1] in ("in", "at", "near", "outside", "inside"):
            return True  # "beat him in Buenos Aires" tagged PERSON
        if j - i != 1 or i < 1:
            return False
        prev = p.lower[i - 1]
        return prev in LOCATIVE_PREPS - {"of", "like", "as", "than", "about"} or (
            prev == "of" and i >= 2 and p.lemma[i - 2] in PLACE_NOUNS
        )

    def _org_word(self, w: str) -> bool:
        agent = self.t.agents.get(w) or self.t.agents.get(w.rstrip("s"))
        return w in self.t.org_heads or (agent is not None and agent.kind in ("body", "state"))

    def _apposed_names(self) -> list[tuple[int, int]]:
        """Runs of two or more capitalised proper nouns that the tagger did not call a person but
        that an apposition or a predicate describes as one ("Odile Paris, a French nurse
        and former soldier", "Aner Kedem is an Israeli mathematician"), and a known given
        name in apposition to a person noun ("their two-year-old child, Nadia"), unless the
        run is a place the gazetteers know ("Paris, the French capital" has a place noun anyway)."""
        p = self.p
        out: list[tuple[int, int]] = []
        for h in range(self.body_tok0, len(p.lower)):
            d = p.dep[h]
            if d not in ("appos", "attr") or p.pos[h] not in ("NOUN", "PROPN"):
                continue
            n = p.head[h]
            if d == "attr":
                # "X Y is a mathematician": the subject of the copula
                if p.lemma[n] != "be" or any(p.dep[c.i] == "neg" for c in p.sp[n].children):
                    continue
                n = next((c.i for c in p.sp[n].children if p.dep[c.i] == "nsubj"), h)
            a = self._agent(h)
            if a is not None and a.kind == "person" and n < h:
                name, given = n, False
            elif d == "appos" and n < h and p.pos[h] == "PROPN" and p.pos[n] == "NOUN":
                a = self._agent(n)  # "their child, Nadia": the name is the apposition
                if a is None or a.kind != "person":
                    continue
                name, given = h, True
            else:
                continue
            if p.pos[name] != "PROPN" or p.ent[name] == "PERSON":
                continue
            lo = name
            while (
                lo - 1 >= self.body_tok0 and p.head[lo - 1] == name and p.dep[lo - 1] in ("compound", "flat")
            ):
                lo -= 1
            run = range(lo, name + 1)
            if not all(p.pos[x] == "PROPN" and p.is_cap(x) and p.taken[x] < 0 for x in run):
                continue
            if len(run) < 2 and not (given and fold(p.words[name]) in self.t.given_names):
                continue
            # a name tagged ORG is a person when a person noun describes it ("Aner Kedem is a
            # mathematician"), not when it is the only tagged word ("Hamas's leader")
            if any(
                p.ent[x] in ("NORP", "FAC")
                or (p.ent[x] == "ORG" and self.g.lookup(key(p.words[x])))
                or self._agent(x)
                or fold(p.words[x]) in self.t.honorifics
                for x in run
            ):
                continue
            text = p.span_text(lo, name + 1)
            k = key(text)
            if (
                self.g.lookup(k)
                or k in self.t.names
                or k in self.t.capitals
                or (len(run) >= 2 and self.place_country(text))
            ):
                continue
            out.append((lo, name + 1))
        return out

    def _owner_before_title(self, i: int, j: int) -> bool:
        """Is the PERSON-tagged name [i, j) the owner of a lower-case title that a tagged person's
        full name follows ("Zapworks founder Lena Brandt", "Acme chief executive Ana Ruiz")?  A
        known given name, a person of the gazetteer or a place is not."""
        p = self.p
        if fold(p.words[i]) in self.t.given_names or self.g.lookup(key(p.span_text(i, j))):
            return False
        for n in (1, 2):
            e = j + n
            if e + 1 >= len(p.lower) or not all(p.words[x][:1].islower() for x in range(j, e)):
                continue
            a = self.t.agents.get(key(p.span_text(j, e))) or self.t.agents.get(fold(p.lemma[e - 1]))
            if (
                a is None
                or a.kind != "person"
                or (n == 2 and self.t.agents.get(key(p.span_text(j, e))) is None)
            ):
                continue
            if p.ent[e] == "PERSON" and p.ent[e + 1] == "PERSON" and p.is_cap(e) and p.is_cap(e + 1):
                return not self.place_country(p.span_text(i, j))
        return False

    def _title_ends_at(self, i: int) -> bool:
        """Does a person's title or honorific end right before token i?"""
        p = self.p
        if fold(p.words[i - 1]) in self.t.honorifics and p.is_cap(i - 1):
            return True
        for n in (1, 2, 3):
            if i - n >= self.body_tok0:
                a = self.t.agents.get(key(p.span_text(i - n, i)))
                if a is not None and a.kind == "person" and a.office:
                    return True
        return False

    def _plausible_name(self, i: int, j: int, k: str) -> bool:
        """Tagger errors: a place ("Fort Dale", "Mount Hood"), the start of a title ("Interior"
        in "Interior Minister X") or a headline run with a verb in it ("Mayor Backs
        Plan To Close Port") is no person or organisation."""
        p = self.p
        if fold(p.words[i]) in self.t.not_actor_first_words:
            return False
        if j - i >= 3 and p.lower[i] in STANCE_PREFIXES and p.words[i + 1] == "-":
            return False  # "Pro-Beijing", "Anti-Kremlin": a stance adjective, whoever it names
        # A title that runs on past the name's end: "Interior" of "Interior Minister X", "British
        # Defence" of "British Defence Secretary X" (the demonym then belongs to the person).
        for s in range(i, j):
            for n in (1, 2, 3):
                if j + n > len(p.lower):
                    break
                a = self.t.agents.get(key(p.span_text(s, j + n)))
                if a is not None and a.kind == "person":
                    return False
        if self.g.lookup(k):
            return True
        last = self._agent(j - 1) if j - i >= 3 else None
        # "the United Nations Special Envoy for Water", "the State Department Spokesman", "the
        # Acme Foundation Chairman": a known body or one named by an organisation word, then a
        # title ("the Coast Guard", "the Republican Guard" are bodies)
        if (
            last is not None
            and last.kind == "person"
            and any(
                fold(p.words[s - 1]) in self.t.org_heads
                or any(e.type == "organization" for e in self.g.lookup(p.span_text(i, s)))
                for s in range(i + 1, j)
            )
        ):
            return False
        return not any(p.tag[x] in ("VBG", "VBD", "VBZ", "VBP", "VBN") and p.is_cap(x) for x in range(i, j))

    def _coordinated(self, i: int, j: int, label: str) -> None:
        """An entity over a coordination: two people when each side ends in a surname of a person
        the report names ("Kelly and Baroni"), else one name ("Procter and Gamble")."""
        p = self.p
        if not self._free(i, j):
            return
        cuts = [x for x in range(i + 1, j - 1) if p.lower[x] in ("and", "&")]
        parts: list[tuple[int, int]] = []
        lo = i
        for c in cuts:
            parts.append((lo, c if p.lower[c - 1] != "," else c - 1))
            lo = c + 1
        parts.append((lo, j))
        surnames = {
            m.name_words[-1] for m in self.out if m.kind == "name" and m.type == "person" and m.name_words
        }
        if all(b > a for a, b in parts) and all(fold(p.words[b - 1]) in surnames for a, b in parts):
            for a, b in parts:
                self._person(a, b)
            return
        if label == "PERSON" and all(b - a >= 2 for a, b in parts):
            for a, b in parts:  # "John Smith and Mary Jones"
                self._person(a, b)
            return
        k = key(p.span_text(i, j))
        if label == "PERSON":
            self._person(i, j)
        else:
            self._org(i, j, k)

    # -- names the tagger missed --------------------------------------------------------------
    def _the_names(self) -> None:
        """An untagged name that keeps a capital "The" inside a sentence, used at least twice:
        "writers for The Lantern" ... "The Lantern has its own style".  Such names are
        newspapers, bands and companies; one used once may be a title of a work."""
        p = self.p
        n = len(p.lower)
        runs: dict[str, list[tuple[int, int]]] = {}
        for x in range(self.body_tok0, n - 1):
            if p.words[x] != "The" or x == p.sent_start_tok[p.sent[x]] or "\n" in p.words[x - 1]:
                continue
            j = x + 1
            while (
                j < n
                and j - x <= 3
                and p.pos[j] == "PROPN"
                and p.is_cap(j)
                and not p.ent[j]
                and p.taken[j] < 0
            ):
                j += 1
            if j == x + 1 or p.sent[j - 1] != p.sent[x]:
                continue
            text = p.span_text(x + 1, j)
            k = key(text)
            if k in self.t.names or k in self.t.capitals or k in self.t.demonyms or self.place_country(text):
                continue
            if any(self._agent(t) for t in range(x + 1, j)) or (j < n and self._title_ends_at(j)):
                continue  # "The President", "The Foreign Minister X"
            runs.setdefault(k, []).append((x + 1, j))
        for k, spans in runs.items():
            if len(spans) < 2:
                continue
            self._org_everywhere(k, spans[0][1] - spans[0][0])  # capital "The" or not

    def _org_everywhere(self, k: str, size: int) -> None:
        """Every free, capitalised occurrence of an organisation's name of ``size`` tokens."""
        p = self.p
        for x in range(self.body_tok0, len(p.lower) - size + 1):
            if key(p.span_text(x, x + size)) == k and self._free(x, x + size) and p.is_cap(x):
                self._org(x, x + size, k)

    def _affiliations(self) -> None:
        """A name the tagger missed right after a person's name and "of"/"from" is the person's
        organisation when no gazetteer knows it as a place: "Victor Lam of ADF", "Rita
        Chow from the Harbour Party", "Nora Ching of NPB"."""
        p = self.p
        n = len(p.lower)
        for m in list(self.out):
            if m.kind != "name" or m.type != "person":
                continue
            x = m.end
            if x + 1 >= n or p.lower[x] not in ("of", "from") or p.sent[x] != m.sent:
                continue
            i = x + 1
            if p.lower[i] == "the" and i + 1 < n:
                i += 1
            j = i
            while (
                j < n
                and j - i < 5
                and p.taken[j] < 0
                and p.pos[j] == "PROPN"
                and p.is_cap(j)
                and p.ent[j] in ("", "ORG")
            ):
                j += 1
            if j == i or p.sent[j - 1] != m.sent:
                continue
            text = p.span_text(i, j)
            k = key(text)
            if k in self.t.names or k in self.t.capitals or k in self.t.demonyms or self.place_country(text):
                continue
            if p.ent[i] == "" and j - i == 1 and not p.words[i].isupper():
                continue  # one capitalised word may be a town; an acronym is an organisation
            self._org(i, j, k)

    def _propagate(self) -> None:
        """A name the report has already used, met again without an entity label: a person's
        surname ("Montalvo said"), a first name that one person of the report has, an
        organisation's name ("Zorbology"), or a gazetteer name ("Hezbollah")."""
        p = self.p
        surnames: set[str] = set()
        firsts: dict[str, set[str]] = {}  # first name -> surnames of the people who bear it
        orgs: dict[str, int] = {}  # key -> words
        for m in self.out:
            if m.kind != "name" or not m.name_words:
                continue
            if m.type == "person" and len(m.name_words) >= 2:
                surnames.add(m.name_words[-1])
                for w in m.name_words[:-1]:
                    if len(w.rstrip(".")) > 1:
                        firsts.setdefault(w, set()).add(m.name_words[-1])
            elif m.type == "organization" and m.org_key and len(m.name_words) <= 4:
                orgs[key(m.name_text)] = len(m.name_words)
                # Its core without generic words: "Zorbology" of "the Church of Zorbology".
                core = [w for w in key(m.name_text).split() if w not in GENERIC_ORG_WORDS]
                if core and len(core) < len(m.name_words) and m.gaz is None:
                    orgs.setdefault(" ".join(core), len(core))
        if self._lowered is None:  # words the report also writes in lower case ("rice", "young")
            self._lowered = {w for w, word in zip(p.lower, p.words, strict=True) if not word[:1].isupper()}
        lowered = self._lowered
        n = len(p.lower)
        # "Movimento 5 Stelle (M5S)": an acronym in brackets right after an organisation's name.
        for x in range(max(self.body_tok0 + 2, 2), n - 1):
            w = p.words[x]
            if p.lower[x - 1] not in ("(", "[") or p.lower[x + 1] not in (")", "]") or p.taken[x] >= 0:
                continue
            org = p.taken[x - 2]
            if len(w) < 2 or not w.replace(".", "").replace("-", "").isalnum() or not w[:1].isupper():
                continue
            if org >= 0 and self.out[org].type == "organization" and sum(ch.isupper() for ch in w) >= 2:
                before = len(self.out)
                self._org(x, x + 1, key(w))
                if len(self.out) > before:
                    self.out[-1].partner = org
                    if self.out[org].gaz is not None and self.out[-1].gaz is None:
                        self.out[-1].gaz = self.out[org].gaz
                        self.out[-1].org_key = self.out[org].org_key
                    surnames.discard(fold(w))
                    orgs[key(w)] = 1
        i = self.body_tok0
        while i < n:
            if (
                p.taken[i] >= 0
                or not p.words[i][:1].isupper()  # is_cap, inlined: this runs for every word
                or (
                    p.pos[i] not in ("PROPN", "NOUN", "ADJ", "X")
                    and not (p.words[i].isupper() and len(p.words[i]) > 1)
                )
                or p.ent[i] not in ("", "PERSON", "ORG", "WORK_OF_ART", "PRODUCT")  # "the Amazon" (LOC)
            ):
                i += 1
                continue
            if p.end[i] > self.body[1]:
                break
            done = 0
            for size in (4, 3, 2, 1):
                j = i + size
                if j > n or not self._free(i, j) or p.sent[j - 1] != p.sent[i]:
                    continue
                k = key(p.span_text(i, j))
                if k in orgs:
                    self._org(i, j, k)
                    done = size
                    break
                entries = self.g.lookup(k) if (size > 1 or p.pos[i] == "PROPN") else []
                if entries and not (size == 1 and p.lower[i] in lowered):
                    kinds = {e.type for e in entries}
                    if kinds == {"person"} and any(e.recent(self.day) for e in entries):
                        self._person(i, j)
                        done = size
                        break
                    if "organization" in kinds and "person" not in kinds:
                        self._org(i, j, k)
                        done = size
                        break
            if not done and p.taken[i] < 0 and p.pos[i] == "PROPN" and p.ent[i] not in ("GPE", "LOC", "FAC"):
                # "Maria Costa" untagged (or tagged a work of art): a known given name, then a
                # capitalised name.
                j = i + 1
                while (
                    j < min(n, i + 3)
                    and p.pos[j] == "PROPN"
                    and p.is_cap(j)
                    and p.taken[j] < 0
                    and p.ent[j] == p.ent[i]
                ):
                    j += 1
                if j > i + 1 and fold(p.words[i]) in self.t.given_names and p.sent[j - 1] == p.sent[i]:
                    self._person(i, j)
                    done = j - i
            if not done and p.taken[i] < 0:
                w = fold(p.words[i])
                placed = p.ent[i] in ("GPE", "LOC", "FAC") and i > 0 and p.lower[i - 1] in LOCATIVE_PREPS
                one = len(firsts.get(w, ())) == 1  # a first name only one person bears
                if not placed and p.lower[i] not in lowered and (w in surnames or one):
                    j = i + 1
                    while j < n and p.taken[j] < 0 and p.pos[j] == "PROPN" and fold(p.words[j]) in surnames:
                        j += 1
                    self._person(i, j)
                    done = j - i
            i += max(done, 1)

    def _absorbed(self, h: int) -> bool:
        """A country name that modifies a title or agent noun belongs to that description."""
        p = self.p
        d = p.dep[h]
        if d in ("poss", "compound", "amod", "nmod"):
            t = p.head[h]
            if p.pos[t] == "PROPN" and d == "compound" and self._acts(h, strong=False):
                return False  # "US Predator attacks": the name before a noun of an act
            if d == "compound" and p.dep[t] == "compound" and self._act_noun(p.head[t]):
                return False  # "US drone strikes": the means modify the act, which is the state's
            return self._agent(t) is not None or p.pos[t] == "PROPN"
        if d == "pobj" and p.lower[p.head[h]] in ("of", "for"):
            return self._agent(p.head[p.head[h]]) is not None
        return False

    def _act_noun(self, t: int) -> bool:
        """Is token t a noun of an act or property a state's demonym names (``state_cues.tsv``
        use ``demonym``: "strikes", "sanctions")?"""
        p = self.p
        return p.pos[t] == "NOUN" and (
            p.lemma[t] in self.t.demonym_heads or p.lower[t] in self.t.demonym_heads
        )

    def _country(self, i: int, j: int, k: str, city: str | None = None) -> None:
        """A country's name, its capital or (``city``: its code) another city of it, used as the
        state; a capital or city only in an actor's position."""
        h = self._root(i, j)
        p = self.p
        before = i - 1
        longer = before >= self.body_tok0 and p.sent[before] == p.sent[i] and p.pos[before] == "PROPN"
        if longer and p.is_cap(before) and (p.head[before] == h or p.words[before].endswith("New")):
            return  # part of a longer name: "New Jersey", "then-New Jersey"
        is_capital = city is not None or k not in self.t.names
        code = city or (self.t.capitals[k] if k not in self.t.names else self.t.names[k])
        if self._absorbed(h) or not self._acts(h, strong=is_capital):
            return
        m = self._mention(i, j, "state", "country", h)
        m.state = code
        m.named_state = True
        self._add(m)

    def _metonym(self, i: int, j: int, k: str) -> None:
        met = self.t.metonyms[k]
        h = self._root(i, j)
        if met.kind == "partisan":
            return  # an adjective: the description it modifies is the mention
        p = self.p
        named = met.kind == "seat" or p.pos[h] == "PROPN"
        if named and not self._acts(h, strong=False) and p.dep[self._role_head(h)] != "compound":
            return  # "at the White House" is a place; "White House spokesman" an affiliation
        # A description headed by a common noun keeps its article.
        if p.pos[h] != "PROPN" and i > 0 and p.lower[i - 1] in DEFINITE and p.taken[i - 1] < 0:
            i -= 1
        m = self._mention(i, j, "contextual" if met.kind == "contextual" else "state", "country", h)
        m.state = met.code
        m.sector = met.sector
        m.partisan = met.kind == "epithet" and met.code is not None and p.pos[h] != "PROPN"
        m.definite = True
        self._add(m)

    def _norp(self, i: int, j: int, k: str) -> None:
        """A people or group named by a plural NORP ("Palestinians", "Muslims", "Zionists")."""
        p = self.p
        h = self._root(i, j)
        if p.tag[h] not in ("NNS", "NNPS") or p.dep[h] in ("amod", "compound"):
            return
        lo = i
        while (
            lo > 0 and p.head[lo - 1] == h and p.dep[lo - 1] in ("amod", "compound") and p.taken[lo - 1] < 0
        ):
            lo -= 1
        m = self._mention(lo, j, "group", "group", h)
        mods = [self.t.demonyms.get(fold(p.words[x])) for x in range(lo, i)]
        m.country = next((c for c in mods if c), None) or self.t.demonyms.get(k)  # "Iraqi Kurds"
        ethnic = any(p.lower[x] == "ethnic" for x in range(max(lo - 1, 0), i))
        located = self._located(h)
        if ethnic or (located and not any(mods)):
            m.country = located  # "ethnic Albanians", "the Albanians of southern Serbia"
        m.plural = True
        m.name_text = p.span_text(i, j)
        m.group_key = (k, m.country)
        self._add(m)

    def _located(
        self, h: int, preps_ok: set[str] | frozenset[str] = frozenset(GROUP_PLACE_PREPS)
    ) -> str | None:
        """The country a group is placed in by a phrase after it ("in Macedonia", "of Serbia",
        "in Baghdad", "from Calgary")."""
        p = self.p
        preps = [c for c in p.sp[h].rights if p.dep[c.i] == "prep"]
        for v in p.sp[h].rights:
            if p.dep[v.i] == "acl":  # "guerrillas operating in Macedonia", "refugees living in Chad"
                preps += [c for c in v.rights if p.dep[c.i] == "prep"]
        for c in preps:
            if p.lower[c.i] in preps_ok:
                o = next((g.i for g in c.children if p.dep[g.i] == "pobj"), None)
                if o is None:
                    continue
                code = self._phrase_country(max(p.sp[o].left_edge.i, c.i + 1), o)
                if code:
                    return code
        return None

    def _phrase_country(self, lo: int, o: int, demonyms: bool = True) -> str | None:
        """The country a noun phrase [lo, o] (head o) names: a country's name ("the Israeli-occupied
        West Bank" -> Palestine), a city or region the place gazetteer knows ("Basra", "the town
        of Siverek"), else a demonym modifying the head ("the Syrian Golan"), not one joined to a
        participle ("Israeli-occupied")."""
        p = self.p
        for x in range(lo, o + 1):
            code = self.t.names.get(key(p.span_text(x, o + 1)))
            if code:
                return code
        ent = self._place_ent.get(o)
        if ent is not None and ent[1] == o + 1:
            code = self.place_country(p.span_text(max(ent[0], lo), o + 1))
            if code:
                return code
        if p.lemma[o] in PLACE_NOUNS:  # "the town of Siverek", "Sindh province"
            ent = self._place_ent.get(o - 1)
            if ent is not None and ent[1] == o and ent[0] >= lo:
                code = self.place_country(p.span_text(ent[0], o))
                if code:
                    return code
            # "the town of Siverek", "Swat district in Pakistan"
            of = next(
                (c.i for c in p.sp[o].rights if p.dep[c.i] == "prep" and p.lower[c.i] in ("of", "in")), None
            )
            g = (
                next((c.i for c in p.sp[of].children if p.dep[c.i] == "pobj"), None)
                if of is not None
                else None
            )
            if g is not None and g != o:
                return self._phrase_country(max(p.sp[g].left_edge.i, of + 1), g, demonyms)
        if not demonyms:
            return None
        for x in range(lo, o):
            code = self.t.demonyms.get(fold(p.words[x]))
            if code and not (x + 1 < o and p.words[x + 1] in ("-", "\u2010")):
                return code
        return None

    def _org(self, i: int, j: int, k: str) -> None:
        p = self.p
        if k in self._things:
            return  # "ICT", spelled out as a technology
        if not p.is_cap(i) and not self.g.lookup(k):
            return
        last = fold(p.words[j - 1])
        if last in self.t.not_actor_last_words and not any(
            fold(p.words[x]) in self.t.institution_words for x in range(i, j - 1)
        ):
            return  # "St. George's Church" is a building; "the Greek Orthodox Church" is not
        of = next((x for x in range(i + 1, j - 1) if p.lower[x] == "of"), None)
        if of is not None and fold(p.words[of - 1]) in self.t.not_actor_of_heads:
            return  # "the Spring Festival of Kites" is an event, "the Palace of Arts" a building
        found = self.g.lookup(k)
        if found and all(e.type == "person" for e in found):
            self._person(i, j)  # "Trump" tagged ORG
            return
        lo = i
        if i >= 2 and p.tag[i - 1] == "POS" and p.taken[i - 2] < 0:
            # "Israel's Cabinet", "Iran's Foreign Ministry": the state is part of the name
            for n in (3, 2, 1):
                if (
                    i - 1 - n >= self.body_tok0
                    and self._country_at(i - 1 - n, i - 1)[0] == n
                    and self._free(i - 1 - n, i)
                ):
                    lo = i - 1 - n
                    break
        m = self._mention(lo, j, "name", "organization")
        if lo < i:
            m.country = self._country_at(lo, i - 1)[1]
        m.org_key = k
        m.name_text = p.span_text(i, j)
        m.name_words = tuple(fold(w) for w in p.words[i:j])
        entries = [e for e in found if e.type != "person"]
        if not entries:
            # "the Palestinian Islamic Resistance Movement Hamas": a known name at the end
            for s in range(i + 1, j):
                entries = [e for e in self.g.lookup(p.span_text(s, j)) if e.type != "person"]
                if entries:
                    break
        if entries:
            m.gaz = entries[0]
            m.org_key = key(entries[0].name)
        else:
            for s in range(i, j):
                w = key(p.words[s])
                code = self.t.demonyms.get(w) or self.t.names.get(w)
                named = code is not None and w in self.t.names
                for e in range(s + 2, min(s + 4, j) + 1):  # "United States Supreme Court", "South African"
                    k2 = key(p.span_text(s, e))
                    if not code and k2 in self.t.names:
                        code, named = self.t.names[k2], True
                    code = code or self.t.demonyms.get(k2)
                if code and m.country is None:
                    m.country = code
                    # "Kenya Anti-Corruption Commission": the state is named, as by its name
                    m.named_state = named
                lead = [e for e in self.g.lookup(w) if e.type == "organization"] if s == i else []
                if lead and m.country is None:
                    m.country = lead[0].country  # "UN Human Rights Council" -> UNO
            if m.country is None:
                # "Oslo District Court", "Basra University": a city or region it is named after
                for s in range(i, j):
                    if p.is_cap(s):
                        code = next(
                            (
                                c
                                for e in (s + 2, s + 1)
                                if e <= j
                                and e - s < j - i
                                and (c := self.place_country(p.span_text(s, e), ORG_CITY_MIN))
                            ),
                            None,
                        )
                        if code:
                            m.country = code
                            break
            state = None
            for s in range(i, j):
                a = self.t.agents.get(key(p.span_text(s, j)))
                if a is not None and a.sector:
                    m.sector = a.sector
                    state = a if a.kind == "state" and s > i else None
                    break
            if (
                m.sector is None
                and i > 0
                and not p.is_cap(i - 1)
                and fold(p.words[i - 1]) in self.t.modifiers
            ):
                m.sector = self.t.modifiers[fold(p.words[i - 1])].sector  # "the rebel Front for ..."
            if state is not None and m.country in self.t.countries and lo == i:
                # "The South African Government": the state itself, like "the South African government"
                m.kind, m.type, m.state = "state", "country", m.country
        self._add(m)

    def _country_at(self, s: int, limit: int) -> tuple[int, str | None]:
        """A country name or demonym of one to three tokens starting at s, ending before limit."""
        p = self.p
        for n in (3, 2, 1):
            if s + n > limit:
                continue
            k = key(p.span_text(s, s + n))
            code = self.t.demonyms.get(k) or self.t.names.get(k)
            if code:
                return n, code
        return 0, None

    def _title_before(self, i: int) -> tuple[int, list[int]]:
        """Extend a name leftwards over its titles: "Iranian Foreign Minister X", "Ayatollah X",
        "Libyan leader X", "Nigerian junior foreign minister X" (an adjective is kept only
        when a title or demonym stands further left)."""
        p = self.p
        lo = committed = i
        while True:
            c = lo - 1
            if c < self.body_tok0 or p.taken[c] >= 0 or p.sent[c] != p.sent[i] or "\n" in p.words[c]:
                break
            w = fold(p.words[c])
            cap = p.is_cap(c)
            if w == "and" and committed == c + 1 < i and c - 1 >= self.body_tok0 and p.taken[c - 1] < 0:
                # "poet and teacher Ana Ruiz": coordinated titles of one person
                a = self._agent(c - 1)
                if a is not None and a.kind == "person" and "\n" not in p.words[c - 1]:
                    lo = committed = c - 1
                    continue
                break
            if cap and w in self.t.honorifics:
                lo = committed = c
                continue
            if cap and (self.t.demonyms.get(w) or self.t.names.get(w)):
                # "U.S. President X", but not the "Jersey" of "New Jersey Governor X".
                prev = c - 1
                if (
                    prev >= self.body_tok0
                    and p.sent[prev] == p.sent[i]
                    and p.words[prev].rsplit("-", 1)[-1][:1].isupper()
                ):
                    break
                lo = committed = c
                continue
            if cap and c - 1 >= self.body_tok0:
                multi = next(
                    (
                        n
                        for n in (3, 2)
                        if c - n + 1 >= self.body_tok0 and self._country_at(c - n + 1, c + 1)[0] == n
                    ),
                    0,
                )
                if multi:
                    lo = committed = c - multi + 1  # "Hong Kong Chief Executive X"
                    continue
            step = 0
            for n in (4, 3, 2, 1):
                s = c - n + 1
                if s < self.body_tok0 or p.tag[s] == "_SP":
                    continue  # "\n\nSpeaker" reads as "speaker" once spaces are folded
                a = self.t.agents.get(key(p.span_text(s, c + 1)))
                if a is not None and a.kind == "person":
                    step = n
                    break
            if step and c - step >= self.body_tok0 and p.tag[c - step] == "PRP$" and committed == i:
                break  # "his father Karim X": a relation of whoever "his" is, a mention of its own
            if step:
                lo = committed = c - step + 1
                continue
            if not cap and (p.pos[c] == "ADJ" or (p.pos[c] == "NOUN" and p.dep[c] in ("compound", "amod"))):
                lo = c  # tentative: "junior" in "Nigerian junior foreign minister", "defense" in "defense chief"
                continue
            if p.tag[c] == "POS" and committed < i:
                # "Niger's ambassador X", "Mexico's President X"
                size = next(
                    (n for n in (3, 2, 1) if c - n >= self.body_tok0 and self._country_at(c - n, c)[0] == n),
                    0,
                )
                if size and all(p.taken[x] < 0 for x in range(c - size, c)):
                    lo = committed = c - size
                    continue
            break
        return committed, list(range(committed, i))

    def _org_before(self, lo: int) -> int | None:
        """The organisation whose name stands right before a title ("Arab League" in "Arab League
        Secretary General X"), as a mention index."""
        p = self.p
        c = lo - 1
        if c >= self.body_tok0 and p.tag[c] == "POS":
            c -= 1
        if c < self.body_tok0 or p.taken[c] < 0 or p.sent[c] != p.sent[lo]:
            return None
        k = p.taken[c]
        return k if self.out[k].type == "organization" and self.out[k].end == c + 1 else None

    def _person(self, i: int, j: int) -> None:
        p = self.p
        if not p.is_cap(i):
            return
        if (
            i - 1 >= self.body_tok0
            and p.taken[i - 1] < 0
            and p.is_cap(i - 1)
            and p.pos[i - 1] == "PROPN"
            and fold(p.words[i - 1]) in self.t.given_names
            and p.sent[i - 1] == p.sent[i]
        ):
            i -= 1  # "Ana Silva" where the tagger took only "Silva"
        # Titles and honorifics inside the entity ("President Joe Biden") or just before it.
        lo, _before = self._title_before(i)
        words: list[str] = []
        name_start = None
        m = self._mention(lo, j, "name", "person")
        org = self._org_before(lo) if lo < i else None
        if org is not None:
            m.affil = org  # "Arab League Secretary General X", "Hamas's leader X"
        titles: list[tuple[int, int]] = []
        s = lo
        while s < j and name_start is None:
            w = fold(p.words[s])
            if p.tag[s] == "POS":
                s += 1
                continue
            if (
                not p.is_cap(s)
                and s < i
                and not any(
                    (a := self.t.agents.get(key(p.span_text(s, min(s + n, j))))) is not None
                    and a.kind == "person"
                    for n in (4, 3, 2, 1)
                    if s + n < j
                )
            ):
                s += 1  # "junior" of "junior foreign minister X" (but "foreign minister" is a title)
                continue
            hon = self.t.honorifics.get(w)
            if hon is not None:
                m.gender = m.gender or hon.gender
                m.honorific_sector = m.honorific_sector or hon.sector
                s += 1
                continue
            size, code = self._country_at(s, j - 1)
            if code:
                m.country = m.country or code
                s += size
                continue
            step = 0
            for n in (4, 3, 2, 1):
                a = self.t.agents.get(key(p.span_text(s, min(s + n, j))))
                if a is not None and s + n < j and a.kind == "person":
                    titles.append((s, s + n))
                    m.office = m.office or a.office
                    m.sector = m.sector or a.sector
                    m.country = m.country or a.country
                    m.gender = m.gender or a.gender
                    step = n
                    break
            if step:
                s += step
                continue
            name_start = s
        for s in range(name_start if name_start is not None else j, j):
            if p.tag[s] != "POS" and p.lower[s] != "'s":
                words.append(fold(p.words[s]))
        if name_start is None or not words:
            return
        # Skip the tokens of a multi-token title already consumed above.
        words = [fold(p.words[s]) for s in range(name_start, j) if p.tag[s] != "POS" and p.words[s] != "-"]
        m.name_words = tuple(w for w in words if w not in self.t.honorifics)
        if not m.name_words:
            return
        title = self.t.agents.get(" ".join(m.name_words))
        if title is not None and title.kind == "person" and name_start > lo:
            # "Mr. Chair", "Madam Speaker": a title addressed with an honorific, no name
            m.kind, m.name_words, m.definite = "title", (), True
            m.title_text = p.span_text(name_start, j)
            m.title_head = p.lemma[j - 1]
            m.office = m.office or title.office
            m.sector = m.sector or title.sector
            m.gender = m.gender or title.gender
            self._add(m)
            return
        if len(m.name_words) >= 2 and m.gender is None:
            m.gender = self.t.given_names.get(m.name_words[0])  # "Kathryn Vale" -> she
        elif len(m.name_words) == 1:
            # "Ingrid" alone: a guess for the actor, never a bar to joining ("Kelly" of Ryan Kelly)
            m.name_gender = self.t.given_names.get(m.name_words[0])
        m.name_text = p.span_text(name_start, j)
        if j + 1 < len(p.lower) and p.lower[j] == "of" and p.sent[j] == p.sent[i]:
            for n in (4, 3, 2, 1):
                code = self.t.names.get(key(p.span_text(j + 1, min(j + 1 + n, len(p.lower)))))
                if code and self._free(j, j + 1 + n) and j + 1 + n <= len(p.lower):
                    m.country = m.country or code
                    m.end = j + 1 + n
                    m.cend = p.end[m.end - 1]
                    break
        if titles:
            m.pre_title = p.span_text(titles[0][0], titles[-1][1])
            m.title_head = p.lemma[titles[-1][1] - 1]
        elif lo == name_start and lo > self.body_tok0:
            # "D.C.–Speaker Nancy Pelosi": a dateline glued to the title by a dash
            glued = re.split("[–—]", p.words[lo - 1])[-1]
            a = self.t.agents.get(key(glued)) if glued != p.words[lo - 1] else None
            if a is not None and a.kind == "person":
                m.pre_title, m.title_head = glued, fold(glued)
                m.office, m.sector = m.office or a.office, m.sector or a.sector
        entries = [e for e in self.g.lookup(m.name_text) if e.type == "person"]
        if not entries:
            entries = [e for e in self.g.lookup(p.span_text(lo, j)) if e.type == "person"]
        if len(m.name_words) == 1:
            # A bare surname names a gazetteer person who held some office lately, or who held
            # the very office the text gives ("President Reagan" in a report on the 1980s).
            entries = [
                e
                for e in entries
                if e.recent(self.day) or (m.office and any(r.office == m.office for r in e.roles))
            ]
        if entries:
            m.gaz = entries[0]
        if titles and self._apposed_title(lo, name_start):
            self._split_title(m, lo, name_start)
            return
        self._add(m)

    def _apposed_title(self, lo: int, name_start: int) -> bool:
        """Is the title before a name an apposition of its own ("Peru's coach Ivan Reyes", "the
        match referee Ivan Reyes", "poet and teacher Ana Ruiz"), not a part of the name
        ("President Ana Ruiz", "Foreign Minister Ivan Reyes")?"""
        p = self.p
        if p.is_cap(name_start - 1):
            return False  # a capitalised title is part of the name: "New Zealand's Prime Minister X"
        if any(p.tag[x] == "POS" or p.lower[x] == "and" for x in range(lo, name_start)):
            return True
        c = lo - 1
        return (
            c >= self.body_tok0
            and p.sent[c] == p.sent[lo]
            and (p.tag[c] == "POS" or p.lower[c] in ("the", "a", "an"))
        )

    def _split_title(self, m: Mention, lo: int, name_start: int) -> None:
        """Two mentions of one person: the title (with its possessor or article) and the name."""
        p = self.p
        start = lo - 1 if p.lower[lo - 1] in ("the", "a", "an") and self._free(lo - 1, lo) else lo
        t = self._mention(start, name_start, "title", "person", name_start - 1)
        t.title_text = m.pre_title or p.span_text(lo, name_start)
        t.title_head, t.office, t.sector = m.title_head, m.office, m.sector
        t.country, t.gender, t.affil, t.definite = m.country, m.gender, m.affil, True
        m.start, m.cstart = name_start, p.idx[name_start]
        m.head = self._root(name_start, m.end)
        m.sent, m.subject = p.sent[m.head], self._subject(m.head)
        first = self._add(t)
        second = self._add(m)
        self._link(first, second)

    # -- metonyms and epithets outside entities ---------------------------------------------
    def _metonyms(self) -> None:
        p = self.p
        fw = self.t.first_words
        for i in range(self.body_tok0, len(p.lower)):
            if p.taken[i] >= 0:
                continue
            n = fw.get(fold(p.lower[i]))
            if not n:
                continue
            for size in range(min(n + 2, len(p.lower) - i), 0, -1):
                j = i + size
                if not self._free(i, j) or not self._in_body(i, j):
                    continue
                k = key(p.span_text(i, j))
                met = self.t.metonyms.get(k)
                if met is not None and met.kind != "partisan":
                    self._metonym(i, j, k)
                    break

    # -- descriptions: titles, agent nouns, groups ------------------------------------------
    def _descriptions(self) -> None:
        p = self.p
        heads = []
        for h in range(self.body_tok0, len(p.lower)):
            if p.end[h] > self.body[1]:
                break
            if p.taken[h] < 0 and p.pos[h] in ("NOUN", "PROPN"):
                heads.append(h)
        # Institutions first, so that a person's description can hang on one: "a member of the
        # Jordanian parliament" is affiliated with the parliament, which stays an actor of its own.
        later = []
        for h in heads:
            a = self._agent(h)
            if a is not None and a.kind in ("body", "state"):
                if p.taken[h] < 0:
                    self._description(h)
            else:
                later.append(h)
        for h in later:
            if p.taken[h] < 0:
                self._description(h)

    def _demonym_acronyms(self) -> None:
        """An untagged acronym a demonym qualifies is that country's organisation: "the
        Belarusian KGB", "Iraqi INA" (the tagger marks the demonym and misses the body)."""
        p = self.p
        for x in range(self.body_tok0 + 1, len(p.lower)):
            w = p.words[x]
            if not (2 <= len(w) <= 6 and w.isalpha() and w.isupper()) or p.ent[x] or p.taken[x] >= 0:
                continue
            if p.pos[x] != "PROPN" or p.dep[x - 1] not in ("compound", "amod") or p.head[x - 1] != x:
                continue
            code = self.t.demonyms.get(fold(p.words[x - 1]))
            if code is None or not p.is_cap(x - 1) or not self._in_body(x - 1, x + 1):
                continue
            self._org(x, x + 1, key(w))
            k = p.taken[x]
            if k >= 0 and self.out[k].type == "organization":
                self.out[k].country = self.out[k].country or code

    def _demonym_modifiers(self) -> None:
        """A demonym before a noun of an act or of a state's property (``state_cues.tsv``, use
        ``demonym``) stands for its state: "Israeli air raids", "an Australian ultimatum",
        "Danish web sites" (PLOVER codes the state as the one who raids, threatens or owns);
        "French wine" names none."""
        p = self.p
        n = len(p.lower)
        for i in range(self.body_tok0, n):
            # (is_cap inlined: this runs for every word)
            if (
                p.taken[i] >= 0
                or not p.words[i][:1].isupper()
                or p.dep[i] not in ("amod", "compound", "nmod")
            ):
                continue
            size, code = self._country_at(i, n)
            if not code or (fold(p.words[i]) in self.t.names and p.ent[i]):
                continue  # a country's own name went through _country (unless the tagger missed it)
            j = i + size
            h = p.head[j - 1]
            while h >= j and p.dep[h] == "compound" and p.pos[h] == "NOUN" and p.head[h] > h:
                h = p.head[h]  # "US Predator attacks": the noun the compounds modify
            if (
                h < j
                or p.pos[h] != "NOUN"
                or p.taken[h] >= 0
                or not self._free(i, j)
                or not self._in_body(i, j)
            ):
                continue
            if i > 0 and p.lower[i - 1] == "ethnic":
                continue
            if p.lemma[h] not in self.t.demonym_heads and p.lower[h] not in self.t.demonym_heads:
                continue  # "French wine", "a Canadian accent" name no state
            m = self._mention(i, j, "state", "country", j - 1)
            m.state = code
            self._add(m)

    def _title_match(self, h: int) -> tuple[Agent | None, int, int]:
        """The longest agents.tsv phrase headed by token h: (agent, first token, end token)."""
        p = self.p
        best: tuple[Agent | None, int, int] = (None, h, h + 1)
        # Left: compounds and adjectives ("foreign minister", "prime minister", "air force").
        lo = h
        while (
            lo > 0 and p.head[lo - 1] == h and p.dep[lo - 1] in ("compound", "amod") and p.taken[lo - 1] < 0
        ):
            lo -= 1
        for s in range(lo, h):
            # the phrase as written, or with its head's lemma ("military planes", "foreign ministers")
            a = self.t.agents.get(key(p.span_text(s, h + 1))) or self.t.agents.get(
                key(p.span_text(s, h)) + " " + p.lemma[h]
            )
            if a is not None:
                return a, s, h + 1
        # Right: an "of" phrase ("minister of foreign affairs", "leader of the islamic revolution").
        if h + 1 < len(p.lower) and p.lower[h + 1] == "of":
            for e in range(min(h + 7, len(p.lower)), h + 2, -1):
                a = self.t.agents.get(key(p.span_text(h, e)))
                if a is not None and self._free(h, e):
                    return a, h, e
        a = self._agent(h)
        if a is not None:
            best = (a, h, h + 1)
        return best

    def _collective_type(self, agent: Agent, h: int) -> str:
        """An institution named in the singular ("the navy", "Police", "the Afghan team") is an
        organisation; people, their means and institutions in the plural ("armies") a group."""
        if agent.kind == "body" and fold(self.p.words[h]) == agent.term.split()[-1]:
            return "organization"
        return "group"

    def _own_demonym(self, h: int) -> int | None:
        """A free demonym right before the compound modifier h, whose own or whose head's
        modifier it is ("Israeli police" in "in Israeli police custody"), as a token index."""
        p = self.p
        c = h - 1
        if (
            c >= self.body_tok0
            and p.head[c] in (h, p.head[h])
            and p.dep[c] in ("amod", "compound")
            and p.taken[c] < 0
            and p.is_cap(c)
            and fold(p.words[c]) in self.t.demonyms
        ):
            return c
        return None

    def _description(self, h: int) -> None:
        p = self.p
        agent, a_start, a_end = self._title_match(h)
        if agent is None or agent.kind not in ("person", "body", "people", "state"):
            return
        own: int | None = None
        if p.dep[h] == "compound" and a_end == h + 1:
            # "Foreign Minister Ivo Kral" where the tagger missed the name: a capitalised
            # title before a run of capitalised proper nouns names a person.
            # So does a lower-case one before two or more ("militant Haroon Rashid Qadir").
            n = p.head[h]
            a_n = self._agent(n) if n > h and agent.kind in ("person", "people") else None
            if a_n is not None and a_n.kind in ("person", "people", "body"):
                return  # "rebel leaders", "police officers": the head noun makes the description
            if agent.kind == "person" and n > h and p.pos[n] == "PROPN":
                run = range(h + 1, n + 1)
                names = all(p.pos[x] == "PROPN" and p.is_cap(x) and p.taken[x] < 0 for x in run)
                if not p.is_cap(h):
                    names = (
                        names
                        and all(p.ent[x] in ("", "PERSON") for x in run)
                        and (len(run) >= 2 or p.ent[n] == "PERSON")
                    )
                if names and not any(self._agent(x) for x in run):
                    self._person(h + 1, n + 1)
                return
            own = self._own_demonym(h)
            if own is None:
                return  # "fighter jets", "police station": a modifier, not a participant
            # "in Israeli police custody", "Kampuchean guerrilla camps": the body is named
        if (
            agent.kind in COLLECTIVE_KINDS
            and a_end == h + 1
            and h + 2 < len(p.lower)
            and p.lower[h + 1] == "of"
        ):
            o = next((c.i for c in p.sp[h + 1].children if p.dep[c.i] == "pobj"), None)
            if o is not None and p.tag[o] in ("NNS", "NNPS") and (self._agent(o) or p.ent[o] == "NORP"):
                return  # "a group of diplomats": the diplomats are the mention
        plural = p.tag[h] in ("NNS", "NNPS") or p.lower[h] in PLURAL_NOUNS
        country: str | None = agent.country
        partisan: str | None = None
        sector = agent.sector
        qualified = False  # tied to a country, name or organisation
        described = False  # given a sector by an adjective ("militant group")
        definite = False
        affil: int | None = None
        # Left: determiners and modifiers inside the head's own phrase.
        lo = a_start
        left_edge = max(p.sp[h].left_edge.i, self.body_tok0)
        if own is not None:
            left_edge = min(left_edge, own)
        poss_tok: int | None = None
        coord: int | None = None
        ethnic = False
        named_state = False
        for c in range(a_start - 1, left_edge - 1, -1):
            if "\n" in p.words[c] or p.tag[c] == "_SP":
                break  # a description never runs across a line break ("2009 / Political activist")
            d = p.dep[c]
            mi = p.taken[c]
            if mi >= 0:
                other = self.out[mi]
                if other.type == "organization" or (other.kind == "state" and other.state):
                    affil = mi
                    qualified = True
                elif agent.kind == "state" and other.kind == "name" and other.type == "person":
                    # "the Bush administration", "Maduro's government": the state its leader heads
                    codes = {e.country for e in self.g.lookup(other.name_text) if e.type == "person"}
                    codes = {c for c in codes if c and c in self.t.countries}
                    if len(codes) == 1:
                        country = country or codes.pop()
                        qualified = True
                elif (
                    other.type in ("person", "group")
                    and p.head[other.head] == h
                    and p.dep[other.head] == "poss"
                ):
                    poss_tok = other.head  # "Smith's wife"
                break
            w = fold(p.words[c])
            if p.tag[c] == "PRP$" and p.head[c] == h:
                poss_tok = c  # "his father": a relation of whoever "his" is
            if d == "conj" and lo == c + 1 and p.dep[p.head[c]] in ("amod", "nmod", "compound"):
                # "US and British forces": the nearest conjunct qualifies this description;
                # the farther one ("US") is a mention of its own (see _coordinated_modifier).
                code = self.t.demonyms.get(w) or self.t.names.get(w)
                if code:
                    country = country or code
                    qualified = True
                    lo = c
                    coord = p.head[c]
                break
            if w == "ethnic":
                ethnic = True  # "ethnic Albanian guerrillas" live elsewhere: no country from the demonym
            if p.tag[c] in ("PRP$", "WP$", "WDT", "WP") or d in STOP_DEPS or w in QUANTIFIERS:
                break
            if d == "det":
                if w in ARTICLES:
                    definite = w in DEFINITE
                    lo = c
                break
            met = self.t.metonyms.get(w)
            code = self.t.demonyms.get(w) or self.t.names.get(w)
            if code and w in self.t.names and country is None:
                named_state = True  # "Burundi's government": the state by its name
            if c - 1 >= left_edge and p.is_cap(c - 1) and (p.pos[c - 1] == "PROPN" or p.ent[c - 1] == "NORP"):
                # "Hong Kong protesters", "South Korean army officers" are of a country; the
                # "Jersey" of "New Jersey" is not.
                longer = next(
                    (
                        n
                        for n in (3, 2)
                        if c - n + 1 >= left_edge and self._country_at(c - n + 1, c + 1)[0] == n
                    ),
                    0,
                )
                if longer:
                    code = self._country_at(c - longer + 1, c + 1)[1]
                    country = country or code
                    qualified = True
                    lo = c - longer + 1
                    break
                if p.pos[c - 1] == "PROPN":
                    code = None
            if not code and c + 1 < a_start and p.tag[c + 1] == "POS":
                code = self.t.capitals.get(w)  # "Cairo's security chief", "Baghdad's forces"
            ent = self._place_ent.get(c)
            if (
                not code
                and ent is not None
                and ent[1] == c + 1
                and ent[0] >= left_edge
                and self._free(ent[0], c + 1)
            ):
                # "Darfur rebels", "Baghdad residents", "West Darfur militias": a city or region of a country
                code = self.place_country(p.span_text(ent[0], c + 1))
                if code and ent[0] < c:
                    country = country or code
                    qualified = True
                    lo = ent[0]
                    break
            if (
                code
                and c - 2 >= left_edge
                and p.words[c - 1] in ("-", "\u2010")
                and p.lower[c - 2] in STANCE_PREFIXES
            ):
                code = None  # "an anti-Syria journalist", "pro-Russian separatists"
            if met is not None and met.kind == "partisan":
                partisan = met.code
            elif code:
                country = country or code
                qualified = True
                definite = definite or d == "poss"
            elif w in self.t.modifiers:
                sector = sector or self.t.modifiers[w].sector
                described = True
            elif p.ent[c] in ("NORP", "ORG", "GPE") or (p.pos[c] == "PROPN" and p.is_cap(c)):
                qualified = True
            lo = c
        while lo < a_start and p.tag[lo] == "POS":
            lo += 1  # "the Labour Party's leader": the possessor is its own mention
        # Right: "of"/"for" phrases, walked down while they name no actor ("head of the
        # political bureau of Hamas" stops before Hamas, which becomes the affiliation).
        hi = a_end
        x = a_end - 1
        for _ in range(3):
            prep = next(
                (c.i for c in p.sp[x].rights if p.dep[c.i] == "prep" and p.lower[c.i] in ("of", "for")), None
            )
            if prep is None:
                break
            o = next((c.i for c in p.sp[prep].children if p.dep[c.i] == "pobj"), None)
            if o is None:
                break
            oi = p.taken[o]
            if oi >= 0:
                other = self.out[oi]
                if other.type == "organization" or (other.kind == "state" and other.state):
                    affil = oi
                    qualified = True
                elif plural and other.type == "person" and other.kind == "name" and agent.kind == "person":
                    # "supporters of former President X", "relatives of X": people of X's side,
                    # who take X's country
                    affil = oi
                    qualified = True
                break
            o_lo = max(p.sp[o].left_edge.i, prep + 1)
            # "the government of Sindh province", "the mayor of Chicago"
            code = self._phrase_country(o_lo, o, demonyms=False)
            if code and self._free(prep, o + 1):
                country = country or code
                qualified = True
                hi = o + 1
                break
            if agent.kind != "person" or not self._free(prep, o + 1):
                break
            for c in range(o_lo, o):
                code = self.t.demonyms.get(fold(p.words[c]))
                if code:
                    country = country or code
            hi = o + 1
            x = o
        located: str | None = None
        if agent.kind != "person" or plural:
            # "opposition groups in Zimbabwe", "students throughout Indonesia", "inhabitants of
            # the Syrian Golan": a group located in a country is of it.
            for c in p.sp[h].rights:
                if p.dep[c.i] == "prep" and p.lower[c.i] in GROUP_PLACE_PREPS:
                    o = next((g.i for g in c.children if p.dep[g.i] == "pobj"), None)
                    if o is not None:
                        code = self._phrase_country(max(p.sp[o].left_edge.i, c.i + 1), o)
                        if code:
                            located = located or code
                            country = country or code
                            qualified = True
        elif country is None:
            located = self._located(h, {"from"})  # "a missionary from Calgary"
            if located:
                country = located
                qualified = True
        if ethnic:
            country = located or self._located(h)
        if not self._free(lo, hi) or not self._in_body(lo, hi):
            return
        if hi - 1 != h and fold(p.words[hi - 1]) in self.t.not_actor_last_words:
            return  # "the Fairplay Man of the Year award" (parsed with "Man" at its head) is a thing
        cap_title = p.is_cap(h) and p.sent_start_tok[p.sent[h]] != h
        if partisan:
            qualified = True
        # "the company", "the party" with nothing else: only as an anaphor of an organisation
        # the report has named (the coreference step drops it when there is none).
        needs_antecedent = (
            agent.kind in COLLECTIVE_KINDS
            and agent.back
            and definite
            and not plural
            and not (qualified or described)
        ) or (
            # "the student" after "Texas student X": the person so titled, or no one
            agent.kind == "person"
            and not agent.alone
            and definite
            and not plural
            and not (qualified or described)
            and not cap_title
        )
        if (
            not agent.alone
            and not (qualified or described)
            and not (cap_title and agent.kind == "person" and definite)
            and not needs_antecedent
        ):
            return
        if agent.kind != "person" and not (qualified or described) and not (definite or plural):
            return  # "their opposition to ...": an abstract use of an institution noun
        if needs_antecedent and agent.kind != "person" and h + 1 < len(p.lower) and p.lower[h + 1] == "of":
            return  # "the side of the road", "the bar of the hotel": a part of something
        text_lo = lo + 1 if p.lower[lo] in ARTICLES else lo
        if partisan:
            m = self._mention(lo, hi, "state", "country", h)
            m.state = partisan
            m.partisan = True
        elif agent.kind == "state" and (country or affil is not None):
            state = country or (self.out[affil].state if affil is not None else None)
            if state is None:
                return
            m = self._mention(lo, hi, "state", "country", h)
            m.state = state
            affil = None
        elif agent.kind == "person" and not plural:
            m = self._mention(lo, hi, "title", "person", h)
            m.office = agent.office
            m.gender = agent.gender
            for x in (lo - 1, lo):  # "Madam Chair" is a woman, "Mr. Chair" a man
                hon = self.t.honorifics.get(fold(p.words[x])) if x >= self.body_tok0 else None
                if hon is not None and hon.gender and p.is_cap(x):
                    m.gender = m.gender or hon.gender
            m.title_text = p.span_text(text_lo, hi)
            m.title_head = p.lemma[h]
            m.back = agent.back
            m.needs_antecedent = needs_antecedent
        else:
            m = self._mention(lo, hi, "group", self._collective_type(agent, h), h)
            m.plural = plural
            m.name_text = p.span_text(text_lo, hi)
            if m.type == "organization" and qualified:
                m.org_key = key(m.name_text)  # "Chilean navy" is the "Chilean Navy"
            m.group_key = (p.lemma[h], country)
            m.anaphor = agent.kind in COLLECTIVE_KINDS and not qualified and not plural
            m.needs_antecedent = needs_antecedent
        m.country = country
        m.sector = sector
        m.agent_kind = agent.kind
        m.named_state = named_state and (m.state or country) is not None
        m.definite = definite or cap_title
        m.affil = affil
        m.poss_tok = poss_tok
        self._add(m)
        if coord is not None:
            self._coordinated_modifier(coord, h, agent, plural)

    def _coordinated_modifier(self, c: int, h: int, agent: Agent, plural: bool) -> None:
        """The first conjunct of "Iraqi and Turkish troops" / "US and British forces": a state
        named by name is the state; a demonym before a group noun is that country's group."""
        p = self.p
        if p.taken[c] >= 0 or not p.is_cap(c):
            return
        w = fold(p.words[c])
        code = self.t.demonyms.get(w) or self.t.names.get(w)
        if code is None:
            return
        if w in self.t.names or agent.kind == "state":
            m = self._mention(c, c + 1, "state", "country", c)
            m.state = code
        else:
            m = self._mention(c, c + 1, "group", "group", c)
            m.name_text = f"{p.words[c]} {p.words[h]}"
            m.group_key = (p.lemma[h], code)
            m.plural = plural
            m.sector = agent.sector
            m.agent_kind = agent.kind
        m.country = code
        self._add(m)

    # -- pronouns ---------------------------------------------------------------------------
    def _pronouns(self) -> None:
        p = self.p
        # Sentences that speak in the first or second person (an interview answer, a speech):
        # their subject "it" is the matter at hand ("I think it's important", "we hope it
        # works out"), hardly ever an organisation named before.
        personal = {
            p.sent[i]
            for i in range(self.body_tok0, len(p.lower))
            if p.lower[i] in _PERSONAL and p.words[i] != "US"
        }
        for i in range(self.body_tok0, len(p.lower)):
            cls = PRONOUNS.get(p.lower[i])
            if cls is None or p.taken[i] >= 0 or p.tag[i] not in ("PRP", "PRP$"):
                continue
            if p.in_quote[i]:
                continue  # the speakers stage resolves quoted pronouns, knowing who speaks
            if p.end[i] > self.body[1]:
                break
            if cls == "n" and p.lower[i] == "it":
                # "it is compulsory", "it was reported": expletive or propositional "it".
                nxt = p.lemma[i + 1].replace("\u2019", "'") if i + 1 < len(p.lower) else ""  # "It’s"
                if p.dep[i] not in ("nsubj",) or nxt in ("be", "seem", "appear", "'s") or p.dep[i] == "expl":
                    continue
                if p.sent[i] in personal:
                    continue
            m = self._mention(i, i + 1, "pronoun", "person" if cls in ("m", "f") else "group", i)
            m.pron = cls
            self._add(m)

    # -- appositions ------------------------------------------------------------------------
    def _loose_descriptions(self) -> None:
        """An apposition or predicate nominal of a person whose head noun
        agents.tsv does not know is a mention of the person too ("Luc Ferrand, a deserter from ...",
        "Kessler was a legend", "she was a teenager"); it links to its partner and never names
        or titles the actor."""
        p = self.p
        surnames = {fold(p.words[m.end - 1]) for m in self.out if m.type == "person" and m.kind == "name"}
        for k in range(len(self.out)):
            m = self.out[k]
            if m.type == "organization" and m.end - m.start == 1 and fold(p.words[m.start]) in surnames:
                pass  # "Brandt is a legend", the surname tagged ORG: the person coreference finds
            elif m.type != "person" or m.kind == "state":
                # An organisation's apposition or predicate names it only with an organisation
                # word (a group description: "Hamas, a militant group", "X is a company"); a
                # noun agents.tsv does not know says what the name stands for there ("Firefox,
                # its main rival", "X is a category"), often a product or a thing.
                continue
            if m.kind == "pronoun" and m.pron not in ("m", "f"):
                continue
            h = m.head
            found = [c.i for c in p.sp[h].rights if p.dep[c.i] == "appos"]
            verb = p.head[h]
            if m.end < len(p.lower) and p.lemma[m.end] == "be" and self._copula_subject(m.end) == m.head:
                verb = m.end  # "Ana Ruiz is ..." under a heading the parser glued to it
            if (p.dep[h] == "nsubj" or verb == m.end) and p.lemma[verb] == "be" and verb != h:
                # "He was a judge, and is a writer": a conjoined copula with no subject of its own
                verbs = [verb] + [
                    c.i
                    for c in p.sp[verb].rights
                    if p.dep[c.i] == "conj"
                    and p.lemma[c.i] == "be"
                    and not any(p.dep[g.i] in ("nsubj", "nsubjpass", "expl") for g in c.children)
                ]
                for v in verbs:
                    if not negated(p.sp[v]):  # "She is not only a judge" affirms it
                        found += [c.i for c in p.sp[v].children if p.dep[c.i] == "attr" and c.i > h]
            if p.dep[h] in SUBJECT_DEPS:
                found += [n.i for n in as_role_nouns(p.sp[verb])]
            for t in found:
                one = None
                if p.lower[t] == "one":
                    # "She was one of the first critics of the plan": the whole phrase
                    prep = next((c.i for c in p.sp[t].rights if p.lower[c.i] == "of"), None)
                    o = (
                        next((c.i for c in p.sp[prep].children if p.dep[c.i] == "pobj"), None)
                        if prep
                        else None
                    )
                    if o is not None and p.tag[o] == "NNS" and self._free(t, o + 1):
                        one, t = t, o
                if (
                    p.pos[t] != "NOUN"
                    or p.taken[t] >= 0
                    or p.in_quote[t] != m.in_quote
                    or p.sent[t] != m.sent
                    or p.ent[t] in ("DATE", "TIME")  # "Mr. Chairman, this morning, ..."
                    or self._bracketed(t)  # "Ana Silva (tennis)"
                    or (m.type == "person" and p.lower[t].endswith(ABSTRACT_SUFFIXES))
                ):
                    continue
                lo = max(p.sp[t].left_edge.i if one is None else one, self.body_tok0)
                for x in range(t - 1, lo - 1, -1):
                    if p.taken[x] >= 0 or p.tag[x] in PHRASE_STOP_TAGS:
                        lo = x + 1  # "his wife": the possessive is its own mention
                        break
                while lo < t and p.pos[lo] == "PUNCT":
                    lo += 1
                if not self._free(lo, t + 1) or not self._in_body(lo, t + 1):
                    continue
                text_lo = lo + 1 if p.lower[lo] in ARTICLES and lo < t else lo
                d = self._mention(lo, t + 1, "title", "person", t)
                d.title_text = p.span_text(text_lo, t + 1)
                d.title_head = p.lemma[t]
                d.loose = d.apposed = True
                d.partner = k
                self._add(d)

    def _reciprocals(self) -> None:
        """ "each other" and "one another" stand for the group, organisation or "they" that is
        the subject of their clause ("the parents discussed it with each other"); the speakers
        stage does the same for "we" and "you"."""
        p = self.p
        for x in range(max(self.body_tok0 + 1, 1), len(p.lower)):
            if p.lower[x] not in ("other", "another") or not self._free(x - 1, x + 1):
                continue
            subj = reciprocal_subject(p.sp[x])
            k = p.taken[subj.i] if subj is not None else -1
            if k < 0 or p.in_quote[x] != self.out[k].in_quote:
                continue
            m = self.out[k]
            if m.type == "person" and not m.plural and m.pron != "pl":
                continue  # one person has no "each other" (a parse error)
            d = self._mention(x - 1, x + 1, "title", m.type, x)
            d.loose = True
            d.partner = k
            self._add(d)

    def _known_as(self) -> None:
        """A name given to an actor right where it is described ("the national team, known as
        the Kestrels", "a unit called the Sea Watch") is a name of that actor."""
        p = self.p
        for x in range(self.body_tok0, len(p.lower)):
            if p.lemma[x] not in self.t.naming_verbs or p.tag[x] != "VBN":
                continue
            if p.dep[x] == "acl":
                owner = p.taken[p.head[x]]
            elif p.dep[x] == "ROOT" or p.dep[x] == "relcl":
                subj = next((c.i for c in p.sp[x].children if p.dep[c.i] in ("nsubj", "nsubjpass")), None)
                owner = p.taken[subj] if subj is not None else -1
            else:
                continue
            agent = self._agent(p.head[x]) if p.dep[x] == "acl" else None
            if owner >= 0:
                kind = self.out[owner].type
            elif agent is not None and agent.kind in COLLECTIVE_KINDS:
                kind = "organization"  # "a group known as the Night Owls": named, so no anaphor
            else:
                continue
            if kind not in ("organization", "group", "person"):
                continue
            heads = [c.i for c in p.sp[x].children if p.dep[c.i] == "oprd"]
            heads += [
                g.i
                for c in p.sp[x].children
                if p.lower[c.i] == "as"
                for g in c.children
                if p.dep[g.i] == "pobj"
            ]
            for h in heads:
                lo = p.sp[h].left_edge.i
                lo += 1 if p.lower[lo] in ("the", "a", "an") else 0
                if lo > h or not all(p.is_cap(t) and p.pos[t] == "PROPN" for t in range(lo, h + 1)):
                    continue
                if not self._free(lo, h + 1) or not self._in_body(lo, h + 1):
                    continue
                k = key(p.span_text(lo, h + 1))
                if kind == "person":
                    self._person(lo, h + 1)
                else:
                    self._org_everywhere(k, h + 1 - lo)  # and wherever else ("The Night Owls said ...")
                named = p.taken[h]
                if owner >= 0 and named >= 0 and named != owner:
                    self._link(owner, named)

    def _bracketed(self, t: int) -> bool:
        """Is the noun the first word inside brackets right after its partner?"""
        p = self.p
        return t > 0 and p.lower[t - 1] in ("(", "[")

    def _appositions(self) -> None:
        """Link a name and the title beside it ("X, head of Y" / "Title of Z, X says")."""
        p = self.p
        for k, m in enumerate(self.out):
            if m.type not in ("person", "organization") or m.kind == "pronoun":
                continue
            h = m.head
            if p.dep[h] == "appos":
                other = p.taken[p.head[h]]
                if other >= 0 and m.type == "person" and self.out[other].type == "organization":
                    # "Co-founder of Apple, Tim Rooke, ...": the parser hangs the name on the
                    # organisation; it is in apposition to the title the organisation follows
                    other = next(
                        (t for t, o in enumerate(self.out) if o.affil == other and o.kind == "title"), other
                    )
                if other >= 0 and other != k:
                    self._link(k, other)
                continue
            if p.dep[h] == "conj" and m.kind == "title" and p.dep[p.head[h]] == "appos":
                # "X, director of A, and chairman of B, says": both titles are X's
                other = p.taken[p.head[h]]
                if other >= 0 and other != k:
                    self._link(k, other)
                continue
            if p.dep[h] == "attr" and m.kind != "name" and p.lemma[p.head[h]] == "be":
                # "Smith is a professor", "Hamas is the group that ...": the predicate is the subject.
                verb = p.head[h]
                kids = [c.i for c in p.sp[verb].children]
                subj = self._copula_subject(verb)
                if subj is not None and not any(p.dep[c] == "neg" for c in kids):
                    other = p.taken[subj]
                    if other >= 0 and other != k:
                        self._link(k, other)
                continue
            if m.kind != "name" and p.dep[h] == "pobj" and p.head[h] != h:
                verb = p.head[p.head[h]]
                if any(n.i == h for n in as_role_nouns(p.sp[verb])):  # "As chair of the council, Olsen ..."
                    subj = next((c.i for c in p.sp[verb].children if p.dep[c.i] in SUBJECT_DEPS), None)
                    other = p.taken[subj] if subj is not None else -1
                    if other >= 0 and other != k:
                        self._link(k, other)
                    continue
            # A title opening the sentence, then a comma and a name: "Leader of X, Ayatollah Y says".
            first = max(p.sent_start_tok[m.sent], self.body_tok0)
            opens = m.start == first or (m.start == first + 1 and p.lower[first] in ARTICLES)
            if m.kind == "title" and opens and p.dep[m.head] not in ("dobj", "pobj", "iobj", "dative"):
                j = m.end if m.affil is None else max(m.end, self.out[m.affil].end)
                if j < len(p.lower) and p.lower[j] == ",":
                    other = p.taken[j + 1] if j + 1 < len(p.lower) else -1
                    if other >= 0 and self.out[other].kind == "name" and self.out[other].type == "person":
                        self._link(k, other)

    # -- national teams ---------------------------------------------------------------------
    def _teams(self) -> None:
        """In a sports report, a country's name as a competitor ("Sweden beat Korea", "Korea's
        striker", "a penalty for Sweden") and a people's name in the plural ("the Belgians") are
        its national team: an organisation with the country's code, not the state (a football
        match is no act of a government).  A country after "in", "at", "from" ... stays the
        country ("the World Cup in Russia")."""
        p = self.p
        cues = {
            p.lemma[x]
            for x in range(self.body_tok0, len(p.lower))
            if p.lemma[x] in self.t.sport_cues or p.lower[x] in self.t.sport_cues
        }
        if len(cues) < SPORTS_MIN_CUES:
            return
        # Country names the tagger missed (scores confuse it: "beat England 1-0").
        x = self.body_tok0
        while x < len(p.lower):
            size, code = (
                self._country_at(x, len(p.lower)) if p.pos[x] == "PROPN" and not p.ent[x] else (0, None)
            )
            if code and key(p.span_text(x, x + size)) in self.t.names and self._free(x, x + size):
                if self._in_body(x, x + size) and p.sent[x + size - 1] == p.sent[x]:
                    m = self._mention(x, x + size, "state", "country")
                    m.state, m.named_state = code, True
                    self._add(m)
                x += size
            else:
                x += 1
        for m in self.out:
            text = key(p.span_text(m.start, m.end))
            if m.kind == "state" and m.named_state and not m.partisan and text in self.t.names:
                h = self._role_head(m.head)
                if p.dep[h] == "pobj" and p.lower[p.head[h]] not in TEAM_PREPS:
                    continue
                if m.start >= 2 and p.words[m.start - 1] == "," and p.ent[m.start - 2] in ("GPE", "LOC"):
                    continue  # "Preston, Victoria, Australia": where a place is
                code = m.state
            elif m.kind == "group" and m.plural and m.agent_kind is None and m.country:
                if text not in self.t.demonyms and text.rstrip("s") not in self.t.demonyms:
                    continue
                code = m.country
            else:
                continue
            # "England national team", not the state's name; "the Belgians" are Belgium's team
            name = p.span_text(m.start, m.end) if m.kind == "state" else (self.t.country_name(code) or text)
            m.kind, m.type, m.state, m.country, m.named_state = "name", "organization", None, code, False
            m.team = True
            m.name_text = f"{name} national team"
            m.name_words = tuple(m.name_text.lower().split())
            m.org_key = f"national team {code}"

    def _copula_subject(self, verb: int) -> int | None:
        """The subject of a copula: its nsubj, else (where the parser glued a heading to the
        sentence and lost the subject) the head of the mention right before it on its line."""
        p = self.p
        subj = next((c.i for c in p.sp[verb].children if p.dep[c.i] == "nsubj"), None)
        if subj is not None:
            return subj
        if p.dep[verb] == "conj" and p.head[verb] != verb:
            # "She was a judge, and is a writer": the subject of the first conjunct
            return next((c.i for c in p.sp[p.head[verb]].children if p.dep[c.i] == "nsubj"), None)
        before = verb - 1
        if (
            before >= self.body_tok0
            and p.taken[before] >= 0
            and "\n" not in p.text[p.idx[before] : p.idx[verb]]
        ):
            m = self.out[p.taken[before]]
            if m.end == verb and m.type in ("person", "organization"):
                return m.head
        return None

    def _relations_before_names(self) -> None:
        """A possessed relation right before a person's name is that person: "his father Karim
        X", "her lawyer Ana Ruiz" (the relation and the name are two mentions of one actor)."""
        for k, m in enumerate(self.out):
            if m.kind != "title" or m.poss_tok is None or m.end >= len(self.p.lower):
                continue
            other = self.p.taken[m.end]
            if other < 0 or other == k:
                continue
            o = self.out[other]
            if o.kind == "name" and o.type == "person" and o.start == m.end:
                self._link(k, other)

    def _link(self, a: int, b: int) -> None:
        ma, mb = self.out[a], self.out[b]
        # Same type, or an organisation and a description of it ("Hamas, the militant group").
        if ma.type != mb.type and {ma.type, mb.type} != {"organization", "group"}:
            return
        first, second = (a, b) if ma.cstart < mb.cstart else (b, a)
        self.out[second].partner = first
        ma.apposed = mb.apposed = True
