"""Styrelse: seats (uppdrag) per member, the presidium, changes mid-period, and revisorer.

A seat is a person appointed by a member as ledamot or ersättare for a period; a person who
leaves mid-period gets an end date and the successor a seat from the day after, in one write.
A whole mandate period (every member's ledamöter and ersättare) is one write too. One person
holds at most one seat for a member at a time: never ledamot and ersättare for it at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .forbund import (
    MEDLEM_ORDER_SQL,
    Ogiltigt,
    insert_in,
    medlemmar,
    text_required,
    update_column,
    update_in,
)
from .model import Funktion, Roll
from .swedish import plural

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .storage import ForbundFile

#: The first mandate period of the present four-year cycle (after the 2022 election).
_MANDATE_ANCHOR = 2023


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def mandate_period(day: dt.date) -> tuple[dt.date, dt.date]:
    """The mandate period around ``day``: four years from 1 April the year after an election."""
    start_year = day.year if day >= dt.date(day.year, 4, 1) else day.year - 1
    start_year -= (start_year - _MANDATE_ANCHOR) % 4
    return dt.date(start_year, 4, 1), dt.date(start_year + 4, 3, 31)


def foreslagen_mandatperiod(ff: ForbundFile, today: dt.date) -> tuple[dt.date, dt.date]:
    """The mandate period a new styrelse is most likely entered for: the one running on
    ``today`` while no seat has begun in it yet (a new file, or a board chosen after 1 April
    not yet entered), else the next one (the current board is there: the next is coming)."""
    start, end = mandate_period(today)
    if any(u.fran >= start for u in alla_uppdrag(ff)):
        return mandate_period(end + dt.timedelta(days=1))
    return start, end


def perioder_overlappar(fran: Any, till: Any, andra_fran: Any, andra_till: Any) -> bool:
    """Whether two periods share a day; ``till`` None is open-ended. Dates or ISO texts."""
    return (andra_till is None or fran <= andra_till) and (till is None or andra_fran <= till)


#: The rule behind :func:`dubbel_plats`, said once.
EN_PLATS_PER_MEDLEM = "En person kan inte ha två platser för samma medlem samtidigt."


def _period_text(fran: Any, till: Any) -> str:
    return f"{fran} – {till}" if till else f"från {fran} tills vidare"


def dubbel_plats(person: str, roll: Roll, medlem: str, fran: Any, till: Any, var: str = "") -> str:
    """Why a second seat for the member is refused, naming the seat ``person`` already has
    (``var``: where it stands, as " på rad 4")."""
    return (
        f"{person} är {roll.label.lower()} för {medlem} {_period_text(fran, till)}{var}. "
        + EN_PLATS_PER_MEDLEM
    )


@dataclass(frozen=True)
class Uppdrag:
    id: int
    person: str
    medlem_id: int
    medlem: str
    roll: Roll
    funktion: Funktion | None
    fran: dt.date
    till: dt.date | None
    person_id: int = 0
    anteckning: str = ""

    def active_on(self, day: dt.date) -> bool:
        """The one rule of a seat held on ``day``: begun by then and not ended before it."""
        return self.fran <= day and (self.till is None or self.till >= day)


_UPPDRAG_SQL = """
    SELECT u.id, p.namn AS person, p.id AS person_id, m.id AS medlem_id, m.namn AS medlem,
           u.roll, u.funktion, u.fran, u.till, u.anteckning
    FROM uppdrag u
    JOIN person p ON p.id = u.person_id
    JOIN medlem m ON m.id = u.medlem_id
    {where}
    ORDER BY {member_order}, u.roll = 'ersattare',
             u.funktion IS NULL, u.funktion = 'vice_ordforande', u.fran, p.namn COLLATE SWEDISH
