"""Read the annotated datasets into one neutral form: texts with gold spans, labels and events.

Every reader keeps the text exactly as the gold's offsets count it, so a system
run on ``GoldItem.text`` is scored with plain character offsets.  Nothing is
cached or copied: the files are read from where they are, at run time.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import EventcoderError
from .metrics import Range
from .names import NameRule
from .tables import PLOVER_05, cameo_table, find_cameo_table, gold_countries

QUOTE_MARKS = "\"'“”‘’«»„‟‹›`"


class GoldError(EventcoderError):
    """A gold path that cannot be read or whose format is not known."""


@dataclass
class GoldQuote:
    start: int
    end: int
    kind: str  # direct | indirect
    sources: list[Range] = field(default_factory=list)  # PolNeAR source spans
    speakers: list[str] = field(default_factory=list)  # names and aliases (our seed gold)


@dataclass
class GoldMention:
    start: int
    end: int
    etype: str  # person | organization | place | other GUM types
    named: bool = True
    cluster: str | None = None
    identity: str | None = None  # Wikipedia title (GUM)
    country: str | None = None  # given directly by the gold (our seed places)


@dataclass
class GoldDate:
    start: int
    end: int
    value: str | None  # ISO-like value as the gold writes it, or "lo/hi"
    scored: bool = True  # False: a time expression we do not output (durations, times): don't-care
    within: bool = False  # True: "lo/hi" is a tolerance; any value inside it is right


@dataclass
class GoldEvent:
    type: str | None  # PLOVER 2.0 type; None = a coded event PLOVER drops (statement, appeal)
    actors: frozenset[str] = frozenset()  # country codes
    recipients: frozenset[str] = frozenset()
    cameo: str | None = None


@dataclass
class GoldRole:
    start: int
    end: int
    role: str  # source | target | reciprocal


@dataclass
class GoldItem:
    id: str
    text: str
    published: str | None = None
    title: str | None = None
    sentence_starts: list[int] = field(default_factory=list)
    quotes: list[GoldQuote] | None = None
    mentions: list[GoldMention] | None = None
    dates: list[GoldDate] | None = None
    events: list[GoldEvent] | None = None  # sentence events; [] = no event expected
    label: Any = None
    roles: list[GoldRole] | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass
class GoldSet:
    dataset: str
    path: str
    items: list[GoldItem]
    notes: list[str] = field(default_factory=list)


# -- helpers ----------------------------------------------------------------------


def _jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as fh:
        for no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{path}:{no}: not JSON ({exc.msg})") from None


def _iso_date(value: str | None) -> str | None:
    """'20080804' or '2008-08-04...' -> '2008-08-04'."""
    if not value:
        return None
    v = value.strip()
    m = re.match(r"^(\d{4})-?(\d{2})-?(\d{2})", v)
    return f"{m.group(1)}-{m.group(2)}-{m.group(3)}" if m else None


def _sentence_starts_from_text(text: str) -> list[int]:
    """Rough sentence starts for gold without sentences: text start and after . ! ? or a newline."""
    starts = [0]
    for m in re.finditer(r"(?:[.!?][\"'”’)]*\s+|\n\s*)(?=\S)", text):
        starts.append(m.end())
    return starts


# -- PolNeAR ------------------------------------------------------------------------


def _polnear_quotes(text: str, attributions: list[dict[str, Any]]) -> list[GoldQuote]:
    out = []
    for a in attributions:
        sources = [(s["start"], s["end"]) for s in a.get("source", [])]
        pieces = sorted((c["start"], c["end"]) for c in a.get("content", []))
        # Pieces with only white space between them are one stretch of text that
        # the annotators cut (often at a sentence end), not a quote interrupted by
        # its attribution: join them, as our output and gold would hold them.
        merged: list[list[int]] = []
        for s, e in pieces:
            if merged and not text[merged[-1][1] : s].strip():
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        for s, e in merged:
            kind = "direct" if text[s:e].lstrip()[:1] in QUOTE_MARKS else "indirect"
            out.append(GoldQuote(s, e, kind, sources=sources))
    return out


def load_polnear(path: Path) -> GoldSet:
    f = path / "dev.jsonl" if path.is_dir() else path
    seen: set[str] = set()
    items = []
    copies = 0
    for d in _jsonl(f):
        if d["doc_id"] in seen:
            copies += 1  # a second annotator's copy: score each document once
            continue
        seen.add(d["doc_id"])
        items.append(
            GoldItem(
                id=d["doc_id"],
                text=d["text"],
                published=_iso_date(d.get("publication_date")),
                title=d.get("title"),
                quotes=_polnear_quotes(d["text"], d.get("attributions", [])),
                sentence_starts=_sentence_starts_from_text(d["text"]),
            )
        )
    return GoldSet(
        "polnear", str(f), items, [f"{copies} later annotators' copies skipped (first copy scored)"]
    )


# -- our seed gold ------------------------------------------------------------------------


def _find_all(text: str, needle: str) -> list[int]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append(i)
        i = text.find(needle, i + 1)
    return out


def _locate(text: str, needle: str, used: set[int]) -> Range | None:
    """Where ``needle`` occurs in ``text`` (first unused occurrence), else a loose match of its words."""
    for i in _find_all(text, needle):
        if i not in used:
            used.add(i)
            return i, i + len(needle)
    words = re.findall(r"\w+", needle)
    if not words:
        return None
    m = re.search(r"\W+".join(re.escape(w) for w in words), text)
    return (m.start(), m.end()) if m else None


def load_seed(path: Path) -> GoldSet:
    files = sorted(path.glob("*.gold.json")) if path.is_dir() else [path]
    if not files:
        raise GoldError(f"{path}: no *.gold.json file")
    items, notes = [], []
    for f in files:
        g = json.loads(f.read_text("utf-8"))
        tf = f.parent / g.get("text_file", f.name.replace(".gold.json", ".txt"))
        if not tf.exists():
            raise GoldError(f"{f}: its text file {tf} is missing")
        text = tf.read_text("utf-8")
        used: set[int] = set()
        quotes = []
        for q in g.get("quotes", []):
            r = _locate(text, q["text"], used)
            if r is None:
                notes.append(f"{f.name}: gold quote not found in the text: {q['text'][:40]!r}")
                continue
            quotes.append(
                GoldQuote(r[0], r[1], q["kind"], speakers=[q["speaker"], *q.get("speaker_aliases", [])])
            )
        dates = []
        for dt in g.get("dates", []):
            r = _locate(text, dt["text"], set())
            if r is None:
                notes.append(f"{f.name}: gold date not found: {dt['text']!r}")
                continue
            if dt.get("value_range"):
                dates.append(GoldDate(r[0], r[1], "/".join(dt["value_range"]), within=True))
            else:
                dates.append(GoldDate(r[0], r[1], dt.get("value")))
        mentions = []
        for p in g.get("places", []):
            for m in re.finditer(r"\b" + re.escape(p["name"]) + r"\b", text):
                mentions.append(GoldMention(m.start(), m.end(), "place", country=p.get("country")))
        items.append(
            GoldItem(
                id=g.get("id", f.stem),
                text=text,
                published=g.get("published"),
                title=g.get("title"),
                quotes=quotes,
                dates=dates,
                mentions=mentions,
                sentence_starts=_sentence_starts_from_text(text),
                extra={"source": g.get("source")},
            )
        )
    return GoldSet("seed", str(path), items, notes)


# -- GUM ------------------------------------------------------------------------------


def _gum_value(d: dict[str, Any]) -> tuple[str | None, bool]:
    """A GUM <date> as (value, scored).  Clock times are not dates: don't-care."""
    when = d.get("when")
    if when is None:
        if d.get("from") and d.get("to"):
            return f"{d['from']}/{d['to']}", True
        return None, True
    if re.fullmatch(r"\d{2}:\d{2}(:\d{2})?", when):
        return None, False
    return when, True


