"""The event scorers on hand-made sentences and events."""

from __future__ import annotations

import pytest

from eventcoder.document import Actor, Document, Event, Span
from eventcoder.evaluate.events import main_event, role_spans, score_events
from eventcoder.evaluate.gold import GoldEvent, GoldItem, GoldRole, GoldSet

S1 = "Ruritania attacked Freedonia on Monday."
S2 = "The two leaders met in the capital."
S3 = "It rained all week."


def ev(text: str, trigger: str, etype: str, actor=(), recipient=(), **kw) -> Event:
    i = text.index(trigger)
    return Event(
        id=kw.pop("id", "e1"),
        type=etype,
        trigger=Span(i, i + len(trigger), trigger),
        evidence=Span(0, len(text), text),
        actor=list(actor),
        recipient=list(recipient),
        **kw,
    )


def with_actors(text: str) -> Document:
    doc = Document(id="x", text=text)
    doc.actors = [
        Actor("a1", "Ruritania", "country", country="RUR", mentions=[Span(0, 9, "Ruritania")]),
        Actor("a2", "Freedonia", "country", country="FRE", mentions=[Span(19, 28, "Freedonia")]),
    ]
    return doc


def gsr() -> GoldSet:
    items = [
        GoldItem(id="s1", text=S1, events=[GoldEvent("ASSAULT", frozenset({"RUR"}), frozenset({"FRE"}))]),
        GoldItem(id="s2", text=S2, events=[GoldEvent("CONSULT", frozenset(), frozenset())]),
    ]
    return GoldSet("plover-gsr", "mem", items)


def right_docs() -> list[Document]:
    d1 = with_actors(S1)
    d1.events = [ev(S1, "attacked", "ASSAULT", ["a1"], ["a2"])]
    d2 = Document(id="s2", text=S2)
    d2.events = [ev(S2, "met", "CONSULT")]
    return [d1, d2]


def test_main_event_rule():
    doc = Document(id="x", text=S1)
    hyp = ev(S1, "attacked", "ASSAULT", id="e1", modality="hypothetical", confidence=0.99)
    neg = ev(S1, "attacked", "THREATEN", id="e2", negated=True, confidence=0.99)
    low = ev(S1, "Monday", "CONSULT", id="e3", confidence=0.2)
    doc.events = [hyp, neg, low]
    assert main_event(doc).id == "e3"  # asserted beats a more confident hypothetical; negated never counts
    doc.events = [neg]
    assert main_event(doc) is None


def test_all_right():
    f = score_events(gsr(), right_docs(), "t").figures
    assert f["type"]["accuracy"] == 1.0
    assert f["actor_country"]["accuracy"] == 1.0
    assert f["recipient_country"]["accuracy"] == 1.0
    assert f["triple"]["accuracy"] == 1.0
    assert f["macro_f1"] == 1.0
    assert f["no_event_rate"]["accuracy"] == 0.0


def test_a_wrong_type_lowers_type_and_triple_not_actors():
    docs = right_docs()
    docs[0].events[0].type = "COERCE"
    res = score_events(gsr(), docs, "t")
    f = res.figures
    assert f["type"]["accuracy"] == 0.5
    assert f["triple"]["accuracy"] == 0.5
    assert f["actor_country"]["accuracy"] == 1.0
    assert f["by_type"]["ASSAULT"]["recall"] == 0.0
    assert [e["kind"] for e in res.errors] == ["wrong type"]


def test_a_wrong_recipient_lowers_recipient_and_triple():
    docs = right_docs()
    docs[0].events[0].recipient = ["a1"]
    f = score_events(gsr(), docs, "t").figures
    assert f["recipient_country"]["accuracy"] == 0.5
    assert f["actor_country"]["accuracy"] == 1.0
    assert f["type"]["accuracy"] == 1.0
    assert f["triple"]["accuracy"] == 0.5


def test_no_output_scores_zero_and_counts_as_no_event():
    docs = [Document(id="s1", text=S1), Document(id="s2", text=S2)]
    f = score_events(gsr(), docs, "t").figures
    assert f["type"]["accuracy"] == 0.0
    assert f["actor_country"]["accuracy"] == 0.0  # no event, no actor: not "both empty"
    assert f["no_event_rate"]["accuracy"] == 1.0


