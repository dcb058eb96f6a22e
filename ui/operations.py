"""Long work off the GUI thread, on a snapshot of the file, with progress and one error path.

:func:`run_in_background` is the one way the window does work that takes long enough to be
felt (a report, an arbetsbok export or read), after Anki's ``QueryOp``:

- On the GUI thread it takes ``ff.snapshot()``: a read-only in-memory copy that the worker
  may read. Writes stay on the GUI thread: work that ends in a change returns what to write,
  and ``on_done`` writes it through the file's normal ``ff.write`` path.
- The work runs in a thread pool; it is handed the snapshot and a :class:`Steps`, through
  which it reports progress (and, when ``cancellable``, stops between steps after Avbryt).
- After about 300 ms a progress dialog shows (``progress=True``); ``on_progress`` sees every
  step too, for a page that shows progress of its own.
- The result, or the error, comes back on the GUI thread. A refusal or an environmental
  problem (:func:`ui.errors.is_refusal`) is shown as its Swedish sentence (or handed to
  ``on_refused``); anything else is a bug, logged with its traceback and shown through
  :func:`ui.errors.show_bug_dialog`. Nothing of the work is applied then.

The :class:`Operation` returned says how it ended and emits ``finished`` last, after the
result or the error was delivered; tests wait on it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget

from finsam_desktop.files import WriteFailed

from . import errors
from .lazyqt import Qt

if TYPE_CHECKING:
    from finsam_desktop.storage import ForbundFile

log = logging.getLogger(__name__)

T = TypeVar("T")

#: How long work may take before its progress dialog shows.
SHOW_PROGRESS_AFTER_MS = 300


class Cancelled(Exception):
    """Raised inside the work by :class:`Steps` when the user chose Avbryt."""


class Steps:
    """Handed to the work: ``steps(percent, what)`` reports a step and is where it may stop."""

    def __init__(self, operation: Operation):
        self._operation = operation

    def __call__(self, percent: int, what: str = "") -> None:
        if self._operation.cancel_requested:
            raise Cancelled
        self._operation._relay.progressed.emit(int(percent), what)

    @property
    def cancelled(self) -> bool:
        return self._operation.cancel_requested


class _Relay(QObject):
    """Carries the worker's news to the GUI thread (queued: it lives there)."""

    progressed = Signal(int, str)
    ended = Signal()


class Operation(QObject, Generic[T]):
    """One piece of work under way, then how it ended."""

    #: The work reported a step (GUI thread).
    progressed = Signal(int, str)
    #: The result or the error was delivered (or the work was cancelled): the last word.
    finished = Signal()

    def __init__(self, label: str):
        super().__init__()
        self.label = label
        self.result: T | None = None
        self.error: BaseException | None = None
        self.cancel_requested = False
        self.done = False
        self.progress_dialog: QProgressDialog | None = None
        self._relay = _Relay()

    @property
    def succeeded(self) -> bool:
        return self.done and self.error is None and not self.cancelled

    @property
    def cancelled(self) -> bool:
        return isinstance(self.error, Cancelled)

    def cancel(self) -> None:
        """Ask the work to stop at its next step (it stops only where it reports steps)."""
        self.cancel_requested = True


#: Operations under way: held here so one outlives the widget that started it.
_RUNNING: set[Operation] = set()
_POOL: QThreadPool | None = None


def _pool() -> QThreadPool:
    global _POOL
    if _POOL is None:
        _POOL = QThreadPool()
        _POOL.setMaxThreadCount(2)
    return _POOL


def running() -> list[Operation]:
    return list(_RUNNING)


def wait_for_all(msecs: int = -1) -> bool:
    """Block until all work has ended (the window closing; a test's end)."""
    return _POOL.waitForDone(msecs) if _POOL is not None else True


class _Work(QRunnable):
    def __init__(self, operation: Operation, work: Callable[..., Any], snapshot):
        super().__init__()
        self.setAutoDelete(True)
        self._operation = operation
        self._work = work
        self._snapshot = snapshot

    def run(self) -> None:
        operation = self._operation
        try:
            operation.result = self._work(self._snapshot, Steps(operation))
        except Cancelled as exc:
            operation.error = exc
        except BaseException as exc:  # delivered on the GUI thread; a bug is logged here
            operation.error = exc
            if not errors.is_refusal(exc):
                log.exception("Oväntat fel: %s", operation.label)
        finally:
            if self._snapshot is not None:
                self._snapshot.close()
            self._snapshot = None
            operation._relay.ended.emit()