"""


def _uppdrag(r: dict) -> Uppdrag:
    return Uppdrag(
        r["id"],
        r["person"],
        r["medlem_id"],
        r["medlem"],
        Roll(r["roll"]),
        Funktion(r["funktion"]) if r["funktion"] else None,
        dt.date.fromisoformat(r["fran"]),
        _date(r["till"]),
        r["person_id"],
        r["anteckning"],
    )


def _query_uppdrag(ff: ForbundFile, where: str = "", params: dict | None = None) -> list[Uppdrag]:
    sql = _UPPDRAG_SQL.format(where=where, member_order=MEDLEM_ORDER_SQL)
    return [_uppdrag(r) for r in ff.query(sql, params or {})]


def styrelse_pa(ff: ForbundFile, day: dt.date) -> list[Uppdrag]:
    """The board on ``day``: the seats held then, in member order, each member's ledamöter
    (ordförande, vice ordförande first) before its ersättare. Every page, report and check
    that asks who sat on the board on a day asks this."""
    return [u for u in alla_uppdrag(ff) if u.active_on(day)]


def alla_uppdrag(ff: ForbundFile) -> list[Uppdrag]:
    """Every seat ever registered, by member and role (as :func:`styrelse_pa`)."""
    return _query_uppdrag(ff)


def uppdrag(ff: ForbundFile, uppdrag_id: int) -> Uppdrag | None:
    rows = _query_uppdrag(ff, "WHERE u.id = :id", {"id": uppdrag_id})
    return rows[0] if rows else None


@dataclass(frozen=True)
class Andring:
    """A change in the styrelse during a year: a seat that began or ended."""

    datum: dt.date
    text: str


def andringar_under(ff: ForbundFile, ar: int) -> list[Andring]:
    """What changed in the styrelse during ``ar``, as sentences: a new mandate period as one
    line, and each seat that ended or began at another time (someone leaving mid-period and
    the successor)."""
    start = dt.date(ar, 1, 1)
    end = dt.date(ar, 12, 31)
    period_start = mandate_period(dt.date(ar, 4, 1))[0]
    new_period = start < period_start <= end and period_start.year == ar
    result = []
    if new_period and any(u.fran == period_start for u in alla_uppdrag(ff)):
        first, last = mandate_period(period_start)
        result.append(
            Andring(period_start, f"Ny mandatperiod {first} – {last}: styrelsen utsågs på nytt.")
        )
    for u in alla_uppdrag(ff):
        roll = u.roll.label.lower()
        ended_with_period = new_period and u.till == period_start - dt.timedelta(days=1)
        began_with_period = new_period and u.fran == period_start
        if u.till is not None and start <= u.till < end and not ended_with_period:
            result.append(
                Andring(u.till, f"{u.person} slutade som {roll} för {u.medlem} {u.till}.")
            )
        if start < u.fran <= end and not began_with_period:
            result.append(Andring(u.fran, f"{u.person} blev {roll} för {u.medlem} från {u.fran}."))
    return sorted(result, key=lambda a: a.datum)


def varningar(ff: ForbundFile, day: dt.date) -> list[str]:
    """What is wrong with the styrelse on ``day``, as Swedish sentences."""
    seats = styrelse_pa(ff, day)
    result = []
    for medlem in medlemmar(ff):
        own = [s for s in seats if s.medlem_id == medlem.id]
        for roll in Roll:
            if not any(s.roll is roll for s in own):
                result.append(f"{medlem.namn} saknar {roll.label.lower()} den {day}.")
    for s in seats:
        if s.funktion is not None and s.roll is not Roll.LEDAMOT:
            result.append(
                f"{s.person} är {s.funktion.label.lower()} men ersättare; ordförande och vice "
                "ordförande väljs bland ledamöterna."
            )
    if any(s.roll is Roll.LEDAMOT for s in seats):
        for funktion in Funktion:
            holders = [s for s in seats if s.funktion is funktion]
            if not holders:
                result.append(f"Styrelsen har ingen {funktion.label.lower()} den {day}.")
            elif len(holders) > 1:
                result.append(
                    f"Styrelsen har {len(holders)} {funktion.label.lower()} samtidigt den {day}."
                )
    return result


# -- people -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    id: int
    namn: str
    epost: str
    telefon: str


def personer(ff: ForbundFile) -> list[Person]:
    rows = ff.query("SELECT id, namn, epost, telefon FROM person ORDER BY namn COLLATE SWEDISH")
    return [Person(r["id"], r["namn"], r["epost"], r["telefon"]) for r in rows]


def person(ff: ForbundFile, person_id: int) -> Person | None:
    rows = ff.query("SELECT id, namn, epost, telefon FROM person WHERE id = ?", (person_id,))
    return (
        Person(rows[0]["id"], rows[0]["namn"], rows[0]["epost"], rows[0]["telefon"])
        if rows
        else None
    )


def _epost(text: str) -> str:
    """An e-postadress checked loosely: something, one @, something with a dot; "" stays."""
    text = text.strip()
    if not text:
        return ""
    local, at, domain = text.partition("@")
    if (
        not at
        or not local
        or "@" in domain
        or "." not in domain.strip(".")
        or any(ch.isspace() for ch in text)
    ):
        raise Ogiltigt(
            f"”{text}” ser inte ut som en e-postadress; skriv den som anna.ek@norrby.se."
        )
    return text


_TELEFONTECKEN = set("0123456789 +-()/\u00a0")


def _telefon(text: str) -> str:
    text = text.strip()
    if text and (not set(text) <= _TELEFONTECKEN or not any(ch.isdigit() for ch in text)):
        raise Ogiltigt(
            f"”{text}” är inget telefonnummer; skriv bara siffror, mellanslag och + - ( ), "
            "till exempel 070-123 45 67."
        )
    return text


def kontrollera_person(
    ff: ForbundFile, person_id: int, namn: str, epost: str, telefon: str
) -> tuple[str, str, str]:
    """What :func:`andra_person` refuses, without writing; returns the name, e-post and
    telefon as they would be stored."""
    p = person(ff, person_id)
    if p is None:
        raise Ogiltigt("Personen finns inte längre.")
    namn = text_required(namn, "Namnet")
    epost = _epost(epost)
    telefon = _telefon(telefon)
    if namn != p.namn:
        taken = next(
            (o for o in personer(ff) if o.id != person_id and o.namn.casefold() == namn.casefold()),
            None,
        )
        if taken is not None:
            raise Ogiltigt(f"Det finns redan en person som heter {taken.namn}.")
    return namn, epost, telefon


def andra_person(ff: ForbundFile, person_id: int, namn: str, epost: str, telefon: str) -> bool:
    """Store a person's name, e-post and telefon as one action; False when nothing changed.

    The name is the person's everywhere (every seat, every närvaro), so it may not be empty
    nor the name of another person. Only these contact details are kept about a person of
    the förbund; never anything about the participants of an insats.
    """
    namn, epost, telefon = kontrollera_person(ff, person_id, namn, epost, telefon)
    p = person(ff, person_id)
    if p is None or (p.namn, p.epost, p.telefon) == (namn, epost, telefon):
        return False
    label = f"Byt namn på {p.namn}" if namn != p.namn else f"Ändra uppgifter för {p.namn}"
    with ff.write(label) as db:
        db.execute(
            "UPDATE person SET namn = ?, epost = ?, telefon = ? WHERE id = ?",
            (namn, epost, telefon, person_id),
        )
    return True


def person_id_i(db: Database, namn: str) -> int:
    """Inside a write: the person called ``namn``, created when new."""
    row = db.execute("SELECT id FROM person WHERE namn = ?", (namn,)).fetchone()
    if row:
        return int(row[0])
    return int(db.execute("INSERT INTO person (namn) VALUES (?)", (namn,)).lastrowid)


# -- seats --------------------------------------------------------------------------------------


def _check_period(fran: dt.date | None, till: dt.date | None) -> None:
    if fran is None:
        raise Ogiltigt("Ange från vilket datum uppdraget gäller.")
    if till is not None and till < fran:
        raise Ogiltigt(f"Slutdatumet ({till}) ligger före startdatumet ({fran}).")


def _check_funktion(roll: Roll, funktion: Funktion | None) -> None:
    if funktion is not None and roll is not Roll.LEDAMOT:
        raise Ogiltigt(f"{funktion.label} väljs bland ledamöterna, inte bland ersättarna.")


def _check_en_plats(
    seats: Iterable[Uppdrag],
    person: str,
    medlem_id: int,
    fran: dt.date,
    till: dt.date | None,
    utom: int | None = None,
) -> None:
    """Refuse a seat for ``person`` and the member over days another of their seats for the
    same member covers (``utom``: the seat being changed)."""
    for u in seats:
        if (
            u.id != utom
            and u.person.casefold() == person.casefold()
            and u.medlem_id == medlem_id
            and perioder_overlappar(fran, till, u.fran, u.till)
        ):
            raise Ogiltigt(dubbel_plats(u.person, u.roll, u.medlem, u.fran, u.till))


def kontrollera_uppdrag(
    ff: ForbundFile,
    uppdrag_id: int | None,
    person: str,
    medlem_id: int,
    roll: Roll,
    fran: dt.date,
    till: dt.date | None = None,
    funktion: Funktion | None = None,
) -> str:
    """What :func:`spara_uppdrag` refuses, without writing: a form asks while the person
    types. Returns the name as it would be stored (as the file's person of that name, in
    whatever case it was typed, spells it)."""
    person = _spelling(ff, text_required(person, "Namnet"))
    _check_period(fran, till)
    _check_funktion(roll, funktion)
    _check_en_plats(alla_uppdrag(ff), person, medlem_id, fran, till, uppdrag_id)
    return person


def nytt_uppdrag(
    ff: ForbundFile,
    person: str,
    medlem_id: int,
    roll: Roll,
    fran: dt.date,
    till: dt.date | None = None,
    funktion: Funktion | None = None,
) -> int:
    person = kontrollera_uppdrag(ff, None, person, medlem_id, roll, fran, till, funktion)
    with ff.write(f"Ny {roll.label.lower()} {person}") as db:
        seat = _plats(person_id_i(db, person), medlem_id, roll, fran, till, funktion)
        return insert_in(db, "uppdrag", seat)


def _plats(
    person_id: int,
    medlem_id: int,
    roll: Roll,
    fran: dt.date,
    till: dt.date | None,
    funktion: Funktion | None,
) -> dict[str, Any]:
    """A seat's columns of table uppdrag, as a new or changed seat stores them."""
    return {"person_id": person_id, "medlem_id": medlem_id, "roll": roll, "funktion": funktion,
            "fran": fran, "till": till}  # fmt: skip


