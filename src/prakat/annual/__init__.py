"""The annual procurement report: its statistics (stats), the parts a school writes (texts), its frozen
content and lookups (service), its official document (document) and its workbook (workbook)."""
