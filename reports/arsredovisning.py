"""Årsredovisning: förvaltningsberättelse, the financial statements, noter and signatures.

The structure follows the usual årsredovisning of a samordningsförbund (LKBR 2018:597 in
applicable parts): Förvaltningsberättelse (organisation, uppdrag, finansiering, the five-year
översikt, viktiga förhållanden, händelser av väsentlig betydelse, styrning och uppföljning,
god ekonomisk hushållning with goal tables, the insatser, balanskravsresultat, förväntad
utveckling), Resultaträkning, Balansräkning, Kassaflödesanalys, Driftredovisning, Noter and
Styrelsens underskrifter. Every figure comes from :mod:`finsam_desktop.ekonomi` and
:mod:`finsam_desktop.rapportdata`; every word the förbund writes from
:mod:`finsam_desktop.rapporttexter`.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Unpack

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph

from finsam_desktop import (
    avvikelser,
    ekonomi,
    forbund,
    justering,
    rapportdata,
    rapporttexter,
    uppstallning,
)
from finsam_desktop import forbundsmal as fm
from finsam_desktop.model import BokslutPost, Grupp, MalSlag, Skede
from finsam_desktop.money import Unit, format_amount, format_percent
from finsam_desktop.settings import get_setting
from finsam_desktop.storage import ForbundFile
from finsam_desktop.swedish import plural

from . import common, forbundsmal
from .pdf import charts
from .pdf.document import TEXT_WIDTH, Rapport, safe
from .pdf.styles import styles
from .pdf.tables import (
    DASH,
    Rad,
    belopp,
    parvis,
    procent,
    sifferTabell,
    skillnad,
    textTabell,
)

TITEL = "Årsredovisning"


def default_year(ff: ForbundFile, today: dt.date | None = None) -> int:
    """The latest year with a bokslut, else last year."""
    return rapportdata.default_year(ff, "arsredovisning", today)


def _kr(ore: int) -> str:
    return format_amount(ore, Unit.KR, suffix=False) + " kronor"


def build(
    ff: ForbundFile,
    year: int | None = None,
    *,
    underskriftsversion: int | None = None,
    **options: Unpack[common.Options],
) -> bytes:
    """The årsredovisning for ``year`` as PDF bytes; with ``underskriftsversion``, the copy
    frozen for the styrelse's signatures, which prints its version number."""
    b = common.start(ff, options)
    ar = year or default_year(ff, b.today)
    unit, step = b.unit, b.step
    beslut = rapportdata.styrelsebeslut(ff, f"Årsredovisning {ar}")
    r = b.rapport(ff, TITEL, str(ar), beslut, f"{TITEL} {ar}", (ar - 1, ar))  # with comparison
    texter = rapporttexter.texter(ff, "arsredovisning", ar)
    step(15, "Förvaltningsberättelse")
    _forvaltningsberattelse(ff, r, ar, unit, texter)
    step(60, "Resultat- och balansräkning")
    _resultatrakning(ff, r, ar, unit)
    _balansrakning(ff, r, ar, unit)
    _kassaflode(ff, r, ar, unit)
    step(70, "Driftredovisning")
    _driftredovisning(ff, r, ar, unit)
    _investeringsredovisning(ff, r, ar, unit)
    step(80, "Noter")
    _noter(ff, r, ar, unit, texter)
    _underskrifter(ff, r, ar, b.today, underskriftsversion)
    _revisionsberattelse(ff, r, ar)
    return b.finish(r)


def write(ff: ForbundFile, out: Path | str, *, year: int | None = None, **options) -> None:
    """Write the årsredovisning to ``out`` (the command line's entry point)."""
    options.pop("date", None)
    common.write_atomically(build(ff, year, **options), out)


# -- förvaltningsberättelse --------------------------------------------------------------------


