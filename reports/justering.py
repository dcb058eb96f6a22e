"""The documents of a justering: the frozen copy, the anslag and the archive's copy.

:func:`skicka` makes version N of the document (the PDF/A the signers get, which prints its
version: the protokoll's justeringsversion, an utdrag's or the årsredovisning's
underskriftsversion) and stores it with :func:`finsam_desktop.justering.skicka`. The anslag is
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
from finsam_desktop.justering import Handling
from finsam_desktop.model import JusteringDokument
from finsam_desktop.storage import ForbundFile

from . import arsredovisning, common, protokoll
from .pdf.document import Omslag, Rapport, safe
from .pdf.styles import styles


def build_frozen(ff: ForbundFile, handling: Handling | int, version: int, idag: dt.date) -> bytes:
    """Version ``version`` of the document, as the signers get it (reads only)."""
    h = Handling.av(handling)
    if h.dokument is JusteringDokument.UTDRAG:
        return protokoll.build_utdrag(ff, h.mote_id, h.paragraf, idag, underskriftsversion=version)
    if h.dokument is JusteringDokument.ARSREDOVISNING:
        return arsredovisning.build(ff, h.ar, today=idag, underskriftsversion=version)
    return protokoll.build(ff, h.mote_id, idag, justeringsversion=version)


def kontrollera(ff: ForbundFile, handling: Handling | int, idag: dt.date) -> moten.Mote:
    """Refuse, with the reason, a document that cannot be sent for signing: besides
    :func:`justering.kontrollera_skicka`, an årsredovisning whose figures do not reconcile
    (it would print as an utkast)."""
    h = Handling.av(handling)
    m = justering.kontrollera_skicka(ff, h, idag)
    if h.dokument is JusteringDokument.ARSREDOVISNING and (
        problems := common.problem(ff, idag, [(h.ar or 0) - 1, h.ar or 0])
    ):
        raise justering.Ogiltigt(
            f"Årsredovisningen {h.ar} stämmer inte av och kan inte skickas för underskrift "
            "förrän felen är rättade:\n" + "\n".join(f"– {p}" for p in problems)
        )
    return m


def skicka(
    ff: ForbundFile, handling: Handling | int, idag: dt.date
) -> tuple[justering.Justering, bytes]:
    """Freeze the document for signing: the stored version and its PDF (refused as
    :func:`kontrollera` says)."""
    h = Handling.av(handling)
    kontrollera(ff, h, idag)  # before building: the reason, fast
    version = justering.nasta_version(ff, h)
    pdf = build_frozen(ff, h, version, idag)
    return justering.skicka(ff, h, pdf, version, idag), pdf


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


def _filnamn(m: moten.Mote, h: Handling) -> str:
    if h.dokument is JusteringDokument.UTDRAG:
        name = f"Protokollsutdrag {m.namn} {m.datum.isoformat()} § {h.paragraf}"
    elif h.dokument is JusteringDokument.ARSREDOVISNING:
        name = f"Årsredovisning {h.ar}"
    else:
        name = f"Protokoll {m.namn} {m.datum.isoformat()}"
    return re.sub(r'[<>:"/\\|?*]', "-", name)


def _rubrik(m: moten.Mote, h: Handling) -> str:
    if h.dokument is JusteringDokument.UTDRAG:
        return f"protokollsutdrag § {h.paragraf}, {m.namn} {m.datum.isoformat()}"
    if h.dokument is JusteringDokument.ARSREDOVISNING:
        return f"årsredovisning {h.ar}, beslutad {m.datum.isoformat()}"
    return f"protokoll {m.namn} {m.datum.isoformat()}"


def arkivrapport(ff: ForbundFile, j: justering.Justering) -> str:
    """The validation report kept beside the signed original: what was checked, and when."""
    h = j.handling
    m = moten.mote(ff, h.mote_id)
    assert m is not None
    word = h.versionsord
    lines = [
        f"{forbund(ff).namn}: {_rubrik(m, h)}",
        f"{word} {j.version}, skickad för underskrift {j.skickad.isoformat()}.",
    ]
    if j.sha256:
        lines.append(f"{word}ens SHA-256: {j.sha256}")
    if j.justerat:
        how = "digitalt" if j.satt == "digital" else "på papper"
        lines.append(
            f"{'Justerat' if h.protokoll else 'Underskrivet'} {how} {j.justerat.isoformat()}."
        )
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


def arkivera(ff: ForbundFile, handling: Handling | int, folder: Path | str) -> list[Path]:
    """Write the signed document's original and its validation report into ``folder``."""
    from finsam_desktop.files import write_bytes_atomically

    h = Handling.av(handling)
    j = justering.senaste(ff, h)
    m = moten.mote(ff, h.mote_id)
    data = justering.original(ff, j.id) if j is not None else None
    if m is None or j is None or data is None:
        if h.protokoll:
            raise justering.Ogiltigt("Protokollet har inget justerat original att spara.")
        raise justering.Ogiltigt("Det finns inget underskrivet original att spara.")
    base = Path(folder) / f"{_filnamn(m, h)} {'justerat' if h.protokoll else 'underskrivet'}"
    pdf, txt = base.with_name(base.name + ".pdf"), base.with_name(base.name + " validering.txt")
    write_bytes_atomically(pdf, data, "Originalet")
    write_bytes_atomically(txt, arkivrapport(ff, j).encode("utf-8"), "Valideringsrapporten")
    return [pdf, txt]
