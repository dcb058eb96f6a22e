"""Dates as Swedish offices write them: ISO 8601 (2025-11-28), ISO week numbers."""

from __future__ import annotations

import datetime as dt
import re

from .errors import Refusal


class DateError(Refusal):
    """Text that is not a date. The message is Swedish and says what was expected."""


def stored_date(text: str | None) -> dt.date | None:
    """A date as the förbund file stores it: ISO text, or NULL (or empty) for none."""
    return dt.date.fromisoformat(text) if text else None


def parse_date(value: str | dt.date | dt.datetime) -> dt.date:
    """Read a date: a date object, "2025-11-28", "20251128" or "2025-11-28 00:00:00"."""
    if isinstance(value, dt.datetime):
        if value.time() != dt.time(0, 0):
            raise DateError(f"{value} har ett klockslag; ange bara datum.")
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    m = re.fullmatch(r"(\d{4})-?(\d{2})-?(\d{2})(?:[ T]00:00(?::00)?)?", s)
    if not m:
        raise DateError(f"”{s}” är inte ett datum; skriv år-månad-dag, till exempel 2025-11-28.")
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise DateError(f"”{s}” är inget giltigt datum.") from None


def format_date(value: dt.date | None) -> str:
    """ISO form, the way Swedish public documents write dates: 2025-11-28."""
    return "" if value is None else value.isoformat()


def iso_week(value: dt.date) -> int:
    """ISO 8601 week number (2026-12-31 is in week 53)."""
    return value.isocalendar().week
