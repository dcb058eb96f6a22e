"""Operations on budget versions, rows and amounts: what the budget view does to the file.

Every function that changes the file is one user action: one ``ff.write(label)``, so the
core's undo takes it back whole. Reading is left to :mod:`finsam_desktop.ekonomi`.

Amounts are integer öre, intäkter positive and kostnader negative. An amount is either
*typed* (``harledd`` 0: a person entered it) or *derived* (``harledd`` 1: rolled forward
with an uplift, or split from a medelstilldelning). A derivation may replace a derived amount
or fill an empty cell, never a typed one.

A decided version (status ``beslutad``) is locked: every change to it is refused with a
Swedish message; the user makes a new version to change it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from .ekonomi import (
    Fordelning,
    budget_ar,
    budget_balans,
    medelsfordelning,
    part_for,
    radens_medlemmar,
    versionens_belopp,
    versionens_rader,
)
from .errors import Refusal
from .forbund import forbund, medlemmar
from .model import BudgetStatus, Grupp, RadSlag
from .money import format_amount
from .storage import ForbundFile


class BudgetError(Refusal):
    """A budget action that cannot be done; the message is Swedish and says why."""


# -- versions -----------------------------------------------------------------------------------


def version(ff: ForbundFile, version_id: int) -> dict:
    rows = ff.query("SELECT * FROM budget_version WHERE id = ?", (version_id,))
    if not rows:
        raise BudgetError("Budgetversionen finns inte längre.")
    return rows[0]


def is_locked(ff: ForbundFile, version_id: int) -> bool:
    return version(ff, version_id)["status"] == BudgetStatus.BESLUTAD.value


def _require_open(ff: ForbundFile, version_id: int) -> dict:
    v = version(ff, version_id)
    if v["status"] == BudgetStatus.BESLUTAD.value:
        raise BudgetError(
            f"Budgeten för {v['ar']} är beslutad och låst. Gör en ny version för att ändra den."
        )
    return v


def _version_of_row(ff: ForbundFile, rad_id: int) -> int:
    vid = ff.scalar("SELECT version_id FROM budget_rad WHERE id = ?", (rad_id,))
    if vid is None:
        raise BudgetError("Budgetraden finns inte längre.")
    return vid


def _default_name(ar: int) -> str:
    return f"Verksamhetsplan och budget {ar}, plan {ar + 1}–{ar + 2}"


def ny_version(ff: ForbundFile, ar: int, namn: str = "") -> int:
    """A new, empty förslag for budget year ``ar``, with one intäkt row per member."""
    if not 2004 <= ar <= 2198:
        raise BudgetError(f"Budgetåret {ar} ska vara mellan 2004 och 2198.")
    with ff.write(f"Ny budgetversion {ar}") as db:
        cur = db.execute(
            "INSERT INTO budget_version (ar, namn) VALUES (?, ?)", (ar, namn or _default_name(ar))
        )
        vid = cur.lastrowid
        for i, m in enumerate(medlemmar(ff), start=1):
            db.execute(
                "INSERT INTO budget_rad (version_id, grupp, ordning, text, medlem_id) "
                "VALUES (?, 'intakter', ?, ?, ?)",
                (vid, i, f"Driftbidrag {m.namn}", m.id),
            )
    return vid


def foreslaget_budgetar(ff: ForbundFile, today: dt.date) -> int:
    """The year a new, empty budget is proposed for: the year after the file's last budget,
    or, in a file without one, the first budget year the förbund gave when the file was made
    (a förbund entering its 2023 plan), else this year."""
    last = ff.scalar("SELECT max(ar) FROM budget_version")
    if last is not None:
        return last + 1
    first = forbund(ff).forsta_budgetar
    return first if first is not None else today.year


_RAD_COLS = (
    "grupp, ordning, text, insats_id, medlem_id, konto, ansvar, verksamhet, projekt, motpart, "
    "slag, under_resultat, plats"
)


def _copy_rows(db, source_id: int, target_id: int) -> dict[int, int]:
    """Copy a version's rows and its uppställning (avsnitt) into another version."""
    avsnitt = {}
    for a in db.execute(
        "SELECT id, ordning, rubrik, summa, summerar FROM budget_avsnitt WHERE version_id = ?",
        (source_id,),
    ).fetchall():
        avsnitt[a[0]] = db.execute(
            "INSERT INTO budget_avsnitt (version_id, ordning, rubrik, summa, summerar) "
            "VALUES (?, ?, ?, ?, ?)",
            (target_id, *a[1:]),
        ).lastrowid
    mapping = {}
    for old, old_avsnitt in db.execute(
        "SELECT id, avsnitt_id FROM budget_rad WHERE version_id = ? ORDER BY ordning, id",
        (source_id,),
    ).fetchall():
        cur = db.execute(
            f"INSERT INTO budget_rad (version_id, avsnitt_id, {_RAD_COLS}) "
            f"SELECT ?, ?, {_RAD_COLS} FROM budget_rad WHERE id = ?",
            (target_id, avsnitt.get(old_avsnitt), old),
        )
        mapping[old] = cur.lastrowid
        db.execute(
            "INSERT INTO budget_rad_medlem (rad_id, medlem_id) "
            "SELECT ?, medlem_id FROM budget_rad_medlem WHERE rad_id = ?",
            (cur.lastrowid, old),
        )
    return mapping


