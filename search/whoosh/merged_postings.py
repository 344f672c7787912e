"""The large segments' posting arrays merged into one set: a term is one lookup, not one a segment.

A full build writes a segment per 48 MB of text, 65 of them at a million articles, and a
search looked every query word up in each: a binary search in each segment's keys (about
15 µs in Python, and five or so pages of the keys file a lookup that are not shared with
other words) and a slice of each segment's postings, concatenated. Merged, the keys of
the whole archive are one sorted array (a word or a pair appears once, not once a
segment: about a tenth of the keys), a term's postings one slice, already in global
document numbers.

The merged arrays are files of the same five parts as a segment's (`search.whoosh.
posting_arrays`), named `merged.bsp.<part>`, beside a sixth, `merged.bsp.segments`: the
segments they cover, in order, with their document counts, written last. They answer for
the leading segments of the generation when those are exactly the segments listed (the
same ids, in the same order, of the same sizes); a segment added after them (a day's
update) is still read through its own arrays, and a covered segment removed or changed
makes the merged arrays stale, which `covered` reports as 0 and searches ignore. Deleted
documents stay in the postings, as in a segment's arrays, and are masked by the
generation's live documents.

`refresh` runs at each commit: it merges when there are no valid merged arrays, or when
segments not covered hold more than `TAIL_SHARE` of the documents or number more than
`TAIL_SEGMENTS`; a day's update leaves them as they are.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import numpy as np

from search.whoosh.posting_arrays import PAIR_FIELDS, PARTS, PostingArrays, part_path

#: The merged arrays' name where a segment's id would be.
MERGED = "merged"
#: The file listing the covered segments; written last, so its presence completes the rest.
SEGMENTS_PART = "segments"
#: Postings copied per step of the merge. A step reads pages from all over every segment's
#: files (a segment keeps its terms in text order, the merge goes in key order), so each step
#: costs a pass over the segments' pages, and its memory is about 10 bytes a posting (16M:
#: 35 steps and about 200 MB at a million articles; 4M took 138 steps and 58 s there).
STEP_POSTINGS = 16_000_000
#: A commit merges again once segments outside the merged arrays hold this share of documents...
TAIL_SHARE = 0.1
#: ... or are more than this many.
TAIL_SEGMENTS = 8


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment as the merged arrays know it: its id and how many documents it numbers
    (deleted ones included)."""

    id: str
    size: int


@dataclass(frozen=True, slots=True)
class MergedPostings:
    """Merged arrays that answer for the generation's first `covered` segments; their
    document numbers are global (the covered segments come first)."""

    arrays: PostingArrays
    covered: int

    @classmethod
    def open(cls, directory: Path, segments: Sequence[Segment]) -> MergedPostings | None:
        """The merged arrays when they cover the leading `segments` as they are; else None."""
        listed = _listed(directory)
        if not listed or listed != list(segments[: len(listed)]):
            return None
        arrays = PostingArrays.open(directory, MERGED)
        return None if arrays is None else cls(arrays, len(listed))


def covered(directory: Path, segments: Sequence[Segment]) -> int:
    """How many leading `segments` valid merged arrays cover (0 when there are none)."""
    found = MergedPostings.open(directory, segments)
    return 0 if found is None else found.covered


def mergeable(arrays: Sequence[PostingArrays | None]) -> int:
    """How many leading segments can be merged: those whose arrays the bulk writer wrote, for
    every field it had postings for (so a field a segment's arrays lack is one it has no
    terms in). Arrays made from Whoosh's postings (its merges of small segments, an index
    from before the arrays) hold no pair fields, and end the run."""
    count = 0
    for found in arrays:
        if found is None or not found.fields >= PAIR_FIELDS:
            break
        count += 1
    return count


def refresh(directory: Path, segments: Sequence[Segment]) -> bool:
    """Merge the leading segments' arrays when `TAIL_SHARE` or `TAIL_SEGMENTS` says so (see
    the module's note); True when it merged."""
    arrays = [PostingArrays.open(directory, s.id) for s in segments]
    count = mergeable(arrays)
    done = covered(directory, segments)
    if count < 2 or count <= done:
        return False
    if done:
        tail = sum(s.size for s in segments[done:])
        if tail <= TAIL_SHARE * sum(s.size for s in segments) and len(segments) - done <= TAIL_SEGMENTS:
            return False
    try:
        merge(directory, segments[:count], [a for a in arrays[:count] if a is not None])
    except OSError:  # a full disk, say: searches read the segments' own arrays, as before
        return False
    return True


