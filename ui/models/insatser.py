"""The Insatser table: one row per insats with its money for one year."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtGui import QColor

from finsam_desktop.insatser import InsatsRad
from finsam_desktop.model import InsatsStatus
from finsam_desktop.money import format_amount

from ..style import MUTED
from . import base
from .base import SortProxy

_STATUS_ORDER = {status: i for i, status in enumerate(InsatsStatus)}
OPEN_ENDED = "löpande"


class InsatserModel(base.RecordTableModel[InsatsRad]):
    class Column(IntEnum):
        NAMN = 0
        TYP = 1
        AGARE = 2
        STATUS = 3
        START = 4
        SLUT = 5
        BEVILJAT = 6
        FORBRUKAT = 7

    def __init__(self, parent=None):
        self.year: int | None = None
        super().__init__(self._columns(), parent)

    def _columns(self) -> list[base.Column[InsatsRad]]:
        """In the order of ``Column``; the money columns' headers name the year."""
        suffix = f" {self.year}" if self.year else ""
        return [
            base.Column("Namn", lambda r: r.namn),
            base.Column("Typ", lambda r: r.typ.label),
            base.Column("Verksamhetsägare", lambda r: r.agare),
            base.Column("Status", lambda r: r.status.label, lambda r: _STATUS_ORDER[r.status]),
            base.Column("Start", lambda r: r.start.isoformat() if r.start else "",
                        lambda r: r.start),
            base.Column("Slut", _slut, _slut_order, hint=_open_end_hint,
                        foreground=lambda r: QColor(MUTED) if _open_end_hint(r) else None),
            base.Column(f"Beviljat{suffix}", lambda r: _amount(r.beviljat_ore),
                        lambda r: r.beviljat_ore, numeric=True),
            base.Column(f"Förbrukat{suffix}", lambda r: _amount(r.forbrukat_ore),
                        lambda r: r.forbrukat_ore, numeric=True, hint=_utfall_hint,
                        foreground=lambda r: QColor(MUTED) if _utfall_hint(r) else None),
        ]  # fmt: skip

    def set_year(self, year: int, records: list[InsatsRad]) -> None:
        """Show ``records`` (money of ``year``); the money columns' headers name the year."""
        self.year = year
        self.columns = self._columns()
        self.set_records(records)


def _amount(ore: int | None) -> str:
    return "" if ore is None else format_amount(ore)


def _slut(r: InsatsRad) -> str:
    if r.slut:
        return r.slut.isoformat()
    return OPEN_ENDED if r.start else ""


def _slut_order(r: InsatsRad) -> Any:
    """An open end sorts after every dated end."""
    return r.slut if r.slut or not r.start else r.start.replace(year=9999)


def _open_end_hint(r: InsatsRad) -> str | None:
    if r.slut is None and r.start:
        return "Insatsen har inget slutdatum (t.o.m. löpande)."
    return None


def _utfall_hint(r: InsatsRad) -> str | None:
    if r.forbrukat_enligt_utfall:
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