def kopiera_version(ff: ForbundFile, version_id: int) -> int:
    """A new förslag of the same year with the same rows, amounts and notes ("Ny version")."""
    v = version(ff, version_id)
    with ff.write(f"Ny version av budgeten {v['ar']}") as db:
        cur = db.execute(
            "INSERT INTO budget_version (ar, namn, eget_kapital_motivering) VALUES (?, ?, ?)",
            (v["ar"], v["namn"], v["eget_kapital_motivering"]),
        )
        vid = cur.lastrowid
        for old, new in _copy_rows(db, version_id, vid).items():
            db.execute(
                "INSERT INTO budget_belopp (rad_id, ar, belopp_ore, anteckning, harledd) "
                "SELECT ?, ar, belopp_ore, anteckning, harledd FROM budget_belopp WHERE rad_id = ?",
                (new, old),
            )
    return vid


def besluta(ff: ForbundFile, version_id: int, datum: dt.date, paragraf: str) -> None:
    """Record the styrelse's decision (date and §); the version is locked from then on.

    Refused, with what to do, while the version breaks a rule that could no longer be put
    right once it is locked: a deficit without a motivering for using eget kapital, a sign
    typo (:func:`finsam_desktop.check.beslutshinder`)."""
    from .check import beslutshinder  # the checks read this module's neighbours

    v = _require_open(ff, version_id)
    if not isinstance(datum, dt.date):
        raise BudgetError("Ange beslutsdatum.")
    hinder = beslutshinder(ff, version_id, datum)
    if hinder:
        raise BudgetError(
            "Budgeten kan inte beslutas ännu: "
            + " ".join(f.message for f in hinder)
            + " Rätta förslaget först (skriv motiveringen under Resultatet, eller ändra "
            "beloppen); en beslutad budget låses och kan sedan bara ändras i en ny version."
        )
    paragraf = paragraf.strip()
    if paragraf and not paragraf.startswith("§"):
        paragraf = "§ " + paragraf
    with ff.write(f"Besluta budgeten {v['ar']}") as db:
        db.execute(
            "UPDATE budget_version SET status = 'beslutad', beslut_datum = ?, "
            "beslut_paragraf = ? WHERE id = ?",
            (datum.isoformat(), paragraf, version_id),
        )


def byt_versionsnamn(ff: ForbundFile, version_id: int, namn: str) -> None:
    _require_open(ff, version_id)
    with ff.write("Byt namn på budgetversionen") as db:
        db.execute("UPDATE budget_version SET namn = ? WHERE id = ?", (namn.strip(), version_id))


def satt_motivering(ff: ForbundFile, version_id: int, text: str) -> None:
    """Declare (or withdraw, with an empty text) the use of eget kapital and its reason."""
    _require_open(ff, version_id)
    with ff.write("Ändra motivering för eget kapital") as db:
        db.execute(
            "UPDATE budget_version SET eget_kapital_motivering = ? WHERE id = ?",
            (text.strip(), version_id),
        )


def ta_bort_version(ff: ForbundFile, version_id: int) -> None:
    v = _require_open(ff, version_id)
    with ff.write(f"Ta bort budgetversion {v['ar']}") as db:
        db.execute("DELETE FROM budget_version WHERE id = ?", (version_id,))


# -- roll forward -------------------------------------------------------------------------------


def _uplifted(ore: int, procent: Decimal) -> int:
    """``ore`` raised by ``procent`` %, rounded half up to whole kronor."""
    exact = Decimal(ore) * (1 + procent / 100) / 100
    return int(exact.to_integral_value(rounding=ROUND_HALF_UP)) * 100


def _amounts(ff: ForbundFile, version_id: int) -> dict[int, dict[int, tuple[int, int]]]:
    """rad_id -> year -> (belopp_ore, harledd)."""
    out: dict[int, dict[int, tuple[int, int]]] = {}
    for r in ff.query(
        "SELECT b.rad_id, b.ar, b.belopp_ore, b.harledd FROM budget_belopp b "
        "JOIN budget_rad r ON r.id = b.rad_id WHERE r.version_id = ?",
        (version_id,),
    ):
        out.setdefault(r["rad_id"], {})[r["ar"]] = (r["belopp_ore"], r["harledd"])
    return out


