"""The Styrelse page: the board on any date, warnings, seats and revisorer edited in dialogs."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate

from finsam_desktop import styrelse


def test_the_board_on_a_date_and_its_warnings(opened):
    page = opened.show_page("styrelse")
    text = page.warnings.text()
    assert "Försäkringskassan saknar ersättare" in text
    assert "Söderby kommun saknar ledamot" in text
    page.date_edit.setDate(QDate(2024, 1, 1))
    assert "Cecilia Ås" not in page.changes.text()
    assert "Eva Berg slutade som ersättare" in page.changes.text()


def test_a_new_seat_is_added_through_its_dialog_and_undone(opened, qtbot):
    page = opened.show_page("styrelse")
    dialog = page.edit_seat(new=True)
    dialog.person.setCurrentText("Gun Sjö")
    dialog.medlem.setCurrentIndex(dialog.medlem.findData(4))
    dialog.till.setText("2023-01-01")  # before the start
    dialog._try_accept()
    assert dialog.isVisible()
    assert "före startdatumet" in dialog.error.text()
    dialog.till.setText("")
    with qtbot.waitSignal(dialog.accepted):
        dialog._try_accept()
    assert "Söderby kommun saknar ledamot" not in page.warnings.text()
    assert opened.undo() == "Ny ledamot Gun Sjö"
    assert "Söderby kommun saknar ledamot" in page.warnings.text()


def test_a_person_leaving_is_followed_by_the_successor(opened, qtbot):
    page = opened.show_page("styrelse")
    seat = next(s for s in styrelse.alla_uppdrag(opened.ff) if s.person == "Anna Ek")
    assert page.select_seat(seat.id)
    dialog = page.leave()
    dialog.sista.setText("2025-06-30")
    dialog.eftertradare.setCurrentText("Gun Sjö")
    with qtbot.waitSignal(dialog.accepted):
        dialog._try_accept()
    on = {s.person: s for s in styrelse.styrelse_pa(opened.ff, dt.date(2025, 7, 1))}
    assert "Anna Ek" not in on
    assert on["Gun Sjö"].funktion.label == "Ordförande"
    page.date_edit.setDate(QDate(2025, 7, 1))
    assert "Gun Sjö blev ledamot" in page.changes.text()


def test_a_seat_used_in_attendance_cannot_be_deleted(opened):
    from finsam_desktop import moten

    rows = moten.narvaro(opened.ff, 4)
    moten.satt_narvaro(opened.ff, 4, rows[0].uppdrag_id, True)
    page = opened.show_page("styrelse")
    page.select_seat(rows[0].uppdrag_id)
    page.delete_seat()
    assert "slutdatum" in page.seat_error.text()


def test_a_revisor_is_added_per_member(opened, qtbot):
    page = opened.show_page("styrelse")
    dialog = page.edit_revisor(new=True)
    dialog.namn.setText("Stina Revisor")
    dialog.members[1].setChecked(True)
    with qtbot.waitSignal(dialog.accepted):
        dialog._try_accept()
    assert "Stina Revisor – utsedd av Försäkringskassan" in page.revisorer.text()


def test_the_seat_model_passes_the_model_tester(opened, qtmodeltester):
    page = opened.show_page("styrelse")
    qtmodeltester.check(page.seat_model, force_py=True)
    qtmodeltester.check(page.revisor_model, force_py=True)


def test_a_persons_name_e_post_and_telefon_are_changed_in_one_undoable_action(opened, qtbot):
    page = opened.show_page("styrelse")
    seat = next(s for s in styrelse.alla_uppdrag(opened.ff) if s.person == "Anna Ek")
    assert page.select_seat(seat.id)
    page.person_button.click()
    dialog = page.dialog
    assert dialog.windowTitle() == "Ändra person Anna Ek"
    assert dialog.namn.text() == "Anna Ek"
    dialog.namn.setText("Bo Lind")
    dialog._try_accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "Det finns redan en person som heter Bo Lind."
    dialog.namn.setText("Anna Ek Sundin")
    dialog.epost.setText("anna.ek.sundin")
    dialog._try_accept()
    assert "ser inte ut som en e-postadress" in dialog.error.text()
    dialog.epost.setText("anna.ek@norrby.se")
    dialog.telefon.setText("070-123 45 67")
    with qtbot.waitSignal(dialog.accepted):
        dialog._try_accept()
    assert "Ordförande: Anna Ek Sundin (Region Norr)." in page.summary.text()
    person = styrelse.person(opened.ff, seat.person_id)
    assert (person.namn, person.epost, person.telefon) == (
        "Anna Ek Sundin", "anna.ek@norrby.se", "070-123 45 67",
    )  # fmt: skip
    assert opened.undo_action.text() == "&Ångra Byt namn på Anna Ek"
    opened.undo_action.trigger()
    assert "Ordförande: Anna Ek (Region Norr)." in page.summary.text()
    assert styrelse.person(opened.ff, seat.person_id).epost == ""


def test_changing_a_person_needs_a_chosen_seat(opened):
    page = opened.show_page("styrelse")
    page.seats.setCurrentIndex(page.seat_proxy.index(-1, -1))
    assert page.edit_person() is None
    assert page.seat_error.text() == "Välj ett uppdrag för personen i listan först."


def test_invisible_characters_pasted_into_a_persons_name_are_taken_out(opened, qtbot):
    page = opened.show_page("styrelse")
    seat = next(s for s in styrelse.alla_uppdrag(opened.ff) if s.person == "Bo Lind")
    assert page.select_seat(seat.id)
    dialog = page.edit_person()
    dialog.namn.setText("Bo\x06 Lindqvist")
    with qtbot.waitSignal(dialog.accepted):
        dialog._try_accept()
    assert styrelse.person(opened.ff, seat.person_id).namn == "Bo Lindqvist"
