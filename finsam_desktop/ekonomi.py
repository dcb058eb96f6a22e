"""The förbund's economy arithmetic: results, balance figures, ratios and the funding split.

Pure functions over an open :class:`~finsam_desktop.storage.ForbundFile`; every report and
every check computes its figures here, so a figure means the same thing everywhere. Amounts
are integer öre (intäkter positive, kostnader negative, as in the schema and the reports);
ratios are exact :class:`~decimal.Decimal` fractions (0.22 is 22 %), never floats. Formatting
happens at the edge, in :mod:`finsam_desktop.money`.

The rules, as the reference årsredovisning applies them:

- A year's utfall is its whole-year rows (``manad`` NULL) if it has any, else the sum of its
  monthly rows. A delårsrapport asks for the months up to a given month instead.
- Verksamhetens resultat = intäkter + kostnader (negative) + avskrivningar (negative);
  resultat efter finansiella poster adds the financial rows; that is årets resultat, the sum of
  all the year's rows (182 + 56 − 1 = 237 tkr).
- Soliditet = eget kapital at year end / summa tillgångar (820,53 / 997,76 = 82 %).
- Eget kapital / driftbidrag is the figure held against the ceiling setting
  (820 526 / 2 832 000 = 29 %).
- Administrationsandel = (styrelse + administration) / (driftbidrag + ingående eget kapital)
  (750 / 3 416 = 22 %).
"""

from __future__ import annotations

import decimal
from collections import defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal, InvalidOperation
from typing import TYPE_CHECKING

from .errors import Refusal
from .model import BokslutPost, Grupp, MedlemTyp, RadSlag
from .money import format_percent
from .settings import get_setting

if TYPE_CHECKING:
    from .storage import ForbundFile

#: Groups whose rows are verksamhetens kostnader in a resultaträkning.
KOSTNADSGRUPPER = (Grupp.ADMINISTRATION, Grupp.STYRELSE, Grupp.INSATSER)
#: Groups that make the administration share (styrelse and kansli).
ADMINISTRATIONSGRUPPER = (Grupp.STYRELSE, Grupp.ADMINISTRATION)

#: The state, the region(s) and the kommun(er) always share the contribution ½ / ¼ / ¼.
PARTSANDELAR: dict[str, Decimal] = {
    "staten": Decimal(50),
    "region": Decimal(25),
    "kommun": Decimal(25),
}


def part_for(typ: MedlemTyp | str) -> str:
    """Which of the three parties a member type belongs to: "staten", "region" or "kommun"."""
    typ = MedlemTyp(typ)
    if typ.is_state:
        return "staten"
    return typ.value


# -- utfall ------------------------------------------------------------------------------------


def utfall_rader(ff: ForbundFile, ar: int, *, till_manad: int | None = None) -> list[dict]:
    """The utfall rows that make year ``ar``'s figures.

    Without ``till_manad``: the whole-year rows if the year has any, else its monthly rows.
    With ``till_manad`` (1–12): the monthly rows of January up to that month, for a
    delårsrapport; whole-year rows do not say which months they cover and are left out.
    """
    if till_manad is not None:
        if not 1 <= till_manad <= 12:
            raise Refusal(f"Månad {till_manad} finns inte; ange 1–12.")
        return ff.query(
            "SELECT * FROM utfall WHERE ar = ? AND manad BETWEEN 1 AND ? "
            "ORDER BY manad, ordning, id",
            (ar, till_manad),
        )
    whole = ff.query(
        "SELECT * FROM utfall WHERE ar = ? AND manad IS NULL ORDER BY ordning, id", (ar,)
    )
    if whole:
        return whole
    return ff.query(
        "SELECT * FROM utfall WHERE ar = ? AND manad IS NOT NULL ORDER BY manad, ordning, id",
        (ar,),
    )


def har_utfall(ff: ForbundFile, ar: int) -> bool:
    return bool(ff.scalar("SELECT EXISTS (SELECT 1 FROM utfall WHERE ar = ?)", (ar,)))


def utfall_ar(ff: ForbundFile) -> list[int]:
    """Years that have utfall rows, in order."""
    return [r["ar"] for r in ff.query("SELECT DISTINCT ar FROM utfall ORDER BY ar")]


def _per_grupp(rows: Iterable[dict]) -> dict[Grupp, int]:
    sums = dict.fromkeys(Grupp, 0)
    for row in rows:
        sums[Grupp(row["grupp"])] += row["belopp_ore"]
    return sums


def utfall_per_grupp(
    ff: ForbundFile, ar: int, *, till_manad: int | None = None
) -> dict[Grupp, int]:
    """Sum per group (every :class:`Grupp`, zero where the year has no rows)."""
    return _per_grupp(utfall_rader(ff, ar, till_manad=till_manad))


def utfall_per_insats(ff: ForbundFile, ar: int, *, till_manad: int | None = None) -> dict[int, int]:
    """Signed sum of the utfall rows linked to each insats (costs are negative)."""
    sums: dict[int, int] = defaultdict(int)
    for row in utfall_rader(ff, ar, till_manad=till_manad):
        if row["insats_id"] is not None:
            sums[row["insats_id"]] += row["belopp_ore"]
    return dict(sums)


def arets_resultat(ff: ForbundFile, ar: int, *, till_manad: int | None = None) -> int:
    """Sum of all the year's rows: årets resultat (resultat efter finansiella poster)."""
    return sum(r["belopp_ore"] for r in utfall_rader(ff, ar, till_manad=till_manad))


@dataclass(frozen=True)
class Resultatrakning:
    """A resultaträkning in öre. Kostnader, avskrivningar, finansiella kostnader negative."""

    ar: int
    verksamhetens_intakter: int
    verksamhetens_kostnader: int
    avskrivningar: int
    finansiella_intakter: int
    finansiella_kostnader: int

    @property
    def verksamhetens_resultat(self) -> int:
        return self.verksamhetens_intakter + self.verksamhetens_kostnader + self.avskrivningar

    @property
    def finansiella_poster(self) -> int:
        return self.finansiella_intakter + self.finansiella_kostnader

    @property
    def resultat_efter_finansiella_poster(self) -> int:
        return self.verksamhetens_resultat + self.finansiella_poster

    @property
    def arets_resultat(self) -> int:
        """No extraordinary items exist in a förbund's accounts: the same as above."""
        return self.resultat_efter_finansiella_poster


