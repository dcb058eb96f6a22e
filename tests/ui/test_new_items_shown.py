"""What was just created stays in sight (issue 14, finding 3).

A new insats for 2023 did not show in the list ("0 insatser visas") because the year filter
stood on 2026, and "Pengar per år" proposed 2026 for an insats running in 2023. Now the list
selects what the form shows, changes a filter that hides it and says so, and the years the
form proposes lie inside the insats's own period.
"""

from __future__ import annotations

import datetime as dt

from typed import type_over

from finsam_desktop import insatser, moten
from finsam_desktop.model import InsatsStatus, MoteTyp
from ui.models.base import RECORD_ROLE


def shown_names(page) -> list[str]:
    return [page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())]


def selected_name(page) -> str | None:
    index = page.table.currentIndex()
    return index.data(RECORD_ROLE).namn if index.isValid() else None


def first_part(summary) -> str:
    return summary.text().split("  ·  ")[0]


def test_a_new_insats_for_2023_is_shown_and_selected_while_the_list_stood_on_2026(opened, qtbot):
    insatser.lagg_till_ar(opened.ff, 1, 2026)  # so the list can stand on 2026
    page = opened.show_page("insatser")
    page.year_combo.setCurrentIndex(page.year_combo.findData(2026))
    assert shown_names(page) == ["Steget vidare"]

    insats_id = page.create("Nya vägar")
    form = page.form
    assert page.views.currentWidget() is form
    type_over(qtbot, form.start, "2023-01-01")
    type_over(qtbot, form.slut, "2023-12-31")
    form.back_button.click()

    assert page.views.currentWidget() is page.listing
    assert page.year_combo.currentText() == "2023"
    assert "Nya vägar" in shown_names(page)
    assert selected_name(page) == "Nya vägar"
    assert page.current_id() == insats_id
    assert page.notice.isVisibleTo(page)
    assert page.notice.text() == "Året är nu 2023 så att Nya vägar syns."
    assert not first_part(page.summary).startswith("0 ")

    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    page.year_combo.activated.emit(page.year_combo.currentIndex())  # the user chose
    assert not page.notice.isVisibleTo(page)


def test_a_new_insats_without_dates_is_listed_under_utan_datum(opened):
    page = opened.show_page("insatser")
    assert page.year_combo.currentText() == "2025"
    page.create("Nya vägar")
    page.show_list()
    assert page.year_combo.currentText() == "Utan datum"
    assert selected_name(page) == "Nya vägar"
    assert set(shown_names(page)) == {"Nya vägar", "Ansökan om samverkan"}
    assert page.notice.text() == (
        "Året är nu ”Utan datum” så att Nya vägar syns. "
        "Den har inget start- eller ansökningsdatum än."
    )
    assert first_part(page.summary) == "2 insatser utan start- eller ansökningsdatum visas"


def test_a_status_filter_hiding_the_opened_insats_shows_all_and_says_so(opened):
    page = opened.show_page("insatser")
    page.status_combo.setCurrentIndex(page.status_combo.findData(InsatsStatus.AVSLUTAD))
    assert page.open_insats(1)  # pågående, 2024 –
    page.show_list()
    assert page.status_combo.currentText() == "Alla"
    assert selected_name(page) == "Steget vidare"
    assert page.notice.text() == "Status visar alla så att Steget vidare syns."


def test_an_insats_shown_in_its_year_changes_no_filter_and_says_nothing(opened):
    page = opened.show_page("insatser")
    assert page.open_insats(2)
    page.show_list()
    assert page.year_combo.currentText() == "2025"
    assert selected_name(page) == "Öppna dörrar"
    assert not page.notice.isVisibleTo(page)


def test_pengar_per_ar_proposes_a_year_inside_the_insats_period(opened, qtbot):
    page = opened.show_page("insatser")
    insats_id = page.create("Nya vägar")
    form = page.form
    assert form.money_year.value() == 2025  # no period yet: this year
    type_over(qtbot, form.start, "2023-01-01")
    type_over(qtbot, form.slut, "2023-12-31")
    assert form.money_year.value() == 2023
    assert form.follow_year.value() == 2023
    assert form.judge_year.value() == 2023
    form.tabs.setCurrentIndex(1)
    form._add_money_year()
    assert [r.ar for r in insatser.ar_belopp(opened.ff, insats_id)] == [2023]
    assert form.money_year.value() == 2023  # the period's only year, already there


def test_the_proposed_years_follow_each_insats_own_period(opened):
    page = opened.show_page("insatser")
    assert page.open_insats(3)  # Zenit kompetens 2023-01-01 – 2024-12-31, money for 2024
    form = page.form
    assert form.money_year.value() == 2023  # the first year of the period without money
    assert form.judge_year.value() == 2024  # this year (2025) is after the period
    assert page.open_insats(1)  # Steget vidare 2024 –, money for 2024 and 2025
    assert form.money_year.value() == 2026
    assert form.judge_year.value() == 2025


def test_adding_a_year_of_money_proposes_the_next_one(opened):
    page = opened.show_page("insatser")
    assert page.open_insats(3)
    form = page.form
    form._add_money_year()
    assert {r.ar for r in insatser.ar_belopp(opened.ff, 3)} == {2023, 2024}
    assert form.money_year.value() == 2024  # every year of the period has a row


def test_a_new_meeting_in_another_year_is_shown_and_selected_and_the_list_says_so(opened):
    page = opened.show_page("moten")
    assert page.year_combo.currentData() == 2025
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(MoteTyp.BEREDNING))
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2023, 1, 13), "09:00", "Kansliet")
    page.show_list()
    assert page.year_combo.currentData() == 2023
    assert page.kind_combo.currentIndex() == 0
    assert page.current_id() == mote_id
    assert page.notice.text() == (
        "Året är nu 2023 och alla typer visas så att Styrelsemöte 2023-01-13 syns."
    )
    assert first_part(page.summary) == "1 möte"


def test_a_meeting_moved_to_another_year_in_the_form_is_followed_by_the_list(opened, qtbot):
    page = opened.show_page("moten")
    assert page.open_meeting(4)
    type_over(qtbot, page.form.datum, "2024-12-06")
    assert moten.mote(opened.ff, 4).datum == dt.date(2024, 12, 6)
    assert page.form.grant_year.value() == 2024  # "Bevilja" follows the meeting's year
    page.form.back_button.click()
    assert page.year_combo.currentData() == 2024
    assert page.current_id() == 4
    assert page.notice.text() == "Året är nu 2024 så att Styrelsemöte 2024-12-06 syns."
    assert first_part(page.summary) == "2 möten"


def test_one_of_a_kind_is_counted_in_the_singular(opened):
    moten_page = opened.show_page("moten")
    moten_page.kind_combo.setCurrentIndex(moten_page.kind_combo.findData(MoteTyp.BEREDNING))
    assert first_part(moten_page.summary) == "1 möte"
    moten_page.kind_combo.setCurrentIndex(0)
    assert first_part(moten_page.summary) == "4 möten"

    page = opened.show_page("insatser")
    page.status_combo.setCurrentIndex(page.status_combo.findData(InsatsStatus.PAGAENDE))
    page.year_combo.setCurrentIndex(page.year_combo.findData(2024))
    assert shown_names(page) == ["Steget vidare"]
    assert first_part(page.summary) == "1 insats visas"
    page.status_combo.setCurrentIndex(0)
    assert first_part(page.summary) == "2 insatser visas"
