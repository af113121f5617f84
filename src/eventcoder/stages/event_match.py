"""Trigger matching and role finding for the events stage.

A *candidate* is a lexicon entry matched at a token together with the parse tokens of its
actor and recipient phrases.  Matching checks the entry's syntax (object, prepositions,
light verb, modifiers); role finding follows the parse: subject / passive agent / object /
prepositional argument for verbs; possessor / 'by' phrase / modifier / light-verb subject /
prepositional argument for nouns.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .event_lexicon import DISASTER_MARK, Entry, Lexicon, WordSet
from .event_syntax import (
    VERBAL,
    ActorLookup,
    agent_of,
    children,
    first_child,
    forms,
    in_set,
    is_passive,
    object_of,
    pobjs,
    shared_object,
    stray_subject,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpSpan
    from spacy.tokens import Token

_PARTICLE_DEPS = (
    "prt",
    "prep",
    "dobj",
    "advmod",
    "dative",
    "oprd",
    "acomp",
    "npadvmod",
    "compound:prt",
    "xcomp",
    "ccomp",
)


@dataclass
class Candidate:
    entry: Entry
    tok: Token  # the trigger's syntactic head
    toks: list[Token]  # every token of the trigger phrase
    sent: SpSpan
    view: SentView
    light: Token | None = None  # the light verb of a nominal trigger ("held talks")
    light_via: str | None = None  # the preposition between them ("went on strike", "joined X for talks")
    type: str = ""
    mode: str | None = None
    cameo: str | None = None
    actor_heads: list[Token] = field(default_factory=list)
    recip_heads: list[Token] = field(default_factory=list)
    between: list[Token] = field(default_factory=list)  # "talks between X and Y"
    actors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)
    raw_recipients: list[str] = field(default_factory=list)  # before reciprocal folding
    # (actors, recipients) as the roles gave them, when a reciprocal type put everyone in actor
    unfolded: tuple[list[str], list[str]] | None = None
    exact_actors: bool = False  # actor_heads already list the co-ordinated heads (a repaired subject)
    subject: Token | None = None
    bare: bool = False  # a nominal trigger with no argument of its own ("the meeting")
    repaired: bool = False  # an argument taken from a mis-attached 'by' phrase
    dropped: bool = False
    governor: Candidate | None = None
    absorbed_into: Candidate | None = None
    content: Token | None = None  # the verb a modal request is about ("X must withdraw")
    obj_by: Token | None = None  # "the proposal by Turkey" when the parser hung 'by' on the verb
    anchor_tok: Token | None = None
    topic: bool = False  # a nominal event that is only the topic of another noun
    has_content: bool = False  # another event folded into this one ("agreed to hold talks")
    confidence: float = 0.7

    @property
    def anchor(self) -> Token:
        """The verb that carries tense, negation and modality for this trigger."""
        if self.anchor_tok is not None:
            return self.anchor_tok
        if self.light is not None:
            return self.light
        return self.tok


# -- matching -----------------------------------------------------------------------------------


def subj_of(v: Token, lex: Lexicon) -> Token | None:
    """The subject of a verb with the lexicon's relative pronouns and object-control verbs."""
    return subject_of(v, lex.cue("relative_pronouns"), 0, lex.cue("object_control_verbs"))


def _verb_extras(v: Token, words: tuple[str, ...]) -> tuple[bool, list[Token]]:
    """Do the verb's particles/preps/objects show the rest of a multiword verb ('call on')?

    Returns (matched, the tokens matched) so that 'call on X' can take X as recipient.
    """
    if len(words) == 1:
        return True, []
    pool: list[Token] = []
    for c in v.children:
        if c.dep_ in _PARTICLE_DEPS:
            pool.append(c)
            if c.dep_ == "prep":
                pool.extend(g for g in c.children if g.dep_ == "pobj")
    used: list[Token] = []
    for w in words[1:]:
        hit = next((t for t in pool if w in forms(t) and t not in used), None)
        if hit is None:
            return False, []
        used.append(hit)
    return True, used


