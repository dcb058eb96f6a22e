"""A page that lists records and opens one at a time in a form on the same page (Insatser,
Möten): the list's table, selection, Enter or double-click to open, creating a record and
deleting the open one after a question.

A subclass builds its filters and form, keeps ``self.views`` (a stacked widget holding
``self.listing`` and the form) and implements :meth:`open_record`, :meth:`open_id` and
:meth:`show_through_filters`. A refusal from the data layer while creating or deleting is
shown as a message, never a traceback.

What was just created, opened or edited is never lost from sight: the list selects it, and
when a filter hides it (a new insats for 2023 while the list shows 2026, a meeting moved to
another year) the filter changes to one that shows it and the line under the list says so.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QMessageBox,
    QStackedWidget,
    QTableView,
    QWidget,
)

from finsam_desktop.forbund import Ogiltigt
from finsam_desktop.swedish import join_list as join_and

from ..models.base import RECORD_ROLE
from .base import Page


def filter_note(changes: list[str], name: str) -> str:
    """ "Året är nu 2023 och status visar alla så att Nya vägar syns." """
    said = join_and(changes)
    return f"{said[:1].upper()}{said[1:]} så att {name} syns."


class ListFormPage(Page):
    views: QStackedWidget
    listing: QWidget
    proxy: QSortFilterProxyModel
    table: QTableView
    form: QWidget
    #: The line under the list that says which filter changed to show a record.
    notice: QLabel

    def notice_label(self) -> QLabel:
        label = QLabel()
        label.setObjectName("filterNotice")
        label.setWordWrap(True)
        label.setVisible(False)
        self.notice = label
        return label

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setAccessibleName(text)
        self.notice.setVisible(bool(text))

    def list_table(
        self,
        name: str,
        what_enter_opens: str,
        sort_column: int,
        order: Qt.SortOrder,
        stretch_column: int,
    ) -> QTableView:
        """The list's read-only, sortable table over ``self.proxy``; Enter opens a row."""
        table = QTableView()
        table.setAccessibleName(name)
        table.setAccessibleDescription(f"Retur öppnar {what_enter_opens}")
        table.setModel(self.proxy)
        table.setSortingEnabled(True)
        table.sortByColumn(sort_column, order)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setWordWrap(False)
        table.verticalHeader().setVisible(False)
        table.setTabKeyNavigation(False)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(70)
        table.doubleClicked.connect(self._open_index)
        for key in ("Return", "Enter"):
            QShortcut(
                QKeySequence(key), table, self.open_current,
                context=Qt.ShortcutContext.WidgetShortcut,
            )  # fmt: skip
        return table

    # -- the list -----------------------------------------------------------------------------

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(RECORD_ROLE).id if index.isValid() else None

    def select(self, record_id: int) -> bool:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(RECORD_ROLE).id == record_id:
                self.table.setCurrentIndex(index)
                return True
        return False

    def reveal(self, record_id: int) -> bool:
        """Select ``record_id`` in the list; when a filter hides it, change the filter to one
        that shows it and say so under the list. False when no filter can show it."""
        if self.select(record_id):
            return True
        note = self.show_through_filters(record_id)
        if note is None or not self.select(record_id):
            return False
        self.show_notice(note)
        return True

    def show_through_filters(self, record_id: int) -> str | None:  # pragma: no cover
        """Change the filters hiding ``record_id`` and say what changed (None: cannot)."""
        raise NotImplementedError

    def open_id(self) -> int | None:  # pragma: no cover - subclasses override
        """The record shown in the form, if any."""
        raise NotImplementedError

    def _open_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_record(index.data(RECORD_ROLE).id)

    def open_current(self) -> None:
        record_id = self.current_id()
        if record_id is not None:
            self.open_record(record_id)

    def open_record(self, record_id: int) -> bool:  # pragma: no cover - subclasses override
        raise NotImplementedError

    def show_list(self) -> None:
        """Back to the list, with the record the form showed selected (and visible)."""
        shown = self.open_id() if self.views.currentWidget() is self.form else None
        self.views.setCurrentWidget(self.listing)
        if shown is not None:
            self.reveal(shown)
        self.table.setFocus()

    # -- creating and deleting ----------------------------------------------------------------

    def create_record(self, title: str, create: Callable[[], int]) -> int | None:
        """Run ``create`` (one write) and open the new record; a refusal is shown."""
        try:
            record_id = create()
        except Ogiltigt as exc:
            QMessageBox.warning(self, title, str(exc))
            return None
        self.show_created(record_id)
        return record_id

    def show_created(self, record_id: int) -> None:
        """Open a record just made. A notice of an earlier filter change goes first: if this
        one needs none, the old notice no longer says why the list looks as it does."""
        self.show_notice("")
        self.open_record(record_id)

    def confirm_delete(self, title: str, question: str, delete: Callable[[], None]) -> bool:
        """Ask ``question``; on Ja run ``delete`` (one write) and go back to the list."""
        if QMessageBox.question(self, title, question) != QMessageBox.StandardButton.Yes:
            return False
        try:
            delete()
        except Ogiltigt as exc:
            QMessageBox.warning(self, title, str(exc))
            return False
        self.show_list()
        return True
