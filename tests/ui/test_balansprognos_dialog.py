"""The balansprognos is typed in the budget page, beside the bokslut (issue 15, 4)."""

from __future__ import annotations

import pytest
from fixed_days import APP_DAY

from finsam_desktop import balansbudget, ekonomi
from ui.budget.page import BudgetPage


@pytest.fixture
def demo(open_demo):
    return open_demo(APP_DAY, undo=True)


@pytest.fixture
def page(app, qtbot, demo):
    p = BudgetPage(lambda: APP_DAY)
    qtbot.addWidget(p)
    p.set_file(demo)
    version = ekonomi.budget_versioner(demo, APP_DAY.year + 1)[-1]
    p.select_version(version["id"])
    return p


def _open(page):
    page.action_balansprognos.trigger()
    dialog = page._open_dialog
    assert dialog is not None and dialog.windowTitle() == "Balansprognos"
    return dialog


def test_the_prognosis_for_the_year_before_the_budget_is_typed_and_stored_undoably(
    page, qtbot, demo
):
    dialog = _open(page)
    assert dialog.year.value() == APP_DAY.year  # the version's year − 1
    assert all(not e.text() for e in dialog.fields.values())
    dialog.fields["kassa_och_bank_ore"].setText("1 000 000")
    dialog.fields["eget_kapital_ore"].setText("850 000")
    dialog.fields["kortfristiga_skulder_ore"].setText("120 000")
    assert "skillnad 30\u00a0000\u00a0kr" in dialog.sums.text()  # the sides differ as typed
    dialog.fields["kortfristiga_skulder_ore"].setText("150 000,50")
    dialog.fields["kassa_och_bank_ore"].setText("1 000 000,50")
    assert "skillnad" not in dialog.sums.text()
    with qtbot.waitSignal(dialog.finished):
        dialog._try_accept()
    typed = balansbudget.balansprognos(demo, APP_DAY.year)
    assert (typed.kassa_och_bank, typed.eget_kapital, typed.kortfristiga_skulder) == (
        100_000_050,
        85_000_000,
        15_000_050,
    )
    assert demo.undo_label == f"Balansprognos {APP_DAY.year}"
    # opened again, the form shows what is stored, and can remove it
    dialog = _open(page)
    assert dialog.fields["eget_kapital_ore"].text() == "850\u00a0000"
    with qtbot.waitSignal(dialog.finished):
        dialog.remove.click()
    assert balansbudget.balansprognos(demo, APP_DAY.year) is None


def test_an_amount_that_is_not_one_is_refused_in_swedish_and_nothing_is_stored(page, demo):
    dialog = _open(page)
    dialog.fields["kassa_och_bank_ore"].setText("mycket")
    dialog._try_accept()
    assert dialog.error.text().startswith("Kassa och bank: ")
    dialog.fields["kassa_och_bank_ore"].setText("-5")
    dialog._try_accept()
    assert "kan inte vara negativa" in dialog.error.text()
    assert balansbudget.balansprognos_ar(demo) == []
    dialog.reject()
