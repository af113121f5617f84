"""Places the tagger leaves untagged or mistypes after a locative preposition or before the noun
of an area (places stage)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("text", "name", "country"),
    [
        ("Two people were killed in Odesa on Monday.", "Odesa", "UKR"),
        ("In Odesa, sirens sounded all night.", "Odesa", "UKR"),
        ("The talks in Mariupol failed.", "Mariupol", "UKR"),
        # a name before the noun of an area, untagged or tagged as a nationality
        ("Russian forces shelled the Donetsk region.", "Donetsk", "UKR"),
        ("The Donetsk region was shelled overnight.", "Donetsk", "UKR"),  # 'The' starts the sentence
        ("Drones struck power plants in the Odesa region overnight.", "Odesa", "UKR"),
    ],
)
def test_a_large_city_after_in_is_a_place(pipeline, text, name, country):
    doc = pipeline(text, published="2024-03-04")
    assert [(p.name, p.country) for p in doc.places] == [(name, country)]
    assert doc.places[0].lat is not None


@pytest.mark.parametrize(
    "text",
    [
        "Police arrested Jackson in Lincoln.",  # a person, and a city of no one clear country
        "He handed the letter to Jackson.",  # not a locative preposition
        "The ministers met in The Hague Room.",  # no such place
    ],
)
def test_no_place_without_a_clear_city_after_a_locative(pipeline, text):
    doc = pipeline(text, published="2024-03-04")
    assert all(p.name not in ("Jackson", "Lincoln", "The Hague Room") for p in doc.places)
