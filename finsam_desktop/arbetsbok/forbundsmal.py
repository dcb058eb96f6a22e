"""The förbund's own goals (finsam_desktop.forbundsmal) and their yearly bedömningar.

A goal is numbered on its sheet (Nr 1, 2, … in the order the reports list them within each
kind); a bedömning names the goal by that number.
"""

from __future__ import annotations

import sqlite3

from ..model import Bedomning, MalSlag, Skede
from ..storage import ForbundFile
from .book import Book, records, unique
from .cells import TEXT, YEAR, Column, Integer, Vocab, fields
from .content import Content
from .sheets import SheetData

FORBUNDSMAL = "Förbundets mål"
BEDOMNINGAR = "Förbundets målbedömningar"
SHEETS = [FORBUNDSMAL, BEDOMNINGAR]
#: A workbook from a version before the förbund's goals has neither sheet: none are imported.
OPTIONAL_SHEETS = (FORBUNDSMAL, BEDOMNINGAR)

NR = Integer(1, None, "målnummer")
MAL_COLUMNS = [
    Column("Nr", "nr", NR, required=True),
    Column("Slag", "slag", Vocab(MalSlag, "slag av mål"), required=True),
    Column("Område", "omrade", TEXT),
    Column("Mål", "mal", TEXT, required=True),
    Column("Mått", "matt", TEXT),
    Column("Uppföljning", "uppfoljning", TEXT),
    Column("Från år", "fran_ar", YEAR, required=True),
    Column("Till år", "till_ar", YEAR),
]
BEDOMNING_COLUMNS = [
    Column("Mål nr", "mal_nr", NR, required=True),
    Column("År", "ar", YEAR, required=True),
    Column("Skede", "skede", Vocab(Skede, "skede"), required=True),
    Column("Bedömning", "bedomning", Vocab(Bedomning, "bedömning"), required=True),
    Column("Motivering", "motivering", TEXT),
]


def load(ff: ForbundFile, c: Content) -> None:
    order = {s.value: i for i, s in enumerate(MalSlag)}
    rows = sorted(
        ff.query("SELECT * FROM forbundsmal"),
        key=lambda r: (order[r["slag"]], r["ordning"], r["id"]),
    )
    numbers = {r["id"]: nr for nr, r in enumerate(rows, start=1)}
    c.forbundsmal = [
        {"nr": numbers[r["id"]], **{k: r[k] for k in fields(MAL_COLUMNS) if k != "nr"}}
        for r in rows
    ]
    bedomningar = [
        {
            "mal_nr": numbers[b["mal_id"]],
            "ar": b["ar"],
            "skede": b["skede"],
            "bedomning": b["bedomning"],
            "motivering": b["motivering"],
        }
        for b in ff.query("SELECT * FROM forbundsmal_bedomning")
    ]
    skede_order = {s.value: i for i, s in enumerate(Skede)}
    bedomningar.sort(key=lambda r: (r["mal_nr"], r["ar"], skede_order[r["skede"]]))
    c.forbundsmal_bedomningar = bedomningar


def sheets(c: Content) -> list[SheetData]:
    return [
        SheetData(FORBUNDSMAL, MAL_COLUMNS, c.forbundsmal),
        SheetData(BEDOMNINGAR, BEDOMNING_COLUMNS, c.forbundsmal_bedomningar),
    ]


def read(book: Book, c: Content) -> None:
    t = book.table(FORBUNDSMAL, MAL_COLUMNS)
    unique(t, "nr", lambda r: None if "nr" in r.failed else r["nr"], lambda r: f"Mål nr {r['nr']}")
    for row in t.rows:
        first, last = row.get("fran_ar"), row.get("till_ar")
        if first is not None and last is not None and last < first:
            t.problem(row, "till_ar", f"Till år ({last}) är före från år ({first}).")
    known = {row["nr"] for row in t.rows if "nr" not in row.failed}
    c.forbundsmal = records(t, fields(MAL_COLUMNS))

    t = book.table(BEDOMNINGAR, BEDOMNING_COLUMNS)
    for row in t.rows:
        if "mal_nr" not in row.failed and row["mal_nr"] not in known:
            t.problem(
                row, "mal_nr", f"Det finns inget mål nr {row['mal_nr']} i bladet {FORBUNDSMAL}."
            )
    unique(
        t,
        "skede",
        lambda r: None if r.failed else (r["mal_nr"], r["ar"], r["skede"]),
        lambda r: f"En bedömning av mål nr {r['mal_nr']} år {r['ar']} ({Skede(r['skede']).label})",
    )
    c.forbundsmal_bedomningar = records(t, fields(BEDOMNING_COLUMNS))


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    per_slag: dict[str, int] = {}
    mal_ids: dict[int, int] = {}
    for n, r in enumerate(sorted(c.forbundsmal, key=lambda r: r["nr"]), start=1):
        per_slag[r["slag"]] = per_slag.get(r["slag"], 0) + 1
        conn.execute(
            "INSERT INTO forbundsmal (id, slag, omrade, ordning, mal, matt, uppfoljning, "
            "fran_ar, till_ar) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (n, r["slag"], r["omrade"], per_slag[r["slag"]], r["mal"], r["matt"],
             r["uppfoljning"], r["fran_ar"], r["till_ar"]),
        )  # fmt: skip
        mal_ids[r["nr"]] = n
    conn.executemany(
        "INSERT INTO forbundsmal_bedomning (mal_id, ar, skede, bedomning, motivering) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (mal_ids[r["mal_nr"]], r["ar"], r["skede"], r["bedomning"], r["motivering"])
            for r in c.forbundsmal_bedomningar
        ],
    )