UPPDRAG_FALT = {
    "person": "namn",
    "medlem_id": "medlem",
    "roll": "roll",
    "funktion": "ordförande/vice",
    "fran": "från",
    "till": "till",
    "anteckning": "anteckning",
}


def andra_uppdrag(ff: ForbundFile, uppdrag_id: int, column: str, value: Any) -> None:
    """Store one field of a seat; "person" renames the person everywhere."""
    if column not in UPPDRAG_FALT:
        raise KeyError(column)
    u = uppdrag(ff, uppdrag_id)
    if u is None:
        raise Ogiltigt("Uppdraget finns inte längre.")
    values = {"roll": u.roll, "funktion": u.funktion, "fran": u.fran, "till": u.till}
    if column in values:
        values[column] = value
    _check_period(values["fran"], values["till"])
    _check_funktion(values["roll"], values["funktion"])
    if column in ("medlem_id", "fran", "till"):
        _check_en_plats(
            alla_uppdrag(ff), u.person, value if column == "medlem_id" else u.medlem_id,
            values["fran"], values["till"], uppdrag_id,
        )  # fmt: skip
    if column == "person":
        value = text_required(value, "Namnet")
        if value == u.person:
            return
        other = ff.scalar("SELECT id FROM person WHERE namn = ? AND id != ?", (value, u.person_id))
        if other is not None:
            raise Ogiltigt(f"Det finns redan en person som heter {value}.")
        with ff.write(f"Byt namn på {u.person}") as db:
            db.execute("UPDATE person SET namn = ? WHERE id = ?", (value, u.person_id))
        return
    if getattr(u, column) == value:
        return
    label = f"Ändra {UPPDRAG_FALT[column]} för {u.person}"
    update_column(ff, "uppdrag", uppdrag_id, column, value, label)


