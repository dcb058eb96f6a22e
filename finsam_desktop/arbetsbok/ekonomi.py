"""Money over the years: Budgetversioner, one "Budget ÅÅÅÅ" sheet per budget version,
"Utfall ÅÅÅÅ" (whole year) and "Utfall ÅÅÅÅ per månad" sheets, and Bokslut.

The budget and utfall sheets look like the förbundschef's own Excel: Grupp, Rad, Insats, Konto,
then the amounts, kronor as numbers, intäkter positive and kostnader negative. A note on a
budget cell is an Excel comment on that cell.
"""

from __future__ import annotations

import sqlite3
from typing import Any

from ..model import BokslutPost, BudgetStatus, Grupp, RadSlag, Summerar
from ..storage import ForbundFile
from ..uppstallning import fel_i_avsnitt
from .book import Book, budget_sheet_name, records, refer, refer_all, unique, utfall_sheet_name
from .cells import (
    AMOUNT,
    COUNT,
    DATE,
    KONTO_REF,
    REF,
    TEXT,
    TEXT_AS_TEXT,
    YEAR,
    Amount,
    Bool,
    CellError,
    Column,
    Month,
    NameList,
    Vocab,
    fields,
    name_key,
    parse_int,
    shown,
)
from .content import Content, insert_rows
from .insatser import INSATSER
from .organisation import KONTON, MEDLEMMAR
from .sheets import SheetData

BUDGETVERSIONER = "Budgetversioner"
UPPSTALLNING = "Budgetens uppställning"
BOKSLUT = "Bokslut"
SPECIFIKATION = "Bokslutsspecifikation"
#: Fixed sheets of this module, in workbook order; the budget and utfall sheets follow
#: Budgetens uppställning.
SHEETS = [BUDGETVERSIONER, UPPSTALLNING, BOKSLUT, SPECIFIKATION]
#: An older workbook has no uppställning: its budgets are shown grouped by meaning; nor a
#: bokslutsspecifikation: its notes show the posts' sums only.
OPTIONAL_SHEETS = (UPPSTALLNING, SPECIFIKATION)

