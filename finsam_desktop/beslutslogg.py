"""The decision log: every beslut of the styrelse with its status, who answers for it and when.

A beslut is an ärende whose beslut text or status is set. Its follow-up status (öppen, pågår,
klar) may change after the protokoll is justerat; the beslut itself may not.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dates import stored_date
from .model import BeslutStatus, MoteTyp

if TYPE_CHECKING:
    from .storage import ForbundFile


@dataclass(frozen=True)
class Beslut:
    arende_id: int
    mote_id: int
    mote_typ: MoteTyp
    datum: dt.date
    paragraf: int | None
    rubrik: str
    beslut: str
    insats_id: int | None
    insats: str
    ansvarig: str
    senast: dt.date | None
    status: BeslutStatus | None

    #: The förbund's name for the meeting's group, if any (finsam_desktop.moten.Mote.grupp).
    mote_grupp: str = ""

    @property
    def mote(self) -> str:
        return f"{self.mote_grupp or self.mote_typ.label} {self.datum.isoformat()}"

    @property
    def oppen(self) -> bool:
        return self.status in (BeslutStatus.OPPEN, BeslutStatus.PAGAR)

    def forsenad(self, today: dt.date) -> bool:
        return self.oppen and self.senast is not None and self.senast < today


def beslut(
    ff: ForbundFile,
    *,
    mote_id: int | None = None,
    insats_id: int | None = None,
    status: BeslutStatus | None = None,
    bara_oppna: bool = False,
) -> list[Beslut]:
    """The log, newest meeting first and in § order within it; filtered as asked."""
    where = ["(trim(a.beslut) != '' OR a.beslut_status IS NOT NULL)"]
    params: list = []
    if mote_id is not None:
        where.append("a.mote_id = ?")
        params.append(mote_id)
    if insats_id is not None:
        where.append("a.insats_id = ?")
        params.append(insats_id)
    if status is not None:
        where.append("a.beslut_status = ?")
        params.append(status.value)
    if bara_oppna:
        where.append("a.beslut_status IN ('oppen', 'pagar')")
    rows = ff.query(
        "SELECT a.id, a.mote_id, mo.typ, mo.grupp, mo.datum, a.paragraf, a.rubrik, a.beslut, "
        "a.insats_id, coalesce(i.namn, '') AS insats, a.ansvarig, a.senast, a.beslut_status "
        "FROM arende a JOIN mote mo ON mo.id = a.mote_id "
        "LEFT JOIN insats i ON i.id = a.insats_id "
        f"WHERE {' AND '.join(where)} "
        "ORDER BY mo.datum DESC, mo.id DESC, a.ordning, a.id",
        tuple(params),
    )
    return [
        Beslut(
            r["id"],
            r["mote_id"],
            MoteTyp(r["typ"]),
            dt.date.fromisoformat(r["datum"]),
            r["paragraf"],
            r["rubrik"],
            r["beslut"],
            r["insats_id"],
            r["insats"],
            r["ansvarig"],
            stored_date(r["senast"]),
            BeslutStatus(r["beslut_status"]) if r["beslut_status"] else None,
            r["grupp"],
        )
        for r in rows
    ]


def oppna(ff: ForbundFile) -> list[Beslut]:
    """Open and ongoing beslut, the earliest deadline first (those without one last)."""
    found = beslut(ff, bara_oppna=True)
    return sorted(found, key=lambda b: (b.senast is None, b.senast or b.datum, b.datum))
