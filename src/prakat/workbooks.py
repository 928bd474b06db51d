"""The one way Prakat saves an Excel workbook (the monthly summary and its bundles, the annual report's
data, the open-data layouts): the same content gives the same bytes on every download.

openpyxl stamps two things of the moment of saving: the workbook's "modified" property (its
``save`` overwrites whatever was set) and each zip entry's time. Both are replaced here: "modified" is
the given time (when the document was published, or a fixed date for data that has none), and every
entry carries a fixed time, so a published file never changes and a second build equals the first.
openpyxl is imported by the callers, when a workbook is asked for (tests/test_server_footprint.py).
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import UTC, datetime
from typing import Any, Final

# The zip entries' time (the earliest a zip can hold is 1980; any fixed one will do).
ENTRY_TIME: Final = (2000, 1, 1, 0, 0, 0)
# The properties' time for data that has no date of its own (an export made on request).
NO_DATE: Final = datetime(2000, 1, 1, tzinfo=UTC)
CREATOR: Final = "Prakat"
# A date cell as Thai readers write it, in the Buddhist era: "16 ต.ค. 2568" in Excel (its locale code:
# Thai, 041E, with the Thai Buddhist calendar, 07); the cell holds a real date all the same.
THAI_DATE: Final = "[$-107041E]d mmm yyyy"

_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
_CREATED = re.compile(rb"<dcterms:created[^>]*>([^<]*)</dcterms:created>")


def save(workbook: Any, *, made: datetime = NO_DATE) -> bytes:
    """The workbook's bytes, created and modified at ``made`` (timezone-aware; stored in UTC to the
    second), with fixed zip entry times."""
    stamp = made.astimezone(UTC).replace(tzinfo=None, microsecond=0)
    workbook.properties.created = workbook.properties.modified = stamp
    workbook.properties.lastModifiedBy = CREATOR
    if not workbook.properties.creator or workbook.properties.creator == "openpyxl":
        workbook.properties.creator = CREATOR
    buffer = io.BytesIO()
    workbook.save(buffer)
    return fixed(buffer.getvalue())


def fixed(data: bytes) -> bytes:
    """The same archive with every entry at ``ENTRY_TIME`` and "modified" equal to "created"."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ENTRY_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                created = _CREATED.search(content)
                if created is not None:
                    content = _MODIFIED.sub(rb"\g<1>" + created.group(1) + rb"\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()