VERSION_COLUMNS = [
    Column("Blad", "blad", TEXT, required=True),
    Column("År", "ar", YEAR, required=True),
    Column("Namn", "namn", TEXT),
    Column("Status", "status", Vocab(BudgetStatus, "status"), default=BudgetStatus.FORSLAG.value),
    Column("Beslutsdatum", "beslut_datum", DATE),
    Column("Beslut §", "beslut_paragraf", TEXT_AS_TEXT),
    Column("Motivering för eget kapital", "eget_kapital_motivering", TEXT),
]
#: The förbund's avsnitt of each budget version, in print order: a heading, the subtotal row's
#: label, and what that subtotal adds.
UPPSTALLNING_COLUMNS = [
    Column("Blad", "blad", TEXT, required=True),
    Column("Rubrik", "rubrik", TEXT, default=""),
    Column("Summarad", "summa", TEXT, default=""),
    Column(
        "Summerar",
        "summerar",
        Vocab(Summerar, "vad summaraden summerar"),
        default=Summerar.AVSNITT.value,
    ),
]
_AVSNITT_FIELDS = ("rubrik", "summa", "summerar")
_GRUPP = Column("Grupp", "grupp", Vocab(Grupp, "grupp"), required=True)
_RAD = Column("Rad", "text", TEXT, required=True)
_INSATS = Column("Insats", "insats", REF)
_KONTO = Column("Konto", "konto", KONTO_REF)
_KONTERING = [
    Column("Ansvar", "ansvar", TEXT_AS_TEXT, default=""),
    Column("Verksamhet", "verksamhet", TEXT_AS_TEXT, default=""),
    Column("Aktivitet/Projekt", "projekt", TEXT_AS_TEXT, default=""),
    Column("Motpart", "motpart", TEXT_AS_TEXT, default=""),
]
#: Years whose amount the program derived (rolled forward, split from a medelstilldelning)
#: rather than a person typed: "2027, 2028".
_HARLEDDA = Column("Härledda år", "harledda", TEXT_AS_TEXT, default="")
#: What the row counts as, apart from the group it is shown in: blank an ordinary row,
#: "Ianspråktagande av eget kapital" or "Ej fördelade medel". A workbook without the
#: column (older) reads as all ordinary.
_SLAG = Column("Slag", "slag", Vocab(RadSlag, "slag av budgetrad"))
#: "Ja": a use of eget kapital shown under the budgeted result, not among the intäkter.
_UNDER_RESULTAT = Column("Visas under resultatet", "under_resultat", Bool())
#: The Rubrik of the avsnitt (sheet Budgetens uppställning) the row is printed in; blank:
#: with its Grupp.
_AVSNITT = Column("Avsnitt", "avsnitt", TEXT)
#: An intäkt row for several members together ("Kommun och region"): their names with "; ".
#: Its amount is split among them by their andelar; a row for one member uses Medlem.
_MEDLEMMAR = Column("Står för medlemmarna", "medlemmar", NameList())
BUDGET_COLUMNS = [
    _GRUPP,
    _RAD,
    _INSATS,
    _KONTO,
    Column("Medlem", "medlem", REF),
    *_KONTERING,
    _HARLEDDA,
    _SLAG,
    _UNDER_RESULTAT,
    _AVSNITT,
    _MEDLEMMAR,
]
_RAD_FIELDS = (
    "grupp",
    "text",
    "insats",
    "konto",
    "medlem",
    "ansvar",
    "verksamhet",
    "projekt",
    "motpart",
    "slag",
    "under_resultat",
    "avsnitt",
    "medlemmar",
)
_UTFALL_MEDLEM = Column("Medlem", "medlem", REF)
UTFALL_COLUMNS = [
    _GRUPP,
    _RAD,
    _INSATS,
    _KONTO,
    Column("Belopp", "belopp_ore", AMOUNT, required=True),
    _UTFALL_MEDLEM,
]
UTFALL_MANAD_COLUMNS = [
    _GRUPP,
    _RAD,
    _INSATS,
    _KONTO,
    Column("Månad", "manad", Month(), required=True),
    Column("Belopp", "belopp_ore", AMOUNT, required=True),
    _UTFALL_MEDLEM,
]
_UTFALL_FIELDS = ("grupp", "text", "insats", "konto", "belopp_ore", "medlem")
_BALANCE = Amount()
_POSITIVE = Amount(non_negative=True)
BOKSLUT_COLUMNS = [
    Column("År", "ar", YEAR, required=True),
    Column("Anläggningstillgångar", "anlaggningstillgangar_ore", _BALANCE, default=0),
    Column("Kortfristiga fordringar", "kortfristiga_fordringar_ore", _BALANCE, default=0),
    Column("Kassa och bank", "kassa_och_bank_ore", _BALANCE, default=0),
    Column("Eget kapital IB", "eget_kapital_ib_ore", _BALANCE),
    Column("Eget kapital UB", "eget_kapital_ore", _BALANCE, default=0),
    Column("Avsättningar", "avsattningar_ore", _BALANCE, default=0),
    Column("Långfristiga skulder", "langfristiga_skulder_ore", _BALANCE, default=0),
    Column("Kortfristiga skulder", "kortfristiga_skulder_ore", _BALANCE, default=0),
    Column("Driftbidrag", "driftbidrag_ore", _BALANCE),
    Column("Kortfristiga placeringar", "kortfristiga_placeringar_ore", _BALANCE, default=0),
    Column("Finansiella intäkter", "finansiella_intakter_ore", _BALANCE),
    Column("Finansiella kostnader", "finansiella_kostnader_ore", _BALANCE),
    Column("Antal anställda", "antal_anstallda", COUNT),
    Column("Samtliga realisationsvinster", "realisationsvinster_ore", _POSITIVE, default=0),
    Column(
        "Realisationsvinster enligt undantag",
        "realisationsvinster_undantag_ore",
        _POSITIVE,
        default=0,
    ),
    Column(
        "Realisationsförluster enligt undantag",
        "realisationsforluster_undantag_ore",
        _POSITIVE,
        default=0,
    ),
    Column(
        "Orealiserade förluster i värdepapper", "orealiserade_forluster_ore", _POSITIVE, default=0
    ),
    Column(
        "Återföring av orealiserade förluster", "aterforing_orealiserade_ore", _POSITIVE, default=0
    ),
    Column("Resultatutjämningsreserv", "resultatutjamningsreserv_ore", _BALANCE, default=0),
]
#: The notes' specification of kortfristiga fordringar and skulder by kind, per year.
SPECIFIKATION_COLUMNS = [
    Column("År", "ar", YEAR, required=True),
    Column("Post", "post", Vocab(BokslutPost, "post"), required=True),
    Column("Text", "text", TEXT, required=True),
    Column("Belopp", "belopp_ore", AMOUNT, required=True),
]
_GRUPP_ORDER = {g.value: i for i, g in enumerate(Grupp)}
_VERSION_FIELDS = [f for f in fields(VERSION_COLUMNS) if f != "blad"]


