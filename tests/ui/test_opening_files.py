"""Opening a förbund file from the app: every problem is a Swedish question, never a traceback."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from finsam_desktop.storage import Problem, StorageError, open_file
from ui import opening
from ui.opening import Choice, problem_box, problem_text


@pytest.fixture
def held_by_another_process(filled_path: Path):
    """A second process that holds the file open for writing until the test ends."""
    script = textwrap.dedent(
        f"""
        import sys
        from finsam_desktop.storage import open_file
        ff = open_file({str(filled_path)!r})
        print("ready", flush=True)
        sys.stdin.readline()
        ff.close()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", script],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        yield filled_path
    finally:
        proc.communicate("\n", timeout=30)  # lets it close the file, and closes our pipes


def refusal(path: Path) -> StorageError:
    with pytest.raises(StorageError) as caught:
        open_file(path)
    return caught.value


def test_a_file_held_by_another_process_says_it_is_in_use_and_offers_read_only(
    held_by_another_process,
):
    err = refusal(held_by_another_process)
    content = problem_text(err, held_by_another_process)
    assert err.problem is Problem.IN_USE
    assert content.title == "Filen används redan"
    assert "redan öppnad för ändring av" in content.text
    assert content.choices == (Choice.READ_ONLY, Choice.OTHER_FILE, Choice.CANCEL)


def test_choosing_read_only_opens_the_file_held_by_another_process(
    held_by_another_process, window, monkeypatch
):
    asked: list[StorageError] = []

    def answer(parent, err, path):
        asked.append(err)
        return Choice.READ_ONLY

    monkeypatch.setattr(opening, "ask_about_problem", answer)
    assert window.open_path(held_by_another_process)
    assert [e.problem for e in asked] == [Problem.IN_USE]
    assert window.ff is not None and window.ff.read_only
    assert window.windowTitle().endswith(" (skrivskyddad)")
    assert not window.import_action.isEnabled()


def test_a_file_that_is_not_a_forbund_file_gets_the_swedish_message(tmp_path, app):
    path = tmp_path / "anteckningar.finsam"
    path.write_text("Inköpslista: kaffe, mjölk\n", encoding="utf-8")
    err = refusal(path)
    content = problem_text(err, path)
    assert content.title == "Det här är ingen förbundsfil"
    assert content.text == (
        "anteckningar.finsam är inte en förbundsfil från Finsam Desktop. Välj en fil som slutar "
        "på .finsam, eller importera en arbetsbok (.xlsx) via Arkiv → Importera arbetsbok."
    )
    assert Choice.READ_ONLY not in content.choices


def test_the_dialog_shows_the_message_and_one_button_per_choice(tmp_path, app):
    err = StorageError(Problem.IN_USE, "Filen är upptagen.", can_open_read_only=True)
    box, buttons = problem_box(None, err, tmp_path / "x.finsam")
    try:
        assert box.informativeText() == "Filen är upptagen."
        assert box.windowTitle() == "Filen används redan"
        assert sorted(b.text() for b in buttons) == sorted(
            ["Öppna skrivskyddad", "Välj en annan fil…", "Avbryt"]
        )
        assert buttons[box.defaultButton()] is Choice.READ_ONLY
        assert buttons[box.escapeButton()] is Choice.CANCEL
        assert box.icon() == QMessageBox.Icon.Warning
    finally:
        box.deleteLater()


def test_choosing_another_file_opens_that_one_instead(tmp_path, filled_path, window, monkeypatch):
    monkeypatch.setattr(opening, "ask_about_problem", lambda *a: Choice.OTHER_FILE)
    monkeypatch.setattr(opening, "pick_file", lambda parent, start: filled_path)
    assert window.open_path(tmp_path / "finns-inte.finsam")
    assert window.ff is not None and window.ff.path == filled_path


def test_cancelling_leaves_no_file_open_and_shows_the_welcome_page(tmp_path, window, monkeypatch):
    seen = []
    monkeypatch.setattr(
        opening, "ask_about_problem", lambda parent, err, path: seen.append(err) or Choice.CANCEL
    )
    assert not window.open_path(tmp_path / "finns-inte.finsam")
    assert seen[0].problem is Problem.MISSING
    assert window.ff is None
    assert window.central.currentWidget() is window.welcome


