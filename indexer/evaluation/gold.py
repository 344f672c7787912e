"""The hand-labelled gold set: loading, checking, and finding its articles in the corpora.

`gold/gold.jsonl` holds one line per article with its URL and labels, never its text
(the corpora are third-party copyright). Each line records its `split`: `dev` may be
used to tune extractors, `test` is held aside and only ever reported on. How the
articles were chosen is in `selection.py`; how they were labelled, in docs/evaluation.md.
`gold/tuning.jsonl` adds articles labelled later only to give the tuning side more
errors to learn from: every one of its lines is `dev`, so the test split stays the
original 24 articles and its 40% rule is about `gold.jsonl` alone.
`gold/heldout.jsonl` is a second held-aside set (36 articles, `selection.pick_heldout`),
labelled later by someone who never ran the extractors: every one of its lines is `test`.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.evaluation.metrics import GoldName
from indexer.extract.topics import LABELS
from indexer.readers.jsonlines import from_record
from search.models import Article

GOLD = Path(__file__).resolve().parent / "gold" / "gold.jsonl"
#: Extra tuning articles, all `dev`: never part of the held-aside test split.
TUNING = GOLD.with_name("tuning.jsonl")
#: The second held-aside set, all `test`: never tuned on.
HELDOUT = GOLD.with_name("heldout.jsonl")
#: What `load_gold()` reads when given no paths.
DEFAULT_PATHS = (GOLD, TUNING, HELDOUT)

#: Where each source's articles live under the shared corpora folder.
CORPORA = {"Dawn": "dawn-2025-xai", "APP": "app-2025-xai"}
SPLITS = ("dev", "test")
DATE_SOURCES = ("footer", "dateline", "record")


@dataclass(frozen=True, slots=True)
class GoldArticle:
    """What a careful reader found in one article."""

    url: str
    source: str
    split: str
    date: dt.date
    date_source: str
    topics: tuple[str, ...]
    people: tuple[GoldName, ...]
    countries: tuple[GoldName, ...]


def load_gold(*paths: Path) -> list[GoldArticle]:
    """Every gold article in `paths` (default: the gold set, the tuning articles and the
    second held-aside set), checked; a malformed line, a URL labelled twice, a `test` line
    in the tuning file or a `dev` line in the held-aside file raises ValueError naming it."""
    articles: list[GoldArticle] = []
    seen: set[str] = set()
    for path in paths or DEFAULT_PATHS:
        articles.extend(_load(path, seen))
    return articles


def _load(path: Path, seen: set[str]) -> list[GoldArticle]:
    articles: list[GoldArticle] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            article = _parse(json.loads(line))
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}:{number}: {error}") from error
        if article.url in seen:
            raise ValueError(f"{path}:{number}: {article.url} is labelled twice")
        if path.name == TUNING.name and article.split != "dev":
            raise ValueError(f"{path}:{number}: tuning articles are dev only")
        if path.name == HELDOUT.name and article.split != "test":
            raise ValueError(f"{path}:{number}: held-aside articles are test only")
        seen.add(article.url)
        articles.append(article)
    return articles


def find_articles(gold: list[GoldArticle], shared: Path) -> dict[str, Article]:
    """The gold articles as the indexer's reader makes them, keyed by URL (missing ones left out)."""
    wanted = {g.url for g in gold}
    found: dict[str, Article] = {}
    for source in sorted({g.source for g in gold}):
        folder = shared / "corpora" / CORPORA[source]
        for path in sorted(folder.glob("*.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for number, line in enumerate(lines, start=1):
                    record = json.loads(line)
                    if record.get("link") in wanted:
                        article = from_record(record, f"{path.name}#{number}")
                        if isinstance(article, Article):
                            found[record["link"]] = article
    return found


def _parse(row: dict[str, Any]) -> GoldArticle:
    if row["split"] not in SPLITS:
        raise ValueError(f"split must be one of {SPLITS}")
    if row["source"] not in CORPORA:
        raise ValueError(f"unknown source {row['source']!r}")
    if row["date_source"] not in DATE_SOURCES:
        raise ValueError(f"date_source must be one of {DATE_SOURCES}")
    topics = tuple(row["topics"])
    if not 1 <= len(topics) <= 3 or not set(topics) <= set(LABELS) or len(set(topics)) != len(topics):
        raise ValueError(f"topics must be 1-3 distinct IPTC top-level labels, got {topics}")
    return GoldArticle(
        url=row["url"],
        source=row["source"],
        split=row["split"],
        date=dt.date.fromisoformat(row["date"]),
        date_source=row["date_source"],
        topics=topics,
        people=_names(row["people"]),
        countries=_names(row["countries"]),
    )


def _names(entries: list[dict[str, Any]]) -> tuple[GoldName, ...]:
    names = tuple(GoldName(e["name"], tuple(e.get("aliases", ()))) for e in entries)
    if any(not n.name.strip() for n in names):
        raise ValueError("empty name")
    return names