def spara_uppdrag(
    ff: ForbundFile,
    uppdrag_id: int | None,
    person: str,
    medlem_id: int,
    roll: Roll,
    fran: dt.date,
    till: dt.date | None = None,
    funktion: Funktion | None = None,
) -> int:
    """Create (``uppdrag_id`` None) or change a whole seat in one write."""
    if uppdrag_id is None:
        return nytt_uppdrag(ff, person, medlem_id, roll, fran, till, funktion)
    person = kontrollera_uppdrag(ff, uppdrag_id, person, medlem_id, roll, fran, till, funktion)
    if uppdrag(ff, uppdrag_id) is None:
        raise Ogiltigt("Uppdraget finns inte längre.")
    with ff.write(f"Ändra uppdraget för {person}") as db:
        seat = _plats(person_id_i(db, person), medlem_id, roll, fran, till, funktion)
        update_in(db, "uppdrag", uppdrag_id, seat)
    return uppdrag_id


def kontrollera_avgang(
    ff: ForbundFile, uppdrag_id: int, sista_dag: dt.date, eftertradare: str | None = None
) -> tuple[Uppdrag, str]:
    """What :func:`avgar` refuses, without writing; returns the seat and the successor's
    name as it would be stored ("" for none)."""
    u = uppdrag(ff, uppdrag_id)
    if u is None:
        raise Ogiltigt("Uppdraget finns inte längre.")
    if sista_dag < u.fran:
        raise Ogiltigt(f"Sista dagen ({sista_dag}) ligger före uppdragets start ({u.fran}).")
    if u.till is not None and sista_dag > u.till:
        raise Ogiltigt(f"Uppdraget slutar redan {u.till}.")
    namn = _spelling(ff, eftertradare.strip()) if eftertradare else ""
    if namn == u.person:
        raise Ogiltigt("Efterträdaren kan inte vara samma person.")
    if namn:
        first = sista_dag + dt.timedelta(days=1)
        _check_en_plats(alla_uppdrag(ff), namn, u.medlem_id, first, u.till)
    return u, namn


