"""Justering of a protokoll: sent out frozen, taken back signed and verified, then anslaget.

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
from .model import Funktion

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
class Signerare:
    namn: str
    roll: str
    signerat: dt.datetime | None = None
    certifikat: str = ""


@dataclass(frozen=True)
class Justering:
    """One version of a protokoll sent for justering, and what came of it."""

    id: int
    mote_id: int
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
    def ute(self) -> bool:
        return self.status == "ute"

    @property
    def text(self) -> str:
        """The state in one sentence, as the meeting's form shows it."""
        vilka = ", ".join(f"{s.namn} ({s.roll})" for s in self.signerare)
        if self.status == "ute":
            return (
                f"Justeringsversion {self.version} skickades för underskrift "
                f"{self.skickad.isoformat()}; ska skriva under: {vilka}. Protokollet är låst "
                "tills den signerade filen har tagits emot eller justeringen återkallas."
            )
        if self.status == "aterkallad":
            return f"Justeringsversion {self.version} ({self.skickad.isoformat()}) återkallades."
        how = "digitalt" if self.satt == "digital" else "på papper (inskannat original)"
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


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def justeringar(ff: ForbundFile, mote_id: int) -> list[Justering]:
    """Every version of the meeting's protokoll sent for justering, the newest first."""
    rows = ff.query(
        "SELECT id, mote_id, version, skickad, sha256, status, satt, justerat, original_sha256, "
        "validering, anslag_upp, anslag_ned FROM justering WHERE mote_id = ? "
        "ORDER BY version DESC",
        (mote_id,),
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
                r["mote_id"],
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


def senaste(ff: ForbundFile, mote_id: int) -> Justering | None:
    found = justeringar(ff, mote_id)
    return found[0] if found else None


def ute(ff: ForbundFile, mote_id: int) -> Justering | None:
    """The version out for signing, if one is: the protokoll is locked while it is."""
    j = senaste(ff, mote_id)
    return j if j is not None and j.ute else None


def nasta_version(ff: ForbundFile, mote_id: int) -> int:
    rows = ff.query("SELECT max(version) AS v FROM justering WHERE mote_id = ?", (mote_id,))
    return (rows[0]["v"] or 0) + 1


def vantade(ff: ForbundFile, mote_id: int) -> list[tuple[str, str]]:
    """Who must sign the protokoll, in the order it prints them: (namn, roll)."""
    m = moten.mote(ff, mote_id)
    if m is None:
        return []
    seats = [n for n in moten.narvaro(ff, mote_id) if n.narvarande]
    chair = next((n.person for n in seats if n.funktion is Funktion.ORDFORANDE), "")
    role = "ordförande"
    if not chair:  # the vice ordförande chaired
        chair = next((n.person for n in seats if n.funktion is Funktion.VICE_ORDFORANDE), "")
        role = "ordförande (vice ordförande)"
    out = [(chair, role)] if chair else []
    out += [(namn, "justerare") for _, namn in moten.justerare(ff, mote_id)]
    if m.sekreterare:
        out.append((m.sekreterare, "sekreterare"))
    return out


def kontrollera_skicka(ff: ForbundFile, mote_id: int, idag: dt.date) -> moten.Mote:
    """Refuse, with the reason, a protokoll that cannot be sent for justering yet."""
    m = moten.mote(ff, mote_id)
    if m is None:
        raise Ogiltigt(f"Det finns inget möte med id {mote_id}.")
    if m.typ not in moten.PROTOKOLLFORDA:
        raise Ogiltigt(f"{m.rubrik} har inget protokoll som justeras; bara styrelsemöten har det.")
    if m.datum > idag:
        raise Ogiltigt(
            f"{m.rubrik} är inte hållet ännu: protokollet kan skickas för justering efter mötet."
        )
    if m.justerat is not None:
        raise Ogiltigt(f"Protokollet för {m.rubrik} är redan justerat {m.justerat.isoformat()}.")
    if (j := ute(ff, mote_id)) is not None:
        raise Ogiltigt(
            f"Justeringsversion {j.version} av protokollet för {m.rubrik} är redan ute för "
            "underskrift. Ta emot den signerade filen, eller återkalla justeringen först."
        )
    if m.antal_arenden == 0:
        raise Ogiltigt(f"Protokollet för {m.rubrik} har inga ärenden ännu.")
    if not moten.justerare(ff, mote_id):
        raise Ogiltigt(f"Välj justerare för {m.rubrik} innan protokollet skickas för justering.")
    if not any(r == "ordförande" or r.startswith("ordförande ") for _, r in vantade(ff, mote_id)):
        raise Ogiltigt(
            f"Ingen ordförande eller vice ordförande är närvarande vid {m.rubrik}: ange "
            "närvaron först, så att protokollet vet vem som skriver under som ordförande."
        )
    return m


def skicka(ff: ForbundFile, mote_id: int, pdf: bytes, version: int, idag: dt.date) -> Justering:
    """Store ``pdf`` as justeringsversion ``version`` and lock the protokoll; one write.

    ``pdf`` is the protokoll made for this version (it prints the version number); the
    caller asks :func:`nasta_version` which number to print.
    """
    m = kontrollera_skicka(ff, mote_id, idag)
    if version != nasta_version(ff, mote_id):
        raise Ogiltigt("Protokollet ändrades medan justeringsversionen gjordes; försök igen.")
    signers = vantade(ff, mote_id)
    with ff.write(f"Skicka protokollet för {m.rubrik} för justering") as db:
        cur = db.execute(
            "INSERT INTO justering (mote_id, version, skickad, sha256, pdf, status) "
            "VALUES (?, ?, ?, ?, ?, 'ute')",
            (mote_id, version, idag.isoformat(), hashlib.sha256(pdf).hexdigest(), pdf),
        )
        for n, (namn, roll) in enumerate(signers, start=1):
            db.execute(
                "INSERT INTO justering_signerare (justering_id, ordning, namn, roll) "
                "VALUES (?, ?, ?, ?)",
                (cur.lastrowid, n, namn, roll),
            )
    j = senaste(ff, mote_id)
    assert j is not None
    return j


def aterkalla(ff: ForbundFile, mote_id: int) -> None:
    """Call the version out back (the protokoll needs a change): it is unlocked; one write."""
    j = ute(ff, mote_id)
    m = moten.mote(ff, mote_id)
    if j is None or m is None:
        raise Ogiltigt("Inget protokoll är ute för justering för det här mötet.")
    with ff.write(f"Återkalla justeringen av protokollet för {m.rubrik}") as db:
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

    mote_id: int
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
        )


