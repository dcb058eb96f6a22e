"""The verksamhetsplan read back: the decided budget with its plan years, the insatser and
the forecast eget kapital against the ceiling."""

from __future__ import annotations

import pytest
from fixed_days import DEMO_DAY
from report_helpers import read_pages, tkr

from finsam_desktop import ekonomi, rapportdata
from reports import verksamhetsplan
from reports.pdf.document import UTKAST

AR = 2027


@pytest.fixture
def pages(demo, tmp_path) -> list[str]:
    return read_pages(verksamhetsplan.build(demo, AR, today=DEMO_DAY), tmp_path)


def test_the_default_year_is_the_latest_budget_year(demo):
    assert verksamhetsplan.default_year(demo, DEMO_DAY) == AR


def test_the_cover_names_the_years_and_the_boards_decision(demo, pages):
    version = ekonomi.gallande_budget(demo, AR)
    cover = pages[0]
    assert "Verksamhetsplan med budget" in cover
    assert "2027 med plan för 2028–2029" in cover
    assert f"Beslutad av styrelsen {version['beslut_datum']}" in cover
    assert not any(UTKAST in p for p in pages)


def test_the_budget_table_has_every_row_the_group_sums_and_the_result(demo, pages):
    version = ekonomi.gallande_budget(demo, AR)
    text = " ".join(pages)
    budget = text[text.index("Budget 2027 Plan 2028 Plan 2029 Intäkter") :]
    for row in ekonomi.budget_rader(demo, version["id"], AR):
        assert row["text"] in budget
    sums = ekonomi.budget_per_grupp(demo, version["id"], AR)
    plan1 = ekonomi.budget_per_grupp(demo, version["id"], AR + 1)
    assert (
        f"Summa intäkter {tkr(sums[ekonomi.Grupp.INTAKTER])} {tkr(plan1[ekonomi.Grupp.INTAKTER])}"
        in budget
    )
    results = [ekonomi.budget_resultat(demo, version["id"], y) for y in (AR, AR + 1, AR + 2)]
    assert "Budgeterat resultat " + " ".join(tkr(r) for r in results) in budget


def test_the_members_driftbidrag_follow_the_budget(demo, pages):
    version = ekonomi.gallande_budget(demo, AR)
    text = " ".join(pages)
    total = sum(ekonomi.budget_driftbidrag(demo, version["id"], AR).values())
    assert f"Summa driftbidrag {tkr(total)}" in text


def test_eget_kapital_is_forecast_from_the_last_bokslut_against_the_ceiling(demo, pages):
    version = ekonomi.gallande_budget(demo, AR)
    prognos = ekonomi.eget_kapital_prognos(demo, version["id"])
    assert prognos[0].ar == 2025 and prognos[0].utfall
    assert [p.ar for p in prognos] == [2025, 2026, 2027, 2028, 2029]
    text = " ".join(pages)
    assert "Eget kapital vid årets slut " + " ".join(tkr(p.eget_kapital) for p in prognos) in text
    assert "Tak för eget kapital " + " ".join(tkr(p.tak) for p in prognos) in text
    assert "Eget kapital mot taket, utfall och prognos" in text  # the chart


def test_each_insats_shows_owner_medparter_period_and_goals_with_how_they_are_measured(demo, pages):
    text = " ".join(pages)
    insatser = rapportdata.insatser(demo, AR, plan_ar=(AR + 1, AR + 2))
    assert insatser
    for i in insatser:
        assert i.namn in text
        assert i.agare in text
        for g in i.mal:
            assert g.mal[:12] in text


def test_a_year_without_a_budget_still_gives_a_plan_that_says_so(demo, tmp_path):
    pages = read_pages(verksamhetsplan.build(demo, 2040, today=DEMO_DAY), tmp_path)
    assert "Förslag till styrelsen" in pages[0]
    assert "Det finns ingen budget för 2040 i förbundsfilen." in " ".join(pages)
