"""Which PLOVER type (and mode) a sentence gets: positives and negatives for every type, on
sentences written for these tests.

Each test builds a Document with hand-made actors (``stagekit.ACTORS`` or ``MORE_ACTORS``) and runs
only the events stage on the session's spaCy parse. ``test_positive`` reads the first event of
the type; ``test_main_event`` the sentence's main event (as the evaluation picks it) and its
CAMEO code, quad class and intensity.
"""

from __future__ import annotations

import pytest

from eventcoder.stages.events import EventStage
from stagekit import actor_names, code, code_more, first_event, main_event


@pytest.fixture(scope="session")
def stage() -> EventStage:
    return EventStage()


# -- one positive and one negative case per type (and more where the type has several forms) -------


POSITIVE = [
    # sentence, type, actors, recipients, mode
    ("Iran and Turkey agreed to hold talks with Russia.", "AGREE", ["Iran", "Turkey"], ["Russia"], None),
    ("Egypt offered to mediate between Israel and Hamas.", "AGREE", ["Egypt"], None, None),
    ("Putin met with Biden in Geneva.", "CONSULT", ["Vladimir Putin", "Joe Biden"], [], None),
    ("Iran held talks with Turkey on Sunday.", "CONSULT", ["Iran", "Turkey"], [], None),
    ("Putin visited Iran last week.", "CONSULT", ["Vladimir Putin"], ["Iran"], "visit"),
    ("Iran praised Hamas for its resistance.", "SUPPORT", ["Iran"], ["Hamas"], None),
    ("Turkey expressed its support for Ukraine.", "SUPPORT", ["Turkey"], ["Ukraine"], None),
    ("Syria lifted the curfew in Homs.", "CONCEDE", ["Syria"], None, None),
    ("The union called off the strike.", "CONCEDE", ["union"], None, None),
    ("France extradited the suspect to Turkey.", "COOPERATE", ["France"], ["Turkey"], None),
    ("Iran and Russia held joint military exercises.", "COOPERATE", ["Iran", "Russia"], None, None),
    ("Russia sent humanitarian aid to Syria.", "AID", ["Russia"], ["Syria"], None),
    ("Turkey granted asylum to two journalists.", "AID", ["Turkey"], ["journalists"], None),
    ("Hamas released three hostages.", "RETREAT", ["Hamas"], None, "release"),
    ("Russian troops withdrew from the city.", "RETREAT", ["Russia"], None, "withdraw"),
    ("The minister resigned on Friday.", "RETREAT", ["the minister"], None, "resign"),
    ("The UN demanded that Israel withdraw from Gaza.", "REQUEST", ["United Nations"], ["Israel"], "yield"),
    ("Iran demanded talks with Egypt.", "REQUEST", ["Iran"], ["Egypt"], "meet"),
    ("Israel must end the blockade, Turkey said.", "REQUEST", ["Turkey"], ["Israel"], None),
    ("Iran condemned Israel's attack on Hamas.", "ACCUSE", ["Iran"], ["Israel"], "disapprove"),
    ("Turkey accused Russia of violating the ceasefire.", "ACCUSE", ["Turkey"], ["Russia"], "allege"),
    ("Iran protested the decision by Turkey.", "ACCUSE", ["Iran"], ["Turkey"], "disapprove"),
    ("Iran rejected the proposal by Turkey.", "REJECT", ["Iran"], ["Turkey"], None),
    ("Israel refused to meet Putin.", "REJECT", ["Israel"], ["Vladimir Putin"], "meet"),
    ("Putin threatened to attack Ukraine.", "THREATEN", ["Vladimir Putin"], ["Ukraine"], "violence"),
    ("Turkey issued a warning to Syria.", "THREATEN", ["Turkey"], ["Syria"], None),
    (
        "Thousands of protesters marched against the government.",
        "PROTEST",
        ["protesters"],
        ["government"],
        "demo",
    ),
    ("Workers went on strike.", "PROTEST", ["workers"], None, "strike"),
    ("Students held a demonstration outside the embassy.", "PROTEST", ["students"], ["embassy"], "demo"),
    ("The United States imposed sanctions on Iran.", "SANCTION", ["United States"], ["Iran"], "discontinue"),
    ("Turkey expelled two Israeli diplomats.", "SANCTION", ["Turkey"], ["Israel"], "expel"),
    ("Egypt recalled its ambassador from Israel.", "SANCTION", ["Egypt"], ["Israel"], "withdraw"),
    ("Russia deployed troops to the border.", "MOBILIZE", ["Russia"], None, "troops"),
    ("North Korea tested a ballistic missile.", "MOBILIZE", ["North Korea"], None, "weapons"),
    ("Police arrested three opposition leaders.", "COERCE", ["police"], ["opposition leaders"], "arrest"),
    ("Israeli forces raided the village.", "COERCE", ["Israel"], None, "seize"),
    ("Syria imposed a curfew on the city.", "COERCE", ["Syria"], None, "curfew"),
    (
        "Israeli forces carried out air strikes on Hamas positions.",
        "ASSAULT",
        ["Israel"],
        ["Hamas"],
        "aerial",
    ),
    ("The embassy was attacked by protesters.", "ASSAULT", ["protesters"], ["embassy"], None),
    ("Russian troops clashed with Ukrainian forces.", "ASSAULT", ["Russia", "Ukraine"], [], None),
    ("Gunmen kidnapped two journalists.", "ASSAULT", ["gunmen"], ["journalists"], "abduct"),
    # round 2: easing a restriction by shortening it, gathering for a protest, forces deployed
    ("Syria shortened the curfew in Homs.", "CONCEDE", ["Syria"], None, None),
    ("Russia announced a withdrawal from Syria.", "CONCEDE", ["Russia"], ["Syria"], None),  # manual
    (
        "Thousands of students gathered for a protest outside the embassy.",
        "PROTEST",
        ["students"],
        None,
        "demo",
    ),
    ("The deployment of Russian troops to Syria began on Monday.", "MOBILIZE", ["Russia"], None, "troops"),
]