def _light_verb(n: Token) -> tuple[Token | None, str | None]:
    """The verb a nominal trigger is the object of, and the preposition in between if any.

    "held talks" -> (held, None); "went on strike" -> (went, "on"); "marches and
    demonstrations were held" -> (held, None) for both conjuncts.
    """
    t = n
    if t.dep_ == "conj":
        t = t.head
        while t.dep_ == "conj":
            t = t.head
    h = t.head
    if t.dep_ in ("dobj", "nsubjpass", "attr", "oprd") and h.pos_ in VERBAL:
        return h, None
    if t.dep_ == "pobj" and h.dep_ in ("prep", "prt") and h.head.pos_ in VERBAL:
        return h.head, h.lower_
    return None, None


def _light_matches(lv: Token, via: str | None, ws: WordSet) -> bool:
    lemma = lv.lemma_.lower()
    particles = [c.lower_ for c in lv.children if c.dep_ == "prt"]
    # "called off the strike" is not "call (a strike)": a particle must be listed with the verb.
    # The form counts too: the model lemmatises some verbs wrongly ("staged" -> "stag").
    if via is None and not particles and ws.has(lemma, lv.lower_):
        return True
    extra = [*particles, *(c.lower_ for c in lv.children if c.dep_ == "prep")]
    if via is not None:
        extra.append(via)
    return any(ws.has_phrase((lemma, p)) for p in extra)


def _noun_phrase_tokens(n: Token, words: tuple[str, ...]) -> list[Token] | None:
    """The tokens of a multiword noun ending at ``n`` ('air strike'), or None."""
    if len(words) == 1:
        return [n]
    if n.lower_ == "".join(words):  # "sit-in" kept as one token
        return [n]
    doc = n.doc
    start = n.i - len(words) + 1
    if start < n.sent.start:
        return None
    toks = [doc[i] for i in range(start, n.i + 1)]
    for t, w in zip(toks, words, strict=True):
        if w not in forms(t):
            return None
    return toks


def _phrase_head(toks: list[Token]) -> Token:
    ids = {t.i for t in toks}
    for t in toks:
        if t.head.i not in ids or t.head.i == t.i:
            return t
    return toks[-1]


def _plural(t: Token) -> bool:
    return t.tag_ in ("NNS", "NNPS") or t.lower_.endswith("s")


