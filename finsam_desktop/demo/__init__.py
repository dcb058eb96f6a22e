"""The demo förbund: an invented samordningsförbund at realistic scale, made for a given day.

Samordningsförbundet Norrådalen (invented, as are all its people and places) has the state
(Försäkringskassan, Arbetsförmedlingen), Region Mellannorrland and two kommuner with an
unequal key. The file holds three closed years (``today.year - 3`` … ``today.year - 1``) with
utfall, bokslut and follow-up that reconcile exactly, the current year's monthly utfall so far,
budget versions up to next year, eight insatser across their life cycle, the styrelse for the
mandate periods shown, about six styrelsemöten a year with protokoll, and the förbund's own
årshjul entries. Everything is derived from ``today`` and nothing else, so the same day gives
the same file; it passes :func:`finsam_desktop.check.run_checks` without a "fel".

What the förbund holds (names, texts, figures) is data: ``resources/demo/norradalen.toml``.
This package turns it into the arbetsbok's :class:`~finsam_desktop.arbetsbok.Content` for the
day, a module per concept as the arbetsbok has (what depends on the day is computed here: the
years, the dates, which meetings are held, § numbers, attendance, the utfall so far), and
writes it with :func:`~finsam_desktop.arbetsbok.write_content`, the path an imported arbetsbok
takes. So the demo names no table or column of the file, and a new column or rule is spelt in
the schema and the arbetsbok alone; ``tests/finsam_desktop/test_demo.py`` holds the demo to
what an import accepts (export, import, the same content).

No data about individual participants: follow-up is aggregated counts, as the law demands.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
from pathlib import Path
from typing import TYPE_CHECKING

from .. import storage
from ..arbetsbok import has_content, load_content, write_content
from ..errors import Refusal
from . import (
    arshjul,
    arvoden,
    ekonomi,
    forbundsmal,
    insatser,
    moten,
    organisation,
    rapporttexter,
)
from .data import Demo, load

if TYPE_CHECKING:
    from ..storage import ForbundFile

NAMN: str = load()["forbund"]["namn"]
ORGANISATIONSNUMMER: str = load()["forbund"]["organisationsnummer"]

__all__ = ["NAMN", "ORGANISATIONSNUMMER", "create_demo", "fill_demo"]


def fill_demo(ff: ForbundFile, *, today: dt.date | None = None) -> None:
    """Fill an empty, freshly created förbund file with the demo förbund, in one write.

    The förbund row gets the demo's name and organisationsnummer; the file's own settings,
    årshjul rules and standing agenda items stay (the rules' passed days ticked off). Raises
    Refusal if the file already holds anything (the demo never mixes with real data).
    """
    today = today or dt.date.today()
    if has_content(ff):
        raise Refusal("Demoförbundet kan bara fyllas i en tom förbundsfil.")
    demo = Demo(today, load_content(ff))
    organisation.fill(demo)
    all_insatser = insatser.insatser(demo)
    moten.fill(demo, all_insatser)
    insatser.fill(demo, all_insatser, functools.partial(moten.budget_meeting, demo))
    ekonomi.fill(demo, all_insatser)
    arshjul.fill(demo)
    arvoden.fill(demo)
    rapporttexter.fill(demo)
    forbundsmal.fill(demo)
    write_content(ff, demo.content, label="Skapa demoförbundet")


def create_demo(path: Path, *, today: dt.date | None = None) -> None:
    """Create the demo förbund as a new file at ``path`` (which must not exist)."""
    path = Path(path)
    ff = storage.create_file(path, namn=NAMN, organisationsnummer=ORGANISATIONSNUMMER)
    try:
        fill_demo(ff, today=today)
    except BaseException:
        ff.close()
        for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise
    ff.close()