def _year_column(year: int) -> Column:
    return Column(str(year), year, AMOUNT)


# -- from the file ------------------------------------------------------------------------------


def load(ff: ForbundFile, c: Content) -> None:
    belopp: dict[int, dict[int, tuple[int, str, int]]] = {}
    for r in ff.query("SELECT rad_id, ar, belopp_ore, anteckning, harledd FROM budget_belopp"):
        belopp.setdefault(r["rad_id"], {})[r["ar"]] = (
            r["belopp_ore"],
            r["anteckning"],
            r["harledd"],
        )
    rader: dict[int, list[dict[str, Any]]] = {}
    all_rows = ff.query(
        "SELECT r.id, r.version_id, r.grupp, r.ordning, r.text, i.namn AS insats, r.konto, "
        "m.namn AS medlem, r.ansvar, r.verksamhet, r.projekt, r.motpart, r.slag, "
        "r.under_resultat, a.rubrik AS avsnitt, a.ordning AS avsnitt_ordning, r.plats "
        "FROM budget_rad r "
        "LEFT JOIN insats i ON i.id = r.insats_id "
        "LEFT JOIN medlem m ON m.id = r.medlem_id "
        "LEFT JOIN budget_avsnitt a ON a.id = r.avsnitt_id"
    )
    # the förbund's uppställning first, in its order; then the rows by meaning
    all_rows.sort(
        key=lambda r: (
            r["avsnitt"] is None,
            r["avsnitt_ordning"] or 0,
            r["plats"] if r["avsnitt"] is not None else 0,
            _GRUPP_ORDER[r["grupp"]],
            r["ordning"],
            r["id"],
        )
    )
    shared: dict[int, list[str]] = {}
    for r in ff.query(
        "SELECT rm.rad_id, m.namn FROM budget_rad_medlem rm JOIN medlem m ON m.id = rm.medlem_id "
        "ORDER BY m.ordning, m.namn COLLATE SWEDISH"
    ):
        shared.setdefault(r["rad_id"], []).append(r["namn"])
    for r in all_rows:
        r["medlemmar"] = tuple(shared.get(r["id"], ()))
    avsnitt: dict[int, list[dict[str, Any]]] = {}
    for a in ff.query("SELECT * FROM budget_avsnitt ORDER BY ordning, id"):
        avsnitt.setdefault(a["version_id"], []).append({f: a[f] for f in _AVSNITT_FIELDS})
    for r in all_rows:
        amounts = belopp.get(r["id"], {})
        rader.setdefault(r["version_id"], []).append(
            {
                **{k: r[k] for k in _RAD_FIELDS},
                "under_resultat": True if r["under_resultat"] else None,  # blank when not
                "belopp": {year: amounts[year][0] for year in sorted(amounts)},
                "harledda": ", ".join(str(y) for y in sorted(amounts) if amounts[y][2]),
                "anteckningar": {
                    year: amounts[year][1] for year in sorted(amounts) if amounts[year][1]
                },
            }
        )
    c.budgetversioner = []
    for v in ff.query("SELECT * FROM budget_version ORDER BY ar, id"):
        rows = rader.get(v["id"], [])
        years = set(range(v["ar"], v["ar"] + 3)) | {y for r in rows for y in r["belopp"]}
        c.budgetversioner.append(
            {
                **{f: v[f] for f in _VERSION_FIELDS},
                "rader": rows,
                "ar_kolumner": sorted(years),
                "avsnitt": avsnitt.get(v["id"], []),
            }
        )
    utfall = ff.query(
        "SELECT u.id, u.ar, u.manad, u.grupp, u.ordning, u.text, i.namn AS insats, u.konto, "
        "u.belopp_ore, m.namn AS medlem FROM utfall u LEFT JOIN insats i ON i.id = u.insats_id "
        "LEFT JOIN medlem m ON m.id = u.medlem_id"
    )
    utfall.sort(
        key=lambda r: (
            r["ar"],
            r["manad"] is not None,
            _GRUPP_ORDER[r["grupp"]],
            r["ordning"],
            r["manad"] or 0,
            r["id"],
        )
    )
    c.utfall = [{k: r[k] for k in ("ar", "manad", *_UTFALL_FIELDS)} for r in utfall]
    fields = ", ".join(col.field for col in BOKSLUT_COLUMNS)
    c.bokslut = ff.query(f"SELECT {fields} FROM bokslut ORDER BY ar")
    c.bokslut_specifikation = ff.query(
        "SELECT ar, post, text, belopp_ore FROM bokslut_specifikation "
        "ORDER BY ar, post, ordning, id"
    )