def resultatrakning(ff: ForbundFile, ar: int, *, till_manad: int | None = None) -> Resultatrakning:
    """The year's (or January..till_manad's) resultaträkning from utfall.

    Financial rows are split into intäkter and kostnader by the sign of each row's net
    (rows with the same konto and text summed first, so monthly rows net out as a ledger does).
    """
    rows = utfall_rader(ff, ar, till_manad=till_manad)
    per_grupp = _per_grupp(rows)
    financial: dict[tuple, int] = defaultdict(int)
    for row in rows:
        if row["grupp"] == Grupp.FINANSIELLA.value:
            financial[(row["konto"], row["text"].strip().casefold())] += row["belopp_ore"]
    return Resultatrakning(
        ar=ar,
        verksamhetens_intakter=per_grupp[Grupp.INTAKTER],
        verksamhetens_kostnader=sum(per_grupp[g] for g in KOSTNADSGRUPPER),
        avskrivningar=per_grupp[Grupp.AVSKRIVNINGAR],
        finansiella_intakter=sum(v for v in financial.values() if v > 0),
        finansiella_kostnader=sum(v for v in financial.values() if v < 0),
    )


# -- budget ------------------------------------------------------------------------------------


def budget_ar(version: dict) -> tuple[int, int, int]:
    """The three years a budget version covers: budget year, then two plan years."""
    ar = version["ar"]
    return (ar, ar + 1, ar + 2)


def budget_versioner(ff: ForbundFile, ar: int | None = None) -> list[dict]:
    """Budget versions (of one budget year, or all), oldest first."""
    if ar is None:
        return ff.query("SELECT * FROM budget_version ORDER BY ar, beslut_datum, id")
    return ff.query("SELECT * FROM budget_version WHERE ar = ? ORDER BY beslut_datum, id", (ar,))


def gallande_budget(ff: ForbundFile, ar: int) -> dict | None:
    """The decided version in force for budget year ``ar``: the latest one decided."""
    rows = ff.query(
        "SELECT * FROM budget_version WHERE ar = ? AND status = 'beslutad' "
        "ORDER BY beslut_datum DESC, id DESC LIMIT 1",
        (ar,),
    )
    return rows[0] if rows else None


@dataclass(frozen=True)
class Arsbudget:
    """The budget that holds a year's figures, and how it holds them."""

    version: dict
    ar: int

    @property
    def beslutad(self) -> bool:
        return self.version["status"] == "beslutad"

    @property
    def planar(self) -> bool:
        """The year is a plan year of an earlier year's budget (no budget of its own)."""
        return self.version["ar"] != self.ar

    def text(self) -> str:
        """Which budget it is, in the words of a dialog, a message and the file:
        "Budget 2027, beslutad 2026-11-26 § 58", "Planår 2028 i budget 2027, …", or a
        förslag "… förslag, inte beslutad"."""
        v = self.version
        namn = f" ”{v['namn']}”" if v["namn"].strip() else ""
        head = f"Planår {self.ar} i budget {v['ar']}" if self.planar else f"Budget {v['ar']}"
        if not self.beslutad:
            return f"{head}{namn}: förslag, inte beslutad"
        paragraf = f" {v['beslut_paragraf']}" if v["beslut_paragraf"].strip() else ""
        return f"{head}{namn}, beslutad {v['beslut_datum']}{paragraf}"


def arets_budget(ff: ForbundFile, ar: int) -> Arsbudget | None:
    """The budget for year ``ar`` that goes to the ekonomienhet: its decided version in force,
    else its latest förslag; a year with no budget of its own takes its plan figures from the
    latest decided budget that covers it (a förslag only when none is decided). None: no
    budget covers it."""
    version = gallande_budget(ff, ar) or next(
        iter(ff.query("SELECT * FROM budget_version WHERE ar = ? ORDER BY id DESC", (ar,))), None
    )
    if version is None:
        rows = ff.query(
            "SELECT * FROM budget_version WHERE ar < ? AND ar + 2 >= ? "
            "ORDER BY status = 'beslutad' DESC, ar DESC, beslut_datum DESC, id DESC LIMIT 1",
            (ar, ar),
        )
        version = rows[0] if rows else None
    return Arsbudget(version, ar) if version is not None else None


#: The members a row stands for together (ids, comma-separated; NULL: none, or medlem_id).
_MEDLEMMAR = (
    "(SELECT group_concat(medlem_id) FROM budget_rad_medlem WHERE rad_id = r.id) AS medlemmar"
)


def budget_rader(ff: ForbundFile, version_id: int, ar: int) -> list[dict]:
    """The version's rows with their amount for year ``ar`` (0 where none is entered)."""
    return ff.query(
        f"SELECT r.*, {_MEDLEMMAR}, coalesce(b.belopp_ore, 0) AS belopp_ore FROM budget_rad r "
        "LEFT JOIN budget_belopp b ON b.rad_id = r.id AND b.ar = ? "
        "WHERE r.version_id = ? ORDER BY r.ordning, r.id",
        (ar, version_id),
    )


def versionens_rader(ff: ForbundFile, version_id: int) -> list[dict]:
    """The version's rows (text, grupp, links, kontering) in their order, without amounts."""
    return ff.query(
        f"SELECT r.*, {_MEDLEMMAR} FROM budget_rad r WHERE version_id = ? ORDER BY ordning, id",
        (version_id,),
    )


def radens_medlemmar(row: dict) -> tuple[int, ...]:
    """The members a budget row is for: its one member, or the several it stands for."""
    if row.get("medlem_id") is not None:
        return (row["medlem_id"],)
    return tuple(sorted(int(x) for x in (row.get("medlemmar") or "").split(",") if x))


@dataclass(frozen=True)
class Budgetbelopp:
    """One amount of a budget row: öre for one year, its note, and whether it was derived."""

    rad_id: int
    ar: int
    belopp_ore: int
    anteckning: str
    harledd: bool


def versionens_belopp(ff: ForbundFile, version_id: int) -> list[Budgetbelopp]:
    """Every amount entered in the version, each year of each row (empty cells have none)."""
    rows = ff.query(
        "SELECT b.* FROM budget_belopp b JOIN budget_rad r ON r.id = b.rad_id "
        "WHERE r.version_id = ?",
        (version_id,),
    )
    return [
        Budgetbelopp(r["rad_id"], r["ar"], r["belopp_ore"], r["anteckning"], bool(r["harledd"]))
        for r in rows
    ]


