"""The delårsrapport read back: the period's figures, a full-year prognosis per row, and the
goal follow-up so far."""

from __future__ import annotations

import datetime as dt

import pytest
from fixed_days import DEMO_DAY
from report_helpers import read_pages, tkr

from finsam_desktop import ekonomi
from finsam_desktop.money import Unit, rounded
from reports import delarsrapport

AR = 2026


@pytest.fixture
def pages(demo, tmp_path) -> list[str]:
    return read_pages(delarsrapport.build(demo, AR, today=DEMO_DAY), tmp_path)


def test_the_default_date_is_31_august(pages):
    assert "Per 2026-08-31 (januari–augusti 2026)" in pages[0]
    assert "Delårsrapport per 2026-08-31" in pages[1]


def test_the_period_result_is_januari_to_augusti(demo, pages):
    rr = ekonomi.resultatrakning(demo, AR, till_manad=8)
    text = " ".join(pages)
    assert f"Periodens resultat {tkr(rr.arets_resultat)}" in text


def test_every_row_has_a_full_year_prognosis(demo, pages):
    text = " ".join(pages)
    rows = ekonomi.driftredovisning(demo, AR, till_manad=8)
    assert rows
    for r in rows:
        p = ekonomi.helarsprognos(r, 8)
        avvikelse = rounded(p, Unit.TKR) - rounded(r.budget, Unit.TKR)  # of the printed terms
        assert f"{tkr(r.budget)} {tkr(r.utfall)} {tkr(p)} {tkr(avvikelse)}" in text, r.text
    total = sum(ekonomi.helarsprognos(r, 8) for r in rows)
    assert f"Resultat {tkr(sum(r.budget for r in rows))} " in text
    assert tkr(total) in text


def test_the_prognosis_keeps_the_decided_driftbidrag_and_extends_costs_by_the_budget(demo):
    rows = {r.text: r for r in ekonomi.driftredovisning(demo, AR, till_manad=8)}
    intakter = rows["Intäkter"]
    assert ekonomi.helarsprognos(intakter, 8) == max(intakter.budget, intakter.utfall)
    admin = rows["Administration/kansli"]
    assert ekonomi.helarsprognos(admin, 8) == admin.utfall + round(admin.budget * 4 / 12)


def test_the_goals_are_followed_up_so_far(pages):
    text = " ".join(pages)
    assert "Måluppföljning hittills" in text
    assert "Mäts genom" in text and "bedöms i årsredovisningen" in text


def test_another_date_takes_the_months_up_to_it(demo, tmp_path):
    data = delarsrapport.build(demo, date=dt.date(2026, 6, 30), today=DEMO_DAY)
    pages = read_pages(data, tmp_path)
    assert "januari–juni 2026" in pages[0]
    rr = ekonomi.resultatrakning(demo, AR, till_manad=6)
    assert f"Periodens resultat {tkr(rr.arets_resultat)}" in " ".join(pages)


def test_a_date_inside_the_first_month_is_refused_in_swedish(demo):
    with pytest.raises(ValueError, match="ingen hel månad"):
        delarsrapport.build(demo, date=dt.date(2026, 1, 15), today=DEMO_DAY)


def test_a_date_outside_the_year_asked_for_is_refused(demo):
    with pytest.raises(ValueError, match="ligger inte i år 2025"):
        delarsrapport.build(demo, 2025, dt.date(2026, 8, 31), today=DEMO_DAY)


def test_the_prognosis_is_stated_with_its_method_and_gives_the_figures_shown(demo, pages):
    text = " ".join(pages)
    assert "utfall hittills + budget × 4/12" in text
    assert "för varje insats dess beslutade belopp" in text
    rows = {r.text: r for r in ekonomi.driftredovisning(demo, AR, till_manad=8)}
    # Insatser are paid by quarter: half their budget by August, yet the year's cost is the
    # decided amount, not utfall + 4/12 of it.
    team = rows["Samverkansteam Norrådalen"]
    assert ekonomi.helarsprognos(team, 8) == team.budget
    p = ekonomi.arsprognos(demo, AR, 8)
    assert f"Prognos för årets resultat {tkr(p.resultat)}" in text
    assert f"Eget kapital vid årets slut, prognos {tkr(p.eget_kapital)}" in text


