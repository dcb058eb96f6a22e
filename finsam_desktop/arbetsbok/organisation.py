"""The förbund itself: Förbund, Inställningar, Medlemmar, Personer, Styrelseuppdrag, Revisorer
and Konton.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal
from typing import Any

from ..model import Funktion, MedlemTyp, Roll
from ..settings import PREFERENCES, WORKBOOK_SETTINGS, Setting
from ..storage import ForbundFile
from ..styrelse import dubbel_plats, perioder_overlappar
from ..swedish import sort_key
from .book import Book, date_order, define, records, refer, refer_all, unique
from .cells import (
    DATE,
    TEXT,
    TEXT_AS_TEXT,
    YEAR,
    Bool,
    CellError,
    Column,
    Integer,
    NameList,
    Orgnr,
    Percent,
    Raw,
    Text,
    Vocab,
    decimal_text,
    fields,
    name_key,
    parse_int,
)
from .content import Content
from .sheets import SheetData

FORBUND = "Förbund"
INSTALLNINGAR = "Inställningar"
MEDLEMMAR = "Medlemmar"
PERSONER = "Personer"
UPPDRAG = "Styrelseuppdrag"
REVISORER = "Revisorer"
KONTON = "Konton"
SHEETS = [FORBUND, INSTALLNINGAR, MEDLEMMAR, PERSONER, UPPDRAG, REVISORER, KONTON]

FORBUND_COLUMNS = [
    Column("Namn", "namn", TEXT, required=True),
    Column("Organisationsnummer", "organisationsnummer", Orgnr(as_text=True)),
    Column("Bildat", "bildat", DATE),
    Column("Första budgetår", "forsta_budgetar", YEAR),
]
INSTALLNING_COLUMNS = [
    Column("Inställning", "installning", TEXT, required=True),
    Column("Värde", "varde", Raw()),
    # Shown for the reader; not read back.
    Column("Standardvärde", "standard", Raw()),
]
MEDLEM_COLUMNS = [
    Column("Namn", "namn", TEXT, required=True),
    Column("Typ", "typ", Vocab(MedlemTyp, "medlemstyp"), required=True),
    Column("Andel (%)", "andel", Percent(), default="0"),
    Column("Ordning", "ordning", Integer(what="ordning")),
]
PERSON_COLUMNS = [
    Column("Namn", "namn", TEXT, required=True),
    Column("E-post", "epost", TEXT),
    Column("Telefon", "telefon", TEXT_AS_TEXT),
    Column("Anteckning", "anteckning", TEXT),
]
UPPDRAG_COLUMNS = [
    Column("Person", "person", TEXT, required=True),
    Column("Utsedd av", "medlem", TEXT, required=True),
    Column("Roll", "roll", Vocab(Roll, "roll"), required=True),
    Column("Funktion", "funktion", Vocab(Funktion, "funktion")),
    Column("Från", "fran", DATE, required=True),
    Column("Till", "till", DATE),
    Column("Anteckning", "anteckning", TEXT),
]
REVISOR_COLUMNS = [
    Column("Namn", "namn", TEXT, required=True),
    Column("Utsedd av", "medlemmar", NameList()),
    Column("Från", "fran", DATE),
    Column("Till", "till", DATE),
    Column("Anteckning", "anteckning", TEXT),
]
KONTO_COLUMNS = [
    Column("Konto", "nummer", TEXT_AS_TEXT, required=True),
    Column("Benämning", "benamning", TEXT),
]

_ROLL_ORDER = {r.value: i for i, r in enumerate(Roll)}


# -- from the file ------------------------------------------------------------------------------


def load(ff: ForbundFile, c: Content) -> None:
    rows = ff.query(
        "SELECT namn, organisationsnummer, bildat, forsta_budgetar FROM forbund WHERE id = 1"
    )
    c.forbund = rows[0] if rows else {"namn": ff.path.stem}
    c.installningar = {
        r["nyckel"]: r["varde"]
        for r in ff.query("SELECT * FROM installning")
        if r["nyckel"] not in PREFERENCES  # how the file is looked at: not its content
    }
    c.medlemmar = sorted(
        ff.query("SELECT namn, typ, andel, ordning FROM medlem"),
        key=lambda r: (r["ordning"], sort_key(r["namn"])),
    )
    c.personer = sorted(
        ff.query("SELECT namn, epost, telefon, anteckning FROM person"),
        key=lambda r: sort_key(r["namn"]),
    )
    uppdrag = ff.query(
        "SELECT p.namn AS person, m.namn AS medlem, u.roll, u.funktion, u.fran, u.till, "
        "u.anteckning, m.ordning AS _ordning, u.id AS _id "
        "FROM uppdrag u JOIN person p ON p.id = u.person_id JOIN medlem m ON m.id = u.medlem_id"
    )
    uppdrag.sort(
        key=lambda r: (
            r["_ordning"],
            sort_key(r["medlem"]),
            _ROLL_ORDER[r["roll"]],
            r["fran"],
            sort_key(r["person"]),
            r["_id"],
        )
    )
    c.uppdrag = [_public(r) for r in uppdrag]
    members: dict[int, list[str]] = {}
    for r in ff.query(
        "SELECT rm.revisor_id, m.namn FROM revisor_medlem rm JOIN medlem m ON m.id = rm.medlem_id "
        "ORDER BY m.ordning, m.namn COLLATE SWEDISH"
    ):
        members.setdefault(r["revisor_id"], []).append(r["namn"])
    revisorer = ff.query("SELECT id AS _id, namn, fran, till, anteckning FROM revisor")
    revisorer.sort(key=lambda r: (sort_key(r["namn"]), r["fran"] or "", r["_id"]))
    c.revisorer = [{**_public(r), "medlemmar": tuple(members.get(r["_id"], ()))} for r in revisorer]
    c.konton = ff.query("SELECT nummer, benamning FROM konto ORDER BY nummer")


def _public(record: dict[str, Any]) -> dict[str, Any]:
    """A loaded row without the helper columns (named with a leading underscore)."""
    return {k: v for k, v in record.items() if not k.startswith("_")}


# -- to sheets ----------------------------------------------------------------------------------


def _setting_cell(setting: Setting, text: str) -> Any:
    try:
        value = setting.parse(text)
    except ValueError:
        return text  # a hand-edited value: shown as it is, refused on import with a reason
    if setting.type is bool:
        return "Ja" if value else "Nej"
    if setting.type is Decimal:
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def sheets(c: Content) -> list[SheetData]:
    settings = [
        {
            "installning": s.label,
            "varde": _setting_cell(s, c.installningar[s.key]) if s.key in c.installningar else None,
            "standard": _setting_cell(s, s.render(s.default)),
        }
        for s in WORKBOOK_SETTINGS.values()
    ]
    return [
        SheetData(FORBUND, FORBUND_COLUMNS, [c.forbund]),
        SheetData(INSTALLNINGAR, INSTALLNING_COLUMNS, settings),
        SheetData(MEDLEMMAR, MEDLEM_COLUMNS, c.medlemmar),
        SheetData(PERSONER, PERSON_COLUMNS, c.personer),
        SheetData(UPPDRAG, UPPDRAG_COLUMNS, c.uppdrag),
        SheetData(REVISORER, REVISOR_COLUMNS, c.revisorer),
        SheetData(KONTON, KONTO_COLUMNS, c.konton),
    ]


# -- from sheets --------------------------------------------------------------------------------


def read(book: Book, c: Content) -> None:
    refs = book.refs
    t = book.table(FORBUND, FORBUND_COLUMNS)
    if not t.rows and book.has(FORBUND):
        t.problem(None, None, "Bladet saknar förbundets uppgifter; skriv dem på rad 2.")
    for extra in t.rows[1:]:
        t.problem(extra, None, "Bladet ska bara ha en rad med uppgifter (rad 2).")
    if t.rows:
        c.forbund = records(t, fields(FORBUND_COLUMNS))[0]

    _read_settings(book, c)

    t = book.table(MEDLEMMAR, MEDLEM_COLUMNS)
    define(t, "namn", refs.medlemmar, "Medlemmen")
    for position, row in enumerate(t.rows, start=1):
        if row.get("ordning") is None and "ordning" not in row.failed:
            row.values["ordning"] = position
    c.medlemmar = records(t, fields(MEDLEM_COLUMNS))

    t = book.table(PERSONER, PERSON_COLUMNS)
    define(t, "namn", refs.personer, "Personen")
    c.personer = records(t, fields(PERSON_COLUMNS))

    t = book.table(UPPDRAG, UPPDRAG_COLUMNS)
    for row in t.rows:
        refer(t, row, "person", refs.personer, "Personen", PERSONER)
        refer(t, row, "medlem", refs.medlemmar, "Medlemmen", MEDLEMMAR)
        date_order(t, row, "fran", "till")
    unique(
        t,
        "fran",
        lambda r: _all_or_none(
            r, name_key(r["person"] or ""), name_key(r["medlem"] or ""), r["roll"], r["fran"]
        ),
        lambda r: (
            f"Uppdraget som {Roll(r['roll']).label.lower()} för {r['medlem']} "
            f"åt {r['person']} från {r['fran']}"
        ),
    )
    _one_seat_per_member(t)
    c.uppdrag = records(t, fields(UPPDRAG_COLUMNS))

    t = book.table(REVISORER, REVISOR_COLUMNS)
    for row in t.rows:
        refer_all(t, row, "medlemmar", refs.medlemmar, "Medlemmen", MEDLEMMAR)
    c.revisorer = records(t, fields(REVISOR_COLUMNS))

    t = book.table(KONTON, KONTO_COLUMNS)
    define(t, "nummer", refs.konton, "Kontot")
    c.konton = records(t, fields(KONTO_COLUMNS))


def _one_seat_per_member(t) -> None:
    """Report a row giving a person a second seat for the same member over days an earlier
    row's seat covers (the same seat twice is reported as a repeat already)."""
    held: dict[tuple[str, str], list] = {}
    for row in t.rows:
        fran, till = row.get("fran"), row.get("till")
        if row.failed or not (row.get("person") and row.get("medlem") and row.get("roll") and fran):
            continue
        if till is not None and till < fran:
            continue  # reported by date_order
        earlier_rows = held.setdefault((name_key(row["person"]), name_key(row["medlem"])), [])
        for earlier in earlier_rows:
            same_seat = (earlier["roll"], earlier["fran"]) == (row["roll"], fran)
            if not same_seat and perioder_overlappar(
                fran, till, earlier["fran"], earlier.get("till")
            ):
                t.problem(row, "fran", dubbel_plats(
                    earlier["person"], Roll(earlier["roll"]), earlier["medlem"],
                    earlier["fran"], earlier.get("till"), f" på rad {earlier.number}",
                ))  # fmt: skip
                break
        earlier_rows.append(row)


