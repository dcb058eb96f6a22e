"""Utfall from Excel (through a column mapping) and from SIE: placed, all or nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from finsam_desktop import budget as ops
from finsam_desktop import cli, ekonomi, sie
from finsam_desktop import utfall_import as imp
from finsam_desktop.model import Grupp

FIXTURES = Path(__file__).parent.parent / "fixtures" / "sie"


@pytest.fixture
def forbund(ff):
    """A förbund with a 2025 budget: income on 3011, förbundschef 7410, insats Steg (4560)."""
    with ff.write("Grund") as db:
        db.execute(
            "INSERT INTO medlem (id, namn, typ, andel) VALUES (1, 'Försäkringskassan', "
            "'forsakringskassan', '50')"
        )
        db.execute(
            "INSERT INTO insats (id, namn, typ) VALUES (7, 'Steg för steg', 'individinriktad')"
        )
        db.execute(
            "INSERT INTO insats (id, namn, typ) VALUES (8, 'Ungdomslotsen', 'individinriktad')"
        )
    vid = ops.ny_version(ff, 2025)
    fk = ekonomi.budget_rader(ff, vid, 2025)[0]["id"]
    ops.koppla_rad(ff, fk, konto="3011")
    chef = ops.lagg_till_rad(ff, vid, Grupp.ADMINISTRATION, "Förbundschef")
    ops.koppla_rad(ff, chef, konto="7410")
    steg = ops.lagg_till_rad(ff, vid, Grupp.INSATSER, "Steg för steg")
    ops.koppla_rad(ff, steg, konto="4560", insats_id=7)
    ff.enable_undo()
    return ff


def excel(path: Path, rows: list[tuple], header=("Konto", "Projekt", "Belopp", "Period")) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(["Utfall från ekonomisystemet"])
    ws.append([])
    ws.append(list(header))
    for r in rows:
        ws.append(list(r))
    wb.save(path)
    return path


MAPPNING = imp.Mappning(konto="Konto", objekt="Projekt", belopp="Belopp", period="Period")


def test_an_excel_file_is_read_through_the_mapping_per_month(forbund, tmp_path):
    path = excel(
        tmp_path / "utfall.xlsx",
        [
            (3011, None, -635000, "2025-01"),
            ("7410", None, "64 583,33", 202501),
            (4560, "P10", 80000, dt.date(2025, 2, 1)),
            (4560, "P20", 50000, "feb"),
        ],
    )
    val = imp.Val(objekt_insats={"P20": 8}, konto_grupp={})
    result = imp.importera_excel(forbund, path, 2025, MAPPNING, val)
    assert result.manadsvis and result.rader == 4
    rows = forbund.query("SELECT manad, grupp, text, insats_id, belopp_ore FROM utfall ORDER BY id")
    assert rows == [
        {
            "manad": 1,
            "grupp": "intakter",
            "text": "Driftbidrag Försäkringskassan",
            "insats_id": None,
            "belopp_ore": 63_500_000,
        },
        {
            "manad": 1,
            "grupp": "administration",
            "text": "Förbundschef",
            "insats_id": None,
            "belopp_ore": -6_458_333,
        },
        {
            "manad": 2,
            "grupp": "insatser",
            "text": "Steg för steg",
            "insats_id": 7,
            "belopp_ore": -8_000_000,
        },
        {
            "manad": 2,
            "grupp": "insatser",
            "text": "Ungdomslotsen",
            "insats_id": 8,
            "belopp_ore": -5_000_000,
        },
    ]
    # the mapping is remembered, so the command line can use it
    assert imp.sparad_mappning(forbund) == MAPPNING
    assert imp.sparade_val(forbund).objekt_insats == {"P20": 8}
    assert forbund.undo_label == "Importera utfall 2025 från utfall.xlsx"
    # the delårsrapport can take January only
    assert ekonomi.arets_resultat(forbund, 2025, till_manad=1) == 63_500_000 - 6_458_333


def test_nothing_is_stored_when_one_post_cannot_be_placed(forbund, tmp_path):
    path = excel(
        tmp_path / "u.xlsx", [(3011, None, -100, 1), (5011, None, 200, 1), (6550, None, 3, 2)]
    )
    with pytest.raises(imp.UtfallImportError) as info:
        imp.importera_excel(forbund, path, 2025, MAPPNING, imp.Val())
    # one line per account (issue 17: not one per posting), then what to do
    assert [p.replace("\u00a0", " ") for p in info.value.problem[:2]] == [
        "Konto 5011: 1 post, sammanlagt −200 kr, hör inte till någon budgetrad eller grupp.",
        "Konto 6550: 1 post, sammanlagt −3 kr, hör inte till någon budgetrad eller grupp.",
    ]
    assert "--unmapped by-class" in info.value.problem[2]
    assert forbund.scalar("SELECT count(*) FROM utfall") == 0
    # mapped to a group, the same file imports
    val = imp.Val(konto_grupp={"5011": "styrelse", "6550": "administration"})
    imp.importera_excel(forbund, path, 2025, MAPPNING, val)
    assert forbund.scalar("SELECT count(*) FROM utfall") == 3


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ((None, None, 100, 1), "Rad 4: kontot saknas"),
        ((3011, None, None, 1), "Rad 4: beloppet saknas"),
        ((3011, None, "1.255", 1), "Rad 4: ”1.255” kan läsas på två sätt"),
        ((3011, None, "mycket", 1), "Rad 4: ”mycket” är inte ett belopp"),
        ((3011, None, 100, "2024-03"), "Rad 4: perioden 2024-03 hör inte till 2025"),
        ((3011, None, 100, 13), "Rad 4: ”13” är ingen period"),
        ((3011, None, 100, None), "Rad 4: perioden saknas"),
    ],
)
def test_excel_rows_that_cannot_be_read_are_listed_with_their_row(forbund, tmp_path, row, message):
    path = excel(tmp_path / "u.xlsx", [row])
    with pytest.raises(imp.UtfallImportError) as info:
        imp.importera_excel(forbund, path, 2025, MAPPNING, imp.Val())
    assert any(message in p for p in info.value.problem), info.value.problem


def test_choices_of_the_wrong_shape_from_an_arbetsbok_are_left_out_not_a_crash(forbund, tmp_path):
    """The settings travel as JSON text in the arbetsbok: "konto": 5 stopped the import with
    an AttributeError (exit 70), "intakter_negativa": "nej" was read as yes, and an objekt
    "²", a group ["x"] or andelar [1, 2] stopped sparade_val."""
    settings = {
        imp.MAPPNING_NYCKEL: '{"konto": 5, "belopp": "Belopp", "period": "Period", '
        '"intakter_negativa": "nej", "blad": ["x"]}',
        imp.OBJEKT_NYCKEL: '{"P10": "²", "P20": true, "P30": "8"}',
        imp.KONTO_NYCKEL: '{"5011": ["x"], "6550": "administration"}',
        imp.DELNING_NYCKEL: '{"3013": {"satt": "hand", "andelar": [1, 2]}, "4510": {"satt": []}}',
    }
    with forbund.write("Inställningar från en arbetsbok") as db:
        for key, value in settings.items():
            db.execute("INSERT INTO installning (nyckel, varde) VALUES (?, ?)", (key, value))
    assert imp.sparad_mappning(forbund) == imp.Mappning(
        konto="Konto", belopp="Belopp", period="Period"
    )
    val = imp.sparade_val(forbund)
    assert val.objekt_insats == {"P30": 8}
    assert val.konto_grupp == {"6550": "administration"}
    assert val.delning == {"3013": imp.Delning("hand")}
    path = excel(tmp_path / "u.xlsx", [(3011, None, -100, 1)])
    imp.importera_excel(forbund, path, 2025)
    assert forbund.scalar("SELECT belopp_ore FROM utfall") == 10_000


def test_a_header_twice_is_refused_and_a_missing_one_is_named(forbund, tmp_path):
    """Two "Belopp" columns: the last one was read without a word."""
    twice = excel(
        tmp_path / "två.xlsx",
        [(3011, None, -100, 1, -999_999)],
        header=("Konto", "Projekt", "Belopp", "Period", "Belopp"),
    )
    with pytest.raises(imp.UtfallImportError, match=r"flera kolumner med rubriken ”Belopp” "
                       r"\(kolumn C och E på rad 3\)"):  # fmt: skip
        imp.importera_excel(forbund, twice, 2025, MAPPNING, imp.Val())
    wb = Workbook()
    ws = wb.active
    ws.append(["Konto", "Projekt", "Belopp", "Period"])
    ws.merge_cells("A1:B1")  # Projekt is gone under the merge
    ws.append([3011, None, -100, 1])
    wb.save(merged := tmp_path / "sammanslagen.xlsx")
    with pytest.raises(imp.UtfallImportError) as info:
        imp.importera_excel(forbund, merged, 2025, MAPPNING, imp.Val())
    assert str(info.value).startswith("Rad 1 i bladet ”Sheet” har inte rubriken ”Projekt”")
    assert "sammanslagna celler" in str(info.value)
    assert forbund.scalar("SELECT count(*) FROM utfall") == 0


def test_a_hidden_sheet_before_the_shown_one_is_not_read(forbund, tmp_path):
    """The mapping without a sheet read the workbook's first sheet even when Excel hides it."""
    wb = Workbook()
    old = wb.active
    old.title = "Gammal"
    old.sheet_state = "hidden"
    for ws, amount in ((old, -5), (wb.create_sheet("Utfall"), -100)):
        ws.append(["Konto", "Projekt", "Belopp", "Period"])
        ws.append([3011, None, amount, 1])
    wb.active = 1
    wb.save(path := tmp_path / "dold.xlsx")
    imp.importera_excel(forbund, path, 2025, MAPPNING, imp.Val())
    assert forbund.scalar("SELECT belopp_ore FROM utfall") == 10_000


