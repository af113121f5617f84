"""Find quotation-mark pairs in raw text (no parse needed).

Each mark is classified as opening or closing from its typographic shape and
from what flanks it (a mark after a space and before a letter opens, one after
a letter or punctuation and before a space closes), because real text mixes
straight and curly marks and sometimes uses the wrong curly one.  Marks are
paired within a paragraph: a quote never crosses a line break, so one stray
mark cannot derail the rest of the article.  A quote that opens and is never
closed is returned with ``close = None`` and the position where it must end at
the latest (the next opening mark or the paragraph end); the stage decides the
exact end with the sentence boundaries it has.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARK = re.compile(r"``|''|[\"\u201c\u201d\u201e\u201f\u00ab\u00bb]|[\u2018\u2019']")
_OPENERS = {"\u201c", "\u201e", "\u201f", "\u00ab", "``"}
_CLOSERS = {"\u201d", "\u00bb", "''"}
_SINGLE = {"\u2018", "\u2019", "'"}
_QUOTE_CHARS = "\"'\u201c\u201d\u201e\u201f\u00ab\u00bb\u2018\u2019`"
# characters after which a mark opens / before which a mark closes
_BEFORE_OPEN = set("([{<\u2014\u2013-/:;") | set(_QUOTE_CHARS)
_AFTER_CLOSE = set(".,;:!?)]}>\u2014\u2013-\u2026*") | set(_QUOTE_CHARS)
_WORD = re.compile(r"\w+(?:['\u2019]\w+)*")
_PARA = re.compile(r"\n")

OPEN, CLOSE, EITHER = "open", "close", "either"


@dataclass(frozen=True)
class Mark:
    pos: int
    end: int
    char: str
    role: str


@dataclass(frozen=True)
class Marked:
    """One quoted stretch: the marks and the bounds between them (untrimmed)."""

    open: int
    open_end: int
    close: int | None  # None: opened and never closed
    close_end: int | None
    limit: int  # content ends at close, or for an unclosed quote at the latest here
    para: tuple[int, int]
    single: bool = False


def paragraphs(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The non-empty lines of text[lo:hi] as (start, end) ranges."""
    out = []
    start = lo
    for m in _PARA.finditer(text, lo, hi):
        if text[start : m.start()].strip():
            out.append((start, m.start()))
        start = m.end()
    if text[start:hi].strip():
        out.append((start, hi))
    return out


def _flanks(text: str, pos: int, end: int, para: tuple[int, int]) -> tuple[bool, bool]:
    prev = text[pos - 1] if pos > para[0] else ""
    nxt = text[end] if end < para[1] else ""
    prev_space = prev == "" or prev.isspace()
    next_space = nxt == "" or nxt.isspace()
    opens = (prev_space or prev in _BEFORE_OPEN) and not next_space
    closes = not prev_space and (next_space or nxt in _AFTER_CLOSE)
    return opens, closes


def _double_role(char: str, opens: bool, closes: bool) -> str:
    if char in _OPENERS:
        return CLOSE if closes and not opens else OPEN
    if char in _CLOSERS:
        return OPEN if opens and not closes else CLOSE
    if opens and not closes:
        return OPEN
    if closes and not opens:
        return CLOSE
    return EITHER


def word_count(text: str, start: int, end: int) -> int:
    return len(_WORD.findall(text, start, end))


def _family(char: str) -> str:
    if char == '"':
        return "straight"
    if char in ("``", "''"):
        return "tex"
    if char in "\u00ab\u00bb":
        return "guillemet"
    return "curly"


