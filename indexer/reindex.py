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
import gc
import os
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path

import numpy as np

from indexer import manifest as manifests
from indexer import space
from indexer.duplicates import KEEP_APART_FILE, KeepApart
from indexer.extract import load_aliases, version_for
from indexer.extract.acronyms import definitions
from indexer.identity import IDENTITY_VERSION, Ids
from indexer.lock import WriteLock
from indexer.names_merge import NameMerge
from indexer.orgs_merge import AcronymCount
from indexer.pipeline import FileResult, Known, Task, Unchanged, process_files
from indexer.progress import Progress
from indexer.readers import Duplicates, Skipped, SourceFile, discover
from indexer.spill import Spill
from indexer.stories import STORIES_APART_FILE, STORIES_DIR, Stories, day_of, signature
from indexer.timelimit import DEFAULT_SECONDS_PER_MB
from search import acronyms as acronym_record
from search import duplicates as duplicate_record
from search.analysis import tokens
from search.duplicates import Duplicate
from search.engine import Engine, EngineQuery, Generation
from search.memory import give_back_memory
from search.models import Article, Fingerprint
from search.parser import parse
from search.runs import RunSummary, record_run

ALIASES_FILE = "aliases.txt"
LOG_DIR = "logs"


class IndexingFailed(RuntimeError):
    """A run that could not finish; the live index is untouched. The message says why."""


