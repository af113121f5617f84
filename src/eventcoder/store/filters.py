"""Selecting events from the store: the ONE filter of ``eventcoder events``, the event exports and the API.

Every value goes in as a bound parameter.  An actor (or recipient) filter
matches a party of the event by name (case-insensitive, any part:
``--actor iran`` matches "Iran" and "Iranian officials"), by Wikidata id, by
country (``IRN``, or a name pycountry knows: "Iran", "Russia"), or by country
and sector code (``IRNGOV``).  Dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``,
real calendar dates only) compare at their own precision against the range
the event may have happened in (its date, else its report's publication
date): ``--since 2023-06`` keeps every event that may have happened in or
after June 2023.

The checks of values (:func:`check_date`, :func:`check_types`) raise
:class:`FilterError` with a message fit for one line of a CLI error or an
API answer, so both front ends refuse the same values with the same words.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from ..document import EVENT_TYPES
from .duckdb_store import date_range

DATE_FORMAT = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


class FilterError(ValueError):
    """A filter value that cannot select anything (a malformed date, an unknown type)."""


def check_date(value: str, option: str = "date") -> tuple[date, date]:
    """The first and last day ``value`` covers; FilterError unless it is a real YYYY[-MM[-DD]] date."""
    r = date_range(value) if DATE_FORMAT.fullmatch(value) else None
    if r is None:  # date_range gives None for a day not on the calendar, year 0 included
        raise FilterError(
            f"{option} {value!r} is not a date; use YYYY, YYYY-MM or YYYY-MM-DD (a real calendar date)"
        )
    return r


def check_types(values: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """PLOVER types in upper case; FilterError naming the first unknown one."""
    out = tuple(v.strip().upper() for v in values if v.strip())
    for v in out:
        if v not in EVENT_TYPES:
            raise FilterError(f"unknown PLOVER event type {v!r}; choose from {', '.join(EVENT_TYPES)}")
    return out


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
    actor_country: str | None = None  # a source actor's country
    recipient_country: str | None = None
    sector: str | None = None  # the actor's or the recipient's sector code (GOV, MIL, ...)
    place: str | None = None  # the event's place name, exact
    text: str | None = None  # words in the evidence sentence

    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def check(self, prefix: str = "") -> None:
        """Raise FilterError for a value no event can match for the wrong reason (a typo).

        ``prefix`` goes before the option names in messages ("--" for the CLI's ``--since``)."""
        check_types(self.type)
        if self.since:
            check_date(self.since, prefix + "since")
        if self.until:
            check_date(self.until, prefix + "until")

    def where(self, tables: set[str] | None = None) -> tuple[str, list[Any]]:
        """SQL over ``events e JOIN documents d`` and its parameters.

        ``tables``: the store's tables, when known; without ``incident_events``
        (no grouping yet) an incident filter matches nothing instead of failing.  A value no
        event can match raises FilterError as ``check`` does (the clauses below check them).
        """
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
                params += [f"%{escape_like(value)}%", value, code, value.upper()]
        if self.type:
            clauses.append("e.type IN (SELECT unnest(?))")
            params.append(list(check_types(self.type)))
        if self.country:
            clauses.append("(list_contains(e.actor_countries, ?) OR list_contains(e.recipient_countries, ?))")
            params += [country_code(self.country) or self.country.upper()] * 2
        for side, value in (("actor", self.actor_country), ("recipient", self.recipient_country)):
            if value:
                clauses.append(f"list_contains(e.{side}_countries, ?)")
                params.append(country_code(value) or value.upper())
        if self.sector:
            clauses.append(
                "EXISTS (SELECT 1 FROM actors a WHERE a.doc_id = e.doc_id AND a.sector = ? "
                "AND (list_contains(e.actor, a.actor_id) OR list_contains(e.recipient, a.actor_id)))"
            )
            params.append(self.sector.upper())
        if self.since:
            clauses.append("e.date_hi >= ?")
            params.append(check_date(self.since, "since")[0])
        if self.until:
            clauses.append("e.date_lo <= ?")
            params.append(check_date(self.until, "until")[1])
        if self.source:
            clauses.append("d.source = ?")
            params.append(self.source)
        if self.doc:
            clauses.append("e.doc_id = ?")
            params.append(self.doc)
        if self.incident:
            if tables is not None and "incident_events" not in tables:
                clauses.append("FALSE")
            else:
                clauses.append(
                    "EXISTS (SELECT 1 FROM incident_events l WHERE l.incident_id = ? "
                    "AND l.doc_id = e.doc_id AND l.event_id = e.event_id)"
                )
                params.append(self.incident)
        if self.place:
            clauses.append("e.location_name = ?")
            params.append(self.place)
        if self.text:
            clauses.append("e.evidence_text ILIKE ? ESCAPE '\\'")
            params.append(f"%{escape_like(self.text)}%")
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


def escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
