"""Shared machinery of the table models: roles, a record-per-row model and a Swedish sorter.

Every table model keeps one record (a frozen dataclass from :mod:`ui.queries`) per row and
answers three questions per cell: what to show (``DisplayRole``, formatted the Swedish way),
what the value is (``SORT_ROLE``: the raw Decimal, integer öre, date or text), and which record
the row is (``RECORD_ROLE``). Views sort through :class:`SortProxy` on ``SORT_ROLE``, so
9 000 kr sorts below 10 000 kr and "Östersund" after "Zorn".
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from finsam_desktop.swedish import sort_key

#: The raw value of a cell, for sorting and for code: Decimal, int öre, date, str or None.
SORT_ROLE = Qt.ItemDataRole.UserRole
#: The record the row shows.
RECORD_ROLE = Qt.ItemDataRole.UserRole + 1

ALIGN_NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
ALIGN_TEXT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter

R = TypeVar("R")
_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column(Generic[R]):
    """One column of a table: its header, what a cell shows and the raw value it sorts by,
    each a function of the row's record. The optional ones colour or explain single cells."""

    header: str
    display: Callable[[R], str]
    #: The raw value for ``SORT_ROLE`` (default: the display text).
    raw: Callable[[R], Any] | None = None
    _: KW_ONLY
    numeric: bool = False
    #: The tooltip of every cell of the column.
    tooltip: str = ""
    #: A cell's own tooltip (None: the column's).
    hint: Callable[[R], str | None] | None = None
    foreground: Callable[[R], Any] | None = None
    font: Callable[[R], Any] | None = None
    background: Callable[[R], Any] | None = None


def _styled(style: Callable[[R], Any] | None, record: R) -> Any:
    return None if style is None else style(record)


class RecordTableModel(QAbstractTableModel, Generic[R]):
    """A read-only table of records, one :class:`Column` declaration per column."""

    def __init__(self, columns: Sequence[Column[R]], parent: QObject | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self._records: list[R] = []

    # -- content --------------------------------------------------------------------------------

    def set_records(self, records: Sequence[R]) -> None:
        """Replace every row (a reload from the file)."""
        self.beginResetModel()
        self._records = list(records)
        self.endResetModel()

    def records(self) -> list[R]:
        return list(self._records)

    def record(self, row: int) -> R:
        return self._records[row]

    # -- QAbstractTableModel --------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < len(self._records)):
            return None
        record = self._records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.display(record)
        if role == SORT_ROLE:
            return column.raw(record) if column.raw else column.display(record)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_NUMBER if column.numeric else ALIGN_TEXT
        if role == Qt.ItemDataRole.ToolTipRole:
            return _styled(column.hint, record) or column.tooltip or None
        if role == Qt.ItemDataRole.ForegroundRole:
            return _styled(column.foreground, record)
        if role == Qt.ItemDataRole.FontRole:
            return _styled(column.font, record)
        if role == Qt.ItemDataRole.BackgroundRole:
            return _styled(column.background, record)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not (0 <= section < len(self.columns)):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[section].header
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_NUMBER if self.columns[section].numeric else ALIGN_TEXT
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def sort_value(value: Any) -> tuple:
    """A key that orders raw cell values: missing first, text the Swedish way."""
    if value is None:
        return (0,)
    if isinstance(value, str):
        return (1, sort_key(value))
    if isinstance(value, QDate):
        return (1, value.toPython())
    if isinstance(value, dt.datetime):
        return (1, value)
    return (1, value)


class SortProxy(QSortFilterProxyModel):
    """Sorts on ``SORT_ROLE`` by real values (amounts, dates, Swedish text)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def lessThan(self, left: Index, right: Index) -> bool:
        a = sort_value(left.data(SORT_ROLE))
        b = sort_value(right.data(SORT_ROLE))
        try:
            return a < b
        except TypeError:  # mixed types in one column: fall back to the shown text
            return sort_key(str(left.data())) < sort_key(str(right.data()))

    @contextlib.contextmanager
    def filter_change(self) -> Iterator[None]:
        """Wrap a change of the filter's criteria (Qt 6.10's begin/endFilterChange)."""
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            try:
                yield
            finally:
                self.endFilterChange()
        else:  # pragma: no cover - Qt before 6.10
            yield
            self.invalidateFilter()
