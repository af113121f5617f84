"""Errors that name the input and say what to do; the CLI prints them on one line."""

from __future__ import annotations


class EventcoderError(Exception):
    """Base class: ``str(exc)`` is the one-line message shown to the user."""


class InputError(EventcoderError):
    """An input that cannot be extracted (empty, binary, too large, not English, ...).

    The extractor's contract: ``extract(text)`` / ``Pipeline()(record)`` returns a
    valid Document or raises InputError, never anything else (the property tests
    in ``tests/test_properties.py`` hold it to that); ``Pipeline.pipe`` never
    raises for a bad record, it yields a Failure in its place.
    """

    def __init__(self, origin: str, problem: str, hint: str = ""):
        self.origin = origin
        self.problem = problem
        self.hint = hint
        msg = f"{origin}: {problem}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class DataFileError(EventcoderError):
    """A lexicon, gazetteer or alias file that is malformed: names file, line and reason."""

    def __init__(self, path: str, line: int | None, reason: str):
        self.path = path
        self.line = line
        self.reason = reason
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")
