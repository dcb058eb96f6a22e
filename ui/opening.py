"""Opening a förbund file from the UI: every StorageError becomes a question the user can answer.

:func:`problem_text` says what the dialog says (tested without a window); :func:`ask_about_problem`
shows it; :func:`open_interactively` runs the whole conversation: open, and on trouble offer to
open read-only, to pick another file, or (for a damaged file) to look at its latest backup.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from finsam_desktop import backups, sidecars
from finsam_desktop.files import describe_os_error
from finsam_desktop.storage import (
    SUFFIX,
    ForbundFile,
    OpenOptions,
    Problem,
    StorageError,
    open_file,
    translate,
)

FILE_FILTER = f"Förbundsfiler (*{SUFFIX});;Alla filer (*)"


class Choice(Enum):
    """What the user can answer when a file cannot be opened as asked."""

    READ_ONLY = "Öppna skrivskyddad"
    COPY_AND_OPEN = "Kopiera till en annan mapp och öppna kopian…"
    RESTORE_LATEST = "Återställ senaste säkerhetskopian"
    LATEST_BACKUP = "Titta i senaste säkerhetskopian"
    OTHER_FILE = "Välj en annan fil…"
    CANCEL = "Avbryt"


_TITLES = {
    Problem.MISSING: "Filen finns inte",
    Problem.NOT_FORBUND: "Det här är ingen förbundsfil",
    Problem.IN_USE: "Filen används redan",
    Problem.READ_ONLY: "Filen kan inte ändras",
    Problem.CORRUPT: "Filen är skadad",
    Problem.UNSAFE: "Filen öppnas inte av säkerhetsskäl",
    Problem.NEWER_VERSION: "Filen kommer från en nyare version",
    Problem.OLD_VERSION: "Filen behöver uppgraderas",
    Problem.DISK_FULL: "Disken är full",
    Problem.IO: "Filen kunde inte läsas",
    Problem.NEEDS_RECOVERY: "Filen behöver tas om hand i en annan mapp",
}


@dataclass(frozen=True)
class ProblemText:
    title: str
    text: str
    choices: tuple[Choice, ...]


def problem_text(err: StorageError, path: Path | None = None) -> ProblemText:
    """The dialog for a file that could not be opened: title, the error's own message, offers."""
    offers: list[Choice] = []
    if err.can_open_read_only:
        offers.append(Choice.READ_ONLY)
    if err.can_copy:
        offers.append(Choice.COPY_AND_OPEN)
    if err.offers_backup and path is not None and latest_backup(path) is not None:
        offers += [Choice.RESTORE_LATEST, Choice.LATEST_BACKUP]
    offers += [Choice.OTHER_FILE, Choice.CANCEL]
    return ProblemText(
        _TITLES.get(err.problem, "Filen kunde inte öppnas"), err.message, tuple(offers)
    )


def latest_backup(path: Path) -> Path | None:
    """The newest backup that is not itself a kept damaged file."""
    found = [b for b in backups.list_backups(path) if b.kind is not backups.Kind.DAMAGED]
    return found[0].path if found else None


def problem_box(parent: QWidget | None, err: StorageError, path: Path | None = None):
    """The message box for ``err``, not yet shown, and which button means which choice."""
    content = problem_text(err, path)
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(content.title)
    box.setText(content.title)
    box.setInformativeText(content.text)
    box.setAccessibleName(content.title)
    roles = {
        Choice.READ_ONLY: QMessageBox.ButtonRole.AcceptRole,
        Choice.COPY_AND_OPEN: QMessageBox.ButtonRole.AcceptRole,
        Choice.RESTORE_LATEST: QMessageBox.ButtonRole.AcceptRole,
        Choice.LATEST_BACKUP: QMessageBox.ButtonRole.ActionRole,
        Choice.OTHER_FILE: QMessageBox.ButtonRole.ActionRole,
        Choice.CANCEL: QMessageBox.ButtonRole.RejectRole,
    }
    buttons = {}
    for choice in content.choices:
        button = box.addButton(choice.value, roles[choice])
        buttons[button] = choice
    first = next(iter(buttons))
    box.setDefaultButton(first)
    box.setEscapeButton(next(b for b, c in buttons.items() if c is Choice.CANCEL))
    return box, buttons


def ask_about_problem(
    parent: QWidget | None, err: StorageError, path: Path | None = None
) -> Choice:
    box, buttons = problem_box(parent, err, path)
    box.exec()
    return buttons.get(box.clickedButton(), Choice.CANCEL)


def pick_file(parent: QWidget | None, start_dir: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Öppna förbundsfil", start_dir, FILE_FILTER)
    return Path(name) if name else None


def pick_folder(parent: QWidget | None, start_dir: str = "") -> Path | None:
    name = QFileDialog.getExistingDirectory(
        parent, "Välj en mapp där kopian får ligga (med skrivrätt)", start_dir
    )
    return Path(name) if name else None


Ask = Callable[[QWidget | None, StorageError, Path], Choice]
Pick = Callable[[QWidget | None, str], Path | None]


def open_interactively(
    parent: QWidget | None,
    path: Path,
    *,
    read_only: bool = False,
    ask: Ask | None = None,
    pick: Pick | None = None,
    pick_dir: Pick | None = None,
) -> ForbundFile | None:
    """Open ``path``; on a problem ask the user what to do until a file is open or they give up.

    ``ask`` and ``pick`` default to the real dialogs (looked up at call time, so a test can
    replace them on this module).
    """
    ask = ask or (lambda p, e, f: ask_about_problem(p, e, f))
    pick = pick or (lambda p, d: pick_file(p, d))
    pick_dir = pick_dir or (lambda p, d: pick_folder(p, d))
    while True:
        try:
            return open_file(path, OpenOptions(read_only=read_only))
        except StorageError as err:
            choice = ask(parent, err, path)
        except sqlite3.DatabaseError as exc:
            # Storage should have translated this (a damaged file read before its checks);
            # the user still gets the Swedish message, not a traceback.
            choice = ask(parent, translate(exc, path), path)
        if choice is Choice.READ_ONLY:
            read_only = True
        elif choice is Choice.COPY_AND_OPEN:
            folder = pick_dir(parent, str(Path.home()))
            if folder is None:
                return None
            try:
                path = sidecars.copy_with_sidecars(path, folder)
            except OSError as exc:
                ask(parent, StorageError(Problem.IO, _copy_failed(folder, exc)), path)
                continue
            read_only = False
        elif choice is Choice.RESTORE_LATEST:
            backup = latest_backup(path)
            if backup is None:
                return None
            try:
                backups.restore_damaged(path, backup)
            except StorageError as restore_err:
                ask(parent, restore_err, path)  # say why; the file is still damaged: ask again
                continue
            read_only = False
        elif choice is Choice.LATEST_BACKUP:
            backup = latest_backup(path)
            if backup is None:
                return None
            path, read_only = backup, True
        elif choice is Choice.OTHER_FILE:
            picked = pick(parent, str(path.parent))
            if picked is None:
                return None
            path, read_only = picked, False
        else:
            return None


def _copy_failed(folder: Path, exc: OSError) -> str:
    return describe_os_error(exc, folder, "Kopian")
