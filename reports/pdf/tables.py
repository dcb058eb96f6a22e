"""Tables: numbers right-aligned in Swedish form, totals bold, text that wraps and splits.

Amounts arrive as integer öre and are formatted by :func:`finsam_desktop.money.format_amount`
only (kr or tkr with one decimal; negative costs with the minus sign). A missing figure
prints as an en dash.

**Figures foot at the precision printed.** Every table of amounts in every report goes
through :func:`sifferTabell`, which applies one rule (:func:`fotad`):

1. Every amount is printed as its exact value rounded half up to the printed precision
   (:func:`finsam_desktop.money.rounded`), totals too, so one quantity prints the same in
   every table and every report (årets resultat, eget kapital, summa tillgångar).
2. A sum names the rows it adds (``Rad.delar``). Where the printed rows do not add up to
   the printed total, a row "Avrundning" just above the total carries the difference, so the
   printed column adds up; a sum whose exact parts do not make it is a bug and raises.
3. A difference printed beside its terms (avvikelse, ej förbrukat) is the difference of the
   printed terms (``skillnader``; :func:`skillnad` for running text), never rounded apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from reportlab.lib import colors
from reportlab.platypus import Paragraph, Table, TableStyle

from finsam_desktop.money import Unit, format_amount, format_percent, rounded

from . import fonts
from .document import BODY_HEIGHT, TEXT_WIDTH, safe
from .styles import ACCENT, ACCENT_LIGHT, RULE, ZEBRA, cell_commands, styles
from .tagging import TableTags

DASH = "–"
#: The row that carries the difference between a rounded total and its rounded rows.
AVRUNDNING = "Avrundning"
#: The row that carries it when the exact figures do not add up either (the data's
#: reconciliation names the fault, and the report is an utkast).
EJ_AVSTAMD = "Differens, stämmer inte av"


class Cell(Paragraph):
    """A table cell's text. A table wraps its cells each time it is measured (to fit, to
    split, beside a heading) and again as it draws, always at the column's width: the lines
    are broken once per width (the wrap depends on nothing else). A split that finds no room
    (ReportLab's ``Paragraph.split``) throws the broken lines away: they are broken again."""

    def wrap(self, availWidth, availHeight):
        if getattr(self, "_wrapped_at", None) != availWidth or not hasattr(self, "blPara"):
            self._wrapped = super().wrap(availWidth, availHeight)
            self._wrapped_at = availWidth
        return self._wrapped


class Tabell(Table):
    """A table that splits across pages between whole rows only, never with a lone row
    below its heading row on either page; a row is split inside only when it is taller than
    a page (a pasted text of pages), rather than stop the report."""

    #: May begin on the page of its heading and go on over the next (text tables).
    med_rubrik = False

    def __init__(self, data, *, taggas: str | None = None, **kwargs):
        """``taggas``: what the table is to a reader (:class:`tagging.TableTags`): "data"
        (the default with a heading row), "rows" (label and value) or "layout" (the default
        without a heading row: cells side by side)."""
        kwargs.setdefault("hAlign", "LEFT")
        kwargs.setdefault("splitInRow", 1)  # used only for a row taller than a page
        if "renderCB" not in kwargs:  # a part of a split table has its table's
            kind = taggas or ("data" if kwargs.get("repeatRows") else "layout")
            kwargs["renderCB"] = TableTags(kind)
        super().__init__(data, **kwargs)

    def split(self, availWidth, availHeight):
        self._calc(availWidth, availHeight)
        head = self.repeatRows if isinstance(self.repeatRows, int) else len(self.repeatRows)
        heights = self._rowHeights
        if max(heights[head:], default=0) > BODY_HEIGHT - sum(heights[:head]):
            return super().split(availWidth, availHeight)
        n = self._getFirstPossibleSplitRowPosition(availHeight)
        if n >= len(heights):
            return [self]
        fits = n
        n = min(n, len(heights) - 2)  # two rows at least go on to the next page
        if n - head < 2:  # and two stay on this one, else the table moves whole
            if availHeight >= BODY_HEIGHT - 1 and fits > head:
                # a whole page, and the table still does not fit as the rule wants (three
                # rows, one of them most of a page): moving on would not help; split where it
                # can, between rows
                return self._splitRows(sum(heights[:fits]) + 0.01, doInRowSplit=0)
            if sum(heights[: head + 2]) <= BODY_HEIGHT:
                return []
            # the heading row and two rows are taller than a page: moving on would not help
            # (a goal of about a page's text), so it splits where it can
            return super().split(availWidth, availHeight)
        return self._splitRows(sum(heights[:n]) + 0.01, doInRowSplit=0)


def belopp(ore: int | None, unit: Unit) -> str:
    return DASH if ore is None else format_amount(ore, unit)


def procent(value: Decimal | None, decimals: int = 0) -> str:
    return DASH if value is None else format_percent(value, decimals)


@dataclass(frozen=True)
class Rad:
    """A row of a number table: a label and its cells (öre, preformatted text or None).

    ``typ``: "rad" (normal), "summa" (bold, rule above), "rubrik" (a group heading across
    the table), "total" (bold, double rule: the result line), "framhavd" (bold, rule above,
    a key figure that is not a sum of the rows above it).
    ``delar``: for "summa" and "total", the rows above (the same objects) the sum adds
    (empty: a sum of no rows, such as the intäkter of a file without any).
    """

    text: str
    celler: Sequence[int | str | None] = ()
    typ: str = "rad"
    not_nr: str = ""
    delar: tuple[Rad, ...] | None = None


def skillnad(a: int, b: int, unit: Unit) -> int:
    """``a − b`` as printed beside ``a`` and ``b``: the difference of the rounded terms."""
    return rounded(a, unit) - rounded(b, unit)


def fotad(
    rader: Sequence[Rad], unit: Unit, skillnader: Sequence[tuple[int, int, int]] = ()
) -> list[Rad]:
    """The rows as printed: amounts rounded to ``unit``'s precision, an "Avrundning" row above
    each total its rounded parts do not make, and each difference column (``skillnader``:
    (column, minuend, subtrahend), counted in ``celler``) the difference of the printed
    terms. The rule is the module's. Raises ValueError when a sum does not name its parts or
    they are not above it (a mistake in the report, not in the data)."""
    shown: dict[int, list] = {}
    out: list[Rad] = []
    for r in rader:
        cells = [rounded(c, unit) if isinstance(c, int) else c for c in r.celler]
        for col, a, b in skillnader:
            if col < len(cells) and isinstance(cells[a], int) and isinstance(cells[b], int):
                cells[col] = cells[a] - cells[b]
        if r.typ in ("summa", "total"):
            if r.delar is None:
                raise ValueError(f"the sum {r.text!r} does not name the rows it adds")
            missing = [d.text for d in r.delar if id(d) not in shown]
            if missing:
                raise ValueError(f"the sum {r.text!r} adds rows not above it: {missing}")
            rest: list[int | None] = []
            stammer = True
            for j, c in enumerate(r.celler):
                if not isinstance(c, int):
                    rest.append(None)
                    continue
                stammer = stammer and c == sum(_amount(d.celler, j) for d in r.delar)
                rest.append(cells[j] - sum(_amount(shown[id(d)], j) for d in r.delar))
            if any(rest):
                out.append(Rad(AVRUNDNING if stammer else EJ_AVSTAMD, rest))
        shown[id(r)] = cells
        out.append(replace(r, celler=cells, delar=None))
    return out


def _amount(cells: Sequence, j: int) -> int:
    c = cells[j] if j < len(cells) else None
    return c if isinstance(c, int) else 0


def sifferTabell(
    rubriker: Sequence[str],
    rader: Sequence[Rad],
    unit: Unit,
    *,
    bredder: Sequence[float] | None = None,
    not_kolumn: bool = False,
    skillnader: Sequence[tuple[int, int, int]] = (),
) -> Table:
    """A table of amounts: the first column text, the others numbers (right-aligned), footed
    by the module's rule (:func:`fotad`; ``skillnader`` names its difference columns)."""
    rader = fotad(rader, unit, skillnader)
    s = styles()
    ncols = len(rubriker) + (1 if not_kolumn else 0)
    if bredder is None:
        first = TEXT_WIDTH * (0.56 if len(rubriker) <= 3 else 0.5 if len(rubriker) <= 4 else 0.36)
        rest = (TEXT_WIDTH - first - (26 if not_kolumn else 0)) / (len(rubriker) - 1)
        bredder = [first] + ([26] if not_kolumn else []) + [rest] * (len(rubriker) - 1)
    head = [Cell(safe(rubriker[0]), s["cell_head"])]
    if not_kolumn:
        head.append(Cell("Not", s["cell_head"]))
    head += [Cell(safe(h), s["cell_head_num"]) for h in rubriker[1:]]
    data = [head]
    first_num = 2 if not_kolumn else 1
    num = s["cell_num"]
    commands = [
        *_grid(2.2),
        ("LINEBELOW", (0, -1), (-1, -1), 0.6, RULE),
        ("FONT", (first_num, 1), (-1, -1), num.fontName, num.fontSize, num.leading),
        ("ALIGN", (first_num, 1), (-1, -1), "RIGHT"),
    ]
    zebra = False
    for r in rader:
        i = len(data)
        bold = r.typ in ("summa", "total", "framhavd")
        text_style = s["cell_bold"] if bold or r.typ == "rubrik" else s["cell"]
        row = [Cell(safe(r.text), text_style)]
        if not_kolumn:
            row.append(Cell(safe(r.not_nr), s["cell"]))
        for c in r.celler:
            shown = belopp(c, unit) if isinstance(c, int) or c is None else str(c)
            if r.typ == "rubrik" and c is None:
                shown = ""
            # a figure is a string, not a Paragraph: it never wraps (no-break spaces group
            # its digits), and laying out a Paragraph per figure cost a sixth of a report
            row.append(fonts.printable(shown))
        row += [""] * (ncols - len(row))
        data.append(row)
        if bold:
            commands.append(("FONTNAME", (first_num, i), (-1, i), fonts.BOLD))
        if r.typ == "rubrik":
            commands.append(("BACKGROUND", (0, i), (-1, i), ACCENT_LIGHT))
            commands.append(("NOSPLIT", (0, i), (-1, i + 1)))  # a group heading with its row
            zebra = False
        elif r.typ in ("summa", "framhavd"):
            commands.append(("LINEABOVE", (0, i), (-1, i), 0.6, colors.black))
            commands.append(("NOSPLIT", (0, i - 1), (-1, i)))  # a sum with a row it adds
        elif r.typ == "total":
            commands.append(("LINEABOVE", (0, i), (-1, i), 0.9, colors.black))
            commands.append(("LINEBELOW", (0, i), (-1, i), 0.9, colors.black))
        else:
            if zebra:
                commands.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
            zebra = not zebra
    last = len(data) - 1
    commands = [c for c in commands if c[0] != "NOSPLIT" or c[2][1] <= last]
    table = Tabell(data, colWidths=list(bredder), repeatRows=1)
    table.setStyle(TableStyle(commands))
    return table


def textTabell(
    rubriker: Sequence[str],
    rader: Sequence[Sequence[str]],
    bredder: Sequence[float],
    *,
    hoger: Sequence[int] = (),
) -> Table:
    """A table of text (goals, the board, revisorer): every cell wraps, rows stay whole."""
    s = styles()
    head = [
        Cell(safe(h), s["cell_head_num" if i in hoger else "cell_head"])
        for i, h in enumerate(rubriker)
    ]
    data = [head]
    for r in rader:
        data.append(
            [Cell(safe(c), s["cell_num" if i in hoger else "cell"]) for i, c in enumerate(r)]
        )
    commands = [*_grid(2.5), ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE)]
    table = Tabell(data, colWidths=list(bredder), repeatRows=1)
    table.med_rubrik = True  # a long one begins under its heading (document._WithNext)
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
    table = Tabell(rows, colWidths=[TEXT_WIDTH / 2] * 2)
    table.setStyle(TableStyle(cell_commands(bottom=bottom, left=0)))
    return table
