"""The actors stage's lookup tables, read once from ``data/actors/`` (formats in its README.md).

Every table is a small TSV file; a malformed line raises ``DataFileError(path, line, reason)``.
Phrases are stored under ``key(text)`` (accent- and case-folded, single-spaced, without a
leading "the"), so a span of the parse is looked up by the key of its text.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from ..errors import DataFileError

# PLOVER 2.0 non-state "country" codes (manual, "Non-state international actors"), and Kosovo.
NONSTATE_CODES = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
EXTRA_STATE_CODES = frozenset({"KOS"})
# PLOVER 2.0 sector codes (manual, "Sector Codes").
SECTORS = frozenset(
    [
        "COP",
        "GOV",
        "JUD",
        "LEG",
        "MIL",
        "PRM",
        "PTY",
        "REB",
        "SPY",
        "UAF",
        "UNK",
        "AGR",
        "BUS",
        "CRM",
        "CVL",
        "EDU",
        "ELI",
        "JRN",
        "LAB",
        "MED",
        "REF",
        "OPP",
        "PRE",
        "REL",
        "SOC",
    ]
)
AGENT_KINDS = frozenset({"person", "body", "people", "state", "honorific", "modifier"})
# Kinds of collective nouns: institutions and collectives of people.
COLLECTIVE_KINDS = frozenset({"body", "people"})
METONYM_KINDS = frozenset({"seat", "epithet", "partisan", "contextual"})


def data_path(name: str) -> str:
    return str(resources.files("eventcoder.data").joinpath("actors", name))


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and accent-insensitive key: 'Erdoğan' and 'erdogan' compare equal."""
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower().replace("\u2019", "'")


@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """The lookup key of a phrase: folded, single-spaced, without a leading "the"."""
    k = " ".join(fold(text).split())
    return k[4:] if k.startswith("the ") else k


@dataclass(frozen=True)
class Country:
    code: str
    name: str


@dataclass(frozen=True)
class Agent:
    """A title, agent noun or honorific (a row of agents.tsv)."""

    term: str
    kind: str
    sector: str | None
    alone: bool
    office: str | None
    country: str | None
    gender: str | None
    back: bool = False  # "the boy" / "the company" may refer back to an earlier actor


@dataclass(frozen=True)
class Metonym:
    phrase: str
    code: str | None
    sector: str | None
    kind: str


@dataclass
class Tables:
    countries: dict[str, Country] = field(default_factory=dict)  # code -> Country
    folds: dict[str, str] = field(default_factory=dict)  # dependency code -> controlling code
    names: dict[str, str] = field(default_factory=dict)  # country name/alias -> code
    demonyms: dict[str, str] = field(default_factory=dict)  # demonym -> code
    capitals: dict[str, str] = field(default_factory=dict)  # capital -> code
    metonyms: dict[str, Metonym] = field(default_factory=dict)
    agents: dict[str, Agent] = field(default_factory=dict)  # person/body/state nouns
    honorifics: dict[str, Agent] = field(default_factory=dict)  # one folded word -> Agent
    modifiers: dict[str, Agent] = field(default_factory=dict)  # adjective -> Agent (sector)
    not_actor_names: set[str] = field(default_factory=set)
    not_actor_last_words: set[str] = field(default_factory=set)
    naming_verbs: set[str] = field(default_factory=set)  # "known as", "called": they give a name
    not_actor_first_words: set[str] = field(default_factory=set)
    not_actor_of_heads: set[str] = field(default_factory=set)  # "Festival" of "Festival of X"
    institution_words: set[str] = field(default_factory=set)
    org_heads: set[str] = field(default_factory=set)  # "Institute", "Foundation": heads of org names
    thing_heads: set[str] = field(default_factory=set)  # "the X blog", "X cans": X is a thing
    thing_kinds: set[str] = field(default_factory=set)  # "the cruise ship X", "the blog X"
    storm_words: set[str] = field(default_factory=set)  # "Cyclone X": X is a storm
    given_names: dict[str, str] = field(default_factory=dict)  # folded given name -> m | f
    state_cues: set[str] = field(default_factory=set)  # "embassy in Tehran": Tehran is Iran
    demonym_heads: set[str] = field(default_factory=set)  # "Israeli air strikes": Israel strikes
    object_cues: set[str] = field(default_factory=set)  # "besieged Aleppo": Aleppo is Syria
    sport_cues: set[str] = field(default_factory=set)  # lemmas of sports reports ("goalkeeper")
    inverses: dict[str, frozenset[str]] = field(default_factory=dict)  # "father" -> son, daughter ...
    offices: set[str] = field(default_factory=set)
    first_words: dict[str, int] = field(default_factory=dict)  # first word of a phrase -> max words

    def valid_code(self, code: str) -> bool:
        return code in self.countries or code in NONSTATE_CODES

    def country_name(self, code: str | None) -> str | None:
        if code is None:
            return None
        c = self.countries.get(code)
        return c.name if c else None


