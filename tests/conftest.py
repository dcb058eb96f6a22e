"""Shared fixtures: every test gets its own förbund file in a temporary folder."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

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
