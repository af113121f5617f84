"""Put the shipped JSON Schema of a document into the OpenAPI description.

The document contract has one source of truth, ``data/schema/<SCHEMA_FILE>``.
Rather than restating it as Python models (which could drift), the server
copies it into ``components/schemas`` and points the document responses at
it, so clients and schemathesis check responses against the real contract.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from importlib import resources
from typing import Any

from ..document import SCHEMA_FILE

DOCUMENT_REF = "#/components/schemas/Document"
PREFIX = "Document_"


@lru_cache(maxsize=1)
def document_schema() -> dict[str, Any]:
    raw = resources.files("eventcoder.data").joinpath(f"schema/{SCHEMA_FILE}").read_text("utf-8")
    return json.loads(raw)


def _rewrite_refs(node: Any) -> Any:
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if k == "$ref" and isinstance(v, str) and v.startswith("#/$defs/"):
                out[k] = "#/components/schemas/" + PREFIX + v.removeprefix("#/$defs/")
            else:
                out[k] = _rewrite_refs(v)
        return out
    if isinstance(node, list):
        return [_rewrite_refs(v) for v in node]
    return node


def document_components() -> dict[str, Any]:
    """``components/schemas`` entries: ``Document`` and its ``Document_*`` definitions."""
    schema = copy.deepcopy(document_schema())
    defs = schema.pop("$defs", {})
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    out = {"Document": _rewrite_refs(schema)}
    for name, sub in defs.items():
        out[PREFIX + name] = _rewrite_refs(sub)
    return out


def document_response(description: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {
            "description": description,
            "content": {"application/json": {"schema": {"$ref": DOCUMENT_REF}}},
        }
    }
