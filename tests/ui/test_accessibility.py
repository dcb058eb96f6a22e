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

from ui.main_window import PAGE_CLASSES

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


@pytest.mark.parametrize("key", [cls.key for cls in PAGE_CLASSES])
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
