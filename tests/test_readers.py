"""Readers: formats, ids, positions of bad records, limits, stdin (files written by the tests)."""

from __future__ import annotations

import gzip
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from eventcoder.errors import InputError
from eventcoder.io.readers import (
    ReadOptions,
    count_records,
    decode,
    kind_of,
    read_inputs,
    stem_of,
)
from eventcoder.records import Failure, Record

REPORT = (
    "LIMA, May 6 (Reuters) - Peru's foreign minister met the Chilean ambassador in Lima on Monday. "
    '"We agreed to reopen the border crossing," the minister told reporters.'
)


def _read(*paths: Path | str, **opts) -> list[Record | Failure]:
    return list(read_inputs([str(p) for p in paths], ReadOptions(**opts)))


def _jsonl(path: Path, *lines: object) -> Path:
    path.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n", "utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "stem", "kind"),
    [
        ("kyiv-talks.txt", "kyiv-talks", ("text", False)),
        ("kyiv-talks.txt.gz", "kyiv-talks", ("text", True)),
        ("page.HTML", "page", ("html", False)),
        ("corpus.jsonl.gz", "corpus", ("jsonl", True)),
        ("Mr. Smith said.txt", "Mr. Smith said", ("text", False)),
        ("v1.2 notes", "v1.2 notes", ("text", False)),
        ("report", "report", ("text", False)),
        ("data.tsv", "data", ("csv", False)),
    ],
)
def test_ids_and_formats_from_file_names(name, stem, kind):
    assert stem_of(Path(name)) == stem
    assert kind_of(Path(name)) == kind


def test_text_file_id_is_the_file_name(tmp_path):
    p = tmp_path / "lima-border.txt"
    p.write_text(REPORT, "utf-8")
    (rec,) = _read(p)
    assert isinstance(rec, Record)
    assert (rec.id, rec.text, rec.origin) == ("lima-border", REPORT, str(p))


def test_gzipped_text_and_crlf(tmp_path):
    p = tmp_path / "lima.txt.gz"
    p.write_bytes(gzip.compress(REPORT.replace(". ", ".\r\n").encode()))
    (rec,) = _read(p)
    assert rec.id == "lima" and "\r" not in rec.text and rec.text.count("\n") == 1


def test_corrupt_gzip_is_a_failure(tmp_path):
    p = tmp_path / "broken.txt.gz"
    p.write_bytes(gzip.compress(REPORT.encode())[:20])
    (f,) = _read(p)
    assert isinstance(f, Failure) and str(f).startswith(f"{p}: cannot be read")


def test_html_main_text_and_title(tmp_path):
    body = " ".join([REPORT] * 3)
    html = (
        "<html><head><title>Peru and Chile reopen border</title></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
        f"<article><h1>Peru and Chile reopen border</h1><p>{body}</p>"
        "<p>Officials from both countries will meet again next month in Santiago to sign the deal.</p>"
        "</article><footer>Copyright Example News. All rights reserved.</footer></body></html>"
    )
    p = tmp_path / "border.html"
    p.write_text(html, "utf-8")
    (rec,) = _read(p)
    assert isinstance(rec, Record)
    assert rec.id == "border" and rec.title == "Peru and Chile reopen border"
    assert "reopen the border crossing" in rec.text and "Santiago" in rec.text
    assert "Home" not in rec.text and "All rights reserved" not in rec.text


