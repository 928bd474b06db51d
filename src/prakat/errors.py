"""Errors the domain raises and the web layer turns into Thai messages beside the fields."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class InvalidInput(Exception):
    """One or more fields are wrong. ``errors`` maps field name to a Thai message that names the field;
    ``values`` is what the user sent, so a form can be shown again without losing a keystroke."""

    def __init__(self, errors: Mapping[str, str], values: Mapping[str, Any] | None = None) -> None:
        self.errors = dict(errors)
        self.values = dict(values or {})
        super().__init__("; ".join(self.errors.values()))


class NotFound(Exception):
    """The record does not exist, or not at this school (which must look the same to the caller)."""

    def __init__(self, what: str) -> None:
        self.what = what
        super().__init__(f"ไม่พบ{what}")


class Conflict(Exception):
    """The action clashes with the record's state (e.g. editing something already published)."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class Forbidden(Exception):
    """The actor's role does not allow this action. The message says, in Thai, what is needed."""

    def __init__(self, message: str) -> None:
        self.message = message
        super().__init__(message)


class Refused(Exception):
    """The request is refused as sent, before anything is read (a query string that breaks a rule of
    prakat.web.query, a count out of range): ``status`` is 400, or 414 for one too long; ``message``
    says in Thai what is wrong, naming the parameter."""

    def __init__(self, message: str, *, status: int = 400) -> None:
        self.message = message
        self.status = status
        super().__init__(message)
