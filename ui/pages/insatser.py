"""Insatser: the list (filter by year, status and type) and the form of one insats.

The list and the form share the page: Enter or a double-click opens an insats, Alt+Vänsterpil
or the back button returns to the list. "Ny insats" asks for a name and opens the new insats.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QInputDialog,
    QLabel,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import insatser
from finsam_desktop.model import InsatsStatus, InsatsTyp
from finsam_desktop.money import format_amount

from ..forms.insats import InsatsForm
from ..models.insatser import InsatserFilter, InsatserModel
from ..style import set_role
from .base import filter_bar
from .list_form import ListFormPage

ALL = "Alla"


class InsatserPage(ListFormPage):
    key = "insatser"
    title = "Insatser"
    icon_name = "insatser"
    description = "Förbundets insatser med beviljade och förbrukade medel för det valda året."

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        layout = self.page_layout()
        self.views = QStackedWidget()
        layout.addWidget(self.views, 1)

        listing = QWidget()
        box = QVBoxLayout(listing)
        box.setContentsMargins(0, 0, 0, 0)
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
        bar = filter_bar(
            ("&År:", self.year_combo),
            ("S&tatus:", self.status_combo),
            ("T&yp:", self.type_combo),
        )
        self.new_button = QPushButton("&Ny insats…")
        self.new_button.setAccessibleName("Ny insats")
        self.new_button.clicked.connect(self.new_insats)
        self.open_button = QPushButton("Ö&ppna")
        self.open_button.setAccessibleName("Öppna vald insats")
        self.open_button.clicked.connect(self.open_current)
        bar.addWidget(self.open_button)
        bar.addWidget(self.new_button)
        box.addLayout(bar)

        self.model = InsatserModel(self)
        self.proxy = InsatserFilter(self)
        self.proxy.setSourceModel(self.model)
        self.table = self.list_table(
            "Insatser",
            "insatsen",
            InsatserModel.Column.NAMN,
            Qt.SortOrder.AscendingOrder,
            InsatserModel.Column.NAMN,
        )
        self.table.setObjectName("insatserTable")
        box.addWidget(self.table, 1)
        self.summary = set_role(QLabel(), "muted")
        self.summary.setAccessibleName("Summering")
        box.addWidget(self.summary)
        self.views.addWidget(listing)
        self.listing = listing

        self.form = InsatsForm(self.today)
        self.form.back.connect(self.show_list)
        self.form.delete_button.clicked.connect(self._delete_current)
        self.views.addWidget(self.form)

        order = [self.year_combo, self.status_combo, self.type_combo, self.table,
                 self.open_button, self.new_button]  # fmt: skip
        for first, second in itertools.pairwise(order):
            QWidget.setTabOrder(first, second)

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

    def set_file(self, ff) -> None:
        """Another file (or none): the form of the old file's insats is closed first."""
        if ff is not self.ff:
            self.form.ff = None
            self.form.insats = None
            self.views.setCurrentWidget(self.listing)
        super().set_file(ff)

    def refresh(self) -> None:
        if self.ff is None:
            self.model.set_year(self.today().year, [])
            self.show_list()
            return
        wanted = self.selected_year() if self.year_combo.count() else self.today().year
        years = sorted(set(insatser.insats_ar(self.ff)) | {self.today().year}, reverse=True)
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        for year in years:
            self.year_combo.addItem(str(year), year)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(wanted)))
        self.year_combo.blockSignals(False)
        self._load()
        if self.views.currentWidget() is self.form:
            self.form.refresh()

    def _year_changed(self) -> None:
        if self.ff is not None:
            self._load()

    def _load(self) -> None:
        assert self.ff is not None
        current = self.current_id()
        year = self.selected_year()
        self.model.set_year(year, insatser.insatser(self.ff, year))
        self._apply_filter()
        if current is not None:
            self.select(current)

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

    # -- list and form ----------------------------------------------------------------------

    def open_record(self, record_id: int) -> bool:
        return self.open_insats(record_id)

    def open_insats(self, insats_id: int) -> bool:
        """Show the form of ``insats_id`` (also when the list's filters hide it)."""
        if self.ff is None or not self.form.show_insats(self.ff, insats_id):
            return False
        if not self.select(insats_id):
            self.status_combo.setCurrentIndex(0)
            self.type_combo.setCurrentIndex(0)
            self.select(insats_id)
        self.views.setCurrentWidget(self.form)
        self.form.namn.setFocus()
        return True

    def new_insats(self) -> int | None:
        if self.ff is None:
            return None
        namn, ok = QInputDialog.getText(self, "Ny insats", "Insatsens namn:")
        if not ok:
            return None
        return self.create(namn)

    def create(self, namn: str) -> int | None:
        assert self.ff is not None
        ff = self.ff
        return self.create_record("Ny insats", lambda: insatser.ny_insats(ff, namn))

    def _delete_current(self) -> None:
        ins = self.form.insats
        if ins is None or self.ff is None:
            return
        ff = self.ff
        self.confirm_delete(
            "Ta bort insatsen",
            f"Ta bort {ins.namn} med dess pengar, mål och uppföljning? Du kan ångra med Ctrl+Z.",
            lambda: insatser.ta_bort(ff, ins.id),
        )
