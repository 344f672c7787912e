"""A newspaper-sized archive for benchmarks, made by replicating the shared Dawn and APP corpora.

    python benchmarks/make_archive.py --size N OUT [--seed S]

Copy 0 is the shared records as they are; copy k (k >= 1) of a record gets a new URL, every
date in it moved k years back (publication time, archive day, print footer) and one sentence
of its own after its first paragraph, so that no copy is an exact duplicate of another and
the duplicate finder keeps them all. Records go to monthly `<source>-<year>-<month>.jsonl.gz`
files as the shared corpora do. When N is not a whole number of copies, the last copy takes
records spread evenly over the collections. Output is the same for the same N and seed, and
the generator streams: it holds one record at a time, whatever N.

`daily_update` makes a day's news for an archive made here (new articles in a new file and
corrections inside an existing monthly file); `benchmarks/bench_reindex.py` uses it.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import random
import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "corpora"
COLLECTIONS = ("dawn-2025-xai", "app-2025-xai")
#: Plain words for each copy's own sentence: common enough not to look like names or places.
_WORDS_TEXT = """
the officials said on a report about water roads schools markets prices farmers workers council
budget plans meeting week city district province courts hearing traffic weather rain heat power
supply project funds board members public health hospital teachers students exams police traders
shops wheat sugar cotton rice transport buses trains fuel gas electricity tariff survey record
review committee inquiry notice order rules season crop harvest river canal bridge repairs new old
"""
WORDS = tuple(_WORDS_TEXT.split())
_FOOTER_YEAR = re.compile(
    r"(Published in [^,\n]{1,40},(?: [A-Z]+,)? [A-Z][a-z]+ \d{1,2}(?:st|nd|rd|th)?, )(\d{4})"
)
_ISO_YEAR = re.compile(r"^(\d{4})(-\d\d-\d\d)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="folder to write (must not exist yet)")
    parser.add_argument("--size", type=int, required=True, help="how many records")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args()
    if not all((SHARED / name).is_dir() for name in COLLECTIONS):
        sys.exit(f"make_archive: needs the shared corpora at {SHARED}")
    if args.out.exists():
        sys.exit(f"make_archive: {args.out} exists; give a new folder")
    written = make_archive(args.out, args.size, args.seed)
    print(f"{written:,} records in {len(list(args.out.iterdir())):,} files under {args.out}")


def make_archive(out: Path, size: int, seed: int = 12) -> int:
    """Write `size` records under `out`; returns how many were written."""
    out.mkdir(parents=True)
    base = sum(1 for _ in _base_records())
    written = 0
    copy = 0
    while written < size:
        share = min(base, size - written)
        with contextlib.ExitStack() as files:
            writers: dict[str, TextIO] = {}
            for i, (month_file, record) in enumerate(_base_records()):
                # A partial copy takes record i when i * share / base passes a whole number there.
                if (i + 1) * share // base == i * share // base:
                    continue
                name = _file_name(month_file, copy)
                if name not in writers:
                    writers[name] = files.enter_context(gzip.open(out / name, "wt", encoding="utf-8"))
                writers[name].write(json.dumps(replicate(record, copy, seed, i)) + "\n")
                written += 1
        copy += 1
    return written


def daily_update(archive: Path, new: int, corrected: int, day: int, seed: int = 12) -> tuple[Path, Path]:
    """A day's news for an archive made by `make_archive`: `new` articles (the archive's
    first records under new URLs, each with a sentence of its own) in a new file, and the
    first `corrected` records of the largest monthly file given a correction. Both go after
    the first paragraph, where a print footer cannot cut them off. Returns (the new file,
    the corrected file)."""
    months = sorted(archive.glob("*-*-*.jsonl.gz"))
    fresh = archive / f"daily-{day:04d}.jsonl.gz"
    with gzip.open(fresh, "wt", encoding="utf-8") as stream:
        for i, record in zip(range(new), _records(months), strict=False):
            record["link"] = f"{record.get('link') or i}-day{day}"
            record["content"] = _insert(record.get("content") or "", _sentence(seed, -day, i))
            stream.write(json.dumps(record) + "\n")
    target = max(months, key=lambda p: p.stat().st_size)
    tmp = target.with_suffix(".tmp")
    with gzip.open(target, "rt", encoding="utf-8") as lines, gzip.open(tmp, "wt", encoding="utf-8") as stream:
        for n, line in enumerate(lines):
            if n < corrected:
                record = json.loads(line)
                fix = f"Correction of day {day}: an earlier version misstated a figure."
                record["content"] = _insert(record.get("content") or "", fix)
                line = json.dumps(record) + "\n"
            stream.write(line)
    shutil.move(tmp, target)
    return fresh, target


def replicate(record: dict, copy: int, seed: int, index: int) -> dict:
    """Copy `copy` of a shared record (copy 0 is the record itself)."""
    if copy == 0:
        return record
    out = dict(record)
    content = _insert(out.get("content") or "", _sentence(seed, copy, index))
    out["content"] = _FOOTER_YEAR.sub(lambda m: m.group(1) + str(int(m.group(2)) - copy), content)
    if out.get("link"):
        out["link"] = f"{out['link'].rstrip('/')}-copy{copy}"
    for key in ("date_published", "dateList"):
        if isinstance(out.get(key), str):
            out[key] = _shift(out[key], copy)
    out.pop("seen_on_lists", None)
    return out


def _insert(content: str, sentence: str) -> str:
    """`sentence` as a paragraph after the first one (before any print footer); some scraped
    bodies break paragraphs with a literal backslash-n."""
    for sep in ("\n\n", "\\n\\n", "\n", "\\n"):
        first, found, rest = content.partition(sep)
        if found:
            return f"{first}{sep}{sentence}{sep}{rest}"
    return f"{content}\n\n{sentence}"


def _sentence(seed: int, copy: int, index: int) -> str:
    rng = random.Random(f"{seed}-{copy}-{index}")
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(8, 16))).capitalize() + "."


def _shift(value: str, years: int) -> str:
    """An ISO date or timestamp `years` earlier (29 February becomes the 28th)."""
    match = _ISO_YEAR.match(value)
    if not match:
        return value
    rest = match.group(2)
    year = int(match.group(1)) - years
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    if rest == "-02-29" and not leap:
        rest = "-02-28"
    return f"{year:04d}{rest}{value[match.end() :]}"


def _file_name(month_file: str, copy: int) -> str:
    """`dawn-2025-03.jsonl.gz` for copy k: `dawn-<2025-k>-03.jsonl.gz`."""
    source, year, rest = month_file.split("-", 2)
    return f"{source}-{int(year) - max(copy, 0)}-{rest}"


def _records(paths: list[Path]) -> Iterator[dict]:
    for path in paths:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            yield from map(json.loads, lines)


def _base_records() -> Iterator[tuple[str, dict]]:
    """Every shared Dawn and APP record with its monthly file's name, month by month."""
    files = sorted(
        (path for name in COLLECTIONS for path in (SHARED / name).glob("*.jsonl.gz")),
        key=lambda p: (p.name.split("-", 1)[1], p.name),
    )
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as lines:
            for line in lines:
                if line.strip():
                    yield path.name, json.loads(line)


if __name__ == "__main__":
    main()
