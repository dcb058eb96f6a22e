"""Förbundets inställningar: the choices that are the förbund's own (the eget kapital
ceiling, which deviations the årsredovisning comments on, the reports' unit, the words of a
goal's bedömning …), in one form, saved as one action (Ångra takes it back whole).

The settings the dialogs for utfall and Excel write (column mappings and the like) are not
here: they are set where they are used. The arbetsbok's sheet Inställningar carries them all.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QLabel, QLineEdit, QWidget

from finsam_desktop.errors import Refusal
from finsam_desktop.money import decimal_text
from finsam_desktop.settings import FORM_SETTINGS, SETTINGS, get_setting, set_settings
from finsam_desktop.storage import ForbundFile

from .styrelse import _FormDialog

#: Settings shown as a choice: (value, what the form says).
_CHOICES = {
    "rapport_enhet": (("tkr", "tkr"), ("kr", "kr")),
    "driftredovisning_kolumner": (
        ("netto", "Netto per rad"),
        ("intakt_kostnad", "Intäkt, kostnad och netto per rad"),
    ),
}


class InstallningarDialog(_FormDialog):
    def __init__(self, ff: ForbundFile, parent: QWidget | None = None):
        super().__init__("Förbundets inställningar", "Spara", parent)
        self.ff = ff
        self.setMinimumWidth(680)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QWidget] = {}
        for key in FORM_SETTINGS:
            setting = SETTINGS[key]
            value = get_setting(ff, key)
            if setting.type is bool:
                widget: QWidget = QCheckBox()
                widget.setChecked(bool(value))
            elif key in _CHOICES:
                widget = QComboBox()
                for choice, shown in _CHOICES[key]:
                    widget.addItem(shown, choice)
                widget.setCurrentIndex(max(0, widget.findData(str(value).strip().lower())))
            else:
                shown = decimal_text(value) if setting.type is Decimal else str(value)
                widget = QLineEdit(shown)
            if setting.help:
                widget.setToolTip(setting.help)
            self.fields[key] = self.add(f"{setting.label}:", widget)
        note = QLabel("Ändringarna sparas tillsammans; Redigera → Ångra tar tillbaka dem.")
        note.setWordWrap(True)
        self.form.addRow(note)
        self.save = self._save
        self.check = self.values

    def values(self) -> dict:
        """The form's values by setting; refuses, naming the setting, what cannot be one."""
        out = {}
        for key, widget in self.fields.items():
            setting = SETTINGS[key]
            if isinstance(widget, QCheckBox):
                out[key] = widget.isChecked()
            elif isinstance(widget, QComboBox):
                out[key] = widget.currentData()
            else:
                text = widget.text().strip()
                if setting.type in (int, Decimal):
                    text = "".join(text.split())  # "50 000" as typed
                if not text:
                    raise Refusal(f"Fyll i {setting.label[0].lower()}{setting.label[1:]}.")
                out[key] = setting.parse(text)
                if setting.type in (int, Decimal) and out[key] < 0:
                    raise Refusal(f"Ange 0 eller mer för ”{setting.label}”.")
        return out

    def _save(self) -> None:
        values = self.values()
        changed = {k: v for k, v in values.items() if v != get_setting(self.ff, k)}
        if changed:
            set_settings(self.ff, changed, "Ändra förbundets inställningar")
