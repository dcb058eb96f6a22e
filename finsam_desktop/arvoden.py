"""Arvoden: the förbund's fee rules per year and the arvodesunderlag for the kommun's payroll.

The rules are data (table ``arvode_regel``, one row per year). From the närvaro of meetings the
rules pay for — styrelsemöten whose protokoll is justerat, and when the year's rule says so other
meetings with recorded närvaro (beredning, medlemssamråd; not "övrigt möte") — each present
person gets a meeting fee by duration class, förlorad arbetsförtjänst (FLA) for the hours
entered (capped per meeting, only with proof when the rule asks for it) and mileage for the km
entered (a tax-free part per mil and the taxable excess). Ordförande and vice get their fixed
fee each month (a yearly fee in twelve parts, the remainder in December) from whoever holds the
funktion on the month's first day; a person who is both ledamot and ordförande gets both.
Members appointed by the state are paid by their employer unless the rule or the person's own
setting says otherwise.

Money is integer öre; hours and the arbetsgivaravgift are hundredths (350 = 3,5 h; 3142 =
31,42 %).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING

from . import moten, styrelse
from .forbund import Ogiltigt
from .model import Funktion, MedlemTyp, MoteTyp, Roll

if TYPE_CHECKING:
    from .storage import ForbundFile

KORT, LANG = "kort", "lång"
#: The lönearter of the payroll's lines, in the order the lines are given.
ARVODE = "Sammanträdesarvode"
FAST = "Fast arvode"
FLA = "Förlorad arbetsinkomst"
MIL_FRI = "Milersättning skattefri"
MIL_SKATT = "Milersättning skattepliktig"
LONEARTER = (ARVODE, FAST, FLA, MIL_FRI, MIL_SKATT)


@dataclass(frozen=True)
class Regel:
    ar: int
    kort_timmar: int = 4
    arvode_kort_ore: int = 0
    arvode_lang_ore: int = 0
    ordforande_ore: int = 0
    vice_ore: int = 0
    fast_per_manad: bool = False
    fla_timme_ore: int = 0
    fla_tak_ore: int = 0
    fla_intyg: bool = True
    mil_ore: int = 0
    mil_skattefri_ore: int = 0
    arbetsgivaravgift_ore: int = 3142
    statliga_betalas: bool = False
    ovriga_moten: bool = False
    konto: str = ""
    ansvar: str = ""
    #: Where the fixed fees, FLA and mileage book ("" = ``konto``, where arvoden book).
    konto_fast: str = ""
    konto_fla: str = ""
    konto_mil: str = ""
    #: The reduced rate for those who had turned 66 when the year began (hundredths of a
    #: percent: 1021 = 10,21 %, the ålderspensionsavgift), born ``aldre_fodda_senast`` or
    #: earlier (None: the year − 67, as the law has it).
    arbetsgivaravgift_aldre_ore: int = 1021
    aldre_fodda_senast: int | None = None

    def klass(self, m: moten.Mote) -> str:
        """The meeting's duration class: up to ``kort_timmar`` hours is kort. A meeting without
        an end time counts as kort (enter the end time for a long meeting)."""
        if not (m.starttid and m.sluttid):
            return KORT
        minutes = _minutes(m.sluttid) - _minutes(m.starttid)
        return KORT if minutes <= self.kort_timmar * 60 else LANG

    def arvode(self, klass: str) -> int:
        return self.arvode_kort_ore if klass == KORT else self.arvode_lang_ore

    def fla(self, hundradelar: int, intyg: bool) -> int:
        if hundradelar <= 0 or (self.fla_intyg and not intyg):
            return 0
        ore = round(self.fla_timme_ore * hundradelar / 100)
        return min(ore, self.fla_tak_ore) if self.fla_tak_ore else ore

    def mil(self, km: int) -> tuple[int, int]:
        """(tax-free, taxable) mileage for ``km``: the rule's kr per mil, of which the
        tax-free part per mil is free and any excess taxable."""
        total = round(self.mil_ore * km / 10)
        free = min(total, round(self.mil_skattefri_ore * km / 10))
        return free, total - free

    @property
    def fodda_senast(self) -> int:
        """The last birth year that pays the reduced arbetsgivaravgift."""
        return self.aldre_fodda_senast if self.aldre_fodda_senast is not None else self.ar - 67

    def avgiftssats(self, personnummer: str = "") -> int:
        """The arbetsgivaravgift for a person, in hundredths of a percent: the reduced rate
        for those born ``fodda_senast`` or earlier, else the full rate (also for a person
        whose personnummer the payroll has not been given: it is named as missing)."""
        born = personnummer[:4]
        if born.isdigit() and int(born) <= self.fodda_senast:
            return self.arbetsgivaravgift_aldre_ore
        return self.arbetsgivaravgift_ore

    def avgift(self, skattepliktigt: int, personnummer: str = "") -> int:
        return round(skattepliktigt * self.avgiftssats(personnummer) / 10000)

    def konto_for(self, loneart: str) -> str:
        """The konto a löneart books on: its own, or the rule's konto."""
        own = {FAST: self.konto_fast, FLA: self.konto_fla, MIL_FRI: self.konto_mil,
               MIL_SKATT: self.konto_mil}.get(loneart, "")  # fmt: skip
        return own or self.konto


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


