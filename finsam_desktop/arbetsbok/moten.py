"""Meetings: Möten, Ärenden and Närvaro. A meeting's Nr is its id and stays the same through
export and import, so ärenden and närvaro can refer to it.
"""

from __future__ import annotations

import sqlite3

from ..model import BeslutStatus, MoteTyp, Roll
from ..schema import STANDARD_DAGORDNING
from ..storage import ForbundFile
from ..swedish import sort_key
from .book import Book, date_order, records, refer, refer_all, unique
from .cells import DATE, REF, TEXT, TIME, Bool, Column, Integer, NameList, Vocab, fields
from .content import Content
from .insatser import INSATSER
from .organisation import MEDLEMMAR, PERSONER, UPPDRAG, uppdrag_finder
from .sheets import SheetData

MOTEN = "Möten"
ARENDEN = "Ärenden"
NARVARO = "Närvaro"
RATTELSER = "Rättelser"
DAGORDNINGSMALLAR = "Dagordningsmallar"
SHEETS = [MOTEN, ARENDEN, NARVARO, RATTELSER, DAGORDNINGSMALLAR]
#: A workbook from a version before rättelser and editable templates lacks these sheets: it
#: imports with no rättelser and the standing items every förbund starts with.
OPTIONAL_SHEETS = (RATTELSER, DAGORDNINGSMALLAR)

_NR = Integer(1, None, "mötesnummer")

MOTE_COLUMNS = [
    Column("Nr", "nr", _NR, required=True),
    Column("Typ", "typ", Vocab(MoteTyp, "mötestyp"), required=True),
    Column("Datum", "datum", DATE, required=True),
    Column("Start", "starttid", TIME),
    Column("Slut", "sluttid", TIME),
    Column("Plats", "plats", TEXT),
    Column("Justerat", "justerat", DATE),
    Column("Justerare", "justerare", NameList()),
    Column("Sekreterare", "sekreterare", TEXT),
    Column("Anteckning", "anteckning", TEXT),
    #: The förbund's own name for the meeting's group ("LSG"); older workbooks lack it.
    Column("Grupp", "grupp", TEXT),
]
ARENDE_COLUMNS = [
    Column("Möte nr", "mote", _NR, required=True),
    Column("Ordning", "ordning", Integer(what="ordning")),
    Column("§", "paragraf", Integer(1, None, "paragrafnummer")),
    Column("Rubrik", "rubrik", TEXT, required=True),
    Column("Underlag", "underlag", TEXT),
    Column("Diskussion", "diskussion", TEXT),
    Column("Beslut", "beslut", TEXT),
    Column("Insats", "insats", REF),
    Column("Ansvarig", "ansvarig", TEXT),
    Column("Senast", "senast", DATE),
    Column("Beslutsstatus", "beslut_status", Vocab(BeslutStatus, "beslutsstatus")),
]
NARVARO_COLUMNS = [
    Column("Möte nr", "mote", _NR, required=True),
    Column("Person", "person", TEXT, required=True),
    Column("Utsedd av", "medlem", TEXT, required=True),
    Column("Roll", "roll", Vocab(Roll, "roll"), required=True),
    Column("Närvarande", "narvarande", Bool(), default=True),
    Column("Tjänstgörande", "tjanstgorande", Bool(), default=False),
]
RATTELSE_COLUMNS = [
    Column("Möte nr", "mote", _NR, required=True),
    Column("Öppnat för rättelse", "datum", DATE, required=True),
    Column("Tidigare justerat", "tidigare_justerat", DATE, required=True),
    Column("Orsak", "orsak", TEXT, required=True),
]
MALL_COLUMNS = [
    Column("Mötestyp", "typ", Vocab(MoteTyp, "mötestyp"), required=True),
    Column("Rubrik", "rubrik", TEXT, required=True),
]
_ROLL_ORDER = {r.value: i for i, r in enumerate(Roll)}
_TYP_ORDER = {t.value: i for i, t in enumerate(MoteTyp)}


# -- from the file ------------------------------------------------------------------------------


