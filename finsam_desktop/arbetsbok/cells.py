"""Cell kinds: how one value of the förbund file becomes an Excel cell, and is read back.

Each kind turns a stored value (ISO date text, integer öre, vocabulary code…) into a cell value
for the export (:meth:`Kind.to_cell`), and reads what a person typed in Excel back into the
stored value (:meth:`Kind.parse`), or refuses it with a Swedish message (:class:`CellError`).
Blank cells never reach ``parse``: the sheet reader decides what a blank means.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..dates import DateError, parse_date, stored_date
from ..errors import Refusal
from ..model import Vocabulary
from ..money import (
    MAX_KR,
    AmountError,
    float_to_ore,
    ore_to_kr,
    parse_amount,
    parse_percent,
)
from ..orgnr import OrgnrError, normalize_orgnr
from ..text import cell_text, clean_text

DATE_FORMAT = "yyyy-mm-dd"
TIME_FORMAT = "hh:mm"
KR_FORMAT = "#,##0"
ORE_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"


class CellError(Refusal):
    """A typed value that cannot be read; the message is Swedish and says what was expected."""


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def name_key(text: str) -> str:
    """How names are compared: case and extra whitespace do not matter."""
    return " ".join(str(text).split()).casefold()


def shown(raw: Any) -> str:
    if isinstance(raw, dt.datetime):
        return raw.isoformat(sep=" ")
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()


#: Characters XML 1.0 does not allow that openpyxl's own pattern lets through: U+FFFE, U+FFFF
#: and lone surrogates. Written, they made an arbetsbok that could not be read back.


class Kind:
    """A kind of cell. ``empty`` is the stored value of a blank optional cell."""

    empty: Any = None
    #: Values a dropdown in Excel offers (a suggestion; other spellings are read too).
    choices: tuple[str, ...] = ()
    #: Cells formatted as text, so Excel keeps "0701…" and "5011" as typed.
    text_format = False

    def to_cell(self, value: Any) -> Any:
        return value

    def parse(self, raw: Any) -> Any:  # pragma: no cover - every kind overrides
        raise NotImplementedError

    def number_format(self, values: list[Any]) -> str | None:
        """The format of the column's cells, given the stored values."""
        return TEXT_FORMAT if self.text_format else None

    def width(self, cell_value: Any) -> int:
        if cell_value is None:
            return 0
        if isinstance(cell_value, str):
            return max(len(line) for line in cell_value.split("\n"))
        return len(str(cell_value))


class Text(Kind):
    empty = ""

    def __init__(self, *, as_text: bool = False):
        self.text_format = as_text

    def to_cell(self, value: str | None) -> str | None:
        return cell_text(value) if value else None

    def parse(self, raw: Any) -> str:
        if isinstance(raw, bool):
            return "Ja" if raw else "Nej"
        if isinstance(raw, dt.datetime) and raw.time() == dt.time(0, 0):
            return raw.date().isoformat()
        if isinstance(raw, dt.date | dt.time):
            return raw.isoformat()
        if isinstance(raw, float):
            return str(int(raw)) if raw.is_integer() else repr(raw)
        return str(raw).strip()


class Orgnr(Text):
    def parse(self, raw: Any) -> str:
        text = super().parse(raw)
        try:
            return normalize_orgnr(text)
        except OrgnrError as exc:
            raise CellError(str(exc)) from None


class Date(Kind):
    def to_cell(self, value: str | None) -> dt.date | None:
        return stored_date(value)

    def number_format(self, values: list[Any]) -> str:
        return DATE_FORMAT

    def width(self, cell_value: Any) -> int:
        return 10 if cell_value is not None else 0

    def parse(self, raw: Any) -> str:
        if isinstance(raw, bool | int | float):
            raise CellError(
                f"”{shown(raw)}” är inget datum; skriv år-månad-dag, till exempel 2025-11-28."
            )
        if isinstance(raw, dt.time):
            raise CellError(f"”{raw}” är ett klockslag, inget datum.")
        try:
            return parse_date(raw).isoformat()
        except DateError as exc:
            raise CellError(str(exc)) from None


_TIME_RE = re.compile(r"(\d{1,2})(?:[:.]?(\d{2}))?(?::00)?")


