"""Feeds over HTTP: validators and 304s, gzip, HEAD, media types, Thai errors, a subscriber's view of
new publications and corrections, the static files, and no database query on a warm hit."""

from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path
from typing import Any

import feedparser
import httpx
import pytest
from lxml import etree, html
from piccolo.engine.base import Engine

from prakat import feeds, feedsync, readmodel, urls
from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement, AnnouncementDraft
from prakat.audit import Actor
from prakat.rules import AnnouncementKind
from prakat.settings import Settings
from tests import factories

SLUG = "feedschool"
T0 = datetime(2025, 11, 3, 2, 0, tzinfo=UTC)  # FY2569
MEDIA = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json; charset=utf-8",
}
IDENTITY = {"Accept-Encoding": "identity"}
ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass
class School:
    actor: Actor
    vendor_id: int
    winners: list[Announcement]


async def publish_winner(school: School, subject: str, at: datetime) -> Announcement:
    p = await factories.awarded(school.actor, school.vendor_id, subject=subject)
    return await factories.publish(school.actor, "winner", procurement_id=p.id, at=at)


@pytest.fixture
async def school(db: Engine) -> School:  # type: ignore[type-arg]
    _, actor = await factories.school(SLUG, name='โรงเรียนฟีด "ทดสอบ" & <วิทยา>')
    vendor = await factories.vendor(actor, name="ร้าน A&B <script>")
    made = School(actor=actor, vendor_id=vendor.id, winners=[])
    for n, subject in enumerate(["กระดาษถ่ายเอกสาร A4", 'หมึกพิมพ์ "HP" & <script>alert(1)</script> 😀']):
        made.winners.append(await publish_winner(made, subject, T0 + timedelta(days=n)))
    return made


def feed_url(fmt: str, query: str = "") -> str:
    return urls.feed(SLUG, fmt, query)


def guids(data: bytes, fmt: str) -> list[str]:
    if fmt == "json":
        return [item["id"] for item in json.loads(data)["items"]]
    parsed = feedparser.parse(data)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return [e.id for e in parsed.entries]


def elements(data: bytes, fmt: str) -> dict[str, bytes]:
    """Each entry as bytes, by GUID: what a reader stores and must never see change."""
    if fmt == "json":
        return {item["id"]: json.dumps(item, sort_keys=True).encode() for item in json.loads(data)["items"]}
    tree = etree.fromstring(data)
    if fmt == "rss":
        return {i.findtext("guid", ""): etree.tostring(i) for i in tree.iter("item")}
    return {e.findtext(f"{ATOM}id", ""): etree.tostring(e) for e in tree.iter(f"{ATOM}entry")}


def thai_error(response: httpx.Response, status: int) -> str:
    assert response.status_code == status, response.text[:300]
    page = html.fromstring(response.text)
    assert page.get("lang") == "th"
    text = page.findtext(".//main/p") or ""
    assert any("\u0e00" <= ch <= "\u0e7f" for ch in text), text
    return text


async def raw(client: httpx.AsyncClient, url: str, headers: dict[str, str]) -> tuple[httpx.Response, bytes]:
    """The response and its bytes as sent (gzip not undone)."""
    async with client.stream("GET", url, headers=headers) as response:
        return response, b"".join([chunk async for chunk in response.aiter_raw()])


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
async def test_a_feed_answers_with_validators_and_304(
    client: httpx.AsyncClient, school: School, fmt: str
) -> None:
    url = feed_url(fmt)
    first = await client.get(url, headers=IDENTITY)
    assert first.status_code == 200
    assert first.headers["content-type"] == MEDIA[fmt]
    assert "content-encoding" not in first.headers and "set-cookie" not in first.headers
    etag = first.headers["etag"]
    assert etag.startswith('"') and etag.endswith('"') and not etag.startswith("W/")
    newest = school.winners[-1].published_at
    assert newest is not None
    assert parsedate_to_datetime(first.headers["last-modified"]) == newest.replace(microsecond=0)
    assert first.headers["cache-control"] == "public, max-age=300"
    assert first.headers["vary"] == "Accept-Encoding"
    assert guids(first.content, fmt) == [
        feeds.guid(SLUG, a.id, a.published_at) for a in reversed(school.winners) if a.published_at
    ]

    for headers in (
        {"If-None-Match": etag},
        {"If-None-Match": f'"other", W/{etag}'},
        {"If-None-Match": "*"},
        {"If-Modified-Since": first.headers["last-modified"]},
        {"If-Modified-Since": format_datetime(newest + timedelta(days=3), usegmt=True)},
    ):
        again = await client.get(url, headers={**IDENTITY, **headers})
        assert (again.status_code, again.content) == (304, b""), headers
        assert again.headers["etag"] == etag and again.headers["cache-control"] == "public, max-age=300"
    for headers in (
        {"If-None-Match": '"something-else"'},
        {"If-Modified-Since": format_datetime(newest - timedelta(seconds=1), usegmt=True)},
        {"If-Modified-Since": "not a date"},
        # An ETag that does not match wins over a date that would (RFC 9110 13.2.2).
        {"If-None-Match": '"something-else"', "If-Modified-Since": first.headers["last-modified"]},
    ):
        assert (await client.get(url, headers={**IDENTITY, **headers})).status_code == 200, headers

    head = await client.head(url, headers=IDENTITY)
    assert head.status_code == 200 and head.content == b""
    for name in ("content-type", "etag", "last-modified", "cache-control"):
        assert head.headers[name] == first.headers[name]
    assert int(head.headers["content-length"]) == len(first.content)


