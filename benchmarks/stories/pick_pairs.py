"""Pick the article pairs of the story-grouping set (issue 17), by rule and hash rather than by hand.

Near-duplicate grouping needs a threshold, and a threshold chosen on pairs someone picked by eye, or on
pairs a grouping method already sorted, only measures that person's or that method's taste. So the pairs
are drawn here, before any is read or labelled and before any grouping method exists, from Dawn 2025
and APP 2025 (the two corpora overlap: APP wire copy republished by Dawn, web updates, print versions).

Candidates are found cheaply: every article of MIN_WORDS+ body words gets KEYS_PER_ARTICLE index keys,
its rarest words seen in at least two articles and at most KEY_MAX_DF; two articles published within
WINDOW_DAYS of each other that share at least MIN_SHARED_KEYS keys are a candidate pair. For each
candidate two overlaps are measured on the body with the print footer and the dateline removed:

- `shingle`: Jaccard of the sets of word 5-shingles (what a copy or an edit of one text shares);
- `rare`: Jaccard of the sets of rare words (df <= RARE_MAX_DF: names, places, specific terms; what
  two stories about the same people and case share even when written apart).

Three strata, disjoint by shingle overlap, each sampled by blake2b(SALT + pair):

- `likely_same` (shingle >= 0.3): wire copy and republication, updates, print versions;
- `middle` (0.1 <= shingle < 0.3): the hard cases around any threshold;
- `hard_negative` (shingle < 0.1 and rare >= HARD_MIN_RARE): same names and words, written apart,
  mostly different events (two hearings of one case, two budget stories, two match reports).

Within a stratum the pairs are taken in hash order, skipping a pair whose article is already in the
set, so one story with ten versions cannot fill a stratum with its 45 pairs. Each pair's split is fixed
by a second salted hash: one in three goes to "test" (held aside, only ever run), the rest to "tune".
The output has URLs and measurements only, never article text; the label is added by a reader.

Usage: python3 benchmarks/stories/pick_pairs.py [SHARED_DIR] > /tmp/storypairs-candidates.jsonl
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from itertools import combinations
from pathlib import Path

SALT = "broadsheet-story-pairs-2026-12-03"
CORPORA = ("dawn-2025-xai", "app-2025-xai")
COUNTS = {"likely_same": 80, "hard_negative": 160, "middle": 80}
MIN_WORDS = 80
WINDOW_DAYS = 14
KEYS_PER_ARTICLE = 12
KEY_MAX_DF = 60
MIN_SHARED_KEYS = 2
RARE_MAX_DF = 300
SHINGLE = 5
SAME_MIN_SHINGLE = 0.3
MIDDLE_MIN_SHINGLE = 0.1
HARD_MIN_RARE = 0.3

WORD = re.compile(r"[a-z0-9]+")
DAWN_FOOTER = re.compile(r"\n\s*Published in Dawn,.*", re.DOTALL)
APP_DATELINE = re.compile(r"^[A-Z][A-Za-z .\-]+, [A-Z][a-z]{2,8} \d{1,2} \(APP\):")
DAWN_DATELINE = re.compile(r"^[A-Z][A-Z .\-]+:")
STOPWORDS = frozenset(
    [
        "the",
        "and",
        "for",
        "that",
        "with",
        "was",
        "were",
        "are",
        "has",
        "have",
        "had",
        "this",
        "from",
        "said",
        "also",
        "been",
        "will",
        "would",
        "which",
        "their",
        "they",
        "his",
        "her",
        "its",
        "not",
        "but",
        "who",
        "while",
        "over",
        "after",
        "into",
        "about",
        "more",
        "than",
        "under",
        "during",
        "other",
        "being",
        "such",
        "these",
        "those",
        "there",
        "them",
        "then",
        "when",
        "where",
        "what",
        "all",
        "any",
        "can",
        "may",
        "one",
        "two",
        "three",
        "per",
        "our",
        "out",
        "new",
    ]
)


@dataclass(frozen=True)
class Article:
    link: str
    published: datetime
    words: tuple[str, ...]


def body(content: str) -> str:
    """The body without Dawn's print footer or an opening dateline, which differ between copies."""
    text = DAWN_FOOTER.sub("", content).strip()
    text = APP_DATELINE.sub("", text, count=1)
    return DAWN_DATELINE.sub("", text, count=1)