def load_gum(path: Path) -> GoldSet:
    f = path / "dev.jsonl" if path.is_dir() else path
    items = []
    for d in _jsonl(f):
        text = d["text"]
        starts = [s["start"] for s in d.get("sentences", [])] or _sentence_starts_from_text(text)
        mentions = []
        for m in d.get("entity_mentions", []):
            mentions.append(
                GoldMention(
                    m["start"],
                    m["end"],
                    m["etype"],
                    cluster=None if m.get("cluster") is None else str(m["cluster"]),
                    identity=m.get("identity"),
                )
            )
        # GUM gives every mention of an identified entity its identity, pronouns
        # included, so the identity says nothing about a name: the capitals rule decides.
        rule = NameRule(text, starts)
        for m in mentions:
            m.named = rule(m.start, m.end)
        dates = []
        for x in d.get("dates", []):
            value, scored = _gum_value(x)
            dates.append(GoldDate(x["start"], x["end"], value, scored))
        quotes = [
            GoldQuote(q["start"], q["end"], "direct") for q in d.get("quotes", []) if q.get("tag") == "quote"
        ]
        items.append(
            GoldItem(
                id=d["doc_id"],
                text=text,
                published=_iso_date(d.get("date_created")),
                title=d.get("title"),
                sentence_starts=starts,
                mentions=mentions,
                dates=dates,
                quotes=quotes,
                extra={"genre": d.get("genre")},
            )
        )
    return GoldSet("gum", str(f), items)