@pytest.mark.parametrize(
    ("period", "message"),
    [
        # a quarter is no month: it was put in January, whole
        ("januari-mars", "Rad 4: ”januari-mars” är ingen period"),
        # the minus was dropped and this became March
        ("-3", "Rad 4: ”-3” är ingen period"),
        # the year was not looked at after a month name: 2024's March counted for 2025
        ("mars 2024", "Rad 4: perioden 2024-03 hör inte till 2025"),
        ("Q1", "Rad 4: ”Q1” är ingen period"),
        (True, "Rad 4: ”SANT” är ingen period"),
    ],
)
def test_a_period_that_is_no_month_of_the_year_is_refused_not_guessed(
    forbund, tmp_path, period, message
):
    path = excel(tmp_path / "u.xlsx", [(3011, None, 100, period)])
    with pytest.raises(imp.UtfallImportError) as info:
        imp.importera_excel(forbund, path, 2025, MAPPNING, imp.Val())
    assert any(message in p for p in info.value.problem), info.value.problem
    assert forbund.scalar("SELECT count(*) FROM utfall") == 0


def test_periods_are_read_as_the_ekonomisystem_writes_them(forbund, tmp_path):
    periods = ["mars 2025", "Mar", "okt.", "2025 04", "05/2025", "2025-06-30", 7.0, "202508",
               dt.datetime(2025, 9, 1), "december"]  # fmt: skip
    path = excel(tmp_path / "u.xlsx", [(3011, None, -100, p) for p in periods])
    imp.importera_excel(forbund, path, 2025, MAPPNING, imp.Val())
    months = [r[0] for r in forbund.conn.execute("SELECT manad FROM utfall ORDER BY manad")]
    assert months == [3, 4, 5, 6, 7, 8, 9, 10, 12]  # two rows in March, summed
    assert imp.filens_ar(path, MAPPNING) == 2025


