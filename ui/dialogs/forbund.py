"""Förbundets uppgifter: the förbund's name, organisationsnummer, founding date, first budget
year and its members with the funding key, changed after the file was made.

Everything in the dialog is stored as one action when Spara is pressed (one Ctrl+Z takes it
back), or nothing is: a refusal is shown in the dialog, which stays open with what was typed.
The organisationsnummer and the funding key are checked while typing.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from finsam_desktop.forbund import (
    MedlemRad,
    Ogiltigt,
    forbund,
    kontrollera_borttagning,
    kontrollera_medlemmar,
    medlemmar,
    spara_uppgifter,
)
from finsam_desktop.model import MedlemTyp
from finsam_desktop.money import decimal_text
from finsam_desktop.orgnr import orgnr_problem
from finsam_desktop.storage import ForbundFile
from finsam_desktop.text import clean_text

from ..forms.date_field import DateField
from ..forms.fields import ChoiceField, ErrorLabel, attempt
from ..style import set_role, set_tone
from .styrelse import _FormDialog

#: The first budget year's spin box shows this value as "Inte angivet" (no year stored).
NO_YEAR = 2003


def _andel_text(andel: Decimal | None) -> str:
    return "" if andel is None else decimal_text(andel)


def _refuse(problem: str) -> None:
    if problem:
        raise Ogiltigt(problem)


class MemberRow:
    """One member's widgets in the grid: name, typ, andel and a remove button."""

    def __init__(self, medlem_id: int | None, namn: str, typ: MedlemTyp, andel: str):
        self.id = medlem_id
        self.namn = QLineEdit(namn)
        self.namn.setAccessibleName("Medlemmens namn")
        self.typ = ChoiceField("Typ av medlem", [(t.label, t) for t in MedlemTyp])
        self.typ.set_value(typ)
        self.andel = QLineEdit(andel)
        self.andel.setAccessibleName("Andel i procent")
        self.andel.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.andel.setMaximumWidth(80)
        self.remove = QPushButton("Ta bort")
        self.remove.setAccessibleName(f"Ta bort {namn}" if namn else "Ta bort medlemmen")

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.namn, self.typ, self.andel, self.remove)

    def rad(self) -> MedlemRad:
        return MedlemRad(self.id, clean_text(self.namn.text()), self.typ.value(), self.andel.text())


