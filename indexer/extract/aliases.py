"""The keeper's alias file: person merges and false positives that rules cannot decide.

Format (UTF-8 text, one entry a line, `#` starts a comment line):

    Qamar Bajwa => Qamar Javed Bajwa     # a merge: variant => canonical
    drop: Rescue 1122                    # a false positive: never a person
    keep apart: Asif Ali | Asif Ali Zardari   # two people the archive-wide merge must not join

Matching ignores case and repeated spaces. Merges chain (a => b, b => c gives a => c).
See docs/facets.md.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent / "data" / "aliases.txt"


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Aliases:
    """Parsed alias file. `digest` fingerprints its content for the extractor version."""

    merges: dict[str, str] = field(default_factory=dict)
    drops: frozenset[str] = frozenset()
    #: Pairs of names the archive-wide merge (`merging.merge_decisions`) never makes one person.
    keep_apart: tuple[tuple[str, str], ...] = ()
    digest: str = ""

    @classmethod
    def parse(cls, text: str) -> Aliases:
        merges: dict[str, str] = {}
        drops: set[str] = set()
        apart: list[tuple[str, str]] = []
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            line = line.split(" #", 1)[0].strip()
            if line.lower().startswith("drop:"):
                drops.add(_fold(line[5:]))
            elif line.lower().startswith("keep apart:"):
                pair = [" ".join(part.split()) for part in line[len("keep apart:") :].split("|")]
                if len(pair) != 2 or not all(pair):
                    raise ValueError(f"alias line {number}: expected 'keep apart: name | name': {raw!r}")
                apart.append((pair[0], pair[1]))
            elif "=>" in line:
                variant, canonical = (part.strip() for part in line.split("=>", 1))
                if not variant or not canonical:
                    raise ValueError(f"alias line {number}: both sides of '=>' need a name: {raw!r}")
                merges[_fold(variant)] = " ".join(canonical.split())
            else:
                raise ValueError(
                    f"alias line {number}: expected 'variant => canonical', 'drop: name' "
                    f"or 'keep apart: name | name': {raw!r}"
                )
        digest = hashlib.blake2b(text.encode("utf-8"), digest_size=6).hexdigest()
        return cls(merges=merges, drops=frozenset(drops), keep_apart=tuple(apart), digest=digest)

    def canonical(self, name: str) -> str | None:
        """The name to index for `name`, or None when it is a listed false positive."""
        seen: set[str] = set()
        while (key := _fold(name)) in self.merges and key not in seen:
            seen.add(key)
            name = self.merges[key]
        return None if _fold(name) in self.drops else name

    def apply(self, names: Iterable[str]) -> tuple[str, ...]:
        """Canonical names in the given order, drops removed, duplicates folded."""
        out: dict[str, str] = {}
        for name in names:
            canonical = self.canonical(name)
            if canonical:
                out.setdefault(_fold(canonical), canonical)
        return tuple(out.values())


def load(path: Path | None = None) -> Aliases:
    """Read an alias file; the shipped default when `path` is None."""
    return Aliases.parse((path or DEFAULT_PATH).read_text(encoding="utf-8"))


@cache
def default_aliases() -> Aliases:
    """The shipped alias file, read once per process."""
    return load()
