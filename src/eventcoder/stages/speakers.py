"""Speakers: who "I", "we" and "you" are, in quotes, transcript turns and first-person texts.

Runs right after the quotes stage: it reads ``doc.quotes`` (spans, kinds, speaker ids) and the
actors stage's notes, and adds first- and second-person pronouns to the actors they stand for.

1. **Where a pronoun is.**  Every "I/me/my/mine/myself", "we/us/our/ours/ourselves" and
   "you/your/yours/yourself/yourselves" of the report body that is not yet part of an actor
   mention lies in the innermost of these regions:

   * a *quotation*: the span of a direct quote, or a stretch between quote marks inside a mixed
     or indirect quote (outside the marks, indirect speech is the reporter's words); its speaker
     is the quote's speaker;
   * a *transcript turn*: a line opening with a speaker label ("PENCE: ...", "Jane Doe: ...",
     "Q: ...", "A: ..."), in a text with at least two such lines and two distinct labels; the
     turn runs to the next label line;
   * an *interview paragraph*: in a text without labels that is an interview (its title says
     so, ``interview`` cues of ``data/actors/speakers.tsv``, and it has two questions; or,
     whatever the title, two questions ending in "?" say "you" and a long paragraph answers
     each), a question (a paragraph of at most QUESTION_MAX characters ending in "?", or a
     short one saying "you" right before a longer one) is the interviewer's and the paragraphs
     after it, up to the next question, are the interviewee's answer (spoken to the
     interviewer); a long paragraph ending
     in "?" is an answer's rhetorical question; paragraphs before the first question are the
     reporter's;
   * a *single-quoted stretch* after a comma or colon inside a turn or the narration ("...
     and says, 'Ana, I like your port.'") that no quote covers: the words of someone unnamed,
     so its "I"/"we" stay unresolved and its "you" is only a person it addresses by name;
   * a *signed paragraph*: outside quotes, turns and interviews, a paragraph that ends with a
     person's name alone after a sentence's last mark ("... I had to stay. Jane Doe", as pull
     quotes are set): its first person is that person's;
   * *narration*: everything else.  Its first person is the narrator: the person the title
     names when the title says the text is that person's own words (``speech`` cues:
     "Remarks by ...", "... Address to the Nation"), else, when the narration says "I/me/my" at
     least three times, an unnamed narrator (an actor named "narrator").  In a speech, or
     any narration with a narrator, "you" outside quotes (unless a vocative names someone) is the audience (a group "audience").

2. **Who the pronoun is.**

   * I/me/my/mine/myself: the region's speaker.
   * we/us/our/ours/ourselves: the speaker itself when it is an organisation, country or group;
     for a person, the organisation the text ties them to (``actors.affiliation``: "X, head of
     the political bureau of Hamas" -> Hamas), else one group actor per speaker, named
     "<speaker>'s group", with the speaker's country and sector.  The group is not the
     speaker's country: a minister's "we" may be the government, the party or the people in
     the room, but its country and sector are the minister's, which is what aggregation needs.
   * you/your/yours/yourself/yourselves: a name the sentence addresses (after a comma or a
     colon, at the sentence's start or right after an opening quote mark: "'Ana, I like your
     port'"), else the addressee, only where one is clear: the object of
     a direct quote's reporting verb ("told Smith", "said to Smith"), the interviewee in a
     question (the interviewee's "we" group when the title names no single person and the
     answers say "we" more often than "I": the question was put to several), the interviewer
     in an answer (a generic "you" there is the listener's too), the
     other party of a transcript with exactly two speakers.  A "you" in narration with no
     narrator stays unresolved.

3. **Who a label is.**  "Q"/"A" are the interviewer and interviewee.  Another label is the
   actor with a mention on it, else the actor with a mention that reads the same ("THE
   PRESIDENT:" -> the actor called "the President"), else the person whose name ends in the
   label's last word ("HALE:" -> Nora Hale), else a new person actor named by the label (the
   label is its mention).  The interviewee is the first person the title names, else the person
   with the most mentions when it has at least INTERVIEWEE_MIN_NAMES capitalised mentions or is
   named before the first question, else a new actor "interviewee"; the interviewer is a new
   actor "interviewer" whose organisation is
   an organisation the title names ("... tells the BBC").

Pronouns inside a quote with no speaker are left alone, and so are the "it"/"they" the actors
stage found to mean a thing (``actors.things``).  When new actors are made, all actors
are renumbered in order of first mention, and the quotes' speakers, the token map
(``actors.token``) and ``actors.affiliation`` follow.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..document import Actor, Document, Span
from ..errors import DataFileError
from .actor_mentions import (
    ABSTRACT_SUFFIXES,
    PHRASE_STOP_TAGS,
    as_role_nouns,
    negated,
    object_verb,
    reciprocal_subject,
    token_lemma,
)
from .base import Context

if TYPE_CHECKING:
    from spacy.tokens import Token

FIRST_SG = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PL = frozenset({"we", "us", "our", "ours", "ourselves"})
SECOND = frozenset({"you", "your", "yours", "yourself", "yourselves"})
PERSONAL = FIRST_SG | FIRST_PL | SECOND
THIRD = {
    "he": "m", "him": "m", "his": "m", "himself": "m",
    "she": "f", "her": "f", "hers": "f", "herself": "f",
    "they": "pl", "them": "pl", "their": "pl", "theirs": "pl", "themselves": "pl",
}  # fmt: skip
# Endings of agent nouns ("mathematician", "novelist", "writer", "editor"): a predicate noun
# no actor claims names a person only when it has one, is a person noun of agents.tsv
# ("citizen") or is plural ("we are citizens").
AGENT_SUFFIXES = ("ian", "ist", "er", "or")
QUOTED_WINDOW = 3  # sentences back for a quoted "he"/"they"
# Double quote marks only: a single mark is too often an apostrophe.
QUOTE_MARKS = frozenset('"\u201c\u201d\u201e\u00ab\u00bb')
CUE_KINDS = ("interviewer", "interviewee", "not-label", "speech", "interview")
NARRATOR_MIN = 3  # "I/me/my" in narration before an unnamed narrator is assumed
INTERVIEWEE_MIN_NAMES = 3  # capitalised mentions of a person the title does not name to be the interviewee
MIN_QUESTIONS = 2
QUESTION_MAX = 600  # characters: a longer paragraph ending in "?" is an answer's rhetorical question
ADDRESS_MAX = 300  # a short paragraph saying "you" before a longer one is a question too
UNCUED_QUESTIONS = 2  # questions to "you", each answered at length, make a text an interview
_PERSON_WORD = re.compile(r"\b(?:i|me|my|we|us|our)\b")
_YOU = re.compile(r"\b(?:you|your|yours|yourself)\b", re.I)
HEADINGS = 4  # short lines at the top read as title and headings
HEADING_MAX = 160
_WORD = r"[A-Z][\w.'\u2019\-]*"
_LABEL_LINE = re.compile(
    rf"^[ \t]*(?P<label>{_WORD}(?:[ \t]+(?:{_WORD}|of|de|van|von|al|bin|the)){{0,4}})[ \t]*:(?:[ \t]+(?=\S)|[ \t]*$)",
    re.M,
)
# An upper-case label that ends a line after other words, as official transcripts set it: "...
# Ana Ortiz. THE PRESIDENT:" / "4:02 P.M. CDT THE GOVERNOR:".
_TRAILING_LABEL = re.compile(
    r"(?<=[.!?\d\w])[ \t]+(?P<label>(?:[A-Z][A-Z.'\u2019\-]+[ \t]+){0,3}[A-Z][A-Z'\u2019\-]+)[ \t]*:[ \t]*$",
    re.M,
)
_PARAGRAPH = re.compile(r"[^\n]+")
# Words someone else says, set in single quotes inside a paragraph after a comma or colon ("...
# and says, 'Ana, thank you.'"): an apostrophe inside a word ("I'm") does not close it.
_SINGLE_QUOTED = re.compile(r"(?<=[,:] )['\u2018](?=[A-Z])[^\n]{1,400}?['\u2019](?=[\s.,;:!?)\"\u201d]|$)")
_SPACE = re.compile(r"\s+")
_RECIPROCAL = re.compile(r"\b(each|one) (other|another)\b", re.I)

# Roles resolved lazily to actors.
INTERVIEWER = "@interviewer"
INTERVIEWEE = "@interviewee"
INTERVIEWEE_GROUP = "@interviewee-group"  # the interviewee's "we"
NARRATOR = "@narrator"
AUDIENCE = "@audience"


def _key(text: str) -> str:
    return _SPACE.sub(" ", text.strip().lower().replace("\u2019", "'"))


@dataclass(frozen=True)
class Cues:
    interviewer: frozenset[str]
    interviewee: frozenset[str]
    not_label: frozenset[str]
    speech: re.Pattern[str]
    interview: re.Pattern[str]


def _pattern(phrases: list[str]) -> re.Pattern[str]:
    if not phrases:
        return re.compile(r"(?!x)x")
    alts = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return re.compile(r"(?<![\w&])(?:" + "|".join(alts) + r")(?![\w&])", re.I)


def load_cues(path: str | None = None) -> Cues:
    """Read ``speakers.tsv``: ``phrase<TAB>kind`` rows after a header, ``#`` comments."""
    path = path or str(resources.files("eventcoder.data").joinpath("actors", "speakers.tsv"))
    try:
        text = Path(path).read_text("utf-8")
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise DataFileError(path, None, "not UTF-8 text") from None
    by: dict[str, list[str]] = {k: [] for k in CUE_KINDS}
    header = False
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 2:
            raise DataFileError(path, n, f"expected 2 tab-separated columns, found {len(cols)}")
        if not header:
            header = True
            continue
        phrase, kind = _key(cols[0]), cols[1].strip()
        if not phrase:
            raise DataFileError(path, n, "empty phrase")
        if kind not in by:
            raise DataFileError(path, n, f"unknown kind {kind!r} (one of {', '.join(CUE_KINDS)})")
        by[kind].append(phrase)
    return Cues(
        frozenset(by["interviewer"]),
        frozenset(by["interviewee"]),
        frozenset(by["not-label"]),
        _pattern(by["speech"]),
        _pattern(by["interview"]),
    )


