"""Hjälp: the handbook opens from the menu, F1, the welcome page and the demo's banner, which
says what the demo is and leads to the förbund's own file."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from ui import app as app_module
from ui.help import chapters

#: What the issue asks the handbook to explain, each a chapter of its own.
REQUIRED = ["Kom igång", "Så fungerar året i programmet", "Arbetsboken", "Rapporter",
            "Säkerhetskopior och ångra"]  # fmt: skip


def test_the_shipped_handbook_has_the_chapters_a_new_user_needs():
    titles = [c.title for c in chapters()]
    for title in REQUIRED:
        assert title in titles
    assert len(titles) == len(set(titles))
    for chapter in chapters():
        assert len(chapter.markdown.split()) > 40, f"{chapter.title} är nästan tomt"


def test_chapters_split_on_second_level_headings_only():
    text = "# Bok\n\nInledning\n\n## Ett\n\nA\n\n### Under\n\nB\n\n## Två\n\nC\n"
    assert [(c.title, c.markdown) for c in chapters(text)] == [
        ("Ett", "# Ett\n\nA\n\n### Under\n\nB\n"),
        ("Två", "# Två\n\nC\n"),
    ]


def test_every_shortcut_the_handbook_lists_is_one_the_window_has(window):
    table = next(c for c in chapters() if c.title == "Kortkommandon").markdown
    listed = {
        line.split("|")[1].strip()
        for line in table.splitlines()
        if line.startswith("| Ctrl") or line.startswith("| F1")
    }
    native = {
        keys.toString(QKeySequence.SequenceFormat.PortableText)
        for a in window.findChildren(type(window.undo_action))
        for keys in a.shortcuts()
    }
    for keys in listed - {"Ctrl+1 … Ctrl+9"}:
        assert keys.replace("Skift", "Shift") in native, keys
    assert {f"Ctrl+{n}" for n in range(1, 9)} <= native


def test_help_menu_and_f1_open_the_handbook(window, qtbot):
    helpmenu = next(m for m in window.menuBar().actions() if m.text() == "&Hjälp").menu()
    texts = [a.text() for a in helpmenu.actions() if not a.isSeparator()]
    assert texts[:2] == ["&Handbok", "&Kom igång"]
    assert window.handbook_action.shortcut() == QKeySequence(QKeySequence.StandardKey.HelpContents)
    window.show()
    window.handbook_action.trigger()
    handbook = window.handbook
    assert handbook is not None and handbook.isVisible()
    assert handbook.windowTitle() == "Handbok – Finsam Desktop"
    assert handbook.chapter_shown == "Kom igång"
    handbook.contents.setCurrentRow(
        [c.title for c in handbook.chapters].index("Säkerhetskopior och ångra")
    )
    shown = handbook.text.toPlainText()
    assert "säkerhetskopior" in shown and "Ctrl+Z" in shown
    window.getting_started_action.trigger()
    assert window.handbook is handbook, "one handbook window, not one per click"
    assert handbook.chapter_shown == "Kom igång"


def test_the_welcome_page_leads_to_the_handbook(window, qtbot):
    window.show()
    assert window.central.currentWidget() is window.welcome
    qtbot.mouseClick(window.welcome.help_button, Qt.MouseButton.LeftButton)
    assert window.handbook is not None and window.handbook.isVisible()
    assert window.handbook.chapter_shown == "Kom igång"


def test_the_first_start_says_it_is_the_demo_and_how_to_begin_ones_own(
    settings, qtbot, today, monkeypatch
):
    window = app_module.start(None, settings, today=lambda: today)
    qtbot.addWidget(window)
    window.show()
    banner = window.demo_banner
    assert banner.isVisible()
    said = banner.label.text()
    assert "demoförbundet" in said and "påhittade" in said and "ny förbundsfil" in said
    asked = []
    monkeypatch.setattr(window, "new_file", lambda: asked.append("ny"))  # its dialog: elsewhere
    qtbot.mouseClick(banner.new_button, Qt.MouseButton.LeftButton)
    assert asked == ["ny"]
    qtbot.mouseClick(banner.help_button, Qt.MouseButton.LeftButton)
    assert window.handbook.chapter_shown == "Kom igång"
    window.close()


def test_the_förbunds_own_file_shows_no_demo_banner(opened):
    assert not opened.demo_banner.isVisible()
    assert opened.stack.isVisible()
