"""The non-money facts a report prints: styrelse, meetings, revisorer, insatser, goals.

Small read-only queries, each returning plain records with Swedish labels already resolved,
so the report modules hold no SQL. Money stays integer öre; formatting is the report's.
Participant follow-up is aggregated counts only: no table holds anything about a person who
takes part in an insats.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from . import ekonomi, moten, styrelse
from .forbund import medlemmar
from .insatser import FRITEXT
from .insatser import alla as alla_insatser
from .model import Bedomning, Funktion, InsatsStatus, MoteTyp, Roll
from .styrelse import Uppdrag, mandate_period
from .swedish import sort_key

if TYPE_CHECKING:
    from .storage import ForbundFile


# -- styrelse ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Plats:
    """One member's seats on a day: ledamot and ersättare, with ordförande/vice marked."""

    medlem: str
    ledamot: str
    ledamot_funktion: str  # "" or "ordförande" / "vice ordförande"
    ersattare: str


def platser_pa(ff: ForbundFile, day: dt.date) -> list[Plats]:
    """The board on ``day`` (:func:`styrelse.styrelse_pa`) as the reports print it: one row
    per seat pair (ledamot beside ersättare), ordförande first, then vice ordförande, then
    the rest in member order."""
    per_medlem: dict[int, tuple[str, list[Uppdrag], list[Uppdrag]]] = {}
    for u in styrelse.styrelse_pa(ff, day):
        _, led, ers = per_medlem.setdefault(u.medlem_id, (u.medlem, [], []))
        (led if u.roll is Roll.LEDAMOT else ers).append(u)
    platser = []
    for medlem, led, ers in per_medlem.values():
        for i in range(max(len(led), len(ers))):
            lu = led[i] if i < len(led) else None
            eu = ers[i] if i < len(ers) else None
            funktion = lu.funktion.label.lower() if lu and lu.funktion else ""
            platser.append(
                Plats(medlem, lu.person if lu else "", funktion, eu.person if eu else "")
            )
    rank = {"ordförande": 0, "vice ordförande": 1}
    return sorted(platser, key=lambda p: rank.get(p.ledamot_funktion, 2))


def styrelse_vid_arets_borjan(ff: ForbundFile, ar: int) -> list[Plats]:
    return platser_pa(ff, dt.date(ar, 1, 1))


def ledamoter_pa(ff: ForbundFile, day: dt.date) -> list[dict]:
    """Ledamöter on ``day`` with member and function (for the signature page), ordförande
    and vice ordförande first."""
    rank = {Funktion.ORDFORANDE: 0, Funktion.VICE_ORDFORANDE: 1}
    seats = [u for u in styrelse.styrelse_pa(ff, day) if u.roll is Roll.LEDAMOT]
    seats.sort(key=lambda u: rank.get(u.funktion, 2))  # stable: then in member order
    return [
        {
            "namn": u.person,
            "medlem": u.medlem,
            "funktion": u.funktion.label if u.funktion else "Ledamot",
        }
        for u in seats
    ]


@dataclass(frozen=True)
class Undertecknare:
    """One who signs the årsredovisning: name, member and what they sign as."""

    namn: str
    medlem: str
    funktion: str  # "Ordförande", "Vice ordförande", "Ledamot", "Tjänstgörande ersättare"


@dataclass(frozen=True)
class Undertecknande:
    """The årsredovisning's signing: the day, the styrelse's decision if there is one, and
    the styrelse as it is that day."""

    datum: dt.date
    #: The board meeting that decides the årsredovisning ("Årsredovisning 2024" among its
    #: ärenden) and its §; None: the file has no such decision, so ``datum`` is the day the
    #: report is printed (at the earliest the year's end).
    mote_datum: dt.date | None
    paragraf: int | None
    personer: tuple[Undertecknare, ...]


def undertecknande(ff: ForbundFile, ar: int, today: dt.date) -> Undertecknande:
    """Who signs the årsredovisning for ``ar``: at the meeting that decides it, the
    ledamöter present and the ersättare serving in place of an absent ledamot (närvaro as
    recorded; a meeting without närvaro has its ledamöter); without such a meeting, the
    ledamöter on the day the report is printed. Ordförande and vice ordförande first."""
    decided = beslutsmote(ff, f"Årsredovisning {ar}")
    rank = {Funktion.ORDFORANDE: 0, Funktion.VICE_ORDFORANDE: 1}
    if decided is not None:
        mote_id, day, paragraf = decided
        seats = [n for n in moten.narvaro(ff, mote_id) if n.rostar]
        people = [
            (
                rank.get(n.funktion, 2) if n.roll is Roll.LEDAMOT else 2,
                Undertecknare(
                    n.person,
                    n.medlem,
                    (n.funktion.label if n.funktion else "Ledamot")
                    if n.roll is Roll.LEDAMOT
                    else "Tjänstgörande ersättare",
                ),
            )
            for n in seats
        ]
        people.sort(key=lambda p: p[0])  # stable: then in the styrelse's order
        return Undertecknande(day, day, paragraf, tuple(p for _, p in people))
    day = max(today, dt.date(ar, 12, 31))
    return Undertecknande(
        day,
        None,
        None,
        tuple(Undertecknare(p["namn"], p["medlem"], p["funktion"]) for p in ledamoter_pa(ff, day)),
    )


