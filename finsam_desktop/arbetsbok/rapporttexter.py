"""The reports' narrative texts (inledning, vision, händelser…) per report, year and section."""

from __future__ import annotations

import sqlite3

from ..rapporttexter import AVSNITT, Rapportslag, avsnitt_fran_text
from ..storage import ForbundFile
from .book import Book
from .cells import TEXT, YEAR, Column, Vocab
from .content import Content
from .sheets import SheetData

RAPPORTTEXTER = "Rapporttexter"
SHEETS = [RAPPORTTEXTER]
#: A workbook from a version before the texts has no such sheet: it imports with no texts.
OPTIONAL_SHEETS = (RAPPORTTEXTER,)

COLUMNS = [
    Column("Rapport", "rapport", Vocab(Rapportslag, "rapport"), required=True),
    Column("År", "ar", YEAR, required=True),
    Column("Avsnitt", "avsnitt", TEXT, required=True),
    Column("Text", "text", TEXT),
]


def _order(rapport: str, nyckel: str) -> int:
    keys = [a.nyckel for a in AVSNITT.get(rapport, ())]
    return keys.index(nyckel) if nyckel in keys else len(keys)


def _rubrik(rapport: str, nyckel: str) -> str:
    for a in AVSNITT.get(rapport, ()):
        if a.nyckel == nyckel:
            return a.rubrik
    return nyckel


def load(ff: ForbundFile, c: Content) -> None:
    rows = ff.query("SELECT rapport, ar, avsnitt, text FROM rapporttext")
    rows.sort(
        key=lambda r: (r["rapport"], r["ar"], _order(r["rapport"], r["avsnitt"]), r["avsnitt"])
    )
    c.rapporttexter = [
        {"rapport": r["rapport"], "ar": r["ar"], "avsnitt": r["avsnitt"], "text": r["text"]}
        for r in rows
    ]


def sheets(c: Content) -> list[SheetData]:
    shown = [{**r, "avsnitt": _rubrik(r["rapport"], r["avsnitt"])} for r in c.rapporttexter]
    return [SheetData(RAPPORTTEXTER, COLUMNS, shown)]


def read(book: Book, c: Content) -> None:
    t = book.table(RAPPORTTEXTER, COLUMNS)
    seen: set[tuple] = set()
    out = []
    for row in t.rows:
        rapport, text = row.get("rapport"), row.get("avsnitt")
        if rapport is None or not text:
            continue
        nyckel = avsnitt_fran_text(rapport, text)
        if nyckel is None:
            rubriker = ", ".join(a.rubrik for a in AVSNITT[rapport])
            t.problem(
                row, "avsnitt", f"”{text}” är inget avsnitt i rapporten; skriv ett av: {rubriker}."
            )
            continue
        key = (rapport, row.get("ar"), nyckel)
        if key in seen:
            t.problem(row, "avsnitt", "Avsnittet finns redan för samma rapport och år.")
            continue
        seen.add(key)
        out.append(
            {
                "rapport": rapport,
                "ar": row.get("ar"),
                "avsnitt": nyckel,
                "text": row.get("text") or "",
            }
        )
    c.rapporttexter = out


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    conn.executemany(
        "INSERT INTO rapporttext (rapport, ar, avsnitt, text) VALUES (?, ?, ?, ?)",
        [(r["rapport"], r["ar"], r["avsnitt"], r["text"]) for r in c.rapporttexter],
    )
