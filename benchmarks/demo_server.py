"""The demo school behind a real `prakat serve`, for the reports that talk to a server from outside
(benchmarks/upload.py, benchmarks/probe.py): `prakat demo` in a temporary folder (SQLite), then
`prakat serve` on a free port of 127.0.0.1 over it, as a school runs them. Not a report itself.

The `prakat` command is the one beside this Python; with ``PYTHONPATH=$PWD/src`` (absolute) the
server runs this checkout's code."""

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
from pathlib import Path

import httpx
from lxml import html

ROOT = Path(__file__).resolve().parents[1]
PRAKAT = shutil.which("prakat", path=str(Path(sys.executable).parent)) or "prakat"
PASSWORD = "prakat-demo"  # every demo user's (prakat.demo)
SLUG = "demo"


@dataclass(frozen=True)
class Server:
    url: str
    pid: int
    log: Path

    def log_tail(self, lines: int = 30) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(folder: Path) -> dict[str, str]:
    return {
        **os.environ,
        "PRAKAT_DATABASE_URL": str(folder / "demo.sqlite3"),
        "PRAKAT_SHARED_DIR": str(ROOT.parent / "shared"),
        "PRAKAT_SECRET_KEY": "benchmark",
    }


@contextmanager
def demo_server(folder: Path) -> Iterator[Server]:
    """`prakat demo` in ``folder`` (the real today), then `prakat serve` over it until the block ends."""
    env = environment(folder)
    loaded = subprocess.run(
        [PRAKAT, "demo"], env=env, cwd=folder, capture_output=True, text=True, timeout=600, check=False
    )
    if loaded.returncode != 0:
        raise SystemExit(f"prakat demo failed:\n{loaded.stderr[-2000:]}")
    port = free_port()
    log = folder / "serve.log"
    with log.open("w") as out:  # a pipe nobody reads would fill up and stall the server
        proc = subprocess.Popen(
            [PRAKAT, "serve", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            cwd=folder,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Server(f"http://127.0.0.1:{port}", proc.pid, log)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(server.url + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"prakat serve did not start:\n{server.log_tail()}")
            time.sleep(0.1)
        yield server
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def form_token(page: httpx.Response) -> str:
    found = html.fromstring(page.text).find(".//input[@name='_csrf_token']")
    if found is None:
        raise SystemExit(f"no CSRF field on {page.url} (HTTP {page.status_code})")
    return str(found.get("value"))


def signed_in(base: str, username: str) -> httpx.Client:
    """A browser-like client signed in as ``username`` (the sign-in form, its CSRF token)."""
    client = httpx.Client(base_url=base, timeout=120)
    login = client.get("/login")
    answer = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "next": "/w/", "_csrf_token": form_token(login)},
    )
    if answer.status_code != 303:
        raise SystemExit(f"sign-in as {username}: HTTP {answer.status_code}")
    return client


def api_token(base: str, username: str) -> str:
    """A personal API token, made as the person would: signed in, on their account page."""
    browser = signed_in(base, username)
    try:
        account = browser.get("/w/account/")
        made = browser.post(
            "/w/account/tokens",
            data={"name": "probe", "_csrf_token": form_token(account)},
            follow_redirects=True,
        )
        value = html.fromstring(made.text).get_element_by_id("token-value").get("value")
        if not value or not value.startswith("prk_"):
            raise SystemExit(f"no API token for {username}: HTTP {made.status_code}")
        return str(value)
    finally:
        browser.close()


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (from /proc)."""
    children: list[int] = []
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            try:
                children += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                continue
    except OSError:
        return []
    return [pid, *(p for child in children for p in process_tree(child))]


def status_kb(pid: int, field: str) -> int:
    """A field of /proc/<pid>/status in kB (VmRSS, VmHWM), 0 once the process is gone."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mb(pid: int) -> float:
    """Resident memory of the process tree now (the sum of VmRSS), in MB."""
    return sum(status_kb(p, "VmRSS") for p in process_tree(pid)) / 1024
