"""Where Prakat's own files are: inside the package when installed from a wheel, at the top of the
source checkout otherwise."""

from __future__ import annotations

import os
import sys
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def templates_dir() -> Path:
    packaged = _PACKAGE / "templates"
    return packaged if packaged.is_dir() else _PACKAGE.parents[1] / "templates"


def module_command(module: str) -> tuple[list[str], dict[str, str]]:
    """The command and environment that run ``python -m <module>`` in a child process with the same
    prakat as this process's, whatever the working directory (the render worker, the embed font)."""
    package_root = str(_PACKAGE.parent)
    path = os.pathsep.join(p for p in (package_root, os.environ.get("PYTHONPATH", "")) if p)
    return [sys.executable, "-m", module], {**os.environ, "PYTHONPATH": path}