def _rows(path: str, ncols: int) -> list[tuple[int, list[str]]]:
    """Non-comment rows of a TSV file after its header, each with its 1-based line number."""
    try:
        text = Path(path).read_text("utf-8")
    except OSError as exc:
        raise DataFileError(path, None, f"cannot read ({exc.strerror or exc})") from None
    except UnicodeDecodeError:
        raise DataFileError(path, None, "not UTF-8 text") from None
    rows: list[tuple[int, list[str]]] = []
    header_seen = False
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != ncols:
            raise DataFileError(path, n, f"expected {ncols} tab-separated columns, found {len(cols)}")
        if not header_seen:
            header_seen = True
            continue
        cols = [c.strip() for c in cols]
        if not cols[0]:
            raise DataFileError(path, n, "empty first column")
        rows.append((n, cols))
    return rows


def _opt(value: str) -> str | None:
    return None if value in ("", "-") else value


def _list(value: str) -> list[str]:
    return [] if value in ("", "-") else [v.strip() for v in value.split("|") if v.strip()]


def _iso_codes() -> dict[str, object]:
    import pycountry

    return {c.alpha_3: c for c in pycountry.countries}


def load_countries(tables: Tables, path: str, deps_path: str) -> None:
    iso = _iso_codes()
    for n, (code, name, aliases, demonyms, capitals) in _rows(path, 5):
        if code not in iso and code not in EXTRA_STATE_CODES:
            raise DataFileError(path, n, f"unknown country code {code!r} (ISO 3166 alpha-3 or KOS)")
        if code in tables.countries:
            raise DataFileError(path, n, f"country {code} listed twice")
        tables.countries[code] = Country(code, name)
        for alias in [name, *_list(aliases)]:
            tables.names.setdefault(key(alias), code)
        for d in _list(demonyms):
            tables.demonyms.setdefault(key(d), code)
        for cap in _list(capitals):
            tables.capitals.setdefault(key(cap), code)
    for n, (code, into) in _rows(deps_path, 2):
        if code not in iso:
            raise DataFileError(deps_path, n, f"unknown country code {code!r}")
        if into not in tables.countries:
            raise DataFileError(deps_path, n, f"{into!r} is not a country listed in countries.tsv")
        tables.folds[code] = into
    # pycountry supplies names for every other ISO entity (and alternative official names).
    for code, c in iso.items():
        target = tables.folds.get(code, code)
        if target not in tables.countries:
            tables.countries[target] = Country(target, getattr(c, "common_name", None) or c.name)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value:
                tables.names.setdefault(key(value), target)


def load_metonyms(tables: Tables, path: str) -> None:
    for n, (phrase, code, sector, kind) in _rows(path, 4):
        if kind not in METONYM_KINDS:
            raise DataFileError(path, n, f"unknown kind {kind!r} (one of {', '.join(sorted(METONYM_KINDS))})")
        c = _opt(code)
        if kind != "contextual" and (c is None or not tables.valid_code(c)):
            raise DataFileError(path, n, f"unknown country code {code!r}")
        s = _opt(sector)
        if s is not None and s not in SECTORS:
            raise DataFileError(path, n, f"unknown sector {sector!r}")
        k = key(phrase)
        tables.metonyms[k] = Metonym(phrase, c, s, kind)
        first = k.split()[0]
        tables.first_words[first] = max(tables.first_words.get(first, 0), len(k.split()))


def load_agents(tables: Tables, path: str) -> None:
    for n, (term, kind, sector, alone, office, country, gender) in _rows(path, 7):
        if kind not in AGENT_KINDS:
            raise DataFileError(path, n, f"unknown kind {kind!r} (one of {', '.join(sorted(AGENT_KINDS))})")
        s = _opt(sector)
        if s is not None and s not in SECTORS:
            raise DataFileError(path, n, f"unknown sector {sector!r}")
        c = _opt(country)
        if c is not None and not tables.valid_code(c):
            raise DataFileError(path, n, f"unknown country code {country!r}")
        g = _opt(gender)
        if g not in (None, "m", "f"):
            raise DataFileError(path, n, f"gender must be m, f or -, not {gender!r}")
        if kind in ("person", "body", "people", "state") and alone not in ("yes", "no", "back"):
            raise DataFileError(path, n, f"alone must be yes, no or back, not {alone!r}")
        if alone == "back" and kind not in ("person", "body", "people"):
            raise DataFileError(path, n, "alone 'back' is for person, body and people terms only")
        # A body marked "back" is not an actor alone: only as an anaphor ("the company").
        agent = Agent(
            term,
            kind,
            s,
            alone == "yes" or (alone == "back" and kind == "person"),
            _opt(office),
            c,
            g,
            alone == "back",
        )
        k = key(term)
        if kind == "honorific":
            # Honorifics are matched word by word ("Grand Ayatollah" = two honorific words).
            for w in k.split():
                tables.honorifics.setdefault(w, agent)
        elif kind == "modifier":
            tables.modifiers[k] = agent
        else:
            if k in tables.agents:
                raise DataFileError(path, n, f"term {term!r} listed twice")
            tables.agents[k] = agent
        if agent.office:
            tables.offices.add(agent.office)


