"""Plain-text articles in the layout of the seed: dateline, paragraphs, print footer, chrome.

A text saved from a news page is the article followed by whatever the page showed
next (opinion teasers, more stories). The print footer "Published in Dawn, November
20th, 2019" marks the end of the article and gives its print date, so everything from
the footer on is dropped. These files have no headline; one is derived from the lead.
"""

from __future__ import annotations

import re

from indexer.dates import find_print_footer
from indexer.readers.normalize import build_article, is_hard_wrapped, split_dateline, split_paragraphs
from indexer.readers.skipped import Skipped
from search.models import Article

#: Fewer words than this is a caption, a stub or a list, not an article.
MIN_ARTICLE_WORDS = 25

#: Three lower-case words running on, as in a sentence. Each word is matched from its first
#: letter only and possessively, so a long paragraph or word is not rescanned from every letter.
_RUNNING_WORDS_RE = re.compile(r"(?<![a-z])[a-z]{2,}+[,;]?+\s++[a-z]{2,}+\s++[a-z]{2}")
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", ")")


def parse(text: str, origin: str) -> Article | Skipped:
    """One article from the text of one file, or the reason it is not one."""
    source, date = "", None
    footer = find_print_footer(text)
    if footer:
        match, date = footer
        source = match["paper"].strip()
        text = text[: match.start()]
    paragraphs = split_paragraphs(text, lines_are_paragraphs=not is_hard_wrapped(text))
    words = sum(len(p.split()) for p in paragraphs)
    if words == 0:
        return Skipped(origin, "no article text")
    if words < MIN_ARTICLE_WORDS or not any(_is_prose(p) for p in paragraphs):
        return Skipped(origin, "not an article (no paragraph of prose)")
    dateline, paragraphs[0] = split_dateline(paragraphs[0])
    return build_article(
        title=None,
        paragraphs=paragraphs,
        source=source,
        dateline=dateline,
        date=date,
        origin=origin,
    )


def _is_prose(paragraph: str) -> bool:
    """Words running on as in a sentence, and an end like a sentence's (a paragraph is one line)."""
    return paragraph.endswith(_SENTENCE_ENDS) and _RUNNING_WORDS_RE.search(paragraph) is not None
