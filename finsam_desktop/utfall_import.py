"""Utfall from the ekonomienhet: an Excel file through a column mapping, or an SIE 4 file.

Both become *poster*: (month or None for the whole year, konto, object, amount in the report
convention). Each post is then placed:

1. an object of the chosen dimension mapped to an insats → that insats's row in Insatser;
2. else the konto of a budget row of the year's budget (the version in force, else the latest)
   → that row's group, text and member. A konto that several rows carry (both kommuner's
   driftbidrag on 3013) is split as the förbund chose for it (:class:`Delning`: by the rows'
   budget, by the ansvar/objekt column, or by hand); with no choice the import is refused
   and says so, never putting it all on one row;
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
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from . import sie as sie_mod
from .backups import Kind, make_backup
from .dates import MONTH_NAMES
from .ekonomi import fordela, format_andel, gallande_budget, versionens_belopp, versionens_rader
from .errors import Refusal
from .model import Grupp
from .money import MAX_ORE, AmountError, float_to_ore, parse_amount, parse_percent
from .settings import SETTINGS
from .storage import ForbundFile
from .swedish import plural
from .text import from_json_fields, json_object

MAPPNING_NYCKEL = "utfall_excel_mappning"
OBJEKT_NYCKEL = "utfall_objekt_insats"
KONTO_NYCKEL = "utfall_konto_grupp"
DIMENSION_NYCKEL = "utfall_dimension"
DELNING_NYCKEL = "utfall_delning"


class UtfallImportError(Refusal):
    """An import that stored nothing. ``problem`` lists each reason, with its line."""

    def __init__(self, message: str, problem: list[str] | None = None):
        self.problem = problem or []
        full = message + ("\n" + "\n".join(f"– {p}" for p in self.problem) if self.problem else "")
        super().__init__(full)
        self.kort = message


class ErsattFraga(Refusal):
    """The import would replace a year's utfall and was not told it may."""


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
    #: A file with the amount in two columns, as a ledger has it: the amount is kredit −
    #: debet (intäkter positive whatever ``intakter_negativa`` says); ``belopp`` is then "".
    debet: str = ""
    kredit: str = ""

    @property
    def debet_kredit(self) -> bool:
        return bool(self.debet and self.kredit)

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Mappning:
        return from_json_fields(cls, text)


@dataclass
class Val:
    """The choices of one import besides the file: what maps where."""

    objekt_insats: dict[str, int] = field(default_factory=dict)
    konto_grupp: dict[str, str] = field(default_factory=dict)
    dimension: str = "6"
    #: An account that matches no budget row and no group: refused (the default), or with
    #: PLACE_BY_CLASS placed by its class in a row of the matching group, named after it.
    okopplade: str = "vagra"
    #: How a konto that several budget rows carry is split, per konto.
    delning: dict[str, Delning] = field(default_factory=dict)


#: Delning.satt: split by the rows' budget for the year, by the ansvar/objekt column, by hand.
DELA_BUDGET, DELA_OBJEKT, DELA_HAND = "budget", "objekt", "hand"
DELNINGSSATT = {DELA_BUDGET: "Efter radernas budget", DELA_OBJEKT: "Efter ansvar/objekt",
                DELA_HAND: "För hand"}  # fmt: skip


@dataclass
class Delning:
    """How the utfall of one konto carried by several budget rows is split among them.

    Rows are named by their text. ``andelar`` (by hand) is each row's percent; ``objekt`` (by
    the ansvar/objekt column) names the row each object value goes to."""

    satt: str
    andelar: dict[str, str] = field(default_factory=dict)
    objekt: dict[str, str] = field(default_factory=dict)


#: Val.okopplade: place unmatched accounts by their class (``--unmapped by-class``).
PLACE_BY_CLASS = "kontoklass"
#: The group an account of each class goes to when placed by class (Kommun-BAS / BAS).
GRUPP_FOR_KLASS = {"3": "intakter", "4": "administration", "5": "administration",
                   "6": "administration", "7": "administration", "8": "finansiella"}  # fmt: skip


@dataclass(frozen=True)
class Placerat:
    """An account placed by its class: where it went and how much."""

    konto: str
    namn: str
    grupp: str
    poster: int
    belopp_ore: int


def _setting_text(ff: ForbundFile, key: str) -> str:
    row = ff.conn.execute("SELECT varde FROM installning WHERE nyckel = ?", (key,)).fetchone()
    return row[0] if row else SETTINGS[key].default


def sparad_mappning(ff: ForbundFile) -> Mappning | None:
    text = _setting_text(ff, MAPPNING_NYCKEL)
    return Mappning.from_json(text) if text else None


