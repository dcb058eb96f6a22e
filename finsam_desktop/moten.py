"""Möten: meetings, their föredragningslista (ärenden with §), beslut, närvaro and justerare.

§ numbers of styrelsemöten run through the calendar year. A beslut that grants an insats an
amount sets that insats's beviljat for the year in the same write as the beslut, so one undo
takes both back. Närvaro is per seat (uppdrag): when a ledamot is marked absent, a present
ersättare of the same member is proposed as tjänstgörande in the same write.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from . import insatser, styrelse
from .errors import Refusal
from .forbund import Ogiltigt, insert_row, text_required, update_column
from .model import BeslutStatus, Funktion, MoteTyp, Roll
from .money import format_amount
from .swedish import sort_key

if TYPE_CHECKING:
    from .storage import ForbundFile

#: Meetings whose ärenden get § numbers running through the year, and a protokoll.
PROTOKOLLFORDA = frozenset({MoteTyp.STYRELSEMOTE, MoteTyp.EXTRA_STYRELSEMOTE})
#: Groups of officials, not of the styrelse: no närvaro per styrelse seat.
TJANSTEMANNAGRUPPER = frozenset({MoteTyp.BEREDNINGSGRUPP, MoteTyp.STYRGRUPP})


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class Mote:
    id: int
    typ: MoteTyp
    datum: dt.date
    starttid: str
    sluttid: str
    plats: str
    justerat: dt.date | None
    antal_arenden: int
    anteckning: str = ""
    sekreterare: str = ""
    #: The förbund's own name for the meeting's group ("LSG"); empty: the kind's word.
    grupp: str = ""
    #: The justeringsversion out for signing (the protokoll is locked while it is), or None.
    ute_for_justering: int | None = None

    @property
    def namn(self) -> str:
        """What the meeting is called wherever it is shown: its group, else its kind."""
        return self.grupp or self.typ.label

    @property
    def rubrik(self) -> str:
        return f"{self.namn} {self.datum.isoformat()}"


_MOTE_SQL = """
    SELECT mo.id, mo.typ, mo.datum, mo.starttid, mo.sluttid, mo.plats, mo.justerat,
           mo.anteckning, mo.sekreterare, mo.grupp,
           (SELECT count(*) FROM arende a WHERE a.mote_id = mo.id) AS antal,
           (SELECT j.version FROM justering j WHERE j.mote_id = mo.id AND j.status = 'ute'
                AND j.dokument = 'protokoll')
               AS ute
    FROM mote mo {where}
