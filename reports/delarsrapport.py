"""Delårsrapport: the year so far (commonly per 31 August) with a full-year prognosis.

The money parts of the årsredovisning for the period (resultaträkning, a balansräkning at the
period's end against the previous year end from the typed delårsbalans, driftredovisning),
a full-year prognosis per row (:func:`finsam_desktop.ekonomi.helarsprognos`, its method
printed under the table), eget kapital forecast against the ceiling
(:func:`finsam_desktop.ekonomi.arsprognos`, the figure the verksamhetsplan carries), and
the goal follow-up so far. Utfall is read per month; the period runs to the last whole month
on or before the chosen date.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Unpack

from finsam_desktop import delarsbalans, ekonomi, rapportdata, rapporttexter, uppstallning
from finsam_desktop import forbundsmal as fm
from finsam_desktop.errors import Refusal
from finsam_desktop.model import MalSlag, Skede
from finsam_desktop.money import Unit, format_percent
from finsam_desktop.storage import ForbundFile
from finsam_desktop.swedish import plural

from . import common, forbundsmal
from .pdf.document import TEXT_WIDTH, Rapport
from .pdf.tables import Rad, sifferTabell, textTabell

TITEL = "Delårsrapport"
MANADER = (
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
)


def default_date(year: int) -> dt.date:
    return dt.date(year, 8, 31)


def sista_hela_manad(datum: dt.date) -> int:
    """The last whole month on or before ``datum`` (0 if none)."""
    return datum.month if (datum + dt.timedelta(days=1)).month != datum.month else datum.month - 1


def build(
    ff: ForbundFile,
    year: int | None = None,
    date: dt.date | None = None,
    **options: Unpack[common.Options],
) -> bytes:
    """The delårsrapport per ``date`` (default 31 August of ``year``) as PDF bytes."""
    b = common.start(ff, options)
    today, unit, step = b.today, b.unit, b.step
    if date is None:
        date = default_date(year or today.year)
    ar = date.year
    if year is not None and year != ar:
        raise Refusal(f"Datumet {date.isoformat()} ligger inte i år {year}.")
    manad = sista_hela_manad(date)
    if manad == 0:
        raise Refusal(
            f"Perioden per {date.isoformat()} rymmer ingen hel månad; välj ett senare datum."
        )
    period = f"januari–{MANADER[manad - 1]} {ar}" if manad > 1 else f"januari {ar}"
    beslut = rapportdata.styrelsebeslut(
        ff, f"Delårsrapport per {date.day} {MANADER[date.month - 1]} {ar}"
    )
    r = b.rapport(
        ff,
        TITEL,
        f"Per {date.isoformat()} ({period})",
        beslut,
        f"{TITEL} per {date.isoformat()}",
        (ar - 1, ar),  # the period, and the same period last year beside it
    )
    texter = rapporttexter.texter(ff, "delarsrapport", ar)
    step(20, "Förvaltningsberättelse")
    r.kapitel("Förvaltningsberättelse")
    r.stycke(
        f"Delårsrapporten omfattar perioden {period} och innehåller en prognos för helåret "
        f"{ar}. Prognosen per rad görs enligt metoden under driftredovisningen, om inte annat "
        "sägs i kommentaren."
    )
    r.text(texter["inledning"])
    r.avsnitt("Händelser av väsentlig betydelse")
    r.text(
        texter["vasentliga_handelser"], tom="Inga händelser av väsentlig betydelse har noterats."
    )
    r.avsnitt("Verksamheten hittills")
    m = rapportdata.sammantraden(ff, ar, till=date)
    extra = f", varav {m.varav_extra} extra" if m.varav_extra else ""
    held = plural(m.protokollforda, "protokollfört sammanträde", "protokollförda sammanträden")
    r.stycke(f"Styrelsen har till och med {date.isoformat()} haft {held} under {ar}{extra}.")
    r.text(texter["verksamhet"])
    step(45, "Resultat och prognos")
    rader = ekonomi.driftredovisning(ff, ar, till_manad=manad)
    _resultat(ff, r, ar, manad, period, unit)
    _balansrakning(ff, r, ar, manad, unit)
    _egen_uppstallning(ff, r, ar, manad, period, unit)
    _drift(r, rader, ar, manad, period, unit)
    _eget_kapital(ff, r, ar, manad, unit)
    step(75, "Måluppföljning")
    _mal(ff, r, ar, date, unit)
    r.avsnitt("Kommentar till prognosen")
    r.text(texter["prognos"], tom="")
    r.avsnitt("Förväntad utveckling")
    r.text(texter["forvantad_utveckling"], tom="")
    return b.finish(r)


def write(
    ff: ForbundFile,
    out: Path | str,
    *,
    year: int | None = None,
    date: dt.date | None = None,
    **options,
) -> None:
    common.write_atomically(build(ff, year, date, **options), out)


def _resultat(ff: ForbundFile, r: Rapport, ar: int, manad: int, period: str, unit: Unit) -> None:
    r.kapitel("Resultaträkning för perioden", ny_sida=True)
    now = ekonomi.resultatrakning(ff, ar, till_manad=manad)
    before = ekonomi.resultatrakning(ff, ar - 1, till_manad=manad)
    has_before = bool(ekonomi.utfall_rader(ff, ar - 1, till_manad=manad))

    def pair(attr: str) -> list[int | None]:
        return [getattr(now, attr), getattr(before, attr) if has_before else None]

    verksamhet = (
        Rad("Verksamhetens intäkter", pair("verksamhetens_intakter")),
        Rad("Verksamhetens kostnader", pair("verksamhetens_kostnader")),
        Rad("Avskrivningar", pair("avskrivningar")),
    )
    vr = Rad("Verksamhetens resultat", pair("verksamhetens_resultat"), "summa", delar=verksamhet)
    finansiellt = (
        Rad("Finansiella intäkter", pair("finansiella_intakter")),
        Rad("Finansiella kostnader", pair("finansiella_kostnader")),
    )
    rows = [
        *verksamhet,
        vr,
        *finansiellt,
        Rad("Periodens resultat", pair("arets_resultat"), "total", delar=(vr, *finansiellt)),
    ]
    short = period.replace(f" {ar}", "")
    r.add(sifferTabell(["", f"{short} {ar}", f"{short} {ar - 1}"], rows, unit))
    r.stycke(
        common.enhet_text(unit)
        + ("" if has_before else f". Månadsutfall för {ar - 1} saknas, därför inga jämförelsetal."),
        "caption",
    )


def _balansrakning(ff: ForbundFile, r: Rapport, ar: int, manad: int, unit: Unit) -> None:
    """LKBR 13 kap.: the balance at the period's end beside the previous year end's."""
    r.avsnitt("Balansräkning")
    slut = delarsbalans.periodens_slut(ar, manad).isoformat()
    now, before = delarsbalans.delarsbalans(ff, ar, manad), ekonomi.bokslut(ff, ar - 1)
    if now is None:
        r.stycke(
            f"Balansräkningen per {slut} är inte inlagd. Lägg in balansrapporten från "
            "ekonomienheten under Budget → Utfall och Excel → Delårsbalans… (eller på "
            "arbetsbokens blad Delårsbalans)."
        )
        return

    resultat = [
        delarsbalans.periodens_resultat(ff, ar, manad),
        ekonomi.arets_resultat(ff, ar - 1) if before else None,
    ]
    rows = common.balans_rader(now, before, resultat, "Periodens resultat")
    r.add(sifferTabell(["", slut, f"{ar - 1}-12-31"], rows, unit))
    r.stycke(
        common.enhet_text(unit)
        + f". I kolumnen {ar - 1}-12-31 är periodens resultat årets resultat {ar - 1}."
        + ("" if before else f" Bokslutet för {ar - 1} är inte inlagt, därför inga jämförelsetal."),
        "caption",
    )


def _egen_uppstallning(
    ff: ForbundFile, r: Rapport, ar: int, manad: int, period: str, unit: Unit
) -> None:
    """The period's utfall in the förbund's own uppställning of its budget (when it has one),
    beside the same period last year. The prognosis stays by meaning in the driftredovisning
    below: a forecast is made per kind of money, not per line as printed, so every report
    gives one prognosis."""
    tabell = uppstallning.driftredovisning(ff, ar, till_manad=manad)
    if tabell is None:
        return
    r.kapitel("Utfall per post")
    has_before = bool(ekonomi.utfall_rader(ff, ar - 1, till_manad=manad))

    def cells(xs) -> list[int]:
        out = [sum(x.budget for x in xs), sum(x.utfall for x in xs)]
        return [*out, sum(x.foregaende_ar for x in xs)] if has_before else out

    rows = common.drift_uppstallning_rader(tabell, cells, "Periodens resultat")
    short = period.replace(f" {ar}", "")
    head = ["", f"Budget helår {ar}", f"Utfall {short} {ar}"]
    r.add(sifferTabell([*head, f"Utfall {short} {ar - 1}"] if has_before else head, rows, unit))
    r.stycke(
        f"{common.enhet_text(unit)}. Intäkter positiva, kostnader negativa. Budgetens poster i "
        "förbundets egen uppställning; prognosen för helåret görs per grupp i "
        "driftredovisningen nedan."
        + ("" if has_before else f" Månadsutfall för {ar - 1} saknas, därför inga jämförelsetal."),
        "caption",
    )


#: The prognosis table's difference column: prognos − budget (see :func:`prognos_rader`).
PROGNOS_SKILLNADER = [(3, 2, 0)]


def prognos_rader(rader: list[ekonomi.Driftrad], manad: int) -> list[Rad]:
    """The driftredovisning with its full-year prognosis on January..``manad``, row by row:
    budget, utfall, prognos (:func:`finsam_desktop.ekonomi.helarsprognos`), prognos − budget.
    The delårsrapport prints it and the budget page's Utfall mot budget shows it: one
    prognosis, one value."""

    def cells(xs) -> list[int]:
        b = sum(x.budget for x in xs)
        u = sum(x.utfall for x in xs)
        p = sum(ekonomi.helarsprognos(x, manad) for x in xs)
        return [b, u, p, p - b]

    return common.drift_rader(rader, cells, "Resultat")


def _drift(r: Rapport, rader, ar: int, manad: int, period: str, unit: Unit) -> None:
    r.kapitel("Driftredovisning med helårsprognos")
    if not rader:
        r.stycke(f"Det finns varken budget eller utfall för {ar}.")
        return
    short = period.replace(f" {ar}", "")
    r.add(
        sifferTabell(
            ["", f"Budget helår {ar}", f"Utfall {short}", "Prognos helår", "Avvikelse mot budget"],
            prognos_rader(rader, manad),
            unit,
            skillnader=PROGNOS_SKILLNADER,
        )
    )
    r.stycke(
        f"{common.enhet_text(unit)}. Intäkter positiva, kostnader negativa. "
        + ekonomi.PROGNOSMETOD.format(rest=f"{12 - manad}/12")
        + " Avvikelse = prognos − budget.",
        "caption",
    )
    r.luft(3)

    class _Prognos:
        def __init__(self, x):
            self.grupp, self.budget = x.grupp, x.budget
            self.utfall = ekonomi.helarsprognos(x, manad)

    r.hall_ihop(common.budget_chart([_Prognos(x) for x in rader], ar, "Prognos helår"))


def _eget_kapital(ff: ForbundFile, r: Rapport, ar: int, manad: int, unit: Unit) -> None:
    p = ekonomi.arsprognos(ff, ar, manad)
    if p is None:
        return
    r.avsnitt("Eget kapital: prognos mot taket")
    parts = (
        Rad("Ingående eget kapital", [p.eget_kapital_ib]),
        Rad("Prognos för årets resultat", [p.resultat]),
    )
    rows = [
        *parts,
        Rad("Eget kapital vid årets slut, prognos", [p.eget_kapital], "summa", delar=parts),
    ]
    pct = p.tak_procent
    if p.driftbidrag:
        rows.append(Rad("Budgeterat driftbidrag", [p.driftbidrag]))
        rows.append(Rad(f"Tak för eget kapital ({format_percent(pct / 100)})", [p.tak]))
    r.add(sifferTabell(["", str(ar)], rows, unit))
    r.stycke(
        f"{common.enhet_text(unit)}. Årets resultat enligt helårsprognosen i driftredovisningen.",
        "caption",
    )
    if p.driftbidrag:
        andel = Decimal(p.eget_kapital) / Decimal(p.driftbidrag)
        over = "över" if andel * 100 > pct else "inom"
        r.stycke(
            f"Med prognosen blir eget kapital {format_percent(andel)} av driftbidraget, "
            f"{over} taket {format_percent(pct / 100)}.",
        )


def _mal(ff: ForbundFile, r: Rapport, ar: int, date: dt.date, unit: Unit) -> None:
    r.kapitel("Måluppföljning hittills", ny_sida=True)
    for slag in MalSlag:
        heading = f"Förbundets {slag.label.lower()}: prognos"
        if any(m.slag is slag for m in fm.forbundsmal(ff, ar)):
            r.underrubrik(heading)
            forbundsmal.assessment(ff, r, ar, slag, Skede.DELAR)
    insatser = [i for i in rapportdata.insatser(ff, ar) if i.beviljat is not None]
    forbrukat = ekonomi.utfall_per_insats(ff, ar, till_manad=sista_hela_manad(date))
    if insatser:
        r.stycke(
            "Insatsernas mål följs upp löpande; bedömningen för helåret görs i "
            "årsredovisningen. Förbrukat hittills enligt utfallet för perioden."
        )
        r.add(
            sifferTabell(
                ["Insats", f"Beviljat {ar}", "Förbrukat hittills", "Andel"],
                [
                    Rad(
                        i.namn,
                        [
                            i.beviljat,
                            -forbrukat.get(i.id, 0),
                            format_percent(Decimal(-forbrukat.get(i.id, 0)) / Decimal(i.beviljat))
                            if i.beviljat
                            else "–",
                        ],
                    )
                    for i in insatser
                ],
                unit,
            )
        )
        r.stycke(common.enhet_text(unit), "caption")
    assessed = any(g.bedomning for i in insatser for g in i.mal)
    if not assessed and any(i.mal for i in insatser):
        r.stycke(
            f"Inga mål är bedömda för {ar} ännu; de bedöms i årsredovisningen. Så mäts och "
            "följs målen upp:"
        )
    for i in insatser:
        if not i.mal:
            continue
        r.underrubrik(i.namn)
        if assessed:
            rows = [
                [
                    g.mal,
                    g.indikator or g.metod,
                    g.bedomning or "Bedöms vid årets slut",
                    g.motivering,
                ]
                for g in i.mal
            ]
            head = ["Mål", "Mäts genom", "Bedömning hittills", "Motivering"]
            widths = [TEXT_WIDTH * 0.3, TEXT_WIDTH * 0.24, TEXT_WIDTH * 0.16, TEXT_WIDTH * 0.3]
        else:
            rows = [[g.mal, g.indikator, g.metod] for g in i.mal]
            head = ["Mål", "Mäts genom", "Följs upp genom"]
            widths = [TEXT_WIDTH * 0.4, TEXT_WIDTH * 0.3, TEXT_WIDTH * 0.3]
        r.add(textTabell(head, rows, widths))