def test_a_konto_of_spaces_is_missing_and_a_boolean_is_no_amount_or_konto(forbund, tmp_path):
    """A konto cell of spaces was read as the konto "" ("Konto : 1 post …"); SANT in the
    amount said the amount was missing; SANT as konto was the konto "True"."""
    path = excel(
        tmp_path / "u.xlsx", [("   ", None, 100, 1), (3011, None, True, 1), (True, None, 1, 1)]
    )
    with pytest.raises(imp.UtfallImportError) as info:
        imp.importera_excel(forbund, path, 2025, MAPPNING, imp.Val())
    assert info.value.problem == [
        "Rad 4: kontot saknas.",
        "Rad 5: ”SANT” är inget belopp. (cell C5)",
        "Rad 6: ”SANT” är inget konto (cell A6).",
    ]


def test_missing_headers_and_a_file_that_is_no_workbook_are_refused(forbund, tmp_path):
    path = excel(tmp_path / "u.xlsx", [(3011, None, 1, 1)], header=("Kto", "Proj", "Summa", "Per"))
    with pytest.raises(imp.UtfallImportError, match="Hittar inte rubrikerna"):
        imp.importera_excel(forbund, path, 2025, MAPPNING, imp.Val())
    bad = tmp_path / "inte.xlsx"
    bad.write_text("hej")
    with pytest.raises(imp.UtfallImportError, match="kan inte läsas som en Excelfil"):
        imp.importera_excel(forbund, bad, 2025, MAPPNING, imp.Val())
    with pytest.raises(imp.UtfallImportError, match="ingen sparad kolumnmappning"):
        imp.importera_excel(forbund, path, 2025)


