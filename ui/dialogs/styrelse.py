"""Dialogs of the Styrelse page: a seat, a person, a person leaving with a successor, a revisor.

Each dialog stores its whole change as one action when accepted; a refusal is shown in the
dialog, which stays open with what was typed. Every dialog opens in its first field, has no
default button until its required fields are filled (so neither Enter nor a stray space
stores an empty form), keeps the room for its message free so the buttons never move, and
checks again as the person types once it has said what is wrong: the message goes as soon as
the input is right.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QCompleter,
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
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Avbryt")
        for button in (self.ok_button, cancel):
            button.setAutoDefault(False)  # a focused button is no default for Enter
        self.buttons.accepted.connect(self._try_accept)
        self.buttons.rejected.connect(self.reject)
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

    A new seat starts today: one seat is added mid-period (a new person appointed).
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
