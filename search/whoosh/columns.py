"""Per-document values as numpy arrays, so facets, filters, dates and BM25 lengths cost array
operations instead of a Python call per matching document.

Whoosh segments never change once written, so each segment's arrays are computed once, when
the generation that wrote it commits, and saved beside it as `<segment id>.bscols`. Opening
an index loads those files and lays them end to end in Whoosh's global document numbering.
Multi-valued facets are kept as (document, value ordinal) pairs: counting them is one
`numpy.bincount` over the pairs whose document matches.

A cache written by an older Broadsheet (another `_VERSION`), or a damaged one, is rebuilt
from its segment when the generation is opened.

Laid end to end, the arrays are saved once more per generation, as `.npy` files in a
`columns-<key>` folder, and every process serving the generation memory-maps them: the
page cache then holds one copy for all web workers instead of one per worker. The commit
that finishes a generation writes the folder; an index from before it gets it on first open,
atomically (a folder renamed into place), and a read-only index keeps arrays in memory.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import pickle
import shutil
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard, overload

import numpy as np
from whoosh.reading import SegmentReader

from search.whoosh.schema import FACET_FIELDS, words

SUFFIX = ".bscols"
#: Beside each column file: the ids and fingerprints of its documents.
IDS_SUFFIX = ".ids"
#: Beside each column file: how often each unstemmed headline and body word occurs (spelling).
WORDS_SUFFIX = ".words"
#: Every file of a segment's cache, by suffix after the segment's `.bscols` path.
CACHE_SUFFIXES = ("", IDS_SUFFIX, WORDS_SUFFIX)
#: The day number of documents without a date; sorts before every real date.
NO_DAY = np.iinfo(np.int32).min
_EPOCH = dt.date(1970, 1, 1).toordinal()
_VERSION = 4
#: The layout of a generation's shared folder (2: the facets' two indexes; 3: each facet's
#: value names in a file of its own, read when first needed); a folder in another layout is
#: made again from the segment caches, which stay as they are.
_SHARED_VERSION = 3
#: The memory-mapped folder of a generation's merged columns: this prefix and a key that
#: names the segments and deletions it was made from.
SHARED_PREFIX = "columns-"
_SHARED_META = "meta.json"


class StaleIndexError(RuntimeError):
    """A segment cache that can be neither read nor rebuilt; the index needs a reindex."""


def day_number(day: dt.date) -> int:
    return day.toordinal() - _EPOCH


def from_day_number(number: int) -> dt.date:
    return dt.date.fromordinal(int(number) + _EPOCH)


def cache_path(index_dir: Path, segment_id: str) -> Path:
    return index_dir / f"{segment_id}{SUFFIX}"


#: The fields whose lengths BM25 needs.
LENGTH_FIELDS = ("title", "body", "pairs")


class CacheBuilder:
    """A segment's cache, document by document in document order; `save` writes its files.

    Three files: the arrays every search needs (`path`), the ids and fingerprints that only
    incremental runs need (`path` + `IDS_SUFFIX`) and the surface word counts the spelling
    suggester needs (`path` + `WORDS_SUFFIX`), loaded on first use."""

    def __init__(self) -> None:
        self.count = 0
        self.surface: Counter[str] = Counter()
        self.identity: dict[str, list[str]] = {"ids": [], "hashes": [], "versions": [], "origins": []}
        self.days: list[int] = []
        self.lengths: dict[str, list[float]] = {name: [] for name in LENGTH_FIELDS}
        self.vocab: dict[str, dict[str, int]] = {facet: {} for facet in FACET_FIELDS}
        self.pairs: dict[str, tuple[list[int], list[int]]] = {facet: ([], []) for facet in FACET_FIELDS}

    def add(self, stored: dict[str, Any], lengths: dict[str, float], surface: list[str]) -> None:
        """One document: its stored fields, its field lengths as Whoosh reports them (after
        the one-byte rounding) and its headline and body words."""
        docnum = self.count
        self.count += 1
        identity = self.identity
        identity["ids"].append(stored.get("id", ""))
        identity["hashes"].append(stored.get("content_hash", ""))
        identity["versions"].append(stored.get("extractor_version", ""))
        identity["origins"].append(stored.get("origin", ""))
        self.surface.update(surface)
        date = stored.get("date")
        self.days.append(day_number(dt.date.fromisoformat(date)) if date else NO_DAY)
        for name, values in self.lengths.items():
            values.append(lengths.get(name, 0))
        for facet, field in FACET_FIELDS.items():
            ordinal = self.vocab[facet]
            docs, ords = self.pairs[facet]
            for value in stored.get(field, ()):
                docs.append(docnum)
                ords.append(ordinal.setdefault(value, len(ordinal)))

    def save(self, path: Path) -> dict[str, Any]:
        """Write the three files and return the arrays of the main one."""
        data = {
            "version": _VERSION,
            "count": self.count,
            "days": np.asarray(self.days, dtype=np.int32),
            "lengths": {name: np.asarray(v, dtype=np.float32) for name, v in self.lengths.items()},
            "facets": {
                facet: (
                    list(self.vocab[facet]),
                    np.asarray(self.pairs[facet][0], np.int32),
                    np.asarray(self.pairs[facet][1], np.int32),
                )
                for facet in FACET_FIELDS
            },
        }
        _dump(self.identity, path.with_name(path.name + IDS_SUFFIX))
        _dump({"version": _VERSION, "words": dict(self.surface)}, path.with_name(path.name + WORDS_SUFFIX))
        _dump(data, path)  # last: its presence with the current version says the other two are there
        return data


def build_segment_cache(reader: SegmentReader, path: Path) -> dict[str, Any]:
    """Read a segment's stored fields once and save its cache; `reader` is its SegmentReader."""
    builder = CacheBuilder()
    for docnum in range(reader.doc_count_all()):
        stored = reader.stored_fields(docnum)
        lengths = {name: reader.doc_field_length(docnum, name, 0) or 0 for name in LENGTH_FIELDS}
        builder.add(stored, lengths, words(f"{stored.get('title', '')}\n{stored.get('body', '')}"))
    return builder.save(path)


