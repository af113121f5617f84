"""Every PLOVER type on sentences written for these tests: positives (with modes, passives,
quotes), negatives (over-coding, negation, modality), roles, contexts, the CAMEO bridge.

Like test_events.py, each test builds a Document with hand-made actors and runs only the
events stage on the session's spaCy parse.
"""

from __future__ import annotations

import json

import pytest

from conftest import assert_valid
from eventcoder.document import Actor, Document, Meta, Place, Quote, Span
from eventcoder.errors import DataFileError
from eventcoder.stages.base import Context
from eventcoder.stages.event_lexicon import load_lexicon, optional_lexicons
from eventcoder.stages.events import EventStage
from test_events import ACTORS, Extra, code, make_doc, names

MORE_ACTORS = [
    *ACTORS,
    ("Japan", "country", "JPN", "GOV", ["Japan"]),
    ("Oman", "country", "OMN", "GOV", ["Oman"]),
    ("Venezuela", "country", "VEN", "GOV", ["Venezuela"]),
    ("army", "organization", None, "MIL", ["The army", "the army"]),
    ("court", "organization", None, "JUD", ["The court", "the court"]),
    ("newspaper", "organization", None, "MED", ["the newspaper"]),
    ("Congress", "organization", "USA", "LEG", ["Congress"]),
    ("volunteers", "group", None, None, ["the volunteers"]),
    ("activists", "group", None, "CVL", ["activists"]),
    ("the candidate", "person", None, None, ["The candidate"]),
]


@pytest.fixture(scope="session")
def stage() -> EventStage:
    return EventStage()


@pytest.fixture(scope="session")
def appeals_stage() -> EventStage:
    return EventStage(extra_lexicons=["appeals"])


def run(nlp, stage, text, extra=None):
    return code(nlp, stage, text, extra, actors=MORE_ACTORS)


def main(doc: Document):
    """The asserted, non-negated event with the highest confidence (as the evaluation picks)."""
    cands = [e for e in doc.events if not e.negated]
    assert cands, f"no event in {[(e.type, e.trigger.text) for e in doc.events]}"
    return max(cands, key=lambda e: (e.modality == "asserted", e.confidence, -e.trigger.start))


def types(doc: Document) -> list[str]:
    return [e.type for e in doc.events]


# -- positives: sentence, type, actors, recipients (None: not checked), mode (None: not checked) ---

