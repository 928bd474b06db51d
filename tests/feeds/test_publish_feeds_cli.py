"""`prakat demo` leaves the demo school's feeds written, and `prakat publish-feeds` writes them again
(the same bytes for the same data), as a user runs them: in their own process."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import DemoDatabase
from tests.feeds.helpers import parsed

PRAKAT = shutil.which("prakat", path=str(Path(sys.executable).parent)) or "prakat"


def run(url: str, *args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in ("PRAKAT_FEEDS_DIR", "PRAKAT_BASE_URL")}
    return subprocess.run(
        [PRAKAT, *args],
        env={**clean, "PRAKAT_DATABASE_URL": url, **env},
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_demo_writes_the_feeds_and_publish_feeds_writes_them_again(
    demo_database: DemoDatabase, tmp_path: Path
) -> None:
    # `prakat demo` as run in tmp_path (loaded once per run and copied, with the feeds it wrote).
    fresh_database_url = demo_database(None)
    folder = tmp_path / "feeds" / "demo"  # PRAKAT_FEEDS_DIR defaults to ./feeds
    assert folder.is_symlink()
    target = os.readlink(folder)
    main = (folder / "announcements.rss").read_bytes()
    feed = parsed(main)
    assert feed.entries and feed.feed.links[0].href.startswith("http://127.0.0.1:8000/s/demo/")
    for path in (
        "announcements.atom",
        "announcements.json",
        "q/kind=winner/announcements.rss",
        "archive/1.atom",
    ):
        assert (folder / path).is_file() and (folder / f"{path}.gz").is_file(), path

    again = run(fresh_database_url, "publish-feeds", cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    lines = again.stdout.splitlines()
    assert lines[0].startswith("demo: ") and lines[0].endswith(target)
    assert (
        "  announcements.{atom,json,rss}" in lines
        and "  q/kind=winner/announcements.{atom,json,rss}" in lines
    )
    assert os.readlink(folder) == target and (folder / "announcements.rss").read_bytes() == main

    elsewhere = run(
        fresh_database_url,
        "publish-feeds",
        "--school",
        "demo",
        cwd=tmp_path,
        PRAKAT_FEEDS_DIR=str(tmp_path / "out"),
    )
    assert elsewhere.returncode == 0, elsewhere.stderr
    assert (tmp_path / "out" / "demo" / "announcements.rss").read_bytes() == main

    unknown = run(fresh_database_url, "publish-feeds", "--school", "no-such-school", cwd=tmp_path)
    assert unknown.returncode == 1 and "ไม่พบโรงเรียน" in unknown.stderr
