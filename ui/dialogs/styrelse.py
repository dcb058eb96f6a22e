"""Dialogs of the Styrelse page: a seat, a person, a person leaving with a successor, a revisor.

Each dialog stores its whole change as one action when accepted; a refusal is shown in the
dialog, which stays open with what was typed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop import styrelse
from finsam_desktop.dates import parse_date
from finsam_desktop.forbund import Medlem
from finsam_desktop.model import Funktion, Roll
from finsam_desktop.storage import ForbundFile
from finsam_desktop.styrelse import Person, Revisor, Uppdrag
from finsam_desktop.text import clean_text

from ..forms.fields import ErrorLabel, attempt, parse_optional_date, show_date
from ..style import set_role


class _FormDialog(QDialog):
    """A form with a red error line and OK/Avbryt; ``save`` runs on OK and may refuse."""

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(420)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        layout.addLayout(self.form)
        self.error = ErrorLabel()
        layout.addWidget(self.error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.save: Callable[[], None] = lambda: None

    def add(self, text: str, widget: QWidget) -> QWidget:
        label = QLabel(text)
        label.setBuddy(widget)
        widget.setAccessibleName(text.replace("&", "").rstrip(":"))
        self.form.addRow(label, widget)
        return widget

    def _try_accept(self) -> None:
        if attempt(self, self.error, self.save):
            self.accept()
        else:
            self.grow()

    def grow(self) -> None:
        """Make room for what was added (a message, a row) rather than squeeze the rows."""
        layout = self.layout()
        layout.activate()
        width = self.width()
        if layout.hasHeightForWidth():
            height = layout.totalHeightForWidth(width)
        else:
            height = layout.totalSizeHint().height()
        if height > self.height():
            self.resize(width, height)


def _date_edit(day: dt.date | None, placeholder: str = "åååå-mm-dd") -> QLineEdit:
    edit = QLineEdit(show_date(day))
    edit.setPlaceholderText(placeholder)
    return edit


class SeatDialog(_FormDialog):
    """A new seat, or every field of an existing one."""

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
        self.person = QComboBox()
        self.person.setEditable(True)
        self.person.addItems([p.namn for p in styrelse.personer(ff)])
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
        start = styrelse.mandate_period(today)[0]
        self.fran = self.add("&Från:", _date_edit(seat.fran if seat else start))
        self.till = self.add(
            "&Till:", _date_edit(seat.till if seat else None, "tomt = tills vidare")
        )

        def save() -> None:
            fran = parse_date(self.fran.text())
            till = parse_optional_date(self.till.text())
            self.saved_id = styrelse.spara_uppdrag(
                ff, seat.id if seat else None, self.person.currentText(),
                self.medlem.currentData(), Roll(self.roll.currentData()), fran, till,
                Funktion(self.funktion.currentData()) if self.funktion.currentData() else None,
            )  # fmt: skip

        self.save = save


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

        def save() -> None:
            styrelse.andra_person(
                ff,
                person.id,
                clean_text(self.namn.text()),
                clean_text(self.epost.text()),
                clean_text(self.telefon.text()),
            )

        self.save = save


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
        self.eftertradare = QComboBox()
        self.eftertradare.setEditable(True)
        self.eftertradare.addItems(["", *[p.namn for p in styrelse.personer(ff)]])
        self.add("&Efterträdare:", self.eftertradare)

        def save() -> None:
            styrelse.avgar(
                ff, seat.id, parse_date(self.sista.text()), self.eftertradare.currentText()
            )

        self.save = save


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
            self.members[m.id] = check
        self.add("&Utsedd av:", box)
        self.fran = self.add("&Från:", _date_edit(revisor.fran if revisor else None))
        self.till = self.add("&Till:", _date_edit(revisor.till if revisor else None))

        def save() -> None:
            styrelse.spara_revisor(
                ff, revisor.id if revisor else None, self.namn.text(),
                [i for i, c in self.members.items() if c.isChecked()],
                parse_optional_date(self.fran.text()), parse_optional_date(self.till.text()),
            )  # fmt: skip

        self.save = save