# -- UNER ------------------------------------------------------------------------------

UNER_TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}


def _align(text: str, tokens: list[str], base: int) -> list[Range]:
    """Character offsets of each token in ``text`` (tokens in order, spaces optional)."""
    out, pos = [], 0
    for tok in tokens:
        i = text.find(tok, pos)
        if i < 0:
            raise GoldError(f"token {tok!r} not found in its sentence text")
        out.append((base + i, base + i + len(tok)))
        pos = i + len(tok)
    return out


def _uner_sentence(doc: GoldItem, sent_text: str, toks: list[tuple[str, str]]) -> None:
    """Append one sentence and its BIO spans to ``doc``."""
    base = len(doc.text) + (1 if doc.text else 0)
    doc.text = (doc.text + " " if doc.text else "") + sent_text
    doc.sentence_starts.append(base)
    offs = _align(sent_text, [t for t, _ in toks], base)
    assert doc.mentions is not None
    span: list[Any] | None = None

    def close() -> None:
        if span:
            doc.mentions.append(GoldMention(span[0], span[1], UNER_TYPES.get(span[2], span[2])))  # type: ignore[union-attr]

    for (_, tag), (s, e) in zip(toks, offs, strict=True):
        inside = tag.startswith("I-") and span is not None and span[2] == tag[2:]
        if inside:
            assert span is not None
            span[1] = e
            continue
        close()
        span = [s, e, tag[2:]] if tag[:2] in ("B-", "I-") else None
    close()


def load_uner(path: Path) -> GoldSet:
    files = sorted(path.glob("*.iob2")) if path.is_dir() else [path]
    if not files:
        raise GoldError(f"{path}: no *.iob2 file")
    docs: list[GoldItem] = []
    for f in files:
        cur: GoldItem | None = None
        sent_text: str | None = None
        toks: list[tuple[str, str]] = []
        for line in [*f.read_text("utf-8").splitlines(), ""]:
            if line.startswith("# newdoc id"):
                cur = GoldItem(id=line.split("=", 1)[1].strip(), text="", mentions=[])
                docs.append(cur)
            elif line.startswith("# text ="):
                sent_text = line.split("=", 1)[1].strip()
                if cur is None:  # a file without newdoc lines: one document per sentence
                    cur = GoldItem(id=f"{f.stem}-{len(docs) + 1}", text="", mentions=[])
                    docs.append(cur)
            elif line.startswith("#"):
                continue
            elif not line.strip():
                if cur is not None and sent_text is not None and toks:
                    _uner_sentence(cur, sent_text, toks)
                sent_text, toks = None, []
            else:
                cols = line.split("\t")
                if len(cols) >= 3 and "-" not in cols[0] and "." not in cols[0]:
                    toks.append((cols[1], cols[2]))
    return GoldSet("uner", str(path), docs)


# -- TempEval-3 ----------------------------------------------------------------------

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


