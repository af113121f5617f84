"""The quote scorer on a hand-made report: each kind of mistake lowers the right figure by the right amount."""

from __future__ import annotations

import copy

import pytest

from eventcoder.document import Actor, Document, Quote, Span
from eventcoder.evaluate.gold import GoldItem, GoldQuote, GoldSet
from eventcoder.evaluate.quotes import score_quotes, speaker_right

TEXT = (
    'The minister said, "We will build the bridge." '
    "Later the mayor said the plan was too costly. "
    '"It is over," John Smith said.'
)


def at(sub: str, text: str = TEXT) -> tuple[int, int]:
    i = text.index(sub)
    return i, i + len(sub)


def gold_set(text: str = TEXT) -> GoldSet:
    quotes = [
        GoldQuote(*at("We will build the bridge."), "direct", sources=[at("The minister")]),
        GoldQuote(*at("the plan was too costly"), "indirect", sources=[at("the mayor")]),
        GoldQuote(*at('"It is over,"'), "direct", sources=[at("John Smith")]),
    ]
    return GoldSet("polnear", "mem", [GoldItem(id="d1", text=text, quotes=quotes)])


def span(sub: str) -> Span:
    s, e = at(sub)
    return Span(s, e, sub)


def perfect() -> Document:
    doc = Document(id="d1", text=TEXT)
    doc.actors = [
        Actor("a1", "minister", "person", mentions=[span("The minister")]),
        Actor("a2", "mayor", "person", mentions=[span("the mayor")]),
        Actor("a3", "John Smith", "person", mentions=[span("John Smith")]),
    ]
    # Our spans keep the quote marks; the gold's do not always: trimming makes them equal.
    s, e = at('"We will build the bridge."')
    doc.quotes.append(
        Quote("q1", TEXT[s:e], s, e, "direct", speaker="a1", speaker_mention=span("The minister"))
    )
    s, e = at("the plan was too costly")
    doc.quotes.append(
        Quote("q2", TEXT[s:e], s, e, "indirect", speaker="a2", speaker_mention=span("the mayor"))
    )
    s, e = at('"It is over,"')
    doc.quotes.append(
        Quote("q3", TEXT[s:e], s, e, "direct", speaker="a3", speaker_mention=span("John Smith"))
    )
    return doc


def figures(doc: Document) -> dict:
    return score_quotes(gold_set(), [doc], "test").figures


def test_perfect_output_scores_one():
    f = figures(perfect())
    for subset in ("all", "direct", "indirect"):
        assert f[subset]["detection"]["f1"] == 1.0
        assert f[subset]["speaker"]["accuracy"] == 1.0
        assert f[subset]["end_to_end"]["f1"] == 1.0


def test_empty_output_scores_zero():
    f = figures(Document(id="d1", text=TEXT))
    assert f["all"]["detection"]["f1"] == 0.0
    assert f["all"]["detection"]["gold"] == 3


def test_a_missed_quote_lowers_recall_only():
    doc = perfect()
    doc.quotes = [q for q in doc.quotes if q.id != "q2"]
    res = score_quotes(gold_set(), [doc], "test")
    f = res.figures
    assert f["all"]["detection"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert f["all"]["detection"]["precision"] == 1.0
    assert f["indirect"]["detection"]["recall"] == 0.0
    assert f["direct"]["detection"]["f1"] == 1.0  # direct quotes untouched
    assert f["all"]["speaker"]["accuracy"] == 1.0
    assert [e["kind"] for e in res.errors] == ["missed quote"]
    assert res.errors[0]["text"] == "the plan was too costly"


def test_a_wrong_speaker_lowers_speaker_and_end_to_end_not_detection():
    doc = perfect()
    doc.quotes[2].speaker = "a1"  # the minister, named nowhere near "John Smith"
    doc.quotes[2].speaker_mention = None
    res = score_quotes(gold_set(), [doc], "test")
    f = res.figures
    assert f["all"]["detection"]["f1"] == 1.0
    assert f["all"]["speaker"]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert f["all"]["end_to_end"]["precision"] == pytest.approx(2 / 3, abs=1e-4)
    assert f["all"]["end_to_end"]["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert f["direct"]["speaker"]["accuracy"] == 0.5
    wrong = [e for e in res.errors if e["kind"] == "wrong speaker"]
    assert len(wrong) == 1 and wrong[0]["gold_speaker"] == "John Smith"


def test_a_false_quote_lowers_precision_only():
    doc = perfect()
    s, e = at("Later the mayor said")
    doc.quotes.append(Quote("q4", TEXT[s:e], s, e, "indirect"))
    f = figures(doc)
    assert f["all"]["detection"]["precision"] == 0.75
    assert f["all"]["detection"]["recall"] == 1.0
    assert f["indirect"]["detection"]["precision"] == 0.5


def test_a_direct_quote_labelled_indirect_counts_in_all_but_not_direct():
    doc = perfect()
    doc.quotes[0].kind = "indirect"
    f = figures(doc)
    assert f["all"]["detection"]["f1"] == 1.0
    assert f["direct"]["detection"]["recall"] == 0.5
    assert f["indirect"]["detection"]["precision"] == 0.5


def test_a_short_fragment_does_not_match():
    doc = perfect()
    s, e = at("We will")  # less than half of the gold quote
    doc.quotes[0] = Quote("q1", TEXT[s:e], s, e, "direct", speaker="a1")
    f = figures(doc)
    assert f["direct"]["detection"]["tp"] == 1


def test_speaker_by_surname_elsewhere_in_the_text():
    text = 'John Smith spoke first. "It is over," Smith said.'
    src = text.index("Smith said")
    g = GoldQuote(*at('"It is over,"', text), "direct", sources=[(src, src + 5)])
    doc = Document(id="d", text=text)
    doc.actors = [Actor("a1", "John Smith", "person", mentions=[Span(0, 10, "John Smith")])]
    q = Quote("q1", '"It is over,"', *at('"It is over,"', text), "direct", speaker="a1")
    assert speaker_right(doc, q, g)
    doc.actors[0].name = "Jane Doe"
    assert not speaker_right(doc, q, g)


def test_no_gold_source_wants_no_speaker():
    g = GoldQuote(0, 5, "indirect", sources=[])
    doc = perfect()
    q = copy.deepcopy(doc.quotes[1])
    assert not speaker_right(doc, q, g)
    q.speaker, q.speaker_mention = None, None
    assert speaker_right(doc, q, g)


def test_seed_style_gold_matches_names_and_aliases():
    g = GoldQuote(0, 5, "direct", speakers=["Ali Khamenei", "The Leader"])
    doc = Document(id="d", text="The Leader spoke.")
    doc.actors = [Actor("a1", "Leader", "person", mentions=[Span(0, 10, "The Leader")])]
    q = Quote("q1", "x", 0, 5, "direct", speaker="a1")
    assert speaker_right(doc, q, g)  # by the alias "The Leader" among its mentions
    doc.actors[0] = Actor("a1", "Ayatollah Ali Khamenei", "person", mentions=[Span(11, 16, "spoke")])
    assert speaker_right(doc, q, g)  # by surname
    q.speaker = None
    assert not speaker_right(doc, q, g)


def test_gum_quotes_score_detection_only():
    gs = gold_set()
    gs.dataset = "gum"
    res = score_quotes(gs, [perfect()], "test")
    assert list(res.figures) == ["direct"]
    assert res.figures["direct"]["detection"]["f1"] == 1.0
    assert "speaker" not in res.figures["direct"]
