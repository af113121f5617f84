"""Readable text summaries of documents, for ``show``, ``extract --format table`` and ``make demo``.

A summary answers, for a person checking the output against the text:
who the actors are (country, sector, and the words that refer to them), who
said what (each quote with its speaker), and what happened: each event as who
did what to whom, when and where, with the words that are its evidence.
"""

from __future__ import annotations

import textwrap

from .document import Actor, Document

INDENT = "        "


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _codes(a: Actor) -> str:
    return " ".join(x for x in (a.country, a.sector) if x)


def _who(actors: dict[str, Actor], ids: list[str]) -> str:
    names = []
    for i in ids:
        a = actors.get(i)
        if a is None:
            names.append(f"?{i}")
        else:
            codes = _codes(a)
            names.append(a.name + (f" [{codes}]" if codes else ""))
    return " + ".join(names) or "-"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def _wrap(text: str, width: int) -> str:
    return textwrap.fill(text, width=width, initial_indent=INDENT, subsequent_indent=INDENT + " ")


def summarize(doc: Document, width: int = 100) -> str:
    """A multi-line readable summary of one document."""
    m = doc.meta
    actors = {a.id: a for a in doc.actors}
    places = {p.id: p for p in doc.places}
    lines = [f"== {doc.id}" + (f": {m.title}" if m.title else "")]
    bits = [
        f"published {m.published}" if m.published else None,
        f"dateline {m.dateline.place}" if m.dateline else None,
        f"source {m.source}" if m.source else None,
        f"licence {m.license}" if m.license else None,
        _plural(len(doc.text.split()), "word"),
    ]
    lines.append("   " + "; ".join(b for b in bits if b))

    lines.append(f"-- actors ({len(doc.actors)})")
    for a in doc.actors:
        head = ", ".join(x for x in (a.type, _codes(a) or None, a.title and f"title {a.title!r}") if x)
        words: list[str] = []
        for s in a.mentions:
            if s.text not in words:
                words.append(s.text)
        said = ", ".join(f'"{w}"' for w in words[:5]) + (", ..." if len(words) > 5 else "")
        lines.append(f"   {a.id:>4} {a.name} ({head}); {_plural(len(a.mentions), 'mention')}: {said}")

    lines.append(f"-- quotes ({len(doc.quotes)})")
    for q in doc.quotes:
        spk = actors.get(q.speaker) if q.speaker else None
        who = spk.name if spk else "speaker unknown"
        if q.speaker_mention and spk and q.speaker_mention.text != spk.name:
            who += f' (as "{q.speaker_mention.text}")'
        how = q.kind + (f', cue "{q.cue.text}"' if q.cue else "")
        lines.append(f"   {q.id:>4} {who} [{how}]:")
        lines.append(_wrap(f"«{_clip(q.text, 600)}»", width))

    lines.append(f"-- events ({len(doc.events)})")
    for e in doc.events:
        kind = e.type + (f"/{e.mode}" if e.mode else "")
        did = f'--"{e.trigger.text}"-->' + (f" {_who(actors, e.recipient)}" if e.recipient else "")
        parts = [f"   {e.id:>4} {kind}: {_who(actors, e.actor)} {did}"]
        if e.date:
            parts.append(f"when {e.date}")
        place = places.get(e.location) if e.location else None
        if place:
            parts.append(f"where {place.name}" + (f" [{place.country}]" if place.country else ""))
        flags = [e.modality] if e.modality != "asserted" else []
        if e.negated:
            flags.append("negated")
        if e.quote:
            q = next((x for x in doc.quotes if x.id == e.quote), None)
            spk = actors.get(q.speaker) if q and q.speaker else None
            flags.append(f"said in {e.quote}" + (f" by {spk.name}" if spk else ""))
        if flags:
            parts.append(", ".join(flags))
        lines.append("; ".join(parts))
        lines.append(_wrap(f"evidence: «{_clip(e.evidence.text, 400)}»", width))

    if doc.places:
        lines.append(f"-- places ({len(doc.places)})")
        for p in doc.places:
            coords = (
                f"{p.lat:.2f},{p.lon:.2f}" if p.lat is not None and p.lon is not None else "no coordinates"
            )
            gid = f", geonames {p.geonameid}" if p.geonameid else ""
            lines.append(
                f"   {p.id:>4} {p.name} [{p.country or '-'}] {coords}{gid}; {_plural(len(p.mentions), 'mention')}"
            )
    if doc.dates:
        lines.append(f"-- dates ({len(doc.dates)})")
        for d in doc.dates:
            lines.append(f"        {d.text!r} -> {d.value or '?'} ({d.precision})")
    return "\n".join(lines)


def totals_line(db: str, counts: dict[str, int]) -> str:
    """One line of store totals, e.g. for the top of ``eventcoder show``."""
    return (
        f"{db}: {_plural(counts.get('documents', 0), 'document')}, {_plural(counts.get('actors', 0), 'actor')} "
        f"({_plural(counts.get('mentions', 0), 'mention')}), {_plural(counts.get('quotes', 0), 'quote')}, "
        f"{_plural(counts.get('events', 0), 'event')}, {_plural(counts.get('places', 0), 'place')}, "
        f"{_plural(counts.get('dates', 0), 'date')}"
    )
