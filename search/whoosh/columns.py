"""Per-document values as numpy arrays, so facets, filters, dates and BM25 lengths cost array
operations instead of a Python call per matching document.

Whoosh segments never change once written, so each segment's arrays are computed once, when
the generation that wrote it commits, and saved beside it as `<segment id>.bscols`. Opening
an index loads those files and lays them end to end in Whoosh's global document numbering.
Multi-valued facets are kept as (document, value ordinal) pairs: counting them is one
`numpy.bincount` over the pairs whose document matches.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from search.whoosh.schema import FACET_FIELDS

SUFFIX = ".bscols"
#: The day number of documents without a date; sorts before every real date.
NO_DAY = np.iinfo(np.int32).min
_EPOCH = dt.date(1970, 1, 1).toordinal()
_VERSION = 1


def day_number(day: dt.date) -> int:
    return day.toordinal() - _EPOCH


def from_day_number(number: int) -> dt.date:
    return dt.date.fromordinal(int(number) + _EPOCH)


def cache_path(index_dir: Path, segment_id: str) -> Path:
    return index_dir / f"{segment_id}{SUFFIX}"


def build_segment_cache(reader, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Read a segment's stored fields once and save its arrays; `reader` is its SegmentReader."""
    count = reader.doc_count_all()
    ids: list[str] = []
    hashes: list[str] = []
    versions: list[str] = []
    origins: list[str] = []
    days = np.full(count, NO_DAY, dtype=np.int32)
    lengths = {name: np.zeros(count, dtype=np.float32) for name in ("title", "body", "pairs")}
    facet_values: dict[str, list[list[str]]] = {facet: [] for facet in FACET_FIELDS}
    for docnum in range(count):
        stored = reader.stored_fields(docnum)
        ids.append(stored.get("id", ""))
        hashes.append(stored.get("content_hash", ""))
        versions.append(stored.get("extractor_version", ""))
        origins.append(stored.get("origin", ""))
        if stored.get("date"):
            days[docnum] = day_number(dt.date.fromisoformat(stored["date"]))
        for name, array in lengths.items():
            array[docnum] = reader.doc_field_length(docnum, name, 0) or 0
        for facet, field in FACET_FIELDS.items():
            facet_values[facet].append(list(stored.get(field, ())))
    data = {
        "version": _VERSION,
        "ids": ids,
        "hashes": hashes,
        "versions": versions,
        "origins": origins,
        "days": days,
        "lengths": lengths,
        "facets": facet_values,
    }
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    with tmp.open("wb") as out:
        pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        os.fsync(out.fileno())
    os.replace(tmp, path)


@dataclass(slots=True)
class FacetColumn:
    """One multi-valued facet over the whole index: value ordinal pairs plus the value names."""

    values: list[str]
    docs: np.ndarray  # int32, one entry per (document, value)
    ords: np.ndarray  # int32, the value's ordinal in `values`
    ordinal: dict[str, int]

    def mask(self, value: str, size: int) -> np.ndarray:
        """Documents carrying `value`."""
        out = np.zeros(size, dtype=bool)
        number = self.ordinal.get(value)
        if number is not None:
            out[self.docs[self.ords == number]] = True
        return out

    def counts(self, docs_mask: np.ndarray) -> np.ndarray:
        return np.bincount(self.ords[docs_mask[self.docs]], minlength=len(self.values))


@dataclass(slots=True)
class Columns:
    """Every per-document array of one opened generation, indexed by global document number."""

    size: int
    live: np.ndarray  # bool
    days: np.ndarray  # int32 day numbers, NO_DAY when undated
    lengths: dict[str, np.ndarray]
    avg_length: dict[str, float]
    ids: list[str]
    hashes: list[str]
    versions: list[str]
    origins: list[str]
    facets: dict[str, FacetColumn]

    @classmethod
    def empty(cls) -> Columns:
        return cls.load([])

    @classmethod
    def load(cls, segments: list[tuple[Path, np.ndarray]]) -> Columns:
        """Lay segment caches end to end; each comes with its deletion mask (True = live)."""
        parts = []
        for path, live in segments:
            with path.open("rb") as src:
                parts.append((pickle.load(src), live))
        ids: list[str] = []
        hashes: list[str] = []
        versions: list[str] = []
        origins: list[str] = []
        for data, _ in parts:
            ids += data["ids"]
            hashes += data["hashes"]
            versions += data["versions"]
            origins += data["origins"]
        size = len(ids)
        live = np.concatenate([m for _, m in parts]) if parts else np.zeros(0, dtype=bool)
        days = np.concatenate([d["days"] for d, _ in parts]) if parts else np.zeros(0, dtype=np.int32)
        lengths = {
            name: (np.concatenate([d["lengths"][name] for d, _ in parts]) if parts else np.zeros(0, np.float32))
            for name in ("title", "body", "pairs")
        }
        avg = {name: float(arr[live].mean()) if live.any() else 1.0 for name, arr in lengths.items()}
        facets = {facet: _facet_column([d["facets"][facet] for d, _ in parts]) for facet in FACET_FIELDS}
        return cls(size, live, days, lengths, avg, ids, hashes, versions, origins, facets)


def _facet_column(per_segment: list[list[list[str]]]) -> FacetColumn:
    ordinal: dict[str, int] = {}
    docs: list[int] = []
    ords: list[int] = []
    docnum = 0
    for segment in per_segment:
        for values in segment:
            for value in values:
                number = ordinal.setdefault(value, len(ordinal))
                docs.append(docnum)
                ords.append(number)
            docnum += 1
    return FacetColumn(
        values=list(ordinal),
        docs=np.asarray(docs, dtype=np.int32),
        ords=np.asarray(ords, dtype=np.int32),
        ordinal=ordinal,
    )
