"""A signing service for the tests: a CA made in the test, people's certificates, PAdES
signatures with pyHanko. Nothing from the network.

``ca = TestCA("Testtjänstens CA")``; ``ca.sign(pdf, "Anna Andersson")`` returns the PDF with
one more signature (an incremental update, as a service adds each signer's); ``ca.pem`` is
what the förbund adds to its trusted issuers.
"""

from __future__ import annotations

import datetime as dt
import io
import itertools

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

_serials = itertools.count(2)


def _name(cn: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, cn),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "SE"),
        ]
    )


def _usage(*, ca: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True, content_commitment=not ca, key_encipherment=False,
        data_encipherment=False, key_agreement=False, key_cert_sign=ca, crl_sign=ca,
        encipher_only=False, decipher_only=False,
    )  # fmt: skip


class TestCA:
    __test__ = False  # not a test class

    def __init__(self, name: str = "Testtjänstens CA"):
        now = dt.datetime.now(dt.UTC)
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(_name(name))
            .public_key(self.key.public_key())
            .serial_number(1)
            .not_valid_before(now - dt.timedelta(days=30))
            .not_valid_after(now + dt.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(_usage(ca=True), critical=True)
            .sign(self.key, hashes.SHA256())
        )
        self._signers: dict[str, signers.SimpleSigner] = {}

    @property
    def pem(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.PEM)

    @property
    def der(self) -> bytes:
        return self.cert.public_bytes(serialization.Encoding.DER)

    def signer(self, person: str) -> signers.SimpleSigner:
        if person not in self._signers:
            now = dt.datetime.now(dt.UTC)
            key = ec.generate_private_key(ec.SECP256R1())
            cert = (
                x509.CertificateBuilder()
                .subject_name(_name(person))
                .issuer_name(self.cert.subject)
                .public_key(key.public_key())
                .serial_number(next(_serials))
                .not_valid_before(now - dt.timedelta(days=1))
                .not_valid_after(now + dt.timedelta(days=365))
                .add_extension(_usage(ca=False), critical=True)
                .sign(self.key, hashes.SHA256())
            )
            der = serialization.Encoding.DER
            pkcs8 = key.private_bytes(
                der, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            )
            self._signers[person] = signers.SimpleSigner(
                signing_cert=asn1_x509.Certificate.load(cert.public_bytes(der)),
                signing_key=asn1_keys.PrivateKeyInfo.load(pkcs8),
                cert_registry=SimpleCertificateStore.from_certs(
                    [asn1_x509.Certificate.load(self.der)]
                ),
            )
        return self._signers[person]

    def sign(self, pdf: bytes, person: str) -> bytes:
        """``pdf`` with one more signature, by ``person``, as an incremental update."""
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
        field = f"Underskrift{len(self._signers) + 1}_{next(_serials)}"
        out = signers.sign_pdf(
            writer, signers.PdfSignatureMetadata(field_name=field), signer=self.signer(person)
        )
        return out.getvalue()

    def sign_all(self, pdf: bytes, people: list[str]) -> bytes:
        for person in people:
            pdf = self.sign(pdf, person)
        return pdf
