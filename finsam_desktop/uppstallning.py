"""The förbund's own uppställning of a budget: its presentation groups (avsnitt) and subtotals.

A budget row has a *meaning* (its grupp and slag: driftbidrag, administration, an insats, a
use of eget kapital, ej fördelade medel …) that decides the arithmetic: the result, the
driftbidrag, the admin share, the eget-kapital forecast. Where it is *printed* is the
förbund's choice: an avsnitt with a heading ("Kansli-/administrativa kostnader"), its rows
in the förbund's order whatever their meaning, and the subtotal row the förbund wants
("Summa styrelse och kansli", "Parternas insats"). A subtotal adds what is printed: the
avsnitt's own rows, or every intäkt or every kostnad row of the table ("Summa totala
kostnader"). Ratios never read an avsnitt.

A version without avsnitt is shown grouped by meaning, one group per :class:`Grupp`. Rows
not placed in any avsnitt follow the förbund's avsnitt, grouped by meaning, so none is lost.
A use of eget kapital shown under the result is never in an avsnitt: it follows the result.

Every function that changes the file is one user action (one ``ff.write``), refused with a
Swedish message on a decided version.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .budget import BudgetError, _require_open, _version_of_row, placera, utfall_per_rad
from .ekonomi import (
    KOSTNADSGRUPPER,
    ar_eget_kapital,
    budget_rader,
    gallande_budget,
    utfall_rader,
    versionens_rader,
)
from .model import Grupp, Summerar
from .storage import ForbundFile


@dataclass(frozen=True)
class Avsnitt:
    """One presentation group as printed: heading, rows in order, and its subtotal row.

    ``id`` is None for a group by meaning (no avsnitt of the förbund's own)."""

    id: int | None
    rubrik: str
    summa: str
    summerar: Summerar
    rader: tuple[dict, ...] = ()

    @property
    def egen(self) -> bool:
        return self.id is not None


def ar_kostnad(row: dict) -> bool:
    """A row "Alla kostnader" adds: the verksamhet's costs and avskrivningar, not the
    finansiella poster."""
    return Grupp(row["grupp"]) in (*KOSTNADSGRUPPER, Grupp.AVSKRIVNINGAR)


def summerade(avsnitt: Avsnitt, tabell: Sequence[Avsnitt]) -> list[dict]:
    """The rows ``avsnitt``'s subtotal adds, as printed in ``tabell`` (the whole uppställning)."""
    if avsnitt.summerar is Summerar.AVSNITT:
        return list(avsnitt.rader)
    everything = [row for a in tabell for row in a.rader]
    if avsnitt.summerar is Summerar.INTAKTER:
        return [row for row in everything if row["grupp"] == Grupp.INTAKTER.value]
    return [row for row in everything if ar_kostnad(row)]


def _by_meaning(rows: Sequence[dict]) -> list[Avsnitt]:
    out = []
    for grupp in Grupp:
        mine = tuple(r for r in rows if r["grupp"] == grupp.value)
        if mine:
            out.append(
                Avsnitt(None, grupp.label, f"Summa {grupp.label.lower()}", Summerar.AVSNITT, mine)
            )
    return out


def ordna(rows: Sequence[dict], avsnitt: Sequence[dict]) -> list[Avsnitt]:
    """The uppställning of a version's ``rows`` (in their order) given its ``avsnitt`` records
    (id, ordning, rubrik, summa, summerar): the förbund's avsnitt in order, then the rows
    placed in none, grouped by meaning. Rows shown under the result are left out."""
    shown = [r for r in rows if not r.get("under_resultat")]
    if not avsnitt:
        return _by_meaning(shown)
    own = sorted(avsnitt, key=lambda a: (a["ordning"], a["id"]))
    ids = {a["id"] for a in own}
    placed: dict[int, list[dict]] = {a["id"]: [] for a in own}
    loose = []
    for position, row in enumerate(shown):
        if row.get("avsnitt_id") in ids:
            placed[row["avsnitt_id"]].append((row.get("plats", 0), position, row))
        else:
            loose.append(row)
    out = [
        Avsnitt(
            a["id"],
            a["rubrik"],
            a["summa"],
            Summerar(a["summerar"]),
            tuple(row for *_, row in sorted(placed[a["id"]], key=lambda t: t[:2])),
        )
        for a in own
    ]
    return out + _by_meaning(loose)


def avsnitt_poster(ff: ForbundFile, version_id: int) -> list[dict]:
    """The version's avsnitt records in order (id, ordning, rubrik, summa, summerar)."""
    return ff.query(
        "SELECT id, ordning, rubrik, summa, summerar FROM budget_avsnitt WHERE version_id = ? "
        "ORDER BY ordning, id",
        (version_id,),
    )


def uppstallning(ff: ForbundFile, version_id: int, rows: Sequence[dict] | None = None):
    """The version's uppställning; ``rows`` (with amounts, say) default to its rows."""
    if rows is None:
        rows = versionens_rader(ff, version_id)
    return ordna(rows, avsnitt_poster(ff, version_id))


# -- changing it --------------------------------------------------------------------------------


def fel_i_avsnitt(rubrik: str, summa: str, summerar: Summerar | str) -> str | None:
    """Why an avsnitt cannot be kept as typed (a Swedish message), or None."""
    summerar = Summerar(summerar)
    if not rubrik.strip() and not summa.strip():
        return "Ge avsnittet en rubrik, en summarad eller båda."
    if not rubrik.strip() and summerar is Summerar.AVSNITT:
        return (
            "En summarad utan rubrik har inga egna rader; låt den summera alla intäkter eller "
            "alla kostnader, eller ge den en rubrik."
        )
    return None


def _check(ff: ForbundFile, version_id: int, rubrik: str, summa: str, summerar, own_id=None):
    problem = fel_i_avsnitt(rubrik, summa, summerar)
    if problem:
        raise BudgetError(problem)
    if rubrik.strip():
        twin = ff.scalar(
            "SELECT id FROM budget_avsnitt WHERE version_id = ? AND rubrik = ? AND id IS NOT ?",
            (version_id, rubrik.strip(), own_id),
        )
        if twin is not None:
            raise BudgetError(f"Budgeten har redan ett avsnitt som heter ”{rubrik.strip()}”.")


def _avsnitt(ff: ForbundFile, avsnitt_id: int) -> dict:
    rows = ff.query("SELECT * FROM budget_avsnitt WHERE id = ?", (avsnitt_id,))
    if not rows:
        raise BudgetError("Avsnittet finns inte längre.")
    return rows[0]


def nytt_avsnitt(
    ff: ForbundFile,
    version_id: int,
    rubrik: str,
    summa: str = "",
    summerar: Summerar | str = Summerar.AVSNITT,
) -> int:
    """A new avsnitt last in the version's uppställning."""
    _require_open(ff, version_id)
    _check(ff, version_id, rubrik, summa, summerar)
    with ff.write(f"Nytt avsnitt ”{rubrik.strip() or summa.strip()}” i budgeten") as db:
        last = db.execute(
            "SELECT coalesce(max(ordning), 0) + 1 FROM budget_avsnitt WHERE version_id = ?",
            (version_id,),
        ).fetchone()[0]
        return db.execute(
            "INSERT INTO budget_avsnitt (version_id, ordning, rubrik, summa, summerar) "
            "VALUES (?, ?, ?, ?, ?)",
            (version_id, last, rubrik.strip(), summa.strip(), Summerar(summerar).value),
        ).lastrowid


def andra_avsnitt(
    ff: ForbundFile, avsnitt_id: int, rubrik: str, summa: str, summerar: Summerar | str
) -> None:
    """Rename an avsnitt, or change its subtotal row."""
    a = _avsnitt(ff, avsnitt_id)
    _require_open(ff, a["version_id"])
    _check(ff, a["version_id"], rubrik, summa, summerar, avsnitt_id)
    if not rubrik.strip() and ff.scalar(
        "SELECT count(*) FROM budget_rad WHERE avsnitt_id = ?", (avsnitt_id,)
    ):
        raise BudgetError("Avsnittet har rader och behöver en rubrik.")
    with ff.write(f"Ändra avsnittet ”{rubrik.strip() or summa.strip()}”") as db:
        db.execute(
            "UPDATE budget_avsnitt SET rubrik = ?, summa = ?, summerar = ? WHERE id = ?",
            (rubrik.strip(), summa.strip(), Summerar(summerar).value, avsnitt_id),
        )


def flytta_avsnitt(ff: ForbundFile, avsnitt_id: int, steg: int) -> None:
    """Move an avsnitt ``steg`` places up (−) or down (+) in the uppställning."""
    a = _avsnitt(ff, avsnitt_id)
    _require_open(ff, a["version_id"])
    ids = [r["id"] for r in avsnitt_poster(ff, a["version_id"])]
    i = ids.index(avsnitt_id)
    j = max(0, min(len(ids) - 1, i + steg))
    if i == j:
        return
    ids.insert(j, ids.pop(i))
    with ff.write(f"Flytta avsnittet ”{a['rubrik'] or a['summa']}”") as db:
        for n, aid in enumerate(ids, start=1):
            db.execute("UPDATE budget_avsnitt SET ordning = ? WHERE id = ?", (n, aid))


def ta_bort_avsnitt(ff: ForbundFile, avsnitt_id: int) -> None:
    """Remove an avsnitt; its rows stay in the budget, shown by their meaning."""
    a = _avsnitt(ff, avsnitt_id)
    _require_open(ff, a["version_id"])
    with ff.write(f"Ta bort avsnittet ”{a['rubrik'] or a['summa']}”") as db:
        db.execute("DELETE FROM budget_avsnitt WHERE id = ?", (avsnitt_id,))


def placera_rad(ff: ForbundFile, rad_id: int, avsnitt_id: int | None) -> None:
    """Print a row last in ``avsnitt_id`` (None: by its meaning). Its meaning is unchanged."""
    vid = _version_of_row(ff, rad_id)
    _require_open(ff, vid)
    if avsnitt_id is None:
        name = "sin grupp"
    else:
        a = _avsnitt(ff, avsnitt_id)
        if a["version_id"] != vid:
            raise BudgetError("Avsnittet hör till en annan budgetversion.")
        if not a["rubrik"]:
            raise BudgetError("En summarad utan rubrik kan inte ha rader.")
        if ff.scalar("SELECT under_resultat FROM budget_rad WHERE id = ?", (rad_id,)):
            raise BudgetError("En rad som visas under resultatet står inte i något avsnitt.")
        name = f"avsnittet ”{a['rubrik']}”"
    text = ff.scalar("SELECT text FROM budget_rad WHERE id = ?", (rad_id,))
    with ff.write(f"Visa ”{text}” i {name}") as db:
        placera(db, rad_id, avsnitt_id)


def flytta_i_avsnitt(ff: ForbundFile, rad_id: int, steg: int) -> None:
    """Move a row ``steg`` places up (−) or down (+) among the rows of its avsnitt."""
    vid = _version_of_row(ff, rad_id)
    _require_open(ff, vid)
    mine = next(
        (a for a in uppstallning(ff, vid) if a.egen and any(r["id"] == rad_id for r in a.rader)),
        None,
    )
    if mine is None:
        raise BudgetError("Raden ligger inte i något eget avsnitt.")
    ids = [r["id"] for r in mine.rader]
    i = ids.index(rad_id)
    j = max(0, min(len(ids) - 1, i + steg))
    if i == j:
        return
    ids.insert(j, ids.pop(i))
    with ff.write("Flytta budgetrad i avsnittet") as db:
        for n, rid in enumerate(ids, start=1):
            db.execute("UPDATE budget_rad SET plats = ? WHERE id = ?", (n, rid))


# -- the driftredovisning in the förbund's uppställning ----------------------------------------


@dataclass(frozen=True)
class Driftpost:
    """A line of the driftredovisning as the förbund shows it: a budget row with the utfall
    placed on it (:func:`finsam_desktop.budget.utfall_per_rad`), or a group's utfall that fits
    no budget row (``rad`` None)."""

    text: str
    grupp: Grupp
    budget: int
    utfall: int
    foregaende_ar: int
    rad: dict | None = None

    @property
    def avvikelse(self) -> int:
        return self.utfall - self.budget


@dataclass(frozen=True)
class Driftavsnitt:
    """An avsnitt of the driftredovisning: its heading, lines, and the subtotal it wants."""

    avsnitt: Avsnitt
    poster: tuple[Driftpost, ...]


def driftredovisning(
    ff: ForbundFile, ar: int, *, till_manad: int | None = None
) -> list[Driftavsnitt] | None:
    """The year's driftredovisning in the uppställning of the budget in force, or None when
    that budget has no avsnitt of the förbund's own (the reports then group by meaning).

    Every utfall of the year and the year before (up to ``till_manad`` for a delårsrapport)
    is on a line: on the budget row it belongs to,
    or on a line per group of what fits none ("Övrigt utfall …"), so the lines add up to the
    year's result. A use of eget kapital funds the year and is no line, as in
    :func:`finsam_desktop.ekonomi.driftredovisning`.
    """
    version = gallande_budget(ff, ar)
    if version is None or not avsnitt_poster(ff, version["id"]):
        return None
    rows = [r for r in budget_rader(ff, version["id"], ar) if not ar_eget_kapital(r)]
    now, rest_now = utfall_per_rad(rows, utfall_rader(ff, ar, till_manad=till_manad))
    before, rest_before = utfall_per_rad(rows, utfall_rader(ff, ar - 1, till_manad=till_manad))

    def post(row: dict) -> Driftpost:
        rid = row["id"]
        return Driftpost(
            row["text"],
            Grupp(row["grupp"]),
            row["belopp_ore"],
            now.get(rid, 0),
            before.get(rid, 0),
            row,
        )

    out = [
        Driftavsnitt(a, tuple(post(row) for row in a.rader))
        for a in uppstallning(ff, version["id"], rows)
    ]
    rest = [
        Driftpost(
            f"Övrigt utfall, {g.label.lower()}", g, 0, rest_now.get(g, 0), rest_before.get(g, 0)
        )
        for g in Grupp
        if rest_now.get(g) or rest_before.get(g)
    ]
    if rest:
        out.append(
            Driftavsnitt(Avsnitt(None, "Utfall utan budgetrad", "", Summerar.AVSNITT), tuple(rest))
        )
    return out


def drift_summerade(avsnitt: Driftavsnitt, tabell: Sequence[Driftavsnitt]) -> list[Driftpost]:
    """The lines a driftredovisning avsnitt's subtotal adds, as :func:`summerade` for the
    budget (intäkter and kostnader by the meaning of each line)."""
    if avsnitt.avsnitt.summerar is Summerar.AVSNITT:
        return list(avsnitt.poster)
    everything = [p for a in tabell for p in a.poster]
    if avsnitt.avsnitt.summerar is Summerar.INTAKTER:
        return [p for p in everything if p.grupp is Grupp.INTAKTER]
    return [p for p in everything if ar_kostnad({"grupp": p.grupp.value})]
