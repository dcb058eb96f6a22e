"""The reports' charts as a reader checks them: no bar runs past the axis, the legend and the
unit stand clear of the ticks, and every chart has a title, a unit, a text alternative and
its figures in a table beside it."""

from __future__ import annotations

import math

import pytest
from fixed_days import DEMO_DAY
from report_helpers import read_pages
from reportlab.graphics.charts.barcharts import BarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import String

from finsam_desktop import ekonomi
from reports import arsredovisning, common, delarsrapport, verksamhetsplan
from reports.pdf import charts


def _parts(diagram: charts.Diagram):
    d = diagram.drawing
    chart = next(c for c in d.contents if isinstance(c, BarChart))
    legend = next(c for c in d.contents if isinstance(c, Legend))
    strings = [c for c in d.contents if isinstance(c, String)]
    return d, chart, legend, strings


def _demo_charts(demo) -> list[charts.Diagram]:
    return [
        common.budget_chart(ekonomi.driftredovisning(demo, 2025), 2025),
        charts.stapel_par(
            ["2025", "2026"],
            [("Eget kapital vid årets slut", [83_940_000, 82_510_000])],
            titel="Eget kapital mot taket",
            tak=[100_400_000, 101_600_000],
        ),
        charts.liggande_par(
            ["IPS", "Språk och arbete"],
            [("Beviljat", [90_000_000, 48_000_000]), ("Förbrukat", [90_000_000, 35_520_000])],
            titel="Beviljat och förbrukat",
        ),
    ]


@pytest.mark.parametrize(
    ("values", "at_least"),
    [([5_020.0], 5_020), ([5_000.0], 5_000), ([1_122.8, 1_004.0], 1_122.8), ([0.4], 0.4)],
)
def test_the_value_axis_reaches_the_largest_bar_with_a_round_step(values, at_least):
    top, step = charts.axel(values)
    assert top >= at_least
    assert top - step < at_least  # not a whole step too high
    assert round(step / 10 ** math.floor(math.log10(step)), 6) in (1, 2, 2.5, 5)


def test_a_bar_of_5_020_tkr_is_not_clipped_at_a_5_000_axis():
    diagram = charts.stapel_par(
        ["Intäkter"], [("Budget", [502_000_000]), ("Utfall", [502_000_000])], titel="Budget"
    )
    _, chart, _, _ = _parts(diagram)
    assert chart.valueAxis.valueMax >= 5_020
    assert diagram.axel_max >= diagram.storst == pytest.approx(5_020)


def test_the_demos_charts_have_axes_legends_units_titles_and_text(demo):
    for diagram in _demo_charts(demo):
        _d, chart, legend, strings = _parts(diagram)
        assert chart.valueAxis.valueMax >= diagram.storst
        vertical = chart.__class__.__name__.startswith("Vertical")
        top = chart.y + chart.height
        # the legend's lowest swatch stands above the top tick's label (7.5 pt, centred)
        if vertical:
            assert legend.y - legend.dy > top + 4
        # a title at the top, a unit beside the value axis
        assert strings[0].y > legend.y and strings[0].text
        unit = next(s for s in strings if s.text == "tkr")
        if vertical:
            assert abs(unit.y - top) < 14 and unit.x <= chart.x
        else:
            assert abs(unit.y - chart.y) < 14 and unit.x >= chart.x + chart.width
        assert "tkr" in diagram.alt and "Siffrorna står i tabellen" in diagram.alt


@pytest.mark.parametrize(
    ("build", "title"),
    [
        (lambda ff: arsredovisning.build(ff, 2025, today=DEMO_DAY), "Budget och utfall per grupp"),
        (lambda ff: arsredovisning.build(ff, 2025, today=DEMO_DAY), "Eget kapital mot taket"),
        (lambda ff: arsredovisning.build(ff, 2025, today=DEMO_DAY), "Beviljat och förbrukat"),
        (lambda ff: delarsrapport.build(ff, 2026, today=DEMO_DAY), "Budget och prognos"),
        (lambda ff: verksamhetsplan.build(ff, 2027, today=DEMO_DAY), "Eget kapital mot taket,"),
    ],
)
def test_each_chart_stands_with_its_text_and_figures_on_its_page(demo, tmp_path, build, title):
    pages = read_pages(build(demo), tmp_path)[2:]
    page = next(p for p in pages if title in p)
    after = page[page.index(title) :]
    assert "tkr" in after and "Siffrorna står i tabellen" in after
    if "tabellen under" in after:  # the figures' table follows on the same page
        assert after.index("Siffrorna står i tabellen") < len(after) - 60