def _all_or_none(row, *key):
    """A duplicate key, or None when a part of it could not be read (already reported)."""
    return None if row.failed else key


def _read_settings(book: Book, c: Content) -> None:
    t = book.table(INSTALLNINGAR, INSTALLNING_COLUMNS)
    by_name = {}
    for s in WORKBOOK_SETTINGS.values():
        by_name[name_key(s.label)] = s
        by_name[name_key(s.key)] = s
    seen: dict[str, int] = {}
    for row in t.rows:
        name = row.get("installning")
        if not name:
            continue
        setting = by_name.get(name_key(name))
        if setting is None:
            t.problem(
                row,
                "installning",
                f"”{name}” är ingen inställning i Finsam Desktop. Inställningarna är: "
                + "; ".join(s.label for s in WORKBOOK_SETTINGS.values())
                + ".",
            )
            continue
        if setting.key in seen:
            t.problem(row, "installning", f"Inställningen finns redan på rad {seen[setting.key]}.")
            continue
        seen[setting.key] = row.number
        raw = row.get("varde")
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue  # blank: the default applies
        try:
            c.installningar[setting.key] = _setting_text(setting, raw)
        except (CellError, ValueError) as exc:
            t.problem(row, "varde", str(exc))


def _setting_text(setting: Setting, raw: Any) -> str:
    if setting.type is bool:
        value: Any = Bool().parse(raw)
    elif setting.type is int:
        value = parse_int(raw)
    elif setting.type is Decimal:
        if isinstance(raw, bool):
            raise CellError(f"”{raw}” är inget tal.")
        if isinstance(raw, int):
            value = Decimal(raw)
        elif isinstance(raw, float):
            value = Decimal(repr(raw))
        else:
            value = setting.parse(str(raw).strip())
        value = Decimal(decimal_text(value))
    else:
        value = Text().parse(raw)
    text = setting.render(value)
    setting.parse(text)  # what is stored must read back
    return text


