"""The typed model of an official document: what the templates render. The package whose document
it is builds it from its published data only, never from the database (an announcement from its
frozen snapshot, a report from its figures); nothing here knows what kind of record it came from."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec


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
    # A heading over consecutive columns of the same group ("เอกสารอ้างอิง" over วันที่ | เลขที่).
    group: str = ""


class Table(msgspec.Struct, frozen=True, kw_only=True):
    """An attachment table (the plan, บก.06, quarterly winners). Cells are final strings: digits
    already as printed (prakat.documents.digits). Rows never split across pages."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    landscape: bool = False
    # A second heading line under the title (the school).
    subtitle: str = ""
    # The last row holds the totals (printed bold).
    total_row: bool = False


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
    # PDF metadata and the file name people see when they download it.
    title: str = ""
    author: str = ""
    created: datetime | None = None
    filename: str = "ประกาศ.pdf"
