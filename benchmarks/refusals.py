"""Speed report of refused query strings: a huge or malformed query is refused quickly.

Run with ``.venv/bin/python benchmarks/refusals.py`` (``--runs N``, default 20). A report, not a test:
it always exits 0 and prints MISS beside every figure that misses its target. These were wall-clock
assertions in tests/web/test_feeds_http.py (< 0.5 s) and tests/web/test_public_announcement_pages.py
(< 1 s); the tests keep what the answers say, this report keeps how long they take (issue 11).

In one run, on a temporary SQLite database with one school and two published winner announcements
made through the real services, the app in this process (``create_app``, driven through httpx's
ASGI transport as the tests drive it, so no network or server is timed):

* each refused request from those tests, timed ``--runs`` times: the median and the worst;
* beside it, the same-run baseline: the same route without a query string (an answer with real
  work: the page or the feed from the database), timed the same way. The ratio is refused ÷
  baseline: refusing should cost no more than answering.

Targets: every refused feed or follow-page request under 0.5 s, every refused list-page request
under 1 s (the worst of the runs, as the tests checked each request). The status each request got
is printed for information; what it must be is the tests' business.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from report import report_anyway  # noqa: E402

from prakat import clock  # noqa: E402
from prakat.announcements import service as announcements  # noqa: E402
from prakat.announcements.schemas import AnnouncementDraft  # noqa: E402
from prakat.app import create_app  # noqa: E402
from prakat.audit import Actor  # noqa: E402
from prakat.db.engine import close_engine, configure, open_engine  # noqa: E402
from prakat.db.migrate import migrate  # noqa: E402
from prakat.procurements import service as procurements  # noqa: E402
from prakat.rules import AnnouncementKind  # noqa: E402
from prakat.schools import service as schools  # noqa: E402
from prakat.settings import Settings  # noqa: E402
from prakat.thai import tax_id_check_digit  # noqa: E402
from prakat.vendors import service as vendors  # noqa: E402

SLUG = "bench"
T0 = datetime(2025, 11, 3, 2, 0, tzinfo=UTC)  # FY2569
FEED_LIMIT_S, LIST_LIMIT_S = 0.5, 1.0
FEED, FOLLOW, LIST = f"/s/{SLUG}/feeds/announcements.rss", f"/s/{SLUG}/follow/", f"/s/{SLUG}/announcements/"
# The queries the tests send (tests/web/test_feeds_http.py, tests/web/test_public_announcement_pages.py).
FEED_QUERIES = {
    "q= 5,000 Thai letters": "q=" + "ก" * 5000,
    "60,000 x": "x" * 60_000,
    "an unknown name": "utm_source=line",
    "a repeated name": "kind=winner&kind=plan",
    "half a Thai letter": "q=%E0%B8",
    "500 names": "&".join(f"k{n}=v" for n in range(500)),
}
LIST_QUERIES = {
    "q= 20,000 a": "q=" + "a" * 20_000,
    "2,500 escaped Thai letters": "x=" + "%E0%B8%81" * 2500,
    "20,000 &": "&" * 20_000,
}


@dataclass
class Row:
    figure: str
    status: int
    median_s: float
    worst_s: float
    baseline_s: float
    limit_s: float

    @property
    def ok(self) -> bool:
        return self.worst_s < self.limit_s


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def tax_id(prefix12: str) -> str:
    return prefix12 + str(tax_id_check_digit(prefix12))


async def fill() -> None:
    """One school, two winners published: what the tests' pages and feeds had to show."""
    school = await schools.create_school(
        schools.parse_school(
            {
                "slug": SLUG,
                "name": "โรงเรียนทดสอบความเร็ว",
                "director_name": "นางสาวทดสอบ ใจดี",
                "province": "ขอนแก่น",
                "emblem_path": str(Settings().default_emblem_path),
            }
        )
    )
    actor = Actor(school_id=school.id, label="bench")
    vendor = await vendors.create_vendor(
        actor, vendors.parse_vendor({"name": "ร้านทดสอบพาณิชย์", "tax_id": tax_id("040500000001")})
    )
    for n, subject in enumerate(["กระดาษถ่ายเอกสาร A4", "หมึกพิมพ์"]):
        p = await procurements.create_procurement(
            actor,
            procurements.parse_procurement(
                {
                    "subject": subject,
                    "kind": "buy",
                    "method": "specific",
                    "budget": Decimal("12500.25"),
                    "budget_source": "per_head_subsidy",
                    "requested_on": date(2025, 11, 3),
                }
            ),
        )
        with_bid = await procurements.add_bid(
            actor, p.id, procurements.parse_bid({"vendor_id": vendor.id, "amount": "12,000"})
        )
        await procurements.award(
            actor,
            p.id,
            procurements.parse_award(
                {
                    "bid_id": with_bid.bids[0].id,
                    "agreed_price": "11,990.50",
                    "awarded_on": date(2025, 11, 5),
                    "reason": "เสนอราคาต่ำสุด",
                    "contract_number": "",
                }
            ),
        )
        draft = await announcements.prepare(
            actor, AnnouncementDraft(kind=AnnouncementKind.WINNER, procurement_id=p.id)
        )
        await announcements.submit(actor, draft.id)
        await announcements.approve(actor, draft.id, at=T0 + timedelta(days=n))


