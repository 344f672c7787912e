"""The record of duplicate decisions, kept beside the index for each generation.

Every record an indexing run counts as a repeat of another is written here with the copy
that was kept and the rule that matched, so that a keeper can see each decision
(`broadsheet duplicates`, /duplicates) and overrule a wrong one (`keep-apart.txt`). Like
`runs`, it lives on the ground floor so the web app and the command line can read it
without importing the indexer.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

DUPLICATES_DIR = "duplicates"


@dataclass(frozen=True, slots=True)
class Duplicate:
    """One record left out as a repeat: where it was read (`origin`, inside input `file`),
    the id, URL and headline it had, the id and origin of the copy kept instead, and
    the rule that matched ("same URL" or "same text")."""

    origin: str
    id: str
    url: str | None
    title: str
    kept_id: str
    kept_origin: str
    rule: str
    file: str


def save(state_dir: Path, generation: str, duplicates: list[Duplicate], keep: set[str]) -> None:
    """Write `generation`'s decisions atomically and drop those of generations not in `keep`."""
    folder = state_dir / DUPLICATES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{generation}.{os.getpid()}.tmp"
    with tmp.open("w", encoding="utf-8") as out:
        for duplicate in duplicates:
            out.write(json.dumps(asdict(duplicate), ensure_ascii=False) + "\n")
    os.replace(tmp, folder / f"{generation}.jsonl")
    for old in folder.glob("*.jsonl"):
        if old.stem not in keep | {generation}:
            old.unlink(missing_ok=True)


def load(state_dir: Path, generation: str | None) -> list[Duplicate]:
    """The decisions recorded for `generation`, in the order they were made; none when the
    generation was built before decisions were recorded. A damaged line is passed over."""
    if not generation:
        return []
    path = state_dir / DUPLICATES_DIR / f"{generation}.jsonl"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return []
    found: list[Duplicate] = []
    for line in lines:
        try:
            found.append(Duplicate(**json.loads(line)))
        except (ValueError, TypeError):
            continue
    return found


def newest(state_dir: Path) -> str | None:
    """The generation whose decisions were recorded last (for a live generation that was
    switched in without an indexing run, and so has no record of its own)."""
    recorded = sorted((state_dir / DUPLICATES_DIR).glob("*.jsonl"), key=lambda path: path.stat().st_mtime)
    return recorded[-1].stem if recorded else None
