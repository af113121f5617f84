"""Metadata: dateline, publication date and licence line, read before parsing.

Runs on the raw text (no parse needed), so the pipeline can decide what the
report's body is before the other stages look at it.

A dateline is the wire opening "PLACE[, Region][, date] [(AGENCY)] - ":

    TEHRAN- ...                       TEHRAN, Aug. 23 (MNA) – ...
    WASHINGTON (AP) — ...             KYIV, Ukraine (Reuters) - ...
    LONDON, 5 June (Reuters) - ...    RAMALLAH, West Bank, June 21 (AP) — ...
    Tehran, June 21 (IRNA) - ...      (a place in title case needs a date or an agency)

What is not a dateline: a dash inside a word ("US-China talks"), a headline
or label in capitals ("BREAKING: ...", "IRAN SAYS TALKS FAILED - REPORT":
words from ``data/places/datelines.json``), and an acronym followed by a
dash and a lower-case clause ("NATO - the alliance said"): after a dateline
the report starts a sentence, so the next character must be a capital, a
digit or a quotation mark.
"""

from __future__ import annotations

import json
import re
from datetime import date
from email.utils import parsedate_tz
from functools import lru_cache
from importlib import resources

from ..document import Dateline, Document
from ..errors import DataFileError

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_CAPS_PLACE = r"[A-Z][A-Z'.&/\-]*(?:[ ][A-Z][A-Z'.&/\-]*){0,3}"  # TEHRAN / NEW YORK / ST. LOUIS
_TITLE_PLACE = r"[A-Z][a-z'\-]+(?:[ ][A-Z][a-z'\-]+){0,2}"  # Tehran / New York
_TAIL = r"""
    (?:,[ ](?P<region>[A-Z][A-Za-z.\-]+(?:[ ][A-Z][A-Za-z.\-]+){0,2}))?        # , Ukraine / , Calif. / , West Bank
    (?:,?[ ](?:(?P<month>[A-Z][a-z]{2,8})\.?[ ](?P<day>\d{1,2})                # , Aug. 23
            |(?P<day2>\d{1,2})[ ](?P<month2>[A-Z][a-z]{2,8})\.?)                # , 5 June
        (?:,?[ ](?P<year>\d{4}))?)?
    (?:[ ]?\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,30})\))?                       # (MNA)
    [ ]?(?P<dash>[-\u2013\u2014]{1,2}|:)(?=\s|$)\s*                            # a dash or colon, then space
"""
_DATELINE = re.compile(rf"^[ \t]*(?P<place>{_CAPS_PLACE}){_TAIL}", re.VERBOSE)
_TITLE_DATELINE = re.compile(rf"^[ \t]*(?P<place>{_TITLE_PLACE}){_TAIL}", re.VERBOSE)
_MONTH_NAMES = {
    n[:3]: n
    for n in (
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december",
    )
}  # fmt: skip
# 2024-01-05, 2024/01/05, 20240105, each maybe followed by a time ("T10:00:00Z", " 10:00").
_ISO_DATE = re.compile(r"(\d{4})([-/]?)(\d{2})\2(\d{2})(?![\d/-])(?:[T ].*)?$")
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_NAMED_DATE = re.compile(
    rf"""{_WEEKDAY}
    (?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m1>[a-z]{{3,9}}\.?),?      # 5 January / 5th of Jan.
      |(?P<m2>[a-z]{{3,9}}\.?)\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?)                # January 5 / Jan. 5th,
    \s+(?P<y>\d{{4}})(?!\d)(?:[\s,T].*)?$""",
    re.IGNORECASE | re.VERBOSE,
)
_NUMERIC_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)(?:[\s,T].*)?$")
_SENTENCE_END = re.compile(r"\.(?:\s|$)")
_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s|\n")
_OPENERS = frozenset("\"'“‘«")
HEADLINE_WORDS = 14
HEAD_LINES = 3  # a headline, a byline, a date line
_BYLINE = re.compile(r"(?:by|from)\s", re.IGNORECASE)
HEADLINE_CHARS = 120
# A line that ends a sentence is the report's first sentence, not a headline.
_HEADLINE_END = re.compile(r"[.!?;,][\"'”’)\]]*$")


@lru_cache(maxsize=1)
def _licences() -> list[tuple[re.Pattern[str], str]]:
    return load_licences(resources.files("eventcoder.data").joinpath("licences.json"))


def load_licences(res) -> list[tuple[re.Pattern[str], str]]:
    """(pattern, SPDX id) pairs from a licences.json file."""
    raw = _read_json(res)
    items = raw.get("licences")
    if not isinstance(items, list):
        raise DataFileError(str(res), None, "expected a 'licences' list")
    out = []
    for i, item in enumerate(items):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("id"), str)
            or not isinstance(item.get("pattern"), str)
        ):
            raise DataFileError(str(res), None, f"licences[{i}]: needs 'id' and 'pattern' strings")
        try:
            out.append((re.compile(item["pattern"], re.IGNORECASE), item["id"]))
        except re.error as exc:
            raise DataFileError(str(res), None, f"licences[{i}] ({item['id']}): bad pattern: {exc}") from None
    return out


