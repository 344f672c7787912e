"""Whether the disk holds what a full reindex will write, checked before it starts.

A full build writes a whole new generation beside the live one, which keeps serving until
the switch, and parks the articles between reading and writing (`indexer.spill`). Running
out of disk half-way costs the time spent and leaves nothing; refusing at once says what to
free. The new generation is estimated from the live one's size, or, on a first build, from
the input's size (below).
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable
from pathlib import Path

#: Index bytes per input byte on a first build, by how the input is stored. Measured on 4
#: December 2026 with posting arrays, pair arrays and merged arrays: 100,000 replicated
#: Dawn and APP records (113 MB of gzip-compressed JSON lines, 345 MB uncompressed) make a
#: 2,330 MB generation (20.6 and 6.8 bytes a byte); the shared corpora (37 MB compressed, 70
#: MB of text, HTML and SGML) 1,145 MB, which these give as 1,267 MB. The values before
#: (8 and 2.5) were measured before any of those arrays and let a first build start on a
#: disk with less than half the room it needed.
INDEX_PER_INPUT_BYTE = 7.0
INDEX_PER_COMPRESSED_BYTE = 21.0
#: Parked articles (pickled, not compressed) per byte of index: 3,483 MB of spill against a
#: 13,227 MB generation at 1,001,829 articles (0.26; 11th session of issue 12).
SPILL_PER_INDEX_BYTE = 0.3
#: Left free beyond the estimate: the estimate is rough, and the disk serves others too.
MARGIN = 1.1
RESERVE = 64 * 1024 * 1024


def needed(live_bytes: int | None, inputs: Iterable[Path]) -> int:
    """Bytes a full build is estimated to write before the old generation can go."""
    if live_bytes:
        index = live_bytes
    else:
        index = sum(
            int(p.stat().st_size * (INDEX_PER_COMPRESSED_BYTE if _compressed(p) else INDEX_PER_INPUT_BYTE))
            for p in inputs
        )
    return int(index * (1 + SPILL_PER_INDEX_BYTE) * MARGIN) + RESERVE


def shortfall(state_dir: Path, live_bytes: int | None, inputs: Iterable[Path]) -> str | None:
    """None when the disk under `state_dir` has room for a full build, else why not."""
    want = needed(live_bytes, inputs)
    free = shutil.disk_usage(_existing(state_dir)).free
    if free >= want:
        return None
    basis = "the live index's size" if live_bytes else "the input's size"
    return (
        f"not enough disk for a full reindex: it builds a second copy of the index beside the live one "
        f"and needs about {_mb(want)} (estimated from {basis}), but {_mb(free)} is free under "
        f"{state_dir}; free some space, or run `broadsheet index` for an incremental update. "
        "Nothing was changed"
    )


def _compressed(path: Path) -> bool:
    return path.suffix.lower() in (".gz", ".zip", ".bz2", ".xz")


def _existing(path: Path) -> Path:
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def _mb(size: int) -> str:
    return f"{size / 1e6:,.0f} MB"