def cache_current(path: Path) -> bool:
    """True when all of a segment's cache files exist and the main one has this version."""
    if not all(path.with_name(path.name + suffix).exists() for suffix in CACHE_SUFFIXES):
        return False
    return _current(_read(path))


def _read(path: Path) -> object:
    """A cache file's contents, or None when it is missing or cannot be unpickled."""
    try:
        with path.open("rb") as src:
            return pickle.load(src)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, ValueError):
        return None


def _current(data: object) -> TypeGuard[dict[str, Any]]:
    return isinstance(data, dict) and data.get("version") == _VERSION and "count" in data


def _load_or_rebuild(path: Path, reader: SegmentReader) -> dict[str, Any]:
    """The segment's cache, rebuilt from `reader` (its SegmentReader) when old or damaged."""
    data = _read(path)
    if _current(data) and all(path.with_name(path.name + s).exists() for s in CACHE_SUFFIXES[1:]):
        return data
    try:
        return build_segment_cache(reader, path)
    except OSError as error:
        raise StaleIndexError(
            f"cannot rebuild the outdated cache {path} ({error}); run `broadsheet reindex`"
        ) from error


def _dump(data: object, path: Path) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}")
    with tmp.open("wb") as out:
        pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


class StoredValues(Sequence[str]):
    """A facet's value names in the shared folder, read the first time one is asked for.
    The story facet names every story (about a million at a million articles: 200 MB of
    Python strings and their index in every server process), and a search reads none of
    them; a person's name is read for the facet list of the first search."""

    def __init__(self, path: Path, count: int) -> None:
        self._path = path
        self._count = count
        self._names: list[str] | None = None

    def __len__(self) -> int:
        return self._count

    @overload
    def __getitem__(self, index: int) -> str: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...

    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self._load()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def _load(self) -> list[str]:
        if self._names is None:
            names = json.loads(self._path.read_text(encoding="utf-8"))
            if not isinstance(names, list) or len(names) != self._count:
                raise StaleIndexError(f"{self._path} is damaged; run `broadsheet reindex`")
            self._names = names
        return self._names


class ValueNumbers(Mapping[str, int]):
    """Each value name's ordinal, worked out the first time one is looked up (a filter)."""

    def __init__(self, values: Sequence[str]) -> None:
        self._values = values
        self._numbers: dict[str, int] | None = None

    def __getitem__(self, value: str) -> int:
        return self._load()[value]

    def __iter__(self) -> Iterator[str]:
        return iter(self._load())

    def __len__(self) -> int:
        return len(self._values)

    def _load(self) -> dict[str, int]:
        if self._numbers is None:
            self._numbers = {v: i for i, v in enumerate(self._values)}
        return self._numbers


