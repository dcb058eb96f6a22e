"""What the three reports share: the unit, the reconciliation gate, the cover, the findings.

Each report module (:mod:`reports.arsredovisning`, :mod:`reports.delarsrapport`,
:mod:`reports.verksamhetsplan`) builds its story on :class:`reports.pdf.document.Rapport`
and exposes ``write(ff, out, year=..., date=...)`` for the command line and
``build(ff, year, **options)`` (the :class:`Options` all three take, begun by :func:`start`)
returning PDF bytes for the app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TypedDict

from reportlab.platypus import Table, TableStyle

from finsam_desktop import forbund, rapportdata, rapporttexter, uppstallning
from finsam_desktop.check import run_checks
from finsam_desktop.files import write_bytes_atomically
from finsam_desktop.model import Grupp
from finsam_desktop.money import Unit
from finsam_desktop.settings import get_setting
from finsam_desktop.storage import ForbundFile

from .pdf import charts
from .pdf.document import TEXT_WIDTH, Innehall, Omslag, Rapport, safe
from .pdf.styles import cell_commands, styles
from .pdf.tables import Cell, Rad, Tabell, textTabell

#: The cover of a report whose reconciliation fails, in place of the styrelse's decision.
UTKAST_OMSLAG = "Utkast – avstämningen är inte klar. Inte beslutad av styrelsen i denna form."

#: Called with (percent done 0–100, what is being done) while a report is built.
Progress = Callable[[int, str], None]


def _no_progress(_pct: int, _what: str) -> None:
    pass


class Options(TypedDict, total=False):
    """What each report's ``build`` takes besides its year (and the delårsrapport's date)."""

    #: kr or tkr, as a Unit or its text; when not given, the förbund's setting.
    enhet: Unit | str | None
    #: The day the report is made: the reconciliation and the default year go by it.
    today: dt.date | None
    progress: Progress | None
    #: Given the headings and pages once the pages are laid out.
    innehall: Innehall | None


@dataclass(frozen=True)
class Build:
    """One report being built, its options resolved."""

    unit: Unit
    today: dt.date
    step: Progress
    innehall: Innehall | None

    def rapport(
        self,
        ff: ForbundFile,
        titel: str,
        period: str,
        beslut: tuple[str, int | None] | None,
        header: str,
        years: Iterable[int],
    ) -> Rapport:
        """The report with its cover, its page header and the reconciliation's findings that
        concern it: those of ``years`` (the years it shows) and those of no year."""
        self.step(5, "Stämmer av siffrorna")
        found = problem(ff, self.today, years)
        if found:  # a report that does not reconcile is not the one the styrelse decided
            beslut = None
        return Rapport(
            omslag=omslag(ff, titel, period, beslut, forslag=UTKAST_OMSLAG if found else None),
            header=header,
            problem=found,
        )

    def finish(self, r: Rapport) -> bytes:
        """Lay out ``r``'s pages (the long step), hand over the contents, and say done."""
        self.step(85, "Sätter sidorna")
        data = r.build()
        if self.innehall is not None:
            self.innehall.fyll(r.innehall)
        self.step(100, "Klar")
        return data


def start(ff: ForbundFile, options: Options) -> Build:
    """The report's options with their defaults; an option no report takes is a bug."""
    unknown = set(options) - Options.__optional_keys__
    if unknown:
        raise TypeError(f"unknown report options: {', '.join(sorted(unknown))}")
    return Build(
        unit=enhet(ff, options.get("enhet")),
        today=options.get("today") or dt.date.today(),
        step=options.get("progress") or _no_progress,
        innehall=options.get("innehall"),
    )


def enhet(ff: ForbundFile, enhet: Unit | str | None) -> Unit:
    """The unit asked for, else the förbund's setting "rapport_enhet" (kr or tkr)."""
    if isinstance(enhet, Unit):
        return enhet
    text = enhet or get_setting(ff, "rapport_enhet")
    return Unit.KR if str(text).strip().lower() == "kr" else Unit.TKR


def enhet_text(unit: Unit) -> str:
    return "Belopp i tkr" if unit is Unit.TKR else "Belopp i kr"  # one unit style: kr, tkr


