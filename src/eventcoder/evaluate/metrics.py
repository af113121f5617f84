"""Counting and matching shared by every scorer: P/R/F1, one-to-one span matching, MUC, B-cubed.

Everything here is pure arithmetic over plain tuples, so each rule can be
unit-tested on cases small enough to check by hand.
"""

from __future__ import annotations

import bisect
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass


def ratio(num: float, den: float) -> float:
    """``num / den``, and 0.0 when there is nothing to divide by (empty output scores 0)."""
    return num / den if den else 0.0


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class PRF:
    """Counts behind a precision/recall/F1 figure.

    ``tp_sys`` and ``tp_gold`` may differ (e.g. several system spans inside one
    gold span); for one-to-one matching they are equal.
    """

    tp_sys: int = 0
    tp_gold: int = 0
    n_sys: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        return ratio(self.tp_sys, self.n_sys)

    @property
    def recall(self) -> float:
        return ratio(self.tp_gold, self.n_gold)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def add(self, tp: int, n_sys: int, n_gold: int) -> None:
        self.tp_sys += tp
        self.tp_gold += tp
        self.n_sys += n_sys
        self.n_gold += n_gold

    def __iadd__(self, other: PRF) -> PRF:
        self.tp_sys += other.tp_sys
        self.tp_gold += other.tp_gold
        self.n_sys += other.n_sys
        self.n_gold += other.n_gold
        return self

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp_gold,
            "system": self.n_sys,
            "gold": self.n_gold,
        }


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return ratio(self.right, self.total)

    def add(self, ok: bool) -> None:
        self.right += int(ok)
        self.total += 1

    def as_dict(self) -> dict[str, float | int]:
        return {"accuracy": round(self.value, 4), "right": self.right, "total": self.total}


# -- spans ----------------------------------------------------------------------

Range = tuple[int, int]


def overlap(a: Range, b: Range) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def trim(text: str, start: int, end: int, chars: str) -> Range:
    """Shrink ``[start, end)`` of ``text`` past any of ``chars`` at either edge."""
    while start < end and text[start] in chars:
        start += 1
    while end > start and text[end - 1] in chars:
        end -= 1
    return start, end


def half_of_longer(a: Range, b: Range) -> bool:
    """The quotes rule: the overlap is at least half the longer span."""
    ov = overlap(a, b)
    return ov > 0 and 2 * ov >= max(a[1] - a[0], b[1] - b[0])


def half_of_shorter(a: Range, b: Range) -> bool:
    """The lenient mention rule: the overlap covers at least half the shorter span.

    It lets "Rua Tane" match a gold noun phrase "geologist Rua Tane" while a
    one-word overlap of two long phrases does not count.
    """
    ov = overlap(a, b)
    return ov > 0 and 2 * ov >= min(a[1] - a[0], b[1] - b[0])


def exact(a: Range, b: Range) -> bool:
    return a == b


def any_overlap(a: Range, b: Range) -> bool:
    return overlap(a, b) > 0


def jaccard(a: Range, b: Range) -> float:
    ov = overlap(a, b)
    union = max(a[1], b[1]) - min(a[0], b[0])
    return ov / union if union else 0.0


def match_one_to_one(
    gold: Sequence[Range],
    system: Sequence[Range],
    accept: Callable[[Range, Range], bool],
    compatible: Callable[[int, int], bool] | None = None,
) -> list[tuple[int, int]]:
    """Pair gold and system spans one-to-one, best pairs first.

    A pair is a candidate when ``accept(gold_span, system_span)`` (and
    ``compatible(gi, si)`` if given, e.g. same type).  Candidates are taken
    greedily by Jaccard overlap, then by overlap length, so that where mentions
    nest the tightest pair wins.  Returns ``(gold index, system index)`` pairs.
    Spans are sorted once, so a document with many mentions stays cheap.
    """
    order = sorted(range(len(system)), key=lambda i: system[i][0])
    starts = [system[i][0] for i in order]
    cands: list[tuple[float, int, int, int]] = []
    for gi, g in enumerate(gold):
        hi = bisect.bisect_left(starts, g[1])
        for k in range(hi):
            si = order[k]
            s = system[si]
            if s[1] <= g[0]:
                continue
            if not accept(g, s):
                continue
            if compatible is not None and not compatible(gi, si):
                continue
            cands.append((jaccard(g, s), overlap(g, s), gi, si))
    cands.sort(key=lambda c: (-c[0], -c[1], c[2], c[3]))
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _, _, gi, si in cands:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        pairs.append((gi, si))
    return sorted(pairs)


