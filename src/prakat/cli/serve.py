"""`prakat serve`. Only this module and what serving needs are loaded in the process that runs it:
with granian, that process only watches the server processes it starts."""

from __future__ import annotations

import click
import uvicorn
from granian import Granian
from granian.constants import Interfaces

from prakat.settings import Settings


@click.command(help="Serve Prakat over HTTP (granian by default: measured faster; see benchmarks/).")
@click.option("--host", default=None, help="Address to listen on (default 127.0.0.1 or PRAKAT_HOST).")
@click.option("--port", default=None, type=int, help="Port (default 8000 or PRAKAT_PORT).")
@click.option(
    "--server",
    type=click.Choice(["granian", "uvicorn"]),
    default="granian",
    show_default=True,
    help="The ASGI server.",
)
@click.option("--workers", default=None, type=int, help="Worker processes (default 1 or PRAKAT_WORKERS).")
def serve(host: str | None, port: int | None, server: str, workers: int | None) -> None:
    Settings.serving(host, port)
    settings = Settings.from_env()
    if not Settings.base_url_is_set():
        click.echo(f"base URL: {settings.base_url} (set PRAKAT_BASE_URL for the public address)", err=True)
    if server == "uvicorn":
        uvicorn.run(
            "prakat.app:app_from_env",
            factory=True,
            host=settings.host,
            port=settings.port,
            proxy_headers=True,
            log_level="info",
        )
        return
    Granian(
        "prakat.app:served_app",
        factory=True,
        interface=Interfaces.ASGI,
        address=settings.host,
        port=settings.port,
        workers=workers or settings.workers,
    ).serve()