@dataclass(frozen=True)
class Forandring:
    """A change of the board during a year, as the årsredovisning tells it."""

    datum: str
    text: str


def styrelseforandringar(ff: ForbundFile, ar: int) -> list[Forandring]:
    """Seats that ended or began inside the year (not on 1 January), in date order.

    An ending followed by a beginning for the same member and role within a month reads as
    one change: "X slutade; som ny ledamot utsågs Y av Medlem". A new mandate period is one
    sentence, not every seat turning over.
    """
    start, end = f"{ar}-01-01", f"{ar}-12-31"
    rows = ff.query(
        "SELECT u.*, p.namn AS person, m.namn AS medlem FROM uppdrag u "
        "JOIN person p ON p.id = u.person_id JOIN medlem m ON m.id = u.medlem_id "
        "WHERE (u.till >= ? AND u.till < ?) OR (u.fran > ? AND u.fran <= ?) "
        "ORDER BY coalesce(u.till, u.fran), u.id",
        (start, end, start, end),
    )
    out = []
    # A new mandate period (1 April after an election) is one change, not every seat ending
    # and beginning: the table of the board at the year's start and the signature page name
    # the people.
    period_start = mandate_period(dt.date(ar, 4, 1))[0]
    turnover = period_start.year == ar and any(r["fran"] == period_start.isoformat() for r in rows)
    if turnover:
        first, last = mandate_period(period_start)
        out.append(
            Forandring(
                period_start.isoformat(),
                f"En ny mandatperiod började {first} (till och med {last}); medlemmarna utsåg "
                "ledamöter och ersättare på nytt.",
            )
        )
        eve = (period_start - dt.timedelta(days=1)).isoformat()
        rows = [r for r in rows if r["till"] != eve and r["fran"] != period_start.isoformat()]
    ended = [r for r in rows if r["till"] and start <= r["till"] < end]
    began = [r for r in rows if start < r["fran"] <= end]
    used: set[int] = set()
    for e in ended:
        roll = Roll(e["roll"]).label.lower()
        follower = next(
            (
                b
                for b in began
                if b["id"] not in used
                and b["medlem_id"] == e["medlem_id"]
                and b["roll"] == e["roll"]
                and b["person_id"] != e["person_id"]
                and (dt.date.fromisoformat(b["fran"]) - dt.date.fromisoformat(e["till"])).days <= 31
            ),
            None,
        )
        if follower is not None:
            used.add(follower["id"])
            text = (
                f"{e['person']} ({roll}, {e['medlem']}) slutade {e['till']}; som ny {roll} "
                f"utsågs {follower['person']} från {follower['fran']}."
            )
        else:
            text = f"{e['person']} ({roll}, {e['medlem']}) slutade {e['till']}."
        if e["person_id"] in {b["person_id"] for b in began if b["medlem_id"] == e["medlem_id"]}:
            continue  # a renewed mandate for the same person is no change
        out.append(Forandring(e["till"], text))
    renewed = {(e["person_id"], e["medlem_id"]) for e in ended}
    for b in began:
        if b["id"] in used or (b["person_id"], b["medlem_id"]) in renewed:
            continue
        roll = Roll(b["roll"]).label.lower()
        out.append(
            Forandring(
                b["fran"], f"{b['person']} utsågs till {roll} av {b['medlem']} från {b['fran']}."
            )
        )
    return sorted(out, key=lambda f: f.datum)


@dataclass(frozen=True)
class Sammantraden:
    protokollforda: int
    varav_extra: int
    beredning: int
    medlemssamrad: int


