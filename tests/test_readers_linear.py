"""No reader pattern takes time growing faster than its input.

Each test feeds one pattern (through the function that uses it) a hostile input at two
sizes, n and 4n, and checks the time ratio: about 4 when linear, 16 when quadratic.
Never an absolute timing: the machine may be busy. Each size is timed in CPU seconds,
best of three, which other processes on the machine disturb least.
"""

from __future__ import annotations

import random
import re
import time
from collections.abc import Callable

import pytest

from indexer.dates import find_print_footer
from indexer.readers import html, plaintext, read_bytes, reuters
from indexer.readers.html_clean import _SPACE_BEFORE_PUNCTUATION_RE
from indexer.readers.normalize import derive_title, split_site_title

#: Linear time gives a ratio near 4 for 4x the input; quadratic, near 16.
MAX_RATIO = 8.0


def growth(work: Callable[[int], object], n: int) -> float:
    """How many times longer `work(4 * n)` takes than `work(n)`."""

    def best(size: int) -> float:
        times = []
        for _ in range(3):
            start = time.process_time()
            work(size)
            times.append(time.process_time() - start)
        return max(min(times), 1e-4)

    best(n)  # warm caches and the regex compiler
    return best(4 * n) / best(n)


def read(data: str, name: str) -> list[object]:
    return list(read_bytes(data.encode("utf-8"), name, name))


def test_reuters_stories_unclosed() -> None:
    assert growth(lambda n: read("<REUTERS>" * n, "x.sgm"), 2_000) < MAX_RATIO


def test_reuters_story_tags_without_end() -> None:
    assert growth(lambda n: read("<REUTERS NEWID=1 " * n, "x.sgm"), 2_000) < MAX_RATIO


def test_reuters_fields_unclosed() -> None:
    def story(n: int) -> object:
        return read("<REUTERS NEWID=1>" + "<DATE><TITLE><BODY>" * n + "</REUTERS>", "x.sgm")

    assert growth(story, 1_000) < MAX_RATIO


def test_reuters_codes_unclosed() -> None:
    def story(n: int) -> object:
        return list(reuters.parse_stories("<REUTERS><PLACES>" + "<D>" * n + "</PLACES></REUTERS>", "x.sgm"))

    assert growth(story, 4_000) < MAX_RATIO


def test_reuters_signature_after_spaces() -> None:
    def story(n: int) -> object:
        return read("<REUTERS><TITLE>T</TITLE><BODY>Text" + " " * n + "x</BODY></REUTERS>", "x.sgm")

    assert growth(story, 10_000) < MAX_RATIO


def test_reuters_unprocessed_text_of_unclosed_tags() -> None:
    assert (
        growth(lambda n: read("<REUTERS><TEXT>" + "<" * n + "</TEXT></REUTERS>", "x.sgm"), 10_000) < MAX_RATIO
    )


@pytest.mark.parametrize("tag", ["<script>", "<style>", "<!--", "<script ", "<nav"])
def test_html_never_text_unclosed(tag: str) -> None:
    assert growth(lambda n: html.make_soup(("<html><body>" + tag * n).encode()), 1_000) < MAX_RATIO


#: The patterns the scans replaced: the specification where they are fast (small inputs).
_NEVER_TEXT_PATTERN = re.compile(
    r"<script\b(?![^>]*ld\+json)[^>]*>.*?</script\s*>"
    r"|<(style|noscript|svg|select|iframe|nav)\b[^>]*>.*?</\1\s*>"
    r"|<!--.*?-->",
    re.DOTALL | re.IGNORECASE,
)
_PIECES = [
    "<script>", "<SCRIPT type='application/ld+json'>", "<script ", "</script>", "</script >", "<style>",
    "</STYLE>", "<nav class=x>", "</nav>", "<navbar>", "<!--", "-->", "<p>", "text", " ", ">", "<", "\n",
    "<svg>", "</svg>", "ld+json", "<noscript>", "</noscript>", "<iframe>", "</iframe>",
]  # fmt: skip


def _samples(count: int, length: int) -> list[str]:
    generator = random.Random(13)
    return ["".join(generator.choices(_PIECES, k=length)) for _ in range(count)]


def test_html_never_text_scan_matches_the_pattern_it_replaced() -> None:
    for page in _samples(3_000, 12):
        assert html.without_never_text(page) == _NEVER_TEXT_PATTERN.sub(" ", page), page


def test_reuters_scan_matches_the_patterns_it_replaced() -> None:
    story_pattern = re.compile(
        r"<REUTERS\b(?P<attrs>[^>]*)>(?P<story>.*?)</REUTERS>", re.DOTALL | re.IGNORECASE
    )
    pieces = [
        "<REUTERS>",
        "<REUTERS NEWID=2>",
        "</REUTERS>",
        "</reuters>",
        "<REUTERSX>",
        "<REUTERS ",
        ">",
        "x",
    ]
    generator = random.Random(7)
    for text in ("".join(generator.choices(pieces, k=10)) for _ in range(3_000)):
        assert list(reuters._elements("REUTERS", text)) == story_pattern.findall(text), text


def test_plain_text_prose_paragraph() -> None:
    assert growth(lambda n: plaintext.parse("many words here " * n, "x.txt"), 1_000) < MAX_RATIO
    assert growth(lambda n: plaintext.parse("ab cd " + "a" * n, "x.txt"), 10_000) < MAX_RATIO


def test_derived_headline_of_a_long_run_of_spaces() -> None:
    # NEL (U+0085) is a space to a pattern but survives clean_line, so a run of it reaches here.
    assert growth(lambda n: derive_title(["A lead" + "\x85" * n + "x"]), 4_000) < MAX_RATIO


def test_site_title_of_a_long_run_of_spaces() -> None:
    assert growth(lambda n: split_site_title("A headline" + "\x85" * n + "x"), 4_000) < MAX_RATIO


def test_print_footer_after_long_runs_of_spaces() -> None:
    assert growth(lambda n: find_print_footer("Said." + " " * n + "x"), 10_000) < MAX_RATIO
    tail = "Published in Dawn, November 20th, 2019"
    assert growth(lambda n: find_print_footer(tail + " " * n + "x"), 10_000) < MAX_RATIO


def test_print_footer_still_found() -> None:
    found = find_print_footer("Text.\n\nPublished in Dawn, November 20th, 2019 .\nMore chrome")
    assert found is not None and found[0]["paper"] == "Dawn" and str(found[1]) == "2019-11-20"


def test_space_before_punctuation_in_a_page() -> None:
    assert growth(lambda n: _SPACE_BEFORE_PUNCTUATION_RE.sub(r"\1", "\x85" * n + "x"), 4_000) < MAX_RATIO
    assert _SPACE_BEFORE_PUNCTUATION_RE.sub(r"\1", "a  , b ( c ) .") == "a, b ( c)."
