"""Speed report of the year's open data (issue 14, Speed: "the year's 16-column XLSX for 500 purchases
≤ 1 s"), printed beside a warm winner announcement render timed in the same run (the same-run
baseline every speed figure of the project is read against).

On a temporary SQLite database filled through the real services: one school, one published winner
announcement (rendered through prakat.announcements.pdf.render, as publication does), and 500 awarded
purchases of one fiscal year (each with two bids and an award). Timed, ``--runs`` times each:

* the winner announcement, warm render (the baseline);
* the year's rows read from the records (prakat.procurements.results.results_of_year);
* the 16-column XLSX of those rows (prakat.exports.opendata.xlsx), and the CSV;
* both together: what the public URL /s/{slug}/open-data/{year}/results.xlsx costs the server
  (the route adds the school lookup and the published-row filter, a list comprehension).

A report, not a test: it always exits 0 and prints MISS beside a figure over its target.
Run: ``PYTHONPATH=$PWD/src .venv/bin/python benchmarks/opendata.py [--runs N] [--purchases N]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from report import report_anyway  # noqa: E402

from prakat.announcements import pdf  # noqa: E402
from prakat.announcements import service as announcements  # noqa: E402
from prakat.announcements.schemas import AnnouncementDraft  # noqa: E402
from prakat.audit import Actor  # noqa: E402
from prakat.db.engine import close_engine, configure, open_engine  # noqa: E402
from prakat.db.migrate import migrate  # noqa: E402
from prakat.db.tx import write_transaction  # noqa: E402
from prakat.exports import opendata  # noqa: E402
from prakat.procurements import service as procurements  # noqa: E402
from prakat.procurements.results import results_of_year  # noqa: E402
from prakat.rules import AnnouncementKind  # noqa: E402
from prakat.schools import service as schools  # noqa: E402
from prakat.settings import Settings  # noqa: E402
from prakat.thai import tax_id_check_digit  # noqa: E402
from prakat.vendors import service as vendors  # noqa: E402

YEAR = 2569
TARGET_S = 1.0  # the target for the year's 16-column XLSX of 500 purchases
SUBJECTS = ("วัสดุทำความสะอาดสำหรับอาคารเรียน", "กระดาษถ่ายเอกสาร A4", "ซ่อมแซมหลังคาอาคารเรียน", "ชุดโต๊ะเก้าอี้นักเรียน")


def tax_id(prefix12: str) -> str:
    return prefix12 + str(tax_id_check_digit(prefix12))


async def fill(settings: Settings, purchases: int) -> tuple[Any, Any]:
    school = await schools.create_school(
        schools.parse_school(
            {
                "slug": "bench",
                "name": "โรงเรียนบ้านหนองบัววิทยา",
                "director_name": "นายวีระพงษ์ ศรีสุวรรณ",
                "province": "ขอนแก่น",
                "district": "เมืองขอนแก่น",
                "emblem_path": str(settings.default_emblem_path),
            }
        )
    )
    actor = Actor(school_id=school.id, label="bench")
    sellers = []
    for n in (1, 2):
        typed = {"name": f"ร้านทดสอบพาณิชย์ {n}", "tax_id": tax_id(f"0405{n:08d}")}
        sellers.append((await vendors.create_vendor(actor, vendors.parse_vendor(typed))).id)
    first = None
    start = date(2025, 10, 1)
    async with write_transaction():
        for n in range(purchases):
            day = start + timedelta(days=n % 330)
            created = await procurements.create_procurement(
                actor,
                procurements.parse_procurement(
                    {
                        "subject": f"{SUBJECTS[n % len(SUBJECTS)]} ชุดที่ {n + 1}",
                        "kind": "hire" if n % 4 == 2 else "buy",
                        "method": "specific",
                        "budget": f"{(n % 90 + 10) * 1000.25:.2f}",
                        "budget_source": "per_head_subsidy",
                        "requested_on": day.isoformat(),
                    }
                ),
            )
            for seller, amount in zip(sellers, ("0.98", "0.99"), strict=True):
                with_bids = await procurements.add_bid(
                    actor,
                    created.id,
                    procurements.parse_bid(
                        {"vendor_id": seller, "amount": f"{(n % 90 + 10) * 1000 * float(amount):.2f}"}
                    ),
                )
            await procurements.award(
                actor,
                created.id,
                procurements.parse_award(
                    {
                        "bid_id": with_bids.bids[0].id,
                        "agreed_price": f"{(n % 90 + 10) * 980:.2f}",
                        "awarded_on": (day + timedelta(days=2)).isoformat(),
                        "reason": "เสนอราคาต่ำสุด",
                        "contract_number": f"{n + 1}/{YEAR}",
                        "contract_date": (day + timedelta(days=3)).isoformat(),
                    }
                ),
            )
            first = first or created
    assert first is not None
    draft = await announcements.prepare(
        actor, AnnouncementDraft(kind=AnnouncementKind.WINNER, procurement_id=first.id)
    )
    await announcements.submit(actor, draft.id)
    winner = await announcements.approve(actor, draft.id)
    return school, winner


async def timed(runs: int, make: Callable[[], Awaitable[Any]]) -> tuple[list[float], Any]:
    times, out = [], None
    for _ in range(runs):
        began = time.perf_counter()
        out = await make()
        times.append(time.perf_counter() - began)
    return times, out


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def p90(values: list[float]) -> float:
    return sorted(values)[max(0, round(0.9 * len(values)) - 1)]


async def run(args: argparse.Namespace) -> None:
    folder = Path(tempfile.mkdtemp(prefix="prakat-bench-opendata-"))
    settings = Settings(database_url=str(folder / "bench.sqlite3"), feeds_dir=folder / "feeds")
    engine = configure(settings)
    await open_engine(engine)
    await migrate()
    began = time.perf_counter()
    school, winner = await fill(settings, args.purchases)
    took = time.perf_counter() - began
    print(f"  data: {args.purchases} awarded purchases and a published winner in {took:.1f} s")
    await pdf.render(school, winner)  # warm
    found = await results_of_year(school.id, YEAR)
    info, rows = found.school, found.rows
    assert len(rows) == args.purchases, len(rows)
    layout = opendata.OPEN_DATA_16

    async def whole() -> bytes:
        read = await results_of_year(school.id, YEAR)
        return opendata.xlsx(layout, read.school, YEAR, read.rows)

    async def xlsx() -> bytes:
        return opendata.xlsx(layout, info, YEAR, rows)

    async def csv() -> bytes:
        return opendata.csv_bytes(layout, info, YEAR, rows)

    figures: list[tuple[str, list[float], float | None]] = []
    # Interleaved, one of each per round: the shared machine drifts within minutes.
    collected: dict[str, list[float]] = {k: [] for k in ("winner", "read", "xlsx", "csv", "whole")}
    size = 0
    for _ in range(args.runs):
        collected["winner"] += (await timed(1, lambda: pdf.render(school, winner)))[0]
        collected["read"] += (await timed(1, lambda: results_of_year(school.id, YEAR)))[0]
        collected["xlsx"] += (await timed(1, xlsx))[0]
        collected["csv"] += (await timed(1, csv))[0]
        times, data = await timed(1, whole)
        collected["whole"] += times
        size = len(data)
    await close_engine(engine)
    figures = [
        ("winner announcement, warm render (baseline)", collected["winner"], None),
        (f"the year's rows read from the records ({args.purchases})", collected["read"], None),
        (f"16-column XLSX of {args.purchases} rows", collected["xlsx"], None),
        (f"16-column CSV of {args.purchases} rows", collected["csv"], None),
        (f"the year's 16-column XLSX, read + written ({size:,} bytes)", collected["whole"], TARGET_S),
    ]
    base = statistics.median(collected["winner"])
    print(f"\n  {'figure':<62} {'median':>9} {'p90':>9} {'x winner':>9}  target")
    for label, times, target in figures:
        median = statistics.median(times)
        verdict = "" if target is None else ("PASS" if median <= target else "MISS") + f" (≤ {ms(target)})"
        print(f"  {label:<62} {ms(median):>9} {ms(p90(times)):>9} {median / base:>8.1f}×  {verdict}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--purchases", type=int, default=500)
    args = parser.parse_args(argv)
    print(f"Open data speed (issue 14): {args.purchases} purchases, {args.runs} runs")
    asyncio.run(run(args))
    return 0


if __name__ == "__main__":
    sys.exit(report_anyway(main, sys.argv[1:], "the open-data benchmark"))
