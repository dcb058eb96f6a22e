"""The main window: title, navigation, pages that follow the file, remembered state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from finsam_desktop.storage import OpenOptions, create_file, open_file
from ui.file_session import KEY_LAST_FILE, KEY_RECENT, MAX_RECENT, settings_list
from ui.main_window import KEY_PAGE, MainWindow, window_title


def test_the_title_names_the_forbund_the_file_and_the_app(opened):
    assert opened.windowTitle() == ("Samordningsförbundet Norrby – Norrby.finsam – Finsam Desktop")


def test_a_read_only_file_says_so_in_the_title(window, filled_path):
    assert window.open_path(filled_path, read_only=True)
    assert window.windowTitle().endswith("Finsam Desktop (skrivskyddad)")
    assert (
        window_title("X", Path("x.finsam"), True) == "X – x.finsam – Finsam Desktop (skrivskyddad)"
    )


def test_with_no_file_the_title_is_the_apps_name_and_the_welcome_page_shows(window):
    assert window.windowTitle() == "Finsam Desktop"
    assert window.central.currentWidget() is window.welcome
    assert not window.export_action.isEnabled()


def test_the_navigation_lists_every_page_in_order_with_accessible_names(opened):
    nav = opened.navigation
    titles = [nav.item(i).text() for i in range(nav.count())]
    assert titles == [
        "Översikt",
        "Insatser",
        "Styrelse",
        "Möten",
        "Arvoden",
        "Budget",
        "Mål",
        "Årshjul",
        "Rapporter",
    ]
    assert nav.accessibleName() == "Navigering"
    assert nav.focusPolicy() & Qt.FocusPolicy.TabFocus
    for page in opened.pages:
        assert page.accessibleName() == page.title


def test_every_page_is_reachable_by_keyboard_shortcut(opened, qtbot):
    for number, page in enumerate(opened.pages, start=1):
        action = opened.page_actions[number - 1]
        assert action.shortcut() == QKeySequence(f"Ctrl+{number}")
        action.trigger()
        assert opened.stack.currentWidget() is page
        assert opened.navigation.currentRow() == number - 1


def test_arrow_keys_in_the_navigation_change_the_page(opened, qtbot):
    opened.navigation.setCurrentRow(0)
    opened.navigation.setFocus()
    qtbot.keyClick(opened.navigation, Qt.Key.Key_Down)
    assert opened.current_page().key == "insatser"


def test_tab_goes_from_the_navigation_through_the_pages_controls_and_back(opened, qtbot):
    from PySide6.QtWidgets import QApplication

    opened.show_page("insatser")
    opened.activateWindow()
    opened.navigation.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is opened.navigation)
    names = []
    for _ in range(7):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        names.append(QApplication.focusWidget().accessibleName())
    assert names == [
        "År", "Status", "Typ", "Insatser", "Öppna vald insats", "Ny insats", "Navigering"
    ]  # fmt: skip


def test_opening_the_open_file_again_keeps_it_open(opened, filled_path):
    ff = opened.ff
    assert opened.open_path(filled_path)
    assert opened.ff is ff and ff.conn is not None


def test_every_page_shows_the_files_content(opened, today):
    oversikt = opened.show_page("oversikt")
    assert oversikt.title_label.text() == "Samordningsförbundet Norrby"
    assert "222000-2063" in oversikt.subtitle.text()
    assert oversikt.beviljat.value.text() == "1\u00a0900\u00a0000\u00a0kr"
    assert oversikt.forbrukat.value.text() == "950\u00a0000\u00a0kr"
    assert oversikt.eget_kapital.label.text() == "Eget kapital 2024-12-31"
    assert "30\u00a0%" in oversikt.eget_kapital.note.text()  # 900 000 / 3 000 000
    assert "Över taket" in oversikt.eget_kapital.note.text()  # the ceiling is 20 %

    insatser = opened.show_page("insatser")
    names = {insatser.proxy.index(r, 0).data() for r in range(insatser.proxy.rowCount())}
    assert names == {"Steget vidare", "Öppna dörrar"}  # the ones of 2025
    assert "2 insatser" in insatser.summary.text()

    styrelse = opened.show_page("styrelse")
    assert styrelse.model.rowCount() == 3
    assert "Ordförande: Anna Ek (Region Norr)" in styrelse.summary.text()
    assert "Gunnar Revisor" in styrelse.revisorer.text()

    moten = opened.show_page("moten")
    assert moten.year_combo.currentText() == str(today.year)
    assert moten.model.rowCount() == 4

    budget = opened.show_page("budget")
    assert budget.version_combo.currentText().startswith("2025 – Verksamhetsplan 2025")
    rows = [line.rad["text"] for line in budget.model.lines if line.rad]  # the budget grid
    assert rows[:2] == ["Försäkringskassan", "Region Norr"] and len(rows) == 5

    arshjul = opened.show_page("arshjul")
    tree = arshjul.tree
    months = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    assert months[0].text(0) == "Januari 2025"  # holidays and rules fill every month now
    entries = [m.child(j) for m in months for j in range(m.childCount())]
    texts = [e.text(2) for e in entries]
    assert "Psykiatriveckan" in texts  # a yearly entry first set in 2024
    assert "Planeringsdag" in texts
    psykiatriveckan = next(e for e in entries if e.text(2) == "Psykiatriveckan")
    assert psykiatriveckan.text(0) == "2025-11-04 – 2025-11-07"
    assert psykiatriveckan.text(1) == "45"

    rapporter = opened.show_page("rapporter")
    assert rapporter.export_button.isEnabled()


def test_a_write_to_the_file_refreshes_the_visible_page(opened, qtbot):
    page = opened.show_page("insatser")
    with opened.ff.write("Ny insats") as db:
        db.execute(
            "INSERT INTO insats (namn, typ, status, start) "
            "VALUES ('Nya vägar', 'individinriktad', 'pagaende', '2025-03-01')"
        )
    names = {page.proxy.index(r, 0).data() for r in range(page.proxy.rowCount())}
    assert "Nya vägar" in names


def test_a_hidden_page_reads_the_file_again_only_when_shown(opened):
    moten = opened.pages_by_key["moten"]
    opened.show_page("oversikt")
    before = moten.refresh_count
    with opened.ff.write("Nytt möte") as db:
        db.execute("INSERT INTO mote (typ, datum, plats) VALUES ('beredning', '2025-12-01', 'X')")
    assert moten.refresh_count == before
    opened.show_page("moten")
    assert moten.refresh_count == before + 1
    assert moten.model.rowCount() == 5


def test_the_title_follows_a_change_of_the_forbunds_name(opened):
    with opened.ff.write("Byt namn") as db:
        db.execute("UPDATE forbund SET namn = 'Finsam Norrby'")
    assert opened.windowTitle().startswith("Finsam Norrby – ")


def test_pages_drop_their_subscription_when_the_file_is_closed(opened, filled_path):
    ff = opened.ff
    pages = opened.pages  # builds every page
    assert len(ff._listeners) == len(pages) + 1  # every page and the window
    opened.close_file()
    assert ff._listeners == []
    assert opened.windowTitle() == "Finsam Desktop"


def test_a_page_that_goes_drops_its_subscription(app, filled_path, qtbot):
    from ui.pages.moten import MotenPage

    with open_file(filled_path, OpenOptions(read_only=True)) as ff:
        page = MotenPage()
        page.set_file(ff)
        assert len(ff._listeners) == 1
        page.deleteLater()
        qtbot.waitUntil(lambda: ff._listeners == [])


def test_opening_another_file_closes_the_first(opened, tmp_path):
    first = opened.ff
    other = tmp_path / "Annat.finsam"
    create_file(other, namn="Samordningsförbundet Annat").close()
    assert opened.open_path(other)
    assert first.conn is None  # closed, its lock released
    assert opened.windowTitle().startswith("Samordningsförbundet Annat – ")


def test_the_last_file_and_the_recent_files_are_remembered(opened, settings, filled_path, tmp_path):
    assert settings.value(KEY_LAST_FILE) == str(filled_path.resolve())
    for i in range(MAX_RECENT + 2):
        path = tmp_path / f"F{i}.finsam"
        create_file(path, namn=f"Förbund {i}").close()
        assert opened.open_path(path)
    recent = settings_list(settings, KEY_RECENT)
    assert len(recent) == MAX_RECENT
    assert recent[0] == str((tmp_path / f"F{MAX_RECENT + 1}.finsam").resolve())
    opened._fill_recent_menu()
    texts = [a.text() for a in opened.recent_menu.actions() if a.text()]
    assert texts[0] == f"&1 F{MAX_RECENT + 1}.finsam"
    assert texts[-1] == "&Töm listan"


def test_the_last_page_and_the_geometry_are_remembered(settings, filled_path, qtbot, today):
    first = MainWindow(settings, today=lambda: today)
    qtbot.addWidget(first)
    first.open_path(filled_path)
    first.show_page("budget")
    first.resize(760, 560)  # the offscreen screen is 800 × 600
    first.close()
    assert settings.value(KEY_PAGE) == "budget"

    second = MainWindow(settings, today=lambda: today)
    qtbot.addWidget(second)
    assert second.current_page().key == "budget"
    assert (second.width(), second.height()) == (760, 560)
    second.close()


def test_the_menus_hold_the_arkiv_actions_with_their_shortcuts(opened):
    menus = {a.text(): a.menu() for a in opened.menuBar().actions()}
    assert list(menus) == ["&Arkiv", "&Redigera", "&Visa", "&Hjälp"]
    arkiv = [a.text() for a in menus["&Arkiv"].actions() if not a.isSeparator()]
    assert arkiv == [
        "&Ny förbundsfil…", "&Öppna…", "Senast ö&ppnade", "&Förbundets uppgifter…",
        "Förbundets ins&tällningar…", "&Importera arbetsbok…",
        "&Exportera arbetsbok…", "&Säkerhetskopior…", "&Stäng förbundsfilen", "&Avsluta",
    ]  # fmt: skip
    assert opened.open_action.shortcut() == QKeySequence("Ctrl+O")
    assert opened.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    hjalp = [a.text() for a in menus["&Hjälp"].actions()]
    assert hjalp == ["&Handbok", "&Kom igång", "", "&Om Finsam Desktop"]


def test_the_beslutslogg_is_in_the_visa_menu(opened):
    """Issue 18.10: it was only reachable from a button on Möten."""
    menus = {a.text(): a.menu() for a in opened.menuBar().actions()}
    visa = [a for a in menus["&Visa"].actions() if not a.isSeparator()]
    assert visa[-1] is opened.beslutslogg_action
    assert opened.beslutslogg_action.shortcut() == QKeySequence("Ctrl+Shift+B")
    opened.beslutslogg_action.trigger()
    page = opened.current_page()
    assert page.key == "moten"
    assert page.views.currentWidget() is page.log


def test_the_overview_stacks_its_cards_on_a_narrow_window(app, qtbot, filled_path, today):
    from PySide6.QtWidgets import QBoxLayout

    from ui.pages.oversikt import OversiktPage

    with open_file(filled_path, OpenOptions(read_only=True)) as ff:
        page = OversiktPage(lambda: today)
        qtbot.addWidget(page)
        page.set_file(ff)
        page.resize(1200, 700)
        page.show()
        qtbot.waitUntil(lambda: page.narrow is False)
        assert page.columns.direction() == QBoxLayout.Direction.LeftToRight
        page.resize(700, 700)
        qtbot.waitUntil(lambda: page.narrow is True)
        assert page.columns.direction() == QBoxLayout.Direction.TopToBottom
        assert page.figures_grid.getItemPosition(page.figures_grid.indexOf(page.kvar))[:2] == (
            1,
            0,
        )
        page.set_file(None)


def test_opening_the_demo_reads_it_on_the_shown_page_only_and_other_pages_when_shown(
    settings, qtbot, today
):
    from ui import app as app_module

    window = app_module.start(None, settings, today=lambda: today)  # the first start: the demo
    qtbot.addWidget(window)
    window.show()
    nav = window.navigation
    assert [nav.item(i).text() for i in range(nav.count())] == [
        "Översikt", "Insatser", "Styrelse", "Möten", "Arvoden", "Budget", "Mål", "Årshjul",
        "Rapporter"
    ]  # fmt: skip
    shown = window.current_page()
    assert shown.key == "oversikt" and shown.refresh_count == 1
    assert [page.key for page in window.pages_by_key.built()] == ["oversikt"]
    assert len(window.ff._listeners) == 2  # Översikt and the window, no page kept out of sight

    window.page_actions[1].trigger()  # Ctrl+2
    insatser = window.current_page()
    assert insatser.key == "insatser" and insatser.isVisible()
    assert insatser.refresh_count == 1
    names = {insatser.proxy.index(r, 0).data() for r in range(insatser.proxy.rowCount())}
    assert names and names <= {r["namn"] for r in window.ff.query("SELECT namn FROM insats")}
    assert shown.refresh_count == 1  # Översikt was not read again
    window.close()


def test_arshjul_is_made_at_idle_after_the_first_paint_and_shown_without_reading_again(
    opened, qtbot
):
    """Its wheel and list are the slowest page to make: made out of sight when the window
    has painted and is idle, the first switch only shows them; a change meanwhile is read
    when it is shown, once."""
    import gc

    from finsam_desktop import arshjul
    from finsam_desktop.model import Ring, Upprepning

    qtbot.waitUntil(lambda: opened.pages_by_key.built_page("arshjul") is not None)
    page = opened.pages_by_key.built_page("arshjul")
    qtbot.waitUntil(lambda: page.refresh_count == 1)
    assert not page.isVisible() and not page.stale
    # and what start-up made is left out of the garbage collector's full walks (which held
    # the interpreter 50-60 ms while a report was written in the background)
    assert gc.get_freeze_count() > 0
    assert opened.show_page("arshjul") is page and page.refresh_count == 1
    shown = [page.tree.topLevelItem(i).text(0) for i in range(page.tree.topLevelItemCount())]
    assert shown and page.entries == arshjul.entries(opened.ff, page.period, page.rings())
    opened.show_page("oversikt")
    arshjul.save_post(
        opened.ff, None, ring=Ring.EGNA, rubrik="Egen post vid sidan",
        datum=opened.today().replace(day=1), slut=None, upprepning=Upprepning.INGEN,
    )  # fmt: skip
    assert page.stale and page.refresh_count == 1
    opened.show_page("arshjul")
    assert page.refresh_count == 2
    assert any(h.rubrik == "Egen post vid sidan" for h in page.entries)


def test_a_page_asked_for_by_key_is_built_and_reads_the_file_when_first_shown(opened):
    assert opened.pages_by_key.built_page("moten") is None
    moten = opened.pages_by_key["moten"]
    assert opened.pages_by_key["moten"] is moten  # built once
    assert not moten.isVisible() and moten.refresh_count == 0 and moten.stale
    assert opened.show_page("moten") is moten
    assert moten.refresh_count == 1 and not moten.stale
    assert moten.model.rowCount() == 4


def test_a_page_made_current_before_the_window_is_shown_reads_at_once(window, filled_path):
    assert window.open_path(filled_path)
    styrelse = window.show_page("styrelse")
    assert styrelse.refresh_count == 1
    assert styrelse.model.rowCount() == 3
    window.show()
    assert styrelse.refresh_count == 1  # not read again when painted


def test_a_page_on_its_own_reads_its_file_at_once(app, filled_path, qtbot, today):
    from ui.pages.moten import MotenPage

    with open_file(filled_path, OpenOptions(read_only=True)) as ff:
        page = MotenPage(lambda: today)
        qtbot.addWidget(page)
        page.set_file(ff)
        assert page.refresh_count == 1 and page.model.rowCount() == 4
        page.set_file(None)


def test_an_insats_left_open_behind_another_page_opens_when_its_page_is_shown(
    opened, settings, filled_path, qtbot, today
):
    opened.show_page("insatser").open_insats(2)
    opened.show_page("oversikt")
    opened.close()

    for _ in range(2):  # closed again before Insatser was shown, the insats is still kept
        again = MainWindow(settings, today=lambda: today)
        qtbot.addWidget(again)
        assert again.open_path(filled_path)
        again.show()
        assert again.current_page().key == "oversikt"
        assert again.pages_by_key.built_page("insatser") is None
        again.close()

    again = MainWindow(settings, today=lambda: today)
    qtbot.addWidget(again)
    assert again.open_path(filled_path)
    again.show()
    page = again.show_page("insatser")
    assert page.views.currentWidget() is page.form
    assert page.form.insats.id == 2
    again.close()
