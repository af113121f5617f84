"""The shared helpers of the stage tests (stagekit.py), so that a broken helper fails here and
not as a puzzle in every stage's tests."""

from __future__ import annotations

import pytest

from eventcoder.document import Actor, Document, Span
from stagekit import (
    ACTORS,
    MORE_ACTORS,
    Extra,
    actor_with,
    assert_mentions_exact_and_disjoint,
    make_doc,
    place_of,
    place_with,
    run,
    texts,
)


class Recorder:
    """A stage that records what it was given."""

    name = "recorder"

    def __init__(self, log: list):
        self.log = log

    def __call__(self, doc, ctx) -> None:
        self.log.append((self, doc.meta.published, doc.meta.title, [a.id for a in doc.actors], ctx.body))


def test_run_takes_one_stage_or_several_in_order(nlp):
    log: list = []
    one, two = Recorder(log), Recorder(log)
    text = "TEHRAN- Iran said the talks went well."
    run(nlp, one, text)
    assert [s for s, *_ in log] == [one]
    log.clear()
    person = Actor("a1", "Iran", "country", mentions=[Span.of(text, 8, 12)])
    doc, ctx = run(nlp, [one, two], text, "2020-01-02", title="Talks", actors=[person])
    assert [s for s, *_ in log] == [one, two]
    # The metadata stage ran first: the body starts after the dateline.
    assert log[0][1:] == ("2020-01-02", "Talks", ["a1"], (8, len(text)))
    assert doc.meta.dateline is not None and ctx.sp.text == text


def test_actor_and_place_lookups():
    text = "Ana Lima met Bo Chen in Oslo. She left."
    doc = Document(id="t", text=text)
    doc.actors = [
        Actor("a1", "Ana Lima", "person", mentions=[Span.of(text, 0, 8), Span.of(text, 30, 33)]),
        Actor("a2", "Bo Chen", "person", mentions=[Span.of(text, 13, 20)]),
    ]
    assert actor_with(doc, "She").id == "a1" and texts(doc.actors[0]) == ["Ana Lima", "She"]
    assert actor_with(doc, "Lima") is None
    assert_mentions_exact_and_disjoint(doc)
    doc.actors[1].mentions.append(Span.of(text, 4, 8))  # "Lima" again, in a second actor
    with pytest.raises(AssertionError):
        assert_mentions_exact_and_disjoint(doc)
    assert place_with(doc, "Oslo") is None
    with pytest.raises(AssertionError, match="no place with the mention 'Oslo'"):
        place_of(doc, "Oslo")


def test_make_doc_takes_whole_words_and_the_first_actor_wins(nlp):
    text = "Russian troops met Russia's envoy. The Russians left; Israeli forces stayed."
    doc, ctx = make_doc(nlp, text, Extra(dates=[("met", "2024-03-01")], quotes=["The Russians left"]))
    russia = actor_with(doc, "Russian troops")
    assert russia is not None and texts(russia) == ["Russian troops", "Russia"]  # not "Russians"
    assert actor_with(doc, "Israeli forces").name == "Israel"
    assert [a.id for a in doc.actors] == ["a3", "a4"]  # ids are the table's positions
    assert (doc.dates[0].value, doc.dates[0].precision) == ("2024-03-01", "day")
    assert doc.quotes[0].text == "The Russians left" and ctx.body == (0, len(text))
    assert doc.meta.published == "2024-03-15"
    assert [a[0] for a in MORE_ACTORS[: len(ACTORS)]] == [a[0] for a in ACTORS]
