"""Which shards a partial answer is missing, from the aggregator's own words.

When an agent fails, Sphinx and Manticore say so in SHOW META's `warning` (or, when every
agent failed, in the error), naming the mirror they last tried: `index dist_a: agent
10.0.0.12:9312: connect() failed ...`. The aggregator also knows which mirrors make each
agent line: `SHOW AGENT dist_a STATUS` lists `dstindex_<n>mirror<m>_id = HOST:PORT:INDEX`,
`n` counting agent lines from 1 in configuration order, which is the shard order. So a
warning's address names its shard without Broadsheet knowing any binary-protocol port.

`SHOW AGENT STATUS` also counts each mirror's errors in a row: a shard missed while one of
its mirrors has none was asked on a mirror that just failed, before the aggregator's pings
noticed (Sphinx 2.2 retries a failed agent on the same mirror), so asking again is likely
to be answered in full.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

_MIRROR_ID = re.compile(r"^dstindex_(\d+)mirror\d+_id$")
_AGENT_KEY = re.compile(r"^ag_(\d+)_(hostname|errorsarow)$")
_FAILED_AGENT = re.compile(r"\bagent ([^\s:]+:\d+)")


def shard_of_mirror(rows: Iterable[Sequence[object]]) -> dict[str, int]:
    """`SHOW AGENT <dist> STATUS` rows -> {"HOST:PORT" of each mirror: its shard number}."""
    out = {}
    for key, value in rows:
        found = _MIRROR_ID.match(str(key))
        if found:
            host, port, _index = str(value).rsplit(":", 2)
            out[f"{host}:{port}"] = int(found.group(1))
    return out


def missing_shards(message: str, shards: dict[str, int]) -> tuple[int, ...]:
    """The shard numbers whose agents a warning or error names, in order; an address the
    map does not hold (a changed configuration) names no shard."""
    named = {shards[a] for a in _FAILED_AGENT.findall(message) if a in shards}
    return tuple(sorted(named))


def answering_mirrors(rows: Iterable[Sequence[object]]) -> set[str]:
    """`SHOW AGENT STATUS` rows -> the "HOST:PORT" of every mirror whose last try did not fail."""
    hosts: dict[str, str] = {}
    errors: dict[str, int] = {}
    for key, value in rows:
        found = _AGENT_KEY.match(str(key))
        if found and found.group(2) == "hostname":
            hosts[found.group(1)] = str(value)
        elif found:
            errors[found.group(1)] = int(str(value))
    return {host for number, host in hosts.items() if errors.get(number, 0) == 0}
