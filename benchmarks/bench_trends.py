"""Speed of trend lines, on this day and significant terms on the shared archive's index.

    .venv/bin/python benchmarks/bench_trends.py --index /work/bench/idx60k

Reads a built Whoosh index (never writes to it). Prints the machine and the archive
size, then p50/p95 of: a trend of three searches (`search.trends.trend`, then the whole
`/api/trends` and `/trends` responses through the app, which add significant terms for
each line), on this day (`search.on_this_day`, then the page), and significant terms on
broad searches, sampled as the app does and, for comparison, over every match.
Budgets (issue 18): a trend of 3 searches p95 <= 300 ms; on this day p95 <= 150 ms.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.archive import Archive  # noqa: E402
from search.models import SearchRequest  # noqa: E402
from search.on_this_day import on_this_day  # noqa: E402
from search.significant import SAMPLE, significant_terms  # noqa: E402
from search.trends import trend  # noqa: E402
from search.whoosh.engine import WhooshEngine  # noqa: E402
from web import create_app  # noqa: E402

TRIOS = [
    ("pakistan", "india", "china"),
    ("election", "budget", "cricket"),
    ("flood", "earthquake", "drought"),
    ("imran khan", "nawaz sharif", "zardari"),
    ("inflation", "imf", "oil prices"),
    ("taliban", "terrorism", "security forces"),
]
BROAD = ["pakistan", "government", "said", "minister"]
RUNS = 5


@dataclass
class Timing:
    """Wall-clock and this process's CPU milliseconds of each run: on a shared, loaded
    machine the wall clock mostly measures waiting for a core; CPU time is the work."""

    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def __iadd__(self, other: Timing) -> Timing:
        self.wall += other.wall
        self.cpu += other.cpu
        return self


def timed(action: Callable[[], object], runs: int) -> Timing:
    out = Timing()
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        out.wall.append((time.perf_counter() - wall) * 1000)
        out.cpu.append((time.process_time() - cpu) * 1000)
    return out


def report(name: str, timing: Timing, budget: float | None = None) -> None:
    wall50, wall95 = _p50_p95(timing.wall)
    cpu50, cpu95 = _p50_p95(timing.cpu)
    verdict = "" if budget is None else f"  budget {budget:.0f}: {'ok' if wall95 <= budget else 'OVER'}"
    print(
        f"  {name:<56} wall p50 {wall50:7.1f} p95 {wall95:7.1f}   cpu p50 {cpu50:7.1f} p95 {cpu95:7.1f} ms"
        f"   n={len(timing.wall)}{verdict}"
    )


def _p50_p95(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, default=Path("/work/bench/idx60k"))
    parser.add_argument("--runs", type=int, default=RUNS, help="repetitions of each case")
    args = parser.parse_args()
    engine = WhooshEngine(args.index)
    archive = Archive(engine)
    stats = archive.stats()
    machine = platform.processor() or platform.machine()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {machine}, {os.cpu_count()} CPUs, Python {platform.python_version()}, load {load}")
    span = f"{stats.first_date} to {stats.last_date}"
    print(f"archive: {stats.articles:,} articles, {span}, {stats.undated:,} undated")
    client = create_app({"ARCHIVE": archive, "INDEX_DIR": args.index}).test_client()
    trend(engine, [SearchRequest(query=q) for q in TRIOS[0]])  # first use: columns, caches

    print("a trend of 3 searches")
    samples = Timing()
    for trio in TRIOS:
        requests = [SearchRequest(query=q) for q in trio]
        samples += timed(lambda r=requests: trend(engine, r), args.runs)
    report("search.trends.trend (counts per period, 3 lines)", samples, 300)
    for path in ("/api/trends", "/trends"):
        samples = Timing()
        for trio in TRIOS:
            url = f"{path}?{urlencode([('q', q) for q in trio])}"
            samples += timed(lambda u=url: _ok(client.get(u)), max(1, args.runs // 2))
        report(f"GET {path} (3 lines with significant terms)", samples)

    print("on this day")
    days = [
        f"{m:02d}-{d:02d}"
        for m, d in random.Random(18).sample([(m, d) for m in range(1, 13) for d in range(1, 29)], 30)
    ]
    samples = Timing()
    for day in days:
        samples += timed(lambda d=day: on_this_day(engine, d), 1)
    report("search.on_this_day.on_this_day (30 days)", samples, 150)
    samples = Timing()
    for day in days:
        samples += timed(lambda d=day: _ok(client.get(f"/on-this-day/{d}")), 1)
    report("GET /on-this-day/MM-DD (30 days)", samples, 150)

    print(f"significant terms on broad searches (words from the best {SAMPLE} matches; names from all)")
    first, warm = Timing(), Timing()
    for query in BROAD:
        request = SearchRequest(query=query)
        total = archive.search(SearchRequest(query=query, per_page=1)).total
        print(f"  {query!r}: {total:,} matches")
        first += timed(lambda r=request: significant_terms(engine, r), 1)
        warm += timed(lambda r=request: significant_terms(engine, r), args.runs)
    report("first run of each search (term counts not yet cached)", first, 300)
    report("later runs (term counts cached for the generation)", warm, 300)
    request = SearchRequest(query=BROAD[0])
    report(
        f"{BROAD[0]!r}, words from 2,000 matches (10x the sample)",
        timed(lambda: significant_terms(engine, request, 2000), 2),
    )
    archive.close()


def _ok(response: object) -> None:
    assert getattr(response, "status_code", 0) == 200, getattr(response, "status_code", 0)


if __name__ == "__main__":
    main()
