"""The SphinxQL cluster beside the embedded Whoosh engine: build rate and query latency.

    .venv/bin/python benchmarks/bench_cluster.py --work /tmp/bench-cluster
    .venv/bin/python benchmarks/bench_cluster.py --work /tmp/bench-cluster --whoosh-index /tmp/bench/whoosh-N

Reads the shared corpora with the indexer's pipeline (cached in `<work>/articles.pickle`,
as `bench_search.py` does), starts a 2-shard cluster in `<work>/cluster`, builds a fresh
generation into it and times that, then runs `bench_search.py`'s queries (one word, 2-3
words, phrases, broad, filter-only) through `Archive.search` on both engines in the same
run (the cluster with and without its rescore window, `search.sphinx.rescoring`), then 16
concurrent clients against the cluster. The Whoosh index is built in `<work>`
unless an existing one is named (its build is then not timed). The cluster is stopped at
the end unless `--keep`.
"""

from __future__ import annotations

import argparse
import shutil
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench_search import build, build_whoosh, load_articles, machine, make_queries, pct, timed
from corpora import DEFAULT_CORPORA

from search import ranking
from search.archive import Archive
from search.models import SearchRequest
from search.sphinx import cluster
from search.sphinx.engine import SphinxEngine
from search.whoosh.engine import WhooshEngine

CLIENTS = 16


def concurrent(archive: Archive, requests: list[SearchRequest]) -> tuple[float, int, int]:
    """(queries per second, failures, partial answers) with `CLIENTS` threads."""
    failures = partial = 0

    def one(request: SearchRequest) -> bool:
        return archive.search(request).partial

    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        futures = [pool.submit(one, r) for r in requests]
        for future in futures:
            try:
                partial += future.result()
            except Exception:  # noqa: BLE001 - counted and reported
                failures += 1
    return len(requests) / (time.perf_counter() - started), failures, partial


def with_and_without_rescoring(
    archive: Archive, requests: list[SearchRequest]
) -> tuple[list[float], list[float]]:
    """Each search's milliseconds with the rescore window and without it (the cluster's own
    order), the two taken in turn and the first of each pair alternating, so that neither
    gets the caches the other warmed."""
    on: list[float] = []
    off: list[float] = []
    for i, request in enumerate(requests):
        for rescored in (True, False) if i % 2 == 0 else (False, True):
            started = time.perf_counter()
            if rescored:
                archive.search(request)
            else:
                with ranking.without("rescoring"):
                    archive.search(request)
            (on if rescored else off).append((time.perf_counter() - started) * 1000)
    return on, off


def parity(whoosh: Archive, sphinx: Archive, requests: list[SearchRequest]) -> tuple[int, int]:
    """How many requests get the same total, and the same facet values and counts, from both."""
    totals = facets = 0
    for request in requests:
        a, b = whoosh.search(request), sphinx.search(request)
        totals += a.total == b.total
        facets += a.facets == b.facets
    return totals, facets


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--shards", type=int, default=2)
    parser.add_argument("--whoosh-index", type=Path, default=None, help="reuse this Whoosh index (not timed)")
    parser.add_argument("--keep", action="store_true", help="leave the cluster running")
    parser.add_argument("--reuse", action="store_true", help="use a cluster left running by --keep")
    parser.add_argument("--max-matches", type=int, default=None, help="the engine URL's max_matches")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)

    articles = load_articles(args.corpora, args.work)
    print(machine())
    print(f"corpus: {len(articles)} articles from {args.corpora}")

    whoosh_dir = args.whoosh_index or args.work / f"whoosh-{len(articles)}"
    if args.whoosh_index is None:
        seconds, count = build_whoosh(articles, whoosh_dir)
        if seconds:
            print(f"whoosh build: {count} articles in {seconds:.0f}s ({count / seconds:.0f} articles/s)")
    whoosh = Archive(WhooshEngine(whoosh_dir))

    cluster_dir = args.work / "cluster"
    states = cluster.status(cluster_dir)
    if args.reuse and states and all(s.answering for s in states):
        plan = cluster.load_plan(cluster_dir)
        print("cluster: reusing the running one and its index")
    else:
        cluster.down(cluster_dir)
        shutil.rmtree(cluster_dir, ignore_errors=True)
        started = time.perf_counter()
        plan = cluster.up(cluster_dir, args.shards)
        print(
            f"cluster up ({args.shards} shards + aggregator): {(time.perf_counter() - started) * 1000:.0f} ms"
        )
    url = plan.engine_url() + (f"&max_matches={args.max_matches}" if args.max_matches else "")
    engine = SphinxEngine.from_url(url)
    print(f"engine URL: {url}")
    try:
        if engine.stats().articles != len(articles):
            seconds, count = build(engine, articles)
            assert count == len({a.id for a in articles}), count
            print(
                f"cluster build: {len(articles)} articles in {seconds:.0f}s"
                f" ({len(articles) / seconds:.0f} articles/s, analysis + store + shards)"
            )
        sphinx = Archive(engine)
        queries = make_queries(articles)
        for archive in (whoosh, sphinx):
            archive.search(queries["one word"][0])
        print(
            f"{'kind':30} {'n':>4} {'whoosh p50':>11} {'p95':>7} {'cluster p50':>12} {'p95':>7}"
            f" {'unrescored p50':>15} {'p95':>7}  (ms)"
        )
        mixed: list[SearchRequest] = []
        for kind, requests in queries.items():
            ours, unrescored = with_and_without_rescoring(sphinx, requests)
            theirs = timed(whoosh.search, requests)
            mixed += requests
            print(
                f"{kind:30} {len(requests):4d} {pct(theirs, 50):11.1f} {pct(theirs, 95):7.1f}"
                f" {pct(ours, 50):12.1f} {pct(ours, 95):7.1f}"
                f" {pct(unrescored, 50):15.1f} {pct(unrescored, 95):7.1f}",
                flush=True,
            )
        same_total, same_facets = parity(whoosh, sphinx, mixed)
        print(
            f"same total on both engines: {same_total}/{len(mixed)};"
            f" same five facet lists: {same_facets}/{len(mixed)}"
        )
        rate, failures, partial = concurrent(sphinx, mixed)
        print(
            f"{CLIENTS} concurrent clients, {len(mixed)} searches: {rate:.0f}/s,"
            f" {failures} failed, {partial} partial"
        )
    finally:
        engine.close()
        whoosh.close()
        if not args.keep:
            for line in cluster.down(cluster_dir):
                print(line)


if __name__ == "__main__":
    main()
