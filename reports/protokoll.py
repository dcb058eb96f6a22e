"""Protokoll of a styrelsemöte as PDF, and protokollsutdrag for one §.

The protokoll has a heading (förbund, meeting, time, place), the närvaro table (ledamöter,
tjänstgörande ersättare, övriga närvarande, frånvarande), each § with its discussion and beslut
(and who answers for it by when), and justering lines for ordförande, justerare and
sekreterare (named when the meeting has one); "Justerat" with its date once the protokoll is
justerat, and "Ej justerat" until then. A protokoll opened for rättelse after justering says so
for good under "Rättelser": when, the justering it had and why. Short documents in the shared
style: no cover, header and "Sida X av Y" on every page.

A protokoll of a meeting not yet held is an utkast ("UTKAST" on every page, the people called
instead of who came, no quorum), and the justering is kept with the last §. An utdrag is asked
for by the meeting and its § as printed; a § that is not in that meeting is refused.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, Paragraph, Spacer
from reportlab.platypus.flowables import HRFlowable

from finsam_desktop import moten
from finsam_desktop.errors import Refusal
from finsam_desktop.forbund import forbund
from finsam_desktop.model import Funktion, Roll
from finsam_desktop.storage import ForbundFile

from . import common
from .pdf.document import TEXT_WIDTH, Omslag, Rapport, safe
from .pdf.styles import RULE, styles
from .pdf.tables import parvis, textTabell


def hamta_mote(ff: ForbundFile, meeting: int | None) -> moten.Mote:
    """The meeting asked for, or a Swedish Refusal the command line shows as it is."""
    if meeting is None:
        raise Refusal("Ange mötet med --meeting ID (finsam list FIL moten --year ÅR visar dem).")
    m = moten.mote(ff, meeting) if 0 < meeting < 2**63 else None  # SQLite's INTEGER
    if m is None:
        raise Refusal(f"Det finns inget möte med id {meeting}.")
    return m


def tid_och_plats(m: moten.Mote) -> str:
    tid = m.starttid + (f"–{m.sluttid}" if m.sluttid else "") if m.starttid else ""
    parts = [m.datum.isoformat(), f"kl. {tid}" if tid else "", m.plats]
    return ", ".join(p for p in parts if p)


def _rapport(ff: ForbundFile, titel: str, m: moten.Mote) -> Rapport:
    f = forbund(ff)
    omslag = Omslag(forbund=f.namn, titel=titel, period=m.datum.isoformat())
    return Rapport(omslag=omslag, header=f"{titel} {m.datum.isoformat()}", brev=True)


def _rubrik(r: Rapport, forbund: str, titel: str, m: moten.Mote) -> None:
    s = styles()
    r.add(Paragraph(safe(forbund), s["small"]))
    r.add(Paragraph(safe(titel), s["h1"]))
    r.add(Paragraph(safe(f"Tid och plats: {tid_och_plats(m)}"), s["body"]))


def _namn(n: moten.Narvaro) -> str:
    extra = f", {n.funktion.label.lower()}" if n.funktion else ""
    return f"{n.person}{extra}"


def narvaro_rader(ff: ForbundFile, m: moten.Mote) -> list[list[str]]:
    """Rows (grupp, namn, utsedd av) of the närvaro table, in the protokoll's order."""
    rows = moten.narvaro(ff, m.id)
    grupper: list[tuple[str, list[moten.Narvaro]]] = [
        ("Ledamöter", [n for n in rows if n.roll is Roll.LEDAMOT and n.narvarande]),
        (
            "Tjänstgörande ersättare",
            [n for n in rows if n.roll is Roll.ERSATTARE and n.narvarande and n.tjanstgorande],
        ),
        (
            "Övriga närvarande",
            [n for n in rows if n.roll is Roll.ERSATTARE and n.narvarande and not n.tjanstgorande],
        ),
        ("Frånvarande", [n for n in rows if not n.narvarande]),
    ]
    out: list[list[str]] = []
    for grupp, people in grupper:
        for i, n in enumerate(people):
            vem = _namn(n) if grupp != "Övriga närvarande" else f"{n.person}, ersättare"
            if grupp == "Frånvarande":
                vem = f"{n.person}, {n.roll.label.lower()}"
            out.append([grupp if i == 0 else "", vem, n.medlem])
        if not people and grupp != "Övriga närvarande":
            out.append([grupp, "–", ""])
    return out


def _paragraf(r: Rapport, a: moten.Arende) -> None:
    parts = _paragraf_delar(a)
    r.add(KeepTogether(parts[:3]), *parts[3:])


