"""The open förbund file's life in the window: opening, creating, recent files, the arbetsbok,
backups and restore.

:class:`FileSession` holds the open :class:`~finsam_desktop.storage.ForbundFile` and does
everything that opens, creates, replaces or exports one, asking the user where needed (every
problem on opening becomes a question, see :mod:`ui.opening`). The window it serves (a
:class:`Host`) shows the file in its pages and menus; the session calls only the host's
``set_file``, ``show_page``, ``reload_all`` and ``statusBar``. The recent files, the last file
and the last folder are kept in the app's QSettings.

Arbetsbok export and import run through :func:`ui.operations.run_in_background`: the
workbook is written from, or read and checked against, a snapshot off the GUI thread; an
import's content is then written on the GUI thread through ``ff.write`` after a backup.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QSettings
from PySide6.QtWidgets import QApplication, QStatusBar, QWidget

from finsam_desktop.problems import StorageError

from .lazyqt import Qt
from .paths import demo_path, save_folder

# QFileDialog, QMessageBox and ui.operations are imported where they are used: their Python
# enums and classes took milliseconds before the window's first paint.
if TYPE_CHECKING:
    import datetime as dt

    from PySide6.QtWidgets import QMessageBox

    from finsam_desktop.storage import ForbundFile

    from .dialogs.backups import BackupsDialog
    from .operations import Operation

MAX_RECENT = 8
WORKBOOK_FILTER = "Excel-arbetsböcker (*.xlsx)"

# QSettings keys
KEY_LAST_FILE = "files/last"
#: The förbund's name in the last file, shown while that file is opened at the next start.
KEY_LAST_NAME = "files/lastName"
KEY_RECENT = "files/recent"
KEY_LAST_DIR = "files/lastDir"


def settings_list(settings: QSettings, key: str) -> list[str]:
    """A list stored in QSettings (an ini file gives back a str for one item, None for none)."""
    value = settings.value(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value else []
    return [str(v) for v in value]


@contextlib.contextmanager
def wait_cursor() -> Iterator[None]:
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QApplication.restoreOverrideCursor()


class Host(Protocol):
    """What the session needs of the window that shows the file."""

    def set_file(self, ff: ForbundFile | None) -> None: ...
    def show_page(self, key: str) -> object: ...
    def reload_all(self) -> None: ...
    def statusBar(self) -> QStatusBar: ...


class FileSession(QObject):
    """The open file and every way to open, create, replace, export or restore one."""

    def __init__(
        self,
        window: QWidget,
        settings: QSettings,
        today: Callable[[], dt.date],
    ):
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.today = today
        self.ff: ForbundFile | None = None
        #: A refused workbook's message while it is shown.
        self.workbook_problem: QMessageBox | None = None

    @property
    def host(self) -> Host:
        return self.window  # type: ignore[return-value]

    def _say(self, text: str, msecs: int = 10000) -> None:
        self.host.statusBar().showMessage(text, msecs)

    # -- recent files and folders ------------------------------------------------------------

    def recent(self) -> list[str]:
        return settings_list(self.settings, KEY_RECENT)

    def remember(self, path: Path, name: str | None = None) -> None:
        """``path`` is the last file (first among the recent), and ``name`` its förbund's."""
        text = str(Path(path).resolve())
        recent = [p for p in self.recent() if p != text]
        self.settings.setValue(KEY_RECENT, [text, *recent][:MAX_RECENT])
        self.settings.setValue(KEY_LAST_FILE, text)
        self.settings.setValue(KEY_LAST_NAME, name or "")
        self.settings.setValue(KEY_LAST_DIR, str(Path(text).parent))

    def last_name(self, path: Path) -> str | None:
        """The förbund's name as ``path`` had it when it was last open here, if it was the
        last file."""
        last, name = self.settings.value(KEY_LAST_FILE), self.settings.value(KEY_LAST_NAME)
        if not last or not name or str(last) != str(Path(path).resolve()):
            return None
        return str(name)

    def clear_recent(self) -> None:
        self.settings.setValue(KEY_RECENT, [])

    def start_dir(self) -> str:
        value = self.settings.value(KEY_LAST_DIR)
        return str(value) if value else str(Path.home())

    # -- opening and creating ----------------------------------------------------------------

    def open_dialog(self) -> bool:
        from . import opening

        path = opening.pick_file(self.window, self.start_dir())
        return self.open_path(path) if path is not None else False

    def open_path(self, path: Path, read_only: bool = False) -> bool:
        """Open ``path`` (asking about any problem); True when a file is open afterwards."""
        if (
            self.ff is not None
            and self.ff.path.resolve() == Path(path).resolve()
            and self.ff.read_only == read_only
        ):
            return True  # already open here; opening it again would find our own lock
        from . import opening  # with the storage and sqlite-utils: after the first paint

        ff = opening.open_interactively(self.window, Path(path), read_only=read_only)
        if ff is None:
            return False
        self.host.set_file(ff)
        return True

    def open_demo(self) -> bool:
        from finsam_desktop.demo import create_demo

        path = demo_path()
        if not path.exists():
            with wait_cursor():
                create_demo(path, today=self.today())
        return self.open_path(path)

    def new_file(self) -> bool:
        """Ask for the förbund (NewFileDialog) and where to save it, then create and open it."""
        from PySide6.QtWidgets import QFileDialog

        from finsam_desktop.storage import SUFFIX

        from . import opening
        from .dialogs.new_file import NewFileDialog  # python-stdnum: not needed at start

        dialog = NewFileDialog(self.window)
        if dialog.exec() != NewFileDialog.DialogCode.Accepted:
            return False
        suggested = str(Path(self.start_dir()) / f"{dialog.namn()}{SUFFIX}")
        name, _ = QFileDialog.getSaveFileName(
            self.window,
            "Spara den nya förbundsfilen",
            suggested,
            opening.FILE_FILTER,
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return False
        grund = (
            (dialog.region(), dialog.kommuner(), dialog.forsta_budgetar())
            if dialog.has_members()
            else None
        )
        return self.create_new_file(
            Path(name), dialog.namn(), dialog.organisationsnummer(), grund=grund
        )

    def create_new_file(
        self, path: Path, namn: str, organisationsnummer: str, *, grund: tuple | None = None
    ) -> bool:
        """Create the file at ``path`` (suffix added) and open it; never overwrites a file.

        ``grund`` (region, kommuner with their key, first budget year) adds the members.
        """
        from finsam_desktop.storage import SUFFIX, create_file

        if path.suffix != SUFFIX:
            path = path.with_name(path.name + SUFFIX)
        try:
            ff = create_file(path, namn=namn, organisationsnummer=organisationsnummer)
            if grund is not None:
                from finsam_desktop.forbund import Ogiltigt, grunda

                try:
                    grunda(ff, *grund)
                except Ogiltigt as err:  # the guide checked it; the file stays, without members
                    self._say(f"Medlemmarna sparades inte: {err}")
        except StorageError as err:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self.window, "Förbundsfilen kunde inte skapas", err.message)
            return False
        self.host.set_file(ff)
        self.host.show_page("oversikt")
        self._say(f"Ny förbundsfil skapad: {path}", 8000)
        return True

    # -- the arbetsbok -----------------------------------------------------------------------

    def export_workbook(self) -> Operation | None:
        if self.ff is None:
            return None
        from PySide6.QtWidgets import QFileDialog

        suggested = str(save_folder(self.ff.path) / f"{self.ff.path.stem}.xlsx")
        name, _ = QFileDialog.getSaveFileName(
            self.window, "Exportera arbetsbok", suggested, WORKBOOK_FILTER
        )
        if not name:
            return None
        target = Path(name)
        if target.suffix.lower() != ".xlsx":
            target = target.with_name(target.name + ".xlsx")
        return self.export_workbook_to(target)

    def export_workbook_to(self, target: Path) -> Operation | None:
        """Write the open file as a workbook at ``target``, off the GUI thread.

        A refusal (the folder, the disk: the sentence every writer shares) is explained.
        """
        if self.ff is None:
            return None
        from .operations import run_in_background

        def work(snapshot, _steps) -> None:
            from finsam_desktop.arbetsbok import export_workbook  # openpyxl now

            export_workbook(snapshot, target)

        return run_in_background(
            self.window,
            self.ff,
            work,
            on_done=lambda _none: self._say(f"Arbetsboken sparades: {target}"),
            label="Exporterar arbetsboken …",
            on_refused=lambda err: self._workbook_problem("Arbetsboken kunde inte sparas", err),
        )

    def import_workbook(self) -> Operation | None:
        if self.ff is None or self.ff.read_only:
            return None
        from PySide6.QtWidgets import QFileDialog, QMessageBox

        name, _ = QFileDialog.getOpenFileName(
            self.window, "Importera arbetsbok", str(save_folder(self.ff.path)), WORKBOOK_FILTER
        )
        if not name:
            return None
        answer = QMessageBox.question(
            self.window,
            "Importera arbetsbok",
            f"Importen ersätter hela innehållet i {self.ff.path.name} med arbetsboken "
            f"{Path(name).name}.\n\nFörst sparas en säkerhetskopia av nuvarande läge, så att "
            "du kan återställa det under Arkiv → Säkerhetskopior.",
            QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Ok:
            return None
        return self.import_workbook_from(Path(name))

    def import_workbook_from(self, source: Path) -> Operation | None:
        """Read and check ``source`` off the GUI thread, then replace the open file's content.

        The write (after a backup of the content it replaces) is on the GUI thread, through
        ``ff.write``, all or nothing; a refused workbook is explained and changes nothing.
        """
        ff = self.ff
        if ff is None or ff.read_only:
            return None
        from .operations import run_in_background

        def work(_snapshot, _steps):
            from finsam_desktop.arbetsbok import read_workbook  # openpyxl now

            return read_workbook(source)

        def write(content) -> None:
            from finsam_desktop.arbetsbok import has_content, write_content
            from finsam_desktop.backups import Kind, make_backup

            if self.ff is not ff:  # the file was closed or replaced meanwhile
                return
            backup = make_backup(ff, Kind.BEFORE_IMPORT) if has_content(ff) else None
            write_content(ff, content)
            self.host.reload_all()
            message = f"Arbetsboken {source.name} är importerad."
            if backup is not None:
                message += f" Säkerhetskopia av det tidigare innehållet: {backup.name}"
            self._say(message)

        return run_in_background(
            self.window,
            None,  # the workbook is all it reads
            work,
            on_done=write,
            label="Läser arbetsboken …",
            on_refused=lambda err: self._workbook_problem("Arbetsboken kunde inte importeras", err),
        )

    def _workbook_problem(self, title: str, err: BaseException) -> None:
        """Show a refused workbook: the summary, with every problem under Visa detaljer."""
        from .operations import refusal_box

        box = refusal_box(self.window, title, err)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.finished.connect(self._forget_workbook_problem)
        self.workbook_problem = box
        box.open()  # window-modal, no nested event loop

    def _forget_workbook_problem(self) -> None:
        self.workbook_problem = None

    # -- backups -----------------------------------------------------------------------------

    def show_backups(self) -> BackupsDialog | None:
        if self.ff is None:
            return None
        from .dialogs.backups import BackupsDialog

        dialog = BackupsDialog(self.ff, self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restored.connect(self._after_restore)
        dialog.open()
        return dialog

    def _after_restore(self, safety: Path) -> None:
        self.host.reload_all()
        self._say(f"Säkerhetskopian är återställd. Det tidigare läget sparades som {safety.name}.")