_BOOLS = ("fast_per_manad", "fla_intyg", "statliga_betalas", "ovriga_moten")
_COLUMNS = [f.name for f in fields(Regel)]


def regel(ff: ForbundFile, ar: int) -> Regel | None:
    rows = ff.query("SELECT * FROM arvode_regel WHERE ar = ?", (ar,))
    if not rows:
        return None
    r = rows[0]
    return Regel(**{k: (bool(r[k]) if k in _BOOLS else r[k]) for k in _COLUMNS})


def regler(ff: ForbundFile) -> list[Regel]:
    return [x for ar in _rule_years(ff) if (x := regel(ff, ar)) is not None]


def _rule_years(ff: ForbundFile) -> list[int]:
    return [r["ar"] for r in ff.query("SELECT ar FROM arvode_regel ORDER BY ar")]


def ny_regel(ff: ForbundFile, ar: int) -> Regel:
    """Start the rules of ``ar`` from the latest earlier year's (or empty ones); one write."""
    earlier = [x for x in regler(ff) if x.ar < ar]
    r = Regel(ar)
    if earlier:
        last = earlier[-1]
        cutoff = last.aldre_fodda_senast
        # a birth year typed for an earlier year moves with the years (66 when the year began)
        shifted = None if cutoff is None else cutoff + (ar - last.ar)
        r = replace(last, ar=ar, aldre_fodda_senast=shifted)
    spara_regel(ff, r)
    return r


def spara_regel(ff: ForbundFile, r: Regel) -> None:
    """Store the rules of ``r.ar`` (insert or replace); one write, none when unchanged."""
    if not 2000 <= r.ar <= 2200:
        raise Ogiltigt(f"{r.ar} är inget rimligt år.")
    if not 1 <= r.kort_timmar <= 24:
        raise Ogiltigt("Ett kort möte är mellan 1 och 24 timmar.")
    if not 0 <= r.arbetsgivaravgift_ore <= 10000 or not 0 <= r.arbetsgivaravgift_aldre_ore <= 10000:
        raise Ogiltigt("Arbetsgivaravgiften är en procentsats mellan 0 och 100.")
    if r.aldre_fodda_senast is not None and not 1850 <= r.aldre_fodda_senast <= 2200:
        raise Ogiltigt(f"{r.aldre_fodda_senast} är inget rimligt födelseår.")
    for name in _COLUMNS:
        value = getattr(r, name)
        if isinstance(value, int) and not isinstance(value, bool) and value < 0:
            raise Ogiltigt("Beloppen i arvodesreglerna är 0 eller mer.")
    if regel(ff, r.ar) == r:
        return
    values = [int(v) if isinstance(v, bool) else v for v in (getattr(r, c) for c in _COLUMNS)]
    with ff.write(f"Spara arvodesregler {r.ar}") as db:
        db.execute(
            f"INSERT OR REPLACE INTO arvode_regel ({', '.join(_COLUMNS)}) "
            f"VALUES ({', '.join('?' * len(_COLUMNS))})",
            values,
        )


