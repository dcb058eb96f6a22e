"""Insatser and what belongs to them: Insatser, Insatser per år, Mål, Målbedömningar and
Uppföljning (aggregated counts only, never who).
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..insatser import FALT, STORED, Falt, FieldKind
from ..model import Bedomning
from ..storage import ForbundFile
from ..swedish import sort_key
from .book import Book, date_order, define, records, refer, refer_all, unique
from .cells import (
    COUNT,
    DATE,
    REF,
    TEXT,
    TEXT_AS_TEXT,
    YEAR,
    Amount,
    Column,
    Integer,
    NameList,
    Vocab,
    fields,
    name_key,
)
from .content import Content
from .organisation import MEDLEMMAR
from .sheets import SheetData

INSATSER = "Insatser"
INSATS_AR = "Insatser per år"
MAL = "Mål"
MAL_BEDOMNINGAR = "Målbedömningar"
UPPFOLJNING = "Uppföljning"
SHEETS = [INSATSER, INSATS_AR, MAL, MAL_BEDOMNINGAR, UPPFOLJNING]


def _column(f: Falt) -> Column:
    """The Insatser sheet's column of a declared field of an insats."""
    if f.kind is FieldKind.MEMBER:  # the member by name: ``agare_id`` is read as ``agare``
        return Column(f.header, f.name.removesuffix("_id"), REF, f.required)
    if f.kind is FieldKind.CHOICE:
        assert f.vocabulary is not None
        return Column(f.header, f.name, Vocab(f.vocabulary, f.label), f.required, f.default)
    kind = {
        FieldKind.TEXT: TEXT_AS_TEXT if f.as_typed else TEXT,
        FieldKind.DATE: DATE,
        FieldKind.MONEY: Amount(non_negative=f.non_negative),
        FieldKind.MEMBERS: NameList(),
    }[f.kind]
    return Column(f.header, f.name, kind, f.required, f.default)


#: Renaming in one place: a new name here, and every sheet that names the insats (budget,
#: utfall, ärenden, mål …) may keep the old one. Blank on export; not stored.
_NYTT_NAMN = Column("Nytt namn", "nytt_namn", TEXT)
INSATS_COLUMNS = [*(_column(f) for f in FALT), _NYTT_NAMN]
INSATS_AR_COLUMNS = [
    Column("Insats", "insats", TEXT, required=True),
    Column("År", "ar", YEAR, required=True),
    Column("Beviljat", "beviljat_ore", Amount()),
    Column("Förbrukat", "forbrukat_ore", Amount()),
    Column("Planerat", "planerat_ore", Amount()),
    Column("Flyttat till nästa år", "flyttat_ore", Amount()),
]
MAL_COLUMNS = [
    Column("Insats", "insats", TEXT, required=True),
    Column("Nr", "nr", Integer(1, None, "målnummer"), required=True),
    Column("Mål", "mal", TEXT, required=True),
    Column("Indikator", "indikator", TEXT),
    Column("Uppföljningsmetod", "metod", TEXT),
]
BEDOMNING_COLUMNS = [
    Column("Insats", "insats", TEXT, required=True),
    Column("Mål nr", "mal_nr", Integer(1, None, "målnummer"), required=True),
    Column("År", "ar", YEAR, required=True),
    Column("Bedömning", "bedomning", Vocab(Bedomning, "bedömning"), required=True),
    Column("Motivering", "motivering", TEXT),
]
UPPFOLJNING_COLUMNS = [
    Column("Insats", "insats", TEXT, required=True),
    Column("År", "ar", YEAR, required=True),
    Column("Nya kvinnor", "nya_kvinnor", COUNT),
    Column("Nya män", "nya_man", COUNT),
    Column("Avslutade", "avslutade", COUNT),
    Column("Aktiva", "aktiva", COUNT),
]


# -- from the file ------------------------------------------------------------------------------


