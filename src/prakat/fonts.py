"""The one place that knows where Prakat's fonts are: Sarabun (OFL) from the fontpkg-sarabun package,
never the system's, so pages and documents look the same on every machine."""

from __future__ import annotations

from pathlib import Path

import fontpkg_sarabun

FAMILY = "Sarabun"
SARABUN_DIR: Path = fontpkg_sarabun.ROOT / "files"
# The faces pages use; documents may use more.
WEB_FACES = {"Sarabun-Regular.ttf": (400, "normal"), "Sarabun-SemiBold.ttf": (600, "normal")}