def budget_per_grupp(ff: ForbundFile, version_id: int, ar: int) -> dict[Grupp, int]:
    """The version's amounts for ``ar`` summed per group as shown (every row of the group)."""
    return _per_grupp(budget_rader(ff, version_id, ar))


def ar_eget_kapital(row: dict) -> bool:
    """Whether a budget row is a use of eget kapital (its meaning, wherever it is shown)."""
    return row.get("slag") == RadSlag.EGET_KAPITAL.value


def ar_ej_fordelat(row: dict) -> bool:
    """Whether a budget row is money not yet given to any insats (kvarvarande
    beslutsutrymme, reserverade medel): in the result, not in its group's sum."""
    return row.get("slag") == RadSlag.EJ_FORDELAT.value


def budget_resultat(ff: ForbundFile, version_id: int, ar: int) -> int:
    """The budget's result for one of its years: what it adds to eget kapital, the sum of
    its amounts for that year except the use of eget kapital (which funds a deficit, is no
    intäkt and would otherwise count the same money twice in the forecast). Ej fördelade
    medel are in it: money the förbund plans to spend."""
    return sum(
        row["belopp_ore"] for row in budget_rader(ff, version_id, ar) if not ar_eget_kapital(row)
    )


def budget_eget_kapital(ff: ForbundFile, version_id: int, ar: int) -> int:
    """The eget kapital the budget uses for one of its years (positive: taken in use)."""
    return sum(
        row["belopp_ore"] for row in budget_rader(ff, version_id, ar) if ar_eget_kapital(row)
    )


def budget_balans(ff: ForbundFile, version_id: int, ar: int) -> int:
    """The result after the use of eget kapital: 0 for a balanced budget, the sum of every
    amount for the year (what the budget grid's last line shows)."""
    return budget_resultat(ff, version_id, ar) + budget_eget_kapital(ff, version_id, ar)


def budget_driftbidrag(ff: ForbundFile, version_id: int, ar: int) -> dict[int, int]:
    """Budgeted driftbidrag per member (intäkter rows linked to a member) for one year; a
    use of eget kapital is never driftbidrag, whatever it is linked to."""
    sums: dict[int, int] = defaultdict(int)
    andel = None
    for row in budget_rader(ff, version_id, ar):
        mine = radens_medlemmar(row)
        if row["grupp"] != Grupp.INTAKTER.value or not mine or row["slag"] is not None:
            continue
        if len(mine) == 1:
            sums[mine[0]] += row["belopp_ore"]
            continue
        # a row for several members: their parts by the key, exactly
        if andel is None:
            andel = {m.id: (m.namn, m.andel) for m in _medlemmar(ff)}
        parts = [(mid, *andel[mid]) for mid in mine if mid in andel]
        if any(a is None for *_, a in parts) or not sum(a for *_, a in parts):
            raise Refusal(
                f"Raden ”{row['text']}” står för flera medlemmar, men deras andelar går inte "
                "att läsa; rätta andelarna under Förbundet."
            )
        for f in fordela(row["belopp_ore"], parts, helhet=sum(a for *_, a in parts)):
            sums[f.nyckel] += f.belopp_ore
    return dict(sums)


def _medlemmar(ff: ForbundFile):
    from .forbund import medlemmar  # forbund reads this module's funding rules at import

    return medlemmar(ff)


# -- bokslut (balance sheet) -------------------------------------------------------------------


class Balanssummor:
    """The sums of a balansräkning, from its figures (a bokslut, a delårsbalans): each
    class that has the figures as attributes, in öre, gets them here."""

    anlaggningstillgangar: int
    kortfristiga_fordringar: int
    kortfristiga_placeringar: int
    kassa_och_bank: int
    eget_kapital: int
    avsattningar: int
    langfristiga_skulder: int
    kortfristiga_skulder: int

    @property
    def likvida_medel(self) -> int:
        """Kassa och bank and kortfristiga placeringar: the kassaflödesanalys's likvida medel."""
        return self.kassa_och_bank + self.kortfristiga_placeringar

    @property
    def omsattningstillgangar(self) -> int:
        return self.kortfristiga_fordringar + self.likvida_medel

    @property
    def summa_tillgangar(self) -> int:
        return self.anlaggningstillgangar + self.omsattningstillgangar

    @property
    def skulder(self) -> int:
        return self.langfristiga_skulder + self.kortfristiga_skulder

    @property
    def summa_eget_kapital_avsattningar_skulder(self) -> int:
        return self.eget_kapital + self.avsattningar + self.skulder

    @property
    def obalans(self) -> int:
        """Summa tillgångar − (eget kapital + avsättningar + skulder): 0 when it balances."""
        return self.summa_tillgangar - self.summa_eget_kapital_avsattningar_skulder


@dataclass(frozen=True)
class Bokslut(Balanssummor):
    """One year end's balance figures in öre, all positive as a balansräkning shows them,
    with what the årsredovisning's other parts take from the bokslut (antal anställda, the
    balanskravsutredning's RKR adjustments)."""

    ar: int
    anlaggningstillgangar: int
    kortfristiga_fordringar: int
    kassa_och_bank: int
    eget_kapital_ib: int | None
    eget_kapital: int
    avsattningar: int
    langfristiga_skulder: int
    kortfristiga_skulder: int
    driftbidrag: int | None
    kortfristiga_placeringar: int = 0
    antal_anstallda: int | None = None
    realisationsvinster: int = 0
    realisationsvinster_undantag: int = 0
    realisationsforluster_undantag: int = 0
    orealiserade_forluster: int = 0
    aterforing_orealiserade: int = 0
    resultatutjamningsreserv: int = 0  # medel från (+) / till (−)

    @classmethod
    def from_row(cls, row: dict) -> Bokslut:
        return cls(
            ar=row["ar"],
            anlaggningstillgangar=row["anlaggningstillgangar_ore"],
            kortfristiga_fordringar=row["kortfristiga_fordringar_ore"],
            kassa_och_bank=row["kassa_och_bank_ore"],
            eget_kapital_ib=row["eget_kapital_ib_ore"],
            eget_kapital=row["eget_kapital_ore"],
            avsattningar=row["avsattningar_ore"],
            langfristiga_skulder=row["langfristiga_skulder_ore"],
            kortfristiga_skulder=row["kortfristiga_skulder_ore"],
            driftbidrag=row["driftbidrag_ore"],
            kortfristiga_placeringar=row["kortfristiga_placeringar_ore"],
            antal_anstallda=row["antal_anstallda"],
            realisationsvinster=row["realisationsvinster_ore"],
            realisationsvinster_undantag=row["realisationsvinster_undantag_ore"],
            realisationsforluster_undantag=row["realisationsforluster_undantag_ore"],
            orealiserade_forluster=row["orealiserade_forluster_ore"],
            aterforing_orealiserade=row["aterforing_orealiserade_ore"],
            resultatutjamningsreserv=row["resultatutjamningsreserv_ore"],
        )