async def test_gzip_when_asked(client: httpx.AsyncClient, school: School) -> None:
    plain, plain_bytes = await raw(client, feed_url("rss"), IDENTITY)
    packed, packed_bytes = await raw(client, feed_url("rss"), {"Accept-Encoding": "gzip, deflate"})
    assert packed.headers["content-encoding"] == "gzip" and "content-encoding" not in plain.headers
    assert gzip.decompress(packed_bytes) == plain_bytes and len(packed_bytes) < len(plain_bytes) / 3
    assert packed.headers["etag"] != plain.headers["etag"]  # another representation, another tag
    assert int(packed.headers["content-length"]) == len(packed_bytes)
    refused, refused_bytes = await raw(client, feed_url("rss"), {"Accept-Encoding": "gzip;q=0, identity"})
    assert "content-encoding" not in refused.headers and refused_bytes == plain_bytes
    for tag in (plain.headers["etag"], packed.headers["etag"]):
        again = await client.get(feed_url("rss"), headers={"Accept-Encoding": "gzip", "If-None-Match": tag})
        assert again.status_code == 304 and again.headers["etag"] == packed.headers["etag"]


@pytest.mark.parametrize(
    "path",
    [
        "/s/no-such-school/feeds/announcements.rss",
        "/s/no-such-school/feeds/archive/1.atom",
        "/s/no-such-school/follow/",
        "/s/NO_SUCH/feeds/announcements.json",
        f"/s/{SLUG}/feeds/announcements.xml",
        f"/s/{SLUG}/feeds/rss",
        f"/s/{SLUG}/feeds/announcements.rss?kind=nonsense",
        f"/s/{SLUG}/feeds/announcements.atom?kind=%3Cscript%3E",
        f"/s/{SLUG}/feeds/announcements.rss?year=1999",
        f"/s/{SLUG}/feeds/announcements.rss?year=25x9",
        f"/s/{SLUG}/feeds/announcements.json?month=13",
        f"/s/{SLUG}/follow/?kind=nonsense",
        f"/s/{SLUG}/feeds/archive/0.rss",
        f"/s/{SLUG}/feeds/archive/2.rss",
        f"/s/{SLUG}/feeds/archive/99999999999.rss",
        f"/s/{SLUG}/feeds/archive/x.rss",
        f"/s/{SLUG}/feeds/archive/1.xml",
    ],
)
async def test_unknown_school_kind_year_or_page_is_a_thai_404(
    client: httpx.AsyncClient, school: School, path: str
) -> None:
    thai_error(await client.get(path), 404)


@pytest.mark.parametrize(
    ("query", "status"),
    [
        # Longer than 2 KB: 414, as on every public route (prakat.web.query).
        ("q=" + "ก" * 5000, 414),
        ("x" * 60_000, 414),  # httpx refuses URLs over 64 KB
        ("&".join(f"k{n}=v" for n in range(500)), 414),
        ("from=line", 400),  # a name no feed reads (utm_* and the like are ignored everywhere)
        ("kind=winner&kind=plan", 400),
        ("q=%E0%B8", 400),  # half a Thai letter: not UTF-8
        ("&".join(f"k{n}=v" for n in range(50)), 400),
    ],
)
async def test_huge_or_malformed_queries_are_refused_quickly(
    client: httpx.AsyncClient, school: School, query: str, status: int
) -> None:
    # How quickly: benchmarks/refusals.py (no clock in the tests).
    for path in (feed_url("rss"), urls.follow(SLUG)):
        thai_error(await client.get(f"{path}?{query}"), status)
    thai_error(await client.get(f"{urls.feed_archive(SLUG, 1, 'rss')}?kind=winner"), 400)


