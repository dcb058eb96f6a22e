"""A careful reader of SIE 4 files, the Swedish accounting exchange format.

No well-kept SIE library exists on PyPI (the one package, ``pysie-accounting`` 0.0.2 from 2024,
is a stub), so this is a small reader of what a kommun's ekonomienhet exports:
``#FLAGGA``, ``#FORMAT``, ``#RAR``, ``#KONTO``, ``#DIM``, ``#OBJEKT``, ``#IB``, ``#UB``,
``#RES``, ``#PSALDO``, ``#PBUDGET``, ``#VER`` with its ``#TRANS`` lines. Other labels are
skipped, as the standard asks.

- Encoding: the standard says CP437 (``#FORMAT PC8``), but files lie. The bytes are read as
  UTF-8 if they are valid UTF-8 with any non-ASCII letter; otherwise as whichever of CP437 and
  ISO-8859-1 yields more Swedish letters (å ä ö é), ``#FORMAT`` settling a tie.
- Lines: CRLF or LF; fields separated by spaces or tabs; fields may be quoted ("…", with \\"
  inside); object lists in braces ``{1 "100" 6 P7}``, quoted or not.
- Amounts are kept as the file has them (debit positive, credit negative) in integer öre.
  :func:`rapportbelopp` turns a result account's amount into the report convention
  (intäkter positive, kostnader negative).
- ``#PSALDO``: a row with an empty object list is the account's total for the period; rows with
  objects break it down. :meth:`SieFil.periodsaldon` never adds the two together.

Errors are :class:`SieError` with a Swedish message that names the line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Refusal
from .money import MAX_DIGITS, MAX_KR


class SieError(Refusal):
    """A file that cannot be read as SIE; the message is Swedish and names the line."""


_SWEDISH = set("åäöÅÄÖéÉüÜ")


def decode(data: bytes, format_hint: str | None = None) -> tuple[str, str]:
    """The text of an SIE file and the encoding it was read with."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8"
        except UnicodeDecodeError as exc:
            line = data[: 3 + exc.start].count(b"\n") + 1
            raise SieError(
                f"Filen börjar som UTF-8 (med en BOM) men rad {line} har ett tecken som inte är "
                f"UTF-8 (byte 0x{data[3 + exc.start]:02X}), så teckenkodningen går inte att "
                "avgöra. Exportera SIE-filen på nytt från ekonomisystemet."
            ) from None
    if not any(b >= 0x80 for b in data):
        return data.decode("ascii"), "ascii"
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return text, "utf-8"
    cp437 = data.decode("cp437")
    latin1 = data.decode("iso-8859-1")
    score437 = sum(ch in _SWEDISH for ch in cp437)
    score_latin = sum(ch in _SWEDISH for ch in latin1)
    if format_hint is None:
        head = latin1[:2000].upper()
        format_hint = "PC8" if "#FORMAT PC8" in head.replace("\t", " ") else None
    if score437 > score_latin or (score437 == score_latin and format_hint == "PC8"):
        return cp437, "cp437"
    return latin1, "iso-8859-1"


def tokenize(line: str, lineno: int) -> list:
    """Split a line into fields: strings, and lists of strings for ``{…}`` object lists."""
    out: list = []
    i, n = 0, len(line)
    stack: list[list] = []
    while i < n:
        ch = line[i]
        if ch in " \t\r\n":
            i += 1
            continue
        if ch == "{":
            stack.append([])
            i += 1
            continue
        if ch == "}":
            if not stack:
                raise SieError(f"Rad {lineno}: ”}}” utan ”{{”.")
            done = stack.pop()
            (stack[-1] if stack else out).append(done)
            i += 1
            continue
        if ch == '"':
            i += 1
            buf = []
            while i < n and line[i] != '"':
                if line[i] == "\\" and i + 1 < n:
                    i += 1
                buf.append(line[i])
                i += 1
            if i >= n:
                raise SieError(f"Rad {lineno}: citattecknet stängs aldrig.")
            i += 1
            token = "".join(buf)
        else:
            j = i
            while j < n and line[j] not in ' \t\r\n{}"':
                j += 1
            token = line[i:j]
            i = j
        (stack[-1] if stack else out).append(token)
    if stack:
        raise SieError(f"Rad {lineno}: ”{{” utan ”}}”.")
    return out


