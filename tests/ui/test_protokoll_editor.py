"""The meeting editor's protokoll: standing items, the previous list, open beslut, the lock,
the PDFs, the decision log and its open items on Översikt."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt

from finsam_desktop import beslutslogg, moten
from finsam_desktop.model import BeslutStatus, MoteTyp


@pytest.fixture
def opened(window, filled_path):
    assert window.open_path(filled_path)
    window.show()
    return window


def type_into(qtbot, field, text):
    field.setFocus()
    field.selectAll()
    field.insert(text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_new_meeting_gets_standing_items_and_open_beslut_in_one_undo_each(opened, qtbot):
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9", "Kansliet")
    form = page.form
    qtbot.mouseClick(form.standing_button, Qt.MouseButton.LeftButton)
    rubriker = [a.rubrik for a in moten.arenden(opened.ff, mote_id)]
    assert rubriker == list(moten.STAENDE_PUNKTER)
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
    type_into(qtbot, form.justerat, "2025-12-12")
    assert "låst" in form.lock_label.text()
    assert not form.a_beslut.isEnabled() and not form.a_diskussion.isEnabled()
    assert not form.new_arende.isEnabled() and not form.standing_button.isEnabled()
    assert form.a_status.isEnabled()
    type_into(qtbot, form.justerat, "")
    assert form.a_beslut.isEnabled()


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