class _Tally:
    """What a run has seen so far: its counts, the articles it knows, its new manifest."""

    def __init__(
        self,
        fingerprints: dict[str, Fingerprint],
        full: bool,
        manifest: manifests.Manifest,
        roots: list[Path],
        keep_apart: KeepApart,
        stored: Callable[[str], Article | None],
        stories: Stories,
        acronyms: AcronymCount,
    ) -> None:
        self.fingerprints = fingerprints
        self.full = full
        self.manifest = manifest
        self.duplicate_finder = Duplicates()
        self.keep_apart = keep_apart
        #: The live index's copy of an article, for an unchanged record that must move to a new id.
        self.stored = stored
        self.ids = Ids(fingerprints, lambda origin: any(_read_from(origin, root) for root in roots))
        #: The repeats found (the kept copy's origin is filled in by `decisions`), and the
        #: origins of the kept copies this run writes, noted as they are written (`note_origins`):
        #: holding every article's origin from its reading to the end cost 200 bytes an article.
        self._decisions: list[Duplicate] = []
        self._kept_origins: dict[str, str] = {}
        self.added = self.updated = self.unchanged = self.duplicates = self.renamed = 0
        self.extracted = 0
        self.skipped: dict[str, str] = {}
        self.notes: dict[str, str] = {}
        #: Every live article's story signature; those written this run are signed again.
        self.stories = stories
        #: The acronym definitions of the articles written this run.
        self.acronyms = acronyms
        self.group = True
        #: The stored articles this run writes again (a full run writes every one: not kept).
        self.written: set[str] = set()

    @property
    def seen_ids(self) -> set[str]:
        """The ids of every article this run keeps, read or not."""
        return self.ids.taken

    def keep_unread(self, path: str, entry: manifests.FileEntry, decisions: list[Duplicate]) -> None:
        """Count an unchanged file's articles from the manifest, and its repeats from the
        record of duplicates, without reading it."""
        self.manifest.files[path] = entry
        for article_id, keys in entry.articles:
            self.ids.take(article_id)
            self.duplicate_finder.remember(article_id, keys)
        self.unchanged += len(entry.articles)
        self.duplicates += len(entry.duplicate_of)
        self._decisions.extend(decisions)
        self.skipped.update(entry.skipped)

    def classify(self, result: FileResult) -> list[Article]:
        """Count one file's articles and return those the new generation must be given."""
        entry = manifests.FileEntry(result.file_hash, skipped={s.origin: s.reason for s in result.skipped})
        self.skipped.update(entry.skipped)
        for note in result.notes:  # one line per origin: a page may drop its og:url and its canonical link
            earlier = self.notes.get(note.origin)
            self.notes[note.origin] = f"{earlier}; {note.message}" if earlier else note.message
        self.extracted += result.extracted
        to_write: list[Article] = []
        apart = self.keep_apart.separates if self.keep_apart else None
        for article, keys, sig, defined in zip(
            result.articles, result.keys, result.signatures, result.definitions, strict=True
        ):
            match = self.duplicate_finder.find(article, keys, apart)
            if match is not None:
                self.duplicates += 1
                entry.duplicate_of.append(match.kept_id)
                self._decisions.append(
                    Duplicate(
                        origin=article.origin,
                        id=article.id,
                        url=article.url,
                        title=article.title,
                        kept_id=match.kept_id,
                        kept_origin="",
                        rule=match.rule,
                        file=str(result.source.path),
                    )
                )
                self._kept_origins.setdefault(match.kept_id, "")
                continue
            article_id, old_id = self.ids.assign(article)
            if isinstance(article, Unchanged) and article_id != article.id:
                # Another record of this run took its id: the stored copy moves to the new one.
                article = self._stored_copy(article)
            if article_id != article.id:
                article = replace(article, id=article_id)
            self.duplicate_finder.remember(article.id, keys)
            entry.articles.append((article.id, keys))
            if isinstance(article, Unchanged):  # as stored: neither extracted nor rewritten
                self.unchanged += 1
                continue
            known = self.fingerprints.get(article.id)
            if known is None and old_id is not None:
                self.renamed += 1
            elif known is None:
                self.added += 1
            elif (known.content_hash, known.extractor_version, known.origin) != (
                article.content_hash,
                article.extractor_version,
                article.origin,  # a moved file: the audit finds records by where they are
            ):
                self.updated += 1
            else:
                self.unchanged += 1
                if not self.full:
                    continue
            to_write.append(article)
            # A stored copy moved to a new id comes without the worker's definitions.
            self.acronyms.count(
                defined if defined is not None else definitions(article.body), article.organisations
            )
            if not self.full:
                self.written.add(article.id)
            if self.group:
                self.stories.add(
                    article.id, article.url, day_of(article), _signed(article, sig), article.source
                )
        self.manifest.files[str(result.source.path)] = entry
        return to_write

    def note_origins(self, articles: Iterable[Article]) -> None:
        """Note where the written articles that a repeat was found of were read."""
        for article in articles:
            if article.id in self._kept_origins:
                self._kept_origins[article.id] = article.origin

    def decisions(self) -> list[Duplicate]:
        """Every repeat, with the origin of the copy kept: noted as it was written this run,
        else the stored article's (an unchanged one), else the file it is recorded in."""
        origins = dict(self._kept_origins)
        for kept_id, origin in origins.items():
            if not origin and (stored := self.fingerprints.get(kept_id)) is not None:
                origins[kept_id] = stored.origin
        if not all(origins.values()):
            for path, entry in self.manifest.files.items():
                for article_id, _ in entry.articles:
                    if origins.get(article_id) == "":
                        origins[article_id] = path
        return [
            replace(decision, kept_origin=decision.kept_origin or origins.get(decision.kept_id, ""))
            for decision in self._decisions
        ]

    def _stored_copy(self, record: Unchanged) -> Article:
        article = self.stored(record.id)
        if article is None:
            raise IndexingFailed(f"{record.origin}: unchanged, but its article {record.id} is not stored")
        return article


def run(
    engine: Engine,
    state_dir: Path,
    paths: Sequence[Path],
    *,
    full: bool,
    workers: int | None = None,
    progress: Progress | None = None,
    seconds_per_mb: float = DEFAULT_SECONDS_PER_MB,
    group_stories: bool = True,
) -> RunSummary:
    """Index `paths` into `engine`, holding the write lock; raises `IndexingFailed` on failure.
    A file taking over `seconds_per_mb` CPU seconds per MB is skipped (`indexer.timelimit`).
    `group_stories=False` leaves every article a story of its own, unsigned: what
    benchmarks/bench_stories.py compares a build with."""
    progress = progress or Progress(quiet=True)
    workers = workers or os.cpu_count() or 1
    _check_writable(state_dir)
    started = time.monotonic()
    started_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    roots = [Path(p).resolve() for p in paths]
    with WriteLock(state_dir, "reindex" if full else "index") as lock:
        if lock.stale:
            progress.note(f"cleared a lock left by {lock.stale.describe()}, which is no longer running")
        try:
            summary, notes = _build(
                engine, state_dir, roots, full, workers, progress, seconds_per_mb, group_stories
            )
        finally:
            gc.unfreeze()
    summary = replace(summary, started=started_at, seconds=round(time.monotonic() - started, 3))
    record_run(state_dir, summary, engine)
    _write_log(state_dir, summary, notes)
    return summary


