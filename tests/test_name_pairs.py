"""The labelled name pairs (issue 15): the file's shape, its balance, and the rules that picked it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from indexer.evaluation.pick_name_pairs import QUOTA, kind_of, skeleton, split_of

PAIRS = Path(__file__).resolve().parents[1] / "indexer" / "evaluation" / "gold" / "name_pairs.jsonl"
FIELDS = {"a": str, "b": str, "same": bool, "hard": bool, "split": str, "kind": str, "note": str}
#: A note says why in a few words; anything longer risks carrying article text.
MAX_NOTE = 120


@pytest.fixture(scope="module")
def pairs() -> list[dict]:
    lines = PAIRS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_every_line_has_exactly_the_fields_with_their_types(pairs: list[dict]) -> None:
    for number, pair in enumerate(pairs, 1):
        assert set(pair) == set(FIELDS), number
        for field, kind in FIELDS.items():
            assert isinstance(pair[field], kind), (number, field)
        assert pair["split"] in {"tune", "test"}, number
        assert pair["kind"] in QUOTA, number
        assert pair["a"].strip() and pair["b"].strip() and pair["a"] != pair["b"], number
        assert 0 < len(pair["note"]) <= MAX_NOTE, number


def test_at_least_300_pairs_and_no_pair_twice(pairs: list[dict]) -> None:
    assert len(pairs) >= 300
    keys = Counter(frozenset((p["a"], p["b"])) for p in pairs)
    assert [key for key, count in keys.items() if count > 1] == []


def test_half_are_hard_negatives_and_easy_negatives_stay_under_a_quarter(pairs: list[dict]) -> None:
    hard_negatives = sum(not p["same"] and p["hard"] for p in pairs)
    easy_negatives = sum(not p["same"] and not p["hard"] for p in pairs)
    assert hard_negatives * 2 >= len(pairs)
    assert easy_negatives * 4 < len(pairs)
    assert not any(p["same"] and p["hard"] for p in pairs), "hard marks negatives only"


def test_both_splits_hold_positives_and_negatives(pairs: list[dict]) -> None:
    by_split = Counter((p["split"], p["same"]) for p in pairs)
    for split in ("tune", "test"):
        assert by_split[(split, True)] > 0 and by_split[(split, False)] > 0, split


def test_each_split_is_the_one_its_hash_gives(pairs: list[dict]) -> None:
    assert [p for p in pairs if p["split"] != split_of(p["a"], p["b"])] == []
    assert split_of("Tariq Fatemi", "Tariq Fatimi") == split_of("Tariq Fatimi", "Tariq Fatemi")


def test_each_pair_is_of_the_kind_its_rules_give(pairs: list[dict]) -> None:
    assert [p for p in pairs if kind_of(p["a"], p["b"]) != p["kind"]] == []


def test_skeleton_joins_spellings_of_one_name() -> None:
    assert skeleton("Yousaf Raza Gilani") == skeleton("Yusuf Raza Gillani") == skeleton("Yousuf Raza Gilani")
    assert skeleton("Zia-ul-Hassan Lanjar") == skeleton("Ziaul Hasan Lanjar")
    assert skeleton("Mohammad Asif") == skeleton("Muhammad Asif")
    assert skeleton("Nawaz Sharif") != skeleton("Shehbaz Sharif")


def test_kinds_follow_their_rules() -> None:
    assert kind_of("Tariq Fatemi", "Tariq Fatimi") == "variant"
    assert kind_of("Asif Ali", "Asif Ali Zardari") == "inside"
    assert kind_of("Nawaz Sharif", "Shehbaz Sharif") == "surname"
    assert kind_of("Rashid Khan", "Usman Khan") is None, "sharing only Khan is not a candidate"
    assert kind_of("Asad Abbas", "Asad Zamin") == "given"
    assert kind_of("Muhammad Saleem", "Muhammad Salman") == "near"