def sparade_val(ff: ForbundFile) -> Val:
    objekt = json_object(_setting_text(ff, OBJEKT_NYCKEL))
    konto = json_object(_setting_text(ff, KONTO_NYCKEL))
    # The settings travel as JSON text in the arbetsbok, so anything may come back: what is
    # not of the shape the dialog writes is left out rather than stopping the import.
    objekt = {
        str(k): int(v)
        for k, v in objekt.items()
        if not isinstance(v, bool) and str(v).isascii() and str(v).isdigit()
    }
    konto = {
        str(k): v for k, v in konto.items() if isinstance(v, str) and v in Grupp._value2member_map_
    }
    delning = {}
    for k, v in json_object(_setting_text(ff, DELNING_NYCKEL)).items():
        if isinstance(v, dict) and isinstance(v.get("satt"), str) and v["satt"] in DELNINGSSATT:
            andelar, objekt_rad = v.get("andelar"), v.get("objekt")
            delning[str(k)] = Delning(
                v["satt"],
                {str(a): str(b) for a, b in andelar.items()} if isinstance(andelar, dict) else {},
                {str(a): str(b) for a, b in objekt_rad.items()}
                if isinstance(objekt_rad, dict)
                else {},
            )
    return Val(objekt, konto, _setting_text(ff, DIMENSION_NYCKEL) or "6", delning=delning)


def _delning_json(delning: Mapping[str, Delning]) -> str:
    return json.dumps(
        {k: {"satt": d.satt, "andelar": d.andelar, "objekt": d.objekt} for k, d in delning.items()},
        ensure_ascii=False,
        sort_keys=True,
    )


# -- reading poster -----------------------------------------------------------------------------


#: Month names a period cell may hold, Swedish and English: in full, or the first three
#: letters or more ("mar", "sept", "okt.").
_MONTH_WORDS = (
    MONTH_NAMES,
    ("january", "february", "march", "april", "may", "june",
     "july", "august", "september", "october", "november", "december"),
)  # fmt: skip
_PERIOD_WORD = re.compile(r"([a-zåäö]+)\.?(?:\s+(\d{4}))?")
_PERIOD_YEAR_MONTH = re.compile(r"(\d{4})(?:\s*[-/. ]\s*(\d{1,2})|(\d{2}))")
_PERIOD_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[-/.]\s*(\d{4})")
_PERIOD_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def _month_word(word: str) -> int | None:
    for names in _MONTH_WORDS:
        for i, name in enumerate(names, start=1):
            if word == name or (len(word) >= 3 and name.startswith(word)):
                return i
    return None


def _period(value: Any) -> tuple[int | None, int] | None:
    """A period cell as (year or None, month), or None when it is no period.

    Read: a date; a number 1–12 or ÅÅÅÅMM; text "3", "2025-03", "202503", "2025 03", "03/2025",
    "2025-03-31", "mars", "mars 2025". Anything else (a quarter "januari-mars", "-3", "Q1")
    is no period rather than a guess."""
    if isinstance(value, dt.datetime | dt.date):
        return value.year, value.month
    if isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not value.is_integer():
            return None
        value = int(value)
    text = str(value).strip().casefold()
    if not text.isascii() and not re.fullmatch(r"[a-zåäö]+\.?(\s+\d{4})?", text):
        return None  # digits of other scripts (٣, ３) are no months here
    year: int | None = None
    if m := _PERIOD_WORD.fullmatch(text):
        month = _month_word(m[1])
        if month is None:
            return None
        year = int(m[2]) if m[2] else None
    elif m := _PERIOD_DATE.fullmatch(text):
        try:
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            return None
        return day.year, day.month
    elif m := _PERIOD_YEAR_MONTH.fullmatch(text):
        year, month = int(m[1]), int(m[2] or m[3])
    elif m := _PERIOD_MONTH_YEAR.fullmatch(text):
        month, year = int(m[1]), int(m[2])
    elif re.fullmatch(r"\d{1,2}", text):
        month = int(text)
    else:
        return None
    return (year, month) if 1 <= month <= 12 else None


def _period_month(value: Any, ar: int, where: str) -> int:
    """A period cell as a month of ``ar`` (see :func:`_period`), or a Refusal saying why."""
    found = _period(value)
    if found is None:
        raise Refusal(
            f"{where}: ”{_shown(value)}” är ingen period; skriv en månad 1–12, ÅÅÅÅ-MM "
            "eller månadens namn."
        )
    year, month = found
    if year is not None and year != ar:
        raise Refusal(f"{where}: perioden {year}-{month:02d} hör inte till {ar}.")
    return month


def _load_excel(path: Path, head: str) -> Any:
    """The workbook at ``path`` through the bounded reader every Excel import shares."""
    from . import xlsx

    try:
        return xlsx.load(path, xlsx.EKONOMIFIL)
    except xlsx.XlsxError as exc:
        if len(exc.problems) == 1 and exc.problems[0][0] is None:
            raise UtfallImportError(exc.problems[0][1]) from None
        raise UtfallImportError(
            head, [m if s is None else f"Blad ”{s}”: {m}" for s, m in exc.problems]
        ) from None


def _first_sheet(wb: Any) -> Any:
    """The sheet a mapping without a sheet name reads: the first one shown in Excel."""
    from . import xlsx

    return xlsx.first_sheet(wb)


def _sheet_rows(ws: Any) -> list[tuple[int, dict[int, Any]]]:
    """(Excel row number, {column index from 0: cell}) of the rows holding cells."""
    from . import xlsx

    return [(r, {c - 1: cell for c, cell in cells.items()}) for r, cells in xlsx.rows(ws)]


