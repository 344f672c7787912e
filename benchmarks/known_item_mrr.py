"""Known-item quality: does the article a person remembers come up in the top 10?

Each line of known_items/queries.jsonl (and, with --blind, known_items/blind.jsonl) is a query
written by reading one article of the shared archive (see known_items/README.md), with its
split: `tune` (ranking choices are made on it), `dev` (with --dev: tuning queries reworded
with words their articles lack, also tuned on), `reader` (with --reader: queries written the
blind set's way by someone who tunes nothing, for other articles; tuned on), `heldout` (never
looked at while tuning) or
`blind` (written by someone who never saw the ranking; run once, never tuned on). This runs
every query through `search.Archive` on an index of all the shared corpora and prints MRR@10
and recall@10 per split: once with every ranking part on, then once more per part named in
`--without` with that part off, so one table shows what each part adds.

    .venv/bin/python benchmarks/known_item_mrr.py --index DIR [--without soft,soft+dates] [--blind] [--misses]
    .venv/bin/python benchmarks/known_item_mrr.py --index DIR --engine URL   # the same on a cluster

A cluster holding exactly the Whoosh index's articles is filled by
`benchmarks/cluster_from_index.py`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HERE = Path(__file__).resolve().parent / "known_items"
QUERIES = HERE / "queries.jsonl"
BLIND = HERE / "blind.jsonl"
DEV = HERE / "dev.jsonl"
READER = HERE / "reader.jsonl"
SPLITS = ("tune", "dev", "reader", "heldout", "blind")
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


def load(path: Path) -> list[KnownItem]:
    items = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            if record["split"] not in SPLITS:
                raise ValueError(f"{path}: {record['id']} has split {record['split']!r}, not one of {SPLITS}")
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


def recall(outcomes: Sequence[Outcome]) -> float:
    return sum(1 for o in outcomes if o.rank) / len(outcomes) if outcomes else 0.0


def table(rows: Sequence[tuple[str, Sequence[Outcome]]]) -> list[str]:
    """One line per ranking setting: MRR@10 and recall@10 for each split present, then all."""
    splits = [s for s in SPLITS if any(o.item.split == s for _, outs in rows for o in outs)]
    counts = {s: sum(1 for o in rows[0][1] if o.item.split == s) for s in splits}
    head = f"{'ranking':22}" + "".join(f" {f'{s} ({counts[s]})':>17}" for s in splits)
    lines = [head, f"{'':22}" + " MRR@10  recall@10" * len(splits)]
    for name, outcomes in rows:
        cells = ""
        for split in splits:
            part = [o for o in outcomes if o.item.split == split]
            cells += f"  {mrr(part):6.3f}  {recall(part):8.3f}"
        lines.append(f"{name:22}{cells}")
    return lines


def misses(outcomes: Sequence[Outcome]) -> list[str]:
    lines = []
    for o in outcomes:
        if o.rank != 1:
            where = f"rank {o.rank}" if o.rank else f"not in top {DEPTH}"
            lines.append(f"  {o.item.id} [{o.item.split}] {o.item.query!r}: {where}; first: {o.top[:70]!r}")
    return lines


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Known-item MRR@10 and recall@10 on an index.")
    parser.add_argument("--index", type=Path, required=True, help="an index of all the shared corpora")
    parser.add_argument("--queries", type=Path, default=QUERIES)
    parser.add_argument("--blind", action="store_true", help=f"also run {BLIND.name} (once, at the end)")
    parser.add_argument("--dev", action="store_true", help=f"also run {DEV.name} (tuning queries reworded)")
    parser.add_argument(
        "--reader", action="store_true", help=f"also run {READER.name} (written blind, tuned on)"
    )
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument(
        "--without",
        default="",
        help="ranking parts (search.ranking.PARTS) to turn off, a row each: comma-separated, 'a+b' for"
        " a row with both off, 'all' for every part in turn",
    )
    parser.add_argument("--misses", action="store_true", help="list queries whose target is not first")
    parser.add_argument("--engine", default=None, help="search this sphinx:// cluster instead of the index")
    args = parser.parse_args(argv)

    sys.path.insert(0, str(ROOT))
    from search import ranking  # the switches this benchmark flips
    from search.archive import Archive  # the facade this benchmark measures
    from search.engines import open_engine
    from search.models import SearchRequest

    named = [p for p in args.without.split(",") if p]
    rows_off = [row for p in named for row in (list(ranking.PARTS) if p == "all" else [p])]
    unknown = [p for row in rows_off for p in row.split("+") if p not in ranking.PARTS]
    if unknown:
        parser.error(f"unknown ranking part(s) {', '.join(unknown)}; known: {', '.join(ranking.PARTS)}")
    items = load(args.queries) + (load(DEV) if args.dev else []) + (load(READER) if args.reader else [])
    items += load(BLIND) if args.blind else []
    items = [i for i in items if args.split in ("all", i.split)]
    archive = Archive(open_engine(args.index, args.engine))

    def search(query: str) -> list[tuple[str | None, str]]:
        # The ranking pass alone: the search page's order without the facets and spelling
        # suggestions, which a cluster under load can take seconds to count and which do
        # not move a result.
        found = archive.export(SearchRequest(query=query), DEPTH)
        return [(article.url, article.title) for article in found.articles]

    started = time.perf_counter()
    rows = [("all parts", evaluate(items, search))]
    for row in rows_off:
        with ranking.without(*row.split("+")):
            rows.append((f"without {row}", evaluate(items, search)))
    took = time.perf_counter() - started
    print(f"machine: {platform.node()} {platform.machine()} python {platform.python_version()}")
    print(f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    where = args.engine or args.index
    print(f"index: {where}  articles: {archive.stats().articles}  {len(items)} queries in {took:.1f} s")
    print("\n".join(table(rows)))
    if args.misses:
        print("\n".join(misses(rows[0][1])))


if __name__ == "__main__":
    main()
