"""The place gazetteer (``place_gazetteer``): name keys, the country a clear city or region
stands for, and the errors a malformed data file raises (no spaCy)."""

from __future__ import annotations

import json
import shutil
from importlib import resources
from pathlib import Path

import pytest

from eventcoder.errors import DataFileError
from eventcoder.stages.place_gazetteer import Gazetteer, name_key, shared


def test_name_key_folds_spelling():
    assert name_key("the U.S.") == "us"
    assert name_key("Côte d'Ivoire") == "cote divoire"
    assert name_key("Tehran's") == "tehran"
    assert name_key("Khan-Yunis") == "khan yunis"


def test_country_of_a_clear_city_or_region():
    g = shared()
    assert g.country_of("Abidjan") == "CIV"
    assert g.country_of("Darfur") == "SDN"
    assert g.country_of("Paris") == "FRA"  # Paris, Texas is far smaller
    assert g.country_of("Khatmandu") == "NPL"  # an alternate name of a large city
    assert g.country_of("Victoria") is None  # a region of Australia and a large city elsewhere
    assert g.country_of("Scientology") is None
    assert g.country_of("Moro") == "PAK" and g.country_of("Moro", 500_000) is None


# -- data files ------------------------------------------------------------------------------------


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    src = Path(str(resources.files("eventcoder.data").joinpath("places")))
    for f in src.iterdir():
        if f.is_file():
            shutil.copy(f, tmp_path / f.name)
    return tmp_path


def test_malformed_alias_file_names_the_entry(data_copy):
    path = data_copy / "aliases.json"
    raw = json.loads(path.read_text("utf-8"))
    raw["places"].append({"name": "Atlantis", "kind": "island", "country": None, "aliases": ["Atlantis"]})
    path.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        Gazetteer(data_copy)
    assert err.value.path == str(path) and err.value.line is not None and "Atlantis" in str(err.value)


def test_malformed_table_names_the_line(data_copy):
    path = data_copy / "countries.tsv"
    lines = path.read_text("utf-8").splitlines()
    lines[5] = lines[5].replace("\t", " ", 1)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        Gazetteer(data_copy)
    assert err.value.line == 6
