"""The typed model of an official document: what the templates render, built from published data
only (prakat.documents.build), never from the database."""

from __future__ import annotations

from datetime import date, datetime

import msgspec


class Signer(msgspec.Struct, frozen=True, kw_only=True):
    name: str
    position: str
    delegation: str = ""


class Column(msgspec.Struct, frozen=True, kw_only=True):
    title: str
    width: str  # a CSS length for table-layout: fixed, e.g. "12%"
    numeric: bool = False


class Table(msgspec.Struct, frozen=True, kw_only=True):
    """An attachment table (the plan, บก.06, quarterly winners). Cells are final strings."""

    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[str, ...], ...]
    landscape: bool = False


class OfficialDocument(msgspec.Struct, frozen=True, kw_only=True):
    kind: str  # AnnouncementKind value; picks templates/documents/<kind>.html when there is one
    agency: str  # "โรงเรียน…" as in "ประกาศโรงเรียน…"
    subject: str
    paragraphs: tuple[str, ...]
    announced_on: date
    signer: Signer
    number: str = ""
    attachment: Table | None = None
    # PDF metadata and the file name people see when they download it.
    title: str = ""
    author: str = ""
    created: datetime | None = None
    filename: str = "ประกาศ.pdf"
