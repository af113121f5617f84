"""Draw the judged sample of coded events on the Wikinews political reports (issue 4).

Runs the whole pipeline (``Pipeline()``, one call per article with its id, publication date
and title) on the 98 Wikinews political reports, collects every event in document order,
prints the population (events by type and by modality), then draws the sample with
``random.seed(SEED); random.sample(events, N)`` and prints the sampled events sorted by
document: ids, type, mode, flags, actors' and recipients' names, trigger, evidence sentence
and the paragraph around it, for a reader to judge by hand (docs/events-sample.md).

The article text goes to stdout only; nothing is written into the repository.

    .venv/bin/python bench/events_sample.py [--seed 20261126] [--n 80] [--json]

``--json`` prints one JSON object per sampled event instead of the readable listing.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
WIKINEWS = ROOT.parent / "shared" / "data" / "wikinews-political" / "wikinews_political_subset.jsonl"


def paragraph(text: str, start: int, end: int) -> str:
    """The paragraph (text between blank-line breaks) around ``start:end``."""
    left = text.rfind("\n\n", 0, start)
    right = text.find("\n\n", end)
    return text[left + 2 if left >= 0 else 0 : right if right >= 0 else len(text)].strip()


def collect(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every event the pipeline codes on ``records``, in document order, as flat dicts."""
    from eventcoder import Pipeline

    pipe = Pipeline()
    events = []
    for rec in records:
        doc = pipe(rec["text"], id=rec["id"], published=rec["publication_date"], title=rec["title"])
        names = {a.id: a.name for a in doc.actors}
        for ev in doc.events:
            events.append(
                {
                    "doc": doc.id,
                    "event": ev.id,
                    "type": ev.type,
                    "mode": ev.mode,
                    "negated": ev.negated,
                    "modality": ev.modality,
                    "quote": ev.quote,
                    "date": ev.date,
                    "actor": [names.get(a, a) for a in ev.actor],
                    "recipient": [names.get(a, a) for a in ev.recipient],
                    "trigger": ev.trigger.text,
                    "evidence": ev.evidence.text,
                    "paragraph": paragraph(doc.text, ev.evidence.start, ev.evidence.end),
                }
            )
    return events


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seed", type=int, default=20261126)
    ap.add_argument("--n", type=int, default=80)
    ap.add_argument("--json", action="store_true", help="one JSON object per sampled event")
    args = ap.parse_args(argv)

    records = [json.loads(line) for line in WIKINEWS.read_text("utf-8").splitlines() if line.strip()]
    events = collect(records)
    by_type = Counter(e["type"] for e in events)
    by_mod = Counter(e["modality"] for e in events)
    print(f"# population: {len(events)} events in {len(records)} articles")
    print("# types: " + ", ".join(f"{t} {c}" for t, c in by_type.most_common()))
    print("# modality: " + ", ".join(f"{m} {c}" for m, c in by_mod.most_common()))

    random.seed(args.seed)
    order = {r["id"]: i for i, r in enumerate(records)}
    sample = random.sample(events, args.n)
    sample.sort(key=lambda e: (order[e["doc"]], int(e["event"].lstrip("e"))))
    for i, e in enumerate(sample, 1):
        if args.json:
            print(json.dumps({"n": i, **e}, ensure_ascii=False))
            continue
        flags = (
            [e["modality"]]
            + (["negated"] if e["negated"] else [])
            + ([f"in quote {e['quote']}"] if e["quote"] else [])
        )
        print(
            f"\n## {i} {e['doc']} {e['event']} {e['type']} {e['mode'] or ''} | {', '.join(flags)} | date {e['date']}"
        )
        print(f"actor: {'; '.join(e['actor']) or '-'} | recipient: {'; '.join(e['recipient']) or '-'}")
        print(f"trigger: {e['trigger']}")
        print(f"evidence: {e['evidence']}")
        print(f"paragraph: {e['paragraph']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
