"""Balansprognos: the typed prognosis of a running year's year-end balance, one row per
year, the figures positive as in a balansräkning (eget kapital may be negative).

The columns are :data:`finsam_desktop.balansbudget.PROGNOSFALT`, the list the table and the
app's form also read.
"""

from __future__ import annotations

import sqlite3

from ..balansbudget import PROGNOSFALT
from ..storage import ForbundFile
from .book import Book, records, unique
from .cells import YEAR, Amount, Column, fields
from .content import Content, insert_rows
from .sheets import SheetData

BALANSPROGNOS = "Balansprognos"
SHEETS = [BALANSPROGNOS]
#: A workbook from a version before the balansbudget has no such sheet: no prognosis.
OPTIONAL_SHEETS = (BALANSPROGNOS,)

COLUMNS = [
    Column("År", "ar", YEAR, required=True),
    *(
        Column(f.etikett, f.namn, Amount(non_negative=not f.negativ), default=0)
        for f in PROGNOSFALT
    ),
]


def load(ff: ForbundFile, c: Content) -> None:
    c.balansprognos = ff.query(
        f"SELECT {', '.join(fields(COLUMNS))} FROM balansprognos ORDER BY ar"
    )


def sheets(c: Content) -> list[SheetData]:
    return [SheetData(BALANSPROGNOS, COLUMNS, c.balansprognos)]


def read(book: Book, c: Content) -> None:
    t = book.table(BALANSPROGNOS, COLUMNS)
    unique(t, "ar", lambda r: r["ar"], lambda r: f"Balansprognosen för {r['ar']}")
    c.balansprognos = records(t, fields(COLUMNS))


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    names = fields(COLUMNS)
    insert_rows(conn, "balansprognos", names, [[r[f] for f in names] for r in c.balansprognos])