def avgar(
    ff: ForbundFile, uppdrag_id: int, sista_dag: dt.date, eftertradare: str | None = None
) -> int | None:
    """The seat's holder leaves after ``sista_dag``; the successor (if named) takes the same
    seat (member, role, function) from the day after. One write; returns the new seat's id."""
    u, namn = kontrollera_avgang(ff, uppdrag_id, sista_dag, eftertradare)
    label = f"{u.person} avgår" + (f", {namn} efterträder" if namn else "")
    with ff.write(label) as db:
        db.execute("UPDATE uppdrag SET till = ? WHERE id = ?", (sista_dag.isoformat(), uppdrag_id))
        if not namn:
            return None
        first = sista_dag + dt.timedelta(days=1)
        seat = _plats(person_id_i(db, namn), u.medlem_id, u.roll, first, u.till, u.funktion)
        return insert_in(db, "uppdrag", {**seat, "anteckning": f"Efterträdde {u.person}."})


@dataclass(frozen=True)
class NyPlats:
    """A seat of a new mandate period as typed: the member, the role, the person's name and,
    for a ledamot, ordförande or vice ordförande."""

    medlem_id: int
    roll: Roll
    person: str
    funktion: Funktion | None = None


def pagaende_vid(ff: ForbundFile, fran: dt.date) -> list[Uppdrag]:
    """The seats begun before ``fran`` and not ended by then: what a new mandate period
    from ``fran`` ends the day before."""
    return [u for u in alla_uppdrag(ff) if u.fran < fran and (u.till is None or u.till >= fran)]


def _mandatperiod_label(fran: dt.date, till: dt.date | None, antal: int) -> str:
    platser = "1 plats" if antal == 1 else f"{antal} platser"
    if till is None:
        return f"Ny styrelse från {fran} ({platser})"
    return f"Ny mandatperiod {fran} – {till} ({platser})"


def _spelling(ff: ForbundFile, namn: str) -> str:
    """A typed name as the person already in the file spells it ("anna ek" is Anna Ek)."""
    key = namn.casefold()
    return next((p.namn for p in personer(ff) if p.namn.casefold() == key), namn)


