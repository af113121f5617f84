"""The date grammar on its own: every form, against a fixed reference date (no spaCy)."""

from __future__ import annotations

import json
from datetime import date

import pytest

from eventcoder.errors import DataFileError
from eventcoder.stages.date_parse import NOT_POINT, DateParser, Interval, Parsed, load_lexicon, mentions_time

REF = date(2023, 6, 21)  # a Wednesday


@pytest.fixture(scope="module")
def parser() -> DateParser:
    return DateParser()


def value(parser: DateParser, text: str, tense: str | None = None, ref: date | None = REF, **kw) -> tuple:
    got = parser.parse(text, ref, tense, **kw)
    assert isinstance(got, Parsed), f"{text!r} -> {got!r}"
    return got.value, got.precision


@pytest.mark.parametrize(
    "text, expected",
    [
        ("June 21, 2023", ("2023-06-21", "day")),
        ("21 June 2023", ("2023-06-21", "day")),
        ("Wednesday, June 21, 2023", ("2023-06-21", "day")),
        ("MARCH 3, 2021", ("2021-03-03", "day")),
        ("the 4th of July, 2020", ("2020-07-04", "day")),
        ("June 2023", ("2023-06", "month")),
        ("2019", ("2019", "year")),
        ("the year 2030", ("2030", "year")),
        ("fiscal 2012", ("2012", "year")),
        ("2023-06-01", ("2023-06-01", "day")),
        ("6/1/2023", ("2023-06-01", "day")),
        ("9/11", ("2001-09-11", "day")),
        ("the 1990s", ("1990/1999", "range")),
        ("the mid-1990s", ("1994/1996", "range")),
        ("the 1930's", ("1930/1939", "range")),
        ("the sixties", ("1960/1969", "range")),
        ("the 21st century", ("2000/2099", "range")),
        ("the summer of 2012", ("2012-06/2012-08", "range")),
        ("early 2011", ("2011-01/2011-04", "range")),
        ("the first half of 2012", ("2012-01/2012-06", "range")),
        ("the first quarter of 2012", ("2012-01/2012-03", "range")),
        ("between 2010 and 2012", ("2010/2012", "range")),
        ("June 21-23, 2023", ("2023-06-21/2023-06-23", "range")),
    ],
)
def test_absolute_forms(parser, text, expected):
    assert value(parser, text) == expected
    # Absolute dates need no publication date.
    assert value(parser, text, ref=None) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Jun. 21", ("2023-06-21", "day")),
        ("June 5", ("2023-06-05", "day")),
        ("today", ("2023-06-21", "day")),
        ("this morning", ("2023-06-21", "day")),
        ("tonight", ("2023-06-21", "day")),
        ("yesterday", ("2023-06-20", "day")),
        ("yesterday's", ("2023-06-20", "day")),
        ("tomorrow", ("2023-06-22", "day")),
        ("the day before yesterday", ("2023-06-19", "day")),
        ("Tuesday", ("2023-06-20", "day")),
        ("last Tuesday", ("2023-06-20", "day")),
        ("next Tuesday", ("2023-06-27", "day")),
        ("Wednesday", ("2023-06-21", "day")),  # publication day itself
        ("Sunday night", ("2023-06-18", "day")),
        ("this year", ("2023", "year")),
        ("This year's", ("2023", "year")),
        ("last year", ("2022", "year")),
        ("next year", ("2024", "year")),
        ("last month", ("2023-05", "month")),
        ("earlier this month", ("2023-06", "month")),
        ("later this year", ("2023", "year")),
        ("next week", ("2023-06-26/2023-07-02", "range")),
        ("last week", ("2023-06-12/2023-06-18", "range")),
        ("this past week", ("2023-06-12/2023-06-18", "range")),
        ("last summer", ("2022-06/2022-08", "range")),
        ("last quarter", ("2023-01/2023-03", "range")),
        ("the past century", ("1900/1999", "range")),
        ("last June", ("2022-06", "month")),
        ("December 11 last year", ("2022-12-11", "day")),
        ("March of next year", ("2024-03", "month")),
        ("late last July", ("2022-07-21/2022-07-31", "range")),
        ("a few days ago", ("2023-06-14/2023-06-20", "range")),
        ("two or three years ago", ("2020/2021", "range")),
        ("two years ago", ("2021", "year")),
        ("Seventeen years ago", ("2006", "year")),
        ("10 months ago", ("2022-08", "month")),
        ("two weeks ago", ("2023-06-07", "day")),
        ("a decade ago", ("2013", "year")),
        ("24 hours ago", ("2023-06-20", "day")),
        ("a couple of years back", ("2021", "year")),
        ("three days from now", ("2023-06-24", "day")),
        ("the past two years", ("2022/2023", "range")),  # two calendar years, this one the last
        ("the next five months", ("2023-07/2023-11", "range")),  # the five after this one
        ("the past few days", ("2023-06-14/2023-06-21", "range")),
        ("recent years", ("2016/2023", "range")),
        ("the end of the year", ("2023-12-31", "day")),
        ("the middle of next year", ("2024-05/2024-08", "range")),
        ("late September", ("2023-09-21/2023-09-30", "range")),
        ("Christmas Day", ("2022-12-25", "day")),  # nearer than the coming one
        ("later in the day", ("2023-06-21", "day")),
        ("earlier in the week", ("2023-06-19/2023-06-25", "range")),
    ],
)
def test_relative_forms(parser, text, expected):
    assert value(parser, text) == expected


