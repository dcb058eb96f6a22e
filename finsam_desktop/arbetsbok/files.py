"""The .xlsx file itself: refused early when it is not a workbook we can read safely, and
written atomically with fixed timestamps, so the same content gives the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime
import shutil
import zipfile
from pathlib import Path

from openpyxl.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

from .. import xlsx
from ..files import atomic_file
from .problems import WorkbookError, WorkbookProblem

#: Kept here for the tests and callers that know the limits by this module.
MAX_UNPACKED = xlsx.MAX_UNPACKED
MAX_PARTS = xlsx.MAX_PARTS

#: Zip entries and the workbook's created/modified properties get this time, so exporting
#: unchanged content gives identical bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FIXED_TIME = datetime.datetime(*_ZIP_TIME)


def load_book(source: Path) -> Workbook:
    """Open ``source`` as a workbook, or raise WorkbookError with one clear Swedish message.

    The limits and refusals are those of every Excel import (:mod:`finsam_desktop.xlsx`).
    """
    try:
        return xlsx.load(Path(source), xlsx.ARBETSBOK)
    except xlsx.XlsxError as exc:
        raise WorkbookError(
            [WorkbookProblem(sheet, None, None, message) for sheet, message in exc.problems]
        ) from None


class _FixedTimeZip(zipfile.ZipFile):
    """A zip whose entries all carry the same time, so equal content gives equal bytes."""

    def writestr(self, zinfo_or_arcname, data, compress_type=None, compresslevel=None):
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            zinfo = zipfile.ZipInfo(zinfo_or_arcname, date_time=_ZIP_TIME)
            zinfo.compress_type = self.compression
            zinfo.external_attr = 0o600 << 16
            zinfo_or_arcname = zinfo
        super().writestr(zinfo_or_arcname, data, compress_type, compresslevel)

    def write(self, filename, arcname=None, compress_type=None, compresslevel=None):
        # openpyxl writes each worksheet to a temporary file and adds it with write(), which
        # would stamp it with the temporary file's time.
        zinfo = zipfile.ZipInfo(str(arcname or filename), date_time=_ZIP_TIME)
        zinfo.compress_type = compress_type if compress_type is not None else self.compression
        zinfo.external_attr = 0o600 << 16
        if compresslevel is not None:
            zinfo._compresslevel = compresslevel
        with open(filename, "rb") as src, self.open(zinfo, "w") as dest:
            shutil.copyfileobj(src, dest, 1024 * 1024)


def save_book(book: Workbook, target: Path) -> None:
    """Write ``book`` to ``target`` atomically: a temporary file beside it, then a rename.

    Raises :class:`~finsam_desktop.files.WriteFailed` (an ``OSError`` whose text is a Swedish
    sentence) when the folder is missing or read-only, the disk is full, or ``target`` is a
    folder; no file is left behind.

    The workbook's created/modified properties and every zip entry get the same fixed time,
    so exporting unchanged content twice gives byte-identical files.
    """
    book.properties.created = _FIXED_TIME
    book.properties.modified = _FIXED_TIME
    with atomic_file(target, "Arbetsboken") as f:  # WriteFailed: one Swedish sentence
        archive = _FixedTimeZip(f, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        try:
            ExcelWriter(book, archive).save()
        except BaseException:
            with contextlib.suppress(Exception):
                archive.close()
            raise
