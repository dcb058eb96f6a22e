"""The Arvoden page: the month's underlag with FLA, proof and km typed in the table, the fee
rules per year as a form, the recipients with masked personnummer, and the Excel export."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from typed import type_over

from finsam_desktop import arvoden, moten
from finsam_desktop.arvoden import Regel
from finsam_desktop.model import MoteTyp
from ui.pages.arvoden import exakt

RULE = Regel(
    ar=2025, arvode_kort_ore=120000, arvode_lang_ore=180000, ordforande_ore=2400000,
    fla_timme_ore=30000, fla_tak_ore=100000, mil_ore=3000, mil_skattefri_ore=2500,
    konto="7010", ansvar="1100",
)  # fmt: skip


@pytest.fixture
def page(window, filled_path):
    assert window.open_path(filled_path)
    window.show()
    ff = window.ff
    arvoden.spara_regel(ff, RULE)
    m = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 9, 15), "09:00", "Kansliet")
    moten.andra_mote(ff, m, "sluttid", "11:30")
    moten.andra_mote(ff, m, "justerat", dt.date(2025, 9, 22))
    later = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 9, 29), "09:00", "Kansliet")
    assert later
    p = window.show_page("arvoden")
    p.meeting_id = m
    return p


def _cell(p, row: int, header: str):
    column = [c.header for c in p.rows_model.columns].index(header)
    return p.rows_model.index(row, column)


def test_the_page_opens_on_last_month_with_every_line_the_rules_give(page, window):
    assert (page.fran, page.till) == (dt.date(2025, 9, 1), dt.date(2025, 9, 30))
    assert page.fran_field.text() == "2025-09-01" and page.till_field.text() == "2025-09-30"
    u = arvoden.underlag(window.ff, page.fran, page.till)
    assert page.rows_model.rowCount() == len(u.rader) > 0
    assert "Styrelsemöte 2025-09-29: protokollet är inte justerat" in page.notes.text()
    assert "Styrelsemöte 2025-09-15" not in page.notes.text()
    total = sum(r.arvode_ore for r in u.rader)
    assert f"Arvoden {exakt(total)} kr" in page.totals.text()
    avgift = sum(r.avgift_ore for r in u.rader)
    assert avgift % 100 and f"arbetsgivaravgifter {exakt(avgift)} kr" in page.totals.text()
    assert exakt(avgift).endswith(f",{avgift % 100:02d}")  # to the öre, never rounded away


def test_fla_proof_and_km_are_typed_in_the_table_and_undone_with_ctrl_z(page, window, qtbot):
    row = next(i for i, r in enumerate(page.rows_model.records()) if r.mote_id == page.meeting_id)
    person = page.rows_model.record(row).person_id
    assert page.rows_model.setData(_cell(page, row, "FLA tim"), "3,5")
    assert page.rows_model.setData(
        _cell(page, row, "Intyg"), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert page.rows_model.setData(_cell(page, row, "Km"), "46")
    r = page.rows_model.record(row)
    assert (r.fla_hundradelar, r.fla_intyg, r.km, r.person_id) == (350, True, 46, person)
    assert (r.fla_ore, r.mil_skattefri_ore, r.mil_skattepliktig_ore) == (100000, 11500, 2300)
    assert page.rows_model.data(_cell(page, row, "FLA")) == "1\u00a0000"  # capped per meeting
    # a word where hours go is explained and nothing changes
    assert not page.rows_model.setData(_cell(page, row, "FLA tim"), "tre")
    assert "inget antal timmar" in page.rows_error.text()
    assert page.rows_model.record(row).fla_hundradelar == 350
    window.undo()  # km
    window.undo()  # intyg
    assert page.rows_model.record(row).km == 0
    assert page.rows_model.record(row).fla_ore == 0  # hours without proof pay nothing


def test_a_fixed_fee_line_has_no_meeting_to_type_hours_for(page):
    fixed = [i for i, r in enumerate(page.rows_model.records()) if r.mote_id is None]
    assert fixed, "the ordförande's fixed fee for September"
    flags = page.rows_model.flags(_cell(page, fixed[0], "FLA tim"))
    assert not flags & Qt.ItemFlag.ItemIsEditable
    assert not page.rows_model.setData(_cell(page, fixed[0], "Km"), "12")


def test_a_year_without_rules_starts_from_the_year_before_and_fields_store_themselves(
    page, window, qtbot
):
    page.tabs.setCurrentIndex(1)
    page.year.setValue(2026)
    assert "inga arvodesregler för 2026" in page.missing.text()
    assert page.create_button.text() == "Skapa regler för 2026 från 2025"
    assert not page.rule_form.isEnabled()
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.rule_form.isEnabled() and not page.create_button.isVisible()
    field = page.rule_fields["arvode_kort_ore"]
    assert field.text() == "1\u00a0200"
    type_over(qtbot, field, "1 350")
    assert arvoden.regel(window.ff, 2026).arvode_kort_ore == 135000
    assert arvoden.regel(window.ff, 2025).arvode_kort_ore == 120000
    page.rule_fields["fla_intyg"].pick(False)
    assert arvoden.regel(window.ff, 2026).fla_intyg is False
    avgift = page.rule_fields["arbetsgivaravgift_ore"]
    assert avgift.text() == "31,42"
    type_over(qtbot, avgift, "140")
    assert "procentsats" in avgift.error.text()
    assert arvoden.regel(window.ff, 2026).arbetsgivaravgift_ore == 3142
    # issue 17: the reduced rate, from which birth year, and each löneart's konto
    reducerad = page.rule_fields["arbetsgivaravgift_aldre_ore"]
    assert reducerad.text() == "10,21"
    fodda = page.rule_fields["aldre_fodda_senast"]
    assert fodda.text() == "" and fodda.placeholderText().startswith("1959")
    type_over(qtbot, fodda, "1958")
    assert arvoden.regel(window.ff, 2026).aldre_fodda_senast == 1958
    type_over(qtbot, page.rule_fields["konto_mil"], "5810")
    assert arvoden.regel(window.ff, 2026).konto_for(arvoden.MIL_FRI) == "5810"


def test_a_personnummer_is_checked_stored_and_only_ever_shown_masked(page, window, qtbot):
    page.tabs.setCurrentIndex(2)
    page.people.setCurrentIndex(page.people_model.index(0, 0))
    person = page.selected_person()
    page.pnr.setFocus()
    qtbot.keyClicks(page.pnr, "19650101-1234")
    qtbot.keyClick(page.pnr, Qt.Key.Key_Return)
    assert "inget giltigt personnummer" in page.pnr.error.text()
    type_over(qtbot, page.pnr, "811218-9876")
    stored = next(m for m in arvoden.mottagare(window.ff, page.today()) if m.namn == person.namn)
    assert stored.personnummer == "19811218-9876"
    assert page.people_model.data(page.people_model.index(0, 1)) == "19811218-****"
    assert page.pnr.text() == "" and page.pnr.placeholderText() == "19811218-****"
    page.betalas.pick(False)
    assert page.people_model.data(page.people_model.index(0, 3)) == "Nej"
    qtbot.mouseClick(page.remove_pnr, Qt.MouseButton.LeftButton)
    assert page.people_model.data(page.people_model.index(0, 1)) == ""


def test_the_excel_for_the_payroll_holds_the_lines_shown(page, tmp_path):
    target = tmp_path / page.suggested_name()
    assert target.name == "Arvoden 2025-09-01–2025-09-30.xlsx"
    u = page.export_to(target)
    sheet = load_workbook(target)["Arvoden"]
    names = [row[0] for row in sheet.iter_rows(min_row=2, values_only=True) if row[0]]
    assert len(u.rader) == page.rows_model.rowCount()
    assert sorted({r.namn for r in u.rader}) == sorted(set(names) - {"Summa"})


def test_the_recipients_are_todays_styrelse_unless_asked_for_everyone(page, window):
    from finsam_desktop import styrelse

    shown = {m.namn for m in page.people_model.records()}
    everyone = arvoden.mottagare(window.ff, page.today())
    assert shown == {m.namn for m in everyone if m.i_styrelsen}
    assert "Eva Berg" not in shown and "Anna Ek" in shown  # Eva's seat has ended
    page.all_people.setChecked(True)
    assert page.people_model.rowCount() == len(everyone) == len(styrelse.personer(window.ff))


def test_a_short_meeting_is_whole_hours_between_1_and_24(page, window, qtbot):
    page.tabs.setCurrentIndex(1)
    field = page.rule_fields["kort_timmar"]
    for typed, says in (("fyra", "inget antal"), ("30", "mellan 1 och 24"), ("", "mellan 1")):
        type_over(qtbot, field, typed)
        assert says in field.error.text()
        field.revert()
    assert arvoden.regel(window.ff, 2025).kort_timmar == 4


def test_exportera_excel_writes_off_the_gui_thread_and_says_where(
    page, tmp_path, qtbot, monkeypatch
):
    import threading

    from reports import arvoden_excel

    threads = []
    real = arvoden_excel.write

    def spy(*args, **kwargs):
        threads.append(threading.current_thread() is threading.main_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(arvoden_excel, "write", spy)
    target = tmp_path / "Lön september.xlsx"
    operation = page.export_in_background(target)
    assert not page.export_button.isEnabled()  # one export at a time
    with qtbot.waitSignal(operation.finished, timeout=20000):
        pass
    assert threads == [False]
    assert operation.succeeded
    assert page.export_message.text() == f"Sparad: {target}"
    assert page.export_button.isEnabled()
    names = {r[0] for r in load_workbook(target)["Arvoden"].iter_rows(min_row=2, values_only=True)}
    assert {r.namn for r in arvoden.underlag(page.ff, page.fran, page.till).rader} <= names


def test_an_export_the_folder_refuses_is_told_beside_the_table(page, tmp_path, qtbot):
    folder = tmp_path / "låst"
    folder.mkdir()
    (folder / "Arvoden.xlsx").mkdir()  # a folder where the file should go: nothing can replace it
    operation = page.export_in_background(folder / "Arvoden.xlsx")
    with qtbot.waitSignal(operation.finished, timeout=20000):
        pass
    assert not operation.succeeded
    assert page.rows_error.text().startswith("Excel-filen kunde inte skrivas:")
    assert "Arvoden.xlsx" in page.rows_error.text()
    assert page.export_message.text() == ""