def _cell_trouble(cell: Any, where: str) -> str | None:
    """A cell's error value or over-long text, said with its row and reference."""
    from . import xlsx

    trouble = None if cell is None else xlsx.cell_problem(cell, f"Cellen {cell.coordinate}")
    return None if trouble is None else f"{where}: {trouble}"


#: A row the ekonomienhet's own file sums with ("Summa", "Totalt", "Delsumma ansvar 100",
#: "S:a"): no konto, a text like this. Skipped, and said.
_SUMMARAD = re.compile(r"^\s*(summa|totalt?|delsumma|slutsumma|s:a)\b", re.IGNORECASE)


def _summarad(row: dict[int, Any]) -> str | None:
    for cell in row.values():
        if isinstance(cell.value, str) and _SUMMARAD.match(cell.value):
            return cell.value.strip()
    return None


def _shown(value: Any) -> str:
    """A cell's value as Excel shows it in Swedish: SANT/FALSKT, a date as ÅÅÅÅ-MM-DD."""
    if isinstance(value, bool):
        return "SANT" if value else "FALSKT"
    if isinstance(value, dt.datetime) and value.time() == dt.time(0, 0):
        return value.date().isoformat()
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def _cell_ore(value: Any) -> int:
    """An amount cell as öre: a number, or text as people type it ("1 255,50")."""
    if isinstance(value, bool):
        raise AmountError(f"”{_shown(value)}” är inget belopp.")
    if isinstance(value, int | float):
        return float_to_ore(float(value))
    if isinstance(value, str):
        return parse_amount(value)
    raise AmountError(f"”{_shown(value)}” är inget belopp.")


