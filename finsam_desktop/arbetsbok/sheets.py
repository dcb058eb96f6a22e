"""Sheets as tables: written with Swedish headers and formats, read back by header.

Writing takes plain records (dicts of stored values) and columns; reading finds the columns by
their headers (case and whitespace do not matter, order does not matter), skips empty rows and
turns each cell into a stored value or a problem naming sheet, row and column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ..text import cell_text
from ..xlsx import cell_problem
from .cells import TEXT_FORMAT, CellError, Column, Text, is_blank, name_key, shown
from .problems import Problems

COMMENT_AUTHOR = "Finsam Desktop"
_HEADER_FONT = Font(bold=True)
_MIN_WIDTH, _MAX_WIDTH = 6, 60
_LAST_ROW = 1_048_576


# -- writing ------------------------------------------------------------------------------------


@dataclass
class SheetData:
    """What one sheet shows: its columns, one record per row, and notes on cells."""

    name: str
    columns: list[Column]
    records: list[dict[Any, Any]]
    #: Per record, the notes to show as Excel comments: field -> text.
    comments: list[dict[Any, str]] | None = None


def _header_value(header: str) -> str | int:
    return int(header) if header.isdigit() else header  # year columns are numbers, as in Excel


def write_sheet(book: Workbook, data: SheetData) -> Worksheet:
    ws = book.create_sheet(data.name)
    columns = data.columns
    ws.append([_header_value(c.header) for c in columns])
    for cell in ws[1]:
        cell.font = _HEADER_FONT
    converters = [c.kind.to_cell for c in columns]
    fields = [c.field for c in columns]
    rows = [
        [convert(record.get(f)) for convert, f in zip(converters, fields, strict=True)]
        for record in data.records
    ]
    for values in rows:
        # Only the cells with a value: openpyxl would make (and write) an empty cell for None.
        ws.append({i: v for i, v in enumerate(values, start=1) if v is not None})
    widths = []
    for i, column in enumerate(columns):
        fmt = column.kind.number_format([r.get(column.field) for r in data.records])
        width = len(column.header)
        measure = column.kind.width
        for r, values in enumerate(rows, start=2):
            value = values[i]
            if value is None:
                continue
            width = max(width, measure(value))
            if fmt or (isinstance(value, str) and value.startswith("=")):
                cell = ws.cell(row=r, column=i + 1)
                if fmt:
                    cell.number_format = fmt
                if cell.data_type == "f":
                    cell.data_type = "s"  # text that starts with "=" is text, never a formula
        widths.append(width)
    if data.comments:
        index = {f: i for i, f in enumerate(fields)}
        for r, notes in enumerate(data.comments, start=2):
            for f, text in notes.items():
                text = cell_text(text) if text else text  # what a cell may hold, a note too
                if text:
                    ws.cell(row=r, column=index[f] + 1).comment = Comment(text, COMMENT_AUTHOR)
    for i, column in enumerate(columns):
        letter = get_column_letter(i + 1)
        ws.column_dimensions[letter].width = min(max(widths[i] + 2, _MIN_WIDTH), _MAX_WIDTH)
        if column.kind.text_format:
            ws.column_dimensions[letter].number_format = TEXT_FORMAT
        if column.kind.choices:
            dv = DataValidation(
                type="list",
                formula1='"' + ",".join(column.kind.choices) + '"',
                allow_blank=True,
                showErrorMessage=False,
            )
            dv.add(f"{letter}2:{letter}{_LAST_ROW}")
            ws.add_data_validation(dv)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{len(data.records) + 1}"
    return ws


# -- reading ------------------------------------------------------------------------------------


@dataclass
class Row:
    """One non-empty row: its Excel row number and the stored values read from it."""

    number: int
    values: dict[Any, Any]
    comments: dict[Any, str] = field(default_factory=dict)
    #: Cells that had a value that could not be read (already reported).
    failed: set[Any] = field(default_factory=set)

    def __getitem__(self, key: Any) -> Any:
        return self.values[key]

    def get(self, key: Any, default: Any = None) -> Any:
        return self.values.get(key, default)


@dataclass
class Table:
    """A sheet read as rows; ``problem`` reports against one of its cells."""

    sheet: str
    columns: list[Column]
    rows: list[Row]
    problems: Problems

    def header(self, field_name: Any) -> str:
        for c in self.columns:
            if c.field == field_name:
                return c.header
        return str(field_name)

    def problem(self, row: Row | None, field_name: Any, message: str) -> None:
        column = None if field_name is None else self.header(field_name)
        self.problems.add(self.sheet, None if row is None else row.number, column, message)


def comment_text(comment: Comment | None) -> str:
    """A cell note's text, without the "Author:" line Excel puts first."""
    if comment is None:
        return ""
    text = comment.text or ""
    author = (comment.author or "").strip()
    if author and text.startswith(author + ":"):
        text = text[len(author) + 1 :]
    return text.strip()


