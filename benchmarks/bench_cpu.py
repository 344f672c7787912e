"""CPU time one request of bench_load.py's mix costs a worker, by kind, through the real Flask app.

    python benchmarks/bench_cpu.py --index /work/bench/idx60k2 --requests 400
    python benchmarks/bench_cpu.py --index INDEX --requests 400 --profile /tmp/cpu.prof   # cProfile too
    python benchmarks/bench_cpu.py --index INDEX --code /tmp/before   # another checkout (before/after)

On a machine shared with other jobs wall time mostly measures the others; the process's own
CPU time (`time.process_time`) is far steadier, and with both cores busy it is what sets
throughput and, by Little's law, latency under load. The app is the one `broadsheet serve`
runs, called in-process (Flask's test client: no sockets, so only the worker's share is
counted). Words, ids and names come from the index's own newest articles, as bench_load.py
draws them; one pass of other requests first fills the caches a worker fills in its first
minutes, then `--requests` requests are timed.
"""

from __future__ import annotations

import argparse
import cProfile
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlencode

from bench_load import MIX, SEED, Material, next_request

if TYPE_CHECKING:
    from flask.testing import FlaskClient

ROOT = Path(__file__).resolve().parents[1]


def gather(client: FlaskClient) -> Material:
    """bench_load.py's material, read through the app instead of over HTTP."""
    words: set[str] = set()
    ids: list[str] = []
    people: set[str] = set()
    countries: set[str] = set()
    for page in (1, 5, 20, 60):
        found = client.get(f"/api/search?{urlencode({'q': '', 'per_page': 100, 'page': page})}").get_json()
        for hit in found["results"] if found else []:
            ids.append(hit["id"])
            words.update(w.strip(".,:;'\"()?!").lower() for w in hit["title"].split())
            people.update(hit.get("people", [])[:2])
            countries.update(hit.get("countries", [])[:2])
    usable = sorted(w for w in words if len(w) >= 4 and w.isalpha())
    if not usable or not ids:
        raise SystemExit("bench_cpu: the index gave no words or articles to ask for")
    return Material(usable, ids, sorted(people) or ["none"], sorted(countries) or ["none"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--index", type=Path, required=True, help="a built index folder (only read)")
    parser.add_argument("--requests", type=int, default=400, help="timed requests (and as many to warm up)")
    parser.add_argument("--profile", type=Path, help="also write a cProfile (CPU time) of the timed requests")
    parser.add_argument("--code", type=Path, default=ROOT, help="a Broadsheet checkout to measure")
    args = parser.parse_args(argv)
    if not (args.index / "CURRENT").is_file():
        print(f"bench_cpu: no index at {args.index}", file=sys.stderr)
        return 1
    sys.path.insert(0, str(args.code.resolve()))
    from web import create_app  # imported late: `--code` picks the code

    print(f"code: {args.code}; index: {args.index}")
    client = create_app({"INDEX_DIR": args.index}).test_client()
    stuff = gather(client)
    warm = random.Random(SEED)
    for _ in range(args.requests):
        client.get(next_request(warm, stuff)[1])
    timed = random.Random(SEED + 1)
    requests = [next_request(timed, stuff) for _ in range(args.requests)]
    cpu: Counter[str] = Counter()
    count: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    profile = cProfile.Profile(time.process_time) if args.profile else None
    if profile:
        profile.enable()
    for kind, path in requests:
        started = time.process_time()
        status = client.get(path).status_code
        cpu[kind] += time.process_time() - started
        count[kind] += 1
        if status != 200:
            failed[kind] += 1
    if profile:
        profile.disable()
        profile.dump_stats(args.profile)
    print(f"{'kind':<14} {'requests':>8} {'CPU ms/request':>15} {'not 200':>8}")
    for _, kind in MIX:
        if count[kind]:
            print(f"{kind:<14} {count[kind]:>8} {1000 * cpu[kind] / count[kind]:>15.2f} {failed[kind]:>8}")
    total = sum(count.values())
    print(f"{'all':<14} {total:>8} {1000 * sum(cpu.values()) / total:>15.2f} {sum(failed.values()):>8}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
