"""The decision log inside Möten: every beslut with status, who answers for it and by when.

Filtered by meeting, insats and status; a double-click (or Enter) opens the beslut in its
meeting, where its status is kept up to date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from finsam_desktop import beslutslogg, insatser, moten
from finsam_desktop.beslutslogg import Beslut
from finsam_desktop.model import BeslutStatus
from finsam_desktop.storage import ForbundFile

from ..forms.insats import table
from ..models.editable import Column, EditableTableModel
from ..style import set_role
from .base import filter_bar

ALLA = "Alla"
#: The status filter's extra choice: öppen and pågår together.
OPPNA = "oppna"


class BeslutsloggView(QWidget):
    back = Signal()
    #: (mote_id, arende_id): open this beslut in its meeting.
    open_beslut = Signal(int, int)

    def __init__(self, today: Callable[[], dt.date], parent: QWidget | None = None):
        super().__init__(parent)
        self.today = today
        self.ff: ForbundFile | None = None
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        self.back_button = QPushButton("← Alla möten")
        set_role(self.back_button, "back")
        self.back_button.clicked.connect(self.back)
        top.addWidget(self.back_button)
        top.addSpacing(12)
        top.addWidget(set_role(QLabel("Beslutslogg"), "section"), 1)
        box.addLayout(top)

        self.mote_combo = QComboBox()
        self.mote_combo.setAccessibleName("Möte")
        self.insats_combo = QComboBox()
        self.insats_combo.setAccessibleName("Insats")
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status")
        self.status_combo.addItem("Öppna och pågående", OPPNA)
        self.status_combo.addItem(ALLA, None)
        for s in BeslutStatus:
            self.status_combo.addItem(s.label, s)
        bar = filter_bar(
            ("&Möte:", self.mote_combo), ("&Insats:", self.insats_combo),
            ("&Status:", self.status_combo),
        )  # fmt: skip
        box.addLayout(bar)
        self.model: EditableTableModel[Beslut] = EditableTableModel(
            [
                Column("Möte", lambda b: b.mote, lambda b: b.datum),
                Column("§", lambda b: f"§ {b.paragraf}" if b.paragraf else "",
                       lambda b: b.paragraf or 0),
                Column("Ärende", lambda b: b.rubrik),
                Column("Beslut", lambda b: b.beslut.splitlines()[0] if b.beslut else ""),
                Column("Insats", lambda b: b.insats),
                Column("Ansvarig", lambda b: b.ansvarig),
                Column("Senast", lambda b: b.senast.isoformat() if b.senast else "",
                       lambda b: b.senast or dt.date.max),
                Column("Status", lambda b: self._status(b)),
            ],
            key=lambda b: b.arende_id,
            parent=self,
        )  # fmt: skip
        self.table = table("Beslutslogg", self.model)
        self.table.setEditTriggers(self.table.EditTrigger.NoEditTriggers)
        self.table.doubleClicked.connect(lambda i: self._open(i.row()))
        for key in ("Return", "Enter"):
            QShortcut(
                QKeySequence(key), self.table, lambda: self._open(self.table.currentIndex().row()),
                context=Qt.ShortcutContext.WidgetShortcut,
            )  # fmt: skip
        box.addWidget(self.table, 1)
        self.summary = set_role(QLabel(), "muted")
        box.addWidget(self.summary)
        for combo in (self.mote_combo, self.insats_combo, self.status_combo):
            combo.currentIndexChanged.connect(self._load)

    def _status(self, b: Beslut) -> str:
        text = b.status.label if b.status else ""
        return f"{text}, försenat" if b.forsenad(self.today()) else text

    def show_log(self, ff: ForbundFile) -> None:
        self.ff = ff
        self.refresh()

    def refresh(self) -> None:
        if self.ff is None:
            return
        for combo, items in (
            (self.mote_combo, [(m.rubrik, m.id) for m in moten.moten(self.ff)]),
            (self.insats_combo, self._insatser()),
        ):
            wanted = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(ALLA, None)
            for text, data in items:
                combo.addItem(text, data)
            index = combo.findData(wanted)
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)
        self._load()

    def _insatser(self) -> list[tuple[str, int]]:
        assert self.ff is not None
        return [(i.namn, i.id) for i in insatser.namnlista(self.ff)]

    def _load(self) -> None:
        if self.ff is None:
            return
        status = self.status_combo.currentData()
        found = beslutslogg.beslut(
            self.ff,
            mote_id=self.mote_combo.currentData(),
            insats_id=self.insats_combo.currentData(),
            status=status if isinstance(status, BeslutStatus) else None,
            bara_oppna=status == OPPNA,
        )
        self.model.set_records(found)
        late = sum(1 for b in found if b.forsenad(self.today()))
        text = f"{len(found)} beslut"
        late_text = f"{late} {'försenat' if late == 1 else 'försenade'}"  # ett beslut, försenat
        self.summary.setText(text + (f"  ·  {late_text}" if late else ""))

    def _open(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            b = self.model.record(row)
            self.open_beslut.emit(b.mote_id, b.arende_id)
