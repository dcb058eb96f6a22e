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
import sqlite3
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .storage import ForbundFile

DEFAULT_KEEP = 14


class Kind(Enum):
    DAILY = "dag"
    BEFORE_MIGRATION = "fore-uppgradering"
    BEFORE_RESTORE = "fore-aterstallning"
    BEFORE_IMPORT = "fore-import"
    DAMAGED = "skadad"
    MANUAL = "manuell"

    @property
    def label(self) -> str:
        return {
            Kind.DAILY: "Daglig",
            Kind.BEFORE_MIGRATION: "Före uppgradering",
            Kind.BEFORE_RESTORE: "Före återställning",
            Kind.BEFORE_IMPORT: "Före import",
            Kind.DAMAGED: "Skadad fil (sparad)",
            Kind.MANUAL: "Manuell",
        }[self]


@dataclass(frozen=True)
class Backup:
    path: Path
    kind: Kind
    created: dt.datetime
    size: int


_NAME = re.compile(
    r"^(?P<stem>.+)_(?P<stamp>\d{4}-\d{2}-\d{2}_\d{6})(?:-\d+)?_(?P<kind>[a-z-]+)\.finsam$"
)


def default_dir(path: Path) -> Path:
    return path.with_name(f"{path.stem}-säkerhetskopior")


def _now() -> dt.datetime:
    return dt.datetime.now()


def make_backup(ff: ForbundFile, kind: Kind) -> Path:
    """Write a consistent copy of the open file into its backup folder; returns its path."""
    folder = ff.backup_dir
    folder.mkdir(parents=True, exist_ok=True)
    stamp = _now().strftime("%Y-%m-%d_%H%M%S")
    target = folder / f"{ff.path.stem}_{stamp}_{kind.value}.finsam"
    n = 1
    while target.exists():  # two backups within one second
        n += 1
        target = folder / f"{ff.path.stem}_{stamp}-{n}_{kind.value}.finsam"
    copy_database(ff.conn, target)
    return target


def copy_database(conn: sqlite3.Connection, target: Path) -> None:
    """A consistent copy of ``conn``'s database at ``target``, written atomically."""
    tmp = target.with_name(target.name + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    dest = sqlite3.connect(tmp)
    try:
        conn.backup(dest)
        # A backup is one self-contained file: no -wal beside it.
        dest.execute("PRAGMA journal_mode = DELETE")
        dest.commit()
    finally:
        dest.close()
    os.replace(tmp, target)


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
    safety = make_backup(ff, Kind.BEFORE_RESTORE)
    src = sqlite3.connect(backup.resolve().as_uri() + "?mode=ro", uri=True)
    try:
        src.backup(ff.conn)
    except sqlite3.DatabaseError as exc:
        raise storage.translate(exc, ff.path) from exc
    finally:
        src.close()
    storage.migrations.apply(ff.db)
    ff.forget_undo()  # the history belongs to the content that was replaced
    ff.announce("Återställ säkerhetskopia")
    return safety


def restore_damaged(path: Path, backup: Path, folder: Path | None = None) -> Path:
    """Put ``backup`` in place of a file too damaged to open; returns where the damaged one went.

    The damaged file cannot be read, so it is kept byte for byte (with its -wal) in the backup
    folder as kind "skadad" before anything is replaced; the new file is written beside it and
    moved into place in one step. Nobody may have the file open while this runs.
    """
    import shutil

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
