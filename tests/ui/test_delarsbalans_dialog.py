"""The delårsbalans (the balance at the end of a delårsrapport's period) is typed in the budget
page beside the bokslut and the balansprognos (issue 16: the delårsrapport's balansräkning)."""

from __future__ import annotations

import pytest
from fixed_days import APP_DAY

from finsam_desktop import delarsbalans
from ui.budget.page import BudgetPage


@pytest.fixture
def demo(open_demo):
    return open_demo(APP_DAY, undo=True)


@pytest.fixture
def page(app, qtbot, demo):
    p = BudgetPage(lambda: APP_DAY)
    qtbot.addWidget(p)
    p.set_file(demo)
    return p


def _open(page):
    page.action_delarsbalans.trigger()
    dialog = page._open_dialog
    assert dialog is not None and dialog.windowTitle() == "Delårsbalans"
    return dialog


def test_the_balance_per_31_august_is_shown_checked_against_the_books_changed_and_removed(
    page, qtbot, demo
):
    dialog = _open(page)
    assert dialog.period() == (APP_DAY.year, 8)
    stored = delarsbalans.delarsbalans(demo, APP_DAY.year, 8)
    assert stored is not None and not stored.obalans  # the demo's, as the ekonomienhet gave it
    assert dialog.fields["eget_kapital_ore"].text().replace("\u00a0", " ") == (
        f"{stored.eget_kapital // 100:,}".replace(",", " ")
    )
    expected = delarsbalans.vantat_eget_kapital(demo, APP_DAY.year, 8)
    assert expected == stored.eget_kapital
    assert f"{APP_DAY.year}-08-31" in dialog.expected.text()
    assert "skillnad" not in dialog.sums.text()
    dialog.fields["kassa_och_bank_ore"].setText("100")
    assert "skillnad" in dialog.sums.text()  # the sides no longer agree, as typed
    with qtbot.waitSignal(dialog.finished):
        dialog._try_accept()
    assert delarsbalans.delarsbalans(demo, APP_DAY.year, 8).kassa_och_bank == 10_000
    assert demo.undo_label == f"Delårsbalans per {APP_DAY.year}-08-31"
    demo.undo()
    assert delarsbalans.delarsbalans(demo, APP_DAY.year, 8) == stored
    # another month has none; the form is empty there, and removing August removes it
    dialog = _open(page)
    dialog.month.setCurrentIndex(dialog.month.findData(6))
    assert all(not e.text() for e in dialog.fields.values()) and not dialog.remove.isEnabled()
    dialog.month.setCurrentIndex(dialog.month.findData(8))
    with qtbot.waitSignal(dialog.finished):
        dialog.remove.click()
    assert delarsbalans.perioder(demo) == []


def test_a_figure_that_is_not_an_amount_or_negative_is_refused_in_swedish(page, demo):
    before = delarsbalans.delarsbalans(demo, APP_DAY.year, 8)
    dialog = _open(page)
    dialog.fields["kortfristiga_skulder_ore"].setText("tre")
    dialog._try_accept()
    assert dialog.error.text().startswith("Kortfristiga skulder: ")
    dialog.fields["kortfristiga_skulder_ore"].setText("-5")
    dialog._try_accept()
    assert "kan inte vara negativa" in dialog.error.text()
    assert delarsbalans.delarsbalans(demo, APP_DAY.year, 8) == before
    dialog.reject()
