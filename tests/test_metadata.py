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
    parse_published,
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
    "value, expected",
    [
        ("Fri, 05 Jan 2024 10:00:00 GMT", "2024-01-05"),
        ("Fri, 05 Jan 2024 23:30:00 -0500", "2024-01-05"),  # the date as written, not moved to UTC
        ("2024-01-05T23:30:00-05:00", "2024-01-05"),
        ("2024-01-05 10:00", "2024-01-05"),
        ("Jan 5, 2024", "2024-01-05"),
        ("January 5 2024", "2024-01-05"),
        ("Sept. 14, 2023", "2023-09-14"),
        ("5 January 2024", "2024-01-05"),
        ("5th of Jan. 2024", "2024-01-05"),
        ("Friday, 5 January 2024 10:00 GMT", "2024-01-05"),
        ("25/01/2024", "2024-01-25"),
        ("01/25/2024", "2024-01-25"),
        ("07.07.2024", "2024-07-07"),
    ],
)
def test_publication_dates_in_common_forms(value, expected):
    assert parse_published(value) == (expected, None)
    assert normalise_published(value) == expected


@pytest.mark.parametrize(
    "value, why",
    [
        ("05/01/2024", "'05/01/2024' is ambiguous (day/month or month/day?); use YYYY-MM-DD"),
        ("3-4-2024", "'3-4-2024' is ambiguous (day/month or month/day?); use YYYY-MM-DD"),
        ("Janvier 5, 2024", "'Janvier 5, 2024' is not a date eventcoder reads; use YYYY-MM-DD"),
        ("May 2024", "'May 2024' is not a date eventcoder reads; use YYYY-MM-DD"),
        ("Feb 30, 2024", "'Feb 30, 2024' is not a valid date; use YYYY-MM-DD"),
        ("31/31/2024", "'31/31/2024' is not a valid date; use YYYY-MM-DD"),
    ],
)
def test_publication_dates_refused_with_the_reason(value, why):
    assert parse_published(value) == (None, why)
    assert parse_published("") == (None, None) and parse_published(None) == (None, None)


@pytest.mark.parametrize(
    "text, title, place, covered, body",
    [
        (
            "Talks\nGENEVA (AP) \u2014 The foreign ministers met on Friday.",
            "Talks",
            "Geneva",
            "GENEVA (AP) \u2014 ",
            "The foreign ministers met on Friday.",
        ),
        (
            "  Ceasefire talks resume in Paris\n\nPARIS, June 5, 2021 (AFP) - France said.",
            "Ceasefire talks resume in Paris",
            "Paris",
            "PARIS, June 5, 2021 (AFP) - ",
            "France said.",
        ),
        (
            "Talks resume\nBy Jane Roe\nJan 5, 2024\nGENEVA (AP) \u2014 The ministers met.",
            "Talks resume",
            "Geneva",
            "GENEVA (AP) \u2014 ",
            "The ministers met.",
        ),
        (
            "By Jane Roe\nGENEVA (AP) \u2014 The ministers met.",
            None,  # a byline is no title
            "Geneva",
            "GENEVA (AP) \u2014 ",
            "The ministers met.",
        ),
    ],
)
def test_dateline_after_a_headline(text, title, place, covered, body):
    stage = MetadataStage()
    doc = Document(id="d", text=text)
    stage(doc)
    dl = doc.meta.dateline
    assert dl is not None and dl.place == place
    assert text[dl.start : dl.end] == covered  # offsets into the text as given
    assert doc.meta.title == title
    start, end = stage.body(doc)
    assert text[start:end] == body
    assert doc.text == text


def test_a_headline_never_replaces_the_input_title_and_gives_the_dateline_date():
    stage = MetadataStage()
    text = "Talks resume\nPARIS, June 5, 2021 (AFP) - France said."
    doc = Document(id="d", text=text, meta=Meta(title="Paris talks resume"))
    stage(doc)
    assert doc.meta.title == "Paris talks resume" and doc.meta.published == "2021-06-05"


@pytest.mark.parametrize(
    "text",
    [
        # the first line is a sentence: the report itself, and what follows is no dateline of it
        "Police arrested five men.\nGENEVA (AP) \u2014 The ministers met.",
        # a long first line is no headline
        "The foreign ministers of France and Germany met in Geneva on Friday to talk about trade and"
        " borders\nGENEVA (AP) \u2014 They met.",
        # a headline, but no dateline after it
        "Talks resume\nThe foreign ministers met in Geneva on Friday.",
        # a headline and nothing else
        "Talks resume\n",
        # a dateline below four short lines is too far down to head the report
        "Talks\nBy Jane Roe\nJan 5\nUpdated\nGENEVA (AP) \u2014 The ministers met.",
    ],
)
def test_no_dateline_after_a_sentence_or_without_one(text):
    stage = MetadataStage()
    doc = Document(id="d", text=text)
    stage(doc)
    assert doc.meta.dateline is None and doc.meta.title is None
    assert stage.body(doc)[0] == 0


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


def test_a_headline_above_the_dateline_through_the_pipeline(pipeline):
    text = "Border talks\nLIMA, May 6 (Reuters) - Peru's foreign minister met Chile's envoy on Monday."
    doc = pipeline(text, id="h")
    dl = doc.meta.dateline
    assert (dl.place, doc.meta.title) == ("Lima", "Border talks")
    assert any(m.start == dl.start and m.text == "LIMA" for p in doc.places for m in p.mentions)
    assert doc.text == text


@pytest.mark.parametrize(
    "text",
    [
        "NAIROBI, May 7 (Rift Wire) - Thousands of Kenyans protested in Nairobi on Tuesday against taxes on fuel.",
        "BERLIN, May 10 (Rhine Wire) - Germany and France signed an agreement on joint purchases of grain.",
    ],
)
def test_the_dateline_stays_out_of_the_parse(pipeline, text):
    # left in, the parser takes the dateline for the subject: the protesters became the
    # protest's target, and of two signatories only one was left
    doc = pipeline(text, published="2024-05-10")
    assert doc.meta.dateline is not None
    e = doc.events[0]
    assert len(e.actor) == (1 if e.type == "PROTEST" else 2) and e.recipient == []
