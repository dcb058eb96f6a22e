"""Utfall from the ekonomienhet: an Excel file through a column mapping, or an SIE 4 file.

Both become *poster*: (month or None for the whole year, konto, object, amount in the report
convention). Each post is then placed:

1. an object of the chosen dimension mapped to an insats → that insats's row in Insatser;
2. else the konto of a budget row of the year's budget (the version in force, else the latest)
   → that row's group, text and member;
3. else a konto → group mapping the user gave (text: the account's name) .

All or nothing: if one post cannot be placed, nothing is stored and :class:`UtfallImportError`
lists every post that could not, with its line. An import replaces the year's utfall of the
same kind (whole year, or months), in one action the core's undo takes back whole.

The Excel mapping and the other choices are remembered per förbund (table ``installning``,
settings ``utfall_excel_mappning``, ``utfall_objekt_insats``, ``utfall_konto_grupp``,
``utfall_dimension``), in the same action as the import.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import sie as sie_mod
from .ekonomi import gallande_budget, versionens_rader
from .model import Grupp
from .money import AmountError, float_to_ore, parse_amount
from .settings import SETTINGS
from .storage import ForbundFile

MAPPNING_NYCKEL = "utfall_excel_mappning"
OBJEKT_NYCKEL = "utfall_objekt_insats"
KONTO_NYCKEL = "utfall_konto_grupp"
DIMENSION_NYCKEL = "utfall_dimension"


class UtfallImportError(ValueError):
    """An import that stored nothing. ``problem`` lists each reason, with its line."""

    def __init__(self, message: str, problem: list[str] | None = None):
        self.problem = problem or []
        full = message + ("\n" + "\n".join(f"– {p}" for p in self.problem) if self.problem else "")
        super().__init__(full)
        self.kort = message


@dataclass(frozen=True)
class Post:
    manad: int | None
    konto: str
    objekt: str | None
    belopp_ore: int  # intäkter positive, kostnader negative
    kalla: str  # where it came from: "rad 12" / "Blad1 rad 5"


@dataclass
class Mappning:
    """Which Excel columns hold what. Column headers as the file names them."""

    konto: str = "Konto"
    objekt: str = ""  # Ansvar or Projekt column; "" none
    belopp: str = "Belopp"
    period: str = ""  # "" means the whole year
    blad: str = ""  # "" the first sheet
    #: True when the file has intäkter negative (a ledger's credit sign): flipped on import.
    intakter_negativa: bool = True

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Mappning:
        try:
            data = json.loads(text) if text else {}
        except json.JSONDecodeError:
            data = {}
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass
class Val:
    """The choices of one import besides the file: what maps where."""

    objekt_insats: dict[str, int] = field(default_factory=dict)
    konto_grupp: dict[str, str] = field(default_factory=dict)
    dimension: str = "6"


def _setting_text(ff: ForbundFile, key: str) -> str:
    row = ff.conn.execute("SELECT varde FROM installning WHERE nyckel = ?", (key,)).fetchone()
    return row[0] if row else SETTINGS[key].default


def sparad_mappning(ff: ForbundFile) -> Mappning | None:
    text = _setting_text(ff, MAPPNING_NYCKEL)
    return Mappning.from_json(text) if text else None


def sparade_val(ff: ForbundFile) -> Val:
    def load(key: str) -> dict:
        try:
            data = json.loads(_setting_text(ff, key) or "{}")
        except json.JSONDecodeError:
            return {}
        return data if isinstance(data, dict) else {}

    objekt = {str(k): int(v) for k, v in load(OBJEKT_NYCKEL).items() if str(v).isdigit()}
    konto = {str(k): str(v) for k, v in load(KONTO_NYCKEL).items() if v in Grupp._value2member_map_}
    return Val(objekt, konto, _setting_text(ff, DIMENSION_NYCKEL) or "6")


# -- reading poster -----------------------------------------------------------------------------


def _period_month(value: Any, ar: int, where: str) -> int:
    """A period cell as a month of ``ar``: 1–12, "2025-03", "202503", "mars", a date."""
    if isinstance(value, dt.datetime | dt.date):
        if value.year != ar:
            raise ValueError(f"{where}: perioden {value:%Y-%m} hör inte till {ar}.")
        return value.month
    text = str(value).strip().lower()
    months = ["jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
    for i, name in enumerate(months, start=1):
        if text.startswith(name):
            return i
    digits = text.replace("-", "").replace(" ", "")
    if isinstance(value, float) and value.is_integer():
        digits = str(int(value))
    if digits.isdigit():
        if len(digits) == 6:
            if int(digits[:4]) != ar:
                raise ValueError(f"{where}: perioden {value} hör inte till {ar}.")
            month = int(digits[4:])
        else:
            month = int(digits)
        if 1 <= month <= 12:
            return month
    raise ValueError(f"{where}: ”{value}” är ingen period; skriv 1–12 eller ÅÅÅÅ-MM.")


def las_excel(path: Path | str, mappning: Mappning, ar: int) -> list[Post]:
    """Poster from an Excel file by ``mappning``. Raises UtfallImportError listing bad rows."""
    import openpyxl

    path = Path(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise UtfallImportError(
            f"{path.name} kan inte läsas som en Excelfil ({type(exc).__name__})."
        ) from None
    try:
        if mappning.blad:
            if mappning.blad not in wb.sheetnames:
                raise UtfallImportError(f"{path.name} har inget blad som heter ”{mappning.blad}”.")
            ws = wb[mappning.blad]
        else:
            ws = wb.worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
    finally:
        wb.close()
    wanted = {"konto": mappning.konto, "belopp": mappning.belopp}
    if mappning.objekt:
        wanted["objekt"] = mappning.objekt
    if mappning.period:
        wanted["period"] = mappning.period
    header_at, columns = None, {}
    for i, row in enumerate(rows[:20]):
        names = {str(v).strip().casefold(): j for j, v in enumerate(row) if v is not None}
        if all(w.strip().casefold() in names for w in wanted.values()):
            header_at = i
            columns = {k: names[w.strip().casefold()] for k, w in wanted.items()}
            break
    if header_at is None:
        missing = ", ".join(f"”{w}”" for w in wanted.values())
        raise UtfallImportError(
            f"Hittar inte rubrikerna {missing} på någon av de första raderna i bladet "
            f"”{ws.title}”. Välj kolumnerna igen."
        )
    poster, problem = [], []
    for i, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        where = f"Rad {i}"

        def cell(key: str, row=row):
            j = columns.get(key)
            return row[j] if j is not None and j < len(row) else None

        konto, belopp = cell("konto"), cell("belopp")
        if all(v in (None, "") for v in row):
            continue
        if konto in (None, ""):
            if belopp in (None, ""):
                continue
            problem.append(f"{where}: kontot saknas.")
            continue
        konto_text = (
            str(int(konto))
            if isinstance(konto, float) and konto.is_integer()
            else str(konto).strip()
        )
        if isinstance(belopp, bool) or belopp in (None, ""):
            problem.append(f"{where}: beloppet saknas.")
            continue
        try:
            if isinstance(belopp, int | float):
                ore = float_to_ore(float(belopp))
            else:
                ore = parse_amount(str(belopp))
        except AmountError as exc:
            problem.append(f"{where}: {exc}")
            continue
        manad = None
        if mappning.period:
            p = cell("period")
            if p in (None, ""):
                problem.append(f"{where}: perioden saknas.")
                continue
            try:
                manad = _period_month(p, ar, where)
            except ValueError as exc:
                problem.append(str(exc))
                continue
        objekt = cell("objekt")
        objekt_text = None
        if objekt not in (None, ""):
            objekt_text = (
                str(int(objekt))
                if isinstance(objekt, float) and objekt.is_integer()
                else str(objekt).strip()
            )
        if mappning.intakter_negativa:
            ore = -ore
        poster.append(Post(manad, konto_text, objekt_text, ore, where))
    if problem:
        raise UtfallImportError(f"Inget utfall importerades från {path.name}.", problem)
    if not poster:
        raise UtfallImportError(
            f"{path.name} har inga rader med konto och belopp under rubrikerna."
        )
    return poster


def las_sie(
    source: Path | str | bytes, ar: int, dimension: str | None
) -> tuple[list[Post], sie_mod.SieFil]:
    """Poster of year ``ar`` from an SIE file: #TRANS if it has any, else #PSALDO, else #RES.

    Only result accounts (classes 3–8); amounts turned into the report convention.
    """
    fil = sie_mod.read(source)
    arsnr = 0
    for nr, (start, _slut) in fil.rar.items():
        if start.year == ar:
            arsnr = nr
            break
    else:
        if fil.rar and fil.ar(0) != ar:
            raise UtfallImportError(
                f"SIE-filen gäller räkenskapsåret {fil.ar(0)}, inte {ar}. Välj rätt år eller fil."
            )
    poster: list[Post] = []
    trans = [t for t in fil.transaktioner if t.datum.year == ar]
    if trans:
        for t in trans:
            if sie_mod.is_resultatkonto(t.konto):
                obj = t.objekt.get(dimension) if dimension else None
                poster.append(
                    Post(
                        t.datum.month,
                        t.konto,
                        obj,
                        sie_mod.rapportbelopp(t.belopp_ore),
                        f"rad {t.rad}",
                    )
                )
    elif any(p.arsnr == arsnr for p in fil.psaldo):
        for month, konto, obj, belopp in fil.periodsaldon(arsnr, dimension):
            if sie_mod.is_resultatkonto(konto):
                poster.append(
                    Post(
                        month,
                        konto,
                        obj,
                        sie_mod.rapportbelopp(belopp),
                        f"#PSALDO {ar}-{month:02d}",
                    )
                )
    else:
        for s in fil.res:
            if s.arsnr == arsnr and sie_mod.is_resultatkonto(s.konto):
                poster.append(
                    Post(None, s.konto, None, sie_mod.rapportbelopp(s.belopp_ore), f"rad {s.rad}")
                )
    if not poster:
        raise UtfallImportError(f"SIE-filen har inget utfall på resultatkonton för {ar}.")
    return poster, fil


# -- placing and storing ------------------------------------------------------------------------


@dataclass(frozen=True)
class Resultat:
    ar: int
    rader: int
    manadsvis: bool
    summa_ore: int


def _budget_rows(ff: ForbundFile, ar: int) -> list[dict]:
    v = gallande_budget(ff, ar)
    if v is None:
        latest = ff.query(
            "SELECT id FROM budget_version WHERE ar <= ? AND ar >= ? ORDER BY ar DESC, id DESC "
            "LIMIT 1",
            (ar, ar - 2),
        )
        if not latest:
            return []
        vid = latest[0]["id"]
    else:
        vid = v["id"]
    return versionens_rader(ff, vid)


def budgetens_konton(ff: ForbundFile, ar: int) -> set[str]:
    """The accounts of the budget an import for ``ar`` places its posts by."""
    return {r["konto"] for r in _budget_rows(ff, ar) if r["konto"]}


def _placera(ff: ForbundFile, ar: int, poster: list[Post], val: Val) -> list[dict]:
    budget = _budget_rows(ff, ar)
    by_konto: dict[str, dict] = {}
    for r in budget:
        if r["konto"] and r["konto"] not in by_konto:
            by_konto[r["konto"]] = r
    insatser = {r["id"]: r["namn"] for r in ff.query("SELECT id, namn FROM insats")}
    kontonamn = {r["nummer"]: r["benamning"] for r in ff.query("SELECT * FROM konto")}
    sums: dict[tuple, int] = {}
    order: list[tuple] = []
    problem = []
    for p in poster:
        key = None
        if p.objekt is not None and p.objekt in val.objekt_insats:
            iid = val.objekt_insats[p.objekt]
            if iid not in insatser:
                problem.append(
                    f"{p.kalla}: objekt {p.objekt} är kopplat till en insats som inte finns."
                )
                continue
            key = (p.manad, "insatser", insatser[iid], iid, p.konto, None)
        elif p.konto in by_konto:
            r = by_konto[p.konto]
            key = (p.manad, r["grupp"], r["text"], r["insats_id"], p.konto, r["medlem_id"])
        elif p.konto in val.konto_grupp:
            text = kontonamn.get(p.konto) or f"Konto {p.konto}"
            key = (p.manad, val.konto_grupp[p.konto], text, None, p.konto, None)
        else:
            obj = f", objekt {p.objekt}" if p.objekt else ""
            problem.append(
                f"{p.kalla}: konto {p.konto}{obj} ({_kr(p.belopp_ore)}) hör inte till någon "
                "budgetrad eller grupp; koppla kontot till en grupp eller objektet till en insats."
            )
            continue
        if key not in sums:
            order.append(key)
            sums[key] = 0
        sums[key] += p.belopp_ore
    if problem:
        raise UtfallImportError(
            f"Inget utfall importerades: {len(problem)} poster gick inte att placera.", problem
        )
    grupp_order = {g.value: i for i, g in enumerate(Grupp)}
    order.sort(key=lambda k: (k[0] or 0, grupp_order[k[1]]))
    return [
        {
            "manad": k[0],
            "grupp": k[1],
            "text": k[2],
            "insats_id": k[3],
            "konto": k[4],
            "medlem_id": k[5],
            "belopp_ore": sums[k],
        }
        for k in order
    ]


def _kr(ore: int) -> str:
    from .money import format_amount

    return format_amount(ore, suffix=True)


def spara(
    ff: ForbundFile,
    ar: int,
    poster: list[Post],
    val: Val,
    *,
    kalla: str,
    mappning: Mappning | None = None,
) -> Resultat:
    """Place ``poster`` and store them as the year's utfall, all or nothing, one action."""
    rows = _placera(ff, ar, poster, val)
    monthly = rows[0]["manad"] is not None
    with ff.write(f"Importera utfall {ar} från {kalla}") as db:
        if monthly:
            db.execute("DELETE FROM utfall WHERE ar = ? AND manad IS NOT NULL", (ar,))
        else:
            db.execute("DELETE FROM utfall WHERE ar = ? AND manad IS NULL", (ar,))
        for r in rows:
            if r["konto"] is not None:
                db.execute("INSERT OR IGNORE INTO konto (nummer) VALUES (?)", (r["konto"],))
        for i, r in enumerate(rows, start=1):
            db.execute(
                "INSERT INTO utfall (ar, manad, grupp, ordning, text, insats_id, konto, medlem_id, "
                "belopp_ore) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ar,
                    r["manad"],
                    r["grupp"],
                    i,
                    r["text"],
                    r["insats_id"],
                    r["konto"],
                    r["medlem_id"],
                    r["belopp_ore"],
                ),
            )
        remember = {
            OBJEKT_NYCKEL: json.dumps(val.objekt_insats, sort_keys=True),
            KONTO_NYCKEL: json.dumps(val.konto_grupp, sort_keys=True),
            DIMENSION_NYCKEL: val.dimension,
        }
        if mappning is not None:
            remember[MAPPNING_NYCKEL] = mappning.to_json()
        for key, value in remember.items():
            db.execute(
                "INSERT INTO installning (nyckel, varde) VALUES (?, ?) "
                "ON CONFLICT(nyckel) DO UPDATE SET varde = excluded.varde",
                (key, value),
            )
    return Resultat(ar, len(rows), monthly, sum(r["belopp_ore"] for r in rows))


