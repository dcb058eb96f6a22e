"""The budget grid's view: typing with live sums, a note marker per cell, copy and paste.

An amount cell's editor shows the unit the number is read in beside it ("734 000 tkr"). When
what is typed is not plausible for the förbund, the view holds the commit: nothing is stored
and the editor stays open, with its text, while a window-modal question offers both readings
("Spara 734 000 kr", "Spara 734 000 tkr") or "Ändra", which goes back to the editor. A pasted
block with such amounts is asked about the same way ("Klistra in i kr", "i tkr", "Avbryt").
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QPersistentModelIndex, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QGuiApplication,
    QKeySequence,
    QPainter,
    QPalette,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QStyledItemDelegate,
    QTableView,
)

from finsam_desktop.money import Unit

from ..style import ACCENT, MUTED
from .grid import NOTE_ROLE, BudgetGridModel, Columns, PasteQuestion, Question, has_own_unit


class AmountEditor(QLineEdit):
    """The line edit of an amount cell: the unit the number is read in is shown beside it.

    The unit ("tkr" or "kr") is painted, muted, at the right inside the field, and the text
    keeps clear of it; once the text names its own unit ("67 500 kr") it is not shown.
    """

    def __init__(self, unit: Unit, index, parent=None):
        super().__init__(parent)
        self.unit = unit
        #: The cell being edited (the view finds the cell of an editor by it).
        self.index = QPersistentModelIndex(index)
        self.setAccessibleDescription(f"Belopp i {unit.value}")
        self.textChanged.connect(self._place_text)
        self._place_text()

    def unit_text(self) -> str:
        """The unit shown beside the number: "" once the text names its own."""
        return "" if has_own_unit(self.text()) else self.unit.value

    def _place_text(self) -> None:
        shown = self.unit_text()
        # one space between the number and its unit, as the unit is written after a number
        width = self.fontMetrics().horizontalAdvance(" " + shown) + 2 if shown else 0
        if self.textMargins().right() != width:
            self.setTextMargins(0, 0, width, 0)
        self.update()

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        shown = self.unit_text()
        if not shown:
            return
        painter = QPainter(self)
        color = QColor(MUTED)
        if not self.isEnabled():
            color = self.palette().color(QPalette.ColorRole.PlaceholderText)
        painter.setPen(color)
        r = self.contentsRect()
        area = QRectF(r.left(), r.top(), r.width() - 2, r.height())  # as QLineEdit's own 2 px
        painter.drawText(area, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, shown)
        painter.end()


class AmountDelegate(QStyledItemDelegate):
    """Edits a cell with a line edit; amounts preview the sums while typed; notes get a mark."""

    def createEditor(self, parent, option, index):
        model = index.model()
        if index.column() >= 2 and isinstance(model, BudgetGridModel):
            editor = AmountEditor(model.unit, index, parent)
        else:
            editor = QLineEdit(parent)
        editor.setFrame(False)
        if index.column() >= 2:
            editor.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
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
        #: The open question about a typed amount, while it is shown (tests press its buttons).
        self.question: QMessageBox | None = None
        self._asking: AmountEditor | None = None  # the editor whose commit waits for an answer
        self._held_hint: QAbstractItemDelegate.EndEditHint | None = None
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
            # wide enough for its heading too ("Utfall jan–okt 2026" was cut to "jan–okt 2026")
            header.resizeSection(c, max(104, header.sectionSizeHint(c)))

    # -- committing a typed amount: ask first when it is not plausible ---------------------------

    def commitData(self, editor) -> None:
        if editor is self._asking:
            return  # the question is open: nothing is stored until it is answered
        model = self.model()
        if isinstance(editor, AmountEditor) and isinstance(model, BudgetGridModel):
            question = model.question(editor.index, editor.text())
            if question is not None:
                self._ask(editor, question)
                return
        super().commitData(editor)

    def closeEditor(self, editor, hint) -> None:
        if editor is self._asking:
            # closed by the same key (Enter, Tab) or by the focus the question took: keep the
            # editor, and the key's way on (Tab: the next cell) for when the answer is stored
            if self._held_hint is None or hint != QAbstractItemDelegate.EndEditHint.NoHint:
                self._held_hint = hint
            return
        super().closeEditor(editor, hint)

    def _ask(self, editor: AmountEditor, question: Question) -> None:
        self._asking, self._held_hint = editor, None
        box, stores = self._question_box("Kontrollera beloppet", question, "Ändra")

        def answered(button) -> None:
            hint = self._held_hint or QAbstractItemDelegate.EndEditHint.NoHint
            forget()
            if button in stores:
                self._store(editor, stores[button], hint)
            else:
                self._edit_again(editor)

        def forget() -> None:
            self.question, self._asking, self._held_hint = None, None, None

        box.buttonClicked.connect(answered)
        box.finished.connect(forget)
        # the editor gone (the file closed under it): nothing left to ask about
        editor.destroyed.connect(box.reject)
        self.question = box
        box.open()

    def _question_box(
        self, title: str, question: Question | PasteQuestion, back: str
    ) -> tuple[QMessageBox, dict]:
        """The window-modal question of an implausible amount: a button per reading (button
        → what it stores), and ``back`` ("Ändra", "Avbryt") as Escape; not yet opened."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(question.text)
        box.setInformativeText(question.reason)
        readings = {box.addButton(label, QMessageBox.ButtonRole.AcceptRole): value
                    for label, value in question.readings}  # fmt: skip
        escape = box.addButton(back, QMessageBox.ButtonRole.RejectRole)
        box.setEscapeButton(escape)
        box.setDefaultButton(next(iter(readings)) if question.default_store else escape)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        return box, readings

    def _store(self, editor: AmountEditor, ore: int, hint) -> None:
        index = editor.index
        if index.isValid():
            self.model().set_amount(index, ore)
        if shiboken6.isValid(editor):
            super().closeEditor(editor, hint)

    def _edit_again(self, editor: AmountEditor) -> None:
        """Back to the editor as it was left, its text kept, to change the amount."""
        if not shiboken6.isValid(editor) or not editor.index.isValid():
            return
        index = self.model().index(editor.index.row(), editor.index.column())
        if self.currentIndex() != index:  # a click elsewhere committed it: back to its cell
            self.setCurrentIndex(index)
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- blocks -----------------------------------------------------------------------------------

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
        top, left = block[0], block[1]
        question = self.model().paste_question(top, left, text)
        if question is not None:
            self._ask_paste(top, left, text, question)
            return None
        return self._paste(top, left, text, None)

    def _paste(self, top: int, left: int, text: str, unit: Unit | None) -> str | None:
        problem = self.model().paste(top, left, text, unit)
        if problem:
            self.message.emit(problem)
        return problem

    def _ask_paste(self, top: int, left: int, text: str, question: PasteQuestion) -> None:
        """Ask which unit a pasted block is in; nothing is stored until it is answered."""
        box, units = self._question_box("Kontrollera beloppen", question, "Avbryt")

        def answered(button) -> None:
            self.question = None
            if button in units:
                self._paste(top, left, text, units[button])

        box.buttonClicked.connect(answered)
        box.finished.connect(lambda _result: setattr(self, "question", None))
        self.question = box
        box.open()

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
                ops.satt_belopp(model.ff, cells, clear_label(len(cells)))
            except ops.BudgetError as exc:
                self.message.emit(str(exc))


def clear_label(count: int) -> str:
    """The Ångra label of emptying cells: "Töm 1 budgetcell", "Töm 2 budgetceller"."""
    return f"Töm {count} budgetcell" if count == 1 else f"Töm {count} budgetceller"