"""


def _mote(r: dict) -> Mote:
    return Mote(
        r["id"],
        MoteTyp(r["typ"]),
        dt.date.fromisoformat(r["datum"]),
        r["starttid"],
        r["sluttid"],
        r["plats"],
        _date(r["justerat"]),
        r["antal"],
        r["anteckning"],
        r["sekreterare"],
        r["grupp"],
        r["ute"],
    )


def moten(ff: ForbundFile, ar: int | None = None) -> list[Mote]:
    """Meetings, newest first; of one year when ``ar`` is given."""
    where, params = ("WHERE strftime('%Y', mo.datum) = ?", (str(ar),)) if ar else ("", ())
    rows = ff.query(
        _MOTE_SQL.format(where=where) + " ORDER BY mo.datum DESC, mo.starttid DESC, mo.id DESC",
        params,
    )
    return [_mote(r) for r in rows]


def kommande_moten(ff: ForbundFile, today: dt.date, limit: int = 5) -> list[Mote]:
    """The next meetings from ``today`` on, soonest first."""
    rows = ff.query(
        _MOTE_SQL.format(where="WHERE mo.datum >= ?")
        + " ORDER BY mo.datum, mo.starttid, mo.id LIMIT ?",
        (today.isoformat(), limit),
    )
    return [_mote(r) for r in rows]


def mote(ff: ForbundFile, mote_id: int) -> Mote | None:
    rows = ff.query(_MOTE_SQL.format(where="WHERE mo.id = ?"), (mote_id,))
    return _mote(rows[0]) if rows else None


def mote_ar(ff: ForbundFile) -> list[int]:
    """Years with meetings, newest first."""
    rows = ff.query("SELECT DISTINCT CAST(strftime('%Y', datum) AS INTEGER) AS ar FROM mote")
    return sorted((r["ar"] for r in rows), reverse=True)


# -- editing a meeting ----------------------------------------------------------------------------


def parse_tid(text: str) -> str:
    """A time as typed ("9", "9.30", "09:30", "930") as HH:MM; "" for empty."""
    s = text.strip().replace(".", ":")
    if not s:
        return ""
    m = re.fullmatch(r"(\d{1,2})(?::?(\d{2}))?", s)
    if not m or int(m[1]) > 23 or (m[2] and int(m[2]) > 59):
        raise Ogiltigt(f"”{text.strip()}” är inget klockslag; skriv till exempel 09:30.")
    return f"{int(m[1]):02d}:{m[2] or '00'}"


def motesgrupper(ff: ForbundFile) -> list[tuple[str, MoteTyp]]:
    """The förbund's named meeting groups, each with the kind its latest meeting had, in
    Swedish order: what a new meeting may belong to."""
    rows = ff.query("SELECT grupp, typ FROM mote WHERE grupp <> '' ORDER BY datum DESC, id DESC")
    seen: dict[str, MoteTyp] = {}
    for r in rows:
        seen.setdefault(r["grupp"], MoteTyp(r["typ"]))
    return sorted(seen.items(), key=lambda g: sort_key(g[0]))


def nytt_mote(
    ff: ForbundFile,
    typ: MoteTyp,
    datum: dt.date,
    starttid: str = "",
    plats: str = "",
    grupp: str = "",
) -> int:
    """A new meeting, of the förbund's named ``grupp`` if given; its sekreterare is the one
    of the latest meeting of the kind."""
    start = parse_tid(starttid)
    grupp = " ".join(grupp.split())
    typer = [t.value for t in (PROTOKOLLFORDA if typ in PROTOKOLLFORDA else {typ})]
    sekreterare = ff.scalar(
        f"SELECT sekreterare FROM mote WHERE sekreterare <> '' "
        f"AND typ IN ({', '.join('?' * len(typer))}) ORDER BY datum DESC, id DESC LIMIT 1",
        typer,
    )
    values = {"typ": typ, "datum": datum, "starttid": start, "plats": plats.strip(),
              "sekreterare": sekreterare or "", "grupp": grupp}  # fmt: skip
    label = f"Nytt möte: {grupp} {datum}" if grupp else f"Nytt {typ.label.lower()} {datum}"
    return insert_row(ff, "mote", values, label)


MOTE_FALT = {
    "typ": "typ",
    "datum": "datum",
    "starttid": "starttid",
    "sluttid": "sluttid",
    "plats": "plats",
    "justerat": "justeringsdatum",
    "anteckning": "anteckning",
    "sekreterare": "sekreterare",
    "grupp": "mötesgrupp",
}
#: What may change once the protokoll is justerat: the office's own note.
MOTE_EFTER_JUSTERING = frozenset({"anteckning"})


def andra_mote(ff: ForbundFile, mote_id: int, column: str, value: Any) -> None:
    if column not in MOTE_FALT:
        raise KeyError(column)
    m = mote(ff, mote_id)
    if m is None:
        raise Ogiltigt("Mötet finns inte längre.")
    if column in ("starttid", "sluttid"):
        value = parse_tid(value)
    elif column in ("plats", "anteckning", "sekreterare"):
        value = value.strip()
    elif column == "grupp":
        value = " ".join(value.split())
    start = value if column == "starttid" else m.starttid
    slut = value if column == "sluttid" else m.sluttid
    if start and slut and slut < start:
        raise Ogiltigt(f"Mötet kan inte sluta ({slut}) före det börjar ({start}).")
    datum = value if column == "datum" else m.datum
    justerat = value if column == "justerat" else m.justerat
    if justerat is not None and justerat < datum:
        raise Ogiltigt(f"Protokollet kan inte justeras ({justerat}) före mötet ({datum}).")
    if getattr(m, column) == value:
        return
    if column not in MOTE_EFTER_JUSTERING:
        ensure_protokoll_open(ff, mote_id)
    label = f"Ändra {MOTE_FALT[column]} för {m.rubrik}"
    if column == "justerat" and value is not None:
        label = f"Justera och lås protokollet för {m.rubrik}"  # what Ångra then takes back
    update_column(ff, "mote", mote_id, column, value, label)


def kontrollera_justering(ff: ForbundFile, mote_id: int, justerat: dt.date) -> None:
    """Refuse, with the reason, a justering that ``andra_mote`` would refuse; stores nothing.

    The editor asks before it locks a protokoll, and asks only about a date that can be kept.
    """
    m = mote(ff, mote_id)
    if m is None:
        raise Ogiltigt("Mötet finns inte längre.")
    if justerat < m.datum:
        raise Ogiltigt(f"Protokollet kan inte justeras ({justerat}) före mötet ({m.datum}).")
    ensure_protokoll_open(ff, mote_id)


def ta_bort_mote(ff: ForbundFile, mote_id: int) -> None:
    m = mote(ff, mote_id)
    if m is None:
        return
    ensure_protokoll_open(ff, mote_id)
    kept = ff.query(
        "SELECT count(*) AS n FROM justering WHERE mote_id = ? AND status IN ('ute', 'justerad')",
        (mote_id,),
    )
    if kept[0]["n"]:
        raise Ogiltigt(
            f"{m.rubrik} har handlingar som är ute för underskrift eller underskrivna (ett "
            "utdrag eller årsredovisningen) och kan inte tas bort: originalen hör till arkivet."
        )
    with ff.write(f"Ta bort {m.rubrik}") as db:
        db.execute("DELETE FROM mote WHERE id = ?", (mote_id,))


# -- ärenden --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Arende:
    id: int
    mote_id: int
    ordning: int
    paragraf: int | None
    rubrik: str
    underlag: str
    beslut: str
    insats_id: int | None
    insats: str
    ansvarig: str
    senast: dt.date | None
    beslut_status: BeslutStatus | None
    diskussion: str = ""


def arenden(ff: ForbundFile, mote_id: int) -> list[Arende]:
    rows = ff.query(
        "SELECT a.*, coalesce(i.namn, '') AS insats FROM arende a "
        "LEFT JOIN insats i ON i.id = a.insats_id WHERE a.mote_id = ? ORDER BY a.ordning, a.id",
        (mote_id,),
    )
    return [
        Arende(
            r["id"],
            r["mote_id"],
            r["ordning"],
            r["paragraf"],
            r["rubrik"],
            r["underlag"],
            r["beslut"],
            r["insats_id"],
            r["insats"],
            r["ansvarig"],
            _date(r["senast"]),
            BeslutStatus(r["beslut_status"]) if r["beslut_status"] else None,
            r["diskussion"],
        )
        for r in rows
    ]


def arende(ff: ForbundFile, arende_id: int) -> Arende | None:
    mote_id = ff.scalar("SELECT mote_id FROM arende WHERE id = ?", (arende_id,))
    if mote_id is None:
        return None
    return next(a for a in arenden(ff, mote_id) if a.id == arende_id)


def paragrafer(numbers: list[int | None]) -> str:
    """The § numbers as printed, in runs: "§ 40–48", "§ 1–3, 5"; "" when there are none."""
    found = sorted({n for n in numbers if n is not None})
    runs: list[list[int]] = []
    for n in found:
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    text = ", ".join(f"{r[0]}–{r[-1]}" if len(r) > 1 else str(r[0]) for r in runs)
    return f"§ {text}" if text else ""


#: Why an ärende without § has no protokollsutdrag.
UTDRAG_UTAN_PARAGRAF = (
    "Ärendet har ingen § och står därför inte som paragraf i protokollet. "
    "Ge det en § för att göra ett utdrag."
)


def arende_med_paragraf(ff: ForbundFile, mote_id: int, paragraf: int) -> Arende:
    """The ärende printed as § ``paragraf`` in this meeting's protokoll; a § that is not in
    the meeting (or is printed twice there) is refused, naming the § it has."""
    m = mote(ff, mote_id)
    if m is None:
        raise Refusal(f"Det finns inget möte med id {mote_id}.")
    items = arenden(ff, mote_id)
    found = [a for a in items if a.paragraf == paragraf]
    if len(found) > 1:
        raise Refusal(
            f"§ {paragraf} står på {len(found)} ärenden i {m.rubrik}. Rätta numreringen "
            "innan utdraget skrivs."
        )
    if not found:
        has = paragrafer([a.paragraf for a in items])
        raise Refusal(
            f"{m.rubrik} har ingen § {paragraf}. "
            + (f"Mötets paragrafer är {has}." if has else "Mötet har inga paragrafer (§).")
        )
    return found[0]


def nasta_paragraf(ff: ForbundFile, mote_id: int) -> int | None:
    """The next § of a styrelsemöte: one after the highest so far that year up to this
    meeting; None for meetings without §."""
    m = mote(ff, mote_id)
    if m is None or m.typ not in PROTOKOLLFORDA:
        return None
    highest = ff.scalar(
        "SELECT max(a.paragraf) FROM arende a JOIN mote mo ON mo.id = a.mote_id "
        "WHERE strftime('%Y', mo.datum) = :ar AND (mo.datum < :d OR mo.id = :id)",
        {"ar": str(m.datum.year), "d": m.datum.isoformat(), "id": mote_id},
    )
    return (highest or 0) + 1


def nytt_arende(ff: ForbundFile, mote_id: int, rubrik: str) -> int:
    """Add an ärende last on the list, with the next § when the meeting has §."""
    rubrik = text_required(rubrik, "Rubriken")
    m = mote(ff, mote_id)
    if m is None:
        raise Ogiltigt("Mötet finns inte längre.")
    ensure_protokoll_open(ff, mote_id)
    paragraf = nasta_paragraf(ff, mote_id)
    ordning = (ff.scalar("SELECT max(ordning) FROM arende WHERE mote_id = ?", (mote_id,)) or 0) + 1
    label = f"Nytt ärende {'§ ' + str(paragraf) + ' ' if paragraf else ''}{rubrik}"
    values = {"mote_id": mote_id, "ordning": ordning, "paragraf": paragraf, "rubrik": rubrik}
    return insert_row(ff, "arende", values, label)


ARENDE_FALT = {
    "rubrik": "rubrik",
    "paragraf": "§",
    "underlag": "underlag",
    "beslut": "beslut",
    "insats_id": "kopplad insats",
    "ansvarig": "ansvarig",
    "senast": "senast",
    "beslut_status": "status",
    "diskussion": "diskussion",
}

#: What may still change once the protokoll is justerat: the follow-up of the beslut.
EFTER_JUSTERING = frozenset({"beslut_status"})


def ensure_protokoll_open(ff: ForbundFile, mote_id: int) -> None:
    """Refuse to change a justerat protokoll: its text is what the justerare signed."""
    m = mote(ff, mote_id)
    if m is not None and m.justerat is not None:
        raise Ogiltigt(
            f"Protokollet för {m.rubrik} är justerat {m.justerat.isoformat()} och låst. "
            "Välj ”Öppna för rättelse” och skriv varför för att rätta det; rättelsen står "
            "sedan kvar i protokollet."
        )
    out = ff.query(
        "SELECT version, skickad FROM justering WHERE mote_id = ? AND status = 'ute' "
        "AND dokument = 'protokoll'",
        (mote_id,),
    )
    if m is not None and out:
        raise Ogiltigt(
            f"Protokollet för {m.rubrik} är ute för justering (version {out[0]['version']}, "
            f"skickad {out[0]['skickad']}) och låst: det som skrivs under får inte ändras. "
            "Återkalla justeringen för att ändra protokollet."
        )


def andra_arende(ff: ForbundFile, arende_id: int, column: str, value: Any) -> None:
    if column not in ARENDE_FALT:
        raise KeyError(column)
    a = arende(ff, arende_id)
    if a is None:
        raise Ogiltigt("Ärendet finns inte längre.")
    if column not in EFTER_JUSTERING:
        ensure_protokoll_open(ff, a.mote_id)
    if column == "rubrik":
        value = text_required(value, "Rubriken")
    elif column in ("underlag", "beslut", "ansvarig", "diskussion"):
        value = value.strip()
    elif column == "paragraf" and value is not None and value <= 0:
        raise Ogiltigt("En § är ett heltal från 1.")
    if getattr(a, column) == value:
        return
    label = f"Ändra {ARENDE_FALT[column]} för ärendet {a.rubrik}"
    update_column(ff, "arende", arende_id, column, value, label)


def flytta_arende(ff: ForbundFile, arende_id: int, steg: int) -> None:
    """Move an ärende up (−1) or down (+1) the list; § numbers follow the order."""
    a = arende(ff, arende_id)
    if a is None:
        return
    ensure_protokoll_open(ff, a.mote_id)
    items = arenden(ff, a.mote_id)
    i = next(i for i, x in enumerate(items) if x.id == arende_id)
    j = i + steg
    if not 0 <= j < len(items):
        return
    other = items[j]
    with ff.write(f"Flytta ärendet {a.rubrik}") as db:
        db.execute(
            "UPDATE arende SET ordning = ?, paragraf = ? WHERE id = ?",
            (j + 1, other.paragraf, a.id),
        )
        db.execute(
            "UPDATE arende SET ordning = ?, paragraf = ? WHERE id = ?",
            (i + 1, a.paragraf, other.id),
        )


def ta_bort_arende(ff: ForbundFile, arende_id: int) -> None:
    a = arende(ff, arende_id)
    if a is None:
        return
    ensure_protokoll_open(ff, a.mote_id)
    with ff.write(f"Ta bort ärendet {a.rubrik}") as db:
        db.execute("DELETE FROM arende WHERE id = ?", (arende_id,))


def numrera_om(ff: ForbundFile, ar: int) -> None:
    """Number the ärenden of the ar's styrelsemöten 1, 2, 3… in meeting and list order."""
    rows = ff.query(
        "SELECT a.id, a.paragraf FROM arende a JOIN mote mo ON mo.id = a.mote_id "
        "WHERE strftime('%Y', mo.datum) = ? AND mo.typ IN ('styrelsemote', 'extra_styrelsemote') "
        "ORDER BY mo.datum, mo.starttid, mo.id, a.ordning, a.id",
        (str(ar),),
    )
    if all(r["paragraf"] == n for n, r in enumerate(rows, start=1)):
        return
    changed = {r["id"] for n, r in enumerate(rows, start=1) if r["paragraf"] != n}
    locked = ff.query(
        "SELECT DISTINCT mo.id FROM mote mo JOIN arende a ON a.mote_id = mo.id "
        f"WHERE mo.justerat IS NOT NULL AND a.id IN ({', '.join('?' * len(changed))})",
        sorted(changed),
    )
    if locked:
        names = ", ".join(m.rubrik for r in locked if (m := mote(ff, r["id"])) is not None)
        raise Ogiltigt(
            f"Omnumreringen skulle ändra § i justerade protokoll ({names}). Öppna dem för "
            "rättelse först, eller ändra § för hand i de möten som inte är justerade."
        )
    with ff.write(f"Numrera om § {ar}") as db:
        for n, r in enumerate(rows, start=1):
            db.execute("UPDATE arende SET paragraf = ? WHERE id = ?", (n, r["id"]))


