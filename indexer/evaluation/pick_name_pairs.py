"""How the candidate name pairs of `gold/name_pairs.jsonl` were picked, kept so the choice can be re-run.

Issue 15 asks for a labelled set of person-name pairs (same person / different person) to
measure variant merging. The candidates come from the people facet of a built index: the
`POOL` most frequent values (each in at least a handful of articles, so each can be checked
by reading them). Pairs are sorted into five kinds by rules written for this file alone,
never by the extractors' own matching:

- `variant`: the two names have the same consonant skeleton (see `skeleton`), so they may be
  one person spelt two ways (Yousaf / Yousuf, Hussain / Husain, Inzamam-ul-Haq / Inzamamul Haq);
- `inside`: every word of the shorter name (two words at least) is in the longer one, so the
  longer may add a middle name or title (Asif Ali / Asif Ali Zardari);
- `surname`: the same last word, a different first word (Nawaz Sharif / Shehbaz Sharif);
- `given`: the same first two words (or the same first word of a two-word name), a different
  last word (Asif Ali / Asif Zardari);
  for these two kinds the shared words must not all be among `COMMON_WORDS` (Khan, Muhammad),
  or nearly every candidate would be an easy pair such as Rashid Khan / Usman Khan;
- `near`: the spellings are close (difflib ratio at least `NEAR`) with different skeletons,
  so they differ by a letter or two (Ali Khan / Ali Jan).

Within each kind pairs are ordered by a hash of `SALT` + the pair, never by what anyone knows of
them, and the first `QUOTA[kind]` are printed; the labeller takes them in that order, drops any
that reading cannot settle, and takes the next. Labels are never printed here.

Run it as `python3 indexer/evaluation/pick_name_pairs.py INDEX_DIR [--all]`: one line per
candidate (kind, rank, the two names, their article counts).
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

SALT = "namepairs:2026-12-03"
#: How many of the most frequent people values make the pool.
POOL = 4000
#: How many candidates of each kind are printed, fixed before any pair was labelled.
QUOTA = {"variant": 130, "inside": 60, "surname": 60, "given": 50, "near": 40}
#: difflib ratio from which two different skeletons still count as near spellings.
NEAR = 0.85
#: Spellings of one given name that a skeleton alone would not join.
GIVEN_FORMS = {
    "mohammad": "muhammad",
    "mohammed": "muhammad",
    "muhammed": "muhammad",
    "mohamed": "muhammad",
    "mohamad": "muhammad",
    "mohd": "muhammad",
    "muhammd": "muhammad",
}
#: Words so common in the archive's names that sharing only them says nothing: a pair of
#: names sharing no other word is not a `surname` or `given` candidate.
COMMON_WORDS = frozenset(
    [
        "muhammad",
        "mohammad",
        "mohammed",
        "muhammed",
        "ali",
        "khan",
        "ahmed",
        "ahmad",
        "abdul",
        "syed",
        "shah",
        "hussain",
        "malik",
        "chaudhry",
    ]
)
WORD = re.compile(r"[a-z]+")


def skeleton(name: str) -> str:
    """A name's consonants in order, spaces and hyphens gone, doubled letters once, vowels and
    y/w/h-after-a-consonant dropped (Yousaf, Yusuf and Yousuf all give "ysf")."""
    words = [GIVEN_FORMS.get(word, word) for word in WORD.findall(name.lower())]
    joined = "".join(words)
    if not joined:
        return ""
    head, rest = joined[0], re.sub(r"(?<=[bcdfgjklmnpqrstvxz])h", "", joined[1:])
    rest = re.sub(r"[aeiouyw]", "", rest)
    return re.sub(r"(.)\1+", r"\1", head + rest)


def kind_of(a: str, b: str) -> str | None:
    """Which kind of candidate the pair is, or None when it is none of them."""
    wa, wb = a.lower().split(), b.lower().split()
    if skeleton(a) == skeleton(b):
        return "variant"
    short, long = (wa, wb) if len(wa) < len(wb) else (wb, wa)
    if len(short) >= 2 and len(short) < len(long) and set(short) <= set(long):
        return "inside"
    if len(wa) >= 2 and len(wb) >= 2:
        if wa[-1] == wb[-1] and wa[0] != wb[0] and wa[-1] not in COMMON_WORDS:
            return "surname"
        head = 2 if min(len(wa), len(wb)) >= 3 else 1
        if wa[:head] == wb[:head] and wa[-1] != wb[-1] and not set(wa[:head]) <= COMMON_WORDS:
            return "given"
    if difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= NEAR:
        return "near"
    return None


def pair_hash(a: str, b: str) -> str:
    """The pair's sort key and split source: sha1 of the two names sorted, joined by '|'."""
    return hashlib.sha1("|".join(sorted((a, b))).encode()).hexdigest()


def split_of(a: str, b: str) -> str:
    """'tune' for about 6 pairs in 10, else 'test': fixed by the pair's hash before labelling."""
    return "tune" if int(pair_hash(a, b)[0], 16) < 10 else "test"


def people(index_dir: Path) -> list[tuple[str, int]]:
    """The `POOL` most frequent people values of the index, with their article counts."""
    from search.engines import open_engine

    engine = open_engine(index_dir)
    try:
        return [(v.value, v.count) for v in engine.facet_values("person", limit=POOL)]
    finally:
        engine.close()


def candidates(values: list[tuple[str, int]]) -> dict[str, list[tuple[str, str]]]:
    """Every candidate pair of the pool by kind, each kind ordered by the salted pair hash.
    Only pairs sharing a word or a skeleton are compared, which keeps this to seconds."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for name, _ in values:
        by_key["s:" + skeleton(name)].add(name)
        for word in set(name.lower().split()):
            by_key["w:" + word].add(name)
    near_pairs = _near_pairs([name for name, _ in values])
    seen: set[tuple[str, str]] = set()
    kinds: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for group in [*by_key.values(), *near_pairs]:
        for a, b in combinations(sorted(group), 2):
            if (a, b) in seen:
                continue
            seen.add((a, b))
            kind = kind_of(a, b)
            if kind is not None:
                kinds[kind].append((a, b))
    return {kind: sorted(pairs, key=_salted) for kind, pairs in kinds.items()}


def _salted(pair: tuple[str, str]) -> str:
    """The order of a kind's candidates: a hash that knows nothing of the names' meaning."""
    return hashlib.sha1((SALT + "|".join(pair)).encode()).hexdigest()


def _near_pairs(names: list[str]) -> Iterator[set[str]]:
    """Pairs of names of similar length and the same first letter whose spellings are close."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_first[name[:1].lower()].append(name)
    for group in by_first.values():
        for a, b in combinations(group, 2):
            if (
                abs(len(a) - len(b)) <= 2
                and difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() >= NEAR
            ):
                yield {a, b}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("index_dir", type=Path, help="a built Broadsheet index (read only)")
    parser.add_argument("--all", action="store_true", help="print every candidate, not just the quota")
    args = parser.parse_args(argv)
    values = people(args.index_dir)
    counts = dict(values)
    kinds = candidates(values)
    for kind in QUOTA:
        pairs = kinds.get(kind, [])
        shown = pairs if args.all else pairs[: QUOTA[kind]]
        print(f"# {kind}: {len(pairs)} candidates, {len(shown)} shown", file=sys.stderr)
        for rank, (a, b) in enumerate(shown, 1):
            print(f"{kind}\t{rank}\t{a}\t{b}\t{counts[a]}\t{counts[b]}\t{split_of(a, b)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
