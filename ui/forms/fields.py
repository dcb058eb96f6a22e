"""Fields that store themselves: each edit is one write, refused input is explained in place.

A field is given a ``parse`` (text → value, raising ValueError with a Swedish sentence) and a
``store`` (value → one ``ff.write``). When the person leaves the field or presses Enter, the
text is parsed and stored; if either refuses, the message shows under the field, the text
stays as typed, and what is stored is untouched. Filling a field from the file never stores.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from finsam_desktop.dates import parse_date
from finsam_desktop.errors import Refusal
from finsam_desktop.money import format_amount, parse_amount
from finsam_desktop.text import clean_text

from ..errors import is_refusal, message_of, report_bug
from ..shortcuts import is_undo_or_redo
from ..style import set_role

Parse = Callable[[str], Any]
Store = Callable[[Any], None]


def choice_combo(
    choices: Iterable[tuple[str, object]], current: object = None, name: str = ""
) -> QComboBox:
    """A drop-down of (text, value) choices with ``current`` chosen (the first when it is
    missing) and ``name`` for screen readers."""
    combo = QComboBox()
    if name:
        combo.setAccessibleName(name)
    for text, data in choices:
        combo.addItem(text, data)
    if current is not None:
        combo.setCurrentIndex(max(0, combo.findData(current)))
    return combo


def ok_cancel_buttons(
    dialog: QDialog,
    ok_text: str,
    on_ok: Callable[[], object],
    ok: QDialogButtonBox.StandardButton = QDialogButtonBox.StandardButton.Ok,
) -> QDialogButtonBox:
    """A dialog's ``ok_text`` button, which runs ``on_ok``, and Avbryt, which closes it."""
    buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.button(ok).setText(ok_text)
    buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


class ErrorLabel(QLabel):
    """A short red sentence under a field; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "fieldError")
        self.setWordWrap(True)
        self.setVisible(False)

    def show_error(self, text: str) -> None:
        """Say ``text`` (or nothing). A label not yet placed in a form stays hidden, rather
        than opening as a window of its own; the field's tooltip still says it."""
        self.setText(text)
        self.setAccessibleName(text)
        self.setVisible(bool(text) and self.parentWidget() is not None)


def _mark_invalid(widget: QWidget, invalid: bool) -> None:
    widget.setProperty("invalid", invalid)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def attempt(widget: QWidget, error: ErrorLabel | None, action: Callable[[], None]) -> bool:
    """Run ``action``; a refusal shows under ``widget``. True when it was stored."""
    try:
        action()
    except Exception as exc:
        if not is_refusal(exc):  # a bug, not what was typed: logged and shown as one
            report_bug(widget, exc, "ett fält")
            return False
        message = message_of(exc)
        if error is not None:
            error.show_error(message)
        widget.setToolTip(message)
        widget.setAccessibleDescription(message)
        _mark_invalid(widget, True)
        return False
    if error is not None:
        error.show_error("")
    widget.setToolTip("")
    widget.setAccessibleDescription("")
    _mark_invalid(widget, False)
    return True


# -- parsers -----------------------------------------------------------------------------------


def parse_text(text: str) -> str:
    return text


def parse_optional_amount(text: str) -> int | None:
    return parse_amount(text) if text.strip() else None


def parse_optional_date(text: str) -> dt.date | None:
    return parse_date(text) if text.strip() else None


def parse_count(text: str) -> int | None:
    s = text.strip().replace(" ", "").replace("\u00a0", "")
    if not s:
        return None
    if not s.isdigit():
        raise Refusal(f"”{text.strip()}” är inget antal; skriv ett heltal, till exempel 12.")
    return int(s)


def show_amount(ore: int | None) -> str:
    return "" if ore is None else format_amount(ore)


def show_date(day: dt.date | None) -> str:
    return "" if day is None else day.isoformat()


# -- widgets ------------------------------------------------------------------------------------


