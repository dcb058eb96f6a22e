"""The förbund itself and its members, as the app's views read them.

Also home of :class:`Ogiltigt`, the refusal every edit function raises when what a person
typed breaks a rule: a short Swedish sentence the form shows where it was typed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal
from enum import Enum
from typing import TYPE_CHECKING, Any

from .dates import stored_date
from .ekonomi import PARTSANDELAR, format_andel, parse_andel, part_for
from .errors import Refusal
from .model import MedlemTyp
from .money import AmountError, parse_percent
from .swedish import join_list

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .storage import ForbundFile


class Ogiltigt(Refusal):
    """What was typed cannot be stored; ``str()`` is the Swedish reason."""


@dataclass(frozen=True)
class Forbund:
    namn: str
    organisationsnummer: str
    bildat: dt.date | None = None
    forsta_budgetar: int | None = None


def forbund(ff: ForbundFile) -> Forbund:
    rows = ff.query(
        "SELECT namn, organisationsnummer, bildat, forsta_budgetar FROM forbund WHERE id = 1"
    )
    if not rows:
        return Forbund(ff.path.stem, "")
    r = rows[0]
    return Forbund(
        r["namn"], r["organisationsnummer"], stored_date(r["bildat"]), r["forsta_budgetar"]
    )


@dataclass(frozen=True)
class Medlem:
    id: int
    namn: str
    typ: MedlemTyp
    #: Share of the whole contribution in percent; None when what is stored is no andel.
    andel: Decimal | None = None
    #: The andel as stored, for saying what could not be read.
    andel_text: str = ""


def _andel(text: str) -> Decimal | None:
    try:
        return parse_andel(text)
    except ValueError:
        return None


#: The one order of members: the förbund's own (``ordning``), then the name in Swedish order.
#: Every page, report and check lists members in it; ``m`` is the medlem table's alias.
MEDLEM_ORDER_SQL = "m.ordning, m.namn COLLATE SWEDISH, m.id"


def medlemmar(ff: ForbundFile) -> list[Medlem]:
    """The members in the förbund's own order, ties by name in Swedish order."""
    rows = ff.query(f"SELECT id, namn, typ, andel FROM medlem m ORDER BY {MEDLEM_ORDER_SQL}")
    return [
        Medlem(r["id"], r["namn"], MedlemTyp(r["typ"]), _andel(r["andel"]), str(r["andel"]))
        for r in rows
    ]


def text_required(text: str, what: str) -> str:
    """``text`` stripped; refused when empty ("Namnet får inte vara tomt.")."""
    text = text.strip()
    if not text:
        raise Ogiltigt(f"{what} får inte vara tomt.")
    return text


def stored_value(value: Any) -> Any:
    """A value as its column stores it: a date as its ISO text, a vocabulary member as its
    code, anything else as it is."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    return value


def insert_in(db: Database, table: str, values: dict[str, Any]) -> int:
    """Inside a caller's write: a new row of ``table`` with ``values`` by column (each as
    :func:`stored_value` stores it); returns its id."""
    marks = ", ".join("?" for _ in values)
    cur = db.execute(
        f"INSERT INTO {table} ({', '.join(values)}) VALUES ({marks})",
        [stored_value(v) for v in values.values()],
    )
    return int(cur.lastrowid)


def update_in(db: Database, table: str, row_id: int, values: dict[str, Any]) -> None:
    """Inside a caller's write: store ``values`` by column in the row ``row_id`` of ``table``."""
    columns = ", ".join(f"{c} = ?" for c in values)
    db.execute(
        f"UPDATE {table} SET {columns} WHERE id = ?",
        [*(stored_value(v) for v in values.values()), row_id],
    )


def insert_row(ff: ForbundFile, table: str, values: dict[str, Any], label: str) -> int:
    """A new row of ``table`` as one write named ``label`` (what the Redigera menu shows);
    returns its id."""
    with ff.write(label) as db:
        return insert_in(db, table, values)


