"""The window says what the command line says when a folder or a disk refuses a file."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def warnings(monkeypatch) -> list[str]:
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text: said.append(text))
    )
    return said


def test_exporting_the_workbook_to_a_missing_folder_gives_the_shared_sentence(
    opened, tmp_path, qtbot
):
    target = tmp_path / "saknas" / "Norrby.xlsx"
    operation = opened.export_workbook_to(target)
    with qtbot.waitSignal(operation.finished, timeout=20000):
        pass  # written in the background; the refusal comes back to the window
    assert not operation.succeeded
    box = opened.workbook_problem
    assert box is not None and box.windowTitle() == "Arbetsboken kunde inte sparas"
    assert box.informativeText() == (
        f"Arbetsboken kunde inte skrivas till {target}: mappen {target.parent} finns inte. "
        "Välj en mapp som finns, eller skapa den."
    )
    assert not target.parent.exists()
    box.close()


def test_saving_a_report_onto_a_folder_says_so_in_swedish(opened, tmp_path):
    page = opened.show_page("rapporter")
    page.pdf = b"%PDF-1.4 a report"
    target = tmp_path / "Rapport.pdf"
    target.mkdir()
    page.save_to(target)
    text = page.status.text()
    assert text.startswith(f"Rapporten kunde inte skrivas till {target}: det finns redan en mapp")
    assert "Is a directory" not in text
    assert list(target.iterdir()) == []


def test_the_arshjul_calendar_to_a_path_below_a_file_names_the_file(opened, tmp_path, qtbot):
    from ui import operations

    page = opened.show_page("arshjul")
    note = tmp_path / "anteckning.txt"
    note.write_text("x")
    target = note / "hjul.ics"
    shown = []
    real = operations.show_refusal
    operations.show_refusal = lambda parent, title, err: shown.append(real(parent, title, err))
    try:
        operation = page.save_ics(target)
        with qtbot.waitSignal(operation.finished, timeout=20000):
            pass  # written in the background; the refusal comes back to the page
    finally:
        operations.show_refusal = real
    assert not operation.succeeded
    [box] = shown
    assert box.windowTitle() == "Kalenderfilen kunde inte sparas"
    said = box.informativeText()
    assert said.startswith(f"Kalenderfilen kunde inte skrivas till {target}: ")
    assert f"{note} är en fil och inte en mapp" in said
    box.close()