def _tml(f: Path) -> GoldItem:
    raw = f.read_text("utf-8")
    dct = re.search(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"", raw)
    body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if body is None:
        raise GoldError(f"{f}: no <TEXT> element")
    src = body.group(1)
    parts: list[str] = []
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    dates = []
    pos = 0
    for m in _TAG.finditer(src):
        chunk = html.unescape(src[pos : m.start()])
        parts.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name = m.group(1), m.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(m.group(3)))))
        elif open_timex:
            start, attrs = open_timex.pop()
            is_date = attrs.get("type") == "DATE"
            # "late July" is TimeML 2012-07 with mod=END; we write a part of July: any part is right.
            part = attrs.get("mod") in ("START", "MID", "END")
            dates.append(
                GoldDate(start, length, attrs.get("value") if is_date else None, is_date, within=part)
            )
    tail = html.unescape(src[pos:])
    parts.append(tail)
    text = "".join(parts)
    # The body starts and ends with blank lines: drop them and shift the offsets.
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    for d in dates:
        d.start -= lead
        d.end -= lead
    return GoldItem(
        id=f.stem,
        text=text,
        published=_iso_date(dct.group(1)) if dct else None,
        dates=dates,
        sentence_starts=_sentence_starts_from_text(text),
    )


def load_tempeval(path: Path) -> GoldSet:
    files = sorted(path.glob("*.tml")) if path.is_dir() else [path]
    if not files:
        raise GoldError(f"{path}: no *.tml file")
    return GoldSet("tempeval3", str(path), [_tml(f) for f in files])


# -- sentence-level event sets ----------------------------------------------------------


def _codes(actors: list[dict[str, Any]] | None) -> frozenset[str]:
    out: set[str] = set()
    for a in actors or []:
        out |= gold_countries(a.get("code"))
    return frozenset(out)


def load_plover_gsr(path: Path) -> GoldSet:
    f = path / "dev.jsonl" if path.is_dir() else path
    items = []
    for r in _jsonl(f):
        etype = PLOVER_05.get(r["event"], r["event"])
        ev = GoldEvent(etype, _codes(r.get("source")), _codes(r.get("target")))
        items.append(
            GoldItem(
                id=r["id"],
                text=r["text"],
                published=_iso_date(r.get("date")),
                events=[ev],
                extra={"mode": r.get("mode") or None, "old_type": r["event"]},
            )
        )
    return GoldSet("plover-gsr", str(f), items, ["PLOVER 0.5 names mapped: " + str(PLOVER_05)])


def load_upetr(path: Path, cameo_path: str | None = None) -> GoldSet:
    table = cameo_table(find_cameo_table(path, cameo_path))
    items = []
    for r in _jsonl(path):
        if r.get("expected_error"):
            continue
        events = []
        for e in r.get("gold_events", []):
            code = str(e.get("event", ""))
            pc = table.plover(code)
            events.append(
                GoldEvent(
                    None if pc is None else pc.type,
                    gold_countries(e.get("source")),
                    gold_countries(e.get("target")),
                    cameo=code,
                )
            )
        items.append(
            GoldItem(
                id=r["id"],
                text=r["text"],
                published=_iso_date(r.get("date")),
                events=events,
                extra={"category": r.get("category")},
            )
        )
    return GoldSet("universalpetrarch", str(path), items, [f"CAMEO->PLOVER table: {table.path}"])


def load_conflibert_class(path: Path) -> GoldSet:
    items = [GoldItem(id=r["id"], text=r["text"], label=int(r["label"])) for r in _jsonl(path)]
    return GoldSet("conflibert-class", str(path), items)


_NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    ")",
    "]",
    "}",
    "%",
    "'s",
    "n't",
    "'re",
    "'ve",
    "'ll",
    "'d",
    "'m",
    "''",
}
_NO_SPACE_AFTER = {"(", "[", "{", "$", "``"}


def detokenize(tokens: list[str]) -> tuple[str, list[Range]]:
    """Join tokens into readable text, returning each token's character range."""
    parts: list[str] = []
    offs: list[Range] = []
    length = 0
    prev = None
    for tok in tokens:
        if parts and tok not in _NO_SPACE_BEFORE and prev not in _NO_SPACE_AFTER:
            parts.append(" ")
            length += 1
        offs.append((length, length + len(tok)))
        parts.append(tok)
        length += len(tok)
        prev = tok
    return "".join(parts), offs