def parse_timmar(text: str) -> int:
    """Hours as typed ("3", "3,5", "3.25", "2:30") in hundredths; "" is 0."""
    t = text.strip().replace(" ", "")
    if not t:
        return 0
    if ":" in t:
        h, _, m = t.partition(":")
        if h.isdigit() and m.isdigit() and len(m) == 2 and int(m) < 60:
            return int(h) * 100 + round(int(m) * 100 / 60)
    else:
        whole, _, frac = t.replace(".", ",").partition(",")
        if whole.isdigit() and (frac == "" or (frac.isdigit() and len(frac) <= 2)):
            return int(whole) * 100 + int((frac + "00")[:2])
    raise Ogiltigt(f"”{text.strip()}” är inget antal timmar; skriv till exempel 3,5 eller 2:30.")


def visa_timmar(hundradelar: int) -> str:
    """Hundredths of an hour as the app shows them: "3,5", "2,25", "4"."""
    whole, frac = divmod(hundradelar, 100)
    return f"{whole},{frac:02d}".rstrip("0").rstrip(",") if frac else str(whole)


def parse_km(text: str) -> int:
    t = text.strip().replace(" ", "").removesuffix("km")
    if not t:
        return 0
    if not t.isdigit():
        raise Ogiltigt(f"”{text.strip()}” är inget antal km; skriv ett heltal, till exempel 42.")
    return int(t)


def satt_mote_uppgifter(
    ff: ForbundFile, mote_id: int, person_id: int, fla_hundradelar: int, intyg: bool, km: int
) -> None:
    """FLA hours (hundredths), proof and km for one person at one meeting; one write."""
    if not 0 <= fla_hundradelar <= 2400:
        raise Ogiltigt("Förlorad arbetsförtjänst är mellan 0 och 24 timmar per möte.")
    if not 0 <= km <= 10000:
        raise Ogiltigt("Ange km mellan 0 och 10 000.")
    with ff.write("Ändra FLA och km") as db:
        db.execute(
            "INSERT INTO arvode_mote (mote_id, person_id, fla_hundradelar, fla_intyg, km) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (mote_id, person_id) DO UPDATE SET "
            "fla_hundradelar = excluded.fla_hundradelar, fla_intyg = excluded.fla_intyg, "
            "km = excluded.km",
            (mote_id, person_id, fla_hundradelar, int(intyg), km),
        )


def normalt_personnummer(text: str) -> str:
    """A personnummer as typed (with or without century, dash or plus) as ÅÅÅÅMMDD-NNNN,
    checked with its control digit; "" stays "" (no personnummer)."""
    typed = text.strip()
    if not typed:
        return ""
    from stdnum.exceptions import ValidationError as StdnumError  # only when one is typed
    from stdnum.se import personnummer as se_personnummer

    try:
        born = se_personnummer.get_birth_date(se_personnummer.validate(typed))
    except StdnumError:
        raise Ogiltigt(
            f"”{typed}” är inget giltigt personnummer (kontrollsiffran stämmer inte eller "
            "formen är fel); skriv ÅÅÅÅMMDD-NNNN."
        ) from None
    return f"{born:%Y%m%d}-{se_personnummer.compact(typed)[-4:]}"


def satt_person(ff: ForbundFile, person_id: int, personnummer: str, betalas: bool | None) -> None:
    """A person's personnummer (only if the user enters one) and whether they are paid."""
    pnr = normalt_personnummer(personnummer)
    with ff.write("Ändra arvodesmottagare") as db:
        db.execute(
            "INSERT INTO arvode_person (person_id, personnummer, betalas) VALUES (?, ?, ?) "
            "ON CONFLICT (person_id) DO UPDATE SET personnummer = excluded.personnummer, "
            "betalas = excluded.betalas",
            (person_id, pnr, None if betalas is None else int(betalas)),
        )