def test_sie_psaldo_by_project_places_objects_on_insatser_without_double_counting(forbund):
    val = imp.Val(objekt_insats={"P10": 7, "P20": 8}, dimension="6")
    result = imp.importera_sie(forbund, FIXTURES / "norradalen_cp437_crlf.se", 2025, val)
    assert result.manadsvis
    per_insats = ekonomi.utfall_per_insats(forbund, 2025)
    # P10: 80 000 + 90 000; P20: 50 000; February's 50 000 without object goes by its
    # konto 4560 to the budget row of Steg för steg
    assert per_insats == {7: -17_000_000 - 5_000_000, 8: -5_000_000}
    total_4560 = forbund.scalar("SELECT sum(belopp_ore) FROM utfall WHERE konto = '4560'")
    assert total_4560 == -27_000_000  # 130 000 + 140 000: the PSALDO totals, once
    intakter = ekonomi.utfall_per_grupp(forbund, 2025)[Grupp.INTAKTER]
    assert intakter == 63_500_000  # credit in the file, positive in the report


def test_sie_vouchers_are_used_when_the_file_has_them(forbund):
    val = imp.Val(objekt_insats={"P10": 7}, konto_grupp={"5011": "styrelse"}, dimension="6")
    imp.importera_sie(forbund, FIXTURES / "asele_utf8_ver.si", 2025, val)
    rows = forbund.query("SELECT manad, grupp, insats_id, belopp_ore FROM utfall ORDER BY manad")
    assert rows == [
        {"manad": 1, "grupp": "styrelse", "insats_id": None, "belopp_ore": -1_200_000},
        {"manad": 2, "grupp": "insatser", "insats_id": 7, "belopp_ore": -8_000_000},
        {"manad": 3, "grupp": "intakter", "insats_id": None, "belopp_ore": 63_500_000},
    ]


def test_sie_res_gives_the_whole_year_and_a_wrong_year_is_refused(forbund):
    imp.importera_sie(forbund, FIXTURES / "alvdalen_latin1.se", 2025, imp.Val())
    assert forbund.query("SELECT manad, belopp_ore FROM utfall ORDER BY id") == [
        {"manad": None, "belopp_ore": 100_000_000},
        {"manad": None, "belopp_ore": -40_000_000},
    ]
    with pytest.raises(imp.UtfallImportError, match="räkenskapsåret 2025, inte 2024"):
        imp.importera_sie(forbund, FIXTURES / "alvdalen_latin1.se", 2024, imp.Val())


def test_bokslut_and_kontoplan_come_from_sie(forbund):
    fil = sie.read(FIXTURES / "norradalen_cp437_crlf.se")
    figures = imp.bokslut_fran_sie(fil, 2025)
    assert figures["kassa_och_bank_ore"] == 95_000_000
    assert figures["eget_kapital_ib_ore"] == 80_000_000
    # result 2 540 000 + 15 000,50 − 775 000 − 1 600 000 = 180 000,50 closed into eget kapital
    assert figures["eget_kapital_ore"] == 80_000_000 + 18_000_050
    assert figures["finansiella_intakter_ore"] == 1_500_050
    imp.spara_bokslut(forbund, 2025, figures, "norradalen.se")
    assert ekonomi.bokslut(forbund, 2025).kassa_och_bank == 95_000_000
    imp.importera_kontoplan(forbund, fil.konton, "norradalen.se")
    assert forbund.scalar("SELECT benamning FROM konto WHERE nummer = '7410'") == (
        "Förbundschef, köpt tjänst"
    )


def test_the_command_line_imports_sie_and_says_why_not_in_swedish(forbund, tmp_path, capsys):
    path = forbund.path
    val = imp.Val(objekt_insats={"P10": 7, "P20": 8})
    with forbund.write("Spara val") as db:
        db.execute(
            "INSERT INTO installning (nyckel, varde) VALUES ('utfall_objekt_insats', ?)",
            (imp.json.dumps(val.objekt_insats),),
        )
    forbund.close()
    code = cli.main(
        ["import-utfall", str(path), str(FIXTURES / "norradalen_cp437_crlf.se"), "--year", "2025"]
    )
    assert code == 0
    assert "per månad" in capsys.readouterr().out
    code = cli.main(
        ["import-utfall", str(path), str(FIXTURES / "trasig_belopp.se"), "--year", "2025"]
    )
    err = capsys.readouterr().err
    assert code == 2 and "Rad 4" in err and "Traceback" not in err
    code = cli.main(["import-utfall", str(path), str(tmp_path / "x.txt"), "--year", "2025"])
    assert code == 2 and "Excelfil (.xlsx) eller en SIE-fil" in capsys.readouterr().err


