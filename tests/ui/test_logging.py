"""The log file (finsam.log in the data folder) gets what every part of the program says:
a report that fails on the Rapporter page, and warnings issued before the log was open."""

from __future__ import annotations

import logging
import warnings

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from reports import arsredovisning
from ui import app as app_module
from ui.errors import LOG_FILE_NAME, setup_logging, stop_logging
from ui.paths import log_dir


def read_log() -> str:
    return (log_dir() / LOG_FILE_NAME).read_text(encoding="utf-8")


@pytest.fixture
def page(window, filled_path):
    assert window.open_path(filled_path)
    window.show()
    return window.show_page("rapporter")


def test_a_report_that_fails_on_the_rapporter_page_is_logged_with_its_traceback(
    page, qtbot, monkeypatch
):
    def broken(*args, **kwargs):  # stands for a bug in a report, like the missing font was
        raise RuntimeError("typsnittet gick inte att läsa")

    monkeypatch.setattr(arsredovisning, "build", broken)
    handler = setup_logging()
    try:
        with qtbot.waitSignal(page.report_failed, timeout=20000) as failed:
            page.build_button.click()
        qtbot.waitUntil(lambda: page.build_button.isEnabled())
    finally:
        stop_logging(handler)
    # A bug is said as one (never Python's English on the page) and logged in full.
    assert failed.args[0] == "Rapporten kunde inte skrivas: ett fel i programmet."
    text = read_log()
    assert "ERROR ui.operations: Oväntat fel: Skriver rapporten" in text
    assert "Traceback" in text and "RuntimeError: typsnittet gick inte att läsa" in text


def test_warnings_before_the_log_is_open_and_errors_of_any_module_reach_it(
    app, filled_path, monkeypatch
):
    made = app_module.make_application

    def make_with_warnings(argv=None):  # before the log file is open
        warnings.warn("ett varningsord före loggen", UserWarning, stacklevel=1)
        logging.getLogger("ui.style").warning("en ikon saknas")
        return made(argv)

    monkeypatch.setattr(app_module, "make_application", make_with_warnings)
    QTimer.singleShot(100, lambda: logging.getLogger("ui.pages.rapporter").error("trasig"))
    QTimer.singleShot(300, QApplication.closeAllWindows)
    handlers = list(logging.getLogger().handlers)
    with warnings.catch_warnings():
        warnings.simplefilter("always", UserWarning)  # as Python shows them; pytest raises
        shown = warnings.showwarning
        assert app_module.run(filled_path) == 0
        assert warnings.showwarning is shown  # the warnings are Python's own again
    assert logging.getLogger().handlers == handlers
    text = read_log()
    assert "WARNING py.warnings:" in text and "UserWarning: ett varningsord före loggen" in text
    assert "WARNING ui.style: en ikon saknas" in text
    assert "ERROR ui.pages.rapporter: trasig" in text
    assert text.index("ett varningsord") < text.index("startar") < text.index("trasig")
