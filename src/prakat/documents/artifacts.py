"""What WeasyPrint 70 draws in the page margins (the page number, the footer with the published
copy's address), marked as pagination artifacts, as PDF/UA-1 asks (ISO 14289-1, 7.8).

WeasyPrint tags the text of margin boxes with marked-content identifiers whose structure elements
it keeps out of the structure tree ("it could be included in tree as Artifact, but that's only
allowed in PDF 2.0", weasyprint/pdf/tags.py): the text is then neither real content nor an
artifact. A WeasyPrint finisher (its documented post-processing hook) finds those identifiers,
every one whose structure element the tree does not reach, and turns each such marked-content
sequence into ``/Artifact <</Type /Pagination>> BDC``, dropping it from the parent tree. What
screen readers read is then the document; what repeats on every page is furniture."""

from __future__ import annotations

from typing import Any

import pydyf  # type: ignore[import-untyped]


class ArtifactError(RuntimeError):
    """The tagged PDF is not laid out as WeasyPrint 70 writes it."""


def _number(reference: Any) -> int:
    return int(bytes(reference).split()[0]) if not isinstance(reference, int) else reference


def _reachable(pdf: Any) -> set[int]:
    """The object numbers of every structure element the structure tree reaches."""
    root = pdf.objects[_number(pdf.catalog["StructTreeRoot"])]
    found: set[int] = set()
    todo = [_number(kid) for kid in root["K"]]
    while todo:
        number = todo.pop()
        if number in found:
            continue
        found.add(number)
        element = pdf.objects[number]
        for kid in element.get("K", ()):
            if isinstance(kid, bytes) and kid.endswith(b" R"):
                todo.append(_number(kid))
    return found


def mark_margins(_document: Any, pdf: Any) -> None:
    """A WeasyPrint finisher: marked content outside the structure tree becomes an artifact."""
    if "StructTreeRoot" not in pdf.catalog:
        return
    reachable = _reachable(pdf)
    parent_tree = pdf.objects[_number(pdf.objects[_number(pdf.catalog["StructTreeRoot"])]["ParentTree"])]
    nums = parent_tree["Nums"]
    pages = pdf.pages["Kids"][::3]
    for index, page_number in enumerate(pages):
        if nums[2 * index] != index:
            raise ArtifactError(f"parent tree entry {2 * index} is not page {index}")
        elements = nums[2 * index + 1]
        outside = {mcid for mcid, ref in enumerate(elements) if _number(ref) not in reachable}
        if not outside:
            continue
        contents = pdf.objects[_number(pdf.objects[page_number]["Contents"])]
        items = contents.stream
        done = set()
        for at in range(1, len(items) - 1):
            item = items[at]
            if (
                isinstance(item, pydyf.Dictionary)
                and item.get("MCID") in outside
                and items[at + 1] == b"BDC"
                and isinstance(items[at - 1], str)
                and items[at - 1].startswith("/")
            ):
                done.add(item["MCID"])
                items[at - 1] = "/Artifact"
                items[at] = pydyf.Dictionary({"Type": "/Pagination"})
        if done != outside:
            raise ArtifactError(f"marked content {sorted(outside - done)} of page {index + 1} not found")
        for mcid in outside:
            elements[mcid] = b"null"
