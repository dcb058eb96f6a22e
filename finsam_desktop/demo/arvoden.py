"""Arvoden: the fee rules of every year, and FLA and km at this year's justerade meetings."""

from __future__ import annotations

from ..arbetsbok import arvoden as sheets
from .data import Demo, record


def fill(demo: Demo) -> None:
    data, c, today = demo.data["arvoden"], demo.content, demo.today
    for ar in range(demo.first_year, today.year + 2):
        c.arvode_regler.append(record(sheets.REGEL_COLUMNS, ar=ar, **data["regel"]))
    typ = {m["namn"]: m["typ"] for m in demo.data["medlemmar"]}
    moten = {m["nr"]: m for m in c.moten}
    paid = sorted(
        (
            (moten[n["mote"]]["datum"], demo.person[n["person"]], n)
            for n in c.narvaro
            if n["narvarande"]
            and moten[n["mote"]]["justerat"] is not None
            and moten[n["mote"]]["datum"][:4] == str(today.year)
            and typ[n["medlem"]] in ("kommun", "region")
        ),
        key=lambda t: t[:2],
    )
    for i, (_, _, n) in enumerate(paid):
        fla = data["fla_hundradelar"] if i % 3 == 0 else 0
        c.arvode_moten.append(
            record(sheets.MOTE_COLUMNS, mote=n["mote"], person=n["person"], fla_hundradelar=fla,
                   fla_intyg=fla > 0, km=data["km"][i % len(data["km"])])
        )  # fmt: skip
