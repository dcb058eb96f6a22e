"""The figures ekonomi gives the reports: five-year översikt, driftredovisning with a
full-year prognosis, and eget kapital forecast against the ceiling."""

from __future__ import annotations

from finsam_desktop import ekonomi
from finsam_desktop.model import Grupp


def test_the_five_year_overview_runs_newest_first_and_leaves_unknown_years_empty(demo):
    rows = ekonomi.femarsoversikt(demo, 2025)
    assert [r.ar for r in rows] == [2025, 2024, 2023, 2022, 2021]
    newest = rows[0]
    assert newest.arets_resultat == ekonomi.arets_resultat(demo, 2025)
    assert newest.eget_kapital == ekonomi.eget_kapital_ub(demo, 2025)
    assert newest.soliditet == ekonomi.soliditet(demo, 2025)
    assert newest.medlemsintakter == ekonomi.driftbidrag(demo, 2025)
    rr = ekonomi.resultatrakning(demo, 2025)
    assert newest.medlemsintakter + newest.ovriga_intakter == rr.verksamhetens_intakter
    assert rows[-1].arets_resultat is None and rows[-1].eget_kapital is None


def test_the_five_year_result_matches_the_change_in_eget_kapital(demo):
    rows = {r.ar: r for r in ekonomi.femarsoversikt(demo, 2025)}
    assert rows[2025].eget_kapital - rows[2024].eget_kapital == rows[2025].arets_resultat


def test_the_driftredovisning_sums_to_the_budget_and_the_years_result(demo):
    rows = ekonomi.driftredovisning(demo, 2025)
    version = ekonomi.gallande_budget(demo, 2025)
    assert sum(r.utfall for r in rows) == ekonomi.arets_resultat(demo, 2025)
    assert sum(r.budget for r in rows) == ekonomi.budget_resultat(demo, version["id"], 2025)
    assert sum(r.foregaende_ar for r in rows) == ekonomi.arets_resultat(demo, 2024)
    insatser = [r for r in rows if r.grupp is Grupp.INSATSER and r.insats_id]
    per_insats = ekonomi.utfall_per_insats(demo, 2025)
    assert {r.insats_id: r.utfall for r in insatser if r.utfall} == per_insats
    assert all(r.avvikelse == r.utfall - r.budget for r in rows)


def test_utfall_per_text_keeps_the_order_rows_first_appear(demo):
    rows = ekonomi.utfall_per_text(demo, 2025, Grupp.INTAKTER)
    assert sum(v for _, v in rows) == ekonomi.utfall_per_grupp(demo, 2025)[Grupp.INTAKTER]
    assert rows[0][0].startswith("Driftbidrag staten")


def test_the_prognosis_of_a_cost_row_adds_the_budget_for_the_months_left():
    rad = ekonomi.Driftrad(Grupp.ADMINISTRATION, "Kansli", None, -1_200_000, -700_000, 0)
    assert ekonomi.helarsprognos(rad, 8) == -700_000 - 400_000
    assert ekonomi.helarsprognos(rad, 12) == -700_000


def test_the_prognosis_of_driftbidrag_is_the_decided_amount_unless_more_came_in():
    paid_by_quarter = ekonomi.Driftrad(Grupp.INTAKTER, "Intäkter", None, 4_000_000, 3_000_000, 0)
    assert ekonomi.helarsprognos(paid_by_quarter, 8) == 4_000_000
    extra = ekonomi.Driftrad(Grupp.INTAKTER, "Intäkter", None, 4_000_000, 4_100_000, 0)
    assert ekonomi.helarsprognos(extra, 8) == 4_100_000


def test_eget_kapital_is_forecast_through_the_plan_years(demo):
    version = ekonomi.gallande_budget(demo, 2027)
    rows = ekonomi.eget_kapital_prognos(demo, version["id"])
    assert [(r.ar, r.utfall) for r in rows] == [
        (2025, True),
        (2026, False),
        (2027, False),
        (2028, False),
        (2029, False),
    ]
    assert rows[0].eget_kapital == ekonomi.eget_kapital_ub(demo, 2025)
    # 2026 is running (monthly utfall to October): its prognosis, the delårsrapport's
    assert rows[1].prognos_till_manad == ekonomi.senaste_utfallsmanad(demo, 2026) == 10
    running = ekonomi.arsprognos(demo, 2026, 10)
    assert rows[1].eget_kapital == running.eget_kapital
    assert rows[1].eget_kapital == rows[0].eget_kapital + ekonomi.arets_resultat_prognos(
        demo, 2026, 10
    )
    assert (rows[1].driftbidrag, rows[1].tak) == (running.driftbidrag, running.tak)
    assert rows[2].eget_kapital == rows[1].eget_kapital + ekonomi.budget_resultat(
        demo, version["id"], 2027
    )
    assert all(r.tak == round(r.driftbidrag * 20 / 100) for r in rows)


def test_without_a_bokslut_there_is_no_forecast(ff):
    with ff.write() as db:
        db.execute("INSERT INTO budget_version (id, ar) VALUES (1, 2026)")
    assert ekonomi.eget_kapital_prognos(ff, 1) == []