class _Phases:
    """How long each step of a run took, in the order they ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._mark = time.monotonic()

    def end(self, name: str) -> None:
        now = time.monotonic()
        self.seconds[name] = round(now - self._mark, 3)
        self._mark = now


def _build(
    engine: Engine,
    state_dir: Path,
    roots: list[Path],
    full: bool,
    workers: int,
    progress: Progress,
    seconds_per_mb: float,
    group_stories: bool = True,
) -> tuple[RunSummary, list[str]]:
    """The run's summary, and the lines its log adds: problems in the keep-apart file and
    every article whose id changed."""
    phases = _Phases()
    aliases_path = _aliases_path(state_dir)
    aliases = load_aliases(aliases_path)
    keep_apart = KeepApart.load(state_dir)
    try:
        keeper = acronym_record.Keeper.load(state_dir)
    except ValueError as error:
        raise IndexingFailed(f"{state_dir / acronym_record.KEEPER_FILE}: {error}") from error
    for problem in keep_apart.problems:
        progress.note(problem)
    # Identity rules are part of the version: after they change, every file is read again.
    article_version = version_for(aliases)
    version = f"{article_version}+{IDENTITY_VERSION}"
    live_name, _ = engine.generation_names()
    keepers = manifests.keepers_digest([state_dir / name for name in KEEPER_FILES])
    unreadable: dict[str, str] = {}
    sources: list[SourceFile] = []
    for item in discover(roots):
        if isinstance(item, Skipped):
            unreadable[item.origin] = item.reason
        else:
            sources.append(item)
    if full:
        # Before any work: a full build sits beside the live index until it replaces it.
        shortfall = space.shortfall(state_dir, engine.size_on_disk(), [s.path for s in sources])
        if shortfall:
            raise IndexingFailed(shortfall)
    found = [(item, manifests.file_hash(item.path)) for item in sources]
    if not full:
        idle = _idle_run(manifests.load_inputs(state_dir, live_name), version, keepers, found, roots)
        if idle is not None:
            phases.end("find changes")
            skipped = unreadable | idle.skipped
            return replace(idle, generation=live_name or "", skipped=skipped, phases=phases.seconds), []
    fingerprints = engine.fingerprints()
    stories = Stories(state_dir / STORIES_DIR) if full else Stories.load(state_dir, live_name)
    acronyms = AcronymCount(
        keeper,
        lambda: None if full else acronym_record.load(state_dir, live_name),
        dict if full else lambda: _stored_facet(engine, "organisation"),
    )
    tally = _Tally(
        fingerprints, full, manifests.Manifest(version), roots, keep_apart, engine.get, stories, acronyms
    )
    tally.group = group_stories
    tally.skipped.update(unreadable)
    old_manifest = manifests.load(state_dir, live_name)
    recorded = manifests.recorded(state_dir)
    if not full and live_name not in recorded and (live_name or recorded):
        # The index was replaced, rolled back or started afresh elsewhere (a cluster other
        # hosts write to): this folder's record of files says nothing about what is live.
        described = f"describes {recorded[0]}" if recorded else "holds no manifest"
        progress.note(
            f"the live generation is {live_name or 'none (the index is empty)'} and this folder "
            f"{described}: every file is read and compared with the live articles in full"
        )
    if full and fingerprints:
        progress.note(
            f"replacing the live generation {live_name} and its {len(fingerprints):,} articles "
            "with a fresh build"
        )
    old_decisions: dict[str, list[Duplicate]] = {}
    for decision in duplicate_record.load(state_dir, live_name):
        old_decisions.setdefault(decision.file, []).append(decision)
    # A file holding a repeat the keeper has since kept apart is read again to bring it back.
    overruled = {path for path, found in old_decisions.items() if any(map(keep_apart.overrules, found))}

    unchanged = (
        {}
        if full
        else {
            str(item.path): entry
            for item, digest in found
            if (entry := old_manifest.unchanged(str(item.path), digest, version)) is not None
        }
    )
    homes = old_manifest.homes()
    tasks: list[Task] = []
    for item, digest in found:
        entry = unchanged.get(str(item.path))
        # A repeat stays a repeat only while the file holding the copy that was kept is unchanged.
        if (
            entry is not None
            and str(item.path) not in overruled
            and all(homes.get(kept) in unchanged for kept in entry.duplicate_of)
        ):
            tally.keep_unread(str(item.path), entry, old_decisions.get(str(item.path), []))
        else:
            known = (
                {}
                if full
                else _known_records(old_manifest, str(item.path), fingerprints, version, article_version)
            )
            tasks.append((item, digest, item.path.stat().st_size, known))
    del homes, unchanged
    _settle()
    phases.end("find changes")

    generation = engine.begin(fresh=full, progress=progress.wrote)
    spill = Spill(state_dir)
    try:
        progress.start(sum(task[2] for task in tasks), len(tasks))
        names = NameMerge(dict if full else lambda: _stored_facet(engine, "person"), aliases)
        for result in process_files(tasks, workers, aliases_path, seconds_per_mb, group_stories):
            to_write = tally.classify(result)
            names.count(to_write)
            spill.add(to_write)
            progress.advance(result.size, len(result.articles))
        progress.finish()
        _settle()
        phases.end("read and extract")
        deleted = [] if full else _vanished(fingerprints, tally.seen_ids, roots)
        if group_stories:
            story_of, restamped, apart_problems = _group_stories(
                engine, state_dir, tally, fingerprints, deleted, full, progress
            )
        else:
            story_of, restamped, apart_problems = _Alone(), [], []
        # Grouping's passing tables (a window's vectors, the links' sets) are freed but kept by
        # the C library's heap; handed back, they are not counted beside the writers'.
        give_back_memory()
        phases.end("group stories")
        written = spill.count
        progress.writing(written)
        # The articles the new generation is checked by before it goes live (first, middle, last).
        picks = {0, written // 2, written - 1} if written else set()
        probes: list[Article] = []
        position = 0
        for batch in spill.batches():
            batch = [replace(a, story=story_of[a.id]) for a in acronyms.apply(names.apply(batch))]
            probes += [a for i, a in enumerate(batch, start=position) if i in picks]
            tally.note_origins(batch)
            position += len(batch)
            generation.write(batch)
        spill.remove()
        for start in range(0, len(restamped), RESTAMP_BATCH):
            generation.write(_restamped(engine, restamped[start : start + RESTAMP_BATCH], story_of))
        generation.delete(deleted)
        generation.keep_acronyms(acronyms.table())
        count = generation.commit()
        progress.finish()
        phases.end("write")
        expected = (
            tally.added + tally.updated + tally.unchanged + tally.renamed
            if full
            else len(fingerprints) + tally.added + tally.renamed - len(deleted)
        )
        if count != expected:
            raise IndexingFailed(f"the new index holds {count} articles where {expected} were expected")
        _verify(generation, count, probes)
        engine.switch(generation)
        phases.end("verify and switch")
    except BaseException as error:
        # The original error is the one to report; a failed clean-up (the disk is
        # still full) leaves an unfinished generation that the next run removes.
        with contextlib.suppress(Exception):
            spill.remove()
        with contextlib.suppress(Exception):
            generation.abort()
        stories.close()
        if isinstance(error, OSError) and error.errno == errno.ENOSPC:
            raise IndexingFailed("the disk is full; the live index is unchanged") from error
        if isinstance(error, BrokenProcessPool):
            raise IndexingFailed(
                "a worker process died (killed, or out of memory?); the live index is unchanged"
            ) from error
        raise
    _, previous = engine.generation_names()
    kept = {previous} if previous else set()
    manifests.save(state_dir, generation.name, tally.manifest, keep=kept)
    duplicate_record.save(state_dir, generation.name, tally.decisions(), keep=kept)
    if group_stories:
        stories.save(state_dir, generation.name, story_of, keep=kept)
    names.save(state_dir, generation.name, full=full)
    acronym_record.save(state_dir, generation.name, acronyms.table(), keep=kept)
    # Last: its presence says every record above was written for this generation.
    inputs = manifests.inputs_of(tally.manifest, keepers, count)
    manifests.save_inputs(state_dir, generation.name, inputs, keep=kept)
    renamed_away = {old for old, _ in tally.ids.renamed}
    notes = [
        *keep_apart.problems,
        *apart_problems,
        *(f"renamed {old} -> {new}" for old, new in tally.ids.renamed),
    ]
    summary = RunSummary(
        kind="reindex" if full else "index",
        started="",
        seconds=0.0,
        paths=tuple(str(r) for r in roots),
        generation=generation.name,
        added=tally.added,
        updated=tally.updated,
        deleted=len(fingerprints) - (tally.updated + tally.unchanged + tally.renamed)
        if full
        else len(set(deleted) - renamed_away),
        unchanged=tally.unchanged,
        duplicates=tally.duplicates,
        renamed=tally.renamed,
        skipped=tally.skipped,
        notes=tally.notes,
        articles=count,
        phases=phases.seconds,
        extracted=tally.extracted,
        written=written,
    )
    return summary, notes


def _settle() -> None:
    """Take what the run holds so far out of the garbage collector's full passes
    (`gc.freeze`; `run` unfreezes it): the run's tables, millions of objects at a million
    articles, live to its end, and a full pass (one each time a snapshot of the new
    generation is let go) walks every one of them."""
    gc.freeze()


class _Alone(dict[str, str]):
    """Every article its own story (a run that does not group)."""

    def __missing__(self, article_id: str) -> str:
        return article_id


#: Stored articles whose story changed are rewritten this many at a time.
RESTAMP_BATCH = 500


def _signed(article: Article, sig: np.ndarray | None) -> np.ndarray:
    """The worker's signature of `article`, or one made here (a stored copy moved to a new id)."""
    return sig if sig is not None else signature(article.body)


