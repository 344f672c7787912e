"""Snippets keep their <mark> tags and nothing else, whatever the layer below sends."""

from __future__ import annotations

from web.markup import marked


def test_marks_survive_and_entities_stay_single_escaped() -> None:
    assert marked("Tom &amp; <mark>Jerry</mark>") == "Tom &amp; <mark>Jerry</mark>"


def test_any_other_markup_is_shown_as_text() -> None:
    out = marked('<script>alert(1)</script><MARK>x</MARK><img src=x onerror="y">')
    assert out == '&lt;script&gt;alert(1)&lt;/script&gt;<mark>x</mark>&lt;img src=x onerror="y"&gt;'
