"""Everything on the förbund's wheel for a year: rules, own entries, meetings, insatser.

Nothing here is stored: entries are derived from the data each time. An entry's ``nyckel``
names it lastingly within the file ("regel:psykiatriveckan", "post:3", "mote:12",
"beredning:12", "insats-start:4" …) so a calendar export can give it a stable UID.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum

from ..model import MoteTyp, Ring, Upprepning
from ..settings import get_setting
from ..storage import ForbundFile
from ..swedish import plural, sort_key
from . import helgdagar
from .poster import arshjul_klara, arshjul_poster, regel_ar, regler, startmanad
from .regler import DEFAULT_RULES, MONTHS

#: Days after an insats ends that its final report (slutrapport) is due.
SLUTRAPPORT_DAGAR = 60
#: The yearly follow-up of the insatser (counts per insats) is due this day for last year.
UPPFOLJNING_MANAD, UPPFOLJNING_DAG = 1, 31
#: The rules every new file has (schema step 0004): entries of theirs are "Förvald regel".
DEFAULT_KEYS = frozenset(r.nyckel for r in DEFAULT_RULES)
#: Meeting kinds that prepare a styrelsemöte: with one in the week(s) before, none is generated.
_BEREDNING_TYPER = ("beredning", "beredningsgrupp")
#: The ring of each meeting kind not in Styrelse och beredning.
_MOTE_RING = {"styrgrupp": Ring.INSATSER, "ovrigt": Ring.EGNA}
#: Statuses of an insats that never ran: no start or end on the wheel.
_NOT_RUN = ("ansokan", "beredning", "avslag", "aterremitterad", "atertagen")


class Kalla(Enum):
    """Where an entry comes from; says what the user can do with it."""

    REGEL = "regel"
    EGEN = "egen"
    MOTE = "mote"
    BEREDNING = "beredning"
    INSATS = "insats"
    ANSLAG = "anslag"


@dataclass(frozen=True)
class Handelse:
    """One entry on the wheel, placed in a year."""

    nyckel: str
    kalla: Kalla
    ring: Ring
    rubrik: str
    datum: dt.date
    slut: dt.date | None
    ar: int  # the calendar year whose entry this is (ticks are per year)
    beskrivning: str = ""
    klar: bool = False
    kan_bockas: bool = False  # the user can tick it off here
    senast: bool = False  # a deadline
    flagga: str = ""  # why the date is a poor one (a holiday, a weekend), or ""
    id: int | None = None  # rule, own entry, meeting or insats id
    regel: str = ""  # the rule in words, for rule entries
    flyttad: bool = False  # a rule entry moved this year
    arlig: bool = False
    #: The rule the entry comes from (a rule's nyckel, or one of INBYGGDA), "" for none.
    regel_nyckel: str = ""
    extra: dict = field(default_factory=dict, compare=False, hash=False)

    @property
    def sista(self) -> dt.date:
        return self.slut or self.datum


@dataclass(frozen=True)
class InbyggdRegel:
    """A rule the wheel applies to the förbund's meetings and insatser, not a date rule.

    A new file has them on, as it has the default date rules; each is switched off by its
    boolean setting (:mod:`finsam_desktop.settings`), stored in the file, undoable.
    """

    nyckel: str
    rubrik: str
    kort: str  # in the list's Källa column: "Regel: beredning"
    ring: Ring
    installning: str
    beskrivning: str


INBYGGDA = {
    r.nyckel: r
    for r in [
        InbyggdRegel(
            "beredning",
            "Beredning före styrelsemöte",
            "beredning",
            Ring.STYRELSE,
            "arshjul_beredning",
            "En beredning föreslås före varje styrelsemöte som inte har ett eget "
            "beredningsmöte veckan eller veckorna före.",
        ),
        InbyggdRegel(
            "slutrapport",
            "Slutrapport efter avslutad insats",
            "slutrapport",
            Ring.INSATSER,
            "arshjul_slutrapport",
            f"Slutrapporten lämnas senast {SLUTRAPPORT_DAGAR} dagar efter att en insats avslutats.",
        ),
        InbyggdRegel(
            "uppfoljning",
            "Årlig uppföljning av insatserna",
            "uppföljning",
            Ring.INSATSER,
            "arshjul_uppfoljning",
            f"Förra årets antal deltagare och avslutade i de individinriktade insatserna, "
            f"senast {UPPFOLJNING_DAG} {MONTHS[UPPFOLJNING_MANAD - 1]}.",
        ),
    ]
}


def inbyggd_nar(ff: ForbundFile, nyckel: str) -> str:
    """When the built-in rule ``nyckel`` gives an entry, in words."""
    if nyckel == "beredning":
        days = int(get_setting(ff, "beredning_dagar_fore"))
        return f"{plural(days, 'dag', 'dagar')} före varje styrelsemöte utan eget beredningsmöte"
    if nyckel == "slutrapport":
        return f"{SLUTRAPPORT_DAGAR} dagar efter insatsens slut"
    return f"{UPPFOLJNING_DAG} {MONTHS[UPPFOLJNING_MANAD - 1]} varje år, för förra året"


def inbyggd_pa(ff: ForbundFile, nyckel: str) -> bool:
    """Whether the built-in rule ``nyckel`` is on in this förbund's file."""
    return bool(get_setting(ff, INBYGGDA[nyckel].installning))


