"""``Qt``, Qt's namespace of enums, made when first used instead of when imported.

PySide6 makes all the Python enums of a class the first time the class is touched: for the
``Qt`` namespace that is 93 enums, 15-20 ms. The modules the main window needs before its
first paint (:mod:`ui.app`, :mod:`ui.main_window`, :mod:`ui.errors` …) import this ``Qt``,
and what the window builds before that paint uses none of its enums, so the namespace is
made after the first paint. Use it as PySide6's: ``Qt.AlignmentFlag.AlignTop``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import Qt
else:

    class _Namespace:
        def __getattr__(self, name: str):
            from PySide6.QtCore import Qt as real

            value = getattr(real, name)
            setattr(self, name, value)  # found without this call from now on
            return value

        def __repr__(self) -> str:
            return "<Qt, made when first used>"

    Qt = _Namespace()

__all__ = ["Qt"]