def problem(
    ff: ForbundFile, today: dt.date | None = None, years: Iterable[int] | None = None
) -> list[str]:
    """The reconciliation's errors ("fel") as sentences; empty when everything adds up. With
    ``years``, only the errors of those years and of no year: a budget for next year that
    does not add up makes no draft of the closed year's årsredovisning (issue 18.6)."""
    shown = None if years is None else set(years)
    return [
        f.message
        for f in run_checks(ff, today=today)
        if f.severity == "fel" and (shown is None or f.year is None or f.year in shown)
    ]


def omslag(
    ff: ForbundFile,
    titel: str,
    period: str,
    beslut: tuple[str, int | None] | None,
    *,
    forslag: str | None = None,
) -> Omslag:
    """The cover: the styrelse's decision when there is one, else ``forslag`` (by default
    "Förslag till styrelsen")."""
    forslag = forslag or "Förslag till styrelsen"
    f = forbund.forbund(ff)
    if beslut is not None:
        datum, paragraf = beslut
        text = f"Beslutad av styrelsen {datum}" + (f", § {paragraf}" if paragraf else "")
    else:
        text = forslag
    return Omslag(
        logotyp=rapporttexter.logotyp(ff),
        forbund=f.namn,
        titel=titel,
        period=period,
        beslut=text,
        organisationsnummer=f.organisationsnummer,
    )


def styrelse_tabell(platser: list[rapportdata.Plats]) -> Table:
    """The styrelse seat by seat: ordinarie ledamot (with funktion), ersättare, utsedd av."""
    return textTabell(
        ["Ordinarie ledamot", "Ersättare", "Utsedd av"],
        [
            [
                p.ledamot + (f", {p.ledamot_funktion}" if p.ledamot_funktion else ""),
                p.ersattare,
                p.medlem,
            ]
            for p in platser
        ],
        [TEXT_WIDTH * 0.38, TEXT_WIDTH * 0.3, TEXT_WIDTH * 0.32],
    )


def write_atomically(data: bytes, out: Path | str) -> None:
    """Write ``data`` to ``out`` through a temporary file, so a half file never remains.

    Raises :class:`finsam_desktop.files.WriteFailed` (an ``OSError``, in Swedish) when the
    folder, the disk or the name refuses.
    """
    write_bytes_atomically(out, data, "Rapporten")


def fakta(rows: list[list[str]]) -> Table:
    """Label and value pairs without a grid: an insats's facts."""
    s = styles()
    data = [[Cell(safe(a), s["cell_bold"]), Cell(safe(b), s["cell"])] for a, b in rows]
    t = Tabell(data, colWidths=[TEXT_WIDTH * 0.34, TEXT_WIDTH * 0.66], taggas="rows")
    t.setStyle(TableStyle(cell_commands(top=1, bottom=1, left=0)))
    return t


def drift_rader(rader: list, cells: Callable[[list], list[int]], resultat: str) -> list[Rad]:
    """The driftredovisning's table rows, group by group in the reports' order: each row, a sum
    for a group of more than one, and the result. ``cells`` gives a list of rows' figures."""
    rows: list[Rad] = []
    parts: list[Rad] = []  # what the result adds: each group's sum, or its one row
    for grupp in Grupp:
        mine = [x for x in rader if x.grupp is grupp]
        own = [Rad(x.text, cells([x])) for x in mine]
        rows.extend(own)
        if len(own) > 1:
            rows.append(Rad(f"Summa {grupp.label.lower()}", cells(mine), "summa", delar=tuple(own)))
            parts.append(rows[-1])
        else:
            parts.extend(own)
    rows.append(Rad(resultat, cells(rader), "total", delar=tuple(parts)))
    return rows


