"""Cheap checks that a text is something the English pipeline can read.

They run on every document before spaCy, so they must cost microseconds, not
milliseconds: a regex pass over at most ``SAMPLE_CHARS`` characters.

Language: a text is refused as not English when most of its letters are not
Latin (Arabic, Chinese, Cyrillic, ...), or when it has enough words to judge
and the function words of another listed language outnumber the English ones
(French, German, Spanish, ...), or when almost none of its words are English
function words at all.  Short texts (fewer than ``MIN_WORDS`` words) are never
refused on language: a headline full of names says too little to judge.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from importlib import resources

from .errors import DataFileError, InputError

SAMPLE_CHARS = 20_000  # for the binary check
LANGUAGE_SAMPLE_CHARS = 5_000  # some 800 words: plenty to tell a language
MIN_WORDS = 12  # below this, no language verdict
MIN_LETTERS_FOR_SCRIPT = 20
MAX_FOREIGN_SCRIPT_SHARE = 0.5  # of letters outside the Latin script
MIN_ENGLISH_SHARE = 0.05  # of words; English news is at 0.3 and more
MIN_OTHER_SHARE = 0.12  # another language must reach this to outvote English
MAX_CONTROL_SHARE = 0.01  # control characters (other than whitespace) per character
MIN_WORDS_WITHOUT_STOP = 8  # a text with no full stop is still prose from this many words on

FUNCTION_WORDS = "textcheck/function_words.tsv"
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_LINE = re.compile(r"^([a-z]{2})\t([^\W\d_]+(?:'[^\W\d_]+)?(?: [^\W\d_]+(?:'[^\W\d_]+)?)*)$")
_LETTER = re.compile(r"[^\W\d_]")
# Letters outside the Latin script: Latin letters, accents included, sit below U+0250 or in
# Latin Extended Additional (U+1E00-U+1EFF).
_FOREIGN_LETTER = re.compile(r"[^\W\d_\u0000-\u024f\u1e00-\u1eff]")
# C0/C1 controls other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x01-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# A sentence's end: a full stop, question or exclamation mark after a small letter, a digit or a
# closing quote (not an initial: "U.S." in a menu), maybe inside a quotation, then a space or the end.
_STOP = re.compile(r"[a-z0-9)\"'”’][.!?][\"'”’)\]]*(?=\s|$)")
# JSON escapes can smuggle in lone surrogates ("\\ud800"), which no UTF-8 file or store can hold.
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def parse_function_words(raw: str, path: str = FUNCTION_WORDS) -> dict[str, frozenset[str]]:
    """Parse the function-word table; a malformed line raises DataFileError."""
    table: dict[str, frozenset[str]] = {}
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        m = _LINE.match(line)
        if not m or m.group(2) != m.group(2).lower():
            raise DataFileError(path, lineno, "expected 'xx<TAB>lower-case words separated by spaces'")
        if m.group(1) in table:
            raise DataFileError(path, lineno, f"language {m.group(1)!r} listed twice")
        table[m.group(1)] = frozenset(m.group(2).split())
    if "en" not in table:
        raise DataFileError(path, None, "no 'en' line")
    # A word English shares with another language ("in", "is", "was") is evidence for
    # English only: otherwise a name-heavy English sentence could outvote its few
    # function words with them.
    en = table["en"]
    return {lang: (words if lang == "en" else words - en) for lang, words in table.items()}


@lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    raw = resources.files("eventcoder.data").joinpath(FUNCTION_WORDS).read_text("utf-8")
    return parse_function_words(raw)


def _script(ch: str) -> str:
    # The first word of a Unicode name is the script for letters ("ARABIC LETTER ALEF",
    # "CJK UNIFIED IDEOGRAPH-4E2D", "CYRILLIC SMALL LETTER A").
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0].title() if name else "unknown"


def foreign_script(sample: str) -> str | None:
    """The dominant non-Latin script of a text, when most of its letters are in one."""
    if sample.isascii():
        return None
    foreign = _FOREIGN_LETTER.findall(sample)
    if len(foreign) < MIN_LETTERS_FOR_SCRIPT // 2:
        return None
    letters = len(_LETTER.findall(sample))
    if letters < MIN_LETTERS_FOR_SCRIPT or len(foreign) <= MAX_FOREIGN_SCRIPT_SHARE * letters:
        return None
    counts: dict[str, int] = {}
    for ch in foreign[:2000]:
        s = _script(ch)
        counts[s] = counts.get(s, 0) + 1
    best = max(counts, key=counts.__getitem__)
    return {"Cjk": "Chinese/Japanese", "Hangul": "Korean"}.get(best, best)


@lru_cache(maxsize=1)
def _word_languages() -> dict[str, tuple[str, ...]]:
    # word -> the languages listing it, so one pass over a text counts every language.
    out: dict[str, list[str]] = {}
    for lang, words in function_words().items():
        for w in words:
            out.setdefault(w, []).append(lang)
    return {w: tuple(langs) for w, langs in out.items()}


def language_shares(text: str, sample_chars: int = LANGUAGE_SAMPLE_CHARS) -> tuple[dict[str, float], int]:
    """Share of each listed language's function words among the words of a sample."""
    words = _WORD.findall(text[:sample_chars].lower())
    if not words:
        return {}, 0
    table = _word_languages()
    counts = dict.fromkeys(function_words(), 0)
    for w in words:
        langs = table.get(w)
        if langs:
            for lang in langs:
                counts[lang] += 1
    return {lang: n / len(words) for lang, n in counts.items()}, len(words)


