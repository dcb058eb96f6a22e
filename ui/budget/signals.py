"""Emitting a signal from Python without PySide6 6.12.0's reference-count bug.

In PySide6 6.12.0, ``SignalInstance.emit()`` returns ``True`` without taking a reference to
it, so every emit whose result is dropped takes one reference from ``True``. After some
thousand emits (a few hundred keystrokes in the budget grid, which announces its sum rows
while the user types) Python aborts with "bool_dealloc: deallocating True or False".
:func:`emit` gives the reference back, and only when this PySide6 has the bug (measured once).
"""

from __future__ import annotations

import ctypes
import sys
from functools import cache

from PySide6.QtCore import QObject, Signal

_incref = ctypes.pythonapi.Py_IncRef
_incref.argtypes = [ctypes.py_object]
_incref.restype = None


class _Probe(QObject):
    signal = Signal()


@cache
def emit_loses_a_reference() -> bool:
    probe = _Probe()
    before = sys.getrefcount(True)
    probe.signal.emit()
    lost = sys.getrefcount(True) < before
    probe.deleteLater()
    return lost


def emit(signal, *args) -> None:
    """``signal.emit(*args)``, giving back the reference a buggy PySide6 takes."""
    result = signal.emit(*args)
    if isinstance(result, bool) and emit_loses_a_reference():
        _incref(result)
