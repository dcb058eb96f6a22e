"""The budget grid's model: rows by group, subtotals, totals and the result, live while typing.

Lines are group headings, budget rows, a subtotal per group, then Summa intäkter, Summa
kostnader and Resultat. Columns: Post, Konto, budget year N, plan N+1 and N+2; for a budget
year with utfall also Utfall, Avvikelse (utfall − budget) and last year's utfall.

The model keeps the version's amounts in memory and sums them itself, so a subtotal follows a
typed amount at once (even before the edit is committed, through :meth:`preview`). Every
change is written through :mod:`finsam_desktop.budget` (one ``ff.write`` per user action);
when the file announces a write the page calls :meth:`load`, which updates values in place
(``dataChanged``) when the rows are the same, so selection and scrolling stay.

What typing means (one rule, shown in the unit picker's tooltip and as the unit beside the
number in the cell's editor): a bare number is in the unit shown, so "1 255,5" is 1 255,50 kr
in kr and 1 255 500 kr in tkr; a number with its own unit ("67 500 kr", "1 255,5 tkr",
"2,5 mkr") is read in that unit, exactly.

An amount that is not plausible for the förbund (:func:`finsam_desktop.budget.orimligt_belopp`:
"734 000" from a document in kronor, typed into the tkr grid) is not stored at once: the view
asks :meth:`BudgetGridModel.question` first and stores the reading the user picks.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont

from finsam_desktop import budget as ops
from finsam_desktop import ekonomi, forbund, insatser, uppstallning
from finsam_desktop.dates import MONTH_NAMES
from finsam_desktop.model import BudgetStatus, Grupp, RadSlag
from finsam_desktop.money import AmountError, Unit, format_amount, parse_amount, to_decimal
from finsam_desktop.storage import ForbundFile

from ..models.base import ALIGN_NUMBER, ALIGN_TEXT, RECORD_ROLE, SORT_ROLE
from ..style import ERROR, MUTED

_ROOT = QModelIndex()
Index = QModelIndex | QPersistentModelIndex

#: The note on a cell (str, "" for none).
NOTE_ROLE = Qt.ItemDataRole.UserRole + 10
#: The kind of line (a :class:`Kind`).
KIND_ROLE = Qt.ItemDataRole.UserRole + 11

_UNIT_SUFFIX = re.compile(r"(kr|kronor|tkr|mkr|sek|:-)\s*\)?\s*$", re.IGNORECASE)


class Kind(Enum):
    GROUP = "grupp"
    ROW = "rad"
    UNPLACED = "ej_kopplat"  # utfall of a group that fits no budget row
    SUBTOTAL = "delsumma"
    INTAKTER = "summa_intakter"
    KOSTNADER = "summa_kostnader"
    RESULT = "resultat"


@dataclass
class Line:
    kind: Kind
    grupp: Grupp | None = None
    rad: dict | None = None  # the budget_rad row for Kind.ROW
    #: the förbund's avsnitt a GROUP (its heading) or SUBTOTAL (its summa) line stands for
    avsnitt: uppstallning.Avsnitt | None = None

    @property
    def key(self) -> tuple:
        return (self.kind, self.grupp, self.rad_id, self.avsnitt.id if self.avsnitt else None)

    @property
    def rad_id(self) -> int | None:
        return self.rad["id"] if self.rad else None


@dataclass
class Columns:
    """Which column is which, for a version (utfall columns only for a year with utfall)."""

    years: tuple[int, int, int]
    utfall: bool
    names: list[str] = field(default_factory=list)
    #: The last month of the budget year's utfall when it is monthly (named in the header:
    #: "Utfall jan–nov 2026"), None for a whole year's.
    till_manad: int | None = None

    POST, KONTO = 0, 1

    def __post_init__(self) -> None:
        n = self.years[0]
        self.names = ["Post", "Konto", f"Budget {n}", f"Plan {n + 1}", f"Plan {n + 2}"]
        if self.utfall:
            m = self.till_manad
            span = ""
            if m is not None:  # "jan–sep": the months' first three letters
                span = "jan " if m == 1 else f"jan–{MONTH_NAMES[m - 1][:3]} "
            self.names += [f"Utfall {span}{n}", "Avvikelse", f"Utfall {n - 1}"]

    def year_of(self, column: int) -> int | None:
        return self.years[column - 2] if 2 <= column <= 4 else None

    def column_of(self, year: int) -> int:
        return 2 + self.years.index(year)

    @property
    def utfall_col(self) -> int | None:
        return 5 if self.utfall else None

    @property
    def amount_columns(self) -> range:
        return range(2, len(self.names))


def has_own_unit(text: str) -> bool:
    """Whether typed text names its unit ("67 500 kr", "2,5 mkr"), so the unit shown is not used."""
    return bool(_UNIT_SUFFIX.search(text.strip()))


def parse_typed(text: str, unit: Unit) -> int | None:
    """Öre from text typed in a cell shown in ``unit``; None for an empty cell."""
    s = text.strip()
    if not s:
        return None
    if _UNIT_SUFFIX.search(s) or unit is Unit.KR:
        return parse_amount(s)
    negative = s.startswith("(") and s.endswith(")")
    bare = s[1:-1] if negative else s
    try:
        ore = parse_amount(bare + " tkr")
    except AmountError as exc:
        raise AmountError(str(exc).replace(f"”{bare} tkr”", f"”{s}”")) from None
    return -ore if negative else ore


def _decimals(ore: int, unit: Unit) -> int:
    """The decimals that show ``ore`` in ``unit`` exactly (none for whole kronor or tkr)."""
    exponent = to_decimal(ore, unit).normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def edit_text(ore: int | None, unit: Unit) -> str:
    """An amount as the editor starts with it: exact, grouped, in ``unit``."""
    if ore is None:
        return ""
    return format_amount(ore, unit, decimals=_decimals(ore, unit)).replace("\u2212", "-")


def exact_text(ore: int, unit: Unit) -> str:
    """An amount exactly, with its unit, as a sentence names it: "734 000 tkr", "1 255,5 kr"."""
    return format_amount(ore, unit, decimals=_decimals(ore, unit), suffix=True)


@dataclass(frozen=True)
class Question:
    """What to ask before an implausible amount is stored, and what each answer stores."""

    text: str  # "Du skrev 734 000 tkr, alltså 734 000 000 kr. Menade du 734 000 kr?"
    reason: str  # why it looks wrong (finsam_desktop.budget.orimligt_belopp)
    #: (button text, öre) for each reading that can be stored; the first is the default when
    #: ``default_store`` is set, else "Ändra" is.
    readings: tuple[tuple[str, int], ...]
    default_store: bool


@dataclass(frozen=True)
class PasteQuestion:
    """What to ask before a pasted block with implausible amounts is stored: each answer
    pastes the block with its bare numbers read in a unit."""

    text: str
    reason: str
    readings: tuple[tuple[str, Unit], ...]  # (button text, unit); "Avbryt" pastes nothing
    default_store: bool


def unit_question(
    text: str, unit: Unit, ore: int, reason: str, kr_reading_plausible: bool | None = None
) -> Question:
    """The question for ``text`` typed in a grid shown in ``unit``, read as ``ore``.

    A bare number typed in tkr is offered in kronor too (the same text read in kr, exactly,
    when it can be: "1,234" has no reading in whole öre); ``kr_reading_plausible`` says
    whether that reading passes the rule, and so whether it is the default answer.
    """
    typed = exact_text(ore, Unit.KR)
    if unit is Unit.TKR and not has_own_unit(text):
        as_tkr = exact_text(ore, Unit.TKR)
        try:
            kr = parse_typed(text, Unit.KR)
        except AmountError:
            kr = None
        if kr is not None:
            as_kr = exact_text(kr, Unit.KR)
            return Question(
                f"Du skrev {as_tkr}, alltså {typed}. Menade du {as_kr}?",
                reason,
                ((f"Spara {as_kr}", kr), (f"Spara {as_tkr}", ore)),
                bool(kr_reading_plausible),
            )
        return Question(
            f"Du skrev {as_tkr}, alltså {typed}. Stämmer beloppet?",
            reason,
            ((f"Spara {as_tkr}", ore),),
            False,
        )
    return Question(
        f"Du skrev {typed}. Stämmer beloppet?", reason, ((f"Spara {typed}", ore),), False
    )


def copy_text(ore: int | None, unit: Unit) -> str:
    """An amount for the clipboard: what Swedish Excel reads as a number ("-1255500,5")."""
    if ore is None:
        return ""
    value = to_decimal(ore, unit).normalize()
    text = format(value, "f")
    return text.replace(".", ",")


class BudgetGridModel(QAbstractTableModel):
    """The grid of one budget version (see the module's docstring)."""

    #: A write was refused or failed: the Swedish message to show.
    refused = Signal(str)
    #: Sums changed (after a load, an edit or a preview): the rules panel listens.
    sums_changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.ff: ForbundFile | None = None
        self.version: dict | None = None
        self.unit = Unit.TKR
        self.cols = Columns((0, 1, 2), False)
        self.lines: list[Line] = []
        self.amounts: dict[int, dict[int, int]] = {}
        self.notes: dict[tuple[int, int], str] = {}
        self.derived: set[tuple[int, int]] = set()
        self.utfall_now: dict[int, int] = {}
        self.utfall_before: dict[int, int] = {}
        #: rad_id -> (utfall intäkt, utfall kostnad), the driftredovisning's split
        self.utfall_split: dict[int, tuple[int, int]] = {}
        self.rest_now: dict[Grupp, int] = {}
        self.rest_before: dict[Grupp, int] = {}
        self.insatser: dict[int, str] = {}
        self.medlemmar: dict[int, str] = {}
        #: the version's uppställning (the förbund's avsnitt, then the rows by meaning)
        self.tabell: list[uppstallning.Avsnitt] = []
        self._preview: tuple[int, int, int | None] | None = None
        self._sums: dict[tuple, int] = {}

    # -- loading --------------------------------------------------------------------------------

    @property
    def locked(self) -> bool:
        return bool(self.version) and self.version["status"] == BudgetStatus.BESLUTAD.value

    def set_unit(self, unit: Unit) -> None:
        self.unit = unit
        if self.lines:
            self.dataChanged.emit(
                self.index(0, 2), self.index(len(self.lines) - 1, len(self.cols.names) - 1)
            )

    def load(self, ff: ForbundFile | None, version_id: int | None) -> None:
        """Read the version from the file; values in place if the rows are the same."""
        self._preview = None
        if ff is None or version_id is None:
            self.beginResetModel()
            self.ff, self.version, self.lines = ff, None, []
            self.amounts, self.notes, self.derived = {}, {}, set()
            self._sums = {}
            self.endResetModel()
            self.sums_changed.emit()
            return
        self.ff = ff
        try:
            version = ops.version(ff, version_id)
        except ops.BudgetError:
            self.load(ff, None)
            return
        years = ekonomi.budget_ar(version)
        rader = ekonomi.versionens_rader(ff, version_id)
        amounts: dict[int, dict[int, int]] = {}
        notes, derived = {}, set()
        for b in ekonomi.versionens_belopp(ff, version_id):
            amounts.setdefault(b.rad_id, {})[b.ar] = b.belopp_ore
            if b.anteckning:
                notes[(b.rad_id, b.ar)] = b.anteckning
            if b.harledd:
                derived.add((b.rad_id, b.ar))
        has_utfall = ekonomi.har_utfall(ff, years[0])
        if has_utfall:
            now = ekonomi.utfall_rader(ff, years[0])
            self.utfall_now, self.rest_now = ops.utfall_per_rad(rader, now)
            self.utfall_split = ops.utfall_intakt_kostnad(rader, now)
            self.utfall_before, self.rest_before = ops.utfall_per_rad(
                rader, ekonomi.utfall_rader(ff, years[0] - 1)
            )
        else:
            self.utfall_now, self.rest_now, self.utfall_before, self.rest_before = {}, {}, {}, {}
            self.utfall_split = {}
        self.insatser = {i.id: i.namn for i in insatser.namnlista(ff)}
        self.medlemmar = {m.id: m.namn for m in forbund.medlemmar(ff)}
        self.tabell = uppstallning.ordna(rader, uppstallning.avsnitt_poster(ff, version_id))
        lines = self._build_lines(rader, has_utfall)
        cols = Columns(years, has_utfall, till_manad=ekonomi.lopande_manad(ff, years[0]))
        same = (
            self.version is not None
            and self.version["id"] == version_id
            and cols.names == self.cols.names
            and [line.key for line in lines] == [line.key for line in self.lines]
        )
        if same:
            self.version, self.lines, self.cols = version, lines, cols
            self.amounts, self.notes, self.derived = amounts, notes, derived
            self._recompute()
            self.dataChanged.emit(self.index(0, 0), self.index(len(lines) - 1, len(cols.names) - 1))
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(cols.names) - 1)
        else:
            self.beginResetModel()
            self.version, self.lines, self.cols = version, lines, cols
            self.amounts, self.notes, self.derived = amounts, notes, derived
            self._recompute()
            self.endResetModel()
        self.sums_changed.emit()

    def _build_lines(self, rader: list[dict], has_utfall: bool) -> list[Line]:
        """Headings, rows and subtotals: the förbund's own avsnitt when the version has
        them (then the rows placed in none, by meaning), else one group per meaning."""
        lines: list[Line] = []
        own = [a for a in self.tabell if a.egen]
        for a in own:
            if a.rubrik:
                lines.append(Line(Kind.GROUP, avsnitt=a))
            lines.extend(Line(Kind.ROW, Grupp(r["grupp"]), r) for r in a.rader)
            if a.summa:
                lines.append(Line(Kind.SUBTOTAL, avsnitt=a))
        placed = {r["id"] for a in own for r in a.rader}
        by_group: dict[Grupp, list[dict]] = {}
        for r in rader:
            if r["id"] not in placed:
                by_group.setdefault(Grupp(r["grupp"]), []).append(r)
        shown = (
            [] if own else [Grupp.INTAKTER, Grupp.ADMINISTRATION, Grupp.STYRELSE, Grupp.INSATSER]
        )
        for g in Grupp:
            if g in shown or by_group.get(g) or (has_utfall and self.rest_now.get(g)):
                lines.append(Line(Kind.GROUP, g))
                lines.extend(Line(Kind.ROW, g, r) for r in by_group.get(g, []))
                if has_utfall and (self.rest_now.get(g) or self.rest_before.get(g)):
                    lines.append(Line(Kind.UNPLACED, g))
                # its sum is Summa intäkter below; with the förbund's own avsnitt, a group
                # holds only the rows placed in none, and its sum would not be the group's
                if g is not Grupp.INTAKTER and not own:
                    lines.append(Line(Kind.SUBTOTAL, g))
        lines += [Line(Kind.INTAKTER), Line(Kind.KOSTNADER), Line(Kind.RESULT)]
        return lines

    def avsnitt_sum(self, avsnitt: uppstallning.Avsnitt, key) -> int:
        """What the förbund's subtotal row adds, for a year, "utfall" or "fore"."""
        total = 0
        for r in uppstallning.summerade(avsnitt, self.tabell):
            if key == "utfall":
                total += self.utfall_now.get(r["id"], 0)
            elif key == "fore":
                total += self.utfall_before.get(r["id"], 0)
            else:
                total += self._amount(r["id"], key) or 0
        return total

    # -- sums -----------------------------------------------------------------------------------

    def _amount(self, rad_id: int, year: int) -> int | None:
        if self._preview is not None and self._preview[:2] == (rad_id, year):
            return self._preview[2]
        return self.amounts.get(rad_id, {}).get(year)

    def _recompute(self) -> None:
        sums: dict[tuple, int] = {}
        keys = [*self.cols.years, "utfall", "fore"]
        for line in self.lines:
            if line.kind is Kind.ROW:
                rid = line.rad_id
                values = [self._amount(rid, y) or 0 for y in self.cols.years]
                values += [self.utfall_now.get(rid, 0), self.utfall_before.get(rid, 0)]
            elif line.kind is Kind.UNPLACED:
                values = [
                    0,
                    0,
                    0,
                    self.rest_now.get(line.grupp, 0),
                    self.rest_before.get(line.grupp, 0),
                ]
            else:
                continue
            # ej fördelade medel are no part of their group's sum, but of the costs and the result
            bucket = RadSlag.EJ_FORDELAT if line.rad and ekonomi.ar_ej_fordelat(line.rad) else None
            for key, v in zip(keys, values, strict=True):
                sums[(bucket or line.grupp, key)] = sums.get((bucket or line.grupp, key), 0) + v
        self._sums = sums

    def group_sum(self, grupp: Grupp, key) -> int:
        return self._sums.get((grupp, key), 0)

    def intakter(self, key) -> int:
        return self.group_sum(Grupp.INTAKTER, key)

    def kostnader(self, key) -> int:
        """Every group's sum but the intäkter's, and the ej fördelade medel."""
        groups = sum(self.group_sum(g, key) for g in Grupp if g is not Grupp.INTAKTER)
        return groups + self._sums.get((RadSlag.EJ_FORDELAT, key), 0)

    def resultat(self, key) -> int:
        return self.intakter(key) + self.kostnader(key)

    def _line_value(self, line: Line, column: int) -> int | None:
        """The öre a line holds in an amount column (None: empty)."""
        cols = self.cols
        year = cols.year_of(column)
        if year is not None:
            key: Any = year
        elif column == cols.utfall_col:
            key = "utfall"
        elif column == 6:
            key = "avvikelse"
        elif column == 7:
            key = "fore"
        else:
            return None
        if key == "avvikelse":
            if line.kind is Kind.GROUP:
                return None
            u = self._line_value(line, 5)
            b = self._line_value(line, 2)
            if u is None and b is None:
                return None
            return (u or 0) - (b or 0)
        if line.kind is Kind.ROW:
            rid = line.rad_id
            if key == "utfall":
                return self.utfall_now.get(rid)
            if key == "fore":
                return self.utfall_before.get(rid)
            return self._amount(rid, key)
        if line.kind is Kind.UNPLACED:
            if key == "utfall":
                return self.rest_now.get(line.grupp)
            if key == "fore":
                return self.rest_before.get(line.grupp)
            return None
        if line.kind is Kind.SUBTOTAL:
            if line.avsnitt is not None:
                return self.avsnitt_sum(line.avsnitt, key)
            return self.group_sum(line.grupp, key)
        if line.kind is Kind.INTAKTER:
            return self.intakter(key)
        if line.kind is Kind.KOSTNADER:
            return self.kostnader(key)
        if line.kind is Kind.RESULT:
            return self.resultat(key)
        return None

    def _sum_rows(self) -> list[int]:
        return [
            i
            for i, line in enumerate(self.lines)
            if line.kind in (Kind.SUBTOTAL, Kind.INTAKTER, Kind.KOSTNADER, Kind.RESULT)
        ]

    def _announce_sums(self, row: int) -> None:
        self._recompute()
        last = len(self.cols.names) - 1
        self.dataChanged.emit(self.index(row, 2), self.index(row, last))
        for r in self._sum_rows():
            self.dataChanged.emit(self.index(r, 2), self.index(r, last))
        self.sums_changed.emit()

    def preview(self, index: Index, text: str) -> None:
        """Show sums as if ``text`` were committed in ``index`` (while the user types)."""
        line = self.lines[index.row()]
        year = self.cols.year_of(index.column())
        if line.kind is not Kind.ROW or year is None:
            return
        try:
            ore = parse_typed(text, self.unit)
        except AmountError:
            return
        self._preview = (line.rad_id, year, ore)
        self._announce_sums(index.row())

    def end_preview(self) -> None:
        if self._preview is not None:
            rid = self._preview[0]
            self._preview = None
            row = next(i for i, line in enumerate(self.lines) if line.rad_id == rid)
            self._announce_sums(row)

    # -- Qt -------------------------------------------------------------------------------------

    def rowCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = _ROOT) -> int:
        return 0 if parent.isValid() else len(self.cols.names)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(self.cols.names):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            name = self.cols.names[section]
            return f"Post (belopp i {self.unit.value})" if section == 0 else name
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_NUMBER if section >= 2 else ALIGN_TEXT
        if role == Qt.ItemDataRole.ToolTipRole and section == 6:
            return "Utfall − budget: positivt är bättre än budgeterat."
        return None

    def line(self, row: int) -> Line:
        return self.lines[row]

    def _post_text(self, line: Line) -> str:
        if line.kind is Kind.GROUP:
            return line.avsnitt.rubrik if line.avsnitt else line.grupp.label
        if line.kind is Kind.ROW:
            slag = line.rad.get("slag")
            if slag:  # what the row counts as, where it differs from its group
                where = ", under resultatet" if line.rad.get("under_resultat") else ""
                return f"{line.rad['text']} [{RadSlag(slag).label.lower()}{where}]"
            return line.rad["text"]
        if line.kind is Kind.UNPLACED:
            return "Utfall utan budgetrad"
        if line.kind is Kind.SUBTOTAL:
            return line.avsnitt.summa if line.avsnitt else f"Summa {line.grupp.label.lower()}"
        if line.kind is Kind.INTAKTER:
            return "Summa intäkter"
        if line.kind is Kind.KOSTNADER:
            return "Summa kostnader"
        if self.version and any(self.resultat(y) < 0 for y in self.cols.years):
            return f"Resultat ({ekonomi_deficit_text()})"
        return "Resultat"

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line = self.lines[index.row()]
        column = index.column()
        if role == KIND_ROLE:
            return line.kind
        if role == RECORD_ROLE:
            return line
        if column == Columns.POST:
            if role in (Qt.ItemDataRole.DisplayRole, SORT_ROLE):
                text = self._post_text(line)
                return (
                    ("    " + text)
                    if line.kind in (Kind.ROW, Kind.UNPLACED)
                    and role == Qt.ItemDataRole.DisplayRole
                    else text
                )
            if role == Qt.ItemDataRole.EditRole and line.kind is Kind.ROW:
                return line.rad["text"]
            if role == Qt.ItemDataRole.ToolTipRole and line.kind is Kind.ROW:
                return self._row_tooltip(line.rad)
        elif column == Columns.KONTO:
            if line.kind is not Kind.ROW:
                pass
            elif role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, SORT_ROLE):
                return line.rad["konto"] or ""
            elif role == Qt.ItemDataRole.ToolTipRole:
                return self._row_tooltip(line.rad)
        else:
            value = self._line_value(line, column)
            year = self.cols.year_of(column)
            if role == Qt.ItemDataRole.DisplayRole:
                return "" if value is None else format_amount(value, self.unit)
            if role == Qt.ItemDataRole.EditRole:
                return edit_text(value, self.unit)
            if role == SORT_ROLE:
                return value
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return ALIGN_NUMBER
            if role == NOTE_ROLE:
                if line.kind is Kind.ROW and year is not None:
                    return self.notes.get((line.rad_id, year), "")
                return ""
            if role == Qt.ItemDataRole.ToolTipRole:
                return self._amount_tooltip(line, column, year, value)
            if role == Qt.ItemDataRole.ForegroundRole:
                if value is not None and value < 0 and line.kind is Kind.RESULT:
                    return QBrush(QColor(ERROR))
                if column == 6 and value is not None and value < 0:
                    return QBrush(QColor(ERROR))
                if (
                    line.kind is Kind.ROW
                    and year is not None
                    and (line.rad_id, year) in self.derived
                ):
                    return QBrush(QColor(MUTED))
                if year is not None and self._wrong_sign(line, value):
                    return QBrush(QColor(ERROR))
        if role == Qt.ItemDataRole.FontRole:
            if line.kind in (Kind.GROUP, Kind.SUBTOTAL, Kind.INTAKTER, Kind.KOSTNADER, Kind.RESULT):
                font = QFont()
                font.setBold(True)
                return font
            year = self.cols.year_of(column)
            if line.kind is Kind.ROW and year is not None and (line.rad_id, year) in self.derived:
                font = QFont()
                font.setItalic(True)
                return font
        if role == Qt.ItemDataRole.BackgroundRole:
            if line.kind is Kind.GROUP:
                return QBrush(QColor("#eef2f7"))
            if line.kind in (Kind.INTAKTER, Kind.KOSTNADER):
                return QBrush(QColor("#f4f6f9"))
            if line.kind is Kind.RESULT:
                return QBrush(QColor("#e3ecf5"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return ALIGN_TEXT
        return None

    def _wrong_sign(self, line: Line, value: int | None) -> bool:
        if line.kind is not Kind.ROW or not value:
            return False
        if line.grupp is Grupp.INTAKTER:
            return value < 0
        if line.grupp in ekonomi.KOSTNADSGRUPPER:
            return value > 0
        return False

    def _row_tooltip(self, rad: dict) -> str:
        parts = []
        if rad.get("slag") == RadSlag.EGET_KAPITAL.value:
            parts.append(
                "Ianspråktagande av eget kapital: finansierar året, räknas inte som driftbidrag "
                "och ingår inte i budgeterat resultat."
            )
        elif rad.get("slag") == RadSlag.EJ_FORDELAT.value:
            parts.append(
                "Ej fördelade medel: ännu inte givna till någon insats; ingår i resultatet men "
                "inte i gruppens summa."
            )
        if rad.get("insats_id") in self.insatser:
            parts.append(f"Insats: {self.insatser[rad['insats_id']]}")
        if rad.get("medlem_id") in self.medlemmar:
            parts.append(f"Medlem: {self.medlemmar[rad['medlem_id']]}")
        for key, label in (
            ("konto", "Konto"),
            ("ansvar", "Ansvar"),
            ("verksamhet", "Verksamhet"),
            ("projekt", "Aktivitet/projekt"),
            ("motpart", "Motpart"),
        ):
            if rad.get(key):
                parts.append(f"{label}: {rad[key]}")
        return "\n".join(parts) or "Inte kopplad till insats eller konto."

    def _amount_tooltip(self, line: Line, column: int, year: int | None, value) -> str | None:
        parts = []
        if value is not None:
            parts.append(
                format_amount(value, Unit.KR, decimals=2 if value % 100 else 0, suffix=True)
            )
        if line.kind is Kind.ROW and year is not None:
            note = self.notes.get((line.rad_id, year))
            if note:
                parts.append(f"Anteckning: {note}")
            if (line.rad_id, year) in self.derived:
                parts.append("Härlett av programmet (uppräkning eller medelstilldelning).")
            if self._wrong_sign(line, value):
                parts.append(
                    "Intäkter skrivs positiva och kostnader negativa; kontrollera tecknet."
                )
        if line.kind is Kind.ROW and column == self.cols.utfall_col:
            pos, neg = self.utfall_split.get(line.rad_id, (0, 0))
            if pos and neg:
                parts.append(
                    f"Intäkt {format_amount(pos, self.unit, suffix=True)}, kostnad "
                    f"{format_amount(neg, self.unit, suffix=True)}, netto "
                    f"{format_amount(pos + neg, self.unit, suffix=True)}"
                )
            parts.append("Skriv helårsutfallet här, eller importera utfallet från ekonomienheten.")
        if line.kind is Kind.UNPLACED:
            parts.append("Utfall i gruppen som inte hör till någon budgetrad (konto eller text).")
        return "\n".join(parts) or None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_editable(index.row(), index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def is_editable(self, row: int, column: int) -> bool:
        line = self.lines[row]
        if line.kind is not Kind.ROW or self.ff is None or self.ff.read_only:
            return False
        if column == self.cols.utfall_col:
            return True
        if self.locked:
            return False
        return column in (Columns.POST, Columns.KONTO) or self.cols.year_of(column) is not None

    # -- editing --------------------------------------------------------------------------------

    def is_amount_cell(self, index: Index) -> bool:
        """An editable cell of a year's budget or of the utfall: one that takes an amount."""
        column = index.column()
        return self.is_editable(index.row(), column) and (
            self.cols.year_of(column) is not None or column == self.cols.utfall_col
        )

    def question(self, index: Index, text: str) -> Question | None:
        """What to ask before ``text`` is stored in ``index``, None when it may be stored as is.

        Only an amount that parses, changes the cell and fails the plausibility rule is asked
        about; text that does not parse is refused by :meth:`setData` as before.
        """
        if self.ff is None or not index.isValid() or not self.is_amount_cell(index):
            return None
        line = self.lines[index.row()]
        column = index.column()
        try:
            ore = parse_typed(str(text), self.unit)
        except AmountError:
            return None
        utfall = column == self.cols.utfall_col
        year = self.cols.years[0] if utfall else self.cols.year_of(column)
        current = self.utfall_now.get(line.rad_id) if utfall else self._stored(line.rad_id, year)
        if ore is None or ore == current:
            return None
        reason = ops.orimligt_belopp(self.ff, line.rad_id, year, ore, utfall=utfall)
        if reason is None:
            return None
        plausible = None
        if self.unit is Unit.TKR and not has_own_unit(str(text)):
            with contextlib.suppress(AmountError):
                kr = parse_typed(str(text), Unit.KR)
                plausible = kr is not None and (
                    ops.orimligt_belopp(self.ff, line.rad_id, year, kr, utfall=utfall) is None
                )
        return unit_question(str(text), self.unit, ore, reason, plausible)

    def _stored(self, rad_id: int, year: int) -> int | None:
        return self.amounts.get(rad_id, {}).get(year)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        row, column = index.row(), index.column()
        if not self.is_editable(row, column):
            return False
        line = self.lines[row]
        self._preview = None
        try:
            if column == Columns.POST:
                if str(value).strip() == line.rad["text"]:
                    return False
                ops.byt_radtext(self.ff, line.rad_id, str(value))
                return True
            if column == Columns.KONTO:
                if (str(value).strip() or None) == line.rad["konto"]:
                    return False
                ops.koppla_rad(self.ff, line.rad_id, konto=str(value))
                return True
            ore = parse_typed(str(value), self.unit)
        except (AmountError, ops.BudgetError) as exc:
            self._announce_sums(row)
            self.refused.emit(str(exc))
            return False
        return self.set_amount(index, ore)

    def set_amount(self, index: Index, ore: int | None) -> bool:
        """Store ``ore`` (None: empty) in an amount cell: what an answer to a question stores."""
        row, column = index.row(), index.column()
        if not index.isValid() or not self.is_amount_cell(index):
            return False
        line = self.lines[row]
        self._preview = None
        try:
            if column == self.cols.utfall_col:
                ops.satt_utfall_for_rad(self.ff, line.rad_id, self.cols.years[0], ore)
                return True
            year = self.cols.year_of(column)
            if ore == self._stored(line.rad_id, year) and (
                (line.rad_id, year) not in self.derived or ore is None
            ):
                self._announce_sums(row)
                return False
            # in memory first, so the sums are right even before the file announces
            if ore is None:
                self.amounts.get(line.rad_id, {}).pop(year, None)
            else:
                self.amounts.setdefault(line.rad_id, {})[year] = ore
            self._announce_sums(row)
            ops.satt_belopp(self.ff, [(line.rad_id, year, ore)], _edit_label(line, year))
            return True
        except ops.BudgetError as exc:
            self._announce_sums(row)
            self.refused.emit(str(exc))
            return False

    def paste(self, top: int, left: int, text: str, unit: Unit | None = None) -> str | None:
        """Paste tab-separated text with its top-left at (top, left), all or nothing.

        Bare numbers are read in ``unit`` (the grid's by default; the answer to
        :meth:`paste_question` may say kr). Returns None when stored, else the Swedish reason
        nothing was.
        """
        cells, problem = self._paste_cells(top, left, text, unit or self.unit)
        if problem:
            return problem
        if self.locked:
            return "Budgeten är beslutad och låst. Gör en ny version för att ändra den."
        try:
            ops.satt_belopp(self.ff, cells, f"Klistra in {len(cells)} budgetbelopp")
        except ops.BudgetError as exc:
            return str(exc)
        return None

    def paste_question(self, top: int, left: int, text: str) -> PasteQuestion | None:
        """What to ask before a pasted block is stored, None when it may be stored as is.

        As for a typed amount: a block from a document in kronor pasted into the grid in tkr
        would store each amount a thousand times over. When any amount the block changes is
        not plausible for the förbund, the user is asked which unit the block is in.
        """
        if self.ff is None or self.locked:
            return None
        cells, problem = self._paste_cells(top, left, text, self.unit)
        if problem:
            return None  # refused with its reason by paste()
        odd = self._implausible(cells)
        if not odd:
            return None
        rad_id, year, ore = odd[0]
        reason = ops.orimligt_belopp(self.ff, rad_id, year, ore) or ""
        many = len(odd) > 1
        which = (
            f"{len(odd)} av beloppen ser orimligt stora ut"
            if many
            else "Ett belopp ser orimligt stort ut"
        )
        example = f"{exact_text(ore, self.unit)}, alltså {exact_text(ore, Unit.KR)}"
        if self.unit is Unit.TKR:
            kr_cells, kr_problem = self._paste_cells(top, left, text, Unit.KR)
            in_kr = kr_problem is None and kr_cells != cells
            if in_kr:
                return PasteQuestion(
                    f"{which} i tkr: {example}. Är blocket i kronor?",
                    reason,
                    (("Klistra in i kr", Unit.KR), ("Klistra in i tkr", Unit.TKR)),
                    default_store=not self._implausible(kr_cells),
                )
        return PasteQuestion(
            f"{which}: {example}. Stämmer beloppen?",
            reason,
            ((f"Klistra in i {self.unit.value}", self.unit),),
            default_store=False,
        )

    def _implausible(self, cells: list[tuple[int, int, int | None]]) -> list[tuple[int, int, int]]:
        """The cells a paste would change to an amount that fails the plausibility rule."""
        assert self.ff is not None
        return [
            (rad_id, year, ore)
            for rad_id, year, ore in cells
            if ore is not None
            and ore != self._stored(rad_id, year)
            and ops.orimligt_belopp(self.ff, rad_id, year, ore) is not None
        ]

    def _paste_cells(
        self, top: int, left: int, text: str, unit: Unit
    ) -> tuple[list[tuple[int, int, int | None]], str | None]:
        """The (rad_id, year, öre) cells of a pasted block read in ``unit``, or why none."""
        rows = text.rstrip("\r\n").replace("\r\n", "\n").replace("\r", "\n").split("\n")
        cells: list[tuple[int, int, int | None]] = []
        problems = []
        for i, row_text in enumerate(rows):
            r = top + i
            for j, cell in enumerate(row_text.split("\t")):
                c = left + j
                if r >= len(self.lines) or c >= len(self.cols.names):
                    if cell.strip():
                        problems.append("Blocket är större än budgeten från den markerade cellen.")
                    continue
                year = self.cols.year_of(c)
                line = self.lines[r]
                if year is None or line.kind is not Kind.ROW:
                    shown = self.data(self.index(r, c)) or ""
                    if cell.strip() and cell.strip() != str(shown).strip():
                        if year is None:
                            what = f"kolumnen {self.cols.names[c]}"
                        else:
                            what = f"raden ”{self._post_text(line)}”"
                        problems.append(
                            f"Värdet ”{cell.strip()}” hamnar i {what}, som inte tar emot "
                            "inklistrade belopp."
                        )
                    continue
                try:
                    ore = parse_typed(cell, unit)
                except AmountError as exc:
                    problems.append(f"Rad {i + 1}, kolumn {j + 1}: {exc}")
                    continue
                cells.append((line.rad_id, year, ore))
        if problems:
            return [], "Inget klistrades in.\n" + "\n".join(dict.fromkeys(problems))
        if not cells:
            return [], "Det finns inga belopp att klistra in här."
        return cells, None

    def copy(self, top: int, left: int, bottom: int, right: int) -> str:
        """The block as tab-separated text, amounts as Swedish Excel reads numbers."""
        out = []
        for r in range(top, bottom + 1):
            cells = []
            for c in range(left, right + 1):
                if c < 2:
                    cells.append(str(self.data(self.index(r, c), SORT_ROLE) or ""))
                else:
                    cells.append(copy_text(self._line_value(self.lines[r], c), self.unit))
            out.append("\t".join(cells))
        return "\n".join(out) + "\n"


def ekonomi_deficit_text() -> str:
    return "underskott: anspråktagande av eget kapital"


def _edit_label(line: Line, year: int) -> str:
    return f"Ändra budget {year} för ”{line.rad['text']}”"


def tkr(value: int) -> Decimal:
    return to_decimal(value, Unit.TKR)
