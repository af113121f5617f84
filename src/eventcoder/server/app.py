"""The FastAPI application: the JSON API, the reader and the dashboard.

``create_app(settings)`` builds one app over one DuckDB store.  The store is
opened once; DuckDB connections are not safe to share between threads, so
every use of it takes ``_lock`` (queries are milliseconds).  Extraction runs
one document at a time on a pipeline loaded on first use.
"""

from __future__ import annotations

import hmac
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib import resources
from pathlib import PurePosixPath
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse, RedirectResponse
from fastapi.staticfiles import StaticFiles
from pydantic import AfterValidator, ValidationError

from .. import __version__
from ..document import EVENT_TYPES, Document, sha256_text
from ..errors import EventcoderError, InputError
from ..records import Record
from ..store import Store
from ..store.filters import EventQuery, check_date, check_types
from . import queries
from .middleware import BodyLimit, RequestGuard, SecurityHeaders
from .models import (
    DATE_PATTERN,
    ActorPage,
    DocumentPage,
    EventPage,
    ExtractRequest,
    IncidentPage,
    QuotePage,
    Stats,
)
from .openapi import document_components, document_response
from .settings import ServerSettings

STATIC = resources.files("eventcoder.server").joinpath("static")
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9._:@+-]+")

Limit = Annotated[int, Query(ge=1, le=500, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Rows to skip.")]


def _real_date(name: str) -> Callable[[str | None], str | None]:
    """A check that a value is a real YYYY[-MM[-DD]] date (the CLI's check, with its message)."""

    def check(value: str | None) -> str | None:
        if value is not None:
            check_date(value, name)  # a FilterError is a ValueError: pydantic answers 422 with its message
        return value

    return check


def _date_query(name: str, description: str, deprecated: bool = False) -> Any:
    return Annotated[
        str | None,
        # The pattern is published for clients; the check, with a readable message, is _real_date's
        # (a pattern cannot know that 2023-02-29 is not on the calendar).
        Query(description=description, deprecated=deprecated, json_schema_extra={"pattern": DATE_PATTERN}),
        AfterValidator(_real_date(name)),
    ]


Since = _date_query(
    "since", "Events that may have happened on or after this date: YYYY, YYYY-MM or YYYY-MM-DD."
)
Until = _date_query(
    "until", "Events that may have happened on or before this date: YYYY, YYYY-MM or YYYY-MM-DD."
)
DateFrom = _date_query("date_from", "Old name of `since`.", deprecated=True)
DateTo = _date_query("date_to", "Old name of `until`.", deprecated=True)
Text = Annotated[str | None, Query(max_length=300)]
Code = Annotated[str | None, Query(max_length=8)]


def _types(values: list[str] | None) -> list[str] | None:
    """PLOVER types in any case (the CLI's check, with its message)."""
    return None if values is None else list(check_types(values))


EventTypes = Annotated[
    list[str] | None,
    Query(
        description="PLOVER event types, any case; repeat for several (type=ASSAULT&type=COERCE).",
        json_schema_extra={
            "items": {"type": "string", "enum": [*EVENT_TYPES, *(t.lower() for t in EVENT_TYPES)]}
        },
    ),
    AfterValidator(_types),
]
ActorType = Literal["person", "organization", "country", "group"]
WHO = (
    "any part of a name, any case ('khamenei'); or a Wikidata id, a country (IRN, 'Iran') or a "
    "country+sector code (IRNGOV): the CLI's --{0}."
)


def _query_error(name: str, message: str, value: Any = None) -> RequestValidationError:
    """A 422 shaped like FastAPI's own validation answers (the documented HTTPValidationError)."""
    return RequestValidationError(
        [{"type": "value_error", "loc": ("query", name), "msg": message, "input": value}]
    )


def known_query_params(request: Request) -> None:
    """Refuse query parameters the endpoint does not take: a misspelt filter (``date_fro``,
    ``sinse``) would otherwise be ignored and silently return everything."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    for name in request.query_params:
        if name not in known:
            raise _query_error(
                name,
                f"unknown query parameter {name!r}; this endpoint takes: {', '.join(sorted(known))}",
                request.query_params[name],
            )


def _query_names(dependant: Any) -> set[str]:
    """The query parameters of an endpoint and of the dependencies it uses (such as the filters)."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


STRICT = [Depends(known_query_params)]


def event_filters(
    type: EventTypes = None,
    actor: Annotated[
        str | None, Query(max_length=300, description="A source actor: " + WHO.format("actor"))
    ] = None,
    recipient: Annotated[
        str | None, Query(max_length=300, description="A recipient: " + WHO.format("recipient"))
    ] = None,
    country: Annotated[
        str | None, Query(max_length=60, description="Actor's or recipient's country (ISO3 or name).")
    ] = None,
    actor_country: Annotated[
        str | None, Query(max_length=60, description="A source actor's country.")
    ] = None,
    recipient_country: Annotated[
        str | None, Query(max_length=60, description="A recipient's country.")
    ] = None,
    sector: Annotated[str | None, Query(max_length=8, description="Actor's or recipient's sector.")] = None,
    since: Since = None,
    until: Until = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    source: Annotated[str | None, Query(max_length=300, description="The reports' source (outlet).")] = None,
    incident: Text = None,
    doc: Annotated[str | None, Query(max_length=300, description="Document id.")] = None,
    place: Annotated[str | None, Query(max_length=300, description="Place name (exact).")] = None,
    q: Annotated[str | None, Query(max_length=300, description="Words in the evidence sentence.")] = None,
) -> EventQuery:
    """The filters of ``/events`` and ``/stats``: the CLI's ``events`` filter, one implementation."""
    # Given both names, both bounds apply: the later start and the earlier end.
    starts = [d for d in (since, date_from) if d]
    ends = [d for d in (until, date_to) if d]
    return EventQuery(
        actor=actor or None,
        recipient=recipient or None,
        type=tuple(type or ()),
        country=country or None,
        since=max(starts, key=lambda d: check_date(d)[0]) if starts else None,
        until=min(ends, key=lambda d: check_date(d)[1]) if ends else None,
        source=source or None,
        doc=doc or None,
        incident=incident or None,
        actor_country=actor_country or None,
        recipient_country=recipient_country or None,
        sector=sector or None,
        place=place or None,
        text=q or None,
    )


Filters = Annotated[EventQuery, Depends(event_filters)]


class ServerState:
    """The store and the pipeline of one app."""

    def __init__(self, settings: ServerSettings, pipeline: Any = None):
        self.settings = settings
        self.store = Store(settings.db, read_only=settings.read_only)
        self._lock = threading.Lock()
        self._pipeline = pipeline
        self._pipeline_lock = threading.Lock()

    @contextmanager
    def db(self) -> Iterator[Store]:
        with self._lock:
            yield self.store

    def extract(self, record: Record) -> Document:
        # One extraction at a time: stages keep per-call state on the pipeline's objects.
        with self._pipeline_lock:
            if self._pipeline is None:
                from ..pipeline import Pipeline

                self._pipeline = Pipeline(model=self.settings.model)
            return self._pipeline(record)

    def close(self) -> None:
        with self._lock:
            self.store.close()


def safe_id(name: str | None, text: str) -> str:
    """A document id from an upload's file name (its stem only), else from the text's hash."""
    stem = PurePosixPath((name or "").replace("\\", "/")).name
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    stem = _UNSAFE_ID.sub("-", stem).strip("-.")[:120]
    return stem or "text-" + sha256_text(text)[:16]


def _check_write(request: Request, settings: ServerSettings) -> None:
    policy = settings.write_policy()
    if policy == "open":
        return
    if policy == "closed":
        why = (
            "the store is open read-only"
            if settings.read_only
            else "this server is reachable from other machines; restart it with --token to allow writes"
        )
        raise HTTPException(403, f"storing is disabled: {why}")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), settings.token.encode()):  # type: ignore[union-attr]
        raise HTTPException(
            401, "storing needs the server's token: send 'Authorization: Bearer TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )  # fmt: skip


async def _read_extract_request(request: Request, settings: ServerSettings) -> Record:
    """A Record from a JSON body or a multipart upload (field 'file' plus optional metadata fields)."""
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype == "multipart/form-data":
        from ..io.readers import decode, decode_html, html_article

        form = await request.form(max_files=1, max_fields=10)
        upload = form.get("file")
        if upload is None or isinstance(upload, str):
            raise HTTPException(422, "multipart request has no 'file' field")
        raw = await upload.read(settings.max_upload + 1)
        if len(raw) > settings.max_upload:
            raise HTTPException(413, f"upload too large: the limit is {settings.max_upload:,} bytes")
        name = upload.filename or "upload.txt"
        suffix = PurePosixPath(name.replace("\\", "/")).suffix.lower()
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
            raise HTTPException(415, f"cannot read {suffix!r} uploads here; send a .txt or .html report")
        try:
            text = decode_html(raw, "upload") if suffix in HTML_SUFFIXES else decode(raw, "upload")
        except InputError as exc:
            raise HTTPException(422, str(exc)) from None
        page: dict[str, str | None] = {}
        if suffix in HTML_SUFFIXES:
            # the page's own title, date and site name, as `eventcoder run` reads them
            text, page = html_article(text)
            if not text:
                raise HTTPException(422, f"{name}: no article text found in the HTML")
        fields: dict[str, Any] = {
            k: v for k, v in form.items() if k != "file" and isinstance(v, str) and v != ""
        }
        fields["text"] = text
        for key_, value in page.items():
            if value and key_ not in fields:
                fields[key_] = value  # a form field the client sent wins
        if "id" not in fields:
            fields["id"] = safe_id(name, text)
    elif ctype == "application/json":
        try:
            fields = await request.json()
        except ValueError:
            raise HTTPException(422, "the body is not valid JSON") from None
        if not isinstance(fields, dict):
            raise HTTPException(422, "the body must be a JSON object with a 'text' field")
    else:
        raise HTTPException(415, "send application/json or multipart/form-data")
    try:
        body = ExtractRequest.model_validate(fields)
    except ValidationError as exc:
        raise HTTPException(422, _validation_message(exc)) from None
    return Record(
        text=body.text,
        id=body.id or "text-" + sha256_text(body.text)[:16],
        published=body.published,
        title=body.title,
        source=body.source,
        url=body.url,
        origin="request",
    )


def _validation_message(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(x) for x in err["loc"]) or "body"
        parts.append(f"{where}: {err['msg']}")
    return "; ".join(parts)


EXTRACT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ExtractRequest.model_json_schema()},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "A .txt or .html report.",
                        },
                        "published": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
                        "title": {"type": "string"},
                        "source": {"type": "string"},
                        "url": {"type": "string"},
                    },
                }
            },
        },
    }
}


