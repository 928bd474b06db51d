"""The names of the award form's fields, as the form shows them and as its error messages say them.
They are the titles AwardCreate declares (one definition, which the API's schema shows too), so that a
message under a field names the label above it."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from prakat.procurements.schemas import AwardCreate
from prakat.validation import fields_of

AWARD: Mapping[str, str] = MappingProxyType({field.name: field.label for field in fields_of(AwardCreate)})