def las_excel(
    path: Path | str, mappning: Mappning, ar: int, *, hoppade: list[str] | None = None
) -> list[Post]:
    """Poster from an Excel file by ``mappning``. Raises UtfallImportError listing bad rows.

    Total and subtotal rows (no konto, a text "Summa …", "Totalt", "Delsumma …") are not
    poster: they are skipped, and each is said in ``hoppade`` when a list is given."""
    path = Path(path)
    wb = _load_excel(path, f"Inget utfall importerades från {path.name}.")
    try:
        if mappning.blad:
            if mappning.blad not in wb.sheetnames:
                raise UtfallImportError(f"{path.name} har inget blad som heter ”{mappning.blad}”.")
            ws = wb[mappning.blad]
            if not hasattr(ws, "_cells"):
                raise UtfallImportError(f"Bladet ”{mappning.blad}” i {path.name} är ett diagram.")
        else:
            if not wb.worksheets:
                raise UtfallImportError(f"{path.name} har inget kalkylblad.")
            ws = _first_sheet(wb)
        rows = _sheet_rows(ws)
    finally:
        wb.close()
    wanted = {"konto": mappning.konto}
    if mappning.debet_kredit:
        wanted |= {"debet": mappning.debet, "kredit": mappning.kredit}
    else:
        wanted["belopp"] = mappning.belopp
    if mappning.objekt:
        wanted["objekt"] = mappning.objekt
    if mappning.period:
        wanted["period"] = mappning.period
    header_at, columns = None, {}
    best: tuple[int, int, set[str]] = (0, 0, set())  # (found, row, the headers found there)
    for i, (r, row) in enumerate(rows[:20]):
        names: dict[str, list[int]] = {}
        for j, cell in row.items():
            if cell.value is not None:
                names.setdefault(str(cell.value).strip().casefold(), []).append(j)
        present = {w for w in wanted.values() if w.strip().casefold() in names}
        if len(present) > best[0]:
            best = (len(present), r, present)
        if len(present) == len(set(wanted.values())):
            twice = [w for w in present if len(names[w.strip().casefold()]) > 1]
            if twice:
                w = twice[0]
                letters = " och ".join(row[j].column_letter for j in names[w.strip().casefold()])
                raise UtfallImportError(
                    f"Bladet ”{ws.title}” i {path.name} har flera kolumner med rubriken ”{w}” "
                    f"(kolumn {letters} på rad {r}), så det går inte att veta vilken som ska "
                    "läsas. Byt namn på eller ta bort de andra, spara och importera igen."
                )
            header_at = i
            columns = {k: names[w.strip().casefold()][0] for k, w in wanted.items()}
            break
    if header_at is None:
        found, at, present = best
        if found:
            missing = [f"”{w}”" for w in dict.fromkeys(wanted.values()) if w not in present]
            what = "rubriken" if len(missing) == 1 else "rubrikerna"
            merged = any(m.min_row <= at <= m.max_row for m in ws.merged_cells.ranges)
            hint = (
                " Rubrikraden har sammanslagna celler, och de har bara den första cellens text."
                if merged
                else ""
            )
            raise UtfallImportError(
                f"Rad {at} i bladet ”{ws.title}” har inte {what} {', '.join(missing)}, som "
                f"mappningen väntar sig.{hint} Välj kolumnerna igen."
            )
        missing = ", ".join(f"”{w}”" for w in wanted.values())
        raise UtfallImportError(
            f"Hittar inte rubrikerna {missing} på någon av de första raderna i bladet "
            f"”{ws.title}”. Välj kolumnerna igen."
        )
    poster, problem = [], []
    for r, row in rows[header_at + 1 :]:
        where = f"Rad {r}"
        if all(cell.value in (None, "") for cell in row.values()):
            continue
        troubles = [
            t for key in columns if (t := _cell_trouble(row.get(columns[key]), where)) is not None
        ]
        if troubles:
            problem.extend(troubles)
            continue

        def cell(key: str, row=row):
            j = columns.get(key)
            found = row.get(j) if j is not None else None
            return None if found is None else found.value

        konto = cell("konto")
        if mappning.debet_kredit:
            debet, kredit = cell("debet"), cell("kredit")
            belopp = None if debet in (None, "") and kredit in (None, "") else (debet, kredit)
        else:
            belopp = cell("belopp")
        if isinstance(konto, str) and not konto.strip():
            konto = None  # spaces only: as blank as an empty cell
        if konto is None:
            if belopp in (None, ""):
                continue
            total = _summarad(row)
            if total is not None:
                if hoppade is not None:
                    hoppade.append(f"{where}: summaraden ”{total}” lästes inte som utfall.")
                continue
            problem.append(f"{where}: kontot saknas.")
            continue
        if isinstance(konto, bool | dt.date | dt.time):
            shown = _shown(konto)
            problem.append(
                f"{where}: ”{shown}” är inget konto (cell {row[columns['konto']].coordinate})."
            )
            continue
        konto_text = (
            str(int(konto))
            if isinstance(konto, float) and konto.is_integer()
            else str(konto).strip()
        )
        if belopp in (None, ""):
            problem.append(f"{where}: beloppet saknas.")
            continue
        if mappning.debet_kredit:
            # a ledger's two columns: kredit − debet, so intäkter are positive already
            parts = {}
            for key, value in (("debet", belopp[0]), ("kredit", belopp[1])):
                try:
                    parts[key] = 0 if value in (None, "") else _cell_ore(value)
                except AmountError as exc:
                    problem.append(f"{where}: {exc} (cell {row[columns[key]].coordinate})")
            if len(parts) < 2:
                continue
            ore = parts["kredit"] - parts["debet"]
        else:
            try:
                ore = _cell_ore(belopp)
            except AmountError as exc:
                ref = row[columns["belopp"]].coordinate
                problem.append(f"{where}: {exc} (cell {ref})")
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
        if mappning.intakter_negativa and not mappning.debet_kredit:
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
            if sie_mod.is_resultatkonto(t.konto) and not sie_mod.is_bokslutspost(t.konto):
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
    elif any(p.ar == ar for p in fil.psaldo):  # by the periods' own year (YYYYMM)
        for month, konto, obj, belopp in fil.periodsaldon(dimension=dimension, ar=ar):
            if sie_mod.is_resultatkonto(konto) and not sie_mod.is_bokslutspost(konto):
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
            if (s.arsnr == arsnr and sie_mod.is_resultatkonto(s.konto)
                    and not sie_mod.is_bokslutspost(s.konto)):  # fmt: skip
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
    #: Accounts placed by their class (Val.okopplade), each said to the user.
    placerade: tuple[Placerat, ...] = ()
    #: Sentences the user must read: months of the year the file lacks, a file whose own
    #: result for the year differs from what was imported.
    obs: tuple[str, ...] = ()
    #: What the import replaced ("månadsutfallet 2025, januari–mars"), and the backup made
    #: of the file before it; None when the year had no utfall of that kind.
    ersatt: str | None = None
    sakerhetskopia: Path | None = None
    #: How each konto that several budget rows carry was split, in words.
    delat: tuple[str, ...] = ()


def befintligt(ff: ForbundFile, ar: int, *, manadsvis: bool | None = None) -> str | None:
    """The utfall ``ar`` already has (of the kind given: by month or whole year), in words
    ("månadsutfallet 2025, januari–augusti", "helårsutfallet 2025"), or None."""
    parts = []
    if manadsvis in (None, True):
        months = [
            r["manad"]
            for r in ff.query(
                "SELECT DISTINCT manad FROM utfall WHERE ar = ? AND manad IS NOT NULL "
                "ORDER BY manad",
                (ar,),
            )
        ]
        if months:
            span = MONTH_NAMES[months[0] - 1]
            if len(months) > 1:
                span += f"–{MONTH_NAMES[months[-1] - 1]}"
            parts.append(f"månadsutfallet {ar}, {span}")
    if manadsvis in (None, False) and ff.scalar(
        "SELECT EXISTS (SELECT 1 FROM utfall WHERE ar = ? AND manad IS NULL)", (ar,)
    ):
        parts.append(f"helårsutfallet {ar}")
    return " och ".join(parts) or None


def _budget_rows(ff: ForbundFile, ar: int) -> list[dict]:
    """The rows of the budget an import for ``ar`` places by (the version in force, else the
    latest of the two years before), each with ``budget_ore``: its amount for ``ar``."""
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
    amounts = {b.rad_id: b.belopp_ore for b in versionens_belopp(ff, vid) if b.ar == ar}
    return [{**r, "budget_ore": amounts.get(r["id"], 0)} for r in versionens_rader(ff, vid)]