@dataclass(slots=True)
class FacetColumn:
    """One multi-valued facet over the whole index: (document, value ordinal) pairs in
    document order plus the value names, and two indexes over the pairs that make the work
    of a search grow with what it matches, not with the archive: where each document's pairs
    start, and the documents grouped by value."""

    values: Sequence[str]
    docs: np.ndarray  # int32, one entry per (document, value), ascending
    ords: np.ndarray  # int32, the value's ordinal in `values`
    ordinal: Mapping[str, int]
    starts: np.ndarray  # int64, size + 1: document d's pairs are [starts[d], starts[d + 1])
    holders: np.ndarray  # int32, the documents of `docs` grouped by value, ascending within one
    holder_starts: np.ndarray  # int64, len(values) + 1: value v's documents in `holders`

    @classmethod
    def indexed(cls, values: list[str], docs: np.ndarray, ords: np.ndarray, size: int) -> FacetColumn:
        """The column with its two indexes computed (`docs` must be ascending)."""
        starts = np.zeros(size + 1, dtype=np.int64)
        np.cumsum(np.bincount(docs, minlength=size), out=starts[1:])
        holders = docs[np.argsort(ords, kind="stable")].astype(np.int32)
        holder_starts = np.zeros(len(values) + 1, dtype=np.int64)
        np.cumsum(np.bincount(ords, minlength=len(values)), out=holder_starts[1:])
        ordinal = {v: i for i, v in enumerate(values)}
        return cls(values, docs, ords, ordinal, starts, holders, holder_starts)

    def holding(self, value: str) -> np.ndarray:
        """The documents carrying `value`, ascending."""
        number = self.ordinal.get(value)
        if number is None:
            return np.zeros(0, dtype=np.int32)
        return self.holding_number(number)

    def holding_number(self, number: int) -> np.ndarray:
        """The documents carrying the value numbered `number`, ascending."""
        return self.holders[self.holder_starts[number] : self.holder_starts[number + 1]]

    def numbers_of(self, doc: int) -> np.ndarray:
        """The numbers of the values document `doc` carries."""
        return self.ords[self.starts[doc] : self.starts[doc + 1]]

    def mask(self, value: str, size: int) -> np.ndarray:
        """Documents carrying `value`."""
        out = np.zeros(size, dtype=bool)
        out[self.holding(value)] = True
        return out

    def counts(self, docs_mask: np.ndarray, matched: np.ndarray | None = None) -> np.ndarray:
        """How many documents of `docs_mask` carry each value. With `matched` (the mask's
        document numbers, ascending) only their pairs are read: at a million articles that
        is 0.3 ms for 1,000 matches where a pass over every pair is 11 ms."""
        if matched is None:
            return np.bincount(self.ords[docs_mask[self.docs]], minlength=len(self.values))
        # `take`, faster than fancy indexing, and in "wrap" mode, faster still (14% on the
        # bench's several-word searches at 1M): every index is in range, a document number
        # or a pair's place. The ends are the starts one document on.
        first = np.take(self.starts, matched, mode="wrap")
        lengths = np.take(self.starts[1:], matched, mode="wrap")
        lengths -= first
        before = np.cumsum(lengths)
        before -= lengths
        first -= before
        pairs = np.repeat(first, lengths)
        pairs += np.arange(len(pairs), dtype=np.int64)
        return np.bincount(np.take(self.ords, pairs, mode="wrap"), minlength=len(self.values))


@dataclass(slots=True)
class Identity:
    """Per document: article id, content hash, extractor version, origin."""

    ids: list[str]
    hashes: list[str]
    versions: list[str]
    origins: list[str]