def beviljandetext(insats: str, ore: int, ar: int) -> str:
    """The standard sentence of a grant: "Styrelsen beviljar 25 000 kr till X för 2023.".

    The amount comes before the name: after a name ending in a number ("Psykiatriveckan
    vecka 45") it read as one figure ("vecka 45 80 000 kr", 4 580 000)."""
    return f"Styrelsen beviljar {format_amount(ore, suffix=True)} till {insats} för {ar}."


def bevilja(ff: ForbundFile, arende_id: int, insats_id: int, ar: int, ore: int) -> bool:
    """The styrelse grants ``insats_id`` ``ore`` for ``ar`` under this ärende.

    One write: the ärende is linked to the insats and its status is Klar; the insats's
    beviljat for ``ar`` is set (and an insats still before its decision becomes Beviljad with
    the meeting's date and §). One undo takes all of it back. An empty beslut gets the
    standard sentence (:func:`beviljandetext`); a beslut the user wrote is kept as written,
    since it already says what was decided. Returns whether the sentence was written.
    """
    a = arende(ff, arende_id)
    if a is None:
        raise Ogiltigt("Ärendet finns inte längre.")
    ensure_protokoll_open(ff, a.mote_id)
    m = mote(ff, a.mote_id)
    ins = insatser.hamta(ff, insats_id)
    if m is None or ins is None:
        raise Ogiltigt("Insatsen finns inte längre.")
    text = beviljandetext(ins.namn, ore, ar)
    # What the user wrote is the beslut; the standard sentence only fills an empty one.
    beslut = a.beslut if a.beslut.strip() else text
    paragraf = f"§ {a.paragraf}" if a.paragraf else ""
    with ff.write(f"Bevilja {ins.namn} {format_amount(ore, suffix=True)} för {ar}") as db:
        insatser.bevilja_i(db, insats_id, ar, ore, m.datum, paragraf)
        db.execute(
            "UPDATE arende SET insats_id = ?, beslut = ?, beslut_status = 'klar' WHERE id = ?",
            (insats_id, beslut, arende_id),
        )
    return not a.beslut.strip()


