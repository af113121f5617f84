"""textacy's ``direct_quotations`` as a quote extractor (textacy 0.13.0, Apache-2.0).

textacy raises ValueError on a text with an odd number of quote marks; such a
document gets no quotes, which is what a user of it would get.  Its speaker
tokens become an actor with that one mention, so speaker scoring reads it like
our ``speaker_mention``.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from eventcoder.document import Actor, Document, Meta, Quote, Span
from eventcoder.evaluate.gold import GoldItem
from eventcoder.records import Failure

NAME = "textacy direct_quotations"


def available() -> bool:
    try:
        import textacy.extract.triples  # noqa: F401
    except ImportError:
        return False
    return True


def _doc(item: GoldItem, sp: Any) -> tuple[Document, bool]:
    from textacy.extract.triples import direct_quotations

    doc = Document(id=item.id, text=item.text, meta=Meta(published=item.published))
    try:
        triples = list(direct_quotations(sp))
    except ValueError:
        return doc, False  # unclosed quotation: textacy gives up on the document
    for k, t in enumerate(triples, 1):
        content = t.content
        quote = Quote(
            id=f"q{k}",
            text=content.text,
            start=content.start_char,
            end=content.end_char,
            kind="direct",
            confidence=1.0,
        )
        if t.speaker:
            s = min(tok.idx for tok in t.speaker)
            e = max(tok.idx + len(tok.text) for tok in t.speaker)
            mention = Span.of(item.text, s, e)
            actor = Actor(id=f"a{len(doc.actors) + 1}", name=mention.text, type="person", mentions=[mention])
            doc.actors.append(actor)
            quote.speaker = actor.id
            quote.speaker_mention = mention
        if t.cue:
            s = min(tok.idx for tok in t.cue)
            e = max(tok.idx + len(tok.text) for tok in t.cue)
            quote.cue = Span.of(item.text, s, e)
        doc.quotes.append(quote)
    return doc, True


def producer(nlp: Any, stats: dict[str, int] | None = None):
    """A producer for :func:`eventcoder.evaluate.system.collect`; counts refused documents in ``stats``."""

    def produce(items: list[GoldItem]) -> Iterator[Document | Failure]:
        for item, sp in zip(items, nlp.pipe(i.text for i in items), strict=True):
            doc, ok = _doc(item, sp)
            if stats is not None:
                stats["documents"] = stats.get("documents", 0) + 1
                stats["refused"] = stats.get("refused", 0) + (not ok)
            yield doc

    return produce
