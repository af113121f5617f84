"""Dates: spaCy DATE entities normalised against the publication date.

Each DATE entity (and a TIME entity that names a day, "Sunday night") is
handed to the table-driven grammar in :mod:`.date_parse`, with

- the publication date (``doc.meta.published``; without it only absolute
  dates get a value, relative ones are listed with ``value`` null),
- the tense of the clause it sits in, which decides, with the publication
  date, which occurrence a bare date means (see ``date_parse._bare``): a
  month and day, a month or a holiday is the occurrence nearest publication
  unless the tense clearly says otherwise ("seized the town on November 20"
  two months before publication is last year's November 20, but "the vote
  was set for October 14" three weeks before it is this year's); a bare weekday
  is the one on or before publication unless the clause points ahead ("will
  meet on Tuesday", "are to meet on Tuesday", "the summit to take place on
  Tuesday");
- the dates the narrative named before, for "the next day", "two years
  later": the last one fine enough for the unit counted ("the previous day"
  counts from the last single day named, skipping "last October"); a date
  that classifies a noun ("the March 3 accord") is no narrative time.

Four-digit clock times by a time zone or "hours" ("(1800 UTC)", "at 0900
GMT", "1400 hours") are never years.

What is listed: points and periods in time, each with a value and precision
(day, month, year, or range ``A/B``).  What is not listed: durations ("three
years", "for two weeks"), sets ("every day", "annually") and ages ("25 years
old"), since events cannot be placed at them; and entities that name no
calendar point at all and that the grammar does not understand (spaCy's DATE
label on "42", "the first half").  An expression that names a calendar point
but defeats the grammar goes to dateparser (slow; cached) and, failing that,
is listed with a null value.

A four-digit year after "in", "since", "by" ... that spaCy left unlabelled is
added too ("in 2009"), since such years are the commonest date spaCy misses.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING

from ..document import DateExpr, Document
from .base import Context
from .date_parse import (
    NOT_POINT,
    DateLexicon,
    DateParser,
    Interval,
    NotPoint,
    Parsed,
    default_lexicon,
    mentions_time,
)

if TYPE_CHECKING:
    from spacy.tokens import Span as SpSpan

# Words at the edge of an entity that are not part of the date: spaCy's DATE
# spans sometimes run on ("June 21-23, 2023 ended").
_TRIM_POS = frozenset({"VERB", "AUX", "PUNCT", "CCONJ", "ADP", "PRON", "DET", "SCONJ"})
# Words spaCy leaves outside a DATE entity that belong to it: "a couple of
# years [back]", "[this] year's", "[JULY 11,] 2022", "1930['s]".
_EXTEND_RIGHT = frozenset({"ago", "back", "earlier", "later", "hence", "'s", "’s", "s"})
_EXTEND_LEFT_WORDS = frozenset({"this", "last", "next", "early", "late", "mid", "earlier", "later", ","})
# Years after a preposition that spaCy left unlabelled ("from 2004 to 2009").
_BARE_YEAR = re.compile(
    r"\b(?:in|since|by|during|until|till|before|after|from|of|between|and|to|through)\s+"
    r"((?:1[6-9]|20)\d\d)\b(?!\s*%)",
    re.I,
)
# Deictic phrases the tagger sometimes leaves unlabelled ("Last year at our school").
_DEICTIC = re.compile(
    r"\b(?:(?:last|this|next)\s+(?:week|month|year|weekend|summer|winter|spring|autumn)|yesterday|today|tonight|tomorrow)\b",
    re.I,
)
_RANGE_WORDS = frozenset({"to", "through", "until", "till", "-", "–", "—", "and"})
_YEAR = re.compile(r"(?:1[0-9]|20|21)\d\d")
_NUMERIC_ENTS = frozenset({"", "CARDINAL", "ORDINAL"})
_MAX_DROP = 2  # words tried off either end of an entity the grammar does not understand


class DateStage:
    name = "dates"

    def __init__(self, lexicon: DateLexicon | None = None, fallback: bool = True, bare: str = "nearest"):
        self.lex = lexicon or default_lexicon()
        self.parser = DateParser(self.lex, bare)
        self.fallback = fallback
        self._left_words = _EXTEND_LEFT_WORDS | set(self.lex.months) | set(self.lex.weekdays)
        # Full dates the tagger left unlabelled ("MARCH 3, 2021" on a line of its own).
        months = "|".join(sorted((re.escape(m) for m in self.lex.months), key=len, reverse=True))
        self._full_date = re.compile(
            rf"\b(?:(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+(?:{months})\.?,?\s+\d{{4}})\b",
            re.I,
        )

    def __call__(self, doc: Document, ctx: Context) -> None:
        ref = _ref_date(doc.meta.published)
        sp = ctx.sp
        state = _State(ref)
        found: list[DateExpr] = []
        # Surnames that are month names ("Theresa May"): the person, not the month,
        # where no word of time comes before ("May's agreement", "May said").
        surnames = {
            a.name.split()[-1].lower() for a in doc.actors if a.type == "person" and len(a.name.split()) > 1
        } & set(self.lex.months)
        ents = sp.ents
        for ent in ents:
            if ent.label_ not in ("DATE", "TIME"):
                continue
            for start, end in _segments(ent):
                start, end = self._extend(sp, start, end)
                end = next((i for i in range(start, end) if self._clock_time(sp, i)), end)
                if (
                    end <= start
                    or _count(sp, start, end)
                    or _surname(sp, start, end, surnames, self.lex.before_month)
                ):
                    continue
                found.extend(self._read(sp, start, end, state, time_only=ent.label_ == "TIME"))
        taken = [(e.start_char, e.end_char) for e in ents if e.label_ != "CARDINAL"]
        taken += [(d.start, d.end) for d in found]
        extra = [*self._full_date.finditer(doc.text), *_DEICTIC.finditer(doc.text)]
        for m in extra:
            if _free(m.start(), m.end(), taken):
                taken.append(m.span())
                span = sp.char_span(m.start(), m.end(), alignment_mode="expand")
                if span is not None:
                    found.extend(self._read(sp, span.start, span.end, state, time_only=False))
        for m in _BARE_YEAR.finditer(doc.text):
            s, e = m.span(1)
            tok = sp.char_span(s, e)
            if tok is None or not _free(s, e, taken) or self._clock_time(sp, tok.start):
                continue
            nxt = sp[tok.end] if tok.end < len(sp) else None
            if nxt is not None and nxt.pos_ in ("NOUN", "PROPN", "NUM", "ADJ"):
                continue  # "to 2000 troops": a count
            found.append(DateExpr(m.group(1), s, e, m.group(1), "year"))
        found.sort(key=lambda d: d.start)
        doc.dates = found

    def _clock_time(self, sp, i: int) -> bool:
        """Whether token ``i`` is a four-digit clock time, "1800 UTC", "0900
        GMT", "1400 hours", "2100 local time": never a year, whatever the
        tagger says."""
        tok = sp[i]
        if len(tok.text) != 4 or not tok.text.isdigit() or i + 1 >= len(sp):
            return False
        nxt = sp[i + 1].text
        if nxt in self.lex.time_zones:  # capitals only: "1990 west of" is a year
            return True
        words = tuple(t.lower_ for t in sp[i + 1 : i + 3])
        return any(words[: len(p)] == p for p in self.lex.clock_after)

    def _inside(self, sp, i: int, start: int, end: int) -> bool:
        """Token ``i`` is in [start, end) or a part of the day right after it
        ("that October night")."""
        return start <= i < end or (i == end and sp[i].lower_ in self.lex.parts_of_day)

    def _extend(self, sp, start: int, end: int) -> tuple[int, int]:
        if end < len(sp) and sp[end].lower_ in _EXTEND_RIGHT and not sp[end].ent_type_:
            if sp[end].lower_ in ("'s", "’s", "s") and not re.fullmatch(r"\d{3}0", sp[end - 1].text):
                pass
            else:
                end += 1
        while start > 0 and sp[start - 1].ent_type_ in _NUMERIC_ENTS and not sp[start - 1].is_space:
            prev = sp[start - 1]
            low = prev.lower_.rstrip(".")
            if low in self._left_words or (prev.like_num and len(prev) <= 2):
                start -= 1
            elif low == "that" and prev.dep_ == "det" and self._inside(sp, prev.head.i, start, end):
                start -= 1  # "that September", not "said that Monday's vote"
            else:
                break
        while start < end and sp[start].lower_ == ",":
            start += 1
        return start, end

    def _read(self, sp, start: int, end: int, state: _State, time_only: bool) -> list[DateExpr]:
        """Parse tokens [start, end), trying sub-spans when the whole fails."""
        if not time_only:
            pair = self._split_range(sp, start, end, state)
            if pair:
                return pair
        best = None
        for s, e in _variants(sp, start, end):
            span = sp[s:e]
            res = self._parse(span, state)
            if res is NOT_POINT:
                return []
            if res is not None:
                best = (span, res)
                break
        if best is None:
            span = sp[start:end]
            if time_only or not mentions_time(span.text, self.lex):
                return []
            best = (span, self._fallback(span.text, state.ref))
        span, res = best
        assert isinstance(res, Parsed)
        if (time_only and res.value is None) or _before_clock(sp, span.end):
            return []
        state.note(span, res)
        return [DateExpr(span.text, span.start_char, span.end_char, res.value, res.precision)]

    def _parse(self, span, state: _State, text: str | None = None) -> Parsed | NotPoint | None:
        prev = span.doc[span.start - 1].lower_ if span.start > 0 else ""
        tense = _tense(span, self.lex)
        if tense == "past" and prev in self.lex.target_prepositions:
            # "moved the primary to June 2", "suspended parliament until October
            # 14": the past act set a date that may still lie ahead.
            tense = None
        if prev == "in" and _within_past(span):
            prev = "within"  # "the largest rally in a decade": no point ahead
        return self.parser.parse(text or span.text, state.ref, tense, state.anchors, prev, state.hint(span))

    def _split_range(self, sp, start: int, end: int, state: _State) -> list[DateExpr]:
        """'October 19 to December 2', 'from 2003 to 2008': two dates.

        When both ends name a date on their own, each is listed with its own
        span (the convention of TimeML and GUM), and so is a year range with a
        short end ("1957-58": 1957 and 58, read 1958); a range whose end
        borrows a month from its start ("June 21-23, 2023") stays one range."""
        cut = next((i for i in range(start + 1, end - 1) if sp[i].lower_ in _RANGE_WORDS), None)
        if cut is None:
            return []
        left_start = start + (sp[start].lower_ in ("between", "from"))
        left, right = sp[left_start:cut], sp[cut + 1 : end]
        right_text = right.text
        if len(left) == len(right) == 1 and _YEAR.fullmatch(left.text) and re.fullmatch(r"\d\d", right.text):
            century = left.text[:2] if right.text > left.text[2:] else ""
            right_text = century + right.text  # "1957-58"; not "1999-00", which no rule reads
        if not len(left) or not len(right) or not mentions_time(right_text, self.lex):
            return []
        # The year given once at the end is both ends': "February 2 - April 18
        # 2016", "October 19 to December 2 last year".
        last_day = max(
            (i for i, t in enumerate(right) if t.like_num or t.lower_.rstrip(".") in self.lex.months),
            default=-1,
        )
        tail = right[last_day + 1 :].text if 0 <= last_day < len(right) - 1 else ""
        if _YEAR.fullmatch(right[-1].text) and last_day == len(right) - 1:
            tail = right[-1].text
        left_text = left.text
        if tail and not any(_YEAR.fullmatch(t.text) for t in left):
            left_text = f"{left.text} {tail}"
        a = self._parse(left, state, left_text)
        b = self._parse(right, state, right_text)
        if not isinstance(a, Parsed) or not isinstance(b, Parsed) or a.value is None or b.value is None:
            return []
        out = []
        for span, res in ((left, a), (right, b)):
            state.note(span, res)
            out.append(DateExpr(span.text, span.start_char, span.end_char, res.value, res.precision))
        return out

    def _fallback(self, text: str, ref: date | None) -> Parsed:
        if self.fallback and ref is not None:
            got = _dateparser(text, ref.isoformat())
            if got is not None:
                return Parsed(got[0], got[1])
        return Parsed(None, "day")


class _State:
    """What earlier dates in the document tell later ones: the dates the
    narrative named (the anchors of "the next day"; see :func:`_narrative`) and,
    per sentence, whether the dates it names lie ahead of or behind publication
    (a hint for a bare weekend)."""

    def __init__(self, ref: date | None):
        self.ref = ref
        self.anchors: list[Interval] = []
        self._direction: dict[int, str] = {}
        self._keys: dict[int, int] = {}  # span start -> _clause_key, asked once per parse

    def _key(self, span) -> int:
        key = self._keys.get(span.start)
        if key is None:
            key = self._keys[span.start] = _clause_key(span)
        return key

    def hint(self, span) -> str | None:
        return self._direction.get(self._key(span))

    def note(self, span, res: Parsed) -> None:
        iv = res.interval
        if iv is None:
            return
        if _narrative(span):
            self.anchors.append(iv)
        if self.ref is not None:
            if iv.lo > self.ref:
                self._direction[self._key(span)] = "future"
            elif iv.hi < self.ref:
                self._direction[self._key(span)] = "past"


def _clause_key(span) -> int:
    """The first token of the span's sentence, or of its line when the parser ran
    a headline and the first line of the text together."""
    doc = span.doc
    first = span.sent.start if doc.has_annotation("SENT_START") else 0
    for i in range(span.start - 1, first - 1, -1):
        if doc[i].is_space and "\n" in doc[i].text:
            return i + 1
    return first


def _surname(sp, start: int, end: int, surnames: set[str], before: frozenset[str]) -> bool:
    """A month alone that is a person's surname, with no word of time before it
    ("in protest to May's deal", not "in May", "since May")."""
    if not surnames or sp[start].lower_ not in surnames or end - start > 1 + (sp[end - 1].tag_ == "POS"):
        return False
    return start == 0 or sp[start - 1].lower_ not in before


def _before_clock(sp, end: int) -> bool:
    """ "a quarter before 8 p.m.", "ten minutes past 9": a clock time, not a
    quarter of a year counted back."""
    return (
        end < len(sp)
        and sp[end - 1].lower_ in ("before", "after", "past", "to")
        and (sp[end].ent_type_ == "TIME" or sp[end].like_num)
    )


def _within_past(span) -> bool:
    """Whether "in <count> <units>" looks back: after a superlative or "first",
    "only", "not", "never" in the same sentence ("the biggest protest in a
    decade", "for the first time in 20 years", "had not met in years")."""
    doc = span.doc
    first = span.sent.start if doc.has_annotation("SENT_START") else 0
    return any(
        t.tag_ in ("JJS", "RBS") or t.lower_ in ("first", "only", "never") or t.dep_ == "neg"
        for t in doc[first : span.start]
    )


def _count(sp, start: int, end: int) -> bool:
    """A four-digit number the tagger called a date that is a count: "1000 +",
    "2000+ people".  (A plural noun after it says nothing: "of 1500 pupils"
    and "of 2000 levels" parse alike.)"""
    if not re.fullmatch(r"\d{4}", sp[start].text) or start + 1 >= len(sp):
        return False
    return sp[start + 1].text in ("+", "%") and end <= start + 2


def _narrative(span) -> bool:
    """Whether a date sets the narrative's time, so that a later "the next
    day" may count from it: not a date before a noun that it names or
    classifies ("the March 3 accord", "the 2016 election"), which tells
    what is being talked about, not when the story is.  A possessive ("Sunday's
    vote") does set the time."""
    root = span.root
    head = root.head
    return not (
        root.dep_ in ("compound", "nmod", "amod", "nummod")
        and head is not root
        and head.i >= span.end
        and head.pos_ in ("NOUN", "PROPN")
    )


def _free(start: int, end: int, taken: list[tuple[int, int]]) -> bool:
    return not any(a < end and start < b for a, b in taken)


def _segments(ent) -> list[tuple[int, int]]:
    """The entity's tokens cut at line breaks: a date never runs over one."""
    out, start = [], ent.start
    for tok in ent:
        if tok.is_space or "\n" in tok.whitespace_:
            end = tok.i if tok.is_space else tok.i + 1
            if end > start:
                out.append((start, end))
            start = tok.i + 1
    if ent.end > start:
        out.append((start, ent.end))
    return out


def _variants(sp, start: int, end: int) -> list[tuple[int, int]]:
    """The span, then with trailing function words trimmed, then with up to
    two words dropped from either end (fewest dropped first)."""
    while end - start > 1 and sp[start].is_punct:
        start += 1
    e = end
    while e - start > 1 and sp[e - 1].pos_ in _TRIM_POS and sp[e - 1].lower_ not in _EXTEND_RIGHT:
        e -= 1
    out = [(start, end)]
    if e != end:
        out.append((start, e))
    for total in range(1, 2 * _MAX_DROP + 1):
        for left in range(0, min(total, _MAX_DROP) + 1):
            right = total - left
            if right <= _MAX_DROP and e - right - (start + left) >= 1 and not sp[start + left].is_punct:
                out.append((start + left, e - right))
    return out


def _ref_date(published: str | None) -> date | None:
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def _tense(span: SpSpan, lex: DateLexicon) -> str | None:
    """'future', 'past' or None for the clause governing ``span``.

    Climbs from the span's root to the nearest verb (past a bare participle
    to the verb it hangs on); future when it has a
    future auxiliary ("will", "'ll", "would") or is the complement of a verb
    of intention ("plans to visit", "is set to meet", "scheduled for");
    past when its own tag or its auxiliary is past tense."""
    tok = span.root
    for _ in range(6):
        if tok.pos_ in ("VERB", "AUX") or tok.head is tok:
            break
        tok = tok.head
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    if _prospective(tok):
        return "future"
    # A participle without its own auxiliary tells no tense: "..., wounding
    # three guards on the same day" takes that of the verb it hangs on.
    if (
        tok.tag_ in ("VBG", "VBN")
        and tok.dep_ in ("advcl", "conj")
        and tok.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("aux", "auxpass") for c in tok.children)
    ):
        tok = tok.head
    chain = [tok]
    if tok.dep_ == "xcomp" and tok.head is not tok:  # "plans to visit", "is set to meet"
        chain.append(tok.head)
    for verb in chain:
        auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if verb.lower_ in lex.future_auxiliaries or any(a in lex.future_auxiliaries for a in auxes):
            return "future"
        if verb.lemma_.lower() in lex.future_verbs and (verb is not tok or verb.tag_ == "VBN"):
            return "future"
    if tok.tag_ == "VBD" or any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in tok.children):
        return "past"
    if tok.tag_ == "VBN" and any(c.lower_ in lex.past_auxiliaries for c in tok.children if c.dep_ == "aux"):
        return "past"
    return None


