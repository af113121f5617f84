"""Run every evaluation task on every dev set, with the peer systems, and write docs/scoreboard.md.

    python bench/scoreboard.py [--tasks quotes,entities] [--limit N] [--data ../shared/data]
                               [--out docs/scoreboard.md] [--reports DIR] [--no-peers]

Our pipeline runs once per dataset (its documents serve every task that
dataset scores); the peers run on the same gold items in the same run:
textacy's ``direct_quotations`` for quotes, bare spaCy NER for entities.
A peer that is not installed is reported as skipped.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import DATA, ROOT

from eventcoder.evaluate import api
from eventcoder.evaluate.command import git_commit
from eventcoder.evaluate.gold import GoldSet, load
from eventcoder.evaluate.report import Result, Table, fmt, write_report
from eventcoder.evaluate.system import pipeline_producer

# (task, dataset, path under the data root, peers)
RUNS: list[tuple[str, str, str, tuple[str, ...]]] = [
    ("quotes", "polnear", "polnear/dev.jsonl", ("textacy",)),
    ("quotes", "seed", "../seed", ("textacy",)),
    ("quotes", "gum", "gum/dev.jsonl", ("textacy",)),
    ("entities", "gum", "gum/dev.jsonl", ("spacy-ner",)),
    ("entities", "uner", "uner-news", ("spacy-ner",)),
    ("dates", "gum", "gum/dev.jsonl", ()),
    ("dates", "tempeval3", "tempeval3", ()),
    ("dates", "seed", "../seed", ()),
    ("places", "gum", "gum/dev.jsonl", ()),
    ("places", "seed", "../seed", ()),
    ("events", "plover-gsr", "plover-gsr/dev.jsonl", ()),
    ("events", "universalpetrarch", "universalpetrarch/petr2_gsr_validation.jsonl", ()),
    ("events", "conflibert-class", "conflibert/cameo_class_train.jsonl", ()),
    ("events", "conflibert-ner", "conflibert/cameo_ner_train.jsonl", ()),
    ("events", "case2021", "case2021-task2/dev.jsonl", ()),
]
TASK_TITLES = {
    "quotes": "Quotes",
    "entities": "Entities",
    "coref": "Coreference",
    "dates": "Dates",
    "places": "Places",
    "events": "Events",
}
ORDER = ("quotes", "entities", "dates", "places", "events")
RULES = [
    "How the figures are counted (the docstrings of `src/eventcoder/evaluate/*.py` and",
    "`src/eventcoder/data/evaluate/README.md` give every rule; re-run one line with",
    "`eventcoder evaluate --task TASK --gold PATH --report r.json --errors 20` to read its misses):",
    "",
    "- **quotes**: a quote matches when the overlap is at least half the longer span (quote marks, commas,",
    "  spaces trimmed), one-to-one. PolNeAR: first annotator's copy; each content piece is a quote (pieces",
    "  with only white space between are joined); *direct* = the piece opens with a quote mark; *all* includes",
    "  attributions of belief and intention. Speaker right = our speaker's mention overlaps the gold source, or",
    "  the surnames agree; no gold source wants no speaker. e2e = matched and speaker right.",
    "- **entities**: names only (capitals in the mention's head, same rule on both sides); overlap of half the",
    "  shorter span, same type (group -> person, country -> place); our mentions on gold non-names are not counted.",
    "  Coreference: GUM person/organisation clusters vs our person/organization/group actors, singletons dropped.",
    "- **dates**: relaxed (overlap) match; values compared as calendar intervals against the publication date.",
    "- **places**: country of our place (else country actor) on GUM place mentions whose Wikipedia identity is",
    "  a country or a city.",
    "- **events**: per sentence, our main event = not negated, asserted first, highest confidence, earliest.",
    "  PLOVER 0.5 names mapped to 2.0; CAMEO via the PLOVER table (01/02 = no event); quad class and CASE 2021",
    "  label maps in `data/evaluate/`.",
]


class Runner:
    def __init__(self, data: Path, limit: int | None, peers: bool):
        self.data = data
        self.limit = limit
        self.peers = peers
        self.gold: dict[str, GoldSet] = {}
        self.ours: dict[str, tuple[list, list, float]] = {}
        self.peer_docs: dict[tuple[str, str], tuple[list, list, float]] = {}
        self.notes: list[str] = []
        self._pipe = None
        self.textacy_stats: dict[str, dict[str, int]] = {}

    def gold_set(self, dataset: str, rel: str) -> GoldSet:
        if dataset not in self.gold:
            self.gold[dataset] = load(self.data / rel, dataset, self.limit)
        return self.gold[dataset]

    def pipeline(self):
        if self._pipe is None:
            from eventcoder.pipeline import Pipeline

            self._pipe = Pipeline()
        return self._pipe

    def our_docs(self, gs: GoldSet):
        if gs.dataset not in self.ours:
            self.ours[gs.dataset] = api.produce(gs, pipeline_producer(gs.dataset, pipeline=self.pipeline()))
        return self.ours[gs.dataset]

    def peer(self, name: str, gs: GoldSet):
        key = (name, gs.dataset)
        if key not in self.peer_docs:
            nlp = self.pipeline().nlp
            if name == "textacy":
                from peers import textacy_quotes

                if not textacy_quotes.available():
                    return None
                stats: dict[str, int] = {}
                self.textacy_stats[gs.dataset] = stats
                self.peer_docs[key] = api.produce(gs, textacy_quotes.producer(nlp, stats))
            elif name == "spacy-ner":
                from peers import spacy_ner

                self.peer_docs[key] = api.produce(gs, spacy_ner.producer(nlp))
        return self.peer_docs[key]


PEER_LABELS = {"textacy": "textacy direct_quotations", "spacy-ner": "spaCy NER"}


def run(args: argparse.Namespace) -> tuple[list[Result], list[str]]:
    tasks = {"entities" if t == "coref" else t for t in args.tasks.split(",")} if args.tasks else set(ORDER)
    runner = Runner(Path(args.data).resolve(), args.limit, not args.no_peers)
    results: list[Result] = []
    skipped: list[str] = []
    for task, dataset, rel, peers in RUNS:
        if task not in tasks:
            continue
        path = runner.data / rel
        if not path.exists():
            skipped.append(f"{task} on {dataset}: {path} not found")
            continue
        t0 = time.perf_counter()
        gs = runner.gold_set(dataset, rel)
        docs, failures, seconds = runner.our_docs(gs)
        results += api.score(task, gs, docs, failures, "eventcoder", seconds)
        for peer in peers if runner.peers else ():
            got = runner.peer(peer, gs)
            if got is None:
                skipped.append(
                    f"peer {PEER_LABELS[peer]} on {dataset}: not installed (pip install textacy==0.13.0)"
                )
                continue
            pdocs, pfail, psec = got
            for res in api.score(task, gs, pdocs, pfail, PEER_LABELS[peer], psec):
                if res.task == "coref":
                    continue  # spaCy NER makes no coreference: nothing to compare
                if peer == "textacy":
                    st = runner.textacy_stats.get(dataset, {})
                    res.notes.append(
                        f"textacy refused {st.get('refused', 0)} of {st.get('documents', 0)} documents "
                        "(odd number of quote marks): scored as no output"
                    )
                results.append(res)
        print(f"{task:9s} {dataset:18s} {time.perf_counter() - t0:6.1f}s", file=sys.stderr)
    return results, skipped


def merged(results: list[Result]) -> list[Table]:
    """The headline tables of several systems on one dataset, one table each, with a system column."""
    out: list[Table] = []
    first = results[0]
    for i, t in enumerate(first.tables):
        if not t.headline:
            continue
        m = Table(t.title, ["extractor", *t.columns])
        for res in results:
            if i < len(res.tables) and res.tables[i].columns == t.columns:
                for row in res.tables[i].rows:
                    m.add(res.system, *row)
        out.append(m)
    return out


def markdown(
    results: list[Result], skipped: list[str], command: str, limit: int | None, started: datetime
) -> str:
    lines = [
        "# Scoreboard",
        "",
        f"- date: {started.strftime('%Y-%m-%d %H:%M UTC')}",
        f"- commit: `{git_commit(ROOT) or 'unknown'}`",
        f"- command: `{command}`",
    ]
    if limit:
        lines.append(f"- **quick run: only the first {limit} items of each dataset**")
    lines += ["", *RULES, ""]
    by_task: dict[str, dict[str, list[Result]]] = {}
    for r in results:
        task = "entities" if r.task == "coref" else r.task
        key = f"{r.dataset}:{r.task}"
        by_task.setdefault(task, {}).setdefault(key, []).append(r)
    for task in ORDER:
        if task not in by_task:
            continue
        lines += [f"## {TASK_TITLES[task]}", ""]
        for group in by_task[task].values():
            head = group[0]
            lines += [f"### {head.task} on {head.dataset} ({head.items} items)", ""]
            for t in merged(group):
                lines += [f"*{t.title}*", "", t.markdown(), ""]
            for r in group:
                lines.append(f"- {r.system}: {r.summary} ({fmt(r.seconds)} s)")
                for f in r.failures[:1]:
                    lines.append(
                        f"  - {len(r.failures)} item(s) without output, e.g. {f['item']}: {f['reason']}"
                    )
                for n in r.notes:
                    lines.append(f"  - {n}")
            lines.append("")
    if skipped:
        lines += ["## Skipped", ""] + [f"- {s}" for s in skipped] + [""]
    return "\n".join(lines)


NOTES_HEADING = re.compile(r"^## .*\(issue \d+.*\)\s*$", re.MULTILINE)


def kept_notes(old: str) -> str:
    """The hand-written sections of an earlier scoreboard ("## ... (issue N ...)" to the end).

    The tables above them are regenerated; these notes (before/after figures of an
    issue, error analyses) are the record of how we got here and must survive a re-run.
    """
    m = NOTES_HEADING.search(old)
    return "" if m is None else "\n" + old[m.start() :].rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tasks", help=f"comma-separated subset of {','.join(ORDER)} (default: all)")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N items of each dataset")
    ap.add_argument("--data", default=str(DATA), help="the evaluation data root")
    ap.add_argument("--out", default=str(ROOT / "docs" / "scoreboard.md"), help="markdown file to write")
    ap.add_argument("--reports", help="also write one JSON report with every error to this file")
    ap.add_argument("--no-peers", action="store_true", help="run only our pipeline")
    args = ap.parse_args(argv)
    started = datetime.now(UTC)
    argv_shown = " ".join(sys.argv[1:] if argv is None else argv)
    command = f"python bench/scoreboard.py {argv_shown}".strip()
    results, skipped = run(args)
    out = Path(args.out)
    notes = kept_notes(out.read_text("utf-8")) if out.exists() else ""
    out.write_text(markdown(results, skipped, command, args.limit, started) + notes, encoding="utf-8")
    print(f"wrote {args.out}", file=sys.stderr)
    if args.reports:
        write_report(
            results,
            args.reports,
            {"command": command, "commit": git_commit(ROOT), "date": started.isoformat()},
        )
    for r in results:
        print(r.summary_line())
    return 0


if __name__ == "__main__":
    sys.exit(main())