def importera_excel(
    ff: ForbundFile,
    path: Path | str,
    ar: int,
    mappning: Mappning | None = None,
    val: Val | None = None,
) -> Resultat:
    """Import utfall for ``ar`` from an Excel file (the saved mapping if none is given)."""
    mappning = mappning or sparad_mappning(ff)
    if mappning is None:
        raise UtfallImportError(
            "Förbundet har ingen sparad kolumnmappning för Excel; importera en gång i appen "
            "och välj kolumnerna där."
        )
    poster = las_excel(path, mappning, ar)
    return spara(ff, ar, poster, val or sparade_val(ff), kalla=Path(path).name, mappning=mappning)


def importera_sie(ff: ForbundFile, path: Path | str, ar: int, val: Val | None = None) -> Resultat:
    val = val or sparade_val(ff)
    try:
        poster, _ = las_sie(path, ar, val.dimension or None)
    except sie_mod.SieError as exc:
        raise UtfallImportError(f"{Path(path).name}: {exc}") from None
    return spara(ff, ar, poster, val, kalla=Path(path).name)


# -- kontoplan and bokslut from SIE -------------------------------------------------------------


def importera_kontoplan(ff: ForbundFile, konton: Mapping[str, str], kalla: str) -> int:
    """Add or rename accounts (nummer → benämning) in one action; returns how many."""
    with ff.write(f"Importera kontoplan från {kalla}") as db:
        for nummer, namn in konton.items():
            db.execute(
                "INSERT INTO konto (nummer, benamning) VALUES (?, ?) ON CONFLICT(nummer) "
                "DO UPDATE SET benamning = CASE WHEN excluded.benamning != '' "
                "THEN excluded.benamning ELSE konto.benamning END",
                (nummer, namn),
            )
    return len(konton)


