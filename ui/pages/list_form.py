"""A page that lists records and opens one at a time in a form on the same page (Insatser,
Möten): the list's table, selection, Enter or double-click to open, creating a record and
deleting the open one after a question.

A subclass fills the list's layout from :meth:`listing_layout` with its filters, the buttons
of :meth:`open_and_new_buttons` and the table of :meth:`add_list`, gives its form to
:meth:`add_form`, and implements :meth:`open_record`, :meth:`open_id`, :meth:`close_form`,
:meth:`delete_open` and :meth:`show_through_filters`. A refusal from the data layer while
creating or deleting is shown as a message, never a traceback.

What was just created, opened or edited is never lost from sight: the list selects it, and
when a filter hides it (a new insats for 2023 while the list shows 2026, a meeting moved to
another year) the filter changes to one that shows it and the line under the list says so.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.forbund import Ogiltigt
from finsam_desktop.storage import ForbundFile
from finsam_desktop.swedish import join_list as join_and

from ..models.base import RECORD_ROLE, RecordTableModel
from ..style import set_role
from .base import Page


class ColumnFitter(QObject):
    """Columns as wide as their header and their widest text, measured on a sample of rows.

    Qt's ResizeToContents asks the model for every cell of up to 1 000 rows (all rows while
    the list is hidden behind its form) on every reset: 150 000 calls into Python for 2 000
    meetings. The sample is the first rows and, per column, the rows with the longest texts,
    so the widths come out as wide as before, from a few hundred cells."""

    #: Rows from the top of the list, and the longest texts per column, that are measured.
    TOP_ROWS = 40
    LONGEST = 3

    def __init__(self, table: QTableView, stretch_column: int):
        super().__init__(table)
        self.table = table
        self.stretch_column = stretch_column
        self._pending = False
        model = table.model()
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted):
            signal.connect(self.schedule)
        model.dataChanged.connect(self.schedule)
        table.installEventFilter(self)
        self._stale = True

    def schedule(self, *_args) -> None:
        """Fit once when the event loop next runs (a reload may send several signals); a
        list out of sight (behind its form) is fitted when shown."""
        self._stale = True
        if not self._pending and self.table.isVisible():
            self._pending = True
            QTimer.singleShot(0, self, self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and self._stale:
            self.fit()
        return False

    def fit(self) -> None:
        self._pending = False
        self._stale = False
        table = self.table
        model = table.model()
        header = table.horizontalHeader()
        rows = self._sample(model)
        option = QStyleOptionViewItem()
        table.initViewItemOption(option)
        grid = 1 if table.showGrid() else 0
        for column in range(model.columnCount()):
            if column == self.stretch_column or header.isSectionHidden(column):
                continue
            cells = 0
            for row in rows:  # as QTableView.sizeHintForColumn, over the sample
                index = model.index(row, column)
                hint = table.itemDelegateForIndex(index).sizeHint(option, index)
                cells = max(cells, hint.width())
            width = max(cells + grid, header.sectionSizeFromContents(column).width())
            width = max(width, header.minimumSectionSize())
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    def _sample(self, model) -> list[int]:
        """The rows to measure: the top of the list and the longest texts of each column."""
        count = model.rowCount()
        rows = set(range(min(count, self.TOP_ROWS)))
        source = model.sourceModel() if hasattr(model, "sourceModel") else None
        if isinstance(source, RecordTableModel) and count > self.TOP_ROWS:
            records = source.records()
            for column in source.columns:
                lengths = [len(str(column.display(r))) for r in records]
                added = 0
                for source_row in sorted(range(len(records)), key=lengths.__getitem__)[::-1]:
                    index = model.mapFromSource(source.index(source_row, 0))
                    if index.isValid():
                        rows.add(index.row())
                        added += 1
                        if added == self.LONGEST:
                            break
        return sorted(rows)


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
    #: The line under the list that sums up what it shows.
    summary: QLabel
    open_button: QPushButton
    new_button: QPushButton

    # -- building -----------------------------------------------------------------------------

    def listing_layout(self) -> QVBoxLayout:
        """The page's stack of the list and the form, and the list's layout to fill."""
        layout = self.page_layout()
        self.views = QStackedWidget()
        layout.addWidget(self.views, 1)
        self.listing = QWidget()
        box = QVBoxLayout(self.listing)
        box.setContentsMargins(0, 0, 0, 0)
        self.views.addWidget(self.listing)
        return box

    def open_and_new_buttons(
        self, bar: QHBoxLayout, open_name: str, new_text: str, create: Callable[[], object]
    ) -> None:
        """Öppna (the selected record) and the button that creates one, at the end of ``bar``."""
        self.open_button = QPushButton("Ö&ppna")
        self.open_button.setAccessibleName(open_name)
        self.open_button.clicked.connect(self.open_current)
        self.new_button = QPushButton(new_text)
        self.new_button.setAccessibleName(new_text.replace("&", "").removesuffix("…"))
        self.new_button.clicked.connect(create)
        bar.addWidget(self.open_button)
        bar.addWidget(self.new_button)

    def add_list(self, box: QVBoxLayout, table: QTableView, summary_name: str = "") -> None:
        """The list's table, its filter notice and its summary line, into ``box``."""
        self.table = table
        box.addWidget(table, 1)
        box.addWidget(self.notice_label())
        self.summary = set_role(QLabel(), "muted")
        if summary_name:
            self.summary.setAccessibleName(summary_name)
        box.addWidget(self.summary)

    def add_form(self, form: QWidget) -> None:
        """The form a record opens in: its Tillbaka shows the list, its Ta bort deletes."""
        self.form = form
        form.back.connect(self.show_list)  # type: ignore[attr-defined]
        form.delete_button.clicked.connect(self.delete_open)  # type: ignore[attr-defined]
        self.views.addWidget(form)

    def clear_notice_when_chosen(self, *filters: QComboBox) -> None:
        """A filter the user chooses makes the notice of an earlier change untrue."""
        for combo in filters:
            combo.activated.connect(lambda _index: self.show_notice(""))

    def set_file(self, ff) -> None:
        """Another file (or none): the form of the old file's record is closed first."""
        if ff is not self.ff:
            self.close_form()
            self.views.setCurrentWidget(self.listing)
            self.show_notice("")
        super().set_file(ff)

    def close_form(self) -> None:  # pragma: no cover - subclasses override
        """Let the form forget the file and the record it showed."""
        raise NotImplementedError

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
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(stretch_column, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(70)
        ColumnFitter(table, stretch_column)
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
        source = self.proxy.sourceModel()
        if isinstance(source, RecordTableModel):  # found in the records, not cell by cell
            index = self.proxy.mapFromSource(source.index(source.row_of(record_id), 0))
            if index.isValid():
                self.table.setCurrentIndex(index)
                return True
            return False
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

    def create_record(self, title: str, create: Callable[[ForbundFile], int]) -> int | None:
        """Run ``create`` (one write in the open file) and open the new record; a refusal is
        shown."""
        assert self.ff is not None
        try:
            record_id = create(self.ff)
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

    def delete_open(self) -> None:  # pragma: no cover - subclasses override
        """Ta bort in the form: delete the record it shows, after a question."""
        raise NotImplementedError

    def confirm_delete(
        self, title: str, question: str, delete: Callable[[ForbundFile], None]
    ) -> bool:
        """Ask ``question``; on Ja run ``delete`` (one write in the open file) and go back to
        the list."""
        if self.ff is None:
            return False
        ff = self.ff
        if QMessageBox.question(self, title, question) != QMessageBox.StandardButton.Yes:
            return False
        try:
            delete(ff)
        except Ogiltigt as exc:
            QMessageBox.warning(self, title, str(exc))
            return False
        self.show_list()
        return True
