"""The Budget table: a budget version's rows by group, with subtotals and the result.

Columns are the budget year N and the plan years N+1 and N+2, in tkr with one decimal, as the
verksamhetsplan shows them. Intäkter are positive, kostnader negative, so every sum is a plain
sum and the result row is the sum of all rows.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from PySide6.QtGui import QBrush, QColor, QFont

from finsam_desktop import ekonomi
from finsam_desktop.model import BudgetStatus, Grupp
from finsam_desktop.money import Unit, format_amount
from finsam_desktop.storage import ForbundFile

from ..style import ERROR
from .base import Column, RecordTableModel

RESULT_TEXT = "Resultat"
DEFICIT_TEXT = "Anspråktagande av eget kapital"


@dataclass(frozen=True)
class BudgetVersion:
    id: int
    ar: int
    namn: str
    status: BudgetStatus
    beslut_datum: dt.date | None
    beslut_paragraf: str
    eget_kapital_motivering: str

    @classmethod
    def from_row(cls, row: dict) -> BudgetVersion:
        return cls(
            row["id"],
            row["ar"],
            row["namn"],
            BudgetStatus(row["status"]),
            dt.date.fromisoformat(row["beslut_datum"]) if row["beslut_datum"] else None,
            row["beslut_paragraf"],
            row["eget_kapital_motivering"],
        )


@dataclass(frozen=True)
class BudgetRad:
    id: int
    grupp: Grupp
    ordning: int
    text: str
    #: Amount in öre per year (intäkter positive, kostnader negative).
    belopp: dict[int, int]


def budget_versions(ff: ForbundFile) -> list[BudgetVersion]:
    """Every budget version, newest budget year first; within a year the latest first."""
    return [BudgetVersion.from_row(r) for r in reversed(ekonomi.budget_versioner(ff))]


def budget_rows(ff: ForbundFile, version: BudgetVersion) -> list[BudgetRad]:
    """The version's rows with their amounts for its budget year and two plan years."""
    rows: dict[int, BudgetRad] = {}
    for year in (version.ar, version.ar + 1, version.ar + 2):
        for r in ekonomi.budget_rader(ff, version.id, year):
            rad = rows.setdefault(
                r["id"], BudgetRad(r["id"], Grupp(r["grupp"]), r["ordning"], r["text"], {})
            )
            rad.belopp[year] = r["belopp_ore"]
    return list(rows.values())


class Kind(Enum):
    GROUP = "grupp"
    ROW = "rad"
    SUBTOTAL = "summa"
    RESULT = "resultat"


@dataclass(frozen=True)
class BudgetLine:
    kind: Kind
    text: str
    belopp: dict[int, int] = field(default_factory=dict)
    grupp: Grupp | None = None


def budget_lines(rows: list[BudgetRad], years: list[int]) -> list[BudgetLine]:
    """Group headings, rows, a subtotal per group, and the result over every row."""
    lines: list[BudgetLine] = []
    for grupp in Grupp:
        in_group = [r for r in rows if r.grupp is grupp]
        if not in_group:
            continue
        lines.append(BudgetLine(Kind.GROUP, grupp.label, grupp=grupp))
        for r in sorted(in_group, key=lambda rad: (rad.ordning, rad.id)):
            lines.append(BudgetLine(Kind.ROW, r.text, dict(r.belopp), grupp))
        label = grupp.label[0].lower() + grupp.label[1:]
        lines.append(BudgetLine(Kind.SUBTOTAL, f"Summa {label}", _sum(in_group, years), grupp))
    if rows:
        lines.append(BudgetLine(Kind.RESULT, RESULT_TEXT, _sum(rows, years)))
    return lines


def _sum(rows: list[BudgetRad], years: list[int]) -> dict[int, int]:
    return {
        year: sum(r.belopp[year] for r in rows if year in r.belopp)
        for year in years
        if any(year in r.belopp for r in rows)
    }


class BudgetModel(RecordTableModel[BudgetLine]):
    """The post, then the budget year N and the plan years N+1 and N+2 (``years``)."""

    def __init__(self, parent=None):
        self.version: BudgetVersion | None = None
        self.years: list[int] = []
        super().__init__(self._columns(), parent)

    def _columns(self) -> list[Column[BudgetLine]]:
        if self.years:
            n = self.years[0]
            headers = ["Post (tkr)", f"Budget {n}", f"Plan {n + 1}", f"Plan {n + 2}"]
        else:
            headers = ["Post", "Budget", "Plan", "Plan"]
        post = Column(headers[0], lambda line: line.text, font=_bold, background=_shade)
        return [post] + [self._year_column(headers[i], i - 1) for i in (1, 2, 3)]

    def _year_column(self, header: str, i: int) -> Column[BudgetLine]:
        """The column of ``self.years[i]`` (read as shown, so a change of years shows)."""

        def year() -> int | None:
            return self.years[i] if self.years else None

        def display(line: BudgetLine) -> str:
            if line.kind is Kind.GROUP or year() not in line.belopp:
                return ""
            return format_amount(line.belopp[year()], Unit.TKR)  # type: ignore[index]

        def deficit(line: BudgetLine) -> bool:
            return (
                line.kind is Kind.RESULT
                and year() is not None
                and (
                    line.belopp.get(year(), 0) < 0  # type: ignore[arg-type]
                )
            )

        def hint(line: BudgetLine) -> str | None:
            if deficit(line):
                return f"Underskott: budgeten tar eget kapital i anspråk ({DEFICIT_TEXT.lower()})."
            return None

        return Column(
            header, display, lambda line: line.belopp.get(year()),  # type: ignore[arg-type]
            numeric=True, hint=hint, font=_bold, background=_shade,
            foreground=lambda line: QColor(ERROR) if deficit(line) else None,
        )  # fmt: skip

    def set_version(self, version: BudgetVersion | None, rows: list[BudgetRad]) -> None:
        self.version = version
        self.years = [] if version is None else [version.ar, version.ar + 1, version.ar + 2]
        self.columns = self._columns()
        # A model reset: views read the new headers too.
        self.set_records(budget_lines(rows, self.years))


def _bold(line: BudgetLine) -> Any:
    if line.kind in (Kind.GROUP, Kind.SUBTOTAL, Kind.RESULT):
        font = QFont()
        font.setBold(True)
        return font
    return None


def _shade(line: BudgetLine) -> Any:
    if line.kind is Kind.GROUP:
        return QBrush(QColor("#eef2f6"))
    if line.kind is Kind.RESULT:
        return QBrush(QColor("#e3ecf5"))
    return None
