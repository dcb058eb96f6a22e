"""The förbund's settings, declared once: key, type, default, Swedish label and help.

Values live in the förbund file (table ``installning``) so they travel with it; a setting
never stored reads as its default. Rules that differ between förbund are settings, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .errors import Refusal

if TYPE_CHECKING:
    from .storage import ForbundFile


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str
    help: str = ""

    def parse(self, text: str) -> Any:
        """The stored text as a value of this setting's type; refuses with a Swedish message."""
        try:
            if self.type is bool:
                if text not in ("0", "1"):
                    raise ValueError(text)
                return text == "1"
            if self.type is Decimal:
                value = Decimal(text.replace(",", ".").strip())
                if not value.is_finite():
                    raise ValueError(text)
                return value
            if self.type is int:
                return int(text)
            return str(text)
        except (ValueError, InvalidOperation):
            raise Refusal(f"”{text}” är inget giltigt värde för {self.label.lower()}.") from None

    def render(self, value: Any) -> str:
        if self.type is bool:
            return "1" if value else "0"
        return str(value)


SETTINGS: dict[str, Setting] = {
    s.key: s
    for s in [
        Setting(
            "eget_kapital_tak_procent",
            Decimal,
            Decimal("20"),
            "Tak för eget kapital (% av årets driftbidrag)",
            "Nationell rekommendation: eget kapital bör inte överstiga 20 % av driftbidraget.",
        ),
        Setting(
            "sakerhetskopior_antal",
            int,
            14,
            "Antal dagliga säkerhetskopior som sparas",
        ),
        Setting(
            "beredning_dagar_fore",
            int,
            7,
            "Beredningsmöte, antal dagar före styrelsemötet",
        ),
        # Årshjulet's rules that follow from meetings and insatser (finsam_desktop.arshjul.hjul
        # INBYGGDA): each can be switched off under Årshjul → Regler.
        Setting(
            "arshjul_beredning",
            bool,
            True,
            "Årshjulet visar en beredning före varje styrelsemöte",
            "Regeln Beredning före styrelsemöte: gäller styrelsemöten utan eget beredningsmöte.",
        ),
        Setting(
            "arshjul_slutrapport",
            bool,
            True,
            "Årshjulet visar slutrapporten efter en avslutad insats",
        ),
        Setting(
            "arshjul_uppfoljning",
            bool,
            True,
            "Årshjulet visar den årliga uppföljningen av insatserna",
        ),
        Setting("rapport_enhet", str, "tkr", "Belopp i rapporter (kr eller tkr)"),
        Setting("delarsrapport", bool, True, "Förbundet gör en delårsrapport per 31 augusti"),
        # Budget and utfall exchange with the ekonomienhet (JSON text, written by the dialogs).
        Setting("utfall_excel_mappning", str, "", "Kolumner i ekonomienhetens Excelfil med utfall"),
        Setting(
            "utfall_objekt_insats", str, "{}", "Objekt i ekonomisystemet kopplade till insatser"
        ),
        Setting("utfall_konto_grupp", str, "{}", "Konton kopplade till budgetgrupper"),
        Setting("utfall_dimension", str, "6", "Dimension i SIE-filen som motsvarar insatser"),
        Setting("ekonomi_export", str, "", "Val för Excel till ekonomienheten"),
    ]
}


def get_setting(ff: ForbundFile, key: str) -> Any:
    setting = SETTINGS[key]
    row = ff.conn.execute("SELECT varde FROM installning WHERE nyckel = ?", (key,)).fetchone()
    if row is None:
        return setting.default
    try:
        return setting.parse(row[0])
    except ValueError:
        return setting.default  # a hand-edited value we cannot read: the default is safe


def set_setting(ff: ForbundFile, key: str, value: Any, *, label: str | None = None) -> None:
    """Store ``value``: one undoable action, named ``label`` (else after the setting)."""
    setting = SETTINGS[key]
    text = setting.render(value)
    setting.parse(text)  # refuse what could not be read back
    with ff.write(label or f"Ändra inställning: {setting.label}") as db:
        db.execute(
            "INSERT INTO installning (nyckel, varde) VALUES (?, ?) "
            "ON CONFLICT(nyckel) DO UPDATE SET varde = excluded.varde",
            (key, text),
        )
