"""The förbund's logo for the reports, as base64 text in parts that fit Excel's cells."""

from __future__ import annotations

import base64
import binascii
import sqlite3

from ..rapporttexter import MAX_LOGOTYP, bildtyp
from ..storage import ForbundFile
from .book import Book
from .cells import TEXT, Column, Integer
from .content import Content
from .sheets import SheetData

LOGOTYP = "Logotyp"
SHEETS = [LOGOTYP]
#: A workbook from a version before the logo has no such sheet: it imports with no logo.
OPTIONAL_SHEETS = (LOGOTYP,)
#: Characters of base64 per row; Excel holds at most 32 767 in a cell.
PART = 30_000

COLUMNS = [
    Column("Del", "del", Integer(1, 1000, "del"), required=True),
    Column("Bild (base64)", "data", TEXT, required=True),
]


def load(ff: ForbundFile, c: Content) -> None:
    rows = ff.query("SELECT bild FROM rapport_logotyp WHERE id = 1")
    c.logotyp = bytes(rows[0]["bild"]) if rows else None


def sheets(c: Content) -> list[SheetData]:
    text = base64.b64encode(c.logotyp).decode("ascii") if c.logotyp else ""
    parts = [text[i : i + PART] for i in range(0, len(text), PART)]
    return [SheetData(LOGOTYP, COLUMNS, [{"del": i, "data": p} for i, p in enumerate(parts, 1)])]


def read(book: Book, c: Content) -> None:
    t = book.table(LOGOTYP, COLUMNS)
    rows = sorted((r for r in t.rows if r.get("del") and r.get("data")), key=lambda r: r["del"])
    c.logotyp = None
    if not rows:
        return
    text = "".join("".join(str(r["data"]).split()) for r in rows)
    try:
        data = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        t.problem(rows[0], "data", "Texten är ingen bild i base64; exportera logotypen på nytt.")
        return
    if bildtyp(data) is None or len(data) > MAX_LOGOTYP:
        t.problem(rows[0], "data", "Bilden är ingen PNG- eller JPEG-bild på högst 2 MB.")
        return
    c.logotyp = data


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    if c.logotyp:
        conn.execute(
            "INSERT INTO rapport_logotyp (id, filtyp, bild) VALUES (1, ?, ?)",
            (bildtyp(c.logotyp), c.logotyp),
        )
