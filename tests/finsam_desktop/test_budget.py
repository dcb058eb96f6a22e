"""Budget operations: versions, roll-forward, medelstilldelning, rows, amounts, periodisation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from finsam_desktop import budget as ops
from finsam_desktop import ekonomi
from finsam_desktop.model import Grupp


@pytest.fixture
def members(ff):
    with ff.write("Medlemmar") as db:
        for i, (namn, typ, andel) in enumerate(
            [
                ("Försäkringskassan", "forsakringskassan", "50"),
                ("Region Norr", "region", "25"),
                ("Ankeby kommun", "kommun", "12.5"),
                ("Bjurby kommun", "kommun", "8.333"),
                ("Cederby kommun", "kommun", "4.167"),
            ],
            start=1,
        ):
            db.execute(
                "INSERT INTO medlem (id, namn, typ, andel, ordning) VALUES (?, ?, ?, ?, ?)",
                (i, namn, typ, andel, i),
            )
    ff.enable_undo()
    return ff


def amounts(ff, vid):
    return {
        (r["text"], r["ar"]): (r["belopp_ore"], r["harledd"])
        for r in ff.query(
            "SELECT r.text, b.ar, b.belopp_ore, b.harledd FROM budget_belopp b "
            "JOIN budget_rad r ON r.id = b.rad_id WHERE r.version_id = ?",
            (vid,),
        )
    }


def test_a_new_version_has_an_income_row_per_member(members):
    vid = ops.ny_version(members, 2026)
    rows = ekonomi.budget_rader(members, vid, 2026)
    assert [r["text"] for r in rows][:2] == [
        "Driftbidrag Försäkringskassan",
        "Driftbidrag Region Norr",
    ]
    assert all(r["grupp"] == "intakter" and r["medlem_id"] for r in rows)
    assert members.undo_label == "Ny budgetversion 2026"


def test_group_sums_and_result_follow_the_typed_amounts(members):
    vid = ops.ny_version(members, 2026)
    fk = ekonomi.budget_rader(members, vid, 2026)[0]["id"]
    chef = ops.lagg_till_rad(members, vid, Grupp.ADMINISTRATION, "Förbundschef")
    arvode = ops.lagg_till_rad(members, vid, Grupp.STYRELSE, "Arvoden")
    ops.satt_belopp(
        members,
        [(fk, 2026, 251_100_000), (chef, 2026, -85_000_000), (arvode, 2026, -12_000_050)],
    )
    per_grupp = ekonomi.budget_per_grupp(members, vid, 2026)
    assert per_grupp[Grupp.INTAKTER] == 251_100_000
    assert per_grupp[Grupp.ADMINISTRATION] == -85_000_000
    assert per_grupp[Grupp.STYRELSE] == -12_000_050
    assert ekonomi.budget_resultat(members, vid, 2026) == 154_099_950
    # one action for the three cells: one undo takes them all back
    members.undo()
    assert ekonomi.budget_resultat(members, vid, 2026) == 0


def test_the_medelstilldelning_splits_by_the_key_with_the_rounding_shown(members):
    vid = ops.ny_version(members, 2026)
    split = ops.medelstilldelning(members, vid, 2026, 251_100_000)  # the state's 2 511 000 kr
    parts = {d.namn: d.belopp_ore for d in split.delar}
    assert split.total_ore == 502_200_000
    assert parts["Försäkringskassan"] == 251_100_000
    assert parts["Region Norr"] == 125_550_000
    assert sum(parts.values()) == 502_200_000  # exact, no krona lost
    # 8,333 % of 5 022 000 kr = 418 483,26 kr: whole kronor, the rounding visible
    bjurby = next(d for d in split.delar if d.namn == "Bjurby kommun")
    assert bjurby.exakt == Decimal("41848326")
    assert bjurby.belopp_ore in (41_848_300, 41_848_400)
    assert bjurby.avrundning == bjurby.belopp_ore - Decimal("41848326")
    assert any("Bjurby kommun" in line for line in split.avrundning_text())
    stored = amounts(members, vid)
    assert stored[("Driftbidrag Bjurby kommun", 2026)] == (bjurby.belopp_ore, 1)
    assert members.undo_label == "Medelstilldelning 2026"


def test_a_key_that_breaks_the_half_quarter_quarter_rule_is_refused(members):
    with members.write("Fel nyckel") as db:
        db.execute("UPDATE medlem SET andel = '45' WHERE id = 1")
        db.execute("UPDATE medlem SET andel = '30' WHERE id = 2")
    with pytest.raises(ops.BudgetError, match="staten ska ha hälften"):
        ops.berakna_medelstilldelning(members, 100_000_000)


def test_roll_forward_keeps_typed_amounts_and_uplifts_only_what_it_derives(members):
    vid = ops.ny_version(members, 2026)
    chef = ops.lagg_till_rad(members, vid, Grupp.ADMINISTRATION, "Förbundschef")
    arvode = ops.lagg_till_rad(members, vid, Grupp.STYRELSE, "Arvoden")
    slutar = ops.lagg_till_rad(members, vid, Grupp.INSATSER, "Insats som slutar 2027")
    ops.satt_belopp(
        members,
        [
            (chef, 2026, -80_000_000),
            (chef, 2027, -82_000_000),  # typed plan years: must survive as typed
            (chef, 2028, -84_000_000),
            (arvode, 2026, -10_000_000),
            (arvode, 2027, -10_000_000),
            (arvode, 2028, -10_000_000),
            (slutar, 2026, -50_000_000),
            (slutar, 2027, -20_000_000),  # and nothing in 2028: the insats has ended
        ],
    )
    ops.satt_anteckning(members, chef, 2027, "Lönerevision 2,5 %")
    new = ops.ny_budget_fran_foregaende(
        members, {Grupp.ADMINISTRATION: Decimal("3"), Grupp.STYRELSE: Decimal("10")}
    )
    assert ops.version(members, new)["ar"] == 2027
    stored = amounts(members, new)
    assert stored[("Förbundschef", 2027)] == (-82_000_000, 0)  # typed, untouched
    assert stored[("Förbundschef", 2028)] == (-84_000_000, 0)
    assert stored[("Förbundschef", 2029)] == (-86_520_000, 1)  # 84 000 × 1,03, derived
    assert stored[("Arvoden", 2029)] == (-11_000_000, 1)
    assert stored[("Insats som slutar 2027", 2027)] == (-20_000_000, 0)
    assert ("Insats som slutar 2027", 2028) not in stored  # an empty year stays empty
    assert ("Insats som slutar 2027", 2029) not in stored
    note = members.scalar(
        "SELECT anteckning FROM budget_belopp b JOIN budget_rad r ON r.id = b.rad_id "
        "WHERE r.version_id = ? AND r.text = 'Förbundschef' AND b.ar = 2027",
        (new,),
    )
    assert note == "Lönerevision 2,5 %"
    # the old version is untouched, and the whole roll-forward is one undo
    assert amounts(members, vid)[("Förbundschef", 2027)] == (-82_000_000, 0)
    assert members.undo() == "Ny budget 2027 från föregående"
    assert members.scalar("SELECT count(*) FROM budget_version") == 1


def test_rolling_forward_twice_never_overwrites_a_typed_plan_amount(members):
    vid = ops.ny_version(members, 2026)
    chef = ops.lagg_till_rad(members, vid, Grupp.ADMINISTRATION, "Förbundschef")
    ops.satt_belopp(members, [(chef, y, -80_000_000) for y in (2026, 2027, 2028)])
    second = ops.ny_budget_fran_foregaende(members, {Grupp.ADMINISTRATION: Decimal(5)})
    chef2 = members.scalar("SELECT id FROM budget_rad WHERE version_id = ?", (second,))
    assert amounts(members, second)[("Förbundschef", 2029)] == (-84_000_000, 1)
    ops.satt_belopp(members, [(chef2, 2028, -99_000_000)])  # the förbundschef types 2028
    third = ops.ny_budget_fran_foregaende(members, {Grupp.ADMINISTRATION: Decimal(5)})
    stored = amounts(members, third)
    assert stored[("Förbundschef", 2028)] == (-99_000_000, 0)
    # the derived 2029 is derived again, from the typed 2028; 2030 follows it
    assert stored[("Förbundschef", 2029)] == (-103_950_000, 1)
    assert stored[("Förbundschef", 2030)] == (-109_147_500, 1)


def test_a_decided_version_is_locked(members):
    vid = ops.ny_version(members, 2026)
    rad = ekonomi.budget_rader(members, vid, 2026)[0]["id"]
    ops.besluta(members, vid, dt.date(2025, 11, 27), "52")
    v = ops.version(members, vid)
    assert (v["status"], v["beslut_datum"], v["beslut_paragraf"]) == (
        "beslutad",
        "2025-11-27",
        "§ 52",
    )
    for action in (
        lambda: ops.satt_belopp(members, [(rad, 2026, 1)]),
        lambda: ops.lagg_till_rad(members, vid, Grupp.INSATSER, "Ny"),
        lambda: ops.byt_radtext(members, rad, "Annat"),
        lambda: ops.ta_bort_rad(members, rad),
        lambda: ops.medelstilldelning(members, vid, 2026, 100_000_000),
        lambda: ops.satt_anteckning(members, rad, 2026, "x"),
    ):
        with pytest.raises(ops.BudgetError, match="beslutad och låst"):
            action()
    copy = ops.kopiera_version(members, vid)
    assert ops.version(members, copy)["status"] == "forslag"
    assert len(ekonomi.budget_rader(members, copy, 2026)) == 5


def test_rows_are_added_moved_renamed_linked_and_deleted(members):
    vid = ops.ny_version(members, 2026)
    a = ops.lagg_till_rad(members, vid, Grupp.INSATSER, "Alfa")
    b = ops.lagg_till_rad(members, vid, Grupp.INSATSER, "Beta")
    c = ops.lagg_till_rad(members, vid, Grupp.INSATSER, "Gamma", efter=a)

    def order():
        return [
            r["text"]
            for r in members.query(
                "SELECT text FROM budget_rad WHERE version_id = ? AND grupp = 'insatser' "
                "ORDER BY ordning",
                (vid,),
            )
        ]

    assert order() == ["Alfa", "Gamma", "Beta"]
    ops.flytta_rad(members, b, -2)
    assert order() == ["Beta", "Alfa", "Gamma"]
    ops.byt_radtext(members, c, "  Gamma II ")
    ops.koppla_rad(members, c, konto="4560", ansvar="1100", projekt="P10")
    row = members.query("SELECT * FROM budget_rad WHERE id = ?", (c,))[0]
    assert (row["text"], row["konto"], row["ansvar"], row["projekt"]) == (
        "Gamma II",
        "4560",
        "1100",
        "P10",
    )
    assert members.scalar("SELECT count(*) FROM konto WHERE nummer = '4560'") == 1
    ops.flytta_rad(members, c, 0, grupp=Grupp.ADMINISTRATION)
    assert order() == ["Beta", "Alfa"]
    ops.ta_bort_rad(members, a)
    assert order() == ["Beta"]
    members.undo()
    assert order() == ["Beta", "Alfa"]
    with pytest.raises(ops.BudgetError, match="text"):
        ops.byt_radtext(members, b, "  ")


def test_a_cleared_amount_keeps_its_note(members):
    vid = ops.ny_version(members, 2026)
    rad = ekonomi.budget_rader(members, vid, 2026)[0]["id"]
    ops.satt_belopp(members, [(rad, 2026, 5_000)])
    ops.satt_anteckning(members, rad, 2026, "Besked i december")
    ops.satt_belopp(members, [(rad, 2026, None)])
    row = members.query("SELECT * FROM budget_belopp WHERE rad_id = ?", (rad,))[0]
    assert (row["belopp_ore"], row["anteckning"]) == (0, "Besked i december")
    with pytest.raises(ops.BudgetError, match="Året 2030 ingår inte"):
        ops.satt_belopp(members, [(rad, 2030, 1)])


@pytest.mark.parametrize(
    ("belopp", "metod", "kwargs", "expected"),
    [
        # 100 000 kr / 12 = 8 333,33: whole kronor, the remainder in December
        (10_000_000, "jamnt", {}, [833_300] * 11 + [833_700]),
        (-10_000_000, "jamnt", {}, [-833_300] * 11 + [-833_700]),
        (1_100, "jamnt", {}, [0] * 11 + [1_100]),  # 11 kr: less than a krona a month
        (1_200_050, "jamnt", {}, [100_000] * 11 + [100_050]),  # öre stay in December
        (12_000_000, "manad", {"manad": 3}, [0, 0, 12_000_000] + [0] * 9),
        (
            10_000_000,
            "profil",
            {"profil": [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0]},
            [0] * 8 + [3_333_300, 3_333_300, 3_333_400, 0],
        ),
    ],
)
def test_periodisation_sums_exactly_with_the_remainder_in_december(belopp, metod, kwargs, expected):
    months = ops.periodisera(belopp, metod, **kwargs)
    assert months == expected
    assert sum(months) == belopp


def test_periodisation_refuses_a_bad_profile_or_month():
    with pytest.raises(ops.BudgetError, match="tolv värden"):
        ops.periodisera(100, "profil", profil=[1, 2])
    with pytest.raises(ops.BudgetError, match="Månad 13"):
        ops.periodisera(100, "manad", manad=13)


def test_utfall_is_placed_on_budget_rows_by_insats_member_text_then_konto(members):
    rader = [
        {
            "id": 1,
            "grupp": "intakter",
            "text": "Driftbidrag Ankeby",
            "medlem_id": 3,
            "konto": "3013",
            "insats_id": None,
        },
        {
            "id": 2,
            "grupp": "intakter",
            "text": "Driftbidrag Bjurby",
            "medlem_id": 4,
            "konto": "3013",
            "insats_id": None,
        },
        {
            "id": 3,
            "grupp": "insatser",
            "text": "Steg",
            "medlem_id": None,
            "konto": "4560",
            "insats_id": 7,
        },
    ]
    utfall = [
        {
            "grupp": "intakter",
            "text": "Bidrag",
            "medlem_id": 4,
            "konto": "3013",
            "insats_id": None,
            "belopp_ore": 5,
        },
        {
            "grupp": "intakter",
            "text": "Driftbidrag Bjurby",
            "medlem_id": None,
            "konto": "3013",
            "insats_id": None,
            "belopp_ore": 7,
        },
        {
            "grupp": "intakter",
            "text": "Okänt",
            "medlem_id": None,
            "konto": "3013",
            "insats_id": None,
            "belopp_ore": 11,
        },
        {
            "grupp": "insatser",
            "text": "x",
            "medlem_id": None,
            "konto": "4560",
            "insats_id": 7,
            "belopp_ore": -3,
        },
        {
            "grupp": "styrelse",
            "text": "Arvoden",
            "medlem_id": None,
            "konto": "5011",
            "insats_id": None,
            "belopp_ore": -2,
        },
    ]
    per_rad, rest = ops.utfall_per_rad(rader, utfall)
    assert per_rad == {2: 12, 1: 11, 3: -3}
    assert rest == {Grupp.STYRELSE: -2}


def test_a_versions_rows_come_in_the_order_the_user_put_them_without_amounts(members):
    vid = ops.ny_version(members, 2026)
    chef = ops.lagg_till_rad(members, vid, Grupp.ADMINISTRATION, "Förbundschef")
    lokal = ops.lagg_till_rad(members, vid, Grupp.ADMINISTRATION, "Lokalhyra")
    ops.flytta_rad(members, lokal, -1)
    other = ops.ny_version(members, 2027)
    ops.lagg_till_rad(members, other, Grupp.ADMINISTRATION, "Annan version")
    rader = ekonomi.versionens_rader(members, vid)
    admin = [r["text"] for r in rader if r["grupp"] == Grupp.ADMINISTRATION.value]
    assert admin == ["Lokalhyra", "Förbundschef"]
    assert {r["id"] for r in rader} >= {chef, lokal}
    assert all(r["version_id"] == vid for r in rader)
    assert "belopp_ore" not in rader[0]


def test_a_versions_amounts_carry_their_note_and_whether_they_were_derived(members):
    vid = ops.ny_version(members, 2026)
    chef = ops.lagg_till_rad(members, vid, Grupp.ADMINISTRATION, "Förbundschef")
    tom = ops.lagg_till_rad(members, vid, Grupp.STYRELSE, "Arvoden")
    ops.satt_belopp(members, [(chef, 2026, -80_000_000), (chef, 2028, -84_000_000)])
    ops.satt_anteckning(members, chef, 2026, "Heltid")
    new = ops.ny_budget_fran_foregaende(members, {Grupp.ADMINISTRATION: Decimal("3")})

    belopp = {(b.rad_id, b.ar): b for b in ekonomi.versionens_belopp(members, vid)}
    assert set(belopp) == {(chef, 2026), (chef, 2028)}  # the empty row has none
    assert belopp[(chef, 2026)] == ekonomi.Budgetbelopp(chef, 2026, -80_000_000, "Heltid", False)
    assert belopp[(chef, 2028)].anteckning == ""
    assert not any(b.rad_id == tom for b in belopp.values())

    rolled = {b.ar: b for b in ekonomi.versionens_belopp(members, new)}
    assert (rolled[2028].belopp_ore, rolled[2028].harledd) == (-84_000_000, False)  # typed
    assert (rolled[2029].belopp_ore, rolled[2029].harledd) == (-86_520_000, True)  # uplifted


# -- is a typed amount plausible? ---------------------------------------------------------------

TKR = 1000 * 100  # öre in one tkr


@pytest.fixture
def funded(members):
    """A 2026 budget whose driftbidrag is 5 022 tkr, as Örnsköldsvik's 2024 (staten 2 511 tkr),
    with a bank cost of 2 000 kr; returns (file, version, rows by text)."""
    vid = ops.ny_version(members, 2026)
    rows = {r["text"]: r["id"] for r in ekonomi.budget_rader(members, vid, 2026)}
    rows["Bank"] = ops.lagg_till_rad(members, vid, Grupp.FINANSIELLA, "Bank")
    ops.satt_belopp(
        members,
        [
            (rows["Driftbidrag Försäkringskassan"], 2026, 2_511 * TKR),
            (rows["Driftbidrag Region Norr"], 2026, 1_255_500 * 100),
            (rows["Driftbidrag Ankeby kommun"], 2026, 1_255_500 * 100),
            (rows["Bank"], 2026, -2_000 * 100),
        ],
    )
    return members, vid, rows


def test_kronor_typed_as_tkr_are_more_than_the_forbund_gets_in_a_year(funded):
    ff, vid, rows = funded
    # 734 000 typed in tkr: 734 000 000 kr against 5 022 000 kr a year
    reason = ops.orimligt_belopp(ff, rows["Driftbidrag Försäkringskassan"], 2027, 734_000 * TKR)
    assert reason == (
        "Det är mer än dubbelt så mycket som förbundets största intäkter under ett år "
        "(5\u00a0022\u00a0000\u00a0kr)."
    )
    # the same for a cost: the sign plays no part
    insats = ops.lagg_till_rad(ff, vid, Grupp.INSATSER, "Steget")
    assert ops.orimligt_belopp(ff, insats, 2026, -734_000 * TKR) is not None
    # the same text in kr, and a whole year's driftbidrag in one row, are plausible
    assert ops.orimligt_belopp(ff, insats, 2026, -734_000 * 100) is None
    assert ops.orimligt_belopp(ff, rows["Driftbidrag Ankeby kommun"], 2027, 5_022 * TKR) is None


def test_the_ceiling_is_twice_the_largest_yearly_intakter_the_file_knows(funded):
    ff, vid, _rows = funded
    assert ops.storsta_arsintakt(ff) == 5_022 * TKR
    assert ops.rimlighetstak(ff) == 10_044 * TKR
    insats = ops.lagg_till_rad(ff, vid, Grupp.INSATSER, "Steget")
    assert ops.orimligt_belopp(ff, insats, 2026, -10_044 * TKR) is None
    assert ops.orimligt_belopp(ff, insats, 2026, -10_044 * TKR - 1) is not None
    # a bokslut's driftbidrag counts too: a bigger year before raises the ceiling
    with ff.write("Bokslut") as db:
        db["bokslut"].insert({"ar": 2024, "eget_kapital_ore": 0, "driftbidrag_ore": 8_000 * TKR})
    assert ops.rimlighetstak(ff) == 16_000 * TKR


def test_the_cell_typed_over_does_not_vouch_for_its_own_mistake(funded):
    ff, _vid, rows = funded
    fk = rows["Driftbidrag Försäkringskassan"]
    ops.satt_belopp(ff, [(fk, 2026, 2_511_000 * TKR)])  # stored in tkr when kr was meant
    assert ops.storsta_arsintakt(ff) == 2_513_511 * TKR
    # typing over that cell is held against the rest of the year: 2 511 tkr of 2 511 tkr
    assert ops.storsta_arsintakt(ff, utom=(fk, 2026)) == 2_511 * TKR
    assert ops.orimligt_belopp(ff, fk, 2026, 2_511_000 * TKR) is not None
    assert ops.orimligt_belopp(ff, fk, 2026, 2_511 * TKR) is None


def test_a_file_without_intakter_has_a_ceiling_no_forbund_reaches(members):
    vid = ops.ny_version(members, 2026)
    fk = ekonomi.budget_rader(members, vid, 2026)[0]["id"]
    assert ops.storsta_arsintakt(members) is None
    assert ops.rimlighetstak(members) == 100_000_000 * 100
    assert ops.orimligt_belopp(members, fk, 2026, 2_511 * TKR) is None
    assert "mer än 100\u00a0000\u00a0000\u00a0kr" in ops.orimligt_belopp(
        members, fk, 2026, 734_000 * TKR
    )


def test_a_small_first_income_does_not_make_every_amount_suspect(members):
    vid = ops.ny_version(members, 2026)
    fk = ekonomi.budget_rader(members, vid, 2026)[0]["id"]
    ranta = ops.lagg_till_rad(members, vid, Grupp.INTAKTER, "Ränteintäkter")
    ops.satt_belopp(members, [(ranta, 2026, 1 * TKR)])
    assert ops.rimlighetstak(members) == 1_000_000 * 100  # never below 1 Mkr
    assert ops.orimligt_belopp(members, fk, 2026, 900 * TKR) is None


def test_an_amount_a_thousand_times_its_row_looks_like_kronor_typed_as_tkr(funded):
    ff, vid, rows = funded
    bank = rows["Bank"]
    # the bank's 2 000 kr typed as 2 000 tkr next year: below the ceiling, but 1 000 times
    assert ops.orimligt_belopp(ff, bank, 2027, -2_000 * TKR) == (
        "Det är minst 500 gånger så mycket som radens största belopp i budgeten "
        "(2\u00a0000\u00a0kr)."
    )
    # typed over in the same cell too; a row that grows tenfold is fine
    assert ops.orimligt_belopp(ff, bank, 2026, -2_000 * TKR) is not None
    assert ops.orimligt_belopp(ff, bank, 2027, -20 * TKR) is None
    # an empty amount, or a row with no amounts yet, is never asked about
    assert ops.orimligt_belopp(ff, bank, 2027, None) is None
    new = ops.lagg_till_rad(ff, vid, Grupp.INSATSER, "Ny insats")
    assert ops.orimligt_belopp(ff, new, 2026, -900 * TKR) is None


def test_a_new_budget_is_proposed_for_the_first_budget_year_then_after_the_last(tmp_path):
    import datetime as dt

    from finsam_desktop import budget, forbund, storage

    ff = storage.create_file(tmp_path / "ny.finsam", namn="Samordningsförbundet Ådalen")
    try:
        today = dt.date(2025, 10, 15)
        assert budget.foreslaget_budgetar(ff, today) == 2025  # nothing said: this year
        forbund.grunda(ff, "Region Västernorrland", [("Kramfors kommun", None)], 2023)
        assert budget.foreslaget_budgetar(ff, today) == 2023  # the guide's first year
        budget.ny_version(ff, 2023)
        assert budget.foreslaget_budgetar(ff, today) == 2024
    finally:
        ff.close()


def test_an_income_row_for_several_members_is_split_by_their_key(members):
    """ "Kommun och region" as one row: the driftbidrag per member still follows the key."""
    vid = ops.ny_version(members, 2026)
    rows = ekonomi.budget_rader(members, vid, 2026)
    for r in rows[2:]:  # the three kommuner's own rows go; one row stands for them
        ops.ta_bort_rad(members, r["id"])
    shared = ops.lagg_till_rad(members, vid, Grupp.INTAKTER, "Kommunerna")
    ops.koppla_rad(members, shared, medlemmar=[3, 4, 5])
    assert members.undo_label == "Koppla budgetrad"
    ops.satt_belopp(members, [(shared, 2026, 250_000_00)])
    per_member = ekonomi.budget_driftbidrag(members, vid, 2026)
    # 12,5 : 8,333 : 4,167 of 250 000 kr, whole kronor, exactly the row's amount
    assert {m: per_member[m] for m in (3, 4, 5)} == {3: 125_000_00, 4: 83_330_00, 5: 41_670_00}
    assert sum(per_member[m] for m in (3, 4, 5)) == 250_000_00
    # a member's utfall lands on the row that stands for it
    utfall = [{"grupp": "intakter", "text": "Bidrag Bjurby", "medlem_id": 4, "belopp_ore": 5}]
    placed, rest = ops.utfall_per_rad(ekonomi.versionens_rader(members, vid), utfall)
    assert placed == {shared: 5} and not rest
    # a copy keeps it; one member chosen makes it that member's row again
    copy = ops.kopiera_version(members, vid)
    row = next(r for r in ekonomi.versionens_rader(members, copy) if r["text"] == "Kommunerna")
    assert ekonomi.radens_medlemmar(row) == (3, 4, 5)
    ops.koppla_rad(members, row["id"], medlemmar=[4])
    row = next(r for r in ekonomi.versionens_rader(members, copy) if r["text"] == "Kommunerna")
    assert row["medlem_id"] == 4 and ekonomi.radens_medlemmar(row) == (4,)
    with pytest.raises(ops.BudgetError, match="en medlem eller flera"):
        ops.koppla_rad(members, row["id"], medlem_id=1, medlemmar=[2, 3])


def test_a_budget_that_breaks_the_rules_cannot_be_decided_until_it_is_put_right(members):
    """Issue 18.6: a deficit without a motivering, or a sign typo, would be locked in."""
    vid = ops.ny_version(members, 2026)
    fk = ekonomi.budget_rader(members, vid, 2026)[0]["id"]
    kansli = ops.lagg_till_rad(members, vid, Grupp.ADMINISTRATION, "Kansli")
    ops.satt_belopp(members, [(fk, 2026, 100_000_00), (kansli, 2026, -105_000_00)])
    with pytest.raises(ops.BudgetError) as refused:
        ops.besluta(members, vid, dt.date(2025, 11, 20), "§ 41")
    said = str(refused.value).replace("\u00a0", " ")
    assert "Budgeten kan inte beslutas ännu" in said
    assert "resultatet för budgetåret 2026 är −5 000 kr" in said
    assert not ops.is_locked(members, vid)
    # a sign typo: a cost typed as positive
    ops.satt_belopp(members, [(kansli, 2026, 95_000_00)])
    with pytest.raises(ops.BudgetError, match="kostnader skrivs negativa"):
        ops.besluta(members, vid, dt.date(2025, 11, 20), "§ 41")
    # put right: a deficit with its motivering is decided
    ops.satt_belopp(members, [(kansli, 2026, -105_000_00)])
    ops.satt_motivering(members, vid, "Eget kapital över taket används.")
    ops.besluta(members, vid, dt.date(2025, 11, 20), "§ 41")
    assert ops.is_locked(members, vid)
