"""Places: placeholder until the first version lands."""

from __future__ import annotations

from ..document import Document
from .base import Context


class PlaceStage:
    name = "places"

    def __call__(self, doc: Document, ctx: Context) -> None:
        return None