def test_html_without_article_text_is_a_failure(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text(
        "<html><head><script>var x = 1;</script></head><body><img src='a.png'></body></html>", "utf-8"
    )
    (f,) = _read(p)
    assert isinstance(f, Failure) and "no article text found in the HTML" in str(f)


def test_jsonl_fields_ids_and_bad_lines(tmp_path):
    p = _jsonl(
        tmp_path / "corpus.jsonl",
        {"id": "a1", "text": REPORT, "published": "2024-05-06", "title": "T", "source": "S", "url": "u"},
        "",
        {"text": REPORT, "publication_date": "2024-05-07"},
        '{"id": "broken", "text": ',
        [1, 2],
        {"id": 7, "text": None},
        {"id": 8, "text": ["not", "a", "string"]},
        {"id": 9, "text": REPORT},
    )
    items = _read(p)
    assert [type(x).__name__ for x in items] == [
        "Record",
        "Record",
        "Failure",
        "Failure",
        "Failure",
        "Failure",
        "Record",
    ]
    a, b, bad_json, not_obj, no_text, list_text, last = items
    assert (a.id, a.published, a.title, a.source, a.url, a.origin) == (
        "a1",
        "2024-05-06",
        "T",
        "S",
        "u",
        f"{p}:1",
    )
    assert (b.id, b.published, b.origin) == ("corpus-3", "2024-05-07", f"{p}:3")
    assert str(bad_json).startswith(f"{p}:4: malformed JSON")
    assert str(not_obj).startswith(f"{p}:5: not a record (expected a JSON object, got list)")
    assert "no 'text' field" in str(no_text) and str(no_text).startswith(f"{p}:6:")
    assert "'text' is a list" in str(list_text)
    assert last.id == "9"  # ids are strings in the contract


def test_jsonl_custom_columns(tmp_path):
    p = _jsonl(tmp_path / "c.jsonl", {"guid": "g-1", "body": REPORT}, {"guid": "g-2", "text": REPORT})
    ok, missing = _read(p, columns={"text": "body", "id": "guid"})
    assert (ok.id, ok.text) == ("g-1", REPORT)
    assert isinstance(missing, Failure) and "no 'body' field" in str(missing)


def test_json_array_file(tmp_path):
    p = tmp_path / "batch.json"
    p.write_text(json.dumps([{"id": "x", "text": REPORT}, {"text": REPORT}, "nope"], indent=2), "utf-8")
    x, second, bad = _read(p)
    assert (x.id, second.id) == ("x", "batch-2")
    assert isinstance(bad, Failure) and str(bad).startswith(f"{p}#3: not a record")


def test_csv_with_columns(tmp_path):
    p = tmp_path / "export.csv"
    p.write_text(
        f'guid,body,published\nc1,"{REPORT.replace(chr(34), chr(34) * 2)}",2024-05-06\nc2,,\n', "utf-8"
    )
    first, second = _read(p, columns={"text": "body", "id": "guid"})
    assert (first.id, first.text, first.published) == ("c1", REPORT, "2024-05-06")
    assert isinstance(second, Record) and second.text == ""  # empty text is refused later, by check_text


def test_directory_is_sorted_recursive_and_skips_other_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text(REPORT, "utf-8")
    (tmp_path / "a.txt").write_text(REPORT, "utf-8")
    (tmp_path / "notes").write_text(REPORT, "utf-8")  # no suffix: plain text
    (tmp_path / ".hidden.txt").write_text(REPORT, "utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / "draft.txt~").write_text(REPORT, "utf-8")
    ids = [r.id for r in _read(tmp_path)]
    assert ids == ["a", "two", "notes"]


def test_empty_directory_is_a_failure(tmp_path):
    (tmp_path / "photo.png").write_bytes(b"\x89PNG")
    (f,) = _read(tmp_path)
    assert isinstance(f, Failure) and "directory holds no text, HTML, JSONL" in str(f)


def test_missing_path_raises():
    with pytest.raises(InputError, match=r"nope/missing\.txt: no such file or directory"):
        _read("nope/missing.txt")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("Caf\xe9 owners protested.".encode("latin-1"), "is not valid UTF-8 (bad byte 0xe9 at offset 3)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "looks binary (contains NUL bytes)"),
    ],
)
def test_undecodable_bytes(raw, message):
    with pytest.raises(InputError) as info:
        decode(raw, "in.txt")
    assert str(info.value).startswith(f"in.txt: {message}")


def test_decode_boms_and_newlines():
    assert decode("\ufeffPolice said.\r\nIt was calm.\r".encode(), "x") == "Police said.\nIt was calm.\n"
    assert decode("Police said it was calm.".encode("utf-16"), "x") == "Police said it was calm."


def test_size_limits(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(REPORT * 10, "utf-8")
    (f,) = _read(big, max_bytes=200)
    assert isinstance(f, Failure) and str(f).startswith(f"{big}: is larger than 200 bytes")
    p = _jsonl(
        tmp_path / "c.jsonl", {"id": "long", "text": REPORT * 10}, {"id": "short", "text": "Police said."}
    )
    long, short = _read(p, max_bytes=200)
    assert isinstance(long, Failure) and str(long).startswith(f"{p}:1: is larger than 200 bytes")
    assert short.id == "short"


class _Stdin:
    def __init__(self, data: bytes):
        self.buffer = io.BufferedReader(io.BytesIO(data))


@pytest.mark.parametrize(
    ("data", "ids"),
    [
        (REPORT.encode(), ["stdin"]),
        (
            (json.dumps({"id": "s1", "text": REPORT}) + "\n" + json.dumps({"text": REPORT}) + "\n").encode(),
            ["s1", "stdin-2"],
        ),
    ],
)
def test_stdin_text_and_jsonl(monkeypatch, data, ids):
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    items = list(read_inputs(["-"]))
    assert [r.id for r in items] == ids
    assert all(r.text == REPORT for r in items)


def test_stdin_bad_bytes(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(b"caf\xe9 au lait"))
    (f,) = list(read_inputs(["-"]))
    assert isinstance(f, Failure) and str(f).startswith("<stdin>: is not valid UTF-8")


def test_count_records(tmp_path):
    (tmp_path / "a.txt").write_text(REPORT, "utf-8")
    _jsonl(tmp_path / "c.jsonl", {"text": REPORT}, "", {"text": REPORT}, "{broken")
    assert count_records([str(tmp_path)]) == 4
    (tmp_path / "z.csv").write_text(
        f'text,id\n"{REPORT.replace(chr(34), chr(34) * 2)}\nsecond line",1\nx,2\n', "utf-8"
    )
    assert count_records([str(tmp_path)]) == 6  # CSV rows, not lines
    (tmp_path / "y.jsonl.gz").write_bytes(gzip.compress(b'{"text": "a"}\n{"text": "b"}\n'))
    assert count_records([str(tmp_path)]) == 8
    assert count_records(["-"]) is None
    _warc(tmp_path / "crawl.warc.gz", [("https://example.org/a", "text/html", _page("A", REPORT))])
    assert count_records([str(tmp_path)]) is None  # WARC records are not counted


def test_jsonl_and_csv_metadata_columns(tmp_path):
    p = _jsonl(
        tmp_path / "feed.jsonl",
        {
            "guid": "g1",
            "body": REPORT,
            "pubdate": "2024-05-06",
            "headline": "Border",
            "outlet": "Wire",
            "link": "u",
        },
    )
    opts = {"columns": {"id": "guid", "text": "body", "published": "pubdate", "title": "headline",
                        "source": "outlet", "url": "link"}}  # fmt: skip
    (rec,) = _read(p, **opts)
    assert (rec.id, rec.published, rec.title, rec.source, rec.url) == (
        "g1",
        "2024-05-06",
        "Border",
        "Wire",
        "u",
    )
    c = tmp_path / "feed.csv.gz"
    c.write_bytes(
        gzip.compress(
            f"guid,body,pubdate,headline,outlet,link\ng2,{REPORT.replace(',', ';')},2024-05-07,T,S,v\n".encode()
        )
    )
    (rec,) = _read(c, **opts)
    assert (rec.id, rec.published, rec.title, rec.source, rec.url) == ("g2", "2024-05-07", "T", "S", "v")


# -- WARC files, written with warcio itself ---------------------------------------------------------


def _page(title: str, body: str, published: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}T08:00:00Z">' if published else ""
    paragraphs = "".join(f"<p>{body} {n}</p>" for n in range(3))
    return (
        f"<html><head><title>{title}</title>{meta}<meta property='og:site_name' content='Example News'></head>"
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    ).encode()


def _warc(path: Path, pages: list[tuple[str, str, bytes]], gz: bool = True) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "eventcoder tests"}))
        for url, ctype, payload in pages:
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.0\r\n\r\n"))
            writer.write_record(req)
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.0")
            rec = writer.create_warc_record(
                url, "response", payload=io.BytesIO(payload), http_headers=headers
            )
            writer.write_record(rec)
    return path