def update_column(
    ff: ForbundFile, table: str, row_id: int, column: str, value: Any, label: str
) -> None:
    """Store one column of one row as one write named ``label``."""
    with ff.write(label) as db:
        update_in(db, table, row_id, {column: value})


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
                (namn, typ.value, _stored_andel(andel), ordning),
            )
        db.execute("UPDATE forbund SET forsta_budgetar = ? WHERE id = 1", (forsta_budgetar,))


# -- the förbund's own details and its members, edited after the file was made ------------------


@dataclass(frozen=True)
class MedlemRad:
    """A member as the förbund's details dialog holds it: ``id`` None for a new member,
    ``andel`` in percent of the whole contribution (a Decimal, or text as typed)."""

    id: int | None
    namn: str
    typ: MedlemTyp
    andel: Decimal | str


#: Where a member can be referred to, as the refusal to remove it names it.
_MEDLEM_ANVANDS = (
    ("SELECT count(*) FROM uppdrag WHERE medlem_id = ?", "styrelseuppdrag"),
    ("SELECT count(*) FROM revisor_medlem WHERE medlem_id = ?", "revisorer"),
    ("SELECT count(*) FROM insats WHERE agare_id = ?", "insatser som ägare"),
    ("SELECT count(*) FROM insats_part WHERE medlem_id = ?", "insatser som medpart"),
    ("SELECT count(*) FROM budget_rad WHERE medlem_id = ?", "budgetrader"),
    ("SELECT count(*) FROM utfall WHERE medlem_id = ?", "utfall"),
)


def medlem_anvands(ff: ForbundFile, medlem_id: int) -> list[str]:
    """What refers to the member (Swedish words, "styrelseuppdrag", "insatser som ägare"…);
    empty when it can be removed without losing anything."""
    return [what for sql, what in _MEDLEM_ANVANDS if ff.scalar(sql, (medlem_id,))]


#: The three parties of the funding key (:data:`ekonomi.PARTSANDELAR`) as messages name them.
_PARTER = {"staten": "staten", "region": "regionen", "kommun": "kommunerna"}
_SAKNAS = {"staten": "Försäkringskassan", "region": "en region", "kommun": "minst en kommun"}


def kontrollera_borttagning(ff: ForbundFile, medlem_id: int, namn: str) -> None:
    """Refuse (Ogiltigt) to remove a member that anything in the file refers to."""
    uses = medlem_anvands(ff, medlem_id)
    if uses:
        raise Ogiltigt(
            f"{namn} kan inte tas bort eftersom medlemmen finns i {join_list(uses)}. "
            "Ändra i stället namnet eller andelen."
        )


def _parsed_andel(rad: MedlemRad, namn: str) -> Decimal:
    if isinstance(rad.andel, Decimal):
        value = rad.andel
    else:
        if not rad.andel.strip().removesuffix("%").strip():
            raise Ogiltigt(f"Ange andelen för {namn} i procent, till exempel 25 eller 12,5.")
        try:
            value = parse_percent(rad.andel)
        except AmountError:
            raise Ogiltigt(
                f"Andelen för {namn} (”{rad.andel.strip()}”) är inget tal; skriv till exempel "
                "25 eller 12,5."
            ) from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise Ogiltigt(f"Andelen för {namn} ska ligga mellan 0 och 100 %.")
    return value.normalize()


