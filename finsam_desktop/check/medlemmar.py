"""The members and the funding key: ½ the state, ¼ the region(s), ¼ the kommun(er)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import ekonomi
from ..forbund import medlemmar
from ..model import MedlemTyp
from ..swedish import join_list
from .finding import Finding

if TYPE_CHECKING:
    from ..storage import ForbundFile

_LABELS = {
    "staten": "staten (Försäkringskassan och Arbetsförmedlingen)",
    "region": "regionen",
    "kommun": "kommunerna",
}


def check_medlemmar(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    members = medlemmar(ff)
    if not members:
        yield Finding(
            "medlemmar_saknas",
            "Förbundet har inga medlemmar registrerade, så fördelningsnyckeln och styrelsen "
            "kan inte stämmas av.",
            "varning",
            "medlem",
            None,
            None,
        )
        return
    unreadable = [m for m in members if m.andel is None]
    for m in unreadable:
        yield Finding(
            "andel_ogiltig",
            f"Andelen för {m.namn} (”{m.andel_text}”) är inget tal; skriv andelen i procent, "
            "till exempel 25 eller 12,5.",
            "fel",
            "medlem",
            m.id,
            None,
        )
    if unreadable:
        return
    andelar = {m.id: m.andel for m in members if m.andel is not None}
    total = sum(andelar.values(), Decimal(0))
    if total != 100:
        parts = join_list([f"{m.namn} {ekonomi.format_andel(andelar[m.id])}" for m in members])
        yield Finding(
            "fordelningsnyckel_summa",
            f"Fördelningsnyckeln summerar till {ekonomi.format_andel(total)} i stället för "
            f"{ekonomi.format_andel(Decimal(100))} ({parts}).",
            "fel",
            "medlem",
            None,
            None,
        )
    types = {m.typ for m in members}
    for typ in MedlemTyp:
        if typ not in types:
            yield Finding(
                "medlem_saknas",
                f"Förbundet saknar en medlem av typen {typ.label.lower()}; ett "
                "samordningsförbund har Försäkringskassan, Arbetsförmedlingen, minst en region "
                "och minst en kommun som medlemmar.",
                "fel",
                "medlem",
                None,
                None,
            )
    if len(types) > 1 and total == 100:
        for part, share in ekonomi.PARTSANDELAR.items():
            group = [m for m in members if ekonomi.part_for(m.typ) == part]
            if not group:
                continue
            got = sum((andelar[m.id] for m in group), Decimal(0))
            if got != share:
                names = join_list(
                    [f"{m.namn} {ekonomi.format_andel(andelar[m.id])}" for m in group]
                )
                yield Finding(
                    "fordelningsnyckel_parter",
                    f"Andelen för {_LABELS[part]} är {ekonomi.format_andel(got)} men ska vara "
                    f"{ekonomi.format_andel(share)} ({names}); staten betalar hälften, region "
                    "och kommuner en fjärdedel var.",
                    "fel",
                    "medlem",
                    group[0].id,
                    None,
                )
