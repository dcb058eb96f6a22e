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


def test_a_budget_that_does_not_add_up_makes_drafts_only_of_the_reports_of_its_years(
    demo, tmp_path
):
    """Issue 18.6: a förslag for 2030 with a deficit is an error of 2030; the closed year's
    årsredovisning, the delårsrapport and the plan for 2027–2029 stay as decided, while the
    plan for 2030 is an utkast."""
    from finsam_desktop import budget
    from finsam_desktop.check import run_checks
    from finsam_desktop.model import Grupp

    version = budget.ny_version(demo, 2030)
    rad = budget.lagg_till_rad(demo, version, Grupp.ADMINISTRATION, "Lokaler")
    budget.satt_belopp(demo, [(rad, 2030, -5_000_000)])
    errors = [f for f in run_checks(demo, today=DEMO_DAY) if f.severity == "fel"]
    assert errors and {f.year for f in errors} >= {2030}
    for name in sorted(BUILDS):
        pages = pdf_pages(BUILDS[name](demo), tmp_path)
        assert not any(UTKAST in p for p in pages), name
    plan = pdf_pages(verksamhetsplan.build(demo, 2030, today=DEMO_DAY), tmp_path)
    assert all(UTKAST in p for p in plan)
    said = normalized(" ".join(plan))  # the draft mark runs across the sentence's lines
    assert "(förslag): resultatet för budgetåret" in said and "2030 är −50 000 kr" in said
