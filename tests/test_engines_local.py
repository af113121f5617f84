"""The local engines: serial batches that isolate a failing record, and a real 2-process pool."""

from __future__ import annotations

import json

import pytest

from eventcoder.document import Document
from eventcoder.engines import local
from eventcoder.engines.local import extract_batch, pipe_parallel, pipe_serial, shared_pipeline
from eventcoder.errors import InputError
from eventcoder.nlp import ModelNotFound
from eventcoder.pipeline import PipelineConfig
from eventcoder.records import Failure, Record

TEXTS = [
    "The Chilean foreign minister met the Peruvian ambassador in Santiago on Monday.",
    "Police said two protesters were detained outside the parliament in Lima.",
    "",  # empty: refused by the text check, comes back as a Failure in its place
    "The government accused the opposition of blocking the budget vote.",
    "Farmers blocked the main highway to protest against fuel prices, officials said.",
    "The two countries agreed to reopen the border crossing next week.",
    "Rebels attacked an army post near the border, the defence ministry said.",
]


def _records() -> list[Record | Failure]:
    recs: list[Record | Failure] = [
        Record(text=t, id=f"r{i}", origin=f"mem:{i}") for i, t in enumerate(TEXTS)
    ]
    recs.insert(4, Failure("corpus.jsonl:9", None, "corpus.jsonl:9: malformed JSON (Expecting value)"))
    return recs


def _shape(items: list[Document | Failure]) -> list[str]:
    return [x.id if isinstance(x, Document) else f"fail:{x.origin}" for x in items]


EXPECTED = ["r0", "r1", "fail:mem:2", "r3", "fail:corpus.jsonl:9", "r4", "r5", "r6"]


def test_serial_keeps_order_and_failures_in_place(pipeline):
    out = list(pipe_serial(pipeline, _records(), batch_size=3))
    assert _shape(out) == EXPECTED
    assert "empty text" in str(out[2])


class _Fragile:
    """A pipeline whose batch call raises when a poisoned record is in the batch."""

    def __init__(self, real):
        self.real = real
        self.calls = 0

    def pipe(self, records, batch_size=16):
        self.calls += 1
        records = list(records)
        if len(records) > 1 and any(isinstance(r, Record) and "POISON" in r.text for r in records):
            raise RuntimeError("batch blew up")
        for r in records:
            if isinstance(r, Record) and "POISON" in r.text:
                raise ValueError("this record breaks the parser")
        yield from self.real.pipe(records, batch_size=batch_size)


def test_a_record_that_breaks_a_batch_fails_alone(pipeline):
    recs = [Record(text=TEXTS[0], id="a", origin="f:1"), Record(text="POISON " + TEXTS[1], id="b", origin="f:2"),
            Record(text=TEXTS[3], id="c", origin="f:3")]  # fmt: skip
    out = extract_batch(_Fragile(pipeline), recs, batch_size=3)
    assert _shape(out) == ["a", "fail:f:2", "c"]
    assert str(out[1]) == "f:2: extraction failed (ValueError: this record breaks the parser)"


def test_shared_pipeline_is_cached_per_settings(pipeline, monkeypatch):
    monkeypatch.setitem(local._PIPELINES, PipelineConfig(), pipeline)
    assert shared_pipeline() is pipeline
    assert shared_pipeline(PipelineConfig(None, (), (), None)) is pipeline
    assert shared_pipeline(PipelineConfig(max_chars=99)) is not pipeline


def test_missing_model_fails_fast_without_a_pool():
    with pytest.raises(
        ModelNotFound, match="'no_such_model_xyz' is not installed; pip install the package that provides"
    ):
        list(
            pipe_parallel(
                iter([Record(text=TEXTS[0])]), n_process=2, config=PipelineConfig(model="no_such_model_xyz")
            )
        )


@pytest.mark.slow
def test_two_real_workers_keep_order_and_match_serial(pipeline):
    # Through the public API: Pipeline.pipe(records, n_process=2) spreads over two spawned workers.
    pulled = 0
    first_seen_at = None

    def stream():
        nonlocal pulled
        for r in _records():
            pulled += 1
            yield r

    out = []
    for item in pipeline.pipe(stream(), n_process=2, batch_size=1):
        if first_seen_at is None:
            first_seen_at = pulled
        out.append(item)
    assert _shape(out) == EXPECTED
    # Bounded window: before the first result, at most 2 x n_process chunks (of one record) were read.
    assert first_seen_at is not None and first_seen_at <= 4 < len(EXPECTED)
    serial = {d.id: d.to_dict() for d in pipe_serial(pipeline, _records()) if isinstance(d, Document)}
    for d in out:
        if isinstance(d, Document):
            assert d.to_dict() == serial[d.id]


def test_public_api(pipeline, monkeypatch):
    import eventcoder
    from eventcoder import Pipeline, extract

    assert Pipeline is eventcoder.pipeline.Pipeline
    monkeypatch.setitem(eventcoder.pipeline._DEFAULT, None, pipeline)
    doc = extract(TEXTS[0], published="2024-05-06", title="Talks", source="Example News")
    assert isinstance(doc, Document)
    assert (doc.text, doc.meta.published, doc.meta.title, doc.meta.source) == (
        TEXTS[0],
        "2024-05-06",
        "Talks",
        "Example News",
    )
    d = doc.to_dict()
    assert Document.from_dict(json.loads(json.dumps(d))).to_dict() == d
    with pytest.raises(InputError, match="empty text"):
        extract("  ")


def test_pipe_takes_plain_dicts_and_texts(pipeline):
    items = [
        {"id": "d1", "text": TEXTS[0], "published": "2024-05-06"},
        TEXTS[1],
        {"id": "d3", "title": "no text"},
        42,
    ]
    out = list(pipeline.pipe(items))
    assert isinstance(out[0], Document) and (out[0].id, out[0].meta.published) == ("d1", "2024-05-06")
    assert isinstance(out[1], Document) and out[1].text == TEXTS[1]
    assert isinstance(out[2], Failure) and out[2].id == "d3" and "no 'text' field" in str(out[2])
    assert isinstance(out[3], Failure) and "not a record" in str(out[3])


def test_seed_round_trips_exactly(seed_doc):
    d = seed_doc.to_dict()
    again = Document.from_dict(json.loads(json.dumps(d, ensure_ascii=False)))
    assert again.to_dict() == d


@pytest.mark.slow
def test_a_worker_that_cannot_load_its_model_reports_why(tmp_path):
    # A directory passes the parent's cheap check, but is no spaCy pipeline.
    with pytest.raises(ModelNotFound, match="could not be loaded"):
        list(
            pipe_parallel(
                iter([Record(text=TEXTS[0])]), n_process=1, config=PipelineConfig(model=str(tmp_path))
            )
        )
