"""Feeds over HTTP (RSS, Atom, JSON Feed), their archive pages and the "how to follow" page."""

from __future__ import annotations

from litestar import Controller


class FeedController(Controller):
    include_in_schema = False