@dataclass(frozen=True)
class Mottagare:
    """A person who may be paid: personnummer (only when entered) and who pays them."""

    person_id: int
    namn: str
    personnummer: str
    #: The person's own setting: True paid, False not paid, None as the rule says.
    betalas: bool | None
    #: Appointed by the state (Försäkringskassan, Arbetsförmedlingen) on ``day``.
    statlig: bool
    #: Holds a seat in the styrelse on ``day``.
    i_styrelsen: bool
    #: Whether the förbund pays the person by the rules of ``day``'s year (the state's
    #: members only when the rule says so), before the person's own setting.
    enligt_regel: bool

    @property
    def maskerat(self) -> str:
        return maskerat(self.personnummer)


def mottagare(ff: ForbundFile, day: dt.date) -> list[Mottagare]:
    """Everyone in the file's styrelse register, with their arvode settings."""
    own = _betalas(ff)
    statlig = _statlig(ff)
    seats: dict[int, bool] = {}
    for u in styrelse.styrelse_pa(ff, day):
        seats[u.person_id] = seats.get(u.person_id, False) or statlig.get(u.medlem_id, False)
    r = regel(ff, day.year)
    state_paid = r is not None and r.statliga_betalas
    return [
        Mottagare(
            p.id, p.namn, own.get(p.id, ("", None))[0], own.get(p.id, ("", None))[1],
            seats.get(p.id, False), p.id in seats, state_paid or not seats.get(p.id, False),
        )
        for p in styrelse.personer(ff)
    ]  # fmt: skip


def maskerat(personnummer: str) -> str:
    """A personnummer as the app shows it: the birth date, the last four digits hidden."""
    digits = personnummer.strip()
    if not digits:
        return ""
    return digits[:-4] + "****" if len(digits) > 4 else "****"


# -- the underlag -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rad:
    """One line of the arvodesunderlag: a meeting, or a month's fixed fee."""

    person_id: int
    namn: str
    personnummer: str
    roll: str
    tjanstgorande: str  # "Ja", "Nej", or "" for a fixed fee
    datum: dt.date
    mote: str
    klass: str
    arvode_ore: int
    fla_hundradelar: int
    fla_ore: int
    km: int
    mil_skattefri_ore: int
    mil_skattepliktig_ore: int
    konto: str
    ansvar: str
    avgift_ore: int = 0
    #: The meeting of a meeting line (None for a fixed fee): FLA and km are entered per meeting.
    mote_id: int | None = None
    fla_intyg: bool = False
    #: The person's arbetsgivaravgift (hundredths of a percent) and each löneart's konto, as
    #: the year's rule gives them.
    sats: int = 0
    konton: tuple[tuple[str, str], ...] = ()

    def lonearter(self) -> list[tuple[str, int, int]]:
        """(löneart, antal, öre) of the line's pay: a meeting (antal 1), a month's fixed fee
        (1), FLA hours (in hundredths), mileage by km; parts of 0 kr are left out."""
        fast = self.mote_id is None
        parts = [
            (FAST if fast else ARVODE, 1, self.arvode_ore),
            (FLA, self.fla_hundradelar, self.fla_ore),
            (MIL_FRI, self.km, self.mil_skattefri_ore),
            (MIL_SKATT, self.km, self.mil_skattepliktig_ore),
        ]
        return [p for p in parts if p[2]]

    @property
    def manad(self) -> str:
        return f"{self.datum.year}-{self.datum.month:02d}"

    @property
    def milersattning_ore(self) -> int:
        return self.mil_skattefri_ore + self.mil_skattepliktig_ore

    @property
    def skattepliktigt_ore(self) -> int:
        return self.arvode_ore + self.fla_ore + self.mil_skattepliktig_ore

    @property
    def summa_ore(self) -> int:
        return self.arvode_ore + self.fla_ore + self.milersattning_ore


@dataclass(frozen=True)
class Lonerad:
    """One line of the payroll: a person's pay of one löneart on one konto in the period."""

    person_id: int
    namn: str
    personnummer: str
    loneart: str
    antal: int  # meetings, months, FLA hours in hundredths, or km
    belopp_ore: int
    konto: str
    ansvar: str
    avgift_ore: int  # 0 for the tax-free mileage

    @property
    def skattepliktig(self) -> bool:
        return self.loneart != MIL_FRI


