"""The förbund's own goals (issue 15, 6): kept, ordered, assessed, carried by the arbetsbok."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

from finsam_desktop import forbundsmal as fm
from finsam_desktop.arbetsbok import WorkbookError, export_workbook, import_workbook
from finsam_desktop.forbund import Ogiltigt
from finsam_desktop.model import Bedomning, MalSlag, Skede
from finsam_desktop.settings import set_setting


def test_goals_apply_for_their_years_verksamhet_before_finansiella(ff):
    ek = fm.nytt_mal(ff, MalSlag.FINANSIELLT, "Eget kapital högst 20 %", 2024)
    a = fm.nytt_mal(ff, MalSlag.VERKSAMHET, "Fler når egen försörjning", 2024, omrade="Arbete")
    b = fm.nytt_mal(ff, MalSlag.VERKSAMHET, "Ett fungerande beredande organ", 2025)
    fm.andra_ar(ff, a, 2024, 2025)
    assert [m.id for m in fm.forbundsmal(ff)] == [a, b, ek]
    assert [m.id for m in fm.forbundsmal(ff, 2024)] == [a, ek]
    assert [m.id for m in fm.forbundsmal(ff, 2026)] == [b, ek]  # a ended 2025
    assert fm.hamta(ff, a).omrade == "Arbete"
    fm.flytta(ff, b, -1)
    assert [m.id for m in fm.forbundsmal(ff, 2025)][:2] == [b, a]


def test_bad_goals_are_refused_in_swedish_and_nothing_changes(ff):
    with pytest.raises(Ogiltigt, match="Målet"):
        fm.nytt_mal(ff, MalSlag.VERKSAMHET, "   ", 2024)
    a = fm.nytt_mal(ff, MalSlag.VERKSAMHET, "Fler i arbete", 2024)
    with pytest.raises(Ogiltigt, match="kan inte gälla till 2023 när det gäller från 2024"):
        fm.andra_ar(ff, a, 2024, 2023)
    with pytest.raises(Ogiltigt, match="inget år"):
        fm.satt_bedomning(ff, a, 1999, Skede.HELAR, Bedomning.UPPNATT)
    assert fm.hamta(ff, a).till_ar is None and fm.hamta(ff, a).bedomningar == {}


def test_a_goal_is_assessed_per_year_at_the_delar_and_for_the_whole_year(ff):
    ff.enable_undo()
    a = fm.nytt_mal(ff, MalSlag.VERKSAMHET, "Fler i arbete", 2024)
    fm.satt_bedomning(ff, a, 2025, Skede.DELAR, Bedomning.DELVIS, " Hittills 40 %. ")
    fm.satt_bedomning(ff, a, 2025, Skede.HELAR, Bedomning.UPPNATT, "62 % i arbete.")
    m = fm.hamta(ff, a)
    assert m.bedomning(2025, Skede.DELAR) == (Bedomning.DELVIS, "Hittills 40 %.")
    assert m.bedomning(2025) == (Bedomning.UPPNATT, "62 % i arbete.")
    assert ff.undo_label == "Målets bedömning 2025"
    assert fm.utan_bedomning(ff, 2025) == []
    assert [g.id for g in fm.utan_bedomning(ff, 2024)] == [a]
    ff.undo()
    assert fm.hamta(ff, a).bedomning(2025) is None
    fm.satt_bedomning(ff, a, 2025, Skede.DELAR, None)
    assert fm.hamta(ff, a).bedomningar == {}


def test_the_forbund_names_the_steps_of_its_scale(ff):
    assert fm.bedomningsord(ff, Bedomning.UPPNATT) == "Målet uppnått"
    set_setting(ff, "bedomning_uppnatt", "Helt och hållet")
    assert fm.bedomningsord(ff, Bedomning.UPPNATT) == "Helt och hållet"
    assert fm.bedomningsord(ff, Bedomning.DELVIS) == "Till viss del"


def test_the_arbetsbok_carries_the_goals_and_their_bedomningar(ff, tmp_path):
    ek = fm.nytt_mal(ff, MalSlag.FINANSIELLT, "Eget kapital högst 20 %", 2024)
    a = fm.nytt_mal(ff, MalSlag.VERKSAMHET, "Fler i arbete", 2024, omrade="Arbete")
    fm.satt_bedomning(ff, ek, 2024, Skede.HELAR, Bedomning.EJ_UPPNATT, "29 %.")
    book = tmp_path / "a.xlsx"
    export_workbook(ff, book)
    ws = load_workbook(book)["Förbundets mål"]
    rows = [[c.value for c in r] for r in ws.iter_rows()]
    assert rows[0] == ["Nr", "Slag", "Område", "Mål", "Mått", "Uppföljning", "Från år", "Till år"]
    assert rows[1][:4] == [1, "Verksamhetsmål", "Arbete", "Fler i arbete"]
    assert rows[2][:2] == [2, "Finansiella mål"]
    ws = load_workbook(book)["Förbundets målbedömningar"]
    assert [c.value for c in ws[2]] == [2, 2024, "Helår", "Ej uppnått", "29 %."]
    before = [(m.slag, m.mal, m.bedomningar) for m in fm.forbundsmal(ff)]
    import_workbook(ff, book)
    assert [(m.slag, m.mal, m.bedomningar) for m in fm.forbundsmal(ff)] == before
    assert a  # the ids may change; the goals and their bedömningar do not


def _edit(book, sheet: str, row: int, values: list) -> None:
    wb = load_workbook(book)
    for col, value in enumerate(values, start=1):
        wb[sheet].cell(row=row, column=col, value=value)
    wb.save(book)


def test_a_workbook_with_wrong_goals_is_refused_whole(ff, tmp_path):
    fm.nytt_mal(ff, MalSlag.VERKSAMHET, "Fler i arbete", 2024)
    book = tmp_path / "a.xlsx"
    export_workbook(ff, book)
    _edit(book, "Förbundets mål", 3, [1, "Verksamhetsmål", "", "Ett till", None, None, 2026, 2025])
    _edit(book, "Förbundets målbedömningar", 2, [7, 2024, "Helår", "Kanske", None])
    with pytest.raises(WorkbookError) as caught:
        import_workbook(ff, book)
    said = "\n".join(str(p) for p in caught.value.problems)
    assert "Mål nr 1" in said  # the same Nr twice
    assert "Till år (2025) är före från år (2026)." in said
    assert "inget mål nr 7" in said
    assert "”Kanske”" in said
    assert [m.mal for m in fm.forbundsmal(ff)] == ["Fler i arbete"]  # nothing changed


def test_an_older_workbook_without_the_goal_sheets_imports_without_goals(ff, tmp_path):
    fm.nytt_mal(ff, MalSlag.VERKSAMHET, "Fler i arbete", 2024)
    book = tmp_path / "a.xlsx"
    export_workbook(ff, book)
    wb = load_workbook(book)
    del wb["Förbundets mål"], wb["Förbundets målbedömningar"]
    wb.save(book)
    import_workbook(ff, book)
    assert fm.forbundsmal(ff) == []
