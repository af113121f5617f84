"""Quotes: direct, indirect and mixed quotations with their speakers.

How a report is read, in order:

1. Quotation marks are paired in the raw text (``quote_marks``).  A quoted
   stretch that opens a clause (at a sentence start, after ``said,`` or a colon,
   or after a dash when it holds a finite verb) is a *direct quote*; one
   embedded in the reporter's clause is a *fragment*.  A fragment of one or two
   words is a scare quote unless a verb of saying or naming takes it as its
   object (``called him "a genius"``); capitalised titles are names, not speech,
   and so is a title-case quote right after a word naming a work (``her book,
   "Salt Roads Of The North,"``, ``data/quotes/cues.tsv`` type ``work``) even
   when a reporting verb follows.  A quote that is all parenthesis is a stage
   direction (``"(BELL RINGS)"``).  A quote that never closes ends at the
   paragraph end, before the sentence holding the next opening mark, or before a
   sentence where a named person reports (the reporter speaking again); a
   transcript turn (``"MAYOR: ...``) always runs to its paragraph end.  In the
   headline (the title line heading the text) quoted words are quotes even in
   title case, and ``Source: what they said`` reports the named source's words.
   A paragraph ending ``Smith said:`` introduces the next paragraph: a quote there
   is Smith's, and a paragraph without marks is a block quote of Smith's words.
2. A direct quote's attribution is looked for right after its closing mark
   (``"...," he said`` / ``"...," said Okafor`` / ``"..." -- Jane Doe`` / ``"..."
   of the plan, Smith said``) and right before its opening mark (``Haniyeh added,
   "..."``, ``Smith: "..."``, ``as Smith put it, "..."``); an interrupted quote
   (``"A," he said, "B."``) gives both pieces the same speaker; a transcript line
   names its speaker in a label.  A fragment right after ``that`` is *mixed*:
   reported speech in the source's words.  So is a quote the reporter's sentence
   carries: one opening in lower case after a conjunction, a connective, ``as`` or
   a naming verb rather than right after the attribution's comma (``said on the
   other hand, "our plan ..."``, ``what it calls "a circus"``), one spelling
   out a noun for the words said (``added the words, "..."``), one ending its
   cue's that-clause (``added that X matters because, "..."``), one whose cue
   sits inside another report (``said she recalled thinking, "..."``) and words
   someone only hopes another will say (``I hope the board says, "..."``).  A
   quote with no source at all (no attribution, no speaker nearby, nothing
   introducing it, no word of saying or person named in its paragraph) is an
   epigraph or a reader's line and is dropped.
3. Indirect speech is a reporting verb (``data/quotes/reporting_verbs.tsv``)
   with a clausal complement, or with a to-infinitive for verbs of intention and
   request (``vowed to fight``, ``urged voters to stay home``; never a passive
   ``is expected to``), a source cue (``according to X``) or a noun of saying
   with its owner (``X's claim that``, ``her promise to resign``, ``expressed
   hope that``) (``data/quotes/cues.tsv``).  A clause the attribution interrupts
   (``The plan, she said, is dead``) gives two pieces.  A reported clause ends
   before a participle clause after a comma (``..., arguing that``) and before a
   second reporting verb (``... and added that``): those say what the source
   did.  A clause reported inside another (``Smith said she plans to resign``)
   is part of it, not a quote of its own.  An indirect quote that contains a
   fragment is *mixed* and absorbs it (a quote after a closing colon spells the
   clause out); a fragment that a reporting or naming verb governs without a
   clause keeps the verb's clause as a mixed quote.
4. A direct quote with no attribution of its own takes the speaker of the
   surrounding discourse: the attribution of its continuation when it is left
   open at a paragraph end, the quote it runs on from, else the attribution or
   subject of the sentence before it (nearest first, within its paragraph),
   else the last speaker nearby.
5. The speaker phrase is resolved to an actor through the actors stage's
   notes; a pronoun it left unresolved falls back to the nearest preceding
   person actor, preferring one in subject position.  Words inside any quote
   marks never name a speaker, and no subject is taken across a line break.
   Where the parser errs, a few repairs: inflected forms of the listed verbs
   when the lemmatiser is wrong (``hoped`` -> ``hop``), a noun-tagged word that
   heads a clause with a subject and a complement, a name right before a
   subjectless verb, the subject of a participle through ``by saying`` or the
   name right before it (``a clip of Smith asking``).

Text conventions (``Quote.text``/``start``/``end``): the quote marks are
outside the span, and so are trailing commas, colons, semicolons and dashes
inside the marks; a final ``.``/``?``/``!`` inside the marks stays, because it
belongs to the quoted sentence.  An indirect quote's span is the complement
clause without its complementiser (``that``) and without the reporter's final
punctuation; an infinitival one keeps its ``to``.  ``speaker_mention`` is the
speaker phrase as written (a pronoun, a relative pronoun, a title), ``cue`` the
reporting verb or cue phrase.  ``confidence`` says how the speaker was found: an
explicit subject (0.9) beats an inverted one (0.85), a source cue (0.85), a
byline or label (0.8), a colon (0.75), the quote a quote runs on from (0.65), the
previous sentence (0.6/0.5) and a nearby speaker (0.4); it is scaled by the
reporting verb's class and lowered when a pronoun had to be resolved by the
fallback.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.attrs import IDX, LEMMA, LOWER
from spacy.strings import get_string_id

from ..document import Document, MentionIndex, Quote, Span
from .base import Context
from .quote_lexicon import QuoteLexicon, ReportingVerb, load_lexicon
from .quote_marks import Marked, find_marked, paragraphs, word_count

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_TERMINATORS = {".", "!", "?", "\u2026"}
_QUOTE_TOKENS = {'"', "\u201c", "\u201d", "\u201e", "''", "``", "\u00ab", "\u00bb", "'", "\u2018", "\u2019"}
_QUOTE_CHARS_STR = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019`"
# a speaker label opening a transcript line: 'HOST: ...', 'SEN. SMITH: ...'
_LABEL = re.compile(r"(?:\s*)([A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3}):\s+")
_BYLINE = re.compile(r"[^\S\n]*(\u2015|\u2014|\u2013|--?)[^\S\n]*(?=[A-Z])")
_COLON_QUOTE = re.compile(r"[ \t]*:[ \t]*[\"\u201c\u201e\u00ab']")
_TITLE_SMALL_WORDS = {"of", "the", "and", "a", "an", "in", "on", "for", "to", "at", "by", "with", "or", "is"}
_DASHES = {"\u2015", "\u2014", "\u2013", "--"}
_TRIM_END = " \t\r\n,;:\u2014\u2013-"
_CLAUSE_OPENERS = (":", ",", ";", "(", ".", "?", "!")
_SUBJ = ("nsubj",)
# a verb whose subject is its head's subject (participles, coordinated verbs)
_INHERITS_SUBJECT = {"advcl", "xcomp", "conj", "dep", "pcomp", "acl"}
_NP_LEFT = {"compound", "flat", "det", "amod", "poss", "nummod", "nmod", "case", "quantmod", "advmod"}
_NP_RIGHT = {"compound", "flat"}
_PRONOUNS_PERSON = {"he", "she", "him", "her", "his", "hers", "himself", "herself"}
_PRONOUNS_SUBJECT = {"he", "she", "they"}
_PRONOUNS_PLURAL = {"they", "them", "their", "theirs", "themselves"}
_COMPLEMENTISERS = {"that", "whether", "if"}
# classes of verbs whose reported clause can hold another report ('said she recalled, "...')
_NESTING_CLASSES = {"speech", "writing", "cognition"}
# participles that introduce a phrase, not a clause of their own
_NOT_ADJUNCTS = {
    "including",
    "according",
    "excluding",
    "regarding",
    "concerning",
    "following",
    "notwithstanding",
}
# verbs whose object is the person spoken to ('told reporters "..."')
_ADDRESSEE_VERBS = {"tell", "ask", "inform", "assure", "remind", "warn", "urge", "notify", "advise", "to"}
_MAX_AFTER = 30  # tokens scanned after a closing mark for the attribution
_MAX_BEFORE = 10  # tokens between a reporting verb and an opening mark

# confidence of a speaker by how it was found
CONF = {
    "subject": 0.9,
    "inverted": 0.85,
    "according": 0.85,
    "byline": 0.8,
    "colon": 0.75,
    "label": 0.8,
    "inherited": 0.75,
    "runon": 0.65,
    "previous-attribution": 0.6,
    "previous-subject": 0.5,
    "nearby": 0.4,
    "none": 0.2,
}


@dataclass
class _Attribution:
    how: str  # a key of CONF
    subject: Token | None  # head token of the speaker phrase
    mention: tuple[int, int] | None  # char span of the speaker phrase
    cue: tuple[int, int] | None  # char span of the reporting verb / cue phrase
    verb_conf: float = 1.0
    actor: str | None = None
    fallback: bool = False  # the actor came from the nearest-person fallback
    end: int = -1  # char position where the attribution text ends


@dataclass
class _Candidate:
    mark: Marked
    start: int
    end: int
    fragment: bool  # embedded in the reporter's clause
    words: int = 0
    kind: str = "direct"
    label: tuple[int, int] | None = None  # a transcript speaker label inside the marks
    attribution: _Attribution | None = None
    absorbed: bool = False
    attr_end: int = -1  # end of the attribution that follows the quote, if any
    after: _Attribution | None = None  # the attribution after a fragment ('..." X said')


@dataclass
class _Indirect:
    start: int
    end: int
    attribution: _Attribution
    mixed: bool = False
    verb_i: int = -1
    sent: int = -1


@dataclass
class _Parse:
    """Per-document lookups built once from the spaCy parse."""

    sp: Doc
    starts: list[int]
    sent_starts: list[int]  # char start of each sentence
    sent_bounds: list[tuple[int, int]]  # token range of each sentence
    verbs: dict[int, ReportingVerb] = field(default_factory=dict)  # token index -> entry

    def tok_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def tok_from(self, char: int) -> int:
        """First token starting at or after ``char``."""
        return bisect.bisect_left(self.starts, char)

    def sent_of(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, char) - 1)

    def sent_chars(self, k: int) -> tuple[int, int]:
        s, e = self.sent_bounds[k]
        sp = self.sp
        return sp[s].idx, sp[e - 1].idx + len(sp[e - 1])


class QuoteStage:
    name = "quotes"

    def __init__(self, lexicon: QuoteLexicon | None = None):
        self.lex = lexicon or load_lexicon()
        self._phrasal = {lemma for lemma, es in self.lex.verbs.items() if any(e.particle for e in es)}
        # string hashes of the words worth a closer look, so one pass over the
        # parse's arrays finds them without building a Token per word
        self._verb_ids = {get_string_id(w) for w in self.lex.verbs}
        # inflected forms of the verbs, for words the lemmatiser gets wrong ('hoped' -> 'hop')
        self._forms = {get_string_id(f): v for v in self.lex.verbs for f in _inflections(v)}
        self._cue_ids = {get_string_id(w) for w in self.lex.cues}
        # nouns of saying and of intention ("X's claim that", "X's plan to")
        self._said_nouns = self.lex.nouns | self.lex.intents
        self._noun_ids = {get_string_id(w) for w in self._said_nouns}
        self._media = tuple(" " + " ".join(words) + " " for words in self.lex.media)
        self._connectives = tuple(" " + " ".join(words) + " " for words in self.lex.connectives)
        # 'conference', 'interview': nouns of the occasions of saying, from the medium cues
        self._medium_nouns = frozenset(words[-1] for words in self.lex.media)

    def __call__(self, doc: Document, ctx: Context) -> None:
        doc.quotes = _Reader(self, doc, ctx).read()

    # one pass over the tokens: which are reporting verbs
    def _verbs(self, sp: Doc, lemmas: list[int], lowers: list[int]) -> dict[int, ReportingVerb]:
        found: dict[int, ReportingVerb] = {}
        verbs, ids, forms = self.lex.verbs, self._verb_ids, self._forms
        for i, lemma_id in enumerate(lemmas):
            if lemma_id not in ids and lowers[i] not in forms:
                continue
            t = sp[i]
            if not (t.tag_.startswith("VB") or _verb_tagged_noun(t)):
                continue
            lemma = t.lemma_.lower() if lemma_id in ids else forms[lowers[i]]
            particles: frozenset[str] = frozenset()
            if lemma in self._phrasal:
                # a particle ('point out') or a fixed object ('as she put it')
                particles = frozenset(c.text.lower() for c in t.children if c.dep_ in ("prt", "dobj", "prep"))
            entry = self.lex.verb(lemma, particles) if lemma in verbs else None
            if entry is not None and (entry.particle is None or entry.particle in particles):
                found[t.i] = entry
        return found


class _Reader:
    """Reads one document; lives for one call."""

    def __init__(self, stage: QuoteStage, doc: Document, ctx: Context):
        self.stage = stage
        self.lex = stage.lex
        self.doc = doc
        self.text = doc.text
        self.ctx = ctx
        sp = ctx.sp
        sents = list(sp.sents)
        cols = sp.to_array([IDX, LEMMA, LOWER]).tolist() if len(sp) else []
        self.p = _Parse(
            sp=sp,
            starts=[c[0] for c in cols],
            sent_starts=[s.start_char for s in sents],
            sent_bounds=[(s.start, s.end) for s in sents],
        )
        self._lemmas = [c[1] for c in cols]
        self._lowers = [c[2] for c in cols]
        self.p.verbs = stage._verbs(sp, self._lemmas, self._lowers)
        self._index: MentionIndex | None = None
        self._quoted: list[tuple[int, int]] = []
        self._quoted_starts: list[int] = []
        self._mentions: list[tuple[int, int, str, str]] | None = None
        self._head = self._headline()
        self._cands: list[_Candidate] = []
        self._titles: list[tuple[int, int]] = []  # quoted titles of works

    # ------------------------------------------------------------------ main
    def read(self) -> list[Quote]:
        lo, hi = self.ctx.body
        if not self.ctx.sp or hi <= lo:
            return []
        cands = self._direct_candidates(lo, hi)
        for c in cands:
            c.attribution = self._direct_attribution(c, cands)
        cands = self._blocks(cands, lo, hi)
        self._cands = cands
        cands = [c for c in cands if self._keep(c)]
        indirect = self._indirect(cands, lo, hi)
        indirect += self._partials(cands)
        indirect = _outermost(indirect)
        self._discourse(cands, indirect)
        quotes: list[tuple[int, int, str, _Attribution | None]] = []
        for c in cands:
            if not c.absorbed and c.attribution is None and not self._introduced(c):
                # no source and no word of saying in its paragraph: an epigraph, a
                # pull-quote or a reader's line, not an attribution
                c.absorbed = True
            if not c.absorbed:
                start = c.start
                if c.kind == "direct" and self._runs_on_reporter(c):
                    c.kind = "mixed"
                    start = self._lead_in(c)
                elif c.kind == "direct" and (said := self._words_said(c)) >= 0:
                    c.kind = "mixed"
                    start = said
                elif c.kind == "direct" and (clause := self._in_that_clause(c)) >= 0:
                    c.kind = "mixed"
                    start = clause
                elif c.kind == "direct" and (wish := self._wished(c)) is not None:
                    c.kind = "mixed"
                    start, c.attribution = wish
                quotes.append((start, c.end, c.kind, c.attribution))
        for q in indirect:
            quotes.append((q.start, q.end, "mixed" if q.mixed else "indirect", q.attribution))
        quotes.sort(key=lambda it: (it[0], it[1]))
        return [self._quote(i, *q) for i, q in enumerate(quotes, 1)]

    def _quote(self, n: int, start: int, end: int, kind: str, at: _Attribution | None) -> Quote:
        text = self.text
        if at is None:
            at = _Attribution("none", None, None, None)
        actor = self._actor(at) if at.mention is not None else None
        conf = CONF[at.how] * at.verb_conf
        if at.cue is not None and self._medium_after(at.cue[1]):
            conf *= 1.05  # 'said in a statement': the channel confirms the attribution
        if at.fallback:
            conf -= 0.1
        if at.mention is not None and actor is None:
            conf -= 0.05
        return Quote(
            id=f"q{n}",
            text=text[start:end],
            start=start,
            end=end,
            kind=kind,
            speaker=actor,
            speaker_mention=None if at.mention is None else Span.of(text, *at.mention),
            cue=None if at.cue is None else Span.of(text, *at.cue),
            confidence=round(max(0.05, min(1.0, conf)), 4),
        )

    # ------------------------------------------------------ direct quotes
    def _direct_candidates(self, lo: int, hi: int) -> list[_Candidate]:
        text = self.text
        out: list[_Candidate] = []
        for m in find_marked(text, lo, hi):
            start = m.open_end
            # a transcript line ('"MAYOR: Well, so, ...') names its speaker in a
            # label; an unclosed one is that speaker's turn to the paragraph end
            lm = _LABEL.match(text, start, m.limit)
            if m.close is not None:
                end = m.close
            elif lm is not None and not text[m.para[0] : m.open].strip():
                end = m.limit
            else:
                end = self._unclosed_end(m)
            start, end = _trim(text, start, end)
            if end <= start:
                continue
            # words inside any marks, kept or not, never name the speaker of a quote
            self._quoted.append((start, end))
            self._quoted_starts.append(start)
            words = word_count(text, start, end)
            if words == 0 or _bracketed(text, start, end):
                continue  # '"(BELL RINGS)': a stage direction, not speech
            seg_lo = max(m.para[0], self.p.sent_chars(self.p.sent_of(m.open))[0])
            before = text[seg_lo : m.open].strip()
            fragment = not self._opens_clause(before, m.open)
            if fragment and before.endswith(("\u2014", "\u2013", "-", "\u2015")) and self._finite(start, end):
                fragment = False  # '... -- "It is a scandal ..." --
            in_headline = self._in_headline(m.open)
            titled = _title_case(text, start, end, final_punct=True)
            if titled and self._names_a_work(m.open):
                self._titles.append((start, end))
                continue  # 'her book, "Salt Roads Of The North,"': a title
            if fragment and titled and not in_headline:
                continue  # a quoted name or title (a headline capitalises every word anyway)
            if fragment and words <= 2 and not self._named_object(m.open, start, end):
                continue  # scare quotes: the reporter's word, not a source's
            label = None
            lm = _LABEL.match(text, start, end) if not fragment else None
            if lm is not None:
                label = (lm.start(1), lm.end(1))
                start = lm.end()
                words = word_count(text, start, end)
            out.append(_Candidate(m, start, end, fragment, words=words, label=label))
        return out

    def _blocks(self, cands: list[_Candidate], lo: int, hi: int) -> list[_Candidate]:
        """A paragraph that ends 'Smith said:' introduces the next paragraph: a quote
        that opens there is Smith's, and a paragraph without quote marks is a block
        quote of Smith's words."""
        text, sp, p = self.text, self.p.sp, self.p
        paras = paragraphs(text, lo, hi)
        by_open = {c.mark.open: c for c in cands}
        out = list(cands)
        for (a, b), nxt in pairwise(paras):
            if not text[a:b].rstrip().endswith(":"):
                continue
            colon = p.tok_at(len(text[:b].rstrip()) - 1)
            at = None
            for i in range(colon - 1, max(p.tok_from(a) - 1, colon - 8), -1):
                entry = p.verbs.get(i)
                if entry is not None and entry.direct:
                    subj = self._subject(sp[i])
                    if subj is not None and self._speakerish(subj) and not self._in_quote(subj.idx):
                        at = _Attribution(
                            "colon", subj, _np_chars(subj), _tok_span(sp[i]), entry.cls.confidence
                        )
                    break
                if sp[i].pos_ in ("VERB", "AUX") and sp[i].dep_ not in ("aux", "auxpass"):
                    break
            if at is None:
                continue
            start, end = _trim(text, *nxt)
            c = by_open.get(start)
            if c is not None:
                if c.attribution is None:
                    c.attribution = at
                continue
            if text[start] in _QUOTE_CHARS_STR or text[start:end].rstrip().endswith(":"):
                continue
            if word_count(text, start, end) < 3 or _LABEL.match(text, start, end):
                continue
            m = Marked(start, start, end, end, end, nxt)
            block = _Candidate(m, start, end, False, words=word_count(text, start, end), attribution=at)
            self._quoted.append((start, end))
            out.append(block)
        if len(out) > len(cands):
            out.sort(key=lambda c: c.mark.open)
            self._quoted.sort()
            self._quoted_starts = [q[0] for q in self._quoted]
        return out

    def _in_headline(self, pos: int) -> bool:
        return self._head is not None and self._head[0] <= pos < self._head[1]

    def _headline(self) -> tuple[int, int] | None:
        """The title line heading the text, if the text starts with one: the
        document's title, or a short first line without a final full stop."""
        text = self.text
        lo, hi = self.ctx.body
        while lo < hi and text[lo].isspace():
            lo += 1
        nl = text.find("\n", lo, hi)
        if nl < 0:
            return None
        line = text[lo:nl].strip()
        title = (self.doc.meta.title or "").strip()
        if title and line.startswith(title[:40]):
            return lo, nl
        if not title and 0 < len(line.split()) <= 16 and line[-1:] not in ".?!\u201d\"'":
            return lo, nl
        if not title and 0 < len(line.split()) <= 16 and _headline_case(line):
            return lo, nl  # a headline in title case, which some feeds end with a full stop
        return None

    def _names_a_work(self, open_pos: int) -> bool:
        """Is the word before a quote a noun naming a work ('the book "...'") or a
        participle that introduces a name ('a film titled "..."')?"""
        sp = self.p.sp
        i = self.p.tok_at(open_pos) - 1
        while i >= 0 and (sp[i].is_punct or sp[i].is_space) and sp[i].text not in _TERMINATORS:
            i -= 1
        return i >= 0 and sp[i].lemma_.lower() in self.lex.works and sp[i].pos_ in ("NOUN", "VERB", "PROPN")

    def _named_object(self, open_pos: int, start: int, end: int) -> bool:
        """A short quoted phrase that a verb of saying or naming takes as its object
        ('called him "a genius"', 'described it as "reckless"') is the source's words;
        one inside a noun phrase ('praised the "unity" of') is the reporter's."""
        sp, p = self.p.sp, self.p
        i = p.tok_at(open_pos) - 1
        while i >= 0 and sp[i].is_space:
            i -= 1
        if i >= 0 and (sp[i].pos_ in ("DET", "ADJ", "NUM") or sp[i].dep_ == "poss" or sp[i].tag_ == "POS"):
            return False
        lo, hi = p.tok_from(start), p.tok_at(end - 1)
        heads = [sp[j] for j in range(lo, hi + 1) if not lo <= sp[j].head.i <= hi or sp[j].head.i == j]
        heads = [h for h in heads if not h.is_punct]
        if len(heads) != 1:
            return False
        h = heads[0]
        while h.dep_ == "conj" and h.head.i < h.i:
            h = h.head
        if h.dep_ == "appos" and h.head.dep_ == "dobj":
            h = h.head  # 'called the plan "a disgrace"': the parser's apposition is the predicate
        if h.dep_ in ("dobj", "oprd", "attr", "acomp", "xcomp", "ccomp") and h.head.i in p.verbs:
            return True
        return h.dep_ == "pobj" and h.head.lower_ == "as" and h.head.head.i in p.verbs

    def _finite(self, start: int, end: int) -> bool:
        """Does the text hold a finite verb, i.e. is it a clause rather than a phrase."""
        sp = self.p.sp
        for i in range(self.p.tok_from(start), len(sp)):
            t = sp[i]
            if t.idx >= end:
                break
            if t.tag_ in ("VBD", "VBZ", "VBP", "MD"):
                return True
        return False

    def _keep(self, c: _Candidate) -> bool:
        """Whether a clause-opening quote is speech, now that its attribution is known."""
        if c.fragment:
            return True
        text, m = self.text, c.mark
        if c.words <= 2:
            # "No," he said. -- but not: he said "port fees" and ...
            inner = text[: m.close].rstrip()[-1:] if m.close is not None else "."
            alone = (
                not text[m.para[0] : m.open].strip() and not text[m.close_end or m.limit : m.para[1]].strip()
            )
            if inner in ".!?\u2026" and text[c.start].isupper() and self._after_attributed(c):
                return True  # '"...," the president added. "We're home."': a short sentence more
            return inner in ",.!?\u2026" and (c.attribution is not None or alone)
        if c.attribution is None and m.close_end is not None and self._verb_follows(m.close_end, m.para[1]):
            return False  # 'Her column, "Tell your story," is thoughtful': a title as a subject
        # a headline or a quoted title ("Salt Roads Of The North,") is not
        # speech, unless it runs on from an earlier quote of the paragraph
        runs_on = any(ch in _QUOTE_CHARS_STR for ch in text[m.para[0] : m.open])
        return c.attribution is not None or runs_on or not _title_case(text, c.start, c.end, final_punct=True)

    def _runs_on_reporter(self, c: _Candidate) -> bool:
        """A quote that opens in lower case after its attribution, and neither resumes
        an interrupted quote ('"A," he said, "and B."') nor follows the attribution's
        comma or colon at once ('he said, "we were stunned."'), goes on with the
        reporter's sentence: 'said on the other hand, "our plan ..."', 'what it
        calls "a circus"', 'described X as, "too slow ..."'.  It is a partial
        quote, the reporter's syntax carrying the source's words."""
        at, m, text = c.attribution, c.mark, self.text
        if c.label is not None or at is None or at.cue is None or at.how == "label":
            return False
        if not text[c.start].islower() or self._in_headline(m.open):
            return False
        if at.cue[1] > m.open or self.p.sent_of(at.cue[0]) != self.p.sent_of(m.open):
            return False  # the attribution follows, or lies in another sentence
        between = text[at.cue[1] : m.open].strip()
        if between in (",", ":"):
            return False
        if not between:
            # 'said "the water is safe ..."' (no comma, as British style has it) and 'attacked
            # "a budget drawn up in secret"' (the quote is all the verb's object) are
            # direct; after a verb of naming the quote is a name the reporter's clause gives
            # ('what it calls "a circus"')
            v = self.p.tok_at(at.cue[0])
            entry = self.p.verbs.get(v)
            if entry is None:
                return True  # after a dash ('the mayor -- "a changed woman"'): the reporter's
            if self.p.sp[v].tag_ == "VB":
                return True  # an infinitive ('lets traders tell "any inspector ..."') says what could be
            return not (entry.direct or self._object_of_cue(c, at))
        return not (between.endswith((",", ":")) and self._attribution_words(at, m.open))

    def _object_of_cue(self, c: _Candidate, at: _Attribution) -> bool:
        """Is the quote a noun phrase that is the cue verb's direct object, the whole
        of it ('typed "water damage"')?  Not a clause ('said "the bridge is ..."')
        nor a predicate ('what it calls "a circus"')."""
        assert at.cue is not None
        sp, p = self.p.sp, self.p
        lo, hi = p.tok_from(c.start), p.tok_at(c.end - 1)
        heads = [sp[j] for j in range(lo, hi + 1) if not lo <= sp[j].head.i <= hi and not sp[j].is_punct]
        return (
            len(heads) == 1
            and heads[0].dep_ == "dobj"
            and heads[0].head.i == p.tok_at(at.cue[0])
            and heads[0].pos_ in ("NOUN", "PROPN")
        )

    def _attribution_words(self, at: _Attribution, pos: int) -> bool:
        """Between the cue and the comma before a quote only the cue's own object,
        addressee, time or occasion ('told the host on Monday, "...', 'put it in an
        essay, "...') or a participle on it ('said, pointing at the map, "...'), not a
        clause, a conjunction or a discourse connective."""
        sp, p = self.p.sp, self.p
        v = sp[p.tok_at(at.cue[0])]
        lo, hi = p.tok_from(at.cue[1]), p.tok_at(pos)
        words = " " + " ".join(sp[i].lower_ for i in range(lo, hi)) + " "
        if any(c in words for c in self.stage._connectives):
            return False
        for i in range(lo, hi):
            t = sp[i]
            if t.is_punct or t.is_space:
                continue
            h = t
            while h.head.i != v.i and h.head.i != h.i and lo <= h.head.i < hi:
                h = h.head
            if h.head.i != v.i or h.lower_ == "as":
                return False  # 'described him as, "...': the quote is the predicate
            if h.dep_ not in ("dative", "dobj", "npadvmod", "prep") and not (
                h.dep_ == "advcl" and h.tag_ == "VBG"
            ):
                return False  # a participle says how it was said: '..." he said, pointing at it, "...'
        return True

    def _words_said(self, c: _Candidate) -> int:
        """'added the words, "..."', 'says things such as, "..."', 'said, raising a
        few questions, among them, "...': a noun for the words said, object of the cue
        (or of a participle on it) before the quote, is what was said, and the quote
        spells it out.  Returns where that noun phrase starts, else -1."""
        at, m = c.attribution, c.mark
        if c.label is not None or at is None or at.cue is None or not at.cue[1] <= m.open:
            return -1
        if self.p.sent_of(at.cue[0]) != self.p.sent_of(m.open):
            return -1
        sp, p = self.p.sp, self.p
        v = p.tok_at(at.cue[0])
        lo, hi = p.tok_from(at.cue[1]), p.tok_at(m.open)
        for i in range(lo, hi):
            t = sp[i]
            if t.pos_ != "NOUN" or t.lemma_.lower() not in self.lex.words or t.dep_ not in ("dobj", "pobj"):
                continue
            if any(ch.dep_ == "poss" for ch in t.children):
                return -1  # 'repeating the miner's last words, "...': the owner's words, quoted
            h = t.head
            # the cue's object, or a participle's between the cue and the quote (the
            # parser may hang the participle on a verb inside the quote)
            if h.i == v or (lo <= h.i < hi and h.tag_ == "VBG"):
                return sp[_np_bounds(t)[0]].idx
        return -1

    def _in_that_clause(self, c: _Candidate) -> int:
        """'She added that the toll empties the market, which matters because, "Without ...': a quote
        after its cue's that-clause, with only the clause's own words between, ends
        that reported clause.  Returns where the clause starts (after 'that'), else -1."""
        at, m = c.attribution, c.mark
        if c.label is not None or at is None or at.cue is None or not at.cue[1] <= m.open:
            return -1
        sp, p = self.p.sp, self.p
        v = sp[p.tok_at(at.cue[0])]
        if p.sent_of(v.idx) != p.sent_of(m.open):
            return -1
        opener = p.tok_at(m.open)
        for ch in v.children:
            if ch.dep_ != "ccomp" or not v.i < ch.i < opener:
                continue
            that = sp[ch.left_edge.i]
            if (
                that.lower_ == "that"
                and that.dep_ == "mark"
                and that.i == v.i + 1
                and ch.right_edge.i >= opener - 2
            ):
                return sp[that.i + 1].idx
        return -1

    def _wished(self, c: _Candidate) -> tuple[int, _Attribution] | None:
        """'I hope next year the board says, "..."': words someone only hopes or believes
        another will say (a present or future saying) are the wisher's report, not speech.  Read on the words (the
        parser often hangs the wish on the quote): a verb of belief with its subject
        before the speech verb's clause, no punctuation or other verb between.  Returns
        where the wished clause starts and the wisher's attribution."""
        at, m = c.attribution, c.mark
        if c.label is not None or at is None or at.cue is None or not at.cue[1] <= m.open:
            return None
        sp, p = self.p.sp, self.p
        v = p.tok_at(at.cue[0])
        if sp[v].tag_ not in ("VB", "VBZ", "VBP"):
            return None  # 'I think Varga said, "...': a past act the writer is only unsure of
        s0 = p.sent_bounds[p.sent_of(sp[v].idx)][0]
        for i in range(v - 1, max(s0, v - 8) - 1, -1):
            t = sp[i]
            if t.is_punct:
                return None
            entry = p.verbs.get(i)
            if entry is not None and entry.cls.name == "cognition":
                if i == s0 or sp[i - 1].pos_ != "PRON" or sp[i - 1].dep_ != "nsubj":
                    return None
                subj = sp[i - 1]
                wisher = _Attribution("subject", subj, _np_chars(subj), _tok_span(t), entry.cls.confidence)
                return sp[i + 1].idx, wisher
            if t.pos_ in ("VERB", "AUX"):
                return None
        return None

    def _introduced(self, c: _Candidate) -> bool:
        """Does anything give a quote a source, even one we could not name: a colon, a
        dash or a headline introducing it ('as its headline: "..."', 'this finding:
        "..."'), or a reporting word or a person's name anywhere in its paragraph outside
        quote marks ('"..." Ferreira said so on Friday', a caption '"..." Ines Varga')?"""
        a, b = c.mark.para
        before = self.text[a : c.mark.open].rstrip()
        if before.endswith((":", "\u2014", "\u2015", "--")) or self._in_headline(c.mark.open):
            return True
        # a reporting verb, or a caption or signature naming a person ('"..." Ines Varga, ...'):
        # one pass over the paragraph's tokens
        p = self.p
        lo, hi = p.tok_from(a), p.tok_from(b)
        return any(
            (t.i in p.verbs or t.ent_type_ == "PERSON") and not self._in_quote(t.idx) for t in p.sp[lo:hi]
        )

    def _lead_in(self, c: _Candidate) -> int:
        """Where a partial quote's span starts: right after its cue (and a ``that``),
        so it keeps the reporter's words that carry it ('on the other hand, "...'),
        as the other mixed quotes do."""
        assert c.attribution is not None and c.attribution.cue is not None
        sp, p = self.p.sp, self.p
        i = p.tok_from(c.attribution.cue[1])
        while i < len(sp) and sp[i].idx < c.start and (sp[i].is_punct or sp[i].is_space):
            i += 1
        if i < len(sp) and sp[i].lower_ in _COMPLEMENTISERS and sp[i].dep_ == "mark":
            i += 1
        start = sp[i].idx if i < len(sp) else c.start
        return min(start, c.start)

    def _after_attributed(self, c: _Candidate) -> bool:
        """Does the quote follow, in its paragraph, a quote with its own attribution,
        with only that attribution between them?"""
        m = c.mark
        for o in self._cands:
            if o is c or o.mark.para != m.para or o.attribution is None or o.mark.close_end is None:
                continue
            if o.mark.close_end <= m.open and o.attr_end >= 0 and o.attr_end <= m.open:
                between = self.text[o.attr_end : m.open]
                if not any(ch.isalnum() for ch in between):
                    return True
        return False

    def _verb_follows(self, pos: int, limit: int) -> bool:
        """Does the sentence go on with a verb that is not of saying ('..." is very thoughtful')?"""
        sp, p = self.p.sp, self.p
        i = p.tok_from(pos)
        while i < len(sp) and sp[i].idx < limit and (sp[i].is_punct or sp[i].is_space):
            i += 1
        if i >= len(sp) or sp[i].idx >= limit or sp[i].text in _TERMINATORS:
            return False
        t = sp[i]
        return t.tag_ in ("VBZ", "VBD", "VBP", "MD") and t.text[:1].islower() and i not in p.verbs

    def _opens_clause(self, before: str, open_pos: int) -> bool:
        if not before or before.endswith(_CLAUSE_OPENERS) or before[-1] in "\"'\u201d\u201c\u2019":
            return True
        # `he said "...` / `chanting "...`: the quote is the verb's object
        t = self.p.tok_at(open_pos - 1)
        while t > 0 and self.p.sp[t].is_punct:
            t -= 1
        return t in self.p.verbs and self.p.verbs[t].direct

    def _unclosed_end(self, m: Marked) -> int:
        """Where a quote that never closes ends: the paragraph end, the sentence
        before the next opening mark, or before a sentence of narration."""
        p = self.p
        end = m.limit
        first = p.sent_of(m.open_end)
        if m.limit < m.para[1]:  # stopped by the next opening mark
            k = p.sent_of(m.limit)
            s0 = p.sent_chars(k)[0]
            if s0 > m.open_end and k > first:
                end = s0
        k = first + 1
        while k < len(p.sent_bounds):
            s0 = p.sent_chars(k)[0]
            if s0 >= end:
                break
            if self._narration(k):
                end = s0
                break
            k += 1
        return end

    def _narration(self, k: int) -> bool:
        """A sentence where a named person reports: the reporter speaking again."""
        s, e = self.p.sent_bounds[k]
        for i in range(s, e):
            if i in self.p.verbs:
                subj = self._subject(self.p.sp[i])
                if subj is not None and (subj.ent_type_ == "PERSON" or subj.pos_ == "PROPN"):
                    return True
        return False

    def _direct_attribution(self, c: _Candidate, cands: list[_Candidate]) -> _Attribution | None:
        m = c.mark
        if c.label is not None:
            head = self.p.sp[self.p.tok_at(c.label[1] - 1)]
            return _Attribution("label", head, c.label, None, 1.0)
        nxt = [o.mark.open for o in cands if o.mark.open > m.open and o.mark.para == m.para]
        after = None
        if m.close_end is not None:
            after = self._after(m.close_end, min([m.para[1], *nxt]))
        if after is not None:
            c.attr_end = after.end
            c.after = after
            if not c.fragment or after.how == "according":
                return after
        before = self._before(c, cands)
        if before is not None and not c.fragment and self._after_complementiser(m.open):
            c.kind = "mixed"  # 'said that, "..."': the quote is reported speech's complement
        return before

    def _after(self, pos: int, limit: int) -> _Attribution | None:
        """``"...," he said`` / ``"...," said X`` / ``"...," according to X``."""
        sp, p = self.p.sp, self.p
        byline = self._byline(pos, limit)
        if byline is not None:
            return byline
        i0 = p.tok_from(pos)
        n = len(sp)
        i = i0
        dash = None
        while (
            i < n
            and (sp[i].is_punct or sp[i].is_space)
            and sp[i].idx < limit
            and sp[i].text not in _TERMINATORS
        ):
            if sp[i].text in _DASHES:
                dash = sp[i]
            i += 1
        first = i
        if first >= n or sp[first].idx >= limit:
            return None
        if dash is not None and sp[first].pos_ == "PROPN":
            # a byline-style attribution: '"...." -- Jane Doe'
            head = _next_nominal(dash)
            if head is not None:
                return _Attribution(
                    "byline", head, _np_chars(head), _tok_span(dash), 1.0, end=_np_chars(head)[1]
                )
        # after a full stop inside the marks a new sentence begins, unless the
        # attribution goes on in lower case ('"We agree." he said')
        if self.text[:pos].rstrip(_QUOTE_CHARS_STR + " ").endswith(".") and not sp[first].text[:1].islower():
            return None
        n_src = self._source_at(first)
        if n_src:
            return self._according(sp[first], n_src)
        stop = min(n, i0 + _MAX_AFTER)
        while i < stop and sp[i].idx < limit:
            t = sp[i]
            if t.text in _TERMINATORS:
                break
            entry = p.verbs.get(i)
            if entry is not None and entry.direct:
                return self._attr_after_verb(t, entry, first)
            i += 1
        return None

    def _byline(self, pos: int, limit: int) -> _Attribution | None:
        """'"...." -- Jane Doe' / '"..."― Jane Doe': a name after a dash signs the quote.
        Read on the raw text: the parser takes a horizontal bar for a verb and glues it
        to the closing mark."""
        bm = _BYLINE.match(self.text, pos, limit)
        if bm is None:
            return None
        sp, p = self.p.sp, self.p
        i = p.tok_from(bm.end())
        if (
            i >= len(sp)
            or sp[i].idx != bm.end()
            or not (sp[i].pos_ == "PROPN" or sp[i].ent_type_ == "PERSON")
        ):
            return None
        head = sp[i]
        while head.dep_ in ("compound", "flat") and head.i < head.head.i <= i + 4:
            head = head.head
        lo, hi = _np_bounds(head)
        mention = (sp[max(lo, i)].idx, _tok_end(sp[hi]))
        return _Attribution("byline", head, mention, (bm.start(1), bm.end(1)), 1.0, end=mention[1])

    def _attr_after_verb(self, v: Token, entry: ReportingVerb, first: int) -> _Attribution | None:
        sp = self.p.sp
        cue = _tok_span(v)
        subj = self._subject(v)
        end = _clause_end(v)
        if subj is not None and first <= subj.i < v.i:
            left = _np_bounds(subj)[0]
            near = v.i - subj.right_edge.i <= 3
            if near and all(sp[j].is_punct for j in range(first, left)):
                return _Attribution("subject", subj, _np_chars(subj), cue, entry.cls.confidence, end=end)
            if near and _phrase_then_comma(sp, first, min(left, subj.left_edge.i)):
                # '"I admire the ambition" of the plan, Smith said': the reporter
                # completes the quoted phrase before the attribution
                return _Attribution("subject", subj, _np_chars(subj), cue, entry.cls.confidence, end=end)
        # inverted: only adverbs/punctuation between the quote and the verb
        if all(sp[j].is_punct or sp[j].pos_ in ("ADV", "AUX", "PART") for j in range(first, v.i)):
            if subj is None or subj.i < v.i:
                subj = _next_nominal(v)
            if subj is not None:
                return _Attribution("inverted", subj, _np_chars(subj), cue, entry.cls.confidence, end=end)
        # a parse that missed the subject: a name or pronoun right after the
        # quote ('"...," Okafor, a party adviser, said'), else a short nominal phrase
        head = sp[first]
        if head.pos_ in ("PROPN", "PRON") and v.i - first <= 14 and not self._in_quote(head.idx):
            while (
                head.i + 1 < v.i
                and head.nbor(1).pos_ == "PROPN"
                and head.nbor(1).dep_ in ("compound", "flat")
            ):
                head = head.nbor(1)
            while (
                head.dep_ in ("compound", "flat") and head.head.pos_ == "PROPN" and head.i < head.head.i < v.i
            ):
                head = head.head
            return _Attribution("subject", head, _np_chars(head), cue, entry.cls.confidence * 0.9, end=end)
        if 0 < v.i - first <= 6:
            noms = [sp[j] for j in range(first, v.i) if sp[j].pos_ in ("PROPN", "PRON", "NOUN")]
            if noms:
                head = noms[-1]
                return _Attribution(
                    "subject", head, _np_chars(head), cue, entry.cls.confidence * 0.9, end=end
                )
        return None

    def _before(self, c: _Candidate, cands: list[_Candidate]) -> _Attribution | None:
        """``X said, "..."`` / ``X said: "..."`` / ``according to X, "..."``."""
        sp, p = self.p.sp, self.p
        m = c.mark
        lo = max(m.para[0], p.sent_chars(p.sent_of(m.open))[0])
        for o in cands:
            if o.mark.close_end is not None and o.mark.close_end <= m.open and o.mark.para == m.para:
                lo = max(lo, o.mark.close_end)
        i = p.tok_at(m.open) - 1
        if i >= 0 and sp[i].text == ":" and sp[i].idx >= lo:
            label = self._colon_label(p.tok_from(lo), i)
            if label is not None:
                return label
        if i > 0 and sp[i].text in _DASHES and sp[i - 1].ent_type_ == "PERSON" and sp[i - 1].idx >= lo:
            # 'including Bo Chen -- "It is ..."': a named person introduces the quote
            head = sp[i - 1]
            return _Attribution("colon", head, _np_chars(head), _tok_span(sp[i]), 1.0)
        steps = 0
        while i >= 0 and sp[i].idx >= lo and steps <= _MAX_BEFORE:
            t = sp[i]
            if t.text in _TERMINATORS or (t.text in _QUOTE_TOKENS and steps > 0):
                break
            entry = p.verbs.get(i)
            if entry is not None and entry.direct:
                subj = self._subject(t)
                if subj is None:
                    subj = _next_nominal(t) if t.i + 1 < p.tok_at(m.open) else None
                    how = "inverted"
                else:
                    how = "subject"
                if subj is None:
                    return None
                return _Attribution(how, subj, _np_chars(subj), _tok_span(t), entry.cls.confidence)
            n_src = self._source_at(i)
            if n_src:
                return self._according(t, n_src)
            if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass"):
                break  # another verb in between: the quote is not this clause's object
            i -= 1
            steps += not t.is_punct  # commas of an apposition ('the engineer, Tamsin Kowal, PE,') are free
        return None

    def _only_particles(self, start: int, end: int) -> bool:
        """Between a reporting verb and a quote, nothing of the reported clause itself:
        conjunctions, adverbs, a date and the addressee ('told reporters Monday "...'),
        at most three words ('promised cheaper buses and "a library"' quotes part of an object)."""
        if word_count(self.text, start, end) > 3:
            return False
        sp, p = self.p.sp, self.p
        for i in range(p.tok_from(start), p.tok_from(end)):
            t = sp[i]
            if t.is_punct or t.is_space or t.pos_ in ("CCONJ", "ADV", "PART", "ADP", "PRON"):
                continue
            if t.dep_ in ("dative", "npadvmod") or t.ent_type_ in ("DATE", "TIME"):
                continue
            if t.dep_ in ("dobj", "pobj") and t.head.lemma_.lower() in _ADDRESSEE_VERBS:
                continue
            if t.pos_ == "DET" and t.head.dep_ in ("dative", "dobj", "pobj"):
                continue
            return False
        return True

    def _after_complementiser(self, pos: int) -> bool:
        sp = self.p.sp
        i = self.p.tok_at(pos) - 1
        while i >= 0 and (sp[i].is_punct or sp[i].is_space):
            i -= 1
        return i >= 0 and sp[i].lower_ in _COMPLEMENTISERS and sp[i].dep_ == "mark"

    def _colon_label(self, lo: int, colon: int) -> _Attribution | None:
        """``Ana Okafor: "..."`` / a headline ``X Slams Y: "..."``: a short
        name or clause before a colon names the speaker of what follows."""
        sp = self.p.sp
        if not 0 < colon - lo <= 8:
            return None
        roots = [sp[j] for j in range(lo, colon) if not lo <= sp[j].head.i < colon or sp[j].head.i == j]
        roots = [r for r in roots if not r.is_punct and not r.is_space]
        if len(roots) != 1:
            return None
        root = roots[0]
        if root.pos_ in ("VERB", "AUX"):
            subj = self._subject(root)
            if subj is None or not lo <= subj.i < colon:
                return None
            root = subj
        if not self._speakerish(root):
            return None
        return _Attribution("colon", root, _np_chars(root), None, 1.0)

    def _medium_after(self, pos: int) -> bool:
        """Is a channel of the attribution ('in a statement') among the next few tokens?"""
        sp = self.p.sp
        i = self.p.tok_from(pos)
        window = " " + " ".join(t.lower_ for t in sp[i : i + 8]) + " "
        return any(phrase in window for phrase in self.stage._media)

    def _source_at(self, i: int) -> int:
        """Length in tokens of a source cue ('according to') starting at token i, else 0."""
        sp = self.p.sp
        phrases = self.lex.cues.get(sp[i].lower_)
        if not phrases:
            return 0
        for words, _kind in phrases:
            n = len(words)
            if i + n <= len(sp) and all(sp[i + k].lower_ == w for k, w in enumerate(words)):
                return n
        return 0

    def _according(self, first: Token, n: int) -> _Attribution | None:
        """The source named after a source cue of n tokens ('according to X')."""
        last = self.p.sp[first.i + n - 1]
        src = next((ch for ch in last.children if ch.dep_ == "pobj"), None)
        if src is None:
            src = _next_nominal(last)
        if src is None:
            return None
        cue = (first.idx, _tok_end(last))
        return _Attribution("according", src, _np_chars(src), cue, 1.0, end=_np_chars(src)[1])

    def _partials(self, cands: list[_Candidate]) -> list[_Indirect]:
        """Fragments no indirect quote absorbed: a partial quote keeps its
        reporting verb's clause and becomes a mixed quote; one that no
        reporting or naming verb governs is the reporter's own usage."""
        text, p = self.text, self.p
        out: list[_Indirect] = []
        for c in cands:
            if not c.fragment or c.absorbed:
                continue
            at = c.attribution
            start = -1
            if at is not None and at.cue is not None:
                if self._after_complementiser(c.mark.open):
                    c.kind = "mixed"  # 'told us that "they ..."': reported speech in the source's words
                    continue
                if self._only_particles(at.cue[1], c.mark.open):
                    continue  # 'he said, but "..."', 'told reporters "...': a direct quote after all
                start = at.cue[1]
            elif c.after is not None:
                m = c.mark
                start = max(m.para[0], p.sent_chars(p.sent_of(m.open))[0])
                for o in cands:
                    if o.mark.close_end is not None and o.mark.close_end <= m.open and o.mark.para == m.para:
                        start = max(start, o.mark.close_end)
                at = c.after
            else:
                at = self._governing(c)
                if at is not None and at.cue is not None:
                    start = at.cue[1]
            if at is None and self._in_headline(c.mark.open):
                continue  # a headline's quotation marks quote someone: a direct quote
            if at is None or start < 0:
                c.absorbed = True
                continue
            start, _ = _trim_clause(text, start, c.end)
            c.attribution = at
            if start < c.mark.open:
                c.absorbed = True
                for o in cands:  # other quoted bits of the same clause go with it
                    if not o.absorbed and start <= o.start and o.end <= c.end:
                        o.absorbed = True
                out.append(_Indirect(start, c.end, at, mixed=True, sent=p.sent_of(c.mark.open)))
            # else the verb's object is the quote itself ('attacked "the ..."'): a direct quote
        return out

    def _governing(self, c: _Candidate) -> _Attribution | None:
        """The reporting or naming verb governing a fragment (`X called it "..."`)."""
        sp, p = self.p.sp, self.p
        t = sp[p.tok_at(c.start)]
        opener = p.tok_at(c.mark.open)
        for _ in range(8):
            entry = p.verbs.get(t.i)
            if entry is not None and t.i < opener:
                subj = self._subject(t)
                if subj is not None and subj.dep_ != "expl":
                    return _Attribution("subject", subj, _np_chars(subj), _tok_span(t), entry.cls.confidence)
                # a verb without a source ('no one will be denied "..."'): the one above it
            if t.head.i == t.i:
                break
            t = t.head
        return None

    # ---------------------------------------------------- indirect quotes
    def _indirect(self, cands: list[_Candidate], lo: int, hi: int) -> list[_Indirect]:
        sp, p = self.p.sp, self.p
        inside = [(c.start, c.end) for c in cands if not c.fragment]
        inside_starts = [a for a, _ in inside]
        cues = {c.attribution.cue for c in cands if c.attribution and c.attribution.cue and not c.fragment}
        out: list[_Indirect] = []

        def in_direct(pos: int) -> bool:
            k = bisect.bisect_right(inside_starts, pos) - 1
            return k >= 0 and pos < inside[k][1]

        for i, entry in p.verbs.items():
            v = sp[i]
            if not (entry.indirect or entry.infinitive) or not lo <= v.idx < hi or self._in_quote(v.idx):
                continue
            if _tok_span(v) in cues:
                continue
            pieces = self._reported(v, entry)
            if not pieces:
                continue
            subj = self._subject(v)
            if subj is None or subj.dep_ == "expl":
                continue
            if subj.dep_ == "nsubjpass" and subj.head.i == v.i:
                continue  # 'is expected to', 'was asked to': whose intention is not said
            if subj.lower_ == "you" and entry.cls.name == "cognition":
                continue  # 'you know', 'you see': a filler or a generic you, not a source
            how = "subject" if subj.head.i == v.i or v.dep_ in ("relcl", "parataxis") else "inherited"
            conf = entry.cls.confidence * 0.9
            at = _Attribution(how, subj, _np_chars(subj), _tok_span(v), conf)
            for q in self._place_pieces(pieces, at, cands):
                q.verb_i, q.sent = i, p.sent_of(v.idx)
                out.append(q)
        out += self._headline_label(cands)
        # "according to X, ...", and nouns of saying: "X's claim that ..."
        nouns = self.stage._said_nouns
        cue_ids, noun_ids = self.stage._cue_ids, self.stage._noun_ids
        look = [
            i
            for i, (w, lm) in enumerate(zip(self._lowers, self._lemmas, strict=True))
            if w in cue_ids or lm in noun_ids
        ]
        for i in look:
            t = sp[i]
            if not lo <= t.idx < hi or in_direct(t.idx):
                continue
            n_src = self._source_at(t.i) if t.lower_ in self.lex.cues else 0
            if n_src:
                at = self._according(t, n_src)
                h = t.head
                if at is None or h.i == t.i:
                    continue
                pieces = self._clause_pieces(h.left_edge.i, h.right_edge.i, (t.i, self._apposed(t)), t.idx)
            elif t.pos_ == "NOUN" and t.lemma_.lower() in nouns:
                at, pieces = self._noun_cue(t)
                if at is None:
                    continue
            else:
                continue
            for q in self._place_pieces(pieces, at, cands):
                q.sent = p.sent_of(t.idx)
                out.append(q)
        return out

    def _apposed(self, t: Token) -> int:
        """The last token of a source cue's phrase with the names set off after it
        ('according to the nurse, Tamsin Kowal, RN,'): the apposition names the source,
        it is not part of what was said."""
        sp = self.p.sp
        end = t.right_edge.i
        j = end + 1
        while j + 1 < len(sp) and sp[j].text == ",":
            k = j + 1
            while k < len(sp) and (sp[k].pos_ == "PROPN" or (sp[k].text == "." and k > j + 1)):
                k += 1
            if k == j + 1 or k >= len(sp) or sp[k].text != ",":
                break
            end = j = k
        return end

    def _headline_label(self, cands: list[_Candidate]) -> list[_Indirect]:
        """A headline 'Source: what they said' ("Smith: Talks Will Resume") reports
        the source's words; a quoted rest is a direct quote found elsewhere."""
        if self._head is None:
            return []
        sp, p, text = self.p.sp, self.p, self.text
        lo, hi = p.tok_from(self._head[0]), p.tok_from(self._head[1])
        colon = next((j for j in range(lo, min(hi, lo + 8)) if sp[j].text == ":"), None)
        if colon is None or colon == lo:
            return []
        roots = [sp[j] for j in range(lo, colon) if not lo <= sp[j].head.i < colon or sp[j].head.i == j]
        roots = [r for r in roots if not r.is_punct]
        if len(roots) != 1 or not self._named_source(roots[0], lo, colon):
            return []
        start, end = _trim_clause(text, _tok_end(sp[colon]), self._head[1])
        if end <= start or text[start] in _QUOTE_CHARS_STR:
            return []
        root = roots[0]
        at = _Attribution("colon", root, _np_chars(root), _tok_span(sp[colon]), 0.9)
        placed = self._place_pieces([(start, end)], at, cands)
        for q in placed:
            q.sent = p.sent_of(start)
        return placed

    def _named_source(self, t: Token, lo: int, hi: int) -> bool:
        """Is the label lo..hi-1 of a headline a name of a person or organisation ('Okafor',
        'Ferreira on Trade'), not just any capitalised kicker ('The Latest',
        'Storm Over Harbour')?"""
        sp = self.p.sp
        j = lo
        while j < hi and (
            sp[j].tag_ in ("NNP", "NNPS") or sp[j].ent_type_ in ("PERSON", "ORG", "GPE", "NORP")
        ):
            j += 1
        if j == lo or (j < hi and sp[j].lower_ not in ("on", "about")):
            return False
        if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or j == hi or t.i < j:
            return True
        token_map = self.ctx.notes.get("actors.token")
        return bool(token_map) and t.i in token_map

    def _noun_cue(self, noun: Token) -> tuple[_Attribution | None, list[tuple[int, int]]]:
        """'Okafor's claim that ...' / 'X repeated the claim that ...': the that-clause is
        reported; so is the to-infinitive of a noun of intention ('her promise to resign')."""
        intent = noun.lemma_.lower() in self.lex.intents
        clause = next(
            (
                ch
                for ch in noun.children
                if ch.dep_ in ("acl", "ccomp")
                and (
                    any(g.dep_ == "mark" and g.lower_ == "that" for g in ch.children)
                    or (intent and _infinitival(ch) and ch.tag_ == "VB")
                )
            ),
            None,
        )
        if clause is None:
            return None, []
        owner = self._noun_owner(noun)
        if owner is None or owner.dep_ == "expl":
            return None, []
        at = _Attribution("subject", owner, _np_chars(owner), _tok_span(noun), 0.8)
        return at, self._clause_pieces(clause.left_edge.i, clause.right_edge.i, None, noun.idx)

    def _noun_owner(self, noun: Token) -> Token | None:
        """Whose statement a noun of saying is: its possessor, or the subject of the verb
        that makes it ('X issued a statement')."""
        poss = next((ch for ch in noun.children if ch.dep_ == "poss"), None)
        if poss is not None:
            return poss
        head = noun.head
        if noun.dep_ in ("dobj", "nsubjpass") and head.lemma_.lower() in self.lex.owners:
            return self._subject(head)
        return None

    def _reported(self, v: Token, entry: ReportingVerb) -> list[tuple[int, int]]:
        """The reported clause of a verb, as one piece or, when the attribution
        interrupts it ('The plan, she said, is dead'), as the pieces around it."""
        comp = None
        if entry.indirect:
            comps = [ch for ch in v.children if ch.dep_ == "ccomp" and self._is_clause(ch, v)]
            if not comps:
                # 'said after the vote she could not sign it': a clause with its own
                # subject and no subordinator is the complement the parser took for an adjunct
                comps = [
                    ch
                    for ch in v.rights
                    if ch.dep_ == "advcl"
                    and ch.pos_ in ("VERB", "AUX")
                    and any(g.dep_ == "nsubj" for g in ch.children)
                    and not any(g.dep_ == "mark" for g in ch.children)
                ]
            comp = next((ch for ch in comps if ch.i > v.i), comps[0] if comps else None)
        if comp is None and entry.infinitive:
            # 'vowed to fight', 'urged voters to stay home', 'proposed dropping the tax'
            comp = next((ch for ch in v.children if ch.dep_ == "xcomp" and _infinitival(ch)), None)
        if comp is not None:
            lo, hi = comp.left_edge.i, comp.right_edge.i
            if not lo <= v.i <= hi:
                return self._clause_pieces(lo, hi, None, v.idx)
            # the verb sits inside its complement's span: a parenthetical attribution
            gap = [v.i] + [t.i for ch in v.children if ch.i != comp.i for t in (ch.left_edge, ch.right_edge)]
            return self._clause_pieces(lo, hi, (min(gap), max(gap)), v.idx)
        if v.dep_ == "parataxis" and v.head.i != v.i and (entry.indirect or entry.direct):
            head = v.head
            lo, hi = head.left_edge.i, head.right_edge.i
            if lo < v.left_edge.i and v.right_edge.i <= hi:
                return self._clause_pieces(lo, hi, (v.left_edge.i, v.right_edge.i), v.idx)
        return []

    def _is_clause(self, comp: Token, v: Token) -> bool:
        """Is a complement the parser found a clause the verb reports: not a quoted
        title, and when it comes first not cut off by a semicolon or colon ('It is
        unlikely; her team says ...')."""
        sp = self.p.sp
        hi = comp.right_edge.i
        if any(a <= comp.idx < b for a, b in self._titles):
            return False  # the parser took a quoted title for the clause
        if hi < v.i:
            return not any(sp[j].text in (";", ":") for j in range(hi, v.i))
        return True

    def _clause_pieces(
        self, lo: int, hi: int, gap: tuple[int, int] | None, pos: int
    ) -> list[tuple[int, int]]:
        """Char ranges of tokens lo..hi (minus the gap), trimmed and kept in one paragraph."""
        sp = self.p.sp
        ranges = [(lo, hi)] if gap is None else [(lo, gap[0] - 1), (gap[1] + 1, hi)]
        out = []
        for a, b in ranges:
            while a <= b and (
                sp[a].is_punct
                or sp[a].is_space
                or (sp[a].lower_ in _COMPLEMENTISERS and sp[a].dep_ == "mark")
            ):
                a += 1
            b = self._before_adjunct(a, b)
            while b >= a and (sp[b].is_space or (sp[b].is_punct and sp[b].text not in _QUOTE_TOKENS)):
                b -= 1
            if b < a:
                continue
            start, end = self._clip_to_paragraph(sp[a].idx, _tok_end(sp[b]), pos)
            if end > start:
                out.append((start, end))
        return out

    def _before_adjunct(self, a: int, b: int) -> int:
        """Cut a reported clause before a participle clause after a comma
        ('said the plan failed, arguing that ...', '..., contradicting the police'):
        such a clause tells what the source did, not what the source said."""
        sp = self.p.sp
        for j in range(a + 2, b + 1):
            t = sp[j]
            if (
                t.tag_ == "VBG"
                and sp[j - 1].text == ","
                and t.dep_ in ("advcl", "xcomp", "acl", "conj", "ccomp", "dep")
                and t.lower_ not in _NOT_ADJUNCTS
                and not self._in_quote(t.idx)
            ):
                return j - 1
            if (
                t.dep_ == "conj"
                and j in self.p.verbs
                and sp[j - 1].pos_ in ("CCONJ", "PUNCT", "ADV")
                and not any(ch.dep_ in ("nsubj", "nsubjpass") for ch in t.children)
                and not self._in_quote(t.idx)
            ):
                # 'said the plan had failed and added that ...': a second report, not content
                k = j - 1
                while k > a and sp[k].pos_ in ("CCONJ", "PUNCT", "ADV"):
                    k -= 1
                return k
        return b

    def _clip_to_paragraph(self, start: int, end: int, pos: int) -> tuple[int, int]:
        """A reported clause never crosses a line break (the parser sometimes joins paragraphs)."""
        text = self.text
        para_lo = text.rfind("\n", 0, pos) + 1
        para_hi = text.find("\n", pos)
        if para_hi < 0:
            para_hi = len(text)
        start, end = max(start, para_lo), min(end, para_hi)
        return _trim_clause(text, start, end) if end > start else (start, start)

    def _place_pieces(
        self, pieces: list[tuple[int, int]], at: _Attribution, cands: list[_Candidate]
    ) -> list[_Indirect]:
        """Indirect quotes for the pieces of one reported clause (three words at least in all)."""
        if sum(word_count(self.text, a, b) for a, b in pieces) < 3:
            return []
        a, b = pieces[-1]
        colon = _COLON_QUOTE.match(self.text, b)
        if colon is not None:
            # 'said the job needs one quality above all: "Patience."': the quote spells out the clause
            nxt = next((c for c in cands if c.mark.open == colon.end() - 1 and not c.absorbed), None)
            if nxt is not None and nxt.label is None:
                pieces = [*pieces[:-1], (a, nxt.end)]
        pieces = [(a, b) for a, b in pieces if self._content_piece(a, b, at)]
        if not pieces:
            return []
        placed = [self._place_indirect(a, b, at, cands) for a, b in pieces]
        return [q for q in placed if q is not None]

    def _content_piece(self, start: int, end: int, at: _Attribution) -> bool:
        """A piece of reported content never holds its own cue ('she said, but ...' is
        the parser's mistake)."""
        return at.cue is None or not start <= at.cue[0] < end

    def _place_indirect(
        self, start: int, end: int, at: _Attribution, cands: list[_Candidate]
    ) -> _Indirect | None:
        if word_count(self.text, start, end) < 1:
            return None
        text = self.text
        bare = len(text[:end].rstrip(_QUOTE_CHARS_STR + " "))  # the end before a dangling mark
        for c in cands:
            # 'said she recalled thinking, "...': the parser ends the inner report before
            # its quote, which still belongs to the reported clause
            if c.absorbed or c.fragment or c.end <= end or c.mark.open < start:
                continue
            opens_in = c.mark.open < bare  # the parser ran the clause into the quote
            if (opens_in or not any(ch.isalnum() for ch in text[bare : c.mark.open])) and self._completes(
                c, start, min(bare, c.mark.open), at
            ):
                end = c.end
                break
        taken: list[_Candidate] = []
        for c in cands:
            if c.end <= start or c.start >= end or c.absorbed:
                continue
            inside = c.mark.open >= start - 2 and c.end <= end + 2
            own = c.attribution is not None and c.attribution.cue != at.cue
            # 'Varga said she recalled, "..."', 'I hope the board says, "...': a quote
            # whose own cue lies inside this reported clause is part of this report
            nested = own and self._completes(c, start, c.mark.open, at)
            if (c.fragment and c.start >= start - 2) or (
                inside and (not own or nested) and word_count(text, start, c.mark.open) >= 2
            ):
                # a quoted fragment, or a quote that ends the reported clause:
                # 'she said the plan, "frankly, is dead."'
                taken.append(c)
                continue
            return None  # the clause is a direct quote: the verb is its cue
        for c in taken:
            c.absorbed = True
            end = max(end, c.end)
        return _Indirect(start, end, at, bool(taken))

    def _completes(self, c: _Candidate, start: int, end: int, at: _Attribution) -> bool:
        """Does a quote right after a reported clause complete it: its own cue lies in
        the clause ('said she recalled, "...'), or it has none and the clause ends in
        the verb whose object it is ('said she recalled thinking, "...')?"""
        if c.attribution is not None:
            cue = c.attribution.cue
            return cue is not None and start <= cue[0] < end and self._complement_of(cue[0], at)
        sp, p = self.p.sp, self.p
        i = p.tok_at(len(self.text[:end].rstrip(",:; ")) - 1)
        return sp[i].pos_ == "VERB" and sp[i].idx >= start and self._complement_of(sp[i].idx, at)

    def _complement_of(self, pos: int, at: _Attribution) -> bool:
        """Is the verb at ``pos`` inside the complement of ``at``'s cue verb (one of
        saying, writing or belief, before it with no punctuation between), through
        complement links only (not a clause coordinated with it: 'she said X, and
        when asked, replied, "..."' is a second report)?"""
        if at.cue is None or at.cue[1] > pos:
            return False
        sp, p = self.p.sp, self.p
        t, outer = sp[p.tok_at(pos)], p.tok_at(at.cue[0])
        entry = p.verbs.get(outer)
        if entry is None or entry.cls.name not in _NESTING_CLASSES:
            return False  # 'the video shows her asking, "...': evidence of speech, not a report of it
        if entry.cls.name == "cognition" and t.tag_ in ("VBD", "VBN"):
            return False  # 'I think Varga said, "...': a past saying the writer only hedges
        if any(sp[j].is_punct for j in range(outer + 1, t.i)):
            return False  # 'she said ..., and when asked, he replied, "...': a clause of its own
        for _ in range(6):
            gerund = t.dep_ == "dobj" and t.tag_ == "VBG"  # 'recalled thinking'
            if (t.dep_ not in ("ccomp", "xcomp") and not gerund) or t.head.i == t.i:
                return False
            t = t.head
            if t.i == outer:
                return True
        return False

    # ------------------------------------------------ discourse speakers
    def _discourse(self, cands: list[_Candidate], indirect: list[_Indirect]) -> None:
        self._continued(cands)
        prev: _Candidate | None = None
        for c in cands:
            if c.absorbed:
                continue
            if c.attribution is None:
                c.attribution = self._from_discourse(c, prev, cands, indirect)
            if c.attribution is not None and c.attribution.mention is not None:
                prev = c

    def _continued(self, cands: list[_Candidate]) -> None:
        """A quote left open at a paragraph end goes on in the next paragraph (which opens
        with a quote mark), and its attribution may come only there: '"We will win.\n
        "And we will rebuild," said Chen.' gives both paragraphs to Chen."""
        live = [c for c in cands if not c.absorbed and not c.fragment]
        nxt: _Candidate | None = None
        for c in reversed(live):
            m = c.mark
            if (
                c.attribution is None
                and m.close is None
                and nxt is not None
                and nxt.attribution is not None
                and nxt.attribution.mention is not None
                and nxt.mark.open == nxt.mark.para[0]
                and not self.text[m.para[1] : nxt.mark.open].strip()
            ):
                c.attribution = _inherit(nxt.attribution, "runon")
            nxt = c

    def _from_discourse(
        self, c: _Candidate, prev: _Candidate | None, cands: list[_Candidate], indirect: list[_Indirect]
    ) -> _Attribution | None:
        text, p = self.text, self.p
        m = c.mark
        if prev is not None and prev.attribution is not None:
            gap_from = max(prev.attr_end, prev.mark.close_end or prev.end)
            if gap_from <= m.open and not any(ch.isalnum() for ch in text[gap_from : m.open]):
                return _inherit(prev.attribution, "runon")
        # the sentence before the quote (skipping sentences inside other quotes)
        k = p.sent_of(m.open)
        # the quote's own sentence when words of it precede the quote, else the one before
        k_prev = k if text[p.sent_chars(k)[0] : m.open].strip() else k - 1
        while k_prev >= 0:
            s0, s1 = p.sent_chars(k_prev)
            if not any(o.start <= s0 and s1 <= o.end + 2 for o in cands if o is not c):
                break
            k_prev -= 1
        if k_prev >= 0 and p.sent_chars(k_prev)[1] >= m.para[0] - 200:
            at = self._sentence_speaker(k_prev, indirect)
            if at is not None:
                return at
        if prev is not None and prev.attribution is not None and m.open - prev.end < 1500:
            return _inherit(prev.attribution, "nearby")
        return None

    def _sentence_speaker(self, k: int, indirect: list[_Indirect]) -> _Attribution | None:
        sp, p = self.p.sp, self.p
        s, e = p.sent_bounds[k]
        # a sentence the parser ran across a paragraph break: only its last paragraph
        for i in range(e - 1, s, -1):
            if sp[i].is_space and "\n" in sp[i].text and any(not t.is_space for t in sp[i + 1 : e]):
                s = i + 1
                break
        by_verb = {q.verb_i: q for q in indirect if q.sent == k and s <= q.verb_i < e}
        for i in range(e - 1, s - 1, -1):  # the attribution nearest the quote first
            if i in by_verb:
                return _inherit(by_verb[i].attribution, "previous-attribution")
            if i in p.verbs:
                subj = self._subject(sp[i])
                if subj is not None and self._speakerish(subj):
                    return _Attribution(
                        "previous-attribution",
                        subj,
                        _np_chars(subj),
                        _tok_span(sp[i]),
                        p.verbs[i].cls.confidence,
                    )
        for q in indirect:
            if q.sent == k:
                return _inherit(q.attribution, "previous-attribution")
        root = sp[s].sent.root
        subj = self._subject(root)
        if subj is not None and self._speakerish(subj):
            return _Attribution("previous-subject", subj, _np_chars(subj), None, 1.0)
        return None

    # ------------------------------------------------------ parse helpers
    def _in_quote(self, pos: int) -> bool:
        """Is a character inside the words of a direct quote (a subject there is the quote's)."""
        k = bisect.bisect_right(self._quoted_starts, pos) - 1
        return k >= 0 and pos < self._quoted[k][1]

    def _subject(self, v: Token) -> Token | None:
        """The subject of a verb, climbing to the verb it depends on when it
        has none of its own (``..., adding that``, ``X said and added``)."""
        t = v
        participle = (
            v.tag_ == "VBG"
            and v.dep_ in ("advcl", "xcomp", "conj")
            and v.i > 0
            and v.doc[v.i - 1].text == ","
        )
        second = v.dep_ == "conj" and v.i in self.p.verbs and not any(ch.dep_ in _SUBJ for ch in v.children)
        if (participle or second) and v.head.dep_ == "ccomp" and v.head.head.i in self.p.verbs:
            # 'said the plan failed, arguing that ...' / '... and added that ...': the one who
            # said it argues and adds, not the subject of what was said
            t = v.head.head
        for _ in range(4):
            for ch in t.children:
                if ch.dep_ in _SUBJ and not self._in_quote(ch.idx) and not self._line_between(ch, t):
                    return ch  # a relative pronoun ('Smith, who said') is resolved in _actor
            if t.dep_ == "acl" and t.head.pos_ == "NOUN" and t.head.lemma_.lower() in self.stage._said_nouns:
                owner = self._noun_owner(t.head)  # 'X issued a statement saying ...'
                if owner is not None:
                    return owner
            if t.dep_ == "acl" and t.tag_ == "VBG" and t.head.pos_ in ("NOUN", "PROPN") and t.head.i < t.i:
                if t.head.lemma_.lower() not in self.stage._medium_nouns:
                    return t.head  # 'a clip of Smith asking, "..."': the noun is who asks
                t = t.head  # 'at a press conference announcing that': whoever held it
                if t.dep_ == "pobj":
                    t = t.head
                continue
            if t.tag_ == "VBG" and t.dep_ in ("xcomp", "ccomp", "oprd") and t.head.i < t.i:
                obj = next((ch for ch in t.head.children if ch.dep_ == "dobj" and ch.i < t.i), None)
                if obj is not None:
                    return obj  # 'left many farmers feeling that ...': the object feels
            prev = t.doc[t.i - 1] if t.i > 0 else None
            if (
                t.tag_ == "VBG"
                and prev is not None
                and (
                    prev.ent_type_ == "PERSON"
                    or (prev.tag_ == "NNP" and prev.ent_type_ in ("", "ORG", "NORP"))
                )
            ):
                return prev  # the parser hung the participle on the verb: the name before it asks
            if t.pos_ == "ADP" and t.dep_ == "prep" and t.head.pos_ in ("VERB", "AUX"):
                t = t.head  # 'began by saying', 'after saying ..., she left'
                continue
            if t.dep_ in _INHERITS_SUBJECT and t.head.i != t.i:
                t = t.head
                continue
            break
        return self._name_before(v)

    def _name_before(self, v: Token) -> Token | None:
        """A name or pronoun right before a finite verb that got no subject: the parser
        hung it elsewhere ('in a meeting with the Gazette Smith said that ...')."""
        if v.tag_ not in ("VBD", "VBZ", "VBP") or v.i == 0:
            return None
        j = v.i - 1
        while j > 0 and v.doc[j].pos_ in ("ADV", "AUX", "PART"):
            j -= 1
        t = v.doc[j]
        if self._in_quote(t.idx):
            return None
        if (t.ent_type_ in ("PERSON", "ORG") and t.pos_ == "PROPN") or t.lower_ in _PRONOUNS_SUBJECT:
            return t
        return None

    def _line_between(self, a: Token, b: Token) -> bool:
        """Is there a line break between two tokens (a parse run across paragraphs:
        a timestamp line '12:15 p.m.' is no subject of the next paragraph's verb)?"""
        lo, hi = (a.idx, b.idx) if a.i < b.i else (b.idx, a.idx)
        return self.text.find("\n", lo, hi) >= 0

    def _speakerish(self, t: Token) -> bool:
        """Could this subject be a speaker: a person/group pronoun, a name, or an actor mention."""
        if t.pos_ == "PRON":
            return t.lower_ in _PRONOUNS_PERSON or t.lower_ in _PRONOUNS_PLURAL
        if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.pos_ == "PROPN":
            return True
        token_map = self.ctx.notes.get("actors.token")
        if token_map and t.i in token_map:
            return True
        if self.doc.actors:
            if self._index is None:
                self._index = MentionIndex.of_actors(self.doc.actors)
            return self._index.best(t.idx, t.idx + len(t)) is not None
        return False

    # ------------------------------------------------------ actors
    def _actor(self, at: _Attribution) -> str | None:
        if at.actor is not None:
            return at.actor
        notes = self.ctx.notes
        t = at.subject
        actor = None
        if t is not None and t.tag_ in ("WP", "WDT") and t.head.dep_ == "relcl" and t.head.head.i != t.head.i:
            t = t.head.head  # 'Smith, who said ...': the mention is 'who', the speaker Smith
        if t is not None:
            token_map = notes.get("actors.token")
            if token_map:
                actor = token_map.get(t.i)
            resolve: Callable | None = notes.get("actors.resolve")
            if actor is None and resolve is not None:
                try:
                    actor = resolve(t)
                except Exception:  # another stage's helper must not sink the quotes
                    actor = None
        if actor is None and at.mention is not None and self.doc.actors:
            if self._index is None:
                self._index = MentionIndex.of_actors(self.doc.actors)
            where = at.mention if t is None or t is at.subject else _np_chars(t)
            hit = self._index.best(*where)
            if hit is not None:
                actor = hit[1]
        if actor is None and at.how == "label" and self.doc.actors:
            word = self.text[at.mention[0] : at.mention[1]].split()[-1].lower()
            for a in self.doc.actors:
                if a.type == "person" and a.name.split()[-1].lower() == word:
                    actor = a.id
                    break
        if t is not None and t.pos_ == "PRON" and self.doc.actors:
            kind = _pronoun_kind(t)
            typed = self.doc.actor(actor)
            if kind and (actor is None or not _compatible(kind, typed.type if typed else None)):
                actor = self._nearest_actor(t, kind)
                at.fallback = actor is not None
        at.actor = actor
        return actor

    def _nearest_actor(self, t: Token, kind: str) -> str | None:
        """The nearest compatible actor before a pronoun, preferring a subject."""
        if self._mentions is None:
            types = {a.id: a.type for a in self.doc.actors}
            self._mentions = sorted(
                (m.start, m.end, a.id, types[a.id]) for a in self.doc.actors for m in a.mentions
            )
        p, sp = self.p, self.p.sp
        cut = bisect.bisect_left(self._mentions, (t.idx, -1, "", ""))
        best: str | None = None
        k = p.sent_of(t.idx)
        floor = p.sent_chars(max(0, k - 3))[0]
        for start, end, actor, typ in reversed(self._mentions[:cut]):
            if start < floor:
                break
            if not _compatible(kind, typ) or (start <= t.idx < end):
                continue
            tok = sp[p.tok_at(start)]
            head = tok
            while head.head.i != head.i and head.head.idx < end and head.head.idx >= start:
                head = head.head
            if head.dep_ in _SUBJ:
                return actor
            if best is None:
                best = actor
        if best is not None:
            return best
        for _start, _end, actor, typ in reversed(self._mentions[:cut]):
            if _compatible(kind, typ):
                return actor
        return None


