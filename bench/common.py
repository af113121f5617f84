"""What the quick-score scripts share: where the data are, a cache of spaCy parses, the data
loaders they have in common, and a runner of a pipeline's stages on cached parses.

The evaluation data are read at run time from ``../shared/data`` and never copied into the
repository; the parses are cached outside it (``$TMPDIR/eventcoder-bench-cache``, /tmp by
default), one DocBin per data set, named by the data set and a hash of its texts and of the
model, so a changed text or model is parsed again.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eventcoder.document import Document
    from eventcoder.pipeline import Pipeline
    from eventcoder.records import Record

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CACHE = Path(tempfile.gettempdir()) / "eventcoder-bench-cache"
GUM_DEV = DATA / "gum" / "dev.jsonl"
POLNEAR_DEV = DATA / "polnear" / "dev.jsonl"
WIKINEWS = DATA / "wikinews-political" / "wikinews_political_subset.jsonl"


def git_commit(paths: tuple[str, ...] = ()) -> str:
    """The short commit of the checkout, marked when tracked files (under ``paths``, else all)
    have uncommitted changes: the commit a benchmark figure was measured at."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        )
        status = ["git", "status", "--porcelain", "--untracked-files=no", *(["--", *paths] if paths else [])]
        dirty = subprocess.run(status, cwd=ROOT, capture_output=True, text=True)
        return sha.stdout.strip() + (" (with uncommitted changes)" if dirty.stdout.strip() else "")
    except OSError:
        return "unknown"


def read_jsonl(path: Path) -> list[dict]:
    """The objects of a JSON Lines file, blank lines skipped."""
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def parse_all(nlp, texts: list[str], name: str):
    """spaCy parses of ``texts``, from the cache when it holds them, else parsed and cached."""
    from spacy.tokens import DocBin

    digest = hashlib.sha256(("\x00".join(texts) + nlp.meta["name"] + nlp.meta["version"]).encode())
    path = CACHE / f"{name}-{digest.hexdigest()[:16]}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    docs = list(nlp.pipe(texts, batch_size=16))
    CACHE.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(path)
    return docs


def run_cached(
    pipe: Pipeline, records: list[Record], parses: list, timing: Counter | None = None
) -> list[Document]:
    """Run ``pipe``'s metadata and stages on parses made beforehand; with ``timing``, add each
    stage's seconds under its name (the parse is never timed)."""
    from eventcoder.stages.base import Context

    out = []
    for rec, sp in zip(records, parses, strict=True):
        doc = pipe.prepare(rec)
        ctx = Context(sp=sp, body=pipe.metadata.body(doc))
        for stage in pipe.stages:
            t0 = time.perf_counter()
            stage(doc, ctx)
            if timing is not None:
                timing[stage.name] += time.perf_counter() - t0
        out.append(doc)
    return out


def wikinews_rows() -> list[dict]:
    """The 98 Wikinews political reports (the timing corpus)."""
    return read_jsonl(WIKINEWS)


def wikinews_records() -> list[Record]:
    from eventcoder.records import Record

    return [Record(text=r["text"], id=r["id"], published=r.get("publication_date")) for r in wikinews_rows()]
