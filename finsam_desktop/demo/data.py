"""What every part of the demo shares: its data, the day it is made for, and small helpers.

The data is ``resources/demo/norradalen.toml`` (package ``finsam_resources``); its header says
how to read it. :class:`Demo` holds the data, the day, the arbetsbok :class:`Content` being
filled and what one part hands the next (a person's number, the decisions of held meetings).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
import zlib
from dataclasses import dataclass, field
from typing import Any

import finsam_resources

from ..arbetsbok import Content
from ..arbetsbok.cells import Column
from ..arshjul.helgdagar import helgdag
from ..money import Unit, format_amount

#: How many years before the year the demo is made for the file keeps (closed years).
CLOSED_YEARS = 3


@functools.cache
def load() -> dict[str, Any]:
    """The demo's data file, read once."""
    text = finsam_resources.path("demo", "norradalen.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


@dataclass
class Demo:
    """The demo being made for ``today``: its data and the content filled so far."""

    today: dt.date
    content: Content
    data: dict[str, Any] = field(default_factory=load)
    #: A member's name -> its number in the file (its place in the members' order, from 1).
    medlem: dict[str, int] = field(default_factory=dict)
    #: A person's name -> its number in the file (in the order first named, from 1).
    person: dict[str, int] = field(default_factory=dict)
    #: What held meetings decided: ("budget", year) or ("insats", name) -> (date, §).
    beslut: dict[tuple[str, Any], tuple[dt.date, int]] = field(default_factory=dict)

    @property
    def first_year(self) -> int:
        """The first year the file keeps."""
        return self.today.year - CLOSED_YEARS

    def year(self, relative: int) -> int:
        """A year of the data (0 = the year the demo is made for) as a calendar year."""
        return self.today.year + relative

    def date(self, spec: dict[str, int]) -> dt.date:
        """A date of the data: {ar, manad, dag}, its year relative like :meth:`year`."""
        return dt.date(self.year(spec["ar"]), spec["manad"], spec["dag"])

    def staten(self, year: int) -> int:
        """The state's driftbidrag in kronor (the list runs from the first year kept)."""
        return self.data["ekonomi"]["staten"][year - self.first_year]

    def driftbidrag(self, year: int) -> int:
        """The members' whole driftbidrag in kronor: the region and kommuner match the state."""
        return 2 * self.staten(year)

    def underskott(self, year: int) -> list[int] | None:
        """The results of the budget for ``year`` and its two plan years (kronor) when it
        takes eget kapital in use; None for a budget that balances."""
        for u in self.data["ekonomi"]["underskott"]:
            if self.year(u["ar"]) == year:
                return u["resultat"]
        return None


def by_year(demo: Demo, spec: dict[str, Any], key: str) -> dict[int, int]:
    """A list of amounts of the data (from ``forsta_ar``, else the first year kept) by year."""
    first = demo.year(spec.get("forsta_ar", -CLOSED_YEARS))
    return {first + k: amount for k, amount in enumerate(spec.get(key, ()))}


def record(columns: list[Column], **values: Any) -> dict[str, Any]:
    """A record of the arbetsbok as its sheet reader makes it of a row with only these cells
    filled: every other column takes its blank value, so a new column needs nothing here."""
    blank = _blank(tuple(columns))
    if not values.keys() <= blank.keys():
        raise KeyError(f"no such column: {sorted(values.keys() - blank.keys())}")
    return {**blank, **values}


@functools.cache
def _blank(columns: tuple[Column, ...]) -> dict[str, Any]:
    return {c.field: c.blank_value for c in columns}


class _Texts(dict):
    """Format values for a text of the data: {ar-1}, {ar+2} are years around {ar}."""

    def __missing__(self, key: str) -> Any:
        m = re.fullmatch(r"ar([+-]\d+)", key)
        if m is None or "ar" not in self:
            raise KeyError(key)
        return self["ar"] + int(m[1])


def text(template: str, **values: Any) -> str:
    """A text of the data with its {…} filled in (see the data file's header)."""
    return template.format_map(_Texts(values))


def kr(kronor: int) -> str:
    """An amount as the demo's texts show it: "480 000 kr"."""
    return format_amount(kronor * 100, Unit.KR, suffix=True)


def vary(amount: int, key: str, spread: float) -> int:
    """A deterministic deviation of up to ±spread around amount, in whole kronor."""
    if not spread:
        return amount
    unit = (zlib.crc32(key.encode()) % 2001 - 1000) / 1000
    return round(amount * (1 + unit * spread))


# -- days ----------------------------------------------------------------------------------------


def workday(day: dt.date, step: int = 1) -> dt.date:
    """``day``, or the nearest working day after it (``step=-1``: before it)."""
    while day.isoweekday() >= 6 or helgdag(day):
        day += dt.timedelta(days=step)
    return day


def nth_weekday(year: int, month: int, isoweekday: int, n: int) -> dt.date:
    """The n:th given weekday (1 = Monday) of the month."""
    first = dt.date(year, month, 1)
    offset = (isoweekday - first.isoweekday()) % 7
    return first + dt.timedelta(days=offset + 7 * (n - 1))


def day_of(year: int, spec: dict[str, Any]) -> dt.date:
    """A recurring day of the data in ``year``: {manad, dag} or {manad, veckodag, nummer},
    moved to the next working day when ``arbetsdag`` says so."""
    if "dag" in spec:
        day = dt.date(year, spec["manad"], spec["dag"])
    else:
        day = nth_weekday(year, spec["manad"], spec["veckodag"], spec["nummer"])
    return workday(day) if spec.get("arbetsdag") else day
