"""Server-drawn histograms (articles per year or month) as SVG geometry.

Bars are plain SVG rectangles with sizes as attributes, so the charts need no script,
no chart library and no inline styles (which the Content-Security-Policy forbids).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from search.models import FacetValue

HEIGHT = 60.0
STEP = 10.0
GAP = 2.0
#: A bar with any articles stays visibly taller than an empty one, however high the peak.
MIN_BAR = 3.0
#: Axis labels under every bar only while they fit a sidebar; otherwise first and last.
MAX_LABELLED = 12
FULL_YEARS = 6
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_YEAR = re.compile(r"[12][0-9]{3}")
_MONTH = re.compile(r"[12][0-9]{3}-(0[1-9]|1[0-2])")
_DAY = re.compile(r"[12][0-9]{3}-(0[1-9]|1[0-2])-[0-3][0-9]")
_SHAPES = {"year": _YEAR, "month": _MONTH, "day": _DAY}


@dataclass(frozen=True, slots=True)
class Bar:
    value: str
    count: int
    selected: bool
    href: str
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Chart:
    bars: list[Bar]
    width: float
    height: float
    peak: int
    unit: str

    @property
    def crowded(self) -> bool:
        return len(self.bars) > MAX_LABELLED

    @property
    def labels(self) -> list[str]:
        """What to print under the axis, short enough to fit a narrow sidebar: years in full
        while few (else `'19`), months by initial, or just both ends when crowded. Each bar
        still carries its full name for hover and screen readers."""
        if self.crowded:
            return [self.name(self.bars[0].value), self.name(self.bars[-1].value)]
        if self.unit == "month":
            return [MONTHS[int(bar.value[5:]) - 1][0] for bar in self.bars]
        if self.unit == "day":
            return [str(int(bar.value[8:])) for bar in self.bars]
        if len(self.bars) > FULL_YEARS:
            return ["’" + bar.value[2:] for bar in self.bars]
        return [bar.value for bar in self.bars]

    def name(self, value: str) -> str:
        if self.unit == "day":
            day = dt.date.fromisoformat(value)
            return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
        return month_name(value) if self.unit == "month" else value


def month_name(value: str) -> str:
    """`2019-03` -> `Mar 2019`; anything else unchanged."""
    year, _, month = value.partition("-")
    return f"{MONTHS[int(month) - 1]} {year}" if month.isdigit() and 1 <= int(month) <= 12 else value


def month_day_name(value: str) -> str:
    """`08-25` -> `25 Aug`, the day of every year it stands for."""
    return f"{int(value[3:])} {MONTHS[int(value[:2]) - 1]}"


def histogram(values: Sequence[FacetValue], href: Callable[[str], str], unit: str = "year") -> Chart | None:
    """Bars in time order with empty years/months/days filled in, or None when there is nothing to draw."""
    shape = _SHAPES[unit]
    counts = {fv.value: fv for fv in values if shape.fullmatch(fv.value)}
    if not counts:
        return None
    keys = _span(sorted(counts), unit)
    peak = max(fv.count for fv in counts.values()) or 1
    bars = []
    for i, key in enumerate(keys):
        fv = counts.get(key, FacetValue(key, 0))
        height = max(MIN_BAR, HEIGHT * fv.count / peak) if fv.count else 0.5
        bars.append(Bar(key, fv.count, fv.selected, href(key), i * STEP, HEIGHT - height, STEP - GAP, height))
    return Chart(bars, len(keys) * STEP, HEIGHT, peak, unit)


def _span(keys: list[str], unit: str) -> list[str]:
    """Every year (or `YYYY-MM` month, or `YYYY-MM-DD` day) from the first key to the last."""
    if unit == "year":
        return [str(y) for y in range(int(keys[0]), int(keys[-1]) + 1)]
    if unit == "day":
        first, last = dt.date.fromisoformat(keys[0]), dt.date.fromisoformat(keys[-1])
        return [(first + dt.timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]
    first = dt.date.fromisoformat(f"{keys[0]}-01")
    last = dt.date.fromisoformat(f"{keys[-1]}-01")
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months
