"""Measure HTML cleaners against hand labels: paragraph recall, chrome share and speed.

The labels (`labels/html-pages.json`) name 42 article pages of the shared
pakistani-news-html-panda corpus by path and record each true article paragraph by
its first words, last words and word count. A labelled paragraph counts as kept
when both its first and last words appear in the extracted text; the chrome share
is the part of the extracted words not accounted for by kept paragraphs.

    python -m indexer.readers.html_eval [CORPUS_DIR]

prints the comparison table of docs/html-extraction.md: Broadsheet's cleaner beside
trafilatura, readability-lxml and jusText (each run with the options that suit
article bodies).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from indexer.readers import html
from indexer.readers.html_clean import extract_body
from indexer.readers.normalize import clean_line, decode

LABELS = Path(__file__).parent / "labels" / "html-pages.json"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "pakistani-news-html-panda"

Extractor = Callable[[bytes], list[str]]

_NON_WORD_RE = re.compile(r"\W+")


@dataclass(frozen=True, slots=True)
class PageScore:
    path: str
    outlet: str
    paragraphs: int
    kept: int
    extracted_words: int
    chrome_words: int


def _norm(text: str) -> str:
    return " " + _NON_WORD_RE.sub(" ", text.casefold()).strip() + " "


def score_page(path: str, outlet: str, labelled: list[list[Any]], extracted: Iterable[str]) -> PageScore:
    raw = " ".join(extracted)
    text = _norm(raw)
    words = len(raw.split())
    kept = [p for p in labelled if _norm(p[0]) in text and _norm(p[1]) in text]
    chrome = max(0, words - sum(p[2] for p in kept))
    return PageScore(path, outlet, len(labelled), len(kept), words, chrome)


def load_labels(labels: Path = LABELS) -> list[dict[str, Any]]:
    """The labelled pages, as the JSON file has them."""
    pages: list[dict[str, Any]] = json.loads(labels.read_text(encoding="utf-8"))["pages"]
    return pages


def broadsheet(data: bytes) -> list[str]:
    """Broadsheet's own cleaner, as `html.parse` runs it (before the dateline split)."""
    return html.cut_print_footer(extract_body(html.make_soup(data)))[0]


def trafilatura_extractor(data: bytes) -> list[str]:
    import trafilatura

    text = trafilatura.extract(data, include_comments=False, include_tables=False)
    return [clean_line(line) for line in (text or "").split("\n") if line.strip()]


def readability_extractor(data: bytes) -> list[str]:
    import lxml.html
    from readability import Document

    summary = Document(decode(data)).summary(html_partial=True)
    tree = lxml.html.fromstring(summary)
    found = tree.xpath("//p|//h2|//h3|//h4|//li|//blockquote")
    blocks = [b for b in found if isinstance(b, lxml.html.HtmlElement)] if isinstance(found, list) else []
    return [clean_line(b.text_content()) for b in blocks if b.text_content().strip()]


def justext_extractor(data: bytes) -> list[str]:
    import justext

    paragraphs = justext.justext(data, justext.get_stoplist("English"))
    return [clean_line(p.text) for p in paragraphs if not p.is_boilerplate]


EXTRACTORS: dict[str, Extractor] = {
    "broadsheet (BeautifulSoup)": broadsheet,
    "trafilatura": trafilatura_extractor,
    "readability-lxml": readability_extractor,
    "jusText": justext_extractor,
}


def evaluate(
    extract: Extractor, corpus: Path = CORPUS, labels: Path = LABELS
) -> tuple[list[PageScore], float]:
    """Scores per labelled page, and the CPU seconds spent extracting (reading files excluded)."""
    scores: list[PageScore] = []
    spent = 0.0
    for page in load_labels(labels):
        data = (corpus / page["path"]).read_bytes()
        start = time.process_time()
        extracted = extract(data)
        spent += time.process_time() - start
        scores.append(score_page(page["path"], page["outlet"], page["paragraphs"], extracted))
    return scores, spent


def summary(scores: list[PageScore]) -> dict[str, float]:
    paragraphs = sum(s.paragraphs for s in scores)
    extracted = sum(s.extracted_words for s in scores)
    return {
        "recall": sum(s.kept for s in scores) / paragraphs,
        "chrome": sum(s.chrome_words for s in scores) / max(1, extracted),
        "pages_full": sum(s.kept == s.paragraphs for s in scores) / len(scores),
        "median_page_recall": statistics.median(s.kept / s.paragraphs for s in scores),
    }


def main(argv: list[str]) -> None:
    corpus = Path(argv[0]) if argv else CORPUS
    print("| cleaner | paragraph recall | chrome share | pages fully kept | pages/s (one core) |")
    print("|---|---|---|---|---|")
    for name, extract in EXTRACTORS.items():
        scores, spent = evaluate(extract, corpus)
        figures = summary(scores)
        print(
            f"| {name} | {figures['recall']:.1%} | {figures['chrome']:.1%} | {figures['pages_full']:.0%} "
            f"| {len(scores) / spent:.0f} |"
        )
        for outlet in sorted({s.outlet for s in scores}):
            part = summary([s for s in scores if s.outlet == outlet])
            print(
                f"|   {outlet} | {part['recall']:.1%} | {part['chrome']:.1%} | {part['pages_full']:.0%} | |"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
