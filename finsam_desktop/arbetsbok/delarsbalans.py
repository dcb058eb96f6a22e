"""Delårsbalans: the balance at the end of a delårsrapport's period, one row per year and
month (the period January to that month), the figures positive as in a balansräkning (eget
kapital may be negative).

The columns are :data:`finsam_desktop.delarsbalans.FALT`, the list the table and the app's
form also read.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..delarsbalans import FALT
from ..storage import ForbundFile
from .book import Book, records, unique
from .cells import YEAR, Amount, CellError, Column, Month, fields
from .content import Content, insert_rows
from .sheets import SheetData

DELARSBALANS = "Delårsbalans"
SHEETS = [DELARSBALANS]
#: A workbook from a version before the delårsbalans has no such sheet: no balances.
OPTIONAL_SHEETS = (DELARSBALANS,)


class PeriodMonth(Month):
    """The period's last month: January to November (December's balance is the bokslut)."""

    def parse(self, raw: Any) -> int:
        value = super().parse(raw)
        if value == 12:
            raise CellError(
                "En delårsbalans gäller en period som slutar i januari–november; balansen vid "
                "årets slut hör till bokslutet (bladet Bokslut)."
            )
        return value


COLUMNS = [
    Column("År", "ar", YEAR, required=True),
    Column("Till och med månad", "manad", PeriodMonth(), required=True),
    *(Column(f.etikett, f.namn, Amount(non_negative=not f.negativ), default=0) for f in FALT),
]


def load(ff: ForbundFile, c: Content) -> None:
    c.delarsbalans = ff.query(
        f"SELECT {', '.join(fields(COLUMNS))} FROM delarsbalans ORDER BY ar, manad"
    )


def sheets(c: Content) -> list[SheetData]:
    return [SheetData(DELARSBALANS, COLUMNS, c.delarsbalans)]


def read(book: Book, c: Content) -> None:
    t = book.table(DELARSBALANS, COLUMNS)
    unique(
        t,
        "manad",
        lambda r: (r["ar"], r["manad"]),
        lambda r: f"Delårsbalansen för {r['ar']} till och med månad {r['manad']}",
    )
    c.delarsbalans = records(t, fields(COLUMNS))


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    names = fields(COLUMNS)
    insert_rows(conn, "delarsbalans", names, [[r[f] for f in names] for r in c.delarsbalans])
