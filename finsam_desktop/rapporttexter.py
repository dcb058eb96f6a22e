"""The reports' narrative texts: written by the user per report, year and section.

A report's figures come from the data; its words (inledning, vision, händelser av väsentlig
betydelse, förväntad utveckling…) are the förbundschef's. They are stored per report kind,
year and section in the table ``rapporttext``. A year that has no text of its own for a
section starts from the latest earlier year's text, so next year's årsredovisning opens with
this year's wording to edit rather than a blank page.

The markup a user types is kept small:

- a blank line separates paragraphs; lines next to each other join into one paragraph;
- lines starting with "- " (or "* ", "• ") make a bullet list;
- ``**bold**`` makes bold text.

:func:`parse` turns it into a tiny tree (:class:`Stycke`, :class:`Punktlista` of
:class:`Del` runs); the reports render that tree. Nothing here knows about PDF.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import Refusal
from .model import Vocabulary

if TYPE_CHECKING:
    from .storage import ForbundFile

RAPPORTER = ("verksamhetsplan", "delarsrapport", "arsredovisning")
#: The key of a comment on a material deviation in the årsredovisning's driftredovisning
#: begins with this (:mod:`finsam_desktop.avvikelser`); the rest names the row.
AVVIKELSE = "avvikelse:"


class Rapportslag(Vocabulary):
    """The reports that have narrative texts (codes as stored in ``rapporttext``)."""

    VERKSAMHETSPLAN = ("verksamhetsplan", "Verksamhetsplan")
    DELARSRAPPORT = ("delarsrapport", "Delårsrapport")
    ARSREDOVISNING = ("arsredovisning", "Årsredovisning")


@dataclass(frozen=True)
class Avsnitt:
    """A narrative section of a report: its key, its heading and what it is for."""

    nyckel: str
    rubrik: str
    hjalp: str = ""


#: The sections each report has, in the order the report prints them.
AVSNITT: dict[str, tuple[Avsnitt, ...]] = {
    "verksamhetsplan": (
        Avsnitt("inledning", "Inledning", "Vad planen är och vem som beslutar den."),
        Avsnitt("uppdrag", "Uppdrag", "Förbundets uppdrag enligt lagen och förbundsordningen."),
        Avsnitt("vision", "Vision och verksamhetsidé"),
        Avsnitt("organisation", "Organisation", "Kansli och beredande organ."),
        Avsnitt("inriktning", "Inriktning och prioriterade områden"),
        Avsnitt("mal", "Mål", "Förbundets mål och hur de mäts och följs upp."),
        Avsnitt("finansiella_mal", "Finansiella mål"),
        Avsnitt("uppfoljning", "Uppföljning och utvärdering"),
        Avsnitt("budget", "Kommentar till budgeten"),
    ),
    "delarsrapport": (
        Avsnitt("inledning", "Inledning"),
        Avsnitt("vasentliga_handelser", "Händelser av väsentlig betydelse"),
        Avsnitt("verksamhet", "Verksamheten hittills"),
        Avsnitt("prognos", "Kommentar till prognosen"),
        Avsnitt("forvantad_utveckling", "Förväntad utveckling"),
    ),
    "arsredovisning": (
        Avsnitt("inledning", "Inledning"),
        Avsnitt("organisation", "Organisation"),
        Avsnitt("uppdrag", "Uppdrag"),
        Avsnitt("vision", "Verksamhetsidé och vision"),
        Avsnitt(
            "malgrupper",
            "Målgrupper",
            "Förbundets målgrupper och behoven bland dem; tomt: avsnittet visas inte.",
        ),
        Avsnitt(
            "viktiga_forhallanden",
            "Viktiga förhållanden för resultat och ekonomisk ställning",
            "Ansökningar och beslut under året skrivs in av programmet före texten.",
        ),
        Avsnitt("vasentliga_handelser", "Händelser av väsentlig betydelse"),
        Avsnitt("styrelsens_aktiviteter", "Styrelsens aktiviteter"),
        Avsnitt("kansli", "Kansliorganisation och beredande organ"),
        Avsnitt(
            "administration",
            "Administration",
            "Vem som sköter bokföring, utbetalningar och redovisning åt förbundet.",
        ),
        Avsnitt("arkiv", "Arkiv", "Vem som har tillsyn enligt arkivlagen och sköter diariet."),
        Avsnitt(
            "dataskydd",
            "Dataskydd",
            "Personuppgiftsbehandling enligt dataskyddsförordningen (GDPR) och vem som är "
            "förbundets dataskyddsombud.",
        ),
        Avsnitt(
            "internkontroll",
            "Internkontroll",
            "Förbundets internkontrollplan och vad uppföljningen visade.",
        ),
        Avsnitt("god_ekonomisk_hushallning", "God ekonomisk hushållning"),
        Avsnitt(
            "forvantad_utveckling",
            "Förväntad utveckling",
            "Programmet skriver först den beslutade budgetens medelstilldelning och resultat.",
        ),
        Avsnitt(
            "redovisningsprinciper",
            "Avvikelser från redovisningsprinciperna",
            "Avvikelser från lagen (2018:597) och RKR:s rekommendationer och skälen till dem; "
            "tomt: noten säger att förbundet inte avviker.",
        ),
    ),
}

RAPPORTNAMN = {
    "verksamhetsplan": "Verksamhetsplan med budget",
    "delarsrapport": "Delårsrapport",
    "arsredovisning": "Årsredovisning",
}


def avsnitt(rapport: str, nyckel: str) -> Avsnitt:
    for a in AVSNITT[rapport]:
        if a.nyckel == nyckel:
            return a
    if rapport == "arsredovisning" and nyckel.startswith(AVVIKELSE):
        return Avsnitt(
            nyckel,
            "Kommentar till avvikelse",
            "Varför raden avviker från budgeten. Kommentaren gäller bara i år.",
        )
    raise KeyError(nyckel)


def avsnitt_fran_text(rapport: str, text: str) -> str | None:
    """A section's key from its heading or its key as typed (any case), else None."""
    wanted = " ".join(text.split()).casefold()
    for a in AVSNITT.get(rapport, ()):
        if wanted in (a.rubrik.casefold(), a.nyckel):
            return a.nyckel
    if rapport == "arsredovisning" and text.strip().startswith(AVVIKELSE):
        return text.strip()  # a deviation's comment goes by its key
    return None