def _pair_doubles(text: str, marks: list[Mark], para: tuple[int, int]) -> list[Marked]:
    """Pair marks into top-level quotes.

    An opening mark of another family inside an open quote starts a nested
    quote (a straight-quoted title inside a curly quote); a closing mark of the
    nested family ends it, and any other closing mark ends the outer quote,
    which is how a quote opened with one glyph and closed with another is
    still read as one quote.  An opening mark of the same family as the open
    quote means that quote was never closed.
    """
    out: list[Marked] = []
    stack: list[Mark] = []
    for k, mk in enumerate(marks):
        role = mk.role
        fam = _family(mk.char)
        if role == EITHER:
            role = OPEN if not stack else CLOSE
        if role == OPEN:
            if stack and _family(stack[-1].char) != fam and len(stack) < 3:
                stack.append(mk)
                continue
            if len(stack) == 1 and [m.role for m in marks[k + 1 : k + 3]] == [CLOSE, CLOSE]:
                # the same glyph nested ('"We'd camp in what she calls "the swamp" than ..."'):
                # two closers follow, one for each
                stack.append(mk)
                continue
            if stack:
                out.append(Marked(stack[0].pos, stack[0].end, None, None, mk.pos, para))
            stack = [mk]
        elif stack:
            if len(stack) > 1 and _family(stack[-1].char) == fam:
                stack.pop()
                continue
            out.append(Marked(stack[0].pos, stack[0].end, mk.pos, mk.end, mk.pos, para))
            stack = []
        # a stray closing mark without an opener is dropped: guessing where the
        # quote began would invent a quote out of the reporter's words.
    if stack:
        out.append(Marked(stack[0].pos, stack[0].end, None, None, para[1], para))
    return out


def _pair_singles(text: str, marks: list[Mark], para: tuple[int, int], taken: list[Marked]) -> list[Marked]:
    """Pairs of single marks outside double quotes, kept only when clearly quoting."""

    def inside_double(pos: int) -> bool:
        return any(q.open <= pos < (q.close_end or q.limit) for q in taken)

    out: list[Marked] = []
    opened: Mark | None = None
    for mk in marks:
        if inside_double(mk.pos):
            continue
        prev = text[mk.pos - 1] if mk.pos > para[0] else ""
        nxt = text[mk.end] if mk.end < para[1] else ""
        if prev.isalnum() and nxt.isalnum():
            continue  # an apostrophe: don't, Okafor's
        if (
            mk.char != "\u2019"
            and (prev == "" or prev.isspace() or prev in "([\u2014\u2013")
            and nxt.isalpha()
        ):
            opened = mk
            continue
        # a closer needs punctuation on one side, so a plural possessive
        # ("the voters' rights") is not taken for the end of a quote
        closes = (
            prev in ".,?!"
            or nxt == ""
            or nxt in ",.;:?!)\u2014\u2013"
            # before a space, after a word that is no plural: 'to speak \u2018directly\u2019 to'
            or (nxt.isspace() and prev.isalpha() and prev not in "sS" and mk.char != "'")
        )
        if opened is not None and prev and not prev.isspace() and closes:
            if word_count(text, opened.end, mk.pos) >= 3:
                out.append(Marked(opened.pos, opened.end, mk.pos, mk.end, mk.pos, para, single=True))
            opened = None
    return out


def find_marked(text: str, lo: int, hi: int) -> list[Marked]:
    """Every quoted stretch in text[lo:hi], in text order."""
    found: list[Marked] = []
    for para in paragraphs(text, lo, hi):
        doubles: list[Mark] = []
        singles: list[Mark] = []
        for m in _MARK.finditer(text, para[0], para[1]):
            char = m.group()
            opens, closes = _flanks(text, m.start(), m.end(), para)
            if char in _SINGLE:
                singles.append(Mark(m.start(), m.end(), char, EITHER))
            elif not text[para[0] : m.start()].strip():
                # a mark that starts a paragraph opens, whatever its shape
                doubles.append(Mark(m.start(), m.end(), char, OPEN))
            else:
                doubles.append(Mark(m.start(), m.end(), char, _double_role(char, opens, closes)))
        pairs = _pair_doubles(text, doubles, para) if doubles else []
        if singles:
            pairs += _pair_singles(text, singles, para, pairs)
            pairs.sort(key=lambda q: q.open)
        found.extend(pairs)
    return found
