"""The förbund's settings, declared once: key, type, default, Swedish label and help.

Values live in the förbund file (table ``installning``) so they travel with it; a setting
never stored reads as its default. Rules that differ between förbund are settings, not code.

A *preference* (``preference=True``) is how this file is looked at, not something the förbund
decided: the budget grid's unit. It is stored in the file too, so it is there when the file is
opened again, on any computer, but changing it is not an edit: it is not an action for Ångra
(the undo log leaves its row out, see :mod:`finsam_desktop.undo`, so switching the unit neither
fills the Redigera menu nor drops what Gör om would bring back) and it is not part of the
arbetsbok: an import replaces the förbund's content and keeps the preferences. Its row takes
a rowid below every other row (−1 for the first), which the ordinary rows, numbered upwards by
SQLite, never take: so an undo or redo that puts an ordinary row back never finds its rowid
taken by a preference written meanwhile.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from .errors import Refusal
from .money import MAX_KR, format_amount

if TYPE_CHECKING:
    from .storage import ForbundFile


@dataclass(frozen=True)
class Setting:
    key: str
    type: type
    default: Any
    label: str
    help: str = ""
    #: The only values allowed (for a text setting), none: any.
    choices: tuple[str, ...] = ()
    #: How the file is looked at, not the förbund's data (see the module's docstring).
    preference: bool = False
    #: The range a number must keep (both ends included); None: no bound at that end.
    low: int | None = None
    high: int | None = None

    def parse(self, text: str) -> Any:
        """The stored text as a value of this setting's type; refuses with a Swedish message."""
        value = self._parse(text)
        # "1e30" as the ceiling of eget kapital made every report fail (InvalidOperation)
        wanted = None
        if self.low is not None and value < self.low:
            wanted = "0 eller mer" if self.low == 0 else f"minst {format_amount(self.low * 100)}"
        elif self.high is not None and value > self.high:
            wanted = f"högst {format_amount(self.high * 100)}"
        if wanted is not None:
            raise Refusal(f"”{text}” går inte. Ange {wanted} för ”{self.label}”.")
        return value

    def _parse(self, text: str) -> Any:
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
            if self.choices and text not in self.choices:
                raise ValueError(text)
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
            low=0,
            high=100,
        ),
        Setting(
            "avvikelse_procent",
            Decimal,
            Decimal("10"),
            "Avvikelse i driftredovisningen som kommenteras: minst % av budgeten",
            "Årsredovisningen kommenterar varje rad vars avvikelse når både procenten och "
            "beloppet.",
            low=0,
            high=100,
        ),
        Setting(
            "avvikelse_belopp",
            int,
            50_000,
            "Avvikelse i driftredovisningen som kommenteras: minst kr",
            low=0,
            high=MAX_KR,
        ),
        Setting(
            "sakerhetskopior_antal",
            int,
            14,
            "Antal dagliga säkerhetskopior som sparas",
            low=0,
            high=1000,
        ),
        Setting(
            "beredning_dagar_fore",
            int,
            7,
            "Beredningsmöte, antal dagar före styrelsemötet",
            low=0,
            high=365,
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
        # The förbund's own words for the three steps of its goals' bedömning
        # (finsam_desktop.forbundsmal): "Målet uppnått" may be "Helt och hållet".
        Setting("bedomning_uppnatt", str, "Målet uppnått", "Bedömning av förbundets mål: uppnått"),
        Setting("bedomning_delvis", str, "Till viss del", "Bedömning av förbundets mål: delvis"),
        Setting(
            "bedomning_ej_uppnatt", str, "Ej uppnått", "Bedömning av förbundets mål: ej uppnått"
        ),
        Setting("rapport_enhet", str, "tkr", "Belopp i rapporter (kr eller tkr)"),
        Setting(
            "driftredovisning_kolumner",
            str,
            "netto",
            "Årsredovisningens driftredovisning visar",
            "Netto per rad, eller intäkt, kostnad och netto per rad som en del förbund visar.",
            choices=("netto", "intakt_kostnad"),
        ),
        Setting("delarsrapport", bool, True, "Förbundet gör en delårsrapport per 31 augusti"),
        # Budget and utfall exchange with the ekonomienhet (JSON text, written by the dialogs).
        Setting("utfall_excel_mappning", str, "", "Kolumner i ekonomienhetens Excelfil med utfall"),
        Setting(
            "utfall_objekt_insats", str, "{}", "Objekt i ekonomisystemet kopplade till insatser"
        ),
        Setting("utfall_konto_grupp", str, "{}", "Konton kopplade till budgetgrupper"),
        Setting("utfall_dimension", str, "6", "Dimension i SIE-filen som motsvarar insatser"),
        Setting("utfall_delning", str, "{}", "Hur ett konto på flera budgetrader delas"),
        Setting("ekonomi_export", str, "", "Val för Excel till ekonomienheten"),
        Setting(
            "budget_enhet",
            str,
            "tkr",
            "Enhet i budgetrutnätet",
            "kr eller tkr: den enhet belopp visas i och ett tal utan egen enhet läses i.",
            choices=("tkr", "kr"),
            preference=True,
        ),
    ]
}

#: The keys of the preferences: outside Ångra and outside the arbetsbok.
PREFERENCES = frozenset(key for key, s in SETTINGS.items() if s.preference)
#: The settings the arbetsbok carries: the förbund's own, not how the file is looked at.
WORKBOOK_SETTINGS = {key: s for key, s in SETTINGS.items() if not s.preference}


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
    # A preference's row is not in the undo log, so this write records no action for Ångra;
    # a new one takes the rowid below every row (the module's docstring says why).
    if setting.preference:
        rowid = "(SELECT min(0, coalesce(min(rowid), 0)) - 1 FROM installning)"
    else:
        rowid = "NULL"  # SQLite numbers it
    if setting.preference:
        label = f"{setting.label}: {text}"
    with ff.write(label or f"Ändra inställning: {setting.label}") as db:
        db.execute(
            f"INSERT INTO installning (rowid, nyckel, varde) VALUES ({rowid}, ?, ?) "
            "ON CONFLICT(nyckel) DO UPDATE SET varde = excluded.varde",
            (key, text),
        )


#: The settings the förbund changes in the app (Arkiv → Förbundets inställningar…), in the
#: order the form shows them; the rest are written by the dialogs that use them.
FORM_SETTINGS = (
    "eget_kapital_tak_procent",
    "avvikelse_procent",
    "avvikelse_belopp",
    "rapport_enhet",
    "driftredovisning_kolumner",
    "delarsrapport",
    "beredning_dagar_fore",
    "sakerhetskopior_antal",
    "bedomning_uppnatt",
    "bedomning_delvis",
    "bedomning_ej_uppnatt",
)


def set_settings(ff: ForbundFile, values: dict[str, Any], label: str) -> None:
    """Store several of the förbund's settings as one undoable action named ``label``;
    refuses, naming the setting, a value that could not be read back or a negative number."""
    rows = []
    for key, value in values.items():
        setting = SETTINGS[key]
        if setting.preference:
            raise ValueError(f"{key} is a preference, not the förbund's setting")
        text = setting.render(value)
        setting.parse(text)
        if setting.type in (int, Decimal) and value < 0:
            raise Refusal(f"Ange 0 eller mer för ”{setting.label}”.")
        rows.append((key, text))
    with ff.write(label) as db:
        for row in rows:
            db.execute(
                "INSERT INTO installning (nyckel, varde) VALUES (?, ?) "
                "ON CONFLICT(nyckel) DO UPDATE SET varde = excluded.varde",
                row,
            )
