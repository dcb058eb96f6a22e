"""Small pieces of Swedish text the views share: month names, plurals, lists with "och".

(Money, percentages and dates are formatted by finsam_desktop.money and ISO dates.)
"""

from __future__ import annotations

from collections.abc import Sequence

MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


def month_name(month: int, *, capital: bool = False) -> str:
    name = MONTH_NAMES[month - 1]
    return name.capitalize() if capital else name


def count(n: int, one: str, many: str) -> str:
    """A number with its noun in singular or plural: "1 insats", "3 insatser"."""
    return f"{n} {one if n == 1 else many}"


def join_and(items: Sequence[str]) -> str:
    """A list the Swedish way: "A", "A och B", "A, B och C"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " och " + items[-1]
