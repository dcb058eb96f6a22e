"""The meeting's Justering tab in the real window: send the demo's latest held protokoll for
signing, see it locked, take back a file that is refused and one that is accepted, the anslag
and the archive's copy; close, reopen and find it justerat by those who signed."""

from __future__ import annotations

import datetime as dt

from fixed_days import APP_DAY
from signing import TestCA

from finsam_desktop import justering, moten
from finsam_desktop.model import MoteTyp


def done(qtbot, operation) -> None:
    """Wait for the work the tab started off the GUI thread to be delivered."""
    assert operation is not None
    with qtbot.waitSignal(operation.finished, timeout=30000):
        pass


def _open_latest_held(window, path):
    """The demo open in the window, its latest held meeting in the editor: (meeting, the
    Möten page, the Justering tab)."""
    assert window.open_path(path)
    window.show()
    m = _latest_held(window.ff)
    page = window.show_page("moten")
    assert page.open_meeting(m.id)
    return m, page, page.form.justering


def _latest_held(ff) -> moten.Mote:
    return next(
        m
        for m in moten.moten(ff)
        if m.typ is MoteTyp.STYRELSEMOTE and m.datum <= APP_DAY and m.justerat is None
    )


def test_a_protokoll_goes_out_for_signing_and_comes_back_justerat(
    window, demo_copy, tmp_path, qtbot
):
    path = demo_copy(APP_DAY)
    m, page, panel = _open_latest_held(window, path)
    form = page.form
    form.tabs.setCurrentWidget(panel)
    assert "inte skickats för justering" in panel.state.text()
    assert panel.send_button.isEnabled() and not panel.receive_button.isEnabled()

    frozen = tmp_path / "justeringsversion.pdf"
    done(qtbot, panel.send(frozen))
    assert frozen.read_bytes().startswith(b"%PDF")
    assert "ute för underskrift" in form.lock_label.text()
    assert not form.plats.isEnabled() and not form.new_arende.isEnabled()
    assert not form.attendance.isEnabled()
    names = [panel.signers.item(r, 0).text() for r in range(panel.signers.rowCount())]
    assert panel.signers.item(0, 1).text() == "ordförande" and len(names) >= 3
    assert all(panel.signers.item(r, 2).text() == "väntar" for r in range(len(names)))
    assert panel.receive_button.isEnabled() and not panel.send_button.isEnabled()
    row = page.model.row_of(m.id)
    assert page.model.index(row, page.model.Column.JUSTERAT).data() == "Ute för justering"
    assert "1 ute för justering" in page.summary.text()

    ca = TestCA()
    (tmp_path / "ca.pem").write_bytes(ca.pem)
    missing = tmp_path / "en-underskrift.pdf"
    missing.write_bytes(ca.sign_all(frozen.read_bytes(), names[:1]))
    done(qtbot, panel.receive(missing))  # untrusted, signers missing: said, nothing kept
    said = panel.message.text()
    assert "inte utfärdat av någon betrodd utfärdare" in said
    assert f"Har inte skrivit under: {', '.join(names[1:])}." in said
    assert moten.mote(window.ff, m.id).justerat is None

    from ui.forms.justering import IssuersDialog

    issuers = IssuersDialog(window.ff, panel)
    assert issuers.add(tmp_path / "ca.pem") and issuers.list.count() == 1
    issuers.close()
    signed = tmp_path / "signerad.pdf"
    signed.write_bytes(ca.sign_all(frozen.read_bytes(), names))
    done(qtbot, panel.receive(signed))
    assert panel.message.text() == ""
    today = dt.datetime.now().astimezone().date()
    assert f"Justerat digitalt {today.isoformat()}" in panel.state.text()
    assert "giltig, betrodd" in panel.result.text()
    assert all(
        panel.signers.item(r, 2).text().startswith(today.isoformat()) for r in range(len(names))
    )
    assert "justerat" in form.lock_label.text() and form.correct_button.isVisible()
    assert panel.anslag.isEnabled() and panel.anslag.value() == today

    later = today + dt.timedelta(days=2)
    panel.anslag.setText(later.isoformat())
    panel.anslag.setModified(True)
    assert panel.anslag.commit()
    assert justering.senaste(window.ff, m.id).anslag_ned == later + dt.timedelta(days=21)
    assert panel.save_anslag(tmp_path / "anslag.pdf")
    assert (later + dt.timedelta(days=21)).isoformat() in panel.result.text()
    archive = tmp_path / "arkiv"
    archive.mkdir()
    written = panel.archive(archive)
    assert written[0].read_bytes() == signed.read_bytes()

    window.close_file()
    assert window.open_path(path)
    j = justering.senaste(window.ff, m.id)
    assert moten.mote(window.ff, m.id).justerat == today
    assert [s.namn for s in j.signerare] == names and j.anslag_upp == later
    assert justering.original(window.ff, j.id) == signed.read_bytes()