def bokslut(ff: ForbundFile, ar: int) -> Bokslut | None:
    rows = ff.query("SELECT * FROM bokslut WHERE ar = ?", (ar,))
    return Bokslut.from_row(rows[0]) if rows else None


def specifikation(ff: ForbundFile, ar: int, post: BokslutPost) -> list[tuple[str, int]]:
    """The year's specification of a balance-sheet post by kind (text, öre), in its order."""
    post = BokslutPost(post)
    rows = ff.query(
        "SELECT text, belopp_ore FROM bokslut_specifikation WHERE ar = ? AND post = ? "
        "ORDER BY ordning, id",
        (ar, post.value),
    )
    return [(r["text"], r["belopp_ore"]) for r in rows]


def spara_specifikation(
    ff: ForbundFile, ar: int, post: BokslutPost, rader: Sequence[tuple[str, int]]
) -> None:
    """Replace the year's specification of ``post`` by ``rader`` (one undoable action); the
    year must have a bokslut."""
    post = BokslutPost(post)
    texts = [" ".join(t.split()) for t, _ in rader]
    if any(not t for t in texts):
        raise Refusal("Varje rad i specifikationen behöver en text.")
    if len(set(t.casefold() for t in texts)) != len(texts):
        raise Refusal("Samma text står två gånger i specifikationen.")
    if bokslut(ff, ar) is None:
        raise Refusal(f"Det finns inget bokslut för {ar} att specificera.")
    with ff.write(f"Specifikation {post.label.lower()} {ar}") as db:
        db.execute("DELETE FROM bokslut_specifikation WHERE ar = ? AND post = ?", (ar, post))
        for i, (text, (_, ore)) in enumerate(zip(texts, rader, strict=True)):
            db.execute(
                "INSERT INTO bokslut_specifikation (ar, post, ordning, text, belopp_ore) "
                "VALUES (?, ?, ?, ?, ?)",
                (ar, post.value, i, text, ore),
            )


def bokslut_ar(ff: ForbundFile) -> list[int]:
    """Years with a bokslut, in order."""
    return [r["ar"] for r in ff.query("SELECT ar FROM bokslut ORDER BY ar")]


def eget_kapital_ib(ff: ForbundFile, ar: int) -> int | None:
    """Ingående eget kapital: the year's own IB if entered, else last year's utgående."""
    this = bokslut(ff, ar)
    if this is not None and this.eget_kapital_ib is not None:
        return this.eget_kapital_ib
    previous = bokslut(ff, ar - 1)
    return previous.eget_kapital if previous is not None else None


def eget_kapital_ub(ff: ForbundFile, ar: int) -> int | None:
    this = bokslut(ff, ar)
    return this.eget_kapital if this is not None else None


def summa_tillgangar(ff: ForbundFile, ar: int) -> int | None:
    this = bokslut(ff, ar)
    return this.summa_tillgangar if this is not None else None


def _ratio(numerator: int, denominator: int) -> Decimal | None:
    if denominator == 0:
        return None
    with decimal.localcontext() as ctx:
        ctx.prec = 28
        return Decimal(numerator) / Decimal(denominator)


def soliditet(ff: ForbundFile, ar: int) -> Decimal | None:
    """Eget kapital at year end / summa tillgångar; None without a bokslut or tillgångar."""
    this = bokslut(ff, ar)
    if this is None:
        return None
    return _ratio(this.eget_kapital, this.summa_tillgangar)


# -- kontoplan ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Konto:
    nummer: str
    benamning: str


def kontoplan(ff: ForbundFile) -> list[Konto]:
    """The förbund's accounts in number order, as the ekonomienhet's kontoplan lists them."""
    rows = ff.query("SELECT nummer, benamning FROM konto ORDER BY nummer")
    return [Konto(r["nummer"], r["benamning"]) for r in rows]


# -- driftbidrag -------------------------------------------------------------------------------


def medlemsintaktskonton(ff: ForbundFile) -> set[str]:
    """Accounts that budgets use for members' driftbidrag (intäkter rows linked to a member).

    Utfall rows carry no member of their own; their konto says whose money they are.
    """
    rows = ff.query(
        "SELECT DISTINCT konto FROM budget_rad WHERE grupp = 'intakter' "
        "AND medlem_id IS NOT NULL AND konto IS NOT NULL AND slag IS NULL"
    )
    return {r["konto"] for r in rows}


def driftbidrag_utfall(ff: ForbundFile, ar: int) -> int | None:
    """The members' driftbidrag as booked in utfall, None if the year has no intäkter rows.

    Rows on the accounts budgets link to members; if none of the year's intäkter rows is on
    such an account (no accounts entered), all intäkter rows.
    """
    rows = [r for r in utfall_rader(ff, ar) if r["grupp"] == Grupp.INTAKTER.value]
    if not rows:
        return None
    konton = medlemsintaktskonton(ff)
    linked = [r for r in rows if r["konto"] in konton]
    return sum(r["belopp_ore"] for r in (linked or rows))


def driftbidrag(ff: ForbundFile, ar: int) -> int | None:
    """The year's driftbidrag: the bokslut's figure if entered, else the utfall's."""
    this = bokslut(ff, ar)
    if this is not None and this.driftbidrag is not None:
        return this.driftbidrag
    return driftbidrag_utfall(ff, ar)