def balans_rader(
    now, before, resultat: list[int | None], resultat_text: str, *, noter: bool = False
) -> list[Rad]:
    """A balansräkning's rows (LKBR's uppställning) for ``now`` beside ``before`` (a bokslut
    or a delårsbalans, or None): eget kapital as ``resultat`` (the year's or the period's,
    each column's) and the övrigt eget kapital before it, then their sum. ``noter``: the
    årsredovisning's note numbers on their rows."""

    def pair(attr: str) -> list[int | None]:
        return [getattr(now, attr), getattr(before, attr) if before else None]

    def nr(number: str) -> str:
        return number if noter else ""

    anl = Rad("Anläggningstillgångar", pair("anlaggningstillgangar"))
    oms = (
        Rad("Kortfristiga fordringar", pair("kortfristiga_fordringar"), not_nr=nr("3")),
        Rad("Kortfristiga placeringar", pair("kortfristiga_placeringar")),
        Rad("Kassa och bank", pair("kassa_och_bank"), not_nr=nr("4")),
    )
    summa_oms = Rad(
        "Summa omsättningstillgångar", pair("omsattningstillgangar"), "summa", delar=oms
    )
    ek_delar = (
        Rad(resultat_text, resultat),
        Rad(
            "Övrigt eget kapital",
            [
                ek - res if ek is not None and res is not None else None
                for ek, res in zip(pair("eget_kapital"), resultat, strict=True)
            ],
        ),
    )
    ek = Rad("Summa eget kapital", pair("eget_kapital"), "summa", not_nr=nr("5"), delar=ek_delar)
    skulder = (
        Rad("Avsättningar", pair("avsattningar")),
        Rad("Långfristiga skulder", pair("langfristiga_skulder")),
        Rad("Kortfristiga skulder", pair("kortfristiga_skulder"), not_nr=nr("6")),
    )
    return [
        Rad("Tillgångar", [None, None], "rubrik"),
        anl,
        *oms,
        summa_oms,
        Rad("Summa tillgångar", pair("summa_tillgangar"), "total", delar=(anl, summa_oms)),
        Rad("Eget kapital, avsättningar och skulder", [None, None], "rubrik"),
        Rad("Eget kapital", [None, None], "rubrik"),
        *ek_delar,
        ek,
        *skulder,
        Rad(
            "Summa eget kapital, avsättningar och skulder",
            pair("summa_eget_kapital_avsattningar_skulder"),
            "total",
            delar=(ek, *skulder),
        ),
    ]


def drift_uppstallning_rader(
    tabell: list[uppstallning.Driftavsnitt], cells: Callable[[list], list[int]], resultat: str
) -> list[Rad]:
    """The driftredovisning's table rows in the förbund's own uppställning: each avsnitt's
    heading, lines and subtotal as the förbund wants them, then the result of every line. The
    sums add what is printed."""
    rows: list[Rad] = []
    printed: dict[int, Rad] = {}  # by id() of the line
    for a in tabell:
        if a.avsnitt.rubrik:
            rows.append(Rad(a.avsnitt.rubrik, [None] * len(cells([])), "rubrik"))
        for p in a.poster:
            printed[id(p)] = Rad(p.text, cells([p]))
            rows.append(printed[id(p)])
        if a.avsnitt.summa:
            # "every intäkt/kostnad" adds the lines printed so far: a later one would stand
            # below its sum
            summed = [p for p in uppstallning.drift_summerade(a, tabell) if id(p) in printed]
            rows.append(
                Rad(
                    a.avsnitt.summa,
                    cells(summed),
                    "summa",
                    delar=tuple(printed[id(p)] for p in summed),
                )
            )
    every = [p for a in tabell for p in a.poster]
    rows.append(Rad(resultat, cells(every), "total", delar=tuple(printed[id(p)] for p in every)))
    return rows


def budget_chart(rader, ar: int, etikett_utfall: str = "Utfall"):
    """Budget against utfall (or prognos) per group, costs as magnitudes."""
    grupper = [g for g in Grupp if g not in (Grupp.AVSKRIVNINGAR, Grupp.FINANSIELLA)]
    budget = [sum(x.budget for x in rader if x.grupp is g) for g in grupper]
    utfall = [sum(x.utfall for x in rader if x.grupp is g) for g in grupper]
    keep = [i for i in range(len(grupper)) if budget[i] or utfall[i]]
    return charts.stapel_par(
        [grupper[i].label for i in keep],
        [("Budget", [budget[i] for i in keep]), (etikett_utfall, [utfall[i] for i in keep])],
        titel=f"Budget och {etikett_utfall.split()[0].lower()} per grupp {ar}",
    )


#: The reports by the code ``rapporttext`` uses: (module's build, default year, title).
def builders() -> dict[str, tuple[Callable, Callable, str]]:
    from . import arsredovisning, delarsrapport, verksamhetsplan

    return {
        "arsredovisning": (arsredovisning.build, arsredovisning.default_year, "Årsredovisning"),
        "delarsrapport": (
            delarsrapport.build,
            lambda ff, today=None: (today or dt.date.today()).year,
            "Delårsrapport",
        ),
        "verksamhetsplan": (
            verksamhetsplan.build,
            verksamhetsplan.default_year,
            "Verksamhetsplan med budget",
        ),
    }
