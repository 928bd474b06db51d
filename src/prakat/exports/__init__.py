"""Open data out: plain typed rows in, XLSX and CSV bytes out. Never queries the database."""
