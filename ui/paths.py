"""Where the app keeps its things: the user's data folder (from finsam_desktop.paths), its
QSettings and its icons (from finsam_resources).

``FINSAM_DATA_DIR`` overrides the data folder, and with it where settings and the log live,
so tests and trials never touch the user's real folders.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtWidgets import QWidget

import finsam_resources
from finsam_desktop import APP_NAME
from finsam_desktop.paths import ENV_DATA_DIR, data_dir, log_dir  # noqa: F401 (log_dir for ui)

DEMO_FILE_NAME = "Demoförbundet.finsam"


def demo_path() -> Path:
    return data_dir() / DEMO_FILE_NAME


def documents_dir() -> Path:
    """The user's Dokument folder (the home folder where the platform names none)."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(found) if found and Path(found).is_dir() else Path.home()


def save_folder(path: Path | None) -> Path:
    """Where a save or open dialog about the förbund file ``path`` starts: its own folder.

    So every document made from one förbund (PDF, Excel, .ics, arbetsbok) is offered beside
    its file, as a user keeps them. The demo lives in the app's data folder, and a file may lie
    where nothing can be written (a CD, a mail attachment's temporary folder): then Dokument.
    """
    if path is not None:
        folder = path.resolve().parent
        if folder != data_dir().resolve() and os.access(folder, os.W_OK):
            return folder
    return documents_dir()


def app_settings() -> QSettings:
    """The app's own settings (window, recent files), not the förbund's.

    With ``FINSAM_DATA_DIR`` set they are an ini file in that folder; otherwise the platform's
    usual place for organisation and application "Finsam Desktop".
    """
    if os.environ.get(ENV_DATA_DIR):
        return QSettings(str(data_dir() / "installningar.ini"), QSettings.Format.IniFormat)
    return QSettings(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, APP_NAME, APP_NAME)


def icon_path(name: str) -> Path:
    """A shipped icon (finsam_resources), in a checkout, an installed wheel or a frozen build."""
    return finsam_resources.icon(name)


def ask_save_path(
    parent: QWidget, title: str, beside: Path | None, name: str, suffix: str, pattern: str
) -> Path | None:
    """Ask where to save a document about the förbund file ``beside``: the dialog starts in
    :func:`save_folder` with ``name`` suggested, and the answer gets ``suffix`` if the user
    left it out. None when the user cancelled."""
    start = save_folder(beside) / name
    from PySide6.QtWidgets import QFileDialog  # its enums: not before the first paint

    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start), pattern)
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == suffix else path.with_name(path.name + suffix)
