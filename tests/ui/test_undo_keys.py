"""Ctrl+Z is Ångra wherever the focus was left: in a year box, a date box, a list."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractSpinBox

from ui.forms.date_field import DateField


def _edit(window) -> None:
    with window.ff.write("Ändra förbundets namn") as db:
        db.execute("UPDATE forbund SET namn = 'Samordningsförbundet Nytt'")


def test_ctrl_z_in_every_spin_or_date_box_undoes_the_last_action(opened, qtbot):
    tried = 0
    for key in ("styrelse", "rapporter", "insatser", "arvoden"):
        opened.show_page(key)
        page = opened.pages_by_key[key]
        for box in [*page.findChildren(QAbstractSpinBox), *page.findChildren(DateField)]:
            if not box.isVisible():
                continue
            _edit(opened)
            opened.activateWindow()
            box.setFocus()
            qtbot.keyClick(box, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
            assert opened.ff.undo_label != "Ändra förbundets namn", box.accessibleName()
            namn = next(iter(opened.ff.query("SELECT namn FROM forbund")))["namn"]
            assert namn == "Samordningsförbundet Norrby", box.accessibleName()
            qtbot.keyClick(
                box, Qt.Key.Key_Z,
                Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
            )  # fmt: skip
            namn = next(iter(opened.ff.query("SELECT namn FROM forbund")))["namn"]
            assert namn == "Samordningsförbundet Nytt", box.accessibleName()
            opened.ff.undo()
            tried += 1
    assert tried >= 2  # the styrelse's date and the report's year at least


def test_typing_a_year_still_works_in_the_box(opened, qtbot):
    opened.show_page("rapporter")
    page = opened.pages_by_key["rapporter"]
    box = next(b for b in page.findChildren(QAbstractSpinBox) if b.accessibleName() == "År")
    opened.activateWindow()
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, "2024")
    assert box.value() == 2024
