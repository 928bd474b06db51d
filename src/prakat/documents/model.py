"""The typed model of an official document: what the templates render. The package whose document
it is builds it from its published data only, never from the database (an announcement from its
frozen snapshot, a report from its figures); nothing here knows what kind of record it came from."""

from __future__ import annotations

from datetime import datetime

import msgspec


class Signer(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    position: str
    delegation: str = ""


class Column(msgspec.Struct, frozen=True, kw_only=True):
    title: str
    width: str  # a CSS length for table-layout: fixed, e.g. "12%"
    numeric: bool = False
    # Columns next to each other with the same group share one header cell above their own titles
    # (สขร.1's column 9: "เลขที่และวันที่ของสัญญา…" over "เลขที่" | "วันที่"); "" = a header of its own.
    group: str = ""


class Table(msgspec.Struct, frozen=True, kw_only=True):
    """An attachment table (the plan, บก.06, quarterly winners). Cells are final strings."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    landscape: bool = False
    # What the table says, in one row across all its columns, when it has no rows of its own
    # ("ไม่มีการจัดซื้อจัดจ้าง"): the form is still there, never a missing page.
    empty: str = ""


class Figure(msgspec.Struct, frozen=True, kw_only=True):
    """A chart: SVG markup made by prakat.charts (no text elements, its words in <title>/<desc>)."""

    title: str
    svg: str


class Section(msgspec.Struct, frozen=True, kw_only=True):
    """A numbered part of a report: its heading, then paragraphs, figures and tables in that order."""

    heading: str
    paragraphs: tuple[str, ...] = ()
    figures: tuple[Figure, ...] = ()
    tables: tuple[Table, ...] = ()
    notes: tuple[str, ...] = ()  # small print under the tables


class Memo(msgspec.Struct, frozen=True, kw_only=True):
    """A บันทึกข้อความ (internal memo; Garuda 1.5 cm at the top left): from the writer to the director,
    whose decision and signature close it."""

    office: str  # ส่วนราชการ
    reference: str  # ที่
    date: str  # วันที่
    subject: str  # เรื่อง
    addressee: str  # เรียน
    paragraphs: tuple[str, ...]
    writer: Signer
    decision: tuple[str, ...]  # the director's words ("ทราบ", "อนุญาตให้เผยแพร่…")
    signer: Signer
    signed_on: str = ""


class OfficialDocument(msgspec.Struct, frozen=True, kw_only=True):
    # The layout: templates/documents/<template>.html, styled by <template>.css after _official.css
    # (which sets the pages: A4 portrait, an attachment on landscape pages unless the template's
    # stylesheet keeps it portrait).
    template: str
    label: str  # what the document is, in words ("ประกาศผู้ชนะการเสนอราคา"): the PDF's keywords
    agency: str  # "โรงเรียน…" as in "ประกาศโรงเรียน…"
    subject: str
    paragraphs: tuple[str, ...]
    date_line: str  # under the text: "ประกาศ ณ วันที่ ๕ พฤศจิกายน พ.ศ. ๒๕๖๘"
    signer: Signer
    number: str = ""
    attachment: Table | None = None
    # A report's parts (the annual report) and the memo that comes with it.
    sections: tuple[Section, ...] = ()
    memo: Memo | None = None
    cover: tuple[str, ...] = ()  # a report's title lines, under its emblem
    # PDF metadata and the file name people see when they download it.
    title: str = ""
    author: str = ""
    created: datetime | None = None
    filename: str = "ประกาศ.pdf"
    # A bundle: documents printed one after another after this one's own pages (its cover).
    parts: tuple[OfficialDocument, ...] = ()
