"""Ctrl+Z means Ångra in the whole window, wherever the focus was left.

A spin box or date box takes Ctrl+Z for its own text, so after a dialog closed on one, or a
year was picked in one, Ctrl+Z did nothing. Their own undo is never what a user means (the
value is used as soon as it changes); this filter lets the window's Ångra and Gör om have the
keys there. Fields that store on leaving keep Ctrl+Z while their text is being typed
(:class:`ui.forms.fields.LineField`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox


def is_undo_or_redo(event: QEvent) -> bool:
    if event.type() != QEvent.Type.ShortcutOverride or not isinstance(event, QKeyEvent):
        return False
    return (
        event.matches(QKeySequence.StandardKey.Undo)
        or event.matches(QKeySequence.StandardKey.Redo)
        or QKeySequence(event.keyCombination()) == QKeySequence("Ctrl+Shift+Z")
    )


class UndoToTheWindow(QObject):
    """An application event filter: undo and redo keys in a spin box go to the window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QAbstractSpinBox) and is_undo_or_redo(event):
            event.ignore()  # not overridden: the shortcut (Ångra, Gör om) fires
            return True
        return False