def ny_budget_fran_foregaende(
    ff: ForbundFile,
    uppräkning: Mapping[Grupp, Decimal] | None = None,
    *,
    fran_version: int | None = None,
) -> int:
    """Roll the last version (or ``fran_version``) forward one year as a new förslag.

    The new version covers ar+1..ar+3. A year the old version held is carried over: a typed
    amount exactly as typed, an empty cell empty (an insats that ends), a derived amount derived
    again from the year before it. The new last year is derived from the year before with the
    group's uplift (percent, rounded to whole kronor). Notes come along.
    """
    uppräkning = dict(uppräkning or {})
    if fran_version is None:
        latest = ff.query("SELECT id FROM budget_version ORDER BY ar DESC, id DESC LIMIT 1")
        if not latest:
            raise BudgetError("Det finns ingen budget att utgå från; gör en ny version först.")
        fran_version = latest[0]["id"]
    source = version(ff, fran_version)
    old_amounts = _amounts(ff, fran_version)
    grupper = {
        r["id"]: Grupp(r["grupp"])
        for r in ff.query("SELECT id, grupp FROM budget_rad WHERE version_id = ?", (fran_version,))
    }
    notes = {
        (r["rad_id"], r["ar"]): r["anteckning"]
        for r in ff.query(
            "SELECT b.rad_id, b.ar, b.anteckning FROM budget_belopp b JOIN budget_rad r "
            "ON r.id = b.rad_id WHERE r.version_id = ? AND b.anteckning != ''",
            (fran_version,),
        )
    }
    ar = source["ar"] + 1
    with ff.write(f"Ny budget {ar} från föregående") as db:
        cur = db.execute(
            "INSERT INTO budget_version (ar, namn) VALUES (?, ?)", (ar, _default_name(ar))
        )
        vid = cur.lastrowid
        for old, new in _copy_rows(db, fran_version, vid).items():
            procent = Decimal(uppräkning.get(grupper[old], 0))
            amounts = old_amounts.get(old, {})
            previous = amounts.get(ar - 1, (None, 0))[0]
            for year in (ar, ar + 1, ar + 2):
                covered = year <= source["ar"] + 2
                belopp, harledd = amounts.get(year, (None, 0))
                if covered and belopp is None:
                    value = None  # left empty on purpose (an insats that ends): stays empty
                elif covered and not harledd:
                    value, flag = belopp, 0
                elif previous is not None:
                    value, flag = _uplifted(previous, procent), 1
                else:
                    value = belopp if covered else None
                    flag = 1
                if value is not None or (old, year) in notes:
                    db.execute(
                        "INSERT INTO budget_belopp (rad_id, ar, belopp_ore, anteckning, harledd) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (
                            new,
                            year,
                            value or 0,
                            notes.get((old, year), ""),
                            flag if value is not None else 0,
                        ),
                    )
                previous = value
    return vid


# -- medelstilldelning --------------------------------------------------------------------------


@dataclass(frozen=True)
class Medelstilldelning:
    statens_ore: int
    total_ore: int
    delar: list[Fordelning]

    def avrundning_text(self) -> list[str]:
        """One line per member whose part was rounded: "Region Norr: +0,50 kr"."""
        lines = []
        for d in self.delar:
            if d.avrundning:
                ore = int(d.avrundning.to_integral_value(rounding=ROUND_HALF_UP))
                sign = "+" if ore > 0 else ""
                lines.append(f"{d.namn}: {sign}{format_amount(ore, decimals=2)} kr avrundning")
        return lines


def berakna_medelstilldelning(ff: ForbundFile, statens_ore: int) -> Medelstilldelning:
    """Split a year's contributions from the state's amount: state ½, region ¼, kommuner ¼.

    The total is twice the state's amount; each member gets its andel of it with the
    largest-remainder rounding of :func:`ekonomi.fordela`, so the parts sum exactly.
    Raises BudgetError if the key does not give the state ½, the region(s) ¼, the kommun(er) ¼.
    """
    if statens_ore <= 0:
        raise BudgetError("Ange statens medel som ett positivt belopp.")
    members = medlemmar(ff)
    if not members:
        raise BudgetError("Förbundet har inga medlemmar; lägg in dem först.")
    per_part: dict[str, Decimal] = {
        "staten": Decimal(0),
        "region": Decimal(0),
        "kommun": Decimal(0),
    }
    for m in members:
        if m.andel is None:
            raise BudgetError(f"Andelen för {m.namn} (”{m.andel_text}”) är inget tal.")
        per_part[part_for(m.typ)] += m.andel
    expected = {"staten": 50, "region": 25, "kommun": 25}
    for part, want in expected.items():
        if per_part[part] != want:
            raise BudgetError(
                f"Medlemmarnas andelar ger {part} {per_part[part]} %, inte {want} %; staten ska "
                "ha hälften, regionen en fjärdedel och kommunerna en fjärdedel. Rätta andelarna."
            )
    total = statens_ore * 2
    try:
        delar = medelsfordelning(ff, total)
    except ValueError as exc:
        raise BudgetError(str(exc)) from None
    return Medelstilldelning(statens_ore, total, delar)


def statens_medel(ff: ForbundFile, version_id: int, ar: int) -> int | None:
    """The state's amount the version's ``ar`` was funded from: what its rows for the state's
    members hold for the year (None when they hold nothing), so the Medelstilldelning dialog
    opens on it."""
    state = {m.id for m in medlemmar(ff) if part_for(m.typ) == "staten"}
    rows = {
        r["id"]
        for r in versionens_rader(ff, version_id)
        if r["grupp"] == Grupp.INTAKTER.value and state & set(radens_medlemmar(r))
    }
    total = sum(
        b.belopp_ore for b in versionens_belopp(ff, version_id) if b.ar == ar and b.rad_id in rows
    )
    return total or None


