"""Dependency-parse helpers for the events stage: subjects, objects, passives, clauses,
and the bridge from a parse token to an actor id.

All functions are pure over spaCy tokens; none of them calls spaCy again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from ..document import Actor, Document, MentionIndex

if TYPE_CHECKING:
    from spacy.tokens import Span as SpSpan
    from spacy.tokens import Token

    from .event_lexicon import WordSet

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "csubjpass")
# Deps that start a new clause: an event inside one is not the content of the verb above.
CLAUSE_DEPS = ("relcl", "advcl", "conj", "parataxis", "ROOT", "appos", "acl", "csubj", "nsubj", "nsubjpass")
VERBAL = ("VERB", "AUX")
_MODIFIER_DEPS = ("compound", "amod", "nmod", "flat", "npadvmod")


def forms(tok: Token) -> tuple[str, str]:
    """The lemma and the lower-cased text: lexicon words are matched against both."""
    return tok.lemma_.lower(), tok.lower_


def in_set(
    tok: Token | None, ws: WordSet | None, actor_type: str | None = None, modifiers: bool = False
) -> bool:
    """Does the token (with its compound/amod modifiers as a phrase) belong to the word set?

    With ``modifiers``, a compound modifier in the set is enough ("army reservists").
    """
    if tok is None or ws is None:
        return False
    lemma, lower = forms(tok)
    if ws.has(lemma, lower):
        return True
    if ws.kinds and _kind_matches(tok, ws.kinds, actor_type):
        return True
    for c in tok.lefts:
        if c.dep_ in ("compound", "amod") and (
            ws.has_phrase((c.lemma_.lower(), lemma)) or ws.has_phrase((c.lower_, lower))
        ):
            return True
        if modifiers and c.dep_ == "compound" and ws.has(*forms(c)):
            return True
    for p in tok.rights:  # "state of emergency"
        if p.dep_ == "prep" and p.lower_ == "of":
            for g in p.children:
                if g.dep_ == "pobj" and ws.has_phrase((lemma, "of", g.lemma_.lower())):
                    return True
    return False


_ENT_KINDS = {"PERSON": ("PERSON",), "COUNTRY": ("GPE",), "ORGANIZATION": ("ORG",), "GROUP": ("NORP",)}


def _kind_matches(tok: Token, kinds: frozenset[str], actor_type: str | None) -> bool:
    """@PERSON / @COUNTRY / @GROUP / @ORGANIZATION by entity type or actor type; @ACTOR: any actor."""
    if "ACTOR" in kinds and actor_type is not None:
        return True
    return any(actor_type == k.lower() or tok.ent_type_ in _ENT_KINDS.get(k, ()) for k in kinds)


def is_passive(v: Token) -> bool:
    if any(c.dep_ in ("auxpass", "nsubjpass", "csubjpass") for c in v.children):
        return True
    if v.tag_ != "VBN":
        return False
    if v.dep_ in ("acl", "oprd"):
        return True  # "the man arrested yesterday", "saw thousands killed"
    if v.dep_ == "conj" and v.head.tag_ == "VBN" and not any(c.dep_ in SUBJECT_DEPS for c in v.children):
        return is_passive(v.head)  # "was arrested and banned"
    # "Founded in 1990, the group ...", "five were killed, 20 injured": a bare participle, no agent
    return v.dep_ == "advcl" and not any(c.dep_ in ("aux", *SUBJECT_DEPS) for c in v.children)


def children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def first_child(tok: Token, *deps: str) -> Token | None:
    for c in tok.children:
        if c.dep_ in deps:
            return c
    return None


def pobjs(tok: Token, preps: Iterable[str]) -> list[Token]:
    """Objects of the prepositions under ``tok`` whose lemma is in ``preps``."""
    want = set(preps)
    out = []
    for p in tok.children:
        if p.dep_ in ("prep", "agent", "dative") and p.lower_ in want:
            objs = [g for g in p.children if g.dep_ in ("pobj", "pcomp")]
            out.extend(objs if objs else _stranded_object(p))
    return out


def _stranded_object(p: Token) -> list[Token]:
    """'granted asylum to five officers holed up in ...': the parser made the preposition's
    object the subject of the next clause; the noun phrase right after it is the object."""
    doc = p.doc
    if p.i + 1 >= len(doc):
        return []
    t = doc[p.i + 1]
    for _ in range(6):
        if t.left_edge.i != p.i + 1 or t.head.i == t.i:
            break
        if t.dep_ in ("nsubj", "nsubjpass") and t.pos_ in ("NOUN", "PROPN", "PRON"):
            return [t]
        t = t.head
    return []


def subject_of(
    v: Token, rel: WordSet | None = None, depth: int = 0, control: WordSet | None = None
) -> Token | None:
    """The subject of a verb (or adjective), following control and coordination upward."""
    if depth > 4:
        return None
    subjects = [c for c in v.children if c.dep_ in SUBJECT_DEPS]
    if len(subjects) > 1:
        # A clause has one subject: of two, the parser's extra one is a detached phrase
        # ("According to the mayor, Dee Margo, ..., police were investigating"): the nearest.
        left = [c for c in subjects if c.i < v.i]
        subjects = [max(left, key=lambda c: c.i)] if left else subjects[:1]
    if subjects:
        c = subjects[0]
        if v.dep_ == "relcl" and (c.tag_ in ("WDT", "WP") or (rel is not None and rel.has(c.lower_))):
            return v.head
        return c
    if v.dep_ == "relcl":  # "the forces that attacked" parsed without a subject
        return v.head
    if v.dep_ == "acl":
        # "troops attacking the town": the noun is the agent; "the man arrested" is the patient.
        return v.head if v.tag_ == "VBG" else None
    if v.dep_ == "xcomp":
        h = v.head
        obj = first_child(h, "dobj")
        # Object control: "urged Iran to withdraw" -> Iran withdraws ("used X to ..." is not).
        if obj is not None and obj.i < v.i and (control is None or control.has(h.lemma_.lower())):
            return obj
        return subject_of(h, rel, depth + 1, control)
    if v.dep_ == "conj" and v.head.pos_ in VERBAL:
        return subject_of(v.head, rel, depth + 1, control)
    if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.pos_ in VERBAL:
        return subject_of(v.head.head, rel, depth + 1, control)  # "helped X by donating Y"
    if v.dep_ == "advcl" and (v.tag_ in ("VBG", "VBN") or not any(c.dep_ == "mark" for c in v.children)):
        return subject_of(v.head, rel, depth + 1, control)  # "..., killing six people", "while hailing X, he"
    if v.dep_ in ("acomp", "oprd") or (v.pos_ == "ADJ" and v.dep_ != "amod"):
        return subject_of(v.head, rel, depth + 1, control)
    return None


def agent_of(v: Token) -> Token | None:
    """The 'by' phrase of a passive verb."""
    for c in v.children:
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by"):
            for g in c.children:
                if g.dep_ == "pobj":
                    return g
    return None


def object_of(v: Token) -> Token | None:
    if is_passive(v):
        for c in v.children:
            if c.dep_ in ("nsubjpass", "csubjpass"):
                return c
        return v.head if v.dep_ == "acl" else None
    obj = first_child(v, "dobj")
    return obj if obj is not None else shared_object(v)


def shared_object(v: Token) -> Token | None:
    """The object a verb shares with a later conjunct: "raped, beat and assaulted civilians"."""
    if any(c.dep_ in ("prep", "xcomp", "ccomp") for c in v.children):
        return None
    for cj in v.conjuncts:
        if cj.i > v.i and cj.pos_ in VERBAL and not any(c.dep_ in SUBJECT_DEPS for c in cj.children):
            obj = first_child(cj, "dobj")
            if obj is not None:
                return obj
    return None


_FINITE = ("VBD", "VBZ", "VBP", "MD")
_VERB_GROUP = ("aux", "auxpass", "neg", "advmod")


def stray_subject(v: Token) -> list[Token]:
    """The subject of a finite main verb that the parser hung elsewhere: the noun phrase between
    the last comma and the verb ("With the signing of the accord, the government and the rebels
    have agreed": 'government' parsed as a conjunct of 'accord').  Returns the phrase's head and
    the heads co-ordinated with it inside the phrase, or [] when the verb has a subject or the
    words before it are no noun phrase of their own."""
    if v.dep_ != "ROOT" or v.pos_ != "VERB":
        return []
    kids = list(v.children)
    if any(c.dep_ in (*SUBJECT_DEPS, "expl") for c in kids):
        return []
    if v.tag_ not in _FINITE and not any(c.dep_ in ("aux", "auxpass") and c.tag_ in _FINITE for c in kids):
        return []
    first = v.i
    for c in sorted((c for c in kids if c.i < v.i), key=lambda c: -c.i):
        if c.dep_ in _VERB_GROUP and c.i == first - 1:
            first = c.i
    sent = v.sent
    end = first - 1
    if end < sent.start or v.doc[end].pos_ not in ("NOUN", "PROPN"):
        return []
    start = end
    while start > sent.start and v.doc[start - 1].text not in (",", ";", ":", "--"):
        start -= 1
    inside = range(start, end + 1)
    heads = [t for t in v.doc[start : end + 1] if t.head.i not in inside]
    if len(heads) != 1:
        return []
    h = heads[0]
    if h.pos_ not in ("NOUN", "PROPN") or h.dep_ in ("pobj", "compound", "poss", "npadvmod"):
        return []
    return [h, *(t for t in v.doc[start : end + 1] if t.dep_ == "conj" and t.head.i in inside)]


def clause_verb(tok: Token) -> Token:
    """The verb heading the clause a token belongs to (the token itself if it is one)."""
    t = tok
    for _ in range(12):
        if t.pos_ in VERBAL or t.dep_ == "ROOT":
            return t
        t = t.head
    return t


def group(tok: Token) -> list[Token]:
    """A head with the heads co-ordinated with it ('Iran and Turkey'), in text order."""
    out = [tok, *tok.conjuncts]
    return sorted(set(out), key=lambda t: t.i)


def char_span(tokens: Iterable[Token]) -> tuple[int, int]:
    toks = list(tokens)
    start = min(t.idx for t in toks)
    end = max(t.idx + len(t.text) for t in toks)
    return start, end


def subtree_span(tok: Token) -> tuple[int, int]:
    return tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge.text)


def sentence_span(sent: SpSpan) -> tuple[int, int]:
    return sent.start_char, sent.end_char


class ActorLookup:
    """From a parse token to an actor id, via the actors stage's notes or the mentions.

    Order: the token map (every token inside a mention), the resolver (heads of phrases the
    actors stage can resolve), then the mention index over the token's characters, then the
    head's name/adjective modifiers ("the Zionist regime" when only "Zionist" is a mention).
    """

    def __init__(self, doc: Document, notes: dict[str, Any]):
        self.token_map: dict[int, str] = notes.get("actors.token") or {}
        self.resolver: Callable[[Any], str | None] | None = notes.get("actors.resolve")
        self.index = MentionIndex.of_actors(doc.actors)
        self.actors: dict[str, Actor] = {a.id: a for a in doc.actors}
        self._cache: dict[int, str | None] = {}

    def actor(self, actor_id: str | None) -> Actor | None:
        return None if actor_id is None else self.actors.get(actor_id)

    def type_of(self, tok: Token | None) -> str | None:
        """The type of the actor the token itself refers to (not one in its modifiers)."""
        if tok is None:
            return None
        a = self.actor(self._direct(tok))
        return a.type if a else None

    def _direct(self, tok: Token) -> str | None:
        aid = self.token_map.get(tok.i)
        if aid is None and self.resolver is not None:
            try:
                aid = self.resolver(tok)
            except Exception:  # a resolver bug must not cost us the event
                aid = None
        if aid is None and self.actors:
            aid = self.index.owner(tok.idx, tok.idx + len(tok.text))
        return aid if aid in self.actors else None

    def of(self, tok: Token) -> str | None:
        if tok.i in self._cache:
            return self._cache[tok.i]
        aid = self._direct(tok)
        if aid is None:
            # "Israeli army bulldozers", "Iran's foreign minister": the nearest modifier first.
            for c in reversed(list(tok.lefts)):
                # Not the possessor: "Tunisia's neighbours" are not Tunisia.
                if c.dep_ in _MODIFIER_DEPS:
                    for t in sorted(c.subtree, key=lambda x: -x.i):
                        aid = self._direct(t)
                        if aid:
                            break
                if aid:
                    break
        self._cache[tok.i] = aid

        return aid

    def ids(self, heads: Iterable[Token], *fallbacks: WordSet, expand: bool = True) -> list[str]:
        """Actor ids of argument heads and their co-ordinated heads, in order, without repeats.

        An argument that is not an actor itself but whose head is in one of the ``fallbacks``
        sets ('thousands of students', 'the efforts of X', "X's decision") yields the actor
        inside it.  ``expand=False`` takes the heads as given (their co-ordination is already in
        the list).
        """
        out: list[str] = []
        for h in heads:
            for t in group(h) if expand else [h]:
                aid = self.of(t)
                if aid is None and any(in_set(t, ws) for ws in fallbacks):
                    inner = [*pobjs(t, ("of", "by")), *children(t, "poss")]
                    found = [x for g in inner for gg in group(g) if (x := self.of(gg))]
                    out.extend(x for x in dict.fromkeys(found) if x not in out)
                    if found:
                        continue

                if aid is None:
                    # "Kenzo Oshima, the UN relief coordinator, demanded ...": the apposition
                    aid = next((x for c in children(t, "appos") if (x := self.of(c))), None)

                if aid and aid not in out:
                    out.append(aid)
                if aid and t.tag_ in ("NNS", "NNPS"):
                    for x in self._distributed(t):
                        if x not in out:
                            out.append(x)
        return out

    def _distributed(self, t: Token) -> list[str]:
        """A plural head over co-ordinated owners stands for each of them: "the leaders of
        France and Germany", "the French and German ministers" are two parties, not one."""
        owners = pobjs(t, ("of",))
        owners += [c for c in t.lefts if c.dep_ in ("amod", "compound") and c.conjuncts]
        found: list[tuple[int, str]] = []
        for o in owners:
            for g in group(o):
                if (x := self.of(g)) is not None:
                    found.append((g.i, x))
        return [x for _, x in sorted(found)]
