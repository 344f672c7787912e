"""Known-item quality: does the article a person remembers come up in the top 10?

Each line of known_items/queries.jsonl is a query written by reading one Dawn or APP
article (see known_items/README.md). This runs every query through `search.Archive`
on an index of all the shared corpora and prints the mean reciprocal rank of the target
within the top 10, for the "tune" and the held-out "test" queries separately, then the
misses, so ranking changes are judged on queries they were not tuned on.

    .venv/bin/python benchmarks/known_item_mrr.py --index DIR [--split test] [--misses]
    .venv/bin/python benchmarks/known_item_mrr.py --index DIR --engine URL   # the same on a cluster

A cluster holding exactly the Whoosh index's articles is filled by
`benchmarks/cluster_from_index.py`.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUERIES = Path(__file__).resolve().parent / "known_items" / "queries.jsonl"
DEPTH = 10


@dataclass(frozen=True, slots=True)
class KnownItem:
    id: str
    url: str
    query: str
    split: str


@dataclass(frozen=True, slots=True)
class Outcome:
    item: KnownItem
    rank: int | None  # 1-based within the top DEPTH, None when missed
    top: str  # the first result's title, to see what won instead


def load(path: Path = QUERIES) -> list[KnownItem]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            items.append(KnownItem(record["id"], record["url"], record["query"], record["split"]))
    return items


def same_url(a: str | None, b: str) -> bool:
    """Links compare without scheme, "www." and a trailing slash."""

    def key(url: str) -> str:
        url = url.strip().split("://", 1)[-1]
        return url.removeprefix("www.").rstrip("/").lower()

    return a is not None and key(a) == key(b)


def evaluate(
    items: Sequence[KnownItem], search: Callable[[str], list[tuple[str | None, str]]]
) -> list[Outcome]:
    """Run each query; `search` returns the top results as (url, title) pairs."""
    outcomes = []
    for item in items:
        results = search(item.query)[:DEPTH]
        rank = next((i for i, (url, _) in enumerate(results, 1) if same_url(url, item.url)), None)
        outcomes.append(Outcome(item, rank, results[0][1] if results else ""))
    return outcomes


def mrr(outcomes: Sequence[Outcome]) -> float:
    return sum(1 / o.rank for o in outcomes if o.rank) / len(outcomes) if outcomes else 0.0


def report(outcomes: Sequence[Outcome], show_misses: bool) -> None:
    for split in ("tune", "test"):
        part = [o for o in outcomes if o.item.split == split]
        if part:
            found = sum(1 for o in part if o.rank)
            first = sum(1 for o in part if o.rank == 1)
            counts = f"queries {len(part)}  top-1 {first}  top-{DEPTH} {found}"
            print(f"{split:5} MRR@{DEPTH} {mrr(part):.3f}  {counts}")
    print(f"all   MRR@{DEPTH} {mrr(outcomes):.3f}  queries {len(outcomes)}")
    if show_misses:
        for o in outcomes:
            if o.rank != 1:
                where = f"rank {o.rank}" if o.rank else f"not in top {DEPTH}"
                print(f"  {o.item.id} [{o.item.split}] {o.item.query!r}: {where}; first: {o.top[:70]!r}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="MRR@10 of the known-item queries on a Broadsheet index.")
    parser.add_argument("--index", type=Path, required=True, help="an index of all the shared corpora")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--split", choices=("tune", "test", "all"), default="all")
    parser.add_argument("--misses", action="store_true", help="list queries whose target is not first")
    parser.add_argument("--engine", default=None, help="search this sphinx:// cluster instead of the index")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from search.archive import Archive  # the facade this benchmark measures
    from search.engines import open_engine
    from search.models import SearchRequest

    items = [i for i in load(args.queries) if args.split in ("all", i.split)]
    archive = Archive(open_engine(args.index, args.engine))

    def search(query: str) -> list[tuple[str | None, str]]:
        # The ranking pass alone: the search page's order without the facets and spelling
        # suggestions, which a cluster under load can take seconds to count and which do
        # not move a result.
        found = archive.export(SearchRequest(query=query), DEPTH)
        return [(article.url, article.title) for article in found.articles]

    started = time.perf_counter()
    outcomes = evaluate(items, search)
    took = time.perf_counter() - started
    print(f"machine: {platform.node()} {platform.machine()} python {platform.python_version()}")
    where = args.engine or args.index
    print(f"index: {where}  articles: {archive.stats().articles}  {len(items)} queries in {took:.1f} s")
    report(outcomes, args.misses)


if __name__ == "__main__":
    main()
