"""Styrelse: who sits on the board on a chosen date, per member, and the revisorer."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
)

from finsam_desktop.model import Funktion, Roll

from .. import queries
from ..models.styrelse import StyrelseModel, styrelse_rader
from ..text import join_and
from .base import Page, card, filter_bar

#: The first mandate period of the present four-year cycle (after the 2022 election).
_MANDATE_ANCHOR = 2023


def mandate_period(day: dt.date) -> tuple[dt.date, dt.date]:
    """The styrelse's mandate period around ``day``: four years from 1 April after an election.

    (A domain rule; it belongs in finsam_desktop with the other styrelse rules.)
    """
    start_year = day.year if day >= dt.date(day.year, 4, 1) else day.year - 1
    start_year -= (start_year - _MANDATE_ANCHOR) % 4
    return dt.date(start_year, 4, 1), dt.date(start_year + 4, 3, 31)


class StyrelsePage(Page):
    key = "styrelse"
    title = "Styrelse"
    icon_name = "styrelse"
    description = (
        "Ledamöter och ersättare per medlem, ordförande och vice ordförande, och revisorer."
    )

    def __init__(self, today=None, parent=None):
        super().__init__(today, parent)
        layout = self.page_layout(scroll=True)

        self.date_edit = QDateEdit()
        self.date_edit.setAccessibleName("Datum")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setDate(QDate(self.today()))
        self.today_button = QPushButton("I &dag")
        self.today_button.setAccessibleName("Visa styrelsen i dag")
        self.today_button.clicked.connect(lambda: self.date_edit.setDate(QDate(self.today())))
        bar = filter_bar(("Styrelsen &den:", self.date_edit))
        bar.insertWidget(2, self.today_button)
        layout.addLayout(bar)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Styrelsen i korthet")
        layout.addWidget(self.summary)

        self.model = StyrelseModel(self)
        self.table = QTableView()
        self.table.setObjectName("styrelseTable")
        self.table.setAccessibleName("Styrelsens ledamöter och ersättare")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.setShowGrid(False)
        self.table.setTabKeyNavigation(False)
        self.table.setWordWrap(False)
        self.table.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = self.table.horizontalHeader()
        header.setHighlightSections(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table)

        frame, box = card("Revisorer")
        self.revisorer = QLabel()
        self.revisorer.setWordWrap(True)
        self.revisorer.setAccessibleName("Revisorer")
        self.revisorer.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.revisorer)
        layout.addWidget(frame)
        layout.addStretch(1)

        self.date_edit.dateChanged.connect(self.refresh)

    def selected_date(self) -> dt.date:
        return self.date_edit.date().toPython()

    def refresh(self) -> None:
        if self.ff is None:
            self.model.set_records([])
            return
        day = self.selected_date()
        seats = queries.styrelse_pa(self.ff, day)
        self.model.set_records(styrelse_rader(seats))
        self.table.setVisible(bool(seats))
        self._fit_table()

        start, end = mandate_period(day)
        if seats:
            ledamoter = sum(1 for s in seats if s.roll is Roll.LEDAMOT)
            ersattare = len(seats) - ledamoter
            parts = [
                f"{ledamoter} {'ledamot' if ledamoter == 1 else 'ledamöter'} och "
                f"{ersattare} ersättare den {day.isoformat()}."
            ]
            for funktion in Funktion:
                holders = [s for s in seats if s.funktion is funktion]
                for s in holders:
                    parts.append(f"{funktion.label}: {s.person} ({s.medlem}).")
            parts.append(f"Mandatperiod {start.isoformat()} – {end.isoformat()}.")
            self.summary.setText(" ".join(parts))
        else:
            self.summary.setText(
                f"Ingen styrelse är registrerad den {day.isoformat()}. "
                f"(Mandatperiod {start.isoformat()} – {end.isoformat()}.)"
            )

        auditors = queries.revisorer_pa(self.ff, day)
        if auditors:
            lines = []
            for r in auditors:
                line = r.namn
                if r.medlemmar:
                    line += " – utsedd av " + join_and(r.medlemmar)
                lines.append(line)
            self.revisorer.setText("\n".join(lines))
        else:
            self.revisorer.setText(f"Inga revisorer är registrerade den {day.isoformat()}.")

    def _fit_table(self) -> None:
        """Show every row without a scroll bar of its own: the page scrolls instead."""
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        for row in range(self.model.rowCount()):
            height += self.table.rowHeight(row)
        self.table.setFixedHeight(max(height, 60))
