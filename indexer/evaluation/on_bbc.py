"""Top-1 topic accuracy on the BBC News set (Greene & Cunningham, 2,225 articles).

The topic lexicon was tuned on half of BBC, so only the other half is reported: the
halves are fixed by a hash of each record's `id` ("business/001.txt"). `tune_half`
is what a developer may look at while changing the lexicon.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

from indexer.evaluation.metrics import Accuracy, top1
from indexer.evaluation.report import Report, Row
from indexer.extract.topics import classify
from indexer.readers.jsonlines import from_record, read_records
from search.models import Article

BBC = Path("corpora") / "bbc-news-2225" / "bbc.jsonl"

#: BBC's five classes as IPTC Media Topics.
CATEGORIES = {
    "business": "economy, business and finance",
    "entertainment": "arts, culture, entertainment and media",
    "politics": "politics",
    "sport": "sport",
    "tech": "science and technology",
}


def half_of(record_id: str) -> str:
    """`tune` or `report`, fixed for each BBC record."""
    digest = hashlib.blake2b(record_id.encode("utf-8"), digest_size=8).digest()
    return "tune" if int.from_bytes(digest, "big") % 2 == 0 else "report"


def labelled(path: Path, half: str) -> Iterator[tuple[Article, str]]:
    """(article as the indexer reads it, IPTC label) for one half of the set."""
    for number, record in enumerate(read_records(path), start=1):
        if half_of(str(record.get("id"))) != half or record.get("category") not in CATEGORIES:
            continue
        article = from_record(record, f"{path.name}#{number}")
        if isinstance(article, Article):
            yield article, CATEGORIES[record["category"]]


def evaluate_bbc(shared: Path, report: Report, half: str = "report") -> None:
    path = shared / BBC
    if not path.is_file():
        report.notes.append(f"bbc: {path} not found, not evaluated")
        return
    pairs = list(labelled(path, half))
    accuracy = sum((top1(classify(article), [label]) for article, label in pairs), Accuracy())
    report.rows.append(
        Row(
            "topics (top-1)",
            f"bbc:{half}",
            len(pairs),
            accuracy=accuracy,
            note="the other half was used to tune the lexicon",
        )
    )