# -- ratios ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class EgetKapitalTak:
    """Eget kapital at year end held against the ceiling (a percentage of driftbidrag)."""

    ar: int
    eget_kapital: int
    driftbidrag: int
    andel: Decimal
    tak_procent: Decimal

    @property
    def tak(self) -> int:
        """The ceiling in öre, rounded half up to whole öre."""
        exact = Decimal(self.driftbidrag) * self.tak_procent / 100
        return int(exact.to_integral_value(rounding=ROUND_HALF_UP))

    @property
    def over_tak(self) -> bool:
        return self.andel * 100 > self.tak_procent

    @property
    def andel_text(self) -> str:
        """The share as printed beside the ceiling, with the decimals it takes (up to two)
        not to read as the ceiling when it is not: 725 000 of 3 623 000 is "20,01 %", over a
        20 % ceiling, where "20 %" would hide it; 23,4 % stays "23 %"; closer still, it says
        "strax över 20 %" (or under) rather than a string of decimals."""
        pct = self.andel * 100
        for decimals in range(3):
            step = Decimal(1).scaleb(-decimals)
            shown = pct.quantize(step, rounding=ROUND_HALF_UP)
            if pct == self.tak_procent or shown != self.tak_procent.quantize(step):
                return format_percent(self.andel, decimals)
        side = "över" if pct > self.tak_procent else "under"
        return f"strax {side} {format_andel(self.tak_procent)}"


def eget_kapital_mot_tak(ff: ForbundFile, ar: int) -> EgetKapitalTak | None:
    """Eget kapital / driftbidrag for a year with a bokslut and a driftbidrag, else None."""
    this = bokslut(ff, ar)
    bidrag = driftbidrag(ff, ar)
    if this is None or not bidrag:
        return None
    andel = _ratio(this.eget_kapital, bidrag)
    assert andel is not None
    return EgetKapitalTak(
        ar=ar,
        eget_kapital=this.eget_kapital,
        driftbidrag=bidrag,
        andel=andel,
        tak_procent=get_setting(ff, "eget_kapital_tak_procent"),
    )


@dataclass(frozen=True)
class Administrationsandel:
    """(Styrelse + administration) / (driftbidrag + ingående eget kapital)."""

    ar: int
    kostnad: int  # positive: the magnitude of the styrelse and administration costs
    driftbidrag: int
    eget_kapital_ib: int
    andel: Decimal

    @property
    def tillgangliga_medel(self) -> int:
        return self.driftbidrag + self.eget_kapital_ib


def administrationsandel(ff: ForbundFile, ar: int) -> Administrationsandel | None:
    """The share of available means used for administration; None if a part is unknown."""
    bidrag = driftbidrag(ff, ar)
    ib = eget_kapital_ib(ff, ar)
    if bidrag is None or ib is None or not har_utfall(ff, ar):
        return None
    per_grupp = utfall_per_grupp(ff, ar)
    kostnad = -sum(per_grupp[g] for g in ADMINISTRATIONSGRUPPER)
    andel = _ratio(kostnad, bidrag + ib)
    if andel is None:
        return None
    return Administrationsandel(
        ar=ar, kostnad=kostnad, driftbidrag=bidrag, eget_kapital_ib=ib, andel=andel
    )


@dataclass(frozen=True)
class Kassaflode:
    """Kassaflödesanalys for a year with this and last year's bokslut, in öre."""

    ar: int
    arets_resultat: int
    ej_likviditetspaverkande: int  # avskrivningar added back (positive)
    forandring_fordringar: int  # increase is negative for cash
    forandring_kortfristiga_skulder: int
    investeringar: int  # change in anläggningstillgångar before avskrivningar, negative
    finansiering: int  # change in långfristiga skulder and avsättningar
    likvida_medel_ib: int
    likvida_medel_ub: int

    @property
    def lopande_verksamhet(self) -> int:
        return (
            self.arets_resultat
            + self.ej_likviditetspaverkande
            + self.forandring_fordringar
            + self.forandring_kortfristiga_skulder
        )

    @property
    def arets_kassaflode(self) -> int:
        return self.lopande_verksamhet + self.investeringar + self.finansiering


def kassaflode(ff: ForbundFile, ar: int) -> Kassaflode | None:
    this, previous = bokslut(ff, ar), bokslut(ff, ar - 1)
    if this is None or previous is None:
        return None
    avskrivningar = -utfall_per_grupp(ff, ar)[Grupp.AVSKRIVNINGAR]
    return Kassaflode(
        ar=ar,
        arets_resultat=arets_resultat(ff, ar),
        ej_likviditetspaverkande=avskrivningar,
        forandring_fordringar=previous.kortfristiga_fordringar - this.kortfristiga_fordringar,
        forandring_kortfristiga_skulder=this.kortfristiga_skulder - previous.kortfristiga_skulder,
        investeringar=-(
            this.anlaggningstillgangar - previous.anlaggningstillgangar + avskrivningar
        ),
        finansiering=(this.langfristiga_skulder - previous.langfristiga_skulder)
        + (this.avsattningar - previous.avsattningar),
        likvida_medel_ib=previous.likvida_medel,
        likvida_medel_ub=this.likvida_medel,
    )


@dataclass(frozen=True)
class Balanskrav:
    """The balanskravsutredning of a year (RKR R11's rows), in öre, each adjustment signed as
    it changes the result: realisationsvinster and the återföring are subtracted, the
    exceptions and the orealiserade förluster added back."""

    ar: int
    arets_resultat: int
    realisationsvinster: int
    realisationsvinster_undantag: int
    realisationsforluster_undantag: int
    orealiserade_forluster: int
    aterforing_orealiserade: int
    resultatutjamningsreserv: int  # medel från (+) / till (−)

    @property
    def justeringar(self) -> tuple[int, ...]:
        return (
            self.realisationsvinster,
            self.realisationsvinster_undantag,
            self.realisationsforluster_undantag,
            self.orealiserade_forluster,
            self.aterforing_orealiserade,
        )

    @property
    def efter_justeringar(self) -> int:
        """Årets resultat efter balanskravsjusteringar."""
        return self.arets_resultat + sum(self.justeringar)

    @property
    def balanskravsresultat(self) -> int:
        return self.efter_justeringar + self.resultatutjamningsreserv


