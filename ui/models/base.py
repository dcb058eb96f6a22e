"""Shared machinery of the table models: roles, a record-per-row model and a Swedish sorter.

Every table model keeps one record (a frozen dataclass from :mod:`ui.queries`) per row and
answers three questions per cell: what to show (``DisplayRole``, formatted the Swedish way),
what the value is (``SORT_ROLE``: the raw Decimal, integer öre, date or text), and which record
the row is (``RECORD_ROLE``). Views sort through :class:`SortProxy` on ``SORT_ROLE``, so
9 000 kr sorts below 10 000 kr and "Östersund" after "Zorn".

Sorting is the record model's own: :class:`SortProxy` hands ``sort`` to it, and it orders its
rows by a key computed once per row (the Swedish key of a text once per distinct text), so
sorting 2 000 meetings costs one Python ``sorted``, not thousands of ``lessThan`` calls from
C++ into Python. The proxy then only filters, keeping the model's order. A model given a
``key`` (the record's id) that is reloaded with the same rows updates the rows that changed
(``dataChanged``, or a layout change when their order changed) instead of resetting, so the
selection and the scroll position stay.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Hashable, Iterator, Sequence
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

from finsam_desktop.swedish import cached_sort_key, sort_key

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
    """A read-only table of records, one :class:`Column` declaration per column.

    With a ``key`` (what tells one record from another, such as its id), a reload with the
    same rows only announces the rows that changed."""

    def __init__(
        self,
        columns: Sequence[Column[R]],
        parent: QObject | None = None,
        key: Callable[[R], Hashable] | None = None,
    ):
        super().__init__(parent)
        self.columns = list(columns)
        self.key = key
        self._records: list[R] = []
        #: The records in the order they were given (ties in a sort keep this order).
        self._given: list[R] = []
        #: The column and order the rows are sorted by (None: as given).
        self._sorted_by: tuple[int, Qt.SortOrder] | None = None

    # -- content --------------------------------------------------------------------------------

    def set_records(self, records: Sequence[R]) -> None:
        """Replace every row (a reload from the file). The same rows again (by ``key``)
        announce only what changed; otherwise the model resets."""
        given = list(records)
        ordered = self._ordered(given)
        if self.key is not None and given and self._same_rows(ordered):
            self._given = given
            self._update_in_place(ordered)
            return
        self.beginResetModel()
        self._given = given
        self._records = ordered
        self.endResetModel()

    def _same_rows(self, ordered: list[R]) -> bool:
        assert self.key is not None
        if len(ordered) != len(self._records):
            return False
        key = self.key
        old = {key(r) for r in self._records}
        return len(old) == len(ordered) and all(key(r) in old for r in ordered)

    def _update_in_place(self, ordered: list[R]) -> None:
        """Show ``ordered`` (the same rows as now, by key): the changed rows only, or a
        layout change that keeps the selection on its records when the order changed."""
        assert self.key is not None
        key = self.key
        if [key(r) for r in ordered] == [key(r) for r in self._records]:
            pairs = enumerate(zip(self._records, ordered, strict=True))
            changed = [i for i, (a, b) in pairs if a != b]
            self._records = ordered
            if changed:
                self.dataChanged.emit(
                    self.index(changed[0], 0),
                    self.index(changed[-1], len(self.columns) - 1),
                )
            return
        self._reorder(ordered)

    def _reorder(self, ordered: list[R]) -> None:
        """The same rows in another order; persistent indexes follow their records."""
        self.layoutAboutToBeChanged.emit()
        key = self.key if self.key is not None else id
        new_row = {key(r): row for row, r in enumerate(ordered)}
        old_keys = [key(r) for r in self._records]
        before = self.persistentIndexList()
        after = [
            self.index(new_row[old_keys[index.row()]], index.column())
            if 0 <= index.row() < len(old_keys)
            else QModelIndex()
            for index in before
        ]
        self._records = ordered
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def records(self) -> list[R]:
        return list(self._records)

    def record(self, row: int) -> R:
        return self._records[row]

    def row_of(self, key: Hashable) -> int:
        """The row of the record whose ``key`` is ``key`` (-1: none)."""
        keyed = self.key or (lambda r: getattr(r, "id", None))
        return next((i for i, r in enumerate(self._records) if keyed(r) == key), -1)

    # -- sorting --------------------------------------------------------------------------------

    def sort_rows(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by ``column``'s raw values (-1: as given), keeping the selection."""
        self._sorted_by = None if column < 0 or column >= len(self.columns) else (column, order)
        ordered = self._ordered(self._given)
        if ordered == self._records:
            return
        if len(set(map(id, ordered))) != len(ordered):  # the same record twice: no keys
            self.beginResetModel()
            self._records = ordered
            self.endResetModel()
            return
        saved_key, self.key = self.key, (self.key or id)
        try:
            self._reorder(ordered)
        finally:
            self.key = saved_key

    def _ordered(self, records: list[R]) -> list[R]:
        """``records`` in the order the model sorts by: each row's key computed once."""
        if self._sorted_by is None or len(records) < 2:
            return list(records)
        column_no, order = self._sorted_by
        column = self.columns[column_no]
        raw = column.raw or column.display
        keys = [sort_value(raw(r)) for r in records]
        rows = range(len(records))
        # Stable either way, as Qt's: equal rows stay in the order given, also descending.
        descending = order == Qt.SortOrder.DescendingOrder
        try:
            ranked = sorted(rows, key=keys.__getitem__, reverse=descending)
        except TypeError:  # mixed types in one column: the shown text decides
            shown = [cached_sort_key(str(column.display(r))) for r in records]
            ranked = sorted(rows, key=shown.__getitem__, reverse=descending)
        return [records[i] for i in ranked]

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
        return (1, cached_sort_key(value))
    if isinstance(value, QDate):
        return (1, value.toPython())
    if isinstance(value, dt.datetime):
        return (1, value)
    return (1, value)


class SortProxy(QSortFilterProxyModel):
    """Sorts on ``SORT_ROLE`` by real values (amounts, dates, Swedish text).

    Over a :class:`RecordTableModel` the model sorts itself (by keys computed once per row)
    and the proxy keeps its order; over any other model the proxy sorts with
    :meth:`lessThan`."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        source = self.sourceModel()
        if isinstance(source, RecordTableModel):
            self._sorted_by = (column, order)
            source.sort_rows(column, order)
            return
        super().sort(column, order)

    def sortColumn(self) -> int:
        if isinstance(self.sourceModel(), RecordTableModel):
            return self._sorted_by[0]
        return super().sortColumn()

    def sortOrder(self) -> Qt.SortOrder:
        if isinstance(self.sourceModel(), RecordTableModel):
            return self._sorted_by[1]
        return super().sortOrder()

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
