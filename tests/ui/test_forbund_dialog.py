"""Förbundets uppgifter (Arkiv): the förbund's details and members changed in one dialog,
checked while typing, stored as one action that one Ctrl+Z takes back."""

from __future__ import annotations

from decimal import Decimal

from finsam_desktop import styrelse
from finsam_desktop.forbund import forbund, medlemmar
from finsam_desktop.model import MedlemTyp
from ui.dialogs.forbund import NO_YEAR, ForbundDialog


def row_named(dialog: ForbundDialog, namn: str):
    return next(r for r in dialog.rows if r.namn.text() == namn)


def test_the_arkiv_entry_is_there_only_for_a_file_that_can_be_written(window, filled_path):
    assert not window.forbund_action.isEnabled()
    assert window.open_path(filled_path, read_only=True)
    assert not window.forbund_action.isEnabled()
    assert window.edit_forbund() is None
    window.close_file()
    assert window.open_path(filled_path)
    assert window.forbund_action.isEnabled()


def test_the_dialog_opens_from_the_menu_with_what_is_stored(opened):
    opened.forbund_action.trigger()
    dialog = opened.findChild(ForbundDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.namn.text() == "Samordningsförbundet Norrby"
    assert dialog.orgnr.text() == "222000-2063"
    assert dialog.bildat.text() == ""
    assert dialog.forsta_budgetar.value() == NO_YEAR
    assert dialog.forsta_budgetar.text() == "Inte angivet"
    assert [(r.namn.text(), r.typ.value(), r.andel.text()) for r in dialog.rows] == [
        ("Försäkringskassan", MedlemTyp.FORSAKRINGSKASSAN, "50"),
        ("Region Norr", MedlemTyp.REGION, "25"),
        ("Norrby kommun", MedlemTyp.KOMMUN, "12,5"),
        ("Söderby kommun", MedlemTyp.KOMMUN, "12,5"),
    ]
    assert dialog.key_status.text().startswith("Fördelningsnyckeln stämmer")
    dialog.reject()


def test_details_and_members_are_saved_as_one_action_and_one_undo_takes_all_back(opened, qtbot):
    dialog = opened.edit_forbund()
    dialog.namn.setText("Samordningsförbundet Norrby-Östby")
    dialog.orgnr.setText("222000-2064")
    assert dialog.orgnr_error.isVisible()
    assert "Kontrollsiffran" in dialog.orgnr_error.text()
    dialog.orgnr.setText("2220002063")
    assert not dialog.orgnr_error.isVisible()
    dialog.bildat.setText("2006-01-01")
    dialog.forsta_budgetar.setValue(2007)
    row_named(dialog, "Norrby kommun").namn.setText("Norrby-Östby kommun")
    row_named(dialog, "Norrby-Östby kommun").andel.setText("10")
    assert "Andelen för kommunerna blir 22,5\u00a0%" in dialog.key_status.text()
    dialog.add_button.click()
    new = dialog.rows[-1]
    assert new.typ.value() is MedlemTyp.KOMMUN
    new.namn.setText("Västby kommun")
    new.andel.setText("2,5")
    assert dialog.key_status.text().startswith("Fördelningsnyckeln stämmer")
    with qtbot.waitSignal(dialog.accepted):
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    ff = opened.ff
    assert forbund(ff).namn == "Samordningsförbundet Norrby-Östby"
    assert forbund(ff).bildat.isoformat() == "2006-01-01"
    assert forbund(ff).forsta_budgetar == 2007
    assert "Samordningsförbundet Norrby-Östby" in opened.windowTitle()
    assert [(m.namn, m.andel) for m in medlemmar(ff)][2:] == [
        ("Norrby-Östby kommun", 10), ("Söderby kommun", Decimal("12.5")),
        ("Västby kommun", Decimal("2.5")),
    ]  # fmt: skip
    page = opened.show_page("styrelse")
    assert "Vice ordförande: Bo Lind (Norrby-Östby kommun)." in page.summary.text()
    assert opened.undo_action.text() == "&Ångra Ändra förbundets uppgifter"

    opened.undo_action.trigger()
    assert forbund(ff).namn == "Samordningsförbundet Norrby"
    assert [m.namn for m in medlemmar(ff)] == [
        "Försäkringskassan", "Region Norr", "Norrby kommun", "Söderby kommun",
    ]  # fmt: skip
    assert "Vice ordförande: Bo Lind (Norrby kommun)." in page.summary.text()
    assert "Samordningsförbundet Norrby-Östby" not in opened.windowTitle()


def test_a_refusal_is_shown_where_it_was_typed_and_nothing_is_stored(opened):
    dialog = opened.edit_forbund()
    dialog.namn.setText("Nytt namn")
    row_named(dialog, "Region Norr").andel.setText("30")
    assert dialog.key_status.text() == (
        "Andelen för regionen blir 30\u00a0% (Region Norr 30\u00a0%) men ska vara 25\u00a0%: "
        "staten betalar "
        "hälften, regionen och kommunerna en fjärdedel var."
    )
    dialog.orgnr.setText("12345")
    assert dialog.orgnr.property("invalid")
    assert "har tio siffror" in dialog.orgnr_error.text()
    dialog._try_accept()
    assert dialog.isVisible()
    assert dialog.error.text() == ""  # not repeated: it is shown under the field
    dialog.orgnr.setText("")
    assert not dialog.orgnr.property("invalid")
    dialog._try_accept()
    assert dialog.isVisible()
    row_named(dialog, "Region Norr").andel.setText("25")
    dialog.namn.setText(" ")
    dialog._try_accept()
    assert dialog.isVisible()
    assert dialog.error.text() == "Förbundets namn får inte vara tomt."
    assert forbund(opened.ff).namn == "Samordningsförbundet Norrby"
    assert forbund(opened.ff).organisationsnummer == "222000-2063"
    assert opened.ff.undo_label is None
    dialog.reject()


def test_a_member_with_seats_cannot_be_removed_but_a_new_row_can(opened):
    dialog = opened.edit_forbund()
    assert not dialog.remove_member(row_named(dialog, "Region Norr"))
    assert dialog.error.text() == (
        "Region Norr kan inte tas bort eftersom medlemmen finns i styrelseuppdrag, revisorer, "
        "insatser som ägare och budgetrader. Ändra i stället namnet eller andelen."
    )
    assert len(dialog.rows) == 4
    dialog.add_button.click()
    assert len(dialog.rows) == 5
    dialog.rows[-1].remove.click()
    assert len(dialog.rows) == 4
    assert dialog.error.text() == ""
    dialog.reject()
    assert {s.medlem for s in styrelse.alla_uppdrag(opened.ff)} >= {"Region Norr"}


def test_invisible_characters_pasted_into_names_are_taken_out(opened, qtbot):
    dialog = opened.edit_forbund()
    dialog.namn.setText("Samordningsförbundet\x0b Norrby")
    row_named(dialog, "Region Norr").namn.setText("Region\x06 Norrland")
    with qtbot.waitSignal(dialog.accepted):
        dialog._try_accept()
    assert forbund(opened.ff).namn == "Samordningsförbundet Norrby"
    assert "Region Norrland" in [m.namn for m in medlemmar(opened.ff)]