class LineField(QLineEdit):
    """A one-line field that parses and stores itself when left or on Enter."""

    stored = Signal()

    def __init__(
        self,
        accessible_name: str,
        parse: Parse = parse_text,
        store: Store | None = None,
        *,
        placeholder: str = "",
        numeric: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.parse = parse
        self.store = store
        self.error = ErrorLabel()
        if placeholder:
            self.setPlaceholderText(placeholder)
        if numeric:
            self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.editingFinished.connect(self.commit)

    def event(self, event: QEvent) -> bool:
        """Ctrl+Z in a field with nothing typed undoes the last stored action (Redigera),
        not the field's own text history."""
        if is_undo_or_redo(event) and not self.isModified():
            event.ignore()
            return False
        return super().event(event)

    def set_value(self, text: str) -> None:
        """Show what is stored (never stores). Text being typed, or refused and not yet put
        right, stays with its message until it is stored or Escape takes it back."""
        self._stored = text
        if self.isModified():
            return
        if self.text() != text:
            self.setText(text)
        self.setModified(False)
        attempt(self, self.error, lambda: None)

    def revert(self) -> None:
        """Show the stored value again, dropping what was typed."""
        self.setText(getattr(self, "_stored", ""))
        self.setModified(False)
        attempt(self, self.error, lambda: None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.isModified():
            self.revert()
            return
        super().keyPressEvent(event)

    def commit(self) -> bool:
        if not self.isModified() or self.store is None:
            return True
        store = self.store

        def action() -> None:
            store(self.parse(clean_text(self.text())))

        ok = attempt(self, self.error, action)
        if ok:
            self.setModified(False)
            self.stored.emit()
        return ok


class TextField(QPlainTextEdit):
    """A multi-line text stored when the field is left (Tab leaves it, as in a form)."""

    def __init__(
        self,
        accessible_name: str,
        store: Store | None = None,
        *,
        placeholder: str = "",
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.setTabChangesFocus(True)
        self.store = store
        self.error = ErrorLabel()
        self._shown = ""
        if placeholder:
            self.setPlaceholderText(placeholder)

    def event(self, event: QEvent) -> bool:
        if is_undo_or_redo(event) and self.toPlainText() == self._shown:
            event.ignore()
            return False
        return super().event(event)

    def set_value(self, text: str) -> None:
        if self.hasFocus() and self.toPlainText() != self._shown:
            return
        self._shown = text
        if self.toPlainText() != text:
            self.setPlainText(text)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.commit()
        super().focusOutEvent(event)

    def commit(self) -> bool:
        text = clean_text(self.toPlainText())
        if text == self._shown or self.store is None:
            return True
        store = self.store

        def action() -> None:
            store(text)

        ok = attempt(self, self.error, action)
        if ok:
            self._shown = text
        return ok


class ChoiceField(QComboBox):
    """A choice among (label, value) stored when the person picks one.

    The values are kept as the Python objects given (Qt would turn a vocabulary into a
    plain str); :meth:`value` returns the chosen one.
    """

    def __init__(
        self,
        accessible_name: str,
        choices: list[tuple[str, Any]],
        store: Store | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.setAccessibleName(accessible_name)
        self.store = store
        self.error = ErrorLabel()
        self._values: list[Any] = []
        self.set_choices(choices)
        self.activated.connect(self._picked)

    def value(self) -> Any:
        index = self.currentIndex()
        return self._values[index] if 0 <= index < len(self._values) else None

    def set_choices(self, choices: list[tuple[str, Any]]) -> None:
        value = self.value()
        self.blockSignals(True)
        self.clear()
        self._values = [data for _label, data in choices]
        for label, _data in choices:
            self.addItem(label)
        self.blockSignals(False)
        self.set_value(value)

    def index_of(self, value: Any) -> int:
        return next((i for i, v in enumerate(self._values) if v == value), -1)

    def set_value(self, value: Any) -> None:
        self.blockSignals(True)
        self.setCurrentIndex(max(0, self.index_of(value)))
        self.blockSignals(False)
        attempt(self, self.error, lambda: None)

    def pick(self, value: Any) -> None:
        """Choose ``value`` as a person would (stores it)."""
        index = self.index_of(value)
        self.setCurrentIndex(index)
        self.activated.emit(index)

    def _picked(self, _index: int) -> None:
        if self.store is not None:
            store, value = self.store, self.value()
            attempt(self, self.error, lambda: store(value))


def with_error(widget: QWidget) -> tuple[QWidget, ErrorLabel]:
    """A widget stacked above its error label, for a form row."""
    from PySide6.QtWidgets import QVBoxLayout

    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(widget)
    error = getattr(widget, "error", None)
    if error is None:
        error = ErrorLabel()
    layout.addWidget(error)
    return box, error