@pytest.mark.parametrize("gz", [True, False])
def test_warc_pages_become_records(tmp_path, gz):
    path = _warc(
        tmp_path / ("crawl.warc.gz" if gz else "crawl.warc"),
        [
            (
                "https://example.org/peru",
                "text/html; charset=utf-8",
                _page("Peru and Chile", REPORT, "2024-05-06"),
            ),
            ("https://example.org/logo.png", "image/png", b"\x89PNG\r\n"),
            ("https://example.org/empty", "text/html", b"<html><body><script>var x;</script></body></html>"),
            (
                "https://example.org/lima",
                "text/html",
                _page("Lima talks", REPORT.replace("Monday", "Tuesday")),
            ),
        ],
        gz=gz,
    )
    items = _read(path)
    assert [type(x).__name__ for x in items] == ["Record", "Failure", "Record"]
    first, empty, last = items
    assert first.url == "https://example.org/peru" and first.title == "Peru and Chile"
    assert first.published == "2024-05-06" and first.source == "Example News"
    assert "reopen the border crossing" in first.text and "Home" not in first.text
    assert first.origin == f"{path}#1" and first.id != last.id and len(first.id) == 16
    assert str(empty).startswith(f"{path}#3: no article text in https://example.org/empty")
    assert last.published == date.today().isoformat()  # no date on the page: the crawl's WARC-Date