def test_a_kontoplan_is_read_from_excel_and_stored_as_one_action(forbund, tmp_path):
    wb = Workbook()
    ws = wb.active
    ws.append(["Konto", "Benämning"])
    ws.append([3011, "Driftbidrag FK"])
    ws.append(["5011", "Sammanträdesarvoden"])
    wb.save(tmp_path / "kontoplan.xlsx")
    konton = imp.las_kontoplan_excel(tmp_path / "kontoplan.xlsx")
    assert konton == {"3011": "Driftbidrag FK", "5011": "Sammanträdesarvoden"}
    imp.spara_kontoplan(forbund, konton)
    assert forbund.query("SELECT * FROM konto ORDER BY nummer") == [
        {"nummer": "3011", "benamning": "Driftbidrag FK"},
        {"nummer": "5011", "benamning": "Sammanträdesarvoden"},
    ]
    # 7410 and 4560 were left out: removed, and the budget rows keep their amounts
    assert forbund.scalar("SELECT count(*) FROM budget_rad WHERE konto = '7410'") == 0
    assert forbund.undo_label == "Ändra kontoplanen"
    ws.append(["fel", "x"])
    wb.save(tmp_path / "kontoplan.xlsx")
    with pytest.raises(imp.UtfallImportError) as info:
        imp.las_kontoplan_excel(tmp_path / "kontoplan.xlsx")
    assert info.value.problem == ["Rad 4: ”fel” är inget kontonummer."]


def test_a_kontoplan_with_a_konto_twice_or_digits_of_other_scripts_is_refused(tmp_path):
    """The second 3011 replaced the first one's name without a word, and "３０１１" (full-width)
    or "²" passed as konto numbers that no budget row could match."""
    wb = Workbook()
    ws = wb.active
    for row in (["Konto", "Benämning"], [3011, "Driftbidrag FK"], ["  ", "tom"],
                ["3011", "Driftbidrag kommun"], ["３０１１", "x"], ["²", "y"]):  # fmt: skip
        ws.append(row)
    wb.save(path := tmp_path / "kontoplan.xlsx")
    with pytest.raises(imp.UtfallImportError) as info:
        imp.las_kontoplan_excel(path)
    assert info.value.problem == [
        "Rad 4: kontot 3011 står redan på rad 2.",
        "Rad 5: ”３０１１” är inget kontonummer.",
        "Rad 6: ”²” är inget kontonummer.",
    ]


def test_the_kontoplan_offered_is_every_account_in_number_order_with_its_name(forbund):
    imp.spara_kontoplan(
        forbund, {"7410": "Förbundschef", "3011": "Driftbidrag", "4560": "Köpta tjänster"}
    )
    assert ekonomi.kontoplan(forbund) == [
        ekonomi.Konto("3011", "Driftbidrag"),
        ekonomi.Konto("4560", "Köpta tjänster"),
        ekonomi.Konto("7410", "Förbundschef"),
    ]


def test_a_stored_bokslut_reads_back_as_the_fields_it_was_saved_with(forbund):
    assert imp.sparat_bokslut(forbund, 2025) == {}
    imp.spara_bokslut(
        forbund,
        2025,
        {"kassa_och_bank_ore": 95_000_050, "eget_kapital_ore": 80_000_000, "driftbidrag_ore": None},
    )
    stored = imp.sparat_bokslut(forbund, 2025)
    assert set(stored) == {*imp.BOKSLUT_FALT, "driftbidrag_ore", *imp.BOKSLUT_OVRIGA_FALT}
    assert stored["kassa_och_bank_ore"] == 95_000_050
    assert stored["eget_kapital_ore"] == 80_000_000
    assert stored["anlaggningstillgangar_ore"] == 0  # not given: nothing
    assert stored["eget_kapital_ib_ore"] is None  # not given: uppgift saknas
    assert stored["driftbidrag_ore"] is None
    assert stored["antal_anstallda"] is None and stored["realisationsvinster_ore"] == 0
    assert imp.sparat_bokslut(forbund, 2024) == {}


def test_the_budgets_accounts_are_those_its_rows_are_linked_to(forbund):
    assert imp.budgetens_konton(forbund, 2025) == {"3011", "7410", "4560"}
    assert imp.budgetens_konton(forbund, 2027) == {"3011", "7410", "4560"}  # a plan year
    assert imp.budgetens_konton(forbund, 2030) == set()


