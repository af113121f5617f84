"""Entities: named person / organisation / place spans, and coreference of persons and organisations.

Our mentions: every non-pronoun mention of an actor (person -> person,
organization -> organization, group -> person as GUM counts groups of people)
and every place mention.  Mentions of country *actors* are left to the places:
they include demonyms and descriptions ("Israeli", "the Indian government")
that no gold marks as a place name.  Only *names* are scored: a mention
counts as a name by the capitals rule of :class:`names.NameRule`, applied to
the gold and to our output alike.  A span matches when the overlap covers half the shorter span (so "Rua
Tane" matches the gold noun phrase "geologist Rua Tane"), one-to-one, tightest
pair first; the typed score also needs the same type.  An unmatched mention of
ours that lies on a gold person/organisation/place mention that is not a name
("the minister") is neither right nor wrong: the gold does not score it.

Coreference (GUM): gold clusters of person and organisation mentions (all
mentions, pronouns included) against our actors of type person, organization
and group; singleton clusters are dropped on both sides (the CoNLL-2012
convention).  Our mentions are aligned to gold mentions by the same span rule;
MUC and B-cubed then count over the aligned ids, a mention without a twin
counting as its own.
"""

from __future__ import annotations

from collections import defaultdict

from ..document import Document
from .gold import GoldItem, GoldSet
from .metrics import (
    PRF,
    Fraction,
    Range,
    b_cubed,
    exact,
    half_of_shorter,
    match_one_to_one,
    muc,
    overlap,
)
from .names import NameRule, is_pronoun
from .report import Result, Table, snippet

TYPES = ("person", "organization", "place")
ACTOR_TYPE: dict[str, str | None] = {
    "person": "person",
    "organization": "organization",
    "group": "person",
    "country": None,
}
COREF_ACTOR_TYPES = ("person", "organization", "group")


def system_mentions(doc: Document) -> list[tuple[Range, str]]:
    seen: set[tuple[Range, str]] = set()
    out = []
    for a in doc.actors:
        et = ACTOR_TYPE.get(a.type)
        if et is None:
            continue
        for m in a.mentions:
            if is_pronoun(m.text):
                continue
            key = ((m.start, m.end), et)
            if key not in seen:
                seen.add(key)
                out.append(key)
    for p in doc.places:
        for m in p.mentions:
            key = ((m.start, m.end), "place")
            if key not in seen:
                seen.add(key)
                out.append(key)
    return sorted(out)


class _SpanCounts:
    def __init__(self) -> None:
        self.typed = {t: PRF() for t in TYPES}
        self.untyped = PRF()
        self.exact = PRF()


def score_entities(gs: GoldSet, docs: list[Document], system: str) -> Result:
    res = Result("entities", gs.dataset, system, items=len(gs.items))
    c = _SpanCounts()
    for item, doc in zip(gs.items, docs, strict=True):
        _score_spans(item, doc, c, res)
    t = Table(
        "Named entity spans (overlap >= half the shorter span)", ["type", "gold", "system", "P", "R", "F1"]
    )
    total = PRF()
    for et in TYPES:
        p = c.typed[et]
        total += p
        t.add(et, p.n_gold, p.n_sys, p.precision, p.recall, p.f1)
    t.add("all (typed)", total.n_gold, total.n_sys, total.precision, total.recall, total.f1)
    t.add(
        "all (type ignored)",
        c.untyped.n_gold,
        c.untyped.n_sys,
        c.untyped.precision,
        c.untyped.recall,
        c.untyped.f1,
    )
    t.add(
        "all (typed, exact span)",
        c.exact.n_gold,
        c.exact.n_sys,
        c.exact.precision,
        c.exact.recall,
        c.exact.f1,
    )
    res.tables.append(t)
    res.figures["spans"] = {
        **{et: c.typed[et].as_dict() for et in TYPES},
        "all": total.as_dict(),
        "untyped": c.untyped.as_dict(),
        "exact": c.exact.as_dict(),
    }
    res.summary = (
        f"typed span F1 {total.f1:.3f} (person {c.typed['person'].f1:.3f}, org {c.typed['organization'].f1:.3f}, "
        f"place {c.typed['place'].f1:.3f}); untyped {c.untyped.f1:.3f}"
    )
    return res


