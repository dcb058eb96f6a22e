"""Justering of a protokoll: sent out frozen, taken back signed and verified, then anslaget.

The same flow signs the other documents a meeting gives (a :class:`Handling`): the utdrag of
one of its §, bestyrkt by the sekreterare, and the årsredovisning the meeting decided, signed
by the styrelse as it sat. Only the protokoll is locked while out, justerat and anslaget.

1. :func:`skicka` freezes version N of a held meeting's protokoll: the PDF the signers get,
   its SHA-256 and who must sign (ordförande, justerare, sekreterare, with their roles) are
   stored, and the protokoll is locked while the version is out (:func:`ute`).
2. :func:`ta_emot` checks the file the signing service returns (:mod:`.signatur`: offline,
   every signature, against the version sent and those expected); only a file that passes is
   kept, as the original, and the meeting is justerat on the day of the last signature.
3. :func:`bifoga_papper` does the same for a protokoll signed by hand and scanned: the day and
   the signers are typed, the scan is kept as the original.
4. The anslag (kommunallagen 8 kap. 12 §): up within two days of the justering, down three
   weeks later; its dates are kept with the justering and shown in the årshjul.

Every step is one write (one Ångra). The PDFs are made by ``reports``; this layer takes bytes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import moten, signatur
from .forbund import Ogiltigt
from .model import Funktion, JusteringDokument

if TYPE_CHECKING:
    from .storage import ForbundFile

#: An anslag stays up at least three weeks (kommunallagen 8 kap. 12 § and 13 kap. 5 §).
ANSLAG_DAGAR = 21
#: The largest file taken as a signed original or a scan (an SQLite BLOB holds much more).
MAX_FIL = 50 * 1024 * 1024


class Avvisad(Ogiltigt):
    """A signed file that is not accepted; ``granskning`` says why, signature by signature."""

    def __init__(self, message: str, granskning: signatur.Granskning | None = None):
        super().__init__(message)
        self.granskning = granskning


@dataclass(frozen=True)
class Handling:
    """What goes out for signing: a meeting's protokoll (a meeting id stands for it), the
    utdrag of its § ``paragraf``, or the årsredovisning for ``ar`` that the meeting decided."""

    mote_id: int
    dokument: JusteringDokument = JusteringDokument.PROTOKOLL
    paragraf: int | None = None
    ar: int | None = None

    @classmethod
    def av(cls, handling: Handling | int) -> Handling:
        return handling if isinstance(handling, Handling) else cls(handling)

    @classmethod
    def utdrag(cls, mote_id: int, paragraf: int) -> Handling:
        return cls(mote_id, JusteringDokument.UTDRAG, paragraf=paragraf)

    @classmethod
    def arsredovisning(cls, mote_id: int, ar: int) -> Handling:
        return cls(mote_id, JusteringDokument.ARSREDOVISNING, ar=ar)

    @property
    def protokoll(self) -> bool:
        return self.dokument is JusteringDokument.PROTOKOLL

    @property
    def _key(self) -> tuple[int, str, int]:
        return self.mote_id, self.dokument.value, self.paragraf or self.ar or 0

    def namn(self, m: moten.Mote) -> str:
        """The document in a sentence: "protokollet för Styrelsemöte 2026-11-20"."""
        if self.dokument is JusteringDokument.UTDRAG:
            return f"utdraget § {self.paragraf} ur protokollet för {m.rubrik}"
        if self.dokument is JusteringDokument.ARSREDOVISNING:
            return f"årsredovisningen {self.ar}"
        return f"protokollet för {m.rubrik}"

    def benamning(self, m: moten.Mote) -> signatur.Benamning:
        if self.protokoll:
            return signatur.Benamning(self.namn(m))
        return signatur.Benamning(self.namn(m), "underskriftsversion", "skriva under")

    @property
    def versionsord(self) -> str:
        """What the frozen copy is called: a protokoll's justeringsversion, else an
        underskriftsversion."""
        return "Justeringsversion" if self.protokoll else "Underskriftsversion"


_KEY_SQL = "mote_id = ? AND dokument = ? AND coalesce(paragraf, ar, 0) = ?"


@dataclass(frozen=True)
class Signerare:
    namn: str
    roll: str
    signerat: dt.datetime | None = None
    certifikat: str = ""


@dataclass(frozen=True)
class Justering:
    """One version of a document sent for signing, and what came of it."""

    id: int
    handling: Handling
    version: int
    skickad: dt.date
    sha256: str | None
    status: str  # 'ute', 'justerad', 'aterkallad'
    satt: str | None  # 'digital', 'papper'
    justerat: dt.date | None
    original_sha256: str | None
    validering: str
    anslag_upp: dt.date | None
    anslag_ned: dt.date | None
    signerare: tuple[Signerare, ...]

    @property
    def mote_id(self) -> int:
        return self.handling.mote_id

    @property
    def ute(self) -> bool:
        return self.status == "ute"

    @property
    def text(self) -> str:
        """The state in one sentence, as the meeting's form shows it."""
        vilka = ", ".join(f"{s.namn} ({s.roll})" for s in self.signerare)
        version = f"{self.handling.versionsord} {self.version}"
        if self.status == "ute":
            locked = (
                " Protokollet är låst tills den signerade filen har tagits emot eller "
                "justeringen återkallas."
                if self.handling.protokoll
                else ""
            )
            return (
                f"{version} skickades för underskrift {self.skickad.isoformat()}; ska skriva "
                f"under: {vilka}.{locked}"
            )
        if self.status == "aterkallad":
            return f"{version} ({self.skickad.isoformat()}) återkallades."
        how = "digitalt" if self.satt == "digital" else "på papper (inskannat original)"
        if not self.handling.protokoll:
            when = self.justerat.isoformat() if self.justerat else ""
            return f"Underskrivet {how} {when} av {vilka} (version {self.version})."
        anslag = ""
        if self.anslag_upp and self.anslag_ned:
            anslag = (
                f" Anslaget sätts upp {self.anslag_upp.isoformat()} och tas ned "
                f"{self.anslag_ned.isoformat()}."
            )
        return (
            f"Justerat {how} {self.justerat.isoformat() if self.justerat else ''} av "
            f"{vilka} (version {self.version}).{anslag}"
        )


