"""The årshjul: the förbund's own posts, its rules (as data) and the wheel's start month.

Entries derived from other data (meetings, insatser) are not stored and not in the workbook.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from typing import Any

from ..arshjul.regler import DEFAULT_RULES, Regel
from ..model import Ring, Upprepning, Vocabulary
from ..storage import ForbundFile
from ..swedish import sort_key
from .book import Book, date_order, records, unique
from .cells import (
    DATE,
    TEXT,
    Bool,
    CellError,
    Column,
    Integer,
    Kind,
    Month,
    Vocab,
    YearList,
    fields,
)
from .content import Content
from .sheets import SheetData

ARSHJUL = "Årshjul"
REGLER = "Årshjulsregler"
START = "Årshjulets start"
SHEETS = [ARSHJUL, REGLER, START]
#: A workbook without these (one made before the rules were data) gets the default rules and
#: a year starting in January.
OPTIONAL_SHEETS = (REGLER, START)

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
_FIELDS = fields(ARSHJUL_COLUMNS)


class RegelTyp(Vocabulary):
    DATUM = ("datum", "Datum")
    VECKODAG = ("veckodag", "Veckodag i månad")
    VECKA = ("vecka", "Vecka")
    MANAD = ("manad", "Hela månaden")


class Villkor(Vocabulary):
    INGET = ("", "Inget")
    DELARSRAPPORT = ("delarsrapport", "Delårsrapport")


class MovedList(Kind):
    """A rule's entries moved to other dates, per year: "2026: 2026-11-09 – 2026-11-12"."""

    empty: tuple = ()

    def to_cell(self, value: tuple) -> str | None:
        parts = []
        for year, start, end in value:
            parts.append(f"{year}: {start}" + (f" – {end}" if end else ""))
        return "; ".join(parts) or None

    def parse(self, raw: Any) -> tuple:
        out = []
        for part in str(raw).split(";"):
            if not part.strip():
                continue
            m = re.fullmatch(
                r"\s*(\d{4})\s*:\s*(\d{4}-\d{2}-\d{2})(?:\s*[–-]\s*(\d{4}-\d{2}-\d{2}))?\s*",
                part,
            )
            try:
                if not m:
                    raise ValueError
                start = dt.date.fromisoformat(m[2])
                end = dt.date.fromisoformat(m[3]) if m[3] else None
            except ValueError:
                raise CellError(
                    f"”{part.strip()}” går inte att läsa; skriv år: datum – slut, till exempel "
                    "2026: 2026-11-09 – 2026-11-12."
                ) from None
            if end is not None and end < start:
                raise CellError(f"{part.strip()}: slutet är före början.")
            out.append((int(m[1]), start.isoformat(), end.isoformat() if end else None))
        return tuple(sorted(out))


REGEL_COLUMNS = [
    Column("Rubrik", "rubrik", TEXT, required=True),
    Column("Ring", "ring", Vocab(Ring, "ring"), required=True),
    Column("Regel", "typ", Vocab(RegelTyp, "regel"), required=True),
    Column("Månad", "manad", Month()),
    Column("Dag", "dag", Integer(1, 31, "dag")),
    Column("Ordning", "nummer", Integer(-1, 5, "ordning (1–5, −1 = sista)")),
    Column("Veckodag", "veckodag", Integer(1, 7, "veckodag (1 = måndag)")),
    Column("Vecka", "vecka", Integer(1, 53, "vecka")),
    Column("Dagar", "dagar", Integer(1, 366, "antal dagar"), default=1),
    Column("Vart n:e år", "intervall", Integer(1, 20, "intervall"), default=1),
    Column("Från år", "bas_ar", Integer(1900, 2200, "år")),
    Column("Villkor", "villkor", Vocab(Villkor, "villkor"), default=""),
    Column("Sista dag", "senast", Bool(), default=False),
    Column("Aktiv", "aktiv", Bool(), default=True),
    Column("Beskrivning", "beskrivning", TEXT),
    Column("Nyckel", "nyckel", TEXT, required=True),
    Column("Klar år", "klar", YearList()),
    Column("Flyttad", "flyttad", MovedList()),
]
_REGEL_FIELDS = fields(REGEL_COLUMNS)
_REGEL_STORED = [f for f in _REGEL_FIELDS if f not in ("klar", "flyttad")]

START_COLUMNS = [Column("Startmånad", "startmanad", Month(), required=True)]


