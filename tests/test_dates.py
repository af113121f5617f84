"""The dates stage on sentences written for these tests, and on the seed report."""

from __future__ import annotations

from eventcoder.document import Actor, Document, Span
from eventcoder.stages.dates import DateStage
from stagekit import run_valid

STAGE = DateStage()


def run(nlp, text: str, published: str | None = "2023-06-21") -> Document:
    return run_valid(nlp, STAGE, text, published)


def values(doc: Document) -> dict[str, str | None]:
    return {d.text: d.value for d in doc.dates}


def test_absolute_and_relative_dates(nlp):
    doc = run(nlp, "The ministers met on June 21, 2023. A week earlier, on Jun. 14, the envoys had talked.")
    assert values(doc)["June 21, 2023"] == "2023-06-21"
    assert values(doc)["Jun. 14"] == "2023-06-14"


def test_weekday_follows_the_tense(nlp):
    past = run(nlp, "The talks resumed on Tuesday in Vienna.")
    future = run(nlp, "The talks will resume on Tuesday in Vienna.")
    assert values(past)["Tuesday"] == "2023-06-20"
    assert values(future)["Tuesday"] == "2023-06-27"


def test_relative_expressions(nlp):
    doc = run(
        nlp,
        "The army withdrew two or three years ago. The minister resigned yesterday. "
        "Elections are due next week. Prices rose last month.",
    )
    v = values(doc)
    assert v["two or three years ago"] == "2020/2021"
    assert v["yesterday"] == "2023-06-20"
    assert v["next week"] == "2023-06-26/2023-07-02"
    assert v["last month"] == "2023-05"
    precision = {d.text: d.precision for d in doc.dates}
    assert precision["two or three years ago"] == "range" and precision["last month"] == "month"


def test_durations_are_not_listed(nlp):
    doc = run(nlp, "He served for three years and the siege lasted two weeks.")
    assert not any("years" in d.text or "weeks" in d.text for d in doc.dates)


def test_no_publication_date_keeps_only_absolute_values(nlp):
    doc = run(nlp, "The treaty was signed on March 3, 2019, and talks resumed last Tuesday.", published=None)
    v = values(doc)
    assert v["March 3, 2019"] == "2019-03-03"
    assert v["last Tuesday"] is None


def test_explicit_range_gives_both_ends(nlp):
    doc = run(nlp, "The exhibition ran from October 19 to December 2 last year.", published="2016-01-10")
    assert [d.value for d in doc.dates] == ["2015-10-19", "2015-12-02"]
    assert [d.text for d in doc.dates] == ["October 19", "December 2 last year"]
    # Each end has its own span.
    assert all(doc.text[d.start : d.end] == d.text for d in doc.dates)


def test_next_day_counts_from_the_last_date(nlp):
    doc = run(nlp, "The summit opened on March 3, 2020. The next day, the talks collapsed.")
    assert values(doc)["The next day"] == "2020-03-04"


def test_a_line_break_ends_a_date(nlp):
    doc = run(nlp, "Tuesday, September 1, 2015\n\nFormica ants were studied.", published="2015-09-01")
    assert values(doc)["Tuesday, September 1, 2015"] == "2015-09-01"
    assert all("\n" not in d.text for d in doc.dates)


def test_a_sentence_about_the_future_sets_bare_months(nlp):
    doc = run(
        nlp,
        "I am going to Rome next month, to Paris in January and to Oslo in March.",
        published="2013-10-09",
    )
    v = values(doc)
    assert v["next month"] == "2013-11"
    assert v["January"] == "2014-01"
    assert v["March"] == "2014-03"


def test_unlabelled_year_after_a_preposition(nlp):
    doc = run(nlp, "The fees charged for the term from 2003 to 2008 were never refunded.")
    assert {d.value for d in doc.dates} >= {"2003", "2008"}


def test_seed_dates(seed_doc):
    by_text = {d.text: d for d in seed_doc.dates}
    assert by_text["June 21, 2023"].value == "2023-06-21"
    assert by_text["June 21, 2023"].precision == "day"
    few = by_text["a few days ago"]
    assert few.precision == "range"
    lo, hi = few.value.split("/")
    assert "2023-06-14" <= lo <= hi <= "2023-06-20"
    assert by_text["this year"].value == "2023"


def test_clock_times_by_a_time_zone_are_not_years(nlp):
    doc = run(
        nlp,
        "Polls closed at 8 p.m. local time (1800 UTC) on Sunday. Troops crossed at 2000 GMT. "
        "The raid began at 1900 hours and ended by 2100 local time. The law dates from 1990.",
    )
    v = values(doc)
    assert not {"1800", "2000", "1900", "2100"} & {d.value for d in doc.dates}, v
    assert v["Sunday"] == "2023-06-18"
    assert v["1990"] == "1990"  # a year is still a year


def test_the_next_day_counts_from_the_narrative_day(nlp):
    # The date that names an agreement is no time of the story; the meeting's day is.
    doc = run(
        nlp,
        "The envoys met in Rome on Wednesday. They rejected the December 3 accord. "
        "In a statement issued the following day, the ministry answered them.",
        published="2020-01-11",
    )
    v = values(doc)
    assert v["Wednesday"] == "2020-01-08"
    assert v["December 3"] == "2019-12-03"
    assert v["the following day"] == "2020-01-09"


