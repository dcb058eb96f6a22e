"""The verksamhetsplan's budget table prints a use of eget kapital where the förbund put it
(among the intäkter, or under the result) and ej fördelade medel outside "Summa insatser",
with sums that foot at the precision printed."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from report_helpers import pdf_pages

from finsam_desktop import budget
from finsam_desktop.model import RadSlag
from finsam_desktop.money import kr_to_ore
from reports import verksamhetsplan

AR = 2025


@pytest.fixture
def plan(ff):
    with ff.write() as db:
        db["medlem"].insert_all(
            [
                {"id": 1, "namn": "Försäkringskassan", "typ": "forsakringskassan", "andel": "50"},
                {"id": 2, "namn": "Norrby kommun", "typ": "kommun", "andel": "50"},
            ]
        )
        db["bokslut"].insert(
            {"ar": 2024, "eget_kapital_ore": kr_to_ore(420_000), "driftbidrag_ore": 100_000_000}
        )
        db["budget_version"].insert({"id": 1, "ar": AR})
        rows = [
            (1, "intakter", "Driftbidrag Försäkringskassan", 1, 500_000),
            (2, "intakter", "Driftbidrag Norrby kommun", 2, 500_000),
            (3, "intakter", "Eget kapital", None, 420_000),
            (4, "administration", "Kansli", None, -400_000),
            (5, "insatser", "Steg för steg", None, -600_000),
            (6, "insatser", "Kvarvarande beslutsutrymme", None, -127_000),
        ]
        for rid, grupp, text, medlem, kr in rows:
            db["budget_rad"].insert(
                {"id": rid, "version_id": 1, "grupp": grupp, "ordning": rid, "text": text,
                 "medlem_id": medlem}
            )  # fmt: skip
            for ar in (AR, AR + 1, AR + 2):
                db["budget_belopp"].insert({"rad_id": rid, "ar": ar, "belopp_ore": kr_to_ore(kr)})
    budget.markera_rad(ff, 6, RadSlag.EJ_FORDELAT)
    return ff


def _budget(ff, tmp_path) -> list[tuple[str, list[str]]]:
    """The budget table's lines as (label, the amounts of the three years), in order; a
    label too long for its column is read by its first line. The budget is decided first,
    so the report is no draft."""
    budget.besluta(ff, 1, dt.date(2024, 11, 28), "§ 52")
    pages = pdf_pages(verksamhetsplan.build(ff, AR, enhet="kr"), tmp_path)
    lines = "\n".join(pages).replace("\u00a0", " ").splitlines()
    start = next(i for i, line in enumerate(lines) if f"Plan {AR + 2}" in line)
    out = []
    for line in lines[start + 1 :]:
        if "Medlemmarnas driftbidrag" in line:
            break
        fields = re.split(r"\s{2,}", line.strip())
        if len(fields) == 4:
            out.append((fields[0], fields[1:]))
    return out


def _labels(rows) -> list[str]:
    return [label for label, _ in rows]


def _amount(rows, prefix: str) -> str:
    [found] = {cells[0] for label, cells in rows if label.startswith(prefix)}
    return found


def test_eget_kapital_among_the_intakter_is_in_summa_intakter_and_the_result_after_it(
    plan, tmp_path
):
    budget.markera_rad(plan, 3, RadSlag.EGET_KAPITAL)
    rows = _budget(plan, tmp_path)
    assert _amount(rows, "Eget kapital") == "420 000"
    assert _amount(rows, "Summa intäkter") == "1 420 000"
    assert _amount(rows, "Resultat efter ianspråktagande") == "293 000"
    assert _amount(rows, "Budgeterat resultat (förändring") == "−127 000"


def test_eget_kapital_under_the_result_follows_the_budgeted_result(plan, tmp_path):
    budget.markera_rad(plan, 3, RadSlag.EGET_KAPITAL, under_resultat=True)
    rows = _budget(plan, tmp_path)
    labels = _labels(rows)
    assert _amount(rows, "Summa intäkter") == "1 000 000"
    assert labels[-3:-1] == ["Budgeterat resultat", "Eget kapital"]
    assert labels[-1].startswith("Resultat efter ianspråktagande")
    assert [cells[0] for _, cells in rows[-3:]] == ["−127 000", "420 000", "293 000"]


def test_ej_fordelat_is_printed_after_summa_insatser_and_not_in_it(plan, tmp_path):
    budget.markera_rad(plan, 3, RadSlag.EGET_KAPITAL)
    rows = _budget(plan, tmp_path)
    labels = _labels(rows)
    assert labels.index("Kvarvarande beslutsutrymme") == labels.index("Summa insatser") + 1
    assert _amount(rows, "Summa insatser") == "−600 000"
    # the verksamhet's costs, printed below it, do hold it: a reader adds what stands above
    assert _amount(rows, "Summa verksamhetens kostnader") == "−1 127 000"
    # the result spends it: 1 420 000 − 1 127 000
    assert _amount(rows, "Resultat efter ianspråktagande") == "293 000"
