"""What every stage receives besides the Document: the parse and per-document notes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from ..document import Document


@dataclass
class Context:
    """What one document's stages share besides the Document itself.

    ``sp`` is the spaCy parse of ``doc.text``.  ``body`` is the character range
    of the report proper (the dateline and a trailing licence line are outside
    it).  ``notes`` carries per-document findings from one stage to a later
    one (e.g. which tokens the actors stage resolved); it dies with the
    document, so no stage keeps state between documents.
    """

    sp: Doc
    body: tuple[int, int]
    notes: dict[str, Any] = field(default_factory=dict)

    def in_body(self, start: int, end: int) -> bool:
        return self.body[0] <= start and end <= self.body[1]


class Stage(Protocol):
    name: str

    def __call__(self, doc: Document, ctx: Context) -> None: ...
