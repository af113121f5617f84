"""Normalise one English date expression against a reference date.

A small, table-driven parser for the forms news uses ("June 21, 2023", "last
Tuesday", "a few days ago", "the 1990s", "earlier this month"); it reads its
words from ``data/dates/lexicon.json``.  It knows nothing about spaCy: the
date stage hands it the text of a DATE entity, the publication date, the tense
of the clause and the last date the text mentioned.

The text is cut into typed symbols (one letter each: ``M`` month, ``W``
weekday, ``Y`` year, ``N`` number, ``U`` unit, ``R`` last/this/next ...), and
the letter string is matched against a short list of grammar rules, so adding
a form is adding a rule, not another regular expression over raw text.

Every result is an :class:`Interval` (first day, last day, grain); its ISO
form is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` when it is one unit of its
grain and ``A/B`` (precision ``range``) otherwise.
"""

from __future__ import annotations

import calendar
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DataFileError

GRAINS = ("day", "month", "year")
_LEXICON = "lexicon.json"


# -- intervals -----------------------------------------------------------------
@dataclass(frozen=True)
class Interval:
    """Days ``lo``..``hi`` (both inclusive), meant at the resolution ``grain``."""

    lo: date
    hi: date
    grain: str

    def iso(self) -> tuple[str, str]:
        """``(value, precision)`` in the document contract's terms."""
        a, b = _fmt(self.lo, self.grain), _fmt(self.hi, self.grain)
        if a == b:
            return a, self.grain
        return f"{a}/{b}", "range"


def _fmt(d: date, grain: str) -> str:
    if grain == "day":
        return d.isoformat()
    if grain == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return f"{d.year:04d}"


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def day_iv(d: date) -> Interval:
    return Interval(d, d, "day")


def month_iv(y: int, m: int, y2: int | None = None, m2: int | None = None) -> Interval:
    y2 = y if y2 is None else y2
    m2 = m if m2 is None else m2
    return Interval(date(y, m, 1), _month_end(y2, m2), "month")


def year_iv(y: int, y2: int | None = None) -> Interval:
    return Interval(date(y, 1, 1), date(y if y2 is None else y2, 12, 31), "year")