def balanskrav(ff: ForbundFile, ar: int) -> Balanskrav:
    """The year's balanskravsutredning: årets resultat and the bokslut's RKR adjustments
    (none for a year without a bokslut)."""
    b = bokslut(ff, ar)
    return Balanskrav(
        ar=ar,
        arets_resultat=arets_resultat(ff, ar),
        realisationsvinster=-b.realisationsvinster if b else 0,
        realisationsvinster_undantag=b.realisationsvinster_undantag if b else 0,
        realisationsforluster_undantag=b.realisationsforluster_undantag if b else 0,
        orealiserade_forluster=b.orealiserade_forluster if b else 0,
        aterforing_orealiserade=-b.aterforing_orealiserade if b else 0,
        resultatutjamningsreserv=b.resultatutjamningsreserv if b else 0,
    )


# -- the funding key and the split of a medelstilldelning --------------------------------------


def parse_andel(text: str) -> Decimal:
    """A member's andel (percent, exact decimal text: "50", "15.625"; a comma is accepted)."""
    try:
        value = Decimal(str(text).strip().replace(",", ".").replace("\u00a0", ""))
    except InvalidOperation:
        raise Refusal(f"Andelen ”{text}” är inget tal; skriv till exempel 25 eller 12,5.") from None
    if not value.is_finite() or not 0 <= value <= 100:
        raise Refusal(f"Andelen ”{text}” ligger inte mellan 0 och 100 %.")
    return value


def format_andel(andel: Decimal) -> str:
    """A percentage in percent units shown with the decimals it has: "15 %", "15,625 %"."""
    exponent = andel.normalize().as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_percent(andel / 100, decimals)


@dataclass(frozen=True)
class Fordelning:
    """One party's part of a split amount, with the rounding shown."""

    nyckel: Hashable
    namn: str
    andel: Decimal  # percent
    exakt: Decimal  # exact share in öre, before rounding
    belopp_ore: int  # the rounded part actually paid

    @property
    def avrundning(self) -> Decimal:
        """What rounding added (+) or took (−), in öre."""
        return self.belopp_ore - self.exakt


def fordela(
    total_ore: int,
    andelar: Sequence[tuple[Hashable, str, Decimal]],
    *,
    helhet: Decimal | None = None,
) -> list[Fordelning]:
    """Split ``total_ore`` by percentages so the parts sum exactly to the total.

    ``andelar`` is (key, name, andel in percent) per party, in the order ties are settled.
    Parts are whole kronor when the total is whole kronor (else whole öre): each party gets
    its exact share rounded down, and the kronor left over go one each to the largest
    remainders (the largest remainder method), earlier parties first on equal remainders.
    Raises Refusal (Swedish message) if the percentages do not sum to 100; with ``helhet``
    (some of the members, who share a row) they are parts of that sum instead.
    """
    summa = sum((a for _, _, a in andelar), Decimal(0))
    if helhet is not None:
        andelar = [(k, n, a * 100 / helhet) for k, n, a in andelar]
    elif summa != 100:
        raise Refusal(
            f"Fördelningsnyckeln summerar till {format_andel(summa)}, inte "
            f"{format_andel(Decimal(100))}; "
            "rätta andelarna innan medlen fördelas."
        )
    unit = 100 if total_ore % 100 == 0 else 1
    with decimal.localcontext() as ctx:
        ctx.prec = 50
        exact = [Decimal(total_ore) * a / 100 for _, _, a in andelar]
        floors = [int((e / unit).to_integral_value(rounding=ROUND_FLOOR)) * unit for e in exact]
        left = (total_ore - sum(floors)) // unit
        order = sorted(range(len(andelar)), key=lambda i: (-(exact[i] - floors[i]), i))
        for i in order[:left]:
            floors[i] += unit
    return [
        Fordelning(nyckel=k, namn=n, andel=a, exakt=e, belopp_ore=b)
        for (k, n, a), e, b in zip(andelar, exact, floors, strict=True)
    ]


def medelsfordelning(ff: ForbundFile, total_ore: int) -> list[Fordelning]:
    """Split a medelstilldelning among the members by their andel (largest remainder).

    Raises Refusal (Swedish) if an andel is unreadable or the key does not sum to 100 %.
    """
    andelar = []
    for m in _medlemmar(ff):
        if m.andel is None:
            raise Refusal(f"Andelen för {m.namn} (”{m.andel_text}”) är inget tal.")
        andelar.append((m.id, m.namn, m.andel))
    return fordela(total_ore, andelar)


# -- what the reports show (added for the reports; the functions above are unchanged) ----------


@dataclass(frozen=True)
class Femarsrad:
    """One year of the årsredovisning's five-year översikt (öre; ratios as fractions)."""

    ar: int
    medlemsintakter: int | None
    ovriga_intakter: int
    verksamhetens_kostnader: int  # negative, avskrivningar included, financial items not
    finansiella_poster: int  # finansiella intäkter + kostnader: the rest of årets resultat
    arets_resultat: int | None
    soliditet: Decimal | None
    eget_kapital_mot_driftbidrag: Decimal | None
    eget_kapital: int | None
    antal_anstallda: int | None = None  # the bokslut's; None: not known


def femarsoversikt(ff: ForbundFile, ar: int, antal: int = 5) -> list[Femarsrad]:
    """The five-year översikt for ``ar`` and the years before it, newest first.

    Medlemsintäkter are the year's driftbidrag; övriga intäkter the rest of verksamhetens
    intäkter; with the kostnader and the finansiella poster they make årets resultat, the
    utfall's (None for a year without utfall).
    """
    rows = []
    for year in range(ar, ar - antal, -1):
        bidrag = driftbidrag(ff, year)
        rr = resultatrakning(ff, year) if har_utfall(ff, year) else None
        tak = eget_kapital_mot_tak(ff, year)
        rows.append(
            Femarsrad(
                ar=year,
                medlemsintakter=bidrag,
                ovriga_intakter=(rr.verksamhetens_intakter - (bidrag or 0)) if rr else 0,
                verksamhetens_kostnader=(
                    rr.verksamhetens_kostnader + rr.avskrivningar if rr else 0
                ),
                finansiella_poster=rr.finansiella_poster if rr else 0,
                arets_resultat=rr.arets_resultat if rr else None,
                soliditet=soliditet(ff, year),
                eget_kapital_mot_driftbidrag=tak.andel if tak else None,
                eget_kapital=eget_kapital_ub(ff, year),
                antal_anstallda=b.antal_anstallda if (b := bokslut(ff, year)) else None,
            )
        )
    return rows


