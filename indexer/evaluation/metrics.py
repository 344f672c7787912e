"""Counting agreement between extracted facet values and gold labels.

Names are compared after folding (case, diacritics, curly quotes, spacing), and a
predicted value matches a gold entry when it equals the entry's canonical name or any
of its accepted aliases. Each gold entry can be matched once, so predicting "Bajwa"
and "Qamar Bajwa" for one person counts one hit and one false positive.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class GoldName:
    """One gold person or country: the canonical name and the other forms accepted for it."""

    name: str
    aliases: tuple[str, ...] = ()

    @property
    def forms(self) -> frozenset[str]:
        return frozenset(fold(form) for form in (self.name, *self.aliases))


@dataclass(frozen=True, slots=True)
class Counts:
    """True positives, false positives and false negatives, summed micro-style."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(frozen=True, slots=True)
class Accuracy:
    correct: int = 0
    total: int = 0

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)

    @property
    def value(self) -> float | None:
        return self.correct / self.total if self.total else None


#: Initials written apart, after dots are spaced: "u s", "j d".
_INITIALS = re.compile(r"\b(?:\w )+\w\b")


def fold(name: str) -> str:
    """Case, accents, apostrophe style, dots, hyphens and spacing folded: "Côte d’Ivoire" ~
    "cote d'ivoire", "Bilawal Bhutto-Zardari" ~ "Bilawal Bhutto Zardari"; initials are one
    word however they are written: "U.S. Navy" ~ "US Navy", "J.D. Vance" ~ "JD Vance"."""
    decomposed = unicodedata.normalize("NFKD", name.replace("’", "'").replace("‘", "'"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    spaced = " ".join(plain.replace(".", " ").replace("-", " ").casefold().split())
    return _INITIALS.sub(lambda initials: initials.group().replace(" ", ""), spaced)


def match(predicted: Iterable[str], gold: Sequence[GoldName]) -> Counts:
    """Counts for one article's predicted values against its gold entries."""
    unmatched = list(gold)
    tp = fp = 0
    for value in dict.fromkeys(fold(p) for p in predicted):
        hit = next((entry for entry in unmatched if value in entry.forms), None)
        if hit is None:
            fp += 1
        else:
            unmatched.remove(hit)
            tp += 1
    return Counts(tp, fp, len(unmatched))


def top1(predicted: Sequence[str], gold: Sequence[str]) -> Accuracy:
    """Whether the first predicted label is the first gold label."""
    return Accuracy(int(bool(predicted) and bool(gold) and predicted[0] == gold[0]), 1)
