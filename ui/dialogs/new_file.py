"""Ny förbundsfil: the förbund's name and organisationsnummer, checked while typing."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from finsam_desktop.orgnr import OrgnrError, normalize_orgnr

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
        self._validate()

    def orgnr_problem(self) -> str:
        """Why the organisationsnummer field is not acceptable, or "" when it is."""
        text = self.orgnr_edit.text().strip()
        if not text:
            return ""
        try:
            normalize_orgnr(text)
        except OrgnrError as err:
            return str(err)
        return ""

    def _validate(self) -> None:
        problem = self.orgnr_problem()
        self.orgnr_error.setText(problem)
        self.orgnr_error.setVisible(bool(problem))
        self.orgnr_hint.setVisible(not problem)
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
