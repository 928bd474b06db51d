"""Report of a hostile plan upload against a real server: the public side is served while it is refused.

Run with ``PYTHONPATH=$PWD/src .venv/bin/python benchmarks/upload.py`` (``--uploads N``, default 10;
``--baseline N``, default 100). A report, not a test: it always exits 0 and prints MISS beside a
figure that misses its target (issue 12: "a public page waits 28 s, the process grows from 130 MB to
730 MB" while an officer's 258 KB workbook of 3.8 million shared strings was parsed on the event loop).

In one run:

* in this process, as a reference: how long ``prakat.plans.importing.parse_xlsx`` takes to refuse the
  hostile workbook, beside a legitimate 300-row plan workbook read whole (median of 3 each);
* `prakat demo` in a temporary folder and `prakat serve` over it (benchmarks/demo_server.py); the
  officer signs in and starts a draft revision of this fiscal year's plan;
* the baseline: the school's public home page (``/s/demo/``) asked ``--baseline`` times, one request
  at a time, with nothing else going on;
* then the officer posts the hostile workbook to the plan's import route ``--uploads`` times in a
  row while another thread asks for the same public page one request at a time, and a third reads
  the resident memory of the server's process tree (granian's supervising process, its server
  process, the render worker) from /proc every 10 ms. Printed: the page's latency during the
  uploads (the requests that overlapped an upload), each upload's answer time and status, and the
  memory before and at its peak.

Target: the public page under 100 ms during the upload (printed for its p90 and its worst request).
"""

from __future__ import annotations

import argparse
import io
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
from lxml import html
from openpyxl import Workbook

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from demo_server import SLUG, demo_server, form_token, signed_in, tree_rss_mb  # noqa: E402
from report import report_anyway  # noqa: E402

from prakat import clock  # noqa: E402
from prakat.plans import importing  # noqa: E402
from prakat.thai import fiscal_year_of  # noqa: E402

TARGET_S = 0.100
PAGE = f"/s/{SLUG}/"
STRINGS = 3_800_000  # the probe's file: 3.8 million one-letter shared strings
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER = ["ชื่อโครงการ", "ประเภท", "งบประมาณ", "แหล่งเงิน", "หมวดงบ", "วิธี", "เดือน"]
MONTHS = ["ต.ค. 68", "พ.ย. 68", "ธ.ค. 68", "ม.ค. 69", "ก.พ. 69", "มี.ค. 69"]


@dataclass(frozen=True)
class Timed:
    started: float
    ended: float
    status: int

    @property
    def seconds(self) -> float:
        return self.ended - self.started


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def hostile_workbook(strings: int) -> tuple[bytes, int]:
    """A real one-sheet workbook whose xl/sharedStrings.xml holds ``strings`` one-letter strings
    (tests/plans/test_hostile_xlsx.py builds it the same way); and that member's unpacked size."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["ชื่อโครงการ", "งบประมาณ"])
    sheet.append(["ซื้อกระดาษ", 100])
    plain = io.BytesIO()
    book.save(plain)
    head = f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{strings}">'
    shared = head.encode() + b"<si><t>a</t></si>" * strings + b"</sst>"
    out = io.BytesIO()
    with zipfile.ZipFile(plain) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = [member.filename for member in source.infolist()]
        for name in names:
            target.writestr(name, shared if name == "xl/sharedStrings.xml" else source.read(name))
        if "xl/sharedStrings.xml" not in names:
            target.writestr("xl/sharedStrings.xml", shared)
    return out.getvalue(), len(shared)


def plan_workbook(rows: int) -> bytes:
    """A legitimate plan sheet of ``rows`` items in the columns teachers use (FY2569)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for n in range(rows):
        name, budget, month = f"ซื้อวัสดุ ชุดที่ {n + 1}", 5_000 + 37 * n + 0.25, MONTHS[n % len(MONTHS)]
        sheet.append([name, "ซื้อ", budget, "เงินอุดหนุนรายหัว", "งบดำเนินงาน", "เฉพาะเจาะจง", month])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def in_process(hostile: bytes, legit: bytes) -> None:
    print("\nIn this process: prakat.plans.importing.parse_xlsx (median of 3)")
    for name, data in (("hostile workbook (refused)", hostile), ("legitimate 300-row plan", legit)):
        times: list[float] = []
        result = None
        for _ in range(3):
            started = time.perf_counter()
            result = importing.parse_xlsx(data, 2569)
            times.append(time.perf_counter() - started)
        assert result is not None
        outcome = (
            f"{len(result.items)} items, {len(result.errors)} bad rows" if result.ok else result.problems
        )
        print(f"  {name:28} {len(data) / 1024:7,.0f} KB  {ms(statistics.median(times)):>10}  {outcome}")


