"""The förbund's own goals: verksamhetsmål and finansiella mål decided by the styrelse.

Not an insats's goals (those are in :mod:`finsam_desktop.insatser`): these belong to the
förbund, stand in the verksamhetsplan for the years they apply, get a prognosis in the
delårsrapport and a bedömning with a motivering in the årsredovisning ("God ekonomisk
hushållning och måluppfyllelse"). A goal sits under an area the förbund names ("Individens
självförsörjning", "Samverkan") and has a measure (mått, indikator) and a way it is followed
up. The bedömning has three steps (:class:`~finsam_desktop.model.Bedomning`) which the förbund
names in its own words (the settings ``bedomning_*``: "Målet uppnått" or "Helt och hållet").

Each edit is one named, undoable write that refuses bad input in Swedish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .forbund import Ogiltigt, text_required
from .model import Bedomning, MalSlag, Skede
from .settings import get_setting

if TYPE_CHECKING:
    from .storage import ForbundFile

#: The goal's text fields a person edits, with the word a message uses for each.
TEXTFALT = {"mal": "målet", "omrade": "området", "matt": "måttet", "uppfoljning": "uppföljningen"}


@dataclass(frozen=True)
class Forbundsmal:
    id: int
    slag: MalSlag
    omrade: str
    ordning: int
    mal: str
    matt: str
    uppfoljning: str
    fran_ar: int
    till_ar: int | None  # None: until further notice
    #: (year, skede) → (bedömning, motivering)
    bedomningar: dict[tuple[int, Skede], tuple[Bedomning, str]] = field(default_factory=dict)

    def galler(self, ar: int) -> bool:
        """Whether the goal applies in ``ar``."""
        return self.fran_ar <= ar and (self.till_ar is None or ar <= self.till_ar)

    def bedomning(self, ar: int, skede: Skede = Skede.HELAR) -> tuple[Bedomning, str] | None:
        return self.bedomningar.get((ar, skede))


def _check_year(ar: int) -> None:
    if not 2004 <= ar <= 2200:
        raise Ogiltigt(f"{ar} är inget år förbundet kan ha (2004–2200).")


def forbundsmal(ff: ForbundFile, ar: int | None = None) -> list[Forbundsmal]:
    """The förbund's goals (those applying in ``ar``, or all), verksamhetsmål first, each
    kind in its order."""
    bedomningar: dict[int, dict] = {}
    for b in ff.query("SELECT * FROM forbundsmal_bedomning"):
        bedomningar.setdefault(b["mal_id"], {})[(b["ar"], Skede(b["skede"]))] = (
            Bedomning(b["bedomning"]),
            b["motivering"],
        )
    slag_order = {s.value: i for i, s in enumerate(MalSlag)}
    rows = sorted(
        ff.query("SELECT * FROM forbundsmal"),
        key=lambda r: (slag_order[r["slag"]], r["ordning"], r["id"]),
    )
    out = [_record(r, bedomningar.get(r["id"], {})) for r in rows]
    return [m for m in out if ar is None or m.galler(ar)]


def _record(r: dict, bedomningar: dict) -> Forbundsmal:
    plain = ("id", "omrade", "ordning", "mal", "matt", "uppfoljning", "fran_ar", "till_ar")
    return Forbundsmal(slag=MalSlag(r["slag"]), bedomningar=bedomningar, **{k: r[k] for k in plain})


def hamta(ff: ForbundFile, mal_id: int) -> Forbundsmal:
    found = [m for m in forbundsmal(ff) if m.id == mal_id]
    if not found:
        raise Ogiltigt("Målet finns inte längre i förbundsfilen.")
    return found[0]


def bedomningsord(ff: ForbundFile, bedomning: Bedomning) -> str:
    """The förbund's own word for a step of the scale ("Målet uppnått", "Helt och hållet")."""
    word = str(get_setting(ff, f"bedomning_{bedomning.value}")).strip()
    return word or bedomning.label


def nytt_mal(ff: ForbundFile, slag: MalSlag, text: str, fran_ar: int, *, omrade: str = "") -> int:
    """A new goal of the förbund, applying from ``fran_ar`` until further notice, last of
    its kind."""
    text = text_required(text, "Målet")
    _check_year(fran_ar)
    ordning = (
        ff.scalar("SELECT max(ordning) FROM forbundsmal WHERE slag = ?", (slag.value,)) or 0
    ) + 1
    with ff.write(f"Nytt {slag.label.lower().removesuffix('mål')}mål") as db:
        cur = db.execute(
            "INSERT INTO forbundsmal (slag, omrade, ordning, mal, fran_ar) VALUES (?, ?, ?, ?, ?)",
            (slag.value, omrade.strip(), ordning, text, fran_ar),
        )
        return int(cur.lastrowid)


