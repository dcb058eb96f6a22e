"""The fee rules per year, who is paid (and personnummer when entered), and FLA hours and km
per person and meeting: what the arvodesunderlag is computed from."""

from __future__ import annotations

import sqlite3

from ..arvoden import normalt_personnummer
from ..forbund import Ogiltigt
from ..storage import ForbundFile
from ..swedish import sort_key
from .book import Book, records, refer, unique
from .cells import TEXT_AS_TEXT, YEAR, Amount, Bool, Column, Integer, Ref, fields
from .content import Content, insert_rows
from .moten import refer_mote
from .organisation import PERSONER
from .sheets import SheetData

ARVODESREGLER = "Arvodesregler"
ARVODESMOTTAGARE = "Arvodesmottagare"
ARVODE_PER_MOTE = "Arvode per möte"
SHEETS = [ARVODESREGLER, ARVODESMOTTAGARE, ARVODE_PER_MOTE]
#: A workbook from a version before arvoden has none of these sheets: it imports without.
OPTIONAL_SHEETS = tuple(SHEETS)

_KR = Amount(non_negative=True)
#: Hundredths shown as a number with two decimals (31,42 %; 2,5 timmar), like kronor.
_HUNDRADELAR = Amount(non_negative=True)

REGEL_COLUMNS = [
    Column("År", "ar", YEAR, required=True),
    Column("Kort möte högst timmar", "kort_timmar", Integer(1, 24, "timmar"), default=4),
    Column("Arvode kort möte", "arvode_kort_ore", _KR, default=0),
    Column("Arvode långt möte", "arvode_lang_ore", _KR, default=0),
    Column("Ordförande fast arvode", "ordforande_ore", _KR, default=0),
    Column("Vice ordförande fast arvode", "vice_ore", _KR, default=0),
    Column("Fast arvode per månad", "fast_per_manad", Bool(), default=False),
    Column("FLA per timme", "fla_timme_ore", _KR, default=0),
    Column("FLA tak per möte", "fla_tak_ore", _KR, default=0),
    Column("FLA kräver intyg", "fla_intyg", Bool(), default=True),
    Column("Milersättning per mil", "mil_ore", _KR, default=0),
    Column("Skattefritt per mil", "mil_skattefri_ore", _KR, default=0),
    Column("Arbetsgivaravgift %", "arbetsgivaravgift_ore", _HUNDRADELAR, default=3142),
    Column("Statliga ledamöter betalas", "statliga_betalas", Bool(), default=False),
    Column("Övriga möten betalas", "ovriga_moten", Bool(), default=False),
    Column("Konto", "konto", TEXT_AS_TEXT),
    Column("Ansvar", "ansvar", TEXT_AS_TEXT),
    Column("Konto fast arvode", "konto_fast", TEXT_AS_TEXT),
    Column("Konto FLA", "konto_fla", TEXT_AS_TEXT),
    Column("Konto milersättning", "konto_mil", TEXT_AS_TEXT),
    Column("Arbetsgivaravgift äldre %", "arbetsgivaravgift_aldre_ore", _HUNDRADELAR, default=1021),
    Column("Äldre födda senast", "aldre_fodda_senast", Integer(1850, 2200, "födelseår")),
]
#: Columns that may be empty in the file (NULL), not ''.
_NULLABLE = ("aldre_fodda_senast",)
PERSON_COLUMNS = [
    Column("Person", "person", Ref(), required=True),
    Column("Personnummer", "personnummer", TEXT_AS_TEXT),
    Column("Betalas", "betalas", Bool()),
]
MOTE_COLUMNS = [
    Column("Möte nr", "mote", Integer(1, None, "mötesnummer"), required=True),
    Column("Person", "person", Ref(), required=True),
    Column("FLA timmar", "fla_hundradelar", _HUNDRADELAR, default=0),
    Column("FLA intyg", "fla_intyg", Bool(), default=False),
    Column("Km", "km", Integer(0, 10000, "km"), default=0),
]