POSITIVE = [
    # AGREE
    ("Iran agreed to a ceasefire with Turkey.", "AGREE", ["Iran"], None, None),
    ("Iran is ready to resume talks with Turkey.", "AGREE", ["Iran"], ["Turkey"], None),
    ("Japan pledged to send aid to Ukraine.", "AGREE", ["Japan"], ["Ukraine"], None),
    # CONSULT and its modes
    ("Putin spoke by phone with Biden.", "CONSULT", ["Vladimir Putin", "Joe Biden"], [], "phone"),
    ("Iran and Turkey attended the summit.", "CONSULT", ["Iran", "Turkey"], [], "multilateral"),
    ("Iran hosted Putin in Tehran.", "CONSULT", ["Vladimir Putin"], ["Iran"], "visit"),
    ("Biden was received by Putin in Geneva.", "CONSULT", ["Joe Biden"], ["Vladimir Putin"], "visit"),
    # SUPPORT
    ("Hamas was praised by Iran.", "SUPPORT", ["Iran"], ["Hamas"], None),
    ("Egypt apologized to Turkey.", "SUPPORT", ["Egypt"], ["Turkey"], None),
    ("Iran defended Russia's decision.", "SUPPORT", ["Iran"], ["Russia"], None),
    # CONCEDE
    ("The union ended the strike.", "CONCEDE", ["union"], None, None),
    ("The minister expressed regret to Turkey.", "CONCEDE", ["the minister"], ["Turkey"], None),
    # COOPERATE
    ("Iran held military exercises with Russia.", "COOPERATE", ["Iran", "Russia"], [], None),
    # AID and what the manual calls aid
    ("Japan gave 600 rifles to Ukraine.", "AID", ["Japan"], ["Ukraine"], None),
    ("France deployed peacekeepers to Syria.", "AID", ["France"], ["Syria"], None),
    ("Russia sent troops to Syria for a peacekeeping mission.", "AID", ["Russia"], ["Syria"], None),
    ("The United States provided aid to support Ukraine.", "AID", ["United States"], ["Ukraine"], None),
    # RETREAT and its modes
    ("Venezuela released dozens of activists.", "RETREAT", ["Venezuela"], ["activists"], "release"),
    ("Israel allowed aid workers to enter Gaza.", "RETREAT", ["Israel"], None, "access"),
    ("Israeli forces halted their attacks on Hamas.", "RETREAT", ["Israel"], None, "ceasefire"),
    ("The United States returned the paintings to Egypt.", "RETREAT", ["United States"], ["Egypt"], None),
    # REQUEST (demands; appeals are not coded, see below)
    ("Iran demanded the release of two journalists.", "REQUEST", ["Iran"], None, "yield"),
    ("Turkey demanded the resignation of the minister.", "REQUEST", ["Turkey"], None, "change"),
    # ACCUSE
    ("Turkey filed a lawsuit against Russia.", "ACCUSE", ["Turkey"], ["Russia"], "allege"),
    ("The minister attacked the decision.", "ACCUSE", ["the minister"], None, "disapprove"),
    ("Egypt launched an investigation into the killing.", "ACCUSE", ["Egypt"], None, "investigate"),
    # REJECT
    ("Iran rejected North Korea's demand.", "REJECT", ["Iran"], ["North Korea"], None),
    ("Turkey cannot accept more refugees, the minister said.", "REJECT", ["Turkey"], None, None),
    ("Syria vetoed the resolution.", "REJECT", ["Syria"], None, "yield"),
    # THREATEN and its modes
    ("Russia warned Ukraine that it would retaliate.", "THREATEN", ["Russia"], ["Ukraine"], None),
    ("Russia threatened to annex the region.", "THREATEN", ["Russia"], None, "territory"),
    ("Turkey threatened to expel the diplomats.", "THREATEN", ["Turkey"], None, "expel"),
    ("The union promised protests every week.", "THREATEN", ["union"], None, "restrict"),
    ("Iran threatened to arrest the journalists.", "THREATEN", ["Iran"], None, "arrest"),
    # PROTEST and its modes
    ("Students staged a hunger strike.", "PROTEST", ["students"], None, "hunger"),
    ("Protesters burned an Israeli flag.", "PROTEST", ["protesters"], ["Israel"], "vandalize"),
    ("Protesters blocked the road to the airport.", "PROTEST", ["protesters"], None, "obstruct"),
    ("Students boycotted the election.", "PROTEST", ["students"], None, "boycott"),
    ("Protesters rioted and looted shops.", "PROTEST", ["protesters"], None, "riot"),
    ("Workers stopped work at the port.", "PROTEST", ["workers"], None, "strike"),
    # SANCTION and its modes
    (
        "The United States suspended military aid to Egypt.",
        "SANCTION",
        ["United States"],
        ["Egypt"],
        "discontinue",
    ),
    ("The court found the minister guilty.", "SANCTION", ["court"], ["the minister"], "convict"),
    ("France withdrew from the alliance.", "SANCTION", ["France"], None, "withdraw"),
    # MOBILIZE and its modes
    ("The army prepared to resume shelling.", "MOBILIZE", ["army"], None, "troops"),
    ("Russia deployed warships to the coast.", "MOBILIZE", ["Russia"], None, "weapons"),
    ("Turkey deployed police to the border.", "MOBILIZE", ["Turkey"], None, "police"),
    # COERCE and its modes
    ("The minister was arrested by police.", "COERCE", ["police"], ["the minister"], "arrest"),
    ("Russian troops captured the town.", "COERCE", ["Russia"], None, "seize"),
    ("Syria ordered the newspaper to close.", "COERCE", ["Syria"], ["newspaper"], "censor"),
    ("Syria closed its border with Turkey.", "COERCE", ["Syria"], ["Turkey"], "restrict"),
    ("Syria cut off water to the city.", "COERCE", ["Syria"], None, "withhold"),
    ("Israel deported two journalists.", "COERCE", ["Israel"], ["journalists"], "deport"),
    # ASSAULT and its modes
    ("Russian troops shelled the village.", "ASSAULT", ["Russia"], None, "heavy-weapons"),
    ("Gunmen opened fire on the embassy.", "ASSAULT", ["gunmen"], ["embassy"], "firearms"),
    ("Police fired tear gas at protesters.", "ASSAULT", ["police"], ["protesters"], "crowd-control"),
    ("Gunmen stabbed two journalists.", "ASSAULT", ["gunmen"], ["journalists"], "primitive"),
    ("Russian troops violated the ceasefire.", "ASSAULT", ["Russia"], None, None),
    ("A drone strike killed 20 villagers.", "ASSAULT", [], ["villagers"], "drone"),
]


