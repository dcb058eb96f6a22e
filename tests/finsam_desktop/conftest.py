"""Fixtures of the data layer's tests: a small board most meeting and fee tests start from.
The demo förbund (``demo``, ``open_demo``…) is the root conftest's."""

from __future__ import annotations

import datetime as dt

import pytest

from finsam_desktop import styrelse
from finsam_desktop.model import Funktion, Roll

#: The board's mandate period started here (1 April after the election year).
MANDATE_START = dt.date(2023, 4, 1)


def _two_members(ff):
    """Försäkringskassan and Norrby kommun, half each, in that order."""
    with ff.write("Medlemmar") as db:
        db["medlem"].insert_all([
            {"id": 1, "namn": "Försäkringskassan", "typ": "forsakringskassan", "andel": "50",
             "ordning": 1},
            {"id": 2, "namn": "Norrby kommun", "typ": "kommun", "andel": "50", "ordning": 2},
        ])  # fmt: skip
    return ff


def _four_members(db, kommun: str) -> None:
    """Inside a test's write: the four parties of a samordningsförbund in their order,
    Försäkringskassan 50 % (id 1), Arbetsförmedlingen 0 % (2), Region Västernorrland 25 % (3)
    and ``kommun`` 25 % (4)."""
    db["medlem"].insert_all(  # in the förbund's own order, as grunda stores it
        [
            {"id": 1, "namn": "Försäkringskassan", "typ": "forsakringskassan", "andel": "50"},
            {"id": 2, "namn": "Arbetsförmedlingen", "typ": "arbetsformedlingen", "andel": "0"},
            {"id": 3, "namn": "Region Västernorrland", "typ": "region", "andel": "25"},
            {"id": 4, "namn": kommun, "typ": "kommun", "andel": "25"},
        ]
    )
    for ordning in range(1, 5):
        db.execute("UPDATE medlem SET ordning = ? WHERE id = ?", (ordning, ordning))


def _make_board(ff, *, ordforande: bool = False):
    """The two members, each with a ledamot and an ersättare: Anna Ek and Bo Lind for the
    state, Cecilia Ås (ordförande if asked) and David Öberg for the kommun."""
    _two_members(ff)
    funktion = Funktion.ORDFORANDE if ordforande else None
    styrelse.nytt_uppdrag(ff, "Anna Ek", 1, Roll.LEDAMOT, MANDATE_START)
    styrelse.nytt_uppdrag(ff, "Bo Lind", 1, Roll.ERSATTARE, MANDATE_START)
    styrelse.nytt_uppdrag(ff, "Cecilia Ås", 2, Roll.LEDAMOT, MANDATE_START, None, funktion)
    styrelse.nytt_uppdrag(ff, "David Öberg", 2, Roll.ERSATTARE, MANDATE_START)
    return ff


@pytest.fixture
def two_members(ff):
    _two_members(ff)
    ff.enable_undo()
    return ff


@pytest.fixture
def four_members():
    """The maker of the four parties, for a test that writes the rest of its förbund itself."""
    return _four_members


@pytest.fixture
def make_board():
    """The board's maker, for a module whose board has more (an ordförande, fee rules)."""
    return _make_board


@pytest.fixture
def board(ff):
    _make_board(ff)
    ff.enable_undo()
    return ff
