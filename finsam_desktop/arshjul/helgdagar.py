"""Swedish public holidays and the days offices treat as holidays (de-facto helgdagar)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


@lru_cache(maxsize=32)
def _year(year: int) -> tuple[tuple[dt.date, str], ...]:
    import holidays  # ~30 ms to import: not at the app's start, where no holiday is asked for

    days: dict[dt.date, str] = {}
    # holidays.Sweden counts every Sunday as a holiday unless told not to.
    for day, name in holidays.Sweden(years=year, include_sundays=False, language="sv").items():
        days[day] = name
    # De-facto holidays: offices are closed, though the law does not name them.
    days.setdefault(dt.date(year, 12, 24), "Julafton")
    days.setdefault(dt.date(year, 12, 31), "Nyårsafton")
    midsommarafton = next(
        dt.date(year, 6, d) for d in range(19, 26) if dt.date(year, 6, d).weekday() == 4
    )
    days.setdefault(midsommarafton, "Midsommarafton")
    return tuple(sorted(days.items()))


@lru_cache(maxsize=32)
def _lookup(year: int) -> dict[dt.date, str]:
    return dict(_year(year))  # not handed out: helgdagar gives a copy


def helgdagar(year: int) -> dict[dt.date, str]:
    """Public and de-facto holidays of ``year``, date → Swedish name."""
    return dict(_year(year))


def helgdag(day: dt.date) -> str | None:
    """The holiday's name when ``day`` is one, else None."""
    return _lookup(day.year).get(day)


def flag(day: dt.date) -> str:
    """Why ``day`` is a poor day for a deadline or meeting: a holiday or a weekend; else ""."""
    name = helgdag(day)
    if name:
        return f"Infaller på en helgdag ({name.lower()})."
    if day.isoweekday() == 6:
        return "Infaller på en lördag."
    if day.isoweekday() == 7:
        return "Infaller på en söndag."
    return ""


def workday_before(day: dt.date) -> dt.date:
    """``day`` or the nearest working day before it."""
    while day.isoweekday() >= 6 or helgdag(day):
        day -= dt.timedelta(days=1)
    return day
