"""Unexpected errors: logged with the traceback and shown with the details folded away."""

from __future__ import annotations

import sys

import pytest

from finsam_desktop.storage import Problem, StorageError
from ui.errors import LOG_FILE_NAME, ErrorDialog, ExceptHook, setup_logging, stop_logging
from ui.paths import log_dir


@pytest.fixture
def hook(app):
    h = ExceptHook()
    yield h
    for dialog in list(h.dialogs):
        dialog.close()


def raise_and_catch(exc: BaseException):
    try:
        raise exc
    except BaseException:
        return sys.exc_info()


def test_an_unexpected_error_is_logged_with_its_traceback(hook, qtbot):
    handler = setup_logging()
    try:
        hook(*raise_and_catch(ZeroDivisionError("division by zero")))
    finally:
        stop_logging(handler)
    text = (log_dir() / LOG_FILE_NAME).read_text(encoding="utf-8")
    assert "Oväntat fel" in text
    assert "ZeroDivisionError: division by zero" in text
    assert "Traceback" in text


def test_an_unexpected_error_is_shown_in_swedish_with_details_folded_away(hook, qtbot):
    hook(*raise_and_catch(KeyError("nyckel")))
    [dialog] = hook.dialogs
    assert dialog.isVisible()
    assert dialog.windowTitle() == "Ett oväntat fel inträffade"
    assert dialog.message_label.text().startswith("Något gick fel i Finsam Desktop.")
    assert not dialog.details.isVisible()
    assert "KeyError: 'nyckel'" in dialog.details.toPlainText()
    dialog.toggle_button.click()
    assert dialog.details.isVisible()
    assert dialog.toggle_button.text() == "Dölj detaljer"


def test_a_storage_error_that_escapes_shows_its_own_message(hook, qtbot):
    err = StorageError(Problem.DISK_FULL, "Disken där x.finsam ligger är full.")
    hook(*raise_and_catch(err))
    [dialog] = hook.dialogs
    assert dialog.windowTitle() == "Förbundsfilen kunde inte användas"
    assert dialog.message_label.text() == "Disken där x.finsam ligger är full."


def test_closing_the_dialog_forgets_it(hook, qtbot):
    hook(*raise_and_catch(ValueError("x")))
    [dialog] = hook.dialogs
    dialog.close_button.click()
    assert hook.dialogs == []


def test_the_hook_installs_and_uninstalls_itself(hook):
    before = sys.excepthook
    hook.install()
    assert sys.excepthook is hook
    hook.uninstall()
    assert sys.excepthook is before


def test_the_error_dialog_can_copy_its_details(app, qtbot):
    from PySide6.QtGui import QGuiApplication

    dialog = ErrorDialog("Fel.", "Detaljer här", None)
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == "Detaljer här"
