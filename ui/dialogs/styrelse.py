"""Dialogs of the Styrelse page: a whole mandate period, a seat, a person, a person leaving with
a successor, a revisor.

Each dialog stores its whole change as one action when accepted; a refusal is shown in the
dialog, which stays open with what was typed. Every dialog opens in its first field, has no
default button until its required fields are filled (so neither Enter nor a stray space
stores an empty form), keeps the room for its message free so the buttons never move, and
checks again as the person types once it has said what is wrong: the message goes as soon as
the input is right.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import styrelse
from finsam_desktop.dates import parse_date
from finsam_desktop.forbund import Medlem, Ogiltigt
from finsam_desktop.model import Funktion, Roll
from finsam_desktop.storage import ForbundFile
from finsam_desktop.styrelse import NyPlats, Person, Revisor, Uppdrag
from finsam_desktop.text import clean_text

from ..forms.fields import ErrorLabel, attempt, ok_cancel_buttons, parse_optional_date, show_date
from ..style import set_role

#: Lines kept free for a dialog's message; the longest (a second seat refused, naming the
#: seat held) takes three at the dialogs' width.
MESSAGE_LINES = 3


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QLineEdit):
        return widget.text()
    return ""


class _FormDialog(QDialog):
    """A form with a red message line and OK/Avbryt; ``save`` runs on OK and may refuse,
    ``check`` asks the same without storing (run as the person types once refused)."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(440)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setHorizontalSpacing(12)
        layout.addLayout(self.form)
        # The message's room is kept when there is no message, so nothing below moves.
        self.error = ErrorLabel()
        self.error.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.error_area = QWidget()
        area = QVBoxLayout(self.error_area)
        area.setContentsMargins(0, 4, 0, 0)
        area.addWidget(self.error)
        area.addStretch(1)
        layout.addWidget(self.error_area)
        self.buttons = ok_cancel_buttons(self, ok_text, self._try_accept)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        for button in (self.ok_button, cancel):
            button.setAutoDefault(False)  # a focused button is no default for Enter
        layout.addWidget(self.buttons)
        self.save: Callable[[], None] = lambda: None
        self.check: Callable[[], None] | None = None
        #: Fields that must hold text before OK becomes the default button.
        self.required: list[QWidget] = []
        #: Where the focus starts; the first field added unless a dialog says otherwise.
        self.first_field: QWidget | None = None
        self._opened = False

    def add(self, text: str, widget: QWidget) -> QWidget:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        self.form.addRow(label, widget)
        self.watch(widget)
        if self.first_field is None:
            self.first_field = widget
        return widget

    def watch(self, widget: QWidget) -> None:
        """Check again when ``widget`` changes (and keep the default button right)."""
        if isinstance(widget, QComboBox):
            widget.currentTextChanged.connect(self._changed)
        elif isinstance(widget, QLineEdit):
            widget.textChanged.connect(self._changed)
        elif isinstance(widget, QAbstractButton):
            widget.toggled.connect(self._changed)

    def ready(self) -> bool:
        """Whether Enter may store the form: every required field has text."""
        return bool(self.required) and all(_text_of(w).strip() for w in self.required)

    def _changed(self, *_args) -> None:
        self.ok_button.setDefault(self.ready())
        if self.error.text() and self.check is not None:
            attempt(self, self.error, self.check)  # gone when right, else the reason now

    def setVisible(self, visible: bool) -> None:
        super().setVisible(visible)
        if not visible or self._opened:
            return
        # The button box made OK the default, and Qt may have put the focus on it, as the
        # dialog was shown: start in the first field, OK the default only once it can store.
        self._opened = True
        self.error.ensurePolished()
        lines = MESSAGE_LINES * self.error.fontMetrics().lineSpacing()
        self.error_area.setMinimumHeight(lines + self.error_area.layout().contentsMargins().top())
        self.ok_button.setDefault(self.ready())
        if self.first_field is not None:
            self.first_field.setFocus(Qt.FocusReason.OtherFocusReason)

    def _try_accept(self) -> None:
        if attempt(self, self.error, self.save):
            self.accept()
        else:
            self.grow()

    def grow(self) -> None:
        """Make room for a message longer than the room kept for it, and keep that room."""
        layout = self.layout()
        layout.activate()
        width = self.width()
        if layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = layout.totalSizeHint().height()
        if height > self.height():
            self.resize(width, height)
            self.error_area.setMinimumHeight(self.error_area.sizeHint().height())


