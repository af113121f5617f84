"""What a running server is allowed to do, decided once at start-up."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
# A JSON body holds one article: 2 MB is far above any news report.
DEFAULT_MAX_BODY = 2_000_000
# The readers accept files up to 20 MB; an upload of one report gets the same ceiling.
DEFAULT_MAX_UPLOAD = 20_000_000


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass
class ServerSettings:
    """Options of ``eventcoder serve``; the app reads nothing else from outside."""

    db: str = "eventcoder.duckdb"
    host: str = DEFAULT_HOST
    token: str | None = None
    cors_origins: list[str] = field(default_factory=list)
    max_body: int = DEFAULT_MAX_BODY
    max_upload: int = DEFAULT_MAX_UPLOAD
    read_only: bool = False
    model: str | None = None
    allowed_hosts: list[str] = field(default_factory=list)  # more names to answer to on loopback

    def host_names(self) -> list[str]:
        """Host names a loopback server answers to; [] (any) when it is bound elsewhere."""
        if not is_loopback(self.host):
            return []
        return sorted({"127.0.0.1", "localhost", "::1", self.host.strip("[]"), *self.allowed_hosts})

    def write_policy(self) -> str:
        """How writes are guarded: 'token', 'open' (loopback only) or 'closed'.

        A server anybody on the network can reach must not let anybody write
        into the store, so without a token it refuses writes there.
        """
        if self.read_only:
            return "closed"
        if self.token:
            return "token"
        return "open" if is_loopback(self.host) else "closed"
