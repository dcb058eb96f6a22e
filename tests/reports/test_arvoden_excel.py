"""The payroll Excel: figures read back with openpyxl, text never a formula, frozen header."""

from __future__ import annotations

import datetime as dt

from openpyxl import load_workbook

from finsam_desktop import arvoden, cli, moten
from reports import arvoden_excel


def test_the_payroll_workbook_holds_the_underlag_and_the_summary_per_konto(demo, tmp_path):
    fran, till = dt.date(2026, 9, 1), dt.date(2026, 9, 30)
    out = tmp_path / "arvoden.xlsx"
    u = arvoden_excel.write(demo, out, fran, till)
    wb = load_workbook(out)
    ws = wb["Arvoden"]
    assert ws.freeze_panes == "A2"
    header = [c.value for c in ws[1]]
    assert header == arvoden_excel.RUBRIKER
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(u.rader) + 1 and rows[-1][0] == "Summa"
    col = {h: i for i, h in enumerate(header)}
    for r, row in zip(u.rader, rows, strict=False):
        assert row[col["Namn"]] == r.namn
        assert row[col["Arvode"]] == r.arvode_ore / 100
        assert row[col["Milersättning skattepliktig"]] == r.mil_skattepliktig_ore / 100
        # taxable and tax-free are never added in one sum (issue 17): the payroll taxes it
        assert row[col["Skattepliktigt"]] == r.skattepliktigt_ore / 100
    assert "Summa" not in header
    assert rows[-1][col["Skattepliktigt"]] == sum(r.skattepliktigt_ore for r in u.rader) / 100
    assert ws.cell(row=2, column=col["Arvode"] + 1).number_format == "#,##0.00"
    with_km = next(r for r in u.rader if r.km)
    assert with_km.mil_skattefri_ore == round(2500 * with_km.km / 10)
    ks = wb["Per konto"]
    per_konto = [r for r in ks.iter_rows(min_row=2, values_only=True) if r[0] and r[2] is not None]
    # each löneart on the förbund's own konto (issue 17: not 7010, which its kontoplan lacks)
    assert {r[0] for r in per_konto} <= {"5011", "5012", "5014", "5810"}
    assert "5011" in {r[0] for r in per_konto}
    taxable = sum(r[2] for r in per_konto)
    assert round(taxable, 2) == sum(r.skattepliktigt_ore for r in u.rader) / 100
    assert round(sum(r[3] for r in per_konto), 2) == sum(r.mil_skattefri_ore for r in u.rader) / 100
    for _konto, _ansvar, taxable, free, avgift, total in per_konto:
        assert round(total, 2) == round(taxable + free + avgift, 2)
    # the state-appointed are named as paid by their employer
    notes = [r[0] for r in ks.iter_rows(min_row=2, values_only=True) if r[0] and r[2] is None]
    assert any(n.startswith("Betalas inte av förbundet") for n in notes)


