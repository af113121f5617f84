"""Cheap checks that a text is something the English pipeline can read."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from .errors import InputError


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    raw = resources.files("eventcoder.data").joinpath("english_function_words.txt").read_text("utf-8")
    return frozenset(w for line in raw.splitlines() if not line.startswith("#") for w in line.split())


_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_MIN_WORDS_FOR_LANGUAGE = 12
_MIN_FUNCTION_SHARE = 0.08


def english_share(text: str, sample_chars: int = 20000) -> tuple[float, int]:
    """Share of English function words among the words of a text sample."""
    words = _WORD.findall(text[:sample_chars].lower())
    if not words:
        return 0.0, 0
    fw = _function_words()
    hits = sum(1 for w in words if w in fw)
    return hits / len(words), len(words)


def check_text(text: str, origin: str, max_chars: int) -> None:
    """Raise InputError when ``text`` is empty, binary, too large or not English."""
    if not isinstance(text, str):
        raise InputError(origin, f"text is {type(text).__name__}, not a string")
    if not text.strip():
        raise InputError(
            origin, "empty text", "nothing to extract; check the file or the record's text field"
        )
    if "\x00" in text:
        raise InputError(origin, "looks binary (contains NUL characters)", "give a text, HTML or JSONL file")
    if len(text) > max_chars:
        raise InputError(
            origin,
            f"too large ({len(text):,} characters; the limit is {max_chars:,})",
            "split it into articles or raise --max-chars",
        )
    share, n = english_share(text)
    if n >= _MIN_WORDS_FOR_LANGUAGE and share < _MIN_FUNCTION_SHARE:
        raise InputError(
            origin, "does not look like English", "eventcoder extracts English news reports only"
        )
