"""A table of records whose cells a person edits in place, each edit stored at once.

Columns are declared with what to show, the raw value to sort by, and (for editable ones) a
``store(record, text)`` that parses the typed text and writes it as one action. A refused edit
returns False from ``setData`` and announces the Swedish reason through ``refused``; nothing is
stored. A reload that keeps the same rows (the usual case after an edit) emits ``dataChanged``
instead of resetting, so an open editor is never pulled away mid-commit.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import KW_ONLY, dataclass
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal

from finsam_desktop.text import clean_text

from ..errors import is_refusal, message_of, report_bug
from . import base
from .base import Index

R = TypeVar("R")


@dataclass(frozen=True)
class Column(base.Column[R]):
    """A :class:`ui.models.base.Column` whose cells may be edited."""

    #: Parse the typed text and store it (one write); raises ValueError with a reason.
    store: Callable[[R, str], None] | None = None
    _: KW_ONLY
    #: The text an editor starts with (default: the display text).
    edit_text: Callable[[R], str] | None = None
    #: Which records may be edited in this column (default: all, when there is a ``store``).
    editable: Callable[[R], bool] | None = None
    #: A check box instead of text: whether it is ticked (``store`` then gets "1" or "0").
    checked: Callable[[R], bool] | None = None


class EditableTableModel(base.RecordTableModel[R]):
    refused = Signal(str)
    accepted = Signal()
    columns: list[Column[R]]

    def __init__(
        self,
        columns: Sequence[Column[R]],
        key: Callable[[R], Hashable],
        parent: QObject | None = None,
    ):
        super().__init__(columns, parent)
        self.key = key

    def set_records(self, records: Sequence[R]) -> None:
        records = list(records)
        if [self.key(r) for r in records] == [self.key(r) for r in self._records] and records:
            self._records = records
            self.dataChanged.emit(
                self.index(0, 0), self.index(len(records) - 1, len(self.columns) - 1)
            )
            return
        super().set_records(records)

    def row_of(self, key: Hashable) -> int:
        return next((i for i, r in enumerate(self._records) if self.key(r) == key), -1)

    # -- Qt ------------------------------------------------------------------------------------

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
        if role == Qt.ItemDataRole.EditRole:
            return (column.edit_text or column.display)(record)
        return super().data(index, role)

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
