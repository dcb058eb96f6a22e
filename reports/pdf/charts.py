"""Charts drawn with ReportLab graphics: grouped bars with a legend, amounts in tkr.

Bar heights are plotting coordinates (floats are fine there); every number a reader sees
(axis labels, the figures table) is formatted by :mod:`finsam_desktop.money`.

A chart is a :class:`Diagram`: its title, the drawing with the unit at the value axis (whose
maximum is a round number at or above the largest bar and ceiling, never below), a short
text alternative under it that says what it shows, and the figures it shows in a small
table beside it (or, with ``tabell=False``, the caller's table just above carries them).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing, Line, String
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import KeepInFrame, Paragraph, Spacer

from finsam_desktop.money import Unit, format_amount

from . import fonts
from .document import BODY_HEIGHT, TEXT_WIDTH, safe
from .styles import GREY, LIGHT_BAR, STRONG_BAR, WARN, styles
from .tables import Rad, sifferTabell
from .tagging import Tagged

UNIT = "tkr"


class Diagram(KeepInFrame):
    """A chart with its text alternative and figures: one block that does not split (a
    flowable of its real height, so a caller's KeepTogether around it works).

    ``alt`` is the text alternative (also printed under the chart, its caption); ``drawing``
    the chart, a Figure whose Alt is its title and ``alt``; ``axel_max`` the value axis's
    maximum in tkr and ``storst`` the largest value drawn."""

    tags_itself = True  # its parts are tagged (tagging.Tagged, the table's own tags)

    def __init__(
        self, drawing: Drawing, alt: str, tabell, axel_max: float, storst: float, titel: str = ""
    ):
        s = styles()
        figure_alt = f"{fonts.printable(titel)}. {alt}" if titel else alt
        items = [Tagged(drawing, alt=figure_alt), Tagged(Paragraph(safe(alt), s["caption"]))]
        if tabell is not None:
            items += [Spacer(1, 1 * mm), tabell]
        super().__init__(TEXT_WIDTH, BODY_HEIGHT, items, mode="shrink")
        self.drawing, self.alt, self.axel_max, self.storst = drawing, alt, axel_max, storst


def axel(values: Sequence[float], ticks: int = 5) -> tuple[float, float]:
    """The value axis for ``values`` (magnitudes in tkr): (maximum, step), a round step
    (1, 2, 2.5 or 5 times a power of ten) and a maximum at or above the largest value."""
    top = max([abs(v) for v in values] + [0.0])
    if top <= 0:
        return 1.0, 0.2
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return math.ceil(top / step - 1e-9) * step, step


def _figures(
    kategorier: Sequence[str], serier: Sequence[tuple[str, Sequence[int]]], extra=None
) -> object:
    """The chart's figures in tkr: one row per category, one column per series."""
    cols = [*serier, *([extra] if extra else [])]
    head = [""] + [fonts.printable(n) for n, _ in cols]
    rows = [Rad(k, [values[i] for _, values in cols]) for i, k in enumerate(kategorier)]
    return sifferTabell(head, rows, Unit.TKR)


def _alt(titel: str, kind: str, kategorier, serier, tak: bool, tabell: bool) -> str:
    """The chart's text alternative: what it shows, in what unit, where its figures are."""
    names = " och ".join(fonts.printable(n).lower() for n, _ in serier)
    text = f"{kind} i {UNIT}: {names}"
    if tak:
        text += " mot taket (linjen)"
    if any(v < 0 for _, values in serier for v in values):
        text += ", kostnader som belopp utan minustecken"
    where = "under diagrammet" if tabell else "ovan"
    return f"{text}. Siffrorna står i tabellen {where}."


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
    tabell: bool = True,
) -> Diagram:
    """Vertical grouped bars (tkr), e.g. budget against utfall per group.

    Amounts are shown as magnitudes (a cost of −1 040 tkr is a bar of 1 040) so budget and
    utfall stand side by side; the title says what is shown. ``tak`` draws a ceiling marker
    per category (eget kapital against the ceiling). ``tabell``: the figures in a table
    under the chart (False: the caller's table just above has them).
    """
    width, height = TEXT_WIDTH, hojd_mm * mm
    d = _drawing(width, height, titel)
    chart = VerticalBarChart()
    chart.x, chart.y = 48, 18
    # the legend stands below the title, clear of the top tick's label
    chart.width, chart.height = width - 60, height - 62
    items = _bars(chart, serier, [LIGHT_BAR, STRONG_BAR, GREY], reverse=False)
    chart.categoryAxis.categoryNames = [_short(k, 24) for k in kategorier]
    chart.categoryAxis.labels.boxAnchor = "n"
    chart.groupSpacing = 8
    chart.barSpacing = 1
    largest = max([0.0, *(max(s, default=0) for s in chart.data)])
    vmax, step = axel([largest, *(abs(_tkr(t)) for t in tak or ())])
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = vmax, step
    d.add(chart)
    if tak:
        n = len(kategorier)
        step_x = chart.width / n
        for i, t in enumerate(tak):
            y = chart.y + chart.height * abs(_tkr(t)) / vmax
            x0 = chart.x + i * step_x + 4
            d.add(Line(x0, y, x0 + step_x - 8, y, strokeColor=WARN, strokeWidth=1.6))
        items.append((WARN, "Tak för eget kapital"))
    _legend(d, 8, height - 20, items)
    # the unit at the top of the value axis, above its labels
    top = chart.y + chart.height
    d.add(String(chart.x - 5, top + 6, UNIT, fontName=fonts.REGULAR, fontSize=7, fillColor=GREY,
                 textAnchor="end"))  # fmt: skip
    figures = None
    if tabell:
        extra = ("Tak för eget kapital", list(tak)) if tak else None
        figures = _figures(kategorier, serier, extra)
    alt = _alt(titel, "Staplar", kategorier, serier, bool(tak), tabell)
    storst = max(largest, *(abs(_tkr(t)) for t in tak or [0]))
    return Diagram(d, alt, figures, vmax, storst, titel)


def liggande_par(
    kategorier: Sequence[str],
    serier: Sequence[tuple[str, Sequence[int]]],
    *,
    titel: str,
    tabell: bool = True,
) -> Diagram:
    """Horizontal grouped bars (tkr) for many long names, e.g. beviljat against förbrukat."""
    n = max(1, len(kategorier))
    width = TEXT_WIDTH
    height = 52 + n * (10 + 7 * len(serier))
    d = _drawing(width, height, titel)
    chart = HorizontalBarChart()
    chart.x, chart.y = 170, 20
    chart.width, chart.height = width - 190, height - 56
    # Drawn bottom up: reversed, the first category stands on top.
    items = _bars(chart, serier, [LIGHT_BAR, STRONG_BAR], reverse=True)
    chart.categoryAxis.categoryNames = [_short(k) for k in reversed(kategorier)]
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -3
    chart.groupSpacing = 5
    chart.barSpacing = 0.5
    largest = max([0.0, *(max(s, default=0) for s in chart.data)])
    vmax, step = axel([largest])
    chart.valueAxis.valueMax, chart.valueAxis.valueStep = vmax, step
    d.add(chart)
    _legend(d, 8, height - 20, items)
    # the unit at the end of the value axis, beside its last label
    d.add(String(chart.x + chart.width + 6, chart.y - 10, UNIT, fontName=fonts.REGULAR,
                 fontSize=7, fillColor=GREY))  # fmt: skip
    figures = _figures(kategorier, serier) if tabell else None
    alt = _alt(titel, "Liggande staplar", kategorier, serier, False, tabell)
    return Diagram(d, alt, figures, vmax, largest, titel)
