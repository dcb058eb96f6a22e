"""The budget grid's view: typing with live sums, a note marker per cell, copy and paste."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QKeySequence, QPainter, QPolygonF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QStyledItemDelegate,
    QTableView,
)

from ..style import ACCENT
from .grid import NOTE_ROLE, BudgetGridModel, Columns


class AmountDelegate(QStyledItemDelegate):
    """Edits a cell with a line edit; amounts preview the sums while typed; notes get a mark."""

    def createEditor(self, parent, option, index):
        editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() >= 2:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            model = index.model()
            if isinstance(model, BudgetGridModel):
                editor.textEdited.connect(lambda text, i=index, m=model: m.preview(i, text))
        return editor

    def setEditorData(self, editor, index):
        # The live sums announce the edited row while the user types; what is typed stays.
        if editor.isModified():
            return
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor, model, index):
        model.setData(index, editor.text(), Qt.ItemDataRole.EditRole)

    def destroyEditor(self, editor, index):
        model = index.model()
        if isinstance(model, BudgetGridModel):
            model.end_preview()
        super().destroyEditor(editor, index)

    def paint(self, painter: QPainter, option, index) -> None:
        super().paint(painter, option, index)
        if index.data(NOTE_ROLE):
            r = option.rect
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QBrush(QColor(ACCENT)))
            size = 7
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(r.right() - size, r.top()),
                        QPointF(r.right(), r.top()),
                        QPointF(r.right(), r.top() + size),
                    ]
                )
            )
            painter.restore()


class BudgetGridView(QTableView):
    """A table that copies and pastes rectangular blocks as tab-separated text (Excel's way)."""

    #: A message for the user (a refused paste).
    message = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("budgetGrid")
        self.setAccessibleName("Budget")
        self.setItemDelegate(AmountDelegate(self))
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.verticalHeader().setVisible(False)
        self.verticalHeader().setDefaultSectionSize(24)
        self.setWordWrap(False)
        self.setShowGrid(True)
        self.setGridStyle(Qt.PenStyle.DotLine)
        self.setAlternatingRowColors(False)
        header = self.horizontalHeader()
        header.setHighlightSections(False)
        header.setMinimumSectionSize(60)

    def setModel(self, model) -> None:
        super().setModel(model)
        model.modelReset.connect(self.size_columns)
        self.size_columns()

    def size_columns(self) -> None:
        model = self.model()
        if model is None:
            return
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Columns.POST, QHeaderView.ResizeMode.Stretch)
        header.resizeSection(Columns.KONTO, 62)
        for c in range(2, model.columnCount()):
            header.resizeSection(c, 104)

    def selected_block(self) -> tuple[int, int, int, int] | None:
        ranges = self.selectionModel().selection() if self.selectionModel() else []
        if not ranges:
            current = self.currentIndex()
            if not current.isValid():
                return None
            return (current.row(), current.column(), current.row(), current.column())
        # a contiguous selection may still arrive as several ranges: take their bounding box
        return (
            min(r.top() for r in ranges),
            min(r.left() for r in ranges),
            max(r.bottom() for r in ranges),
            max(r.right() for r in ranges),
        )

    def copy(self) -> str:
        block = self.selected_block()
        if block is None:
            return ""
        text = self.model().copy(*block)
        QGuiApplication.clipboard().setText(text)
        return text

    def paste(self, text: str | None = None) -> str | None:
        """Paste ``text`` (the clipboard's if None) at the selection's top-left."""
        block = self.selected_block()
        if block is None:
            return "Markera cellen där blocket ska börja."
        if text is None:
            text = QGuiApplication.clipboard().text()
        problem = self.model().paste(block[0], block[1], text)
        if problem:
            self.message.emit(problem)
        return problem

    def keyPressEvent(self, event) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy()
            event.accept()
            return
        if event.matches(QKeySequence.StandardKey.Paste):
            self.paste()
            event.accept()
            return
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.state() != (
            QAbstractItemView.State.EditingState
        ):
            block = self.selected_block()
            if block is not None:
                top, left, bottom, right = block
                rows = bottom - top + 1
                cols = right - left + 1
                empty = "\n".join(["\t".join([""] * cols)] * rows)
                self._clear(top, left, bottom, right, empty)
            event.accept()
            return
        super().keyPressEvent(event)

    def _clear(self, top, left, bottom, right, _empty) -> None:
        model = self.model()
        cells = []
        for r in range(top, bottom + 1):
            line = model.line(r)
            for c in range(left, right + 1):
                year = model.cols.year_of(c)
                if year is not None and line.rad_id is not None and model.is_editable(r, c):
                    cells.append((line.rad_id, year, None))
        if cells:
            from finsam_desktop import budget as ops

            try:
                ops.satt_belopp(model.ff, cells, f"Töm {len(cells)} budgetceller")
            except ops.BudgetError as exc:
                self.message.emit(str(exc))