def medelstilldelning(
    ff: ForbundFile, version_id: int, ar: int, statens_ore: int
) -> Medelstilldelning:
    """Set each member's intäkt row for ``ar`` from the state's amount (one action).

    A member without an intäkt row linked to it gets one. These rows follow the funding key:
    the action replaces their amounts for ``ar`` (marked derived) and keeps their notes.
    """
    v = _require_open(ff, version_id)
    if ar not in (v["ar"], v["ar"] + 1, v["ar"] + 2):
        raise BudgetError(f"Året {ar} ingår inte i budgeten för {v['ar']}.")
    split = berakna_medelstilldelning(ff, statens_ore)
    party = {m.id: part_for(m.typ) for m in medlemmar(ff)}
    rows = versionens_rader(ff, version_id)
    intakter = [r for r in rows if r["grupp"] == Grupp.INTAKTER.value]

    def row_of(medlem_id: int) -> dict | None:
        # its own row, or the one row it shares with other members (Försäkringskassan and
        # Arbetsförmedlingen as "staten")
        return next((r for r in intakter if medlem_id in radens_medlemmar(r)), None)

    def konto_of(medlem_id: int) -> str | None:
        """The konto the rows of the member's party book on: a new row takes it."""
        return next(
            (
                r["konto"]
                for r in intakter
                if r["konto"] and any(party.get(m) == party[medlem_id] for m in radens_medlemmar(r))
            ),
            None,
        )

    with ff.write(f"Medelstilldelning {ar}") as db:
        per_row: dict[int, int] = {}
        for d in split.delar:
            row = row_of(d.nyckel)
            if row is None:
                if d.belopp_ore == 0:
                    continue  # a member with no part gets no empty row
                ordning = db.execute(
                    "SELECT coalesce(max(ordning), 0) + 1 FROM budget_rad WHERE version_id = ?",
                    (version_id,),
                ).fetchone()[0]
                rad_id = db.execute(
                    "INSERT INTO budget_rad (version_id, grupp, ordning, text, medlem_id, konto) "
                    "VALUES (?, 'intakter', ?, ?, ?, ?)",
                    (version_id, ordning, f"Driftbidrag {d.namn}", d.nyckel, konto_of(d.nyckel)),
                ).lastrowid
            else:
                rad_id = row["id"]
            per_row[rad_id] = per_row.get(rad_id, 0) + d.belopp_ore
        for rad_id, ore in per_row.items():
            db.execute(
                "INSERT INTO budget_belopp (rad_id, ar, belopp_ore, harledd) VALUES (?, ?, ?, 1) "
                "ON CONFLICT(rad_id, ar) DO UPDATE SET belopp_ore = excluded.belopp_ore, "
                "harledd = 1",
                (rad_id, ar, ore),
            )
    return split


# -- rows ---------------------------------------------------------------------------------------


def lagg_till_rad(
    ff: ForbundFile, version_id: int, grupp: Grupp, text: str, *, efter: int | None = None
) -> int:
    """A new row in ``grupp``: after row ``efter`` if given, else last in the group."""
    _require_open(ff, version_id)
    text = text.strip()
    if not text:
        raise BudgetError("Ge raden en text.")
    grupp = Grupp(grupp)
    rows = ff.query(
        "SELECT id FROM budget_rad WHERE version_id = ? AND grupp = ? ORDER BY ordning, id",
        (version_id, grupp.value),
    )
    ids = [r["id"] for r in rows]
    position = ids.index(efter) + 1 if efter in ids else len(ids)
    with ff.write(f"Lägg till budgetrad ”{text}”") as db:
        rad_id = db.execute(
            "INSERT INTO budget_rad (version_id, grupp, ordning, text) VALUES (?, ?, 0, ?)",
            (version_id, grupp.value, text),
        ).lastrowid
        ids.insert(position, rad_id)
        _renumber(db, ids)
    return rad_id


def _renumber(db, ids: Sequence[int]) -> None:
    for i, rid in enumerate(ids, start=1):
        db.execute("UPDATE budget_rad SET ordning = ? WHERE id = ?", (i, rid))


def flytta_rad(ff: ForbundFile, rad_id: int, steg: int, *, grupp: Grupp | None = None) -> None:
    """Move a row ``steg`` places up (−) or down (+) in its group, or to the end of ``grupp``."""
    vid = _version_of_row(ff, rad_id)
    _require_open(ff, vid)
    current = Grupp(ff.scalar("SELECT grupp FROM budget_rad WHERE id = ?", (rad_id,)))
    target = Grupp(grupp) if grupp is not None else current
    ids = [
        r["id"]
        for r in ff.query(
            "SELECT id FROM budget_rad WHERE version_id = ? AND grupp = ? ORDER BY ordning, id",
            (vid, target.value),
        )
    ]
    if target is current:
        i = ids.index(rad_id)
        j = max(0, min(len(ids) - 1, i + steg))
        if i == j:
            return
        ids.insert(j, ids.pop(i))
    else:
        ids.append(rad_id)
    with ff.write("Flytta budgetrad") as db:
        db.execute("UPDATE budget_rad SET grupp = ? WHERE id = ?", (target.value, rad_id))
        _renumber(db, ids)


def byt_radtext(ff: ForbundFile, rad_id: int, text: str) -> None:
    _require_open(ff, _version_of_row(ff, rad_id))
    text = text.strip()
    if not text:
        raise BudgetError("En budgetrad måste ha en text.")
    with ff.write(f"Byt namn på budgetraden till ”{text}”") as db:
        db.execute("UPDATE budget_rad SET text = ? WHERE id = ?", (text, rad_id))


