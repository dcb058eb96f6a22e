"""The arvodesunderlag as Excel for the kommun's payroll.

Sheet "Lönerader": what the payroll system takes, one row per person, löneart (sammanträdes-
arvode, fast arvode, förlorad arbetsinkomst, milersättning skattefri and skattepliktig) and
konto over the period, each löneart on the konto the förbund's rules book it on, with the
arbetsgivaravgift at the person's rate (the reduced rate for those born in the rule's years).
Sheet "Arvoden": the detail, one row per person and meeting (and per month's fixed fee): namn,
personnummer (only when entered), roll, tjänstgörande, datum, möte, duration class, arvode, FLA
hours and amount, km, milersättning split in the tax-free part and the taxable excess, the sum,
konto and ansvar. Sheet "Per konto": the taxable sum, the tax-free mileage and the
arbetsgivaravgifter per konto/ansvar. Amounts are real numbers in kronor with "#,##0.00";
every text cell is text (a name starting with "=" never becomes a formula); the header is frozen.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from finsam_desktop import arvoden
from finsam_desktop.files import write_bytes_atomically
from finsam_desktop.storage import ForbundFile

KR = "#,##0.00"
TIMMAR = "0.00"
_FORMULA_START = ("=", "+", "-", "@")

#: What the Personnummer column says for a person the payroll has no personnummer for.
SAKNAS = "SAKNAS"

RUBRIKER = [
    "Namn", "Personnummer", "Roll", "Tjänstgörande", "Datum", "Möte", "Mötets längd",
    "Arvode", "FLA timmar", "FLA", "Km", "Milersättning skattefri",
    "Milersättning skattepliktig", "Skattepliktigt", "Konto", "Ansvar",
]  # fmt: skip
LONE_RUBRIKER = [
    "Personnummer", "Namn", "Löneart", "Antal", "Enhet", "Belopp", "Skattepliktig", "Konto",
    "Ansvar", "Arbetsgivaravgift",
]  # fmt: skip
#: The unit of each löneart's Antal.
ENHET = {arvoden.ARVODE: "möten", arvoden.FAST: "månader", arvoden.FLA: "timmar",
         arvoden.MIL_FRI: "km", arvoden.MIL_SKATT: "km"}  # fmt: skip
KONTO_RUBRIKER = [
    "Konto", "Ansvar", "Skattepliktigt", "Skattefri milersättning", "Arbetsgivaravgift",
    "Summa kostnad",
]  # fmt: skip


def _kr(ore: int) -> float | int:
    return ore // 100 if ore % 100 == 0 else ore / 100


def build(ff: ForbundFile, fran: dt.date, till: dt.date) -> tuple[bytes, arvoden.Underlag]:
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    u = arvoden.underlag(ff, fran, till)
    wb = Workbook()
    ls = wb.active
    ls.title = "Lönerader"
    ws = wb.create_sheet("Arvoden")
    bold = Font(bold=True)

    def text(cell, value: str) -> None:
        cell.value = value
        cell.data_type = "s"
        if value[:1] in _FORMULA_START:
            cell.quotePrefix = True

    def header(sheet, names: list[str]) -> None:
        for j, name in enumerate(names, start=1):
            c = sheet.cell(row=1, column=j)
            text(c, name)
            c.font = bold
        sheet.freeze_panes = "A2"

    header(ls, LONE_RUBRIKER)
    for i, x in enumerate(u.lonerader(), start=2):
        text(ls.cell(row=i, column=1), x.personnummer or SAKNAS)
        text(ls.cell(row=i, column=2), x.namn)
        text(ls.cell(row=i, column=3), x.loneart)
        antal = ls.cell(
            row=i, column=4, value=_kr(x.antal) if x.loneart == arvoden.FLA else x.antal
        )
        antal.number_format = TIMMAR if x.loneart == arvoden.FLA else "0"
        text(ls.cell(row=i, column=5), ENHET[x.loneart])
        ls.cell(row=i, column=6, value=_kr(x.belopp_ore)).number_format = KR
        text(ls.cell(row=i, column=7), "Ja" if x.skattepliktig else "Nej")
        text(ls.cell(row=i, column=8), x.konto)
        text(ls.cell(row=i, column=9), x.ansvar)
        ls.cell(row=i, column=10, value=_kr(x.avgift_ore)).number_format = KR
    for j, w in enumerate([15, 24, 26, 8, 9, 12, 12, 10, 10, 16], start=1):
        ls.column_dimensions[get_column_letter(j)].width = w

    header(ws, RUBRIKER)
    for i, r in enumerate(u.rader, start=2):
        values = [
            r.namn, r.personnummer or SAKNAS, r.roll, r.tjanstgorande, r.datum, r.mote, r.klass,
            r.arvode_ore, r.fla_hundradelar, r.fla_ore, r.km, r.mil_skattefri_ore,
            r.mil_skattepliktig_ore, r.skattepliktigt_ore, r.konto, r.ansvar,
        ]  # fmt: skip
        for j, v in enumerate(values, start=1):
            c = ws.cell(row=i, column=j)
            if isinstance(v, str):
                text(c, v)
            elif isinstance(v, dt.date):
                c.value = v
                c.number_format = "yyyy-mm-dd"
            elif j == 9:
                c.value = _kr(v)  # hundredths of hours, shown as hours
                c.number_format = TIMMAR
            elif j == 11:
                c.value = v
                c.number_format = "0"
            else:
                c.value = _kr(v)
                c.number_format = KR
    total = len(u.rader) + 2
    text(ws.cell(row=total, column=1), "Summa")
    ws.cell(row=total, column=1).font = bold
    for j, attr in (
        (8, "arvode_ore"), (10, "fla_ore"), (12, "mil_skattefri_ore"),
        (13, "mil_skattepliktig_ore"), (14, "skattepliktigt_ore"),
    ):  # fmt: skip
        c = ws.cell(row=total, column=j, value=_kr(sum(getattr(r, attr) for r in u.rader)))
        c.number_format = KR
        c.font = bold
    widths = [24, 15, 16, 13, 11, 24, 12, 11, 10, 11, 7, 13, 13, 12, 10, 10]
    for j, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = w

    ks = wb.create_sheet("Per konto")
    header(ks, KONTO_RUBRIKER)
    rows = u.per_konto()
    for i, (konto, ansvar, skattepliktigt, fri, avgift) in enumerate(rows, start=2):
        text(ks.cell(row=i, column=1), konto)
        text(ks.cell(row=i, column=2), ansvar)
        for j, v in (
            (3, skattepliktigt),
            (4, fri),
            (5, avgift),
            (6, skattepliktigt + fri + avgift),
        ):
            c = ks.cell(row=i, column=j, value=_kr(v))
            c.number_format = KR
    for j, w in enumerate([12, 12, 15, 22, 18, 15], start=1):
        ks.column_dimensions[get_column_letter(j)].width = w
    note = len(rows) + 3
    notes = [f"Period {fran.isoformat()} – {till.isoformat()}."]
    notes += [f"Väntar på justering: {v}." for v in u.vantar]
    notes += [f"Betalas inte av förbundet: {p}." for p in u.ej_betalda]
    notes += [f"Arvodesregler saknas för {ar}." for ar in u.saknar_regel]
    for k, line in enumerate(notes):
        text(ks.cell(row=note + k, column=1), line)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue(), u


def write(ff: ForbundFile, out: Path | str, fran: dt.date, till: dt.date) -> arvoden.Underlag:
    data, u = build(ff, fran, till)
    write_bytes_atomically(Path(out), data, "Arvodesunderlaget")
    return u
