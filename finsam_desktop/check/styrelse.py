"""The styrelse: every member's seats on every day that matters, and one presidium."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import moten, styrelse
from ..forbund import medlemmar
from ..model import Funktion, Roll
from ..styrelse import Uppdrag
from ..swedish import join_list
from .finding import Finding, dates

if TYPE_CHECKING:
    from ..storage import ForbundFile


def seats_by_start(ff: ForbundFile) -> list[Uppdrag]:
    """Every seat, the earliest first (so findings name the earlier seat first)."""
    return sorted(styrelse.alla_uppdrag(ff), key=lambda u: (u.fran, u.id))


def styrelsemoten(ff: ForbundFile) -> list[moten.Mote]:
    """The meetings that have a protokoll (styrelsemöten, extra ones too), oldest first."""
    found = [m for m in moten.moten(ff) if m.typ in moten.PROTOKOLLFORDA]
    return sorted(found, key=lambda m: (m.datum, m.id))


def check_platser(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Each member has a ledamot and an ersättare today and at every styrelsemöte."""
    members = medlemmar(ff)
    if not members:
        return
    seats = seats_by_start(ff)
    moments: list[tuple[dt.date, int | None]] = [(today, None)]
    moments += [(m.datum, m.id) for m in styrelsemoten(ff)]
    for member in members:
        for roll in (Roll.LEDAMOT, Roll.ERSATTARE):
            held = [s for s in seats if s.medlem_id == member.id and s.roll is roll]
            missing_today = False
            past: list[dt.date] = []
            future: list[dt.date] = []
            for day, mote_id in moments:
                if any(s.active_on(day) for s in held):
                    continue
                if mote_id is None:
                    missing_today = True
                elif day <= today:
                    past.append(day)
                else:
                    future.append(day)
            word = roll.label.lower()
            if missing_today or past:
                when = []
                if missing_today:
                    when.append(f"i dag ({today.isoformat()})")
                if past:
                    noun = "styrelsemötet" if len(past) == 1 else "styrelsemötena"
                    when.append(f"vid {noun} {dates(sorted(set(past)))}")
                first = today if missing_today else min(past)
                yield Finding(
                    "styrelse_plats_saknas",
                    f"{member.namn} saknar {word} i styrelsen {join_list(when)}; varje medlem "
                    "utser minst en ledamot och en ersättare.",
                    "fel",
                    "medlem",
                    member.id,
                    first.year,
                )
            if future:
                noun = "styrelsemötet" if len(future) == 1 else "de planerade styrelsemötena"
                yield Finding(
                    "styrelse_plats_ej_utsedd",
                    f"{member.namn} har ännu ingen {word} utsedd för {noun} "
                    f"{dates(sorted(set(future)))}.",
                    "varning",
                    "medlem",
                    member.id,
                    min(future).year,
                )


def check_ordforande(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    seats = seats_by_start(ff)
    with_function = [s for s in seats if s.funktion is not None]
    for s in with_function:
        if s.roll is not Roll.LEDAMOT:
            assert s.funktion is not None
            yield Finding(
                "ordforande_ej_ledamot",
                f"{s.person} är {s.funktion.label.lower()} men ersättare för {s.medlem} "
                f"(från {s.fran}); ordförande och vice ordförande väljs bland ledamöterna.",
                "fel",
                "uppdrag",
                s.id,
                s.fran.year,
            )
    for funktion in Funktion:
        holders = [s for s in with_function if s.funktion is funktion]
        for i, a in enumerate(holders):
            for b in holders[i + 1 :]:
                a_end, b_end = a.till or dt.date.max, b.till or dt.date.max
                if a.fran <= b_end and b.fran <= a_end:
                    start = max(a.fran, b.fran)
                    yield Finding(
                        "ordforande_dubbel",
                        f"Både {a.person} och {b.person} är {funktion.label.lower()} "
                        f"från {start}; styrelsen har en {funktion.label.lower()} åt gången.",
                        "fel",
                        "uppdrag",
                        b.id,
                        start.year,
                    )
        ledamot_today = any(s.roll is Roll.LEDAMOT and s.active_on(today) for s in seats)
        if ledamot_today and not any(s.active_on(today) for s in holders):
            yield Finding(
                "ordforande_saknas",
                f"Styrelsen har ingen {funktion.label.lower()} i dag ({today.isoformat()}).",
                "varning",
                "uppdrag",
                None,
                today.year,
            )
