"""Places, round 2: places named inside organisation names, surnames that are place names, and
places the tagger labelled otherwise; on sentences written here (actors -> places)."""

from __future__ import annotations

import pytest

from conftest import assert_valid
from eventcoder.document import Document, Meta
from eventcoder.stages.actors import ActorStage
from eventcoder.stages.base import Context
from eventcoder.stages.metadata import MetadataStage
from eventcoder.stages.places import PlaceStage


@pytest.fixture(scope="module")
def stages():
    return [ActorStage(), PlaceStage()]


def run(nlp, stages, text: str) -> Document:
    doc = Document(id="t", text=text, meta=Meta(published="2023-06-21"))
    meta = MetadataStage()
    meta(doc)
    ctx = Context(sp=nlp(text), body=meta.body(doc))
    for stage in stages:
        stage(doc, ctx)
    assert_valid(doc.to_dict())
    return doc


def place(doc: Document, mention: str):
    return next((p for p in doc.places if any(m.text == mention for m in p.mentions)), None)


def test_place_inside_an_organisation_name(nlp, stages):
    doc = run(nlp, stages, "Researchers at the University of Helsinki published the study on Monday.")
    helsinki = place(doc, "Helsinki")
    assert helsinki is not None and helsinki.country == "FIN"


def test_no_place_inside_a_news_organisation_name(nlp, stages):
    doc = run(nlp, stages, "The New York Times reported the vote on Monday.")
    assert place(doc, "New York") is None


def test_one_word_town_inside_a_name_needs_its_country_or_size(nlp, stages):
    # "Metro" is also a town in Indonesia; the report names no Indonesia.
    doc = run(nlp, stages, "Fans gathered at the Metro Toronto Convention Centre in Canada.")
    assert place(doc, "Metro") is None
    assert place(doc, "Toronto").country == "CAN"


def test_surname_of_a_person_is_no_place(nlp, stages):
    text = "Valeska Paris, an Australian woman, said she was held on a ship. Paris left in 2007."
    doc = run(nlp, stages, text)
    assert place(doc, "Paris") is None


def test_town_after_from_is_a_place_whatever_its_tag(nlp, stages):
    doc = run(nlp, stages, "The team travelled from Herat to the capital on Monday.")
    herat = place(doc, "Herat")
    assert herat is not None and herat.country == "AFG"
