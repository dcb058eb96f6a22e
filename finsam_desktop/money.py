"""Money: exact amounts in integer öre, read the way people type them, shown the Swedish way.

This is the one module that turns amounts into text and text into amounts. Storage holds
integer öre; reports, the UI and the arbetsbok call :func:`format_amount` and
:func:`parse_amount` and never format or parse money themselves.

Sign convention (as in the reference documents): intäkter positive, kostnader negative.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import Enum

from .errors import Refusal

ORE_PER_KR = 100

#: Characters people and programs put between groups of thousands.
_GROUP_SPACES = " \u00a0\u202f\u2009\t"
#: Characters that mean minus when they lead an amount (hyphen, minus sign, en dash).
_MINUS_SIGNS = "-\u2212\u2013"
#: What a formatted amount puts between groups: a no-break space, so "2 832 000" never wraps.
GROUP_SEPARATOR = "\u00a0"
#: The typographic minus sign the reference documents' typesetting uses.
MINUS = "\u2212"


class Unit(Enum):
    """How an amount is shown: whole kronor or thousands with one decimal."""

    KR = "kr"
    TKR = "tkr"


class AmountError(Refusal):
    """Text that is not an amount. The message is Swedish and says what was expected."""


#: The largest amount anywhere, in kronor: 10^12 kr is far beyond any förbund's, and in öre
#: it fits SQLite's INTEGER (2^63 − 1) with room for sums of tens of thousands of them.
MAX_KR = 10**12
MAX_ORE = MAX_KR * ORE_PER_KR


def kr_to_ore(kr: Decimal | int | str) -> int:
    """Exact kronor (Decimal, int or a plain decimal string with a dot) to integer öre.

    Refuses amounts with fractions of an öre instead of rounding them silently.
    """
    value = Decimal(kr) * ORE_PER_KR
    if value != value.to_integral_value():
        raise AmountError(f"Beloppet {kr} har fler än två decimaler (öre).")
    return int(value)


def ore_to_kr(ore: int) -> Decimal:
    """Integer öre to exact kronor, e.g. 125550 -> Decimal('1255.50')."""
    return Decimal(ore).scaleb(-2)


def float_to_ore(value: float) -> int:
    """A number read from a spreadsheet cell (a binary float) to öre.

    Spreadsheets store 1255.5 as the nearest double, and a formula such as =0,1+0,2 leaves
    0.30000000000000004. Excel shows and compares 15 significant digits, so the value is read
    at that precision, which is what the user sees. More than two decimals left after that is
    a real fraction of an öre and is refused.
    """
    if value != value or value in (float("inf"), float("-inf")):
        raise AmountError("Talet är inte ett belopp.")
    if abs(value) > MAX_KR:
        raise AmountError(f"{_shown_float(value)} är ett för stort belopp.")
    return kr_to_ore(Decimal(f"{value:.15g}"))


def _shown_float(value: float) -> str:
    """A large float as digits where that is short (1e+30 stays 1e+30)."""
    return str(int(value)) if value.is_integer() and abs(value) < 1e16 else f"{value:.15g}"


_SCALE_SUFFIXES = {"kr": 1, "kronor": 1, ":-": 1, "sek": 1, "tkr": 1000, "mkr": 1_000_000}


#: Digits before the decimal comma an amount may have: 999 999 999 999 kr, far above any
#: förbund's, and still an exact integer of öre after a tkr scale (SQLite's INTEGER holds it).
MAX_DIGITS = 12


def parse_amount(text: str) -> int:
    """Read an amount in kronor as a person types it and return öre.

    Accepts "1 255,5", "−67 500 kr", "2 832 000", "-5000", "1255.50", "1 255,5 tkr",
    "2,5 mkr", "(67 500)". Anything that could be read two ways is refused with a message
    rather than guessed: "1.255" (a thousands dot or a decimal point?), "1,2345" (öre
    fractions), "12 34" (broken groups of thousands).
    """
    original = text
    s = text.strip()
    if not s:
        raise AmountError("Ange ett belopp.")
    negative = False
    if s.startswith("(") and s.endswith(")"):
        negative, s = True, s[1:-1].strip()
    lowered = s.lower()
    scale = 1
    for suffix, factor in sorted(_SCALE_SUFFIXES.items(), key=lambda kv: -len(kv[0])):
        if lowered.endswith(suffix):
            s, scale = s[: -len(suffix)].strip(), factor
            break
    signs = int(negative)
    if s and s[0] in _MINUS_SIGNS:
        negative, s, signs = True, s[1:].strip(), signs + 1
    elif s.startswith("+"):
        s = s[1:].strip()
    if s and s[-1] in _MINUS_SIGNS:  # "67 500-" as some ledgers print credit amounts
        negative, s, signs = True, s[:-1].strip(), signs + 1
    if signs > 1:
        # "(−1 234)" or "-5-": read as two minus signs it would turn a cost into an income
        raise AmountError(
            f"”{original}” har mer än ett minustecken (minus och parentes räknas båda). "
            "Skriv beloppet med ett: −1 234 eller (1 234)."
        )
    if not s:
        raise AmountError(f"”{original}” innehåller inget tal.")
    if not re.fullmatch(r"[0-9" + _GROUP_SPACES + r".,]+", s):
        raise AmountError(
            f"”{original}” är inte ett belopp. Skriv siffror, till exempel 1 255,5 eller −67 500."
        )
    integer, fraction = _split_decimal(s, original)
    integer = _join_groups(integer, original)
    if len(integer.lstrip("0")) > MAX_DIGITS:  # Decimal's quantize raised InvalidOperation
        raise AmountError(f"”{original}” är ett för stort belopp.")
    number = Decimal(f"{integer or '0'}.{fraction or '0'}") * scale
    if number != number.quantize(Decimal("0.01")):
        raise AmountError(f"”{original}” har fler än två decimaler; ange högst ören.")
    ore = int(number * ORE_PER_KR)
    if ore > MAX_ORE:  # "999 999 999 999 mkr": twelve digits, then a scale
        raise AmountError(f"”{original}” är ett för stort belopp.")
    return -ore if negative else ore


def _split_decimal(s: str, original: str) -> tuple[str, str]:
    commas, dots = s.count(","), s.count(".")
    if commas > 1:
        raise AmountError(f"”{original}” har flera decimalkomman.")
    if commas == 1 and dots:
        raise AmountError(
            f"”{original}” blandar punkt och komma. Skriv mellanslag mellan tusental och "
            "komma före decimaler: 1 255,5."
        )
    if commas == 1:
        integer, fraction = s.split(",")
    elif dots > 1:
        # "1.255.000": dots between groups of thousands, as some systems print
        groups = s.split(".")
        if not all(len(g.strip(_GROUP_SPACES)) == 3 for g in groups[1:]):
            raise AmountError(f"”{original}” har punkter på oväntade ställen.")
        integer, fraction = "".join(groups), ""
    elif dots == 1:
        integer, fraction = s.split(".")
        if len(fraction) == 3 and integer.strip(_GROUP_SPACES):
            raise AmountError(
                f"”{original}” kan läsas på två sätt (tusental eller decimaler). "
                "Skriv 1 255 eller 1,255."
            )
    else:
        integer, fraction = s, ""
    fraction = fraction.strip()
    if fraction and not fraction.isdigit():
        raise AmountError(f"”{original}” har mellanslag bland decimalerna.")
    return integer, fraction


def _join_groups(integer: str, original: str) -> str:
    parts = [p for p in re.split("[" + _GROUP_SPACES + "]+", integer.strip()) if p]
    if len(parts) > 1 and not (1 <= len(parts[0]) <= 3 and all(len(p) == 3 for p in parts[1:])):
        raise AmountError(
            f"”{original}” har mellanslag på oväntade ställen; skriv tusental i grupper om tre."
        )
    return "".join(parts)


def to_decimal(ore: int, unit: Unit = Unit.KR) -> Decimal:
    """The exact value of ``ore`` in ``unit`` (kr or tkr), before any rounding for display."""
    kr = ore_to_kr(ore)
    return kr / 1000 if unit is Unit.TKR else kr


def rounded(ore: int, unit: Unit = Unit.KR, *, decimals: int | None = None) -> int:
    """``ore`` rounded as :func:`format_amount` shows it, still in öre: 70 635 000 öre in tkr
    (706,35 tkr) is 70 640 000 (706,4 tkr). Sums and differences of shown figures are
    computed from these, so what a table adds up is what it prints."""
    if decimals is None:
        decimals = 1 if unit is Unit.TKR else 0
    quantum = ORE_PER_KR * (1000 if unit is Unit.TKR else 1) // 10**decimals
    if quantum <= 1:
        return ore
    q, r = divmod(abs(ore), quantum)
    if 2 * r >= quantum:
        q += 1
    return q * quantum if ore >= 0 else -q * quantum


def format_amount(
    ore: int,
    unit: Unit = Unit.KR,
    *,
    decimals: int | None = None,
    suffix: bool = False,
) -> str:
    """Show an amount the Swedish way: "2 832 000", "1 255,5" (tkr), "−67 500 kr".

    Kronor default to whole kronor and tkr to one decimal, as in the reference documents.
    Rounding is half up, as a reader rounds.
    """
    if decimals is None:
        decimals = 1 if unit is Unit.TKR else 0
    value = to_decimal(ore, unit)
    quantum = Decimal(1).scaleb(-decimals)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    text = _group(rounded, decimals)
    if suffix:
        text += "\u00a0" + unit.value
    return text


def _group(value: Decimal, decimals: int) -> str:
    sign = MINUS if value < 0 else ""
    digits = f"{abs(value):.{decimals}f}"
    whole, _, frac = digits.partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = GROUP_SEPARATOR.join(groups)
    if frac:
        text += "," + frac
    if sign and set(text) <= set("0," + GROUP_SEPARATOR):
        sign = ""  # never "−0,0"
    return sign + text


def format_percent(value: Decimal | float | int, decimals: int = 0) -> str:
    """A share as a Swedish percentage: Decimal('0.22') -> "22 %", 0.625 -> "62,5 %"."""
    try:
        pct = Decimal(str(value)) * 100
    except InvalidOperation as exc:  # pragma: no cover - callers pass numbers
        raise ValueError(value) from exc
    rounded = pct.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return _group(rounded, decimals) + "\u00a0%"


def decimal_text(value: Decimal) -> str:
    """A number as a form shows it for editing, every decimal kept and nothing added:
    Decimal("12.5") -> "12,5", Decimal("50") -> "50" (:func:`parse_percent` reads it back).
    For showing a share with its sign use :func:`finsam_desktop.ekonomi.format_andel`."""
    return format(value.normalize(), "f").replace(".", ",")


def parse_percent(text: str) -> Decimal:
    """Read a percentage as typed ("62,5 %", "25", "0,25 %") and return it in percent."""
    s = text.strip().rstrip("%").strip().replace(",", ".").replace(" ", "").replace("\u00a0", "")
    s = s.replace("\u2212", "-")
    try:
        value = Decimal(s)
    except InvalidOperation:
        raise AmountError(f"”{text}” är inte en procentsats; skriv till exempel 62,5 %.") from None
    if not value.is_finite():
        raise AmountError(f"”{text}” är inte en procentsats.")
    return value
