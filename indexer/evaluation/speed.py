"""Extraction speed on real Dawn articles, in articles per second on one core.

Extractors run in indexing worker processes, one per core, so single-process
throughput per extractor is the figure that matters. The articles are read first so
only extraction is timed; `process_time` counts this process's CPU only, so other
work on a shared machine does not distort it.
"""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path

from indexer.evaluation.report import Report
from indexer.extract import extract, find_countries, find_organisations, find_people
from indexer.extract.topics import classify
from indexer.readers.jsonlines import from_record
from search.models import Article

SAMPLE = Path("corpora") / "dawn-2025-xai" / "dawn-2025-01.jsonl.gz"
ARTICLES = 1000


def dawn_articles(path: Path, limit: int = ARTICLES) -> list[Article]:
    """The first `limit` readable articles of one Dawn month, as the indexer reads them."""
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        read = (from_record(json.loads(line), f"{path.name}#{n}") for n, line in enumerate(lines, start=1))
        return list(islice((a for a in read if isinstance(a, Article)), limit))


def per_second(extract: Callable[[Article], object], articles: list[Article]) -> float:
    started = time.process_time()
    for article in articles:
        extract(article)
    elapsed = time.process_time() - started
    return len(articles) / elapsed if elapsed else float("inf")


def measure_speed(shared: Path, report: Report) -> None:
    path = shared / SAMPLE
    if not path.is_file():
        report.notes.append(f"speed: {path} not found, not measured")
        return
    articles = dawn_articles(path)
    named: dict[str, Callable[[Article], object]] = {
        "topics": classify,
        "people": find_people,
        "countries": find_countries,
        "organisations": find_organisations,
    }
    timed = {name: per_second(run, articles) for name, run in named.items()}
    figures = ", ".join(f"{name} {rate:,.0f}" for name, rate in timed.items())
    report.notes.append(
        f"speed on {len(articles)} Dawn articles, articles/s per core (CPU time): "
        f"{figures}; all of extract() {per_second(extract, articles):,.0f}"
    )
