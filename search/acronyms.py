"""The archive's acronyms and what they stand for, kept beside the index for each generation.

An indexing run counts every definition its articles give ("the National Accountability
Bureau (NAB)", found by `indexer.extract.acronyms`), and the expansion given most often wins.
The keeper's file `acronyms.txt` in the index folder adds or overrides entries:

    NAB = National Accountability Bureau     # this acronym stands for this name
    drop: PM                                 # never treat this as an acronym

Matching of acronyms ignores case; `#` starts a comment. The table is written per generation
(`acronyms/<generation>.jsonl`), like the record of duplicates, so the organisations facet
and the query-time alternatives (`search.alternatives`) read the one their generation was
built with. It lives on the ground floor so that searching can read it without the indexer.
"""

from __future__ import annotations

import json
import os
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from search.analysis import STOP_WORDS

ACRONYMS_DIR = "acronyms"
KEEPER_FILE = "acronyms.txt"


def fold(text: str) -> str:
    """The key acronyms and expansions are matched by: case, hyphens and spacing ignored."""
    return " ".join(text.casefold().replace("-", " ").split())


def content_words(text: str) -> str:
    """`fold(text)` without stop words ("federal board revenue"), as the query parser keeps it."""
    return " ".join(word for word in fold(text).split() if word not in STOP_WORDS)


@dataclass(frozen=True, slots=True)
class Acronym:
    """One acronym as the archive writes it, its winning expansion, and how often each
    spelling and expansion was given (a keeper's entry counts as given, with no count)."""

    acronym: str
    expansion: str
    forms: Mapping[str, int] = field(default_factory=dict)
    expansions: Mapping[str, int] = field(default_factory=dict)

    @property
    def count(self) -> int:
        """How many definitions the archive gave for this acronym."""
        return sum(self.expansions.values())


@dataclass(frozen=True)
class Keeper:
    """The keeper's acronym file, parsed: entries that set an expansion, and drops."""

    entries: dict[str, tuple[str, str]] = field(default_factory=dict)
    drops: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, text: str) -> Keeper:
        entries: dict[str, tuple[str, str]] = {}
        drops: set[str] = set()
        for number, raw in enumerate(text.splitlines(), 1):
            line = raw.split("#", 1)[0].strip()
            if not line:
                continue
            if line.lower().startswith("drop:"):
                drops.add(fold(line[5:]))
            elif "=" in line:
                acronym, expansion = (" ".join(part.split()) for part in line.split("=", 1))
                if not acronym or not expansion:
                    raise ValueError(f"acronym line {number}: both sides of '=' need text: {raw!r}")
                entries[fold(acronym)] = (acronym, expansion)
            else:
                raise ValueError(
                    f"acronym line {number}: expected 'ACRONYM = Expansion' or 'drop: ACRONYM': {raw!r}"
                )
        return cls(entries, frozenset(drops))

    @classmethod
    def load(cls, state_dir: Path) -> Keeper:
        """The file in `state_dir`, or an empty one when there is none."""
        path = state_dir / KEEPER_FILE
        return cls.parse(path.read_text(encoding="utf-8")) if path.is_file() else cls()


