"""``eventcoder evaluate``: placeholder until the scorers land."""

from __future__ import annotations

import click


@click.command()
@click.option("--task", required=True, help="quotes, events, entities, coref, dates or places.")
@click.option("--gold", required=True, type=click.Path(exists=True), help="Gold file or directory.")
def evaluate(task: str, gold: str) -> None:
    """Score the pipeline against annotated data."""
    raise click.ClickException("not implemented yet")
