"""`prakat serve` in its own process, on a free port, over a database of its own: for the tests that
talk to a real server (the browser tests, the API fuzzing)."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import httpx
import pytest

PRAKAT = shutil.which("prakat", path=str(Path(sys.executable).parent)) or "prakat"
BANGKOK = ZoneInfo("Asia/Bangkok")


@dataclass(frozen=True)
class Server:
    url: str
    # The fiscal year the server calls current: it reads the real clock, so the demo is loaded for
    # the real today as well.
    year_be: int
    log: Path

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def fiscal_year_be_now() -> int:
    """Thai government fiscal year of the real today, B.E. (October to September)."""
    day = datetime.now(BANGKOK).date()
    return day.year + 543 + (1 if day.month >= 10 else 0)


@contextmanager
def serving(database_url: str, work: Path) -> Iterator[Server]:
    """`prakat serve` over ``database_url`` in the folder ``work``, until the block ends."""
    env = {**os.environ, "PRAKAT_DATABASE_URL": database_url}
    port = free_port()
    log = work / "serve.log"
    # The server's output goes to a file: a pipe nobody reads fills up and stalls the server.
    with log.open("w") as out:
        proc = subprocess.Popen(
            [PRAKAT, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=work,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    running = Server(f"http://127.0.0.1:{port}", fiscal_year_be_now(), log)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(running.url + "/healthz", timeout=1)
                break
            except httpx.TransportError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"prakat serve did not start:\n{running.log_tail()}")
                time.sleep(0.1)
        yield running
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
