"""A signed PDF checked offline, signature by signature, with pyHanko (PAdES).

What a signing service (or a justerare's own e-legitimation) returns is accepted only when
every signature is intact and cryptographically valid, its certificate chains to an issuer
the förbund trusts, nothing was changed after signing beyond what signing itself adds
(pyHanko's difference analysis), what was signed is the version sent out (the same bytes as
its first revision, or, where the service made a new file, the same text page by page), and
those who signed are those who were expected. Nothing is fetched from the network: revocation
is not checked, and the report says so.

Nothing here touches a förbund file: :mod:`finsam_desktop.justering` stores what is accepted.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

#: pyHanko's modification levels (by name) that signing itself makes: accepted.
_ALLOWED_CHANGES = {
    "NONE": "inga ändringar efter underskriften",
    "LTA_UPDATES": "bara valideringsdata och tidsstämplar har lagts till efter underskriften",
    "FORM_FILLING": "bara underskrifter har lagts till efter underskriften",
}
_REFUSED_CHANGES = {
    "ANNOTATIONS": "kommentarer eller anteckningar har lagts till efter underskriften",
    "OTHER": "innehållet har ändrats efter underskriften",
}


@dataclass(frozen=True)
class Benamning:
    """How the reasons name what was signed: a protokoll is justerat from a
    justeringsversion, an utdrag or an årsredovisning is signed from an underskriftsversion."""

    handling: str = "protokollet"  # "årsredovisningen 2025"
    version: str = "justeringsversion"
    verb: str = "justera"


PROTOKOLL = Benamning()


class OgiltigCertifikatfil(ValueError):
    """A file that holds no X.509 certificate; ``str()`` is the Swedish reason."""


@dataclass(frozen=True)
class Certifikat:
    """A CA certificate the förbund may trust: its name, SHA-256 fingerprint and DER."""

    namn: str
    sha256: str
    der: bytes


def las_certifikat(data: bytes) -> list[Certifikat]:
    """The certificates in a PEM or DER file (a PEM file may hold several)."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding

    try:
        if b"-----BEGIN" in data:
            found = x509.load_pem_x509_certificates(data)
        else:
            found = [x509.load_der_x509_certificate(data)]
    except ValueError:
        raise OgiltigCertifikatfil(
            "Filen innehåller inget certifikat (PEM eller DER). Hämta signeringstjänstens "
            "CA-certifikat från tjänsten och välj den filen."
        ) from None
    out = []
    for cert in found:
        der = cert.public_bytes(Encoding.DER)
        out.append(Certifikat(_namn(cert.subject), hashlib.sha256(der).hexdigest(), der))
    return out


def _namn(name) -> str:
    from cryptography.x509.oid import NameOID

    for oid in (NameOID.COMMON_NAME, NameOID.ORGANIZATION_NAME):
        values = name.get_attributes_for_oid(oid)
        if values:
            return str(values[0].value)
    return name.rfc4514_string() or "(namnlöst certifikat)"


def normalised(name: str) -> str:
    """A person's name compared as written on a certificate: case and spacing ignored."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Underskrift:
    """One signature in the file, as checked."""

    nummer: int
    namn: str  # who signed, as the certificate names them
    certifikat: str  # the certificate's subject
    utfardare: str  # its issuer
    tid: dt.datetime | None
    fel: tuple[str, ...] = ()
    andring: str = ""

    @property
    def godkand(self) -> bool:
        return not self.fel

    @property
    def rad(self) -> str:
        when = self.tid.astimezone().strftime("%Y-%m-%d %H:%M") if self.tid else "utan tidpunkt"
        head = f"Underskrift {self.nummer}: {self.namn}, {when} (utfärdare: {self.utfardare})"
        if self.fel:
            return head + " – godtas inte: " + "; ".join(self.fel) + "."
        return head + f" – giltig, betrodd, {self.andring}."


@dataclass
class Granskning:
    """What the check of one signed file found: per signature, and for the whole file."""

    underskrifter: list[Underskrift] = field(default_factory=list)
    fel: list[str] = field(default_factory=list)  # reasons that concern the whole file
    #: How the signed file was matched to the version sent out ("" when it was not).
    samma: str = ""
    sha256: str = ""
    #: The version (sent for signing) the file was checked against.
    version: int = 0

    @property
    def godkand(self) -> bool:
        return (
            not self.fel and bool(self.underskrifter) and all(u.godkand for u in self.underskrifter)
        )

    @property
    def skal(self) -> list[str]:
        """Every reason the file is not accepted, signature by signature, then the file's."""
        return [u.rad for u in self.underskrifter if not u.godkand] + self.fel

    @property
    def senast(self) -> dt.datetime | None:
        times = [u.tid for u in self.underskrifter if u.tid]
        return max(times) if times else None

    def text(self) -> str:
        lines = [u.rad for u in self.underskrifter]
        if self.samma:
            lines.append(self.samma)
        lines += self.fel
        lines.append(
            "Kontrollen är gjord utan nätverk: om ett certifikat har spärrats efter "
            "underskriften syns det inte här."
        )
        if self.sha256:
            lines.append(f"Den signerade filens SHA-256: {self.sha256}")
        return "\n".join(lines)


