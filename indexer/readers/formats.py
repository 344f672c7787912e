"""Reading one file: unwrap gzip and zip in memory (`archives`), pick the format, never raise.

The format comes from the extension, corrected by the content: a `.txt` that is an
HTML page is read as HTML, and a file without a known extension is sniffed. Every
failure becomes a `Skipped` with a one-line reason, and records read before the
failure (the good lines of a truncated `.jsonl.gz`) still count.
"""

from __future__ import annotations

import logging
import zipfile
from collections.abc import Callable, Iterator
from pathlib import PurePosixPath

from indexer.readers import csvfile, html, jsonlines, plaintext, reuters
from indexer.readers.archives import MAX_DEPTH, Budget, OverBudget, gunzip, unzip
from indexer.readers.discovery import MAX_FILE_BYTES
from indexer.readers.normalize import BinaryFile, decode
from indexer.readers.skipped import Skipped, SourceFile
from search.models import Article

log = logging.getLogger(__name__)

Parser = Callable[[bytes, str], Iterator[Article | Skipped]]

_EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".shtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".sgm": "reuters",
    ".sgml": "reuters",
}


def read(source: SourceFile) -> Iterator[Article | Skipped]:
    """Every article in one file (a gzip/zip archive is read transparently, member by
    member, without unpacking to disk). Never raises for bad input: bad records become
    Skipped and the good ones still come."""
    origin = source.origin
    try:
        with source.path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        yield Skipped(origin, f"unreadable file ({error.strerror or error})")
        return
    yield from read_bytes(data, source.path.name, origin)


def read_bytes(
    data: bytes, name: str, origin: str, budget: Budget | None = None, depth: int = 0
) -> Iterator[Article | Skipped]:
    """The articles in `data`, a file called `name`; the guard that keeps a run alive.

    `budget` is what the top-level file may still unpack to and `depth` how many
    archive layers `data` is inside (both are passed down when `data` is a member)."""
    try:
        yield from _dispatch(data, name, origin, budget or Budget(), depth)
    except Exception as error:
        log.exception("reader failed on %s", origin)
        yield Skipped(origin, f"reader error ({type(error).__name__}: {error})".splitlines()[0])


def _dispatch(data: bytes, name: str, origin: str, budget: Budget, depth: int) -> Iterator[Article | Skipped]:
    if len(data) > MAX_FILE_BYTES:
        yield Skipped(origin, f"huge file (over the {MAX_FILE_BYTES // 1024 // 1024} MB limit)")
        return
    if not data.strip():
        yield Skipped(origin, "empty file")
        return
    suffix = PurePosixPath(name.lower()).suffix
    is_gzip = suffix == ".gz" or data[:2] == b"\x1f\x8b"
    if (is_gzip or suffix == ".zip" or data[:4] == b"PK\x03\x04") and depth >= MAX_DEPTH:
        yield Skipped(origin, f"over the unpacking budget (archives nested over {MAX_DEPTH} deep)")
        return
    if is_gzip:
        yield from _gzip(data, name.removesuffix(".gz").removesuffix(".GZ"), origin, budget, depth + 1)
        return
    if suffix == ".zip" or data[:4] == b"PK\x03\x04":
        yield from _zip(data, origin, budget, depth + 1)
        return
    try:
        kind = _kind(data, suffix)
        if kind is None:
            yield Skipped(origin, f"unsupported file type ({suffix or 'no extension'})")
            return
        if kind == "html":
            yield html.parse(data, origin)
            return
        text = decode(data)
    except BinaryFile:
        yield Skipped(origin, "binary file")
        return
    if kind == "text":
        yield plaintext.parse(text, origin)
    elif kind == "json":
        yield from jsonlines.parse_document(text, origin)
    elif kind == "jsonl":
        yield from jsonlines.parse_lines(text, origin)
    elif kind == "csv":
        yield from csvfile.parse(text, origin)
    else:
        yield from reuters.parse(text, origin)


def _kind(data: bytes, suffix: str) -> str | None:
    """The format by content first where content is unmistakable, else by extension."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype lewis", b"<reuters")):
        return "reuters"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or (b"<head" in head and head[:1] == b"<"):
        return "html" if suffix not in (".sgm", ".sgml") else "reuters"
    kind = _EXTENSIONS.get(suffix)
    if kind == "text" and head[:1] in (b"{", b"["):
        return "json"
    if kind is None and head[:1] in (b"{", b"["):
        return "jsonl" if data.count(b"\n{") > 0 else "json"
    if kind is None and data.startswith(b"\x00"):
        raise BinaryFile("binary file")
    return kind


def _gzip(
    data: bytes, inner_name: str, origin: str, budget: Budget, depth: int
) -> Iterator[Article | Skipped]:
    """Decompress every member in memory; a truncated archive still yields the records before the cut."""
    unpacked = gunzip(data, budget)
    inner = unpacked.content
    if unpacked.truncated:
        # Keep whole lines only: the cut one is lost with the rest of the archive.
        inner = inner[: inner.rfind(b"\n") + 1]
    if inner.strip():
        yield from _dispatch(inner, inner_name, origin, budget, depth)
    if unpacked.problem:
        yield Skipped(origin, unpacked.problem)


def _zip(data: bytes, origin: str, budget: Budget, depth: int) -> Iterator[Article | Skipped]:
    try:
        for member in unzip(data, budget):
            member_origin = f"{origin}/{member.name}"
            if member.problem:
                yield Skipped(member_origin, member.problem)
            else:
                yield from read_bytes(member.content, member.name, member_origin, budget, depth)
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as error:
        yield Skipped(origin, f"corrupt zip archive ({error})")
    except OverBudget as error:
        yield Skipped(origin, str(error))
