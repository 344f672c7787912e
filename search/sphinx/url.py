"""The engine URL: where the aggregator and each shard's servers answer SphinxQL.

Kept apart from the connections so configuration and tests can read URLs without a
MySQL client library installed.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit


@dataclass(frozen=True, slots=True)
class Address:
    host: str
    port: int

    @classmethod
    def parse(cls, text: str) -> Address:
        host, _, port = text.rpartition(":")
        if not host or not port.isdigit():
            raise ValueError(f"not HOST:PORT: {text!r}")
        return cls(host, int(port))

    def __str__(self) -> str:
        return f"{self.host}:{self.port}"


def parse_url(url: str) -> tuple[Address, tuple[tuple[Address, ...], ...]]:
    """`sphinx://AGGREGATOR_HOST:PORT/?shard=HOST:PORT&shard=HOST:PORT|HOST:PORT` ->
    (aggregator, the SphinxQL addresses of each shard's replicas).

    The aggregator answers searches over the distributed index; writes go to each shard's
    servers directly (every replica), since Sphinx cannot write through a distributed
    index. Shard order is the routing order: an article goes to shard `hash(id) % N`."""
    parts = urlsplit(url)
    if parts.scheme != "sphinx" or not parts.netloc:
        raise ValueError(f"not a sphinx:// engine URL: {url!r}")
    shards = tuple(
        tuple(Address.parse(a) for a in s.split("|")) for s in parse_qs(parts.query).get("shard", [])
    )
    if not shards:
        raise ValueError(f"the engine URL names no shard (add ?shard=HOST:PORT): {url!r}")
    return Address.parse(parts.netloc), shards
