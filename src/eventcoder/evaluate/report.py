"""What a scorer hands back: small tables, one summary line, every figure and the per-item errors."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

SNIPPET = 100  # characters of text shown for a miss or a false hit


def snippet(text: str, start: int, end: int, width: int = SNIPPET) -> str:
    """The characters of ``[start, end)`` on one line, cut in the middle when long."""
    s = " ".join(text[start:end].split())
    if len(s) > width:
        half = width // 2 - 2
        s = s[:half] + " ... " + s[-half:]
    return s


def fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if value is None:
        return "-"
    return str(value)


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    headline: bool = True  # False: a detail table the scoreboard leaves out (it stays in the report)

    def add(self, *cells: Any) -> None:
        self.rows.append(list(cells))

    def text(self) -> str:
        cells = [self.columns] + [[fmt(c) for c in r] for r in self.rows]
        widths = [max(len(r[i]) for r in cells) for i in range(len(self.columns))]

        def line(r: list[str]) -> str:
            first = r[0].ljust(widths[0])
            rest = [c.rjust(w) for c, w in zip(r[1:], widths[1:], strict=True)]
            return "  ".join([first, *rest]).rstrip()

        out = [self.title, line(cells[0]), line(["-" * w for w in widths])]
        out += [line(r) for r in cells[1:]]
        return "\n".join(out)

    def markdown(self) -> str:
        head = "| " + " | ".join(self.columns) + " |"
        sep = "|" + "|".join(["---"] + ["---:"] * (len(self.columns) - 1)) + "|"
        body = ["| " + " | ".join(fmt(c) for c in r) + " |" for r in self.rows]
        return "\n".join([head, sep, *body])

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "columns": self.columns, "rows": self.rows}


@dataclass
class Result:
    """One task scored on one dataset by one system."""

    task: str
    dataset: str
    system: str
    items: int = 0
    tables: list[Table] = field(default_factory=list)
    figures: dict[str, Any] = field(default_factory=dict)
    summary: str = ""
    errors: list[dict[str, Any]] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def error(self, item: str, kind: str, **details: Any) -> None:
        self.errors.append({"item": item, "kind": kind, **details})

    def text(self) -> str:
        parts = [t.text() for t in self.tables]
        if self.failures:
            lines = [f"{len(self.failures)} item(s) had no system output (scored as empty), e.g.:"]
            lines += [f"  {f['item']}: {f['reason']}" for f in self.failures[:3]]
            parts.append("\n".join(lines))
        parts.append(self.summary_line())
        return "\n\n".join(parts)

    def summary_line(self) -> str:
        return f"{self.task} on {self.dataset} [{self.system}, {self.items} items]: {self.summary}"

    def as_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "dataset": self.dataset,
            "system": self.system,
            "items": self.items,
            "seconds": round(self.seconds, 2),
            "summary": self.summary,
            "figures": self.figures,
            "tables": [t.as_dict() for t in self.tables],
            "notes": self.notes,
            "failures": self.failures,
            "errors": self.errors,
        }


def write_report(results: list[Result], path: str, meta: dict[str, Any]) -> None:
    payload = {**meta, "results": [r.as_dict() for r in results]}
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(payload, fh, ensure_ascii=False, indent=1)
        fh.write("\n")
