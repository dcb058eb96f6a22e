"""The meeting editor's protokoll: standing items, the previous list, open beslut, the lock,
the PDFs, the decision log and its open items on Översikt."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from typed import type_into

from finsam_desktop import beslutslogg, insatser, moten
from finsam_desktop.forbund import Ogiltigt
from finsam_desktop.model import BeslutStatus, MoteTyp


def answer_lock(qtbot, form, button_text):
    """Answer the question a justering date asks before it locks the protokoll."""
    box = form.lock_question
    assert box is not None and box.isVisible()
    [button] = [b for b in box.buttons() if b.text().replace("&", "") == button_text]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: form.lock_question is None)


def justera(qtbot, form, text):
    type_into(qtbot, form.justerat, text)
    answer_lock(qtbot, form, "Justera och lås")


def test_a_new_meeting_gets_standing_items_and_open_beslut_in_one_undo_each(opened, qtbot):
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    form = page.form
    qtbot.mouseClick(form.standing_button, Qt.MouseButton.LeftButton)
    rubriker = [a.rubrik for a in moten.arenden(opened.ff, mote_id)]
    assert rubriker == moten.dagordningsmall(opened.ff, MoteTyp.STYRELSEMOTE)
    assert rubriker[0] == "Mötets öppnande" and len(rubriker) == 9
    assert form.agenda_model.rowCount() == len(rubriker)
    assert opened.undo_action.text().startswith("&Ångra Stående punkter")
    proposals = moten.foreslagna_arenden(opened.ff, mote_id)
    assert form.proposals_button.text() == f"Öppna beslut ({len(proposals)})"
    if proposals:
        assert form.take_proposals([proposals[0].id])
        assert moten.arenden(opened.ff, mote_id)[-1].rubrik.startswith("Uppföljning: ")


def test_a_justerat_protokoll_locks_the_editor_but_not_the_status(opened, qtbot):
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    form = page.form
    type_into(qtbot, form.new_arende, "Budget 2026")
    form.agenda.setCurrentIndex(form.agenda_model.index(0, 1))
    type_into(qtbot, form.a_ansvarig, "Förbundschefen")
    type_into(qtbot, form.a_senast, "2026-01-31")
    [a] = moten.arenden(opened.ff, mote_id)
    assert (a.ansvarig, a.senast) == ("Förbundschefen", dt.date(2026, 1, 31))
    justera(qtbot, form, "2025-12-12")
    assert "låst" in form.lock_label.text()
    assert not form.a_beslut.isEnabled() and not form.a_diskussion.isEnabled()
    assert not form.new_arende.isEnabled() and not form.standing_button.isEnabled()
    assert form.a_status.isEnabled()
    assert not form.plats.isEnabled() and not form.justerat.isEnabled()
    assert not form.attendance.isEnabled() and not form.delete_button.isEnabled()
    assert form.correct_button.isVisible() and not form.corrections.isVisible()
    assert not form.open_for_correction("  ")  # a reason is required
    assert "Orsaken" in form.document_message.text()
    assert form.open_for_correction("Fel datum i § 1")
    assert form.a_beslut.isEnabled() and form.justerat.isEnabled()
    assert not form.correct_button.isVisible()
    assert form.corrections.isVisible()
    assert "justerat 2025-12-12, öppnades för rättelse" in form.corrections.text()
    assert "Fel datum i § 1" in form.corrections.text()
    justera(qtbot, form, "2025-12-19")
    assert "låst" in form.lock_label.text() and form.corrections.isVisible()


def test_the_sekreterare_is_typed_once_and_follows_to_the_next_meeting(opened, qtbot):
    page = opened.show_page("moten")
    first = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    type_into(qtbot, page.form.sekreterare, "Karin Kansli")
    assert moten.mote(opened.ff, first).sekreterare == "Karin Kansli"
    page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 19), "9", "Kansliet")
    assert page.form.sekreterare.text() == "Karin Kansli"


def test_renumbering_that_would_touch_a_justerat_protokoll_is_explained_not_done(opened, qtbot):
    ff = opened.ff
    page = opened.show_page("moten")
    first = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 1), "9", "Kansliet")
    gone = moten.nytt_arende(ff, first, "Tas bort")
    moten.nytt_arende(ff, first, "Blir kvar")
    second = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 10), "9", "Kansliet")
    moten.nytt_arende(ff, second, "Budget")
    moten.andra_mote(ff, second, "justerat", dt.date(2025, 12, 12))
    moten.ta_bort_arende(ff, gone)
    before = [a.paragraf for a in moten.arenden(ff, second)]
    page.open_meeting(first)
    qtbot.mouseClick(page.form.renumber, Qt.MouseButton.LeftButton)
    assert "justerade protokoll (Styrelsemöte 2025-12-10)" in page.form.list_error.text()
    assert [a.paragraf for a in moten.arenden(ff, second)] == before


def test_the_standing_items_are_edited_per_meeting_kind_in_a_dialog(opened, qtbot):
    from ui.dialogs.dagordning import DagordningDialog

    ff = opened.ff
    dialog = DagordningDialog(ff, MoteTyp.BEREDNING, opened)
    qtbot.addWidget(dialog)
    assert dialog.items.toPlainText().splitlines()[0] == "Mötets öppnande"
    dialog.set_items(["Incheckning", "Ärenden till styrelsen", "", "Avslut"])
    dialog.kind.setCurrentIndex(list(MoteTyp).index(MoteTyp.STYRELSEMOTE))
    dialog.set_items(["Mötets öppnande", "Mötets öppnande"])  # twice: refused, dialog stays
    dialog.buttons.accepted.emit()
    assert "två gånger i mallen för styrelsemöte" in dialog.error.text()
    assert dialog.result() != dialog.DialogCode.Accepted
    assert moten.dagordningsmall(ff, MoteTyp.BEREDNING)[0] == "Mötets öppnande"  # all or nothing
    dialog.set_items(["Mötets öppnande", "Beslutsärenden", "Mötets avslutande"])
    dialog.buttons.accepted.emit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert moten.dagordningsmall(ff, MoteTyp.BEREDNING) == [
        "Incheckning",
        "Ärenden till styrelsen",
        "Avslut",
    ]
    assert moten.dagordningsmall(ff, MoteTyp.STYRELSEMOTE) == [
        "Mötets öppnande",
        "Beslutsärenden",
        "Mötets avslutande",
    ]


def test_the_pdf_buttons_write_kallelse_protokoll_and_utdrag(opened, tmp_path):
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    moten.nytt_arende(opened.ff, mote_id, "Budget 2026")
    form = page.form
    assert not form.utdrag_button.isEnabled()
    form.agenda.setCurrentIndex(form.agenda_model.index(0, 1))
    assert form.utdrag_button.isEnabled()
    for kind in ("kallelse", "protokoll", "utdrag"):
        target = form.write_document(kind, tmp_path / form.suggested_name(kind))
        assert target.read_bytes().startswith(b"%PDF")
    assert form.suggested_name("kallelse").startswith("Kallelse ")


def test_the_utdrag_button_writes_the_selected_arende_by_its_paragraf_and_refuses_one_without(
    opened, tmp_path
):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    for rubrik in ("Budget 2026", "Internkontroll"):
        moten.nytt_arende(opened.ff, mote_id, rubrik)
    form = page.form
    form.agenda.setCurrentIndex(form.agenda_model.index(1, 1))
    second = moten.arenden(opened.ff, mote_id)[1]
    assert form.suggested_name("utdrag").endswith(f" § {second.paragraf}.pdf")
    target = form.write_document("utdrag", tmp_path / "utdrag.pdf")
    out = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, check=True)
    text = " ".join(out.stdout.decode("utf-8").split())
    assert f"§ {second.paragraf} Internkontroll" in text and "Budget 2026" not in text
    # a beredning's ärende has no §, so no paragraf of a protokoll: said before a file is asked
    beredning = page.create(MoteTyp.BEREDNINGSGRUPP, dt.date(2025, 11, 28), "13", "Kansliet")
    moten.nytt_arende(opened.ff, beredning, "Ansökningar")
    form.agenda.setCurrentIndex(form.agenda_model.index(0, 1))
    assert form.mote.id == beredning and moten.arenden(opened.ff, beredning)[0].paragraf is None
    assert form._ask_document("utdrag") is None
    assert form.document_message.text() == moten.UTDRAG_UTAN_PARAGRAF


def test_the_decision_log_filters_and_opens_a_beslut_in_its_meeting(opened, qtbot):
    ff = opened.ff
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    a = moten.nytt_arende(ff, mote_id, "Plan för uppföljning")
    moten.andra_arende(ff, a, "beslut", "Förbundschefen tar fram en plan.")
    moten.andra_arende(ff, a, "beslut_status", BeslutStatus.OPPEN)
    page.show_list()
    qtbot.mouseClick(page.log_button, Qt.MouseButton.LeftButton)
    log = page.log
    assert page.views.currentWidget() is log
    open_ids = [b.arende_id for b in beslutslogg.beslut(ff, bara_oppna=True)]
    assert [log.model.record(r).arende_id for r in range(log.model.rowCount())] == open_ids
    log.status_combo.setCurrentIndex(log.status_combo.findData(None))
    assert log.model.rowCount() == len(beslutslogg.beslut(ff))
    log.mote_combo.setCurrentIndex(log.mote_combo.findData(mote_id))
    assert log.model.rowCount() == 1
    log.table.doubleClicked.emit(log.model.index(0, 2))
    assert page.views.currentWidget() is page.form
    assert page.form.selected_arende().id == a


def test_oversikt_lists_the_open_beslut(opened):
    ff = opened.ff
    mote_id = moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5))
    a = moten.nytt_arende(ff, mote_id, "Plan för uppföljning")
    moten.andra_arende(ff, a, "beslut_status", BeslutStatus.PAGAR)
    page = opened.show_page("oversikt")
    assert a in [b.arende_id for b in page.oppna_beslut]
    assert page.beslut_title.text().startswith("Öppna beslut (")
    # a click on the beslut opens its meeting with that very beslut selected
    button = next(
        w
        for w in page.findChildren(QPushButton)
        if w.accessibleName().startswith("Öppna beslutet") and "Plan för uppföljning" in w.text()
    )
    button.click()
    moten_page = opened.current_page()
    assert moten_page.key == "moten" and moten_page.form.mote.id == mote_id
    assert moten_page.form.selected_arende().id == a


def test_invisible_control_characters_from_a_paste_are_not_stored(opened, qtbot):
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    form = page.form
    type_into(qtbot, form.plats, "Kommun\x07huset\x1b")
    assert moten.mote(opened.ff, mote_id).plats == "Kommunhuset"
    moten.nytt_arende(opened.ff, mote_id, "Budget")
    form.agenda.setCurrentIndex(form.agenda_model.index(0, 1))
    form.a_beslut.setFocus()
    form.a_beslut.setPlainText("Rad ett\x0c\nRad två\ufffe")
    assert form.a_beslut.commit()
    assert moten.arenden(opened.ff, mote_id)[0].beslut == "Rad ett\nRad två"
    assert form.agenda_model.setData(form.agenda_model.index(0, 1), "Bud\x00get 2026")
    assert moten.arenden(opened.ff, mote_id)[0].rubrik == "Budget 2026"


def test_deleting_a_justerat_meeting_is_refused_with_a_message_not_a_traceback(opened, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    moten.andra_mote(opened.ff, mote_id, "justerat", dt.date(2025, 12, 12))
    said = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, title, text: said.append(text))
    page.delete_open()
    assert moten.mote(opened.ff, mote_id) is not None
    assert len(said) == 1 and "justerat 2025-12-12 och låst" in said[0]
    assert page.views.currentWidget() is page.form


# -- issue 14, finding 5 ------------------------------------------------------------------------


def _arende_with_insats(opened, page):
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    a = moten.nytt_arende(opened.ff, mote_id, "Ansökan Steget vidare")
    moten.andra_arende(opened.ff, a, "insats_id", 1)
    form = page.form
    form.agenda.setCurrentIndex(form.agenda_model.index(0, 1))
    return mote_id, a, form


def test_bevilja_keeps_the_beslut_the_user_wrote_instead_of_adding_it_twice(opened, qtbot):
    page = opened.show_page("moten")
    _mote_id, a, form = _arende_with_insats(opened, page)
    written = "Styrelsen beviljar Steget vidare 25 000 kr för 2023 enligt ansökan."
    form.a_beslut.setFocus()
    form.a_beslut.setPlainText(written)
    assert form.a_beslut.commit()
    type_into(qtbot, form.grant_amount, "25 000")  # Enter grants
    assert form.grant_year.value() == 2025
    assert moten.arende(opened.ff, a).beslut == written  # once, as the user wrote it
    assert insatser.ar_belopp(opened.ff, 1)[-1].beviljat_ore == 25_000_00
    assert form.a_beslut.toPlainText() == written
    assert form.grant_note.isVisible()
    assert "ändrades inte" in form.grant_note.text()
    standard = "Styrelsen beviljar 25\u00a0000\u00a0kr till Steget vidare för 2025."
    assert standard in form.grant_note.text()


def test_bevilja_writes_the_standard_beslut_when_none_was_written(opened, qtbot):
    page = opened.show_page("moten")
    _mote_id, a, form = _arende_with_insats(opened, page)
    type_into(qtbot, form.grant_amount, "25 000")
    assert moten.arende(opened.ff, a).beslut == (
        "Styrelsen beviljar 25\u00a0000\u00a0kr till Steget vidare för 2025."
    )
    assert not form.grant_note.isVisible()


def test_a_justerat_date_asks_before_it_locks_and_no_leaves_the_protokoll_open(opened, qtbot):
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    form = page.form
    type_into(qtbot, form.justerat, "2025-12-12")
    box = form.lock_question
    assert box is not None and box.isVisible()
    assert moten.mote(opened.ff, mote_id).justerat is None  # nothing stored while asking
    said = box.text() + " " + box.informativeText()
    assert "Justera protokollet för Styrelsemöte 2025-12-05" in said
    assert "låses" in said and "Öppna för rättelse" in said and "Ångra" in said
    answer_lock(qtbot, form, "Avbryt")
    assert moten.mote(opened.ff, mote_id).justerat is None
    assert form.justerat.text() == "" and form.justerat.isEnabled()
    assert "inte justerat" in form.lock_label.text()


def test_locking_is_one_step_that_undo_takes_back(opened, qtbot):
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    form = page.form
    justera(qtbot, form, "2025-12-12")
    assert moten.mote(opened.ff, mote_id).justerat == dt.date(2025, 12, 12)
    assert form.locked and not form.new_arende.isEnabled()
    assert opened.undo_action.text() == (
        "&Ångra Justera och lås protokollet för Styrelsemöte 2025-12-05"
    )
    opened.undo_action.trigger()
    assert moten.mote(opened.ff, mote_id).justerat is None
    assert not form.locked and form.new_arende.isEnabled() and form.justerat.isEnabled()
    assert form.justerat.text() == ""


def test_a_date_before_the_meeting_is_refused_without_asking(opened, qtbot):
    page = opened.show_page("moten")
    page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    form = page.form
    type_into(qtbot, form.justerat, "2025-12-01")
    assert form.lock_question is None
    assert "före mötet" in form.justerat.error.text()


def test_absent_members_are_not_offered_as_justerare(opened, qtbot):
    ff = opened.ff
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    form = page.form
    offered = [form.justerare[0].itemText(i) for i in range(form.justerare[0].count())]
    assert "Anna Ek" in offered and "Eva Berg" not in offered  # Eva left in 2024
    anna = next(r for r in moten.narvaro(ff, mote_id) if r.person == "Anna Ek")
    moten.satt_narvaro(ff, mote_id, anna.uppdrag_id, False)
    for field in form.justerare:
        offered = [field.itemText(i) for i in range(field.count())]
        assert "Anna Ek" not in offered
        assert "Bo Lind" in offered and "David Öberg" in offered
    with pytest.raises(Ogiltigt, match="frånvarande"):
        moten.satt_justerare(ff, mote_id, [anna.person_id])


def test_a_justerare_marked_absent_afterwards_is_shown_as_absent(opened, qtbot):
    ff = opened.ff
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    form = page.form
    anna = next(r for r in moten.narvaro(ff, mote_id) if r.person == "Anna Ek")
    form.justerare[0].pick(anna.person_id)
    assert moten.justerare(ff, mote_id) == [(anna.person_id, "Anna Ek")]
    moten.satt_narvaro(ff, mote_id, anna.uppdrag_id, False)
    assert form.justerare[0].currentText() == "Anna Ek (frånvarande)"
    assert "Anna Ek är frånvarande" in form.justerare_error.text()


def test_a_locked_protokoll_shows_no_end_time_when_none_was_set(opened, qtbot):
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    form = page.form
    assert moten.mote(opened.ff, mote_id).sluttid == ""
    assert form.sluttid.placeholderText()  # a hint while it can be typed into
    justera(qtbot, form, "2025-12-12")
    assert not form.sluttid.isEnabled()
    assert form.sluttid.text() == "" and form.sluttid.placeholderText() == ""
    assert form.starttid.text() == "09:00"
    assert not form.a_beslut.placeholderText() or form.a_beslut.isEnabled()
    assert form.open_for_correction("Fel tid")
    assert form.sluttid.isEnabled() and form.sluttid.placeholderText() == "12:00"


def test_the_pdf_buttons_write_in_the_background_beside_the_file(
    opened, tmp_path, qtbot, monkeypatch
):
    from PySide6.QtWidgets import QFileDialog

    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    moten.nytt_arende(opened.ff, mote_id, "Budget 2026")
    form = page.form
    offered = []

    def save_as(_parent, _title, start, _pattern, *a, **kw):
        offered.append(Path(start))
        return str(tmp_path / "Kallelse december"), ""  # typed without .pdf

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    operation = form._ask_document("kallelse")
    with qtbot.waitSignal(operation.finished, timeout=20000):
        pass
    assert offered == [opened.ff.path.resolve().parent / form.suggested_name("kallelse")]
    target = tmp_path / "Kallelse december.pdf"
    assert target.read_bytes().startswith(b"%PDF")
    assert form.lock_label.text() == f"Sparad: {target}"
    assert form._ask_document("utdrag") is None  # no ärende chosen: said, nothing written
    assert form.document_message.text() == "Välj ärendet att göra ett utdrag av."
