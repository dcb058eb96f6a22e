"""Shared fixtures: every test gets its own förbund file in a temporary folder, and the demo
förbund (made once per day asked for) as a private copy."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fixed_days import DEMO_DAY

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The command line logs a bug to finsam.log in the data folder: never the user's real one,
# also in tests (and their subprocesses) that do not choose a folder of their own.
os.environ["FINSAM_DATA_DIR"] = tempfile.mkdtemp(prefix="finsam-test-data-")

from finsam_desktop import storage

# A connection left inside a transaction between user actions fails the test that did it.
storage.STRICT_TRANSACTIONS = True


@pytest.fixture
def tmp_file(tmp_path: Path) -> Path:
    """A path for a new förbund file, not yet created."""
    return tmp_path / "Testförbundet.finsam"


@pytest.fixture
def ff(tmp_file: Path):
    """A freshly created, empty förbund file, open for writing; closed after the test."""
    f = storage.create_file(
        tmp_file, namn="Samordningsförbundet Test", organisationsnummer="222000-2063"
    )
    yield f
    f.close()


@pytest.fixture
def libreoffice(tmp_path: Path):
    """Save a workbook again with LibreOffice Calc, which rewrites and recalculates it the way a
    person's spreadsheet program does: a function (workbook, folder) -> the copy saved there.
    Skips the test when LibreOffice is not installed."""
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    profile = (tmp_path / "lo-profil").as_uri()

    def resave(book: Path, folder: Path) -> Path:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--convert-to",
                "xlsx",
                "--outdir",
                str(folder),
                str(book),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return folder / book.name

    return resave


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Callable[..., Path]:
    """``demo_template(today=DEMO_DAY)``: the demo förbund made for that day, once per session
    and day, closed. Shared: copy it (``demo_copy``, ``open_demo``), never write to it."""
    from finsam_desktop.demo import create_demo

    made: dict[dt.date, Path] = {}

    def template(today: dt.date = DEMO_DAY) -> Path:
        if today not in made:
            path = tmp_path_factory.mktemp(f"demo-{today.isoformat()}") / "Demo.finsam"
            create_demo(path, today=today)
            made[today] = path
        return made[today]

    return template


@pytest.fixture
def demo_copy(demo_template, tmp_path: Path) -> Callable[..., Path]:
    """``demo_copy(today=DEMO_DAY)``: a private copy of the demo made for that day, closed, at
    ``tmp_path / "Demo.finsam"`` (the same path each time within a test)."""

    def copy(today: dt.date = DEMO_DAY) -> Path:
        path = tmp_path / "Demo.finsam"
        shutil.copy(demo_template(today), path)
        return path

    return copy


@pytest.fixture
def open_demo(demo_copy) -> Iterator[Callable[..., storage.ForbundFile]]:
    """``open_demo(today=DEMO_DAY, undo=False)``: a private copy of the demo made for that day,
    open for writing (no daily backup), with undo if asked; closed after the test."""
    opened: list[storage.ForbundFile] = []

    def open_copy(today: dt.date = DEMO_DAY, *, undo: bool = False) -> storage.ForbundFile:
        ff = storage.open_file(demo_copy(today), storage.OpenOptions(daily_backup=False))
        opened.append(ff)
        if undo:
            ff.enable_undo()
        return ff

    yield open_copy
    for ff in opened:
        ff.close()


@pytest.fixture
def demo(open_demo) -> storage.ForbundFile:
    """A private copy of the demo förbund made for DEMO_DAY, open for writing."""
    return open_demo()
