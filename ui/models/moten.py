"""The Möten table: one row per meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum
from typing import Any, ClassVar

from PySide6.QtGui import QColor

from finsam_desktop.moten import PROTOKOLLFORDA, Mote

from ..style import WARNING
from .base import RecordTableModel

NOT_JUSTERAT = "Ej justerat"


def tid(mote: Mote) -> str:
    if mote.starttid and mote.sluttid:
        return f"{mote.starttid}–{mote.sluttid}"
    return mote.starttid


class MotenModel(RecordTableModel[Mote]):
    class Column(IntEnum):
        DATUM = 0
        TID = 1
        TYP = 2
        PLATS = 3
        ARENDEN = 4
        JUSTERAT = 5

    headers: ClassVar[dict[int, str]] = {
        Column.DATUM: "Datum",
        Column.TID: "Tid",
        Column.TYP: "Typ",
        Column.PLATS: "Plats",
        Column.ARENDEN: "Ärenden",
        Column.JUSTERAT: "Justerat",
    }
    numeric = frozenset({Column.ARENDEN})

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent=None):
        super().__init__(parent)
        self.today = today

    def _awaits_justering(self, m: Mote) -> bool:
        return m.justerat is None and m.typ in PROTOKOLLFORDA and m.datum < self.today()

    def display(self, m: Mote, column: int) -> str:
        c = self.Column
        if column == c.DATUM:
            return m.datum.isoformat()
        if column == c.TID:
            return tid(m)
        if column == c.TYP:
            return m.typ.label
        if column == c.PLATS:
            return m.plats
        if column == c.ARENDEN:
            return str(m.antal_arenden)
        if column == c.JUSTERAT:
            if m.justerat:
                return m.justerat.isoformat()
            return NOT_JUSTERAT if self._awaits_justering(m) else ""
        return ""

    def raw(self, m: Mote, column: int) -> Any:
        c = self.Column
        return {
            c.DATUM: m.datum,
            c.TID: m.starttid,
            c.TYP: m.typ.label,
            c.PLATS: m.plats,
            c.ARENDEN: m.antal_arenden,
            c.JUSTERAT: m.justerat,
        }.get(column)

    def foreground(self, m: Mote, column: int) -> Any:
        if column == self.Column.JUSTERAT and self._awaits_justering(m):
            return QColor(WARNING)
        return None

    def tooltip(self, m: Mote, column: int) -> str | None:
        if column == self.Column.JUSTERAT and self._awaits_justering(m):
            return "Protokollet från mötet är inte justerat ännu."
        return None
