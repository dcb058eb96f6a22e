"""The Styrelse table: per member, its ledamöter beside its ersättare, on one date."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from itertools import zip_longest
from typing import Any

from PySide6.QtGui import QFont

from finsam_desktop.model import Roll
from finsam_desktop.styrelse import Uppdrag

from .base import Column, RecordTableModel


@dataclass(frozen=True)
class StyrelseRad:
    """One line of the board table: a member's ledamot and the ersättare beside them."""

    medlem: str
    ledamot: Uppdrag | None
    ersattare: Uppdrag | None
    #: The first line of its member (the member's name is shown only there).
    forsta: bool


def styrelse_rader(seats: list[Uppdrag]) -> list[StyrelseRad]:
    """Pair each member's ledamöter with its ersättare, in the order the query gave them."""
    by_member: dict[int, tuple[str, list[Uppdrag], list[Uppdrag]]] = {}
    for seat in seats:
        _, ledamoter, ersattare = by_member.setdefault(seat.medlem_id, (seat.medlem, [], []))
        (ledamoter if seat.roll is Roll.LEDAMOT else ersattare).append(seat)
    rows = []
    for medlem, ledamoter, ersattare in by_member.values():
        for i, (led, ers) in enumerate(zip_longest(ledamoter, ersattare)):
            rows.append(StyrelseRad(medlem, led, ers, i == 0))
    return rows


def seat_text(seat: Uppdrag | None) -> str:
    if seat is None:
        return ""
    if seat.funktion is not None:
        return f"{seat.person}, {seat.funktion.label.lower()}"
    return seat.person


def _bold(bold: bool) -> Any:
    if not bold:
        return None
    font = QFont()
    font.setBold(True)
    return font


def _seat_hint(seat: Uppdrag | None) -> str | None:
    if seat is None:
        return None
    period = f"från {seat.fran.isoformat()}"
    if seat.till:
        period += f" till och med {seat.till.isoformat()}"
    return f"{seat.roll.label} för {seat.medlem}, {period}"


def _seat_column(header: str, seat: Callable[[StyrelseRad], Uppdrag | None]) -> Column[StyrelseRad]:
    """A column of one seat per line: the person, the presidium in bold."""
    return Column(
        header,
        lambda row: seat_text(seat(row)),
        lambda row: s.person if (s := seat(row)) else None,
        hint=lambda row: _seat_hint(seat(row)),
        font=lambda row: _bold((s := seat(row)) is not None and s.funktion is not None),
    )


class StyrelseModel(RecordTableModel[StyrelseRad]):
    def __init__(self, parent=None):
        super().__init__(
            [
                Column(
                    "Medlem",
                    lambda row: row.medlem if row.forsta else "",
                    lambda row: row.medlem,
                    font=lambda row: _bold(row.forsta),
                ),
                _seat_column("Ledamot", lambda row: row.ledamot),
                _seat_column("Ersättare", lambda row: row.ersattare),
            ],
            parent,
        )


class UppdragModel(RecordTableModel[Uppdrag]):
    """Every seat ever registered, with its period: the list the user edits."""

    def __init__(self, parent=None):
        super().__init__(
            [
                Column("Medlem", lambda u: u.medlem),
                Column("Namn", lambda u: u.person),
                Column("Roll", lambda u: u.roll.label),
                Column("Ordförande/vice", lambda u: u.funktion.label if u.funktion else ""),
                Column("Från", lambda u: u.fran.isoformat(), lambda u: u.fran),
                Column(
                    "Till",
                    lambda u: u.till.isoformat() if u.till else "tills vidare",
                    lambda u: u.till,
                ),
            ],
            parent,
        )
