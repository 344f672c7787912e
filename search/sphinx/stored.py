"""Articles kept on the shards themselves, as string attributes of their index rows.

Sphinx 2.2 keeps no documents and the full-text fields hold analysed terms, so each row
also carries the article as JSON (`article`) and what an incremental run compares
(`fingerprint`: id, content hash, extractor version, origin). Any host that knows the
cluster's address can then show pages and snippets: nothing lives beside the web app.
Manticore would allow stored fields, but a stored field is also indexed, and here the
text must not be (the indexed text is `search.analysis`'s); a string attribute works on
both servers alike.

Reads go through the aggregator's distributed index, so a shard's mirror answers when
the shard does not; a shard answering nobody leaves its articles out, as searches do.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from search.models import Article, Fingerprint
from search.sphinx.connections import Server, Unavailable
from search.sphinx.documents import decode

#: Rows fetched per statement when reading articles by id or paging through a generation.
READ_BATCH = 1000


def articles(server: Server, index: str, docids: Sequence[int]) -> dict[int, Article]:
    """Stored articles by document id (those no shard holds left out)."""
    return {docid: decode(text) for docid, text in by_id(server, index, "article", docids).items()}


def articles_or_warning(server: Server, index: str, docids: Sequence[int]) -> tuple[dict[int, Article], str]:
    """`articles`, and the aggregator's warning ("" when none): a shard that did not answer
    this read leaves its articles out, which a caller showing a page of hits must say."""
    found, warning = _rows(server, index, "article", docids, READ_BATCH, meta=True)
    return {docid: decode(text) for docid, text in found.items()}, warning


def by_id(
    server: Server, index: str, column: str, docids: Sequence[int], batch: int = READ_BATCH
) -> dict[int, Any]:
    """One column of the rows with these document ids, by id (ids no row has left out),
    asked `batch` ids a statement."""
    return _rows(server, index, column, docids, batch, meta=False)[0]


def _rows(
    server: Server, index: str, column: str, docids: Sequence[int], batch: int, *, meta: bool
) -> tuple[dict[int, Any], str]:
    found: dict[int, Any] = {}
    warnings = []
    wanted = list(dict.fromkeys(docids))
    for start in range(0, len(wanted), batch):
        chunk = wanted[start : start + batch]
        sets, info = server.run(
            f"SELECT id, {column} FROM {index} WHERE id IN ({', '.join(map(str, chunk))})"
            f" LIMIT {len(chunk)} OPTION max_matches={len(chunk)}",
            meta=meta,
        )
        found.update((int(r[0]), r[1]) for r in sets[0])
        if "warning" in info:
            warnings.append(info["warning"])
    return found, "; ".join(warnings)


def scan(
    server: Server, index: str, column: str, *, strict: bool = True, batch: int = READ_BATCH
) -> Iterator[list[str]]:
    """One string column of every row of `index`, in batches, in id order. `strict`: a
    shard that does not answer raises `Unavailable` rather than leaving its rows out."""
    last = 0
    while True:
        sets, meta = server.run(
            f"SELECT id, {column} FROM {index} WHERE id > {last} ORDER BY id ASC"
            f" LIMIT {batch} OPTION max_matches={batch}",
            meta=strict,
        )
        if "warning" in meta:
            raise Unavailable(f"{server.address}: {meta['warning']}")
        rows = sets[0]
        if not rows:
            return
        yield [str(r[1]) for r in rows]
        last = int(rows[-1][0])


def fingerprints(server: Server, index: str) -> dict[str, Fingerprint]:
    out: dict[str, Fingerprint] = {}
    for batch in scan(server, index, "fingerprint"):
        for text in batch:
            article_id, content_hash, version, origin = json.loads(text)
            out[article_id] = Fingerprint(content_hash, version, origin)
    return out
