"""The dialog of a bug: a plain-Swedish message with the details (traceback) folded away.

Shown by :func:`ui.errors.show_bug_dialog` and :class:`ui.errors.ExceptHook`; a module of its
own so that its widgets are imported when a bug is first shown, not before the first paint.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .style import icon


class ErrorDialog(QDialog):
    """A plain-Swedish error with the details (traceback) folded away under a button."""

    def __init__(
        self,
        message: str,
        details: str,
        parent: QWidget | None = None,
        title: str = "Ett oväntat fel inträffade",
    ):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName("Felmeddelande")
        self.setMinimumWidth(480)
        layout = QVBoxLayout(self)

        top = QHBoxLayout()
        symbol = QLabel()
        symbol.setPixmap(icon("fel").pixmap(32, 32))
        symbol.setAlignment(Qt.AlignmentFlag.AlignTop)
        top.addWidget(symbol)
        self.message_label = QLabel(message)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top.addWidget(self.message_label, 1)
        layout.addLayout(top)

        self.details = QPlainTextEdit(details)
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Tekniska detaljer")
        self.details.setMinimumHeight(180)
        self.details.setVisible(False)
        layout.addWidget(self.details)

        buttons = QHBoxLayout()
        self.toggle_button = QPushButton("Visa detaljer")
        self.toggle_button.setCheckable(True)
        self.toggle_button.toggled.connect(self._show_details)
        self.copy_button = QPushButton("Kopiera detaljer")
        self.copy_button.clicked.connect(self._copy)
        self.close_button = QPushButton("Stäng")
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons.addWidget(self.toggle_button)
        buttons.addWidget(self.copy_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.toggle_button.setText("Dölj detaljer" if shown else "Visa detaljer")
        self.adjustSize()

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.details.toPlainText())
