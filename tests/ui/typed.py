"""How the window's tests type into a field, as a person would.

Import them by name (``from typed import type_into``); this folder is on the test path.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QWidget


def type_text(widget: QWidget, text: str) -> None:
    """Type ``text`` key by key, å, ä and ö too (QTest's keyClicks knows only ASCII)."""
    for ch in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, ch))


def type_into(qtbot, field, text: str) -> None:
    """Put ``text`` in place of what the field holds and press Enter (QtTest cannot type
    å ä ö as keys, so the text is inserted whole)."""
    field.setFocus()
    field.selectAll()
    field.insert(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def type_over(qtbot, field, text: str) -> None:
    """Select everything in the field, type ``text`` key by key (ASCII) and press Enter; an
    empty ``text`` deletes what was there."""
    field.setFocus()
    field.selectAll()
    if text:
        qtbot.keyClicks(field, text)
    else:
        qtbot.keyClick(field, Qt.Key.Key_Delete)
    qtbot.keyClick(field, Qt.Key.Key_Return)