# -- närvaro --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Narvaro:
    """A seat at a meeting: who holds it and whether they were there and voted."""

    uppdrag_id: int
    person_id: int
    person: str
    medlem_id: int
    medlem: str
    roll: Roll
    funktion: Funktion | None
    #: Attendance is recorded for this seat (else the defaults below are shown).
    registrerad: bool
    narvarande: bool
    tjanstgorande: bool

    @property
    def rostar(self) -> bool:
        return self.narvarande and (self.roll is Roll.LEDAMOT or self.tjanstgorande)


def narvaro(ff: ForbundFile, mote_id: int) -> list[Narvaro]:
    """Every seat held on the meeting's day (and any seat recorded though not held then).

    A seat without a record shows as a ledamot present / an ersättare present, not serving.
    """
    m = mote(ff, mote_id)
    if m is None:
        return []
    recorded = {
        r["uppdrag_id"]: r
        for r in ff.query(
            "SELECT uppdrag_id, narvarande, tjanstgorande FROM narvaro WHERE mote_id = ?",
            (mote_id,),
        )
    }
    result = []
    for u in styrelse.alla_uppdrag(ff):
        r = recorded.get(u.id)
        if r is None and not u.active_on(m.datum):
            continue
        result.append(_narvaro_of(u, r))
    return result


