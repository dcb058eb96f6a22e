"""Insatser: the funded interventions, their money per year, goals and aggregated follow-up.

Reading returns frozen records with domain types (vocabularies, dates, integer öre); every
change is one :meth:`ForbundFile.write` named as the Redigera menu shows it, and refuses what
breaks a rule with :class:`~finsam_desktop.forbund.Ogiltigt` before anything is written.
There is no field for data about individual participants: follow-up is counts only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields, make_dataclass
from enum import Enum
from typing import TYPE_CHECKING, Any

from . import ekonomi
from .dates import stored_date
from .forbund import MEDLEM_ORDER_SQL, Ogiltigt, insert_row, text_required, update_column
from .model import Bedomning, InsatsStatus, InsatsTyp, Vocabulary

if TYPE_CHECKING:
    from sqlite_utils import Database

    from .storage import ForbundFile


# -- the list -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class InsatsRad:
    """One insats with its money for one year."""

    id: int
    namn: str
    typ: InsatsTyp
    agare: str
    status: InsatsStatus
    ansokan_datum: dt.date | None
    start: dt.date | None
    slut: dt.date | None
    ar: int
    beviljat_ore: int | None
    #: Förbrukat as the insats reported it for ``ar``; while the year runs (nothing reported
    #: yet), the costs booked on the insats in the year's utfall so far.
    forbrukat_ore: int | None
    #: The insats has a row of money (beviljat, förbrukat or planerat) for ``ar``.
    har_belopp: bool
    #: ``forbrukat_ore`` comes from the utfall, not from the insats's own report.
    forbrukat_enligt_utfall: bool = False

    def galler_ar(self, ar: int) -> bool:
        """Whether the insats belongs to ``ar``: money that year, or a period touching it."""
        if self.har_belopp:
            return True
        first = self.start or self.ansokan_datum
        if first is None:
            return False
        return first.year <= ar and (self.slut is None or self.slut.year >= ar)


def insatser(ff: ForbundFile, ar: int) -> list[InsatsRad]:
    """Every insats, with its beviljat and förbrukat for ``ar`` (None when not recorded)."""
    rows = ff.query(
        """
        SELECT i.id, i.namn, i.typ, coalesce(m.namn, '') AS agare, i.status,
               i.ansokan_datum, i.start, i.slut,
               a.beviljat_ore, a.forbrukat_ore, a.insats_id IS NOT NULL AS har_belopp
        FROM insats i
        LEFT JOIN medlem m ON m.id = i.agare_id
        LEFT JOIN insats_ar a ON a.insats_id = i.id AND a.ar = :ar
        ORDER BY i.namn COLLATE SWEDISH
        """,
        {"ar": ar},
    )
    booked = ekonomi.utfall_per_insats(ff, ar)
    result = []
    for r in rows:
        forbrukat, from_utfall = r["forbrukat_ore"], False
        if forbrukat is None and r["id"] in booked:
            forbrukat, from_utfall = -booked[r["id"]], True  # costs are negative in utfall
        result.append(
            InsatsRad(
                id=r["id"],
                namn=r["namn"],
                typ=InsatsTyp(r["typ"]),
                agare=r["agare"],
                status=InsatsStatus(r["status"]),
                ansokan_datum=stored_date(r["ansokan_datum"]),
                start=stored_date(r["start"]),
                slut=stored_date(r["slut"]),
                ar=ar,
                beviljat_ore=r["beviljat_ore"],
                forbrukat_ore=forbrukat,
                har_belopp=bool(r["har_belopp"]) or from_utfall,
                forbrukat_enligt_utfall=from_utfall,
            )
        )
    return result


def insats_ar(ff: ForbundFile) -> list[int]:
    """Years for which any insats has money recorded, oldest first."""
    return [r["ar"] for r in ff.query("SELECT DISTINCT ar FROM insats_ar ORDER BY ar")]


@dataclass(frozen=True)
class ArsSumma:
    ar: int
    beviljat_ore: int
    forbrukat_ore: int
    antal_insatser: int
    #: Some of the förbrukat comes from the utfall so far (the year is not reported yet).
    enligt_utfall: bool
    #: The last month the utfall covers, when it is monthly.
    utfall_till_manad: int | None


def insatser_summa(ff: ForbundFile, ar: int) -> ArsSumma:
    """Beviljat and förbrukat summed over every insats for ``ar`` (as :func:`insatser`)."""
    rows = [r for r in insatser(ff, ar) if r.beviljat_ore is not None or r.forbrukat_ore]
    return ArsSumma(
        ar,
        sum(r.beviljat_ore or 0 for r in rows),
        sum(r.forbrukat_ore or 0 for r in rows),
        sum(1 for r in rows if r.beviljat_ore),
        any(r.forbrukat_enligt_utfall for r in rows),
        utfall_till_manad(ff, ar),
    )


def utfall_till_manad(ff: ForbundFile, ar: int) -> int | None:
    """The last month of ``ar`` with monthly utfall, None if the year has whole-year rows."""
    rows = ff.query(
        "SELECT max(manad) AS manad, sum(manad IS NULL) AS helar FROM utfall WHERE ar = ?",
        (ar,),
    )
    if not rows or rows[0]["helar"]:
        return None
    return rows[0]["manad"]


# -- to pick from ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class InsatsNamn:
    id: int
    namn: str


def namnlista(ff: ForbundFile) -> list[InsatsNamn]:
    """Every insats by name, sorted Swedish-style (Å, Ä, Ö last): what a picker offers."""
    rows = ff.query("SELECT id, namn FROM insats ORDER BY namn COLLATE SWEDISH")
    return [InsatsNamn(r["id"], r["namn"]) for r in rows]


# -- one insats -----------------------------------------------------------------------------------


class FieldKind(Enum):
    """What a field of an insats holds: how it is read from its column, checked and shown."""

    #: ``str``, stripped when stored; ``''`` when empty.
    TEXT = "text"
    #: ``dt.date | None``, stored as ISO text.
    DATE = "date"
    #: ``int | None``: integer öre.
    MONEY = "money"
    #: A code of the field's ``vocabulary``.
    CHOICE = "choice"
    #: ``int | None``: a medlem's id (the arbetsbok names the member).
    MEMBER = "member"
    #: ``tuple[int, ...]``: medlemmar's ids, kept in their own table (``insats_part``).
    MEMBERS = "members"


@dataclass(frozen=True)
class Falt:
    """One field of an insats, declared once in :data:`FALT`: the record's attribute, the
    column of table ``insats``, the arbetsbok's column, search and the reports read it here."""

    #: The attribute of :class:`Insats` and the column of table ``insats`` (``agare_id``).
    name: str
    #: Swedish, lower case, as a sentence names it: "Ändra ansökt belopp för …".
    label: str
    #: Swedish title: the arbetsbok's column header, the form's and the reports' label.
    header: str
    kind: FieldKind
    #: Never blank (the arbetsbok refuses a blank cell).
    required: bool = False
    #: Free text a person writes (syfte, målgrupp…): searched, shown on the form as a text box
    #: with the reminder that no personal data belongs there, and printed by the
    #: verksamhetsplan under its header.
    fritext: bool = False
    #: The codes a CHOICE field takes.
    vocabulary: type[Vocabulary] | None = None
    #: A MONEY field that is never negative.
    non_negative: bool = False
    #: A short text in a form of its own ("§ 12") that the arbetsbok keeps as typed (its cells
    #: are formatted as text, so Excel does not make "12" a number).
    as_typed: bool = False
    #: The stored value of a field left blank, when it is not the kind's empty value (the
    #: schema's DEFAULT).
    default: Any = None

    @property
    def stored(self) -> bool:
        """A column of table ``insats`` (the medparter are rows of ``insats_part``)."""
        return self.kind is not FieldKind.MEMBERS

    @property
    def python_type(self) -> Any:
        if self.kind is FieldKind.CHOICE:
            return self.vocabulary
        return {
            FieldKind.TEXT: str,
            FieldKind.DATE: dt.date | None,
            FieldKind.MONEY: int | None,
            FieldKind.MEMBER: int | None,
            FieldKind.MEMBERS: tuple[int, ...],
        }[self.kind]

    def from_stored(self, value: Any) -> Any:
        """The column's value as the record holds it."""
        if self.kind is FieldKind.DATE:
            return stored_date(value)
        if self.kind is FieldKind.CHOICE:
            assert self.vocabulary is not None
            return self.vocabulary(value)
        return value