def ta_bort_rad(ff: ForbundFile, rad_id: int) -> None:
    _require_open(ff, _version_of_row(ff, rad_id))
    text = ff.scalar("SELECT text FROM budget_rad WHERE id = ?", (rad_id,))
    with ff.write(f"Ta bort budgetraden ”{text}”") as db:
        db.execute("DELETE FROM budget_rad WHERE id = ?", (rad_id,))


KONTERING = ("konto", "ansvar", "verksamhet", "projekt", "motpart")


def koppla_rad(ff: ForbundFile, rad_id: int, **fields) -> None:
    """Link a row to an insats, a member, a konto and the rest of its account string.

    Keyword arguments among grupp (moves the row last into that group), insats_id,
    medlem_id, konto, ansvar, verksamhet, projekt, motpart; None or "" clears. An unknown
    konto is added to the kontoplan with no name. Also, as in :func:`markera_rad`, slag and
    under_resultat (what the row counts as), and avsnitt_id (where the förbund's uppställning
    prints it; None: with its group), so the Koppla dialog is one action.
    """
    allowed = {
        "insats_id",
        "medlem_id",
        "medlemmar",
        "grupp",
        "slag",
        "under_resultat",
        "avsnitt_id",
    }
    unknown = set(fields) - allowed - set(KONTERING)
    if unknown:
        raise TypeError(f"Okända fält: {sorted(unknown)}")
    vid = _version_of_row(ff, rad_id)
    _require_open(ff, vid)
    grupp = fields.pop("grupp", None)
    if "slag" in fields or "under_resultat" in fields:
        slag = RadSlag(fields["slag"]) if fields.get("slag") else None
        under = bool(fields.get("under_resultat"))
        if under and slag is not RadSlag.EGET_KAPITAL:
            raise BudgetError("Bara ianspråktagande av eget kapital kan visas under resultatet.")
        fields["slag"], fields["under_resultat"] = (slag.value if slag else None), int(under)
    if fields.get("avsnitt_id") is not None:
        a = ff.query(
            "SELECT version_id, rubrik FROM budget_avsnitt WHERE id = ?", (fields["avsnitt_id"],)
        )
        if not a or a[0]["version_id"] != vid or not a[0]["rubrik"]:
            raise BudgetError("Avsnittet finns inte i den här budgetversionen.")
        under = fields.get(
            "under_resultat",
            ff.scalar("SELECT under_resultat FROM budget_rad WHERE id = ?", (rad_id,)),
        )
        if under:
            raise BudgetError("En rad som visas under resultatet står inte i något avsnitt.")
    medlemmar = fields.pop("medlemmar", None)
    if medlemmar is not None:
        # several members: the row stands for them together; one: it is that member's
        medlemmar = sorted(set(medlemmar))
        if "medlem_id" in fields and fields["medlem_id"] is not None and medlemmar:
            raise BudgetError("Välj en medlem eller flera, inte båda.")
        if len(medlemmar) == 1:
            fields["medlem_id"], medlemmar = medlemmar[0], []
        elif medlemmar:
            fields["medlem_id"] = None
    with ff.write("Koppla budgetrad") as db:
        if medlemmar is not None or fields.get("medlem_id") is not None:
            db.execute("DELETE FROM budget_rad_medlem WHERE rad_id = ?", (rad_id,))
            for mid in medlemmar or ():
                db.execute(
                    "INSERT INTO budget_rad_medlem (rad_id, medlem_id) VALUES (?, ?)", (rad_id, mid)
                )
        if "avsnitt_id" in fields or fields.get("under_resultat"):
            # a row shown under the result stands in no avsnitt
            placera(db, rad_id, None if fields.get("under_resultat") else fields["avsnitt_id"])
        fields.pop("avsnitt_id", None)
        if grupp is not None:
            grupp = Grupp(grupp)
            current = db.execute("SELECT grupp FROM budget_rad WHERE id = ?", (rad_id,)).fetchone()
            if current[0] != grupp.value:
                last = db.execute(
                    "SELECT coalesce(max(ordning), 0) + 1 FROM budget_rad WHERE version_id = ? "
                    "AND grupp = ?",
                    (vid, grupp.value),
                ).fetchone()[0]
                db.execute(
                    "UPDATE budget_rad SET grupp = ?, ordning = ? WHERE id = ?",
                    (grupp.value, last, rad_id),
                )
        for key, value in fields.items():
            if key in ("ansvar", "verksamhet", "projekt", "motpart"):
                value = (value or "").strip()
            if key == "konto":
                value = (value or "").strip() or None
                if value is not None:
                    db.execute(
                        "INSERT OR IGNORE INTO konto (nummer, benamning) VALUES (?, '')", (value,)
                    )
            db.execute(f"UPDATE budget_rad SET {key} = ? WHERE id = ?", (value, rad_id))


def placera(db, rad_id: int, avsnitt_id: int | None) -> None:
    """Within a write: print the row last in ``avsnitt_id`` (None: with its group); a row
    already there keeps its place."""
    current = db.execute("SELECT avsnitt_id FROM budget_rad WHERE id = ?", (rad_id,)).fetchone()
    if current[0] == avsnitt_id:
        return
    last = db.execute(
        "SELECT coalesce(max(plats), 0) + 1 FROM budget_rad WHERE avsnitt_id = ?", (avsnitt_id,)
    ).fetchone()[0]
    db.execute(
        "UPDATE budget_rad SET avsnitt_id = ?, plats = ? WHERE id = ?",
        (avsnitt_id, last if avsnitt_id is not None else 0, rad_id),
    )


