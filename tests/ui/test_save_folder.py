"""Save and open dialogs about a förbund start in the förbund file's own folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from ui.paths import demo_path, documents_dir, save_folder

REPO = Path(__file__).resolve().parents[2]


def test_a_förbund_files_documents_are_offered_beside_it(tmp_path):
    path = tmp_path / "förbund" / "Norrby.finsam"
    path.parent.mkdir()
    assert save_folder(path) == path.parent.resolve()


def test_the_demo_and_no_file_offer_the_documents_folder(data_dir):
    assert save_folder(demo_path()) == documents_dir()
    assert save_folder(None) == documents_dir()


_ASK = (
    "import sys; from pathlib import Path; from ui.paths import save_folder, documents_dir; "
    "print(save_folder(Path(sys.argv[1])) == documents_dir())"
)


def test_a_file_in_a_folder_without_write_access_offers_the_documents_folder():
    """Asked as an ordinary user (root may write anywhere), as on a CD or a locked share."""
    if os.geteuid() == 0 and shutil.which("setpriv") is None:
        pytest.fail("setpriv (util-linux) is needed to ask as an ordinary user")
    folder = Path(tempfile.mkdtemp(prefix="finsam-ro-"))
    home = Path(tempfile.mkdtemp(prefix="finsam-home-"))
    os.chown(home, 65534, 65534)
    (folder / "A.finsam").write_bytes(b"")
    folder.chmod(0o555)
    try:
        cmd = [sys.executable, "-c", _ASK, str(folder / "A.finsam")]
        if os.geteuid() == 0:
            cmd = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        env = {**os.environ, "PYTHONPATH": str(REPO), "HOME": str(home),
               "FINSAM_DATA_DIR": str(home / "data")}  # fmt: skip
        out = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=home)
        assert out.returncode == 0, out.stderr
        assert out.stdout.strip() == "True"
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
        shutil.rmtree(home)


def test_the_window_offers_the_workbook_export_beside_the_file(opened, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    asked = []

    def fake(parent, title, start, pattern, *a, **kw):
        asked.append(Path(start))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    opened.export_workbook()
    opened.import_workbook()
    folder = opened.ff.path.resolve().parent
    assert asked == [folder / f"{opened.ff.path.stem}.xlsx", folder]


def test_the_report_logo_and_budget_export_dialogs_start_beside_the_file(
    opened, monkeypatch, qtbot
):
    """Every save or open dialog about the file starts in its folder (issue 14, 9)."""
    from PySide6.QtWidgets import QFileDialog

    asked = []

    def fake(parent, title, start, pattern, *a, **kw):
        asked.append((title, Path(start)))
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", fake)
    folder = opened.ff.path.resolve().parent
    rapporter = opened.show_page("rapporter")
    rapporter.choose_logo()
    rapporter.pdf = b"%PDF-1.7"  # a report written: "Spara som…" is offered
    rapporter.save_report_as()
    budget = opened.show_page("budget")
    budget._export()
    dialog = budget._open_dialog
    with qtbot.waitSignal(dialog.finished, timeout=2000, raising=False):
        dialog.buttons.accepted.emit()
    dialog.close()
    assert [(t, p.parent if p.suffix else p) for t, p in asked] == [
        ("Välj logotyp", folder),
        ("Spara rapporten", folder),
        ("Spara Excel till ekonomienheten", folder),
    ]
    assert asked[1][1].name == rapporter.suggested_name()
    assert asked[2][1].name.startswith("Budget ")
