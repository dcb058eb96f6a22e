"""Närvaro at a meeting: one row per seat, with check boxes for närvarande and tjänstgörande."""

from __future__ import annotations

from collections.abc import Callable
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from finsam_desktop.model import Roll
from finsam_desktop.moten import Narvaro

from ..errors import is_refusal, message_of, report_bug
from .base import ALIGN_TEXT, RECORD_ROLE, SORT_ROLE

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


class NarvaroModel(QAbstractTableModel):
    class Column(IntEnum):
        MEDLEM = 0
        NAMN = 1
        ROLL = 2
        NARVARANDE = 3
        TJANSTGOR = 4

    headers = ("Medlem", "Namn", "Roll", "Närvarande", "Tjänstgör")
    refused = Signal(str)

    def __init__(
        self,
        store_present: Callable[[int, bool], None],
        store_serving: Callable[[int, bool], None],
        parent=None,
    ):
        super().__init__(parent)
        self._rows: list[Narvaro] = []
        self._store_present = store_present
        self._store_serving = store_serving

    def set_records(self, rows: list[Narvaro]) -> None:
        if [r.uppdrag_id for r in rows] == [r.uppdrag_id for r in self._rows] and rows:
            self._rows = list(rows)
            self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, 4))
            return
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def records(self) -> list[Narvaro]:
        return list(self._rows)

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(self.headers)
        ):
            return self.headers[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        c = self.Column
        col = index.column()
        if role == RECORD_ROLE:
            return r
        if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
            if col == c.MEDLEM:
                return r.medlem
            if col == c.NAMN:
                return r.person
            if col == c.ROLL:
                text = r.roll.label
                return f"{text}, {r.funktion.label.lower()}" if r.funktion else text
            if role == SORT_ROLE:
                return r.narvarande if col == c.NARVARANDE else r.tjanstgorande
            if col == c.TJANSTGOR and r.roll is Roll.LEDAMOT:
                return "ledamot" if r.narvarande else ""
            return ""
        if role == Qt.ItemDataRole.CheckStateRole:
            if col == c.NARVARANDE:
                return Qt.CheckState.Checked if r.narvarande else Qt.CheckState.Unchecked
            if col == c.TJANSTGOR and r.roll is Roll.ERSATTARE:
                return Qt.CheckState.Checked if r.tjanstgorande else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.AccessibleTextRole and col in (c.NARVARANDE, c.TJANSTGOR):
            word = "närvarande" if col == c.NARVARANDE else "tjänstgör"
            on = r.narvarande if col == c.NARVARANDE else r.tjanstgorande
            return f"{r.person} {word}: {'ja' if on else 'nej'}"
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_TEXT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        r = self._rows[index.row()]
        if index.column() == self.Column.NARVARANDE or (
            index.column() == self.Column.TJANSTGOR and r.roll is Roll.ERSATTARE
        ):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not index.isValid():
            return False
        r = self._rows[index.row()]
        on = Qt.CheckState(value) == Qt.CheckState.Checked
        try:
            if index.column() == self.Column.NARVARANDE:
                self._store_present(r.uppdrag_id, on)
            elif index.column() == self.Column.TJANSTGOR:
                self._store_serving(r.uppdrag_id, on)
            else:
                return False
        except Exception as exc:
            if not is_refusal(exc):
                report_bug(None, exc, "närvaron")
                return False
            self.refused.emit(message_of(exc))
            return False
        self.dataChanged.emit(index, index)
        return True
