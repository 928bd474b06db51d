"""Reading the public pages as HTML: a page, its lists, its feed links, its facts, its filter form,
and the Thai page a 404 gets. Shared by test_public_pages.py and test_public_announcement_pages.py."""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
from lxml import html

FEED_TYPES = {
    "application/rss+xml": "/s/banna/feeds/announcements.rss",
    "application/atom+xml": "/s/banna/feeds/announcements.atom",
    "application/feed+json": "/s/banna/feeds/announcements.json",
}


async def page(client: httpx.AsyncClient, url: str) -> Any:
    response = await client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    assert response.headers["content-type"].startswith("text/html")
    return html.fromstring(response.text)


def ids_in(doc: Any, list_id: str = "results") -> list[int]:
    found = doc.get_element_by_id(list_id, None)
    if found is None:
        return []
    return [int(li.get("id").removeprefix("entry-")) for li in found.findall("li")]


def query_of(href: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(href).query, keep_blank_values=True)


def alternates(doc: Any) -> dict[str, str]:
    links = doc.xpath("/html/head/link[@rel='alternate']")
    found = {link.get("type"): link.get("href") for link in links}
    assert len(found) == len(links) == 3, "one link per feed format"
    assert {t: urlsplit(h).path for t, h in found.items()} == FEED_TYPES
    return found


def feed_queries(doc: Any) -> list[dict[str, list[str]]]:
    """The filters each <link rel=alternate> carries (the three must agree)."""
    return [query_of(href) for href in alternates(doc).values()]


def facts(doc: Any, dl_id: str) -> dict[str, str]:
    dl = doc.get_element_by_id(dl_id)
    names = [" ".join(dt.text_content().split()) for dt in dl.findall("dt")]
    values = [" ".join(dd.text_content().split()) for dd in dl.findall("dd")]
    return dict(zip(names, values, strict=True))


def form_state(doc: Any) -> dict[str, str]:
    """What the filter form shows as chosen: each select's selected option, and the search box."""
    form = doc.get_element_by_id("filters")
    state = {}
    for select in form.iter("select"):
        chosen = [o.get("value") for o in select.iter("option") if o.get("selected") is not None]
        assert len(chosen) <= 1
        state[select.get("name")] = chosen[0] if chosen else ""
    state["q"] = form.get_element_by_id("f-q").get("value") or ""
    return state


def thai_404(response: httpx.Response) -> None:
    assert response.status_code == 404, response.status_code
    doc = html.fromstring(response.text)
    assert doc.findtext(".//h1") == "ไม่พบหน้านี้"
    main = doc.find(".//main")
    assert main is not None and "ไม่พบ" in main.text_content()
