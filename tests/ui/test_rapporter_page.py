"""The Rapporter page: pick a report and year, edit the förbund's texts, write the PDF in a
worker thread with progress, preview its contents, save it and open it in the viewer."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from fixed_days import DEMO_DAY
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices

from finsam_desktop import rapporttexter


@pytest.fixture
def page(window, filled_path):
    assert window.open_path(filled_path)
    window.show()
    return window.show_page("rapporter")


@pytest.fixture
def demo_page(window, demo_copy):
    path = demo_copy(DEMO_DAY)
    window.today = lambda: DEMO_DAY
    assert window.open_path(path)
    window.show()
    p = window.show_page("rapporter")
    p.today = lambda: DEMO_DAY
    p.report_combo.setCurrentIndex(1)
    p.report_combo.setCurrentIndex(0)  # årsredovisning, with the demo's default year
    return p


def choose(page, code: str) -> None:
    page.report_combo.setCurrentIndex(page.report_combo.findData(code))


def test_the_page_offers_the_three_reports_with_the_years_they_are_due(page):
    labels = [page.report_combo.itemText(i) for i in range(page.report_combo.count())]
    assert labels == ["Årsredovisning", "Delårsrapport", "Verksamhetsplan med budget"]
    assert page.year == 2024  # the latest bokslut
    assert not page.date_edit.isVisible()
    choose(page, "delarsrapport")
    assert page.date_edit.isVisible() and page.date == dt.date(2025, 8, 31)
    choose(page, "verksamhetsplan")
    assert page.year == 2025  # the latest budget year
    assert not page.save_button.isEnabled() and not page.open_button.isEnabled()


def test_the_sections_of_the_chosen_report_are_listed_for_editing(page):
    names = [page.section_list.item(i).text() for i in range(page.section_list.count())]
    assert names == [a.rubrik for a in rapporttexter.AVSNITT["arsredovisning"]]


def test_a_text_typed_is_saved_for_the_year_and_starts_the_next_year(page, qtbot):
    page.section_list.setCurrentRow(3)  # Verksamhetsidé och vision
    page.editor.setPlainText("Ingen ska falla mellan stolarna.\n\n- unga vuxna")
    assert page.save_text_button.isEnabled()
    page.save_text_button.click()
    assert rapporttexter.hamta(page.ff, "arsredovisning", 2024, "vision").text.startswith("Ingen")
    assert page.ff.undo_label == "Ändra text: Verksamhetsidé och vision 2024"
    page.year_spin.setValue(2025)
    page.section_list.setCurrentRow(3)
    assert page.editor.toPlainText().startswith("Ingen ska falla")
    assert "från 2024" in page.origin_label.text()


def test_moving_to_another_section_keeps_what_was_typed(page):
    page.section_list.setCurrentRow(0)
    page.editor.setPlainText("Inledningen.")
    page.section_list.setCurrentRow(1)
    assert rapporttexter.hamta(page.ff, "arsredovisning", 2024, "inledning").text == "Inledningen."


def test_writing_the_pdf_runs_in_the_background_and_shows_the_contents(demo_page, qtbot):
    page = demo_page
    assert page.year == 2025
    with qtbot.waitSignal(page.report_ready, timeout=20000) as ready:
        page.build_button.click()
        assert not page.build_button.isEnabled()  # one build at a time
    data = ready.args[0]
    assert data.startswith(b"%PDF")
    qtbot.waitUntil(lambda: page.build_button.isEnabled())
    shown = [page.preview.item(i).text() for i in range(page.preview.count())]
    assert any(s.startswith("Förvaltningsberättelse  ·  sida 3") for s in shown)
    assert any("Styrelsens underskrifter" in s for s in shown)
    assert "Årsredovisning 2025 är skriven" in page.status.text()
    assert "utkast" not in page.status.text()
    assert page.save_button.isEnabled() and page.open_button.isEnabled()
    # another report chosen: nothing said about the one no longer shown (issue 18.10)
    choose(page, "verksamhetsplan")
    assert page.status.text() == ""
    assert not page.save_button.isEnabled()


def test_the_written_report_is_shown_page_by_page_and_a_heading_brings_its_page(demo_page, qtbot):
    page = demo_page
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.build_button.click()
    qtbot.waitUntil(lambda: page.build_button.isEnabled())
    pages = page.pages_view.pages
    said = re.search(r"(\d+) sidor", page.status.text())
    assert said and len(pages) == int(said[1])  # every page the report says it has
    # the pictures are drawn one a time at idle, the top of the report first
    qtbot.waitUntil(lambda: not pages[0].pixmap().isNull(), timeout=2000)
    first = pages[0].pixmap().toImage()
    assert first.width() > 400 and first.height() > first.width()  # an A4 page, portrait
    # the cover is not blank: some pixels are darker than the paper
    dark = sum(
        1
        for x in range(0, first.width(), 7)
        for y in range(0, first.height(), 7)
        if first.pixelColor(x, y).lightness() < 128
    )
    assert dark > 50
    page.pages_view.resize(600, 500)
    heading = next(
        i
        for i in range(page.preview.count())
        if page.preview.item(i).text().startswith("Resultaträkning")
    )
    page.preview.setCurrentRow(heading)
    number = page.preview.item(heading).data(Qt.ItemDataRole.UserRole)
    assert number > 1
    assert page.pages_view.verticalScrollBar().value() == pages[number - 1].y()
    qtbot.waitUntil(lambda: not pages[number - 1].pixmap().isNull(), timeout=2000)


def test_a_report_that_does_not_reconcile_says_it_is_a_draft(demo_page, qtbot):
    page = demo_page
    with page.ff.write("Fel") as db:
        db.execute("UPDATE bokslut SET kassa_och_bank_ore = 1 WHERE ar = 2025")
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.build_button.click()
    qtbot.waitUntil(lambda: page.build_button.isEnabled())
    assert "utkast" in page.status.text()


def test_a_saved_report_is_the_pdf_and_opens_in_the_system_viewer(
    demo_page, qtbot, tmp_path, monkeypatch
):
    page = demo_page
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        page.build_button.click()
    qtbot.waitUntil(lambda: page.build_button.isEnabled())
    assert page.suggested_name() == "Årsredovisning 2025 – Samordningsförbundet Norrådalen.pdf"
    target = tmp_path / "ut" / "AR"
    target.parent.mkdir()
    page.save_to(target)
    assert (tmp_path / "ut" / "AR.pdf").read_bytes() == page.pdf
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    page.open_report()
    assert opened and opened[0].toLocalFile().endswith("AR.pdf")


def test_a_delarsrapport_date_without_a_whole_month_is_explained(demo_page, qtbot):
    page = demo_page
    choose(page, "delarsrapport")
    page.date_edit.setDate(page.date_edit.date().addMonths(-7).addDays(-16))  # 15 January
    assert page.date.month == 1
    with qtbot.waitSignal(page.report_failed, timeout=20000) as failed:
        page.build_button.click()
    qtbot.waitUntil(lambda: page.build_button.isEnabled())
    assert "ingen hel månad" in failed.args[0]
    assert page.pdf is None


@pytest.mark.parametrize("year", [2004, 2099])  # 2004: the year box goes no lower
def test_a_year_the_file_has_nothing_for_is_refused_with_the_years_it_has(demo_page, qtbot, year):
    page = demo_page
    page.year_spin.setValue(year)
    with qtbot.waitSignal(page.report_failed, timeout=20000) as failed:
        page.build_button.click()
    qtbot.waitUntil(lambda: page.build_button.isEnabled())
    assert re.fullmatch(
        rf"Året {year} finns inte i Demo\.finsam: filen har åren \d{{4}}–\d{{4}}\. "
        r"Välj ett av de åren\.",
        failed.args[0],
    )
    assert page.status.text() == failed.args[0]
    assert page.pdf is None


def test_a_file_opened_read_only_can_write_reports_but_not_texts(window, filled_path):
    assert window.open_path(filled_path, read_only=True)
    window.show()
    page = window.show_page("rapporter")
    assert page.build_button.isEnabled()
    assert page.editor.isReadOnly()
    assert not page.save_text_button.isEnabled()


def test_the_unit_follows_the_forbunds_setting_until_chosen_per_report(page):
    assert page.unit_combo.currentData() == "tkr"
    page.unit_combo.setCurrentIndex(1)
    page.unit_combo.activated.emit(1)
    choose(page, "verksamhetsplan")
    assert page.unit_combo.currentData() == "tkr"  # another report keeps its own
    choose(page, "arsredovisning")
    assert page.unit_combo.currentData() == "kr"


def test_a_logo_is_stored_in_the_file_and_a_non_image_is_refused(page, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(bytes.fromhex(LOGO))
    page.set_logo(logo)
    assert rapporttexter.logotyp(page.ff) == logo.read_bytes()
    assert page.remove_logo_button.isEnabled()
    text = tmp_path / "logo.txt"
    text.write_text("ingen bild")
    page.set_logo(text)
    assert "PNG- eller JPEG" in page.status.text()
    assert rapporttexter.logotyp(page.ff) == logo.read_bytes()
    page.remove_logo()
    assert rapporttexter.logotyp(page.ff) is None
    assert not page.remove_logo_button.isEnabled()


LOGO = (
    "89504e470d0a1a0a0000000d49484452000000280000001408020000007024e8ec0000002749444154789c63"
    "94f7ab641808c03420b68e5a3c6af1a8c5a3168f5a3c6af1a8c5a3160f080000431d010e8ab6ca610000000049"
    "454e44ae426082"
)


def test_a_material_deviation_has_a_section_for_its_comment_and_a_finding_leads_there(
    demo_page, window, qtbot
):
    from finsam_desktop import avvikelser
    from finsam_desktop.check import Finding

    page = demo_page
    choose(page, "arsredovisning")
    page.year_spin.setValue(DEMO_DAY.year - 1)
    rows = [page.section_list.item(i).text() for i in range(page.section_list.count())]
    assert rows[-1] == "Avvikelse: Språk och arbete (124,8\u00a0tkr, 26\u00a0%)"
    key = "avvikelse:insatser:Språk och arbete"
    page.section_list.setCurrentRow(len(rows) - 1)
    assert page.editor.toPlainText().startswith("Insatsen startade i mars")
    page.editor.setPlainText("Starten sköts upp till mars.")
    page.section_list.setCurrentRow(0)  # moving on keeps what was typed
    assert avvikelser.kommentar(page.ff, DEMO_DAY.year - 1, key) == "Starten sköts upp till mars."
    # next year the comment is empty: last year's reasons are not carried over
    page.year_spin.setValue(DEMO_DAY.year)
    assert (
        all(page.section_list.item(i).data(256) != key for i in range(page.section_list.count()))
        or not page.editor.toPlainText()
    )
    # a finding about a missing comment opens its section
    window.show_page("oversikt")
    finding = Finding("avvikelse_utan_kommentar", "…", "varning", "rapporttext", key,
                      DEMO_DAY.year - 1)  # fmt: skip
    window.go_to_finding(finding)
    assert window.current_page() is page
    assert page.rapport == "arsredovisning" and page.year == DEMO_DAY.year - 1
    assert page.section_list.currentItem().data(256) == key
    assert page.editor.toPlainText() == "Starten sköts upp till mars."