def load(ff: ForbundFile, c: Content) -> None:
    justerare: dict[int, list[str]] = {}
    for r in ff.query(
        "SELECT j.mote_id, p.namn FROM justerare j JOIN person p ON p.id = j.person_id"
    ):
        justerare.setdefault(r["mote_id"], []).append(r["namn"])
    moten = ff.query(
        "SELECT id AS nr, typ, grupp, datum, starttid, sluttid, plats, justerat, anteckning, "
        "sekreterare FROM mote"
    )
    moten.sort(key=lambda r: (r["datum"], r["starttid"], r["nr"]))
    position = {r["nr"]: i for i, r in enumerate(moten)}
    c.moten = [
        {**r, "justerare": tuple(sorted(justerare.get(r["nr"], ()), key=sort_key))} for r in moten
    ]
    arenden = ff.query(
        "SELECT a.id, a.mote_id AS mote, a.ordning, a.paragraf, a.rubrik, a.underlag, a.beslut, "
        "a.diskussion, "
        "i.namn AS insats, a.ansvarig, a.senast, a.beslut_status "
        "FROM arende a LEFT JOIN insats i ON i.id = a.insats_id"
    )
    arenden.sort(key=lambda r: (position[r["mote"]], r["ordning"], r["id"]))
    c.arenden = [{f: r[f] for f in fields(ARENDE_COLUMNS)} for r in arenden]
    narvaro = ff.query(
        "SELECT n.mote_id AS mote, p.namn AS person, m.namn AS medlem, u.roll, n.narvarande, "
        "n.tjanstgorande, m.ordning, u.id "
        "FROM narvaro n JOIN uppdrag u ON u.id = n.uppdrag_id "
        "JOIN person p ON p.id = u.person_id JOIN medlem m ON m.id = u.medlem_id"
    )
    narvaro.sort(
        key=lambda r: (
            position[r["mote"]],
            r["ordning"],
            sort_key(r["medlem"]),
            _ROLL_ORDER[r["roll"]],
            sort_key(r["person"]),
            r["id"],
        )
    )
    c.narvaro = [
        {
            **{f: r[f] for f in ("mote", "person", "medlem", "roll")},
            "narvarande": bool(r["narvarande"]),
            "tjanstgorande": bool(r["tjanstgorande"]),
        }
        for r in narvaro
    ]
    rattelser = ff.query(
        "SELECT mote_id AS mote, datum, tidigare_justerat, orsak FROM rattelse ORDER BY id"
    )
    rattelser.sort(key=lambda r: (position[r["mote"]], r["datum"]))
    c.rattelser = rattelser
    mallar = ff.query("SELECT typ, ordning, rubrik FROM dagordningsmall")
    mallar.sort(key=lambda r: (_TYP_ORDER[r["typ"]], r["ordning"]))
    c.dagordningsmallar = [{"typ": r["typ"], "rubrik": r["rubrik"]} for r in mallar]


def has_default_templates(ff: ForbundFile) -> bool:
    """Whether the standing items are still those a new förbund file starts with."""
    rows = ff.query("SELECT typ, rubrik FROM dagordningsmall ORDER BY typ, ordning")
    default = [(t, r) for t, rubriker in sorted(STANDARD_DAGORDNING.items()) for r in rubriker]
    return [(r["typ"], r["rubrik"]) for r in rows] == default


# -- to sheets ----------------------------------------------------------------------------------


def sheets(c: Content) -> list[SheetData]:
    return [
        SheetData(MOTEN, MOTE_COLUMNS, c.moten),
        SheetData(ARENDEN, ARENDE_COLUMNS, c.arenden),
        SheetData(NARVARO, NARVARO_COLUMNS, c.narvaro),
        SheetData(RATTELSER, RATTELSE_COLUMNS, c.rattelser),
        SheetData(DAGORDNINGSMALLAR, MALL_COLUMNS, c.dagordningsmallar),
    ]


# -- from sheets --------------------------------------------------------------------------------


def refer_mote(book: Book, t, row) -> None:
    """Report a row's meeting Nr (its field ``mote``) that the sheet Möten does not have."""
    nr = row.get("mote")
    if nr is not None and nr not in book.refs.moten:
        t.problem(row, "mote", f"Mötet nr {nr} finns inte i bladet {MOTEN}.")
        row.failed.add("mote")


