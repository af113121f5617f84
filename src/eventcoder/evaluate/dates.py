"""Dates: finding DATE expressions and normalising them against the publication date.

Detection: a date of ours matches a gold DATE expression when they overlap
(the TempEval "relaxed" match), one-to-one; "strict" needs the same offsets.
Gold time expressions we do not output (TempEval DURATION, TIME and SET, GUM
clock times) are don't-care: an unmatched date of ours on one of them is
neither right nor wrong.

Value: both values are read as calendar intervals and must be the same
interval: ``2013`` is the year, ``2013-03`` the month, ``2013-W12`` that ISO
week, ``2013-Q1`` the quarter, ``201`` the decade, ``a/b`` from the start of
``a`` to the end of ``b``.  TimeML ``PRESENT_REF`` is the publication day
(our contract has no "now").  GUM's ``-2009-03-13`` (year inferred) reads as
``2009-03-13`` and ``--10`` (October, year unknown) accepts any October.  A
seed gold ``value_range`` is a tolerance: any value of ours inside it is right,
and so is a TimeML value with ``mod`` START, MID or END ("late July" is
``2012-07`` + END; a part of July that we write is right).
Gold values with unknown parts (``2012-XX-XX``, seasons, ``PAST_REF``) cannot be
compared: they count for detection only.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from ..document import Document
from .gold import GoldDate, GoldSet
from .metrics import PRF, Accuracy, any_overlap, exact, match_one_to_one, overlap
from .report import Result, Table, snippet

Interval = tuple[date, date]


def _one(v: str) -> Interval | None:
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?", v)
    if m:
        try:
            d = date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return d, d
    m = re.fullmatch(r"(\d{4})-(\d{2})", v)
    if m:
        y, mo = int(m[1]), int(m[2])
        if not 1 <= mo <= 12:
            return None
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    m = re.fullmatch(r"(\d{4})-W(\d{2})", v)
    if m:
        try:
            start = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        except ValueError:
            return None
        return start, start + timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-Q([1-4])", v)
    if m:
        y, q = int(m[1]), int(m[2])
        last = q * 3
        return date(y, last - 2, 1), date(y, last, calendar.monthrange(y, last)[1])
    m = re.fullmatch(r"(\d{4})", v)
    if m:
        return date(int(v), 1, 1), date(int(v), 12, 31)
    m = re.fullmatch(r"(\d{3})", v)
    if m:
        return date(int(v) * 10, 1, 1), date(int(v) * 10 + 9, 12, 31)
    return None


def interval(value: str | None, published: str | None = None) -> Interval | None:
    """A value as a calendar interval, or None when it cannot be compared."""
    if not value:
        return None
    v = value.strip()
    if v == "PRESENT_REF":
        return _one(published) if published else None
    if re.match(r"^-\d{4}", v):
        v = v[1:]
    if "/" in v:
        lo, hi = v.split("/", 1)
        a, b = _one(lo), _one(hi)
        if a is None or b is None or b[1] < a[0]:
            return None
        return a[0], b[1]
    return _one(v)


def value_right(gold: GoldDate, system_value: str | None, published: str | None) -> bool | None:
    """True/False, or None when the gold value cannot be compared."""
    gv = (gold.value or "").strip()
    m = re.fullmatch(r"--(\d{2})", gv)
    if m:
        s = interval(system_value)
        if s is None:
            return False
        mo = int(m[1])
        return s == _one(f"{s[0].year}-{mo:02d}")
    g = interval(gv, published)
    if g is None:
        return None
    s = interval(system_value)
    if s is None:
        return False
    if gold.within:
        return g[0] <= s[0] and s[1] <= g[1]
    return s == g


def comparable(gold: GoldDate, published: str | None) -> bool:
    gv = (gold.value or "").strip()
    return bool(re.fullmatch(r"--\d{2}", gv)) or interval(gv, published) is not None


def score_dates(gs: GoldSet, docs: list[Document], system: str) -> Result:
    res = Result("dates", gs.dataset, system, items=len(gs.items))
    relaxed, strict = PRF(), PRF()
    value_acc = Accuracy()
    value_recall = Accuracy()
    for item, doc in zip(gs.items, docs, strict=True):
        text = item.text
        gold = [g for g in item.dates or [] if g.scored]
        dont_care = [(g.start, g.end) for g in item.dates or [] if not g.scored]
        sysd = list(doc.dates)
        g_r = [(g.start, g.end) for g in gold]
        s_r = [(d.start, d.end) for d in sysd]
        pairs = match_one_to_one(g_r, s_r, any_overlap)
        matched_s = {si for _, si in pairs}
        counted = [
            i for i, r in enumerate(s_r) if i in matched_s or not any(overlap(r, d) for d in dont_care)
        ]
        relaxed.add(len(pairs), len(counted), len(gold))
        sp = match_one_to_one(g_r, s_r, exact)
        strict.add(len(sp), len(counted), len(gold))
        by_gold = dict(pairs)
        for gi, g in enumerate(gold):
            comp = comparable(g, item.published)
            si = by_gold.get(gi)
            if si is None:
                if comp:
                    value_recall.add(False)
                res.error(item.id, "missed date", start=g.start, end=g.end, text=snippet(text, g.start, g.end),
                          gold_value=g.value)  # fmt: skip
                continue
            ok = value_right(g, sysd[si].value, item.published)
            if ok is None:
                continue
            value_acc.add(ok)
            value_recall.add(ok)
            if not ok:
                res.error(item.id, "wrong value", start=g.start, end=g.end, text=snippet(text, g.start, g.end),
                          gold_value=g.value, system_value=sysd[si].value, system_text=sysd[si].text,
                          published=item.published)  # fmt: skip
        for si in counted:
            if si not in matched_s:
                d = sysd[si]
                res.error(item.id, "false date", start=d.start, end=d.end, text=snippet(text, d.start, d.end),
                          system_value=d.value)  # fmt: skip
    t = Table("DATE expressions", ["measure", "gold", "system", "P", "R", "F1"])
    t.add("detection (overlap)", relaxed.n_gold, relaxed.n_sys, relaxed.precision, relaxed.recall, relaxed.f1)
    t.add("detection (same span)", strict.n_gold, strict.n_sys, strict.precision, strict.recall, strict.f1)
    res.tables.append(t)
    t2 = Table("Normalised values (gold values that can be compared)", ["measure", "right", "of", "value"])
    t2.add("value accuracy on matched", value_acc.right, value_acc.total, value_acc.value)
    t2.add("value recall (right value / gold)", value_recall.right, value_recall.total, value_recall.value)
    res.tables.append(t2)
    res.figures = {
        "detection": relaxed.as_dict(),
        "detection_strict": strict.as_dict(),
        "value_accuracy": value_acc.as_dict(),
        "value_recall": value_recall.as_dict(),
    }
    res.summary = (
        f"value acc {value_acc.value:.3f} on {value_acc.total} matched; detection R {relaxed.recall:.3f} "
        f"P {relaxed.precision:.3f}; value recall {value_recall.value:.3f}"
    )
    return res
