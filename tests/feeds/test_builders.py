"""The feed builders: every format parses (feedparser without bozo, lxml, typed JSON Feed), whatever
people typed; enclosures, links, times and GUIDs are exact; the same entries give the same bytes."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

import lxml.html
import pytest
from lxml import etree

from prakat import clock, feeds, urls
from prakat.feeds import FeedDescription, guid
from prakat.feeds.files import SchoolInfo, build_school
from prakat.publicentry import PublicEntry
from prakat.thai import BANGKOK
from tests.feeds.helpers import ATOM, NASTY, SCHOOL, SLUG, entry, json_feed, parsed, xml

BASE_URL = "https://prakat.example.go.th"
CONTROL = "ปิดท้าย\x0b\x00\x1f ข้อความ\ufffe"  # Excel's line break in a cell, NUL, …


def describe(**extra: object) -> FeedDescription:
    return FeedDescription(
        base_url=BASE_URL,
        slug=SLUG,
        school_name=SCHOOL,
        title=f"ฟีด {NASTY}",
        description=f"คำอธิบาย {NASTY}",
        **extra,  # type: ignore[arg-type]
    )


def hostile() -> list[PublicEntry]:
    return [entry(1, subject=NASTY), entry(2), entry(3, subject=CONTROL)]


def render(entries: list[PublicEntry], fmt: str, **extra: object) -> bytes:
    return feeds.render(describe(**extra), feeds.items(entries, BASE_URL), fmt)


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_xml_feeds_parse_whatever_people_typed(fmt: str) -> None:
    data = render(hostile(), fmt)
    tree = xml(data)
    assert tree.tag == ("rss" if fmt == "rss" else f"{ATOM}feed")
    feed = parsed(data)
    assert feed.version == ("rss20" if fmt == "rss" else "atom10")
    assert feed.feed.title == f"ฟีด {NASTY}"
    titles = [e.title for e in feed.entries]
    assert titles == ["ปิดท้าย ข้อความ", "ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุ 2", NASTY]  # newest first
    nasty = feed.entries[2]
    # The summary is HTML whose text is exactly what was typed: the <script> is text, not markup.
    shown = lxml.html.fromstring(nasty.summary).text_content()
    assert shown.startswith(f"{NASTY} โดยวิธีเฉพาะเจาะจง วงเงิน 12,500.25 บาท (ประกาศเลขที่ 1/2569 ลงวันที่ ")
    assert not lxml.html.fromstring(nasty.summary).xpath("//script")


def test_json_feed_carries_the_same_text() -> None:
    feed = json_feed(render(hostile(), "json"))
    assert feed.title == f"ฟีด {NASTY}" and feed.language == "th"
    assert [i.title for i in feed.items] == ["ปิดท้าย ข้อความ", "ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุ 2", NASTY]
    nasty = feed.items[2]
    assert nasty.summary is not None and nasty.summary.startswith(NASTY)
    assert nasty.content_html is not None
    assert lxml.html.fromstring(nasty.content_html).text_content() == nasty.summary
    assert feed.authors[0].name == SCHOOL


def test_enclosures_and_links_are_exact() -> None:
    entries = [entry(1), entry(2)]
    page = {e.id: f"{BASE_URL}{urls.announcement(SLUG, e.id)}" for e in entries}
    pdf = {e.id: f"{BASE_URL}{urls.announcement_pdf(SLUG, e.id)}" for e in entries}
    size = {e.id: e.pdf_size for e in entries}
    order = [2, 1]  # newest first

    for fmt in ("rss", "atom"):
        data = render(entries, fmt)
        read = parsed(data).entries
        for item, sequence in zip(read, order, strict=True):
            announcement_id = 1000 + sequence
            assert item.link == page[announcement_id]  # the page, never the PDF
            assert [(x.href, x.length, x.type) for x in item.enclosures] == [
                (pdf[announcement_id], str(size[announcement_id]), "application/pdf")
            ]
    rss_items = xml(render(entries, "rss")).findall("channel/item")
    assert [dict(i.find("enclosure").attrib) for i in rss_items] == [
        {"url": pdf[1000 + s], "length": str(size[1000 + s]), "type": "application/pdf"} for s in order
    ]
    atom_entries = xml(render(entries, "atom")).findall(f"{ATOM}entry")
    for element, sequence in zip(atom_entries, order, strict=True):
        links = {link.get("rel"): dict(link.attrib) for link in element.findall(f"{ATOM}link")}
        assert links == {
            "alternate": {"href": page[1000 + sequence], "rel": "alternate", "type": "text/html"},
            "enclosure": {
                "href": pdf[1000 + sequence],
                "rel": "enclosure",
                "type": "application/pdf",
                "length": str(size[1000 + sequence]),
            },
        }
    items = json_feed(render(entries, "json")).items
    assert [(i.url, [(a.url, a.mime_type, a.size_in_bytes) for a in i.attachments]) for i in items] == [
        (page[1000 + s], [(pdf[1000 + s], "application/pdf", size[1000 + s])]) for s in order
    ]


def test_categories_carry_the_kind_and_the_egp_code() -> None:
    [item] = parsed(render([entry(1)], "atom")).entries
    assert {(t.term, t.scheme, t.label) for t in item.tags} == {
        ("winner", None, "ประกาศผู้ชนะการเสนอราคา"),
        ("W0", "https://process3.gprocurement.go.th/", "e-GP W0"),
        ("2569", None, "ปีงบประมาณ 2569"),
    }
    rss_item = xml(render([entry(1)], "rss")).find("channel/item")
    assert [(c.text, c.get("domain")) for c in rss_item.findall("category")] == [
        ("ประกาศผู้ชนะการเสนอราคา", None),
        ("e-GP W0", "https://process3.gprocurement.go.th/"),
        ("ปีงบประมาณ 2569", None),
    ]


def test_times_carry_their_time_zone_and_the_feed_time_is_the_newest_entry() -> None:
    entries = [entry(1), entry(5), entry(3)]
    newest = entries[1].published_at
    rss = xml(render(entries, "rss"))
    channel = rss.find("channel")
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == newest
    dates = [item.findtext("pubDate") for item in channel.findall("item")]
    assert all(d.endswith("+0700") for d in dates)
    assert [parsedate_to_datetime(d) for d in dates] == [
        e.published_at for e in (entries[1], entries[2], entries[0])
    ]
    atom = xml(render(entries, "atom"))
    assert datetime.fromisoformat(atom.findtext(f"{ATOM}updated")) == newest
    for element in atom.findall(f"{ATOM}entry"):
        published = element.findtext(f"{ATOM}published")
        assert published.endswith("+07:00") and element.findtext(f"{ATOM}updated") == published
    items = json_feed(render(entries, "json")).items
    assert [i.date_published for i in items] == [e.published_at for e in (entries[1], entries[2], entries[0])]
    assert all(i.date_published.utcoffset() == BANGKOK.utcoffset(newest) for i in items)


def test_an_empty_feed_is_valid_and_stable() -> None:
    for fmt in ("rss", "atom"):
        assert parsed(render([], fmt)).entries == []
        assert render([], fmt) == render([], fmt)
    assert json_feed(render([], "json")).items == []


def test_guids_are_permanent() -> None:
    e = entry(7)
    expected = guid(SLUG, e.id, e.published_at)
    assert expected.startswith("urn:uuid:") and len(expected) == len("urn:uuid:") + 36
    # The same entry, among other entries, under another host, in another feed: the same GUID.
    for base_url in (BASE_URL, "http://127.0.0.1:8000"):
        for others in ([], [entry(8), entry(9)]):
            for fmt in ("rss", "atom"):
                data = feeds.render(describe(query="kind=winner"), feeds.items([e, *others], base_url), fmt)
                assert expected in [x.id for x in parsed(data).entries]
    rss_guid = xml(render([e], "rss")).find("channel/item/guid")
    assert (rss_guid.text, rss_guid.get("isPermaLink")) == (expected, "false")
    assert json_feed(render([e], "json")).items[0].id == expected
    # Another announcement, or an id reused at another time (a restored database), is another GUID.
    assert guid(SLUG, e.id + 1, e.published_at) != expected
    assert guid(SLUG, e.id, datetime(2030, 1, 1, tzinfo=UTC)) != expected
    assert guid("other-school", e.id, e.published_at) != expected
    assert guid(SLUG, e.id, e.published_at.astimezone(BANGKOK)) == expected  # the instant, not its zone


def test_the_same_entries_give_the_same_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    school = SchoolInfo(id=1, slug=SLUG, name=SCHOOL)
    entries = [entry(n) for n in range(1, 60)]
    monkeypatch.setattr(clock, "now", lambda: datetime(2026, 1, 1, tzinfo=UTC))
    first = build_school(school, entries, BASE_URL)
    monkeypatch.setattr(clock, "now", lambda: datetime(2027, 6, 1, tzinfo=UTC))
    second = build_school(school, list(reversed(entries)), BASE_URL)
    assert first.keys() == second.keys()
    for path, f in first.items():
        assert (f.body, f.gzip, f.etag, f.last_modified) == (
            second[path].body,
            second[path].gzip,
            second[path].etag,
            second[path].last_modified,
        ), path


def test_an_entry_is_never_rewritten_when_others_follow() -> None:
    """A new announcement, or a correction of an old one, adds an entry; the old entries' elements
    stay byte for byte what they were (no re-dating, no re-titling)."""
    before = [entry(1), entry(2), entry(3)]
    correction = entry(4, kind="winner_cancel", subject="ยกเลิกประกาศผู้ชนะ ซื้อวัสดุ 2", supersedes_id=1002)
    after = [*before, correction]
    for fmt, path in (("rss", "channel/item"), ("atom", f"{ATOM}entry")):
        old = {
            e.findtext("guid") or e.findtext(f"{ATOM}id"): e for e in xml(render(before, fmt)).findall(path)
        }
        new = {
            e.findtext("guid") or e.findtext(f"{ATOM}id"): e for e in xml(render(after, fmt)).findall(path)
        }
        assert set(new) - set(old) == {guid(SLUG, correction.id, correction.published_at)}
        for key, element in old.items():
            assert etree.tostring(new[key]) == etree.tostring(element)
    old_items = {i.id: i for i in json_feed(render(before, "json")).items}
    new_items = {i.id: i for i in json_feed(render(after, "json")).items}
    assert len(new_items) == len(old_items) + 1
    assert all(new_items[k] == v for k, v in old_items.items())
