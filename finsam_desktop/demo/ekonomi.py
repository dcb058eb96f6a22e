"""Money: a budget version for each year from the second kept to the next, the closed years'
utfall and bokslut that reconcile exactly, and this year's utfall per month so far."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..arbetsbok import delarsbalans as delarsbalans_sheet
from ..arbetsbok import ekonomi as sheets
from ..ekonomi import fordela
from .data import Demo, kr, record, text, vary
from .insatser import Insats, in_budget

_VERSION_COLUMNS = [c for c in sheets.VERSION_COLUMNS if c.field != "blad"]


def fill(demo: Demo, insatser: list[Insats]) -> None:
    for year in range(demo.first_year + 1, demo.today.year + 2):
        demo.content.budgetversioner.append(_version(demo, insatser, year))
    _utfall(demo, insatser)


def _split(demo: Demo, year: int) -> dict[str, int]:
    """The members' driftbidrag of ``year`` in kronor, by name (members paying nothing left out)."""
    medlemmar = demo.data["medlemmar"]
    parts = fordela(
        demo.driftbidrag(year) * 100,
        [(m["namn"], m["namn"], Decimal(m["andel"])) for m in medlemmar],
    )
    return {p.nyckel: p.belopp_ore // 100 for p in parts if p.belopp_ore}


def _driftbidrag_rows(demo: Demo, year: int) -> list[tuple[dict, int]]:
    """(the member's row of the data, kronor) for each member paying in ``year``."""
    split = _split(demo, year)
    return [(m["driftbidrag"] | {"medlem": m["namn"]}, split[m["namn"]])
            for m in demo.data["medlemmar"] if m["namn"] in split]  # fmt: skip


def _kansli(demo: Demo, year: int) -> list[tuple[dict, int]]:
    """(the row of the data, its budgeted cost in kronor) of administration and styrelse."""
    i = year - demo.first_year
    return [(r, r["kostnad"] + r["okning"] * i) for r in demo.data["ekonomi"]["kansli"]]


def _version(demo: Demo, insatser: list[Insats], ar: int) -> dict[str, Any]:
    ekonomi = demo.data["ekonomi"]
    years = range(ar, ar + 3)
    decided = demo.beslut.get(("budget", ar))
    results = demo.underskott(ar)
    motivering = (
        text(ekonomi["motivering"]["text"], belopp=kr(-results[0]), ar=ar) if results else ""
    )
    rader: list[dict[str, Any]] = []

    def rad(grupp: str, belopp: dict[int, int], **values: Any) -> None:
        r = record(sheets.BUDGET_COLUMNS, grupp=grupp, **values)
        ore = {y: kronor * 100 for y, kronor in belopp.items()}
        rader.append(r | {"belopp": ore, "anteckningar": {}})

    # The year's driftbidrag stands for the plan years too: the state's amount is not known.
    for row, kronor in _driftbidrag_rows(demo, ar):
        rad("intakter", dict.fromkeys(years, kronor), text=row["text"], konto=row["konto"],
            medlem=row["medlem"])  # fmt: skip
    for idx, (row, _) in enumerate(_kansli(demo, ar)):
        costs = {y: -_kansli(demo, y)[idx][1] for y in years}  # costs are negative
        rad(row["grupp"], costs, text=row["text"], konto=row["konto"])
    for ins in in_budget(demo, insatser, ar):
        amounts = {y: -ins.belopp[y] for y in years if y in ins.belopp}
        if amounts:
            rad(
                "insatser", amounts, text=ins.namn, insats=ins.namn, konto=ekonomi["insatser_konto"]
            )
    # What is left balances the budget (or leaves the deficit decided): reserverade medel.
    targets = results or [0, 0, 0]
    reserved = {}
    for k, y in enumerate(years):
        result = sum(r["belopp"].get(y, 0) for r in rader) // 100 + (
            ekonomi["ranta"]["budget"] + ekonomi["bank"]["budget"]
        )
        reserved[y] = targets[k] - result
        assert reserved[y] <= 0, (ar, y, result)
    # money not yet given to any insats: in the result, not in Summa insatser
    rad("insatser", reserved, text=ekonomi["reserverat"], konto=ekonomi["insatser_konto"],
        slag="ej_fordelat")  # fmt: skip
    for post in (ekonomi["ranta"], ekonomi["bank"]):
        rad("finansiella", dict.fromkeys(years, post["budget"]), text=post["text"],
            konto=post["konto"])  # fmt: skip
    return {
        **record(_VERSION_COLUMNS, ar=ar, namn=text(ekonomi["version"], ar=ar),
                 status="beslutad" if decided else "forslag",
                 beslut_datum=decided[0].isoformat() if decided else None,
                 beslut_paragraf=f"§ {decided[1]}" if decided else "",
                 eget_kapital_motivering=motivering),
        "rader": rader,
        "ar_kolumner": list(years),
    }  # fmt: skip


def _lines(demo: Demo, insatser: list[Insats], year: int) -> list[tuple[dict, int, float]]:
    """(row values, budgeted kronor, spread) of the utfall of ``year`` but finansiella."""
    lines = [
        ({"grupp": "intakter", "text": row["text"], "konto": row["konto"]}, kronor, 0.0)
        for row, kronor in _driftbidrag_rows(demo, year)
    ]
    for row, cost in _kansli(demo, year):
        lines.append(
            ({"grupp": row["grupp"], "text": row["text"], "konto": row["konto"]}, -cost,
             row["spridning"])
        )  # fmt: skip
    for ins in insatser:
        if year in ins.belopp:
            values = {"grupp": "insatser", "text": ins.namn, "insats": ins.namn,
                      "konto": demo.data["ekonomi"]["insatser_konto"]}  # fmt: skip
            lines.append((values, -ins.belopp[year], 0.0))
    return lines