def _stor(text: str) -> str:
    """A sentence's first letter capitalised, the rest as it is (str.capitalize lowers it)."""
    return text[:1].upper() + text[1:]


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def justeringar(ff: ForbundFile, handling: Handling | int) -> list[Justering]:
    """Every version of the document sent for signing, the newest first."""
    h = Handling.av(handling)
    rows = ff.query(
        "SELECT id, version, skickad, sha256, status, satt, justerat, original_sha256, "
        f"validering, anslag_upp, anslag_ned FROM justering WHERE {_KEY_SQL} "
        "ORDER BY version DESC",
        h._key,
    )
    out = []
    for r in rows:
        signers = tuple(
            Signerare(
                s["namn"],
                s["roll"],
                dt.datetime.fromisoformat(s["signerat"]) if s["signerat"] else None,
                s["certifikat"],
            )
            for s in ff.query(
                "SELECT namn, roll, signerat, certifikat FROM justering_signerare "
                "WHERE justering_id = ? ORDER BY ordning",
                (r["id"],),
            )
        )
        out.append(
            Justering(
                r["id"],
                h,
                r["version"],
                dt.date.fromisoformat(r["skickad"]),
                r["sha256"],
                r["status"],
                r["satt"],
                _date(r["justerat"]),
                r["original_sha256"],
                r["validering"],
                _date(r["anslag_upp"]),
                _date(r["anslag_ned"]),
                signers,
            )
        )
    return out


def senaste(ff: ForbundFile, handling: Handling | int) -> Justering | None:
    found = justeringar(ff, handling)
    return found[0] if found else None


def ute(ff: ForbundFile, handling: Handling | int) -> Justering | None:
    """The version out for signing, if one is: a protokoll is locked while it is."""
    j = senaste(ff, handling)
    return j if j is not None and j.ute else None


def underskriven(ff: ForbundFile, handling: Handling | int) -> Justering | None:
    """The signed version of the document, if it has one."""
    j = senaste(ff, handling)
    return j if j is not None and j.status == "justerad" else None


