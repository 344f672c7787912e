"""A soak: a steady stream of readers through two full reindexes and a rollback.

    python benchmarks/bench_soak.py --index /tmp/soak-index --port 5290 ../shared/corpora

Starts `broadsheet serve --workers 2` on `--index` (a copy: it is reindexed and rolled
back), sends `--rate` requests a second of bench_load.py's mix, and meanwhile runs
`broadsheet reindex PATH ...` twice and `broadsheet rollback` once, at least `--gap`
seconds apart, going on for at least `--seconds` in all. It reports the failed requests,
the latency percentiles and maximum, and for each worker its memory and open files after
the warm-up and at the end, with the files it still maps that were deleted (an old
generation not let go). The server it started is stopped at the end.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from bench_load import gather, loopback_only, memory, open_loop, pct, summary, workers_of

ROOT = Path(__file__).resolve().parents[1]


def deleted_mappings(pid: int) -> int:
    """Files the process still maps although they were deleted (old generations' columns)."""
    lines = Path(f"/proc/{pid}/maps").read_text().splitlines()
    return len({line.split(maxsplit=5)[-1] for line in lines if line.endswith("(deleted)")})


def snapshot(master: int) -> dict[int, dict[str, int]]:
    found = {}
    for pid in workers_of(master):
        found[pid] = memory(pid) | {"deleted_maps": deleted_mappings(pid)}
    return found


def broadsheet(*args: str) -> float:
    """Run a `broadsheet` command to completion; its wall time."""
    started = time.monotonic()
    subprocess.run([sys.executable, "-m", "broadsheet", *args], cwd=ROOT, check=True)
    return time.monotonic() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("paths", nargs="+", help="what the reindexes read")
    parser.add_argument("--index", required=True, help="the index to serve, reindex and roll back (a copy)")
    parser.add_argument("--port", type=int, default=5290)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", type=float, default=20.0, help="requests per second")
    parser.add_argument("--seconds", type=float, default=600.0, help="shortest soak")
    parser.add_argument("--warmup", type=float, default=60.0, help="seconds before the first figures")
    parser.add_argument("--gap", type=float, default=30.0, help="seconds between the index operations")
    parser.add_argument("--log", default="/tmp/bench-soak-serve.log", help="the server's output")
    args = parser.parse_args(argv)
    base = f"http://127.0.0.1:{args.port}"
    host, port = loopback_only(base)
    with open(args.log, "wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "broadsheet", "serve", "--index", args.index, "--port", str(args.port)]
            + ["--workers", str(args.workers)],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    stop = threading.Event()
    try:
        deadline = time.monotonic() + 300
        while True:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=10) as answer:
                    if answer.status == 200 and len(workers_of(server.pid)) == args.workers:
                        break
            except OSError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the server did not start; see {args.log}")
            time.sleep(0.5)
        stuff = gather(host, port)
        results: list[object] = []
        load = threading.Thread(
            target=lambda: results.append(open_loop(host, port, stuff, args.rate, 4 * 3600, stop)),
            daemon=True,
        )
        started = time.monotonic()
        load.start()
        print(f"soak: {args.rate:g} requests/s against {args.workers} workers, warming up", flush=True)
        time.sleep(args.warmup)
        warm = snapshot(server.pid)
        for step in (
            ("reindex", "--index", args.index, "--quiet", *args.paths),
            ("reindex", "--index", args.index, "--quiet", *args.paths),
            ("rollback", "--index", args.index),
        ):
            seconds = broadsheet(*step)
            print(f"t={time.monotonic() - started:5.0f}s  {step[0]} took {seconds:.0f}s", flush=True)
            time.sleep(args.gap)
        time.sleep(max(0.0, args.seconds - (time.monotonic() - started)))
        end = snapshot(server.pid)
        stop.set()
        load.join()
        elapsed = time.monotonic() - started
    finally:
        stop.set()
        server.terminate()
        server.wait(30)
    tally = results[0]
    print(f"soak of {elapsed:.0f}s: " + summary(tally, elapsed))  # type: ignore[arg-type]
    ms = [v * 1000 for v in tally.latencies]  # type: ignore[attr-defined]
    print(f"slower than 2 s: {sum(1 for v in ms if v > 2000)}; p99 {pct(ms, 99):.0f} ms")
    for number, (pid, before) in enumerate(warm.items(), start=1):
        after = end.get(pid)
        if after is None:
            print(f"worker {number} (pid {pid}): gone before the end (replaced)")
            continue
        growth = (after["rss"] - before["rss"]) / before["rss"] * 100
        print(
            f"worker {number} (pid {pid}): RSS {before['rss'] / 1024:.1f} -> {after['rss'] / 1024:.1f} MiB "
            f"({growth:+.1f}%), PSS {before['pss'] / 1024:.1f} -> {after['pss'] / 1024:.1f} MiB, "
            f"USS {before['uss'] / 1024:.1f} -> {after['uss'] / 1024:.1f} MiB, open files {before['fds']} -> "
            f"{after['fds']}, deleted files still mapped {before['deleted_maps']} -> {after['deleted_maps']}"
        )
    return 1 if tally.errors else 0  # type: ignore[attr-defined]


if __name__ == "__main__":
    sys.exit(main())