def _by_month(kronor: int) -> list[int]:
    """A year's amount in twelve months that add up to it exactly."""
    base, rest = divmod(abs(kronor), 12)
    sign = -1 if kronor < 0 else 1
    return [sign * (base + (1 if m < rest else 0)) for m in range(12)]


def _utfall(demo: Demo, insatser: list[Insats]) -> None:
    """Utfall and bokslut for the closed years (the last one by month, so that the
    delårsrapport has its comparison); this year's months so far."""
    ekonomi, c = demo.data["ekonomi"], demo.content
    forbrukat = {i.namn: i.forbrukat for i in insatser}

    def add(ar: int, manad: int | None, values: dict, kronor: int) -> None:
        c.utfall.append(
            {"ar": ar, **record(sheets.UTFALL_MANAD_COLUMNS, manad=manad, belopp_ore=kronor * 100,
                                **values)}
        )  # fmt: skip

    ek = ekonomi["eget_kapital_ib"]
    for i, ar in enumerate(range(demo.first_year, demo.today.year)):
        result = 0
        rows = []
        for values, kronor, spread in _lines(demo, insatser, ar):
            if "insats" in values:
                kronor = -forbrukat[values["insats"]][ar]
            elif kronor < 0:
                kronor = -vary(-kronor, f"{values['text']}:{i}", spread)
            rows.append((values, kronor))
        for post in (ekonomi["ranta"], ekonomi["bank"]):
            values = {"grupp": "finansiella", "text": post["text"], "konto": post["konto"]}
            rows.append((values, post["utfall"][i]))
        last = ar == demo.today.year - 1  # booked by month: the delårsrapport compares
        for values, kronor in rows:
            if last:
                for manad, part in enumerate(_by_month(kronor), start=1):
                    add(ar, manad, values, part)
            else:
                add(ar, None, values, kronor)
            result += kronor
        ib, ek = ek, ek + result
        b = ekonomi["bokslut"]
        fordringar = vary(b["fordringar"], f"fordringar:{i}", b["fordringar_spridning"])
        skulder = vary(b["skulder"], f"skulder:{i}", b["skulder_spridning"])
        c.bokslut.append(
            record(sheets.BOKSLUT_COLUMNS, ar=ar, anlaggningstillgangar_ore=0,
                   kortfristiga_fordringar_ore=fordringar * 100,
                   kassa_och_bank_ore=(ek + skulder - fordringar) * 100,
                   eget_kapital_ib_ore=ib * 100 if i == 0 else None, eget_kapital_ore=ek * 100,
                   avsattningar_ore=0, langfristiga_skulder_ore=0,
                   kortfristiga_skulder_ore=skulder * 100,
                   driftbidrag_ore=demo.driftbidrag(ar) * 100)
        )  # fmt: skip
        for post, kronor in (("kortfristiga_fordringar", fordringar),
                             ("kortfristiga_skulder", skulder)):  # fmt: skip
            kinds = b["specifikation"][post]
            left = kronor
            for n, (slag, percent) in enumerate(kinds):
                part = left if n == len(kinds) - 1 else kronor * percent // 100
                left -= part
                c.bokslut_specifikation.append(
                    {"ar": ar, "post": post, "text": slag, "belopp_ore": part * 100}
                )
    # This year: the months the ekonomienhet has closed, each row through its months.
    ar, months = demo.today.year, range(1, demo.today.month)
    spread = ekonomi["manad"]["insatser_spridning"]
    delar = {"manad": 8, "resultat": 0}  # the delårsrapport's period: January–August
    for values, kronor, row_spread in _lines(demo, insatser, ar):
        for manad in months:
            if values["grupp"] == "intakter":
                amount = kronor // 4 if manad in (1, 4, 7, 10) else 0
            elif values["grupp"] == "insatser":
                amount = (
                    -vary(-kronor // 4, f"{values['text']}:{manad}", spread)
                    if manad % 3 == 0
                    else 0
                )
            else:
                amount = -vary(-kronor // 12, f"{values['text']}:{manad}", row_spread)
            if amount:
                add(ar, manad, values, amount)
                delar["resultat"] += amount if manad <= delar["manad"] else 0
    bank = ekonomi["bank"]
    for manad in months:
        values = {"grupp": "finansiella", "text": bank["text"], "konto": bank["konto"]}
        amount = -vary(-bank["per_manad"], f"bank:{manad}", bank["spridning"])
        add(ar, manad, values, amount)
        delar["resultat"] += amount if manad <= delar["manad"] else 0
    if delar["manad"] in months:
        # the ekonomienhet's balansrapport per 31 August: eget kapital the year end's plus the
        # period's result, so that it reconciles as a revisor checks it
        b = ekonomi["bokslut"]
        fordringar = vary(b["fordringar"], "fordringar:delar", b["fordringar_spridning"])
        skulder = vary(b["skulder"], "skulder:delar", b["skulder_spridning"])
        eget = ek + delar["resultat"]
        c.delarsbalans.append(
            record(delarsbalans_sheet.COLUMNS, ar=ar, manad=delar["manad"],
                   kortfristiga_fordringar_ore=fordringar * 100,
                   kassa_och_bank_ore=(eget + skulder - fordringar) * 100,
                   eget_kapital_ore=eget * 100, kortfristiga_skulder_ore=skulder * 100)
        )  # fmt: skip