def draft_plan(officer: httpx.Client) -> str:
    """A new draft revision of this fiscal year's plan (the demo's is published); its import route."""
    year = fiscal_year_of(clock.today_bangkok())
    editor = officer.get(f"/w/plans/{year}/")
    made = officer.post(
        f"/w/plans/{year}/new", data={"_csrf_token": form_token(editor)}, follow_redirects=True
    )
    actions = [a for a in html.fromstring(made.text).xpath("//form/@action") if str(a).endswith("/import")]
    if not actions:
        raise SystemExit(f"no import form after starting a draft plan (HTTP {made.status_code})")
    return str(actions[0])


def ask(client: httpx.Client, path: str) -> Timed:
    started = time.perf_counter()
    status = client.get(path).status_code
    return Timed(started, time.perf_counter(), status)


@dataclass
class Phase:
    """The public page asked over and over while ``actions`` ran one after another."""

    pages: list[Timed]  # the page requests that overlapped an action
    asked: int
    actions: list[tuple[Timed, str]]
    peak_mb: float


def concurrently(
    public: httpx.Client, server_pid: int, action: Callable[[], tuple[Timed, str]], n: int
) -> Phase:
    stop = threading.Event()
    during: list[Timed] = []
    peak = [tree_rss_mb(server_pid)]

    def pages() -> None:
        while not stop.is_set():
            during.append(ask(public, PAGE))

    def memory() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss_mb(server_pid))
            time.sleep(0.01)

    threads = [threading.Thread(target=pages), threading.Thread(target=memory)]
    for thread in threads:
        thread.start()
    done: list[tuple[Timed, str]] = []
    try:
        time.sleep(0.2)  # the page thread is running before the first action
        for _ in range(n):
            done.append(action())
            time.sleep(0.2)
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    windows = [t for t, _ in done]
    overlapping = [p for p in during if any(p.started < w.ended and p.ended > w.started for w in windows)]
    return Phase(overlapping, len(during), done, peak[0])


def measure(base: str, server_pid: int, hostile: bytes, uploads: int, baseline_runs: int) -> None:
    officer = signed_in(base, "officer")
    import_route = draft_plan(officer)
    editor = f"/w/plans/{fiscal_year_of(clock.today_bangkok())}/"
    public = httpx.Client(base_url=base, timeout=120)
    for _ in range(5):  # warm-up: templates, the page's queries
        ask(public, PAGE)
        ask(officer, editor)
    rss_before = tree_rss_mb(server_pid)
    baseline = [ask(public, PAGE) for _ in range(baseline_runs)]

    def open_editor() -> tuple[Timed, str]:
        # The control: the page a refused upload answers with (the editor, the problem above its
        # import box), asked the same way, so that what the hostile file itself costs stands out.
        return ask(officer, editor), ""

    def upload() -> tuple[Timed, str]:
        token = form_token(officer.get(editor))
        started = time.perf_counter()
        answer = officer.post(
            import_route, data={"_csrf_token": token}, files={"file": ("แผนจัดซื้อจัดจ้าง.xlsx", hostile, XLSX)}
        )
        ended = time.perf_counter()
        preview = html.fromstring(answer.text).get_element_by_id("import-preview", None)
        message = " ".join(preview.text_content().split()) if preview is not None else answer.text[:120]
        return Timed(started, ended, answer.status_code), message

    control = concurrently(public, server_pid, open_editor, uploads)
    hostile_phase = concurrently(public, server_pid, upload, uploads)
    report(baseline, control, hostile_phase, (rss_before, tree_rss_mb(server_pid)))