def underlag(
    ff: ForbundFile, mote_id: int, signed: bytes, *, extra_betrodda: Sequence[bytes] = ()
) -> Underlag:
    """Read what the check of ``signed`` needs; refused when no version is out."""
    m = moten.mote(ff, mote_id)
    if m is None:
        raise Ogiltigt(f"Det finns inget möte med id {mote_id}.")
    j = ute(ff, mote_id)
    if j is None:
        if m.justerat is not None:
            raise Ogiltigt(
                f"Protokollet för {m.rubrik} är redan justerat {m.justerat.isoformat()}."
            )
        raise Ogiltigt(
            f"Protokollet för {m.rubrik} är inte skickat för justering: skicka det först, så "
            "att den signerade filen kan jämföras med det som skickades."
        )
    if len(signed) > MAX_FIL:
        raise Ogiltigt("Filen är större än 50 MB och kan inte vara ett signerat protokoll.")
    others = {}
    for other in justeringar(ff, mote_id):
        if other.id != j.id and (data := frozen_pdf(ff, other.id)) is not None:
            others[other.version] = data
    trusted = [c.der for _, c in utfardare(ff)]
    trusted += [c.der for data in extra_betrodda for c in _certs(data)]
    return Underlag(
        mote_id, j.version, signed, frozen_pdf(ff, j.id), others,
        tuple(s.namn for s in j.signerare), tuple(trusted), j.skickad,
    )  # fmt: skip


def _certs(data: bytes) -> list[signatur.Certifikat]:
    try:
        return signatur.las_certifikat(data)
    except signatur.OgiltigCertifikatfil as exc:
        raise Ogiltigt(str(exc)) from None


