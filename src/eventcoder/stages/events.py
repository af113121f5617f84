"""Events: placeholder until the first version lands."""

from __future__ import annotations

from ..document import Document
from .base import Context


class EventStage:
    name = "events"

    def __init__(self, extra_lexicons: list[str] | None = None):
        self.extra_lexicons = list(extra_lexicons or [])

    def __call__(self, doc: Document, ctx: Context) -> None:
        return None