def test_a_protokoll_signed_on_paper_is_attached_in_its_dialog(window, demo_copy, tmp_path):
    m, _page, panel = _open_latest_held(window, demo_copy(APP_DAY))
    from ui.forms.justering import PaperDialog

    expected = [n for n, _ in justering.vantade(window.ff, m.id)]
    dialog = PaperDialog(panel, APP_DAY, expected)
    assert dialog.names.toPlainText().splitlines() == expected
    dialog.accept()  # no file chosen yet: said in the dialog, which stays open
    assert "Välj det inskannade protokollet" in dialog.error.text()
    scan = tmp_path / "skannat.pdf"
    scan.write_bytes(b"%PDF-1.4\n% a scan\n")
    dialog.scan = scan
    dialog.names.setPlainText("\n".join(expected[:3]))
    dialog.day.setText((m.datum - dt.timedelta(days=1)).isoformat())
    dialog.day.setModified(True)
    dialog.accept()
    assert "före mötet" in dialog.error.text()
    dialog.day.setText(APP_DAY.isoformat())
    dialog.day.setModified(True)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert moten.mote(window.ff, m.id).justerat == APP_DAY
    assert "på papper" in panel.state.text() and panel.signers.rowCount() == 3
    assert justering.original(window.ff, justering.senaste(window.ff, m.id).id) == scan.read_bytes()


def test_a_change_while_the_justeringsversion_is_made_is_not_sent(
    window, demo_copy, tmp_path, qtbot
):
    m, _page, panel = _open_latest_held(window, demo_copy(APP_DAY))
    operation = panel.send(tmp_path / "j.pdf")
    moten.andra_mote(window.ff, m.id, "anteckning", "Skrivet medan PDF:en gjordes")
    done(qtbot, operation)
    assert "ändrades medan justeringsversionen gjordes" in panel.message.text()
    assert justering.senaste(window.ff, m.id) is None and not (tmp_path / "j.pdf").exists()
    done(qtbot, panel.send(tmp_path / "j.pdf"))
    assert justering.ute(window.ff, m.id) is not None and (tmp_path / "j.pdf").exists()


def test_the_arsredovisning_is_chosen_in_the_tab_of_its_meeting_and_signed_by_the_styrelse(
    window, demo_copy, tmp_path, qtbot
):
    path = demo_copy(APP_DAY)
    assert window.open_path(path)
    window.show()
    year = APP_DAY.year - 1
    h = justering.arsredovisning(window.ff, year)
    assert h is not None
    page = window.show_page("moten")
    assert page.open_meeting(h.mote_id)
    panel = page.form.justering
    page.form.tabs.setCurrentWidget(panel)
    labels = [panel.documents.itemText(i) for i in range(panel.documents.count())]
    assert labels[0] == "Protokollet" and any(x.startswith("Protokollsutdrag § ") for x in labels)
    index = labels.index(f"Årsredovisning {year} (styrelsens underskrifter)")
    panel.documents.setCurrentIndex(index)
    panel.documents.activated.emit(index)  # as when the user picks it
    assert f"Årsredovisningen {year} har inte skickats för underskrift" in panel.state.text()
    assert panel.send_button.text() == "&Skicka för underskrift…"
    assert not panel.anslag_button.isVisible() and not panel.anslag.isVisible()

    frozen = tmp_path / "underskriftsversion.pdf"
    done(qtbot, panel.send(frozen))
    assert panel.message.text() == "", panel.message.text()
    names = [panel.signers.item(r, 0).text() for r in range(panel.signers.rowCount())]
    assert panel.signers.item(0, 1).text() == "ordförande" and len(names) >= 3
    assert all(panel.signers.item(r, 2).text() == "väntar" for r in range(len(names)))
    assert "ute för underskrift" not in page.form.lock_label.text()  # the protokoll not locked

    ca = TestCA()
    justering.lagg_till_utfardare(window.ff, ca.pem)
    signed = tmp_path / "signerad.pdf"
    signed.write_bytes(ca.sign_all(frozen.read_bytes(), names))
    done(qtbot, panel.receive(signed))
    assert panel.message.text() == ""
    today = dt.datetime.now().astimezone().date()
    assert panel.state.text().startswith(f"Underskrivet digitalt {today.isoformat()}")
    assert panel.documents.currentText().startswith(f"Årsredovisning {year}")
    assert not panel.send_button.isEnabled() and panel.archive_button.isEnabled()

    window.close_file()
    assert window.open_path(path)
    kept = justering.underskriven(window.ff, h)
    assert kept is not None and justering.original(window.ff, kept.id) == signed.read_bytes()
    assert [s.namn for s in kept.signerare] == names