def markera_rad(
    ff: ForbundFile, rad_id: int, slag: RadSlag | str | None, *, under_resultat: bool = False
) -> None:
    """Say what a row counts as (its meaning, apart from the group it shows in): None an
    ordinary row of its group, RadSlag.EGET_KAPITAL a use of eget kapital (shown among its
    group's rows, or under the result with ``under_resultat``), RadSlag.EJ_FORDELAT money
    not yet given to any insats. One action."""
    _require_open(ff, _version_of_row(ff, rad_id))
    slag = RadSlag(slag) if slag else None
    if under_resultat and slag is not RadSlag.EGET_KAPITAL:
        raise BudgetError("Bara ianspråktagande av eget kapital kan visas under resultatet.")
    text = ff.scalar("SELECT text FROM budget_rad WHERE id = ?", (rad_id,))
    what = slag.label.lower() if slag else "vanlig rad"
    with ff.write(f"Markera ”{text}” som {what}") as db:
        db.execute(
            "UPDATE budget_rad SET slag = ?, under_resultat = ? WHERE id = ?",
            (slag.value if slag else None, int(under_resultat), rad_id),
        )
        if under_resultat:
            placera(db, rad_id, None)  # a row shown under the result stands in no avsnitt


# -- amounts and notes --------------------------------------------------------------------------


def satt_belopp(
    ff: ForbundFile,
    cells: Iterable[tuple[int, int, int | None]],
    label: str = "Ändra budgetbelopp",
) -> int:
    """Type amounts: (rad_id, ar, öre or None to clear) per cell, all in one action.

    Typed amounts are marked typed. Clearing keeps a note if the cell has one (as 0 is not
    the same as empty, the amount is removed only where no note is left). Returns the count.
    """
    cells = list(cells)
    if not cells:
        return 0
    versions = {_version_of_row(ff, rad_id) for rad_id, _, _ in cells}
    for vid in versions:
        v = _require_open(ff, vid)
        years = (v["ar"], v["ar"] + 1, v["ar"] + 2)
        for _, ar, _ in cells:
            if ar not in years:
                raise BudgetError(f"Året {ar} ingår inte i budgeten för {v['ar']}.")
    with ff.write(label) as db:
        for rad_id, ar, ore in cells:
            if ore is None:
                db.execute(
                    "DELETE FROM budget_belopp WHERE rad_id = ? AND ar = ? AND anteckning = ''",
                    (rad_id, ar),
                )
                db.execute(
                    "UPDATE budget_belopp SET belopp_ore = 0, harledd = 0 "
                    "WHERE rad_id = ? AND ar = ?",
                    (rad_id, ar),
                )
            else:
                db.execute(
                    "INSERT INTO budget_belopp (rad_id, ar, belopp_ore, harledd) "
                    "VALUES (?, ?, ?, 0) ON CONFLICT(rad_id, ar) DO UPDATE SET "
                    "belopp_ore = excluded.belopp_ore, harledd = 0",
                    (rad_id, ar, int(ore)),
                )
    return len(cells)


def balansera(ff: ForbundFile, version_id: int, rad_id: int) -> dict[int, int]:
    """Make the result after any use of eget kapital (:func:`ekonomi.budget_balans`) of
    each of the version's years 0 by adjusting row ``rad_id`` (typed).

    The way many förbund balance a budget: a row such as "Reserverade medel för nya
    aktiviteter" takes what is left, or the use of eget kapital covers the deficit. Returns
    the row's new amount per year; one action.
    """
    v = _require_open(ff, version_id)
    if _version_of_row(ff, rad_id) != version_id:
        raise BudgetError("Raden hör inte till den här budgetversionen.")
    cells = []
    for year in budget_ar(v):
        result = budget_balans(ff, version_id, year)
        current = ff.scalar(
            "SELECT belopp_ore FROM budget_belopp WHERE rad_id = ? AND ar = ?", (rad_id, year)
        )
        cells.append((rad_id, year, (current or 0) - result))
    text = ff.scalar("SELECT text FROM budget_rad WHERE id = ?", (rad_id,))
    satt_belopp(ff, cells, f"Balansera budgeten med ”{text}”")
    return {year: ore for _, year, ore in cells}


def satt_anteckning(ff: ForbundFile, rad_id: int, ar: int, text: str) -> None:
    """A note on one cell (a budget amount of one row and year)."""
    _require_open(ff, _version_of_row(ff, rad_id))
    text = text.strip()
    with ff.write("Ändra anteckning" if text else "Ta bort anteckning") as db:
        db.execute(
            "INSERT INTO budget_belopp (rad_id, ar, belopp_ore, anteckning) VALUES (?, ?, 0, ?) "
            "ON CONFLICT(rad_id, ar) DO UPDATE SET anteckning = excluded.anteckning",
            (rad_id, ar, text),
        )


# -- utfall per budget row ----------------------------------------------------------------------


