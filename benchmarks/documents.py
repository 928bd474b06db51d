"""Speed report of the official PDFs (issue "Official PDF announcements", section Speed).

Run with ``bash scripts/bench`` (or ``.venv/bin/python benchmarks/documents.py``). A report, not a
test: it always exits 0 and prints MISS beside every figure that misses its target.

In one run, on a temporary SQLite database filled through the real services:

* warm render times (median and p90) of a winner announcement and of a 300-item plan (landscape
  attachment), through ``prakat.announcements.pdf.render``, the code path publication uses;
* peak RSS (VmHWM) of the process that rendered them (the render worker, or this process where
  rendering runs in a thread), and of the server below with its render worker;
* event-loop latency: the real app under uvicorn in a subprocess, ``/healthz`` asked one request at a
  time, idle and while the server renders a 300-item plan (the director's preview of a draft);
* serving an already-published PDF at ``/s/{slug}/pdf/{id}.pdf`` against the same bytes from a
  Litestar static-files route and from a handler returning bytes held in memory, in the same server,
  with a small keep-alive HTTP/1.1 client written here (pure Python; wrk is not needed).

Options: ``--quick`` (fewer runs and shorter loads, for a smoke run), ``--winner-runs N``,
``--plan-runs N``, ``--seconds S`` (per serving round), ``--rounds N``, ``--connections C``.
Targets and results: benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from litestar import Response, get
from litestar.static_files import create_static_files_router

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from alone import timers  # noqa: E402
from report import report_anyway  # noqa: E402

from prakat import clock  # noqa: E402
from prakat.announcements import pdf  # noqa: E402
from prakat.announcements import service as announcements  # noqa: E402
from prakat.announcements.schemas import Announcement, AnnouncementDraft  # noqa: E402
from prakat.audit import Actor  # noqa: E402
from prakat.db.engine import close_engine, configure, open_engine  # noqa: E402
from prakat.db.migrate import migrate  # noqa: E402
from prakat.db.tx import write_transaction  # noqa: E402
from prakat.plans import service as plans  # noqa: E402
from prakat.procurements import service as procurements  # noqa: E402
from prakat.rules import AnnouncementKind  # noqa: E402
from prakat.schools import service as schools  # noqa: E402
from prakat.schools.schemas import School  # noqa: E402
from prakat.settings import Settings  # noqa: E402
from prakat.thai import tax_id_check_digit  # noqa: E402
from prakat.users import service as users  # noqa: E402

SLUG = "bench"
PASSWORD = "bench-password-1234"
PLAN_ITEMS = 300
FISCAL_YEAR = 2569
# A school's plan as the demo school writes it (prakat.demo.data), repeated to 300 items: mostly
# small specific-method purchases, a few investments, long and short names.
ITEMS = (
    ("ซื้อกระดาษถ่ายเอกสาร A4", "buy", "per_head_subsidy", "operating", "specific"),
    ("ซื้อหมึกพิมพ์และวัสดุคอมพิวเตอร์", "buy", "per_head_subsidy", "operating", "specific"),
    ("ซื้อวัสดุสำนักงาน", "buy", "per_head_subsidy", "operating", "specific"),
    ("ซื้อวัสดุทำความสะอาด", "buy", "per_head_subsidy", "operating", "specific"),
    ("เช่าเครื่องถ่ายเอกสาร", "rent", "per_head_subsidy", "operating", "specific"),
    ("จ้างเหมาประกอบอาหารกลางวันนักเรียน ภาคเรียนที่ 1 ปีการศึกษา 2569", "hire", "lunch", "operating", "specific"),
    ("ซื้อวัตถุดิบประกอบอาหารกลางวัน (ข้าวสาร)", "buy", "lunch", "operating", "specific"),
    ("ซื้อหนังสือเรียน ปีการศึกษา 2569", "buy", "free_education_textbooks", "operating", "specific"),
    ("ซื้อเครื่องแบบนักเรียน ปีการศึกษา 2569", "buy", "free_education_uniforms", "operating", "specific"),
    ("ซื้ออุปกรณ์กีฬา", "buy", "per_head_subsidy", "operating", "specific"),
    ("จ้างซ่อมบำรุงเครื่องปรับอากาศ", "hire", "per_head_subsidy", "operating", "specific"),
    ("ซื้อโต๊ะเก้าอี้นักเรียน ระดับประถมศึกษา จำนวน 60 ชุด", "buy", "government_budget", "investment", "specific"),
    ("ซื้อกล้องวงจรปิดพร้อมติดตั้ง จำนวน 8 จุด", "buy", "school_income", "investment", "specific"),
    ("จ้างปรับปรุงห้องน้ำนักเรียน จำนวน 1 หลัง", "construction", "government_budget", "investment", "e_bidding"),
    ("ซื้อครุภัณฑ์คอมพิวเตอร์สำหรับห้องปฏิบัติการคอมพิวเตอร์ จำนวน 41 ชุด", "buy", "government_budget",
     "investment", "e_market"),
)  # fmt: skip

# Reference figures from the issue, for the "ratio" column of the render rows.
ISSUE_WINNER_S = 0.2  # "0.2-0.4 s warm with the SVG emblem"
ISSUE_PLAN_S = 1.8  # "1.8 s landscape with fixed column widths"


# ---------------------------------------------------------------------------------------------
# Data, through the real services


@dataclass
class Fixture:
    school: School
    winner: Announcement  # published
    plan: Announcement  # published, 300 items
    draft_revision_id: int  # a submitted plan revision with the same 300 items: the preview renders it


def tax_id(prefix12: str) -> str:
    return prefix12 + str(tax_id_check_digit(prefix12))


async def publish(actor: Actor, draft: AnnouncementDraft) -> Announcement:
    prepared = await announcements.prepare(actor, draft)
    await announcements.submit(actor, prepared.id)
    return await announcements.approve(actor, prepared.id)


async def fill(settings: Settings) -> Fixture:
    school = await schools.create_school(
        schools.parse_school(
            {
                "slug": SLUG,
                "name": "โรงเรียนบ้านหนองบัววิทยา",
                "director_name": "นายวีระพงษ์ ศรีสุวรรณ",
                "director_position": "ผู้อำนวยการโรงเรียนบ้านหนองบัววิทยา",
                "province": "ขอนแก่น",
                "emblem_path": str(settings.default_emblem_path),
            }
        )
    )
    actor = Actor(school_id=school.id, label="bench")
    await users.create_user(
        actor,
        users.parse_user(
            {
                "username": "director",
                "display_name": "นายวีระพงษ์ ศรีสุวรรณ",
                "position": "ผู้อำนวยการโรงเรียนบ้านหนองบัววิทยา",
                "role": "director",
                "password": PASSWORD,
            }
        ),
    )
    vendor = await vendors_create(actor)
    created = await procurements.create_procurement(
        actor,
        procurements.parse_procurement(
            {
                "subject": "วัสดุทำความสะอาดสำหรับอาคารเรียน",
                "kind": "buy",
                "method": "specific",
                "budget": Decimal("12500.25"),
                "budget_source": "per_head_subsidy",
                "requested_on": date(2025, 11, 3),
            }
        ),
    )
    with_bid = await procurements.add_bid(
        actor, created.id, procurements.parse_bid({"vendor_id": vendor, "amount": "12,000"})
    )
    await procurements.award(
        actor,
        created.id,
        procurements.parse_award(
            {
                "bid_id": with_bid.bids[0].id,
                "agreed_price": "11,990.50",
                "awarded_on": date(2025, 11, 5),
                "reason": "เสนอราคาต่ำสุด",
            }
        ),
    )
    winner = await publish(actor, AnnouncementDraft(kind=AnnouncementKind.WINNER, procurement_id=created.id))

    plan = await plans.create_plan(actor, FISCAL_YEAR)
    async with write_transaction():
        for n in range(PLAN_ITEMS):
            name, kind, source, category, method = ITEMS[n % len(ITEMS)]
            await plans.add_plan_item(
                actor,
                plan.id,
                plans.parse_plan_item(
                    {
                        "name": name,
                        "egp_plan_code": f"P69{n + 1:07d}" if category == "investment" else "",
                        "kind": kind,
                        "budget": f"{(n % 47 + 1) * 1250.5:.2f}",
                        "budget_source": source,
                        "category": category,
                        "planned_method": method,
                        "expected_month": f"{n % 12 + 1}/{2568 if n % 12 >= 9 else 2569}",
                    },
                    FISCAL_YEAR,
                ),
            )
    published_plan = await publish(actor, AnnouncementDraft(kind=AnnouncementKind.PLAN, plan_id=plan.id))
    revision = await plans.create_plan(actor, FISCAL_YEAR)  # copies the 300 items
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind.PLAN_REVISION, plan_id=revision.id)
    )
    await announcements.submit(actor, draft.id)
    return Fixture(school=school, winner=winner, plan=published_plan, draft_revision_id=draft.id)


async def vendors_create(actor: Actor) -> int:
    from prakat.vendors import service as vendors

    created = await vendors.create_vendor(
        actor, vendors.parse_vendor({"name": "ร้านทดสอบพาณิชย์", "tax_id": tax_id("040500000001")})
    )
    return created.id


# ---------------------------------------------------------------------------------------------
# Figures


@dataclass
class Row:
    figure: str
    target: str
    measured: str
    baseline: str  # what the ratio compares with
    ratio: float | None
    ok: bool | None  # None: information, no target


@dataclass
class Report:
    rows: list[Row] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *args: Any) -> None:
        self.rows.append(Row(*args))

    def print(self) -> None:
        head = ("figure", "target", "measured", "baseline", "ratio", "result")
        table = [
            (
                r.figure,
                r.target,
                r.measured,
                r.baseline,
                "" if r.ratio is None else f"{r.ratio:.2f}×",
                "" if r.ok is None else ("PASS" if r.ok else "MISS"),
            )
            for r in self.rows
        ]
        widths = [max(len(str(x)) for x in col) for col in zip(head, *table, strict=True)]
        line = "  ".join("-" * w for w in widths)
        print()
        print("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
        print(line)
        for cells in table:
            print("  ".join(str(c).ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
        print(line)
        misses = [r for r in self.rows if r.ok is False]
        for r in misses:
            print(f"MISS: {r.figure}: {r.measured} (target {r.target})")
        if not misses:
            print("all targets met")
        for note in self.notes:
            print(f"note: {note}")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms" if seconds >= 0.0995 else f"{seconds * 1000:,.1f} ms"


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def rss_mb() -> float:
    # Linux reports ru_maxrss in KiB.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def peak_of(pid: int) -> float:
    """Peak resident memory of a running process (VmHWM), in MB; NaN once it is gone."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return float("nan")
    found = re.search(r"VmHWM:\s+(\d+) kB", status)
    return int(found.group(1)) / 1024 if found else float("nan")


