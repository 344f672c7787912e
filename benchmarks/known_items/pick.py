"""Pick the articles the known-item queries were written from, the same way every time.

Per month file, articles of 150+ words are sorted by (section, link) and taken at even
steps, so the picks spread over months, sections and both outlets. Prints each pick's
link, title and opening so a person can read it and write a query; the queries
themselves are hand-written in queries.jsonl.

    python benchmarks/known_items/pick.py [--shared ../shared] > /tmp/picks.txt
"""

from __future__ import annotations

import argparse
import gzip
import json
from pathlib import Path

PER_MONTH = {"dawn-2025-xai": 6, "app-2025-xai": 5}
MIN_WORDS = 150


def section(record: dict) -> str:
    """Dawn titles end "- <Section> - DAWN.COM"; APP has none."""
    parts = [p.strip() for p in (record.get("title") or "").split(" - ")]
    return parts[-2] if len(parts) >= 3 and parts[-1] == "DAWN.COM" else ""


def picks(shared: Path) -> list[dict]:
    chosen = []
    for corpus, count in PER_MONTH.items():
        for path in sorted((shared / "corpora" / corpus).glob("*.jsonl.gz")):
            with gzip.open(path, "rt", encoding="utf-8") as lines:
                records = [json.loads(line) for line in lines]
            records = [
                r for r in records if len((r.get("content") or "").split()) >= MIN_WORDS and r.get("link")
            ]
            records.sort(key=lambda r: (section(r), r["link"]))
            step = len(records) / count
            chosen.extend(records[int(step * i + step / 2)] for i in range(count))
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[3] / "shared")
    parser.add_argument("--chars", type=int, default=900)
    args = parser.parse_args()
    for record in picks(args.shared):
        print(f"## {record['link']}\n# {record['title']} [{(record.get('date_published') or '')[:10]}]")
        print(" ".join(record["content"].split())[: args.chars], "\n")


if __name__ == "__main__":
    main()
