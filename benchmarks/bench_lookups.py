"""What a term lookup costs, from the segments' own posting arrays and from the merged ones.

Takes the headline words of a sample of the index's articles, and their adjacent pairs, as a
search would look them up (`body`, `title` and `pairs` terms), and reads every one's postings
through `Snapshot.postings` with its cache emptied: in rounds, alternating the two ways in
one process. The first round of each way also counts the pages it mapped in (minor page
faults a lookup, with the page cache warm: what searches add to a server process's memory).

    .venv/bin/python benchmarks/bench_lookups.py --index DIR [--articles 400] [--rounds 5]
    .venv/bin/python benchmarks/bench_lookups.py --index DIR --merge   # merge first, as a commit does

`--merge` writes the merged arrays into the live generation (`search.whoosh.merged_postings.
refresh`, as the index's next commit would) and reports how long that took and the memory of
the process at its peak.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from search.whoosh import merged_postings  # noqa: E402
from search.whoosh.schema import pair_term, terms  # noqa: E402
from search.whoosh.snapshot import Snapshot, segments  # noqa: E402


def live_generation(index: Path) -> Path:
    return index / "generations" / (index / "CURRENT").read_text(encoding="utf-8").strip()


def sample_terms(snap: Snapshot, articles: int, seed: int) -> list[tuple[str, str]]:
    """Headline terms and pairs of `articles` random articles, each (field, term) once."""
    rng = random.Random(seed)
    found: list[tuple[str, str]] = []
    for doc in rng.sample(range(snap.size), min(articles, snap.size)):
        words = terms(str(snap.stored(doc).get("title", "")))
        found += [("body", t) for t in words] + [("title", t) for t in words]
        found += [("pairs", pair_term(a, b)) for a, b in zip(words, words[1:], strict=False)]
    return list(dict.fromkeys(found))


def timed_round(snap: Snapshot, lookups: list[tuple[str, str]]) -> tuple[float, float]:
    """Milliseconds and minor page faults a lookup, the postings cache empty at the start."""
    snap._postings.clear()
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    started = time.perf_counter()
    for field, term in lookups:
        snap.postings(field, term)
    took = (time.perf_counter() - started) * 1000 / len(lookups)
    return took, (resource.getrusage(resource.RUSAGE_SELF).ru_minflt - faults) / len(lookups)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--merge", action="store_true", help="merge the arrays first, as a commit does")
    args = parser.parse_args(argv)
    live = live_generation(args.index)
    load = os.getloadavg()[0]
    print(f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores, load {load:.1f}")
    if args.merge:
        snap = Snapshot(live)
        listed = segments(snap.leaves)
        snap.release()
        started = time.perf_counter()
        merged = merged_postings.refresh(live, listed)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
        print(
            f"merge: {'made' if merged else 'not needed'} in {time.perf_counter() - started:.1f} s, "
            f"{len(listed)} segments, peak RSS of this process {peak} MB"
        )
    snap = Snapshot(live)
    try:
        merged = snap._merged
        lookups = sample_terms(snap, args.articles, args.seed)
        covered = merged.covered if merged else 0
        print(
            f"index: {args.index}, {snap.size} documents in {len(snap.leaves)} segments, {covered} merged; "
            f"{len(lookups)} lookups (headline words of {args.articles} articles, title/body/pairs)"
        )
        if merged is None:
            print("no merged arrays: run with --merge")
            return
        times: dict[str, list[float]] = {"segments": [], "merged": []}
        faults: dict[str, float] = {}
        for round_number in range(args.rounds):
            for way in ("segments", "merged"):
                snap._merged = merged if way == "merged" else None
                took, fault = timed_round(snap, lookups)
                times[way].append(took)
                faults.setdefault(way, fault)
            print(
                f"round {round_number + 1}: segments {times['segments'][-1]:.4f} ms, "
                f"merged {times['merged'][-1]:.4f} ms a lookup"
            )
        low, high = statistics.median(times["segments"]), statistics.median(times["merged"])
        print(f"median ms a lookup: segments {low:.4f}, merged {high:.4f} ({high / low:.2f}x)")
        print(
            f"pages mapped in a lookup, first round: segments {faults['segments']:.1f}, "
            f"merged {faults['merged']:.1f}"
        )
    finally:
        snap._merged = merged
        snap.release()


if __name__ == "__main__":
    main()