def nasta_version(ff: ForbundFile, handling: Handling | int) -> int:
    rows = ff.query(
        f"SELECT max(version) AS v FROM justering WHERE {_KEY_SQL}", Handling.av(handling)._key
    )
    return (rows[0]["v"] or 0) + 1


def arsredovisning(ff: ForbundFile, ar: int) -> Handling | None:
    """The årsredovisning for ``ar`` as a document to sign: the styrelsemöte that decides it
    (the ärende "Årsredovisning 2025"), whose styrelse signs it; None without one."""
    from .rapportdata import beslutsmote

    decided = beslutsmote(ff, f"Årsredovisning {ar}")
    return Handling.arsredovisning(decided[0], ar) if decided else None


def handlingar(ff: ForbundFile, mote_id: int) -> list[Handling]:
    """What the meeting can send for signing: its protokoll, the utdrag of each of its §,
    and each årsredovisning it decides (empty for a meeting without a protokoll)."""
    m = moten.mote(ff, mote_id)
    if m is None or m.typ not in moten.PROTOKOLLFORDA:
        return []
    out = [Handling(mote_id)]
    items = moten.arenden(ff, mote_id)
    for a in items:
        if (year := _arsredovisningens_ar(a.rubrik)) is not None:
            h = arsredovisning(ff, year)
            if h is not None and h.mote_id == mote_id and h not in out:
                out.append(h)
    numbers = sorted({a.paragraf for a in items if a.paragraf is not None})
    return out + [Handling.utdrag(mote_id, p) for p in numbers]


def _arsredovisningens_ar(rubrik: str) -> int | None:
    words = rubrik.split()
    if len(words) >= 2 and words[0].casefold() == "årsredovisning" and words[1][:4].isdigit():
        return int(words[1][:4])
    return None


def vantade(
    ff: ForbundFile, handling: Handling | int, idag: dt.date | None = None
) -> list[tuple[str, str]]:
    """Who must sign the document, in the order it prints them: (namn, roll). A protokoll:
    ordförande, justerare, sekreterare; an utdrag: the sekreterare who bestyrker it (else
    the ordförande); an årsredovisning: the styrelse as it sat at the meeting."""
    h = Handling.av(handling)
    m = moten.mote(ff, h.mote_id)
    if m is None:
        return []
    if h.dokument is JusteringDokument.ARSREDOVISNING:
        from .rapportdata import undertecknande

        u = undertecknande(ff, h.ar or 0, idag or m.datum)
        return [(p.namn, p.funktion.lower()) for p in u.personer]
    seats = [n for n in moten.narvaro(ff, h.mote_id) if n.narvarande]
    chair = next((n.person for n in seats if n.funktion is Funktion.ORDFORANDE), "")
    role = "ordförande"
    if not chair:  # the vice ordförande chaired
        chair = next((n.person for n in seats if n.funktion is Funktion.VICE_ORDFORANDE), "")
        role = "ordförande (vice ordförande)"
    if h.dokument is JusteringDokument.UTDRAG:
        if m.sekreterare:
            return [(m.sekreterare, "sekreterare")]
        return [(chair, role)] if chair else []
    out = [(chair, role)] if chair else []
    out += [(namn, "justerare") for _, namn in moten.justerare(ff, h.mote_id)]
    if m.sekreterare:
        out.append((m.sekreterare, "sekreterare"))
    return out