# -- to sheets ----------------------------------------------------------------------------------


def _sheet_names(c: Content) -> list[str]:
    count: dict[int, int] = {}
    names = []
    for v in c.budgetversioner:
        n = count[v["ar"]] = count.get(v["ar"], 0) + 1
        names.append(budget_sheet_name(v["ar"], n))
    return names


def budget_sheets(c: Content) -> list[SheetData]:
    """Budgetversioner, then one sheet per budget version, then the utfall sheets."""
    names = _sheet_names(c)
    result = [
        SheetData(
            BUDGETVERSIONER,
            VERSION_COLUMNS,
            [{**v, "blad": name} for v, name in zip(c.budgetversioner, names, strict=True)],
        )
    ]
    result.append(
        SheetData(
            UPPSTALLNING,
            UPPSTALLNING_COLUMNS,
            [
                {**a, "blad": name}
                for v, name in zip(c.budgetversioner, names, strict=True)
                for a in v.get("avsnitt", [])
            ],
        )
    )
    for v, name in zip(c.budgetversioner, names, strict=True):
        years = v["ar_kolumner"]
        columns = BUDGET_COLUMNS[:4] + [_year_column(y) for y in years] + BUDGET_COLUMNS[4:]
        result.append(
            SheetData(
                name,
                columns,
                [{**r, **r["belopp"]} for r in v["rader"]],
                [dict(r["anteckningar"]) for r in v["rader"]],
            )
        )
    groups: dict[tuple[int, bool], list[dict[str, Any]]] = {}
    for r in c.utfall:
        groups.setdefault((r["ar"], r["manad"] is not None), []).append(r)
    for (year, monthly), rows in sorted(groups.items()):
        columns = UTFALL_MANAD_COLUMNS if monthly else UTFALL_COLUMNS
        result.append(SheetData(utfall_sheet_name(year, monthly), columns, rows))
    return result


def bokslut_sheets(c: Content) -> list[SheetData]:
    return [
        SheetData(BOKSLUT, BOKSLUT_COLUMNS, c.bokslut),
        SheetData(SPECIFIKATION, SPECIFIKATION_COLUMNS, c.bokslut_specifikation),
    ]


# -- from sheets --------------------------------------------------------------------------------


def _refer_row(book: Book, t, row, *, medlem: bool) -> None:
    refs = book.refs
    refer(t, row, "insats", refs.insatser, "Insatsen", INSATSER)
    refer(t, row, "konto", refs.konton, "Kontot", KONTON)
    if medlem:
        refer(t, row, "medlem", refs.medlemmar, "Medlemmen", MEDLEMMAR)


