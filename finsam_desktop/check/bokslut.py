"""Bokslut and utfall: the balance, eget kapital through the years, and the year's rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .. import avvikelser, delarsbalans, ekonomi, rapportdata, rapporttexter
from .finding import Finding, diff, kr

if TYPE_CHECKING:
    from ..storage import ForbundFile


def check_bokslut(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    for ar in ekonomi.bokslut_ar(ff):
        b = ekonomi.bokslut(ff, ar)
        assert b is not None
        right = b.summa_eget_kapital_avsattningar_skulder
        if b.summa_tillgangar != right:
            yield Finding(
                "balans",
                f"Bokslut {ar}: summa tillgångar {kr(b.summa_tillgangar)} men eget kapital + "
                f"avsättningar + skulder {kr(right)} ({diff(b.summa_tillgangar, right)}).",
                "fel",
                "bokslut",
                ar,
                ar,
            )
        previous = ekonomi.bokslut(ff, ar - 1)
        if (
            b.eget_kapital_ib is not None
            and previous is not None
            and b.eget_kapital_ib != previous.eget_kapital
        ):
            yield Finding(
                "eget_kapital_ib",
                f"Bokslut {ar}: ingående eget kapital {kr(b.eget_kapital_ib)} men utgående "
                f"eget kapital {ar - 1} är {kr(previous.eget_kapital)} "
                f"({diff(b.eget_kapital_ib, previous.eget_kapital)}).",
                "fel",
                "bokslut",
                ar,
                ar,
            )
        ib = ekonomi.eget_kapital_ib(ff, ar)
        if not ekonomi.har_utfall(ff, ar):
            yield Finding(
                "bokslut_utan_utfall",
                f"Bokslut {ar} har inget utfall, så årets resultat och eget kapital kan inte "
                "stämmas av; läs in utfallet från ekonomienheten.",
                "varning",
                "utfall",
                ar,
                ar,
            )
        elif ib is None:
            yield Finding(
                "eget_kapital_ib_saknas",
                f"Bokslut {ar}: ingående eget kapital saknas (inget bokslut för {ar - 1}), så "
                "eget kapital kan inte stämmas av mot årets resultat.",
                "varning",
                "bokslut",
                ar,
                ar,
            )
        else:
            result = ekonomi.arets_resultat(ff, ar)
            if ib + result != b.eget_kapital:
                yield Finding(
                    "eget_kapital_resultat",
                    f"Bokslut {ar}: eget kapital {kr(b.eget_kapital)} men ingående eget "
                    f"kapital {kr(ib)} + årets resultat {kr(result)} = {kr(ib + result)} "
                    f"({diff(b.eget_kapital, ib + result)}).",
                    "fel",
                    "bokslut",
                    ar,
                    ar,
                )
        booked = ekonomi.driftbidrag_utfall(ff, ar)
        if b.driftbidrag is not None and booked is not None and booked != b.driftbidrag:
            yield Finding(
                "driftbidrag_utfall",
                f"Bokslut {ar}: driftbidrag {kr(b.driftbidrag)} men utfallet har "
                f"medlemsintäkter {kr(booked)} ({diff(b.driftbidrag, booked)}).",
                "varning",
                "bokslut",
                ar,
                ar,
            )
        tak = ekonomi.eget_kapital_mot_tak(ff, ar)
        if tak is not None and tak.over_tak:
            yield Finding(
                "eget_kapital_over_tak",
                f"Bokslut {ar}: eget kapital {kr(tak.eget_kapital)} är "
                f"{tak.andel_text} av driftbidraget {kr(tak.driftbidrag)}, över "
                f"taket {ekonomi.format_andel(tak.tak_procent)} ({kr(tak.tak)}).",
                "varning",
                "bokslut",
                ar,
                ar,
            )


def check_utfall(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    rows = ff.query(
        "SELECT ar, sum(manad IS NULL) AS hela, sum(manad IS NOT NULL) AS manader "
        "FROM utfall GROUP BY ar ORDER BY ar"
    )
    for r in rows:
        if r["hela"] and r["manader"]:
            yield Finding(
                "utfall_blandat",
                f"Utfall {r['ar']} har både helårsrader och månadsrader; årets siffror tas från "
                f"helårsraderna och de {r['manader']} månadsraderna räknas inte.",
                "varning",
                "utfall",
                r["ar"],
                r["ar"],
            )


def check_delarsbalans(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """A typed delårsbalans balances, and its eget kapital is the previous year end's plus
    the period's result from the monthly utfall."""
    for ar, manad in delarsbalans.perioder(ff):
        b = delarsbalans.delarsbalans(ff, ar, manad)
        assert b is not None
        per = b.datum.isoformat()
        right = b.summa_eget_kapital_avsattningar_skulder
        if b.obalans:
            yield Finding(
                "delarsbalans_balans",
                f"Delårsbalans per {per}: summa tillgångar {kr(b.summa_tillgangar)} men eget "
                f"kapital + avsättningar + skulder {kr(right)} "
                f"({diff(b.summa_tillgangar, right)}).",
                "fel",
                "delarsbalans",
                ar,
                ar,
            )
        before = ekonomi.bokslut(ff, ar - 1)
        expected = delarsbalans.vantat_eget_kapital(ff, ar, manad)
        if before is None or expected is None:  # no bokslut before it to reconcile from
            continue
        if not ekonomi.utfall_rader(ff, ar, till_manad=manad):
            yield Finding(
                "delarsbalans_utan_utfall",
                f"Delårsbalans per {per}: periodens utfall saknas, så eget kapital kan inte "
                "stämmas av mot periodens resultat; läs in månadsutfallet från ekonomienheten.",
                "varning",
                "utfall",
                ar,
                ar,
            )
        elif expected != b.eget_kapital:
            result = delarsbalans.periodens_resultat(ff, ar, manad)
            yield Finding(
                "delarsbalans_eget_kapital",
                f"Delårsbalans per {per}: eget kapital {kr(b.eget_kapital)} men eget kapital "
                f"{ar - 1}-12-31 {kr(before.eget_kapital)} + periodens resultat {kr(result)} = "
                f"{kr(expected)} ({diff(b.eget_kapital, expected)}).",
                "fel",
                "delarsbalans",
                ar,
                ar,
            )


def check_avvikelser(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """The latest closed year's årsredovisning, once its texts are begun and while it is not
    yet decided, comments on every material deviation of its driftredovisning."""
    years = ekonomi.bokslut_ar(ff)
    if not years:
        return
    ar = max(years)
    if not rapporttexter.har_texter(ff, "arsredovisning", ar):
        return  # the report is not being written here (yet)
    if rapportdata.styrelsebeslut(ff, f"Årsredovisning {ar}") is not None:
        return  # decided: what it says is what was decided
    for a in avvikelser.vasentliga(ff, ar):
        if not avvikelser.kommentar(ff, ar, a.nyckel).strip():
            yield Finding(
                "avvikelse_utan_kommentar",
                f"Årsredovisning {ar}: {a.rad.text} avviker från budgeten med "
                f"{kr(a.rad.avvikelse)}; skriv en kommentar under Rapporter → Årsredovisning "
                f"→ Avvikelse: {a.rad.text}.",
                "varning",
                "rapporttext",
                a.nyckel,
                ar,
            )
