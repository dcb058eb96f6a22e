"""The Möten page: list per year and kind, the meeting editor, a grant undone as one action."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from typed import type_into

from finsam_desktop import insatser, moten
from finsam_desktop.model import MoteTyp


def test_the_list_filters_by_year_and_kind(opened):
    page = opened.show_page("moten")
    page.year_combo.setCurrentIndex(page.year_combo.findData(2025))
    assert page.proxy.rowCount() == 4
    page.kind_combo.setCurrentIndex(page.kind_combo.findData(MoteTyp.BEREDNING))
    assert page.proxy.rowCount() == 1
    assert page.summary.text().startswith("1 möte")


def test_a_new_meeting_opens_in_the_editor_and_ärenden_get_the_next_paragraph(opened, qtbot):
    page = opened.show_page("moten")
    mote_id = page.create(MoteTyp.STYRELSEMOTE, dt.date(2025, 12, 5), "9.30", "Kansliet")
    form = page.form
    assert page.views.currentWidget() is form
    assert form.starttid.text() == "09:30"
    type_into(qtbot, form.new_arende, "Verksamhetsplan 2026")
    [arende] = moten.arenden(opened.ff, mote_id)
    assert arende.paragraf == 11  # after § 10 at the meeting in September
    assert form.agenda_model.index(0, 0).data() == "§ 11"
    assert opened.undo_action.text() == "&Ångra Nytt ärende § 11 Verksamhetsplan 2026"


def test_bad_times_and_dates_are_refused_where_typed(opened, qtbot):
    page = opened.show_page("moten")
    page.open_meeting(4)
    form = page.form
    type_into(qtbot, form.sluttid, "halv nio")
    assert "klockslag" in form.sluttid.error.text()
    type_into(qtbot, form.justerat, "2025-11-01")
    assert "före mötet" in form.justerat.error.text()
    assert moten.mote(opened.ff, 4).sluttid == "12:00"
    type_into(qtbot, form.datum, "")
    assert form.datum.error.text()
    assert moten.mote(opened.ff, 4).datum == dt.date(2025, 11, 14)


def test_a_grant_updates_the_insats_and_one_undo_takes_both_back(opened, qtbot):
    page = opened.show_page("moten")
    page.open_meeting(2)  # styrelsemöte 2025-09-12, § 10 Delårsrapport
    form = page.form
    form.agenda.setCurrentIndex(form.agenda_model.index(0, 1))
    form.a_insats.pick(4)  # Ansökan om samverkan
    assert moten.arenden(opened.ff, 2)[0].insats_id == 4
    form.grant_year.setValue(2026)
    form.grant_amount.setText("mycket")
    assert not form.grant()
    assert "inte ett belopp" in form.grant_error.text()
    form.grant_amount.setText("450 000")
    assert form.grant()
    assert insatser.ar_belopp(opened.ff, 4)[0].beviljat_ore == 450_000_00
    assert insatser.hamta(opened.ff, 4).beslut_paragraf == "§ 10"
    assert opened.undo_action.text().startswith("&Ångra Bevilja Ansökan om samverkan")
    opened.undo_action.trigger()
    assert insatser.ar_belopp(opened.ff, 4) == []
    assert moten.arenden(opened.ff, 2)[0].beslut == ""
    assert insatser.hamta(opened.ff, 4).beslut_paragraf == ""


def test_an_absent_ledamot_proposes_the_ersattare_and_quorum_is_shown(opened, qtbot):
    page = opened.show_page("moten")
    page.open_meeting(4)  # 2025-11-14
    form = page.form
    model = form.attendance_model
    rows = {r.person: i for i, r in enumerate(model.records())}
    assert form.quorum.text().startswith("Beslutför: 3 av 3")
    anna = model.index(rows["Anna Ek"], model.Column.NARVARANDE)
    assert model.setData(anna, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    rows = {r.person: r for r in model.records()}
    assert rows["David Öberg"].tjanstgorande
    assert form.quorum.text().startswith("Beslutför: 3 av 3")
    assert opened.undo_action.text() == "&Ångra Anna Ek frånvarande, David Öberg tjänstgör"


def test_justerare_are_chosen_among_the_people(opened):
    page = opened.show_page("moten")
    page.open_meeting(4)
    form = page.form
    form.justerare[0].pick(1)
    form.justerare[1].pick(2)
    assert [n for _i, n in moten.justerare(opened.ff, 4)] == ["Anna Ek", "Bo Lind"]


def test_the_meeting_models_pass_the_model_tester(opened, qtmodeltester):
    page = opened.show_page("moten")
    page.open_meeting(1)
    qtmodeltester.check(page.form.agenda_model, force_py=True)
    qtmodeltester.check(page.form.attendance_model, force_py=True)


def test_the_year_list_skips_no_year_between_the_first_meeting_and_today(opened, today):
    moten.nytt_mote(opened.ff, MoteTyp.STYRELSEMOTE, dt.date(2021, 3, 12), "09:00", "Kansliet")
    page = opened.show_page("moten")
    years = [page.year_combo.itemData(i) for i in range(page.year_combo.count())]
    assert years[0] is None  # Alla år
    assert years[1:] == list(range(today.year, 2020, -1))  # 2025 … 2021, none skipped


def test_a_new_meeting_of_a_named_group_brings_its_kind(opened, qtbot):
    """Issue 15, 7: the förbund's own group names are offered and carry their kind."""
    import datetime as dt

    from finsam_desktop import moten as data
    from finsam_desktop.model import MoteTyp

    data.nytt_mote(opened.ff, MoteTyp.BEREDNING, dt.date(2025, 2, 3), grupp="LSG")
    page = opened.show_page("moten")
    page.new_meeting()
    dialog = page.new_dialog
    assert dialog.grupp.completer().model().stringList() == ["LSG"]
    dialog.grupp.setText("lsg")  # as typed: the known group, its kind follows
    assert MoteTyp(dialog.typ.currentData()) is MoteTyp.BEREDNING
    dialog.grupp.setText("LSG")
    assert dialog.try_create()
    m = data.mote(opened.ff, dialog.created)
    assert (m.grupp, m.typ) == ("LSG", MoteTyp.BEREDNING)
    assert page.form.grupp.text() == "LSG"
    assert page.form.heading.text().startswith("LSG ")
