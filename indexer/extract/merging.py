"""The archive-wide name merge: which names are one person, and why.

The per-article extractor cannot see other articles. The indexing run gathers, for every
person name in the archive, how often it is named, who else its articles name (co-mentions)
and when (`NameEvidence`), then `merge_decisions` says which names are one person:

- **spelling**: the same name under another transliteration (`search.transliteration`:
  "Yousuf Raza Gilani" and "Yousaf Raza Gilani"), or with two words written as one
  ("Mian Gul Hassan Aurangzeb", "Miangul Hassan Aurangzeb"). The most frequent spelling is
  the canonical value. A name made only of given names ("Muhammad Ali", "Mohammad Ali") is
  shared by many people, so its spellings join only when their articles name the same
  other people; two spellings whose articles name many people but none in common stay apart.
- **contraction**: a shorter form of a fuller name with the same first word and surname
  ("Qamar Bajwa" -> "Qamar Javed Bajwa"), see `_contraction_target`.
- **surname**: a lone surname joins the full name that holds nearly all its mentions
  ("Rouhani" -> "Hassan Rouhani").

The keeper's `keep apart: A | B` lines (the alias file) undo any merge of A with B.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from search.transliteration import fold_word, joined_keys, name_key

from . import names

#: How dominant a full name must be among those sharing a surname to absorb the bare surname.
SURNAME_SHARE = 0.9
#: How common a fuller name must be, against the short form, to absorb it across the archive:
#: "Naseem Ali Shah" once does not swallow the cricketer "Naseem Shah" named 34 times.
FULLER_SHARE = 0.1
#: Co-mentioned names two spellings of a generic name must share to be one person.
SHARED_FOR_GENERIC = 2
#: Two spellings that each co-occur with this many names and share none are different people.
DISJOINT_AFTER = 20
#: Co-mentions kept per name (the first distinct ones met): enough to compare spellings,
#: bounded so a large archive's summary stays small.
CO_MENTION_CAP = 60

#: Uses as a place or thing that make a name one (see `place_or_thing`).
PLACE_USES = 3
PLACE_SHARE = 0.25

Key = tuple[str, ...]


@dataclass(slots=True)
class NameEvidence:
    """What the archive says about one name: how many articles name it, which other names
    those articles give (the first `CO_MENTION_CAP`), and the years it is named in."""

    count: int = 0
    co_mentions: Counter[str] = field(default_factory=Counter)
    first_year: int | None = None
    last_year: int | None = None
    #: Uses of the name as a place, a named thing and a person (`contexts.name_contexts`).
    place: int = 0
    thing: int = 0
    person: int = 0

    def add(self, others: Iterable[str], year: int | None, uses: tuple[int, int, int] = (0, 0, 0)) -> None:
        self.count += 1
        self.place += uses[0]
        self.thing += uses[1]
        self.person += uses[2]
        for other in others:
            if other in self.co_mentions or len(self.co_mentions) < CO_MENTION_CAP:
                self.co_mentions[other] += 1
        if year is not None:
            self.first_year = year if self.first_year is None else min(self.first_year, year)
            self.last_year = year if self.last_year is None else max(self.last_year, year)

    def years(self) -> str:
        if self.first_year is None or self.last_year is None:
            return "undated"
        return (
            str(self.first_year)
            if self.first_year == self.last_year
            else f"{self.first_year}-{self.last_year}"
        )


@dataclass(frozen=True, slots=True)
class Merge:
    """One name folded into another, with the rule and what the archive showed."""

    variant: str
    canonical: str
    rule: str  # "spelling", "contraction" or "surname"
    variant_count: int
    canonical_count: int
    evidence: str


@dataclass(slots=True)
class Decisions:
    mapping: dict[str, str] = field(default_factory=dict)
    merges: list[Merge] = field(default_factory=list)
    #: Names that are no person's facet value (a place, a thing, a lone word), with the reason.
    dropped: dict[str, str] = field(default_factory=dict)
    #: Merges the keeper's keep-apart lines undid, as (variant, canonical).
    kept_apart: list[tuple[str, str]] = field(default_factory=list)


def evidence_from_counts(counts: Mapping[str, int]) -> dict[str, NameEvidence]:
    """Counts only (names already stored, or a caller with nothing else): no co-mentions."""
    return {name: NameEvidence(count=count) for name, count in counts.items()}


def merge_names(counts: Mapping[str, int]) -> dict[str, str]:
    """`variant -> canonical` for names known only by their counts (see `merge_decisions`)."""
    return merge_decisions(evidence_from_counts(counts)).mapping


@cache
def _given() -> frozenset[str]:
    return frozenset(fold_word(name) for name in names.given_names())


@cache
def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(fold_word(word) for word in words)


def generic(key: Key) -> bool:
    """A name many people share: a common first word ("Muhammad", "Syed") with one word after
    it, or up to two given names and nothing else ("Muhammad Farooq", "Ali Raza", "Imran")."""
    if len(key) == 2 and key[0] in _folded(names.GENERIC_FIRST):
        return True
    return len(key) <= 2 and all(word in _given() for word in key)


def _shared(a: NameEvidence, b: NameEvidence, a_name: str, b_name: str) -> list[str]:
    common = set(a.co_mentions) & set(b.co_mentions) - {a_name, b_name}
    return sorted(common, key=lambda name: -(a.co_mentions[name] + b.co_mentions[name]))


def same_spelling_person(
    variant: str, canonical: str, evidence: Mapping[str, NameEvidence]
) -> tuple[bool, str]:
    """Two spellings of one name (equal keys): one person? With the evidence, in words."""
    a, b = evidence.get(variant, NameEvidence()), evidence.get(canonical, NameEvidence())
    shared = _shared(a, b, variant, canonical)
    named = ", ".join(shared[:3]) + (f" +{len(shared) - 3}" if len(shared) > 3 else "")
    both = f"{len(shared)} co-mentioned in common ({named})" if shared else "no co-mentions in common"
    years = f"years {a.years()} / {b.years()}"
    if generic(name_key(canonical)):
        if len(shared) >= SHARED_FOR_GENERIC:
            return True, f"name shared by many, but {both}; {years}"
        return False, f"name shared by many and only {both}"
    if not shared and min(len(a.co_mentions), len(b.co_mentions)) >= DISJOINT_AFTER:
        return False, f"{both} among {len(a.co_mentions)} and {len(b.co_mentions)}"
    surname = name_words_last(canonical)
    return True, f"same surname {surname} and given names under another spelling; {both}; {years}"


def name_words_last(name: str) -> str:
    return name.split()[-1] if name.split() else name


def _canonical_first(evidence: Mapping[str, NameEvidence]) -> list[str]:
    return sorted(evidence, key=lambda name: (-evidence[name].count, name))


def merge_decisions(
    evidence: Mapping[str, NameEvidence], keep_apart: Iterable[tuple[str, str]] = ()
) -> Decisions:
    """Decide, over the whole archive, which names are one person (see the module's rules)."""
    apart = {frozenset((_fold(a), _fold(b))) for a, b in keep_apart}
    decisions = Decisions()
    for name, seen in evidence.items():
        reason = place_or_thing(name, seen) if len(name.split()) > 1 else None
        if reason:
            decisions.dropped[name] = reason
    ordered = [name for name in _canonical_first(evidence) if name not in decisions.dropped]
    keys = {name: name_key(name) for name in ordered}
    # 1. Spellings: each name joins the most frequent name with the same (or a joined) key.
    by_key: dict[Key, list[str]] = {}
    for name in ordered:
        by_key.setdefault(keys[name], []).append(name)
    #: Key -> names that give it with two of their words written as one.
    by_joined: dict[Key, list[str]] = {}
    for name in ordered:
        for joined in joined_keys(name):
            by_joined.setdefault(joined, []).append(name)
    spelling: dict[str, str] = {}
    for name in ordered:
        key = keys[name]
        heads = [by_key[key][0], *by_joined.get(key, [])[:1]]
        heads += [by_key[joined][0] for joined in joined_keys(name) if joined in by_key]
        head = min(heads, key=lambda other: (-evidence[other].count, other))
        if head == name or not key:
            continue
        same, why = same_spelling_person(name, head, evidence)
        if same:
            spelling[name] = spelling.get(head, head)
            decisions.merges.append(
                Merge(name, spelling[name], "spelling", evidence[name].count, evidence[head].count, why)
            )
    # 2. Contractions and lone surnames, over the spellings' canonical names and summed counts.
    weight: Counter[str] = Counter()
    for name in ordered:
        weight[spelling.get(name, name)] += evidence[name].count
    target = _contractions(weight)
    totals: Counter[str] = Counter()
    for name, count in weight.items():
        totals[target.get(name, name)] += count
    target.update(_surnames(weight, totals))
    for name, full in target.items():
        rule = "contraction" if len(name.split()) > 1 else "surname"
        why = f"{weight[name]} mentions against {totals[full]} for the fuller name"
        decisions.merges.append(Merge(name, full, rule, weight[name], totals[full], why))
    finals = {}
    for name in ordered:
        first = spelling.get(name, name)
        finals[name] = target.get(first, first)
    by_fold = {_fold(name): name for name in ordered}
    for pair in apart:
        both = [by_fold[folded] for folded in pair if folded in by_fold]
        if len(both) == 2 and finals[both[0]] == finals[both[1]]:
            for name in both:
                if finals[name] != name:
                    decisions.kept_apart.append((name, finals[name]))
                    finals[name] = name
    decisions.mapping = {name: final for name, final in finals.items() if final != name}
    mononyms = _folded(names.known_surnames() | names.read_words("mononyms.txt"))
    for name in ordered:
        key = keys[name]
        if len(key) == 1 and name not in decisions.mapping and key[0] not in mononyms:
            decisions.dropped[name] = "a single word the archive never ties to one person's full name"
    decisions.merges = [m for m in decisions.merges if m.variant in decisions.mapping]
    return decisions


def place_or_thing(name: str, found: NameEvidence) -> str | None:
    """Why `name` is a place or a thing rather than a person, or None: the archive uses it
    mostly as one (at least `PLACE_USES` times, twice as often as a person's name plus one,
    and in at least a `PLACE_SHARE` of its articles' worth), or the settlement gazetteer lists
    it and the archive shows it acting as a person no more often than as a place."""
    uses = found.place + found.thing
    kind = "a thing" if found.thing > found.place else "a place"
    counted = f"{found.place} uses as a place, {found.thing} as a thing, {found.person} as a person"
    if uses >= PLACE_USES and uses >= 2 * (found.person + 1) and uses >= PLACE_SHARE * found.count:
        return f"{kind}: {counted}"
    if name in settlements() and (found.person == 0 or uses > found.person):
        return f"a settlement in the gazetteer: {counted}"
    return None


@cache
def settlements() -> frozenset[str]:
    """Settlements of two words or more (`data/settlements.txt`, from GeoNames' cities500)."""
    return names.read_words("settlements.txt")


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _contractions(weight: Mapping[str, int]) -> dict[str, str]:
    """A name of two or more words joins the fullest name it contracts (`names.is_contraction`)
    if it keeps that name's surname or ends in a word that is no given name (`_safe_across`),
    if the fuller name has at least `FULLER_SHARE` of the shorter one's mentions, and only when
    every such fuller name is itself a contraction of the longest one, so "Muhammad Khan"
    never swallows both "Muhammad Ali Khan" and "Muhammad Asif Khan"."""
    keys = {name: name_key(name) for name in weight}
    by_word: dict[str, set[str]] = {}
    for name, key in keys.items():
        for word in key:
            by_word.setdefault(word, set()).add(name)
    target: dict[str, str] = {}
    for name in sorted(weight, key=lambda n: len(keys[n]), reverse=True):
        key = keys[name]
        if len(key) < 2:
            continue
        fuller = [
            other
            for other in by_word[key[0]] & by_word[key[-1]]
            if names.is_contraction(key, keys[other])
            and _safe_across(key, keys[other])
            and weight[other] >= FULLER_SHARE * weight[name]
        ]
        if not fuller:
            continue
        longest = max(fuller, key=lambda other: (len(keys[other]), weight[other], other))
        if all(other == longest or names.is_contraction(keys[other], keys[longest]) for other in fuller):
            target[name] = target.get(longest, longest)
    return target


def _safe_across(short: Key, full: Key) -> bool:
    """Across articles, a contraction is trusted only when it keeps the surname, or ends in a
    word that is no given name ("Imran Ali" is a whole name, not "Imran Ali Dahot"). Generic
    names, all given names ("Umar Farooq") or opening with Muhammad ("Muhammad Farooq"), join
    nothing: too many people share them."""
    given = _given()
    if full[-1] in _folded(names.GENERATIONS) or short[0] in _folded(names.GENERIC_FIRST):
        return False
    if all(word in given for word in short):
        return False
    return short[-1] == full[-1] or short[-1] not in given


def _surnames(weight: Mapping[str, int], totals: Mapping[str, int]) -> dict[str, str]:
    """A single word joins the full name ending in it that holds at least `SURNAME_SHARE` of
    the mentions of all such names ("Rouhani" -> "Hassan Rouhani"; "Sharif" stays)."""
    by_surname: dict[str, list[str]] = {}
    for name in totals:
        key = name_key(name)
        if len(key) > 1:
            by_surname.setdefault(key[-1], []).append(name)
    target: dict[str, str] = {}
    for name in weight:
        key = name_key(name)
        if len(key) != 1:
            continue
        full = by_surname.get(key[0], [])
        best = max(full, key=lambda other: (totals[other], other), default=None)
        if best and totals[best] >= SURNAME_SHARE * sum(totals[other] for other in full):
            target[name] = best
    return target