#: An SIE amount: digits with an optional sign and decimals ("-1234.50"; some programs write
#: a comma). No exponent: the standard has none, and 1e999999999 would be read as a number.
_AMOUNT_RE = re.compile(r"[+-]?([0-9]*)(?:[.,]([0-9]*))?")


def parse_ore(text: str, lineno: int) -> int:
    """An amount field in integer öre; refused, naming the line, unless it is plain kronor."""
    m = _AMOUNT_RE.fullmatch(text)
    if not m or not (m[1] or m[2]):
        if re.fullmatch(r"[+-]?[\d.,]*[eE][+-]?\d+|[+-]?(?i:inf(inity)?|nan)", text):
            raise SieError(
                f"Rad {lineno}: beloppet ”{text}” går inte att läsa som kronor; SIE skriver "
                "belopp med siffror och decimalpunkt, t.ex. -1234.50."
            )
        raise SieError(f"Rad {lineno}: ”{text}” är inget belopp.")
    if len(m[1].lstrip("0")) > MAX_DIGITS:
        raise SieError(
            f"Rad {lineno}: beloppet ”{_short(text)}” går inte att läsa som kronor; det är "
            f"större än {MAX_KR:,} kr.".replace(",", "\u00a0")
        )
    fraction = (m[2] or "").rstrip("0")
    if len(fraction) > 2:
        raise SieError(f"Rad {lineno}: beloppet {_short(text)} har fler än två decimaler.")
    ore = int(m[1] or "0") * 100 + int(fraction.ljust(2, "0"))
    return -ore if text.startswith("-") else ore


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:37] + "…"


def _date(text: str, lineno: int) -> dt.date:
    try:
        return dt.datetime.strptime(text, "%Y%m%d").date()
    except ValueError:
        raise SieError(f"Rad {lineno}: ”{text}” är inget datum (ÅÅÅÅMMDD).") from None