class Time(Kind):
    """A time of day, stored "HH:MM"; written as a real Excel time."""

    empty = ""

    def to_cell(self, value: str | None) -> dt.time | None:
        if not value:
            return None
        hours, minutes = value.split(":")
        return dt.time(int(hours), int(minutes))

    def number_format(self, values: list[Any]) -> str:
        return TIME_FORMAT

    def width(self, cell_value: Any) -> int:
        return 5 if cell_value is not None else 0

    def parse(self, raw: Any) -> str:
        hours = minutes = -1
        if isinstance(raw, dt.datetime):
            if raw.date() == dt.date(1899, 12, 30) or raw.date() == dt.date(1900, 1, 1):
                raw = raw.time()  # a time some programs store with Excel's day zero
            else:
                raise CellError(f"”{shown(raw)}” är ett datum; ange bara klockslag, t.ex. 09:30.")
        if isinstance(raw, dt.time):
            if raw.second or raw.microsecond:
                raise CellError(f"”{raw}” har sekunder; ange timmar och minuter, t.ex. 09:30.")
            hours, minutes = raw.hour, raw.minute
        elif isinstance(raw, float) and 0 <= raw < 1:
            total = round(raw * 24 * 60)
            hours, minutes = divmod(total, 60)
        elif isinstance(raw, str | int) and not isinstance(raw, bool):
            m = _TIME_RE.fullmatch(str(raw).strip())
            if m:
                hours, minutes = int(m[1]), int(m[2] or 0)
        if not (0 <= hours < 24 and 0 <= minutes < 60):
            raise CellError(
                f"”{shown(raw)}” är inget klockslag; skriv timmar och minuter, t.ex. 09:30."
            )
        return f"{hours:02d}:{minutes:02d}"


def ore_to_cell(ore: int) -> int | float:
    """Öre as kronor for a cell: whole kronor as an integer, else the exact two-decimal value."""
    return ore // 100 if ore % 100 == 0 else float(ore_to_kr(ore))


class Amount(Kind):
    """Kronor as a number; stored in öre. Intäkter positive, kostnader negative."""

    def __init__(self, *, non_negative: bool = False):
        self.non_negative = non_negative

    def to_cell(self, value: int | None) -> int | float | None:
        return None if value is None else ore_to_cell(value)

    def number_format(self, values: list[Any]) -> str:
        return ORE_FORMAT if any(v is not None and v % 100 for v in values) else KR_FORMAT

    def width(self, cell_value: Any) -> int:
        if cell_value is None:
            return 0
        return len(f"{cell_value:,}" if isinstance(cell_value, int) else f"{cell_value:,.2f}")

    def parse(self, raw: Any) -> int:
        try:
            if isinstance(raw, bool):
                raise AmountError(f"”{raw}” är inget belopp.")
            if isinstance(raw, int):
                ore = raw * 100
            elif isinstance(raw, float):
                ore = float_to_ore(raw)
            elif isinstance(raw, str):
                ore = parse_amount(raw)
            else:
                raise AmountError(f"”{shown(raw)}” är inget belopp; skriv kronor, t.ex. 1 255,50.")
        except AmountError as exc:
            raise CellError(str(exc)) from None
        if abs(ore) > MAX_KR * 100:
            raise CellError(f"”{shown(raw)}” är orimligt stort för ett belopp i kronor.")
        if self.non_negative and ore < 0:
            raise CellError(f"”{shown(raw)}” är negativt; beloppet ska vara 0 eller mer.")
        return ore


#: Largest whole number accepted anywhere (years, counts, numbers); SQLite and sense agree.
MAX_INT = 2**31 - 1


def parse_int(raw: Any) -> int:
    value = None
    if isinstance(raw, bool):
        pass
    elif isinstance(raw, int):
        value = raw
    elif isinstance(raw, float) and raw.is_integer():
        value = int(raw)
    else:
        text = str(raw).strip()
        if re.fullmatch(r"[+\-−]?\d{1,12}", text):
            value = int(text.replace("−", "-"))
    if value is None:
        raise CellError(f"”{shown(raw)}” är inget heltal.")
    if abs(value) > MAX_INT:
        raise CellError(f"{shown(raw)} är orimligt stort.")
    return value


class Integer(Kind):
    def __init__(self, low: int | None = None, high: int | None = None, what: str = "talet"):
        self.low, self.high, self.what = low, high, what

    def parse(self, raw: Any) -> int:
        value = parse_int(raw)
        if self.low is not None and self.high is not None:
            if not self.low <= value <= self.high:
                raise CellError(
                    f"{value} går inte som {self.what}; det ska vara mellan "
                    f"{self.low} och {self.high}."
                )
        elif self.low is not None and value < self.low:
            raise CellError(f"{value} går inte som {self.what}; det ska vara minst {self.low}.")
        return value


YEAR = Integer(2004, 2200, "år")
COUNT = Integer(0, None, "antal")


_MONTHS = [
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
]  # fmt: skip


class Month(Integer):
    """A month 1–12; "januari", "jan" and "Januari" are read too."""

    def __init__(self):
        super().__init__(1, 12, "månad")

    def parse(self, raw: Any) -> int:
        if isinstance(raw, str) and raw.strip() and not raw.strip().isdigit():
            word = raw.strip().casefold().rstrip(".")
            for number, name in enumerate(_MONTHS, start=1):
                if word == name or (len(word) >= 3 and name.startswith(word)):
                    return number
            raise CellError(f"”{raw.strip()}” är ingen månad; skriv 1–12 eller månadens namn.")
        return super().parse(raw)