def load(ff: ForbundFile, c: Content) -> None:
    parts: dict[int, list[str]] = {}
    for r in ff.query(
        "SELECT ip.insats_id, m.namn FROM insats_part ip JOIN medlem m ON m.id = ip.medlem_id "
        "ORDER BY m.ordning, m.namn COLLATE SWEDISH"
    ):
        parts.setdefault(r["insats_id"], []).append(r["namn"])
    insatser = ff.query(
        "SELECT i.*, m.namn AS agare FROM insats i LEFT JOIN medlem m ON m.id = i.agare_id"
    )
    insatser.sort(key=lambda r: sort_key(r["namn"]))
    c.insatser = [
        {
            **{f: r.get(f) for f in fields(INSATS_COLUMNS)},
            "medparter": tuple(parts.get(r["id"], ())),
        }
        for r in insatser
    ]

    def by_insats(sql: str, *order: str) -> list[dict[str, Any]]:
        rows = ff.query(sql)
        rows.sort(key=lambda r: (sort_key(r["insats"]), *(r[o] for o in order)))
        return rows

    c.insats_ar = by_insats(
        "SELECT i.namn AS insats, a.ar, a.beviljat_ore, a.forbrukat_ore, a.planerat_ore, "
        "a.flyttat_ore FROM insats_ar a JOIN insats i ON i.id = a.insats_id",
        "ar",
    )
    mal = ff.query(
        "SELECT m.id, i.namn AS insats, m.ordning, m.mal, m.indikator, m.metod "
        "FROM mal m JOIN insats i ON i.id = m.insats_id"
    )
    mal.sort(key=lambda r: (sort_key(r["insats"]), r["ordning"], r["id"]))
    numbers: dict[int, tuple[str, int]] = {}
    count: dict[str, int] = {}
    c.mal = []
    for r in mal:
        nr = count[r["insats"]] = count.get(r["insats"], 0) + 1
        numbers[r["id"]] = (r["insats"], nr)
        c.mal.append(
            {"insats": r["insats"], "nr": nr, **{k: r[k] for k in ("mal", "indikator", "metod")}}
        )
    bedomningar = []
    for r in ff.query("SELECT mal_id, ar, bedomning, motivering FROM mal_bedomning"):
        insats, nr = numbers[r["mal_id"]]
        bedomningar.append(
            {"insats": insats, "mal_nr": nr, "ar": r["ar"], "bedomning": r["bedomning"],
             "motivering": r["motivering"]}
        )  # fmt: skip
    bedomningar.sort(key=lambda r: (sort_key(r["insats"]), r["mal_nr"], r["ar"]))
    c.mal_bedomningar = bedomningar
    c.uppfoljning = by_insats(
        "SELECT i.namn AS insats, u.ar, u.nya_kvinnor, u.nya_man, u.avslutade, u.aktiva "
        "FROM uppfoljning u JOIN insats i ON i.id = u.insats_id",
        "ar",
    )


# -- to sheets ----------------------------------------------------------------------------------


def sheets(c: Content) -> list[SheetData]:
    return [
        SheetData(INSATSER, INSATS_COLUMNS, c.insatser),
        SheetData(INSATS_AR, INSATS_AR_COLUMNS, c.insats_ar),
        SheetData(MAL, MAL_COLUMNS, c.mal),
        SheetData(MAL_BEDOMNINGAR, BEDOMNING_COLUMNS, c.mal_bedomningar),
        SheetData(UPPFOLJNING, UPPFOLJNING_COLUMNS, c.uppfoljning),
    ]


# -- from sheets --------------------------------------------------------------------------------


def _key(row, *fields: str):
    if any(f in row.failed for f in fields):
        return None
    return tuple(name_key(v) if isinstance(v, str) else v for v in (row[f] for f in fields))