def children_of(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def render_peaks(pid: int) -> tuple[float, float]:
    """(peak of ``pid``, largest peak among its child processes): where Prakat renders in a worker
    process, the worker is the child that renders; where it renders in a thread, there is none."""
    children = [peak_of(c) for c in children_of(pid)]
    return peak_of(pid), max((c for c in children if c == c), default=0.0)


def pages(data: bytes) -> int:
    from pypdf import PdfReader  # a test dependency (scripts/bench installs the "test" extra)

    return len(PdfReader(io.BytesIO(data)).pages)


async def timed(runs: int, make: Callable[[], Awaitable[bytes]]) -> tuple[list[float], bytes]:
    times = []
    data = b""
    for _ in range(runs):
        start = time.perf_counter()
        data = await make()
        times.append(time.perf_counter() - start)
    return times, data


async def renders(settings: Settings, args: argparse.Namespace, report: Report) -> Fixture:
    engine = configure(settings)
    await open_engine(engine)
    await migrate()
    start = time.perf_counter()
    fixture = await fill(settings)
    took = time.perf_counter() - start
    print(f"  data: school, winner and a {PLAN_ITEMS}-item plan published in {took:.1f} s")
    school = fixture.school
    # Warm: publication above rendered each kind once; one more render each before timing.
    await pdf.render(school, fixture.winner)
    winner_times, winner_pdf = await timed(args.winner_runs, lambda: pdf.render(school, fixture.winner))
    await pdf.render(school, fixture.plan)
    alone = timers(school, fixture.plan)  # WeasyPrint alone on the plan's HTML (benchmarks/alone.py)
    plan_times: list[float] = []
    plain_times: list[float] = []
    tagged_times: list[float] = []
    plan_pdf = b""
    # One of each per round: the shared machines drift by tens of per cent within minutes, so the
    # plan and its two baselines are timed in the same minutes.
    for _ in range(args.plan_runs):
        times, plan_pdf = await timed(1, lambda: pdf.render(school, fixture.plan))
        plan_times += times
        plain_times.append(alone[False]())
        tagged_times.append(alone[True]())
    await close_engine(engine)
    print(f"  winner: {len(winner_pdf):,} bytes, {pages(winner_pdf)} page(s)")
    print(f"  plan: {len(plan_pdf):,} bytes, {pages(plan_pdf)} pages")
    for label, times, target, reference in (
        ("winner announcement, warm render", winner_times, 0.100, ISSUE_WINNER_S),
        (f"{PLAN_ITEMS}-item plan, warm render", plan_times, 1.5, ISSUE_PLAN_S),
    ):
        median = statistics.median(times)
        report.add(
            f"{label} (median of {len(times)})",
            f"≤ {ms(target)}",
            ms(median),
            f"issue {ms(reference)}",
            median / reference,
            median <= target,
        )
        report.add(f"{label} (p90)", "", ms(p90(times)), "", None, None)
    prakat = statistics.median(plan_times)
    for label, times in (
        ("plain WeasyPrint (no tags, no exact text layer)", plain_times),
        ("WeasyPrint alone, tagged PDF/A-2a + PDF/UA as Prakat's (no exact text layer)", tagged_times),
    ):
        median = statistics.median(times)
        report.add(
            f"the same plan, {label}; median of {len(times)}",
            "",
            ms(median),
            f"Prakat {ms(prakat)}",
            median / prakat,
            None,
        )
    reference = cpu_reference()
    report.add(
        "CPU reference: 10 million additions in pure Python, best of 3",
        "",
        ms(reference),
        "",
        None,
        None,
    )
    plain, tagged = statistics.median(plain_times), statistics.median(tagged_times)
    report.notes.append(
        f"WeasyPrint's own tagging (PDF/A-2a + PDF/UA) makes its render of the plan {tagged / plain:.2f}× "
        f"its untagged one; Prakat's whole render is {prakat / tagged:.2f}× WeasyPrint's tagged one"
    )
    report.notes.append(
        f"the plan took {prakat / reference:.1f}× the CPU reference: compare that across machines, "
        "not milliseconds"
    )
    return fixture


def cpu_reference() -> float:
    """A fixed pure-Python workload: how fast this machine runs Python today. Render times on the
    shared machines differ by 3× from one day to another; their ratio to this one moves less."""

    def count() -> float:
        start = time.perf_counter()
        total = 0
        for n in range(10_000_000):
            total += n
        return time.perf_counter() - start

    return min(count() for _ in range(3))


# ---------------------------------------------------------------------------------------------
# The server


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(database: str, port: int, static_dir: str) -> None:
    """The server subprocess: the real app, plus two comparison routes registered on the same app."""
    import uvicorn

    from prakat.app import create_app

    data = (Path(static_dir) / "winner.pdf").read_bytes()

    @get("/bench/bytes/winner.pdf", include_in_schema=False, sync_to_thread=False)
    def in_memory() -> Response[bytes]:
        return Response(
            content=data,
            media_type="application/pdf",
            headers={"cache-control": "public, max-age=31536000, immutable", "etag": '"x"'},
        )

    settings = Settings(
        database_url=database,
        secret_key="bench",
        shared_dir=ROOT.parent / "shared",
        base_url=f"http://127.0.0.1:{port}",
    )
    app = create_app(settings)
    app.register(
        create_static_files_router(path="/bench/static", directories=[static_dir], name="bench_static")
    )
    app.register(in_memory)
    uvicorn.run(app, host="127.0.0.1", port=port, log_level="warning", access_log=False, proxy_headers=True)


class Server:
    """A server in a process of its own, on ``port``: the benchmark's own (:meth:`with_baselines`)
    or ``prakat serve``."""

    def __init__(self, command: list[str], port: int, env: dict[str, str] | None = None) -> None:
        self.port = port
        self.base = f"http://127.0.0.1:{self.port}"
        quiet = None if env is None else subprocess.DEVNULL
        self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=quiet, stderr=quiet)

    @classmethod
    def with_baselines(cls, database: str, static_dir: Path) -> Server:
        """The real app under uvicorn, with the static-files and in-memory routes beside it."""
        port = free_port()
        return cls([sys.executable, __file__, "--serve", database, str(port), str(static_dir)], port)

    def wait(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit("the server did not start")
            try:
                if httpx.get(self.base + "/healthz", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        raise SystemExit("the server did not answer /healthz within 60 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


# A minimal keep-alive HTTP/1.1 client: httpx alone costs more per request than the server does.


async def read_response(reader: asyncio.StreamReader) -> tuple[int, bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        return status, await reader.readexactly(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = bytearray()
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            body += await reader.readexactly(size + 2)
            if size == 0:
                return status, bytes(body[:-2])
            del body[-2:]
    return status, b""


async def load(
    port: int, path: str, *, connections: int, seconds: float, expect: bytes
) -> tuple[float, float]:
    """Requests per second and mean latency of ``connections`` clients asking for ``path`` in a loop."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode()
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def client() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port, limit=2**20)
        try:
            while time.perf_counter() < deadline:
                start = time.perf_counter()
                writer.write(request)
                status, body = await read_response(reader)
                latencies.append(time.perf_counter() - start)
                if status != 200 or body != expect:
                    raise SystemExit(f"{path}: HTTP {status}, {len(body)} bytes, not the PDF")
        finally:
            writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(connections)))
    elapsed = time.perf_counter() - start
    return len(latencies) / elapsed, statistics.fmean(latencies)


async def sign_in(client: httpx.AsyncClient) -> None:
    page = await client.get("/login")
    token = re.search(r'<input[^>]*name="_csrf_token"[^>]*value="([^"]+)"', page.text)
    if token is None:
        raise SystemExit("no CSRF token on /login")
    done = await client.post(
        "/login",
        data={"username": "director", "password": PASSWORD, "next": "/w/", "_csrf_token": token.group(1)},
    )
    if done.status_code >= 400 or "prakat_session" not in client.cookies:
        raise SystemExit(f"sign-in failed: HTTP {done.status_code}")


async def loop_latency(server: Server, fixture: Fixture, args: argparse.Namespace, report: Report) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", server.port)
    request = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"

    async def one() -> float:
        start = time.perf_counter()
        writer.write(request)
        status, _ = await read_response(reader)
        if status != 200:
            raise SystemExit(f"/healthz: HTTP {status}")
        return time.perf_counter() - start

    for _ in range(50):
        await one()
    idle = []
    for _ in range(args.idle_requests):
        idle.append(await one())
        await asyncio.sleep(0.002)

    busy: list[float] = []
    render_times = []
    async with httpx.AsyncClient(base_url=server.base, timeout=120) as client:
        await sign_in(client)
        url = f"/w/announcements/{fixture.draft_revision_id}/document.pdf"
        for _ in range(args.busy_renders):
            start = time.perf_counter()
            preview = asyncio.create_task(client.get(url))
            await asyncio.sleep(0.05)  # the request is in, the render under way
            while not preview.done():
                busy.append(await one())
                await asyncio.sleep(0.002)
            response = await preview
            render_times.append(time.perf_counter() - start)
            if response.status_code != 200 or not response.content.startswith(b"%PDF"):
                raise SystemExit(f"preview: HTTP {response.status_code}")
    writer.close()
    idle_p90, busy_p90 = p90(idle), p90(busy)
    # "Does not delay other requests": a cheap request waits at most a few ms longer than when idle,
    # never the length of a render.
    allowed = idle_p90 + 0.010
    report.add("/healthz latency, idle (p90)", "", ms(idle_p90), "", None, None)
    report.add(
        f"/healthz latency while a {PLAN_ITEMS}-item plan renders (p90, n={len(busy)})",
        "≤ idle + 10 ms",
        ms(busy_p90),
        f"idle {ms(idle_p90)}",
        busy_p90 / idle_p90,
        busy_p90 <= allowed,
    )
    report.add(
        "/healthz latency while a plan renders (max)",
        "≤ 100 ms",
        ms(max(busy)),
        f"idle max {ms(max(idle))}",
        max(busy) / max(idle),
        max(busy) <= 0.100,
    )
    report.add(
        f"preview of the {PLAN_ITEMS}-item plan over HTTP (median)",
        "",
        ms(statistics.median(render_times)),
        "",
        None,
        None,
    )


async def serving(server: Server, fixture: Fixture, args: argparse.Namespace, report: Report) -> None:
    async with httpx.AsyncClient(base_url=server.base) as client:
        expect = (await client.get("/bench/static/winner.pdf")).content
    routes = {
        "published PDF /s/{slug}/pdf/{id}.pdf": f"/s/{SLUG}/pdf/{fixture.winner.id}.pdf",
        "static-files route, same bytes": "/bench/static/winner.pdf",
        "handler returning bytes in memory": "/bench/bytes/winner.pdf",
    }
    results: dict[str, list[tuple[float, float]]] = {name: [] for name in routes}
    for path in routes.values():  # warm-up
        await load(server.port, path, connections=args.connections, seconds=0.5, expect=expect)
    for _ in range(args.rounds):  # alternate, so drift on a shared machine hits every route alike
        for name, path in routes.items():
            results[name].append(
                await load(
                    server.port, path, connections=args.connections, seconds=args.seconds, expect=expect
                )
            )
    best = {name: max(rounds) for name, rounds in results.items()}
    static_rps = best["static-files route, same bytes"][0]
    for name, (rps, latency) in best.items():
        is_pdf = name.startswith("published")
        report.add(
            f"{name}: req/s ({args.connections} conn., best of {args.rounds})",
            "≥ 0.9 × static" if is_pdf else "",
            f"{rps:,.0f} req/s, {ms(latency)} mean",
            "" if name.startswith("static") else f"static {static_rps:,.0f} req/s",
            None if name.startswith("static") else rps / static_rps,
            rps >= 0.9 * static_rps if is_pdf else None,
        )
    report.notes.append(f"served PDF: {len(expect):,} bytes (the winner announcement)")


# ---------------------------------------------------------------------------------------------


def options(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, shorter loads")
    parser.add_argument("--winner-runs", type=int, default=None)
    parser.add_argument("--plan-runs", type=int, default=None)
    parser.add_argument("--seconds", type=float, default=None, help="length of one serving round")
    parser.add_argument("--rounds", type=int, default=None, help="serving rounds per route")
    parser.add_argument("--connections", type=int, default=8)
    args = parser.parse_args(argv)
    quick = args.quick
    args.winner_runs = args.winner_runs or (5 if quick else 30)
    args.plan_runs = args.plan_runs or (2 if quick else 7)
    args.seconds = args.seconds or (1.0 if quick else 3.0)
    args.rounds = args.rounds or (1 if quick else 3)
    args.idle_requests = 100 if quick else 400
    args.busy_renders = 1 if quick else 3
    return args


def main(argv: list[str]) -> int:
    if argv[:1] == ["--serve"]:
        serve(argv[1], int(argv[2]), argv[3])
        return 0
    args = options(argv)
    report = Report()
    with tempfile.TemporaryDirectory(prefix="prakat-bench-") as tmp:
        folder = Path(tmp)
        settings = Settings(database_url=str(folder / "bench.sqlite3"), shared_dir=ROOT.parent / "shared")
        if not settings.default_emblem_path.is_file():
            print(f"missing {settings.default_emblem_path}: run beside ../shared, as the tests do")
            return 0
        print(f"Prakat document benchmark, {datetime.now(clock.BANGKOK):%Y-%m-%d %H:%M} (Bangkok time)")
        print(f"  Python {sys.version.split()[0]}, {len(os.sched_getaffinity(0))} CPU(s)")
        rss_start = rss_mb()
        fixture = asyncio.run(renders(settings, args, report))
        own, worker = render_peaks(os.getpid())
        renderer_peak = worker or own
        report.add(
            "peak RSS of the process that renders (" + ("render worker" if worker else "this process") + ")",
            "≤ 300 MB",
            f"{renderer_peak:,.0f} MB",
            f"Python + Prakat imported {rss_start:,.0f} MB",
            renderer_peak / rss_start,
            renderer_peak <= 300,
        )
        static_dir = folder / "static"
        static_dir.mkdir()
        asyncio.run(write_published(settings, fixture, static_dir))
        server = Server.with_baselines(settings.database_url, static_dir)
        try:
            server.wait()
            asyncio.run(loop_latency(server, fixture, args, report))
            asyncio.run(serving(server, fixture, args, report))
        finally:
            server.stop()
        served_memory(settings, fixture, report)
    report.print()
    return 0


def process_tree(pid: int) -> list[int]:
    return [pid, *(p for child in children_of(pid) for p in process_tree(child))]


def served_memory(settings: Settings, fixture: Fixture, report: Report) -> None:
    """`prakat serve` as a school runs it (granian: a supervising process, one server process, its
    render worker), through a director's morning: sign in, preview the 300-item plan twice, then
    the public side (home, list, an announcement, the plan page, every feed, the embed and its
    font, the published PDFs). The figure is the sum of every process's own peak (VmHWM), which
    counts shared libraries once per process: more than the machine really spends."""
    port = free_port()
    env = {
        **os.environ,
        "PRAKAT_DATABASE_URL": settings.database_url,
        "PRAKAT_PORT": str(port),
        "PRAKAT_SECRET_KEY": "bench",
        "PRAKAT_SHARED_DIR": str(settings.shared_dir),
    }
    server = Server([str(Path(sys.executable).with_name("prakat")), "serve"], port, env)
    try:
        server.wait()
        asyncio.run(a_morning(server.base, fixture))
        peaks = [(pid, peak_of(pid)) for pid in process_tree(server.process.pid)]
    finally:
        server.stop()
    parts = " + ".join(f"{peak:,.0f}" for _, peak in peaks)
    total = sum(peak for _, peak in peaks)
    report.add(
        f"peak memory of `prakat serve`, a director's morning (VmHWM of its processes: {parts} MB)",
        "≤ 300 MB",
        f"{total:,.0f} MB",
        "",
        None,
        total <= 300,
    )


async def a_morning(base: str, fixture: Fixture) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        await sign_in(client)
        for _ in range(2):
            preview = await client.get(f"/w/announcements/{fixture.draft_revision_id}/document.pdf")
            if preview.status_code != 200 or not preview.content.startswith(b"%PDF"):
                raise SystemExit(f"preview: HTTP {preview.status_code}")
        for path in (
            f"/s/{SLUG}/",
            f"/s/{SLUG}/announcements/",
            f"/s/{SLUG}/announcements/{fixture.plan.id}/",
            f"/s/{SLUG}/plan/{FISCAL_YEAR}/",
            f"/s/{SLUG}/feeds/announcements.rss",
            f"/s/{SLUG}/feeds/announcements.atom",
            f"/s/{SLUG}/feeds/announcements.json",
            f"/s/{SLUG}/embed/",
            "/static/embed/sarabun-thai.woff2",
            f"/s/{SLUG}/pdf/{fixture.plan.id}.pdf",
            f"/s/{SLUG}/pdf/{fixture.winner.id}.pdf",
        ):
            got = await client.get(path)
            if got.status_code != 200:
                raise SystemExit(f"{path}: HTTP {got.status_code}")


async def write_published(settings: Settings, fixture: Fixture, folder: Path) -> None:
    engine = configure(settings)
    await open_engine(engine)
    assert fixture.winner.pdf_sha256 is not None
    (folder / "winner.pdf").write_bytes(await pdf.stored(fixture.school.id, fixture.winner.pdf_sha256))
    await close_engine(engine)


if __name__ == "__main__":
    sys.exit(report_anyway(main, sys.argv[1:]))
