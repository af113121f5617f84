"""WARC files of news crawls (``.warc``, ``.warc.gz``): each HTML page becomes a record.

Records are read one at a time (warcio), so a crawl of any size streams.  A
``response`` (or ``resource``) record whose content type is HTML is reduced to
its article text by trafilatura; other records (requests, metadata, revisits,
images, scripts) are passed over silently.  A page with no article text, or
larger than the byte limit, comes out as a Failure named by its position in
the file (``crawl.warc.gz#12``) and URL.

The record's id is a hash of its URL (the same page crawled twice has one id:
the runner stores the first and reports the second as a duplicate); its
publication date is the page's own (meta tags), else the crawl date
(``WARC-Date``); its source the site name the page declares, else none (the
incidents count outlets by URL host then).
"""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterator
from typing import IO

from ..records import Failure, Record

PAGE_TYPES = ("response", "resource")


def read_warc(fh: IO[bytes], origin: str, max_bytes: int = 20_000_000) -> Iterator[Record | Failure]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    from .readers import decode_html, html_article

    n = 0
    try:
        for rec in ArchiveIterator(fh):
            if not _plausible(rec):
                where = f"{origin}#{n + 1}" if n else origin
                yield Failure(
                    where,
                    None,
                    f"{where}: not a readable WARC record (no valid header); the rest of the file is skipped",
                )
                return
            if rec.rec_type not in PAGE_TYPES:
                continue
            n += 1
            url = rec.rec_headers.get_header("WARC-Target-URI")
            where = f"{origin}#{n}"
            headers = rec.http_headers
            if headers is not None and not (headers.get_statuscode() or "200").startswith("2"):
                continue
            ctype = (headers.get_header("Content-Type") if headers else None) or (
                rec.rec_headers.get_header("Content-Type") or ""
            )
            if "html" not in ctype.lower():
                continue
            rid = hashlib.sha1((url or where).encode("utf-8")).hexdigest()[:16]
            raw = rec.content_stream().read(max_bytes + 1)
            if len(raw) > max_bytes:
                yield Failure(where, rid, f"{where}: page {url} is larger than {max_bytes:,} bytes; skipped")
                continue
            # The HTTP header's charset, else the page's <meta>, else UTF-8; a crawl keeps a page
            # with a stray bad byte (U+FFFD) rather than lose it.
            html = decode_html(raw, where, transport=ctype, strict=False)
            text, meta = html_article(html)
            if not text:
                yield Failure(where, rid, f"{where}: no article text in {url}")
                continue
            crawled = rec.rec_headers.get_header("WARC-Date") or ""
            yield Record(
                text=text,
                id=rid,
                title=meta["title"],
                url=url,
                published=meta["published"] or crawled[:10] or None,
                source=meta["source"],
                origin=where,
            )
    except (ArchiveLoadFailed, zlib.error, EOFError, OSError) as exc:
        what = str(exc).splitlines()[0] if str(exc).strip() else exc.__class__.__name__
        where = f"{origin}#{n + 1}" if n else origin
        yield Failure(
            where, None, f"{where}: not a readable WARC record ({what}); the rest of the file is skipped"
        )


def _plausible(rec: object) -> bool:
    """warcio reads any bytes as some record; a real one has a type, and an ARC one a URL."""
    if getattr(rec, "rec_type", None) is None:
        return False
    if getattr(rec, "format", "warc") == "arc":
        uri = rec.rec_headers.get_header("uri") or ""  # type: ignore[attr-defined]
        return "://" in uri
    return True
