"""Text as it may be stored: control characters (other than tab and newline) and the
non-characters XML refuses are removed.

They arrive unseen with a paste from another program; no report, workbook or calendar file can
carry them, so they are taken out where text is typed (the UI's fields) and when text leaves
for an .xlsx. Kept free of openpyxl so the app's start-up does not load it.
"""

from __future__ import annotations

import re

#: What openpyxl's ILLEGAL_CHARACTERS_RE refuses (C0 controls but tab, newline and carriage
#: return) plus what XML 1.0 refuses (U+FFFE, U+FFFF, lone surrogates).
_NOT_STORABLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without the characters no report or workbook can hold."""
    return _NOT_STORABLE_RE.sub("", text)
