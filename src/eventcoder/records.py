"""Input records and the failures that stand in for records that could not be read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass
class Record:
    """One input report, before extraction."""

    text: str
    id: str | None = None
    published: str | None = None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str = "<input>"  # where it came from (file, file:line), for messages

    @classmethod
    def from_mapping(cls, d: dict[str, Any], origin: str = "<input>") -> Record:
        text = d.get("text")
        if not isinstance(text, str):
            raise ValueError("record has no string 'text' field")
        rid = d.get("id")
        return cls(
            text=text,
            id=None if rid is None else str(rid),
            published=d.get("published") or d.get("publication_date") or d.get("date"),
            title=d.get("title"),
            source=d.get("source"),
            url=d.get("url"),
            origin=origin,
        )


@dataclass
class Failure:
    """A record that could not be read or extracted; a corpus run reports it and goes on."""

    origin: str
    id: str | None
    reason: str

    def __str__(self) -> str:
        return self.reason if self.reason.startswith(self.origin) else f"{self.origin}: {self.reason}"
