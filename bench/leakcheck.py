"""Runs of N words that the repository shares with the evaluation data (none should be text).

    .venv/bin/python bench/leakcheck.py [--words 7] [--data ../shared/data]

The project ships no outside text but its one example, and its tests use sentences written for
them: a test or a comment that repeats a dev sentence is a rule fitted to the data that judges
it. This lists, per repository file, every run of ``--words`` words (lower-cased, punctuation
dropped) that also occurs in a dataset file. Dataset documentation (READMEs, provenance notes,
the CAMEO->PLOVER table) is left out: code tables and labels are facts. Some hits are facts too
(an organisation's full name, the quad-class labels): read them, do not just count them.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[A-Za-z0-9']+")
TAG = re.compile(r"<[^>]+>")
SCANNED = ("tests", "src/eventcoder", "docs", "bench", "README.md")
SKIPPED_SUFFIXES = (".png", ".pyc", ".gz", ".parquet", ".duckdb", ".svg")


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def is_documentation(path: Path) -> bool:
    name = path.name.upper()
    return "README" in name or "PROVENANCE" in name or "LICENSE" in name or "CAMEO2PLOVER" in name


def shingles(text: str, n: int) -> set[tuple[str, ...]]:
    ws = words(text)
    return {tuple(ws[i : i + n]) for i in range(len(ws) - n + 1)}


def data_index(root: Path, n: int) -> dict[tuple[str, ...], str]:
    index: dict[tuple[str, ...], str] = {}
    for path in sorted(root.rglob("*")):
        if not path.is_file() or is_documentation(path):
            continue
        text = path.read_text(encoding="utf-8", errors="ignore").replace('\\"', '"').replace("\\n", "\n")
        for sh in shingles(TAG.sub(" ", text), n):
            index.setdefault(sh, str(path.relative_to(root)))
    return index


def repo_files() -> list[Path]:
    out: list[Path] = []
    for sub in SCANNED:
        base = REPO / sub
        paths = [base] if base.is_file() else sorted(base.rglob("*"))
        out += [
            p
            for p in paths
            if p.is_file() and "__pycache__" not in p.parts and p.suffix not in SKIPPED_SUFFIXES
        ]
    return [p for p in out if p.name != "leakcheck.py"]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--words", type=int, default=7)
    ap.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = ap.parse_args()
    if not args.data.is_dir():
        print(f"leakcheck: no data at {args.data}; pass --data", file=sys.stderr)
        return 2
    index = data_index(args.data, args.words)
    total = 0
    for path in repo_files():
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        hits = sorted({(" ".join(sh), index[sh]) for sh in shingles(text, args.words) if sh in index})
        if hits:
            total += len(hits)
            print(f"{path.relative_to(REPO)}: {len(hits)}")
            for run, src in hits:
                print(f"    {run!r}  [{src}]")
    print(f"{total} shared runs of {args.words} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