# ------------------------------------------------------------ pure helpers
def _inherit(at: _Attribution, how: str) -> _Attribution:
    return _Attribution(how, at.subject, at.mention, at.cue, at.verb_conf, at.actor, at.fallback)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRIM_END:
        end -= 1
    return start, end


def _bracketed(text: str, start: int, end: int) -> bool:
    """Is the whole text one parenthesis or bracket ('(BELL RINGS)', '[inaudible]')?"""
    inner = text[start:end].rstrip(".!?")
    return (
        len(inner) > 2
        and inner[0] in "(["
        and inner[-1] in ")]"
        and not any(c in inner[1:-1] for c in "()[]")
    )


def _trim_clause(text: str, start: int, end: int) -> tuple[int, int]:
    start, end = _trim(text, start, end)
    while start < end and text[start] in ",;: ":
        start += 1
    while end > start and text[end - 1] in ".!?" + _TRIM_END:
        end -= 1
    return start, end


def _title_case(text: str, start: int, end: int, final_punct: bool = False) -> bool:
    """A capitalised name or title rather than speech ("Salt Roads Of The North")."""
    if not final_punct and text[end - 1 : end] in (".", "?", "!"):
        return False
    words = [w for w in text[start:end].split() if w[:1].isalpha()]
    big = [w for w in words if w.lower() not in _TITLE_SMALL_WORDS]
    return bool(big) and len(words) <= 8 and all(w[0].isupper() for w in big)