def _prospective(verb) -> bool:
    """An infinitive that points ahead whatever the tense around it: "is to be
    held", "are to travel" (be + to), and an infinitive on a noun, "the
    ballot to be held on May 4", "a summit to take place" -- but not "the
    first leader to visit", "the only party to win", which report the past."""
    if verb.lemma_ == "be" and any(c.dep_ == "xcomp" and _prospective(c) for c in verb.children):
        return True  # the parser hung the date on "are" of "are to travel"
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in verb.children):
        return False
    head = verb.head
    if verb.dep_ == "xcomp":  # "is to", not "was to meet Monday" (planned then, maybe held since)
        return head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP")
    if verb.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
        return not any(
            c.tag_ == "JJS" or c.lower_ in ("first", "last", "only", "second", "third") for c in head.children
        )
    return False


@lru_cache(maxsize=4096)
def _dateparser(text: str, ref_iso: str) -> tuple[str, str] | None:
    """dateparser's reading of an expression our grammar does not cover."""
    try:
        from dateparser.date import DateDataParser
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    ref = datetime.fromisoformat(ref_iso)
    parser = DateDataParser(
        languages=["en"],
        settings={"RELATIVE_BASE": ref, "PREFER_DATES_FROM": "past", "STRICT_PARSING": False},
    )
    try:
        data = parser.get_date_data(text)
    except Exception:  # dateparser raises assorted errors on odd input
        return None
    when = data.date_obj
    if when is None:
        return None
    period = data.period or "day"
    if period == "year":
        return f"{when.year:04d}", "year"
    if period == "month":
        return f"{when.year:04d}-{when.month:02d}", "month"
    return when.date().isoformat(), "day"
