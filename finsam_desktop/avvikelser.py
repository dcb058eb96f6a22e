"""Material deviations in the årsredovisning's driftredovisning, and the comment on each.

A row of the driftredovisning (:func:`finsam_desktop.ekonomi.driftredovisning`) is material
when its deviation from the budget (utfall − budget) is at least the setting
``avvikelse_procent`` per cent of its budget and at least ``avvikelse_belopp`` kr (a row with
no budget: the amount alone), once the year's utfall is whole. The årsredovisning prints each
such row under the table with the förbundschef's comment, written per year on the Rapporter
page as a section of its own ("Avvikelse: <row>"). Unlike the other texts a comment is the
year's own: last year's reasons are not carried into this year's report. ``finsam check``
warns of a material deviation without a comment in the latest closed year's årsredovisning
once its texts are begun and while it is not yet decided.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from . import ekonomi, rapporttexter
from .money import Unit, format_amount, format_percent
from .rapporttexter import AVVIKELSE
from .settings import get_setting

if TYPE_CHECKING:
    from .storage import ForbundFile

RAPPORT = "arsredovisning"


@dataclass(frozen=True)
class Avvikelse:
    """A material deviation: the row, the key its comment is stored under, its share."""

    rad: ekonomi.Driftrad
    nyckel: str

    @property
    def procent(self) -> Decimal | None:
        """The deviation as per cent of the budget (None for a row without a budget)."""
        if not self.rad.budget:
            return None
        return Decimal(self.rad.avvikelse) * 100 / abs(self.rad.budget)

    def storlek(self, unit: Unit) -> str:
        """How large it is, as the Rapporter page and the report say it: "124,8 tkr, 26 %"."""
        text = format_amount(self.rad.avvikelse, unit, suffix=True)
        return text if self.procent is None else f"{text}, {format_percent(self.procent / 100)}"


def nyckel(rad: ekonomi.Driftrad) -> str:
    """The section key of a row's comment: its group and its text (an insats's name), as
    the arbetsbok carries it (insats ids are not kept across an arbetsbok)."""
    return f"{AVVIKELSE}{rad.grupp.value}:{rad.text}"


def granser(ff: ForbundFile) -> tuple[Decimal, int]:
    """(per cent of the budget, öre) a deviation must reach on both counts to be material."""
    return get_setting(ff, "avvikelse_procent"), get_setting(ff, "avvikelse_belopp") * 100


def hel(ff: ForbundFile, ar: int) -> bool:
    """Whether the year's utfall is whole (a bokslut, or monthly utfall through December):
    a running year's full budget against some months' utfall is no deviation to explain."""
    if ekonomi.bokslut(ff, ar) is not None:
        return True
    return ekonomi.har_utfall(ff, ar) and ekonomi.lopande_manad(ff, ar) is None


def vasentliga(ff: ForbundFile, ar: int) -> list[Avvikelse]:
    """The year's material deviations, in the driftredovisning's order (none before the
    year's utfall is whole)."""
    if not hel(ff, ar):
        return []
    procent, belopp = granser(ff)
    out = []
    for rad in ekonomi.driftredovisning(ff, ar):
        a = Avvikelse(rad, nyckel(rad))
        if abs(rad.avvikelse) >= belopp and (a.procent is None or abs(a.procent) >= procent):
            out.append(a)
    return out


def kommentar(ff: ForbundFile, ar: int, key: str) -> str:
    """The comment written for ``ar`` ("" if none: never another year's)."""
    return rapporttexter.hamta(ff, RAPPORT, ar, key).text