def test_the_previous_day_skips_a_month_named_between(nlp):
    doc = run(
        nlp,
        "On Thursday, the widow spoke to reporters. Her husband was killed last October. "
        "The previous day, a broadcaster aired an interview with the prince.",
        published="2019-09-29",
    )
    assert values(doc)["The previous day"] == "2019-09-25"


def test_later_in_the_day_is_the_same_day(nlp):
    doc = run(nlp, "The agency called the race on Saturday. Later in the day, two networks followed.")
    assert values(doc)["Later in the day"] == "2023-06-17"


def test_a_bare_date_is_the_occurrence_nearest_publication(nlp):
    doc = run(
        nlp,
        "On Thursday, a rival in the ballot to be held on August 7 staged a march.",
        published="2020-08-03",
    )
    v = values(doc)
    assert v["August 7"] == "2020-08-07"
    assert v["Thursday"] == "2020-07-30"
    v = values(
        run(nlp, "Police say the December 30 bombing of the consulate was planned.", published="2020-01-05")
    )
    assert v["December 30"] == "2019-12-30"
    # A past tense within a month reports a schedule ...
    v = values(run(nlp, "The vote was set for October 14.", published="2019-09-24"))
    assert v["October 14"] == "2019-10-14"
    # ... but puts a date clearly ahead in the year before ...
    v = values(run(nlp, "The rebels seized the town on November 20.", published="2019-09-24"))
    assert v["November 20"] == "2018-11-20"
    v = values(run(nlp, "The envoy left his post in December.", published="2019-10-08"))
    assert v["December"] == "2018-12"
    # ... unless the past act set that date: "moved to", "suspended until".
    v = values(run(nlp, "The state moved its primary to June 2.", published="2020-03-20"))
    assert v["June 2"] == "2020-06-02"


def test_an_infinitive_of_plan_points_ahead(nlp):
    v = values(run(nlp, "The census is to be held from October 19 to December 2.", published="2015-05-07"))
    assert v["October 19"] == "2015-10-19" and v["December 2"] == "2015-12-02"
    v = values(run(nlp, "On Wednesday, the delegates are to travel to Geneva."))  # published on a Wednesday
    assert v["Wednesday"] == "2023-06-21"
    v = values(run(nlp, "On Friday, the delegates are to travel to Geneva."))
    assert v["Friday"] == "2023-06-23"
    # "the first ... to" reports the past.
    v = values(run(nlp, "She became the first leader to visit the island on Friday."))
    assert v["Friday"] == "2023-06-16"


def test_that_month_is_in_the_year_the_story_is_in(nlp):
    doc = run(
        nlp,
        "She began her strike outside parliament in August 2018. That September, pupils in other towns joined her.",
        published="2019-12-14",
    )
    assert values(doc)["That September"] == "2018-09"
    # "that" as a conjunction is no part of the date.
    doc = run(nlp, "The minister said that Monday's vote was fair.")
    assert values(doc)["Monday"] == "2023-06-19"


def test_a_year_range_with_a_short_end_gives_two_years(nlp):
    doc = run(nlp, "He joined the polar expedition of 1931-32 as its doctor.")
    assert [(d.text, d.value) for d in doc.dates] == [("1931", "1931"), ("32", "1932")]


def test_a_number_with_a_plus_is_a_count(nlp):
    doc = run(nlp, "There were 2000 + people in the hall by 1999.")
    assert [d.value for d in doc.dates] == ["1999"]


def test_counts_of_units_that_are_no_points(nlp):
    doc = run(
        nlp,
        "It was the biggest march in a decade. Throughout the fourteen weeks of strikes, no "
        "one was arrested. The judge left his house a quarter before 10 a.m. on Thursday. "
        "Courts reopen in two weeks.",
    )
    v = values(doc)
    assert not any("decade" in t or "weeks of" in t or "quarter" in t for t in v), v
    assert v["Thursday"] == "2023-06-15"
    assert v["two weeks"] == "2023-07-05"


def test_the_same_day_in_a_past_clause_is_no_day_ahead(nlp):
    doc = run(
        nlp,
        "Gunmen attacked a mosque on Friday. The suspect will appear in court on July 5. "
        "A second attack hit a school, killing two people on the same day.",
    )
    assert values(doc)["the same day"] == "2023-06-16"


def test_a_month_that_is_a_persons_surname(nlp):
    text = "Prime Minister Theresa May spoke in London. He quit in protest at May's deal in May."
    may = Actor(id="a1", name="Theresa May", type="person", mentions=[Span(15, 26, "Theresa May")])
    doc = run_valid(nlp, STAGE, text, "2019-07-24", actors=[may])
    assert [(d.text, d.value) for d in doc.dates] == [("May", "2019-05")]
    assert doc.dates[0].start == text.rindex("May")


def test_the_next_years_of_a_past_story_count_from_its_date(nlp):
    doc = run(
        nlp,
        "She entered parliament in 1980 and became a minister the next year. She spent the next two decades there.",
        published="2019-10-28",
    )
    v = values(doc)
    assert v["the next year"] == "1981"
    assert v["the next two decades"] == "1981/2001"
    # Told in the present, the next years are the ones ahead of publication.
    assert values(run(nlp, "The plan covers the next two years.", published="2019-10-28"))[
        "the next two years"
    ] == ("2020/2021")
