"""Where the direct quotations are, cheaply, so that actor coreference can keep out of them.

The quotes stage runs after the actors stage, so the actors stage finds quote regions itself
with a light rule: a mark opens when it stands before a word (after a space or at a line start)
and closes when it stands after one; an opening mark met while a quote is still open means the
earlier quote was never closed, and that one then ends at the start of the sentence holding the
new mark.  Quotes of fewer than three words are scare quotes, not regions.
"""

from __future__ import annotations

import bisect

_OPEN_ONLY = "\u201c\u00ab"  # “ «
_CLOSE_ONLY = "\u201d\u00bb"  # ” »
_MARKS = '"' + _OPEN_ONLY + _CLOSE_ONLY
_MIN_WORDS = 3


def quote_regions(text: str, body: tuple[int, int], sent_starts: list[int]) -> list[tuple[int, int]]:
    """Character ranges [start, end) of direct quotations inside ``body``."""
    regions: list[tuple[int, int]] = []
    open_at: int | None = None
    lo, hi = body
    for p in range(lo, hi):
        ch = text[p]
        if ch == "\n" and open_at is not None and text.startswith("\n\n", p):
            regions.append((open_at, p))  # a paragraph break ends an unclosed quote
            open_at = None
            continue
        if ch not in _MARKS:
            continue
        before = text[p - 1] if p > 0 else " "
        after = text[p + 1] if p + 1 < len(text) else " "
        if ch in _OPEN_ONLY:
            opener = True
        elif ch in _CLOSE_ONLY:
            opener = False
        else:
            opener = (before.isspace() or before in "([{\u2014\u2013-") and not after.isspace()
        if opener:
            if open_at is not None:
                i = bisect.bisect_right(sent_starts, p) - 1
                cut = sent_starts[i] if i >= 0 and sent_starts[i] > open_at else p
                regions.append((open_at, cut))
            open_at = p
        elif open_at is not None:
            regions.append((open_at, p + 1))
            open_at = None
    if open_at is not None:
        regions.append((open_at, hi))
    return [(s, e) for s, e in regions if len(text[s:e].split()) >= _MIN_WORDS]


def in_regions(regions: list[tuple[int, int]], pos: int) -> bool:
    starts = [s for s, _ in regions]
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos < regions[i][1]
