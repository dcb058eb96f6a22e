"""The Årshjul page: wheel and list together, ticks, edits and moves stored at once, undo."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from icalendar import Calendar
from PySide6.QtCore import Qt

from finsam_desktop import arshjul
from finsam_desktop.model import Ring
from ui.dialogs.arshjul import EntryDialog, MoveDialog, RulesDialog
from ui.widgets.wheel import entry_key

D = dt.date


@pytest.fixture
def page(window, filled_path):
    assert window.open_path(filled_path)
    window.show()
    page = window.show_page("arshjul")
    return page


def rows(page) -> dict[str, object]:
    tree = page.tree
    found = {}
    for i in range(tree.topLevelItemCount()):
        month = tree.topLevelItem(i)
        for j in range(month.childCount()):
            found[month.child(j).text(2)] = month.child(j)
    return found


def key_of(page, nyckel: str) -> str:
    return next(k for k in page.by_key if k.startswith(nyckel + "@"))


def test_the_page_shows_rules_own_entries_meetings_and_holidays_by_month(page):
    shown = rows(page)
    assert shown["Årsredovisningen klar"].text(0) == "2025-03-31"
    assert shown["Psykiatriveckan"].text(1) == "45"  # the förbund's own entry replaces the rule
    assert shown["Julafton"].text(3) == "Helgdag"
    assert "Verksamhetsplan och budget beslutade" in shown
    assert page.wheel.entries == page.entries
    assert page.wheel.today == D(2025, 10, 15)
    headings = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert headings[0] == "Januari 2025" and headings[-1] == "December 2025"


def test_ticking_klar_stores_at_once_and_undo_takes_it_back(page, qtbot):
    item = rows(page)["Årsredovisningen klar"]
    item.setCheckState(4, Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: page.by_key[key_of(page, "regel:arsredovisning")].klar)
    assert page.ff.scalar("SELECT klar FROM arshjul_regel_ar WHERE ar = 2025") == 1
    assert page.ff.undo_label == "Bocka av Årsredovisningen klar 2025"
    page.ff.undo()
    qtbot.waitUntil(lambda: not page.by_key[key_of(page, "regel:arsredovisning")].klar)
    assert rows(page)["Årsredovisningen klar"].checkState(4) == Qt.CheckState.Unchecked


def test_space_in_the_list_ticks_the_current_entry(page, qtbot):
    page.tree.setCurrentItem(rows(page)["Årsredovisningen klar"])
    page.tree.setFocus()
    qtbot.keyClick(page.tree, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.by_key[key_of(page, "regel:arsredovisning")].klar)


def test_a_click_on_the_wheel_selects_the_row_in_the_list(page, qtbot):
    key = key_of(page, "regel:verksamhetsplan_budget")
    where = page.wheel.position_of(key).toPoint()
    qtbot.mouseClick(page.wheel, Qt.MouseButton.LeftButton, pos=where)
    assert page.current_key() == key
    assert "Verksamhetsplan och budget" in page.detail.text()
    assert page.open_button.isEnabled() and page.move_button.isEnabled()


def test_opening_a_rule_edits_the_rule_for_every_year(page, qtbot):
    page.open_entry(key_of(page, "regel:arsredovisning"))
    dialog = page.dialog
    assert isinstance(dialog, EntryDialog) and dialog.regel is not None
    dialog.dag.setValue(28)
    dialog.save()
    qtbot.waitUntil(lambda: "Årsredovisningen klar" in rows(page))
    assert rows(page)["Årsredovisningen klar"].text(0) == "2025-03-28"
    got = {h.nyckel: h for h in arshjul.entries(page.ff, 2027)}
    assert got["regel:arsredovisning"].datum == D(2027, 3, 28)


def test_a_new_entry_in_week_8_becomes_a_rule(page, qtbot):
    page.new_entry()
    dialog = page.dialog
    dialog.rubrik.setText("Länsträff")
    dialog.ring.setCurrentIndex(dialog.ring.findData(Ring.KONFERENSER))
    dialog.kind.setCurrentIndex(dialog.kind.findData("vecka"))
    dialog.vecka.setValue(8)
    dialog.veckodag.setCurrentIndex(dialog.veckodag.findData(3))
    dialog.save()
    qtbot.waitUntil(lambda: "Länsträff" in rows(page))
    assert rows(page)["Länsträff"].text(0) == "2025-02-19"
    assert rows(page)["Länsträff"].text(1) == "8"


def test_a_new_entry_once_is_an_own_entry_and_a_missing_title_is_refused(page, qtbot):
    page.new_entry()
    dialog = page.dialog
    dialog.save()
    assert "rubrik" in dialog.error.text()
    dialog.rubrik.setText("Studiebesök")
    dialog.datum.setDate(dialog.datum.date().addDays(3))
    dialog.save()
    qtbot.waitUntil(lambda: "Studiebesök" in rows(page))
    assert rows(page)["Studiebesök"].text(0) == "2025-10-18"


def test_moving_a_rule_entry_moves_it_this_year_only(page, qtbot):
    key = key_of(page, "regel:verksamhetsplan_budget")
    page._select_key(key)
    page.move_current()
    dialog = page.dialog
    assert isinstance(dialog, MoveDialog)
    dialog.datum.setDate(dialog.datum.date().addDays(-3))
    dialog.slut.setDate(dialog.datum.date())
    dialog.save()
    name = "Verksamhetsplan och budget beslutade (flyttad i år)"
    qtbot.waitUntil(lambda: name in rows(page))
    assert rows(page)[name].text(0) == "2025-11-27"
    assert page.reset_button.isVisible() and page.reset_button.isEnabled()
    page.reset_current()
    qtbot.waitUntil(lambda: "Verksamhetsplan och budget beslutade" in rows(page))


def test_meetings_open_as_information_only(page):
    key = next(k for k in page.by_key if k.startswith("mote:"))
    page.open_entry(key)
    assert "Möten" in page.dialog.text()
    page.dialog.close()


def test_the_year_may_start_in_september_and_undo_brings_january_back(page, qtbot):
    page.start_combo.setCurrentIndex(8)
    page.start_combo.activated.emit(8)
    qtbot.waitUntil(lambda: page.period.startmanad == 9)
    assert page.year_combo.currentText() == "2025/26"
    assert page.tree.topLevelItem(0).text(0) == "September 2025"
    assert arshjul.startmanad(page.ff) == 9
    page.ff.undo()
    qtbot.waitUntil(lambda: page.period.startmanad == 1)


def test_rings_can_be_hidden(page):
    page.ring_actions[Ring.STYRELSE].setChecked(False)
    assert {h.ring for h in page.entries} == {Ring.EKONOMI, Ring.INSATSER, Ring.KONFERENSER,
                                             Ring.EGNA}  # fmt: skip


def test_the_rules_dialog_lists_every_rule_and_switches_one_off(page, qtbot):
    page.show_rules()
    rules = page.dialog
    assert isinstance(rules, RulesDialog)
    assert rules.tree.topLevelItemCount() == 11
    rules.tree.setCurrentItem(rules.tree.topLevelItem(8))  # Psykiatriveckan
    rules.edit()
    rules.dialog.aktiv.setChecked(False)
    rules.dialog.save()
    assert rules.tree.topLevelItem(8).text(3) == "Nej"
    rules.close()


def test_the_page_writes_the_calendar_file_and_the_pdf(page, tmp_path):
    count = page.export_ics(tmp_path / "hjul.ics")
    events = Calendar.from_ical((tmp_path / "hjul.ics").read_bytes()).walk("VEVENT")
    assert count == len(events) == len(page.entries)
    assert page.export_pdf(tmp_path / "hjul.pdf").read_bytes().startswith(b"%PDF")


def test_the_buttons_write_the_calendar_and_the_pdf_in_the_background(page, tmp_path, qtbot):
    for save, name in ((page.save_ics, "hjul.ics"), (page.save_pdf, "hjul.pdf")):
        operation = save(tmp_path / name)
        with qtbot.waitSignal(operation.finished, timeout=20000):
            pass
        assert operation.succeeded
        assert page.empty.text().startswith(
            ("Kalenderfilen" if name.endswith("ics") else "PDF:en")
            + f" är sparad: {tmp_path / name}"
        )
    assert Calendar.from_ical((tmp_path / "hjul.ics").read_bytes()).walk("VEVENT")
    assert (tmp_path / "hjul.pdf").read_bytes().startswith(b"%PDF")


# -- issue 14, finding 6: where an entry comes from, and rules switched off --------------------


@pytest.fixture
def new_file(tmp_path):
    """A new förbund file with one styrelsemöte: what a user sees first."""
    from finsam_desktop import moten, storage
    from finsam_desktop.model import MoteTyp

    path = tmp_path / "Nytt.finsam"
    with storage.create_file(path, namn="Samordningsförbundet Nytt") as ff:
        moten.nytt_mote(ff, MoteTyp.STYRELSEMOTE, D(2025, 11, 20), "9")
    return path


def _pdf_text(path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True,
                         check=True)  # fmt: skip
    return out.stdout.decode("utf-8")


def _ics_summaries(path) -> list[str]:
    return [str(e["SUMMARY"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]


def test_the_list_and_the_detail_say_which_rule_an_entry_comes_from(window, new_file):
    assert window.open_path(new_file)
    window.show()
    page = window.show_page("arshjul")
    shown = rows(page)
    assert page.tree.headerItem().text(5) == "Källa"
    header = page.tree.header()
    assert header.visualIndex(5) < header.visualIndex(4)  # Källa before Klar
    assert shown["Beredning"].text(5) == "Regel: beredning"
    assert shown["Psykiatriveckan"].text(5) == "Förvald regel"
    assert shown["Styrelsemöte"].text(5) == "Möte"
    assert "regeln ”Beredning före styrelsemöte”" in shown["Beredning"].toolTip(2)
    page._select_key(key_of(page, "beredning:1"))
    assert "regeln ”Beredning före styrelsemöte”" in page.detail.text()
    assert page.rule_off_button.isVisible() and page.rule_off_button.isEnabled()
    page._select_key(key_of(page, "mote:1"))
    assert not page.rule_off_button.isVisible()


def test_a_rule_switched_off_stays_off_and_leaves_the_page_the_pdf_and_the_ics(
    window, new_file, tmp_path, qtbot
):
    assert window.open_path(new_file)
    window.show()
    page = window.show_page("arshjul")
    for key in ("regel:psykiatriveckan", "beredning:1"):
        page._select_key(key_of(page, key))
        qtbot.mouseClick(page.rule_off_button, Qt.MouseButton.LeftButton)
    undo = "&Ångra Stäng av regeln ”Beredning före styrelsemöte” i årshjulet"
    assert window.undo_action.text() == undo
    assert "Psykiatriveckan" not in rows(page) and "Beredning" not in rows(page)
    assert "avstängd" in page.empty.text()

    window.close_file()
    assert window.open_path(new_file)  # closed and opened again: still off
    page = window.show_page("arshjul")
    shown = rows(page)
    assert "Psykiatriveckan" not in shown and "Beredning" not in shown
    assert "Styrelsemöte" in shown and "Årsredovisningen klar" in shown
    assert not any(h.rubrik in ("Psykiatriveckan", "Beredning") for h in page.wheel.entries)
    text = _pdf_text(page.export_pdf(tmp_path / "hjul.pdf"))
    assert "Styrelsemöte" in text and "Årsredovisningen klar" in text
    assert "Psykiatriveckan" not in text and "Beredning" not in text
    page.export_ics(tmp_path / "hjul.ics")
    summaries = _ics_summaries(tmp_path / "hjul.ics")
    assert "Styrelsemöte" in summaries
    assert "Psykiatriveckan" not in summaries and "Beredning" not in summaries

    page.show_rules()  # and on again, from the rules
    rules = page.dialog
    psyk = next(rules.tree.topLevelItem(i) for i in range(rules.tree.topLevelItemCount())
                if rules.tree.topLevelItem(i).text(0) == "Psykiatriveckan")  # fmt: skip
    assert psyk.text(3) == "Nej" and psyk.text(4) == "Förvald"
    beredning = rules.builtin.topLevelItem(0)
    assert beredning.text(0) == "Beredning före styrelsemöte" and beredning.text(3) == "Nej"
    rules.builtin.setCurrentItem(beredning)
    assert rules.toggle_button.text() == "Slå &på"
    rules.toggle()
    assert rules.builtin.topLevelItem(0).text(3) == "Ja"
    rules.close()
    assert "Beredning" in rows(page) and "Psykiatriveckan" not in rows(page)


@pytest.mark.parametrize("size", [(1280, 800), (1440, 900)])
def test_the_columns_fit_the_list_on_a_laptop_screen(page, qtbot, size):
    from PySide6.QtGui import QFontMetrics

    window = page.window()
    window.resize(*size)
    qtbot.waitUntil(lambda: window.size().toTuple() == size)
    tree, header = page.tree, page.tree.header()
    qtbot.waitUntil(lambda: header.length() <= tree.viewport().width())  # nothing off the edge
    fm = QFontMetrics(header.font())
    margin = 2 * tree.style().pixelMetric(tree.style().PixelMetric.PM_HeaderMargin)
    for column in range(tree.columnCount()):
        title = tree.headerItem().text(column)
        assert header.sectionSize(column) >= fm.horizontalAdvance(title) + margin, title
        if column != 2:  # every column but Händelse is as wide as what it holds
            assert header.sectionSize(column) >= tree.sizeHintForColumn(column), title
    assert header.sectionSize(2) >= 150  # Händelse keeps room to be read
    cell = QFontMetrics(tree.font())
    for item in rows(page).values():  # a long Händelse or span of dates wraps, not cut off
        rect = tree.visualItemRect(item)
        for column in (0, 2):
            width = header.sectionSize(column) - 8
            text = item.text(column)
            needed = cell.boundingRect(0, 0, width, 1000, Qt.TextFlag.TextWordWrap, text)
            assert needed.height() <= rect.height() + 2, text
            assert needed.width() <= width, text
    assert "Styrelse och beredning" in rows(page)["Verksamhetsplan och budget beslutade"].toolTip(3)


def test_bara_hjulet_shows_the_wheel_alone_with_every_entry_named(page, qtbot):
    window = page.window()
    window.resize(1440, 900)
    qtbot.waitUntil(lambda: window.size().toTuple() == (1440, 900))
    assert page.legend.isVisible() and not page.wheel.callouts
    qtbot.mouseClick(page.wheel_only, Qt.MouseButton.LeftButton)
    assert not page.list_side.isVisible() and page.legend.isVisible()
    qtbot.waitUntil(lambda: page.wheel.callouts)
    assert page.wheel.named_keys() == {entry_key(h) for h in page.entries}
    qtbot.mouseClick(page.wheel_only, Qt.MouseButton.LeftButton)
    assert page.list_side.isVisible()
    qtbot.waitUntil(lambda: not page.wheel.callouts)