def _forvaltningsberattelse(
    ff: ForbundFile, r: Rapport, ar: int, unit: Unit, texter: dict[str, str]
) -> None:
    f = forbund.forbund(ff)
    namn = f.namn
    medlemmar = forbund.medlemmar(ff)
    r.kapitel("Förvaltningsberättelse")
    r.stycke(
        f"Årsredovisningen innehåller en översiktlig redogörelse för resultat och "
        f"verksamhetsutveckling samt en redovisning av det ekonomiska utfallet för år {ar}. "
        "Samordningsförbundet följer lagen om kommunal bokföring och redovisning (2018:597) "
        "och kommunallagen (2017:725) i tillämpliga delar."
    )
    r.text(texter["inledning"])

    r.avsnitt("Organisation")
    names = [m.namn for m in medlemmar]
    lista = ", ".join(names[:-1]) + (" och " + names[-1] if len(names) > 1 else "".join(names))
    bildat = f" {namn} bildades {f.bildat.isoformat()}." if f.bildat else ""
    r.stycke(
        f"{namn} är en fristående juridisk person med {lista} som medlemmar. Förbundets "
        f"organisation består av en styrelse som utses av medlemmarna.{bildat}"
    )
    r.text(texter["organisation"])

    r.avsnitt("Uppdrag")
    r.text(
        texter["uppdrag"]
        or "Samordningsförbundet verkar utifrån lagen (2003:1210) om finansiell samordning av "
        "rehabiliteringsinsatser och den förbundsordning som medlemmarna har beslutat. Lagens "
        "syfte är att ge lokala aktörer möjlighet att utveckla samverkan inom "
        "rehabiliteringsområdet och att samordna insatser för personer i behov av samordnad "
        "rehabilitering."
    )

    r.avsnitt("Finansiering")
    bidrag = ekonomi.driftbidrag(ff, ar)
    if bidrag:
        r.stycke(
            f"{ar} års tilldelning från förbundsmedlemmarna uppgick till {_kr(bidrag)}. "
            "Staten bidrar genom Försäkringskassan med hälften av medlen, regionen med en "
            "fjärdedel och kommunerna med en fjärdedel."
        )
    intakter = ekonomi.utfall_per_text(ff, ar, Grupp.INTAKTER)
    if intakter:
        rows = [Rad(t, [v]) for t, v in intakter]
        rows.append(Rad("Summa", [sum(v for _, v in intakter)], "summa", delar=tuple(rows)))
        r.add(sifferTabell([f"Driftbidrag {ar}", f"{ar}"], rows, unit))
        r.stycke(common.enhet_text(unit), "caption")
    if texter["vision"].strip():
        r.avsnitt("Verksamhetsidé och vision")
        r.text(texter["vision"])
    if texter["malgrupper"].strip():
        r.avsnitt("Målgrupper")
        r.text(texter["malgrupper"])

    _femarsoversikt(ff, r, ar, unit)

    r.avsnitt("Viktiga förhållanden för resultat och ekonomisk ställning")
    ans = rapportdata.ansokningar(ff, ar)
    if ans.inkomna:
        r.stycke(
            f"Under {ar} inkom {ans.inkomna} "
            f"{'ansökan' if ans.inkomna == 1 else 'ansökningar'} om medfinansiering om "
            f"sammanlagt {format_amount(ans.inkommet_belopp, Unit.TKR, decimals=0)} tkr."
        )
    if ans.beslut:
        r.stycke(f"Under {ar} fattade styrelsen beslut om följande ansökningar:")
        r.add(
            textTabell(
                ["Insats", "Status i dag", "Ansökt belopp, tkr"],
                [
                    [n, s, format_amount(a, Unit.TKR) if a is not None else DASH]
                    for n, s, a in ans.beslut
                ],
                [TEXT_WIDTH * 0.55, TEXT_WIDTH * 0.22, TEXT_WIDTH * 0.23],
                hoger=(2,),
            )
        )
        r.luft(2)
    r.text(texter["viktiga_forhallanden"])

    r.avsnitt("Händelser av väsentlig betydelse")
    r.text(
        texter["vasentliga_handelser"], tom="Inga händelser av väsentlig betydelse har noterats."
    )

    _styrning(ff, r, ar, texter)
    _god_ekonomisk_hushallning(ff, r, ar, unit, texter)
    _insatser(ff, r, ar, unit)
    _balanskrav(ff, r, ar, unit)
    _forvantad_utveckling(ff, r, ar, unit, texter)


def _femarsoversikt(ff: ForbundFile, r: Rapport, ar: int, unit: Unit) -> None:
    r.avsnitt("Översikt över verksamhetens utveckling")
    rows = ekonomi.femarsoversikt(ff, ar)
    head = ["", *(str(x.ar) for x in rows)]

    def closed(attr: str) -> list[int | None]:
        """A part of årets resultat, for the years with utfall."""
        return [getattr(x, attr) if x.arets_resultat is not None else None for x in rows]

    parts = (
        Rad("Medlemsintäkter (driftbidrag)", [x.medlemsintakter for x in rows]),
        Rad("Övriga verksamhetsintäkter", closed("ovriga_intakter")),
        Rad("Verksamhetens kostnader", closed("verksamhetens_kostnader")),
        Rad("Finansiella poster", closed("finansiella_poster")),
    )
    table = [
        *parts,
        Rad("Årets resultat", [x.arets_resultat for x in rows], "summa", delar=parts),
        Rad("Soliditet", [procent(x.soliditet) for x in rows]),
        Rad(
            "Eget kapital / medlemsintäkter",
            [procent(x.eget_kapital_mot_driftbidrag) for x in rows],
        ),
        Rad("Utgående eget kapital", [x.eget_kapital for x in rows], "framhavd"),
        Rad(
            "Antal anställda",
            [DASH if x.antal_anstallda is None else str(x.antal_anstallda) for x in rows],
        ),
    ]
    r.add(sifferTabell(head, table, unit))
    r.stycke(
        f"{common.enhet_text(unit)}. Soliditet = eget kapital / summa tillgångar. Eget kapital / "
        "medlemsintäkter är den andel som hålls mot taket för eget kapital. Verksamhetens "
        "kostnader utan finansiella poster. Antal anställda vid årets slut; – där uppgiften "
        "saknas.",
        "caption",
    )
    taks = [ekonomi.eget_kapital_mot_tak(ff, x.ar) for x in reversed(rows)]
    taks = [t for t in taks if t is not None]
    if taks:
        pct = taks[-1].tak_procent
        r.luft(2)
        r.hall_ihop(
            charts.stapel_par(
                [str(t.ar) for t in taks],
                [("Eget kapital vid årets slut", [t.eget_kapital for t in taks])],
                titel=f"Eget kapital mot taket ({format_percent(pct / 100)} av driftbidraget)",
                tak=[t.tak for t in taks],
            )
        )