def run_in_background(
    parent: QWidget,
    ff: ForbundFile | None,
    work: Callable[[ForbundFile | None, Steps], T],
    *,
    on_done: Callable[[T], Any],
    label: str,
    failure_title: str | None = None,
    progress: bool = True,
    cancellable: bool = False,
    on_progress: Callable[[int, str], Any] | None = None,
    on_refused: Callable[[BaseException], Any] | None = None,
    on_ended: Callable[[Operation[T]], Any] | None = None,
) -> Operation[T]:
    """Run ``work(snapshot, steps)`` off the GUI thread; deliver to ``on_done`` on it.

    ``ff`` is snapshotted here (None: work that reads no förbund file). ``label`` is what the
    progress dialog says ("Exporterar arbetsboken …"); ``failure_title`` heads a refusal's
    message. ``on_ended`` runs after every ending (done, refused, a bug, cancelled), for a
    page to enable its buttons again. Callbacks are not called once ``parent`` is gone.
    """
    operation: Operation[T] = Operation(label)
    snapshot = ff.snapshot() if ff is not None else None
    dialog: QProgressDialog | None = None
    if progress:
        dialog = QProgressDialog(label, "Avbryt" if cancellable else "", 0, 100, parent)
        if not cancellable:
            dialog.setCancelButton(None)
        dialog.setWindowTitle(label.rstrip(" …"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(SHOW_PROGRESS_AFTER_MS)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.setValue(0)
        dialog.canceled.connect(operation.cancel)
    operation.progress_dialog = dialog

    def progressed(percent: int, what: str) -> None:
        if dialog is not None:
            dialog.setValue(percent)
            if what:
                dialog.setLabelText(f"{what} …")
        operation.progressed.emit(percent, what)
        if on_progress is not None and shiboken6.isValid(parent):
            on_progress(percent, what)

    def ended() -> None:
        _RUNNING.discard(operation)
        operation.done = True
        if dialog is not None and shiboken6.isValid(dialog):
            dialog.canceled.disconnect(operation.cancel)
            dialog.reset()
            dialog.hide()
            dialog.deleteLater()
        operation.progress_dialog = None
        alive = shiboken6.isValid(parent)  # a page closed meanwhile gets nothing
        try:
            if alive and operation.error is None:
                _deliver(operation, on_done)
            err = operation.error
            if alive and err is not None and not isinstance(err, Cancelled):
                if not errors.is_refusal(err):
                    errors.show_bug_dialog(parent, err)
                elif on_refused is not None:
                    on_refused(err)
                else:
                    show_refusal(parent, failure_title or label.rstrip(" …"), err)
            if alive and on_ended is not None:
                on_ended(operation)
        finally:
            operation._relay.progressed.disconnect(progressed)
            operation._relay.ended.disconnect(ended)
            operation.finished.emit()

    operation._relay.progressed.connect(progressed, Qt.ConnectionType.QueuedConnection)
    operation._relay.ended.connect(ended, Qt.ConnectionType.QueuedConnection)
    _RUNNING.add(operation)
    _pool().start(_Work(operation, work, snapshot))
    return operation


def _deliver(operation: Operation, on_done: Callable[[Any], Any]) -> None:
    """Hand the result over; what ``on_done`` writes (GUI thread) takes the same error path."""
    try:
        on_done(operation.result)
    except Exception as exc:
        operation.error = exc
        if not errors.is_refusal(exc):
            log.exception("Oväntat fel: %s", operation.label)


def refusal_box(parent: QWidget | None, title: str, err: BaseException) -> QMessageBox:
    """The message for a refusal: its Swedish sentence, and every problem it lists as details."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(title + ".")
    box.setInformativeText(errors.message_of(err))
    problems = [str(p) for p in getattr(err, "problems", [])]
    if len(problems) > 1:
        box.setDetailedText("\n".join(problems))
    return box


#: Refusal boxes shown and not yet closed.
_SHOWN: list[QMessageBox] = []


def show_refusal(parent: QWidget | None, title: str, err: BaseException) -> QMessageBox:
    """Show a refusal window-modally, without a nested event loop."""
    box = refusal_box(parent, title, err)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.finished.connect(lambda _r, b=box: _SHOWN.remove(b) if b in _SHOWN else None)
    _SHOWN.append(box)
    box.open()
    return box


def save_in_background(
    parent: QWidget,
    ff: ForbundFile,
    write: Callable[[ForbundFile, Path], T],
    target: Path,
    *,
    what: str,
    label: str,
    on_saved: Callable[[T], Any],
    on_refused: Callable[[BaseException], Any] | None = None,
    on_ended: Callable[[Operation[T]], Any] | None = None,
) -> Operation[T]:
    """Write a document (PDF, Excel, .ics) from a snapshot off the GUI thread.

    ``write(snapshot, target)`` makes it; a folder or disk that refuses it becomes a
    :class:`~finsam_desktop.files.WriteFailed` naming ``what`` ("PDF:en") and the target, so
    it is told as a sentence, never as a bug. ``on_saved`` gets what ``write`` returned.
    """

    def work(snapshot: ForbundFile | None, _steps: Steps) -> T:
        assert snapshot is not None
        try:
            return write(snapshot, target)
        except WriteFailed:
            raise
        except OSError as exc:
            raise WriteFailed(exc, target, what) from exc

    return run_in_background(
        parent,
        ff,
        work,
        on_done=on_saved,
        label=label,
        failure_title=f"{what} kunde inte sparas",
        on_refused=on_refused,
        on_ended=on_ended,
    )
