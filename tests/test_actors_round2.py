"""Actors, round 2: cities and regions standing for their state, peoples of one state, stances,
institutions as organisations, loose appositions and predicates, spelled-out acronyms, names an
apposition calls a person, and the data files behind them; on sentences written here."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.document import Document, Meta
from eventcoder.errors import DataFileError
from eventcoder.stages.actor_tables import Tables, load_countries, load_not_actors, load_peoples
from eventcoder.stages.actors import ActorStage
from eventcoder.stages.base import Context
from eventcoder.stages.metadata import MetadataStage
from eventcoder.stages.place_gazetteer import shared


@pytest.fixture(scope="module")
def model():
    from eventcoder import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="module")
def stage():
    return ActorStage()


def run(model, stage, text: str, published: str | None = "2023-06-21") -> Document:
    doc = Document(id="t", text=text, meta=Meta(published=published))
    meta = MetadataStage()
    meta(doc)
    stage(doc, Context(sp=model(text), body=meta.body(doc)))
    return doc


def actor_with(doc: Document, mention: str):
    for a in doc.actors:
        if any(m.text == mention for m in a.mentions):
            return a
    return None


def texts(actor) -> list[str]:
    return [m.text for m in actor.mentions]


# -- the place gazetteer's countries -----------------------------------------------------------


def test_country_of_a_clear_city_or_region():
    g = shared()
    assert g.country_of("Abidjan") == "CIV"
    assert g.country_of("Darfur") == "SDN"
    assert g.country_of("Paris") == "FRA"  # Paris, Texas is far smaller
    assert g.country_of("Khatmandu") == "NPL"  # an alternate name of a large city
    assert g.country_of("Victoria") is None  # a region of Australia and a large city elsewhere
    assert g.country_of("Scientology") is None
    assert g.country_of("Moro") == "PAK" and g.country_of("Moro", 500_000) is None


# -- cities and regions as their state ---------------------------------------------------------


def test_city_after_a_state_cue_is_its_state(model, stage):
    doc = run(model, stage, "The government imposed a curfew in Abidjan on Monday.")
    abidjan = actor_with(doc, "Abidjan")
    assert abidjan is not None and (abidjan.type, abidjan.country) == ("country", "CIV")


def test_city_as_the_object_of_a_siege_verb_is_its_state(model, stage):
    doc = run(model, stage, "Farmers said they would blockade Paris from Monday night.")
    assert actor_with(doc, "Paris").country == "FRA"


def test_city_where_someone_speaks_stays_a_place(model, stage):
    doc = run(model, stage, "The minister spoke to reporters in Lyon on Monday.")
    assert actor_with(doc, "Lyon") is None
    doc = run(model, stage, "Farmers visited Paris on Monday.")
    assert actor_with(doc, "Paris") is None


def test_town_of_a_city_after_a_state_cue(model, stage):
    doc = run(model, stage, "Turkish authorities imposed a curfew in the town of Cizre on Tuesday.")
    cizre = actor_with(doc, "Cizre")
    assert cizre is not None and cizre.country == "TUR"


def test_region_before_a_group_noun_gives_its_country(model, stage):
    doc = run(model, stage, "The government accused Darfur rebels of breaking the truce.")
    rebels = actor_with(doc, "Darfur rebels")
    assert rebels is not None and (rebels.country, rebels.sector) == ("SDN", "REB")


def test_group_in_a_city_is_of_its_country(model, stage):
    doc = run(model, stage, "Demonstrators in Baghdad blocked a road on Tuesday.")
    assert actor_with(doc, "Demonstrators").country == "IRQ"


def test_government_of_a_province_is_its_state(model, stage):
    doc = run(model, stage, "The government of Sindh province ordered patrols by police.")
    gov = actor_with(doc, "The government of Sindh province")
    assert gov is not None and (gov.type, gov.country) == ("country", "PAK")


# -- peoples, stances, modifiers ---------------------------------------------------------------


def test_people_of_one_state(model, stage):
    doc = run(model, stage, "Yoruba leaders said they would back the president.")
    assert actor_with(doc, "Yoruba leaders").country == "NGA"


def test_stance_prefix_gives_no_country(model, stage):
    doc = run(model, stage, "A prominent anti-Syria journalist was killed on Monday.")
    journalist = actor_with(doc, "A prominent anti-Syria journalist")
    assert journalist is not None and journalist.country is None and journalist.sector == "JRN"


def test_demonym_before_an_institution_used_as_a_modifier(model, stage):
    doc = run(model, stage, "A prisoner died while in Israeli police custody.")
    police = actor_with(doc, "Israeli police")
    assert police is not None and (police.country, police.sector) == ("ISR", "COP")


def test_organisation_named_with_a_two_word_demonym_is_the_state(model, stage):
    doc = run(model, stage, "The South African Government rejected the claim on Monday.")
    zaf = actor_with(doc, "South African Government")
    assert zaf is not None and (zaf.type, zaf.country) == ("country", "ZAF")


def test_one_sentence_report_naming_one_state(model, stage):
    doc = run(model, stage, "President Karim Belhadj threatened to impose a curfew in Algiers.")
    assert actor_with(doc, "President Karim Belhadj").country == "DZA"


# -- titles and names --------------------------------------------------------------------------


def test_lower_case_title_before_an_untagged_name(model, stage):
    doc = run(model, stage, "Zambia extradited suspected British militant Haroon Rashid Aswad on Sunday.")
    person = next((a for a in doc.actors if a.type == "person"), None)
    assert person is not None and person.name == "Haroon Rashid Aswad"
    assert (person.country, person.sector) == ("GBR", "REB")


def test_lower_case_title_counts_as_a_title(model, stage):
    doc = run(model, stage, "Texas student Omar Haddad spoke on Monday. The student was released later.")
    omar = actor_with(doc, "The student")
    assert omar is not None and omar.name == "Omar Haddad"


def test_coordinated_titles_before_one_name(model, stage):
    doc = run(model, stage, "Reporters spoke with activist and philosopher Noam Chomsky on Monday.")
    people = [a for a in doc.actors if a.type == "person"]
    assert len(people) == 1 and people[0].name == "Noam Chomsky"


def test_apposition_makes_a_name_a_person(model, stage):
    text = "Odile Lyon, a French teacher, said the school was closed. Lyon said it would reopen."
    doc = run(model, stage, text)
    odile = actor_with(doc, "Odile Lyon")
    assert odile is not None and odile.type == "person"
    assert all(a.type != "country" for a in doc.actors)


def test_loose_apposition_and_predicate_join_without_naming(model, stage):
    text = "Karl Brandt, a pioneer of the movement, was arrested on Monday. Brandt is a legend."
    doc = run(model, stage, text)
    brandt = actor_with(doc, "Karl Brandt")
    assert {"a pioneer", "a legend"} <= set(texts(brandt))
    assert brandt.name == "Karl Brandt" and brandt.title is None


def test_loose_predicate_of_no_actor_is_dropped(model, stage):
    doc = run(model, stage, "The weather is a mystery.")
    assert doc.actors == []


def test_organisation_after_a_persons_of(model, stage):
    doc = run(model, stage, "Priscilla Leung of BPA and Frederick Fung of ADPL were elected on Sunday.")
    for name in ("BPA", "ADPL"):
        org = actor_with(doc, name)
        assert org is not None and org.type == "organization"


# -- institutions, things, pronouns ------------------------------------------------------------


def test_singular_institution_is_an_organisation(model, stage):
    doc = run(model, stage, "The navy intercepted the boat. Iraqi troops entered the town.")
    assert actor_with(doc, "The navy").type == "organization"
    assert actor_with(doc, "Iraqi troops").type == "group"


def test_spelled_out_acronym_of_a_thing_is_no_actor(model, stage):
    text = "Information and Communication Technology (ICT) helps schools. ICT keeps growing."
    doc = run(model, stage, text)
    assert all(a.type != "organization" for a in doc.actors)
    doc = run(model, stage, "The World Food Council (WFC) met on Monday. WFC said prices rose.")
    wfc = actor_with(doc, "WFC")
    assert wfc is not None and wfc.type == "organization"


def test_buildings_and_events_are_no_actors(model, stage):
    doc = run(model, stage, "Thousands gathered at the Volgograd Arena for the Summer Festival.")
    assert all(a.type != "organization" for a in doc.actors)


def test_it_after_a_thing_is_not_the_organisation(model, stage):
    text = "Acme Corp released a report on Monday. The report was long and it was criticised."
    doc = run(model, stage, text)
    acme = actor_with(doc, "Acme Corp")
    assert acme is not None and "it" not in texts(acme)


# -- data files --------------------------------------------------------------------------------


def test_peoples_file_checks_codes_and_clashes(tmp_path: Path):
    from eventcoder.stages.actor_tables import data_path

    tables = Tables()
    load_countries(tables, data_path("countries.tsv"), data_path("dependencies.tsv"))
    path = tmp_path / "peoples.tsv"
    path.write_text("name\tcode\nYoruba\tNGA\nZorbs\tXYZ\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_peoples(tables, str(path))
    assert err.value.line == 3 and "XYZ" in err.value.reason
    path.write_text("name\tcode\nIranian\tIRQ\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_peoples(tables, str(path))
    assert err.value.line == 2 and "demonym" in err.value.reason


def test_not_actors_file_checks_its_kinds(tmp_path: Path):
    path = tmp_path / "not_actors.tsv"
    path.write_text("phrase\tkind\nInstitute\torg-head\nArena\tbuilding\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_not_actors(Tables(), str(path))
    assert err.value.line == 3 and "org-head" in err.value.reason