def _styrning(ff: ForbundFile, r: Rapport, ar: int, texter: dict[str, str]) -> None:
    r.avsnitt("Styrning och uppföljning av verksamheten")
    r.underrubrik("Styrelsen")
    r.stycke(
        "Samordningsförbundet leds av en styrelse som utses av medlemmarna. Styrelsen är "
        "förbundets högsta beslutande organ och ansvarar för verksamhet och ekonomi."
    )
    platser = rapportdata.styrelse_vid_arets_borjan(ff, ar)
    if platser:
        r.stycke("Styrelsens sammansättning vid årets början:")
        r.add(common.styrelse_tabell(platser))
        r.luft(2)
    changes = rapportdata.styrelseforandringar(ff, ar)
    if changes:
        r.stycke("Förändringar under året:")
        for c in changes:
            r.punkt(c.text)
        r.luft(1)
    else:
        r.stycke("Styrelsens sammansättning var densamma under hela året.")
    r.underrubrik("Styrelsens aktiviteter")
    m = rapportdata.sammantraden(ff, ar)
    extra = f", varav {m.varav_extra} extra" if m.varav_extra else ""
    held = plural(m.protokollforda, "protokollfört sammanträde", "protokollförda sammanträden")
    beredning = plural(m.beredning, "beredningsmöte", "beredningsmöten")
    r.stycke(
        f"Styrelsen har haft {held} under {ar}{extra}."
        + (f" Inför sammanträdena hölls {beredning}." if m.beredning else "")
    )
    r.text(texter["styrelsens_aktiviteter"])
    if texter["kansli"].strip():
        r.underrubrik("Kansli och beredande organ")
        r.text(texter["kansli"])
    r.underrubrik("Revisorer")
    rev = rapportdata.revisorer(ff, ar)
    if rev:
        r.stycke(
            "Förbundets räkenskaper och årsredovisning samt styrelsens förvaltning granskas av "
            "en revisor för varje förbundsmedlems räkning (25 § lagen om finansiell samordning "
            f"av rehabiliteringsinsatser). Revisorer för verksamhetsåret {ar}:"
        )
        r.add(
            textTabell(
                ["Revisor", "För"],
                [[x["namn"], x["medlemmar"]] for x in rev],
                [TEXT_WIDTH * 0.45, TEXT_WIDTH * 0.55],
            )
        )
    else:
        r.stycke(f"Inga revisorer är registrerade för {ar}.")
    for nyckel, rubrik in (
        ("administration", "Administration"),
        ("arkiv", "Arkiv"),
        ("dataskydd", "Dataskydd (GDPR)"),
        ("internkontroll", "Internkontroll"),
    ):
        if texter[nyckel].strip():
            r.underrubrik(rubrik)
            r.text(texter[nyckel])


def _finansiella_mal(ff: ForbundFile, ar: int) -> list[list[str]]:
    rows = []
    version = ekonomi.gallande_budget(ff, ar)
    if version is not None:
        res = ekonomi.budget_resultat(ff, version["id"], ar)
        used = ekonomi.budget_eget_kapital(ff, version["id"], ar)
        declared = bool(version["eget_kapital_motivering"].strip()) or used > 0
        ok = res >= 0 or declared
        rows.append(
            [
                "Budgeten ska upprättas så att intäkterna överstiger kostnaderna.",
                "Målet uppnått" if ok else "Ej uppnått",
                f"Budgetens resultat för {ar} var {format_amount(res, Unit.KR)} kr."
                + (" Anspråktagande av eget kapital beslutades." if declared else ""),
            ]
        )
    b = ekonomi.bokslut(ff, ar)
    if b is not None:
        ok = b.langfristiga_skulder == 0
        rows.append(
            [
                "Förbundet ska vara självfinansierat genom medlemmarnas bidrag och får inte "
                "teckna lån eller krediter.",
                "Målet uppnått" if ok else "Ej uppnått",
                "Förbundet har inga långfristiga skulder."
                if ok
                else f"Långfristiga skulder {format_amount(b.langfristiga_skulder, Unit.KR)} kr.",
            ]
        )
    t = ekonomi.eget_kapital_mot_tak(ff, ar)
    if t is not None:
        rows.append(
            [
                f"Det egna kapitalet ska inte överstiga {format_percent(t.tak_procent / 100)} av "
                "driftbidraget.",
                "Ej uppnått" if t.over_tak else "Målet uppnått",
                f"Eget kapital vid årets slut {format_amount(t.eget_kapital, Unit.KR)} kr, "
                f"{format_percent(t.andel)} av driftbidraget "
                f"{format_amount(t.driftbidrag, Unit.KR)} kr.",
            ]
        )
    return rows


def _god_ekonomisk_hushallning(
    ff: ForbundFile, r: Rapport, ar: int, unit: Unit, texter: dict[str, str]
) -> None:
    r.avsnitt("God ekonomisk hushållning, måluppfyllelse och ekonomisk ställning")
    r.stycke(
        "Enligt 21 § lagen (2003:1210) om finansiell samordning av rehabiliteringsinsatser ska "
        "samordningsförbundet ha en god ekonomisk hushållning. Budgeten ska upprättas så att "
        "intäkterna överstiger kostnaderna, om inte eget kapital tas i anspråk eller det finns "
        "synnerliga skäl."
    )
    adm = ekonomi.administrationsandel(ff, ar)
    if adm is not None:
        r.stycke(
            f"För {ar} fick förbundet driftbidrag från medlemmarna med {_kr(adm.driftbidrag)}. "
            f"Ingående eget kapital från tidigare år var {_kr(adm.eget_kapital_ib)}. Av dessa "
            f"tillgängliga medel har {format_percent(adm.andel)} använts till administration "
            "(styrelse och kansli)."
        )
    r.text(texter["god_ekonomisk_hushallning"])
    widths = [TEXT_WIDTH * 0.38, TEXT_WIDTH * 0.17, TEXT_WIDTH * 0.45]
    own = {m.slag for m in fm.forbundsmal(ff, ar)}
    if MalSlag.VERKSAMHET in own:
        r.underrubrik("Förbundets verksamhetsmål")
        forbundsmal.assessment(ff, r, ar, MalSlag.VERKSAMHET, Skede.HELAR)
    goals = [(i.namn, g) for i in rapportdata.insatser(ff, ar) for g in i.mal if g.bedomning]
    if goals:
        r.underrubrik("Insatsernas mål" if MalSlag.VERKSAMHET in own else "Verksamhetsmål")
        r.add(
            textTabell(
                ["Mål", "Bedömning", "Motivering"],
                [[f"{n}: {g.mal}", g.bedomning, g.motivering] for n, g in goals],
                widths,
            )
        )
    fin = [] if MalSlag.FINANSIELLT in own else _finansiella_mal(ff, ar)  # else the law's
    if MalSlag.FINANSIELLT in own or fin:
        r.underrubrik("Finansiella mål")
    if MalSlag.FINANSIELLT in own:
        forbundsmal.assessment(ff, r, ar, MalSlag.FINANSIELLT, Skede.HELAR)
    elif fin:
        r.add(textTabell(["Mål", "Bedömning", "Motivering"], fin, widths))


