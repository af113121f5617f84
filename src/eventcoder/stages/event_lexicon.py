"""The event lexicon: trigger entries, word sets, PLOVER type table, contexts and CAMEO bridge.

Everything the events stage knows about words lives in ``data/events/`` (format in its
README.md).  This module reads and validates those files once; a malformed line fails
with :class:`~eventcoder.errors.DataFileError` naming the file, line and reason, so a
user lexicon with a typo never silently codes nothing.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from ..document import EVENT_TYPES
from ..errors import DataFileError

KINDS = ("verb", "noun", "adj", "modal")
# Special members of a word set: the token is a person / a country / a group / an organisation
# (by named-entity type or by actor type), or any actor the actors stage knows.
SPECIAL_MEMBERS = {"@PERSON", "@COUNTRY", "@GROUP", "@ORGANIZATION", "@ACTOR"}
NEEDS = {
    "participant",
    "actor",
    "recipient",
    "recipient_or_plural",
    "xcomp",
    "xcomp_or_for",
    "for_or_xcomp",
    "xcomp_or_object",
    "xcomp_other_subject",
    "no_complement",
    "captive_arg",
    "civil_actor",
    "force_arg",
    "no_disaster",
    "weapon_cue",
    "commitment",
    "two_sides",
    "agreed_to",
    "recipient_standing",
    "not_domestic_budget",
    "content_event",
    "threat_content",
}
_WORD_KEYS = (
    "obj_in",
    "obj_not",
    "subj_in",
    "subj_not",
    "not_with",
    "xcomp_not",
    "xcomp_in",
    "pobj_in",
    "prep",
    "prep_not",
)
_BOOL_KEYS = ("reciprocal", "swap", "plural", "adjunct", "agentive", "stative", "active", "code")
_ENTRY_KEYS = {
    *KINDS,
    "type",
    "mode",
    "cameo",
    "context",
    "light",
    "alone",
    "object",
    "recipient",
    "needs",
    "if_state",
    "if_joint",
    "confidence",
    "about",
    *_WORD_KEYS,
    *_BOOL_KEYS,
}
_SET_KEYS = {"set", "words", "about"}
_TYPE_KEYS = {
    "type",
    "quad",
    "score",
    "cameo",
    "modes",
    "reciprocal",
    "future",
    "negated_future",
    "conditional",
    "embedded",
    "from_embedded",
    "noun_recipient",
    "absorbs",
    "mode_cues",
    "requires_recipient",
    "recipient_inside",
    "cue_conversions",
    "default_mode",
    "needs",
}
# A pseudo-context (never output) that the 'disaster_cues' set gives a sentence; among the
# document's topics it marks a report that mentions a disaster anywhere.
DISASTER_MARK = "_disaster"
_CAMEO_RE = re.compile(r"^\d{2,4}$")
_SLOT_RE = re.compile(r"^[a-z][a-z-]*$")


def split_words(phrase: str) -> tuple[str, ...]:
    """A phrase as spaCy's English tokenizer splits it: spaces, and hyphens between letters."""
    out: list[str] = []
    for part in phrase.lower().split():
        pieces = re.split(r"(?<=[a-z])(-)(?=[a-z])", part)
        out.extend(p for p in pieces if p)
    return tuple(out)


@dataclass(frozen=True)
class WordSet:
    """Lemmas and phrases (tuples of words), plus the special members (@PERSON, @ACTOR...)."""

    words: frozenset[tuple[str, ...]] = frozenset()
    kinds: frozenset[str] = frozenset()  # special members without their '@'

    @property
    def person(self) -> bool:
        return "PERSON" in self.kinds

    @property
    def country(self) -> bool:
        return "COUNTRY" in self.kinds

    @property
    def unigrams(self) -> frozenset[str]:
        return frozenset(w[0] for w in self.words if len(w) == 1)

    def has(self, *forms: str) -> bool:
        return any((f,) in self.words for f in forms)

    def has_phrase(self, phrase: tuple[str, ...]) -> bool:
        return phrase in self.words

    def __bool__(self) -> bool:
        return bool(self.words) or bool(self.kinds)


EMPTY = WordSet()


