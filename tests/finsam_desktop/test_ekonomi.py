"""The economy arithmetic, checked against the figures of a real årsredovisning.

The reference (Samordningsförbundet Sollefteå, årsredovisning 2024) reports: verksamhetens
resultat 182 tkr, finansiella intäkter 56, finansiella kostnader −1, årets resultat 237;
soliditet 820,53 / 997,76 = 82 %; eget kapital / medlemsintäkter 820 526 / 2 832 000 = 29 %;
admin share (styrelse 102 + kansli 648) / (driftbidrag 2 832 + ingående eget kapital 584)
= 22 %. The file below holds those figures as a förbundschef would enter them.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from finsam_desktop import ekonomi
from finsam_desktop.model import Grupp
from finsam_desktop.money import Unit, format_amount, format_percent, kr_to_ore
from finsam_desktop.settings import set_setting

FK, AF, REGION, KOMMUN = 1, 2, 3, 4  # the ids of the four_members fixture


def tkr(ore: int) -> str:
    """Whole tkr as the reference's resultaträkning prints them."""
    return format_amount(ore, Unit.TKR, decimals=0).replace("\u00a0", " ")


def pct(value: Decimal) -> str:
    return format_percent(value).replace("\u00a0", " ")


def utfall(db, ar, grupp, text, kr, *, manad=None, konto=None, insats_id=None, ordning=0):
    db["utfall"].insert(
        {
            "ar": ar,
            "manad": manad,
            "grupp": grupp,
            "ordning": ordning,
            "text": text,
            "konto": konto,
            "insats_id": insats_id,
            "belopp_ore": kr_to_ore(kr),
        }
    )


@pytest.fixture
def solleftea(ff, four_members):
    """Sollefteå's 2023 closing and 2024 figures, entered in a förbund file."""
    with ff.write() as db:
        four_members(db, "Sollefteå kommun")
        db["konto"].insert_all(
            [
                {"nummer": n, "benamning": b}
                for n, b in [
                    ("3011", "Driftbidrag staten"),
                    ("3012", "Driftbidrag region"),
                    ("3013", "Driftbidrag kommun"),
                    ("3090", "Övriga intäkter"),
                ]
            ]
        )
        utfall(db, 2024, "intakter", "Driftbidrag från staten", 1_416_000, konto="3011")
        utfall(db, 2024, "intakter", "Driftbidrag från Sollefteå kommun", 708_000, konto="3013")
        utfall(
            db, 2024, "intakter", "Driftbidrag från Region Västernorrland", 708_000, konto="3012"
        )
        utfall(db, 2024, "styrelse", "Styrelsen", -101_874)
        utfall(db, 2024, "administration", "Kansli", -648_126)
        utfall(db, 2024, "insatser", "SamCoach", -775_000)
        utfall(db, 2024, "insatser", "SFI på modersmål, extra läs- och skrivstöd", -998_000)
        utfall(db, 2024, "insatser", "Övrig verksamhet och insatser", -126_734)
        utfall(db, 2024, "finansiella", "Ränteintäkter", 55_600, konto=None)
        utfall(db, 2024, "finansiella", "Bankkostnader", -1_366)
        db["bokslut"].insert_all(
            [
                {
                    "ar": 2023,
                    "kortfristiga_fordringar_ore": kr_to_ore(12_530),
                    "kassa_och_bank_ore": kr_to_ore(1_236_300),
                    "eget_kapital_ore": kr_to_ore(584_026),
                    "kortfristiga_skulder_ore": kr_to_ore(664_804),
                    "driftbidrag_ore": kr_to_ore(2_832_000),
                },
                {
                    "ar": 2024,
                    "kortfristiga_fordringar_ore": kr_to_ore(17_730),
                    "kassa_och_bank_ore": kr_to_ore(980_030),
                    "eget_kapital_ore": kr_to_ore(820_526),
                    "kortfristiga_skulder_ore": kr_to_ore(177_234),
                },
            ]
        )
    return ff


def test_the_resultatrakning_reads_182_plus_56_minus_1_equals_237_tkr(solleftea):
    r = ekonomi.resultatrakning(solleftea, 2024)
    assert tkr(r.verksamhetens_intakter) == "2 832"
    assert tkr(r.verksamhetens_kostnader) == "−2 650"
    assert r.avskrivningar == 0
    assert tkr(r.verksamhetens_resultat) == "182"
    assert tkr(r.finansiella_intakter) == "56"
    assert tkr(r.finansiella_kostnader) == "−1"
    assert tkr(r.arets_resultat) == "237"
    assert r.arets_resultat == kr_to_ore(236_500)


