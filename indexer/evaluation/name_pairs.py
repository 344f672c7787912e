"""Precision and recall of the archive-wide name merge on hand-labelled name pairs.

`gold/name_pairs.jsonl` holds pairs of people-facet values, each labelled the same person or
not (see `gold/name_pairs.md`). The merge decides a pair the way an indexing run would: over
the whole archive's evidence (each name's count, co-mentions and years, read from an index's
stored articles) with both names in it, the pair is one person when both names end under one
canonical name. A merged pair labelled different costs precision, a same pair left apart
costs recall.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from indexer.evaluation.metrics import Counts
from indexer.evaluation.report import Report, Row
from indexer.extract import read_names
from indexer.extract.aliases import default_aliases
from indexer.extract.merging import NameEvidence, merge_decisions
from indexer.names_merge import gather
from search.engine import Engine

DEFAULT_PATH = Path(__file__).resolve().parent / "gold" / "name_pairs.jsonl"


@dataclass(frozen=True, slots=True)
class NamePair:
    a: str
    b: str
    same: bool
    hard: bool
    split: str


def read_pairs(path: Path) -> list[NamePair]:
    """The labelled pairs; a malformed line raises ValueError naming its line number."""
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            pairs.append(
                NamePair(
                    str(item["a"]), str(item["b"]), bool(item["same"]), bool(item["hard"]), str(item["split"])
                )
            )
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"{path}: line {number} is not a name pair: {error}") from error
    return pairs


def archive_evidence(engine: Engine) -> dict[str, NameEvidence]:
    """Every person name's evidence, gathered as an indexing run gathers it: from the names
    the extractor finds in each stored article, before any merge. The stored people are
    already merged (an index built with the merge holds "Khawaja Muhammad Asif" where the
    article wrote "Khawaja Asif"), so reading them would judge the merge on its own output."""
    evidence: dict[str, NameEvidence] = {}
    aliases = default_aliases()
    for article_id in engine.fingerprints():
        article = engine.get(article_id)
        if article is not None:
            gather(evidence, replace(article, people=read_names(article, aliases).people))
    return evidence


def judge(pairs: list[NamePair], evidence: dict[str, NameEvidence]) -> Iterator[tuple[NamePair, bool]]:
    """Each pair with the merge's verdict (True: one person), over the archive plus the pairs' names."""
    everything = dict(evidence)
    for pair in pairs:
        for name in (pair.a, pair.b):
            everything.setdefault(name, NameEvidence(count=1))
    mapping = merge_decisions(everything).mapping
    for pair in pairs:
        yield pair, mapping.get(pair.a, pair.a) == mapping.get(pair.b, pair.b)


def evaluate_name_pairs(path: Path, engine: Engine | None, report: Report) -> None:
    """Add a precision/recall row per split; notes say where the evidence came from."""
    pairs = read_pairs(path)
    evidence = archive_evidence(engine) if engine is not None else {}
    if not evidence:
        report.notes.append("name pairs: no archive index to read evidence from; judged on the names alone")
    else:
        report.notes.append(f"name pairs: evidence from {len(evidence):,} people-facet values of the index")
    verdicts = list(judge(pairs, evidence))
    for split in sorted({pair.split for pair in pairs}):
        counts = Counts()
        hard_merged = 0
        for pair, merged in verdicts:
            if pair.split != split:
                continue
            counts += Counts(
                tp=int(merged and pair.same),
                fp=int(merged and not pair.same),
                fn=int(pair.same and not merged),
            )
            hard_merged += merged and not pair.same and pair.hard
        n = sum(pair.split == split for pair in pairs)
        note = f"{sum(p.same for p in pairs if p.split == split)} same; hard negatives merged: {hard_merged}"
        report.rows.append(Row("name pairs", f"pairs:{split}", n, counts, note=note))
    for pair, merged in verdicts:
        if merged != pair.same and pair.split != "test":
            wrong = "merged" if merged else "kept apart"
            report.notes.append(f"name pairs ({pair.split}): {wrong}: {pair.a} | {pair.b}")
