"""One reader for query strings (prakat.web.query): the same bad input gets the same status on every
public route that reads one, and a Thai message in the route's format (a page, the embed's page in an
iframe, or JSON)."""

from __future__ import annotations

import json
from dataclasses import dataclass

import httpx
import pytest
from litestar.handlers import HTTPRouteHandler
from lxml import html

from prakat.errors import Refused
from prakat.feeds.files import NO_FILTERS
from prakat.readmodel import GROUPS, QUERY_LIMIT, Filters
from prakat.rules import AnnouncementKind, BudgetSource, Method
from prakat.web.annual import AnnualReportController
from prakat.web.embed import EmbedController
from prakat.web.feeds import FeedController
from prakat.web.ita import ItaController
from prakat.web.monthly import MonthlyPublicController
from prakat.web.query import MAX_QUERY, ROUTES, Answer, read, reads
from prakat.web.site import SiteController
from tests import factories

SLUG = "emb"


@dataclass(frozen=True)
class Route:
    path: str
    answer: Answer
    reads_filters: bool = True
    own: str = "year"  # a name the route reads (to repeat)


ROUTE_CASES = {
    "list page": Route(f"/s/{SLUG}/announcements/", Answer.PAGE),
    "school home (reads nothing)": Route(f"/s/{SLUG}/", Answer.PAGE, reads_filters=False),
    "rss": Route(f"/s/{SLUG}/feeds/announcements.rss", Answer.PAGE),
    "atom": Route(f"/s/{SLUG}/feeds/announcements.atom", Answer.PAGE),
    "json feed": Route(f"/s/{SLUG}/feeds/announcements.json", Answer.PAGE),
    "follow": Route(f"/s/{SLUG}/follow/", Answer.PAGE),
    "embed": Route(f"/s/{SLUG}/embed/", Answer.EMBED),
    "announcements.json": Route(f"/s/{SLUG}/announcements.json", Answer.JSON),
    "changes.json": Route(f"/s/{SLUG}/changes.json", Answer.JSON, reads_filters=False, own="after"),
}
INVALID_VALUES = ("kind=nonsense", "year=abc", "month=13")


@dataclass(frozen=True)
class Case:
    query: str
    status: int
    names: str | None = None  # the parameter the message must name


def case(name: str, route: Route) -> list[Case]:
    """What every route answers to one kind of bad query string."""
    if name == "over-long":
        return [Case("q=" + "a" * MAX_QUERY, 414), Case("&".join(f"k{n}=v" for n in range(500)), 414)]
    if name == "repeated name":
        return [Case(f"{route.own}=2569&{route.own}=2569", 400, route.own)]
    if name == "unknown name":
        return [Case("colour=red", 400, "colour"), Case("Kind=winner", 400, "Kind")]
    if name == "bad UTF-8":
        return [Case("q=%FF%FE", 400), Case("q=%E0%B8", 400), Case("%C3%28=1", 400)]
    if name == "control character":
        return [Case("q=a%00b", 400), Case("q=%1B%5B31m", 400), Case("%07=1", 400), Case("q=%C2%85", 400)]
    assert name == "invalid value"
    if route.reads_filters:  # a list that does not exist, as a wrong path
        return [Case(q, 404) for q in INVALID_VALUES]
    # A route that reads no filters does not know their names; the changes cursor's own values.
    found = [Case(q, 400, q.split("=")[0]) for q in INVALID_VALUES]
    if route.own == "after":
        found += [Case("after=abc", 400, "after"), Case("order=sideways", 400, "order")]
    return found


CASE_NAMES = ("over-long", "repeated name", "unknown name", "bad UTF-8", "control character", "invalid value")


def thai(text: str) -> bool:
    return any("\u0e00" <= ch <= "\u0e7f" for ch in text)


def message_of(response: httpx.Response, answer: Answer) -> str:
    """The Thai message, parsed from the body in the route's format."""
    content_type = response.headers["content-type"]
    if answer is Answer.JSON:
        assert content_type.startswith("application/json"), content_type
        assert response.headers["access-control-allow-origin"] == "*"
        body = json.loads(response.content)
        assert set(body) == {"error", "detail"} and thai(body["error"]), body
        detail: str = body["detail"]
        return detail
    assert content_type.startswith("text/html"), content_type
    page = html.fromstring(response.content)
    assert page.get("lang") == "th"
    assert thai(page.findtext(".//main/h1") or "")
    if answer is Answer.EMBED:
        assert "frame-ancestors" in response.headers["content-security-policy"]
    return page.findtext(".//main/p") or ""


