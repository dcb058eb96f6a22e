"""Reading an .xlsx someone sent: bounded, and refused whole when it cannot be read fully.

One reader for every import of Excel files (the arbetsbok, utfall, a kontoplan), so they share
the same limits and the same refusals:

- the file is refused before openpyxl sees it when it is no .xlsx (an old .xls, an encrypted
  workbook, an .ods, a damaged zip, Excel's "Strict Open XML", which openpyxl reads as
  empty) or unpacks to more than :data:`MAX_UNPACKED` (zip bombs: openpyxl's work and
  memory grow with the unpacked size, never with the file's);
- two sheets whose names differ only in case are refused (Excel itself does not allow them;
  openpyxl quietly renames the second one);
- a cell holding a formula without a saved value is refused, naming the cells: a workbook
  written by a program that does not calculate (openpyxl, many report generators) has no
  values until Excel or LibreOffice has recalculated and saved it, and reading it would turn
  every such cell into a blank;
- :func:`cell_problem` says what is wrong with a single cell (an error value such as #DIV/0!,
  more text than Excel holds), for the importers to report where they read the cell.

Sheets are read through :func:`rows`, which visits only the cells the file holds: a sheet's
rectangle can be made enormous by a single cell far down or to the right.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any
from xml.parsers import expat

from .errors import Refusal
from .swedish import plural

#: Refuse workbooks that unpack to more than this, before openpyxl reads them (zip bombs).
MAX_UNPACKED = 50 * 1024 * 1024
#: A workbook of a förbund has a few dozen parts; thousands means something else.
MAX_PARTS = 5000
#: Excel's own limit on the characters of one cell.
MAX_CELL_CHARS = 32_767
#: How many cells a message names before it says how many more there are.
SHOWN_CELLS = 10

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: .xls, or an encrypted .xlsx
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_WORKSHEET_TYPE = "/worksheet"
#: The main namespace of a workbook saved as "Strict Open XML Spreadsheet" (ISO 29500 strict).
_STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/spreadsheetml/main"
#: A formula element, with or without a namespace prefix: found before a sheet is parsed.
_FORMULA_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s/>]")
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]+)")


@dataclass(frozen=True)
class Purpose:
    """What a file is expected to be, so that the messages speak of it."""

    #: How the file is named when it is missing: "Arbetsboken", "Filen".
    noun: str
    #: What it is too big to be: "en arbetsbok från Finsam Desktop".
    what: str
    #: The refusal of a file that is no .xlsx at all, with {name}.
    not_xlsx: str


ARBETSBOK = Purpose(
    "Arbetsboken",
    "en arbetsbok från Finsam Desktop",
    "{name} är ingen Excel-arbetsbok (.xlsx). Välj en arbetsbok som exporterats från Finsam "
    "Desktop, eller som sparats i Excel i formatet Excel-arbetsbok (.xlsx).",
)
EKONOMIFIL = Purpose(
    "Filen",
    "en fil från ekonomisystemet",
    "{name} kan inte läsas som en Excelfil (.xlsx). Spara filen från ekonomisystemet som "
    "Excel-arbetsbok (.xlsx), eller välj en SIE-fil.",
)


class XlsxError(Refusal):
    """The file cannot be read as a whole. ``problems``: (sheet or None, Swedish message)."""

    def __init__(self, problems: list[tuple[str | None, str]]):
        self.problems = list(problems)
        super().__init__("\n".join(m if s is None else f"{s}: {m}" for s, m in self.problems))


def _single(message: str) -> XlsxError:
    return XlsxError([(None, message)])


def load(source: Path, purpose: Purpose = ARBETSBOK) -> Any:
    """Open ``source`` as an openpyxl workbook of cached values, or raise :class:`XlsxError`.

    The workbook is loaded in full (not read-only) from memory; read its sheets with
    :func:`rows` and each cell's trouble with :func:`cell_problem`.
    """
    data = _read(Path(source), purpose)
    archive = _archive(data, source.name, purpose)
    if _STRICT_NAMESPACE in _read_part(archive, "xl/workbook.xml", source.name)[:4096]:
        # openpyxl finds no sheets in it: every sheet would be said to be missing
        raise _single(
            f"{source.name} är sparad som Strikt Open XML-kalkylblad, som inte kan läsas. Öppna "
            "den i Excel, välj Spara som → Excel-arbetsbok (.xlsx) och importera den nya filen."
        )
    sheets = _sheet_parts(archive, source.name)
    _refuse_repeated_names([name for name, _part in sheets])
    _refuse_formulas_without_values(archive, sheets, source.name)
    from openpyxl import load_workbook  # loaded only when a workbook is read

    try:
        with warnings.catch_warnings():
            # Excel's extensions openpyxl does not know (slicers, x14 validations…) warn.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=True, keep_links=False, keep_vba=False)
    except Exception:  # openpyxl raises many kinds for a damaged part; all mean the same
        raise _single(_damaged(source.name)) from None


def _read(source: Path, purpose: Purpose) -> bytes:
    name = source.name
    try:
        if source.is_dir():
            raise _single(f"{name} är en mapp, inte en Excelfil.")
        if source.stat().st_size > MAX_UNPACKED:
            raise _single(_too_big(name, purpose))
        data = source.read_bytes()
    except FileNotFoundError:
        raise _single(f"{purpose.noun} {source} finns inte.") from None
    except PermissionError:
        raise _single(f"Du saknar behörighet att läsa {name}.") from None
    except OSError as exc:
        raise _single(f"{name} kunde inte läsas ({exc.strerror or exc}).") from None
    if data.startswith(_CFB_SIGNATURE):
        if _ENCRYPTED_STREAM in data:
            raise _single(_password(name))
        raise _single(
            f"{name} är sparad i det gamla Excel-formatet (.xls). Öppna den i Excel, välj "
            "Spara som → Excel-arbetsbok (.xlsx) och importera den nya filen."
        )
    if not data.startswith(b"PK"):
        raise _single(_not_xlsx(name, purpose))
    return data


def _archive(data: bytes, name: str, purpose: Purpose) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise _single(_damaged(name)) from None
    # The sizes the zip declares bound the work: a part that unpacks to more than it declares
    # fails its CRC check at the declared length (zipfile reads no further).
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED:
        raise _single(_too_big(name, purpose))
    if any(p.flag_bits & 0x1 for p in parts):
        raise _single(_password(name))
    names = {p.filename for p in parts}
    if "mimetype" in names and b"opendocument" in _read_part(archive, "mimetype", name)[:200]:
        raise _single(
            f"{name} är ett OpenDocument-kalkylark (.ods). Spara det som Excel-arbetsbok (.xlsx) "
            "och importera den filen."
        )
    if "xl/workbook.xml" not in names:
        raise _single(_not_xlsx(name, purpose))
    return archive


def _read_part(archive: zipfile.ZipFile, member: str, name: str) -> bytes:
    try:
        return archive.read(member)
    except KeyError:
        return b""
    except Exception:  # BadZipFile, zlib.error, lzma.LZMAError, EOFError…: all mean damaged
        raise _single(_damaged(name)) from None


# -- the workbook's own XML ----------------------------------------------------------------------


class _Parse:
    """An expat parser that refuses DTDs (no workbook has one: entity bombs)."""

    def __init__(self, name: str):
        self.name = name
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        self.parser.StartDoctypeDeclHandler = self._doctype

    def _doctype(self, *_args: Any) -> None:
        raise _single(_damaged(self.name))

    def run(self, data: bytes) -> None:
        try:
            self.parser.Parse(data, True)
        except expat.ExpatError:
            raise _single(_damaged(self.name)) from None


def _local(tag: str) -> str:
    return tag.rsplit(" ", 1)[-1]


def _sheet_parts(archive: zipfile.ZipFile, name: str) -> list[tuple[str, str | None]]:
    """Each sheet's real name (as workbook.xml has it) and its worksheet part (None: a chart)."""
    sheets: list[tuple[str, str]] = []  # (name, relationship id)
    targets: dict[str, str] = {}

    def workbook_start(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "sheet":
            # r:id, in the transitional or the strict relationships namespace
            rid = next((v for k, v in attrs.items() if k.endswith(" id")), "")
            sheets.append((attrs.get("name", ""), rid))

    def rels_start(tag: str, attrs: dict[str, str]) -> None:
        if _local(tag) == "Relationship" and attrs.get("Type", "").endswith(_WORKSHEET_TYPE):
            target = attrs.get("Target", "")
            if target.startswith("/"):
                path = target.lstrip("/")
            else:
                path = str(PurePosixPath("xl") / target)
            targets[attrs.get("Id", "")] = _normalize(path)

    p = _Parse(name)
    p.parser.StartElementHandler = workbook_start
    p.run(_read_part(archive, "xl/workbook.xml", name))
    p = _Parse(name)
    p.parser.StartElementHandler = rels_start
    p.run(_read_part(archive, "xl/_rels/workbook.xml.rels", name))
    return [(sheet, targets.get(rid)) for sheet, rid in sheets]


def _normalize(path: str) -> str:
    parts: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if parts:
                parts.pop()
        elif part not in ("", "."):
            parts.append(part)
    return "/".join(parts)


def _refuse_repeated_names(names: list[str]) -> None:
    seen: dict[str, str] = {}
    problems = []
    for sheet in names:
        key = sheet.casefold()
        if key in seen:
            problems.append(
                (
                    sheet,
                    f"Bladet har samma namn som bladet ”{seen[key]}”; Excel skiljer inte på stora "
                    "och små bokstäver i bladnamn. Byt namn på det ena bladet eller ta bort det, "
                    "spara och importera igen.",
                )
            )
        else:
            seen[key] = sheet
    if problems:
        raise XlsxError(problems)


def _refuse_formulas_without_values(
    archive: zipfile.ZipFile, sheets: list[tuple[str, str | None]], name: str
) -> None:
    problems = []
    for sheet, part in sheets:
        if part is None:
            continue
        data = _read_part(archive, part, name)
        if not _FORMULA_TAG.search(data):
            continue  # the common case: no formulas at all, nothing to parse
        cells = _formula_cells_without_value(data, name)
        if cells:
            problems.append((sheet, formulas_message(cells)))
    if problems:
        raise XlsxError(problems)


def formulas_message(refs: list[str]) -> str:
    """The refusal of formula cells without a saved value, naming the cells (D7, D8…)."""
    shown = ", ".join(refs[:SHOWN_CELLS])
    if len(refs) > SHOWN_CELLS:
        shown += f" och {plural(len(refs) - SHOWN_CELLS, 'cell', 'celler')} till"
    where = f"Cellen {shown} har en formel" if len(refs) == 1 else f"Cellerna {shown} har formler"
    return (
        f"{where} utan sparat värde. Filen har skrivits av ett program som inte räknar ut "
        "formler, så värdena skulle bli tomma. Öppna filen, räkna om och spara i Excel eller "
        "LibreOffice, och importera den igen."
    )


def _formula_cells_without_value(data: bytes, name: str) -> list[str]:
    """The references of the cells in a sheet's XML that hold a formula but no value."""
    found: list[str] = []
    state: dict[str, Any] = {
        "row": 0, "col": 0, "ref": "", "type": "", "in_c": False, "f": False, "v": None,
        "in_v": False,
    }  # fmt: skip

    def start(tag: str, attrs: dict[str, str]) -> None:
        local = _local(tag)
        if local == "row":
            r = attrs.get("r", "")
            state["row"] = int(r) if r.isdigit() else state["row"] + 1
            state["col"] = 0
        elif local == "c":
            ref = attrs.get("r", "")
            m = _CELL_REF.fullmatch(ref)
            if m:
                state["col"] = _column_number(m[1])
            else:  # cells may leave out their reference and follow each other
                state["col"] += 1
                ref = f"{_column_letter(state['col'])}{state['row']}"
            state.update(ref=ref, type=attrs.get("t", "n"), in_c=True, f=False, v=None)
        elif not state["in_c"]:
            return  # <xm:f> of a data validation, outside the cells
        elif local == "f":
            state["f"] = True
        elif local == "v":
            state["in_v"] = True
            state["v"] = state["v"] or ""

    def end(tag: str) -> None:
        local = _local(tag)
        if local == "v":
            state["in_v"] = False
        elif local == "c":
            state["in_c"] = False
            if not state["f"]:
                return
            value = state["v"]
            # Excel saves a formula that gives "" as t="str" with an empty <v></v>.
            if value is None or (value == "" and state["type"] != "str"):
                found.append(state["ref"])

    def text(chars: str) -> None:
        if state["in_v"]:
            state["v"] += chars

    p = _Parse(name)
    p.parser.StartElementHandler = start
    p.parser.EndElementHandler = end
    p.parser.CharacterDataHandler = text
    p.run(data)
    return found


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _column_letter(n: int) -> str:
    letters = ""
    while n > 0:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# -- cells --------------------------------------------------------------------------------------


def first_sheet(wb: Any) -> Any:
    """The first worksheet Excel shows: a hidden sheet before it (an old copy, a lookup
    table) is not what the person sees first when they open the file. IndexError when the
    workbook has no worksheet."""
    shown = [ws for ws in wb.worksheets if ws.sheet_state == "visible"]
    return (shown or wb.worksheets)[0]


def rows(ws: Any) -> Iterator[tuple[int, dict[int, Any]]]:
    """(row number, {column number: cell}) of each row holding cells, top to bottom.

    Only the cells the file holds; never the sheet's whole rectangle.
    """
    grid: dict[int, dict[int, Any]] = {}
    for (r, c), cell in ws._cells.items():
        grid.setdefault(r, {})[c] = cell
    for r in sorted(grid):
        yield r, dict(sorted(grid[r].items()))


def cell_problem(cell: Any, called: str = "Cellen") -> str | None:
    """What makes one cell's value unusable, in Swedish, or None when it can be read.

    ``called`` begins the sentence: "Cellen", or "Cellen C4" where nothing else names it.
    """
    value = cell.value
    if cell.data_type == "e":
        return (
            f"{called} visar felet {value} i stället för ett värde. Rätta formeln eller skriv in "
            "värdet, spara och importera igen."
        )
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        return (
            f"{called} har {len(value):,} tecken".replace(",", "\u00a0")
            + "; Excel rymmer högst 32\u00a0767 tecken i en cell. Korta texten, spara och "
            "importera igen."
        )
    return None


# -- messages -----------------------------------------------------------------------------------


def _too_big(name: str, purpose: Purpose) -> str:
    return (
        f"{name} är för stor för att vara {purpose.what} (mer än "
        f"{MAX_UNPACKED // (1024 * 1024)} MB uppackad). Kontrollera att du har valt rätt fil."
    )


def _password(name: str) -> str:
    return (
        f"{name} är lösenordsskyddad och kan inte läsas. Öppna den i Excel, ta bort lösenordet "
        "(Arkiv → Info → Skydda arbetsbok → Kryptera med lösenord, töm fältet), spara och "
        "importera igen."
    )


def _damaged(name: str) -> str:
    return (
        f"{name} är skadad eller ofullständig och kan inte läsas, till exempel efter en avbruten "
        "nedladdning eller kopiering. Hämta eller exportera filen på nytt."
    )


def _not_xlsx(name: str, purpose: Purpose) -> str:
    return purpose.not_xlsx.format(name=name)
