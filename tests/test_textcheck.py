"""The cheap pre-parse checks: empty, binary, too long, not English (sentences written for these tests)."""

from __future__ import annotations

import pytest

from eventcoder.errors import DataFileError, InputError
from eventcoder.textcheck import check_text, has_sentence, language_problem, parse_function_words

LIMIT = 1_000_000

FOREIGN = {
    "fr": "Le ministre des affaires étrangères a rencontré son homologue allemand à Paris mardi. "
    "Les deux hommes ont discuté de la situation en Ukraine et de la coopération entre leurs pays.",
    "de": "Der Außenminister traf am Dienstag seinen französischen Amtskollegen in Berlin. Die beiden "
    "Politiker sprachen über die Lage in der Ukraine und die Zusammenarbeit ihrer Länder.",
    "es": "El presidente del gobierno se reunió el martes con los líderes de la oposición en Madrid. "
    "Según fuentes oficiales, hablaron sobre la reforma de las pensiones y el presupuesto.",
    "it": "Il ministro degli esteri ha incontrato martedì il suo omologo a Roma. I due hanno parlato "
    "della situazione in Libia e della cooperazione tra i loro paesi.",
    "nl": "De minister van buitenlandse zaken heeft dinsdag zijn Duitse collega in Den Haag ontvangen. "
    "Volgens het ministerie werd er gesproken over de samenwerking tussen de twee landen.",
}
SCRIPTS = {
    "Arabic": "التقى وزير الخارجية يوم الثلاثاء بنظيره الفرنسي في القاهرة وناقشا الوضع في المنطقة "
    "والتعاون بين البلدين.",
    "Chinese/Japanese": "外交部长星期二在北京会见了法国外长，双方讨论了地区局势以及两国之间的合作。",
    "Cyrillic": "Министр иностранных дел встретился во вторник со своим французским коллегой в Москве.",
}
ENGLISH = [
    # short: too few words to judge, never refused
    "Protesters clashed with police in Lima.",
    "Putin met Xi.",
    # long and full of names: few function words, still English
    "Vladimir Putin met Xi Jinping, Narendra Modi, Recep Tayyip Erdogan and Cyril Ramaphosa in Astana "
    "on Tuesday.",
    "Presidents Emmanuel Macron, Olaf Scholz, Giorgia Meloni, Pedro Sanchez, Mark Rutte and Ursula von "
    "der Leyen attended the summit in Brussels.",
    "TEHRAN, Aug. 23 (MNA) – Iranian Foreign Minister Hossein Amir-Abdollahian and Iraqi Prime Minister "
    "Mohammed Shia al-Sudani met in Baghdad on Wednesday.",
    "Juan Carlos de la Fuente, Maria del Carmen Ortiz and Jose Luis Rodriguez Zapatero signed the "
    "agreement in Madrid with the German delegation on Friday.",
    # ordinary report prose, with a few foreign words quoted
    "The foreign minister met his French counterpart in Paris on Tuesday. The two men discussed the "
    "situation in Ukraine and cooperation between their countries, officials said. The minister called "
    "the talks 'très constructif'.",
]


@pytest.mark.parametrize("lang", sorted(FOREIGN))
def test_latin_script_languages_are_refused_and_named(lang):
    problem = language_problem(FOREIGN[lang])
    assert problem is not None and f"'{lang}'" in problem
    with pytest.raises(InputError, match="does not look like English"):
        check_text(FOREIGN[lang], "x.txt", LIMIT)


@pytest.mark.parametrize("script", sorted(SCRIPTS))
def test_other_scripts_are_refused_and_named(script):
    problem = language_problem(SCRIPTS[script])
    assert problem == f"does not look like English (mostly {script} script)"


@pytest.mark.parametrize("text", ENGLISH)
def test_english_is_accepted(text):
    assert language_problem(text) is None
    check_text(text, "x.txt", LIMIT)


def test_english_with_a_foreign_quote_is_accepted():
    text = ENGLISH[-1] + " " + FOREIGN["fr"][:60]
    assert language_problem(text) is None


def test_english_words_of_no_language_are_refused_when_long():
    # Tokens of no listed language at all (e.g. a table of codes) are not a report.
    text = " ".join(f"Xq{i}zz Brrk Vlmt" for i in range(10))
    assert "no English function words" in (language_problem(text) or "")


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty text"),
        ("   \n\t ", "empty text"),
        ("Police said\x00 it was calm.", "looks binary"),
        ("Police \x01\x02\x03\x04 said \x05\x06\x07 it \x08\x0e\x0f was calm.", "looks binary"),
    ],
)
def test_bad_texts_name_input_and_problem(text, problem):
    with pytest.raises(InputError) as info:
        check_text(text, "in/report.txt", LIMIT)
    assert str(info.value).startswith("in/report.txt: ")
    assert problem in str(info.value)
    assert "\n" not in str(info.value)


def test_too_long_names_the_limit():
    with pytest.raises(InputError, match=r"too large \(34 characters; the limit is 30\)"):
        check_text("Police said it was calm out there.", "a.txt", 30)


def test_a_few_control_characters_in_a_long_text_are_fine():
    text = ("Police said the protest was calm. " * 20) + "\x0c\x1b"
    check_text(text, "a.txt", LIMIT)


def test_function_word_table_format_is_checked():
    ok = parse_function_words("# comment\nen\tthe of and\nfr\tle la the\n")
    assert ok["en"] == {"the", "of", "and"}
    assert ok["fr"] == {"le", "la"}  # words English shares count for English only
    with pytest.raises(DataFileError, match=r"words.tsv:2: expected"):
        parse_function_words("en\tthe of\nfr le la\n", "words.tsv")
    with pytest.raises(DataFileError, match="listed twice"):
        parse_function_words("en\tthe\nen\tof\n", "words.tsv")
    with pytest.raises(DataFileError, match="no 'en' line"):
        parse_function_words("fr\tle\n", "words.tsv")


@pytest.mark.parametrize(
    "text, prose",
    [
        ("Home | World | Sports | Contact", False),
        ("Home | U.S. | World | Opinion", False),  # an initial's full stop ends no sentence
        ("Subscribe\nSign in", False),
        ("Police arrested five men.", True),
        ('The minister said: "We will not go."', True),
        ("Talks resume in Geneva as ministers meet for a third day", True),  # eight words, no stop
        ("Did the talks fail?", True),
    ],
)
def test_has_sentence(text, prose):
    assert has_sentence(text) is prose
