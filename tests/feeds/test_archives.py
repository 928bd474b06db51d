"""RFC 5005 archives and the standard feeds of a school: a subscriber who follows prev-archive from
the main feed gets every entry; archive pages hold each entry once; a complete page never changes."""

from __future__ import annotations

from typing import Any

import pytest

from prakat import urls
from prakat.feeds import guid
from prakat.feeds.files import ARCHIVE_CACHE, CURRENT_CACHE, FeedFile, SchoolInfo, build_school
from prakat.publicentry import GROUPS, Filters, PublicEntry, matches
from tests.feeds.helpers import ATOM, SCHOOL, SLUG, entry, json_feed, parsed, xml

BASE_URL = "https://prakat.example.go.th"
SCHOOL_INFO = SchoolInfo(id=1, slug=SLUG, name=SCHOOL)
HISTORY = "{http://purl.org/syndication/history/1.0}"
PAGE = urls.FEED_PAGE


def school_files(n: int) -> tuple[list[PublicEntry], dict[str, FeedFile]]:
    entries = [entry(s) for s in range(1, n + 1)]
    return entries, build_school(SCHOOL_INFO, entries, BASE_URL)


def path_of(url: str) -> str:
    """The file behind an absolute feed URL."""
    prefix = f"{BASE_URL}/s/{SLUG}/feeds/"
    assert url.startswith(prefix), url
    return url[len(prefix) :]


def links(feed: Any) -> dict[str, str]:
    return {link.rel: link.href for link in feed.feed.links}


@pytest.mark.parametrize("n", [0, 1, PAGE - 1, PAGE, PAGE + 1, 2 * PAGE, 2 * PAGE + 1, 3 * PAGE + 23])
@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_following_prev_archive_reaches_every_entry(n: int, fmt: str) -> None:
    entries, files = school_files(n)
    everything = {guid(SLUG, e.id, e.published_at) for e in entries}
    main = parsed(files[f"announcements.{fmt}"].body)
    assert [x.id for x in main.entries] == [
        guid(SLUG, e.id, e.published_at) for e in sorted(entries, key=lambda e: -e.sequence)[:PAGE]
    ]
    assert "current" not in links(main)
    assert xml(files[f"announcements.{fmt}"].body).find(f".//{HISTORY}archive") is None
    seen = {x.id for x in main.entries}
    url = links(main).get("prev-archive")
    visited = []
    while url is not None:
        page = files[path_of(url)]
        assert page.cache_control == ARCHIVE_CACHE  # only complete pages are ever reached this way
        feed = parsed(page.body)
        assert path_of(links(feed)["current"]) == f"announcements.{fmt}"
        seen |= {x.id for x in feed.entries}
        visited.append(path_of(url))
        url = links(feed).get("prev-archive")
    assert seen == everything
    assert visited == [f"archive/{k}.{fmt}" for k in range(n // PAGE, 0, -1)]


@pytest.mark.parametrize("n", [0, 1, PAGE, PAGE + 1, 3 * PAGE + 23])
def test_archive_pages_hold_each_entry_exactly_once(n: int) -> None:
    entries, files = school_files(n)
    pages = sorted(
        int(p.split("/")[1].split(".")[0]) for p in files if p.startswith("archive/") and p.endswith(".atom")
    )
    assert pages == list(range(1, n // PAGE + 2))  # every complete page and the open one
    held: list[str] = []
    for k in pages:
        page = files[f"archive/{k}.atom"]
        tree = xml(page.body)
        assert tree.find(f"{HISTORY}archive") is not None
        feed = parsed(page.body)
        block = [e for e in entries if PAGE * (k - 1) < e.sequence <= PAGE * k]
        assert [x.id for x in feed.entries] == [
            guid(SLUG, e.id, e.published_at) for e in sorted(block, key=lambda e: -e.sequence)
        ]
        complete = k <= n // PAGE
        assert page.cache_control == (ARCHIVE_CACHE if complete else CURRENT_CACHE)
        rels = links(feed)
        assert ("prev-archive" in rels) == (k > 1)
        assert ("next-archive" in rels) == complete  # a complete page always has a next one
        if complete:
            assert path_of(rels["next-archive"]) == f"archive/{k + 1}.atom"
        held += [x.id for x in feed.entries]
    assert sorted(held) == sorted(guid(SLUG, e.id, e.published_at) for e in entries)


def test_json_feed_pages_through_next_url() -> None:
    entries, files = school_files(2 * PAGE + 7)
    seen: list[str] = []
    path: str | None = "announcements.json"
    while path is not None:
        feed = json_feed(files[path].body)
        seen += [i.id for i in feed.items]
        path = path_of(feed.next_url) if feed.next_url else None
    assert set(seen) == {guid(SLUG, e.id, e.published_at) for e in entries}


def test_a_complete_page_never_changes() -> None:
    _, before = school_files(2 * PAGE)
    _, after = school_files(2 * PAGE + 37)
    for fmt in ("rss", "atom", "json"):
        for k in (1, 2):
            assert before[f"archive/{k}.{fmt}"].body == after[f"archive/{k}.{fmt}"].body
        assert before[f"archive/3.{fmt}"].body != after[f"archive/3.{fmt}"].body  # the open page grows


def test_standard_feeds_of_a_school() -> None:
    entries = [entry(1), entry(2, kind="invitation"), entry(3), entry(4, kind="winner_cancel"), entry(5)]
    files = build_school(SCHOOL_INFO, entries, BASE_URL)
    wanted = [Filters()] + [Filters(kind=g) for g in GROUPS] + [Filters(year=y) for y in (2569, 2570)]
    for filters in wanted:
        for fmt in ("rss", "atom", "json"):
            query = filters.query()
            f = files[f"q/{query}/announcements.{fmt}" if query else f"announcements.{fmt}"]
            expected = [
                guid(SLUG, e.id, e.published_at)
                for e in sorted(entries, key=lambda e: -e.sequence)
                if matches(e, filters)
            ]
            if fmt == "json":
                feed = json_feed(f.body)
                assert [i.id for i in feed.items] == expected
                assert feed.feed_url == f"{BASE_URL}{urls.feed(SLUG, fmt, query)}"
                continue
            feed = parsed(f.body)
            assert [x.id for x in feed.entries] == expected, (query, fmt)
            assert links(feed)["self"] == f"{BASE_URL}{urls.feed(SLUG, fmt, query)}"
            assert links(feed)["alternate"] == f"{BASE_URL}{urls.announcements(SLUG, query)}"
            if fmt == "atom":
                assert xml(f.body).findtext(f"{ATOM}title").startswith("ประกาศจัดซื้อจัดจ้าง ")
    assert not any(p.startswith("q/year=2571") for p in files)
