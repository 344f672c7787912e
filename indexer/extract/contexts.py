"""How the archive uses a name: as a place ("in Khan Younis", "the Mir Ali area"), a thing
("the James Webb telescope") or a person ("Mr Ali said", "Ali, 45,").

One article may give a name no sign either way; over the whole archive the signs add up.
The indexing run counts them for every person name of every article (`name_contexts`), and
the archive-wide merge drops a name whose uses are mostly a place's or a thing's, or that
the settlement gazetteer (`data/settlements.txt`) lists and the archive never shows acting as
a person (see `merging.place_or_thing`).

The same pass keeps the words written just before the name in its clause ("Finance Minister
Muhammad Aurangzeb", "PTI leader ...", "Justice ..."): the titles the archive gives a person,
which tell two spellings of one official from two people sharing a name (`merging`).
"""

from __future__ import annotations

import re
import sys
from functools import cache
from typing import NamedTuple

from . import names
from .people import HONORIFICS, SPEECH_VERBS

#: Words before a name that put it on the map ("in", "near"); not "from" or "to", which
#: people follow as often ("a call from Imran Khan").
PLACE_BEFORE = frozenset(
    {"in", "at", "near", "outside", "inside", "across", "around", "towards", "toward", "via", "into"}
)
#: Words after a name that make it a place ("Mir Ali area", "Malir cantonment", "Jabalia camp").
PLACE_AFTER = frozenset(
    {
        "district",
        "tehsil",
        "village",
        "town",
        "city",
        "area",
        "areas",
        "camp",
        "cantonment",
        "resort",
        "region",
        "valley",
        "neighbourhood",
        "neighborhood",
        "bazaar",
        "road",
        "border",
        "crossing",
        "sector",
        "division",
        "province",
        "governorate",
        "suburb",
        "locality",
        "municipality",
        "union",
        "police",
    }
)
#: Words after a name that make it a named thing ("the Hubble telescope", "Gaddafi Stadium").
THING_AFTER = frozenset(
    {
        "telescope",
        "stadium",
        "ship",
        "vessel",
        "carrier",
        "frigate",
        "destroyer",
        "submarine",
        "satellite",
        "rover",
        "spacecraft",
        "probe",
        "jeep",
        "car",
        "cars",
        "van",
        "sedan",
        "suv",
        "model",
        "aircraft",
        "jet",
        "drone",
        "missile",
        "rifle",
        "tank",
        "hospital",
        "university",
        "airport",
        "expressway",
        "motorway",
    }
)
#: Words after a name that show a person.
PERSON_AFTER = SPEECH_VERBS | {"who", "whose", "his", "her", "himself", "herself"}

#: Words before a name that say nothing about who it is, left out of its titles.
NOT_TITLES = frozenset(
    {
        *("a", "an", "the", "and", "or", "of", "in", "on", "at", "to", "by", "for", "from", "with"),
        *("as", "that", "this", "than", "was", "were", "is", "are", "be", "been", "has", "have"),
        *("had", "his", "her", "its", "their", "said", "says", "told", "also", "when", "while"),
        *("after", "before", "but", "who"),
    }
)
#: How far before a name its titles are looked for, and how many words are kept.
_TITLE_REACH = 40
_TITLE_WORDS = 3
_CLAUSE_END = re.compile(r"[.,;:!?\"“”()\[\]\n]")
_TITLE_WORD = re.compile(r"[^\W\d_]{2,}")
_NEXT = re.compile(r"^(['’]s?)?\s*([,(]?)\s*([\w’'-]*)")
_AGE = re.compile(r"^,\s*\d{1,3}\s*,")
_WORD_CHAR = re.compile(r"\w")


@cache
def _person_before() -> frozenset[str]:
    return names.titles() | HONORIFICS


class NameUses(NamedTuple):
    """How one article uses a name: as a place, a thing and a person (counts of mentions), and
    the words it writes just before the name (its titles)."""

    place: int = 0
    thing: int = 0
    person: int = 0
    titles: frozenset[str] = frozenset()


def name_contexts(body: str, name: str) -> NameUses:
    """How `body` uses `name`: as a place, as a thing and as a person, and with which titles."""
    place = thing = person = 0
    titles: set[str] = set()
    start = 0
    while (at := body.find(name, start)) >= 0:
        start = end = at + len(name)
        if at and _WORD_CHAR.match(body[at - 1]) or end < len(body) and _WORD_CHAR.match(body[end]):
            continue  # inside a longer word or name
        reach = body[max(0, at - _TITLE_REACH) : at]
        if at > _TITLE_REACH:  # the reach opens inside a word: not one of the titles
            reach = reach[reach.find(" ") + 1 :]
        before = body[max(0, at - 24) : at].split()
        previous = before[-1] if before else ""
        clause = _CLAUSE_END.split(reach)[-1]
        words = [word for word in _TITLE_WORD.findall(clause.casefold()) if word not in NOT_TITLES]
        titles.update(words[-_TITLE_WORDS:])
        after = body[end : end + 40]
        match = _NEXT.match(after)
        possessive = bool(match and match.group(1))
        following = match.group(3).casefold() if match and not match.group(2) else ""
        if previous in _person_before() or following in PERSON_AFTER or _AGE.match(after):
            person += 1
        elif following in THING_AFTER:
            thing += 1
        elif following in PLACE_AFTER or previous in PLACE_BEFORE and not possessive:
            place += 1
    return NameUses(place, thing, person, frozenset(sys.intern(word) for word in titles))
