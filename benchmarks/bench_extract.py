"""Speed and quick self-check figures for the people and country extractors.

    .venv/bin/python benchmarks/bench_extract.py speed   [--corpora DIR] [--n 2000]
    .venv/bin/python benchmarks/bench_extract.py reuters [--corpora DIR]
    .venv/bin/python benchmarks/bench_extract.py show    [--corpora DIR] [--n 5] [--skip 0]

`speed` times people+countries alone and the whole `extract` on Dawn articles, on one
core. `reuters` prints recall of Reuters-21578's human PLACES (countries) and PEOPLE
labels over reut2-000..020. `show` prints what the extractors find in Dawn articles, for
reading by eye. The formal evaluation is `broadsheet evaluate`; these are for tuning.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html
import json
import re
import time
from collections.abc import Iterator
from itertools import islice
from pathlib import Path

from corpora import DEFAULT_CORPORA, require_corpora

from indexer.extract import extract
from indexer.extract.countries import TERRITORIES, find_countries
from indexer.extract.names import name_key
from indexer.extract.people import find_people
from search.models import Article

#: Reuters PLACES codes whose name is not the code title-cased.
REUTERS_PLACES = {
    "usa": "United States",
    "uk": "United Kingdom",
    "ussr": "Soviet Union",
    "west-germany": "Germany",
    "east-germany": "Germany",
    "uae": "United Arab Emirates",
    "burma": "Myanmar",
    "kampuchea": "Cambodia",
    "zaire": "DR Congo",
    "yemen-arab-republic": "Yemen",
    "yemen-demo-republic": "Yemen",
    "trinidad-tobago": "Trinidad and Tobago",
    "macao": "Macau",
    "vatican": "Vatican City",
    "western-samoa": "Samoa",
    "us-virgin-islands": "US Virgin Islands",
    "antigua": "Antigua and Barbuda",
    "netherlands-antilles": "Netherlands Antilles",
    "guinea-bissau": "Guinea-Bissau",
}


def dawn(corpora: Path) -> Iterator[Article]:
    for path in sorted((corpora / "dawn-2025-xai").glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                body = (record.get("content") or "").split("Published in Dawn")[0].strip()
                match = re.match(r"([A-Z][A-Z .'-]+):", body)
                yield Article(
                    id=record["link"],
                    title=record.get("title") or "",
                    body=body,
                    url=record["link"],
                    dateline=match.group(1) if match else None,
                )


def reuters(corpora: Path) -> Iterator[tuple[Article, list[str], list[str]]]:
    for path in sorted((corpora / "reuters21578").glob("reut2-0*.sgm")):
        raw = path.read_text(encoding="latin-1")
        for block in re.findall(r"<REUTERS.*?</REUTERS>", raw, flags=re.DOTALL):
            body = re.search(r"<BODY>(.*?)</BODY>", block, flags=re.DOTALL)
            if not body:
                continue
            places = re.findall(
                r"<D>(.*?)</D>", re.search(r"<PLACES>(.*?)</PLACES>", block, re.DOTALL).group(1)
            )
            people = re.findall(
                r"<D>(.*?)</D>", re.search(r"<PEOPLE>(.*?)</PEOPLE>", block, re.DOTALL).group(1)
            )
            dateline = re.search(r"<DATELINE>(.*?)</DATELINE>", block, flags=re.DOTALL)
            when = re.search(r"<DATE>\s*(\d+-[A-Z]{3}-\d{4})", block)
            text = re.sub(r"&#\d+;", "", html.unescape(body.group(1)))
            text = re.sub(r"\s*Reuter\s*$", "", text)
            paragraphs = [" ".join(p.split()) for p in re.split(r"\n {2,}", text)]
            yield (
                Article(
                    id=block[:80],
                    title="",
                    body="\n\n".join(p for p in paragraphs if p),
                    dateline=dateline.group(1).strip() if dateline else None,
                    date=dt.datetime.strptime(when.group(1).title(), "%d-%b-%Y").date() if when else None,
                ),
                places,
                people,
            )


def place_name(code: str) -> str:
    return REUTERS_PLACES.get(code) or " ".join(w.capitalize() for w in code.split("-"))


def speed(corpora: Path, n: int) -> None:
    articles = list(islice(dawn(corpora), n))
    find_people(articles[0]), find_countries(articles[0]), extract(articles[0])
    for label, run in (
        ("people+countries", lambda a: (find_people(a), find_countries(a))),
        ("extract", extract),
    ):
        start = time.perf_counter()
        for article in articles:
            run(article)
        elapsed = time.perf_counter() - start
        rate = len(articles) / elapsed
        print(f"{label}: {len(articles)} Dawn articles in {elapsed:.2f}s = {rate:.0f} articles/s/core")


def reuters_recall(corpora: Path) -> None:
    place_hits = place_total = people_hits = people_total = 0
    missed: list[str] = []
    for article, places, people in reuters(corpora):
        found = set(find_countries(article))
        countries = [name for name in map(place_name, places) if name not in TERRITORIES]
        place_total += len(countries)
        place_hits += sum(name in found for name in countries)
        keys = [set(name_key(name)) for name in find_people(article)]
        for code in people:
            people_total += 1
            wanted = set(name_key(code.replace("-", " ")))
            surname = set(name_key(code.split("-")[-1]))
            if any(wanted <= key or wanted & key and surname <= key for key in keys):
                people_hits += 1
            else:
                missed.append(code)
    print(f"Reuters PLACES recall (countries): {place_hits}/{place_total} = {place_hits / place_total:.3f}")
    print(f"Reuters PEOPLE recall: {people_hits}/{people_total} = {people_hits / people_total:.3f}")
    print("most missed people:", sorted(set(missed), key=missed.count, reverse=True)[:25])


def show(corpora: Path, n: int, skip: int) -> None:
    for article in islice(dawn(corpora), skip, skip + n):
        print(article.url)
        print("  people:   ", "; ".join(find_people(article)))
        print("  countries:", "; ".join(find_countries(article)))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("mode", choices=("speed", "reuters", "show"))
    parser.add_argument("--corpora", type=Path, default=DEFAULT_CORPORA)
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--skip", type=int, default=0)
    args = parser.parse_args()
    require_corpora(args.corpora / ("reuters21578" if args.mode == "reuters" else "dawn-2025-xai"))
    if args.mode == "speed":
        speed(args.corpora, args.n)
    elif args.mode == "reuters":
        reuters_recall(args.corpora)
    else:
        show(args.corpora, args.n, args.skip)


if __name__ == "__main__":
    main()