def _int(text: str, lineno: int, what: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise SieError(f"Rad {lineno}: {what} ”{text}” är inget heltal.") from None


def _objects(raw, lineno: int) -> dict[str, str]:
    if raw is None or isinstance(raw, str):
        return {}
    if len(raw) % 2:
        raise SieError(f"Rad {lineno}: objektlistan ska ha par av dimension och objekt.")
    return {str(raw[i]): str(raw[i + 1]) for i in range(0, len(raw), 2)}


@dataclass(frozen=True)
class Saldo:
    arsnr: int  # 0 this year, -1 the year before
    konto: str
    belopp_ore: int  # as in the file: debit positive, credit negative
    rad: int


@dataclass(frozen=True)
class Periodsaldo:
    arsnr: int
    period: str  # YYYYMM
    konto: str
    objekt: dict[str, str]
    belopp_ore: int
    rad: int

    @property
    def manad(self) -> int:
        return int(self.period[4:6])

    @property
    def ar(self) -> int:
        return int(self.period[:4])


@dataclass(frozen=True)
class Transaktion:
    datum: dt.date
    konto: str
    objekt: dict[str, str]
    belopp_ore: int
    text: str
    rad: int


@dataclass
class SieFil:
    encoding: str = ""
    format: str = ""
    program: str = ""
    foretag: str = ""
    rar: dict[int, tuple[dt.date, dt.date]] = field(default_factory=dict)
    konton: dict[str, str] = field(default_factory=dict)
    dimensioner: dict[str, str] = field(default_factory=dict)
    objekt: dict[tuple[str, str], str] = field(default_factory=dict)
    ib: list[Saldo] = field(default_factory=list)
    ub: list[Saldo] = field(default_factory=list)
    res: list[Saldo] = field(default_factory=list)
    psaldo: list[Periodsaldo] = field(default_factory=list)
    pbudget: list[Periodsaldo] = field(default_factory=list)
    transaktioner: list[Transaktion] = field(default_factory=list)

    def ar(self, arsnr: int = 0) -> int | None:
        """The calendar year of räkenskapsår ``arsnr`` (from #RAR), None if not given."""
        if arsnr in self.rar:
            return self.rar[arsnr][0].year
        return None

    def periodsaldon(
        self, arsnr: int = 0, dimension: str | None = None, *, ar: int | None = None
    ) -> list[tuple[int, str, str | None, int]]:
        """(month, konto, object or None, amount) for a year, never counting twice.

        The year is räkenskapsår ``arsnr`` or, given ``ar``, the calendar year the periods
        themselves name (YYYYMM): a file may hold two years under one årsnummer, or a broken
        fiscal year spread over two. A period found under two årsnummer is taken once, from
        the räkenskapsår that covers it. Per account and period the rows of one family are
        summed: the total row (without objects) if there is one, else the rows sharing one set
        of dimensions (``{"1" "Syd" "6" "0001"}`` rows are one family, single-dimension rows
        another); with ``dimension``, the family that names it gives each row's object, and
        what the total holds beyond it is a row without object.
        """
        groups: dict[tuple[str, str], list[Periodsaldo]] = {}
        for p in self.psaldo:
            if (p.ar == ar) if ar is not None else (p.arsnr == arsnr):
                groups.setdefault((p.period, p.konto), []).append(p)
        out = []
        for (period, konto), rows in groups.items():
            rows = self._one_arsnr(period, rows)
            month = int(period[4:6])
            totals = [r for r in rows if not r.objekt]
            total = sum(r.belopp_ore for r in totals) if totals else None
            families: dict[frozenset[str], list[Periodsaldo]] = {}
            for r in rows:
                if r.objekt:
                    families.setdefault(frozenset(r.objekt), []).append(r)
            named = next((f for k, f in families.items() if dimension in k), None)
            if dimension is not None and named is not None:
                for r in named:
                    out.append((month, konto, r.objekt[dimension], r.belopp_ore))
                if total is not None:
                    rest = total - sum(r.belopp_ore for r in named)
                    if rest:
                        out.append((month, konto, None, rest))
            elif total is not None:
                out.append((month, konto, None, total))
            elif families:
                first = next(iter(families.values()))
                out.append((month, konto, None, sum(r.belopp_ore for r in first)))
        return sorted(out, key=lambda t: (t[0], t[1], t[2] or ""))

    def _one_arsnr(self, period: str, rows: list[Periodsaldo]) -> list[Periodsaldo]:
        """The rows of one årsnummer for a period: the räkenskapsår that covers it."""
        numbers = {r.arsnr for r in rows}
        if len(numbers) == 1:
            return rows
        day = dt.date(int(period[:4]), int(period[4:6]), 1)
        covering = [n for n in numbers if n in self.rar and self.rar[n][0] <= day <= self.rar[n][1]]
        keep = covering[0] if covering else max(numbers)
        return [r for r in rows if r.arsnr == keep]


def rapportbelopp(belopp_ore: int) -> int:
    """A result account's SIE amount (credit negative) in the report convention."""
    return -belopp_ore


def is_resultatkonto(konto: str) -> bool:
    """Kommun-BAS and BAS: classes 3–8 are the result accounts."""
    return bool(konto) and konto[0] in "345678"


def is_bokslutspost(konto: str) -> bool:
    """Closing entries, not the year's utfall: bokslutsdispositioner (88xx), skatt and årets
    resultat (89xx, 8999 the result itself booked against eget kapital)."""
    return konto[:2] in ("88", "89")


def read(source: Path | str | bytes) -> SieFil:
    """Read an SIE 4 file (path or bytes). Raises SieError with the line number."""
    if isinstance(source, bytes):
        data = source
    else:
        try:
            data = Path(source).read_bytes()
        except OSError as exc:
            raise SieError(f"Filen {Path(source).name} kan inte läsas: {exc.strerror}.") from None
    text, encoding = decode(data)
    sie = SieFil(encoding=encoding)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    seen_label = False
    in_ver: tuple[dt.date, str] | None = None
    expecting_brace = False
    for lineno, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        if line == "{":
            if not expecting_brace:
                raise SieError(f"Rad {lineno}: ”{{” utan en #VER före.")
            expecting_brace = False
            continue
        if line == "}":
            if in_ver is None:
                raise SieError(f"Rad {lineno}: ”}}” utan en #VER före.")
            in_ver = None
            continue
        if not line.startswith("#"):
            raise SieError(f"Rad {lineno}: raden börjar inte med en #-etikett: ”{line[:40]}”.")
        seen_label = True
        opens_block = line.upper().startswith("#VER") and line.endswith("{")
        if opens_block:  # some programs put the brace on the #VER line itself
            line = line[:-1].rstrip()
        fields = tokenize(line, lineno)
        label = fields[0].upper() if isinstance(fields[0], str) else ""
        args = fields[1:]

        def need(count: int, what: str, args=args, label=label, lineno=lineno) -> None:
            if len(args) < count:
                raise SieError(f"Rad {lineno}: {label} saknar {what}.")

        if expecting_brace and label != "#TRANS":
            raise SieError(f"Rad {lineno}: efter #VER ska ”{{” komma.")
        if label == "#FORMAT":
            need(1, "format")
            sie.format = str(args[0])
        elif label == "#PROGRAM":
            sie.program = " ".join(a for a in args if isinstance(a, str))
        elif label == "#FNAMN":
            need(1, "namn")
            sie.foretag = str(args[0])
        elif label == "#RAR":
            need(3, "årsnummer, start och slut")
            sie.rar[_int(args[0], lineno, "Årsnumret")] = (
                _date(args[1], lineno),
                _date(args[2], lineno),
            )
        elif label == "#KONTO":
            need(1, "kontonummer")
            sie.konton[str(args[0])] = str(args[1]) if len(args) > 1 else ""
        elif label == "#DIM":
            need(2, "dimension och namn")
            sie.dimensioner[str(args[0])] = str(args[1])
        elif label == "#OBJEKT":
            need(3, "dimension, objekt och namn")
            sie.objekt[(str(args[0]), str(args[1]))] = str(args[2])
        elif label in ("#IB", "#UB", "#RES"):
            need(3, "årsnummer, konto och saldo")
            saldo = Saldo(
                _int(args[0], lineno, "Årsnumret"), str(args[1]), parse_ore(args[2], lineno), lineno
            )
            {"#IB": sie.ib, "#UB": sie.ub, "#RES": sie.res}[label].append(saldo)
        elif label in ("#PSALDO", "#PBUDGET"):
            need(5, "årsnummer, period, konto, objektlista och saldo")
            period = str(args[1])
            if not re.fullmatch("[0-9]{6}", period) or not 1 <= int(period[4:]) <= 12:
                raise SieError(f"Rad {lineno}: perioden ”{period}” ska skrivas ÅÅÅÅMM.")
            post = Periodsaldo(
                _int(args[0], lineno, "Årsnumret"),
                period,
                str(args[2]),
                _objects(args[3], lineno),
                parse_ore(args[4], lineno),
                lineno,
            )
            (sie.psaldo if label == "#PSALDO" else sie.pbudget).append(post)
        elif label == "#VER":
            need(3, "serie, nummer och datum")
            in_ver = (_date(args[2], lineno), str(args[3]) if len(args) > 3 else "")
            expecting_brace = not opens_block
        elif label == "#TRANS":
            if in_ver is None:
                raise SieError(f"Rad {lineno}: #TRANS står utanför en #VER.")
            expecting_brace = False
            need(3, "konto, objektlista och belopp")
            datum = in_ver[0]
            if len(args) > 3 and isinstance(args[3], str) and args[3]:
                datum = _date(args[3], lineno)
            text = str(args[4]) if len(args) > 4 and isinstance(args[4], str) else in_ver[1]
            sie.transaktioner.append(
                Transaktion(
                    datum,
                    str(args[0]),
                    _objects(args[1], lineno),
                    parse_ore(args[2], lineno),
                    text,
                    lineno,
                )
            )
        # every other label is skipped, as the standard asks of a reader
    if in_ver is not None or expecting_brace:
        raise SieError("Filen slutar mitt i en verifikation (#VER utan ”}”).")
    if not seen_label:
        raise SieError("Filen innehåller inga SIE-poster (rader som börjar med #).")
    return sie
