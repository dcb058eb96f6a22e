""" "Uppställning…": the förbund's own avsnitt of a budget version, in print order.

A list of the avsnitt (Rubrik, Summarad, what it sums) with buttons to add, change, move and
remove one; each button is one action through :mod:`finsam_desktop.uppstallning` (so Ångra
takes it back), and a refusal is said under the list. Rows are placed in an avsnitt from the
Koppla dialog. The dialog stays open until Stäng.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import uppstallning as up
from finsam_desktop.errors import Refusal
from finsam_desktop.model import Summerar
from finsam_desktop.storage import ForbundFile

from ..style import set_role
from .dialogs import _Dialog


class AvsnittDialog(_Dialog):
    """One avsnitt's heading, subtotal row and what that row sums (new or changed)."""

    def __init__(self, ff: ForbundFile, version_id: int, avsnitt: dict | None, parent=None):
        super().__init__("Nytt avsnitt" if avsnitt is None else "Ändra avsnitt", parent, "Spara")
        self.ff, self.version_id, self.avsnitt = ff, version_id, avsnitt
        self.rubrik = QLineEdit(avsnitt["rubrik"] if avsnitt else "")
        self.rubrik.setPlaceholderText("Kansli-/administrativa kostnader")
        self.summa = QLineEdit(avsnitt["summa"] if avsnitt else "")
        self.summa.setPlaceholderText("Summa styrelse och kansli (tomt: ingen summarad)")
        self.summerar = QComboBox()
        for s in Summerar:
            self.summerar.addItem(s.label, s.value)
        if avsnitt:
            self.summerar.setCurrentIndex(self.summerar.findData(avsnitt["summerar"]))
        self.form.addRow("&Rubrik:", self.rubrik)
        self.form.addRow("&Summarad:", self.summa)
        self.form.addRow("Summaraden s&ummerar:", self.summerar)
        hint = set_role(
            QLabel(
                "Raderna behåller sin betydelse (grupp och slag) för beräkningarna; avsnittet "
                "bestämmer bara var de visas och vad summaraden lägger ihop som den står. "
                "Placera rader i avsnittet med Koppla…."
            ),
            "muted",
        )
        hint.setWordWrap(True)
        self.layout_.addWidget(hint)
        self.finish_layout()

    def perform(self) -> None:
        summerar = self.summerar.currentData()
        if self.avsnitt is None:
            up.nytt_avsnitt(
                self.ff, self.version_id, self.rubrik.text(), self.summa.text(), summerar
            )
        else:
            up.andra_avsnitt(
                self.ff, self.avsnitt["id"], self.rubrik.text(), self.summa.text(), summerar
            )


class UppstallningDialog(QDialog):
    """The version's avsnitt in order, with the actions on them."""

    HEADERS = ("Rubrik", "Summarad", "Summerar", "Rader")

    def __init__(self, ff: ForbundFile, version_id: int, parent: QWidget | None = None):
        super().__init__(parent)
        self.ff, self.version_id = ff, version_id
        self.setWindowTitle("Budgetens uppställning")
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.resize(720, 420)
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Avsnitten visas i den här ordningen i budgeten, verksamhetsplanen och arbetsboken. "
            "Rader som inte ligger i något avsnitt visas efter, grupperade efter sin betydelse."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.table = QTableWidget(0, len(self.HEADERS))
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.setAccessibleName("Avsnitt")
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableWidget.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._change)
        layout.addWidget(self.table, 1)
        bar = QHBoxLayout()
        self.new_button = QPushButton("&Nytt avsnitt…")
        self.change_button = QPushButton("Än&dra…")
        self.up_button = QPushButton("Flytta &upp")
        self.down_button = QPushButton("Flytta n&ed")
        self.delete_button = QPushButton("&Ta bort")
        for b in (self.new_button, self.change_button, self.up_button, self.down_button,
                  self.delete_button):  # fmt: skip
            bar.addWidget(b)
        bar.addStretch(1)
        layout.addLayout(bar)
        self.error = set_role(QLabel(""), "fieldError")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Meddelande")
        layout.addWidget(self.error)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText("Stäng")
        close.rejected.connect(self.reject)
        layout.addWidget(close)
        self.new_button.clicked.connect(self._new)
        self.change_button.clicked.connect(self._change)
        self.up_button.clicked.connect(lambda: self._move(-1))
        self.down_button.clicked.connect(lambda: self._move(1))
        self.delete_button.clicked.connect(self._delete)
        self._child: QDialog | None = None
        self.refresh()

    def refresh(self, select: int | None = None) -> None:
        self.poster = up.avsnitt_poster(self.ff, self.version_id)
        counts = {a.id: len(a.rader) for a in up.uppstallning(self.ff, self.version_id) if a.egen}
        self.table.setRowCount(len(self.poster))
        for r, a in enumerate(self.poster):
            cells = (a["rubrik"], a["summa"], Summerar(a["summerar"]).label, str(counts[a["id"]]))
            for c, text in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        if select is not None:
            self.table.selectRow(select)

    def _selected(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].row() if rows else None

    def _run(self, action, select: int | None = None) -> None:
        try:
            action()
        except Refusal as exc:
            self.error.setText(str(exc))
            return
        self.error.setText("")
        self.refresh(select)

    def _open(self, dialog: QDialog) -> None:
        self._child = dialog
        dialog.accepted.connect(lambda: self.refresh(self._selected()))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _new(self) -> None:
        self._open(AvsnittDialog(self.ff, self.version_id, None, self))

    def _change(self) -> None:
        row = self._selected()
        if row is None:
            self.error.setText("Markera ett avsnitt först.")
            return
        self._open(AvsnittDialog(self.ff, self.version_id, self.poster[row], self))

    def _move(self, steg: int) -> None:
        row = self._selected()
        if row is None:
            self.error.setText("Markera ett avsnitt först.")
            return
        aid = self.poster[row]["id"]
        target = max(0, min(len(self.poster) - 1, row + steg))
        self._run(lambda: up.flytta_avsnitt(self.ff, aid, steg), target)

    def _delete(self) -> None:
        row = self._selected()
        if row is None:
            self.error.setText("Markera ett avsnitt först.")
            return
        aid = self.poster[row]["id"]
        self._run(lambda: up.ta_bort_avsnitt(self.ff, aid))