# -- into the file ------------------------------------------------------------------------------


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    f = c.forbund
    conn.execute(
        "INSERT INTO forbund (id, namn, organisationsnummer, bildat, forsta_budgetar) "
        "VALUES (1, ?, ?, ?, ?)",
        (f["namn"], f.get("organisationsnummer") or "", f.get("bildat"), f.get("forsta_budgetar")),
    )
    conn.executemany(
        "INSERT INTO installning (nyckel, varde) VALUES (?, ?)", list(c.installningar.items())
    )
    medlem = ids["medlem"] = {r["namn"]: i for i, r in enumerate(c.medlemmar, start=1)}
    conn.executemany(
        "INSERT INTO medlem (id, namn, typ, andel, ordning) VALUES (?, ?, ?, ?, ?)",
        [(medlem[r["namn"]], r["namn"], r["typ"], r["andel"], r["ordning"]) for r in c.medlemmar],
    )
    person = ids["person"] = {r["namn"]: i for i, r in enumerate(c.personer, start=1)}
    conn.executemany(
        "INSERT INTO person (id, namn, epost, telefon, anteckning) VALUES (?, ?, ?, ?, ?)",
        [
            (person[r["namn"]], r["namn"], r["epost"], r["telefon"], r["anteckning"])
            for r in c.personer
        ],
    )
    conn.executemany(
        "INSERT INTO konto (nummer, benamning) VALUES (?, ?)",
        [(r["nummer"], r["benamning"]) for r in c.konton],
    )
    conn.executemany(
        "INSERT INTO uppdrag (id, person_id, medlem_id, roll, funktion, fran, till, anteckning) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (
                i,
                person[r["person"]],
                medlem[r["medlem"]],
                r["roll"],
                r["funktion"],
                r["fran"],
                r["till"],
                r["anteckning"],
            )
            for i, r in enumerate(c.uppdrag, start=1)
        ],
    )
    conn.executemany(
        "INSERT INTO revisor (id, namn, fran, till, anteckning) VALUES (?, ?, ?, ?, ?)",
        [
            (i, r["namn"], r["fran"], r["till"], r["anteckning"])
            for i, r in enumerate(c.revisorer, start=1)
        ],
    )
    conn.executemany(
        "INSERT INTO revisor_medlem (revisor_id, medlem_id) VALUES (?, ?)",
        [(i, medlem[m]) for i, r in enumerate(c.revisorer, start=1) for m in r["medlemmar"]],
    )


