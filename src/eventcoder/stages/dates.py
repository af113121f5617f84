"""Dates: placeholder until the first version lands."""

from __future__ import annotations

from ..document import Document
from .base import Context


class DateStage:
    name = "dates"

    def __call__(self, doc: Document, ctx: Context) -> None:
        return None