def read(book: Book, c: Content) -> None:
    refs = book.refs
    t = book.table(INSATSER, INSATS_COLUMNS)
    define(t, "namn", refs.insatser, "Insatsen")
    # a new name must not be another insats's name as it will be (a repeated Namn is
    # define's to say)
    final: dict[str, list[int]] = {}
    for row in t.rows:
        name = (row.get("nytt_namn") or row.get("namn") or "").strip()
        if name:
            final.setdefault(name_key(name), []).append(row.number)
    for row in t.rows:
        new = (row.get("nytt_namn") or "").strip()
        others = [n for n in final.get(name_key(new), []) if n != row.number] if new else []
        if others:
            t.problem(
                row, "nytt_namn", f"Insatsen skulle heta ”{new}”, som insatsen på rad {others[0]}."
            )
    for row in t.rows:
        refer(t, row, "agare", refs.medlemmar, "Medlemmen", MEDLEMMAR)
        refer_all(t, row, "medparter", refs.medlemmar, "Medlemmen", MEDLEMMAR)
        date_order(t, row, "start", "slut")
    c.insatser = records(t, fields(INSATS_COLUMNS))

    t = book.table(INSATS_AR, INSATS_AR_COLUMNS)
    for row in t.rows:
        refer(t, row, "insats", refs.insatser, "Insatsen", INSATSER)
    unique(t, "ar", lambda r: _key(r, "insats", "ar"), lambda r: f"{r['insats']} år {r['ar']}")
    c.insats_ar = records(t, fields(INSATS_AR_COLUMNS))

    t = book.table(MAL, MAL_COLUMNS)
    for row in t.rows:
        refer(t, row, "insats", refs.insatser, "Insatsen", INSATSER)
        if not row.failed:
            refs.mal.add((name_key(row["insats"]), row["nr"]))
    unique(
        t, "nr", lambda r: _key(r, "insats", "nr"), lambda r: f"Mål nr {r['nr']} för {r['insats']}"
    )
    c.mal = records(t, fields(MAL_COLUMNS))

    t = book.table(MAL_BEDOMNINGAR, BEDOMNING_COLUMNS)
    for row in t.rows:
        refer(t, row, "insats", refs.insatser, "Insatsen", INSATSER)
        if not row.failed and (name_key(row["insats"]), row["mal_nr"]) not in refs.mal:
            t.problem(
                row,
                "mal_nr",
                f"Insatsen {row['insats']} har inget mål nr {row['mal_nr']} i bladet {MAL}.",
            )
    unique(
        t,
        "ar",
        lambda r: _key(r, "insats", "mal_nr", "ar"),
        lambda r: f"En bedömning av mål nr {r['mal_nr']} för {r['insats']} år {r['ar']}",
    )
    c.mal_bedomningar = records(t, fields(BEDOMNING_COLUMNS))

    t = book.table(UPPFOLJNING, UPPFOLJNING_COLUMNS)
    for row in t.rows:
        refer(t, row, "insats", refs.insatser, "Insatsen", INSATSER)
    unique(
        t,
        "ar",
        lambda r: _key(r, "insats", "ar"),
        lambda r: f"Uppföljning av {r['insats']} år {r['ar']}",
    )
    c.uppfoljning = records(t, fields(UPPFOLJNING_COLUMNS))


# -- into the file ------------------------------------------------------------------------------


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    medlem = ids["medlem"]
    insats = ids["insats"] = {r["namn"]: i for i, r in enumerate(c.insatser, start=1)}
    stored = [(f, _column(f).field) for f in STORED]

    def value(r: dict[str, Any], f: Falt, key: str) -> Any:
        if key == "namn" and r.get("nytt_namn"):
            return r["nytt_namn"].strip()  # renamed: the other sheets named it the old way
        return medlem.get(r[key]) if f.kind is FieldKind.MEMBER else r[key]

    conn.executemany(
        f"INSERT INTO insats (id, {', '.join(f.name for f, _ in stored)}) "
        f"VALUES (?{', ?' * len(stored)})",
        [(insats[r["namn"]], *(value(r, f, key) for f, key in stored)) for r in c.insatser],
    )
    conn.executemany(
        "INSERT INTO insats_part (insats_id, medlem_id) VALUES (?, ?)",
        [(insats[r["namn"]], medlem[m]) for r in c.insatser for m in r["medparter"]],
    )
    conn.executemany(
        "INSERT INTO insats_ar (insats_id, ar, beviljat_ore, forbrukat_ore, planerat_ore, "
        "flyttat_ore) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (insats[r["insats"]], r["ar"], r["beviljat_ore"], r["forbrukat_ore"],
             r["planerat_ore"], r["flyttat_ore"])
            for r in c.insats_ar
        ],
    )  # fmt: skip
    mal = {(r["insats"], r["nr"]): i for i, r in enumerate(c.mal, start=1)}
    conn.executemany(
        "INSERT INTO mal (id, insats_id, ordning, mal, indikator, metod) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (mal[r["insats"], r["nr"]], insats[r["insats"]], r["nr"], r["mal"], r["indikator"],
             r["metod"])
            for r in c.mal
        ],
    )  # fmt: skip
    mal_by_key = {(name_key(k[0]), k[1]): v for k, v in mal.items()}
    conn.executemany(
        "INSERT INTO mal_bedomning (mal_id, ar, bedomning, motivering) VALUES (?, ?, ?, ?)",
        [
            (
                mal_by_key[name_key(r["insats"]), r["mal_nr"]],
                r["ar"],
                r["bedomning"],
                r["motivering"],
            )
            for r in c.mal_bedomningar
        ],
    )
    conn.executemany(
        "INSERT INTO uppfoljning (insats_id, ar, nya_kvinnor, nya_man, avslutade, aktiva) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [
            (
                insats[r["insats"]],
                r["ar"],
                r["nya_kvinnor"],
                r["nya_man"],
                r["avslutade"],
                r["aktiva"],
            )
            for r in c.uppfoljning
        ],
    )
