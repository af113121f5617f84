"""Property tests: random and mutated text through the whole extractor.

The contract, decided here: extracting one text either returns a Document that
validates against the schema (every span equal to its text, every reference
resolved) and round-trips through JSON exactly, or raises InputError (empty,
binary, too long, not English, invalid Unicode).  No other exception may
escape.  A corpus stream (``pipe``) never raises at all: a bad record comes
out as a Failure in its place.
"""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import assert_valid
from eventcoder.document import Document
from eventcoder.engines.local import pipe_serial
from eventcoder.errors import InputError
from eventcoder.records import Failure, Record

REPORT = (
    "KYIV, March 3 (Reuters) - Ukraine's foreign minister met his Polish counterpart in Kyiv on "
    'Tuesday. "We will not give up an inch of our land," he told reporters, adding that talks with '
    "the European Union would resume next week. Protesters gathered outside the parliament, and police "
    "said three people were detained. The ministry accused Russia of shelling the border town of "
    "Kupiansk overnight; Moscow denied it."
)
MARKS = "\"'“”‘’«»„‟‹›「」—–-.,;:!?()[]…\n\t "
PUBLISHED = st.one_of(
    st.none(),
    st.dates().map(lambda d: d.isoformat()),
    st.text(max_size=12),
)
SETTINGS = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@st.composite
def mutated_report(draw: st.DrawFn) -> str:
    """The report with a few random edits: cuts, repeats, inserted marks or characters, case flips."""
    text = REPORT
    for _ in range(draw(st.integers(1, 6))):
        n = len(text)
        i = draw(st.integers(0, n))
        j = draw(st.integers(i, min(n, i + 40)))
        op = draw(st.sampled_from(["cut", "repeat", "marks", "chars", "upper", "truncate", "surrogate"]))
        if op == "cut":
            text = text[:i] + text[j:]
        elif op == "repeat":
            text = text[:j] + text[i:j] + text[j:]
        elif op == "marks":
            text = text[:i] + draw(st.text(alphabet=MARKS, min_size=1, max_size=5)) + text[i:]
        elif op == "chars":
            text = text[:i] + draw(st.text(min_size=1, max_size=5)) + text[i:]
        elif op == "upper":
            text = text[:i] + text[i:j].upper() + text[j:]
        elif op == "truncate":
            text = text[:i]
        else:
            text = text[:i] + draw(st.characters(categories=["Cs"])) + text[i:]
    return text


def check_one(pipeline, text: str, published: str | None) -> None:
    try:
        doc = pipeline(Record(text=text, id="p", published=published, origin="prop"))
    except InputError as exc:
        assert str(exc).startswith("prop: ") and "\n" not in str(exc)
        return
    d = doc.to_dict()
    assert_valid(d)
    assert Document.from_dict(json.loads(json.dumps(d, ensure_ascii=False))).to_dict() == d


@SETTINGS
@given(text=st.text(max_size=400), published=PUBLISHED)
def test_random_unicode(pipeline, text, published):
    check_one(pipeline, text, published)


@SETTINGS
@given(text=st.text(alphabet=st.sampled_from(list(MARKS) + list("abcXYZ said he")), max_size=300))
def test_random_punctuation_and_quote_marks(pipeline, text):
    check_one(pipeline, text, "2024-03-05")


@SETTINGS
@given(text=mutated_report(), published=PUBLISHED)
def test_mutated_report(pipeline, text, published):
    check_one(pipeline, text, published)


WORDS = [*REPORT.replace('"', " ").split(), "“", "”", '"', "'", "‘", "’", "\n\n", "said", "he", "she", "they"]


@SETTINGS
@given(words=st.lists(st.sampled_from(WORDS), max_size=120), published=PUBLISHED)
def test_english_word_salad(pipeline, words, published):
    # Passes the language check, so every stage sees it: broken sentences, stray quote marks.
    check_one(pipeline, " ".join(words), published)


@settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(st.one_of(mutated_report(), st.text(max_size=80)), min_size=1, max_size=6))
def test_a_stream_never_raises_and_keeps_its_order(pipeline, texts):
    records = [Record(text=t, id=f"r{i}", origin=f"s:{i}") for i, t in enumerate(texts)]
    out = list(pipe_serial(pipeline, records, batch_size=4))
    assert [x.id if isinstance(x, Document) else x.origin for x in out] == [
        r.id if isinstance(o, Document) else r.origin for r, o in zip(records, out, strict=True)
    ]
    for o in out:
        assert isinstance(o, Document | Failure)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    raw=st.one_of(
        st.binary(max_size=300),
        st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.lists(
            st.one_of(st.just(b'{"id": "x", "text": "Police said."}'), st.binary(max_size=40)), max_size=5
        ).map(b"\n".join),
    ),
    suffix=st.sampled_from([".txt", ".jsonl", ".html", ".csv", ".txt.gz"]),
)
def test_readers_never_raise_on_any_bytes(tmp_path_factory, raw, suffix):
    from eventcoder.io.readers import read_inputs

    path = tmp_path_factory.mktemp("fuzz") / f"input{suffix}"
    path.write_bytes(raw)
    for item in read_inputs([str(path)]):
        assert isinstance(item, Record | Failure)
        if isinstance(item, Failure):
            assert str(item).startswith(str(path)) and "\n" not in str(item)
