"""Prakat's patches of WeasyPrint and pydyf (prakat.documents.patches) and the versions they were
written for: each patched function is named here, and an upgrade that moves or changes one fails
here first, with a message that says which patch to re-check."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pydyf  # type: ignore[import-untyped]
import pytest
import weasyprint
from weasyprint.images import SVGImage

from prakat.documents import patches
from prakat.documents.patches import Patch, PatchError

ROOT = Path(__file__).resolve().parents[2]

# Every function or attribute of WeasyPrint and pydyf that Prakat replaces or relies on, by name.
PATCHED = (
    "weasyprint.draw.text.draw_first_line",  # the text layer's hook
    "weasyprint.images.SVGImage.draw",  # the recorded emblem, replaced on the emblem's image
    "weasyprint.pdf.stream.Stream.clone",  # the recorded emblem records into a clone
    "pydyf.Stream.data",  # the stream memo
    "pydyf.PDF.write",  # the stream memo
)


def _patch(target: str) -> Patch:
    return next(patch for patch in patches.PATCHES if patch.target == target)


def test_every_patch_is_named_here() -> None:
    assert tuple(patch.target for patch in patches.PATCHES) == PATCHED


@pytest.mark.parametrize("target", PATCHED)
def test_the_installed_renderer_is_what_the_patch_was_written_for(target: str) -> None:
    # On failure, the message says which patch of what, written for which version, and what is
    # installed instead.
    problem = patches.problem(_patch(target))
    assert problem is None, problem


def test_the_pin_in_pyproject_is_the_verified_one() -> None:
    dependencies = (ROOT / "pyproject.toml").read_text()
    (major,) = patches.VERIFIED_WEASYPRINT_MAJORS
    ((pydyf_major, pydyf_minor),) = patches.VERIFIED_PYDYF_VERSIONS
    assert f'"weasyprint>={major},<{major + 1}"' in dependencies
    assert f'"pydyf>={pydyf_major}.{pydyf_minor},<{pydyf_major}.{pydyf_minor + 1}"' in dependencies


def test_another_weasyprint_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(weasyprint, "__version__", "71.0")
    assert patches.problem(_patch("weasyprint.draw.text.draw_first_line")) == (
        "Prakat's text layer patches weasyprint.draw.text.draw_first_line, written for WeasyPrint 70; "
        "installed is 71.0: re-check the patch and its tests before moving the pin"
    )
    with pytest.raises(PatchError) as refused:
        patches.check()
    named = [
        [target for target in PATCHED if f" {target}, " in line] for line in str(refused.value).splitlines()
    ]
    assert named == [[target] for target in PATCHED if target.startswith("weasyprint.")]
    assert patches.problem(_patch("pydyf.PDF.write")) is None


def test_another_pydyf_is_refused_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pydyf, "__version__", "0.14.0")
    assert patches.problem(_patch("pydyf.PDF.write")) == (
        "Prakat's stream memo patches pydyf.PDF.write, written for pydyf 0.13; "
        "installed is 0.14.0: re-check the patch and its tests before moving the pin"
    )
    assert patches.problem(_patch("weasyprint.draw.text.draw_first_line")) is None


def test_a_changed_signature_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    def draw(self: object, stream: object) -> None:
        pass

    monkeypatch.setattr(SVGImage, "draw", draw)
    problem = patches.problem(_patch("weasyprint.images.SVGImage.draw"))
    assert problem is not None
    assert "takes (self, stream)" in problem and problem.endswith("before moving the pin")
    with pytest.raises(PatchError, match=r"SVGImage\.draw"):
        patches.check()


def test_a_missing_function_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    gone = Patch("Prakat's text layer", "patches", "weasyprint.draw.text.draw_no_line", ("stream",))
    monkeypatch.setattr(patches, "PATCHES", (*patches.PATCHES, gone))
    with pytest.raises(PatchError, match=r"which has no weasyprint\.draw\.text\.draw_no_line"):
        patches.check()


def test_rendering_without_the_patches_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patches, "installed", lambda: False)  # as in a process that never called install()
    with pytest.raises(PatchError, match=r"patches\.install\(\)"):
        patches.require()


def test_importing_prakat_installs_no_patch() -> None:
    """The server imports no WeasyPrint at all; the renderer's modules, imported, patch nothing
    (only the render worker, or a test through the ``patched`` fixture, installs them)."""
    script = (
        "import sys\n"
        "import prakat.app, prakat.cli\n"
        "assert 'weasyprint' not in sys.modules, 'the server imports WeasyPrint'\n"
        "import pydyf\n"
        "from weasyprint.draw import text\n"
        "import prakat.documents.render, prakat.documents.textlayer, prakat.documents.worker\n"
        "from prakat.documents import patches\n"
        "assert not hasattr(text.draw_first_line, '__wrapped__'), 'draw_first_line is wrapped'\n"
        "assert pydyf.PDF.write.__module__ == 'pydyf', 'PDF.write is wrapped'\n"
        "assert pydyf.Stream.__dict__['data'].fget.__module__ == 'pydyf', 'Stream.data is wrapped'\n"
        "assert not patches.installed()\n"
        "patches.install()\n"
        "assert patches.installed() and hasattr(text.draw_first_line, '__wrapped__')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
