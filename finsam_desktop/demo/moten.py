"""The styrelsemöten of the years kept, each with its beredning: agenda, decisions, § numbers
running through each year, attendance and justerare; the ones before the day are held."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ..arbetsbok import moten as sheets
from .data import Demo, kr, nth_weekday, record, text, workday
from .insatser import Insats, new_in
from .organisation import seats_on


@dataclass
class _Mote:
    datum: dt.date
    spec: dict[str, Any]
    held: bool
    nr: int = 0
    #: The ärenden as arbetsbok records, until written with "_beslutar" (what the item
    #: decides, for demo.beslut) and "_slag" (its kind in the data).
    arenden: list[dict[str, Any]] = field(default_factory=list)


def fill(demo: Demo, insatser: list[Insats]) -> None:
    """The meetings into the content; what the held ones decided into ``demo.beslut``."""
    moten = _moten(demo)
    for m, previous in zip(moten, [None, *moten[:-1]], strict=True):
        m.arenden = _agenda(demo, m, previous, insatser)
    upcoming = next((m for m in moten if not m.held), None)
    if upcoming is not None:  # the first meeting not yet held has the insatser in beredning
        closing = len(demo.data["moten"]["dagordning"]["avslutning"])
        ansokan = demo.data["moten"]["ansokan"]
        for ins in (i for i in insatser if i.in_beredning):
            upcoming.arenden.insert(
                len(upcoming.arenden) - closing, _arende(demo, ansokan, upcoming, insats=ins)
            )
    _beslutslogg(demo, moten)
    paragraf: dict[int, int] = {}
    for m in moten:
        for a in m.arenden:
            beslutar = a.pop("_beslutar")
            if m.held:
                paragraf[m.datum.year] = paragraf.get(m.datum.year, 0) + 1
                a["paragraf"] = paragraf[m.datum.year]
                if beslutar:
                    demo.beslut[beslutar] = (m.datum, a["paragraf"])
    _write(demo, moten)


def budget_meeting(demo: Demo, year: int) -> dt.date:
    """The day of ``year``'s meeting that decides the next year's budget."""
    for spec in demo.data["moten"]["sammantraden"]:
        if any(a.get("slag") == "budget" for a in spec["arenden"]):
            return _day(demo, spec, year)
    raise LookupError("the data has no budget meeting")


def _day(demo: Demo, spec: dict[str, Any], year: int) -> dt.date:
    return workday(nth_weekday(year, spec["manad"], demo.data["moten"]["veckodag"], spec["nummer"]))


def _moten(demo: Demo) -> list[_Mote]:
    moten = []
    for year in range(demo.first_year, demo.today.year + 1):
        specs = [s for s in demo.data["moten"]["sammantraden"]
                 if "ar" not in s or demo.year(s["ar"]) == year]  # fmt: skip
        for spec in sorted(specs, key=lambda s: (s["manad"], s["nummer"])):
            day = _day(demo, spec, year)
            moten.append(_Mote(day, spec, held=day < demo.today))
    return moten


def _agenda(demo: Demo, m: _Mote, previous: _Mote | None, insatser: list[Insats]) -> list[dict]:
    dagordning = demo.data["moten"]["dagordning"]
    items = [_arende(demo, spec, m) for spec in dagordning["inledning"]]
    if previous is not None:
        items.append(_arende(demo, dagordning["foregaende"], m, datum=previous.datum.isoformat()))
    for spec in m.spec["arenden"]:
        items.extend(_slag(demo, spec, m, insatser))
    items.extend(_arende(demo, spec, m) for spec in dagordning["avslutning"])
    return items


def _slag(demo: Demo, spec: dict, m: _Mote, insatser: list[Insats]) -> list[dict]:
    """The ärenden one item of the data makes at meeting ``m`` (see the data file)."""
    y = m.datum.year
    slag = spec.get("slag")
    by_name = {i.namn: i for i in insatser}
    if slag == "slutrapporter":
        return [
            _arende(demo, spec, m, insats=i) for i in insatser if i.slut and i.slut.year == y - 1
        ]
    if slag == "medfinansiering":
        ins = by_name[spec["insats"]]
        return [_arende(demo, spec, m, insats=ins, belopp=kr(ins.belopp[ins.first_year]),
                        beslutar=("insats", ins.namn))]  # fmt: skip
    if slag == "askande":
        last = demo.first_year + len(demo.data["ekonomi"]["staten"]) - 1
        return [_arende(demo, spec, m, belopp=kr(demo.driftbidrag(min(y + 1, last))))]
    if slag == "budget":
        beslut, values = spec["beslut"], {}
        if (results := demo.underskott(y + 1)) is not None:
            beslut, values["belopp"] = beslut + spec["underskott"], kr(-results[0])
        return [_arende(demo, {**spec, "beslut": beslut}, m, beslutar=("budget", y + 1), **values)]
    if slag == "nya_insatser":
        return [_arende(demo, spec, m, insats=i, belopp=kr(i.belopp[y + 1]),
                        beslutar=("insats", i.namn))
                for i in new_in(demo, insatser, y + 1)]  # fmt: skip
    if slag == "pagaende_insatser":
        new = new_in(demo, insatser, y + 1)
        running = [i for i in insatser if y + 1 in i.belopp and i not in new]
        if not running:
            return []
        posts = [text(spec["post"], insats=i.namn, belopp=kr(i.belopp[y + 1])) for i in running]
        return [_arende(demo, spec, m, insatser=", ".join(posts))]
    assert slag is None, slag
    return [_arende(demo, spec, m)]


def _arende(demo: Demo, spec: dict, m: _Mote, *, insats: Insats | None = None,
            beslutar: tuple | None = None, **values: Any) -> dict[str, Any]:  # fmt: skip
    y = m.datum.year
    fill = {"ar": y, **values}
    if insats is not None:
        fill |= {"insats": insats.namn, "agare": insats.agare}
    senast = spec.get("senast")
    return {
        **record(
            sheets.ARENDE_COLUMNS,
            rubrik=text(spec["rubrik"], **fill),
            underlag=text(spec.get("underlag", ""), **fill),
            beslut=text(spec.get("beslut", ""), **fill),
            insats=insats.namn if insats else spec.get("insats"),
            ansvarig=spec.get("ansvarig", ""),
            senast=dt.date(y, senast["manad"], senast["dag"]).isoformat() if senast else None,
            beslut_status=spec.get("beslut_status"),
        ),
        "_beslutar": beslutar,
        "_slag": spec.get("slag"),
    }


def _beslutslogg(demo: Demo, moten: list[_Mote]) -> None:
    """One open assignment in each of the latest held meetings, before the closing items."""
    held = [m for m in moten if m.held]
    closing = len(demo.data["moten"]["dagordning"]["avslutning"])
    for m, task in zip(held[-3:], demo.data["moten"]["uppdrag"], strict=False):
        a = _arende(demo, task, m)
        a["senast"] = (m.datum + dt.timedelta(days=task["dagar"])).isoformat()
        m.arenden.insert(len(m.arenden) - closing, a)


def _write(demo: Demo, moten: list[_Mote]) -> None:
    data, c, today = demo.data["moten"], demo.content, demo.today
    beredning = data["beredning"]
    sekreterare = demo.data["styrelse"]["forbundschef"]  # who keeps the protokoll
    # The latest held meeting's protokoll is finished but not justerat: out for signing next.
    senast_hallet = max((n for n, m in enumerate(moten) if m.held), default=None)
    for n, m in enumerate(moten):
        day = workday(m.datum - dt.timedelta(days=beredning["dagar_fore"]), step=-1)
        c.moten.append(
            record(sheets.MOTE_COLUMNS, nr=2 * n + 1, typ="beredning", datum=day.isoformat(),
                   starttid=beredning["starttid"], sluttid=beredning["sluttid"],
                   plats=beredning["plats"],
                   anteckning=text(beredning["anteckning"], datum=m.datum.isoformat()))
        )  # fmt: skip
        m.nr = 2 * n + 2
        justerat = m.datum + dt.timedelta(days=data["justeras_efter_dagar"])
        justerare = _narvaro(demo, m, n) if m.held else []
        c.moten.append(
            record(sheets.MOTE_COLUMNS, nr=m.nr, typ=m.spec.get("typ", "styrelsemote"),
                   datum=m.datum.isoformat(), starttid=data["starttid"],
                   sluttid=m.spec.get("sluttid", data["sluttid"]),
                   plats=m.spec.get("plats", data["platser"][n % len(data["platser"])]),
                   justerat=justerat.isoformat()
                   if m.held and justerat < today and n != senast_hallet else None,
                   justerare=tuple(justerare), sekreterare=sekreterare,
                   anteckning=m.spec.get("anteckning", ""))
        )  # fmt: skip
        for ordning, a in enumerate(m.arenden, start=1):
            if a.pop("_slag") == "justerare" and m.held:
                a["beslut"] = text(data["dagordning"]["justerare"], forsta=justerare[0],
                                   andra=justerare[1])  # fmt: skip
            if not m.held:
                a["beslut"], a["beslut_status"] = "", None
            c.arenden.append({**a, "mote": m.nr, "ordning": ordning})


def _narvaro(demo: Demo, m: _Mote, n: int) -> list[str]:
    """Attendance of held meeting number n (from 0): a ledamot away at two meetings in three
    (never the ordförande), the ersättare from the same member serving in the seat, and most
    other ersättare there too. Returns the two justerare, chosen in turn among the serving."""
    seats = seats_on(demo, m.datum)
    absent = None
    if n % 3 != 2:
        candidates = [demo.medlem[u["medlem"]] for _, u in seats
                      if u["roll"] == "ledamot" and u["funktion"] != "ordforande"]  # fmt: skip
        absent = candidates[(n * 7 + m.datum.year) % len(candidates)]
    voters = []
    for _, u in seats:
        medlem = demo.medlem[u["medlem"]]
        if u["roll"] == "ledamot":
            present = serving = medlem != absent
        else:
            serving = medlem == absent
            present = serving or (n + medlem) % 3 != 0
        demo.content.narvaro.append(
            record(sheets.NARVARO_COLUMNS, mote=m.nr, person=u["person"], medlem=u["medlem"],
                   roll=u["roll"], narvarande=present, tjanstgorande=serving)
        )  # fmt: skip
        if serving and u["funktion"] != "ordforande":
            voters.append(u["person"])
    start = n % len(voters)
    return [voters[start], voters[(start + 1) % len(voters)]]
