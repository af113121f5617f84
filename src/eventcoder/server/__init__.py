"""The HTTP API, the web reader and the corpus dashboard (``eventcoder serve``).

Needs the ``server`` extra: ``pip install 'eventcoder[server]'``.
"""

from __future__ import annotations

from .settings import ServerSettings

__all__ = ["ServerSettings", "create_app"]


def create_app(*args, **kwargs):  # type: ignore[no-untyped-def]
    # FastAPI is imported only when an app is built, so `eventcoder --help` works without the extra.
    from .app import create_app as _create

    return _create(*args, **kwargs)
