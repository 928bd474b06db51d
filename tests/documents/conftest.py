"""What the tests that render in this process (not through the render worker) share."""

from __future__ import annotations

import pytest

from prakat.documents import patches


@pytest.fixture(scope="session")
def patched() -> None:
    """Prakat's patches of WeasyPrint and pydyf in the test process, installed by the one function
    the render worker calls first thing (prakat.documents.patches.install): a render here is then
    the worker's, byte for byte. Importing Prakat installs nothing; only tests that ask for this
    fixture render in-process."""
    patches.install()
