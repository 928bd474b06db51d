"""Published entries made by hand (no database), and feed readers' views of feed bytes."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import feedparser
import msgspec
from lxml import etree

from prakat.publicentry import PublicEntry

SLUG = "test-school"
SCHOOL = 'โรงเรียน "ทดลอง" & <วิทยา> 🏫'
NASTY = "ซื้อ A&B \"ดี\" 'x' <script>alert(1)</script> 😀 ครุภัณฑ์ 1 < 2 && 3 > 2"
BASE = datetime(2025, 10, 1, 3, 0, tzinfo=UTC)
ATOM = "{http://www.w3.org/2005/Atom}"


def entry(sequence: int, *, subject: str | None = None, kind: str = "winner", **extra: Any) -> PublicEntry:
    """The entry published as the school's ``sequence``-th publication (ids differ from sequences)."""
    groups = {"winner": "winner", "winner_cancel": "cancellation", "invitation": "invitation", "plan": "plan"}
    values: dict[str, Any] = {
        "school_slug": SLUG,
        "school_name": SCHOOL,
        "id": 1000 + sequence,
        "sequence": sequence,
        "number": f"{sequence}/2569",
        "kind": kind,
        "kind_label": "ประกาศผู้ชนะการเสนอราคา" if kind == "winner" else "ประกาศอื่น",
        "group": groups[kind],
        "egp_code": "W0" if kind == "winner" else None,
        "subject": subject or f"ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุ {sequence}",
        "summary": f"{subject or f'ซื้อวัสดุ {sequence}'} โดยวิธีเฉพาะเจาะจง วงเงิน 12,500.25 บาท",
        "year_be": 2569 if sequence % 3 else 2570,
        "announced_on": date(2025, 10, 1) + timedelta(days=sequence),
        "published_at": BASE + timedelta(days=sequence, seconds=sequence),
        "method": "specific",
        "budget": Decimal("12500.25"),
        "pdf_sha256": f"{sequence:064x}",
        "pdf_size": 70_000 + sequence,
    }
    values.update(extra)
    return PublicEntry(**values)


def parsed(data: bytes) -> Any:
    """feedparser's view; a feed that needs its leniency fails here."""
    result = feedparser.parse(data)
    assert not result.bozo, result.get("bozo_exception")
    return result


def xml(data: bytes) -> Any:
    """lxml's view: well-formed XML, UTF-8, nothing recovered."""
    return etree.fromstring(data, etree.XMLParser(recover=False, resolve_entities=False))


class JsonAttachment(msgspec.Struct, forbid_unknown_fields=True):
    url: str
    mime_type: str
    size_in_bytes: int | None = None
    title: str | None = None


class JsonItem(msgspec.Struct):
    id: str
    url: str
    title: str
    date_published: datetime
    date_modified: datetime
    content_html: str | None = None
    content_text: str | None = None
    summary: str | None = None
    tags: list[str] = []
    attachments: list[JsonAttachment] = []


class JsonAuthor(msgspec.Struct):
    name: str
    url: str | None = None


class JsonFeed(msgspec.Struct):
    """The parts of JSON Feed 1.1 that readers rely on, typed (feedparser 6.0 reads no JSON)."""

    version: str
    title: str
    items: list[JsonItem]
    home_page_url: str | None = None
    feed_url: str | None = None
    description: str | None = None
    language: str | None = None
    authors: list[JsonAuthor] = []
    next_url: str | None = None


def json_feed(data: bytes) -> JsonFeed:
    json.loads(data)  # plain JSON first
    feed = msgspec.json.decode(data, type=JsonFeed)
    assert feed.version == "https://jsonfeed.org/version/1.1"
    for item in feed.items:
        assert item.content_html is not None or item.content_text is not None
        assert item.date_published.tzinfo is not None
    return feed
