"""Ny förbundsfil: a short guide to the förbund's name, organisationsnummer, members with the
kommun key, and first budget year, checked while typing."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.forbund import Ogiltigt, kommun_andelar
from finsam_desktop.orgnr import normalize_orgnr, orgnr_problem

from ..style import set_role

NAME_MISSING = "Ange förbundets namn."


class NewFileDialog(QDialog):
    """Asks for namn and organisationsnummer; OK ("Skapa…") only when both are right.

    The organisationsnummer may be left empty and filled in later; anything typed must be a
    valid number, and the reason it is not is shown under the field as the user types.
    """

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Ny förbundsfil")
        self.setAccessibleName("Ny förbundsfil")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)

        intro = set_role(
            QLabel(
                "En förbundsfil håller allt om ett samordningsförbund: medlemmar, styrelse, "
                "insatser, möten och ekonomi. Du väljer var den sparas i nästa steg."
            ),
            "muted",
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        form = QFormLayout()
        self.name_edit = QLineEdit()
        self.name_edit.setAccessibleName("Förbundets namn")
        self.name_edit.setPlaceholderText("Samordningsförbundet …")
        name_label = QLabel("&Namn:")
        name_label.setBuddy(self.name_edit)
        form.addRow(name_label, self.name_edit)

        self.orgnr_edit = QLineEdit()
        self.orgnr_edit.setAccessibleName("Organisationsnummer")
        self.orgnr_edit.setPlaceholderText("222000-2063")
        self.orgnr_edit.setMaxLength(20)
        orgnr_label = QLabel("&Organisationsnummer:")
        orgnr_label.setBuddy(self.orgnr_edit)
        form.addRow(orgnr_label, self.orgnr_edit)
        # Under the field: why the number is wrong, or else a hint that it may wait.
        self.orgnr_error = set_role(QLabel(""), "fieldError")
        self.orgnr_error.setWordWrap(True)
        self.orgnr_error.setAccessibleName("Fel i organisationsnumret")
        self.orgnr_error.setVisible(False)
        self.orgnr_hint = set_role(QLabel("Kan lämnas tomt och fyllas i senare."), "muted")
        self.orgnr_hint.setWordWrap(True)
        form.addRow("", self.orgnr_error)
        form.addRow("", self.orgnr_hint)

        members = set_role(
            QLabel(
                "Medlemmar: staten (Försäkringskassan och Arbetsförmedlingen) står för hälften "
                "genom Försäkringskassan, regionen för en fjärdedel och kommunerna tillsammans "
                "för en fjärdedel."
            ),
            "muted",
        )
        members.setWordWrap(True)
        form.addRow(members)
        self.region_edit = QLineEdit("Region ")
        self.region_edit.setAccessibleName("Regionens namn")
        region_label = QLabel("&Region:")
        region_label.setBuddy(self.region_edit)
        form.addRow(region_label, self.region_edit)
        self.kommuner_edit = QPlainTextEdit()
        self.kommuner_edit.setAccessibleName("Kommuner")
        self.kommuner_edit.setTabChangesFocus(True)
        self.kommuner_edit.setPlaceholderText("Norrby kommun\nSöderby kommun")
        self.kommuner_edit.setMaximumHeight(90)
        kommuner_label = QLabel("&Kommuner:")
        kommuner_label.setBuddy(self.kommuner_edit)
        form.addRow(kommuner_label, self.kommuner_edit)
        self.key_hint = set_role(
            QLabel(
                "En kommun per rad. Kommunernas fjärdedel delas lika, om du inte skriver varje "
                "kommuns andel i procent efter namnet (till exempel ”Norrby kommun 60”)."
            ),
            "muted",
        )
        self.key_hint.setWordWrap(True)
        form.addRow("", self.key_hint)
        self.members_error = set_role(QLabel(""), "fieldError")
        self.members_error.setWordWrap(True)
        self.members_error.setVisible(False)
        form.addRow("", self.members_error)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(2004, 2200)
        self.year_spin.setValue(dt.date.today().year + 1)
        self.year_spin.setAccessibleName("Första budgetår")
        year_label = QLabel("&Första budgetår:")
        year_label.setBuddy(self.year_spin)
        form.addRow(year_label, self.year_spin)
        layout.addLayout(form)

        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton(
            "&Skapa…", QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.create_button.setDefault(True)
        self.buttons.addButton("Avbryt", QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

        self.name_edit.textChanged.connect(self._validate)
        self.orgnr_edit.textChanged.connect(self._validate)
        self.region_edit.textChanged.connect(self._validate)
        self.kommuner_edit.textChanged.connect(self._validate)
        self._validate()

    def orgnr_problem(self) -> str:
        """Why the organisationsnummer field is not acceptable, or "" when it is."""
        return orgnr_problem(self.orgnr_edit.text())

    def kommuner(self) -> list[tuple[str, Decimal | None]]:
        """The kommuner typed, each with its share of the kommuners' quarter (or None)."""
        result = []
        for line in self.kommuner_edit.toPlainText().splitlines():
            line = line.strip()
            if not line:
                continue
            m = re.fullmatch(r"(.*?)\s+(\d+(?:[.,]\d+)?)\s*%?", line)
            if m:
                result.append((m[1], Decimal(m[2].replace(",", "."))))
            else:
                result.append((line, None))
        return result

    def region(self) -> str:
        return self.region_edit.text().strip()

    def forsta_budgetar(self) -> int:
        return self.year_spin.value()

    def members_problem(self) -> str:
        """Why the members cannot be stored, or "" (nothing typed yet is not a problem)."""
        if not self.kommuner_edit.toPlainText().strip():
            return ""
        if self.region() in ("", "Region"):
            return "Ange regionens namn."
        try:
            kommun_andelar(self.kommuner())
        except Ogiltigt as err:
            return str(err)
        return ""

    def has_members(self) -> bool:
        return bool(self.kommuner()) and not self.members_problem()

    def _validate(self) -> None:
        members = self.members_problem()
        self.members_error.setText(members)
        self.members_error.setVisible(bool(members))
        orgnr = self.orgnr_problem()
        problem = orgnr or members
        self.orgnr_error.setText(orgnr)
        self.orgnr_error.setVisible(bool(orgnr))
        self.orgnr_hint.setVisible(not orgnr)
        self.layout().activate()
        self.create_button.setEnabled(bool(self.name_edit.text().strip()) and not problem)
        self.create_button.setToolTip(
            NAME_MISSING if not self.name_edit.text().strip() else problem
        )

    def namn(self) -> str:
        return self.name_edit.text().strip()

    def organisationsnummer(self) -> str:
        """The number in its normal form ("222000-2063"), or "" when left empty."""
        text = self.orgnr_edit.text().strip()
        return normalize_orgnr(text) if text else ""

    def accept(self) -> None:
        if self.create_button.isEnabled():
            super().accept()
