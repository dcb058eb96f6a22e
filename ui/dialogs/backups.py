"""Säkerhetskopior: the open file's backups, a manual backup, and restoring one."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import backups
from finsam_desktop.backups import Backup, Kind
from finsam_desktop.files import describe_os_error
from finsam_desktop.storage import ForbundFile, StorageError

from ..style import set_role

BACKUP_ROLE = Qt.ItemDataRole.UserRole


def size_text(size: int) -> str:
    """A file size as Swedish readers write it: "84 kB", "1,2 MB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))}\u00a0kB"
    return f"{size / (1024 * 1024):.1f}".replace(".", ",") + "\u00a0MB"


def when_text(backup: Backup) -> str:
    # with seconds: two backups made within a minute (before an import, daily) told apart
    return backup.created.strftime("%Y-%m-%d %H:%M:%S")


def confirm_text(backup: Backup) -> str:
    return (
        f"Förbundsfilens innehåll ersätts med säkerhetskopian från {when_text(backup)} "
        f"({backup.kind.label.lower()}).\n\n"
        "Först sparas en säkerhetskopia av nuvarande läge (”"
        f"{Kind.BEFORE_RESTORE.label}”), så att du kan gå tillbaka till det om det behövs."
    )


class BackupsDialog(QDialog):
    """Lists the backups of the open file, newest first, and restores the one chosen."""

    #: After a restore: the safety copy of what was there before.
    restored = Signal(Path)

    def __init__(self, ff: ForbundFile, parent: QWidget | None = None):
        super().__init__(parent)
        self.ff = ff
        self.setWindowTitle("Säkerhetskopior")
        self.setAccessibleName("Säkerhetskopior")
        self.resize(620, 420)
        layout = QVBoxLayout(self)

        intro = set_role(
            QLabel(
                f"Säkerhetskopior av {ff.path.name}. En görs första gången filen öppnas varje "
                "dag, och före varje uppgradering, import och återställning. De ligger i "
                f"mappen {ff.backup_dir}."
            ),
            "muted",
        )
        intro.setWordWrap(True)
        intro.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(intro)

        self.tree = QTreeWidget()
        self.tree.setAccessibleName("Säkerhetskopior")
        self.tree.setHeaderLabels(["Datum", "Typ", "Storlek"])
        self.tree.setRootIsDecorated(False)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.tree.header()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        layout.addWidget(self.tree, 1)
        self.empty = set_role(QLabel("Det finns inga säkerhetskopior ännu."), "muted")
        layout.addWidget(self.empty)

        actions = QHBoxLayout()
        self.backup_button = QPushButton("&Gör en säkerhetskopia nu")
        self.backup_button.clicked.connect(self.make_backup)
        self.folder_button = QPushButton("Öppna &mappen")
        self.folder_button.clicked.connect(self._open_folder)
        self.restore_button = QPushButton("&Återställ…")
        self.restore_button.setAccessibleName("Återställ vald säkerhetskopia")
        self.restore_button.clicked.connect(self.ask_restore)
        actions.addWidget(self.backup_button)
        actions.addWidget(self.folder_button)
        actions.addStretch(1)
        actions.addWidget(self.restore_button)
        layout.addLayout(actions)

        buttons = QDialogButtonBox()
        buttons.addButton("Stäng", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

        if ff.read_only:
            for button in (self.backup_button, self.restore_button):
                button.setEnabled(False)
                button.setToolTip("Filen är öppnad skrivskyddad.")
        self.tree.itemSelectionChanged.connect(self._update_buttons)
        self.tree.itemActivated.connect(lambda *_: self.ask_restore())
        #: The open confirmation, while it is shown (tests press its buttons).
        self.confirmation: QMessageBox | None = None
        self.reload()

    # -- the list -------------------------------------------------------------------------------

    def backups(self) -> list[Backup]:
        return [
            self.tree.topLevelItem(i).data(0, BACKUP_ROLE)
            for i in range(self.tree.topLevelItemCount())
        ]

    def reload(self) -> None:
        self.tree.clear()
        found = backups.list_backups(self.ff.path, self.ff.backup_dir)
        for backup in found:
            item = QTreeWidgetItem([when_text(backup), backup.kind.label, size_text(backup.size)])
            item.setData(0, BACKUP_ROLE, backup)
            item.setTextAlignment(2, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            item.setToolTip(0, str(backup.path))
            self.tree.addTopLevelItem(item)
        self.tree.setVisible(bool(found))
        self.empty.setVisible(not found)
        if found:
            self.tree.setCurrentItem(self.tree.topLevelItem(0))
        self._update_buttons()

    def selected(self) -> Backup | None:
        item = self.tree.currentItem()
        return item.data(0, BACKUP_ROLE) if item is not None else None

    def _update_buttons(self) -> None:
        self.restore_button.setEnabled(not self.ff.read_only and self.selected() is not None)

    def _open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.ff.backup_dir)))

    # -- actions --------------------------------------------------------------------------------

    def make_backup(self) -> Path:
        path = backups.make_backup(self.ff, Kind.MANUAL)
        self.reload()
        return path

    def ask_restore(self) -> None:
        """Ask before restoring the selected backup (window-modal, no nested event loop)."""
        backup = self.selected()
        if backup is None or self.ff.read_only:
            return
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Återställ säkerhetskopia")
        box.setText(f"Återställa säkerhetskopian från {when_text(backup)}?")
        box.setInformativeText(confirm_text(backup))
        restore = box.addButton("Återställ", QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def answered(button) -> None:
            self.confirmation = None
            if button is restore:
                self.restore(backup)

        box.buttonClicked.connect(answered)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.confirmation = box
        box.open()

    def restore(self, backup: Backup) -> Path | None:
        """Restore ``backup`` into the open file; returns the safety copy's path."""
        try:
            safety = backups.restore(self.ff, backup.path)
        except StorageError as err:
            QMessageBox.warning(self, "Återställningen misslyckades", err.message)
            return None
        except OSError as err:  # the safety copy first: its folder or disk refused
            sentence = describe_os_error(err, self.ff.backup_dir, "Säkerhetskopian")
            QMessageBox.warning(
                self, "Återställningen misslyckades", f"{sentence} Filen är oförändrad."
            )
            return None
        self.reload()
        self.restored.emit(safety)
        return safety
