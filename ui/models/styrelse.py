"""The Styrelse table: per member, its ledamöter beside its ersättare, on one date."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum
from itertools import zip_longest
from typing import Any, ClassVar

from PySide6.QtGui import QFont

from finsam_desktop.model import Roll
from finsam_desktop.styrelse import Uppdrag

from .base import RecordTableModel


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


class StyrelseModel(RecordTableModel[StyrelseRad]):
    class Column(IntEnum):
        MEDLEM = 0
        LEDAMOT = 1
        ERSATTARE = 2

    headers: ClassVar[dict[int, str]] = {
        Column.MEDLEM: "Medlem",
        Column.LEDAMOT: "Ledamot",
        Column.ERSATTARE: "Ersättare",
    }

    def _seat(self, row: StyrelseRad, column: int) -> Uppdrag | None:
        if column == self.Column.LEDAMOT:
            return row.ledamot
        if column == self.Column.ERSATTARE:
            return row.ersattare
        return None

    def display(self, row: StyrelseRad, column: int) -> str:
        if column == self.Column.MEDLEM:
            return row.medlem if row.forsta else ""
        return seat_text(self._seat(row, column))

    def raw(self, row: StyrelseRad, column: int) -> Any:
        if column == self.Column.MEDLEM:
            return row.medlem
        seat = self._seat(row, column)
        return seat.person if seat else None

    def font(self, row: StyrelseRad, column: int) -> Any:
        seat = self._seat(row, column)
        if (seat is not None and seat.funktion is not None) or (
            column == self.Column.MEDLEM and row.forsta
        ):
            font = QFont()
            font.setBold(True)
            return font
        return None

    def tooltip(self, row: StyrelseRad, column: int) -> str | None:
        seat = self._seat(row, column)
        if seat is None:
            return None
        period = f"från {seat.fran.isoformat()}"
        if seat.till:
            period += f" till och med {seat.till.isoformat()}"
        return f"{seat.roll.label} för {seat.medlem}, {period}"


class UppdragModel(RecordTableModel[Uppdrag]):
    """Every seat ever registered, with its period: the list the user edits."""

    class Column(IntEnum):
        MEDLEM = 0
        NAMN = 1
        ROLL = 2
        FUNKTION = 3
        FRAN = 4
        TILL = 5

    headers: ClassVar[dict[int, str]] = {
        Column.MEDLEM: "Medlem",
        Column.NAMN: "Namn",
        Column.ROLL: "Roll",
        Column.FUNKTION: "Ordförande/vice",
        Column.FRAN: "Från",
        Column.TILL: "Till",
    }

    def display(self, u: Uppdrag, column: int) -> str:
        c = self.Column
        return {
            c.MEDLEM: u.medlem,
            c.NAMN: u.person,
            c.ROLL: u.roll.label,
            c.FUNKTION: u.funktion.label if u.funktion else "",
            c.FRAN: u.fran.isoformat(),
            c.TILL: u.till.isoformat() if u.till else "tills vidare",
        }.get(column, "")

    def raw(self, u: Uppdrag, column: int) -> Any:
        c = self.Column
        return {
            c.MEDLEM: u.medlem,
            c.NAMN: u.person,
            c.ROLL: u.roll.label,
            c.FUNKTION: u.funktion.label if u.funktion else "",
            c.FRAN: u.fran,
            c.TILL: u.till,
        }.get(column)
