"""The XMP metadata packet of Prakat's PDFs: WeasyPrint's, with the PDF/UA-1 claim merged in.

WeasyPrint writes the PDF/A-2a identification, the title and the dates as one ``rdf:RDF``; its
``xmp_metadata`` option would add the PDF/UA identification as a *second* ``rdf:RDF`` beside it,
which XMP (ISO 16684-1, 7.3: ``x:xmpmeta`` holds one ``rdf:RDF``) and so PDF/A do not allow. So the
descriptions of ``templates/documents/_pdfua.xmp`` (the ``pdfuaid:part`` claim and the PDF/A
extension schema that declares the ``pdfuaid`` namespace) are moved into WeasyPrint's ``rdf:RDF``
by a WeasyPrint *finisher* (its documented post-processing hook), before the file is written.

What no test here can prove (veraPDF, the reference validator, is not in this machine's package
registries): that every PDF/A-2a and PDF/UA-1 rule holds. The tests (tests/documents/pdfs.py) parse
what can be parsed: the packet is well-formed with one ``rdf:RDF``, claims PDF/A-2a and PDF/UA-1,
and every namespace in it is predefined by PDF/A or declared, with its properties, by an
extension schema in it; the structure tree has its headings and reaches all marked content but
the page margins, which are pagination artifacts (prakat.documents.artifacts); every font is
embedded and maps to Unicode. Known gaps, unvalidated: the glyph that SARA AM's ring is drawn with
maps to an empty string in ToUnicode (prakat.documents.textlayer says why it must, for exact
extraction), which a validator may or may not accept; the Matterhorn checks that need a reader
(reading order, alternative texts that make sense, contrast) are a person's to make.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}
for _prefix, _uri in NS.items():
    ET.register_namespace(_prefix, _uri)

_RDF = f"{{{NS['rdf']}}}RDF"
_DESCRIPTION = f"{{{NS['rdf']}}}Description"


class MetadataError(RuntimeError):
    """The XMP packet is not what WeasyPrint 70 writes."""


@functools.cache
def _descriptions(path: Path) -> tuple[ET.Element, ...]:
    """The rdf:Description elements of ``path`` (an rdf:RDF), read once."""
    root = ET.parse(path).getroot()
    if root.tag != _RDF:
        raise MetadataError(f"{path.name} is not an rdf:RDF")
    return tuple(d for d in root if d.tag == _DESCRIPTION)


def merge(packet: bytes, extra: Path) -> bytes:
    """``packet`` (an XMP packet with one rdf:RDF) with the descriptions of ``extra`` added to its
    rdf:RDF. The packet's processing instructions are kept; the result has no XML declaration."""
    start, end = packet.find(b"<x:xmpmeta"), packet.rfind(b"</x:xmpmeta>")
    if start < 0 or end < 0:
        raise MetadataError("no x:xmpmeta element in the XMP packet")
    end += len(b"</x:xmpmeta>")
    meta = ET.fromstring(packet[start:end])
    found = meta.findall(_RDF)
    if len(found) != 1:
        raise MetadataError(f"{len(found)} rdf:RDF elements in the XMP packet")
    found[0].extend(copy.deepcopy(d) for d in _descriptions(extra))
    return packet[:start] + ET.tostring(meta, encoding="unicode").encode() + packet[end:]


def finisher(extra: Path) -> Any:
    """A WeasyPrint finisher that merges ``extra`` into the PDF's XMP packet."""

    def finish(_document: Any, pdf: Any) -> None:
        reference = pdf.catalog.get("Metadata")
        if reference is None:
            raise MetadataError("the PDF has no XMP metadata stream")
        stream = pdf.objects[int(reference.split()[0])]
        stream.stream = [merge(b"\n".join(stream.stream), extra)]

    return finish
