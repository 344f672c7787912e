"""The evaluation report: one row per facet and source, and its text table."""

from __future__ import annotations

from dataclasses import dataclass, field

from indexer.evaluation.metrics import Accuracy, Counts


@dataclass(frozen=True, slots=True)
class Row:
    """One figure: P/R/F1 from `counts`, or an accuracy, over `n` articles of `source`."""

    facet: str
    source: str
    n: int
    counts: Counts | None = None
    accuracy: Accuracy | None = None
    note: str = ""
    #: Gold labels that are not exhaustive (Reuters) support recall only; precision and F1 are not shown.
    recall_only: bool = False

    @property
    def precision(self) -> float | None:
        return self.counts.precision if self.counts and not self.recall_only else None

    @property
    def recall(self) -> float | None:
        return self.counts.recall if self.counts else None

    @property
    def f1(self) -> float | None:
        return self.counts.f1 if self.counts and not self.recall_only else None


@dataclass(slots=True)
class Report:
    rows: list[Row] = field(default_factory=list)
    #: Sources or extractors that could not be evaluated, and other remarks, one line each.
    notes: list[str] = field(default_factory=list)

    def row(self, facet: str, source: str) -> Row | None:
        return next((r for r in self.rows if r.facet == facet and r.source == source), None)


_COLUMNS = ("facet", "source", "precision", "recall", "F1", "accuracy", "n", "")


def format_report(report: Report) -> str:
    """A plain-text table (facet, source, precision, recall, F1, accuracy, n, note), then the notes."""
    table = [_COLUMNS] + [
        (
            r.facet,
            r.source,
            _pct(r.precision),
            _pct(r.recall),
            _pct(r.f1),
            _pct(r.accuracy.value if r.accuracy else None),
            str(r.n),
            r.note,
        )
        for r in report.rows
    ]
    widths = [max(len(line[i]) for line in table) for i in range(len(_COLUMNS))]
    lines = [
        "  ".join(
            cell.ljust(w) if i < 2 else cell.rjust(w) if i < 7 else cell
            for i, (cell, w) in enumerate(zip(line, widths, strict=True))
        ).rstrip()
        for line in table
    ]
    lines.insert(1, "-" * len(lines[0]))
    lines += [f"note: {note}" for note in report.notes]
    return "\n".join(lines)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"