@lru_cache(maxsize=1)
def _not_places() -> frozenset[str]:
    return load_not_places(resources.files("eventcoder.data").joinpath("places", "datelines.json"))


def load_not_places(res) -> frozenset[str]:
    """The upper-case words of a datelines.json file that rule a dateline out."""
    words = _read_json(res).get("not_places")
    if not isinstance(words, list) or not all(isinstance(w, str) and w == w.upper() for w in words):
        raise DataFileError(str(res), None, "'not_places' must list upper-case words")
    return frozenset(words)


def _read_json(res) -> dict:
    try:
        raw = json.loads(res.read_text("utf-8"))
    except FileNotFoundError:
        raise DataFileError(str(res), None, "file is missing") from None
    except json.JSONDecodeError as exc:
        raise DataFileError(str(res), exc.lineno, f"not valid JSON: {exc.msg}") from None
    if not isinstance(raw, dict):
        raise DataFileError(str(res), 1, "top level must be a JSON object")
    return raw


def _match(text: str) -> re.Match[str] | None:
    """The dateline at the start of ``text``, checked, or None."""
    m = _DATELINE.match(text)
    if m is None:
        m = _TITLE_DATELINE.match(text)
        # A place in title case is a dateline only with a date or an agency.
        if m is None or not (m.group("agency") or _month(m)):
            return None
    place = m.group("place")
    words = place.split()
    if any(w in _not_places() and not (i == 0 and w == "THE") for i, w in enumerate(words)):
        return None
    if m.group("month") and _month(m) is None:
        return None  # "PARIS, France Said -": not a date
    short = len(place.replace(".", "")) < 3
    if len(place) > 40 or (short and not (m.group("agency") or _month(m))):
        return None
    rest = text[m.end() : m.end() + 1]
    if rest and not (rest.isupper() or rest.isdigit() or rest in _OPENERS):
        return None  # "NATO - the alliance said": a sentence, not a dateline
    if m.group("dash") == ":" and not (m.group("agency") or _month(m) or m.group("region")):
        return None  # "WASHINGTON: ..." is too often a label; accept a colon only with more
    return m


def _month(m: re.Match[str]) -> int | None:
    """The month of a dateline's date: a month name or its abbreviation, else None."""
    name = m.group("month") or m.group("month2")
    return _month_number(name) if name else None


def find_dateline(text: str) -> Dateline | None:
    """The dateline opening the text, or opening the line after its head lines (see :func:`head_lines`)."""
    offset = 0
    m = _match(text)
    if m is None:
        for _, _, after in head_lines(text):
            m = _match(text[after:])
            if m is not None:
                offset = after
                break
        else:
            return None
    place = m.group("place")
    return Dateline(
        place=place.title() if place.isupper() else place,
        start=offset + m.start("place"),
        end=offset + m.end(),
    )


def head_lines(text: str) -> list[tuple[int, int, int]]:
    """The short lines heading a text: (start, end, start of the next non-blank line) each.

    A head line has at most ``HEADLINE_WORDS`` words and does not end a
    sentence ("Talks resume in Geneva", "By Jane Roe"), and more text follows
    it; at most ``HEAD_LINES`` of them.  Pages and plain-text files often put a
    headline (and a byline) above the dateline: "Talks\nGENEVA (AP) — ...".
    """
    out: list[tuple[int, int, int]] = []
    pos = len(text) - len(text.lstrip())
    while len(out) < HEAD_LINES:
        end = text.find("\n", pos)
        if end < 0:
            break
        line = text[pos:end].rstrip()
        if not line or len(line) > HEADLINE_CHARS or len(line.split()) > HEADLINE_WORDS:
            break
        if _HEADLINE_END.search(line):
            break
        after = end
        while after < len(text) and text[after].isspace():
            after += 1
        if after >= len(text):
            break
        out.append((pos, pos + len(line), after))
        pos = after
    return out


def headline(text: str, before: int) -> str | None:
    """The headline among the head lines that end before ``before``: not a byline, not a date."""
    for start, end, _ in head_lines(text):
        if end > before:
            break
        line = text[start:end]
        if _BYLINE.match(line) or parse_published(line)[0] is not None:
            continue
        return line
    return None