def english_share(text: str, sample_chars: int = LANGUAGE_SAMPLE_CHARS) -> tuple[float, int]:
    """Share of English function words among the words of a text sample, and the word count."""
    shares, n = language_shares(text, sample_chars)
    return shares.get("en", 0.0), n


def language_problem(text: str) -> str | None:
    """Why a text does not look like English, or None when it does (or is too short to tell)."""
    sample = text[:LANGUAGE_SAMPLE_CHARS]
    script = foreign_script(sample)
    if script:
        return f"does not look like English (mostly {script} script)"
    shares, n = language_shares(sample)
    if n < MIN_WORDS:
        return None
    en = shares.pop("en", 0.0)
    if shares:
        lang, other = max(shares.items(), key=lambda kv: kv[1])
        if other >= MIN_OTHER_SHARE and other > en:
            return f"does not look like English (looks like '{lang}')"
    if en < MIN_ENGLISH_SHARE:
        return "does not look like English prose (almost no English function words)"
    return None


def has_sentence(text: str) -> bool:
    """Whether a text holds prose: a sentence's end, or at least ``MIN_WORDS_WITHOUT_STOP`` words.

    What is left of a page that is all navigation ("Home | World | Sports") has neither.
    """
    if _STOP.search(text):
        return True
    # Count words lazily: a long text is prose after its first few.
    return any(n >= MIN_WORDS_WITHOUT_STOP for n, _ in enumerate(_WORD.finditer(text), start=1))


def check_text(text: str, origin: str, max_chars: int) -> None:
    """Raise InputError when ``text`` is empty, binary, too large or not English."""
    if not isinstance(text, str):
        raise InputError(origin, f"text is {type(text).__name__}, not a string")
    if not text.strip():
        raise InputError(
            origin, "empty text", "nothing to extract; check the file or the record's text field"
        )
    if len(text) > max_chars:
        raise InputError(
            origin,
            f"too large ({len(text):,} characters; the limit is {max_chars:,})",
            "split it into articles or raise --max-chars",
        )
    bad = _SURROGATE.search(text)
    if bad:
        raise InputError(
            origin,
            f"holds invalid Unicode (a lone surrogate U+{ord(bad.group()):04X} at character {bad.start()})",
            "fix the \\u escape in the record",
        )
    sample = text[:SAMPLE_CHARS]
    if "\x00" in text or len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample) + 1:
        raise InputError(origin, "looks binary (control characters)", "give a text, HTML or JSONL file")
    problem = language_problem(sample)
    if problem:
        raise InputError(origin, problem, "eventcoder extracts English news reports only")
