"""The Qt binding itself: a release with a known defect must not slip in."""

from __future__ import annotations

import subprocess
import sys
import textwrap

_EMIT_MANY = textwrap.dedent(
    """
    from PySide6.QtCore import QObject, Signal

    class Source(QObject):
        changed = Signal(int)

    source = Source()
    source.changed.connect(lambda value: None)
    for i in range(20_000):  # a long day of typing in the budget grid
        source.changed.emit(i)
    print("ok")
    """
)


def test_emitting_a_signal_many_times_from_python_does_not_crash_the_interpreter():
    # PySide6 6.12.0 lost a reference to True on every emit and aborted the process.
    result = subprocess.run(
        [sys.executable, "-c", _EMIT_MANY], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.strip() == "ok"