@pytest.mark.parametrize(("text", "type_", "actors", "recipients", "mode"), POSITIVE)
def test_positive(nlp, stage, text, type_, actors, recipients, mode):
    doc = code(nlp, stage, text)
    e = first_event(doc, type_)
    assert actor_names(doc, e.actor) == actors
    if recipients is not None:
        assert actor_names(doc, e.recipient) == recipients
    if mode is not None:
        assert e.mode == mode
    assert e.cameo and e.cameo.isdigit()
    assert 0 < e.confidence <= 1
    assert doc.text[e.trigger.start : e.trigger.end] == e.trigger.text


NEGATIVE = [
    "Analysts agree that the economy is weak.",
    "The minister spoke to reporters on Monday.",
    "The minister met the deadline.",
    "Putin said the talks were useful.",
    "Putin stated his position.",
    "Iran received technical support from the vendor.",
    "Egypt conceded two goals in the match against Turkey.",
    "The two firms cooperate on software.",
    "The ministry released a statement on Monday.",
    "The minister asked about the weather.",
    "Police investigated the cause of the fire.",
    "The minister declined to comment.",
    "The storm threatened the coast.",
    "Stocks staged a strong rally on Monday.",
    "The company cut prices.",
    "The company deployed new software.",
    "The team seized the opportunity.",
    "Iran beat Turkey 3-1 in the World Cup match.",
    "An earthquake killed 20 villagers in Iran.",
    "A fire destroyed the factory near Ankara.",
    "The minister suffered a heart attack.",
    "The minister gave a press conference in Tehran.",
    "Hamas leaders live in the occupied territories.",
    "Turkey attacked Iran in the second half of the match.",
    "After the floods, Iran mobilized troops.",
    "The minister offered the visitors a tour of the city.",
    "Putin was met with applause in Ankara.",
    "Putin called Biden a weak leader.",  # naming, not a phone call
    "Students gathered in the library.",  # a gathering of people who are not demonstrators
    "The team is ready for the final.",
    "The museum is open to visitors.",
    "The president ordered flags to be flown at half mast.",  # an order to no one: a ceremony
    "Crowds gathered to welcome the minister.",
    "The minister took to the stage.",
]


@pytest.mark.parametrize("text", NEGATIVE)
def test_negative(nlp, stage, text):
    doc = code(nlp, stage, text)
    assert doc.events == [], [(e.type, e.trigger.text) for e in doc.events]


# -- main events: sentence, type, actors, recipients (None: not checked), mode (None: not checked) ---


MAIN_EVENTS = [
    # AGREE
    ("Iran agreed to a ceasefire with Turkey.", "AGREE", ["Iran"], None, None),
    ("Iran is ready to resume talks with Turkey.", "AGREE", ["Iran"], ["Turkey"], None),
    ("Iran said it was ready for talks with Turkey.", "AGREE", ["Iran"], ["Turkey"], None),
    ("Egypt is open to dialogue with Israel.", "AGREE", ["Egypt"], ["Israel"], None),
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
    ("Protesters gathered outside the embassy.", "PROTEST", ["protesters"], ["embassy"], "demo"),
    ("Hundreds of protesters took to the streets on Sunday.", "PROTEST", ["protesters"], None, "demo"),
    # SANCTION and its modes
    (
        "France suspended military aid to Egypt.",
        "SANCTION",
        ["France"],
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


@pytest.mark.parametrize(("text", "type_", "actors", "recipients", "mode"), MAIN_EVENTS)
def test_main_event(nlp, stage, text, type_, actors, recipients, mode):
    doc = code_more(nlp, stage, text)
    e = main_event(doc)
    assert e.type == type_, [(x.type, x.trigger.text) for x in doc.events]
    assert actor_names(doc, e.actor) == actors
    if recipients is not None:
        assert actor_names(doc, e.recipient) == recipients
    if mode is not None:
        assert e.mode == mode
    lex = stage.lex
    assert e.cameo and e.cameo.isdigit() and e.cameo in lex.cameo
    assert e.quad_class == lex.quad(e.type) and e.quad_class in (1, 2, 3, 4)
    assert e.intensity == lex.intensity(e.type, e.mode)
    assert e.trigger.text and e.evidence.start <= e.trigger.start < e.trigger.end <= e.evidence.end


# -- over-coding: these report no political event --------------------------------------------------


OVER_CODING = [
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
    "A driver struck 20 villagers in a head-on collision near the bridge.",
    "The floods killed 20 villagers in Iran.",
    "Iran defeated Turkey in the World Cup match.",
    "The minister's daughter married a doctor in a ceremony in Ankara.",
    "Russia hosted the Olympic Games.",
    # stative support, standing properties, references
    "Russia is supported by Iran.",
    "Hamas, which opposes Israel, won the election.",
    "The minister was praised.",
]


@pytest.mark.parametrize("text", OVER_CODING)
def test_no_event(nlp, stage, text):
    doc = code_more(nlp, stage, text)
    assert doc.events == [], [(e.type, e.trigger.text) for e in doc.events]