def _modifiers(n: Token) -> list[Token]:
    return [c for c in n.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod", "poss", "nummod")]


def _xcomp(t: Token) -> Token | None:
    """The verb's complement clause; a to-infinitive parsed as a purpose clause counts too
    ("have sworn to fight": the parser often hangs 'fight' as advcl)."""
    c = first_child(t, "xcomp")
    if c is None:
        c = first_child(t, "ccomp")
        if c is not None and _is_question(c):
            c = None  # "asked whether ...", "asked what ...": a question, not a request
    if c is None:
        c = next((a for a in t.children if a.dep_ == "advcl" and to_infinitive(a)), None)
    return c


def _indicative(v: Token) -> bool:
    """A clause stating a fact (past, perfect or third-person present), which no request asks
    for: "told the court that soldiers beat detainees" vs "demanded that Israel withdraw"."""
    aux = [a for a in v.children if a.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in aux):
        return False
    if v.tag_ in ("VBD", "VBZ"):
        return True
    return any(a.lower_ in ("has", "have", "had", "was", "were", "is", "did", "does") for a in aux)


def _is_question(v: Token) -> bool:

    if any(c.dep_ == "mark" and c.lower_ in ("whether", "if") for c in v.children):
        return True
    first = v.left_edge
    return first.tag_ in ("WDT", "WP", "WP$", "WRB")


def to_infinitive(v: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in v.children)


def _has_for(t: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "for" for c in t.children)


def _prep_children(t: Token) -> list[str]:
    return [c.lower_ for c in t.children if c.dep_ in ("prep", "agent")]


def match_token(tok: Token, lex: Lexicon, lookup: ActorLookup, sent: SentView) -> Candidate | None:
    """The first lexicon entry whose syntax fits this token, as a candidate."""
    lemma, lower = forms(tok)
    pos = tok.pos_
    if tok.dep_ == "aux" and tok.tag_ == "MD":
        kind = "modal"
    elif pos == "VERB":
        kind = "verb"
    elif pos == "NOUN" or (pos == "PROPN" and tok.is_lower):
        kind = "noun"
    elif pos == "ADJ":
        kind = "adj"
    else:
        return None
    entries = lex.lookup(kind, lemma, lower)
    if not entries:
        return None
    for e in entries:
        cand = None
        if kind == "verb":
            cand = _match_verb(tok, e, lex, lookup, sent)
        elif kind == "noun":
            cand = _match_noun(tok, e, lex, lookup, sent)
        elif kind == "modal":
            cand = _match_modal(tok, e, lex, sent)
        else:
            cand = _match_adj(tok, e, lex, sent)
        if cand is not None:
            return cand
    return None


def _match_verb(v: Token, e: Entry, lex: Lexicon, lookup: ActorLookup, sent: SentView) -> Candidate | None:
    if v.dep_ == "amod":
        return None  # "the occupied territories", "a wanted man": a state, not an event
    if v.dep_ == "acl" and v.tag_ == "VBN" and first_child(v, "dobj") is not None:
        return None  # "in occupied Palestine" misread as a reduced relative with an object
    ok, extras = _verb_extras(v, e.words)
    if not ok:
        return None
    if e.active and is_passive(v):
        return None
    obj = object_of(v)
    if obj is not None and obj in extras:
        obj = None  # "set fire to": 'fire' is part of the trigger, not its object
    if e.object == "required" and obj is None:
        return None
    if e.object == "none" and first_child(v, "dobj") is not None:
        return None
    if e.obj_in is not None and not _obj_fits(obj, e.obj_in, lookup, lex):
        return None
    if obj is not None and e.obj_not and in_set(obj, e.obj_not, lookup.type_of(obj)):
        return None
    subj = subj_of(v, lex)
    if e.subj_in is not None and not _obj_fits(subj, e.subj_in, lookup, lex):
        return None
    if subj is not None and e.subj_not and in_set(subj, e.subj_not):
        return None
    preps = _prep_children(v)
    if e.prep is not None:
        holders = [v] if obj is None or obj.dep_ != "dobj" else [v, obj]
        hits = [p for h in holders for p in h.children if p.dep_ == "prep" and e.prep.has(p.lower_)]
        if not hits:
            return None
        if e.pobj_in is not None:
            objs = [g for p in hits for g in p.children if g.dep_ == "pobj"]
            if not any(in_set(g, e.pobj_in) for g in objs):
                return None
    if e.prep_not and any(e.prep_not.has(p) for p in preps):
        return None
    xc = _xcomp(v)
    if xc is not None and e.type == "REQUEST" and xc.dep_ == "ccomp" and _indicative(xc):
        xc = None  # "was told that soldiers beat detainees": a report, not what is asked
    if e.xcomp_not and xc is not None and in_set(xc, e.xcomp_not):
        return None
    if e.xcomp_in is not None and (xc is None or not in_set(xc, e.xcomp_in)):
        return None
    if not _structural_needs(v, e, lex, sent, xc, obj):
        return None
    toks = [v, *[t for t in extras if t.dep_ in ("prt", "prep", "dobj") and abs(t.i - v.i) <= 3]]
    c = Candidate(
        entry=e, tok=v, toks=toks, sent=sent.span, view=sent, type=e.type, mode=e.mode, cameo=e.cameo
    )
    c.subject = subj
    _verb_roles(c, v, e, lex, lookup, subj, extras)
    if subj is None and e.subj_in is None and not e.swap and not is_passive(v):
        _repair_subject(c, v)
    return c


def _repair_subject(c: Candidate, v: Token) -> None:
    stray = stray_subject(v)
    if stray:
        c.actor_heads = [*stray, *c.actor_heads]
        c.subject = stray[0]
        c.exact_actors = True


def _obj_fits(obj: Token | None, ws: WordSet, lookup: ActorLookup, lex: Lexicon) -> bool:
    """The object is in the set; with @ACTOR, an object whose possessor is an actor fits too
    ("defended Russia's involvement"); a quantity or a part ("tons of medicine", "some of the
    troops", "dozens of activists") is looked through to its 'of' phrase."""
    if obj is None:
        return False
    if in_set(obj, ws, lookup.type_of(obj), modifiers=True):
        return True
    if "ACTOR" in ws.kinds and any(lookup.of(p) is not None for p in obj.children if p.dep_ == "poss"):
        return True
    if obj.pos_ == "NUM" or in_set(obj, lex.cue("partitive_nouns")) or in_set(obj, lex.cue("quantity_nouns")):
        inner = [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children]
        return any(g.dep_ == "pobj" and _obj_fits(g, ws, lookup, lex) for g in inner)
    return False


def _structural_needs(
    t: Token, e: Entry, lex: Lexicon, sent: SentView, xc: Token | None, obj: Token | None
) -> bool:
    n = e.needs
    if not n:
        return True
    if "xcomp" in n and xc is None:
        return False
    if ("xcomp_or_for" in n or "for_or_xcomp" in n) and xc is None and not _has_for(t):
        acl = first_child(t, "acl")
        if acl is None or not any(c.dep_ == "aux" and c.lower_ == "to" for c in acl.children):
            return False
    if "xcomp_or_object" in n and xc is None and obj is None:
        return False
    if "no_complement" in n and any(
        ch.dep_ in ("oprd", "acomp", "attr", "xcomp", "ccomp") for ch in t.children
    ):
        return False  # "called Biden a decent man": naming, not a phone call
    if "xcomp_other_subject" in n and not (
        xc is not None and (first_child(xc, "nsubj") is not None or (obj is not None and obj.i < xc.i))
    ):
        return False  # "wants Putin to attack" (an appeal), not "wants to meet" (an intention)

    if "no_disaster" in n and sent.disaster(lex):
        return False
    if "commitment" in n and not _commits(t, xc, obj):
        return False
    if "weapon_cue" in n:
        info = lex.types["ASSAULT"]
        if not any(sent.has(ws) for _, ws in info.mode_cues):
            return False
    return True


_COMMIT_PREPS = ("on", "upon", "to", "over")
_COMMIT_AUX = ("would", "will", "'ll", "shall", "wo")


def _commits(v: Token, xc: Token | None, obj: Token | None) -> bool:
    """'agreed to meet', 'agreed on a plan', 'agreed a deal', 'agreed that troops would leave' are
    commitments; 'agreed with X that the economy is weak' or 'agreed, saying ...' are opinions."""
    if xc is not None or obj is not None:
        return True
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in _COMMIT_PREPS:
            objs = [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
            if objs and not all(_wh_clause(g) for g in objs):
                return True
    cc = first_child(v, "ccomp")
    return cc is not None and any(a.dep_ == "aux" and a.lower_ in _COMMIT_AUX for a in cc.children)


def _wh_clause(t: Token) -> bool:
    """'agree on how impeachment works': a question, not a thing agreed."""
    return any(x.tag_ in ("WRB", "WP", "WDT") or x.lower_ == "whether" for x in t.subtree if x.i <= t.i)


def ngrams(tokens: Iterable[Token]) -> set[tuple[str, ...]]:
    """Words (lemma and lower-cased form) and two/three-word phrases of a token run."""
    toks = list(tokens)
    lemmas = [t.lemma_.lower() for t in toks]
    lowers = [t.lower_ for t in toks]
    out: set[tuple[str, ...]] = set()
    for seq in (lemmas, lowers):
        n = len(seq)
        for i in range(n):
            out.add((seq[i],))
            if i + 1 < n:
                out.add((seq[i], seq[i + 1]))
                if i + 2 < n:
                    out.add((seq[i], seq[i + 1], seq[i + 2]))
    return out


class SentView:
    """A sentence with its word and phrase set computed once, on first use, the contexts its
    words cue and the document's topics (contexts cued throughout the report)."""

    def __init__(
        self, span: SpSpan, contexts: frozenset[str] = frozenset(), topics: frozenset[str] = frozenset()
    ):
        self.span = span
        self.contexts = contexts
        self.topics = topics
        self._grams: set[tuple[str, ...]] | None = None

    def disaster(self, lex: Lexicon) -> bool:
        """A disaster report: disaster cues in this sentence or in any sentence of the report."""
        return DISASTER_MARK in self.topics or self.has(lex.cue("disaster_cues"))

    @property
    def grams(self) -> set[tuple[str, ...]]:
        if self._grams is None:
            self._grams = ngrams(self.span)
        return self._grams

    def has(self, ws: WordSet) -> bool:
        return bool(ws.words) and not ws.words.isdisjoint(self.grams)

    def has_phrase(self, phrase: tuple[str, ...]) -> bool:
        return phrase in self.grams


def _verb_roles(
    c: Candidate,
    v: Token,
    e: Entry,
    lex: Lexicon,
    lookup: ActorLookup,
    subj: Token | None,
    extras: list[Token],
) -> None:

    slots = e.recipient if e.recipient is not None else ("dobj", "dative")
    actors: list[Token] = []
    recips: list[Token] = []
    if is_passive(v) and not e.stative:
        ag = agent_of(v)
        if ag is None:
            ag = _stray_agent(v, lookup)
            c.repaired = ag is not None
        if ag is not None:
            actors.append(ag)
        if "dobj" in slots:
            obj = object_of(v)
            if obj is not None:
                recips.append(obj)
    else:
        if subj is not None:
            actors.append(subj)
        if "dobj" in slots:
            recips.extend(children(v, "dobj") or [o for o in [shared_object(v)] if o is not None])
    if "dative" in slots:
        recips.extend(children(v, "dative"))
    if "poss" in slots:
        obj = object_of(v)
        if obj is not None:
            recips.extend(children(obj, "poss"))
    preps = [s for s in slots if s not in ("dobj", "dative", "poss")]
    if preps:
        recips.extend(pobjs(v, preps))
        obj = first_child(v, "dobj")
        if obj is not None:  # "fired rockets at the town" attached to the object
            recips.extend(pobjs(obj, preps))
    # "called on X to ...": the preposition of a multiword verb introduces the recipient;
    # "found the minister guilty": the subject of the small clause is.
    for t in extras:
        if t.dep_ == "prep":
            recips.extend(g for g in t.children if g.dep_ == "pobj" and g not in extras)
        elif t.dep_ in ("ccomp", "xcomp", "oprd") and "dobj" in slots:
            recips.extend(g for g in t.children if g.dep_ in ("nsubj", "nsubjpass") and g not in extras)
    between = pobjs(v, ("between",))
    obj = first_child(v, "dobj")
    if obj is not None and not is_passive(v):
        # "rejected the proposal by Turkey": 'by' hung on the verb belongs to the object.
        for p in children(v, "prep"):
            if p.lower_ == "by" and p.i == obj.right_edge.i + 1:
                c.obj_by = next((g for g in p.children if g.dep_ == "pobj"), None)
    if e.swap:
        actors, recips = recips, actors
    c.actor_heads, c.recip_heads, c.between = actors, recips, between


def _stray_agent(v: Token, lookup: ActorLookup) -> Token | None:
    """The 'by' phrase of a passive verb that the parser hung on an active verb next to it in
    the parse (the verb governing it, or a clause inserted after it): "X has been accused of
    ..., much of it believed stolen, by officials" ('by' on 'believed').  Only an actor."""
    near = [c for c in v.children if c.dep_ in ("advcl", "ccomp", "parataxis") and c.i > v.i]
    if v.dep_ in ("ccomp", "conj", "xcomp"):
        near.append(v.head)
    for h in near:
        if h.pos_ not in VERBAL or is_passive(h) or h.i == v.i:
            continue
        for p in h.children:
            if p.dep_ in ("prep", "agent") and p.lower_ == "by" and p.i > v.i:
                g = first_child(p, "pobj")
                if g is not None and g.pos_ in ("NOUN", "PROPN") and lookup.of(g) is not None:
                    return g
    return None


def _match_noun(n: Token, e: Entry, lex: Lexicon, lookup: ActorLookup, sent: SentView) -> Candidate | None:
    toks = _noun_phrase_tokens(n, e.words)
    if toks is None:
        return None
    head = _phrase_head(toks) if len(toks) > 1 else n
    if head.dep_ in ("compound", "amod"):
        # "a mediation effort", "a bombing campaign": the event noun modifies a light head
        # noun, which then carries the arguments; "opposition leaders" is no event.
        if not (head.dep_ == "compound" and in_set(head.head, lex.cue("eventive_heads"))):
            return None
        toks = [*toks, head.head] if head.head.i == toks[-1].i + 1 else toks
        head = head.head
    if e.plural and not _plural(head):
        return None
    mods = [m for m in _modifiers(head) if m not in toks]
    if e.not_with and any(in_set(m, e.not_with) for m in mods):
        return None
    if e.not_with and toks[0].i > sent.span.start:  # "press conference" parsed flat
        prev = toks[0].doc[toks[0].i - 1]
        if prev not in mods and e.not_with.has(*forms(prev)):
            return None
    lv, via = _light_verb(head)
    light_ok = lv is not None and e.light is not None and _light_matches(lv, via, e.light)
    noun_preps = _prep_children(head)
    lv_preps = _prep_children(lv) if light_ok and lv is not None else []
    if via is not None and via in lv_preps:
        lv_preps.remove(via)  # "went on strike": 'on' joins the noun, it is no argument
    if not light_ok:
        if e.alone is False:
            return None
        if isinstance(e.alone, frozenset) and not any(p in e.alone for p in noun_preps):
            return None
    if e.prep_not and any(e.prep_not.has(p) for p in noun_preps + lv_preps):
        return None
    if e.prep is not None and not any(e.prep.has(p) for p in noun_preps + lv_preps):
        return None
    if e.pobj_in is not None:
        holders = [head, lv] if light_ok and lv is not None else [head]
        objs = [
            g
            for h in holders
            for p in h.children
            if p.dep_ == "prep" and (e.prep is None or e.prep.has(p.lower_))
            for g in p.children
            if g.dep_ == "pobj"
        ]
        if not any(in_set(g, e.pobj_in, lookup.type_of(g), modifiers=True) for g in objs):
            return None
    acl = first_child(head, "acl")
    if not _structural_needs(head, e, lex, sent, acl, None):
        return None
    c = Candidate(
        entry=e, tok=head, toks=toks, sent=sent.span, view=sent, type=e.type, mode=e.mode, cameo=e.cameo
    )
    if light_ok:
        c.light = lv
        c.light_via = via
    _noun_roles(c, head, e, lex, lookup, light_ok)
    return c


def _next_by(n: Token) -> Token | None:
    """A 'by' phrase right after the noun phrase but attached higher by the parser.

    "the siege of the army by the youth are ..." often hangs 'by' on a verb that is not
    passive; a 'by' that directly follows the noun's phrase then belongs to the noun.
    """
    right = n.right_edge
    doc = n.doc
    if right.i + 1 >= len(doc):
        return None
    nxt = doc[right.i + 1]
    if nxt.lower_ != "by" or nxt.dep_ not in ("prep", "agent") or nxt.head == n:
        return None
    h = nxt.head
    if h.pos_ in VERBAL and is_passive(h):
        return None
    # The verb must govern the noun (no clause in between).
    anc = n
    for _ in range(6):
        if anc == h:
            break
        anc = anc.head
        if anc.dep_ in ("relcl", "advcl", "ccomp") and anc != h:
            return None
    else:
        return None
    return next((g for g in nxt.children if g.dep_ == "pobj"), None)


def _noun_roles(c: Candidate, n: Token, e: Entry, lex: Lexicon, lookup: ActorLookup, light_ok: bool) -> None:
    actors: list[Token] = []
    recips: list[Token] = []
    own_args = False
    for p in children(n, "poss"):
        actors.append(p)
        own_args = True
    by = pobjs(n, ("by",))
    if not by:
        nb = _next_by(n)
        if nb is not None:
            by = [nb]
            c.repaired = True
    if by:
        actors.extend(by)
        own_args = True
    for m in n.children:  # "Israeli air strikes", "Hamas attack"
        if m.dep_ in ("compound", "amod", "nmod") and m not in c.toks and lookup.of(m):
            actors.append(m)
            own_args = True
    if light_ok and c.light is not None:
        lv = c.light
        if is_passive(lv):
            ag = agent_of(lv)
            if ag is not None:
                actors.append(ag)
            if c.light_via is not None:
                # "was put under investigation", "were placed under arrest": the subject undergoes it
                recips.extend(t for t in children(lv, "nsubjpass") if t not in c.toks)
        else:
            s = subj_of(lv, lex)
            if s is not None:
                actors.append(s)
                c.subject = s
            elif not e.swap and not actors:
                stray = stray_subject(lv)  # as _repair_subject, into this function's own list
                if stray:
                    actors = [*stray]
                    c.subject = stray[0]
                    c.exact_actors = True
        recips.extend(children(lv, "dative"))
        if c.light_via is not None:
            # "joined Biden for talks", "hosted the envoy for a meeting": the verb's object takes part.
            recips.extend(t for t in children(lv, "dobj") if t not in c.toks)
    elif e.adjunct and n.dep_ == "pobj" and n.head.dep_ == "prep":
        prep = n.head
        if (
            lex.cue("adjunct_preps").has(prep.lower_)
            and prep.head.pos_ in VERBAL
            and not is_passive(prep.head)
        ):
            s = subj_of(prep.head, lex)
            if s is not None:
                actors.append(s)
                c.subject = s
    slots = e.recipient if e.recipient is not None else lex.types[e.type].noun_recipient
    preps = [s for s in slots if s not in ("dobj", "dative", "poss", "between")]
    if "dative" in slots and c.light is not None:
        recips.extend(children(c.light, "dative"))
    if preps:
        own = pobjs(n, preps)
        if own:
            own_args = True
        recips.extend(own)
        if light_ok and c.light is not None:
            recips.extend(t for t in pobjs(c.light, preps) if t not in recips)
    between = pobjs(n, ("between",))
    if between:
        own_args = True
    if not actors and lex.cue("deployed_force_types").has(e.type.lower()):
        # "the deployment of NATO troops": whose forces are sent is who sends them
        carried = [lex.sets.get(k) for k in ("force_nouns", "observer_nouns", "aid_personnel")]
        actors.extend(g for g in pobjs(n, ("of",)) if any(in_set(g, ws, modifiers=True) for ws in carried))
    if e.swap:
        actors, recips = recips, actors  # "gave a warm welcome to X": X visits

    c.actor_heads, c.recip_heads, c.between = actors, recips, between
    c.bare = not own_args and not light_ok
    # "mediation in peace negotiations", "a debate on the strikes": a nominal event named as the
    # topic of another noun is a reference, not a report (unless an event governs it as content).
    if not light_ok and n.dep_ == "pobj" and lex.cue("topic_preps").has(n.head.lower_):
        c.topic = n.head.head.pos_ in ("NOUN", "PROPN")


def _match_adj(a: Token, e: Entry, lex: Lexicon, sent: SentView) -> Candidate | None:
    xc = first_child(a, "xcomp")
    if "xcomp" in e.needs and xc is None:
        return None
    if e.prep is not None and not any(e.prep.has(p) for p in _prep_children(a)):
        return None
    if a.dep_ not in ("acomp", "ROOT", "xcomp", "oprd", "conj"):
        return None  # attributive "a ready answer"
    c = Candidate(
        entry=e, tok=a, toks=[a], sent=sent.span, view=sent, type=e.type, mode=e.mode, cameo=e.cameo
    )
    s = first_child(a, "nsubj") or subj_of(a, lex)
    c.subject = s
    c.actor_heads = [s] if s is not None else []
    slots = e.recipient if e.recipient is not None else ()
    c.recip_heads = pobjs(a, [s for s in slots if s not in ("dobj", "dative", "poss")])
    return c


def _match_modal(m: Token, e: Entry, lex: Lexicon, sent: SentView) -> Candidate | None:
    """'X must withdraw, Y said' / 'Y said X should resign': a demand by Y on X."""
    v = m.head
    if v.pos_ not in VERBAL:
        return None
    statements = lex.cue("statement_words")
    speaker_verb: Token | None = None
    if v.dep_ in ("ccomp", "parataxis", "acl") and in_set(v.head, statements):
        speaker_verb = v.head
    else:
        for c in v.children:
            if c.dep_ in ("parataxis", "ccomp") and c.pos_ in VERBAL and in_set(c, statements) and c.i > v.i:
                speaker_verb = c
                break
    if speaker_verb is None:
        return None
    if speaker_verb.pos_ in VERBAL:
        speaker = subj_of(speaker_verb, lex)
    else:  # "issued a statement that X must ...": the issuer
        speaker = subj_of(speaker_verb.head, lex) if speaker_verb.dep_ in ("dobj", "nsubjpass") else None
    target = subj_of(v, lex)
    if target is not None and target.pos_ == "PRON" and target.lower_ in ("we", "i", "us"):
        return None  # "we must always stand by our allies": a resolve, not a demand on anyone
    if is_passive(v):
        target = agent_of(v) or None
    c = Candidate(
        entry=e, tok=m, toks=[m], sent=sent.span, view=sent, type=e.type, mode=e.mode, cameo=e.cameo
    )
    c.content = v
    c.anchor_tok = speaker_verb if speaker_verb.pos_ in VERBAL else v
    c.subject = speaker
    c.actor_heads = [speaker] if speaker is not None else []
    c.recip_heads = [target] if target is not None else []
    return c
