"""WARC files of news crawls: each HTML response becomes a record (trafilatura for the text)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import IO

from ..records import Failure, Record


def read_warc(fh: IO[bytes], origin: str) -> Iterator[Record | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .readers import html_to_text

    n = 0
    try:
        for rec in ArchiveIterator(fh):
            if rec.rec_type != "response":
                continue
            n += 1
            url = rec.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#{n}"
            ctype = (rec.http_headers.get_header("Content-Type") if rec.http_headers else "") or ""
            if "html" not in ctype.lower():
                continue
            raw = rec.content_stream().read()
            charset = "utf-8"
            if "charset=" in ctype.lower():
                charset = ctype.lower().split("charset=", 1)[1].split(";")[0].strip() or "utf-8"
            try:
                html = raw.decode(charset, errors="replace")
            except LookupError:
                html = raw.decode("utf-8", errors="replace")
            text, title = html_to_text(html)
            if not text:
                yield Failure(where, url, f"{where}: no article text in {url}")
                continue
            date = rec.rec_headers.get_header("WARC-Date") or ""
            rid = hashlib.sha1((url or where).encode("utf-8")).hexdigest()[:16]
            yield Record(text=text, id=rid, title=title, url=url, published=date[:10] or None, origin=where)
    except ArchiveLoadFailed as exc:
        yield Failure(origin, None, f"{origin}: not a readable WARC file ({exc})")