def add_months(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _safe_year(y: int) -> int:
    if not 1 <= y <= 9999:
        raise _NoValue("day")
    return y


# -- results -------------------------------------------------------------------
@dataclass(frozen=True)
class Parsed:
    """A point or period in time; ``value`` is None when it needs a reference date
    (or an anchor) that the caller does not have."""

    value: str | None
    precision: str
    interval: Interval | None = None


class NotPoint:
    """A duration ("three years"), a set ("every day") or an age: not listed."""


NOT_POINT = NotPoint()


class _NoValue(Exception):
    """Raised inside a rule that needs the publication date when there is none."""

    def __init__(self, precision: str):
        self.precision = precision


# -- the lexicon ---------------------------------------------------------------
@dataclass
class Sym:
    code: str
    value: Any
    raw: str


@dataclass
class DateLexicon:
    phrases: dict[tuple[str, ...], tuple[str, Any]]
    max_phrase: int
    months: dict[str, int]
    weekdays: dict[str, int]
    parts_of_day: frozenset[str]
    future_auxiliaries: frozenset[str] = frozenset()
    future_verbs: frozenset[str] = frozenset()
    past_auxiliaries: frozenset[str] = frozenset()
    clock_after: frozenset[tuple[str, ...]] = frozenset()  # "hours", ("local", "time")
    time_zones: frozenset[str] = frozenset()  # "UTC", written in capitals
    target_prepositions: frozenset[str] = frozenset()  # "until": a past act's target date
    before_month: frozenset[str] = frozenset()  # "in", "since": a month, not a surname, follows


def json_line(text: str, needle: str) -> int | None:
    """The line of ``text`` where the JSON string ``needle`` first appears."""
    at = text.find(json.dumps(needle, ensure_ascii=False))
    return None if at < 0 else text.count("\n", 0, at) + 1


def _load_raw(source: str | Path | None) -> tuple[str, dict[str, Any], str]:
    res = resources.files("eventcoder.data").joinpath("dates", _LEXICON) if source is None else Path(source)
    path = str(res)
    try:
        text = res.read_text("utf-8")
        raw = json.loads(text)
    except FileNotFoundError:
        raise DataFileError(path, None, "file is missing") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(path, exc.lineno, f"not valid JSON: {exc.msg}") from None
    if not isinstance(raw, dict):
        raise DataFileError(path, 1, "top level must be a JSON object")
    return path, raw, text


_TABLES: dict[str, tuple[type, str]] = {
    # table -> (JSON type, symbol code)
    "months": (dict, "M"),
    "weekdays": (dict, "W"),
    "numbers": (dict, "N"),
    "vague": (dict, "V"),
    "units": (dict, "U"),
    "seasons": (dict, "S"),
    "decades": (dict, "E"),
    "ordinals": (dict, "O"),
    "relative": (dict, "R"),
    "deictic": (dict, "T"),
    "now": (list, "n"),
    "recent": (list, "r"),
    "anaphoric": (dict, "L"),
    "same": (list, "s"),
    "modifiers": (dict, "K"),
    "ends": (list, "Z"),
    "parts_of_day": (list, "P"),
    "holidays": (dict, "H"),
    "fixed_dates": (dict, "F"),
    "sets": (list, "$"),
    "fillers": (list, "_"),
    "fiscal": (list, "f"),
}
_UNITS = {"day", "week", "fortnight", "month", "quarter", "year", "decade", "century", "weekend", "hour"}


def load_lexicon(source: str | Path | None = None) -> DateLexicon:
    """The word tables from ``source`` (default: the shipped lexicon.json)."""
    path, raw, text = _load_raw(source)  # the text, for the line numbers of errors
    phrases: dict[tuple[str, ...], tuple[str, Any]] = {}
    for table, (kind, code) in _TABLES.items():
        entries = raw.get(table)
        if not isinstance(entries, kind):
            raise DataFileError(
                path, json_line(text, table), f"table {table!r} must be a JSON {kind.__name__}"
            )
        items = entries.items() if isinstance(entries, dict) else ((w, True) for w in entries)
        for key, value in items:
            words = tuple(tokenize(str(key)))
            if not words:
                raise DataFileError(path, json_line(text, key), f"{table}: empty key {key!r}")
            phrases[words] = (code, _check(path, json_line(text, key), table, key, value))
    # Small structural words the grammar needs; not vocabulary, so kept here.
    for word, sym in {
        "ago": ("A", -1),
        "back": ("A", -1),
        "hence": ("A", 1),
        "or": ("o", None),
        "and": ("t", None),
        "to": ("t", None),
        "through": ("t", None),
        "thru": ("t", None),
        "between": ("b", None),
        "from": ("b", None),
        "half": ("h", None),
    }.items():
        phrases.setdefault((word,), sym)
    phrases.setdefault(("and", "a", "half"), ("q", None))
    tense = raw.get("tense")
    keys = ("future_auxiliaries", "future_verbs", "past_auxiliaries", "target_prepositions")
    if not isinstance(tense, dict) or not all(
        isinstance(tense.get(k), list) and all(isinstance(w, str) for w in tense[k]) for k in keys
    ):
        raise DataFileError(
            path, json_line(text, "tense"), f"table 'tense' must map {', '.join(keys)} to lists of words"
        )
    return DateLexicon(
        phrases=phrases,
        max_phrase=max(len(k) for k in phrases),
        months={k: v for k, v in raw["months"].items()},
        weekdays={k: v for k, v in raw["weekdays"].items()},
        parts_of_day=frozenset(raw["parts_of_day"]),
        future_auxiliaries=frozenset(w.lower() for w in tense["future_auxiliaries"]),
        future_verbs=frozenset(w.lower() for w in tense["future_verbs"]),
        past_auxiliaries=frozenset(w.lower() for w in tense["past_auxiliaries"]),
        target_prepositions=frozenset(w.lower() for w in tense["target_prepositions"]),
        clock_after=frozenset(tuple(w.lower().split()) for w in _words(path, text, raw, "clock_after")),
        time_zones=frozenset(w.upper() for w in _words(path, text, raw, "time_zones")),
        before_month=frozenset(w.lower() for w in _words(path, text, raw, "before_month")),
    )


def _words(path: str, text: str, raw: dict[str, Any], table: str) -> list[str]:
    """A table that is a plain list of words or phrases (not grammar symbols)."""
    words = raw.get(table)
    if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
        raise DataFileError(path, json_line(text, table), f"table {table!r} must be a list of words")
    return words


def _check(path: str, line: int | None, table: str, key: str, value: Any) -> Any:
    """Validate one table entry and turn it into the symbol's value."""

    def bad(reason: str) -> DataFileError:
        return DataFileError(path, line, f"{table}: {key!r}: {reason}")

    if table in ("months", "weekdays", "numbers", "decades", "ordinals", "relative", "deictic", "anaphoric"):
        if not isinstance(value, int) or isinstance(value, bool):
            raise bad("value must be an integer")
        if table == "months" and not 1 <= value <= 12:
            raise bad("month must be 1-12")
        if table == "weekdays" and not 0 <= value <= 6:
            raise bad("weekday must be 0 (Monday) to 6")
        return value
    if table in ("vague", "seasons", "holidays"):
        if not (isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value)):
            raise bad("value must be a pair of integers")
        if table == "holidays":
            try:
                date(2000, value[0], value[1])
            except ValueError:
                raise bad("not a valid month and day") from None
        return tuple(value)
    if table == "units":
        if value not in _UNITS:
            raise bad(f"unit must be one of {sorted(_UNITS)}")
        return (value, key.endswith("s") and key != "century")
    if table == "modifiers":
        if value not in ("early", "mid", "late"):
            raise bad("modifier must be early, mid or late")
        return value
    if table == "fixed_dates":
        try:
            return date.fromisoformat(str(value))
        except ValueError:
            raise bad("value must be an ISO date YYYY-MM-DD") from None
    return value


@lru_cache(maxsize=2)
def default_lexicon() -> DateLexicon:
    return load_lexicon()


# -- tokenising ----------------------------------------------------------------
_TOKEN = re.compile(
    r"\d{4}-\d{1,2}-\d{1,2}"  # ISO date
    r"|\d{1,4}/\d{1,2}(?:/\d{2,4})?"  # 6/21/2023, 9/11
    r"|'\d\ds"  # '90s
    r"|\d+(?:st|nd|rd|th|s)?"  # 21, 21st, 1990s
    r"|[a-z]+(?:-[a-z]+)*"  # words, twenty-first
    r"|[-–—]"  # ranges
)


