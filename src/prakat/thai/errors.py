"""Errors raised by the Thai core.

Messages are Thai because they end up in front of school staff; the calling layer prefixes the
field name, so a message only describes what is wrong and, where it helps, what is expected.
Subclasses exist so callers can react to a kind of problem without matching message text.
"""


class ThaiValueError(ValueError):
    """A value a user typed or a caller passed cannot be used; the message is Thai."""


class ThaiTypeError(TypeError):
    """A programming error (wrong Python type), still worded in Thai for consistency."""


class InvalidDateError(ThaiValueError):
    """A date text could not be read, or names a day that does not exist."""


class NaiveDatetimeError(ThaiValueError):
    """A datetime without a time zone, which would silently shift published times."""


class InvalidFiscalYearError(ThaiValueError):
    """A fiscal year that is not a plausible Buddhist-Era year (e.g. a C.E. year by mistake)."""


class InvalidAmountError(ThaiValueError):
    """A money amount that is negative, not finite, too precise, too large or unreadable."""


class InvalidTaxIdError(ThaiValueError):
    """A 13-digit tax / citizen ID that is malformed."""


class TaxIdLengthError(InvalidTaxIdError):
    """The ID does not consist of exactly 13 digits."""


class TaxIdChecksumError(InvalidTaxIdError):
    """The ID has 13 digits but its 13th (check) digit does not match."""


class InvalidEgpProjectNumberError(ThaiValueError):
    """An e-GP project number (เลขที่โครงการ) that is malformed or from the wrong fiscal year."""
