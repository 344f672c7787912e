"""Are any of an index's most frequent people one person under two spellings?

Lists every pair among the `--top` most frequent people-facet values (1,000 by default)
whose consonant skeletons are equal: letters only, Muhammad's spellings made one, vowels,
y and w dropped, doubled letters once. That is looser than the merge's own key
(`search.transliteration`), so it finds what the merge left apart as well as what it could
not see. Each pair is printed with both counts and why the archive-wide merge keeps the two
apart: different transliteration keys, or a name many people share whose two spellings'
articles keep different company and titles (`spelling_affinity`, read from the index's stored articles).

    .venv/bin/python benchmarks/variant_pairs.py --index DIR [--top 1000] [--merge]

`--merge` first applies this code's archive-wide merge (`merge_decisions`) to the names this
code's extractor finds in the index's stored articles, as a full reindex would: for an index
built by older code, it shows what merging alone leaves.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_MUHAMMAD = re.compile(r"\b(?:mohammad|mohammed|muhammed|mohamed|mohamad|muhamad|mohd|md)\b")
_DROPPED = re.compile(r"[^a-z]|[aeiouyw]")
_DOUBLED = re.compile(r"(.)\1+")


def skeleton(name: str) -> str:
    """The loose comparison form: "Yousuf Raza Gillani" and "Yusuf Raza Gilani" give "ysfrzgln"."""
    folded = _MUHAMMAD.sub("muhammad", name.casefold())
    return _DOUBLED.sub(r"\1", _DROPPED.sub("", folded))


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(ROOT))
    from indexer.evaluation.name_pairs import archive_evidence
    from indexer.extract.merging import (
        GENERIC_AFFINITY,
        NEAR_AFFINITY,
        generic,
        merge_decisions,
        spelling_affinity,
        title_weights,
    )
    from search.engines import open_engine
    from search.transliteration import joined_keys, name_key, near_key

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", required=True, type=Path, help="the index folder to read")
    parser.add_argument("--top", type=int, default=1000, help="how many of the most frequent people")
    parser.add_argument("--merge", action="store_true", help="apply this code's archive-wide merge first")
    args = parser.parse_args(argv)
    engine = open_engine(args.index, None)
    try:
        counts = {value.value: value.count for value in engine.facet_values("person", "", limit=10**7)}
        evidence = archive_evidence(engine)
    finally:
        engine.close()
    total = sum(found.count for found in evidence.values())
    weights = title_weights(evidence)
    if args.merge:
        decisions = merge_decisions(evidence)
        merged: Counter[str] = Counter()
        # The names the articles wrote, as a full reindex sees them before its merge.
        for name, count in {name: found.count for name, found in evidence.items()}.items():
            if name not in decisions.dropped:
                merged[decisions.mapping.get(name, name)] += count  # an upper bound: articles may repeat
        counts = dict(merged)
    top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[: args.top]
    by_skeleton: dict[str, list[tuple[str, int]]] = {}
    for name, count in top:
        by_skeleton.setdefault(skeleton(name), []).append((name, count))
    pairs = [pair for group in by_skeleton.values() for pair in combinations(group, 2)]
    print(f"{len(pairs)} candidate variant pairs among the {len(top)} most frequent people of {args.index}")
    for (a, count_a), (b, count_b) in pairs:
        one_key = name_key(a) == name_key(b) or name_key(a) in joined_keys(b) or name_key(b) in joined_keys(a)
        if not one_key and near_key(a) == near_key(b):
            alike = spelling_affinity(a, b, evidence, total, weights)
            why = f"a near spelling, affinity {alike:.2f} (merged at {NEAR_AFFINITY})"
        elif not one_key:
            why = f"different transliteration keys {name_key(a)} / {name_key(b)}"
        elif generic(name_key(a)):
            alike = spelling_affinity(a, b, evidence, total, weights)
            why = f"a name many share, affinity {alike:.2f} (merged at {GENERIC_AFFINITY})"
        else:
            why = "same key: a full reindex with this code merges them"
        print(f"{a} ({count_a}) | {b} ({count_b}): {why}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
