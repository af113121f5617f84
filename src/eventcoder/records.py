"""Input records and the failures that stand in for records that could not be read."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

_SURROGATE = re.compile(r"[\ud800-\udfff]")
# "corpus.jsonl:12: malformed JSON (Expecting value...); fix or remove the line" -> "malformed JSON"
_HINT = re.compile(r"\s*[(;].*$")


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
        """A record from a JSON object or CSV row; raises ValueError when it has no text."""
        text = d.get("text")
        if not isinstance(text, str):
            got = "no 'text' field" if text is None else f"'text' is a {type(text).__name__}, not a string"
            raise ValueError(got)
        rid = d.get("id")
        return cls(
            text=text,
            id=None if rid is None or rid == "" else str(rid),
            published=_opt_str(d.get("published") or d.get("publication_date") or d.get("date")),
            title=_opt_str(d.get("title")),
            source=_opt_str(d.get("source")),
            url=_opt_str(d.get("url")),
            origin=origin,
        )


def _opt_str(value: Any) -> str | None:
    # Metadata fields are strings in the contract; a number or a list in a record is kept readable.
    if value is None or value == "":
        return None
    text = value if isinstance(value, str) else str(value)
    # A JSON escape can smuggle in a lone surrogate, which no UTF-8 output can hold.
    return _SURROGATE.sub("\ufffd", text)


@dataclass
class Failure:
    """A record that could not be read or extracted; a corpus run reports it and goes on.

    ``origin`` is where it came from (``file``, ``file:line``, ``<stdin>:3``),
    ``reason`` the one-line message shown to the user.
    """

    origin: str
    id: str | None
    reason: str

    def __str__(self) -> str:
        return self.reason if self.reason.startswith(self.origin) else f"{self.origin}: {self.reason}"

    @property
    def problem(self) -> str:
        """The reason without its position and hint, to group failures of one kind."""
        text = self.reason
        if text.startswith(self.origin):
            text = text[len(self.origin) :].lstrip(": ")
        return _HINT.sub("", text) or text
