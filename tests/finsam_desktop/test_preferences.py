"""A preference (the budget grid's unit) is kept in the file, outside Ångra and the arbetsbok."""

from __future__ import annotations

from openpyxl import load_workbook

from finsam_desktop import storage
from finsam_desktop.arbetsbok import export_workbook, import_workbook, load_content
from finsam_desktop.settings import PREFERENCES, SETTINGS, get_setting, set_setting


def test_the_budget_unit_is_a_preference_with_tkr_by_default(ff):
    assert "budget_enhet" in PREFERENCES
    assert SETTINGS["budget_enhet"].default == "tkr"
    assert get_setting(ff, "budget_enhet") == "tkr"


def test_the_unit_chosen_is_in_the_file_when_it_is_opened_again(tmp_file, ff):
    set_setting(ff, "budget_enhet", "kr")
    ff.close()
    with storage.open_file(tmp_file, storage.OpenOptions(daily_backup=False)) as again:
        assert get_setting(again, "budget_enhet") == "kr"


def test_a_unit_the_program_does_not_know_reads_as_tkr(ff):
    with ff.write("Handredigerat") as db:
        db.execute("INSERT INTO installning (nyckel, varde) VALUES ('budget_enhet', 'mkr')")
    assert get_setting(ff, "budget_enhet") == "tkr"


def test_changing_a_preference_is_no_action_for_angra_and_keeps_gor_om(ff):
    ff.enable_undo()
    set_setting(ff, "eget_kapital_tak_procent", 25)
    set_setting(ff, "delarsrapport", False)
    ff.undo()
    assert ff.undo_label == "Ändra inställning: Tak för eget kapital (% av årets driftbidrag)"
    redo = ff.redo_label
    set_setting(ff, "budget_enhet", "kr")
    set_setting(ff, "budget_enhet", "tkr")
    set_setting(ff, "budget_enhet", "kr")
    # the Redigera menu still offers what it offered; the unit stays what was chosen last
    assert ff.undo_label == "Ändra inställning: Tak för eget kapital (% av årets driftbidrag)"
    assert ff.redo_label == redo
    ff.redo()
    assert get_setting(ff, "delarsrapport") is False
    ff.undo()
    ff.undo()
    assert get_setting(ff, "eget_kapital_tak_procent") == 20
    assert get_setting(ff, "budget_enhet") == "kr"


def test_a_preference_written_between_undo_and_redo_never_takes_a_row_they_put_back(ff):
    ff.enable_undo()
    set_setting(ff, "delarsrapport", False)  # a new row, numbered after every other
    ff.undo()  # the row goes; Gör om puts it back with its number
    set_setting(ff, "budget_enhet", "kr")  # the first time: a new row too
    ff.redo()
    assert get_setting(ff, "delarsrapport") is False
    ff.undo()
    ff.redo()
    assert get_setting(ff, "budget_enhet") == "kr"


def test_a_workbook_import_keeps_the_unit_and_undoing_it_after_the_unit_changed_works(ff, tmp_path):
    ff.enable_undo()
    set_setting(ff, "eget_kapital_tak_procent", 25)
    set_setting(ff, "budget_enhet", "kr")
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(ff, book)
    import_workbook(ff, book)  # replaces the förbund's content, not how it is looked at
    assert get_setting(ff, "budget_enhet") == "kr"
    assert get_setting(ff, "eget_kapital_tak_procent") == 25  # carried by the arbetsbok
    set_setting(ff, "budget_enhet", "tkr")
    set_setting(ff, "budget_enhet", "kr")
    assert ff.undo_label == "Importera arbetsbok"
    ff.undo()
    assert get_setting(ff, "eget_kapital_tak_procent") == 25
    assert get_setting(ff, "budget_enhet") == "kr"
    ff.redo()
    assert get_setting(ff, "budget_enhet") == "kr"


def test_the_arbetsbok_carries_the_forbunds_settings_not_the_unit_it_is_viewed_in(ff, tmp_path):
    set_setting(ff, "budget_enhet", "kr")
    set_setting(ff, "eget_kapital_tak_procent", 25)
    assert "budget_enhet" not in load_content(ff).installningar
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(ff, book)
    labels = [r[0] for r in load_workbook(book)["Inställningar"].iter_rows(values_only=True)]
    assert "Tak för eget kapital (% av årets driftbidrag)" in labels
    assert SETTINGS["budget_enhet"].label not in labels
