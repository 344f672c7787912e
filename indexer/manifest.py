"""What each input file held when a generation was built, so unchanged files are not reread.

A file is unchanged when the hash of its bytes and the extractor version both match;
then its articles are known without reading, cleaning or extracting it again. The
manifest is written after its generation goes live and is named after it, so a crash
between the two can only make the next run reread files, never skip changed ones.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MANIFEST_DIR = "manifests"
#: A manifest is a line of JSON for the run, then one for each input file.
SUFFIX = ".jsonl"
#: A manifest written whole, as one JSON document (its first form): still read.
OLD_SUFFIX = ".json"
HASH_CHUNK = 1 << 20


@dataclass(slots=True)
class FileEntry:
    """One input file: its byte hash, its articles as (id, duplicate keys) pairs, the
    records it skipped (origin to reason), and for each of its articles that repeated
    another, the id of the copy that was kept."""

    hash: str
    articles: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    skipped: dict[str, str] = field(default_factory=dict)
    duplicate_of: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Manifest:
    extractor_version: str = ""
    files: dict[str, FileEntry] = field(default_factory=dict)

    def unchanged(self, path: str, file_hash: str, extractor_version: str) -> FileEntry | None:
        """The entry of a file whose bytes and extractor version are as recorded, or None."""
        entry = self.files.get(path)
        if entry and entry.hash == file_hash and self.extractor_version == extractor_version:
            return entry
        return None

    def homes(self) -> dict[str, str]:
        """Article id -> the file it was read from."""
        return {article_id: path for path, entry in self.files.items() for article_id, _ in entry.articles}


def file_hash(path: Path) -> str:
    digest = hashlib.blake2b(digest_size=16)
    with path.open("rb") as stream:
        while chunk := stream.read(HASH_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def load(state_dir: Path, generation: str | None) -> Manifest:
    """The manifest of `generation`, or an empty one (everything gets read)."""
    if not generation:
        return Manifest()
    folder = state_dir / MANIFEST_DIR
    try:
        with (folder / f"{generation}{SUFFIX}").open(encoding="utf-8") as lines:
            header = json.loads(next(lines))
            manifest = Manifest(header["extractor_version"])
            for line in lines:
                entry = json.loads(line)
                manifest.files[entry["path"]] = _entry(entry)
            return manifest
    except FileNotFoundError:
        return _load_whole(folder / f"{generation}{OLD_SUFFIX}")
    except (OSError, ValueError, KeyError, TypeError, StopIteration):
        return Manifest()


def _load_whole(path: Path) -> Manifest:
    """A manifest in its first form, one JSON document."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        files = {name: _entry(entry) for name, entry in data["files"].items()}
        return Manifest(data["extractor_version"], files)
    except (OSError, ValueError, KeyError, TypeError):
        return Manifest()


def _entry(entry: dict[str, Any]) -> FileEntry:
    return FileEntry(
        entry["hash"],
        [(article_id, tuple(keys)) for article_id, keys in entry["articles"]],
        dict(entry.get("skipped", {})),
        list(entry.get("duplicate_of", [])),
    )


def recorded(state_dir: Path) -> list[str]:
    """The generations this folder holds a manifest of, newest first."""
    folder = state_dir / MANIFEST_DIR
    found = sorted(
        [*folder.glob(f"*{SUFFIX}"), *folder.glob(f"*{OLD_SUFFIX}")],
        key=lambda path: path.stat().st_mtime,
        reverse=True,
    )
    return list(dict.fromkeys(path.stem for path in found))


def save(state_dir: Path, generation: str, manifest: Manifest, keep: set[str]) -> None:
    """Write `generation`'s manifest atomically, a line a file (never the whole manifest as
    one string: 230 MB at a million articles), and drop those of generations not in `keep`."""
    folder = state_dir / MANIFEST_DIR
    folder.mkdir(parents=True, exist_ok=True)
    lines = (
        json.dumps(
            {
                "path": name,
                "hash": entry.hash,
                "articles": entry.articles,
                "skipped": entry.skipped,
                "duplicate_of": entry.duplicate_of,
            }
        )
        for name, entry in manifest.files.items()
    )
    header = json.dumps({"extractor_version": manifest.extractor_version})
    _replace(folder, generation, SUFFIX, itertools.chain([header], lines), keep, also_drop=OLD_SUFFIX)


def _replace(
    folder: Path, generation: str, suffix: str, lines: Iterable[str], keep: set[str], also_drop: str = ""
) -> None:
    """Write `<generation><suffix>` atomically, a line at a time, and drop the files of that
    suffix (and of `also_drop`) of generations not in `keep`."""
    tmp = folder / f".{generation}.{os.getpid()}.tmp"
    with tmp.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")
    os.replace(tmp, folder / f"{generation}{suffix}")
    for drop in filter(None, (suffix, also_drop)):
        for old in folder.glob(f"*{drop}"):
            if old.stem not in keep | {generation}:
                old.unlink(missing_ok=True)


#: A generation's inputs in brief, beside its manifest: what a run reads first to tell that
#: nothing changed without loading the manifest (at a million articles, 230 MB of JSON).
INPUTS_SUFFIX = ".inputs"


@dataclass(frozen=True, slots=True)
class Inputs:
    """What a generation was made from: the version of the rules, a digest of the keeper's
    files, and each input file's hash, article and repeat counts and skipped records.
    Written last after a run, so it is there only when every record of the run is."""

    version: str
    keepers: str
    files: dict[str, FileSummary]
    articles: int


@dataclass(frozen=True, slots=True)
class FileSummary:
    hash: str
    articles: int
    duplicates: int
    skipped: dict[str, str]


def inputs_of(manifest: Manifest, keepers: str, articles: int) -> Inputs:
    files = {
        path: FileSummary(entry.hash, len(entry.articles), len(entry.duplicate_of), entry.skipped)
        for path, entry in manifest.files.items()
    }
    return Inputs(manifest.extractor_version, keepers, files, articles)


def save_inputs(state_dir: Path, generation: str, inputs: Inputs, keep: set[str]) -> None:
    """Write `generation`'s inputs atomically and drop those of generations not in `keep`."""
    folder = state_dir / MANIFEST_DIR
    folder.mkdir(parents=True, exist_ok=True)
    data = {
        "version": inputs.version,
        "keepers": inputs.keepers,
        "articles": inputs.articles,
        "files": {
            path: [found.hash, found.articles, found.duplicates, found.skipped]
            for path, found in inputs.files.items()
        },
    }
    _replace(folder, generation, INPUTS_SUFFIX, [json.dumps(data)], keep)


def load_inputs(state_dir: Path, generation: str | None) -> Inputs | None:
    """`generation`'s inputs, or None when there is no record of them (or it is damaged)."""
    if not generation:
        return None
    try:
        data = json.loads(
            (state_dir / MANIFEST_DIR / f"{generation}{INPUTS_SUFFIX}").read_text(encoding="utf-8")
        )
        files = {
            path: FileSummary(str(found[0]), int(found[1]), int(found[2]), dict(found[3]))
            for path, found in data["files"].items()
        }
        return Inputs(str(data["version"]), str(data["keepers"]), files, int(data["articles"]))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def keepers_digest(paths: list[Path]) -> str:
    """One hash of the keeper's files (an absent file counts as absent, not as empty)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in paths:
        digest.update(path.name.encode() + b"\0")
        try:
            content = path.read_bytes()
        except FileNotFoundError:
            digest.update(b"absent\0")
            continue
        digest.update(len(content).to_bytes(8, "big") + content)
    return digest.hexdigest()