def test_arets_resultat_is_the_sum_of_all_the_years_rows(solleftea):
    assert ekonomi.arets_resultat(solleftea, 2024) == kr_to_ore(236_500)
    assert ekonomi.arets_resultat(solleftea, 2023) == 0  # no utfall entered for 2023


def test_group_sums_cover_every_group_with_zero_for_the_empty_ones(solleftea):
    sums = ekonomi.utfall_per_grupp(solleftea, 2024)
    assert list(sums) == list(Grupp)
    assert sums[Grupp.INTAKTER] == kr_to_ore(2_832_000)
    assert sums[Grupp.STYRELSE] + sums[Grupp.ADMINISTRATION] == kr_to_ore(-750_000)
    assert sums[Grupp.INSATSER] == kr_to_ore(-1_899_734)
    assert sums[Grupp.AVSKRIVNINGAR] == 0


def test_soliditet_is_820_53_over_997_76_which_is_82_percent(solleftea):
    assert ekonomi.summa_tillgangar(solleftea, 2024) == kr_to_ore(997_760)
    assert pct(ekonomi.soliditet(solleftea, 2024)) == "82 %"


def test_eget_kapital_is_29_percent_of_driftbidrag_and_over_the_20_percent_ceiling(solleftea):
    tak = ekonomi.eget_kapital_mot_tak(solleftea, 2024)
    assert tak.eget_kapital == kr_to_ore(820_526)
    assert tak.driftbidrag == kr_to_ore(2_832_000)
    assert pct(tak.andel) == "29 %"
    assert tak.tak == kr_to_ore(566_400)
    assert tak.over_tak


def test_the_ceiling_is_the_setting_not_a_constant(solleftea):
    set_setting(solleftea, "eget_kapital_tak_procent", Decimal("30"))
    tak = ekonomi.eget_kapital_mot_tak(solleftea, 2024)
    assert tak.tak == kr_to_ore(849_600)
    assert not tak.over_tak


def test_admin_share_is_750_over_3_416_which_is_22_percent(solleftea):
    share = ekonomi.administrationsandel(solleftea, 2024)
    assert share.kostnad == kr_to_ore(750_000)
    assert share.eget_kapital_ib == kr_to_ore(584_026)
    assert share.tillgangliga_medel == kr_to_ore(3_416_026)
    assert pct(share.andel) == "22 %"


def test_eget_kapital_ib_is_last_years_utgaende_unless_the_year_has_its_own(solleftea):
    assert ekonomi.eget_kapital_ib(solleftea, 2024) == kr_to_ore(584_026)
    assert ekonomi.eget_kapital_ib(solleftea, 2023) is None
    with solleftea.write() as db:
        db.execute(
            "UPDATE bokslut SET eget_kapital_ib_ore = ? WHERE ar = 2023", (kr_to_ore(701_120),)
        )
    assert ekonomi.eget_kapital_ib(solleftea, 2023) == kr_to_ore(701_120)
    assert ekonomi.eget_kapital_ub(solleftea, 2023) == kr_to_ore(584_026)


def test_driftbidrag_is_the_bokslut_figure_when_entered(solleftea):
    with solleftea.write() as db:
        db.execute(
            "UPDATE bokslut SET driftbidrag_ore = ? WHERE ar = 2024", (kr_to_ore(2_832_001),)
        )
    assert ekonomi.driftbidrag(solleftea, 2024) == kr_to_ore(2_832_001)


def test_driftbidrag_without_a_bokslut_figure_is_the_member_income_in_utfall(solleftea):
    with solleftea.write() as db:
        utfall(db, 2024, "intakter", "Övriga intäkter", -7, konto="3090")
    # No budget links accounts to members yet: all intäkter rows count.
    assert ekonomi.driftbidrag(solleftea, 2024) == kr_to_ore(2_831_993)
    with solleftea.write() as db:
        db["budget_version"].insert({"id": 1, "ar": 2025})
        db["budget_rad"].insert_all(
            [
                {
                    "version_id": 1,
                    "grupp": "intakter",
                    "text": "Staten",
                    "medlem_id": FK,
                    "konto": "3011",
                },
                {
                    "version_id": 1,
                    "grupp": "intakter",
                    "text": "Region",
                    "medlem_id": REGION,
                    "konto": "3012",
                },
                {
                    "version_id": 1,
                    "grupp": "intakter",
                    "text": "Kommun",
                    "medlem_id": KOMMUN,
                    "konto": "3013",
                },
            ]
        )
    assert ekonomi.medlemsintaktskonton(solleftea) == {"3011", "3012", "3013"}
    assert ekonomi.driftbidrag(solleftea, 2024) == kr_to_ore(2_832_000)


