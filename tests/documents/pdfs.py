"""Reading a PDF's objects back with pypdf, typed: pypdf types every value of a PDF dictionary as any
PDF object, so what a test indexes is checked to be a dictionary (or a stream) first."""

from __future__ import annotations

import re

from lxml import etree
from pypdf import PageObject, PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject, StreamObject


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


# ---------------------------------------------------------------------------------------------
# What the archival and accessibility claims rest on, parsed (veraPDF is not installable here)

XMP_NS = {
    "x": "adobe:ns:meta/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
# The schemas PDF/A-2 predefines (ISO 19005-2, 6.6.2.3.1, those Prakat's files use) and the
# containers of extension schemas: any other namespace needs an extension schema in the packet.
PREDEFINED = {
    XMP_NS[p]
    for p in ("x", "rdf", "dc", "xmp", "pdf", "pdfaid", "pdfaExtension", "pdfaSchema", "pdfaProperty")
}
XML_NS = "http://www.w3.org/XML/1998/namespace"


def _namespace(name: str) -> str:
    return name[1:].split("}")[0] if name.startswith("{") else ""


def xmp_problems(reader: PdfReader) -> list[str]:
    """What is wrong with the XMP packet for PDF/A-2a + PDF/UA-1: one well-formed x:xmpmeta holding
    one rdf:RDF (lxml raises on anything not well-formed), the PDF/A-2a and PDF/UA-1 claims, and
    every namespace used either predefined by PDF/A or declared by an extension schema in it, with
    each property used declared."""
    data = stream(reader.root_object["/Metadata"]).get_data()
    meta = etree.fromstring(data)
    problems = []
    if meta.tag != f"{{{XMP_NS['x']}}}xmpmeta":
        problems.append(f"root is {meta.tag!r}")
    rdfs = [child for child in meta if isinstance(child.tag, str)]
    if [child.tag for child in rdfs] != [f"{{{XMP_NS['rdf']}}}RDF"]:
        problems.append(f"x:xmpmeta holds {[child.tag for child in rdfs]}, not one rdf:RDF")
    values: dict[str, str] = {}
    for description in meta.iter(f"{{{XMP_NS['rdf']}}}Description"):
        values |= {k: v for k, v in description.attrib.items() if _namespace(k) != XMP_NS["rdf"]}
        for child in description:
            if isinstance(child.tag, str) and len(child) == 0:
                values[child.tag] = (child.text or "").strip()
    if (values.get(f"{{{XMP_NS['pdfaid']}}}part"), values.get(f"{{{XMP_NS['pdfaid']}}}conformance")) != (
        "2",
        "A",
    ):
        problems.append("no PDF/A-2a claim")
    if values.get(f"{{{XMP_NS['pdfuaid']}}}part") != "1":
        problems.append("no PDF/UA-1 claim")
    # The extension schemas: namespace URI -> the property names each declares.
    declared: dict[str, set[str]] = {}
    for schema in meta.iterfind(".//pdfaExtension:schemas/rdf:Bag/rdf:li", XMP_NS):
        uri = schema.findtext("pdfaSchema:namespaceURI", namespaces=XMP_NS)
        prefix = schema.findtext("pdfaSchema:prefix", namespaces=XMP_NS)
        names = set()
        for prop in schema.iterfind("pdfaSchema:property/rdf:Seq/rdf:li", XMP_NS):
            if not all(
                prop.findtext(f"pdfaProperty:{f}", namespaces=XMP_NS)
                for f in ("name", "valueType", "category", "description")
            ):
                problems.append(f"incomplete property declaration in the schema of {uri}")
            names.add(prop.findtext("pdfaProperty:name", namespaces=XMP_NS) or "")
        if not uri or not prefix or not names:
            problems.append(f"incomplete extension schema {uri!r}")
        declared[uri or ""] = names
    for element in meta.iter():
        if not isinstance(element.tag, str):
            continue
        for name in [element.tag, *element.attrib]:
            namespace = _namespace(name)
            if namespace in PREDEFINED or namespace == XML_NS:
                continue
            local = name.split("}")[-1]
            if local not in declared.get(namespace, set()):
                problems.append(f"{name} is neither predefined by PDF/A nor declared by an extension schema")
    return problems


def structure_tags(reader: PdfReader) -> list[str]:
    """The structure types of the tagged PDF's structure tree, depth first ("H1", "P", …)."""
    found: list[str] = []

    def walk(node: PdfObject) -> None:
        element = dictionary(node)
        if "/S" in element:
            found.append(str(element["/S"]).lstrip("/"))
        kids = element.get("/K")
        if kids is None:
            return
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, IndirectObject | DictionaryObject) and isinstance(
                kid.get_object(), DictionaryObject
            ):
                walk(kid)

    walk(reader.root_object["/StructTreeRoot"])
    return found


_CMAP_ENTRY = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]*)>")
_CMAP_RANGE = re.compile(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(<[0-9a-fA-F]*>|\[[^\]]*\])")


def unmapped_codes(reader: PdfReader) -> dict[str, set[int]]:
    """Per font (its base name without the subset tag), the character codes its ToUnicode CMap maps
    to an empty string, in bfchar and bfrange entries alike."""
    empty: dict[str, set[int]] = {}
    for page in reader.pages:
        for font in fonts_of(page).values():
            font = dictionary(font)
            name = str(font["/BaseFont"]).split("+")[-1]
            cmap = stream(font["/ToUnicode"]).get_data().decode()
            found = empty.setdefault(name, set())
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.DOTALL):
                found |= {int(code, 16) for code, text in _CMAP_ENTRY.findall(block) if not text}
            for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.DOTALL):
                for low, high, target in _CMAP_RANGE.findall(block):
                    texts = re.findall(r"<([0-9a-fA-F]*)>", target)
                    if any(not text for text in texts):
                        found |= set(range(int(low, 16), int(high, 16) + 1))
    return empty


def untagged_content(reader: PdfReader) -> list[str]:
    """Marked content that is neither in the structure tree nor an artifact (PDF/UA-1, 7.1): each
    MCID drawn on a page must lead, through the parent tree, to a structure element the tree
    reaches."""
    reachable: set[int] = set()

    def walk(node: PdfObject) -> None:
        if isinstance(node, IndirectObject):
            if node.idnum in reachable:
                return
            reachable.add(node.idnum)
        element = node.get_object()
        if not isinstance(element, DictionaryObject):
            return
        kids = element.get("/K")
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, IndirectObject):
                walk(kid)

    tree = dictionary(reader.root_object["/StructTreeRoot"])
    for kid in tree["/K"] if isinstance(tree["/K"], list) else [tree["/K"]]:
        walk(kid)
    nums = dictionary(tree["/ParentTree"])["/Nums"].get_object()
    assert isinstance(nums, ArrayObject)
    parents = {int(nums[i]): nums[i + 1].get_object() for i in range(0, len(nums), 2)}
    problems = []
    for number, page in enumerate(reader.pages):
        drawn = {int(m) for m in re.findall(rb"<<\s*/MCID\s+(\d+)\s*>>", content(page))}
        entries = parents.get(int(page.get("/StructParents", number)), [])
        for mcid in sorted(drawn):
            entry = entries[mcid] if mcid < len(entries) else None
            if not isinstance(entry, IndirectObject) or entry.idnum not in reachable:
                problems.append(f"page {number + 1}: MCID {mcid} outside the structure tree")
    return problems


def content(page: PageObject) -> bytes:
    """A page's content stream, decoded."""
    found = page.get_contents()
    assert found is not None
    return found.get_data()
