"""The acronym table an indexing run would build over an existing index, and its organisations.

    .venv/bin/python benchmarks/acronym_table.py --index /work/bench/idx60k2 [--top 20] [--orgs 40]

Reads the live generation's stored articles without writing to the index (so a read-only
prebuilt index serves), counts their acronym definitions as `broadsheet reindex` does
(`indexer.orgs_merge.AcronymCount`), and prints the table's size, how many acronyms were
defined at least twice (what bare acronyms and query alternatives trust), the `--top` most
defined with their winning expansion, and with `--orgs N` the N most frequent organisations the
extractor and the archive-wide merge give. The figures are in docs/facets.md.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

from whoosh import index as whoosh_index

from indexer.extract.organisations import find_organisations
from indexer.orgs_merge import AcronymCount
from search.acronyms import Keeper
from search.alternatives import MIN_DEFINITIONS
from search.models import Article
from search.whoosh.generations import Layout
from search.whoosh.schema import to_article


def stored_articles(index_dir: Path) -> list[Article]:
    layout = Layout(index_dir)
    live = layout.current()
    if live is None:
        raise SystemExit(f"{index_dir} has no live generation")
    folder = whoosh_index.open_dir(str(layout.path(live)), readonly=True)
    with folder.searcher() as searcher:
        return [to_article(fields) for fields in searcher.reader().all_stored_fields()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--top", type=int, default=20)
    parser.add_argument("--orgs", type=int, default=0)
    args = parser.parse_args()
    articles = stored_articles(args.index)
    count = AcronymCount(Keeper.load(args.index), lambda: None)
    started = time.process_time()
    count.count(articles)
    table = count.table()
    seconds = time.process_time() - started
    trusted = sum(1 for entry in table.entries() if entry.count >= MIN_DEFINITIONS)
    print(
        f"{len(articles):,} articles: {len(table):,} acronyms, {trusted:,} defined at least "
        f"{MIN_DEFINITIONS} times ({seconds:.1f} CPU s to count)"
    )
    for entry in table.entries()[: args.top]:
        others = ", ".join(f"{e} {n}" for e, n in list(entry.expansions.items())[1:3])
        print(
            f"{entry.acronym:8} {entry.count:5}  {entry.expansion}"
            + (f"  (also: {others})" if others else "")
        )
    if args.orgs:
        merged = count.apply([replace(a, organisations=find_organisations(a)) for a in articles])
        organisations = Counter(name for article in merged for name in article.organisations)
        print(f"{len(organisations):,} distinct organisations; the {args.orgs} most frequent:")
        for name, number in organisations.most_common(args.orgs):
            print(f"{number:6}  {name}")


if __name__ == "__main__":
    main()