def _insatser(ff: ForbundFile, r: Rapport, ar: int, unit: Unit) -> None:
    insatser = [i for i in rapportdata.insatser(ff, ar) if i.beviljat is not None]
    r.avsnitt("Insatser")
    if not insatser:
        r.stycke(f"Förbundet finansierade inga insatser under {ar}.")
        return
    rows = [Rad(i.namn, [i.beviljat, i.forbrukat or 0, i.ej_forbrukat]) for i in insatser]
    rows.append(
        Rad(
            "Summa",
            [
                sum(i.beviljat or 0 for i in insatser),
                sum(i.forbrukat or 0 for i in insatser),
                sum(i.ej_forbrukat or 0 for i in insatser),
            ],
            "summa",
            delar=tuple(rows),
        )
    )
    r.add(
        sifferTabell(
            ["Insats", "Beviljat", "Förbrukat", "Ej förbrukat"], rows, unit, skillnader=[(2, 0, 1)]
        )
    )
    r.stycke(common.enhet_text(unit) + ". Förbrukat enligt insatsernas redovisning.", "caption")
    r.luft(2)
    r.hall_ihop(
        charts.liggande_par(
            [i.namn for i in insatser],
            [
                ("Beviljat", [i.beviljat or 0 for i in insatser]),
                ("Förbrukat", [i.forbrukat or 0 for i in insatser]),
            ],
            titel=f"Beviljat och förbrukat per insats {ar}",
            tabell=False,  # the table above has the figures
        )
    )
    total = [0, 0]
    for i in insatser:
        r.underrubrik(i.namn)
        facts = [
            ["Verksamhetsägare", i.agare or DASH],
            ["Medparter", i.medparter or DASH],
            ["Typ av insats", i.typ],
            ["Projekttid", i.projekttid],
            [
                f"Beviljat / förbrukat / ej förbrukat {ar}",
                " / ".join(
                    belopp(v, unit)
                    for v in (
                        i.beviljat,
                        i.forbrukat or 0,
                        skillnad(i.beviljat, i.forbrukat or 0, unit),
                    )
                )
                + (" tkr" if unit is Unit.TKR else " kr"),
            ],
        ]
        if i.har_deltagare:
            nya = (i.nya_kvinnor or 0) + (i.nya_man or 0)
            total[0] += i.nya_kvinnor or 0
            total[1] += i.nya_man or 0
            facts.append(
                [
                    "Deltagare",
                    f"{nya} nya ({i.nya_kvinnor or 0} kvinnor, {i.nya_man or 0} män); "
                    f"{i.aktiva if i.aktiva is not None else DASH} aktiva, "
                    f"{i.avslutade if i.avslutade is not None else DASH} avslutade",
                ]
            )
        r.add(common.fakta(facts))
        if i.fritext["syfte"].strip():
            r.stycke(i.fritext["syfte"])
        if i.mal:
            r.add(
                textTabell(
                    ["Mål", "Bedömning", "Motivering"],
                    [[g.mal, g.bedomning or "Ej bedömt", g.motivering] for g in i.mal],
                    [TEXT_WIDTH * 0.38, TEXT_WIDTH * 0.17, TEXT_WIDTH * 0.45],
                )
            )
        r.luft(3)
    if sum(total):
        k, m = total
        r.underrubrik("Deltagare och könsfördelning")
        r.stycke(
            f"I de individinriktade insatserna började {k + m} nya deltagare under {ar}: "
            f"{k} kvinnor ({format_percent(k / (k + m))}) och {m} män "
            f"({format_percent(m / (k + m))}). Uppföljningen avser antal; förbundet samlar "
            "inte in uppgifter om enskilda deltagare."
        )


def _balanskrav(ff: ForbundFile, r: Rapport, ar: int, unit: Unit) -> None:
    """The balanskravsutredning with RKR's rows, each adjustment signed as it changes the
    result (most förbund have none, and the rows print 0)."""
    r.avsnitt("Balanskravsresultat")
    k = ekonomi.balanskrav(ff, ar)
    parts = (
        Rad("Årets resultat enligt resultaträkningen", [k.arets_resultat]),
        Rad("Samtliga realisationsvinster", [k.realisationsvinster]),
        Rad("Realisationsvinster enligt undantagsmöjlighet", [k.realisationsvinster_undantag]),
        Rad("Realisationsförluster enligt undantagsmöjlighet", [k.realisationsforluster_undantag]),
        Rad("Orealiserade förluster i värdepapper", [k.orealiserade_forluster]),
        Rad("Återföring av orealiserade förluster i värdepapper", [k.aterforing_orealiserade]),
    )
    justerat = Rad(
        "Årets resultat efter balanskravsjusteringar", [k.efter_justeringar], "summa", delar=parts
    )
    rur = Rad("Medel till (−) / från (+) resultatutjämningsreserv", [k.resultatutjamningsreserv])
    rows = [
        *parts,
        justerat,
        rur,
        Rad("Balanskravsresultat", [k.balanskravsresultat], "total", delar=(justerat, rur)),
    ]
    first = TEXT_WIDTH * 0.7
    r.hall_ihop(
        sifferTabell(["", str(ar)], rows, unit, bredder=[first, TEXT_WIDTH - first]),
        Paragraph(
            f"{common.enhet_text(unit)}. Realisationsvinster och återföringar dras av, "
            "undantagen och orealiserade förluster läggs tillbaka (RKR:s uppställning).",
            styles()["caption"],
        ),
    )
    if k.balanskravsresultat < 0:
        ib = ekonomi.eget_kapital_ib(ff, ar)
        r.stycke(
            "Balanskravsresultatet är negativt. Underskottet täcks av eget kapital från "
            "tidigare år" + (f" (ingående eget kapital {_kr(ib)})." if ib is not None else ".")
        )