def kontrollera_mandatperiod(
    ff: ForbundFile,
    fran: dt.date,
    till: dt.date | None,
    platser: Iterable[NyPlats],
    *,
    avsluta_pagaende: bool = True,
) -> list[NyPlats]:
    """What :func:`ny_mandatperiod` refuses, without writing; returns the seats as they
    would be stored (names trimmed, spelt as the file's people are)."""
    _check_period(fran, till)
    members = {m.id: m.namn for m in medlemmar(ff)}
    result = []
    spelt: dict[str, str] = {}  # a new name typed twice is one person, spelt as first typed
    for p in platser:
        if p.medlem_id not in members:
            raise Ogiltigt("En av medlemmarna finns inte längre.")
        namn = _spelling(ff, text_required(p.person, "Namnet"))
        namn = spelt.setdefault(namn.casefold(), namn)
        _check_funktion(p.roll, p.funktion)
        result.append(NyPlats(p.medlem_id, p.roll, namn, p.funktion))
    if not result:
        raise Ogiltigt("Skriv namnet på minst en ledamot eller ersättare.")
    for funktion in Funktion:
        holders = [p.person for p in result if p.funktion is funktion]
        if len(holders) > 1:
            raise Ogiltigt(
                f"Både {' och '.join(holders)} är {funktion.label.lower()}; styrelsen har en."
            )
    typed: dict[tuple[str, int], NyPlats] = {}
    for p in result:
        earlier = typed.setdefault((p.person, p.medlem_id), p)
        if earlier is not p:
            raise Ogiltigt(dubbel_plats(p.person, earlier.roll, members[p.medlem_id], fran, till))
    ending = {u.id for u in pagaende_vid(ff, fran)} if avsluta_pagaende else set()
    remaining = [u for u in alla_uppdrag(ff) if u.id not in ending]
    for p in result:
        _check_en_plats(remaining, p.person, p.medlem_id, fran, till)
    return result


def ny_mandatperiod(
    ff: ForbundFile,
    fran: dt.date,
    till: dt.date | None,
    platser: Iterable[NyPlats],
    *,
    avsluta_pagaende: bool = True,
) -> list[int]:
    """Every seat of a new mandate period as one action ("Ny mandatperiod 2027-04-01 –
    2031-03-31 (8 platser)"), so one Ångra takes the whole period back. With
    ``avsluta_pagaende`` the seats still held when the period begins (those of the previous
    period, often registered "tills vidare") end the day before. Returns the new seats' ids
    in the order given."""
    seats = kontrollera_mandatperiod(ff, fran, till, platser, avsluta_pagaende=avsluta_pagaende)
    ending = pagaende_vid(ff, fran) if avsluta_pagaende else []
    last_day = (fran - dt.timedelta(days=1)).isoformat()
    ids = []
    with ff.write(_mandatperiod_label(fran, till, len(seats))) as db:
        for u in ending:
            db.execute("UPDATE uppdrag SET till = ? WHERE id = ?", (last_day, u.id))
        for p in seats:
            pid = person_id_i(db, p.person)
            cur = db.execute(
                "INSERT INTO uppdrag (person_id, medlem_id, roll, funktion, fran, till) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (pid, p.medlem_id, p.roll.value, p.funktion.value if p.funktion else None,
                 fran.isoformat(), till.isoformat() if till else None),
            )  # fmt: skip
            ids.append(int(cur.lastrowid))
    return ids


def ta_bort_uppdrag(ff: ForbundFile, uppdrag_id: int) -> None:
    u = uppdrag(ff, uppdrag_id)
    if u is None:
        return
    used = ff.scalar("SELECT count(*) FROM narvaro WHERE uppdrag_id = ?", (uppdrag_id,))
    if used:
        raise Ogiltigt(
            f"{u.person}s uppdrag finns i närvaron vid {plural(used, 'möte', 'möten')} och kan "
            "inte tas bort. "
            "Ange i stället ett slutdatum."
        )
    with ff.write(f"Ta bort uppdraget för {u.person}") as db:
        db.execute("DELETE FROM uppdrag WHERE id = ?", (uppdrag_id,))


