"""The förbund itself and its members, as the app's views read them.

Also home of :class:`Ogiltigt`, the refusal every edit function raises when what a person
typed breaks a rule: a short Swedish sentence the form shows where it was typed.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
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


def kommun_andelar(kommuner: list[tuple[str, Decimal | None]]) -> list[tuple[str, Decimal]]:
    """Each kommun's andel of the whole (percent) from its share of the kommuners' quarter.

    ``None`` shares mean equal parts (rounded to four decimals, the last kommun taking the
    rest, so the key sums to exactly 25 %); given shares must sum to 100 % of the quarter.
    """
    if not kommuner:
        raise Ogiltigt("Ange minst en kommun.")
    names = [text_required(n, "Kommunens namn") for n, _ in kommuner]
    if len(set(names)) != len(names):
        raise Ogiltigt("Samma kommun står två gånger.")
    quarter = Decimal(25)
    shares = [s for _, s in kommuner]
    if all(s is None for s in shares):
        each = (quarter / len(names)).quantize(Decimal("0.0001"), rounding=ROUND_DOWN)
        parts = [each] * (len(names) - 1)
        parts.append(quarter - sum(parts, Decimal(0)))
    elif any(s is None for s in shares):
        raise Ogiltigt("Ange en andel för varje kommun, eller för ingen (lika delar).")
    else:
        total = sum((s for s in shares if s is not None), Decimal(0))
        if total != 100:
            raise Ogiltigt(
                f"Kommunernas andelar blir {total} %; de ska tillsammans bli 100 % "
                "av kommunernas fjärdedel."
            )
        parts = [quarter * s / 100 for s in shares if s is not None]
    return [(n, p.normalize()) for n, p in zip(names, parts, strict=True)]


def grunda(
    ff: ForbundFile,
    region: str,
    kommuner: list[tuple[str, Decimal | None]],
    forsta_budgetar: int | None,
) -> None:
    """The members of a new förbund (½ the state through Försäkringskassan, ¼ the region,
    ¼ the kommuner by their key) and its first budget year, as one action."""
    region = text_required(region, "Regionens namn")
    andelar = kommun_andelar(kommuner)
    members = [
        ("Försäkringskassan", MedlemTyp.FORSAKRINGSKASSAN, Decimal(50)),
        ("Arbetsförmedlingen", MedlemTyp.ARBETSFORMEDLINGEN, Decimal(0)),
        (region, MedlemTyp.REGION, Decimal(25)),
        *[(n, MedlemTyp.KOMMUN, a) for n, a in andelar],
    ]
    with ff.write("Medlemmar och första budgetår") as db:
        for ordning, (namn, typ, andel) in enumerate(members, start=1):
            db.execute(
                "INSERT INTO medlem (namn, typ, andel, ordning) VALUES (?, ?, ?, ?)",
                (namn, typ.value, format(andel.normalize(), "f"), ordning),
            )
        db.execute("UPDATE forbund SET forsta_budgetar = ? WHERE id = 1", (forsta_budgetar,))