@dataclass
class _Region:
    start: int
    end: int
    speaker: str | None  # an actor id or a role (INTERVIEWER, ...)
    addressee: str | None = None


class SpeakerStage:
    name = "speakers"

    def __init__(self, cues_path: str | None = None):
        self.cues = load_cues(cues_path)

    def __call__(self, doc: Document, ctx: Context) -> None:
        _Run(doc, ctx, self.cues).run()


class _Run:
    """One document's first- and second-person pronouns being resolved."""

    def __init__(self, doc: Document, ctx: Context, cues: Cues):
        self.doc = doc
        self.ctx = ctx
        self.cues = cues
        self.text = doc.text
        self.token_map: dict[int, str] = ctx.notes.setdefault("actors.token", {})
        self.affil: dict[str, str] = ctx.notes.setdefault("actors.affiliation", {})
        self.gender: dict[str, str] = ctx.notes.setdefault("actors.gender", {})
        self.unnamed: set[str] = ctx.notes.setdefault("actors.unnamed", set())
        self.by_id: dict[str, Actor] = {a.id: a for a in doc.actors}
        self.roles: dict[str, str | None] = {}
        self.we: dict[str, str] = {}
        self.new_ids = 0
        self.touched: set[str] = set()
        self.title_range: tuple[int, int] | None = None
        self.first_turn = len(doc.text)  # where the first transcript turn or question starts
        self.title = ""
        self.is_speech = False

    # -- entry --------------------------------------------------------------------------------
    def run(self) -> None:
        prons, third = self._pronouns()
        if not prons and not third:
            return
        self._title()
        quotes = self._quote_regions()
        if third:
            self._quoted_third(third, quotes)
        turns = self._turns()
        if not turns:
            turns = self._interview_paragraphs()
        q_starts = [r.start for r in quotes]
        t_starts = [r.start for r in turns]
        # Single-quoted words of someone unnamed inside a turn or the narration: their "I" is
        # nobody we know, their "you" only the person they address by name.
        lo, hi = self.ctx.body
        inner = [_Region(m.start(), m.end(), None) for m in _SINGLE_QUOTED.finditer(self.text, lo, hi)]
        i_starts = [r.start for r in inner]
        narration: list[Token] = []
        for t in prons:
            region = (
                _find(quotes, q_starts, t.idx)
                or _find(inner, i_starts, t.idx)
                or _find(turns, t_starts, t.idx)
            )
            if region is None:
                narration.append(t)
            else:
                self._assign(t, region)
        if narration:
            self._narration(narration)
        self._reciprocals()
        for aid in self.touched:
            self.by_id[aid].mentions.sort(key=lambda m: (m.start, m.end))
        self._renumber()

    # -- pronouns and regions -----------------------------------------------------------------
    def _pronouns(self) -> tuple[list[Token], list[Token]]:
        """First/second-person pronouns, and third-person ones no actor has (quoted ones)."""
        lo, hi = self.ctx.body
        out: list[Token] = []
        third: list[Token] = []
        for t in self.ctx.sp:
            low = t.lower_
            if t.tag_ not in ("PRP", "PRP$") or not lo <= t.idx < hi or t.i in self.token_map:
                continue
            if low in PERSONAL and not (low == "us" and t.text == "US"):
                out.append(t)
            elif low in THIRD:
                third.append(t)
        return out, third

    def _quoted_third(self, tokens: list[Token], quotes: list[_Region]) -> None:
        """A quoted "he/she/they" (the actors stage leaves what stands between quote marks to this
        stage): the latest fitting actor mentioned before it (in the quote or up to
        QUOTED_WINDOW sentences back), never the speaker of the quote it is in; a subject wins
        in earlier sentences, the nearest mention in the pronoun's own."""
        starts = [r.start for r in quotes]
        mentions = sorted((m.start, a.id) for a in self.doc.actors for m in a.mentions)
        m_starts = [s for s, _ in mentions]
        sp = self.ctx.sp
        things = self.ctx.notes.get("actors.things") or set()
        for t in tokens:
            region = _find(quotes, starts, t.idx)
            speaker = region.speaker if region is not None else None
            cls = THIRD[t.lower_]
            if t.i in things:
                continue
            floor = sp[max(t.sent.start - 1, 0)].sent
            for _ in range(QUOTED_WINDOW - 1):
                if floor.start == 0:
                    break
                floor = sp[floor.start - 1].sent
            best: str | None = None
            best_subject: str | None = None
            blocked = self._coarguments(t)
            k = bisect.bisect_left(m_starts, t.idx) - 1
            # "they" takes up people before an organisation named beside them (number agreement,
            # as the actors stage does outside quotes): with a group in the window, no organisation
            people = False
            if cls == "pl":
                j = k
                while j >= 0 and mentions[j][0] >= floor.start_char and not people:
                    people = mentions[j][1] != speaker and self.by_id[mentions[j][1]].type == "group"
                    j -= 1
            while k >= 0 and mentions[k][0] >= floor.start_char:
                start, aid = mentions[k]
                k -= 1
                if aid == speaker or aid in blocked or not self._fits(aid, cls):
                    continue
                if (t.lower_ == "them" or people) and self.by_id[aid].type == "organization":
                    # an object "them" in talk is the people or things talked about: an
                    # organisation the talk names is its subject "they", seldom its object
                    continue
                if start >= t.sent.start_char:
                    best = best or aid
                    break
                tok = sp.char_span(start, start + 1, alignment_mode="expand")
                head = tok.root if tok is not None else None
                while (
                    head is not None
                    and head.dep_ in ("compound", "flat", "amod", "poss")
                    and head.head.i != head.i
                ):
                    head = head.head
                if head is not None and head.dep_ in ("nsubj", "nsubjpass") and best_subject is None:
                    best_subject = aid
                best = best or aid
            aid = (
                best
                if best is not None and (best_subject is None or self._same_sentence(best, t))
                else best_subject
            )
            if aid is not None:
                self._claim_span(self.by_id[aid], t.idx, t.idx + len(t), [t.i])

    def _coarguments(self, t: Token) -> set[str]:
        """Actors the subject of an object pronoun's verb stands for: "Rooke met him" is not
        Rooke (a reflexive would be)."""
        verb = object_verb(t)
        if verb is None or t.lower_.endswith(("self", "selves")):
            return set()
        return {
            self.token_map[c.i]
            for c in verb.children
            if c.dep_ in ("nsubj", "nsubjpass") and c.i in self.token_map and c.i != t.i
        }

    def _fits(self, aid: str, cls: str) -> bool:
        actor = self.by_id[aid]
        if cls == "pl":
            return actor.type in ("group", "organization")
        return actor.type == "person" and self.gender.get(aid, cls) == cls

    def _same_sentence(self, aid: str, t: Token) -> bool:
        lo, hi = t.sent.start_char, t.idx
        return any(lo <= m.start < hi for m in self.by_id[aid].mentions)

    def _quote_regions(self) -> list[_Region]:
        out: list[_Region] = []
        for q in self.doc.quotes:
            if q.speaker is None or q.speaker not in self.by_id:
                continue
            addressee = self._addressee(q.cue) if q.kind == "direct" else None
            if q.kind == "direct":
                out.append(_Region(q.start, q.end, q.speaker, addressee))
                continue
            # Mixed or indirect: only the stretches between quote marks are the speaker's words.
            marks = [i for i in range(q.start, q.end) if self.text[i] in QUOTE_MARKS]
            for a, b in zip(marks[::2], marks[1::2], strict=False):
                out.append(_Region(a, b + 1, q.speaker))
        out.sort(key=lambda r: (r.start, -r.end))
        # Keep regions disjoint: a later region inside an earlier one is dropped.
        kept: list[_Region] = []
        for r in out:
            if kept and r.start < kept[-1].end:
                continue
            kept.append(r)
        return kept

    def _addressee(self, cue: Span | None) -> str | None:
        """The person a direct quote is addressed to: "told Smith", "said to Smith"."""
        if cue is None:
            return None
        sp = self.ctx.sp
        verb = next((t for t in sp if t.idx >= cue.start), None)
        if verb is None or verb.idx >= cue.end:
            return None
        for child in verb.children:
            target = None
            if child.dep_ in ("dobj", "dative", "iobj"):
                target = child
            elif child.dep_ == "prep" and child.lower_ == "to":
                target = next((g for g in child.children if g.dep_ == "pobj"), None)
            if target is not None:
                aid = self.token_map.get(target.i)
                if aid is not None and self.by_id[aid].type in ("person", "group", "organization"):
                    return aid
        return None

    def _turns(self) -> list[_Region]:
        lo, hi = self.ctx.body
        lines = []
        found = [*_LABEL_LINE.finditer(self.text, lo, hi), *_TRAILING_LABEL.finditer(self.text, lo, hi)]
        for m in sorted(found, key=lambda m: m.start("label")):
            label = m.group("label")
            k = _key(label).rstrip(".")
            if k in self.cues.not_label or _key(label) in self.cues.not_label:
                continue
            lines.append((m.start("label"), m.end(), m.start("label"), m.end("label"), k))
        if len(lines) < 2 or len({k for *_, k in lines}) < 2:
            return []
        speakers = {k: self._label_actor(k, a, b) for _, _, a, b, k in lines}
        for _, _, a, b, k in lines:  # every label is a mention of its speaker ("SMITH:" each time)
            who = speakers[k]
            span = self.ctx.sp.char_span(a, b, alignment_mode="expand")
            if who is not None and not who.startswith("@") and span is not None:
                self._claim_span(self.by_id[who], span.start_char, span.end_char, [t.i for t in span])
        self.first_turn = lines[0][0]
        parties = {s for s in speakers.values() if s is not None}
        # In a speech ("Remarks by ..."), each speaker turns to the audience, not to the other.
        speech = self.is_speech
        out = []
        for n, (_, end, _, _, k) in enumerate(lines):
            stop = lines[n + 1][0] if n + 1 < len(lines) else hi
            speaker = speakers[k]
            other = next(iter(parties - {speaker}), None) if len(parties) == 2 else None
            if speech:
                other = AUDIENCE
            if speaker == INTERVIEWER and other is None:
                other = INTERVIEWEE
            out.append(_Region(end, stop, speaker, other))
        return out

    def _label_actor(self, k: str, start: int, end: int) -> str | None:
        if k in self.cues.interviewer:
            return INTERVIEWER
        if k in self.cues.interviewee:
            return INTERVIEWEE
        span = self.ctx.sp.char_span(start, end, alignment_mode="expand")
        on = {self.token_map[t.i] for t in span or [] if t.i in self.token_map}
        if len(on) == 1:
            return next(iter(on))
        same = [a for a in self.doc.actors if any(_key(m.text) == k for m in a.mentions)]
        if len(same) == 1:
            return same[0].id
        # "THE VICE PRESIDENT:": the one person the report gives that title
        bare = k.removeprefix("the ")
        titled = [a for a in self.doc.actors if a.type == "person" and a.title and _key(a.title) == bare]
        if len(titled) == 1:
            return titled[0].id
        last = k.split()[-1]
        people = [
            a for a in self.doc.actors if a.type == "person" and a.name and _key(a.name).split()[-1] == last
        ]
        if people:
            return max(people, key=lambda a: len(a.mentions)).id
        label = self.text[start:end]
        name = label.title() if label.isupper() else label
        tokens = self.ctx.sp.char_span(start, end, alignment_mode="expand")
        if tokens is not None and any(t.i in self.token_map for t in tokens):
            return None
        actor = self._new(name, "person")
        if tokens is not None:
            self._claim_span(actor, tokens.start_char, tokens.end_char, [t.i for t in tokens])
        return actor.id

    def _interview_paragraphs(self) -> list[_Region]:
        """Questions and answers of an interview without speaker labels.  A question is a
        paragraph of at most QUESTION_MAX characters ending in "?", or one of at most
        ADDRESS_MAX characters that says "you" right before a longer paragraph ("You have
        written four novels in six years.").  A text is an interview when its title
        says so and it has MIN_QUESTIONS questions, or, whatever its title, when UNCUED_QUESTIONS
        questions ending in "?" say "you" and a long paragraph (one of the next two) answers each."""
        lo, hi = self.ctx.body
        paras = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(self.text, lo, hi)]
        asked = [
            k
            for k, (a, b) in enumerate(paras)
            if b - a <= QUESTION_MAX and self.text[a:b].rstrip(" \t\"'\u201d\u2019").endswith("?")
        ]
        cued = bool(self.title) and bool(self.cues.interview.search(self.title))
        to_you = sum(
            1
            for k in asked
            if _YOU.search(self.text[paras[k][0] : paras[k][1]])
            and any(
                n not in asked and paras[n][1] - paras[n][0] > max(paras[k][1] - paras[k][0], ADDRESS_MAX)
                for n in (k + 1, k + 2)
                if n < len(paras)
            )
        )
        addressed = [
            k
            for k, (a, b) in enumerate(paras[:-1])
            if b - a <= ADDRESS_MAX
            and k + 1 < len(paras)
            and paras[k + 1][1] - paras[k + 1][0] > b - a
            and _YOU.search(self.text[a:b])
            and self.text[a:b].rstrip()[-1:] in ".?!:"
        ]
        questions = sorted(set(asked) | set(addressed))
        if not ((cued and len(questions) >= MIN_QUESTIONS) or to_you >= UNCUED_QUESTIONS):
            return []
        out: list[_Region] = []
        first = questions[0]
        self.first_turn = paras[first][0]
        asked = self._asked(paras, questions)
        for k in range(first, len(paras)):
            a, b = paras[k]
            if k in questions:
                out.append(_Region(a, b, INTERVIEWER, asked))
            else:
                out.append(_Region(a, b, INTERVIEWEE, INTERVIEWER))
        return out

    def _asked(self, paras: list[tuple[int, int]], questions: list[int]) -> str:
        """Whom the questions' "you" means: the interviewee, or the interviewee's group when
        the title names no single person and the answers speak for a group ("How did you
        start?" - "We met in college ..."): answers saying "we/us/our" more often than
        "I/me/my" to questions put to two people or to an organisation were asked of several."""
        if self._title_people() == 1:
            return INTERVIEWEE
        asked = set(questions)
        answers = " ".join(
            self.text[a:b] for k, (a, b) in enumerate(paras) if k > questions[0] and k not in asked
        )
        words = _PERSON_WORD.findall(answers.lower())
        plural = sum(1 for w in words if w in FIRST_PL)
        return INTERVIEWEE_GROUP if plural > len(words) - plural else INTERVIEWEE

    def _narration(self, tokens: list[Token]) -> None:
        tokens = self._signed(tokens)
        singular = sum(1 for t in tokens if t.lower_ in FIRST_SG)
        named = self.is_speech
        if not named and singular + sum(1 for t in tokens if t.lower_ in FIRST_PL) < NARRATOR_MIN:
            return
        narrator = self._role(NARRATOR)
        if narrator is not None:
            self._unaddress(narrator, tokens)
        # In a speech ("Remarks by ...") or a first-person text, "you" is the audience.
        region = _Region(self.ctx.body[0], self.ctx.body[1], NARRATOR, AUDIENCE)
        for t in tokens:
            self._assign(t, region)

    def _unaddress(self, narrator: str, tokens: list[Token]) -> None:
        """Nobody addresses himself in his own speech: a mention of the narrator that the
        narration uses as a vocative ("Madam Speaker, I rise ...", "..., Mr. President.") is
        someone else of that title, the one the speech addresses; it becomes that person's
        (one actor per wording), so the "you" of its sentence goes there too."""
        actor = self.by_id[narrator]
        if actor.type != "person" or not tokens:
            return
        sp = self.ctx.sp
        lo = self.title_range[1] if self.title_range is not None else self.ctx.body[0]
        moved: dict[str, Actor] = {}
        keep: list[Span] = []
        for m in actor.mentions:
            span = sp.char_span(m.start, m.end, alignment_mode="expand") if m.start >= lo else None
            if span is None or len(span) > 6 or span[0].tag_ in ("PRP", "PRP$"):
                keep.append(m)
                continue
            sent, i, j = span.sent, span.start, span.end
            before = i == sent.start or sp[i - 1].text in (",", ":")
            after = (j >= sent.end and i > sent.start) or (
                j < sent.end and sp[j].text in (",", ".", "!", "?", ":")
            )
            if not (before and after) or (i == sent.start and j >= sent.end - 1):
                keep.append(m)  # a heading line or the subject of its sentence
                continue
            k = _key(m.text)
            if k not in moved:
                moved[k] = self._new(m.text, "person")
            moved[k].mentions.append(m)
            for x in range(i, j):
                self.token_map[x] = moved[k].id
            self.touched.add(moved[k].id)
        if moved:
            actor.mentions = keep

    def _signed(self, tokens: list[Token]) -> list[Token]:
        """First person in a paragraph signed by a person's name ("... I was told to leave.
        Jane Doe"), as a pull quote is: the signer's.  Returns the tokens left for narration."""
        left: list[Token] = []
        signer: dict[int, str | None] = {}  # paragraph end -> signer
        for t in tokens:
            end = self.text.find("\n", t.idx)
            end = len(self.text) if end < 0 else end
            if end not in signer:
                signer[end] = self._signer(end)
            aid = signer[end]
            if aid is None or t.lower_ in SECOND:
                left.append(t)
            else:
                self._assign(t, _Region(t.idx, end, aid))
        return left

    def _signer(self, end: int) -> str | None:
        """The person whose name alone ends a paragraph after a sentence's last mark."""
        stop = end
        while stop > 0 and self.text[stop - 1] in " \t":
            stop -= 1
        hit = None
        for actor in self.doc.actors:
            if actor.type == "person" and any(m.end == stop for m in actor.mentions):
                hit = next(m for m in actor.mentions if m.end == stop)
                aid = actor.id
        if hit is None:
            return None
        before = self.text[: hit.start].rstrip(" \t")
        for _ in range(3):  # the given names the mention left out ("Jane" of "Jane Doe")
            word = before.rsplit(None, 1)[-1] if before.strip() else ""
            if not word[:1].isupper() or not word.isalpha():
                break
            before = before[: len(before) - len(word)].rstrip(" \t")
        return aid if before[-1:] in '.!?"\u201d' else None

    # -- assigning ----------------------------------------------------------------------------
    def _assign(self, t: Token, region: _Region) -> None:
        low = t.lower_
        if low in FIRST_SG:
            aid = self._role(region.speaker)
        elif low in FIRST_PL:
            speaker = self._role(region.speaker)
            aid = self._we(speaker) if speaker else None
        else:
            # a name the sentence addresses ("Omar, you are ...") before the region's listener
            aid = self._vocative(t)
            if aid is not None and region.addressee == INTERVIEWEE and aid in self.unnamed:
                # "Mr. President, do you ...?" in a question: the interviewee by a title
                aid = self._merge(aid, self._role(INTERVIEWEE))
            aid = aid or self._role(region.addressee)
        if aid is None:
            return
        self._claim_span(self.by_id[aid], t.idx, t.idx + len(t), [t.i])
        if t.dep_ in ("nsubj", "nsubjpass") and t.i in self.token_map:
            for lo, hi in self._roles(t):
                last = self.ctx.sp[hi - 1]
                self._claim_span(
                    self.by_id[aid], self.ctx.sp[lo].idx, last.idx + len(last), list(range(lo, hi))
                )

    def _roles(self, t: Token) -> list[tuple[int, int]]:
        """Token ranges of what a subject "I", "we" or "you" is said to be: the noun of a
        copula's predicate ("I was a writer", "we are citizens of ...") and of an "as" phrase
        before any object ("As chair of the council, I ...", "not as a senator but as a
        voter"); never a negated predicate, a time, or an abstract noun ("we are a work in
        progress")."""
        verb = t.head
        nouns: list[Token] = []
        if token_lemma(verb) == "be" and not negated(verb):  # "you are not only a painter" affirms it
            nouns += [c for c in verb.children if c.dep_ == "attr" and c.i > t.i]
        nouns += as_role_nouns(verb)
        out = []
        for n in nouns:
            if n.pos_ != "NOUN" or n.ent_type_ in ("DATE", "TIME") or n.lower_.endswith(ABSTRACT_SUFFIXES):
                continue
            lo = n.left_edge.i
            own = self.token_map.get(n.i)
            for x in range(n.i - 1, lo - 1, -1):
                if self.token_map.get(x, own) != own or self.ctx.sp[x].tag_ in PHRASE_STOP_TAGS:
                    lo = x + 1
                    break
            if n.sent.start > lo:
                continue
            owners = {self.token_map.get(x) for x in range(lo, n.i + 1)}
            if (
                owners == {None}
                and n.tag_ != "NNS"
                and not n.lower_.endswith(AGENT_SUFFIXES)
                and n.lemma_.lower() not in self.ctx.notes.get("actors.person_nouns", ())
            ):
                continue  # no actor's, and no word for a person: "As a rule, we ...", "a bit"
            if owners == {None} or self._lone_description(owners, lo, n.i + 1):
                out.append((lo, n.i + 1))
        return out

    def _lone_description(self, owners: set[str | None], lo: int, hi: int) -> bool:
        """Is the range the one mention of an actor the actors stage made of it alone (a
        predicate "a teacher" that met no partner)?  Then it is released to the subject."""
        if len(owners) != 1 or None in owners:
            return False
        aid = next(iter(owners))
        actor = self.by_id.get(aid)
        start, end = self.ctx.sp[lo].idx, self.ctx.sp[hi - 1].idx + len(self.ctx.sp[hi - 1])
        if actor is None or len(actor.mentions) != 1 or any(q.speaker == aid for q in self.doc.quotes):
            return False
        m = actor.mentions[0]
        if not start <= m.start < end:
            return False
        actor.mentions.clear()
        for i in [i for i, a in self.token_map.items() if a == aid]:
            del self.token_map[i]
        return True

    def _reciprocals(self) -> None:
        """ "each other" of a subject "we" or "you (guys)" is that pronoun's actor ("we can
        race against each other"); the actors stage did the third person."""
        lo, hi = self.ctx.body
        for found in _RECIPROCAL.finditer(self.text, lo, hi):
            t = self.ctx.sp.char_span(found.start(2), found.end(2))
            if t is None or t[0].i in self.token_map:
                continue
            t = t[0]
            subj = reciprocal_subject(t)
            if subj is None:
                continue
            if subj.i not in self.token_map:  # "you guys": the pronoun before the noun
                subj = next((c for c in subj.children if c.lower_ in PERSONAL), subj)
            aid = self.token_map.get(subj.i)
            if aid is not None and subj.lower_ in PERSONAL and aid in self.by_id:
                prev = t.nbor(-1)
                self._claim_span(self.by_id[aid], prev.idx, t.idx + len(t), [prev.i, t.i])

    def _merge(self, src: str, dst: str | None) -> str:
        """Fold actor ``src`` into ``dst`` (its mentions, tokens and quotes); ``dst`` or, when
        there is none, ``src``."""
        if dst is None or dst == src or src not in self.by_id or dst not in self.by_id:
            return dst or src
        self.by_id[dst].mentions.extend(self.by_id[src].mentions)
        self.by_id[src].mentions = []
        for i, a in self.token_map.items():
            if a == src:
                self.token_map[i] = dst
        for q in self.doc.quotes:
            if q.speaker == src:
                q.speaker = dst
        self.affil.pop(src, None)
        self.unnamed.discard(src)
        self.touched.add(dst)
        return dst

    def _vocative(self, t: Token) -> str | None:
        """The person a sentence addresses by name: "Omar, you are ...", "..., Mr. President."."""
        sent = t.sent
        found: str | None = None
        i = sent.start
        while i < sent.end:
            aid = self.token_map.get(i)
            if aid is None or i == t.i:
                i += 1
                continue
            j = i
            while j < sent.end and self.token_map.get(j) == aid:
                j += 1
            doc = t.doc
            before = i == sent.start or doc[i - 1].text in (",", ":", "'", "\u2018", '"', "\u201c")
            after = j >= sent.end or doc[j].text in (",", ".", "!", "?", ":")
            if not before and doc[i - 1].text in (".", "!", "?") and j < sent.end and doc[j].text == ",":
                before = True  # "... Bill Nelson. Bill, you're ...": the parser ran two sentences into one
            if before and after and self.by_id[aid].type in ("person", "group") and j - i <= 6:
                if found is not None and found != aid:
                    return None  # two candidates: not clear
                found = aid
            i = j
        return found

    def _role(self, who: str | None) -> str | None:
        if who is None or not who.startswith("@"):
            return who
        if who not in self.roles:
            self.roles[who] = self._make_role(who)
        return self.roles[who]

    def _make_role(self, who: str) -> str | None:
        if who == INTERVIEWEE_GROUP:
            person = self._role(INTERVIEWEE)
            return self._we(person) if person else None
        if who == INTERVIEWEE:
            person = self._title_actor("person")
            if person is None:
                # The person the report names most, if named often; else someone it never names
                # (an editor of "The Lantern" is no "Lena Brandt" named once in an answer).
                people = [a for a in self.doc.actors if a.type == "person"]
                named = {a.id: sum(1 for m in a.mentions if m.text[:1].isupper()) for a in people}
                best = max(people, key=lambda a: named[a.id]) if people else None
                introduced = best is not None and best.mentions[0].start < self.first_turn
                if best is None or (named[best.id] < INTERVIEWEE_MIN_NAMES and not introduced):
                    return self._new("interviewee", "person").id
                person = best.id
            return person
        if who == AUDIENCE:
            return self._new("audience", "group").id
        if who == INTERVIEWER:
            actor = self._new("interviewer", "person")
            org = self._title_actor("organization")
            if org is not None:
                self.affil[actor.id] = org
            return actor.id
        # The narrator: the person the title names when it says these are their own words.
        if self.is_speech:
            person = self._title_actor("person")
            if person is not None:
                return person
        return self._new("narrator", "person").id

    def _we(self, aid: str) -> str | None:
        actor = self.by_id[aid]
        if actor.type != "person":
            return aid
        org = self.affil.get(aid)
        if org is not None and org in self.by_id and self.by_id[org].type == "organization":
            return org
        if aid not in self.we:
            group = self._new(f"{actor.name}'s group", "group", actor.country, actor.sector)
            self.we[aid] = group.id
        return self.we[aid]

    def _title(self) -> None:
        """The title and the heading lines under it (short lines without a final full stop,
        at most HEADINGS of them: "A New Dawn / X's Address to the Nation / 3 May")."""
        lo, hi = self.ctx.body
        title = (self.doc.meta.title or "").strip()
        start = end = lo
        if title:
            at = self.text.find(title, lo, min(hi, lo + 400 + len(title)))
            if at >= 0:
                start, end = at, at + len(title)
        lines = 0
        for m in _PARAGRAPH.finditer(self.text, end, hi):
            line = m.group().strip()
            if not line:
                continue
            if lines >= HEADINGS or len(line) > HEADING_MAX or line.endswith((".", "?", "!", '"', "\u201d")):
                break
            end = m.end()
            lines += 1
        if end > start:
            self.title_range = (start, end)
        self.title = " \n ".join(x for x in (title, self.text[start:end] if end > start else "") if x)
        # a speech ("Remarks by ...", "Address to ...") in the speaker's own words
        self.is_speech = bool(self.title) and bool(self.cues.speech.search(self.title))

    def _title_people(self) -> int:
        """How many person actors have a mention in the title."""
        if self.title_range is None:
            return 0
        a, b = self.title_range
        return sum(
            1
            for actor in self.doc.actors
            if actor.type == "person" and any(a <= m.start < b for m in actor.mentions)
        )

    def _title_actor(self, type_: str) -> str | None:
        """The first actor of this type the title names."""
        if self.title_range is not None:
            a, b = self.title_range
            hits = [(m.start, actor.id) for actor in self.doc.actors if actor.type == type_ for m in actor.mentions
                    if a <= m.start < b and actor.id not in self.roles.values()]  # fmt: skip
            if hits:
                return min(hits)[1]
        words = {w.lower() for w in re.findall(r"[\w\-]+", self.title)}
        for actor in self.doc.actors:
            parts = actor.name.split()
            if actor.type == type_ and parts and parts[-1].lower() in words:
                return actor.id
        return None

    # -- actors and mentions ------------------------------------------------------------------
    def _new(self, name: str, type_: str, country: str | None = None, sector: str | None = None) -> Actor:
        self.new_ids += 1
        actor = Actor(f"new{self.new_ids}", name, type_, country, sector)
        self.doc.actors.append(actor)
        self.by_id[actor.id] = actor
        return actor

    def _claim_span(self, actor: Actor, start: int, end: int, tokens: list[int]) -> None:
        if any(i in self.token_map for i in tokens):
            return  # a character never belongs to two actors' mentions
        actor.mentions.append(Span.of(self.text, start, end))
        for i in tokens:
            self.token_map[i] = actor.id
        self.touched.add(actor.id)

    def _renumber(self) -> None:
        """Ids in order of first mention, and everything that points at them."""
        doc = self.doc
        doc.actors = [a for a in doc.actors if a.mentions]
        doc.actors.sort(key=lambda a: (a.mentions[0].start, a.mentions[0].end))
        new = {a.id: f"a{n}" for n, a in enumerate(doc.actors, start=1)}
        if all(k == v for k, v in new.items()) and not self.new_ids:
            return
        for a in doc.actors:
            a.id = new[a.id]
        for q in doc.quotes:
            if q.speaker is not None:
                q.speaker = new.get(q.speaker)
        for i, aid in list(self.token_map.items()):
            if aid in new:
                self.token_map[i] = new[aid]
            else:
                del self.token_map[i]
        remapped = {new[k]: new[v] for k, v in self.affil.items() if k in new and v in new}
        self.affil.clear()
        self.affil.update(remapped)
        genders = {new[k]: g for k, g in self.gender.items() if k in new}
        self.gender.clear()
        self.gender.update(genders)
        unnamed = {new[k] for k in self.unnamed if k in new}
        self.unnamed.clear()
        self.unnamed.update(unnamed)


def _find(regions: list[_Region], starts: list[int], pos: int) -> _Region | None:
    k = bisect.bisect_right(starts, pos) - 1
    if k >= 0 and pos < regions[k].end:
        return regions[k]
    return None
