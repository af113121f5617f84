"""``eventcoder evaluate``: score the pipeline (or stored documents) against annotated data."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from ..errors import EventcoderError
from .gold import DATASETS

TASKS = ("quotes", "events", "entities", "coref", "dates", "places")


def _fail(message: str) -> None:
    click.echo(f"eventcoder: error: {message}", err=True)
    sys.exit(2)


def git_commit(where: Path | None = None) -> str | None:
    """The short commit of the checkout (with "+dirty" when files are modified), or None."""
    cwd = str(where or Path(__file__).resolve().parent)
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=cwd, capture_output=True, text=True,
                              timeout=10, check=True).stdout.strip()  # fmt: skip
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=cwd,
                               capture_output=True, text=True, timeout=10, check=True).stdout.strip()  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    return head + ("+dirty" if dirty else "")


def _command_line(ctx: click.Context) -> str:
    """The command as typed, rebuilt from the parsed options (sys.argv is not ours when embedded)."""
    parts = ["eventcoder", "evaluate"]
    for p in ctx.command.params:
        value = ctx.params.get(p.name or "")
        if value is None or value == p.default or not isinstance(p, click.Option):
            continue
        parts += [p.opts[0], str(value)]
    return " ".join(parts)


@click.command(context_settings={"max_content_width": 100})
@click.option("--task", required=True, type=click.Choice(TASKS), help="What to score.")
@click.option(
    "--gold", required=True, type=click.Path(exists=True), help="Gold file or directory (see above)."
)
@click.option(
    "--dataset", type=click.Choice(DATASETS), help="Read --gold as this dataset instead of guessing."
)
@click.option(
    "--system",
    "system_path",
    type=click.Path(exists=True),
    help="Score stored documents instead of running the pipeline: a directory of <id>.json "
    "documents or a JSONL of them (ids and texts must be the gold's).",
)
@click.option(
    "--report", type=click.Path(dir_okay=False, writable=True), help="Write every figure and error as JSON."
)
@click.option("--limit", type=int, default=None, help="Score only the first N documents or sentences.")
@click.option("--errors", "show_errors", type=int, default=0, show_default=True,
              help="Also print the first N errors (misses, false hits).")  # fmt: skip
@click.option(
    "--save-system",
    type=click.Path(file_okay=False, writable=True),
    help="Write the documents the pipeline made (<id>.json) for later runs with --system.",
)
@click.option("--cameo-table", type=click.Path(exists=True, dir_okay=False),
              help="CAMEO->PLOVER table (default: plover-gsr/CAMEO2PLOVER-2021.txt near the gold).")  # fmt: skip
@click.option("--model", envvar="EVENTCODER_MODEL", help="spaCy pipeline to load.")
@click.option("--workers", type=click.IntRange(1), default=1, show_default=True,
              help="Worker processes for the pipeline run.")  # fmt: skip
def evaluate(task: str, gold: str, dataset: str | None, system_path: str | None, report: str | None,
             limit: int | None, show_errors: int, save_system: str | None, cameo_table: str | None,
             model: str | None, workers: int) -> None:  # fmt: skip
    """Score the pipeline against annotated data.

    Runs the pipeline on the gold texts (with the gold's publication date), or
    reads stored documents with --system, and prints one small table per figure
    and one summary line.  Empty output scores 0.

    \b
    Tasks and the gold they read (--dataset NAME, else guessed from --gold):
      quotes    polnear  (polnear/ or polnear/dev.jsonl: a JSONL with "attributions")
                seed     (a *.gold.json, or a directory of them, text file beside it)
                gum      (direct quotations only, no speakers)
      events    plover-gsr (JSONL with "event"/"source"), universalpetrarch ("gold_events"),
                conflibert-class ("label" 0-4), conflibert-ner ("tokens"/"tags"),
                case2021 ("label" a string)
      entities  gum (gum/ or gum/dev.jsonl: "entity_mentions"; adds coreference),
                uner (a *.iob2 file or a directory of them)
      coref     gum
      dates     gum, tempeval3 (a directory of *.tml or one file), seed
      places    gum, seed

    \b
    Example:
      eventcoder evaluate --task quotes --gold ../shared/data/polnear/dev.jsonl --report q.json
    """
    from .api import produce, score
    from .gold import load
    from .report import write_report
    from .system import pipeline_producer, save, stored_producer

    try:
        gs = load(gold, dataset, limit, cameo_table)
        from .api import scorers_for

        scorers_for(task, gs.dataset)  # refuse a task the gold cannot score before running anything
        if system_path:
            producer, label = stored_producer(system_path), f"stored:{Path(system_path).name}"
        else:
            producer, label = pipeline_producer(gs.dataset, model=model, workers=workers), "eventcoder"
        docs, failures, seconds = produce(gs, producer)
        if save_system:
            save(docs, save_system)
        results = score(task, gs, docs, failures, label, seconds)
    except EventcoderError as exc:
        _fail(str(exc))
        return
    for res in results:
        click.echo(res.text())
        for note in res.notes:
            click.echo(f"note: {note}")
        for err in res.errors[:show_errors]:
            click.echo("  " + ", ".join(f"{k}={v}" for k, v in err.items()))
        click.echo("")
    if report:
        write_report(
            results,
            report,
            {
                "command": _command_line(click.get_current_context()),
                "date": datetime.now(UTC).isoformat(timespec="seconds"),
                "commit": git_commit(),
                "gold": str(gold),
            },
        )
        click.echo(f"report written to {report}", err=True)
