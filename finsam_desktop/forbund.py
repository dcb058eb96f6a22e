"""The förbund itself and its members, as the app's views read them.

Also home of :class:`Ogiltigt`, the refusal every edit function raises when what a person
typed breaks a rule: a short Swedish sentence the form shows where it was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .model import MedlemTyp

if TYPE_CHECKING:
    from .storage import ForbundFile


class Ogiltigt(ValueError):
    """What was typed cannot be stored; ``str()`` is the Swedish reason."""


@dataclass(frozen=True)
class Forbund:
    namn: str
    organisationsnummer: str


def forbund(ff: ForbundFile) -> Forbund:
    rows = ff.query("SELECT namn, organisationsnummer FROM forbund WHERE id = 1")
    if not rows:
        return Forbund(ff.path.stem, "")
    return Forbund(rows[0]["namn"], rows[0]["organisationsnummer"])


@dataclass(frozen=True)
class Medlem:
    id: int
    namn: str
    typ: MedlemTyp


def medlemmar(ff: ForbundFile) -> list[Medlem]:
    """The members in the förbund's own order."""
    rows = ff.query("SELECT id, namn, typ FROM medlem ORDER BY ordning, namn COLLATE SWEDISH, id")
    return [Medlem(r["id"], r["namn"], MedlemTyp(r["typ"])) for r in rows]


def text_required(text: str, what: str) -> str:
    """``text`` stripped; refused when empty ("Namnet får inte vara tomt.")."""
    text = text.strip()
    if not text:
        raise Ogiltigt(f"{what} får inte vara tomt.")
    return text
