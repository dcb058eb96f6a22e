"""The årshjul: the förbund's own posts, and every post and rule ticked off for the years
whose day has passed."""

from __future__ import annotations

import datetime as dt

from ..arbetsbok import arshjul as sheets
from ..arshjul.regler import Regel
from .data import Demo, day_of, record, text


def fill(demo: Demo) -> None:
    c, today = demo.content, demo.today
    kept = range(demo.first_year, today.year + 1)
    for post in demo.data["arshjul"]:
        if "vecka" in post:
            # It follows its ISO week, not a date, so it is a post of its own each year.
            first, last = post["veckodagar"]
            for year in range(demo.first_year, today.year + 2):
                start = dt.date.fromisocalendar(year, post["vecka"], first)
                end = dt.date.fromisocalendar(year, post["vecka"], last)
                klar = (year,) if start < today else ()
                _post(demo, post, start, end, "ingen", klar)
            continue
        start = day_of(demo.first_year, post["datum"])
        if "slut" in post:
            end = day_of(demo.first_year, post["slut"])
        else:
            end = start + dt.timedelta(days=post["dagar"] - 1) if post.get("dagar", 1) > 1 else None
        klar = tuple(year for year in kept if start.replace(year=year) < today)
        _post(demo, post, start, end, "arligen", klar)
    # The file's own rules (a new file's defaults): ticked off where their day has passed.
    for r in c.arshjul_regler:
        if r["aktiv"]:
            regel = Regel.from_row({**r, "id": None})
            r["klar"] = tuple(
                year for year in kept if (when := regel.dates(year)) is not None and when[1] < today
            )


def _post(demo: Demo, post: dict, start: dt.date, end: dt.date | None, upprepning: str,
          klar: tuple[int, ...]) -> None:  # fmt: skip
    demo.content.arshjul.append(
        record(sheets.ARSHJUL_COLUMNS, rubrik=post["rubrik"], ring=post["ring"],
               datum=start.isoformat(), slut=end.isoformat() if end else None,
               upprepning=upprepning, beskrivning=text(post["beskrivning"]), klar=klar)
    )  # fmt: skip