def kontrollera_medlemmar(rader: list[MedlemRad]) -> list[MedlemRad]:
    """The members with names stripped and shares as Decimal, or Ogiltigt saying what is wrong.

    Every member needs a name, once; Försäkringskassan and Arbetsförmedlingen can each be a
    member only once; and the funding key must give the state (through Försäkringskassan)
    half, the region(s) a quarter and the kommun(er) a quarter (Finsam's ½ / ¼ / ¼, which
    the medelstilldelning needs). No members at all is allowed (a file not yet filled in).
    """
    result: list[MedlemRad] = []
    seen: set[str] = set()
    for rad in rader:
        namn = text_required(rad.namn, "Medlemmens namn")
        if namn.casefold() in seen:
            raise Ogiltigt(f"{namn} står två gånger bland medlemmarna.")
        seen.add(namn.casefold())
        result.append(MedlemRad(rad.id, namn, MedlemTyp(rad.typ), _parsed_andel(rad, namn)))
    if not result:
        return result
    for typ in (MedlemTyp.FORSAKRINGSKASSAN, MedlemTyp.ARBETSFORMEDLINGEN):
        if sum(1 for r in result if r.typ is typ) > 1:
            raise Ogiltigt(f"{typ.label} kan bara vara medlem en gång.")
    for part, want in PARTSANDELAR.items():
        group = [r for r in result if part_for(r.typ) == part]
        if not group:
            raise Ogiltigt(f"Lägg till {_SAKNAS[part]} bland medlemmarna.")
        got = sum((Decimal(r.andel) for r in group), Decimal(0))
        if got != want:
            names = join_list([f"{r.namn} {format_andel(Decimal(r.andel))}" for r in group])
            raise Ogiltigt(
                f"Andelen för {_PARTER[part]} blir {format_andel(got)} ({names}) men ska vara "
                f"{format_andel(want)}: staten betalar hälften, regionen och kommunerna en "
                "fjärdedel var."
            )
    return result


def _stored_andel(andel: Decimal | str) -> str:
    return format(Decimal(andel).normalize(), "f")


def spara_uppgifter(
    ff: ForbundFile,
    namn: str,
    organisationsnummer: str,
    bildat: dt.date | None,
    forsta_budgetar: int | None,
    rader: list[MedlemRad],
) -> bool:
    """Store the förbund's name, organisationsnummer, founding date and first budget year
    and its members (renamed, retyped, new shares, added, removed) as one action: all of it
    or, when anything is refused, none of it. False when nothing had changed.

    Members are referred to by id everywhere, so a renamed member keeps its seats, insatser
    and budget rows; a driftbidrag row of a budget still being drafted that carries the old
    name is renamed with it (a decided budget keeps its text). A member that anything refers
    to cannot be removed.
    """
    namn = text_required(namn, "Förbundets namn")
    orgnr = organisationsnummer.strip()
    if orgnr:
        from .orgnr import OrgnrError, normalize_orgnr  # python-stdnum: only when checking

        try:
            orgnr = normalize_orgnr(orgnr)
        except OrgnrError as err:
            raise Ogiltigt(str(err)) from None
    if forsta_budgetar is not None and not 2004 <= forsta_budgetar <= 2200:
        raise Ogiltigt(f"Första budgetåret ({forsta_budgetar}) ska ligga mellan 2004 och 2200.")
    rader = kontrollera_medlemmar(rader)
    before = {m.id: m for m in medlemmar(ff)}
    for rad in rader:
        if rad.id is not None and rad.id not in before:
            raise Ogiltigt(f"Medlemmen {rad.namn} finns inte längre; stäng och öppna igen.")
    kept = {r.id for r in rader}
    for gone in (m for i, m in before.items() if i not in kept):
        kontrollera_borttagning(ff, gone.id, gone.namn)
    stored = {r["id"]: r for r in ff.query("SELECT id, andel, ordning FROM medlem")}
    now = forbund(ff)
    forbund_changed = (now.namn, now.organisationsnummer, now.bildat, now.forsta_budgetar) != (
        namn, orgnr, bildat, forsta_budgetar,
    )  # fmt: skip
    changed = [
        (i, r)
        for i, r in enumerate(rader, start=1)
        if r.id is None
        or (before[r.id].namn, before[r.id].typ, stored[r.id]["andel"], stored[r.id]["ordning"])
        != (r.namn, r.typ, _stored_andel(r.andel), i)
    ]
    removed = [i for i in before if i not in kept]
    if not (forbund_changed or changed or removed):
        return False
    with ff.write("Ändra förbundets uppgifter") as db:
        if forbund_changed:
            db.execute(
                "UPDATE forbund SET namn = ?, organisationsnummer = ?, bildat = ?, "
                "forsta_budgetar = ? WHERE id = 1",
                (namn, orgnr, bildat.isoformat() if bildat else None, forsta_budgetar),
            )
        for medlem_id in removed:
            db.execute("DELETE FROM medlem WHERE id = ?", (medlem_id,))
        # Names are unique: park the renamed ones first, so two members may swap names.
        renamed = [r for _, r in changed if r.id is not None and before[r.id].namn != r.namn]
        for r in renamed:
            db.execute("UPDATE medlem SET namn = ? WHERE id = ?", (f"(byter namn {r.id})", r.id))
        for position, r in changed:
            values = (r.namn, r.typ.value, _stored_andel(r.andel), position)
            if r.id is None:
                db.execute(
                    "INSERT INTO medlem (namn, typ, andel, ordning) VALUES (?, ?, ?, ?)", values
                )
            else:
                db.execute(
                    "UPDATE medlem SET namn = ?, typ = ?, andel = ?, ordning = ? WHERE id = ?",
                    (*values, r.id),
                )
        for r in renamed:
            old = before[r.id].namn  # type: ignore[index]
            for was, becomes in ((old, r.namn), (f"Driftbidrag {old}", f"Driftbidrag {r.namn}")):
                db.execute(
                    "UPDATE budget_rad SET text = ? WHERE medlem_id = ? AND text = ? AND "
                    "version_id IN (SELECT id FROM budget_version WHERE status = 'forslag')",
                    (becomes, r.id, was),
                )
    return True