def _paragraf_delar(a: moten.Arende) -> list:
    """The § as flowables: heading, underlag, discussion, beslut, who answers for it."""
    s = styles()
    head = f"§ {a.paragraf} {a.rubrik}" if a.paragraf else a.rubrik
    parts: list = [Paragraph(safe(head), s["h3"])]
    if a.underlag:
        parts.append(Paragraph(safe(f"Underlag: {a.underlag}"), s["small"]))
    for text in a.diskussion.split("\n\n") if a.diskussion else []:
        parts.append(Paragraph(safe(text).replace("\n", "<br/>"), s["body"]))
    if a.beslut:
        beslut = safe(a.beslut).replace("\n", "<br/>")
        parts.append(Paragraph(f"<b>Beslut</b><br/>{beslut}", s["body"]))
    uppdrag = []
    if a.ansvarig:
        uppdrag.append(f"Ansvarig: {a.ansvarig}")
    if a.senast:
        uppdrag.append(f"Senast: {a.senast.isoformat()}")
    if uppdrag:
        parts.append(Paragraph(safe(". ".join(uppdrag) + "."), s["small"]))
    parts.append(Spacer(1, 2 * mm))
    return parts


def _underskrifter(ff: ForbundFile, m: moten.Mote, version: int | None = None) -> list:
    s = styles()
    rows = moten.narvaro(ff, m.id)
    ordf = next((n.person for n in rows if n.funktion is Funktion.ORDFORANDE and n.narvarande), "")
    namn = [("Ordförande", ordf)]
    namn += [("Justerare", p) for _, p in moten.justerare(ff, m.id)] or [("Justerare", "")]
    namn.append(("Sekreterare", m.sekreterare))
    cells = [
        [
            Paragraph("<br/><br/>" + "_" * 34, s["signature"]),
            Paragraph(safe(f"{roll}{': ' + vem if vem else ''}"), s["signature"]),
        ]
        for roll, vem in namn
    ]
    justerat = f"Justerat {m.justerat.isoformat()}" if m.justerat else "Ej justerat"
    if version is not None:  # the frozen copy says which version the signers sign
        justerat = f"Justeringsversion {version}, för underskrift."
    return [
        Spacer(1, 6 * mm),
        Paragraph("Justering", s["h3"]),
        Paragraph(safe(justerat), s["body"]),
        parvis(cells, bottom=6),
    ]


def _rattelser(ff: ForbundFile, m: moten.Mote) -> list:
    """Every time the justerat protokoll was opened again, with why: kept for good."""
    found = moten.rattelser(ff, m.id)
    if not found:
        return []
    s = styles()
    return [
        Spacer(1, 4 * mm),
        Paragraph("Rättelser", s["h3"]),
        *(Paragraph(safe(x.text), s["small"]) for x in found),
    ]


def hallet(m: moten.Mote, today: dt.date | None) -> bool:
    """Whether the meeting has been held by ``today`` (the real day when not given): a
    protokoll of one not yet held is an utkast, since who came and what was decided is not
    known."""
    return m.datum <= (today or dt.date.today())


def _utkast(r: Rapport, m: moten.Mote, today: dt.date | None) -> bool:
    if hallet(m, today):
        return False
    r.utkast_text = f"UTKAST – mötet {m.datum.isoformat()} är inte hållet"
    return True


def kallade(ff: ForbundFile, m: moten.Mote) -> list[list[str]]:
    """Rows (namn, roll, utsedd av) of everyone called: ledamöter first, then ersättare; a
    förhinder recorded before the meeting is said."""
    rows = moten.narvaro(ff, m.id)
    out = []
    for roll in (Roll.LEDAMOT, Roll.ERSATTARE):
        for n in rows:
            if n.roll is roll:
                what = n.funktion.label if n.funktion else roll.label
                if n.registrerad and not n.narvarande:
                    what += ", anmält förhinder"
                out.append([n.person, what, n.medlem])
    return out


