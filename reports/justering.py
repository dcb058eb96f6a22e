"""The documents of a justering: the frozen protokoll, the anslag and the archive's copy.

:func:`skicka` makes justeringsversion N of the protokoll (the PDF/A the signers get, which
prints its version) and stores it with :func:`finsam_desktop.justering.skicka`. The anslag is
a one-page notice for the förbund's anslagstavla (its website). :func:`arkivera` writes the
signed original and a short validation report beside it, for the kommun's e-arkiv.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from reportlab.platypus import Paragraph

from finsam_desktop import justering, moten
from finsam_desktop.forbund import forbund
from finsam_desktop.storage import ForbundFile

from . import common, protokoll
from .pdf.document import Omslag, Rapport, safe
from .pdf.styles import styles


def build_frozen(ff: ForbundFile, mote_id: int, version: int, idag: dt.date) -> bytes:
    """Justeringsversion ``version`` of the protokoll, as the signers get it (reads only)."""
    return protokoll.build(ff, mote_id, idag, justeringsversion=version)


def skicka(ff: ForbundFile, mote_id: int, idag: dt.date) -> tuple[justering.Justering, bytes]:
    """Freeze the meeting's protokoll for signing: the stored version and its PDF."""
    justering.kontrollera_skicka(ff, mote_id, idag)  # before building: the reason, fast
    version = justering.nasta_version(ff, mote_id)
    pdf = build_frozen(ff, mote_id, version, idag)
    return justering.skicka(ff, mote_id, pdf, version, idag), pdf


def build_anslag(ff: ForbundFile, mote_id: int) -> bytes:
    """The anslag that the protokoll is justerat, as a one-page PDF."""
    f = forbund(ff)
    a = justering.anslag(ff, mote_id, f.namn)
    titel = "Anslag"
    omslag = Omslag(forbund=f.namn, titel=titel, period=a.sammantradesdatum.isoformat())
    r = Rapport(omslag=omslag, header=f"{titel} {a.sammantradesdatum.isoformat()}", brev=True)
    s = styles()
    r.add(Paragraph(safe(f.namn), s["small"]))
    r.add(Paragraph("Anslag/bevis: protokollet är justerat", s["h1"]))
    r.add(common.fakta([list(x) for x in a.rader]))
    r.luft(4)
    r.stycke(a.overklagande)
    return r.build()


def write_anslag(ff: ForbundFile, mote_id: int, out: Path | str) -> None:
    common.write_atomically(build_anslag(ff, mote_id), out)


def _filnamn(m: moten.Mote) -> str:
    name = f"Protokoll {m.namn} {m.datum.isoformat()}"
    return re.sub(r'[<>:"/\\|?*]', "-", name)


def arkivrapport(ff: ForbundFile, j: justering.Justering) -> str:
    """The validation report kept beside the signed original: what was checked, and when."""
    m = moten.mote(ff, j.mote_id)
    assert m is not None
    lines = [
        f"{forbund(ff).namn}: protokoll {m.namn} {m.datum.isoformat()}",
        f"Justeringsversion {j.version}, skickad för underskrift {j.skickad.isoformat()}.",
    ]
    if j.sha256:
        lines.append(f"Justeringsversionens SHA-256: {j.sha256}")
    if j.justerat:
        how = "digitalt" if j.satt == "digital" else "på papper"
        lines.append(f"Justerat {how} {j.justerat.isoformat()}.")
    for s in j.signerare:
        when = f", {s.signerat.astimezone():%Y-%m-%d %H:%M}" if s.signerat else ""
        cert = f", certifikat: {s.certifikat}" if s.certifikat else ""
        lines.append(f"{s.roll.capitalize()}: {s.namn}{when}{cert}")
    if j.validering:
        lines += ["", "Kontroll när filen togs emot:", j.validering]
    if j.anslag_upp and j.anslag_ned:
        lines += [
            "",
            f"Anslag: uppsatt {j.anslag_upp.isoformat()}, nedtaget {j.anslag_ned.isoformat()}.",
        ]
    return "\n".join(lines) + "\n"


def arkivera(ff: ForbundFile, mote_id: int, folder: Path | str) -> list[Path]:
    """Write the justerat protokoll's original and its validation report into ``folder``."""
    from finsam_desktop.files import write_bytes_atomically

    j = justering.senaste(ff, mote_id)
    m = moten.mote(ff, mote_id)
    data = justering.original(ff, j.id) if j is not None else None
    if m is None or j is None or data is None:
        raise justering.Ogiltigt("Protokollet har inget justerat original att spara.")
    base = Path(folder) / f"{_filnamn(m)} justerat"
    pdf, txt = base.with_name(base.name + ".pdf"), base.with_name(base.name + " validering.txt")
    write_bytes_atomically(pdf, data, "Originalet")
    write_bytes_atomically(txt, arkivrapport(ff, j).encode("utf-8"), "Valideringsrapporten")
    return [pdf, txt]