def kalla_kort(h: Handelse) -> str:
    """Where an entry comes from, short, for the list: "Förvald regel", "Regel: beredning"."""
    if h.regel_nyckel in INBYGGDA:
        return f"Regel: {INBYGGDA[h.regel_nyckel].kort}"
    if h.kalla is Kalla.REGEL:
        return "Förvald regel" if h.regel_nyckel in DEFAULT_KEYS else "Egen regel"
    kinds = {Kalla.EGEN: "Egen post", Kalla.MOTE: "Möte", Kalla.INSATS: "Insats"}
    return kinds.get(h.kalla, "Anslag" if h.kalla is Kalla.ANSLAG else "")


def kalla_text(h: Handelse) -> str:
    """Where an entry comes from, in a sentence, and how to change it or switch it off."""
    off = "Stäng av regeln om förbundet inte vill ha den; den kan slås på igen under Regler."
    if h.regel_nyckel in INBYGGDA:
        regel = INBYGGDA[h.regel_nyckel]
        return f"Källa: regeln ”{regel.rubrik}”, som finns i varje ny fil. {off}"
    if h.kalla is Kalla.REGEL:
        if h.regel_nyckel in DEFAULT_KEYS:
            return (
                f"Källa: den förvalda regeln ”{h.rubrik}” ({h.regel}), som finns i varje ny "
                f"fil; dess datum ändras med Ändra. {off}"
            )
        return f"Källa: förbundets egen regel ”{h.rubrik}” ({h.regel}). {off}"
    if h.kalla is Kalla.EGEN:
        return "Källa: en post som förbundet har lagt in själv."
    if h.kalla is Kalla.MOTE:
        return "Källa: ett möte på sidan Möten; ändras där."
    if h.kalla is Kalla.INSATS:
        return "Källa: insatsens start- och slutdatum på sidan Insatser; ändras där."
    if h.kalla is Kalla.ANSLAG:
        return "Källa: justeringen av mötets protokoll på sidan Möten; anslagets datum ändras där."
    return ""


