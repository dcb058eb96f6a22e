"""The förbund's own årshjul entries (``arshjul_post``), its rules and its wheel settings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ..model import Ring, Upprepning
from ..storage import ForbundFile
from .regler import Regel


@dataclass(frozen=True)
class ArshjulPost:
    id: int
    ring: Ring
    rubrik: str
    datum: dt.date
    slut: dt.date | None
    upprepning: Upprepning
    beskrivning: str

    def occurrence(self, year: int) -> tuple[dt.date, dt.date | None] | None:
        """When the entry falls in ``year``: yearly entries repeat from their first year on."""
        if self.upprepning is Upprepning.ARLIGEN:
            if self.datum.year > year:
                return None
            start = same_day_in(self.datum, year)
            end = None if self.slut is None else start + (self.slut - self.datum)
            return start, end
        if self.datum.year == year:
            return self.datum, self.slut
        return None


def same_day_in(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a year without it
        return dt.date(year, 2, 28)


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def arshjul_poster(ff: ForbundFile) -> list[ArshjulPost]:
    """The förbund's own entries, by date."""
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
    """Ids of the own entries ticked off for ``year``."""
    return {
        r["post_id"] for r in ff.query("SELECT post_id FROM arshjul_klar WHERE ar = ?", (year,))
    }


def regler(ff: ForbundFile, *, alla: bool = True) -> list[Regel]:
    """The förbund's rules in wheel order; ``alla=False`` only the active ones."""
    where = "" if alla else "WHERE aktiv = 1"
    rows = ff.query(f"SELECT * FROM arshjul_regel {where} ORDER BY id")
    return [Regel.from_row(r) for r in rows]


@dataclass(frozen=True)
class RegelAr:
    klar: bool
    datum: dt.date | None
    slut: dt.date | None


def regel_ar(ff: ForbundFile, years: list[int]) -> dict[tuple[int, int], RegelAr]:
    """(rule id, year) → that year's tick and moved dates."""
    marks = ",".join("?" * len(years)) or "NULL"
    rows = ff.query(f"SELECT * FROM arshjul_regel_ar WHERE ar IN ({marks})", tuple(years))
    return {
        (r["regel_id"], r["ar"]): RegelAr(bool(r["klar"]), _date(r["datum"]), _date(r["slut"]))
        for r in rows
    }


def startmanad(ff: ForbundFile) -> int:
    """The month the förbund's wheel year starts in (1 = January, the default)."""
    value = ff.scalar("SELECT varde FROM arshjul_installning WHERE nyckel = 'startmanad'")
    try:
        month = int(value) if value is not None else 1
    except ValueError:
        return 1
    return month if 1 <= month <= 12 else 1
