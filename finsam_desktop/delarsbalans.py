"""The delårsbalans: the balance at the end of a delårsrapport's period.

LKBR (2018:597) 13 kap. asks a delårsrapport for a balansräkning beside the resultaträkning.
The figures come from the ekonomienhet's balansrapport for the period's last day and are typed
in the app (Budget → Utfall och Excel → Delårsbalans…) or the arbetsbok's sheet Delårsbalans,
one row per year and month (the period January to that month). Amounts are integer öre, all
positive as a balansräkning shows them; eget kapital may be negative.

Its eget kapital should be the previous year end's (the bokslut) plus the period's result from
the monthly utfall: :func:`vantat_eget_kapital`; ``finsam check`` flags a difference and a
balance whose sides differ (:mod:`finsam_desktop.check.bokslut`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import ekonomi
from .balansbudget import Falt, spara_falt
from .errors import Refusal

if TYPE_CHECKING:
    from .storage import ForbundFile

#: The figures, in the order of a balansräkning: the table's columns, the arbetsbok's sheet
#: and the app's form read this one list.
FALT = (
    Falt("anlaggningstillgangar_ore", "Anläggningstillgångar"),
    Falt("kortfristiga_fordringar_ore", "Kortfristiga fordringar"),
    Falt("kortfristiga_placeringar_ore", "Kortfristiga placeringar"),
    Falt("kassa_och_bank_ore", "Kassa och bank"),
    Falt("eget_kapital_ore", "Eget kapital", negativ=True),
    Falt("avsattningar_ore", "Avsättningar"),
    Falt("langfristiga_skulder_ore", "Långfristiga skulder"),
    Falt("kortfristiga_skulder_ore", "Kortfristiga skulder"),
)


@dataclass(frozen=True)
class Delarsbalans(ekonomi.Balanssummor):
    """The balance at the end of month ``manad`` of ``ar``, in öre (its sums as a bokslut's)."""

    ar: int
    manad: int
    anlaggningstillgangar: int
    kortfristiga_fordringar: int
    kortfristiga_placeringar: int
    kassa_och_bank: int
    eget_kapital: int
    avsattningar: int
    langfristiga_skulder: int
    kortfristiga_skulder: int

    @property
    def datum(self) -> dt.date:
        """The period's last day."""
        return periodens_slut(self.ar, self.manad)


def periodens_slut(ar: int, manad: int) -> dt.date:
    return dt.date(ar, manad, calendar.monthrange(ar, manad)[1])


def _check_period(ar: int, manad: int) -> None:
    if not 2004 <= ar <= 2200:
        raise Refusal(f"En delårsbalans kan avse åren 2004–2200, inte {ar}.")
    if not 1 <= manad <= 11:
        raise Refusal(
            "En delårsbalans gäller en period som slutar i januari–november; balansen vid "
            "årets slut är bokslutets."
        )


def delarsbalans(ff: ForbundFile, ar: int, manad: int) -> Delarsbalans | None:
    """The typed balance at the end of month ``manad`` of ``ar``, None if there is none."""
    rows = ff.query("SELECT * FROM delarsbalans WHERE ar = ? AND manad = ?", (ar, manad))
    if not rows:
        return None
    row = rows[0]
    return Delarsbalans(ar, manad, *(row[f.namn] for f in FALT))


def perioder(ff: ForbundFile) -> list[tuple[int, int]]:
    """(year, month) of every typed delårsbalans, in order."""
    return [
        (r["ar"], r["manad"])
        for r in ff.query("SELECT ar, manad FROM delarsbalans ORDER BY ar, manad")
    ]


def sparad(ff: ForbundFile, ar: int, manad: int) -> dict[str, int]:
    """The stored figures by field (as :func:`spara` takes them); empty when there are none."""
    b = delarsbalans(ff, ar, manad)
    return {} if b is None else {f.namn: getattr(b, f.namn.removesuffix("_ore")) for f in FALT}


def spara(ff: ForbundFile, ar: int, manad: int, falt: Mapping[str, int]) -> None:
    """Store the balance at the end of the period (a field not given is 0) in one action;
    refuses, in Swedish, a negative figure where a balansräkning has none and a period that
    is not one."""
    _check_period(ar, manad)
    spara_falt(
        ff, "delarsbalans", {"ar": ar, "manad": manad}, falt, FALT,
        f"Delårsbalans per {periodens_slut(ar, manad).isoformat()}",
    )  # fmt: skip


def ta_bort(ff: ForbundFile, ar: int, manad: int) -> None:
    """Remove the period's balance (nothing happens if there is none)."""
    with ff.write(f"Ta bort delårsbalans per {periodens_slut(ar, manad).isoformat()}") as db:
        db.execute("DELETE FROM delarsbalans WHERE ar = ? AND manad = ?", (ar, manad))


def periodens_resultat(ff: ForbundFile, ar: int, manad: int) -> int:
    """The result of January to ``manad`` from the monthly utfall."""
    return ekonomi.arets_resultat(ff, ar, till_manad=manad)


def vantat_eget_kapital(ff: ForbundFile, ar: int, manad: int) -> int | None:
    """Eget kapital at the period's end as the books give it: the previous year end's (its
    bokslut) plus the period's result; None without that bokslut."""
    before = ekonomi.bokslut(ff, ar - 1)
    if before is None:
        return None
    return before.eget_kapital + periodens_resultat(ff, ar, manad)