@dataclass(frozen=True)
class Period:
    """The wheel's year: twelve months from ``start`` (a first of a month)."""

    year: int
    startmanad: int = 1

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.startmanad, 1)

    @property
    def end(self) -> dt.date:
        """The first day after the period."""
        return dt.date(self.year + 1, self.startmanad, 1)

    @property
    def label(self) -> str:
        if self.startmanad == 1:
            return str(self.year)
        return f"{self.year}/{str(self.year + 1)[2:]}"

    @property
    def long_label(self) -> str:
        if self.startmanad == 1:
            return str(self.year)
        last = self.end - dt.timedelta(days=1)
        return f"{MONTHS[self.startmanad - 1]} {self.year} – {MONTHS[last.month - 1]} {last.year}"

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of the twelve months in order."""
        out = []
        for i in range(12):
            m = self.startmanad - 1 + i
            out.append((self.year + m // 12, m % 12 + 1))
        return out

    def contains(self, day: dt.date) -> bool:
        return self.start <= day < self.end

    @property
    def calendar_years(self) -> list[int]:
        return [self.year] if self.startmanad == 1 else [self.year, self.year + 1]


def period_for(ff: ForbundFile, year: int) -> Period:
    return Period(year, startmanad(ff))


def _flag(day: dt.date) -> str:
    return helgdagar.flag(day)


def entries(
    ff: ForbundFile, period: Period | int, rings: set[Ring] | None = None
) -> list[Handelse]:
    """Every entry starting in ``period`` (a year means the förbund's own start month)."""
    if isinstance(period, int):
        period = period_for(ff, period)
    years = sorted({period.year - 1, *period.calendar_years, period.year + 1})
    found: list[Handelse] = []
    found += _own(ff, years)
    own_names = {(sort_key(h.rubrik.strip()), h.ar) for h in found}
    found += [h for h in _rules(ff, years) if (sort_key(h.rubrik.strip()), h.ar) not in own_names]
    found += _meetings(ff, period)
    found += _anslag(ff, period)
    found += _insatser(ff, years)
    kept = [h for h in found if period.contains(h.datum) and (rings is None or h.ring in rings)]
    return sorted(kept, key=lambda h: (h.datum, list(Ring).index(h.ring), sort_key(h.rubrik)))


def _rules(ff: ForbundFile, years: list[int]) -> list[Handelse]:
    settings = {"delarsrapport": bool(get_setting(ff, "delarsrapport"))}
    marks = regel_ar(ff, years)
    out = []
    for regel in regler(ff, alla=False):
        if regel.villkor and not settings.get(regel.villkor, True):
            continue
        for year in years:
            when = regel.dates(year)
            if when is None:
                continue
            start, end = when
            mark = marks.get((regel.id or 0, year))
            moved = False
            if mark is not None and mark.datum is not None:
                start, end, moved = mark.datum, mark.slut or mark.datum, True
            flag = _flag(end) if regel.senast else ""
            out.append(
                Handelse(
                    f"regel:{regel.nyckel}",
                    Kalla.REGEL,
                    regel.ring,
                    regel.rubrik,
                    start,
                    end if end != start else None,
                    year,
                    regel.beskrivning,
                    klar=bool(mark and mark.klar),
                    kan_bockas=True,
                    senast=regel.senast,
                    flagga=flag,
                    id=regel.id,
                    regel=regel.describe(),
                    flyttad=moved,
                    arlig=True,
                    regel_nyckel=regel.nyckel,
                )
            )
    return out


def _own(ff: ForbundFile, years: list[int]) -> list[Handelse]:
    out = []
    done = {year: arshjul_klara(ff, year) for year in years}
    for post in arshjul_poster(ff):
        for year in years:
            when = post.occurrence(year)
            if when is None:
                continue
            arlig = post.upprepning is Upprepning.ARLIGEN
            out.append(
                Handelse(
                    f"post:{post.id}",
                    Kalla.EGEN,
                    post.ring,
                    post.rubrik,
                    when[0],
                    when[1],
                    year,
                    post.beskrivning,
                    klar=post.id in done[year],
                    kan_bockas=True,
                    id=post.id,
                    regel="varje år" if arlig else "en gång",
                    arlig=arlig,
                )
            )
    return out


def _meetings(ff: ForbundFile, period: Period) -> list[Handelse]:
    rows = ff.query(
        "SELECT id, typ, grupp, datum, starttid, sluttid, plats, justerat FROM mote "
        "WHERE datum >= ? AND datum < ? ORDER BY datum, id",
        (
            (period.start - dt.timedelta(days=60)).isoformat(),
            (period.end + dt.timedelta(days=60)).isoformat(),
        ),
    )
    out = []
    days_before = int(get_setting(ff, "beredning_dagar_fore"))
    suggest = inbyggd_pa(ff, "beredning")
    beredningar = [dt.date.fromisoformat(r["datum"]) for r in rows if r["typ"] in _BEREDNING_TYPER]
    for r in rows:
        typ = MoteTyp(r["typ"])
        day = dt.date.fromisoformat(r["datum"])
        tid = "–".join(t for t in (r["starttid"], r["sluttid"]) if t)
        about = ", ".join(x for x in (tid, r["plats"]) if x)
        ring = _MOTE_RING.get(typ.value, Ring.STYRELSE)
        out.append(
            Handelse(
                f"mote:{r['id']}",
                Kalla.MOTE,
                ring,
                r["grupp"] or typ.label,  # the förbund's own name for the group, if any
                day,
                None,
                day.year,
                about,
                klar=r["justerat"] is not None,
                flagga=_flag(day),
                id=r["id"],
                extra={
                    "tid": tid,
                    "plats": r["plats"],
                    "starttid": r["starttid"],
                    "sluttid": r["sluttid"],
                },
            )
        )
        if typ is MoteTyp.STYRELSEMOTE and suggest:
            window = max(14, 2 * days_before)
            if any(day - dt.timedelta(days=window) <= b < day for b in beredningar):
                continue  # the data has its own beredning meeting
            when = helgdagar.workday_before(day - dt.timedelta(days=days_before))
            out.append(
                Handelse(
                    f"beredning:{r['id']}",
                    Kalla.BEREDNING,
                    Ring.STYRELSE,
                    "Beredning",
                    when,
                    None,
                    when.year,
                    f"Beredning inför styrelsemötet {day.isoformat()}, "
                    f"{plural(days_before, 'dag', 'dagar')} före "
                    "(närmast föregående arbetsdag).",
                    id=r["id"],
                    regel=inbyggd_nar(ff, "beredning"),
                    regel_nyckel="beredning",
                )
            )
    return out


def _anslag(ff: ForbundFile, period: Period) -> list[Handelse]:
    """Each justerat protokoll's anslag, from the day it goes up to the day it comes down."""
    rows = ff.query(
        "SELECT j.mote_id, j.version, j.anslag_upp, j.anslag_ned, mo.typ, mo.grupp, mo.datum "
        "FROM justering j JOIN mote mo ON mo.id = j.mote_id "
        "WHERE j.status = 'justerad' AND j.anslag_upp >= ? AND j.anslag_upp < ? "
        "ORDER BY j.anslag_upp, j.mote_id",
        (period.start.isoformat(), period.end.isoformat()),
    )
    out = []
    for r in rows:
        upp, ned = dt.date.fromisoformat(r["anslag_upp"]), dt.date.fromisoformat(r["anslag_ned"])
        name = r["grupp"] or MoteTyp(r["typ"]).label
        out.append(
            Handelse(
                f"anslag:{r['mote_id']}" + (f"-{r['version']}" if r["version"] > 1 else ""),
                Kalla.ANSLAG,
                Ring.STYRELSE,
                f"Anslag: protokoll {name.lower()} {r['datum']}",
                upp,
                ned,
                upp.year,
                f"Anslaget om att protokollet är justerat sitter uppe {upp.isoformat()}–"
                f"{ned.isoformat()}; överklagandetiden är tre veckor från uppsättandet.",
                id=r["mote_id"],
            )
        )
    return out


def _insatser(ff: ForbundFile, years: list[int]) -> list[Handelse]:
    rows = ff.query(
        "SELECT id, namn, typ, status, start, slut FROM insats WHERE status NOT IN "
        f"({','.join('?' * len(_NOT_RUN))})",
        _NOT_RUN,
    )  # unsorted: the entries are sorted by date, a missing uppföljning's names below
    wanted = set(years)
    followed = {
        (r["insats_id"], r["ar"]) for r in ff.query("SELECT insats_id, ar FROM uppfoljning")
    }
    out = []
    slutrapport, uppfoljning = inbyggd_pa(ff, "slutrapport"), inbyggd_pa(ff, "uppfoljning")
    for r in rows:
        start = dt.date.fromisoformat(r["start"]) if r["start"] else None
        end = dt.date.fromisoformat(r["slut"]) if r["slut"] else None
        for key, rubrik, day, text in (
            ("insats-start", "Start", start, "Insatsen börjar."),
            ("insats-slut", "Slut", end, "Insatsen avslutas."),
        ):
            if day is not None and day.year in wanted:
                out.append(
                    Handelse(
                        f"{key}:{r['id']}", Kalla.INSATS, Ring.INSATSER,
                        f"{rubrik}: {r['namn']}", day, None, day.year, text, id=r["id"],
                    )
                )  # fmt: skip
        due = end + dt.timedelta(days=SLUTRAPPORT_DAGAR) if end is not None else None
        if due is not None and due.year in wanted and slutrapport:
            out.append(
                Handelse(
                    f"slutrapport:{r['id']}", Kalla.INSATS, Ring.INSATSER,
                    f"Slutrapport: {r['namn']}", due, None, due.year,
                    f"Slutrapporten lämnas senast {SLUTRAPPORT_DAGAR} dagar efter att insatsen "
                    "avslutats.",
                    senast=True, flagga=_flag(due), id=r["id"],
                    regel=inbyggd_nar(ff, "slutrapport"),
                    regel_nyckel="slutrapport",
                )
            )  # fmt: skip
    for year in years if uppfoljning else []:
        ran = [
            r for r in rows  # participants are counted in individinriktade insatser only
            if r["typ"] == "individinriktad" and r["start"] and r["start"] <= f"{year - 1}-12-31"
            and (not r["slut"] or r["slut"] >= f"{year - 1}-01-01")
        ]  # fmt: skip
        if not ran:
            continue
        due = dt.date(year, UPPFOLJNING_MANAD, UPPFOLJNING_DAG)
        missing = sorted(
            (r["namn"] for r in ran if (r["id"], year - 1) not in followed), key=sort_key
        )
        which = plural(len(ran), "individinriktad insats", "individinriktade insatser")
        text = f"Uppföljning av {which} för {year - 1} (deltagare, avslutade)."
        if missing:
            text += " Saknas för: " + ", ".join(missing) + "."
        out.append(
            Handelse(
                f"uppfoljning:{year - 1}", Kalla.INSATS, Ring.INSATSER,
                f"Uppföljning av insatserna {year - 1}", due, None, year, text,
                klar=not missing, senast=True, flagga=_flag(due),
                regel=inbyggd_nar(ff, "uppfoljning"),
                regel_nyckel="uppfoljning",
            )
        )  # fmt: skip
    return out


def holidays_in(period: Period) -> list[tuple[dt.date, str]]:
    """Public and de-facto holidays within ``period``, in date order."""
    days = []
    for year in period.calendar_years:
        days += [(d, n) for d, n in helgdagar.helgdagar(year).items() if period.contains(d)]
    return sorted(days)


#: The rings from the centre outwards, and each ring's colour (wheel, PDF and list alike).
RINGS = [Ring.STYRELSE, Ring.EKONOMI, Ring.INSATSER, Ring.KONFERENSER, Ring.EGNA]
RING_FARG = {
    Ring.STYRELSE: "#2f6b9a",
    Ring.EKONOMI: "#b5651d",
    Ring.INSATSER: "#3f8f4f",
    Ring.KONFERENSER: "#8a4f9e",
    Ring.EGNA: "#6b6b6b",
}
#: Each ring's name where room is short (the list's Ring column); the legend says it whole.
RING_KORT = {
    Ring.STYRELSE: "Styrelse",
    Ring.EKONOMI: "Ekonomi",
    Ring.INSATSER: "Insatser",
    Ring.KONFERENSER: "Konferenser",
    Ring.EGNA: "Egna",
}
HELGDAG_FARG = "#c0392b"
#: The dashed line at today's date on the wheel (ui/widgets/wheel.py has the same red).
IDAG_FARG = "#d0021b"


def fraction(period: Period, day: dt.date) -> float:
    """Where ``day`` lies in ``period``: 0 at its start, 1 at its end."""
    total = (period.end - period.start).days
    return (day - period.start).days / total