_TEXT, _DATE, _MONEY = FieldKind.TEXT, FieldKind.DATE, FieldKind.MONEY

#: Every field of an insats but its id, in the order the arbetsbok's Insatser sheet has its
#: columns. A new field is a line here and a schema step (and a test compares the two).
FALT: tuple[Falt, ...] = (
    Falt("namn", "namn", "Namn", _TEXT, required=True),
    Falt("typ", "insatstyp", "Typ", FieldKind.CHOICE, required=True, vocabulary=InsatsTyp),
    Falt("agare_id", "verksamhetsägare", "Verksamhetsägare", FieldKind.MEMBER),
    Falt("medparter", "medparter", "Medparter", FieldKind.MEMBERS),
    Falt("status", "status", "Status", FieldKind.CHOICE, vocabulary=InsatsStatus,
         default=InsatsStatus.ANSOKAN.value),
    Falt("ansokan_datum", "ansökningsdatum", "Ansökan inkommen", _DATE),
    Falt("ansokt_ore", "ansökt belopp", "Ansökt belopp", _MONEY, non_negative=True),
    Falt("beslut_datum", "beslutsdatum", "Beslutsdatum", _DATE),
    Falt("beslut_paragraf", "beslutsparagraf", "Beslut §", _TEXT, as_typed=True),
    Falt("start", "start", "Start", _DATE),
    Falt("slut", "slut", "Slut", _DATE),
    Falt("syfte", "syfte", "Syfte", _TEXT, fritext=True),
    Falt("malgrupp", "målgrupp", "Målgrupp", _TEXT, fritext=True),
    Falt("beskrivning", "beskrivning", "Beskrivning", _TEXT, fritext=True),
)  # fmt: skip
#: The fields kept in table ``insats``'s own columns (every one but the medparter).
STORED: tuple[Falt, ...] = tuple(f for f in FALT if f.stored)
#: The free-text fields, in their order.
FRITEXT: tuple[Falt, ...] = tuple(f for f in FALT if f.fritext)
_BY_NAME = {f.name: f for f in FALT}

