"""The budget as Excel for the kommun's system: columns, layouts, periods, signs, formulas."""

from __future__ import annotations

from decimal import Decimal

import pytest
from openpyxl import load_workbook

from finsam_desktop import budget as ops
from finsam_desktop import cli, ekonomi
from finsam_desktop.model import Grupp
from reports.ekonomi_excel import (
    ExportError,
    ExportVal,
    export_rader,
    spara_val,
    sparade_val,
    write_export,
)

#: The wide layout's month headers, as the ekonomienhet's system expects them.
MONTHS = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]


@pytest.fixture
def version(demo):
    vid = demo.query("SELECT id FROM budget_version WHERE ar = 2027 ORDER BY id DESC LIMIT 1")[0][
        "id"
    ]
    copy = ops.kopiera_version(demo, vid)
    rows = ekonomi.budget_rader(demo, copy, 2027)
    chef = next(r for r in rows if r["grupp"] == "administration")
    ops.koppla_rad(demo, chef["id"], ansvar="1100", projekt="=HYPERLINK(1)", motpart="@x")
    tricky = ops.lagg_till_rad(demo, copy, Grupp.ADMINISTRATION, "-Reserv, +20 % @kansli")
    ops.satt_belopp(demo, [(tricky, 2027, -100_050)])
    return copy


def total(demo, vid, year):
    return sum(r["belopp_ore"] for r in ekonomi.budget_rader(demo, vid, year))


def test_long_layout_has_a_row_per_month_a_sum_formula_and_text_that_stays_text(
    demo, version, tmp_path
):
    out = tmp_path / "long.xlsx"
    val = ExportVal(kolumner=["konto", "ansvar", "projekt", "motpart", "text"], layout="long")
    facts = write_export(demo, version, 2027, out, val)
    ws = load_workbook(out).active
    assert [c.value for c in ws[1]] == [
        "Konto",
        "Ansvar",
        "Aktivitet/Projekt",
        "Motpart",
        "Text",
        "Period",
        "Belopp",
    ]
    assert ws.freeze_panes == "A2"
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    body = rows  # data rows only: an ekonomisystem reads a "Summa" in Konto as an account
    assert "Summa" not in [r[0] for r in rows]
    totals = list(load_workbook(out)["Summa"].iter_rows(values_only=True))
    assert totals[0][1] == "Belopp"
    assert totals[1][:2] == ("Summa", f"=SUM('Budget 2027'!G2:G{len(rows) + 1})")
    assert {r[5] for r in body} == {202700 + m for m in range(1, 13)}
    # ansvar and aktivitet come from the budget row where the förbund set them (issue 17)
    chef = [r for r in body if r[1] == "1100"]
    assert len(chef) == 12 and {r[2] for r in chef} == {"=HYPERLINK(1)"}
    assert {r[1] for r in body if r not in chef} == {None}
    amounts = [Decimal(str(r[6])) for r in body]
    assert sum(amounts) * 100 == total(demo, version, 2027) == facts["summa_ore"]
    # texts that look like formulas are stored as text, with Excel's quote prefix
    texts = [c for row in ws.iter_rows(min_row=2) for c in row[:5] if c.value]
    assert all(c.data_type == "s" for c in texts)
    tricky = [
        c for c in texts if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@"))
    ]
    assert {c.value for c in tricky} >= {"=HYPERLINK(1)", "@x", "-Reserv, +20 % @kansli"}
    assert all(c.quotePrefix for c in tricky)
    assert ws.cell(row=2, column=7).number_format in ("#,##0", "#,##0.00")


