"""The förbund's own årshjul posts (generated ones, such as meetings, are not stored)."""

from __future__ import annotations

import sqlite3

from ..model import Ring, Upprepning
from ..storage import ForbundFile
from ..swedish import sort_key
from .book import Book, date_order, records
from .cells import DATE, TEXT, Column, Vocab, YearList
from .content import Content
from .sheets import SheetData

ARSHJUL = "Årshjul"
SHEETS = [ARSHJUL]

ARSHJUL_COLUMNS = [
    Column("Rubrik", "rubrik", TEXT, required=True),
    Column("Ring", "ring", Vocab(Ring, "ring"), required=True),
    Column("Datum", "datum", DATE, required=True),
    Column("Slut", "slut", DATE),
    Column(
        "Upprepning", "upprepning", Vocab(Upprepning, "upprepning"), default=Upprepning.INGEN.value
    ),
    Column("Beskrivning", "beskrivning", TEXT),
    Column("Klar år", "klar", YearList()),
]
_FIELDS = [c.field for c in ARSHJUL_COLUMNS]


def load(ff: ForbundFile, c: Content) -> None:
    klar: dict[int, list[int]] = {}
    for r in ff.query("SELECT post_id, ar FROM arshjul_klar ORDER BY ar"):
        klar.setdefault(r["post_id"], []).append(r["ar"])
    posts = ff.query("SELECT * FROM arshjul_post")
    posts.sort(key=lambda r: (r["datum"], sort_key(r["rubrik"]), r["id"]))
    c.arshjul = [
        {**{f: r.get(f) for f in _FIELDS}, "klar": tuple(klar.get(r["id"], ()))} for r in posts
    ]


def sheets(c: Content) -> list[SheetData]:
    return [SheetData(ARSHJUL, ARSHJUL_COLUMNS, c.arshjul)]


def read(book: Book, c: Content) -> None:
    t = book.table(ARSHJUL, ARSHJUL_COLUMNS)
    for row in t.rows:
        date_order(t, row, "datum", "slut")
    c.arshjul = records(t, _FIELDS)


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    conn.executemany(
        "INSERT INTO arshjul_post (id, ring, rubrik, datum, slut, upprepning, beskrivning) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (i, r["ring"], r["rubrik"], r["datum"], r["slut"], r["upprepning"], r["beskrivning"])
            for i, r in enumerate(c.arshjul, start=1)
        ],
    )
    conn.executemany(
        "INSERT INTO arshjul_klar (post_id, ar) VALUES (?, ?)",
        [(i, year) for i, r in enumerate(c.arshjul, start=1) for year in r["klar"]],
    )