def merge(directory: Path, segments: Sequence[Segment], arrays: Sequence[PostingArrays]) -> None:
    """Write the merged arrays of `segments`, whose own arrays are `arrays`.

    The 64-bit keys are hashes, spread evenly: the key space is cut into steps of about
    `STEP_POSTINGS` postings, and each step gathers its keys from every segment, sorts them
    (stably, so a key's segments stay in order and its documents ascending), and copies the
    postings, moved to global numbers, to the end of the files. A segment's pages read in a
    step are handed back as soon as its postings are copied: the step reads from all over
    every segment's arrays (about 3 GB at a million articles), and holding them would count
    in the run's memory."""
    (directory / _name(SEGMENTS_PART)).unlink(missing_ok=True)
    offsets = np.cumsum([0, *(s.size for s in segments)])[:-1]
    total = sum(len(a.docs) for a in arrays)
    steps = max(1, -(-total // STEP_POSTINGS))
    bounds = [(step << 64) // steps for step in range(steps + 1)]
    try:
        with contextlib.ExitStack() as files:
            out = {
                part: files.enter_context(_temporary(directory, part).open("wb"))
                for part in ("docs", "freqs", "keys", "spans")
            }
            written = 0
            for lo, hi in zip(bounds, bounds[1:], strict=False):
                written = _merge_step(arrays, offsets, lo, hi, written, out)
            for handle in out.values():
                handle.flush()
                os.fsync(handle.fileno())
        fields = sorted(set().union(*(a.fields for a in arrays)))
        _write(_temporary(directory, "fields"), "".join(f"{f}\n" for f in fields))
        for part in PARTS:
            os.replace(_temporary(directory, part), part_path(directory, MERGED, part))
        listed = json.dumps([[s.id, s.size] for s in segments])
        _write(_temporary(directory, SEGMENTS_PART), listed)
        os.replace(_temporary(directory, SEGMENTS_PART), directory / _name(SEGMENTS_PART))
    except BaseException:
        for part in (*PARTS, SEGMENTS_PART):
            _temporary(directory, part).unlink(missing_ok=True)
        raise


def _merge_step(
    arrays: Sequence[PostingArrays],
    offsets: np.ndarray,
    lo: int,
    hi: int,
    written: int,
    out: Mapping[str, BinaryIO],
) -> int:
    """Merge the keys in [lo, hi) of every segment; append them to `out`; return the
    postings written so far."""
    keys, starts, lengths, sizes = [], [], [], []
    low = np.uint64(lo)
    for found in arrays:
        a = int(np.searchsorted(found.keys, low, side="left"))
        b = len(found.keys) if hi >= 1 << 64 else int(np.searchsorted(found.keys, np.uint64(hi), side="left"))
        spans = found.spans[a:b]
        keys.append(found.keys[a:b])
        starts.append(spans[:, 0])
        lengths.append(spans[:, 1] - spans[:, 0])
        sizes.append(b - a)
    every_key = np.concatenate(keys)
    if not len(every_key):
        return written
    every_length = np.concatenate(lengths)
    order = np.argsort(every_key, kind="stable")
    sorted_keys = every_key[order]
    sorted_lengths = every_length[order]
    # Where each entry's postings go in this step's output, in sorted order, then per entry.
    dest_sorted = np.cumsum(sorted_lengths) - sorted_lengths
    dest = np.empty_like(dest_sorted)
    dest[order] = dest_sorted
    count = int(sorted_lengths.sum())
    docs = np.empty(count, dtype="<i4")
    freqs = np.empty(count, dtype="<u2")
    first = 0
    for found, offset, size, seg_starts in zip(arrays, offsets, sizes, starts, strict=True):
        span = slice(first, first + size)
        first += size
        seg_lengths = every_length[span]
        n = int(seg_lengths.sum())
        if not n:
            continue
        source = _ranges(seg_starts, seg_lengths, n)
        target = _ranges(dest[span], seg_lengths, n)
        docs[target] = found.docs[source] + np.int32(offset)
        freqs[target] = found.freqs[source]
        found.release()  # one segment's pages at a time, not every segment's
    unique, first_of = np.unique(sorted_keys, return_index=True)
    term_starts = dest_sorted[first_of] + written
    term_ends = np.append(term_starts[1:], written + count)
    out["keys"].write(unique.astype("<u8").tobytes())
    out["spans"].write(np.stack([term_starts, term_ends], axis=1).astype("<i8").tobytes())
    out["docs"].write(docs.tobytes())
    out["freqs"].write(freqs.tobytes())
    return written + count


def _ranges(starts: np.ndarray, lengths: np.ndarray, total: int) -> np.ndarray:
    """The positions start..start+length of every (start, length), end to end."""
    before = np.cumsum(lengths) - lengths
    return np.repeat(starts - before, lengths) + np.arange(total, dtype=np.int64)


def _listed(directory: Path) -> list[Segment]:
    try:
        rows = json.loads((directory / _name(SEGMENTS_PART)).read_text(encoding="utf-8"))
        return [Segment(str(sid), int(size)) for sid, size in rows]
    except (OSError, ValueError, TypeError):
        return []


def _name(part: str) -> str:
    return f"{MERGED}.bsp.{part}"


def _temporary(directory: Path, part: str) -> Path:
    return directory / f".{_name(part)}.{os.getpid()}"


def _write(path: Path, text: str) -> None:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
