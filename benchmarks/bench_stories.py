"""What story grouping costs: a full build with and without it, and search with collapsing on and off.

    .venv/bin/python benchmarks/bench_stories.py --work /tmp/bench-stories      # the shared corpora

Builds the corpora in this one run, each a full `reindex` into its own index under
`<work>`: without grouping (`indexer.reindex.run(group_stories=False)`: no signatures, every
article a story of its own), then with it, `--rounds` times in turn, and prints every build's
time and phases, then the median of each and their ratio. Then times the searches of
`bench_search.make_queries` on the grouped index through `search.Archive`, each query with
collapsing on and off one after the other (the order alternating), and prints p50 and p95 per
setting and their ratio. On a shared machine only the ratios of one run mean much: the load
is printed at the start and the end.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import time
from dataclasses import replace
from pathlib import Path

from bench_search import PER_KIND, machine, make_queries, pct
from corpora import DEFAULT_CORPORA, require_corpora

from indexer import reindex
from search.archive import Archive
from search.models import SearchRequest
from search.runs import RunSummary
from search.whoosh.engine import WhooshEngine

#: Articles the queries are drawn from (`make_queries` samples 5,000 of them for words).
QUERY_SAMPLE = 6000


def build(corpora: Path, index: Path, workers: int, group: bool) -> RunSummary:
    shutil.rmtree(index, ignore_errors=True)
    engine = WhooshEngine(index)
    try:
        return reindex.run(engine, index, [corpora], full=True, workers=workers, group_stories=group)
    finally:
        engine.close()


def describe(label: str, summary: RunSummary) -> str:
    phases = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in summary.phases.items())
    return f"{label:17} {summary.seconds:7.1f} s  {summary.articles:,} articles  ({phases})"


def medians(label: str, summaries: list[RunSummary]) -> str:
    """The median build time and the median of each phase."""
    phases = ", ".join(
        f"{name} {statistics.median(s.phases.get(name, 0.0) for s in summaries):.1f} s"
        for name in summaries[0].phases
    )
    seconds = statistics.median(s.seconds for s in summaries)
    return f"{label:17} {seconds:7.1f} s  median of {len(summaries)}  ({phases})"


#: The three ways a search is timed: every article; one entry per story; one entry per story
#: with each entry's other versions listed, as the results page shows them.
MODES = {
    "collapse=0": (False, False),
    "collapse=1": (True, False),
    "collapse=1, versions listed": (True, True),
}


def search_times(archive: Archive, requests: list[SearchRequest]) -> dict[str, list[float]]:
    """Milliseconds per search in each mode, each request run every way in turn (the order
    rotating from one request to the next)."""
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    names = list(MODES)
    for number, request in enumerate(requests):
        for mode in names[number % 3 :] + names[: number % 3]:
            collapse, others = MODES[mode]
            started = time.perf_counter()
            archive.search(replace(request, collapse=collapse), others=others)
            times[mode].append((time.perf_counter() - started) * 1000)
    return times


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--work", type=Path, required=True, help="folder for the two indexes")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--rounds", type=int, default=1, help="builds of each kind, in turn")
    parser.add_argument("--search-only", action="store_true", help="reuse the grouped index in <work>")
    args = parser.parse_args(argv)
    require_corpora(args.corpora)
    print(machine())
    grouped = args.work / "grouped"
    if not args.search_only:
        plain: list[RunSummary] = []
        with_groups: list[RunSummary] = []
        for _ in range(args.rounds):
            plain.append(build(args.corpora, args.work / "plain", args.workers, group=False))
            print(describe("without grouping", plain[-1]), flush=True)
            with_groups.append(build(args.corpora, grouped, args.workers, group=True))
            print(describe("with grouping", with_groups[-1]), flush=True)
        print(medians("without grouping", plain))
        print(medians("with grouping", with_groups))
        cost = statistics.median(s.seconds for s in with_groups) / statistics.median(s.seconds for s in plain)
        print(f"grouping costs {cost - 1:+.1%} of the build time (medians)")
        shutil.rmtree(args.work / "plain", ignore_errors=True)
    archive = Archive(WhooshEngine(grouped))
    try:
        ids = sorted(archive.engine.fingerprints())
        sample = [
            a for a in map(archive.article, random.Random(7).sample(ids, min(QUERY_SAMPLE, len(ids)))) if a
        ]
        kinds = make_queries(sample)
        requests = [r for kind in kinds.values() for r in kind]
        stats = archive.stats()
        everything = archive.search(SearchRequest())
        print(f"{stats.articles:,} articles in {everything.stories:,} stories; {len(requests)} searches")
        search_times(archive, requests[: len(requests) // 5])  # warm: columns, vocabulary, caches
        times = search_times(archive, requests)
    finally:
        archive.close()
    base = pct(times["collapse=0"], 95)
    for mode, found in times.items():
        print(
            f"{mode:28} p50 {statistics.median(found):6.1f} ms  p95 {pct(found, 95):6.1f} ms"
            f"  p95 ratio to collapse=0 {pct(found, 95) / base:.2f}"
        )
    print(f"({PER_KIND} queries per kind, {len(requests)} in all)")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