def test_accounts_without_a_place_can_be_placed_by_their_class_and_are_said(forbund, tmp_path):
    """Issue 17: --unmapped by-class puts each account in a row of its class's group, named
    after the account, and says how much went where."""
    path = excel(
        tmp_path / "u.xlsx",
        [(3011, None, -100, 1), (5011, None, 200, 1), (5011, None, 50, 2), (8310, None, -7, 3)],
    )
    val = imp.Val(okopplade=imp.PLACE_BY_CLASS)
    result = imp.importera_excel(forbund, path, 2025, MAPPNING, val)
    placed = {(p.konto, p.grupp, p.poster, p.belopp_ore) for p in result.placerade}
    assert placed == {("5011", "administration", 2, -25_000), ("8310", "finansiella", 1, 700)}
    stored = forbund.query("SELECT grupp, konto, sum(belopp_ore) AS s FROM utfall GROUP BY konto")
    assert {(r["grupp"], r["konto"], r["s"]) for r in stored} >= {
        ("administration", "5011", -25_000),
        ("finansiella", "8310", 700),
    }


JSISIE = Path(__file__).parent.parent / "fixtures" / "sie-jsisie"


def _own_result(fil, ar: int) -> int | None:
    """The file's own result for ``ar`` in the report convention: #RES of its year, else its
    transactions (result accounts, closing entries left out); None when it has neither."""
    from finsam_desktop import sie

    arsnr = next((nr for nr, (start, _end) in fil.rar.items() if start.year == ar), 0)
    res = [r for r in fil.res if r.arsnr == arsnr and sie.is_resultatkonto(r.konto)]
    if res:
        return sum(sie.rapportbelopp(r.belopp_ore) for r in res if not sie.is_bokslutspost(r.konto))
    trans = [t for t in fil.transaktioner if t.datum.year == ar and sie.is_resultatkonto(t.konto)]
    if trans:
        return sum(
            sie.rapportbelopp(t.belopp_ore) for t in trans if not sie.is_bokslutspost(t.konto)
        )
    return None


@pytest.mark.parametrize(
    "path", sorted(p for p in JSISIE.iterdir() if p.suffix.lower() in (".se", ".si")),
    ids=lambda p: p.name,
)  # fmt: skip
def test_every_real_sie_file_imports_by_class_or_is_refused_in_swedish(path, ff):
    """Issue 17's Done means: each real export is imported with --unmapped by-class, the
    stored total for its year that of the file, or refused with a sentence; never a crash."""
    import time

    from finsam_desktop import sie

    start = time.perf_counter()
    try:
        fil = sie.read(path)
    except sie.SieError as exc:
        assert str(exc).startswith("Rad ")
        return
    ar = fil.ar(0) or (fil.transaktioner[0].datum.year if fil.transaktioner else 2025)
    val = imp.Val(okopplade=imp.PLACE_BY_CLASS)
    try:
        result = imp.importera_sie(ff, path, ar, val)
    except imp.UtfallImportError as exc:
        text = str(exc)
        assert text and "Traceback" not in text and text[0].isupper()
        assert ff.scalar("SELECT count(*) FROM utfall") == 0  # nothing half-imported
        return
    stored = ff.scalar("SELECT sum(belopp_ore) FROM utfall WHERE ar = ?", (ar,))
    assert stored == result.summa_ore
    start_day, end_day = fil.rar.get(0, (None, None))
    calendar_year = start_day is not None and (start_day.month, end_day.month) == (1, 12)
    own = _own_result(fil, ar)
    if not calendar_year and (fil.psaldo or fil.transaktioner):
        # a broken fiscal year: only the months of the calendar year, and it says so
        assert any("inte för hela året" in line for line in result.obs), result.obs
    elif own is not None and stored != own:
        # the file's own #RES says otherwise: the import says so with both figures
        assert any("Filens eget resultat" in line for line in result.obs), (path.name, own)
    assert time.perf_counter() - start < 1.0


# -- a konto that several budget rows carry (issue 18.2) ----------------------------------------

ANSVAR = imp.Mappning(konto="Konto", objekt="Ansvar", belopp="Belopp", period="")
NORR, LILL = "Driftbidrag Norråbacka kommun", "Driftbidrag Lillådals kommun"


def _driftbidrag(ff, ar: int) -> dict[str, int]:
    """The stored utfall on 3013 per row text."""
    rows = ff.query(
        "SELECT text, sum(belopp_ore) AS s FROM utfall WHERE ar = ? AND konto = '3013' "
        "GROUP BY text",
        (ar,),
    )
    return {r["text"]: r["s"] for r in rows}


