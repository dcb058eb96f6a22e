"""The balansbudget: the balance at each year end of a budget version, beside its resultatbudget.

One :class:`Balansar` per column, as the verksamhetsplan prints them: "Prognos <current
year>" (the year before the budget year), "Budget N", "Plan N+1", "Plan N+2". Amounts are
integer öre, all positive as a balansräkning shows them (eget kapital may be negative).

The starting column, the current year's year end, rests on the best there is:

1. its bokslut, if the year is closed;
2. else a typed balansprognos (table ``balansprognos``, typed in the app or the arbetsbok);
3. else the last bokslut before it rolled forward: its anläggningstillgångar, fordringar,
   avsättningar and skulder kept, eget kapital the year's forecast.

Then each budget and plan year: eget kapital = the previous year's + the year's budgeted
result (:func:`~finsam_desktop.ekonomi.budget_resultat`, the change in eget kapital);
anläggningstillgångar, kortfristiga fordringar, avsättningar and skulder stay as in the
starting column; kassa och bank is what balances, so summa tillgångar = eget kapital +
avsättningar + skulder holds by construction in every budget year. The eget kapital of every
column is :func:`~finsam_desktop.ekonomi.eget_kapital_prognos`'s for that year (which takes a
typed prognosis's eget kapital as the year's forecast): one value for one quantity in every
report. ``finsam check`` flags a typed prognosis whose sides do not balance and a year whose
kassa och bank would turn negative (:mod:`finsam_desktop.check.bokslut`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import Enum
from typing import TYPE_CHECKING

from . import ekonomi
from .errors import Refusal

if TYPE_CHECKING:
    from .storage import ForbundFile


@dataclass(frozen=True)
class Falt:
    """One figure of a balansprognos: its column, its label, whether it may be negative."""

    namn: str
    etikett: str
    negativ: bool = False


#: The figures of a typed balansprognos, in the order of a balansräkning: the table's
#: columns, the arbetsbok's sheet and the app's form all read this one list.
PROGNOSFALT = (
    Falt("anlaggningstillgangar_ore", "Anläggningstillgångar"),
    Falt("kortfristiga_fordringar_ore", "Kortfristiga fordringar"),
    Falt("kassa_och_bank_ore", "Kassa och bank"),
    Falt("eget_kapital_ore", "Eget kapital", negativ=True),
    Falt("avsattningar_ore", "Avsättningar"),
    Falt("langfristiga_skulder_ore", "Långfristiga skulder"),
    Falt("kortfristiga_skulder_ore", "Kortfristiga skulder"),
)


class Grund(Enum):
    """What a column of the balansbudget rests on."""

    BOKSLUT = "bokslut"  # the closed year's bokslut
    PROGNOS = "prognos"  # a typed balansprognos
    FRAMSKRIVEN = "framskriven"  # the last bokslut rolled forward by the forecast result
    BUDGET = "budget"  # a budget or plan year of the version


@dataclass(frozen=True)
class Balansar:
    """One year end of the balansbudget, in öre."""

    ar: int
    grund: Grund
    anlaggningstillgangar: int
    kortfristiga_fordringar: int
    kassa_och_bank: int
    eget_kapital: int
    avsattningar: int
    langfristiga_skulder: int
    kortfristiga_skulder: int
    #: The year's budgeted result (the change in eget kapital); None for the starting column.
    resultat: int | None = None
    #: For a rolled-forward start: the bokslut year it rests on.
    fran_bokslut: int | None = None
    #: For a rolled-forward start forecast on monthly utfall: the last month of it.
    prognos_till_manad: int | None = None

    @property
    def omsattningstillgangar(self) -> int:
        return self.kortfristiga_fordringar + self.kassa_och_bank

    @property
    def summa_tillgangar(self) -> int:
        return self.anlaggningstillgangar + self.omsattningstillgangar

    @property
    def skulder(self) -> int:
        return self.langfristiga_skulder + self.kortfristiga_skulder

    @property
    def summa_eget_kapital_avsattningar_skulder(self) -> int:
        return self.eget_kapital + self.avsattningar + self.skulder

    @property
    def obalans(self) -> int:
        """Summa tillgångar − (eget kapital + avsättningar + skulder): 0 when it balances."""
        return self.summa_tillgangar - self.summa_eget_kapital_avsattningar_skulder


def _from_row(row: Mapping, grund: Grund) -> Balansar:
    return Balansar(
        ar=row["ar"],
        grund=grund,
        anlaggningstillgangar=row["anlaggningstillgangar_ore"],
        kortfristiga_fordringar=row["kortfristiga_fordringar_ore"],
        kassa_och_bank=row["kassa_och_bank_ore"],
        eget_kapital=row["eget_kapital_ore"],
        avsattningar=row["avsattningar_ore"],
        langfristiga_skulder=row["langfristiga_skulder_ore"],
        kortfristiga_skulder=row["kortfristiga_skulder_ore"],
    )


# -- the typed prognosis ------------------------------------------------------------------------


def balansprognos(ff: ForbundFile, ar: int) -> Balansar | None:
    """The typed balansprognos for the year end of ``ar``, None if there is none."""
    rows = ff.query("SELECT * FROM balansprognos WHERE ar = ?", (ar,))
    return _from_row(rows[0], Grund.PROGNOS) if rows else None


def balansprognos_ar(ff: ForbundFile) -> list[int]:
    """Years with a typed balansprognos, in order."""
    return [r["ar"] for r in ff.query("SELECT ar FROM balansprognos ORDER BY ar")]


def sparad_balansprognos(ff: ForbundFile, ar: int) -> dict[str, int]:
    """The year's stored prognosis by field (as :func:`spara_balansprognos` takes it);
    empty when the year has none."""
    rows = ff.query("SELECT * FROM balansprognos WHERE ar = ?", (ar,))
    return {f.namn: rows[0][f.namn] for f in PROGNOSFALT} if rows else {}


def spara_falt(
    ff: ForbundFile,
    table: str,
    nycklar: Mapping[str, int],
    falt: Mapping[str, int],
    lista: tuple[Falt, ...],
    label: str,
) -> None:
    """Store one row of balance figures (a field not given is 0) under its key columns
    ``nycklar`` in one action named ``label``; refuses, in Swedish, a negative figure where
    a balansräkning has none. The balansprognos and the delårsbalans are stored so."""
    known = {f.namn: f for f in lista}
    unknown = set(falt) - set(known)
    if unknown:
        raise ValueError(f"Okända fält i {table}: {sorted(unknown)}")
    for namn, value in falt.items():
        if value < 0 and not known[namn].negativ:
            raise Refusal(
                f"{known[namn].etikett} kan inte vara negativa i en balansräkning; skriv "
                "beloppen positiva."
            )
    values = {**nycklar, **{f.namn: falt.get(f.namn, 0) for f in lista}}
    names = ", ".join(values)
    marks = ", ".join("?" * len(values))
    with ff.write(label) as db:
        db.execute(
            f"INSERT OR REPLACE INTO {table} ({names}) VALUES ({marks})", tuple(values.values())
        )


def spara_balansprognos(ff: ForbundFile, ar: int, falt: Mapping[str, int]) -> None:
    """Store the year's balansprognos (a field not given is 0) in one action; refuses, in
    Swedish, a negative figure where a balansräkning has none and a year out of range."""
    if not 2004 <= ar <= 2200:
        raise Refusal(f"En balansprognos kan avse åren 2004–2200, inte {ar}.")
    spara_falt(ff, "balansprognos", {"ar": ar}, falt, PROGNOSFALT, f"Balansprognos {ar}")


def ta_bort_balansprognos(ff: ForbundFile, ar: int) -> None:
    """Remove the year's balansprognos (nothing happens if there is none)."""
    with ff.write(f"Ta bort balansprognos {ar}") as db:
        db.execute("DELETE FROM balansprognos WHERE ar = ?", (ar,))