def _headline_case(line: str) -> bool:
    """Is a line written in headline style: every word but the small ones capitalised
    (words inside quote marks too), and at least three of them?"""
    words = [w.strip(_QUOTE_CHARS_STR + ".,:;?!()") for w in line.split()]
    big = [w for w in words if w and w[0].isalpha() and w.lower() not in _TITLE_SMALL_WORDS]
    return len(big) >= 3 and all(w[0].isupper() for w in big)


def _outermost(quotes: list[_Indirect]) -> list[_Indirect]:
    """Drop a reported clause whose own cue lies inside another reported clause:
    in 'Smith said she plans to resign', what she plans is part of what Smith said."""
    spans = [(q.start, q.end) for q in quotes]

    def inside(pos: int) -> bool:
        return any(a < pos < b for a, b in spans)

    return [q for q in quotes if q.attribution.cue is None or not inside(q.attribution.cue[0])]


def _inflections(verb: str) -> set[str]:
    """Regular inflected forms of a verb lemma (or the verb of a phrasal lemma)."""
    v = verb.split()[0]
    out = {v}
    vowel = "aeiou"
    if v.endswith(("s", "sh", "ch", "x", "z", "o")):
        out.add(v + "es")
    elif v.endswith("y") and len(v) > 1 and v[-2] not in vowel:
        out.add(v[:-1] + "ies")
    else:
        out.add(v + "s")
    if v.endswith("e"):
        out |= {v + "d", (v if v.endswith(("ee", "ye", "oe")) else v[:-1]) + "ing"}
    elif v.endswith("y") and len(v) > 1 and v[-2] not in vowel:
        out |= {v[:-1] + "ied", v + "ing"}
    else:
        out |= {v + "ed", v + "ing"}
        if len(v) > 2 and v[-1] not in vowel + "wxy" and v[-2] in vowel and v[-3] not in vowel:
            out |= {v + v[-1] + "ed", v + v[-1] + "ing"}  # 'planned', 'admitting'
    return out