def _group_stories(
    engine: Engine,
    state_dir: Path,
    tally: _Tally,
    fingerprints: dict[str, Fingerprint],
    deleted: list[str],
    full: bool,
    progress: Progress,
) -> tuple[dict[str, str], list[str], list[str]]:
    """Every live article's story; the stored articles not written this run whose story
    changed (a new version joined theirs), which must be written again; and the problems
    of the keeper's `stories-apart.txt`, for the log."""
    stories = tally.stories
    live = tally.seen_ids if full else (set(fingerprints) - set(deleted)) | tally.seen_ids
    stories.keep_only(live)
    unsigned = sorted(article_id for article_id in live if article_id not in stories)
    for article_id in unsigned:  # an index built before stories: signed once from its stored text
        article = engine.get(article_id)
        if article is not None:
            stories.add(article_id, article.url, day_of(article), signature(article.body), article.source)
    apart = KeepApart.load(state_dir, STORIES_APART_FILE)
    for problem in apart.problems:
        progress.note(problem)
    story_of = stories.group(apart)
    # A full run writes every article it keeps, each with its story: none to write again.
    restamped = (
        []
        if full
        else sorted(
            article_id
            for article_id, story in story_of.items()
            if article_id not in tally.written and stories.previous.get(article_id) != story
        )
    )
    return story_of, restamped, apart.problems


