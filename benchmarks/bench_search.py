"""Search speed on the shared corpora: Broadsheet's Whoosh engine beside tantivy, same data, same queries.

    .venv/bin/python benchmarks/bench_search.py --work /tmp/bench            # ~61,000 articles
    .venv/bin/python benchmarks/bench_search.py --work /tmp/bench --scale 250000
    .venv/bin/python benchmarks/bench_search.py --index IDX [--url http://127.0.0.1:5000]

The first run reads and extracts the corpora with the indexer's own pipeline and keeps the
articles in `<work>/articles.pickle`; each index is built once into `<work>` and reused.
`--scale N` replicates the corpora to N articles with new ids and dates shifted back a year
per copy. Prints the machine, the corpus size, the build rate, then p50/p95 per query kind
(every search asks for all five facet counts, as the search page does), open + first query,
and tantivy's figures for the same queries with the ratio. `--index IDX --url URL` times the
same queries through a running `broadsheet serve --index IDX` instead, as a browser's script
would ask them: `/api/search`, each answer read to its end.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
import pickle
import platform
import random
import sys
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from corpora import DEFAULT_CORPORA, require_corpora

from search.archive import Archive
from search.engine import Engine
from search.models import Article, SearchRequest, Sort
from search.whoosh.engine import WhooshEngine
from search.whoosh.schema import terms, words
from web.urls import search_url

BATCH = 500
PER_KIND = 60
#: The kinds of query the mixed row (and its budget) is over.
MIXED = ("one word", "2-3 words", "phrase")


# -- articles ----------------------------------------------------------------------------


def load_articles(corpora: Path, work: Path) -> list[Article]:
    """Every article of the corpora, read and extracted by the indexer's pipeline (cached)."""
    cached = work / "articles.pickle"
    if cached.exists():
        with cached.open("rb") as src:
            return pickle.load(src)
    require_corpora(corpora)
    from indexer.pipeline import process_files
    from indexer.readers import Skipped, discover

    tasks = [(s, "", s.path.stat().st_size, {}) for s in discover([corpora]) if not isinstance(s, Skipped)]
    started = time.perf_counter()
    articles: list[Article] = []
    seen: set[str] = set()
    for result in process_files(tasks, os.cpu_count() or 1, None):
        for article in result.articles:
            if isinstance(article, Article) and article.id not in seen:
                seen.add(article.id)
                articles.append(article)
    if not articles:
        sys.exit(f"no article could be read from {corpora}")
    print(f"read and extracted {len(articles)} articles in {time.perf_counter() - started:.0f}s")
    with cached.open("wb") as out:
        pickle.dump(articles, out, protocol=pickle.HIGHEST_PROTOCOL)
    return articles


def scaled(articles: list[Article], size: int) -> list[Article]:
    """The corpora repeated to `size` articles: copy k gets ids suffixed `~k` and dates k years back."""
    out = list(articles[:size])
    copy = 1
    while len(out) < size:
        for article in articles:
            if len(out) >= size:
                break
            date = article.date - dt.timedelta(days=365 * copy) if article.date else None
            out.append(dataclasses.replace(article, id=f"{article.id}~{copy}", date=date))
        copy += 1
    return out


# -- building ----------------------------------------------------------------------------


def build(engine: Engine, articles: list[Article]) -> tuple[float, int]:
    """A fresh generation of `articles`, written in batches and switched in, as `broadsheet
    reindex` builds one; returns (seconds, articles committed)."""
    started = time.perf_counter()
    generation = engine.begin(fresh=True)
    for i in range(0, len(articles), BATCH):
        generation.write(articles[i : i + BATCH])
    count = generation.commit()
    engine.switch(generation)
    return time.perf_counter() - started, count


def build_whoosh(articles: list[Article], folder: Path) -> tuple[float, int]:
    """Build (or reuse) the Whoosh index; returns (seconds, articles) of the build, 0 when reused."""
    engine = WhooshEngine(folder)
    try:
        if engine.stats().articles == len(articles):
            return 0.0, len(articles)
        return build(engine, articles)
    finally:
        engine.close()


def build_tantivy(articles: list[Article], folder: Path):  # type: ignore[no-untyped-def]
    import tantivy

    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("body", stored=True, tokenizer_name="en_stem")
    for name in ("person", "country", "topic"):
        builder.add_text_field(name, stored=True, tokenizer_name="raw", fast=True)
    builder.add_integer_field("year", stored=True, indexed=True, fast=True)
    builder.add_integer_field("month", stored=True, indexed=True, fast=True)
    builder.add_integer_field("day", stored=True, indexed=True, fast=True)
    schema = builder.build()
    done = folder / "DONE"
    if done.exists():
        return tantivy.Index(schema, path=str(folder)), 0.0
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    index = tantivy.Index(schema, path=str(folder))
    writer = index.writer(heap_size=256_000_000, num_threads=2)
    for a in articles:
        doc = tantivy.Document(id=a.id, title=a.title, body=a.body)
        for name, values in (("person", a.people), ("country", a.countries), ("topic", a.topics)):
            for value in values:
                doc.add_text(name, value)
        if a.date:
            doc.add_integer("year", a.date.year)
            doc.add_integer("month", a.date.year * 100 + a.date.month)
            doc.add_integer("day", int(a.date.strftime("%Y%m%d")))
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    done.write_text("ok")
    index.reload()
    return index, time.perf_counter() - started