def _verb_tagged_noun(t: Token) -> bool:
    """A word the tagger took for a noun but that heads a clause with a subject and a
    complement ('Ledgers show she lost', 'The campaign plans to hire')."""
    if not t.tag_.startswith("NN") or t.dep_ not in ("ROOT", "ccomp", "conj", "relcl"):
        return False
    deps = {c.dep_ for c in t.children}
    return "nsubj" in deps and bool(deps & {"ccomp", "xcomp"})


def _infinitival(t: Token) -> bool:
    """A to-infinitive ('to fight') or a gerund ('dropping the tax') heading a clause."""
    if t.tag_ == "VBG":
        return True
    return t.tag_ == "VB" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in t.children)


def _phrase_then_comma(doc: Doc, lo: int, hi: int) -> bool:
    """Tokens lo..hi-1 are a short phrase without a verb, closed by a comma."""
    toks = [doc[j] for j in range(lo, hi) if not doc[j].is_space]
    return (
        1 < len(toks) <= 10
        and toks[-1].text == ","
        and not any(
            t.pos_ in ("VERB", "AUX") or t.text in _QUOTE_TOKENS or t.text in _TERMINATORS for t in toks
        )
    )


def _tok_end(t: Token) -> int:
    return t.idx + len(t)


def _tok_span(t: Token) -> tuple[int, int]:
    return (t.idx, t.idx + len(t))


