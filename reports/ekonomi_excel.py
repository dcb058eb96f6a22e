"""A budget version as the Excel file the kommun's ekonomisystem imports.

The user chooses the columns (Konto, Ansvar, Verksamhet, Aktivitet/Projekt, Motpart, and a
row text), the layout (long: one row per period; wide: twelve month columns and a total),
the periodisation (1/12 per month with the remainder in December, a monthly profile, or all in
one month) and the sign convention (the report's: intäkter positive, kostnader negative; or
the ledger's: intäkter negative, kostnader positive). The choices are remembered per förbund
(setting ``ekonomi_export``).

The file holds real numbers with number formats ("#,##0" groups thousands in Swedish Excel),
the totals as SUM formulas, a frozen header row, sensible widths, and every text cell stored
as text with Excel's quote prefix, so a row text starting with =, +, - or @ never becomes a
formula when opened.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from finsam_desktop import budget as budget_ops
from finsam_desktop.model import Grupp
from finsam_desktop.storage import ForbundFile

SETTING_KEY = "ekonomi_export"

#: Column key → header as the kommun's import names it.
KOLUMNER = {
    "konto": "Konto",
    "ansvar": "Ansvar",
    "verksamhet": "Verksamhet",
    "projekt": "Aktivitet/Projekt",
    "motpart": "Motpart",
    "text": "Text",
}
MANADER = ["Jan", "Feb", "Mar", "Apr", "Maj", "Jun", "Jul", "Aug", "Sep", "Okt", "Nov", "Dec"]
_TEXT_WIDTH = {"konto": 10, "ansvar": 10, "verksamhet": 12, "projekt": 18, "motpart": 10}


class ExportError(ValueError):
    """An export that cannot be made; Swedish message."""


@dataclass
class ExportVal:
    kolumner: list[str] = field(default_factory=lambda: ["konto", "ansvar", "projekt", "text"])
    layout: str = "long"  # "long" | "wide"
    periodisering: str = "jamnt"  # "jamnt" | "profil" | "manad"
    profil: list[str] = field(default_factory=lambda: ["1"] * 12)  # weights as decimal text
    manad: int = 1
    #: "rapport": intäkter +, kostnader −; "bokforing": intäkter −, kostnader +.
    tecken: str = "rapport"
    #: Leave out rows whose amount for the year is zero.
    utan_nollrader: bool = True

    def check(self) -> None:
        if not self.kolumner or any(k not in KOLUMNER for k in self.kolumner):
            raise ExportError("Välj minst en av kolumnerna " + ", ".join(KOLUMNER.values()) + ".")
        if self.layout not in ("long", "wide"):
            raise ExportError("Layouten är antingen lång (en rad per period) eller bred.")
        if self.tecken not in ("rapport", "bokforing"):
            raise ExportError("Välj teckenkonvention.")
        if self.periodisering not in ("jamnt", "profil", "manad"):
            raise ExportError("Välj hur beloppen periodiseras.")

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ExportVal:
        try:
            data = json.loads(text) if text else {}
        except json.JSONDecodeError:
            data = {}
        val = cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})
        try:
            val.check()
        except ExportError:
            return cls()
        return val


def sparade_val(ff: ForbundFile) -> ExportVal:
    row = ff.conn.execute(
        "SELECT varde FROM installning WHERE nyckel = ?", (SETTING_KEY,)
    ).fetchone()
    return ExportVal.from_json(row[0] if row else "")


def spara_val(ff: ForbundFile, val: ExportVal) -> None:
    val.check()
    with ff.write("Ändra val för Excel till ekonomienheten") as db:
        db.execute(
            "INSERT INTO installning (nyckel, varde) VALUES (?, ?) "
            "ON CONFLICT(nyckel) DO UPDATE SET varde = excluded.varde",
            (SETTING_KEY, val.to_json()),
        )


@dataclass(frozen=True)
class ExportRad:
    falt: dict[str, str]
    manader: list[int]  # öre per month, in the chosen sign convention

    @property
    def summa(self) -> int:
        return sum(self.manader)


def export_rader(ff: ForbundFile, version_id: int, ar: int, val: ExportVal) -> list[ExportRad]:
    """The rows of the export: one per budget row, periodised, signed as chosen."""
    val.check()
    version = budget_ops.version(ff, version_id)
    if ar not in (version["ar"], version["ar"] + 1, version["ar"] + 2):
        raise ExportError(f"Året {ar} ingår inte i budgeten för {version['ar']}.")
    rows = ff.query(
        "SELECT r.*, coalesce(b.belopp_ore, 0) AS belopp_ore FROM budget_rad r "
        "LEFT JOIN budget_belopp b ON b.rad_id = r.id AND b.ar = ? WHERE r.version_id = ?",
        (ar, version_id),
    )
    order = {g.value: i for i, g in enumerate(Grupp)}
    rows.sort(key=lambda r: (order[r["grupp"]], r["ordning"], r["id"]))
    profil = [Decimal(str(p).replace(",", ".")) for p in val.profil]
    sign = -1 if val.tecken == "bokforing" else 1
    out = []
    for r in rows:
        if val.utan_nollrader and not r["belopp_ore"]:
            continue
        months = budget_ops.periodisera(
            r["belopp_ore"], val.periodisering, profil=profil, manad=val.manad
        )
        falt = {
            "konto": r["konto"] or "",
            "ansvar": r["ansvar"],
            "verksamhet": r["verksamhet"],
            "projekt": r["projekt"],
            "motpart": r["motpart"],
            "text": r["text"],
        }
        out.append(ExportRad(falt, [sign * m for m in months]))
    return out


def _text(cell, value: str) -> None:
    """Store ``value`` as text that no spreadsheet turns into a formula or a number."""
    cell.value = value
    cell.data_type = "s"
    cell.quotePrefix = True


def write_export(
    ff: ForbundFile, version_id: int, ar: int, out: Path | str, val: ExportVal | None = None
) -> dict:
    """Write the export workbook; returns facts for a summary (rows, total in öre)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    val = val or sparade_val(ff)
    rader = export_rader(ff, version_id, ar, val)
    if not rader:
        raise ExportError(f"Budgeten har inga belopp för {ar} att exportera.")
    wb = Workbook()
    ws = wb.active
    ws.title = f"Budget {ar}"
    bold = Font(bold=True)
    text_cols = list(val.kolumner)
    with_ore = any(m % 100 for r in rader for m in r.manader)
    fmt = "#,##0.00" if with_ore else "#,##0"
    if val.layout == "long":
        headers = [KOLUMNER[k] for k in text_cols] + ["Period", "Belopp"]
    else:
        headers = [KOLUMNER[k] for k in text_cols] + MANADER + ["Summa"]
    for j, h in enumerate(headers, start=1):
        c = ws.cell(row=1, column=j)
        _text(c, h)
        c.font = bold
    n_text = len(text_cols)
    r = 2
    for rad in rader:
        if val.layout == "long":
            for m, ore in enumerate(rad.manader, start=1):
                if not ore and rad.summa:
                    continue
                for j, k in enumerate(text_cols, start=1):
                    _text(ws.cell(row=r, column=j), rad.falt[k])
                p = ws.cell(row=r, column=n_text + 1, value=ar * 100 + m)
                p.number_format = "0"
                b = ws.cell(row=r, column=n_text + 2, value=_number(ore))
                b.number_format = fmt
                r += 1
        else:
            for j, k in enumerate(text_cols, start=1):
                _text(ws.cell(row=r, column=j), rad.falt[k])
            for m, ore in enumerate(rad.manader):
                c = ws.cell(row=r, column=n_text + 1 + m, value=_number(ore))
                c.number_format = fmt
            first = get_column_letter(n_text + 1)
            last = get_column_letter(n_text + 12)
            c = ws.cell(row=r, column=n_text + 13, value=f"=SUM({first}{r}:{last}{r})")
            c.number_format = fmt
            r += 1
    last_data = r - 1
    label = ws.cell(row=r, column=1)
    _text(label, "Summa")
    label.font = bold
    amount_cols = [n_text + 2] if val.layout == "long" else list(range(n_text + 1, n_text + 14))
    for col in amount_cols:
        letter = get_column_letter(col)
        c = ws.cell(row=r, column=col, value=f"=SUM({letter}2:{letter}{last_data})")
        c.number_format = fmt
        c.font = bold
    ws.freeze_panes = "A2"
    for j, k in enumerate(text_cols, start=1):
        longest = max((len(x.falt[k]) for x in rader), default=0)
        width = _TEXT_WIDTH.get(k, 12) if k != "text" else 12
        ws.column_dimensions[get_column_letter(j)].width = min(60, max(width, longest + 2))
    for col in range(n_text + 1, len(headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = (
            10 if val.layout == "long" and col == n_text + 1 else 13
        )
    out = Path(out)
    try:
        wb.save(out)
    except OSError as exc:
        raise ExportError(f"{out.name} kan inte skrivas: {exc.strerror}.") from None
    return {
        "rader": last_data - 1,
        "summa_ore": sum(x.summa for x in rader),
        "sheet": ws.title,
        "total_row": r,
        "amount_cols": amount_cols,
    }


def _number(ore: int) -> int | float:
    """Öre as kronor, an int when whole (exact in any spreadsheet), else a float."""
    return ore // 100 if ore % 100 == 0 else ore / 100