def kontrollera_skicka(ff: ForbundFile, handling: Handling | int, idag: dt.date) -> moten.Mote:
    """Refuse, with the reason, a document that cannot be sent for signing yet."""
    h = Handling.av(handling)
    m = moten.mote(ff, h.mote_id)
    if m is None:
        raise Ogiltigt(f"Det finns inget möte med id {h.mote_id}.")
    if m.typ not in moten.PROTOKOLLFORDA:
        raise Ogiltigt(f"{m.rubrik} har inget protokoll som justeras; bara styrelsemöten har det.")
    namn = h.namn(m)
    if (j := ute(ff, h)) is not None:
        raise Ogiltigt(
            f"{h.versionsord} {j.version} av {namn} är redan ute för underskrift. Ta emot den "
            "signerade filen, eller återkalla först."
        )
    if not h.protokoll:
        _kontrollera_annan(ff, h, m, idag)
        return m
    if m.datum > idag:
        raise Ogiltigt(
            f"{m.rubrik} är inte hållet ännu: protokollet kan skickas för justering efter mötet."
        )
    if m.justerat is not None:
        raise Ogiltigt(f"Protokollet för {m.rubrik} är redan justerat {m.justerat.isoformat()}.")
    if m.antal_arenden == 0:
        raise Ogiltigt(f"Protokollet för {m.rubrik} har inga ärenden ännu.")
    if not moten.justerare(ff, h.mote_id):
        raise Ogiltigt(f"Välj justerare för {m.rubrik} innan protokollet skickas för justering.")
    if not any(r == "ordförande" or r.startswith("ordförande ") for _, r in vantade(ff, h)):
        raise Ogiltigt(
            f"Ingen ordförande eller vice ordförande är närvarande vid {m.rubrik}: ange "
            "närvaron först, så att protokollet vet vem som skriver under som ordförande."
        )
    return m


def _kontrollera_annan(ff: ForbundFile, h: Handling, m: moten.Mote, idag: dt.date) -> None:
    """An utdrag is bestyrkt from the justerat protokoll; an årsredovisning is signed after
    the meeting that decides it, by those who sat."""
    namn = h.namn(m)
    if (done := underskriven(ff, h)) is not None:
        when = done.justerat.isoformat() if done.justerat else ""
        raise Ogiltigt(f"{_stor(namn)} har redan skrivits under {when}.")
    if h.dokument is JusteringDokument.UTDRAG:
        moten.arende_med_paragraf(ff, h.mote_id, h.paragraf or 0)  # the § is in the meeting
    else:
        decided = arsredovisning(ff, h.ar or 0)
        if decided is None or decided.mote_id != h.mote_id:
            raise Ogiltigt(
                f"Årsredovisningen {h.ar} beslutas inte vid {m.rubrik}: den skrivs under av "
                f"styrelsen vid mötet med ärendet ”Årsredovisning {h.ar}”."
            )
    if m.datum > idag:
        raise Ogiltigt(
            f"{m.rubrik} är inte hållet ännu: {namn} kan skickas för underskrift efter mötet."
        )
    if h.dokument is JusteringDokument.UTDRAG:
        if m.justerat is None:
            raise Ogiltigt(
                f"Protokollet för {m.rubrik} är inte justerat ännu: ett utdrag bestyrks ur det "
                "justerade protokollet."
            )
        if not vantade(ff, h, idag):
            raise Ogiltigt(f"Ange sekreterare för {m.rubrik}: sekreteraren bestyrker utdraget.")
    elif not vantade(ff, h, idag):
        raise Ogiltigt(
            f"Ingen ledamot är närvarande vid {m.rubrik}: ange närvaron först, så att det syns "
            f"vilka som skriver under årsredovisningen {h.ar}."
        )


def skicka(
    ff: ForbundFile, handling: Handling | int, pdf: bytes, version: int, idag: dt.date
) -> Justering:
    """Store ``pdf`` as version ``version`` of the document out for signing (a protokoll is
    locked while it is out); one write.

    ``pdf`` is the document made for this version (it prints the version number); the
    caller asks :func:`nasta_version` which number to print.
    """
    h = Handling.av(handling)
    m = kontrollera_skicka(ff, h, idag)
    if version != nasta_version(ff, h):
        raise Ogiltigt(
            f"{_stor(h.namn(m))} ändrades medan {h.versionsord.lower()}en gjordes; försök igen."
        )
    signers = vantade(ff, h, idag)
    label = f"Skicka {h.namn(m)} för " + ("justering" if h.protokoll else "underskrift")
    with ff.write(label) as db:
        cur = db.execute(
            "INSERT INTO justering (mote_id, dokument, paragraf, ar, version, skickad, sha256, "
            "pdf, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'ute')",
            (
                h.mote_id, h.dokument.value, h.paragraf, h.ar, version, idag.isoformat(),
                hashlib.sha256(pdf).hexdigest(), pdf,
            ),
        )  # fmt: skip
        for n, (namn, roll) in enumerate(signers, start=1):
            db.execute(
                "INSERT INTO justering_signerare (justering_id, ordning, namn, roll) "
                "VALUES (?, ?, ?, ?)",
                (cur.lastrowid, n, namn, roll),
            )
    j = senaste(ff, h)
    assert j is not None
    return j