async def timed(client: httpx.AsyncClient, url: str, runs: int) -> tuple[int, list[float]]:
    times, status = [], 0
    for _ in range(runs):
        started = time.perf_counter()
        response = await client.get(url)
        times.append(time.perf_counter() - started)
        status = response.status_code
    return status, times


async def measure(settings: Settings, runs: int) -> list[Row]:
    engine = configure(settings)
    await open_engine(engine)
    try:
        await migrate()
        await fill()
        app = create_app(settings, engine=engine)
        rows: list[Row] = []
        async with httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app),  # type: ignore[arg-type]
            base_url="http://testserver",
            headers={"Accept-Encoding": "identity"},
        ) as client:
            cases = [(path, FEED_QUERIES, FEED_LIMIT_S) for path in (FEED, FOLLOW)]
            cases.append((LIST, LIST_QUERIES, LIST_LIMIT_S))
            for path, queries, limit in cases:
                await timed(client, path, 2)  # warm-up: templates, caches, the feed file
                for name, query in queries.items():
                    # Refused and plain alternate, so that a machine that drifts hits both alike.
                    base_status, baseline = await timed(client, path, runs)
                    status, refused = await timed(client, f"{path}?{query}", runs)
                    assert base_status == 200, f"{path}: HTTP {base_status}"
                    rows.append(
                        Row(
                            f"{path}?{name}",
                            status,
                            statistics.median(refused),
                            max(refused),
                            statistics.median(baseline),
                            limit,
                        )
                    )
        return rows
    finally:
        await close_engine(engine)


def print_report(rows: list[Row], runs: int) -> None:
    head = (
        "request",
        "status",
        "median",
        "worst",
        "target (worst)",
        "baseline (no query)",
        "ratio",
        "result",
    )
    table = [
        (
            r.figure,
            str(r.status),
            ms(r.median_s),
            ms(r.worst_s),
            f"< {ms(r.limit_s)}",
            ms(r.baseline_s),
            f"{r.median_s / r.baseline_s:.2f}×",
            "PASS" if r.ok else "MISS",
        )
        for r in rows
    ]
    widths = [max(len(x) for x in col) for col in zip(head, *table, strict=True)]
    line = "  ".join("-" * w for w in widths)
    print(f"\n{runs} runs of each; ratio = refused median ÷ the same route's median without a query")
    print("  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)))
    print(line)
    for cells in table:
        print("  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip())
    print(line)
    misses = [r for r in rows if not r.ok]
    for r in misses:
        print(f"MISS: {r.figure}: worst {ms(r.worst_s)} (target < {ms(r.limit_s)})")
    if not misses:
        print("all targets met")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="requests per figure")
    args = parser.parse_args(argv)
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one line per request otherwise
    with tempfile.TemporaryDirectory(prefix="prakat-bench-") as tmp:
        settings = Settings(
            database_url=str(Path(tmp) / "bench.sqlite3"),
            shared_dir=ROOT.parent / "shared",
            feeds_dir=Path(tmp) / "feeds",
            secret_key="bench",
            base_url="http://testserver",
        )
        if not settings.default_emblem_path.is_file():
            print(f"missing {settings.default_emblem_path}: run beside ../shared, as the tests do")
            return 0
        print(f"Prakat refused-query benchmark, {datetime.now(clock.BANGKOK):%Y-%m-%d %H:%M} (Bangkok time)")
        print(f"  Python {sys.version.split()[0]}, {len(os.sched_getaffinity(0))} CPU(s)")
        rows = asyncio.run(measure(settings, args.runs))
    print_report(rows, args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(report_anyway(main, sys.argv[1:]))
