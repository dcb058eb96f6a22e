"""Ctrl+F: one box that searches insatser, möten, ärenden and personer and jumps to the hit.

The popup lists hits as you type (grouped by kind, best first); Enter or a double-click opens
the hit's place, Escape closes. The search itself is :func:`finsam_desktop.search.sok`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.search import KIND_LABELS, Traff, sok
from finsam_desktop.storage import ForbundFile

from ..style import set_role


class SearchPopup(QDialog):
    """A small non-modal search window; ``chosen`` carries the picked :class:`Traff`."""

    chosen = Signal(object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Sök")
        self.setAccessibleName("Sök")
        self.setMinimumSize(640, 400)
        self.ff: ForbundFile | None = None
        layout = QVBoxLayout(self)
        self.box = QLineEdit()
        self.box.setAccessibleName("Sök efter")
        self.box.setPlaceholderText("Sök insatser, möten, ärenden och personer…")
        self.box.setClearButtonEnabled(True)
        layout.addWidget(self.box)
        self.results = QListWidget()
        self.results.setAccessibleName("Sökträffar")
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.results.setUniformItemSizes(True)
        layout.addWidget(self.results, 1)
        self.status = set_role(QLabel(), "muted")
        layout.addWidget(self.status)
        self.box.textChanged.connect(self.search)
        self.box.returnPressed.connect(self.open_current)
        self.results.itemActivated.connect(lambda _item: self.open_current())
        self.box.installEventFilter(self)

    def start(self, ff: ForbundFile) -> None:
        self.ff = ff
        self.search(self.box.text())
        self.show()
        self.activateWindow()
        self.box.setFocus()
        self.box.selectAll()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Up and Down in the box move through the hits."""
        if (
            watched is self.box
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
        ):
            key = event.key()
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Up) and self.results.count():
                step = 1 if key == Qt.Key.Key_Down else -1
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def search(self, text: str) -> list[Traff]:
        self.results.clear()
        if self.ff is None or not text.strip():
            self.status.setText("Skriv ett eller flera ord.")
            return []
        hits = sok(self.ff, text)
        for hit in hits:
            label = f"{KIND_LABELS[hit.kind]}: {hit.titel}"
            if hit.detalj:
                label += f"  —  {hit.detalj}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, hit)
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
            self.status.setText(
                f"{len(hits)} {'träff' if len(hits) == 1 else 'träffar'}. Retur öppnar."
            )
        else:
            self.status.setText(f"Inget hittades för ”{text.strip()}”.")
        return hits

    def open_current(self) -> None:
        item = self.results.currentItem()
        if item is None:
            return
        hit = item.data(Qt.ItemDataRole.UserRole)
        self.hide()
        self.chosen.emit(hit)
