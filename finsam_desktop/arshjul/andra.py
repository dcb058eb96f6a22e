"""Changes to the wheel, each one user action through ``ForbundFile.write`` (so undoable)."""

from __future__ import annotations

import datetime as dt
import uuid

from ..errors import Refusal
from ..model import Ring, Upprepning
from ..settings import set_setting
from ..storage import ForbundFile
from .hjul import INBYGGDA, Handelse, Kalla, inbyggd_pa
from .regler import Regel


class ArshjulError(Refusal):
    """A change that cannot be made; the message is Swedish and says why."""


def set_klar(ff: ForbundFile, h: Handelse, klar: bool) -> None:
    """Tick ``h`` off for its year (or take the tick away)."""
    if not h.kan_bockas or h.id is None:
        raise ArshjulError(f"”{h.rubrik}” bockas av där den hör hemma, inte i årshjulet.")
    label = f"{'Bocka av' if klar else 'Ta bort bock för'} {h.rubrik} {h.ar}"
    with ff.write(label) as db:
        if h.kalla is Kalla.REGEL:
            db.execute(
                "INSERT INTO arshjul_regel_ar (regel_id, ar, klar) VALUES (?, ?, ?) "
                "ON CONFLICT(regel_id, ar) DO UPDATE SET klar = excluded.klar",
                (h.id, h.ar, int(klar)),
            )
            _drop_empty(db, h.id, h.ar)
        elif klar:
            db.execute(
                "INSERT OR IGNORE INTO arshjul_klar (post_id, ar) VALUES (?, ?)", (h.id, h.ar)
            )
        else:
            db.execute("DELETE FROM arshjul_klar WHERE post_id = ? AND ar = ?", (h.id, h.ar))


def _drop_empty(db, regel_id: int, year: int) -> None:
    db.execute(
        "DELETE FROM arshjul_regel_ar WHERE regel_id = ? AND ar = ? AND klar = 0 AND datum IS NULL",
        (regel_id, year),
    )


def move(ff: ForbundFile, h: Handelse, datum: dt.date, slut: dt.date | None = None) -> None:
    """Move ``h`` to ``datum`` (its length kept when ``slut`` is not given).

    A rule's entry moves for that year only; an own yearly entry moves every year (its
    month and day); a single own entry simply gets the new dates.
    """
    if slut is None and h.slut is not None:
        slut = datum + (h.slut - h.datum)
    if slut is not None and slut < datum:
        raise ArshjulError("Slutdatum kan inte vara före startdatum.")
    if slut == datum:
        slut = None
    label = f"Flytta {h.rubrik}"
    if h.kalla is Kalla.REGEL:
        with ff.write(label) as db:
            db.execute(
                "INSERT INTO arshjul_regel_ar (regel_id, ar, datum, slut) VALUES (?, ?, ?, ?) "
                "ON CONFLICT(regel_id, ar) DO UPDATE SET datum = excluded.datum, "
                "slut = excluded.slut",
                (h.id, h.ar, datum.isoformat(), slut.isoformat() if slut else None),
            )
    elif h.kalla is Kalla.EGEN:
        first = ff.query("SELECT datum, upprepning FROM arshjul_post WHERE id = ?", (h.id,))[0]
        if first["upprepning"] == Upprepning.ARLIGEN.value:
            year = dt.date.fromisoformat(first["datum"]).year
            shift = year - h.ar
            datum = _in_year(datum, datum.year + shift)
            slut = _in_year(slut, slut.year + shift) if slut else None
        with ff.write(label) as db:
            db.execute(
                "UPDATE arshjul_post SET datum = ?, slut = ? WHERE id = ?",
                (datum.isoformat(), slut.isoformat() if slut else None, h.id),
            )
    else:
        raise ArshjulError(f"”{h.rubrik}” flyttas där den hör hemma (möten och insatser).")


def reset_move(ff: ForbundFile, h: Handelse) -> None:
    """Put a rule's entry back on the rule's own date for its year."""
    if h.kalla is not Kalla.REGEL or h.id is None:
        return
    with ff.write(f"Återställ datum för {h.rubrik}") as db:
        db.execute(
            "UPDATE arshjul_regel_ar SET datum = NULL, slut = NULL WHERE regel_id = ? AND ar = ?",
            (h.id, h.ar),
        )
        _drop_empty(db, h.id, h.ar)


def _in_year(day: dt.date, year: int) -> dt.date:
    try:
        return day.replace(year=year)
    except ValueError:
        return dt.date(year, 2, 28)


def save_post(
    ff: ForbundFile,
    post_id: int | None,
    *,
    ring: Ring,
    rubrik: str,
    datum: dt.date,
    slut: dt.date | None,
    upprepning: Upprepning,
    beskrivning: str = "",
) -> int:
    """Add (``post_id`` None) or change an own entry; returns its id."""
    rubrik = rubrik.strip()
    if not rubrik:
        raise ArshjulError("Ge posten en rubrik.")
    if slut is not None and slut < datum:
        raise ArshjulError("Slutdatum kan inte vara före startdatum.")
    row = {
        "ring": ring.value,
        "rubrik": rubrik,
        "datum": datum.isoformat(),
        "slut": slut.isoformat() if slut and slut != datum else None,
        "upprepning": upprepning.value,
        "beskrivning": beskrivning.strip(),
    }
    if post_id is None:
        with ff.write(f"Ny post i årshjulet: {rubrik}") as db:
            return db["arshjul_post"].insert(row).last_pk
    with ff.write(f"Ändra {rubrik}") as db:
        db["arshjul_post"].update(post_id, row)
    return post_id


