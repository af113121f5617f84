"""Quick score of the quotes stage on PolNeAR dev, for iterating on the stage.

Not the official scorer (that is ``eventcoder evaluate --task quotes``): this
one exists so a change to the quotes stage shows its effect in seconds.

    .venv/bin/python bench/quotes_quickscore.py [--misses N] [--limit N]
    .venv/bin/python bench/quotes_quickscore.py --time-wikinews
    .venv/bin/python bench/quotes_quickscore.py --gum

Rules: each PolNeAR document once (the first annotator's copy); each content
piece of an attribution is a gold quote; a system quote matches a gold piece
when their overlap (after stripping quote marks, commas and spaces at both
ends) is at least half the longer span, one-to-one.  Pieces with only white space
between them are joined; "direct" gold = pieces that open with a quote mark.  The speaker is right when
the speaker mention overlaps a gold source span, or the speaker actor has a
mention that does, or both name the same surname (last word).

The spaCy parses are cached outside the repository (``bench/common.py``): the
data has no licence for redistribution.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter

from common import GUM_DEV, POLNEAR_DEV, parse_all, read_jsonl, run_cached, wikinews_records

STRIP = " \t\n\"'\u201c\u201d\u2018\u2019`,.;:"
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019`\u00ab\u00bb\u201e"


def _norm(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in STRIP:
        start += 1
    while end > start and text[end - 1] in STRIP:
        end -= 1
    return start, end


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(text: str, system: list[tuple[int, int]], gold: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs (system index, gold index), largest overlaps first."""
    sysn = [_norm(text, *s) for s in system]
    goldn = [_norm(text, *g) for g in gold]
    cands = []
    for i, s in enumerate(sysn):
        for j, g in enumerate(goldn):
            ov = _overlap(s, g)
            if ov and ov * 2 >= max(s[1] - s[0], g[1] - g[0]):
                cands.append((ov, i, j))
    cands.sort(reverse=True)
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in cands:
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


def load_polnear(limit: int | None) -> list[dict]:
    seen: set[str] = set()
    docs = []
    for line in POLNEAR_DEV.read_text("utf-8").splitlines():
        d = json.loads(line)
        if d["doc_id"] in seen:
            continue
        seen.add(d["doc_id"])
        docs.append(d)
    return docs[:limit] if limit else docs


def run_pipeline(pipe, records, parses):
    """Run every stage on cached parses; return documents and the quotes stage's time."""
    timing: Counter = Counter()
    docs = run_cached(pipe, records, parses, timing)
    return docs, timing["quotes"]


def gold_pieces(text: str, attributions: list[dict]) -> list[tuple[int, int, bool, list[dict]]]:
    """(start, end, direct, sources) per content piece; pieces with only white space
    between them are one stretch the annotators cut at a sentence end, so they are
    joined; a piece is direct when it opens with a quote mark."""
    out = []
    for a in attributions:
        merged: list[list[int]] = []
        for s, e in sorted((c["start"], c["end"]) for c in a["content"]):
            if merged and not text[merged[-1][1] : s].strip():
                merged[-1][1] = max(merged[-1][1], e)
            else:
                merged.append([s, e])
        for s, e in merged:
            direct = text[s:e].lstrip()[:1] in QUOTE_MARKS
            out.append((s, e, direct, a["source"]))
    return out


def speaker_ok(doc, q, sources: list[dict]) -> bool:
    if not sources:
        return q.speaker is None and q.speaker_mention is None
    spans = [(s["start"], s["end"]) for s in sources]
    if q.speaker_mention is not None:
        m = (q.speaker_mention.start, q.speaker_mention.end)
        if any(_overlap(m, s) for s in spans):
            return True
    actor = doc.actor(q.speaker)
    if actor is not None and any(_overlap((m.start, m.end), s) for m in actor.mentions for s in spans):
        return True
    names = []
    if actor is not None:
        names.append(actor.name)
    if q.speaker_mention is not None:
        names.append(q.speaker_mention.text)
    gold_last = {s["text"].split()[-1].lower().strip(",.'\u2019s") for s in sources if s["text"].split()}
    for name in names:
        words = name.split()
        if words and words[-1].lower().strip(",.'\u2019s") in gold_last and words[-1][:1].isupper():
            return True
    return False