def test_the_rapporter_page_leads_from_the_arsredovisning_to_its_signatures(window, demo_copy):
    assert window.open_path(demo_copy(APP_DAY))
    window.show()
    page = window.show_page("rapporter")
    page.report_combo.setCurrentIndex(page.report_combo.findData("arsredovisning"))
    year = APP_DAY.year - 1
    page.year_spin.setValue(year)
    assert page.signing_button.isVisible() and page.signing_state.text() == ""
    page.signing_button.click()
    moten_page = window.current_page()
    h = justering.arsredovisning(window.ff, year)
    assert moten_page is window.show_page("moten") and moten_page.open_id() == h.mote_id
    panel = moten_page.form.justering
    assert moten_page.form.tabs.currentWidget() is panel
    assert panel.documents.currentText() == f"Årsredovisning {year} (styrelsens underskrifter)"
    assert panel.send_button.isEnabled()

    page = window.show_page("rapporter")
    page.year_spin.setValue(2012)  # no meeting decided it: said where the decision goes
    page.signing_button.click()
    assert window.current_page() is page
    assert "Inget styrelsemöte har ärendet ”Årsredovisning 2012”" in page.status.text()
    page.report_combo.setCurrentIndex(page.report_combo.findData("verksamhetsplan"))
    assert not page.signing_button.isVisible()


def test_a_signed_arsredovisning_printed_again_says_the_signed_file_is_the_original(
    window, demo_copy, qtbot
):
    assert window.open_path(demo_copy(APP_DAY))
    year = APP_DAY.year - 1
    h = justering.arsredovisning(window.ff, year)
    names = [n for n, _ in justering.vantade(window.ff, h, APP_DAY)]
    justering.bifoga_papper(window.ff, h, b"%PDF-1.4\n% signed\n", APP_DAY, names, APP_DAY)
    page = window.show_page("rapporter")
    page.report_combo.setCurrentIndex(page.report_combo.findData("arsredovisning"))
    page.year_spin.setValue(year)
    assert page.signing_state.text() == f"Underskriven {APP_DAY.isoformat()}"
    done(qtbot, page.build_report())
    assert f"Årsredovisningen skrevs under {APP_DAY.isoformat()}: originalet är" in (
        page.status.text()
    )


def test_the_reminder_of_a_document_out_opens_its_justering_tab(window, demo_copy, qtbot):
    from finsam_desktop.check import run_checks
    from reports.justering import skicka

    assert window.open_path(demo_copy(APP_DAY))
    window.show()
    h = justering.arsredovisning(window.ff, APP_DAY.year - 1)
    skicka(window.ff, h, APP_DAY)
    later = APP_DAY + dt.timedelta(days=20)
    (finding,) = [f for f in run_checks(window.ff, today=later) if f.code == "ute_for_underskrift"]
    window.go_to_finding(finding)
    page = window.current_page()
    assert page is window.show_page("moten") and page.open_id() == h.mote_id
    assert page.form.tabs.currentWidget() is page.form.justering
    assert page.form.justering.documents.currentText().startswith("Årsredovisning")
