"""Reader time on hostile input at two sizes: linear code takes twice as long for twice the input.

    python benchmarks/bench_hostile.py [--runs 3] [--code DIR]

Each input goes through the readers' real entry points (`read_bytes`, `html.make_soup`)
at n and 2n; the figure is CPU seconds (best of `--runs`), so other load on the machine
disturbs it little. `--code DIR` measures another checkout of Broadsheet instead of this
one, for a before/after comparison without touching a working tree:

    git archive <commit> | tar -x -C /tmp/before
    python benchmarks/bench_hostile.py --code /tmp/before --runs 1
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cases() -> dict[str, tuple[Callable[[int], object], int, str]]:
    """Name -> (work on input size n, n, what n counts). Imported late: `--code` picks the code."""
    from indexer.readers import html, read_bytes

    def read(text: str, name: str) -> object:
        return list(read_bytes(text.encode("utf-8"), name, name))

    return {
        "Reuters story/fields, unclosed <REUTERS>": (lambda n: read("<REUTERS>" * n, "x.sgm"), 4_000, "tags"),
        "HTML never-text, unclosed <script>": (
            lambda n: html.make_soup(("<html><body>" + "<script>" * n).encode()),
            4_000,
            "tags",
        ),
        "Reuters signature, spaces in a body": (
            lambda n: read(f"<REUTERS><TITLE>T</TITLE><BODY>Text{' ' * n}x</BODY></REUTERS>", "x.sgm"),
            10_000,
            "spaces",
        ),
        "plain-text prose, one paragraph": (
            lambda n: read("many words here " * (n // 16), "x.txt"),
            12_000,
            "bytes",
        ),
    }


def seconds(work: Callable[[int], object], n: int, runs: int) -> float:
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        work(n)
        best = min(best, time.process_time() - start)
    return best


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT, help="a Broadsheet checkout to measure")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(args.code.resolve()))
    print(f"code: {args.code}; CPU milliseconds, best of {args.runs}")
    print(f"{'input':42} {'n':>14} {'at n':>8} {'at 2n':>8} {'ratio':>6}")
    for name, (work, n, unit) in cases().items():
        small, large = seconds(work, n, args.runs), seconds(work, 2 * n, args.runs)
        ratio = large / max(small, 1e-6)
        print(f"{name:42} {n:>7,} {unit:>6} {small * 1000:8.1f} {large * 1000:8.1f} {ratio:6.1f}", flush=True)


if __name__ == "__main__":
    main()