def aterkalla(ff: ForbundFile, handling: Handling | int) -> None:
    """Call the version out back (the document needs a change): a protokoll is unlocked;
    one write."""
    h = Handling.av(handling)
    j = ute(ff, h)
    m = moten.mote(ff, h.mote_id)
    if j is None or m is None:
        what = "protokoll" if h.protokoll else "dokument"
        raise Ogiltigt(f"Inget {what} är ute för underskrift här.")
    what = "justeringen" if h.protokoll else "underskriften"
    with ff.write(f"Återkalla {what} av {h.namn(m)}") as db:
        db.execute("UPDATE justering SET status = 'aterkallad' WHERE id = ?", (j.id,))


def frozen_pdf(ff: ForbundFile, justering_id: int) -> bytes | None:
    rows = ff.query("SELECT pdf FROM justering WHERE id = ?", (justering_id,))
    return bytes(rows[0]["pdf"]) if rows and rows[0]["pdf"] is not None else None


def original(ff: ForbundFile, justering_id: int) -> bytes | None:
    """The signed original (or the scan) kept for the archive."""
    rows = ff.query("SELECT original FROM justering WHERE id = ?", (justering_id,))
    return bytes(rows[0]["original"]) if rows and rows[0]["original"] is not None else None


# -- trusted issuers -----------------------------------------------------------------------------


def utfardare(ff: ForbundFile) -> list[tuple[int, signatur.Certifikat]]:
    rows = ff.query("SELECT id, namn, sha256, certifikat FROM betrodd_utfardare ORDER BY namn, id")
    return [
        (r["id"], signatur.Certifikat(r["namn"], r["sha256"], bytes(r["certifikat"]))) for r in rows
    ]


def lagg_till_utfardare(ff: ForbundFile, data: bytes) -> list[str]:
    """Trust the CA certificate(s) in a PEM or DER file; returns the names added; one write."""
    try:
        found = signatur.las_certifikat(data)
    except signatur.OgiltigCertifikatfil as exc:
        raise Ogiltigt(str(exc)) from None
    known = {c.sha256 for _, c in utfardare(ff)}
    new = [c for c in found if c.sha256 not in known]
    if not new:
        raise Ogiltigt("Certifikatet är redan betrott.")
    with ff.write("Lägg till betrodd utfärdare") as db:
        for c in new:
            db.execute(
                "INSERT INTO betrodd_utfardare (namn, sha256, certifikat) VALUES (?, ?, ?)",
                (c.namn, c.sha256, c.der),
            )
    return [c.namn for c in new]


def ta_bort_utfardare(ff: ForbundFile, utfardare_id: int) -> None:
    with ff.write("Ta bort betrodd utfärdare") as db:
        db.execute("DELETE FROM betrodd_utfardare WHERE id = ?", (utfardare_id,))


# -- taking the signed file back ------------------------------------------------------------------


@dataclass(frozen=True)
class Underlag:
    """What checking a signed file against the version out needs, read from the file: the
    check itself (:func:`signatur.granska`, about a second the first time) reads no file, so
    the window runs it off the GUI thread."""

    handling: Handling
    benamning: signatur.Benamning
    version: int
    signed: bytes
    frozen: bytes | None
    andra_versioner: dict[int, bytes]
    vantade: tuple[str, ...]
    betrodda: tuple[bytes, ...]
    skickad: dt.date

    def granska(self, nu: dt.datetime | None = None) -> signatur.Granskning:
        return signatur.granska(
            self.signed,
            version=self.version,
            frozen=self.frozen,
            andra_versioner=self.andra_versioner,
            vantade=self.vantade,
            betrodda=self.betrodda,
            skickad=self.skickad,
            nu=nu or dt.datetime.now(dt.UTC),
            benamning=self.benamning,
        )