def load_conflibert_ner(path: Path) -> GoldSet:
    items = []
    for r in _jsonl(path):
        text, offs = detokenize(r["tokens"])
        roles = [
            GoldRole(offs[s["tok_start"]][0], offs[s["tok_end"] - 1][1], s["role"])
            for s in r.get("spans", [])
            if s["tok_end"] > s["tok_start"]
        ]
        items.append(GoldItem(id=r["id"], text=text, roles=roles))
    return GoldSet("conflibert-ner", str(path), items)


def load_case2021(path: Path) -> GoldSet:
    f = path / "dev.jsonl" if path.is_dir() else path
    items = [GoldItem(id=str(r["id"]), text=r["text"], label=r["label"]) for r in _jsonl(f)]
    return GoldSet("case2021", str(f), items)


# -- choosing the reader ----------------------------------------------------------------

DATASETS = (
    "polnear",
    "seed",
    "gum",
    "uner",
    "tempeval3",
    "plover-gsr",
    "universalpetrarch",
    "conflibert-class",
    "conflibert-ner",
    "case2021",
)

# Which tasks each dataset can score.
TASKS = {
    "polnear": ("quotes",),
    "seed": ("quotes", "dates", "places"),
    "gum": ("entities", "coref", "dates", "places", "quotes"),
    "uner": ("entities",),
    "tempeval3": ("dates",),
    "plover-gsr": ("events",),
    "universalpetrarch": ("events",),
    "conflibert-class": ("events",),
    "conflibert-ner": ("events",),
    "case2021": ("events",),
}


def _sniff_jsonl(f: Path) -> str:
    with f.open(encoding="utf-8") as fh:
        first = fh.readline()
    try:
        r = json.loads(first)
    except json.JSONDecodeError:
        raise GoldError(f"{f}: the first line is not JSON; pass --dataset") from None
    if "attributions" in r:
        return "polnear"
    if "entity_mentions" in r:
        return "gum"
    if "gold_events" in r:
        return "universalpetrarch"
    if "textInfo" in r or ("event" in r and "source" in r):
        return "plover-gsr"
    if "tokens" in r and "tags" in r:
        return "conflibert-ner"
    if isinstance(r.get("label"), int):
        return "conflibert-class"
    if isinstance(r.get("label"), str):
        return "case2021"
    raise GoldError(f"{f}: cannot tell the dataset from its fields; pass --dataset")


def detect(path: str | Path) -> str:
    """The dataset name of a gold path, from its file names or its first record."""
    p = Path(path)
    if p.is_dir():
        for pattern, name in (("*.gold.json", "seed"), ("*.tml", "tempeval3"), ("*.iob2", "uner")):
            if any(p.glob(pattern)):
                return name
        if (p / "dev.jsonl").exists():
            return _sniff_jsonl(p / "dev.jsonl")
        raise GoldError(f"{p}: no gold file found (*.gold.json, *.tml, *.iob2 or dev.jsonl)")
    if p.name.endswith(".gold.json"):
        return "seed"
    if p.suffix == ".tml":
        return "tempeval3"
    if p.suffix == ".iob2":
        return "uner"
    if p.suffix == ".jsonl":
        return _sniff_jsonl(p)
    raise GoldError(f"{p}: unknown gold format; pass --dataset")


def load(
    path: str | Path, dataset: str | None = None, limit: int | None = None, cameo: str | None = None
) -> GoldSet:
    p = Path(path)
    if not p.exists():
        raise GoldError(f"{p}: no such file or directory")
    name = dataset or detect(p)
    readers = {
        "polnear": load_polnear,
        "seed": load_seed,
        "gum": load_gum,
        "uner": load_uner,
        "tempeval3": load_tempeval,
        "plover-gsr": load_plover_gsr,
        "universalpetrarch": lambda q: load_upetr(q, cameo),
        "conflibert-class": load_conflibert_class,
        "conflibert-ner": load_conflibert_ner,
        "case2021": load_case2021,
    }
    if name not in readers:
        raise GoldError(f"unknown dataset {name!r}; known: {', '.join(DATASETS)}")
    gs = readers[name](p)
    if limit is not None:
        gs.items = gs.items[:limit]
    return gs
