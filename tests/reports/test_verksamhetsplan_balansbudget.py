"""The verksamhetsplan prints a balansbudget beside the resultatbudget (issue 15, 4): the
current year's year end and the budget and plan years, read back from the PDF, footing as
printed in tkr, balanced every year, with the eget kapital the ceiling table gives."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from fixed_days import DEMO_DAY
from report_helpers import read_pages, tkr
from test_figures_foot import rows_of  # the one reader of the reports' tables

from finsam_desktop import balansbudget, ekonomi
from finsam_desktop.money import kr_to_ore
from reports import verksamhetsplan

LAST = "Summa eget kapital"


def _section(rows) -> dict[str, list[Decimal]]:
    """The balansbudget's rows by label, from its heading to its last sum."""
    start = next(i for i, (label, _) in enumerate(rows) if label == "Balansbudget")
    out: dict[str, list[Decimal]] = {}
    for label, numbers in rows[start + 1 :]:
        if numbers:
            out[label] = numbers
        if label.startswith(LAST):
            return out
    raise AssertionError("the balansbudget has no last sum")


def _foots_and_balances(table: dict[str, list[Decimal]]) -> None:
    def col(label: str, j: int) -> Decimal:
        return table[label][j] if label in table else Decimal(0)

    right = next(label for label in table if label.startswith(LAST))
    for j in range(4):
        oms = col("Kortfristiga fordringar", j) + col("Kassa och bank", j)
        assert oms == col("Summa omsättningstillgångar", j), j
        assert col("Summa tillgångar", j) == col("Anläggningstillgångar", j) + oms, j
        parts = ("Eget kapital", "Avsättningar", "Långfristiga skulder", "Kortfristiga skulder")
        assert col(right, j) == sum((col(p, j) for p in (*parts, "Avrundning")), Decimal(0)), j
        assert col("Summa tillgångar", j) == col(right, j), j


def _number(ore: int) -> Decimal:
    return Decimal(tkr(ore).replace(" ", "").replace(",", ".").replace("−", "-"))


def test_the_demos_verksamhetsplan_prints_a_balansbudget_that_foots_and_balances(demo, tmp_path):
    data = verksamhetsplan.build(demo, 2027, today=DEMO_DAY, enhet="tkr")
    rows = rows_of(data, tmp_path)
    table = _section(rows)
    assert list(table)[:4] == [
        "Kortfristiga fordringar",
        "Kassa och bank",
        "Summa omsättningstillgångar",
        "Summa tillgångar",
    ]
    assert "Eget kapital" in table and "Kortfristiga skulder" in table
    assert all(len(v) == 4 for v in table.values())
    _foots_and_balances(table)
    # the columns as printed are the balansbudget's figures
    version = ekonomi.gallande_budget(demo, 2027)
    columns = balansbudget.balansbudget(demo, version["id"])
    assert [c.ar for c in columns] == [2026, 2027, 2028, 2029]
    assert table["Kassa och bank"] == [_number(c.kassa_och_bank) for c in columns]
    assert table["Eget kapital"] == [_number(c.eget_kapital) for c in columns]
    # one value for one quantity: the ceiling table's eget kapital for the same years
    ceiling = next(n for label, n in rows if label == "Eget kapital vid årets slut")
    assert table["Eget kapital"] == ceiling[1:]
    text = "\n".join(read_pages(data, tmp_path))
    assert "Prognos 2026 Budget 2027 Plan 2028 Plan 2029" in text
    assert "2026 framskrivet från bokslut 2025" in text
    assert "januari–oktober" in text


