"""The Möten table: one row per meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtGui import QColor

from finsam_desktop.moten import PROTOKOLLFORDA, Mote

from ..style import WARNING
from . import base

NOT_JUSTERAT = "Ej justerat"
UTE = "Ute för justering"


def tid(mote: Mote) -> str:
    if mote.starttid and mote.sluttid:
        return f"{mote.starttid}–{mote.sluttid}"
    return mote.starttid


class MotenModel(base.RecordTableModel[Mote]):
    class Column(IntEnum):
        DATUM = 0
        TID = 1
        TYP = 2
        PLATS = 3
        ARENDEN = 4
        JUSTERAT = 5

    def __init__(self, today: Callable[[], dt.date] = dt.date.today, parent=None):
        self.today = today
        # In the order of ``Column``.
        super().__init__(
            [
                base.Column("Datum", lambda m: m.datum.isoformat(), lambda m: m.datum),
                base.Column("Tid", tid, lambda m: m.starttid),
                base.Column("Typ", lambda m: m.namn),
                base.Column("Plats", lambda m: m.plats),
                base.Column(
                    "Ärenden",
                    lambda m: str(m.antal_arenden),
                    lambda m: m.antal_arenden,
                    numeric=True,
                ),
                base.Column(
                    "Justerat",
                    self._justerat,
                    lambda m: m.justerat,
                    hint=self._justering_hint,
                    foreground=self._justering_colour,
                ),
            ],
            parent,
            key=lambda m: m.id,
        )

    def _awaits_justering(self, m: Mote) -> bool:
        return m.justerat is None and m.typ in PROTOKOLLFORDA and m.datum < self.today()

    def _justerat(self, m: Mote) -> str:
        if m.justerat:
            return m.justerat.isoformat()
        if m.ute_for_justering:
            return UTE
        return NOT_JUSTERAT if self._awaits_justering(m) else ""

    def _justering_colour(self, m: Mote) -> Any:
        return QColor(WARNING) if self._awaits_justering(m) else None

    def _justering_hint(self, m: Mote) -> str | None:
        if m.ute_for_justering:
            return (
                f"Justeringsversion {m.ute_for_justering} väntar på underskrifter; "
                "protokollet är låst."
            )
        if self._awaits_justering(m):
            return "Protokollet från mötet är inte justerat ännu."
        return None
