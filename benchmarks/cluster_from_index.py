"""Copy the articles of an embedded (Whoosh) index into a local SphinxQL cluster.

The known-item comparison needs both engines to hold exactly the same articles (the
same ids, people merged the same way, the same duplicates left out), so the cluster is
filled from the Whoosh index rather than by reading the corpora a second time:

    .venv/bin/python benchmarks/cluster_from_index.py --index DIR --work /tmp/cluster-mrr [--shards 2]

Starts a cluster in `<work>/cluster` unless one answers there already, writes a fresh
generation of every live article (and the index's acronym table), switches to it, and
prints the engine URL last.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from search.engine import EngineQuery
from search.models import Sort
from search.sphinx import cluster
from search.sphinx.engine import SphinxEngine
from search.whoosh.engine import WhooshEngine

PAGE = 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True, help="a Whoosh index folder (read only)")
    parser.add_argument("--work", type=Path, required=True)
    parser.add_argument("--shards", type=int, default=2)
    args = parser.parse_args(argv)
    if not (args.index / "CURRENT").is_file():  # an embedded index names its live generation there
        sys.exit(f"cluster_from_index.py: no index at {args.index}")
    directory = args.work / "cluster"
    states = cluster.status(directory)
    plan = cluster.load_plan(directory) if states and all(s.answering for s in states) else None
    if plan is None:
        cluster.down(directory)
        plan = cluster.up(directory, args.shards)
    source = WhooshEngine(args.index)
    target = SphinxEngine.from_url(plan.engine_url())
    try:
        total = source.query(EngineQuery(None, limit=0, facets=False)).total
        started = time.perf_counter()
        generation = target.begin(fresh=True)
        for offset in range(0, total, PAGE):
            page = source.query(EngineQuery(None, sort=Sort.OLDEST, offset=offset, limit=PAGE, facets=False))
            generation.write([hit.article for hit in page.hits])
            print(f"\r{offset + len(page.hits):,} of {total:,}", end="", flush=True)
        generation.keep_acronyms(source.acronyms())  # what the indexing run learned
        count = generation.commit()
        target.switch(generation)
        seconds = time.perf_counter() - started
        print(f"\ncopied {count:,} articles in {seconds:.0f} s ({count / seconds:.0f} articles/s)")
    finally:
        source.close()
        target.close()
    print(plan.engine_url())


if __name__ == "__main__":
    main()
