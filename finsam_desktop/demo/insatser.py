"""The insatser: their life cycle, money per year, goals with their yearly bedömning, and the
aggregated follow-up (counts only, never who)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..arbetsbok import insatser as sheets
from ..insatser import FRITEXT
from .data import Demo, by_year, record, text


@dataclass(frozen=True)
class Insats:
    """An insats of the data, its years made calendar years."""

    spec: dict[str, Any]
    #: Beviljat, or planerat for years not yet decided, in kronor per year.
    belopp: dict[int, int]
    #: Förbrukat in kronor per closed year.
    forbrukat: dict[int, int]
    start: dt.date
    slut: dt.date | None

    @property
    def namn(self) -> str:
        return self.spec["namn"]

    @property
    def agare(self) -> str:
        return self.spec["agare"]

    @property
    def first_year(self) -> int | None:
        return min(self.belopp, default=None)

    @property
    def in_beredning(self) -> bool:
        return self.spec.get("status") == "beredning"


def insatser(demo: Demo) -> list[Insats]:
    """The insatser of the data, in their order."""
    return [
        Insats(
            spec,
            by_year(demo, spec, "belopp"),
            by_year(demo, spec, "forbrukat"),
            demo.date(spec["start"]),
            demo.date(spec["slut"]) if "slut" in spec else None,
        )
        for spec in demo.data["insatser"]
    ]


def granted_alone(demo: Demo) -> set[str]:
    """The insatser granted at a meeting of their own (the data's "medfinansiering" items),
    not with the budget: they are not in the budget of their first year."""
    return {
        a["insats"]
        for s in demo.data["moten"]["sammantraden"]
        for a in s["arenden"]
        if a.get("slag") == "medfinansiering"
    }


def new_in(demo: Demo, insatser: list[Insats], year: int) -> list[Insats]:
    """The insatser starting in ``year`` that the budget meeting the year before grants."""
    alone = granted_alone(demo)
    return [i for i in insatser if i.first_year == year and i.namn not in alone]


def in_budget(demo: Demo, insatser: list[Insats], year: int) -> list[Insats]:
    """The insatser granted when the budget for ``year`` was decided (November the year
    before): those started before it, and those starting in it unless granted alone."""
    alone = granted_alone(demo)
    return [
        i
        for i in insatser
        if i.first_year is not None
        and (i.first_year < year or (i.first_year == year and i.namn not in alone))
    ]


def fill(demo: Demo, insatser: list[Insats], budget_meeting: Callable[[int], dt.date]) -> None:
    """The insatser into the content. An insats no held meeting decided was granted at
    ``budget_meeting(year)`` the year before it started, before the years the file keeps."""
    c, today = demo.content, demo.today
    next_budget_decided = ("budget", today.year + 1) in demo.beslut
    for ins in insatser:
        spec = ins.spec
        texts = {f.name: text(spec[f.name], ar=today.year) for f in FRITEXT if f.name in spec}
        if ins.in_beredning:
            ansokan = today - dt.timedelta(days=spec["ansokan_dagar_sedan"])
            c.insatser.append(
                record(sheets.INSATS_COLUMNS, namn=ins.namn, typ=spec["typ"], agare=ins.agare,
                       medparter=tuple(spec["medparter"]), status="beredning",
                       ansokan_datum=ansokan.isoformat(), ansokt_ore=spec["ansokt"] * 100,
                       start=ins.start.isoformat(), slut=ins.slut.isoformat(), **texts)
            )  # fmt: skip
        else:
            decided = demo.beslut.get(("insats", ins.namn))
            if decided:
                beslut_datum, paragraf = decided
            else:
                beslut_datum, paragraf = budget_meeting(ins.start.year - 1), spec["paragraf"]
            status = "avslutad" if ins.slut is not None and ins.slut < today else "pagaende"
            c.insatser.append(
                record(sheets.INSATS_COLUMNS, namn=ins.namn, typ=spec["typ"], agare=ins.agare,
                       medparter=tuple(spec["medparter"]), status=status,
                       ansokan_datum=(beslut_datum - dt.timedelta(days=70)).isoformat(),
                       ansokt_ore=ins.belopp[ins.first_year] * 100,
                       beslut_datum=beslut_datum.isoformat(), beslut_paragraf=f"§ {paragraf}",
                       start=ins.start.isoformat(),
                       slut=ins.slut.isoformat() if ins.slut else None, **texts)
            )  # fmt: skip
        for ar, kr in sorted(ins.belopp.items()):
            decided_year = ar <= today.year or (ar == today.year + 1 and next_budget_decided)
            c.insats_ar.append(
                record(sheets.INSATS_AR_COLUMNS, insats=ins.namn, ar=ar,
                       beviljat_ore=kr * 100 if decided_year else None,
                       forbrukat_ore=ins.forbrukat[ar] * 100 if ar in ins.forbrukat else None,
                       planerat_ore=kr * 100 if ar > today.year else None)
            )  # fmt: skip
        for nr, mal in enumerate(spec.get("mal", ()), start=1):
            c.mal.append(
                record(sheets.MAL_COLUMNS, insats=ins.namn, nr=nr, mal=mal["mal"],
                       indikator=mal["indikator"], metod=mal["metod"])
            )  # fmt: skip
            for b in mal.get("bedomningar", ()):
                c.mal_bedomningar.append(
                    record(sheets.BEDOMNING_COLUMNS, insats=ins.namn, mal_nr=nr,
                           ar=demo.year(b["ar"]), bedomning=b["bedomning"],
                           motivering=b["motivering"])
                )  # fmt: skip
        for u in spec.get("uppfoljning", ()):
            c.uppfoljning.append(
                record(sheets.UPPFOLJNING_COLUMNS, insats=ins.namn, ar=demo.year(u["ar"]),
                       **{k: u[k] for k in ("nya_kvinnor", "nya_man", "avslutade", "aktiva")})
            )  # fmt: skip
