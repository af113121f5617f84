"""``eventcoder serve``: the HTTP API, the reader and the dashboard over one store."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from .settings import (
    DEFAULT_HOST,
    DEFAULT_MAX_BODY,
    DEFAULT_MAX_UPLOAD,
    DEFAULT_PORT,
    ServerSettings,
    is_loopback,
)


@click.command()
@click.option("--db", default="eventcoder.duckdb", show_default=True, help="DuckDB store to serve.")
@click.option(
    "--host",
    default=DEFAULT_HOST,
    show_default=True,
    help="Address to bind. Anything but loopback exposes the server to the network.",
)
@click.option("--port", type=click.IntRange(0, 65535), default=DEFAULT_PORT, show_default=True)
@click.option(
    "--token",
    envvar="EVENTCODER_TOKEN",
    help="Secret that writes (POST /extract?store=true) must send as 'Authorization: Bearer TOKEN'. "
    "Without it, a server bound to a non-loopback address refuses writes. "
    "[env: EVENTCODER_TOKEN]",
)
@click.option(
    "--cors-origin",
    "cors_origins",
    multiple=True,
    help="Allow browser pages from this origin (e.g. https://example.org) to call the API; "
    "repeat for more. Default: no cross-origin access.",
)
@click.option(
    "--max-body",
    type=click.IntRange(1),
    default=DEFAULT_MAX_BODY,
    show_default=True,
    help="Largest JSON request body in bytes (413 above).",
)
@click.option(
    "--max-upload",
    type=click.IntRange(1),
    default=DEFAULT_MAX_UPLOAD,
    show_default=True,
    help="Largest uploaded file in bytes (413 above).",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    help="Another host name a loopback server answers to (e.g. behind a local proxy); repeatable.",
)
@click.option(
    "--read-only", is_flag=True, help="Open the store read-only: no writes, and other processes may read it."
)
@click.option("--model", envvar="EVENTCODER_MODEL", help="spaCy pipeline for POST /extract.")
def serve(db: str, host: str, port: int, token: str | None, cors_origins: tuple[str, ...], max_body: int,
          max_upload: int, allowed_hosts: tuple[str, ...], read_only: bool, model: str | None) -> None:  # fmt: skip
    """Serve the API (/docs), the reader (/reader) and the dashboard (/dashboard).

    \b
      eventcoder serve --db eventcoder.duckdb
      then open http://127.0.0.1:8000/
    """
    try:
        import uvicorn

        from .app import create_app
    except ImportError as exc:
        raise click.ClickException(
            f"the server needs its extra dependencies ({exc.name} is missing): pip install 'eventcoder[server]'"
        ) from None
    from ..errors import EventcoderError

    settings = ServerSettings(db=db, host=host, token=token or None, cors_origins=list(cors_origins),
                              max_body=max_body, max_upload=max_upload, read_only=read_only, model=model,
                              allowed_hosts=list(allowed_hosts))  # fmt: skip
    if not read_only and not Path(db).exists():
        click.echo(f"eventcoder: {db} does not exist yet: starting with an empty store", err=True)
    try:
        app = create_app(settings)
    except EventcoderError as exc:
        click.echo(f"eventcoder: error: {exc}", err=True)
        sys.exit(2)
    policy = settings.write_policy()
    if policy == "closed" and not read_only and not is_loopback(host):
        click.echo(
            f"eventcoder: {host} is reachable from other machines, and no --token was given: "
            "storing (POST /extract?store=true) is disabled.",
            err=True,
        )
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"eventcoder: serving {db} on http://{shown}:{port}/ (API docs at /docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="info", proxy_headers=False, server_header=False)
