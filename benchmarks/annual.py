"""The annual procurement report with its charts, rendered warm, printed beside the winner
announcement in the same run (issue 14: ≤ 2 s warm on this kind of machine).

Loads the demo school into a temporary SQLite database (its finished fiscal year has a published
annual report and winner announcements), then renders both, interleaved, through the render worker
as publishing does. The annual report's time covers what approval does for it: the statistics and
the three charts from its frozen snapshot (in this process), and WeasyPrint in the worker. The first
render of each is reported apart (cold: fonts, the Thai shaper, the worker's start).

    .venv/bin/python benchmarks/annual.py [--runs N] [--quick]

A report, not a test: it exits 0 and marks a miss MISS.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:  # run from a checkout without an installed package
    sys.path.insert(0, str(ROOT / "src"))

from report import report_anyway  # noqa: E402

from prakat import clock  # noqa: E402
from prakat.announcements import pdf  # noqa: E402
from prakat.announcements import service as announcements  # noqa: E402
from prakat.annual import figures  # noqa: E402
from prakat.annual.service import stats_of  # noqa: E402
from prakat.db import tables as t  # noqa: E402
from prakat.db.engine import close_engine, configure, open_engine  # noqa: E402
from prakat.db.migrate import migrate  # noqa: E402
from prakat.demo.loader import load_demo  # noqa: E402
from prakat.rules import AnnouncementKind  # noqa: E402
from prakat.schools.service import get_school  # noqa: E402
from prakat.settings import Settings  # noqa: E402

TARGET_S = 2.0


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


async def run(settings: Settings, runs: int) -> None:
    engine = configure(settings)
    await open_engine(engine, settings.pool_size)
    try:
        await migrate()
        started = time.perf_counter()
        await load_demo(clock.today_bangkok(), emblem_path=settings.default_emblem_path)
        print(f"  demo school loaded in {time.perf_counter() - started:.1f} s")
        rows = await t.Announcement.select(t.Announcement.id, t.Announcement.kind).where(
            t.Announcement.status == "published"
        )
        annual_id = next(r["id"] for r in rows if r["kind"] == AnnouncementKind.ANNUAL_REPORT.value)
        winner_id = next(r["id"] for r in rows if r["kind"] == AnnouncementKind.WINNER.value)
        school_id = int((await t.School.select(t.School.id).first() or {"id": 1})["id"])
        school = await get_school(school_id)
        annual = await announcements.get_announcement(school_id, annual_id)
        winner = await announcements.get_announcement(school_id, winner_id)
        assert annual.snapshot is not None
        stats = stats_of(annual.snapshot["annual"])
        print(f"  annual report: {stats.totals.count} purchases of FY{stats.year_be}, three charts")

        cold = {}
        for name, a in (("winner", winner), ("annual", annual)):
            start = time.perf_counter()
            data = await pdf.render(school, a)
            cold[name] = time.perf_counter() - start
        times: dict[str, list[float]] = {"winner": [], "annual": [], "charts": []}
        sizes = {}
        for _ in range(runs):
            for name, a in (("winner", winner), ("annual", annual)):
                start = time.perf_counter()
                data = await pdf.render(school, a)
                times[name].append(time.perf_counter() - start)
                sizes[name] = len(data)
            start = time.perf_counter()
            figures.figures(stats_of(annual.snapshot["annual"]))
            times["charts"].append(time.perf_counter() - start)
    finally:
        await close_engine(engine)

    w, a, c = (statistics.median(times[k]) for k in ("winner", "annual", "charts"))
    print()
    print(f"{'what':44} {'median':>9} {'p90':>9} {'cold':>9}")
    print(
        f"{'winner announcement (baseline, same run)':44} {w * 1000:8.0f}ms "
        f"{p90(times['winner']) * 1000:8.0f}ms {cold['winner'] * 1000:8.0f}ms  {sizes['winner']:,} bytes"
    )
    print(
        f"{'annual report with its charts':44} {a * 1000:8.0f}ms {p90(times['annual']) * 1000:8.0f}ms "
        f"{cold['annual'] * 1000:8.0f}ms  {sizes['annual']:,} bytes"
    )
    print(f"{'  of which statistics + charts (this process)':44} {c * 1000:8.0f}ms")
    verdict = "ok" if p90(times["annual"]) <= TARGET_S else "MISS"
    print(
        f"\nannual report warm p90 {p90(times['annual']):.2f} s against ≤ {TARGET_S:.0f} s: {verdict}; "
        f"{a / w:.1f}× the winner announcement's median in this run"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args(argv)
    runs = args.runs or (3 if args.quick else 10)
    with tempfile.TemporaryDirectory(prefix="prakat-bench-annual-") as tmp:
        settings = Settings(database_url=str(Path(tmp) / "bench.sqlite3"), shared_dir=ROOT.parent / "shared")
        if not settings.default_emblem_path.is_file():
            print(f"missing {settings.default_emblem_path}: run beside ../shared, as the tests do")
            return 0
        print(f"Prakat annual report benchmark, {date.today():%Y-%m-%d}, {runs} warm runs each")
        asyncio.run(run(settings, runs))
    return 0


if __name__ == "__main__":
    sys.exit(report_anyway(main, sys.argv[1:], "the annual report benchmark"))
