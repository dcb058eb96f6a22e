"""The förbund's own goals and their bedömningar, years relative to the demo's day."""

from __future__ import annotations

from ..arbetsbok import forbundsmal as sheets
from .data import Demo, record


def fill(demo: Demo) -> None:
    for nr, goal in enumerate(demo.data.get("forbundsmal", ()), start=1):
        fields = {k: goal[k] for k in ("slag", "mal", "matt", "uppfoljning") if k in goal}
        demo.content.forbundsmal.append(
            record(sheets.MAL_COLUMNS, nr=nr, omrade=goal.get("omrade", ""),
                   fran_ar=demo.year(goal["fran"]), **fields)
        )  # fmt: skip
        for b in goal.get("bedomningar", ()):
            if b["skede"] == "delar" and demo.today.month < 9:
                continue  # this year's prognosis is made at the delår, 31 August
            demo.content.forbundsmal_bedomningar.append(
                record(sheets.BEDOMNING_COLUMNS, mal_nr=nr, ar=demo.year(b["ar"]),
                       skede=b["skede"], bedomning=b["bedomning"], motivering=b["motivering"])
            )  # fmt: skip