def test_relative_forms_without_a_publication_date_have_no_value(parser):
    for text, precision in (("last Tuesday", "day"), ("a few days ago", "day"), ("this year", "year")):
        got = parser.parse(text, None)
        assert isinstance(got, Parsed)
        assert got.value is None and got.precision == precision


def test_tense_decides_which_way_a_bare_day_points(parser):
    assert value(parser, "Tuesday", "past") == ("2023-06-20", "day")
    assert value(parser, "Tuesday", "future") == ("2023-06-27", "day")
    assert value(parser, "Tuesday", None) == ("2023-06-20", "day")  # news reports the past
    assert value(parser, "March", "future") == ("2024-03", "month")
    assert value(parser, "March", "past") == ("2023-03", "month")
    assert value(parser, "September", "past") == ("2022-09", "month")
    assert value(parser, "December 25", "past") == ("2022-12-25", "day")
    assert value(parser, "this weekend", "past") == ("2023-06-17/2023-06-18", "range")
    assert value(parser, "this weekend", "future") == ("2023-06-24/2023-06-25", "range")


def test_a_bare_day_or_month_is_the_occurrence_nearest_publication(parser):
    ref = date(2020, 8, 3)
    assert value(parser, "August 9", ref=ref) == ("2020-08-09", "day")
    # A sentence whose other dates are past (a hint) does not move a date six days ahead ...
    assert value(parser, "August 9", ref=ref, hint="past") == ("2020-08-09", "day")
    # ... nor does a past tense within a month ("was set for August 29") ...
    assert value(parser, "August 29", "past", ref=ref) == ("2020-08-29", "day")
    # ... but a past tense puts a date clearly ahead in the year before, a future tense
    # one clearly over in the year after.
    assert value(parser, "September 20", "past", ref=ref) == ("2019-09-20", "day")
    assert value(parser, "June 1", "future", ref=ref) == ("2021-06-01", "day")
    assert value(parser, "July 20", "future", ref=ref) == ("2020-07-20", "day")  # a run already begun
    assert value(parser, "December 20", ref=date(2020, 1, 5)) == ("2019-12-20", "day")
    assert value(parser, "January", ref=date(2019, 12, 21)) == ("2020-01", "month")
    assert value(parser, "12/31", ref=date(2020, 1, 5)) == ("2019-12-31", "day")
    # The sentence's other dates move it only from far on their wrong side.
    assert value(parser, "April", ref=date(2013, 10, 9)) == ("2013-04", "month")
    assert value(parser, "April", ref=date(2013, 10, 9), hint="future") == ("2014-04", "month")
    assert value(parser, "February 29", ref=date(2021, 3, 10)) == ("2020-02-29", "day")


def test_a_bare_weekday_is_the_last_one_unless_the_clause_points_ahead(parser):
    assert value(parser, "Monday") == ("2023-06-19", "day")
    assert value(parser, "Saturday") == ("2023-06-17", "day")  # not the nearer coming one
    assert value(parser, "Saturday", hint="future") == ("2023-06-24", "day")
    assert value(parser, "Saturday", "past", hint="future") == ("2023-06-17", "day")


def test_the_first_bare_rule_is_kept_for_measuring():
    old = DateParser(bare="tense")
    assert old.parse("August 9", date(2020, 8, 3), None, hint="past").value == "2019-08-09"
    assert old.parse("Christmas Day", REF).value == "2023-12-25"
    with pytest.raises(ValueError):
        DateParser(bare="closest")


