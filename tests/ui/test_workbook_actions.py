"""Exportera and Importera arbetsbok from the window: round trip, and a refused workbook.

Both run in the background (ui.operations); a test waits for the operation's end.
"""

from __future__ import annotations

from finsam_desktop import backups


def finish(qtbot, operation):
    """Wait until the background operation has delivered its result or its error."""
    assert operation is not None
    with qtbot.waitSignal(operation.finished, timeout=20000):
        pass
    return operation


def test_exporting_and_importing_the_workbook_brings_the_content_back(opened, tmp_path, qtbot):
    book = tmp_path / "Norrby.xlsx"
    assert finish(qtbot, opened.export_workbook_to(book)).succeeded
    assert book.exists()
    assert "Arbetsboken sparades" in opened.statusBar().currentMessage()

    with opened.ff.write("Ändra") as db:
        db.execute("UPDATE forbund SET namn = 'Ändrat namn'")
        db.execute("DELETE FROM insats_ar")
    opened.show_page("oversikt")
    assert opened.pages_by_key["oversikt"].beviljat.value.text() == "0\u00a0kr"

    assert finish(qtbot, opened.import_workbook_from(book)).succeeded
    assert opened.windowTitle().startswith("Samordningsförbundet Norrby – ")
    assert opened.pages_by_key["oversikt"].beviljat.value.text() == "1\u00a0900\u00a0000\u00a0kr"
    kinds = [b.kind for b in backups.list_backups(opened.ff.path, opened.ff.backup_dir)]
    assert backups.Kind.BEFORE_IMPORT in kinds
    assert "är importerad" in opened.statusBar().currentMessage()


def test_a_workbook_that_cannot_be_read_is_explained_and_changes_nothing(opened, tmp_path, qtbot):
    bad = tmp_path / "inte-en-arbetsbok.xlsx"
    bad.write_text("det här är ingen Excel-fil", encoding="utf-8")
    assert not finish(qtbot, opened.import_workbook_from(bad)).succeeded
    box = opened.workbook_problem
    assert box is not None and box.isVisible()
    assert box.windowTitle() == "Arbetsboken kunde inte importeras"
    assert box.informativeText()  # the workbook module's own Swedish summary
    assert opened.ff.forbund_name() == "Samordningsförbundet Norrby"
    box.close()


def test_import_is_not_offered_for_a_read_only_file(window, filled_path):
    window.open_path(filled_path, read_only=True)
    assert not window.import_action.isEnabled()
    assert window.export_action.isEnabled()
    assert not window.show_page("rapporter").import_button.isEnabled()