def load(ff: ForbundFile, c: Content) -> None:
    klar: dict[int, list[int]] = {}
    for r in ff.query("SELECT post_id, ar FROM arshjul_klar ORDER BY ar"):
        klar.setdefault(r["post_id"], []).append(r["ar"])
    posts = ff.query("SELECT * FROM arshjul_post")
    posts.sort(key=lambda r: (r["datum"], sort_key(r["rubrik"]), r["id"]))
    c.arshjul = [
        {**{f: r.get(f) for f in _FIELDS}, "klar": tuple(klar.get(r["id"], ()))} for r in posts
    ]
    per_year: dict[int, list[dict]] = {}
    for r in ff.query("SELECT * FROM arshjul_regel_ar ORDER BY ar"):
        per_year.setdefault(r["regel_id"], []).append(r)
    c.arshjul_regler = []
    for r in ff.query("SELECT * FROM arshjul_regel ORDER BY id"):
        years = per_year.get(r["id"], [])
        c.arshjul_regler.append(
            {
                **{f: r[f] for f in _REGEL_STORED},
                "senast": bool(r["senast"]),
                "aktiv": bool(r["aktiv"]),
                "klar": tuple(y["ar"] for y in years if y["klar"]),
                "flyttad": tuple(
                    (y["ar"], y["datum"], y["slut"]) for y in years if y["datum"] is not None
                ),
            }
        )
    c.arshjul_start = [
        {"startmanad": int(r["varde"])}
        for r in ff.query("SELECT varde FROM arshjul_installning WHERE nyckel = 'startmanad'")
    ]


def sheets(c: Content) -> list[SheetData]:
    return [
        SheetData(ARSHJUL, ARSHJUL_COLUMNS, c.arshjul),
        SheetData(REGLER, REGEL_COLUMNS, c.arshjul_regler),
        SheetData(START, START_COLUMNS, c.arshjul_start),
    ]


_NEEDS = {
    "datum": ("manad", "dag"),
    "veckodag": ("manad", "nummer", "veckodag"),
    "vecka": ("vecka", "veckodag"),
    "manad": ("manad",),
}


def read(book: Book, c: Content) -> None:
    t = book.table(ARSHJUL, ARSHJUL_COLUMNS)
    for row in t.rows:
        date_order(t, row, "datum", "slut")
    c.arshjul = records(t, _FIELDS)

    if not book.has(REGLER):
        c.arshjul_regler = [_default_record(r) for r in DEFAULT_RULES]
    else:
        _read_rules(book, c)
    t = book.table(START, START_COLUMNS)
    if len(t.rows) > 1:
        t.problem(t.rows[1], "startmanad", "Bara en startmånad; ta bort de andra raderna.")
    c.arshjul_start = records(t, ["startmanad"])[:1]


def _default_record(r: Regel) -> dict:
    return {**{f: v for f, v in r.row().items() if f in _REGEL_STORED}, "klar": (), "flyttad": ()}


def has_default_rules(ff: ForbundFile) -> bool:
    """Whether the file's rules are exactly the defaults a new file gets, none ticked or moved."""
    if ff.scalar("SELECT count(*) FROM arshjul_regel_ar"):
        return False
    rows = [Regel.from_row(r) for r in ff.query("SELECT * FROM arshjul_regel ORDER BY id")]
    return rows == DEFAULT_RULES


def _read_rules(book: Book, c: Content) -> None:
    t = book.table(REGLER, REGEL_COLUMNS)
    unique(t, "rubrik", lambda r: sort_key(r.get("rubrik") or "") or None,
           lambda r: f"Regeln ”{r.get('rubrik')}”")  # fmt: skip
    unique(t, "nyckel", lambda r: r.get("nyckel"), lambda r: f"Nyckeln ”{r.get('nyckel')}”")
    for row in t.rows:
        typ = row.values.get("typ")
        for needed in _NEEDS.get(typ, ()):
            if row.values.get(needed) is None:
                t.problem(
                    row, needed, f"{t.header(needed)} behövs för regeln {RegelTyp(typ).label}."
                )
        if row.values.get("nummer") == 0:
            t.problem(row, "nummer", "Ordning 0 finns inte; skriv 1–5 eller −1 för sista.")
        if (row.values.get("intervall") or 1) > 1 and row.values.get("bas_ar") is None:
            t.problem(row, "bas_ar", "Ange ett år då regeln gäller när den inte gäller varje år.")
    c.arshjul_regler = records(t, _REGEL_FIELDS)


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
    columns = ", ".join(["id", *_REGEL_STORED])
    marks = ", ".join("?" * (len(_REGEL_STORED) + 1))
    conn.executemany(
        f"INSERT INTO arshjul_regel ({columns}) VALUES ({marks})",
        [
            (i, *(_stored(r, f) for f in _REGEL_STORED))
            for i, r in enumerate(c.arshjul_regler, start=1)
        ],
    )
    rows: dict[tuple[int, int], list] = {}
    for i, r in enumerate(c.arshjul_regler, start=1):
        for year in r["klar"]:
            rows.setdefault((i, year), [0, None, None])[0] = 1
        for year, start, end in r["flyttad"]:
            entry = rows.setdefault((i, year), [0, None, None])
            entry[1], entry[2] = start, end
    conn.executemany(
        "INSERT INTO arshjul_regel_ar (regel_id, ar, klar, datum, slut) VALUES (?, ?, ?, ?, ?)",
        [(i, year, *v) for (i, year), v in sorted(rows.items())],
    )
    conn.executemany(
        "INSERT INTO arshjul_installning (nyckel, varde) VALUES ('startmanad', ?)",
        [(str(r["startmanad"]),) for r in c.arshjul_start],
    )


def _stored(r: dict, f: str) -> Any:
    value = r[f]
    if f in ("senast", "aktiv"):
        return int(bool(value))
    if f == "rubrik" or f == "nyckel":
        return value.strip()
    return value