@pytest.fixture
def small(ff):
    """A förbund with the 2024 bokslut and a 2026 budget that uses 100 000 kr of eget kapital
    a year; 2025 runs without utfall."""
    with ff.write() as db:
        db["medlem"].insert({"id": 1, "namn": "Försäkringskassan", "typ": "forsakringskassan",
                             "andel": "100"})  # fmt: skip
        db["bokslut"].insert(
            {"ar": 2024, "kortfristiga_fordringar_ore": kr_to_ore(20_000),
             "kassa_och_bank_ore": kr_to_ore(900_000), "eget_kapital_ore": kr_to_ore(800_000),
             "kortfristiga_skulder_ore": kr_to_ore(120_000),
             "driftbidrag_ore": kr_to_ore(3_000_000)}
        )  # fmt: skip
        db["budget_version"].insert(
            {"id": 1, "ar": 2026, "eget_kapital_motivering": "Eget kapital över taket."}
        )
        for rid, grupp, text, medlem, kr in [
            (1, "intakter", "Driftbidrag", 1, 3_000_000),
            (2, "insatser", "Steg för steg", None, -3_100_000),
        ]:
            db["budget_rad"].insert({"id": rid, "version_id": 1, "grupp": grupp, "ordning": rid,
                                     "text": text, "medlem_id": medlem})  # fmt: skip
            for ar in (2026, 2027, 2028):
                db["budget_belopp"].insert({"rad_id": rid, "ar": ar, "belopp_ore": kr_to_ore(kr)})
    return ff


def test_a_typed_prognosis_is_the_first_column_with_the_rows_it_has(small, tmp_path):
    balansbudget.spara_balansprognos(
        small,
        2025,
        {
            "anlaggningstillgangar_ore": kr_to_ore(45_250),
            "kortfristiga_fordringar_ore": kr_to_ore(31_040),
            "kassa_och_bank_ore": kr_to_ore(843_760),
            "eget_kapital_ore": kr_to_ore(780_000),
            "avsattningar_ore": kr_to_ore(15_000),
            "kortfristiga_skulder_ore": kr_to_ore(125_050),
        },
    )
    data = verksamhetsplan.build(small, 2026, today=dt.date(2025, 11, 20), enhet="tkr")
    table = _section(rows_of(data, tmp_path))
    _foots_and_balances(table)
    assert "Anläggningstillgångar" in table and "Avsättningar" in table
    # (the long label wraps in the table; its first line carries the figures)
    assert any(label.startswith("Summa eget kapital,") for label in table)
    assert table["Eget kapital"][0] == _number(kr_to_ore(780_000))
    # each year uses 100 000 kr: eget kapital and kassa och bank go down by it
    assert [table["Eget kapital"][j] - table["Eget kapital"][j + 1] for j in range(3)] == [
        Decimal(100)
    ] * 3
    assert table["Kassa och bank"][3] == _number(kr_to_ore(843_760 - 300_000))
    text = "\n".join(read_pages(data, tmp_path))
    assert "Prognos 2025 Budget 2026 Plan 2027 Plan 2028" in text
    assert "2025 enligt inskriven balansprognos" in text


def test_a_closed_current_year_is_printed_as_its_bokslut(small, tmp_path):
    with small.write() as db:
        db["bokslut"].insert(
            {"ar": 2025, "kortfristiga_fordringar_ore": kr_to_ore(10_000),
             "kassa_och_bank_ore": kr_to_ore(850_000), "eget_kapital_ore": kr_to_ore(760_000),
             "kortfristiga_skulder_ore": kr_to_ore(100_000)}
        )  # fmt: skip
    data = verksamhetsplan.build(small, 2026, today=dt.date(2026, 2, 20), enhet="tkr")
    table = _section(rows_of(data, tmp_path))
    _foots_and_balances(table)
    assert "Anläggningstillgångar" not in table
    text = "\n".join(read_pages(data, tmp_path))
    assert "Bokslut 2025 Budget 2026 Plan 2027 Plan 2028" in text
    assert "2025 enligt bokslut" in text


def test_without_a_bokslut_or_a_prognosis_the_plan_says_what_is_missing(small, tmp_path):
    with small.write() as db:
        db.execute("DELETE FROM bokslut")
    data = verksamhetsplan.build(small, 2026, today=dt.date(2025, 11, 20), enhet="tkr")
    text = "\n".join(read_pages(data, tmp_path))
    assert "Balansbudgeten utgår från bokslutet för 2025 eller ett tidigare år" in text
