"""The förbund's own goals in its documents (finsam_desktop.forbundsmal).

The verksamhetsplan lists the goals that apply in its year, with how each is measured and
followed up; the delårsrapport gives each its prognosis; the årsredovisning its bedömning
with the motivering, in the förbund's own words for the steps of its scale. One function per
document, each adding to a :class:`~reports.pdf.document.Rapport` being built.
"""

from __future__ import annotations

from finsam_desktop import forbundsmal as fm
from finsam_desktop.model import MalSlag, Skede
from finsam_desktop.storage import ForbundFile

from .pdf.document import TEXT_WIDTH, Rapport
from .pdf.tables import DASH, textTabell


def _goals(ff: ForbundFile, ar: int, slag: MalSlag) -> list[fm.Forbundsmal]:
    return [m for m in fm.forbundsmal(ff, ar) if m.slag is slag]


def plan(ff: ForbundFile, r: Rapport, ar: int, slag: MalSlag) -> bool:
    """The goals of ``slag`` that apply in ``ar``, for the verksamhetsplan; False when the
    förbund has none recorded (the plan then says what it has in text only)."""
    goals = _goals(ff, ar, slag)
    if not goals:
        return False
    with_area = any(m.omrade.strip() for m in goals)
    if with_area:
        heads = ["Område", "Mål", "Mäts genom", "Följs upp genom"]
        widths = [0.2, 0.34, 0.23, 0.23]
        rows = [[m.omrade, m.mal, m.matt or DASH, m.uppfoljning or DASH] for m in goals]
    else:
        heads = ["Mål", "Mäts genom", "Följs upp genom"]
        widths = [0.44, 0.28, 0.28]
        rows = [[m.mal, m.matt or DASH, m.uppfoljning or DASH] for m in goals]
    r.add(textTabell(heads, rows, [TEXT_WIDTH * w for w in widths]))
    return True


def assessment(ff: ForbundFile, r: Rapport, ar: int, slag: MalSlag, skede: Skede) -> bool:
    """The goals of ``slag`` for ``ar`` with their prognosis (delår) or bedömning (helår)
    and motivering; a goal not yet assessed says so. False when the förbund has none."""
    goals = _goals(ff, ar, slag)
    if not goals:
        return False
    head = "Prognos" if skede is Skede.DELAR else "Bedömning"
    missing = "Ej bedömt" if skede is Skede.HELAR else "Ingen prognos"
    rows = []
    for m in goals:
        found = m.bedomning(ar, skede)
        word = fm.bedomningsord(ff, found[0]) if found else missing
        rows.append([m.mal, word, found[1] if found else ""])
    widths = [TEXT_WIDTH * 0.38, TEXT_WIDTH * 0.17, TEXT_WIDTH * 0.45]
    r.add(textTabell(["Mål", head, "Motivering"], rows, widths))
    return True
