"""Starting the app: the demo on first start, the last file after that, Swedish throughout."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from finsam_desktop.demo import NAMN as DEMO_NAME
from ui import app as app_module
from ui.file_session import KEY_LAST_FILE
from ui.main_window import AFTER_PAINT_AT_LATEST_MS
from ui.paths import DEMO_FILE_NAME, app_settings


@pytest.fixture
def started(settings, qtbot, today):
    windows = []

    def start(path: Path | None = None):
        window = app_module.start(path, settings, today=lambda: today)
        qtbot.addWidget(window)
        windows.append(window)
        return window

    yield start
    for window in windows:
        window.close()


def test_the_first_start_writes_the_demo_into_the_data_folder_and_opens_it(started, data_dir):
    window = started()
    demo = data_dir / DEMO_FILE_NAME
    assert demo.exists()
    assert window.ff is not None and window.ff.path == demo
    assert window.windowTitle() == f"{DEMO_NAME} – {DEMO_FILE_NAME} – Finsam Desktop"


def test_the_demo_is_remembered_as_the_last_file(started, settings, data_dir):
    started().close()
    assert Path(settings.value(KEY_LAST_FILE)) == (data_dir / DEMO_FILE_NAME).resolve()


def test_the_next_start_opens_the_last_file_not_a_new_demo(started, filled_path, data_dir):
    started(filled_path).close()
    window = started()
    assert window.ff.path.resolve() == filled_path.resolve()
    assert not (data_dir / DEMO_FILE_NAME).exists()


def test_a_file_named_at_start_wins_over_the_last_file(started, filled_path, settings):
    settings.setValue(KEY_LAST_FILE, "/någonstans/annat.finsam")
    window = started(filled_path)
    assert window.ff.path == filled_path


def test_settings_and_data_stay_in_the_folder_the_environment_names(settings, data_dir):
    assert Path(settings.fileName()).parent == data_dir
    assert app_settings().fileName() == settings.fileName()


def test_every_page_shows_demo_content(started, today):
    window = started()
    window.show()
    for page in window.pages:
        assert window.show_page(page.key) is page
        assert window.stack.currentWidget() is page
    oversikt = window.pages_by_key["oversikt"]
    assert oversikt.title_label.text() == DEMO_NAME
    assert oversikt.beviljat.value.text().endswith("kr")
    assert oversikt.members_grid.count() > 3
    assert window.pages_by_key["insatser"].proxy.rowCount() > 0
    assert window.pages_by_key["styrelse"].model.rowCount() > 0
    assert window.pages_by_key["moten"].model.rowCount() > 0
    assert window.pages_by_key["budget"].model.rowCount() > 0
    assert window.pages_by_key["arshjul"].tree.topLevelItemCount() > 0
    assert window.pages_by_key["rapporter"].export_button.isEnabled()


def test_the_demo_passes_its_checks_without_an_error_on_the_overview(started, qtbot):
    window = started()
    oversikt = window.pages_by_key["oversikt"]
    qtbot.waitUntil(lambda: not oversikt.checking)  # the checks run in the background
    assert oversikt.finding_buttons or oversikt.findings_grid.count()  # and were shown
    findings = oversikt.findings
    assert all(f.severity != "fel" for f in findings)


def test_the_shipped_fonts_are_loaded_and_swedish_is_the_default_locale(app):
    assert len(app_module.load_fonts()) == 2
    assert "DejaVu Sans" in QFontDatabase.families()
    assert QLocale().language() == QLocale.Language.Swedish
    assert QApplication.applicationName() == "Finsam Desktop"
    assert QApplication.organizationName() == "Finsam Desktop"
    assert not QApplication.windowIcon().isNull()


def test_qts_own_buttons_speak_swedish(app):
    from PySide6.QtWidgets import QDialogButtonBox

    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "Avbryt"
    box.deleteLater()


def test_run_starts_the_app_and_quits_cleanly_when_the_window_closes(app, filled_path, data_dir):
    QTimer.singleShot(200, QApplication.closeAllWindows)
    hook_before = sys.excepthook
    assert app_module.run(filled_path) == 0
    assert sys.excepthook is hook_before
    assert "startar" in (data_dir / "logg" / "finsam.log").read_text(encoding="utf-8")
    assert logging.getLogger("finsam_desktop").handlers == []


def test_start_up_to_the_first_paint_does_not_import_what_only_other_pages_need(
    demo_copy, today, data_dir
):
    """openpyxl, ReportLab, the holidays and python-stdnum are loaded when first needed."""
    demo = demo_copy(today)
    code = textwrap.dedent(
        f"""
        import datetime as dt
        import sys
        from pathlib import Path
        from ui import app
        application = app.make_application(sys.argv[:1])
        day = dt.date.fromisoformat({today.isoformat()!r})
        window = app.start(Path({str(demo)!r}), today=lambda: day)
        window.show()
        application.processEvents()
        assert window.current_page().refresh_count == 1
        late = ("openpyxl", "reportlab", "holidays", "stdnum")
        print(sorted(m for m in late if m in sys.modules))
        window.close()
        """
    )
    here = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FINSAM_DATA_DIR": str(data_dir)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=here, env=env
    )
    assert out.stdout.strip() == "[]"


def test_a_data_folder_that_cannot_be_written_leaves_the_welcome_page_and_a_message(
    settings, qtbot, tmp_path, monkeypatch, today
):
    def refuse(path, *, today=None):
        raise PermissionError(13, "Åtkomst nekad", str(path))

    monkeypatch.setattr("finsam_desktop.demo.create_demo", refuse)
    window = app_module.start(None, settings, today=lambda: today)
    qtbot.addWidget(window)
    assert window.ff is None
    assert window.central.currentWidget() is window.welcome
    assert "Demoförbundet kunde inte skapas" in window.statusBar().currentMessage()
    window.close()


def test_a_terminate_signal_closes_the_window_and_the_file_the_normal_way(
    app, filled_path, settings
):
    import signal

    QTimer.singleShot(300, lambda: signal.raise_signal(signal.SIGTERM))
    assert app_module.run(filled_path) == 0
    assert Path(settings.value(KEY_LAST_FILE)) == filled_path.resolve()
    assert not (filled_path.parent / (filled_path.name + ".lock")).exists()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL


def test_a_terminate_signal_inside_a_paint_closes_the_window_after_the_paint(
    app, filled_path, settings, monkeypatch, qtlog
):
    """Python runs a signal handler between any two bytecodes, here inside the window's
    paint of its file (a logout at that moment): the window is closed by the event loop
    after the paint, not inside it, and the file and its lock go as after any close."""
    import signal

    from ui.main_window import MainWindow

    painted = MainWindow.paintEvent
    sent = []

    def paint_then_signal(window, event):
        painted(window, event)
        if window.ff is not None and not sent:
            sent.append(True)
            signal.raise_signal(signal.SIGTERM)  # the handler runs here, in the paint
            sent.append(window.isVisible())  # and the window is still shown after it

    monkeypatch.setattr(MainWindow, "paintEvent", paint_then_signal)
    never_closed = QTimer()  # a window that did not close would end the test here
    never_closed.setSingleShot(True)
    never_closed.timeout.connect(app.quit)
    never_closed.start(20_000)
    try:
        assert app_module.run(filled_path) == 0
    finally:
        never_closed.stop()
    assert sent == [True, True]
    assert not (filled_path.parent / (filled_path.name + ".lock")).exists()
    assert Path(settings.value(KEY_LAST_FILE)) == filled_path.resolve()
    drawn_after_close = [r.message for r in qtlog.records if "does not have a handle" in r.message]
    assert drawn_after_close == []


def test_a_terminate_signal_while_a_dialog_is_open_still_ends_the_app(demo_copy, today, data_dir):
    """A logout while a question of the window is open: the window closes the normal way
    and the dialog does not keep the app running (in its own process: the app's end ends
    every event loop)."""
    demo = demo_copy(today)
    code = textwrap.dedent(
        f"""
        import signal, sys
        from pathlib import Path
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QMessageBox
        import ui.main_window as mw
        from ui import app

        def ask(window):
            QTimer.singleShot(300, lambda: signal.raise_signal(signal.SIGTERM))
            QMessageBox.question(window, "Fråga", "Spara?")  # modal, until the app ends

        shown = mw.MainWindow.end_opening
        def end_opening(window):
            shown(window)
            QTimer.singleShot(0, lambda: ask(window))
        mw.MainWindow.end_opening = end_opening
        QTimer.singleShot(20_000, lambda: sys.exit("the app did not end"))
        sys.exit(app.run(Path({str(demo)!r}), sys.argv[:1]))
        """
    )
    here = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FINSAM_DATA_DIR": str(data_dir)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=here, env=env,
        timeout=60,
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    assert not demo.with_name(demo.name + ".lock").exists()


def test_the_window_is_painted_before_the_file_is_opened_then_fills_in(demo_copy, today, data_dir):
    """What ``finsam-desktop`` shows first is the main window itself, with its menus, its
    pages' names and "Öppnar förbundsfilen …"; the storage, sqlite-utils and the pages come
    right after that paint, and then the same window shows the file."""
    demo = demo_copy(today)
    code = textwrap.dedent(
        f"""
        import datetime as dt
        import json
        import sys
        from pathlib import Path
        from PySide6.QtCore import QEvent, QObject
        from PySide6.QtWidgets import QApplication
        from ui import app
        application = app.make_application(sys.argv[:1])
        day = dt.date.fromisoformat({today.isoformat()!r})
        window = app.launch(Path({str(demo)!r}), today=lambda: day)
        seen = {{}}

        def state():
            nav = window.navigation
            return {{
                "title": window.windowTitle(),
                "menus": [a.text() for a in window.menuBar().actions()],
                "pages": [nav.item(row).text() for row in range(nav.count())],
                "navigation": nav.isEnabled(),
                "shown": window.stack.currentWidget() is window.placeholder,
                "placeholder": window.placeholder.message.text(),
                "placeholder_file": window.placeholder.file_name.text(),
                "needs_file": [a.isEnabled() for a in (
                    window.search_action, window.export_action, window.close_action,
                    window.forbund_action, *window.page_actions)],
                "modules": sorted(
                    m for m in ("sqlite_utils", "click", "dateutil", "finsam_desktop.storage",
                                "openpyxl", "reportlab", "holidays", "stdnum")
                    if m in sys.modules
                ),
                "pages_imported": sorted(
                    m for m in sys.modules
                    if m.startswith("ui.pages.") and m != "ui.pages.registry"
                ),
                "file": str(window.ff.path) if window.ff is not None else None,
                "windows": [w is window for w in QApplication.topLevelWidgets() if w.isVisible()],
            }}

        class FirstPaint(QObject):
            def eventFilter(self, obj, event):
                if event.type() == QEvent.Type.Paint and "paint" not in seen:
                    seen["paint"] = state()
                return False

        def ready():
            seen["ready"] = state()
            seen["ready"]["page"] = window.current_page().key
            seen["ready"]["reads"] = window.current_page().refresh_count
            application.quit()

        spy = FirstPaint()
        window.installEventFilter(spy)
        window.ready.connect(ready)
        window.show()
        application.exec()
        print(json.dumps(seen))
        window.close()
        """
    )
    here = Path(__file__).resolve().parents[2]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FINSAM_DATA_DIR": str(data_dir)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=here, env=env
    )
    import json

    from ui.pages.registry import PAGES

    seen = json.loads(out.stdout.strip().splitlines()[-1])
    first, filled = seen["paint"], seen["ready"]
    assert first["windows"] == [True] and filled["windows"] == [True]  # one window, no splash
    assert first["title"] == "Demo.finsam – Finsam Desktop"
    assert first["menus"] == ["&Arkiv", "&Redigera", "&Visa", "&Hjälp"]
    assert first["pages"] == [entry.title for entry in PAGES]
    assert first["shown"] and first["placeholder"] == "Öppnar förbundsfilen …"
    assert first["placeholder_file"] == "Demo.finsam"
    assert not first["navigation"] and not any(first["needs_file"])
    assert first["modules"] == [] and first["pages_imported"] == []
    assert first["file"] is None
    assert filled["file"] == str(demo)
    assert filled["title"] == f"{DEMO_NAME} – Demo.finsam – Finsam Desktop"
    assert filled["pages"] == first["pages"] and not filled["shown"]
    assert filled["navigation"] and all(filled["needs_file"])
    assert filled["page"] == "oversikt" and filled["reads"] == 1
    assert not {"openpyxl", "reportlab", "stdnum"} & set(filled["modules"])


@pytest.fixture
def launched(settings, qtbot, today):
    """``launched(path)``: the window as the app starts it, shown, once it is filled in."""
    windows = []

    def launch(path: Path | None = None):
        window = app_module.launch(path, settings, today=lambda: today)
        qtbot.addWidget(window)
        windows.append(window)
        with qtbot.waitSignal(window.ready, timeout=20000):
            window.show()
        return window

    yield launch
    for window in windows:
        window.close()


@pytest.fixture
def asked(monkeypatch):
    """What the start asks about a file, with the real message box's title, text and buttons,
    whether the window behind was already shown, and the answer Avbryt."""
    from ui import opening

    questions = []

    def ask(parent, err, path):
        box, buttons = opening.problem_box(parent, err, path)
        questions.append(
            {
                "problem": err.problem,
                "title": box.windowTitle(),
                "text": box.text() + "\n" + box.informativeText(),
                "buttons": sorted(b.text() for b in buttons),
                "over_the_window": parent is not None and parent.isVisible(),
                "opening": parent is not None and parent.opening,
            }
        )
        box.deleteLater()
        return opening.Choice.CANCEL

    monkeypatch.setattr(opening, "ask_about_problem", ask)
    return questions


def test_the_started_window_opens_the_file_after_it_is_shown(launched, filled_path):
    window = launched(filled_path)
    assert window.ff is not None and window.ff.path == filled_path
    assert window.windowTitle() == "Samordningsförbundet Norrby – Norrby.finsam – Finsam Desktop"
    assert window.current_page().key == "oversikt"
    assert window.navigation.isEnabled() and window.search_action.isEnabled()


def test_a_file_in_use_at_start_is_asked_about_over_the_shown_window(launched, filled_path, asked):
    from finsam_desktop.storage import Problem, open_file

    with open_file(filled_path):  # someone has it open for writing
        window = launched(filled_path)
    [question] = asked
    assert question["problem"] is Problem.IN_USE
    assert question["title"] == "Filen används redan"
    assert "redan öppnad för ändring av" in question["text"]
    assert question["over_the_window"] and question["opening"]
    assert window.ff is None
    assert window.central.currentWidget() is window.welcome
    assert window.windowTitle() == "Finsam Desktop"


def test_a_damaged_file_at_start_is_asked_about_with_its_backup_offered(
    launched, filled_path, asked
):
    from finsam_desktop import backups
    from finsam_desktop.storage import Problem, open_file

    with open_file(filled_path) as ff:
        backups.make_backup(ff, backups.Kind.MANUAL)
    data = bytearray(filled_path.read_bytes())
    data[120:4096] = b"\xff" * (4096 - 120)  # ruin the first page after the header
    filled_path.write_bytes(bytes(data))
    window = launched(filled_path)
    [question] = asked
    assert question["problem"] is Problem.CORRUPT
    assert "skadad" in question["text"]
    assert any("säkerhetskopia" in b.lower() for b in question["buttons"])
    assert question["over_the_window"]
    assert window.ff is None and window.central.currentWidget() is window.welcome


def test_a_file_from_a_newer_version_at_start_is_refused_in_swedish(launched, filled_path, asked):
    from finsam_desktop.storage import Problem, open_file

    with open_file(filled_path) as ff, ff.write() as db:
        db["_sqlite_migrations"].insert(
            {"migration_set": "finsam", "name": "0099_framtiden", "applied_at": "2030-01-01"}
        )
    window = launched(filled_path)
    [question] = asked
    assert question["problem"] is Problem.NEWER_VERSION
    assert "nyare version av Finsam Desktop" in question["text"]
    assert question["over_the_window"]
    assert window.ff is None and window.central.currentWidget() is window.welcome


def test_a_window_closed_before_its_first_paint_opens_no_file(settings, qtbot, filled_path):
    window = app_module.launch(filled_path, settings)
    qtbot.addWidget(window)
    window.show()
    window.close()  # e.g. Ctrl+C at once
    qtbot.wait(AFTER_PAINT_AT_LATEST_MS + 100)
    assert window.ff is None
    assert not (filled_path.parent / (filled_path.name + ".lock")).exists()


def test_the_sidebar_names_each_page_as_the_page_itself_does():
    """The sidebar is made from the registry's strings; each is its page class's own."""
    from ui.pages.registry import PAGES

    for entry in PAGES:
        cls = entry.load()
        assert (cls.key, cls.title, cls.icon_name) == (entry.key, entry.title, entry.icon_name)


def test_the_next_start_names_the_forbund_while_its_file_is_opened(
    launched, filled_path, settings, qtbot
):
    launched(filled_path).close()
    again = app_module.launch(None, settings)  # the last file; not yet opened
    qtbot.addWidget(again)
    title = "Samordningsförbundet Norrby – Norrby.finsam – Finsam Desktop"
    assert again.opening and again.ff is None
    assert again.windowTitle() == title
    assert again.sidebar_name.text() == "Samordningsförbundet Norrby"
    assert again.placeholder.file_name.text() == "Norrby.finsam"
    with qtbot.waitSignal(again.ready, timeout=20000):
        again.show()
    assert again.ff is not None and again.windowTitle() == title
    again.close()


def test_a_bug_while_the_file_is_opened_after_the_paint_is_told_and_the_window_recovers(
    launched, filled_path, monkeypatch
):
    import sys

    from ui.main_window import MainWindow

    told = []
    monkeypatch.setattr(sys, "excepthook", lambda *exc: told.append(exc[1]))

    def broken(self, path, read_only=False):
        raise RuntimeError("trasig")

    monkeypatch.setattr(MainWindow, "open_path", broken)
    window = launched(filled_path)
    assert [str(e) for e in told] == ["trasig"]
    assert not window.opening and window.ff is None
    assert window.central.currentWidget() is window.welcome