# -- queries -----------------------------------------------------------------------------


def make_queries(articles: list[Article], seed: int = 7) -> dict[str, list[SearchRequest]]:
    """Query kinds drawn from the corpus itself, the same on every run."""
    rng = random.Random(seed)
    sample = rng.sample(articles, min(5000, len(articles)))
    df: Counter[str] = Counter()
    for a in sample:
        df.update(set(words(a.title + " " + a.body)))
    n = len(sample)
    common = [w for w, c in df.items() if 0.005 * n <= c <= 0.05 * n and w.isalpha() and len(w) > 3]
    broad = [w for w, c in df.items() if 0.25 * n <= c <= 0.45 * n and w.isalpha() and terms(w)]
    rng.shuffle(common)
    rng.shuffle(broad)
    titles = [w for a in sample for w in [words(a.title)] if len(w) >= 4]
    rng.shuffle(titles)
    phrases = []
    for a in sample:
        names = [p for p in a.people if " " in p] + [c for c in a.countries if " " in c]
        phrases.extend(f'"{p}"' for p in names[:1])
    rng.shuffle(phrases)
    people = Counter(p for a in articles for p in a.people)
    top_people = [p for p, _ in people.most_common(200)]
    rng.shuffle(top_people)

    def reqs(texts: list[str]) -> list[SearchRequest]:
        return [SearchRequest(query=t) for t in texts[:PER_KIND]]

    multi = []
    longer = []
    apart = random.Random(seed + 1)  # its own draws, so the other kinds stay as they were
    for title in titles:
        pool = [w for w in title if len(w) > 3] or title
        multi.append(" ".join(rng.sample(pool, min(len(pool), rng.choice((2, 3))))))
        if len(title) >= 6:  # a known-item query's length: read softly, most of the words
            longer.append(" ".join(apart.sample(title, apart.choice((4, 5, 6)))))
    return {
        "one word": reqs(common),
        "2-3 words": reqs(multi),
        "4-6 words": reqs(longer),
        "phrase": reqs(phrases),
        "broad": reqs([" ".join(rng.sample(broad, 1)) for _ in range(PER_KIND)]),
        "person, newest": [SearchRequest(people=(p,), sort=Sort.NEWEST) for p in top_people[:PER_KIND]],
    }


def machine() -> str:
    """The line that says where and under what load the figures below were measured."""
    return (
        f"machine: {platform.node()} {platform.machine()}, {os.cpu_count()} cores,"
        f" Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f} at start"
    )


def timed(fn, items) -> list[float]:  # type: ignore[no-untyped-def]
    out = []
    for item in items:
        started = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - started) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def tantivy_search(index, request: SearchRequest) -> None:  # type: ignore[no-untyped-def]
    """Top 10 plus the five facet counts, as close to Broadsheet's search as tantivy's API allows."""
    import tantivy

    searcher = index.searcher()
    if request.query:
        query = index.parse_query(
            request.query, ["title", "body"], field_boosts={"title": 2.5}, conjunction_by_default=True
        )
    else:
        query = tantivy.Query.all_query()
    if request.people:
        terms_ = [(tantivy.Occur.Must, query)] + [
            (tantivy.Occur.Must, tantivy.Query.term_query(index.schema, "person", p)) for p in request.people
        ]
        query = tantivy.Query.boolean_query(terms_)
    if request.sort == Sort.NEWEST:
        result = searcher.search(query, 10, count=True, order_by_field="day")
    else:
        result = searcher.search(query, 10, count=True)
    for _, address in result.hits:
        searcher.doc(address)
    aggs = {
        name: {"terms": {"field": name, "size": 10}}
        for name in ("person", "country", "topic", "year", "month")
    }
    searcher.aggregate(query, aggs)


# -- known-item quality ------------------------------------------------------------------


def report_known_items(folder: Path) -> None:
    """The known-item evaluation (benchmarks/known_item_mrr.py) on the index just measured."""
    import known_item_mrr

    known_item_mrr.main(["--index", str(folder)])