@pytest.mark.parametrize("fmt", ["rss", "atom", "json"])
async def test_a_subscriber_sees_exactly_the_new_entries(
    client: httpx.AsyncClient, school: School, fmt: str
) -> None:
    url = feed_url(fmt)
    first = await client.get(url)
    seen = elements(first.content, fmt)
    assert len(seen) == 2
    assert (await client.get(url, headers={"If-None-Match": first.headers["etag"]})).status_code == 304

    # A new publication: exactly one new entry, the others byte for byte as they were.
    third = await publish_winner(school, "ข้าวสาร 35 กระสอบ", T0 + timedelta(days=5))
    second = await client.get(url, headers={"If-None-Match": first.headers["etag"]})
    assert second.status_code == 200
    now = elements(second.content, fmt)
    assert set(now) - set(seen) == {feeds.guid(SLUG, third.id, third.published_at)}  # type: ignore[arg-type]
    assert all(now[key] == value for key, value in seen.items())

    # A correction (the first winner cancelled) is one more new entry; the corrected one is unchanged.
    draft = await announcements.prepare(
        school.actor,
        AnnouncementDraft(
            kind=AnnouncementKind("winner_cancel"),
            procurement_id=school.winners[0].procurement_id,
            supersedes_id=school.winners[0].id,
            body="ผู้ชนะขอถอนตัว",
        ),
    )
    await announcements.submit(school.actor, draft.id)
    cancel = await announcements.approve(school.actor, draft.id, at=T0 + timedelta(days=6))
    third_poll = await client.get(url, headers={"If-None-Match": second.headers["etag"]})
    assert third_poll.status_code == 200
    latest = elements(third_poll.content, fmt)
    assert set(latest) - set(now) == {feeds.guid(SLUG, cancel.id, cancel.published_at)}  # type: ignore[arg-type]
    assert all(latest[key] == value for key, value in now.items())
    assert guids(third_poll.content, fmt)[0] == feeds.guid(SLUG, cancel.id, cancel.published_at)  # type: ignore[arg-type]
    cancellations = await client.get(feed_url(fmt, "kind=cancellation"))
    assert guids(cancellations.content, fmt) == [feeds.guid(SLUG, cancel.id, cancel.published_at)]  # type: ignore[arg-type]


async def test_static_files_are_the_bytes_served(
    client: httpx.AsyncClient, school: School, settings: Settings
) -> None:
    folder = Path(settings.feeds_dir) / SLUG
    await client.get(feed_url("rss"))  # the files are current (rebuilt after the fixture's publications)
    manifest = json.loads((folder / "manifest.json").read_bytes())
    # all, one per group people follow (readmodel.GROUPS), one year, one archive page
    assert len(manifest["files"]) == 3 * (1 + len(readmodel.GROUPS) + 1 + 1)
    for path in manifest["files"]:
        if path.startswith("q/"):
            _, query, name = path.split("/", 2)
            url = f"/s/{SLUG}/feeds/{name}?{query}"
        else:
            url = f"/s/{SLUG}/feeds/{path}"
        response, body = await raw(client, url, IDENTITY)
        assert response.status_code == 200 and body == (folder / path).read_bytes(), url
        packed, packed_body = await raw(client, url, {"Accept-Encoding": "gzip"})
        assert packed.headers["content-encoding"] == "gzip", url
        assert packed_body == (folder / f"{path}.gz").read_bytes(), url
        assert parsedate_to_datetime(response.headers["last-modified"]).timestamp() == (
            (folder / path).stat().st_mtime // 1
        )


