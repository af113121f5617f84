"""Read reports from paths: text, HTML, JSONL, CSV (each optionally gzipped), WARC.

Readers stream: a corpus of any size is read one record at a time.  A record
that cannot be read comes out as a :class:`~eventcoder.records.Failure` in its
place, so the caller can report it and go on; a path that does not exist at
all raises :class:`~eventcoder.errors.InputError`.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..records import Failure, Record

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
WARC_SUFFIXES = {".warc", ".arc"}
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | WARC_SUFFIXES

DEFAULT_MAX_BYTES = 20_000_000


@dataclass
class ReadOptions:
    """How to read inputs.  ``columns`` maps our field names to CSV/JSONL keys."""

    columns: dict[str, str] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES
    format: str | None = None  # force a format: text, html, jsonl, csv, warc

    def key(self, name: str) -> str:
        return self.columns.get(name, name)


def kind_of(path: Path, forced: str | None = None) -> tuple[str, bool]:
    """(format, gzipped) of a path from its suffixes."""
    suffixes = [s.lower() for s in path.suffixes]
    gz = bool(suffixes) and suffixes[-1] == ".gz"
    if gz:
        suffixes = suffixes[:-1]
    if forced:
        return forced, gz
    last = suffixes[-1] if suffixes else ""
    if last in HTML_SUFFIXES:
        return "html", gz
    if last in JSONL_SUFFIXES:
        return "jsonl", gz
    if last in CSV_SUFFIXES:
        return "csv", gz
    if last in WARC_SUFFIXES:
        return "warc", gz
    return "text", gz


def iter_paths(paths: Iterable[str]) -> Iterator[Path | str]:
    """Expand directories (sorted, recursively, known suffixes only); keep '-' for stdin."""
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith("."):
                    sfx = [s.lower() for s in child.suffixes]
                    if sfx and sfx[-1] == ".gz":
                        sfx = sfx[:-1]
                    if sfx and sfx[-1] in KNOWN:
                        yield child
        elif path.exists():
            yield path
        else:
            raise InputError(str(path), "no such file or directory", "check the path")


def decode(raw: bytes, origin: str) -> str:
    """UTF-8 (with or without BOM) or fail with a message that says so."""
    if b"\x00" in raw[:8192]:
        raise InputError(
            origin, "looks binary (contains NUL bytes)", "give a text, HTML, JSONL, CSV or WARC file"
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            origin,
            f"is not valid UTF-8 (byte {exc.start})",
            "convert it first, e.g. iconv -f latin1 -t utf-8",
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _open(path: Path, gz: bool) -> IO[bytes]:
    return gzip.open(path, "rb") if gz else path.open("rb")


def _read_all(path: Path, gz: bool, origin: str, max_bytes: int) -> bytes:
    with _open(path, gz) as fh:
        try:
            raw = fh.read(max_bytes + 1)
        except (OSError, EOFError) as exc:
            raise InputError(origin, f"cannot be read ({exc})", "is the file complete?") from None
    if len(raw) > max_bytes:
        raise InputError(
            origin,
            f"is larger than {max_bytes:,} bytes",
            "one file is one article; split the corpus into files or JSONL records, or raise --max-bytes",
        )
    return raw


def html_to_text(html: str) -> tuple[str, str | None]:
    """Main text and title of an HTML page, boilerplate removed (trafilatura)."""
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    title = None
    meta = trafilatura.extract_metadata(html)
    if meta is not None:
        title = meta.title
    return (text or "").strip(), title


def read_path(path: Path | str, options: ReadOptions | None = None) -> Iterator[Record | Failure]:
    """Records of one path (or '-' for stdin)."""
    options = options or ReadOptions()
    if path == "-":
        yield from _read_stdin(options)
        return
    assert isinstance(path, Path)
    origin = str(path)
    kind, gz = kind_of(path, options.format)
    stem = path.name
    for sfx in reversed(path.suffixes):
        if stem.endswith(sfx):
            stem = stem[: -len(sfx)]
        if sfx.lower() not in {".gz"}:
            break
    try:
        if kind == "jsonl":
            with _open(path, gz) as fh:
                yield from read_jsonl(fh, origin, options)
        elif kind == "csv":
            with _open(path, gz) as fh:
                yield from read_csv(fh, origin, options, delimiter="\t" if ".tsv" in path.suffixes else ",")
        elif kind == "warc":
            from .warc import read_warc

            with path.open("rb") as fh:
                yield from read_warc(fh, origin)
        else:
            raw = _read_all(path, gz, origin, options.max_bytes)
            text = decode(raw, origin)
            title = None
            if kind == "html":
                text, title = html_to_text(text)
            yield Record(text=text, id=stem, title=title, origin=origin)
    except InputError as exc:
        yield Failure(origin, stem, str(exc))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Failure(origin, stem, f"{origin}: cannot be read ({exc.__class__.__name__}: {exc})")


def _read_stdin(options: ReadOptions) -> Iterator[Record | Failure]:
    raw = sys.stdin.buffer.read(options.max_bytes + 1)
    origin = "<stdin>"
    if len(raw) > options.max_bytes:
        yield Failure(origin, None, f"{origin}: is larger than {options.max_bytes:,} bytes")
        return
    try:
        text = decode(raw, origin)
    except InputError as exc:
        yield Failure(origin, None, str(exc))
        return
    kind = options.format
    if kind is None:
        head = text.lstrip()[:1]
        kind = "jsonl" if head == "{" else ("html" if head == "<" else "text")
    if kind == "jsonl":
        yield from read_jsonl(io.BytesIO(text.encode("utf-8")), origin, options)
    elif kind == "html":
        body, title = html_to_text(text)
        yield Record(text=body, id="stdin", title=title, origin=origin)
    else:
        yield Record(text=text, id="stdin", origin=origin)


def _record_from(obj: object, origin: str, options: ReadOptions) -> Record:
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    mapped = {name: obj.get(options.key(name)) for name in ("id", "text", "title", "source", "url")}
    mapped["published"] = (
        obj.get(options.key("published")) or obj.get("publication_date") or obj.get("date_created")
    )
    if mapped["text"] is None and "text" not in options.columns:
        raise ValueError(f"no '{options.key('text')}' field (set --text-column)")
    return Record.from_mapping(mapped, origin)


def read_jsonl(fh: IO[bytes], origin: str, options: ReadOptions) -> Iterator[Record | Failure]:
    for lineno, raw in enumerate(fh, start=1):
        where = f"{origin}:{lineno}"
        if not raw.strip():
            continue
        try:
            line = decode(raw, where)
            obj = json.loads(line)
            yield _record_from(obj, where, options)
        except InputError as exc:
            yield Failure(where, None, str(exc))
        except (json.JSONDecodeError, ValueError) as exc:
            yield Failure(where, None, f"{where}: malformed JSON record ({exc}); fix or remove the line")


def read_csv(
    fh: IO[bytes], origin: str, options: ReadOptions, delimiter: str = ","
) -> Iterator[Record | Failure]:
    csv.field_size_limit(options.max_bytes)
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="", errors="strict")
    reader = csv.DictReader(text, delimiter=delimiter)
    lineno = 1
    try:
        for row in reader:
            lineno = reader.line_num
            where = f"{origin}:{lineno}"
            try:
                yield _record_from(row, where, options)
            except ValueError as exc:
                yield Failure(where, None, f"{where}: {exc}")
    except UnicodeDecodeError:
        yield Failure(origin, None, f"{origin}: is not valid UTF-8 after line {lineno}; convert it first")
    except csv.Error as exc:
        yield Failure(origin, None, f"{origin}:{lineno}: malformed CSV ({exc})")


def read_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Record | Failure]:
    """Every record of every path, in order."""
    for path in iter_paths(paths):
        yield from read_path(path, options)