# -- main --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--work", type=Path, required=True, help="cache folder for articles and indexes")
    parser.add_argument("--scale", type=int, default=0, help="replicate the corpora to this many articles")
    parser.add_argument("--build-only", action="store_true")
    parser.add_argument("--no-tantivy", action="store_true")
    parser.add_argument("--known-items", action="store_true", help="only measure known-item MRR")
    parser.add_argument(
        "--index",
        type=Path,
        help="time this existing index (read only) instead of building one: queries come from its"
        " newest 5,000 articles, no tantivy, no known items",
    )
    parser.add_argument(
        "--url", help="with --index: time the searches through the JSON API of a server serving that index"
    )
    parser.add_argument("--explain", action="store_true", help="time the mixed queries again with explain=1")
    args = parser.parse_args(argv)
    if args.index:
        measure_index(args.index, args.explain, args.url)
        return
    args.work.mkdir(parents=True, exist_ok=True)

    articles = load_articles(args.corpora, args.work)
    if args.scale:
        articles = scaled(articles, args.scale)
    size = len(articles)
    print(machine())
    print(f"corpus: {size} articles from {args.corpora}")
    folder = args.work / f"whoosh-{size}"
    seconds, count = build_whoosh(articles, folder)
    if seconds:
        print(
            f"whoosh build: {count} articles in {seconds:.0f}s ({count / seconds:.0f} articles/s, index only)"
        )
    tantivy_index = None
    if not args.no_tantivy:
        tantivy_index, tseconds = build_tantivy(articles, args.work / f"tantivy-{size}")
        if tseconds:
            print(f"tantivy build: {size} articles in {tseconds:.0f}s ({size / tseconds:.0f} articles/s)")
    if args.build_only:
        return

    if args.known_items:
        report_known_items(folder)
        return

    queries = make_queries(articles)
    started = time.perf_counter()
    archive = Archive.open(folder)
    archive.search(queries["one word"][0])
    print(f"open + first query: {(time.perf_counter() - started) * 1000:.0f} ms")
    measure(archive.search, queries, tantivy_index, args.explain)
    archive.close()
    if not args.scale:
        report_known_items(folder)


def measure_index(folder: Path, explain: bool, url: str | None = None) -> None:
    """Time an index built elsewhere (read only), with queries drawn from its newest articles:
    in this process, or through the JSON API of a server at `url` serving it."""
    print(machine())
    started = time.perf_counter()
    archive = Archive.open(folder)
    articles = archive.export(SearchRequest(sort=Sort.NEWEST), limit=5000).articles
    print(f"index: {folder}, {archive.stats().articles} articles; queries from its newest {len(articles)}")
    queries = make_queries(articles)
    search = over_http(url) if url else archive.search
    search(queries["one word"][0])
    if url:
        print(f"through {url}/api/search")
    else:
        print(f"open, sample and first query: {(time.perf_counter() - started) * 1000:.0f} ms")
    measure(search, queries, None, explain)
    archive.close()


def over_http(base: str) -> Callable[[SearchRequest], None]:
    """A search asked of a running server's JSON API, its answer read to the end."""

    def search(request: SearchRequest) -> None:
        with urllib.request.urlopen(base.rstrip("/") + search_url(request, "/api/search")) as answer:
            answer.read()

    return search


def measure(
    search: Callable[[SearchRequest], object],
    queries: dict[str, list[SearchRequest]],
    tantivy_index,
    explain: bool,
) -> None:  # type: ignore[no-untyped-def]
    """p50/p95 per kind of query, then the mixed row (one word, 2-3 words, phrases together)."""
    mixed: list[float] = []
    tmixed: list[float] = []
    print(
        f"{'kind':16} {'n':>4} {'p50 ms':>8} {'p95 ms':>8}"
        f" {'tantivy p50':>12} {'tantivy p95':>12} {'ratio p50':>10}"
    )
    for kind, requests in queries.items():
        archive_times = timed(search, requests)
        tantivy_times = timed(lambda r: tantivy_search(tantivy_index, r), requests) if tantivy_index else []
        if kind in MIXED:
            mixed += archive_times
            tmixed += tantivy_times
        _row(kind, archive_times, tantivy_times)
    _row("mixed", mixed, tmixed)
    if explain:
        explained = [dataclasses.replace(r, explain=True) for kind in MIXED for r in queries[kind]]
        _row("mixed, explain=1", timed(search, explained), [])


def _row(kind: str, ours: list[float], theirs: list[float]) -> None:
    line = f"{kind:16} {len(ours):4d} {pct(ours, 50):8.1f} {pct(ours, 95):8.1f}"
    if theirs:
        ratio = pct(ours, 50) / max(pct(theirs, 50), 1e-6)
        line += f" {pct(theirs, 50):12.1f} {pct(theirs, 95):12.1f} {ratio:10.1f}"
    print(line, flush=True)


if __name__ == "__main__":
    main()
