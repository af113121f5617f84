"""The actor gazetteer (``actor_gazetteer``): identities of well-known actors, the holder of an
office on the report's date, user gazetteer files and the errors a malformed one raises."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.errors import DataFileError
from eventcoder.stages.actors import ActorStage
from stagekit import actor_with, run


@pytest.fixture(scope="module")
def stage():
    return ActorStage()


# -- identities and dated roles --------------------------------------------------------------------


def test_role_resolved_by_publication_date(nlp, stage):
    text = "The Iranian president spoke to reporters on Monday."
    old, _ = run(nlp, stage, text, published="2023-06-21")
    new, _ = run(nlp, stage, text, published="2025-01-10")
    assert actor_with(old, "The Iranian president").name == "Ebrahim Raisi"
    assert actor_with(new, "The Iranian president").name == "Masoud Pezeshkian"
    assert actor_with(new, "The Iranian president").country == "IRN"


def test_bare_name_gets_identity_from_gazetteer(nlp, stage):
    doc, _ = run(nlp, stage, "Putin said the talks were useful.", published="2022-03-01")
    putin = actor_with(doc, "Putin")
    assert putin is not None
    assert (putin.name, putin.country, putin.sector, putin.wikidata) == (
        "Vladimir Putin",
        "RUS",
        "GOV",
        "Q7747",
    )


def test_igo_codes(nlp, stage):
    doc, _ = run(nlp, stage, "The United Nations and NATO issued a joint statement.")
    assert actor_with(doc, "United Nations").country == "UNO"
    assert actor_with(doc, "NATO").country == "IGO"


def test_bare_surname_with_title_gets_country_from_gazetteer(nlp, stage):
    doc, _ = run(nlp, stage, "President Bouteflika said on Monday that the talks had failed.", "2001-05-01")
    a = actor_with(doc, "President Bouteflika")
    assert a is not None and (a.name, a.country) == ("Abdelaziz Bouteflika", "DZA")


def test_former_leader_with_his_title_on_an_old_date(nlp, stage):
    doc, _ = run(nlp, stage, "President Reagan welcomed the offer.", "1987-03-02")
    a = actor_with(doc, "President Reagan")
    assert a is not None and (a.country, a.wikidata) == ("USA", "Q9960")


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
def test_role_holder_on_the_day_of_the_report(nlp, stage, text, day, who):
    doc, _ = run(nlp, stage, text, day)
    people = [a for a in doc.actors if a.type == "person"]
    assert people and people[0].name == who


def test_bare_name_of_a_former_leader_is_not_taken_years_later(nlp, stage):
    doc, _ = run(nlp, stage, "Carter said the plan would work.", "2023-01-10")
    carter = actor_with(doc, "Carter")
    assert carter is None or carter.wikidata is None


# -- gazetteer files -------------------------------------------------------------------------------


def _gaz(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "extra.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def _entry(name: str, **kw) -> str:
    obj = {"name": name, "type": "person", "country": "NOR", "sector": "GOV", "aliases": [], "roles": []}
    obj.update(kw)
    return json.dumps(obj)


def test_extra_gazetteer_is_used(nlp, tmp_path):
    path = _gaz(
        tmp_path,
        [
            "# a user's own actors",
            _entry("Ola Nordmann", wikidata="Q999999991", aliases=["Nordmann"]),
        ],
    )
    doc, _ = run(nlp, ActorStage(extra_gazetteers=[path]), "Nordmann said the plan was fair.")
    a = actor_with(doc, "Nordmann")
    assert a is not None and (a.name, a.country, a.wikidata) == ("Ola Nordmann", "NOR", "Q999999991")


@pytest.mark.parametrize(
    ("lines", "line", "reason"),
    [
        (['{"name": "A", "type": "person"', _entry("B")], 1, "invalid JSON"),
        ([_entry("A"), _entry("B", country="XXX")], 2, "not a known country code"),
        ([_entry("A", sector="BOSS")], 1, "unknown sector"),
        (
            [_entry("A", roles=[{"office": "tsar", "country": "NOR", "start": "2020-01-01"}])],
            1,
            "unknown office",
        ),
        (
            [_entry("A", roles=[{"office": "president", "country": "NOR", "start": "2020-13-01"}])],
            1,
            "valid date",
        ),
        ([_entry("A", wikidata="42")], 1, "wikidata"),
        ([_entry("A", colour="red")], 1, "unknown field"),
        (
            [
                _entry(
                    "A",
                    roles=[
                        {"office": "president", "country": "NOR", "start": "2020-01-01", "end": "2024-01-01"}
                    ],
                ),
                "",
                _entry(
                    "B", roles=[{"office": "president", "country": "NOR", "start": "2023-06-01", "end": None}]
                ),
            ],
            3,
            "overlaps",
        ),
    ],
)
def test_bad_gazetteer_lines_fail_at_load(tmp_path, lines, line, reason):
    path = _gaz(tmp_path, lines)
    with pytest.raises(DataFileError) as err:
        ActorStage(extra_gazetteers=[path])
    assert err.value.path == path
    assert err.value.line == line
    assert reason in err.value.reason


def test_handover_day_is_not_an_overlap(tmp_path):
    path = _gaz(
        tmp_path,
        [
            _entry(
                "A",
                roles=[{"office": "president", "country": "NOR", "start": "2020-01-01", "end": "2024-01-01"}],
            ),
            _entry(
                "B", roles=[{"office": "president", "country": "NOR", "start": "2024-01-01", "end": None}]
            ),
        ],
    )
    ActorStage(extra_gazetteers=[path])


def test_bundled_gazetteer_overlap_with_user_file_is_reported(tmp_path):
    path = _gaz(
        tmp_path,
        [_entry("Someone Else", roles=[{"office": "president", "country": "FRA", "start": "2020-01-01"}])],
    )
    with pytest.raises(DataFileError, match="overlaps"):
        ActorStage(extra_gazetteers=[path])
