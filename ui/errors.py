"""Refusals and bugs: what a person is told as it is, and everything else, logged and shown.

:func:`is_refusal` is the one test: a :class:`~finsam_desktop.errors.Refusal` (what a person
typed or imported), a :class:`~finsam_desktop.storage.StorageError` or a
:class:`~finsam_desktop.files.WriteFailed` (the environment) carries a Swedish sentence that is
shown as it is. Anything else is a bug: :func:`report_bug` logs it with its traceback and shows
:class:`ErrorDialog` ("ett fel i programmet", where the log is), the technical details folded
away for whoever fixes it. :class:`ExceptHook` does the same for what escapes to Qt's loop.
"""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from finsam_desktop import __version__
from finsam_desktop.errors import Refusal
from finsam_desktop.files import WriteFailed
from finsam_desktop.paths import LOG_FILE_NAME
from finsam_desktop.problems import StorageError

from .lazyqt import Qt
from .paths import log_dir

if TYPE_CHECKING:
    from .error_dialog import ErrorDialog

log = logging.getLogger("finsam_desktop.ui")


def __getattr__(name: str):
    """:class:`ErrorDialog` lives in :mod:`ui.error_dialog`, imported when first needed (its
    widgets are not needed before the window's first paint)."""
    if name == "ErrorDialog":
        from .error_dialog import ErrorDialog

        return ErrorDialog
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: The program's own loggers: their INFO and up go to the log file (everyone's WARNING too).
LOGGERS = ("finsam_desktop", "reports", "ui")


class EarlyRecords(logging.Handler):
    """What is logged before the log file is open, kept in memory (up to ``capacity``) for
    :func:`hand_over`. Not :class:`logging.handlers.MemoryHandler`: importing
    :mod:`logging.handlers` (sockets, pickle, queues) took 10-12 ms before the first paint."""

    def __init__(self, capacity: int = 10_000):
        super().__init__()
        self.capacity = capacity
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < self.capacity:
            self.records.append(record)


def capture_early() -> EarlyRecords:
    """From the first line of start-up: keep what is logged, and Python's warnings, in memory.

    :func:`setup_logging` (or :func:`hand_over`) later moves it into the log, so a warning
    issued before the log file is open is not lost. Call it in :func:`ui.app.run`, never at
    import time: tests import these modules and must keep their own warning handling.
    """
    logging.captureWarnings(True)  # warnings.warn -> the "py.warnings" logger
    early = EarlyRecords()
    logging.getLogger().addHandler(early)
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
    return early


def hand_over(early: EarlyRecords, target: logging.Handler) -> None:
    """Pass what ``early`` kept to ``target`` and stop keeping."""
    logging.getLogger().removeHandler(early)
    kept, early.records = early.records, []
    for record in kept:
        target.handle(record)
    early.close()


def setup_logging(early: EarlyRecords | None = None) -> logging.Handler:
    """Log to a rotating file in the data folder; returns the handler (for :func:`stop_logging`).

    The handler sits on the root logger, so every module's logger reaches the file, whatever its
    name (``ui.pages.rapporter`` as much as ``finsam_desktop.storage``). Raises OSError when the
    file cannot be opened.
    """
    import logging.handlers  # not needed before the first paint

    handler = logging.handlers.RotatingFileHandler(
        log_dir() / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=3, encoding="utf-8"
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.INFO)
    if early is not None:
        hand_over(early, handler)
    return handler


def stop_logging(handler: logging.Handler | None, early: EarlyRecords | None = None) -> None:
    """Undo :func:`capture_early` and :func:`setup_logging`: the process logs as before."""
    root = logging.getLogger()
    if early is not None and early in root.handlers:  # start-up failed before the log opened
        hand_over(early, handler or logging.StreamHandler())
    if handler is not None:
        root.removeHandler(handler)
        handler.close()
    for name in LOGGERS:
        logging.getLogger(name).setLevel(logging.NOTSET)
    logging.captureWarnings(False)


#: What is told as it is: refusals of what a person did, and the environment's problems.
TOLD_AS_IS: tuple[type[BaseException], ...] = (Refusal, StorageError, WriteFailed)


def is_refusal(exc: BaseException) -> bool:
    """Whether ``exc`` carries a Swedish sentence to show as it is (else it is a bug).

    A plain ``ValueError`` (Python's English, "year 99999 is out of range") never is.
    """
    return isinstance(exc, TOLD_AS_IS)


def message_of(exc: BaseException) -> str:
    """The Swedish sentence of a refusal (a StorageError or WriteFailed keeps it in ``message``)."""
    message = getattr(exc, "message", None)
    return message if isinstance(message, str) and message else str(exc)


#: Bug dialogs shown and not yet closed (a dialog without a parent would otherwise go at once).
_SHOWN: list[ErrorDialog] = []


def show_bug_dialog(parent: QWidget | None, exc: BaseException) -> ErrorDialog:
    """Show ``exc`` as a bug: "ett fel i programmet", where the log is, the traceback folded.

    Window-modal and without a nested event loop; tests replace this function.
    """
    details = f"Finsam Desktop {__version__}\n" + "".join(
        traceback.format_exception(type(exc), exc, exc.__traceback__)
    )
    title = (
        "Förbundsfilen kunde inte användas"
        if isinstance(exc, StorageError)
        else "Ett oväntat fel inträffade"
    )
    from .error_dialog import ErrorDialog

    dialog = ErrorDialog(describe_unexpected(exc), details, parent, title)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _r, d=dialog: _SHOWN.remove(d) if d in _SHOWN else None)
    _SHOWN.append(dialog)
    dialog.open()
    return dialog


def report_bug(parent: QWidget | None, exc: BaseException, where: str = "") -> None:
    """A bug: logged with its traceback, then shown through :func:`show_bug_dialog`."""
    log.error("Oväntat fel%s", f" ({where})" if where else "", exc_info=exc)
    show_bug_dialog(parent, exc)


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
        from .error_dialog import ErrorDialog

        dialog = ErrorDialog(describe_unexpected(exc), details, self._parent(), title)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.finished.connect(lambda _r, d=dialog: self._forget(d))
        self.dialogs.append(dialog)
        dialog.open()  # window-modal, no nested event loop inside the hook

    def _forget(self, dialog: ErrorDialog) -> None:
        if dialog in self.dialogs:
            self.dialogs.remove(dialog)
