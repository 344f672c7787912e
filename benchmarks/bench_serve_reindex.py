"""Searching while the archive is rebuilt: results-page latency before, during and after a
full `broadsheet reindex` of the same index, from a server that is never restarted.

    .venv/bin/python benchmarks/bench_serve_reindex.py --index /tmp/bench-reindex/index [PATH ...]

The index must exist (e.g. built by bench_reindex.py); with no PATH the reindex reads every
shared corpus. The server (waitress, in this process) answers bench_web.py's URLs over HTTP,
one after another: a few idle rounds first, then without pause while the reindex runs in
another process, until a round has been answered after the new generation went live. It
prints p50/p95/max for each phase with the ratio to idle, every failed request, and the first
requests after the switch (which open the new generation).
"""

from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import time
from pathlib import Path
from urllib.error import URLError
from urllib.parse import urlencode

from bench_web import URLS, _get, _serve, _summary
from corpora import DEFAULT_CORPORA, ROOT, require_corpora


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--idle-rounds", type=int, default=5)
    args = parser.parse_args()
    if not (args.index / "CURRENT").exists():
        raise SystemExit(f"{args.index} holds no index; build one first (benchmarks/bench_reindex.py)")
    require_corpora(*(args.paths or [DEFAULT_CORPORA]))
    paths = args.paths or sorted(p for p in DEFAULT_CORPORA.iterdir() if p.is_dir())
    base = _serve(args.index)
    urls = [f"{base}/search?{urlencode(params, doseq=True)}" for _, params in URLS]
    for url in urls:  # warm-up
        _get(url)
    idle = [_get(url) for _ in range(args.idle_rounds) for url in urls]

    before = _current(args.index)
    command = [
        sys.executable,
        "-m",
        "broadsheet",
        "reindex",
        "--index",
        str(args.index),
        "--quiet",
        *map(str, paths),
    ]
    started = time.perf_counter()
    reindex = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    during: list[float] = []
    after: list[tuple[float, float]] = []  # (seconds since the switch, latency)
    failures: list[str] = []
    switched_at: float | None = None
    while switched_at is None or len(after) < len(urls):
        for url in urls:
            if switched_at is None and _current(args.index) != before:
                switched_at = time.perf_counter()
            try:
                latency = _get(url)
            except (URLError, OSError, SystemExit) as error:
                failures.append(f"{url}: {error}")
                continue
            if switched_at is None:
                during.append(latency)
            else:
                after.append((time.perf_counter() - switched_at, latency))
        if reindex.poll() is not None and switched_at is None:
            break
    output, _ = reindex.communicate()
    finished = time.perf_counter() - started

    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}")
    print(f"index: {args.index}; reindex of {', '.join(p.name for p in paths)}")
    print(
        f"reindex: {output.strip().splitlines()[-1] if output.strip() else 'no summary'} ({finished:.0f} s)"
    )
    if switched_at is None:
        print("the reindex never switched generations")
        return 1
    base_line = _summary(idle)
    print(f"{'phase':<30}{'requests':>9}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'p50 ×':>8}{'p95 ×':>8}")
    for name, sample in (
        ("idle", idle),
        ("during the reindex", during),
        ("after the switch", [t for _, t in after]),
    ):
        s = _summary(sample)
        print(
            f"{name:<30}{len(sample):>9}{s['p50']:>9}{s['p95']:>9}{s['max']:>9}"
            f"{s['p50'] / base_line['p50']:>8.1f}{s['p95'] / base_line['p95']:>8.1f}"
        )
    first = ", ".join(f"{latency:.0f} ms" for _, latency in after[:3])
    print(f"first requests after the switch (opening the new generation): {first}")
    print(f"failed requests: {len(failures)}")
    for failure in failures[:10]:
        print(f"  {failure}")
    return 0 if not failures else 1


def _current(index: Path) -> str:
    return (index / "CURRENT").read_text(encoding="utf-8").strip()


if __name__ == "__main__":
    sys.exit(main())