def uppdrag_finder(uppdrag: list[dict[str, Any]]):
    """A function (person, medlem, roll, date) -> the uppdrag's position in ``uppdrag``.

    The uppdrag valid on the date; if several are, the latest begun; if none is, the one
    nearest in time (a meeting recorded just outside a mandate still finds its seat).
    """
    index: dict[tuple[str, str, str], list[tuple[str, str | None, int]]] = {}
    for i, u in enumerate(uppdrag):
        if u.get("person") and u.get("medlem") and u.get("roll") and u.get("fran"):
            key = (name_key(u["person"]), name_key(u["medlem"]), u["roll"])
            index.setdefault(key, []).append((u["fran"], u.get("till"), i))

    def find(person: str, medlem: str, roll: str, datum: str | None) -> int | None:
        candidates = index.get((name_key(person), name_key(medlem), roll), [])
        if not candidates:
            return None
        if datum is None:
            return candidates[0][2]
        valid = [c for c in candidates if c[0] <= datum and (c[1] is None or datum <= c[1])]
        if valid:
            return max(valid, key=lambda c: (c[0], c[2]))[2]

        def distance(c):
            fran, till, i = c
            gap = fran if datum < fran else (till or fran)
            return (abs(_days(gap) - _days(datum)), i)

        return min(candidates, key=distance)[2]

    return find


def _days(iso: str) -> int:
    return dt.date.fromisoformat(iso).toordinal()