def _narvaro_of(u, r: dict | None) -> Narvaro:
    """A seat's närvaro at a meeting: as recorded in ``r``, else present, not tjänstgörande."""
    return Narvaro(
        u.id,
        u.person_id,
        u.person,
        u.medlem_id,
        u.medlem,
        u.roll,
        u.funktion,
        r is not None,
        bool(r["narvarande"]) if r else True,
        bool(r["tjanstgorande"]) if r else False,
    )


def registrerad_narvaro(ff: ForbundFile) -> dict[int, list[Narvaro]]:
    """The attendance recorded at every meeting, by meeting, each in seat (uppdrag) order:
    what :func:`narvaro` gives with ``registrerad`` for one meeting, read in two queries
    instead of two per meeting (the checks read every meeting)."""
    seats = {u.id: u for u in styrelse.alla_uppdrag(ff)}
    found: dict[int, list[Narvaro]] = {}
    for r in ff.query(
        "SELECT mote_id, uppdrag_id, narvarande, tjanstgorande FROM narvaro "
        "ORDER BY mote_id, uppdrag_id"
    ):
        u = seats.get(r["uppdrag_id"])
        if u is None:  # as narvaro(): only seats the förbund has
            continue
        found.setdefault(r["mote_id"], []).append(_narvaro_of(u, r))
    return found


@dataclass(frozen=True)
class Beslutforhet:
    tjanstgorande: int
    ledamoter: int

    @property
    def beslutfor(self) -> bool:
        return self.ledamoter > 0 and self.tjanstgorande * 2 >= self.ledamoter

    @property
    def text(self) -> str:
        word = "Beslutför" if self.beslutfor else "Inte beslutför"
        return (
            f"{word}: {self.tjanstgorande} av {self.ledamoter} ledamöter tjänstgör "
            "(minst hälften krävs)."
        )