@dataclass(frozen=True)
class Override:
    """A change of type / mode / CAMEO code (future conversion, embedded event, state actor)."""

    type: str | None = None
    mode: str | None = None
    cameo: str | None = None


@dataclass
class Entry:
    kind: str
    words: tuple[str, ...]
    type: str
    mode: str | None
    cameo: str | None
    path: str
    line: int
    context: tuple[str, ...] = ()
    light: WordSet | None = None  # light verbs ("hold", "carry out"); None: no light-verb use
    alone: bool | frozenset[str] = True  # noun triggers by itself / with one of these preps
    object: str = "any"  # any | required | none
    recipient: tuple[str, ...] | None = None  # None: the type's default slots
    needs: frozenset[str] = frozenset()
    if_state: Override | None = None
    if_joint: Override | None = None  # used instead when two or more sides take part
    confidence: float = 0.7
    obj_in: WordSet | None = None
    obj_not: WordSet = EMPTY
    subj_in: WordSet | None = None
    subj_not: WordSet = EMPTY
    not_with: WordSet = EMPTY
    xcomp_not: WordSet = EMPTY
    xcomp_in: WordSet | None = None
    pobj_in: WordSet | None = None
    prep: WordSet | None = None
    prep_not: WordSet = EMPTY
    reciprocal: bool | None = None
    swap: bool = False
    plural: bool = False
    adjunct: bool = False
    agentive: bool = False
    stative: bool = False  # "is opposed to X": a passive form with an active meaning
    active: bool = False  # verbs: only in the active voice
    # False: the trigger is matched and takes the events it governs ("urged X to withdraw" is
    # not a withdrawal) but yields no event itself (CAMEO 01 comments, 02 appeals).
    code: bool = True

    @property
    def key(self) -> str:
        """The word a token must show for this entry to be tried (verb: first; noun: last)."""
        return self.words[0] if self.kind != "noun" else self.words[-1]


@dataclass
class TypeInfo:
    type: str
    quad: int
    score: float
    cameo: str
    modes: dict[str, float]
    reciprocal: bool = False
    future: Override | None = None
    negated_future: Override | None = None
    conditional: Override | None = None  # "will boycott unless ...": a conditional offer or threat
    embedded: dict[str, Override] = field(default_factory=dict)
    from_embedded: str | None = None  # which role of an embedded event becomes our recipient
    noun_recipient: tuple[str, ...] = ()
    absorbs: frozenset[str] = frozenset()
    mode_cues: tuple[tuple[str, WordSet], ...] = ()
    requires_recipient: bool = False  # manual: COOPERATE, AID, SANCTION need a recipient
    # An object that is no actor names its author inside: "rejected North Korea's demand",
    # "denied the charges by X" (possessor, 'by' / 'from' phrase).
    recipient_inside: bool = False
    # [(word set, override)]: the first set with a word in the clause changes the type
    # (MOBILIZE for peacekeeping or relief -> AID); the relief set also applies in disaster reports
    cue_conversions: tuple[tuple[WordSet, Override], ...] = ()
    default_mode: str | None = None  # when neither the entry nor a mode cue gives one
    needs: frozenset[str] = frozenset()  # conditions every event of the type must meet


@dataclass(frozen=True)
class CameoRow:
    code: str
    type: str
    mode: str | None
    contexts: tuple[str, ...]


