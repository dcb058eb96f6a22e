"""Swedish month names for the views.

(Lists and plurals are finsam_desktop.swedish; money, percentages and dates are formatted by
finsam_desktop.money and ISO dates.)
"""

from __future__ import annotations

MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


def month_name(month: int, *, capital: bool = False) -> str:
    name = MONTH_NAMES[month - 1]
    return name.capitalize() if capital else name