def create_app(settings: ServerSettings | None = None, pipeline: Any = None) -> FastAPI:
    """The app over ``settings.db``; ``pipeline`` lets a caller share an already loaded extractor."""
    settings = settings or ServerSettings()
    state = ServerState(settings, pipeline)
    app = FastAPI(
        title="eventcoder",
        version=__version__,
        description=(
            "Verifiable event data from news reports. Documents follow the JSON contract "
            "`eventcoder.document/2`; every actor, quote, event, place and date points at characters of the text."
        ),
        docs_url=None,  # the stock page loads its scripts from a CDN; ours is served from the package
        redoc_url=None,
    )
    app.state.eventcoder = state

    # -- pages ------------------------------------------------------------------
    def page(name: str) -> Callable[[], FileResponse]:
        def serve_page() -> FileResponse:
            return FileResponse(str(STATIC.joinpath(name)), media_type="text/html")

        serve_page.__name__ = "page_" + name.split(".")[0]
        return serve_page

    app.get("/", include_in_schema=False)(lambda: RedirectResponse("/dashboard"))
    app.get("/reader", include_in_schema=False)(page("reader.html"))
    app.get("/dashboard", include_in_schema=False)(page("dashboard.html"))
    app.get("/docs", include_in_schema=False)(page("apidocs.html"))
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    # -- API --------------------------------------------------------------------
    @app.post(
        "/extract",
        summary="Extract one report",
        responses={
            **document_response("The extracted document (eventcoder.document/2)."),
            400: {"description": "A malformed multipart body."},
            401: {"description": "Storing needs the token."},
            403: {"description": "Storing is disabled on this server."},
            413: {"description": "The body or upload is larger than the server's limit."},
            415: {"description": "Neither JSON nor a multipart upload of a .txt/.html file."},
            422: {"description": "The text cannot be extracted (empty, binary, not English, ...)."},
        },
        openapi_extra=EXTRACT_BODY,
        response_class=JSONResponse,
        dependencies=STRICT,
    )
    async def extract(
        request: Request,
        store: Annotated[bool, Query(description="Also store the document (a write).")] = False,
    ) -> JSONResponse:
        """Extract a report sent as JSON (`text`, `published`, `title`, `source`, `url`, `id`) or as an
        uploaded `file` (.txt or .html); return its document.  With `?store=true` it is also stored."""
        if store:
            _check_write(request, settings)
        record = await _read_extract_request(request, settings)
        from starlette.concurrency import run_in_threadpool

        try:
            doc = await run_in_threadpool(state.extract, record)
        except InputError as exc:
            raise HTTPException(422, exc.problem + (f" ({exc.hint})" if exc.hint else "")) from None
        if store:

            def write() -> None:
                from ..runner import group_incidents

                with state.db() as db:
                    db.write([doc], version=__version__)
                    # As at the end of a run: the new events join (or start) their incidents now,
                    # not at the next run.
                    group_incidents(db)

            try:
                await run_in_threadpool(write)
            except EventcoderError as exc:
                raise HTTPException(500, f"could not store the document: {exc}") from None
        return JSONResponse(doc.to_dict())

    @app.get("/documents", response_model=DocumentPage, summary="List stored documents", dependencies=STRICT)
    def list_documents(
        q: Annotated[str | None, Query(max_length=300, description="Words in the id or title.")] = None,
        source: Text = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        with state.db() as db:
            return queries.documents(db, q, source, limit, offset)

    @app.get(
        "/documents/{doc_id}",
        summary="One stored document",
        responses={**document_response("The stored document."), 404: {"description": "No such document."}},
        response_class=JSONResponse,
        dependencies=STRICT,
    )
    def get_document(doc_id: str) -> JSONResponse:
        with state.db() as db:
            doc = db.document(doc_id)
        if doc is None:
            raise HTTPException(404, f"no document with id {doc_id!r}")
        return JSONResponse(doc.to_dict())

    @app.get("/events", response_model=EventPage, summary="Events across the corpus", dependencies=STRICT)
    def list_events(f: Filters, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Events with their document's title, source and date; newest first.  The filters are those
        of `eventcoder events`; an unknown parameter is refused (422)."""
        with state.db() as db:
            return queries.events(db, f, limit, offset)

    @app.get("/actors", response_model=ActorPage, summary="Actors across the corpus", dependencies=STRICT)
    def list_actors(
        q: Annotated[str | None, Query(max_length=300, description="Words in the name.")] = None,
        country: Code = None,
        sector: Code = None,
        type: ActorType | None = None,
        doc: Text = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        """One row per identity (name, type, country, sector), most mentioned first."""
        with state.db() as db:
            return queries.actors(db, q, country, sector, type, doc, limit, offset)

    @app.get("/quotes", response_model=QuotePage, summary="Quotes, by speaker", dependencies=STRICT)
    def list_quotes(
        speaker: Annotated[str | None, Query(max_length=300, description="Speaker's name (exact).")] = None,
        doc: Text = None,
        q: Annotated[str | None, Query(max_length=300, description="Words in the quote.")] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> dict[str, Any]:
        with state.db() as db:
            return queries.quotes(db, speaker, doc, q, limit, offset)

    @app.get(
        "/incidents",
        response_model=IncidentPage,
        summary="Incidents (events grouped across sources)",
        dependencies=STRICT,
    )
    def list_incidents(limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
        """Empty until a corpus run has grouped events into incidents."""
        with state.db() as db:
            return queries.incidents(db, limit, offset)

    @app.get(
        "/stats", response_model=Stats, summary="Corpus statistics for the dashboard", dependencies=STRICT
    )
    def get_stats(f: Filters) -> dict[str, Any]:
        """Totals, events by type and period, who acts on whom, top speakers, located events;
        the filters are those of `/events`."""
        with state.db() as db:
            return queries.stats(db, f)

    @app.get("/map/countries.json", include_in_schema=False)
    def world_map() -> JSONResponse:
        return JSONResponse(_world_map(), headers={"cache-control": "public, max-age=86400"})

    def custom_openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        spec = get_openapi(
            title=app.title, version=app.version, description=app.description, routes=app.routes
        )
        spec.setdefault("components", {}).setdefault("schemas", {}).update(document_components())
        app.openapi_schema = spec
        return spec

    app.openapi = custom_openapi  # type: ignore[method-assign]

    # Added last runs first: security headers on every answer, then the host and origin
    # checks, then the size limit, then CORS.
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type"],
        )
    app.add_middleware(BodyLimit, max_body=settings.max_body, max_upload=settings.max_upload)
    app.add_middleware(
        RequestGuard, allowed_hosts=settings.host_names(), allowed_origins=settings.cors_origins
    )
    app.add_middleware(SecurityHeaders)
    return app


_MAP_CACHE: dict[str, Any] = {}


def _world_map() -> dict[str, Any]:
    """The bundled world-atlas TopoJSON with each country's ISO alpha-3 code added as ``a3``."""
    if "map" not in _MAP_CACHE:
        import json

        import pycountry

        topo = json.loads(STATIC.joinpath("map/countries-110m.json").read_text("utf-8"))
        for geom in topo["objects"]["countries"]["geometries"]:
            props = geom.setdefault("properties", {})
            numeric = geom.get("id")
            country = pycountry.countries.get(numeric=numeric) if numeric else None
            if country is not None:
                props["a3"] = country.alpha_3
            elif props.get("name") == "Kosovo":
                props["a3"] = "KOS"  # no ISO code; the document schema uses KOS
        _MAP_CACHE["map"] = topo
    return _MAP_CACHE["map"]
