"""How far the facets can be trusted, in numbers: the `broadsheet evaluate` command's engine.

Three yardsticks, each skipped with a note when its corpus is absent:
- the hand-labelled gold set (Dawn and APP, `gold/gold.jsonl`): people, countries,
  topics and dates, on its held-aside `test` split unless asked otherwise, reported as
  `gold:test` (the original test articles), `gold:test2` (the second held-aside set,
  `gold/heldout.jsonl`) and `gold:test-all` (both);
- Reuters-21578: recall of the human PLACES (countries) and PEOPLE labels;
- the BBC News set: top-1 topic accuracy on the half not used for tuning;
- when asked, hand-labelled name pairs (`gold/name_pairs.jsonl`): precision and recall of
  the archive-wide name merge, per split;
and the extractors' speed on real Dawn articles.

docs/evaluation.md explains the method and lists the latest figures.
"""

from __future__ import annotations

from pathlib import Path

from indexer.evaluation.name_pairs import evaluate_name_pairs
from indexer.evaluation.on_bbc import evaluate_bbc
from indexer.evaluation.on_gold import evaluate_gold
from indexer.evaluation.on_reuters import evaluate_reuters
from indexer.evaluation.report import Report, Row, format_report
from indexer.evaluation.speed import measure_speed
from search.engine import Engine

#: `split` values: one gold split, or `all`: both, reported separately (`test` as three rows).
SPLITS = {"test": ("test",), "dev": ("dev",), "all": ("dev", "test")}

__all__ = ["Report", "Row", "evaluate", "format_report"]


def evaluate(
    shared: Path, *, split: str = "test", name_pairs: Path | None = None, archive: Engine | None = None
) -> Report:
    """Run every evaluation whose data is present under `shared` (the folder holding `corpora/`),
    and the name pairs at `name_pairs` when given, judged with `archive`'s evidence."""
    if split not in SPLITS:
        raise ValueError(f"split must be one of {', '.join(SPLITS)}")
    report = Report()
    if (shared / "corpora").is_dir():
        evaluate_gold(
            shared,
            SPLITS[split],
            report,
            acronyms=archive.acronyms() if archive else None,
            stored=archive.get if archive else None,
        )
    else:
        report.notes.append(f"gold: {shared / 'corpora'} not found, gold set not evaluated")
    evaluate_reuters(shared, report)
    evaluate_bbc(shared, report)
    if name_pairs is not None:
        evaluate_name_pairs(name_pairs, archive, report)
    measure_speed(shared, report)
    return report