@dataclass
class Underlag:
    fran: dt.date
    till: dt.date
    rader: list[Rad] = field(default_factory=list)
    #: Meetings in the period not paid yet, and why ("protokollet är inte justerat").
    vantar: list[str] = field(default_factory=list)
    #: People not paid by the förbund (state-appointed, or set so), with their meetings.
    ej_betalda: list[str] = field(default_factory=list)
    saknar_regel: list[int] = field(default_factory=list)

    @property
    def utan_personnummer(self) -> list[str]:
        """The people to be paid whose personnummer the payroll has not been given, in the
        order of the underlag: named in a warning, their rows marked in the Excel."""
        return list(dict.fromkeys(r.namn for r in self.rader if not r.personnummer))

    def summa(self, falt: str) -> int:
        """The sum of one amount over every line (``arvode_ore``, ``fla_ore``…)."""
        return sum(getattr(r, falt) for r in self.rader)

    def lonerader(self) -> list[Lonerad]:
        """The lines the payroll takes: per person, löneart and konto over the period, each
        löneart on the konto the förbund books it on, the arbetsgivaravgift at the person's
        rate on each taxable line. The per-meeting detail stays in :attr:`rader`."""
        sums: dict[tuple, list[int]] = {}
        who: dict[int, tuple[str, str, int]] = {}
        for r in self.rader:
            who.setdefault(r.person_id, (r.namn, r.personnummer, r.sats))
            konton = dict(r.konton)
            for loneart, antal, ore in r.lonearter():
                key = (r.person_id, loneart, konton.get(loneart, r.konto), r.ansvar)
                s = sums.setdefault(key, [0, 0])
                s[0] += antal
                s[1] += ore
        order = {loneart: i for i, loneart in enumerate(LONEARTER)}
        out = []
        for (person_id, loneart, konto, ansvar), (antal, ore) in sums.items():
            namn, pnr, sats = who[person_id]
            avgift = 0 if loneart == MIL_FRI else round(ore * sats / 10000)
            out.append(Lonerad(person_id, namn, pnr, loneart, antal, ore, konto, ansvar, avgift))
        out.sort(key=lambda x: (x.namn.casefold(), x.person_id, order[x.loneart], x.konto))
        return out

    def per_konto(self) -> list[tuple[str, str, int, int, int]]:
        """(konto, ansvar, taxable, tax-free mileage, arbetsgivaravgift) per konto/ansvar, of
        the payroll's lines (:meth:`lonerader`)."""
        sums: dict[tuple[str, str], list[int]] = {}
        for x in self.lonerader():
            s = sums.setdefault((x.konto, x.ansvar), [0, 0, 0])
            s[0 if x.skattepliktig else 1] += x.belopp_ore
            s[2] += x.avgift_ore
        return [(k, a, *v) for (k, a), v in sorted(sums.items())]


def _betalas(ff: ForbundFile) -> dict[int, tuple[str, bool | None]]:
    rows = ff.query("SELECT person_id, personnummer, betalas FROM arvode_person")
    return {
        r["person_id"]: (r["personnummer"], None if r["betalas"] is None else bool(r["betalas"]))
        for r in rows
    }


def _statlig(ff: ForbundFile) -> dict[int, bool]:
    return {r["id"]: MedlemTyp(r["typ"]).is_state for r in ff.query("SELECT id, typ FROM medlem")}


def _roll(n: moten.Narvaro) -> str:
    return n.funktion.label if n.funktion else n.roll.label