def test_false_events_on_sentences_without_a_plover_event():
    gs = GoldSet(
        "universalpetrarch",
        "mem",
        [
            GoldItem(id="s1", text=S1, events=[GoldEvent("ASSAULT", frozenset({"RUR"}), frozenset({"FRE"}))]),
            GoldItem(id="s3", text=S3, events=[]),
            GoldItem(id="s4", text=S2, events=[GoldEvent(None, cameo="010")]),  # a statement: no PLOVER event
        ],
    )
    d3 = Document(id="s3", text=S3)
    d3.events = [ev(S3, "rained", "ASSAULT")]
    f = score_events(gs, [right_docs()[0], d3, Document(id="s4", text=S2)], "t").figures
    assert f["false_event_rate"]["total"] == 2
    assert f["false_event_rate"]["accuracy"] == 0.5
    assert f["type"]["total"] == 1 and f["type"]["accuracy"] == 1.0


def test_several_gold_events_compare_the_one_of_our_type():
    gs = GoldSet(
        "universalpetrarch",
        "mem",
        [
            GoldItem(
                id="s1",
                text=S1,
                events=[
                    GoldEvent("CONSULT", frozenset({"FRE"}), frozenset({"RUR"})),
                    GoldEvent("ASSAULT", frozenset({"RUR"}), frozenset({"FRE"})),
                ],
            )
        ],
    )
    f = score_events(gs, [right_docs()[0]], "t").figures
    assert f["triple"]["accuracy"] == 1.0


def test_quad_class():
    items = [
        GoldItem(id="c1", text=S1, label=4),
        GoldItem(id="c2", text=S3, label=0),
        GoldItem(id="c3", text=S2, label=1),
    ]
    gs = GoldSet("conflibert-class", "mem", items)
    d1 = right_docs()[0]  # ASSAULT -> material conflict
    d2 = Document(id="c2", text=S3)  # no event -> statement
    d3 = Document(id="c3", text=S2)
    d3.events = [ev(S2, "met", "ACCUSE")]  # verbal conflict, gold verbal cooperation
    res = score_events(gs, [d1, d2, d3], "t")
    assert res.figures["accuracy"]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert res.figures["confusion"] == {"4->4": 1, "0->0": 1, "1->3": 1}


def test_roles_source_target_and_reciprocal():
    doc = right_docs()[0]
    assert role_spans(doc) == [((0, 9), "source"), ((19, 28), "target")]
    gold = [GoldRole(0, 9, "source"), GoldRole(19, 28, "target")]
    gs = GoldSet("conflibert-ner", "mem", [GoldItem(id="r1", text=S1, roles=gold)])
    f = score_events(gs, [doc], "t").figures
    assert f["overlap"]["f1"] == 1.0 and f["exact"]["f1"] == 1.0
    # Roles swapped: no credit.  A reciprocal gold span takes either role.
    gs.items[0].roles = [GoldRole(0, 9, "target"), GoldRole(19, 28, "reciprocal")]
    f = score_events(gs, [doc], "t").figures
    assert f["overlap"]["tp"] == 1
    assert f["source"]["precision"] == 0.0


def test_case_labels_and_false_events():
    items = [
        GoldItem(id="1", text=S1, label="ARMED_CLASH"),
        GoldItem(id="2", text=S2, label="ARREST"),
        GoldItem(id="3", text=S3, label="NATURAL_DISASTER"),
        GoldItem(id="4", text=S3, label="MAN_MADE_DISASTER"),
        GoldItem(id="5", text=S3, label="ATTRIB"),
    ]
    gs = GoldSet("case2021", "mem", items)
    d2 = Document(id="2", text=S2)
    d2.events = [ev(S2, "met", "CONSULT")]
    d3 = Document(id="3", text=S3)
    d3.events = [ev(S3, "rained", "ASSAULT")]
    docs = [right_docs()[0], d2, d3, Document(id="4", text=S3), Document(id="5", text=S3)]
    f = score_events(gs, docs, "t").figures
    assert f["type_accuracy"]["total"] == 2  # ATTRIB is unmapped, left out
    assert f["type_accuracy"]["accuracy"] == 0.5
    assert f["false_event_rate"]["accuracy"] == 0.5


def test_gold_igo_accepts_plover2_un_and_eu_codes():
    from eventcoder.evaluate.tables import gold_countries

    assert gold_countries("IGO") == {"IGO", "UNO", "EUR"}
    assert gold_countries("IGOUNO") == {"IGO", "UNO", "EUR"}
    assert gold_countries("USAGOV") == {"USA"}
    assert gold_countries("---") == frozenset()


def test_quad_class_prefers_the_events_own_field_and_follows_the_manual_table():
    from eventcoder.evaluate.events import quad_class

    e = ev(S2, "met", "SANCTION")
    assert quad_class(e) == 3  # the manual's table: SANCTION is verbal conflict
    e.quad_class = 4
    assert quad_class(e) == 4  # a /2 event is scored by its own field
    assert quad_class(None) == 0
