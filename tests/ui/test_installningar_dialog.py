"""Förbundets inställningar in the app (Arkiv): the förbund's own choices in one form,
stored as one action, bad values refused in Swedish where they are typed."""

from __future__ import annotations

from decimal import Decimal

from finsam_desktop.settings import get_setting


def _dialog(opened, qtbot):
    assert opened.installningar_action.isEnabled()
    dialog = opened.edit_installningar()
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def test_the_settings_are_changed_in_one_action_and_undone_whole(opened, qtbot):
    ff = opened.ff
    dialog = _dialog(opened, qtbot)
    assert dialog.fields["eget_kapital_tak_procent"].text() == "20"
    assert dialog.fields["avvikelse_belopp"].text() == "50000"
    dialog.fields["avvikelse_procent"].setText("7,5")
    dialog.fields["avvikelse_belopp"].setText("25 000")
    dialog.fields["rapport_enhet"].setCurrentText("kr")
    box = dialog.fields["driftredovisning_kolumner"]
    assert box.currentText() == "Netto per rad"
    box.setCurrentIndex(box.findText("Intäkt, kostnad och netto per rad"))
    dialog.fields["delarsrapport"].setChecked(False)
    with qtbot.waitSignal(dialog.finished):
        dialog._try_accept()
    assert get_setting(ff, "avvikelse_procent") == Decimal("7.5")
    assert get_setting(ff, "avvikelse_belopp") == 25_000
    assert get_setting(ff, "rapport_enhet") == "kr"
    assert get_setting(ff, "driftredovisning_kolumner") == "intakt_kostnad"
    assert get_setting(ff, "delarsrapport") is False
    assert ff.undo_label == "Ändra förbundets inställningar"
    ff.undo()
    assert get_setting(ff, "avvikelse_procent") == Decimal("10")
    assert get_setting(ff, "avvikelse_belopp") == 50_000
    assert get_setting(ff, "rapport_enhet") == "tkr"
    assert get_setting(ff, "driftredovisning_kolumner") == "netto"
    assert get_setting(ff, "delarsrapport") is True


def test_a_value_that_is_not_one_is_refused_in_swedish_and_nothing_is_stored(opened, qtbot):
    ff = opened.ff
    label = ff.undo_label
    dialog = _dialog(opened, qtbot)
    dialog.fields["eget_kapital_tak_procent"].setText("tjugo")
    dialog._try_accept()
    assert dialog.isVisible()
    assert "”tjugo” är inget giltigt värde för tak för eget kapital" in dialog.error.text()
    dialog.fields["eget_kapital_tak_procent"].setText("20")
    dialog.fields["avvikelse_belopp"].setText("-5")
    dialog._try_accept()
    assert "Ange 0 eller mer för ”Avvikelse i driftredovisningen" in dialog.error.text()
    dialog.fields["avvikelse_belopp"].setText("")
    dialog._try_accept()
    assert dialog.error.text().startswith("Fyll i avvikelse")
    dialog.reject()
    assert ff.undo_label == label
    assert get_setting(ff, "avvikelse_belopp") == 50_000