@dataclass
class Lexicon:
    entries: dict[tuple[str, str], list[Entry]]
    sets: dict[str, WordSet]
    types: dict[str, TypeInfo]
    contexts: dict[str, tuple[tuple[str, ...], ...]]
    cameo: dict[str, CameoRow]
    sources: tuple[str, ...] = ()
    keys: frozenset[str] = frozenset()  # every trigger word, for a cheap first test per token
    context_cues: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    # first word of a context cue -> [(cue, contexts)], longest cue first
    context_first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = field(default_factory=dict)
    _hash_cache: dict[int, Any] = field(default_factory=dict, repr=False)
    _ctx_hash_cache: dict[int, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.keys = frozenset(k for _, k in self.entries)
        index: dict[tuple[str, ...], list[str]] = {}
        for name, cues in self.contexts.items():
            for cue in cues:
                index.setdefault(cue, []).append(name)
        for cue in self.sets.get("disaster_cues", EMPTY).words:
            index.setdefault(cue, []).append(DISASTER_MARK)
        self.context_cues = {k: tuple(v) for k, v in index.items()}
        first: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
        for cue, names in self.context_cues.items():
            first.setdefault(cue[0], []).append((cue, names))
        self.context_first = {k: sorted(v, key=lambda it: -len(it[0])) for k, v in first.items()}

    def context_hashes(self, strings: Any) -> Any:
        """The first words of the context cues as hash ids of a spaCy StringStore (cached)."""
        cached = self._ctx_hash_cache.get(id(strings))
        if cached is None:
            import numpy

            cached = numpy.array(sorted(strings.add(k) for k in self.context_first), dtype="uint64")
            self._ctx_hash_cache = {id(strings): cached}
        return cached

    def key_hashes(self, strings: Any) -> Any:
        """The trigger words as the hash ids of a spaCy StringStore (cached per store)."""
        cached = self._hash_cache.get(id(strings))
        if cached is None:
            import numpy

            cached = numpy.array(sorted(strings.add(k) for k in self.keys), dtype="uint64")
            self._hash_cache = {id(strings): cached}
        return cached

    def lookup(self, kind: str, *forms: str) -> list[Entry]:
        seen: list[Entry] = []
        for f in forms:
            for e in self.entries.get((kind, f), ()):
                if e not in seen:
                    seen.append(e)
        return seen

    def contexts_in(self, grams: set[tuple[str, ...]]) -> list[str]:
        """Contexts cued by any word or phrase in ``grams``, in the order of contexts.tsv."""
        hit = {name for cue in grams & self.context_cues.keys() for name in self.context_cues[cue]}
        return [name for name in self.contexts if name in hit]

    def cue(self, name: str) -> WordSet:
        return self.sets.get(name, EMPTY)

    def cameo_for(self, type_: str, mode: str | None) -> str | None:
        """The first bridge code for a (type, mode), else the type's base code."""
        if mode:
            for row in self.cameo.values():
                if row.type == type_ and row.mode == mode:
                    return row.code
        info = self.types.get(type_)
        return info.cameo if info else None

    def quad(self, type_: str) -> int | None:
        info = self.types.get(type_)
        return info.quad if info else None

    def intensity(self, type_: str, mode: str | None = None) -> float | None:
        """The PLOVER conflict-cooperation score of a type (or of its mode when it has one)."""
        info = self.types.get(type_)
        if info is None:
            return None
        if mode and mode in info.modes:
            return info.modes[mode]
        return info.score


# -- reading ------------------------------------------------------------------------------------


def _data_dir() -> Path:
    return Path(str(resources.files("eventcoder.data").joinpath("events")))


def _lines(path: Path) -> list[tuple[int, str]]:
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        raise DataFileError(str(path), None, "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), None, f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise DataFileError(str(path), None, f"cannot read ({exc.strerror})") from None
    out = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line and not line.startswith("#"):
            out.append((n, line))
    return out


def _json_lines(path: Path) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for n, line in _lines(path):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DataFileError(
                str(path), n, f"malformed JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})"
            ) from None
        if not isinstance(obj, dict):
            raise DataFileError(str(path), n, "each line must be a JSON object")
        out.append((n, obj))
    return out


def _load_cameo(path: Path) -> dict[str, CameoRow]:
    rows: dict[str, CameoRow] = {}
    for n, line in _lines(path):
        cols = line.split("\t")
        if len(cols) < 2:
            raise DataFileError(str(path), n, "expected code<TAB>type<TAB>mode<TAB>contexts<TAB>note")
        cols += [""] * (4 - len(cols))
        code, typ, mode, ctx = (c.strip() for c in cols[:4])
        if not _CAMEO_RE.match(code):
            raise DataFileError(str(path), n, f"CAMEO code {code!r} is not 2-4 digits")
        if typ not in EVENT_TYPES:
            raise DataFileError(str(path), n, f"unknown event type {typ!r}")
        rows[code] = CameoRow(code, typ, mode or None, tuple(c.strip() for c in ctx.split(",") if c.strip()))
    return rows


def _load_contexts(path: Path) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, tuple[tuple[str, ...], ...]] = {}
    for n, line in _lines(path):
        name, _, cues = line.partition("\t")
        name = name.strip()
        if not re.fullmatch(r"[a-z_]+", name):
            raise DataFileError(str(path), n, f"context name {name!r} must be lower_case")
        out[name] = tuple(split_words(c) for c in cues.split(",") if c.strip())
    return out


class _Reader:
    """Collects raw lines from all files, then resolves set references and validates."""

    def __init__(self, cameo: dict[str, CameoRow], contexts: dict[str, Any]):
        self.cameo = cameo
        self.contexts = contexts
        self.raw_sets: dict[str, list[tuple[list[str], str, int]]] = {}
        self.raw_entries: list[tuple[dict[str, Any], str, int, int]] = []  # (obj, path, line, priority)
        self.raw_types: list[tuple[dict[str, Any], str, int]] = []
        self.sets: dict[str, WordSet] = {}

    def read(self, path: Path, priority: int, types: bool = False) -> None:
        for n, obj in _json_lines(path):
            if types:
                self.raw_types.append((obj, str(path), n))
            elif "set" in obj:
                self._read_set(obj, str(path), n)
            else:
                self.raw_entries.append((obj, str(path), n, priority))

    def _read_set(self, obj: dict[str, Any], path: str, n: int) -> None:
        unknown = set(obj) - _SET_KEYS
        if unknown:
            raise DataFileError(path, n, f"unknown key(s) {sorted(unknown)} in a set line")
        name, words = obj.get("set"), obj.get("words")
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise DataFileError(path, n, "'set' must be a name of letters, digits and _")
        if not isinstance(words, list) or not all(isinstance(w, str) and w.strip() for w in words):
            raise DataFileError(path, n, "'words' must be a list of non-empty strings")
        self.raw_sets.setdefault(name, []).append((words, path, n))

    # -- set resolution ---------------------------------------------------------------------
    def resolve_sets(self) -> None:
        for name in self.raw_sets:
            self.sets[name] = self._resolve(name, ())

    def _resolve(self, name: str, stack: tuple[str, ...]) -> WordSet:
        if name in self.sets:
            return self.sets[name]
        words: set[tuple[str, ...]] = set()
        kinds: set[str] = set()
        for members, path, n in self.raw_sets[name]:
            for w in members:
                w = w.strip()
                if w in SPECIAL_MEMBERS:
                    kinds.add(w[1:])
                elif w.startswith("@"):
                    ref = w[1:]
                    if ref not in self.raw_sets:
                        raise DataFileError(path, n, f"unknown word set {w!r}")
                    if ref in stack or ref == name:
                        raise DataFileError(path, n, f"word set {w!r} refers to itself")
                    sub = self._resolve(ref, (*stack, name))
                    words |= sub.words
                    kinds |= sub.kinds
                else:
                    words.add(split_words(w))
        ws = WordSet(frozenset(words), frozenset(kinds))
        self.sets[name] = ws
        return ws

    def words(self, value: Any, path: str, n: int, key: str) -> WordSet:
        """A list of words or an '@set' reference, as a WordSet."""
        if isinstance(value, str) and value.startswith("@"):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            raise DataFileError(path, n, f"'{key}' must be a list of words or an '@set' name")
        words: set[tuple[str, ...]] = set()
        kinds: set[str] = set()
        for w in value:
            if w in SPECIAL_MEMBERS:
                kinds.add(w[1:])
            elif w.startswith("@"):
                if w[1:] not in self.sets:
                    raise DataFileError(path, n, f"unknown word set {w!r} in '{key}'")
                sub = self.sets[w[1:]]
                words |= sub.words
                kinds |= sub.kinds
            else:
                words.add(split_words(w))
        return WordSet(frozenset(words), frozenset(kinds))

    # -- types ------------------------------------------------------------------------------
    def override(self, value: Any, path: str, n: int, key: str, types: dict[str, Any] | None) -> Override:
        if not isinstance(value, dict) or set(value) - {"type", "mode", "cameo"}:
            raise DataFileError(path, n, f"'{key}' must be an object with type / mode / cameo")
        typ, mode, cameo = value.get("type"), value.get("mode"), value.get("cameo")
        if typ is not None and typ not in EVENT_TYPES:
            raise DataFileError(path, n, f"unknown event type {typ!r} in '{key}'")
        if cameo is not None and cameo not in self.cameo:
            raise DataFileError(path, n, f"unknown CAMEO code {cameo!r} in '{key}'")
        if mode is not None and types is not None and typ is not None and mode not in types[typ]["modes"]:
            raise DataFileError(path, n, f"mode {mode!r} is not a mode of {typ} in '{key}'")
        return Override(typ, mode, cameo)

    @staticmethod
    def _needs(value: Any, path: str, n: int) -> frozenset[str]:
        needs = value or []
        if not isinstance(needs, list) or any(x not in NEEDS for x in needs):
            raise DataFileError(path, n, f"unknown need in {needs!r} (known: {', '.join(sorted(NEEDS))})")
        return frozenset(needs)

    @staticmethod
    def _pairs(value: Any, path: str, n: int) -> list[tuple[Any, Any]]:
        if value is None:
            return []
        if not isinstance(value, list) or not all(isinstance(x, list) and len(x) == 2 for x in value):
            raise DataFileError(path, n, "'cue_conversions' must be a list of ['@set', {type, mode, cameo}]")
        return [(x[0], x[1]) for x in value]

    def build_types(self) -> dict[str, TypeInfo]:
        raw: dict[str, dict[str, Any]] = {}
        where: dict[str, tuple[str, int]] = {}
        for obj, path, n in self.raw_types:
            unknown = set(obj) - _TYPE_KEYS
            if unknown:
                raise DataFileError(path, n, f"unknown key(s) {sorted(unknown)}")
            typ = obj.get("type")
            if typ not in EVENT_TYPES:
                raise DataFileError(path, n, f"unknown event type {typ!r}")
            if not isinstance(obj.get("modes"), dict):
                raise DataFileError(path, n, "'modes' must be an object {mode: score}")
            raw[typ] = obj
            where[typ] = (path, n)
        missing = [t for t in EVENT_TYPES if t not in raw]
        if missing:
            path = self.raw_types[0][1] if self.raw_types else "types.jsonl"
            raise DataFileError(path, None, f"missing event type(s) {missing}")
        out: dict[str, TypeInfo] = {}
        for typ, obj in raw.items():
            path, n = where[typ]
            if obj.get("cameo") not in self.cameo:
                raise DataFileError(path, n, f"unknown CAMEO code {obj.get('cameo')!r}")
            embedded = {}
            for k, v in (obj.get("embedded") or {}).items():
                etype = k.split(":")[0]
                if etype not in EVENT_TYPES:
                    raise DataFileError(path, n, f"unknown event type {etype!r} in 'embedded'")
                ov = self.override(v, path, n, "embedded", raw)
                if ov.mode is not None and ov.mode not in raw[ov.type or typ]["modes"]:
                    raise DataFileError(path, n, f"mode {ov.mode!r} is not a mode of {ov.type or typ}")
                embedded[k] = ov
            cues = []
            for item in obj.get("mode_cues") or []:
                if not (isinstance(item, list) and len(item) == 2) or item[0] not in obj["modes"]:
                    raise DataFileError(path, n, f"bad mode cue {item!r}: expected [mode of {typ}, '@set']")
                cues.append((item[0], self.words(item[1], path, n, "mode_cues")))
            dm = obj.get("default_mode")
            if dm is not None and dm not in obj["modes"]:
                raise DataFileError(path, n, f"'default_mode' {dm!r} is not a mode of {typ}")
            fe = obj.get("from_embedded")
            if fe not in (None, "actor", "recipient"):
                raise DataFileError(path, n, "'from_embedded' must be 'actor' or 'recipient'")
            absorbs = obj.get("absorbs") or []
            if any(a not in EVENT_TYPES for a in absorbs):
                raise DataFileError(path, n, f"unknown event type in 'absorbs' {absorbs!r}")
            out[typ] = TypeInfo(
                type=typ,
                quad=int(obj.get("quad", 0)),
                score=float(obj.get("score", 0.0)),
                cameo=obj["cameo"],
                modes={str(k): float(v) for k, v in obj["modes"].items()},
                reciprocal=bool(obj.get("reciprocal", False)),
                future=self.override(obj["future"], path, n, "future", raw) if obj.get("future") else None,
                negated_future=(
                    self.override(obj["negated_future"], path, n, "negated_future", raw)
                    if obj.get("negated_future")
                    else None
                ),
                conditional=(
                    self.override(obj["conditional"], path, n, "conditional", raw)
                    if obj.get("conditional")
                    else None
                ),
                embedded=embedded,
                from_embedded=fe,
                noun_recipient=tuple(obj.get("noun_recipient") or ()),
                absorbs=frozenset(absorbs),
                mode_cues=tuple(cues),
                requires_recipient=bool(obj.get("requires_recipient", False)),
                recipient_inside=bool(obj.get("recipient_inside", False)),
                cue_conversions=tuple(
                    (
                        self.words(ws, path, n, "cue_conversions"),
                        self.override(ov, path, n, "cue_conversions", raw),
                    )
                    for ws, ov in self._pairs(obj.get("cue_conversions"), path, n)
                ),
                default_mode=obj.get("default_mode"),
                needs=self._needs(obj.get("needs"), path, n),
            )
        return out

    # -- entries ----------------------------------------------------------------------------
    def build_entry(self, obj: dict[str, Any], path: str, n: int, types: dict[str, TypeInfo]) -> Entry:
        unknown = set(obj) - _ENTRY_KEYS
        if unknown:
            raise DataFileError(path, n, f"unknown key(s) {sorted(unknown)}")
        kinds = [k for k in KINDS if k in obj]
        if len(kinds) != 1:
            raise DataFileError(
                path, n, "an entry needs exactly one of 'verb', 'noun', 'adj', 'modal' (or 'set')"
            )
        kind = kinds[0]
        phrase = obj[kind]
        if not isinstance(phrase, str) or not phrase.strip():
            raise DataFileError(path, n, f"'{kind}' must be a non-empty string")
        words = split_words(phrase)
        typ = obj.get("type")
        if typ not in types:
            raise DataFileError(
                path, n, f"unknown event type {typ!r} (expected one of {', '.join(EVENT_TYPES)})"
            )
        mode = obj.get("mode")
        if mode is not None and mode not in types[typ].modes:
            allowed = ", ".join(types[typ].modes) or "none"
            raise DataFileError(path, n, f"unknown mode {mode!r} for {typ} (modes: {allowed})")
        cameo = obj.get("cameo")
        if cameo is not None and (not isinstance(cameo, str) or cameo not in self.cameo):
            raise DataFileError(path, n, f"unknown CAMEO code {cameo!r} (see cameo.tsv)")
        context = obj.get("context") or []
        if not isinstance(context, list) or any(c not in self.contexts for c in context):
            raise DataFileError(path, n, f"unknown context in {context!r} (see contexts.tsv)")
        e = Entry(
            kind=kind,
            words=words,
            type=typ,
            mode=mode,
            cameo=cameo,
            path=path,
            line=n,
            context=tuple(context),
        )
        if "light" in obj:
            if kind != "noun":
                raise DataFileError(path, n, "'light' is for noun entries")
            e.light = self.words(obj["light"], path, n, "light")
        alone = obj.get("alone", True)
        if isinstance(alone, list):
            e.alone = frozenset(str(a).lower() for a in alone)
        elif isinstance(alone, bool):
            e.alone = alone
        else:
            raise DataFileError(path, n, "'alone' must be true, false or a list of prepositions")
        if kind == "noun" and e.alone is False and e.light is None:
            raise DataFileError(path, n, "a noun with 'alone': false needs 'light' verbs")
        obj_mode = obj.get("object", "any")
        if obj_mode not in ("any", "required", "none"):
            raise DataFileError(path, n, "'object' must be 'any', 'required' or 'none'")
        e.object = obj_mode
        if "recipient" in obj:
            rec = obj["recipient"]
            if not isinstance(rec, list) or not all(isinstance(s, str) and _SLOT_RE.match(s) for s in rec):
                raise DataFileError(
                    path, n, "'recipient' must be a list of slots (dobj, dative, poss, a preposition)"
                )
            e.recipient = tuple(rec)
        e.needs = self._needs(obj.get("needs"), path, n)
        if "if_state" in obj:
            ov = self.override(obj["if_state"], path, n, "if_state", None)
            if ov.type is None:
                raise DataFileError(path, n, "'if_state' needs a 'type'")
            if ov.mode is not None and ov.mode not in types[ov.type].modes:
                raise DataFileError(path, n, f"unknown mode {ov.mode!r} for {ov.type} in 'if_state'")
            e.if_state = ov
        if "if_joint" in obj:
            ov = self.override(obj["if_joint"], path, n, "if_joint", None)
            if ov.type is None:
                raise DataFileError(path, n, "'if_joint' needs a 'type'")
            if ov.mode is not None and ov.mode not in types[ov.type].modes:
                raise DataFileError(path, n, f"unknown mode {ov.mode!r} for {ov.type} in 'if_joint'")
            e.if_joint = ov
        conf = obj.get("confidence", 0.7)
        if not isinstance(conf, int | float) or not 0 < conf <= 1:
            raise DataFileError(path, n, "'confidence' must be a number in (0, 1]")
        e.confidence = float(conf)
        for key in _WORD_KEYS:
            if key in obj:
                setattr(e, key, self.words(obj[key], path, n, key))
        for key in _BOOL_KEYS:
            if key in obj:
                if not isinstance(obj[key], bool):
                    raise DataFileError(path, n, f"'{key}' must be true or false")
                setattr(e, key, obj[key])
        return e


def load_lexicon(extra: list[str] | tuple[str, ...] = ()) -> Lexicon:
    """The built-in lexicon extended by the user's files (their entries are tried first).

    An entry of ``extra`` that is not an existing file but the name of a packaged optional
    lexicon (``data/events/optional/<name>.jsonl``, e.g. ``appeals``) loads that file.
    """
    return _load(tuple(resolve_lexicon_path(str(p)) for p in extra))


def optional_lexicons() -> dict[str, Path]:
    """The packaged optional lexicons by name (files in ``data/events/optional/``)."""
    folder = _data_dir() / "optional"
    if not folder.is_dir():
        return {}
    return {p.stem: p for p in sorted(folder.glob("*.jsonl"))}


def resolve_lexicon_path(path: str) -> str:
    if Path(path).exists():
        return path
    named = optional_lexicons().get(path)
    return str(named) if named is not None else path


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...]) -> Lexicon:
    base = _data_dir()
    cameo = _load_cameo(base / "cameo.tsv")
    contexts = _load_contexts(base / "contexts.tsv")
    reader = _Reader(cameo, contexts)
    for i, p in enumerate(extra):
        reader.read(Path(p), priority=i)
    reader.read(base / "cues.jsonl", priority=len(extra))
    reader.read(base / "lexicon.jsonl", priority=len(extra))
    reader.read(base / "types.jsonl", priority=len(extra), types=True)
    reader.resolve_sets()
    types = reader.build_types()
    entries: dict[tuple[str, str], list[Entry]] = {}
    built = [(reader.build_entry(obj, path, n, types), prio) for obj, path, n, prio in reader.raw_entries]
    # User files first, then longer phrases before single words, then file order.
    built.sort(key=lambda it: (it[1], -len(it[0].words)))
    for e, _ in built:
        keys = {e.key}
        if e.kind == "noun" and "-" in e.words:
            keys.add("".join(e.words))  # "sit-in" kept whole by the tokenizer
        for k in keys:
            entries.setdefault((e.kind, k), []).append(e)
    return Lexicon(
        entries=entries,
        sets=reader.sets,
        types=types,
        contexts=contexts,
        cameo=cameo,
        sources=(*extra, str(base / "lexicon.jsonl")),
    )
