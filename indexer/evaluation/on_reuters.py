"""Recall of Reuters-21578's human PLACES (countries only) and PEOPLE labels.

Reuters labels are not exhaustive (a story names more places than it is filed
under), so only recall is meaningful. Codes map to names through two data files:
`data/reuters_places.tsv` (blank = a territory or a state with several successors,
left out) and `data/reuters_people.tsv` (full name where certain, and the surname a
predicted name must end with). PLACES are scored on a fixed sample, PEOPLE on every
story that has PEOPLE labels, so the run stays within a minute or two.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from indexer.evaluation import extractors
from indexer.evaluation.metrics import Counts, GoldName, fold, match
from indexer.evaluation.report import Report, Row
from indexer.readers.reuters import ReutersLabels, read_labelled
from search.models import Article

REUTERS = Path("corpora") / "reuters21578"
DATA = Path(__file__).resolve().parent / "data"
#: One story in this many (by a hash of its NEWID) is in the PLACES sample: about 3,000 of 18,000.
PLACES_SAMPLE_EVERY = 6


@dataclass(frozen=True, slots=True)
class Person:
    full: str
    surname: str

    def matches(self, name: str) -> bool:
        folded, surname = fold(name), fold(self.surname)
        return (
            folded == surname
            or folded.endswith(" " + surname)
            or (bool(self.full) and folded == fold(self.full))
        )


def load_places(path: Path = DATA / "reuters_places.tsv") -> dict[str, GoldName]:
    """Code → country with its accepted spellings; codes that are not countries are absent."""
    places = {}
    for code, name, others in _rows(path):
        if name:
            places[code] = GoldName(name, tuple(o for o in others.split(",") if o))
    return places


def load_people(path: Path = DATA / "reuters_people.tsv") -> dict[str, Person]:
    return {code: Person(full, surname) for code, full, surname in _rows(path)}


def in_places_sample(article: Article) -> bool:
    digest = hashlib.blake2b(article.id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % PLACES_SAMPLE_EVERY == 0


def stories(shared: Path) -> list[tuple[Article, ReutersLabels]]:
    """Every story that has a body and at least one PLACES or PEOPLE label."""
    out: list[tuple[Article, ReutersLabels]] = []
    for path in sorted((shared / REUTERS).glob("reut2-*.sgm")):
        out.extend(
            (a, labels) for a, labels in read_labelled(path) if a.body and (labels.places or labels.people)
        )
    return out


def evaluate_reuters(shared: Path, report: Report) -> None:
    if not (shared / REUTERS).is_dir():
        report.notes.append(f"reuters: {shared / REUTERS} not found, not evaluated")
        return
    find_people, find_countries = extractors.people(), extractors.countries()
    if find_people is None and find_countries is None:
        report.notes.append("reuters: no people or countries extractor yet, not evaluated")
        return
    places, people = load_places(), load_people()
    labelled = stories(shared)
    if find_countries is not None:
        sample = [
            (a, [places[c] for c in dict.fromkeys(labels.places) if c in places])
            for a, labels in labelled
            if in_places_sample(a)
        ]
        sample = [(a, gold) for a, gold in sample if gold]
        counts = sum((match(find_countries(a), gold) for a, gold in sample), Counts())
        report.rows.append(
            Row(
                "countries",
                "reuters PLACES",
                len(sample),
                counts=counts,
                recall_only=True,
                note=f"1 story in {PLACES_SAMPLE_EVERY}, by a hash of its id",
            )
        )
    if find_people is not None:
        with_people = [(a, [people[c] for c in labels.people if c in people]) for a, labels in labelled]
        with_people = [(a, gold) for a, gold in with_people if gold]
        counts = Counts()
        for article, gold in with_people:
            found = find_people(article)
            hits = sum(any(person.matches(name) for name in found) for person in gold)
            counts += Counts(tp=hits, fn=len(gold) - hits)
        report.rows.append(
            Row(
                "people",
                "reuters PEOPLE",
                len(with_people),
                counts=counts,
                recall_only=True,
                note="every story with PEOPLE labels",
            )
        )


def _rows(path: Path) -> list[list[str]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            rows.append((line.split("\t") + ["", ""])[:3])
    return rows