def prf(tp: int, nsys: int, ngold: int) -> tuple[float, float, float]:
    p = tp / nsys if nsys else 0.0
    r = tp / ngold if ngold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def score(docs, golds, misses: int) -> dict:
    tot = {
        k: 0 for k in ("all_sys", "all_gold", "all_tp", "all_sp", "dir_sys", "dir_gold", "dir_tp", "dir_sp")
    }
    tot["dir_sys_lenient_fp"] = 0
    miss_log: dict[str, list[str]] = {"fn_direct": [], "fp_direct": [], "speaker": [], "fn_indirect": []}
    for doc, g in zip(docs, golds, strict=True):
        text = doc.text
        pieces = gold_pieces(text, g["attributions"])
        sys_all = [(q.start, q.end) for q in doc.quotes]
        pairs = match(text, sys_all, [(p[0], p[1]) for p in pieces])
        tot["all_sys"] += len(sys_all)
        tot["all_gold"] += len(pieces)
        tot["all_tp"] += len(pairs)
        tot["all_sp"] += sum(speaker_ok(doc, doc.quotes[i], pieces[j][3]) for i, j in pairs)
        # direct: system direct quotes against gold direct pieces
        sys_dir = [k for k, q in enumerate(doc.quotes) if q.kind == "direct"]
        gold_dir = [k for k, p in enumerate(pieces) if p[2]]
        dpairs = match(text, [sys_all[k] for k in sys_dir], [(pieces[k][0], pieces[k][1]) for k in gold_dir])
        tot["dir_sys"] += len(sys_dir)
        tot["dir_gold"] += len(gold_dir)
        tot["dir_tp"] += len(dpairs)
        matched_sys = {sys_dir[i] for i, _ in dpairs}
        matched_gold = {gold_dir[j] for _, j in dpairs}
        all_matched_sys = {i for i, _ in pairs}
        for k in sys_dir:
            if k not in matched_sys and k not in all_matched_sys:
                tot["dir_sys_lenient_fp"] += 1
        for i, j in dpairs:
            q = doc.quotes[sys_dir[i]]
            p = pieces[gold_dir[j]]
            ok = speaker_ok(doc, q, p[3])
            tot["dir_sp"] += ok
            if not ok:
                miss_log["speaker"].append(
                    f"{g['doc_id']}: {q.text[:70]!r} sys={q.speaker_mention.text if q.speaker_mention else None!r}"
                    f" gold={[s['text'] for s in p[3]]!r} conf={q.confidence}"
                )
        for k in gold_dir:
            if k not in matched_gold:
                s, e = pieces[k][0], pieces[k][1]
                near = [q for q in doc.quotes if q.start < e and s < q.end]
                miss_log["fn_direct"].append(
                    f"{g['doc_id']}: {text[max(0, s - 60) : e + 40]!r}\n      near={[(q.kind, q.text[:50]) for q in near]}"
                )
        for k in sys_dir:
            if k not in matched_sys:
                q = doc.quotes[k]
                tag = "" if k in all_matched_sys else " [no gold at all]"
                miss_log["fp_direct"].append(
                    f"{g['doc_id']}{tag}: {text[max(0, q.start - 60) : q.end + 40]!r}"
                )
        gold_ind_missed = [k for k, p in enumerate(pieces) if not p[2] and k not in {j for _, j in pairs}]
        for k in gold_ind_missed:
            s, e = pieces[k][0], pieces[k][1]
            miss_log["fn_indirect"].append(f"{g['doc_id']}: {text[s:e][:120]!r}")
    if misses:
        for key, items in miss_log.items():
            print(f"\n=== {key} ({len(items)})")
            for line in items[:misses]:
                print("  -", line)
    return tot