def read(book: Book, c: Content) -> None:
    _read_budgets(book, c)
    _read_utfall(book, c)
    t = book.table(BOKSLUT, BOKSLUT_COLUMNS)
    unique(t, "ar", lambda r: r["ar"], lambda r: f"Bokslutet för {r['ar']}")
    c.bokslut = records(t, fields(BOKSLUT_COLUMNS))
    years = {r["ar"] for r in c.bokslut}
    t = book.table(SPECIFIKATION, SPECIFIKATION_COLUMNS)
    unique(
        t,
        "text",
        lambda r: (r.get("ar"), r.get("post"), r["text"].casefold()) if r.get("text") else None,
        lambda r: f"”{r['text']}” för {r.get('ar')}",
    )
    for row in t.rows:
        if row.get("ar") is not None and row["ar"] not in years:
            t.problem(row, "ar", f"Det finns inget bokslut för {row['ar']} på bladet {BOKSLUT}.")
    c.bokslut_specifikation = records(t, fields(SPECIFIKATION_COLUMNS))


def _read_budgets(book: Book, c: Content) -> None:
    problems = book.problems
    sheets = {name_key(actual): (year, n, actual, ws) for year, n, actual, ws in book.budgets}
    t = book.table(BUDGETVERSIONER, VERSION_COLUMNS)
    unique(
        t,
        "blad",
        lambda r: name_key(r["blad"]) if r["blad"] else None,
        lambda r: f"Bladet ”{r['blad']}”",
    )
    listed: dict[str, Any] = {}
    for row in t.rows:
        blad = row.get("blad")
        beslutad = row.get("status") == BudgetStatus.BESLUTAD.value
        if beslutad and not row.get("beslut_datum") and "beslut_datum" not in row.failed:
            t.problem(row, "beslut_datum", "En beslutad budget ska ha ett beslutsdatum.")
        if not blad or name_key(blad) in listed:
            continue
        sheet = sheets.get(name_key(blad))
        if sheet is None:
            t.problem(
                row,
                "blad",
                f"Bladet ”{blad}” finns inte i arbetsboken. Ett budgetblad heter ”Budget ÅÅÅÅ”, "
                "och ”Budget ÅÅÅÅ (2)” och så vidare när året har flera versioner.",
            )
            continue
        if row.get("ar") is not None and row["ar"] != sheet[0]:
            t.problem(row, "ar", f"Året {row['ar']} stämmer inte med bladets namn ”{sheet[2]}”.")
        listed[name_key(blad)] = row
    avsnitt = _read_uppstallning(book, sheets)
    versions = []
    for year, _n, actual, ws in sorted(book.budgets, key=lambda s: (s[0], s[1])):
        row = listed.get(name_key(actual))
        if row is None:
            problems.add(
                actual,
                None,
                None,
                f"Bladet saknas i bladet {BUDGETVERSIONER}; lägg till en rad där med "
                f"Blad ”{actual}”, År {year} och status.",
            )
        if not 2004 <= year <= 2200:
            problems.add(
                actual, None, None, f"Året {year} i bladets namn ska vara mellan 2004 och 2200."
            )
        own = avsnitt.get(name_key(actual), [])
        versions.append(
            {
                **{f: (row.get(f) if row else None) for f in _VERSION_FIELDS},
                **_read_budget_sheet(book, actual, ws, {a["rubrik"] for a in own if a["rubrik"]}),
                "avsnitt": own,
            }
        )
    c.budgetversioner = versions