#: Kommun-BAS balance account classes (first two digits) → bokslut field (öre, positive).
_BALANS = [
    (("10", "11", "12", "13", "14"), "anlaggningstillgangar_ore", 1),
    (("15", "16", "17"), "kortfristiga_fordringar_ore", 1),
    (("18",), "kortfristiga_placeringar_ore", 1),
    (("19",), "kassa_och_bank_ore", 1),
    (("20",), "eget_kapital_ore", -1),
    (("22",), "avsattningar_ore", -1),
    (("23",), "langfristiga_skulder_ore", -1),
    (("24", "25", "26", "27", "28", "29"), "kortfristiga_skulder_ore", -1),
]
BOKSLUT_FALT = [f for _, f, _ in _BALANS] + [
    "eget_kapital_ib_ore",
    "finansiella_intakter_ore",
    "finansiella_kostnader_ore",
]


def bokslut_fran_sie(fil: sie_mod.SieFil, ar: int) -> dict[str, int]:
    """The year-end figures of ``ar`` from #UB (balances), #IB (eget kapital IB) and #RES.

    Balances by Kommun-BAS class; eget kapital UB includes the year's result (class 3–8
    #RES, as the books close it into eget kapital); finansiella intäkter and kostnader are
    class 8's accounts by sign.
    """
    arsnr = next((nr for nr, (s, _e) in fil.rar.items() if s.year == ar), 0)
    out = {f: 0 for _, f, _ in _BALANS}
    for s in fil.ub:
        if s.arsnr != arsnr:
            continue
        for prefixes, falt, sign in _BALANS:
            if s.konto[:2] in prefixes:
                out[falt] += sign * s.belopp_ore
    resultat = sum(-s.belopp_ore for s in fil.res if s.arsnr == arsnr)
    eget_ib = sum(-s.belopp_ore for s in fil.ib if s.arsnr == arsnr and s.konto[:2] == "20")
    if not any(s.arsnr == arsnr and s.konto[:2] == "20" for s in fil.ub):
        out["eget_kapital_ore"] = eget_ib + resultat
    elif abs(out["eget_kapital_ore"] - eget_ib - resultat) <= 100 and resultat:
        pass  # the UB already holds the result
    elif resultat and out["eget_kapital_ore"] == eget_ib:
        out["eget_kapital_ore"] += resultat
    out["eget_kapital_ib_ore"] = eget_ib
    fin = [(-s.belopp_ore) for s in fil.res if s.arsnr == arsnr and s.konto.startswith("8")]
    out["finansiella_intakter_ore"] = sum(v for v in fin if v > 0)
    out["finansiella_kostnader_ore"] = -sum(v for v in fin if v < 0)
    return out


