"""The delårsbalans: the balance at the end of a delårsrapport's period, stored, checked against
the bokslut and the monthly utfall, carried by the arbetsbok (issue 16: LKBR 13 kap. asks the
delårsrapport for a balansräkning)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from fixed_days import DEMO_DAY
from openpyxl import load_workbook

from finsam_desktop import delarsbalans as db_
from finsam_desktop import ekonomi, storage
from finsam_desktop.arbetsbok import WorkbookError, export_workbook, import_workbook
from finsam_desktop.check import run_checks
from finsam_desktop.errors import Refusal

AR = DEMO_DAY.year
CODES = {"delarsbalans_balans", "delarsbalans_eget_kapital", "delarsbalans_utan_utfall"}


def _findings(ff) -> list:
    return [f for f in run_checks(ff, today=DEMO_DAY) if f.code in CODES]


def _as_fields(b: db_.Delarsbalans) -> dict[str, int]:
    values = dataclasses.asdict(b)
    return {f.namn: values[f.namn.removesuffix("_ore")] for f in db_.FALT}


def test_the_demos_balance_per_31_august_reconciles_with_its_bokslut_and_utfall(demo):
    b = db_.delarsbalans(demo, AR, 8)
    assert b is not None and b.datum == dt.date(AR, 8, 31)
    assert b.obalans == 0
    before = ekonomi.bokslut(demo, AR - 1)
    assert b.eget_kapital == before.eget_kapital + ekonomi.arets_resultat(demo, AR, till_manad=8)
    assert _findings(demo) == []


def test_a_balance_whose_sides_differ_and_an_eget_kapital_off_the_books_are_errors(demo):
    b = db_.delarsbalans(demo, AR, 8)
    fields = _as_fields(b)
    db_.spara(demo, AR, 8, {**fields, "kassa_och_bank_ore": b.kassa_och_bank - 10_000_00})
    found = _findings(demo)
    assert [(f.code, f.severity, f.table, f.year) for f in found] == [
        ("delarsbalans_balans", "fel", "delarsbalans", AR)
    ]
    assert "skillnad 10 000 kr" in found[0].message.replace("\u00a0", " ")
    # both sides moved alike: it balances, but eget kapital is not last year's + the period's
    db_.spara(
        demo, AR, 8,
        {**fields, "kassa_och_bank_ore": b.kassa_och_bank + 500_00,
         "eget_kapital_ore": b.eget_kapital + 500_00},
    )  # fmt: skip
    found = _findings(demo)
    assert [f.code for f in found] == ["delarsbalans_eget_kapital"]
    message = found[0].message.replace("\u00a0", " ")
    assert f"Delårsbalans per {AR}-08-31" in message and "(skillnad 500 kr)" in message
    assert "periodens resultat" in message


def test_a_period_that_is_not_one_and_negative_figures_are_refused_and_nothing_changes(demo):
    before = db_.perioder(demo)
    with pytest.raises(Refusal, match="januari–november"):
        db_.spara(demo, AR, 12, {"kassa_och_bank_ore": 100})
    with pytest.raises(Refusal, match="Kassa och bank kan inte vara negativa"):
        db_.spara(demo, AR, 6, {"kassa_och_bank_ore": -100})
    with pytest.raises(Refusal, match="2004–2200"):
        db_.spara(demo, 1999, 6, {"kassa_och_bank_ore": 100})
    assert db_.perioder(demo) == before
    db_.spara(demo, AR, 6, {"eget_kapital_ore": -100, "kortfristiga_skulder_ore": 0})
    assert db_.delarsbalans(demo, AR, 6).eget_kapital == -100  # eget kapital may be negative
    db_.ta_bort(demo, AR, 6)
    assert db_.perioder(demo) == before


def test_the_arbetsbok_carries_the_balance_to_a_new_file_and_refuses_december(demo, tmp_path):
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(demo, book)
    ws = load_workbook(book)["Delårsbalans"]
    assert [c.value for c in ws[1]] == ["År", "Till och med månad", *(f.etikett for f in db_.FALT)]
    with storage.create_file(tmp_path / "Ny.finsam", namn="Ny") as other:
        import_workbook(other, book)
        assert db_.delarsbalans(other, AR, 8) == db_.delarsbalans(demo, AR, 8)
    wb = load_workbook(book)
    wb["Delårsbalans"].cell(2, 2, "december")
    wb.save(book)
    with storage.create_file(tmp_path / "Tom.finsam", namn="Tom") as other:
        with pytest.raises(WorkbookError) as caught:
            import_workbook(other, book)
        assert db_.perioder(other) == []  # all or nothing
    said = " ".join(str(p) for p in caught.value.problems)
    assert "Delårsbalans" in said and "januari–november" in said