def test_a_damaged_file_offers_its_latest_backup(filled_path, window, monkeypatch):
    from finsam_desktop import backups

    with open_file(filled_path) as ff:
        backup = backups.make_backup(ff, backups.Kind.MANUAL)
    data = bytearray(filled_path.read_bytes())
    data[120:4096] = b"\xff" * (4096 - 120)  # ruin the first page after the header
    filled_path.write_bytes(bytes(data))
    offered = []

    def answer(parent, err, path):
        offered.append(problem_text(err, path).choices)
        return Choice.LATEST_BACKUP

    monkeypatch.setattr(opening, "ask_about_problem", answer)
    assert window.open_path(filled_path)
    assert Choice.LATEST_BACKUP in offered[0]
    assert window.ff is not None and window.ff.path == backup and window.ff.read_only


def test_a_damaged_file_can_be_restored_from_its_latest_backup_and_edited(
    filled_path, window, monkeypatch
):
    from finsam_desktop import backups

    with open_file(filled_path) as ff:
        names = ff.query("SELECT namn FROM insats ORDER BY id")
        backups.make_backup(ff, backups.Kind.MANUAL)
    data = bytearray(filled_path.read_bytes())
    data[120:4096] = b"\xff" * (4096 - 120)
    filled_path.write_bytes(bytes(data))
    damaged = bytes(data)
    monkeypatch.setattr(opening, "ask_about_problem", lambda *a: Choice.RESTORE_LATEST)

    assert window.open_path(filled_path)

    assert window.ff.path == filled_path and not window.ff.read_only
    assert window.ff.query("SELECT namn FROM insats ORDER BY id") == names
    kept = [b for b in backups.list_backups(filled_path) if b.kind is backups.Kind.DAMAGED]
    assert len(kept) == 1 and kept[0].path.read_bytes() == damaged


def test_a_backup_that_could_not_be_made_is_said_in_the_status_bar(filled_path, window):
    blocked = filled_path.with_name(f"{filled_path.stem}-säkerhetskopior")
    if blocked.exists():
        import shutil

        shutil.rmtree(blocked)
    blocked.write_text("a file where the backup folder should be")
    assert window.open_path(filled_path)
    assert "säkerhetskopia kunde inte göras" in window.statusBar().currentMessage()


def test_a_file_altered_outside_the_program_offers_its_latest_backup_and_is_restored(
    filled_path, window, monkeypatch
):
    import sqlite3

    from finsam_desktop import backups

    with open_file(filled_path) as ff:
        names = ff.query("SELECT namn FROM insats ORDER BY id")
        backups.make_backup(ff, backups.Kind.MANUAL)
    conn = sqlite3.connect(filled_path)
    conn.execute("CREATE VIRTUAL TABLE sok USING fts5(text)")  # crashed the window at start
    conn.commit()
    conn.close()
    offered = []

    def answer(parent, err, path):
        offered.append((err.problem, problem_text(err, path).choices))
        return Choice.RESTORE_LATEST

    monkeypatch.setattr(opening, "ask_about_problem", answer)
    assert window.open_path(filled_path)
    assert offered[0][0] is Problem.UNSAFE
    assert Choice.RESTORE_LATEST in offered[0][1]
    assert window.ff.query("SELECT namn FROM insats ORDER BY id") == names


def test_a_journal_that_cannot_be_recovered_where_it_lies_offers_a_copy_elsewhere(
    filled_path, tmp_path, window, monkeypatch
):
    """A read-only folder (a CD, a mail attachment): copy file and journal, open the copy."""
    from finsam_desktop import storage

    with open_file(filled_path) as ff:
        names = ff.query("SELECT namn FROM insats ORDER BY id")
    journal = filled_path.with_name(filled_path.name + "-journal")
    journal.write_bytes(b"")  # not hot: only a refusal below makes the offer
    err = StorageError(Problem.NEEDS_RECOVERY, "Bredvid … ligger en journalfil", can_copy=True)
    calls = iter([err])

    real_open = storage.open_file

    def open_once_refused(path, options=None):
        for refused in calls:
            raise refused
        return real_open(path, options or storage.OpenOptions())

    monkeypatch.setattr(opening, "open_file", open_once_refused)
    offered = []

    def answer(parent, e, path):
        offered.append(problem_text(e, path).choices)
        return Choice.COPY_AND_OPEN

    monkeypatch.setattr(opening, "ask_about_problem", answer)
    elsewhere = tmp_path / "kopior"
    monkeypatch.setattr(opening, "pick_folder", lambda parent, start: elsewhere)
    assert window.open_path(filled_path)
    assert Choice.COPY_AND_OPEN in offered[0]
    assert window.ff.path == (elsewhere / filled_path.name).resolve()
    assert window.ff.query("SELECT namn FROM insats ORDER BY id") == names
