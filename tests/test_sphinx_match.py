"""The query tree as SphinxQL MATCH text, and articles as index rows: no server needed."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from search.models import Article
from search.parser import parse
from search.query import And, Maybe, Not, Or, Phrase, Soft, Term
from search.sphinx.documents import (
    COLUMNS,
    EVERYTHING,
    PARAGRAPH,
    cover,
    date_tokens,
    hash63,
    keyword,
    to_row,
)
from search.sphinx.match import escape, to_match, with_spellings


def test_every_operator_character_is_escaped() -> None:
    assert (
        escape('a(b)|c-d!e@f~g"h&i/j^k$l=m<n*o\\')
        == 'a\\(b\\)\\|c\\-d\\!e\\@f\\~g\\"h\\&i\\/j\\^k\\$l\\=m\\<n\\*o\\\\'
    )


def test_keywords_are_plain_or_hex_spelled() -> None:
    assert keyword("lahore") == "lahore" and keyword("2019") == "2019"
    urdu = keyword("لاہور")
    assert urdu.startswith("zq") and urdu.isalnum() and urdu.isascii()


def test_field_scopes_are_parenthesised() -> None:
    node = And((Term("budget", "title"), Term("assembly"), Term("bajwa", "person")))
    assert to_match(node) == "((@title budget) (@(title,body,lead) assembl) (@person_words bajwa))"


def test_phrases_words_and_prefixes() -> None:
    assert to_match(Phrase(("Imran", "Khan"))) == '(@(title,body,lead) "imran khan")'
    # Longer phrases need each pair of neighbours, as the embedded engine's `pairs` field does.
    assert (
        to_match(Phrase(("Yousaf", "Raza", "Gilani"))) == '(@(title,body,lead) "yousaf raza" "raza gilani")'
    )
    assert to_match(Phrase(("Imran", "Khan"), "person")) == "(@person_words imran khan)"
    assert to_match(Term("squa", prefix=True)) == "(@(title,body,lead) squa*)"
    # Another script's prefix: the hex of its whole characters, a prefix of the word's hex.
    assert to_match(Term("لا", prefix=True)) == f"(@(title,body,lead) {keyword('لا')}*)"
    assert keyword("لاہور").startswith(keyword("لا"))
    assert to_match(Term("al-qaeda")) == '(@(title,body,lead) "al qaeda")'


def test_exclusions_and_alternatives() -> None:
    assert to_match(Not(Term("cricket"))) == f"(@present {EVERYTHING} -((@(title,body,lead) cricket)))"
    assert (
        to_match(And((Term("squash"), Not(Term("cricket")))))
        == "((@(title,body,lead) squash) -((@(title,body,lead) cricket)))"
    )
    assert to_match(Or((Term("a"), Term("squash")))) == "((@(title,body,lead) squash))"


def test_most_of_the_words_is_a_quorum() -> None:
    words = Soft((Term("floods"), Term("sindh"), Term("relief")), 2)
    assert to_match(words) == '(@(title,body,lead) "flood sindh relief"/2)'
    mixed = Soft((Term("floods"), Term("al-qaeda")), 1)
    assert to_match(mixed) == '((@(title,body,lead) flood) | (@(title,body,lead) "al qaeda"))'


def test_nothing_searchable_is_none() -> None:
    assert to_match(parse("the of and").node) is None
    assert to_match(None) is None


@pytest.mark.parametrize(
    "text", ['"unclosed', "((( x", "-", "title:", "\\ ' ;", "@title x", "a* b~ c~2", "x -(y | z)"]
)
def test_whatever_people_type_gives_only_plain_or_escaped_keywords(text: str) -> None:
    match = to_match(parse(text).node)
    if match is not None:
        assert "'" not in match and ";" not in match


def test_a_date_range_is_exactly_its_tokens() -> None:
    rng = random.Random(8)
    for _ in range(40):
        start = dt.date(2018, 1, 1) + dt.timedelta(days=rng.randrange(900))
        end = start + dt.timedelta(days=rng.randrange(800))
        tokens = set(cover(start, end))
        for offset in range(-40, (end - start).days + 40, 3):
            day = start + dt.timedelta(days=offset)
            assert bool(tokens & set(date_tokens(day).split())) == (start <= day <= end), (start, end, day)
    assert cover(dt.date(2019, 1, 1), dt.date(2019, 12, 31)) == ["y2019"]
    assert len(cover(None, dt.date(2020, 3, 15))) < 100 and len(cover(dt.date(2020, 3, 15), None)) < 150


def test_an_article_row_holds_analysed_terms_and_value_hashes() -> None:
    article = Article(
        id="x", title="Élections in Zürich", body="Voters voted.", date=dt.date(2020, 2, 29),
        people=("Ali Kamali",), countries=("Switzerland",), topics=("politics",), source="Dawn",
    )  # fmt: skip
    row = dict(zip(COLUMNS, to_row(article), strict=True))
    assert row["id"] == hash63("x") and row["title"] == "elect zurich" and row["body"] == "voter vote"
    assert row["person_words"] == "ali kamali" and row["source"] == "dawn" and row["present"] == EVERYTHING
    assert (row["year"], row["month"], row["day"]) == (2020, 202002, dt.date(2020, 2, 29).toordinal())
    assert row["person"] == (hash63("Ali Kamali"),) and row["topic"] == (hash63("politics"),)
    paragraphs = dict(
        zip(COLUMNS, to_row(Article(id="p", title="t", body="One war.\n\nBudget cut.")), strict=True)
    )
    assert paragraphs["body"] == f"one war {PARAGRAPH} budget cut"
    undated = dict(zip(COLUMNS, to_row(Article(id="y", title="t", body="b")), strict=True))
    assert undated["day"] == 0 and undated["oldest"] > row["oldest"] and undated["dates"] == ""


def test_a_wanted_word_never_narrows() -> None:
    """Sphinx 2.2.11 reads `a MAYBE b` as `a b`: a wanted word is spelled as an OR."""
    dated = And((Term("floods"), Maybe(Term("march"))))
    assert to_match(dated) == (
        "(((@(title,body,lead) flood)) | (((@(title,body,lead) flood)) (@(title,body,lead) march)))"
    )
    hyphenated = Soft((Term("floods"), Term("sindh"), Term("relief"), Term("al-qaeda")), 2)
    held = '(@(title,body,lead) "flood sindh relief"/1)'
    assert to_match(hyphenated) == f'({held} | ({held} (@(title,body,lead) "al qaeda")))'


def test_name_words_gain_their_other_spellings_for_matching() -> None:
    """A plain word with other spellings in the archive's names becomes "this or those", so
    MATCH finds the articles that spell it another way; a prefix, a fielded word or a word
    without spellings stays as typed."""
    spellings = {"gilani": ("gillani", "geelani")}
    node = parse("gilani senate session").node
    spelled = with_spellings(node, spellings)
    assert isinstance(spelled, And) and isinstance(node, And)
    first = spelled.children[0]
    assert isinstance(first, Or) and [c.child.text for c in first.children[1:]] == ["gillani", "geelani"]  # type: ignore[union-attr]
    assert spelled.children[1:] == node.children[1:]
    soft = with_spellings(Soft(node.children, 2), spellings)
    assert isinstance(soft, Soft) and soft.quorum == 2 and soft.children == spelled.children
    match = to_match(spelled)
    assert match is not None and "gillani" in match and "geelani" in match
    for unchanged in ("gilani*", "person:gilani", "senate"):
        tree = parse(unchanged).node
        assert with_spellings(tree, spellings) == tree
    assert with_spellings(node, {}) is node


def test_a_word_with_alternatives_keeps_its_place_in_the_quorum() -> None:
    """Soft: "gilani senate session" at two of three reads the typed name in the quorum and
    its other spelling as wanted; lowering the quorum for it would let in every article
    holding one of the other two words. A reader's own OR is still one of the words."""
    spelled = with_spellings(
        Soft((Term("gilani"), Term("senate"), Term("session")), 2), {"gilani": ("gillani",)}
    )
    match = to_match(spelled)
    assert match is not None and '"gilani senat session"/2' in match and "gillani" in match
    typed_or = to_match(Soft((Or((Term("gilani"), Term("gillani"))), Term("senate"), Term("session")), 2))
    assert typed_or is not None and '"senat session"/1' in typed_or