def underlag(
    ff: ForbundFile,
    handling: Handling | int,
    signed: bytes,
    *,
    extra_betrodda: Sequence[bytes] = (),
) -> Underlag:
    """Read what the check of ``signed`` needs; refused when no version is out."""
    h = Handling.av(handling)
    m = moten.mote(ff, h.mote_id)
    if m is None:
        raise Ogiltigt(f"Det finns inget möte med id {h.mote_id}.")
    j = ute(ff, h)
    if j is None:
        if h.protokoll and m.justerat is not None:
            raise Ogiltigt(
                f"Protokollet för {m.rubrik} är redan justerat {m.justerat.isoformat()}."
            )
        if (done := underskriven(ff, h)) is not None and done.justerat is not None:
            raise Ogiltigt(
                f"{_stor(h.namn(m))} har redan skrivits under {done.justerat.isoformat()}."
            )
        raise Ogiltigt(
            f"{_stor(h.namn(m))} har inte skickats för underskrift: skicka först, så att "
            "den signerade filen kan jämföras med det som skickades."
        )
    if len(signed) > MAX_FIL:
        raise Ogiltigt("Filen är större än 50 MB och kan inte vara ett signerat dokument.")
    others = {}
    for other in justeringar(ff, h):
        if other.id != j.id and (data := frozen_pdf(ff, other.id)) is not None:
            others[other.version] = data
    trusted = [c.der for _, c in utfardare(ff)]
    trusted += [c.der for data in extra_betrodda for c in _certs(data)]
    return Underlag(
        h, h.benamning(m), j.version, signed, frozen_pdf(ff, j.id), others,
        tuple(s.namn for s in j.signerare), tuple(trusted), j.skickad,
    )  # fmt: skip


def _certs(data: bytes) -> list[signatur.Certifikat]:
    try:
        return signatur.las_certifikat(data)
    except signatur.OgiltigCertifikatfil as exc:
        raise Ogiltigt(str(exc)) from None


def ta_emot(
    ff: ForbundFile,
    handling: Handling | int,
    signed: bytes,
    *,
    extra_betrodda: Sequence[bytes] = (),
    granskning: signatur.Granskning | None = None,
    nu: dt.datetime | None = None,
    idag: dt.date | None = None,
) -> Justering:
    """Accept the signed file, or raise :class:`Avvisad` with why; one write when accepted.

    ``granskning``: the check already made of this file (off the GUI thread) against the
    version still out; else it is made here. Accepted, the file is kept as the original, each
    signer's time and certificate with the version; a protokoll is justerat on the day of the
    last signature.
    """
    h = Handling.av(handling)
    u = underlag(ff, h, signed, extra_betrodda=extra_betrodda)
    g = granskning
    if g is None or g.version != u.version or g.sha256 != hashlib.sha256(signed).hexdigest():
        g = u.granska(nu)
    m = moten.mote(ff, h.mote_id)
    j = ute(ff, h)
    assert m is not None and j is not None
    if not g.godkand:
        state = "är inte justerat" if h.protokoll else "har inte skrivits under"
        raise Avvisad(
            f"Den signerade filen godtas inte, och {h.namn(m)} {state}:\n"
            + "\n".join(f"– {s}" for s in g.skal),
            g,
        )
    last = g.senast or dt.datetime.now(dt.UTC)
    justerat = max(last.astimezone().date(), m.datum)
    times = {signatur.normalised(u.namn): u for u in g.underskrifter}
    anslag = _anslag(justerat, idag) if h.protokoll else (None, None)
    label = f"Ta emot underskrifterna av {h.namn(m)}"
    if h.protokoll:
        label = f"Ta emot det justerade protokollet för {m.rubrik}"
    with ff.write(label) as db:
        db.execute(
            "UPDATE justering SET status = 'justerad', satt = 'digital', justerat = ?, "
            "original = ?, original_sha256 = ?, validering = ?, anslag_upp = ?, anslag_ned = ? "
            "WHERE id = ?",
            (justerat.isoformat(), signed, g.sha256, g.text(), *anslag, j.id),
        )
        for n, s in enumerate(j.signerare, start=1):
            u = times.get(signatur.normalised(s.namn))
            db.execute(
                "UPDATE justering_signerare SET signerat = ?, certifikat = ? "
                "WHERE justering_id = ? AND ordning = ?",
                (u.tid.isoformat() if u and u.tid else None, u.certifikat if u else "", j.id, n),
            )
        if h.protokoll:
            db.execute(
                "UPDATE mote SET justerat = ? WHERE id = ?", (justerat.isoformat(), h.mote_id)
            )
    result = senaste(ff, h)
    assert result is not None
    return result