def load_not_actors(tables: Tables, path: str) -> None:
    for n, (phrase, kind) in _rows(path, 2):
        if kind == "name":
            tables.not_actor_names.add(fold(phrase))
        elif kind == "last-word":
            tables.not_actor_last_words.add(fold(phrase))
        elif kind == "first-word":
            tables.not_actor_first_words.add(fold(phrase))
        elif kind == "of-head":
            tables.not_actor_of_heads.add(fold(phrase))
        elif kind == "storm":
            tables.not_actor_first_words.add(fold(phrase))
            tables.storm_words.add(fold(phrase))
        elif kind == "institution":
            tables.institution_words.add(fold(phrase))
        elif kind == "org-head":
            tables.org_heads.add(fold(phrase))
        elif kind == "thing-of":
            tables.thing_heads.add(fold(phrase))
            tables.thing_kinds.add(fold(phrase))
        elif kind == "thing-kind":
            tables.thing_kinds.add(fold(phrase))
        else:
            raise DataFileError(
                path,
                n,
                f"unknown kind {kind!r} (name, last-word, first-word, of-head, storm, institution, org-head, "
                "thing-of or thing-kind)",
            )


def load_given_names(tables: Tables, path: str) -> None:
    for n, (name, gender) in _rows(path, 2):
        if gender not in ("m", "f"):
            raise DataFileError(path, n, f"gender must be m or f, not {gender!r}")
        k = fold(name)
        if k in tables.given_names:
            raise DataFileError(path, n, f"name {name!r} listed twice")
        tables.given_names[k] = gender


def load_peoples(tables: Tables, path: str) -> None:
    """Peoples that live mostly in one state: demonyms of that state ("Yoruba" -> NGA)."""
    for n, (name, code) in _rows(path, 2):
        if code not in tables.countries:
            raise DataFileError(path, n, f"{code!r} is not a country code of countries.tsv")
        k = key(name)
        if k in tables.names or k in tables.demonyms:
            raise DataFileError(path, n, f"{name!r} is already a country's name or demonym")
        tables.demonyms[k] = code


def load_tables() -> Tables:
    tables = Tables()
    load_countries(tables, data_path("countries.tsv"), data_path("dependencies.tsv"))
    load_peoples(tables, data_path("peoples.tsv"))
    load_metonyms(tables, data_path("metonyms.tsv"))
    load_agents(tables, data_path("agents.tsv"))
    load_not_actors(tables, data_path("not_actors.tsv"))
    load_given_names(tables, data_path("given_names.tsv"))
    load_state_cues(tables, data_path("state_cues.tsv"))
    load_sports(tables, data_path("sports.tsv"))
    load_naming(tables, data_path("naming.tsv"))
    load_relations(tables, data_path("relations.tsv"))
    return tables


def load_relations(tables: Tables, path: str) -> None:
    for n, (term, inverses) in _rows(path, 2):
        inv = _list(inverses)
        if not inv or any(" " in x for x in [term, *inv]):
            raise DataFileError(path, n, "a term and its inverses are single lemmas, at least one inverse")
        if fold(term) in tables.inverses:
            raise DataFileError(path, n, f"term {term!r} listed twice")
        tables.inverses[fold(term)] = frozenset(fold(x) for x in inv)


def _lemmas(path: str, kind: str) -> set[str]:
    """A ``lemma  kind`` file whose rows are all of one kind: the lemmas, folded."""
    out = set()
    for n, (lemma, k) in _rows(path, 2):
        if k != kind:
            raise DataFileError(path, n, f"unknown kind {k!r} ({kind})")
        if " " in lemma.strip():
            raise DataFileError(path, n, f"a {kind} is one lemma, not {lemma!r}")
        out.add(fold(lemma))
    return out


def load_sports(tables: Tables, path: str) -> None:
    tables.sport_cues |= _lemmas(path, "cue")


def load_naming(tables: Tables, path: str) -> None:
    tables.naming_verbs |= _lemmas(path, "naming")


def load_state_cues(tables: Tables, path: str) -> None:
    for n, (lemma, uses) in _rows(path, 2):
        kinds = _list(uses)
        bad = [u for u in kinds if u not in ("capital", "demonym", "object")]
        if not kinds or bad:
            raise DataFileError(path, n, f"uses must be capital, demonym and/or object, not {uses!r}")
        if "capital" in kinds:
            tables.state_cues.add(fold(lemma))
        if "demonym" in kinds:
            tables.demonym_heads.add(fold(lemma))
        if "object" in kinds:
            tables.object_cues.add(fold(lemma))
