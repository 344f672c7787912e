"""Build `data/world_given_names.txt`: given names of 105 countries, from names-dataset.

Run `python -m indexer.extract.world_names` after upgrading names-dataset (a test extra,
pinned). The archive-mined lists (`lexicon.py`) know the given names Pakistani and British
news puts after a title; the people a news archive names come from everywhere ("Kristian
Midtgard", "Iga Swiatek", "Ravindra Jadeja"), and a name with no title, role or speech verb
beside it is found only when its given name is known. names-dataset (Apache-2.0) ranks each
first name by how many people bear it in each of 105 countries; a name among the
`MOST_COMMON` of any one country is kept. The extractor reads only the file this writes, so
the 25 MB source is a build-time dependency, and an upgrade shows up as a reviewable diff.

The people extractor trusts these names less than the mined ones (`people._world_named`):
only to open two or three unknown capitalised words, and never an everyday word, a place
or a nationality, which it takes out when it reads the file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .names import DATA

PATH = DATA / "world_given_names.txt"
#: A name among the first this many of one country's given names is a given name.
MOST_COMMON = 1000
#: Words the dataset ranks as given names that news text writes as something else: a
#: carmaker, an assembly, a house of worship, a festival, a dynasty, a saint's place.
NOT_GIVEN = frozenset(
    {"Kia", "Suzuki", "Majlis", "Dewan", "Baitul", "Chand", "Qin", "Sina", "Santa", "Santo", "Sao"}
)
HEADER = (
    "# Given names among the first {rank} of one country's, from names-dataset (Apache-2.0),\n"
    "# built by indexer/extract/world_names.py: do not edit, rebuild.\n"
)


def world_given_names(
    first_names: Mapping[str, Mapping[str, Any]], most_common: int = MOST_COMMON
) -> list[str]:
    """The names whose best rank in any country is at most `most_common`, written as one
    capitalised word of letters (not "J.", "Abdul-Rahman" or "DE"), in sorted order."""
    kept = []
    for name, facts in first_names.items():
        ranks: Iterable[int] = (facts.get("rank") or {}).values()
        best = min(ranks, default=None)
        if best is None or best > most_common or name in NOT_GIVEN:
            continue
        if len(name) >= 3 and name.isalpha() and name[0].isupper() and name[1:].islower():
            kept.append(name)
    return sorted(kept)


def build() -> list[str]:
    """The file's names, from the installed names-dataset."""
    from names_dataset import NameDataset

    return world_given_names(NameDataset(load_last_names=False).first_names)


def main() -> None:
    names = build()
    PATH.write_text(HEADER.format(rank=MOST_COMMON) + "\n".join(names) + "\n", encoding="utf-8")
    print(f"{len(names)} given names -> {PATH}")


if __name__ == "__main__":
    main()
