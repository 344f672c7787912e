"""How long the costliest shapes of request take, through the app's real request path.

    python benchmarks/bench_pathological.py --index /work/bench/idx60k [--budget 3] [--json]

Each request in `REQUESTS` (floods of fuzzy words and prefixes, a very long query, deep
pages, CSV exports, feeds, long facet lists) is sent once, in this order, to an app over
the index (Flask's test client: routing, parameters, search, rendering, no socket), after
a warm-up that opens the index and builds what every later search shares (columns, the
spelling vocabulary). Every query is distinct, so each pays for its own expansions. Then
a plain search is timed while a fresh fuzzy flood runs in another thread: what one
attacker costs every other reader.

To compare with another checkout, run this file with that checkout first on the path:
`PYTHONPATH=/tmp/main-checkout python benchmarks/bench_pathological.py --index ...`
(the script uses only what both have: `web.create_app` and HTTP). Nothing is written to
the index. Times are wall-clock seconds on whatever else the machine is doing.
"""

from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import threading
import time
from pathlib import Path
from typing import Any

from flask.testing import FlaskClient

from web import create_app

LETTERS = "abcdefghijklmnoprstuvwy"


def fuzzy_flood(first: str, count: int = 64) -> str:
    """`count` three-letter fuzzy words from two-letter stems (`san~ sar~ sal~ ...`)."""
    stems = [first + vowel for vowel in "aeiou"]
    return " ".join(f"{a}{b}~" for a, b in itertools.islice(itertools.product(stems, LETTERS), count))


def prefix_flood(count: int = 32) -> str:
    """`count` two-letter prefixes (`ba* be* bi* ...`)."""
    return " ".join(
        f"{a}{b}*" for a, b in itertools.islice(itertools.product("bcdfghklmnprst", "aeiou"), count)
    )


WORDS = ("pakistan", "election", "budget", "minister", "court", "army", "police", "water", "trade", "bank")
LONG_QUERY = " ".join(WORDS * 20)[:999]

#: (what it is, URL). Each query appears once: a repeat would find its expansions cached.
REQUESTS: list[tuple[str, str]] = [
    ("plain word", "/api/search?q=election"),
    ("8 fuzzy words", "/api/search?q=" + fuzzy_flood("m", 8)),
    ("64 fuzzy words (the issue's flood)", "/api/search?q=" + fuzzy_flood("s")),
    ("64 fuzzy words, results page", "/search?q=" + fuzzy_flood("c")),
    ("32 two-letter prefixes", "/api/search?q=" + prefix_flood()),
    ("very long query (999 chars)", "/api/search?q=" + LONG_QUERY),
    ("deep page 1000 x 10", "/api/search?q=government&page=1000"),
    ("deep page 100 x 100", "/api/search?q=said&page=100&per_page=100"),
    ("deep page 1000 x 100", "/api/search?q=police&page=1000&per_page=100"),
    ("CSV export, plain word", "/search.csv?q=election"),
    ("CSV export, prefix", "/search.csv?q=pak*"),
    ("Atom feed, prefix", "/search.atom?q=minist*"),
    ("facet list page, people", "/facet/person"),
    ("facet values by prefix", "/api/facet/person?prefix=a"),
    ("profile of the largest country", "/country/Pakistan"),
]

PLAIN = "/api/search?q=inflation"


def timed(client: FlaskClient, url: str) -> dict[str, Any]:
    """One request, read to its last byte (exports stream)."""
    started = time.perf_counter()
    response = client.get(url)
    body = response.get_data()
    seconds = time.perf_counter() - started
    timed_out = None
    if response.mimetype == "application/json" and response.status_code == 200:
        timed_out = json.loads(body).get("timed_out")
    return {"status": response.status_code, "seconds": seconds, "bytes": len(body), "timed_out": timed_out}


def plain_during_flood(client: FlaskClient, rounds: int) -> tuple[float, float, float]:
    """Median seconds of a plain search alone, then while a fuzzy flood runs, and the flood's own."""
    alone = statistics.median(timed(client, PLAIN)["seconds"] for _ in range(rounds))
    flood: dict[str, Any] = {}
    attacker = threading.Thread(
        target=lambda: flood.update(timed(client, "/api/search?q=" + fuzzy_flood("p")))
    )
    attacker.start()
    during = []
    while attacker.is_alive() or not during:
        during.append(timed(client, PLAIN)["seconds"])
    attacker.join()
    return alone, statistics.median(during), flood["seconds"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, required=True, help="an index folder (read only)")
    parser.add_argument(
        "--budget", type=float, default=3.0, help="seconds a search may take (where supported)"
    )
    parser.add_argument("--rounds", type=int, default=5, help="plain searches timed alone (default 5)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)

    client = create_app({"INDEX_DIR": args.index, "SEARCH_BUDGET": args.budget}).test_client()
    for url in ("/api/search?q=budget", "/api/search?q=parliment", "/facet/country"):  # warm-up
        client.get(url)
    rows = [{"request": name, "url": url[:80], **timed(client, url)} for name, url in REQUESTS]
    alone, during, flood = plain_during_flood(client, args.rounds)
    report = {
        "index": str(args.index),
        "budget_s": args.budget,
        "requests": rows,
        "plain_alone_s": alone,
        "plain_during_flood_s": during,
        "flood_s": flood,
    }
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    print(f"{'request':38} {'status':>6} {'seconds':>8} {'timed out':>9} {'bytes':>10}")
    for row in rows:
        shown = "" if row["timed_out"] is None else str(row["timed_out"]).lower()
        print(f"{row['request']:38} {row['status']:>6} {row['seconds']:8.3f} {shown:>9} {row['bytes']:>10,}")
    print(
        f"plain search alone {alone * 1000:.0f} ms; while a 64-word fuzzy flood runs "
        f"({flood:.2f} s) {during * 1000:.0f} ms (medians)"
    )
    slowest = max(row["seconds"] for row in rows)
    print(f"slowest request {slowest:.2f} s; budget {args.budget:g} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