def test_a_broken_warc_file_is_a_failure_and_reading_goes_on(tmp_path):
    bad = tmp_path / "a-bad.warc.gz"
    bad.write_bytes(b"this is not a WARC file at all" * 10)
    good = _warc(tmp_path / "b-good.warc.gz", [("https://example.org/x", "text/html", _page("X", REPORT))])
    items = _read(bad, good)
    assert isinstance(items[0], Failure) and "not a readable WARC record" in str(items[0])
    assert isinstance(items[1], Record) and items[1].origin == f"{good}#1"


def test_html_file_metadata_from_its_tags(tmp_path):
    p = tmp_path / "page.html"
    p.write_bytes(_page("Peru and Chile", REPORT, "2024-05-06"))
    (rec,) = _read(p)
    assert (rec.title, rec.published, rec.source) == ("Peru and Chile", "2024-05-06", "Example News")
    # a date the article's text mentions is not its publication date
    p.write_bytes(_page("Peru and Chile", REPORT + " The talks resume on June 3, 2024."))
    (rec,) = _read(p)
    assert rec.published is None


def test_reading_streams(tmp_path):
    # A reader yields the first record before it has read the rest of the file.
    p = tmp_path / "big.jsonl"
    with p.open("w", encoding="utf-8") as fh:
        for n in range(20000):
            fh.write(json.dumps({"id": f"r{n}", "text": REPORT}) + "\n")
    with p.open("rb") as fh:
        from eventcoder.io.readers import read_jsonl

        it = read_jsonl(fh, str(p), ReadOptions())
        first = next(it)
        assert first.id == "r0" and fh.tell() < p.stat().st_size / 10


# -- one bad row, declared charsets, boilerplate pages, gzip on stdin, publication dates -------------


def test_a_bad_byte_in_a_csv_row_skips_that_row_only(tmp_path):
    p = tmp_path / "rows.csv"
    p.write_bytes(
        b"id,text\n"
        b"r1,Police arrested five men in Lima.\n"
        b'r2,"Caf\xe9 owners, in a second line\nof the field, protested."\n'
        b"r3,Troops left the border town on Friday.\n"
    )
    first, bad, last = _read(p)
    assert (first.id, first.origin) == ("r1", f"{p}:2")
    assert isinstance(bad, Failure) and bad.origin == f"{p}:4"  # the row ends on line 4
    assert str(bad).startswith(f"{p}:4: is not valid UTF-8 (bad byte 0xe9)")
    assert (last.id, last.text, last.origin) == ("r3", "Troops left the border town on Friday.", f"{p}:5")