# -- revisorer ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Revisor:
    id: int
    namn: str
    medlemmar: tuple[str, ...]
    fran: dt.date | None
    till: dt.date | None
    medlem_ids: tuple[int, ...] = ()


def _revisorer(ff: ForbundFile, where: str, params: dict) -> list[Revisor]:
    rows = ff.query(
        f"""
        SELECT r.id, r.namn, r.fran, r.till, m.namn AS medlem, m.id AS medlem_id
        FROM revisor r
        LEFT JOIN revisor_medlem rm ON rm.revisor_id = r.id
        LEFT JOIN medlem m ON m.id = rm.medlem_id
        {where}
        ORDER BY r.namn COLLATE SWEDISH, r.id, {MEDLEM_ORDER_SQL}
        """,
        params,
    )
    found: dict[int, Revisor] = {}
    for r in rows:
        prev = found.get(r["id"])
        names = (*prev.medlemmar, r["medlem"]) if prev else (r["medlem"],)
        ids = (*prev.medlem_ids, r["medlem_id"]) if prev else (r["medlem_id"],)
        found[r["id"]] = Revisor(
            r["id"],
            r["namn"],
            tuple(m for m in names if m),
            _date(r["fran"]),
            _date(r["till"]),
            tuple(i for i in ids if i is not None),
        )
    return list(found.values())


def revisorer_pa(ff: ForbundFile, day: dt.date) -> list[Revisor]:
    """Revisorer serving on ``day`` (open-ended dates count as serving)."""
    return _revisorer(
        ff,
        "WHERE (r.fran IS NULL OR r.fran <= :d) AND (r.till IS NULL OR r.till >= :d)",
        {"d": day.isoformat()},
    )


def alla_revisorer(ff: ForbundFile) -> list[Revisor]:
    return _revisorer(ff, "", {})


def kontrollera_revisor(
    namn: str, medlem_ids: list[int], fran: dt.date | None, till: dt.date | None
) -> str:
    """What :func:`spara_revisor` refuses, without writing; returns the name as stored."""
    namn = text_required(namn, "Namnet")
    if fran and till and till < fran:
        raise Ogiltigt(f"Slutdatumet ({till}) ligger före startdatumet ({fran}).")
    if not medlem_ids:
        raise Ogiltigt("Ange vilken medlem som utsett revisorn.")
    return namn


def spara_revisor(
    ff: ForbundFile,
    revisor_id: int | None,
    namn: str,
    medlem_ids: list[int],
    fran: dt.date | None,
    till: dt.date | None,
) -> int:
    """Create (``revisor_id`` None) or change a revisor with the members who appointed them."""
    namn = kontrollera_revisor(namn, medlem_ids, fran, till)
    label = f"Ny revisor {namn}" if revisor_id is None else f"Ändra revisor {namn}"
    with ff.write(label) as db:
        values = (namn, fran.isoformat() if fran else None, till.isoformat() if till else None)
        if revisor_id is None:
            revisor_id = int(
                db.execute(
                    "INSERT INTO revisor (namn, fran, till) VALUES (?, ?, ?)", values
                ).lastrowid
            )
        else:
            db.execute(
                "UPDATE revisor SET namn = ?, fran = ?, till = ? WHERE id = ?",
                (*values, revisor_id),
            )
            db.execute("DELETE FROM revisor_medlem WHERE revisor_id = ?", (revisor_id,))
        for medlem_id in dict.fromkeys(medlem_ids):
            db.execute(
                "INSERT INTO revisor_medlem (revisor_id, medlem_id) VALUES (?, ?)",
                (revisor_id, medlem_id),
            )
    return revisor_id


def ta_bort_revisor(ff: ForbundFile, revisor_id: int) -> None:
    namn = ff.scalar("SELECT namn FROM revisor WHERE id = ?", (revisor_id,))
    if namn is None:
        return
    with ff.write(f"Ta bort revisor {namn}") as db:
        db.execute("DELETE FROM revisor WHERE id = ?", (revisor_id,))