# -- the balansbudget ---------------------------------------------------------------------------


def _start(ff: ForbundFile, ar: int, eget_kapital: int | None) -> Balansar | None:
    """The year end of ``ar`` the balansbudget starts from (see the module's rules)."""
    closed = ekonomi.bokslut(ff, ar)
    if closed is not None:
        return Balansar(
            ar, Grund.BOKSLUT, closed.anlaggningstillgangar, closed.kortfristiga_fordringar,
            closed.likvida_medel, closed.eget_kapital, closed.avsattningar,
            closed.langfristiga_skulder, closed.kortfristiga_skulder,
        )  # fmt: skip
    typed = balansprognos(ff, ar)
    if typed is not None:
        return typed
    earlier = [y for y in ekonomi.bokslut_ar(ff) if y < ar]
    if not earlier or eget_kapital is None:
        return None
    last = ekonomi.bokslut(ff, earlier[-1])
    assert last is not None
    kept = last.anlaggningstillgangar + last.kortfristiga_fordringar
    skulder = last.avsattningar + last.langfristiga_skulder + last.kortfristiga_skulder
    return Balansar(
        ar, Grund.FRAMSKRIVEN, last.anlaggningstillgangar, last.kortfristiga_fordringar,
        eget_kapital + skulder - kept, eget_kapital, last.avsattningar,
        last.langfristiga_skulder, last.kortfristiga_skulder, fran_bokslut=last.ar,
    )  # fmt: skip


def balansbudget(ff: ForbundFile, version_id: int) -> list[Balansar]:
    """The version's balansbudget: the current year's year end (the year before the budget
    year), then the budget year and the two plan years. Empty when there is nothing to start
    from (no bokslut for the current year or before it, and no typed prognosis)."""
    version = ff.query("SELECT * FROM budget_version WHERE id = ?", (version_id,))[0]
    years = ekonomi.budget_ar(version)
    forecast = {p.ar: p for p in ekonomi.eget_kapital_prognos(ff, version_id)}
    current = years[0] - 1
    base = forecast.get(current)
    start = _start(ff, current, base.eget_kapital if base else None)
    if start is None:
        return []
    if base is not None and start.grund is Grund.FRAMSKRIVEN:
        start = replace(start, prognos_till_manad=base.prognos_till_manad)
    out = [start]
    previous = start
    for year in years:
        resultat = ekonomi.budget_resultat(ff, version_id, year)
        ek = forecast[year].eget_kapital  # the one every report gives: previous + resultat
        fixed = previous.anlaggningstillgangar + previous.kortfristiga_fordringar
        skulder = previous.avsattningar + previous.skulder
        previous = Balansar(
            year, Grund.BUDGET, previous.anlaggningstillgangar, previous.kortfristiga_fordringar,
            ek + skulder - fixed, ek, previous.avsattningar, previous.langfristiga_skulder,
            previous.kortfristiga_skulder, resultat=resultat,
        )  # fmt: skip
        out.append(previous)
    return out
