"""Writing a file the user asked for (a workbook, a report, a calendar) without half files.

Everything is written to a hidden temporary file beside the target, flushed to disk, and moved
into place in one step: a crash or a full disk leaves the old file (or none), never half a one.
The finished file gets the permissions any new file in that folder would get, not the
owner-only mode of a temporary file, so colleagues can open it as usual.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_file(target: Path | str) -> Iterator[BinaryIO]:
    """``with atomic_file(path) as f: f.write(...)`` — ``path`` appears only if the block ends."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
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


def write_bytes_atomically(target: Path | str, data: bytes) -> None:
    with atomic_file(target) as f:
        f.write(data)


def _usual_permissions(path: Path) -> None:
    if os.name == "nt":  # pragma: no cover - Windows has no mode bits to speak of
        return
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)