def _score_spans(item: GoldItem, doc: Document, c: _SpanCounts, res: Result) -> None:
    text = item.text
    starts = item.sentence_starts or [0]
    gold_all = [m for m in item.mentions or [] if m.etype in TYPES]
    gold = [m for m in gold_all if m.named]
    dont_care = [(m.start, m.end) for m in gold_all if not m.named]
    rule = NameRule(text, starts)
    sys_all = [(r, t) for r, t in system_mentions(doc) if rule(r[0], r[1])]
    g_r = [(m.start, m.end) for m in gold]
    s_r = [r for r, _ in sys_all]

    def same_type(gi: int, si: int) -> bool:
        return gold[gi].etype == sys_all[si][1]

    typed = match_one_to_one(g_r, s_r, half_of_shorter, same_type)
    untyped = match_one_to_one(g_r, s_r, half_of_shorter)
    exact_pairs = match_one_to_one(g_r, s_r, exact, same_type)

    def counted(matched: set[int]) -> list[int]:
        # ours that count: matched, or unmatched and not lying on a gold non-name
        return [
            si
            for si, (r, _) in enumerate(sys_all)
            if si in matched or not any(overlap(r, d) for d in dont_care)
        ]

    ms_typed = {si for _, si in typed}
    sys_typed = counted(ms_typed)
    for et in TYPES:
        tp = sum(1 for gi, _ in typed if gold[gi].etype == et)
        c.typed[et].add(
            tp, sum(1 for si in sys_typed if sys_all[si][1] == et), sum(1 for m in gold if m.etype == et)
        )
    c.untyped.add(len(untyped), len(counted({si for _, si in untyped})), len(gold))
    c.exact.add(len(exact_pairs), len(counted({si for _, si in exact_pairs})), len(gold))

    mg_typed = {gi for gi, _ in typed}
    loose = dict(untyped)
    for gi, m in enumerate(gold):
        if gi in mg_typed:
            continue
        si = loose.get(gi)
        if si is not None:
            r, st = sys_all[si]
            res.error(item.id, "wrong type", gold_type=m.etype, system_type=st, start=m.start, end=m.end,
                      text=snippet(text, m.start, m.end), system_text=snippet(text, r[0], r[1]))  # fmt: skip
        else:
            res.error(
                item.id,
                "missed entity",
                type=m.etype,
                start=m.start,
                end=m.end,
                text=snippet(text, m.start, m.end),
            )
    loose_s = {si for _, si in untyped}
    for si in sys_typed:
        if si in ms_typed or si in loose_s:
            continue
        r, st = sys_all[si]
        res.error(item.id, "false entity", type=st, start=r[0], end=r[1], text=snippet(text, r[0], r[1]))


# -- coreference --------------------------------------------------------------------------


def score_coref(gs: GoldSet, docs: list[Document], system: str) -> Result:
    res = Result("coref", gs.dataset, system, items=len(gs.items))
    m_total = PRF()
    b_total = Fraction()
    for item, doc in zip(gs.items, docs, strict=True):
        m, b = _coref_doc(item, doc, res)
        m_total += m
        b_total += b
    t = Table(
        "Coreference of persons and organisations (singletons dropped)",
        ["metric", "P", "R", "F1"],
    )
    t.add("MUC", m_total.precision, m_total.recall, m_total.f1)
    t.add("B-cubed", b_total.precision, b_total.recall, b_total.f1)
    avg = (m_total.f1 + b_total.f1) / 2
    t.add("mean of F1", None, None, avg)
    res.tables.append(t)
    res.figures = {
        "muc": {
            "precision": round(m_total.precision, 4),
            "recall": round(m_total.recall, 4),
            "f1": round(m_total.f1, 4),
        },
        "b_cubed": b_total.as_dict(),
        "mean_f1": round(avg, 4),
    }
    res.summary = f"MUC F1 {m_total.f1:.3f}, B-cubed F1 {b_total.f1:.3f}, mean {avg:.3f}"
    return res


def gold_clusters(item: GoldItem) -> dict[str, list[int]]:
    """Gold person/organisation clusters (size >= 2) as lists of mention indices."""
    by: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(item.mentions or []):
        if m.cluster is not None and m.etype in ("person", "organization"):
            by[m.cluster].append(i)
    return {k: v for k, v in by.items() if len(v) >= 2}


def _coref_doc(item: GoldItem, doc: Document, res: Result) -> tuple[PRF, Fraction]:
    mentions = item.mentions or []
    clusters = gold_clusters(item)
    g_ids = [i for ids in clusters.values() for i in ids]
    g_r = [(mentions[i].start, mentions[i].end) for i in g_ids]
    actors = [a for a in doc.actors if a.type in COREF_ACTOR_TYPES and len(a.mentions) >= 2]
    s_items = [(a.id, (m.start, m.end)) for a in actors for m in a.mentions]
    pairs = match_one_to_one(g_r, [r for _, r in s_items], half_of_shorter)
    twin = {si: ("g", g_ids[gi]) for gi, si in pairs}
    key = [frozenset(("g", i) for i in ids) for ids in clusters.values()]
    resp: dict[str, set[tuple[str, object]]] = defaultdict(set)
    for si, (aid, r) in enumerate(s_items):
        resp[aid].add(twin.get(si, ("s", (aid, r))))
    response = [frozenset(v) for v in resp.values()]
    # Errors a developer can act on: gold entities we split, actors of ours that merge entities.
    actor_of = {twin[si]: s_items[si][0] for si in twin}
    for cid, ids in clusters.items():
        owners = {actor_of.get(("g", i)) for i in ids}
        if len(owners) > 1:
            res.error(
                item.id,
                "split entity",
                gold_cluster=cid,
                mentions=[
                    [snippet(item.text, mentions[i].start, mentions[i].end, 40), actor_of.get(("g", i))]
                    for i in ids[:12]
                ],
            )
    cluster_of = {("g", i): cid for cid, ids in clusters.items() for i in ids}
    for a in actors:
        cids = {cluster_of[x] for x in resp[a.id] if x in cluster_of}
        if len(cids) > 1:
            res.error(item.id, "merged entities", actor=a.id, name=a.name, gold_clusters=sorted(cids))
    return muc(key, response), b_cubed(key, response)