def budgetens_konton(ff: ForbundFile, ar: int) -> set[str]:
    """The accounts of the budget an import for ``ar`` places its posts by."""
    return {r["konto"] for r in _budget_rows(ff, ar) if r["konto"]}


def delade_konton(ff: ForbundFile, ar: int) -> dict[str, list[dict]]:
    """The accounts that more than one row of the year's budget carries, with those rows (one
    per text, in the budget's order): their utfall must be split (:class:`Delning`)."""
    rows: dict[str, dict[str, dict]] = {}
    for r in _budget_rows(ff, ar):
        if r["konto"]:
            rows.setdefault(r["konto"], {}).setdefault(r["text"], r)
    return {k: list(by_text.values()) for k, by_text in rows.items() if len(by_text) > 1}


def _row_key(manad: int | None, r: dict, konto: str) -> tuple:
    return (manad, r["grupp"], r["text"], r["insats_id"], konto, r["medlem_id"])


def _split_weights(konto: str, rows: list[dict], d: Delning) -> list[tuple[dict, Decimal]]:
    """(row, weight) of a konto split by the rows' budget or by hand; Refusal when the
    weights cannot split anything."""
    if d.satt == DELA_BUDGET:
        weights = [(r, Decimal(r["budget_ore"])) for r in rows]
        if all(w <= 0 for _, w in weights):  # kostnader: budgeted negative
            weights = [(r, -w) for r, w in weights]
        if not any(w for _, w in weights) or any(w < 0 for _, w in weights):
            raise Refusal(
                f"Konto {konto}: raderna har ingen budget (eller budget med olika tecken) att "
                "dela efter; dela för hand eller efter ansvar/objekt."
            )
        return weights
    weights = []
    for r in rows:
        text = d.andelar.get(r["text"], "").strip() or "0"
        try:
            w = parse_percent(text)
        except AmountError as exc:
            raise Refusal(f"Konto {konto}, {r['text']}: {exc}") from None
        if w < 0:
            raise Refusal(f"Konto {konto}: andelen för {r['text']} måste vara 0–100 %.")
        weights.append((r, w))
    total = sum((w for _, w in weights), Decimal(0))
    if total != 100:
        raise Refusal(
            f"Konto {konto}: andelarna summerar till {format_andel(total)}, inte 100 %; "
            "rätta dem innan utfallet importeras."
        )
    return weights


