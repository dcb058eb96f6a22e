"""finsam check: each reconciliation, broken on purpose, says exactly what does not add up.

Every test starts from a small förbund whose figures all agree (it gives no findings at all),
breaks one thing the way it happens in real documents, and reads the sentence a förbundschef
would read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from fixed_days import DEMO_DAY

from finsam_desktop.check import Finding, run_checks
from finsam_desktop.demo import fill_demo
from finsam_desktop.money import kr_to_ore

#: The small förbund's day: its board and budgets as they stand on 1 March 2025.
TODAY = dt.date(2025, 3, 1)
FK, AF, REGION, KOMMUN = 1, 2, 3, 4  # the ids of the four_members fixture
MOTE = 1
INSATS = 1
# Seats, 2023-04-01 to 2027-03-31: (uppdrag id, person, member, roll, funktion)
SEATS = [
    (1, "Lina Kempe", FK, "ledamot", None),
    (2, "Camilla Steen", FK, "ersattare", None),
    (3, "Patrik Lockner", AF, "ledamot", None),
    (4, "Fredrik Berglund", AF, "ersattare", None),
    (5, "Gudrun Sjödin", REGION, "ledamot", "vice_ordforande"),
    (6, "Sandra Formgren", REGION, "ersattare", None),
    (7, "Birgitta Häggkvist", KOMMUN, "ledamot", "ordforande"),
    (8, "Susanne Lindahl", KOMMUN, "ersattare", None),
]


def checks(ff, today: dt.date = TODAY) -> list[Finding]:
    return run_checks(ff, today=today)


def said(findings: list[Finding]) -> list[str]:
    """The messages as a reader sees them (no-break spaces as plain spaces)."""
    return [f.message.replace("\u00a0", " ") for f in findings]


def only(ff, code: str, today: dt.date = TODAY) -> Finding:
    found = [f for f in checks(ff, today) if f.code == code]
    assert len(found) == 1, said(checks(ff, today))
    return found[0]


def text(finding: Finding) -> str:
    return finding.message.replace("\u00a0", " ")


@pytest.fixture
def forbund(ff, four_members):
    """A small förbund in order: key, styrelse, one meeting, one insats, budget, 2024 closed."""
    with ff.write() as db:
        four_members(db, "Ådals kommun")
        for uid, namn, medlem, roll, funktion in SEATS:
            db["person"].insert({"id": uid, "namn": namn})
            db["uppdrag"].insert(
                {
                    "id": uid,
                    "person_id": uid,
                    "medlem_id": medlem,
                    "roll": roll,
                    "funktion": funktion,
                    "fran": "2023-04-01",
                    "till": "2027-03-31",
                }
            )
        db["mote"].insert({"id": MOTE, "typ": "styrelsemote", "datum": "2025-02-13"})
        for uid, _, _, roll, _ in SEATS:
            ledamot = roll == "ledamot"
            db["narvaro"].insert(
                {"mote_id": MOTE, "uppdrag_id": uid, "narvarande": 1, "tjanstgorande": int(ledamot)}
            )
        for n, rubrik in enumerate(["Mötets öppnande", "Val av justerare", "Budget"], start=1):
            db["arende"].insert({"mote_id": MOTE, "ordning": n, "paragraf": n, "rubrik": rubrik})
        db["insats"].insert(
            {
                "id": INSATS,
                "namn": "SamCoach",
                "typ": "individinriktad",
                "agare_id": KOMMUN,
                "status": "pagaende",
            }
        )
        db["insats_part"].insert({"insats_id": INSATS, "medlem_id": FK})
        db["insats_ar"].insert(
            {
                "insats_id": INSATS,
                "ar": 2024,
                "beviljat_ore": kr_to_ore(775_000),
                "forbrukat_ore": kr_to_ore(775_000),
            }
        )
        db["konto"].insert_all(
            [{"nummer": n} for n in ("3011", "3012", "3013", "4510", "7410", "844")]
        )
        db["budget_version"].insert(
            {
                "id": 1,
                "ar": 2025,
                "namn": "Budget 2025",
                "status": "beslutad",
                "beslut_datum": "2024-11-20",
                "beslut_paragraf": "§ 61",
            }
        )
        rows = [
            ("intakter", "Försäkringskassan", FK, None, "3011", 1_416_000),
            ("intakter", "Region Västernorrland", REGION, None, "3012", 708_000),
            ("intakter", "Ådals kommun", KOMMUN, None, "3013", 708_000),
            ("administration", "Kansli", None, None, "7410", -750_000),
            ("insatser", "SamCoach", None, INSATS, "4510", -775_000),
            ("insatser", "Reserverade medel för nya insatser", None, None, "4510", -1_307_000),
        ]
        for n, (grupp, rad, medlem, insats, konto, kr) in enumerate(rows, start=1):
            db["budget_rad"].insert(
                {
                    "id": n,
                    "version_id": 1,
                    "grupp": grupp,
                    "ordning": n,
                    "text": rad,
                    "medlem_id": medlem,
                    "insats_id": insats,
                    "konto": konto,
                }
            )
            for ar in (2025, 2026, 2027):
                db["budget_belopp"].insert({"rad_id": n, "ar": ar, "belopp_ore": kr_to_ore(kr)})
        utfall = [
            ("intakter", "Driftbidrag staten", None, "3011", 1_416_000),
            ("intakter", "Driftbidrag region", None, "3012", 708_000),
            ("intakter", "Driftbidrag kommun", None, "3013", 708_000),
            ("styrelse", "Styrelsen", None, None, -101_874),
            ("administration", "Kansli", None, "7410", -648_126),
            ("insatser", "SamCoach", INSATS, "4510", -775_000),
            ("insatser", "SFI med extra läs- och skrivstöd", None, "4510", -998_000),
            ("insatser", "Övriga insatser", None, "4510", -126_734),
            ("finansiella", "Ränteintäkter", None, "844", 55_600),
            ("finansiella", "Bankkostnader", None, None, -1_366),
        ]
        for n, (grupp, rad, insats, konto, kr) in enumerate(utfall, start=1):
            db["utfall"].insert(
                {
                    "ar": 2024,
                    "grupp": grupp,
                    "ordning": n,
                    "text": rad,
                    "insats_id": insats,
                    "konto": konto,
                    "belopp_ore": kr_to_ore(kr),
                }
            )
        # IB 300 000 + årets resultat 236 500 = 536 500, 18,9 % of 2 832 000: under the ceiling.
        db["bokslut"].insert(
            {
                "ar": 2024,
                "kortfristiga_fordringar_ore": kr_to_ore(17_730),
                "kassa_och_bank_ore": kr_to_ore(980_030),
                "eget_kapital_ib_ore": kr_to_ore(300_000),
                "eget_kapital_ore": kr_to_ore(536_500),
                "kortfristiga_skulder_ore": kr_to_ore(461_260),
                "driftbidrag_ore": kr_to_ore(2_832_000),
            }
        )
    return ff


def sql(ff, statement: str, params: tuple = ()) -> None:
    with ff.write() as db:
        db.execute(statement, params)


# -- the whole -------------------------------------------------------------------------------


def test_a_forbund_whose_figures_agree_gives_no_findings(forbund):
    assert checks(forbund) == []


def test_findings_come_in_the_same_order_every_time(forbund):
    sql(forbund, "UPDATE medlem SET andel = '20' WHERE id = ?", (KOMMUN,))
    sql(forbund, "UPDATE bokslut SET kassa_och_bank_ore = kassa_och_bank_ore + 100")
    first = checks(forbund)
    assert [f.code for f in first] == ["fordelningsnyckel_summa", "balans"]
    assert checks(forbund) == first


def test_a_finding_is_a_frozen_record_the_ui_can_open(forbund):
    sql(forbund, "UPDATE bokslut SET kassa_och_bank_ore = kassa_och_bank_ore + 100")
    finding = only(forbund, "balans")
    assert (finding.severity, finding.table, finding.key, finding.year) == (
        "fel",
        "bokslut",
        2024,
        2024,
    )
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.message = "ändrad"  # type: ignore[misc]


def test_an_empty_forbund_is_told_it_has_no_members(ff):
    assert [(f.code, f.severity) for f in checks(ff)] == [("medlemmar_saknas", "varning")]


def test_the_demo_forbund_has_no_errors_on_the_day_it_was_made_for(ff):
    fill_demo(ff, today=DEMO_DAY)
    assert [f for f in checks(ff, DEMO_DAY) if f.severity == "fel"] == []


# -- members and the funding key -------------------------------------------------------------


def test_a_funding_key_that_does_not_sum_to_100_percent_is_an_error(forbund):
    sql(forbund, "UPDATE medlem SET andel = '20' WHERE id = ?", (KOMMUN,))
    finding = only(forbund, "fordelningsnyckel_summa")
    assert finding.severity == "fel"
    assert text(finding).startswith(
        "Fördelningsnyckeln summerar till 95 % i stället för 100 % (Försäkringskassan 50 %, "
        "Arbetsförmedlingen 0 %, Region Västernorrland 25 % och Ådals kommun 20 %)."
    )


def test_region_and_kommuner_must_each_pay_a_quarter(forbund):
    sql(forbund, "UPDATE medlem SET andel = '30' WHERE id = ?", (REGION,))
    sql(forbund, "UPDATE medlem SET andel = '20' WHERE id = ?", (KOMMUN,))
    found = [f for f in checks(forbund) if f.code == "fordelningsnyckel_parter"]
    assert [text(f).split(";")[0] for f in found] == [
        "Andelen för regionen är 30 % men ska vara 25 % (Region Västernorrland 30 %)",
        "Andelen för kommunerna är 20 % men ska vara 25 % (Ådals kommun 20 %)",
    ]
    assert {f.key for f in found} == {REGION, KOMMUN}


def test_the_states_half_may_be_split_between_fk_and_af(forbund):
    sql(forbund, "UPDATE medlem SET andel = '25' WHERE id IN (?, ?)", (FK, AF))
    assert [f for f in checks(forbund) if f.code.startswith("fordelningsnyckel")] == []


def test_the_kommuner_share_their_quarter_by_an_unequal_key(forbund):
    with forbund.write() as db:
        db["medlem"].insert({"id": 5, "namn": "Bergsjö kommun", "typ": "kommun", "andel": "10"})
    sql(forbund, "UPDATE medlem SET andel = '15' WHERE id = ?", (KOMMUN,))
    assert [f for f in checks(forbund) if f.code.startswith("fordelningsnyckel")] == []


def test_an_andel_that_is_not_a_number_is_an_error(forbund):
    sql(forbund, "UPDATE medlem SET andel = '25 procent' WHERE id = ?", (KOMMUN,))
    finding = only(forbund, "andel_ogiltig")
    assert text(finding).startswith("Andelen för Ådals kommun (”25 procent”) är inget tal")


def test_a_forbund_without_arbetsformedlingen_is_missing_a_member(forbund):
    sql(forbund, "UPDATE medlem SET typ = 'kommun' WHERE id = ?", (AF,))
    finding = only(forbund, "medlem_saknas")
    assert "saknar en medlem av typen arbetsförmedlingen" in text(finding)


# -- styrelse ----------------------------------------------------------------------------------


def test_a_member_without_an_ersattare_today_and_at_a_meeting_is_an_error(forbund):
    sql(forbund, "UPDATE uppdrag SET till = '2024-12-31' WHERE id = 8")
    finding = only(forbund, "styrelse_plats_saknas")
    assert finding.severity == "fel"
    assert (finding.table, finding.key, finding.year) == ("medlem", KOMMUN, 2025)
    assert text(finding).startswith(
        "Ådals kommun saknar ersättare i styrelsen i dag (2025-03-01) och vid styrelsemötet "
        "2025-02-13;"
    )


def test_a_seat_vacant_only_at_a_past_meeting_names_that_meeting(forbund):
    sql(forbund, "UPDATE uppdrag SET fran = '2025-02-14' WHERE id = 1")
    finding = only(forbund, "styrelse_plats_saknas")
    assert text(finding).startswith(
        "Försäkringskassan saknar ledamot i styrelsen vid styrelsemötet 2025-02-13;"
    )


def test_a_planned_meeting_after_the_mandate_period_is_a_warning(forbund):
    with forbund.write() as db:
        db["mote"].insert({"typ": "styrelsemote", "datum": "2027-04-15"})
    found = [f for f in checks(forbund) if f.code == "styrelse_plats_ej_utsedd"]
    assert len(found) == 8  # a ledamot and an ersättare for each of the four members
    assert {f.severity for f in found} == {"varning"}
    assert text(found[0]) == (
        "Försäkringskassan har ännu ingen ledamot utsedd för styrelsemötet 2027-04-15."
    )


def test_an_ordforande_who_is_an_ersattare_is_an_error(forbund):
    sql(forbund, "UPDATE uppdrag SET funktion = NULL WHERE id = 7")
    sql(forbund, "UPDATE uppdrag SET funktion = 'ordforande' WHERE id = 8")
    finding = only(forbund, "ordforande_ej_ledamot")
    assert text(finding).startswith(
        "Susanne Lindahl är ordförande men ersättare för Ådals kommun (från 2023-04-01)"
    )
    assert (finding.table, finding.key) == ("uppdrag", 8)


def test_two_ordforande_at_the_same_time_is_an_error(forbund):
    sql(forbund, "UPDATE uppdrag SET funktion = 'ordforande' WHERE id = 1")
    finding = only(forbund, "ordforande_dubbel")
    assert text(finding).startswith(
        "Både Lina Kempe och Birgitta Häggkvist är ordförande från 2023-04-01"
    )


def test_a_board_without_vice_ordforande_today_is_a_warning(forbund):
    sql(forbund, "UPDATE uppdrag SET funktion = NULL WHERE id = 5")
    finding = only(forbund, "ordforande_saknas")
    assert (finding.severity, text(finding)) == (
        "varning",
        "Styrelsen har ingen vice ordförande i dag (2025-03-01).",
    )


def test_an_ersattare_serving_beside_her_own_ledamot_is_an_error(forbund):
    sql(forbund, "UPDATE narvaro SET tjanstgorande = 1 WHERE uppdrag_id = 6")
    finding = only(forbund, "dubbel_tjanstgoring")
    assert text(finding).startswith(
        "Vid styrelsemötet 2025-02-13 tjänstgör 2 för Region Västernorrland (Gudrun Sjödin och "
        "Sandra Formgren), som har 1 ledamotsplats;"
    )


def test_an_ersattare_serving_for_an_absent_ledamot_is_in_order(forbund):
    sql(forbund, "UPDATE narvaro SET narvarande = 0, tjanstgorande = 0 WHERE uppdrag_id = 5")
    sql(forbund, "UPDATE narvaro SET tjanstgorande = 1 WHERE uppdrag_id = 6")
    assert checks(forbund) == []


def test_serving_without_being_present_is_an_error(forbund):
    sql(forbund, "UPDATE narvaro SET narvarande = 0 WHERE uppdrag_id = 6")
    sql(forbund, "UPDATE narvaro SET narvarande = 0, tjanstgorande = 0 WHERE uppdrag_id = 5")
    sql(forbund, "UPDATE narvaro SET tjanstgorande = 1 WHERE uppdrag_id = 6")
    finding = only(forbund, "tjanstgor_utan_narvaro")
    assert "Sandra Formgren (Region Västernorrland) antecknad som tjänstgörande" in text(finding)


def test_a_meeting_with_fewer_than_half_the_ledamoter_is_not_quorate(forbund):
    sql(
        forbund,
        "UPDATE narvaro SET narvarande = 0, tjanstgorande = 0 WHERE uppdrag_id IN (1, 3, 5)",
    )
    finding = only(forbund, "ej_beslutfor")
    assert finding.severity == "varning"
    assert text(finding).startswith("Vid styrelsemötet 2025-02-13 tjänstgjorde 1 av 4 ledamöter")


def test_attendance_on_a_seat_not_valid_that_day_is_an_error(forbund):
    sql(forbund, "UPDATE uppdrag SET till = '2025-02-12' WHERE id = 4")
    with forbund.write() as db:
        db["person"].insert({"id": 9, "namn": "Ny Ersättare"})
        db["uppdrag"].insert(
            {
                "id": 9,
                "person_id": 9,
                "medlem_id": AF,
                "roll": "ersattare",
                "fran": "2025-02-13",
                "till": "2027-03-31",
            }
        )
    finding = only(forbund, "narvaro_utanfor_uppdrag")
    assert text(finding) == (
        "Vid styrelsemötet 2025-02-13 är Fredrik Berglund antecknad som ersättare för "
        "Arbetsförmedlingen, men uppdraget gäller 2023-04-01–2025-02-12."
    )


def test_the_same_paragraph_number_twice_in_a_year_is_an_error(forbund):
    with forbund.write() as db:
        db["mote"].insert({"id": 2, "typ": "styrelsemote", "datum": "2025-02-27"})
        db["arende"].insert({"mote_id": 2, "ordning": 1, "paragraf": 3, "rubrik": "Årsredovisning"})
    finding = only(forbund, "paragraf_dubbel")
    assert text(finding) == (
        "§ 3 2025 finns två gånger: ”Budget” (2025-02-13) och ”Årsredovisning” (2025-02-27)."
    )


# -- insatser ----------------------------------------------------------------------------------


def test_an_insats_with_only_its_owner_is_an_error(forbund):
    sql(forbund, "DELETE FROM insats_part")
    finding = only(forbund, "insats_en_part")
    assert (finding.severity, finding.table, finding.key) == ("fel", "insats", INSATS)
    assert text(finding).startswith("Insatsen SamCoach har bara en part (Ådals kommun);")


def test_the_owner_listed_as_its_own_medpart_does_not_count(forbund):
    sql(forbund, "UPDATE insats_part SET medlem_id = ?", (KOMMUN,))
    assert only(forbund, "insats_en_part").severity == "fel"


def test_an_ansokan_with_one_party_is_only_a_warning_while_it_is_prepared(forbund):
    sql(forbund, "DELETE FROM insats_part")
    sql(forbund, "UPDATE insats SET status = 'beredning'")
    assert only(forbund, "insats_en_part").severity == "varning"


def test_an_insats_without_owner_is_an_error(forbund):
    sql(forbund, "UPDATE insats SET agare_id = NULL")
    assert text(only(forbund, "insats_agare_saknas")).startswith(
        "Insatsen SamCoach har ingen verksamhetsägare"
    )


def test_forbrukat_that_differs_from_the_insats_utfall_names_both_figures(forbund):
    sql(forbund, "UPDATE insats_ar SET forbrukat_ore = ?", (kr_to_ore(760_000),))
    finding = only(forbund, "insats_forbrukat_utfall")
    assert (finding.table, finding.key, finding.year) == ("insats_ar", INSATS, 2024)
    assert text(finding) == (
        "Insats SamCoach 2024: förbrukat 760 000 kr men utfallet för insatsen är 775 000 kr "
        "(skillnad 15 000 kr)."
    )


def test_a_refund_booked_on_the_insats_reduces_its_utfall(forbund):
    with forbund.write() as db:
        db["utfall"].insert(
            {
                "ar": 2024,
                "grupp": "insatser",
                "text": "SamCoach, återbetalning",
                "insats_id": INSATS,
                "belopp_ore": kr_to_ore(15_000),
            }
        )
        db["utfall"].insert(
            {
                "ar": 2024,
                "grupp": "insatser",
                "text": "Övriga insatser, rättelse",
                "belopp_ore": kr_to_ore(-15_000),
            }
        )
    finding = only(forbund, "insats_forbrukat_utfall")
    assert "förbrukat 775 000 kr men utfallet för insatsen är 760 000 kr" in text(finding)


def test_utfall_on_an_insats_without_forbrukat_in_a_closed_year_is_an_error(forbund):
    sql(forbund, "UPDATE insats_ar SET forbrukat_ore = NULL")
    assert text(only(forbund, "insats_forbrukat_saknas")) == (
        "Insats SamCoach 2024: utfallet för insatsen är 775 000 kr men inget förbrukat belopp "
        "är angivet för året."
    )


def test_spending_more_than_beviljat_is_a_warning(forbund):
    sql(forbund, "UPDATE insats_ar SET beviljat_ore = ?", (kr_to_ore(700_000),))
    finding = only(forbund, "insats_over_beviljat")
    assert finding.severity == "varning"
    assert text(finding) == (
        "Insats SamCoach 2024: förbrukat 775 000 kr är mer än beviljat 700 000 kr "
        "(skillnad 75 000 kr)."
    )


# -- budget ------------------------------------------------------------------------------------


def test_a_budget_deficit_without_motivation_is_an_error_per_year(forbund):
    sql(
        forbund,
        "UPDATE budget_belopp SET belopp_ore = ? WHERE rad_id = 6 AND ar = 2026",
        (kr_to_ore(-1_427_000),),
    )
    finding = only(forbund, "budget_underskott")
    assert (finding.table, finding.key, finding.year) == ("budget_version", 1, 2026)
    assert text(finding).startswith(
        "Budget 2025 (beslutad 2024-11-20): resultatet för planåret 2026 är −120 000 kr;"
    )


def test_costs_typed_without_minus_in_a_budget_are_an_error_even_when_the_result_hides_it(
    forbund,
):
    # Kansli typed as +750 000 and the reserved line "balancing" it: result still 0 for 2025
    sql(forbund, "UPDATE budget_belopp SET belopp_ore = ? WHERE rad_id = 4", (kr_to_ore(750_000),))
    sql(
        forbund,
        "UPDATE budget_belopp SET belopp_ore = ? WHERE rad_id = 6",
        (kr_to_ore(-2_807_000),),
    )
    found = [f for f in checks(forbund) if f.code == "tecken"]
    assert [(f.table, f.key, f.year) for f in found] == [
        ("budget_version", 1, 2025),
        ("budget_version", 1, 2026),
        ("budget_version", 1, 2027),
    ]
    assert "Administration/kansli summerar till +750 000 kr; kostnader skrivs negativa" in text(
        found[0]
    )


def test_utfall_income_typed_as_negative_is_an_error(forbund):
    sql(forbund, "UPDATE utfall SET belopp_ore = -belopp_ore WHERE grupp = 'intakter'")
    assert any(
        f.code == "tecken" and f.table == "utfall" and "intäkter skrivs positiva" in text(f)
        for f in checks(forbund)
    )


def test_a_deficit_that_uses_eget_kapital_with_a_motivation_is_allowed(forbund):
    sql(
        forbund,
        "UPDATE budget_belopp SET belopp_ore = ? WHERE rad_id = 6",
        (kr_to_ore(-1_427_000),),
    )
    sql(
        forbund,
        "UPDATE budget_version SET eget_kapital_motivering = "
        "'Eget kapital över 20 %; 120 000 kr tas i anspråk.'",
    )
    assert checks(forbund) == []


def test_a_budget_decided_after_30_november_is_a_warning(forbund):
    sql(forbund, "UPDATE budget_version SET beslut_datum = '2024-12-12'")
    assert text(only(forbund, "budget_sent_beslut")) == (
        "Budget 2025 beslutades 2024-12-12, efter den 2024-11-30; verksamhetsplan och budget "
        "ska beslutas senast 30 november året före."
    )


def test_no_decided_budget_for_next_year_in_december_is_a_warning(forbund):
    finding = only(forbund, "budget_sent_beslut", today=dt.date(2025, 12, 3))
    assert finding.year == 2026
    assert text(finding).startswith("Budget 2026 är inte beslutad;")


def test_budgeted_driftbidrag_that_break_the_key_is_a_warning(forbund):
    sql(
        forbund,
        "UPDATE budget_belopp SET belopp_ore = ? WHERE rad_id = 2 AND ar = 2025",
        (kr_to_ore(716_000),),
    )
    sql(
        forbund,
        "UPDATE budget_belopp SET belopp_ore = ? WHERE rad_id = 3 AND ar = 2025",
        (kr_to_ore(700_000),),
    )
    finding = only(forbund, "budget_fordelning")
    assert text(finding) == (
        "Budget 2025 (beslutad 2024-11-20), 2025: driftbidragen 2 832 000 kr följer inte "
        "fördelningsnyckeln: Region Västernorrland 716 000 kr i stället för 708 000 kr (25 %) "
        "och Ådals kommun 700 000 kr i stället för 708 000 kr (25 %)."
    )


# -- bokslut -----------------------------------------------------------------------------------


def test_a_balance_sheet_that_does_not_balance_names_both_sums(forbund):
    sql(forbund, "UPDATE bokslut SET kortfristiga_skulder_ore = ?", (kr_to_ore(443_260),))
    finding = only(forbund, "balans")
    assert text(finding) == (
        "Bokslut 2024: summa tillgångar 997 760 kr men eget kapital + avsättningar + skulder "
        "979 760 kr (skillnad 18 000 kr)."
    )


def test_a_balance_figure_off_by_a_factor_of_ten_is_caught(forbund):
    sql(forbund, "UPDATE bokslut SET kassa_och_bank_ore = kassa_och_bank_ore * 10")
    assert "summa tillgångar 9 818 030 kr" in text(only(forbund, "balans"))


def test_eget_kapital_that_does_not_follow_from_the_result_is_an_error(forbund):
    sql(
        forbund,
        "UPDATE bokslut SET eget_kapital_ore = ?, kortfristiga_skulder_ore = ?",
        (kr_to_ore(546_500), kr_to_ore(451_260)),
    )
    finding = only(forbund, "eget_kapital_resultat")
    assert text(finding) == (
        "Bokslut 2024: eget kapital 546 500 kr men ingående eget kapital 300 000 kr + årets "
        "resultat 236 500 kr = 536 500 kr (skillnad 10 000 kr)."
    )


def test_a_missing_minus_sign_in_utfall_shows_in_eget_kapital(forbund):
    sql(forbund, "UPDATE utfall SET belopp_ore = -belopp_ore WHERE text = 'Bankkostnader'")
    assert "årets resultat 239 232 kr" in text(only(forbund, "eget_kapital_resultat"))


def test_an_ingaende_eget_kapital_that_differs_from_last_years_utgaende_is_an_error(forbund):
    with forbund.write() as db:
        db["bokslut"].insert(
            {
                "ar": 2023,
                "kassa_och_bank_ore": kr_to_ore(310_000),
                "eget_kapital_ore": kr_to_ore(310_000),
            }
        )
    found = [f for f in checks(forbund) if f.code == "eget_kapital_ib"]
    assert [text(f) for f in found] == [
        "Bokslut 2024: ingående eget kapital 300 000 kr men utgående eget kapital 2023 är "
        "310 000 kr (skillnad 10 000 kr)."
    ]


def test_a_bokslut_without_utfall_cannot_be_reconciled(forbund):
    sql(forbund, "DELETE FROM utfall")
    finding = only(forbund, "bokslut_utan_utfall")
    assert finding.severity == "varning"
    assert text(finding).startswith("Bokslut 2024 har inget utfall")


def test_a_first_bokslut_without_ingaende_eget_kapital_is_a_warning(forbund):
    sql(forbund, "UPDATE bokslut SET eget_kapital_ib_ore = NULL")
    assert text(only(forbund, "eget_kapital_ib_saknas")).startswith(
        "Bokslut 2024: ingående eget kapital saknas"
    )


def test_eget_kapital_over_the_ceiling_is_a_warning_with_the_percentage(forbund):
    sql(
        forbund,
        "UPDATE bokslut SET eget_kapital_ib_ore = ?, eget_kapital_ore = ?, "
        "kortfristiga_skulder_ore = ?",
        (kr_to_ore(584_026), kr_to_ore(820_526), kr_to_ore(177_234)),
    )
    finding = only(forbund, "eget_kapital_over_tak")
    assert finding.severity == "varning"
    assert text(finding) == (
        "Bokslut 2024: eget kapital 820 526 kr är 29 % av driftbidraget 2 832 000 kr, över "
        "taket 20 % (566 400 kr)."
    )


def test_eget_kapital_forecast_over_the_ceiling_in_a_plan_year_is_a_warning(forbund):
    """Issue 15, 5: every plan year is held against the ceiling, with the decimals that
    decide: 566 700 kr of 2 832 000 kr is 20,01 %, over a 20 % ceiling of 566 400 kr."""
    assert [f for f in checks(forbund) if f.code == "eget_kapital_prognos_over_tak"] == []
    sql(
        forbund,
        "UPDATE budget_belopp SET belopp_ore = ? WHERE rad_id = 6 AND ar = 2026",
        (kr_to_ore(-1_307_000 + 30_200),),  # a surplus of 30 200 kr in 2026
    )
    found = [f for f in checks(forbund) if f.code == "eget_kapital_prognos_over_tak"]
    assert [(f.severity, f.year) for f in found] == [("varning", 2026), ("varning", 2027)]
    assert text(found[0]) == (
        "Budget 2025 (beslutad 2024-11-20): eget kapital 2026 beräknas till 566 700 kr, "
        "20,01 % av driftbidraget 2 832 000 kr, över taket 20 % (566 400 kr)."
    )


def test_the_share_beside_the_ceiling_takes_the_decimals_that_decide():
    from decimal import Decimal

    from finsam_desktop.ekonomi import EgetKapitalTak

    def shown(ek: int, bidrag: int) -> str:
        t = EgetKapitalTak(2027, ek, bidrag, Decimal(ek) / Decimal(bidrag), Decimal(20))
        return t.andel_text.replace("\u00a0", " ")

    assert shown(725_000, 3_623_000) == "20,01 %"  # over, though it rounds to 20 %
    assert shown(724_600, 3_623_000) == "20 %"  # exactly the ceiling
    assert shown(839_442, 4_960_000) == "17 %"  # far from it: no decimals needed
    assert shown(724_590, 3_623_000) == "strax under 20 %"  # 19,9997 %: not "20,00 %"
    assert shown(724_620, 3_623_000) == "strax över 20 %"


def test_a_driftbidrag_in_the_bokslut_that_differs_from_utfall_is_a_warning(forbund):
    sql(forbund, "UPDATE bokslut SET driftbidrag_ore = ?", (kr_to_ore(2_838_000),))
    assert text(only(forbund, "driftbidrag_utfall")) == (
        "Bokslut 2024: driftbidrag 2 838 000 kr men utfallet har medlemsintäkter 2 832 000 kr "
        "(skillnad 6 000 kr)."
    )


def test_a_year_with_both_whole_year_and_monthly_utfall_is_a_warning(forbund):
    with forbund.write() as db:
        db["utfall"].insert(
            {
                "ar": 2024,
                "manad": 12,
                "grupp": "administration",
                "text": "Kansli",
                "belopp_ore": kr_to_ore(-54_000),
            }
        )
    assert text(only(forbund, "utfall_blandat")) == (
        "Utfall 2024 har både helårsrader och månadsrader; årets siffror tas från "
        "helårsraderna och de 1 månadsraderna räknas inte."
    )
