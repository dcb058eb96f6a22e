"""A really full disk: a 2 MiB tmpfs filled to the last byte under a förbund file.

Needs the right to mount (root, or CAP_SYS_ADMIN); elsewhere it skips and says why, and
test_storage.py's simulated full disk (PRAGMA max_page_count) still runs.
"""

from __future__ import annotations

import contextlib
import errno
import subprocess
import sys
from pathlib import Path

import pytest

from finsam_desktop import storage
from finsam_desktop.storage import OpenOptions, Problem, StorageError


def _mount_tmpfs(folder: Path) -> None:
    if not sys.platform.startswith("linux"):
        pytest.skip("en riktig full disk provas bara på Linux (tmpfs)")
    folder.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=2M", "tmpfs", str(folder)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        pytest.skip(f"mount är inte tillåtet här ({done.stderr.strip() or done.returncode})")


def _fill(folder: Path) -> Path:
    """Write a filler file until the disk refuses another byte."""
    filler = folder / "fyllnad.bin"
    with filler.open("wb", buffering=0) as out:
        for size in (65536, 4096, 512, 1):
            while True:
                try:
                    out.write(b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    break
    return filler


def _names(ff) -> list[str]:
    return [r["namn"] for r in ff.query("SELECT namn FROM person ORDER BY id")]


def test_a_really_full_disk_fails_the_edit_keeps_the_file_and_the_program_goes_on(tmp_path):
    disk = tmp_path / "disk"
    _mount_tmpfs(disk)
    try:
        path = disk / "förbund.finsam"
        ff = storage.create_file(
            path, namn="Samordningsförbundet Full", options=OpenOptions(daily_backup=False)
        )
        try:
            with ff.write("Lägg till person") as db:
                db["person"].insert({"namn": "Bo Ek"})
            filler = _fill(disk)

            with pytest.raises(StorageError) as err, ff.write("Stor anteckning") as db:
                db["person"].insert({"namn": "Cecilia Ström", "anteckning": "x" * 400_000})
            assert err.value.problem is Problem.DISK_FULL
            assert "Disken där förbund.finsam ligger är full" in err.value.message
            assert "oförändrad" in err.value.message
            assert _names(ff) == ["Bo Ek"]
            assert ff.scalar("PRAGMA integrity_check") == "ok"

            filler.unlink()  # the user frees space; the same open file takes edits again
            with ff.write("Stor anteckning") as db:
                db["person"].insert({"namn": "Cecilia Ström", "anteckning": "x" * 400_000})
            assert _names(ff) == ["Bo Ek", "Cecilia Ström"]
        finally:
            ff.close()
        reopened = storage.open_file(path, OpenOptions(daily_backup=False))
        try:
            assert _names(reopened) == ["Bo Ek", "Cecilia Ström"]
            assert reopened.scalar("PRAGMA integrity_check") == "ok"
        finally:
            reopened.close()
    finally:
        with contextlib.suppress(OSError):
            subprocess.run(["umount", "-l", str(disk)], check=False, capture_output=True)