def _shared_file(tmp_path: Path) -> Path:
    """Both kommuner's driftbidrag on 3013, told apart only by the Ansvar column."""
    return excel(
        tmp_path / "driftbidrag.xlsx",
        [(3013, "110", -762_000, None), (3013, "120", -508_000, None)],
        header=("Konto", "Ansvar", "Belopp", "Ingenting"),
    )


def test_a_konto_on_two_budget_rows_is_refused_until_a_split_is_chosen(demo, tmp_path):
    """The demo's kommuner both book driftbidrag on 3013: nothing may go to one of them."""
    path = _shared_file(tmp_path)
    assert [r["text"] for r in imp.delade_konton(demo, 2027)["3013"]] == [NORR, LILL]
    with pytest.raises(imp.UtfallImportError) as info:
        imp.importera_excel(demo, path, 2027, ANSVAR, imp.Val())
    said = " ".join(info.value.problem).replace("\u00a0", " ")
    assert "Konto 3013 (2 poster, sammanlagt 1 270 000 kr) står på flera budgetrader" in said
    assert f"”{NORR}” och ”{LILL}”" in said and "--split-shared by-budget" in said
    assert _driftbidrag(demo, 2027) == {}


def test_a_shared_konto_is_split_by_the_rows_budget_and_the_split_is_said(demo, tmp_path):
    path = _shared_file(tmp_path)
    val = imp.Val(delning={"3013": imp.Delning(imp.DELA_BUDGET)})
    result = imp.importera_excel(demo, path, 2027, ANSVAR, val)
    # the budget is 762 000 and 508 000: the total splits 60/40, to the krona
    assert _driftbidrag(demo, 2027) == {NORR: 76_200_000, LILL: 50_800_000}
    assert [s.replace("\u00a0", " ") for s in result.delat] == [
        f"Konto 3013 (1 270 000 kr) delades efter radernas budget: {NORR} 762 000 kr, "
        f"{LILL} 508 000 kr."
    ]
    # each part is on its member's row: the avvikelse per kommun is what the file says
    members = dict(
        demo.conn.execute(
            "SELECT text, medlem_id FROM utfall WHERE ar = 2027 AND konto = '3013'"
        ).fetchall()
    )
    assert members[NORR] != members[LILL] and None not in members.values()
    # remembered for the next import and the command line
    assert imp.sparade_val(demo).delning == {"3013": imp.Delning(imp.DELA_BUDGET)}


def test_a_shared_konto_is_split_by_the_ansvar_column_or_by_hand(demo, tmp_path):
    path = _shared_file(tmp_path)
    by_ansvar = imp.Delning(imp.DELA_OBJEKT, objekt={"110": NORR, "120": LILL})
    imp.importera_excel(demo, path, 2027, ANSVAR, imp.Val(delning={"3013": by_ansvar}))
    assert _driftbidrag(demo, 2027) == {NORR: 76_200_000, LILL: 50_800_000}
    # an ansvar no row is chosen for: refused with its row in the file
    half = imp.Delning(imp.DELA_OBJEKT, objekt={"110": NORR})
    with pytest.raises(imp.UtfallImportError) as info:
        imp.importera_excel(demo, path, 2027, ANSVAR, imp.Val(delning={"3013": half}))
    assert any(p.startswith("Rad 5: konto 3013 med ansvar/objekt 120") for p in info.value.problem)
    by_hand = imp.Delning(imp.DELA_HAND, andelar={NORR: "50", LILL: "50 %"})
    imp.importera_excel(demo, path, 2027, ANSVAR, imp.Val(delning={"3013": by_hand}))
    assert _driftbidrag(demo, 2027) == {NORR: 63_500_000, LILL: 63_500_000}
    wrong = imp.Delning(imp.DELA_HAND, andelar={NORR: "50", LILL: "40"})
    with pytest.raises(imp.UtfallImportError) as info:
        imp.importera_excel(demo, path, 2027, ANSVAR, imp.Val(delning={"3013": wrong}))
    assert any("summerar till 90" in p for p in info.value.problem), info.value.problem
    assert _driftbidrag(demo, 2027) == {NORR: 63_500_000, LILL: 63_500_000}


def test_the_command_line_splits_a_shared_konto_only_when_told(demo, tmp_path, capsys):
    path = _shared_file(tmp_path)
    with demo.write("Spara mappningen") as db:
        db.execute(
            "INSERT OR REPLACE INTO installning (nyckel, varde) VALUES (?, ?)",
            (imp.MAPPNING_NYCKEL, ANSVAR.to_json()),
        )
    file = demo.path
    demo.close()
    args = ["import-utfall", str(file), str(path), "--year", "2027"]
    assert cli.main(args) == 2
    assert "står på flera budgetrader" in capsys.readouterr().err
    assert cli.main([*args, "--split-shared", "by-budget"]) == 0
    out = capsys.readouterr().out.replace("\u00a0", " ")
    assert f"Konto 3013 (1 270 000 kr) delades efter radernas budget: {NORR} 762 000 kr" in out


