"""Long work in the background (ui.operations): the result lands, refusals and bugs are told."""

from __future__ import annotations

import logging
import threading

import pytest
import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from finsam_desktop.errors import Refusal
from ui import errors, operations


@pytest.fixture
def bugs(monkeypatch) -> list[BaseException]:
    shown: list[BaseException] = []
    monkeypatch.setattr(errors, "show_bug_dialog", lambda _parent, exc: shown.append(exc))
    return shown


def finish(qtbot, operation):
    with qtbot.waitSignal(operation.finished, timeout=20000):
        pass
    return operation


def test_the_work_reads_a_snapshot_in_another_thread_and_the_result_lands(opened, qtbot):
    got = []

    def work(snapshot, steps):
        steps(50, "Läser")
        return snapshot.forbund_name(), threading.current_thread() is threading.main_thread()

    op = operations.run_in_background(
        opened, opened.ff, work, on_done=got.append, label="Läser …", progress=False
    )
    finish(qtbot, op)
    assert got == [("Samordningsförbundet Norrby", False)]
    assert op.succeeded


def test_the_report_builds_in_the_background_while_the_window_stays_responsive(opened, qtbot):
    page = opened.show_page("rapporter")
    ticks = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(1)
    with qtbot.waitSignal(page.report_ready, timeout=20000):
        op = page.build_report()
        assert op is not None and not op.done  # the click returns at once
        assert not page.build_button.isEnabled()
        assert page.cancel_button.isVisibleTo(page)
    timer.stop()
    assert ticks  # the GUI thread's event loop ran while the report was written
    assert page.pdf is not None and page.pdf.startswith(b"%PDF")
    qtbot.waitUntil(lambda: page.build_button.isEnabled())


def test_avbryt_stops_a_report_between_steps(opened, qtbot):
    page = opened.show_page("rapporter")
    op = page.build_report()
    page.cancel_build()  # before the first step: the work stops there
    finish(qtbot, op)
    assert op.cancelled and page.pdf is None
    assert page.status.text() == "Rapporten avbröts."
    assert page.build_button.isEnabled()


def test_a_refusal_from_the_work_shows_its_swedish_message_and_changes_nothing(opened, qtbot, bugs):
    done = []
    before = opened.ff.forbund_name()

    def work(_snapshot, _steps):
        raise Refusal("Året 99999 finns inte i förbundets år.")

    op = operations.run_in_background(
        opened,
        opened.ff,
        work,
        on_done=done.append,
        label="Exporterar …",
        failure_title="Gick inte",
    )
    finish(qtbot, op)
    assert done == [] and bugs == []
    [box] = operations._SHOWN
    assert box.windowTitle() == "Gick inte"
    assert box.informativeText() == "Året 99999 finns inte i förbundets år."
    assert opened.ff.forbund_name() == before
    box.close()


def test_a_refusal_while_writing_the_result_is_told_too(opened, qtbot, bugs):
    told = []

    def write(_result):
        raise Refusal("Arbetsboken bryter mot en regel.")

    op = operations.run_in_background(
        opened, None, lambda _s, _steps: 1, on_done=write, label="Läser …", on_refused=told.append
    )
    finish(qtbot, op)
    assert [str(e) for e in told] == ["Arbetsboken bryter mot en regel."]
    assert bugs == [] and not op.succeeded


def test_a_bug_in_the_work_is_logged_with_its_traceback_and_shown_as_a_bug(
    opened, qtbot, bugs, caplog
):
    done = []

    def work(_snapshot, _steps):
        raise RuntimeError("internal state broken")

    with caplog.at_level(logging.ERROR, logger="ui.operations"):
        op = operations.run_in_background(
            opened, opened.ff, work, on_done=done.append, label="Exporterar …"
        )
        finish(qtbot, op)
    assert done == []
    assert [type(e) for e in bugs] == [RuntimeError]
    [record] = [r for r in caplog.records if r.name == "ui.operations"]
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError
    assert "internal state broken" in caplog.text and "Traceback" in caplog.text


def test_a_plain_value_error_is_a_bug_never_a_message(opened, qtbot, bugs):
    op = operations.run_in_background(
        opened,
        None,
        lambda _s, _steps: int("tolv"),
        on_done=lambda _r: None,
        label="Läser …",
        on_refused=lambda _e: pytest.fail("Python's English shown as a message"),
    )
    finish(qtbot, op)
    assert [type(e) for e in bugs] == [ValueError]


def test_a_bug_dialog_says_it_is_a_fault_in_the_program_and_where_the_log_is(app, qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    try:
        raise RuntimeError("x")
    except RuntimeError as exc:
        dialog = errors.show_bug_dialog(parent, exc)
    assert dialog.windowTitle() == "Ett oväntat fel inträffade"
    assert "loggfilen" in dialog.message_label.text()
    assert "RuntimeError: x" in dialog.details.toPlainText()
    dialog.close()


def test_a_widget_gone_before_the_result_gets_nothing(app, qtbot, bugs):
    parent = QWidget()
    done = []
    op = operations.run_in_background(
        parent, None, lambda _s, _steps: 1, on_done=done.append, label="…", progress=False
    )
    shiboken6.delete(parent)  # the page closed while the work ran
    finish(qtbot, op)
    assert done == [] and op.done
