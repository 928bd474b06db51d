"""The `prakat` console script, run as a user runs it: in its own process, on a fresh database."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from lxml import etree, html
from pypdf import PdfReader

from prakat import urls
from prakat.rules import AnnouncementKind
from prakat.settings import Settings, base_url_for
from tests.conftest import DemoDatabase, demo_output

ATOM = "{http://www.w3.org/2005/Atom}"
PRAKAT = shutil.which("prakat", path=str(Path(sys.executable).parent)) or "prakat"


def run(url: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRAKAT_DATABASE_URL": url}
    return subprocess.run(
        [PRAKAT, *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=300, check=False
    )


def test_migrate_is_repeatable(fresh_database_url: str, tmp_path: Path) -> None:
    first = run(fresh_database_url, "migrate", cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    migrations = len(list((Path(__file__).parents[1] / "src/prakat/db/migrations").glob("prakat_*.py")))
    assert f"{migrations} migration(s) applied" in first.stdout
    again = run(fresh_database_url, "migrate", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert "0 migration(s) applied, up to date" in again.stdout


def test_demo_twice_changes_nothing(demo_database: DemoDatabase, tmp_path: Path) -> None:
    url = demo_database(None)  # as after a first `prakat demo` (loaded once per run)
    first = demo_output(None)
    assert "created" in first
    second = run(url, "demo", cwd=tmp_path)
    assert second.returncode == 0, second.stderr
    assert "unchanged" in second.stdout
    assert first.splitlines()[1:] == second.stdout.splitlines()[1:]


def test_default_database_is_a_sqlite_file_in_the_working_directory(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PRAKAT_DATABASE_URL"}
    done = subprocess.run(
        [PRAKAT, "migrate"], env=env, cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "prakat.sqlite3").is_file()


def test_the_base_url_defaults_to_the_address_served() -> None:
    assert Settings.from_env({}).base_url == "http://127.0.0.1:8000"
    assert Settings.from_env({"PRAKAT_PORT": "9000"}).base_url == "http://127.0.0.1:9000"
    assert (
        Settings.from_env({"PRAKAT_HOST": "0.0.0.0", "PRAKAT_PORT": "9000"}).base_url == "http://0.0.0.0:9000"
    )
    assert base_url_for("::1", 9000) == "http://[::1]:9000"
    explicit = {"PRAKAT_PORT": "9000", "PRAKAT_BASE_URL": "https://prakat.example.ac.th/"}
    assert Settings.from_env(explicit).base_url == "https://prakat.example.ac.th"
    assert Settings.base_url_is_set(explicit)
    assert not Settings.base_url_is_set({"PRAKAT_BASE_URL": ""})


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(demo_database: DemoDatabase, tmp_path: Path) -> Iterator[str]:
    url = demo_database(None)  # as after `prakat demo` in tmp_path
    port = _free_port()
    # No PRAKAT_BASE_URL nor PRAKAT_PORT: the base URL must follow --port.
    env = {k: v for k, v in os.environ.items() if k not in {"PRAKAT_BASE_URL", "PRAKAT_PORT", "PRAKAT_HOST"}}
    env["PRAKAT_DATABASE_URL"] = url
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [PRAKAT, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        # A file, not a pipe: nobody reads a pipe while the server runs, and a full one stalls it.
        stderr=log,
        text=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                httpx.get(base + "/healthz", timeout=1)
                break
            except httpx.TransportError:
                if proc.poll() is not None:
                    pytest.fail((tmp_path / "serve.log").read_text())
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        log.close()
    # What `prakat serve` told the person starting it.
    assert f"base URL: {base} (set PRAKAT_BASE_URL for the public address)" in (
        (tmp_path / "serve.log").read_text().splitlines()
    )


def test_serve_shows_the_demo_school(server: str) -> None:
    response = httpx.get(server + "/", timeout=10)
    assert response.status_code == 200
    doc = html.fromstring(response.text)
    assert doc.findtext(".//h1") == "โรงเรียนบ้านหนองบัววิทยา"
    assert doc.get_element_by_id("plan-summary") is not None
    plan_href = doc.get_element_by_id("plan-link").get("href")
    assert plan_href is not None
    plan = html.fromstring(httpx.get(server + plan_href, timeout=10).text)
    assert len(plan.get_element_by_id("plan-table").findall(".//tbody/tr")) > 1
    # The feeds link to the address served (--port, no PRAKAT_BASE_URL), not to a default port.
    feed = etree.fromstring(httpx.get(server + urls.feed("demo", "atom"), timeout=10).content)
    links = [link.get("href", "") for link in feed.iter(f"{ATOM}link")]
    assert links and all(link.startswith(server + "/") for link in links), links
    missing = httpx.get(server + "/s/nobody/", timeout=10)
    assert missing.status_code == 404
    assert html.fromstring(missing.text).findtext(".//h1") == "ไม่พบหน้านี้"


def test_documents_render_writes_every_kind_with_a_picture(
    demo_database: DemoDatabase, tmp_path: Path
) -> None:
    url = demo_database(None)  # as after `prakat demo` in tmp_path
    done = run(url, "documents", "render", "--out", "docs", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for kind in AnnouncementKind:
        pdf, png = tmp_path / "docs" / f"{kind.value}.pdf", tmp_path / "docs" / f"{kind.value}.png"
        assert PdfReader(pdf).pages, kind
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", kind
    lines = done.stdout.splitlines()
    assert len(lines) == len(AnnouncementKind)
    # The demo publishes plans, reference prices, invitations, winners and quarters; the rest are
    # samples made from its records, never stored.
    assert any("quarterly_winners.pdf (published" in line for line in lines)
    assert any("no_plan_statement.pdf (sample" in line for line in lines)
