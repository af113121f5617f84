"""Score a task on a gold set: the entry point of ``eventcoder evaluate`` and of the scoreboard."""

from __future__ import annotations

import time
from collections.abc import Callable

from ..document import Document
from .dates import score_dates
from .entities import score_coref, score_entities
from .events import score_events
from .gold import TASKS, GoldError, GoldSet
from .places import score_places
from .quotes import score_quotes
from .report import Result
from .system import Producer, collect

Scorer = Callable[[GoldSet, list[Document], str], Result]

SCORERS: dict[str, Scorer] = {
    "quotes": score_quotes,
    "events": score_events,
    "entities": score_entities,
    "coref": score_coref,
    "dates": score_dates,
    "places": score_places,
}
TASK_NAMES = tuple(SCORERS)


def scorers_for(task: str, dataset: str) -> list[str]:
    """The scorers one ``--task`` runs on one dataset (entities on GUM include coreference)."""
    if task not in SCORERS:
        raise GoldError(f"unknown task {task!r}; known: {', '.join(TASK_NAMES)}")
    if task not in TASKS.get(dataset, ()):
        can = [t for t, _ in SCORERS.items() if t in TASKS.get(dataset, ())]
        raise GoldError(f"the {dataset} gold has no {task} annotation; it can score: {', '.join(can)}")
    if task == "entities" and "coref" in TASKS[dataset]:
        return ["entities", "coref"]
    return [task]


def produce(gs: GoldSet, producer: Producer) -> tuple[list[Document], list[dict], float]:
    t0 = time.perf_counter()
    docs, failures = collect(gs.items, producer)
    return docs, failures, time.perf_counter() - t0


def score(
    task: str, gs: GoldSet, docs: list[Document], failures: list[dict], system: str, seconds: float = 0.0
) -> list[Result]:
    out = []
    for name in scorers_for(task, gs.dataset):
        res = SCORERS[name](gs, docs, system)
        res.failures = failures
        res.notes = [*gs.notes, *res.notes]
        res.seconds = seconds
        out.append(res)
    return out
