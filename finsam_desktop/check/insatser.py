"""Insatser: at least two parties, and förbrukat that agrees with the utfall and the grant."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import ekonomi, insatser
from ..forbund import medlemmar
from ..insatser import InsatsAr
from ..model import InsatsStatus
from ..swedish import sort_key
from .finding import Finding, Severity, diff, kr

if TYPE_CHECKING:
    from ..storage import ForbundFile

#: Before a grant (or without one) missing parties are advice, not an error.
_TIDIGA = {
    InsatsStatus.ANSOKAN,
    InsatsStatus.BEREDNING,
    InsatsStatus.AVSLAG,
    InsatsStatus.ATERREMITTERAD,
    InsatsStatus.ATERTAGEN,
}


def check_parter(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    names = {m.id: m.namn for m in medlemmar(ff)}
    for ins in sorted(insatser.alla(ff), key=lambda i: i.id):
        others = [m for m in ins.medparter if m != ins.agare_id]
        severity: Severity = "varning" if ins.status in _TIDIGA else "fel"
        if ins.agare_id is None:
            yield Finding(
                "insats_agare_saknas",
                f"Insatsen {ins.namn} har ingen verksamhetsägare; ange vilken medlem som "
                "äger insatsen.",
                severity,
                "insats",
                ins.id,
                None,
            )
        elif not others:
            yield Finding(
                "insats_en_part",
                f"Insatsen {ins.namn} har bara en part ({names.get(ins.agare_id, '')}); en "
                "insats ska involvera minst två av förbundets medlemmar, en verksamhetsägare "
                "och minst en medpart.",
                severity,
                "insats",
                ins.id,
                None,
            )


def _belopp(ff: ForbundFile) -> dict[tuple[int, int], InsatsAr]:
    """Each insats's money per year, by (insats, år)."""
    return {(i.id, a.ar): a for i in insatser.namnlista(ff) for a in insatser.ar_belopp(ff, i.id)}


def check_forbrukat(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Förbrukat per insats and year (positive) against its utfall rows (negative costs)."""
    names = {i.id: i.namn for i in insatser.namnlista(ff)}
    belopp = _belopp(ff)
    closed = set(ekonomi.bokslut_ar(ff))
    utfall_years = set(ekonomi.utfall_ar(ff))
    pairs = {k for k, a in belopp.items() if a.forbrukat_ore is not None}
    per_year: dict[int, dict[int, int]] = {}
    for ar in sorted(closed & utfall_years):
        per_year[ar] = ekonomi.utfall_per_insats(ff, ar)
        pairs |= {(insats_id, ar) for insats_id in per_year[ar]}
    for insats_id, ar in sorted(pairs, key=lambda p: (p[1], sort_key(names[p[0]]), p[0])):
        if ar not in per_year:
            per_year[ar] = ekonomi.utfall_per_insats(ff, ar) if ar in utfall_years else {}
        a = belopp.get((insats_id, ar))
        forbrukat = a.forbrukat_ore if a is not None else None
        utfall = -per_year[ar].get(insats_id, 0)  # costs are negative in utfall
        namn = names[insats_id]
        if forbrukat is None:
            if utfall != 0:
                yield Finding(
                    "insats_forbrukat_saknas",
                    f"Insats {namn} {ar}: utfallet för insatsen är {kr(utfall)} men inget "
                    "förbrukat belopp är angivet för året.",
                    "fel",
                    "insats_ar",
                    insats_id,
                    ar,
                )
            continue
        if ar not in utfall_years:
            if ar in closed and forbrukat != 0:
                yield Finding(
                    "insats_utfall_saknas",
                    f"Insats {namn} {ar}: förbrukat {kr(forbrukat)} men året har inget utfall "
                    "att stämma av mot.",
                    "varning",
                    "insats_ar",
                    insats_id,
                    ar,
                )
            continue
        if forbrukat != utfall:
            yield Finding(
                "insats_forbrukat_utfall",
                f"Insats {namn} {ar}: förbrukat {kr(forbrukat)} men utfallet för insatsen är "
                f"{kr(utfall)} ({diff(forbrukat, utfall)}).",
                "fel",
                "insats_ar",
                insats_id,
                ar,
            )


def check_beviljat(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    names = {i.id: i.namn for i in insatser.namnlista(ff)}
    over = [
        (insats_id, a)
        for (insats_id, _), a in _belopp(ff).items()
        if a.beviljat_ore is not None
        and a.forbrukat_ore is not None
        and a.forbrukat_ore > a.beviljat_ore
    ]
    over.sort(key=lambda p: (p[1].ar, sort_key(names[p[0]]), p[0]))
    for insats_id, a in over:
        assert a.beviljat_ore is not None and a.forbrukat_ore is not None
        yield Finding(
            "insats_over_beviljat",
            f"Insats {names[insats_id]} {a.ar}: förbrukat {kr(a.forbrukat_ore)} är mer än "
            f"beviljat {kr(a.beviljat_ore)} ({diff(a.forbrukat_ore, a.beviljat_ore)}).",
            "varning",
            "insats_ar",
            insats_id,
            a.ar,
        )
