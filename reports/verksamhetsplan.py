"""Verksamhetsplan med budget: year N, with plan for N+1 and N+2.

Following the usual verksamhetsplan of a samordningsförbund: inledning and uppdrag,
organisation (styrelse, kansli, beredande organ), inriktning and prioriterade områden, mål
(how each is measured and followed up), the insatser (owner, medparter, period, beviljat for
N, description, goals), finansiella mål, uppföljning, and the budget table (intäkter per
member, administration, styrelse, insatser, totals, result, use of eget kapital if declared)
with the forecast eget kapital against the ceiling. The budget is the decided version for N
(the latest decided), else the latest proposal, which the cover then calls a proposal.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from pathlib import Path
from typing import Unpack

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Paragraph

from finsam_desktop import (
    balansbudget,
    ekonomi,
    forbund,
    rapportdata,
    rapporttexter,
    uppstallning,
)
from finsam_desktop.insatser import FRITEXT
from finsam_desktop.model import Grupp, MalSlag, Summerar
from finsam_desktop.money import Unit, format_percent
from finsam_desktop.settings import get_setting
from finsam_desktop.storage import ForbundFile

from . import common, forbundsmal
from .delarsrapport import MANADER
from .pdf import charts
from .pdf.document import TEXT_WIDTH, Rapport, safe
from .pdf.styles import styles
from .pdf.tables import DASH, Rad, belopp, sifferTabell, textTabell

TITEL = "Verksamhetsplan med budget"


def default_year(ff: ForbundFile, today: dt.date | None = None) -> int:
    """The latest budget year with a version, else next year."""
    return rapportdata.default_year(ff, "verksamhetsplan", today)


def _version(ff: ForbundFile, ar: int) -> dict | None:
    decided = ekonomi.gallande_budget(ff, ar)
    if decided is not None:
        return decided
    versions = ekonomi.budget_versioner(ff, ar)
    return versions[-1] if versions else None


def build(ff: ForbundFile, year: int | None = None, **options: Unpack[common.Options]) -> bytes:
    """The verksamhetsplan for budget year ``year`` as PDF bytes."""
    b = common.start(ff, options)
    today, unit, step = b.today, b.unit, b.step
    ar = year or default_year(ff, today)
    version = _version(ff, ar)
    beslut = None
    if version is not None and version["status"] == "beslutad":
        paragraf = version["beslut_paragraf"].strip().lstrip("§").strip()
        beslut = (version["beslut_datum"], int(paragraf) if paragraf.isdigit() else None)
    period = f"{ar} med plan för {ar + 1}–{ar + 2}"
    # the plan years, and the two before: the bokslut and the prognosis the plan starts from
    r = b.rapport(
        ff, TITEL, period, beslut, f"Verksamhetsplan {ar}–{ar + 2}", range(ar - 2, ar + 3)
    )
    texter = rapporttexter.texter(ff, "verksamhetsplan", ar)
    namn = forbund.forbund(ff).namn
    step(20, "Inledning och organisation")
    r.kapitel("Inledning")
    r.text(
        texter["inledning"]
        or f"Verksamhetsplanen beskriver {namn}s inriktning, mål och budget för "
        f"{ar} med plan för {ar + 1}–{ar + 2}. Planen beslutas av styrelsen."
    )
    r.avsnitt("Uppdrag")
    r.text(
        texter["uppdrag"]
        or "Samordningsförbundet verkar utifrån lagen (2003:1210) om finansiell samordning av "
        "rehabiliteringsinsatser och förbundsordningen. Förbundet finansierar insatser som "
        "parterna bedriver tillsammans för personer i behov av samordnad rehabilitering."
    )
    if texter["vision"].strip():
        r.avsnitt("Vision och verksamhetsidé")
        r.text(texter["vision"])
    _organisation(ff, r, ar, today, texter)
    r.kapitel("Inriktning och prioriterade områden")
    r.text(texter["inriktning"], tom="")
    r.avsnitt("Mål")
    r.text(texter["mal"], tom="")
    forbundsmal.plan(ff, r, ar, MalSlag.VERKSAMHET)
    step(40, "Insatser")
    _insatser(ff, r, ar, unit)
    r.kapitel("Finansiella mål")
    r.text(texter["finansiella_mal"])
    pct = get_setting(ff, "eget_kapital_tak_procent")
    own = forbundsmal.plan(ff, r, ar, MalSlag.FINANSIELLT)  # the förbund's own, if written
    for line in (
        "Budgeten ska upprättas så att intäkterna överstiger kostnaderna, om inte eget kapital "
        "medvetet tas i anspråk.",
        f"Det egna kapitalet ska inte överstiga {format_percent(pct / 100)} av årets driftbidrag.",
        "Förbundet är självfinansierat genom medlemmarnas bidrag och tecknar inga lån eller "
        "krediter.",
    ):
        if not own:  # the law's goals, when the förbund has written none of its own
            r.punkt(line)
    r.avsnitt("Uppföljning och utvärdering")
    r.text(
        texter["uppfoljning"]
        or "Styrelsen följer verksamheten och ekonomin vid varje sammanträde, i delårsrapporten "
        "per 31 augusti och i årsredovisningen. Insatserna följs upp med antal deltagare per "
        "kön och mot sina mål."
    )
    step(65, "Budget")
    _budget(ff, r, ar, version, unit, texter)
    if version is not None:
        _balansbudget(ff, r, ar, version, unit)
    return b.finish(r)


def write(ff: ForbundFile, out: Path | str, *, year: int | None = None, **options) -> None:
    options.pop("date", None)
    common.write_atomically(build(ff, year, **options), out)


def _organisation(
    ff: ForbundFile, r: Rapport, ar: int, today: dt.date, texter: dict[str, str]
) -> None:
    r.kapitel("Organisation")
    medlemmar = forbund.medlemmar(ff)
    r.stycke("Förbundets medlemmar och deras andel av driftbidraget enligt förbundsordningen:")
    r.add(
        textTabell(
            ["Medlem", "Andel"],
            [
                [
                    m.namn,
                    ekonomi.format_andel(m.andel) if m.andel is not None else m.andel_text,
                ]
                for m in medlemmar
            ],
            [TEXT_WIDTH * 0.7, TEXT_WIDTH * 0.3],
            hoger=(1,),
        )
    )
    # The board as it will be when the year starts; today's if nobody is appointed that far.
    platser = rapportdata.platser_pa(ff, dt.date(ar, 1, 1)) or rapportdata.platser_pa(ff, today)
    if platser:
        r.avsnitt("Styrelsen")
        r.add(common.styrelse_tabell(platser))
    r.avsnitt("Kansli och beredande organ")
    r.text(texter["organisation"], tom="")


def _insatser(ff: ForbundFile, r: Rapport, ar: int, unit: Unit) -> None:
    r.kapitel("Insatser", ny_sida=True)
    insatser = rapportdata.insatser(ff, ar, plan_ar=(ar + 1, ar + 2))
    if not insatser:
        r.stycke(f"Inga insatser är planerade för {ar}–{ar + 2}.")
        return
    rows = [
        Rad(i.namn, [i.planerat.get(ar), i.planerat.get(ar + 1), i.planerat.get(ar + 2)])
        for i in insatser
    ]
    rows.append(
        Rad(
            "Summa",
            [sum(i.planerat.get(y) or 0 for i in insatser) for y in (ar, ar + 1, ar + 2)],
            "summa",
            delar=tuple(rows),
        )
    )
    r.add(sifferTabell(["Insats", str(ar), f"Plan {ar + 1}", f"Plan {ar + 2}"], rows, unit))
    r.stycke(
        common.enhet_text(unit) + ". Beviljat eller planerat belopp per år enligt insatsernas "
        "beslut.",
        "caption",
    )
    for i in insatser:
        r.avsnitt(i.namn)
        r.add(
            common.fakta(
                [
                    ["Verksamhetsägare", i.agare or DASH],
                    ["Medparter", i.medparter or DASH],
                    ["Typ av insats", i.typ],
                    ["Status", i.status],
                    ["Period", i.projekttid],
                    [
                        f"Beviljat {ar}",
                        belopp(i.planerat.get(ar), unit) + (" tkr" if unit is Unit.TKR else " kr"),
                    ],
                ]
            )
        )
        for f in FRITEXT:
            if i.fritext[f.name].strip():
                r.underrubrik(f.header)
                r.stycke(i.fritext[f.name])
        if i.mal:
            r.add(
                textTabell(
                    ["Mål", "Mäts genom", "Följs upp genom"],
                    [[g.mal, g.indikator, g.metod] for g in i.mal],
                    [TEXT_WIDTH * 0.4, TEXT_WIDTH * 0.3, TEXT_WIDTH * 0.3],
                )
            )


def _prognosgrund(prognos: list[ekonomi.EgetKapitalPrognos]) -> str:
    """How each year's eget kapital is known or forecast, in the caption's words."""
    first = prognos[0]
    parts = [f"{first.ar} enligt {'bokslut' if first.utfall else 'inskriven balansprognos'}"]
    for p in prognos[1:]:
        if p.utfall:
            continue
        if p.balansprognos:
            parts.append(f"{p.ar} enligt inskriven balansprognos")
        elif p.prognos_till_manad is not None:
            m = p.prognos_till_manad
            months = f"januari–{MANADER[m - 1]}" if m > 1 else "januari"
            day = dt.date(p.ar, m, calendar.monthrange(p.ar, m)[1])
            parts.append(
                f"{p.ar} med helårsprognosen på utfallet {months}, den som en delårsrapport "
                f"per {day.isoformat()} ger"
            )
    parts.append("följande år med årets utfall eller budgeterat resultat")
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


def _efter_mening(base: list[dict], values) -> tuple[list[Rad], list[Rad], list[Rad]]:
    """The resultatbudget grouped by meaning (a version without the förbund's own avsnitt):
    its rows, what the result adds, and the uses of eget kapital shown among the rows."""
    rows: list[Rad] = []
    kostnader = [0, 0, 0]
    kostnadssummor: list[Rad] = []
    resultatets: list[Rad] = []  # what the result adds: each group's sum but the costs'
    ek_bland: list[Rad] = []  # use of eget kapital shown among its group's rows
    under = [i for i, row in enumerate(base) if row["under_resultat"]]
    for grupp in Grupp:
        mine = [i for i, row in enumerate(base) if row["grupp"] == grupp.value and i not in under]
        if not mine:
            continue
        rows.append(Rad(grupp.label, [None, None, None], "rubrik"))
        own = []
        for i in mine:
            if not ekonomi.ar_ej_fordelat(base[i]):
                own.append(Rad(base[i]["text"], values(i)))
                if ekonomi.ar_eget_kapital(base[i]):
                    ek_bland.append(own[-1])
        rows.extend(own)
        sums = [sum(col) for col in zip(*(o.celler for o in own), strict=True)] if own else [0] * 3
        rows.append(Rad(f"Summa {grupp.label.lower()}", sums, "summa", delar=tuple(own)))
        kostnad = grupp in ekonomi.KOSTNADSGRUPPER
        (kostnadssummor if kostnad else resultatets).append(rows[-1])
        # money not yet given to any insats: after the group's sum, not in it; in the
        # verksamhet's costs (printed above that sum) and so in the result
        for i in mine:
            if ekonomi.ar_ej_fordelat(base[i]):
                rows.append(Rad(base[i]["text"], values(i)))
                (kostnadssummor if kostnad else resultatets).append(rows[-1])
        if kostnad:
            kostnader = [sum(col) for col in zip(*(k.celler for k in kostnadssummor), strict=True)]
        if grupp is Grupp.INSATSER:
            rows.append(
                Rad(
                    "Summa verksamhetens kostnader",
                    kostnader,
                    "summa",
                    delar=tuple(kostnadssummor),
                )
            )
            resultatets.append(rows[-1])
    return rows, resultatets, ek_bland


def _egen_uppstallning(
    ff: ForbundFile, version_id: int, base: list[dict], values
) -> tuple[list[Rad], list[Rad], list[Rad]]:
    """The resultatbudget in the förbund's own uppställning: each avsnitt's heading, rows and
    subtotal as the förbund wants them; the sums add what is printed."""
    index = {row["id"]: i for i, row in enumerate(base)}
    tabell = uppstallning.uppstallning(ff, version_id, base)
    printed: dict[int, Rad] = {}
    rows: list[Rad] = []
    for a in tabell:
        if a.rubrik:
            rows.append(Rad(a.rubrik, [None, None, None], "rubrik"))
        for row in a.rader:
            printed[row["id"]] = Rad(row["text"], values(index[row["id"]]))
            rows.append(printed[row["id"]])
        if a.summa:
            summed = uppstallning.summerade(a, tabell)
            if a.summerar is not Summerar.AVSNITT:
                # "every kostnad of the table" adds the rows printed so far; a later one
                # would stand below its sum
                summed = [row for row in summed if row["id"] in printed]
            delar = tuple(printed[row["id"]] for row in summed)
            sums = [sum(col) for col in zip(*(d.celler for d in delar), strict=True)] or [0] * 3
            rows.append(Rad(a.summa, sums or [0, 0, 0], "summa", delar=delar))
    ek_bland = [
        printed[row["id"]] for row in base if row["id"] in printed and ekonomi.ar_eget_kapital(row)
    ]
    return rows, list(printed.values()), ek_bland


def _budget(
    ff: ForbundFile,
    r: Rapport,
    ar: int,
    version: dict | None,
    unit: Unit,
    texter: dict[str, str],
) -> None:
    r.kapitel(f"Budget {ar} med plan för {ar + 1}–{ar + 2}", ny_sida=True)
    if version is None:
        r.stycke(f"Det finns ingen budget för {ar} i förbundsfilen.")
        return
    years = ekonomi.budget_ar(version)
    if version["status"] != "beslutad":
        r.stycke("Budgeten är ett förslag och ännu inte beslutad av styrelsen.")
    r.text(texter["budget"])
    per_year = {y: ekonomi.budget_rader(ff, version["id"], y) for y in years}
    base = per_year[years[0]]

    def values(i: int) -> list[int]:
        return [per_year[y][i]["belopp_ore"] for y in years]

    if uppstallning.avsnitt_poster(ff, version["id"]):
        rows, resultatets, ek_bland = _egen_uppstallning(ff, version["id"], base, values)
    else:
        rows, resultatets, ek_bland = _efter_mening(base, values)
    under = [i for i, row in enumerate(base) if row["under_resultat"]]
    resultat = [ekonomi.budget_resultat(ff, version["id"], y) for y in years]
    efter = "Resultat efter ianspråktagande av eget kapital"
    if ek_bland:
        # the förbund shows its use of eget kapital as funding among the intäkter: the sum
        # of the table is the result after it; the budgeted result proper is the change in
        # eget kapital, printed beside it
        bland = [sum(col) for col in zip(resultat, *(e.celler for e in ek_bland), strict=True)]
        rows.append(Rad(efter, bland, "total", delar=tuple(resultatets)))
        rows.append(Rad("Budgeterat resultat (förändring av eget kapital)", resultat, "framhavd"))
    else:
        rows.append(Rad("Budgeterat resultat", resultat, "total", delar=tuple(resultatets)))
    if under:
        above = rows[-2] if ek_bland else rows[-1]
        ek_rows = [Rad(base[i]["text"], values(i)) for i in under]
        rows.extend(ek_rows)
        balans = [ekonomi.budget_balans(ff, version["id"], y) for y in years]
        label = "Resultat efter allt ianspråktagande av eget kapital" if ek_bland else efter
        rows.append(Rad(label, balans, "total", delar=(above, *ek_rows)))
    elif (
        not ek_bland and version["eget_kapital_motivering"].strip() and any(x < 0 for x in resultat)
    ):
        rows.append(Rad("Anspråktagande av eget kapital", [-min(x, 0) for x in resultat]))
    r.add(sifferTabell(["", f"Budget {ar}", f"Plan {ar + 1}", f"Plan {ar + 2}"], rows, unit))
    r.stycke(common.enhet_text(unit) + ". Intäkter positiva, kostnader negativa.", "caption")
    if version["eget_kapital_motivering"].strip():
        r.underrubrik("Anspråktagande av eget kapital")
        r.stycke(version["eget_kapital_motivering"])

    r.avsnitt("Medlemmarnas driftbidrag")
    names = {m.id: m.namn for m in forbund.medlemmar(ff)}
    per_member = {y: ekonomi.budget_driftbidrag(ff, version["id"], y) for y in years}
    ids = list(per_member[years[0]])
    if ids:
        mrows = [
            Rad(names.get(mid, "?"), [per_member[y].get(mid, 0) for y in years]) for mid in ids
        ]
        mrows.append(
            Rad(
                "Summa driftbidrag",
                [sum(per_member[y].values()) for y in years],
                "summa",
                delar=tuple(mrows),
            )
        )
        r.add(sifferTabell(["Medlem", str(ar), str(ar + 1), str(ar + 2)], mrows, unit))

    prognos = ekonomi.eget_kapital_prognos(ff, version["id"])
    if prognos:
        r.avsnitt("Eget kapital mot taket")
        prow = [
            Rad("Eget kapital vid årets slut", [p.eget_kapital for p in prognos], "framhavd"),
            Rad("Driftbidrag", [p.driftbidrag for p in prognos]),
            Rad("Tak för eget kapital", [p.tak for p in prognos]),
            Rad(
                "Eget kapital / driftbidrag",
                [
                    format_percent(Decimal(p.eget_kapital) / Decimal(p.driftbidrag))
                    if p.driftbidrag
                    else DASH
                    for p in prognos
                ],
            ),
        ]
        head = [""] + [f"{p.ar}" + ("" if p.utfall else " (prognos)") for p in prognos]
        r.add(sifferTabell(head, prow, unit))
        r.stycke(f"{common.enhet_text(unit)}. {_prognosgrund(prognos)}", "caption")
        r.luft(2)
        r.hall_ihop(
            charts.stapel_par(
                [str(p.ar) for p in prognos],
                [("Eget kapital vid årets slut", [p.eget_kapital for p in prognos])],
                titel="Eget kapital mot taket, utfall och prognos",
                tak=[p.tak for p in prognos],
                tabell=False,  # the table above has the figures
            )
        )


def _balansgrund(start: balansbudget.Balansar) -> str:
    """What the balansbudget's first column rests on, in the caption's words."""
    y = start.ar
    if start.grund is balansbudget.Grund.BOKSLUT:
        return f"{y} enligt bokslut."
    if start.grund is balansbudget.Grund.PROGNOS:
        return f"{y} enligt inskriven balansprognos för årets slut."
    m = start.prognos_till_manad
    on = (
        f"helårsprognosen på utfallet januari–{MANADER[m - 1]}"
        if m is not None and m > 1
        else "helårsprognosen på utfallet januari"
        if m is not None
        else "årets utfall eller budgeterade resultat"
    )
    return (
        f"{y} framskrivet från bokslut {start.fran_bokslut}: eget kapital med {on}, "
        f"fordringar och skulder som i bokslutet, kassa och bank det som balanserar."
    )


def _balansbudget(ff: ForbundFile, r: Rapport, ar: int, version: dict, unit: Unit) -> None:
    """The balansbudget beside the resultatbudget: the current year's year end (bokslut,
    typed prognosis or rolled forward), then the budget and plan years."""
    r.add(CondPageBreak(95 * mm))  # the heading goes with its table (kept with its caption)
    r.avsnitt("Balansbudget")
    columns = balansbudget.balansbudget(ff, version["id"])
    if not columns:
        r.stycke(
            f"Balansbudgeten utgår från bokslutet för {ar - 1} eller ett tidigare år, eller "
            f"från en inskriven balansprognos för {ar - 1}; förbundsfilen har inget av dem."
        )
        return
    start = columns[0]

    def cells(attr: str) -> list[int]:
        return [getattr(c, attr) for c in columns]

    def shown(attr: str) -> bool:
        return any(cells(attr))

    rows: list[Rad] = [Rad("Tillgångar", [None] * len(columns), "rubrik")]
    anl = None
    if shown("anlaggningstillgangar"):
        anl = Rad("Anläggningstillgångar", cells("anlaggningstillgangar"))
        rows += [anl, Rad("Omsättningstillgångar", [None] * len(columns), "rubrik")]
    oms = (
        Rad("Kortfristiga fordringar", cells("kortfristiga_fordringar")),
        Rad("Kassa och bank", cells("kassa_och_bank")),
    )
    summa_oms = Rad(
        "Summa omsättningstillgångar", cells("omsattningstillgangar"), "summa", delar=oms
    )
    rows += [*oms, summa_oms]
    rows.append(
        Rad(
            "Summa tillgångar",
            cells("summa_tillgangar"),
            "total",
            delar=(summa_oms,) if anl is None else (anl, summa_oms),
        )
    )
    avsattningar = shown("avsattningar")
    right = "eget kapital, avsättningar och skulder" if avsattningar else "eget kapital och skulder"
    rows.append(Rad(right[0].upper() + right[1:], [None] * len(columns), "rubrik"))
    ek = Rad("Eget kapital", cells("eget_kapital"))
    parts = [ek]
    if avsattningar:
        parts.append(Rad("Avsättningar", cells("avsattningar")))
    if shown("langfristiga_skulder"):
        parts.append(Rad("Långfristiga skulder", cells("langfristiga_skulder")))
    parts.append(Rad("Kortfristiga skulder", cells("kortfristiga_skulder")))
    rows += parts
    rows.append(
        Rad(
            f"Summa {right}",
            cells("summa_eget_kapital_avsattningar_skulder"),
            "total",
            delar=tuple(parts),
        )
    )
    first = "Bokslut" if start.grund is balansbudget.Grund.BOKSLUT else "Prognos"
    head = ["", f"{first} {start.ar}", f"Budget {ar}", f"Plan {ar + 1}", f"Plan {ar + 2}"]
    caption = (
        f"{common.enhet_text(unit)}, vid årets slut. {_balansgrund(start)} Budget- och planåren: "
        "eget kapital ändras med årets budgeterade resultat; anläggningstillgångar, fordringar "
        f"och skulder som {start.ar}; kassa och bank är det som balanserar."
    )
    r.hall_ihop(sifferTabell(head, rows, unit), Paragraph(safe(caption), styles()["caption"]))
