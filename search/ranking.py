"""The ranking's optional parts, by name, so an evaluation can turn each off and show what it adds.

Every part is on in normal use. `benchmarks/known_item_mrr.py --without soft,dates` runs the
known-item queries with the named parts off, one table row per part; a new part registers its
name here and checks `enabled(name)` where it acts.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

#: name -> what turning it off removes.
PARTS: dict[str, str] = {
    "soft": "most of the words instead of all of them, with a coordination factor (else: all, then most)",
    "dates": 'a time named in the query (a month, a year, "last year") read as a period to prefer',
    "proximity": "the bonus for query words that stand next to each other in the article",
    "lead": "the bonus for query words in the headline and first words",
    "alternatives": "an acronym's expansion (and an expansion's acronym) as a lower-weighted alternative",
    "spellings": "the archive's other spellings of a name typed (Gillani for Gilani) as alternatives",
    "rescoring": "a cluster's best matches ranked again by the embedded engine's scorer (else Sphinx's)",
}

_off: set[str] = set()


def enabled(part: str) -> bool:
    """Whether a ranking part is on (all are, except inside `without`)."""
    return part not in _off


@contextmanager
def without(*parts: str) -> Iterator[None]:
    """Turn the named parts off for the duration (evaluation only: it is process-wide)."""
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        raise ValueError(f"unknown ranking part(s): {', '.join(unknown)}; known: {', '.join(PARTS)}")
    before = set(_off)
    _off.update(parts)
    try:
        yield
    finally:
        _off.clear()
        _off.update(before)
