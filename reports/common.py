"""What the three reports share: the unit, the reconciliation gate, the cover, the findings.

Each report module (:mod:`reports.arsredovisning`, :mod:`reports.delarsrapport`,
:mod:`reports.verksamhetsplan`) builds its story on :class:`reports.pdf.document.Rapport`
and exposes ``write(ff, out, year=..., date=...)`` for the command line and ``build(...)``
returning PDF bytes for the app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from reportlab.platypus import Paragraph, Table, TableStyle

from finsam_desktop import forbund, rapportdata, rapporttexter
from finsam_desktop.check import run_checks
from finsam_desktop.files import write_bytes_atomically
from finsam_desktop.model import Grupp
from finsam_desktop.money import Unit
from finsam_desktop.settings import get_setting
from finsam_desktop.storage import ForbundFile

from .pdf import charts
from .pdf.document import TEXT_WIDTH, Innehall, Omslag, Rapport, safe
from .pdf.styles import cell_commands, styles
from .pdf.tables import textTabell

#: Called with (percent done 0–100, what is being done) while a report is built.
Progress = Callable[[int, str], None]


def _no_progress(_pct: int, _what: str) -> None:
    pass


def enhet(ff: ForbundFile, enhet: Unit | str | None) -> Unit:
    """The unit asked for, else the förbund's setting "rapport_enhet" (kr or tkr)."""
    if isinstance(enhet, Unit):
        return enhet
    text = enhet or get_setting(ff, "rapport_enhet")
    return Unit.KR if str(text).strip().lower() == "kr" else Unit.TKR


def enhet_text(unit: Unit) -> str:
    return "Belopp i tkr" if unit is Unit.TKR else "Belopp i kronor"


def problem(ff: ForbundFile, today: dt.date | None = None) -> list[str]:
    """The reconciliation's errors ("fel") as sentences; empty when everything adds up."""
    return [f.message for f in run_checks(ff, today=today) if f.severity == "fel"]


def omslag(
    ff: ForbundFile,
    titel: str,
    period: str,
    beslut: tuple[str, int | None] | None,
    *,
    forslag: str = "Förslag till styrelsen",
) -> Omslag:
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


def finish(r: Rapport, step: Progress, innehall: Innehall | None) -> bytes:
    """Lay out ``r``'s pages (the long step), hand the contents to ``innehall``, and say done."""
    step(85, "Sätter sidorna")
    data = r.build()
    if innehall is not None:
        innehall.fyll(r.innehall)
    step(100, "Klar")
    return data


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


def no_progress() -> Progress:
    return _no_progress


def fakta(rows: list[list[str]]) -> Table:
    """Label and value pairs without a grid: an insats's facts."""
    s = styles()
    data = [[Paragraph(safe(a), s["cell_bold"]), Paragraph(safe(b), s["cell"])] for a, b in rows]
    t = Table(data, colWidths=[TEXT_WIDTH * 0.34, TEXT_WIDTH * 0.66], hAlign="LEFT", splitInRow=1)
    t.setStyle(TableStyle(cell_commands(top=1, bottom=1, left=0)))
    return t


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
