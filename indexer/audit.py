"""Accounting for every record: indexed, a duplicate of a named article, or skipped with a reason.

The audit reads every file of the corpus. One whose bytes hash to what the live
generation's manifest recorded is accounted from the manifest (its articles' ids, its
skipped records) and the record of duplicates, which were made by reading those very
bytes; every other file (new, changed, or all of them with `reread`) is read again as
the indexer reads it (the same discovery and readers, in worker processes, without the
extractors). Each record is then set beside the live index
and the live generation's record of duplicates (the newest record when the live generation
was switched in without a run). A record the index holds at its origin
under its id is *indexed*; one recorded as a repeat of an article the index holds is a
*duplicate*; one a reader or discovery gave up on is *skipped* with its reason.
Anything else is *unaccounted*, with why: not in the index (removed behind the
indexer's back, or added to the corpus since the last run), held under another id
(an index built by other rules), or a repeat of an article that is gone.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from indexer import manifest as manifests
from indexer.identity import IDENTITY_VERSION
from indexer.readers import Skipped, SourceFile, discover, read
from search import duplicates as duplicate_record
from search.duplicates import Duplicate
from search.engine import Engine
from search.lifeline import worker_pool
from search.models import Fingerprint


@dataclass(frozen=True, slots=True)
class Unaccounted:
    """A record in none of the three columns: where it was read, its id, and why."""

    origin: str
    id: str
    why: str


@dataclass(slots=True)
class Audit:
    """The counts (they add up to `records`), and every record not accounted for."""

    records: int = 0
    indexed: int = 0
    duplicates: int = 0
    skipped: int = 0
    unaccounted: list[Unaccounted] = field(default_factory=list)
    #: Live articles read from under the audited paths that no record of the corpus gave.
    orphans: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.unaccounted

    def line(self) -> str:
        return (
            f"audit: {self.records} records read: {self.indexed} indexed, {self.duplicates} duplicates, "
            f"{self.skipped} skipped, {len(self.unaccounted)} not accounted for"
            f" in {self.seconds:.1f}s"
        )


def audit(
    engine: Engine,
    state_dir: Path,
    paths: Sequence[Path],
    workers: int | None = None,
    *,
    reread: bool = False,
) -> Audit:
    """Account for every record under `paths` against the live index of `engine`. Files
    whose bytes are as the live generation's manifest recorded them are accounted from it
    unless `reread`; every other file is parsed again."""
    started = time.monotonic()
    roots = [Path(p).resolve() for p in paths]
    stored = engine.fingerprints()
    at_origin = {fingerprint.origin: article_id for article_id, fingerprint in stored.items()}
    live_name, _ = engine.generation_names()
    decisions = duplicate_record.load(state_dir, live_name) or duplicate_record.load(
        state_dir, duplicate_record.newest(state_dir)
    )
    repeats = {d.origin: d.kept_id for d in decisions}
    known = _Known(manifests.load(state_dir, live_name), decisions, stored)
    result = Audit()
    read_origins: set[str] = set()
    for item in _records(roots, workers or os.cpu_count() or 1, None if reread else known):
        result.records += 1
        if isinstance(item, Skipped):
            result.skipped += 1
            continue
        origin, article_id = item
        read_origins.add(origin)
        held = at_origin.get(origin)
        kept = repeats.get(origin)
        if held is not None and (held == article_id or held.startswith(article_id + "~")):
            result.indexed += 1
        elif held is None and kept is not None and kept in stored:
            result.duplicates += 1
        elif held is not None:
            result.unaccounted.append(Unaccounted(origin, article_id, f"indexed under another id, {held}"))
        elif kept is not None:
            why = f"a duplicate of {kept}, which is not in the index"
            result.unaccounted.append(Unaccounted(origin, article_id, why))
        else:
            result.unaccounted.append(Unaccounted(origin, article_id, "not in the index"))
    result.orphans = sorted(
        article_id
        for origin, article_id in at_origin.items()
        if origin not in read_origins and any(_under(origin, root) for root in roots)
    )
    result.seconds = round(time.monotonic() - started, 3)
    return result


class _Known:
    """What the live generation's manifest and record of duplicates say each input file held."""

    def __init__(
        self, manifest: manifests.Manifest, decisions: list[Duplicate], stored: dict[str, Fingerprint]
    ):
        # A manifest made under other identity rules names records by ids the readers no longer give.
        current = manifest.extractor_version.endswith("+" + IDENTITY_VERSION)
        self._files = manifest.files if current else {}
        self._stored = stored
        self._repeats: dict[str, list[Duplicate]] = {}
        for decision in decisions:
            self._repeats.setdefault(decision.file, []).append(decision)

    def records(self, source: SourceFile) -> list[tuple[str, str] | Skipped] | None:
        """The records of a file whose bytes are as recorded, or None when it must be read."""
        entry = self._files.get(str(source.path))
        repeats = self._repeats.get(str(source.path), [])
        if entry is None or len(repeats) != len(entry.duplicate_of):
            return None
        if entry.hash != manifests.file_hash(source.path):
            return None
        found: list[tuple[str, str] | Skipped] = []
        for article_id, _ in entry.articles:
            stored = self._stored.get(article_id)
            found.append((stored.origin if stored else str(source.path), article_id))
        found.extend((repeat.origin, repeat.id) for repeat in repeats)
        found.extend(Skipped(origin, reason) for origin, reason in entry.skipped.items())
        return found


def _records(roots: list[Path], workers: int, known: _Known | None) -> Iterator[tuple[str, str] | Skipped]:
    """Every record under `roots`: (origin, id) for an article, else the skip. A file the
    manifest knows byte for byte is taken from it; the others are read in `workers` processes."""
    files: list[SourceFile] = []
    for item in discover(roots):
        if isinstance(item, Skipped):
            yield item
            continue
        recorded = known.records(item) if known else None
        if recorded is None:
            files.append(item)
        else:
            yield from recorded
    if workers <= 1 or len(files) <= 1:
        for source in files:
            yield from _read_one(source)
        return
    with worker_pool(workers) as executor:
        for found in executor.map(_read_one, files):
            yield from found


def _read_one(source: SourceFile) -> list[tuple[str, str] | Skipped]:
    """One file's records, as the indexer's readers give them (one file per task, so two
    workers share a few large files evenly)."""
    return [
        item if isinstance(item, Skipped) else (str(source.root / item.origin), item.id)
        for item in read(source)
    ]


def _under(origin: str, root: Path) -> bool:
    return origin == str(root) or origin.startswith((str(root) + os.sep, str(root) + "#"))