def _anslag(justerat: dt.date, idag: dt.date | None) -> tuple[str, str]:
    """The anslag goes up on the day of the justering (or today, when later) for 21 days."""
    upp = max(justerat, idag or justerat)
    return upp.isoformat(), (upp + dt.timedelta(days=ANSLAG_DAGAR)).isoformat()


def bifoga_papper(
    ff: ForbundFile,
    handling: Handling | int,
    scan: bytes,
    justerat: dt.date,
    signerare: list[str],
    idag: dt.date,
) -> Justering:
    """A document signed by hand: the scan kept as the original, the day and signers typed.

    The version out for signing is the one signed; with none out, a version without a frozen
    file is recorded. One write.
    """
    h = Handling.av(handling)
    m = moten.mote(ff, h.mote_id)
    if m is None:
        raise Ogiltigt(f"Det finns inget möte med id {h.mote_id}.")
    namn = h.namn(m)
    if h.protokoll and m.justerat is not None:
        raise Ogiltigt(f"Protokollet för {m.rubrik} är redan justerat {m.justerat.isoformat()}.")
    if not h.protokoll and (done := underskriven(ff, h)) is not None:
        when = done.justerat.isoformat() if done.justerat else ""
        raise Ogiltigt(f"{_stor(namn)} har redan skrivits under {when}.")
    if not scan.startswith(b"%PDF"):
        raise Ogiltigt(f"Det inskannade dokumentet ({namn}) ska vara en PDF-fil.")
    if len(scan) > MAX_FIL:
        raise Ogiltigt("Filen är större än 50 MB; skanna med lägre upplösning.")
    if justerat < m.datum:
        verb = "justeras" if h.protokoll else "skrivas under"
        raise Ogiltigt(f"{_stor(namn)} kan inte {verb} ({justerat}) före mötet ({m.datum}).")
    if justerat > idag:
        raise Ogiltigt(f"Dagen för underskriften ({justerat}) ligger i framtiden.")
    names = [" ".join(n.split()) for n in signerare if n.strip()]
    if not names:
        raise Ogiltigt(f"Skriv vilka som har skrivit under {namn}.")
    j = ute(ff, h)
    roles = {signatur.normalised(s.namn): s.roll for s in (j.signerare if j else ())}
    if j is None:
        roles = {signatur.normalised(n): r for n, r in vantade(ff, h, justerat)}
    digest = hashlib.sha256(scan).hexdigest()
    state = "Justerat" if h.protokoll else "Underskrivet"
    report = (
        f"{state} på papper {justerat.isoformat()}, inskannat original. Underskrifterna är "
        f"inte digitala och har inte kontrollerats av programmet.\nSHA-256: {digest}"
    )
    anslag = _anslag(justerat, idag) if h.protokoll else (None, None)
    label = f"Bifoga inskanningen av {h.namn(m)}"
    if h.protokoll:
        label = f"Bifoga det inskannade protokollet för {m.rubrik}"
    with ff.write(label) as db:
        values = (justerat.isoformat(), scan, digest, report, *anslag)
        if j is not None:
            db.execute(
                "UPDATE justering SET status = 'justerad', satt = 'papper', justerat = ?, "
                "original = ?, original_sha256 = ?, validering = ?, anslag_upp = ?, "
                "anslag_ned = ? WHERE id = ?",
                (*values, j.id),
            )
            db.execute("DELETE FROM justering_signerare WHERE justering_id = ?", (j.id,))
            jid = j.id
        else:
            cur = db.execute(
                "INSERT INTO justering (mote_id, dokument, paragraf, ar, version, skickad, "
                "status, satt, justerat, original, original_sha256, validering, anslag_upp, "
                "anslag_ned) VALUES (?, ?, ?, ?, ?, ?, 'justerad', 'papper', ?, ?, ?, ?, ?, ?)",
                (
                    h.mote_id, h.dokument.value, h.paragraf, h.ar, nasta_version(ff, h),
                    idag.isoformat(), *values,
                ),
            )  # fmt: skip
            jid = cur.lastrowid
        for n, namn in enumerate(names, start=1):
            db.execute(
                "INSERT INTO justering_signerare (justering_id, ordning, namn, roll) "
                "VALUES (?, ?, ?, ?)",
                (jid, n, namn, roles.get(signatur.normalised(namn), "undertecknare")),
            )
        if h.protokoll:
            db.execute(
                "UPDATE mote SET justerat = ? WHERE id = ?", (justerat.isoformat(), h.mote_id)
            )
    result = senaste(ff, h)
    assert result is not None
    return result