class Bool(Kind):
    choices = ("Ja", "Nej")

    def to_cell(self, value: bool | None) -> str | None:
        return None if value is None else ("Ja" if value else "Nej")

    def parse(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, int | float) and raw in (0, 1):
            return bool(raw)
        word = str(raw).strip().casefold()
        if word in ("ja", "j", "x", "sant", "true"):
            return True
        if word in ("nej", "n", "falskt", "false"):
            return False
        raise CellError(f"”{shown(raw)}” är varken Ja eller Nej.")


class Vocab(Kind):
    """A vocabulary code, shown as its Swedish label; label or code accepted in any case."""

    def __init__(self, vocabulary: type[Vocabulary], what: str):
        self.vocabulary, self.what = vocabulary, what
        self.choices = tuple(vocabulary.labels())

    def to_cell(self, value: str | None) -> str | None:
        return None if value is None else self.vocabulary(value).label

    def parse(self, raw: Any) -> str:
        try:
            return self.vocabulary.from_label(str(raw)).value
        except ValueError:
            raise CellError(
                f"”{shown(raw)}” är ingen giltig {self.what}; skriv en av: "
                + ", ".join(self.choices)
                + "."
            ) from None


class NameList(Kind):
    """Names separated by "; " in one cell, e.g. two justerare."""

    empty: tuple[str, ...] = ()

    def to_cell(self, value: tuple[str, ...]) -> str | None:
        return clean_text("; ".join(value)) if value else None

    def parse(self, raw: Any) -> tuple[str, ...]:
        names = [" ".join(part.split()) for part in str(shown(raw)).split(";")]
        names = [n for n in names if n]
        seen: set[str] = set()
        for n in names:
            if name_key(n) in seen:
                raise CellError(f"”{n}” står två gånger.")
            seen.add(name_key(n))
        return tuple(names)


class YearList(Kind):
    """Years separated by "; " (the years an årshjul post was done)."""

    empty: tuple[int, ...] = ()

    def to_cell(self, value: tuple[int, ...]) -> str | None:
        return "; ".join(str(y) for y in value) if value else None

    def parse(self, raw: Any) -> tuple[int, ...]:
        parts = [raw] if isinstance(raw, int | float) else str(raw).split(";")
        years = []
        for part in parts:
            if is_blank(part):
                continue
            try:
                year = YEAR.parse(part.strip() if isinstance(part, str) else part)
            except CellError as exc:
                raise CellError(f"{exc} Skriv åren med semikolon emellan: 2024; 2025.") from None
            if year in years:
                raise CellError(f"{year} står två gånger.")
            years.append(year)
        return tuple(sorted(years))


def decimal_text(value: Decimal) -> str:
    """An exact decimal as stored text: "50", "15.625" (no exponent, no trailing zeros)."""
    text = format(value.normalize(), "f")
    return text


class Percent(Kind):
    """A share in percent 0–100, stored as exact decimal text."""

    def to_cell(self, value: str | None) -> int | float | None:
        if value is None:
            return None
        d = Decimal(value)
        return int(d) if d == d.to_integral_value() else float(d)

    def parse(self, raw: Any) -> str:
        try:
            if isinstance(raw, bool):
                raise ValueError
            if isinstance(raw, int):
                value = Decimal(raw)
            elif isinstance(raw, float):
                value = Decimal(repr(raw))
            else:
                value = parse_percent(str(raw))
        except (ValueError, ArithmeticError):
            raise CellError(
                f"”{shown(raw)}” är ingen procentsats; skriv t.ex. 25 eller 12,5."
            ) from None
        if not Decimal(0) <= value <= Decimal(100):
            raise CellError(f"{shown(raw)} går inte som andel; den ska vara mellan 0 och 100 %.")
        return decimal_text(value)


class Raw(Kind):
    """A cell written as given (the Inställningar sheet's mixed values); read by its sheet."""

    def parse(self, raw: Any) -> Any:
        return raw


class Ref(Text):
    """A name referring to another sheet's row; blank means no reference (NULL)."""

    empty = None


TEXT = Text()
TEXT_AS_TEXT = Text(as_text=True)
REF = Ref()
KONTO_REF = Ref(as_text=True)
DATE = Date()
TIME = Time()
AMOUNT = Amount()


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its Swedish header, the record field it fills, its kind."""

    header: str
    field: Any
    kind: Kind
    required: bool = False
    #: Stored value of a blank optional cell; None means the kind's own ``empty``.
    default: Any = None

    @property
    def blank_value(self) -> Any:
        return self.kind.empty if self.default is None else self.default


def fields(columns: list[Column]) -> list[Any]:
    """The record fields a sheet's columns fill, in the columns' order."""
    return [c.field for c in columns]
