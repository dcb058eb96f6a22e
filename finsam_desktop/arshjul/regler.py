"""Årshjul rules: how a recurring date is found in a given year. Plain data, no storage.

A rule is a row of ``arshjul_regel``: a date every year ("31 mars"), the n:th weekday of a
month ("andra tisdagen i mars"), a weekday of an ISO week ("vecka 45, måndag"), or a whole
month; it may repeat only every n:th year (elections, mandate periods) and may depend on a
setting (the delårsrapport).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from ..model import Ring

MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip
WEEKDAYS = ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"]
ORDINALS = {1: "första", 2: "andra", 3: "tredje", 4: "fjärde", 5: "femte", -1: "sista"}

TYPER = {
    "datum": "Samma datum varje år",
    "veckodag": "Veckodag i en månad (t.ex. andra tisdagen i mars)",
    "vecka": "Veckodag i en viss vecka",
    "manad": "Hela månaden",
}


@dataclass(frozen=True)
class Regel:
    """One rule of the wheel. ``nyckel`` is its lasting identity (used in calendar UIDs)."""

    id: int | None
    nyckel: str
    ring: Ring
    rubrik: str
    typ: str
    manad: int | None = None
    dag: int | None = None
    nummer: int | None = None
    veckodag: int | None = None  # 1 = Monday … 7 = Sunday
    vecka: int | None = None
    dagar: int = 1
    intervall: int = 1
    bas_ar: int | None = None
    villkor: str = ""
    senast: bool = False
    aktiv: bool = True
    beskrivning: str = ""

    @classmethod
    def from_row(cls, r: dict) -> Regel:
        return cls(
            r["id"],
            r["nyckel"],
            Ring(r["ring"]),
            r["rubrik"],
            r["typ"],
            r["manad"],
            r["dag"],
            r["nummer"],
            r["veckodag"],
            r["vecka"],
            r["dagar"],
            r["intervall"],
            r["bas_ar"],
            r["villkor"],
            bool(r["senast"]),
            bool(r["aktiv"]),
            r["beskrivning"],
        )

    def row(self) -> dict:
        return {
            "nyckel": self.nyckel,
            "ring": self.ring.value,
            "rubrik": self.rubrik.strip(),
            "typ": self.typ,
            "manad": self.manad,
            "dag": self.dag,
            "nummer": self.nummer,
            "veckodag": self.veckodag,
            "vecka": self.vecka,
            "dagar": self.dagar,
            "intervall": self.intervall,
            "bas_ar": self.bas_ar,
            "villkor": self.villkor,
            "senast": int(self.senast),
            "aktiv": int(self.aktiv),
            "beskrivning": self.beskrivning,
        }

    def with_(self, **changes) -> Regel:
        return replace(self, **changes)

    # -- the rule in a year ---------------------------------------------------------------

    def applies_in(self, year: int) -> bool:
        """Whether the rule has an entry in ``year`` at all (every n:th year rules)."""
        if self.intervall <= 1 or self.bas_ar is None:
            return True
        return (year - self.bas_ar) % self.intervall == 0

    def dates(self, year: int) -> tuple[dt.date, dt.date] | None:
        """First and last day of the rule's entry in ``year``; None when it has none."""
        if not self.applies_in(year):
            return None
        length = max(1, self.dagar)
        if self.typ == "datum":
            start = month_day(year, self.manad or 1, self.dag or 1)
        elif self.typ == "veckodag":
            start = nth_weekday(year, self.manad or 1, (self.veckodag or 1), self.nummer or 1)
            if start is None:
                return None
        elif self.typ == "vecka":
            if (self.vecka or 1) > weeks_in_year(year):
                return None
            start = dt.date.fromisocalendar(year, self.vecka or 1, self.veckodag or 1)
        elif self.typ == "manad":
            month = self.manad or 1
            start = dt.date(year, month, 1)
            return start, dt.date(year, month, calendar.monthrange(year, month)[1])
        else:
            raise ValueError(self.typ)
        return start, start + dt.timedelta(days=length - 1)

    def describe(self) -> str:
        """The rule in words: "31 mars", "andra tisdagen i mars", "vecka 45, måndag–torsdag"."""
        if self.typ == "datum":
            text = f"{self.dag} {MONTHS[(self.manad or 1) - 1]}"
            if self.dagar > 1:
                start, end = self.dates(2025) or self.dates(2026) or (None, None)
                if end is not None and end.year == start.year:
                    text += f" – {end.day} {MONTHS[end.month - 1]}"
                else:
                    text += f", {self.dagar} dagar"
        elif self.typ == "veckodag":
            text = (
                f"{ORDINALS.get(self.nummer or 1, '')} {WEEKDAYS[(self.veckodag or 1) - 1]}en "
                f"i {MONTHS[(self.manad or 1) - 1]}"
            )
            if self.dagar > 1:
                text += f", {self.dagar} dagar"
        elif self.typ == "vecka":
            first = WEEKDAYS[(self.veckodag or 1) - 1]
            if self.dagar > 1:
                last = WEEKDAYS[((self.veckodag or 1) - 1 + self.dagar - 1) % 7]
                text = f"vecka {self.vecka}, {first}–{last}"
            else:
                text = f"vecka {self.vecka}, {first}"
        else:
            text = f"hela {MONTHS[(self.manad or 1) - 1]}"
        if self.intervall > 1 and self.bas_ar is not None:
            then = self.bas_ar + self.intervall
            text += f", vart {_nth_word(self.intervall)} år ({self.bas_ar}, {then} …)"
        if self.villkor:
            text += " (om förbundet gör delårsrapport)"
        return text