# -- the förbund's years ------------------------------------------------------------------------

_DATA_YEARS_SQL = """
    SELECT min(ar), max(ar) FROM (
        SELECT ar FROM budget_version UNION ALL SELECT ar + 2 FROM budget_version
        UNION ALL SELECT ar FROM utfall UNION ALL SELECT ar FROM bokslut
        UNION ALL SELECT ar FROM insats_ar
        UNION ALL SELECT CAST(strftime('%Y', datum) AS INTEGER) FROM mote
        UNION ALL SELECT CAST(strftime('%Y', datum) AS INTEGER) FROM arshjul_post
        UNION ALL SELECT forsta_budgetar FROM forbund WHERE forsta_budgetar IS NOT NULL
        UNION ALL SELECT CAST(strftime('%Y', bildat) AS INTEGER) FROM forbund
            WHERE bildat IS NOT NULL
    )
"""


def arets_spann(ff: ForbundFile, today: dt.date | None = None) -> tuple[int, int]:
    """The years the file has, first and last: from its first year with anything in it
    (a budget, utfall, bokslut, insats money, a meeting, an årshjul post, the year it was
    formed or its first budget year) to the last such year (a budget's two plan years
    included), and always this year and the next, for which reports and the årshjul are made
    before there is data. Every ``--year`` of the command line is held against this."""
    today = today or dt.date.today()
    first, last = ff.conn.execute(_DATA_YEARS_SQL).fetchone()
    first = min(first, today.year) if first is not None else today.year
    last = max(last, today.year + 1) if last is not None else today.year + 1
    return first, last


def kontrollera_ar(ff: ForbundFile, ar: int, today: dt.date | None = None) -> int:
    """``ar`` if the file has that year (see :func:`arets_spann`); else a Swedish Refusal that
    says which years it has. A year such as 99999 never reaches ``datetime``."""
    first, last = arets_spann(ff, today)
    if first <= ar <= last:
        return ar
    raise Refusal(
        f"Året {ar} finns inte i {ff.path.name}: filen har åren {first}–{last}. "
        "Välj ett av de åren."
    )
