"""The förbund itself: its members, the styrelse over the mandate periods, revisorer, konton."""

from __future__ import annotations

import datetime as dt

from ..arbetsbok import organisation as sheets
from .data import Demo, record, text


def fill(demo: Demo) -> None:
    data, c = demo.data, demo.content
    c.forbund = record(
        sheets.FORBUND_COLUMNS,
        **{k: data["forbund"][k] for k in ("namn", "organisationsnummer", "bildat")},
        forsta_budgetar=demo.first_year + 1,
    )
    for ordning, m in enumerate(data["medlemmar"], start=1):
        demo.medlem[m["namn"]] = ordning
        c.medlemmar.append(
            record(sheets.MEDLEM_COLUMNS, namn=m["namn"], typ=m["typ"], andel=m["andel"],
                   ordning=ordning)
        )  # fmt: skip
    styrelse = data["styrelse"]
    _person(demo, styrelse["forbundschef"], styrelse["forbundschef_anteckning"])
    first = dt.date(demo.first_year, 1, 1)
    last = dt.date(demo.today.year, 12, 31)
    for k, start, end in mandatperioder(first, last):
        _period(demo, k, start, end)
        for r in data["revisorer"]:
            c.revisorer.append(
                record(sheets.REVISOR_COLUMNS, namn=r["namn"][k % len(r["namn"])],
                       medlemmar=tuple(r["medlemmar"]), fran=start.isoformat(),
                       till=end.isoformat(), anteckning=r["anteckning"])
            )  # fmt: skip
    c.konton = [
        record(sheets.KONTO_COLUMNS, nummer=nummer, benamning=benamning)
        for nummer, benamning in data["konton"].items()
    ]


def _period(demo: Demo, k: int, start: dt.date, end: dt.date) -> None:
    """The seats of mandate period k: a ledamot and an ersättare per member."""
    styrelse = demo.data["styrelse"]
    avgang = styrelse["avgang"]
    change = demo.date(avgang["datum"])
    ordforande, vice = styrelse["presidium"][k % 2], styrelse["presidium"][(k + 1) % 2]
    for m in demo.data["medlemmar"]:
        pool = m["personer"]
        for roll, namn in (("ledamot", pool[k % 4]), ("ersattare", pool[(k + 1) % 4])):
            funktion = None
            if roll == "ledamot" and m["namn"] == ordforande:
                funktion = "ordforande"
            elif roll == "ledamot" and m["namn"] == vice:
                funktion = "vice_ordforande"
            leaves = m["namn"] == avgang["medlem"] and roll == "ledamot" and start <= change <= end
            till = change - dt.timedelta(days=1) if leaves else end
            _seat(demo, namn, m["namn"], roll, funktion, start, till,
                  avgang["anteckning"] if leaves else "")  # fmt: skip
            if leaves:
                note = text(avgang["eftertradare_anteckning"], namn=namn)
                _seat(demo, avgang["eftertradare"], m["namn"], roll, None, change, end, note)


def _seat(demo, namn, medlem, roll, funktion, fran, till, anteckning) -> None:
    _person(demo, namn)
    demo.content.uppdrag.append(
        record(sheets.UPPDRAG_COLUMNS, person=namn, medlem=medlem, roll=roll, funktion=funktion,
               fran=fran.isoformat(), till=till.isoformat(), anteckning=anteckning)
    )  # fmt: skip


def _person(demo: Demo, namn: str, anteckning: str = "") -> None:
    if namn in demo.person:
        return
    demo.person[namn] = len(demo.person) + 1
    demo.content.personer.append(
        record(sheets.PERSON_COLUMNS, namn=namn, epost=_epost(namn, demo.data["forbund"]["epost"]),
               telefon="", anteckning=anteckning)
    )  # fmt: skip


def _epost(namn: str, domain: str) -> str:
    table = str.maketrans("åäöéü", "aaoeu")
    first, *rest = namn.lower().translate(table).split()
    return f"{first}.{'-'.join(rest)}@{domain}"


def mandatperioder(first: dt.date, last: dt.date) -> list[tuple[int, dt.date, dt.date]]:
    """Mandate periods (index k, from, to) touching [first, last]: 1 April after elections."""
    periods = []
    k = (first.year - 1 - 2019) // 4
    while True:
        start = dt.date(2019 + 4 * k, 4, 1)
        end = dt.date(2023 + 4 * k, 3, 31)
        if start > last:
            break
        if end >= first:
            periods.append((k, start, end))
        k += 1
    return periods


def seats_on(demo: Demo, day: dt.date) -> list[tuple[int, dict]]:
    """The seats held on ``day``, each with its number in the file (from 1), in order."""
    iso = day.isoformat()
    return [
        (n, u) for n, u in enumerate(demo.content.uppdrag, start=1) if u["fran"] <= iso <= u["till"]
    ]
