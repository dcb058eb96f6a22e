"""Budget: a surplus (or a motivated use of eget kapital), signs, the deadline, the key."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import TYPE_CHECKING

from .. import ekonomi
from ..forbund import medlemmar
from ..model import Grupp
from ..swedish import join_list
from .finding import Finding, kr

if TYPE_CHECKING:
    from ..storage import ForbundFile


def _version_name(v: dict) -> str:
    name = v["namn"].strip() or f"Budget {v['ar']}"
    if v["status"] == "beslutad" and v["beslut_datum"]:
        return f"{name} (beslutad {v['beslut_datum']})"
    return f"{name} (förslag)"


def check_resultat(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """A deficit needs a motivering for using eget kapital, unless the budget's own rows
    marked as use of eget kapital cover it (then the result after them is not negative)."""
    for v in ekonomi.budget_versioner(ff):
        if v["eget_kapital_motivering"].strip():
            continue
        for ar in ekonomi.budget_ar(v):
            result = ekonomi.budget_resultat(ff, v["id"], ar)
            used = ekonomi.budget_eget_kapital(ff, v["id"], ar)
            if result + used < 0:
                kind = "budgetåret" if ar == v["ar"] else "planåret"
                covered = (
                    f", och ianspråktagandet av eget kapital {kr(used)} täcker det inte"
                    if used
                    else ""
                )
                yield Finding(
                    "budget_underskott",
                    f"{_version_name(v)}: resultatet för {kind} {ar} är {kr(result)}{covered}; "
                    "intäkterna ska överstiga kostnaderna, och ett underskott kräver en "
                    "motivering för att ta eget kapital i anspråk (synnerliga skäl).",
                    "fel",
                    "budget_version",
                    v["id"],
                    ar,
                )


#: Words of a row text that say it is eget kapital, not an intäkt (casefolded).
_EGET_KAPITAL_ORD = ("eget kapital", "anspråktagande", "resultatreserv")


def _ser_ut_som_eget_kapital(row: dict) -> bool:
    text = row["text"].casefold()
    return any(word in text for word in _EGET_KAPITAL_ORD) or str(row["konto"] or "").startswith(
        "2"
    )


def check_eget_kapital_rad(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """An intäkt row that looks like eget kapital (its text, or a konto of class 2, the
    balance sheet's eget kapital and skulder) but is not marked as its use: counted as an
    intäkt it raises the result and counts the same money twice in the forecast."""
    for v in ekonomi.budget_versioner(ff):
        for row in ekonomi.versionens_rader(ff, v["id"]):
            if row["grupp"] != Grupp.INTAKTER.value or row["slag"] is not None:
                continue
            if _ser_ut_som_eget_kapital(row):
                yield Finding(
                    "budget_eget_kapital_som_intakt",
                    f"{_version_name(v)}: intäktsraden ”{row['text']}” ser ut att vara eget "
                    "kapital men räknas som en intäkt, så att resultatet blir för högt och "
                    "prognosen för eget kapital räknar samma pengar två gånger. Markera raden "
                    "som ianspråktagande av eget kapital.",
                    "varning",
                    "budget_version",
                    v["id"],
                    v["ar"],
                )


def check_eget_kapital_prognos(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Eget kapital forecast over the ceiling in a plan year, not only in a closed one: for
    each budget year without a bokslut, in its newest version (the one being worked on)."""
    closed = set(ekonomi.bokslut_ar(ff))
    newest: dict[int, dict] = {}
    for v in ekonomi.budget_versioner(ff):
        if v["ar"] not in closed and (v["ar"] not in newest or v["id"] > newest[v["ar"]]["id"]):
            newest[v["ar"]] = v
    for v in newest.values():
        for tak in ekonomi.eget_kapital_prognos_mot_tak(ff, v["id"]):
            if tak.ar in ekonomi.budget_ar(v) and tak.over_tak:
                yield Finding(
                    "eget_kapital_prognos_over_tak",
                    f"{_version_name(v)}: eget kapital {tak.ar} beräknas till "
                    f"{kr(tak.eget_kapital)}, {tak.andel_text} av driftbidraget "
                    f"{kr(tak.driftbidrag)}, över taket "
                    f"{ekonomi.format_andel(tak.tak_procent)} ({kr(tak.tak)}).",
                    "varning",
                    "budget_version",
                    v["id"],
                    tak.ar,
                )


_COST_GROUPS = (Grupp.ADMINISTRATION, Grupp.STYRELSE, Grupp.INSATSER, Grupp.AVSKRIVNINGAR)


def _sign_findings(sums: dict[Grupp, int], where: str, table: str, key: object, ar: int):
    """Intäkter are positive and kostnader negative; a group summing the other way is a typo
    of sign (the commonest retyping mistake in the reference documents)."""
    if sums.get(Grupp.INTAKTER, 0) < 0:
        yield Finding(
            "tecken",
            f"{where}: intäkterna summerar till {kr(sums[Grupp.INTAKTER])}; intäkter skrivs "
            "positiva. Kontrollera tecknet på intäktsraderna.",
            "fel",
            table,
            key,
            ar,
        )
    for grupp in _COST_GROUPS:
        if sums.get(grupp, 0) > 0:
            yield Finding(
                "tecken",
                f"{where}: {grupp.label} summerar till +{kr(sums[grupp])}; kostnader skrivs "
                "negativa. Kontrollera tecknet på raderna i gruppen.",
                "fel",
                table,
                key,
                ar,
            )


def check_tecken(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    for v in ekonomi.budget_versioner(ff):
        for ar in ekonomi.budget_ar(v):
            sums = ekonomi.budget_per_grupp(ff, v["id"], ar)
            yield from _sign_findings(
                sums, f"{_version_name(v)}, {ar}", "budget_version", v["id"], ar
            )
    for ar in ekonomi.utfall_ar(ff):
        sums = ekonomi.utfall_per_grupp(ff, ar)
        yield from _sign_findings(sums, f"Utfall {ar}", "utfall", ar, ar)


def check_beslut(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Each year's budget is decided by 30 November the year before."""
    versions = ekonomi.budget_versioner(ff)
    if not versions:
        return
    years = sorted({v["ar"] for v in versions})
    if today >= dt.date(today.year, 12, 1):
        years = sorted(set(years) | {today.year + 1})
    for ar in years:
        deadline = dt.date(ar - 1, 11, 30)
        if today <= deadline:
            continue
        decided = [
            v for v in versions if v["ar"] == ar and v["status"] == "beslutad" and v["beslut_datum"]
        ]
        if any(v["beslut_datum"] <= deadline.isoformat() for v in decided):
            continue
        if decided:
            first = min(v["beslut_datum"] for v in decided)
            message = (
                f"Budget {ar} beslutades {first}, efter den {deadline.isoformat()}; "
                "verksamhetsplan och budget ska beslutas senast 30 november året före."
            )
        else:
            message = (
                f"Budget {ar} är inte beslutad; verksamhetsplan och budget ska beslutas "
                f"senast {deadline.isoformat()}."
            )
        key = next((v["id"] for v in versions if v["ar"] == ar), None)
        yield Finding("budget_sent_beslut", message, "varning", "budget_version", key, ar)


def check_fordelning(ff: ForbundFile, today: dt.date) -> Iterator[Finding]:
    """Budgeted driftbidrag per member follows the funding key (current and coming years)."""
    members = medlemmar(ff)
    andelar = [m.andel for m in members]
    if not members or None in andelar:
        return
    if sum((a for a in andelar if a is not None), Decimal(0)) != 100:
        return  # reported by the key check
    names = {m.id: m.namn for m in members}
    for v in ekonomi.budget_versioner(ff):
        for ar in ekonomi.budget_ar(v):
            if ar < today.year:
                continue
            budgeted = ekonomi.budget_driftbidrag(ff, v["id"], ar)
            total = sum(budgeted.values())
            if not total:
                continue
            expected = ekonomi.medelsfordelning(ff, total)
            wrong = [f for f in expected if budgeted.get(f.nyckel, 0) != f.belopp_ore]
            if not wrong:
                continue
            details = join_list(
                [
                    f"{names[f.nyckel]} {kr(budgeted.get(f.nyckel, 0))} i stället för "
                    f"{kr(f.belopp_ore)} ({ekonomi.format_andel(f.andel)})"
                    for f in wrong
                ]
            )
            yield Finding(
                "budget_fordelning",
                f"{_version_name(v)}, {ar}: driftbidragen {kr(total)} följer inte "
                f"fördelningsnyckeln: {details}.",
                "varning",
                "budget_version",
                v["id"],
                ar,
            )