def test_a_name_starting_with_an_equals_sign_stays_text(demo, tmp_path):
    demo.conn.execute("UPDATE person SET namn = '=SUMMA(A1)' WHERE namn = 'Stefan Nordin'")
    out = tmp_path / "a.xlsx"
    arvoden_excel.write(demo, out, dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    ws = load_workbook(out)["Arvoden"]
    cells = [c for c in ws["A"] if c.value == "=SUMMA(A1)"]
    assert cells and all(c.data_type == "s" for c in cells)


def test_the_command_line_exports_the_arvoden(demo_path, tmp_path, capsys):
    out = tmp_path / "lön.xlsx"
    args = ["export", str(demo_path), str(out), "--arvoden"]
    assert cli.main([*args, "--from", "2026-09-01", "--to", "2026-09-30"]) == 0
    assert "Arvodesunderlaget" in capsys.readouterr().out
    assert load_workbook(out).sheetnames == ["Lönerader", "Arvoden", "Per konto"]
    assert cli.main(args) == 2
    assert "--from" in capsys.readouterr().err


def test_a_meeting_waiting_for_justering_is_not_paid_yet(demo):
    m = next(x for x in moten.moten(demo, 2026) if x.justerat is None and x.antal_arenden)
    u = arvoden.underlag(demo, m.datum, m.datum)
    assert not [r for r in u.rader if r.tjanstgorande]
    assert any("inte justerat" in v for v in u.vantar)


def test_a_person_without_personnummer_is_named_and_marked(demo, tmp_path, capsys):
    """Issue 17: the payroll cannot pay without a personnummer; say who, and mark the rows."""
    fran, till = dt.date(2026, 9, 1), dt.date(2026, 9, 30)
    u = arvoden.underlag(demo, fran, till)
    assert u.rader, "the demo pays arvoden in September"
    first = u.rader[0]
    arvoden.satt_person(demo, first.person_id, "19121212-1212", None)
    u = arvoden.underlag(demo, fran, till)
    missing = u.utan_personnummer
    assert first.namn not in missing
    assert missing == list(dict.fromkeys(r.namn for r in u.rader if r.namn != first.namn))
    out = tmp_path / "a.xlsx"
    arvoden_excel.write(demo, out, fran, till)
    ws = load_workbook(out)["Arvoden"]
    header = [c.value for c in ws[1]]
    pnr = {
        row[0]: row[header.index("Personnummer")]
        for row in ws.iter_rows(min_row=2, values_only=True)
    }
    assert pnr[first.namn] == "19121212-1212"
    assert all(pnr[n] == arvoden_excel.SAKNAS for n in missing)
    path = demo.path
    demo.close()
    args = ["export", str(path), str(tmp_path / "b.xlsx"), "--arvoden"]
    assert cli.main([*args, "--from", "2026-09-01", "--to", "2026-09-30"]) == 0
    assert missing  # the other one paid in September has none
    assert "personnummer saknas för " + ", ".join(missing) in capsys.readouterr().err


def _personnummer(born: str) -> str:
    """A valid personnummer for a birth date ``ÅÅÅÅMMDD`` (Luhn over the last ten digits)."""
    from stdnum import luhn

    body = born[2:] + "123"
    return f"{born}-123{luhn.calc_check_digit(body)}"


def test_the_payroll_lines_are_per_person_and_loneart_on_the_forbunds_konton(demo, tmp_path):
    """Issue 17: lines as payroll systems take them: per person and löneart, each with its
    konto from the förbund's own kontoplan, taxable and tax-free apart, and the reduced
    arbetsgivaravgift for a recipient who had turned 66 when the year began."""
    fran, till = dt.date(2026, 9, 1), dt.date(2026, 9, 30)
    u = arvoden.underlag(demo, fran, till)
    older = next(r for r in u.rader if r.km)  # someone who drove to a meeting
    arvoden.satt_person(demo, older.person_id, _personnummer("19590315"), None)
    out = tmp_path / "lön.xlsx"
    u = arvoden_excel.write(demo, out, fran, till)
    ws = load_workbook(out)["Lönerader"]
    assert [c.value for c in ws[1]] == arvoden_excel.LONE_RUBRIKER
    rows = [dict(zip(arvoden_excel.LONE_RUBRIKER, r, strict=True))
            for r in ws.iter_rows(min_row=2, values_only=True)]  # fmt: skip
    assert rows and all(r["Namn"] != "Summa" for r in rows)  # data rows only
    konto = {r["Löneart"]: r["Konto"] for r in rows}
    assert konto[arvoden.ARVODE] == "5011" and konto[arvoden.MIL_FRI] == "5810"
    assert konto.get(arvoden.FAST, "5012") == "5012" and konto.get(arvoden.FLA, "5014") == "5014"
    mine = [r for r in rows if r["Namn"] == older.namn]
    assert {r["Löneart"] for r in mine} >= {arvoden.ARVODE, arvoden.MIL_FRI}
    free = next(r for r in mine if r["Löneart"] == arvoden.MIL_FRI)
    assert free["Skattepliktig"] == "Nej" and free["Arbetsgivaravgift"] == 0
    assert free["Enhet"] == "km" and free["Antal"] == sum(
        r.km for r in u.rader if r.person_id == older.person_id
    )
    fee = next(r for r in mine if r["Löneart"] == arvoden.ARVODE)
    # born 1959: 66 when 2026 began, so the reduced rate, 10,21 %
    assert fee["Arbetsgivaravgift"] == round(fee["Belopp"] * 0.1021, 2)
    other = next(r for r in rows if r["Namn"] != older.namn and r["Löneart"] == arvoden.ARVODE)
    assert other["Arbetsgivaravgift"] == round(other["Belopp"] * 0.3142, 2)
    # every krona of the detail is on a payroll line, once
    assert round(sum(r["Belopp"] for r in rows), 2) == sum(r.summa_ore for r in u.rader) / 100
