"""Run the stages in order over one document, or over a stream of them.

The spaCy model runs once per document; every stage then reads the parse and
writes its findings into the shared :class:`~eventcoder.document.Document`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .document import Document, Meta
from .errors import InputError
from .records import Failure, Record
from .stages.base import Context, Stage
from .textcheck import check_text

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

DEFAULT_BATCH = 16


def default_stages(lexicon: list[str] | None = None, gazetteers: list[str] | None = None) -> list[Stage]:
    # Imported here so that importing the package stays cheap.
    from .stages.actors import ActorStage
    from .stages.dates import DateStage
    from .stages.events import EventStage
    from .stages.places import PlaceStage
    from .stages.quotes import QuoteStage
    from .stages.speakers import SpeakerStage

    return [
        ActorStage(extra_gazetteers=gazetteers or []),
        QuoteStage(),
        SpeakerStage(),
        DateStage(),
        PlaceStage(),
        EventStage(extra_lexicons=lexicon or []),
    ]


@dataclass(frozen=True)
class PipelineConfig:
    """Everything needed to build the same pipeline again in another process.

    Engines send this (not a loaded pipeline) to their workers; each worker
    builds its pipeline from it once.
    """

    model: str | None = None
    lexicons: tuple[str, ...] = ()
    gazetteers: tuple[str, ...] = ()
    max_chars: int | None = None

    def build(self) -> Pipeline:
        return Pipeline(
            model=self.model,
            lexicon=list(self.lexicons),
            gazetteers=list(self.gazetteers),
            max_chars=self.max_chars,
        )


class Pipeline:
    """The extractor: ``Pipeline()(record)`` or ``Pipeline().pipe(records)``."""

    def __init__(
        self,
        model: str | None = None,
        stages: list[Stage] | None = None,
        lexicon: list[str] | None = None,
        max_chars: int | None = None,
        nlp: Language | None = None,
        gazetteers: list[str] | None = None,
    ):
        from . import nlp as nlp_mod
        from .stages.metadata import MetadataStage

        self.nlp = nlp if nlp is not None else nlp_mod.load(model)
        self.model = model
        self.lexicon = list(lexicon or [])
        self.gazetteers = list(gazetteers or [])
        self.metadata = MetadataStage()
        self.stages = stages if stages is not None else default_stages(self.lexicon, self.gazetteers)
        self.max_chars = max_chars or self.nlp.max_length
        # A pipeline built from settings alone can be rebuilt in a worker process.
        self.custom = nlp is not None or stages is not None
        self.config = PipelineConfig(model, tuple(self.lexicon), tuple(self.gazetteers), max_chars)

    # -- one document ---------------------------------------------------------
    def __call__(self, record: Record | str, **meta: Any) -> Document:
        if isinstance(record, str):
            record = Record(text=record, **meta)
        doc = self.prepare(record)
        return self.annotate(doc, self.nlp(parse_text(doc)))

    def prepare(self, record: Record) -> Document:
        """Check the text and read its metadata; raises InputError."""
        check_text(record.text, record.origin, self.max_chars)
        doc = Document(
            id=record.id or "doc",
            text=record.text,
            meta=Meta(
                title=record.title,
                source=record.source,
                url=record.url,
                published=record.published,
            ),
        )
        self.metadata(doc)
        return doc

    def annotate(self, doc: Document, sp: Doc) -> Document:
        ctx = Context(sp=sp, body=self.metadata.body(doc))
        for stage in self.stages:
            stage(doc, ctx)
        return doc

    # -- many documents -------------------------------------------------------
    def pipe(
        self,
        records: Iterable[Record | Failure | dict[str, Any] | str],
        n_process: int = 1,
        batch_size: int = DEFAULT_BATCH,
    ) -> Iterator[Document | Failure]:
        """Extract a stream of records, in order.

        A record is a :class:`Record`, a plain text, or a dict with the JSONL fields
        (``{"id", "text", "published", "title", "source", "url"}``). A record that cannot
        be extracted comes out as a :class:`Failure` in its place (and so does a Failure
        that a reader put in the stream), so a corpus run can report it and go on.
        """
        records = _as_records(records)
        if n_process > 1:
            if self.custom:
                raise ValueError("a pipeline with a custom nlp or stages cannot run in worker processes")
            from .engines.local import pipe_parallel

            yield from pipe_parallel(records, n_process=n_process, config=self.config, batch_size=batch_size)
            return
        batch: list[tuple[Document | Failure, str]] = []
        for record in records:
            batch.append(self._prepare_or_fail(record))
            if len(batch) >= batch_size:
                yield from self._run_batch(batch)
                batch = []
        if batch:
            yield from self._run_batch(batch)

    def _prepare_or_fail(self, record: Record | Failure) -> tuple[Document | Failure, str]:
        if isinstance(record, Failure):
            return record, record.origin
        try:
            return self.prepare(record), record.origin
        except InputError as exc:
            return Failure(record.origin, record.id, str(exc)), record.origin

    def _run_batch(self, batch: list[tuple[Document | Failure, str]]) -> Iterator[Document | Failure]:
        texts = [parse_text(d) for d, _ in batch if isinstance(d, Document)]
        parsed = iter(self.nlp.pipe(texts, batch_size=max(1, len(texts))))
        for item, origin in batch:
            if isinstance(item, Failure):
                yield item
                continue
            sp = next(parsed)
            try:
                yield self.annotate(item, sp)
            except Exception as exc:  # a stage bug must not sink a corpus run
                yield Failure(origin, item.id, f"extraction failed ({exc.__class__.__name__}: {exc})")


def parse_text(doc: Document) -> str:
    """The text spaCy parses: the document's, with its dateline blanked out (same length, so
    every offset holds).  Left in, "NAIROBI, May 7 (Wire) - Thousands of Kenyans protested"
    parses the dateline as the sentence's subject and the protesters as something else."""
    dl = doc.meta.dateline
    if dl is None or dl.end - dl.start < 2:
        return doc.text
    return doc.text[: dl.start] + " " * (dl.end - dl.start - 1) + "\n" + doc.text[dl.end :]


def _as_records(items: Iterable[Record | Failure | dict[str, Any] | str]) -> Iterator[Record | Failure]:
    for n, item in enumerate(items, 1):
        if isinstance(item, Record | Failure):
            yield item
        elif isinstance(item, str):
            yield Record(text=item, origin=f"<record {n}>")
        elif isinstance(item, dict):
            origin = f"<record {n}>"
            try:
                yield Record.from_mapping(item, origin)
            except ValueError as exc:
                yield Failure(origin, _opt_id(item), str(exc))
        else:
            yield Failure(f"<record {n}>", None, f"not a record but a {type(item).__name__}")


def _opt_id(item: dict[str, Any]) -> str | None:
    rid = item.get("id")
    return None if rid is None else str(rid)


_DEFAULT: dict[str | None, Pipeline] = {}


def extract(
    text: str,
    published: str | None = None,
    title: str | None = None,
    source: str | None = None,
    url: str | None = None,
    id: str | None = None,
    model: str | None = None,
) -> Document:
    """Extract one report with a pipeline cached per model."""
    pipe = _DEFAULT.get(model)
    if pipe is None:
        pipe = _DEFAULT[model] = Pipeline(model=model)
    return pipe(Record(text=text, id=id, published=published, title=title, source=source, url=url))