@dataclass(slots=True)
class Columns:
    """Every per-document array of one opened generation, indexed by global document number."""

    size: int
    live: np.ndarray  # bool
    days: np.ndarray  # int32 day numbers, NO_DAY when undated
    dated: np.ndarray  # bool
    years: np.ndarray  # int64 calendar year, -1 when undated
    months: np.ndarray  # int64 months since 1970-01, -1 when undated
    lengths: dict[str, np.ndarray]
    avg_length: dict[str, float]
    facets: dict[str, FacetColumn]
    paths: list[Path]
    #: The memory-mapped folder the arrays come from; None when they are in memory.
    folder: Path | None = None
    _identity: Identity | None = None

    @classmethod
    def empty(cls) -> Columns:
        return cls.load([])

    @classmethod
    def load(cls, segments: Sequence[tuple[Path, np.ndarray, object]]) -> Columns:
        """Lay segment caches end to end; each comes with its deletion mask (True = live) and
        its SegmentReader, which rebuilds a cache in an old format or a damaged one."""
        parts = [_load_or_rebuild(path, reader) for path, _, reader in segments]
        sizes = [d["count"] for d in parts]
        offsets = np.cumsum([0, *sizes])[:-1]
        size = int(sum(sizes))
        live = np.concatenate([m for _, m, _ in segments]) if parts else np.zeros(0, dtype=bool)
        days = np.concatenate([d["days"] for d in parts]) if parts else np.zeros(0, dtype=np.int32)
        lengths = {
            name: (np.concatenate([d["lengths"][name] for d in parts]) if parts else np.zeros(0, np.float32))
            for name in LENGTH_FIELDS
        }
        avg = {name: float(arr[live].mean()) if live.any() else 1.0 for name, arr in lengths.items()}
        facets = {
            facet: _facet_column([d["facets"][facet] for d in parts], [int(o) for o in offsets], size)
            for facet in FACET_FIELDS
        }
        dated = days != NO_DAY
        as_days = np.where(dated, days, 0).astype("datetime64[D]")
        years = np.where(dated, as_days.astype("datetime64[Y]").astype(np.int64) + 1970, -1)
        months = np.where(dated, as_days.astype("datetime64[M]").astype(np.int64), -1)
        paths = [p for p, _, _ in segments]
        return cls(size, live, days, dated, years, months, lengths, avg, facets, paths)

    @classmethod
    def shared(cls, directory: Path, segments: Sequence[tuple[Path, np.ndarray, object]]) -> Columns:
        """`load`'s columns memory-mapped from the generation's `columns-<key>` folder,
        which is written first when missing; in memory when it cannot be written."""
        key = _shared_key(segments) if segments else ""
        paths = [p for p, _, _ in segments]
        folder = directory / f"{SHARED_PREFIX}{key}"
        found = _map_shared(folder, paths) if key else None
        if found is not None:
            return found
        columns = cls.load(segments)  # rebuilds missing or outdated segment caches
        key = _shared_key(segments) if segments else ""
        if not key:
            return columns
        folder = directory / f"{SHARED_PREFIX}{key}"
        try:
            _save_shared(columns, folder)
        except OSError:
            return columns  # a read-only index: this process keeps its own copy
        return _map_shared(folder, paths) or columns

    @property
    def identity(self) -> Identity:
        """Ids and fingerprints, read from disk the first time they are asked for."""
        if self._identity is None:
            found = Identity([], [], [], [])
            for path in self.paths:
                data = _part(path, IDS_SUFFIX)
                found.ids += data["ids"]
                found.hashes += data["hashes"]
                found.versions += data["versions"]
                found.origins += data["origins"]
            self._identity = found
        return self._identity

    def word_counts(self) -> Counter[str]:
        """How often each unstemmed headline and body word occurs, over every segment
        (deleted documents included: the files are per segment and segments never change)."""
        total: Counter[str] = Counter()
        for path in self.paths:
            total.update(_part(path, WORDS_SUFFIX)["words"])
        return total


def _shared_key(segments: Sequence[tuple[Path, np.ndarray, object]]) -> str:
    """Names the segments, in order, which of their documents are live, and the version of
    each segment's cache files (a rebuilt cache gives another key); "" when one is missing."""
    digest = hashlib.sha1(f"{_VERSION}.{_SHARED_VERSION}".encode(), usedforsecurity=False)
    for path, live, _ in segments:
        try:
            stats = [path.with_name(path.name + suffix).stat() for suffix in CACHE_SUFFIXES]
        except FileNotFoundError:
            return ""
        digest.update(path.name.encode() + b"\0")
        digest.update(str([(st.st_size, st.st_mtime_ns) for st in stats]).encode())
        digest.update(np.packbits(live).tobytes() + len(live).to_bytes(8, "little"))
    return digest.hexdigest()[:16]


