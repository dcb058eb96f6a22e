"""Möten: the förbund's meetings, newest first, of one year or all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableView

from .. import queries
from ..models.base import SortProxy
from ..models.moten import NOT_JUSTERAT, MotenModel
from ..style import set_role
from .base import Page, filter_bar

ALL_YEARS = "Alla år"


class MotenPage(Page):
    key = "moten"
    title = "Möten"
    icon_name = "moten"
    description = "Styrelsemöten, beredningar och medlemssamråd med antal ärenden och justering."

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        layout = self.page_layout()

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("År")
        layout.addLayout(filter_bar(("&År:", self.year_combo)))

        self.model = MotenModel(self.today, self)
        self.proxy = SortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("motenTable")
        self.table.setAccessibleName("Möten")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(MotenModel.Column.DATUM, Qt.SortOrder.DescendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(MotenModel.Column.PLATS, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(70)
        layout.addWidget(self.table, 1)

        self.summary = set_role(QLabel(), "muted")
        layout.addWidget(self.summary)
        self.year_combo.currentIndexChanged.connect(self._load)

    def refresh(self) -> None:
        if self.ff is None:
            self.model.set_records([])
            return
        wanted = self.year_combo.currentData() if self.year_combo.count() else self.today().year
        years = queries.mote_ar(self.ff)
        if self.today().year not in years:
            years = sorted([*years, self.today().year], reverse=True)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(ALL_YEARS, None)
        for year in years:
            self.year_combo.addItem(str(year), year)
        index = self.year_combo.findData(wanted)
        self.year_combo.setCurrentIndex(index if index >= 0 else 0)
        self.year_combo.blockSignals(False)
        self._load()

    def _load(self) -> None:
        if self.ff is None:
            return
        records = queries.moten(self.ff, self.year_combo.currentData())
        self.model.set_records(records)
        today = self.today()
        coming = sum(1 for m in records if m.datum >= today)
        waiting = sum(
            1
            for row in range(self.model.rowCount())
            if self.model.index(row, MotenModel.Column.JUSTERAT).data() == NOT_JUSTERAT
        )
        parts = [f"{len(records)} {'möte' if len(records) == 1 else 'möten'}"]
        if coming:
            parts.append(f"{coming} kommande")
        if waiting:
            parts.append(f"{waiting} protokoll ej {'justerat' if waiting == 1 else 'justerade'}")
        self.summary.setText("  ·  ".join(parts))
