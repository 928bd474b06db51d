"""The files the feed store writes: a complete generation behind an atomically swapped link, a .gz
beside each file, file times equal to Last-Modified, old generations cleaned; a worker with the
school in memory notices another worker's newer files without asking the database."""

from __future__ import annotations

import gzip
import os
from pathlib import Path
from typing import Any, NoReturn

import pytest

from prakat import readmodel
from prakat.feeds import store as feedstore
from prakat.feeds.store import GENERATIONS, FeedStore, SchoolInfo, build_school
from prakat.settings import Settings
from tests.feeds.helpers import SCHOOL, SLUG, entry

BASE_URL = "https://prakat.example.go.th"
SCHOOL_INFO = SchoolInfo(id=1, slug=SLUG, name=SCHOOL)


def publish(root: Path, n: int) -> feedstore.SchoolFeeds:
    entries = [entry(s) for s in range(1, n + 1)]
    files = build_school(SCHOOL_INFO, entries, BASE_URL)
    return feedstore._publish(root, SCHOOL_INFO, f"state-{n}", n, files)


def test_a_generation_is_complete_and_behind_one_link(tmp_path: Path) -> None:
    built = publish(tmp_path, 3)
    link = tmp_path / SLUG
    assert link.is_symlink() and os.readlink(link) == built.target
    assert built.target.startswith(f"{GENERATIONS}/{SLUG}/00000003-")
    for path, f in built.files.items():
        on_disk = link / path
        assert on_disk.read_bytes() == f.body
        assert (link / f"{path}.gz").read_bytes() == f.gzip
        assert gzip.decompress(f.gzip) == f.body
        assert on_disk.stat().st_mtime == f.last_modified.timestamp()  # nginx's Last-Modified is ours
    assert (link / "announcements.rss").exists() and (link / "q/kind=winner/announcements.atom").exists()
    assert (link / "archive/1.json").exists() and (link / "manifest.json").exists()


def test_rebuilding_the_same_data_changes_nothing_and_old_generations_go(tmp_path: Path) -> None:
    first = publish(tmp_path, 3)
    assert publish(tmp_path, 3).target == first.target  # same content, same generation
    second = publish(tmp_path, 4)
    third = publish(tmp_path, 5)
    generations = sorted(p.name for p in (tmp_path / GENERATIONS / SLUG).iterdir() if p.is_dir())
    # The current one and the previous one (readers may still be on it); the first is gone.
    assert generations == sorted([Path(second.target).name, Path(third.target).name])
    assert os.readlink(tmp_path / SLUG) == third.target


def test_loading_a_generation_gives_the_same_answers(tmp_path: Path) -> None:
    built = publish(tmp_path, 60)
    loaded = feedstore._load(tmp_path, built.target)
    assert loaded is not None and loaded.state == "state-60" and loaded.newest_sequence == 60
    assert loaded.files.keys() == built.files.keys()
    for path, f in built.files.items():
        other = loaded.files[path]
        assert (other.body, other.gzip, other.etag, other.gzip_etag, other.cache_control) == (
            f.body,
            f.gzip,
            f.etag,
            f.gzip_etag,
            f.cache_control,
        )
        assert other.headers == f.headers and other.not_modified == f.not_modified
    assert feedstore._load(tmp_path, f"{GENERATIONS}/{SLUG}/missing") is None


def _no_database(*_: Any, **__: Any) -> NoReturn:
    raise AssertionError("the database was asked")


async def test_a_worker_notices_newer_files_without_the_database(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two workers, one feeds folder: worker B's rebuild is seen by worker A on its next request."""
    worker_a = FeedStore(Settings(feeds_dir=tmp_path, base_url=BASE_URL))
    first = publish(tmp_path, 3)
    worker_a._remember(first)
    monkeypatch.setattr(feedstore, "_published_rows", _no_database)
    monkeypatch.setattr(feedstore, "get_school_by_slug", _no_database)
    monkeypatch.setattr(readmodel, "entries", _no_database)
    assert (await worker_a.school(SLUG)).target == first.target
    newer = publish(tmp_path, 4)  # "worker B" published and rebuilt
    seen = await worker_a.school(SLUG)
    assert seen.target == newer.target and seen.newest_sequence == 4
    assert seen.files["announcements.rss"].body == newer.files["announcements.rss"].body
