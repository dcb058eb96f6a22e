"""Reading a workbook: which sheet is which, and the checks every sheet shares.

Sheets are found by name (case and spacing do not matter). Every fixed sheet must be there,
even when empty, because an import replaces everything: a missing sheet would silently empty a
part of the förbund file. Sheets the program does not know are refused for the same reason.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.workbook import Workbook

from .cells import Column, name_key
from .content import Names
from .problems import Problems
from .sheets import Row, Table, read_table

BUDGET_RE = re.compile(r"budget (\d{4})(?: ?\((\d+)\))?")
UTFALL_RE = re.compile(r"utfall (\d{4})( per månad)?")


def budget_sheet_name(year: int, n: int) -> str:
    """The sheet of a year's n-th budget version: "Budget 2025", "Budget 2025 (2)"."""
    return f"Budget {year}" if n == 1 else f"Budget {year} ({n})"


def utfall_sheet_name(year: int, monthly: bool) -> str:
    return f"Utfall {year} per månad" if monthly else f"Utfall {year}"


@dataclass
class Refs:
    """Natural keys defined by earlier sheets, for the references of later ones."""

    medlemmar: Names = field(default_factory=Names)
    personer: Names = field(default_factory=Names)
    insatser: Names = field(default_factory=Names)
    konton: Names = field(default_factory=Names)
    #: meeting Nr -> meeting date (ISO)
    moten: dict[int, str] = field(default_factory=dict)
    #: (insats name, mål nr)
    mal: set[tuple[str, int]] = field(default_factory=set)


class Book:
    """A loaded workbook, its sheets sorted out, with the problems found so far."""

    def __init__(self, wb: Workbook, fixed: list[str], optional: tuple[str, ...] = ()):
        """``optional`` sheets are known but may be missing (the importer has a default)."""
        self.problems = Problems(wb.sheetnames)
        self.refs = Refs()
        self._fixed = {name_key(n): n for n in fixed}
        self._optional = {name_key(n) for n in optional}
        self._sheets: dict[str, tuple[str, Any]] = {}
        #: (year, n, actual sheet name, worksheet) of each "Budget YYYY (n)" sheet
        self.budgets: list[tuple[int, int, str, Any]] = []
        #: (year, monthly, actual sheet name, worksheet) of each "Utfall YYYY…" sheet
        self.utfall: list[tuple[int, bool, str, Any]] = []
        seen: dict[str, str] = {}
        for ws in wb.worksheets + list(wb.chartsheets):
            actual = ws.title
            key = name_key(actual)
            if key in seen:
                self.problems.add(
                    actual, None, None, f"Bladet har samma namn som bladet ”{seen[key]}”."
                )
                continue
            seen[key] = actual
            if not hasattr(ws, "_cells"):
                self.problems.add(
                    actual, None, None, "Bladet är ett diagram; ta bort det ur arbetsboken."
                )
                continue
            if key in self._fixed:
                self._sheets[key] = (actual, ws)
            elif m := BUDGET_RE.fullmatch(key):
                self.budgets.append((int(m[1]), int(m[2] or 1), actual, ws))
            elif m := UTFALL_RE.fullmatch(key):
                self.utfall.append((int(m[1]), bool(m[2]), actual, ws))
            else:
                self.problems.add(
                    actual,
                    None,
                    None,
                    "Bladet känns inte igen. En arbetsbok har bladen "
                    + ", ".join(fixed)
                    + ", samt ”Budget ÅÅÅÅ”, ”Utfall ÅÅÅÅ” och ”Utfall ÅÅÅÅ per månad”. "
                    "Ta bort bladet eller rätta namnet.",
                )
        for key, name in self._fixed.items():
            if key not in self._sheets and key not in self._optional:
                self.problems.add(
                    name,
                    None,
                    None,
                    "Bladet saknas. Alla blad ska finnas med, även tomma (med bara rubrikraden), "
                    "eftersom importen ersätter allt innehåll.",
                )

    def has(self, name: str) -> bool:
        """Whether the fixed sheet ``name`` is in the workbook."""
        return name_key(name) in self._sheets

    def table(
        self,
        name: str,
        columns: list[Column],
        dynamic: Callable[[Any], Column | None] | None = None,
    ) -> Table:
        """The fixed sheet ``name`` read as a table (no rows when the sheet is missing)."""
        found = self._sheets.get(name_key(name))
        if found is None:
            return Table(name, columns, [], self.problems)
        actual, ws = found
        return read_table(ws, actual, columns, self.problems, dynamic)

    def sheet_table(
        self,
        actual: str,
        ws: Any,
        columns: list[Column],
        dynamic: Callable[[Any], Column | None] | None = None,
    ) -> Table:
        return read_table(ws, actual, columns, self.problems, dynamic)


# -- checks shared by the sheets -----------------------------------------------------------------


def unique(
    table: Table,
    field_name: Any,
    key: Callable[[Row], Any],
    message: Callable[[Row], str],
) -> None:
    """Report rows whose ``key`` repeats an earlier row's (rows whose key is None are skipped)."""
    seen: dict[Any, int] = {}
    for row in table.rows:
        k = key(row)
        if k is None:
            continue
        if k in seen:
            table.problem(row, field_name, f"{message(row)} finns redan på rad {seen[k]}.")
        else:
            seen[k] = row.number


def define(table: Table, field_name: str, names: Names, what: str) -> None:
    """Register each row's name in ``names``; a repeated name is a problem."""
    first: dict[str, int] = {}
    for row in table.rows:
        name = row.get(field_name)
        if not name:
            continue
        if names.add(name):
            first[name_key(name)] = row.number
        else:
            table.problem(
                row,
                field_name,
                f"{what} ”{name}” finns redan på rad {first[name_key(name)]}.",
            )


def refer(table: Table, row: Row, field_name: str, names: Names, what: str, sheet: str) -> None:
    """Replace a referenced name by its spelling in its own sheet, or report it unknown."""
    name = row.get(field_name)
    if not name:
        return
    found = names.get(name)
    if found is None:
        table.problem(row, field_name, f"{what} ”{name}” finns inte i bladet {sheet}.")
        row.failed.add(field_name)
    else:
        row.values[field_name] = found


def refer_all(table: Table, row: Row, field_name: str, names: Names, what: str, sheet: str) -> None:
    """Like :func:`refer` for a "; "-separated list of names."""
    resolved = []
    for name in row.get(field_name) or ():
        found = names.get(name)
        if found is None:
            table.problem(row, field_name, f"{what} ”{name}” finns inte i bladet {sheet}.")
            row.failed.add(field_name)
        else:
            resolved.append(found)
    if row.get(field_name):
        row.values[field_name] = tuple(resolved)


def date_order(table: Table, row: Row, first: str, last: str) -> None:
    """Report ``last`` before ``first`` (both ISO dates, either may be missing)."""
    a, b = row.get(first), row.get(last)
    if a and b and b < a:
        table.problem(
            row, last, f"{table.header(last)} ({b}) är före {table.header(first).lower()} ({a})."
        )


def records(table: Table, fields: Iterable[str]) -> list[dict[str, Any]]:
    return [{f: row.get(f) for f in fields} for row in table.rows]
