"""The balansbudget (issue 15, 4): the current year's year end from its bokslut, a typed
prognosis or the last bokslut rolled forward, then through the budgeted results; the
balance holds every year and eget kapital is the one forecast every report gives."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from openpyxl import load_workbook

from finsam_desktop import balansbudget as bb
from finsam_desktop import ekonomi, storage
from finsam_desktop.arbetsbok import WorkbookError, export_workbook, import_workbook
from finsam_desktop.check import run_checks
from finsam_desktop.errors import Refusal
from finsam_desktop.money import kr_to_ore

AR = 2026  # the budget year; 2025 is the current year, 2024 the last bokslut


def _version(db, vid: int, ar: int, rows, *, status="forslag", motivering=""):
    db["budget_version"].insert(
        {"id": vid, "ar": ar, "status": status, "eget_kapital_motivering": motivering,
         "beslut_datum": f"{ar - 1}-11-28" if status == "beslutad" else None}
    )  # fmt: skip
    for n, (grupp, text, medlem, per_year) in enumerate(rows, start=1):
        rid = vid * 100 + n
        db["budget_rad"].insert(
            {"id": rid, "version_id": vid, "grupp": grupp, "ordning": n, "text": text,
             "medlem_id": medlem}
        )  # fmt: skip
        for year, kr in zip(range(ar, ar + 3), per_year, strict=True):
            db["budget_belopp"].insert({"rad_id": rid, "ar": year, "belopp_ore": kr_to_ore(kr)})


@pytest.fixture
def plan(ff):
    """Sollefteå's 2024 bokslut, a decided 2025 budget with a surplus of 50 000 kr, and a
    2026 budget that uses eget kapital in 2026 and 2027."""
    with ff.write() as db:
        db["medlem"].insert_all(
            [
                {"id": 1, "namn": "Försäkringskassan", "typ": "forsakringskassan", "andel": "50"},
                {"id": 2, "namn": "Sollefteå kommun", "typ": "kommun", "andel": "50"},
            ]
        )
        db["bokslut"].insert(
            {
                "ar": 2024,
                "kortfristiga_fordringar_ore": kr_to_ore(17_730),
                "kassa_och_bank_ore": kr_to_ore(980_030),
                "eget_kapital_ore": kr_to_ore(820_526),
                "kortfristiga_skulder_ore": kr_to_ore(177_234),
                "driftbidrag_ore": kr_to_ore(2_832_000),
            }
        )
        _version(
            db, 1, 2025,
            [("intakter", "Driftbidrag FK", 1, (1_416_000,) * 3),
             ("intakter", "Driftbidrag kommun", 2, (1_416_000,) * 3),
             ("insatser", "SamCoach", None, (-2_782_000,) * 3)],
            status="beslutad",
        )  # fmt: skip
        _version(
            db, 2, AR,
            [("intakter", "Driftbidrag FK", 1, (1_450_000, 1_450_000, 1_450_000)),
             ("intakter", "Driftbidrag kommun", 2, (1_450_000, 1_450_000, 1_450_000)),
             ("administration", "Kansli", None, (-750_000, -760_000, -770_000)),
             ("insatser", "SamCoach", None, (-2_350_000, -2_200_000, -2_130_000))],
            motivering="Eget kapital över taket används för SamCoach.",
        )  # fmt: skip
    return ff


def _balances_and_follows_the_forecast(ff, vid: int) -> list[bb.Balansar]:
    columns = bb.balansbudget(ff, vid)
    forecast = {p.ar: p.eget_kapital for p in ekonomi.eget_kapital_prognos(ff, vid)}
    assert [c.ar for c in columns] == [AR - 1, AR, AR + 1, AR + 2]
    for c in columns[1:]:
        assert c.summa_tillgangar == c.summa_eget_kapital_avsattningar_skulder, c.ar
    for c in columns:
        assert c.eget_kapital == forecast[c.ar], c.ar
    for before, c in itertools.pairwise(columns):
        assert c.eget_kapital == before.eget_kapital + ekonomi.budget_resultat(ff, vid, c.ar)
    return columns


def test_without_a_bokslut_for_the_current_year_the_last_one_is_rolled_forward(plan):
    start, budget, plan1, plan2 = _balances_and_follows_the_forecast(plan, 2)
    last = ekonomi.bokslut(plan, 2024)
    assert start.grund is bb.Grund.FRAMSKRIVEN and start.fran_bokslut == 2024
    # 2025's eget kapital: 2024's plus the decided 2025 budget's result of 50 000 kr
    assert start.eget_kapital == last.eget_kapital + ekonomi.budget_resultat(plan, 1, 2025)
    assert start.kortfristiga_fordringar == last.kortfristiga_fordringar
    assert start.kortfristiga_skulder == last.kortfristiga_skulder
    assert start.summa_tillgangar == start.summa_eget_kapital_avsattningar_skulder
    # the deficit years take kassa och bank down by the deficit, the rest stays
    assert budget.kassa_och_bank == start.kassa_och_bank + ekonomi.budget_resultat(plan, 2, AR)
    assert budget.kassa_och_bank < start.kassa_och_bank
    assert plan2.kortfristiga_skulder == plan1.kortfristiga_skulder == last.kortfristiga_skulder
    assert [c.resultat for c in (budget, plan1, plan2)] == [
        ekonomi.budget_resultat(plan, 2, y) for y in (AR, AR + 1, AR + 2)
    ]


def test_a_closed_current_year_starts_from_its_bokslut(plan):
    with plan.write() as db:
        db["bokslut"].insert(
            {"ar": 2025, "anlaggningstillgangar_ore": kr_to_ore(40_000),
             "kortfristiga_fordringar_ore": kr_to_ore(22_000),
             "kassa_och_bank_ore": kr_to_ore(1_000_000),
             "eget_kapital_ore": kr_to_ore(880_000), "avsattningar_ore": kr_to_ore(12_000),
             "kortfristiga_skulder_ore": kr_to_ore(170_000)}
        )  # fmt: skip
    start, *years = _balances_and_follows_the_forecast(plan, 2)
    assert start.grund is bb.Grund.BOKSLUT
    assert (start.eget_kapital, start.kassa_och_bank) == (kr_to_ore(880_000), kr_to_ore(1_000_000))
    for c in years:  # kept from the starting column
        assert c.anlaggningstillgangar == kr_to_ore(40_000)
        assert c.avsattningar == kr_to_ore(12_000)
        assert c.kortfristiga_fordringar == kr_to_ore(22_000)


def test_a_typed_prognosis_is_the_start_and_the_eget_kapital_forecast_everywhere(plan):
    plan.enable_undo()
    typed = {
        "kortfristiga_fordringar_ore": kr_to_ore(25_000),
        "kassa_och_bank_ore": kr_to_ore(1_010_000),
        "eget_kapital_ore": kr_to_ore(860_000),
        "kortfristiga_skulder_ore": kr_to_ore(175_000),
    }
    bb.spara_balansprognos(plan, 2025, typed)
    assert plan.undo_label == "Balansprognos 2025"
    assert bb.sparad_balansprognos(plan, 2025) == {
        **dict.fromkeys((f.namn for f in bb.PROGNOSFALT), 0),
        **typed,
    }
    start, budget, *_ = _balances_and_follows_the_forecast(plan, 2)
    assert start.grund is bb.Grund.PROGNOS
    assert start.kassa_och_bank == kr_to_ore(1_010_000)
    # the prognosis's eget kapital is 2025's forecast: the ceiling table and the check use it
    p2025 = next(p for p in ekonomi.eget_kapital_prognos(plan, 2) if p.ar == 2025)
    assert p2025.eget_kapital == kr_to_ore(860_000) and p2025.balansprognos
    assert budget.eget_kapital == kr_to_ore(860_000) + ekonomi.budget_resultat(plan, 2, AR)
    plan.undo()
    assert bb.balansprognos(plan, 2025) is None
    assert bb.balansbudget(plan, 2)[0].grund is bb.Grund.FRAMSKRIVEN


def test_a_typed_prognosis_is_enough_without_any_bokslut(plan):
    with plan.write() as db:
        db.execute("DELETE FROM bokslut")
    assert bb.balansbudget(plan, 2) == []
    assert ekonomi.eget_kapital_prognos(plan, 2) == []
    typed = {"kassa_och_bank_ore": kr_to_ore(900_000), "eget_kapital_ore": kr_to_ore(900_000)}
    bb.spara_balansprognos(plan, 2025, typed)
    start, *_ = _balances_and_follows_the_forecast(plan, 2)
    assert start.eget_kapital == kr_to_ore(900_000)


def test_a_prognosis_is_removed_and_bad_figures_are_refused_in_swedish(plan):
    bb.spara_balansprognos(plan, 2025, {"kassa_och_bank_ore": kr_to_ore(1)})
    with pytest.raises(Refusal, match="Kassa och bank kan inte vara negativa"):
        bb.spara_balansprognos(plan, 2025, {"kassa_och_bank_ore": -100})
    assert bb.balansprognos(plan, 2025).kassa_och_bank == 100  # unchanged
    with pytest.raises(Refusal, match="inte 1990"):
        bb.spara_balansprognos(plan, 1990, {})
    bb.spara_balansprognos(plan, 2025, {"eget_kapital_ore": -5_000})  # a deficit can be
    bb.ta_bort_balansprognos(plan, 2025)
    assert bb.balansprognos_ar(plan) == []


# -- finsam check --------------------------------------------------------------------------------


def _codes(ff) -> set[str]:
    return {f.code for f in run_checks(ff, today=dt.date(2025, 11, 20))}


BALANSKODER = {"balansprognos_balans", "balansprognos_efter_bokslut", "balansbudget_kassa_negativ"}


def test_a_balanced_prognosis_and_a_budget_with_cash_left_give_no_finding(plan):
    bb.spara_balansprognos(
        plan,
        2025,
        {"kassa_och_bank_ore": kr_to_ore(1_000_000), "eget_kapital_ore": kr_to_ore(860_000),
         "kortfristiga_skulder_ore": kr_to_ore(140_000)},
    )  # fmt: skip
    assert all(c.kassa_och_bank >= 0 for c in bb.balansbudget(plan, 2))
    assert not _codes(plan) & BALANSKODER


def test_a_typed_prognosis_whose_sides_differ_is_an_error_with_the_figures(plan):
    bb.spara_balansprognos(
        plan,
        2025,
        {"kassa_och_bank_ore": kr_to_ore(1_000_000), "eget_kapital_ore": kr_to_ore(860_000),
         "kortfristiga_skulder_ore": kr_to_ore(104_000)},
    )  # fmt: skip
    found = [f for f in run_checks(plan, today=dt.date(2025, 11, 20)) if f.code in BALANSKODER]
    assert [(f.code, f.severity, f.table, f.key, f.year) for f in found] == [
        ("balansprognos_balans", "fel", "balansprognos", 2025, 2025)
    ]
    message = found[0].message.replace("\u00a0", " ")
    assert "Balansprognos 2025: summa tillgångar 1 000 000 kr" in message
    assert "eget kapital + avsättningar + skulder 964 000 kr (skillnad 36 000 kr)" in message


def test_a_prognosis_for_a_closed_year_is_not_used_and_says_so(plan):
    bb.spara_balansprognos(plan, 2024, {"kassa_och_bank_ore": 100, "eget_kapital_ore": 100})
    assert "balansprognos_efter_bokslut" in _codes(plan)


def test_a_plan_year_whose_kassa_och_bank_turns_negative_is_a_warning(plan):
    with plan.write() as db:
        db["budget_rad"].insert(
            {"id": 299, "version_id": 2, "grupp": "insatser", "ordning": 9, "text": "Ny insats"}
        )
        for year in (AR, AR + 1, AR + 2):
            db["budget_belopp"].insert(
                {"rad_id": 299, "ar": year, "belopp_ore": -kr_to_ore(600_000)}
            )
    negative = [c.ar for c in bb.balansbudget(plan, 2) if c.kassa_och_bank < 0]
    assert negative  # the deficits outrun the cash
    found = [f for f in run_checks(plan, today=dt.date(2025, 11, 20))
             if f.code == "balansbudget_kassa_negativ"]  # fmt: skip
    assert [f.year for f in found] == negative
    assert all(f.severity == "varning" and f.key == 2 for f in found)
    assert "kassa och bank blir −" in found[0].message


# -- the arbetsbok -----------------------------------------------------------------------------


def test_the_arbetsbok_carries_the_prognosis_to_a_new_file_with_the_same_figures(plan, tmp_path):
    typed = {
        "anlaggningstillgangar_ore": kr_to_ore(45_000),
        "kortfristiga_fordringar_ore": 2_000_050,
        "kassa_och_bank_ore": kr_to_ore(1_000_000),
        "eget_kapital_ore": kr_to_ore(860_000) + 50,
        "kortfristiga_skulder_ore": kr_to_ore(205_000),
    }
    bb.spara_balansprognos(plan, 2025, typed)
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(plan, book)
    ws = load_workbook(book)["Balansprognos"]
    assert [c.value for c in ws[1]] == ["År", *(f.etikett for f in bb.PROGNOSFALT)]
    assert [c.value for c in ws[2]][:4] == [2025, 45_000, 20_000.5, 1_000_000]
    with storage.create_file(tmp_path / "Ny.finsam", namn="Ny") as other:
        import_workbook(other, book)
        assert bb.balansprognos(other, 2025) == bb.balansprognos(plan, 2025)
        assert bb.balansbudget(other, 2) == bb.balansbudget(plan, 2)


def test_a_bad_figure_in_the_prognosis_sheet_is_refused_in_swedish_and_nothing_changes(
    plan, tmp_path
):
    bb.spara_balansprognos(plan, 2025, {"kassa_och_bank_ore": kr_to_ore(1_000)})
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(plan, book)
    wb = load_workbook(book)
    ws = wb["Balansprognos"]
    column = 1 + [c.value for c in ws[1]].index("Kassa och bank")
    ws.cell(2, column, -1_000)
    ws.cell(3, 1, 2025)  # the same year twice
    wb.save(book)
    with pytest.raises(WorkbookError) as caught:
        import_workbook(plan, book)
    said = [str(p) for p in caught.value.problems]
    assert any(
        'Blad "Balansprognos", rad 2, kolumn "Kassa och bank"' in s and "negativt" in s
        for s in said
    ), said
    assert any("Balansprognosen för 2025" in s for s in said), said
    assert bb.balansprognos(plan, 2025).kassa_och_bank == kr_to_ore(1_000)


def test_an_older_workbook_without_the_sheet_imports_without_a_prognosis(plan, tmp_path):
    bb.spara_balansprognos(plan, 2025, {"kassa_och_bank_ore": kr_to_ore(1_000)})
    book = tmp_path / "arbetsbok.xlsx"
    export_workbook(plan, book)
    wb = load_workbook(book)
    del wb["Balansprognos"]
    wb.save(book)
    import_workbook(plan, book)
    assert bb.balansprognos_ar(plan) == []