def test_a_bad_byte_in_a_csv_header_is_one_failure(tmp_path):
    p = tmp_path / "head.csv"
    p.write_bytes(b"id,t\xe9xt\nr1,Police said.\n")
    (f,) = _read(p)
    assert isinstance(f, Failure) and str(f).startswith(f"{p}:1: header is not valid UTF-8 (bad byte 0xe9)")


_ARTICLE = (
    "<html><head>{meta}<title>Border</title></head><body><article><p>Caf\xe9 owners in Lima said "
    "the border crossing with Chile \u2014 closed since May \u2014 reopened on Monday.</p>"
    "<p>Traders welcomed the decision, the mayor said.</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("meta", "encoding"),
    [
        ('<meta charset="iso-8859-1">', "cp1252"),  # Latin-1 is read as its superset windows-1252
        ("<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>", "cp1252"),
        ('<meta content="text/html; charset=ISO-8859-15" http-equiv="content-type">', "iso8859-15"),
        ("<meta charset=utf-8>", "utf-8"),
        ("", "utf-8-sig"),  # a UTF-8 byte-order mark
        ("", "utf-16"),  # a UTF-16 one
    ],
)
def test_html_is_decoded_in_its_declared_charset(tmp_path, meta, encoding):
    p = tmp_path / "page.html"
    html = _ARTICLE.format(meta=meta)
    p.write_bytes(html.encode(encoding, errors="replace" if encoding == "iso8859-15" else "strict"))
    (rec,) = _read(p)
    assert isinstance(rec, Record), rec
    assert rec.text.startswith("Café owners in Lima said")
    if encoding != "iso8859-15":  # no dashes in Latin-9
        assert "Chile \u2014 closed" in rec.text


def test_html_without_a_charset_must_be_utf8(tmp_path):
    p = tmp_path / "page.html"
    p.write_bytes(_ARTICLE.format(meta="").encode("cp1252"))
    (f,) = _read(p)
    assert isinstance(f, Failure) and str(f).startswith(f"{p}: is not valid UTF-8 (bad byte 0xe9")
    p.write_bytes(_ARTICLE.format(meta='<meta charset="no-such-charset">').encode("cp1252"))
    (f,) = _read(p)
    assert isinstance(f, Failure) and "is not valid UTF-8" in str(f)


def test_charset_labels_and_meta_sniffing():
    from eventcoder.io.readers import charset_label, decode_html, html_charset

    assert charset_label('text/html; charset="ISO-8859-1"') == "cp1252"
    assert charset_label("text/html") is None and charset_label("charset=bogus") is None
    assert html_charset(b"<html><head><META CHARSET='Windows-1251'>") == "cp1251"
    assert html_charset(b" " * 5000 + b'<meta charset="cp1251">') is None  # past the sniffed head
    # The transport's charset (a WARC record's HTTP header) wins over the page's <meta>.
    raw = '<meta charset="utf-8"><p>Caf\xe9</p>'.encode("cp1252")
    assert "Café" in decode_html(raw, "x", transport="text/html; charset=windows-1252")
    assert "Caf\ufffd" in decode_html(raw, "x", strict=False)
    with pytest.raises(InputError, match="not valid UTF-8"):
        decode_html(raw, "x")


def test_warc_page_in_its_header_or_meta_charset(tmp_path):
    html = _ARTICLE.format(meta="").encode("cp1252")
    sniffed = _ARTICLE.format(meta='<meta charset="windows-1252">').encode("cp1252")
    path = _warc(
        tmp_path / "c.warc.gz",
        [
            ("https://example.org/a", "text/html; charset=windows-1252", html),
            ("https://example.org/b", "text/html", sniffed),
        ],
    )
    a, b = _read(path)
    assert a.text.startswith("Café owners") and b.text.startswith("Café owners")


