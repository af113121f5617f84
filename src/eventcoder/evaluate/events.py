"""Events, scored per sentence.

Each gold item is one sentence (or snippet).  We compare the gold with our
*main* event of that text, chosen by a fixed rule: among the events that are
not negated, the asserted ones first (modality ``asserted``), then the highest
confidence, then the earliest trigger.  No such event = "no event".

- PLOVER GSR / UniversalPetrarch: type accuracy and macro-F1 (over the gold's
  types), actor and recipient country accuracy, full-triple accuracy, the rate of
  sentences with no event; for UniversalPetrarch also the false-event rate on
  sentences whose gold codes no PLOVER event.  An actor (recipient) is right
  when the countries of our event's actor (recipient) ids share a code with the
  gold's, or both have none.  Where the gold holds several events, the one whose
  type our main event has is the one compared.
- ConfliBERT quad class: our main event's own ``quad_class`` (the PLOVER manual's
  quad table), or for older documents its type through
  ``data/evaluate/plover_quadclass.tsv`` (the same table); no event = 0, "statement".
- ConfliBERT source/target spans: our main event's actor (recipient) mentions
  inside its evidence, closest to the trigger, against the gold source (target)
  spans; a gold reciprocal span accepts either role.  A span matches when the
  overlap covers half the shorter span.
- CASE 2021: accuracy of the main event's type against the label's PLOVER
  types (``data/evaluate/case2021_plover.tsv``), and the false-event rate on
  the non-political labels.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..document import EVENT_TYPES, Document, Event
from .gold import GoldEvent, GoldRole, GoldSet
from .metrics import PRF, Accuracy, Range, exact, half_of_shorter, macro_f1, match_one_to_one, per_class_prf
from .report import Result, Table, snippet
from .tables import case_labels, quad_classes

NONE = "(none)"


def main_event(doc: Document, events: Iterable[Event] | None = None) -> Event | None:
    cands = [e for e in (doc.events if events is None else events) if not e.negated]
    if not cands:
        return None
    return max(cands, key=lambda e: (e.modality == "asserted", e.confidence, -e.trigger.start))


def countries(doc: Document, ids: list[str]) -> frozenset[str]:
    out = set()
    for aid in ids:
        a = doc.actor(aid)
        if a is not None and a.country:
            out.add(a.country)
    return frozenset(out)


def _role_ok(sys_codes: frozenset[str] | None, gold_codes: frozenset[str]) -> bool:
    if sys_codes is None:
        return False  # no event: no actor either
    return bool(sys_codes & gold_codes) if gold_codes else not sys_codes


def _event_label(doc: Document, e: Event | None) -> dict[str, object] | None:
    if e is None:
        return None
    return {
        "type": e.type,
        "trigger": e.trigger.text,
        "actor": sorted(countries(doc, e.actor)) or [doc.actor(a).name for a in e.actor if doc.actor(a)],
        "recipient": sorted(countries(doc, e.recipient))
        or [doc.actor(a).name for a in e.recipient if doc.actor(a)],
    }


def score_sentence_events(gs: GoldSet, docs: list[Document], system: str) -> Result:
    res = Result("events", gs.dataset, system, items=len(gs.items))
    type_acc, actor_acc, recip_acc, triple_acc = Accuracy(), Accuracy(), Accuracy(), Accuracy()
    no_event = Accuracy()  # "right" = a sentence with an expected event where we coded none
    false_event = Accuracy()  # over sentences that expect no event
    pairs: list[tuple[str, str]] = []
    for item, doc in zip(gs.items, docs, strict=True):
        gold = item.events or []
        typed = [g for g in gold if g.type]
        m = main_event(doc)
        if not typed:
            false_event.add(m is not None)
            pairs.append((NONE, m.type if m else NONE))
            if m is not None:
                res.error(item.id, "false event", text=snippet(item.text, 0, len(item.text), 160),
                          system=_event_label(doc, m), gold_cameo=[g.cameo for g in gold])  # fmt: skip
            continue
        g = next((x for x in typed if m is not None and x.type == m.type), typed[0])
        t_ok = m is not None and m.type == g.type
        a_ok = _role_ok(countries(doc, m.actor) if m else None, g.actors)
        r_ok = _role_ok(countries(doc, m.recipient) if m else None, g.recipients)
        type_acc.add(t_ok)
        actor_acc.add(a_ok)
        recip_acc.add(r_ok)
        triple_acc.add(t_ok and a_ok and r_ok)
        no_event.add(m is None)
        pairs.append((g.type or NONE, m.type if m else NONE))
        if not (t_ok and a_ok and r_ok):
            res.error(
                item.id,
                "no event" if m is None else ("wrong type" if not t_ok else "wrong actor or recipient"),
                text=snippet(item.text, 0, len(item.text), 160),
                gold=_gold_label(g),
                system=_event_label(doc, m),
            )
    per = per_class_prf(pairs, none=NONE)
    mf1 = macro_f1(per)
    t = Table(
        "Events per sentence (our main event vs the gold)",
        ["sentences", "type acc", "macro-F1", "actor acc", "recipient acc", "triple acc", "no event"],
    )
    t.add(
        type_acc.total,
        type_acc.value,
        mf1,
        actor_acc.value,
        recip_acc.value,
        triple_acc.value,
        no_event.value,
    )
    res.tables.append(t)
    if false_event.total:
        t2 = Table("Sentences whose gold codes no PLOVER event", ["sentences", "false-event rate"])
        t2.add(false_event.total, false_event.value)
        res.tables.append(t2)
    t3 = Table("By gold type", ["type", "gold", "system", "P", "R", "F1"], headline=False)
    for k in sorted(k for k in per if k != NONE):
        v = per[k]
        t3.add(k, v.n_gold, v.n_sys, v.precision, v.recall, v.f1)
    res.tables.append(t3)
    res.figures = {
        "type": type_acc.as_dict(),
        "macro_f1": round(mf1, 4),
        "actor_country": actor_acc.as_dict(),
        "recipient_country": recip_acc.as_dict(),
        "triple": triple_acc.as_dict(),
        "no_event_rate": no_event.as_dict(),
        "false_event_rate": false_event.as_dict(),
        "by_type": {str(k): v.as_dict() for k, v in per.items()},
    }
    res.summary = (
        f"type acc {type_acc.value:.3f}, macro-F1 {mf1:.3f}, actor {actor_acc.value:.3f}, "
        f"recipient {recip_acc.value:.3f}, triple {triple_acc.value:.3f}, no event {no_event.value:.3f}"
    )
    if false_event.total:
        res.summary += f", false events {false_event.value:.3f}"
    return res


def _gold_label(g: GoldEvent) -> dict[str, object]:
    return {"type": g.type, "actor": sorted(g.actors), "recipient": sorted(g.recipients), "cameo": g.cameo}


# -- ConfliBERT quad class ----------------------------------------------------------

QUAD_NAMES = {
    0: "statement",
    1: "verbal coop",
    2: "material coop",
    3: "verbal conflict",
    4: "material conflict",
}


def quad_class(e: Event | None) -> int:
    if e is None:
        return 0
    return e.quad_class if e.quad_class else quad_classes()[e.type]


def score_quad_class(gs: GoldSet, docs: list[Document], system: str) -> Result:
    res = Result("events", gs.dataset, system, items=len(gs.items))
    acc = Accuracy()
    pairs = []
    confusion = {(g, p): 0 for g in QUAD_NAMES for p in QUAD_NAMES}
    for item, doc in zip(gs.items, docs, strict=True):
        m = main_event(doc)
        pred = quad_class(m)
        acc.add(pred == item.label)
        pairs.append((item.label, pred))
        confusion[(item.label, pred)] += 1
        if pred != item.label:
            res.error(item.id, "wrong class", gold=QUAD_NAMES[item.label], system=QUAD_NAMES[pred],
                      event=_event_label(doc, m), text=snippet(item.text, 0, len(item.text), 160))  # fmt: skip
    per = per_class_prf(pairs, none=-1)
    mf1 = macro_f1(per, QUAD_NAMES)
    t = Table(
        "CAMEO quad class of the sentence (no event = statement)", ["class", "gold", "system", "P", "R", "F1"]
    )
    for k, name in QUAD_NAMES.items():
        v = per.get(k)
        if v is None:
            t.add(f"{k} {name}", 0, 0, 0.0, 0.0, 0.0)
        else:
            t.add(f"{k} {name}", v.n_gold, v.n_sys, v.precision, v.recall, v.f1)
    t.add("all (accuracy)", acc.total, acc.total, acc.value, acc.value, acc.value)
    res.tables.append(t)
    cm = Table(
        "Confusion (rows gold, columns ours)", ["gold \\ ours", *[str(k) for k in QUAD_NAMES]], headline=False
    )
    for g in QUAD_NAMES:
        cm.add(f"{g} {QUAD_NAMES[g]}", *[confusion[(g, p)] for p in QUAD_NAMES])
    res.tables.append(cm)
    res.figures = {
        "accuracy": acc.as_dict(),
        "macro_f1": round(mf1, 4),
        "by_class": {QUAD_NAMES[k]: v.as_dict() for k, v in per.items() if k in QUAD_NAMES},
        "confusion": {f"{g}->{p}": n for (g, p), n in confusion.items() if n},
    }
    res.summary = f"quad-class accuracy {acc.value:.3f}, macro-F1 {mf1:.3f}"
    return res


# -- ConfliBERT source / target spans ---------------------------------------------------


def _closest_mention(doc: Document, actor_id: str, e: Event) -> Range | None:
    a = doc.actor(actor_id)
    if a is None or not a.mentions:
        return None
    ev = (e.evidence.start, e.evidence.end)
    inside = [m for m in a.mentions if ev[0] <= m.start and m.end <= ev[1]]
    pool = inside or a.mentions
    t = e.trigger.start
    m = min(pool, key=lambda m: abs(m.start - t))
    return m.start, m.end


def role_spans(doc: Document) -> list[tuple[Range, str]]:
    m = main_event(doc)
    if m is None:
        return []
    out = []
    for role, ids in (("source", m.actor), ("target", m.recipient)):
        for aid in ids:
            r = _closest_mention(doc, aid, m)
            if r is not None and (r, role) not in out:
                out.append((r, role))
    return out


def score_roles(gs: GoldSet, docs: list[Document], system: str) -> Result:
    res = Result("events", gs.dataset, system, items=len(gs.items))
    overall = {"overlap": PRF(), "exact": PRF()}
    by_role = {"source": PRF(), "target": PRF()}
    for item, doc in zip(gs.items, docs, strict=True):
        gold: list[GoldRole] = item.roles or []
        sys = role_spans(doc)
        g_r = [(g.start, g.end) for g in gold]
        s_r = [r for r, _ in sys]

        def ok(gi: int, si: int, gold: list[GoldRole] = gold, sys: list[tuple[Range, str]] = sys) -> bool:
            return gold[gi].role == "reciprocal" or gold[gi].role == sys[si][1]

        for name, accept in (("overlap", half_of_shorter), ("exact", exact)):
            pairs = match_one_to_one(g_r, s_r, accept, ok)
            overall[name].add(len(pairs), len(s_r), len(g_r))
            if name != "overlap":
                continue
            for role, prf in by_role.items():
                tp = sum(1 for gi, _ in pairs if gold[gi].role == role)
                prf.add(tp, sum(1 for _, r in sys if r == role), sum(1 for g in gold if g.role == role))
            mg = {gi for gi, _ in pairs}
            ms = {si for _, si in pairs}
            for gi, g in enumerate(gold):
                if gi not in mg:
                    res.error(
                        item.id,
                        f"missed {g.role}",
                        start=g.start,
                        end=g.end,
                        text=snippet(item.text, g.start, g.end),
                    )
            for si, (r, role) in enumerate(sys):
                if si not in ms:
                    res.error(
                        item.id, f"false {role}", start=r[0], end=r[1], text=snippet(item.text, r[0], r[1])
                    )
    t = Table("Source / target spans of the main event", ["spans", "gold", "system", "P", "R", "F1"])
    for role, prf in by_role.items():
        t.add(role, prf.n_gold, prf.n_sys, prf.precision, prf.recall, prf.f1)
    for name, prf in overall.items():
        t.add(f"all roles ({name})", prf.n_gold, prf.n_sys, prf.precision, prf.recall, prf.f1)
    res.tables.append(t)
    res.figures = {
        "overlap": overall["overlap"].as_dict(),
        "exact": overall["exact"].as_dict(),
        **{role: prf.as_dict() for role, prf in by_role.items()},
    }
    o = overall["overlap"]
    res.summary = (
        f"role span F1 {o.f1:.3f} (source {by_role['source'].f1:.3f}, target {by_role['target'].f1:.3f}); "
        f"exact-span F1 {overall['exact'].f1:.3f}"
    )
    return res


# -- CASE 2021 ------------------------------------------------------------------------


def score_case(gs: GoldSet, docs: list[Document], system: str) -> Result:
    res = Result("events", gs.dataset, system, items=len(gs.items))
    labels = case_labels()
    acc, any_acc, none_rate, false_ev = Accuracy(), Accuracy(), Accuracy(), Accuracy()
    by_label: dict[str, Accuracy] = {}
    unknown: set[str] = set()
    for item, doc in zip(gs.items, docs, strict=True):
        cl = labels.get(item.label)
        if cl is None:
            unknown.add(item.label)
            continue
        m = main_event(doc)
        if cl.group == "non-political":
            false_ev.add(m is not None)
            by_label.setdefault(cl.label, Accuracy()).add(m is not None)
            if m is not None:
                res.error(item.id, "false event", gold=cl.label, system=_event_label(doc, m),
                          text=snippet(item.text, 0, len(item.text), 160))  # fmt: skip
        elif cl.group == "political":
            ok = m is not None and m.type in cl.types
            acc.add(ok)
            any_acc.add(any(e.type in cl.types for e in doc.events if not e.negated))
            none_rate.add(m is None)
            by_label.setdefault(cl.label, Accuracy()).add(ok)
            if not ok:
                res.error(item.id, "no event" if m is None else "wrong type", gold=cl.label,
                          accepted=sorted(cl.types), system=_event_label(doc, m),
                          text=snippet(item.text, 0, len(item.text), 160))  # fmt: skip
    t = Table("CASE 2021 labels mapped to PLOVER", ["snippets", "n", "value"])
    t.add("political: main type accuracy", acc.total, acc.value)
    t.add("political: any event of the type", any_acc.total, any_acc.value)
    t.add("political: no event", none_rate.total, none_rate.value)
    t.add("non-political: false-event rate", false_ev.total, false_ev.value)
    res.tables.append(t)
    t2 = Table(
        "By label (accuracy; for non-political labels the false-event rate)", ["label", "group", "n", "value"]
    )
    for lab in sorted(by_label):
        a = by_label[lab]
        t2.add(lab, labels[lab].group, a.total, a.value)
    res.tables.append(t2)
    if unknown:
        res.notes.append(f"labels not in case2021_plover.tsv, left out: {sorted(unknown)}")
    res.figures = {
        "type_accuracy": acc.as_dict(),
        "any_event_accuracy": any_acc.as_dict(),
        "no_event_rate": none_rate.as_dict(),
        "false_event_rate": false_ev.as_dict(),
        "by_label": {k: v.as_dict() for k, v in by_label.items()},
    }
    res.summary = (
        f"type acc {acc.value:.3f} (any event {any_acc.value:.3f}), no event {none_rate.value:.3f}; "
        f"false-event rate on non-political {false_ev.value:.3f}"
    )
    return res


def score_events(gs: GoldSet, docs: list[Document], system: str) -> Result:
    if gs.dataset == "conflibert-class":
        return score_quad_class(gs, docs, system)
    if gs.dataset == "conflibert-ner":
        return score_roles(gs, docs, system)
    if gs.dataset == "case2021":
        return score_case(gs, docs, system)
    return score_sentence_events(gs, docs, system)


__all__ = ["EVENT_TYPES", "main_event", "score_events"]