def sammantraden(ff: ForbundFile, ar: int, *, till: dt.date | None = None) -> Sammantraden:
    """Board meetings held in ``ar`` (up to ``till``), of which extra; beredning; samråd."""
    last = (till or dt.date(ar, 12, 31)).isoformat()
    counts = {
        r["typ"]: r["n"]
        for r in ff.query(
            "SELECT typ, count(*) AS n FROM mote WHERE datum BETWEEN ? AND ? GROUP BY typ",
            (f"{ar}-01-01", last),
        )
    }
    extra = counts.get(MoteTyp.EXTRA_STYRELSEMOTE.value, 0)
    return Sammantraden(
        protokollforda=counts.get(MoteTyp.STYRELSEMOTE.value, 0) + extra,
        varav_extra=extra,
        beredning=counts.get(MoteTyp.BEREDNING.value, 0),
        medlemssamrad=counts.get(MoteTyp.MEDLEMSSAMRAD.value, 0),
    )


def revisorer(ff: ForbundFile, ar: int) -> list[dict]:
    """Revisorer serving some time in ``ar``: namn and the members they audit for, in the
    order of the first member each audits for."""
    first, last = dt.date(ar, 1, 1), dt.date(ar, 12, 31)
    position = {m.id: i for i, m in enumerate(medlemmar(ff))}
    serving = [
        r
        for r in styrelse.alla_revisorer(ff)
        if (r.fran is None or r.fran <= last) and (r.till is None or r.till >= first)
    ]
    serving.sort(key=lambda r: (min((position[i] for i in r.medlem_ids), default=-1), r.id))
    seen: set[tuple[str, str]] = set()
    out = []
    for r in serving:
        k = (r.namn, ", ".join(r.medlemmar))
        if k not in seen:  # the same person re-appointed for a new period: listed once
            seen.add(k)
            out.append({"namn": k[0], "medlemmar": k[1]})
    return out


# -- insatser ----------------------------------------------------------------------------------


@dataclass
class Malrad:
    mal: str
    indikator: str
    metod: str
    bedomning: str  # label, "" if not assessed for the year
    motivering: str


@dataclass
class Insatsredovisning:
    """An insats as a report gives account of it for one year: the stored insats
    (:func:`finsam_desktop.insatser.alla`) with labels and parties resolved, the year's
    money (öre, förbrukat positive as reported), the plan years', goals and follow-up."""

    id: int
    namn: str
    typ: str
    status: str
    agare: str
    medparter: str
    start: str | None
    slut: str | None
    #: The free-text fields (:data:`finsam_desktop.insatser.FRITEXT`) by name, in their order.
    fritext: dict[str, str]
    beviljat: int | None
    forbrukat: int | None
    planerat: dict[int, int] = field(default_factory=dict)
    mal: list[Malrad] = field(default_factory=list)
    nya_kvinnor: int | None = None
    nya_man: int | None = None
    avslutade: int | None = None
    aktiva: int | None = None

    @property
    def ej_forbrukat(self) -> int | None:
        if self.beviljat is None:
            return None
        return self.beviljat - (self.forbrukat or 0)

    @property
    def projekttid(self) -> str:
        start = self.start or "–"
        return f"{start} – {self.slut}" if self.slut else f"{start} – t.o.m. löpande"

    @property
    def har_deltagare(self) -> bool:
        return any(
            v is not None for v in (self.nya_kvinnor, self.nya_man, self.avslutade, self.aktiva)
        )