def _placera(
    ff: ForbundFile,
    ar: int,
    poster: list[Post],
    val: Val,
    namn: Mapping[str, str] | None = None,
    placerade: list[Placerat] | None = None,
    delat: list[str] | None = None,
) -> list[dict]:
    """The utfall rows ``poster`` make. Accounts named in ``namn`` (the file's #KONTO) are
    shown by that name; accounts placed by class are appended to ``placerade``, and each
    split of a shared konto is said in ``delat``."""
    budget = _budget_rows(ff, ar)
    by_konto: dict[str, dict] = {}
    for r in budget:
        if r["konto"] and r["konto"] not in by_konto:
            by_konto[r["konto"]] = r
    shared = delade_konton(ff, ar)
    insatser = {r["id"]: r["namn"] for r in ff.query("SELECT id, namn FROM insats")}
    kontonamn = {r["nummer"]: r["benamning"] for r in ff.query("SELECT * FROM konto")}
    kontonamn = {**{k: v for k, v in (namn or {}).items() if v}, **{
        k: v for k, v in kontonamn.items() if v}}  # fmt: skip
    sums: dict[tuple, int] = {}
    order: list[tuple] = []
    problem = []
    #: konto → [postings, sum] of the accounts with no place
    unplaced: dict[str, list[int]] = {}
    by_class: dict[str, list[int]] = {}
    #: konto → [postings, sum] of shared accounts with no split chosen
    unsplit: dict[str, list[int]] = {}
    #: (manad, konto) → sum of a shared konto split by weights, after the loop
    to_split: dict[tuple[int | None, str], int] = {}

    def add(key: tuple, ore: int) -> None:
        if key not in sums:
            order.append(key)
            sums[key] = 0
        sums[key] += ore

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
        elif p.konto in shared:
            d = val.delning.get(p.konto)
            if d is None:
                seen = unsplit.setdefault(p.konto, [0, 0])
                seen[0], seen[1] = seen[0] + 1, seen[1] + p.belopp_ore
                continue
            if d.satt != DELA_OBJEKT:
                to_split[(p.manad, p.konto)] = to_split.get((p.manad, p.konto), 0) + p.belopp_ore
                continue
            rows = {r["text"]: r for r in shared[p.konto]}
            target = rows.get(d.objekt.get(p.objekt or "", ""))
            if target is None:
                what = f"ansvar/objekt {p.objekt}" if p.objekt else "inget ansvar/objekt"
                problem.append(
                    f"{p.kalla}: konto {p.konto} med {what} hör inte till någon av raderna "
                    f"{_rows_text(shared[p.konto])}; välj raden för det i dialogen."
                )
                continue
            key = _row_key(p.manad, target, p.konto)
        elif p.konto in by_konto:
            key = _row_key(p.manad, by_konto[p.konto], p.konto)
        elif p.konto in val.konto_grupp:
            text = kontonamn.get(p.konto) or f"Konto {p.konto}"
            key = (p.manad, val.konto_grupp[p.konto], text, None, p.konto, None)
        elif val.okopplade == PLACE_BY_CLASS and p.konto[:1] in GRUPP_FOR_KLASS:
            text = kontonamn.get(p.konto) or f"Konto {p.konto}"
            key = (p.manad, GRUPP_FOR_KLASS[p.konto[0]], text, None, p.konto, None)
            seen = by_class.setdefault(p.konto, [0, 0])
            seen[0], seen[1] = seen[0] + 1, seen[1] + p.belopp_ore
        else:
            seen = unplaced.setdefault(p.konto, [0, 0])
            seen[0], seen[1] = seen[0] + 1, seen[1] + p.belopp_ore
            continue
        add(key, p.belopp_ore)
    split_totals: dict[str, dict[str, int]] = {}
    for (manad, konto), total in to_split.items():
        rows = shared[konto]
        try:
            weights = _split_weights(konto, rows, val.delning[konto])
        except Refusal as exc:
            if str(exc) not in problem:
                problem.append(str(exc))
            continue
        helhet = sum(w for _, w in weights)
        parts = fordela(total, [(i, r["text"], w) for i, (r, w) in enumerate(weights)],
                        helhet=helhet)  # fmt: skip
        for part, (r, _w) in zip(parts, weights, strict=True):
            add(_row_key(manad, r, konto), part.belopp_ore)
            per_row = split_totals.setdefault(konto, {})
            per_row[r["text"]] = per_row.get(r["text"], 0) + part.belopp_ore
    if delat is not None:
        for konto in sorted(split_totals):
            d = val.delning[konto]
            how = "efter radernas budget" if d.satt == DELA_BUDGET else "för hand"
            parts_text = ", ".join(f"{t} {_kr(o)}" for t, o in split_totals[konto].items())
            delat.append(
                f"Konto {konto} ({_kr(sum(split_totals[konto].values()))}) delades {how}: "
                f"{parts_text}."
            )
    for key in order:
        if abs(sums[key]) > MAX_ORE:  # each post is bounded; their sum must fit the file too
            problem.append(
                f"Summan för konto {key[4]} ({key[2]}) blir orimligt stor, mer än "
                f"{_kr(MAX_ORE)}; kontrollera beloppen i filen."
            )
    for konto, (count, total) in sorted(unsplit.items()):
        problem.append(
            f"Konto {konto} ({plural(count, 'post', 'poster')}, sammanlagt {_kr(total)}) står "
            f"på flera budgetrader: {_rows_text(shared[konto])}. Välj hur utfallet ska delas: "
            "efter radernas budget, efter ansvar/objekt eller för hand (i dialogen, eller med "
            "--split-shared by-budget på kommandoraden)."
        )
    for konto, (count, total) in sorted(unplaced.items()):
        named = f" {kontonamn[konto]}" if kontonamn.get(konto) else ""
        problem.append(
            f"Konto {konto}{named}: {plural(count, 'post', 'poster')}, sammanlagt {_kr(total)}, "
            "hör inte till någon budgetrad eller grupp."
        )
    if unplaced:
        problem.append(
            "Koppla kontona till en grupp eller objekten till insatser, eller låt dem placeras "
            "efter kontoklass (i dialogen, eller med --unmapped by-class på kommandoraden)."
        )
    if problem:
        count = sum(c for c, _ in (*unplaced.values(), *unsplit.values())) or len(problem)
        raise UtfallImportError(
            f"Inget utfall importerades: {plural(count, 'post', 'poster')} gick inte att placera.",
            problem,
        )
    if placerade is not None:
        for konto, (count, total) in sorted(by_class.items()):
            placerade.append(
                Placerat(konto, kontonamn.get(konto) or f"Konto {konto}",
                         GRUPP_FOR_KLASS[konto[0]], count, total)
            )  # fmt: skip
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


def _rows_text(rows: list[dict]) -> str:
    texts = [f"”{r['text']}”" for r in rows]
    return ", ".join(texts[:-1]) + " och " + texts[-1] if len(texts) > 1 else texts[0]


def _kr(ore: int) -> str:
    from .money import format_amount

    return format_amount(ore, suffix=True)


#: The years an utfall can have, as the schema's CHECK says (Finsam began in 2004).
FORSTA_AR, SISTA_AR = 2004, 2200


def kontrollera_ar(ff: ForbundFile, ar: int) -> None:
    """Refuse a year the förbund file cannot hold, saying which years the file has."""
    if not isinstance(ar, bool) and isinstance(ar, int) and FORSTA_AR <= ar <= SISTA_AR:
        return
    rows = ff.conn.execute(
        "SELECT ar FROM budget_version UNION SELECT ar FROM utfall ORDER BY ar"
    ).fetchall()
    years = _years_text([r[0] for r in rows])
    known = f" Förbundsfilen har budget eller utfall för {years}." if years else ""
    raise UtfallImportError(
        f"Året {ar} går inte: utfall kan gälla åren {FORSTA_AR}–{SISTA_AR}.{known} "
        "Välj rätt år och importera igen."
    )


