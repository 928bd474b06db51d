"""Official PDFs over HTTP: published bytes for everyone, cached for good; the director's preview."""

from __future__ import annotations

import hashlib
import re
import subprocess
from urllib.parse import unquote

import httpx

from prakat.announcements import service as announcements
from prakat.announcements.schemas import AnnouncementDraft
from prakat.rules import AnnouncementKind
from tests import factories
from tests.web.helpers import make_user, sign_in


def text_of(data: bytes) -> str:
    return re.sub(
        r"\s+",
        "",
        subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True).stdout.decode(),
    )


async def test_a_published_pdf_is_served_as_stored_and_cached(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school("banna")
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    a = await factories.publish(actor, "winner", procurement_id=p.id)
    url = f"/s/banna/pdf/{a.id}.pdf"
    response = await client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert hashlib.sha256(response.content).hexdigest() == a.pdf_sha256
    assert response.headers["etag"] == f'"{a.pdf_sha256}"'
    assert "immutable" in response.headers["cache-control"]
    name = unquote(response.headers["content-disposition"].split("filename*=UTF-8''")[1])
    assert name == "ประกาศผู้ชนะการเสนอราคา เลขที่ 1-2569.pdf"
    again = await client.get(url, headers={"if-none-match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""
    head = await client.head(url)
    assert head.status_code == 200 and head.content == b""


async def test_drafts_and_junk_names_are_not_found(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school("banna")
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
    )
    for path in (
        f"/s/banna/pdf/{draft.id}.pdf",
        "/s/banna/pdf/x.pdf",
        "/s/banna/pdf/99999999999.pdf",
        "/s/nope/pdf/1.pdf",
    ):
        assert (await client.get(path)).status_code == 404, path


async def test_the_director_previews_the_pdf_they_would_sign(client: httpx.AsyncClient) -> None:
    _, actor = await factories.school()
    await make_user(actor, "boss", "director", "นายใหญ่ ใจดี", "ผู้อำนวยการโรงเรียนทดสอบ")
    vendor = await factories.vendor(actor)
    p = await factories.awarded(actor, vendor.id)
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind("winner"), procurement_id=p.id)
    )
    await announcements.submit(actor, draft.id)
    await sign_in(client, "boss")
    response = await client.get(f"/w/announcements/{draft.id}/document.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    assert "no-store" in response.headers["cache-control"]
    text = text_of(response.content)
    assert "(นายใหญ่ใจดี)" in text and "ร้านทดสอบพาณิชย์" in text
    assert "ร่าง—ยังไม่เผยแพร่" in text and "http" not in text  # never passes for the published copy
    assert (await client.get(f"/s/test/pdf/{draft.id}.pdf")).status_code == 404  # not public yet