#: One insats as stored: ``id`` and an attribute per field of :data:`FALT`, of its kind's type.
Insats = make_dataclass(
    "Insats",
    [("id", int), *((f.name, f.python_type) for f in FALT)],
    namespace={"__module__": __name__, "__doc__": "One insats as stored (fields: FALT)."},
    frozen=True,
    kw_only=True,
)


def alla(ff: ForbundFile) -> list[Insats]:
    """Every insats as stored, by name in Swedish order."""
    return _insatser(ff)


def hamta(ff: ForbundFile, insats_id: int) -> Insats | None:
    found = _insatser(ff, "WHERE id = :id", {"id": insats_id})
    return found[0] if found else None


def _insatser(ff: ForbundFile, where: str = "", params: dict | None = None) -> list[Insats]:
    parter: dict[int, list[int]] = {}
    for p in ff.query(
        "SELECT p.insats_id, p.medlem_id FROM insats_part p JOIN medlem m ON m.id = p.medlem_id "
        f"ORDER BY {MEDLEM_ORDER_SQL}"
    ):
        parter.setdefault(p["insats_id"], []).append(p["medlem_id"])
    columns = ", ".join(f.name for f in STORED)
    return [
        Insats(
            id=r["id"],
            **{f.name: f.from_stored(r[f.name]) for f in STORED},
            medparter=tuple(parter.get(r["id"], ())),
        )
        for r in ff.query(
            f"SELECT id, {columns} FROM insats {where} ORDER BY namn COLLATE SWEDISH, id",
            params or {},
        )
    ]


