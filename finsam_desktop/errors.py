"""The two kinds of trouble a person is told about, and everything else.

- :class:`Refusal`: what a person typed or imported cannot be used. Its ``str()`` is a Swedish
  sentence to show as it is, where it was typed (a form's field, the import dialog) or on
  stderr with exit code 2.
- :class:`finsam_desktop.storage.StorageError`: the environment (the file in use, read-only,
  damaged, a full disk), with what can be offered.

Anything else that reaches the command line or the window is a bug in the program: it is
logged with its traceback and shown as "ett fel i programmet" with where the log is, never as
Python's English. Every module's own refusal (an amount, a date, a workbook, an SIE file …)
is a subclass of :class:`Refusal`, so callers catch this one type.
"""

from __future__ import annotations


class Refusal(ValueError):
    """A Swedish refusal of what a person typed or imported; ``str()`` is shown as it is.

    A ``ValueError`` so that code written before this base keeps catching it.
    """