def dateline_date(text: str, dl: Dateline, published: str | None) -> str | None:
    """The date inside a dateline such as 'TEHRAN, Aug. 23 (MNA) –', if any.

    Without a year in the dateline, the year comes from ``published``; with
    neither, there is no date."""
    line = text.rfind("\n", 0, dl.start) + 1  # the dateline may follow a headline
    m = _match(text[line:])
    month = None if m is None else _month(m)
    if m is None or month is None:
        return None
    day = int(m.group("day") or m.group("day2"))
    if m.group("year"):
        year = int(m.group("year"))
    elif published:
        year = int(published[:4])
    else:
        return None
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_licence(text: str) -> tuple[str, int, int] | None:
    """A licence statement in the last lines: (licence id, start, end)."""
    tail_start = max(0, len(text) - 600)
    tail = text[tail_start:]
    for pattern, ident in _licences():
        matches = list(pattern.finditer(tail))
        if not matches:
            continue
        m = matches[-1]
        # The statement is the sentence holding the match: from the end of the
        # previous sentence to the next full stop
        # (a full stop, maybe closing a quotation, then a space; or a line break).
        begin = 0
        for b in _BOUNDARY.finditer(tail, 0, m.start()):
            begin = b.end()
        start = tail_start + begin
        while start < len(text) and text[start].isspace():
            start += 1
        end = tail_start + m.end()
        dot = _SENTENCE_END.search(text, end)
        end = len(text) if dot is None else dot.start() + 1
        return ident, start, end
    return None


def normalise_published(value: str | None) -> str | None:
    """A publication date as YYYY-MM-DD, or None when there is none or it cannot be read."""
    return parse_published(value)[0]


def parse_published(value: str | None) -> tuple[str | None, str | None]:
    """(YYYY-MM-DD, None) for a publication date we can read; (None, why not) for one we cannot.

    Read: an ISO date or timestamp ("2024-01-05", "2024-01-05T10:00:00Z": the
    date as written, not moved to UTC), "2024/01/05", "20240105", an RFC 2822
    timestamp ("Fri, 05 Jan 2024 10:00:00 GMT"), and a month name with a day and
    a year in either order ("Jan 5, 2024", "5 January 2024", "Friday, 5th of
    January 2024 10:00").  All-numeric day and month ("05/01/2024") are read only
    when one of them is over 12 (or both are the same): 05/01 is 5 January in
    one country and 1 May in another, so it is refused with the reason, not guessed.
    """
    if value is None or value == "":
        return None, None
    value = str(value).strip()
    if not value:
        return None, None
    iso = _ISO_DATE.match(value)
    if iso:
        return _ymd(int(iso.group(1)), int(iso.group(3)), int(iso.group(4)), value)
    named = _NAMED_DATE.match(value)
    if named:
        day = named.group("d1") or named.group("d2")
        month = _month_number(named.group("m1") or named.group("m2"))
        if month is not None:
            return _ymd(int(named.group("y")), month, int(day), value)
    stamp = parsedate_tz(value) if ":" in value else None  # RFC 2822 always has a time
    if stamp is not None and stamp[0] >= 1000:
        return _ymd(stamp[0], stamp[1], stamp[2], value)
    numeric = _NUMERIC_DATE.match(value)
    if numeric:
        a, b, year = (int(x) for x in numeric.groups())
        if a > 12 >= b:
            return _ymd(year, b, a, value)
        if b > 12 >= a or a == b:
            return _ymd(year, a, b, value)
        return None, f"{value!r} is ambiguous (day/month or month/day?); use YYYY-MM-DD"
    return None, f"{value!r} is not a date eventcoder reads; use YYYY-MM-DD"


def _ymd(year: int, month: int, day: int, value: str) -> tuple[str | None, str | None]:
    try:
        return date(year, month, day).isoformat(), None
    except ValueError:
        return None, f"{value!r} is not a valid date; use YYYY-MM-DD"


def _month_number(name: str) -> int | None:
    """1-12 for a month's name or abbreviation ("Jan", "Sept", "january"), else None."""
    low = name.lower().rstrip(".")
    if low in _MONTHS:
        return _MONTHS[low]
    return _MONTHS[low[:3]] if _MONTH_NAMES.get(low[:3]) == low else None


class MetadataStage:
    """Fills ``meta.dateline``, ``meta.published`` (when missing) and ``meta.license``."""

    name = "metadata"

    def __init__(self) -> None:
        # Load the data files now, so a malformed one fails at start-up.
        _licences()
        _not_places()

    def __call__(self, doc: Document) -> None:
        meta = doc.meta
        meta.published = normalise_published(meta.published)
        meta.dateline = find_dateline(doc.text)
        if meta.dateline and meta.dateline.start > 0 and not meta.title:
            meta.title = headline(doc.text, meta.dateline.start)
        if meta.dateline and not meta.published:
            meta.published = dateline_date(doc.text, meta.dateline, None)
        lic = find_licence(doc.text)
        if lic and not meta.license:
            meta.license = lic[0]

    def body(self, doc: Document) -> tuple[int, int]:
        """The report proper: after the dateline, before a licence line."""
        start = doc.meta.dateline.end if doc.meta.dateline else 0
        end = len(doc.text)
        lic = find_licence(doc.text)
        if lic and lic[1] >= start:
            end = lic[1]
        return start, max(start, end)
