"""Quick score of the events stage alone, for iterating on the lexicon (not the official evaluation).

    .venv/bin/python bench/events_quickscore.py [--data ../shared/data] [--actors auto|stage|standin]
                                                [--errors N] [--no-timing]

* PLOVER GSR dev (194 sentences, one gold event each): per-sentence type accuracy (the
  highest-confidence event of the sentence against the gold type, PLOVER 0.5 names mapped to
  2.0), macro-F1 over the types, and the no-event rate.
* CASE 2021 task 2 dev: the false-event rate on the non-political snippets (natural and
  man-made disasters), i.e. the share of them where the stage codes any event; also the
  event rate on the other labels.
* Wikinews (98 political reports): the stage's own time per article, with the parse done
  beforehand and not timed.

The events stage needs actors.  ``--actors stage`` runs the project's actors stage;
``standin`` uses a crude stand-in (spaCy entities and a few group nouns) so that the events
stage can be measured while the actors stage is unfinished; ``auto`` (default) uses the
actors stage when it finds actors, else the stand-in.  The data are read at run time and
never copied into the repository; their parses are cached outside it (``bench/common.py``).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from common import DATA, parse_all, read_jsonl

from eventcoder.document import EVENT_TYPES, Actor, Document, Meta, Span
from eventcoder.nlp import load
from eventcoder.stages.base import Context
from eventcoder.stages.events import EventStage

PLOVER05 = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
NON_POLITICAL = ("NATURAL_DISASTER", "MAN_MADE_DISASTER")
_ENT_TYPES = {"PERSON": "person", "ORG": "organization", "GPE": "country", "NORP": "group"}
# Stand-in only (the actors stage owns the real tables): heads of group phrases that are actors.
_GROUP_HEADS = {
    "police", "troop", "force", "soldier", "army", "military", "rebel", "militant", "insurgent",
    "protester", "demonstrator", "government", "official", "minister", "worker", "student",
    "opposition", "authority", "fighter", "gunman", "militia", "president", "leader", "party",
    "union", "court", "parliament", "ministry", "guerrilla", "activist", "refugee", "civilian",
}  # fmt: skip


def standin_actors(doc: Document, sp) -> None:
    """Entities and group noun phrases as actors, one actor per distinct surface form."""
    spans: list[tuple[int, int, str, str]] = []
    for ent in sp.ents:
        if ent.label_ in _ENT_TYPES:
            spans.append((ent.start_char, ent.end_char, ent.text, _ENT_TYPES[ent.label_]))
    taken = [(s, e) for s, e, _, _ in spans]
    for chunk in sp.noun_chunks:
        if chunk.root.lemma_.lower() in _GROUP_HEADS:
            s, e = chunk.start_char, chunk.end_char
            if not any(a < e and s < b for a, b in taken):
                spans.append((s, e, chunk.text, "group"))
                taken.append((s, e))
    by_name: dict[str, Actor] = {}
    for s, e, text, typ in sorted(spans):
        key = text.lower().removeprefix("the ")
        a = by_name.get(key)
        if a is None:
            sector = "GOV" if typ == "country" else None
            a = by_name[key] = Actor(f"a{len(by_name) + 1}", text, typ, None, sector)
        a.mentions.append(Span.of(doc.text, s, e))
    doc.actors = list(by_name.values())


class Runner:
    def __init__(self, actors_mode: str):
        self.nlp = load()
        self.events = EventStage()
        self.mode = actors_mode
        self.actor_stage = None
        if actors_mode in ("stage", "auto"):
            from eventcoder.stages.actors import ActorStage

            self.actor_stage = ActorStage()

    def prepare(self, text: str, published: str | None, sp=None) -> tuple[Document, Context]:
        doc = Document(id="s", text=text, meta=Meta(published=published))
        sp = sp if sp is not None else self.nlp(text)
        ctx = Context(sp=sp, body=(0, len(text)))
        if self.actor_stage is not None:
            self.actor_stage(doc, ctx)
        if self.mode == "standin" or (self.mode == "auto" and not doc.actors):
            standin_actors(doc, sp)
        return doc, ctx

    def code(self, text: str, published: str | None = None, sp=None):
        doc, ctx = self.prepare(text, published, sp)
        self.events(doc, ctx)
        self.last_parse = ctx.sp
        return doc


def top_event(doc: Document, sp=None):
    """The sentence's main event: the one nearest the root of the parse, then the most confident."""
    if not doc.events:
        return None

    def depth(e) -> int:
        if sp is None:
            return 0
        span = sp.char_span(e.trigger.start, e.trigger.end, alignment_mode="expand")
        t = span.root if span is not None else None
        d = 0
        while t is not None and t.head.i != t.i and d < 20:
            t, d = t.head, d + 1
        return d

    return min(doc.events, key=lambda e: (depth(e), -e.confidence, e.trigger.start))


