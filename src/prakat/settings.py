"""One Settings object, read from PRAKAT_* environment variables.

Nothing else in Prakat reads ``os.environ``: tests and tools build a ``Settings`` and pass it on.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

DEFAULT_DATABASE_URL = "prakat.sqlite3"


def _project_root() -> Path:
    # src/prakat/settings.py -> project root; in a wheel this points into site-packages and the
    # defaults below that depend on it are overridden by the environment (see Containerfile).
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    host: str = "127.0.0.1"
    port: int = 8000
    # Public base URL, used in feeds and documents where an absolute link is required. Without
    # PRAKAT_BASE_URL it is the address served (see base_url_for), so links point at this server.
    base_url: str = "http://127.0.0.1:8000"
    # Reference material beside the checkout (emblem for the demo, OCDS schemas for tests).
    shared_dir: Path = field(default_factory=lambda: _project_root().parent / "shared")
    feeds_dir: Path = Path("feeds")
    # Empty: kept in .prakat-secret in the working directory (see prakat.keys).
    secret_key: str = ""
    debug: bool = False
    # Size of the PostgreSQL connection pool; SQLite has none.
    pool_size: int = 10
    # `prakat serve`: worker processes, and the proxies whose X-Forwarded-For is believed (the same
    # variable uvicorn reads), so sign-in rate limiting sees the real client address.
    workers: int = 1
    forwarded_allow_ips: str = "127.0.0.1"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        base = cls()
        host = env.get("PRAKAT_HOST", base.host)
        port = int(env.get("PRAKAT_PORT", str(base.port)))
        return replace(
            base,
            database_url=env.get("PRAKAT_DATABASE_URL", base.database_url) or base.database_url,
            host=host,
            port=port,
            base_url=(env.get("PRAKAT_BASE_URL") or base_url_for(host, port)).rstrip("/"),
            shared_dir=Path(env.get("PRAKAT_SHARED_DIR", str(base.shared_dir))),
            feeds_dir=Path(env.get("PRAKAT_FEEDS_DIR", str(base.feeds_dir))),
            secret_key=env.get("PRAKAT_SECRET_KEY", base.secret_key),
            debug=env.get("PRAKAT_DEBUG", "") in {"1", "true", "yes"},
            pool_size=int(env.get("PRAKAT_POOL_SIZE", str(base.pool_size))),
            workers=int(env.get("PRAKAT_WORKERS", str(base.workers))),
            forwarded_allow_ips=env.get("FORWARDED_ALLOW_IPS", base.forwarded_allow_ips),
        )

    @staticmethod
    def base_url_is_set(environ: Mapping[str, str] | None = None) -> bool:
        """Whether PRAKAT_BASE_URL names the public address (else base_url is the address served)."""
        return bool((os.environ if environ is None else environ).get("PRAKAT_BASE_URL"))

    @staticmethod
    def serving(host: str | None, port: int | None) -> None:
        """`prakat serve --host/--port`: the address given on the command line becomes PRAKAT_HOST and
        PRAKAT_PORT for this process and the server processes it starts (they build their own Settings
        from the environment), so the base URL that defaults to it is the same in each."""
        if host is not None:
            os.environ["PRAKAT_HOST"] = host
        if port is not None:
            os.environ["PRAKAT_PORT"] = str(port)

    @property
    def is_postgres(self) -> bool:
        return self.database_url.startswith(("postgres://", "postgresql://"))

    @property
    def https(self) -> bool:
        """Served over HTTPS: cookies get the Secure flag."""
        return self.base_url.startswith("https://")

    @property
    def default_emblem_path(self) -> Path:
        return self.shared_dir / "assets" / "garuda.svg"


def base_url_for(host: str, port: int) -> str:
    """The address `host:port` is served at, as a URL (an IPv6 address in brackets)."""
    return f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