def test_wide_layout_has_twelve_months_and_row_and_column_sums(demo, version, tmp_path):
    out = tmp_path / "wide.xlsx"
    write_export(demo, version, 2027, out, ExportVal(kolumner=["konto", "text"], layout="wide"))
    ws = load_workbook(out).active
    header = [c.value for c in ws[1]]
    assert header[:2] == ["Konto", "Text"] and header[2:14] == MONTHS
    assert header[14] == "Summa"
    assert ws["O2"].value == "=SUM(C2:N2)"
    last = ws.max_row  # data rows only; the column sums stand on the sheet Summa
    assert ws.cell(row=last, column=1).value != "Summa"
    totals = load_workbook(out)["Summa"]
    assert totals.cell(row=2, column=1).value == "Summa"
    assert totals.cell(row=2, column=2).value == f"=SUM('Budget 2027'!C2:C{last})"
    assert totals.cell(row=2, column=14).value == f"=SUM('Budget 2027'!O2:O{last})"


def test_the_sign_convention_and_periodisation_are_chosen(demo, version):
    report = export_rader(demo, version, 2027, ExportVal())
    ledger = export_rader(demo, version, 2027, ExportVal(tecken="bokforing"))
    assert [r.summa for r in ledger] == [-r.summa for r in report]
    march = export_rader(demo, version, 2027, ExportVal(periodisering="manad", manad=3))
    assert all(r.manader[2] == r.summa and sum(r.manader) == r.summa for r in march)
    profile = export_rader(
        demo, version, 2027, ExportVal(periodisering="profil", profil=["2"] * 6 + ["0"] * 6)
    )
    assert all(sum(r.manader) == r.summa and not any(r.manader[6:]) for r in profile)
    with pytest.raises(ExportError, match="Året 2031"):
        export_rader(demo, version, 2031, ExportVal())


def test_the_choices_are_remembered_per_forbund(demo):
    assert sparade_val(demo) == ExportVal()
    val = ExportVal(kolumner=["konto", "verksamhet"], layout="wide", tecken="bokforing")
    spara_val(demo, val)
    assert sparade_val(demo) == val
    with pytest.raises(ExportError):
        spara_val(demo, ExportVal(kolumner=[]))


@pytest.mark.parametrize("layout", ["long", "wide"])
def test_libreoffice_computes_the_same_totals_as_the_budget(
    demo, version, tmp_path, layout, libreoffice
):
    out = tmp_path / "in" / f"{layout}.xlsx"
    out.parent.mkdir()
    write_export(demo, version, 2027, out, ExportVal(kolumner=["konto", "text"], layout=layout))
    wb = load_workbook(libreoffice(out, tmp_path / "ut"), data_only=True)
    ws, sums = wb["Budget 2027"], wb["Summa"]
    last = ws.max_row
    expected = Decimal(total(demo, version, 2027)) / 100
    grand = sums.cell(row=2, column=2 if layout == "long" else 14).value
    assert Decimal(str(grand)).quantize(Decimal("0.01")) == expected
    if layout == "wide":
        for r in range(2, last + 1):
            months = sum(Decimal(str(ws.cell(row=r, column=c).value or 0)) for c in range(3, 15))
            assert Decimal(str(ws.cell(row=r, column=15).value)).quantize(
                Decimal("0.01")
            ) == months.quantize(Decimal("0.01"))
    # the text starting with - came back as text, not as a formula or an error
    texts = {ws.cell(row=r, column=2).value for r in range(2, last)}
    assert "-Reserv, +20 % @kansli" in texts


def test_the_command_line_writes_the_export(demo, tmp_path, capsys):
    path = demo.path
    demo.close()
    out = tmp_path / "ekonomi.xlsx"
    assert (
        cli.main(["export", str(path), str(out), "--ekonomi", "--year", "2027", "--layout", "wide"])
        == 0
    )
    assert "Budgeten 2027" in capsys.readouterr().out
    header = [c.value for c in load_workbook(out).active[1]]
    assert header[-13:] == [*MONTHS, "Summa"]
    assert cli.main(["export", str(path), str(out), "--ekonomi", "--year", "2040"]) == 2
    assert "ingen budget för 2040" in capsys.readouterr().err
    assert cli.main(["export", str(path), str(out), "--ekonomi"]) == 2
    assert "--year" in capsys.readouterr().err


