"""Säkerhetskopior: the list of backups, and restoring one after a confirmation."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from finsam_desktop import backups
from finsam_desktop.backups import Kind
from ui.dialogs.backups import BACKUP_ROLE, BackupsDialog, size_text


def rows(dialog: BackupsDialog) -> list[list[str]]:
    tree = dialog.tree
    return [
        [tree.topLevelItem(i).text(c) for c in range(3)] for i in range(tree.topLevelItemCount())
    ]


def test_the_dialog_lists_the_backups_with_date_kind_and_size(opened, qtbot):
    dialog = opened.show_backups()
    qtbot.addWidget(dialog)
    listed = backups.list_backups(opened.ff.path, opened.ff.backup_dir)
    assert [r[1] for r in rows(dialog)] == [b.kind.label for b in listed]
    assert rows(dialog)[0][0] == listed[0].created.strftime("%Y-%m-%d %H:%M:%S")
    assert rows(dialog)[0][2].endswith("\u00a0kB")
    dialog.make_backup()
    assert Kind.MANUAL.label in [r[1] for r in rows(dialog)]
    dialog.close()


def test_sizes_read_the_swedish_way():
    assert size_text(84 * 1024) == "84\u00a0kB"
    assert size_text(1_258_291) == "1,2\u00a0MB"


def test_restoring_a_backup_brings_back_the_old_content_after_a_confirmation(opened, qtbot):
    ff = opened.ff
    old = backups.make_backup(ff, Kind.MANUAL)
    with ff.write("Byt namn") as db:
        db.execute("UPDATE forbund SET namn = 'Nytt namn'")
        db.execute("DELETE FROM insats_ar")
    assert opened.windowTitle().startswith("Nytt namn – ")

    dialog = opened.show_backups()
    qtbot.addWidget(dialog)
    manual = next(
        i for i in range(dialog.tree.topLevelItemCount())
        if dialog.tree.topLevelItem(i).data(0, BACKUP_ROLE).path == old
    )  # fmt: skip
    dialog.tree.setCurrentItem(dialog.tree.topLevelItem(manual))
    dialog.ask_restore()
    box = dialog.confirmation
    assert box is not None
    assert "Först sparas en säkerhetskopia av nuvarande läge" in box.informativeText()
    restore = next(b for b in box.buttons() if b.text() == "Återställ")
    with qtbot.waitSignal(dialog.restored):
        restore.click()

    assert opened.windowTitle().startswith("Samordningsförbundet Norrby – ")
    oversikt = opened.show_page("oversikt")
    assert oversikt.beviljat.value.text() == "1\u00a0900\u00a0000\u00a0kr"
    kinds = [r[1] for r in rows(dialog)]
    assert Kind.BEFORE_RESTORE.label in kinds
    dialog.close()


def test_cancelling_the_confirmation_changes_nothing(opened, qtbot):
    dialog = opened.show_backups()
    qtbot.addWidget(dialog)
    with opened.ff.write("Byt namn") as db:
        db.execute("UPDATE forbund SET namn = 'Nytt namn'")
    dialog.ask_restore()
    box = dialog.confirmation
    cancel = next(b for b in box.buttons() if b.text() == "Avbryt")
    assert box.escapeButton() is cancel and box.defaultButton() is cancel
    cancel.click()
    assert opened.ff.forbund_name() == "Nytt namn"
    dialog.close()


def test_a_read_only_file_cannot_be_restored(window, filled_path, qtbot):
    window.open_path(filled_path, read_only=True)
    dialog = window.show_backups()
    qtbot.addWidget(dialog)
    assert not dialog.restore_button.isEnabled()
    assert not dialog.backup_button.isEnabled()
    dialog.close()


def test_the_dialog_and_its_confirmation_are_window_modal_without_a_nested_loop(opened, qtbot):
    from PySide6.QtCore import Qt

    dialog = opened.show_backups()  # returns at once: the dialog is open, not exec'd
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    dialog.ask_restore()
    assert isinstance(dialog.confirmation, QMessageBox)
    assert dialog.confirmation.windowModality() == Qt.WindowModality.WindowModal
    dialog.confirmation.reject()
    dialog.close()