def latency_row(name: str, timed: list[Timed]) -> tuple[str, ...]:
    seconds = [t.seconds for t in timed] or [float("nan")]
    statuses = ",".join(sorted({str(t.status) for t in timed}))
    return (
        name,
        str(len(timed)),
        ms(statistics.median(seconds)),
        ms(p90(seconds)),
        ms(max(seconds)),
        statuses,
    )


def report(baseline: list[Timed], control: Phase, hostile: Phase, memory: tuple[float, float]) -> None:
    print(
        f"\nThe public page {PAGE}, one request at a time (those overlapping an upload or an editor request)"
    )
    head = ("when", "requests", "median", "p90", "max", "statuses")
    rows = [
        latency_row("nothing else (baseline)", baseline),
        latency_row("while the officer opens the plan editor (control)", control.pages),
        latency_row("while the officer uploads the hostile workbook", hostile.pages),
    ]
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]
    for cells in (head, *rows):
        print("  " + "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    editor = [t.seconds for t, _ in control.actions]
    print(
        f"  (the plan editor, which a refused upload answers with: median {ms(statistics.median(editor))}, "
        f"max {ms(max(editor))}; {control.asked} and {hostile.asked} page requests in the two phases)"
    )
    print("\nThe uploads (the hostile workbook to the plan's import route, signed in as officer)")
    for n, (sent, message) in enumerate(hostile.actions, start=1):
        pages = [p.seconds for p in hostile.pages if p.started < sent.ended and p.ended > sent.started]
        slowest = f"slowest page meanwhile {ms(max(pages))}" if pages else "no page meanwhile"
        print(f"  upload {n}: HTTP {sent.status} in {ms(sent.seconds)} ({slowest}): {message[:90]}")
    print("  (the first upload also loads openpyxl in the server: it is imported when a plan file comes)")
    before, after = memory
    print(
        f"\nServer memory (VmRSS of the process tree): before {before:,.0f} MB, peak while opening the "
        f"editor {control.peak_mb:,.0f} MB, peak during the uploads {hostile.peak_mb:,.0f} MB "
        f"(+{hostile.peak_mb - before:,.0f} MB), after {after:,.0f} MB\n"
    )
    if not hostile.pages:
        print("\nMISS: no page request overlapped an upload")
        return
    seconds = [t.seconds for t in hostile.pages]
    for name, value in (("p90", p90(seconds)), ("worst", max(seconds))):
        verdict = "PASS" if value < TARGET_S else "MISS"
        print(f"Target: the public page during the upload < {ms(TARGET_S)} ({name}): {ms(value)}  {verdict}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--uploads", type=int, default=10, help="hostile uploads in a row")
    parser.add_argument("--baseline", type=int, default=100, help="page requests with no upload")
    args = parser.parse_args(argv)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    print(f"Prakat hostile-upload report, {datetime.now(clock.BANGKOK):%Y-%m-%d %H:%M} (Bangkok time)")
    load = subprocess.run(["uptime"], capture_output=True, text=True, check=False).stdout.strip()
    print(f"  Python {sys.version.split()[0]}, {len(os.sched_getaffinity(0))} CPU(s); uptime: {load}")
    hostile, unpacked = hostile_workbook(STRINGS)
    print(
        f"  hostile workbook: {len(hostile) / 1024:,.0f} KB, xl/sharedStrings.xml {STRINGS:,} strings "
        f"unpacking to {unpacked / 1024 / 1024:,.0f} MB"
    )
    in_process(hostile, plan_workbook(300))
    with tempfile.TemporaryDirectory(prefix="prakat-upload-") as tmp:
        print("\nLoading the demo school (prakat demo) and starting prakat serve ...", flush=True)
        with demo_server(Path(tmp)) as server:
            measure(server.url, server.pid, hostile, args.uploads, args.baseline)
    return 0


if __name__ == "__main__":
    sys.exit(report_anyway(main, sys.argv[1:]))