def test_the_command_line_takes_the_ledgers_signs(demo, tmp_path):
    """Issue 17: --sign as in the dialog; intäkter are negative in the ledger's convention."""
    path = demo.path
    demo.close()
    report, ledger = tmp_path / "r.xlsx", tmp_path / "l.xlsx"
    base = ["export", str(path), "--ekonomi", "--year", "2027", "--layout", "wide"]
    assert cli.main([*base[:2], str(report), *base[2:]]) == 0
    assert cli.main([*base[:2], str(ledger), *base[2:], "--sign", "ledger"]) == 0

    def first_month(book):
        ws = load_workbook(book).active
        col = [c.value for c in ws[1]].index(MONTHS[0]) + 1
        return [ws.cell(row=r, column=col).value for r in range(2, ws.max_row + 1)]

    as_report, as_ledger = first_month(report), first_month(ledger)
    assert as_ledger == [-v if isinstance(v, int | float) else v for v in as_report]
    assert any(isinstance(v, int | float) and v > 0 for v in as_report)  # intäkter plus


@pytest.mark.parametrize(
    ("profil", "says"),
    [
        (
            ["8"] * 11 + ["x"],
            "Månadsprofilens värde för månad 12 (”x”) är inget tal; skriv till "
            "exempel 8 eller 8,5.",
        ),
        (
            ["8"] * 11 + ["NaN"],
            "Månadsprofilens värde för månad 12 (”NaN”) är inget tal; skriv "
            "till exempel 8 eller 8,5.",
        ),
        (["8"] * 11, "Månadsprofilen ska vara tolv tal, ett per månad."),
        (["0"] * 12, "Månadsprofilens värden ska vara positiva och inte alla noll."),
    ],
)
def test_a_month_profile_that_is_not_twelve_numbers_is_refused_in_swedish(profil, says):
    from finsam_desktop.errors import Refusal

    val = ExportVal(periodisering="profil", profil=profil)
    with pytest.raises(ExportError) as refused:
        val.check()
    assert str(refused.value) == says
    assert isinstance(refused.value, Refusal)
    assert ExportVal(periodisering="profil", profil=["8", "8,5", *["1"] * 10]).profil_tal()[1] == (
        Decimal("8.5")
    )


def test_the_command_line_sends_the_decided_budget_and_refuses_a_forslag_unless_told(
    demo, tmp_path, capsys
):
    """Issue 18.1 from the command line: which budget is said; a förslag needs --forslag."""
    forslag = ops.ny_version(demo, 2029)  # a förslag only
    first = ekonomi.versionens_rader(demo, forslag)[0]["id"]
    ops.satt_belopp(demo, [(first, 2029, 1_000_000_00)])
    path = demo.path
    demo.close()
    out = tmp_path / "ekonomi.xlsx"
    assert cli.main(["export", str(path), str(out), "--ekonomi", "--year", "2027"]) == 0
    said = capsys.readouterr().out
    assert "Budget 2027" in said and "beslutad 2026-11-19 § 42" in said
    assert load_workbook(out).properties.subject.endswith("beslutad 2026-11-19 § 42")
    # 2028 has no budget of its own: the decided 2027 budget's plan year, named so
    assert cli.main(["export", str(path), str(out), "--ekonomi", "--year", "2028"]) == 0
    assert "Planår 2028 i budget 2027" in capsys.readouterr().out
    out.unlink()
    assert cli.main(["export", str(path), str(out), "--ekonomi", "--year", "2029"]) == 2
    err = capsys.readouterr().err
    assert "förslag, inte beslutad" in err and "--forslag" in err
    assert not out.exists()
    assert (
        cli.main(["export", str(path), str(out), "--ekonomi", "--year", "2029", "--forslag"]) == 0
    )
    assert load_workbook(out).properties.subject.endswith("förslag, inte beslutad")
