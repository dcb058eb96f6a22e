"""Text as it may be stored: control characters (other than tab and newline) and the
non-characters XML refuses are removed; and choices remembered as a JSON object in a setting.

They arrive unseen with a paste from another program; no report, workbook or calendar file can
carry them, so they are taken out where text is typed (the UI's fields) and when text leaves
for an .xlsx. Kept free of openpyxl so the app's start-up does not load it.
"""

from __future__ import annotations

import json
import re
from dataclasses import MISSING, fields
from typing import Any

#: What openpyxl's ILLEGAL_CHARACTERS_RE refuses (C0 controls but tab, newline and carriage
#: return) plus what XML 1.0 refuses (U+FFFE, U+FFFF, lone surrogates).
_NOT_STORABLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` without the characters no report or workbook can hold."""
    return _NOT_STORABLE_RE.sub("", text)


def cell_text(text: str) -> str:
    """``text`` as a workbook cell or note holds it: :func:`clean_text`, line ends as \n (a
    \r kept in a cell came back as a \r, not the \n the workbook promises)."""
    return clean_text(text).replace("\r\n", "\n").replace("\r", "\n")


def json_object(text: str | None) -> dict[str, Any]:
    """The JSON object stored as ``text``; empty when there is none or it is not one (a value
    typed by hand, or left by another version, never stops the program)."""
    try:
        data = json.loads(text) if text else {}
    except json.JSONDecodeError:
        return {}
    return data if isinstance(data, dict) else {}


def from_json_fields(cls, text: str | None):
    """The dataclass ``cls`` from a stored JSON object: its fields as stored, the rest default
    (keys it does not know, from another version, are left out, and so is a value of another
    kind than the field's default: the text travels in the arbetsbok, where a person may
    type ``"konto": 5`` or ``"intakter_negativa": "nej"``)."""
    defaults = {f.name: _default(f) for f in fields(cls)}
    return cls(
        **{
            k: v
            for k, v in json_object(text).items()
            if k in defaults and (defaults[k] is None or type(v) is type(defaults[k]))
        }
    )


def _default(f: Any) -> Any:
    if f.default is not MISSING:
        return f.default
    if f.default_factory is not MISSING:
        return f.default_factory()
    return None  # no default: any stored value is taken