# -- the anslag ------------------------------------------------------------------------------------


def satt_anslag(ff: ForbundFile, mote_id: int, upp: dt.date) -> None:
    """The day the anslag goes up (it comes down three weeks later); one write."""
    j = senaste(ff, mote_id)
    m = moten.mote(ff, mote_id)
    if j is None or m is None or j.status != "justerad" or j.justerat is None:
        raise Ogiltigt("Protokollet är inte justerat ännu; anslaget sätts upp efter justeringen.")
    if upp < j.justerat:
        raise Ogiltigt(f"Anslaget kan inte sättas upp ({upp}) före justeringen ({j.justerat}).")
    ned = upp + dt.timedelta(days=ANSLAG_DAGAR)
    if (j.anslag_upp, j.anslag_ned) == (upp, ned):
        return
    with ff.write(f"Ändra anslagets datum för {m.rubrik}") as db:
        db.execute(
            "UPDATE justering SET anslag_upp = ?, anslag_ned = ? WHERE id = ?",
            (upp.isoformat(), ned.isoformat(), j.id),
        )


@dataclass(frozen=True)
class Anslag:
    """The notice on the förbund's anslagstavla (its website) that a protokoll is justerat."""

    organ: str
    sammantradesdatum: dt.date
    paragrafer: str
    justerat: dt.date
    upp: dt.date
    ned: dt.date
    forvaring: str

    @property
    def rader(self) -> list[tuple[str, str]]:
        return [
            ("Organ", self.organ),
            ("Sammanträdesdatum", self.sammantradesdatum.isoformat()),
            ("Paragrafer", self.paragrafer),
            ("Datum för justering", self.justerat.isoformat()),
            ("Datum då anslaget sätts upp", self.upp.isoformat()),
            ("Datum då anslaget tas ned", self.ned.isoformat()),
            ("Förvaringsplats för protokollet", self.forvaring),
        ]

    @property
    def overklagande(self) -> str:
        return (
            "Beslut i protokollet kan överklagas genom laglighetsprövning enligt kommunallagen "
            "(2017:725) 13 kap. Överklagandet ska ha kommit in till förvaltningsrätten inom tre "
            f"veckor från den dag anslaget sattes upp ({self.upp.isoformat()})."
        )

    def text(self, forbund: str) -> str:
        lines = [f"ANSLAG / BEVIS – {forbund}", "Protokollet är justerat.", ""]
        lines += [f"{k}: {v}" for k, v in self.rader]
        return "\n".join([*lines, "", self.overklagande, ""])


def anslag(ff: ForbundFile, mote_id: int, forbund: str) -> Anslag:
    """The anslag of a justerat protokoll; refused before the justering."""
    m = moten.mote(ff, mote_id)
    j = senaste(ff, mote_id)
    if m is None or j is None or j.status != "justerad" or not (j.anslag_upp and j.anslag_ned):
        raise Ogiltigt("Protokollet är inte justerat ännu; anslaget görs efter justeringen.")
    numbers = moten.paragrafer([a.paragraf for a in moten.arenden(ff, mote_id)])
    return Anslag(
        f"Styrelsen, {forbund}" if m.typ in moten.PROTOKOLLFORDA else m.namn,
        m.datum,
        numbers or "–",
        j.justerat or m.datum,
        j.anslag_upp,
        j.anslag_ned,
        f"Kansliet, {forbund}",
    )
