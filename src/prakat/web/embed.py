"""For school websites and mirrors: the embed page, the CORS JSON list and the changes cursor."""

from __future__ import annotations

from litestar import Controller


class EmbedController(Controller):
    include_in_schema = False
