"""Plain ASGI middleware: request size limits and security headers.

The body is read (up to its limit) before the app sees it, so an oversized
request gets one clear 413 whether it announced its length or streamed it in
chunks, and the app never holds more than the limit in memory.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Our pages load nothing from elsewhere and run no inline script, so the
# browser can refuse everything else: a report that smuggles markup in cannot
# run code or fetch anything even if it ever reached the DOM as HTML.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


async def _reply(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})


class BodyLimit:
    """Answer 413 to a request whose body is larger than its limit.

    Multipart uploads get ``max_upload`` bytes, every other body ``max_body``.
    """

    def __init__(self, app: ASGIApp, max_body: int, max_upload: int):
        self.app = app
        self.max_body = max_body
        self.max_upload = max_upload

    def limit_for(self, scope: Scope) -> tuple[int, str]:
        headers = dict(scope.get("headers") or [])
        ctype = headers.get(b"content-type", b"").decode("latin-1").lower()
        if ctype.startswith("multipart/"):
            return self.max_upload, "upload"
        return self.max_body, "request body"

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        limit, what = self.limit_for(scope)
        too_big = f"{what} too large: the limit is {limit:,} bytes"
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                if int(declared) > limit:
                    await _reply(send, 413, too_big)
                    return
            except ValueError:
                await _reply(send, 400, "invalid Content-Length header")
                return
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _reply(send, 413, too_big)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


def _host_name(host: str) -> str:
    """'localhost:8000' -> 'localhost', '[::1]:8000' -> '::1'."""
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class RequestGuard:
    """Refuse requests a browser was tricked into sending.

    * Host check (``allowed_hosts`` non-empty): a server on loopback answers only
      to its own names, so a web page that rebinds its DNS name to 127.0.0.1
      cannot read or write through the user's browser.
    * Origin check: a browser names the page that sent a POST; one from another
      origin (not listed with --cors-origin) is refused, so a page elsewhere
      cannot make the browser store documents (forms need no CORS preflight).
    """

    def __init__(self, app: ASGIApp, allowed_hosts: list[str], allowed_origins: list[str]):
        self.app = app
        self.allowed_hosts = {h.lower() for h in allowed_hosts}
        self.allowed_origins = {o.rstrip("/").lower() for o in allowed_origins}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        host = headers.get(b"host", b"").decode("latin-1").lower()
        if self.allowed_hosts and _host_name(host) not in self.allowed_hosts:
            await _reply(
                send, 400, f"unknown host {host!r}; this server answers to {sorted(self.allowed_hosts)}"
            )
            return
        origin = headers.get(b"origin")
        if origin is not None and scope.get("method") not in ("GET", "HEAD", "OPTIONS"):
            value = origin.decode("latin-1").rstrip("/").lower()
            same = value.split("://", 1)[-1] == host
            if not same and value not in self.allowed_origins:
                await _reply(send, 403, f"cross-origin request from {value!r} refused")
                return
        await self.app(scope, receive, send)


class SecurityHeaders:
    """Add CSP and friends to every HTTP response."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