async def test_no_database_query_on_a_warm_hit(
    client: httpx.AsyncClient,
    school: School,
    db: Engine,  # type: ignore[type-arg]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wanted = [
        (feed_url("rss"), {}),
        (feed_url("atom", "kind=winner"), {}),
        (feed_url("json", "year=2569"), {"Accept-Encoding": "gzip"}),
        (urls.feed_archive(SLUG, 1, "rss"), {}),
    ]
    warm = {url: await client.get(url, headers=headers) for url, headers in wanted}

    def no_database(*_: Any, **__: Any) -> Any:
        raise AssertionError("a query on the hot path")

    monkeypatch.setattr(type(db), "run_querystring", no_database)
    monkeypatch.setattr(type(db), "run_ddl", no_database)
    with pytest.raises(AssertionError, match="hot path"):
        await readmodel.entries(1)  # the patch bites
    for url, headers in wanted:
        again = await client.get(url, headers=headers)
        assert again.status_code == 200 and again.content == warm[url].content
        not_modified = await client.get(url, headers={**headers, "If-None-Match": warm[url].headers["etag"]})
        assert not_modified.status_code == 304
        assert (await client.head(url, headers=headers)).status_code == 200


async def test_other_filters_get_a_feed_built_on_demand(client: httpx.AsyncClient, school: School) -> None:
    query = "q=%3Cscript%3E+%26+%F0%9F%98%80"  # what a person typed: <script> & 😀
    response = await client.get(feed_url("atom", query))
    parsed = feedparser.parse(response.content)
    assert response.status_code == 200 and not parsed.bozo
    assert [e.id for e in parsed.entries] == [
        feeds.guid(SLUG, school.winners[1].id, school.winners[1].published_at)  # type: ignore[arg-type]
    ]
    assert parsed.feed.title.endswith("คำค้น “<script> & 😀”")
    assert (await client.get(feed_url("atom", query))).headers["etag"] == response.headers["etag"]
    month = await client.get(feed_url("rss", "year=2569&month=11&method=specific"))
    assert len(guids(month.content, "rss")) == 2
    assert guids((await client.get(feed_url("json", "month=4"))).content, "json") == []
    # The same filters in another order are the same feed.
    reordered = await client.get(feed_url("rss", "month=11&method=specific&year=2569"))
    assert reordered.content == month.content


async def test_a_new_store_reuses_current_files_and_rebuilds_stale_ones(
    client: httpx.AsyncClient, school: School, settings: Settings
) -> None:
    await client.get(feed_url("rss"))
    link = Path(settings.feeds_dir) / SLUG
    target = link.readlink()
    restarted = feedsync.FeedSync(settings)  # another worker, or the app after a restart
    assert (await restarted.ensure(SLUG)).target == str(target)
    assert link.readlink() == target
    moved = feedsync.FeedSync(Settings(feeds_dir=settings.feeds_dir, base_url="https://prakat.example.org"))
    rebuilt = await moved.ensure(SLUG)
    assert rebuilt.target != str(target) and link.readlink() != target
    rss = rebuilt.files["announcements.rss"].body
    assert b"https://prakat.example.org/s/feedschool/announcements/" in rss
    # Back to the first base URL: the same content, so the same generation (named by its content).
    assert (await feedsync.FeedSync(settings).ensure(SLUG)).target == str(target)


async def test_follow_page_gives_the_urls_to_copy_and_the_readers(
    client: httpx.AsyncClient, school: School, settings: Settings
) -> None:
    response = await client.get(urls.follow(SLUG, "kind=winner&year=2569"))
    assert response.status_code == 200 and "set-cookie" not in response.headers
    page = html.fromstring(response.text)
    assert page.get("lang") == "th"
    assert page.findtext(".//h1") == "ติดตามประกาศจัดซื้อจัดจ้าง"
    inputs = {i.get("id"): i for i in page.iter("input")}
    for fmt in ("rss", "atom", "json"):
        field = inputs[f"feed-{fmt}"]
        assert field.get("readonly") is not None
        assert field.get("value") == urls.absolute(settings.base_url, feed_url(fmt, "kind=winner&year=2569"))
        label = page.find(f".//label[@for='feed-{fmt}']")
        assert label is not None
    alternates = page.findall(".//head/link[@rel='alternate']")
    assert [a.get("type") for a in alternates] == [
        "application/rss+xml",
        "application/atom+xml",
        "application/feed+json",
    ]
    readers = page.get_element_by_id("reader-list").text_content()
    for name in ("Feedly", "Inoreader", "NetNewsWire", "Thunderbird"):
        assert name in readers
    assert "WordPress" in page.text_content()
    back = page.get_element_by_id("back-to-list")
    assert back.get("href") == urls.announcements(SLUG, "kind=winner&year=2569")
    plain = html.fromstring((await client.get(urls.follow(SLUG))).text)
    assert plain.get_element_by_id("feed-rss").get("value") == urls.absolute(
        settings.base_url, feed_url("rss")
    )