def parter_varning(agare_id: int | None, medparter: tuple[int, ...] | list[int]) -> str | None:
    """Why the parties are not enough, or None: an insats involves at least two members."""
    others = [m for m in medparter if m != agare_id]
    if agare_id is None:
        return "Ange verksamhetsägare: den medlem som äger insatsen."
    if not others:
        return (
            "En insats ska involvera minst två av förbundets medlemmar: "
            "verksamhetsägaren och minst en medpart."
        )
    return None


def _existing(ff: ForbundFile, insats_id: int) -> Insats:
    """The insats an edit is about; refused when it was removed meanwhile."""
    current = hamta(ff, insats_id)
    if current is None:
        raise Ogiltigt("Insatsen finns inte längre.")
    return current


def _namn_ledigt(ff: ForbundFile, namn: str, insats_id: int | None) -> None:
    other = ff.scalar("SELECT id FROM insats WHERE namn = ? AND id IS NOT ?", (namn, insats_id))
    if other is not None:
        raise Ogiltigt(f"Det finns redan en insats som heter {namn}.")


def ny_insats(
    ff: ForbundFile,
    namn: str,
    typ: InsatsTyp = InsatsTyp.INDIVIDINRIKTAD,
    agare_id: int | None = None,
) -> int:
    """Create an insats (status Ansökan inkommen); returns its id."""
    namn = text_required(namn, "Namnet")
    _namn_ledigt(ff, namn, None)
    values = {"namn": namn, "typ": typ, "agare_id": agare_id}
    return insert_row(ff, "insats", values, f"Ny insats {namn}")


def andra(ff: ForbundFile, insats_id: int, column: str, value: Any) -> None:
    """Store one field of an insats; refuses what breaks a rule, with the reason."""
    f = _BY_NAME.get(column)
    if f is None or not f.stored:
        raise KeyError(column)
    current = _existing(ff, insats_id)
    if column == "namn":
        value = text_required(value, "Namnet")
        _namn_ledigt(ff, value, insats_id)
    elif f.kind is FieldKind.TEXT:
        value = value.strip()
    elif f.non_negative and value is not None and value < 0:
        raise Ogiltigt(f"{f.label.capitalize()} kan inte vara negativt.")
    start = value if column == "start" else current.start
    slut = value if column == "slut" else current.slut
    if start and slut and slut < start:
        raise Ogiltigt(f"Slutet ({slut.isoformat()}) ligger före starten ({start.isoformat()}).")
    if getattr(current, column) == value:
        return
    update_column(ff, "insats", insats_id, column, value, f"Ändra {f.label} för {current.namn}")


def satt_parter(ff: ForbundFile, insats_id: int, medparter: list[int]) -> None:
    """Store the medparter (the owner is never its own medpart)."""
    current = _existing(ff, insats_id)
    wanted = [m for m in dict.fromkeys(medparter) if m != current.agare_id]
    if set(wanted) == set(current.medparter):
        return
    with ff.write(f"Ändra medparter för {current.namn}") as db:
        db.execute("DELETE FROM insats_part WHERE insats_id = ?", (insats_id,))
        for medlem_id in wanted:
            db.execute(
                "INSERT INTO insats_part (insats_id, medlem_id) VALUES (?, ?)",
                (insats_id, medlem_id),
            )


