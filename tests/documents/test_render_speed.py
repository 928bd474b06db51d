"""What makes rendering fast changes no byte: the emblem drawn from a recording, each PDF stream
compressed once, and the render worker process. (How fast is measured by scripts/bench, not here.)"""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import msgspec
import pypdf
import pytest

from prakat.documents import client, render, textlayer
from prakat.documents.emblem import DocumentError
from prakat.documents.model import Column, OfficialDocument, Signer, Table
from prakat.documents.render import Renderer
from prakat.settings import Settings

GARUDA = Settings().default_emblem_path
DOC = OfficialDocument(
    template="winner",
    label="ประกาศผู้ชนะการเสนอราคา",
    agency="โรงเรียนบ้านหนองบัววิทยา",
    subject="ประกาศผู้ชนะการเสนอราคา ซื้อวัสดุสำนักงาน โดยวิธีเฉพาะเจาะจง",
    paragraphs=("ตามที่ โรงเรียนบ้านหนองบัววิทยา ได้มีโครงการ ซื้อวัสดุสำนักงาน โดยวิธีเฉพาะเจาะจง นั้น",),
    date_line="ประกาศ ณ วันที่ ๕ พฤศจิกายน พ.ศ. ๒๕๖๘",
    signer=Signer(name="นายวีระพงษ์ ศรีสุวรรณ", position="ผู้อำนวยการโรงเรียนบ้านหนองบัววิทยา"),
    number="๑/๒๕๖๙",
    title="ประกาศโรงเรียนบ้านหนองบัววิทยา เรื่อง ซื้อวัสดุสำนักงาน",
    author="โรงเรียนบ้านหนองบัววิทยา",
    filename="ประกาศผู้ชนะการเสนอราคา เลขที่ 1-2569.pdf",
)