def _restamped(engine: Engine, ids: list[str], story_of: dict[str, str]) -> list[Article]:
    """Stored articles with their new story."""
    found = (engine.get(article_id) for article_id in ids)
    return [replace(a, story=story_of[a.id]) for a in found if a is not None]


#: Among how many hits the new generation must find an article by its headline's words
#: (a headline's words may be shared by a few other articles).
PROBE_DEPTH = 100


def _verify(generation: Generation, count: int, probes: list[Article]) -> None:
    """Search the new generation before it goes live: listing everything gives `count`, and a
    few of the articles just written (`probes`) are found by their headline's words."""
    listed = generation.query(EngineQuery(node=None, limit=0, facets=False)).total
    if listed != count:
        raise IndexingFailed(f"the new index lists {listed} articles where it holds {count}")
    for article in probes:
        node = parse(" ".join(token.text for token in tokens(article.title))).node
        if node is None:
            continue
        found = generation.query(EngineQuery(node=node, limit=PROBE_DEPTH, facets=False))
        if article.id not in {hit.article.id for hit in found.hits}:
            raise IndexingFailed(
                f"the new index does not find {article.id} by its headline; the live index is unchanged"
            )


def _known_records(
    old: manifests.Manifest,
    path: str,
    fingerprints: dict[str, Fingerprint],
    version: str,
    article_version: str,
) -> Known:
    """The articles `path` gave last time under this manifest `version`, stored as extracted
    by this `article_version`, with their content hashes and recorded duplicate keys: what a
    changed file's records are compared with before extraction."""
    entry = old.files.get(path)
    if entry is None or old.extractor_version != version:
        return {}
    known: dict[str, tuple[str, tuple[str, ...]]] = {}
    for article_id, keys in entry.articles:
        stored = fingerprints.get(article_id)
        if stored is not None and stored.extractor_version == article_version:
            known[article_id] = (stored.content_hash, tuple(keys))
    return known


