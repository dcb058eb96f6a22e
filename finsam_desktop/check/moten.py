"""Meetings: närvaro within the seats, one vote per ledamot seat, a quorum, § once a year,
and no document left out for signing."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .. import moten, styrelse
from ..model import JusteringDokument, MoteTyp, Roll
from ..swedish import join_list
from .finding import Finding

if TYPE_CHECKING:
    from ..storage import ForbundFile

#: Definite forms for sentences: "Vid styrelsemötet 2025-02-13 …".
_MOTET = {
    MoteTyp.STYRELSEMOTE: "styrelsemötet",
    MoteTyp.EXTRA_STYRELSEMOTE: "det extra styrelsemötet",
    MoteTyp.BEREDNING: "beredningsmötet",
    MoteTyp.MEDLEMSSAMRAD: "medlemssamrådet",
    MoteTyp.OVRIGT: "mötet",
}


def _oldest_first(ff: ForbundFile) -> list[moten.Mote]:
    return sorted(moten.moten(ff), key=lambda m: (m.datum, m.id))


def check_narvaro(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Attendance: seats valid on the day, one vote per ledamot seat, a quorum."""
    seats = {s.id: s for s in styrelse.alla_uppdrag(ff)}
    recorded = moten.registrerad_narvaro(ff)  # in seat order, every meeting at once
    for mote in _oldest_first(ff):
        attendance = recorded.get(mote.id)
        if not attendance:
            continue
        day = mote.datum
        what = f"Vid {_MOTET.get(mote.typ, 'mötet')} {day.isoformat()}"
        for row in attendance:
            seat = seats[row.uppdrag_id]
            if not seat.active_on(day):
                yield Finding(
                    "narvaro_utanfor_uppdrag",
                    f"{what} är {seat.person} antecknad som {seat.roll.label.lower()} "
                    f"för {seat.medlem}, men uppdraget gäller {seat.fran}–{seat.till or ''}.",
                    "fel",
                    "mote",
                    mote.id,
                    day.year,
                )
            if row.tjanstgorande and not row.narvarande:
                yield Finding(
                    "tjanstgor_utan_narvaro",
                    f"{what} är {seat.person} ({seat.medlem}) antecknad som tjänstgörande "
                    "men inte närvarande.",
                    "fel",
                    "mote",
                    mote.id,
                    day.year,
                )
        if mote.typ not in moten.PROTOKOLLFORDA:
            continue
        voting: dict[int, list[str]] = defaultdict(list)
        for row in attendance:
            if row.rostar:
                voting[row.medlem_id].append(row.person)
        ledamot_seats: dict[int, int] = defaultdict(int)
        names: dict[int, str] = {}
        for seat in seats.values():
            names[seat.medlem_id] = seat.medlem
            if seat.roll is Roll.LEDAMOT and seat.active_on(day):
                ledamot_seats[seat.medlem_id] += 1
        for medlem_id, people in sorted(voting.items()):
            if len(people) > ledamot_seats[medlem_id]:
                yield Finding(
                    "dubbel_tjanstgoring",
                    f"{what} tjänstgör {len(people)} för {names[medlem_id]} "
                    f"({join_list(people)}), som har {ledamot_seats[medlem_id]} ledamotsplats"
                    f"{'er' if ledamot_seats[medlem_id] != 1 else ''}; en ersättare tjänstgör "
                    "bara i stället för en frånvarande ledamot.",
                    "fel",
                    "mote",
                    mote.id,
                    day.year,
                )
        total_seats = sum(ledamot_seats.values())
        present = sum(min(len(p), ledamot_seats[m]) for m, p in voting.items())
        if day <= today and total_seats and present * 2 < total_seats:
            yield Finding(
                "ej_beslutfor",
                f"{what} tjänstgjorde {present} av {total_seats} ledamöter; styrelsen är "
                "beslutför först när minst hälften är närvarande.",
                "varning",
                "mote",
                mote.id,
                day.year,
            )


@dataclass(frozen=True)
class _Numbered:
    """An ärende with a § number: what the § check reads of it."""

    id: int
    paragraf: int
    rubrik: str


def check_paragrafer(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """A § number stands once in a year."""
    seen: dict[tuple[int, int], tuple[str, dt.date]] = {}
    numbered: dict[int, list[dict]] = defaultdict(list)  # one query, not one per meeting
    for a in ff.query(
        "SELECT id, mote_id, paragraf, rubrik FROM arende WHERE paragraf IS NOT NULL "
        "ORDER BY mote_id, ordning, id"
    ):
        numbered[a["mote_id"]].append(a)
    for mote in _oldest_first(ff):
        for row in numbered.get(mote.id, ()):
            a = _Numbered(row["id"], row["paragraf"], row["rubrik"])
            key = (mote.datum.year, a.paragraf)
            if key in seen:
                rubrik, datum = seen[key]
                yield Finding(
                    "paragraf_dubbel",
                    f"§ {a.paragraf} {mote.datum.year} finns två gånger: ”{rubrik}” "
                    f"({datum}) och ”{a.rubrik}” ({mote.datum}).",
                    "fel",
                    "arende",
                    a.id,
                    mote.datum.year,
                )
            else:
                seen[key] = (a.rubrik, mote.datum)


#: Days a document may be out for signing before the förbund is reminded: a protokoll is to
#: be justerat within 14 days of the meeting (kommunallagen 5 kap. 69 §, the usual practice
#: for a styrelse too), and a signing service's round rarely needs longer.
UTE_DAGAR = 14


def check_underskrifter(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """A protokoll, utdrag or årsredovisning out for signing longer than two weeks."""
    from .. import justering

    rows = ff.query(
        "SELECT mote_id, dokument, paragraf, ar, version, skickad FROM justering "
        "WHERE status = 'ute' ORDER BY skickad, mote_id"
    )
    for r in rows:
        skickad = dt.date.fromisoformat(r["skickad"])
        days = (today - skickad).days
        m = moten.mote(ff, r["mote_id"])
        if days <= UTE_DAGAR or m is None:
            continue
        h = justering.Handling(
            r["mote_id"], JusteringDokument(r["dokument"]), r["paragraf"], r["ar"]
        )
        namn = h.namn(m)
        yield Finding(
            "ute_for_underskrift",
            f"{namn[:1].upper()}{namn[1:]} har varit ute för underskrift sedan "
            f"{skickad.isoformat()} ({days} dagar, {h.versionsord.lower()} {r['version']}): "
            "ta emot den signerade filen, påminn dem som ska skriva under, eller återkalla.",
            "varning",
            "justering",
            h,
            h.ar or m.datum.year,
        )