def test_whole_year_rows_win_over_monthly_rows_of_the_same_year(ff):
    with ff.write() as db:
        utfall(db, 2025, "intakter", "Driftbidrag", 5_000_000)
        for manad in range(1, 13):
            utfall(db, 2025, "intakter", "Driftbidrag", 400_000, manad=manad)
    assert ekonomi.arets_resultat(ff, 2025) == kr_to_ore(5_000_000)


def test_a_year_without_whole_year_rows_is_the_sum_of_its_months(ff):
    with ff.write() as db:
        for manad in range(1, 9):
            utfall(db, 2026, "administration", "Förbundschef", -60_000, manad=manad)
        utfall(db, 2026, "intakter", "Driftbidrag", 1_255_500, manad=1)
    assert ekonomi.arets_resultat(ff, 2026) == kr_to_ore(1_255_500 - 8 * 60_000)
    assert ekonomi.utfall_per_grupp(ff, 2026)[Grupp.ADMINISTRATION] == kr_to_ore(-480_000)


def test_a_delarsrapport_takes_january_up_to_the_month_asked(ff):
    with ff.write() as db:
        for manad in range(1, 13):
            utfall(db, 2026, "administration", "Förbundschef", -60_000, manad=manad)
        utfall(db, 2026, "administration", "Förbundschef", -720_000)
    assert ekonomi.arets_resultat(ff, 2026, till_manad=8) == kr_to_ore(-480_000)
    assert ekonomi.resultatrakning(ff, 2026, till_manad=8).verksamhetens_kostnader == kr_to_ore(
        -480_000
    )
    with pytest.raises(ValueError, match="Månad 13"):
        ekonomi.utfall_rader(ff, 2026, till_manad=13)


def test_financial_rows_split_into_intakter_and_kostnader_after_netting_each_row(ff):
    with ff.write() as db:
        utfall(db, 2026, "finansiella", "Ränteintäkter", 3_000, manad=1)
        utfall(db, 2026, "finansiella", "Ränteintäkter", -500, manad=2)  # a correction
        utfall(db, 2026, "finansiella", "Bankkostnader", -150, manad=1)
    r = ekonomi.resultatrakning(ff, 2026)
    assert r.finansiella_intakter == kr_to_ore(2_500)
    assert r.finansiella_kostnader == kr_to_ore(-150)
    assert r.arets_resultat == kr_to_ore(2_350)


def test_insats_utfall_sums_the_rows_linked_to_each_insats(solleftea):
    with solleftea.write() as db:
        db["insats"].insert({"id": 7, "namn": "SamCoach", "typ": "individinriktad"})
        utfall(db, 2025, "insatser", "SamCoach", -400_000, insats_id=7)
        utfall(db, 2025, "insatser", "SamCoach, återbetalning", 12_500, insats_id=7)
    assert ekonomi.utfall_per_insats(solleftea, 2025) == {7: kr_to_ore(-387_500)}


def test_budget_result_is_the_sum_of_a_versions_amounts_per_year(ff):
    with ff.write() as db:
        db["budget_version"].insert(
            {"id": 1, "ar": 2024, "status": "beslutad", "beslut_datum": "2023-11-30"}
        )
        rows = [
            ("intakter", "Parternas insats", {2024: 5_022_000, 2025: 5_022_000, 2026: 5_022_000}),
            (
                "administration",
                "Summa administration",
                {2024: -1_113_000, 2025: -1_118_000, 2026: -1_123_000},
            ),
            ("insatser", "Summa insatser", {2024: -3_909_000, 2025: -3_904_000, 2026: -3_999_000}),
        ]
        for n, (grupp, text, amounts) in enumerate(rows, start=1):
            db["budget_rad"].insert({"id": n, "version_id": 1, "grupp": grupp, "text": text})
            for ar, kr in amounts.items():
                db["budget_belopp"].insert({"rad_id": n, "ar": ar, "belopp_ore": kr_to_ore(kr)})
    version = ekonomi.gallande_budget(ff, 2024)
    assert ekonomi.budget_ar(version) == (2024, 2025, 2026)
    assert [ekonomi.budget_resultat(ff, 1, ar) for ar in (2024, 2025, 2026)] == [
        0,
        0,
        kr_to_ore(-100_000),
    ]
    assert ekonomi.budget_per_grupp(ff, 1, 2024)[Grupp.INTAKTER] == kr_to_ore(5_022_000)
    assert ekonomi.budget_resultat(ff, 1, 2030) == 0


