"""Read-only queries the views need, until they move into the data layer.

Every function takes an open :class:`~finsam_desktop.storage.ForbundFile` and returns plain
records (frozen dataclasses with domain types: vocabularies, dates, Decimal, integer öre), never
Qt types and never formatted text. SQL belongs in ``finsam_desktop``; these are listed in the
hand-over so they can move there and the views keep calling the same names.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from finsam_desktop import ekonomi
from finsam_desktop.model import (
    Funktion,
    InsatsStatus,
    InsatsTyp,
    MoteTyp,
    Ring,
    Roll,
    Upprepning,
)
from finsam_desktop.storage import ForbundFile


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


# -- the förbund and its members ----------------------------------------------------------------


@dataclass(frozen=True)
class Forbund:
    namn: str
    organisationsnummer: str


def forbund(ff: ForbundFile) -> Forbund:
    rows = ff.query("SELECT namn, organisationsnummer FROM forbund WHERE id = 1")
    if not rows:
        return Forbund(ff.path.stem, "")
    return Forbund(rows[0]["namn"], rows[0]["organisationsnummer"])


# -- insatser -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class InsatsRad:
    """One insats with its money for one year."""

    id: int
    namn: str
    typ: InsatsTyp
    agare: str
    status: InsatsStatus
    ansokan_datum: dt.date | None
    start: dt.date | None
    slut: dt.date | None
    ar: int
    beviljat_ore: int | None
    #: Förbrukat as the insats reported it for ``ar``; while the year runs (nothing reported
    #: yet), the costs booked on the insats in the year's utfall so far.
    forbrukat_ore: int | None
    #: The insats has a row of money (beviljat, förbrukat or planerat) for ``ar``.
    har_belopp: bool
    #: ``forbrukat_ore`` comes from the utfall, not from the insats's own report.
    forbrukat_enligt_utfall: bool = False

    def galler_ar(self, year: int) -> bool:
        """Whether the insats belongs to ``year``: money that year, or a period touching it."""
        if self.har_belopp:
            return True
        first = self.start or self.ansokan_datum
        if first is None:
            return False
        return first.year <= year and (self.slut is None or self.slut.year >= year)


def insatser(ff: ForbundFile, year: int) -> list[InsatsRad]:
    """Every insats, with its beviljat and förbrukat for ``year`` (None when not recorded)."""
    rows = ff.query(
        """
        SELECT i.id, i.namn, i.typ, coalesce(m.namn, '') AS agare, i.status,
               i.ansokan_datum, i.start, i.slut,
               a.beviljat_ore, a.forbrukat_ore, a.insats_id IS NOT NULL AS har_belopp
        FROM insats i
        LEFT JOIN medlem m ON m.id = i.agare_id
        LEFT JOIN insats_ar a ON a.insats_id = i.id AND a.ar = :ar
        ORDER BY i.namn COLLATE SWEDISH
        """,
        {"ar": year},
    )
    booked = ekonomi.utfall_per_insats(ff, year)
    result = []
    for r in rows:
        forbrukat, from_utfall = r["forbrukat_ore"], False
        if forbrukat is None and r["id"] in booked:
            forbrukat, from_utfall = -booked[r["id"]], True  # costs are negative in utfall
        result.append(
            InsatsRad(
                id=r["id"],
                namn=r["namn"],
                typ=InsatsTyp(r["typ"]),
                agare=r["agare"],
                status=InsatsStatus(r["status"]),
                ansokan_datum=_date(r["ansokan_datum"]),
                start=_date(r["start"]),
                slut=_date(r["slut"]),
                ar=year,
                beviljat_ore=r["beviljat_ore"],
                forbrukat_ore=forbrukat,
                har_belopp=bool(r["har_belopp"]) or from_utfall,
                forbrukat_enligt_utfall=from_utfall,
            )
        )
    return result


def insats_ar(ff: ForbundFile) -> list[int]:
    """Years for which any insats has money recorded, oldest first."""
    return [r["ar"] for r in ff.query("SELECT DISTINCT ar FROM insats_ar ORDER BY ar")]


@dataclass(frozen=True)
class ArsSumma:
    ar: int
    beviljat_ore: int
    forbrukat_ore: int
    antal_insatser: int
    #: Some of the förbrukat comes from the utfall so far (the year is not reported yet).
    enligt_utfall: bool
    #: The last month the utfall covers, when it is monthly.
    utfall_till_manad: int | None


def insatser_summa(ff: ForbundFile, year: int) -> ArsSumma:
    """Beviljat and förbrukat summed over every insats for ``year`` (as :func:`insatser`)."""
    rows = [r for r in insatser(ff, year) if r.beviljat_ore is not None or r.forbrukat_ore]
    return ArsSumma(
        year,
        sum(r.beviljat_ore or 0 for r in rows),
        sum(r.forbrukat_ore or 0 for r in rows),
        sum(1 for r in rows if r.beviljat_ore),
        any(r.forbrukat_enligt_utfall for r in rows),
        utfall_till_manad(ff, year),
    )


def utfall_till_manad(ff: ForbundFile, year: int) -> int | None:
    """The last month of ``year`` with monthly utfall, None if the year has whole-year rows."""
    rows = ff.query(
        "SELECT max(manad) AS manad, sum(manad IS NULL) AS helar FROM utfall WHERE ar = ?",
        (year,),
    )
    if not rows or rows[0]["helar"]:
        return None
    return rows[0]["manad"]


# -- styrelse -----------------------------------------------------------------------------------


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


def styrelse_pa(ff: ForbundFile, day: dt.date) -> list[Uppdrag]:
    """The seats held on ``day``, by member order, ledamöter before ersättare."""
    rows = ff.query(
        """
        SELECT u.id, p.namn AS person, m.id AS medlem_id, m.namn AS medlem, u.roll,
               u.funktion, u.fran, u.till
        FROM uppdrag u
        JOIN person p ON p.id = u.person_id
        JOIN medlem m ON m.id = u.medlem_id
        WHERE u.fran <= :d AND (u.till IS NULL OR u.till >= :d)
        ORDER BY m.ordning, m.namn COLLATE SWEDISH, u.roll = 'ersattare',
                 u.funktion IS NULL, u.funktion = 'vice_ordforande', p.namn COLLATE SWEDISH
        """,
        {"d": day.isoformat()},
    )
    return [
        Uppdrag(
            r["id"],
            r["person"],
            r["medlem_id"],
            r["medlem"],
            Roll(r["roll"]),
            Funktion(r["funktion"]) if r["funktion"] else None,
            dt.date.fromisoformat(r["fran"]),
            _date(r["till"]),
        )
        for r in rows
    ]


@dataclass(frozen=True)
class Revisor:
    id: int
    namn: str
    medlemmar: tuple[str, ...]
    fran: dt.date | None
    till: dt.date | None


def revisorer_pa(ff: ForbundFile, day: dt.date) -> list[Revisor]:
    """Revisorer serving on ``day`` (open-ended dates count as serving)."""
    rows = ff.query(
        """
        SELECT r.id, r.namn, r.fran, r.till, m.namn AS medlem
        FROM revisor r
        LEFT JOIN revisor_medlem rm ON rm.revisor_id = r.id
        LEFT JOIN medlem m ON m.id = rm.medlem_id
        WHERE (r.fran IS NULL OR r.fran <= :d) AND (r.till IS NULL OR r.till >= :d)
        ORDER BY r.namn COLLATE SWEDISH, r.id, m.ordning, m.namn COLLATE SWEDISH
        """,
        {"d": day.isoformat()},
    )
    found: dict[int, Revisor] = {}
    for r in rows:
        prev = found.get(r["id"])
        members = (*prev.medlemmar, r["medlem"]) if prev else (r["medlem"],)
        found[r["id"]] = Revisor(
            r["id"],
            r["namn"],
            tuple(m for m in members if m),
            _date(r["fran"]),
            _date(r["till"]),
        )
    return list(found.values())


# -- möten --------------------------------------------------------------------------------------


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


def moten(ff: ForbundFile, year: int | None = None) -> list[Mote]:
    """Meetings, newest first; of one year when ``year`` is given."""
    where, params = ("WHERE strftime('%Y', mo.datum) = ?", (str(year),)) if year else ("", ())
    rows = ff.query(
        f"""
        SELECT mo.id, mo.typ, mo.datum, mo.starttid, mo.sluttid, mo.plats, mo.justerat,
               (SELECT count(*) FROM arende a WHERE a.mote_id = mo.id) AS antal
        FROM mote mo {where}
        ORDER BY mo.datum DESC, mo.starttid DESC, mo.id DESC
        """,
        params,
    )
    return [_mote(r) for r in rows]


def kommande_moten(ff: ForbundFile, today: dt.date, limit: int = 5) -> list[Mote]:
    """The next meetings from ``today`` on, soonest first."""
    rows = ff.query(
        """
        SELECT mo.id, mo.typ, mo.datum, mo.starttid, mo.sluttid, mo.plats, mo.justerat,
               (SELECT count(*) FROM arende a WHERE a.mote_id = mo.id) AS antal
        FROM mote mo WHERE mo.datum >= ?
        ORDER BY mo.datum, mo.starttid, mo.id LIMIT ?
        """,
        (today.isoformat(), limit),
    )
    return [_mote(r) for r in rows]


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
    )


def mote_ar(ff: ForbundFile) -> list[int]:
    """Years with meetings, newest first."""
    rows = ff.query("SELECT DISTINCT CAST(strftime('%Y', datum) AS INTEGER) AS ar FROM mote")
    return sorted((r["ar"] for r in rows), reverse=True)


# -- årshjul ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArshjulPost:
    id: int
    ring: Ring
    rubrik: str
    datum: dt.date
    slut: dt.date | None
    upprepning: Upprepning
    beskrivning: str


def arshjul_poster(ff: ForbundFile) -> list[ArshjulPost]:
    rows = ff.query(
        "SELECT id, ring, rubrik, datum, slut, upprepning, beskrivning FROM arshjul_post "
        "ORDER BY datum, rubrik COLLATE SWEDISH"
    )
    return [
        ArshjulPost(
            r["id"],
            Ring(r["ring"]),
            r["rubrik"],
            dt.date.fromisoformat(r["datum"]),
            _date(r["slut"]),
            Upprepning(r["upprepning"]),
            r["beskrivning"],
        )
        for r in rows
    ]


def arshjul_klara(ff: ForbundFile, year: int) -> set[int]:
    """Ids of årshjul entries marked done for ``year``."""
    return {
        r["post_id"] for r in ff.query("SELECT post_id FROM arshjul_klar WHERE ar = ?", (year,))
    }
