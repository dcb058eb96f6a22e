"""The Insatser table: one row per insats with its money for one year."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtGui import QColor

from finsam_desktop.insatser import InsatsRad
from finsam_desktop.model import InsatsStatus
from finsam_desktop.money import format_amount

from ..style import MUTED
from .base import RecordTableModel, SortProxy

_STATUS_ORDER = {status: i for i, status in enumerate(InsatsStatus)}
OPEN_ENDED = "löpande"


class InsatserModel(RecordTableModel[InsatsRad]):
    class Column(IntEnum):
        NAMN = 0
        TYP = 1
        AGARE = 2
        STATUS = 3
        START = 4
        SLUT = 5
        BEVILJAT = 6
        FORBRUKAT = 7

    numeric = frozenset({Column.BEVILJAT, Column.FORBRUKAT})

    def __init__(self, parent=None):
        super().__init__(parent)
        self.year: int | None = None
        self.headers = self._headers()

    def _headers(self) -> dict[int, str]:
        suffix = f" {self.year}" if self.year else ""
        c = self.Column
        return {
            c.NAMN: "Namn",
            c.TYP: "Typ",
            c.AGARE: "Verksamhetsägare",
            c.STATUS: "Status",
            c.START: "Start",
            c.SLUT: "Slut",
            c.BEVILJAT: f"Beviljat{suffix}",
            c.FORBRUKAT: f"Förbrukat{suffix}",
        }

    def set_year(self, year: int, records: list[InsatsRad]) -> None:
        """Show ``records`` (money of ``year``); the money columns' headers name the year."""
        self.year = year
        self.headers = self._headers()
        self.set_records(records)

    def display(self, r: InsatsRad, column: int) -> str:
        c = self.Column
        if column == c.NAMN:
            return r.namn
        if column == c.TYP:
            return r.typ.label
        if column == c.AGARE:
            return r.agare
        if column == c.STATUS:
            return r.status.label
        if column == c.START:
            return r.start.isoformat() if r.start else ""
        if column == c.SLUT:
            if r.slut:
                return r.slut.isoformat()
            return OPEN_ENDED if r.start else ""
        if column == c.BEVILJAT:
            return "" if r.beviljat_ore is None else format_amount(r.beviljat_ore)
        if column == c.FORBRUKAT:
            return "" if r.forbrukat_ore is None else format_amount(r.forbrukat_ore)
        return ""

    def raw(self, r: InsatsRad, column: int) -> Any:
        c = self.Column
        return {
            c.NAMN: r.namn,
            c.TYP: r.typ.label,
            c.AGARE: r.agare,
            c.STATUS: _STATUS_ORDER[r.status],
            c.START: r.start,
            # An open end sorts after every dated end.
            c.SLUT: r.slut if r.slut or not r.start else r.start.replace(year=9999),
            c.BEVILJAT: r.beviljat_ore,
            c.FORBRUKAT: r.forbrukat_ore,
        }.get(column)

    def foreground(self, r: InsatsRad, column: int) -> Any:
        if column == self.Column.SLUT and r.slut is None and r.start:
            return QColor(MUTED)
        if column == self.Column.FORBRUKAT and r.forbrukat_enligt_utfall:
            return QColor(MUTED)
        return None

    def tooltip(self, r: InsatsRad, column: int) -> str | None:
        if column == self.Column.SLUT and r.slut is None and r.start:
            return "Insatsen har inget slutdatum (t.o.m. löpande)."
        if column == self.Column.FORBRUKAT and r.forbrukat_enligt_utfall:
            return (
                f"Bokfört på insatsen hittills under {r.ar} enligt utfallet; "
                "insatsens egen redovisning av året saknas ännu."
            )
        return None


def is_undated(r: InsatsRad) -> bool:
    """Neither a start nor an ansökan date: no year's list has it (a new insats, say)."""
    return r.start is None and r.ansokan_datum is None


class InsatserFilter(SortProxy):
    """Rows of one year (or those without a date), and optionally one status and one type."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._year: int | None = None
        self._undated = False
        self._status = None
        self._typ = None

    def set_filter(self, *, year=None, undated=False, status=None, typ=None) -> None:
        with self.filter_change():
            self._year, self._status, self._typ = year, status, typ
            self._undated = undated

    def filterAcceptsRow(self, source_row: int, source_parent) -> bool:
        model = self.sourceModel()
        r: InsatsRad = model.record(source_row)
        if self._undated:
            if not is_undated(r):
                return False
        elif self._year is not None and not r.galler_ar(self._year):
            return False
        # Compared by value: a combo box gives the vocabulary back as its plain code.
        if self._status is not None and r.status != self._status:
            return False
        return self._typ is None or r.typ == self._typ
