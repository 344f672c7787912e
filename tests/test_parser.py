"""The query language: every construct, every kind of malformed input, and a fuzzer."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from search.budget import MAX_EXPANDED_TERMS
from search.parser import ParsedQuery, parse, relax
from search.query import And, DateRange, Not, Or, Phrase, Term


def words(*texts: str, field: str = "text") -> list[Term]:
    return [Term(t, field) for t in texts]


def test_plain_words_are_all_required_and_folded() -> None:
    parsed = parse("Imran KHÁN rally")
    assert parsed.node == And(tuple(words("imran", "khan", "rally")))
    assert parsed.terms == ("imran", "khan", "rally")
    assert parsed.notices == ()


def test_stop_words_are_dropped_unless_they_are_the_whole_query() -> None:
    assert parse("the budget of pakistan").node == And(tuple(words("budget", "pakistan")))
    assert parse("The Who").node == And(tuple(words("the", "who")))


def test_quoted_phrase() -> None:
    assert parse('"prime minister" budget').node == And((Phrase(("prime", "minister")), Term("budget")))
    assert parse('"budget"').node == Term("budget")


def test_or_binds_tighter_than_and() -> None:
    node = parse("imran OR nawaz | shehbaz khan").node
    assert node == And((Or(tuple(words("imran", "nawaz", "shehbaz"))), Term("khan")))


def test_lowercase_operators_are_words() -> None:
    assert parse("not guilty").node == And(tuple(words("not", "guilty")))
    assert parse("cats AND dogs").node == And(tuple(words("cats", "dogs")))


def test_exclusion_with_minus_and_not() -> None:
    expected = And((Term("budget"), Not(Term("imf"))))
    assert parse("budget -imf").node == expected
    assert parse("budget NOT imf").node == expected
    parsed = parse('budget -"prime minister"')
    assert parsed.node == And((Term("budget"), Not(Phrase(("prime", "minister")))))
    assert parsed.terms == ("budget",)


def test_hyphenated_words_are_phrases_not_exclusions() -> None:
    assert parse("al-Qaeda").node == Phrase(("al", "qaeda"))


def test_parentheses_group() -> None:
    node = parse("(imran OR nawaz) -(budget imf) lahore").node
    assert node == And(
        (Or(tuple(words("imran", "nawaz"))), Not(And(tuple(words("budget", "imf")))), Term("lahore"))
    )


@pytest.mark.parametrize(
    "field", ["title", "person", "country", "topic", "section", "source", "dateline", "byline"]
)
def test_field_prefixes(field: str) -> None:
    assert parse(f"{field}:Lahore").node == Term("lahore", field)
    assert parse(f'{field}:"imran khan"').node == Phrase(("imran", "khan"), field)


def test_field_aliases_and_grouped_field() -> None:
    assert parse("headline:budget").node == Term("budget", "title")
    assert parse("person:(imran OR nawaz)").node == Or(tuple(words("imran", "nawaz", field="person")))


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("date:2019", dt.date(2019, 1, 1), dt.date(2019, 12, 31)),
        ("date:2019-11", dt.date(2019, 11, 1), dt.date(2019, 11, 30)),
        ("date:2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29)),
        ("date:2019-11-20", dt.date(2019, 11, 20), dt.date(2019, 11, 20)),
        ("date:[2019-01 TO 2019-06]", dt.date(2019, 1, 1), dt.date(2019, 6, 30)),
        ("date:[2019 TO *]", dt.date(2019, 1, 1), None),
        ("date:[* TO 2019-03-02]", None, dt.date(2019, 3, 2)),
    ],
)
def test_dates(text: str, start: dt.date | None, end: dt.date | None) -> None:
    parsed = parse(text)
    assert parsed.node == DateRange(start, end)
    assert parsed.notices == ()


def test_date_with_words() -> None:
    assert parse("budget date:2025-06").node == And(
        (Term("budget"), DateRange(dt.date(2025, 6, 1), dt.date(2025, 6, 30)))
    )


def test_prefix_and_fuzzy() -> None:
    parsed = parse("elect* rouhni~")
    assert parsed.node == And((Term("elect", prefix=True), Term("rouhni", fuzzy=True)))
    assert parsed.terms == ("elect*", "rouhni")


def test_prefix_needs_two_letters() -> None:
    parsed = parse("e* budget")
    assert parsed.node == And((Term("e"), Term("budget")))
    assert parsed.notices


@pytest.mark.parametrize(
    ("text", "node"),
    [
        ('"prime minister', Phrase(("prime", "minister"))),
        ("(imran khan", And(tuple(words("imran", "khan")))),
        ("imran) khan", And(tuple(words("imran", "khan")))),
        ("AND", None),
        ("budget OR", Term("budget")),
        ("OR budget", Term("budget")),
        ("budget -", Term("budget")),
        ("NOT", None),
        ("*", None),
        ("foo:bar", And(tuple(words("foo", "bar")))),
        ("date:2019-13", None),
        ("date:[2019 TO", None),
        ("budget\x00\x07 imf", And(tuple(words("budget", "imf")))),
        ("budget \ud800imf", And(tuple(words("budget", "imf")))),
    ],
)
def test_malformed_input_is_read_best_effort_with_a_notice(text: str, node: object) -> None:
    parsed = parse(text)
    assert parsed.node == node
    assert parsed.notices, f"no notice for {text!r}"


def test_invalid_utf8_bytes() -> None:
    parsed = parse(b"budget caf\xff imf")
    assert parsed.node == And(tuple(words("budget", "caf", "imf")))
    assert parsed.notices


def test_long_input_is_cut_with_a_notice() -> None:
    parsed = parse("budget " * 1500)  # 10.5 KB
    assert len(parsed.text) <= 1000
    assert parsed.node == Term("budget")
    assert any("too long" in n for n in parsed.notices)


def test_too_many_terms_are_cut_with_a_notice() -> None:
    parsed = parse(" ".join(f"word{i}" for i in range(100)), max_terms=10)
    assert isinstance(parsed.node, And) and len(parsed.node.children) == 10
    assert parsed.notices


def test_relax_keeps_exclusions_and_needs_most_words() -> None:
    node = parse("imran khan rally lahore -budget").node
    relaxed = relax(node)
    assert isinstance(relaxed, And)
    assert Not(Term("budget")) in relaxed.children
    (options,) = [c for c in relaxed.children if isinstance(c, Or)]
    assert len(options.children) == 4  # every choice of 3 of the 4 words
    assert all(isinstance(o, And) and len(o.children) == 3 for o in options.children)


def test_relax_two_words_becomes_either() -> None:
    assert relax(parse("imran budget").node) == Or(tuple(words("imran", "budget")))
    assert relax(Term("budget")) is None
    assert relax(parse("budget -imf").node) is None


def test_relax_many_words_stays_bounded() -> None:
    relaxed = relax(parse(" ".join(f"w{i}" for i in range(12))).node)
    assert isinstance(relaxed, Or) and len(relaxed.children) == 12


def test_relax_keeps_prefix_and_fuzzy_words_required() -> None:
    relaxed = relax(parse("elect* imran khan rouhni~").node)
    assert isinstance(relaxed, And)
    assert Term("elect", prefix=True) in relaxed.children
    assert Term("rouhni", fuzzy=True) in relaxed.children
    assert relax(parse("elect* rouhni~").node) is None


def test_only_a_few_prefix_and_fuzzy_words_are_searched() -> None:
    typed = [f"{a}{b}~" for a in "stu" for b in "aeiou"]  # 15 fuzzy words
    parsed = parse(" ".join(typed) + " kh* budget")
    expanded = [t for t in parsed.node.children if isinstance(t, Term) and (t.fuzzy or t.prefix)]
    assert len(expanded) == MAX_EXPANDED_TERMS
    assert Term("budget") in parsed.node.children
    (notice,) = [n for n in parsed.notices if "left out" in n]
    assert f"Only {MAX_EXPANDED_TERMS} words" in notice
    assert all(f"'{w}'" in notice for w in typed[MAX_EXPANDED_TERMS:]) and "'kh*'" in notice
    assert not any("left out" in n for n in parse(" ".join(typed[:MAX_EXPANDED_TERMS])).notices)


def leaves(node: object) -> int:
    if isinstance(node, And | Or):
        return sum(leaves(c) for c in node.children)
    if isinstance(node, Not):
        return leaves(node.child)
    return 1


@settings(max_examples=400, deadline=None, database=None)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=12),
            st.sampled_from(
                [
                    '"',
                    "(",
                    ")",
                    "-",
                    "*",
                    "~",
                    ":",
                    "|",
                    " AND ",
                    " OR ",
                    " NOT ",
                    "date:",
                    "person:",
                    "date:[",
                    " TO ",
                    "]",
                    'title:"',
                    "\x00",
                    "\ud800",
                    "foo:",
                ]
            ),
        ),
        max_size=30,
    ).map("".join)
)
def test_parse_never_raises(text: str) -> None:
    parsed = parse(text, max_length=200, max_terms=16)
    assert isinstance(parsed, ParsedQuery)
    assert parsed.node is None or leaves(parsed.node) <= 16
    assert all(isinstance(n, str) and n for n in parsed.notices)
    if parsed.node is not None:
        relax(parsed.node)


@settings(max_examples=100, deadline=None, database=None)
@given(st.binary(max_size=64))
def test_parse_never_raises_on_bytes(data: bytes) -> None:
    assert isinstance(parse(data), ParsedQuery)


def doc_examples(heading: str, column: int = 1) -> list[str]:
    """The backticked examples in one column of the tables under `heading`."""
    text = (Path(__file__).resolve().parents[1] / "docs" / "query-syntax.md").read_text(encoding="utf-8")
    section = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    examples = []
    for line in section.splitlines():
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if len(cells) > column and cells[column].startswith("`"):
            examples += [e.replace("\\|", "|") for e in re.findall(r"`((?:[^`\\]|\\.)+)`", cells[column])]
    return examples


@pytest.mark.parametrize(
    ("heading", "column"), [("Words, phrases and operators", 1), ("Fields", 1), ("Dates", 0)]
)
def test_documented_examples_parse_cleanly(heading: str, column: int) -> None:
    examples = doc_examples(heading, column)
    assert len(examples) >= 6
    for example in examples:
        parsed = parse(example)
        assert parsed.node is not None and parsed.notices == (), example


def test_documented_malformed_examples_give_notices() -> None:
    examples = doc_examples("Malformed input")
    assert len(examples) >= 10
    for example in examples:
        assert parse(example.encode().decode("unicode_escape")).notices, example


def test_notices_quote_user_text_briefly() -> None:
    parsed = parse("-" * 500 + " " + "q" * 300 + "zz:" + "date:" + "9" * 200)
    assert parsed.notices and all(len(n) < 140 for n in parsed.notices)


def test_invisible_marks_vanish_without_a_notice() -> None:
    parsed = parse("Haba\u00adrana\u200b train\tcrash")
    assert parsed.node == And(tuple(words("habarana", "train", "crash")))
    assert parsed.notices == ()


def test_huge_input_is_cheap() -> None:
    parsed = parse("budget " * 2_000_000)
    assert parsed.node == Term("budget") and parsed.notices