def _arrays(columns: Columns) -> dict[str, np.ndarray]:
    """Every array of `columns` by its file name in the shared folder."""
    out = {
        "live": columns.live,
        "days": columns.days,
        "dated": columns.dated,
        "years": columns.years,
        "months": columns.months,
    }
    out.update({f"length-{name}": arr for name, arr in columns.lengths.items()})
    for facet, column in columns.facets.items():
        out[f"{facet}-docs"] = column.docs
        out[f"{facet}-ords"] = column.ords
        out[f"{facet}-starts"] = column.starts
        out[f"{facet}-holders"] = column.holders
        out[f"{facet}-holder-starts"] = column.holder_starts
    return out


def _save_shared(columns: Columns, folder: Path) -> None:
    """Write the folder beside its final name and rename it into place; a process that
    loses the race to another removes its own copy."""
    tmp = folder.with_name(f".{folder.name}.{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir()
    try:
        for name, arr in _arrays(columns).items():
            with (tmp / f"{name}.npy").open("wb") as out:
                np.save(out, np.ascontiguousarray(arr), allow_pickle=False)
                out.flush()
                os.fsync(out.fileno())
        meta = {
            "version": _SHARED_VERSION,
            "size": columns.size,
            "avg_length": columns.avg_length,
            "counts": {facet: len(column.values) for facet, column in columns.facets.items()},
        }
        for facet, column in columns.facets.items():
            names = json.dumps(list(column.values), ensure_ascii=False)
            (tmp / f"{facet}-values.json").write_text(names, encoding="utf-8")
        (tmp / _SHARED_META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
        os.rename(tmp, folder)
        for stale in folder.parent.glob(f"{SHARED_PREFIX}*"):
            if stale != folder:  # made from segment caches since rebuilt
                shutil.rmtree(stale, ignore_errors=True)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)
        if not (folder / _SHARED_META).exists():
            raise


def _map_shared(folder: Path, paths: list[Path]) -> Columns | None:
    """The folder's columns, memory-mapped read-only; None when it is missing or unreadable."""
    try:
        meta = json.loads((folder / _SHARED_META).read_text(encoding="utf-8"))
        if meta.get("version") != _SHARED_VERSION:
            return None
        # Plain array views of the maps: indexing a `numpy.memmap` costs a Python call each time.
        arrays = {
            f.stem: np.load(f, mmap_mode="r", allow_pickle=False).view(np.ndarray)
            for f in folder.glob("*.npy")
        }
        facets = {}
        for facet in FACET_FIELDS:
            values = StoredValues(folder / f"{facet}-values.json", int(meta["counts"][facet]))
            facets[facet] = FacetColumn(
                values,
                arrays[f"{facet}-docs"],
                arrays[f"{facet}-ords"],
                ValueNumbers(values),
                arrays[f"{facet}-starts"],
                arrays[f"{facet}-holders"],
                arrays[f"{facet}-holder-starts"],
            )
        return Columns(
            size=meta["size"],
            live=arrays["live"],
            days=arrays["days"],
            dated=arrays["dated"],
            years=arrays["years"],
            months=arrays["months"],
            lengths={name: arrays[f"length-{name}"] for name in LENGTH_FIELDS},
            avg_length=meta["avg_length"],
            facets=facets,
            paths=paths,
            folder=folder,
        )
    except (OSError, ValueError, KeyError):
        return None


def _part(path: Path, suffix: str) -> dict[str, Any]:
    """One of the files beside a segment's column file, checked when it is first needed."""
    data = _read(path.with_name(path.name + suffix))
    if not isinstance(data, dict):
        raise StaleIndexError(f"{path}{suffix} is missing or damaged; run `broadsheet reindex`")
    return data


def _facet_column(
    per_segment: list[tuple[list[str], np.ndarray, np.ndarray]], offsets: list[int], size: int
) -> FacetColumn:
    """Merge segment-local value numbering into one global numbering."""
    ordinal: dict[str, int] = {}
    docs: list[np.ndarray] = []
    ords: list[np.ndarray] = []
    for (values, seg_docs, seg_ords), offset in zip(per_segment, offsets, strict=True):
        mapping = np.fromiter(
            (ordinal.setdefault(v, len(ordinal)) for v in values), dtype=np.int32, count=len(values)
        )
        docs.append(seg_docs + offset)
        ords.append(mapping[seg_ords] if len(seg_ords) else seg_ords)
    return FacetColumn.indexed(
        list(ordinal),
        np.concatenate(docs) if docs else np.zeros(0, np.int32),
        np.concatenate(ords) if ords else np.zeros(0, np.int32),
        size,
    )
