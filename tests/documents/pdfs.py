"""Reading a PDF's objects back with pypdf, typed: pypdf types every value of a PDF dictionary as any
PDF object, so what a test indexes is checked to be a dictionary (or a stream) first."""

from __future__ import annotations

from pypdf import PageObject
from pypdf.generic import DictionaryObject, PdfObject, StreamObject


def dictionary(value: PdfObject) -> DictionaryObject:
    resolved = value.get_object()
    assert isinstance(resolved, DictionaryObject), type(resolved)
    return resolved


def stream(value: PdfObject) -> StreamObject:
    resolved = value.get_object()
    assert isinstance(resolved, StreamObject), type(resolved)
    return resolved


def fonts_of(page: PageObject) -> DictionaryObject:
    """A page's font resources, by resource name."""
    return dictionary(dictionary(page["/Resources"])["/Font"])
