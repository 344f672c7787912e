"""The archive-wide name merge: which names are one person, and why.

The per-article extractor cannot see other articles. The indexing run gathers, for every
person name in the archive, how often it is named, who else its articles name (co-mentions)
and when (`NameEvidence`), then `merge_decisions` says which names are one person:

- **spelling**: the same name under another transliteration (`search.transliteration`:
  "Yousuf Raza Gilani" and "Yousaf Raza Gilani"), or with two words written as one
  ("Mian Gul Hassan Aurangzeb", "Miangul Hassan Aurangzeb"). The most frequent spelling is
  the canonical value. A name made only of given names ("Muhammad Ali", "Mohammad Ali") is
  shared by many people, so its spellings join only when their articles name the same
  other people or give them the same titles ("Justice", "police officer", `spelling_affinity`).
  A near spelling the key keeps apart ("Younas" / "Younis", "Haider" / "Hyder", `near_key`)
  joins the same way.
- **contraction**: a shorter form of a fuller name with the same first word and surname
  ("Qamar Bajwa" -> "Qamar Javed Bajwa"), see `_contraction_target`.
- **surname**: a lone surname joins the full name that holds nearly all its mentions
  ("Rouhani" -> "Hassan Rouhani"), and a monarch's first name the regnal name ("Charles" ->
  "Charles III").

The keeper's `keep apart: A | B` lines (the alias file) undo any merge of A with B.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache

from search.transliteration import ARTICLES, fold_word, joined_keys, name_key, near_key

from . import names
from .contexts import NameUses

#: How dominant a full name must be among those sharing a surname to absorb the bare surname.
SURNAME_SHARE = 0.9
#: The share a given name's most frequent full name must hold of the full names ending in it to
#: take all its lone mentions ("Aurangzeb", "Sadiq"); below it ("Iqbal": Ahsan Iqbal, the poet and
#: many more), each article's company decides (`Decisions.person_named`).
GIVEN_SHARE = 0.5
#: How common a fuller name must be, against the short form, to absorb it across the archive:
#: "Naseem Ali Shah" once does not swallow the cricketer "Naseem Shah" named 34 times.
FULLER_SHARE = 0.1
#: How alike two spellings of a name many people share must be in the company they keep
#: (`affinity`) to be one person.
GENERIC_AFFINITY = 0.4
#: The same for two spellings the key keeps apart but the near key joins ("Haider", "Hyder"):
#: on the tuning pairs, different people with such names reached 0.35.
NEAR_AFFINITY = 0.4
#: The same for a shorter and a fuller form that the counts alone do not join
#: ("Maryam Nawaz", "Maryam Nawaz Sharif"), and, stricter, for a form that leaves out a first
#: word ("Tayyip Erdogan") or only initials ("George Bush", "George W. Bush" are two people).
CONTRACTION_AFFINITY = 0.13
LEADING_AFFINITY = 0.25
INITIALS_AFFINITY = 0.5
#: How alike the titles of a name opening with a given name and a fuller one with another first
#: word must also be: a child's name is often a given name before the parent's ("Maryam Nawaz
#: Sharif", "Nawaz Sharif"), who share the company but not the offices.
LEADING_TITLES = 0.5
#: Co-mentions kept per name: when a name has twice this many, only this many of the most
#: frequent are kept (enough to compare spellings; a large archive's summary stays small).
CO_MENTION_CAP = 60
#: The same for the words written before a name (its titles, `contexts.name_contexts`).
TITLE_CAP = 20

#: A lone word the archive does not tie to one person everywhere ("Melania", "Shehbaz", a
#: "Penelope" among many) is the full name of an article's person when at least this many of the
#: article's other people are in that name's company (`Decisions.person_named`), and more than
#: for any other full name it may stand for.
COMPANY_IN_ARTICLE = 2
#: The full names kept for each lone word: its most frequent, named in at least `FULL_NAME_SEEN`
#: articles, each with its `COMPANY_KEPT` most frequent co-mentions.
LONE_CANDIDATES = 3
FULL_NAME_SEEN = 3
COMPANY_KEPT = 30
#: The share of the mentions of every full name opening or ending with a lone word that the one
#: it is taken for must hold: "Muhammad", "Hussain" or "William" open too many people's names
#: for their company to say which one an article means.
LONE_SHARE = 0.25

#: Uses as a place or thing that make a name one (see `place_or_thing`).
PLACE_USES = 3
PLACE_SHARE = 0.25

Key = tuple[str, ...]
#: First words the press writes or leaves out before a distinctive name, which stays one
#: person's name without them ("Aurangzeb Khichi", "Benazir Bhutto").
DROPPED_FIRST = names.GENERIC_FIRST | {"mohtarma", "bibi", "begum", "hazrat"}
#: Ordinals that close a monarch's name, who is often named by the first word alone.
REGNAL = frozenset({"I", "II", "III", "IV", "V", "VI", "VII", "VIII"})

#: What `NameEvidence.add` counts when the caller read no uses (a name known by its count).
_NO_USES = NameUses()


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
    #: In how many articles each word is written just before the name (its titles: "justice",
    #: "senator", "finance", "minister"); the first `TITLE_CAP`, None until one is seen.
    titles: Counter[str] | None = None

    def add(self, others: Iterable[str], year: int | None, uses: NameUses = _NO_USES) -> None:
        self.count += 1
        self.place += uses.place
        self.thing += uses.thing
        self.person += uses.person
        self.co_mentions.update(others)
        if len(self.co_mentions) > 2 * CO_MENTION_CAP:
            self.co_mentions = Counter(dict(self.co_mentions.most_common(CO_MENTION_CAP)))
        if uses.titles:
            if self.titles is None:
                self.titles = Counter()
            self.titles.update(uses.titles)
            if len(self.titles) > 2 * TITLE_CAP:
                self.titles = Counter(dict(self.titles.most_common(TITLE_CAP)))
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
    #: Dropped lone words with the full names they may stand for in one article, each with the
    #: company it keeps: "Melania" -> (("Melania Trump", {"Donald Trump", ...}),).
    lone: dict[str, tuple[tuple[str, frozenset[str]], ...]] = field(default_factory=dict)

    def people(self, named: Iterable[str]) -> list[str]:
        """An article's people under their canonical names, in order: dropped names left out,
        unless a lone word's article names its full name's company (`person_named`)."""
        canonical = [self.mapping.get(name, name) for name in named]
        kept = [name for name in canonical if name not in self.dropped]
        people = []
        for name in canonical:
            if name in self.dropped:
                name = self.person_named(name, kept) or ""
            if name:
                people.append(name)
        return people

    def person_named(self, word: str, others: Iterable[str]) -> str | None:
        """The full name a dropped lone `word` stands for in an article that names `others`
        (canonical names): the one whose company holds at least `COMPANY_IN_ARTICLE` of them,
        more than any other's does. "PM Shehbaz" beside Khawaja Asif and Ishaq Dar is Shehbaz
        Sharif; "Iqra, 12" in a crime report, beside no one the archive knows, stays no one."""
        candidates = self.lone.get(word)
        if not candidates:
            return None
        named = set(others)
        for full, _ in candidates:
            if full in named:  # "Vladimir" beside "Vladimir Putin" is no one else
                return full
        held = sorted(((len(company & named), full) for full, company in candidates), reverse=True)
        best, full = held[0]
        if best < COMPANY_IN_ARTICLE or len(held) > 1 and held[1][0] == best:
            return None
        return full


def evidence_from_counts(counts: Mapping[str, int]) -> dict[str, NameEvidence]:
    """Counts only (names already stored, or a caller with nothing else): no co-mentions."""
    return {name: NameEvidence(count=count) for name, count in counts.items()}


def merge_names(counts: Mapping[str, int]) -> dict[str, str]:
    """`variant -> canonical` for names known only by their counts (see `merge_decisions`)."""
    return merge_decisions(evidence_from_counts(counts)).mapping


@cache
def _given() -> frozenset[str]:
    return frozenset(fold_word(name) for name in names.common_given_names())


@cache
def _folded(words: frozenset[str]) -> frozenset[str]:
    return frozenset(fold_word(word) for word in words)


def generic(key: Key) -> bool:
    """A name many people share: a common first word ("Muhammad", "Syed") with one word after
    it, or up to two given names and nothing else ("Muhammad Farooq", "Ali Raza", "Imran"),
    unless the last is a surname the press uses for one person ("Pervez Musharraf": Musharraf
    is a given name too)."""
    if len(key) == 2 and key[0] in _folded(names.GENERIC_FIRST):
        return True
    if len(key) == 2 and key[1] in _folded(names.known_surnames()):
        return False
    return len(key) <= 2 and all(word in _given() for word in key)


def affinity(a: str, b: str, evidence: Mapping[str, NameEvidence], total: int) -> float:
    """How alike the company two names keep: the cosine of their co-mention counts, each
    co-mentioned name weighted by how rare it is (sharing "Shehbaz Sharif" says little, sharing
    a judge's two colleagues a lot). 0 when either has no co-mentions."""
    vectors = []
    for name in (a, b):
        found = evidence.get(name)
        vector = {}
        for other, count in found.co_mentions.items() if found else ():
            if other not in (a, b):
                other_count = evidence[other].count if other in evidence else 1
                vector[other] = count * math.log((total + 1) / max(other_count, 1))
        vectors.append(vector)
    return _cosine(*vectors)


def _cosine(first: Mapping[str, float], second: Mapping[str, float]) -> float:
    """The cosine of two sparse vectors; 0 when either is empty."""
    dot = sum(weight * second.get(key, 0.0) for key, weight in first.items())
    norms = math.sqrt(sum(w * w for w in first.values())) * math.sqrt(sum(w * w for w in second.values()))
    return dot / norms if norms else 0.0


def title_weights(evidence: Mapping[str, NameEvidence]) -> dict[str, float]:
    """Each title word's weight: the log of how many names the archive has over how many are
    given the word, so a shared "railways" or "justice" says more than a shared "minister"."""
    given: Counter[str] = Counter()
    for found in evidence.values():
        if found.titles:
            given.update(found.titles.keys())
    names_total = len(evidence) + 1
    return {word: math.log(names_total / count) for word, count in given.items()}


def title_affinity(
    a: str, b: str, evidence: Mapping[str, NameEvidence], weights: Mapping[str, float]
) -> float:
    """How alike the titles the archive gives two names are: the cosine of their title counts,
    each word weighted (`title_weights`), discounted by how little was seen: n / (n + 1), n the
    title words counted for the less titled name (a "Transport Secretary" written once beside a
    misspelt name counts two thirds). 0 when either has none."""
    vectors = []
    seen = []
    for name in (a, b):
        found = evidence.get(name)
        titles = found.titles if found and found.titles else Counter()
        vectors.append({word: count * weights.get(word, 0.0) for word, count in titles.items()})
        seen.append(titles.total())
    least = min(seen)
    return _cosine(*vectors) * least / (least + 1)


def spelling_affinity(
    a: str, b: str, evidence: Mapping[str, NameEvidence], total: int, weights: Mapping[str, float]
) -> float:
    """How alike two spellings of a name are in what the archive says of them: the company they
    keep (`affinity`), or its mean with how alike their titles are when that is higher. Titles
    join the police officer, the senator or the judge under two spellings whose articles name
    different people; through the mean, titles alone give at most half, so they must be alike
    and seen often (`GENERIC_AFFINITY`, `NEAR_AFFINITY`).

    Chosen on the `tune` name pairs (gold/name_pairs.jsonl): company alone P 0.980 R 0.835;
    the mean alone lost cricketers the archive gives no titles; titles undiscounted P 0.973
    R 0.939; this form P 0.981 R 0.922."""
    company = affinity(a, b, evidence, total)
    return max(company, (company + title_affinity(a, b, evidence, weights)) / 2)


def _shared_titles(a: NameEvidence, b: NameEvidence, weights: Mapping[str, float]) -> list[str]:
    common = set(a.titles or ()) & set(b.titles or ())
    return sorted(common, key=lambda word: (-weights.get(word, 0.0), word))


def _shared(a: NameEvidence, b: NameEvidence, a_name: str, b_name: str) -> list[str]:
    common = set(a.co_mentions) & set(b.co_mentions) - {a_name, b_name}
    return sorted(common, key=lambda name: -(a.co_mentions[name] + b.co_mentions[name]))


def same_spelling_person(
    variant: str,
    canonical: str,
    evidence: Mapping[str, NameEvidence],
    total: int,
    weights: Mapping[str, float],
) -> tuple[bool, str]:
    """Two spellings of one name (equal keys): one person? With the evidence, in words."""
    a, b = evidence.get(variant, NameEvidence()), evidence.get(canonical, NameEvidence())
    shared = _shared(a, b, variant, canonical)
    named = ", ".join(shared[:3]) + (f" +{len(shared) - 3}" if len(shared) > 3 else "")
    both = f"{len(shared)} co-mentioned in common ({named})" if shared else "no co-mentions in common"
    titled = _shared_titles(a, b, weights)
    if titled:
        both += f", titled alike ({', '.join(titled[:3])})"
    years = f"years {a.years()} / {b.years()}"
    if generic(name_key(canonical)) or generic(name_key(variant)):
        alike = spelling_affinity(variant, canonical, evidence, total, weights)
        if alike >= GENERIC_AFFINITY:
            return True, f"name shared by many, but {both} (affinity {alike:.2f}); {years}"
        return False, f"name shared by many and {both} (affinity {alike:.2f})"
    surname = name_words_last(canonical)
    return True, f"same surname {surname} and given names under another spelling; {both}; {years}"


def near_spelling_person(
    variant: str,
    canonical: str,
    evidence: Mapping[str, NameEvidence],
    total: int,
    weights: Mapping[str, float],
) -> tuple[bool, str]:
    """Two names whose keys differ but whose near keys agree ("Younas Aziz Zehri", "Younis
    Aziz Zehri"; but also "Imad Wasim", "Umaid Wasim"): one person only when what the archive
    says of them is alike (`spelling_affinity` at least `NEAR_AFFINITY`)."""
    alike = spelling_affinity(variant, canonical, evidence, total, weights)
    a, b = evidence.get(variant, NameEvidence()), evidence.get(canonical, NameEvidence())
    if alike >= NEAR_AFFINITY:
        return (
            True,
            f"a near spelling, in the same company or with the same titles (affinity {alike:.2f}); "
            f"years {a.years()} / {b.years()}",
        )
    return False, f"a near spelling in other company (affinity {alike:.2f})"


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
    total = sum(found.count for found in evidence.values())
    weights = title_weights(evidence)
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
    #: Near key -> names, for spellings the key keeps apart ("Younas", "Younis").
    by_near: dict[Key, list[str]] = {}
    for name in ordered:
        by_near.setdefault(near_key(name), []).append(name)
    spelling: dict[str, str] = {}
    for name in ordered:
        key = keys[name]
        heads = [by_key[key][0], *by_joined.get(key, [])[:1]]
        heads += [by_key[joined][0] for joined in joined_keys(name) if joined in by_key]
        head = min(heads, key=lambda other: (-evidence[other].count, other))
        if not key:
            continue
        if head == name:
            head = by_near[near_key(name)][0]
            if head == name:
                continue
            same, why = near_spelling_person(name, head, evidence, total, weights)
        else:
            same, why = same_spelling_person(name, head, evidence, total, weights)
        if same:
            spelling[name] = spelling.get(head, head)
            decisions.merges.append(
                Merge(name, spelling[name], "spelling", evidence[name].count, evidence[head].count, why)
            )
    # 2. Contractions and lone surnames, over the spellings' canonical names and summed counts.
    weight: Counter[str] = Counter()
    for name in ordered:
        weight[spelling.get(name, name)] += evidence[name].count
    target = _contractions(weight, evidence, total, weights)
    totals: Counter[str] = Counter()
    for name, count in weight.items():
        totals[target.get(name, name)] += count
    target.update(_surnames(weight, totals, evidence, total, weights))
    for name, full in target.items():
        rule = "contraction" if len(name.split()) > 1 else "surname"
        alike = affinity(name, full, evidence, total)
        why = f"{weight[name]} mentions against {totals[full]} for {full}; affinity {alike:.2f}"
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
    lone = [
        name
        for name in ordered
        if len(keys[name]) == 1
        and name not in decisions.mapping
        and keys[name][0] not in mononyms
        and not _titled_full_name(name, evidence[name])
    ]
    decisions.lone = _full_names_for(lone, ordered, keys, finals, evidence)
    for name in lone:
        decisions.dropped[name] = "a single word the archive never ties to one person's full name"
        if name in decisions.lone:
            fulls = " or ".join(full for full, _ in decisions.lone[name])
            decisions.dropped[name] += f", but {fulls} where an article names their company"
    decisions.merges = [m for m in decisions.merges if m.variant in decisions.mapping]
    return decisions


def _titled_full_name(name: str, found: NameEvidence) -> bool:
    """Is `name` written in two words or more though its key is one ("Al Franken", "Al Gore":
    the key reads "Al" as the Arabic article), the archive writing a person's title before it
    ("senator", "president") and using it more as a person's name than a place's or a thing's?
    Then it is a full name, not a lone word ("Al Udeid", after "troops at", stays dropped)."""
    return (
        " " in name
        and found.titles is not None
        and not person_titles().isdisjoint(found.titles)
        and found.person > found.place + found.thing
    )


@cache
def person_titles() -> frozenset[str]:
    """Titles and roles as the archive's evidence records them, in lower case ("senator")."""
    return frozenset(title.casefold() for title in names.titles()) | names.cue_words()


def _full_names_for(
    lone: list[str],
    ordered: list[str],
    keys: Mapping[str, Key],
    finals: Mapping[str, str],
    evidence: Mapping[str, NameEvidence],
) -> dict[str, tuple[tuple[str, frozenset[str]], ...]]:
    """For each lone word, the `LONE_CANDIDATES` most frequent canonical full names opening or
    ending with it that hold at least `LONE_SHARE` of the mentions of all such names, with their
    company (canonical names): what `Decisions.person_named` reads."""
    lone = [name for name in lone if name.split()[0].casefold() not in ARTICLES]  # "Al Udeid", "Al Thani"
    wanted = {keys[name][0] for name in lone} - _folded(names.GENERATIONS)
    mentions: Counter[str] = Counter()
    for name in ordered:
        key = keys[name]
        if len(key) > 1:
            for word in {key[0], key[-1]} & wanted:
                mentions[word] += evidence[name].count
    by_word: dict[str, list[str]] = {}
    for name in ordered:  # most frequent first
        key = keys[name]
        if len(key) < 2 or finals[name] != name or evidence[name].count < FULL_NAME_SEEN:
            continue
        for word in {key[0], key[-1]} & wanted:
            held = by_word.setdefault(word, [])
            if evidence[name].count >= LONE_SHARE * mentions[word] and len(held) < LONE_CANDIDATES:
                held.append(name)
    company: dict[str, frozenset[str]] = {}
    for full in {full for names_ in by_word.values() for full in names_}:
        common = evidence[full].co_mentions.most_common(COMPANY_KEPT)
        company[full] = frozenset(finals.get(other, other) for other, _ in common)
    return {
        name: tuple((full, company[full]) for full in by_word[keys[name][0]])
        for name in lone
        if by_word.get(keys[name][0])
    }


def place_or_thing(name: str, found: NameEvidence) -> str | None:
    """Why `name` is a place or a thing rather than a person, or None: the archive uses it
    mostly as one (at least `PLACE_USES` times, twice as often as a person's name plus one,
    and in at least a `PLACE_SHARE` of its articles' worth, or twice `PLACE_USES` times and
    never as a person: "Reko Diq"), or the settlement gazetteer lists
    it and the archive shows it acting as a person no more often than as a place."""
    uses = found.place + found.thing
    kind = "a thing" if found.thing > found.place else "a place"
    counted = f"{found.place} uses as a place, {found.thing} as a thing, {found.person} as a person"
    often = uses >= PLACE_SHARE * found.count or found.person == 0 and uses >= 2 * PLACE_USES
    if uses >= PLACE_USES and uses >= 2 * (found.person + 1) and often:
        return f"{kind}: {counted}"
    if name in settlements() and uses >= found.person:
        return f"a settlement in the gazetteer: {counted}"
    return None


@cache
def settlements() -> frozenset[str]:
    """Settlements of two words or more (`data/settlements.txt`, from GeoNames' cities500)."""
    return names.read_words("settlements.txt")


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _contractions(
    weight: Mapping[str, int],
    evidence: Mapping[str, NameEvidence],
    total: int,
    weights: Mapping[str, float],
) -> dict[str, str]:
    """A name of two or more words joins the fullest name it contracts (`names.is_contraction`)
    when the counts vouch for it (it keeps that name's surname or ends in a word that is no given
    name, `_safe_across`, and the fuller name has at least `FULLER_SHARE` of its mentions) or
    the company both keep does (`affinity` at least `CONTRACTION_AFFINITY`; more for a form that
    drops a first word, `LEADING_AFFINITY` and titles alike, `LEADING_TITLES`, or only initials,
    `INITIALS_AFFINITY`), and only when every such fuller name is itself a contraction of the
    longest one, so "Muhammad Khan" never swallows both "Muhammad Ali Khan" and "Muhammad Asif
    Khan". The names so joined are one person, shown under the form the archive writes most
    ("Hanif Abbasi", not "Muhammad Hanif Abbasi"; "Philip Hammond", not the once-seen
    "Philip Hammond-said"), as the spellings are."""
    keys = {name: name_key(name) for name in weight}
    by_word: dict[str, set[str]] = {}
    for name, key in keys.items():
        for word in key:
            by_word.setdefault(word, set()).add(name)
    joined: dict[str, str] = {}
    for name in sorted(weight, key=lambda n: (-len(keys[n]), n)):
        key = keys[name]
        if len(key) < 2:
            continue
        fuller = []
        for other in _holding_every_word(key, by_word):
            needed = _needed_affinity(key, keys[other])
            if needed is None:
                continue
            if (
                needed == LEADING_AFFINITY
                and key[0] in _given()
                and title_affinity(name, other, evidence, weights) < LEADING_TITLES
            ):
                continue  # "Nawaz Sharif" is a name of its own; "Le Pen", "Abrego Garcia" are surnames
            counted = needed == CONTRACTION_AFFINITY and _safe_across(key, keys[other])
            by_counts = counted and weight[other] >= FULLER_SHARE * weight[name]
            if key[0] in _folded(names.GENERIC_FIRST):  # "Muhammad Ali" is many people, one a boxer
                needed = max(needed, GENERIC_AFFINITY)
            if by_counts or affinity(name, other, evidence, total) >= needed:
                fuller.append(other)
        if not fuller:
            continue
        longest = max(fuller, key=lambda other: (len(keys[other]), weight[other], other))
        if not all(other == longest or _needed_affinity(keys[other], keys[longest]) for other in fuller):
            # Two different fuller names: the one whose company it keeps, if clearly so.
            alike = sorted(
                ((affinity(name, other, evidence, total), other) for other in fuller), reverse=True
            )
            if alike[0][0] < CONTRACTION_AFFINITY or alike[0][0] < 1.5 * alike[1][0]:
                continue
            longest = alike[0][1]
        if weight[longest] >= FULLER_SHARE * weight[name]:
            joined[name] = joined.get(longest, longest)
        elif name not in joined and longest not in joined:
            joined[longest] = name
    return _most_written(joined, weight)


def _most_written(joined: Mapping[str, str], weight: Mapping[str, int]) -> dict[str, str]:
    """Each joined name's group (a fuller name and the forms joined to it) named by its most
    frequent member, ties by the longer name, then the first in order."""
    groups: dict[str, list[str]] = {}
    for name, head in joined.items():
        groups.setdefault(head, [head]).append(name)
    target = {}
    for members in groups.values():
        canonical = min(members, key=lambda name: (-weight[name], -len(name.split()), name))
        target.update({name: canonical for name in members if name != canonical})
    return target


def _holding_every_word(key: Key, by_word: Mapping[str, set[str]]) -> set[str]:
    """The names that hold `key`'s last word and each of its words longer than an initial:
    only those can be a fuller form of it (`_needed_affinity`). Intersecting from the
    rarest word keeps a name ending in a common surname from being compared with every
    other name that holds it, which made the archive-wide merge grow with the square of
    the archive's names."""
    words = sorted({key[-1], *(word for word in key if len(word) > 1)}, key=lambda word: len(by_word[word]))
    return set.intersection(*(by_word[word] for word in words))


def _initial_of(word: str, other: str) -> bool:
    """Is `word` `other` or its initial?"""
    return word == other or len(word) == 1 and other.startswith(word)


def _needed_affinity(short: Key, full: Key) -> float | None:
    """The affinity `short` needs to join `full`, or None when it is no shorter form of it."""
    if (
        len(short) == len(full)
        and short != full
        and all(_initial_of(a, b) for a, b in zip(short, full, strict=True))
    ):
        return INITIALS_AFFINITY  # "S. Jaishankar", "Subrahmanyam Jaishankar"
    if len(short) >= len(full):
        return None
    if names.is_contraction(short, full):
        dropped = [word for word in full if word not in short]
        return INITIALS_AFFINITY if all(len(word) == 1 for word in dropped) else CONTRACTION_AFFINITY
    if full[1:] == short and full[0] in _folded(DROPPED_FIRST) and not generic(short):
        return CONTRACTION_AFFINITY  # "Muhammad Aurangzeb Khichi", "Mohtarma Benazir Bhutto"
    if full[len(full) - len(short) :] == short:
        return LEADING_AFFINITY
    return None


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


def _surnames(
    weight: Mapping[str, int],
    totals: Mapping[str, int],
    evidence: Mapping[str, NameEvidence],
    total: int,
    weights: Mapping[str, float],
) -> dict[str, str]:
    """A single word joins the full name ending in it (or the regnal name it opens: "Charles
    III") that holds at least `SURNAME_SHARE` of the mentions of all such names ("Rouhani" ->
    "Hassan Rouhani"; "Sharif" stays), or half of them and keeps its company (`affinity` at
    least `LEADING_AFFINITY`). A word that is also a given name ("Sara", "Harry", "Farhan"), or
    that the archive writes alone as often as the full name or more ("Naya" once, "Gissou Nia"
    once), joins only on the company and
    titles it keeps (`spelling_affinity` at least `LEADING_AFFINITY`): one "Rene de la Serre" does
    not make every "Sara" his."""
    by_surname: dict[str, list[str]] = {}
    for name in totals:
        key = name_key(name)
        if len(key) > 1:
            by_surname.setdefault(key[-1], []).append(name)
        if len(key) == 2 and name.split()[-1] in REGNAL:  # "Charles" is "Charles III"
            by_surname.setdefault(key[0], []).append(name)
    target: dict[str, str] = {}
    for name in weight:
        key = name_key(name)
        if len(key) != 1:
            continue
        full = by_surname.get(key[0], [])
        best = max(full, key=lambda other: (totals[other], other), default=None)
        if best is None:
            continue
        share = totals[best] / sum(totals[other] for other in full)
        regnal = best.split()[-1] in REGNAL  # "Charles" is the king's own name
        if not regnal and (key[0] in _given() or weight[name] >= totals[best]):
            alike = spelling_affinity(name, best, evidence, total, weights) >= LEADING_AFFINITY
            if alike and not (key[0] in _given() and share < GIVEN_SHARE):
                target[name] = best
            continue
        if (
            share >= SURNAME_SHARE
            or share >= 0.5
            and affinity(name, best, evidence, total) >= LEADING_AFFINITY
        ):
            target[name] = best
    return target
