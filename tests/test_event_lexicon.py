"""The event lexicon (``event_lexicon``): the built-in files, load errors (file, line, reason),
user lexicons and the optional lexicons."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventcoder.document import EVENT_TYPES
from eventcoder.errors import DataFileError
from eventcoder.stages.event_lexicon import load_lexicon, optional_lexicons
from eventcoder.stages.events import EventStage
from stagekit import MORE_ACTORS, actor_names, code, code_more, event_types, main_event


@pytest.fixture(scope="session")
def stage() -> EventStage:
    return EventStage()


@pytest.fixture(scope="session")
def appeals_stage() -> EventStage:
    return EventStage(extra_lexicons=["appeals"])


# -- the built-in lexicon --------------------------------------------------------------------------


def test_builtin_lexicon_covers_every_type():
    lex = load_lexicon()
    per_type: dict[str, int] = {}
    for entries in lex.entries.values():
        for e in entries:
            per_type[e.type] = per_type.get(e.type, 0) + 1
    for t in EVENT_TYPES:
        assert per_type.get(t, 0) >= 5, t
    assert set(lex.types) == set(EVENT_TYPES)
    # Light-verb constructions and multiword nominals are there.
    assert any(
        e.light is not None and e.light.has_phrase(("carry", "out")) for e in lex.lookup("noun", "strike")
    )
    assert [e.type for e in lex.lookup("noun", "strike") if e.words == ("air", "strike")] == ["ASSAULT"]


def test_bridge_quad_and_intensity():
    lex = load_lexicon()
    assert lex.cameo["042"].type == "CONSULT" and lex.cameo["042"].mode == "visit"
    assert lex.cameo_for("ASSAULT", "aerial") == "195"
    assert (
        lex.quad("CONSULT") == 1
        and lex.quad("AID") == 2
        and lex.quad("REJECT") == 3
        and lex.quad("ASSAULT") == 4
    )
    assert lex.intensity("CONSULT", "visit") == 4
    assert lex.intensity("ASSAULT") == -9


# -- malformed files fail at load with file, line and reason ---------------------------------------


def _write(tmp_path: Path, *lines: str) -> str:
    p = tmp_path / "user.jsonl"
    p.write_text("\n".join(lines) + "\n", "utf-8")
    return str(p)


GOOD = json.dumps({"verb": "snub", "type": "REJECT", "cameo": "120", "recipient": ["dobj"]})


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('{"verb": "snub", "type": "REJECT"', "malformed JSON"),
        ('["snub"]', "JSON object"),
        (json.dumps({"verb": "snub", "type": "SCOLD"}), "unknown event type 'SCOLD'"),
        (json.dumps({"verb": "snub", "type": "REJECT", "mode": "visit"}), "unknown mode 'visit' for REJECT"),
        (json.dumps({"verb": "snub", "type": "REJECT", "cameo": "999"}), "unknown CAMEO code"),
        (json.dumps({"verb": "snub", "type": "REJECT", "context": ["weather"]}), "unknown context"),
        (json.dumps({"verb": "snub", "type": "REJECT", "colour": "red"}), "unknown key"),
        (json.dumps({"type": "REJECT"}), "exactly one of"),
        (json.dumps({"verb": "snub", "noun": "snub", "type": "REJECT"}), "exactly one of"),
        (json.dumps({"noun": "snub", "type": "REJECT", "alone": False}), "needs 'light'"),
        (json.dumps({"verb": "snub", "type": "REJECT", "obj_in": "@no_such_set"}), "unknown word set"),
        (json.dumps({"verb": "snub", "type": "REJECT", "needs": ["luck"]}), "unknown need"),
        (json.dumps({"verb": "snub", "type": "REJECT", "confidence": 2}), "confidence"),
        (json.dumps({"verb": "snub", "type": "REJECT", "recipient": "dobj"}), "recipient"),
        (json.dumps({"verb": "snub", "type": "REJECT", "if_state": {"type": "NOPE"}}), "unknown event type"),
        (json.dumps({"set": "x", "words": "snub"}), "'words' must be a list"),
        (json.dumps({"set": "x", "words": ["@x"]}), "refers to itself"),
    ],
)
def test_malformed_entries_fail_with_file_line_and_reason(tmp_path, line, reason):
    path = _write(tmp_path, "# a comment", GOOD, line)
    with pytest.raises(DataFileError) as info:
        load_lexicon([path])
    err = info.value
    assert err.path == path
    assert err.line == 3
    assert reason in err.reason
    assert f"{path}:3:" in str(err)


def test_missing_file(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        load_lexicon([str(tmp_path / "nope.jsonl")])


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        (json.dumps({"verb": "snub", "type": "REJECT", "code": "no"}), "'code' must be true or false"),
        (
            json.dumps({"verb": "snub", "type": "REJECT", "if_joint": {"mode": "x"}}),
            "'if_joint' needs a 'type'",
        ),
        (
            json.dumps(
                {"verb": "snub", "type": "REJECT", "if_joint": {"type": "COOPERATE", "mode": "visit"}}
            ),
            "unknown mode",
        ),
        (json.dumps({"verb": "snub", "type": "REJECT", "xcomp_in": "meet"}), "'xcomp_in' must be a list"),
        (json.dumps({"verb": "snub", "type": "REJECT", "obj_in": ["@NOBODY"]}), "unknown word set"),
        (json.dumps({"verb": "snub", "type": "REJECT", "needs": ["two_side"]}), "unknown need"),
    ],
)
def test_malformed_new_keys_fail_with_file_line_and_reason(tmp_path, line, reason):
    path = _write(tmp_path, json.dumps({"verb": "snub", "type": "REJECT"}), line)
    with pytest.raises(DataFileError) as info:
        load_lexicon([path])
    assert info.value.path == path and info.value.line == 2
    assert reason in info.value.reason


# -- user and optional lexicons --------------------------------------------------------------------


def test_user_lexicon_extends_and_overrides(nlp, tmp_path):
    path = _write(
        tmp_path,
        GOOD,
        # Overrides the built-in 'praise' (user entries are tried first).
        json.dumps(
            {"verb": "praise", "type": "ACCUSE", "mode": "disapprove", "cameo": "111", "recipient": ["dobj"]}
        ),
        # Adds a word to a built-in set used by a built-in entry ('release' needs a captive).
        json.dumps({"set": "captive_nouns", "words": ["goatherd"]}),
    )
    builtin = EventStage()
    user = EventStage(extra_lexicons=[path])
    assert code(nlp, builtin, "Iran snubbed Turkey.").events == []
    snub = code(nlp, user, "Iran snubbed Turkey.").events
    assert [(e.type, e.trigger.text) for e in snub] == [("REJECT", "snubbed")]
    assert [e.type for e in code(nlp, builtin, "Iran praised Turkey.").events] == ["SUPPORT"]
    assert [e.type for e in code(nlp, user, "Iran praised Turkey.").events] == ["ACCUSE"]
    assert code(nlp, builtin, "Hamas released the goatherds.").events == []
    assert [e.type for e in code(nlp, user, "Hamas released the goatherds.").events] == ["RETREAT"]


def test_user_entry_codes_a_non_coding_word(nlp, tmp_path):
    path = _write(
        tmp_path, json.dumps({"verb": "urge", "type": "REQUEST", "cameo": "020", "recipient": ["dobj"]})
    )
    doc = code(nlp, EventStage(extra_lexicons=[path]), "Iran urged Turkey to leave.", actors=MORE_ACTORS)
    assert [(e.type, e.trigger.text) for e in doc.events] == [("REQUEST", "urged")]


def test_appeals_are_not_coded_unless_the_optional_lexicon_is_loaded(nlp, stage, appeals_stage):
    text = "The UN called on Israel to withdraw from Gaza."
    assert code_more(nlp, stage, text).events == []
    doc = code_more(nlp, appeals_stage, text)
    e = main_event(doc)
    assert (e.type, e.mode) == ("REQUEST", "yield")
    assert actor_names(doc, e.actor) == ["United Nations"] and actor_names(doc, e.recipient) == ["Israel"]
    assert event_types(doc) == ["REQUEST"]  # the withdrawal asked for is not coded as done
    assert "appeals" in optional_lexicons()


def test_condolences_and_concern_are_coded_only_with_the_appeals_lexicon(nlp, stage, appeals_stage):
    text = "The minister expressed condolences to Turkey."
    assert code_more(nlp, stage, text).events == []
    assert event_types(code_more(nlp, appeals_stage, text)) == ["SUPPORT"]


def test_pipeline_passes_user_lexicons(tmp_path):
    from eventcoder.pipeline import default_stages

    path = _write(tmp_path, GOOD)
    stages = default_stages([path])
    events = next(s for s in stages if s.name == "events")
    assert isinstance(events, EventStage)
    assert any(e.words == ("snub",) for e in events.lex.lookup("verb", "snub"))
