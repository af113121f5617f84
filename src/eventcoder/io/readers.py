"""Read reports from paths: text, HTML, JSONL/JSON, CSV (each optionally gzipped), WARC.

Readers stream: a corpus of any size is read one record at a time.  A record
that cannot be read comes out as a :class:`~eventcoder.records.Failure` in its
place (named by its position, e.g. ``corpus.jsonl:12``), so the caller can
report it and go on; a path that does not exist at all raises
:class:`~eventcoder.errors.InputError`.

Ids: a record's own ``id`` when it has one; else the file name without its
extensions (``reports/kyiv-talks.txt.gz`` -> ``kyiv-talks``); a JSONL/JSON/CSV
record without an id gets the file name and its line (or item) number
(``corpus-12``); text on stdin is ``stdin``.
"""

from __future__ import annotations

import codecs
import csv
import gzip
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from ..errors import InputError
from ..records import Failure, Record
from ..stages.metadata import parse_published
from ..textcheck import has_sentence

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
WARC_SUFFIXES = {".warc", ".arc"}
KNOWN = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES | WARC_SUFFIXES
FORMATS = ("text", "html", "jsonl", "csv", "warc")

DEFAULT_MAX_BYTES = 20_000_000
STDIN = "<stdin>"
GZIP_MAGIC = b"\x1f\x8b"
HTML_SNIFF_BYTES = 4096  # where a page's <meta charset> must be (browsers look at the first 1024)
# <meta charset="x"> and <meta http-equiv="Content-Type" content="text/html; charset=x">, attributes in any order.
_META = re.compile(r"""<meta\s[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
_LATIN1_LABELS = {"iso8859-1", "ascii"}
# A byte that is not UTF-8, as ``errors="surrogateescape"`` keeps it: U+DC80..U+DCFF.
_ESCAPED = re.compile("[\udc80-\udcff]")
# Counting JSONL lines for a progress bar's total costs a read of the file: skip it past this.
COUNT_LIMIT_BYTES = 2_000_000_000
MAX_WARNINGS = 20  # per run: a corpus of a million records all dated 05/01/2024 needs a few lines, not all


@dataclass
class ReadOptions:
    """How to read inputs.  ``columns`` maps our field names to CSV/JSONL keys."""

    columns: dict[str, str] = field(default_factory=dict)
    max_bytes: int = DEFAULT_MAX_BYTES  # the largest single text/HTML file, or JSONL line
    format: str | None = None  # force a format: text, html, jsonl, csv, warc
    # Where a warning about a record that is read anyway goes (one line each); None: stderr.
    on_warning: Callable[[str], None] | None = None
    warned: int = field(default=0, repr=False, compare=False)

    def key(self, name: str) -> str:
        return self.columns.get(name, name)

    def warn(self, message: str) -> None:
        """Report a problem with a record that is kept; past ``MAX_WARNINGS`` say so once and stop."""
        self.warned += 1
        if self.warned > MAX_WARNINGS + 1:
            return
        if self.warned == MAX_WARNINGS + 1:
            message = f"more than {MAX_WARNINGS} such warnings; the rest are not shown"
        if self.on_warning is not None:
            self.on_warning(message)
        else:
            print(f"eventcoder: warning: {message}", file=sys.stderr, flush=True)


def _suffixes(path: Path) -> tuple[list[str], bool]:
    # Only short alphanumeric suffixes count: "Mr. Smith said.txt" has one suffix, ".txt".
    parts = [s.lower() for s in path.suffixes if len(s) <= 8 and s[1:].isalnum()]
    gz = bool(parts) and parts[-1] == ".gz"
    return (parts[:-1] if gz else parts), gz


def kind_of(path: Path, forced: str | None = None) -> tuple[str, bool]:
    """(format, gzipped) of a path from its suffixes; anything unknown is plain text."""
    suffixes, gz = _suffixes(path)
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


def stem_of(path: Path) -> str:
    """The file name without its known extensions: the default document id."""
    name = path.name
    suffixes, gz = _suffixes(path)
    if gz and name.lower().endswith(".gz"):
        name = name[:-3]
    if suffixes and suffixes[-1] in KNOWN and name.lower().endswith(suffixes[-1]):
        name = name[: -len(suffixes[-1])]
    return name or path.name


def _wanted(child: Path) -> bool:
    # In a directory, take files with a known suffix, or with none at all (plain text);
    # skip hidden files and anything else (images, PDFs, editor backups).
    if not child.is_file() or child.name.startswith((".", "~")) or child.name.endswith("~"):
        return False
    suffixes, _ = _suffixes(child)
    return not suffixes or suffixes[-1] in KNOWN


def iter_paths(paths: Iterable[str]) -> Iterator[Path | str | Failure]:
    """Expand directories (sorted, recursively); keep '-' for stdin.

    A directory with no readable file comes out as a Failure; a path that does
    not exist raises InputError.
    """
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                if _wanted(child):
                    found = True
                    yield child
            if not found:
                yield Failure(
                    str(path),
                    None,
                    f"{path}: directory holds no text, HTML, JSONL, CSV or WARC file "
                    f"(known suffixes: {', '.join(sorted(KNOWN))})",
                )
        elif path.exists():
            yield path
        else:
            raise InputError(str(path), "no such file or directory", "check the path")


def decode(raw: bytes, origin: str) -> str:
    """UTF-8 (with or without BOM), or UTF-16 with a BOM; else fail saying what is wrong."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(origin, "is not valid UTF-16 despite its byte-order mark") from None
    else:
        if b"\x00" in raw[:8192]:
            raise InputError(
                origin, "looks binary (contains NUL bytes)", "give a text, HTML, JSONL, CSV or WARC file"
            )
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputError(
                origin,
                f"is not valid UTF-8 (bad byte 0x{raw[exc.start]:02x} at offset {exc.start})",
                "convert it first, e.g. iconv -f latin1 -t utf-8",
            ) from None
    return _unix_newlines(text)


def _unix_newlines(text: str) -> str:
    """Line ends as "\\n" only (offsets are into this text)."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def charset_label(value: str | None) -> str | None:
    """The codec a charset label names (``text/html; charset=ISO-8859-1`` or a bare label), else None.

    As browsers do, the labels for Latin-1 and ASCII mean windows-1252 (its superset):
    pages so labelled use its curly quotes and dashes in 0x80-0x9f."""
    if not value:
        return None
    low = value.lower()
    if "charset=" in low:
        low = low.split("charset=", 1)[1]
    name = low.split(";")[0].strip().strip("\"' ")
    if not name:
        return None
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return "cp1252" if codec in _LATIN1_LABELS else codec


def html_charset(raw: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag within its first bytes, else None."""
    head = raw[:HTML_SNIFF_BYTES].decode("ascii", errors="replace")
    for m in _META.finditer(head):
        found = charset_label(m.group(1))
        if found:
            return found
    return None


def decode_html(raw: bytes, origin: str, transport: str | None = None, strict: bool = True) -> str:
    """An HTML page's text in the charset it is in.

    In order: a byte-order mark, then the charset of the transport (a WARC
    record's HTTP ``Content-Type``), then a ``<meta charset>`` or ``http-equiv``
    declaration in the first few KB.  A page declaring a charset other than
    UTF-8 is decoded with it (a byte that charset leaves undefined becomes
    U+FFFD); a page declaring none, or UTF-8, is UTF-8: strictly (the error of
    :func:`decode`) unless ``strict`` is False (crawls: U+FFFD for a bad byte).
    """
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode(raw, origin)
    codec = charset_label(transport) or html_charset(raw)
    if codec in (None, "utf-8", "utf-16-le", "utf-16-be", "utf-16"):
        # A UTF-16 page without a BOM cannot hold an ASCII <meta>: the label is wrong, read UTF-8.
        if strict:
            return decode(raw, origin)
        codec = "utf-8"
    return _unix_newlines(raw.decode(codec, errors="replace"))


def _open(path: Path, gz: bool) -> IO[bytes]:
    return gzip.open(path, "rb") if gz else path.open("rb")


def _too_large(origin: str, max_bytes: int) -> InputError:
    return InputError(
        origin,
        f"is larger than {max_bytes:,} bytes",
        "one file is one article: split the corpus into files or JSONL records, or raise --max-bytes",
    )


def _read_all(fh: IO[bytes], origin: str, max_bytes: int) -> bytes:
    # Read one byte past the limit, never the whole of a huge file.
    try:
        raw = fh.read(max_bytes + 1)
    except (OSError, EOFError) as exc:
        raise InputError(origin, f"cannot be read ({exc})", "is the file complete?") from None
    if len(raw) > max_bytes:
        raise _too_large(origin, max_bytes)
    return raw


def html_article(html: str) -> tuple[str, dict[str, str | None]]:
    """Main text of an HTML page (boilerplate removed) and what its metadata says.

    The metadata (``title``, ``published`` as YYYY-MM-DD, ``source`` = the site
    name) come from the page's own tags (trafilatura/htmldate); missing ones are None.
    """
    import trafilatura

    text = trafilatura.extract(html, include_comments=False, include_tables=False, favor_precision=True)
    meta: dict[str, str | None] = {"title": None, "published": None, "source": None}
    # Not the extensive search: a date the article's text mentions is not its publication date.
    found = trafilatura.extract_metadata(html, extensive=False)
    if found is not None:
        meta["title"] = found.title or None
        date = found.date or ""
        meta["published"] = date[:10] if len(date) >= 10 and date[4] == "-" else None
        meta["source"] = found.sitename or None
    text = (text or "").strip()
    # Navigation or a cookie banner is all that is left of some pages: not an article.
    return (text if has_sentence(text) else ""), meta


def _html_record(html: str, rid: str, origin: str) -> Record | Failure:
    text, meta = html_article(html)
    if not text:
        return Failure(origin, rid, f"{origin}: no article text found in the HTML")
    return Record(
        text=text,
        id=rid,
        title=meta["title"],
        published=meta["published"],
        source=meta["source"],
        origin=origin,
    )


def read_path(path: Path | str, options: ReadOptions | None = None) -> Iterator[Record | Failure]:
    """Records of one path (or '-' for stdin)."""
    options = options or ReadOptions()
    if path == "-":
        try:
            yield from _read_stdin(options)
        except (OSError, EOFError) as exc:  # a truncated or corrupt gzip stream
            yield Failure(STDIN, "stdin", f"{STDIN}: cannot be read ({exc.__class__.__name__}: {exc})")
        return
    assert isinstance(path, Path)
    origin = str(path)
    kind, gz = kind_of(path, options.format)
    stem = stem_of(path)
    try:
        if kind == "jsonl":
            with _open(path, gz) as fh:
                yield from read_jsonl(fh, origin, options, stem)
        elif kind == "csv":
            with _open(path, gz) as fh:
                delimiter = "\t" if _suffixes(path)[0][-1:] == [".tsv"] else ","
                yield from read_csv(fh, origin, options, stem, delimiter=delimiter)
        elif kind == "warc":
            from .warc import read_warc

            with path.open("rb") as fh:  # warcio reads .warc.gz itself
                yield from read_warc(fh, origin, options.max_bytes)
        else:
            with _open(path, gz) as fh:
                raw = _read_all(fh, origin, options.max_bytes)
            if kind == "html":
                yield _html_record(decode_html(raw, origin), stem, origin)
            else:
                yield Record(text=decode(raw, origin), id=stem, origin=origin)
    except InputError as exc:
        yield Failure(origin, stem, str(exc))
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield Failure(origin, stem, f"{origin}: cannot be read ({exc.__class__.__name__}: {exc})")


def _read_stdin(options: ReadOptions) -> Iterator[Record | Failure]:
    """Text, HTML or JSONL on stdin, maybe gzipped; JSONL is streamed, the others are read whole (bounded)."""
    buf: IO[bytes] = sys.stdin.buffer
    first = buf.readline(options.max_bytes + 1)
    if first.startswith(GZIP_MAGIC):
        # `gzip -c a.txt | eventcoder extract -`: decompress as a stream, then sniff what it holds.
        buf = gzip.GzipFile(fileobj=_Chain(first, buf), mode="rb")  # type: ignore[assignment]
        try:
            first = buf.readline(options.max_bytes + 1)
        except (OSError, EOFError) as exc:
            yield Failure(STDIN, "stdin", f"{STDIN}: cannot be read as gzip ({exc}); is it complete?")
            return
    kind = options.format
    if kind is None:
        head = first.lstrip()[:1]
        kind = "jsonl" if head in (b"{", b"[") else ("html" if head == b"<" else "text")
    if kind == "jsonl":
        yield from read_jsonl(_Chain(first, buf), STDIN, options, "stdin")
        return
    try:
        raw = first + _read_all(buf, STDIN, max(0, options.max_bytes - len(first)))
        if kind == "html":
            yield _html_record(decode_html(raw, STDIN), "stdin", STDIN)
        else:
            yield Record(text=decode(raw, STDIN), id="stdin", origin=STDIN)
    except InputError as exc:
        yield Failure(STDIN, "stdin", str(exc))


class _Chain(io.RawIOBase):
    """A line already read, then the rest of a binary stream (so stdin can be sniffed)."""

    def __init__(self, head: bytes, rest: IO[bytes]):
        self._head = head
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readline(self, size: int | None = -1) -> bytes:  # type: ignore[override]
        if self._head:
            line, self._head = self._head, b""
            return line
        return self._rest.readline(-1 if size is None else size)

    def read(self, size: int = -1) -> bytes:
        if size is None or size < 0:
            head, self._head = self._head, b""
            return head + self._rest.read()
        # Never more than asked: gzip reads its header a few bytes at a time.
        head, self._head = self._head[:size], self._head[size:]
        return head + (self._rest.read(size - len(head)) if len(head) < size else b"")


def _record_from(obj: object, where: str, options: ReadOptions, default_id: str) -> Record:
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    mapped = {name: obj.get(options.key(name)) for name in ("id", "text", "title", "source", "url")}
    mapped["published"] = (
        obj.get(options.key("published")) or obj.get("publication_date") or obj.get("date_created")
    )
    if mapped["text"] is None:
        hint = "" if "text" in options.columns else "; set --text-column"
        raise ValueError(f"no '{options.key('text')}' field{hint}")
    rec = Record.from_mapping(mapped, where)
    if rec.id is None:
        rec.id = default_id
    # A date that cannot be read, or not without guessing (05/01/2024), is dropped, and said so.
    rec.published, problem = parse_published(rec.published)
    if problem:
        options.warn(f"{where}: publication date {problem}; read without one")
    return rec


def _lines(fh: IO[bytes], max_bytes: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, line) pairs; a line longer than ``max_bytes`` comes as (n, None)."""
    lineno = 0
    while True:
        raw = fh.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            # Skip the rest of the oversized line without holding it in memory.
            while (more := fh.readline(1 << 20)) and not more.endswith(b"\n"):
                pass
            yield lineno, None
            continue
        yield lineno, raw


def read_jsonl(
    fh: IO[bytes], origin: str, options: ReadOptions, stem: str = "record"
) -> Iterator[Record | Failure]:
    """JSON lines, one record each; a file holding one JSON array of records is read too."""
    lines = _lines(fh, options.max_bytes)
    seen = False
    for lineno, raw in lines:
        where = f"{origin}:{lineno}"
        if raw is None:
            yield Failure(where, None, str(_too_large(where, options.max_bytes)))
            continue
        if not raw.strip():
            continue
        if not seen and raw.lstrip().startswith(b"["):
            yield from _read_json_array(raw, lines, origin, options, stem)
            return
        seen = True
        try:
            obj = json.loads(decode(raw, where).rstrip("\n"))
            yield _record_from(obj, where, options, f"{stem}-{lineno}")
        except InputError as exc:
            yield Failure(where, None, str(exc))
        except json.JSONDecodeError as exc:
            yield Failure(
                where,
                None,
                f"{where}: malformed JSON ({exc.msg.removesuffix(' at')} at column {exc.colno}); fix or remove the line",
            )
        except ValueError as exc:
            yield Failure(where, None, f"{where}: not a record ({exc})")


def _read_json_array(
    first: bytes,
    rest: Iterator[tuple[int, bytes | None]],
    origin: str,
    options: ReadOptions,
    stem: str,
) -> Iterator[Record | Failure]:
    # A pretty-printed JSON array is read whole, so it is bounded like a single file.
    parts = [first]
    size = len(first)
    for _, raw in rest:
        size += len(raw) if raw is not None else options.max_bytes + 1
        if raw is None or size > options.max_bytes:
            yield Failure(origin, None, str(_too_large(origin, options.max_bytes)))
            return
        parts.append(raw)
    try:
        items = json.loads(decode(b"".join(parts), origin))
    except InputError as exc:
        yield Failure(origin, None, str(exc))
        return
    except json.JSONDecodeError as exc:
        yield Failure(origin, None, f"{origin}:{exc.lineno}: malformed JSON ({exc.msg})")
        return
    for n, obj in enumerate(items, start=1):
        where = f"{origin}#{n}"
        try:
            yield _record_from(obj, where, options, f"{stem}-{n}")
        except ValueError as exc:
            yield Failure(where, None, f"{where}: not a record ({exc})")


def read_csv(
    fh: IO[bytes], origin: str, options: ReadOptions, stem: str = "record", delimiter: str = ","
) -> Iterator[Record | Failure]:
    """CSV rows with a header, one record each; a row with bytes that are not UTF-8 is a Failure.

    The bytes are decoded with ``surrogateescape``, so an undecodable byte becomes
    a marker in its row only: that row is reported (by its line) and skipped,
    the rows around it are read, as a bad JSONL line is.
    """
    csv.field_size_limit(options.max_bytes)
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="", errors="surrogateescape")
    reader = csv.DictReader(text, delimiter=delimiter)
    lineno = 1
    try:
        header = reader.fieldnames or []
        bad = _bad_byte(header)
        if bad:
            yield Failure(
                f"{origin}:1", None, f"{origin}:1: header is not valid UTF-8 ({bad}); convert it first"
            )
            return
        for row in reader:
            lineno = reader.line_num
            where = f"{origin}:{lineno}"
            bad = _bad_byte(row.values())
            if bad:
                yield Failure(
                    where,
                    None,
                    f"{where}: is not valid UTF-8 ({bad}); row skipped, convert the file first, "
                    "e.g. iconv -f latin1 -t utf-8",
                )
                continue
            try:
                yield _record_from(row, where, options, f"{stem}-{lineno}")
            except ValueError as exc:
                yield Failure(where, None, f"{where}: not a record ({exc})")
    except csv.Error as exc:
        yield Failure(origin, None, f"{origin}:{reader.line_num or lineno}: malformed CSV ({exc})")


def _bad_byte(values: Iterable[object]) -> str | None:
    """'bad byte 0xe9' for the first byte that ``surrogateescape`` kept undecoded, else None."""
    for value in values:
        items = value if isinstance(value, list) else [value]  # DictReader puts extra cells in a list
        for item in items:
            if isinstance(item, str) and not item.isascii():
                m = _ESCAPED.search(item)
                if m:
                    return f"bad byte 0x{ord(m.group()) - 0xDC00:02x}"
    return None


def read_inputs(paths: Iterable[str], options: ReadOptions | None = None) -> Iterator[Record | Failure]:
    """Every record of every path, in order."""
    for path in iter_paths(paths):
        if isinstance(path, Failure):
            yield path
        else:
            yield from read_path(path, options)


def count_records(paths: Iterable[str], options: ReadOptions | None = None) -> int | None:
    """How many records the paths hold, when that can be known by a read (for a progress bar's ETA).

    Text and HTML files count one each; JSONL and CSV files (gzipped too) are
    scanned.  None for stdin, WARC files (every record would have to be parsed),
    or more than ``COUNT_LIMIT_BYTES`` to scan.  The runner calls this in a
    background thread, so the run does not wait for it.
    """
    options = options or ReadOptions()
    total = 0
    scanned = 0
    try:
        for path in iter_paths(paths):
            if isinstance(path, Failure):
                total += 1
                continue
            if path == "-":
                return None
            assert isinstance(path, Path)
            kind, gz = kind_of(path, options.format)
            if kind in ("text", "html"):
                total += 1
                continue
            if kind not in ("jsonl", "csv"):
                return None
            scanned += path.stat().st_size * (4 if gz else 1)  # gzip: about a quarter of the text
            if scanned > COUNT_LIMIT_BYTES:
                return None
            with _open(path, gz) as fh:
                if kind == "csv":
                    delimiter = "\t" if _suffixes(path)[0][-1:] == [".tsv"] else ","
                    total += _count_csv_rows(fh, options, delimiter)
                    continue
                head = fh.read(1 << 16)
                if head.lstrip().startswith(b"["):
                    return None
                total += _count_nonblank_lines(head, fh)
    except (InputError, OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError, csv.Error):
        return None
    return total


def _count_csv_rows(fh: IO[bytes], options: ReadOptions, delimiter: str) -> int:
    csv.field_size_limit(options.max_bytes)
    text = io.TextIOWrapper(fh, encoding="utf-8-sig", newline="", errors="replace")
    reader = csv.reader(text, delimiter=delimiter)
    next(reader, None)  # the header
    return sum(1 for row in reader if row)


def _count_nonblank_lines(head: bytes, fh: IO[bytes]) -> int:
    n = 0
    tail = b""
    chunk = head
    while chunk:
        block = tail + chunk
        lines = block.split(b"\n")
        tail = lines.pop()
        n += sum(1 for line in lines if line.strip())
        chunk = fh.read(1 << 20)
    return n + (1 if tail.strip() else 0)
