"""The Mål page: the förbund's own goals written, assessed and kept (issue 15, 6)."""

from __future__ import annotations

from fixed_days import APP_DAY
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton

from finsam_desktop import forbundsmal as fm
from finsam_desktop.model import Bedomning, MalSlag, Skede
from finsam_desktop.settings import set_setting


def test_a_goal_is_written_assessed_and_still_there_after_reopening(opened, qtbot):
    page = opened.show_page("mal")
    assert page.year() == APP_DAY.year
    assert page.table.rowCount() == 0 and page.empty.isVisible()
    mal_id = page.new_goal(MalSlag.VERKSAMHET, "Fler når egen försörjning")
    assert page.current().id == mal_id and page.form_widget.isVisible()
    assert opened.ff.undo_label == "Nytt verksamhetsmål"
    page.omrade.setFocus()
    qtbot.keyClicks(page.omrade, "Arbete")
    qtbot.keyClick(page.omrade, Qt.Key.Key_Return)
    assert fm.hamta(opened.ff, mal_id).omrade == "Arbete"
    page.bedomning.pick(Bedomning.DELVIS)
    assert fm.hamta(opened.ff, mal_id).bedomning(APP_DAY.year) == (Bedomning.DELVIS, "")
    page.bedomning_motivering.setFocus()
    page.bedomning_motivering.setPlainText("Hälften av målet nått.")
    page.prognos.setFocus()  # leaving the text stores it
    qtbot.waitUntil(
        lambda: (
            fm.hamta(opened.ff, mal_id).bedomning(APP_DAY.year)
            == (Bedomning.DELVIS, "Hälften av målet nått.")
        )
    )
    assert page.table.item(0, 4).text() == "Till viss del"
    assert page.summary.text() == f"1 mål gäller {APP_DAY.year}."
    # the förbund's own word for the step, in the list and in the choices
    set_setting(opened.ff, "bedomning_delvis", "Delvis")
    qtbot.waitUntil(lambda: page.table.item(0, 4).text() == "Delvis")
    assert page.bedomning.currentText() == "Delvis"

    path = opened.ff.path
    opened.close_file()
    assert opened.open_path(path)
    page = opened.show_page("mal")
    m = fm.forbundsmal(opened.ff)[0]
    assert (m.mal, m.omrade, m.fran_ar) == ("Fler når egen försörjning", "Arbete", APP_DAY.year)
    assert m.bedomning(APP_DAY.year) == (Bedomning.DELVIS, "Hälften av målet nått.")
    assert page.table.item(0, 2).text() == "Fler når egen försörjning"


def test_a_motivering_without_a_bedomning_is_refused_where_it_is_typed(opened, qtbot):
    page = opened.show_page("mal")
    mal_id = page.new_goal(MalSlag.FINANSIELLT, "Eget kapital högst 20 %")
    assert not page.prognos_motivering.isEnabled()  # nothing to motivate yet
    page.prognos.pick(Bedomning.UPPNATT)
    assert page.prognos_motivering.isEnabled()
    assert fm.hamta(opened.ff, mal_id).bedomning(APP_DAY.year, Skede.DELAR) is not None
    page.prognos.pick(None)  # "–": the prognosis removed again
    assert fm.hamta(opened.ff, mal_id).bedomningar == {}
    assert not page.prognos_motivering.isEnabled()


def test_the_list_follows_the_year_and_a_goal_ends_when_told(opened, qtbot):
    page = opened.show_page("mal")
    mal_id = page.new_goal(MalSlag.VERKSAMHET, "Ett fungerande beredande organ")
    page.till_ar.setFocus()
    qtbot.keyClicks(page.till_ar, "20x5")
    qtbot.keyClick(page.till_ar, Qt.Key.Key_Return)
    assert "inget årtal" in page.till_ar.error.text()
    page.till_ar.selectAll()
    qtbot.keyClicks(page.till_ar, str(APP_DAY.year))
    qtbot.keyClick(page.till_ar, Qt.Key.Key_Return)
    assert fm.hamta(opened.ff, mal_id).till_ar == APP_DAY.year
    page.year_combo.setCurrentIndex(page.year_combo.findData(APP_DAY.year + 1))
    assert page.table.rowCount() == 0  # it no longer applies
    page.year_combo.setCurrentIndex(page.year_combo.findData(APP_DAY.year))
    assert page.table.rowCount() == 1
    page.delete_button.click()
    assert fm.forbundsmal(opened.ff) == []
    opened.undo()
    assert [m.id for m in fm.forbundsmal(opened.ff)] == [mal_id]


def test_oversikt_says_which_goals_of_the_closed_year_lack_a_bedomning(opened, qtbot):
    closed = APP_DAY.year - 1
    ff = opened.ff
    a = fm.nytt_mal(ff, MalSlag.VERKSAMHET, "Fler i arbete", closed)
    fm.nytt_mal(ff, MalSlag.FINANSIELLT, "Eget kapital högst 20 %", closed)
    fm.satt_bedomning(ff, a, closed, Skede.HELAR, Bedomning.UPPNATT)
    oversikt = opened.show_page("oversikt")
    assert oversikt.missing_title.text().endswith(f"och {closed}")
    labels = [w.text() for w in oversikt.findChildren(QLabel) if "saknar bedömning" in w.text()]
    assert labels == ["1 av 2 saknar bedömning för helåret"]
    button = next(
        b for b in oversikt.findChildren(QPushButton) if b.text() == f"Förbundets mål {closed}"
    )
    button.click()
    page = opened.current_page()
    assert page.key == "mal" and page.year() == closed
    assert [page.table.item(r, 4).text() for r in range(page.table.rowCount())] == [
        "Målet uppnått",
        "–",
    ]
    fm.satt_bedomning(ff, a + 1, closed, Skede.HELAR, Bedomning.DELVIS)
    oversikt = opened.show_page("oversikt")
    assert not [w for w in oversikt.findChildren(QLabel) if "saknar bedömning" in w.text()]
