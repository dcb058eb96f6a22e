"""Writing a file the user asked for (a workbook, a report, a calendar) without half files.

Everything is written to a hidden temporary file beside the target, flushed to disk, and moved
into place in one step: a crash or a full disk leaves the old file (or none), never half a one.
The finished file gets the permissions any new file in that folder would get, not the
owner-only mode of a temporary file, so colleagues can open it as usual.

When the environment refuses (a missing folder, a full disk, a read-only folder, a target that
is a folder), the writer raises :class:`WriteFailed`: an ``OSError`` whose text is one Swedish
sentence from :func:`describe_os_error`, the one place the command line and the window both
take their words from. The operating system's English ``strerror`` is never shown.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

_NO_PERMISSION = frozenset({errno.EACCES, errno.EPERM})
_DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})


class WriteFailed(OSError):
    """The environment refused a file the user asked for; ``str()`` is a Swedish sentence.

    An ``OSError`` (with the original ``errno``), so code that catches ``OSError`` still
    catches it; ``message`` is what to show, ``target`` the file that was to be written.
    """

    def __init__(self, exc: OSError, target: Path | str, what: str):
        self.target = Path(target)
        self.message = describe_os_error(exc, self.target, what)
        super().__init__(exc.errno, self.message)

    def __str__(self) -> str:
        return self.message


def describe_os_error(exc: OSError, target: Path | str, what: str) -> str:
    """One Swedish sentence saying why ``what`` (e.g. "Rapporten") could not be written.

    ``target`` is the file the user asked for (not the hidden temporary file beside it);
    the sentence names it and, where the folder is the trouble, the folder.
    """
    if isinstance(exc, WriteFailed):
        return exc.message
    target = Path(target)
    folder = _folder(target)
    start = f"{what} kunde inte skrivas till {target}"
    code = exc.errno
    if isinstance(exc, IsADirectoryError) or code == errno.EISDIR:
        return (
            f"{start}: det finns redan en mapp med det namnet. Ange ett filnamn i mappen, "
            f"till exempel {target / ('ny' + (target.suffix or '.fil'))}."
        )
    if isinstance(exc, NotADirectoryError) or code == errno.ENOTDIR:
        blocker = _file_in_the_way(target)
        where = f"{blocker} är en fil och inte en mapp" if blocker else f"{folder} är inte en mapp"
        return f"{start}: {where}. Välj en mapp att spara i."
    if isinstance(exc, FileNotFoundError) or code == errno.ENOENT:
        if not folder.is_dir():
            return f"{start}: mappen {folder} finns inte. Välj en mapp som finns, eller skapa den."
        return f"{start}: mappen {folder} försvann eller byttes ut medan filen skrevs. Försök igen."
    if code == errno.EROFS:
        return (
            f"{start}: mappen {folder} ligger på en skrivskyddad disk (till exempel en cd-skiva "
            "eller ett låst USB-minne). Välj en annan mapp."
        )
    if isinstance(exc, PermissionError) or code in _NO_PERMISSION:
        return (
            f"{start}: du saknar skrivrätt i mappen {folder}, eller så är filen skrivskyddad "
            "eller öppen i ett annat program (till exempel Excel). Välj en annan mapp, eller "
            "stäng filen och försök igen."
        )
    if code in _DISK_FULL:
        quota = " (ditt utrymme på den är slut)" if code == getattr(errno, "EDQUOT", None) else ""
        return (
            f"{start}: disken är full{quota}. Frigör utrymme "
            "(töm papperskorgen, flytta stora filer) eller välj en annan disk, och försök igen."
        )
    if code == errno.ENAMETOOLONG:
        return f"{start}: namnet är för långt. Välj ett kortare filnamn eller en kortare sökväg."
    number = f" (felkod {code})" if code else ""
    return (
        f"{start}: datorn kunde inte skriva filen{number}. Kontrollera att mappen finns och "
        "går att skriva i, att disken eller nätverksmappen är ansluten och att det finns plats."
    )


def os_error_from_sqlite(exc, folder: Path) -> OSError:
    """The OSError an SQLite error writing into ``folder`` stands for (for its sentence)."""
    code = (getattr(exc, "sqlite_errorcode", 0) or 0) & 0xFF
    full, perm, readonly, cantopen = 13, 3, 8, 14  # SQLITE_FULL, _PERM, _READONLY, _CANTOPEN
    if code == full:
        return OSError(errno.ENOSPC, "")
    if code in (perm, readonly):
        return PermissionError(errno.EACCES, "")
    if code == cantopen:
        return (
            FileNotFoundError(errno.ENOENT, "")
            if not folder.is_dir()
            else PermissionError(errno.EACCES, "")
        )
    return OSError(errno.EIO, "")


def _folder(target: Path) -> Path:
    return target.parent if str(target.parent) not in ("", ".") else Path.cwd()


def _file_in_the_way(target: Path) -> Path | None:
    """The nearest folder of ``target`` that is in fact a file (``a.txt`` in ``a.txt/b.pdf``)."""
    for parent in target.parents:
        if parent.exists() and not parent.is_dir():
            return parent
    return None


@contextlib.contextmanager
def writing(target: Path | str, what: str) -> Iterator[None]:
    """Turn an ``OSError`` inside the block into :class:`WriteFailed` about ``target``."""
    try:
        yield
    except WriteFailed:
        raise
    except OSError as exc:
        raise WriteFailed(exc, target, what) from exc


@contextlib.contextmanager
def atomic_file(target: Path | str, what: str = "Filen") -> Iterator[BinaryIO]:
    """``with atomic_file(path) as f: f.write(...)`` — ``path`` appears only if the block ends.

    An ``OSError`` on the way (the folder, the disk, the rename) becomes :class:`WriteFailed`
    saying what (``what``, e.g. "Arbetsboken") could not be written, and no file is left.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    with writing(target, what):
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        tmp = Path(name)
        try:
            with os.fdopen(fd, "wb") as f:
                yield f
                f.flush()
                os.fsync(f.fileno())
            _usual_permissions(tmp)
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise


def write_bytes_atomically(target: Path | str, data: bytes, what: str = "Filen") -> None:
    with atomic_file(target, what) as f:
        f.write(data)


def _usual_permissions(path: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows has no mode bits to speak of
        return
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)