def _clause_end(v: Token) -> int:
    """Where the attribution clause after a quote ends (its last token): at the
    verb's right edge, but never past a full stop or into the next quotation,
    which the parser sometimes hangs on the verb."""
    if v.right_edge.i - v.i >= 40:
        return _tok_end(v)
    doc = v.doc
    end = v
    for j in range(v.i + 1, v.right_edge.i + 1):
        t = doc[j]
        if t.text in _QUOTE_TOKENS or (t.is_space and "\n" in t.text):
            break
        end = t
        if t.text in _TERMINATORS:
            break
    return _tok_end(end)


def _np_bounds(h: Token) -> tuple[int, int]:
    """Token range [lo, hi] of the phrase a head token names, without
    appositions, relative clauses, or anything across a comma."""
    lo = hi = h.i
    for ch in reversed(list(h.lefts)):
        if ch.dep_ in _NP_LEFT and ch.right_edge.i == lo - 1 and not ch.is_punct:
            lo = ch.left_edge.i
        else:
            break
    for ch in h.rights:
        ok = ch.dep_ in _NP_RIGHT or (ch.dep_ == "prep" and ch.lower_ == "of")
        if ok and ch.left_edge.i == hi + 1:
            hi = ch.right_edge.i
        else:
            break
    doc = h.doc
    for j in range(h.i - 1, lo - 1, -1):  # never cross a comma or a quote mark
        if doc[j].is_punct and doc[j].text not in ("'s", "\u2019s", ".", "-"):
            lo = j + 1
            break
    for j in range(h.i + 1, hi + 1):
        if doc[j].is_punct and doc[j].text not in ("'s", "\u2019s", ".", "-"):
            hi = j - 1
            break
    return lo, hi


