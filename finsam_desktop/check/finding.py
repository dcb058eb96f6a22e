"""What a check returns, and the few phrasings the checks share."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from ..money import Unit, format_amount
from ..swedish import join_list

Severity = Literal["fel", "varning"]


@dataclass(frozen=True)
class Finding:
    """One thing that does not add up, or one piece of advice."""

    code: str
    message: str
    severity: Severity
    table: str | None
    key: object
    year: int | None


def kr(ore: int | Decimal) -> str:
    return format_amount(int(ore), Unit.KR, suffix=True)


def diff(a: int, b: int) -> str:
    return f"skillnad {kr(abs(a - b))}"


def dates(days: list[dt.date], limit: int = 6) -> str:
    shown = [d.isoformat() for d in days[:limit]]
    if len(days) > limit:
        shown.append(f"{len(days) - limit} till")
    return join_list(shown)