def page_texts(data: bytes) -> list[str]:
    """Each page's text, whitespace collapsed (PDFium): what a re-made file must keep."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for page in pdf:
            textpage = page.get_textpage()
            out.append(" ".join(textpage.get_text_range().split()))
            textpage.close()
            page.close()
        return out
    finally:
        pdf.close()


def _same_version(signed: bytes, frozen: bytes, version: int, benamning: Benamning) -> str | None:
    """How ``signed`` holds ``frozen`` (bytes, else pages), or None when it does not."""
    if signed.startswith(frozen):
        return f"Det underskrivna är {benamning.version} {version}, byte för byte."
    try:
        want, got = page_texts(frozen), page_texts(signed)
    except Exception:  # a file PDFium cannot read holds no such pages
        return None
    if want and got[: len(want)] == want:
        extra = len(got) - len(want)
        more = f" (tjänsten har lagt till {extra} sida/sidor efter)" if extra else ""
        return (
            f"Signeringstjänsten har gjort en ny fil: sidorna 1–{len(want)} har samma text "
            f"som {benamning.version} {version}{more}."
        )
    return None


def granska(
    signed: bytes,
    *,
    version: int,
    frozen: bytes | None,
    andra_versioner: dict[int, bytes],
    vantade: Sequence[str],
    betrodda: Sequence[bytes],
    skickad: dt.date,
    nu: dt.datetime,
    benamning: Benamning = PROTOKOLL,
) -> Granskning:
    """Check ``signed`` against version ``version`` (``frozen``, its bytes) of a document.

    ``andra_versioner`` are the other frozen versions (to say which one was signed instead),
    ``vantade`` the names of those who must sign, ``betrodda`` the trusted issuers' DER,
    ``benamning`` how the reasons name the document.
    """
    g = Granskning(sha256=hashlib.sha256(signed).hexdigest(), version=version)
    if not signed.startswith(b"%PDF"):
        g.fel.append("Filen är ingen PDF.")
        return g
    # pyHanko logs each certificate it cannot chain as a warning with a traceback; what it
    # found is reported here, in Swedish, signature by signature.
    for logger in ("pyhanko", "pyhanko_certvalidator"):
        logging.getLogger(logger).setLevel(logging.ERROR)
    from pyhanko.pdf_utils.misc import PdfError
    from pyhanko.pdf_utils.reader import PdfFileReader

    try:
        reader = PdfFileReader(io.BytesIO(signed), strict=False)
        signatures = list(reader.embedded_signatures)
    except (PdfError, ValueError, KeyError, TypeError) as exc:
        g.fel.append(f"Filen kan inte läsas som PDF ({exc}).")
        return g
    if not signatures:
        g.fel.append(
            "Filen har ingen digital underskrift. Skickades den tillbaka från "
            "signeringstjänsten efter att alla skrivit under?"
        )
        return g
    _match_version(g, signed, version, frozen, andra_versioner, benamning)
    if frozen is not None and signed.startswith(frozen):
        _unchanged_since(g, signatures, signed, frozen, benamning)
    context = _context(betrodda)
    for n, sig in enumerate(signatures, start=1):
        g.underskrifter.append(_check(n, sig, context, skickad, nu, benamning))
    _match_signers(g, vantade, benamning)
    return g


def _match_version(
    g: Granskning,
    signed: bytes,
    version: int,
    frozen: bytes | None,
    others: dict[int, bytes],
    benamning: Benamning,
) -> None:
    if frozen is None:
        return
    how = _same_version(signed, frozen, version, benamning)
    if how:
        g.samma = how
        return
    for other, data in sorted(others.items()):
        if _same_version(signed, data, other, benamning):
            g.fel.append(
                f"Det som är underskrivet är {benamning.version} {other}, men det är version "
                f"{version} som är ute för underskrift. Skicka version {version} för "
                "underskrift."
            )
            return
    g.fel.append(
        f"Det som är underskrivet är inte {benamning.version} {version} av "
        f"{benamning.handling}: varken samma fil eller samma sidor."
    )


def page_pictures(data: bytes) -> list[bytes]:
    """Each page drawn small without annotations (PDFium): a signature's widget is no change,
    anything else drawn on a page is."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    try:
        out = []
        for page in pdf:
            out.append(page.render(scale=0.5, draw_annots=False).to_pil().tobytes())
            page.close()
        return out
    finally:
        pdf.close()