def _date_edit(day: dt.date | None, placeholder: str = "åååå-mm-dd") -> QLineEdit:
    edit = QLineEdit(show_date(day))
    edit.setPlaceholderText(placeholder)
    return edit


def _name_completer(names: list[str], parent: QWidget) -> QCompleter:
    """Suggestions from the people in the file, matching any part of the name."""
    completer = QCompleter(names, parent)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setFilterMode(Qt.MatchFlag.MatchContains)
    return completer


def _person_box(names: list[str], parent: QWidget) -> QComboBox:
    box = QComboBox()
    box.setEditable(True)
    box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # Enter adds no item to the list
    box.addItems(names)
    box.setCompleter(_name_completer(names, parent))
    return box


class SeatDialog(_FormDialog):
    """A new seat, or every field of an existing one.

    A new seat starts today: one seat is added mid-period (a new person appointed); a whole
    board for a mandate period is entered in :class:`MandatperiodDialog` instead.
    """

    def __init__(
        self,
        ff: ForbundFile,
        members: list[Medlem],
        seat: Uppdrag | None,
        today: dt.date,
        parent: QWidget | None = None,
    ):
        title = "Ny plats i styrelsen" if seat is None else f"Ändra uppdraget för {seat.person}"
        super().__init__(title, "Lägg till" if seat is None else "Spara", parent)
        self.person = _person_box([p.namn for p in styrelse.personer(ff)], self)
        self.person.setCurrentText(seat.person if seat else "")
        self.add("&Namn:", self.person)
        self.medlem = QComboBox()
        for m in members:
            self.medlem.addItem(m.namn, m.id)
        if seat:
            self.medlem.setCurrentIndex(max(0, self.medlem.findData(seat.medlem_id)))
        self.add("&Medlem:", self.medlem)
        self.roll = QComboBox()
        for r in Roll:
            self.roll.addItem(r.label, r)
        if seat:
            self.roll.setCurrentIndex(self.roll.findData(seat.roll))
        self.add("&Roll:", self.roll)
        self.funktion = QComboBox()
        self.funktion.addItem("–", None)
        for f in Funktion:
            self.funktion.addItem(f.label, f)
        if seat and seat.funktion:
            self.funktion.setCurrentIndex(self.funktion.findData(seat.funktion))
        self.add("&Ordförande/vice:", self.funktion)
        self.fran = self.add("&Från:", _date_edit(seat.fran if seat else today))
        self.till = self.add(
            "&Till:", _date_edit(seat.till if seat else None, "tomt = tills vidare")
        )
        self.required = [self.person, self.fran]

        def values() -> tuple:
            funktion = self.funktion.currentData()
            return (
                seat.id if seat else None, clean_text(self.person.currentText()),
                self.medlem.currentData(), Roll(self.roll.currentData()),
                parse_date(self.fran.text()), parse_optional_date(self.till.text()),
                Funktion(funktion) if funktion else None,
            )  # fmt: skip

        def save() -> None:
            self.saved_id = styrelse.spara_uppdrag(ff, *values())

        def check() -> None:
            styrelse.kontrollera_uppdrag(ff, *values())

        self.save, self.check = save, check


class PersonDialog(_FormDialog):
    """A person's name, e-post and telefon; the name changes in every seat at once."""

    def __init__(self, ff: ForbundFile, person: Person, parent: QWidget | None = None):
        super().__init__(f"Ändra person {person.namn}", "Spara", parent)
        self.namn = self.add("&Namn:", QLineEdit(person.namn))
        self.epost = self.add("&E-post:", QLineEdit(person.epost))
        self.epost.setPlaceholderText("namn@kommun.se")
        self.telefon = self.add("&Telefon:", QLineEdit(person.telefon))
        self.telefon.setPlaceholderText("070-123 45 67")
        note = set_role(
            QLabel(
                "Namnet ändras i alla personens uppdrag och i närvaron vid mötena. Här sparas "
                "bara kontaktuppgifter till förbundets egna personer, aldrig uppgifter om "
                "deltagare."
            ),
            "muted",
        )
        note.setWordWrap(True)
        self.form.addRow(note)
        self.required = [self.namn]

        def values() -> tuple[str, str, str]:
            return (
                clean_text(self.namn.text()),
                clean_text(self.epost.text()),
                clean_text(self.telefon.text()),
            )

        def save() -> None:
            styrelse.andra_person(ff, person.id, *values())

        def check() -> None:
            styrelse.kontrollera_person(ff, person.id, *values())

        self.save, self.check = save, check


