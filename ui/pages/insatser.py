"""Insatser: every insats with its money for a year, filtered by year, status and type."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QHeaderView, QLabel, QTableView

from finsam_desktop.model import InsatsStatus, InsatsTyp
from finsam_desktop.money import format_amount

from .. import queries
from ..models.insatser import InsatserFilter, InsatserModel
from ..style import set_role
from .base import Page, filter_bar

ALL = "Alla"


class InsatserPage(Page):
    key = "insatser"
    title = "Insatser"
    icon_name = "insatser"
    description = "Förbundets insatser med beviljade och förbrukade medel för det valda året."

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        layout = self.page_layout()

        self.year_combo = QComboBox()
        self.year_combo.setAccessibleName("År")
        self.status_combo = QComboBox()
        self.status_combo.setAccessibleName("Status")
        self.status_combo.addItem(ALL, None)
        for status in InsatsStatus:
            self.status_combo.addItem(status.label, status)
        self.type_combo = QComboBox()
        self.type_combo.setAccessibleName("Typ")
        self.type_combo.addItem(ALL, None)
        for typ in InsatsTyp:
            self.type_combo.addItem(typ.label, typ)
        layout.addLayout(
            filter_bar(
                ("&År:", self.year_combo),
                ("S&tatus:", self.status_combo),
                ("T&yp:", self.type_combo),
            )
        )

        self.model = InsatserModel(self)
        self.proxy = InsatserFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("insatserTable")
        self.table.setAccessibleName("Insatser")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(InsatserModel.Column.NAMN, Qt.SortOrder.AscendingOrder)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(InsatserModel.Column.NAMN, QHeaderView.ResizeMode.Stretch)
        header.setHighlightSections(False)
        header.setMinimumSectionSize(70)
        layout.addWidget(self.table, 1)

        self.summary = set_role(QLabel(), "muted")
        self.summary.setAccessibleName("Summering")
        layout.addWidget(self.summary)

        self.year_combo.currentIndexChanged.connect(self._year_changed)
        self.status_combo.currentIndexChanged.connect(self._apply_filter)
        self.type_combo.currentIndexChanged.connect(self._apply_filter)
        self.proxy.rowsInserted.connect(self._update_summary)
        self.proxy.rowsRemoved.connect(self._update_summary)
        self.proxy.modelReset.connect(self._update_summary)
        self.proxy.layoutChanged.connect(self._update_summary)

    # -- reading ----------------------------------------------------------------------------

    def selected_year(self) -> int:
        year = self.year_combo.currentData()
        return year if year is not None else self.today().year

    def refresh(self) -> None:
        if self.ff is None:
            self.model.set_year(self.today().year, [])
            return
        wanted = self.selected_year() if self.year_combo.count() else self.today().year
        years = sorted(set(queries.insats_ar(self.ff)) | {self.today().year}, reverse=True)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(wanted)))
        self.year_combo.blockSignals(False)
        self._load()

    def _year_changed(self) -> None:
        if self.ff is not None:
            self._load()

    def _load(self) -> None:
        assert self.ff is not None
        year = self.selected_year()
        self.model.set_year(year, queries.insatser(self.ff, year))
        self._apply_filter()

    def _apply_filter(self) -> None:
        self.proxy.set_filter(
            year=self.selected_year(),
            status=self.status_combo.currentData(),
            typ=self.type_combo.currentData(),
        )
        self._update_summary()

    def _update_summary(self, *args) -> None:
        shown = [
            self.proxy.mapToSource(self.proxy.index(row, 0)).row()
            for row in range(self.proxy.rowCount())
        ]
        records = [self.model.record(row) for row in shown]
        beviljat = sum(r.beviljat_ore or 0 for r in records)
        forbrukat = sum(r.forbrukat_ore or 0 for r in records)
        count = len(records)
        noun = "insats" if count == 1 else "insatser"
        year = self.selected_year()
        self.summary.setText(
            f"{count} {noun} visas  ·  Beviljat {year}: {format_amount(beviljat, suffix=True)}"
            f"  ·  Förbrukat {year}: {format_amount(forbrukat, suffix=True)}"
            f"  ·  Ej förbrukat: {format_amount(beviljat - forbrukat, suffix=True)}"
        )