def test_the_mapping_and_the_split_travel_with_the_arbetsbok_to_the_command_line(
    demo, tmp_path, capsys
):
    """Issue 17: the choices made in the dialog are stored in the file, carried by the
    arbetsbok, and used by the command line of the förbund file made from it."""
    from finsam_desktop import storage
    from finsam_desktop.arbetsbok import export_workbook, import_workbook

    path = _shared_file(tmp_path)
    by_ansvar = imp.Delning(imp.DELA_OBJEKT, objekt={"110": NORR, "120": LILL})
    imp.importera_excel(demo, path, 2027, ANSVAR, imp.Val(delning={"3013": by_ansvar}))
    book = tmp_path / "Arbetsbok.xlsx"
    export_workbook(demo, book)
    other = tmp_path / "Ny.finsam"
    with storage.create_file(other, namn="Norrådalen", organisationsnummer="222000-2063") as ff:
        import_workbook(ff, book)
        assert imp.sparad_mappning(ff) == ANSVAR
        assert imp.sparade_val(ff).delning == {"3013": by_ansvar}
    assert cli.main(["import-utfall", str(other), str(path), "--year", "2027"]) == 0
    assert "Utfall 2027 för helår" in capsys.readouterr().out
    with storage.open_file(other, storage.OpenOptions(daily_backup=False)) as ff:
        assert _driftbidrag(ff, 2027) == {NORR: 76_200_000, LILL: 50_800_000}


def test_a_ledgers_debet_and_kredit_columns_give_the_amount(forbund, tmp_path):
    """Issue 18.4: the amount in two columns, as a ledger has it: kredit − debet."""
    path = excel(
        tmp_path / "huvudbok.xlsx",
        [
            (3011, "Period 1", None, "635 000"),
            (7410, "Period 1", 64583.33, None),
            (7410, "Period 2", 1000, 400),
        ],
        header=("Konto", "Text", "Debet", "Kredit"),
    )
    mappning = imp.Mappning(konto="Konto", belopp="", debet="Debet", kredit="Kredit")
    result = imp.importera_excel(forbund, path, 2025, mappning, imp.Val())
    assert result.summa_ore == 63_500_000 - 6_458_333 - 60_000
    stored = dict(forbund.conn.execute("SELECT konto, sum(belopp_ore) FROM utfall GROUP BY konto"))
    assert stored == {"3011": 63_500_000, "7410": -6_458_333 - 60_000}
    header = ("Konto", "Text", "Debet", "Kredit")
    bad = excel(tmp_path / "fel.xlsx", [(7410, "", "mycket", None)], header=header)
    with pytest.raises(imp.UtfallImportError) as info:
        imp.importera_excel(forbund, bad, 2025, mappning, imp.Val())
    assert any(p.startswith("Rad 4: ") and "(cell C4)" in p for p in info.value.problem)


def test_vouchers_that_disagree_with_the_files_period_balances_are_said(forbund, tmp_path):
    """Issue 17: a file with a few May vouchers and the year's #PSALDO (no #RES) replaced
    the year's utfall with May's without a word; now the difference is said."""
    path = tmp_path / "maj.se"
    path.write_text(
        "#FLAGGA 0\n#FORMAT PC8\n#SIETYP 4\n#RAR 0 20250101 20251231\n"
        '#KONTO 3011 "Driftbidrag"\n#KONTO 7410 "Förbundschef"\n'
        "#PSALDO 0 202501 3011 {} -635000.00\n#PSALDO 0 202505 7410 {} 64583.00\n"
        "#PSALDO 0 202506 7410 {} 64583.00\n"
        '#VER A 1 20250505 "Förbundschef maj"\n{\n#TRANS 7410 {} 64583.00\n'
        "#TRANS 1930 {} -64583.00\n}\n",
        encoding="cp437",
    )
    result = imp.importera_sie(forbund, path, 2025, imp.Val())
    assert result.summa_ore == -6_458_300
    said = [o.replace("\u00a0", " ") for o in result.obs]
    assert any(
        o.startswith(
            "Filens periodsaldon för 2025 (#PSALDO) ger resultatet 505 834 kr, men "
            "verifikationerna ger −64 583 kr"
        )
        for o in said
    ), said
