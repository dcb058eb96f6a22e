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
