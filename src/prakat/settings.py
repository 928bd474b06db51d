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
    # Public base URL, used in feeds and documents where an absolute link is required.
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
        return replace(
            base,
            database_url=env.get("PRAKAT_DATABASE_URL", base.database_url) or base.database_url,
            host=env.get("PRAKAT_HOST", base.host),
            port=int(env.get("PRAKAT_PORT", str(base.port))),
            base_url=env.get("PRAKAT_BASE_URL", base.base_url).rstrip("/"),
            shared_dir=Path(env.get("PRAKAT_SHARED_DIR", str(base.shared_dir))),
            feeds_dir=Path(env.get("PRAKAT_FEEDS_DIR", str(base.feeds_dir))),
            secret_key=env.get("PRAKAT_SECRET_KEY", base.secret_key),
            debug=env.get("PRAKAT_DEBUG", "") in {"1", "true", "yes"},
            pool_size=int(env.get("PRAKAT_POOL_SIZE", str(base.pool_size))),
            workers=int(env.get("PRAKAT_WORKERS", str(base.workers))),
            forwarded_allow_ips=env.get("FORWARDED_ALLOW_IPS", base.forwarded_allow_ips),
        )

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
