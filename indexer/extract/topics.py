"""Topics: one to three IPTC Media Topics top-level labels per article, most relevant first.

A weighted lexicon rather than a trained model, so that the method runs offline, is
fast (a dictionary look-up per word) and every label can be explained by the words that
earned it. The cues live in `data/topics/lexicon.txt`, which an editor can read and
change; docs/topics.md describes how the scores are combined.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from search.models import Article

#: The IPTC Media Topics top level, the only values the topic facet takes.
LABELS: tuple[str, ...] = (
    "arts, culture, entertainment and media",
    "conflict, war and peace",
    "crime, law and justice",
    "disaster, accident and emergency incident",
    "economy, business and finance",
    "education",
    "environment",
    "health",
    "human interest",
    "labour",
    "lifestyle and leisure",
    "politics",
    "religion",
    "science and technology",
    "society",
    "sport",
    "weather",
)

LEXICON = Path(__file__).resolve().parent / "data" / "topics" / "lexicon.txt"

#: Words in the headline count this many times over.
TITLE_WEIGHT = 3.0
#: The best label needs at least this score, or the article gets no topic.
MIN_SCORE = 4.0
#: Further labels need this share of the best label's score, and at least RUNNER_UP_MIN, so
#: that a passing "minister" or "security" in a short story does not add a label.
RUNNER_UP_SHARE = 0.45
RUNNER_UP_MIN = 8.0
MAX_LABELS = 3
#: An outlet's own section ("... - Sport - DAWN.COM") multiplies its label's score and adds a floor.
SECTION_FACTOR, SECTION_BONUS = 1.5, 4.0
SECTIONS = {
    "sport": "sport",
    "business": "economy, business and finance",
    "tech": "science and technology",
}

_WORD = re.compile(r"[A-Za-z][A-Za-z0-9]*(?:[-'’][A-Za-z0-9]+)*")
_DAWN_SECTION = re.compile(r" - ([^-]+) - DAWN\.COM\s*$")
_NO_PLURAL = ("ss", "us", "is")
#: News agencies whose name, written in capitals, is also a cue word: APP (Associated Press
#: of Pakistan) credits nearly every story it files and is no "app".
AGENCIES = frozenset({"APP"})


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Cue → [(label, weight)]; `words` holds stemmed words and pairs, `acronyms` exact upper-case tokens."""

    words: dict[str, list[tuple[str, float]]]
    acronyms: dict[str, list[tuple[str, float]]]
    #: First words of two-word cues, so a pair is only looked up when it could match.
    pair_starts: frozenset[str]


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A light, predictable stemmer: case, possessive, plural, -ing/-ed and a final e folded,
    so "trade", "trades", "trading" and "traded" meet at "trad"."""
    word = word.lower().replace("’", "'")
    word = word.removesuffix("'s")
    for suffix, keep in (("ies", "y"), ("ings", ""), ("ing", ""), ("ed", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    if word.endswith(("ses", "xes", "zes", "ches", "shes")) and len(word) > 5:
        return word[:-2]
    if word.endswith("s") and not word.endswith(_NO_PLURAL) and len(word) > 3:
        word = word[:-1]
    return word[:-1] if word.endswith("e") and len(word) > 4 else word


@lru_cache(maxsize=4)
def load_lexicon(path: Path = LEXICON) -> Lexicon:
    """Parse the lexicon file; a cue in upper case (WHO, IT) matches only in upper case."""
    words: dict[str, list[tuple[str, float]]] = defaultdict(list)
    acronyms: dict[str, list[tuple[str, float]]] = defaultdict(list)
    label = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            label = line[1:-1]
            if label not in LABELS:
                raise ValueError(f"{path}:{number}: unknown topic {label!r}")
            continue
        weight, _, cue = line.partition(" ")
        if label is None or not cue:
            raise ValueError(f"{path}:{number}: expected 'weight cue' under a [topic] header")
        cue = cue.strip()
        if len(_WORD.findall(cue)) not in (1, 2) or " ".join(_WORD.findall(cue)) != cue:
            raise ValueError(f"{path}:{number}: a cue is one or two words, got {cue!r}")
        if cue.isupper():
            acronyms[cue].append((label, float(weight)))
        else:
            words[" ".join(stem(w) for w in _WORD.findall(cue))].append((label, float(weight)))
    return Lexicon(dict(words), dict(acronyms), frozenset(cue.split()[0] for cue in words if " " in cue))


def section_of(article: Article) -> str | None:
    """The outlet's own section: the reader's field, else Dawn's page-title suffix."""
    if article.section:
        return article.section
    match = _DAWN_SECTION.search(article.title or "")
    return match.group(1).strip() if match else None


def explain(article: Article) -> list[tuple[str, float, list[str]]]:
    """Every label with a score, best first, with the cue words that earned it (strongest first)."""
    lexicon = load_lexicon()
    hits: dict[str, dict[str, list[float]]] = defaultdict(dict)
    seen: dict[str, str] = {}
    _count(_strip_section(article.title or ""), TITLE_WEIGHT, lexicon, hits, seen)
    _count(article.body or "", 1.0, lexicon, hits, seen)

    contributions = {
        label: {seen[cue]: weight * (1.0 + math.log(count)) for cue, (count, weight) in cues.items()}
        for label, cues in hits.items()
    }
    section = section_of(article)
    hinted = SECTIONS.get((section or "").lower())
    if hinted:
        cues = contributions.setdefault(hinted, {})
        boost = sum(cues.values()) * (SECTION_FACTOR - 1.0) + SECTION_BONUS
        cues[f"section:{section}"] = boost
    scores = {label: sum(cues.values()) for label, cues in contributions.items()}

    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return [
        (label, round(score, 2), sorted(contributions[label], key=lambda cue: -contributions[label][cue]))
        for label, score in ranked
    ]


def classify(article: Article) -> tuple[str, ...]:
    """One to three labels, most relevant first; () when no label reaches `MIN_SCORE`."""
    ranked = explain(article)
    if not ranked or ranked[0][1] < MIN_SCORE:
        return ()
    best = ranked[0][1]
    floor = max(best * RUNNER_UP_SHARE, RUNNER_UP_MIN)
    return (ranked[0][0],) + tuple(label for label, score, _ in ranked[1:MAX_LABELS] if score >= floor)


def _count(
    text: str, factor: float, lexicon: Lexicon, hits: dict[str, dict[str, list[float]]], seen: dict[str, str]
) -> None:
    """Add each cue found in `text` to `hits[label][cue]` = [occurrences × factor, weight],
    and remember in `seen` the words as first written, to show them as evidence."""

    def add(cue: str, matches: list[tuple[str, float]], written: str) -> None:
        for label, weight in matches:
            entry = hits[label].setdefault(cue, [0.0, weight])
            entry[0] += factor
        seen.setdefault(cue, written)

    # Most words are no cue: each is one dict lookup, and `add` is called only for a match.
    cues, acronyms, pair_starts = lexicon.words.get, lexicon.acronyms.get, lexicon.pair_starts
    previous, previous_token = "", ""
    for token in _WORD.findall(text):
        if token in AGENCIES:
            previous, previous_token = "", ""
            continue
        current = stem(token)
        matches = cues(current)
        if matches:
            add(current, matches, token.lower())
        if previous in pair_starts:
            pair = f"{previous} {current}"
            matches = cues(pair)
            if matches:
                add(pair, matches, f"{previous_token} {token}".lower())
        if token.isupper():
            matches = acronyms(token)
            if matches:
                add(token, matches, token)
        previous, previous_token = current, token


def _strip_section(title: str) -> str:
    return _DAWN_SECTION.sub("", title)
