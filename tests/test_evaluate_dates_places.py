"""Date values as intervals, the date scorer, the gold-country rule and the place scorer."""

from __future__ import annotations

from datetime import date

import pytest

from eventcoder.document import Actor, DateExpr, Document, Place, Span
from eventcoder.evaluate.dates import interval, score_dates, value_right
from eventcoder.evaluate.gold import GoldDate, GoldItem, GoldMention, GoldSet
from eventcoder.evaluate.places import resolver, score_places


def test_intervals():
    assert interval("2013") == (date(2013, 1, 1), date(2013, 12, 31))
    assert interval("2013-02") == (date(2013, 2, 1), date(2013, 2, 28))
    assert interval("2013-03-18T10:00") == (date(2013, 3, 18), date(2013, 3, 18))
    assert interval("2013-W12") == (date(2013, 3, 18), date(2013, 3, 24))
    assert interval("2013-Q2") == (date(2013, 4, 1), date(2013, 6, 30))
    assert interval("201") == (date(2010, 1, 1), date(2019, 12, 31))
    assert interval("2013-03-14/2013-03-20") == (date(2013, 3, 14), date(2013, 3, 20))
    assert interval("PRESENT_REF", "2013-03-22") == (date(2013, 3, 22), date(2013, 3, 22))
    assert interval("-2009-03-13") == (date(2009, 3, 13), date(2009, 3, 13))
    for unknown in ("2012-XX-XX", "2012-SU", "PAST_REF", "", None):
        assert interval(unknown) is None


def test_value_rules():
    assert value_right(GoldDate(0, 1, "2013-W12"), "2013-03-18/2013-03-24", None)
    assert not value_right(GoldDate(0, 1, "2013-03"), "2013-03-18", None)
    assert value_right(GoldDate(0, 1, "--10"), "2015-10", None)  # October of a year the gold leaves open
    assert not value_right(GoldDate(0, 1, "--10"), "2015-10-02", None)
    assert value_right(GoldDate(0, 1, "2012-07", within=True), "2012-07-21/2012-07-31", None)  # "late July"
    assert not value_right(GoldDate(0, 1, "2012-07", within=True), "2012-08", None)
    assert value_right(GoldDate(0, 1, "2012-XX-XX"), "2012-05-01", None) is None
    assert value_right(GoldDate(0, 1, "2013"), None, None) is False


TEXT = "On Monday the council met; last year it did not. It lasted three hours."


def at(sub: str) -> tuple[int, int]:
    i = TEXT.index(sub)
    return i, i + len(sub)


def dates_gold() -> GoldSet:
    gold = [
        GoldDate(*at("Monday"), "2013-03-18"),
        GoldDate(*at("last year"), "2012"),
        GoldDate(*at("three hours"), None, scored=False),  # a duration: don't-care
    ]
    return GoldSet("tempeval3", "mem", [GoldItem(id="t", text=TEXT, published="2013-03-22", dates=gold)])


def d(sub: str, value: str | None) -> DateExpr:
    s, e = at(sub)
    return DateExpr(sub, s, e, value)


def test_dates_scoring():
    doc = Document(id="t", text=TEXT)
    doc.dates = [d("On Monday", "2013-03-18"), d("last year", "2011"), d("three hours", None)]
    res = score_dates(dates_gold(), [doc], "t")
    f = res.figures
    assert f["detection"]["recall"] == 1.0
    assert f["detection"]["precision"] == 1.0  # the duration is neither right nor wrong
    assert f["detection_strict"]["tp"] == 1  # "On Monday" is wider than the gold
    assert f["value_accuracy"]["accuracy"] == 0.5
    assert [e["kind"] for e in res.errors] == ["wrong value"]
    doc.dates = doc.dates[:1]
    f = score_dates(dates_gold(), [doc], "t").figures
    assert f["detection"]["recall"] == 0.5
    assert f["value_accuracy"]["accuracy"] == 1.0
    assert f["value_recall"]["accuracy"] == 0.5


@pytest.fixture(scope="module")
def countries():
    return resolver()


@pytest.mark.parametrize(
    ("identity", "expected"),
    [
        ("United_States", ("USA", "country")),
        ("Philadelphia", ("USA", "city")),
        ("Sochi", ("RUS", "city")),
        ("Russia", ("RUS", "country")),
        ("Washington%2C_D.C.", ("USA", "city")),
        ("Irving,_Texas", ("USA", "city")),
        ("Mecca3", ("SAU", "city")),
        ("Georgia_(U.S._state)", (None, None)),
        ("Florida", (None, None)),
        ("Africa", (None, None)),
        ("Soviet_Union", (None, None)),
        (None, (None, None)),
    ],
)
def test_gold_country_from_identity(countries, identity, expected):
    assert countries(identity) == expected


def test_place_scoring():
    text = "Talks in Paris and Lyon; Ruritania said no."
    gold = [
        GoldMention(9, 14, "place", identity="Paris"),
        GoldMention(19, 23, "place", identity="Lyon"),
        GoldMention(25, 34, "place", country="RUR"),
        GoldMention(0, 5, "event"),
    ]
    gs = GoldSet("gum", "mem", [GoldItem(id="p", text=text, mentions=gold)])
    doc = Document(id="p", text=text)
    doc.places = [
        Place("p1", "Paris", "FRA", mentions=[Span(9, 14, "Paris")]),
        Place("p2", "Lyon", "USA", mentions=[Span(19, 23, "Lyon")]),
    ]
    doc.actors = [Actor("a1", "Ruritania", "country", country="RUR", mentions=[Span(25, 34, "Ruritania")])]
    res = score_places(gs, [doc], "t")
    f = res.figures
    assert f["accuracy"]["total"] == 3
    assert f["accuracy"]["accuracy"] == pytest.approx(2 / 3, abs=1e-4)
    assert f["found"]["accuracy"] == 1.0  # the country actor stands in for a place
    assert [e["kind"] for e in res.errors] == ["wrong country"]
    f = score_places(gs, [Document(id="p", text=text)], "t").figures
    assert f["accuracy"]["accuracy"] == 0.0 and f["found"]["accuracy"] == 0.0