def _place(rader: Sequence[dict], u: dict) -> dict | None:
    """The budget row an utfall row belongs to (see :func:`utfall_per_rad`), or None."""
    same = [r for r in rader if r["grupp"] == u["grupp"]]
    text = u["text"].strip().casefold()
    tests = (
        lambda r: u.get("insats_id") is not None and r.get("insats_id") == u["insats_id"],
        lambda r: u.get("medlem_id") is not None and u["medlem_id"] in radens_medlemmar(r),
        lambda r: r["text"].strip().casefold() == text,
        lambda r: bool(u.get("konto")) and r.get("konto") == u["konto"],
    )
    for test in tests:
        for r in same:
            if test(r):
                return r
    # a group budgeted on one row ("Styrelsen", "Kansli"): all its utfall belongs to that row
    return same[0] if len(same) == 1 else None


def utfall_intakt_kostnad(
    rader: Sequence[dict], utfall: Sequence[dict]
) -> dict[int, tuple[int, int]]:
    """Per budget row the driftredovisning's split: (utfall intäkt, utfall kostnad).

    Each utfall row counts as intäkt when positive and kostnad when negative; netto is the sum.
    """
    out: dict[int, tuple[int, int]] = {}
    for u in utfall:
        rad = _place(rader, u)
        if rad is None:
            continue
        pos, neg = out.get(rad["id"], (0, 0))
        if u["belopp_ore"] >= 0:
            pos += u["belopp_ore"]
        else:
            neg += u["belopp_ore"]
        out[rad["id"]] = (pos, neg)
    return out


def utfall_per_rad(
    rader: Sequence[dict], utfall: Sequence[dict]
) -> tuple[dict[int, int], dict[Grupp, int]]:
    """Place utfall rows on budget rows: (sum per rad_id, sum per group of what fits no row).

    An utfall row goes to the first budget row of its group with the same insats, else the
    same member, else the same text, else the same konto, else the group's only row.
    """
    per_rad: dict[int, int] = {}
    rest: dict[Grupp, int] = {}
    for u in utfall:
        rad = _place(rader, u)
        if rad is not None:
            per_rad[rad["id"]] = per_rad.get(rad["id"], 0) + u["belopp_ore"]
        else:
            g = Grupp(u["grupp"])
            rest[g] = rest.get(g, 0) + u["belopp_ore"]
    return per_rad, rest


def satt_utfall_for_rad(ff: ForbundFile, rad_id: int, ar: int, ore: int | None) -> None:
    """Enter a whole-year utfall for a budget row (replacing the whole-year rows it matches)."""
    rad = ff.query("SELECT * FROM budget_rad WHERE id = ?", (rad_id,))
    if not rad:
        raise BudgetError("Budgetraden finns inte längre.")
    rad = rad[0]
    if ff.scalar(
        "SELECT EXISTS (SELECT 1 FROM utfall WHERE ar = ? AND manad IS NOT NULL)", (ar,)
    ) and not ff.scalar(
        "SELECT EXISTS (SELECT 1 FROM utfall WHERE ar = ? AND manad IS NULL)", (ar,)
    ):
        raise BudgetError(
            f"Utfallet för {ar} finns per månad. Ändra det genom en ny import av utfallet."
        )
    rows = ff.query("SELECT * FROM utfall WHERE ar = ? AND manad IS NULL", (ar,))
    same_group = versionens_rader(ff, rad["version_id"])
    mine = []
    for u in rows:
        first = _place(same_group, u)
        if first is not None and first["id"] == rad_id:
            mine.append(u["id"])
    with ff.write(f"Ändra utfall {ar} för ”{rad['text']}”") as db:
        for uid in mine:
            db.execute("DELETE FROM utfall WHERE id = ?", (uid,))
        if ore is not None:
            db.execute(
                "INSERT INTO utfall (ar, manad, grupp, ordning, text, insats_id, konto, "
                "medlem_id, belopp_ore) VALUES (?, NULL, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ar,
                    rad["grupp"],
                    rad["ordning"],
                    rad["text"],
                    rad["insats_id"],
                    rad["konto"],
                    rad["medlem_id"],
                    ore,
                ),
            )


# -- periodisation ------------------------------------------------------------------------------


def periodisera(
    belopp_ore: int,
    metod: str = "jamnt",
    *,
    profil: Sequence[Decimal | int] | None = None,
    manad: int = 1,
) -> list[int]:
    """Twelve monthly amounts that sum exactly to ``belopp_ore``.

    ``jamnt``: 1/12 per month in whole kronor (rounded toward zero), the remainder in
    December. ``profil``: twelve weights (percent or any proportion) in whole kronor toward
    zero, the remainder in the last month with a weight (December unless it has none).
    ``manad``: everything in month ``manad``. Öre stay with the remainder.
    """
    sign = -1 if belopp_ore < 0 else 1
    total = abs(belopp_ore)
    if metod == "manad":
        if not 1 <= manad <= 12:
            raise BudgetError(f"Månad {manad} finns inte; ange 1–12.")
        return [belopp_ore if m == manad else 0 for m in range(1, 13)]
    if metod == "jamnt":
        weights = [Decimal(1)] * 12
    elif metod == "profil":
        if profil is None or len(profil) != 12:
            raise BudgetError("En månadsprofil har tolv värden, ett per månad.")
        weights = [Decimal(w) for w in profil]
        if any(w < 0 for w in weights) or sum(weights) <= 0:
            raise BudgetError("Månadsprofilens värden ska vara positiva och inte alla noll.")
    else:
        raise BudgetError(f"Okänt sätt att periodisera: {metod}.")
    summa = sum(weights)
    last = max(i for i, w in enumerate(weights) if w > 0)
    months = [int(Decimal(total) * w / summa / 100) * 100 for w in weights]
    months[last] += total - sum(months)
    return [sign * m for m in months]