def macro_f1(pairs: list[tuple[str, str]]) -> tuple[float, dict[str, tuple[float, float, float, int]]]:
    per: dict[str, tuple[float, float, float, int]] = {}
    for t in EVENT_TYPES:
        tp = sum(1 for g, p in pairs if g == t and p == t)
        fp = sum(1 for g, p in pairs if g != t and p == t)
        fn = sum(1 for g, p in pairs if g == t and p != t)
        support = tp + fn
        if support == 0:
            continue
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / support
        f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        per[t] = (prec, rec, f1, support)
    return (sum(v[2] for v in per.values()) / len(per) if per else 0.0), per


def score_gsr(run: Runner, path: Path, errors: int) -> dict:
    rows = read_jsonl(path)
    parses = parse_all(run.nlp, [r["text"] for r in rows], "gsr-dev-sentences")
    pairs: list[tuple[str, str]] = []
    shown = 0
    for r, sp in zip(rows, parses, strict=True):
        gold = PLOVER05.get(r["event"], r["event"])
        doc = run.code(r["text"], None, sp)
        ev = top_event(doc, run.last_parse)
        pred = ev.type if ev else "NONE"
        pairs.append((gold, pred))
        if pred != gold and shown < errors:
            shown += 1
            trig = ev.trigger.text if ev else "-"
            print(f"  [{r['id']}] gold={gold} pred={pred} trigger={trig!r}")
    acc = sum(g == p for g, p in pairs) / len(pairs)
    f1, per = macro_f1(pairs)
    none = sum(p == "NONE" for _, p in pairs) / len(pairs)
    return {"n": len(pairs), "accuracy": acc, "macro_f1": f1, "no_event": none, "per_type": per}


def score_case(run: Runner, path: Path) -> dict:
    rows = read_jsonl(path)
    parses = parse_all(run.nlp, [r["text"] for r in rows], "case2021-dev")
    fired: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for r, sp in zip(rows, parses, strict=True):
        doc = run.code(r["text"], None, sp)
        total[r["label"]] += 1
        fired[r["label"]] += bool(doc.events)
    np_total = sum(total[x] for x in NON_POLITICAL)
    np_fired = sum(fired[x] for x in NON_POLITICAL)
    pol = [x for x in total if x not in NON_POLITICAL]
    return {
        "non_political": np_total,
        "false_event_rate": np_fired / np_total if np_total else 0.0,
        "political_event_rate": sum(fired[x] for x in pol) / sum(total[x] for x in pol),
        "by_label": {k: (fired[k], total[k]) for k in sorted(total)},
    }


def time_wikinews(run: Runner, folder: Path) -> dict:
    rows = []
    for f in sorted(folder.glob("*.jsonl")):
        rows += read_jsonl(f)
    parsed = parse_all(run.nlp, [r["text"] for r in rows], "wikinews")
    prepared = [
        run.prepare(r["text"], r.get("publication_date"), sp) for r, sp in zip(rows, parsed, strict=True)
    ]
    tokens = sum(len(sp) for sp in parsed)
    best = None
    n_events = 0
    for _ in range(3):
        t0 = time.perf_counter()
        n_events = 0
        for doc, ctx in prepared:
            run.events(doc, ctx)
            n_events += len(doc.events)
        dt = time.perf_counter() - t0
        best = dt if best is None else min(best, dt)
    assert best is not None
    return {"articles": len(rows), "tokens": tokens, "seconds": best, "ms_per_article": 1000 * best / len(rows),
            "events": n_events}  # fmt: skip


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--actors", choices=("auto", "stage", "standin"), default="auto")
    ap.add_argument("--errors", type=int, default=0, help="print this many GSR mistakes (ids and types)")
    ap.add_argument("--no-timing", action="store_true")
    args = ap.parse_args()
    run = Runner(args.actors)

    gsr = score_gsr(run, args.data / "plover-gsr" / "dev.jsonl", args.errors)
    print(f"PLOVER GSR dev ({gsr['n']} sentences): type accuracy {gsr['accuracy']:.3f}  "
          f"macro-F1 {gsr['macro_f1']:.3f}  no-event rate {gsr['no_event']:.3f}")  # fmt: skip
    for t, (p, r, f, n) in gsr["per_type"].items():
        print(f"  {t:<10} P {p:.2f}  R {r:.2f}  F1 {f:.2f}  (n={n})")
    case = score_case(run, args.data / "case2021-task2" / "dev.jsonl")
    print(f"CASE 2021 dev: false-event rate on non-political snippets {case['false_event_rate']:.3f} "
          f"(n={case['non_political']}); event rate on the other labels {case['political_event_rate']:.3f}")  # fmt: skip
    for label, (fired, total) in case["by_label"].items():
        print(f"  {label:<32} {fired:>3}/{total}")
    if not args.no_timing:
        tm = time_wikinews(run, args.data / "wikinews-political")
        print(f"Wikinews: events stage {tm['ms_per_article']:.2f} ms/article over {tm['articles']} articles "
              f"({tm['tokens'] / tm['seconds']:,.0f} tokens/s, {tm['events']} events), parse not timed")  # fmt: skip


if __name__ == "__main__":
    main()
