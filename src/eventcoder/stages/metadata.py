"""Metadata: dateline, publication date and licence line, read before parsing.

Runs on the raw text (no parse needed), so the pipeline can decide what the
report's body is before the other stages look at it.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache
from importlib import resources

from ..document import Dateline, Document

_MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# A dateline is an upper-case place (optionally ", STATE"), then an optional
# date and agency in parentheses, then a dash.  Wire forms seen in practice:
#   "TEHRAN- ", "TEHRAN, Aug. 23 (MNA) – ", "WASHINGTON (AP) — ", "KYIV, Ukraine (Reuters) - "
_DATELINE = re.compile(
    r"""^[ \t]*
    (?P<place>[A-Z][A-Z'.\-]+(?:[ ][A-Z][A-Z'.\-]+){0,3})        # TEHRAN / NEW YORK / ST. LOUIS
    (?:,[ ](?P<region>[A-Z][A-Za-z.]+(?:[ ][A-Z][A-Za-z.]+)?))?  # , Ukraine / , Calif.
    (?:,?[ ](?P<month>[A-Z][a-z]{2,8})\.?[ ](?P<day>\d{1,2})(?:,[ ](?P<year>\d{4}))?)?  # , Aug. 23
    (?:[ ]?\((?P<agency>[A-Za-z][A-Za-z .&/-]{0,30})\))?          # (MNA)
    [ ]?(?P<dash>[-\u2013\u2014]{1,2}|:)[ ]?
    """,
    re.VERBOSE,
)
_PUBLISHED = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@lru_cache(maxsize=1)
def _licences() -> list[tuple[re.Pattern[str], str]]:
    raw = json.loads(resources.files("eventcoder.data").joinpath("licences.json").read_text("utf-8"))
    return [(re.compile(item["pattern"], re.IGNORECASE), item["id"]) for item in raw["licences"]]


def find_dateline(text: str) -> Dateline | None:
    m = _DATELINE.match(text)
    if not m:
        return None
    place = m.group("place")
    # A dateline place is a name, not an all-caps headline word run of common words.
    if len(place) < 3 or len(place) > 40:
        return None
    return Dateline(place=place.title(), start=m.start("place"), end=m.end())


def dateline_date(text: str, dl: Dateline, published: str | None) -> str | None:
    """The date inside a dateline such as 'TEHRAN, Aug. 23 (MNA) –', if any."""
    m = _DATELINE.match(text)
    if not m or not m.group("month"):
        return None
    month = _MONTHS.get(m.group("month")[:4].lower().rstrip(".")) or _MONTHS.get(m.group("month")[:3].lower())
    if not month:
        return None
    day = int(m.group("day"))
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
        # The statement is the sentence holding the match.
        s = tail.rfind(".", 0, m.start())
        s = max(s, tail.rfind("\n", 0, m.start()))
        start = tail_start + s + 1
        while start < len(text) and text[start].isspace():
            start += 1
        end = tail_start + m.end()
        dot = text.find(".", end)
        end = len(text) if dot < 0 else dot + 1
        return ident, start, end
    return None


def normalise_published(value: str | None) -> str | None:
    """Keep the YYYY-MM-DD part of an ISO date or timestamp; drop anything else."""
    if not value:
        return None
    value = str(value).strip()
    for candidate in (value[:10], value.replace("/", "-")[:10]):
        if _PUBLISHED.match(candidate):
            try:
                date.fromisoformat(candidate)
                return candidate
            except ValueError:
                return None
    if re.fullmatch(r"\d{8}", value):
        return normalise_published(f"{value[:4]}-{value[4:6]}-{value[6:]}")
    return None


class MetadataStage:
    """Fills ``meta.dateline``, ``meta.published`` (when missing) and ``meta.license``."""

    name = "metadata"

    def __call__(self, doc: Document) -> None:
        meta = doc.meta
        meta.published = normalise_published(meta.published)
        meta.dateline = find_dateline(doc.text)
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
        return start, end
