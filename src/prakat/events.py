"""After-commit notices: "school N published something". The announcement workflow says so once its
publishing transaction has committed; whoever keeps derived files (the feeds) listens. Kept apart so
the workflow does not import what listens to it.

Listeners run in the publishing request, after the commit: a listener that fails is logged and does
not undo the publication (the files can be rebuilt with `prakat publish-feeds`).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Listener = Callable[[int], Awaitable[None]]
_listeners: list[Listener] = []


def on_published(listener: Listener) -> None:
    """Call ``listener(school_id)`` after every publication; registering twice is a no-op."""
    if listener not in _listeners:
        _listeners.append(listener)


def forget(listener: Listener) -> None:
    if listener in _listeners:
        _listeners.remove(listener)


async def published(school_id: int) -> None:
    for listener in list(_listeners):
        try:
            await listener(school_id)
        except Exception:
            log.exception("after-publication listener %r failed for school %s", listener, school_id)
