"""Story grouping against the labelled pairs: precision and recall per split.

benchmarks/stories/pairs.jsonl holds 320 pairs of Dawn and APP articles labelled same story
or different story by reading (see its README). This reads every Dawn and APP article from
../shared with Broadsheet's own readers, groups them all as an indexing run does
(`indexer.stories`: profiles, links, groups), and counts a pair as predicted same when both
articles end up in one story. Grouping the whole collection, not just the pairs, is what
makes chains count: a wrong link anywhere can join a pair.

    .venv/bin/python benchmarks/story_pairs.py [--shared DIR] [--split tune|test|all]
    .venv/bin/python benchmarks/story_pairs.py --grid        # the tune split only, every setting

With no setting given it measures the shipped rules (`indexer.stories`). `--grid` tries other
values of the rules' constants on the `tune` pairs only; the `test` pairs are held aside for
one run at the shipped settings.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from corpora import require_corpora  # noqa: E402

from indexer import stories as rules  # noqa: E402
from indexer.readers import Skipped, discover, read  # noqa: E402
from indexer.stories import Stories, day_of, signature  # noqa: E402
from search.models import Article  # noqa: E402

PAIRS = Path(__file__).resolve().parent / "stories" / "pairs.jsonl"
CORPORA = ("dawn-2025-xai", "app-2025-xai")


@dataclass(frozen=True, slots=True)
class Pair:
    a: str
    b: str
    same: bool
    split: str


@dataclass(frozen=True, slots=True)
class Score:
    split: str
    pairs: int
    true_pos: int
    false_pos: int
    false_neg: int

    @property
    def precision(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_pos)

    @property
    def recall(self) -> float:
        return self.true_pos / max(1, self.true_pos + self.false_neg)

    def line(self) -> str:
        return (
            f"{self.split:5} {self.pairs:4} pairs  precision {self.precision:.3f}  recall {self.recall:.3f}"
            f"  (same found {self.true_pos}, wrongly joined {self.false_pos}, missed {self.false_neg})"
        )


def load_pairs() -> list[Pair]:
    rows = [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [Pair(r["a"], r["b"], r["label"] == "same", r["split"]) for r in rows]


def read_articles(shared: Path) -> list[Article]:
    """Every Dawn and APP article with a URL, as the indexer reads it."""
    found: dict[str, Article] = {}
    for name in CORPORA:
        for source in discover([shared / "corpora" / name]):
            if isinstance(source, Skipped):
                continue
            for item in read(source):
                if isinstance(item, Article) and item.url:
                    found.setdefault(item.url, item)
    return list(found.values())


def group(articles: list[Article], signatures: list[np.ndarray]) -> dict[str, str]:
    """Each article's story, by URL, under the rules' constants as they are now."""
    stories = Stories()
    for article, sig in zip(articles, signatures, strict=True):
        assert article.url is not None
        stories.add(article.url, article.url, day_of(article), sig, article.source)
    return stories.group()


def score(pairs: list[Pair], story_of: dict[str, str], split: str) -> Score:
    chosen = [p for p in pairs if split in ("all", p.split)]
    joined = [story_of.get(p.a, p.a) == story_of.get(p.b, p.b) for p in chosen]
    return Score(
        split,
        len(chosen),
        sum(j and p.same for p, j in zip(chosen, joined, strict=True)),
        sum(j and not p.same for p, j in zip(chosen, joined, strict=True)),
        sum(p.same and not j for p, j in zip(chosen, joined, strict=True)),
    )


#: The constants `--grid` varies, and the values it tries for each.
GRID = {
    "COPY_CONTAINMENT": (0.8, 0.9),
    "OUTLETS_COSINE": (0.5, 0.55, 0.6, 0.65),
    "SAME_OUTLET_COSINE": (0.6, 0.7),
}


def grid(articles: list[Article], signatures: list[np.ndarray], pairs: list[Pair]) -> None:
    """Every combination of the rules' constants on the `tune` pairs; the test pairs are not
    looked at."""
    print(" ".join(GRID), " precision recall  (tune)")
    for values in itertools.product(*GRID.values()):
        for name, value in zip(GRID, values, strict=True):
            setattr(rules, name, value)
        found = score(pairs, group(articles, signatures), "tune")
        print(*values, f" {found.precision:.3f} {found.recall:.3f}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--split", choices=("tune", "test", "all"), default=None)
    parser.add_argument("--grid", action="store_true", help="try other rule constants on the tune split")
    args = parser.parse_args(argv)
    require_corpora(*(args.shared / "corpora" / name for name in CORPORA))
    started = time.perf_counter()
    pairs = load_pairs()
    articles = read_articles(args.shared)
    missing = {u for p in pairs for u in (p.a, p.b)} - {a.url for a in articles}
    if missing:
        print(
            f"{len(missing)} labelled articles are not in {args.shared}: {sorted(missing)[:3]}",
            file=sys.stderr,
        )
        return 2
    signatures = [signature(a.body) for a in articles]
    if args.grid:
        grid(articles, signatures, pairs)
        return 0
    story_of = group(articles, signatures)
    stories = len(set(story_of.values()))
    print(f"{len(articles)} articles in {stories} stories (the rules of indexer.stories)")
    for split in (args.split,) if args.split else ("tune", "test"):
        print(score(pairs, story_of, split).line())
    print(f"({time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
