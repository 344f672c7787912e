"""The archive-wide name merge, done from names and what the archive says about them.

"Yousuf Raza Gilani" and "Yousaf Raza Gilani", "Qamar Bajwa" and "Qamar Javed Bajwa" become
one person across the archive (`indexer.extract.merging`), which needs every name's count,
co-mentions and years before any article is written. A run gathers them as each article is
read (a compact summary: one entry per distinct name), then renames the articles batch by
batch as they go to the index, and records every merge with its evidence beside the index
for `broadsheet names`.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

from indexer.extract import Aliases
from indexer.extract.contexts import name_contexts
from indexer.extract.merging import Decisions, Merge, NameEvidence, merge_decisions
from search.models import Article

#: The record of the last run's merges, in the index folder.
RECORD = "names.json"
#: How many articles must name someone as a person before a bare mention of the full name
#: ("talk to Kim Jong Un") is taken as theirs: on the read gold sets, 2 to 15 give the same F1
#: (0.925 to 0.926, from 0.922); 5 keeps most of the recall and few names the extractor
#: wrongly took for people a few times ("Fitna Al Khawarij", a town's "Ghazi Khan").
KNOWN_PERSON = 5


class NameMerge:
    """Gathers names' evidence while articles are read; `apply` then gives each person one name.

    Names are merged over this run's articles together with those already stored (known
    by their counts only), and the keeper's alias file has the last word. A full name an
    article writes bare (`Article.unconfirmed_people`) becomes one of its people when at least
    `KNOWN_PERSON` articles name that person. Articles an incremental run does not rewrite
    keep their names until the next full reindex.
    """

    def __init__(self, stored: Callable[[], Mapping[str, int]], aliases: Aliases) -> None:
        self.evidence: dict[str, NameEvidence] = {}
        #: The stored names' counts, asked for only when there is something to write.
        self.stored = stored
        self.aliases = aliases
        self.decisions: Decisions | None = None
        #: The names at least `KNOWN_PERSON` articles give as people's, once gathering ends.
        self.known: frozenset[str] = frozenset()

    def count(self, articles: list[Article]) -> None:
        for article in articles:
            gather(self.evidence, article)

    def apply(self, articles: list[Article]) -> list[Article]:
        """`articles` with their people renamed; the first call ends gathering."""
        if self.decisions is None:
            for name, count in self.stored().items():
                self.evidence.setdefault(name, NameEvidence()).count += count
            self.decisions = merge_decisions(self.evidence, self.aliases.keep_apart)
            self.known = frozenset(name for name, seen in self.evidence.items() if seen.count >= KNOWN_PERSON)
            self.evidence = {}  # the summary is spent: let it go
        merged = []
        for article in articles:
            known = (name for name in article.unconfirmed_people if name in self.known)
            people = self.aliases.apply(self.decisions.people((*article.people, *known)))
            if people != article.people or article.unconfirmed_people:
                article = replace(article, people=people, unconfirmed_people=())
            merged.append(article)
        return merged

    def save(self, state_dir: Path, generation: str, *, full: bool) -> None:
        """Record the merges behind `generation`'s names for `broadsheet names`. An incremental
        run keeps the earlier runs' merges: its stored articles carry their names already."""
        decisions = self.decisions or Decisions()
        merges = list(decisions.merges)
        if not full:
            merged = {merge.variant for merge in merges}
            merges += [merge for merge in load_record(state_dir).merges if merge.variant not in merged]
        record = {
            "generation": generation,
            "merges": [asdict(merge) for merge in merges],
            "kept_apart": [list(pair) for pair in decisions.kept_apart],
            "dropped": decisions.dropped,
        }
        tmp = state_dir / f".{RECORD}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        os.replace(tmp, state_dir / RECORD)


def gather(evidence: dict[str, NameEvidence], article: Article) -> None:
    """Add what `article` says about each person it names to `evidence`."""
    year = article.date.year if article.date else None
    for name in article.people:
        others = (other for other in article.people if other != name)
        uses = name_contexts(article.body, name)
        evidence.setdefault(name, NameEvidence()).add(others, year, uses)


@dataclass(frozen=True, slots=True)
class Record:
    """What the last run decided about names: its generation, merges, undone merges and drops."""

    generation: str | None = None
    merges: list[Merge] = field(default_factory=list)
    kept_apart: list[tuple[str, str]] = field(default_factory=list)
    dropped: dict[str, str] = field(default_factory=dict)


def load_record(state_dir: Path) -> Record:
    """The last run's record; an empty one when no run recorded it (or it is damaged)."""
    try:
        record = json.loads((state_dir / RECORD).read_text(encoding="utf-8"))
        merges = [Merge(**merge) for merge in record["merges"]]
        apart = [(a, b) for a, b in record["kept_apart"]]
        dropped = {str(name): str(reason) for name, reason in record.get("dropped", {}).items()}
        return Record(record.get("generation"), merges, apart, dropped)
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return Record()
