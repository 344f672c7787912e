"""The indexing run: full or incremental, always into a new generation, switched in atomically.

Incremental runs copy the live generation, write only what is new or changed and
delete what vanished; full runs start empty. Either way the live index keeps serving
until the new generation is committed and verified, and a crash at any point leaves it
as it was. The run ends with a `RunSummary`, printed and kept for `status`.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from indexer import manifest as manifests
from indexer.extract import load_aliases, version_for
from indexer.lock import WriteLock
from indexer.pipeline import FileResult, process_files, text_hash
from indexer.progress import Progress
from indexer.readers import Skipped, SourceFile, discover
from search.engine import Engine, Generation
from search.models import Article, Fingerprint
from search.runs import RunSummary, record_run

WRITE_BATCH = 500
ALIASES_FILE = "aliases.txt"
LOG_DIR = "logs"


class IndexingFailed(RuntimeError):
    """A run that could not finish; the live index is untouched. The message says why."""


@dataclass(slots=True)
class _Tally:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    skipped: dict[str, str] = field(default_factory=dict)


def run(
    engine: Engine,
    state_dir: Path,
    paths: Sequence[Path],
    *,
    full: bool,
    workers: int | None = None,
    progress: Progress | None = None,
) -> RunSummary:
    """Index `paths` into `engine`, holding the write lock; raises `IndexingFailed` on failure."""
    progress = progress or Progress(quiet=True)
    workers = workers or os.cpu_count() or 1
    _check_writable(state_dir)
    started = time.monotonic()
    started_at = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
    roots = [Path(p).resolve() for p in paths]
    with WriteLock(state_dir, "reindex" if full else "index") as lock:
        if lock.stale:
            progress.note(f"cleared a lock left by {lock.stale.describe()}, which is no longer running")
        summary = _build(engine, state_dir, roots, full, workers, progress)
    summary = _with_timing(summary, started_at, time.monotonic() - started)
    record_run(state_dir, summary)
    _write_log(state_dir, summary)
    return summary


def _build(
    engine: Engine, state_dir: Path, roots: list[Path], full: bool, workers: int, progress: Progress
) -> RunSummary:
    fingerprints = engine.fingerprints()
    live = engine.stats().articles
    extractor_version = version_for(load_aliases(_aliases_path(state_dir)))
    old_manifest = manifests.load(state_dir, _live_name(state_dir))
    new_manifest = manifests.Manifest(extractor_version)
    tally = _Tally()
    seen_ids: set[str] = set()
    seen_texts: set[str] = set()

    tasks: list[tuple[SourceFile, str, int]] = []
    for item in discover(roots):
        if isinstance(item, Skipped):
            tally.skipped[item.origin] = item.reason
            continue
        key = str(item.path)
        digest = manifests.file_hash(item.path)
        entry = None if full else old_manifest.unchanged(key, digest, extractor_version)
        if entry is not None:
            new_manifest.files[key] = entry
            for article_id, words in entry.articles:
                seen_ids.add(article_id)
                seen_texts.add(words)
            tally.unchanged += len(entry.articles)
            tally.skipped.update(entry.skipped)
            continue
        tasks.append((item, digest, item.path.stat().st_size))

    generation = engine.begin(fresh=full)
    try:
        progress.start(sum(size for *_, size in tasks), len(tasks))
        batch: list[Article] = []
        for result in process_files(tasks, workers, _aliases_path(state_dir)):
            batch.extend(_classify(result, fingerprints, seen_ids, seen_texts, tally, new_manifest, full))
            if len(batch) >= WRITE_BATCH:
                generation.write(batch)
                batch = []
            progress.advance(result.size, len(result.articles))
        if batch:
            generation.write(batch)
        progress.finish()
        deleted = [] if full else _vanished(fingerprints, seen_ids, roots)
        generation.delete(deleted)
        progress.note("committing")
        count = generation.commit()
        expected = tally.added + tally.updated + tally.unchanged if full else live + tally.added - len(deleted)
        if count != expected:
            raise IndexingFailed(f"the new index holds {count} articles where {expected} were expected")
        engine.switch(generation)
    except BaseException as error:
        # The original error is the one to report; a failed clean-up (the disk is
        # still full) leaves an unfinished generation that the next run removes.
        with contextlib.suppress(Exception):
            generation.abort()
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            raise IndexingFailed("the disk is full; the live index is unchanged") from error
        raise
    previous = _previous_name(state_dir)
    manifests.save(state_dir, generation.name, new_manifest, keep={previous} if previous else set())
    return RunSummary(
        kind="reindex" if full else "index",
        started="",
        seconds=0.0,
        paths=tuple(str(r) for r in roots),
        generation=generation.name,
        added=tally.added,
        updated=tally.updated,
        deleted=len(fingerprints) - (tally.updated + tally.unchanged) if full else len(deleted),
        unchanged=tally.unchanged,
        duplicates=tally.duplicates,
        skipped=tally.skipped,
        articles=count,
    )


def _classify(
    result: FileResult,
    fingerprints: dict[str, Fingerprint],
    seen_ids: set[str],
    seen_texts: set[str],
    tally: _Tally,
    manifest: manifests.Manifest,
    full: bool,
) -> list[Article]:
    """Count one file's articles and return those the new generation must be given."""
    entry = manifests.FileEntry(result.file_hash, skipped={skip.origin: skip.reason for skip in result.skipped})
    tally.skipped.update(entry.skipped)
    to_write: list[Article] = []
    for article in result.articles:
        words = text_hash(article)
        if article.id in seen_ids or words in seen_texts:
            tally.duplicates += 1
            entry.duplicates += 1
            continue
        seen_ids.add(article.id)
        seen_texts.add(words)
        entry.articles.append((article.id, words))
        known = fingerprints.get(article.id)
        if known is None:
            tally.added += 1
        elif (known.content_hash, known.extractor_version) != (article.content_hash, article.extractor_version):
            tally.updated += 1
        else:
            tally.unchanged += 1
            if not full:
                continue
        to_write.append(article)
    manifest.files[str(result.source.path)] = entry
    return to_write


def _vanished(fingerprints: dict[str, Fingerprint], seen: set[str], roots: list[Path]) -> list[str]:
    """Ids stored from files under `roots` that this run did not find again."""
    prefixes = tuple(str(root) + os.sep for root in roots) + tuple(str(root) for root in roots)
    return [
        article_id
        for article_id, fingerprint in fingerprints.items()
        if article_id not in seen and fingerprint.origin.startswith(prefixes)
    ]


def _aliases_path(state_dir: Path) -> Path | None:
    path = state_dir / ALIASES_FILE
    return path if path.exists() else None


def _live_name(state_dir: Path) -> str | None:
    try:
        return (state_dir / "CURRENT").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _previous_name(state_dir: Path) -> str | None:
    try:
        return (state_dir / "PREVIOUS").read_text(encoding="utf-8").strip() or None
    except OSError:
        return None


def _check_writable(state_dir: Path) -> None:
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        probe = state_dir / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise IndexingFailed(f"cannot write to the index folder {state_dir}: {error.strerror}") from error


def _with_timing(summary: RunSummary, started: str, seconds: float) -> RunSummary:
    return replace(summary, started=started, seconds=round(seconds, 3))


def _write_log(state_dir: Path, summary: RunSummary) -> None:
    folder = state_dir / LOG_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stamp = summary.started.replace(":", "").replace("-", "")
    lines = [summary.line(), *(f"skipped {origin}: {reason}" for origin, reason in sorted(summary.skipped.items()))]
    (folder / f"{summary.kind}-{stamp}.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