def _forvantad_utveckling(
    ff: ForbundFile, r: Rapport, ar: int, unit: Unit, texter: dict[str, str]
) -> None:
    """The decided budget for next year in figures from the data (driftbidrag, result, the
    eget kapital it leads to), the medelstilldelning over the years, then the förbund's text."""
    r.avsnitt("Förväntad utveckling")
    nasta = ar + 1
    version = ekonomi.gallande_budget(ff, nasta)
    years: list[tuple[str, int | None]] = [
        (str(y), ekonomi.driftbidrag(ff, y)) for y in range(ar - 4, ar + 1)
    ]
    if version is None:
        r.stycke(f"Styrelsen har ännu inte beslutat någon budget för {nasta}.")
    else:
        vid = version["id"]
        bidrag = {y: sum(ekonomi.budget_driftbidrag(ff, vid, y).values()) for y in
                  ekonomi.budget_ar(version)}  # fmt: skip
        res = ekonomi.budget_resultat(ff, vid, nasta)
        used = ekonomi.budget_eget_kapital(ff, vid, nasta)
        nu = ekonomi.driftbidrag(ff, ar)
        datum = f" {version['beslut_datum']}" if version["beslut_datum"] else ""
        text = (
            f"Styrelsen beslutade{datum} om verksamhetsplan med budget för {nasta}. "
            f"Medlemmarnas tilldelning för {nasta} är {_kr(bidrag[nasta])}"
            + (f", mot {_kr(nu)} för {ar}. " if nu else ". ")
        )
        if res > 0:
            text += f"Budgeten visar ett överskott om {_kr(res)}."
        elif res == 0:
            text += "Budgeten är i balans."
        else:
            text += f"Budgeten visar ett underskott om {_kr(-res)}" + (
                f", varav {_kr(used)} genom ianspråktagande av eget kapital." if used else "."
            )
        prognos = {t.ar: t for t in ekonomi.eget_kapital_prognos_mot_tak(ff, vid)}
        t = prognos.get(nasta)
        if t is not None:
            text += (
                f" Med budgeten blir eget kapital vid utgången av {nasta} "
                f"{_kr(t.eget_kapital)}, {t.andel_text} av driftbidraget (taket är "
                f"{format_percent(t.tak_procent / 100)})."
            )
        r.stycke(text)
        years += [
            (f"{y} ({'budget' if y == nasta else 'plan'})", bidrag[y]) for y in sorted(bidrag)
        ]
    shown = [(y, v) for y, v in years if v is not None]
    if shown:
        first = TEXT_WIDTH * 0.5
        r.add(
            sifferTabell(
                ["År", "Medelstilldelning"],
                [Rad(y, [v]) for y, v in shown],
                unit,
                bredder=[first, TEXT_WIDTH - first],
            )
        )
        r.stycke(
            f"{common.enhet_text(unit)}. Utfall för {ar} och tidigare år, den beslutade "
            "budgetens belopp för de kommande åren.",
            "caption",
        )
    r.text(texter["forvantad_utveckling"], tom="")


# -- the financial statements ------------------------------------------------------------------


def _resultatrakning(ff: ForbundFile, r: Rapport, ar: int, unit: Unit) -> None:
    r.kapitel("Resultaträkning", ny_sida=True)
    now, before = ekonomi.resultatrakning(ff, ar), ekonomi.resultatrakning(ff, ar - 1)
    has_before = ekonomi.har_utfall(ff, ar - 1)

    def pair(attr: str) -> list[int | None]:
        return [getattr(now, attr), getattr(before, attr) if has_before else None]

    verksamhet = (
        Rad("Verksamhetens intäkter", pair("verksamhetens_intakter"), not_nr="1"),
        Rad("Verksamhetens kostnader", pair("verksamhetens_kostnader"), not_nr="2"),
        Rad("Avskrivningar", pair("avskrivningar")),
    )
    vr = Rad("Verksamhetens resultat", pair("verksamhetens_resultat"), "summa", delar=verksamhet)
    finansiellt = (
        Rad("Finansiella intäkter", pair("finansiella_intakter")),
        Rad("Finansiella kostnader", pair("finansiella_kostnader")),
    )
    efter = Rad(
        "Resultat efter finansiella poster",
        pair("resultat_efter_finansiella_poster"),
        "summa",
        delar=(vr, *finansiellt),
    )
    rows = [
        *verksamhet,
        vr,
        *finansiellt,
        efter,
        Rad("Årets resultat", pair("arets_resultat"), "total", delar=(efter,)),
    ]
    r.add(sifferTabell(["", str(ar), str(ar - 1)], rows, unit, not_kolumn=True))
    r.stycke(common.enhet_text(unit), "caption")


def _balansrakning(ff: ForbundFile, r: Rapport, ar: int, unit: Unit) -> None:
    r.kapitel("Balansräkning")
    now, before = ekonomi.bokslut(ff, ar), ekonomi.bokslut(ff, ar - 1)
    if now is None:
        r.stycke(f"Bokslutet för {ar} är inte inlagt; balansräkningen kan inte visas.")
        return

    resultat = [
        ekonomi.arets_resultat(ff, ar),
        ekonomi.arets_resultat(ff, ar - 1) if before else None,
    ]
    rows = common.balans_rader(now, before, resultat, "Årets resultat", noter=True)
    r.add(sifferTabell(["", f"{ar}-12-31", f"{ar - 1}-12-31"], rows, unit, not_kolumn=True))
    r.stycke(common.enhet_text(unit), "caption")


