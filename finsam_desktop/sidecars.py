"""What SQLite may leave beside a förbund file, and how to tell whether it matters.

A förbund file uses a rollback journal: while an edit is being committed, ``X.finsam-journal``
holds the pages as they were, and it is gone when the commit ends. One that remains after a
crash or a power cut is *hot*: SQLite rolls it back on the next open, and the file is whole
again. A ``-wal`` beside the file comes from an older version that used WAL, or from
somewhere else. Either way SQLite would apply what lies beside the file without asking whether
it belongs to it: a ``-wal`` copied from another database turns the file into that database.
Storage therefore looks here first, copies the file aside before SQLite may touch it, and
checks what comes out (:func:`finsam_desktop.storage.open_file`).
"""

from __future__ import annotations

import contextlib
import shutil
from dataclasses import dataclass
from pathlib import Path

#: The first eight bytes of a rollback journal that still holds pages to roll back.
JOURNAL_MAGIC = bytes.fromhex("d9d505f920a163d7")
_WAL_HEADER = 32  # a -wal of its header alone holds no frames

SUFFIXES = ("-journal", "-wal", "-shm")


@dataclass(frozen=True)
class Sidecar:
    path: Path
    kind: str  # "journal" or "wal"

    @property
    def described(self) -> str:
        what = "en journalfil" if self.kind == "journal" else "en loggfil (WAL)"
        return f"{what}, {self.path.name}"


def beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def pending(path: Path) -> list[Sidecar]:
    """The journal and WAL beside ``path`` that SQLite would apply on opening it."""
    found = []
    journal = beside(path, "-journal")
    try:
        with open(journal, "rb") as f:
            if f.read(8) == JOURNAL_MAGIC:
                found.append(Sidecar(journal, "journal"))
    except OSError:
        pass
    wal = beside(path, "-wal")
    try:
        if wal.stat().st_size > _WAL_HEADER:
            found.append(Sidecar(wal, "wal"))
    except OSError:
        pass
    return found


def remove(path: Path) -> None:
    """Remove every sidecar of ``path`` (after they were copied aside)."""
    for suffix in SUFFIXES:
        with contextlib.suppress(FileNotFoundError):
            beside(path, suffix).unlink()


def copy_with_sidecars(path: Path, folder: Path) -> Path:
    """Copy ``path`` and what lies beside it into ``folder``; returns the copy's path.

    For a file whose journal cannot be taken care of where it lies (a read-only folder, a CD,
    a mail attachment): the copy, opened with write access, is recovered as usual.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / path.name
    n = 1
    while target.exists() or any(beside(target, s).exists() for s in SUFFIXES):
        n += 1
        target = folder / f"{path.stem} (kopia {n}){path.suffix}"
    for side in pending(path):
        shutil.copyfile(side.path, beside(target, side.path.name[len(path.name) :]))
    shutil.copyfile(path, target)
    return target
