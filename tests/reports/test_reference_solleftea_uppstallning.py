"""Sollefteå's driftredovisning 2024 in its own uppställning (reference section 5).

The reference lists the insatser, then their subtotal "Verksamhet", then Styrelsen, Kansli,
Ränteintäkter and Bankkostnader, each on its own line, and Resultat. The same arbetsbok as
:mod:`test_reference_solleftea`, with the förbund's uppställning of its budget 2024 added
(sheet Budgetens uppställning, column Avsnitt) and a budget row "Andra insatser" (0 kr) on
which 2023's utfall without an insats lands, as the reference shows it.
"""

from __future__ import annotations

import pytest
import test_reference_solleftea as ref_ar
from openpyxl import load_workbook
from report_helpers import pdf_pages

from finsam_desktop import ekonomi, storage
from finsam_desktop.arbetsbok import import_workbook
from reports import arsredovisning

INSATSER = [r[1] for r in ref_ar.BUDGET_2024 if r[0] == "Insatser"] + ["Andra insatser"]
UPPSTALLNING = [
    ("Driftbidrag", "", "Avsnittets rader"),
    ("Insatser", "Verksamhet", "Avsnittets rader"),
    ("Styrelse och kansli", "", "Avsnittets rader"),
    ("Finansiella poster", "", "Avsnittets rader"),
]
AVSNITT = {"Intäkter": "Driftbidrag", "Insatser": "Insatser", "Styrelse": "Styrelse och kansli",
           "Administration/kansli": "Styrelse och kansli",
           "Finansiella poster": "Finansiella poster"}  # fmt: skip


def build_pdf(folder) -> bytes:
    """The årsredovisning 2024 of the reference's arbetsbok with its uppställning, in kr."""
    book_path = folder / "Sollefteå 2024.xlsx"
    ref_ar.write_arbetsbok(book_path, folder)
    book = load_workbook(book_path)
    ws = book["Budget 2024"]
    ws.append(["Insatser", "Andra insatser", None, None, None, 0])
    headers = [c.value for c in ws[1]]
    ws.cell(1, len(headers) + 1, "Avsnitt")
    for row in range(2, ws.max_row + 1):
        ws.cell(row, len(headers) + 1, AVSNITT[ws.cell(row, 1).value])
    ref_ar._append(
        book["Budgetens uppställning"],
        [{"Blad": "Budget 2024", "Rubrik": r, "Summarad": s, "Summerar": w}
         for r, s, w in UPPSTALLNING],
    )  # fmt: skip
    book.save(book_path)
    ff = storage.create_file(folder / "Sollefteå.finsam", namn="Samordningsförbundet Sollefteå")
    try:
        import_workbook(ff, book_path)
        # the meaning is the same as without the uppställning: one result for one year
        assert ekonomi.arets_resultat(ff, 2024) == 236_500_00
        return arsredovisning.build(ff, ref_ar.AR, enhet="kr", today=ref_ar.TODAY)
    finally:
        ff.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("solleftea-uppstallning")
    return pdf_pages(build_pdf(folder), folder, nodiag=True)


def _rows(pages: list[str]) -> list[str]:
    return ref_ar.section(pages, "Driftredovisning")


@pytest.mark.parametrize(
    ("label", "utfall", "budget", "avvikelse", "foregaende"),
    [
        ("Verksamhet", "-1 900", "-2 095", "195", "-2 497"),
        ("Andra insatser", "0", "0", "0", "-1 061"),
        ("Styrelsen", "-102", "-65", "-37", "-74"),
        ("Kansli", "-648", "-667", "19", "-412"),
        ("Bankkostnader", "-1", "-5", "4", "-2"),
        ("Ränteintäkter", "56", "0", "56", "36"),
        ("Årets resultat", "237", "0", "237", "-117"),
    ],
)
def test_the_driftredovisning_prints_the_references_lines(
    pages, label, utfall, budget, avvikelse, foregaende
):
    b, u, a, f = ref_ar.printed(_rows(pages), label)
    assert ref_ar.tkr([u, b, a, f]) == ref_ar.ref(utfall, budget, avvikelse, foregaende)


def test_the_lines_come_in_the_forbunds_order(pages):
    labels = [line.split("  ")[0].strip() for line in _rows(pages) if line.strip()]
    order = [*INSATSER, "Verksamhet", "Styrelsen", "Kansli", "Ränteintäkter", "Bankkostnader"]
    found = [labels.index(x) for x in order if x in labels]
    assert len(found) == len(order) - 1  # the SFI row's label wraps onto two lines
    assert found == sorted(found)
    # the meaning's own groups are not printed beside the förbund's
    assert "Summa insatser" not in labels and "Övriga insatser" not in labels
