"""The quote stage's tables: reporting verbs, their classes, and non-verb cues.

The files live in ``eventcoder/data/quotes/`` (their format is described in the
README there).  They are read once per stage object; a malformed line raises
:class:`~eventcoder.errors.DataFileError` naming the file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import DataFileError

_LEMMA = re.compile(r"^[a-z][a-z'-]*( [a-z]+)?$")
_PHRASE = re.compile(r"^[a-z']+( [a-z']+)*$")
CUE_TYPES = ("source", "medium", "noun", "intent", "owner", "work", "connective", "words")
_SINGLE_WORD_TYPES = ("noun", "intent", "owner", "work", "words")


@dataclass(frozen=True)
class VerbClass:
    name: str
    confidence: float
    indirect: bool


@dataclass(frozen=True)
class ReportingVerb:
    lemma: str
    particle: str | None
    cls: VerbClass
    direct: bool  # may cue a direct quote
    indirect: bool  # may introduce an indirect quote (and its class allows it)
    infinitive: bool = False  # its to-infinitive is reported content ('vowed to fight')


@dataclass
class QuoteLexicon:
    verbs: dict[str, list[ReportingVerb]] = field(default_factory=dict)  # by verb lemma
    # cue phrases as token-text tuples, by first word, longest first
    cues: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    nouns: frozenset[str] = frozenset()  # 'claim', 'statement': nouns whose that-clause is reported
    intents: frozenset[str] = frozenset()  # 'promise', 'plan': nouns whose to-infinitive is reported
    owners: frozenset[str] = frozenset()  # 'make', 'issue': verbs whose subject owns such a noun
    media: tuple[tuple[str, ...], ...] = ()  # 'in a statement': channels of an attribution
    works: frozenset[str] = frozenset()  # 'book', 'titled': words after which a quoted name is a title
    # 'on the other hand': discourse connectives, the reporter's words linking sentences
    connectives: tuple[tuple[str, ...], ...] = ()
    # 'words', 'things': nouns for the words said, which a quote after them spells out
    words: frozenset[str] = frozenset()

    def verb(self, lemma: str, particles: frozenset[str] = frozenset()) -> ReportingVerb | None:
        """The entry for a verb lemma, a phrasal entry winning when its particle is present."""
        entries = self.verbs.get(lemma)
        if not entries:
            return None
        plain = None
        for e in entries:
            if e.particle is None:
                plain = e
            elif e.particle in particles:
                return e
        return plain


def _rows(path: Path, ncols: int):
    """Yield (line number, columns) of a TSV table, skipping comments and blanks."""
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(str(path), None, f"cannot read ({exc.__class__.__name__})") from None
    for lineno, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != ncols:
            raise DataFileError(str(path), lineno, f"expected {ncols} tab-separated columns, got {len(cols)}")
        yield lineno, [c.strip() for c in cols]


def load_classes(path: Path) -> dict[str, VerbClass]:
    classes: dict[str, VerbClass] = {}
    for lineno, (name, conf, indirect, _desc) in _rows(path, 4):
        if not re.fullmatch(r"[a-z]+", name):
            raise DataFileError(str(path), lineno, f"class name {name!r} must be lower-case letters")
        if name in classes:
            raise DataFileError(str(path), lineno, f"class {name!r} listed twice")
        try:
            value = float(conf)
        except ValueError:
            raise DataFileError(str(path), lineno, f"confidence {conf!r} is not a number") from None
        if not 0.0 < value <= 1.0:
            raise DataFileError(str(path), lineno, f"confidence {value} outside (0, 1]")
        if indirect not in ("yes", "no"):
            raise DataFileError(str(path), lineno, f"indirect must be yes or no, not {indirect!r}")
        classes[name] = VerbClass(name, value, indirect == "yes")
    if not classes:
        raise DataFileError(str(path), None, "no classes")
    return classes


def load_verbs(path: Path, classes: dict[str, VerbClass]) -> dict[str, list[ReportingVerb]]:
    verbs: dict[str, list[ReportingVerb]] = {}
    seen: set[str] = set()
    for lineno, (lemma, cls, frames) in _rows(path, 3):
        if not _LEMMA.match(lemma):
            raise DataFileError(str(path), lineno, f"lemma {lemma!r} must be a lower-case verb (+ particle)")
        if lemma in seen:
            raise DataFileError(str(path), lineno, f"verb {lemma!r} listed twice")
        seen.add(lemma)
        if cls not in classes:
            raise DataFileError(str(path), lineno, f"unknown class {cls!r} (see classes.tsv)")
        if not frames or set(frames) - {"D", "I", "P", "T"}:
            raise DataFileError(str(path), lineno, f"frames {frames!r} must be letters from 'DIPT'")
        verb, _, particle = lemma.partition(" ")
        vc = classes[cls]
        entry = ReportingVerb(
            verb,
            particle or None,
            vc,
            "D" in frames,
            "I" in frames and vc.indirect,
            "T" in frames and vc.indirect,
        )
        verbs.setdefault(verb, []).append(entry)
    if not verbs:
        raise DataFileError(str(path), None, "no verbs")
    return verbs


def load_cues(path: Path) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    cues: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    seen: set[str] = set()
    for lineno, (phrase, kind) in _rows(path, 2):
        if not _PHRASE.match(phrase):
            raise DataFileError(str(path), lineno, f"phrase {phrase!r} must be lower-case words")
        if kind not in CUE_TYPES:
            raise DataFileError(str(path), lineno, f"type {kind!r} must be one of {', '.join(CUE_TYPES)}")
        if phrase in seen:
            raise DataFileError(str(path), lineno, f"phrase {phrase!r} listed twice")
        if kind in _SINGLE_WORD_TYPES and " " in phrase:
            raise DataFileError(str(path), lineno, f"a {kind} cue is a single lemma, not {phrase!r}")
        seen.add(phrase)
        words = tuple(phrase.split())
        cues.setdefault(words[0], []).append((words, kind))
    for items in cues.values():
        items.sort(key=lambda it: -len(it[0]))
    return cues


def data_dir() -> Path:
    return Path(str(resources.files("eventcoder.data").joinpath("quotes")))


def load_lexicon(folder: Path | None = None) -> QuoteLexicon:
    folder = folder or data_dir()
    classes = load_classes(folder / "classes.tsv")
    cues = load_cues(folder / "cues.tsv")
    by_type: dict[str, list[tuple[str, ...]]] = {}
    for items in cues.values():
        for words, kind in items:
            by_type.setdefault(kind, []).append(words)
    return QuoteLexicon(
        verbs=load_verbs(folder / "reporting_verbs.tsv", classes),
        cues={
            k: [it for it in v if it[1] == "source"]
            for k, v in cues.items()
            if any(it[1] == "source" for it in v)
        },
        nouns=frozenset(w[0] for w in by_type.get("noun", [])),
        intents=frozenset(w[0] for w in by_type.get("intent", [])),
        owners=frozenset(w[0] for w in by_type.get("owner", [])),
        media=tuple(sorted(by_type.get("medium", []), key=len, reverse=True)),
        works=frozenset(w[0] for w in by_type.get("work", [])),
        connectives=tuple(sorted(by_type.get("connective", []), key=len, reverse=True)),
        words=frozenset(w[0] for w in by_type.get("words", [])),
    )