def test_with_the_forbunds_uppstallning_the_period_is_shown_per_post_beside_last_year(
    demo, tmp_path
):
    version = ekonomi.gallande_budget(demo, AR)
    rows = ekonomi.versionens_rader(demo, version["id"])
    kansli = [r for r in rows if r["grupp"] in ("administration", "styrelse")]
    with demo.write("Uppställning") as db:  # the decided budget's own avsnitt, as imported
        aid = db.execute(
            "INSERT INTO budget_avsnitt (version_id, ordning, rubrik, summa) "
            "VALUES (?, 1, 'Styrelse och kansli', 'Summa styrelse och kansli')",
            (version["id"],),
        ).lastrowid
        for n, r in enumerate(kansli, start=1):
            db.execute(
                "UPDATE budget_rad SET avsnitt_id = ?, plats = ? WHERE id = ?", (aid, n, r["id"])
            )
    before = ekonomi.arsprognos(demo, AR, 8)
    text = " ".join(read_pages(delarsrapport.build(demo, AR, today=DEMO_DAY), tmp_path))
    start = text.index("Utfall per post Budget helår")  # after the contents' line
    per_post = text[start : text.index("Driftredovisning med helår", start)]
    rr_now = ekonomi.resultatrakning(demo, AR, till_manad=8)
    budget = ekonomi.budget_resultat(demo, version["id"], AR)
    rr_before = ekonomi.resultatrakning(demo, AR - 1, till_manad=8)
    # the demo books 2025 by month: January–August 2025 stands beside the period
    assert (
        f"Periodens resultat {tkr(budget)} {tkr(rr_now.arets_resultat)} "
        f"{tkr(rr_before.arets_resultat)} Belopp" in per_post
    )
    assert "Månadsutfall för 2025 saknas" not in per_post
    assert per_post.index("Styrelse och kansli") < per_post.index("Summa styrelse och kansli")
    for r in kansli:
        assert r["text"] in per_post
    # the prognosis is by meaning, the same as without the uppställning
    assert ekonomi.arsprognos(demo, AR, 8) == before
    assert (
        f"Resultat {tkr(sum(r.budget for r in ekonomi.driftredovisning(demo, AR, till_manad=8)))} "
        in text
    )


def test_the_balance_at_the_periods_end_is_printed_beside_last_year_end(demo, pages):
    """LKBR 13 kap.: a balansräkning per the period's end, with the previous year end."""
    from finsam_desktop import delarsbalans

    now = delarsbalans.delarsbalans(demo, AR, 8)
    before = ekonomi.bokslut(demo, AR - 1)
    page = next(p for p in pages if "Balansräkning" in p and "Summa tillgångar" in p)
    assert f"{AR}-08-31 {AR - 1}-12-31" in page  # the columns, the period's end first
    assert f"Kassa och bank {tkr(now.kassa_och_bank)} {tkr(before.kassa_och_bank)}" in page
    assert f"Summa tillgångar {tkr(now.summa_tillgangar)} {tkr(before.summa_tillgangar)}" in page
    assert f"Summa eget kapital {tkr(now.eget_kapital)} {tkr(before.eget_kapital)}" in page
    result = ekonomi.arets_resultat(demo, AR, till_manad=8)
    assert f"Periodens resultat {tkr(result)} {tkr(ekonomi.arets_resultat(demo, AR - 1))}" in page


def test_without_a_typed_balance_the_report_says_where_to_add_it(demo, tmp_path):
    from finsam_desktop import delarsbalans

    delarsbalans.ta_bort(demo, AR, 8)
    text = " ".join(read_pages(delarsrapport.build(demo, AR, today=DEMO_DAY), tmp_path))
    assert f"Balansräkningen per {AR}-08-31 är inte inlagd." in text
    assert "Delårsbalans…" in text


def test_with_last_years_monthly_utfall_the_same_period_a_year_earlier_is_beside_it(demo, tmp_path):
    """LKBR 13 kap.: comparison figures for the same period last year, where the file has
    last year's utfall per month (the demo books its 2025 by month)."""
    assert ekonomi.senaste_utfallsmanad(demo, AR - 1) == 12
    before = ekonomi.resultatrakning(demo, AR - 1, till_manad=8)
    now = ekonomi.resultatrakning(demo, AR, till_manad=8)
    assert before.arets_resultat != ekonomi.resultatrakning(demo, AR - 1).arets_resultat
    text = " ".join(read_pages(delarsrapport.build(demo, AR, today=DEMO_DAY), tmp_path))
    assert f"Periodens resultat {tkr(now.arets_resultat)} {tkr(before.arets_resultat)}" in text
    assert "Månadsutfall för" not in text  # nothing is said to be missing


def test_with_last_years_utfall_booked_whole_there_is_no_comparison_and_it_says_so(demo, tmp_path):
    """A year imported as one sum per row does not say which months it covers: the
    delårsrapport prints no comparison column rather than a guessed one."""
    with demo.write("Utfall 2025 för helåret") as db:
        rows = db.execute(
            "SELECT grupp, ordning, text, insats_id, konto, sum(belopp_ore) FROM utfall "
            "WHERE ar = ? AND manad IS NOT NULL "
            "GROUP BY grupp, ordning, text, insats_id, konto",
            (AR - 1,),
        ).fetchall()
        db.execute("DELETE FROM utfall WHERE ar = ? AND manad IS NOT NULL", (AR - 1,))
        for row in rows:
            db.execute(
                "INSERT INTO utfall (ar, manad, grupp, ordning, text, insats_id, konto, "
                "belopp_ore) VALUES (?, NULL, ?, ?, ?, ?, ?, ?)",
                (AR - 1, *row),
            )
    assert ekonomi.senaste_utfallsmanad(demo, AR - 1) is None
    now = ekonomi.resultatrakning(demo, AR, till_manad=8)
    text = " ".join(read_pages(delarsrapport.build(demo, AR, today=DEMO_DAY), tmp_path))
    assert (
        f"Periodens resultat {tkr(now.arets_resultat)} – Belopp i tkr. "
        "Månadsutfall för 2025 saknas, därför inga jämförelsetal." in text
    )