def _unchanged_since(
    g: Granskning, signatures: list, signed: bytes, frozen: bytes, benamning: Benamning
) -> None:
    """Refuse a page changed after the frozen version and before the first signature (or in
    its revision): it is signed too, and each signature alone finds the file intact. Later
    revisions are each signature's difference analysis."""
    first = min(signatures, key=lambda sig: sig.byte_range[2] + sig.byte_range[3])
    end = first.byte_range[2] + first.byte_range[3]
    try:
        same = page_pictures(signed[:end]) == page_pictures(frozen)
    except Exception:  # a revision PDFium cannot draw is no proof of the pages
        same = False
    if not same:
        g.fel.append(
            f"Sidorna har ändrats efter att {benamning.version}en skickades och före den första "
            "underskriften: det underskrivna är inte det som skickades."
        )


def _context(betrodda: Sequence[bytes]):
    from asn1crypto import x509 as asn1_x509
    from pyhanko_certvalidator import ValidationContext

    roots = [asn1_x509.Certificate.load(der) for der in betrodda]
    # A list, never None: None would mean the operating system's trust store.
    return ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")


def _person(name) -> str:
    """Who an asn1crypto Name is: its common name, else given name and surname."""
    native = name.native
    if native.get("common_name"):
        return str(native["common_name"])
    given, surname = native.get("given_name", ""), native.get("surname", "")
    return " ".join(x for x in (given, surname) if x) or str(
        native.get("organization_name") or name.human_friendly
    )


def _check(
    n: int, sig, context, skickad: dt.date, nu: dt.datetime, benamning: Benamning
) -> Underskrift:
    from pyhanko.sign.validation import validate_pdf_signature

    try:
        cert = sig.signer_cert
        namn, subject, issuer = (
            _person(cert.subject),
            cert.subject.human_friendly,
            (_person(cert.issuer)),
        )
    except Exception:  # a signature without a readable certificate
        return Underskrift(n, "(okänd)", "", "", None, ("certifikatet kan inte läsas",))
    try:
        status = validate_pdf_signature(sig, context)
    except Exception as exc:  # pyHanko refuses malformed signatures by raising
        return Underskrift(n, namn, subject, issuer, None, (f"kan inte kontrolleras ({exc})",))
    fel = []
    if not status.intact:
        fel.append("filen har ändrats efter underskriften (kontrollsumman stämmer inte)")
    elif not status.valid:
        fel.append("underskriften är inte giltig")
    if status.intact and status.valid and not status.trusted:
        fel.append(
            f"certifikatet är inte utfärdat av någon betrodd utfärdare ({issuer}); lägg till "
            "signeringstjänstens CA-certifikat under Betrodda utfärdare om förbundet litar på den"
        )
    level = getattr(status.modification_level, "name", "OTHER")
    andring = _ALLOWED_CHANGES.get(level, "")
    if not andring:
        fel.append(_REFUSED_CHANGES.get(level, "filen har ändrats efter underskriften"))
    elif status.docmdp_ok is False:
        fel.append("filen har ändrats på ett sätt som underskriften inte tillåter")
    tid = _signing_time(status)
    if tid is not None:
        if tid.date() < skickad - dt.timedelta(days=1):
            fel.append(
                f"underskriven {tid.date()}, före {benamning.version}en skickades ({skickad})"
            )
        elif tid > nu + dt.timedelta(hours=1):
            fel.append(f"tidpunkten för underskriften ({tid:%Y-%m-%d %H:%M}) ligger i framtiden")
    return Underskrift(n, namn, subject, issuer, tid, tuple(fel), andring)


def _signing_time(status) -> dt.datetime | None:
    ts = getattr(status, "timestamp_validity", None)
    if ts is not None and getattr(ts, "intact", False) and getattr(ts, "valid", False):
        return ts.timestamp
    return status.signer_reported_dt


def _match_signers(g: Granskning, vantade: Sequence[str], benamning: Benamning) -> None:
    expected = {normalised(v): v for v in vantade}
    who = f"{benamning.verb} {benamning.handling}"
    signed = {normalised(u.namn) for u in g.underskrifter}
    for i, u in enumerate(g.underskrifter):
        if normalised(u.namn) not in expected:
            names = ", ".join(vantade)
            g.underskrifter[i] = Underskrift(
                u.nummer,
                u.namn,
                u.certifikat,
                u.utfardare,
                u.tid,
                (
                    *u.fel,
                    f"{u.namn} ska inte {who} (de som ska: {names})",
                ),
                u.andring,
            )
    missing = [v for k, v in expected.items() if k not in signed]
    if missing:
        g.fel.append("Har inte skrivit under: " + ", ".join(missing) + ".")
