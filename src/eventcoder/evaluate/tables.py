"""The mapping tables of the scorers (``src/eventcoder/data/evaluate/``) and the CAMEO->PLOVER table.

Each loader reads its file once per process and fails on a malformed line
with :class:`~eventcoder.errors.DataFileError` naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..document import EVENT_TYPES
from ..errors import DataFileError

DATA = Path(__file__).resolve().parents[1] / "data" / "evaluate"
CAMEO_TABLE_NAME = "plover-gsr/CAMEO2PLOVER-2021.txt"
# PLOVER 0.5 names in the PLOVER GSR -> PLOVER 2.0 (the data README gives this map).
PLOVER_05 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# CAMEO roots that PLOVER 2.0 drops (statements and appeals): coded as "no event".
CAMEO_DROPPED = ("01", "02")


def _rows(path: Path, ncols: int) -> list[tuple[int, list[str]]]:
    """Non-comment lines split on tabs, each with its line number; checks the column count."""
    out = []
    try:
        lines = path.read_text("utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read ({exc.strerror})") from None
    for no, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < ncols:
            raise DataFileError(str(path), no, f"expected {ncols} tab-separated columns, found {len(cols)}")
        out.append((no, [c.strip() for c in cols]))
    return out


def _alpha3(path: Path, no: int, code: str) -> str:
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise DataFileError(str(path), no, f"{code!r} is not a three-letter upper-case code")
    return code


@lru_cache(maxsize=1)
def country_aliases() -> dict[str, str]:
    path = DATA / "country_codes.tsv"
    return {_alpha3(path, no, c[0]): _alpha3(path, no, c[1]) for no, c in _rows(path, 2)}


def norm_country(code: str | None) -> str | None:
    """A gold actor code as our actors spell countries (first three letters, legacy codes mapped)."""
    if not code:
        return None
    head = code.strip().upper()[:3]
    if not re.fullmatch(r"[A-Z]{3}", head):
        return None  # "---" = no country in CAMEO actor codes
    return country_aliases().get(head, head)


# PLOVER 0.5 and CAMEO code the UN and the EU as IGO; PLOVER 2.0 (our output) gives
# them their own codes.  A gold IGO is therefore right for any of the three.
_GOLD_EQUIVALENTS = {"IGO": frozenset({"IGO", "UNO", "EUR"})}


def gold_countries(code: str | None) -> frozenset[str]:
    """The codes of ours that a gold actor code accepts."""
    c = norm_country(code)
    if c is None:
        return frozenset()
    return _GOLD_EQUIVALENTS.get(c, frozenset({c}))


@lru_cache(maxsize=1)
def quad_classes() -> dict[str, int]:
    path = DATA / "plover_quadclass.tsv"
    out = {}
    for no, (etype, cls) in ((n, c[:2]) for n, c in _rows(path, 2)):
        if etype not in EVENT_TYPES:
            raise DataFileError(str(path), no, f"{etype!r} is not a PLOVER 2.0 event type")
        if cls not in {"1", "2", "3", "4"}:
            raise DataFileError(str(path), no, f"class must be 1-4, not {cls!r}")
        out[etype] = int(cls)
    missing = set(EVENT_TYPES) - set(out)
    if missing:
        raise DataFileError(str(path), None, f"no class for {', '.join(sorted(missing))}")
    return out


@dataclass(frozen=True)
class CaseLabel:
    label: str
    group: str  # political | non-political | unmapped
    types: frozenset[str]
    why: str


@lru_cache(maxsize=1)
def case_labels() -> dict[str, CaseLabel]:
    path = DATA / "case2021_plover.tsv"
    out = {}
    for no, cols in _rows(path, 3):
        label, group, types = cols[:3]
        if group not in {"political", "non-political", "unmapped"}:
            raise DataFileError(str(path), no, f"unknown group {group!r}")
        ts = frozenset() if types == "-" else frozenset(types.split("|"))
        bad = [t for t in ts if t not in EVENT_TYPES]
        if bad:
            raise DataFileError(str(path), no, f"not PLOVER 2.0 event types: {bad}")
        if (group == "political") != bool(ts):
            raise DataFileError(str(path), no, "political labels need types, the others '-'")
        out[label] = CaseLabel(label, group, ts, cols[3] if len(cols) > 3 else "")
    return out


@lru_cache(maxsize=1)
def place_identities() -> dict[str, tuple[str, str] | None]:
    """Wikipedia title -> (ISO3, "country" | "city"), or None for "neither"."""
    path = DATA / "place_identities.tsv"
    out: dict[str, tuple[str, str] | None] = {}
    for no, (title, code, kind) in ((n, c[:3]) for n, c in _rows(path, 3)):
        if code == "-" or kind == "-":
            if (code, kind) != ("-", "-"):
                raise DataFileError(str(path), no, "'-' goes in both the code and the kind column")
            out[title] = None
        elif kind not in ("country", "city"):
            raise DataFileError(str(path), no, f"kind must be country, city or -, not {kind!r}")
        else:
            out[title] = (_alpha3(path, no, code), kind)
    return out


def _word_list(name: str) -> frozenset[str]:
    path = DATA / name
    words = set()
    for no, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        w = line.strip()
        if not w or w.startswith("#"):
            continue
        if not w.isalpha() or w != w.lower():
            raise DataFileError(str(path), no, f"{w!r}: one lower-case word a line")
        words.add(w)
    return frozenset(words)


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    return _word_list("function_words.txt")


@lru_cache(maxsize=1)
def head_stops() -> frozenset[str]:
    return _word_list("head_stops.txt")


# -- CAMEO -> PLOVER ----------------------------------------------------------------


@dataclass(frozen=True)
class PloverCode:
    type: str
    mode: str | None
    context: tuple[str, ...]


class CameoTable:
    """CAMEO code -> PLOVER (type, mode, context), read from the PLOVER project's table.

    Lines look like ``0311: AGREE,  ,   economic # label``; a two-digit root line
    (``03: AGREE``) gives the type of its family.  A code missing from the table
    falls back to its longest listed prefix.  Roots 01 and 02 map to None.
    """

    LINE = re.compile(r"^(\d{2,4})\s*:\s*([A-Z]+)\s*(?:,([^,#]*))?(?:,([^#]*))?(?:#.*)?$")

    def __init__(self, path: str | Path):
        self.path = str(path)
        self.codes: dict[str, PloverCode] = {}
        try:
            lines = Path(path).read_text("utf-8").splitlines()
        except OSError as exc:
            raise DataFileError(
                self.path, None, f"cannot read the CAMEO->PLOVER table ({exc.strerror})"
            ) from None
        for no, line in enumerate(lines, 1):
            s = line.strip()
            if not s or s.startswith("#"):
                continue
            if set(s) == {"~"}:
                break  # the table's end marker
            m = self.LINE.match(s)
            if m is None:
                raise DataFileError(self.path, no, "expected 'CODE: TYPE, mode, context # label'")
            code, etype, mode, context = m.groups()
            if etype not in EVENT_TYPES:
                raise DataFileError(self.path, no, f"{etype!r} is not a PLOVER 2.0 event type")
            # The first line of a code wins: the table lists "08" twice (CONCEDE, RETREAT).
            if code in self.codes:
                continue
            ctx = tuple(c.strip() for c in (context or "").split(";") if c.strip())
            self.codes[code] = PloverCode(etype, (mode or "").strip() or None, ctx)
        if not self.codes:
            raise DataFileError(self.path, None, "no CAMEO codes found")

    def plover(self, cameo: str) -> PloverCode | None:
        code = cameo.strip()
        if not code.isdigit() or code.startswith(CAMEO_DROPPED):
            return None
        while code:
            hit = self.codes.get(code)
            if hit is not None:
                return hit
            code = code[:-1]
        return None


@lru_cache(maxsize=4)
def cameo_table(path: str) -> CameoTable:
    return CameoTable(path)


def find_cameo_table(gold_path: str | Path, explicit: str | None = None) -> str:
    """The CAMEO->PLOVER table: ``explicit``, else next to the gold under the data root."""
    if explicit:
        return explicit
    p = Path(gold_path).resolve()
    for parent in [p, *p.parents][:4]:
        cand = parent / CAMEO_TABLE_NAME
        if cand.exists():
            return str(cand)
    raise DataFileError(
        str(gold_path), None, f"cannot find {CAMEO_TABLE_NAME} near the gold; pass --cameo-table PATH"
    )
