"""A trend as server-drawn SVG: one line per search, each point a link to its search.

Lines differ in colour (the Okabe–Ito palette, told apart by colour-blind readers), in
dash pattern and in marker shape, so they stay distinct in greyscale and in print. Every
point is an SVG link whose accessible name states the period and the value, so the chart
can be walked with the Tab key and read by a screen reader; no script is involved.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from search.trends import Period, Point, Series, Trend

WIDTH = 720.0
HEIGHT = 300.0
LEFT = 56.0
RIGHT = 30.0
TOP = 14.0
BOTTOM = 34.0
#: Dash patterns and marker shapes, by series number (colours are in style.css, `.series-N`).
DASHES = ("none", "7 4", "2 3", "10 3 2 3", "1 4", "14 5")
SHAPES = ("circle", "square", "triangle", "diamond", "down", "cross")
MAX_X_LABELS = 7
#: About this many steps up the value axis, each a round number (1, 2, 2.5 or 5 times a power of ten).
Y_TICKS = 4


@dataclass(frozen=True, slots=True)
class Marker:
    x: float
    y: float
    href: str
    label: str  # the accessible text: search, period, value
    title: str


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # from 0, picks colour, dash and shape
    path: str
    dash: str
    shape: str
    markers: list[Marker]

    def marker_path(self, x: float, y: float, size: float) -> str:
        return marker_path(self.shape, x, y, size)


@dataclass(frozen=True, slots=True)
class Tick:
    position: float
    text: str


@dataclass(frozen=True, slots=True)
class TrendChart:
    lines: list[Line]
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    marker_size: float
    width: float = WIDTH
    height: float = HEIGHT
    left: float = LEFT
    right: float = WIDTH - RIGHT
    top: float = TOP
    bottom: float = HEIGHT - BOTTOM


def marker_path(shape: str, x: float, y: float, size: float) -> str:
    """An SVG path of a marker centred on (x, y), `size` from centre to edge."""
    s = size
    if shape == "circle":
        return (
            f"M{x - s:.1f},{y:.1f}a{s:.1f},{s:.1f} 0 1,0 {2 * s:.1f},0a{s:.1f},{s:.1f} 0 1,0 {-2 * s:.1f},0Z"
        )
    if shape == "square":
        return f"M{x - s:.1f},{y - s:.1f}h{2 * s:.1f}v{2 * s:.1f}h{-2 * s:.1f}Z"
    if shape == "triangle":
        return f"M{x:.1f},{y - s * 1.2:.1f}L{x + s * 1.2:.1f},{y + s:.1f}L{x - s * 1.2:.1f},{y + s:.1f}Z"
    if shape == "down":
        return f"M{x:.1f},{y + s * 1.2:.1f}L{x + s * 1.2:.1f},{y - s:.1f}L{x - s * 1.2:.1f},{y - s:.1f}Z"
    if shape == "diamond":
        t = s * 1.3
        return f"M{x:.1f},{y - t:.1f}L{x + t:.1f},{y:.1f}L{x:.1f},{y + t:.1f}L{x - t:.1f},{y:.1f}Z"
    return f"M{x - s:.1f},{y - s:.1f}L{x + s:.1f},{y + s:.1f}M{x + s:.1f},{y - s:.1f}L{x - s:.1f},{y + s:.1f}"


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 2, 2.5, 5 times a power of ten that is at least `value`."""
    if value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power * (1 + 1e-9):
            return step * power
    return 10 * power


def value_of(point: Point, measure: str) -> float | None:
    """What the chart plots: a share in percent, or a count."""
    if measure == "count":
        return float(point.count)
    return None if point.share is None else point.share * 100


def value_text(point: Point) -> str:
    whole = f"{point.count:,} article{'' if point.count == 1 else 's'}"
    if point.share is None:
        return f"{whole}; the archive has no articles then"
    return f"{whole}, {percent(point.share)} of the period's articles"


def percent(share: float) -> str:
    """A share as a percentage with enough digits to tell small ones apart."""
    value = share * 100
    if value == 0:
        return "0%"
    if value < 0.1:
        return f"{value:.3f}%"
    if value < 10:
        return f"{value:.2f}%"
    return f"{value:.1f}%"


def draw(
    trend: Trend,
    measure: str,
    labels: list[str],
    href: Callable[[Series, Period], str],
    period_name: Callable[[Period], str],
    short_name: Callable[[Period], str],
) -> TrendChart | None:
    """Geometry for `trend`; None when there are no periods to draw. Points are named in
    full (`period_name`), the axis briefly (`short_name`)."""
    if not trend.periods or not trend.series:
        return None
    n = len(trend.periods)
    step = (WIDTH - RIGHT - LEFT) / n
    plot_h = HEIGHT - BOTTOM - TOP
    values = [value_of(p, measure) for s in trend.series for p in s.points]
    peak = max((v for v in values if v is not None), default=0.0)
    tick = nice_ceiling(peak / Y_TICKS)
    if measure == "count":  # whole numbers at every tick
        tick = max(1.0, math.ceil(tick))
    ticks = max(1, math.ceil(peak / tick - 1e-9))
    top_value = tick * ticks

    def x_of(i: int) -> float:
        return LEFT + (i + 0.5) * step

    def y_of(value: float) -> float:
        return TOP + plot_h * (1 - value / top_value)

    lines = []
    for number, (series, label) in enumerate(zip(trend.series, labels, strict=True)):
        parts: list[str] = []
        markers = []
        for i, point in enumerate(series.points):
            value = value_of(point, measure)
            if value is None:  # no share where the archive has no articles: the line runs past
                continue
            x, y = x_of(i), y_of(value)
            parts.append(f"{'L' if parts else 'M'}{x:.1f},{y:.1f}")
            name = period_name(point.period)
            text = value_text(point)
            markers.append(
                Marker(x, y, href(series, point.period), f"{label}, {name}: {text}", f"{name}: {text}")
            )
        lines.append(Line(number, "".join(parts), DASHES[number], SHAPES[number], markers))
    every = max(1, math.ceil(n / MAX_X_LABELS))
    x_ticks = [Tick(x_of(i), short_name(p)) for i, p in enumerate(trend.periods) if i % every == 0]
    y_ticks = [Tick(y_of(tick * k), _axis_value(tick * k, measure)) for k in range(ticks + 1)]
    size = 4.0 if n <= 60 else 2.5
    return TrendChart(lines, x_ticks, y_ticks, size)


def _axis_value(value: float, measure: str) -> str:
    if measure == "count":
        return f"{value:,.0f}" if value >= 10 or value == int(value) else f"{value:.1f}"
    return f"{value:g}%"