def _years_text(years: list[int]) -> str:
    """2023, 2024, 2025, 2027 as "2023–2025 och 2027" ("" for none)."""
    if not years:
        return ""
    spans: list[list[int]] = []
    for y in years:
        if spans and y == spans[-1][1] + 1:
            spans[-1][1] = y
        else:
            spans.append([y, y])
    parts = [str(a) if a == b else f"{a}–{b}" for a, b in spans]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " och " + parts[-1]


def spara(
    ff: ForbundFile,
    ar: int,
    poster: list[Post],
    val: Val,
    *,
    kalla: str,
    mappning: Mappning | None = None,
    namn: Mapping[str, str] | None = None,
    ersatt_ok: bool = True,
) -> Resultat:
    """Place ``poster`` and store them as the year's utfall, all or nothing, one action.

    Utfall of the same kind (by month, whole year) that the year already has is replaced,
    after a backup of the file; with ``ersatt_ok`` False that is refused with
    :class:`ErsattFraga` (the dialog asks first), once the poster are known to fit."""
    kontrollera_ar(ff, ar)
    placerade: list[Placerat] = []
    delat: list[str] = []
    rows = _placera(ff, ar, poster, val, namn, placerade, delat)
    monthly = rows[0]["manad"] is not None
    ersatt = befintligt(ff, ar, manadsvis=monthly)
    if ersatt and not ersatt_ok:
        raise ErsattFraga(
            f"Det finns redan {ersatt}. Markera ”Ersätt …” för att ersätta det med filens utfall."
        )
    # what is replaced can be had back: from Ångra, and from the backup made first
    backup = make_backup(ff, Kind.BEFORE_IMPORT) if ersatt else None
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
            DELNING_NYCKEL: _delning_json(val.delning),
        }
        if mappning is not None:
            remember[MAPPNING_NYCKEL] = mappning.to_json()
        for key, value in remember.items():
            db.execute(
                "INSERT INTO installning (nyckel, varde) VALUES (?, ?) "
                "ON CONFLICT(nyckel) DO UPDATE SET varde = excluded.varde",
                (key, value),
            )
    return Resultat(
        ar,
        len(rows),
        monthly,
        sum(r["belopp_ore"] for r in rows),
        tuple(placerade),
        ersatt=ersatt,
        sakerhetskopia=backup,
        delat=tuple(delat),
    )


def importera_excel(
    ff: ForbundFile,
    path: Path | str,
    ar: int,
    mappning: Mappning | None = None,
    val: Val | None = None,
) -> Resultat:
    """Import utfall for ``ar`` from an Excel file (the saved mapping if none is given)."""
    kontrollera_ar(ff, ar)
    mappning = mappning or sparad_mappning(ff)
    if mappning is None:
        raise UtfallImportError(
            "Förbundet har ingen sparad kolumnmappning för Excel; importera en gång i appen "
            "och välj kolumnerna där."
        )
    hoppade: list[str] = []
    poster = las_excel(path, mappning, ar, hoppade=hoppade)
    result = spara(ff, ar, poster, val or sparade_val(ff), kalla=Path(path).name, mappning=mappning)
    return replace(result, obs=tuple(hoppade))


def filens_ar(path: Path | str, mappning: Mappning) -> int | None:
    """The year the file's periods say (the most common one), or None: no period column, or
    periods without a year ("mars", 3)."""
    from collections import Counter

    years: Counter[int] = Counter()
    try:
        wb = _load_excel(Path(path), "")
    except UtfallImportError:
        return None
    try:
        ws = wb[mappning.blad] if mappning.blad in wb.sheetnames else _first_sheet(wb)
        if not hasattr(ws, "_cells"):
            return None  # a chart: las_excel says so
        rows = _sheet_rows(ws)
    except IndexError:  # no worksheet at all: las_excel says so
        return None
    finally:
        wb.close()
    if not mappning.period:
        return None
    column = None
    for _r, row in rows:
        if column is None:
            column = next(
                (
                    j
                    for j, c in row.items()
                    if str(c.value or "").strip().casefold() == mappning.period.casefold()
                ),
                None,
            )
            continue
        value = row.get(column)
        found = None if value is None or value.value is None else _period(value.value)
        if found is not None and found[0] is not None:
            years[found[0]] += 1
    return years.most_common(1)[0][0] if years else None


def importera_sie(ff: ForbundFile, path: Path | str, ar: int, val: Val | None = None) -> Resultat:
    kontrollera_ar(ff, ar)
    val = val or sparade_val(ff)
    try:
        poster, fil = las_sie(path, ar, val.dimension or None)
    except sie_mod.SieError as exc:
        raise UtfallImportError(f"{Path(path).name}: {exc}") from None
    result = spara(ff, ar, poster, val, kalla=Path(path).name, namn=fil.konton)
    return replace(result, obs=sie_obs(fil, ar, poster, result))