# A gradient (a shading and a pattern) and a half-opaque group (a transparency group): drawings
# that are more than operators, which WeasyPrint draws itself every time.
GRADIENT_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">
<defs><linearGradient id="g"><stop offset="0" stop-color="#c00"/><stop offset="1" stop-color="#fc0"/>
</linearGradient></defs><circle cx="50" cy="50" r="45" fill="url(#g)"/></svg>"""
GROUP_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">
<g opacity="0.5"><rect x="10" y="10" width="80" height="80" fill="#036"/></g></svg>"""
PLAIN_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100" viewBox="0 0 100 100">
<path d="M10 10 L90 10 L50 90 Z" fill="{colour}"/></svg>"""


def plain_weasyprint(renderer: Renderer, doc: OfficialDocument, emblem: Path) -> bytes:
    """The same document drawn the way WeasyPrint draws it by itself: no recording, no memo."""
    return textlayer.render_pdf(
        renderer.html(doc, emblem=emblem),
        base_url=str(renderer.templates),
        stylesheets=renderer._css(doc.template),
        font_config=renderer.font_config,
        **renderer.pdf_options(doc),
    )


@pytest.fixture(scope="module")
def renderer(patched: None) -> Renderer:
    return Renderer()


def test_the_recorded_emblem_gives_exactly_what_weasyprint_draws(renderer: Renderer) -> None:
    first = renderer.render(DOC, emblem=GARUDA)
    drawings = list(renderer._drawings._items.values())
    assert drawings and all(d is not None for d in drawings), "the Garuda is plain operators: recorded"
    assert renderer.render(DOC, emblem=GARUDA) == first  # replayed
    assert plain_weasyprint(renderer, DOC, GARUDA) == first


@pytest.mark.parametrize("svg", [GRADIENT_SVG, GROUP_SVG], ids=["gradient", "group"])
def test_an_emblem_that_is_more_than_operators_is_drawn_by_weasyprint(
    renderer: Renderer, tmp_path: Path, svg: str
) -> None:
    emblem = tmp_path / "emblem.svg"
    emblem.write_text(svg)
    first = renderer.render(DOC, emblem=emblem)
    stat = emblem.resolve().stat()
    recorded = [
        v
        for k, v in renderer._drawings._items.items()
        if k[:3] == (str(emblem.resolve()), stat.st_mtime_ns, stat.st_size)
    ]
    assert recorded == [None]  # looked at, not replayed
    assert renderer.render(DOC, emblem=emblem) == first == plain_weasyprint(renderer, DOC, emblem)


def test_an_emblem_changed_on_disk_is_drawn_anew(renderer: Renderer, tmp_path: Path) -> None:
    emblem = tmp_path / "emblem.svg"
    emblem.write_text(PLAIN_SVG.format(colour="#000000"))
    os.utime(emblem, ns=(1_700_000_000_000_000_000, 1_700_000_000_000_000_000))
    black = renderer.render(DOC, emblem=emblem)
    emblem.write_text(PLAIN_SVG.format(colour="#aa0000"))  # same size, new time
    os.utime(emblem, ns=(1_700_000_001_000_000_000, 1_700_000_001_000_000_000))
    red = renderer.render(DOC, emblem=emblem)
    assert red != black
    assert red == plain_weasyprint(renderer, DOC, emblem)


# Several pages, so that structure elements point at pages other than the first.
LONG_DOC = msgspec.structs.replace(
    DOC,
    template="plan",
    attachment=Table(
        title="รายละเอียดแนบท้ายประกาศ แผนการจัดซื้อจัดจ้าง",
        columns=(Column(title="ลำดับ", width="10%"), Column(title="ชื่อโครงการ", width="90%")),
        rows=tuple((str(n), f"ซื้อวัสดุสำนักงาน รายการที่ {n}") for n in range(1, 61)),
    ),
)


@pytest.mark.parametrize("doc", [DOC, LONG_DOC], ids=["one page", "several pages"])
def test_pdfs_are_the_same_with_and_without_the_memo(renderer: Renderer, doc: OfficialDocument) -> None:
    # plain_weasyprint runs outside Renderer.render, so without the memo (and without the
    # recording): both paths agree byte for byte, several times over.
    results = {renderer.render(doc, emblem=GARUDA) for _ in range(3)}
    results.add(plain_weasyprint(renderer, doc, GARUDA))
    assert len(results) == 1
    if doc is LONG_DOC:
        assert len(pypdf.PdfReader(io.BytesIO(results.pop())).pages) >= 3


def test_the_worker_renders_the_same_bytes_as_this_process(renderer: Renderer) -> None:
    assert client.renderer().render(DOC, emblem=GARUDA) == renderer.render(DOC, emblem=GARUDA)


def test_a_missing_emblem_is_refused_before_the_worker() -> None:
    with pytest.raises(DocumentError):
        client.WorkerRenderer().render(DOC, emblem=None)


def test_a_failure_in_the_worker_reaches_the_caller_and_the_worker_carries_on() -> None:
    worker = client.WorkerRenderer()
    try:
        broken = OfficialDocument(
            **{**{f: getattr(DOC, f) for f in DOC.__struct_fields__}, "template": "no_such"}
        )
        with pytest.raises(Exception, match="no_such"):
            worker.render(broken, emblem=GARUDA)
        pid = worker.pid
        assert worker.render(DOC, emblem=GARUDA).startswith(b"%PDF")
        assert worker.pid == pid
    finally:
        worker.stop()


def test_a_dead_worker_is_replaced() -> None:
    worker = client.WorkerRenderer()
    try:
        first = worker.render(DOC, emblem=GARUDA)
        pid = worker.pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        assert worker.render(DOC, emblem=GARUDA) == first
        assert worker.pid not in (None, pid)
    finally:
        worker.stop()
    assert worker.pid is None


def test_the_worker_never_outlives_its_server(tmp_path: Path) -> None:
    """Killed outright (no clean-up), the server leaves no worker behind: its stdin closes."""
    script = (
        "import os, signal, sys\n"
        "from pathlib import Path\n"
        "from prakat.documents import client\n"
        "from tests.documents.test_render_speed import DOC, GARUDA\n"
        "client.renderer().render(DOC, emblem=GARUDA)\n"
        "print(client.renderer().pid, flush=True)\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120
    )
    worker = int(done.stdout.split()[0])
    deadline = time.monotonic() + 20
    while Path(f"/proc/{worker}").exists() and _state(worker) != "Z" and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{worker}").exists() or _state(worker) == "Z"


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return "gone"


def test_recordings_are_bounded() -> None:
    drawings = render._Drawings(limit=2)
    for n in range(3):
        drawings.put((n,), None)
    assert drawings.get((0,)) is render._NOT_YET
    assert drawings.get((1,)) is None and drawings.get((2,)) is None