class ForbundDialog(_FormDialog):
    """The förbund's details and members; Spara stores all of it as one action."""

    def __init__(self, ff: ForbundFile, parent: QWidget | None = None):
        super().__init__("Förbundets uppgifter", "Spara", parent)
        self.ff = ff
        self.setMinimumWidth(620)
        info = forbund(ff)

        self.namn = self.add("&Namn:", QLineEdit(info.namn))
        self.orgnr = self.add("&Organisationsnummer:", QLineEdit(info.organisationsnummer))
        self.orgnr.setPlaceholderText("222000-2063")
        self.orgnr.setMaxLength(20)
        self.orgnr.setMaximumWidth(220)
        self.orgnr_error = ErrorLabel()
        self.form.addRow("", self.orgnr_error)
        self.bildat = self.add("&Bildat:", DateField("Bildat", day=info.bildat, optional=True))
        self.bildat.setMaximumWidth(220)
        self.forsta_budgetar = QSpinBox()
        self.forsta_budgetar.setRange(NO_YEAR, 2200)
        self.forsta_budgetar.setSpecialValueText("Inte angivet")
        self.forsta_budgetar.setValue(info.forsta_budgetar or NO_YEAR)
        self.forsta_budgetar.setMaximumWidth(220)
        self.add("&Första budgetår:", self.forsta_budgetar)

        heading = set_role(QLabel("Medlemmar"), "section")
        heading.setContentsMargins(0, 10, 0, 0)
        self.form.addRow(heading)
        intro = set_role(
            QLabel(
                "Staten (Försäkringskassan och Arbetsförmedlingen) står för hälften genom "
                "Försäkringskassan, regionen för en fjärdedel och kommunerna tillsammans för en "
                "fjärdedel. Andelen är medlemmens del av hela bidraget i procent. Ett nytt namn "
                "följer med i styrelseuppdrag, insatser och budget."
            ),
            "muted",
        )
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.grid_box = QWidget()
        self.grid = QGridLayout(self.grid_box)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)
        for column, text in enumerate(("Namn", "Typ", "Andel (%)")):
            self.grid.addWidget(set_role(QLabel(text), "muted"), 0, column)
        self.form.addRow(self.grid_box)
        self.rows: list[MemberRow] = []
        for m in medlemmar(ff):
            self.add_member(m.id, m.namn, m.typ, _andel_text(m.andel))
        buttons = QHBoxLayout()
        self.add_button = QPushButton("&Lägg till medlem")
        self.add_button.clicked.connect(lambda: self.add_member(focus=True))
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        self.form.addRow(buttons)
        self.key_status = QLabel()
        self.key_status.setWordWrap(True)
        self.key_status.setAccessibleName("Fördelningsnyckeln")
        self.form.addRow(self.key_status)

        self.namn.textChanged.connect(self._check)
        self.orgnr.textChanged.connect(self._check)
        self._check()
        self.save = self._save

    # -- members ------------------------------------------------------------------------------

    def add_member(
        self,
        medlem_id: int | None = None,
        namn: str = "",
        typ: MedlemTyp = MedlemTyp.KOMMUN,
        andel: str = "",
        *,
        focus: bool = False,
    ) -> MemberRow:
        row = MemberRow(medlem_id, namn, typ, andel)
        line = self.grid.rowCount()
        for column, widget in enumerate(row.widgets()):
            self.grid.addWidget(widget, line, column)
        row.namn.textChanged.connect(self._check)
        row.andel.textChanged.connect(self._check)
        row.typ.currentIndexChanged.connect(self._check)
        row.remove.clicked.connect(lambda: self.remove_member(row))
        self.rows.append(row)
        if focus:
            row.namn.setFocus()
            self._check()
        return row

    def remove_member(self, row: MemberRow) -> bool:
        """Take the member out of the list (stored on Spara); refused at once when anything
        in the file refers to it."""
        if row.id is not None:
            try:
                kontrollera_borttagning(self.ff, row.id, row.namn.text().strip())
            except Ogiltigt as err:
                self.error.show_error(str(err))
                return False
        for widget in row.widgets():
            self.grid.removeWidget(widget)
            widget.deleteLater()
        self.rows.remove(row)
        self.error.show_error("")
        self._check()
        return True

    def rader(self) -> list[MedlemRad]:
        return [row.rad() for row in self.rows]

    # -- checks while typing, and Spara -------------------------------------------------------

    def orgnr_problem(self) -> str:
        """Why the organisationsnummer field is not acceptable, or "" when it is."""
        return orgnr_problem(self.orgnr.text())

    def key_problem(self) -> str:
        try:
            kontrollera_medlemmar(self.rader())
        except Ogiltigt as err:
            return str(err)
        return ""

    def _check(self) -> None:
        orgnr = self.orgnr_problem()
        attempt(self.orgnr, self.orgnr_error, lambda: _refuse(orgnr))
        problem = self.key_problem()
        if problem:
            self.key_status.setText(problem)
            set_tone(self.key_status, "error")
        elif self.rows:
            self.key_status.setText(
                "Fördelningsnyckeln stämmer: staten 50 %, regionen 25 %, kommunerna 25 %."
            )
            set_tone(self.key_status, "ok")
        else:
            self.key_status.setText("Inga medlemmar är registrerade ännu.")
            set_tone(self.key_status, None)
        if self.isVisible():
            self.grow()

    def _try_accept(self) -> None:
        """A problem already shown where it was typed is not repeated: focus goes there."""
        if self.orgnr_problem():
            self.orgnr.setFocus()
        elif self.rows and self.key_problem():
            self.error.show_error("")
            self.rows[0].andel.setFocus()
        else:
            super()._try_accept()

    def _save(self) -> None:
        year = self.forsta_budgetar.value()
        spara_uppgifter(
            self.ff,
            clean_text(self.namn.text()),
            self.orgnr.text(),
            self.bildat.value(),
            None if year == NO_YEAR else year,
            self.rader(),
        )
