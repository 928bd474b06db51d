"""A published PDF is served from memory after the first request, with the same headers, 304s and
HEADs as the first time; drafts and unknown ids are asked from the database every time."""

from __future__ import annotations

import hashlib
from typing import Any

import httpx
import pytest
from piccolo.engine.base import Engine

from prakat.announcements import pdf
from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.app import create_app
from prakat.db import tables as t
from prakat.rules import AnnouncementKind
from prakat.settings import Settings
from prakat.web import documents
from tests import factories
from tests.conftest import asgi_transport


def no_database(*_: Any, **__: Any) -> Any:
    raise AssertionError("asked the database")


async def test_a_published_pdf_is_served_without_a_query_the_second_time(
    client: httpx.AsyncClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, actor = await factories.school("banna")
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    a = await factories.publish(actor, "winner", procurement_id=p.id)
    url = f"/s/banna/pdf/{a.id}.pdf"
    first = await client.get(url)
    assert first.status_code == 200
    assert hashlib.sha256(first.content).hexdigest() == a.pdf_sha256

    monkeypatch.setattr(documents, "get_school_by_slug", no_database)
    monkeypatch.setattr(announcements, "get_published", no_database)  # the service documents uses
    monkeypatch.setattr(t.PdfFile, "select", no_database)
    again = await client.get(url)
    assert again.status_code == 200 and again.content == first.content
    for header in ("content-type", "content-disposition", "cache-control", "etag", "x-content-type-options"):
        assert again.headers[header] == first.headers[header], header
    not_modified = await client.get(url, headers={"if-none-match": first.headers["etag"]})
    assert not_modified.status_code == 304 and not_modified.content == b""
    assert not_modified.headers["etag"] == first.headers["etag"]
    head = await client.head(url)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == first.headers["etag"]


async def test_a_draft_is_not_remembered_as_missing(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school("banna")
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
    )
    url = f"/s/banna/pdf/{draft.id}.pdf"
    assert (await client.get(url)).status_code == 404
    await announcements.submit(actor, draft.id)
    published = await announcements.approve(actor, draft.id)
    response = await client.get(url)
    assert response.status_code == 200
    assert hashlib.sha256(response.content).hexdigest() == published.pdf_sha256


async def test_each_app_has_an_index_of_its_own(db: Engine, settings: Settings) -> None:  # type: ignore[type-arg]
    """Each app (each test's, each server's) starts with an empty index: nothing leaks between
    databases."""
    _, actor = await factories.school("banna")
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    a = await factories.publish(actor, "winner", procurement_id=p.id)
    one, other = create_app(settings, engine=db), create_app(settings, engine=db)
    async with httpx.AsyncClient(transport=asgi_transport(one), base_url="http://testserver") as c:
        assert (await c.get(f"/s/banna/pdf/{a.id}.pdf")).status_code == 200
    assert one.state[documents.INDEX].get("banna", a.id) is not None
    assert documents.INDEX not in other.state


def test_the_index_keeps_the_most_recent() -> None:
    index = pdf.PublishedIndex(limit=2)

    class A:
        school_id, kind, number, pdf_sha256 = 1, "winner", "1/2569", "ab" * 32

        def __init__(self, id: int) -> None:
            self.id = id

    for n in (1, 2, 3):
        index.remember("s", A(n))  # type: ignore[arg-type]
    assert index.get("s", 1) is None and index.get("s", 2) is not None and index.get("s", 3) is not None


def test_stored_bytes_are_kept_within_their_budget() -> None:
    cache = pdf._StoredCache(limit=1000)
    for n in range(10):
        cache.put((1, str(n)), bytes([n]) * 100)
    assert cache.size == 1000 and all(cache.get((1, str(n))) == bytes([n]) * 100 for n in range(10))
    cache.get((1, "0"))  # used: now the most recent
    cache.put((1, "10"), bytes(100))
    assert cache.size == 1000
    assert (
        cache.get((1, "1")) is None and cache.get((1, "0")) is not None and cache.get((1, "10")) is not None
    )
    cache.put((1, "big"), bytes(200))  # more than an eighth of the budget: not kept
    assert cache.get((1, "big")) is None and cache.size == 1000