def _kassaflode(ff: ForbundFile, r: Rapport, ar: int, unit: Unit) -> None:
    """The kassaflödesanalys of the year, beside the year before's when its bokslut and the
    one before it are there (LKBR asks for the comparative figures)."""
    r.kapitel("Kassaflödesanalys")
    k = ekonomi.kassaflode(ff, ar)
    if k is None:
        saknas = " och ".join(str(y) for y in (ar, ar - 1) if ekonomi.bokslut(ff, y) is None)
        r.stycke(
            f"Kassaflödesanalysen kräver bokslut för både {ar} och {ar - 1}; "
            f"{saknas or ar - 1} års bokslut saknas."
        )
        return
    before = ekonomi.kassaflode(ff, ar - 1)
    years = [k] if before is None else [k, before]

    def cells(attr: str) -> list[int]:
        return [getattr(x, attr) for x in years]

    fore = (
        Rad("Årets resultat", cells("arets_resultat")),
        Rad("Justering för ej likviditetspåverkande poster", cells("ej_likviditetspaverkande")),
    )
    medel = Rad(
        "Medel från verksamheten före förändring av rörelsekapital",
        [x.arets_resultat + x.ej_likviditetspaverkande for x in years],
        "summa",
        delar=fore,
    )
    rorelsekapital = (
        Rad(
            "Minskning (+) / ökning (−) av kortfristiga fordringar",
            cells("forandring_fordringar"),
        ),
        Rad(
            "Ökning (+) / minskning (−) av kortfristiga skulder",
            cells("forandring_kortfristiga_skulder"),
        ),
    )
    summa_lopande = Rad(
        "Kassaflöde från den löpande verksamheten",
        cells("lopande_verksamhet"),
        "summa",
        delar=(medel, *rorelsekapital),
    )
    ovriga = (
        Rad("Investeringsverksamheten", cells("investeringar")),
        Rad("Finansieringsverksamheten", cells("finansiering")),
    )
    kassaflode = Rad(
        "Årets kassaflöde", cells("arets_kassaflode"), "summa", delar=(summa_lopande, *ovriga)
    )
    ib = Rad("Likvida medel vid årets början", cells("likvida_medel_ib"))
    rows = [
        Rad("Den löpande verksamheten", [None] * len(years), "rubrik"),
        *fore,
        medel,
        *rorelsekapital,
        summa_lopande,
        *ovriga,
        kassaflode,
        ib,
        Rad(
            "Likvida medel vid årets slut",
            cells("likvida_medel_ub"),
            "total",
            delar=(kassaflode, ib),
        ),
    ]
    first = TEXT_WIDTH * 0.64  # the longest label on one line
    rest = [(TEXT_WIDTH - first) / 2] * len(years)
    r.add(sifferTabell(["", *(str(x.ar) for x in years)], rows, unit, bredder=[first, *rest]))
    r.stycke(common.enhet_text(unit), "caption")


def _driftredovisning(ff: ForbundFile, r: Rapport, ar: int, unit: Unit) -> None:
    r.kapitel("Driftredovisning", ny_sida=True)
    rader = ekonomi.driftredovisning(ff, ar)
    if not rader:
        r.stycke(f"Det finns varken budget eller utfall för {ar}.")
        return

    # netto per row, or (the förbund's choice) the utfall as intäkt, kostnad and netto
    delad = get_setting(ff, "driftredovisning_kolumner") == "intakt_kostnad"
    if delad:
        falt = ("intakt", "kostnad", "utfall", "budget", "avvikelse", "foregaende_ar")
        rubriker = ["Intäkt", "Kostnad", f"Netto {ar}", f"Budget {ar}", "Avvikelse",
                    f"Netto {ar - 1}"]  # fmt: skip
        # intäkt = netto − kostnad; avvikelse = netto − budget
        skillnader = [(0, 2, 1), (4, 2, 3)]
    else:
        falt = ("budget", "utfall", "avvikelse", "foregaende_ar")
        rubriker = [f"Budget {ar}", f"Utfall {ar}", "Avvikelse", f"Utfall {ar - 1}"]
        skillnader = [(2, 1, 0)]

    def cells(xs: list[ekonomi.Driftrad]) -> list[int]:
        return [sum(getattr(x, f) for x in xs) for f in falt]

    tabell = uppstallning.driftredovisning(ff, ar)
    if tabell is not None:  # the förbund's own uppställning of its budget
        rows = common.drift_uppstallning_rader(tabell, cells, "Årets resultat")
    else:
        rows = common.drift_rader(rader, cells, "Årets resultat")
    bredder = None
    if delad:  # six figures beside the label: each as wide as "Avvikelse" needs
        first = TEXT_WIDTH * 0.25
        bredder = [first, *[(TEXT_WIDTH - first) / len(rubriker)] * len(rubriker)]
    r.add(sifferTabell(["", *rubriker], rows, unit, skillnader=skillnader, bredder=bredder))
    r.stycke(
        f"{common.enhet_text(unit)}. Intäkter positiva, kostnader negativa. "
        + ("Netto = intäkt + kostnad. " if delad else "")
        + f"Avvikelse = {'netto' if delad else 'utfall'} − budget; ett positivt tal är bättre "
        "än budget.",
        "caption",
    )
    r.luft(3)
    r.hall_ihop(common.budget_chart(rader, ar))
    _avvikelser(ff, r, ar, unit)