def _np_chars(h: Token) -> tuple[int, int]:
    if h.dep_ in ("pobj", "compound") and h.ent_type_ == "PERSON" and h.ent_iob_ != "O":
        # a name the parser buried in another phrase ('the Gazette Smith said'): the name alone
        lo = hi = h.i
        doc = h.doc
        while lo > 0 and doc[lo].ent_iob_ == "I" and doc[lo - 1].ent_type_ == "PERSON":
            lo -= 1
        while hi + 1 < len(doc) and doc[hi + 1].ent_iob_ == "I":
            hi += 1
        return doc[lo].idx, _tok_end(doc[hi])
    lo, hi = _np_bounds(h)
    doc = h.doc
    return doc[lo].idx, _tok_end(doc[hi])


def _next_nominal(v: Token) -> Token | None:
    """The head of the noun phrase right after a verb (inverted ``said X``)."""
    doc = v.doc
    for j in range(v.i + 1, min(len(doc), v.i + 6)):
        t = doc[j]
        if t.pos_ in ("PROPN", "NOUN", "PRON"):
            while t.dep_ in ("compound", "flat", "amod") and t.head.i > t.i and t.head.i <= j + 4:
                t = t.head
            return t
        if t.pos_ not in ("DET", "ADJ", "ADV", "PUNCT"):
            return None
    return None


def _pronoun_kind(t: Token) -> str | None:
    low = t.lower_
    if low in _PRONOUNS_PERSON:
        return "person"
    if low in _PRONOUNS_PLURAL:
        return "plural"
    if low in ("it", "its"):
        return "thing"
    return None


def _compatible(kind: str, actor_type: str | None) -> bool:
    if actor_type is None:
        return False
    if kind == "person":
        return actor_type == "person"
    if kind == "plural":
        return actor_type in ("group", "organization", "country")
    return actor_type in ("organization", "country")
