"""Ctrl+F jumps to insatser, möten, ärenden and personer; Översikt's findings open their place."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence


def open_only_hit(window, qtbot, text: str):
    """Search for ``text``, which finds one thing, and open it with Enter: the page it opens."""
    popup = window.show_search()
    popup.box.setText(text)
    assert popup.results.count() == 1
    qtbot.keyClick(popup.box, Qt.Key.Key_Return)
    assert not popup.isVisible()
    return window.current_page()


def test_ctrl_f_opens_the_search_and_enter_opens_the_insats(opened, qtbot):
    assert opened.search_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    page = open_only_hit(opened, qtbot, "DÖRRAR")
    assert page.key == "insatser"
    assert page.form.insats.namn == "Öppna dörrar"


def test_an_arende_hit_opens_its_meeting_at_the_arende(opened, qtbot):
    page = open_only_hit(opened, qtbot, "justerare")
    assert page.key == "moten"
    assert page.form.selected_arende().rubrik == "Val av justerare"


def test_a_person_hit_selects_the_seat(opened, qtbot):
    page = open_only_hit(opened, qtbot, "filip")
    assert page.key == "styrelse"
    assert page.current_seat().person == "Filip Holm"


def test_nothing_found_says_so(opened):
    popup = opened.show_search()
    popup.box.setText("zzz")
    assert popup.status.text() == "Inget hittades för ”zzz”."


def test_undo_and_redo_are_disabled_with_nothing_to_do(opened):
    assert not opened.undo_action.isEnabled()
    assert not opened.redo_action.isEnabled()
    assert opened.undo_action.shortcut() == QKeySequence("Ctrl+Z")
    assert opened.redo_action.shortcut() == QKeySequence("Ctrl+Shift+Z")


def test_each_finding_has_a_button_that_opens_the_place_to_fix_it(opened, qtbot):
    page = opened.show_page("oversikt")
    qtbot.waitUntil(lambda: not page.checking)  # the checks run in the background
    findings = page.findings
    assert len(page.finding_buttons) == min(len(findings), 12)
    index = next(i for i, f in enumerate(findings) if f.table == "insats")
    page.finding_buttons[index].click()
    assert opened.current_page().key == "insatser"
    assert opened.current_page().form.insats.id == findings[index].key
    opened.show_page("oversikt")
    index = next(i for i, f in enumerate(findings) if f.table == "medlem")
    page.finding_buttons[index].click()
    assert opened.current_page().key == "styrelse"


def test_the_overview_lists_insatser_missing_follow_up(opened):
    page = opened.show_page("oversikt")
    names = [m.namn for m in page.missing]
    assert "Steget vidare" in names


def test_the_open_insats_is_shown_again_when_the_file_is_next_opened(
    opened, settings, filled_path, qtbot, today
):
    from ui.main_window import MainWindow

    opened.show_page("insatser").open_insats(2)
    opened.close()
    again = MainWindow(settings, today=lambda: today)
    qtbot.addWidget(again)
    assert again.open_path(filled_path)
    page = again.current_page()
    assert page.key == "insatser"
    assert page.views.currentWidget() is page.form
    assert page.form.insats.id == 2
    again.close()


def test_opening_another_file_closes_the_form_of_the_first(opened, tmp_path, qtbot):
    from finsam_desktop import storage

    page = opened.show_page("insatser")
    page.open_insats(2)
    other = tmp_path / "Annat.finsam"
    storage.create_file(other, namn="Annat förbund").close()
    assert opened.open_path(other)
    assert page.views.currentWidget() is page.listing
    assert page.form.insats is None
