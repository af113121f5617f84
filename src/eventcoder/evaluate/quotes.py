"""Quotes: detection of direct and indirect quotes, and who said them.

Matching: a system quote matches a gold quote when their overlap is at least
half the longer of the two spans, after both are trimmed of surrounding quote
marks, commas and white space; pairs are made one-to-one, best overlap first.
"all" matches every system quote against every gold quote; "direct" matches
system quotes of kind ``direct`` against gold direct quotes; "indirect"
matches kinds ``indirect`` and ``mixed`` against gold indirect quotes.

The speaker of a matched quote is right when
- PolNeAR: the gold has a source span and our speaker's mention
  (``speaker_mention``, or any mention of the speaker actor) overlaps it, or our
  speaker actor's name has the same surname as the gold source text
  (:func:`names.surname`: the last word of the phrase's head, if capitalised;
  "Omar Lind's doctor" names no one by surname); where the gold has no
  source, only "no speaker" is right;
- our seed gold: the actor's name or one of its mentions equals the gold
  speaker or one of its aliases (case and punctuation ignored), or the
  surnames agree.
End-to-end counts a matched quote as a hit only with the right speaker.
"""

from __future__ import annotations

from ..document import Document, Quote
from .gold import QUOTE_MARKS, GoldItem, GoldQuote, GoldSet
from .metrics import PRF, Accuracy, Range, half_of_longer, match_one_to_one, overlap, trim
from .names import norm, surname
from .report import Result, Table, snippet

TRIM = QUOTE_MARKS + ", \t\n\r\u00a0"
SUBSETS = ("all", "direct", "indirect")


def _sys_kind(q: Quote) -> str:
    return "direct" if q.kind == "direct" else "indirect"


def speaker_right(doc: Document, q: Quote, g: GoldQuote) -> bool:
    actor = doc.actor(q.speaker)
    if g.speakers:
        if actor is None:
            return False
        names = {norm(x) for x in g.speakers}
        if norm(actor.name) in names or any(norm(m.text) in names for m in actor.mentions):
            return True
        sn = surname(actor.name)
        return sn is not None and sn in {surname(x) for x in g.speakers}
    if not g.sources:
        return actor is None and q.speaker_mention is None
    spans: list[Range] = [(m.start, m.end) for m in actor.mentions] if actor else []
    if q.speaker_mention is not None:
        spans.append((q.speaker_mention.start, q.speaker_mention.end))
    if any(overlap(s, src) for s in spans for src in g.sources):
        return True
    gold_names = {surname(doc.text[s:e]) for s, e in g.sources} - {None}
    return actor is not None and surname(actor.name) in gold_names


def _speaker_label(doc: Document, q: Quote) -> str | None:
    actor = doc.actor(q.speaker)
    name = actor.name if actor else None
    if q.speaker_mention is not None:
        return f"{name} (mention {q.speaker_mention.text!r})"
    return name


def _gold_speaker_label(doc: Document, g: GoldQuote) -> str | None:
    if g.speakers:
        return g.speakers[0]
    if g.sources:
        return " / ".join(doc.text[s:e] for s, e in g.sources)
    return None


class _Counts:
    def __init__(self) -> None:
        self.detect = PRF()
        self.speaker = Accuracy()
        self.e2e = PRF()


def score_quotes(gs: GoldSet, docs: list[Document], system: str) -> Result:
    with_speakers = gs.dataset != "gum"  # GUM marks quotations but not their speakers
    subsets = SUBSETS if with_speakers else ("direct",)
    counts = {s: _Counts() for s in subsets}
    res = Result("quotes", gs.dataset, system, items=len(gs.items))
    for item, doc in zip(gs.items, docs, strict=True):
        _score_doc(item, doc, counts, res, with_speakers)
    _tables(res, counts, with_speakers)
    return res


def _score_doc(
    item: GoldItem, doc: Document, counts: dict[str, _Counts], res: Result, with_speakers: bool
) -> None:
    text = item.text
    gold = item.quotes or []
    sysq = list(doc.quotes)
    g_r = [trim(text, g.start, g.end, TRIM) for g in gold]
    s_r = [trim(text, q.start, q.end, TRIM) for q in sysq]
    for subset, c in counts.items():
        gi_ = [i for i, g in enumerate(gold) if subset in ("all", g.kind)]
        si_ = [i for i, q in enumerate(sysq) if subset in ("all", _sys_kind(q))]
        pairs = match_one_to_one([g_r[i] for i in gi_], [s_r[i] for i in si_], half_of_longer)
        pairs = [(gi_[a], si_[b]) for a, b in pairs]
        c.detect.add(len(pairs), len(si_), len(gi_))
        hits = 0
        for gi, si in pairs:
            if not with_speakers:
                continue
            ok = speaker_right(doc, sysq[si], gold[gi])
            c.speaker.add(ok)
            hits += ok
            if not ok and subset == "all":
                res.error(
                    item.id,
                    "wrong speaker",
                    start=gold[gi].start,
                    end=gold[gi].end,
                    quote=snippet(text, gold[gi].start, gold[gi].end),
                    gold_speaker=_gold_speaker_label(doc, gold[gi]),
                    system_speaker=_speaker_label(doc, sysq[si]),
                )
        c.e2e.add(hits, len(si_), len(gi_))
        if subset != ("all" if with_speakers else "direct"):
            continue
        matched_g = {gi for gi, _ in pairs}
        matched_s = {si for _, si in pairs}
        for gi in gi_:
            if gi not in matched_g:
                g = gold[gi]
                res.error(item.id, "missed quote", quote_kind=g.kind, start=g.start, end=g.end,
                          text=snippet(text, g.start, g.end))  # fmt: skip
        for si in si_:
            if si not in matched_s:
                q = sysq[si]
                res.error(item.id, "false quote", quote_kind=q.kind, start=q.start, end=q.end,
                          text=snippet(text, q.start, q.end), speaker=_speaker_label(doc, q))  # fmt: skip


def _tables(res: Result, counts: dict[str, _Counts], with_speakers: bool) -> None:
    if with_speakers:
        t = Table(
            "Quotes: detection, speaker accuracy on matched quotes, end-to-end (speaker right)",
            ["quotes", "gold", "system", "P", "R", "F1", "speaker acc", "e2e P", "e2e R", "e2e F1"],
        )
    else:
        t = Table(
            "Quotes: detection (the gold names no speakers)", ["quotes", "gold", "system", "P", "R", "F1"]
        )
    for subset, c in counts.items():
        d = c.detect
        row = [subset, d.n_gold, d.n_sys, d.precision, d.recall, d.f1]
        if with_speakers:
            row += [c.speaker.value, c.e2e.precision, c.e2e.recall, c.e2e.f1]
        t.add(*row)
        res.figures[subset] = {"detection": d.as_dict()}
        if with_speakers:
            res.figures[subset]["speaker"] = c.speaker.as_dict()
            res.figures[subset]["end_to_end"] = c.e2e.as_dict()
    res.tables.append(t)
    if with_speakers:
        a, dq = counts["all"], counts["direct"]
        res.summary = (
            f"direct F1 {dq.detect.f1:.3f}, e2e F1 {dq.e2e.f1:.3f}; "
            f"all F1 {a.detect.f1:.3f}, e2e F1 {a.e2e.f1:.3f}; speaker acc {a.speaker.value:.3f}"
        )
    else:
        dq = counts["direct"]
        res.summary = f"direct quote detection P {dq.detect.precision:.3f} R {dq.detect.recall:.3f} F1 {dq.detect.f1:.3f}"