def delete_post(ff: ForbundFile, post_id: int) -> None:
    rubrik = ff.scalar("SELECT rubrik FROM arshjul_post WHERE id = ?", (post_id,)) or "post"
    with ff.write(f"Ta bort {rubrik}") as db:
        db.execute("DELETE FROM arshjul_post WHERE id = ?", (post_id,))


def check_rule(regel: Regel) -> None:
    """Refuse a rule that cannot give dates, with a Swedish message."""
    if not regel.rubrik.strip():
        raise ArshjulError("Ge regeln en rubrik.")
    if regel.typ in ("datum", "veckodag", "manad") and not regel.manad:
        raise ArshjulError("Välj en månad.")
    if regel.typ == "datum" and not regel.dag:
        raise ArshjulError("Välj en dag i månaden.")
    if regel.typ == "veckodag" and (not regel.nummer or not regel.veckodag):
        raise ArshjulError("Välj vilken veckodag i månaden.")
    if regel.typ == "vecka" and (not regel.vecka or not regel.veckodag):
        raise ArshjulError("Välj vecka och veckodag.")
    if regel.intervall > 1 and regel.bas_ar is None:
        raise ArshjulError("Ange ett år då regeln gäller, när den inte gäller varje år.")


def save_rule(ff: ForbundFile, regel: Regel) -> int:
    """Add (``regel.id`` None) or change a rule; returns its id."""
    check_rule(regel)
    clash = ff.scalar(
        "SELECT id FROM arshjul_regel WHERE rubrik = ? AND id IS NOT ?",
        (regel.rubrik.strip(), regel.id),
    )
    if clash is not None:
        raise ArshjulError(f"Det finns redan en regel som heter ”{regel.rubrik.strip()}”.")
    if regel.id is None:
        nyckel = regel.nyckel or f"egen-{uuid.uuid4().hex[:12]}"
        with ff.write(f"Ny regel i årshjulet: {regel.rubrik.strip()}") as db:
            return db["arshjul_regel"].insert({**regel.row(), "nyckel": nyckel}).last_pk
    with ff.write(f"Ändra regeln {regel.rubrik.strip()}") as db:
        db["arshjul_regel"].update(regel.id, regel.row())
    return regel.id


def delete_rule(ff: ForbundFile, regel_id: int) -> None:
    rubrik = ff.scalar("SELECT rubrik FROM arshjul_regel WHERE id = ?", (regel_id,)) or "regel"
    with ff.write(f"Ta bort regeln {rubrik}") as db:
        db.execute("DELETE FROM arshjul_regel WHERE id = ?", (regel_id,))


def rule_name(ff: ForbundFile, nyckel: str) -> str:
    """The name of the rule ``nyckel``: a built-in one (INBYGGDA) or a row of arshjul_regel."""
    if nyckel in INBYGGDA:
        return INBYGGDA[nyckel].rubrik
    rubrik = ff.scalar("SELECT rubrik FROM arshjul_regel WHERE nyckel = ?", (nyckel,))
    if rubrik is None:
        raise ArshjulError("Regeln finns inte längre.")
    return rubrik


def rule_on(ff: ForbundFile, nyckel: str) -> bool:
    if nyckel in INBYGGDA:
        return inbyggd_pa(ff, nyckel)
    return bool(ff.scalar("SELECT aktiv FROM arshjul_regel WHERE nyckel = ?", (nyckel,)))


def set_rule_on(ff: ForbundFile, nyckel: str, on: bool) -> None:
    """Switch the rule ``nyckel`` on or off: its entries leave (or come back to) the wheel,
    the list, the PDF and the calendar file. One undoable action, stored in the file."""
    name = rule_name(ff, nyckel)
    if rule_on(ff, nyckel) == on:
        return
    label = f"{'Slå på' if on else 'Stäng av'} regeln ”{name}” i årshjulet"
    if nyckel in INBYGGDA:
        set_setting(ff, INBYGGDA[nyckel].installning, on, label=label)
        return
    with ff.write(label) as db:
        db.execute("UPDATE arshjul_regel SET aktiv = ? WHERE nyckel = ?", (int(on), nyckel))


def set_startmanad(ff: ForbundFile, month: int) -> None:
    if not 1 <= month <= 12:
        raise ArshjulError("Startmånaden är en månad, 1–12.")
    with ff.write("Ändra årshjulets startmånad") as db:
        db.execute(
            "INSERT INTO arshjul_installning (nyckel, varde) VALUES ('startmanad', ?) "
            "ON CONFLICT(nyckel) DO UPDATE SET varde = excluded.varde",
            (str(month),),
        )
