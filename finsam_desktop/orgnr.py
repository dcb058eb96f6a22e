"""Organisationsnummer: Swedish organisation numbers, checked with their check digit."""

from __future__ import annotations

from stdnum.exceptions import ValidationError
from stdnum.se import orgnr as _orgnr

from .errors import Refusal


class OrgnrError(Refusal):
    """Not a valid organisationsnummer; the message is Swedish."""


def normalize_orgnr(text: str) -> str:
    """Return the number as "222000-2063", or raise OrgnrError saying what is wrong.

    Accepts "2220002063", "222000-2063" and "222000 2063". The last digit is a check digit
    (the Luhn algorithm, as for personnummer), so a typo in any one digit is caught.
    """
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) != 10 or any(ch not in "0123456789- " for ch in text.strip()):
        raise OrgnrError(
            f"”{text}” är inte ett organisationsnummer; det har tio siffror, "
            "till exempel 222000-2063."
        )
    try:
        _orgnr.validate(digits)
    except ValidationError:
        raise OrgnrError(
            f"Kontrollsiffran i ”{text}” stämmer inte; kontrollera att alla siffror är rätt."
        ) from None
    return _orgnr.format(digits)


def orgnr_problem(text: str) -> str:
    """Why ``text`` is not an organisationsnummer, or "" when it is one (or is empty): for a
    field that says so while the person types."""
    if not text.strip():
        return ""
    try:
        normalize_orgnr(text.strip())
    except OrgnrError as err:
        return str(err)
    return ""
