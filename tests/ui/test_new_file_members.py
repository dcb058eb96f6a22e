"""Ny förbundsfil's guide: members with the kommun key and the first budget year."""

from __future__ import annotations

from decimal import Decimal

from finsam_desktop.forbund import medlemmar
from ui.dialogs.new_file import NewFileDialog


def test_kommuner_share_their_quarter_equally_unless_given_a_key(qtbot, app):
    dialog = NewFileDialog()
    qtbot.addWidget(dialog)
    dialog.name_edit.setText("Samordningsförbundet Norrby")
    dialog.region_edit.setText("Region Norr")
    dialog.kommuner_edit.setPlainText("Norrby kommun\nSöderby kommun")
    assert dialog.kommuner() == [("Norrby kommun", None), ("Söderby kommun", None)]
    assert dialog.create_button.isEnabled()
    dialog.kommuner_edit.setPlainText("Norrby kommun 60\nSöderby kommun 30")
    assert "90 %" in dialog.members_error.text()
    assert not dialog.create_button.isEnabled()
    dialog.kommuner_edit.setPlainText("Norrby kommun 60\nSöderby kommun 40 %")
    assert dialog.kommuner()[1] == ("Söderby kommun", Decimal(40))
    assert dialog.create_button.isEnabled()


def test_a_new_file_gets_its_members_and_first_budget_year(window, tmp_path):
    grund = ("Region Norr", [("Norrby kommun", Decimal(60)), ("Söderby kommun", Decimal(40))],
             2026)  # fmt: skip
    assert window.create_new_file(tmp_path / "Ny", "Förbundet", "", grund=grund)
    ff = window.ff
    names = [(m.namn, m.typ.value) for m in medlemmar(ff)]
    assert names[2:] == [("Region Norr", "region"), ("Norrby kommun", "kommun"),
                         ("Söderby kommun", "kommun")]  # fmt: skip
    andelar = [r["andel"] for r in ff.query("SELECT andel FROM medlem ORDER BY ordning")]
    assert andelar == ["50", "0", "25", "15", "10"]
    assert ff.scalar("SELECT forsta_budgetar FROM forbund") == 2026
    assert window.ff.undo_label is None  # creating the file is not an action to undo
