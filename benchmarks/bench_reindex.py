"""End-to-end indexing speed: a full build, a run with nothing to do, a run that changes 100 articles.

    .venv/bin/python benchmarks/bench_reindex.py [--work /tmp/bench-reindex] [--workers N] [--reuse]
                                                 [PATH ...]

With no PATH it indexes every shared corpus (../shared/corpora: Dawn, APP, the CSV, Reuters,
BBC and the HTML pages, about 60,000 articles). Each step runs the real `broadsheet`
command in a fresh process, so the times include start-up, reading, cleaning,
extraction, writing, committing and the switch. It prints the machine, the article
counts and, for each step, the wall time and articles per second.
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

from corpora import DEFAULT_CORPORA, ROOT, require_corpora

from search.runs import load_runs

CHANGED = 100


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--work", type=Path, default=Path("/tmp/bench-reindex"))
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--reuse", action="store_true", help="keep an index already in --work: skip the full build"
    )
    args = parser.parse_args()
    require_corpora(*(args.paths or [DEFAULT_CORPORA]))
    paths = args.paths or sorted(p for p in DEFAULT_CORPORA.iterdir() if p.is_dir())
    args.work.mkdir(parents=True, exist_ok=True)
    index = args.work / "index"
    extra = args.work / "extra"
    extra.mkdir(exist_ok=True)
    changes = extra / "changes.jsonl"
    version = _version(changes)
    if not (args.reuse and index.exists() and version):
        version = 1
        _write_changes(changes, paths, version)
    sources = [*map(str, paths), str(extra)]

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"workers: {args.workers}; inputs: {', '.join(p.name for p in paths)} + {CHANGED} bench articles")
    full = (
        None
        if args.reuse and index.exists()
        else _timed("full reindex", ["reindex", *sources], index, args.workers)
    )
    _timed("nothing to do", ["index", *sources], index, args.workers)
    _write_changes(changes, paths, version + 1)
    _timed(f"{CHANGED} articles changed", ["index", *sources], index, args.workers)
    if full is not None:
        print(f"full build: {full:,.0f} articles/s end to end")


def _timed(label: str, command: list[str], index: Path, workers: int) -> float:
    started = time.perf_counter()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "broadsheet",
            *command,
            "--index",
            str(index),
            "--quiet",
            "--workers",
            str(workers),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    seconds = time.perf_counter() - started
    summary = done.stdout.strip().splitlines()[-1]
    articles = int(summary.rsplit(";", 1)[1].split()[0])
    print(f"{label:>24}: {seconds:8.1f} s  | {summary}")
    phases = load_runs(index)[0].phases
    print(f"{'':>24}  where: " + ", ".join(f"{name} {s:.1f} s" for name, s in phases.items()))
    return articles / seconds


def _version(path: Path) -> int:
    """The revision the bench articles are at, 0 when there are none yet."""
    if not path.exists():
        return 0
    first = json.loads(path.read_text(encoding="utf-8").splitlines()[0])
    return int(first["content"].split(".", 1)[0].rsplit(" ", 1)[1])


def _write_changes(path: Path, paths: list[Path], version: int) -> None:
    """`CHANGED` articles of our own (new URLs), whose text differs between versions."""
    dawn = next((p for p in paths if p.name.startswith("dawn")), None)
    records = []
    if dawn:
        files = sorted(dawn.glob("*.jsonl.gz"))
        with gzip.open(files[0], "rt", encoding="utf-8") as lines:
            records = [json.loads(line) for line in itertools.islice(lines, CHANGED)]
    with path.open("w", encoding="utf-8") as out:
        for n in range(CHANGED):
            body = records[n]["content"] if n < len(records) else "ISLAMABAD: A benchmark article. " * 40
            out.write(
                json.dumps(
                    {
                        "title": f"Benchmark article {n}",
                        # First, so a print footer in the borrowed body cannot cut it off.
                        "content": f"Benchmark revision {version}. {body}",
                        "link": f"https://bench.invalid/article/{n}",
                        "date_published": "2024-01-01T09:00:00+05:00",
                    }
                )
                + "\n"
            )


if __name__ == "__main__":
    main()