class LeaveDialog(_FormDialog):
    """A person leaves the seat; the successor takes it from the next day."""

    def __init__(self, ff: ForbundFile, seat: Uppdrag, today: dt.date, parent=None):
        super().__init__(f"{seat.person} avgår", "Spara", parent)
        intro = QLabel(
            f"{seat.person} är {seat.roll.label.lower()} för {seat.medlem}. Ange sista dagen "
            "och, om den är utsedd, efterträdaren som får platsen från dagen efter."
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.sista = self.add("&Sista dag:", _date_edit(today))
        names = [p.namn for p in styrelse.personer(ff)]
        self.eftertradare = _person_box(["", *names], self)
        self.eftertradare.setCompleter(_name_completer(names, self))
        self.add("&Efterträdare:", self.eftertradare)
        self.required = [self.sista]

        def values() -> tuple:
            return seat.id, parse_date(self.sista.text()), self.eftertradare.currentText()

        def save() -> None:
            styrelse.avgar(ff, *values())

        def check() -> None:
            styrelse.kontrollera_avgang(ff, *values())

        self.save, self.check = save, check


class RevisorDialog(_FormDialog):
    def __init__(
        self, ff: ForbundFile, members: list[Medlem], revisor: Revisor | None, parent=None
    ):
        title = "Ny revisor" if revisor is None else f"Ändra revisor {revisor.namn}"
        super().__init__(title, "Lägg till" if revisor is None else "Spara", parent)
        self.namn = self.add("&Namn:", QLineEdit(revisor.namn if revisor else ""))
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        self.members: dict[int, QCheckBox] = {}
        for m in members:
            check = QCheckBox(m.namn)
            check.setChecked(bool(revisor and m.id in revisor.medlem_ids))
            column.addWidget(check)
            self.watch(check)
            self.members[m.id] = check
        self.add("&Utsedd av:", box)
        self.fran = self.add("&Från:", _date_edit(revisor.fran if revisor else None))
        self.till = self.add("&Till:", _date_edit(revisor.till if revisor else None))
        self.required = [self.namn]

        def values() -> tuple:
            return (
                self.namn.text(), [i for i, c in self.members.items() if c.isChecked()],
                parse_optional_date(self.fran.text()), parse_optional_date(self.till.text()),
            )  # fmt: skip

        def save() -> None:
            styrelse.spara_revisor(ff, revisor.id if revisor else None, *values())

        def check() -> None:
            styrelse.kontrollera_revisor(*values())

        self.save, self.check = save, check


# -- a whole mandate period ----------------------------------------------------------------------


@dataclass
class _PeriodRow:
    """One line of the period form: a member, its ledamot and its ersättare."""

    medlem: QLabel | QComboBox
    ledamot: QLineEdit
    ersattare: QLineEdit
    medlem_id: int | None = None  # a fixed member's; an added line asks its box

    def member(self) -> int:
        if isinstance(self.medlem, QComboBox):
            return int(self.medlem.currentData())
        assert self.medlem_id is not None
        return self.medlem_id

    def member_name(self) -> str:
        if isinstance(self.medlem, QComboBox):
            return self.medlem.currentText()
        return self.medlem.text()


class MandatperiodDialog(_FormDialog):
    """The whole styrelse of a mandate period in one form, stored as one action.

    The period is the one :func:`styrelse.foreslagen_mandatperiod` offers (the running one
    until its board is in the file, then the next). One line per member with its ledamot and
    ersättare, names suggested from the people in the file; a line more for a member with
    two seats of a kind; ordförande and vice ordförande chosen among the ledamöter typed. The
    seats still running when the period begins end the day before (a choice, on by default).
    The focus starts in the first ledamot (the period offered is usually right), and OK is
    never the default: Enter in a half-typed board stores nothing.
    """

    def __init__(
        self,
        ff: ForbundFile,
        members: list[Medlem],
        today: dt.date,
        parent: QWidget | None = None,
    ):
        super().__init__("Ny mandatperiod", "Spara mandatperioden", parent)
        self.ff = ff
        self.members = members
        self.setMinimumWidth(640)
        start, end = styrelse.foreslagen_mandatperiod(ff, today)
        intro = set_role(
            QLabel(
                "Skriv in hela styrelsen för mandatperioden: ledamot och ersättare för varje "
                "medlem. Namn som redan finns i filen föreslås medan du skriver. Allt sparas "
                "som en enda ändring, som Ångra tar tillbaka."
            ),
            "muted",
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        period = QWidget()
        row = QHBoxLayout(period)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        self.fran = _date_edit(start)
        self.fran.setAccessibleName("Från")
        self.till = _date_edit(end, "tomt = tills vidare")
        self.till.setAccessibleName("Till")
        till_label = QLabel("&till:")
        till_label.setBuddy(self.till)
        row.addWidget(self.fran, 1)
        row.addWidget(till_label)
        row.addWidget(self.till, 1)
        period_label = QLabel("&Från:")
        period_label.setBuddy(self.fran)
        self.form.addRow(period_label, period)
        self.watch(self.fran)
        self.watch(self.till)
        self.end_running = QCheckBox()
        self.end_running.setChecked(True)
        self.form.addRow("", self.end_running)
        self.watch(self.end_running)

        self.names = [p.namn for p in styrelse.personer(ff)]
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 8, 0, 0)
        self.grid.setHorizontalSpacing(12)
        self.grid.setVerticalSpacing(6)
        for column, text in enumerate(("Medlem", "Ledamot", "Ersättare")):
            header = QLabel(text)
            font = header.font()
            font.setBold(True)
            header.setFont(font)
            self.grid.addWidget(header, 0, column)
        self.grid.setColumnStretch(1, 1)
        self.grid.setColumnStretch(2, 1)
        self.rows: list[_PeriodRow] = []
        for m in members:
            label = QLabel(m.namn)
            self._add_row(_PeriodRow(label, self._name_edit(), self._name_edit(), m.id))
        self.form.addRow(self.grid_box)

        more = QHBoxLayout()
        more.setSpacing(8)
        self.add_row_button = QPushButton("Lägg till en &rad")
        self.add_row_button.setToolTip("För en medlem med fler än en ledamot eller ersättare")
        self.add_row_button.clicked.connect(lambda: self.add_row())
        self.fill_button = QPushButton("Fyll i &nuvarande namn")
        self.fill_button.setToolTip(
            "Skriv in dem som sitter dagen innan perioden börjar, i tomma fält"
        )
        self.fill_button.clicked.connect(lambda: self.fill_current())
        more.addWidget(self.add_row_button)
        more.addWidget(self.fill_button)
        more.addStretch(1)
        self.form.addRow(more)

        self.ordforande = QComboBox()
        self.vice = QComboBox()
        self.add("&Ordförande:", self.ordforande)
        self.add("&Vice ordförande:", self.vice)
        self.first_field = self.rows[0].ledamot if self.rows else self.fran
        self._update_presidium()
        self._update_running()
        self.fran.textChanged.connect(self._update_running)
        self._chain_tabs()

        self.save, self.check = self._store, self._check

    # -- the lines -------------------------------------------------------------------------------

    def _name_edit(self) -> QLineEdit:
        edit = QLineEdit()
        edit.setCompleter(_name_completer(self.names, self))
        edit.textChanged.connect(self._update_presidium)
        self.watch(edit)
        return edit

    def _add_row(self, row: _PeriodRow) -> None:
        n = len(self.rows) + 1
        medlem = row.member_name()
        row.ledamot.setAccessibleName(f"Ledamot för {medlem}")
        row.ersattare.setAccessibleName(f"Ersättare för {medlem}")
        self.grid.addWidget(row.medlem, n, 0)
        self.grid.addWidget(row.ledamot, n, 1)
        self.grid.addWidget(row.ersattare, n, 2)
        self.rows.append(row)

    def _chain_tabs(self) -> None:
        """Tab follows the form from the top: the period, each line along (a member chosen
        on a line first), the buttons under the lines, the presidium, Spara, Avbryt."""
        chain: list[QWidget] = [self.fran, self.till, self.end_running]
        for row in self.rows:
            if isinstance(row.medlem, QComboBox):
                chain.append(row.medlem)
            chain += [row.ledamot, row.ersattare]
        chain += [self.add_row_button, self.fill_button, self.ordforande, self.vice]
        chain += self.buttons.buttons()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def add_row(self) -> _PeriodRow:
        """A line more, for a member chosen on it (two ledamöter or ersättare of one member)."""
        box = QComboBox()
        box.setAccessibleName("Medlem")
        for m in self.members:
            box.addItem(m.namn, m.id)
        row = _PeriodRow(box, self._name_edit(), self._name_edit())
        self._add_row(row)
        box.currentTextChanged.connect(
            lambda name: (
                row.ledamot.setAccessibleName(f"Ledamot för {name}"),
                row.ersattare.setAccessibleName(f"Ersättare för {name}"),
                self._update_presidium(),
            )
        )
        self.watch(box)
        self._chain_tabs()
        box.setFocus()
        self._update_presidium()
        return row

    def fill_current(self) -> None:
        """Put those sitting the day before the period into the empty fields, ordförande
        and vice ordförande with them: a board mostly re-appointed is then a few changes."""
        try:
            day = parse_date(self.fran.text()) - dt.timedelta(days=1)
        except ValueError:  # no date yet: nothing to fill from
            return
        seats = styrelse.styrelse_pa(self.ff, day)
        by_member: dict[int, dict[Roll, list[Uppdrag]]] = {}
        for s in seats:
            by_member.setdefault(s.medlem_id, {}).setdefault(s.roll, []).append(s)
        chosen: dict[Funktion, int] = {}  # the line of each
        for medlem_id, roles in by_member.items():
            lines = [r for r in self.rows if r.member() == medlem_id]
            ledamoter, ersattare = roles.get(Roll.LEDAMOT, []), roles.get(Roll.ERSATTARE, [])
            while len(lines) < max(len(ledamoter), len(ersattare)):
                row = self.add_row()
                assert isinstance(row.medlem, QComboBox)
                row.medlem.setCurrentIndex(row.medlem.findData(medlem_id))
                lines.append(row)
            for line, seat in zip(lines, ledamoter, strict=False):
                if not line.ledamot.text().strip():
                    line.ledamot.setText(seat.person)
                if seat.funktion is not None and line.ledamot.text() == seat.person:
                    chosen[seat.funktion] = self.rows.index(line)
            for line, seat in zip(lines, ersattare, strict=False):
                if not line.ersattare.text().strip():
                    line.ersattare.setText(seat.person)
        self._update_presidium()
        for funktion, box in (
            (Funktion.ORDFORANDE, self.ordforande),
            (Funktion.VICE_ORDFORANDE, self.vice),
        ):
            if box.currentData() is None and funktion in chosen:
                box.setCurrentIndex(box.findData(chosen[funktion]))
        if self.rows:
            self.rows[0].ledamot.setFocus()

    def _update_presidium(self, *_args) -> None:
        """Ordförande and vice are chosen among the ledamöter typed; a choice stays with
        its line while the name is being typed."""
        for box in (self.ordforande, self.vice):
            keep = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem("–", None)
            for i, row in enumerate(self.rows):
                name = clean_text(row.ledamot.text()).strip()
                if name:
                    box.addItem(f"{name} ({row.member_name()})", i)
            box.setCurrentIndex(max(0, box.findData(keep)))
            box.blockSignals(False)

    def _update_running(self, *_args) -> None:
        try:
            fran = parse_date(self.fran.text())
        except ValueError:
            return
        running = styrelse.pagaende_vid(self.ff, fran)
        n = len(running)
        self.end_running.setText(
            f"Avsluta {'det uppdrag' if n == 1 else f'de {n} uppdrag'} som fortfarande pågår, "
            f"med {fran - dt.timedelta(days=1)} som sista dag"
        )
        self.end_running.setAccessibleName(self.end_running.text())
        self.end_running.setVisible(bool(running))

    # -- storing ---------------------------------------------------------------------------------

    def _period(self) -> tuple[dt.date, dt.date | None]:
        return parse_date(self.fran.text()), parse_optional_date(self.till.text())

    def seats(self) -> list[NyPlats]:
        """The seats as typed, line by line, ledamot before ersättare."""
        ordforande, vice = self.ordforande.currentData(), self.vice.currentData()
        if ordforande is not None and ordforande == vice:
            raise Ogiltigt("Samma ledamot kan inte vara både ordförande och vice ordförande.")
        result = []
        for i, row in enumerate(self.rows):
            funktion = (
                Funktion.ORDFORANDE
                if i == ordforande
                else Funktion.VICE_ORDFORANDE
                if i == vice
                else None
            )
            for roll, edit, f in (
                (Roll.LEDAMOT, row.ledamot, funktion),
                (Roll.ERSATTARE, row.ersattare, None),
            ):
                name = clean_text(edit.text())
                if name.strip():
                    result.append(NyPlats(row.member(), roll, name, f))
        return result

    def _check(self) -> None:
        fran, till = self._period()
        styrelse.kontrollera_mandatperiod(
            self.ff, fran, till, self.seats(), avsluta_pagaende=self.end_running.isChecked()
        )

    def _store(self) -> None:
        fran, till = self._period()
        self.saved_ids = styrelse.ny_mandatperiod(
            self.ff, fran, till, self.seats(), avsluta_pagaende=self.end_running.isChecked()
        )
        self.saved_from = fran