def test_anaphoric_expressions_count_from_the_last_date(parser):
    anchor = Interval(date(2020, 3, 3), date(2020, 3, 3), "day")
    assert value(parser, "the next day", anchor=anchor) == ("2020-03-04", "day")
    assert value(parser, "the previous day", anchor=anchor) == ("2020-03-02", "day")
    assert value(parser, "two days later", anchor=anchor) == ("2020-03-05", "day")
    assert value(parser, "the year before", anchor=anchor) == ("2019", "year")
    assert value(parser, "that year", anchor=anchor) == ("2020", "year")
    # Without an anchor they count from publication.
    assert value(parser, "the next day") == ("2023-06-22", "day")


def test_a_day_counts_from_the_last_single_day_named(parser):
    thursday = Interval(date(2019, 9, 26), date(2019, 9, 26), "day")
    week = Interval(date(2019, 9, 23), date(2019, 9, 29), "day")
    october = Interval(date(2018, 10, 1), date(2018, 10, 31), "month")
    anchors = [thursday, week, october]
    assert value(parser, "the previous day", anchor=anchors) == ("2019-09-25", "day")
    assert value(parser, "that day", anchor=anchors) == ("2019-09-26", "day")
    assert value(parser, "later in the day", anchor=anchors) == ("2019-09-26", "day")
    # Coarser units may count from a coarser date.
    assert value(parser, "the following year", anchor=anchors) == ("2019", "year")
    assert value(parser, "the following month", anchor=anchors) == ("2018-11", "month")
    # A vague count of days may count from a few days.
    late_june = Interval(date(2019, 6, 21), date(2019, 6, 30), "day")
    assert value(parser, "a few days later", anchor=[late_june]) == ("2019-07-01/2019-07-07", "range")
    # Only a year named: "the next day" counts from publication, not from 31 December.
    assert value(parser, "the next day", anchor=[Interval(date(2015, 1, 1), date(2015, 12, 31), "year")]) == (
        "2023-06-22",
        "day",
    )


@pytest.mark.parametrize(
    "text",
    [
        "three years",
        "two weeks",
        "several decades",
        "years",
        "every day",
        "each year",
        "25 years old",
        "the year",
    ],
)
def test_durations_sets_and_ages_are_not_points(parser, text):
    assert parser.parse(text, REF) is NOT_POINT


def test_in_a_count_of_units_is_ahead(parser):
    assert value(parser, "three years", prev="in") == ("2026", "year")
    assert parser.parse("three years", REF, prev="for") is NOT_POINT
    assert (
        parser.parse("the sixteen weeks", REF, prev="in") is NOT_POINT
    )  # "in the sixteen weeks of protests"
    assert parser.parse("a decade", REF, prev="within") is NOT_POINT


def test_unknown_words_are_not_understood(parser):
    assert parser.parse("the opening night", REF) is None
    assert parser.parse("42", REF) is None
    assert mentions_time("the start of the 2014 games", parser.lex)
    assert not mentions_time("the first half", parser.lex)


def test_malformed_lexicon_fails_with_file_and_line(tmp_path):
    from importlib import resources

    good = json.loads(resources.files("eventcoder.data").joinpath("dates", "lexicon.json").read_text("utf-8"))
    good["months"]["smarch"] = 13
    bad = tmp_path / "lexicon.json"
    bad.write_text(json.dumps(good, indent=1), encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_lexicon(bad)
    assert err.value.path == str(bad) and err.value.line is not None and "smarch" in str(err.value)
    bad.write_text('{"months": {', encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_lexicon(bad)
    assert err.value.line == 1
    del good["months"]["smarch"]
    good["time_zones"] = "UTC"
    bad.write_text(json.dumps(good, indent=1), encoding="utf-8")
    with pytest.raises(DataFileError, match="time_zones") as err:
        load_lexicon(bad)
    assert err.value.line is not None
    good["time_zones"] = ["UTC"]
    del good["units"]
    bad.write_text(json.dumps(good), encoding="utf-8")
    with pytest.raises(DataFileError, match="units"):
        load_lexicon(bad)


def test_periods_counted_from_the_story(parser):
    year = Interval(date(1965, 1, 1), date(1965, 12, 31), "year")
    assert value(parser, "the following five years", anchor=year) == ("1966/1970", "range")
    assert value(parser, "the next five decades", "past", anchor=year) == ("1965/2015", "range")
    assert value(parser, "the next five decades", anchor=year) == ("2023/2073", "range")
    assert value(parser, "the next year", "past", anchor=year) == ("1966", "year")
    assert value(parser, "next year", "past", anchor=year) == ("2024", "year")  # deictic without "the"