def report(tot: dict) -> None:
    p, r, f = prf(tot["dir_tp"], tot["dir_sys"], tot["dir_gold"])
    lp, _, _ = prf(tot["dir_sys"] - tot["dir_sys_lenient_fp"], tot["dir_sys"], tot["dir_gold"])
    ep, er, ef = prf(tot["dir_sp"], tot["dir_sys"], tot["dir_gold"])
    sacc = tot["dir_sp"] / tot["dir_tp"] if tot["dir_tp"] else 0.0
    print(
        f"direct quotes : sys {tot['dir_sys']:4d} gold {tot['dir_gold']:4d} tp {tot['dir_tp']:4d}  P {p:.3f} R {r:.3f} F1 {f:.3f}"
    )
    print(f"                lenient P (FP only when no gold piece at all) {lp:.3f}")
    print(f"                speaker acc {sacc:.3f}   end-to-end P {ep:.3f} R {er:.3f} F1 {ef:.3f}")
    p, r, f = prf(tot["all_tp"], tot["all_sys"], tot["all_gold"])
    ep, er, ef = prf(tot["all_sp"], tot["all_sys"], tot["all_gold"])
    sacc = tot["all_sp"] / tot["all_tp"] if tot["all_tp"] else 0.0
    print(
        f"all attribs   : sys {tot['all_sys']:4d} gold {tot['all_gold']:4d} tp {tot['all_tp']:4d}  P {p:.3f} R {r:.3f} F1 {f:.3f}"
    )
    print(f"                speaker acc {sacc:.3f}   end-to-end P {ep:.3f} R {er:.3f} F1 {ef:.3f}")


def time_wikinews(pipe) -> None:
    records = wikinews_records()
    parses = parse_all(pipe.nlp, [r.text for r in records], "wikinews")
    best = None
    for _ in range(3):
        docs, secs = run_pipeline(pipe, records, parses)
        best = secs if best is None else min(best, secs)
    words = sum(len(r.text.split()) for r in records)
    nq = sum(len(d.quotes) for d in docs)
    assert best is not None
    print(
        f"quotes stage on {len(records)} wikinews articles ({words} words): {best * 1000:.1f} ms total, "
        f"{best * 1000 / len(records):.2f} ms/article (best of 3); {nq} quotes"
    )


def gum_check(pipe, misses: int = 0) -> None:
    """GUM news docs: recall of its direct quotations ('quote' tag, contained in one of ours)
    and how many of its scare quotes ('q' tag) we took for a direct quote."""
    from eventcoder.records import Record

    rows = [r for r in read_jsonl(GUM_DEV) if r.get("genre") == "news"]
    records = [Record(text=r["text"], id=r["doc_id"]) for r in rows]
    parses = parse_all(pipe.nlp, [r.text for r in records], "gum-dev-news")
    docs, _ = run_pipeline(pipe, records, parses)
    got = total = scare = scare_hit = 0
    for doc, r in zip(docs, rows, strict=True):
        spans = [(q.start, q.end, q.kind) for q in doc.quotes]
        for g in r["quotes"]:
            s, e = _norm(doc.text, g["start"], g["end"])
            if g["tag"] == "quote":
                total += 1
                hit = any(a <= s + 1 and e - 1 <= b for a, b, _ in spans)
                got += hit
                if not hit and misses:
                    print(f"  missed {r['doc_id']}: {doc.text[max(0, s - 80) : e + 30]!r}")
            else:
                scare += 1
                scare_hit += any(_norm(doc.text, a, b) == (s, e) and k == "direct" for a, b, k in spans)
    print(
        f"GUM news ({len(docs)} docs): direct quotations covered {got}/{total} = {got / max(1, total):.3f}; "
        f"scare quotes taken for direct quotes {scare_hit}/{scare}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--misses", type=int, default=0, help="print up to N misses of each kind")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N documents")
    ap.add_argument(
        "--time-wikinews", action="store_true", help="time the quotes stage on the wikinews articles"
    )
    ap.add_argument("--gum", action="store_true", help="check GUM news quotations and scare quotes instead")
    args = ap.parse_args(argv)

    from eventcoder.pipeline import Pipeline
    from eventcoder.records import Record

    pipe = Pipeline()
    if args.time_wikinews:
        time_wikinews(pipe)
        return 0
    if args.gum:
        gum_check(pipe, args.misses)
        return 0
    golds = load_polnear(args.limit)
    records = [Record(text=g["text"], id=g["doc_id"], published=g.get("publication_date")) for g in golds]
    parses = parse_all(pipe.nlp, [r.text for r in records], "polnear-dev")
    docs, secs = run_pipeline(pipe, records, parses)
    tot = score(docs, golds, args.misses)
    print(f"PolNeAR dev: {len(docs)} documents; quotes stage {secs * 1000:.0f} ms")
    report(tot)
    return 0


if __name__ == "__main__":
    sys.exit(main())
