"""The insats form in the window: create, edit, refuse bad input in place, undo, redo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from typed import type_into

from finsam_desktop import insatser


def open_form(window, insats_id):
    page = window.show_page("insatser")
    assert page.open_insats(insats_id)
    return page, page.form


def test_a_new_insats_opens_in_its_form_and_undo_removes_it(opened, qtbot):
    page = opened.show_page("insatser")
    insats_id = page.create("Nya vägar")
    assert page.views.currentWidget() is page.form
    assert page.form.namn.text() == "Nya vägar"
    assert opened.undo_action.text() == "&Ångra Ny insats Nya vägar"
    opened.undo_action.trigger()
    assert insatser.hamta(opened.ff, insats_id) is None
    assert page.views.currentWidget() is page.listing
    assert opened.redo_action.text() == "&Gör om Ny insats Nya vägar"


def test_an_edited_field_is_stored_at_once_and_undone_with_its_name(opened, qtbot):
    _page, form = open_form(opened, 1)
    type_into(qtbot, form.namn, "Steget längre")
    assert insatser.hamta(opened.ff, 1).namn == "Steget längre"
    assert opened.undo_action.text() == "&Ångra Ändra namn för Steget vidare"
    assert form.heading.text() == "Steget längre"
    opened.undo()
    assert form.namn.text() == "Steget vidare"
    opened.redo()
    assert form.namn.text() == "Steget längre"


def test_letters_in_an_amount_are_refused_where_typed_and_nothing_is_lost(opened, qtbot):
    _page, form = open_form(opened, 1)
    type_into(qtbot, form.ansokt, "1 200 000")
    assert insatser.hamta(opened.ff, 1).ansokt_ore == 1_200_000_00
    type_into(qtbot, form.ansokt, "tolv tusen")
    assert form.ansokt.error.isVisibleTo(form)
    assert "inte ett belopp" in form.ansokt.error.text()
    assert form.ansokt.text() == "tolv tusen"
    assert insatser.hamta(opened.ff, 1).ansokt_ore == 1_200_000_00


def test_an_end_before_the_start_is_refused_in_the_form(opened, qtbot):
    _page, form = open_form(opened, 2)  # 2025-01-01 – 2025-12-31
    type_into(qtbot, form.slut, "2024-06-30")
    assert "före starten" in form.slut.error.text()
    assert insatser.hamta(opened.ff, 2).slut.isoformat() == "2025-12-31"
    form.slut.setFocus()
    form.slut.selectAll()
    qtbot.keyClick(form.slut, Qt.Key.Key_Delete)
    qtbot.keyClick(form.slut, Qt.Key.Key_Return)
    assert insatser.hamta(opened.ff, 2).slut is None  # t.o.m. löpande
    assert not form.slut.error.isVisibleTo(form)


def test_an_empty_name_is_refused(opened, qtbot):
    _page, form = open_form(opened, 1)
    form.namn.setFocus()
    form.namn.selectAll()
    qtbot.keyClick(form.namn, Qt.Key.Key_Delete)
    qtbot.keyClick(form.namn, Qt.Key.Key_Return)
    assert form.namn.error.text() == "Namnet får inte vara tomt."
    assert insatser.hamta(opened.ff, 1).namn == "Steget vidare"


def test_the_form_warns_until_the_insats_has_two_parties(opened, qtbot):
    _page, form = open_form(opened, 4)  # owner Norrby, no medpart
    assert form.parts_warning.isVisibleTo(form)
    assert "minst två" in form.parts_warning.text()
    box = form.part_boxes[1]
    box.click()
    assert insatser.hamta(opened.ff, 4).medparter == (1,)
    assert not form.parts_warning.isVisibleTo(form)
    assert opened.undo() == "Ändra medparter för Ansökan om samverkan"
    assert form.parts_warning.isVisibleTo(form)


def test_free_text_fields_remind_of_personal_data_and_store_when_left(opened, qtbot):
    _page, form = open_form(opened, 1)
    # said once above the three texts (issue 14: it stood four times on one form)
    tab = form.tabs.widget(0)
    said = [w for w in tab.findChildren(QLabel) if "personuppgifter" in w.text()]
    assert len(said) == 1 and said[0].isVisibleTo(form)
    texts = (form.texts["syfte"], form.texts["malgrupp"], form.texts["beskrivning"])
    assert [t.placeholderText() for t in texts] == [
        "Vad insatsen ska åstadkomma.",
        "Vilka insatsen vänder sig till.",
        "Hur insatsen arbetar.",
    ]
    form.texts["syfte"].setFocus()
    form.texts["syfte"].insertPlainText("Fler i arbete")
    form.texts["malgrupp"].setFocus()
    qtbot.waitUntil(lambda: insatser.hamta(opened.ff, 1).syfte == "Fler i arbete")


def test_money_per_year_is_edited_in_the_table_and_ej_forbrukat_follows(opened, qtbot):
    _page, form = open_form(opened, 1)
    model = form.money_model
    row = model.row_of(2025)
    assert model.index(row, 3).data() == "350\u00a0000"
    assert model.setData(model.index(row, 2), "700 000")
    assert model.index(row, 3).data() == "300\u00a0000"
    refused = []
    model.refused.connect(refused.append)
    assert not model.setData(model.index(row, 1), "mycket")
    assert refused and "inte ett belopp" in refused[0]
    assert form.money_error.text() == refused[0]
    assert insatser.ar_belopp(opened.ff, 1)[-1].beviljat_ore == 1_000_000_00


def test_goals_get_a_yearly_bedomning_with_motivering(opened, qtbot):
    from finsam_desktop.model import Bedomning

    _page, form = open_form(opened, 1)
    type_into(qtbot, form.new_goal, "Fler i arbete")
    assert form.goal_model.rowCount() == 1
    form.bedomning.pick(Bedomning.UPPNATT)
    [goal] = insatser.mal(opened.ff, 1)
    assert goal.bedomningar[2025][0] is Bedomning.UPPNATT
    assert form.goal_model.index(0, 3).data() == "2025: Målet uppnått"


def test_follow_up_counts_are_refused_unless_whole_numbers(opened, qtbot):
    _page, form = open_form(opened, 1)
    form.follow_year.setValue(2025)
    form._add_follow_year()
    model = form.follow_model
    assert model.setData(model.index(0, 1), "12")
    assert model.setData(model.index(0, 2), "9")
    assert model.index(0, 3).data() == "21"
    assert not model.setData(model.index(0, 4), "tre")
    assert "heltal" in form.follow_error.text()


def test_the_editable_models_pass_the_model_tester(opened, qtmodeltester):
    _page, form = open_form(opened, 1)
    for model in (form.money_model, form.goal_model, form.follow_model):
        qtmodeltester.check(model, force_py=True)


def test_ctrl_z_in_a_stored_field_undoes_the_last_action_of_the_app(opened, qtbot):
    _page, form = open_form(opened, 1)
    opened.activateWindow()
    type_into(qtbot, form.namn, "Steget längre")
    assert not form.namn.isModified()
    qtbot.keyClick(form.namn, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert insatser.hamta(opened.ff, 1).namn == "Steget vidare"
    assert form.namn.text() == "Steget vidare"
    qtbot.keyClick(
        form.namn, Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )  # fmt: skip
    assert insatser.hamta(opened.ff, 1).namn == "Steget längre"


def test_refused_text_stays_with_its_message_until_escape_takes_it_back(opened, qtbot):
    _page, form = open_form(opened, 1)
    type_into(qtbot, form.ansokt, "tolv tusen")
    type_into(qtbot, form.beslut_paragraf, "§ 7")  # another edit refreshes the form
    assert form.ansokt.text() == "tolv tusen"
    assert form.ansokt.error.text()
    assert form.ansokt.accessibleDescription() == form.ansokt.error.text()
    form.ansokt.setFocus()
    qtbot.keyClick(form.ansokt, Qt.Key.Key_Escape)
    assert form.ansokt.text() == ""
    assert not form.ansokt.error.text()


def test_text_being_typed_is_stored_when_the_window_closes(opened, filled_path):
    from finsam_desktop.storage import OpenOptions, open_file

    _page, form = open_form(opened, 1)
    opened.activateWindow()
    form.texts["beskrivning"].setFocus()
    form.texts["beskrivning"].insertPlainText("Två coacher.")
    opened.close()
    with open_file(filled_path, OpenOptions(read_only=True)) as ff:
        assert insatser.hamta(ff, 1).beskrivning == "Två coacher."