def ta_bort(ff: ForbundFile, insats_id: int) -> None:
    """Delete an insats with its money, goals and follow-up (undo brings all of it back)."""
    current = hamta(ff, insats_id)
    if current is None:
        return
    with ff.write(f"Ta bort insatsen {current.namn}") as db:
        db.execute("DELETE FROM insats WHERE id = ?", (insats_id,))


# -- money per year -------------------------------------------------------------------------------


@dataclass(frozen=True)
class InsatsAr:
    ar: int
    beviljat_ore: int | None
    forbrukat_ore: int | None
    planerat_ore: int | None
    flyttat_ore: int | None

    @property
    def ej_forbrukat_ore(self) -> int | None:
        """Beviljat − förbrukat; never stored."""
        if self.beviljat_ore is None:
            return None
        return self.beviljat_ore - (self.forbrukat_ore or 0)


BELOPP_FALT = {
    "beviljat_ore": "beviljat",
    "forbrukat_ore": "förbrukat",
    "planerat_ore": "planerat",
    "flyttat_ore": "flyttat till nästa år",
}


def ar_belopp(ff: ForbundFile, insats_id: int) -> list[InsatsAr]:
    return _per_ar(ff, "insats_ar", InsatsAr, insats_id)


def _per_ar(ff: ForbundFile, table: str, record: type, insats_id: int) -> list:
    """The rows of a table kept per insats and year (money, follow-up), oldest year first."""
    names = [f.name for f in fields(record)]
    rows = ff.query(
        f"SELECT {', '.join(names)} FROM {table} WHERE insats_id = ? ORDER BY ar", (insats_id,)
    )
    return [record(**r) for r in rows]


def _satt_per_ar(
    ff: ForbundFile, table: str, falt: dict[str, str], insats_id: int, ar: int, column: str, value
) -> None:
    """Store one figure of one year in a table kept per insats and year (None empties it)."""
    current = _existing(ff, insats_id)
    old = ff.query(f"SELECT {column} FROM {table} WHERE insats_id = ? AND ar = ?", (insats_id, ar))
    if old and old[0][column] == value:
        return
    with ff.write(f"Ändra {falt[column]} {ar} för {current.namn}") as db:
        _upsert(db, table, insats_id, ar, column, value)


def _upsert(db: Database, table: str, insats_id: int, ar: int, column: str, value) -> None:
    db.execute(
        f"INSERT INTO {table} (insats_id, ar, {column}) VALUES (?, ?, ?) "
        f"ON CONFLICT (insats_id, ar) DO UPDATE SET {column} = excluded.{column}",
        (insats_id, ar, value),
    )


def _check_year(ar: int) -> None:
    if not 2004 <= ar <= 2200:
        raise Ogiltigt(f"{ar} är inget år förbundet kan ha (2004–2200).")


def lagg_till_ar(ff: ForbundFile, insats_id: int, ar: int) -> None:
    _check_year(ar)
    current = hamta(ff, insats_id)
    if current is None or any(a.ar == ar for a in ar_belopp(ff, insats_id)):
        return
    with ff.write(f"Lägg till år {ar} för {current.namn}") as db:
        db.execute("INSERT INTO insats_ar (insats_id, ar) VALUES (?, ?)", (insats_id, ar))


def ta_bort_ar(ff: ForbundFile, insats_id: int, ar: int) -> None:
    current = hamta(ff, insats_id)
    if current is None:
        return
    with ff.write(f"Ta bort år {ar} för {current.namn}") as db:
        db.execute("DELETE FROM insats_ar WHERE insats_id = ? AND ar = ?", (insats_id, ar))


def satt_belopp(ff: ForbundFile, insats_id: int, ar: int, column: str, ore: int | None) -> None:
    """Store one amount of one year (None empties it)."""
    if column not in BELOPP_FALT:
        raise KeyError(column)
    _check_year(ar)
    if ore is not None and ore < 0 and column != "flyttat_ore":
        raise Ogiltigt(f"{BELOPP_FALT[column].capitalize()} kan inte vara negativt.")
    _satt_per_ar(ff, "insats_ar", BELOPP_FALT, insats_id, ar, column, ore)


