"""What is wrong with a workbook, said so that a person can find and fix it in Excel."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Refusal

#: How many problem lines ``str(WorkbookError)`` shows; ``.problems`` always holds all.
SHOWN_LINES = 200


@dataclass(frozen=True)
class WorkbookProblem:
    """One problem: where (sheet, Excel row number, column header) and what was expected."""

    sheet: str | None
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = []
        if self.sheet is not None:
            where.append(f'Blad "{self.sheet}"')
        if self.row is not None:
            where.append(f"rad {self.row}")
        if self.column is not None:
            where.append(f'kolumn "{self.column}"')
        return f"{', '.join(where)}: {self.message}" if where else self.message


class WorkbookError(Refusal):
    """The workbook cannot be read or written; ``problems`` lists every reason."""

    def __init__(self, problems: list[WorkbookProblem]):
        self.problems = list(problems)
        super().__init__(self._text())

    def _text(self) -> str:
        problems = self.problems
        if len(problems) == 1 and problems[0].sheet is None and problems[0].row is None:
            return problems[0].message
        count = len(problems)
        head = (
            f"Arbetsboken kan inte importeras: {count} fel. Ingenting har ändrats; "
            "rätta felen i Excel och importera igen."
            if count != 1
            else "Arbetsboken kan inte importeras: 1 fel. Ingenting har ändrats; "
            "rätta felet i Excel och importera igen."
        )
        lines = [str(p) for p in problems[:SHOWN_LINES]]
        if count > SHOWN_LINES:
            lines.append(f"… och {count - SHOWN_LINES} fel till.")
        return "\n".join([head, *lines])

    def __str__(self) -> str:
        return self._text()


def single(message: str) -> WorkbookError:
    """An error about the file as a whole (not a sheet or a cell)."""
    return WorkbookError([WorkbookProblem(None, None, None, message)])


class Problems:
    """Collects problems while a workbook is read; sorted by sheet and row when done."""

    def __init__(self, sheet_order: list[str] | None = None):
        self._order = {name: i for i, name in enumerate(sheet_order or [])}
        self._found: list[tuple[int, int, int, WorkbookProblem]] = []

    def add(self, sheet: str | None, row: int | None, column: str | None, message: str) -> None:
        key = (self._order.get(sheet, -1) if sheet is not None else -1, row or 0)
        self._found.append((*key, len(self._found), WorkbookProblem(sheet, row, column, message)))

    def __bool__(self) -> bool:
        return bool(self._found)

    def __len__(self) -> int:
        return len(self._found)

    def sorted(self) -> list[WorkbookProblem]:
        return [p for *_, p in sorted(self._found, key=lambda t: t[:3])]

    def raise_if_any(self) -> None:
        if self._found:
            raise WorkbookError(self.sorted())
