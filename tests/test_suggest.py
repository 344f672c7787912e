"""Did you mean: corrections drawn from a (fake) vocabulary and a list of names."""

from __future__ import annotations

from collections.abc import Sequence

from search.parser import parse
from search.suggest import edit_distance, suggest

VOCABULARY = [
    "rouhani",
    "imran",
    "khan",
    "election",
    "elections",
    "pakistan",
    "budget",
    "lahore",
    "iran",
    "karachi",
]
NAMES = ["Imran Khan", "Hassan Rouhani", "Shehbaz Sharif", "Iran", "Pakistan"]


def candidates(word: str) -> Sequence[str]:
    """Stands in for the engine's spelling_candidates: vocabulary within two edits."""
    return [v for v in VOCABULARY if edit_distance(word, v, 2) <= 2]


def test_a_misspelled_word_is_corrected_from_the_vocabulary() -> None:
    assert suggest("rouhni", candidates) == "rouhani"
    assert suggest("karachii budget", candidates) == "karachi budget"


def test_a_misspelled_name_is_corrected_as_a_whole() -> None:
    assert suggest("imrna khan", candidates, NAMES) == "imran khan"
    assert suggest("Shehbz Sharif budget", lambda w: [], NAMES) == "Shehbaz Sharif budget"


def test_operators_quotes_and_fields_are_kept() -> None:
    assert suggest('"imrna khan" -budget date:2025', candidates, NAMES) == '"imran khan" -budget date:2025'
    assert suggest('person:"shehbz sharif"', candidates, NAMES) == 'person:"shehbaz sharif"'


def test_known_words_and_names_are_left_alone() -> None:
    assert suggest("imran khan", candidates, NAMES) is None
    assert suggest("iran budget", candidates, NAMES) is None
    assert suggest("xyzzyq", candidates, NAMES) is None


def test_excluded_words_are_not_corrected() -> None:
    assert suggest("budget -rouhni", candidates) is None


def test_accepts_a_parsed_query_and_empty_input() -> None:
    assert suggest(parse("rouhni elections"), candidates) == "rouhani elections"
    assert suggest("", candidates) is None
    assert suggest("(((", candidates) is None


def test_edit_distance_counts_swaps_as_one() -> None:
    assert edit_distance("imrna", "imran", 3) == 1
    assert edit_distance("kitten", "sitting", 5) == 3
    assert edit_distance("a", "abcdef", 2) == 3


def test_known_words_are_not_turned_into_names() -> None:
    vocabulary = [*VOCABULARY, "pakistani", "enmity"]

    def exact(word: str) -> Sequence[str]:
        return [v for v in vocabulary if v == word]

    assert suggest("pakistani budget", exact, ["Pakistan", "Enmitz"]) is None
    assert suggest("enmity", exact, ["Enmitz"]) is None


def test_only_real_words_are_looked_up() -> None:
    asked: list[str] = []

    def spy(word: str) -> Sequence[str]:
        asked.append(word)
        return candidates(word)

    assert suggest("the rouhni of 2019 in us", spy) == "the rouhani of 2019 in us"
    assert asked == ["rouhni"]