def tokenize(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("‘", "'").replace("`", "'")
    # "mid-1990s", "9/11-related": a hyphen between a word and a number joins nothing.
    text = re.sub(r"(?<=[a-z])-(?=[\d'])|(?<=\d)-(?=[a-z])", " ", text)
    text = re.sub(r"(?<=[a-z])'s\b|(?<=[a-z]s)'", "", text)
    text = re.sub(r"(?<=\d)'s\b", "s", text)  # 1930's
    return _TOKEN.findall(text)


def symbols(text: str, lex: DateLexicon) -> list[Sym] | None:
    """The typed symbols of ``text``; an unknown word becomes ``?``."""
    out: list[Sym] = []
    words: list[str] = []
    for tok in tokenize(text):
        if "-" in tok and tok[0].isalpha() and (tok,) not in lex.phrases:
            words.extend(tok.split("-"))
        else:
            words.append(tok)
    i = 0
    while i < len(words):
        w = words[i]
        # Longest phrase from the lexicon first ("the day before yesterday").
        hit = None
        for n in range(min(lex.max_phrase, len(words) - i), 0, -1):
            got = lex.phrases.get(tuple(words[i : i + n]))
            if got is not None:
                hit = (n, got)
                break
        if hit is not None:
            n, (code, value) = hit
            out.append(Sym(code, value, " ".join(words[i : i + n])))
            i += n
            continue
        out.append(_number_sym(w, lex))
        i += 1
    # "two and a half", "5 1/2": a count with a half.
    merged: list[Sym] = []
    for sym in out:
        if (
            merged
            and merged[-1].code == "N"
            and (sym.code == "q" or (sym.code == "x" and sym.value == (1, 2)))
        ):
            merged[-1] = Sym("N", merged[-1].value + 0.5, f"{merged[-1].raw} {sym.raw}")
            continue
        merged.append(sym)
    return merged


def _number_sym(w: str, lex: DateLexicon) -> Sym:
    if w in ("-", "–", "—"):
        return Sym("t", None, w)
    m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", w)
    if m:
        try:
            return Sym("X", date(int(m[1]), int(m[2]), int(m[3])), w)
        except ValueError:
            return Sym("?", None, w)
    if "/" in w:
        return _slash_sym(w)
    m = re.fullmatch(r"'(\d\d)s", w)
    if m:
        return Sym("E", int(m[1]), w)
    m = re.fullmatch(r"(\d+)(st|nd|rd|th|s)?", w)
    if m:
        n, suffix = int(m[1]), m[2]
        if suffix == "s":
            if len(m[1]) == 4 and n % 10 == 0:
                return Sym("D", n, w)
            if len(m[1]) == 2 and n % 10 == 0:
                return Sym("E", n, w)
            return Sym("?", None, w)
        if suffix:
            return Sym("O", n, w)
        if len(m[1]) == 4 and 1000 <= n <= 2199:
            return Sym("Y", n, w)
        return Sym("N", n, w)
    # "twenty-one" and friends: tens plus units.
    parts = w.split("-")
    if len(parts) == 2 and all((p,) in lex.phrases for p in parts):
        a, b = lex.phrases[(parts[0],)], lex.phrases[(parts[1],)]
        if a[0] == b[0] == "N" and a[1] % 10 == 0 and 0 < b[1] < 10:
            return Sym("N", a[1] + b[1], w)
    return Sym("?", None, w)


def _slash_sym(w: str) -> Sym:
    parts = [int(p) for p in w.split("/")]
    if len(parts) == 3:
        a, b, y = parts
        if y < 100:
            y += 2000 if y < 50 else 1900
        if len(w.split("/")[0]) == 4:  # 2023/06/21
            a, b, y = b, y, a
        # US order (month first) unless the first number cannot be a month.
        m, d = (a, b) if a <= 12 else (b, a)
        try:
            return Sym("X", date(y, m, d), w)
        except ValueError:
            return Sym("?", None, w)
    a, b = parts
    if a <= 12 and 1 <= b <= 31:
        return Sym("x", (a, b), w)  # month/day without a year
    return Sym("?", None, w)


_ANCHOR_CODES = frozenset("MWYXxTHSDEFn")


def mentions_time(text: str, lex: DateLexicon) -> bool:
    """Whether ``text`` names a calendar point (a month, weekday, year, 'today' ...).

    Used to keep an expression the grammar did not understand: one that names
    no such thing is most likely an age, a count or a set, not a date."""
    return any(s.code in _ANCHOR_CODES for s in symbols(text, lex) or ())


# -- the grammar -----------------------------------------------------------------
@dataclass
class Request:
    ref: date | None
    tense: str | None  # "past", "future" or None: the clause's own tense
    anchors: tuple[Interval, ...]  # dates the narrative named, latest last, for "the next day"
    prev: str  # the word before the expression ("in", "for", ...)
    hint: str | None = None  # "past"/"future": where the sentence's other dates lie
    bare: str = "nearest"  # how a bare day, month or weekday is placed (see _bare)
    definite: bool = False  # the expression begins with "the" ("the eleven days")


Rule = Callable[["DateParser", list[Sym], Request], Interval | NotPoint | None]


class DateParser:
    """``DateParser().parse("a few days ago", date(2023, 6, 21))``."""

    def __init__(self, lexicon: DateLexicon | None = None, bare: str = "nearest"):
        if bare not in BARE_RULES:
            raise ValueError(f"bare must be one of {BARE_RULES}")
        self.lex = lexicon or default_lexicon()
        self.bare = bare
        self._rules: list[tuple[re.Pattern[str], Rule]] = [(re.compile(p), r) for p, r in _RULES]

    def parse(
        self,
        text: str,
        ref: date | None,
        tense: str | None = None,
        anchor: Interval | Sequence[Interval] | None = None,
        prev: str = "",
        hint: str | None = None,
    ) -> Parsed | NotPoint | None:
        """A :class:`Parsed` point or period, ``NOT_POINT``, or None when not understood.

        ``anchor`` is the date the text named last, or the narrative's dates in
        text order; ``tense`` the clause's tense, ``hint`` where the sentence's
        other dates lie (weaker than a tense: see :func:`_bare`)."""
        syms = symbols(text, self.lex)
        if not syms:
            return None
        anchors = () if anchor is None else (anchor,) if isinstance(anchor, Interval) else tuple(anchor)
        definite = syms[0].raw == "the"
        req = Request(ref, tense, anchors, prev.lower(), hint, self.bare, definite)
        try:
            iv = self._interval(syms, req)
        except _NoValue as exc:
            return Parsed(None, exc.precision)
        except (ValueError, OverflowError, TypeError):
            return None  # "February 30", "apr five 1/2": not a date
        if iv is None or isinstance(iv, NotPoint):
            return iv
        value, precision = iv.iso()
        return Parsed(value, precision, iv)

    # The symbols after fillers and parts of day are dropped, with modifiers
    # ("early", "the end of", "the first half of") applied around the core.
    def _interval(self, syms: list[Sym], req: Request) -> Interval | NotPoint | None:
        if any(s.code == "$" for s in syms):
            return NOT_POINT
        part_of_day = any(s.code == "P" for s in syms)
        if len(syms) > 2 and syms[0].code == "L" and syms[1].raw == "in" and syms[-1].code == "U":
            # "later in the day", "earlier in the week": within the period last named
            syms = [Sym("s", True, "in"), syms[-1]]
        syms = [s for s in syms if s.code not in ("_", "P")]
        if part_of_day and [s.code for s in syms] == ["R"] and syms[0].value == 0:  # "this morning"
            return day_iv(_need(req, "day"))
        # "some 20 years ago": "some" before a number is a hedge, not a count.
        syms = [
            s
            for i, s in enumerate(syms)
            if not (s.code == "V" and i + 1 < len(syms) and syms[i + 1].code == "N")
        ]
        if not syms or any(s.code == "?" for s in syms):
            return None
        # "earlier this month", "later this year": the period itself.
        if len(syms) > 1 and syms[0].code == "L" and syms[1].code == "R":
            syms = syms[1:]
        mod = None
        if syms[0].code in ("K", "Z"):
            mod = "end" if syms[0].code == "Z" else syms[0].value
            syms = syms[1:]
        elif len(syms) > 1 and syms[-1].code == "Z":  # "year end"
            mod, syms = "end", syms[:-1]
        half = None
        if len(syms) > 2 and syms[0].code == "O" and syms[1].code == "h" and syms[0].value in (1, 2):
            half, syms = syms[0].value, syms[2:]
        if syms and syms[0].code == "b" and not any(x.code == "t" for x in syms):
            syms = syms[1:]  # "between July 2003" cut short by the tagger
        if not syms:
            return None
        if (
            len(syms) == 1
            and syms[0].code == "U"
            and not syms[0].value[1]
            and (mod or half or syms[0].value[0] == "weekend")
        ):
            # "the end of the year", "over the weekend": the current one
            syms = [Sym("R", 0, "this"), syms[0]]
        if len(syms) == 2 and syms[1].code == "U" and syms[0].code == "R" and syms[0].value == 0:
            syms = [syms[0], Sym("U", (syms[1].value[0], False), syms[1].raw)]  # "this years" (sic)
        if len(syms) == 2 and syms[0].code == "U" and syms[1].code == "R" and syms[1].value > 0:
            syms = [syms[1], syms[0]]  # "the months ahead"
        iv = self._core(syms, req)
        if isinstance(iv, Interval):
            if mod:
                iv = _part(iv, mod)
            if half:
                iv = _half(iv, half)
        return iv

    def _core(self, syms: list[Sym], req: Request) -> Interval | NotPoint | None:
        codes = "".join(s.code for s in syms)
        for pattern, rule in self._rules:
            if pattern.fullmatch(codes):
                return rule(self, syms, req)
        if "t" in codes and codes[0] != "t":
            return _range(self, syms, req)
        return None


# -- helpers for the rules ---------------------------------------------------------
def _need(req: Request, precision: str) -> date:
    if req.ref is None:
        raise _NoValue(precision)
    return req.ref


BARE_RULES = ("nearest", "tense")
# How far (days) a bare date of the yearly cycle may lie on the far side of
# publication for the clause's tense before the other year is taken.  Within a
# month a past tense mostly reports a schedule ("the vote was set for May 2",
# "resigned effective July 31"), a future tense a run already begun ("will run
# from May 2 to June 9") or a report published days after it was written;
# a bare date more than a month away is rare in news without its year.
TENSE_SLACK_DAYS = 30
# How far (days) the nearest occurrence must lie on the far side of the
# sentence's other dates (req.hint) for them to move it: "to Oslo next month,
# Rome in December and Lima in April", all ahead.
HINT_SLACK_DAYS = 60


def _distance(iv: Interval, ref: date) -> int:
    if iv.lo > ref:
        return (iv.lo - ref).days
    if iv.hi < ref:
        return (ref - iv.hi).days
    return 0


def _bare(req: Request, ref: date, cands: list[Interval], weekly: bool = False) -> Interval:
    """Which occurrence of a date given without its year ("October 3", "March",
    "Christmas") or week ("Tuesday") is meant.

    Rule "nearest" (the default) for the yearly cycle: the occurrence nearest
    publication (on a tie, the earlier one: news mostly reports what happened),
    unless the clause's own tense says otherwise: a past-tense clause is not
    about a date more than ``TENSE_SLACK_DAYS`` ahead, a future-tense one not
    about a date that long over.  A weaker sign (``req.hint``: the sentence's
    other dates, or a tense the stage judged weak) moves it only when it lies
    more than ``HINT_SLACK_DAYS`` on the far side.

    A weekday (``weekly``), and every date under rule "tense" (the first
    version, kept to measure against), takes the past reading unless the
    clause, else the sentence, points ahead: a weekday without a tense is
    far more often the one just gone ("since Tuesday", captions) than the one
    to come, which the measure in docs/scoreboard.md bears out."""
    cands = sorted(cands, key=lambda c: c.lo)
    begun = [c for c in cands if c.lo <= ref]
    not_over = [c for c in cands if c.hi >= ref]
    if weekly or req.bare == "tense":
        if (req.tense or req.hint) == "future":
            return not_over[0]
        return begun[-1]
    best = min(cands, key=lambda c: (_distance(c, ref), c.lo > ref))
    tense, slack = req.tense, TENSE_SLACK_DAYS
    if tense is None:
        tense, slack = req.hint, HINT_SLACK_DAYS
    if tense == "past" and best.lo > ref + timedelta(days=slack):
        return begun[-1]
    if tense == "future" and best.hi < ref - timedelta(days=slack):
        return not_over[0]
    return best


def _bare_day(req: Request, m: int, d: int) -> Interval:
    """A month and day without a year."""
    ref = _need(req, "day")
    cands = []
    for y in range(ref.year - 4, ref.year + 5):  # 29 February: the leap years around
        try:
            cands.append(day_iv(date(y, m, d)))
        except ValueError:
            continue
    if not cands:
        raise ValueError("day of month")
    if req.bare == "tense" and req.tense is None and req.hint is None:  # the first version's own-year reading
        same = [c for c in cands if c.lo.year == ref.year]
        if same:
            return same[0]
    return _bare(req, ref, cands)


def _part(iv: Interval, mod: str) -> Interval:
    """The early/mid/late part of a period; "the end of" a period is its last day
    (its last year for decades and centuries), the deadline reading of "due by
    the end of March"."""
    days = (iv.hi - iv.lo).days + 1
    if mod == "end":
        if iv.grain == "year" and iv.lo.year != iv.hi.year:
            return year_iv(iv.hi.year)
        return day_iv(iv.hi)
    if iv.grain == "day" and days == 1:
        return iv
    if iv.grain == "year" and iv.lo.year != iv.hi.year:  # decades: 0-3, 4-6, 7-9
        n = iv.hi.year - iv.lo.year + 1
        a, b = {
            "early": (0, n * 4 // 10 - 1),
            "mid": (n * 4 // 10, n * 7 // 10 - 1),
            "late": (n * 7 // 10, n - 1),
        }[mod]
        return year_iv(iv.lo.year + a, iv.lo.year + b)
    if iv.grain == "year":  # a year: Jan-Apr, May-Aug, Sep-Dec
        y = iv.lo.year
        a, b = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}[mod]
        return month_iv(y, a, y, b)
    if iv.grain == "month" and (iv.lo.year, iv.lo.month) == (iv.hi.year, iv.hi.month):
        y, m = iv.lo.year, iv.lo.month
        end = calendar.monthrange(y, m)[1]
        a, b = {"early": (1, 10), "mid": (11, 20), "late": (21, end)}[mod]
        return Interval(date(y, m, a), date(y, m, b), "day")
    # Any other span: its first, middle or last third, in days.
    third = max(1, days // 3)
    start = {"early": 0, "mid": third, "late": days - third}[mod]
    lo = iv.lo + timedelta(days=start)
    return Interval(lo, lo + timedelta(days=third - 1), "day")


def _half(iv: Interval, which: int) -> Interval:
    if iv.grain == "year" and iv.lo.year == iv.hi.year:
        y = iv.lo.year
        return month_iv(y, 1, y, 6) if which == 1 else month_iv(y, 7, y, 12)
    days = (iv.hi - iv.lo).days + 1
    mid = iv.lo + timedelta(days=days // 2)
    if which == 1:
        return Interval(iv.lo, mid - timedelta(days=1), "day")
    return Interval(mid, iv.hi, "day")


_FINER = {
    "year": ("month", 12),
    "quarter": ("month", 3),
    "month": ("day", 30),
    "week": ("day", 7),
    "fortnight": ("day", 14),
}


def _shift(ref: date, unit: str, n: float) -> Interval:
    """The unit ``n`` steps from ``ref`` (negative: back), at the unit's grain;
    half steps ("two and a half years") move in the next finer unit."""
    if n != int(n):
        if unit in _FINER:
            finer, k = _FINER[unit]
            return _shift(ref, finer, round(n * k))
        n = round(n)
    n = int(n)
    if unit == "day":
        return day_iv(ref + timedelta(days=n))
    if unit == "hour":  # 24 hours ago is yesterday; 5 hours ago still today
        return day_iv(ref + timedelta(days=int(n / 24)))
    if unit in ("week", "fortnight"):
        return day_iv(ref + timedelta(days=n * (7 if unit == "week" else 14)))
    if unit == "weekend":
        return day_iv(ref + timedelta(days=7 * n))
    if unit in ("month", "quarter"):
        y, m = add_months(ref.year, ref.month, n * (3 if unit == "quarter" else 1))
        return month_iv(y, m)
    step = {"year": 1, "decade": 10, "century": 100}[unit]
    return year_iv(_safe_year(ref.year + n * step))


def _span_between(a: Interval, b: Interval) -> Interval:
    lo, hi = (a, b) if a.lo <= b.lo else (b, a)
    grain = a.grain if GRAINS.index(a.grain) <= GRAINS.index(b.grain) else b.grain
    return Interval(lo.lo, hi.hi, grain)


def _calendar_unit(ref: date, unit: str, step: int) -> Interval:
    """This/last/next calendar week, month, year ... around ``ref``."""
    if unit == "day":
        return day_iv(ref + timedelta(days=step))
    if unit in ("week", "fortnight"):
        monday = ref - timedelta(days=ref.weekday()) + timedelta(days=7 * step)
        return Interval(monday, monday + timedelta(days=6), "day")
    if unit == "month":
        y, m = add_months(ref.year, ref.month, step)
        return month_iv(y, m)
    if unit == "quarter":
        q0 = (ref.month - 1) // 3 * 3 + 1
        y, m = add_months(ref.year, q0, 3 * step)
        return month_iv(y, m, *add_months(y, m, 2))
    if unit == "year":
        return year_iv(ref.year + step)
    if unit == "decade":
        d = ref.year // 10 * 10 + 10 * step
        return year_iv(d, d + 9)
    if unit == "century":
        c = ref.year // 100 * 100 + 100 * step
        return year_iv(c, c + 99)
    return day_iv(ref)


def _weekend(ref: date, step: int, tense: str | None) -> Interval:
    sat_before = ref - timedelta(days=(ref.weekday() - 5) % 7)  # latest Saturday <= ref
    if step < 0:
        sat = sat_before if sat_before + timedelta(days=1) < ref else sat_before - timedelta(days=7)
    elif step > 0:
        sat = sat_before + timedelta(days=7)
    elif tense == "past" or ref.weekday() >= 5:
        sat = sat_before
    else:
        sat = sat_before + timedelta(days=7)
    return Interval(sat, sat + timedelta(days=1), "day")


def _weekday(req: Request, ref: date, wd: int, step: int) -> date:
    back = (ref.weekday() - wd) % 7
    fwd = (wd - ref.weekday()) % 7
    if step < 0:
        return ref - timedelta(days=back or 7)
    if step > 0:
        return ref + timedelta(days=fwd or 7)
    cands = [day_iv(ref - timedelta(days=back)), day_iv(ref + timedelta(days=fwd or 7))]
    return _bare(req, ref, cands, weekly=True).lo


def _season(req: Request, ref: date, months: tuple[int, int], step: int) -> Interval:
    def of(y: int) -> Interval:
        a, b = months
        return month_iv(y, a, y + 1, b) if b < a else month_iv(y, a, y, b)

    cands = [of(y) for y in range(ref.year - 2, ref.year + 2)]
    if step < 0:  # the last one that is over
        return [c for c in cands if c.hi < ref][-1]
    if step > 0:
        return next(c for c in cands if c.lo > ref)
    return _bare(req, ref, cands)


# The coarsest anchor each unit may count from: "the next month" needs a month
# or finer, "the following year" any date.  A single day counts only from a
# single day (see _anchor).
_UNIT_GRAIN = {"hour": "day", "day": "day", "week": "day", "weekend": "day", "fortnight": "day"}
_UNIT_GRAIN |= {"month": "month", "quarter": "month"}


def _anchor(req: Request, precision: str, direction: int = 0, unit: str = "day", one: bool = False) -> date:
    """The date an anaphoric expression counts from (its end when counting
    forward): the last one the narrative named that is fine enough for the
    unit counted, else the publication date.  "The previous day" skips an
    intervening "last October" or "this week" and counts from the last single
    day named (``one``); a vague count, "a few days later", may count from a
    few days ("late June")."""
    iv = _anchor_iv(req, unit, one)
    if iv is not None:
        return iv.hi if direction > 0 else iv.lo
    return _need(req, precision)


def _anchor_iv(req: Request, unit: str, one: bool = False) -> Interval | None:
    grain = _UNIT_GRAIN.get(unit, "year")
    for iv in reversed(req.anchors):
        if one and grain == "day" and iv.lo != iv.hi:
            continue
        if req.tense == "past" and req.ref is not None and iv.lo > req.ref:
            continue  # "the next court date is April 5 ... died the same day": not April 5
        if GRAINS.index(iv.grain) <= GRAINS.index(grain):
            return iv
    return None


def _quantity(sym: Sym) -> tuple[int, int]:
    if sym.code == "V":
        return sym.value
    return sym.value, sym.value


# -- the rules (symbols -> interval) -------------------------------------------------
def _r_explicit(p: DateParser, s: list[Sym], req: Request) -> Interval:
    return day_iv(s[-1].value)


def _r_slash_md(p: DateParser, s: list[Sym], req: Request) -> Interval:
    m, d = s[0].value
    return _bare_day(req, m, d)


def _r_fixed(p: DateParser, s: list[Sym], req: Request) -> Interval:
    return day_iv(s[0].value)


def _md(s: list[Sym]) -> tuple[int, int]:
    m = next(x.value for x in s if x.code == "M")
    d = next(x.value for x in s if x.code in ("N", "O"))
    if not isinstance(d, int) or not 1 <= d <= 31:
        raise ValueError("day of month")
    return m, d


def _r_mdy(p: DateParser, s: list[Sym], req: Request) -> Interval:
    m, d = _md(s)
    return day_iv(date(s[-1].value, m, d))


def _r_md(p: DateParser, s: list[Sym], req: Request) -> Interval:
    m, d = _md(s)
    return _bare_day(req, m, d)


def _r_md_relative_year(p: DateParser, s: list[Sym], req: Request) -> Interval | None:
    """'December 11 last year', 'March of next year': a day or month in a relative year."""
    unit = s[-1].value[0]
    if unit != "year":
        return None
    y = _need(req, "day").year + s[-2].value
    if any(x.code in ("N", "O") for x in s):
        m, d = _md(s)
        return day_iv(date(y, m, d))
    return month_iv(y, next(x.value for x in s if x.code == "M"))


def _r_my(p: DateParser, s: list[Sym], req: Request) -> Interval:
    return month_iv(s[-1].value, s[0].value)


def _r_year(p: DateParser, s: list[Sym], req: Request) -> Interval:
    return year_iv(s[-1].value)


def _r_month(p: DateParser, s: list[Sym], req: Request) -> Interval:
    m = s[-1].value
    ref = _need(req, "month")
    step = s[0].value if s[0].code == "R" else 0
    if step < 0:
        y = ref.year if m < ref.month else ref.year - 1
    elif step > 0:
        y = ref.year if m > ref.month else ref.year + 1
    elif s[0].code == "R":
        y = ref.year
    else:
        if req.bare == "tense" and req.tense is None and req.hint is None:
            return month_iv(ref.year, m)  # the first version's own-year reading
        return _bare(req, ref, [month_iv(y, m) for y in range(ref.year - 1, ref.year + 2)])
    return month_iv(y, m)


def _r_weekday(p: DateParser, s: list[Sym], req: Request) -> Interval:
    step = s[0].value if s[0].code == "R" else 0
    wd = next(x.value for x in s if x.code == "W")
    return day_iv(_weekday(req, _need(req, "day"), wd, step))


def _r_deictic(p: DateParser, s: list[Sym], req: Request) -> Interval:
    return day_iv(_need(req, "day") + timedelta(days=s[0].value))


def _r_now(p: DateParser, s: list[Sym], req: Request) -> Interval:
    return day_iv(_need(req, "day"))


def _r_relative_unit(p: DateParser, s: list[Sym], req: Request) -> Interval | NotPoint:
    step = [x.value for x in s if x.code == "R"][-1]
    unit, plural = s[-1].value
    grain = {"day": "day", "week": "range", "weekend": "range", "month": "month"}.get(unit, "year")
    ref = _need(req, grain)
    if plural:  # "the coming weeks", "the past months": a few units from now
        return _vague_period(ref, unit, step or -1, (1, 7))
    if unit == "weekend":
        return _weekend(ref, step, req.tense or req.hint)
    if unit == "day" and step:
        return _anaphoric_unit(p, s, req)
    if step > 0 and req.definite and req.tense == "past" and _anchor_iv(req, unit, True) is not None:
        return _anaphoric_unit(p, s, req)  # "retired the next year": the year after the story's
    return _calendar_unit(ref, unit, step)


def _vague_period(ref: date, unit: str, direction: int, q: tuple[float, float]) -> Interval:
    """From the publication date to ``q[1]`` units away from it."""
    far = _shift(ref, unit, direction * q[1])
    here = {"day": day_iv(ref), "month": month_iv(ref.year, ref.month)}.get(far.grain, year_iv(ref.year))
    return _span_between(far, here)


def _r_ago(p: DateParser, s: list[Sym], req: Request) -> Interval:
    direction = s[-1].value  # ago -1, hence +1
    unit = s[-2].value[0]
    nums = [x for x in s if x.code in ("N", "V")]
    lo, hi = min(_quantity(nums[0])), max(_quantity(nums[-1]))
    ref = _need(req, "day" if unit in ("day", "week", "hour") else "year")
    if lo == hi:
        return _shift(ref, unit, direction * lo)
    return _span_between(_shift(ref, unit, direction * hi), _shift(ref, unit, direction * lo))


def _r_from_now(p: DateParser, s: list[Sym], req: Request) -> Interval:
    unit = s[1].value[0]
    lo, hi = _quantity(s[0])
    ref = _need(req, "day")
    if lo == hi:
        return _shift(ref, unit, lo)
    return _span_between(_shift(ref, unit, lo), _shift(ref, unit, hi))


def _r_count_unit(p: DateParser, s: list[Sym], req: Request) -> Interval | NotPoint:
    # "three years" is a duration; "in three years" a point ahead of publication,
    # but "in the eleven days of strikes" a duration again.
    if req.prev != "in" or req.definite:
        return NOT_POINT
    return _r_from_now(p, s, req)


def _r_anaphoric_count(p: DateParser, s: list[Sym], req: Request) -> Interval:
    """'two days later', 'a few years earlier': from the last date mentioned."""
    direction = s[-1].value
    unit = s[-2].value[0]
    lo, hi = _quantity(s[0])
    base = _anchor(req, "day", direction, unit)
    if lo == hi:
        return _shift(base, unit, direction * lo)
    return _span_between(_shift(base, unit, direction * hi), _shift(base, unit, direction * lo))


def _anaphoric_unit(p: DateParser, s: list[Sym], req: Request) -> Interval:
    """'the next day', 'the year before', 'the following week'."""
    unit = next(x.value[0] for x in s if x.code == "U")
    direction = next(x.value for x in s if x.code in ("L", "R"))
    base = _anchor(req, "day", direction, unit, one=True)
    if unit in ("week", "weekend", "fortnight"):
        return _calendar_unit(base, "week", direction)
    return _calendar_unit(base, unit, direction)


def _r_same(p: DateParser, s: list[Sym], req: Request) -> Interval:
    unit = s[-1].value[0]
    return _calendar_unit(_anchor(req, "day", 0, unit, one=True), unit, 0)


def _r_same_month(p: DateParser, s: list[Sym], req: Request) -> Interval:
    """'that September', 'that October night': the month in the year the
    narrative is in (the last date it named), else in publication's year."""
    m = s[-1].value
    iv = _anchor_iv(req, "year")
    if iv is None:
        return _r_month(p, s[1:], req)
    if iv.lo.year == iv.hi.year:
        return month_iv(iv.lo.year, m)
    cands = [month_iv(y, m) for y in range(iv.lo.year - 1, iv.hi.year + 2)]
    return min(cands, key=lambda c: _distance(c, iv.lo))


def _r_period(p: DateParser, s: list[Sym], req: Request) -> Interval:
    """'the past two years', 'the next five months', 'the last few days'; in a
    past-tense clause "the next four decades" count from the narrative's date
    ("was elected in 1972 and sat for the next four decades")."""
    step = s[0].value or -1
    unit = s[-1].value[0]
    ref = _need(req, "range")
    if step > 0 and req.tense == "past":
        iv = _anchor_iv(req, unit)
        ref = iv.hi if iv is not None else ref
    return _count_period(ref, unit, step, _quantity(s[1]))


def _r_anaphoric_period(p: DateParser, s: list[Sym], req: Request) -> Interval:
    """'the following five years', 'the previous three months': from the
    narrative's last date."""
    step = s[0].value
    unit = s[-1].value[0]
    return _count_period(_anchor(req, "range", step, unit), unit, step, _quantity(s[1]))


def _count_period(ref: date, unit: str, step: int, q: tuple[float, float]) -> Interval:
    lo, hi = q
    if lo == hi == int(hi) and unit in ("month", "year"):
        # A count of calendar units is that many units: "the past two years" are
        # last year and this one, "the next two years" the two after this one.
        n = int(hi)
        near = _shift(ref, unit, 0 if step < 0 else 1)
        far = _shift(ref, unit, -(n - 1) if step < 0 else n)
        return _span_between(far, near)
    return _vague_period(ref, unit, step, q)


def _r_recent(p: DateParser, s: list[Sym], req: Request) -> Interval:
    return _vague_period(_need(req, "range"), s[-1].value[0], -1, (1, 7))


def _r_decade(p: DateParser, s: list[Sym], req: Request) -> Interval:
    sym = s[-1]
    if sym.code == "D":
        start = sym.value
    else:  # "the nineties", "'90s": the latest such decade that has begun
        ref_year = req.ref.year if req.ref else 2000
        start = ref_year // 100 * 100 + sym.value
        if start > ref_year:
            start -= 100
    return year_iv(start, start + 9)


def _r_century(p: DateParser, s: list[Sym], req: Request) -> Interval:
    n = s[0].value
    if not 1 <= n <= 30:
        raise ValueError("century")
    return year_iv((n - 1) * 100, (n - 1) * 100 + 99)


def _r_ordinal_unit_year(p: DateParser, s: list[Sym], req: Request) -> Interval | None:
    """'the first quarter of 2012', 'the second quarter'."""
    n, unit = s[0].value, s[1].value[0]
    if unit != "quarter" or not 1 <= n <= 4:
        return None
    y = s[2].value if len(s) > 2 else _need(req, "range").year
    m = 3 * (n - 1) + 1
    return month_iv(y, m, y, m + 2)


def _r_ordinal_unit(p: DateParser, s: list[Sym], req: Request) -> Interval | None:
    if s[1].value[0] == "century":
        return _r_century(p, s, req)
    return _r_ordinal_unit_year(p, s, req)


def _r_season(p: DateParser, s: list[Sym], req: Request) -> Interval:
    months = next(x.value for x in s if x.code == "S")
    if s[-1].code == "Y":
        a, b = months
        y = s[-1].value
        return month_iv(y, a, y + 1, b) if b < a else month_iv(y, a, y, b)
    step = s[0].value if s[0].code == "R" else 0
    return _season(req, _need(req, "range"), months, step)


def _r_holiday(p: DateParser, s: list[Sym], req: Request) -> Interval:
    m, d = s[0].value
    if s[-1].code == "Y":
        return day_iv(date(s[-1].value, m, d))
    return _bare_day(req, m, d)


def _r_not_point(p: DateParser, s: list[Sym], req: Request) -> NotPoint:
    return NOT_POINT


def _range(p: DateParser, s: list[Sym], req: Request) -> Interval | None:
    """'between 2010 and 2012', 'June 21-23, 2023', 'March 3 to March 5'."""
    if s[0].code == "b":
        s = s[1:]
    cut = next((i for i, x in enumerate(s) if x.code == "t"), None)
    if cut is None or cut == 0 or cut == len(s) - 1:
        return None
    left, right = s[:cut], s[cut + 1 :]
    lcodes, rcodes = "".join(x.code for x in left), "".join(x.code for x in right)
    # "June 21-23, 2023": the right side borrows the month.
    if lcodes in ("MN", "MO", "WMN") and rcodes in ("N", "O", "NY", "OY"):
        right = [next(x for x in left if x.code == "M"), *right]
    # "21-23 June 2023"
    if lcodes in ("N", "O") and rcodes in ("NM", "OM", "NMY", "OMY"):
        left = [*left, right[1]]
    # "2010-12": a two-digit year after a full one.
    if lcodes == "Y" and rcodes == "N" and right[0].value < 100:
        y = left[0].value // 100 * 100 + right[0].value
        if y <= left[0].value:
            return None
        right = [Sym("Y", y, right[0].raw)]
    # A year given once at the end belongs to both sides.
    if right[-1].code == "Y" and not any(x.code == "Y" for x in left) and any(x.code == "M" for x in left):
        left = [*left, right[-1]]
    a = p._core(left, req)
    b = p._core(right, req)
    if not isinstance(a, Interval) or not isinstance(b, Interval) or b.hi < a.lo:
        return None
    if a.grain != b.grain and ((a.lo <= b.lo and b.hi <= a.hi) or (b.lo <= a.lo and a.hi <= b.hi)):
        return None  # "February 6 - this year": an aside, not a range
    return _span_between(a, b)


_Q = "[NV]"
_RULES: list[tuple[str, Rule]] = [
    (r"W?X", _r_explicit),
    (r"x", _r_slash_md),
    (r"F", _r_fixed),
    (r"W?M[NO]Y|W?[NO]MY", _r_mdy),
    (r"W?M[NO]|W?[NO]M", _r_md),
    (r"MY", _r_my),
    (r"W?M[NO]RU|W?[NO]MRU|MRU", _r_md_relative_year),
    (r"f?Y|RfY|UY|fUY", _r_year),
    (r"R?M", _r_month),
    (r"R?W", _r_weekday),
    (r"T", _r_deictic),
    (r"n", _r_now),
    (r"R{1,2}f?U", _r_relative_unit),
    (rf"{_Q}(o{_Q})?UA", _r_ago),
    (rf"{_Q}Ubn", _r_from_now),
    (rf"{_Q}UL", _r_anaphoric_count),
    (r"UL|LU", _anaphoric_unit),
    (r"sU", _r_same),
    (r"sM", _r_same_month),
    (rf"R{_Q}U", _r_period),
    (rf"L{_Q}U", _r_anaphoric_period),
    (r"rU", _r_recent),
    (r"[DE]", _r_decade),
    (r"OU", _r_ordinal_unit),
    (r"OUY", _r_ordinal_unit_year),
    (r"R?SY?", _r_season),
    (r"HY?", _r_holiday),
    (rf"{_Q}U", _r_count_unit),
    (rf"{_Q}(o{_Q})?U|U", _r_not_point),
]