def sie_obs(fil: sie_mod.SieFil, ar: int, poster: list[Post], result: Resultat) -> tuple:
    """What the user should know of an SIE import: months of ``ar`` the file lacks (a broken
    fiscal year covers half of it), and a file whose own #RES for the year says otherwise."""
    said = []
    months = sorted({p.manad for p in poster if p.manad is not None})
    if result.manadsvis and months and months != list(range(1, 13)):
        first, last = MONTH_NAMES[months[0] - 1], MONTH_NAMES[months[-1] - 1]
        span = first if first == last else f"{first}–{last}"
        said.append(
            f"Filen har utfall för {span} {ar}, inte för hela året"
            + (f" (räkenskapsåret är {_rar_text(fil)})." if fil.rar else ".")
        )
    arsnr = next((n for n, (start, end) in fil.rar.items()
                  if start == dt.date(ar, 1, 1) and end == dt.date(ar, 12, 31)), None)  # fmt: skip
    res = [r for r in fil.res if r.arsnr == arsnr and sie_mod.is_resultatkonto(r.konto)
           and not sie_mod.is_bokslutspost(r.konto)]  # fmt: skip
    if arsnr is not None and res and (fil.transaktioner or fil.psaldo):
        own = sum(sie_mod.rapportbelopp(r.belopp_ore) for r in res)
        if own != result.summa_ore:
            said.append(
                f"Filens eget resultat för {ar} (#RES) är {_kr(own)}, men verifikationerna eller "
                f"periodsaldona ger {_kr(result.summa_ore)}; skillnaden är "
                f"{_kr(result.summa_ore - own)}. Kontrollera filen med ekonomienheten."
            )
    elif any(t.datum.year == ar for t in fil.transaktioner) and any(p.ar == ar for p in fil.psaldo):
        # no #RES: the file's period balances are its own word on the year's result
        own = sum(
            sie_mod.rapportbelopp(belopp)
            for _m, konto, _o, belopp in fil.periodsaldon(ar=ar)
            if sie_mod.is_resultatkonto(konto) and not sie_mod.is_bokslutspost(konto)
        )
        if own != result.summa_ore:
            said.append(
                f"Filens periodsaldon för {ar} (#PSALDO) ger resultatet {_kr(own)}, men "
                f"verifikationerna ger {_kr(result.summa_ore)}; skillnaden är "
                f"{_kr(result.summa_ore - own)}. Filen har kanske bara en del av årets "
                "verifikationer; kontrollera den med ekonomienheten."
            )
    return tuple(said)


def _rar_text(fil: sie_mod.SieFil) -> str:
    start, end = fil.rar.get(0, next(iter(fil.rar.values())))
    return f"{start.isoformat()}–{end.isoformat()}"


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
#: The bokslut's figures an SIE file does not carry: typed (or from the arbetsbok) only.
#: Antal anställda is a count, the rest öre (the balanskravsutredning's RKR rows).
BOKSLUT_OVRIGA_FALT = [
    "antal_anstallda",
    "realisationsvinster_ore",
    "realisationsvinster_undantag_ore",
    "realisationsforluster_undantag_ore",
    "orealiserade_forluster_ore",
    "aterforing_orealiserade_ore",
    "resultatutjamningsreserv_ore",
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
    return {key: rows[0][key] for key in [*BOKSLUT_FALT, "driftbidrag_ore", *BOKSLUT_OVRIGA_FALT]}


def spara_bokslut(
    ff: ForbundFile, ar: int, falt: Mapping[str, int | None], kalla: str = ""
) -> None:
    """Store a year's bokslut figures (only the given fields) in one action."""
    unknown = set(falt) - set(BOKSLUT_FALT) - {"driftbidrag_ore"} - set(BOKSLUT_OVRIGA_FALT)
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
    path = Path(path)
    head = f"Kontoplanen i {path.name} kunde inte läsas."
    wb = _load_excel(path, head)
    if not wb.worksheets:
        raise UtfallImportError(f"{path.name} har inget kalkylblad.")
    konton: dict[str, str] = {}
    rad: dict[str, int] = {}  # the row each konto was read from
    problem = []
    for i, row in _sheet_rows(_first_sheet(wb)):
        first_cell, name_cell = row.get(0), row.get(1)
        if first_cell is None or first_cell.value is None or str(first_cell.value).strip() == "":
            continue
        troubles = [
            t for c in (first_cell, name_cell) if (t := _cell_trouble(c, f"Rad {i}")) is not None
        ]
        if troubles:
            problem.extend(troubles)
            continue
        first = first_cell.value
        nummer = (
            str(int(first)) if isinstance(first, float) and first.is_integer() else str(first)
        ).strip()
        # ASCII digits only: str.isdigit() takes "²" and "３０１１", which no ledger has
        if not (nummer.isascii() and nummer.isdigit()):
            if i == 1 or not konton:
                continue  # the header
            problem.append(f"Rad {i}: ”{nummer}” är inget kontonummer.")
            continue
        if nummer in rad:
            problem.append(f"Rad {i}: kontot {nummer} står redan på rad {rad[nummer]}.")
            continue
        namn = name_cell.value if name_cell is not None and name_cell.value is not None else ""
        konton[nummer] = str(namn).strip()
        rad[nummer] = i
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
            raise Refusal("Ett konto måste ha ett nummer.")
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
