"""The promise of "Sparat", end to end in the real window: after Ctrl+Z, later edits are kept.

The defect: after one Ångra, every later edit showed "Sparat" in the status bar and was lost on
Arkiv → Avsluta, and "Skriv PDF" then froze the window for good.
"""

from __future__ import annotations

from fixed_days import DEMO_DAY
from PySide6.QtGui import QKeySequence
from typed import type_into

from finsam_desktop import insatser
from finsam_desktop.storage import OpenOptions, open_file


def test_edits_after_ctrl_z_are_in_the_file_after_the_window_is_closed(window, filled_path, qtbot):
    assert window.open_path(filled_path)
    window.show()
    window.activateWindow()
    page = window.show_page("insatser")
    assert page.open_insats(1)
    form = page.form
    type_into(qtbot, form.namn, "Första namnet")
    type_into(qtbot, form.beslut_paragraf, "§ 12")
    assert window.undo_action.shortcut() == QKeySequence.StandardKey.Undo  # Ctrl+Z
    window.undo_action.trigger()
    assert insatser.hamta(window.ff, 1).beslut_paragraf != "§ 12"
    type_into(qtbot, form.namn, "Andra namnet")
    type_into(qtbot, form.beslut_paragraf, "§ 14")
    assert window.statusBar().currentMessage().startswith("Sparat: ")  # what the user saw
    window.close()

    with open_file(filled_path, OpenOptions(read_only=True)) as again:
        stored = insatser.hamta(again, 1)
    assert stored.namn == "Andra namnet"
    assert stored.beslut_paragraf == "§ 14"


def test_writing_a_pdf_after_an_undo_finishes(window, demo_copy, qtbot):
    path = demo_copy(DEMO_DAY)
    window.today = lambda: DEMO_DAY
    assert window.open_path(path)
    window.show()
    page = window.show_page("insatser")
    page.create("Ny insats före ångra")
    window.undo()
    page.create("Ny insats efter ångra")
    rapporter = window.show_page("rapporter")
    rapporter.today = lambda: DEMO_DAY
    with qtbot.waitSignal(rapporter.report_ready, timeout=20000) as ready:
        rapporter.build_button.click()
    assert ready.args[0].startswith(b"%PDF")
    qtbot.waitUntil(rapporter.build_button.isEnabled)
    window.close()
    with open_file(path, OpenOptions(read_only=True)) as again:
        names = {i.namn for i in insatser.namnlista(again)}
    assert "Ny insats efter ångra" in names
    assert "Ny insats före ångra" not in names
