"""Who has a förbund file open for writing: an OS lock plus a note saying who and since when.

Beside ``X.finsam`` lies ``X.finsam.lock`` while a program has X open for writing. The first
byte of it is locked with the operating system's advisory lock (``fcntl`` on Linux and macOS,
``msvcrt`` on Windows), so a lock left behind by a crashed program is free again at once; the
rest of the file says who holds it, so a second user is told "öppnad av anna på KANSLI-PC sedan
2026-11-25 09:14" instead of a bare "database is locked".
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

if os.name == "nt":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, 0)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, 0)


# POSIX locks belong to the process: a second open in the same process would succeed, so the
# process also remembers which files it holds, by the file's identity (device and inode where
# the system has them, else the case-folded real path), never by the name it was given.
_held_here: set[object] = set()


@dataclass(frozen=True)
class Holder:
    """Who holds a lock: user, computer, process and since when."""

    user: str
    host: str
    pid: int
    since: dt.datetime

    def describe(self) -> str:
        when = self.since.strftime("%Y-%m-%d %H:%M")
        return f"{self.user} på datorn {self.host} sedan {when}"


class LockHeld(Exception):
    def __init__(self, holder: Holder | None):
        super().__init__(holder.describe() if holder else "okänd")
        self.holder = holder


def lock_path_for(path: Path) -> Path:
    """The lock beside the real file: a symlink to it and the file itself share one lock (and
    on a case-insensitive disk, ``D.finsam.lock`` and ``d.finsam.lock`` are one file too)."""
    real = path.resolve()
    return real.with_name(real.name + ".lock")


def _identity(path: Path) -> object:
    real = path.resolve()
    try:
        st = real.stat()
    except OSError:
        st = None
    if st is not None and st.st_ino:
        return (st.st_dev, st.st_ino)
    return os.path.normcase(str(real))


class WriteLock:
    """An exclusive lock on a förbund file for one writing program."""

    def __init__(self, path: Path):
        self._file = Path(path)
        self.path = lock_path_for(self._file)
        self._key: object = None
        self._fd: int | None = None

    def acquire(self) -> None:
        # A file not yet created (a new file) is known by its path until it exists.
        key = _identity(self._file)
        if key in _held_here or os.path.normcase(str(self._file.resolve())) in _held_here:
            raise LockHeld(self.read_holder())
        for _attempt in range(10):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
            if not _try_lock(fd):
                os.close(fd)
                raise LockHeld(self.read_holder())
            # The holder before us removes the lock file as it lets go: a lock taken on the
            # removed file holds nothing, so try again on the file that is there now.
            if _still_there(fd, self.path):
                break
            os.close(fd)
        else:  # pragma: no cover - ten releases in a row while this one tried
            raise LockHeld(None)
        self._key = key
        import json  # json, socket and getpass only when a file is opened (not at start)
        import socket

        holder = {
            "user": _user(),
            "host": socket.gethostname(),
            "pid": os.getpid(),
            "since": dt.datetime.now().isoformat(timespec="seconds"),
        }
        data = b" " + json.dumps(holder, ensure_ascii=False).encode("utf-8")
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, data)
            os.ftruncate(fd, len(data))
        except OSError:  # a full disk: no note, no lock, nothing left behind
            self._let_go(fd)
            raise
        self._fd = fd
        _held_here.add(self._key)
        self._path_key = os.path.normcase(str(self._file.resolve()))
        _held_here.add(self._path_key)

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        _held_here.discard(self._key)
        _held_here.discard(self._path_key)
        self._let_go(fd)

    def _let_go(self, fd: int) -> None:
        """Remove the lock file while still holding it (where the system allows), then unlock:
        whoever opens it later finds a new file, never a lock released under them."""
        if os.name != "nt":
            with contextlib.suppress(OSError):
                self.path.unlink()
        with contextlib.suppress(OSError):
            os.ftruncate(fd, 0)
        with contextlib.suppress(OSError):
            _unlock(fd)
        os.close(fd)
        if os.name == "nt":  # pragma: no cover - Windows cannot remove an open file
            with contextlib.suppress(OSError):
                self.path.unlink()

    def read_holder(self) -> Holder | None:
        try:
            with open(self.path, "rb") as f:  # byte 0 is the locked one: skip it
                f.seek(1)
                raw = f.read(4096)
            import json

            info = json.loads(raw.decode("utf-8"))
            return Holder(
                user=str(info["user"]),
                host=str(info["host"]),
                pid=int(info["pid"]),
                since=dt.datetime.fromisoformat(info["since"]),
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None


def _still_there(fd: int, path: Path) -> bool:
    if os.name == "nt":  # pragma: no cover - an open file cannot be removed there
        return True
    try:
        here, there = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (here.st_dev, here.st_ino) == (there.st_dev, there.st_ino)


def _user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a service, a container)
        return "okänd användare"
