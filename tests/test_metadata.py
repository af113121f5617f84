"""Datelines, the publication date they carry, licence lines and the body range."""

from __future__ import annotations

import json

import pytest

from eventcoder.document import Document, Meta
from eventcoder.errors import DataFileError
from eventcoder.stages.metadata import (
    MetadataStage,
    dateline_date,
    find_dateline,
    find_licence,
    load_licences,
    load_not_places,
    normalise_published,
)


@pytest.mark.parametrize(
    "text, place, covered",
    [
        ("TEHRAN- Leader of the Revolution spoke.", "Tehran", "TEHRAN- "),
        ("TEHRAN, Aug. 23 (MNA) – Iran said on Monday.", "Tehran", "TEHRAN, Aug. 23 (MNA) – "),
        ("WASHINGTON (AP) — The president signed it.", "Washington", "WASHINGTON (AP) — "),
        ("KYIV, Ukraine (Reuters) - Russia launched drones.", "Kyiv", "KYIV, Ukraine (Reuters) - "),
        ("LONDON, 5 June (Reuters) - Britain said.", "London", "LONDON, 5 June (Reuters) - "),
        (
            "RAMALLAH, West Bank, June 21 (AP) — Troops left.",
            "Ramallah",
            "RAMALLAH, West Bank, June 21 (AP) — ",
        ),
        ("ST. LOUIS — A jury decided.", "St. Louis", "ST. LOUIS — "),
        ("NEW DELHI, Aug 3 (PTI): India said.", "New Delhi", "NEW DELHI, Aug 3 (PTI): "),
        ("Tehran, June 21 (IRNA) - Iran's envoy spoke.", "Tehran", "Tehran, June 21 (IRNA) - "),
        ("  GAZA CITY, Gaza Strip — Strikes hit.", "Gaza City", "GAZA CITY, Gaza Strip — "),
    ],
)
def test_datelines(text, place, covered):
    dl = find_dateline(text)
    assert dl is not None, text
    assert dl.place == place
    assert text[dl.start : dl.end] == covered
    assert text[dl.start : dl.start + len(dl.place)].lower() == place.lower()


@pytest.mark.parametrize(
    "text",
    [
        "US-China talks resume in Geneva.",  # a hyphen inside a word
        "BREAKING: Iran says talks failed.",  # a label
        "IRAN SAYS TALKS FAILED - REPORT",  # a headline in capitals
        "NATO - the alliance said it would respond.",  # a sentence goes on in lower case
        "NATO - The alliance said it would respond.",  # an organisation, not a place
        "Tehran - Iran's envoy spoke.",  # title case needs a date or an agency
        "WASHINGTON: The president spoke.",  # a bare colon is too often a label
        "The leader said - no more talks.",
        "Iran's president spoke in Tehran on Monday.",
    ],
)
def test_not_datelines(text):
    assert find_dateline(text) is None


def test_date_in_the_dateline():
    text = "TEHRAN, Aug. 23 (MNA) – Iran said."
    dl = find_dateline(text)
    assert dateline_date(text, dl, "2023-01-02") == "2023-08-23"
    assert dateline_date(text, dl, None) is None  # no year anywhere: no date
    text = "NEW YORK, June 5, 2021 (Reuters) - Stocks fell."
    assert dateline_date(text, find_dateline(text), None) == "2021-06-05"
    text = "PARIS, Sept. 31 (AFP) - France said."
    assert dateline_date(text, find_dateline(text), "2023-01-01") is None  # no such day


def test_publication_date_from_the_input_or_the_dateline():
    stage = MetadataStage()
    doc = Document(id="d", text="PARIS, June 5, 2021 (AFP) - France said.", meta=Meta(published=None))
    stage(doc)
    assert doc.meta.published == "2021-06-05"
    doc = Document(
        id="d", text="PARIS, June 5, 2021 (AFP) - France said.", meta=Meta(published="2021-06-06T08:00Z")
    )
    stage(doc)
    assert doc.meta.published == "2021-06-06"  # the input wins


def test_normalise_published():
    assert normalise_published("2023-06-21T10:00:00Z") == "2023-06-21"
    assert normalise_published("2023/06/21") == "2023-06-21"
    assert normalise_published("20230621") == "2023-06-21"
    assert normalise_published("2023-02-30") is None
    assert normalise_published("June 21") is None
    assert normalise_published(None) is None


@pytest.mark.parametrize(
    "line, ident",
    [
        (
            "All content is licensed under a Creative Commons Attribution 4.0 International License.",
            "CC-BY-4.0",
        ),
        ("Text is available under the Creative Commons Attribution-ShareAlike 4.0 License.", "CC-BY-SA-4.0"),
        ("This article is published under CC BY-NC-ND 4.0.", "CC-BY-NC-ND-4.0"),
        ("Released under a Creative Commons Attribution 2.5 licence.", "CC-BY-2.5"),
    ],
)
def test_licence_lines(line, ident):
    text = f'The minister said. "We will go." {line}'
    lic = find_licence(text)
    assert lic is not None and lic[0] == ident
    assert text[lic[1] : lic[2]] == line


def test_no_licence():
    assert find_licence("The minister said the talks would go on.") is None


def test_body_excludes_dateline_and_licence():
    text = "TEHRAN- Iran said talks went well. All content is licensed under CC BY 4.0."
    doc = Document(id="d", text=text)
    stage = MetadataStage()
    stage(doc)
    start, end = stage.body(doc)
    assert text[start:end].strip() == "Iran said talks went well."
    assert doc.meta.license == "CC-BY-4.0"
    plain = Document(id="p", text="Iran said talks went well.")
    stage(plain)
    assert stage.body(plain) == (0, len(plain.text))


def test_seed_metadata(seed_doc, seed_gold):
    assert seed_doc.meta.dateline.place.upper() == seed_gold["dateline"]
    assert seed_doc.meta.license == seed_gold["license"]
    assert seed_doc.meta.published == "2023-06-21"


def test_malformed_data_files(tmp_path):
    bad = tmp_path / "licences.json"
    bad.write_text(json.dumps({"licences": [{"id": "X", "pattern": "(unclosed"}]}), encoding="utf-8")
    with pytest.raises(DataFileError, match="bad pattern"):
        load_licences(bad)
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_licences(bad)
    assert err.value.line == 1
    words = tmp_path / "datelines.json"
    words.write_text(json.dumps({"not_places": ["says"]}), encoding="utf-8")
    with pytest.raises(DataFileError, match="upper-case"):
        load_not_places(words)
