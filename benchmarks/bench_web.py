"""Latency of the results page, measured against a running Broadsheet server.

    .venv/bin/python benchmarks/bench_web.py --url http://127.0.0.1:8080 [--rounds 5]
    .venv/bin/python benchmarks/bench_web.py --index /path/to/index [--rounds 5]  # served by waitress here

Each round requests every URL in `URLS` (words, phrases, facet filters, date ranges, deep
pages, sorts) once, after one warm-up round; the report gives p50, p95 and max in ms per
URL kind and overall, measured over HTTP end to end, as a reader's browser would wait.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

#: A reporter's and a researcher's day: names, places, phrases, filters, dates, sorting, paging.
URLS: list[tuple[str, dict[str, str | list[str]]]] = [
    ("word", {"q": "budget"}),
    ("word", {"q": "cricket"}),
    ("word", {"q": "inflation"}),
    ("word", {"q": "flood"}),
    ("two words", {"q": "imran khan"}),
    ("two words", {"q": "oil prices"}),
    ("two words", {"q": "interest rates"}),
    ("phrase", {"q": '"prime minister"'}),
    ("phrase", {"q": '"line of control"'}),
    ("boolean", {"q": "karachi OR lahore -cricket"}),
    ("fielded", {"q": "title:election"}),
    ("misspelt", {"q": "parliment"}),
    ("empty", {}),
    ("empty newest", {"sort": "newest"}),
    ("facet", {"q": "budget", "country": "Pakistan"}),
    ("facet", {"country": "United States"}),
    ("facet", {"topic": "sport"}),
    ("facets", {"q": "trade", "country": ["Pakistan", "China"]}),
    ("year", {"q": "election", "from": "2025-01-01", "to": "2025-12-31"}),
    ("month", {"from": "2025-03-01", "to": "2025-03-31"}),
    ("oldest", {"q": "security", "sort": "oldest"}),
    ("page 5", {"q": "government", "page": "5"}),
    ("page 50", {"q": "said", "page": "50"}),
    ("per_page 100", {"q": "police", "per_page": "100"}),
]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="base URL of a running server")
    where.add_argument("--index", type=Path, help="serve this index with waitress in this process")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--path", default="/search", help="/search (HTML) or /api/search (JSON)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    args = parser.parse_args(argv)
    base = args.url.rstrip("/") if args.url else _serve(args.index)
    report = run(base, args.path, args.rounds)
    if args.json:
        print(json.dumps(report, indent=2))
    else:
        _print(report)
    return 0


def run(base: str, path: str, rounds: int) -> dict[str, Any]:
    urls = [(kind, f"{base}{path}?{urlencode(params, doseq=True)}") for kind, params in URLS]
    for _, url in urls:  # warm-up: caches, lazily opened readers
        _get(url)
    timings: dict[str, list[float]] = {}
    for _ in range(rounds):
        for kind, url in urls:
            timings.setdefault(kind, []).append(_get(url))
    every = [t for ts in timings.values() for t in ts]
    return {
        "base": base,
        "path": path,
        "requests": len(every),
        "overall": _summary(every),
        "by_kind": {kind: _summary(ts) for kind, ts in timings.items()},
    }


def _get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        if response.status != 200:
            raise SystemExit(f"{url} answered {response.status}")
    return (time.perf_counter() - start) * 1000


def _summary(ms: list[float]) -> dict[str, float]:
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1), "max": round(ordered[-1], 1)}


def _serve(index: Path) -> str:
    import waitress  # type: ignore[import-untyped]

    from web import create_app

    app = create_app({"INDEX_DIR": index})
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = waitress.create_server(app, host="127.0.0.1", port=port, threads=4)
    threading.Thread(target=server.run, daemon=True).start()
    return f"http://127.0.0.1:{port}"


def _print(report: dict[str, Any]) -> None:
    print(f"{report['requests']} requests to {report['base']}{report['path']}")
    rows = {"overall": report["overall"], **report["by_kind"]}
    print(f"{'kind':<14}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for kind, s in rows.items():
        print(f"{kind:<14}{s['p50']:>9}{s['p95']:>9}{s['max']:>9}")


if __name__ == "__main__":
    sys.exit(main())
