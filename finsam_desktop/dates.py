"""Dates as Swedish offices write them: ISO 8601 (2025-11-28), ISO week numbers."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable

from .errors import Refusal


class DateError(Refusal):
    """Text that is not a date. The message is Swedish and says what was expected."""


MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip

_EXAMPLE = "skriv år-månad-dag, till exempel 2025-11-28"
#: 2025-11-28, 2025-1-8 (the dashes make one-digit parts unambiguous) or 20251128.
_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})-(\d{1,2})|-?(\d{2})-?(\d{2}))(?:[ T]00:00(?::00)?)?")
#: 25-11-28 or 251128: which century is a guess, so it is refused.
_SHORT_YEAR = re.compile(r"\d{2}-?\d{2}-?\d{2}")


def stored_date(text: str | None) -> dt.date | None:
    """A date as the förbund file stores it: ISO text, or NULL (or empty) for none."""
    return dt.date.fromisoformat(text) if text else None


def parse_date(value: str | dt.date | dt.datetime) -> dt.date:
    """Read a date: a date object, "2025-11-28", "2025-1-8", "20251128" or "2025-11-28 00:00:00".

    A date that does not exist is refused, never moved to one that does: "2023-02-30" says
    that februari 2023 has 28 days.
    """
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise DateError(f"{value} har ett klockslag; ange bara datum.")
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    if not s:
        raise DateError(f"Datum saknas; {_EXAMPLE}.")
    m = _DATE.fullmatch(s)
    if not m:
        if _SHORT_YEAR.fullmatch(s):
            raise DateError(f"”{s}” har bara två siffror i året; {_EXAMPLE}.")
        raise DateError(f"”{s}” är inte ett datum; {_EXAMPLE}.")
    year, month, day = int(m[1]), int(m[2] or m[4]), int(m[3] or m[5])
    if year == 0 or not 1 <= month <= 12 or day == 0:
        raise DateError(f"”{s}” är inget giltigt datum.")
    last = calendar.monthrange(year, month)[1]
    if day > last:
        raise DateError(f"{s} finns inte: {MONTH_NAMES[month - 1]} {year} har {last} dagar.")
    return dt.date(year, month, day)


def format_date(value: dt.date | None) -> str:
    """ISO form, the way Swedish public documents write dates: 2025-11-28."""
    return "" if value is None else value.isoformat()


def iso_week(value: dt.date) -> int:
    """ISO 8601 week number (2026-12-31 is in week 53)."""
    return value.isocalendar().week


def year_choices(*years: int | Iterable[int]) -> list[int]:
    """The years a year list offers, newest first and with none skipped between the first
    and the last: meetings in 2023 and 2026 give 2026, 2025, 2024, 2023, not 2026 and 2023."""
    found: set[int] = set()
    for y in years:
        found |= {y} if isinstance(y, int) else set(y)
    return list(range(max(found), min(found) - 1, -1)) if found else []
