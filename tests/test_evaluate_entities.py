"""Entity spans and coreference scoring on a hand-made report."""

from __future__ import annotations

import pytest

from eventcoder.document import Actor, Document, Place, Span
from eventcoder.evaluate.entities import score_coref, score_entities
from eventcoder.evaluate.gold import GoldItem, GoldMention, GoldSet
from eventcoder.evaluate.names import is_name, surname

TEXT = (
    "The geologist Rua Tane met officials of the University of Tartu on Monday. He said the minister agreed."
)


def at(sub: str) -> tuple[int, int]:
    i = TEXT.index(sub if sub != "He" else "He said")
    return i, i + len(sub)


def sp(sub: str) -> Span:
    s, e = at(sub)
    return Span(s, e, sub)


def gold_set() -> GoldSet:
    mentions = [
        GoldMention(*at("The geologist Rua Tane"), "person", cluster="1"),
        GoldMention(*at("the University of Tartu"), "organization", cluster="2"),
        GoldMention(*at("Tartu"), "place", cluster="3"),
        GoldMention(*at("He"), "person", cluster="1"),
        GoldMention(*at("the minister"), "person", cluster="4"),
    ]
    starts = [0, TEXT.index("He said")]
    for m in mentions:
        m.named = is_name(TEXT, m.start, m.end, starts)
    return GoldSet("gum", "mem", [GoldItem(id="d", text=TEXT, mentions=mentions, sentence_starts=starts)])


def right_doc() -> Document:
    doc = Document(id="d", text=TEXT)
    doc.actors = [
        Actor("a1", "Rua Tane", "person", mentions=[sp("Rua Tane"), sp("He")]),
        Actor("a2", "University of Tartu", "organization", mentions=[sp("University of Tartu")]),
        Actor("a3", "minister", "person", mentions=[sp("the minister")]),
    ]
    doc.places = [Place("p1", "Tartu", "EST", mentions=[sp("Tartu")])]
    return doc


def test_name_rule():
    starts = [0, TEXT.index("He said")]
    assert is_name(TEXT, *at("Rua Tane"), starts)
    assert not is_name(TEXT, *at("He"), starts)
    assert not is_name(TEXT, *at("the minister"), starts)
    assert is_name("NATO met.", 0, 4, [0])  # an acronym at a sentence start is still a name
    assert not is_name("Police said so.", 0, 6, [0])  # a capital at a sentence start is not
    assert is_name("Okafor spoke. Then Okafor left.", 0, 6, [0, 14])  # ... unless written so mid-sentence
    assert is_name("US", 0, 2, [0]) and not is_name("Tell us.", 5, 7, [0])
    assert not is_name("a former mayor of Kestrel Bay", 0, 29, [0])
    assert is_name("Twain, Mark", 0, 11, [0])
    assert surname("Sen. Ada Kent (R-Texas)") == "kent"
    assert surname("Rep. Ann Lee (D-Ohio), the party's whip") == "lee"
    assert surname("Campaign manager Kim Park") == "park"
    assert surname("the mayor") is None
    assert surname("Omar Lind's doctor") is None  # the doctor is not Lind
    assert surname("the Ohio senator") is None


def test_perfect_spans_and_the_unscored_description():
    res = score_entities(gold_set(), [right_doc()], "t")
    f = res.figures["spans"]
    assert f["all"]["gold"] == 3  # "He" and "the minister" are not names
    assert f["all"]["f1"] == 1.0  # "the minister" of ours is not counted against us
    assert f["exact"]["tp"] == 1  # only "Tartu": our names sit inside the gold phrases
    assert res.errors == []


def test_empty_output_scores_zero():
    f = score_entities(gold_set(), [Document(id="d", text=TEXT)], "t").figures["spans"]
    assert f["all"]["f1"] == 0.0 and f["all"]["gold"] == 3


def test_a_wrong_type_costs_the_typed_score_only():
    doc = right_doc()
    doc.actors[1].type = "person"  # the university as a person
    res = score_entities(gold_set(), [doc], "t")
    f = res.figures["spans"]
    assert f["organization"]["recall"] == 0.0
    assert f["person"]["precision"] == 0.5
    assert f["untyped"]["f1"] == 1.0
    assert f["all"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert [e["kind"] for e in res.errors] == ["wrong type"]


def test_a_false_name_lowers_precision():
    doc = right_doc()
    doc.actors.append(Actor("a4", "Monday", "person", mentions=[sp("Monday")]))
    # Not a name by the head rule: the capitals come after "of".
    doc.actors.append(Actor("a5", "officials", "organization", mentions=[sp("officials of the University")]))
    res = score_entities(gold_set(), [doc], "t")
    f = res.figures["spans"]
    assert f["person"]["system"] == 2 and f["person"]["precision"] == 0.5
    assert f["person"]["recall"] == 1.0
    assert f["organization"]["system"] == 1
    assert [(e["kind"], e["text"]) for e in res.errors] == [("false entity", "Monday")]


def coref_gold() -> GoldSet:
    text = "Ann met Bob. She thanked him. Ann left."
    starts = [0, 13, 30]

    def m(sub: str, nth: int, cluster: str) -> GoldMention:
        i = -1
        for _ in range(nth):
            i = text.index(sub, i + 1)
        return GoldMention(i, i + len(sub), "person", cluster=cluster)

    mentions = [m("Ann", 1, "A"), m("Bob", 1, "B"), m("She", 1, "A"), m("him", 1, "B"), m("Ann", 2, "A")]
    return GoldSet("gum", "mem", [GoldItem(id="c", text=text, mentions=mentions, sentence_starts=starts)])


def actor(aid: str, text: str, spans: list[tuple[int, int]]) -> Actor:
    return Actor(aid, aid, "person", mentions=[Span(s, e, text[s:e]) for s, e in spans])


def test_coref_perfect_split_and_merged():
    gs = coref_gold()
    text = gs.items[0].text
    ann = [(0, 3), (13, 16), (30, 33)]
    bob = [(8, 11), (25, 28)]
    perfect = Document(id="c", text=text, actors=[actor("a1", text, ann), actor("a2", text, bob)])
    f = score_coref(gs, [perfect], "t").figures
    assert f["muc"]["f1"] == 1.0 and f["b_cubed"]["f1"] == 1.0
    # Ann split in two: one MUC link of the three missed.
    # (the one-mention actor "a3" is a singleton: dropped, as in the gold)
    split = Document(
        id="c",
        text=text,
        actors=[actor("a1", text, ann[:2]), actor("a3", text, ann[2:]), actor("a2", text, bob)],
    )
    res = score_coref(gs, [split], "t")
    assert res.figures["muc"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert res.figures["muc"]["precision"] == 1.0
    assert any(e["kind"] == "split entity" for e in res.errors)
    # Everyone merged into one actor: recall stays, precision drops.
    merged = Document(id="c", text=text, actors=[actor("a1", text, ann + bob)])
    res = score_coref(gs, [merged], "t")
    assert res.figures["muc"]["recall"] == 1.0
    assert res.figures["muc"]["precision"] == 0.75
    assert res.figures["b_cubed"]["precision"] == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5, abs=1e-4)
    assert any(e["kind"] == "merged entities" for e in res.errors)
