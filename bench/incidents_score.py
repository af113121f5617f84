"""Pairwise scoring of incident grouping against gold event coreference (ECB+, near-duplicates).

    .venv/bin/python bench/incidents_score.py                # both sets, print the figures
    .venv/bin/python bench/incidents_score.py --write        # and update docs/scoreboard.md
    .venv/bin/python bench/incidents_score.py --set ecbplus  # one set

Both sets are run through ``eventcoder run`` (the real runner: extraction,
store, incidents) into a temporary DuckDB file; then each gold event mention
that one of our events codes (our trigger overlaps the gold mention's tokens;
a gold mention with several of our events takes the first) gets our event's
incident.  Over the coded gold mentions:

- a pair of mentions is *gold-coreferent* when both belong to one gold event
  (ECB+: the same cross-document instance, or the same within-document chain;
  near-duplicates: the same real event), and *predicted-coreferent* when their
  events are in one incident;
- pairwise precision = both / predicted, recall = both / gold, over pairs of
  mentions in different documents (cross-document coreference, the number
  reported first) and over all pairs.

Baselines on the same coded mentions: "one incident per type" (every coded
mention of one PLOVER type grouped) shows what grouping by type alone gives.

ECB+ (``../shared/data/ecbplus``, 10 politically relevant topics, 230 documents,
228 with selected sentences): only the sentences listed in
``ECBplus_coreference_sentences.csv`` count (the others were not fully
annotated).  Gold mentions are the ACTION_* and NEG_ACTION_* markables; a
mention's gold event is its cross-document instance, else its within-document
chain, else itself.  A document's text is its tokens joined with the usual
spacing, one line per sentence; the URL line (sentence 0 of the "ecbplus"
files) is dropped.  The documents carry no publication date (ECB+ gives none),
so an event is dated only by its text, and most are undated: those group only
with each other and need more evidence (see ``eventcoder.incidents``).  Each
document is its own outlet.  Most gold mentions are not PLOVER events at all
("elections", "scheduled", "said"): the "coded" column says how many we code.

Near-duplicates (``bench/data/near_duplicates.jsonl``, written for this
project): short reports of a few events, each told by several outlets in
different words, with same-type distractors (another place, day or party).
Each record names its gold event and the word of its main trigger.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shlex
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from itertools import combinations
from pathlib import Path
from typing import Any

from common import git_commit

ROOT = Path(__file__).resolve().parents[1]
ECB = ROOT.parent / "shared" / "data" / "ecbplus"
NEAR = ROOT / "bench" / "data" / "near_duplicates.jsonl"
SCOREBOARD = ROOT / "docs" / "scoreboard.md"
HEADING = "## Incidents (issue 6)"
START, END = "<!-- incidents:start -->", "<!-- incidents:end -->"

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "n't", "'re", "'ve", "'ll", "'d", "'m",
                   "''", "'", "’", "-", "/"}  # fmt: skip
NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#", "-", "/"}
CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}


@dataclass
class GoldDoc:
    id: str
    text: str
    # gold mention id -> (start, end) char span, gold cluster
    mentions: dict[str, tuple[int, int, str]] = field(default_factory=dict)
    published: str | None = None
    source: str | None = None


# -- ECB+ --------------------------------------------------------------------------------------


def selected_sentences() -> dict[str, set[int]]:
    out: dict[str, set[int]] = defaultdict(set)
    with (ECB / "ECBplus_coreference_sentences.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            out[f"{row['Topic']}_{row['File']}"].add(int(row["Sentence Number"]))
    return out


def read_ecb_doc(path: Path, keep: set[int]) -> GoldDoc:
    root = ET.parse(path).getroot()
    stem = path.stem
    plus = stem.endswith("ecbplus")
    tokens = []
    for t in root.iter("token"):
        sent = int(t.get("sentence"))
        if plus and sent == 0:
            continue  # the page's URL
        tokens.append((t.get("t_id"), sent, t.text or ""))
    text_parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    sent_of: dict[str, int] = {}
    pos = 0
    prev_sent = None
    prev_tok = None
    for tid, sent, word in tokens:
        if prev_sent is not None and sent != prev_sent:
            text_parts.append("\n")
            pos += 1
        elif (
            prev_tok is not None
            and word not in NO_SPACE_BEFORE
            and prev_tok not in NO_SPACE_AFTER
            and not (prev_tok in ("'", "’") and word in CLITICS)
        ):
            text_parts.append(" ")
            pos += 1
        offsets[tid] = (pos, pos + len(word))
        sent_of[tid] = sent
        text_parts.append(word)
        pos += len(word)
        prev_sent, prev_tok = sent, word
    text = "".join(text_parts)
    # markables
    anchors: dict[str, list[str]] = {}
    for m in root.find("Markables") or []:
        if not (m.tag.startswith("ACTION") or m.tag.startswith("NEG_ACTION")):
            continue
        ids = [a.get("t_id") for a in m.findall("token_anchor")]
        if ids:
            anchors[m.get("m_id")] = ids
    cluster: dict[str, str] = {}
    for rel in root.find("Relations") or []:
        sources = [s.get("m_id") for s in rel.findall("source")]
        if rel.tag == "CROSS_DOC_COREF":
            cid = "x:" + (rel.get("note") or rel.get("r_id"))
        elif rel.tag == "INTRA_DOC_COREF":
            cid = f"i:{stem}:{rel.get('r_id')}"
        else:
            continue
        for s in sources:
            cluster[s] = cid
    doc = GoldDoc(stem, text, source=stem)
    for mid, tids in anchors.items():
        tids = [t for t in tids if t in offsets]
        if not tids or any(sent_of[t] not in keep for t in tids):
            continue
        start = min(offsets[t][0] for t in tids)
        end = max(offsets[t][1] for t in tids)
        doc.mentions[mid] = (start, end, cluster.get(mid, f"s:{stem}:{mid}"))
    return doc


def ecb_docs() -> list[GoldDoc]:
    keep = selected_sentences()
    docs = []
    for path in sorted((ECB / "ECB+").glob("*/*.xml")):
        sents = keep.get(path.stem)
        if not sents:
            continue
        docs.append(read_ecb_doc(path, sents))
    return docs


# -- near-duplicates ------------------------------------------------------------------------------


def near_docs() -> list[GoldDoc]:
    docs = []
    with NEAR.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            r = json.loads(line)
            m = re.search(r"\b" + re.escape(r["trigger"]) + r"\b", r["text"])
            assert m, (r["id"], r["trigger"])
            d = GoldDoc(r["id"], r["text"], published=r["published"], source=r["source"])
            d.mentions["m1"] = (m.start(), m.end(), r["event"])
            docs.append(d)
    return docs


# -- running and scoring ----------------------------------------------------------------------------


def run_docs(docs: list[GoldDoc], db: Path) -> float:
    from eventcoder.records import Record
    from eventcoder.runner import run_corpus

    records = [
        Record(text=d.text, id=d.id, published=d.published, source=d.source, origin=d.id) for d in docs
    ]
    t0 = time.perf_counter()
    report = run_corpus(records, db=str(db), workers=1, progress=False)
    return time.perf_counter() - t0 if report.stored else 0.0


def coded(docs: list[GoldDoc], db: Path) -> tuple[dict[tuple[str, str], tuple[str, str]], dict[str, int]]:
    """gold mention (doc, mid) -> (our incident, our type); and counts."""
    from eventcoder.store import Store

    with Store(db, read_only=True) as s:
        _, rows = s.query(
            """SELECT e.doc_id, e.event_id, e.type, e.trigger_start, e.trigger_end, l.incident_id,
                      e.negated, e.modality, e.date_lo IS NOT NULL
               FROM events e LEFT JOIN incident_events l USING (doc_id, event_id)
               ORDER BY e.doc_id, e.trigger_start"""
        )
    ours: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
    for r in rows:
        ours[r[0]].append(r)
    out = {}
    counts = Counter()
    for d in docs:
        for mid, (start, end, _cluster) in d.mentions.items():
            counts["gold mentions"] += 1
            hits = [r for r in ours.get(d.id, []) if r[3] < end and start < r[4]]
            if not hits:
                continue
            counts["matched by an event"] += 1
            inc = next((r for r in hits if r[5] is not None), None)
            if inc is None:
                why = hits[0]
                reason = "negated" if why[6] else why[7]  # a modality other than asserted/historical
                counts[f"event not in an incident ({reason})"] += 1
                continue
            counts["coded (in an incident)"] += 1
            out[(d.id, mid)] = (inc[5], inc[2])
    return out, dict(counts)


def pairwise(items: list[tuple[str, str, str]], cross_only: bool) -> dict[str, float]:
    """items: (doc, gold cluster, predicted cluster)."""
    tp = fp = fn = 0
    for (d1, g1, p1), (d2, g2, p2) in combinations(items, 2):
        if cross_only and d1 == d2:
            continue
        same_g, same_p = g1 == g2, p1 == p2
        tp += same_g and same_p
        fp += same_p and not same_g
        fn += same_g and not same_p
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"P": p, "R": r, "F1": f, "gold pairs": tp + fn, "predicted pairs": tp + fp}


def score_set(name: str, docs: list[GoldDoc]) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / f"{name}.duckdb"
        secs = run_docs(docs, db)
        ours, counts = coded(docs, db)
    gold = {(d.id, mid): c for d in docs for mid, (_, _, c) in d.mentions.items()}
    items = [(doc, gold[(doc, mid)], inc) for (doc, mid), (inc, _t) in sorted(ours.items())]
    by_type = [(doc, gold[(doc, mid)], t) for (doc, mid), (_i, t) in sorted(ours.items())]
    return {
        "name": name,
        "documents": len(docs),
        "seconds": secs,
        "counts": counts,
        "cross": pairwise(items, True),
        "all": pairwise(items, False),
        "type_cross": pairwise(by_type, True),
    }


def render(results: list[dict[str, Any]], command: str) -> str:
    lines = [
        HEADING,
        "",
        START,
        f"- date: {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}; commit `{git_commit(('src', 'bench'))}`",
        f"- command: `{command}`",
        "- what: our incidents (events grouped across reports) against gold event coreference; pairwise "
        "precision/recall over the gold event mentions our events code (a trigger overlaps the mention and "
        "the event is in an incident); *cross-doc* counts pairs of mentions in different documents. "
        "Baseline: one incident per PLOVER type. Method and caveats: `bench/incidents_score.py`, "
        "`src/eventcoder/incidents.py`.",
        "",
        "| set | docs | gold mentions | coded | cross-doc P | cross-doc R | cross-doc F1 | all-pairs P | all-pairs R "
        "| baseline P (type only) | baseline R |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        c, x, a, b = r["counts"], r["cross"], r["all"], r["type_cross"]
        lines.append(
            f"| {r['name']} | {r['documents']} | {c.get('gold mentions', 0)} | {c.get('coded (in an incident)', 0)} "
            f"| {x['P']:.3f} | {x['R']:.3f} | {x['F1']:.3f} | {a['P']:.3f} | {a['R']:.3f} | {b['P']:.3f} | {b['R']:.3f} |"
        )
    lines.append("")
    for r in results:
        c = r["counts"]
        detail = "; ".join(f"{k}: {v}" for k, v in c.items())
        x = r["cross"]
        lines.append(
            f"- {r['name']}: {detail}; cross-doc gold pairs {x['gold pairs']}, predicted pairs "
            f"{x['predicted pairs']}; run {r['seconds']:.1f} s"
        )
    lines.append(END)
    return "\n".join(lines) + "\n"


def write(section: str) -> None:
    text = SCOREBOARD.read_text("utf-8") if SCOREBOARD.exists() else "# Scoreboard\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        _, tail = rest.split(END, 1)
        body = section.split(START, 1)[1].split(END, 1)[0]
        text = head + START + body + END + tail
    else:
        text = text.rstrip("\n") + "\n\n" + section
    SCOREBOARD.write_text(text, "utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--set", choices=["ecbplus", "near", "both"], default="both")
    ap.add_argument(
        "--write", action="store_true", help=f"update the '{HEADING}' section of docs/scoreboard.md"
    )
    args = ap.parse_args(argv)
    results = []
    if args.set in ("near", "both"):
        results.append(score_set("near-duplicates", near_docs()))
    if args.set in ("ecbplus", "both"):
        if not ECB.exists():
            print(f"incidents_score: {ECB}: not found", file=sys.stderr)
            return 2
        results.append(score_set("ECB+ (10 topics)", ecb_docs()))
    command = (
        "cd "
        + shlex.quote(str(ROOT))
        + " && .venv/bin/python bench/incidents_score.py "
        + " ".join(shlex.quote(a) for a in (argv if argv is not None else sys.argv[1:]))
    )
    text = render(results, command.strip())
    print(text)
    if args.write:
        write(text)
        print(f"wrote {SCOREBOARD}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