#: Statuses a grant moves on to Beviljad; later ones (avtal, pågående…) stay.
_FORE_BESLUT = {
    InsatsStatus.ANSOKAN,
    InsatsStatus.BEREDNING,
    InsatsStatus.ATERREMITTERAD,
}


def bevilja_i(
    db: Database,
    insats_id: int,
    ar: int,
    ore: int,
    datum: dt.date,
    paragraf: str,
) -> None:
    """Inside a caller's write: the styrelse granted ``ore`` for ``ar`` on ``datum`` (§).

    Sets the year's beviljat, and an insats still before its decision becomes Beviljad with
    the decision's date and paragraph. Used by the meeting's beslut so one undo takes both.
    """
    _check_year(ar)
    if ore < 0:
        raise Ogiltigt("Ett beviljat belopp kan inte vara negativt.")
    _upsert(db, "insats_ar", insats_id, ar, "beviljat_ore", ore)
    status = db.execute("SELECT status FROM insats WHERE id = ?", (insats_id,)).fetchone()
    if status and InsatsStatus(status[0]) in _FORE_BESLUT:
        db.execute(
            "UPDATE insats SET status = 'beviljad', beslut_datum = ?, beslut_paragraf = ? "
            "WHERE id = ?",
            (datum.isoformat(), paragraf, insats_id),
        )


# -- goals ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mal:
    id: int
    ordning: int
    mal: str
    indikator: str
    metod: str
    #: year → (bedömning, motivering)
    bedomningar: dict[int, tuple[Bedomning, str]]


def mal(ff: ForbundFile, insats_id: int) -> list[Mal]:
    rows = ff.query("SELECT * FROM mal WHERE insats_id = ? ORDER BY ordning, id", (insats_id,))
    bedomningar: dict[int, dict[int, tuple[Bedomning, str]]] = {}
    for b in ff.query(
        "SELECT b.* FROM mal_bedomning b JOIN mal m ON m.id = b.mal_id WHERE m.insats_id = ?",
        (insats_id,),
    ):
        bedomningar.setdefault(b["mal_id"], {})[b["ar"]] = (
            Bedomning(b["bedomning"]),
            b["motivering"],
        )
    return [
        Mal(
            r["id"],
            r["ordning"],
            r["mal"],
            r["indikator"],
            r["metod"],
            bedomningar.get(r["id"], {}),
        )
        for r in rows
    ]


def nytt_mal(ff: ForbundFile, insats_id: int, text: str) -> int:
    text = text_required(text, "Målet")
    current = _existing(ff, insats_id)
    ordning = (ff.scalar("SELECT max(ordning) FROM mal WHERE insats_id = ?", (insats_id,)) or 0) + 1
    values = {"insats_id": insats_id, "ordning": ordning, "mal": text}
    return insert_row(ff, "mal", values, f"Nytt mål för {current.namn}")


MAL_FALT = {"mal": "mål", "indikator": "indikator", "metod": "uppföljningsmetod"}


def andra_mal(ff: ForbundFile, mal_id: int, column: str, text: str) -> None:
    if column not in MAL_FALT:
        raise KeyError(column)
    text = text_required(text, "Målet") if column == "mal" else text.strip()
    old = ff.scalar(f"SELECT {column} FROM mal WHERE id = ?", (mal_id,))
    if old is None or old == text:
        return
    update_column(ff, "mal", mal_id, column, text, f"Ändra {MAL_FALT[column]}")


def ta_bort_mal(ff: ForbundFile, mal_id: int) -> None:
    with ff.write("Ta bort mål") as db:
        db.execute("DELETE FROM mal WHERE id = ?", (mal_id,))


