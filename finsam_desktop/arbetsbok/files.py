"""The .xlsx file itself: refused early when it is not a workbook we can read safely, and
written atomically with fixed timestamps, so the same content gives the same bytes.
"""

from __future__ import annotations

import contextlib
import datetime
import io
import shutil
import warnings
import zipfile
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.workbook import Workbook
from openpyxl.writer.excel import ExcelWriter

from ..files import atomic_file
from .problems import single

#: Refuse workbooks that unpack to more than this, before openpyxl reads them (zip bombs).
MAX_UNPACKED = 50 * 1024 * 1024
#: A workbook of a förbund has a few dozen parts; thousands means something else.
MAX_PARTS = 5000

_CFB_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # OLE2: .xls, or an encrypted .xlsx
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
#: Zip entries and the workbook's created/modified properties get this time, so exporting
#: unchanged content gives identical bytes.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_FIXED_TIME = datetime.datetime(*_ZIP_TIME)


def load_book(source: Path) -> Workbook:
    """Open ``source`` as a workbook, or raise WorkbookError with one clear Swedish message."""
    name = source.name
    try:
        size = source.stat().st_size
        if source.is_dir():
            raise single(f"{name} är en mapp, inte en arbetsbok.")
        if size > MAX_UNPACKED:
            raise single(_too_big(name))
        data = source.read_bytes()
    except FileNotFoundError:
        raise single(f"Arbetsboken {source} finns inte.") from None
    except PermissionError:
        raise single(f"Du saknar behörighet att läsa {name}.") from None
    except OSError as exc:
        raise single(f"{name} kunde inte läsas ({exc.strerror or exc}).") from None
    if data.startswith(_CFB_SIGNATURE):
        if _ENCRYPTED_STREAM in data:
            raise single(_password(name))
        raise single(
            f"{name} är sparad i det gamla Excel-formatet (.xls). Öppna den i Excel, välj "
            "Spara som → Excel-arbetsbok (.xlsx) och importera den nya filen."
        )
    if not data.startswith(b"PK"):
        raise single(_not_workbook(name))
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise single(_damaged(name)) from None
    if len(parts) > MAX_PARTS or sum(p.file_size for p in parts) > MAX_UNPACKED:
        raise single(_too_big(name))
    if any(p.flag_bits & 0x1 for p in parts):
        raise single(_password(name))
    names = {p.filename for p in parts}
    if "mimetype" in names and b"opendocument" in _read_small(archive, "mimetype"):
        raise single(
            f"{name} är ett OpenDocument-kalkylark (.ods). Spara det som Excel-arbetsbok (.xlsx) "
            "och importera den filen."
        )
    if "xl/workbook.xml" not in names:
        raise single(_not_workbook(name))
    try:
        with warnings.catch_warnings():
            # Excel's extensions openpyxl does not know (slicers, x14 validations…) warn.
            warnings.simplefilter("ignore")
            return load_workbook(io.BytesIO(data), data_only=True, keep_links=False, keep_vba=False)
    except Exception:  # openpyxl raises many kinds for a damaged part; all mean the same
        raise single(_damaged(name)) from None


def _read_small(archive: zipfile.ZipFile, member: str) -> bytes:
    try:
        with archive.open(member) as f:
            return f.read(200)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return b""


def _too_big(name: str) -> str:
    return (
        f"{name} är för stor för att vara en arbetsbok från Finsam Desktop (mer än "
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
        "nedladdning eller kopiering. Hämta eller exportera arbetsboken på nytt."
    )


def _not_workbook(name: str) -> str:
    return (
        f"{name} är ingen Excel-arbetsbok (.xlsx). Välj en arbetsbok som exporterats från "
        "Finsam Desktop, eller som sparats i Excel i formatet Excel-arbetsbok (.xlsx)."
    )


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