@pytest.mark.parametrize("case_name", CASE_NAMES)
@pytest.mark.parametrize("route_name", sorted(ROUTE_CASES))
async def test_every_route_answers_bad_queries_alike(
    client: httpx.AsyncClient, route_name: str, case_name: str
) -> None:
    await factories.school(SLUG)
    route = ROUTE_CASES[route_name]
    for c in case(case_name, route):
        response = await client.get(f"{route.path}?{c.query}")
        where = f"{route_name} ?{c.query[:40]}"
        assert response.status_code == c.status, (where, response.text[:300])
        message = message_of(response, route.answer)
        assert thai(message), (where, message)
        if c.names is not None:
            assert f"“{c.names}”" in message or f"({c.names})" in message, (where, message)


async def test_names_that_sharing_adds_are_ignored(client: httpx.AsyncClient) -> None:
    """A link shared on Facebook or LINE comes back with click ids and tags: it still opens, filtered."""
    await factories.school(SLUG)
    tags = "utm_source=line&utm_medium=social&fbclid=IwAR0abc&openExternalBrowser=1"
    for route_name, route in ROUTE_CASES.items():
        wanted = "&kind=winner" if route.reads_filters else ""
        response = await client.get(f"{route.path}?{tags}{wanted}&fbclid=again")
        assert response.status_code == 200, (route_name, response.text[:300])
        if route_name == "announcements.json":
            assert response.json()["page"].endswith("/announcements/?kind=winner")


# ---------------------------------------------------------------------------- the reader itself


def test_the_reader_reads_each_name_once_into_filters() -> None:
    listing = reads("page", filters=True)
    q = read("kind=winner&year=2569&q=%E0%B8%84%E0%B8%A3%E0%B8%B9+ดี&page=2".encode(), listing)
    assert q.filters == Filters(kind="winner", year=2569, q="ครู ดี") and q.get("page") == "2"
    assert read(b"", listing).filters is NO_FILTERS  # the feed store's main feed, by identity
    assert read(b"kind=&utm_source=x", listing).filters is NO_FILTERS
    assert read(b"q=" + b"a" * (MAX_QUERY - 2), reads("q")).get("q") == "a" * (MAX_QUERY - 2)
    with pytest.raises(Refused) as too_long:
        read(b"q=" + b"a" * (MAX_QUERY - 1), reads("q"))
    assert too_long.value.status == 414


@pytest.mark.parametrize(
    "raw",
    [
        b"q=\xe0\xb8",  # raw bytes, not percent-encoded, that are not UTF-8
        b"q=%ED%A0%80",  # an encoded surrogate
        b"q=a\tb",
        b"q=%7F",
        b"%00",
        b"n=1",  # not a name the list reads
        b"=1",  # a value without a name
        b"kind=winner&kind=winner",  # repeated, even with the same value
    ],
)
def test_the_reader_refuses_with_400(raw: bytes) -> None:
    with pytest.raises(Refused) as refused:
        read(raw, reads("page", filters=True))
    assert refused.value.status == 400 and thai(refused.value.message)


def test_raw_utf8_is_read_as_its_percent_encoding_would_be() -> None:
    assert read("q=ครู".encode(), reads(filters=True)).filters.q == "ครู"


def test_every_public_route_is_in_the_table() -> None:
    """A route renamed in, or added to, the public controllers without a row fails here (and at its
    first request), never silently under another route's rules."""
    names = {
        value.name
        for controller in (
            SiteController,
            FeedController,
            EmbedController,
            ItaController,
            MonthlyPublicController,
            AnnualReportController,
        )
        for value in vars(controller).values()
        if isinstance(value, HTTPRouteHandler)
    }
    assert names == set(ROUTES)


def test_the_longest_real_query_fits() -> None:
    """Every filter at its longest, a 200-letter Thai search and a page number: well inside 2 KB."""
    longest = Filters(
        kind=max([*GROUPS, *AnnouncementKind], key=len),
        year=2569,
        month=12,
        method=max(Method, key=len),
        source=max(BudgetSource, key=len),
        q="ฐ" * QUERY_LIMIT,
    )
    raw = f"{longest.query()}&page=999999".encode()
    assert len(raw) <= MAX_QUERY
    assert read(raw, ROUTES["public_announcements"]).filters == longest
