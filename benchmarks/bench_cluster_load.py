"""Many readers at once on a cluster: searches/s, partial answers, latency, and shard memory.

    .venv/bin/python benchmarks/bench_cluster_load.py --engine URL --cluster-dir DIR --index IDX \\
        [--clients 16] [--searches 160]

`--clients` threads of one process send `--searches` searches of `bench_search.make_queries`'s
mixed kinds (five facets, snippets; queries drawn from the articles of the Whoosh index `IDX`,
which should hold what the cluster holds, as `cluster_from_index.py` makes it) through
`search.Archive` on the cluster at `URL`, while every `searchd` whose pid is in `DIR`'s pid files
(`broadsheet cluster up --dir DIR`) has its resident memory sampled five times a second. Prints
one line: searches/s, failed and partial answers, p50 and p95, and each server's peak RSS.
Start the servers afresh before each run for comparable peaks; docs/scale-out.md has figures.
"""

from __future__ import annotations

import argparse
import random
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_search import make_queries, pct

from search.archive import Archive
from search.models import SearchRequest
from search.sphinx.engine import SphinxEngine
from search.whoosh.engine import WhooshEngine

#: Articles the queries are drawn from.
SAMPLE = 3000


def mixed_requests(index: Path, count: int) -> list[SearchRequest]:
    """`count` searches of every kind, shuffled, from a sample of the index's articles."""
    archive = Archive(WhooshEngine(index))
    try:
        ids = sorted(archive.engine.fingerprints())
        sample = [a for a in map(archive.article, random.Random(7).sample(ids, min(SAMPLE, len(ids)))) if a]
    finally:
        archive.close()
    requests = [r for kind in make_queries(sample).values() for r in kind]
    random.Random(3).shuffle(requests)
    return requests[:count]


class PeakMemory:
    """The peak resident memory (MB) of some processes, sampled in a thread."""

    def __init__(self, pids: list[int]) -> None:
        self.peaks = dict.fromkeys(pids, 0)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        while not self._stop.wait(0.2):
            for pid in self.peaks:
                try:
                    status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmRSS:"):
                        self.peaks[pid] = max(self.peaks[pid], int(line.split()[1]) // 1024)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engine", required=True, help="the cluster's engine URL")
    parser.add_argument("--cluster-dir", type=Path, required=True, help="the folder of `cluster up`")
    parser.add_argument("--index", type=Path, required=True, help="a Whoosh index of the same articles")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--searches", type=int, default=160)
    args = parser.parse_args(argv)
    requests = mixed_requests(args.index, args.searches)
    pids = [int(p.read_text(encoding="ascii")) for p in sorted(args.cluster_dir.glob("*.pid"))]
    archive = Archive(SphinxEngine.from_url(args.engine))
    latencies: list[float] = []
    failed = partial = 0

    def one(request: SearchRequest) -> bool:
        started = time.perf_counter()
        found = archive.search(request)
        latencies.append((time.perf_counter() - started) * 1000)
        return found.partial

    try:
        archive.search(requests[0])
        with PeakMemory(pids) as memory:
            started = time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                for future in [pool.submit(one, r) for r in requests]:
                    try:
                        partial += future.result()
                    except Exception:  # noqa: BLE001 - counted and reported
                        failed += 1
            rate = len(requests) / (time.perf_counter() - started)
    finally:
        archive.close()
    peaks = ", ".join(f"{mb:,} MB" for mb in sorted(memory.peaks.values()))
    print(
        f"{args.clients} clients, {len(requests)} searches: {rate:.1f}/s, {failed} failed,"
        f" {partial} partial, p50 {pct(latencies, 50):.0f} ms, p95 {pct(latencies, 95):.0f} ms;"
        f" searchd peak RSS {peaks}"
    )


if __name__ == "__main__":
    main()