def _avvikelser(ff: ForbundFile, r: Rapport, ar: int, unit: Unit) -> None:
    """Each material deviation with the förbundschef's comment on it (the förbund's
    threshold, a setting)."""
    vasentliga = avvikelser.vasentliga(ff, ar)
    procent, belopp = avvikelser.granser(ff)
    grans = (
        f"Avvikelser på minst {format_percent(procent / 100)} av budgeten och minst "
        f"{_kr(belopp)} kommenteras."
    )
    r.avsnitt("Kommentarer till avvikelserna")
    if not vasentliga:
        r.stycke(f"{grans} Ingen rad avviker så mycket {ar}.")
        return
    r.stycke(grans)
    for a in vasentliga:
        andel = "" if a.procent is None else " av budgeten"
        r.add(
            Paragraph(
                f"<b>{safe(a.rad.text)}</b>: avvikelse {safe(a.storlek(unit))}{andel}.",
                styles()["body"],
            )
        )
        r.text(avvikelser.kommentar(ff, ar, a.nyckel), tom="Kommentar saknas.")


def _investeringsredovisning(ff: ForbundFile, r: Rapport, ar: int, unit: Unit) -> None:
    """The year's investments (the kassaflödesanalys's investeringsverksamhet), or the
    sentence that there are none."""
    r.kapitel("Investeringsredovisning", ny_sida=True)  # the noter follow on its page
    now = ekonomi.bokslut(ff, ar)
    if now is None:
        r.stycke(f"Bokslutet för {ar} är inte inlagt; investeringarna kan inte redovisas.")
        return
    k = ekonomi.kassaflode(ff, ar)
    if k is None:
        if now.anlaggningstillgangar == 0:
            r.stycke("Förbundet har inga investeringar under året.")
        else:
            r.stycke(
                f"Anläggningstillgångarna uppgick vid årets slut till "
                f"{_kr(now.anlaggningstillgangar)}. Årets investeringar kan inte beräknas "
                f"utan bokslutet för {ar - 1}."
            )
        return
    if k.investeringar == 0:
        r.stycke("Förbundet har inga investeringar under året.")
        return
    r.stycke(
        f"Årets nettoinvesteringar uppgick till {_kr(-k.investeringar)} (förändringen av "
        "anläggningstillgångarna före avskrivningar, som i kassaflödesanalysen). "
        f"Anläggningstillgångarna uppgick vid årets slut till {_kr(now.anlaggningstillgangar)}."
    )


def _noter(ff: ForbundFile, r: Rapport, ar: int, unit: Unit, texter: dict[str, str]) -> None:
    r.kapitel("Noter")  # after the investeringsredovisning's few lines, on their page
    r.avsnitt("Redovisningsprinciper")
    r.stycke(
        "Årsredovisningen är upprättad i enlighet med lagen (2018:597) om kommunal bokföring "
        "och redovisning (LKBR) i tillämpliga delar och med rekommendationer från Rådet för "
        "kommunal redovisning (RKR). Intäkter och kostnader redovisas i den period de avser. "
        "Fordringar tas upp till det belopp varmed de beräknas inflyta. Intäkter visas "
        "positiva och kostnader negativa."
    )
    if texter["redovisningsprinciper"].strip():
        r.text(texter["redovisningsprinciper"])
    else:
        r.stycke("Förbundet avviker inte från lagen eller rekommendationerna.")
    head = ["", str(ar), str(ar - 1)]
    resultat = [ekonomi.resultatrakning(ff, y) for y in (ar, ar - 1)]
    enhet = common.enhet_text(unit)

    def tabell(rubriker: list[str], rows: list[Rad]) -> None:
        """A note's table with its unit under it."""
        r.add(sifferTabell(rubriker, rows, unit))
        r.stycke(enhet, "caption")

    def summa(text: str, attr: str, typ: str, delar: list[Rad]) -> Rad:
        """A total of the resultaträkning, the year and the year before."""
        return Rad(text, [getattr(rr, attr) for rr in resultat], typ, delar=tuple(delar))

    def merged(grupp: Grupp) -> list[Rad]:
        now = dict(ekonomi.utfall_per_text(ff, ar, grupp))
        before = dict(ekonomi.utfall_per_text(ff, ar - 1, grupp))
        order = list(now) + [t for t in before if t not in now]
        return [Rad(t, [now.get(t, 0), before.get(t, 0)]) for t in order]

    r.avsnitt("Not 1 Verksamhetens intäkter")
    rows = merged(Grupp.INTAKTER)
    rows.append(summa("Summa verksamhetens intäkter", "verksamhetens_intakter", "summa", rows))
    tabell(head, rows)

    r.avsnitt("Not 2 Verksamhetens kostnader")
    rows = []
    sums = []
    for g in (Grupp.STYRELSE, Grupp.ADMINISTRATION, Grupp.INSATSER):
        part = merged(g)
        if not part:
            continue
        rows.append(Rad(g.label, [None, None], "rubrik"))
        rows.extend(part)
        sums.append(
            Rad(
                f"Summa {g.label.lower()}",
                [sum(x.celler[0] or 0 for x in part), sum(x.celler[1] or 0 for x in part)],
                "summa",
                delar=tuple(part),
            )
        )
        rows.append(sums[-1])
    rows.append(summa("Summa verksamhetens kostnader", "verksamhetens_kostnader", "total", sums))
    tabell(head, rows)

    now, before = ekonomi.bokslut(ff, ar), ekonomi.bokslut(ff, ar - 1)
    if now is None:
        return
    head = ["", f"{ar}-12-31", f"{ar - 1}-12-31"]

    def specificerad(title: str, post: BokslutPost, label: str) -> None:
        """A balance-sheet post by kind (the bokslut's specification), the rest of the
        post's figure as "Ej specificerat", and the post's sum."""
        attr = post.value
        spec_now = dict(ekonomi.specifikation(ff, ar, post))
        spec_before = dict(ekonomi.specifikation(ff, ar - 1, post)) if before else {}
        order = list(spec_now) + [t for t in spec_before if t not in spec_now]
        rows = [
            Rad(t, [spec_now.get(t, 0), spec_before.get(t, 0) if before else None]) for t in order
        ]
        total = [getattr(now, attr), getattr(before, attr) if before else None]
        if rows:
            rest = [
                total[0] - sum(spec_now.values()),
                total[1] - sum(spec_before.values()) if total[1] is not None else None,
            ]
            if any(rest):
                rows.append(Rad("Ej specificerat", rest))
        r.avsnitt(title)
        tabell(
            head,
            [*rows, Rad(label, total, "summa", delar=tuple(rows))]
            if rows
            else [Rad(label, total, "framhavd")],
        )

    specificerad(
        "Not 3 Kortfristiga fordringar",
        BokslutPost.KORTFRISTIGA_FORDRINGAR,
        "Summa kortfristiga fordringar",
    )
    r.avsnitt("Not 4 Kassa och bank")
    tabell(
        head,
        [
            Rad(
                "Summa kassa och bank",
                [now.kassa_och_bank, before.kassa_och_bank if before else None],
                "framhavd",
            )
        ],
    )
    r.avsnitt("Not 5 Eget kapital")
    ib = ekonomi.eget_kapital_ib(ff, ar)
    ib_before = ekonomi.eget_kapital_ib(ff, ar - 1)
    not5 = (
        Rad("Ingående eget kapital", [ib, ib_before if before else None]),
        Rad(
            "Årets resultat",
            [
                ekonomi.arets_resultat(ff, ar),
                ekonomi.arets_resultat(ff, ar - 1) if before else None,
            ],
        ),
    )
    tabell(
        ["", str(ar), str(ar - 1)],
        [
            *not5,
            Rad(
                "Utgående eget kapital",
                [now.eget_kapital, before.eget_kapital if before else None],
                "summa",
                delar=not5,
            ),
        ],
    )
    specificerad(
        "Not 6 Kortfristiga skulder",
        BokslutPost.KORTFRISTIGA_SKULDER,
        "Summa kortfristiga skulder",
    )