def read(book: Book, c: Content) -> None:
    refs = book.refs
    t = book.table(MOTEN, MOTE_COLUMNS)
    unique(t, "nr", lambda r: r["nr"], lambda r: f"Mötet nr {r['nr']}")
    for row in t.rows:
        if row.get("nr") is not None and row["nr"] not in refs.moten:
            refs.moten[row["nr"]] = row.get("datum")
        refer_all(t, row, "justerare", refs.personer, "Personen", PERSONER)
    c.moten = records(t, fields(MOTE_COLUMNS))

    t = book.table(ARENDEN, ARENDE_COLUMNS)
    last: dict[int, int] = {}
    for row in t.rows:
        refer_mote(book, t, row)
        refer(t, row, "insats", refs.insatser, "Insatsen", INSATSER)
        nr = row.get("mote")
        if row.get("ordning") is None and "ordning" not in row.failed:
            row.values["ordning"] = last.get(nr, 0) + 1
        if row.get("ordning") is not None:
            last[nr] = max(last.get(nr, 0), row["ordning"])
    c.arenden = records(t, fields(ARENDE_COLUMNS))

    t = book.table(NARVARO, NARVARO_COLUMNS)
    find = uppdrag_finder(c.uppdrag)
    resolved: dict[tuple[int, int], int] = {}
    for row in t.rows:
        refer_mote(book, t, row)
        refer(t, row, "person", refs.personer, "Personen", PERSONER)
        refer(t, row, "medlem", refs.medlemmar, "Medlemmen", MEDLEMMAR)
        if row.failed:
            continue
        seat = find(row["person"], row["medlem"], row["roll"], refs.moten.get(row["mote"]))
        if seat is None:
            t.problem(
                row,
                "roll",
                f"{row['person']} har inget uppdrag som {Roll(row['roll']).label.lower()} för "
                f"{row['medlem']} i bladet {UPPDRAG}.",
            )
            continue
        key = (row["mote"], seat)
        if key in resolved:
            t.problem(
                row,
                "person",
                f"Närvaron för {row['person']} på möte nr {row['mote']} finns redan på rad "
                f"{resolved[key]}.",
            )
        else:
            resolved[key] = row.number
    c.narvaro = records(t, fields(NARVARO_COLUMNS))

    t = book.table(RATTELSER, RATTELSE_COLUMNS)
    for row in t.rows:
        refer_mote(book, t, row)
        date_order(t, row, "tidigare_justerat", "datum")
    c.rattelser = records(t, fields(RATTELSE_COLUMNS))

    if not book.has(DAGORDNINGSMALLAR):
        c.dagordningsmallar = [
            {"typ": typ, "rubrik": rubrik}
            for typ, rubriker in STANDARD_DAGORDNING.items()
            for rubrik in rubriker
        ]
        return
    t = book.table(DAGORDNINGSMALLAR, MALL_COLUMNS)
    unique(
        t,
        "rubrik",
        lambda r: (r["typ"], r["rubrik"].casefold()) if r.get("typ") and r.get("rubrik") else None,
        lambda r: f"”{r['rubrik']}” för {MoteTyp(r['typ']).label.lower()}",
    )
    c.dagordningsmallar = records(t, fields(MALL_COLUMNS))


# -- into the file ------------------------------------------------------------------------------


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    person, insats = ids["person"], ids["insats"]
    conn.executemany(
        "INSERT INTO mote (id, typ, datum, starttid, sluttid, plats, justerat, anteckning, "
        "sekreterare, grupp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (r["nr"], r["typ"], r["datum"], r["starttid"], r["sluttid"], r["plats"],
             r["justerat"], r["anteckning"], r["sekreterare"] or "", r["grupp"] or "")
            for r in c.moten
        ],
    )  # fmt: skip
    conn.executemany(
        "INSERT INTO justerare (mote_id, person_id) VALUES (?, ?)",
        [(r["nr"], person[p]) for r in c.moten for p in r["justerare"]],
    )
    conn.executemany(
        "INSERT INTO arende (id, mote_id, ordning, paragraf, rubrik, underlag, beslut, insats_id, "
        "ansvarig, senast, beslut_status, diskussion) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (i, r["mote"], r["ordning"], r["paragraf"], r["rubrik"], r["underlag"], r["beslut"],
             insats.get(r["insats"]), r["ansvarig"], r["senast"], r["beslut_status"],
             r["diskussion"])
            for i, r in enumerate(c.arenden, start=1)
        ],
    )  # fmt: skip
    dates = {r["nr"]: r["datum"] for r in c.moten}
    find = uppdrag_finder(c.uppdrag)
    rows = []
    for r in c.narvaro:
        seat = find(r["person"], r["medlem"], r["roll"], dates[r["mote"]])
        assert seat is not None, "read_workbook checked every seat"
        rows.append((r["mote"], seat + 1, int(r["narvarande"]), int(r["tjanstgorande"])))
    conn.executemany(
        "INSERT INTO narvaro (mote_id, uppdrag_id, narvarande, tjanstgorande) VALUES (?, ?, ?, ?)",
        rows,
    )
    conn.executemany(
        "INSERT INTO rattelse (mote_id, datum, tidigare_justerat, orsak) VALUES (?, ?, ?, ?)",
        [(r["mote"], r["datum"], r["tidigare_justerat"], r["orsak"]) for r in c.rattelser],
    )
    order: dict[str, int] = {}
    mallar = []
    for r in c.dagordningsmallar:
        order[r["typ"]] = order.get(r["typ"], 0) + 1
        mallar.append((r["typ"], order[r["typ"]], r["rubrik"]))
    conn.executemany("INSERT INTO dagordningsmall (typ, ordning, rubrik) VALUES (?, ?, ?)", mallar)
