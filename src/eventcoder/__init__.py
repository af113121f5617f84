"""eventcoder: verifiable event data from news reports.

>>> from eventcoder import extract
>>> doc = extract("TEHRAN- Iran's president met the Iraqi prime minister on Monday.", published="2024-05-06")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .document import SCHEMA, Actor, DateExpr, Document, Event, Place, Quote, Span

__version__ = "0.2.0"

__all__ = [
    "SCHEMA",
    "Actor",
    "DateExpr",
    "Document",
    "Event",
    "Pipeline",
    "Place",
    "Quote",
    "Record",
    "Span",
    "__version__",
    "extract",
]

if TYPE_CHECKING:
    from .pipeline import Pipeline, Record, extract


def __getattr__(name: str) -> Any:
    # The pipeline pulls in spaCy: load it only when asked for.
    if name in ("Pipeline", "Record", "extract"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)
