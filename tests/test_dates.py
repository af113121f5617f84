"""The dates stage on sentences written for these tests, and on the seed report."""

from __future__ import annotations

from eventcoder.document import Document
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
    doc = run(nlp, "The exhibition ran from November 20 to December 11 last year.", published="2016-01-10")
    assert [d.value for d in doc.dates] == ["2015-11-20", "2015-12-11"]
    assert [d.text for d in doc.dates] == ["November 20", "December 11 last year"]
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
    doc = run(nlp, "The taxes owed for the period from 2004 to 2009 were never paid.")
    assert {d.value for d in doc.dates} >= {"2004", "2009"}


def test_seed_dates(seed_doc):
    by_text = {d.text: d for d in seed_doc.dates}
    assert by_text["June 21, 2023"].value == "2023-06-21"
    assert by_text["June 21, 2023"].precision == "day"
    few = by_text["a few days ago"]
    assert few.precision == "range"
    lo, hi = few.value.split("/")
    assert "2023-06-14" <= lo <= hi <= "2023-06-20"
    assert by_text["this year"].value == "2023"