def underlag(ff: ForbundFile, fran: dt.date, till: dt.date) -> Underlag:
    """The arvodesunderlag from ``fran`` to ``till`` (inclusive), per person and date."""
    if till < fran:
        raise Ogiltigt(f"Perioden slutar ({till}) före den börjar ({fran}).")
    out = Underlag(fran, till)
    personer = _betalas(ff)
    statlig = _statlig(ff)
    extra = {
        (r["mote_id"], r["person_id"]): (r["fla_hundradelar"], bool(r["fla_intyg"]), r["km"])
        for r in ff.query("SELECT * FROM arvode_mote")
    }
    rules: dict[int, Regel | None] = {}

    def rule(ar: int) -> Regel | None:
        if ar not in rules:
            rules[ar] = regel(ff, ar)
            if rules[ar] is None:
                out.saknar_regel.append(ar)
        return rules[ar]

    def paid(person_id: int, medlem_id: int, r: Regel) -> bool:
        own = personer.get(person_id, ("", None))[1]
        if own is not None:
            return own
        return r.statliga_betalas or not statlig.get(medlem_id, False)

    not_paid: dict[str, list[str]] = {}
    alla = sorted(
        (m for m in moten.moten(ff) if fran <= m.datum <= till),
        key=lambda m: (m.datum, m.starttid, m.id),
    )
    for m in alla:
        r = rule(m.datum.year)
        if r is None or m.typ in moten.TJANSTEMANNAGRUPPER:
            continue
        if m.typ in moten.PROTOKOLLFORDA:
            if m.justerat is None:
                out.vantar.append(f"{m.rubrik}: protokollet är inte justerat")
                continue
        elif not r.ovriga_moten or m.typ is MoteTyp.OVRIGT:
            continue
        klass = r.klass(m)
        for n in moten.narvaro(ff, m.id):
            # other meetings pay only the närvaro actually recorded (no default "present")
            if not n.narvarande or (m.typ not in moten.PROTOKOLLFORDA and not n.registrerad):
                continue
            if not paid(n.person_id, n.medlem_id, r):
                not_paid.setdefault(n.person, []).append(m.datum.isoformat())
                continue
            fla_h, intyg, km = extra.get((m.id, n.person_id), (0, False, 0))
            free, taxable = r.mil(km)
            rad = Rad(
                n.person_id,
                n.person,
                personer.get(n.person_id, ("", None))[0],
                _roll(n),
                "Ja" if n.rostar else "Nej",
                m.datum,
                m.namn,
                klass,
                r.arvode(klass),
                fla_h,
                r.fla(fla_h, intyg),
                km,
                free,
                taxable,
                r.konto,
                r.ansvar,
            )
            out.rader.append(_priced(rad, r, mote_id=m.id, fla_intyg=intyg))
    out.rader += _fasta(ff, fran, till, rule, paid, personer, not_paid)
    out.rader.sort(key=lambda x: (x.namn.casefold(), x.datum, x.tjanstgorande == ""))
    out.ej_betalda = [f"{p} ({', '.join(d)})" for p, d in sorted(not_paid.items())]
    return out


def _months(fran: dt.date, till: dt.date) -> list[dt.date]:
    """The first days of the months whose first day lies in the period."""
    first = dt.date(fran.year, fran.month, 1)
    if first < fran:
        first = dt.date(fran.year + (fran.month == 12), fran.month % 12 + 1, 1)
    out = []
    while first <= till:
        out.append(first)
        first = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
    return out


def _fasta(ff, fran, till, rule, paid, personer, not_paid) -> list[Rad]:
    out = []
    for day in _months(fran, till):
        r = rule(day.year)
        if r is None:
            continue
        for u in styrelse.styrelse_pa(ff, day):
            if u.funktion is None or u.roll is not Roll.LEDAMOT:
                continue
            amount = r.ordforande_ore if u.funktion is Funktion.ORDFORANDE else r.vice_ore
            if not amount:
                continue
            if not r.fast_per_manad:  # a yearly fee in twelve parts, the rest in December
                part = amount // 12
                amount = part + (amount - 12 * part if day.month == 12 else 0)
            if not paid(u.person_id, u.medlem_id, r):
                not_paid.setdefault(u.person, []).append(f"fast arvode {day:%Y-%m}")
                continue
            rad = Rad(
                u.person_id, u.person, personer.get(u.person_id, ("", None))[0],
                u.funktion.label, "", day, f"Fast arvode {u.funktion.label.lower()}", "",
                amount, 0, 0, 0, 0, 0, r.konto, r.ansvar,
            )  # fmt: skip
            out.append(_priced(rad, r))
    return out


def _priced(rad: Rad, r: Regel, **more) -> Rad:
    """The line with the person's arbetsgivaravgift and each löneart's konto from ``r``."""
    return replace(
        rad,
        avgift_ore=r.avgift(rad.skattepliktigt_ore, rad.personnummer),
        sats=r.avgiftssats(rad.personnummer),
        konton=tuple((loneart, r.konto_for(loneart)) for loneart in LONEARTER),
        **more,
    )