def utfall_per_text(
    ff: ForbundFile, ar: int, grupp: Grupp, *, till_manad: int | None = None
) -> list[tuple[str, int]]:
    """A group's utfall summed per row text, in the order the rows first appear (for noter)."""
    sums: dict[str, int] = {}
    for row in utfall_rader(ff, ar, till_manad=till_manad):
        if row["grupp"] == grupp.value:
            text = row["text"].strip()
            sums[text] = sums.get(text, 0) + row["belopp_ore"]
    return list(sums.items())


@dataclass(frozen=True)
class Driftrad:
    """A row of the driftredovisning: budget against utfall, for a group or one insats."""

    grupp: Grupp
    text: str
    insats_id: int | None
    budget: int
    utfall: int
    foregaende_ar: int
    #: The utfall split into its intäkter (positive) and kostnader (negative), each konto's
    #: rows netted first as a ledger does; the same for last year.
    intakt: int = 0
    kostnad: int = 0
    foregaende_intakt: int = 0
    foregaende_kostnad: int = 0

    @property
    def avvikelse(self) -> int:
        """Utfall netto − budget netto: positive is better than budgeted."""
        return self.utfall - self.budget


def driftredovisning(ff: ForbundFile, ar: int, *, till_manad: int | None = None) -> list[Driftrad]:
    """Budget (the decided version in force, whole year) against utfall, per group.

    Insatser are split per insats (rows without an insats as "Övriga insatser"); the other
    groups are one row each. ``foregaende_ar`` is last year's utfall (up to the same month
    for a delårsrapport). Groups with nothing in any column are left out. A use of eget
    kapital is not in the budget column: it funds the year, no utfall is booked on it.
    """
    version = gallande_budget(ff, ar)
    budget = budget_rader(ff, version["id"], ar) if version else []
    budget = [row for row in budget if not ar_eget_kapital(row)]  # funding, not a result
    now = utfall_rader(ff, ar, till_manad=till_manad)
    before = utfall_rader(ff, ar - 1, till_manad=till_manad)
    names = {r["id"]: r["namn"] for r in ff.query("SELECT id, namn FROM insats")}

    def key(row: dict) -> tuple[Grupp, int | None]:
        grupp = Grupp(row["grupp"])
        return (grupp, row["insats_id"] if grupp is Grupp.INSATSER else None)

    sums: dict[tuple[Grupp, int | None], list[int]] = {}
    for column, rows in enumerate((budget, now, before)):
        for row in rows:
            sums.setdefault(key(row), [0, 0, 0])[column] += row["belopp_ore"]
    # intäkt and kostnad of each row: per konto and text netted, then by sign
    split: dict[tuple, list[int]] = {}
    for column, rows in enumerate((now, before)):
        ledger: dict[tuple, int] = defaultdict(int)
        for row in rows:
            ledger[(key(row), row["konto"], row["text"])] += row["belopp_ore"]
        for (k, _konto, _text), amount in ledger.items():
            parts = split.setdefault(k, [0, 0, 0, 0])
            parts[2 * column + (0 if amount > 0 else 1)] += amount
    order = {g: i for i, g in enumerate(Grupp)}
    result = []
    for (grupp, insats_id), (b, u, f) in sorted(
        sums.items(),
        key=lambda kv: (order[kv[0][0]], kv[0][1] is None, names.get(kv[0][1] or 0, "")),
    ):
        if grupp is Grupp.INSATSER:
            text = names.get(insats_id, "Övriga insatser") if insats_id else "Övriga insatser"
        else:
            text = grupp.label
        ik = split.get((grupp, insats_id), [0, 0, 0, 0])
        result.append(Driftrad(grupp, text, insats_id, b, u, f, *ik))
    return result


#: How the full-year prognosis is made, as the delårsrapport prints it under its table
#: (:func:`helarsprognos` is the rule; ``{rest}`` is the months left, "4/12" per August).
PROGNOSMETOD = (
    "Prognosen för intäkterna är medlemmarnas beslutade driftbidrag (budget) och för varje "
    "insats dess beslutade belopp (budget), eller utfallet om mer redan har bokförts: de "
    "betalas per kvartal eller halvår, inte per månad. Övriga kostnader och finansiella "
    "poster: utfall hittills + budget × {rest}."
)


def helarsprognos(rad: Driftrad, till_manad: int) -> int:
    """A full-year prognosis for a driftredovisning row of January..``till_manad``.

    Intäkter are the members' decided contributions and insatser the amounts decided for
    them; both are paid by quarter or half year rather than by month (January–August can
    hold 9/12 of the driftbidrag and 6/12 of an insats), so a share of the months says
    nothing: their prognosis is the budget, or the utfall where more has already been
    booked. The other costs and the financial items run by the month: utfall so far plus
    the budget's share of the months left (budget × (12 − m) / 12, half up). The plain
    prognosis a kansli makes before the förbundschef adjusts it in words
    (:data:`PROGNOSMETOD` says it in the report).
    """
    if rad.grupp is Grupp.INTAKTER:
        return max(rad.budget, rad.utfall)
    if rad.grupp is Grupp.INSATSER:
        return min(rad.budget, rad.utfall)  # costs are negative: the larger cost
    rest = Decimal(rad.budget) * (12 - till_manad) / 12
    return rad.utfall + int(rest.to_integral_value(rounding=ROUND_HALF_UP))


def senaste_utfallsmanad(ff: ForbundFile, ar: int) -> int | None:
    """The last month of ``ar`` with monthly utfall, None if the year has none."""
    value = ff.scalar("SELECT max(manad) FROM utfall WHERE ar = ? AND manad IS NOT NULL", (ar,))
    return int(value) if value is not None else None


def lopande_manad(ff: ForbundFile, ar: int) -> int | None:
    """The last month of ``ar``'s utfall while the year is running: None when it has no
    monthly utfall or its months run through December (then it is a whole year's)."""
    manad = senaste_utfallsmanad(ff, ar)
    return manad if manad is not None and manad < 12 else None


