"""The actors stage's TSV tables (``actor_tables``): a malformed line fails at load with its
file, line and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from eventcoder.errors import DataFileError
from eventcoder.stages.actor_tables import (
    Tables,
    data_path,
    load_agents,
    load_countries,
    load_given_names,
    load_naming,
    load_not_actors,
    load_peoples,
    load_relations,
    load_sports,
    load_state_cues,
)


def test_malformed_tsv_table_fails_with_line(tmp_path):
    path = tmp_path / "agents.tsv"
    path.write_text(
        "# comment\nterm\tkind\tsector\talone\toffice\tcountry\tgender\nboss\tperson\tGOV\n", "utf-8"
    )
    with pytest.raises(DataFileError) as err:
        load_agents(Tables(), str(path))
    assert err.value.line == 3


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


def test_state_cue_file_checks_its_uses(tmp_path: Path):
    path = tmp_path / "state_cues.tsv"
    path.write_text("lemma\tuses\nembassy\tcapital\nraid\tverb\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_state_cues(Tables(), str(path))
    assert err.value.line == 3 and "capital" in err.value.reason


def test_peoples_file_checks_codes_and_clashes(tmp_path: Path):
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
    path.write_text("phrase\tkind\nblog\tthing-of\nship\tthing-kind\n", "utf-8")
    tables = Tables()
    load_not_actors(tables, str(path))
    assert tables.thing_heads == {"blog"} and tables.thing_kinds == {"blog", "ship"}


def test_sports_file_checks_its_kinds(tmp_path: Path):
    path = tmp_path / "sports.tsv"
    path.write_text("lemma\tkind\ngoalkeeper\tcue\nkick off\tcue\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_sports(Tables(), str(path))
    assert err.value.line == 3 and "one lemma" in err.value.reason
    path.write_text("lemma\tkind\nreferee\tsport\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_sports(Tables(), str(path))
    assert err.value.line == 2 and "cue" in err.value.reason


def test_naming_file_checks_its_kinds(tmp_path: Path):
    path = tmp_path / "naming.tsv"
    path.write_text("lemma\tkind\nknow\tnaming\nrefer to\tnaming\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_naming(Tables(), str(path))
    assert err.value.line == 3 and "one lemma" in err.value.reason
    path.write_text("lemma\tkind\ncall\tverb\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_naming(Tables(), str(path))
    assert err.value.line == 2 and "naming" in err.value.reason


def test_relations_file_checks_its_rows(tmp_path: Path):
    path = tmp_path / "relations.tsv"
    path.write_text("term\tinverses\nfather\tson|daughter\nwife\t-\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_relations(Tables(), str(path))
    assert err.value.line == 3
    path.write_text("term\tinverses\nfather\tson\nfather\tdaughter\n", "utf-8")
    with pytest.raises(DataFileError) as err:
        load_relations(Tables(), str(path))
    assert err.value.line == 3 and "twice" in err.value.reason
