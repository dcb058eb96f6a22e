"""The wheel widget: it paints, a click selects the entry under it, hovering tells what it is."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from finsam_desktop.arshjul import Handelse, Kalla, Period
from finsam_desktop.arshjul.hjul import RING_FARG
from finsam_desktop.model import Ring
from ui.widgets.wheel import WheelLegend, WheelWidget, entry_key

D = dt.date


def entry(nyckel, ring, start, end=None, **kw) -> Handelse:
    rubrik = nyckel.capitalize()
    return Handelse(f"regel:{nyckel}", Kalla.REGEL, ring, rubrik, start, end, start.year, **kw)


ENTRIES = [
    entry("arsredovisning", Ring.EKONOMI, D(2026, 3, 31), senast=True),
    entry("psykiatriveckan", Ring.INSATSER, D(2026, 11, 2), D(2026, 11, 5)),
    entry("internkontroll", Ring.EKONOMI, D(2026, 12, 1), D(2026, 12, 31), klar=True),
    entry("styrelsemote", Ring.STYRELSE, D(2026, 3, 30), flagga="Infaller på en lördag."),
]


@pytest.fixture
def wheel(qtbot, app):
    w = WheelWidget()
    qtbot.addWidget(w)
    w.resize(600, 600)
    w.set_data(Period(2026), ENTRIES, [(D(2026, 12, 24), "Julafton")], D(2026, 6, 15))
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_wheel_paints_its_rings_and_entries(wheel):
    image = wheel.grab().toImage()
    assert not image.isNull()
    colours = {image.pixelColor(x, y).name() for x in range(0, 600, 7) for y in range(0, 600, 7)}
    assert len(colours) > 10  # months, rings, marks: not a blank square
    spot = wheel.position_of("regel:arsredovisning@2026")
    assert image.pixelColor(spot.toPoint()) == QColor("#b5651d")  # the Ekonomi ring's colour


def test_a_click_on_an_entry_selects_exactly_that_entry(wheel, qtbot):
    for h in ENTRIES:
        key = entry_key(h)
        where = wheel.position_of(key).toPoint()
        with qtbot.waitSignal(wheel.selected) as signal:
            qtbot.mouseClick(wheel, Qt.MouseButton.LeftButton, pos=where)
        assert signal.args == [key]
        assert wheel.current == key


def test_neighbouring_entries_on_one_ring_do_not_hide_each_other(wheel):
    a = wheel.position_of("regel:styrelsemote@2026")
    b = wheel.position_of("regel:arsredovisning@2026")
    assert a != b
    assert wheel.entry_at(a).nyckel == "regel:styrelsemote"


def test_a_click_on_an_arc_selects_its_entry_and_on_empty_space_nothing(wheel, qtbot):
    center = QPointF(300, 300)
    assert wheel.entry_at(center) is None
    with qtbot.assertNotEmitted(wheel.selected):
        qtbot.mouseClick(wheel, Qt.MouseButton.LeftButton, pos=QPoint(300, 300))
    dot = wheel.position_of("regel:internkontroll@2026")
    # a point along the arc, away from the dot: two weeks into December
    mark = next(m for m in wheel._marks if m.entry.nyckel == "regel:internkontroll")
    inside = [
        QPointF(x, y) for x in range(0, 600, 3) for y in range(0, 600, 3)
        if mark.path.contains(QPointF(x, y)) and (x - dot.x()) ** 2 + (y - dot.y()) ** 2 > 400
    ]  # fmt: skip
    assert inside
    assert wheel.entry_at(inside[len(inside) // 2]).nyckel == "regel:internkontroll"


def test_double_click_and_enter_open_the_entry(wheel, qtbot):
    where = wheel.position_of("regel:psykiatriveckan@2026").toPoint()
    with qtbot.waitSignal(wheel.activated) as signal:
        qtbot.mouseDClick(wheel, Qt.MouseButton.LeftButton, pos=where)
    assert signal.args == ["regel:psykiatriveckan@2026"]
    with qtbot.waitSignal(wheel.activated):
        qtbot.keyClick(wheel, Qt.Key.Key_Return)


def test_arrow_keys_walk_the_entries_in_date_order(wheel, qtbot):
    wheel.setFocus()
    with qtbot.waitSignal(wheel.selected) as signal:
        qtbot.keyClick(wheel, Qt.Key.Key_Right)
    assert signal.args == ["regel:arsredovisning@2026"]


@pytest.mark.qt_log_ignore(r"This plugin does not support raise\(\)")  # offscreen only
def test_hovering_an_entry_shows_its_tooltip(wheel, qtbot):
    where = wheel.position_of("regel:styrelsemote@2026").toPoint()
    event = QHelpEvent(QHelpEvent.Type.ToolTip, where, wheel.mapToGlobal(where))
    QApplication.sendEvent(wheel, event)
    qtbot.waitUntil(QToolTip.isVisible)
    text = QToolTip.text()
    assert text.startswith("Styrelsemote\n2026-03-30 (vecka 14)")
    assert "Infaller på en lördag." in text
    QToolTip.hideText()


def test_the_wheel_can_start_in_september(qtbot, app):
    w = WheelWidget()
    qtbot.addWidget(w)
    w.resize(400, 400)
    march = entry("arsredovisning", Ring.EKONOMI, D(2027, 3, 31))
    w.set_data(Period(2026, 9), [march], [], None)
    top = w.position_of("regel:arsredovisning@2027")
    assert top.x() < 200 and top.y() > 200  # seven months on from the top: lower left


def test_hovering_the_month_band_names_the_month_week_and_a_holiday(wheel):
    center, outer, band, _inner, _width = wheel._geometry()
    christmas = wheel._point(center, outer - band / 2, wheel._angle(D(2026, 12, 24)) + 0.5)
    text = wheel.tooltip_at(christmas)
    assert text.startswith("December 2026, vecka 52")
    assert "2026-12-24: Julafton" in text
    assert wheel.tooltip_at(QPointF(2, 2)) is None  # a corner outside the wheel


# -- issue 14, finding 6: a wheel with names on it ---------------------------------------------


def test_the_wheel_writes_the_month_names_and_a_legend_of_the_rings(wheel, qtbot):
    wheel.grab()  # paints
    painted = wheel.painted_texts
    months = [t for kind, t in painted if kind == "month"]
    assert months == ["Januari", "Februari", "Mars", "April", "Maj", "Juni", "Juli", "Augusti",
                      "September", "Oktober", "November", "December"]  # fmt: skip
    assert ("centre", "Årshjul") in painted and ("centre", "2026") in painted
    legend = WheelLegend()
    qtbot.addWidget(legend)
    said = legend.plain_text()
    assert said.startswith(
        "Ringarna inifrån och ut: 1 Styrelse och beredning, 2 Ekonomi och rapporter, "
        "3 Insatser, 4 Konferenser och nätverk, 5 Egna."
    )
    assert "○ klar" in said and "| helgdag" in said and "╌ i dag" in said
    shown = legend.text()
    assert "4&nbsp;Konferenser&nbsp;och&nbsp;nätverk" in shown and RING_FARG[Ring.EGNA] in shown
    description = wheel.accessibleDescription()
    assert "ringarna inifrån och ut: 1 Styrelse och beredning, 2 Ekonomi och rapporter" in (
        description
    )


def test_names_that_fit_run_along_their_ring_and_the_rest_say_it_when_hovered(wheel):
    wheel.grab()
    labels = [t for kind, t in wheel.painted_texts if kind == "label"]
    assert "Psykiatriveckan" in labels and "Internkontroll" in labels
    named = wheel.named_keys()
    assert "regel:psykiatriveckan@2026" in named
    # a name on the wheel is where its entry is: hovering or clicking it finds the entry
    text = next(t for t in wheel._texts if t.kind == "label" and t.text == "Psykiatriveckan")
    middle = text.glyphs[len(text.glyphs) // 2][0]
    assert wheel.entry_at(middle).nyckel == "regel:psykiatriveckan"
    for h in ENTRIES:  # every entry, named on the wheel or not, is told by its tooltip
        assert wheel.tooltip_at(wheel.position_of(entry_key(h))).startswith(h.rubrik)


def test_each_ring_is_named_in_its_emptiest_stretch(wheel):
    wheel.grab()
    rings = [t for kind, t in wheel.painted_texts if kind == "ring"]
    assert "KONFERENSER OCH NÄTVERK" in rings and "EGNA" in rings


def test_a_wide_wheel_names_every_entry_beside_it_with_its_date(wheel, qtbot):
    wheel.resize(1200, 640)
    qtbot.waitUntil(lambda: wheel.callouts)
    wheel.grab()
    callouts = [t for kind, t in wheel.painted_texts if kind == "callout"]
    assert wheel.named_keys() == {entry_key(h) for h in ENTRIES}
    assert "2–5 nov  Psykiatriveckan" in callouts
    assert "1–31 dec  Internkontroll  ✓" in callouts
    label = next(t for t in wheel._texts if t.kind == "callout" and "Psykiatriveckan" in t.text)
    with qtbot.waitSignal(wheel.selected) as signal:
        qtbot.mouseClick(wheel, Qt.MouseButton.LeftButton, pos=label.rect.center().toPoint())
    assert signal.args == ["regel:psykiatriveckan@2026"]
    assert wheel.rect().contains(label.rect.toRect())
    wheel.resize(600, 600)  # narrow again: the names go back along the rings
    assert not wheel.callouts and "Psykiatriveckan" in wheel.texts("label")