def articles(shared: Path) -> Iterator[Article]:
    for corpus in CORPORA:
        for path in sorted((shared / "corpora" / corpus).glob("*.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    record = json.loads(line)
                    stamp = record.get("date_published") or record.get("dateList")
                    link = record.get("link")
                    if not stamp or not link:
                        continue
                    words = tuple(WORD.findall(body(record.get("content") or "").lower()))
                    if len(words) >= MIN_WORDS:
                        yield Article(link, datetime.fromisoformat(stamp[:10]), words)


def jaccard(first: frozenset, second: frozenset) -> float:
    return len(first & second) / len(first | second) if first or second else 0.0


def shingles(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def salted(*parts: str) -> int:
    return int.from_bytes(hashlib.blake2b("\x1f".join((SALT, *parts)).encode(), digest_size=8).digest())


def stratum(shingle: float, rare: float) -> str | None:
    if shingle >= SAME_MIN_SHINGLE:
        return "likely_same"
    if shingle >= MIDDLE_MIN_SHINGLE:
        return "middle"
    return "hard_negative" if rare >= HARD_MIN_RARE else None


def candidates(archive: list[Article]) -> Iterator[dict]:
    """Every pair sharing enough rare index keys within the date window, with both overlaps."""
    vocabularies = [frozenset(w for w in a.words if len(w) > 2 and w not in STOPWORDS) for a in archive]
    df = Counter(w for vocabulary in vocabularies for w in vocabulary)
    postings: dict[str, list[int]] = defaultdict(list)
    for index, vocabulary in enumerate(vocabularies):
        keys = sorted((df[w], w) for w in vocabulary if 2 <= df[w] <= KEY_MAX_DF)[:KEYS_PER_ARTICLE]
        for _, word in keys:
            postings[word].append(index)
    shared_keys: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        for first, second in combinations(members, 2):
            if abs((archive[first].published - archive[second].published).days) <= WINDOW_DAYS:
                shared_keys[first, second] += 1
    rare = {}
    for (first, second), count in shared_keys.items():
        if count < MIN_SHARED_KEYS:
            continue
        for index in (first, second):
            if index not in rare:
                rare[index] = frozenset(w for w in vocabularies[index] if df[w] <= RARE_MAX_DF)
        rare_overlap = jaccard(rare[first], rare[second])
        shingle_overlap = jaccard(shingles(archive[first].words), shingles(archive[second].words))
        kind = stratum(shingle_overlap, rare_overlap)
        if kind:
            a, b = sorted((archive[first], archive[second]), key=lambda x: (x.published, x.link))
            yield {
                "a": a.link,
                "b": b.link,
                "stratum": kind,
                "shingle": round(shingle_overlap, 3),
                "rare": round(rare_overlap, 3),
            }


def sample(pool: list[dict]) -> list[dict]:
    """COUNTS pairs per stratum in salted-hash order, no article twice in the whole set."""
    used: set[str] = set()
    chosen = []
    for kind, count in COUNTS.items():
        ranked = sorted((p for p in pool if p["stratum"] == kind), key=lambda p: salted(p["a"], p["b"]))
        taken = 0
        for pair in ranked:
            if taken == count:
                break
            if pair["a"] in used or pair["b"] in used:
                continue
            used.update((pair["a"], pair["b"]))
            pair["split"] = "test" if salted("split", pair["a"], pair["b"]) % 3 == 0 else "tune"
            chosen.append(pair)
            taken += 1
    return chosen


def main() -> None:
    shared = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared")
    pool = list(candidates(list(articles(shared))))
    print(json.dumps(Counter(p["stratum"] for p in pool)), file=sys.stderr)
    for pair in sample(pool):
        print(json.dumps(pair))


if __name__ == "__main__":
    main()
