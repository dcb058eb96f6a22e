"""Backups of a förbund file, made with SQLite's backup API (never a file copy of a WAL file).

Backups lie in a folder beside the file, "<namn>-säkerhetskopior", so they travel with it when
the förbundschef moves the folder. Three kinds: one a day on first open (the last N kept, N a
setting), one before every schema upgrade, restore and workbook import (those are kept).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from .files import WriteFailed, atomic_file, os_error_from_sqlite

if TYPE_CHECKING:
    from .storage import ForbundFile

DEFAULT_KEEP = 14


class Kind(Enum):
    """A backup's kind: its code in the file name, its label in lists, and for a sentence
    ("Säkerhetskopian före importen kunde inte skrivas …") when it is made."""

    DAILY = ("dag", "Daglig", "för i dag")
    BEFORE_MIGRATION = ("fore-uppgradering", "Före uppgradering", "före uppgraderingen")
    BEFORE_RESTORE = ("fore-aterstallning", "Före återställning", "före återställningen")
    BEFORE_IMPORT = ("fore-import", "Före import", "före importen")
    DAMAGED = ("skadad", "Skadad fil (sparad)", "av den skadade filen")
    MANUAL = ("manuell", "Manuell", "")
    #: The file as it stood before SQLite applied a journal or WAL found beside it.
    BEFORE_RECOVERY = ("fore-aterhamtning", "Före återhämtning", "före återhämtningen")

    def __new__(cls, code: str, label: str, when: str):
        member = object.__new__(cls)
        member._value_ = code
        member.label = label  # type: ignore[attr-defined]
        member.when = when  # type: ignore[attr-defined]
        return member


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: Kind
    created: dt.datetime
    size: int


_NAME = re.compile(
    r"^(?P<stem>.+)_(?P<stamp>\d{4}-\d{2}-\d{2}_\d{6})(?:-\d+)?_(?P<kind>[a-z-]+)\.finsam$"
)


#: How many copies made before a journal was recovered are kept (the newest).
KEEP_BEFORE_RECOVERY = 10


def default_dir(path: Path) -> Path:
    """``D.finsam`` → ``D-säkerhetskopior``; a file named otherwise keeps its whole name
    (``D.FINSAM`` → ``D.FINSAM-säkerhetskopior``), so two files never share one folder."""
    path = path.resolve()
    name = path.stem if path.suffix == ".finsam" else path.name
    return path.with_name(f"{name}-säkerhetskopior")


def _now() -> dt.datetime:
    return dt.datetime.now()


def usable_folder(folder: Path) -> Path:
    """The backup folder, made if missing; refused if it is a file or a link elsewhere.

    A link could send the förbund's backups anywhere (another förbund's folder, a folder that
    is gone) without anyone seeing it, so backups are written only into a real folder.
    """
    from .storage import Problem, StorageError

    if folder.is_symlink():
        raise StorageError(
            Problem.IO,
            f"Säkerhetskopiornas mapp {folder} är en länk till en annan plats, inte en mapp. "
            "Inga säkerhetskopior skrivs dit. Ta bort länken (eller byt namn på den), så "
            "skapar programmet mappen.",
        )
    if folder.exists() and not folder.is_dir():
        raise StorageError(
            Problem.IO,
            f"Säkerhetskopiornas mapp {folder} är en fil, inte en mapp. Inga säkerhetskopior "
            "kan skrivas. Byt namn på filen, så skapar programmet mappen.",
        )
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WriteFailed(exc, folder, "Mappen för säkerhetskopior") from None
    return folder


def _target(folder: Path, stem: str, kind: Kind) -> Path:
    stamp = _now().strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"{stem}_{stamp}_{kind.value}.finsam"
    n = 1
    while target.exists():  # two backups within one second
        n += 1
        target = folder / f"{stem}_{stamp}-{n}_{kind.value}.finsam"
    return target


def make_backup(ff: ForbundFile, kind: Kind) -> Path:
    """Write a consistent copy of the open file into its backup folder; returns its path.

    A folder or disk that refuses it raises :class:`~finsam_desktop.files.WriteFailed` (an
    OSError with a Swedish sentence); nothing of the copy is left behind.
    """
    folder = usable_folder(ff.backup_dir)
    target = _target(folder, ff.path.stem, kind)
    what = f"Säkerhetskopian {kind.when}".strip()
    try:
        copy_database(ff.conn, target)
    except sqlite3.Error as exc:
        raise WriteFailed(os_error_from_sqlite(exc, folder), target, what) from None
    except OSError as exc:
        raise WriteFailed(exc, target, what) from None
    return target


def copy_aside(path: Path, beside_it: list[Path], folder: Path) -> Path:
    """Byte copies of ``path`` and the journal or WAL beside it, before SQLite applies them.

    The journal's copy is named so that no program applies it to the copy (``….journal-kopia``).
    """
    folder = usable_folder(folder)
    target = _target(folder, path.stem, Kind.BEFORE_RECOVERY)
    for side in beside_it:
        suffix = side.name[len(path.name) :].lstrip("-")
        _copy_synced(side, target.with_name(f"{target.name}.{suffix}-kopia"))
    _copy_synced(path, target)
    kept = [b for b in list_backups(path, folder) if b.kind is Kind.BEFORE_RECOVERY]
    for old in kept[KEEP_BEFORE_RECOVERY:]:
        for p in old.path.parent.glob(old.path.name + "*"):
            with contextlib.suppress(OSError):
                p.unlink()
    return target


def put_back(copy: Path, path: Path) -> None:
    """Put a copy made by :func:`copy_aside` back in place of ``path``, in one step."""
    _copy_synced(copy, path)


def _copy_synced(source: Path, target: Path) -> None:
    """A byte copy written to disk and moved into place in one step (files.atomic_file)."""
    with open(source, "rb") as src, atomic_file(target, "Kopian") as dst:
        shutil.copyfileobj(src, dst)


def remove_leftovers(path: Path, folder: Path) -> None:
    """Temporary files of a backup killed half-way (``….finsam.tmp``, its ``-journal``).

    Called with the file's write lock held, so no backup of it is being written now.
    """
    if folder.is_symlink() or not folder.is_dir():
        return
    prefix = f"{path.stem}_"
    for p in folder.iterdir():
        name = p.name
        if name.startswith(prefix) and (
            name.endswith(".tmp") or any(name.endswith(".tmp" + s) for s in _SQLITE_SIDES)
        ):
            with contextlib.suppress(OSError):
                p.unlink()


_SQLITE_SIDES = ("-journal", "-wal", "-shm")


def copy_database(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of ``conn``'s database at ``target``, written atomically: on any
    failure (a full disk half-way) nothing of it is left."""
    tmp = target.with_name(target.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        dest = sqlite3.connect(tmp)
        try:
            conn.backup(dest)
            # A backup is one self-contained file: no -wal beside it.
            dest.execute("PRAGMA journal_mode = DELETE")
            dest.commit()
        finally:
            dest.close()
        os.replace(tmp, target)
    except BaseException:
        for leftover in (tmp, tmp.with_name(tmp.name + "-journal")):
            with contextlib.suppress(OSError):
                leftover.unlink()
        raise


def list_backups(ff_path: Path, folder: Path | None = None) -> list[Backup]:
    """Backups of the file at ``ff_path``, newest first."""
    folder = folder or default_dir(ff_path)
    if not folder.is_dir():
        return []
    found = []
    for p in folder.iterdir():
        m = _NAME.match(p.name)
        if not m or m["stem"] != ff_path.stem:
            continue
        try:
            kind = Kind(m["kind"])
        except ValueError:
            continue
        created = dt.datetime.strptime(m["stamp"], "%Y-%m-%d_%H%M%S")
        found.append(Backup(p, kind, created, p.stat().st_size))
    return sorted(found, key=lambda b: (b.created, b.path.name), reverse=True)


def daily_backup(ff: ForbundFile, keep: int | None = None) -> Path | None:
    """The first open of a day backs the file up; older daily backups beyond ``keep`` go."""
    from .settings import get_setting  # settings reads the file; imported late to avoid a cycle

    keep = keep if keep is not None else get_setting(ff, "sakerhetskopior_antal")
    existing = list_backups(ff.path, ff.backup_dir)
    today = _now().date()
    made = None
    if not any(b.kind is Kind.DAILY and b.created.date() == today for b in existing):
        made = make_backup(ff, Kind.DAILY)
        existing = list_backups(ff.path, ff.backup_dir)
    dailies = [b for b in existing if b.kind is Kind.DAILY]
    for old in dailies[max(keep, 1) :]:
        with contextlib.suppress(OSError):
            old.path.unlink()
    return made


def restore(ff: ForbundFile, backup: Path) -> Path:
    """Replace the open file's content with ``backup``; the current content is backed up first.

    The backup is checked (a förbund file, intact, not from a newer version) before anything
    changes. Returns the path of the safety copy of what was there before.
    """
    from . import storage

    checked = storage.open_file(
        backup, storage.OpenOptions(read_only=True, daily_backup=False, allow_old_schema=True)
    )
    checked.close()
    ff.ensure_idle("före återställning")
    safety = make_backup(ff, Kind.BEFORE_RESTORE)
    src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        src.backup(ff.conn)
        storage.migrations.apply(ff.db)
        ff.conn.execute("PRAGMA journal_mode = DELETE")  # whatever the backup's header said
    except sqlite3.DatabaseError as exc:
        raise storage.translate(exc, ff.path) from exc
    finally:
        src.close()
    ff.forget_undo()  # the history belongs to the content that was replaced
    ff.announce("Återställ säkerhetskopia")
    return safety


def restore_damaged(path: Path, backup: Path, folder: Path | None = None) -> Path:
    """Put ``backup`` in place of a file too damaged to open; returns where the damaged one went.

    The damaged file cannot be read, so it is kept byte for byte (with its -wal) in the backup
    folder as kind "skadad" before anything is replaced; the new file is written beside it and
    moved into place in one step. Nobody may have the file open while this runs.
    """
    from . import storage
    from .filelock import LockHeld, WriteLock

    checked = storage.open_file(
        backup, storage.OpenOptions(read_only=True, daily_backup=False, allow_old_schema=True)
    )
    checked.close()
    lock = WriteLock(path)
    try:
        lock.acquire()
    except LockHeld as held:
        who = held.holder.describe() if held.holder else "ett annat program"
        raise storage.StorageError(
            storage.Problem.IN_USE,
            f"{path.name} är öppnad av {who}; stäng den där innan den återställs.",
            holder=held.holder,
        ) from None
    try:
        folder = folder or default_dir(path)
        folder.mkdir(parents=True, exist_ok=True)
        stamp = _now().strftime("%Y-%m-%d_%H%M%S")
        kept = folder / f"{path.stem}_{stamp}_{Kind.DAMAGED.value}.finsam"
        shutil.copyfile(path, kept)
        for suffix in ("-wal", "-shm"):
            side = Path(str(path) + suffix)
            if side.exists():
                if suffix == "-wal":
                    shutil.copyfile(side, Path(str(kept) + suffix))
                side.unlink()
        src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            copy_database(src, path)
        finally:
            src.close()
    finally:
        lock.release()
    return kept
