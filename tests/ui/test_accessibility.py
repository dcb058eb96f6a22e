"""Keyboard and screen reader: every input on every page has a name a screen reader can say.

A screen reader announces an input by its accessible name, or by the label whose buddy it
is; a button or a check box by its own text. The test walks each page's widget tree in the
real window, on a filled file, and fails naming each input that would be announced as
"redigeringsfält" with nothing more.
"""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ui.pages.registry import PAGES

INPUTS = (QLineEdit, QPlainTextEdit, QTextEdit, QComboBox, QAbstractSpinBox, QAbstractButton,
          QAbstractItemView, QAbstractSlider)  # fmt: skip


def _inner(widget: QWidget) -> bool:
    """Parts Qt builds inside another input (a spin box's line edit, a combo's list)."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractSpinBox | QComboBox) and not isinstance(widget, QLabel):
            return True
        if isinstance(parent, QAbstractItemView) and widget is not parent:
            return True  # an editor or header inside a view
        parent = parent.parentWidget()
    return (
        type(widget).__name__ in {"QScrollBar", "QTabBar", "QToolButton"}
        and not (widget.accessibleName() or getattr(widget, "text", lambda: "")())
        and widget.parentWidget() is not None
        and not widget.objectName()
    )


def unnamed_inputs(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for w in root.findChildren(QWidget):
        if not isinstance(w, INPUTS) or _inner(w):
            continue
        if w.accessibleName().strip() or id(w) in buddies:
            continue
        if isinstance(w, QAbstractButton) and (
            w.text().replace("&", "").strip() or w.toolTip().strip()
        ):
            continue
        kind = type(w).__name__
        where = w.objectName() or (w.parentWidget() and type(w.parentWidget()).__name__)
        missing.append(f"{kind} in {where}: {getattr(w, 'placeholderText', lambda: '')()!r}")
    return missing


@pytest.mark.parametrize("key", [entry.key for entry in PAGES])
def test_every_input_on_the_page_has_a_name(opened, key):
    opened.show_page(key)
    page = opened.pages_by_key[key]
    assert unnamed_inputs(page) == []


def test_the_walk_finds_an_input_without_a_name_and_accepts_a_label_buddy(qtbot):
    from PySide6.QtWidgets import QFormLayout

    form = QWidget()
    qtbot.addWidget(form)
    layout = QFormLayout(form)
    named, buddied, bare = QLineEdit(), QLineEdit(), QLineEdit()
    named.setAccessibleName("Namn")
    layout.addRow(named)
    layout.addRow("&Datum", buddied)  # QFormLayout makes the label the field's buddy
    layout.addRow(bare)
    bare.setPlaceholderText("ÅÅÅÅ-MM-DD")
    assert unnamed_inputs(form) == ["QLineEdit in QWidget: 'ÅÅÅÅ-MM-DD'"]


# -- the tab order follows the form --------------------------------------------------------------


def tab_cycle(qtbot, start: QWidget, limit: int = 60) -> list[str]:
    """The names the Tab key reaches from ``start`` until it comes back to it, by real key
    presses on whatever has the focus (a screen reader says these names in this order)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    start.window().activateWindow()
    qtbot.waitUntil(start.window().isActiveWindow)
    start.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is start)
    names = []
    widget = start
    for _ in range(limit):
        text = getattr(widget, "text", lambda: "")()
        names.append(widget.accessibleName() or text.replace("&", "") or type(widget).__name__)
        QTest.keyClick(widget, Qt.Key.Key_Tab)
        widget = QApplication.focusWidget()
        if widget is start:
            return names
    raise AssertionError(f"Tab never came back to {names[0]!r}: {names}")


def test_tab_goes_through_the_insats_form_in_reading_order(opened, qtbot):
    page = opened.show_page("insatser")
    page.open_insats(1)
    form = page.form
    fields = ["Namn", "Typ", "Verksamhetsägare", "Medpart Försäkringskassan",
              "Medpart Region Norr", "Medpart Söderby kommun", "Status", "Ansökan inkommen",
              "Ansökt belopp", "Beslutsdatum", "Beslutsparagraf", "Start", "Slut", "Syfte",
              "Målgrupp", "Beskrivning"]  # fmt: skip
    reached = tab_cycle(qtbot, form.namn)
    assert [n for n in reached if n in fields] == fields  # the medparter where they stand


def test_tab_goes_through_the_mandatperiod_form_from_the_top(opened, qtbot):
    import datetime as dt

    from finsam_desktop import forbund
    from ui.dialogs.styrelse import MandatperiodDialog

    members = forbund.medlemmar(opened.ff)
    dialog = MandatperiodDialog(opened.ff, members, dt.date(2025, 10, 15), opened)
    qtbot.addWidget(dialog)
    dialog.show()
    lines = [f"{roll} för {m.namn}" for m in members for roll in ("Ledamot", "Ersättare")]
    running = dialog.end_running.text()
    assert tab_cycle(qtbot, dialog.fran) == [
        "Från", "Till", running, *lines, "Lägg till en rad", "Fyll i nuvarande namn",
        "Ordförande", "Vice ordförande", "Spara mandatperioden", "Avbryt",
    ]  # fmt: skip
    dialog.add_row()  # a line more for a member: its member box first, then along the line
    qtbot.waitUntil(dialog.rows[-1].ersattare.isVisible)  # the line shows
    first = members[0].namn  # the member the new line starts on
    after_lines = tab_cycle(qtbot, dialog.fran)[3 + len(lines) :]
    assert after_lines[:4] == [
        "Medlem", f"Ledamot för {first}", f"Ersättare för {first}", "Lägg till en rad",
    ]  # fmt: skip
