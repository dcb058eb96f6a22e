"""The reports' narrative texts: the årsredovisning of each closed year, the delårsrapport of
this year and the verksamhetsplan of next year."""

from __future__ import annotations

from ..arbetsbok import rapporttexter as sheets
from ..rapporttexter import AVVIKELSE
from .data import Demo, record, text


def fill(demo: Demo) -> None:
    texter = demo.data["rapporttexter"]
    this = demo.today.year
    reports = [("arsredovisning", ar) for ar in range(demo.first_year, this)]
    reports += [("delarsrapport", this), ("verksamhetsplan", this + 1)]
    namn = demo.data["forbund"]["namn"]
    for rapport, ar in reports:
        for avsnitt, template in texter[rapport].items():
            if avsnitt.startswith(AVVIKELSE) and ar != this - 1:
                continue  # a deviation's reasons are last year's only
            demo.content.rapporttexter.append(
                record(sheets.COLUMNS, rapport=rapport, ar=ar, avsnitt=avsnitt,
                       text=text(template, forbund=namn, ar=ar))
            )  # fmt: skip
