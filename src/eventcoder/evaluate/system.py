"""Where the documents to score come from: our pipeline, stored documents, or a peer system.

A *producer* turns gold items into documents, in order, one per item; an item
it cannot handle comes back as a :class:`~eventcoder.records.Failure` and is
scored as an empty document (empty output scores 0, it is not left out).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..document import Document, Meta
from ..records import Failure, Record
from .gold import GoldError, GoldItem

Producer = Callable[[list[GoldItem]], Iterator[Document | Failure]]


def record(item: GoldItem, dataset: str) -> Record:
    return Record(
        text=item.text,
        id=item.id,
        published=item.published,
        title=item.title,
        origin=f"{dataset}:{item.id}",
    )


def pipeline_producer(
    dataset: str, model: str | None = None, pipeline: Any = None, workers: int = 1
) -> Producer:
    """Run our pipeline over the gold texts (the model loads on first use), in ``workers`` processes."""

    def produce(items: list[GoldItem]) -> Iterator[Document | Failure]:
        nonlocal pipeline
        if pipeline is None:
            from ..pipeline import Pipeline

            pipeline = Pipeline(model=model)
        yield from pipeline.pipe((record(i, dataset) for i in items), n_process=workers)

    return produce


def _stored(path: Path) -> dict[str, dict[str, Any]]:
    """Stored documents by id: a directory of ``<id>.json`` (or any *.json/*.jsonl), or a JSONL file."""
    found: dict[str, dict[str, Any]] = {}

    def take(d: Any, origin: str) -> None:
        if isinstance(d, list):
            for x in d:
                take(x, origin)
        elif isinstance(d, dict) and "id" in d and "text" in d:
            found[str(d["id"])] = d
        else:
            raise GoldError(f"{origin}: not an eventcoder document")

    files = sorted([*path.glob("*.json"), *path.glob("*.jsonl")]) if path.is_dir() else [path]
    if not files:
        raise GoldError(f"{path}: no *.json or *.jsonl documents")
    for f in files:
        if f.suffix == ".jsonl":
            with f.open(encoding="utf-8") as fh:
                for no, line in enumerate(fh, 1):
                    if line.strip():
                        take(json.loads(line), f"{f}:{no}")
        else:
            take(json.loads(f.read_text("utf-8")), str(f))
    return found


def stored_producer(path: str | Path) -> Producer:
    """Read documents made earlier (``evaluate --save-system`` or ``extract``), matched by id.

    A document whose text differs from the gold text is refused: its offsets
    would point at other characters.
    """
    p = Path(path)
    if not p.exists():
        raise GoldError(f"{p}: no such file or directory")
    docs = _stored(p)

    def produce(items: list[GoldItem]) -> Iterator[Document | Failure]:
        for it in items:
            d = docs.get(it.id)
            if d is None:
                yield Failure(str(p), it.id, f"no stored document with id {it.id!r}")
            elif d["text"] != it.text:
                yield Failure(str(p), it.id, f"stored document {it.id!r} has another text than the gold")
            else:
                yield Document.from_dict(d)

    return produce


def collect(items: list[GoldItem], producer: Producer) -> tuple[list[Document], list[dict[str, Any]]]:
    """One document per gold item (an empty one for a failure) and the failures."""
    docs: list[Document] = []
    failures: list[dict[str, Any]] = []
    out = producer(items)
    for it in items:
        got = next(out, None)
        if isinstance(got, Document):
            docs.append(got)
            continue
        reason = str(got) if got is not None else "the system gave no document"
        failures.append({"item": it.id, "reason": reason})
        docs.append(Document(id=it.id, text=it.text, meta=Meta(published=it.published)))
    return docs, failures


def save(docs: list[Document], directory: str | Path) -> None:
    """Write each document as ``<id>.json`` so a later run can score it with ``--system``."""
    d = Path(directory)
    d.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        name = re.sub(r"[^\w.\-]+", "_", doc.id) + ".json"
        (d / name).write_text(json.dumps(doc.to_dict(), ensure_ascii=False) + "\n", encoding="utf-8")
