"""Selecting events from the store: the filters of ``eventcoder events`` and of the event exports.

Every value goes in as a bound parameter.  An actor (or recipient) filter
matches a party of the event by name (case-insensitive, any part:
``--actor iran`` matches "Iran" and "Iranian officials"), by Wikidata id, by
country (``IRN``, or a name pycountry knows: "Iran", "Russia"), or by country
and sector code (``IRNGOV``).  Dates
compare at their own precision against the range the event may have happened
in (its date, else its report's publication date): ``--since 2023-06``
keeps every event that may have happened in or after June 2023.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, fields
from typing import Any

from .duckdb_store import date_range


@dataclass
class EventQuery:
    actor: str | None = None
    recipient: str | None = None
    type: tuple[str, ...] = ()
    country: str | None = None  # the actor's or the recipient's country
    since: str | None = None  # YYYY[-MM[-DD]], inclusive
    until: str | None = None
    source: str | None = None
    doc: str | None = None
    incident: str | None = None
    located: bool = False  # only events with coordinates

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def where(self) -> tuple[str, list[Any]]:
        """SQL over ``events e JOIN documents d`` and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for side, value in (("actor", self.actor), ("recipient", self.recipient)):
            if value:
                clauses.append(
                    "EXISTS (SELECT 1 FROM actors a WHERE a.doc_id = e.doc_id "
                    f"AND list_contains(e.{side}, a.actor_id) AND (a.name ILIKE ? ESCAPE '\\' OR a.wikidata = ? "
                    "OR a.country = ? OR a.country || coalesce(a.sector, '') = ?))"
                )
                code = country_code(value) or value.upper()
                params += [f"%{_escape_like(value)}%", value, code, value.upper()]
        if self.type:
            clauses.append("e.type IN (SELECT unnest(?))")
            params.append([t.upper() for t in self.type])
        if self.country:
            clauses.append("(list_contains(e.actor_countries, ?) OR list_contains(e.recipient_countries, ?))")
            params += [country_code(self.country) or self.country.upper()] * 2
        if self.since:
            lo = _range(self.since, "--since")[0]
            clauses.append("e.date_hi >= ?")
            params.append(lo)
        if self.until:
            hi = _range(self.until, "--until")[1]
            clauses.append("e.date_lo <= ?")
            params.append(hi)
        if self.source:
            clauses.append("d.source = ?")
            params.append(self.source)
        if self.doc:
            clauses.append("e.doc_id = ?")
            params.append(self.doc)
        if self.incident:
            clauses.append(
                "EXISTS (SELECT 1 FROM incident_events l WHERE l.incident_id = ? "
                "AND l.doc_id = e.doc_id AND l.event_id = e.event_id)"
            )
            params.append(self.incident)
        if self.located:
            clauses.append("e.lat IS NOT NULL AND e.lon IS NOT NULL")
        return " AND ".join(clauses) or "TRUE", params


@functools.cache
def country_code(value: str) -> str | None:
    """ISO3 code of a country named or coded by ``value`` ("Iran", "russia", "FR"), else None."""
    import pycountry

    try:
        return str(pycountry.countries.lookup(value.strip()).alpha_3)
    except LookupError:
        pass
    if len(value.strip()) < 4:
        return None
    try:
        found = pycountry.countries.search_fuzzy(value.strip())
    except LookupError:
        return None
    starts = [c for c in found if c.name.casefold().startswith(value.strip().casefold())]
    return str(starts[0].alpha_3) if len(starts) == 1 else None


def _range(value: str, option: str) -> Any:
    r = date_range(value)
    if r is None:
        raise ValueError(f"{option} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD")
    return r


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
