"""The gazetteer of well-known actors: who they are, and which office they held when.

A gazetteer file is JSON Lines (format in ``data/actors/README.md``).  Loading checks every
line and fails with ``DataFileError(path, line, reason)`` on a malformed line, a bad country
or sector code, an unknown office, bad dates, or two holders of one office whose terms
overlap.  Role intervals are half-open: ``end`` is the first day the holder no longer holds
the office (the successor's ``start``), so a handover day is not an overlap.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..document import ACTOR_TYPES
from ..errors import DataFileError
from .actor_tables import SECTORS, Tables, fold, key

_QID = re.compile(r"^Q[1-9][0-9]*$")
_FIELDS = frozenset({"name", "type", "wikidata", "country", "sector", "gender", "aliases", "roles"})
_ROLE_FIELDS = frozenset({"office", "country", "org", "sector", "title", "start", "end"})
_FAR_FUTURE = date(9999, 12, 31)
# A bare surname ("Bush") names a gazetteer person only when that person held a role within
# this many years before the report: an old alias should not capture a namesake.
BARE_NAME_YEARS = 8


@dataclass(frozen=True)
class Role:
    office: str
    country: str
    org: str | None
    sector: str | None
    title: str | None
    start: date
    end: date | None

    def active(self, day: date) -> bool:
        return self.start <= day < (self.end or _FAR_FUTURE)


@dataclass
class Entry:
    name: str
    type: str
    wikidata: str | None
    country: str | None
    sector: str | None
    gender: str | None
    aliases: list[str]
    roles: list[Role]
    where: str  # "path:line", for messages

    @property
    def ident(self) -> str:
        return self.wikidata or f"{self.type}:{key(self.name)}"

    def role_at(self, day: date | None) -> Role | None:
        if day is None:
            return None
        for r in self.roles:
            if r.active(day):
                return r
        return None

    def recent(self, day: date | None) -> bool:
        """Held some role within BARE_NAME_YEARS before ``day`` (or day unknown, or no roles)."""
        if day is None or not self.roles:
            return True
        lo = date(max(1, day.year - BARE_NAME_YEARS), day.month, min(day.day, 28))
        return any(r.start <= day and (r.end is None or r.end > lo) for r in self.roles)


@dataclass
class Gazetteer:
    entries: list[Entry] = field(default_factory=list)
    by_alias: dict[str, list[Entry]] = field(default_factory=dict)
    by_office: dict[tuple[str, str], list[tuple[Role, Entry]]] = field(default_factory=dict)
    by_org_office: dict[tuple[str, str], list[tuple[Role, Entry]]] = field(default_factory=dict)

    def lookup(self, name: str) -> list[Entry]:
        return self.by_alias.get(key(name), [])

    def holder(self, office: str, country: str | None, org: str | None, day: date | None) -> Entry | None:
        """Who held ``office`` (of a country, or of an organisation) on ``day``."""
        if day is None:
            return None
        if org is not None:
            holders = self.by_org_office.get((office, key(org)), [])
        elif country is not None:
            holders = [(r, e) for r, e in self.by_office.get((office, country), []) if r.org is None]
        else:
            return None
        for role, entry in holders:
            if role.active(day):
                return entry
        return None


def _date(value: object, path: str, line: int, what: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        raise DataFileError(path, line, f"{what} must be a YYYY-MM-DD date or null, not {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise DataFileError(path, line, f"{what} {value!r} is not a valid date") from None


def _str_or_none(obj: dict, name: str, path: str, line: int) -> str | None:
    value = obj.get(name)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise DataFileError(path, line, f"{name} must be a non-empty string or null")
    return value


def _code(value: object, tables: Tables, path: str, line: int, what: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not tables.valid_code(value):
        raise DataFileError(path, line, f"{what} {value!r} is not a known country code")
    return value


def _sector(value: object, path: str, line: int) -> str | None:
    if value is None:
        return None
    if value not in SECTORS:
        raise DataFileError(path, line, f"unknown sector {value!r}")
    return str(value)


def _parse_role(raw: object, tables: Tables, path: str, line: int) -> Role:
    if not isinstance(raw, dict):
        raise DataFileError(path, line, "each role must be a JSON object")
    extra = set(raw) - _ROLE_FIELDS
    if extra:
        raise DataFileError(path, line, f"unknown role field(s): {', '.join(sorted(extra))}")
    office = raw.get("office")
    if not isinstance(office, str) or office not in tables.offices:
        raise DataFileError(
            path, line, f"unknown office {office!r} (known: {', '.join(sorted(tables.offices))})"
        )
    country = _code(raw.get("country"), tables, path, line, "role country")
    if country is None:
        raise DataFileError(path, line, "a role needs a country")
    start = _date(raw.get("start"), path, line, "role start")
    if start is None:
        raise DataFileError(path, line, "a role needs a start date")
    end = _date(raw.get("end"), path, line, "role end")
    if end is not None and end <= start:
        raise DataFileError(path, line, f"role ends ({end}) before it starts ({start})")
    return Role(
        office=office,
        country=country,
        org=_str_or_none(raw, "org", path, line),
        sector=_sector(raw.get("sector"), path, line),
        title=_str_or_none(raw, "title", path, line),
        start=start,
        end=end,
    )


def _parse_entry(obj: object, tables: Tables, path: str, line: int) -> Entry:
    if not isinstance(obj, dict):
        raise DataFileError(path, line, "a line must hold one JSON object")
    extra = set(obj) - _FIELDS
    if extra:
        raise DataFileError(path, line, f"unknown field(s): {', '.join(sorted(extra))}")
    name = obj.get("name")
    if not isinstance(name, str) or not name.strip():
        raise DataFileError(path, line, "name must be a non-empty string")
    kind = obj.get("type")
    if kind not in ACTOR_TYPES:
        raise DataFileError(path, line, f"type must be one of {', '.join(ACTOR_TYPES)}, not {kind!r}")
    qid = obj.get("wikidata")
    if qid is not None and (not isinstance(qid, str) or not _QID.match(qid)):
        raise DataFileError(path, line, f"wikidata must look like Q123 or be null, not {qid!r}")
    gender = obj.get("gender")
    if gender not in (None, "m", "f"):
        raise DataFileError(path, line, f"gender must be m, f or null, not {gender!r}")
    aliases = obj.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise DataFileError(path, line, "aliases must be a list of non-empty strings")
    roles_raw = obj.get("roles", [])
    if not isinstance(roles_raw, list):
        raise DataFileError(path, line, "roles must be a list")
    roles = [_parse_role(r, tables, path, line) for r in roles_raw]
    return Entry(
        name=name.strip(),
        type=str(kind),
        wikidata=qid,
        country=_code(obj.get("country"), tables, path, line, "country"),
        sector=_sector(obj.get("sector"), path, line),
        gender=gender,
        aliases=[a.strip() for a in aliases],
        roles=roles,
        where=f"{path}:{line}",
    )


def _overlap(a: Role, b: Role) -> bool:
    return a.start < (b.end or _FAR_FUTURE) and b.start < (a.end or _FAR_FUTURE)


def load_gazetteer(paths: list[str], tables: Tables) -> Gazetteer:
    gaz = Gazetteer()
    seen_ids: dict[str, str] = {}
    for path in paths:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise DataFileError(path, None, f"cannot read gazetteer ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise DataFileError(path, None, "gazetteer is not UTF-8 text") from None
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataFileError(path, n, f"invalid JSON ({exc.msg} at column {exc.colno})") from None
            entry = _parse_entry(obj, tables, path, n)
            if entry.ident in seen_ids:
                raise DataFileError(
                    path, n, f"{entry.name} ({entry.ident}) is already defined at {seen_ids[entry.ident]}"
                )
            seen_ids[entry.ident] = entry.where
            _add(gaz, entry, path, n)
    return gaz


def _add(gaz: Gazetteer, entry: Entry, path: str, line: int) -> None:
    for role in entry.roles:
        slot = (role.office, key(role.org)) if role.org else (role.office, role.country)
        table = gaz.by_org_office if role.org else gaz.by_office
        for other_role, other in table.get(slot, []):
            if _overlap(role, other_role) and not (other is entry and other_role is role):
                who = "another of its roles" if other is entry else f"{other.name} ({other.where})"
                office = f"{role.office} of {role.org or role.country}"
                raise DataFileError(
                    path, line, f"role {office} from {role.start} overlaps {who} from {other_role.start}"
                )
        table.setdefault(slot, []).append((role, entry))
    gaz.entries.append(entry)
    for alias in {entry.name, *entry.aliases}:
        bucket = gaz.by_alias.setdefault(key(alias), [])
        if entry not in bucket:
            bucket.append(entry)


__all__ = ["BARE_NAME_YEARS", "Entry", "Gazetteer", "Role", "fold", "load_gazetteer"]