def satt_bedomning(
    ff: ForbundFile, mal_id: int, ar: int, bedomning: Bedomning | None, motivering: str = ""
) -> None:
    """The year's bedömning of a goal with its motivering; None removes the year's bedömning."""
    _check_year(ar)
    old = ff.query("SELECT * FROM mal_bedomning WHERE mal_id = ? AND ar = ?", (mal_id, ar))
    motivering = motivering.strip()
    if bedomning is None:
        if not old:
            return
        with ff.write(f"Ta bort bedömning {ar}") as db:
            db.execute("DELETE FROM mal_bedomning WHERE mal_id = ? AND ar = ?", (mal_id, ar))
        return
    if old and old[0]["bedomning"] == bedomning.value and old[0]["motivering"] == motivering:
        return
    with ff.write(f"Bedöm målet {ar}") as db:
        db.execute(
            "INSERT INTO mal_bedomning (mal_id, ar, bedomning, motivering) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (mal_id, ar) DO UPDATE SET bedomning = excluded.bedomning, "
            "motivering = excluded.motivering",
            (mal_id, ar, bedomning.value, motivering),
        )


# -- aggregated follow-up -------------------------------------------------------------------------


@dataclass(frozen=True)
class Uppfoljning:
    ar: int
    nya_kvinnor: int | None
    nya_man: int | None
    avslutade: int | None
    aktiva: int | None

    @property
    def nya(self) -> int | None:
        if self.nya_kvinnor is None and self.nya_man is None:
            return None
        return (self.nya_kvinnor or 0) + (self.nya_man or 0)


UPPFOLJNING_FALT = {
    "nya_kvinnor": "nya deltagare, kvinnor",
    "nya_man": "nya deltagare, män",
    "avslutade": "avslutade",
    "aktiva": "aktiva",
}


def uppfoljning(ff: ForbundFile, insats_id: int) -> list[Uppfoljning]:
    return _per_ar(ff, "uppfoljning", Uppfoljning, insats_id)


def satt_uppfoljning(
    ff: ForbundFile, insats_id: int, ar: int, column: str, antal: int | None
) -> None:
    if column not in UPPFOLJNING_FALT:
        raise KeyError(column)
    _check_year(ar)
    if antal is not None and antal < 0:
        raise Ogiltigt("Ett antal kan inte vara negativt.")
    _satt_per_ar(ff, "uppfoljning", UPPFOLJNING_FALT, insats_id, ar, column, antal)


# -- what is missing for a year -------------------------------------------------------------------


@dataclass(frozen=True)
class Saknas:
    insats_id: int
    namn: str
    #: What is missing, in Swedish: "uppföljning", "bedömning av 2 mål".
    vad: tuple[str, ...]


_AKTIVA = (InsatsStatus.PAGAENDE, InsatsStatus.AVSLUTAD, InsatsStatus.BEVILJAD, InsatsStatus.AVTAL)


def saknar_uppfoljning(ff: ForbundFile, ar: int) -> list[Saknas]:
    """Insatser that ran in ``ar`` (money or period, granted or running) and lack that year's
    aggregated follow-up, goals or goal bedömningar."""
    result = []
    for r in insatser(ff, ar):
        if r.status not in _AKTIVA or not r.galler_ar(ar):
            continue
        vad = []
        if not ff.scalar(
            "SELECT count(*) FROM uppfoljning WHERE insats_id = ? AND ar = ?", (r.id, ar)
        ):
            vad.append("uppföljning")
        goals = ff.query(
            "SELECT m.id, b.ar IS NOT NULL AS bedomd FROM mal m LEFT JOIN mal_bedomning b "
            "ON b.mal_id = m.id AND b.ar = ? WHERE m.insats_id = ?",
            (ar, r.id),
        )
        if not goals:
            vad.append("mål")
        else:
            missing = sum(1 for g in goals if not g["bedomd"])
            if missing:
                vad.append(f"bedömning av {missing} mål")
        if vad:
            result.append(Saknas(r.id, r.namn, tuple(vad)))
    return result