def sparat_bokslut(ff: ForbundFile, ar: int) -> dict[str, int | None]:
    """The year's stored bokslut figures by field, as :func:`spara_bokslut` takes them.

    Empty when the year has no bokslut; a field stored empty (uppgift saknas) is None.
    """
    rows = ff.query("SELECT * FROM bokslut WHERE ar = ?", (ar,))
    if not rows:
        return {}
    return {key: rows[0][key] for key in [*BOKSLUT_FALT, "driftbidrag_ore"]}


def spara_bokslut(
    ff: ForbundFile, ar: int, falt: Mapping[str, int | None], kalla: str = ""
) -> None:
    """Store a year's bokslut figures (only the given fields) in one action."""
    unknown = set(falt) - set(BOKSLUT_FALT) - {"driftbidrag_ore"}
    if unknown:
        raise ValueError(f"Okända bokslutsfält: {sorted(unknown)}")
    label = f"Bokslut {ar}" + (f" från {kalla}" if kalla else "")
    with ff.write(label) as db:
        db.execute("INSERT OR IGNORE INTO bokslut (ar) VALUES (?)", (ar,))
        for key, value in falt.items():
            db.execute(f"UPDATE bokslut SET {key} = ? WHERE ar = ?", (value, ar))


def las_kontoplan_excel(path: Path | str) -> dict[str, str]:
    """Accounts from an Excel file: the first sheet, konto in the first column, name in the
    second; a header row (text in the first column that is not a number) is skipped."""
    import openpyxl

    path = Path(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise UtfallImportError(
            f"{path.name} kan inte läsas som en Excelfil ({type(exc).__name__})."
        ) from None
    konton: dict[str, str] = {}
    problem = []
    try:
        for i, row in enumerate(wb.worksheets[0].iter_rows(values_only=True), start=1):
            if not row or row[0] in (None, ""):
                continue
            first = row[0]
            nummer = (
                str(int(first)) if isinstance(first, float) and first.is_integer() else str(first)
            ).strip()
            if not nummer.isdigit():
                if i == 1 or not konton:
                    continue  # the header
                problem.append(f"Rad {i}: ”{nummer}” är inget kontonummer.")
                continue
            namn = row[1] if len(row) > 1 and row[1] is not None else ""
            konton[nummer] = str(namn).strip()
    finally:
        wb.close()
    if problem:
        raise UtfallImportError(f"Kontoplanen i {path.name} kunde inte läsas.", problem)
    if not konton:
        raise UtfallImportError(f"{path.name} har inga kontonummer i första kolumnen.")
    return konton


def spara_kontoplan(ff: ForbundFile, konton: Mapping[str, str]) -> None:
    """Make the kontoplan exactly ``konton`` (nummer → benämning), in one action.

    Accounts left out are removed; budget and utfall rows on them keep their amounts and lose
    the account (the schema sets it to NULL).
    """
    for nummer in konton:
        if not str(nummer).strip():
            raise ValueError("Ett konto måste ha ett nummer.")
    with ff.write("Ändra kontoplanen") as db:
        current = {r[0] for r in db.execute("SELECT nummer FROM konto").fetchall()}
        for nummer in current - set(konton):
            db.execute("DELETE FROM konto WHERE nummer = ?", (nummer,))
        for nummer, namn in konton.items():
            db.execute(
                "INSERT INTO konto (nummer, benamning) VALUES (?, ?) ON CONFLICT(nummer) "
                "DO UPDATE SET benamning = excluded.benamning",
                (nummer.strip(), namn.strip()),
            )
