"""The arbetsbok: the whole förbund file as one Excel workbook, exported and imported back.

One sheet per kind of thing, Swedish headers, real dates and real numbers (kronor, intäkter
positive, kostnader negative). Sheets refer to each other by natural keys (a member's name, a
person's name, an insats's name, a konto number, a meeting's Nr), never by hidden ids, so a
person can edit the workbook in Excel. Importing is all or nothing: :func:`read_workbook` checks
every sheet, row and cell and lists every problem before anything is written; then
:func:`write_content` replaces the file's whole content in one transaction.

Export → import → export gives the same workbook, cell for cell and byte for byte.
The sheets and columns are documented for users in ``docs/arbetsbok.md``.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from openpyxl.workbook import Workbook

from .. import APP_NAME
from ..backups import Kind, make_backup
from ..schema import tables_parents_first
from ..settings import PREFERENCES
from ..storage import ForbundFile, Problem, StorageError
from . import (
    arshjul,
    arvoden,
    balansprognos,
    delarsbalans,
    ekonomi,
    forbundsmal,
    insatser,
    justering,
    logotyp,
    moten,
    organisation,
    rapporttexter,
)
from .book import Book
from .cells import clean_text
from .content import Content
from .files import load_book, save_book
from .problems import WorkbookError, WorkbookProblem, single
from .sheets import SheetData, write_sheet

__all__ = [
    "Content",
    "WorkbookError",
    "WorkbookProblem",
    "export_workbook",
    "import_workbook",
    "load_content",
    "read_workbook",
    "write_content",
]

_CONCEPTS = (
    organisation, insatser, moten, ekonomi, balansprognos, delarsbalans, arshjul,
    rapporttexter, logotyp, arvoden, forbundsmal, justering,
)  # fmt: skip

#: The sheets every workbook has (budget and utfall sheets come and go with the years).
FIXED_SHEETS = [name for concept in _CONCEPTS for name in concept.SHEETS]

#: Sheets a workbook may lack (older workbooks): the import then uses the defaults.
OPTIONAL_SHEETS = (
    arshjul.OPTIONAL_SHEETS
    + ekonomi.OPTIONAL_SHEETS
    + rapporttexter.OPTIONAL_SHEETS
    + logotyp.OPTIONAL_SHEETS
    + arvoden.OPTIONAL_SHEETS
    + moten.OPTIONAL_SHEETS
    + forbundsmal.OPTIONAL_SHEETS
    + balansprognos.OPTIONAL_SHEETS
    + delarsbalans.OPTIONAL_SHEETS
    + justering.OPTIONAL_SHEETS
)

#: Every table of the förbund file, parents before children: rows are inserted in this order
#: and deleted in the reverse order (foreign keys are on).
TABLES = [
    "forbund",
    "installning",
    "medlem",
    "person",
    "konto",
    "uppdrag",
    "revisor",
    "revisor_medlem",
    "insats",
    "insats_part",
    "insats_ar",
    "mal",
    "mal_bedomning",
    "uppfoljning",
    "mote",
    "justerare",
    "arende",
    "narvaro",
    "budget_version",
    "budget_avsnitt",
    "budget_rad",
    "budget_rad_medlem",
    "budget_belopp",
    "utfall",
    "bokslut",
    "bokslut_specifikation",
    "balansprognos",
    "delarsbalans",
    "arshjul_post",
    "arshjul_klar",
    "arshjul_regel",
    "arshjul_regel_ar",
    "arshjul_installning",
    "rapporttext",
    "rapport_logotyp",
    "arvode_regel",
    "arvode_person",
    "arvode_mote",
    "rattelse",
    "dagordningsmall",
    "forbundsmal",
    "forbundsmal_bedomning",
    "justering",
    "justering_signerare",
    "betrodd_utfardare",
]
#: Tables that are not the förbund's content.


def load_content(ff: ForbundFile) -> Content:
    """Everything in ``ff`` as a :class:`Content`, in the order the workbook shows it."""
    content = Content()
    for concept in _CONCEPTS:
        concept.load(ff, content)
    return content


def _sheets(c: Content) -> list[SheetData]:
    return [
        *organisation.sheets(c),
        *insatser.sheets(c),
        *moten.sheets(c),
        *ekonomi.budget_sheets(c),
        *ekonomi.bokslut_sheets(c),
        *balansprognos.sheets(c),
        *delarsbalans.sheets(c),
        *arshjul.sheets(c),
        *rapporttexter.sheets(c),
        *logotyp.sheets(c),
        *arvoden.sheets(c),
        *forbundsmal.sheets(c),
        *justering.sheets(c),
    ]


def export_workbook(ff: ForbundFile, target: Path) -> None:
    """Write the whole content of ``ff`` to the workbook ``target`` (atomically).

    Raises :class:`~finsam_desktop.files.WriteFailed` (an ``OSError``) with a Swedish sentence
    when the file cannot be written (missing or read-only folder, full disk, a folder there).
    """
    content = load_content(ff)
    book = Workbook()
    book.remove(book.active)
    for data in _sheets(content):
        write_sheet(book, data)
    book.properties.creator = APP_NAME
    # clean_text: a control character in the name made docProps/core.xml unreadable
    book.properties.title = clean_text(
        f"Arbetsbok för {content.forbund.get('namn') or ff.path.stem}"
    )
    save_book(book, Path(target))


def read_workbook(source: Path) -> Content:
    """Read and check the workbook ``source``; touches no förbund file.

    Raises :class:`WorkbookError` listing every problem (sheet, row, column, what was
    expected), or one message when the file is not a workbook that can be read.
    """
    book = Book(load_book(Path(source)), FIXED_SHEETS, OPTIONAL_SHEETS)
    content = Content()
    for concept in _CONCEPTS:
        concept.read(book, content)
    book.problems.raise_if_any()
    return content


def write_content(ff: ForbundFile, content: Content, *, label: str = "Importera arbetsbok") -> None:
    """Replace ALL content of ``ff`` by ``content``, in one transaction (all or nothing).

    ``label`` names the write (the undo step): what made the content, an import by default.
    """
    try:
        with ff.write(label) as db:
            conn = db.conn
            # Children before parents (foreign keys are on). Every table is one the workbook
            # carries: a test keeps TABLES equal to the schema's tables.
            for table in reversed(tables_parents_first(conn)):
                if table == "installning":  # how the file is looked at stays (a preference)
                    keep = ", ".join("?" * len(PREFERENCES))
                    conn.execute(f"DELETE FROM installning WHERE nyckel NOT IN ({keep})",
                                 sorted(PREFERENCES))  # fmt: skip
                    continue
                conn.execute(f'DELETE FROM "{table}"')
            ids: dict[str, dict] = {}
            for concept in _CONCEPTS:
                concept.insert(conn, content, ids)
    except sqlite3.IntegrityError as exc:
        # read_workbook checks every rule of the file; reaching this is a gap in its checks.
        raise single(
            f"Arbetsboken bryter mot en regel i förbundsfilen ({exc}), så ingenting "
            "importerades och filen är oförändrad. Det här är ett fel i Finsam Desktop; "
            "skicka arbetsboken till supporten."
        ) from exc


def has_content(ff: ForbundFile) -> bool:
    """Whether ``ff`` holds anything beyond the förbund's own row (a newly created file)."""
    for table in tables_parents_first(ff.conn):
        if table == "arshjul_regel" and arshjul.has_default_rules(ff):
            continue  # a new file has the default rules
        if table == "dagordningsmall" and moten.has_default_templates(ff):
            continue  # and the standing items every förbund starts with
        if table != "forbund" and ff.conn.execute(f'SELECT 1 FROM "{table}" LIMIT 1').fetchone():
            return True
    return False


def import_workbook(ff: ForbundFile, source: Path) -> Path | None:
    """Replace the content of ``ff`` by the workbook ``source``.

    Reads and checks the whole workbook first (raising :class:`WorkbookError`, ``ff``
    untouched); then, if ``ff`` has content, backs it up and returns the backup's path.
    Raises :class:`~finsam_desktop.storage.StorageError` when ``ff`` is open read-only or
    cannot be written.
    """
    if ff.read_only:
        raise StorageError(
            Problem.READ_ONLY,
            f"{ff.path.name} är öppnad skrivskyddad, så ingen arbetsbok kan importeras till den.",
            can_open_read_only=True,
        )
    content = read_workbook(Path(source))
    backup = make_backup(ff, Kind.BEFORE_IMPORT) if has_content(ff) else None
    write_content(ff, content)
    return backup