# -- storage -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A section's text for a year, and the year it was written for (earlier: carried over)."""

    text: str
    fran_ar: int | None  # None: no text at all yet


def hamta(ff: ForbundFile, rapport: str, ar: int, nyckel: str) -> Text:
    """The text of one section for ``ar``: its own, else the latest earlier year's (but a
    comment on a deviation is only ever the year's own)."""
    _check(rapport)
    rows = ff.query(
        "SELECT ar, text FROM rapporttext WHERE rapport = ? AND avsnitt = ? AND ar <= ? "
        "ORDER BY ar DESC LIMIT 1",
        (rapport, nyckel, ar),
    )
    if nyckel.startswith(AVVIKELSE):
        rows = [r for r in rows if r["ar"] == ar]
    if not rows:
        return Text("", None)
    return Text(rows[0]["text"], rows[0]["ar"])


def har_texter(ff: ForbundFile, rapport: str, ar: int) -> bool:
    """Whether any section of the report has a text of ``ar``'s own (it is being written)."""
    _check(rapport)
    return bool(
        ff.scalar("SELECT count(*) FROM rapporttext WHERE rapport = ? AND ar = ?", (rapport, ar))
    )


def texter(ff: ForbundFile, rapport: str, ar: int) -> dict[str, str]:
    """Every section's text for ``ar`` (carried over where the year has none), by key."""
    return {a.nyckel: hamta(ff, rapport, ar, a.nyckel).text for a in AVSNITT[rapport]}


