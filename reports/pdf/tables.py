"""Tables: numbers right-aligned in Swedish form, totals bold, text that wraps and splits.

Amounts arrive as integer öre and are formatted by :func:`finsam_desktop.money.format_amount`
only (kr or tkr with one decimal; negative costs with the minus sign). A missing figure
prints as an en dash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table, TableStyle

from finsam_desktop.money import Unit, format_amount, format_percent

from .document import TEXT_WIDTH, safe
from .styles import ACCENT, ACCENT_LIGHT, RULE, ZEBRA, cell_commands, styles

DASH = "–"


def belopp(ore: int | None, unit: Unit) -> str:
    return DASH if ore is None else format_amount(ore, unit)


def procent(value: Decimal | None, decimals: int = 0) -> str:
    return DASH if value is None else format_percent(value, decimals)


@dataclass(frozen=True)
class Rad:
    """A row of a number table: a label and its cells (öre, preformatted text or None).

    ``typ``: "rad" (normal), "summa" (bold, rule above), "rubrik" (a group heading across
    the table), "total" (bold, double rule: the result line).
    """

    text: str
    celler: Sequence[int | str | None] = ()
    typ: str = "rad"
    not_nr: str = ""


def sifferTabell(
    rubriker: Sequence[str],
    rader: Sequence[Rad],
    unit: Unit,
    *,
    bredder: Sequence[float] | None = None,
    not_kolumn: bool = False,
) -> Table:
    """A table of amounts: the first column text, the others numbers (right-aligned)."""
    s = styles()
    ncols = len(rubriker) + (1 if not_kolumn else 0)
    if bredder is None:
        first = TEXT_WIDTH * (0.56 if len(rubriker) <= 3 else 0.5 if len(rubriker) <= 4 else 0.36)
        rest = (TEXT_WIDTH - first - (26 if not_kolumn else 0)) / (len(rubriker) - 1)
        bredder = [first] + ([26] if not_kolumn else []) + [rest] * (len(rubriker) - 1)
    head = [Paragraph(safe(rubriker[0]), s["cell_head"])]
    if not_kolumn:
        head.append(Paragraph("Not", s["cell_head"]))
    head += [Paragraph(safe(h), s["cell_head_num"]) for h in rubriker[1:]]
    data = [head]
    commands = [*_grid(2.2), ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE)]
    zebra = False
    for r in rader:
        i = len(data)
        bold = r.typ in ("summa", "total")
        text_style = s["cell_bold"] if bold or r.typ == "rubrik" else s["cell"]
        num_style = s["cell_num"]
        row = [Paragraph(safe(r.text), text_style)]
        if not_kolumn:
            row.append(Paragraph(safe(r.not_nr), s["cell"]))
        for c in r.celler:
            shown = belopp(c, unit) if isinstance(c, int) or c is None else str(c)
            if r.typ == "rubrik" and c is None:
                shown = ""
            cell = safe(shown)
            row.append(Paragraph(f"<b>{cell}</b>" if bold else cell, num_style))
        row += [""] * (ncols - len(row))
        data.append(row)
        if r.typ == "rubrik":
            commands.append(("BACKGROUND", (0, i), (-1, i), ACCENT_LIGHT))
            zebra = False
        elif r.typ == "summa":
            commands.append(("LINEABOVE", (0, i), (-1, i), 0.6, colors.black))
        elif r.typ == "total":
            commands.append(("LINEABOVE", (0, i), (-1, i), 0.9, colors.black))
            commands.append(("LINEBELOW", (0, i), (-1, i), 0.9, colors.black))
        else:
            if zebra:
                commands.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
            zebra = not zebra
    table = Table(data, colWidths=list(bredder), repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle(commands))
    return table


def textTabell(
    rubriker: Sequence[str],
    rader: Sequence[Sequence[str]],
    bredder: Sequence[float],
    *,
    hoger: Sequence[int] = (),
) -> Table:
    """A table of text (goals, the board, revisorer): every cell wraps, rows may split."""
    s = styles()
    head = [
        Paragraph(safe(h), s["cell_head_num" if i in hoger else "cell_head"])
        for i, h in enumerate(rubriker)
    ]
    data = [head]
    for r in rader:
        data.append(
            [Paragraph(safe(c), s["cell_num" if i in hoger else "cell"]) for i, c in enumerate(r)]
        )
    commands = [*_grid(2.5), ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)]
    table = Table(data, colWidths=list(bredder), repeatRows=1, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle(commands))
    return table


def _grid(vertical: float) -> list[tuple]:
    """A table with a heading row: the heading on the accent, 4 pt beside each cell."""
    return [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        *cell_commands(top=vertical, bottom=vertical, left=4, right=4),
    ]


def parvis(cells: Sequence, bottom: float) -> Table:
    """Cells two to a row, half the text width each (signatures), ``bottom`` points below each.

    A name longer than a page (pasted by mistake) splits the row rather than stopping the
    report.
    """
    rows = [list(cells[i : i + 2]) for i in range(0, len(cells), 2)]
    if rows and len(rows[-1]) == 1:
        rows[-1].append("")
    table = Table(rows, colWidths=[TEXT_WIDTH / 2] * 2, hAlign="LEFT", splitInRow=1)
    table.setStyle(TableStyle(cell_commands(bottom=bottom, left=0)))
    return table