@dataclass(frozen=True)
class Arsprognos:
    """A running year's result and eget kapital forecast from its utfall up to a month: the
    one prognosis the delårsrapport prints and the verksamhetsplan carries forward."""

    ar: int
    till_manad: int
    eget_kapital_ib: int
    resultat: int  # the sum of :func:`helarsprognos` over the year's driftredovisning
    driftbidrag: int  # budgeted: the decided budget's driftbidrag for the year
    tak_procent: Decimal

    @property
    def eget_kapital(self) -> int:
        return self.eget_kapital_ib + self.resultat

    @property
    def tak(self) -> int:
        return _tak(self.driftbidrag, self.tak_procent)


def _tak(driftbidrag: int, tak_procent: Decimal) -> int:
    """The ceiling for eget kapital in öre, rounded half up to whole öre."""
    exact = Decimal(driftbidrag) * tak_procent / 100
    return int(exact.to_integral_value(rounding=ROUND_HALF_UP))


def arets_resultat_prognos(ff: ForbundFile, ar: int, till_manad: int) -> int:
    """Årets resultat forecast on January..``till_manad``: :func:`helarsprognos` summed over
    the year's driftredovisning, the figure every report gives for a running year."""
    rows = driftredovisning(ff, ar, till_manad=till_manad)
    return sum(helarsprognos(x, till_manad) for x in rows)


def arsprognos(ff: ForbundFile, ar: int, till_manad: int) -> Arsprognos | None:
    """The year's prognosis on the utfall of January..``till_manad``; None without an
    ingående eget kapital (no bokslut before it)."""
    ib = eget_kapital_ib(ff, ar)
    if ib is None:
        return None
    resultat = arets_resultat_prognos(ff, ar, till_manad)
    version = gallande_budget(ff, ar)
    bidrag = sum(budget_driftbidrag(ff, version["id"], ar).values()) if version else 0
    return Arsprognos(
        ar, till_manad, ib, resultat, bidrag, get_setting(ff, "eget_kapital_tak_procent")
    )


@dataclass(frozen=True)
class EgetKapitalPrognos:
    """Eget kapital at a year end, known (bokslut) or forecast, against the ceiling."""

    ar: int
    eget_kapital: int
    driftbidrag: int
    tak: int
    utfall: bool  # True: from a bokslut; False: forecast
    #: For a running year forecast from its monthly utfall (:func:`arsprognos`): the last
    #: month of utfall it is made on; None for a bokslut, a closed year or a budget result.
    prognos_till_manad: int | None = None
    #: True: the eget kapital of a typed balansprognos for the year end (which the
    #: balansbudget starts from), taken as the year's forecast.
    balansprognos: bool = False


def eget_kapital_prognos_mot_tak(ff: ForbundFile, version_id: int) -> list[EgetKapitalTak]:
    """Every forecast year of :func:`eget_kapital_prognos` held against the ceiling, as a
    bokslut year is (years without a driftbidrag to hold it against are left out)."""
    tak_procent = get_setting(ff, "eget_kapital_tak_procent")
    out = []
    for p in eget_kapital_prognos(ff, version_id):
        andel = _ratio(p.eget_kapital, p.driftbidrag)
        if not p.utfall and andel is not None:
            out.append(EgetKapitalTak(p.ar, p.eget_kapital, p.driftbidrag, andel, tak_procent))
    return out


def eget_kapital_prognos(ff: ForbundFile, version_id: int) -> list[EgetKapitalPrognos]:
    """Eget kapital from the last bokslut before the version's year through its plan years.

    Years between the last bokslut and the budget year take their whole-year utfall result
    if any; a running year with monthly utfall its :func:`arsprognos` on the months there
    are (the delårsrapport's prognosis); else the result of their own decided budget. The
    version's three years take the version's results. Driftbidrag for a forecast year is the
    budgeted driftbidrag. A year before the budget year with a typed balansprognos (and no
    bokslut) takes the prognosis's eget kapital instead, so the balansbudget and this
    forecast give one value; without any bokslut before the budget year, the forecast starts
    from the latest such prognosis.
    """
    from .balansbudget import balansprognos, balansprognos_ar  # it builds on this module

    version = ff.query("SELECT * FROM budget_version WHERE id = ?", (version_id,))[0]
    years = budget_ar(version)
    tak_procent = get_setting(ff, "eget_kapital_tak_procent")
    known = [y for y in bokslut_ar(ff) if y < years[0]]
    typed = [y for y in balansprognos_ar(ff) if y < years[0]]
    if not known and not typed:
        return []
    out = []

    def tak(bidrag: int) -> int:
        return _tak(bidrag, tak_procent)

    def own_budget(year: int) -> int | None:
        own = gallande_budget(ff, year)
        return own["id"] if own else None

    if known:
        last = known[-1]
        ek = eget_kapital_ub(ff, last) or 0
        bidrag_last = driftbidrag(ff, last) or 0
        out.append(EgetKapitalPrognos(last, ek, bidrag_last, tak(bidrag_last), True))
    else:
        last = typed[-1]
        start = balansprognos(ff, last)
        assert start is not None
        ek = start.eget_kapital
        vid = own_budget(last)
        bidrag_last = sum(budget_driftbidrag(ff, vid, last).values()) if vid is not None else 0
        out.append(
            EgetKapitalPrognos(last, ek, bidrag_last, tak(bidrag_last), False, balansprognos=True)
        )
    for year in range(last + 1, years[2] + 1):
        vid = version_id if year in years else own_budget(year)
        rows = utfall_rader(ff, year) if year not in years else []
        manad = None
        if rows and rows[0]["manad"] is None:
            ek += arets_resultat(ff, year)
            bidrag = driftbidrag(ff, year) or 0
        elif rows:
            manad = senaste_utfallsmanad(ff, year)
            assert manad is not None
            ek += arets_resultat_prognos(ff, year, manad)
            bidrag = sum(budget_driftbidrag(ff, vid, year).values()) if vid is not None else 0
        elif vid is not None:
            ek += budget_resultat(ff, vid, year)
            bidrag = sum(budget_driftbidrag(ff, vid, year).values())
        else:
            bidrag = 0
        typed_here = balansprognos(ff, year) if year < years[0] else None
        if typed_here is not None:
            ek, manad = typed_here.eget_kapital, None
        out.append(
            EgetKapitalPrognos(
                year, ek, bidrag, tak(bidrag), False, manad, balansprognos=typed_here is not None
            )
        )
    return out
