"""Readable text summaries of documents: quotes with speakers, events, actors."""

from __future__ import annotations

import textwrap

from .document import Document


def _names(doc: Document, ids: list[str]) -> str:
    names = []
    for i in ids:
        a = doc.actor(i)
        if a is not None:
            names.append(a.name + (f" ({a.country})" if a.country else ""))
    return ", ".join(names) or "-"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def summarize(doc: Document, width: int = 100) -> str:
    m = doc.meta
    lines = [f"== {doc.id}" + (f": {m.title}" if m.title else "")]
    bits = [
        f"published {m.published}" if m.published else None,
        f"dateline {m.dateline.place}" if m.dateline else None,
        f"source {m.source}" if m.source else None,
        f"licence {m.license}" if m.license else None,
    ]
    if any(bits):
        lines.append("   " + "; ".join(b for b in bits if b))
    lines.append(f"-- actors ({len(doc.actors)})")
    for a in doc.actors:
        code = "/".join(x for x in (a.country, a.sector) if x) or "-"
        lines.append(f"   {a.id:>4} {a.name} [{a.type}, {code}] x{len(a.mentions)}")
    lines.append(f"-- quotes ({len(doc.quotes)})")
    for q in doc.quotes:
        who = doc.actor(q.speaker).name if q.speaker and doc.actor(q.speaker) else "?"
        body = textwrap.fill(
            _clip(q.text, 400), width=width, initial_indent="        ", subsequent_indent="        "
        )
        lines.append(f"   {q.id:>4} {who} ({q.kind}):\n{body}")
    lines.append(f"-- events ({len(doc.events)})")
    for e in doc.events:
        where = doc.place(e.location).name if e.location and doc.place(e.location) else None
        flags = [e.modality] if e.modality != "asserted" else []
        if e.negated:
            flags.append("negated")
        if e.quote:
            flags.append(f"said in {e.quote}")
        lines.append(
            f"   {e.id:>4} {e.type}{'/' + e.mode if e.mode else ''}: {_names(doc, e.actor)} -> "
            f"{_names(doc, e.recipient)}"
            + (f" on {e.date}" if e.date else "")
            + (f" in {where}" if where else "")
            + (f" [{', '.join(flags)}]" if flags else "")
        )
        lines.append(f"        «{_clip(e.evidence.text, width - 10)}»")
    if doc.places:
        lines.append(f"-- places ({len(doc.places)})")
        for p in doc.places:
            coords = f"{p.lat:.2f},{p.lon:.2f}" if p.lat is not None and p.lon is not None else "-"
            lines.append(f"   {p.id:>4} {p.name} [{p.country or '-'}] {coords}")
    if doc.dates:
        lines.append(f"-- dates ({len(doc.dates)})")
        for d in doc.dates:
            lines.append(f"   {d.text!r} -> {d.value or '?'} ({d.precision})")
    return "\n".join(lines)
