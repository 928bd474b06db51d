"""The typed model of an official document: what the templates render. The package whose document
it is builds it from its published data only, never from the database (an announcement from its
frozen snapshot, a report from its figures); nothing here knows what kind of record it came from."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

# What every page of a document that is not published says at its foot (and no QR code).
UNPUBLISHED_NOTE = "ร่าง — ยังไม่เผยแพร่ ใช้อ้างอิงไม่ได้"


class Signer(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    position: str
    delegation: str = ""


class Column(msgspec.Struct, frozen=True, kw_only=True):
    """A column of an attachment table (table-layout: fixed).

    ``fit`` columns are as wide as their content needs (prakat.documents.tables measures it in the
    font). "line": the widest cell on one line (numbers, codes, dates, names; the title's words
    whole too, so "ลำดับที่" stays whole); ``width``, if given, caps it (never below its widest
    word), and a cell then wraps between its space-separated words. "word": its ``width``
    share, but never narrower than the widest word of its cells and title (a line may end
    between words, never inside one: "เฉพาะเจาะจง"). Without ``fit``, ``width`` is the column's
    share ("14%"), or, empty, a share of what the others leave. Widths are in % or em, never
    absolute lengths, so that they hold at any type size."""

    title: str
    width: str = ""
    numeric: bool = False
    fit: Literal["", "line", "word"] = ""
    # Columns next to each other with the same group share one header cell above their own titles
    # (สขร.1's column 9: "เลขที่และวันที่ของสัญญา…" over "เลขที่" | "วันที่"); "" = a header of its own.
    group: str = ""


class Table(msgspec.Struct, frozen=True, kw_only=True):
    """An attachment table (the plan, บก.06, quarterly winners). Cells are final strings: digits
    already as printed (prakat.documents.digits). Rows never split across pages."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    landscape: bool = False
    # What the table says, in one row across all its columns, when it has no rows of its own
    # ("ไม่มีการจัดซื้อจัดจ้าง"): the form is still there, never a missing page.
    empty: str = ""

    # A second heading line under the title (the school).
    subtitle: str = ""
    # The last row holds the totals (printed bold).
    total_row: bool = False
    # Names printed in the cells (a vendor's, the school's): a line of a cell ends inside one only
    # at its spaces, each word kept whole if it is no wider than ``name_room`` (in em of the
    # table's type: the narrowest cell the names are printed in; prakat.documents.tables.room).
    names: tuple[str, ...] = ()
    name_room: float = 0.0


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
    number: str = ""  # the line under the heading, "ที่ ๑๒/๒๕๖๙" ("" prints none)
    attachment: Table | None = None
    # A report's parts (the annual report) and the memo that comes with it.
    sections: tuple[Section, ...] = ()
    memo: Memo | None = None
    cover: tuple[str, ...] = ()  # a report's title lines, under its emblem
    # Where the published copy is (absolute): printed quietly at the foot of every page and as a
    # QR code beside the signature, so that a printed or forwarded copy leads to the published one
    # (whose page shows the file's SHA-256). Known before rendering: the publisher passes it in.
    public_url: str = ""
    # A document that is not published (a draft's preview, a sample) has no public_url: every page
    # says this instead, and there is no QR code, so that it cannot pass for the published one.
    unpublished_note: str = UNPUBLISHED_NOTE
    # Names in the running text that a line never ends inside (a vendor's: "บริษัท ก จำกัด").
    names: tuple[str, ...] = ()
    # PDF metadata and the file name people see when they download it.
    title: str = ""
    author: str = ""
    created: datetime | None = None
    filename: str = "ประกาศ.pdf"
    # A bundle: documents printed one after another after this one's own pages (its cover).
    parts: tuple[OfficialDocument, ...] = ()