class AcronymTable:
    """Acronym -> expansion, and expansion -> acronym, both matched by `fold`."""

    def __init__(self, acronyms: Iterable[Acronym] = ()) -> None:
        self.by_acronym: dict[str, Acronym] = {fold(a.acronym): a for a in acronyms}
        self.by_expansion: dict[str, Acronym] = {}
        # An expansion several acronyms were given names the one defined most often (ties by
        # name), whatever order the entries came in.
        for entry in sorted(self.by_acronym.values(), key=lambda a: (-a.count, fold(a.acronym))):
            for expansion in [*entry.expansions, entry.expansion]:
                self.by_expansion.setdefault(fold(expansion), entry)
        # The winning spelling always names its own acronym, whatever another entry gave.
        for entry in self.by_acronym.values():
            self.by_expansion[fold(entry.expansion)] = entry
        #: Expansions by their words without stop words, as a parsed query holds them.
        self.by_words = {content_words(key): entry for key, entry in self.by_expansion.items()}

    def __len__(self) -> int:
        return len(self.by_acronym)

    def entries(self) -> list[Acronym]:
        """Every entry, the most often defined first."""
        return sorted(self.by_acronym.values(), key=lambda a: (-a.count, a.acronym))

    def expansion(self, acronym: str) -> str | None:
        entry = self.by_acronym.get(fold(acronym))
        return entry.expansion if entry else None

    def acronym_of(self, expansion: str) -> str | None:
        entry = self.by_expansion.get(fold(expansion))
        return entry.acronym if entry else None

    def entry(self, name: str) -> Acronym | None:
        """The entry `name` is the acronym or one of the expansions of."""
        key = fold(name)
        return self.by_acronym.get(key) or self.by_expansion.get(key)

    @classmethod
    def build(
        cls,
        definitions: Mapping[tuple[str, str], int],
        keeper: Keeper | None = None,
        stored: AcronymTable | None = None,
    ) -> AcronymTable:
        """The table from (acronym, expansion) -> how often the archive gave it, added to
        what `stored` counted, with the keeper's file having the last word."""
        forms: dict[str, Counter[str]] = {}
        expansions: dict[str, Counter[str]] = {}
        for entry in stored.by_acronym.values() if stored else ():
            key = fold(entry.acronym)
            forms.setdefault(key, Counter()).update(entry.forms)
            expansions.setdefault(key, Counter()).update(entry.expansions)
        for (acronym, expansion), count in definitions.items():
            key = fold(acronym)
            forms.setdefault(key, Counter())[acronym] += count
            expansions.setdefault(key, Counter())[expansion] += count
        keeper = keeper or Keeper()
        entries: list[Acronym] = []
        for key in sorted(forms.keys() | keeper.entries.keys()):
            if key in keeper.drops:
                continue
            spelled = expansions.get(key, Counter())
            given = dict(sorted(spelled.items(), key=lambda item: (-item[1], item[0])))
            written = dict(sorted(forms.get(key, Counter()).items(), key=lambda item: (-item[1], item[0])))
            if key in keeper.entries:
                acronym, expansion = keeper.entries[key]
            else:
                acronym, expansion = next(iter(written)), _winner(spelled)
            entries.append(Acronym(acronym, expansion, written, given))
        return cls(entries)


def _winner(expansions: Counter[str]) -> str:
    """The expansion given most often; spellings that differ only by case and hyphens
    ("Tehreek-i-Insaf", "Tehreek i Insaf") add up, and the commonest spelling speaks for them."""
    by_key: Counter[str] = Counter()
    for expansion, count in expansions.items():
        by_key[fold(expansion)] += count
    best = min(by_key, key=lambda key: (-by_key[key], key))
    return max((e for e in expansions if fold(e) == best), key=lambda e: (expansions[e], e))


def to_rows(table: AcronymTable) -> list[dict[str, object]]:
    """The table as JSON-ready rows, the most often defined first: what `save` writes a
    line of each, and a cluster keeps (`search.sphinx.meta`)."""
    return [
        {
            "acronym": entry.acronym,
            "expansion": entry.expansion,
            "forms": dict(entry.forms),
            "expansions": dict(entry.expansions),
        }
        for entry in table.entries()
    ]


def from_rows(rows: Iterable[object]) -> AcronymTable:
    """The table back from its rows; a damaged row is passed over."""
    entries: list[Acronym] = []
    for row in rows:
        if not isinstance(row, dict):
            continue
        try:
            entries.append(Acronym(row["acronym"], row["expansion"], row["forms"], row["expansions"]))
        except (TypeError, KeyError):
            continue
    return AcronymTable(entries)


def save(state_dir: Path, generation: str, table: AcronymTable, keep: set[str]) -> None:
    """Write `generation`'s table atomically and drop those of generations not in `keep`."""
    folder = state_dir / ACRONYMS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{generation}.{os.getpid()}.tmp"
    with tmp.open("w", encoding="utf-8") as out:
        for row in to_rows(table):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    os.replace(tmp, folder / f"{generation}.jsonl")
    for old in folder.glob("*.jsonl"):
        if old.stem not in keep | {generation}:
            old.unlink(missing_ok=True)


def load(state_dir: Path, generation: str | None) -> AcronymTable:
    """The table written for `generation`; an empty one when there is none. A damaged line
    is passed over."""
    if not generation:
        return AcronymTable()
    try:
        lines = (state_dir / ACRONYMS_DIR / f"{generation}.jsonl").read_text(encoding="utf-8").splitlines()
    except OSError:
        return AcronymTable()
    rows: list[object] = []
    for line in lines:
        try:
            rows.append(json.loads(line))
        except ValueError:
            continue
    return from_rows(rows)


class LiveTable:
    """The table of whichever generation is live in `state_dir`, read again only when
    another generation goes live: what an engine answers `Engine.acronyms` with."""

    def __init__(self, state_dir: Path, live: Callable[[], str | None]) -> None:
        self.state_dir = state_dir
        self.live = live
        self._lock = threading.Lock()
        self._name: str | None = None
        self._table = AcronymTable()

    def get(self) -> AcronymTable:
        name = self.live()
        with self._lock:
            if name != self._name:
                self._table, self._name = load(self.state_dir, name), name
            return self._table
