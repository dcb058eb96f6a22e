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

import io
import json
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path

from finsam_desktop import budget as budget_ops
from finsam_desktop import ekonomi
from finsam_desktop.errors import Refusal
from finsam_desktop.files import write_bytes_atomically
from finsam_desktop.model import Grupp
from finsam_desktop.settings import get_setting, set_setting
from finsam_desktop.storage import ForbundFile
from finsam_desktop.text import from_json_fields

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
_FORMULA_START = ("=", "+", "-", "@", "\u2212")
_TEXT_WIDTH = {"konto": 10, "ansvar": 10, "verksamhet": 12, "projekt": 18, "motpart": 10}


class ExportError(Refusal):
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
        if self.periodisering == "profil":
            self.profil_tal()

    def profil_tal(self) -> list[Decimal]:
        """The month profile as twelve numbers; refuses text that is not one, in Swedish."""
        if len(self.profil) != 12:
            raise ExportError("Månadsprofilen ska vara tolv tal, ett per månad.")
        tal = []
        for month, text in enumerate(self.profil, start=1):
            try:
                value = Decimal(str(text).strip().replace(",", ".").replace("\u00a0", ""))
            except ArithmeticError:
                value = None
            if value is None or not value.is_finite():
                raise ExportError(
                    f"Månadsprofilens värde för månad {month} (”{text}”) är inget tal; "
                    "skriv till exempel 8 eller 8,5."
                ) from None
            tal.append(value)
        if any(v < 0 for v in tal) or sum(tal) <= 0:
            raise ExportError("Månadsprofilens värden ska vara positiva och inte alla noll.")
        return tal

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> ExportVal:
        val = from_json_fields(cls, text)
        try:
            val.check()
        except ExportError:
            return cls()
        return val


def sparade_val(ff: ForbundFile) -> ExportVal:
    return ExportVal.from_json(get_setting(ff, SETTING_KEY))


def spara_val(ff: ForbundFile, val: ExportVal) -> None:
    val.check()
    set_setting(ff, SETTING_KEY, val.to_json())


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
    rows = ekonomi.budget_rader(ff, version_id, ar)
    order = {g.value: i for i, g in enumerate(Grupp)}
    rows.sort(key=lambda r: (order[r["grupp"]], r["ordning"], r["id"]))
    profil = val.profil_tal() if val.periodisering == "profil" else None
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


def write_export(
    ff: ForbundFile, version_id: int, ar: int, out: Path | str, val: ExportVal | None = None
) -> dict:
    """Write the export workbook; returns facts for a summary (rows, total in öre).

    Written with openpyxl's write-only mode (rows streamed, about three times faster for
    the 3 600 rows of a long export of 300 budget rows). Raises :class:`ExportError` for a
    budget that cannot be exported, :class:`~finsam_desktop.files.WriteFailed` when the
    file cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    val = val or sparade_val(ff)
    rader = export_rader(ff, version_id, ar, val)
    if not rader:
        raise ExportError(f"Budgeten har inga belopp för {ar} att exportera.")
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(f"Budget {ar}")
    bold = Font(bold=True)
    text_cols = list(val.kolumner)
    n_text = len(text_cols)
    with_ore = any(m % 100 for r in rader for m in r.manader)
    fmt = "#,##0.00" if with_ore else "#,##0"
    if val.layout == "long":
        headers = [KOLUMNER[k] for k in text_cols] + ["Period", "Belopp"]
        amount_cols = [n_text + 2]
    else:
        headers = [KOLUMNER[k] for k in text_cols] + MANADER + ["Summa"]
        amount_cols = list(range(n_text + 1, n_text + 14))
    ws.freeze_panes = "A2"
    for j, k in enumerate(text_cols, start=1):
        longest = max((len(x.falt[k]) for x in rader), default=0)
        width = _TEXT_WIDTH.get(k, 12) if k != "text" else 12
        ws.column_dimensions[get_column_letter(j)].width = min(60, max(width, longest + 2))
    for col in range(n_text + 1, len(headers) + 1):
        ws.column_dimensions[get_column_letter(col)].width = (
            10 if val.layout == "long" and col == n_text + 1 else 13
        )

    def text(value: str, font=None):
        if value[:1] not in _FORMULA_START and font is None:
            return value  # a plain string: written as text, never a formula
        cell = WriteOnlyCell(ws, value=value)
        cell.data_type = "s"
        if value[:1] in _FORMULA_START:
            cell.quotePrefix = True
        if font is not None:
            cell.font = font
        return cell

    def number(value, number_format: str, font=None):
        cell = WriteOnlyCell(ws, value=value)
        cell.number_format = number_format
        if font is not None:
            cell.font = font
        return cell

    ws.append([text(h, bold) for h in headers])
    r = 2
    for rad in rader:
        texts = [text(rad.falt[k]) for k in text_cols]
        if val.layout == "long":
            for m, ore in enumerate(rad.manader, start=1):
                if not ore and rad.summa:
                    continue
                ws.append([*texts, number(ar * 100 + m, "0"), number(_number(ore), fmt)])
                r += 1
        else:
            first = get_column_letter(n_text + 1)
            last = get_column_letter(n_text + 12)
            ws.append(
                [
                    *texts,
                    *(number(_number(ore), fmt) for ore in rad.manader),
                    number(f"=SUM({first}{r}:{last}{r})", fmt),
                ]
            )
            r += 1
    last_data = r - 1
    # The sheet an ekonomisystem imports holds data rows only (a "Summa" in the Konto column
    # is read as an account); the totals people check stand on a sheet of their own.
    totals = wb.create_sheet("Summa")
    totals.append([text("", bold)] + [text(headers[c - 1], bold) for c in amount_cols])
    sheet = ws.title.replace("'", "''")
    sums = []
    for c in amount_cols:
        letter = get_column_letter(c)
        sums.append(number(f"=SUM('{sheet}'!{letter}2:{letter}{last_data})", fmt, bold))
    totals.append([text("Summa", bold), *sums])
    # which budget this is, for whoever opens the file later: version, decision, §
    kalla = ekonomi.Arsbudget(budget_ops.version(ff, version_id), ar).text()
    totals.append([])
    totals.append([text("Källa", bold), text(kalla)])
    wb.properties.title = f"Budget {ar}"
    wb.properties.subject = kalla
    # Saved in memory first: a write-only workbook that never reaches save() complains from
    # the garbage collector, and the ekonomienhet never gets half a file.
    buffer = io.BytesIO()
    wb.save(buffer)
    write_bytes_atomically(Path(out), buffer.getvalue(), "Budgetexporten")
    return {
        "rader": last_data - 1,
        "summa_ore": sum(x.summa for x in rader),
        "sheet": ws.title,
        "total_sheet": "Summa",
        "kalla": kalla,
        "amount_cols": amount_cols,
    }


def _number(ore: int) -> int | float:
    """Öre as kronor, an int when whole (exact in any spreadsheet), else a float."""
    return ore // 100 if ore % 100 == 0 else ore / 100
