"""Draft marks a reader can trust: a report that does not reconcile is an utkast on every
page and its cover claims no decision; an årsredovisning of a year without a bokslut says
which year's bokslut is missing."""

from __future__ import annotations

import pytest
from fixed_days import DEMO_DAY
from report_helpers import normalized, pdf_pages

from reports import arsredovisning, delarsrapport, verksamhetsplan
from reports.common import UTKAST_OMSLAG
from reports.pdf.document import UTKAST

BUILDS = {
    "arsredovisning": lambda ff: arsredovisning.build(ff, 2025, today=DEMO_DAY),
    "verksamhetsplan": lambda ff: verksamhetsplan.build(ff, 2027, today=DEMO_DAY),
    "delarsrapport": lambda ff: delarsrapport.build(ff, 2026, today=DEMO_DAY),
}


@pytest.mark.parametrize("name", sorted(BUILDS))
def test_a_report_that_does_not_reconcile_claims_no_decision_on_its_cover(demo, tmp_path, name):
    with demo.write("Fel i bokslutet") as db:
        db.execute("UPDATE bokslut SET kassa_och_bank_ore = kassa_och_bank_ore * 10")
    pages = pdf_pages(BUILDS[name](demo), tmp_path)
    assert all(UTKAST in p for p in pages)
    cover = normalized(pages[0])
    assert "Beslutad av styrelsen" not in cover
    assert normalized(UTKAST_OMSLAG) in cover


def test_an_arsredovisning_of_a_year_without_bokslut_names_that_year(demo, tmp_path):
    text = normalized(
        " ".join(pdf_pages(arsredovisning.build(demo, 2026, today=DEMO_DAY), tmp_path))
    )
    assert "2026 års bokslut saknas" in text
    assert "2025 års bokslut saknas" not in text
