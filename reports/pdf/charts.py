"""Charts drawn with ReportLab graphics: grouped bars with a legend, amounts in tkr.

Bar heights are plotting coordinates (floats are fine there); every number a reader sees
(axis labels) is formatted by :mod:`finsam_desktop.money`.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.units import mm

from finsam_desktop.money import Unit, format_amount

from . import fonts
from .document import TEXT_WIDTH
from .styles import GREY, LIGHT_BAR, STRONG_BAR, WARN


def _tkr(ore: int) -> float:
    return ore / 100_000


def _axis_label(value: float) -> str:
    return format_amount(round(value * 100_000), Unit.TKR, decimals=0)


def _short(text: str, n: int = 34) -> str:
    text = fonts.printable(text)
    return text if len(text) <= n else text[: n - 1] + "…"


def _legend(drawing: Drawing, x: float, y: float, items: Sequence[tuple]) -> None:
    legend = Legend()
    legend.x, legend.y = x, y
    legend.fontName = fonts.REGULAR
    legend.fontSize = 8
    legend.alignment = "right"
    legend.columnMaximum = 1
    legend.deltax = 150
    legend.dx = legend.dy = 7
    legend.colorNamePairs = list(items)
    drawing.add(legend)


def _drawing(width: float, height: float, titel: str) -> Drawing:
    """A chart's drawing with its title on top."""
    fonts.register()
    d = Drawing(width, height)
    d.initialFontName = fonts.REGULAR
    d.add(String(0, height - 10, fonts.printable(titel), fontName=fonts.BOLD, fontSize=9.5))
    return d


def _bars(chart, serier: Sequence[tuple[str, Sequence[int]]], palette: list, reverse: bool):
    """The series as magnitudes in tkr on a grid from zero, each series in its colour."""
    chart.data = [
        [abs(_tkr(v)) for v in (reversed(values) if reverse else values)] for _, values in serier
    ]
    for axis in (chart.categoryAxis, chart.valueAxis):
        axis.labels.fontName = fonts.REGULAR
        axis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = _axis_label
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#DDDDDD")
    for i in range(len(serier)):
        chart.bars[i].fillColor = palette[i % len(palette)]
        chart.bars[i].strokeColor = None
    return [(palette[i % len(palette)], fonts.printable(n)) for i, (n, _) in enumerate(serier)]


def stapel_par(
    kategorier: Sequence[str],
    serier: Sequence[tuple[str, Sequence[int]]],
    *,
    titel: str,
    hojd_mm: float = 75,
    tak: Sequence[int] | None = None,
) -> Drawing:
    """Vertical grouped bars (tkr), e.g. budget against utfall per group.

    Amounts are shown as magnitudes (a cost of −1 040 tkr is a bar of 1 040) so budget and
    utfall stand side by side; the title says what is shown. ``tak`` draws a ceiling marker
    per category (eget kapital against the ceiling).
    """
    width, height = TEXT_WIDTH, hojd_mm * mm
    d = _drawing(width, height, titel)
    chart = VerticalBarChart()
    chart.x, chart.y = 48, 34
    chart.width, chart.height = width - 60, height - 70
    items = _bars(chart, serier, [LIGHT_BAR, STRONG_BAR, GREY], reverse=False)
    chart.categoryAxis.categoryNames = [_short(k, 24) for k in kategorier]
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.groupSpacing = 8
    chart.barSpacing = 1
    if tak:
        top = max([*(abs(_tkr(t)) for t in tak), *(max(s, default=0) for s in chart.data)])
        chart.valueAxis.valueMax = top * 1.15 or 1
    d.add(chart)
    if tak:
        n = len(kategorier)
        step = chart.width / n
        vmax = chart.valueAxis.valueMax
        for i, t in enumerate(tak):
            y = chart.y + chart.height * abs(_tkr(t)) / vmax
            x0 = chart.x + i * step + 4
            d.add(Line(x0, y, x0 + step - 8, y, strokeColor=WARN, strokeWidth=1.6))
    if tak:
        items.append((WARN, "Tak för eget kapital"))
    _legend(d, 8, height - 22, items)
    d.add(String(0, 2, "tkr", fontName=fonts.REGULAR, fontSize=7, fillColor=GREY))
    return d


def liggande_par(
    kategorier: Sequence[str],
    serier: Sequence[tuple[str, Sequence[int]]],
    *,
    titel: str,
) -> Drawing:
    """Horizontal grouped bars (tkr) for many long names, e.g. beviljat against förbrukat."""
    n = max(1, len(kategorier))
    width = TEXT_WIDTH
    height = 44 + n * (10 + 7 * len(serier))
    d = _drawing(width, height, titel)
    chart = HorizontalBarChart()
    chart.x, chart.y = 170, 20
    chart.width, chart.height = width - 185, height - 50
    # Drawn bottom up: reversed, the first category stands on top.
    items = _bars(chart, serier, [LIGHT_BAR, STRONG_BAR], reverse=True)
    chart.categoryAxis.categoryNames = [_short(k) for k in reversed(kategorier)]
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.groupSpacing = 5
    chart.barSpacing = 0.5
    d.add(chart)
    _legend(d, 8, height - 22, items)
    d.add(String(width - 14, 2, "tkr", fontName=fonts.REGULAR, fontSize=7, fillColor=GREY))
    return d
