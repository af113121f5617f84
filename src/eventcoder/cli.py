"""The ``eventcoder`` command line: a thin layer over the Python API and the store.

Exit codes: 0 all went well; 1 a multi-document run skipped some bad records
(each reported on stderr) but stored the rest; 2 a fatal error (bad arguments,
a missing path, a single input that cannot be extracted, an unreadable store).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import click

from . import __version__
from .errors import EventcoderError, InputError
from .records import Failure, Record

EXIT_PARTIAL = 1
EXIT_FATAL = 2


def fail(message: str) -> None:
    """Print one line on stderr and exit 2."""
    click.echo(f"eventcoder: error: {message}", err=True)
    sys.exit(EXIT_FATAL)


def warn(message: str) -> None:
    click.echo(f"eventcoder: skipped: {message}", err=True)


def _check_paths(paths: tuple[str, ...]) -> None:
    if not paths:
        fail("no input given; pass one or more files or directories, or - for stdin")
    for p in paths:
        if p != "-" and not Path(p).exists():
            fail(f"{p}: no such file or directory")


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


def _pipeline(model: str | None, lexicon: tuple[str, ...], max_chars: int | None) -> Any:
    from .nlp import ModelNotFound
    from .pipeline import Pipeline

    try:
        return Pipeline(model=model, lexicon=list(lexicon), max_chars=max_chars)
    except (ModelNotFound, EventcoderError) as exc:
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
    help="spaCy pipeline to load (default: en_core_web_sm if installed).",
)
lexicon_option = click.option(
    "--lexicon",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="Extra event lexicon file(s).",
)
input_options = [
    click.option("--published", callback=_valid_date, help="Publication date YYYY-MM-DD for inputs without one."),
    click.option("--source", help="Source (outlet) name for inputs without one."),
    click.option("--title", help="Title for inputs without one."),
    click.option("--input-format", type=click.Choice(["text", "html", "jsonl", "csv", "warc"]), default=None,
                 help="Read every input as this format (default: by file suffix)."),
    click.option("--text-column", help="Field holding the article text in JSONL/CSV (default: text)."),
    click.option("--id-column", help="Field holding the article id in JSONL/CSV (default: id)."),
    click.option("--max-bytes", type=int, default=None, help="Largest input file accepted (default 20 MB)."),
    click.option("--max-chars", type=int, default=None, help="Longest article accepted (default 1,000,000)."),
]  # fmt: skip


def with_input_options(f: Any) -> Any:
    for opt in reversed(input_options):
        f = opt(f)
    return f


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="eventcoder")
def main() -> None:
    """Turn news reports into verifiable event data.

    Every actor, quote, event, place and date points at the characters of the
    text that support it.  Start with:

    \b
      eventcoder extract report.txt --published 2023-06-21 --format table
      eventcoder run corpus/ --db eventcoder.duckdb
      eventcoder show --db eventcoder.duckdb
    """


@main.command()
@click.argument("paths", nargs=-1)
@with_input_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "jsonl", "table"]),
    default="json",
    show_default=True,
    help="json: one pretty document (or a list); jsonl: one document per line; table: a readable summary.",
)
@click.option("--out", type=click.Path(dir_okay=False, writable=True), help="Write here instead of stdout.")
@click.option("--id", "doc_id", help="Document id for a single input (default: the file name).")
@model_option
@lexicon_option
def extract(paths: tuple[str, ...], published: str | None, source: str | None, title: str | None,
            input_format: str | None, text_column: str | None, id_column: str | None, max_bytes: int | None,
            max_chars: int | None, fmt: str, out: str | None, doc_id: str | None, model: str | None,
            lexicon: tuple[str, ...]) -> None:  # fmt: skip
    """Extract reports and write their documents (JSON contract eventcoder.document/1).

    PATHS are text, HTML, JSONL, CSV or WARC files (optionally .gz), directories of
    them, or - for stdin.
    """
    from .summary import summarize

    _check_paths(paths)
    opts = _read_options(max_bytes, text_column, id_column, input_format)
    pipe = _pipeline(model, lexicon, max_chars)
    records = list(_records(paths, opts, published, source, title))
    if doc_id and len(records) == 1 and isinstance(records[0], Record):
        records[0].id = doc_id
    single = len(records) == 1
    docs = []
    failures = 0
    for item in pipe.pipe(records):
        if isinstance(item, Failure):
            if single:
                fail(str(item))
            warn(str(item))
            failures += 1
            continue
        docs.append(item)
    sink: IO[str] = open(out, "w", encoding="utf-8") if out else sys.stdout  # noqa: SIM115
    try:
        if fmt == "jsonl":
            for d in docs:
                sink.write(json.dumps(d.to_dict(), ensure_ascii=False) + "\n")
        elif fmt == "table":
            sink.write("\n\n".join(summarize(d) for d in docs) + "\n")
        else:
            payload = docs[0].to_dict() if len(docs) == 1 else [d.to_dict() for d in docs]
            sink.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    finally:
        if out:
            sink.close()
    if failures:
        sys.exit(EXIT_PARTIAL if docs else EXIT_FATAL)


@main.command()
@click.argument("paths", nargs=-1)
@with_input_options
@click.option("--db", default="eventcoder.duckdb", show_default=True, help="DuckDB file to store into.")
@click.option("--workers", type=int, default=None, help="Worker processes (default: the number of cores).")
@click.option("--force", is_flag=True, help="Re-extract documents already stored with the same text.")
@click.option(
    "--summary/--no-summary", default=False, help="Print the readable summary of each stored document."
)
@model_option
@lexicon_option
def run(paths: tuple[str, ...], published: str | None, source: str | None, title: str | None,
        input_format: str | None, text_column: str | None, id_column: str | None, max_bytes: int | None,
        max_chars: int | None, db: str, workers: int | None, force: bool, summary: bool, model: str | None,
        lexicon: tuple[str, ...]) -> None:  # fmt: skip
    """Extract reports and store them in a DuckDB file.

    Re-running the same corpus adds nothing twice: a document whose text is
    unchanged is skipped, one whose text changed replaces its old rows.
    """
    from .runner import run_corpus

    _check_paths(paths)
    opts = _read_options(max_bytes, text_column, id_column, input_format)
    try:
        report = run_corpus(
            records=_records(paths, opts, published, source, title),
            db=db,
            workers=workers or os.cpu_count() or 1,
            force=force,
            model=model,
            lexicon=list(lexicon),
            max_chars=max_chars,
            on_failure=warn,
            on_stored=(lambda d: click.echo(_summary(d))) if summary else None,
        )
    except EventcoderError as exc:
        fail(str(exc))
    click.echo(report.line(), err=True)
    if report.failed:
        sys.exit(EXIT_PARTIAL if (report.stored or report.skipped) else EXIT_FATAL)


def _summary(doc: Any) -> str:
    from .summary import summarize

    return summarize(doc)


@main.command()
@click.option("--db", default="eventcoder.duckdb", show_default=True, help="DuckDB file to read.")
@click.option("--id", "doc_id", help="Show only this document.")
@click.option("--limit", type=int, default=20, show_default=True, help="Show at most this many documents.")
def show(db: str, doc_id: str | None, limit: int) -> None:
    """Print the stored documents as readable summaries."""
    from .store import Store
    from .summary import summarize

    try:
        with Store(db, read_only=True) as store:
            if doc_id:
                doc = store.document(doc_id)
                if doc is None:
                    fail(f"{db}: no document with id {doc_id!r}")
                click.echo(summarize(doc))
                return
            total = store.count()
            click.echo(
                f"{db}: {total} documents, {store.count('actors')} actors, {store.count('quotes')} quotes, "
                f"{store.count('events')} events"
            )
            for i, doc in enumerate(store.documents()):
                if i >= limit:
                    click.echo(f"... and {total - limit} more (use --limit or --id)")
                    break
                click.echo("\n" + summarize(doc))
    except EventcoderError as exc:
        fail(str(exc))


def _register_subcommands() -> None:
    # Commands that live beside the layer they drive, each in its own module.
    from .evaluate.command import evaluate

    main.add_command(evaluate)


_register_subcommands()


if __name__ == "__main__":  # pragma: no cover
    main()


__all__ = ["InputError", "main"]