@pytest.mark.parametrize(
    "body",
    [
        "<nav>Home | World | Sports | Contact</nav>",
        "<div>Subscribe</div><div>Sign in</div>",
    ],
)
def test_a_page_of_boilerplate_only_is_no_article(tmp_path, body):
    p = tmp_path / "menu.html"
    p.write_text(f"<html><body>{body}</body></html>", "utf-8")
    (f,) = _read(p)
    assert isinstance(f, Failure) and str(f) == f"{p}: no article text found in the HTML"


def test_a_short_article_is_still_an_article(tmp_path):
    p = tmp_path / "brief.html"
    p.write_text("<html><body><article><p>Police arrested five men.</p></article></body></html>", "utf-8")
    (rec,) = _read(p)
    assert isinstance(rec, Record) and rec.text == "Police arrested five men."


def test_gzip_on_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", _Stdin(gzip.compress(REPORT.encode())))
    (rec,) = list(read_inputs(["-"]))
    assert isinstance(rec, Record) and (rec.id, rec.text) == ("stdin", REPORT)
    lines = (json.dumps({"id": "z1", "text": REPORT}) + "\n" + json.dumps({"text": REPORT}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", _Stdin(gzip.compress(lines)))
    assert [r.id for r in read_inputs(["-"])] == ["z1", "stdin-2"]
    monkeypatch.setattr(sys, "stdin", _Stdin(gzip.compress(REPORT.encode())[:25]))
    (f,) = list(read_inputs(["-"]))
    assert isinstance(f, Failure) and str(f).startswith("<stdin>: cannot be read")


@pytest.mark.parametrize(
    ("value", "published"),
    [
        ("Fri, 05 Jan 2024 10:00:00 GMT", "2024-01-05"),
        ("Jan 5, 2024", "2024-01-05"),
        ("5 January 2024", "2024-01-05"),
        ("2024-01-05T10:00:00Z", "2024-01-05"),
        ("25/01/2024", "2024-01-25"),  # the day is over 12: not ambiguous
    ],
)
def test_jsonl_and_csv_publication_dates_in_common_forms(tmp_path, value, published):
    warnings: list[str] = []
    p = _jsonl(tmp_path / "d.jsonl", {"id": "j", "text": REPORT, "published": value})
    q = tmp_path / "d.csv"
    q.write_text(f'id,text,published\nc,Police said.,"{value}"\n', "utf-8")
    recs = _read(p, q, on_warning=warnings.append)
    assert [r.published for r in recs] == [published, published]
    assert warnings == []


def test_an_ambiguous_or_unreadable_date_is_dropped_with_a_warning(tmp_path):
    warnings: list[str] = []
    p = _jsonl(
        tmp_path / "d.jsonl",
        {"id": "amb", "text": REPORT, "published": "05/01/2024"},
        {"id": "junk", "text": REPORT, "published": "last Tuesday"},
    )
    amb, junk = _read(p, on_warning=warnings.append)
    assert amb.published is None and junk.published is None
    assert warnings == [
        f"{p}:1: publication date '05/01/2024' is ambiguous (day/month or month/day?); use YYYY-MM-DD; "
        "read without one",
        f"{p}:2: publication date 'last Tuesday' is not a date eventcoder reads; use YYYY-MM-DD; "
        "read without one",
    ]


def test_date_warnings_are_capped(tmp_path, capsys):
    from eventcoder.io.readers import MAX_WARNINGS

    p = _jsonl(tmp_path / "d.jsonl", *({"text": REPORT, "published": "01/02/2024"} for _ in range(40)))
    assert len(_read(p)) == 40
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == MAX_WARNINGS + 1
    assert lines[0].startswith(f"eventcoder: warning: {p}:1: publication date '01/02/2024' is ambiguous")
    assert lines[-1] == f"eventcoder: warning: more than {MAX_WARNINGS} such warnings; the rest are not shown"