def test_the_latest_decided_version_is_the_budget_in_force(ff):
    with ff.write() as db:
        db["budget_version"].insert_all(
            [
                {"id": 1, "ar": 2025, "status": "beslutad", "beslut_datum": "2024-11-28"},
                {"id": 2, "ar": 2025, "status": "beslutad", "beslut_datum": "2025-06-12"},
                {"id": 3, "ar": 2025, "status": "forslag"},
            ]
        )
    assert ekonomi.gallande_budget(ff, 2025)["id"] == 2
    assert ekonomi.gallande_budget(ff, 2026) is None


def test_the_cash_flow_explains_the_change_in_kassa_och_bank(solleftea):
    flow = ekonomi.kassaflode(solleftea, 2024)
    assert flow.arets_resultat == kr_to_ore(236_500)
    assert flow.forandring_fordringar == kr_to_ore(-5_200)
    assert flow.forandring_kortfristiga_skulder == kr_to_ore(-487_570)
    assert flow.lopande_verksamhet == kr_to_ore(-256_270)
    assert flow.likvida_medel_ub - flow.likvida_medel_ib == flow.arets_kassaflode
    assert ekonomi.kassaflode(solleftea, 2023) is None


def test_the_ornskoldsvik_contribution_splits_exactly_by_the_key(solleftea):
    parts = ekonomi.medelsfordelning(solleftea, kr_to_ore(5_022_000))
    assert [(p.namn, p.belopp_ore) for p in parts] == [
        ("Försäkringskassan", kr_to_ore(2_511_000)),
        ("Arbetsförmedlingen", 0),
        ("Region Västernorrland", kr_to_ore(1_255_500)),
        ("Sollefteå kommun", kr_to_ore(1_255_500)),
    ]
    assert all(p.avrundning == 0 for p in parts)


def test_a_split_that_does_not_come_out_even_gives_the_odd_krona_to_the_largest_remainder():
    andelar = [
        ("fk", "Försäkringskassan", Decimal("50")),
        ("region", "Region", Decimal("25")),
        ("norr", "Norrkommunen", Decimal("15")),
        ("syd", "Sydkommunen", Decimal("10")),
    ]
    parts = ekonomi.fordela(kr_to_ore(5_022_001), andelar)
    assert [p.belopp_ore // 100 for p in parts] == [2_511_001, 1_255_500, 753_300, 502_200]
    assert sum(p.belopp_ore for p in parts) == kr_to_ore(5_022_001)
    # The rounding is visible: the state got 50 öre more than its exact half.
    assert parts[0].exakt == Decimal("251100050")
    assert parts[0].avrundning == Decimal("50")
    assert parts[2].avrundning == Decimal("-15")


def test_equal_remainders_go_to_the_earlier_party():
    andelar = [(k, k, Decimal("12.5")) for k in "abcdefgh"]
    parts = ekonomi.fordela(kr_to_ore(1_003), andelar)
    assert [p.belopp_ore // 100 for p in parts] == [126, 126, 126, 125, 125, 125, 125, 125]


def test_an_amount_with_ore_is_split_to_the_ore():
    parts = ekonomi.fordela(101, [("a", "A", Decimal("50")), ("b", "B", Decimal("50"))])
    assert [p.belopp_ore for p in parts] == [51, 50]


def test_a_key_that_does_not_sum_to_100_percent_is_refused_in_swedish(solleftea):
    with solleftea.write() as db:
        db.execute("UPDATE medlem SET andel = '15.5' WHERE id = ?", (KOMMUN,))
    with pytest.raises(ValueError, match="summerar till 90,5\u00a0%, inte 100\u00a0%"):
        ekonomi.medelsfordelning(solleftea, kr_to_ore(5_022_000))


def test_andel_is_read_as_exact_decimal_text():
    assert ekonomi.parse_andel("15.625") == Decimal("15.625")
    assert ekonomi.parse_andel("12,5") == Decimal("12.5")
    assert ekonomi.format_andel(Decimal("15.625")).replace("\u00a0", " ") == "15,625 %"
    assert ekonomi.format_andel(Decimal("50")).replace("\u00a0", " ") == "50 %"
    with pytest.raises(ValueError, match="inget tal"):
        ekonomi.parse_andel("hälften")
    with pytest.raises(ValueError, match="mellan 0 och 100"):
        ekonomi.parse_andel("120")


def test_ratios_are_none_when_a_part_is_missing(ff):
    assert ekonomi.soliditet(ff, 2024) is None
    assert ekonomi.eget_kapital_mot_tak(ff, 2024) is None
    assert ekonomi.administrationsandel(ff, 2024) is None
    assert ekonomi.driftbidrag(ff, 2024) is None
