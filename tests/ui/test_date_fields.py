"""Dates that change themselves: a typed date is kept exactly as typed, or refused where it is
typed with the reason, and nothing stored changes (issue 14, finding 2).

A QDateEdit turned 2023-01-13, typed over a selection, into 2026-01-13 and 2023-02-30 into
2023-02-03. Every date field of the app is now one DateField; these tests type into it the way
a person does (select all, type, Enter) and read what the file holds, also after reopening it.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateEdit
from typed import type_over

from finsam_desktop import arshjul, budget, insatser, moten
from finsam_desktop.model import MoteTyp
from finsam_desktop.storage import OpenOptions, open_file
from ui.forms.date_field import DateField

#: Offscreen, a popup cannot be raised, grab the keyboard or pass its size on, and Qt says so.
OFFSCREEN_POPUP = (
    r"This plugin does not support (raise\(\)|grabbing the keyboard|propagateSizeHints\(\))"
)
FEBRUARY_30 = "2023-02-30 finns inte: februari 2023 har 28 dagar."


def open_meeting(window, mote_id):
    page = window.show_page("moten")
    assert page.open_meeting(mote_id)
    return page, page.form


def test_a_typed_meeting_date_is_kept_exactly_also_after_the_file_is_reopened(
    opened, filled_path, qtbot
):
    _page, form = open_meeting(opened, 4)  # styrelsemöte 2025-11-14
    type_over(qtbot, form.datum, "2023-01-13")
    assert form.datum.text() == "2023-01-13"
    assert not form.datum.error.isVisibleTo(form)
    assert moten.mote(opened.ff, 4).datum == dt.date(2023, 1, 13)
    assert opened.undo_action.text() == "&Ångra Ändra datum för Styrelsemöte 2025-11-14"

    opened.close()
    with open_file(filled_path, OpenOptions(read_only=True)) as again:
        assert moten.mote(again, 4).datum == dt.date(2023, 1, 13)
    assert opened.open_path(filled_path)
    _page, form = open_meeting(opened, 4)
    assert form.datum.text() == "2023-01-13"


def test_a_day_the_month_lacks_is_refused_under_the_field_and_nothing_changes(opened, qtbot):
    _page, form = open_meeting(opened, 4)
    before = opened.undo_action.text()
    type_over(qtbot, form.datum, "2023-02-30")
    assert form.datum.error.isVisibleTo(form)
    assert form.datum.error.text() == FEBRUARY_30
    assert form.datum.text() == "2023-02-30"  # as typed, not moved to 2023-02-03
    assert moten.mote(opened.ff, 4).datum == dt.date(2025, 11, 14)
    assert opened.undo_action.text() == before  # nothing was written
    qtbot.keyClick(form.datum, Qt.Key.Key_Escape)
    assert form.datum.text() == "2025-11-14"
    assert not form.datum.error.isVisibleTo(form)


@pytest.mark.parametrize("typed", ["20230113", "2023-1-13"])
def test_a_date_typed_without_dashes_or_leading_zeros_is_that_day(opened, qtbot, typed):
    _page, form = open_meeting(opened, 4)
    type_over(qtbot, form.datum, typed)
    assert moten.mote(opened.ff, 4).datum == dt.date(2023, 1, 13)
    assert form.datum.text() == "2023-01-13"


@pytest.mark.parametrize(
    ("typed", "reason"),
    [
        ("23-01-13", "två siffror i året"),
        ("13/1 2023", "skriv år-månad-dag"),
        ("2023113", "är inte ett datum"),
        ("2023-13-01", "inget giltigt datum"),
    ],
)
def test_ambiguous_or_impossible_dates_are_refused(opened, qtbot, typed, reason):
    _page, form = open_meeting(opened, 4)
    type_over(qtbot, form.datum, typed)
    assert reason in form.datum.error.text()
    assert form.datum.accessibleDescription() == form.datum.error.text()
    assert moten.mote(opened.ff, 4).datum == dt.date(2025, 11, 14)


def test_insats_dates_are_kept_as_typed_and_an_impossible_one_is_refused(opened, qtbot):
    page = opened.show_page("insatser")
    assert page.open_insats(2)  # 2025-01-01 – 2025-12-31
    form = page.form
    type_over(qtbot, form.start, "2023-01-13")
    assert insatser.hamta(opened.ff, 2).start == dt.date(2023, 1, 13)
    assert form.start.text() == "2023-01-13"
    type_over(qtbot, form.slut, "2023-02-30")
    assert form.slut.error.text() == FEBRUARY_30
    assert insatser.hamta(opened.ff, 2).slut == dt.date(2025, 12, 31)
    type_over(qtbot, form.slut, "")  # an empty end is "t.o.m. löpande"
    assert insatser.hamta(opened.ff, 2).slut is None


@pytest.mark.qt_log_ignore(OFFSCREEN_POPUP)
def test_a_day_picked_in_the_calendar_is_stored(opened, qtbot):
    _page, form = open_meeting(opened, 4)
    calendar = form.datum.open_calendar()
    assert calendar.isVisible()
    assert calendar.selectedDate() == QDate(2025, 11, 14)  # the month of the date held
    calendar.clicked.emit(QDate(2025, 11, 21))
    assert not calendar.isVisible()
    assert moten.mote(opened.ff, 4).datum == dt.date(2025, 11, 21)
    assert form.datum.text() == "2025-11-21"


def test_the_new_meeting_dialog_refuses_a_date_that_does_not_exist_and_stays_open(opened, qtbot):
    page = opened.show_page("moten")
    page.new_meeting()
    dialog = page.new_dialog
    assert dialog.isVisible()
    type_over(qtbot, dialog.datum, "2023-02-30")
    assert dialog.datum.error.text() == FEBRUARY_30
    assert dialog.datum.error.isVisibleTo(dialog)
    before = {m.id for m in moten.moten(opened.ff, None)}
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert {m.id for m in moten.moten(opened.ff, None)} == before

    type_over(qtbot, dialog.datum, "2023-01-13")  # Enter is "Skapa mötet"
    qtbot.waitUntil(lambda: not dialog.isVisible())
    [new] = [m for m in moten.moten(opened.ff, None) if m.id not in before]
    assert new.datum == dt.date(2023, 1, 13) and new.typ is MoteTyp.STYRELSEMOTE
    assert page.form.mote.id == new.id
    assert page.form.datum.text() == "2023-01-13"


def test_a_refusal_of_the_new_meeting_is_said_in_the_dialog(opened, qtbot):
    page = opened.show_page("moten")
    page.new_meeting()
    dialog = page.new_dialog
    dialog.tid.setText("halv nio")
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "klockslag" in dialog.error.text()


def test_no_date_field_of_the_app_is_a_qdateedit(opened):
    """Every page built, every date a DateField (a QDateEdit moves typed dates)."""
    for key in ("insatser", "styrelse", "moten", "arvoden", "budget", "arshjul", "rapporter"):
        page = opened.show_page(key)
        assert not page.findChildren(QDateEdit), key
    assert opened.pages_by_key["rapporter"].findChildren(DateField)


def test_a_date_field_in_a_dialog_holds_a_date_and_refuses_what_is_typed_wrong(app, qtbot):
    field = DateField("Datum", day=dt.date(2025, 10, 15))
    qtbot.addWidget(field)
    changed = []
    field.dateChanged.connect(changed.append)
    assert field.date() == QDate(2025, 10, 15)
    field.setDate(QDate(2025, 10, 20))
    assert field.text() == "2025-10-20" and changed == [QDate(2025, 10, 20)]
    field.setText("2023-02-30")
    with pytest.raises(ValueError, match="februari 2023 har 28 dagar"):
        field.value()
    assert field.date() == QDate(2025, 10, 20)  # the last date taken, not a moved one
    assert changed == [QDate(2025, 10, 20)]
    field.setText("20230113")
    assert field.value() == dt.date(2023, 1, 13)
    assert field.text() == "2023-01-13"
    assert changed[-1] == QDate(2023, 1, 13)


def test_the_day_the_board_is_shown_for_refuses_a_date_that_does_not_exist(opened, qtbot):
    page = opened.show_page("styrelse")
    type_over(qtbot, page.date_edit, "2024-01-01")
    assert page.selected_date() == dt.date(2024, 1, 1)
    assert "2024-01-01" in page.revisorer.text()
    type_over(qtbot, page.date_edit, "2023-02-30")
    assert page.date_edit.error.isVisibleTo(page)
    assert page.date_edit.error.text() == FEBRUARY_30
    assert page.selected_date() == dt.date(2024, 1, 1)  # the board still of the last real day
    page.today_button.click()
    assert page.selected_date() == dt.date(2025, 10, 15)
    assert not page.date_edit.error.isVisibleTo(page)


def test_an_arshjul_entry_on_a_day_that_does_not_exist_is_refused_in_the_dialog(opened, qtbot):
    page = opened.show_page("arshjul")
    page.new_entry()
    dialog = page.dialog
    dialog.rubrik.setText("Studiebesök")
    type_over(qtbot, dialog.datum, "2025-02-29")
    dialog.save()
    assert dialog.isVisible()
    assert "februari 2025 har 28 dagar" in dialog.error.text()
    assert all(p.rubrik != "Studiebesök" for p in arshjul.arshjul_poster(opened.ff))


def test_a_budget_decision_date_is_taken_as_typed_or_refused(opened, qtbot):
    page = opened.show_page("budget")
    version = page.current_version()
    page._decide()
    dialog = page._open_dialog
    dialog.datum.setText("2024-11-31")
    dialog.buttons.accepted.emit()
    assert dialog.isVisible()
    assert "november 2024 har 30 dagar" in dialog.error.text()
    assert budget.version(opened.ff, version["id"])["beslut_datum"] == "2024-11-22"
