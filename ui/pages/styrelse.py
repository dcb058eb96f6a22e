"""Styrelse: who sits on the board on a chosen date, what is missing, every seat, revisorer.

The board on any date (the årsredovisning needs the start of the year and the changes during
it), warnings when a member lacks a ledamot or an ersättare or the presidium is not a ledamot,
and the seats and revisorer to edit: a new seat, a change, a person leaving with a successor.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
)

from finsam_desktop import styrelse
from finsam_desktop.forbund import Ogiltigt, medlemmar
from finsam_desktop.model import Funktion, Roll
from finsam_desktop.styrelse import Revisor, Uppdrag, mandate_period
from finsam_desktop.swedish import join_list as join_and

from ..dialogs.styrelse import (
    LeaveDialog,
    MandatperiodDialog,
    PersonDialog,
    RevisorDialog,
    SeatDialog,
)
from ..forms.date_field import DateField
from ..models.base import RECORD_ROLE, Column, RecordTableModel, SortProxy
from ..models.styrelse import StyrelseModel, UppdragModel, styrelse_rader
from ..style import set_role
from .base import Page, card, filter_bar

__all__ = ["StyrelsePage", "mandate_period"]


class RevisorModel(RecordTableModel[Revisor]):
    def __init__(self, parent=None):
        super().__init__(
            [
                Column("Revisor", lambda r: r.namn),
                Column("Utsedd av", lambda r: join_and(r.medlemmar)),
                Column("Från", lambda r: r.fran.isoformat() if r.fran else "", lambda r: r.fran),
                Column(
                    "Till",
                    lambda r: r.till.isoformat() if r.till else "tills vidare",
                    lambda r: r.till,
                ),
            ],
            parent,
        )


def _fixed_table(name: str, model) -> QTableView:
    view = QTableView()
    view.setAccessibleName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.setTabKeyNavigation(False)
    view.setWordWrap(False)
    view.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = view.horizontalHeader()
    header.setHighlightSections(False)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    return view


def _fit(view: QTableView) -> None:
    """Show every row without a scroll bar of its own: the page scrolls instead."""
    view.resizeRowsToContents()
    height = view.horizontalHeader().height() + 2 * view.frameWidth()
    for row in range(view.model().rowCount()):
        height += view.rowHeight(row)
    view.setFixedHeight(max(height, 60))


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

        self.date_edit = DateField("Datum", day=self.today(), today=self.today)
        self.today_button = QPushButton("I &dag")
        self.today_button.setAccessibleName("Visa styrelsen i dag")
        self.today_button.clicked.connect(lambda: self.date_edit.setDate(QDate(self.today())))
        self.year_start_button = QPushButton("Vid å&rets början")
        self.year_start_button.setAccessibleName("Visa styrelsen vid årets början")
        self.year_start_button.clicked.connect(
            lambda: self.date_edit.setDate(QDate(self.selected_date().year, 1, 1))
        )
        bar = filter_bar(("Styrelsen &den:", self.date_edit))
        bar.insertWidget(2, self.today_button)
        bar.insertWidget(3, self.year_start_button)
        layout.addLayout(bar)
        layout.addWidget(self.date_edit.error)

        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Styrelsen i korthet")
        layout.addWidget(self.summary)
        self.warnings = set_role(QLabel(), "warningBox")
        self.warnings.setWordWrap(True)
        self.warnings.setAccessibleName("Varningar om styrelsen")
        layout.addWidget(self.warnings)

        self.model = StyrelseModel(self)
        self.table = _fixed_table("Styrelsens ledamöter och ersättare", self.model)
        self.table.setObjectName("styrelseTable")
        self.table.setShowGrid(False)
        layout.addWidget(self.table)

        frame, box = card("Förändringar under året")
        self.changes = QLabel()
        self.changes.setWordWrap(True)
        self.changes.setAccessibleName("Förändringar under året")
        self.changes.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.changes)
        layout.addWidget(frame)

        frame, box = card("Alla uppdrag")
        self.seat_model = UppdragModel(self)
        self.seat_proxy = SortProxy(self)
        self.seat_proxy.setSourceModel(self.seat_model)
        self.seats = _fixed_table("Alla uppdrag", self.seat_proxy)
        self.seats.setObjectName("uppdragTable")
        self.seats.doubleClicked.connect(lambda _i: self.edit_seat())
        box.addWidget(self.seats)
        row = QHBoxLayout()
        self.period_button = QPushButton("Ny &mandatperiod…")
        self.period_button.setToolTip(
            "Hela styrelsen för en mandatperiod i ett formulär: ledamot och ersättare per medlem"
        )
        self.period_button.clicked.connect(self.new_period)
        self.new_seat_button = QPushButton("&Ny plats…")
        self.new_seat_button.clicked.connect(lambda: self.edit_seat(new=True))
        self.edit_seat_button = QPushButton("Ä&ndra…")
        self.edit_seat_button.clicked.connect(lambda: self.edit_seat())
        self.person_button = QPushButton("Ändra &person…")
        self.person_button.setToolTip("Namn, e-post och telefon för personen i det valda uppdraget")
        self.person_button.clicked.connect(lambda: self.edit_person())
        self.leave_button = QPushButton("&Avgår, efterträdare…")
        self.leave_button.clicked.connect(self.leave)
        self.delete_seat_button = QPushButton("Ta bort")
        self.delete_seat_button.setAccessibleName("Ta bort uppdraget")
        self.delete_seat_button.clicked.connect(self.delete_seat)
        for b in (
            self.period_button,
            self.new_seat_button,
            self.edit_seat_button,
            self.person_button,
            self.leave_button,
        ):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.delete_seat_button)
        box.addLayout(row)
        self.seat_error = set_role(QLabel(), "fieldError")
        self.seat_error.setWordWrap(True)
        box.addWidget(self.seat_error)
        layout.addWidget(frame)

        frame, box = card("Revisorer")
        self.revisorer = QLabel()
        self.revisorer.setWordWrap(True)
        self.revisorer.setAccessibleName("Revisorer")
        self.revisorer.setTextFormat(Qt.TextFormat.PlainText)
        box.addWidget(self.revisorer)
        self.revisor_model = RevisorModel(self)
        self.revisor_table = _fixed_table("Alla revisorer", self.revisor_model)
        self.revisor_table.doubleClicked.connect(lambda _i: self.edit_revisor())
        box.addWidget(self.revisor_table)
        row = QHBoxLayout()
        new_rev = QPushButton("Ny &revisor…")
        new_rev.clicked.connect(lambda: self.edit_revisor(new=True))
        edit_rev = QPushButton("Ändra revisor…")
        edit_rev.clicked.connect(lambda: self.edit_revisor())
        del_rev = QPushButton("Ta bort revisor")
        del_rev.clicked.connect(self.delete_revisor)
        row.addWidget(new_rev)
        row.addWidget(edit_rev)
        row.addStretch(1)
        row.addWidget(del_rev)
        box.addLayout(row)
        layout.addWidget(frame)
        layout.addStretch(1)
        self.dialog = None

        self.date_edit.dateChanged.connect(self.refresh)

    def selected_date(self):
        return self.date_edit.date().toPython()

    def refresh(self) -> None:
        if self.ff is None:
            self.model.set_records([])
            self.seat_model.set_records([])
            self.revisor_model.set_records([])
            return
        day = self.selected_date()
        seats = styrelse.styrelse_pa(self.ff, day)
        self.model.set_records(styrelse_rader(seats))
        self.table.setVisible(bool(seats))
        _fit(self.table)

        start, end = mandate_period(day)
        if seats:
            ledamoter = sum(1 for s in seats if s.roll is Roll.LEDAMOT)
            ersattare = len(seats) - ledamoter
            parts = [
                f"{ledamoter} {'ledamot' if ledamoter == 1 else 'ledamöter'} och "
                f"{ersattare} ersättare den {day.isoformat()}."
            ]
            for funktion in Funktion:
                for s in seats:
                    if s.funktion is funktion:
                        parts.append(f"{funktion.label}: {s.person} ({s.medlem}).")
            parts.append(f"Mandatperiod {start.isoformat()} – {end.isoformat()}.")
            self.summary.setText(" ".join(parts))
        else:
            self.summary.setText(
                f"Ingen styrelse är registrerad den {day.isoformat()}. "
                f"(Mandatperiod {start.isoformat()} – {end.isoformat()}.)"
            )
        warnings = styrelse.varningar(self.ff, day)
        self.warnings.setText("\n".join("⚠ " + w for w in warnings))
        self.warnings.setVisible(bool(warnings))

        changes = styrelse.andringar_under(self.ff, day.year)
        self.changes.setText(
            "\n".join(c.text for c in changes)
            if changes
            else f"Inga förändringar i styrelsen under {day.year}."
        )

        current = self.current_seat()
        self.seat_model.set_records(styrelse.alla_uppdrag(self.ff))
        _fit(self.seats)
        if current is not None:
            self.select_seat(current.id)

        auditors = styrelse.revisorer_pa(self.ff, day)
        if auditors:
            lines = []
            for r in auditors:
                line = r.namn
                if r.medlemmar:
                    line += " – utsedd av " + join_and(r.medlemmar)
                lines.append(line)
            self.revisorer.setText(f"Den {day.isoformat()}:\n" + "\n".join(lines))
        else:
            self.revisorer.setText(f"Inga revisorer är registrerade den {day.isoformat()}.")
        self.revisor_model.set_records(styrelse.alla_revisorer(self.ff))
        _fit(self.revisor_table)

    # -- seats ---------------------------------------------------------------------------

    def current_seat(self) -> Uppdrag | None:
        index = self.seats.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def select_seat(self, uppdrag_id: int) -> bool:
        for row in range(self.seat_proxy.rowCount()):
            index = self.seat_proxy.index(row, 0)
            if index.data(RECORD_ROLE).id == uppdrag_id:
                self.seats.setCurrentIndex(index)
                return True
        return False

    def _open(self, dialog) -> None:
        self.dialog = dialog
        dialog.open()

    def edit_seat(self, new: bool = False):
        if self.ff is None:
            return None
        seat = None if new else self.current_seat()
        if not new and seat is None:
            self.seat_error.setText("Välj ett uppdrag i listan först.")
            return None
        self.seat_error.setText("")
        dialog = SeatDialog(self.ff, medlemmar(self.ff), seat, self.today(), self)
        self._open(dialog)
        return dialog

    def new_period(self):
        """The whole styrelse of a mandate period; once stored, the page shows its first day."""
        if self.ff is None:
            return None
        self.seat_error.setText("")
        dialog = MandatperiodDialog(self.ff, medlemmar(self.ff), self.today(), self)
        dialog.accepted.connect(lambda: self.date_edit.setDate(QDate(dialog.saved_from)))
        self._open(dialog)
        return dialog

    def edit_person(self):
        """Name, e-post and telefon of the person holding the selected seat."""
        seat = self.current_seat()
        if self.ff is None or seat is None:
            self.seat_error.setText("Välj ett uppdrag för personen i listan först.")
            return None
        person = styrelse.person(self.ff, seat.person_id)
        if person is None:
            return None
        self.seat_error.setText("")
        dialog = PersonDialog(self.ff, person, self)
        self._open(dialog)
        return dialog

    def leave(self):
        seat = self.current_seat()
        if self.ff is None or seat is None:
            self.seat_error.setText("Välj det uppdrag som personen lämnar.")
            return None
        self.seat_error.setText("")
        dialog = LeaveDialog(self.ff, seat, self.today(), self)
        self._open(dialog)
        return dialog

    def delete_seat(self) -> None:
        seat = self.current_seat()
        if self.ff is None or seat is None:
            return
        try:
            styrelse.ta_bort_uppdrag(self.ff, seat.id)
            self.seat_error.setText("")
        except Ogiltigt as exc:
            self.seat_error.setText(str(exc))

    # -- revisorer -----------------------------------------------------------------------

    def current_revisor(self) -> Revisor | None:
        index = self.revisor_table.currentIndex()
        return index.data(RECORD_ROLE) if index.isValid() else None

    def edit_revisor(self, new: bool = False):
        if self.ff is None:
            return None
        revisor = None if new else self.current_revisor()
        if not new and revisor is None:
            return None
        dialog = RevisorDialog(self.ff, medlemmar(self.ff), revisor, self)
        self._open(dialog)
        return dialog

    def delete_revisor(self) -> None:
        revisor = self.current_revisor()
        if self.ff is not None and revisor is not None:
            answer = QMessageBox.question(
                self, "Ta bort revisor", f"Ta bort revisorn {revisor.namn}?"
            )
            if answer == QMessageBox.StandardButton.Yes:
                styrelse.ta_bort_revisor(self.ff, revisor.id)

    def show_person(self, person_id: int) -> bool:
        """Select the person's latest seat (from a search hit)."""
        rows = [
            self.seat_proxy.index(r, 0)
            for r in range(self.seat_proxy.rowCount())
            if self.seat_proxy.index(r, 0).data(RECORD_ROLE).person_id == person_id
        ]
        if not rows:
            return False
        latest = max(rows, key=lambda i: i.data(RECORD_ROLE).fran)
        self.seats.setCurrentIndex(latest)
        self.seats.setFocus()
        return True

    def show_finding(self, table: str, key, year: int | None) -> None:
        """Show where a finding is fixed: the seat (uppdrag), or the styrelse of its year."""
        if year is not None and year != self.selected_date().year:
            self.date_edit.setDate(QDate(year, 1, 1))
        if table == "uppdrag" and key is not None:
            self.select_seat(int(key))
            self.seats.setFocus()
        else:
            self.new_seat_button.setFocus()