def ta_emot(
    ff: ForbundFile,
    mote_id: int,
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
    signer's time and certificate with the version, and the meeting is justerat on the day of
    the last signature.
    """
    u = underlag(ff, mote_id, signed, extra_betrodda=extra_betrodda)
    g = granskning
    if g is None or g.version != u.version or g.sha256 != hashlib.sha256(signed).hexdigest():
        g = u.granska(nu)
    m = moten.mote(ff, mote_id)
    j = ute(ff, mote_id)
    assert m is not None and j is not None
    if not g.godkand:
        raise Avvisad(
            f"Den signerade filen godtas inte, och protokollet för {m.rubrik} är inte "
            "justerat:\n" + "\n".join(f"– {s}" for s in g.skal),
            g,
        )
    last = g.senast or dt.datetime.now(dt.UTC)
    justerat = max(last.astimezone().date(), m.datum)
    times = {signatur.normalised(u.namn): u for u in g.underskrifter}
    with ff.write(f"Ta emot det justerade protokollet för {m.rubrik}") as db:
        db.execute(
            "UPDATE justering SET status = 'justerad', satt = 'digital', justerat = ?, "
            "original = ?, original_sha256 = ?, validering = ?, anslag_upp = ?, anslag_ned = ? "
            "WHERE id = ?",
            (justerat.isoformat(), signed, g.sha256, g.text(), *_anslag(justerat, idag), j.id),
        )
        for n, s in enumerate(j.signerare, start=1):
            u = times.get(signatur.normalised(s.namn))
            db.execute(
                "UPDATE justering_signerare SET signerat = ?, certifikat = ? "
                "WHERE justering_id = ? AND ordning = ?",
                (u.tid.isoformat() if u and u.tid else None, u.certifikat if u else "", j.id, n),
            )
        db.execute("UPDATE mote SET justerat = ? WHERE id = ?", (justerat.isoformat(), mote_id))
    result = senaste(ff, mote_id)
    assert result is not None
    return result


def _anslag(justerat: dt.date, idag: dt.date | None) -> tuple[str, str]:
    """The anslag goes up on the day of the justering (or today, when later) for 21 days."""
    upp = max(justerat, idag or justerat)
    return upp.isoformat(), (upp + dt.timedelta(days=ANSLAG_DAGAR)).isoformat()


def bifoga_papper(
    ff: ForbundFile,
    mote_id: int,
    scan: bytes,
    justerat: dt.date,
    signerare: list[str],
    idag: dt.date,
) -> Justering:
    """A protokoll signed by hand: the scan kept as the original, the day and signers typed.

    The version out for signing is the one signed; with none out, a version without a frozen
    file is recorded. One write.
    """
    m = moten.mote(ff, mote_id)
    if m is None:
        raise Ogiltigt(f"Det finns inget möte med id {mote_id}.")
    if m.justerat is not None:
        raise Ogiltigt(f"Protokollet för {m.rubrik} är redan justerat {m.justerat.isoformat()}.")
    if not scan.startswith(b"%PDF"):
        raise Ogiltigt("Det inskannade protokollet ska vara en PDF-fil.")
    if len(scan) > MAX_FIL:
        raise Ogiltigt("Filen är större än 50 MB; skanna med lägre upplösning.")
    if justerat < m.datum:
        raise Ogiltigt(f"Protokollet kan inte justeras ({justerat}) före mötet ({m.datum}).")
    if justerat > idag:
        raise Ogiltigt(f"Justeringsdagen ({justerat}) ligger i framtiden.")
    names = [" ".join(n.split()) for n in signerare if n.strip()]
    if not names:
        raise Ogiltigt("Skriv vilka som har skrivit under protokollet.")
    j = ute(ff, mote_id)
    roles = {signatur.normalised(s.namn): s.roll for s in (j.signerare if j else ())}
    if j is None:
        roles = {signatur.normalised(n): r for n, r in vantade(ff, mote_id)}
    digest = hashlib.sha256(scan).hexdigest()
    report = (
        f"Justerat på papper {justerat.isoformat()}, inskannat original. Underskrifterna är "
        f"inte digitala och har inte kontrollerats av programmet.\nSHA-256: {digest}"
    )
    with ff.write(f"Bifoga det inskannade protokollet för {m.rubrik}") as db:
        values = (justerat.isoformat(), scan, digest, report, *_anslag(justerat, idag))
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
                "INSERT INTO justering (mote_id, version, skickad, status, satt, justerat, "
                "original, original_sha256, validering, anslag_upp, anslag_ned) "
                "VALUES (?, ?, ?, 'justerad', 'papper', ?, ?, ?, ?, ?, ?)",
                (mote_id, nasta_version(ff, mote_id), idag.isoformat(), *values),
            )
            jid = cur.lastrowid
        for n, namn in enumerate(names, start=1):
            db.execute(
                "INSERT INTO justering_signerare (justering_id, ordning, namn, roll) "
                "VALUES (?, ?, ?, ?)",
                (jid, n, namn, roles.get(signatur.normalised(namn), "undertecknare")),
            )
        db.execute("UPDATE mote SET justerat = ? WHERE id = ?", (justerat.isoformat(), mote_id))
    result = senaste(ff, mote_id)
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