def _underskrifter(
    ff: ForbundFile, r: Rapport, ar: int, today: dt.date, version: int | None = None
) -> None:
    """The styrelse as it is on the signing day: at the meeting that decides the
    årsredovisning its ledamöter present and tjänstgörande ersättare."""
    r.kapitel("Styrelsens underskrifter", ny_sida=True)
    namn = forbund.forbund(ff).namn
    u = rapportdata.undertecknande(ff, ar, today)
    r.stycke(
        "Vi intygar att årsredovisningen ger en rättvisande bild av förbundets resultat och "
        f"ekonomiska ställning. Styrelsen för {namn} lämnar härmed årsredovisningen för {ar}."
    )
    if u.mote_datum is not None:
        paragraf = f", § {u.paragraf}" if u.paragraf is not None else ""
        r.stycke(
            f"Årsredovisningen behandlades vid styrelsens sammanträde "
            f"{u.mote_datum.isoformat()}{paragraf}. Den undertecknas av styrelsen så som den var "
            "sammansatt vid sammanträdet: närvarande ledamöter och tjänstgörande ersättare."
        )
    else:
        r.stycke(
            f"Styrelsens beslut om årsredovisningen finns inte i förbundsfilen; underskrifterna "
            f"avser styrelsen den {u.datum.isoformat()}."
        )
    r.luft(4)
    if version is not None:  # the frozen copy says which version the styrelse signs
        r.stycke(f"Underskriftsversion {version}, för underskrift.")
    elif (signerad := _underskriven(ff, ar)) is not None:
        r.stycke(signerad)
    r.stycke("Ort och datum: ______________________________")
    r.luft(10)
    s = styles()
    cells = [
        [
            Paragraph("_" * 34, s["signature"]),
            Paragraph(f"<b>{safe(p.namn)}</b>", s["signature"]),
            Paragraph(safe(f"{p.funktion}, {p.medlem}"), s["small"]),
        ]
        for p in u.personer
    ]
    if not cells:
        r.stycke(f"Inga ledamöter är registrerade den {u.datum.isoformat()}.")
        return
    r.add(parvis(cells, bottom=16 * mm))


def _underskriven(ff: ForbundFile, ar: int) -> str | None:
    """Where the signed original is, once the styrelse has signed (a copy printed later)."""
    h = justering.arsredovisning(ff, ar)
    j = justering.underskriven(ff, h) if h is not None else None
    if j is None or j.justerat is None:
        return None
    how = "digitalt" if j.satt == "digital" else "på papper"
    digest = f" Originalets SHA-256: {j.original_sha256}." if j.original_sha256 else ""
    return (
        f"Årsredovisningen skrevs under {how} {j.justerat.isoformat()} (underskriftsversion "
        f"{j.version}); det underskrivna originalet förvaras hos förbundet.{digest}"
    )


def _revisionsberattelse(ff: ForbundFile, r: Rapport, ar: int) -> None:
    """The place of the revisorer's report: a reference page, the revisionsberättelse and
    the granskningsrapporter are the revisorer's own documents."""
    r.kapitel("Revisionsberättelse", ny_sida=True)
    rev = rapportdata.revisorer(ff, ar)
    vem = (
        ", ".join(x["namn"] for x in rev[:-1]) + (" och " if len(rev) > 1 else "") + rev[-1]["namn"]
        if rev
        else "förbundets revisorer"
    )
    r.stycke(
        f"Revisionsberättelsen för {ar} från {vem} bifogas årsredovisningen när den lämnas "
        "till förbundsmedlemmarna. Den är revisorernas eget dokument och ingår därför inte i "
        "den här utskriften."
    )
    r.luft(4)
    r.add(common.fakta([["Bilaga", f"Revisionsberättelse för {ar}"]]))
