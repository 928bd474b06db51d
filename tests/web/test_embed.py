"""The embed for school websites, its snippet builder, the CORS JSON list and the changes cursor,
through the app as a browser or a script calls them."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from lxml import html

from prakat.announcements import service as announcements
from prakat.announcements.schemas import Announcement, AnnouncementDraft
from prakat.audit import Actor
from prakat.db import tables as t
from prakat.rules import AnnouncementKind
from prakat.schools import service as schools
from prakat.schools.schemas import School
from prakat.web import embed
from tests import factories
from tests.web.helpers import make_user, post_form, sign_in

BASE = "http://testserver"
NASTY = '</title><script>alert("x")</script> ครุภัณฑ์ \'เสียง\' & "ไมค์" 🎤 <b>ตัวหนา</b>'
KB15 = 15 * 1024


async def school_with_winners(
    count: int = 3, slug: str = "emb", **subjects: str
) -> tuple[School, Actor, list[Announcement]]:
    school, actor = await factories.school(slug)
    vendor = await factories.vendor(actor, name="ร้านรุ่งเรือง")
    published = []
    for n in range(count):
        p = await factories.awarded(
            actor, vendor.id, subject=subjects.get(f"s{n}", f"วัสดุการเรียน ชุดที่ {n + 1}")
        )
        published.append(await factories.publish(actor, "winner", procurement_id=p.id))
    return school, actor, published


async def reference_price(actor: Actor, subject: str = "ค่าจ้างซ่อมหลังคา") -> Announcement:
    """An announcement of another kind: the reference price of a selection purchase."""
    p = await factories.procurement(
        actor,
        subject=subject,
        kind="hire",
        method="selection",
        method_reason="ใช้วิธีประกาศเชิญชวนทั่วไปแล้วไม่มีผู้ยื่นข้อเสนอ",
        reference_price="12,000",
    )
    return await factories.publish(actor, "reference_price", procurement_id=p.id)


def doc(response: httpx.Response) -> html.HtmlElement:
    return html.fromstring(response.content)


def csp(response: httpx.Response) -> dict[str, str]:
    directives = (d.strip().split(" ", 1) for d in response.headers["content-security-policy"].split(";"))
    return {d[0]: d[1] if len(d) > 1 else "" for d in directives}


def items(page: html.HtmlElement) -> list[dict[str, Any]]:
    found = []
    for li in page.xpath("//main/ul/li"):
        [a] = li.xpath("a")
        found.append(
            {
                "subject": a.text,
                "href": a.get("href"),
                "target": a.get("target"),
                "rel": a.get("rel"),
                "lines": [p.text_content() for p in li.xpath("p")],
            }
        )
    return found


def path_of(url: str) -> str:
    parts = urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}" == BASE
    return parts.path + (f"?{parts.query}" if parts.query else "")


# ---------------------------------------------------------------------------- the embed


async def test_the_embed_shows_the_n_latest_of_a_kind_linking_each_in_a_new_tab(
    client: httpx.AsyncClient,
) -> None:
    school, actor, winners = await school_with_winners(3)
    other = await reference_price(actor)

    r = await client.get("/s/emb/embed/?kind=winner&n=2")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    page = doc(r)
    assert page.get("lang") == "th"
    assert page.xpath("string(//h1)").startswith("ประกาศผู้ชนะ")
    assert school.name in page.xpath("string(//h1)")
    shown = items(page)
    assert [i["href"] for i in shown] == [f"{BASE}/s/emb/announcements/{a.id}/" for a in winners[::-1][:2]]
    assert [i["subject"] for i in shown] == [a.subject for a in winners[::-1][:2]]
    assert {(i["target"], i["rel"]) for i in shown} == {("_blank", "noopener")}
    kind_line, winner_line = shown[0]["lines"]
    assert kind_line == f"ประกาศผู้ชนะการเสนอราคา · {embed.short_date(winners[-1].announced_on)}"
    assert winner_line == "ผู้ได้รับการคัดเลือก ร้านรุ่งเรือง 1 · 11,990.50 บาท"
    [all_link] = page.xpath("//p[@class='all']/a")
    assert all_link.text == "ดูประกาศทั้งหมด" and all_link.get("target") == "_blank"
    assert all_link.get("href") == f"{BASE}/s/emb/announcements/?kind=winner"
    assert not page.xpath("//script")

    # No kind: every kind, newest first, ten by default.
    everything = items(doc(await client.get("/s/emb/embed/")))
    assert [i["href"].split("/")[-2] for i in everything] == [str(a.id) for a in [other, *winners[::-1]]]
    assert everything[0]["lines"][1] == "วงเงิน 12,500.25 บาท"  # no winner yet: the budget
    # One kind alone, and another group, with nothing published yet.
    single = doc(await client.get("/s/emb/embed/?kind=reference_price&n=5"))
    assert [i["subject"] for i in items(single)] == [other.subject]
    empty = doc(await client.get("/s/emb/embed/?kind=cancellation"))
    assert items(empty) == [] and empty.xpath("string(//p[@class='e'])") == "ยังไม่มีประกาศ"
    # The list page's other filters carry through.
    none_this_year = doc(await client.get("/s/emb/embed/?year=2400"))
    assert items(none_this_year) == []


async def test_what_people_typed_cannot_break_the_embed_or_its_page(client: httpx.AsyncClient) -> None:
    _, _, [nasty] = await school_with_winners(1, s0=NASTY)
    for url in ("/s/emb/embed/", "/s/emb/embed/?q=" + "%3Cscript%3E"):
        page = doc(await client.get(url))
        [shown] = items(page)
        assert shown["subject"] == nasty.subject and "<script>" in nasty.subject
        assert not page.xpath("//script") and not page.xpath("//b")
        assert page.xpath("string(//title)").startswith("ประกาศจัดซื้อจัดจ้าง · ")
    data = (await client.get("/s/emb/announcements.json")).json()
    assert data["entries"][0]["subject"] == nasty.subject


async def test_the_embed_sets_no_cookie_and_lets_the_school_choose_who_frames_it(
    client: httpx.AsyncClient,
) -> None:
    school, actor, _ = await school_with_winners(1)
    # A page that is not excluded does set the CSRF cookie: the check below can fail.
    assert "set-cookie" in (await client.get("/login")).headers
    client.cookies.clear()
    for url in (
        "/s/emb/embed/",
        "/s/emb/embed/?kind=nonsense",
        "/s/nobody/embed/",
        "/s/emb/announcements.json",
        "/s/emb/changes.json",
        "/s/emb/changes.json?after=x",
        embed.EMBED_FONT,
    ):
        r = await client.get(url)
        assert r.status_code < 500 and "set-cookie" not in r.headers, url
    preflight = await client.options(
        "/s/emb/announcements.json",
        headers={"Origin": "https://www.school.ac.th", "Access-Control-Request-Method": "GET"},
    )
    assert "set-cookie" not in preflight.headers
    assert not client.cookies

    r = await client.get("/s/emb/embed/")
    assert csp(r)["frame-ancestors"] == "*"
    assert csp(r)["default-src"] == "'none'" and csp(r)["font-src"] == "'self'"
    assert "x-frame-options" not in r.headers
    assert r.headers["referrer-policy"] == "no-referrer"
    assert r.headers["cache-control"] == embed.EMBED_CACHE

    await schools.update_school(
        actor, {"embed_origins": "https://WWW.School.ac.th/\nhttps://*.googleusercontent.com"}
    )
    r = await client.get("/s/emb/embed/")
    assert csp(r)["frame-ancestors"] == "'self' https://www.school.ac.th https://*.googleusercontent.com"
    assert (await schools.get_school(school.id)).embed_origins == (
        "https://www.school.ac.th\nhttps://*.googleusercontent.com"
    )


async def test_the_embed_is_small_compressed_cached_and_uses_only_its_own_font(
    client: httpx.AsyncClient,
) -> None:
    long = "จัดซื้อวัสดุอุปกรณ์การเรียนการสอนกลุ่มสาระการเรียนรู้วิทยาศาสตร์และเทคโนโลยี สำหรับนักเรียนชั้นประถมศึกษาปีที่ 1-6 "
    await school_with_winners(embed.COUNT_DEFAULT, **{f"s{n}": f"{long}ชุดที่ {n + 1}" for n in range(10)})
    plain = await client.get("/s/emb/embed/", headers={"Accept-Encoding": "identity"})
    assert len(items(doc(plain))) == embed.COUNT_DEFAULT
    assert "content-encoding" not in plain.headers and len(plain.content) < KB15
    packed = await client.get("/s/emb/embed/", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["content-encoding"] == "gzip" and packed.content == plain.content
    assert packed.num_bytes_downloaded < len(plain.content) / 3

    again = await client.get("/s/emb/embed/", headers={"If-None-Match": plain.headers["etag"]})
    assert again.status_code == 304 and not again.content
    assert "frame-ancestors" in again.headers["content-security-policy"]

    # The one other request the page makes is its font, from this app, a small subset.
    page = doc(plain)
    style = page.xpath("string(//style)")
    assert f"url({embed.EMBED_FONT})" in style.replace(" ", "")
    assert not page.xpath("//link[@rel='stylesheet'] | //img | //script | //iframe")
    font = await client.get(embed.EMBED_FONT, headers={"Accept-Encoding": "gzip"})
    assert font.status_code == 200 and font.headers["content-type"] == "font/woff2"
    assert "content-encoding" not in font.headers and font.num_bytes_downloaded == len(font.content)
    assert font.content[:4] == b"wOF2" and len(font.content) < KB15
    assert (await client.head(embed.EMBED_FONT)).status_code == 200


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/s/nobody/embed/", 404),
        ("/s/emb/embed/?kind=nonsense", 404),
        ("/s/emb/embed/?year=25x9", 404),
        ("/s/emb/embed/?year=1999", 404),
        ("/s/emb/embed/?month=13", 404),
        ("/s/emb/embed/?n=0", 400),
        ("/s/emb/embed/?n=51", 400),
        ("/s/emb/embed/?n=%E0%B9%95", 400),  # a Thai digit
        ("/s/emb/embed/?n=99999999999999999999999", 400),
        ("/s/emb/embed/?kind=%ff", 400),
        ("/s/emb/embed/?q=" + "ก" * 1000, 414),
        ("/s/emb/embed/?" + "&".join(f"x{n}=1" for n in range(40)), 400),
    ],
)
async def test_bad_embed_links_get_a_thai_page_never_a_500(
    client: httpx.AsyncClient, url: str, status: int
) -> None:
    await factories.school("emb")
    r = await client.get(url)
    assert r.status_code == status
    page = doc(r)
    assert page.get("lang") == "th" and page.xpath("string(//h1)") in ("ไม่พบหน้านี้", "ลิงก์ไม่ถูกต้อง")
    assert "set-cookie" not in r.headers


# ---------------------------------------------------------------------------- the JSON list


async def test_the_json_list_is_typed_exact_and_open_to_other_sites(client: httpx.AsyncClient) -> None:
    _, actor, [first, second] = await school_with_winners(2)
    cancel = await announcements.prepare(
        actor,
        AnnouncementDraft(
            kind=AnnouncementKind("winner_cancel"),
            procurement_id=second.procurement_id,
            supersedes_id=second.id,
            body="ถอนตัว",
        ),
    )
    await announcements.submit(actor, cancel.id)
    cancelled = await announcements.approve(actor, cancel.id)

    r = await client.get("/s/emb/announcements.json?kind=winner&n=5", headers={"Origin": "https://x.example"})
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    assert r.headers["access-control-allow-origin"] == "*"
    assert "etag" in r.headers["access-control-expose-headers"].lower()
    assert r.headers["cache-control"] == embed.JSON_CACHE
    data = r.json()
    assert data["school"] == {
        "slug": "emb",
        "name": "โรงเรียนทดสอบ emb",
        "url": f"{BASE}/s/emb/announcements/",
    }
    assert data["page"] == f"{BASE}/s/emb/announcements/?kind=winner"
    assert [e["id"] for e in data["entries"]] == [second.id, first.id] and data["count"] == 2
    e = data["entries"][1]
    assert (e["budget"], e["agreed_price"]) == ("12500.25", "11990.50")  # exact, as strings
    assert e["winner"] == "ร้านรุ่งเรือง 1" and e["kind_label"] == "ประกาศผู้ชนะการเสนอราคา"
    assert (e["kind"], e["group"], e["egp_code"], e["sequence"]) == ("winner", "winner", "W0", first.sequence)
    assert e["url"] == f"{BASE}/s/emb/announcements/{first.id}/"
    assert e["pdf_url"] == f"{BASE}/s/emb/pdf/{first.id}.pdf" and e["pdf_size"] > 1000
    assert e["published_at"].endswith("+07:00") and e["announced_on"] == first.announced_on.isoformat()
    assert e["supersedes"] is None

    corrections = (await client.get("/s/emb/announcements.json?kind=cancellation")).json()["entries"]
    assert [(c["id"], c["supersedes"]) for c in corrections] == [
        (cancelled.id, f"{BASE}/s/emb/announcements/{second.id}/")
    ]
    assert len((await client.get("/s/emb/announcements.json?n=1")).json()["entries"]) == 1

    # The same bytes again cost a 304; a changed list does not.
    again = await client.get(
        "/s/emb/announcements.json?kind=winner&n=5", headers={"If-None-Match": r.headers["etag"]}
    )
    assert again.status_code == 304 and again.headers["access-control-allow-origin"] == "*"
    assert again.headers["etag"] == r.headers["etag"]
    other = await client.get(
        "/s/emb/announcements.json?kind=winner&n=1", headers={"If-None-Match": r.headers["etag"]}
    )
    assert other.status_code == 200
    head = await client.head("/s/emb/announcements.json")
    assert head.status_code == 200 and not head.content


async def test_json_preflight_answers_cross_origin_scripts(client: httpx.AsyncClient) -> None:
    for url in ("/s/emb/announcements.json", "/s/emb/changes.json"):
        r = await client.options(
            url,
            headers={
                "Origin": "https://www.school.ac.th",
                "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "if-none-match",
            },
        )
        assert r.status_code == 204
        assert r.headers["access-control-allow-origin"] == "*"
        assert "GET" in r.headers["access-control-allow-methods"]
        assert "if-none-match" in r.headers["access-control-allow-headers"].lower()
        assert int(r.headers["access-control-max-age"]) > 0


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/s/nobody/announcements.json", 404),
        ("/s/emb/announcements.json?kind=nonsense", 404),
        ("/s/emb/announcements.json?year=3000", 404),
        ("/s/emb/announcements.json?n=abc", 400),
        ("/s/emb/announcements.json?n=-1", 400),
        ("/s/emb/announcements.json?q=%C3%28", 400),
        ("/s/emb/announcements.json?q=" + "x" * 3000, 414),
        ("/s/nobody/changes.json", 404),
        ("/s/emb/changes.json?after=-1", 400),
        ("/s/emb/changes.json?after=abc", 400),
        ("/s/emb/changes.json?after=1.5", 400),
        ("/s/emb/changes.json?after=99999999999", 400),
        ("/s/emb/changes.json?after=2147483648", 400),
        ("/s/emb/changes.json?before=3", 400),  # before belongs to newest first
        ("/s/emb/changes.json?order=newest&after=3", 400),
        ("/s/emb/changes.json?order=sideways", 400),
        ("/s/emb/changes.json?limit=0", 400),
        ("/s/emb/changes.json?limit=501", 400),
        ("/s/emb/changes.json?order=newest&before=%F0%9F%8E%A4", 400),
    ],
)
async def test_bad_json_requests_get_a_thai_json_error(
    client: httpx.AsyncClient, url: str, status: int
) -> None:
    await factories.school("emb")
    r = await client.get(url)
    assert r.status_code == status
    body = r.json()
    assert set(body) == {"error", "detail"} and any("\u0e00" <= c <= "\u0e7f" for c in body["detail"])
    assert r.headers["access-control-allow-origin"] == "*"


# ---------------------------------------------------------------------------- the changes cursor


async def follow(client: httpx.AsyncClient, url: str) -> tuple[list[dict[str, Any]], str, int]:
    """Every page from ``url`` until an empty one: the entries seen, the URL to poll next, the pages."""
    seen: list[dict[str, Any]] = []
    pages = 0
    while True:
        data = (await client.get(url)).json()
        pages += 1
        assert data["next_after"] == (
            data["entries"][-1]["sequence"] if data["entries"] else data["after"] or 0
        )
        assert data["next"] == f"{BASE}/s/emb/changes.json?after={data['next_after']}&limit=2"
        url = path_of(data["next"])
        if not data["entries"]:
            return seen, url, pages
        seen.extend(data["entries"])


async def test_a_follower_sees_every_entry_once_in_order_while_others_publish(
    client: httpx.AsyncClient,
) -> None:
    _, actor, first = await school_with_winners(3)
    seen, poll, pages = await follow(client, "/s/emb/changes.json?limit=2")
    assert pages == 3  # 2 + 1 + the empty page that keeps the cursor
    assert poll == "/s/emb/changes.json?after=3&limit=2"

    # Publications commit between two polls, and one lands between the pages of a poll.
    vendor = await factories.vendor(actor, 2)
    more = []
    for n in range(2):
        p = await factories.awarded(actor, vendor.id, subject=f"ครุภัณฑ์ {n}")
        more.append(await factories.publish(actor, "winner", procurement_id=p.id))
    page = (await client.get(poll)).json()
    assert [e["id"] for e in page["entries"]] == [a.id for a in more]
    p = await factories.awarded(actor, vendor.id, subject="ครุภัณฑ์ท้ายสุด")
    more.append(await factories.publish(actor, "winner", procurement_id=p.id))
    rest, poll, _ = await follow(client, path_of(page["next"]))
    seen += page["entries"] + rest
    assert [e["id"] for e in seen] == [a.id for a in first + more]
    assert [e["sequence"] for e in seen] == list(range(1, 7))
    assert poll == "/s/emb/changes.json?after=6&limit=2"

    data = (await client.get("/s/emb/changes.json")).json()
    assert data["order"] == "oldest" and data["limit"] == embed.LIMIT_DEFAULT and data["count"] == 6
    assert data["next"] == f"{BASE}/s/emb/changes.json?after=6" and "next_after" in data["about_en"]
    assert data["entries"][0]["agreed_price"] == "11990.50"
    etag = (await client.get("/s/emb/changes.json?after=6")).headers["etag"]
    unchanged = await client.get("/s/emb/changes.json?after=6", headers={"If-None-Match": etag})
    assert unchanged.status_code == 304 and unchanged.headers["cache-control"] == embed.CHANGES_CACHE


async def test_an_empty_school_keeps_the_cursor_at_the_start(client: httpx.AsyncClient) -> None:
    await factories.school("emb")
    data = (await client.get("/s/emb/changes.json?after=0")).json()
    assert data["entries"] == [] and data["next_after"] == 0
    assert data["next"] == f"{BASE}/s/emb/changes.json?after=0"
    newest = (await client.get("/s/emb/changes.json?order=newest")).json()
    assert newest["entries"] == [] and newest["next"] is None


async def test_newest_first_pages_back_with_before(client: httpx.AsyncClient) -> None:
    _, _, winners = await school_with_winners(5)
    url = "/s/emb/changes.json?order=newest&limit=2"
    seen: list[int] = []
    cursors: list[int | None] = []
    while url:
        data = (await client.get(url)).json()
        assert data["order"] == "newest" and data["next_after"] is None
        seen += [e["sequence"] for e in data["entries"]]
        cursors.append(data["next_before"])
        url = path_of(data["next"]) if data["next"] else ""
        if data["next"]:
            assert parse_qs(urlsplit(data["next"]).query) == {
                "order": ["newest"],
                "before": [str(data["next_before"])],
                "limit": ["2"],
            }
    assert seen == [5, 4, 3, 2, 1] and cursors == [4, 2, None]
    assert [
        e["id"] for e in (await client.get("/s/emb/changes.json?order=newest&before=3")).json()["entries"]
    ] == [
        winners[1].id,
        winners[0].id,
    ]


# ---------------------------------------------------------------------------- the admin's pages


async def test_the_admin_builds_the_snippets_with_a_live_preview(client: httpx.AsyncClient) -> None:
    _, actor, winners = await school_with_winners(3, s0=NASTY)
    await make_user(actor, "admin1", "admin")
    await sign_in(client, "admin1")

    school_page = doc(await client.get("/w/admin/school/"))
    assert school_page.get_element_by_id("embed-builder").get("href") == "/w/admin/embed/"
    r = await client.get("/w/admin/embed/?kind=winner&n=2&height=600")
    assert r.status_code == 200
    page = doc(r)
    snippet = html.fragment_fromstring(page.get_element_by_id("snippet-iframe").text_content())
    assert snippet.tag == "iframe"
    assert snippet.get("src") == f"{BASE}/s/emb/embed/?kind=winner&n=2"
    assert snippet.get("height") == "600" and snippet.get("width") == "100%"
    assert snippet.get("title") == "ประกาศผู้ชนะ โรงเรียนทดสอบ emb"
    [preview] = page.xpath("//div[@id='preview']/iframe")
    assert preview.get("src") == snippet.get("src") and preview.get("title") == snippet.get("title")

    fragment = html.fragment_fromstring(page.get_element_by_id("snippet-html").text_content())
    links = fragment.xpath(".//li/a")
    assert [a.get("href") for a in links] == [
        f"{BASE}/s/emb/announcements/{a.id}/" for a in winners[::-1][:2]
    ]
    assert links[-1].text == winners[1].subject
    assert {(a.get("target"), a.get("rel")) for a in fragment.xpath(".//a")} == {("_blank", "noopener")}
    assert not fragment.xpath(".//script")
    # The preview of the fragment is the same markup, escaped the same way.
    assert [a.get("href") for a in page.xpath("//div[@id='fragment-preview']//li/a")] == [
        a.get("href") for a in links
    ]
    assert not page.xpath("//script")
    assert (
        page.get_element_by_id("json-url").get("href") == f"{BASE}/s/emb/announcements.json?kind=winner&n=2"
    )

    # The nasty subject, once everything is listed, stays text in both snippets.
    every = doc(await client.get("/w/admin/embed/?n=50"))
    fragment = html.fragment_fromstring(every.get_element_by_id("snippet-html").text_content())
    assert (
        fragment.xpath(".//li/a")[-1].text == winners[0].subject
        and NASTY in winners[0].subject
        and not fragment.xpath(".//script | .//b")
    )

    bad = await client.get("/w/admin/embed/?kind=x&n=abc&height=5")
    assert bad.status_code == 400
    page = doc(bad)
    assert set(page.xpath("//div[@id='form-errors']//a/@href")) == {"#f-kind", "#f-n", "#f-height"}
    shown = html.fragment_fromstring(page.get_element_by_id("snippet-iframe").text_content())
    assert shown.get("src") == f"{BASE}/s/emb/embed/?n=10" and shown.get("height") == "480"


async def test_an_officer_gets_no_embed_builder(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school("emb")
    await make_user(actor, "somsri", "officer")
    await sign_in(client, "somsri")
    r = await client.get("/w/admin/embed/")
    assert r.status_code == 403
    assert "snippet-iframe" not in {e.get("id") for e in doc(r).iter()}


async def test_the_admin_sets_who_may_frame_the_embed(client: httpx.AsyncClient) -> None:
    school, actor = await factories.school("emb")
    await make_user(actor, "admin1", "admin")
    await sign_in(client, "admin1")
    url = "/w/admin/school/"
    form = {"name": school.name, "review_shown": "1"}
    bad = await post_form(
        client, url, url, {**form, "embed_origins": "https://www.school.ac.th\nwww.other.ac.th"}
    )
    assert bad.status_code == 400
    page = doc(bad)
    message = page.get_element_by_id("e-embed_origins").text_content()
    assert message.startswith("เว็บไซต์ที่นำรายการประกาศไปแสดงได้: “www.other.ac.th” ต้องขึ้นต้นด้วย https://")
    assert (
        page.get_element_by_id("f-embed_origins").text_content()
        == "https://www.school.ac.th\nwww.other.ac.th"
    )
    assert (await schools.get_school(school.id)).embed_origins == ""

    good = await post_form(
        client, url, url, {**form, "embed_origins": "https://www.school.ac.th/ , http://localhost:8080"}
    )
    assert good.status_code == 303
    stored = await t.School.select(t.School.embed_origins).where(t.School.id == school.id).first()
    assert stored == {"embed_origins": "https://www.school.ac.th\nhttp://localhost:8080"}
    shown = doc(await client.get(url)).get_element_by_id("f-embed_origins").text_content()
    assert shown == "https://www.school.ac.th\nhttp://localhost:8080"
    r = await client.get("/s/emb/embed/")
    assert csp(r)["frame-ancestors"] == "'self' https://www.school.ac.th http://localhost:8080"
    builder = doc(await client.get("/w/admin/embed/"))
    assert "https://www.school.ac.th" in builder.get_element_by_id("frame-ancestors").text_content()

    cleared = await post_form(client, url, url, {**form, "embed_origins": ""})
    assert cleared.status_code == 303
    assert csp(await client.get("/s/emb/embed/"))["frame-ancestors"] == "*"


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("", ""),
        ("*", ""),
        ("https://WWW.School.ac.th/", "https://www.school.ac.th"),
        ("https://a.th http://b.th:8080,https://a.th", "https://a.th\nhttp://b.th:8080"),
        ("https://*.googleusercontent.com", "https://*.googleusercontent.com"),
        ("https://โรงเรียน.ไทย", "https://xn--72c0b0acb2i5cn.xn--o3cw4h"),
    ],
)
def test_embed_origins_are_normalised(typed: str, stored: str) -> None:
    assert schools.embed_origins(typed) == stored


@pytest.mark.parametrize(
    "typed",
    [
        "www.school.ac.th",
        "https://school.ac.th/news",
        "https://school.ac.th?x=1",
        "https://user@school.ac.th",
        "https://school.ac.th:99999",
        "javascript://x",
        "https://*",
        "https://a..th",
        "https://*.*.th",
        "https://school.ac.th;script-src",
        " ".join(f"https://s{n}.ac.th" for n in range(21)),
    ],
)
def test_embed_origins_refuse_what_is_not_an_origin(typed: str) -> None:
    with pytest.raises(ValueError):
        schools.embed_origins(typed)


def test_dates_are_buddhist_era_with_arabic_digits() -> None:
    assert embed.short_date(date(2025, 11, 5)) == "5 พ.ย. 2568"


def test_frame_ancestors_follow_the_setting() -> None:
    assert embed.frame_ancestors("") == "*"
    assert embed.frame_ancestors("https://a.th\nhttp://b.th:8080") == "'self' https://a.th http://b.th:8080"
    assert json.loads(json.dumps(embed.UNICODE_RANGE)).startswith("U+0020-007E")