# -- is a typed amount plausible? ---------------------------------------------------------------
#
# A number typed in the budget grid is read in the unit shown (tkr by default), so "734 000"
# copied from a document in kronor would be 734 000 tkr: 734 million kronor. Before such an
# amount is stored the grid asks, with both readings. The rule, the same for every cell, the
# sign left aside:
#
# 1. Ceiling. No amount of one row and year can be more than twice the förbund's largest yearly
#    intäkter that the file knows: the most of any budget version's intäkter for one year (the
#    cell being typed over left out), of any bokslut's driftbidrag, of any year's intäkter in
#    utfall. Twice, so that a whole year's funding in one row passes even after a year that
#    doubled it; never below 1 Mkr (less than any förbund's yearly funds). A file that knows no
#    intäkter yet has 100 Mkr: no samordningsförbund's yearly funds come near it.
# 2. The row. An amount 500 times or more the row's largest amount in its version looks like
#    kronor typed where tkr were meant (exactly a thousand times), or a few zeros too many.
#
# It is a question, not a refusal: the user can store the amount as typed.

#: How many of the förbund's largest yearly intäkter one amount may be before it is asked about.
ARSINTAKTER_GANGER = 2
#: The lowest ceiling, in öre: 1 Mkr, less than any samordningsförbund's yearly funds.
MINSTA_TAK_ORE = 1_000_000 * 100
#: The ceiling, in öre, of a file that knows no intäkter: 100 Mkr.
TAK_UTAN_INTAKTER_ORE = 100_000_000 * 100
#: How many times its row's largest amount a typed amount may be before it is asked about.
RADENS_GANGER = 500


def storsta_arsintakt(ff: ForbundFile, *, utom: tuple[int, int] | None = None) -> int | None:
    """The förbund's largest yearly intäkter the file knows, in öre (None: none known).

    The most of: a budget version's intäkter for one year (its positive amounts; ``utom`` =
    (rad_id, år) leaves out the cell about to be typed over), a bokslut's driftbidrag, a
    year's intäkter in utfall.
    """
    rad_id, ar = utom if utom is not None else (None, None)
    budget = ff.scalar(
        "SELECT max(s) FROM (SELECT sum(b.belopp_ore) AS s FROM budget_belopp b "
        "JOIN budget_rad r ON r.id = b.rad_id WHERE r.grupp = ? AND b.belopp_ore > 0 "
        "AND NOT (b.rad_id IS ? AND b.ar IS ?) GROUP BY r.version_id, b.ar)",
        (Grupp.INTAKTER.value, rad_id, ar),
    )
    bokslut = ff.scalar("SELECT max(driftbidrag_ore) FROM bokslut")
    utfall = ff.scalar(
        "SELECT max(s) FROM (SELECT sum(belopp_ore) AS s FROM utfall "
        "WHERE grupp = ? AND belopp_ore > 0 GROUP BY ar)",
        (Grupp.INTAKTER.value,),
    )
    known = [v for v in (budget, bokslut, utfall) if v]
    return max(known) if known else None


def rimlighetstak(ff: ForbundFile, *, utom: tuple[int, int] | None = None) -> int:
    """The most, in öre, one budget amount can plausibly be for this förbund (rule 1 above)."""
    known = storsta_arsintakt(ff, utom=utom)
    if known is None:
        return TAK_UTAN_INTAKTER_ORE
    return max(ARSINTAKTER_GANGER * known, MINSTA_TAK_ORE)


def orimligt_belopp(
    ff: ForbundFile, rad_id: int, ar: int, ore: int | None, *, utfall: bool = False
) -> str | None:
    """Why ``ore`` typed for row ``rad_id`` and year ``ar`` looks wrong, or None if it does not.

    The reason is a Swedish sentence for the question the grid asks (the rule above). With
    ``utfall`` the amount is the row's utfall, not a budget cell: no budget cell is typed over.
    """
    if not ore:
        return None
    size = abs(ore)
    utom = None if utfall else (rad_id, ar)
    if size > rimlighetstak(ff, utom=utom):
        known = storsta_arsintakt(ff, utom=utom)
        if known is None:
            return (
                f"Det är mer än {_kr(TAK_UTAN_INTAKTER_ORE)}: mer än något samordningsförbund "
                "får under ett år."
            )
        return (
            f"Det är mer än dubbelt så mycket som förbundets största intäkter under ett år "
            f"({_kr(known)})."
        )
    row_max = ff.scalar(
        "SELECT max(abs(belopp_ore)) FROM budget_belopp WHERE rad_id = ?", (rad_id,)
    )
    if row_max and size >= RADENS_GANGER * row_max:
        return (
            f"Det är minst {RADENS_GANGER} gånger så mycket som radens största belopp i budgeten "
            f"({_kr(row_max)})."
        )
    return None


def _kr(ore: int) -> str:
    return format_amount(ore, suffix=True)