def _stored_facet(engine: Engine, facet: str) -> dict[str, int]:
    """The live generation's values of `facet` with their counts."""
    return {value.value: value.count for value in engine.facet_values(facet, "", limit=1_000_000)}


def _vanished(fingerprints: dict[str, Fingerprint], seen: set[str], roots: list[Path]) -> list[str]:
    """Ids stored from files under `roots` that this run did not find again."""
    return [
        article_id
        for article_id, fingerprint in fingerprints.items()
        if article_id not in seen and any(_read_from(fingerprint.origin, root) for root in roots)
    ]


#: The keeper's files in the index folder: a run after one of them changed is not idle.
KEEPER_FILES = (KEEP_APART_FILE, STORIES_APART_FILE, acronym_record.KEEPER_FILE)


def _idle_run(
    inputs: manifests.Inputs | None,
    version: str,
    keepers: str,
    found: list[tuple[SourceFile, str]],
    roots: list[Path],
) -> RunSummary | None:
    """The summary of a run with nothing to do, or None when there may be something: the
    live generation was made from exactly these files under `roots` (same bytes, none added
    or gone) by the same rules and keeper's files. Then no article, story, name or
    organisation can change, and nothing is loaded, linked or written."""
    if inputs is None or inputs.version != version or inputs.keepers != keepers:
        return None
    here = {path for path in inputs.files if any(_read_from(path, root) for root in roots)}
    if here != {str(item.path) for item, _ in found}:
        return None
    if any(inputs.files[str(item.path)].hash != digest for item, digest in found):
        return None
    files = [inputs.files[path] for path in here]
    return RunSummary(
        kind="index",
        started="",
        seconds=0.0,
        paths=tuple(str(r) for r in roots),
        generation="",
        unchanged=sum(f.articles for f in files),
        duplicates=sum(f.duplicates for f in files),
        skipped={origin: reason for f in files for origin, reason in f.skipped.items()},
        articles=inputs.articles,
    )


def _read_from(origin: str, root: Path) -> bool:
    """Whether an article's origin (a file, plus `#record` inside it) lies in `root`, a
    folder or a file: `/archive/news` holds `/archive/news/a.txt`, not `/archive/news-2/a.txt`."""
    return origin == str(root) or origin.startswith((str(root) + os.sep, str(root) + "#"))


def _aliases_path(state_dir: Path) -> Path | None:
    path = state_dir / ALIASES_FILE
    return path if path.exists() else None


def _check_writable(state_dir: Path) -> None:
    try:
        state_dir.mkdir(parents=True, exist_ok=True)
        probe = state_dir / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        raise IndexingFailed(f"cannot write to the index folder {state_dir}: {error.strerror}") from error


def _write_log(state_dir: Path, summary: RunSummary, notes: list[str]) -> None:
    folder = state_dir / LOG_DIR
    folder.mkdir(parents=True, exist_ok=True)
    stamp = summary.started.replace(":", "").replace("-", "")
    lines = [
        summary.line(),
        "time: " + ", ".join(f"{name} {seconds:.1f}s" for name, seconds in summary.phases.items()),
        *(f"skipped {origin}: {reason}" for origin, reason in sorted(summary.skipped.items())),
        *notes,
        *(f"note {origin}: {message}" for origin, message in sorted(summary.notes.items())),
    ]
    (folder / f"{summary.kind}-{stamp}.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