def _header_row_below(grid: dict[int, dict[int, Any]], by_key: dict[str, Column]) -> int | None:
    """The row (2–20) holding the sheet's headers when row 1 holds none of them, or None."""

    def known(r: int) -> int:
        return sum(
            1
            for cell in grid.get(r, {}).values()
            if not is_blank(cell.value) and name_key(shown(cell.value)) in by_key
        )

    if known(1) or not by_key:
        return None
    wanted = min(2, len(by_key))
    return next((r for r in sorted(grid) if 1 < r <= 20 and known(r) >= wanted), None)


def read_table(
    ws: Worksheet,
    sheet: str,
    columns: list[Column],
    problems: Problems,
    dynamic: Callable[[Any], Column | None] | None = None,
) -> Table:
    """Read ``ws`` by its header row (row 1) into rows of stored values.

    ``dynamic`` may supply a column for a header not in ``columns`` (a budget's year columns).
    """
    grid: dict[int, dict[int, Any]] = {}
    # Only the cells the file holds; never iterate the sheet's whole rectangle, which a single
    # formatted cell far down or to the right would make enormous.
    for (r, c), cell in ws._cells.items():
        grid.setdefault(r, {})[c] = cell
    by_key = {name_key(c.header): c for c in columns}
    moved = _header_row_below(grid, by_key)
    if moved is not None:
        # Headers lower down (a title typed above them): one sentence for the sheet rather
        # than every header missing and every column without one.
        problems.add(
            sheet,
            moved,
            None,
            f"Rubrikraden står på rad {moved}, men den ska vara rad 1. Ta bort raderna ovanför "
            "rubrikerna, spara och importera igen.",
        )
        return Table(sheet, list(columns), [], problems)
    found: dict[int, Column] = {}
    named: set[int] = set()
    for c, cell in sorted(grid.get(1, {}).items()):
        if is_blank(cell.value):
            continue
        named.add(c)
        column = by_key.get(name_key(shown(cell.value)))
        if column is None and dynamic is not None:
            column = dynamic(cell.value)
        if column is None:
            expected = ", ".join(col.header for col in columns)
            problems.add(
                sheet,
                1,
                shown(cell.value),
                f"Kolumnen ”{shown(cell.value)}” känns inte igen. Bladet har kolumnerna: "
                f"{expected}. Ta bort kolumnen eller rätta rubriken.",
            )
            continue
        if any(prev.field == column.field for prev in found.values()):
            problems.add(sheet, 1, column.header, "Kolumnen finns två gånger.")
            continue
        found[c] = column
    present = {col.field for col in found.values()}
    for column in columns:
        if column.required and column.field not in present:
            problems.add(sheet, 1, column.header, "Kolumnen saknas; den ska finnas och ha värden.")
    table_columns = [found[c] for c in sorted(found)] + [
        col for col in columns if col.field not in present
    ]
    rows: list[Row] = []
    headerless: set[int] = set()
    for r in sorted(grid):
        if r == 1:
            continue
        cells = grid[r]
        for c, cell in cells.items():
            if c not in named and c not in headerless and not is_blank(cell.value):
                headerless.add(c)
                letter = get_column_letter(c)
                problems.add(
                    sheet,
                    r,
                    letter,
                    f"Kolumn {letter} har värden men ingen rubrik på rad 1; skriv en rubrik "
                    "eller ta bort värdena.",
                )
        raw = {c: cells[c].value for c in found if c in cells}
        if all(is_blank(v) for v in raw.values()):
            continue
        row = Row(r, {})
        for c, column in found.items():
            value = raw.get(c)
            cell = cells.get(c)
            if cell is not None and cell.comment is not None:
                row.comments[column.field] = comment_text(cell.comment)
            trouble = None if cell is None else cell_problem(cell)
            if trouble is not None:  # an error value (#DIV/0!) or more text than Excel holds
                problems.add(sheet, r, column.header, trouble)
                row.failed.add(column.field)
                row.values[column.field] = None
                continue
            if is_blank(value):
                if column.required:
                    problems.add(sheet, r, column.header, "Värde saknas.")
                    row.failed.add(column.field)
                    row.values[column.field] = None
                else:
                    row.values[column.field] = column.blank_value
                continue
            if isinstance(value, str) and not isinstance(column.kind, Text):
                value = value.strip()
            try:
                row.values[column.field] = column.kind.parse(value)
            except CellError as exc:
                problems.add(sheet, r, column.header, str(exc))
                row.failed.add(column.field)
                row.values[column.field] = None
            except (ValueError, TypeError, ArithmeticError):
                # A value of a sort no kind foresaw (a duration, an error value…): still the
                # person's cell to fix, never a crash.
                problems.add(sheet, r, column.header, f"”{shown(value)}” kan inte läsas här.")
                row.failed.add(column.field)
                row.values[column.field] = None
        for column in columns:
            if column.field not in present:
                row.values[column.field] = column.blank_value
        rows.append(row)
    return Table(sheet, table_columns, rows, problems)
