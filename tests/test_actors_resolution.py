"""Actors: tagger errors, countries without a cue, states in phrases, coordinated modifiers,
generic nominals, dated roles and the thread-safety of the stage, on sentences written here."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from eventcoder.document import Document, Meta
from eventcoder.errors import DataFileError
from eventcoder.stages.actor_tables import Tables, load_agents, load_given_names
from eventcoder.stages.actors import ActorStage
from eventcoder.stages.base import Context
from eventcoder.stages.metadata import MetadataStage


@pytest.fixture(scope="module")
def model():
    from eventcoder import nlp as nlp_mod

    return nlp_mod.load()


@pytest.fixture(scope="module")
def stage():
    return ActorStage()


def run(model, stage, text: str, published: str | None = "2023-06-21") -> tuple[Document, Context]:
    doc = Document(id="t", text=text, meta=Meta(published=published))
    meta = MetadataStage()
    meta(doc)
    ctx = Context(sp=model(text), body=meta.body(doc))
    stage(doc, ctx)
    return doc, ctx


def actor_with(doc: Document, mention: str):
    for a in doc.actors:
        if any(m.text == mention for m in a.mentions):
            return a
    return None


def texts(actor) -> list[str]:
    return [m.text for m in actor.mentions]


# -- tagger errors -----------------------------------------------------------------------------


def test_place_prefix_is_no_person(model, stage):
    doc, _ = run(model, stage, "Fort Bragg said the troops would leave on Monday.")
    assert all(a.type != "person" for a in doc.actors)


def test_coordinated_surnames_are_two_people(model, stage):
    text = "Angela Kelly and Marco Baroni met on Monday. Later, Kelly and Baroni signed the agreement."
    doc, _ = run(model, stage, text)
    kelly = actor_with(doc, "Angela Kelly")
    baroni = actor_with(doc, "Marco Baroni")
    assert kelly is not None and baroni is not None and kelly is not baroni
    assert "Kelly" in texts(kelly) and "Baroni" in texts(baroni)


def test_title_before_an_organisation_tag_makes_a_person(model, stage):
    doc, _ = run(model, stage, "Interior Minister Jan Kowalski said the border would stay closed.")
    jan = actor_with(doc, "Interior Minister Jan Kowalski")
    assert jan is not None and jan.type == "person" and jan.sector == "GOV"
    assert actor_with(doc, "Interior") is None


def test_given_name_makes_an_untagged_person(model, stage):
    doc, _ = run(model, stage, '"I will not resign," Maria Costa said on Monday.')
    costa = actor_with(doc, "Maria Costa")
    assert costa is not None and costa.type == "person"


def test_surname_that_is_a_capital_names_the_person(model, stage):
    doc, _ = run(model, stage, "Anna Paris met reporters in Lyon. Paris said the vote was fair.")
    anna = actor_with(doc, "Anna Paris")
    assert anna is not None and "Paris" in texts(anna)
    assert all(a.country != "FRA" for a in doc.actors)


def test_acronym_in_brackets_joins_its_organisation(model, stage):
    doc, _ = run(model, stage, "The Movement for Renewal (MFR) said on Monday that MFR members would vote.")
    mfr = actor_with(doc, "Movement for Renewal")
    assert mfr is not None and texts(mfr).count("MFR") == 2


# -- countries: cues, phrases, coordination, demonyms -----------------------------------------------


def test_bare_surname_with_title_gets_country_from_gazetteer(model, stage):
    doc, _ = run(model, stage, "President Bouteflika said on Monday that the talks had failed.", "2001-05-01")
    a = actor_with(doc, "President Bouteflika")
    assert a is not None and (a.name, a.country) == ("Abdelaziz Bouteflika", "DZA")


def test_former_leader_with_his_title_on_an_old_date(model, stage):
    doc, _ = run(model, stage, "President Reagan welcomed the offer.", "1987-03-02")
    a = actor_with(doc, "President Reagan")
    assert a is not None and (a.country, a.wikidata) == ("USA", "Q9960")


def test_official_takes_the_country_a_report_names_in_several_sentences(model, stage):
    text = (
        "Interior Minister Jan Kowalski said the border would stay closed. "
        "Poland has asked its neighbours for help. The Polish government said it would pay."
    )
    doc, _ = run(model, stage, text)
    assert actor_with(doc, "Interior Minister Jan Kowalski").country == "POL"


def test_one_sentence_naming_a_country_gives_no_country_to_an_official(model, stage):
    text = "Moroccan diplomats met President Hal Jordan at a lunch hosted by the ambassador of Morocco."
    doc, _ = run(model, stage, text)
    assert actor_with(doc, "President Hal Jordan").country is None
    assert actor_with(doc, "Moroccan diplomats").country == "MAR"


def test_country_after_in_is_an_actor(model, stage):
    doc, _ = run(model, stage, "The government imposed a curfew in Sudan.")
    sudan = actor_with(doc, "Sudan")
    assert sudan is not None and (sudan.type, sudan.country) == ("country", "SDN")


def test_capital_after_a_state_cue_is_its_state(model, stage):
    doc, _ = run(model, stage, "Sri Lanka opened an embassy in Tehran on Wednesday.")
    iran = actor_with(doc, "Tehran")
    assert iran is not None and iran.country == "IRN"


def test_coordinated_modifiers_keep_their_countries(model, stage):
    doc, _ = run(model, stage, "US and British forces entered the city on Monday.")
    british = actor_with(doc, "British forces")
    assert british is not None and (british.country, british.sector) == ("GBR", "MIL")
    assert actor_with(doc, "US").country == "USA"
    doc, _ = run(model, stage, "Iraqi and Turkish troops crossed the border.")
    iraqi = actor_with(doc, "Iraqi")
    assert iraqi is not None and (iraqi.type, iraqi.country, iraqi.sector) == ("group", "IRQ", "MIL")
    assert actor_with(doc, "Turkish troops").country == "TUR"


def test_demonym_before_an_event_noun_is_the_state(model, stage):
    doc, _ = run(model, stage, "Israeli air strikes hit the town on Monday.")
    israel = actor_with(doc, "Israeli")
    assert israel is not None and (israel.type, israel.country) == ("country", "ISR")


def test_ethnic_group_takes_the_country_it_lives_in(model, stage):
    doc, _ = run(model, stage, "Ethnic Albanian fighters in Macedonia laid down their arms.")
    fighters = actor_with(doc, "Ethnic Albanian fighters")
    assert fighters is not None and (fighters.country, fighters.sector) == ("MKD", "REB")


def test_possessive_country_before_an_organisation_and_a_capital(model, stage):
    doc, _ = run(model, stage, "Israel's Cabinet met on Sunday.")
    assert actor_with(doc, "Israel's Cabinet").country == "ISR"
    doc, _ = run(model, stage, "Cairo's security chief has warned the group.")
    assert actor_with(doc, "Cairo's security chief").country == "EGY"


def test_a_leaders_administration_is_his_state(model, stage):
    doc, _ = run(model, stage, "The Obama administration declared on Tuesday that talks would resume.")
    usa = actor_with(doc, "administration")
    assert usa is not None and (usa.type, usa.country) == ("country", "USA")


# -- generic nominals, relations, predicates ----------------------------------------------------


def test_definite_generic_noun_repeats_its_referent(model, stage):
    doc, _ = run(model, stage, "Police arrested a man on Friday. The man was later released.")
    man = actor_with(doc, "a man")
    assert man is not None and "The man" in texts(man)


def test_the_company_and_the_party_refer_back(model, stage):
    doc, _ = run(model, stage, "Acme Holdings said profits rose. The company also announced new jobs.")
    assert "The company" in texts(actor_with(doc, "Acme Holdings"))
    doc, _ = run(model, stage, "The Democratic Alliance won the vote. The party said it would govern.")
    alliance = actor_with(doc, "Democratic Alliance")
    assert "The party" in texts(alliance) and alliance.sector == "PTY"


def test_bare_institution_noun_without_antecedent_is_no_actor(model, stage):
    doc, _ = run(model, stage, "The company said it would not attend.")
    assert actor_with(doc, "The company") is None


def test_possessed_relation_is_one_person_per_possessor(model, stage):
    doc, _ = run(model, stage, "Omar Khalil arrived with his father. His father said the trip was long.")
    fathers = [a for a in doc.actors if a.name == "father"]
    assert len(fathers) == 1 and len(fathers[0].mentions) == 2
    assert {"his", "His"} <= set(texts(actor_with(doc, "Omar Khalil")))


def test_predicate_noun_joins_its_subject(model, stage):
    doc, _ = run(model, stage, "Karl Brandt is a retired general. He lives in Bonn.")
    brandt = actor_with(doc, "Karl Brandt")
    assert brandt is not None and {"a retired general", "He"} <= set(texts(brandt))
    assert brandt.sector == "MIL"


def test_given_name_gives_pronoun_agreement(model, stage):
    doc, _ = run(model, stage, "Kathryn Moss met Peter Lund in Oslo. She said the talks went well.")
    assert "She" in texts(actor_with(doc, "Kathryn Moss"))


def test_they_reaches_two_sentences_back(model, stage):
    text = "Hundreds of farmers marched to the capital on Monday. Traffic stopped for hours. They demanded lower taxes."
    doc, _ = run(model, stage, text)
    farmers = actor_with(doc, "farmers")
    assert farmers is not None and "They" in texts(farmers)


# -- roles that change hands -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day", "who"),
    [
        ("The British prime minister met reporters.", "2022-10-20", "Liz Truss"),
        ("The British prime minister met reporters.", "2022-10-26", "Rishi Sunak"),
        ("The Iranian foreign minister arrived in Oman.", "2024-06-01", "Ali Bagheri Kani"),
        ("The Iranian foreign minister arrived in Oman.", "2024-09-01", "Abbas Araghchi"),
        ("The pope called for peace.", "2024-12-25", "Pope Francis"),
        ("The pope called for peace.", "2025-06-01", "Leo XIV"),
    ],
)
def test_role_holder_on_the_day_of_the_report(model, stage, text, day, who):
    doc, _ = run(model, stage, text, day)
    people = [a for a in doc.actors if a.type == "person"]
    assert people and people[0].name == who


def test_bare_name_of_a_former_leader_is_not_taken_years_later(model, stage):
    doc, _ = run(model, stage, "Carter said the plan would work.", "2023-01-10")
    carter = actor_with(doc, "Carter")
    assert carter is None or carter.wikidata is None


# -- data files --------------------------------------------------------------------------------


def test_back_is_only_for_person_and_body_terms(tmp_path: Path):
    path = tmp_path / "agents.tsv"
    path.write_text(
        "term\tkind\tsector\talone\toffice\tcountry\tgender\nboss\tstate\tGOV\tback\t-\t-\t-\n", "utf-8"
    )
    with pytest.raises(DataFileError) as err:
        load_agents(Tables(), str(path))
    assert err.value.line == 2 and "back" in err.value.reason


def test_given_names_file_checks_gender(tmp_path: Path):
    path = tmp_path / "given_names.tsv"
    path.write_text("# names\nname\tgender\nalex\tx\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_given_names(Tables(), str(path))
    assert err.value.line == 3 and "gender" in err.value.reason


# -- one stage, several threads ----------------------------------------------------------------


def test_stage_gives_the_same_actors_from_several_threads(model, stage):
    texts_ = [
        "Tehran said on Monday that it would respond. The Kremlin rejected the claim.",
        "John Miller met reporters on Monday. He said the talks would continue.",
        "Hezbollah denied the report on Sunday. The militant group said it was false.",
        "Iraqi troops entered the town on Sunday. Emirati officials welcomed the move.",
    ] * 3
    parses = [model(t) for t in texts_]

    def extract(i: int) -> list[dict]:
        doc = Document(id=str(i), text=texts_[i], meta=Meta(published="2023-06-21"))
        MetadataStage()(doc)
        stage(doc, Context(sp=parses[i], body=(0, len(texts_[i]))))
        return [a.to_dict() for a in doc.actors]

    expected = [extract(i) for i in range(len(texts_))]
    got: dict[int, list[dict]] = {}

    def worker(ids: list[int]) -> None:
        for _ in range(3):
            for i in ids:
                got[i] = extract(i)

    threads = [threading.Thread(target=worker, args=(list(range(k, len(texts_), 3)),)) for k in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [got[i] for i in range(len(texts_))] == expected


def test_demonym_names_a_state_only_before_an_act_or_property(model, stage):
    doc, _ = run(model, stage, "French wine sold well. Israeli air strikes hit the town.")
    assert actor_with(doc, "French") is None
    assert actor_with(doc, "Israeli").country == "ISR"


def test_the_government_after_a_named_government(model, stage):
    text = "The Indian government said the storm was weakening. The government ordered an evacuation."
    doc, _ = run(model, stage, text)
    india = actor_with(doc, "The Indian government")
    assert india is not None and india.type == "country" and "The government" in texts(india)


def test_storm_names_and_known_organisations_tagged_as_people(model, stage):
    doc, _ = run(model, stage, "Hurricane Maria hit the island on Monday.")
    assert all(a.type != "person" for a in doc.actors)
    doc, _ = run(model, stage, "Popular websites such as Reddit, Twitter and Spotify went down.")
    twitter = actor_with(doc, "Twitter")
    assert twitter is not None and (twitter.type, twitter.country, twitter.wikidata) == (
        "organization",
        "MNC",
        "Q918",
    )


def test_state_cue_file_checks_its_uses(tmp_path: Path):
    from eventcoder.stages.actor_tables import load_state_cues

    path = tmp_path / "state_cues.tsv"
    path.write_text("lemma\tuses\nembassy\tcapital\nraid\tverb\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_state_cues(Tables(), str(path))
    assert err.value.line == 3 and "capital" in err.value.reason