def andra_text(ff: ForbundFile, mal_id: int, column: str, text: str) -> None:
    if column not in TEXTFALT:
        raise KeyError(column)
    text = text_required(text, "Målet") if column == "mal" else text.strip()
    old = hamta(ff, mal_id)
    if getattr(old, column) == text:
        return
    with ff.write(f"Ändra {TEXTFALT[column]}") as db:
        db.execute(f"UPDATE forbundsmal SET {column} = ? WHERE id = ?", (text, mal_id))


def andra_slag(ff: ForbundFile, mal_id: int, slag: MalSlag) -> None:
    old = hamta(ff, mal_id)
    if old.slag is slag:
        return
    ordning = (
        ff.scalar("SELECT max(ordning) FROM forbundsmal WHERE slag = ?", (slag.value,)) or 0
    ) + 1
    with ff.write(f"Gör målet till {slag.label.lower()}") as db:
        db.execute(
            "UPDATE forbundsmal SET slag = ?, ordning = ? WHERE id = ?",
            (slag.value, ordning, mal_id),
        )


def andra_ar(ff: ForbundFile, mal_id: int, fran_ar: int, till_ar: int | None) -> None:
    """The years the goal applies: from ``fran_ar`` to ``till_ar`` (None: until further
    notice)."""
    _check_year(fran_ar)
    if till_ar is not None:
        _check_year(till_ar)
        if till_ar < fran_ar:
            raise Ogiltigt(f"Målet kan inte gälla till {till_ar} när det gäller från {fran_ar}.")
    old = hamta(ff, mal_id)
    if (old.fran_ar, old.till_ar) == (fran_ar, till_ar):
        return
    with ff.write("Ändra åren målet gäller") as db:
        db.execute(
            "UPDATE forbundsmal SET fran_ar = ?, till_ar = ? WHERE id = ?",
            (fran_ar, till_ar, mal_id),
        )


def flytta(ff: ForbundFile, mal_id: int, steg: int) -> None:
    """Move a goal up (−1) or down (+1) among the goals of its kind."""
    m = hamta(ff, mal_id)
    same = [g.id for g in forbundsmal(ff) if g.slag is m.slag]
    i = same.index(mal_id)
    j = max(0, min(len(same) - 1, i + steg))
    if i == j:
        return
    same.insert(j, same.pop(i))
    with ff.write("Flytta målet") as db:
        for n, gid in enumerate(same, start=1):
            db.execute("UPDATE forbundsmal SET ordning = ? WHERE id = ?", (n, gid))


def ta_bort(ff: ForbundFile, mal_id: int) -> None:
    m = hamta(ff, mal_id)
    with ff.write(f"Ta bort målet ”{_short(m.mal)}”") as db:
        db.execute("DELETE FROM forbundsmal WHERE id = ?", (mal_id,))


def satt_bedomning(
    ff: ForbundFile,
    mal_id: int,
    ar: int,
    skede: Skede,
    bedomning: Bedomning | None,
    motivering: str = "",
) -> None:
    """The goal's bedömning for ``ar`` at ``skede`` with its motivering; None removes it."""
    _check_year(ar)
    m = hamta(ff, mal_id)
    motivering = motivering.strip()
    old = m.bedomning(ar, skede)
    when = "prognos" if skede is Skede.DELAR else "bedömning"
    if bedomning is None:
        if old is None:
            return
        with ff.write(f"Ta bort {when} {ar}") as db:
            db.execute(
                "DELETE FROM forbundsmal_bedomning WHERE mal_id = ? AND ar = ? AND skede = ?",
                (mal_id, ar, skede.value),
            )
        return
    if old == (bedomning, motivering):
        return
    with ff.write(f"Målets {when} {ar}") as db:
        db.execute(
            "INSERT INTO forbundsmal_bedomning (mal_id, ar, skede, bedomning, motivering) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (mal_id, ar, skede) DO UPDATE SET "
            "bedomning = excluded.bedomning, motivering = excluded.motivering",
            (mal_id, ar, skede.value, bedomning.value, motivering),
        )


def utan_bedomning(ff: ForbundFile, ar: int) -> list[Forbundsmal]:
    """The goals applying in ``ar`` that have no whole-year bedömning for it."""
    return [m for m in forbundsmal(ff, ar) if m.bedomning(ar, Skede.HELAR) is None]


def _short(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"
