"""Kallelse med föredragningslista as PDF: who is called, time, place, and the items.

Every ledamot and ersättare holding a seat on the meeting's day is called (ersättare are asked
to attend also when not serving, as the domain wants). Items are listed with their § (for
styrelsemöten) and the underlag named, in the shared short-document style.
"""

from __future__ import annotations

from pathlib import Path

from reportlab.platypus import Paragraph

from finsam_desktop import moten
from finsam_desktop.forbund import forbund
from finsam_desktop.storage import ForbundFile

from . import common
from .pdf.document import TEXT_WIDTH, Omslag, Rapport, safe
from .pdf.styles import styles
from .pdf.tables import textTabell
from .protokoll import hamta_mote, kallade, tid_och_plats


def build(ff: ForbundFile, meeting: int | None) -> bytes:
    m = hamta_mote(ff, meeting)
    f = forbund(ff)
    titel = "Kallelse"
    omslag = Omslag(forbund=f.namn, titel=titel, period=m.datum.isoformat())
    r = Rapport(omslag=omslag, header=f"{titel} {m.datum.isoformat()}", brev=True)
    s = styles()
    r.add(Paragraph(safe(f.namn), s["small"]))
    r.add(Paragraph(safe(f"Kallelse till {m.grupp or m.typ.label.lower()}"), s["h1"]))
    r.add(Paragraph(safe(f"Tid och plats: {tid_och_plats(m)}"), s["body"]))
    if m.anteckning:
        r.stycke(m.anteckning)
    if m.typ not in moten.TJANSTEMANNAGRUPPER:
        r.underrubrik("Kallade")
        rows = kallade(ff, m)
        if rows:
            r.add(
                textTabell(
                    ["Namn", "Uppdrag", "Utsedd av"],
                    rows,
                    [TEXT_WIDTH * 0.35, TEXT_WIDTH * 0.35, TEXT_WIDTH * 0.3],
                )
            )
            till = m.sekreterare or "förbundschefen"
            r.stycke(
                "Ersättare kallas för kännedom och tjänstgör när en ledamot från samma "
                f"medlem har förhinder. Meddela förhinder till {till} i god tid.",
                "small",
            )
        else:
            r.stycke("Styrelsen har inga ledamöter på mötesdagen.", "small")
    r.underrubrik("Föredragningslista")
    items = moten.arenden(ff, m.id)
    if not items:
        r.stycke("Föredragningslistan är ännu inte fastställd.", "small")
    else:
        # Every item numbered: by its § when each has one, else 1, 2, 3 in the list's order
        # (a meeting not yet held, a beredning), never a blank column.
        by_paragraf = all(a.paragraf for a in items)
        r.add(
            textTabell(
                ["§" if by_paragraf else "Nr", "Ärende", "Underlag"],
                [
                    [str(a.paragraf) if by_paragraf else f"{n}.", a.rubrik, a.underlag or ""]
                    for n, a in enumerate(items, start=1)
                ],
                [TEXT_WIDTH * 0.09, TEXT_WIDTH * 0.51, TEXT_WIDTH * 0.40],
            )
        )
    if m.sekreterare:
        r.luft(4)
        r.stycke("Välkomna!")
        r.stycke(f"{m.sekreterare}, sekreterare")
    return r.build()


def write(
    ff: ForbundFile, out: Path | str, *, meeting: int | None = None, **_options: object
) -> None:
    common.write_atomically(build(ff, meeting), out)