def build(
    ff: ForbundFile,
    meeting: int | None,
    today: dt.date | None = None,
    *,
    justeringsversion: int | None = None,
) -> bytes:
    """The protokoll; of a meeting not held by ``today`` an utkast: "UTKAST" on every page,
    the people called instead of who came, and no claim that the meeting was beslutför.
    ``justeringsversion``: the copy frozen for signing, which prints its version number."""
    m = hamta_mote(ff, meeting)
    f = forbund(ff)
    r = _rapport(ff, "Protokoll", m)
    utkast = _utkast(r, m, today)
    _rubrik(r, f.namn, f"Protokoll {m.grupp or m.typ.label.lower()} {m.datum.isoformat()}", m)
    items = moten.arenden(ff, m.id)
    if numbers := moten.paragrafer([a.paragraf for a in items]):
        several = sum(1 for a in items if a.paragraf) > 1
        r.stycke(f"{'Paragrafer' if several else 'Paragraf'} {numbers}")
    if m.typ not in moten.TJANSTEMANNAGRUPPER and utkast:
        r.underrubrik("Kallade")
        r.add(
            textTabell(
                ["Namn", "Uppdrag", "Utsedd av"],
                kallade(ff, m),
                [TEXT_WIDTH * 0.35, TEXT_WIDTH * 0.35, TEXT_WIDTH * 0.3],
            )
        )
        r.stycke(
            f"Utkast före mötet {m.datum.isoformat()}: närvaro och beslutförhet antecknas "
            "vid mötet.",
            "small",
        )
    elif m.typ not in moten.TJANSTEMANNAGRUPPER:
        r.underrubrik("Närvaro")
        r.add(
            textTabell(
                ["", "Namn", "Utsedd av"],
                narvaro_rader(ff, m),
                [TEXT_WIDTH * 0.3, TEXT_WIDTH * 0.4, TEXT_WIDTH * 0.3],
            )
        )
        r.stycke(moten.beslutforhet(moten.narvaro(ff, m.id)).text, "small")
    r.luft(3)
    r.add(_rule())
    for a in items[:-1]:
        _paragraf(r, a)
    # the justering is kept with the last §, never alone on a page of its own
    last = _paragraf_delar(items[-1]) if items else []
    r.add(KeepTogether([*last, KeepTogether(_underskrifter(ff, m, justeringsversion))]))
    if rattelser := _rattelser(ff, m):
        r.add(KeepTogether(rattelser))
    return r.build()


def build_utdrag(
    ff: ForbundFile,
    meeting: int | None,
    paragraf: int | None,
    today: dt.date | None = None,
    *,
    underskriftsversion: int | None = None,
) -> bytes:
    """Protokollsutdrag of § ``paragraf`` as the meeting's protokoll prints it: the heading,
    that § with its beslut, and the justering. A § not in that meeting is refused; of a
    meeting not held by ``today`` it is an utkast. ``underskriftsversion``: the copy frozen
    for the sekreterare's signature, which prints its version number."""
    m = hamta_mote(ff, meeting)
    if paragraf is None:
        raise Refusal(moten.UTDRAG_UTAN_PARAGRAF)
    a = moten.arende_med_paragraf(ff, m.id, paragraf)
    f = forbund(ff)
    r = _rapport(ff, "Protokollsutdrag", m)
    _utkast(r, m, today)
    _rubrik(
        r, f.namn, f"Protokollsutdrag {m.grupp or m.typ.label.lower()} {m.datum.isoformat()}", m
    )
    r.add(_rule())
    _paragraf(r, a)
    s = styles()
    if m.justerat:
        r.stycke(f"Protokollet justerades {m.justerat.isoformat()}.")
    else:
        r.stycke("Protokollet är ännu inte justerat.")
    for x in moten.rattelser(ff, m.id):
        r.stycke(x.text, "small")
    r.add(Spacer(1, 8 * mm), Paragraph("Utdraget bestyrks", s["h3"]))
    if underskriftsversion is not None:
        r.stycke(f"Underskriftsversion {underskriftsversion}, för underskrift.")
    r.add(Paragraph("<br/><br/>" + "_" * 34, s["signature"]))
    sekreterare = f"Sekreterare: {m.sekreterare}" if m.sekreterare else "Sekreterare"
    r.add(Paragraph(safe(sekreterare), s["signature"]))
    return r.build()


def _rule():
    # A line, not an empty one-cell Table: the table's empty cell set Helvetica, which the PDF
    # then named without embedding it.
    return HRFlowable(width="100%", thickness=0.6, color=RULE, spaceBefore=0, spaceAfter=2)


def write(
    ff: ForbundFile,
    out: Path | str,
    *,
    meeting: int | None = None,
    arende: int | None = None,
    today: dt.date | None = None,
    **_options: object,
) -> None:
    """The protokoll of ``meeting``; with ``arende`` the protokollsutdrag of the § of that
    number in the meeting (the number the protokoll prints, not a database id)."""
    if arende is not None:
        data = build_utdrag(ff, meeting, arende, today)
    else:
        data = build(ff, meeting, today)
    common.write_atomically(data, out)


def write_utdrag(
    ff: ForbundFile,
    out: Path | str,
    *,
    meeting: int,
    paragraf: int | None,
    today: dt.date | None = None,
    **_options: object,
) -> None:
    """The protokollsutdrag of § ``paragraf`` of ``meeting`` (the app's button, on the
    selected ärende); an ärende without § is refused rather than written as the protokoll."""
    common.write_atomically(build_utdrag(ff, meeting, paragraf, today), out)