def beslutforhet(rows: list[Narvaro]) -> Beslutforhet:
    """Voting seats (present ledamöter and serving ersättare, at most one per ledamot seat of
    the member) against the ledamot seats."""
    ledamot_seats: dict[int, int] = {}
    voting: dict[int, int] = {}
    for r in rows:
        if r.roll is Roll.LEDAMOT:
            ledamot_seats[r.medlem_id] = ledamot_seats.get(r.medlem_id, 0) + 1
        if r.rostar:
            voting[r.medlem_id] = voting.get(r.medlem_id, 0) + 1
    present = sum(min(n, ledamot_seats.get(m, 0)) for m, n in voting.items())
    return Beslutforhet(present, sum(ledamot_seats.values()))


def _write_narvaro(db, mote_id: int, r: Narvaro, narvarande: bool, tjanstgor: bool) -> None:
    db.execute(
        "INSERT INTO narvaro (mote_id, uppdrag_id, narvarande, tjanstgorande) VALUES (?, ?, ?, ?) "
        "ON CONFLICT (mote_id, uppdrag_id) DO UPDATE SET narvarande = excluded.narvarande, "
        "tjanstgorande = excluded.tjanstgorande",
        (mote_id, r.uppdrag_id, int(narvarande), int(tjanstgor)),
    )


def satt_narvaro(ff: ForbundFile, mote_id: int, uppdrag_id: int, narvarande: bool) -> None:
    """Mark a seat present or absent; the whole list is recorded in one write.

    An absent ledamot's place is offered to a present ersättare of the same member who is not
    serving yet (marked tjänstgörande); when the ledamot is back, that ersättare steps down.
    """
    _check_narvaro_typ(ff, mote_id)
    ensure_protokoll_open(ff, mote_id)
    rows = narvaro(ff, mote_id)
    seat = next((r for r in rows if r.uppdrag_id == uppdrag_id), None)
    if seat is None:
        raise Ogiltigt("Platsen finns inte vid mötet.")
    state = {r.uppdrag_id: (r.narvarande, r.tjanstgorande) for r in rows}
    state[uppdrag_id] = (narvarande, seat.tjanstgorande and narvarande)
    label = f"{seat.person} {'närvarande' if narvarande else 'frånvarande'}"
    same = [r for r in rows if r.medlem_id == seat.medlem_id and r.roll is Roll.ERSATTARE]
    if seat.roll is Roll.LEDAMOT:
        absent = sum(
            1
            for r in rows
            if r.medlem_id == seat.medlem_id
            and r.roll is Roll.LEDAMOT
            and not state[r.uppdrag_id][0]
        )
        serving = [r for r in same if state[r.uppdrag_id][1]]
        if len(serving) < absent:
            free = next((r for r in same if state[r.uppdrag_id] == (True, False)), None)
            if free is not None:
                state[free.uppdrag_id] = (True, True)
                label += f", {free.person} tjänstgör"
        elif len(serving) > absent:
            for r in serving[absent:]:
                state[r.uppdrag_id] = (True, False)
                label += f", {r.person} tjänstgör inte"
    with ff.write(label) as db:
        for r in rows:
            _write_narvaro(db, mote_id, r, *state[r.uppdrag_id])


def _check_narvaro_typ(ff: ForbundFile, mote_id: int) -> None:
    m = mote(ff, mote_id)
    if m is not None and m.typ in TJANSTEMANNAGRUPPER:
        raise Ogiltigt(
            f"Närvaro per styrelseplats förs inte för {m.typ.label.lower()}, som består av "
            "tjänstepersoner."
        )


def satt_tjanstgorande(ff: ForbundFile, mote_id: int, uppdrag_id: int, tjanstgor: bool) -> None:
    _check_narvaro_typ(ff, mote_id)
    ensure_protokoll_open(ff, mote_id)
    rows = narvaro(ff, mote_id)
    seat = next((r for r in rows if r.uppdrag_id == uppdrag_id), None)
    if seat is None:
        raise Ogiltigt("Platsen finns inte vid mötet.")
    if tjanstgor and seat.roll is not Roll.ERSATTARE:
        return
    if tjanstgor and not seat.narvarande:
        raise Ogiltigt(f"{seat.person} är frånvarande och kan inte tjänstgöra.")
    label = f"{seat.person} {'tjänstgör' if tjanstgor else 'tjänstgör inte'}"
    with ff.write(label) as db:
        for r in rows:
            tj = tjanstgor if r.uppdrag_id == uppdrag_id else r.tjanstgorande
            _write_narvaro(db, mote_id, r, r.narvarande, tj)


# -- justerare ----------------------------------------------------------------------------------


