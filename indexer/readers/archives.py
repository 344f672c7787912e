"""Unpacking gzip and zip in memory, within one budget per top-level file.

A file on disk is at most `MAX_FILE_BYTES`, but an archive can unpack to far more
(a gzip bomb) or hold archives of its own (a zip in a zip). So everything one
top-level file unpacks to, over all its layers, draws on one `Budget`: decompressed
bytes, members read, and layers of nesting. What would overdraw it is skipped with
the reason; what fits is read.

A gzip file may hold several members one after another (`cat a.gz b.gz`, log
rotation, bgzip): all of them are read, as `gzip -d` does.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from indexer.readers.discovery import MAX_FILE_BYTES

#: Everything one top-level file unpacks to, over all its archive layers.
MAX_UNPACKED_BYTES = MAX_FILE_BYTES
#: Archive members read from one top-level file (a news export holds thousands, not millions).
MAX_MEMBERS = 100_000
#: Archives inside archives: `x.zip` holding `y.jsonl.gz` is two layers.
MAX_DEPTH = 3

_GZIP_MAGIC = b"\x1f\x8b"
#: zlib's window bits for "a gzip or zlib header, detected".
_GZIP_OR_ZLIB = 32 + 15


class OverBudget(ValueError):
    """An archive that would overdraw its budget as a whole; the message says how."""


@dataclass(slots=True)
class Budget:
    """What is left for one top-level file to unpack; shared by all its layers."""

    bytes_left: int = field(default_factory=lambda: MAX_UNPACKED_BYTES)
    members_left: int = field(default_factory=lambda: MAX_MEMBERS)

    def over_bytes(self) -> str:
        return f"over the unpacking budget (unpacks to over {MAX_UNPACKED_BYTES // 1024 // 1024} MB)"


@dataclass(frozen=True, slots=True)
class Gunzipped:
    """A gzip file's content, and what went wrong on the way, if anything."""

    content: bytes
    #: The one-line reason the content is incomplete or absent, else None.
    problem: str | None = None
    #: True when `content` stops mid-stream, so its last line may be cut.
    truncated: bool = False


def gunzip(data: bytes, budget: Budget) -> Gunzipped:
    """Every member of a gzip file, concatenated, drawing on `budget`."""
    parts: list[bytes] = []
    rest = data
    members = 0
    while rest:
        if budget.members_left <= 0:
            problem = f"over the unpacking budget ({MAX_MEMBERS} members per file; the rest are not read)"
            return Gunzipped(b"".join(parts), problem, truncated=True)
        inflater = zlib.decompressobj(wbits=_GZIP_OR_ZLIB)
        try:
            part = inflater.decompress(rest, budget.bytes_left + 1)
        except zlib.error as error:
            if members == 0:
                return Gunzipped(b"", f"corrupt gzip archive ({error})")
            return Gunzipped(
                b"".join(parts), f"corrupt gzip member {members + 1} (records after it are lost)"
            )
        if len(part) > budget.bytes_left:
            return Gunzipped(b"", budget.over_bytes())
        budget.bytes_left -= len(part)
        budget.members_left -= 1
        parts.append(part)
        members += 1
        if not inflater.eof:
            return Gunzipped(
                b"".join(parts), "truncated gzip archive (records after the cut are lost)", truncated=True
            )
        rest = inflater.unused_data
        if not rest.strip(b"\x00"):  # gzip(1) ignores zero padding after the last member
            break
        if not rest.startswith(_GZIP_MAGIC):
            return Gunzipped(b"".join(parts), f"{len(rest)} bytes after the last gzip member are not gzip")
    return Gunzipped(b"".join(parts))


@dataclass(frozen=True, slots=True)
class Member:
    """One file inside a zip archive: its name, and its bytes or why it was not read."""

    name: str
    content: bytes = b""
    problem: str | None = None


def unzip(data: bytes, budget: Budget) -> Iterator[Member]:
    """The files of a zip archive (not folders, hidden files or macOS metadata), each
    read only when it fits what is left of `budget`. Raises `zipfile.BadZipFile` when
    the archive cannot be opened, `OverBudget` when it declares more members than are left."""
    declared = _declared_entries(data)
    if declared is not None and declared > budget.members_left:
        raise OverBudget(f"over the unpacking budget ({declared} members; {MAX_MEMBERS} per file)")
    archive = zipfile.ZipFile(io.BytesIO(data))
    for info in archive.infolist():
        if info.is_dir() or any(
            part.startswith(".") or part == "__MACOSX" for part in info.filename.split("/")
        ):
            continue
        if budget.members_left <= 0:
            yield Member(info.filename, problem=f"over the unpacking budget ({MAX_MEMBERS} members per file)")
            continue
        budget.members_left -= 1
        if info.file_size > MAX_FILE_BYTES:
            yield Member(
                info.filename, problem=f"huge file ({info.file_size // 1024 // 1024} MB in the archive)"
            )
            continue
        if info.file_size > budget.bytes_left:
            yield Member(info.filename, problem=budget.over_bytes())
            continue
        try:
            with archive.open(info) as member:
                # The header's size bounds the read: zipfile stops there whatever the stream holds.
                content = member.read(budget.bytes_left + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
            yield Member(info.filename, problem=f"unreadable zip member ({error})")
            continue
        if len(content) > budget.bytes_left:
            yield Member(info.filename, problem=budget.over_bytes())
            continue
        budget.bytes_left -= len(content)
        yield Member(info.filename, content)


def _declared_entries(data: bytes) -> int | None:
    """The member count in the end-of-archive record, read before zipfile builds an
    object per member (a few hundred bytes each: millions of tiny entries would not fit)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 12 > len(data):
        return None
    count = int.from_bytes(data[end + 10 : end + 12], "little")
    return None if count == 0xFFFF else count  # 0xFFFF: a zip64 archive keeps the real count elsewhere
