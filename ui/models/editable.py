"""A table of records whose cells a person edits in place, each edit stored at once.

Columns are declared with what to show, the raw value to sort by, and (for editable ones) a
``store(record, text)`` that parses the typed text and writes it as one action. A refused edit
returns False from ``setData`` and announces the Swedish reason through ``refused``; nothing is
stored. A reload that keeps the same rows (the usual case after an edit) emits ``dataChanged``
instead of resetting, so an open editor is never pulled away mid-commit.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from finsam_desktop.text import clean_text

from ..errors import is_refusal, message_of, report_bug
from .base import ALIGN_NUMBER, ALIGN_TEXT, RECORD_ROLE, SORT_ROLE

R = TypeVar("R")
_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    header: str
    display: Callable[[R], str]
    raw: Callable[[R], Any] | None = None
    #: Parse the typed text and store it (one write); raises ValueError with a reason.
    store: Callable[[R, str], None] | None = None
    numeric: bool = False
    tooltip: str = ""
    #: The text an editor starts with (default: the display text).
    edit_text: Callable[[R], str] | None = None
    #: Which records may be edited in this column (default: all, when there is a ``store``).
    editable: Callable[[R], bool] | None = None
    #: A check box instead of text: whether it is ticked (``store`` then gets "1" or "0").
    checked: Callable[[R], bool] | None = None


class EditableTableModel(QAbstractTableModel, Generic[R]):
    refused = Signal(str)
    accepted = Signal()

    def __init__(
        self,
        columns: Sequence[Column[R]],
        key: Callable[[R], Hashable],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.columns = list(columns)
        self.key = key
        self._records: list[R] = []

    def set_records(self, records: Sequence[R]) -> None:
        records = list(records)
        if [self.key(r) for r in records] == [self.key(r) for r in self._records] and records:
            self._records = records
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(records) - 1, len(self.columns) - 1)
            )
            return
        self.beginResetModel()
        self._records = records
        self.endResetModel()

    def record(self, row: int) -> R:
        return self._records[row]

    def records(self) -> list[R]:
        return list(self._records)

    def row_of(self, key: Hashable) -> int:
        return next((i for i, r in enumerate(self._records) if self.key(r) == key), -1)

    # -- Qt ------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._records):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column.checked is not None:
            if column.editable is not None and not column.editable(record):
                return None
            ticked = column.checked(record)
            return Qt.CheckState.Checked if ticked else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == Qt.ItemDataRole.EditRole:
            return (column.edit_text or column.display)(record)
        if role == SORT_ROLE:
            return column.raw(record) if column.raw else column.display(record)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_NUMBER if column.numeric else ALIGN_TEXT
        if role == Qt.ItemDataRole.ToolTipRole:
            return column.tooltip or None
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.columns):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_NUMBER if self.columns[section].numeric else ALIGN_TEXT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        column = self.columns[index.column()]
        if column.store is None:
            return flags
        if column.editable is not None and not column.editable(self._records[index.row()]):
            return flags
        if column.checked is not None:
            return flags | Qt.ItemFlag.ItemIsUserCheckable
        return flags | Qt.ItemFlag.ItemIsEditable

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        column = self.columns[index.column()]
        if column.store is None or not self.flags(index) & (
            Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsUserCheckable
        ):
            return False
        record = self._records[index.row()]
        if column.checked is not None:
            if role != Qt.ItemDataRole.CheckStateRole:
                return False
            ticked = Qt.CheckState(value) == Qt.CheckState.Checked
            if ticked == column.checked(record):
                return False
            value = "1" if ticked else "0"
        else:
            unchanged = str(value) == (column.edit_text or column.display)(record)
            if role != Qt.ItemDataRole.EditRole or unchanged:
                return False
        try:
            column.store(record, clean_text(str(value)))
        except Exception as exc:
            if not is_refusal(exc):
                report_bug(None, exc, "en cell")
                return False
            self.refused.emit(message_of(exc))
            return False
        self.dataChanged.emit(index, index)
        self.accepted.emit()
        return True
