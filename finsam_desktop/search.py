"""Search (Ctrl+F) over insatser, möten, ärenden and personer.

The förbund's data is small (hundreds of rows), so the search reads the searchable text and
matches in Python with Swedish case folding ("ö" finds "Ö"; SQLite's LIKE folds ASCII only).
Every word typed must occur; hits come back best first: a match in the name or heading before
one in a longer text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .insatser import FRITEXT
from .model import MoteTyp

if TYPE_CHECKING:
    from .storage import ForbundFile

#: Kinds of hits, in the order a list groups them.
INSATS = "insats"
MOTE = "mote"
ARENDE = "arende"
PERSON = "person"

KIND_LABELS = {INSATS: "Insats", MOTE: "Möte", ARENDE: "Ärende", PERSON: "Person"}


@dataclass(frozen=True)
class Traff:
    kind: str
    #: The row's id in its table (for an ärende, the ärende; ``mote_id`` names its meeting).
    id: int
    titel: str
    detalj: str
    mote_id: int | None = None
    #: 0: the title matched; 1: only a longer text did.
    rank: int = 0


def _words(text: str) -> list[str]:
    return text.casefold().split()


def _matches(words: list[str], *texts: str) -> bool:
    hay = " ".join(texts).casefold()
    return all(w in hay for w in words)


def sok(ff: ForbundFile, text: str, limit: int = 50) -> list[Traff]:
    words = _words(text)
    if not words:
        return []
    hits: list[Traff] = []
    texts = [f.name for f in FRITEXT]  # the first (syfte) shows under the name
    for r in ff.query(f"SELECT id, namn, {', '.join(texts)} FROM insats"):
        if _matches(words, r["namn"], *(r[t] for t in texts)):
            rank = 0 if _matches(words, r["namn"]) else 1
            hits.append(Traff(INSATS, r["id"], r["namn"], r[texts[0]][:80], rank=rank))
    for r in ff.query("SELECT id, typ, datum, plats, anteckning FROM mote"):
        typ = MoteTyp(r["typ"]).label
        if _matches(words, typ, r["datum"], r["plats"], r["anteckning"]):
            hits.append(Traff(MOTE, r["id"], f"{typ} {r['datum']}", r["plats"], r["id"]))
    for r in ff.query(
        "SELECT a.id, a.mote_id, a.paragraf, a.rubrik, a.underlag, a.beslut, m.datum, m.typ "
        "FROM arende a JOIN mote m ON m.id = a.mote_id"
    ):
        if _matches(words, r["rubrik"], r["underlag"], r["beslut"]):
            para = f"§ {r['paragraf']} " if r["paragraf"] else ""
            rank = 0 if _matches(words, r["rubrik"]) else 1
            detail = f"{MoteTyp(r['typ']).label} {r['datum']}"
            hits.append(Traff(ARENDE, r["id"], para + r["rubrik"], detail, r["mote_id"], rank=rank))
    for r in ff.query("SELECT id, namn, epost FROM person"):
        if _matches(words, r["namn"], r["epost"]):
            hits.append(Traff(PERSON, r["id"], r["namn"], r["epost"]))
    order = {k: i for i, k in enumerate(KIND_LABELS)}
    hits.sort(key=lambda h: (h.rank, order[h.kind]))
    return hits[:limit]
