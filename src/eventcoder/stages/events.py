"""Events: PLOVER 2.0 events from a lexicon of triggers and the dependency parse.

For each sentence of the report the stage

1. matches lexicon triggers (verbs, nouns, light-verb constructions such as "held talks")
   and checks the syntax each entry asks for (``event_match``);
2. finds actor and recipient phrases and maps them to actor ids (never creating actors);
3. folds an event that is the content of another ("called for talks", "threatened to
   strike", "urged X to attack") into its governor, merges co-ordinated triggers, lets a
   protest take the participants of the dissent it expresses; drops non-coding governors
   (CAMEO 01 comments and 02 appeals), events with no known participant (an attack by an
   unnamed perpetrator excepted), speakerless speech acts, topic nominals, sports, disaster
   and accident readings, generic clauses, repeated anaphoric mentions ("the meeting");
4. marks negation and modality, converts future cooperation to AGREE as PLOVER asks, and
   attaches quote, date, place, contexts (its sentence's and the report's topics), a CAMEO
   code, the quad class and the PLOVER intensity.

Precision comes first: an event needs a participant that the actors stage knows, or an attack
whose perpetrator the text leaves unnamed.  The data files and every rule are described in
``data/events/README.md``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import numpy
from spacy.attrs import LEMMA, LOWER

from ..document import Document, Event, MentionIndex, Span
from .base import Context
from .event_lexicon import DISASTER_MARK, Lexicon, Override, load_lexicon
from .event_match import Candidate, SentView, match_token, ngrams, subj_of, to_infinitive
from .event_syntax import (
    VERBAL,
    ActorLookup,
    agent_of,
    char_span,
    children,
    clause_verb,
    first_child,
    forms,
    group,
    in_set,
    is_passive,
    pobjs,
    subtree_span,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpSpan
    from spacy.tokens import Token

# An event dated more than this many days before publication is "historical".
HISTORICAL_DAYS = 365
_ISO = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")
_PARAGRAPH = re.compile(r"\n[ \t]*\n")
_WORD = re.compile(r"[a-z]+")
# How many sentences an old date keeps setting the time of undated past events after it.
NARRATIVE_SENTENCES = 4
# How many sentences back "the two leaders" may find the two parties of an earlier event.
PAIR_SENTENCES = 2
_SINCE = re.compile(r"\b[Ss]ince\s+(?:the\s+)?$")


# Steps up the parse through which a trigger counts as the content of the trigger above it.
_CONTENT_DEPS = (
    "xcomp",
    "ccomp",
    "dobj",
    "pcomp",
    "acomp",
    "oprd",
    "attr",
    "prep",
    "dative",
    "nsubjpass",
    "acl",
)
_MODE_CONTEXTS = {("COERCE", "cyber"): "cyber", ("COERCE", "misinformation"): "misinformation"}


class EventStage:
    name = "events"

    def __init__(self, extra_lexicons: list[str] | None = None):
        self.extra_lexicons = list(extra_lexicons or [])
        self.lex: Lexicon = load_lexicon(self.extra_lexicons)

    def __call__(self, doc: Document, ctx: Context) -> None:
        doc.events = code_events(doc, ctx, self.lex)


# -- the pipeline of one document ----------------------------------------------------------------


def code_events(doc: Document, ctx: Context, lex: Lexicon) -> list[Event]:
    lookup = ActorLookup(doc, ctx.notes)
    body_start, body_end = ctx.body
    sp = ctx.sp
    hits = _trigger_positions(sp, lex)
    sents = [s for s in sp.sents if s.end_char > body_start and s.start_char < body_end]
    sent_contexts = _sentence_contexts(sp, sents, lex)
    topics = document_topics(sent_contexts)
    kept: list[Candidate] = []
    pair: tuple[int, list[str]] | None = None  # the last two parties an event brought together
    pos = 0
    for k, sent in enumerate(sents):
        # Only sentences holding a trigger word are looked at token by token.
        while pos < len(hits) and hits[pos] < sent.start:
            pos += 1
        first = pos
        while pos < len(hits) and hits[pos] < sent.end:
            pos += 1
        if first == pos:
            continue
        view = SentView(sent, sent_contexts[k], topics)
        cands = _sentence_candidates(view, hits[first:pos], lex, lookup, body_start, body_end)
        if cands:
            recent = pair[1] if pair is not None and k - pair[0] <= PAIR_SENTENCES else None
            got = _resolve_sentence(cands, sent, lex, lookup, recent)
            kept.extend(got)
            for c in got:
                parties = list(dict.fromkeys(c.actors + c.recipients))
                if len(parties) == 2:
                    pair = (k, parties)
    kept = _drop_anaphoric(kept, lex)
    return _to_events(kept, doc, ctx, lex, lookup, topics)


# -- contexts ------------------------------------------------------------------------------------
# A context is a document topic when its cues occur in at least two body sentences one of which
# is in the lead (the first two sentences), or in at least TOPIC_MIN sentences and TOPIC_SHARE of
# them.  An event's contexts are those of its trigger entry and mode, those cued in its own
# sentence, and the document's topics (README.md, "Contexts").
TOPIC_LEAD = 2
TOPIC_MIN = 3
TOPIC_SHARE = 0.1


def _sentence_contexts(sp, sents: list[SpSpan], lex: Lexicon) -> list[frozenset[str]]:
    """The contexts cued in each sentence (one array pass for the cues' first words)."""
    out: list[set[str]] = [set() for _ in sents]
    if not sents:
        return []
    arr = sp.to_array([LEMMA, LOWER])
    if len(arr) == 0:
        return [frozenset()] * len(sents)
    mask = numpy.isin(arr, lex.context_hashes(sp.vocab.strings)).any(axis=1)
    starts = [s.start for s in sents]
    n = len(sp)
    for i in numpy.flatnonzero(mask):
        i = int(i)
        k = bisect.bisect_right(starts, i) - 1
        if k < 0 or i >= sents[k].end:
            continue
        tok = sp[i]
        end = sents[k].end
        for first in {tok.lemma_.lower(), tok.lower_}:
            for cue, names in lex.context_first.get(first, ()):
                if i + len(cue) > min(n, end):
                    continue
                if all(w in (sp[i + j].lemma_.lower(), sp[i + j].lower_) for j, w in enumerate(cue[1:], 1)):
                    out[k].update(names)
    return [frozenset(x) for x in out]


def document_topics(sent_contexts: list[frozenset[str]]) -> frozenset[str]:
    counts: dict[str, int] = {}
    for cs in sent_contexts:
        for name in cs:
            counts[name] = counts.get(name, 0) + 1
    lead = set().union(*sent_contexts[:TOPIC_LEAD]) if sent_contexts else set()
    need = max(TOPIC_MIN, int(TOPIC_SHARE * len(sent_contexts) + 0.999))
    topics = {name for name, k in counts.items() if (name in lead and k >= 2) or k >= need}
    if DISASTER_MARK in counts:
        topics.add(DISASTER_MARK)  # any mention of a disaster marks the report
    return frozenset(topics)


def _trigger_positions(sp, lex: Lexicon) -> list[int]:
    """Indices of the tokens whose lemma or lower-cased form is a trigger word (one array pass)."""
    hashes = lex.key_hashes(sp.vocab.strings)
    arr = sp.to_array([LEMMA, LOWER])
    if len(arr) == 0:
        return []
    mask = numpy.isin(arr, hashes).any(axis=1)
    return [int(i) for i in numpy.flatnonzero(mask)]


def _sentence_candidates(
    view: SentView, positions: list[int], lex: Lexicon, lookup: ActorLookup, body_start: int, body_end: int
) -> list[Candidate]:
    cands: list[Candidate] = []
    sent = view.span
    claimed: set[int] = set()  # light verbs and phrase words already used by a trigger
    doc = sent.doc
    for i in positions:
        tok = doc[i]
        if i in claimed or tok.idx < body_start or tok.idx >= body_end:
            continue
        c = match_token(tok, lex, lookup, view)
        if c is None:
            continue
        cands.append(c)
        claimed.update(t.i for t in c.toks)
        if c.light is not None:
            claimed.add(c.light.i)
    # A verb matched before we knew it was the light verb of a later noun ("struck a deal"):
    # the noun's reading wins.
    lights = {c.light.i for c in cands if c.light is not None}
    return [c for c in cands if not (c.entry.kind == "verb" and c.tok.i in lights)]


def _resolve_sentence(
    cands: list[Candidate], sent: SpSpan, lex: Lexicon, lookup: ActorLookup, pair: list[str] | None = None
) -> list[Candidate]:
    for c in cands:
        _assign_ids(c, lex, lookup)
        if (
            not c.actors
            and pair is not None
            and _pair_description(c.subject)
            and c.subject.dep_ == "nsubj"  # the agent, not "the two men were arrested"
            and lookup.of(c.subject) is None
        ):
            c.actors = [a for a in pair if a not in c.recipients]  # "the two leaders agreed"
    _subsume(cands, lex)
    _merge_conjoined(cands)
    _absorb(cands, lex)
    out = []
    view = cands[0].view
    for c in cands:
        if c.dropped or not c.entry.code or c.topic:
            continue  # folded into another event, a non-coding governor (an appeal), a topic
        if not c.actors:
            c.actors = _state_of_place(c, lex, lookup)
        if not (c.actors or c.recipients) and not _unknown_attacker(c, lex):
            continue  # no participant the actors stage knows: not codable (PLOVER needs entities)
        if not _role_needs(c, lex, lookup):
            continue
        if c.subject is not None and in_set(c.subject, lex.cue("natural_forces")):
            continue
        if lex.cue("sport_types").has(c.type.lower()) and view.has(lex.cue("sport_cues")):
            continue
        agentive = c.entry.agentive or lex.cue("needs_agent_types").has(c.type.lower())
        if not c.actors and agentive and view.has(lex.cue("disaster_cues")) and not _unknown_attacker(c, lex):
            continue  # "the quake killed 20": an actorless use of force in a disaster sentence
        if (
            c.type == "ASSAULT"
            and view.has(lex.cue("accident_cues"))
            and not any(_armed_or_public(lookup, a, lex) for a in c.actors)
            and not _unknown_attacker(c, lex)
        ):
            continue  # "hit by a van driving against the traffic": an accident
        if not c.actors and not _agentless_ok(c, lex, lookup):
            continue
        if _generic(c):
            continue  # "rallies where marchers are beaten", "the party is outlawed in Chad"
        if c.entry.kind == "modal" and _own_side(c, lookup):
            continue  # "Johnson said Britain must leave": a resolve, not a demand on another
        disaster = view.disaster(lex)
        for ws, ov in lex.types[c.type].cue_conversions:
            # manual: forces mobilised for disaster relief (or peacekeeping) are AID
            if _args_have(c, ws) or (disaster and ws is lex.cue("relief_words")):
                _convert(c, ov, lex)
                if not c.recipients:  # "sent troops to Syria for a peacekeeping mission": Syria
                    dest = [*children(c.tok, "dative"), *pobjs(c.tok, ("to", "in", "into"))]
                    c.recipients = [r for r in lookup.ids(dest) if r not in c.actors]
                break
        if (
            disaster
            and lex.cue("disaster_response_types").has(c.type.lower())
            and not any(_is_public(lookup, r, lex) for r in c.recipients)
        ):
            continue  # the domestic emergency response to a disaster ("ordered residents to leave")
        out.append(c)
    return _dedupe(out)


def _pair_description(tok: Token | None) -> bool:
    """'the two leaders', 'both ministers', 'both sides': a plural description of two parties,
    which points back at the two an earlier event brought together."""
    if tok is None or tok.tag_ != "NNS":
        return False
    kids = {(ch.dep_, ch.lower_) for ch in tok.children}
    return (
        ("det", "both") in kids
        or ("predet", "both") in kids
        or (("det", "the") in kids and ("nummod", "two") in kids)
    )


def _assign_ids(c: Candidate, lex: Lexicon, lookup: ActorLookup) -> None:
    carriers = lex.cue("carrier_nouns")
    partitive = lex.cue("partitive_nouns")
    c.actors = lookup.ids(c.actor_heads, partitive, expand=not c.exact_actors)
    if not c.actors and c.actor_heads:
        c.actors = _speaker_for_pronoun(c.actor_heads[0], lex, lookup)
    if not c.actors:
        # "issued a declaration demanding ...": the issuer of the document acts.
        for h in c.actor_heads:
            if in_set(h, lex.cue("statement_words")) and h.dep_ == "dobj":
                s = subj_of(h.head, lex)
                if s is not None:
                    c.actors = lookup.ids([s], partitive)
    places = lex.cue("place_head_nouns")
    c.recipients = [r for r in lookup.ids(c.recip_heads, carriers, partitive, places) if r not in c.actors]
    if not c.recipients and c.obj_by is not None and any(in_set(h, carriers) for h in c.recip_heads):
        c.recipients = [r for r in lookup.ids([c.obj_by], partitive) if r not in c.actors]
    info = lex.types[c.type]
    if not c.recipients and info.recipient_inside:
        c.recipients = [r for r in _inner_authors(c.recip_heads, lookup) if r not in c.actors]
    if not c.recipients and lex.cue("clause_subject_recipient_types").has(c.type.lower()):
        c.recipients = [r for r in lookup.ids(_asked_subjects(c), partitive) if r not in c.actors]
    if not c.recipients:
        c.recipients = _restricted_place(c, lex, lookup)
    between = lookup.ids(c.between, partitive)
    c.raw_recipients = list(c.recipients) + [
        b for b in between if b not in c.recipients and b not in c.actors
    ]
    if c.entry.if_joint is not None and len({*c.actors, *c.recipients, *between}) >= 2:
        _apply(c, c.entry.if_joint, lex)  # "Iran and Russia held military exercises": joint
    reciprocal = c.entry.reciprocal if c.entry.reciprocal is not None else lex.types[c.type].reciprocal
    if reciprocal and c.actors and _mediates(c, lex):
        reciprocal = False  # "X mediated between Y and Z": X acts, the parties receive (manual 045)
    if between:
        if reciprocal or not c.actors:
            c.actors += [b for b in between if b not in c.actors]
        else:
            c.recipients += [b for b in between if b not in c.recipients and b not in c.actors]
    if reciprocal and c.mode != "visit":
        if c.actors and c.recipients:
            c.unfolded = (list(c.actors), list(c.recipients))
        c.actors += [r for r in c.recipients if r not in c.actors]
        c.recipients = []
    # A state or official 'protests' diplomatically (ACCUSE); people protest in the street.
    if c.entry.if_state is not None and c.actors and all(_is_state(lookup, a, lex) for a in c.actors):
        _apply(c, c.entry.if_state, lex)


_PRONOUN_FITS = {
    "he": ("person",),
    "she": ("person",),
    "it": ("organization", "country"),
    "they": ("group",),  # or a plural or co-ordinated speaker: "the officials said they ..."
    "we": ("person", "group", "organization", "country"),
}


def _speaker_for_pronoun(subj: Token, lex: Lexicon, lookup: ActorLookup) -> list[str]:
    """An unresolved subject pronoun of a clause reported by a speaker is the speaker when the
    pronoun fits it ("rebel leaders said they would meet the envoy", "Iran said it would ...")."""
    fits = _PRONOUN_FITS.get(subj.lower_)
    if fits is None or subj.dep_ not in ("nsubj", "nsubjpass"):
        return []
    v = subj.head
    for _ in range(3):  # "said they would agree to meet": up through control and co-ordination
        if v.dep_ in ("xcomp", "conj") and v.head.pos_ in VERBAL:
            v = v.head
        else:
            break
    if v.dep_ != "ccomp" or not in_set(v.head, lex.cue("statement_words")):
        return []
    speaker = subj_of(v.head, lex)
    if speaker is None or speaker.pos_ == "PRON":
        return []
    ids = lookup.ids([speaker], lex.cue("partitive_nouns"))
    if len(ids) > 1 and subj.lower_ in ("they", "we") and speaker.conjuncts:
        return ids  # "Lula and Macron said they will ..."
    if len(ids) != 1:
        return []

    a = lookup.actor(ids[0])
    plural = speaker.tag_ in ("NNS", "NNPS")
    if a is None or (a.type not in fits and not (subj.lower_ == "they" and plural)):
        return []
    if subj.lower_ in ("he", "she") and plural:
        return []
    return ids


def _restricted_place(c: Candidate, lex: Lexicon, lookup: ActorLookup) -> list[str]:
    """A restriction imposed, extended or lifted in a country is directed at that country's
    people: "lifted the curfew in Montenegro", "imposed a state of emergency in Iran"."""
    restrictions = lex.cue("restriction_nouns")
    if c.entry.kind == "noun":
        noun = c.tok if in_set(c.tok, restrictions) else None
    else:
        noun = next(
            (o for o in c.tok.children if o.dep_ in ("dobj", "nsubjpass") and in_set(o, restrictions)), None
        )
    if noun is None:
        return []
    holders = [noun, c.anchor] if c.anchor is not noun else [noun]
    return _first_country([p for h in holders for p in pobjs(h, ("in",))], lookup, c.actors)


def _first_country(tokens: list[Token], lookup: ActorLookup, taken: list[str]) -> list[str]:
    """The first of these tokens that is a country actor not already taken, as a role list."""
    for t in tokens:
        aid = lookup.of(t)
        a = lookup.actor(aid)
        if a is not None and a.type == "country" and aid not in taken:
            return [aid]
    return []


def _asked_subjects(c: Candidate) -> list[Token]:
    """Who a demand asks to act: the subject of the demanded clause, whatever its verb
    ("demanded that Peru cancel its plans", "held firm on its demand that Kenya's
    cabinet lift the ban")."""
    heads = [c.anchor, c.tok]
    for h in (c.anchor, c.tok):  # "held firm on its demand that ...": the demand noun's clause
        heads += [g for p in h.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
    out: list[Token] = []
    for h in dict.fromkeys(heads):
        for cl in h.children:
            if cl.dep_ not in ("ccomp", "acl") or cl.pos_ not in VERBAL or to_infinitive(cl):
                continue
            if not any(m.dep_ == "mark" and m.lower_ == "that" for m in cl.children) and cl.dep_ == "acl":
                continue  # a noun's clause counts only as a that-clause ("demands that X ...")
            out += [s for s in cl.children if s.dep_ == "nsubj" and s.pos_ in ("NOUN", "PROPN")]
    return out


def _mediates(c: Candidate, lex: Lexicon) -> bool:
    """A trigger that names a third party's role ("mediated", "a mediation mission", "brokered")."""
    words = lex.cue("third_party_words")
    return any(in_set(t, words) or (t.dep_ == "compound" and in_set(t.head, words)) for t in c.toks)


def _inner_authors(heads: list[Token], lookup: ActorLookup) -> list[str]:
    """Actors named inside objects that are no actors: the possessor or the 'by' / 'from'
    phrase ("North Korea's demand", "calls by the UN", "accusations from Iran")."""
    out: list[str] = []
    for h in heads:
        for t in group(h):
            if lookup.of(t) is not None:
                continue
            inner = [*children(t, "poss"), *pobjs(t, ("by", "from"))]
            for g in inner:
                for gg in group(g):
                    aid = lookup.of(gg)
                    if aid and aid not in out:
                        out.append(aid)
    return out


def _convert(c: Candidate, ov: Override, lex: Lexicon) -> None:
    """Change an event's type; the new type's 'embedded' table gives the mode the old type
    implies (ASSAULT -> THREATEN violence, CONSULT -> AGREE with CAMEO 036)."""
    old_type, old_mode = c.type, c.mode
    _apply(c, ov, lex)
    if c.type != old_type and ov.mode is None:
        info = lex.types[c.type]
        emb = info.embedded.get(f"{old_type}:{old_mode}") or info.embedded.get(old_type)
        if emb is not None and (emb.type is None or emb.type == c.type):
            c.mode = emb.mode or c.mode
            c.cameo = emb.cameo or c.cameo


def _is_state(lookup: ActorLookup, actor_id: str, lex: Lexicon) -> bool:
    a = lookup.actor(actor_id)
    if a is None:
        return False
    return lex.cue("state_actor_types").has(a.type) or lex.cue("state_actor_sectors").has(a.sector or "")


def _is_public(lookup: ActorLookup, actor_id: str, lex: Lexicon) -> bool:
    """A state, a government body or an international / non-governmental agency."""
    a = lookup.actor(actor_id)
    if a is None:
        return False
    return (
        _is_state(lookup, actor_id, lex)
        or lex.cue("public_actor_sectors").has(a.sector or "")
        or lex.cue("international_actor_codes").has((a.country or "").lower())
    )


_PRESENT = ("VBZ", "VBP")


def _generic(c: Candidate) -> bool:
    """A generic or stative clause, not a report: a present-tense 'when' / 'where' clause ("when
    Al-Aqsa is attacked", "events where people are killed"), a present-simple relative clause
    ("a militia which supports the party") or an agentless present passive ("the party is
    outlawed in Chad")."""
    if c.entry.kind != "verb":
        return False
    v = c.tok
    aux = [a for a in v.children if a.dep_ in ("aux", "auxpass")]
    present = v.tag_ in _PRESENT or any(a.tag_ in _PRESENT for a in aux)
    past_or_modal = any(
        a.tag_ in ("VBD", "MD") or a.lower_ in ("has", "have", "had", "been", "being") for a in aux
    )
    if not present or past_or_modal:
        return False
    if v.dep_ == "relcl" and v.tag_ in _PRESENT and not aux:
        return True  # "the militia, which backs the party": a standing property
    if v.dep_ in ("advcl", "relcl") and any(
        ch.lower_ in ("when", "whenever", "where", "wherever") and ch.dep_ in ("advmod", "mark")
        for ch in v.children
    ):
        return True
    # ("is opposed to" is an active attitude in a passive form: a stative entry, not generic)
    return (
        not c.entry.stative
        and is_passive(v)
        and agent_of(v) is None
        and any(a.dep_ == "auxpass" for a in aux)
    )


def _own_side(c: Candidate, lookup: ActorLookup) -> bool:
    """A modal demand whose target is the speaker's own state ("Britain must leave", said by the
    British prime minister)."""
    mine = {a.country for a in (lookup.actor(x) for x in c.actors) if a is not None and a.country}
    if not mine or not c.recipients:
        return False
    for r in c.recipients:
        a = lookup.actor(r)
        if a is None or a.type != "country" or a.country not in mine:
            return False
    return True


def _armed_or_public(lookup: ActorLookup, actor_id: str, lex: Lexicon) -> bool:
    a = lookup.actor(actor_id)
    if a is None:
        return False
    return _is_public(lookup, actor_id, lex) or lex.cue("armed_sectors").has(a.sector or "")


def _agentless_ok(c: Candidate, lex: Lexicon, lookup: ActorLookup) -> bool:
    """An event without a known actor stands when it is an attack by an unnamed perpetrator, or a
    material act whose agent the text leaves out ("the embassy was attacked"); a speech act with
    no author stands only as a verb whose recipient has political standing, a country or a
    sector ("the minister was charged"): a nominal one ("an investigation into X") is a
    reference, not a report."""
    if _unknown_attacker(c, lex):
        return True
    if (
        c.entry.kind == "noun"
        and c.light is None
        and not lex.cue("nominal_agentless_types").has(c.type.lower())
    ):
        return False  # "security aid to Ukraine", "talks with X": a reference without its agent
    if not lex.cue("speech_act_types").has(c.type.lower()):
        return bool(c.recipients)
    if (c.entry.kind == "noun" and c.light is None) or not lex.cue("agentless_speech_types").has(
        c.type.lower()
    ):
        return False
    for r in c.recipients:
        a = lookup.actor(r)
        if a is not None and (a.country or a.sector):
            return True
    return False


def _state_of_place(c: Candidate, lex: Lexicon, lookup: ActorLookup) -> list[str]:
    """The state that performs an agentless act only a state's authorities perform, where the
    clause places it in that state: "was arrested in Jordan", "was put under investigation in
    Spain" (the police and courts of the state; never for attacks, whose author may be anyone)."""
    acts = lex.cue("state_acts")
    if not (acts.has(c.type.lower()) or acts.has_phrase((c.type.lower(), (c.mode or "").lower()))):
        return []
    v = c.anchor
    if v.pos_ not in VERBAL or not is_passive(v) or agent_of(v) is not None:
        return []
    preps = lex.cue("state_place_preps").unigrams
    places = pobjs(v, preps) + (pobjs(c.tok, preps) if c.light is not None else [])
    return _first_country([t for p in places for t in group(p)], lookup, c.recipients)


def _unknown_attacker(c: Candidate, lex: Lexicon) -> bool:
    """An attack whose perpetrator is named only as a weapon or an unnamed attacker ("a car bomb
    killed ...", "were killed by gunmen", "killed in a roadside bomb explosion"): the event
    stands with its actor unknown (never invented)."""
    if c.type != "ASSAULT":
        return False
    inst = lex.cue("attack_instruments")
    heads = list(c.actor_heads)
    if c.subject is not None:
        heads.append(c.subject)
    if c.entry.kind == "verb" and is_passive(c.tok):
        # "were killed ... and others injured in grenade attacks": the verb or its conjuncts
        verbs = [c.tok, *(x for x in c.tok.subtree if x.dep_ in ("conj", "acl") and x.pos_ in VERBAL)]
        for v in verbs:
            heads += [
                g
                for p in v.children
                if p.dep_ in ("prep", "agent") and p.lower_ in ("in", "by")
                for g in p.children
            ]
    return any(in_set(h, inst, modifiers=True) for h in heads)


_CLAUSAL = ("advcl", "ccomp", "xcomp", "relcl", "conj", "parataxis", "csubj", "acl")


def _args_have(c: Candidate, ws) -> bool:
    """A word of the set among the trigger's own arguments ("sent troops to the peacekeeping
    mission"), not in a clause hanging on it ("held war games to train for peace missions")."""
    toks: list[Token] = []
    stack = [c.anchor]
    while stack:
        t = stack.pop()
        toks.append(t)
        stack.extend(ch for ch in t.children if ch.dep_ not in _CLAUSAL)
    toks.sort(key=lambda t: t.i)
    return not ws.words.isdisjoint(ngrams(toks))


def _apply(c: Candidate, ov: Override, lex: Lexicon) -> None:
    if ov.type is not None and ov.type != c.type:
        c.type = ov.type
        c.mode = ov.mode
        c.cameo = ov.cameo or lex.cameo_for(c.type, c.mode)
        return
    if ov.mode is not None:
        c.mode = ov.mode
    if ov.cameo is not None:
        c.cameo = ov.cameo


def _subsume(cands: list[Candidate], lex: Lexicon) -> None:
    """Fold a trigger that is the content of another trigger into it.

    "Iran called for talks" is one REQUEST (mode meet), "vowed to retaliate" one THREATEN,
    "condemned the attack" one ACCUSE whose recipient is the attacker.
    """
    by_token: dict[int, Candidate] = {}
    for c in cands:
        by_token[c.tok.i] = c
        if c.light is not None:
            by_token.setdefault(c.light.i, c)
    complement = lex.cue("complement_preps")
    content = {c.content.i: c for c in cands if c.content is not None}
    for c in list(content.values()):
        for ch in c.content.children:  # "Norway must be ready to mediate": the adjective too
            if ch.dep_ in ("acomp", "attr", "oprd"):
                content.setdefault(ch.i, c)
    for c in cands:
        if c.tok.i in content and content[c.tok.i] is not c:
            c.governor = content[c.tok.i]  # "Israel must withdraw": the withdrawal is the demand
            continue
        x = own = c.anchor
        for _ in range(6):
            if x.dep_ == "advcl" and to_infinitive(x):
                gov = by_token.get(x.head.i)
                if gov is not None and gov is not c:
                    if x is own and lex.cue("speech_act_types").has(gov.type.lower()):
                        c.governor = gov  # "vowed to fight" misparsed as a purpose clause
                    elif lex.types[gov.type].quad == 2 and lex.cue("purpose_types").has(c.type.lower()):
                        c.governor = gov  # "provided aid to support refugees": the aid's purpose
                break
            if (
                x.dep_ == "conj"
                and x.head.pos_ in VERBAL
                and (x.head.dep_ in ("xcomp", "ccomp") or (x.head.dep_ == "advcl" and to_infinitive(x.head)))
            ):
                x = own = x.head  # "urged the Arabs to unite and mobilize": both are what is urged
                continue

            if x.dep_ not in _CONTENT_DEPS and x.dep_ != "pobj":
                break

            if x.dep_ == "pobj" and not complement.has(x.head.lower_):
                break
            if x.dep_ == "prep" and not complement.has(x.lower_):
                break
            h = x.head
            if h == x:
                break
            gov = by_token.get(h.i)
            if gov is not None and gov is not c:
                c.governor = gov
                break
            x = h
    # Innermost first, so that "prepared to lift the ban" folds 'ban' into 'lift' (CONCEDE)
    # before 'lift' folds into 'prepared' (AGREE).
    for c in sorted(cands, key=lambda c: -_depth(c.anchor)):
        gov = c.governor
        if gov is None or gov is c:
            continue
        restraint = False
        if gov.type == "AGREE" and _negated(c, lex):
            if lex.types[c.type].quad in (1, 2):
                # "pledged not to give back the islands": a commitment not to cooperate refuses
                # (REJECT's own table of embedded events gives the mode and code below)
                _apply(gov, Override("REJECT"), lex)
            else:
                restraint = True  # "promised not to attack": a promise, no threat
        info = lex.types[gov.type]
        ov = info.embedded.get(f"{c.type}:{c.mode}") or info.embedded.get(c.type)
        if ov is not None and not restraint:
            _apply(gov, ov, lex)

        if not gov.recipients:
            if info.from_embedded == "actor":
                gov.recipients = [a for a in c.actors if a not in gov.actors]
            elif info.from_embedded == "recipient":
                # "demanded that Israel withdraw": the one asked to act; else the content's recipient
                others = [a for a in c.actors if a not in gov.actors]
                gov.recipients = others or [r for r in c.raw_recipients if r not in gov.actors]
        if not gov.actors and c.actors and info.from_embedded == "recipient":
            gov.actors = [a for a in c.actors if a not in gov.recipients]
        gov.has_content = True
        c.dropped = True


def _cooperative_content(c: Candidate, lex: Lexicon) -> bool:
    """'ready to contribute troops', 'pledged to work with China': the promised act is
    cooperation even when no trigger codes it."""
    coop = lex.cue("cooperative_verbs")
    for ch in c.tok.children:
        if ch.dep_ in ("xcomp", "advcl") and to_infinitive(ch) and coop.has(ch.lemma_.lower()):
            return True
        if (
            ch.dep_ == "prep"
            and ch.lower_ == "to"
            and any(g.dep_ == "pcomp" and coop.has(g.lemma_.lower()) for g in ch.children)
        ):
            return True
    return False


def _threat_words(c: Candidate, lex: Lexicon) -> bool:
    """A word of force or coercion among the warning's own words ("warned of retaliation")."""
    return any(_args_have(c, ws) for _, ws in lex.types["THREATEN"].mode_cues)


def _cannot(c: Candidate) -> bool:
    """'cannot accept', 'could not allow': a negated ability is a refusal."""
    for v in _chain(c.anchor, conj=False):
        kids = list(v.children)
        if any(k.dep_ == "aux" and k.lower_ in ("can", "ca", "could") for k in kids) and any(
            k.dep_ == "neg" for k in kids
        ):
            return True
    return False


def _agreed_to(c: Candidate) -> bool:
    """What is agreed to: a to-infinitive ('agreed to help'), an object ('accepted a formula'),
    a 'to' / 'on' phrase ('agreed to a ceasefire'); not a bare that-clause of intentions."""
    if c.entry.kind == "noun":
        return c.light is not None
    for ch in c.tok.children:
        if ch.dep_ in ("xcomp", "advcl") and to_infinitive(ch):
            return True
        if ch.dep_ in ("dobj", "dative"):
            return True
        if (
            ch.dep_ == "prep"
            and ch.lower_ in ("to", "on", "upon")
            and any(g.dep_ in ("pobj", "pcomp") for g in ch.children)
        ):
            return True
    return False


def _two_sides(c: Candidate) -> bool:
    """A consultation needs two sides, a visit its host: "the Senate met", "the commission is to
    discuss the events", "visited the hospital" are none.  The other side may be unresolved
    ("met officers") or implied by the noun ("a summit", "a mediation effort")."""
    if c.mode == "visit":
        return bool(c.actors and c.recipients)
    if len({*c.actors, *c.recipients, *c.between}) >= 2 or c.entry.kind == "noun":
        return True
    v = c.tok
    if any(ch.dep_ == "dobj" for ch in v.children):
        return True
    return any(ch.dep_ == "prep" and ch.lower_ in ("with", "between") for ch in v.children)


def _foreign_or_public_aid(c: Candidate, lookup: ActorLookup, lex: Lexicon) -> bool:
    """AID is not a domestic budget act: a legislature's funding needs a recipient, and money
    a government gives its own government bodies is no aid ("would fund the government")."""
    actors = [lookup.actor(a) for a in c.actors]
    if not c.recipients:
        return not actors or not all(a is not None and a.sector == "LEG" for a in actors)
    countries = {a.country for a in actors if a is not None and a.country}
    for r in c.recipients:
        a = lookup.actor(r)
        if a is None or not countries or a.country not in countries:
            return True
        if not lex.cue("state_actor_sectors").has(a.sector or "") and a.type != "country":
            return True
    return False


def _depth(t: Token) -> int:
    d = 0
    while t.head.i != t.i and d < 50:
        t = t.head
        d += 1
    return d


def _merge_conjoined(cands: list[Candidate]) -> None:
    """'marches and demonstrations were held', 'attacked and killed': one event."""
    by_token = {c.tok.i: c for c in cands if not c.dropped}
    for c in cands:
        if c.dropped or c.tok.dep_ != "conj":
            continue
        head = by_token.get(c.tok.head.i)
        if head is None or head.dropped or head.type != c.type:
            continue
        head.actors += [a for a in c.actors if a not in head.actors]
        head.recipients += [r for r in c.recipients if r not in head.recipients and r not in head.actors]
        if c.tok.i - head.toks[-1].i <= 3:
            head.toks = [*head.toks, *c.toks]
        c.dropped = True


def _absorb(cands: list[Candidate], lex: Lexicon) -> None:
    """A protest takes the participants of the dissent it expresses; the dissent is its topic.

    "Demonstrations were held where people expressed their opposition to X": one PROTEST
    by the people against X (PLOVER: the topic of a protest is not coded separately).
    """
    for p in cands:
        if p.dropped:
            continue
        absorbs = lex.types[p.type].absorbs
        if not absorbs:
            continue
        for o in cands:
            if o is p or o.dropped or o.type not in absorbs:
                continue
            if not p.actors and (o.actors or (o.recipients and not p.recipients)):
                # "kept up their sit-in to demand the dismissal of X": against X.
                p.actors = list(o.actors)
                if not p.recipients:
                    p.recipients = [r for r in o.recipients if r not in p.actors]
                o.dropped = True
                o.absorbed_into = p
            elif p.actors and set(o.actors) <= set(p.actors):
                if not p.recipients:
                    p.recipients = [r for r in o.recipients if r not in p.actors]
                o.dropped = True
                o.absorbed_into = p


def _role_needs(c: Candidate, lex: Lexicon, lookup: ActorLookup) -> bool:
    n = c.entry.needs | lex.types[c.type].needs
    if not n:
        return True
    if "two_sides" in n and not _two_sides(c):
        return False
    if "agreed_to" in n and not (c.recipients or c.has_content or len(c.actors) > 1 or _agreed_to(c)):
        return False  # "pledged that Congress will be transparent": no one and nothing agreed to
    if "not_domestic_budget" in n and not _foreign_or_public_aid(c, lookup, lex):
        return False
    if "threat_content" in n and not (c.has_content or _threat_words(c, lex)):
        return False  # "warned that the delay could harm security": a warning, not a threat
    if "content_event" in n and not (c.has_content or c.recipients or _cooperative_content(c, lex)):
        return False  # "vowed to find the killers", "willing to accept the role": no event promised
    if "recipient_standing" in n and not any(
        (a := lookup.actor(r)) is not None and (a.country or a.sector) for r in c.recipients
    ):
        return False  # "thanked supporters": a courtesy, not a political act
    if "actor" in n and not c.actors:
        return False
    if "recipient" in n and not (c.recipients or c.raw_recipients):
        return False  # (before reciprocal folding: "spoke by phone with Biden")
    if "recipient_or_plural" in n and not c.recipients and len(c.actors) < 2:
        subj = c.subject
        if subj is None or not (subj.tag_ in ("NNS", "NNPS") or len(group(subj)) > 1):
            return False
    if "captive_arg" in n:
        captive = lex.cue("captive_nouns") or lex.sets.get("captive_nouns")
        args = c.recip_heads
        if not any(in_set(t, captive, lookup.type_of(t)) for a in args for t in group(a)):
            return False
    if "civil_actor" in n and any(_is_state(lookup, a, lex) for a in c.actors):
        return False
    if "force_arg" in n:
        forces = lex.sets.get("force_nouns")
        weapons = lex.sets.get("weapon_system_nouns")
        toks = [*c.recip_heads, *[g for g in c.tok.children if g.dep_ in ("compound", "amod")]]
        toks += [g for p in c.tok.children if p.dep_ == "prep" for g in p.children if g.dep_ == "pobj"]
        if not any(in_set(t, forces) or in_set(t, weapons) for t in toks):
            return False
    return True


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    seen: dict[tuple, Candidate] = {}
    out = []
    for c in cands:
        key = (c.type, frozenset(c.actors), frozenset(c.recipients))
        if key in seen:
            continue
        seen[key] = c
        out.append(c)
    return out


def _drop_anaphoric(cands: list[Candidate], lex: Lexicon) -> list[Candidate]:
    """'During the meeting, X said ...' refers back to the meeting already coded."""
    dets = lex.cue("anaphoric_dets")
    out: list[Candidate] = []
    for c in cands:
        if c.entry.kind == "noun" and c.bare:
            det = first_child(c.tok, "det")
            if det is not None and dets.has(det.lower_) and any(o.type == c.type for o in out):
                continue
        out.append(c)
    return out


# -- negation, modality, date, place, quote --------------------------------------------------------


def _chain(t: Token, conj: bool = True) -> list[Token]:
    """The verb and the verbs it shares tense and modality with (xcomp / conj upward)."""
    out = [t]
    if t.pos_ == "ADJ" and t.head.pos_ in VERBAL and t.dep_ in ("acomp", "oprd"):
        out.append(t.head)
    x = out[-1]
    deps = ("xcomp", "conj") if conj else ("xcomp",)
    for _ in range(4):
        if (x.dep_ in deps or (x.dep_ == "ccomp" and to_infinitive(x))) and x.head.pos_ in VERBAL:
            x = x.head  # a to-infinitive parsed as ccomp ("allowed the government to extradite")
            out.append(x)
        elif x.dep_ == "xcomp" and x.head.pos_ == "ADJ":
            # "was unable to negotiate", "is ready to meet": the adjective and its copula
            x = x.head
            out.append(x)
            if x.dep_ in ("acomp", "oprd") and x.head.pos_ in VERBAL:
                x = x.head
                out.append(x)
        else:
            break
    return out


def _negated(c: Candidate, lex: Lexicon) -> bool:
    neg = lex.cue("negators")
    fail = lex.cue("failure_governors")
    if c.entry.kind == "noun":
        det = first_child(c.tok, "det", "neg")
        if det is not None and neg.has(det.lower_):
            return True
        if c.light is None and c.tok.dep_ == "pobj" and c.tok.head.lower_ == "without":
            return True
    if c.anchor.dep_ == "pcomp" and c.anchor.head.lower_ == "without":
        return True  # "gave arms without demanding payment"
    # Negation reaches up through control ("did not agree to meet") but not across
    # co-ordination ("chose not to stage a primary, but backed him").
    chain = _chain(c.anchor, conj=False) if c.anchor.pos_ in (*VERBAL, "ADJ") else []
    for v in chain:
        if any(ch.dep_ == "neg" and neg.has(ch.lower_) for ch in v.children):
            return True
    for v in chain[1:]:
        # "has yet to concede": the event has not happened
        if v.lemma_ == "have" and any(ch.lower_ == "yet" for ch in v.children):
            return True
    v = c.tok if c.entry.kind != "noun" else c.light
    if v is not None:
        # "neither the EU nor the US would endorse", "conceded nothing", "nobody attended"
        for ch in v.children:
            if ch.dep_ in ("dobj", "nsubj") and ch.lower_ in ("nothing", "nobody", "none"):
                return True
            if ch.dep_ in ("nsubj", "nsubjpass") and any(
                g.dep_ in ("preconj", "det") and g.lower_ in ("neither", "no") for g in ch.children
            ):
                return True
    return any(fail.has(v.lemma_.lower()) for v in chain[1:])


def _modality(c: Candidate, lex: Lexicon) -> tuple[str, bool]:
    """(modality, conditional): 'conditional' marks the consequent of an if/unless clause,
    an offer or threat ("will boycott unless ...", "would meet him if ...")."""
    anchor = c.anchor
    chain = _chain(anchor) if anchor.pos_ in (*VERBAL, "ADJ") else [anchor]
    if c.entry.kind == "noun" and c.light is None:
        v = anchor.head
        for _ in range(4):
            if v.pos_ in VERBAL or v.dep_ == "ROOT":
                break
            v = v.head
        if v.pos_ in VERBAL:
            chain = [anchor, *_chain(v)]
    fut_aux = lex.cue("future_aux")
    hyp_aux = lex.cue("hypothetical_aux")
    cond = lex.cue("condition_marks")
    fut_gov = lex.cue("future_governors")
    fut_mod = lex.cue("future_modifiers")
    deontic_aux = lex.cue("deontic_aux")
    future = hypothetical = conditional = would = deontic = False
    for v in chain:
        for ch in v.children:
            if ch.dep_ == "aux":
                if fut_aux.has(ch.lower_):
                    future = True
                elif ch.lower_ in ("would", "'d"):
                    would = True
                elif hyp_aux.has(ch.lower_):
                    hypothetical = True
                    deontic = deontic or deontic_aux.has(ch.lower_)
            elif ch.dep_ == "mark" and _condition(ch, cond):
                hypothetical = True  # the event is the condition itself: "if Russia invades"
            elif ch.dep_ == "advcl" and any(m.dep_ == "mark" and _condition(m, cond) for m in ch.children):
                conditional = True
        if v.dep_ == "advcl" and any(m.dep_ == "mark" and _condition(m, cond) for m in v.children):
            hypothetical = True
    if deontic:
        # "if they seek security, they must not send weapons": what someone says ought to be
        # done, not an offer or a threat of the subject's own
        conditional = False
    if would and not conditional and _habitual(chain, lex):
        would = False  # "they would often raid the villages": a past habit, not a condition
    if would:
        # "said it would not meet": future in the past under a reporting verb; else hypothetical.
        top = chain[-1]
        reported = top.dep_ == "ccomp" and top.head.tag_ in ("VBD", "VBN")
        if not conditional and reported and in_set(top.head, lex.cue("statement_words")):
            future = True
        else:
            hypothetical = True
    proposals = lex.cue("proposal_heads")
    for v in chain:
        if v.dep_ == "acl" and to_infinitive(v) and proposals.has(*forms(v.head)):
            hypothetical = True  # "a resolution to expel the troops", "a plot to kill": proposed only
        elif v.dep_ in ("xcomp", "acl") and to_infinitive(v) and fut_gov.has(*forms(v.head)):
            future = True  # "plans to meet", "developing plans to attack"
        elif v.dep_ == "xcomp" and fut_gov.has(*forms(v.head)):
            future = True
        if v.lower_ == "going" and first_child(v, "xcomp") is not None:
            future = True
    if c.entry.kind == "noun" and any(
        ch.dep_ in ("amod", "compound") and fut_mod.has(*forms(ch)) for ch in c.tok.children
    ):
        future = True
    if not hypothetical and _believed(c, lex):
        hypothetical = True  # "the writer supposes an invasion", "they believe he ordered it"
    if not hypothetical and _alleged(c, chain, lex):
        hypothetical = True  # "allegations (that) Trump tried to pressure Ukraine": not asserted
    if conditional or hypothetical:
        return "hypothetical", conditional
    if future:
        return "future", False
    return "asserted", False


def _habitual(chain: list[Token], lex: Lexicon) -> bool:
    """'would' with an adverb of frequency: a habit in the past ("would often raid")."""
    freq = lex.cue("habitual_adverbs")
    return any(ch.dep_ == "advmod" and freq.has(ch.lower_) for v in chain for ch in v.children)


def _alleged(c: Candidate, chain: list[Token], lex: Lexicon) -> bool:
    """An event told as someone's allegation: the clause of an allegation noun ("allegations
    that X tried to ...", also when the parser detached the clause from the noun right before
    it), a that-clause of 'allege' / 'claim', or an event marked 'alleged(ly)'."""
    nouns = lex.cue("allegation_nouns")
    verbs = lex.cue("allegation_verbs")
    marks = lex.cue("allegation_marks")
    if any(ch.dep_ in ("advmod", "amod") and marks.has(ch.lower_) for ch in c.tok.children):
        return True
    for v in chain:
        if any(ch.dep_ == "advmod" and marks.has(ch.lower_) for ch in v.children):
            return True
        h = v.head
        if v.dep_ in ("acl", "ccomp", "relcl", "appos") and h.pos_ == "NOUN" and in_set(h, nouns):
            return True
    top = chain[-1]
    if top.dep_ == "ccomp" and top.head.pos_ in VERBAL and verbs.has(top.head.lemma_.lower()):
        return True
    i = top.left_edge.i - 1
    doc = top.doc
    if i >= 0 and doc[i].lower_ == "that":
        i -= 1
    return i >= 0 and i >= top.sent.start and doc[i].pos_ == "NOUN" and in_set(doc[i], nouns)


def _past_narrative(c: Candidate, lex: Lexicon) -> bool:
    """Told in the simple past, the past perfect or a past habit ('would often'), not in the
    present, the present perfect or the future: the tenses of a narrative of the past."""
    v = c.anchor
    if c.entry.kind == "noun" and c.light is None:
        v = clause_verb(v.head) if v.head.i != v.i else v
    if v.pos_ not in VERBAL:
        return False
    chain = _chain(v)
    top = chain[-1]
    aux = [a for x in chain for a in x.children if a.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in ("would", "'d") for a in aux):
        return _habitual(chain, lex)
    if any(a.tag_ == "MD" or a.lower_ in ("has", "have", "is", "are", "am") for a in aux):
        return False
    return top.tag_ == "VBD" or any(a.lower_ in ("had", "was", "were", "did") for a in aux)


def _believed(c: Candidate, lex: Lexicon) -> bool:
    """Inside the content of a belief or supposition verb (up to five steps up the parse)."""
    beliefs = lex.cue("belief_verbs")
    t = c.anchor
    for _ in range(5):
        if t.head.i == t.i or t.dep_ in ("conj", "parataxis"):
            return False
        t = t.head
        if t.pos_ in VERBAL and beliefs.has(t.lemma_.lower()):
            return True
    return False


def _condition(mark: Token, cond) -> bool:
    """'if' / 'unless' introducing a condition; not the 'thousands if not millions' idiom."""
    if not cond.has(mark.lower_):
        return False
    nxt = mark.nbor(1) if mark.i + 1 < len(mark.doc) else None
    return not (mark.lower_ == "if" and nxt is not None and nxt.lower_ == "not")


def _parse_iso(value: str | None) -> tuple[str, date, date] | None:
    """'2023-06-21' / '2023-06' / '2023' (or the start of a range) -> (text, first day, last day)."""
    if not value:
        return None
    m = _ISO.match(value.strip())
    if not m:
        return None
    y, mo, d = m.group(1), m.group(2), m.group(3)
    try:
        if d:
            day = date(int(y), int(mo), int(d))
            return f"{y}-{mo}-{d}", day, day
        if mo:
            first = date(int(y), int(mo), 1)
            nxt = date(int(y) + (int(mo) == 12), int(mo) % 12 + 1, 1)
            return f"{y}-{mo}", first, date.fromordinal(nxt.toordinal() - 1)
        return y, date(int(y), 1, 1), date(int(y), 12, 31)
    except ValueError:
        return None


def _clause_range(c: Candidate) -> tuple[int, int]:

    v = c.anchor
    for _ in range(6):
        if v.pos_ in VERBAL or v.dep_ == "ROOT":
            break
        v = v.head
    return subtree_span(v)


def _nearest(
    items: list[tuple[int, int, str]],
    lo: int,
    hi: int,
    at: int,
    keep: Callable[[int, int], bool] | None = None,
) -> str | None:
    best = None
    for s, e, v in items:
        if s >= lo and e <= hi and (keep is None or keep(s, e)):
            d = min(abs(s - at), abs(e - at))
            if best is None or d < best[0]:
                best = (d, v)
    return None if best is None else best[1]


class _DocInfo:
    """Per-document lookups for dates, places and quotes, built once."""

    def __init__(self, doc: Document, ctx: Context, lex: Lexicon):
        self.dates: list[tuple[int, int, str]] = []
        for d in doc.dates:
            iso = _parse_iso(d.value)
            # "the first to refuse since 1976": a 'since' date starts a period that runs to now
            if iso is not None and not _SINCE.search(doc.text, max(0, d.start - 8), d.start):
                self.dates.append((d.start, d.end, iso[0]))
        self.dates.sort()
        self.published = _parse_iso(doc.meta.published)
        self.quotes = sorted(doc.quotes, key=lambda q: (q.start, -(q.end - q.start)))
        self.paragraphs = [0, *(m.end() for m in _PARAGRAPH.finditer(doc.text))]
        self.sent_starts = [s.start_char for s in ctx.sp.sents]
        self.comparison = lex.cue("time_comparison")
        self.text = doc.text
        self.place_index = MentionIndex.of_places(doc.places)
        self.locative: list[tuple[int, int, str]] = []
        self.any_place: list[tuple[int, int, str]] = []
        loc_preps = lex.cue("locative_preps")
        sp = ctx.sp
        for p in doc.places:
            for m in p.mentions:
                self.any_place.append((m.start, m.end, p.id))
                span = sp.char_span(m.start, m.end, alignment_mode="expand")
                if span is None or len(span) == 0:
                    continue
                head = span.root
                while head.dep_ in ("compound", "amod", "nmod") and head.head.i > head.i:
                    head = head.head  # "in the Gaza Strip": 'Gaza' modifies 'Strip'
                if head.dep_ == "pobj" and loc_preps.has(head.head.lower_):
                    self.locative.append((m.start, m.end, p.id))
        self.topics: frozenset[str] = frozenset()
        self.lookup: ActorLookup | None = None
        self.dateline_place: str | None = None
        dl = doc.meta.dateline
        if dl is not None:
            for p in doc.places:
                if any(m.start < dl.end and dl.start < m.end for m in p.mentions):
                    self.dateline_place = p.id
                    break

    def narrative_date(self, start: int) -> tuple[str, date, date] | None:
        """The last date written before ``start`` in its paragraph, outside quotations, when
        every date of the sentence that wrote it is as old (a sentence with "on Saturday ...
        (1800 UTC)" sets no old time)."""
        p0 = self.paragraphs[bisect.bisect_right(self.paragraphs, start) - 1]
        best = None
        for s, e, v in self.dates:
            if s >= start:
                break
            if s >= p0 and self.quote_of(s, e) is None and not self._compared(s):
                best = (s, v)
        if best is None or self.published is None:
            return None
        told = _parse_iso(best[1])
        k = bisect.bisect_right(self.sent_starts, best[0]) - 1
        # A story's time carries over a few sentences, not a whole unbroken text (many
        # reports come as one line, where the "paragraph" is the article).
        if bisect.bisect_right(self.sent_starts, start) - 1 - k > NARRATIVE_SENTENCES:
            return None
        lo = self.sent_starts[k] if k >= 0 else 0
        hi = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.text)
        for s, _, v in self.dates:
            d = _parse_iso(v)
            if lo <= s < hi and d is not None and (self.published[1] - d[2]).days <= HISTORICAL_DAYS:
                return None
        return told

    def _compared(self, start: int) -> bool:
        """A date that a comparison brings in ("compared to two years ago", "than in 2019",
        "since 2015") is a point of reference, not the time the story has moved to."""
        words = _WORD.findall(self.text[max(0, start - 40) : start].lower())[-3:]
        return any(self.comparison.has(w) for w in words)

    def quote_of(self, start: int, end: int) -> str | None:
        for q in self.quotes:
            if q.start <= start and end <= q.end:
                return q.id
        return None


def _to_events(
    cands: list[Candidate],
    doc: Document,
    ctx: Context,
    lex: Lexicon,
    lookup: ActorLookup,
    topics: frozenset[str] = frozenset(),
) -> list[Event]:
    info = _DocInfo(doc, ctx, lex)
    info.topics = topics
    info.lookup = lookup
    cands.sort(key=lambda c: c.toks[0].idx)
    events: list[Event] = []
    for c in cands:
        ev = _event(c, doc, ctx, lex, info)
        if ev is not None:
            ev.id = f"e{len(events) + 1}"
            events.append(ev)
    return events


def _trigger_range(c: Candidate) -> tuple[int, int]:
    toks = list(c.toks)
    if c.light is not None and 0 < c.toks[0].i - c.light.i <= 4:
        toks.append(c.light)
    return char_span(toks)


def _event(c: Candidate, doc: Document, ctx: Context, lex: Lexicon, info: _DocInfo) -> Event | None:
    t_start, t_end = _trigger_range(c)
    s_start = max(c.sent.start_char, ctx.body[0])
    s_end = min(c.sent.end_char, ctx.body[1])
    while s_end > s_start and doc.text[s_end - 1].isspace():
        s_end -= 1
    while s_start < s_end and doc.text[s_start].isspace():
        s_start += 1
    quote = info.quote_of(t_start, t_end)
    # Date: the clause's, else the sentence's, else publication.
    c_lo, c_hi = _clause_range(c)

    def same_voice(s: int, e: int) -> bool:
        return info.quote_of(s, e) == quote

    ev_date = _nearest(info.dates, c_lo, c_hi, t_start, same_voice) or _nearest(
        info.dates, s_start, s_end, t_start, same_voice
    )
    explicit_date = ev_date is not None
    if ev_date is None and quote is None and info.published is not None and _past_narrative(c, lex):
        # Narrative time: an undated past-tense event goes on from the last date of its
        # paragraph ("Mugabe ruled 1980-1987. ... the massacres saw thousands killed"), when
        # that date is history; a recent one is left to the publication date.
        told = info.narrative_date(s_start)
        if told is not None and (info.published[1] - told[2]).days > HISTORICAL_DAYS:
            ev_date, explicit_date = told[0], True
    if ev_date is None and info.published is not None:
        ev_date = info.published[0]
    negated = _negated(c, lex)
    modality, conditional = _modality(c, lex)
    # Mode from cue words when the entry gives none.
    mode = c.mode
    type_info = lex.types[c.type]
    if mode is None and type_info.mode_cues:
        for cand_mode, ws in type_info.mode_cues:
            if _span_has(c, ws):
                mode = cand_mode
                break
    if mode is None:
        mode = type_info.default_mode
    if mode != c.mode:
        row = lex.cameo.get(c.cameo or "")
        if row is None or row.mode != mode:
            c.cameo = lex.cameo_for(c.type, mode) or c.cameo
        c.mode = mode
    # PLOVER: future cooperation is AGREE, a future retreat CONCEDE, a declared future or
    # conditional use of force a THREATEN; "will not attend" is a refusal (REJECT).
    ov = None
    inability = negated and modality == "hypothetical" and not conditional and _cannot(c)
    if inability:
        modality = "future"  # "cannot accept more refugees": a refusal
    if negated and (conditional or modality == "future"):
        ov = type_info.negated_future  # "will not accept refugees (if ...)": a refusal
        if ov is None and inability:
            modality = "asserted"  # "could not agree on a budget": it did not happen

    elif conditional:
        ov = type_info.conditional
    elif modality == "future":
        ov = type_info.future
    if ov is not None:
        old_type = c.type
        _convert(c, ov, lex)
        if negated:
            negated = False
        if c.type != old_type:
            # Manual (auxiliary modes): "the coder should always return the single event
            # category, not a category+auxiliary": the promise, threat or refusal was made.
            modality = "asserted"
            if c.unfolded is not None and not lex.types[c.type].reciprocal:
                # "X will meet Y": X agrees to meet Y (the meeting's other side is the recipient)
                c.actors, c.recipients = list(c.unfolded[0]), list(c.unfolded[1])
    if explicit_date and info.published is not None and modality == "asserted":
        # Only 'historical' comes from the date: a date after publication is as often a
        # wrongly resolved relative date ("the following day") as a plan, so 'future' needs
        # the words ("will", "plans to").
        d = _parse_iso(ev_date)
        if d is not None and (info.published[1] - d[2]).days > HISTORICAL_DAYS:
            modality = "historical"
    location = _location(c, info, quote, s_start, s_end, c_lo, c_hi, t_start)
    if c.type == "CONSULT" and c.mode is None and _third_place(c, doc, info, location):
        c.mode = "third-party"
        c.cameo = lex.cameo_for("CONSULT", "third-party") or c.cameo
    contexts = list(c.entry.context)
    mc = _MODE_CONTEXTS.get((c.type, c.mode or ""))
    if mc and mc not in contexts:
        contexts.append(mc)
    cued = c.view.contexts | info.topics
    contexts += [name for name in lex.contexts if name in cued and name not in contexts]
    conf = c.entry.confidence
    conf += 0.1 if c.actors else -0.1
    conf += 0.05 if c.recipients else 0.0
    if c.repaired:
        conf -= 0.1
    if c.entry.kind == "noun" and c.bare:
        conf -= 0.1
    if _background(c, lex):
        conf -= 0.1  # a relative clause or a "following the X" adjunct: not the sentence's news
    if type_info.requires_recipient and not c.recipients and not (type_info.reciprocal and len(c.actors) > 1):
        conf -= 0.15  # the manual wants a recipient for COOPERATE, AID and SANCTION
    conf = min(0.95, max(0.05, conf))
    return Event(
        id="",
        type=c.type,
        trigger=Span.of(doc.text, t_start, t_end),
        evidence=Span.of(doc.text, s_start, s_end),
        mode=c.mode,
        context=contexts,
        actor=list(c.actors),
        recipient=list(c.recipients),
        date=ev_date,
        location=location,
        negated=negated,
        modality=modality,
        quote=quote,
        cameo=c.cameo,
        confidence=conf,
        quad_class=lex.quad(c.type),
        intensity=lex.intensity(c.type, c.mode),
    )


def _background(c: Candidate, lex: Lexicon) -> bool:
    """An event told as background to the sentence's news: in a relative clause or a clause
    modifying a noun ("Sharon, who has vowed to ...", "rebels fighting the government"), or a
    nominal event in a temporal adjunct ("after the killing of X", "in the wake of the
    shelling")."""
    v = c.anchor
    for _ in range(4):  # up through the verbs sharing its clause ("who has vowed to return")
        if v.dep_ in ("relcl", "acl") and v.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return True
        if v.dep_ in ("xcomp", "conj") and v.head.pos_ in VERBAL:
            v = v.head
            continue
        break
    if c.entry.kind != "noun" or c.light is not None or c.tok.dep_ != "pobj":
        return False
    prep = c.tok.head
    marks = lex.cue("background_adjuncts")
    if marks.has(prep.lower_):
        return True
    # "in the wake of the shelling", "in response to the attack"
    return prep.lower_ in ("of", "to", "for") and in_set(prep.head, marks)


def _third_place(c: Candidate, doc: Document, info: _DocInfo, location: str | None) -> bool:
    """A meeting of two or more states in a country that is none of theirs (CONSULT third-party)."""
    if location is None or len(c.actors) < 2:
        return False
    place = doc.place(location)
    if place is None or not place.country:
        return False
    countries = set()
    for aid in c.actors:
        a = info.lookup.actor(aid) if info.lookup is not None else None
        if a is None or not a.country:
            return False
        countries.add(a.country)
    return len(countries) >= 2 and place.country not in countries


def _span_has(c: Candidate, ws) -> bool:
    """Mode cues: the trigger phrase, its modifiers, and the clause around it."""
    for t in c.toks:
        if in_set(t, ws):
            return True
    v = c.anchor
    lo, hi = v.left_edge.i, v.right_edge.i
    if c.light is None and c.entry.kind == "noun":
        head = c.tok.head
        if head.pos_ in VERBAL:
            lo, hi = min(lo, head.left_edge.i), max(hi, head.right_edge.i)
    return not ws.words.isdisjoint(ngrams(c.tok.doc[lo : hi + 1]))


def _location(
    c: Candidate,
    info: _DocInfo,
    quote: str | None,
    s_start: int,
    s_end: int,
    c_lo: int,
    c_hi: int,
    at: int,
) -> str | None:
    # A place counts only on the same side of a quotation mark as the event: the reporter's
    # "said in Gaza" does not locate what the speaker tells, nor the reverse.
    def same_voice(s: int, e: int) -> bool:
        return info.quote_of(s, e) == quote

    loc = _nearest(info.locative, c_lo, c_hi, at, same_voice) or _nearest(
        info.locative, s_start, s_end, at, same_voice
    )
    if loc:
        return loc
    # "Israeli jets struck Gaza": a place that is the object of a material event.
    if c.type in ("ASSAULT", "COERCE", "MOBILIZE", "PROTEST", "RETREAT"):
        for h in c.recip_heads:
            hit = info.place_index.owner(h.idx, h.idx + len(h.text))
            if hit:
                return hit
    if quote is None:
        return info.dateline_place
    return None
