"""Unexpected errors: logged with their traceback, and shown in a dialog, never swallowed.

A :class:`~finsam_desktop.storage.StorageError` is an expected problem with a Swedish message
and is shown as such; anything else is a bug, and the dialog says so plainly, with the
technical details folded away for whoever fixes it.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
import traceback
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import __version__
from finsam_desktop.paths import LOG_FILE_NAME
from finsam_desktop.storage import StorageError

from .paths import log_dir
from .style import icon

log = logging.getLogger("finsam_desktop.ui")


def setup_logging() -> logging.Handler:
    """Log to a rotating file in the data folder; returns the handler (to remove it again)."""
    handler = logging.handlers.RotatingFileHandler(
        log_dir() / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("finsam_desktop")
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return handler


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


def describe_unexpected(exc: BaseException) -> str:
    """The Swedish text shown for an error that is not the user's or the environment's."""
    if isinstance(exc, StorageError):
        return exc.message
    return (
        "Något gick fel i Finsam Desktop. Det du senast sparade finns kvar i förbundsfilen; "
        "en ändring som pågick kan ha avbrutits. Felet har skrivits till loggfilen "
        f"({log_dir() / LOG_FILE_NAME}). Skicka gärna detaljerna till den som ger dig support."
    )


class ExceptHook:
    """``sys.excepthook`` for the app: log the error, then show it without blocking."""

    def __init__(self, parent: Callable[[], QWidget | None] = lambda: None):
        self._parent = parent
        self.previous = sys.excepthook
        self.dialogs: list[ErrorDialog] = []

    def install(self) -> None:
        self.previous = sys.excepthook
        sys.excepthook = self

    def uninstall(self) -> None:
        if sys.excepthook is self:
            sys.excepthook = self.previous

    def __call__(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            QApplication.quit()
            return
        details = f"Finsam Desktop {__version__}\n" + "".join(
            traceback.format_exception(exc_type, exc, tb)
        )
        if isinstance(exc, StorageError):
            log.warning("%s", exc.message)
        else:
            log.error("Oväntat fel", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is None:
            self.previous(exc_type, exc, tb)
            return
        title = (
            "Förbundsfilen kunde inte användas"
            if isinstance(exc, StorageError)
            else "Ett oväntat fel inträffade"
        )
        dialog = ErrorDialog(describe_unexpected(exc), details, self._parent(), title)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        self.dialogs.append(dialog)
        dialog.open()  # window-modal, no nested event loop inside the hook

    def _forget(self, dialog: ErrorDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
