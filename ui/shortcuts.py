"""Ctrl+Z means Ångra in the whole window, wherever the focus was left.

A spin box or date box takes Ctrl+Z for its own text, so after a dialog closed on one, or a
year was picked in one, Ctrl+Z did nothing. Their own undo is never what a user means (the
value is used as soon as it changes); this filter lets the window's Ångra and Gör om have the
keys there. Fields that store on leaving keep Ctrl+Z while their text is being typed
(:class:`ui.forms.fields.LineField`).
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QWidget


def is_undo_or_redo(event: QEvent) -> bool:
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    return (
        event.matches(QKeySequence.StandardKey.Undo)
        or event.matches(QKeySequence.StandardKey.Redo)
        or QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Shift+Z")
    )


class UndoToTheWindow(QObject):
    """Undo and redo keys in a spin box go to the window.

    It filters the events of the spin box that has the focus only (the keys go there), not
    the application's: a filter on the application runs Python for every event of every
    widget, and while a report is written in the background each of those calls waits its
    turn for the interpreter, so a repaint of the window waited 50-75 ms."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._watched: QAbstractSpinBox | None = None
        QApplication.instance().focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        box = new
        while box is not None and not isinstance(box, QAbstractSpinBox):
            box = box.parentWidget()  # a spin box's own line edit has the focus within it
        if box is self._watched:
            return
        if self._watched is not None:
            with contextlib.suppress(RuntimeError):  # the spin box is gone (its dialog closed)
                self._watched.removeEventFilter(self)
        self._watched = box
        if box is not None:
            box.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QAbstractSpinBox) and is_undo_or_redo(event):
            event.ignore()  # not overridden: the shortcut (Ångra, Gör om) fires
            return True
        return False