def justerare(ff: ForbundFile, mote_id: int) -> list[tuple[int, str]]:
    rows = ff.query(
        "SELECT p.id, p.namn FROM justerare j JOIN person p ON p.id = j.person_id "
        "WHERE j.mote_id = ? ORDER BY p.namn COLLATE SWEDISH",
        (mote_id,),
    )
    return [(r["id"], r["namn"]) for r in rows]


def franvarande(ff: ForbundFile, mote_id: int) -> dict[int, str]:
    """People with a seat at the meeting who were not there (none of their seats present)."""
    rows = narvaro(ff, mote_id)
    present = {r.person_id for r in rows if r.narvarande}
    return {r.person_id: r.person for r in rows if r.person_id not in present}


def satt_justerare(ff: ForbundFile, mote_id: int, person_ids: list[int]) -> None:
    """One or two justerare chosen at the meeting, among those present."""
    wanted = list(dict.fromkeys(person_ids))
    if len(wanted) > 2:
        raise Ogiltigt("Välj en eller två justerare.")
    if {p for p, _ in justerare(ff, mote_id)} == set(wanted):
        return
    absent = franvarande(ff, mote_id)
    for pid in wanted:
        if pid in absent:
            raise Ogiltigt(
                f"{absent[pid]} är frånvarande vid mötet och kan inte justera protokollet."
            )
    ensure_protokoll_open(ff, mote_id)
    with ff.write("Välj justerare") as db:
        db.execute("DELETE FROM justerare WHERE mote_id = ?", (mote_id,))
        for pid in wanted:
            db.execute("INSERT INTO justerare (mote_id, person_id) VALUES (?, ?)", (mote_id, pid))


# -- föredragningslistan: stående punkter, förra mötet, öppna beslut ------------------------------


def dagordningsmall(ff: ForbundFile, typ: MoteTyp) -> list[str]:
    """The standing items of ``typ``'s föredragningslista, in order (the förbund edits them)."""
    rows = ff.query(
        "SELECT rubrik FROM dagordningsmall WHERE typ = ? ORDER BY ordning", (typ.value,)
    )
    return [r["rubrik"] for r in rows]


def spara_dagordningsmall(ff: ForbundFile, typ: MoteTyp, rubriker: list[str]) -> None:
    """Replace ``typ``'s standing items by ``rubriker`` (in that order); one write."""
    spara_dagordningsmallar(ff, {typ: rubriker})


def spara_dagordningsmallar(ff: ForbundFile, mallar: dict[MoteTyp, list[str]]) -> None:
    """Replace the standing items of each kind in ``mallar``; all or nothing, one write.

    Empty lines are dropped and each item is trimmed; an item twice in a list is refused.
    """
    clean: dict[MoteTyp, list[str]] = {}
    for typ, rubriker in mallar.items():
        items = [r.strip() for r in rubriker if r.strip()]
        seen: set[str] = set()
        for r in items:
            if r.casefold() in seen:
                raise Ogiltigt(f"”{r}” står två gånger i mallen för {typ.label.lower()}.")
            seen.add(r.casefold())
        if items != dagordningsmall(ff, typ):
            clean[typ] = items
    if not clean:
        return
    names = ", ".join(t.label.lower() for t in clean)
    with ff.write(f"Ändra stående punkter för {names}") as db:
        for typ, items in clean.items():
            db.execute("DELETE FROM dagordningsmall WHERE typ = ?", (typ.value,))
            for n, r in enumerate(items, start=1):
                db.execute(
                    "INSERT INTO dagordningsmall (typ, ordning, rubrik) VALUES (?, ?, ?)",
                    (typ.value, n, r),
                )


def _lagg_till(ff: ForbundFile, mote_id: int, rubriker: list[tuple[str, str]], label: str) -> int:
    """Append ärenden (rubrik, underlag) in one write, § following on for styrelsemöten."""
    ensure_protokoll_open(ff, mote_id)
    paragraf = nasta_paragraf(ff, mote_id)
    ordning = (ff.scalar("SELECT max(ordning) FROM arende WHERE mote_id = ?", (mote_id,)) or 0) + 1
    with ff.write(label) as db:
        for n, (rubrik, underlag) in enumerate(rubriker):
            db.execute(
                "INSERT INTO arende (mote_id, ordning, paragraf, rubrik, underlag) "
                "VALUES (?, ?, ?, ?, ?)",
                (mote_id, ordning + n, paragraf + n if paragraf else None, rubrik, underlag),
            )
    return len(rubriker)


def lagg_in_staende_punkter(ff: ForbundFile, mote_id: int) -> int:
    """Put the meeting kind's standing items on the list (those not there yet); one write."""
    m = mote(ff, mote_id)
    if m is None:
        raise Ogiltigt("Mötet finns inte längre.")
    have = {a.rubrik.casefold() for a in arenden(ff, mote_id)}
    wanted = [(p, "") for p in dagordningsmall(ff, m.typ) if p.casefold() not in have]
    if not wanted:
        return 0
    return _lagg_till(ff, mote_id, wanted, f"Stående punkter för {m.rubrik}")