def load(ff: ForbundFile, c: Content) -> None:
    rows = ff.query("SELECT * FROM arvode_regel ORDER BY ar")
    bools = ("fast_per_manad", "fla_intyg", "statliga_betalas", "ovriga_moten")
    c.arvode_regler = [
        {f: (bool(r[f]) if f in bools else r[f]) for f in fields(REGEL_COLUMNS)} for r in rows
    ]
    rows = ff.query(
        "SELECT p.namn AS person, a.personnummer, a.betalas FROM arvode_person a "
        "JOIN person p ON p.id = a.person_id"
    )
    rows.sort(key=lambda r: sort_key(r["person"]))
    c.arvode_personer = [
        {
            "person": r["person"],
            "personnummer": r["personnummer"],
            "betalas": None if r["betalas"] is None else bool(r["betalas"]),
        }
        for r in rows
    ]
    rows = ff.query(
        "SELECT a.mote_id AS mote, p.namn AS person, a.fla_hundradelar, a.fla_intyg, a.km, "
        "mo.datum FROM arvode_mote a JOIN person p ON p.id = a.person_id "
        "JOIN mote mo ON mo.id = a.mote_id"
    )
    rows.sort(key=lambda r: (r["datum"], r["mote"], sort_key(r["person"])))
    c.arvode_moten = [
        {**{f: r[f] for f in fields(MOTE_COLUMNS)}, "fla_intyg": bool(r["fla_intyg"])} for r in rows
    ]


def sheets(c: Content) -> list[SheetData]:
    return [
        SheetData(ARVODESREGLER, REGEL_COLUMNS, c.arvode_regler),
        SheetData(ARVODESMOTTAGARE, PERSON_COLUMNS, c.arvode_personer),
        SheetData(ARVODE_PER_MOTE, MOTE_COLUMNS, c.arvode_moten),
    ]


def read(book: Book, c: Content) -> None:
    refs = book.refs
    t = book.table(ARVODESREGLER, REGEL_COLUMNS)
    unique(t, "ar", lambda r: r["ar"], lambda r: f"Reglerna för {r['ar']}")
    for row in t.rows:
        for rate in ("arbetsgivaravgift_ore", "arbetsgivaravgift_aldre_ore"):
            if (row.get(rate) or 0) > 10000:
                t.problem(row, rate, "En procentsats är högst 100.")
    c.arvode_regler = records(t, fields(REGEL_COLUMNS))

    t = book.table(ARVODESMOTTAGARE, PERSON_COLUMNS)
    for row in t.rows:
        refer(t, row, "person", refs.personer, "Personen", PERSONER)
        if row.get("personnummer"):
            try:
                row.values["personnummer"] = normalt_personnummer(row["personnummer"])
            except Ogiltigt as exc:
                t.problem(row, "personnummer", str(exc))
    unique(t, "person", lambda r: r["person"], lambda r: f"{r['person']}")
    c.arvode_personer = records(t, fields(PERSON_COLUMNS))

    t = book.table(ARVODE_PER_MOTE, MOTE_COLUMNS)
    for row in t.rows:
        refer_mote(book, t, row)
        refer(t, row, "person", refs.personer, "Personen", PERSONER)
        if (row.get("fla_hundradelar") or 0) > 2400:
            t.problem(row, "fla_hundradelar", "Högst 24 timmar per möte.")
    unique(
        t,
        "person",
        lambda r: (r["mote"], r["person"]),
        lambda r: f"{r['person']} på möte nr {r['mote']}",
    )
    c.arvode_moten = records(t, fields(MOTE_COLUMNS))


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    person = ids["person"]
    cols = fields(REGEL_COLUMNS)
    insert_rows(
        conn,
        "arvode_regel",
        cols,
        [
            [
                (
                    int(r[f])
                    if isinstance(r[f], bool)
                    else (r[f] if r[f] is not None or f in _NULLABLE else "")
                )
                for f in cols
            ]
            for r in c.arvode_regler
        ],
    )
    conn.executemany(
        "INSERT INTO arvode_person (person_id, personnummer, betalas) VALUES (?, ?, ?)",
        [
            (person[r["person"]], r["personnummer"] or "",
             None if r["betalas"] is None else int(r["betalas"]))
            for r in c.arvode_personer
        ],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO arvode_mote (mote_id, person_id, fla_hundradelar, fla_intyg, km) "
        "VALUES (?, ?, ?, ?, ?)",
        [
            (r["mote"], person[r["person"]], r["fla_hundradelar"] or 0, int(bool(r["fla_intyg"])),
             r["km"] or 0)
            for r in c.arvode_moten
        ],
    )  # fmt: skip
