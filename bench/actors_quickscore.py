"""Quick score of the actors stage (and the speakers stage after quotes), for iterating on them.

Not the official scorer (``eventcoder evaluate`` is); this one reuses cached spaCy parses so a
change to the actor tables or rules shows its effect in seconds.

    .venv/bin/python bench/actors_quickscore.py [--gsr] [--conflibert] [--polnear] [--gum]
                                                [--time] [--misses N]

With no flag every measure runs.

* ``--gsr``: PLOVER GSR dev.  For every gold source/target ``actorText`` that occurs in the
  sentence, the actor whose mention overlaps that span most (``MentionIndex.best``) must have
  the gold country (legacy codes mapped by the evaluator's ``norm_country``).  PLOVER 0.5
  codes the UN and the EU as IGO; PLOVER 2.0 (ours) splits them out as UNO and EUR, so a gold
  IGO accepts UNO and EUR.  A span no actor covers counts as wrong.
* ``--conflibert``: ConfliBERT source/target spans.  They carry no country codes, so only spans
  whose own words name exactly one country are scored: a country's name as pycountry spells it
  (name, common or official name) or a name, demonym or capital of ``countries.tsv``
  ("a Swiss court" -> CHE, "Baghdad's forces" -> IRQ).  The demonyms come from the stage's own
  table, so the figure measures whether the actor covering the span is given the country its
  words state (attachment), not the table's coverage.  Spans naming two countries are skipped.
* ``--polnear``: speakers.  Quotes matched to gold as the evaluator does (half the longer span,
  quote marks and commas trimmed).  A matched quote is counted when its gold source names a
  person of the article: the source is a singular personal pronoun (he/she/I ...), or its
  surname (``names.surname``) is a word of some spaCy PERSON entity of the article.  The figure
  is the share of those quotes whose speaker actor is *named*: a person or organisation actor
  whose name ends in a capitalised word that is no title or agent noun of ``agents.tsv``.
  Also shown: the share where the speaker is also right (the evaluator's rule).
* ``--gum``: GUM dev coreference (MUC, B-cubed) and entity spans, with the evaluator's own
  scoring functions on documents made by actors -> quotes -> speakers -> places.
* ``--time``: the actors, quotes, speakers and places stages' own time per article on the 98
  Wikinews reports (parses cached).

Parses are cached outside the repository (``bench/common.py``: the data may not be
redistributed).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from common import DATA, GUM_DEV, POLNEAR_DEV, parse_all, read_jsonl, run_cached, wikinews_records

PERSON_PRONOUNS = {"he", "she", "him", "her", "i", "me", "his"}


# -- running ---------------------------------------------------------------------------------


def make_pipeline(nlp, places: bool = False):
    from eventcoder.pipeline import Pipeline
    from eventcoder.stages.actors import ActorStage
    from eventcoder.stages.quotes import QuoteStage

    stages: list = [ActorStage(), QuoteStage()]
    try:
        from eventcoder.stages.speakers import SpeakerStage

        stages.append(SpeakerStage())
    except ImportError:
        pass
    if places:
        from eventcoder.stages.places import PlaceStage

        stages.append(PlaceStage())
    return Pipeline(nlp=nlp, stages=stages)


def records_of(items, dataset: str):
    from eventcoder.evaluate.system import record

    return [record(i, dataset) for i in items]


def country_at(index, countries: dict[str, str | None], start: int, end: int) -> tuple[str | None, bool]:
    """The country of the actor whose mention covers [start, end) most, and whether one does."""
    hit = index.best(start, end)
    return (countries.get(hit[1]) if hit else None), hit is not None


@dataclass
class CountryTally:
    """Gold spans scored by the country of the actor covering them (``country_at``)."""

    misses: int
    right: int = 0
    total: int = 0
    covered: int = 0
    log: list[str] = field(default_factory=list)

    def add(self, covered: bool, right: bool, miss: str) -> None:
        """Count one span; ``miss`` is logged (up to ``misses`` lines) when it is not right."""
        self.total += 1
        self.covered += covered
        if right:
            self.right += 1
        elif len(self.log) < self.misses:
            self.log.append(miss)

    def report(self, label: str, extra: str = "") -> dict:
        """Print the figure (and the misses logged); return the figures."""
        accuracy = self.right / max(self.total, 1)
        print(f"{label}: {self.right}/{self.total} = {accuracy:.3f} "
              f"(covered by an actor {self.covered}/{self.total}{extra})")  # fmt: skip
        for line in self.log:
            print(line)
        return {
            "right": self.right,
            "total": self.total,
            "accuracy": round(accuracy, 4),
            "covered": self.covered,
        }


# -- PLOVER GSR -------------------------------------------------------------------------------


def gold_ok(ours: str | None, gold: str) -> bool:
    if ours is None:
        return False
    return ours == gold or (gold == "IGO" and ours in ("UNO", "EUR", "IGO"))


def score_gsr(nlp, misses: int) -> dict:
    from eventcoder.document import MentionIndex
    from eventcoder.evaluate.gold import load
    from eventcoder.evaluate.tables import norm_country

    path = DATA / "plover-gsr" / "dev.jsonl"
    rows = read_jsonl(path)
    gs = load(path)
    parses = parse_all(nlp, [i.text for i in gs.items], "gsr-dev")
    docs = run_cached(make_pipeline(nlp), records_of(gs.items, "plover-gsr"), parses)
    tally = CountryTally(misses)
    unfound = 0
    for row, doc in zip(rows, docs, strict=True):
        index = MentionIndex.of_actors(doc.actors)
        countries = {a.id: a.country for a in doc.actors}
        for role in ("source", "target"):
            for g in row.get(role) or []:
                code = norm_country(g.get("code"))
                at = doc.text.find(g["actorText"])
                if code is None:
                    continue
                if at < 0:
                    unfound += 1
                    continue
                ours, covered = country_at(index, countries, at, at + len(g["actorText"]))
                miss = f"  {code} got {ours} for {g['actorText']!r} in: {doc.text[:160]!r}"
                tally.add(covered, gold_ok(ours, code), miss)
    return tally.report("GSR actor country", f"; {unfound} actorTexts not found verbatim")


# -- ConfliBERT ------------------------------------------------------------------------------


def country_judge():
    """name/demonym/capital (folded) -> code, from pycountry and countries.tsv."""
    import pycountry

    from eventcoder.stages.actor_tables import key, load_tables

    t = load_tables()
    table: dict[str, str] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(c, attr, None)
            if v and "," not in v:
                table[key(v)] = t.folds.get(c.alpha_3, c.alpha_3)
    for src in (t.names, t.demonyms, t.capitals):
        for k, v in src.items():
            table.setdefault(k, v)
    return table, key


def span_countries(words: list[str], table, key) -> set[str]:
    found: set[str] = set()
    i = 0
    while i < len(words):
        for n in (4, 3, 2, 1):
            phrase = key(" ".join(words[i : i + n]).replace(" 's", "").replace(" ’ s", ""))
            if i + n <= len(words) and phrase in table:
                found.add(table[phrase])
                i += n
                break
        else:
            i += 1
    return found


def score_conflibert(nlp, misses: int) -> dict:
    from eventcoder.document import MentionIndex
    from eventcoder.evaluate.gold import detokenize, load

    path = DATA / "conflibert" / "cameo_ner_train.jsonl"
    rows = read_jsonl(path)
    gs = load(path, dataset="conflibert-ner")
    parses = parse_all(nlp, [i.text for i in gs.items], "conflibert-ner")
    docs = run_cached(make_pipeline(nlp), records_of(gs.items, "conflibert-ner"), parses)
    table, key = country_judge()
    tally = CountryTally(misses)
    for row, doc in zip(rows, docs, strict=True):
        _, offs = detokenize(row["tokens"])
        index = MentionIndex.of_actors(doc.actors)
        countries = {a.id: a.country for a in doc.actors}
        for s in row.get("spans", []):
            words = row["tokens"][s["tok_start"] : s["tok_end"]]
            codes = span_countries(words, table, key)
            if len(codes) != 1:
                continue
            code = next(iter(codes))
            start, end = offs[s["tok_start"]][0], offs[s["tok_end"] - 1][1]
            ours, covered = country_at(index, countries, start, end)
            miss = f"  {code} got {ours} for {doc.text[start:end]!r} in: {doc.text[:150]!r}"
            tally.add(covered, ours == code, miss)
    return tally.report("ConfliBERT span country")


# -- PolNeAR speakers ------------------------------------------------------------------------


def score_polnear(nlp, misses: int) -> dict:
    from eventcoder.evaluate.gold import load
    from eventcoder.evaluate.metrics import half_of_longer, match_one_to_one, trim
    from eventcoder.evaluate.names import surname
    from eventcoder.evaluate.quotes import TRIM, speaker_right
    from eventcoder.stages.actor_tables import key, load_tables

    tables = load_tables()
    agents, honorifics = tables.agents, tables.honorifics
    gs = load(POLNEAR_DEV)
    parses = parse_all(nlp, [i.text for i in gs.items], "polnear-dev-first")
    docs = run_cached(make_pipeline(nlp), records_of(gs.items, "polnear"), parses)

    def named(actor) -> bool:
        if actor is None or actor.type not in ("person", "organization"):
            return False
        words = re.findall(r"[^\W\d_][\w'’.\-]*", actor.name)
        if not words or not words[-1][0].isupper():
            return False
        # "Mr. King" is a name; "The Chairman" is a title
        return key(words[-1]) not in agents or (len(words) > 1 and key(words[-2]) in honorifics)

    counted = ok_named = ok_right = 0
    log: list[str] = []
    for item, sp, doc in zip(gs.items, parses, docs, strict=True):
        persons = {w.lower() for e in sp.ents if e.label_ == "PERSON" for w in e.text.split()}
        g_r = [trim(item.text, g.start, g.end, TRIM) for g in item.quotes or []]
        s_r = [trim(item.text, q.start, q.end, TRIM) for q in doc.quotes]
        for gi, si in match_one_to_one(g_r, s_r, half_of_longer):
            g = item.quotes[gi]
            src = " ".join(item.text[s:e] for s, e in g.sources).strip()
            if not src:
                continue
            sn = surname(src)
            if not (src.lower() in PERSON_PRONOUNS or (sn is not None and sn in persons)):
                continue
            counted += 1
            q = doc.quotes[si]
            actor = doc.actor(q.speaker)
            good = named(actor)
            ok_named += good
            ok_right += good and speaker_right(doc, q, g)
            if not good and len(log) < misses:
                who = f"{actor.name!r}" if actor else "no speaker"
                ment = q.speaker_mention.text if q.speaker_mention else None
                log.append(f"  {item.id}: gold {src!r}; ours {who} (mention {ment!r}): {q.text[:80]!r}")
    print(f"PolNeAR named speaker: {ok_named}/{counted} = {ok_named / max(counted, 1):.3f}; "
          f"named and right {ok_right / max(counted, 1):.3f}")  # fmt: skip
    for line in log:
        print(line)
    return {"counted": counted, "named": round(ok_named / max(counted, 1), 4),
            "named_right": round(ok_right / max(counted, 1), 4)}  # fmt: skip


# -- GUM -------------------------------------------------------------------------------------


def score_gum(nlp, misses: int, report: str | None) -> dict:
    from eventcoder.evaluate.entities import score_coref, score_entities
    from eventcoder.evaluate.gold import load

    gs = load(GUM_DEV)
    parses = parse_all(nlp, [i.text for i in gs.items], "gum-dev")
    docs = run_cached(make_pipeline(nlp, places=True), records_of(gs.items, "gum"), parses)
    coref = score_coref(gs, docs, "eventcoder")
    ents = score_entities(gs, docs, "eventcoder")
    print(f"GUM coref: {coref.summary}")
    print(f"GUM entities: {ents.summary}")
    by_genre: dict[str, list] = {}
    for item, doc in zip(gs.items, docs, strict=True):
        by_genre.setdefault(item.extra.get("genre") or "?", []).append((item, doc))
    for genre, pairs in sorted(by_genre.items()):
        sub = type(gs)(gs.dataset, gs.path, [i for i, _ in pairs])
        r = score_coref(sub, [d for _, d in pairs], "eventcoder")
        print(f"  {genre:10s} {r.summary}")
    if report:
        Path(report).write_text(
            json.dumps({"coref": coref.as_dict(), "entities": ents.as_dict()}, indent=1, default=str)
        )
    return {"coref": coref.figures, "entities": ents.figures.get("spans", {}).get("all")}


# -- timing ----------------------------------------------------------------------------------


def time_wikinews(nlp) -> dict:
    records = wikinews_records()
    parses = parse_all(nlp, [r.text for r in records], "wikinews")
    pipe = make_pipeline(nlp, places=True)
    run_cached(pipe, records[:5], parses[:5])  # warm caches
    timing: Counter = Counter()
    run_cached(pipe, records, parses, timing)
    n = len(records)
    out = {name: round(1000 * t / n, 2) for name, t in timing.items()}
    print("ms/article on Wikinews: " + ", ".join(f"{k} {v:.2f}" for k, v in out.items()))
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    for flag in ("gsr", "conflibert", "polnear", "gum", "time"):
        ap.add_argument(f"--{flag}", action="store_true")
    ap.add_argument("--misses", type=int, default=0, help="print up to N misses per measure")
    ap.add_argument("--report", help="write the GUM scorer results (with errors) as JSON here")
    ap.add_argument("--json", help="write the figures as JSON here")
    args = ap.parse_args(argv)
    chosen = [f for f in ("gsr", "conflibert", "polnear", "gum", "time") if getattr(args, f)]
    chosen = chosen or ["gsr", "conflibert", "polnear", "gum", "time"]

    from eventcoder.nlp import load

    nlp = load()
    figures: dict = {}
    if "gsr" in chosen:
        figures["gsr"] = score_gsr(nlp, args.misses)
    if "conflibert" in chosen:
        figures["conflibert"] = score_conflibert(nlp, args.misses)
    if "polnear" in chosen:
        figures["polnear"] = score_polnear(nlp, args.misses)
    if "gum" in chosen:
        figures["gum"] = score_gum(nlp, args.misses, args.report)
    if "time" in chosen:
        figures["time"] = time_wikinews(nlp)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