def foregaende_mote(ff: ForbundFile, mote_id: int) -> Mote | None:
    """The last meeting of the same kind before this one."""
    m = mote(ff, mote_id)
    if m is None:
        return None
    typer = PROTOKOLLFORDA if m.typ in PROTOKOLLFORDA else {m.typ}
    rows = ff.query(
        _MOTE_SQL.format(where="WHERE mo.datum < :d OR (mo.datum = :d AND mo.id < :id)")
        + " ORDER BY mo.datum DESC, mo.id DESC",
        {"id": mote_id, "d": m.datum.isoformat()},
    )
    return next((x for x in map(_mote, rows) if x.typ in typer), None)


def kopiera_foregaende(ff: ForbundFile, mote_id: int) -> int:
    """Copy the rubriker (and underlag) of the previous meeting of the kind; one write.

    Beslut, discussion and follow-up stay with the old meeting: only the list is copied.
    """
    m = mote(ff, mote_id)
    prev = foregaende_mote(ff, mote_id)
    if m is None or prev is None:
        raise Ogiltigt("Det finns inget tidigare möte av samma slag att kopiera från.")
    items = [(a.rubrik, a.underlag) for a in arenden(ff, prev.id)]
    if not items:
        raise Ogiltigt(f"{prev.rubrik} har inga ärenden att kopiera.")
    return _lagg_till(ff, mote_id, items, f"Kopiera föredragningslistan från {prev.rubrik}")


def foreslagna_arenden(ff: ForbundFile, mote_id: int) -> list[Arende]:
    """Open or ongoing beslut of earlier meetings: proposed as items for uppföljning."""
    m = mote(ff, mote_id)
    if m is None:
        return []
    ids = ff.query(
        "SELECT a.mote_id FROM arende a JOIN mote mo ON mo.id = a.mote_id "
        "WHERE a.beslut_status IN ('oppen', 'pagar') AND mo.datum < ? "
        "GROUP BY a.mote_id",
        (m.datum.isoformat(),),
    )
    found = [
        a
        for r in ids
        for a in arenden(ff, r["mote_id"])
        if a.beslut_status in (BeslutStatus.OPPEN, BeslutStatus.PAGAR)
    ]
    return found


def foreslag_rubrik(a: Arende) -> str:
    paragraf = f" (§ {a.paragraf})" if a.paragraf else ""
    return f"Uppföljning: {a.rubrik}{paragraf}"


def lagg_in_foreslag(ff: ForbundFile, mote_id: int, arende_ids: list[int]) -> int:
    """Take proposed open beslut onto the list as uppföljning items; one write."""
    wanted = [a for a in foreslagna_arenden(ff, mote_id) if a.id in set(arende_ids)]
    if not wanted:
        return 0
    items = [(foreslag_rubrik(a), a.beslut) for a in wanted]
    return _lagg_till(ff, mote_id, items, "Lägg in öppna beslut som ärenden")


# -- rättelser ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rattelse:
    """A justerat protokoll opened again to be corrected: when, the justering it had, why."""

    id: int
    mote_id: int
    datum: dt.date
    tidigare_justerat: dt.date
    orsak: str

    @property
    def text(self) -> str:
        return (
            f"Protokollet, justerat {self.tidigare_justerat.isoformat()}, öppnades för rättelse "
            f"{self.datum.isoformat()}: {self.orsak}"
        )


def rattelser(ff: ForbundFile, mote_id: int) -> list[Rattelse]:
    rows = ff.query("SELECT * FROM rattelse WHERE mote_id = ? ORDER BY datum, id", (mote_id,))
    return [
        Rattelse(
            r["id"],
            r["mote_id"],
            dt.date.fromisoformat(r["datum"]),
            dt.date.fromisoformat(r["tidigare_justerat"]),
            r["orsak"],
        )
        for r in rows
    ]


def oppna_for_rattelse(ff: ForbundFile, mote_id: int, orsak: str, idag: dt.date) -> None:
    """Open a justerat protokoll to correct it; one write.

    The reason, the day and the justering it had are kept for good and printed in the
    protokoll; the protokoll is justerat again (a new date) once corrected.
    """
    orsak = text_required(orsak, "Orsaken till rättelsen")
    m = mote(ff, mote_id)
    if m is None:
        raise Ogiltigt("Mötet finns inte längre.")
    if m.justerat is None:
        raise Ogiltigt(f"Protokollet för {m.rubrik} är inte justerat; ändra det direkt.")
    with ff.write(f"Öppna protokollet för {m.rubrik} för rättelse") as db:
        db.execute(
            "INSERT INTO rattelse (mote_id, datum, tidigare_justerat, orsak) VALUES (?, ?, ?, ?)",
            (mote_id, max(idag, m.justerat).isoformat(), m.justerat.isoformat(), orsak),
        )
        db.execute("UPDATE mote SET justerat = NULL WHERE id = ?", (mote_id,))