def insatser(ff: ForbundFile, ar: int, *, plan_ar: tuple[int, ...] = ()) -> list[Insatsredovisning]:
    """Insatser with money for ``ar`` (or planned for one of ``plan_ar``), by name.

    Each carries owner, medparter, beviljat/förbrukat for ``ar``, planned amounts for the
    plan years, its goals with the year's bedömning, and the year's participant counts.
    """
    years = (ar, *plan_ar)
    marks = ",".join("?" for _ in years)
    ids = [
        r["insats_id"]
        for r in ff.query(
            f"SELECT DISTINCT insats_id FROM insats_ar WHERE ar IN ({marks})", tuple(years)
        )
    ]
    if not ids:
        return []
    members = {m.id: m.namn for m in medlemmar(ff)}
    money: dict[int, dict[int, dict]] = defaultdict(dict)
    for r in ff.query("SELECT * FROM insats_ar"):
        money[r["insats_id"]][r["ar"]] = r
    goals: dict[int, list[Malrad]] = defaultdict(list)
    for r in ff.query(
        "SELECT m.*, b.bedomning, b.motivering FROM mal m LEFT JOIN mal_bedomning b "
        "ON b.mal_id = m.id AND b.ar = ? ORDER BY m.insats_id, m.ordning, m.id",
        (ar,),
    ):
        goals[r["insats_id"]].append(
            Malrad(
                r["mal"],
                r["indikator"],
                r["metod"],
                Bedomning(r["bedomning"]).label if r["bedomning"] else "",
                r["motivering"] or "",
            )
        )
    follow = {r["insats_id"]: r for r in ff.query("SELECT * FROM uppfoljning WHERE ar = ?", (ar,))}
    out = []
    wanted = set(ids)
    for ins in alla_insatser(ff):
        if ins.id not in wanted:
            continue
        year = money[ins.id].get(ar, {})
        f = follow.get(ins.id, {})
        out.append(
            Insatsredovisning(
                id=ins.id,
                namn=ins.namn,
                typ=ins.typ.label,
                status=ins.status.label,
                agare=members.get(ins.agare_id, "") if ins.agare_id else "",
                medparter=", ".join(members[m] for m in ins.medparter),
                start=ins.start.isoformat() if ins.start else None,
                slut=ins.slut.isoformat() if ins.slut else None,
                fritext={f.name: getattr(ins, f.name) for f in FRITEXT},
                beviljat=year.get("beviljat_ore"),
                forbrukat=year.get("forbrukat_ore"),
                planerat={
                    y: money[ins.id][y]["planerat_ore"] or money[ins.id][y]["beviljat_ore"] or 0
                    for y in years
                    if y in money[ins.id]
                },
                mal=goals.get(ins.id, []),
                nya_kvinnor=f.get("nya_kvinnor"),
                nya_man=f.get("nya_man"),
                avslutade=f.get("avslutade"),
                aktiva=f.get("aktiva"),
            )
        )
    return sorted(out, key=lambda i: sort_key(i.namn))


@dataclass(frozen=True)
class Ansokningar:
    """Applications received in a year and the decisions taken in it."""

    inkomna: int
    inkommet_belopp: int
    beslut: list[tuple[str, str, int | None]]  # (insats, status label, ansökt öre)


def ansokningar(ff: ForbundFile, ar: int) -> Ansokningar:
    start, end = f"{ar}-01-01", f"{ar}-12-31"
    inkomna = ff.query(
        "SELECT count(*) AS n, coalesce(sum(ansokt_ore), 0) AS s FROM insats "
        "WHERE ansokan_datum BETWEEN ? AND ?",
        (start, end),
    )[0]
    beslut = [
        (r["namn"], InsatsStatus(r["status"]).label, r["ansokt_ore"])
        for r in ff.query(
            "SELECT namn, status, ansokt_ore FROM insats WHERE beslut_datum BETWEEN ? AND ? "
            "ORDER BY beslut_datum, id",
            (start, end),
        )
    ]
    return Ansokningar(inkomna["n"], inkomna["s"], beslut)


def styrelsebeslut(ff: ForbundFile, rubrik_borjar: str) -> tuple[str, int | None] | None:
    """The board meeting whose ärende heading starts with ``rubrik_borjar`` (date, §).

    How a report finds its own decision ("Årsredovisning 2025" → 2026-03-19, § 14); the
    latest such meeting if there are several. None if there is none.
    """
    decided = beslutsmote(ff, rubrik_borjar)
    return (decided[1].isoformat(), decided[2]) if decided else None


def beslutsmote(ff: ForbundFile, rubrik_borjar: str) -> tuple[int, dt.date, int | None] | None:
    """The latest board meeting with an ärende whose heading starts with ``rubrik_borjar``:
    (its id, its date, the ärende's §). The meeting that decides a report, and whose
    styrelse signs it."""
    rows = ff.query(
        "SELECT m.id, m.datum, a.paragraf FROM arende a JOIN mote m ON m.id = a.mote_id "
        "WHERE m.typ IN ('styrelsemote', 'extra_styrelsemote') AND a.rubrik LIKE ? "
        "ORDER BY m.datum DESC, a.paragraf DESC LIMIT 1",
        (rubrik_borjar.replace("%", "") + "%",),
    )
    if not rows:
        return None
    return rows[0]["id"], dt.date.fromisoformat(rows[0]["datum"]), rows[0]["paragraf"]


def default_year(ff: ForbundFile, rapport: str, today: dt.date | None = None) -> int:
    """The year a report is most likely wanted for: the årsredovisning of the latest bokslut
    (else last year), the verksamhetsplan of the latest budget year (else next year), the
    delårsrapport of this year. A data question, so the app can ask it without ReportLab."""
    today = today or dt.date.today()
    if rapport == "arsredovisning":
        years = ekonomi.bokslut_ar(ff)
        return years[-1] if years else today.year - 1
    if rapport == "verksamhetsplan":
        versions = ekonomi.budget_versioner(ff)
        return versions[-1]["ar"] if versions else today.year + 1
    return today.year