def _read_uppstallning(book: Book, sheets: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The avsnitt of each budget sheet (by its name key), in the sheet's order."""
    t = book.table(UPPSTALLNING, UPPSTALLNING_COLUMNS)
    unique(
        t,
        "rubrik",
        lambda r: (name_key(r["blad"]), r["rubrik"].strip()) if r.get("rubrik") else None,
        lambda r: f"Avsnittet ”{r['rubrik']}” i ”{r['blad']}”",
    )
    out: dict[str, list[dict[str, Any]]] = {}
    for row in t.rows:
        blad = row.get("blad")
        if not blad:
            continue
        if name_key(blad) not in sheets:
            t.problem(
                row,
                "blad",
                f"Bladet ”{blad}” finns inte i arbetsboken; skriv namnet på ett budgetblad.",
            )
            continue
        rubrik, summa = (row.get("rubrik") or "").strip(), (row.get("summa") or "").strip()
        summerar = row.get("summerar") or Summerar.AVSNITT.value
        problem = fel_i_avsnitt(rubrik, summa, summerar)
        if problem and "summerar" not in row.failed:
            t.problem(row, "summerar" if summa else "rubrik", problem)
        out.setdefault(name_key(blad), []).append(
            {"rubrik": rubrik, "summa": summa, "summerar": summerar}
        )
    return out


def _read_budget_sheet(book: Book, actual: str, ws: Any, avsnitt: set[str]) -> dict[str, Any]:
    years: list[int] = []

    def year_column(header: Any) -> Column | None:
        try:
            year = parse_int(header)
        except CellError:
            return None
        if len(shown(header)) != 4:
            return None
        if not 2004 <= year <= 2200:
            book.problems.add(actual, 1, str(year), "Ett år ska vara mellan 2004 och 2200.")
        years.append(year)
        return _year_column(year)

    t = book.sheet_table(actual, ws, BUDGET_COLUMNS, year_column)
    rader = []
    for row in t.rows:
        _refer_row(book, t, row, medlem=True)
        refer_all(t, row, "medlemmar", book.refs.medlemmar, "Medlemmen", MEDLEMMAR)
        if row.get("medlemmar") and row.get("medlem"):
            t.problem(
                row,
                "medlemmar",
                "Raden har både en Medlem och flera medlemmar; skriv medlemmarna i en av "
                "kolumnerna.",
            )
        if row.get("medlemmar") and row.get("grupp") != Grupp.INTAKTER.value:
            t.problem(row, "medlemmar", "Bara en intäktsrad kan stå för flera medlemmar.")
        belopp = {y: row.get(y) for y in sorted(years) if row.get(y) is not None}
        notes = {}
        for y in sorted(years):
            note = row.comments.get(y)
            if not note:
                continue
            if row.get(y) is None and y not in row.failed:
                t.problem(
                    row,
                    y,
                    "Cellen har en kommentar men inget belopp; skriv beloppet eller flytta "
                    "kommentaren till en cell med belopp.",
                )
            notes[y] = note
        harledda = set()
        for part in str(row.get("harledda") or "").replace(";", ",").split(","):
            part = part.strip()
            if not part:
                continue
            if not part.isdigit() or int(part) not in belopp:
                t.problem(
                    row,
                    "harledda",
                    f"”{part}” är inget av radens år med belopp; skriv åren med komma emellan.",
                )
                continue
            harledda.add(int(part))
        if row.get("under_resultat") and row.get("slag") != RadSlag.EGET_KAPITAL.value:
            t.problem(
                row,
                "under_resultat",
                "Bara en rad med slaget ”Ianspråktagande av eget kapital” kan visas under "
                "resultatet.",
            )
        if row.get("avsnitt") and row["avsnitt"].strip() not in avsnitt:
            t.problem(
                row,
                "avsnitt",
                f"Avsnittet ”{row['avsnitt']}” finns inte för ”{actual}” i bladet "
                f"{UPPSTALLNING}; skriv en av dess rubriker, eller lämna cellen tom.",
            )
        if row.get("avsnitt") and row.get("under_resultat"):
            t.problem(
                row,
                "avsnitt",
                "En rad som visas under resultatet står inte i något avsnitt; töm cellen.",
            )
        rader.append(
            {
                **{f: row.get(f) for f in _RAD_FIELDS},
                "belopp": belopp,
                "anteckningar": notes,
                "harledda": ", ".join(str(y) for y in sorted(harledda)),
            }
        )
    return {"rader": rader, "ar_kolumner": sorted(years)}


def _read_utfall(book: Book, c: Content) -> None:
    c.utfall = []
    for year, monthly, actual, ws in sorted(book.utfall, key=lambda s: (s[0], s[1])):
        if not 2004 <= year <= 2200:
            book.problems.add(
                actual, None, None, f"Året {year} i bladets namn ska vara mellan 2004 och 2200."
            )
        t = book.sheet_table(actual, ws, UTFALL_MANAD_COLUMNS if monthly else UTFALL_COLUMNS)
        for row in t.rows:
            _refer_row(book, t, row, medlem=True)
            c.utfall.append(
                {
                    "ar": year,
                    "manad": row.get("manad") if monthly else None,
                    **{f: row.get(f) for f in _UTFALL_FIELDS},
                }
            )


# -- into the file ------------------------------------------------------------------------------


def insert(conn: sqlite3.Connection, c: Content, ids: dict[str, dict]) -> None:
    insats, medlem = ids["insats"], ids["medlem"]
    versions, avsnitt, rader, belopp, delade = [], [], [], [], []
    for vid, v in enumerate(c.budgetversioner, start=1):
        versions.append((vid, *(v[f] for f in _VERSION_FIELDS)))
        own: dict[str, int] = {}
        for n, a in enumerate(v.get("avsnitt", []), start=1):
            avsnitt.append((len(avsnitt) + 1, vid, n, a["rubrik"], a["summa"], a["summerar"]))
            if a["rubrik"]:
                own[a["rubrik"]] = len(avsnitt)
        plats: dict[int, int] = {}
        for ordning, r in enumerate(v["rader"], start=1):
            rid = len(rader) + 1
            aid = own.get((r.get("avsnitt") or "").strip())
            plats[aid] = plats.get(aid, 0) + 1 if aid is not None else 0
            rader.append(
                (
                    rid,
                    vid,
                    r["grupp"],
                    ordning,
                    r["text"],
                    insats.get(r["insats"]),
                    medlem.get(r["medlem"]),
                    r["konto"],
                    *((r.get(k) or "") for k in ("ansvar", "verksamhet", "projekt", "motpart")),
                    r.get("slag"),
                    int(bool(r.get("under_resultat"))),
                    aid,
                    plats[aid],
                )
            )
            names = r.get("medlemmar") or ()
            if len(names) == 1:  # one member is the row's Medlem
                rader[-1] = (*rader[-1][:6], medlem.get(names[0]), *rader[-1][7:])
            else:
                delade.extend((rid, medlem[n]) for n in names)
            harledda = {int(y) for y in str(r.get("harledda") or "").split(",") if y.strip()}
            for year, ore in r["belopp"].items():
                belopp.append(
                    (rid, year, ore, r["anteckningar"].get(year, ""), int(year in harledda))
                )
    insert_rows(conn, "budget_version", ["id", *_VERSION_FIELDS], versions)
    conn.executemany(
        "INSERT INTO budget_avsnitt (id, version_id, ordning, rubrik, summa, summerar) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        avsnitt,
    )
    conn.executemany(
        "INSERT INTO budget_rad (id, version_id, grupp, ordning, text, insats_id, medlem_id, "
        "konto, ansvar, verksamhet, projekt, motpart, slag, under_resultat, avsnitt_id, plats) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rader,
    )
    conn.executemany("INSERT INTO budget_rad_medlem (rad_id, medlem_id) VALUES (?, ?)", delade)
    conn.executemany(
        "INSERT INTO budget_belopp (rad_id, ar, belopp_ore, anteckning, harledd) "
        "VALUES (?, ?, ?, ?, ?)",
        belopp,
    )
    position: dict[tuple[int, bool], int] = {}
    utfall = []
    for uid, r in enumerate(c.utfall, start=1):
        key = (r["ar"], r["manad"] is not None)
        position[key] = position.get(key, 0) + 1
        utfall.append(
            (
                uid,
                r["ar"],
                r["manad"],
                r["grupp"],
                position[key],
                r["text"],
                insats.get(r["insats"]),
                r["konto"],
                r["belopp_ore"],
                medlem.get(r.get("medlem")),
            )
        )
    conn.executemany(
        "INSERT INTO utfall (id, ar, manad, grupp, ordning, text, insats_id, konto, belopp_ore, "
        "medlem_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        utfall,
    )
    names = fields(BOKSLUT_COLUMNS)
    insert_rows(conn, "bokslut", names, [[r[f] for f in names] for r in c.bokslut])
    names = [*fields(SPECIFIKATION_COLUMNS), "ordning"]
    insert_rows(
        conn,
        "bokslut_specifikation",
        names,
        [[*(r[f] for f in names[:-1]), i] for i, r in enumerate(c.bokslut_specifikation)],
    )