def _nth_word(n: int) -> str:
    return {2: "annat", 3: "tredje", 4: "fjärde", 5: "femte"}.get(n, f"{n}:e")


def month_day(year: int, month: int, day: int) -> dt.date:
    """``day`` of ``month``; a day past the month's end is its last day (29 Feb → 28 Feb)."""
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date | None:
    """The n:th ``weekday`` (1 = Monday) of the month; n = -1 the last. None if none (5th)."""
    if n == -1:
        last = dt.date(year, month, calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (n - 1))
    return day if day.month == month else None


def weeks_in_year(year: int) -> int:
    """52 or 53: the ISO week of 28 December is always the year's last."""
    return dt.date(year, 12, 28).isocalendar().week


def election_years(first: int, last: int) -> list[int]:
    """Swedish general elections in [first, last]: every fourth year (2018, 2022, 2026 …)."""
    return [y for y in range(first, last + 1) if (y - 2018) % 4 == 0]


#: The rules a new förbund file gets (schema step 0004 writes the same rows).
DEFAULT_RULES = [
    Regel(
        1,
        "arsredovisning",
        Ring.EKONOMI,
        "Årsredovisningen klar",
        "datum",
        manad=3,
        dag=31,
        senast=True,
        beskrivning="Bokslut och årsredovisning för förra året färdiga och beslutade av styrelsen.",
    ),
    Regel(
        2,
        "arsredovisning_medlemmar",
        Ring.EKONOMI,
        "Årsredovisning och revisionsberättelse till medlemmarna",
        "datum",
        manad=4,
        dag=30,
        senast=True,
        beskrivning=(
            "Årsredovisningen och revisorernas berättelse skickas till medlemmarna "
            "inför beslut om ansvarsfrihet."
        ),
    ),
    Regel(
        3,
        "delarsrapport",
        Ring.EKONOMI,
        "Delårsrapport per 31 augusti",
        "datum",
        manad=8,
        dag=31,
        villkor="delarsrapport",
        beskrivning=(
            "Delårsrapporten avser januari–augusti och behandlas av styrelsen under hösten."
        ),
    ),
    Regel(
        4,
        "statliga_medel_signal",
        Ring.EKONOMI,
        "Första signal om nästa års statliga medel",
        "manad",
        manad=9,
        dagar=30,
        beskrivning="Försäkringskassan ger ett första besked om nivån på nästa års statliga medel.",
    ),
    Regel(
        5,
        "medelstilldelning",
        Ring.EKONOMI,
        "Besked om medelstilldelning",
        "manad",
        manad=11,
        dagar=30,
        beskrivning="Medlemmarnas besked om nästa års medelstilldelning.",
    ),
    Regel(
        6,
        "verksamhetsplan_budget",
        Ring.STYRELSE,
        "Verksamhetsplan och budget beslutade",
        "datum",
        manad=11,
        dag=30,
        senast=True,
        beskrivning="Styrelsen beslutar verksamhetsplan och budget för nästa år.",
    ),
    Regel(
        7,
        "medlemssamrad",
        Ring.STYRELSE,
        "Medlemssamråd",
        "datum",
        manad=3,
        dag=1,
        dagar=92,
        beskrivning="Samråd med medlemmarna under våren om verksamheten och medelstilldelningen.",
    ),
    Regel(
        8,
        "internkontroll",
        Ring.EKONOMI,
        "Internkontroll, riskanalys och dataskydd",
        "manad",
        manad=12,
        dagar=31,
        beskrivning=(
            "Uppföljning av internkontrollplanen, risk- och väsentlighetsanalys och dataskyddet."
        ),
    ),
    Regel(
        9,
        "psykiatriveckan",
        Ring.INSATSER,
        "Psykiatriveckan",
        "vecka",
        veckodag=1,
        vecka=45,
        dagar=4,
        beskrivning="Vecka 45, måndag–torsdag.",
    ),
    Regel(
        10,
        "allmanna_val",
        Ring.STYRELSE,
        "Allmänna val",
        "veckodag",
        manad=9,
        nummer=2,
        veckodag=7,
        intervall=4,
        bas_ar=2022,
        beskrivning="Val till riksdag, region och kommun vart fjärde år.",
    ),
    Regel(
        11,
        "mandatperiod",
        Ring.STYRELSE,
        "Ny mandatperiod för styrelsen",
        "datum",
        manad=4,
        dag=1,
        intervall=4,
        bas_ar=2023,
        beskrivning=(
            "Ny mandatperiod börjar 1 april året efter allmänna val; medlemmarna "
            "utser ledamöter och ersättare."
        ),
    ),
]
