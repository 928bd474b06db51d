"""Feeds over HTTP (RSS, Atom, JSON Feed), their archive pages and the "how to follow" page.

The feed routes answer from the feed store's memory (``prakat.feeds.store``): no database query when
the school's feeds are in memory and unchanged on disk. They answer GET and HEAD with a strong ETag,
Last-Modified, Cache-Control and ``Vary: Accept-Encoding``, 304 to a matching If-None-Match (or,
without one, If-Modified-Since), and the gzip bytes prepared at build time to a client that accepts
gzip (no compression per request; the PDFs and pages are left alone). The response is a small ASGI
callable with headers prepared once per feed: the handler does little more than pick one.

The query string is the list page's filters (kind, year, month, method, source, q), read by
prakat.web.query under the rules of every public route (an archive page reads none): a bad one is
refused at once with the Thai error page and the right status, before the feed store is asked.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC
from email.utils import parsedate_to_datetime
from functools import lru_cache
from typing import Any, Final

from litestar import Controller, Request
from litestar.params import FromPath
from litestar.response import Template
from litestar.types import Receive, Scope, Send

from prakat import urls
from prakat.errors import NotFound
from prakat.feeds.files import FeedFile, describe, feed_title
from prakat.feedsync import FeedSync
from prakat.web import query
from prakat.web.routing import readable

FEED_FILES: Final[Mapping[str, str]] = {f"announcements.{fmt}": fmt for fmt in urls.FEED_FORMATS}
ARCHIVE_FILE: Final = re.compile(r"^([1-9][0-9]{0,6})\.(rss|atom|json)$")
STORE: Final = "feeds"  # where create_app keeps the feed service (app.state)
# No CSRF cookie on feeds and the follow page: nothing here takes a form, and a Set-Cookie on every
# feed answer would keep shared caches from storing it.
NO_COOKIE: Final = {"exclude_from_csrf": True}
# Feed readers that follow RSS/Atom feeds (shown on the "how to follow" page).
READERS: Final = (
    ("Feedly", "https://feedly.com/", "เว็บ, Android, iPhone"),
    ("Inoreader", "https://www.inoreader.com/", "เว็บ, Android, iPhone"),
    ("NetNewsWire", "https://netnewswire.com/", "Mac, iPhone, iPad (ฟรี)"),
    ("Thunderbird", "https://www.thunderbird.net/", "Windows, Mac, Linux (ฟรี)"),
    ("Feeder", "https://github.com/spacecowboy/Feeder", "Android (ฟรี)"),
)


def store_of(request: Request[Any, Any, Any]) -> FeedSync:
    store: FeedSync = request.app.state[STORE]
    return store


class FeedResponse:
    """The whole answer, prepared: a status, headers and a body sent as two ASGI messages."""

    __slots__ = ("body", "headers", "status")

    def __init__(self, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
        self.status = status
        self.headers = headers
        self.body = body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        await send({"type": "http.response.start", "status": self.status, "headers": self.headers})
        await send({"type": "http.response.body", "body": self.body, "more_body": False})


@lru_cache(maxsize=128)
def _accepts_gzip(accept_encoding: bytes) -> bool:
    for token in accept_encoding.split(b","):
        name, _, params = token.partition(b";")
        if name.strip().lower() not in (b"gzip", b"*"):
            continue
        q = params.strip().lower()
        if q.startswith(b"q="):
            try:
                return float(q[2:]) > 0
            except ValueError:
                return False
        return True
    return False


def _matches(if_none_match: bytes, etag: str, gzip_etag: str) -> bool:
    """Weak comparison (RFC 9110 13.1.2), against either representation's tag."""
    if if_none_match.strip() == b"*":
        return True
    for tag in if_none_match.split(b","):
        candidate = tag.strip().removeprefix(b"W/").decode("latin-1")
        if candidate in (etag, gzip_etag):
            return True
    return False


def _not_modified_since(if_modified_since: bytes, f: FeedFile) -> bool:
    value = if_modified_since.decode("latin-1")
    if value == f.http_last_modified:
        return True
    try:
        since = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return False
    if since.tzinfo is None:
        since = since.replace(tzinfo=UTC)
    return f.last_modified.replace(microsecond=0) <= since


def respond(scope: Scope, method: str, f: FeedFile) -> FeedResponse:
    """200 (identity or gzip), or 304; HEAD gets the same headers without the body."""
    if_none_match = if_modified_since = None
    packed = False
    for name, value in scope["headers"]:
        if name == b"if-none-match":
            if_none_match = value
        elif name == b"if-modified-since":
            if_modified_since = value
        elif name == b"accept-encoding":
            packed = _accepts_gzip(value)
    if if_none_match is not None:
        fresh = _matches(if_none_match, f.etag, f.gzip_etag)
    else:
        fresh = if_modified_since is not None and _not_modified_since(if_modified_since, f)
    if fresh:
        return FeedResponse(304, list(f.gzip_not_modified if packed else f.not_modified), b"")
    body = b"" if method == "HEAD" else (f.gzip if packed else f.body)
    return FeedResponse(200, list(f.gzip_headers if packed else f.headers), body)


class FeedController(Controller):
    include_in_schema = False
    guards = (query.read_query,)

    @readable(urls.FEED.path, name="feed", opt=NO_COOKIE)
    async def feed(
        self, request: Request[Any, Any, Any], slug: FromPath[str], file: FromPath[str]
    ) -> FeedResponse:
        fmt = FEED_FILES.get(file)
        if fmt is None:
            raise NotFound("ฟีดนี้")
        filters = query.of(request).filters
        return respond(request.scope, request.method, await store_of(request).feed(slug, filters, fmt))

    @readable(urls.FEED_ARCHIVE.path, name="feed_archive", opt=NO_COOKIE)
    async def archive(
        self, request: Request[Any, Any, Any], slug: FromPath[str], file: FromPath[str]
    ) -> FeedResponse:
        match = ARCHIVE_FILE.match(file)
        if match is None:
            raise NotFound("หน้าฟีดฉบับเก็บนี้")
        feed = await store_of(request).archive(slug, int(match.group(1)), match.group(2))
        return respond(request.scope, request.method, feed)

    @readable(urls.FOLLOW.path, name="follow", opt=NO_COOKIE)
    async def follow(self, request: Request[Any, Any, Any], slug: FromPath[str]) -> Template:
        filters = query.of(request).filters
        store = store_of(request)
        school = (await store.school(slug)).school
        wanted = filters.query()
        return Template(
            "pages/follow.html",
            context={
                "school": school,
                "title": feed_title(school.name, filters),
                "what": describe(filters),
                "query": wanted,
                "feeds": [
                    (fmt, urls.absolute(store.base_url, urls.feed(school.slug, fmt, wanted)))
                    for fmt in urls.FEED_FORMATS
                ],
                "list_url": urls.announcements(school.slug, wanted),
                "readers": READERS,
            },
        )