@pytest.mark.parametrize(("text", "type_", "actors", "recipients", "mode"), POSITIVE)
def test_positive(nlp, stage, text, type_, actors, recipients, mode):
    doc = run(nlp, stage, text)
    e = main(doc)
    assert e.type == type_, [(x.type, x.trigger.text) for x in doc.events]
    assert names(doc, e.actor) == actors
    if recipients is not None:
        assert names(doc, e.recipient) == recipients
    if mode is not None:
        assert e.mode == mode
    lex = stage.lex
    assert e.cameo and e.cameo.isdigit() and e.cameo in lex.cameo
    assert e.quad_class == lex.quad(e.type) and e.quad_class in (1, 2, 3, 4)
    assert e.intensity == lex.intensity(e.type, e.mode)
    assert e.trigger.text and e.evidence.start <= e.trigger.start < e.trigger.end <= e.evidence.end


# -- over-coding: these report no political event ------------------------------------------------

NEGATIVE = [
    # routine statements, opinions, courtesies, advice
    "The minister agreed with reporters that the weather was bad.",
    "Putin pledged that the country would be strong.",
    "The minister thanked the volunteers.",
    "The minister expressed concern about the economy.",
    "Iran rejected the accusations.",
    "The minister denied the allegations.",
    "The minister warned that prices could rise.",
    "We must defend our borders, Putin said.",
    "Russia must stay strong, Putin said.",
    "Putin said Ukraine should negotiate.",
    "Iran is considering sending aid to Syria.",
    # meetings with one side, visits without a host, candidates leaving a race
    "The minister met on Tuesday.",
    "The minister visited the hospital.",
    "The candidate withdrew from the race.",
    # appeals: matched, not coded, and what they ask for is not done
    "The UN called on Israel to withdraw from Gaza.",
    "Iran urged Turkey to attack Syria.",
    # generic and stative clauses
    "Hamas is banned in Egypt.",
    "Journalists are attacked when protesters riot.",
    # disasters, accidents, sport, feature stories
    "Syria declared a state of emergency after the earthquake.",
    "A bus struck 20 villagers on the wrong side of the road.",
    "The floods killed 20 villagers in Iran.",
    "Iran defeated Turkey in the World Cup match.",
    "The minister's daughter married a doctor in a ceremony in Ankara.",
    "Russia hosted the Olympic Games.",
    # stative support, standing properties, references
    "Russia is supported by Iran.",
    "Hamas, which opposes Israel, won the election.",
    "The minister was praised.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_event(nlp, stage, text):
    doc = run(nlp, stage, text)
    assert doc.events == [], [(e.type, e.trigger.text) for e in doc.events]


def test_appeals_are_not_coded_unless_the_optional_lexicon_is_loaded(nlp, stage, appeals_stage):
    text = "The UN called on Israel to withdraw from Gaza."
    assert run(nlp, stage, text).events == []
    doc = run(nlp, appeals_stage, text)
    e = main(doc)
    assert (e.type, e.mode) == ("REQUEST", "yield")
    assert names(doc, e.actor) == ["United Nations"] and names(doc, e.recipient) == ["Israel"]
    assert types(doc) == ["REQUEST"]  # the withdrawal asked for is not coded as done
    assert "appeals" in optional_lexicons()


def test_condolences_and_concern_are_coded_only_with_the_appeals_lexicon(nlp, stage, appeals_stage):
    text = "The minister expressed condolences to Turkey."
    assert run(nlp, stage, text).events == []
    assert types(run(nlp, appeals_stage, text)) == ["SUPPORT"]


# -- negation and modality, across types --------------------------------------------------------

FLAGS = [
    # sentence, type, negated, modality
    ("Iran did not condemn the attack on Hamas.", "ACCUSE", True, "asserted"),
    ("Police never arrested the journalists.", "COERCE", True, "asserted"),
    ("Neither Iran nor Turkey attended the summit.", "CONSULT", True, "asserted"),
    ("Hamas has yet to release the hostages.", "RETREAT", True, "asserted"),
    ("Egypt was unable to negotiate a deal with Hamas.", "AGREE", True, "asserted"),
    ("Putin will visit Iran next month.", "AGREE", False, "future"),
    ("Russia plans to attack Ukraine.", "THREATEN", False, "future"),
    ("Workers will go on strike next week.", "THREATEN", False, "future"),
    ("Russia will withdraw its troops from Syria.", "CONCEDE", False, "future"),
    ("The United States will impose sanctions on Iran.", "SANCTION", False, "future"),
    ("Iran will not release the journalists.", "REJECT", False, "future"),
    (
        "The United States would impose sanctions on Iran if it tested a missile.",
        "THREATEN",
        False,
        "hypothetical",
    ),
    ("Analysts believe that Russia attacked the embassy.", "ASSAULT", False, "hypothetical"),
    ("Turkey voted on a resolution to expel Israeli diplomats.", "SANCTION", False, "hypothetical"),
    (
        "Syria proposed an amendment to allow Iran to extradite the journalists.",
        "COOPERATE",
        False,
        "hypothetical",
    ),
]


@pytest.mark.parametrize(("text", "type_", "negated", "modality"), FLAGS)
def test_negation_and_modality(nlp, stage, text, type_, negated, modality):
    doc = run(nlp, stage, text)
    found = [e for e in doc.events if e.type == type_]
    assert found, [(e.type, e.trigger.text, e.negated, e.modality) for e in doc.events]
    assert (found[0].negated, found[0].modality) == (negated, modality)


def test_historical_from_an_old_date(nlp, stage):
    extra = Extra(dates=[("1998", "1998")], published="2024-03-15")
    e = main(run(nlp, stage, "In 1998, the minister resigned.", extra))
    assert (e.type, e.modality, e.date) == ("RETREAT", "historical", "1998")


# -- roles -----------------------------------------------------------------------------------------


def test_compound_actor_and_recipient_lists(nlp, stage):
    doc = run(nlp, stage, "Iran and Turkey condemned Israel and the United States.")
    e = main(doc)
    assert e.type == "ACCUSE"
    assert names(doc, e.actor) == ["Iran", "Turkey"]
    assert names(doc, e.recipient) == ["Israel", "United States"]
    assert len(doc.events) == 1  # one record, as PLOVER wants


def test_reciprocal_events_put_every_side_in_actor(nlp, stage):
    e = main(run(nlp, stage, "Iran held talks with Turkey and Egypt."))
    assert e.type == "CONSULT" and e.recipient == []
    doc = run(nlp, stage, "Russian troops clashed with Ukrainian forces.")
    assert names(doc, main(doc).actor) == ["Russia", "Ukraine"]


def test_passive_and_agentless_passive(nlp, stage):
    doc = run(nlp, stage, "The embassy was attacked by gunmen.")
    e = main(doc)
    assert names(doc, e.actor) == ["gunmen"] and names(doc, e.recipient) == ["embassy"]
    doc = run(nlp, stage, "The minister was charged with corruption.")
    e = main(doc)
    assert (e.type, e.actor, names(doc, e.recipient)) == ("ACCUSE", [], ["the minister"])


def test_shared_object_of_coordinated_verbs(nlp, stage):
    doc = run(nlp, stage, "Gunmen beat and kidnapped two journalists.")
    e = main(doc)
    assert e.type == "ASSAULT" and names(doc, e.recipient) == ["journalists"]


def test_demand_recipient_is_who_must_act(nlp, stage):
    doc = run(nlp, stage, "The UN demanded that Israel withdraw from Gaza.")
    e = main(doc)
    assert (e.type, names(doc, e.recipient)) == ("REQUEST", ["Israel"])
    assert types(doc) == ["REQUEST"]


def test_third_party_meeting_from_the_place(nlp, stage):
    text = "Iran and the United States held talks in Oman."
    doc, ctx = make_doc(nlp, text, Extra(places=[("Oman", ["Oman"])]), actors=MORE_ACTORS)
    doc.places[0].country = "OMN"
    stage(doc, ctx)
    e = main(doc)
    assert (e.type, e.mode, e.location) == ("CONSULT", "third-party", "p1")


# -- quotes: direct and indirect speech ------------------------------------------------------------


def test_events_in_direct_and_indirect_speech_keep_their_quote(nlp, stage):
    text = 'Putin said that Israel attacked the embassy. "Hamas released three hostages," Biden said.'
    indirect = "Israel attacked the embassy"
    direct = '"Hamas released three hostages,"'
    doc, ctx = make_doc(nlp, text, actors=MORE_ACTORS)
    a, b = text.index(indirect), text.index(direct)
    doc.quotes = [
        Quote("q1", indirect, a, a + len(indirect), "indirect"),
        Quote("q2", direct, b, b + len(direct), "direct"),
    ]
    stage(doc, ctx)
    assert_valid(doc.to_dict())
    by_type = {e.type: e for e in doc.events}
    assert by_type["ASSAULT"].quote == "q1"
    assert by_type["RETREAT"].quote == "q2"


# -- contexts: sentence cues and document topics -----------------------------------------------------


def test_document_topics_reach_every_event(nlp, stage):
    text = (
        "Voters went to the polls in Iran on Sunday. "
        "The election was marred by delays. "
        "Police arrested three opposition leaders in Tehran."
    )
    doc = run(nlp, stage, text)
    e = main(doc)
    assert e.type == "COERCE"
    assert "election" in e.context  # a topic of the report, though not cued in its sentence
    alone = run(nlp, stage, "Police arrested three opposition leaders in Tehran.")
    assert "election" not in main(alone).context


def test_mode_contexts_and_sentence_contexts(nlp, stage):
    e = main(run(nlp, stage, "Iran and Turkey held talks on trade and the nuclear program."))
    assert "economic" in e.context and "cbrn" in e.context


def test_disaster_anywhere_in_the_report_is_no_coercion(nlp, stage):
    text = "An earthquake struck the province on Monday. Syria declared a state of emergency."
    assert [e for e in run(nlp, stage, text).events if e.type == "COERCE"] == []
    text = "Protests spread on Monday. Syria declared a state of emergency."
    assert "COERCE" in types(run(nlp, stage, text))


# -- the lexicon: new keys fail at load with file, line and reason --------------------------------


def _write(tmp_path, *lines: str) -> str:
    p = tmp_path / "user.jsonl"
    p.write_text("\n".join(lines) + "\n", "utf-8")
    return str(p)


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


def test_user_entry_codes_a_non_coding_word(nlp, tmp_path):
    path = _write(
        tmp_path, json.dumps({"verb": "urge", "type": "REQUEST", "cameo": "020", "recipient": ["dobj"]})
    )
    doc = code(nlp, EventStage(extra_lexicons=[path]), "Iran urged Turkey to leave.", actors=MORE_ACTORS)
    assert [(e.type, e.trigger.text) for e in doc.events] == [("REQUEST", "urged")]


def test_every_event_of_a_report_is_valid_and_numbered(nlp, stage):
    text = (
        "Russian troops shelled the village on Monday. Turkey condemned the attack. "
        "Iran and Turkey held talks with Russia. The United States imposed sanctions on Russia."
    )
    doc, ctx = make_doc(nlp, text, actors=MORE_ACTORS)
    stage(doc, ctx)
    d = doc.to_dict()
    assert_valid(d)
    assert [e["id"] for e in d["events"]] == [f"e{i}" for i in range(1, len(d["events"]) + 1)]
    assert {e["type"] for e in d["events"]} >= {"ASSAULT", "ACCUSE", "CONSULT", "SANCTION"}
    for e in d["events"]:
        assert e["quad_class"] in (1, 2, 3, 4) and isinstance(e["intensity"], float)
        assert 0 < e["confidence"] <= 1


def test_stage_runs_on_a_document_with_no_actors_or_body(nlp, stage):
    doc = Document(id="t", text="Nothing happened.", meta=Meta())
    ctx = Context(sp=nlp(doc.text), body=(0, 0))
    stage(doc, ctx)
    assert doc.events == []
    _ = (Actor, Place, Span)  # imported for type completeness of hand-built documents