def spara(ff: ForbundFile, rapport: str, ar: int, nyckel: str, text: str) -> None:
    """Store one section's text for ``ar`` (one undoable write); surrounding blanks go."""
    _check(rapport)
    text = text.strip()
    rubrik = avsnitt(rapport, nyckel).rubrik
    with ff.write(f"Ändra text: {rubrik} {ar}") as db:
        db.execute(
            "INSERT INTO rapporttext (rapport, ar, avsnitt, text) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(rapport, ar, avsnitt) DO UPDATE SET text = excluded.text",
            (rapport, ar, nyckel, text),
        )


def _check(rapport: str) -> None:
    if rapport not in RAPPORTER:
        raise ValueError(f"Okänd rapport: {rapport}")


# -- the markup --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Del:
    """A run of text, bold or not."""

    text: str
    fet: bool = False


@dataclass(frozen=True)
class Stycke:
    delar: tuple[Del, ...]


@dataclass(frozen=True)
class Punktlista:
    punkter: tuple[tuple[Del, ...], ...]


Block = Stycke | Punktlista

_BULLET = re.compile(r"^\s*[-*•–]\s+")
_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)


def parse_inline(text: str) -> tuple[Del, ...]:
    """``**bold**`` runs; an unmatched ``**`` stays as typed."""
    parts: list[Del] = []
    pos = 0
    for m in _BOLD.finditer(text):
        if m.start() > pos:
            parts.append(Del(text[pos : m.start()]))
        parts.append(Del(m.group(1), fet=True))
        pos = m.end()
    if pos < len(text):
        parts.append(Del(text[pos:]))
    return tuple(p for p in parts if p.text)


def parse(text: str) -> list[Block]:
    """The user's text as blocks: paragraphs and bullet lists."""
    blocks: list[Block] = []
    lines: list[str] = []
    bullets: list[str] = []

    def flush_paragraph() -> None:
        if lines:
            joined = " ".join(s.strip() for s in lines).strip()
            if joined:
                blocks.append(Stycke(parse_inline(joined)))
            lines.clear()

    def flush_list() -> None:
        if bullets:
            blocks.append(Punktlista(tuple(parse_inline(b.strip()) for b in bullets)))
            bullets.clear()

    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if not raw.strip():
            flush_paragraph()
            flush_list()
        elif _BULLET.match(raw):
            flush_paragraph()
            bullets.append(_BULLET.sub("", raw, count=1))
        elif bullets and raw[:1].isspace():
            bullets[-1] += " " + raw.strip()  # an indented line continues the bullet
        else:
            flush_list()
            lines.append(raw)
    flush_paragraph()
    flush_list()
    return blocks


# -- the logo on the covers --------------------------------------------------------------------

#: The largest logo stored (the schema's limit too).
MAX_LOGOTYP = 2 * 1024 * 1024


def bildtyp(data: bytes) -> str | None:
    """ "png" or "jpeg" from the image's first bytes, else None."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    return None


def logotyp(ff: ForbundFile) -> bytes | None:
    """The förbund's logo for the reports' covers, None if none is chosen."""
    rows = ff.query("SELECT bild FROM rapport_logotyp WHERE id = 1")
    return bytes(rows[0]["bild"]) if rows else None


def spara_logotyp(ff: ForbundFile, data: bytes) -> None:
    """Store ``data`` (a PNG or JPEG image) as the logo; refuses anything else in Swedish."""
    typ = bildtyp(data)
    if typ is None:
        raise Refusal("Logotypen ska vara en bild i PNG- eller JPEG-format.")
    if len(data) > MAX_LOGOTYP:
        raise Refusal("Logotypen är större än 2 MB; spara den i en mindre storlek.")
    with ff.write("Byt logotyp") as db:
        db.execute(
            "INSERT INTO rapport_logotyp (id, filtyp, bild) VALUES (1, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET filtyp = excluded.filtyp, bild = excluded.bild",
            (typ, data),
        )


def ta_bort_logotyp(ff: ForbundFile) -> None:
    with ff.write("Ta bort logotyp") as db:
        db.execute("DELETE FROM rapport_logotyp")
