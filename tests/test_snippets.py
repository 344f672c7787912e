"""Snippets and highlighted paragraphs: safe HTML, words matched as the index matches them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from search.snippets import highlight_paragraphs, snippet


@pytest.fixture(scope="module")
def body(test_data: Path) -> str:
    return (test_data / "snippets" / "hostile.txt").read_text(encoding="utf-8")


def tags(html_text: str) -> set[str]:
    return set(re.findall(r"</?[a-zA-Z][^>]*>", html_text))


def marked(html_text: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html_text)


def test_markup_in_the_text_is_escaped_and_only_marks_are_tags(body: str) -> None:
    html_text = snippet(body, ["script", "b", "elections"])
    assert tags(html_text) <= {"<mark>", "</mark>"}
    assert "&lt;<mark>script</mark>&gt;" in html_text
    assert "&amp;" in html_text
    assert "&lt;<mark>b</mark>&gt;" in html_text


def test_words_are_matched_by_stem_and_case(body: str) -> None:
    html_text = snippet(body, ["elections"])
    assert {"Election", "Elections", "elections"} <= set(marked(html_text))


def test_phrase_words_are_marked_together(body: str) -> None:
    html_text = snippet(body, ["finance", "minister"])
    assert "finance minister" in marked(html_text)


def test_passages_are_chosen_by_distinct_terms(body: str) -> None:
    html_text = snippet(body, ["budget", "imf", "deficit"], max_chars=200, passages=1)
    assert {"budget", "IMF", "deficit"} <= set(marked(html_text))
    assert "Commission" not in html_text


def test_two_passages_cover_terms_far_apart(body: str) -> None:
    html_text = snippet(body, ["turnout", "walked"], max_chars=200)
    assert {"turnout", "walked"} <= set(marked(html_text))
    assert html_text.count("\u2026") >= 2


def test_length_is_bounded_and_cut_at_word_boundaries(body: str) -> None:
    html_text = snippet(body, ["budget"], max_chars=120)
    text = re.sub(r"</?mark>", "", html_text).replace("&amp;", "&").strip("\u2026")
    assert len(text) <= 125  # trailing punctuation may follow the last word
    assert text.split()[0] in body.split() and text.split()[-1].rstrip(".,") in body.replace(",", "").split()


def test_prefix_terms_mark_words_that_start_with_them(body: str) -> None:
    assert "provincial" in marked(snippet(body, ["provinc*"]))


def test_no_match_gives_the_opening(body: str) -> None:
    html_text = snippet(body, ["zebra"])
    assert html_text.startswith("LAHORE: The Election Commission")
    assert "<mark>" not in html_text


def test_empty_body() -> None:
    assert snippet("", ["budget"]) == ""


def test_highlight_paragraphs_escape_and_mark_every_paragraph(body: str) -> None:
    paragraphs = highlight_paragraphs(body, ["budget", "script"])
    assert len(paragraphs) == 4
    assert all(tags(p) <= {"<mark>", "</mark>"} for p in paragraphs)
    assert "&lt;<mark>script</mark>&gt;" in paragraphs[0]
    assert marked(paragraphs[2]) == ["budget"] and marked(paragraphs[3]) == ["budget"]


def test_a_number_typed_without_commas_marks_the_number_written_with_them() -> None:
    html_text = snippet("Nearly 3,000 people died; Rs1,400 a maund.", ["3000", "1400"])
    assert marked(html_text) == ["3,000", "1,400"]