# -- classification -------------------------------------------------------------


def per_class_prf(pairs: Iterable[tuple[Hashable, Hashable]], none: Hashable = None) -> dict[Hashable, PRF]:
    """P/R/F1 per class from ``(gold label, predicted label)`` pairs.

    ``none`` is the "no label" value: a prediction of ``none`` is no
    prediction, a gold of ``none`` means nothing was expected.
    """
    out: dict[Hashable, PRF] = {}
    for g, p in pairs:
        if g != none:
            out.setdefault(g, PRF()).n_gold += 1
        if p != none:
            out.setdefault(p, PRF()).n_sys += 1
        if g == p and g != none:
            out[g].tp_sys += 1
            out[g].tp_gold += 1
    return out


def macro_f1(per_class: dict[Hashable, PRF], classes: Iterable[Hashable] | None = None) -> float:
    """Mean F1 over ``classes`` (default: the classes that occur in the gold)."""
    keys = list(classes) if classes is not None else [k for k, v in per_class.items() if v.n_gold]
    if not keys:
        return 0.0
    return sum(per_class.get(k, PRF()).f1 for k in keys) / len(keys)


# -- coreference ----------------------------------------------------------------

Cluster = frozenset


def _partition_size(cluster: frozenset, other_of: dict[Hashable, int]) -> int:
    """How many parts ``cluster`` falls into under the other side's clusters.

    A mention the other side does not have forms a part of its own.
    """
    parts = set()
    alone = 0
    for m in cluster:
        o = other_of.get(m)
        if o is None:
            alone += 1
        else:
            parts.add(o)
    return len(parts) + alone


def _index(clusters: Sequence[frozenset]) -> dict[Hashable, int]:
    return {m: i for i, c in enumerate(clusters) for m in c}


def muc(key: Sequence[frozenset], response: Sequence[frozenset]) -> PRF:
    """MUC (Vilain et al. 1995): links, counted as ``|K| - |p(K)|``.

    Mentions are any hashable ids; the two sides may hold different mentions.
    The result's tp_gold/n_gold are the recall numerator/denominator and
    tp_sys/n_sys the precision ones.
    """
    r_of = _index(response)
    k_of = _index(key)
    out = PRF()
    for k in key:
        out.tp_gold += len(k) - _partition_size(k, r_of)
        out.n_gold += len(k) - 1
    for r in response:
        out.tp_sys += len(r) - _partition_size(r, k_of)
        out.n_sys += len(r) - 1
    return out


@dataclass
class Fraction:
    """A precision/recall pair whose numerators are real numbers (B-cubed)."""

    p_num: float = 0.0
    p_den: float = 0.0
    r_num: float = 0.0
    r_den: float = 0.0

    @property
    def precision(self) -> float:
        return ratio(self.p_num, self.p_den)

    @property
    def recall(self) -> float:
        return ratio(self.r_num, self.r_den)

    @property
    def f1(self) -> float:
        return f1(self.precision, self.recall)

    def __iadd__(self, other: Fraction) -> Fraction:
        self.p_num += other.p_num
        self.p_den += other.p_den
        self.r_num += other.r_num
        self.r_den += other.r_den
        return self

    def as_dict(self) -> dict[str, float]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


def b_cubed(key: Sequence[frozenset], response: Sequence[frozenset]) -> Fraction:
    """B-cubed (Bagga & Baldwin 1998), in the form that allows different mention sets.

    recall = sum over key K and response R of |K & R|^2 / |K|, over the key's
    mentions; precision the same with |R|.  A mention only one side has adds
    nothing to the numerators (Pradhan et al. 2014).
    """
    out = Fraction()
    r_of = _index(response)
    for k in key:
        shared = Counter(r_of[m] for m in k if m in r_of)
        out.r_num += sum(n * n for n in shared.values()) / len(k)
        out.r_den += len(k)
    k_of = _index(key)
    for r in response:
        shared = Counter(k_of[m] for m in r if m in k_of)
        out.p_num += sum(n * n for n in shared.values()) / len(r)
        out.p_den += len(r)
    return out
